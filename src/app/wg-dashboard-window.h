/* wg-dashboard-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store-figures.h"

G_BEGIN_DECLS

#define WG_TYPE_DASHBOARD_WINDOW (wg_dashboard_window_get_type ())

G_DECLARE_FINAL_TYPE (WgDashboardWindow, wg_dashboard_window, WG, DASHBOARD_WINDOW, AdwWindow)

WgDashboardWindow *wg_dashboard_window_new          (WgStore           *store,
                                                     const char        *grid_code,
                                                     const char        *grid_name);
void               wg_dashboard_window_reload       (WgDashboardWindow *self);
void               wg_dashboard_window_queue_reload (WgDashboardWindow *self);
void               wg_dashboard_window_set_day      (WgDashboardWindow *self,
                                                     const char        *day);
void               wg_dashboard_window_set_now      (WgDashboardWindow *self,
                                                     const char        *now);
gboolean           wg_dashboard_window_save_report  (WgDashboardWindow *self,
                                                     const char        *path,
                                                     GError           **error);

/* For the tests. */
gboolean           wg_dashboard_window_is_loaded    (WgDashboardWindow *self);
gboolean           wg_dashboard_window_trends_loaded (WgDashboardWindow *self);
int                wg_dashboard_window_get_figure   (WgDashboardWindow *self,
                                                     WgFigure           figure,
                                                     const char        *code);
void               wg_dashboard_window_get_precision (WgDashboardWindow *self,
                                                      WgPrecision        precision,
                                                      guint             *met,
                                                      guint             *of);
const char        *wg_dashboard_window_get_sites_text (WgDashboardWindow *self);
double             wg_dashboard_window_get_trend_last (WgDashboardWindow *self,
                                                       guint              trend);

G_END_DECLS
