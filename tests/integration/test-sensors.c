/* test-sensors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The door sensors' feed against a real mosquitto, started by the test on a
 * free loopback port with persistence: openings become alerts, visits do
 * not, nothing is lost while the listener is away or the broker restarts,
 * and rubbish crashes nothing. Messages are published with libmosquitto,
 * QoS 1, in Zigbee2MQTT's format.
 */

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <mosquitto.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>

#include "wg-alert-engine.h"
#include "wg-demo.h"
#include "wg-sensor-feed.h"
#include "wg-store-alerts.h"
#include "wg-store-audit.h"
#include "wg-store-grids.h"
#include "wg-store-sensors.h"

#include "../wg-test-broker.h"
#include "../wg-test-db.h"
#include "../wg-test-util.h"
#include "../wg-test-z2m.h"

static char *fixture_dir;
static char *county_db;

/* A door sensor's state, with last_seen like Zigbee2MQTT's (now, to the
 * millisecond: each payload unique by its serial). */
static char *
state (gboolean contact,
       int      serial)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) second = g_date_time_add_seconds (now, -g_date_time_get_seconds (now) +
                                                         g_date_time_get_second (now));
  g_autoptr(GDateTime) seen = g_date_time_add (second, -(serial % 1000) * 1000);
  g_autofree char *text = g_date_time_format (seen, "%Y-%m-%dT%H:%M:%S.%f%:z");

  return g_strdup_printf ("{\"battery\":87,\"contact\":%s,\"linkquality\":112,\"voltage\":3005,"
                          "\"last_seen\":\"%.23s%s\"}",
                          contact ? "true" : "false", text, text + 26);
}

typedef struct
{
  Broker broker;
  char *db;
  WgStore *store;
  WgAlertEngine *engine;
  WgSensorFeed *feed;
  char *device;      /* armed: its household is in home quarantine today */
  char *household;
  gint64 household_id;
  guint n_alerts;
  gint64 last_alert;
} Fixture;

static void
on_alert_cb (WgAlertEngine *engine,
             gint64         id,
             gboolean       is_new,
             Fixture       *fixture)
{
  if (is_new)
    {
      fixture->n_alerts++;
      fixture->last_alert = id;
    }
}

static void
feed_start (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = broker_url (&fixture->broker);

  fixture->feed = wg_sensor_feed_new (fixture->engine);
  wg_sensor_feed_set_client_id (fixture->feed, "wangge-test");
  g_assert_true (wg_sensor_feed_set_broker (fixture->feed, url, &error));
  g_assert_true (wg_sensor_feed_start (fixture->feed, &error));
  g_assert_no_error (error);
}

static void
feed_stop (Fixture *fixture)
{
  wg_sensor_feed_stop (fixture->feed);
  g_clear_object (&fixture->feed);
}

/* Runs the main context until @done or 20 s. */
static void
wait_until (gboolean (*done) (Fixture *),
            Fixture   *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (fixture) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (fixture));
}

static gboolean
is_connected (Fixture *fixture)
{
  return wg_sensor_feed_get_state (fixture->feed) == WG_FEED_STATE_CONNECTED;
}

static gboolean
is_reconnecting (Fixture *fixture)
{
  return wg_sensor_feed_get_state (fixture->feed) == WG_FEED_STATE_RECONNECTING;
}

static guint64 expected_messages;

static gboolean
has_all_messages (Fixture *fixture)
{
  WgFeedStats stats;

  wg_alert_engine_get_stats (fixture->engine, &stats);
  return stats.messages >= expected_messages;
}

