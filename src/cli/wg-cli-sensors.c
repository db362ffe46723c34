/* wg-cli-sensors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The door sensors from the command line: the alert engine headless on a
 * broker (listen), Zigbee2MQTT traffic for the demo county (simulate), the
 * alerts, and the sensors themselves.
 */

#define G_LOG_DOMAIN "wangge-cli"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <mosquitto.h>
#include <stdio.h>
#include <stdlib.h>

#include "wg-alert-engine.h"
#include "wg-cli.h"
#include "wg-sensor-feed.h"
#include "wg-store-alerts.h"
#include "wg-store-grids.h"
#include "wg-store-sensors.h"

static JsonNode *
alert_to_json (const WgAlertInfo *alert)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

#define STRING(key, value)                                   \
  G_STMT_START {                                             \
    json_builder_set_member_name (builder, key);             \
    if ((value) != NULL)                                     \
      json_builder_add_string_value (builder, value);        \
    else                                                     \
      json_builder_add_null_value (builder);                 \
  } G_STMT_END

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, alert->id);
  STRING ("kind", wg_alert_kind_name (alert->kind));
  STRING ("severity", wg_severity_name (alert->severity));
  STRING ("state", wg_alert_state_name (alert->state));
  STRING ("device", alert->device);
  STRING ("household", alert->household_code);
  STRING ("address", alert->address);
  STRING ("grid", alert->grid_path);
  STRING ("grid_code", alert->grid_code);
  STRING ("opened_at", alert->opened_at);
  STRING ("last_event_at", alert->last_event_at);
  json_builder_set_member_name (builder, "events");
  json_builder_add_int_value (builder, alert->event_count);
  STRING ("worker", alert->worker);
  STRING ("worker_phone", alert->worker_phone);
  STRING ("acknowledged_by", alert->acknowledged_by);
  STRING ("dispatched_to", alert->dispatched_to);
  STRING ("resolved_at", alert->resolved_at);
  json_builder_set_member_name (builder, "outcome");
  if (alert->outcome != 0)
    json_builder_add_int_value (builder, alert->outcome);
  else
    json_builder_add_null_value (builder);
  STRING ("note", alert->note);
  json_builder_end_object (builder);
#undef STRING

  return json_builder_get_root (builder);
}

static void
print_json_line (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  g_print ("%s\n", text);
  fflush (stdout);
}

/* listen */

typedef struct
{
  GMainLoop *loop;
  WgStore *store;
  WgSensorFeed *feed;
} Listener;

static void
on_alert_cb (WgAlertEngine *engine,
             gint64         id,
             gboolean       is_new,
             Listener      *listener)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgAlertInfo) alert = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!is_new)
    return;
  if (!(alert = wg_store_get_alert (listener->store, id, &error)))
    {
      g_printerr ("wangge-cli: %s\n", error->message);
      return;
    }
  node = alert_to_json (alert);
  print_json_line (node);
}

static void
on_state_cb (WgSensorFeed *feed,
             GParamSpec   *pspec,
             Listener     *listener)
{
  const char *problem = wg_sensor_feed_get_problem (feed);

  g_printerr ("wangge-cli: %s: %s%s%s\n", wg_sensor_feed_get_broker (feed),
              wg_feed_state_describe (wg_sensor_feed_get_state (feed)), problem != NULL ? " — " : "",
              problem != NULL ? problem : "");
}

static gboolean
on_quit_signal_cb (gpointer data)
{
  Listener *listener = data;

  g_main_loop_quit (listener->loop);
  return G_SOURCE_CONTINUE;
}

