/* bench-sensors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures for the door sensors' feed against a real mosquitto on
 * loopback (issue #6), with the Quwo demo county's 200 sensors:
 *
 *  - sustained ingest with the rules applied: 20,000 Zigbee2MQTT messages
 *    published at once, from the first to the last recorded: heartbeats
 *    with a door opening now and then, and (issue #10) full-state reports
 *    as Zigbee2MQTT's cache_state sends them, the doors mostly closed and a
 *    few left open, so that every report of those repeats "open" (aim
 *    ≥ 20,000/s: a county's sensors after an outage);
 *  - time from publish to the alert in the core, median and 99th
 *    percentile, for door openings (a close, then an open) while all 200
 *    sensors report heartbeats at 200 messages a second (aim p99 ≤ 50 ms).
 *
 * The feed and the engine run as in the application: libmosquitto's thread
 * receives, the main context records. A benchmark reports; it never fails.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "wg-alert-engine.h"
#include "wg-demo.h"
#include "wg-sensor-feed.h"
#include "wg-store-sensors.h"

#include "wg-test-broker.h"

#define N_INGEST 20000
#define N_LEFT_OPEN 10
#define N_OPENINGS 300
#define BACKGROUND_RATE 200

typedef struct
{
  Broker *broker;
  GStrv devices;
  volatile gint stop;
} Background;

/* Heartbeats from every sensor, at BACKGROUND_RATE a second, until stopped. */
static gpointer
background_thread (gpointer data)
{
  Background *background = data;
  struct mosquitto *mosq = mosquitto_new (NULL, true, NULL);
  guint n = g_strv_length (background->devices);
  gint64 start = g_get_monotonic_time ();
  guint64 sent = 0;

  mosquitto_connect (mosq, "127.0.0.1", background->broker->port, 30);
  mosquitto_loop_start (mosq);
  while (!g_atomic_int_get (&background->stop))
    {
      g_autofree char *topic = g_strdup_printf ("zigbee2mqtt/%s", background->devices[sent % n]);
      g_autofree char *payload = g_strdup_printf ("{\"battery\":90,\"contact\":true,\"linkquality\":99,"
                                                  "\"last_seen\":%" G_GUINT64_FORMAT "}", sent);
      gint64 due;

      mosquitto_publish (mosq, NULL, topic, strlen (payload), payload, 1, false);
      sent++;
      due = start + sent * G_USEC_PER_SEC / BACKGROUND_RATE;
      if (due > g_get_monotonic_time ())
        g_usleep (due - g_get_monotonic_time ());
    }
  mosquitto_disconnect (mosq);
  mosquitto_loop_stop (mosq, false);
  mosquitto_destroy (mosq);
  return NULL;
}

typedef struct
{
  gint64 alert_at;
} Waiter;

static void
on_alert_cb (WgAlertEngine *engine,
             gint64         id,
             gboolean       is_new,
             Waiter        *waiter)
{
  waiter->alert_at = g_get_monotonic_time ();
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static char *
iso_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%f%:z");
}

/* Publishes N_INGEST messages at once and reports how fast the feed and the
 * engine record them. @full_state: Zigbee2MQTT's full-state reports with a
 * few doors left open; else heartbeats with an opening every 50. */
