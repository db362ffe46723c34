/* wg-board-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store-status.h"

G_BEGIN_DECLS

#define WG_TYPE_BOARD_WINDOW (wg_board_window_get_type ())

G_DECLARE_FINAL_TYPE (WgBoardWindow, wg_board_window, WG, BOARD_WINDOW, AdwWindow)

WgBoardWindow *wg_board_window_new        (WgStore       *store,
                                           const char    *grid_code,
                                           const char    *grid_name);
void           wg_board_window_reload     (WgBoardWindow *self);
void           wg_board_window_set_day    (WgBoardWindow *self,
                                           const char    *day);

/* For the tests. */
gboolean       wg_board_window_is_loaded  (WgBoardWindow *self);
guint          wg_board_window_get_count  (WgBoardWindow *self,
                                           WgStatus       status);
GtkWidget     *wg_board_window_get_dialog (WgBoardWindow *self);

G_END_DECLS
