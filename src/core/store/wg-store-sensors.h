/* wg-sensors.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

/* What the feed does with a message (sensor_event.kind). */
typedef enum
{
  WG_SENSOR_EVENT_KIND_STATE = 1,
  WG_SENSOR_EVENT_KIND_AVAILABILITY = 2,
  WG_SENSOR_EVENT_KIND_EXPECTED_OPENING = 3, /* inside a visit window */
  WG_SENSOR_EVENT_KIND_MALFORMED = 4,
} WgSensorEventKind;


typedef enum
{
  WG_VISIT_PURPOSE_SAMPLING = 1,
  WG_VISIT_PURPOSE_DISINFECTION = 2,
  WG_VISIT_PURPOSE_DELIVERY = 3,
} WgVisitPurpose;

/* A door sensor as the sensors page shows it. */
typedef struct
{
  gint64 id;
  char *device;
  char *model;
  gint64 household_id;   /* 0: not bound */
  char *household_code;
  char *address;
  int online;            /* -1 never heard from */
  int battery;           /* -1 unknown */
  int contact;           /* -1 unknown, 0 open, 1 closed */
  char *last_seen;
  gboolean armed;        /* its household is in home quarantine today, or its room occupied */
  gint64 room_id;        /* 0: not on a room */
  char *room;            /* the site and room number */
} WgSensorInfo;

typedef struct
{
  gint64 id;
  WgVisitPurpose purpose;
  char *starts_at;
  char *ends_at;
} WgVisitWindow;

void        wg_sensor_info_free        (WgSensorInfo    *info);
void        wg_visit_window_free       (WgVisitWindow   *window);
const char *wg_visit_purpose_describe  (WgVisitPurpose   purpose);

GPtrArray  *wg_store_list_sensors      (WgStore         *store,
                                        const char      *today,
                                        GError         **error);
gboolean    wg_store_register_sensor   (WgStore         *store,
                                        const char      *device,
                                        const char      *model,
                                        gint64          *id,
                                        GError         **error);
gboolean    wg_store_bind_sensor       (WgStore         *store,
                                        const char      *device,
                                        const char      *household_code,
                                        GError         **error);
gboolean    wg_store_bind_sensor_to_room (WgStore       *store,
                                        const char      *device,
                                        gint64           room_id,
                                        GError         **error);
gboolean    wg_store_unbind_sensor     (WgStore         *store,
                                        const char      *device,
                                        GError         **error);
gboolean    wg_store_add_visit_window  (WgStore         *store,
                                        gint64           household_id,
                                        WgVisitPurpose   purpose,
                                        const char      *starts_at,
                                        const char      *ends_at,
                                        gint64          *id,
                                        GError         **error);
gboolean    wg_store_delete_visit_window (WgStore       *store,
                                          gint64           id,
                                          GError         **error);
GPtrArray  *wg_store_list_visit_windows (WgStore        *store,
                                         gint64           household_id,
                                         GError         **error);
GStrv       wg_store_list_sensor_devices (WgStore       *store,
                                          gboolean         only_bound,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgSensorInfo, wg_sensor_info_free)

/* Who holds a database's sensor feed. Times in unix seconds. */
typedef struct
{
  char *holder;
  char *purpose;
  char *host;
  gint64 pid;
  gint64 taken_at;
  gint64 renewed_at;
  gint64 expires_at;
} WgFeedLease;

gboolean     wg_sensor_check_device_name (const char   *device,
                                          GError      **error);
void         wg_feed_lease_free          (WgFeedLease  *lease);
WgFeedLease *wg_store_get_feed_lease     (WgStore      *store,
                                          GError      **error);
gboolean     wg_store_take_feed_lease    (WgStore      *store,
                                          const char   *holder,
                                          const char   *purpose,
                                          guint         seconds,
                                          gint64        now,
                                          gboolean     *taken,
                                          WgFeedLease **other,
                                          GError      **error);
gboolean     wg_store_release_feed_lease (WgStore      *store,
                                          const char   *holder,
                                          GError      **error);
char        *wg_store_dup_database_id    (WgStore      *store,
                                          GError      **error);
int          wg_store_get_bridge_state   (WgStore      *store,
                                          const char   *base_topic,
                                          char        **since,
                                          GError      **error);

/* One message as the feed recorded it. */
typedef struct
{
  char *device;
  char *received_at;
  char *occurred_at;   /* the device's own time when it gave one, else the arrival */
  gboolean device_time;
  int kind;            /* WgSensorEventKind */
  char *payload;
} WgSensorEventInfo;

void       wg_sensor_event_info_free   (WgSensorEventInfo *info);
GPtrArray *wg_store_list_sensor_events (WgStore           *store,
                                        const char        *device,
                                        guint              limit,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgFeedLease, wg_feed_lease_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgSensorEventInfo, wg_sensor_event_info_free)

G_END_DECLS
