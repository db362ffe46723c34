/* wg-sensor-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading one Zigbee2MQTT message, as real installations send it. Every rule
 * here comes from Zigbee2MQTT's own sources (Koenkk/zigbee2mqtt, read at
 * 6835cbf5, and Koenkk/zigbee-herdsman-converters at df720053):
 *
 *  - topics: a device's state on "<base>/<friendly name>", its availability
 *    on "<base>/<friendly name>/availability"; "<base>/bridge/…" is the
 *    bridge's own, of which only "bridge/state" matters to us (lib/mqtt.ts:
 *    {"state":"online"} when it starts, {"state":"offline"} as its last
 *    will); "…/set" and "…/get" and their sub-topics are commands to devices;
 *  - friendly names may contain "/" (they build a topic tree), but never
 *    start or end with it, never end in "/" and digits, never hold "+" or
 *    "#" or control characters (lib/util/utils.ts, validateFriendlyName);
 *  - a renamed or removed device's retained topics are cleared with an
 *    empty retained payload (lib/extension/bridge.ts, availability.ts);
 *  - availability is {"state":"online"|"offline"}, or the bare word in the
 *    legacy mode;
 *  - a state is a JSON object holding the device's whole cached state:
 *    "contact" true is closed (fromZigbee.ts ias_contact_alarm_1: contact =
 *    !(zoneStatus & 1); lumi contact the same way), "tamper" and
 *    "battery_low" from the same zone status bits, "battery" may be
 *    fractional (fromZigbee.ts battery: batteryPercentageRemaining / 2,
 *    rounded to two places — Tuya TS0203, SONOFF SNZB-04), "voltage" in mV,
 *    "linkquality", and "last_seen" (advanced.last_seen: ISO_8601 in UTC,
 *    ISO_8601_local with an offset, or epoch milliseconds; lib/util/utils.ts
 *    formatDate). Any value may be null.
 *
 * One bad optional field makes that field unknown and is counted; it never
 * costs the message its door or tamper state.
 */

#define G_LOG_DOMAIN "wg-sensor-message"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "wg-sensor-message.h"
#include "wg-device-name.h"

G_DEFINE_QUARK (wg-sensor-error-quark, wg_sensor_error)

/* Milliseconds: 2019-01-01 to 2100-01-01, what the store can keep. */
#define EPOCH_MS_MIN G_GINT64_CONSTANT (1546300800000)
#define EPOCH_MS_MAX G_GINT64_CONSTANT (4102444800000)

void
wg_sensor_message_clear (WgSensorMessage *message)
{
  g_clear_pointer (&message->device, g_free);
}

static gboolean
not_a_device (const char  *topic,
              GError     **error)
{
  g_autofree char *shown = g_utf8_make_valid (topic, MIN (strlen (topic), 200));

  g_set_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_NOT_A_DEVICE,
               _("“%s” is not a device's topic."), shown);
  return FALSE;
}

static gboolean
read_topic (const char     *base_topic,
            const char     *topic,
            WgSensorTopic  *kind,
            char          **device,
            GError        **error)
{
  static const char availability[] = "/availability";
  gsize base_length = strlen (base_topic);
  g_auto(GStrv) parts = NULL;
  g_autofree char *name = NULL;
  const char *rest;
  gsize rest_length;

  if (strncmp (topic, base_topic, base_length) != 0 || topic[base_length] != '/')
    return not_a_device (topic, error);
  rest = topic + base_length + 1;

  if (strcmp (rest, "bridge/state") == 0)
    {
      *kind = WG_SENSOR_TOPIC_BRIDGE_STATE;
      *device = NULL;
      return TRUE;
    }
  if (strcmp (rest, "bridge") == 0 || strncmp (rest, "bridge/", 7) == 0)
    return not_a_device (topic, error);

  /* Commands to devices, and what answers them. */
  parts = g_strsplit (rest, "/", 0);
  for (guint i = 1; parts[0] != NULL && parts[i] != NULL; i++)
    if (strcmp (parts[i], "set") == 0 || strcmp (parts[i], "get") == 0)
      return not_a_device (topic, error);

  rest_length = strlen (rest);
  if (rest_length > strlen (availability) && g_str_has_suffix (rest, availability))
    {
      *kind = WG_SENSOR_TOPIC_AVAILABILITY;
      name = g_strndup (rest, rest_length - strlen (availability));
    }
  else
    {
      *kind = WG_SENSOR_TOPIC_STATE;
      name = g_strdup (rest);
    }
  if (!wg_sensor_friendly_name_is_valid (name))
    return not_a_device (topic, error);
  *device = g_steal_pointer (&name);
  return TRUE;
}

/* "online" / "offline", bare or as {"state": …}. */
static gboolean
read_online (const char  *text,
             JsonNode    *root,
             int         *online,
             GError     **error)
{
  JsonNode *state;
  const char *word;

  if (strcmp (text, "online") == 0 || strcmp (text, "offline") == 0)
    {
      *online = strcmp (text, "online") == 0;
      return TRUE;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED,
                           _("Availability is “online” or “offline”."));
      return FALSE;
    }
  state = json_object_get_member (json_node_get_object (root), "state");
  if (state == NULL || !JSON_NODE_HOLDS_VALUE (state) ||
      json_node_get_value_type (state) != G_TYPE_STRING)
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_WRONG_TYPE,
                           _("“state” has the wrong type."));
      return FALSE;
    }
  word = json_node_get_string (state);
  if (strcmp (word, "online") != 0 && strcmp (word, "offline") != 0)
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED,
                           _("Availability is “online” or “offline”."));
      return FALSE;
    }
  *online = strcmp (word, "online") == 0;
  return TRUE;
}

