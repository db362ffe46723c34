/* wg-trend-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WG_TYPE_TREND_CHART (wg_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (WgTrendChart, wg_trend_chart, WG, TREND_CHART, GtkWidget)

WgTrendChart *wg_trend_chart_new        (const char   *title,
                                         gboolean      percent);
void          wg_trend_chart_set_values (WgTrendChart *self,
                                         const double *values,
                                         guint         n,
                                         const char   *first_day,
                                         const char   *last_day);
double        wg_trend_chart_get_last   (WgTrendChart *self);

G_END_DECLS