static void
wait_for_messages (Fixture *fixture,
                   guint64  n)
{
  expected_messages = n;
  wait_until (has_all_messages, fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sensors = NULL;

  fixture->broker.dir = wg_test_make_tmp_dir ();
  fixture->broker.port = free_port ();
  broker_start (&fixture->broker);

  fixture->db = wg_test_clone (county_db, fixture->broker.dir, "county");
  fixture->store = wg_store_open (fixture->db, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_assert_no_error (error);
  fixture->engine = wg_alert_engine_new (fixture->store, NULL);
  g_signal_connect (fixture->engine, "alert", G_CALLBACK (on_alert_cb), fixture);

  sensors = wg_store_list_sensors (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sensors->len && fixture->device == NULL; i++)
    {
      WgSensorInfo *sensor = g_ptr_array_index (sensors, i);

      if (sensor->armed && sensor->household_id != 0)
        {
          fixture->device = g_strdup (sensor->device);
          fixture->household = g_strdup (sensor->household_code);
          fixture->household_id = sensor->household_id;
        }
    }
  g_assert_nonnull (fixture->device);

  feed_start (fixture);
  wait_until (is_connected, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->feed != NULL)
    feed_stop (fixture);
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->store);
  broker_stop (&fixture->broker);
  wg_test_remove_tree (fixture->broker.dir);
  g_free (fixture->broker.dir);
  g_free (fixture->db);
  g_free (fixture->device);
  g_free (fixture->household);
}

static char *
device_topic (Fixture *fixture)
{
  return g_strdup_printf ("zigbee2mqtt/%s", fixture->device);
}

static void
test_opening_gives_one_alert (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *shut = state (TRUE, 1);
  g_autofree char *open = state (FALSE, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  WgAlertInfo *alert;

  publish (&fixture->broker, topic, shut);
  publish (&fixture->broker, topic, open);
  wait_for_messages (fixture, 2);

  g_assert_cmpuint (fixture->n_alerts, ==, 1);
  alerts = wg_store_list_alerts (fixture->store, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 1);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpint (alert->kind, ==, WG_ALERT_KIND_DOOR_OPENED);
  g_assert_cmpstr (alert->household_code, ==, fixture->household);
  g_assert_cmpstr (alert->device, ==, fixture->device);
}

static void
test_visit_window_gives_none (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *shut = state (TRUE, 4);
  g_autofree char *open = state (FALSE, 3);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) before = g_date_time_add_minutes (now, -30);
  g_autoptr(GDateTime) after = g_date_time_add_minutes (now, 30);
  g_autofree char *starts = g_date_time_format (before, "%Y-%m-%d %H:%M:%S");
  g_autofree char *ends = g_date_time_format (after, "%Y-%m-%d %H:%M:%S");
  g_autoptr(GError) error = NULL;
  WgFeedStats stats;

  g_assert_true (wg_store_add_visit_window (fixture->store, fixture->household_id, WG_VISIT_PURPOSE_DISINFECTION,
                                            starts, ends, NULL, &error));
  g_assert_no_error (error);
  publish (&fixture->broker, topic, shut);
  publish (&fixture->broker, topic, open);
  wait_for_messages (fixture, 2);

  g_assert_cmpuint (fixture->n_alerts, ==, 0);
  g_assert_cmpuint (wg_store_count_open_alerts (fixture->store), ==, 0);
  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.expected_openings, ==, 1);
}

static void
test_nothing_lost_while_away (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gint64 events_before = wg_store_count_rows (fixture->store, "sensor_event");

  /* The listener goes away (its session stays with the broker)… */
  feed_stop (fixture);
  for (int i = 0; i < 100; i++)
    {
      char *payload = state (TRUE, 100 + i);

      g_ptr_array_add (payloads, g_bytes_new_take (payload, strlen (payload)));
    }
  publish_all (&fixture->broker, topic, payloads);

  /* …and comes back: all 100, each recorded once. */
  feed_start (fixture);
  wait_for_messages (fixture, 100);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, events_before + 100);
}

static void
test_broker_restart (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *shut = state (TRUE, 7);
  g_autofree char *open = state (FALSE, 8);

  publish (&fixture->broker, topic, shut);
  wait_for_messages (fixture, 1);

  broker_stop (&fixture->broker);
  wait_until (is_reconnecting, fixture);

  /* Back on the same port: the feed finds it by itself. */
  broker_start (&fixture->broker);
  wait_until (is_connected, fixture);
  publish (&fixture->broker, topic, open);
  wait_for_messages (fixture, 2);
  g_assert_cmpuint (fixture->n_alerts, ==, 1);
}

