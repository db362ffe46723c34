/* wg-round-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store-records.h"

G_BEGIN_DECLS

#define WG_TYPE_ROUND_VIEW (wg_round_view_get_type ())

G_DECLARE_FINAL_TYPE (WgRoundView, wg_round_view, WG, ROUND_VIEW, AdwWindow)

WgRoundView *wg_round_view_new        (WgStore     *store,
                                       const char  *grid_code,
                                       const char  *grid_name,
                                       GError     **error);
guint        wg_round_view_get_n_people (WgRoundView *self);
GtkWidget   *wg_round_view_get_entry  (WgRoundView *self,
                                       guint        index);
const char  *wg_round_view_get_status (WgRoundView *self,
                                       guint        index);
void         wg_round_view_set_round  (WgRoundView *self,
                                       WgRound      round);

G_END_DECLS
