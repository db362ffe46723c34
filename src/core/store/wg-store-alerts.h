/* wg-store-alerts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_ALERT_KIND_DOOR_OPENED = 1,
  WG_ALERT_KIND_TAMPER = 2,
  WG_ALERT_KIND_OFFLINE = 3,
  WG_ALERT_KIND_BATTERY_LOW = 4,
  WG_ALERT_KIND_UNKNOWN_DEVICE = 5,
  WG_ALERT_KIND_DOOR_LEFT_OPEN = 6,
  WG_ALERT_KIND_BRIDGE_OFFLINE = 7,
} WgAlertKind;

/* The device an alert about the Zigbee2MQTT bridge names. */
#define WG_BRIDGE_DEVICE "bridge"

typedef enum
{
  WG_SEVERITY_LOW = 1,
  WG_SEVERITY_MEDIUM = 2,
  WG_SEVERITY_HIGH = 3,
} WgSeverity;

typedef enum
{
  WG_ALERT_STATE_OPEN = 0,
  WG_ALERT_STATE_ACKNOWLEDGED = 1,
  WG_ALERT_STATE_DISPATCHED = 2,
  WG_ALERT_STATE_RESOLVED = 3,
} WgAlertState;

typedef enum
{
  WG_ALERT_OUTCOME_VIOLATION = 1,
  WG_ALERT_OUTCOME_AUTHORISED_EXIT = 2,
  WG_ALERT_OUTCOME_FALSE_ALARM = 3,
  WG_ALERT_OUTCOME_DEVICE_FAULT = 4,
} WgAlertOutcome;

/* One alert, ready to show. */
typedef struct
{
  gint64 id;
  WgAlertKind kind;
  WgSeverity severity;
  WgAlertState state;
  char *device;
  gint64 household_id;
  char *household_code;   /* NULL for an unknown device */
  char *address;
  char *grid_path;        /* township › village › group › micro-grid */
  char *grid_code;        /* the micro-grid */
  char *opened_at;
  char *last_event_at;
  guint event_count;
  char *worker;           /* the household's grid worker */
  char *worker_phone;
  char *acknowledged_by;
  char *acknowledged_at;
  char *dispatched_to;
  char *dispatched_at;
  char *resolved_at;
  WgAlertOutcome outcome; /* 0 until resolved */
  char *note;
} WgAlertInfo;

void        wg_alert_info_free        (WgAlertInfo    *info);
const char *wg_alert_kind_describe    (WgAlertKind     kind);
const char *wg_alert_kind_name        (WgAlertKind     kind);
const char *wg_severity_describe      (WgSeverity      severity);
const char *wg_severity_name          (WgSeverity      severity);
const char *wg_alert_state_describe   (WgAlertState    state);
const char *wg_alert_state_name       (WgAlertState    state);
const char *wg_alert_outcome_describe (WgAlertOutcome  outcome);
gboolean    wg_alert_outcome_from_string (const char   *text,
                                          WgAlertOutcome *outcome);

GPtrArray   *wg_store_list_alerts       (WgStore        *store,
                                         gboolean        only_open,
                                         const char     *township_code,
                                         GError        **error);
WgAlertInfo *wg_store_get_alert         (WgStore        *store,
                                         gint64          id,
                                         GError        **error);
guint        wg_store_count_open_alerts (WgStore        *store);
gboolean     wg_store_acknowledge_alert (WgStore        *store,
                                         gint64          id,
                                         GError        **error);
gboolean     wg_store_dispatch_alert    (WgStore        *store,
                                         gint64          id,
                                         gint64          staff_id,
                                         GError        **error);
gboolean     wg_store_resolve_alert     (WgStore        *store,
                                         gint64          id,
                                         WgAlertOutcome  outcome,
                                         const char     *note,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgAlertInfo, wg_alert_info_free)

G_END_DECLS