static void
test_rubbish (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  static const guchar garbage[] = { 0x00, 0xff, 0x13, 0x37, 0xc3, 0x28, 0x7b };
  gsize big_size = 1024 * 1024;
  char *big = g_malloc (big_size);
  g_autofree char *shut = state (TRUE, 9);
  WgFeedStats stats;

  memset (big, '7', big_size);
  g_ptr_array_add (payloads, g_bytes_new_static ("{\"contact\": fals", 16));
  g_ptr_array_add (payloads, g_bytes_new_static (garbage, sizeof garbage));
  g_ptr_array_add (payloads, g_bytes_new_take (big, big_size));
  g_ptr_array_add (payloads, g_bytes_new_static ("{\"contact\":\"open\"}", 18));
  publish_all (&fixture->broker, topic, payloads);
  publish (&fixture->broker, "zigbee2mqtt/0x00124b00deadbeef", "{\"contact\":false}");
  /* And the feed carries on. */
  publish (&fixture->broker, topic, shut);
  wait_for_messages (fixture, 6);

  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.malformed, ==, 3);
  g_assert_cmpuint (stats.bad_fields, ==, 1); /* "contact": "open" is unknown, the message kept */
  g_assert_cmpuint (stats.unknown_devices, ==, 1);
  g_assert_cmpuint (fixture->n_alerts, ==, 1); /* the unknown device */
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 6);
  g_assert_true (is_connected (fixture));
}

/* The engine headless: wangge-cli listen prints one JSON line per alert. */
static void
test_cli_listen (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *shut = state (TRUE, 10);
  g_autofree char *open = state (FALSE, 11);
  g_autofree char *url = broker_url (&fixture->broker);
  const char *argv[] = { g_getenv ("WANGGE_CLI"), "--db", fixture->db, "listen", "--broker", url,
                         "--client-id", "wangge-test-cli", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) out_stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;
  JsonObject *alert;
  GPid pid;
  int out_fd, status;

  /* The in-process feed steps aside: one engine writes at a time. */
  feed_stop (fixture);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                           NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  /* Until it is subscribed, the broker keeps nothing for it: wait for its session. */
  {
    g_autofree char *log = g_build_filename (fixture->broker.dir, "broker.log", NULL);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    g_autofree char *text = NULL;

    while (g_get_monotonic_time () < deadline)
      {
        g_clear_pointer (&text, g_free);
        if (g_file_get_contents (log, &text, NULL, NULL) && strstr (text, "as wangge-test-cli") != NULL)
          break;
        g_usleep (50000);
      }
  }
  g_usleep (500000);
  publish (&fixture->broker, topic, shut);
  publish (&fixture->broker, topic, open);

  out_stream = g_unix_input_stream_new (out_fd, TRUE);
  lines = g_data_input_stream_new (out_stream);
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  alert = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (alert, "kind"), ==, "door-opened");
  g_assert_cmpstr (json_object_get_string_member (alert, "severity"), ==, "high");
  g_assert_cmpstr (json_object_get_string_member (alert, "household"), ==, fixture->household);

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* Publishes a payload as Zigbee2MQTT does with retain (its availability, its
 * bridge state, a device with retain: true), or an empty retained one. */
static void
publish_retained (Broker     *broker,
                  const char *topic,
                  const char *payload)
{
  Publisher publisher = { 0 };
  struct mosquitto *mosq = mosquitto_new (NULL, true, &publisher);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  mosquitto_publish_callback_set (mosq, on_published_cb);
  g_assert_cmpint (mosquitto_connect (mosq, "127.0.0.1", broker->port, 30), ==, MOSQ_ERR_SUCCESS);
  publisher.pending++;
  g_assert_cmpint (mosquitto_publish (mosq, NULL, topic, strlen (payload), payload, 1, true), ==,
                   MOSQ_ERR_SUCCESS);
  while (publisher.pending > 0 && g_get_monotonic_time () < deadline)
    mosquitto_loop (mosq, 50, 1);
  g_assert_cmpint (publisher.pending, ==, 0);
  mosquitto_disconnect (mosq);
  mosquitto_destroy (mosq);
}

static guint
open_alerts_of_kind (Fixture     *fixture,
                     WgAlertKind  kind)
{
  g_autoptr(GPtrArray) alerts = wg_store_list_alerts (fixture->store, TRUE, NULL, NULL);
  guint n = 0;

  for (guint i = 0; i < alerts->len; i++)
    if (((WgAlertInfo *) g_ptr_array_index (alerts, i))->kind == kind)
      n++;
  return n;
}

static WgFeedStats
stats_of (Fixture *fixture)
{
  WgFeedStats stats;

  wg_alert_engine_get_stats (fixture->engine, &stats);
  return stats;
}