int
wg_cli_listen (WgCli   *cli,
               int    argc,
               char **argv)
{
  g_autofree char *broker = NULL;
  g_autofree char *base_topic = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *ca_file = NULL;
  int lease = 30;
  GOptionEntry entries[] = {
    { "broker", 0, 0, G_OPTION_ARG_STRING, &broker, N_("The MQTT broker"), "mqtt://HOST:PORT" },
    { "base-topic", 0, 0, G_OPTION_ARG_STRING, &base_topic, N_("Zigbee2MQTT's base topic (default zigbee2mqtt)"), "T" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, N_("The MQTT client id: its session keeps what comes while it is away"), "ID" },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, N_("The broker's user name"), "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("A file holding the password"), "FILE" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("The CA certificate for TLS"), "FILE" },
    { "lease", 0, 0, G_OPTION_ARG_INT, &lease, N_("Seconds another feed waits before taking over if this one dies (default 30)"), "S" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgAlertEngine) engine = NULL;
  g_autoptr(WgSensorFeed) feed = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *password = NULL;
  Listener listener = { 0 };
  WgFeedStats stats;
  guint sigint_id, sigterm_id;
  int status;

  if (!wg_cli_parse_options ("listen", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1 || broker == NULL)
    return wg_cli_usage_error (_("“listen” needs --broker mqtt://HOST:PORT."));
  if (lease < 3 || lease > 3600)
    return wg_cli_usage_error (_("--lease is a number of seconds from 3 to 3600."));
  if (password_file != NULL)
    {
      if (!g_file_get_contents (password_file, &password, NULL, &error))
        return wg_cli_fail (error);
      g_strchomp (password);
    }

  if (!(listener.store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
    return wg_cli_fail (error);
  engine = wg_alert_engine_new (listener.store, base_topic);
  feed = wg_sensor_feed_new (engine);
  /* Without --client-id, the database's own: shared with the app on this
   * machine, which takes over the session (and the lease) when we stop. */
  if (client_id != NULL)
    wg_sensor_feed_set_client_id (feed, client_id);
  wg_sensor_feed_set_purpose (feed, "listen");
  wg_sensor_feed_set_lease_seconds (feed, lease);
  wg_sensor_feed_set_credentials (feed, username, password);
  wg_sensor_feed_set_ca_file (feed, ca_file);
  if (!wg_sensor_feed_set_broker (feed, broker, &error))
    {
      g_object_unref (listener.store);
      return wg_cli_usage_error (error->message);
    }

  loop = g_main_loop_new (NULL, FALSE);
  listener.loop = loop;
  listener.feed = feed;
  g_signal_connect (engine, "alert", G_CALLBACK (on_alert_cb), &listener);
  g_signal_connect (feed, "notify::state", G_CALLBACK (on_state_cb), &listener);
  /* Before the feed starts: a signal from then on stops it cleanly, even one
   * sent as soon as it says its first word. */
  sigint_id = g_unix_signal_add (SIGINT, on_quit_signal_cb, &listener);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal_cb, &listener);
  if (!wg_sensor_feed_start (feed, &error))
    {
      g_source_remove (sigint_id);
      g_source_remove (sigterm_id);
      g_object_unref (listener.store);
      return wg_cli_fail (error);
    }

  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  /* Everything received is recorded before leaving. */
  wg_sensor_feed_stop (feed);
  wg_alert_engine_get_stats (engine, &stats);
  g_printerr ("wangge-cli: %" G_GUINT64_FORMAT " messages, %" G_GUINT64_FORMAT " duplicates, %"
              G_GUINT64_FORMAT " malformed, %" G_GUINT64_FORMAT " cleared, %" G_GUINT64_FORMAT
              " retained, %" G_GUINT64_FORMAT " from unknown devices, %" G_GUINT64_FORMAT
              " alerts opened\n",
              stats.messages, stats.duplicates, stats.malformed, stats.cleared, stats.retained,
              stats.unknown_devices, stats.alerts_opened);
  g_signal_handlers_disconnect_by_data (engine, &listener);
  g_signal_handlers_disconnect_by_data (feed, &listener);
  g_clear_object (&feed);
  g_clear_object (&engine);
  g_object_unref (listener.store);
  return EXIT_SUCCESS;
}

/* simulate */

static char *
state_payload (GRand      *rand,
               gboolean    contact,
               int         battery,
               gboolean    tamper)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *seen = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%f%:z");

  /* What an Aqara MCCGQ11LM says through Zigbee2MQTT, last_seen on. */
  return g_strdup_printf ("{\"battery\":%d,\"contact\":%s,\"device_temperature\":%d,"
                          "\"linkquality\":%d,\"power_outage_count\":%d,\"tamper\":%s,"
                          "\"voltage\":%d,\"last_seen\":\"%s\"}",
                          battery, contact ? "true" : "false", g_rand_int_range (rand, 18, 30),
                          g_rand_int_range (rand, 40, 255), g_rand_int_range (rand, 0, 9),
                          tamper ? "true" : "false", 2600 + battery * 6, seen);
}

static gboolean
publish (struct mosquitto  *mosq,
         const char        *topic,
         const char        *payload,
         GError           **error)
{
  int rc = mosquitto_publish (mosq, NULL, topic, strlen (payload), payload, 1, false);

  if (rc != MOSQ_ERR_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("MQTT: %s"), mosquitto_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

int
wg_cli_simulate (WgCli   *cli,
                 int    argc,
                 char **argv)
{
  g_autofree char *broker = NULL;
  g_autofree char *base_topic = NULL;
  int n_sensors = 200;
  double rate = 10;
  double duration = 60;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "broker", 0, 0, G_OPTION_ARG_STRING, &broker, N_("The MQTT broker"), "mqtt://HOST:PORT" },
    { "base-topic", 0, 0, G_OPTION_ARG_STRING, &base_topic, N_("Zigbee2MQTT's base topic (default zigbee2mqtt)"), "T" },
    { "sensors", 0, 0, G_OPTION_ARG_INT, &n_sensors, N_("How many of the county's sensors report (default 200)"), "N" },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, N_("Messages per second, all sensors together (default 10)"), "R" },
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &duration, N_("Seconds to run; 0 until interrupted (default 60)"), "S" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed: the same seed gives the same traffic"), "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_auto(GStrv) devices = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree int *battery = NULL;
  g_autofree char *host = NULL;
  const char *base;
  struct mosquitto *mosq;
  gint64 start, sent = 0;
  guint n;
  int port, rc, status;
  gboolean tls;

  if (!wg_cli_parse_options ("simulate", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1 || broker == NULL)
    return wg_cli_usage_error (_("“simulate” needs --broker mqtt://HOST:PORT."));
  if (n_sensors < 1 || rate <= 0 || rate > 100000 || duration < 0)
    return wg_cli_usage_error (_("--sensors, --rate and --duration are positive numbers."));
  if (!wg_broker_url_parse (broker, &host, &port, &tls, &error))
    return wg_cli_usage_error (error->message);

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !(devices = wg_store_list_sensor_devices (store, TRUE, &error)))
    return wg_cli_fail (error);
  n = MIN ((guint) n_sensors, g_strv_length (devices));
  if (n == 0)
    {
      g_printerr ("wangge-cli: %s\n", _("No door sensor is bound to a household: nothing to simulate."));
      return EXIT_FAILURE;
    }
  base = base_topic != NULL ? base_topic : "zigbee2mqtt";

  mosquitto_lib_init ();
  mosq = mosquitto_new (NULL, true, NULL);
  if (tls)
    mosquitto_tls_set (mosq, NULL, "/etc/ssl/certs", NULL, NULL, NULL);
  rc = mosquitto_connect (mosq, host, port, 30);
  if (rc != MOSQ_ERR_SUCCESS)
    {
      g_printerr (_("wangge-cli: cannot connect to %s: %s"), broker,
                  rc == MOSQ_ERR_ERRNO ? g_strerror (errno) : mosquitto_strerror (rc));
      g_printerr ("\n");
      mosquitto_destroy (mosq);
      mosquitto_lib_cleanup ();
      return EXIT_FAILURE;
    }
  mosquitto_loop_start (mosq);

  rand = g_rand_new_with_seed ((guint32) seed);
  battery = g_new (int, n);
  for (guint i = 0; i < n; i++)
    battery[i] = g_rand_int_range (rand, 40, 101);

  g_printerr (_("wangge-cli: %u sensors, %.0f messages a second, to %s"), n, rate, broker);
  g_printerr ("\n");
  start = g_get_monotonic_time ();
  while (duration == 0 || g_get_monotonic_time () - start < duration * G_USEC_PER_SEC)
    {
      guint i = g_rand_int_range (rand, 0, n);
      g_autofree char *topic = g_strdup_printf ("%s/%s", base, devices[i]);
      double dice = g_rand_double (rand);
      gint64 due;

      /* Mostly heartbeats; now and then a door, a tamper, a drop-out, a flat battery. */
      if (dice < 0.04)
        {
          g_autofree char *open = state_payload (rand, FALSE, battery[i], FALSE);
          g_autofree char *shut = state_payload (rand, TRUE, battery[i], FALSE);

          if (!publish (mosq, topic, open, &error) || !publish (mosq, topic, shut, &error))
            break;
          sent += 2;
        }
      else if (dice < 0.05)
        {
          g_autofree char *payload = state_payload (rand, TRUE, battery[i], TRUE);

          if (!publish (mosq, topic, payload, &error))
            break;
          sent++;
        }
      else if (dice < 0.06)
        {
          g_autofree char *availability = g_strdup_printf ("%s/availability", topic);

          if (!publish (mosq, availability, "{\"state\":\"offline\"}", &error) ||
              !publish (mosq, availability, "{\"state\":\"online\"}", &error))
            break;
          sent += 2;
        }
      else
        {
          g_autofree char *payload = NULL;

          if (dice < 0.07)
            battery[i] = g_rand_int_range (rand, 5, 19);
          payload = state_payload (rand, TRUE, battery[i], FALSE);
          if (!publish (mosq, topic, payload, &error))
            break;
          sent++;
        }

      due = start + (gint64) (sent / rate * G_USEC_PER_SEC);
      if (due > g_get_monotonic_time ())
        g_usleep (due - g_get_monotonic_time ());
    }

  mosquitto_disconnect (mosq);
  mosquitto_loop_stop (mosq, false);
  mosquitto_destroy (mosq);
  mosquitto_lib_cleanup ();
  if (error != NULL)
    return wg_cli_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Published %u message.", "Published %u messages.", (gulong) sent),
           (guint) sent);
  g_print ("\n");
  return EXIT_SUCCESS;
}

/* alerts */

/* The household's staff member @who names: by id, phone or name. */
static gboolean
find_staff (WgStore      *store,
            gint64        alert_id,
            const char   *who,
            gint64       *staff_id,
            GError      **error)
{
  g_autoptr(WgAlertInfo) alert = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  guint64 number = 0;
  guint n_found = 0;

  if (!(alert = wg_store_get_alert (store, alert_id, error)))
    return FALSE;
  if (alert->household_id == 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("This alert is about no household: there is nobody to send."));
      return FALSE;
    }
  if (!(staff = wg_store_list_household_staff (store, alert->household_id, error)))
    return FALSE;
  g_ascii_string_to_unsigned (who, 10, 1, G_MAXINT64, &number, NULL);
  for (guint i = 0; i < staff->len; i++)
    {
      const WgStaffEntry *entry = g_ptr_array_index (staff, i);

      if ((number != 0 && entry->id == (gint64) number) || g_strcmp0 (entry->phone, who) == 0 ||
          g_strcmp0 (entry->name, who) == 0)
        {
          /* The same person may hold two roles: one id is one person. */
          if (n_found == 0 || *staff_id != entry->id)
            n_found++;
          *staff_id = entry->id;
        }
    }
  if (n_found == 1)
    return TRUE;
  g_set_error (error, WG_STORE_ERROR, n_found == 0 ? WG_STORE_ERROR_NOT_FOUND : WG_STORE_ERROR_INVALID,
               n_found == 0 ? _("“%s” is not among the staff of the alert's household.")
                            : _("“%s” names more than one of the household's staff: give the staff id or phone."),
               who);
  return FALSE;
}