static void
ingest (Broker        *broker,
        WgAlertEngine *engine,
        GStrv          devices,
        gboolean       full_state)
{
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *seen = iso_now ();
  Publisher publisher = { 0 };
  struct mosquitto *mosq = mosquitto_new (NULL, true, &publisher);
  guint n = g_strv_length (devices);
  WgFeedStats before, stats;
  gint64 start;
  double seconds;
  guint timeout_id;

  wg_alert_engine_get_stats (engine, &before);
  for (guint i = 0; i < N_INGEST; i++)
    {
      g_autofree char *payload = NULL;
      gsize length;

      if (full_state)
        payload = g_strdup_printf ("{\"battery\":%.1f,\"battery_low\":false,\"contact\":%s,"
                                   "\"linkquality\":%u,\"tamper\":false,\"voltage\":%u,"
                                   "\"last_seen\":\"%s\"}",
                                   60 + (i % 80) / 2.0, i % n < N_LEFT_OPEN ? "false" : "true",
                                   40 + i % 200, 2800 + i % 300, seen);
      else
        payload = g_strdup_printf ("{\"battery\":%u,\"contact\":%s,\"linkquality\":80,"
                                   "\"last_seen\":%" G_GINT64_FORMAT "}",
                                   60 + i % 40, i % 50 == 0 ? "false" : "true",
                                   g_get_real_time () / 1000 - N_INGEST + i);
      length = strlen (payload);
      g_ptr_array_add (payloads, g_bytes_new_take (g_steal_pointer (&payload), length));
    }

  start = g_get_monotonic_time ();
  /* One topic per message would need a publisher per sensor: spread them.
   * As many in flight as the broker takes, as a Zigbee2MQTT bridge would. */
  mosquitto_publish_callback_set (mosq, on_published_cb);
  mosquitto_max_inflight_messages_set (mosq, 0);
  mosquitto_connect (mosq, "127.0.0.1", broker->port, 30);
  mosquitto_loop_start (mosq);
  for (guint i = 0; i < payloads->len; i++)
    {
      g_autofree char *topic = g_strdup_printf ("zigbee2mqtt/%s", devices[i % n]);
      gsize length;
      const void *data = g_bytes_get_data (g_ptr_array_index (payloads, i), &length);

      mosquitto_publish (mosq, NULL, topic, length, data, 1, false);
      /* Let the receiving side run while we publish. */
      if (i % 256 == 0)
        while (g_main_context_iteration (NULL, FALSE));
    }
  /* Sleep until the feed has something: a busy loop here would take the
   * core the broker needs. A timeout wakes the loop now and then. */
  timeout_id = g_timeout_add (50, wake_cb, NULL);
  do
    {
      g_main_context_iteration (NULL, TRUE);
      wg_alert_engine_get_stats (engine, &stats);
    }
  while (stats.messages - before.messages < N_INGEST && g_get_monotonic_time () - start < 120 * G_USEC_PER_SEC);
  g_source_remove (timeout_id);
  mosquitto_disconnect (mosq);
  mosquitto_loop_stop (mosq, false);
  mosquitto_destroy (mosq);

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  printf ("  ingest, %s: %" G_GUINT64_FORMAT " messages recorded with the rules in %.2f s: %.0f messages/s"
          " (%" G_GUINT64_FORMAT " alerts opened, %" G_GUINT64_FORMAT " added to)\n",
          full_state ? "full-state reports, 10 doors left open" : "heartbeats, an opening in 50",
          stats.messages - before.messages, seconds, (stats.messages - before.messages) / seconds,
          stats.alerts_opened - before.alerts_opened, stats.alerts_updated - before.alerts_updated);
}

/* The engine alone, as the feed hands it batches, without the network: how
 * much of the figure above is ours. */
static void
ingest_direct (WgAlertEngine *engine,
               GStrv          devices)
{
  g_autofree char *seen = iso_now ();
  guint n = g_strv_length (devices);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 start = g_get_monotonic_time ();
  double seconds;

  for (guint i = 0; i < N_INGEST; i++)
    {
      g_autofree char *topic = g_strdup_printf ("zigbee2mqtt/%s", devices[i % n]);
      g_autofree char *payload = g_strdup_printf ("{\"battery\":%.1f,\"battery_low\":false,\"contact\":%s,"
                                                  "\"linkquality\":%u,\"tamper\":false,\"voltage\":%u,"
                                                  "\"last_seen\":\"%s\"}",
                                                  60 + (i % 80) / 2.0, i % n < N_LEFT_OPEN ? "false" : "true",
                                                  40 + i % 200, 2800 + i % 300, seen);

      if (i % 512 == 0 && (i == 0 || wg_alert_engine_end_batch (engine, NULL)))
        wg_alert_engine_begin_batch (engine, NULL);
      wg_alert_engine_handle (engine, topic, payload, strlen (payload), 1000000 + i, WG_MESSAGE_FLAGS_NONE,
                              now, NULL);
    }
  wg_alert_engine_end_batch (engine, NULL);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  printf ("  the engine alone, full-state reports in batches of 512: %.0f messages/s\n", N_INGEST / seconds);
}