/* Every model's real payloads through a real broker: an opening, then two
 * reports that repeat the open state, is one alert with one opening. */
static void
test_real_payloads (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  guint64 n = 0;

  for (guint m = 0; m < G_N_ELEMENTS (wg_test_z2m_models); m++)
    {
      g_autoptr(JsonObject) model = wg_test_z2m_load (wg_test_z2m_models[m]);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *seen = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
      g_autofree char *closed = wg_test_z2m_payload (model, "closed", seen);
      g_autofree char *open = wg_test_z2m_payload (model, "open", seen);
      g_autofree char *report = wg_test_z2m_payload (model, "open_report", seen);
      g_autoptr(GPtrArray) alerts = NULL;
      WgAlertInfo *alert;

      g_test_message ("%s", json_object_get_string_member (model, "model"));
      publish (&fixture->broker, topic, closed);
      publish (&fixture->broker, topic, open);
      publish (&fixture->broker, topic, report);
      /* Zigbee2MQTT sends the same report twice only with another last_seen. */
      publish (&fixture->broker, topic, report);
      n += 4;
      wait_for_messages (fixture, n);
      g_assert_cmpuint (fixture->n_alerts, ==, m + 1);
      alerts = wg_store_list_alerts (fixture->store, TRUE, NULL, NULL);
      g_assert_cmpuint (alerts->len, ==, 1);
      alert = g_ptr_array_index (alerts, 0);
      g_assert_cmpint (alert->kind, ==, WG_ALERT_KIND_DOOR_OPENED);
      g_assert_cmpuint (alert->event_count, ==, 1);
      g_assert_true (wg_store_acknowledge_alert (fixture->store, alert->id, NULL));
      g_assert_true (wg_store_resolve_alert (fixture->store, alert->id, WG_ALERT_OUTCOME_FALSE_ALARM, NULL, NULL));
    }
  /* The duplicate report was one message, recorded once. */
  g_assert_cmpuint (stats_of (fixture).duplicates, ==, 0);
}

static gboolean
is_standing_by (Fixture *fixture)
{
  return wg_sensor_feed_get_state (fixture->feed) == WG_FEED_STATE_STANDBY;
}

/* Zigbee2MQTT with retain on: a restart replays the open door, before and
 * after its alert is resolved, and raises nothing. */
static void
test_retained_replay (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *shut = state (TRUE, 21);
  g_autofree char *open = state (FALSE, 22);
  g_autoptr(GPtrArray) alerts = NULL;
  WgAlertInfo *alert;

  publish (&fixture->broker, topic, shut);
  publish_retained (&fixture->broker, topic, open);
  wait_for_messages (fixture, 2);
  g_assert_cmpuint (fixture->n_alerts, ==, 1);

  for (int round = 0; round < 2; round++)
    {
      feed_stop (fixture);
      feed_start (fixture);
      wait_until (is_connected, fixture);
      wait_for_messages (fixture, 3 + round);
      g_assert_cmpuint (fixture->n_alerts, ==, 1);
      g_assert_cmpuint (stats_of (fixture).retained, ==, round + 1);
      if (round == 0)
        {
          alerts = wg_store_list_alerts (fixture->store, TRUE, NULL, NULL);
          alert = g_ptr_array_index (alerts, 0);
          g_assert_cmpuint (alert->event_count, ==, 1);
          g_assert_true (wg_store_acknowledge_alert (fixture->store, alert->id, NULL));
          g_assert_true (wg_store_resolve_alert (fixture->store, alert->id, WG_ALERT_OUTCOME_FALSE_ALARM, NULL, NULL));
        }
    }
  g_assert_cmpuint (wg_store_count_open_alerts (fixture->store), ==, 0);
  publish_retained (&fixture->broker, topic, "");
}

