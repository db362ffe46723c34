/* wg-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-context.h"

G_BEGIN_DECLS

#define WG_TYPE_PREFERENCES_WINDOW (wg_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (WgPreferencesWindow, wg_preferences_window, WG, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

WgPreferencesWindow *wg_preferences_window_new (WgContext *context);

G_END_DECLS
