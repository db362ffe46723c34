/* wg-roster-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_ROSTER_WINDOW (wg_roster_window_get_type ())

G_DECLARE_FINAL_TYPE (WgRosterWindow, wg_roster_window, WG, ROSTER_WINDOW, AdwWindow)

WgRosterWindow *wg_roster_window_new            (WgStore        *store);
void            wg_roster_window_reload         (WgRosterWindow *self);
void            wg_roster_window_set_week_of    (WgRosterWindow *self,
                                                 const char     *day);

/* For the tests. */
guint           wg_roster_window_get_n_warnings (WgRosterWindow *self);
guint           wg_roster_window_get_n_duties   (WgRosterWindow *self);
GtkWidget      *wg_roster_window_get_dialog     (WgRosterWindow *self);

G_END_DECLS