static void
test_slashed_name (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *name = "乐昌镇/南关/348号";
  g_autofree char *topic = g_strdup_printf ("zigbee2mqtt/%s", name);
  g_autofree char *availability = g_strdup_printf ("%s/availability", topic);
  g_autofree char *shut = state (TRUE, 31);
  g_autofree char *open = state (FALSE, 32);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;

  g_assert_true (wg_store_unbind_sensor (fixture->store, fixture->device, &error));
  g_assert_true (wg_store_register_sensor (fixture->store, name, "TS0203", NULL, &error));
  g_assert_true (wg_store_bind_sensor (fixture->store, name, fixture->household, &error));
  g_assert_no_error (error);

  publish (&fixture->broker, topic, shut);
  publish (&fixture->broker, topic, open);
  publish_retained (&fixture->broker, availability, "{\"state\":\"online\"}");
  publish_retained (&fixture->broker, availability, "{\"state\":\"offline\"}");
  wait_for_messages (fixture, 4);
  alerts = wg_store_list_alerts (fixture->store, TRUE, NULL, NULL);
  g_assert_cmpuint (alerts->len, ==, 2);
  for (guint i = 0; i < alerts->len; i++)
    {
      WgAlertInfo *alert = g_ptr_array_index (alerts, i);

      g_assert_cmpstr (alert->device, ==, name);
      g_assert_cmpstr (alert->household_code, ==, fixture->household);
    }
  g_assert_cmpuint (open_alerts_of_kind (fixture, WG_ALERT_KIND_DOOR_OPENED), ==, 1);
  g_assert_cmpuint (open_alerts_of_kind (fixture, WG_ALERT_KIND_OFFLINE), ==, 1);
  publish_retained (&fixture->broker, availability, "");
}

/* A removed device's retained topics cleared: nothing happens. */
static void
test_empty_retained (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *availability = g_strdup_printf ("%s/availability", topic);
  g_autofree char *shut = state (TRUE, 41);
  gint64 events;

  publish_retained (&fixture->broker, availability, "{\"state\":\"online\"}");
  publish (&fixture->broker, topic, shut);
  wait_for_messages (fixture, 2);
  events = wg_store_count_rows (fixture->store, "sensor_event");
  publish_retained (&fixture->broker, topic, "");
  publish_retained (&fixture->broker, availability, "");
  publish (&fixture->broker, topic, shut);
  wait_for_messages (fixture, 5);
  g_assert_cmpuint (stats_of (fixture).cleared, ==, 2);
  /* The repeated state is a duplicate of nothing: its own message, recorded. */
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, events + 1);
  g_assert_cmpuint (fixture->n_alerts, ==, 0);
  g_assert_true (is_connected (fixture));
}

static void
test_bridge (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonObject) bridge = wg_test_z2m_load ("zigbee2mqtt-bridge");
  g_autofree char *offline = wg_test_z2m_payload (bridge, "bridge_offline", NULL);
  g_autofree char *online = wg_test_z2m_payload (bridge, "bridge_online", NULL);

  /* Zigbee2MQTT's last will: retained, offline. */
  publish_retained (&fixture->broker, "zigbee2mqtt/bridge/state", offline);
  wait_for_messages (fixture, 1);
  g_assert_cmpuint (fixture->n_alerts, ==, 1);
  g_assert_cmpuint (open_alerts_of_kind (fixture, WG_ALERT_KIND_BRIDGE_OFFLINE), ==, 1);
  g_assert_cmpint (wg_store_get_bridge_state (fixture->store, "zigbee2mqtt", NULL, NULL), ==, 0);

  publish_retained (&fixture->broker, "zigbee2mqtt/bridge/state", online);
  wait_for_messages (fixture, 2);
  g_assert_cmpuint (wg_store_count_open_alerts (fixture->store), ==, 0);
  g_assert_cmpint (wg_store_get_bridge_state (fixture->store, "zigbee2mqtt", NULL, NULL), ==, 1);
  publish_retained (&fixture->broker, "zigbee2mqtt/bridge/state", "");
}

static guint
count_connections (Fixture    *fixture,
                   const char *client_id)
{
  g_autofree char *log = g_build_filename (fixture->broker.dir, "broker.log", NULL);
  g_autofree char *needle = g_strdup_printf (" as %s ", client_id);
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (log, &text, NULL, NULL))
    return 0;
  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Two feeds on one database: one receives, the other says who does and
 * stands by, no fight over the session, each message recorded once; when
 * the first stops, the second takes over. */
