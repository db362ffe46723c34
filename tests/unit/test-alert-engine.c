/* test-alert-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The alert engine without a network: Zigbee2MQTT messages handed to it
 * directly, at chosen times, against a real database.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "wg-alert-engine.h"
#include "wg-demo.h"
#include "wg-sensor-message.h"
#include "wg-store-alerts.h"
#include "wg-store-audit.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-sensors.h"
#include "wg-store-settings.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"
#include "../wg-test-z2m.h"

#define DAY "2026-11-29"
#define MICRO_GRID "1410211002000101"
#define DEVICE "0x00158d0001a2b3c4"
#define TOPIC "zigbee2mqtt/" DEVICE

typedef struct
{
  char *dir;
  WgStore *store;
  WgAlertEngine *engine;
  gint64 household_id;
  guint n_new;
  guint n_updated;
  gint64 last_alert;
  guint mid;
} Fixture;

#define CLOSED "{\"contact\":true,\"battery\":90}"
#define OPEN "{\"contact\":false,\"battery\":90}"

static GDateTime *
at (const char *day,
    int         hour,
    int         minute)
{
  int y, m, d;

  g_assert_cmpint (sscanf (day, "%d-%d-%d", &y, &m, &d), ==, 3);
  return g_date_time_new_local (y, m, d, hour, minute, 0);
}

static void
on_alert_cb (WgAlertEngine *engine,
             gint64         id,
             gboolean       is_new,
             Fixture       *fixture)
{
  if (is_new)
    fixture->n_new++;
  else
    fixture->n_updated++;
  fixture->last_alert = id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  WgPersonFields person = { "141021198003150013", "欧阳娜", "13700001234", "户主", 0 };
  gint64 person_id;

  fixture->dir = wg_test_make_tmp_dir ();
  path = wg_test_database (fixture->dir, "county");
  fixture->store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (fixture->store, WG_DEMO_SCALE_SMALL, 3, DAY, NULL, NULL, &error));
  wg_store_set_operator (fixture->store, "值班员甲");

  /* A household in home quarantine from 11-20 to 12-03, with its door sensor. */
  g_assert_true (wg_store_add_household (fixture->store, MICRO_GRID, "T3STHH0001", "曲沃县乐昌镇测试巷1号",
                                         &fixture->household_id, &error));
  person.household_id = fixture->household_id;
  g_assert_true (wg_store_add_person (fixture->store, &person, &person_id, &error));
  g_assert_true (wg_store_add_quarantine (fixture->store, person_id, 1, "2026-11-20", "2026-12-03", &error));
  g_assert_true (wg_store_register_sensor (fixture->store, DEVICE, "MCCGQ11LM", NULL, &error));
  g_assert_true (wg_store_bind_sensor (fixture->store, DEVICE, "T3STHH0001", &error));
  g_assert_no_error (error);

  fixture->engine = wg_alert_engine_new (fixture->store, NULL);
  g_signal_connect (fixture->engine, "alert", G_CALLBACK (on_alert_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->store);
  wg_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Hands the engine a message as the feed would, each with its own MQTT id. */
static void
send (Fixture    *fixture,
      const char *topic,
      const char *payload,
      GDateTime  *when)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wg_alert_engine_handle (fixture->engine, topic, payload, strlen (payload),
                                         ++fixture->mid, WG_MESSAGE_FLAGS_NONE, when, &error));
  g_assert_no_error (error);
}

/* The broker's retained copy, as a new subscription (a restart) gets it. */
static void
send_retained (Fixture    *fixture,
               const char *topic,
               const char *payload,
               GDateTime  *when)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wg_alert_engine_handle (fixture->engine, topic, payload, strlen (payload),
                                         ++fixture->mid, WG_MESSAGE_FLAGS_RETAINED, when, &error));
  g_assert_no_error (error);
}

static WgAlertInfo *
only_open_alert (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = wg_store_list_alerts (fixture->store, TRUE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 1);
  return g_ptr_array_steal_index (alerts, 0);
}

static GPtrArray *
open_alerts (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts = wg_store_list_alerts (fixture->store, TRUE, NULL, &error);

  g_assert_no_error (error);
  return alerts;
}

