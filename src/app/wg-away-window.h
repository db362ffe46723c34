/* wg-away-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_AWAY_WINDOW (wg_away_window_get_type ())

G_DECLARE_FINAL_TYPE (WgAwayWindow, wg_away_window, WG, AWAY_WINDOW, AdwWindow)

WgAwayWindow *wg_away_window_new          (WgStore      *store,
                                           const char   *grid_code,
                                           const char   *grid_name);
void          wg_away_window_reload       (WgAwayWindow *self);

/* For the tests. */
guint         wg_away_window_get_n_people (WgAwayWindow *self);
guint         wg_away_window_get_n_care   (WgAwayWindow *self);
GtkWidget    *wg_away_window_get_dialog   (WgAwayWindow *self);

G_END_DECLS
