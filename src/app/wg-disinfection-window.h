/* wg-disinfection-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_DISINFECTION_WINDOW (wg_disinfection_window_get_type ())

G_DECLARE_FINAL_TYPE (WgDisinfectionWindow, wg_disinfection_window, WG, DISINFECTION_WINDOW, AdwWindow)

WgDisinfectionWindow *wg_disinfection_window_new          (WgStore              *store,
                                                           const char           *grid_code,
                                                           const char           *grid_name);
void                  wg_disinfection_window_reload       (WgDisinfectionWindow *self);
void                  wg_disinfection_window_set_day      (WgDisinfectionWindow *self,
                                                           const char           *day);
void                  wg_disinfection_window_set_now      (WgDisinfectionWindow *self,
                                                           const char           *now);

/* For the tests. */
guint                 wg_disinfection_window_get_n_overdue (WgDisinfectionWindow *self);
guint                 wg_disinfection_window_get_n_visits  (WgDisinfectionWindow *self);
GtkWidget            *wg_disinfection_window_get_dialog    (WgDisinfectionWindow *self);

G_END_DECLS
