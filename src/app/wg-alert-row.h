/* wg-alert-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wg-alert-model.h"

G_BEGIN_DECLS

#define WG_TYPE_ALERT_ROW (wg_alert_row_get_type ())

G_DECLARE_FINAL_TYPE (WgAlertRow, wg_alert_row, WG, ALERT_ROW, GtkWidget)

GtkWidget *wg_alert_row_new         (void);
WgAlert   *wg_alert_row_get_alert   (WgAlertRow *self);
void       wg_alert_row_set_alert   (WgAlertRow *self,
                                     WgAlert    *alert);
void       wg_alert_row_update_time (WgAlertRow *self);
void       wg_alert_row_set_read_only (WgAlertRow *self,
                                       gboolean    read_only);

G_END_DECLS