/* The same messages through the same broker with mosquitto's own tools
 * (mosquitto_pub -l → mosquitto_sub, QoS 1): the transport's own pace on
 * this machine, which no subscriber can beat. */
static void
reference_transport (Broker *broker)
{
  g_autofree char *port = g_strdup_printf ("%d", broker->port);
  g_autofree char *lines = g_build_filename (broker->dir, "reference.txt", NULL);
  g_autofree char *script = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *sub_argv[] = { "mosquitto_sub", "-p", port, "-q", "1", "-t", "reference/#", "-C", NULL, NULL };
  char count[16];
  GPid sub_pid;
  gint64 start;
  int status;

  for (guint i = 0; i < N_INGEST; i++)
    g_string_append (text, "{\"battery\":66.5,\"battery_low\":false,\"contact\":true,\"linkquality\":54,"
                           "\"tamper\":false,\"voltage\":2900,\"last_seen\":\"2026-11-29T10:00:00.000+08:00\"}\n");
  if (!g_file_set_contents (lines, text->str, text->len, &error))
    return;
  g_snprintf (count, sizeof count, "%u", N_INGEST);
  sub_argv[8] = count;
  if (!g_spawn_async (NULL, (char **) sub_argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &sub_pid, &error))
    {
      printf ("  reference: %s\n", error->message);
      return;
    }
  g_usleep (300000);
  start = g_get_monotonic_time ();
  script = g_strdup_printf ("mosquitto_pub -p %s -l -q 1 -t reference/door < '%s'", port, lines);
  {
    const char *pub_argv[] = { "sh", "-c", script, NULL };

    g_spawn_sync (NULL, (char **) pub_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  waitpid (sub_pid, &status, 0);
  g_spawn_close_pid (sub_pid);
  printf ("  reference, the transport alone (mosquitto_pub -l → mosquitto_sub, QoS 1): %.0f messages/s\n",
          N_INGEST / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC));
  g_unlink (lines);
}

static void
wait_connected (WgSensorFeed *feed)
{
  while (wg_sensor_feed_get_state (feed) != WG_FEED_STATE_CONNECTED)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgAlertEngine) engine = NULL;
  g_autoptr(WgSensorFeed) feed = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sensors = NULL;
  g_auto(GStrv) devices = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autofree char *armed = NULL;
  Background background = { 0 };
  WgDemoScale scale = WG_DEMO_SCALE_QUWO;
  Broker broker = { 0 };
  Waiter waiter = { 0 };
  GThread *thread;

  if (argc > 1 && !wg_demo_scale_from_string (argv[1], &scale))
    {
      g_printerr ("usage: bench-sensors [quwo|small]\n");
      return 2;
    }
  mosquitto_lib_init ();

  broker.dir = g_dir_make_tmp ("wangge-bench-XXXXXX", &error);
  g_assert_no_error (error);
  broker.port = free_port ();
  broker_start (&broker);
  url = broker_url (&broker);

  /* The county as of today: its home quarantines' sensors are armed. */
  db = g_build_filename (broker.dir, "county.db", NULL);
  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_CREATE, &error);
  if (store == NULL || !wg_demo_build (store, scale, 1, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  devices = wg_store_list_sensor_devices (store, TRUE, &error);
  sensors = wg_store_list_sensors (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sensors->len && armed == NULL; i++)
    if (((WgSensorInfo *) g_ptr_array_index (sensors, i))->armed)
      armed = g_strdup (((WgSensorInfo *) g_ptr_array_index (sensors, i))->device);
  g_assert_nonnull (armed);

  engine = wg_alert_engine_new (store, NULL);
  feed = wg_sensor_feed_new (engine);
  wg_sensor_feed_set_client_id (feed, "wangge-bench");
  g_assert_true (wg_sensor_feed_set_broker (feed, url, &error));
  g_assert_true (wg_sensor_feed_start (feed, &error));
  wait_connected (feed);
  g_usleep (200000);
  while (g_main_context_iteration (NULL, FALSE));

  printf ("bench-sensors (%s scale, %u sensors, mosquitto on loopback)\n",
          scale == WG_DEMO_SCALE_QUWO ? "quwo" : "small", g_strv_length (devices));

  ingest (&broker, engine, devices, FALSE);
  ingest (&broker, engine, devices, TRUE);
  ingest_direct (engine, devices);
  reference_transport (&broker);

  /* Latency, under 200 sensors' heartbeats. */
  background.broker = &broker;
  background.devices = devices;
  thread = g_thread_new ("heartbeats", background_thread, &background);
  g_signal_connect (engine, "alert", G_CALLBACK (on_alert_cb), &waiter);
  {
    struct mosquitto *mosq = mosquitto_new (NULL, true, NULL);
    g_autofree char *topic = g_strdup_printf ("zigbee2mqtt/%s", armed);

    mosquitto_connect (mosq, "127.0.0.1", broker.port, 30);
    mosquitto_loop_start (mosq);
    for (guint i = 0; i < N_OPENINGS; i++)
      {
        g_autofree char *seen = iso_now ();
        g_autofree char *shut = g_strdup_printf ("{\"contact\":true,\"battery\":88,\"last_seen\":\"%s\"}", seen);
        g_autofree char *payload = g_strdup_printf ("{\"contact\":false,\"battery\":88,\"last_seen\":\"%s\"}", seen);
        gint64 sent, deadline;

        /* An opening is a change: the door is shut first. */
        mosquitto_publish (mosq, NULL, topic, strlen (shut), shut, 1, false);
        deadline = g_get_monotonic_time () + 20000;
        while (g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, FALSE);
        waiter.alert_at = 0;
        sent = g_get_monotonic_time ();
        mosquitto_publish (mosq, NULL, topic, strlen (payload), payload, 1, false);
        deadline = sent + 5 * G_USEC_PER_SEC;
        while (waiter.alert_at == 0 && g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, TRUE);
        if (waiter.alert_at != 0)
          {
            gint64 latency = waiter.alert_at - sent;

            g_array_append_val (latencies, latency);
          }
        /* Openings a few tens of milliseconds apart, the heartbeats running. */
        deadline = g_get_monotonic_time () + 20000;
        while (g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, FALSE);
      }
    mosquitto_disconnect (mosq);
    mosquitto_loop_stop (mosq, false);
    mosquitto_destroy (mosq);
  }
  g_atomic_int_set (&background.stop, 1);
  g_thread_join (thread);

  g_array_sort (latencies, compare_gint64);
  if (latencies->len > 0)
    printf ("  publish → alert, %u door openings under %u heartbeats/s: median %.1f ms, p99 %.1f ms, max %.1f ms\n",
            latencies->len, BACKGROUND_RATE,
            g_array_index (latencies, gint64, latencies->len / 2) / 1000.0,
            g_array_index (latencies, gint64, MIN (latencies->len - 1, latencies->len * 99 / 100)) / 1000.0,
            g_array_index (latencies, gint64, latencies->len - 1) / 1000.0);
  {
    struct rusage usage;

    getrusage (RUSAGE_SELF, &usage);
    printf ("  peak memory: %.1f MiB\n", usage.ru_maxrss / 1024.0);
  }

  wg_sensor_feed_stop (feed);
  g_clear_object (&feed);
  g_clear_object (&engine);
  g_clear_object (&store);
  broker_stop (&broker);
  {
    const char *names[] = { "county.db", "county.db-wal", "county.db-shm", "mosquitto.conf", "broker.log",
                            "mosquitto.db" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (broker.dir, names[i], NULL);
        g_unlink (path);
      }
  }
  g_rmdir (broker.dir);
  g_free (broker.dir);
  mosquitto_lib_cleanup ();
  return 0;
}
