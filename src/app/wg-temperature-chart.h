/* wg-temperature-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wg-store-records.h"

G_BEGIN_DECLS

#define WG_TYPE_TEMPERATURE_CHART (wg_temperature_chart_get_type ())

G_DECLARE_FINAL_TYPE (WgTemperatureChart, wg_temperature_chart, WG, TEMPERATURE_CHART, GtkWidget)

GtkWidget *wg_temperature_chart_new          (const WgRecordTable *temperatures);
guint      wg_temperature_chart_get_n_points (WgTemperatureChart  *self);

G_END_DECLS
