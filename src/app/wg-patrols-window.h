/* wg-patrols-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_PATROLS_WINDOW (wg_patrols_window_get_type ())

G_DECLARE_FINAL_TYPE (WgPatrolsWindow, wg_patrols_window, WG, PATROLS_WINDOW, AdwWindow)

WgPatrolsWindow *wg_patrols_window_new           (WgStore         *store,
                                                  const char      *grid_code,
                                                  const char      *grid_name);
void             wg_patrols_window_reload        (WgPatrolsWindow *self);
void             wg_patrols_window_set_day       (WgPatrolsWindow *self,
                                                  const char      *day);

/* For the tests. */
guint            wg_patrols_window_get_missing   (WgPatrolsWindow *self);
guint            wg_patrols_window_get_n_reports (WgPatrolsWindow *self);
GtkWidget       *wg_patrols_window_get_dialog    (WgPatrolsWindow *self);

G_END_DECLS