static void
test_two_feeds (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *url = broker_url (&fixture->broker);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (fixture->db, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_autoptr(WgAlertEngine) engine = wg_alert_engine_new (store, NULL);
  g_autoptr(WgSensorFeed) second = wg_sensor_feed_new (engine);
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gint64 events = wg_store_count_rows (fixture->store, "sensor_event");
  const char *problem;
  WgFeedStats second_stats;
  Fixture view = *fixture;

  /* The first feed, restarted with the database's own client id. */
  feed_stop (fixture);
  fixture->feed = wg_sensor_feed_new (fixture->engine);
  wg_sensor_feed_set_lease_seconds (fixture->feed, 3);
  g_assert_true (wg_sensor_feed_set_broker (fixture->feed, url, &error));
  g_assert_true (wg_sensor_feed_start (fixture->feed, &error));
  wait_until (is_connected, fixture);
  g_assert_true (g_str_has_prefix (wg_sensor_feed_get_client_id (fixture->feed), "wangge-"));

  wg_sensor_feed_set_lease_seconds (second, 3);
  wg_sensor_feed_set_purpose (second, "listen");
  g_assert_true (wg_sensor_feed_set_broker (second, url, &error));
  g_assert_true (wg_sensor_feed_start (second, &error));
  g_assert_no_error (error);
  view.feed = second;
  g_assert_true (is_standing_by (&view));
  problem = wg_sensor_feed_get_problem (second);
  g_assert_nonnull (strstr (problem, g_get_host_name ()));
  g_assert_nonnull (strstr (problem, "Wangge"));
  g_assert_cmpstr (wg_sensor_feed_get_client_id (second), ==, wg_sensor_feed_get_client_id (fixture->feed));

  for (int i = 0; i < 20; i++)
    {
      char *payload = state (TRUE, 200 + i);

      g_ptr_array_add (payloads, g_bytes_new_take (payload, strlen (payload)));
    }
  publish_all (&fixture->broker, topic, payloads);
  wait_for_messages (fixture, 20);
  /* Some seconds of both running: still one connection, no loop. */
  {
    gint64 until = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_true (is_connected (fixture));
  g_assert_true (is_standing_by (&view));
  g_assert_cmpuint (count_connections (fixture, wg_sensor_feed_get_client_id (second)), ==, 1);
  wg_alert_engine_get_stats (engine, &second_stats);
  g_assert_cmpuint (second_stats.messages, ==, 0);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, events + 20);

  /* The first goes; the second takes over its session and what was queued. */
  feed_stop (fixture);
  {
    g_autofree char *closed = state (TRUE, 300);

    publish (&fixture->broker, topic, closed);
  }
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline &&
           (wg_sensor_feed_get_state (second) != WG_FEED_STATE_CONNECTED || (wg_alert_engine_get_stats (engine, &second_stats), second_stats.messages < 1)))
      g_main_context_iteration (NULL, FALSE);
  }
  wg_alert_engine_get_stats (engine, &second_stats);
  g_assert_cmpuint (second_stats.messages, ==, 1);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, events + 21);
  wg_sensor_feed_stop (second);
}

