/* wg-first-frame.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*WgFirstFrameFunc) (GtkWidget *widget);

void wg_after_first_frame (GtkWidget        *widget,
                           WgFirstFrameFunc  func);

G_END_DECLS