static void
test_parse (void)
{
  static const struct
  {
    const char *topic;
    const char *payload;
    int code; /* -1: parses */
    const char *device;
  } cases[] = {
    { TOPIC, "{\"contact\":false,\"battery\":91,\"linkquality\":120}", -1, DEVICE },
    { TOPIC "/availability", "{\"state\":\"offline\"}", -1, DEVICE },
    { TOPIC "/availability", "online", -1, DEVICE },
    /* Friendly names may build a topic tree. */
    { "zigbee2mqtt/乐昌镇/南关/348号", "{\"contact\":true}", -1, "乐昌镇/南关/348号" },
    { "zigbee2mqtt/乐昌镇/南关/348号/availability", "{\"state\":\"online\"}", -1, "乐昌镇/南关/348号" },
    { "zigbee2mqtt/bridge/state", "{\"state\":\"online\"}", -1, NULL },
    { "zigbee2mqtt/bridge/state", "offline", -1, NULL },
    { "zigbee2mqtt/bridge/info", "{\"version\":\"1.33\"}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "zigbee2mqtt/bridge/devices", "[]", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "zigbee2mqtt/" DEVICE "/set", "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "zigbee2mqtt/" DEVICE "/get", "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "zigbee2mqtt/" DEVICE "/set/state", "ON", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "zigbee2mqtt/乐昌镇/南关/348号/set", "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    /* Not a name Zigbee2MQTT allows: an endpoint's topic. */
    { "zigbee2mqtt/" DEVICE "/1", "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "zigbee2mqtt/", "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "zigbee2mqtt", "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "other/" DEVICE, "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { TOPIC, "", WG_SENSOR_ERROR_CLEARED },
    { TOPIC "/availability", "", WG_SENSOR_ERROR_CLEARED },
    { TOPIC, "{\"contact\":fals", WG_SENSOR_ERROR_MALFORMED },
    { TOPIC, "[1,2,3]", WG_SENSOR_ERROR_MALFORMED },
    { TOPIC, "null", WG_SENSOR_ERROR_MALFORMED },
    { TOPIC, "   ", WG_SENSOR_ERROR_MALFORMED },
    { TOPIC "/availability", "{\"state\":1}", WG_SENSOR_ERROR_WRONG_TYPE },
    { TOPIC "/availability", "maybe", WG_SENSOR_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WgSensorMessage) message = { 0 };
      g_autoptr(GError) error = NULL;
      gboolean ok = wg_sensor_message_parse ("zigbee2mqtt", cases[i].topic, cases[i].payload,
                                             strlen (cases[i].payload), &message, &error);

      g_test_message ("%s %s", cases[i].topic, cases[i].payload);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (message.device, ==, cases[i].device);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, WG_SENSOR_ERROR, cases[i].code);
        }
    }

  /* What a door sensor says; a fractional battery; a device's own time. */
  {
    g_auto(WgSensorMessage) message = { 0 };
    const char *payload = "{\"contact\":false,\"battery\":66.5,\"tamper\":true,\"voltage\":2900,"
                          "\"last_seen\":\"2026-11-29T01:50:00.123Z\"}";

    g_assert_true (wg_sensor_message_parse ("zigbee2mqtt", TOPIC, payload, strlen (payload), &message, NULL));
    g_assert_cmpint (message.contact, ==, 0);
    g_assert_cmpfloat (message.battery, ==, 66.5);
    g_assert_cmpint (message.tamper, ==, 1);
    g_assert_cmpint (message.battery_low, ==, -1);
    g_assert_cmpint (message.topic, ==, WG_SENSOR_TOPIC_STATE);
    g_assert_cmpint (message.last_seen_ms, ==, G_GINT64_CONSTANT (1795917000123));
    g_assert_cmpuint (message.n_bad_fields, ==, 0);
  }

  /* last_seen in each of Zigbee2MQTT's formats names the same moment. */
  {
    g_autoptr(JsonObject) bridge = wg_test_z2m_load ("zigbee2mqtt-bridge");
    const char *keys[] = { "last_seen_iso_8601", "last_seen_iso_8601_local", "last_seen_epoch" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_auto(WgSensorMessage) message = { 0 };
        g_autofree char *value = json_to_string (json_object_get_member (bridge, keys[i]), FALSE);
        g_autofree char *payload = g_strdup_printf ("{\"contact\":true,\"last_seen\":%s}", value);

        g_assert_true (wg_sensor_message_parse ("zigbee2mqtt", TOPIC, payload, strlen (payload), &message, NULL));
        g_assert_cmpint (message.last_seen_ms, ==, G_GINT64_CONSTANT (1795917000123));
      }
  }

  /* null is unknown; one bad optional field is unknown and counted, and the
   * door and tamper states stay. */
  {
    g_auto(WgSensorMessage) message = { 0 };
    const char *payload = "{\"contact\":false,\"battery\":\"full\",\"voltage\":null,\"linkquality\":[1],"
                          "\"tamper\":false,\"battery_low\":null,\"last_seen\":\"yesterday\","
                          "\"unknown\":{\"x\":1}}";

    g_assert_true (wg_sensor_message_parse ("zigbee2mqtt", TOPIC, payload, strlen (payload), &message, NULL));
    g_assert_cmpint (message.contact, ==, 0);
    g_assert_cmpint (message.tamper, ==, 0);
    g_assert_cmpfloat (message.battery, <, 0);
    g_assert_cmpint (message.battery_low, ==, -1);
    g_assert_cmpint (message.last_seen_ms, ==, 0);
    g_assert_cmpuint (message.n_bad_fields, ==, 3);
  }
  {
    g_auto(WgSensorMessage) message = { 0 };
    const char *payload = "{\"contact\":\"no\",\"battery\":250,\"battery_low\":true}";

    g_assert_true (wg_sensor_message_parse ("zigbee2mqtt", TOPIC, payload, strlen (payload), &message, NULL));
    g_assert_cmpint (message.contact, ==, -1);
    g_assert_cmpfloat (message.battery, <, 0);
    g_assert_cmpint (message.battery_low, ==, 1);
    g_assert_cmpuint (message.n_bad_fields, ==, 2);
  }

  /* Binary garbage and a megabyte. */
  {
    g_auto(WgSensorMessage) message = { 0 };
    g_autoptr(GError) error = NULL;
    static const guchar garbage[] = { 0xff, 0x00, 0xfe, 0x7b, 0x22 };
    g_autofree char *big = g_malloc0 (1024 * 1024);

    g_assert_false (wg_sensor_message_parse ("zigbee2mqtt", TOPIC, garbage, sizeof garbage, &message, &error));
    g_assert_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED);
    g_clear_error (&error);
    g_assert_false (wg_sensor_message_parse ("zigbee2mqtt", TOPIC, big, 1024 * 1024, &message, &error));
    g_assert_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_TOO_LARGE);
    g_clear_error (&error);
    /* libmosquitto hands an empty payload as NULL. */
    g_assert_false (wg_sensor_message_parse ("zigbee2mqtt", TOPIC "/availability", NULL, 0, &message, &error));
    g_assert_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_CLEARED);
  }

  /* Zigbee2MQTT's own rule for friendly names. */
  g_assert_true (wg_sensor_friendly_name_is_valid ("乐昌镇/南关/348号"));
  g_assert_true (wg_sensor_friendly_name_is_valid ("0x00158d0001a2b3c4"));
  g_assert_true (wg_sensor_friendly_name_is_valid ("door 1a"));
  g_assert_false (wg_sensor_friendly_name_is_valid ("/door"));
  g_assert_false (wg_sensor_friendly_name_is_valid ("door/"));
  g_assert_false (wg_sensor_friendly_name_is_valid ("door/12"));
  g_assert_false (wg_sensor_friendly_name_is_valid ("door+1"));
  g_assert_false (wg_sensor_friendly_name_is_valid ("door#"));
  g_assert_false (wg_sensor_friendly_name_is_valid ("door\n1"));
  g_assert_false (wg_sensor_friendly_name_is_valid (""));
}

static void
test_door_opened (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) t1 = at (DAY, 10, 0);
  g_autoptr(GDateTime) t2 = at (DAY, 10, 3);
  g_autoptr(GPtrArray) alerts = NULL;
  WgAlertInfo *alert;
  WgFeedStats stats;

  /* Heartbeats: the door is shut. */
  send (fixture, TOPIC, "{\"contact\":true,\"battery\":90}", t1);
  g_assert_cmpuint (fixture->n_new, ==, 0);

  send (fixture, TOPIC, "{\"contact\":false,\"battery\":90}", t1);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  alerts = open_alerts (fixture);
  g_assert_cmpuint (alerts->len, ==, 1);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpint (alert->kind, ==, WG_ALERT_KIND_DOOR_OPENED);
  g_assert_cmpint (alert->severity, ==, WG_SEVERITY_HIGH);
  g_assert_cmpint (alert->household_id, ==, fixture->household_id);
  g_assert_cmpstr (alert->household_code, ==, "T3STHH0001");
  g_assert_nonnull (alert->worker);
  g_assert_nonnull (strstr (alert->grid_path, "›"));
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* Opened again while the alert is open: it adds to it. */
  send (fixture, TOPIC, "{\"contact\":true,\"battery\":90}", t2);
  send (fixture, TOPIC, "{\"contact\":false,\"battery\":90}", t2);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  g_assert_cmpuint (fixture->n_updated, ==, 1);
  alerts = open_alerts (fixture);
  g_assert_cmpuint (alerts->len, ==, 1);
  g_assert_cmpuint (((WgAlertInfo *) g_ptr_array_index (alerts, 0))->event_count, ==, 2);
  g_assert_cmpstr (((WgAlertInfo *) g_ptr_array_index (alerts, 0))->last_event_at, ==, "2026-11-29 10:03:00");

  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.messages, ==, 4);
  g_assert_cmpuint (stats.alerts_opened, ==, 1);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 4);
}

