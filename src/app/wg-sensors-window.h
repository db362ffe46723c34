/* wg-sensors-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_SENSORS_WINDOW (wg_sensors_window_get_type ())

G_DECLARE_FINAL_TYPE (WgSensorsWindow, wg_sensors_window, WG, SENSORS_WINDOW, AdwWindow)

WgSensorsWindow *wg_sensors_window_new        (WgStore         *store);
void             wg_sensors_window_reload     (WgSensorsWindow *self);
guint            wg_sensors_window_get_n_rows (WgSensorsWindow *self);
GtkWidget       *wg_sensors_window_get_dialog (WgSensorsWindow *self);

G_END_DECLS
