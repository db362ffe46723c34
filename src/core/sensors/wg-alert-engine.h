/* wg-alert-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wg-sensor-message.h"
#include "wg-store-alerts.h"

G_BEGIN_DECLS

#define WG_BATTERY_LOW 20
#define WG_REMINDER_SECONDS (5 * 60)
/* A device's own time is believed up to this far in the future (clocks
 * drift) and this far in the past (older is a replay, or a wrong clock). */
#define WG_DEVICE_TIME_SKEW_SECONDS 120
#define WG_DEVICE_TIME_HORIZON_HOURS 24

typedef enum
{
  WG_MESSAGE_FLAGS_NONE = 0,
  WG_MESSAGE_FLAGS_RETAINED = 1 << 0, /* the broker's retained copy, not news */
} WgMessageFlags;

typedef struct
{
  guint64 messages;
  guint64 duplicates;
  guint64 malformed;
  guint64 ignored;
  guint64 cleared;        /* empty payloads: a device's topic cleared */
  guint64 bad_fields;     /* optional fields read as unknown */
  guint64 retained;       /* retained copies: state kept, nothing raised */
  guint64 device_time;    /* messages timed by the device's last_seen */
  guint64 unknown_devices;
  guint64 expected_openings;
  guint64 alerts_opened;
  guint64 alerts_updated;
} WgFeedStats;

#define WG_TYPE_ALERT_ENGINE (wg_alert_engine_get_type ())

G_DECLARE_FINAL_TYPE (WgAlertEngine, wg_alert_engine, WG, ALERT_ENGINE, GObject)

WgAlertEngine *wg_alert_engine_new             (WgStore          *store,
                                                const char       *base_topic);
WgStore       *wg_alert_engine_get_store       (WgAlertEngine    *self);
const char    *wg_alert_engine_get_base_topic  (WgAlertEngine    *self);
gboolean       wg_alert_engine_handle          (WgAlertEngine    *self,
                                                const char       *topic,
                                                const void       *payload,
                                                gsize             length,
                                                guint             mid,
                                                WgMessageFlags    flags,
                                                GDateTime        *at,
                                                GError          **error);
gboolean       wg_alert_engine_begin_batch     (WgAlertEngine    *self,
                                                GError          **error);
gboolean       wg_alert_engine_end_batch       (WgAlertEngine    *self,
                                                GError          **error);
gboolean       wg_alert_engine_check_timers    (WgAlertEngine    *self,
                                                GDateTime        *now,
                                                GError          **error);
GArray        *wg_alert_engine_due_reminders   (WgAlertEngine    *self,
                                                GDateTime        *now);
void           wg_alert_engine_get_stats       (WgAlertEngine    *self,
                                                WgFeedStats      *stats);

void           wg_alert_engine_catch_up (WgAlertEngine *self);
void           wg_alert_engine_abort_batch (WgAlertEngine *self);
gboolean       wg_alert_engine_in_batch (WgAlertEngine *self);

G_END_DECLS
