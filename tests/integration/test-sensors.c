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
#include <sys/wait.h>

#include "wg-alerts.h"
#include "wg-demo.h"
#include "wg-registry.h"
#include "wg-sensor-feed.h"
#include "wg-sensors.h"

#include "../wg-test-broker.h"
#include "../wg-test-util.h"

static char *fixture_dir;
static char *county_db;

/* A door sensor's state, unique by its last_seen like Zigbee2MQTT's. */
static char *
state (gboolean contact,
       int      serial)
{
  return g_strdup_printf ("{\"battery\":87,\"contact\":%s,\"linkquality\":112,\"voltage\":3005,"
                          "\"last_seen\":\"2026-11-29T10:%02d:%02d.%03d+08:00\"}",
                          contact ? "true" : "false", serial / 3600 % 60, serial / 60 % 60, serial % 1000);
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
  return wg_sensor_feed_get_state (fixture->feed) == WG_FEED_CONNECTED;
}

static gboolean
is_reconnecting (Fixture *fixture)
{
  return wg_sensor_feed_get_state (fixture->feed) == WG_FEED_RECONNECTING;
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

  fixture->db = g_build_filename (fixture->broker.dir, "county.db", NULL);
  {
    g_autoptr(WgStore) county = wg_store_open (county_db, WG_STORE_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_true (wg_store_backup (county, fixture->db, &error));
  }
  fixture->store = wg_store_open (fixture->db, WG_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  fixture->engine = wg_alert_engine_new (fixture->store, NULL);
  g_signal_connect (fixture->engine, "alert", G_CALLBACK (on_alert_cb), fixture);

  sensors = wg_store_list_sensors (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sensors->len && fixture->device == NULL; i++)
    {
      WgSensorInfo *sensor = g_ptr_array_index (sensors, i);

      if (sensor->armed)
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
  g_assert_cmpint (alert->kind, ==, WG_ALERT_DOOR_OPENED);
  g_assert_cmpstr (alert->household_code, ==, fixture->household);
  g_assert_cmpstr (alert->device, ==, fixture->device);
}

static void
test_visit_window_gives_none (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *topic = device_topic (fixture);
  g_autofree char *open = state (FALSE, 3);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) before = g_date_time_add_minutes (now, -30);
  g_autoptr(GDateTime) after = g_date_time_add_minutes (now, 30);
  g_autofree char *starts = g_date_time_format (before, "%Y-%m-%d %H:%M:%S");
  g_autofree char *ends = g_date_time_format (after, "%Y-%m-%d %H:%M:%S");
  g_autoptr(GError) error = NULL;
  WgFeedStats stats;

  g_assert_true (wg_store_add_visit_window (fixture->store, fixture->household_id, WG_VISIT_DISINFECTION,
                                            starts, ends, NULL, &error));
  g_assert_no_error (error);
  publish (&fixture->broker, topic, open);
  wait_for_messages (fixture, 1);

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
  g_assert_cmpuint (stats.malformed, ==, 4);
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
  county_db = g_build_filename (fixture_dir, "county.db", NULL);
  {
    g_autoptr(WgStore) store = wg_store_open (county_db, WG_STORE_OPEN_CREATE, &error);

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
#undef ADD

  status = g_test_run ();
  mosquitto_lib_cleanup ();
  wg_test_remove_tree (fixture_dir);
  g_free (county_db);
  return status;
}