/* alerts ack|dispatch|resolve ID: the panel's steps, with the same rules. */
static int
alert_step (WgCli        *cli,
            const char *step,
            const char *id_text,
            const char *to,
            const char *outcome_text,
            const char *note,
            const char *operator_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgAlertInfo) alert = NULL;
  WgAlertOutcome outcome = 0;
  guint64 id = 0;
  gint64 staff_id = 0;
  gboolean ok;

  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return wg_cli_usage_error (_("An alert is named by its number, as “alerts” lists it."));
  if (g_str_equal (step, "resolve") &&
      (outcome_text == NULL || !wg_alert_outcome_from_string (outcome_text, &outcome)))
    return wg_cli_usage_error (_("“alerts resolve” needs --outcome violation, authorised-exit, false-alarm or device-fault."));
  if (!g_str_equal (step, "resolve") && (outcome_text != NULL || note != NULL))
    return wg_cli_usage_error (_("--outcome and --note belong to “alerts resolve”."));
  if (!g_str_equal (step, "dispatch") && to != NULL)
    return wg_cli_usage_error (_("--to belongs to “alerts dispatch”."));

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
    return wg_cli_fail (error);
  if (operator_name != NULL)
    wg_store_set_operator (store, operator_name);

  if (g_str_equal (step, "ack"))
    ok = wg_store_acknowledge_alert (store, (gint64) id, &error);
  else if (g_str_equal (step, "dispatch"))
    ok = (to == NULL || find_staff (store, (gint64) id, to, &staff_id, &error)) &&
         wg_store_dispatch_alert (store, (gint64) id, staff_id, &error);
  else
    ok = wg_store_resolve_alert (store, (gint64) id, outcome, note, &error);
  if (!ok || !(alert = wg_store_get_alert (store, (gint64) id, &error)))
    return wg_cli_fail (error);

  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, alert->id);

    /* Translators: "Alert 12: Acknowledged." */
    g_print (_("Alert %s: %s."), number, wg_alert_state_describe (alert->state));
    g_print ("\n");
  }
  return EXIT_SUCCESS;
}

