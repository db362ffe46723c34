/* wg-returnees-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store-returnees.h"

G_BEGIN_DECLS

#define WG_TYPE_RETURNEES_WINDOW (wg_returnees_window_get_type ())

G_DECLARE_FINAL_TYPE (WgReturneesWindow, wg_returnees_window, WG, RETURNEES_WINDOW, AdwWindow)

WgReturneesWindow *wg_returnees_window_new          (WgStore           *store);
void               wg_returnees_window_reload       (WgReturneesWindow *self);

void               wg_returnees_window_show_state   (WgReturneesWindow *self,
                                                     WgReturneeState    state);

/* For the tests. */
guint              wg_returnees_window_get_n_rows   (WgReturneesWindow *self);
void               wg_returnees_window_select       (WgReturneesWindow *self,
                                                     gint64             returnee_id,
                                                     gboolean           selected);
GtkWidget         *wg_returnees_window_get_dialog   (WgReturneesWindow *self);
const char        *wg_returnees_window_get_counts   (WgReturneesWindow *self);

G_END_DECLS