static void
test_armed_by_dates (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) before = at ("2026-11-19", 23, 59);
  g_autoptr(GDateTime) first = at ("2026-11-20", 0, 1);
  g_autoptr(GDateTime) after = at ("2026-12-04", 0, 1);
  g_autoptr(GPtrArray) alerts = NULL;

  send (fixture, TOPIC, CLOSED, before);
  send (fixture, TOPIC, OPEN, before);
  send (fixture, TOPIC, CLOSED, after);
  send (fixture, TOPIC, OPEN, after);
  g_assert_cmpuint (fixture->n_new, ==, 0);
  /* Armed from the first minute of the first day. */
  send (fixture, TOPIC, CLOSED, first);
  send (fixture, TOPIC, OPEN, first);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  alerts = open_alerts (fixture);
  g_assert_cmpuint (alerts->len, ==, 1);
}

static void
test_visit_window (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) during = at (DAY, 9, 30);
  g_autoptr(GDateTime) later = at (DAY, 11, 0);
  g_autoptr(GError) error = NULL;
  WgFeedStats stats;

  g_assert_true (wg_store_add_visit_window (fixture->store, fixture->household_id, WG_VISIT_PURPOSE_SAMPLING,
                                            DAY " 09:00:00", DAY " 10:00:00", NULL, &error));
  g_assert_no_error (error);

  send (fixture, TOPIC, CLOSED, during);
  send (fixture, TOPIC, OPEN, during);
  g_assert_cmpuint (fixture->n_new, ==, 0);
  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.expected_openings, ==, 1);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 2);

  /* After the visit, the same opening is an alert. */
  send (fixture, TOPIC, CLOSED, later);
  send (fixture, TOPIC, OPEN, later);
  g_assert_cmpuint (fixture->n_new, ==, 1);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GError) error = NULL;
  const char *payload = "{\"contact\":false,\"last_seen\":\"2026-11-29T10:00:00+08:00\"}";
  WgFeedStats stats;

  send (fixture, TOPIC, CLOSED, t);
  /* QoS 1 delivers the same message (same id) twice: one event, one alert. */
  for (int i = 0; i < 3; i++)
    g_assert_true (wg_alert_engine_handle (fixture->engine, TOPIC, payload, strlen (payload), 77,
                                           WG_MESSAGE_FLAGS_NONE, t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 2);
  g_assert_cmpuint (fixture->n_new + fixture->n_updated, ==, 1);
  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.duplicates, ==, 2);
}

static void
test_other_rules (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GPtrArray) alerts = NULL;
  gboolean seen[6] = { FALSE };
  WgFeedStats stats;

  send (fixture, TOPIC, "{\"contact\":true,\"tamper\":true}", t);
  send (fixture, TOPIC, "{\"contact\":true,\"battery\":15}", t);
  send (fixture, TOPIC "/availability", "{\"state\":\"offline\"}", t);
  send (fixture, TOPIC "/availability", "offline", t);
  send (fixture, "zigbee2mqtt/0xdeadbeef00000000", "{\"contact\":true}", t);
  send (fixture, "zigbee2mqtt/0xdeadbeef00000000", "{\"contact\":false}", t);
  /* Nothing here is an alert: broken, or not ours. */
  send (fixture, TOPIC, "{\"contact\":\"no\"}", t);
  send (fixture, TOPIC, "not json", t);
  send (fixture, "zigbee2mqtt/bridge/info", "{\"version\":\"1.33\"}", t);
  /* Reports that only repeat the state raise nothing more. */
  send (fixture, TOPIC, "{\"contact\":true,\"tamper\":true,\"battery\":15}", t);

  alerts = open_alerts (fixture);
  g_assert_cmpuint (alerts->len, ==, 4);
  for (guint i = 0; i < alerts->len; i++)
    {
      WgAlertInfo *alert = g_ptr_array_index (alerts, i);

      seen[alert->kind] = TRUE;
      switch (alert->kind)
        {
        case WG_ALERT_KIND_TAMPER:
          g_assert_cmpint (alert->severity, ==, WG_SEVERITY_HIGH);
          break;
        case WG_ALERT_KIND_OFFLINE:
          g_assert_cmpint (alert->severity, ==, WG_SEVERITY_MEDIUM);
          break;
        case WG_ALERT_KIND_BATTERY_LOW:
          g_assert_cmpint (alert->severity, ==, WG_SEVERITY_LOW);
          break;
        case WG_ALERT_KIND_UNKNOWN_DEVICE:
          g_assert_cmpint (alert->severity, ==, WG_SEVERITY_LOW);
          g_assert_cmpstr (alert->device, ==, "0xdeadbeef00000000");
          g_assert_cmpuint (alert->event_count, ==, 2);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_true (seen[WG_ALERT_KIND_TAMPER] && seen[WG_ALERT_KIND_OFFLINE] && seen[WG_ALERT_KIND_BATTERY_LOW] &&
                 seen[WG_ALERT_KIND_UNKNOWN_DEVICE]);
  /* Sorted by severity: the tamper first. */
  g_assert_cmpint (((WgAlertInfo *) g_ptr_array_index (alerts, 0))->kind, ==, WG_ALERT_KIND_TAMPER);

  for (guint i = 0; i < alerts->len; i++)
    {
      WgAlertInfo *alert = g_ptr_array_index (alerts, i);

      if (alert->kind != WG_ALERT_KIND_UNKNOWN_DEVICE)
        g_assert_cmpuint (alert->event_count, ==, 1);
    }
  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.malformed, ==, 1);
  g_assert_cmpuint (stats.bad_fields, ==, 1);
  g_assert_cmpuint (stats.ignored, ==, 1);
  g_assert_cmpuint (stats.unknown_devices, ==, 2);
}

