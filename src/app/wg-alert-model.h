/* wg-alert-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wg-store-alerts.h"

G_BEGIN_DECLS

#define WG_TYPE_ALERT (wg_alert_get_type ())

G_DECLARE_FINAL_TYPE (WgAlert, wg_alert, WG, ALERT, GObject)

const WgAlertInfo *wg_alert_get_info (WgAlert *self);
gint64             wg_alert_get_id   (WgAlert *self);

#define WG_TYPE_ALERT_MODEL (wg_alert_model_get_type ())

G_DECLARE_FINAL_TYPE (WgAlertModel, wg_alert_model, WG, ALERT_MODEL, GObject)

WgAlertModel *wg_alert_model_new     (void);
void          wg_alert_model_update  (WgAlertModel  *self,
                                      GPtrArray     *alerts,
                                      gboolean       held,
                                      GPtrArray    **waiting);
void          wg_alert_model_settle  (WgAlertModel  *self);
int           wg_alert_info_compare  (const WgAlertInfo *a,
                                      const WgAlertInfo *b);

G_END_DECLS