int
wg_cli_alerts (WgCli   *cli,
               int    argc,
               char **argv)
{
  g_autofree char *state = NULL;
  g_autofree char *township = NULL;
  g_autofree char *to = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *note = NULL;
  g_autofree char *operator_name = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("open (the default) or all"), "STATE" },
    { "township", 0, 0, G_OPTION_ARG_STRING, &township, N_("Only alerts under this grid"), "CODE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("dispatch: whom to send, among the household's staff (id, phone or name; default its grid worker)"), "STAFF" },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("resolve: violation, authorised-exit, false-alarm or device-fault"), "O" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("resolve: what happened"), "TEXT" },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name, N_("Who does it, for the audit log"), "NAME" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  int status;

  if (!wg_cli_parse_options ("alerts", "[ack ID | dispatch ID [--to STAFF] | resolve ID --outcome O [--note T]]",
                           entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    {
      if (argc != 3 || (!g_str_equal (argv[1], "ack") && !g_str_equal (argv[1], "dispatch") &&
                        !g_str_equal (argv[1], "resolve")))
        return wg_cli_usage_error (_("Write “alerts ack ID”, “alerts dispatch ID [--to STAFF]” or “alerts resolve ID --outcome O [--note T]”."));
      if (state != NULL || township != NULL || json)
        return wg_cli_usage_error (_("--state, --township and --json belong to the list of alerts."));
      return alert_step (cli, argv[1], argv[2], to, outcome, note, operator_name);
    }
  if (to != NULL || outcome != NULL || note != NULL || operator_name != NULL)
    return wg_cli_usage_error (_("--to, --outcome, --note and --operator belong to “alerts ack|dispatch|resolve ID”."));
  if (state != NULL && !g_str_equal (state, "open") && !g_str_equal (state, "all"))
    return wg_cli_usage_error (_("--state is “open” or “all”."));

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !(alerts = wg_store_list_alerts (store, state == NULL || g_str_equal (state, "open"), township,
                                       &error)))
    return wg_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < alerts->len; i++)
        json_array_add_element (array, alert_to_json (g_ptr_array_index (alerts, i)));
      json_node_set_array (node, array);
      print_json_line (node);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < alerts->len; i++)
    {
      const WgAlertInfo *alert = g_ptr_array_index (alerts, i);

      g_print ("%-6" G_GINT64_FORMAT " %-8s %-12s %-16s %s  %s  %s\n", alert->id,
               wg_severity_describe (alert->severity), wg_alert_state_describe (alert->state),
               wg_alert_kind_describe (alert->kind), alert->last_event_at,
               alert->address != NULL ? alert->address : alert->device,
               alert->worker != NULL ? alert->worker : "");
    }
  if (alerts->len == 0)
    g_print ("%s\n", _("No alerts."));
  return EXIT_SUCCESS;
}

