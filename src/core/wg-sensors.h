/* wg-sensors.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_VISIT_SAMPLING = 1,
  WG_VISIT_DISINFECTION = 2,
  WG_VISIT_DELIVERY = 3,
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
  gboolean armed;        /* its household is in home quarantine today */
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

G_END_DECLS
