/* wg-alert-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-alert-engine.h"
#include "wg-grid-node.h"
#include "wg-sensor-feed.h"

G_BEGIN_DECLS

#define WG_TYPE_ALERT_PANEL (wg_alert_panel_get_type ())

G_DECLARE_FINAL_TYPE (WgAlertPanel, wg_alert_panel, WG, ALERT_PANEL, GtkWidget)

void           wg_alert_panel_set_feed    (WgAlertPanel       *self,
                                           WgStore            *store,
                                           WgGridTree         *tree,
                                           WgSensorFeed       *feed);
void           wg_alert_panel_reload      (WgAlertPanel       *self);
guint          wg_alert_panel_get_n_open  (WgAlertPanel       *self);
guint          wg_alert_panel_get_n_rows  (WgAlertPanel       *self);

G_END_DECLS