/* wangge-cli listen beside a feed that holds the database says who does. */
static void
test_cli_listen_stands_by (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = broker_url (&fixture->broker);
  const char *argv[] = { g_getenv ("WANGGE_CLI"), "--db", fixture->db, "listen", "--broker", url, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) err_stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  GPid pid;
  int err_fd, status;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                           NULL, &pid, NULL, NULL, &err_fd, &error));
  g_assert_no_error (error);
  err_stream = g_unix_input_stream_new (err_fd, TRUE);
  lines = g_data_input_stream_new (err_stream);
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_test_message ("%s", line);
  g_assert_nonnull (strstr (line, "Standing by"));
  g_assert_nonnull (strstr (line, g_get_host_name ()));
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* Runs wangge-cli; returns its exit status, with its output. */
static int
run_cli (const char  *db,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("WANGGE_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                               &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The panel's steps from the command line, with the panel's rules. */
static void
test_cli_alert_steps (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *shut = state (TRUE, 51);
  g_autofree char *open = state (FALSE, 52);
  g_autofree char *id = NULL;
  g_autoptr(WgAlertInfo) alert = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  const char *phone = NULL;

  publish (&fixture->broker, topic, shut);
  publish (&fixture->broker, topic, open);
  wait_for_messages (fixture, 2);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->last_alert);

#define CLI(expected, ...)                                                   \
  G_STMT_START {                                                             \
    g_autofree char *out_ = NULL;                                            \
    g_autofree char *err_ = NULL;                                            \
    int status_ = run_cli (fixture->db, &out_, &err_, __VA_ARGS__, NULL);    \
    g_test_message ("%s%s", out_, err_);                                     \
    g_assert_cmpint (status_, ==, (expected));                               \
    if ((expected) == 1)                                                     \
      g_assert_cmpuint (strlen (err_) > 0 && strchr (err_, '\n') == err_ + strlen (err_) - 1, ==, TRUE); \
  } G_STMT_END

  CLI (1, "alerts", "resolve", id, "--outcome", "false-alarm");
  CLI (1, "alerts", "dispatch", id);
  CLI (2, "alerts", "resolve", id);
  CLI (2, "alerts", "resolve", id, "--outcome", "maybe");
  CLI (2, "alerts", "ack", "seven");
  CLI (1, "alerts", "ack", "999999");
  CLI (0, "alerts", "ack", id, "--operator", "值班员乙");
  CLI (1, "alerts", "ack", id);
  CLI (1, "alerts", "dispatch", id, "--to", "nobody-at-all");
  staff = wg_store_list_household_staff (fixture->store, fixture->household_id, NULL);
  for (guint i = 0; i < staff->len && phone == NULL; i++)
    phone = ((WgStaffEntry *) g_ptr_array_index (staff, i))->phone;
  g_assert_nonnull (phone);
  CLI (0, "alerts", "dispatch", id, "--to", phone);
  CLI (0, "alerts", "resolve", id, "--outcome", "authorised-exit", "--note", "送医，已报备");
#undef CLI

  alert = wg_store_get_alert (fixture->store, fixture->last_alert, NULL);
  g_assert_cmpint (alert->state, ==, WG_ALERT_STATE_RESOLVED);
  g_assert_cmpint (alert->outcome, ==, WG_ALERT_OUTCOME_AUTHORISED_EXIT);
  g_assert_cmpstr (alert->note, ==, "送医，已报备");
  g_assert_cmpstr (alert->acknowledged_by, ==, "值班员乙");
  audit = wg_store_list_audit (fixture->store, "alert", fixture->last_alert, NULL);
  {
    gboolean seen[3] = { FALSE };

    for (guint i = 0; i < audit->len; i++)
      {
        WgAuditEntry *entry = g_ptr_array_index (audit, i);

        seen[0] |= g_str_equal (entry->action, "acknowledge") && g_str_equal (entry->operator_name, "值班员乙");
        seen[1] |= g_str_equal (entry->action, "dispatch");
        seen[2] |= g_str_equal (entry->action, "resolve");
      }
    g_assert_true (seen[0] && seen[1] && seen[2]);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  mosquitto_lib_init ();

  /* A small county as of today: its home quarantines, and their sensors, are armed now. */
  fixture_dir = wg_test_make_tmp_dir ();
  county_db = wg_test_database (fixture_dir, "fixture");
  {
    g_autoptr(WgStore) store = wg_store_open (county_db, WG_STORE_OPEN_FLAGS_CREATE, &error);

    g_assert_no_error (error);
    g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 5, NULL, NULL, NULL, &error));
  }

#define ADD(path, func) g_test_add ("/wg/sensors/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("opening-gives-one-alert", test_opening_gives_one_alert);
  ADD ("visit-window-gives-none", test_visit_window_gives_none);
  ADD ("nothing-lost-while-away", test_nothing_lost_while_away);
  ADD ("broker-restart", test_broker_restart);
  ADD ("rubbish", test_rubbish);
  ADD ("cli-listen", test_cli_listen);
  ADD ("real-payloads", test_real_payloads);
  ADD ("retained-replay", test_retained_replay);
  ADD ("slashed-name", test_slashed_name);
  ADD ("empty-retained", test_empty_retained);
  ADD ("bridge", test_bridge);
  ADD ("two-feeds", test_two_feeds);
  ADD ("cli-listen-stands-by", test_cli_listen_stands_by);
  ADD ("cli-alert-steps", test_cli_alert_steps);
#undef ADD

  status = g_test_run ();
  mosquitto_lib_cleanup ();
  wg_test_remove_tree (fixture_dir);
  g_free (county_db);
  return status;
}