static void
test_silence (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) seen = at (DAY, 10, 0);
  g_autoptr(GDateTime) soon = at (DAY, 10, 50);
  g_autoptr(GDateTime) late = at (DAY, 11, 1);
  g_autoptr(GDateTime) later = at (DAY, 12, 30);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) sensors = NULL;

  /* Never heard from: not offline, only unknown. */
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, late, &error));
  g_assert_cmpuint (fixture->n_new, ==, 0);

  send (fixture, TOPIC, "{\"contact\":true,\"battery\":88}", seen);
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, soon, &error));
  g_assert_cmpuint (fixture->n_new, ==, 0);
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, late, &error));
  g_assert_cmpuint (fixture->n_new, ==, 1);
  /* Once offline, it is not announced again every minute. */
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, later, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_new + fixture->n_updated, ==, 1);

  alerts = open_alerts (fixture);
  g_assert_cmpint (((WgAlertInfo *) g_ptr_array_index (alerts, 0))->kind, ==, WG_ALERT_KIND_OFFLINE);
  sensors = wg_store_list_sensors (fixture->store, DAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sensors->len; i++)
    {
      WgSensorInfo *sensor = g_ptr_array_index (sensors, i);

      if (g_str_equal (sensor->device, DEVICE))
        {
          g_assert_cmpint (sensor->online, ==, 0);
          g_assert_cmpint (sensor->battery, ==, 88);
          g_assert_true (sensor->armed);
          g_assert_cmpstr (sensor->household_code, ==, "T3STHH0001");
        }
    }

  /* A shorter heartbeat, from the settings. */
  g_assert_true (wg_store_set_setting (fixture->store, "sensor-heartbeat-minutes", "5", &error));
  g_assert_false (wg_store_set_setting (fixture->store, "sensor-heartbeat-minutes", "0", NULL));
  g_assert_false (wg_store_set_setting (fixture->store, "sensor-heartbeat-minutes", "soon", NULL));
}

static guint
count_audit (WgStore    *store,
             const char *action)
{
  g_autoptr(GPtrArray) entries = wg_store_list_audit (store, "alert", 0, NULL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (((WgAuditEntry *) g_ptr_array_index (entries, i))->action, action))
      n++;
  return n;
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GDateTime) t2 = at (DAY, 14, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgAlertInfo) alert = NULL;
  gint64 id;

  send (fixture, TOPIC, CLOSED, t);
  send (fixture, TOPIC, OPEN, t);
  id = fixture->last_alert;

  /* In order: not resolved or dispatched before someone has seen it. */
  g_assert_false (wg_store_resolve_alert (fixture->store, id, WG_ALERT_OUTCOME_FALSE_ALARM, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_dispatch_alert (fixture->store, id, 0, &error));
  g_clear_error (&error);

  g_assert_true (wg_store_acknowledge_alert (fixture->store, id, &error));
  g_assert_false (wg_store_acknowledge_alert (fixture->store, id, NULL));
  g_assert_true (wg_store_dispatch_alert (fixture->store, id, 0, &error));
  g_assert_no_error (error);
  alert = wg_store_get_alert (fixture->store, id, &error);
  g_assert_cmpint (alert->state, ==, WG_ALERT_STATE_DISPATCHED);
  g_assert_cmpstr (alert->acknowledged_by, ==, "值班员甲");
  /* By default, to the household's grid worker. */
  g_assert_cmpstr (alert->dispatched_to, ==, alert->worker);
  g_clear_pointer (&alert, wg_alert_info_free);

  g_assert_true (wg_store_resolve_alert (fixture->store, id, WG_ALERT_OUTCOME_AUTHORISED_EXIT, "取快递，已批评教育", &error));
  g_assert_no_error (error);
  alert = wg_store_get_alert (fixture->store, id, &error);
  g_assert_cmpint (alert->state, ==, WG_ALERT_STATE_RESOLVED);
  g_assert_cmpint (alert->outcome, ==, WG_ALERT_OUTCOME_AUTHORISED_EXIT);
  g_assert_cmpstr (alert->note, ==, "取快递，已批评教育");
  g_assert_nonnull (alert->resolved_at);

  g_assert_cmpuint (count_audit (fixture->store, "open"), ==, 1);
  g_assert_cmpuint (count_audit (fixture->store, "acknowledge"), ==, 1);
  g_assert_cmpuint (count_audit (fixture->store, "dispatch"), ==, 1);
  g_assert_cmpuint (count_audit (fixture->store, "resolve"), ==, 1);
  g_assert_cmpuint (wg_store_count_open_alerts (fixture->store), ==, 0);

  /* Resolved: the next opening is a new alert. */
  send (fixture, TOPIC, CLOSED, t2);
  send (fixture, TOPIC, OPEN, t2);
  g_assert_cmpuint (fixture->n_new, ==, 2);
  g_assert_cmpint (fixture->last_alert, !=, id);
}

static void
test_reminders (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GDateTime) t4 = at (DAY, 10, 4);
  g_autoptr(GDateTime) t5 = at (DAY, 10, 5);
  g_autoptr(GDateTime) t6 = at (DAY, 10, 6);
  g_autoptr(GDateTime) t10 = at (DAY, 10, 10);
  g_autoptr(GDateTime) t20 = at (DAY, 10, 20);
  g_autoptr(GArray) due = NULL;

  send (fixture, TOPIC, CLOSED, t);
  send (fixture, TOPIC, OPEN, t);
  /* A low alert is not repeated. */
  send (fixture, TOPIC, "{\"contact\":true,\"battery\":5}", t);

  due = wg_alert_engine_due_reminders (fixture->engine, t4);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_array_unref);
  due = wg_alert_engine_due_reminders (fixture->engine, t5);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_array_unref);
  due = wg_alert_engine_due_reminders (fixture->engine, t6);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_array_unref);
  due = wg_alert_engine_due_reminders (fixture->engine, t10);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_array_unref);

  /* Acknowledged: no more reminders. */
  {
    g_autoptr(GPtrArray) alerts = open_alerts (fixture);

    for (guint i = 0; i < alerts->len; i++)
      {
        WgAlertInfo *alert = g_ptr_array_index (alerts, i);

        if (alert->state == WG_ALERT_STATE_OPEN)
          g_assert_true (wg_store_acknowledge_alert (fixture->store, alert->id, NULL));
      }
  }
  due = wg_alert_engine_due_reminders (fixture->engine, t20);
  g_assert_cmpuint (due->len, ==, 0);
}

