/* wg-window-edit-actions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void wg_edit_actions_install (GtkWidgetClass *window_class);

G_END_DECLS