/* An optional member: absent or null is unknown; present, it must be what
 * Zigbee2MQTT sends, or it is unknown and counted as bad. */
static JsonNode *
optional_member (JsonObject      *object,
                 const char      *name,
                 WgSensorMessage *message)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      message->n_bad_fields++;
      return NULL;
    }
  return node;
}

static int
read_boolean (JsonObject      *object,
              const char      *name,
              WgSensorMessage *message)
{
  JsonNode *node = optional_member (object, name, message);

  if (node == NULL)
    return -1;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      message->n_bad_fields++;
      return -1;
    }
  return json_node_get_boolean (node) ? 1 : 0;
}

/* A JSON number, integer or not; NAN (and counted) when it is something else. */
static double
node_number (JsonNode        *node,
             WgSensorMessage *message)
{
  GType type = json_node_get_value_type (node);
  double value;

  if (type == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    value = NAN;
  if (!isfinite (value))
    {
      message->n_bad_fields++;
      return NAN;
    }
  return value;
}

static double
read_number (JsonObject      *object,
             const char      *name,
             WgSensorMessage *message)
{
  JsonNode *node = optional_member (object, name, message);

  return node != NULL ? node_number (node, message) : NAN;
}

/* The device's own time, in unix ms; 0 when absent or not a time the store
 * can keep (counted). */
static gint64
read_last_seen (JsonObject      *object,
                WgSensorMessage *message)
{
  JsonNode *node = optional_member (object, "last_seen", message);
  gint64 ms = 0;

  if (node == NULL)
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      static GTimeZone *local = NULL;
      g_autoptr(GDateTime) time = NULL;

      /* Looked up once: each lookup reads /etc/localtime again. A time
       * without an offset (not what Zigbee2MQTT sends) is local. */
      if (g_once_init_enter (&local))
        g_once_init_leave (&local, g_time_zone_new_local ());
      time = g_date_time_new_from_iso8601 (json_node_get_string (node), local);
      if (time != NULL)
        ms = g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
    }
  else
    {
      double value = node_number (node, message);

      if (isnan (value))
        return 0; /* counted */
      if (value >= (double) EPOCH_MS_MIN && value <= (double) EPOCH_MS_MAX)
        ms = (gint64) value;
    }
  if (ms < EPOCH_MS_MIN || ms > EPOCH_MS_MAX)
    {
      message->n_bad_fields++;
      return 0;
    }
  return ms;
}

static void
read_state (JsonObject      *object,
            WgSensorMessage *message)
{
  double battery, other;

  message->contact = read_boolean (object, "contact", message);
  message->tamper = read_boolean (object, "tamper", message);
  message->battery_low = read_boolean (object, "battery_low", message);

  battery = read_number (object, "battery", message);
  if (!isnan (battery) && (battery < 0 || battery > 100))
    message->n_bad_fields++;
  else if (!isnan (battery))
    message->battery = battery;

  /* Read only to count them when they are broken. */
  other = read_number (object, "voltage", message);
  if (!isnan (other) && other < 0)
    message->n_bad_fields++;
  other = read_number (object, "linkquality", message);
  if (!isnan (other) && (other < 0 || other > 255))
    message->n_bad_fields++;

  message->last_seen_ms = read_last_seen (object, message);
}

/**
 * wg_sensor_message_parse:
 * @base_topic: the Zigbee2MQTT base topic ("zigbee2mqtt")
 * @topic: the message's topic
 * @payload: (nullable): its bytes
 * @length: how many
 * @message: (out caller-allocates): filled in on success
 * @error: return location for a #GError
 *
 * Returns: %TRUE for a device's state or availability, or the bridge's
 *   state; NOT_A_DEVICE for every other topic, CLEARED for an empty
 *   payload, MALFORMED, WRONG_TYPE or TOO_LARGE otherwise
 */
gboolean
wg_sensor_message_parse (const char       *base_topic,
                         const char       *topic,
                         const void       *payload,
                         gsize             length,
                         WgSensorMessage  *message,
                         GError          **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  g_autofree char *device = NULL;
  WgSensorTopic kind = WG_SENSOR_TOPIC_STATE;
  JsonNode *root = NULL;

  g_return_val_if_fail (base_topic != NULL, FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);
  g_return_val_if_fail (payload != NULL || length == 0, FALSE);

  memset (message, 0, sizeof *message);
  message->contact = message->tamper = message->battery_low = message->online = -1;
  message->battery = -1;

  if (!read_topic (base_topic, topic, &kind, &device, error))
    return FALSE;

  if (length == 0)
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_CLEARED,
                           _("An empty message clears a device's topic."));
      return FALSE;
    }
  if (length > WG_SENSOR_MAX_PAYLOAD)
    {
      g_set_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_TOO_LARGE,
                   _("A message of %u bytes is too large for a sensor."), (guint) MIN (length, G_MAXUINT));
      return FALSE;
    }
  if (memchr (payload, '\0', length) != NULL || !g_utf8_validate_len (payload, length, NULL))
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED,
                           _("The message is not text."));
      return FALSE;
    }
  text = g_strndup (payload, length);
  g_strstrip (text);

  parser = json_parser_new_immutable ();
  if (*text != '\0' && json_parser_load_from_data (parser, text, -1, NULL))
    root = json_parser_get_root (parser);

  message->topic = kind;
  if (kind != WG_SENSOR_TOPIC_STATE)
    {
      if (!read_online (text, root, &message->online, error))
        return FALSE;
    }
  else if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED,
                           _("The message is not a JSON object."));
      return FALSE;
    }
  else
    read_state (json_node_get_object (root), message);

  message->device = g_steal_pointer (&device);
  return TRUE;
}