static void
test_sensors (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wg_store_register_sensor (fixture->store, DEVICE, NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* Names as Zigbee2MQTT allows them: "/" inside, not before a final number. */
  g_assert_false (wg_store_register_sensor (fixture->store, "南关/12", NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_register_sensor (fixture->store, "bridge", NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_register_sensor (fixture->store, "a/+", NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_register_sensor (fixture->store, "乐昌镇/南关/348号", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (wg_store_register_sensor (fixture->store, "0x00158d0009999999", NULL, NULL, &error));
  /* One sensor per household. */
  g_assert_false (wg_store_bind_sensor (fixture->store, "0x00158d0009999999", "T3STHH0001", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (wg_store_bind_sensor (fixture->store, "0x00158d0009999999", "NOSUCH", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (wg_store_unbind_sensor (fixture->store, DEVICE, &error));
  g_assert_true (wg_store_bind_sensor (fixture->store, "0x00158d0009999999", "T3STHH0001", &error));
  g_assert_no_error (error);

  /* The unbound sensor watches nobody: its openings are not alerts. */
  {
    g_autoptr(GDateTime) t = at (DAY, 10, 0);

    send (fixture, TOPIC, CLOSED, t);
    send (fixture, TOPIC, OPEN, t);
    g_assert_cmpuint (fixture->n_new, ==, 0);
    send (fixture, "zigbee2mqtt/0x00158d0009999999", CLOSED, t);
    send (fixture, "zigbee2mqtt/0x00158d0009999999", OPEN, t);
    g_assert_cmpuint (fixture->n_new, ==, 1);
  }
}

/* Acknowledges and resolves every open alert, as the desk would. */
static void
resolve_all (Fixture *fixture)
{
  g_autoptr(GPtrArray) alerts = open_alerts (fixture);

  for (guint i = 0; i < alerts->len; i++)
    {
      WgAlertInfo *alert = g_ptr_array_index (alerts, i);

      g_assert_true (wg_store_acknowledge_alert (fixture->store, alert->id, NULL));
      g_assert_true (wg_store_resolve_alert (fixture->store, alert->id, WG_ALERT_OUTCOME_FALSE_ALARM, NULL, NULL));
    }
}

static guint
count_open_of_kind (Fixture     *fixture,
                    WgAlertKind  kind)
{
  g_autoptr(GPtrArray) alerts = open_alerts (fixture);
  guint n = 0;

  for (guint i = 0; i < alerts->len; i++)
    if (((WgAlertInfo *) g_ptr_array_index (alerts, i))->kind == kind)
      n++;
  return n;
}

/* Each model's real payloads: an opening followed by open-state reports
 * (battery, link quality) is one alert with one opening. */
static void
test_real_devices (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint m = 0; m < G_N_ELEMENTS (wg_test_z2m_models); m++)
    {
      g_autoptr(JsonObject) model = wg_test_z2m_load (wg_test_z2m_models[m]);
      g_autoptr(GDateTime) t = at (DAY, 10, (int) m * 10);
      g_autoptr(GDateTime) t2 = at (DAY, 10, (int) m * 10 + 1);
      g_autofree char *closed = wg_test_z2m_payload (model, "closed", NULL);
      g_autofree char *open = wg_test_z2m_payload (model, "open", NULL);
      g_autofree char *report = wg_test_z2m_payload (model, "open_report", NULL);
      g_autofree char *low = wg_test_z2m_payload (model, "battery_low", NULL);
      g_autoptr(WgAlertInfo) alert = NULL;
      guint n_new = fixture->n_new;

      g_test_message ("%s", json_object_get_string_member (model, "model"));
      send (fixture, TOPIC, closed, t);
      g_assert_cmpuint (fixture->n_new, ==, n_new);
      send (fixture, TOPIC, open, t);
      send (fixture, TOPIC, report, t2);
      send (fixture, TOPIC, report, t2);
      g_assert_cmpuint (fixture->n_new, ==, n_new + 1);
      alert = only_open_alert (fixture);
      g_assert_cmpint (alert->kind, ==, WG_ALERT_KIND_DOOR_OPENED);
      g_assert_cmpuint (alert->event_count, ==, 1);
      resolve_all (fixture);

      /* A low battery, however the model says it, once. */
      send (fixture, TOPIC, low, t2);
      send (fixture, TOPIC, low, t2);
      g_assert_cmpuint (count_open_of_kind (fixture, WG_ALERT_KIND_BATTERY_LOW), ==, 1);
      g_clear_pointer (&alert, wg_alert_info_free);
      alert = only_open_alert (fixture);
      g_assert_cmpuint (alert->event_count, ==, 1);
      resolve_all (fixture);
      /* Back to a full battery for the next model. */
      send (fixture, TOPIC, closed, t2);

      if (json_object_has_member (model, "tamper"))
        {
          g_autofree char *tamper = wg_test_z2m_payload (model, "tamper", NULL);

          send (fixture, TOPIC, tamper, t2);
          send (fixture, TOPIC, tamper, t2);
          g_assert_cmpuint (count_open_of_kind (fixture, WG_ALERT_KIND_TAMPER), ==, 1);
          resolve_all (fixture);
          send (fixture, TOPIC, closed, t2);
        }
    }

  /* The sensor shows a fractional battery rounded. */
  {
    g_autoptr(GDateTime) t = at (DAY, 11, 0);
    g_autoptr(GPtrArray) sensors = NULL;

    send (fixture, TOPIC, "{\"contact\":true,\"battery\":66.5,\"battery_low\":false}", t);
    sensors = wg_store_list_sensors (fixture->store, DAY, NULL);
    for (guint i = 0; i < sensors->len; i++)
      if (g_str_equal (((WgSensorInfo *) g_ptr_array_index (sensors, i))->device, DEVICE))
        g_assert_cmpint (((WgSensorInfo *) g_ptr_array_index (sensors, i))->battery, ==, 67);
  }
}

/* With cache_state, Zigbee2MQTT and the broker replay states: a door left
 * open is said again and again, and never opens again. */
static void
test_retained_replay (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GDateTime) t2 = at (DAY, 12, 0);
  g_autoptr(GDateTime) t3 = at (DAY, 14, 0);
  g_autoptr(JsonObject) model = wg_test_z2m_load ("tuya-ts0203");
  g_autofree char *closed = wg_test_z2m_payload (model, "closed", NULL);
  g_autofree char *open = wg_test_z2m_payload (model, "open", NULL);
  WgFeedStats stats;

  send (fixture, TOPIC, closed, t);
  send (fixture, TOPIC, open, t);
  g_assert_cmpuint (fixture->n_new, ==, 1);

  /* A restart: the retained copy of the open state. */
  g_clear_object (&fixture->engine);
  fixture->engine = wg_alert_engine_new (fixture->store, NULL);
  g_signal_connect (fixture->engine, "alert", G_CALLBACK (on_alert_cb), fixture);
  send_retained (fixture, TOPIC, open, t2);
  /* …and Zigbee2MQTT's own republish of its cached state at start. */
  send (fixture, TOPIC, open, t2);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  g_assert_cmpuint (fixture->n_updated, ==, 0);

  resolve_all (fixture);
  send_retained (fixture, TOPIC, open, t3);
  send (fixture, TOPIC, open, t3);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  g_assert_cmpuint (fixture->n_updated, ==, 0);
  g_assert_cmpuint (wg_store_count_open_alerts (fixture->store), ==, 0);

  /* A retained open state where the store knew the door closed: kept, not
   * raised — it is not news, only the broker's memory. */
  send (fixture, TOPIC, closed, t3);
  send_retained (fixture, TOPIC, open, t3);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.retained, ==, 3);

  /* The next real opening after a real close is an alert again. */
  send (fixture, TOPIC, closed, t3);
  send (fixture, TOPIC, open, t3);
  g_assert_cmpuint (fixture->n_new, ==, 2);
}

static void
use_slashed_name (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wg_store_unbind_sensor (fixture->store, DEVICE, &error));
  g_assert_true (wg_store_register_sensor (fixture->store, "乐昌镇/南关/348号", "TS0203", NULL, &error));
  g_assert_true (wg_store_bind_sensor (fixture->store, "乐昌镇/南关/348号", "T3STHH0001", &error));
  g_assert_no_error (error);
}

static void
test_slashed_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GPtrArray) alerts = NULL;
  WgAlertInfo *alert;

  use_slashed_name (fixture);
  send (fixture, "zigbee2mqtt/乐昌镇/南关/348号", CLOSED, t);
  send (fixture, "zigbee2mqtt/乐昌镇/南关/348号", OPEN, t);
  send (fixture, "zigbee2mqtt/乐昌镇/南关/348号/availability", "{\"state\":\"offline\"}", t);
  /* A command to it is not its state. */
  send (fixture, "zigbee2mqtt/乐昌镇/南关/348号/set", "{\"contact\":false}", t);

  alerts = open_alerts (fixture);
  g_assert_cmpuint (alerts->len, ==, 2);
  for (guint i = 0; i < alerts->len; i++)
    {
      alert = g_ptr_array_index (alerts, i);
      g_assert_cmpstr (alert->device, ==, "乐昌镇/南关/348号");
      g_assert_cmpstr (alert->household_code, ==, "T3STHH0001");
      g_assert_true (alert->kind == WG_ALERT_KIND_DOOR_OPENED || alert->kind == WG_ALERT_KIND_OFFLINE);
    }
}

/* The sensor's own time decides: a message that waited 40 minutes in the
 * broker is judged when it happened. */
static void
test_device_time (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) arrived = at ("2026-12-04", 0, 20);
  g_autoptr(GDateTime) early = at ("2026-11-20", 0, 10);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(WgAlertInfo) alert = NULL;
  WgSensorEventInfo *event;

  /* The quarantine ends on 12-03: at 23:40 that day it is still armed. */
  send (fixture, TOPIC, "{\"contact\":true,\"last_seen\":\"2026-12-03T15:35:00.000Z\"}", arrived);
  send (fixture, TOPIC, "{\"contact\":false,\"last_seen\":\"2026-12-03T23:40:00.000+08:00\"}", arrived);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  alert = only_open_alert (fixture);
  g_assert_cmpstr (alert->opened_at, ==, "2026-12-03 23:40:00");
  events = wg_store_list_sensor_events (fixture->store, DEVICE, 1, NULL);
  event = g_ptr_array_index (events, 0);
  g_assert_true (event->device_time);
  g_assert_cmpstr (event->occurred_at, ==, "2026-12-03 23:40:00");
  g_assert_cmpstr (event->received_at, ==, "2026-12-04 00:20:00");
  g_clear_pointer (&events, g_ptr_array_unref);
  resolve_all (fixture);

  /* Arrived on the first day, happened the evening before: not armed then. */
  send (fixture, TOPIC, "{\"contact\":true,\"last_seen\":1795098600000}", early);   /* 11-19 22:30 */
  send (fixture, TOPIC, "{\"contact\":false,\"last_seen\":1795102200000}", early);  /* 11-19 23:30 */
  g_assert_cmpuint (fixture->n_new, ==, 1);

  /* A clock in the future, or a time from days ago, is not believed. */
  {
    g_autoptr(GDateTime) t = at (DAY, 10, 0);

    send (fixture, TOPIC, "{\"contact\":true,\"last_seen\":\"2026-11-29T11:00:00+08:00\"}", t);
    events = wg_store_list_sensor_events (fixture->store, DEVICE, 1, NULL);
    event = g_ptr_array_index (events, 0);
    g_assert_false (event->device_time);
    g_assert_cmpstr (event->occurred_at, ==, "2026-11-29 10:00:00");
    g_clear_pointer (&events, g_ptr_array_unref);
    send (fixture, TOPIC, "{\"contact\":false,\"last_seen\":\"2026-11-25T10:00:00+08:00\"}", t);
    events = wg_store_list_sensor_events (fixture->store, DEVICE, 1, NULL);
    event = g_ptr_array_index (events, 0);
    g_assert_false (event->device_time);
    g_assert_cmpuint (fixture->n_new, ==, 2);
  }
}

/* Zigbee2MQTT clears a removed or renamed device's retained topics with an
 * empty payload: nothing happens, nothing breaks. */
static void
test_cleared (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GPtrArray) sensors = NULL;
  g_autoptr(GError) error = NULL;
  WgFeedStats stats;

  send (fixture, TOPIC, CLOSED, t);
  g_assert_true (wg_alert_engine_handle (fixture->engine, TOPIC, "", 0, ++fixture->mid,
                                         WG_MESSAGE_FLAGS_RETAINED, t, &error));
  g_assert_true (wg_alert_engine_handle (fixture->engine, TOPIC "/availability", NULL, 0, ++fixture->mid,
                                         WG_MESSAGE_FLAGS_RETAINED, t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 1);
  g_assert_cmpuint (fixture->n_new + fixture->n_updated, ==, 0);
  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.cleared, ==, 2);
  sensors = wg_store_list_sensors (fixture->store, DAY, &error);
  for (guint i = 0; i < sensors->len; i++)
    {
      WgSensorInfo *sensor = g_ptr_array_index (sensors, i);

      if (g_str_equal (sensor->device, DEVICE))
        g_assert_cmpint (sensor->online, ==, 1);
    }
}

/* bridge/state offline blinds every sensor: one alert, resolved by itself. */
static void
test_bridge (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonObject) bridge = wg_test_z2m_load ("zigbee2mqtt-bridge");
  g_autofree char *offline = wg_test_z2m_payload (bridge, "bridge_offline", NULL);
  g_autofree char *online = wg_test_z2m_payload (bridge, "bridge_online", NULL);
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GDateTime) later = at (DAY, 12, 0);
  g_autoptr(GDateTime) back = at (DAY, 12, 5);
  g_autoptr(WgAlertInfo) alert = NULL;
  g_autofree char *since = NULL;
  gint64 id;

  send (fixture, TOPIC, CLOSED, t);
  g_assert_cmpint (wg_store_get_bridge_state (fixture->store, "zigbee2mqtt", NULL, NULL), ==, -1);
  send (fixture, "zigbee2mqtt/bridge/state", offline, t);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  alert = only_open_alert (fixture);
  g_assert_cmpint (alert->kind, ==, WG_ALERT_KIND_BRIDGE_OFFLINE);
  g_assert_cmpint (alert->severity, ==, WG_SEVERITY_HIGH);
  id = alert->id;
  g_assert_cmpint (wg_store_get_bridge_state (fixture->store, "zigbee2mqtt", &since, NULL), ==, 0);
  g_assert_cmpstr (since, ==, "2026-11-29 10:00:00");

  /* Said again (its retained last will after our restart): the same alert. */
  send_retained (fixture, "zigbee2mqtt/bridge/state", offline, t);
  g_assert_cmpuint (fixture->n_new, ==, 1);
  /* Blind sensors are not each announced silent. */
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, later, NULL));
  g_assert_cmpuint (fixture->n_new, ==, 1);

  send (fixture, "zigbee2mqtt/bridge/state", "online", back);
  g_assert_cmpuint (wg_store_count_open_alerts (fixture->store), ==, 0);
  g_clear_pointer (&alert, wg_alert_info_free);
  alert = wg_store_get_alert (fixture->store, id, NULL);
  g_assert_cmpint (alert->state, ==, WG_ALERT_STATE_RESOLVED);
  g_assert_cmpstr (alert->resolved_at, ==, "2026-11-29 12:05:00");
  g_assert_cmpuint (count_audit (fixture->store, "resolve"), ==, 1);
  g_assert_cmpint (wg_store_get_bridge_state (fixture->store, "zigbee2mqtt", NULL, NULL), ==, 1);

  /* Online again: now a silent sensor is offline, as before. */
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, later, NULL));
  g_assert_cmpuint (count_open_of_kind (fixture, WG_ALERT_KIND_OFFLINE), ==, 1);
}

