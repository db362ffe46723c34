/* wg-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-context.h"

G_BEGIN_DECLS

#define WG_TYPE_WINDOW (wg_window_get_type ())

G_DECLARE_FINAL_TYPE (WgWindow, wg_window, WG, WINDOW, AdwApplicationWindow)

WgWindow   *wg_window_new           (AdwApplication *application,
                                     WgContext      *context,
                                     const GError   *open_error);

G_END_DECLS
