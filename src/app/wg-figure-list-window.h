/* wg-figure-list-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store-figures.h"

G_BEGIN_DECLS

#define WG_TYPE_FIGURE_LIST_WINDOW (wg_figure_list_window_get_type ())

G_DECLARE_FINAL_TYPE (WgFigureListWindow, wg_figure_list_window, WG, FIGURE_LIST_WINDOW, AdwWindow)

WgFigureListWindow *wg_figure_list_window_new        (WgStore            *store,
                                                      int                 figure,
                                                      int                 precision,
                                                      const char         *grid_code,
                                                      const char         *day,
                                                      const char         *now);
void                wg_figure_list_window_reload     (WgFigureListWindow *self);

/* For the tests. */
guint               wg_figure_list_window_get_n_rows (WgFigureListWindow *self);
gint64              wg_figure_list_window_get_row_id (WgFigureListWindow *self,
                                                      guint               n);
GtkWidget          *wg_figure_list_window_get_dialog (WgFigureListWindow *self);

G_END_DECLS