static void
test_door_left_open (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GDateTime) t9 = at (DAY, 10, 9);
  g_autoptr(GDateTime) t11 = at (DAY, 10, 11);
  g_autoptr(GDateTime) t20 = at (DAY, 10, 20);
  g_autoptr(GDateTime) t30 = at (DAY, 10, 30);
  g_autoptr(GDateTime) t36 = at (DAY, 10, 36);
  g_autoptr(GError) error = NULL;

  send (fixture, TOPIC, CLOSED, t);
  send (fixture, TOPIC, OPEN, t);
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, t9, &error));
  g_assert_cmpuint (count_open_of_kind (fixture, WG_ALERT_KIND_DOOR_LEFT_OPEN), ==, 0);
  /* Its reports keep saying open: the door was opened at 10:00 all the same. */
  send (fixture, TOPIC, OPEN, t9);
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, t11, &error));
  g_assert_cmpuint (count_open_of_kind (fixture, WG_ALERT_KIND_DOOR_LEFT_OPEN), ==, 1);
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, t20, &error));
  {
    g_autoptr(GPtrArray) alerts = open_alerts (fixture);

    for (guint i = 0; i < alerts->len; i++)
      {
        WgAlertInfo *alert = g_ptr_array_index (alerts, i);

        if (alert->kind == WG_ALERT_KIND_DOOR_LEFT_OPEN)
          {
            g_assert_cmpint (alert->severity, ==, WG_SEVERITY_MEDIUM);
            g_assert_cmpuint (alert->event_count, ==, 1);
          }
      }
  }
  resolve_all (fixture);

  /* A shorter time, from the settings; closed and opened again. */
  g_assert_true (wg_store_set_setting (fixture->store, "door-open-minutes", "5", &error));
  g_assert_false (wg_store_set_setting (fixture->store, "door-open-minutes", "0", NULL));
  send (fixture, TOPIC, CLOSED, t30);
  send (fixture, TOPIC, OPEN, t30);
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, t36, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_open_of_kind (fixture, WG_ALERT_KIND_DOOR_LEFT_OPEN), ==, 1);
}