/* sensors */

int
wg_cli_sensors (WgCli   *cli,
                int    argc,
                char **argv)
{
  gboolean json = FALSE;
  g_autofree char *model = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("The model, when registering"), "MODEL" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GPtrArray) sensors = NULL;
  const char *command;
  int status;

  if (!wg_cli_parse_options ("sensors", "[register DEVICE [HOUSEHOLD] | bind DEVICE HOUSEHOLD | unbind DEVICE]",
                           entries, &argc, &argv, &status))
    return status;
  command = argc > 1 ? argv[1] : NULL;

  if (command != NULL)
    {
      gboolean ok;

      if (!(g_str_equal (command, "register") && (argc == 3 || argc == 4)) &&
          !(g_str_equal (command, "bind") && argc == 4) &&
          !(g_str_equal (command, "unbind") && argc == 3))
        return wg_cli_usage_error (_("Write “sensors register DEVICE [HOUSEHOLD]”, “sensors bind DEVICE HOUSEHOLD” or “sensors unbind DEVICE”."));
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
        return wg_cli_fail (error);
      if (g_str_equal (command, "register"))
        ok = wg_store_register_sensor (store, argv[2], model, NULL, &error) &&
             (argc == 3 || wg_store_bind_sensor (store, argv[2], argv[3], &error));
      else if (g_str_equal (command, "bind"))
        ok = wg_store_bind_sensor (store, argv[2], argv[3], &error);
      else
        ok = wg_store_unbind_sensor (store, argv[2], &error);
      return ok ? EXIT_SUCCESS : wg_cli_fail (error);
    }

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !(sensors = wg_store_list_sensors (store, NULL, &error)))
    return wg_cli_fail (error);
  for (guint i = 0; i < sensors->len; i++)
    {
      const WgSensorInfo *sensor = g_ptr_array_index (sensors, i);

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) node = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "device");
          json_builder_add_string_value (builder, sensor->device);
          json_builder_set_member_name (builder, "household");
          json_builder_add_string_value (builder, sensor->household_code);
          json_builder_set_member_name (builder, "room");
          json_builder_add_string_value (builder, sensor->room);
          json_builder_set_member_name (builder, "online");
          json_builder_add_int_value (builder, sensor->online);
          json_builder_set_member_name (builder, "battery");
          json_builder_add_int_value (builder, sensor->battery);
          json_builder_set_member_name (builder, "armed");
          json_builder_add_boolean_value (builder, sensor->armed);
          json_builder_set_member_name (builder, "last_seen");
          json_builder_add_string_value (builder, sensor->last_seen);
          json_builder_end_object (builder);
          node = json_builder_get_root (builder);
          print_json_line (node);
        }
      else
        {
          char battery[8] = "—";

          if (sensor->battery >= 0)
            g_snprintf (battery, sizeof battery, "%d%%", sensor->battery);
          g_print ("%-20s %-12s %-8s %4s %-20s %s\n", sensor->device,
                 sensor->household_code != NULL ? sensor->household_code
                 : sensor->room != NULL ? sensor->room : "—",
                 sensor->online == 1 ? _("online") : sensor->online == 0 ? _("offline") : "—",
                 battery,
                 sensor->last_seen != NULL ? sensor->last_seen : "—",
                 sensor->armed ? _("armed") : "");
        }
    }
  return EXIT_SUCCESS;
}
