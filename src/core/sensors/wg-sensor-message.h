/* wg-sensor-message.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wg-device-name.h"

G_BEGIN_DECLS

#define WG_SENSOR_ERROR (wg_sensor_error_quark ())

typedef enum
{
  WG_SENSOR_ERROR_NOT_A_DEVICE, /* the bridge's other topics, set/get: not ours, not an error */
  WG_SENSOR_ERROR_CLEARED,      /* an empty payload: Zigbee2MQTT clears a removed device's topic */
  WG_SENSOR_ERROR_MALFORMED,
  WG_SENSOR_ERROR_WRONG_TYPE,
  WG_SENSOR_ERROR_TOO_LARGE,
} WgSensorError;

/* Zigbee2MQTT sends a few hundred bytes; anything this large is not a sensor. */
#define WG_SENSOR_MAX_PAYLOAD (64 * 1024)

typedef enum
{
  WG_SENSOR_TOPIC_STATE,        /* <base>/<name> */
  WG_SENSOR_TOPIC_AVAILABILITY, /* <base>/<name>/availability */
  WG_SENSOR_TOPIC_BRIDGE_STATE, /* <base>/bridge/state */
} WgSensorTopic;

/* A Zigbee2MQTT message, read. Unknown values are -1 (or 0 for the time). */
typedef struct
{
  char *device;        /* the friendly name; NULL for the bridge */
  WgSensorTopic topic;
  int contact;         /* 1 closed, 0 open */
  int tamper;
  int battery_low;
  double battery;      /* 0–100, may be fractional */
  int online;          /* availability and the bridge's state */
  gint64 last_seen_ms; /* the device's own time (unix ms), from last_seen */
  guint n_bad_fields;  /* optional fields of the wrong type or range, read as unknown */
} WgSensorMessage;

GQuark   wg_sensor_error_quark            (void);
gboolean wg_sensor_message_parse          (const char      *base_topic,
                                           const char      *topic,
                                           const void      *payload,
                                           gsize            length,
                                           WgSensorMessage *message,
                                           GError         **error);
void     wg_sensor_message_clear          (WgSensorMessage *message);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WgSensorMessage, wg_sensor_message_clear)

G_END_DECLS