/* A batch: one transaction, each message alone, alerts told at the end. */
static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (wg_alert_engine_begin_batch (fixture->engine, &error));
  send (fixture, TOPIC, CLOSED, t);
  send (fixture, TOPIC, OPEN, t);
  send (fixture, TOPIC, "not json", t);
  g_assert_true (wg_alert_engine_handle (fixture->engine, TOPIC, OPEN, strlen (OPEN), fixture->mid - 1,
                                         WG_MESSAGE_FLAGS_NONE, t, &error)); /* a redelivery */
  send (fixture, "zigbee2mqtt/0xdeadbeef00000000", CLOSED, t);
  g_assert_cmpuint (fixture->n_new, ==, 0);
  g_assert_true (wg_alert_engine_end_batch (fixture->engine, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_new, ==, 2);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 4);
  g_assert_cmpuint (wg_store_count_open_alerts (fixture->store), ==, 2);
}

/* A message the store refuses (received before 2019: the event's check)
 * fails its batch: nothing of the batch is written, nothing announced, and
 * its messages are not taken for redeliveries; handled again one by one,
 * every other message is recorded and the refused one set aside. */
static void
test_batch_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GDateTime) long_ago = g_date_time_new_local (2018, 6, 1, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  const char *payloads[] = { CLOSED, OPEN, CLOSED };
  GDateTime *times[] = { t, long_ago, t };
  guint first_mid = fixture->mid + 1;
  guint n_recorded = 0;

  g_assert_true (wg_alert_engine_begin_batch (fixture->engine, &error));
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    if (!wg_alert_engine_handle (fixture->engine, TOPIC, payloads[i], strlen (payloads[i]), first_mid + i,
                                 WG_MESSAGE_FLAGS_NONE, times[i], &error))
      g_clear_error (&error);
  if (wg_alert_engine_in_batch (fixture->engine))
    {
      g_assert_false (wg_alert_engine_end_batch (fixture->engine, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  g_assert_false (wg_alert_engine_in_batch (fixture->engine));
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 0);
  g_assert_cmpuint (fixture->n_new, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      if (wg_alert_engine_handle (fixture->engine, TOPIC, payloads[i], strlen (payloads[i]), first_mid + i,
                                  WG_MESSAGE_FLAGS_NONE, times[i], &error))
        n_recorded++;
      g_clear_error (&error);
    }
  fixture->mid = first_mid + G_N_ELEMENTS (payloads);
  g_assert_cmpuint (n_recorded, ==, 2);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 2);
}

/* A batch writes each sensor once, when it ends: what it writes is what the
 * messages one by one would have left — the door's "since" the time it last
 * changed (not its latest report), the latest battery, the latest time seen. */
static void
test_batch_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) t = at (DAY, 10, 0);
  g_autoptr(GDateTime) t9 = at (DAY, 10, 9);
  g_autoptr(GDateTime) t11 = at (DAY, 10, 11);
  g_autoptr(GPtrArray) sensors = NULL;
  g_autoptr(GError) error = NULL;
  const WgSensorInfo *sensor = NULL;

  g_assert_true (wg_alert_engine_begin_batch (fixture->engine, &error));
  send (fixture, TOPIC, CLOSED, t);
  send (fixture, TOPIC, OPEN, t);
  send (fixture, TOPIC, "{\"contact\":false,\"battery\":64}", t9);
  g_assert_true (wg_alert_engine_end_batch (fixture->engine, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_open_of_kind (fixture, WG_ALERT_KIND_DOOR_OPENED), ==, 1);

  sensors = wg_store_list_sensors (fixture->store, DAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sensors->len; i++)
    if (g_str_equal (((WgSensorInfo *) g_ptr_array_index (sensors, i))->device, DEVICE))
      sensor = g_ptr_array_index (sensors, i);
  g_assert_nonnull (sensor);
  g_assert_cmpint (sensor->contact, ==, 0);
  g_assert_cmpint (sensor->battery, ==, 64);
  g_assert_cmpint (sensor->online, ==, 1);
  g_assert_cmpstr (sensor->last_seen, ==, DAY " 10:09:00");

  /* Open since 10:00, not 10:09: left open at 10:11. */
  g_assert_true (wg_alert_engine_check_timers (fixture->engine, t11, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_open_of_kind (fixture, WG_ALERT_KIND_DOOR_LEFT_OPEN), ==, 1);
}

static void
test_lease (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(WgFeedLease) other = NULL;
  g_autoptr(WgFeedLease) lease = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean taken = FALSE;

  g_assert_null (wg_store_get_feed_lease (fixture->store, &error));
  g_assert_no_error (error);

  /* On the county server the lease is the server's lock on the holder's
   * connection: another connection stands by, however long ago the holder
   * renewed, and takes over the moment the holder's connection ends. */
  if (wg_test_on_server ())
    {
      WgStore *a = wg_store_open (wg_store_get_location (fixture->store), 0, &error);

      g_assert_no_error (error);
      g_assert_true (wg_store_take_feed_lease (a, "A", "listen", 30, 1000, &taken, &other, &error));
      g_assert_true (taken);
      g_assert_true (wg_store_take_feed_lease (fixture->store, "B", "app", 30, 999999, &taken, &other, &error));
      g_assert_false (taken);
      g_assert_cmpstr (other->holder, ==, "A");
      g_assert_cmpint (other->pid, ==, getpid ());
      g_clear_pointer (&other, wg_feed_lease_free);
      g_assert_true (wg_store_take_feed_lease (a, "A", "listen", 30, 1001, &taken, NULL, &error));
      g_assert_true (taken);
      g_object_unref (a);
      /* The server lets the lock go once it sees the connection end: a
       * moment later, as a standby checking every second finds it. */
      for (int i = 0; i < 100; i++)
        {
          g_assert_true (wg_store_take_feed_lease (fixture->store, "B", "app", 30, 1002, &taken, NULL, &error));
          if (taken)
            break;
          g_usleep (50000);
        }
      g_assert_true (taken);
      lease = wg_store_get_feed_lease (fixture->store, &error);
      g_assert_cmpstr (lease->holder, ==, "B");
      g_assert_cmpint (lease->taken_at, ==, 1002);
      /* Released, it is free at once for another connection. */
      g_assert_true (wg_store_release_feed_lease (fixture->store, "B", &error));
      a = wg_store_open (wg_store_get_location (fixture->store), 0, &error);
      g_assert_true (wg_store_take_feed_lease (a, "A", "listen", 30, 1003, &taken, NULL, &error));
      g_assert_true (taken);
      g_assert_no_error (error);
      g_object_unref (a);
      return;
    }

  g_assert_true (wg_store_take_feed_lease (fixture->store, "A", "listen", 30, 1000, &taken, &other, &error));
  g_assert_true (taken);
  g_assert_null (other);

  /* Held and alive: B stands by and is told who holds it. */
  g_assert_true (wg_store_take_feed_lease (fixture->store, "B", "app", 30, 1010, &taken, &other, &error));
  g_assert_false (taken);
  g_assert_cmpstr (other->holder, ==, "A");
  g_assert_cmpstr (other->purpose, ==, "listen");
  g_assert_cmpstr (other->host, ==, g_get_host_name ());
  g_assert_cmpint (other->pid, ==, getpid ());
  g_clear_pointer (&other, wg_feed_lease_free);

  /* A renews it; when A stops renewing, it lapses and B takes it. */
  g_assert_true (wg_store_take_feed_lease (fixture->store, "A", "listen", 30, 1020, &taken, NULL, &error));
  g_assert_true (taken);
  g_assert_true (wg_store_take_feed_lease (fixture->store, "B", "app", 30, 1049, &taken, NULL, &error));
  g_assert_false (taken);
  g_assert_true (wg_store_take_feed_lease (fixture->store, "B", "app", 30, 1051, &taken, NULL, &error));
  g_assert_true (taken);
  g_assert_true (wg_store_take_feed_lease (fixture->store, "A", "listen", 30, 1052, &taken, &other, &error));
  g_assert_false (taken);
  g_assert_cmpstr (other->holder, ==, "B");
  lease = wg_store_get_feed_lease (fixture->store, &error);
  g_assert_cmpint (lease->taken_at, ==, 1051);

  /* Released, it is free at once. */
  g_assert_true (wg_store_release_feed_lease (fixture->store, "B", &error));
  g_assert_true (wg_store_take_feed_lease (fixture->store, "A", "listen", 30, 1053, &taken, NULL, &error));
  g_assert_true (taken);
  g_assert_no_error (error);

  /* The client id: this database's, and stays so. */
  id = wg_store_dup_database_id (fixture->store, &error);
  g_assert_cmpuint (strlen (id), ==, 16);
  {
    g_autofree char *again = wg_store_dup_database_id (fixture->store, NULL);

    g_assert_cmpstr (id, ==, again);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wg/alerts/parse", test_parse);
#define ADD(path, func) g_test_add ("/wg/alerts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("door-opened", test_door_opened);
  ADD ("armed-by-dates", test_armed_by_dates);
  ADD ("visit-window", test_visit_window);
  ADD ("duplicates", test_duplicates);
  ADD ("other-rules", test_other_rules);
  ADD ("silence", test_silence);
  ADD ("lifecycle", test_lifecycle);
  ADD ("reminders", test_reminders);
  ADD ("sensors", test_sensors);
  ADD ("real-devices", test_real_devices);
  ADD ("retained-replay", test_retained_replay);
  ADD ("slashed-name", test_slashed_name);
  ADD ("device-time", test_device_time);
  ADD ("cleared", test_cleared);
  ADD ("bridge", test_bridge);
  ADD ("door-left-open", test_door_left_open);
  ADD ("batch", test_batch);
  ADD ("batch-fails", test_batch_fails);
  ADD ("batch-state", test_batch_state);
  ADD ("lease", test_lease);
#undef ADD

  return g_test_run ();
}
