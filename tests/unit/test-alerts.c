/* test-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The alert engine without a network: Zigbee2MQTT messages handed to it
 * directly, at chosen times, against a real database.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "wg-alerts.h"
#include "wg-demo.h"
#include "wg-registry.h"
#include "wg-sensors.h"

#include "../wg-test-util.h"

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
  path = g_build_filename (fixture->dir, "county.db", NULL);
  fixture->store = wg_store_open (path, WG_STORE_OPEN_CREATE, &error);
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
                                         ++fixture->mid, when, &error));
  g_assert_no_error (error);
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
  } cases[] = {
    { TOPIC, "{\"contact\":false,\"battery\":91,\"linkquality\":120}", -1 },
    { TOPIC "/availability", "{\"state\":\"offline\"}", -1 },
    { TOPIC "/availability", "online", -1 },
    { "zigbee2mqtt/bridge/state", "{\"state\":\"online\"}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "zigbee2mqtt/" DEVICE "/set", "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { "other/" DEVICE, "{}", WG_SENSOR_ERROR_NOT_A_DEVICE },
    { TOPIC, "{\"contact\":fals", WG_SENSOR_ERROR_MALFORMED },
    { TOPIC, "[1,2,3]", WG_SENSOR_ERROR_MALFORMED },
    { TOPIC, "{\"contact\":\"no\"}", WG_SENSOR_ERROR_WRONG_TYPE },
    { TOPIC, "{\"battery\":\"full\"}", WG_SENSOR_ERROR_WRONG_TYPE },
    { TOPIC, "{\"battery\":250}", WG_SENSOR_ERROR_MALFORMED },
    { TOPIC "/availability", "{\"state\":1}", WG_SENSOR_ERROR_WRONG_TYPE },
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
          g_assert_cmpstr (message.device, ==, DEVICE);
        }
      else
        g_assert_error (error, WG_SENSOR_ERROR, cases[i].code);
    }

  /* What a door sensor says. */
  {
    g_auto(WgSensorMessage) message = { 0 };
    const char *payload = "{\"contact\":false,\"battery\":17,\"tamper\":true,\"voltage\":2900}";

    g_assert_true (wg_sensor_message_parse ("zigbee2mqtt", TOPIC, payload, strlen (payload), &message, NULL));
    g_assert_cmpint (message.contact, ==, 0);
    g_assert_cmpint (message.battery, ==, 17);
    g_assert_cmpint (message.tamper, ==, 1);
    g_assert_false (message.availability);
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
  }
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
  g_assert_cmpint (alert->kind, ==, WG_ALERT_DOOR_OPENED);
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

  send (fixture, TOPIC, "{\"contact\":false}", before);
  send (fixture, TOPIC, "{\"contact\":false}", after);
  g_assert_cmpuint (fixture->n_new, ==, 0);
  /* Armed from the first minute of the first day. */
  send (fixture, TOPIC, "{\"contact\":false}", first);
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

  g_assert_true (wg_store_add_visit_window (fixture->store, fixture->household_id, WG_VISIT_SAMPLING,
                                            DAY " 09:00:00", DAY " 10:00:00", NULL, &error));
  g_assert_no_error (error);

  send (fixture, TOPIC, "{\"contact\":false}", during);
  g_assert_cmpuint (fixture->n_new, ==, 0);
  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.expected_openings, ==, 1);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 1);

  /* After the visit, the same opening is an alert. */
  send (fixture, TOPIC, "{\"contact\":false}", later);
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

  /* QoS 1 delivers the same message (same id) twice: one event, one alert. */
  for (int i = 0; i < 3; i++)
    g_assert_true (wg_alert_engine_handle (fixture->engine, TOPIC, payload, strlen (payload), 77, t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wg_store_count_rows (fixture->store, "sensor_event"), ==, 1);
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
  send (fixture, "zigbee2mqtt/0xdeadbeef00000000", "{\"contact\":true}", t);
  send (fixture, "zigbee2mqtt/0xdeadbeef00000000", "{\"contact\":false}", t);
  /* Nothing here is an alert: broken, or not ours. */
  send (fixture, TOPIC, "{\"contact\":\"no\"}", t);
  send (fixture, TOPIC, "not json", t);
  send (fixture, "zigbee2mqtt/bridge/info", "{\"version\":\"1.33\"}", t);

  alerts = open_alerts (fixture);
  g_assert_cmpuint (alerts->len, ==, 4);
  for (guint i = 0; i < alerts->len; i++)
    {
      WgAlertInfo *alert = g_ptr_array_index (alerts, i);

      seen[alert->kind] = TRUE;
      switch (alert->kind)
        {
        case WG_ALERT_TAMPER:
          g_assert_cmpint (alert->severity, ==, WG_SEVERITY_HIGH);
          break;
        case WG_ALERT_OFFLINE:
          g_assert_cmpint (alert->severity, ==, WG_SEVERITY_MEDIUM);
          break;
        case WG_ALERT_BATTERY_LOW:
          g_assert_cmpint (alert->severity, ==, WG_SEVERITY_LOW);
          break;
        case WG_ALERT_UNKNOWN_DEVICE:
          g_assert_cmpint (alert->severity, ==, WG_SEVERITY_LOW);
          g_assert_cmpstr (alert->device, ==, "0xdeadbeef00000000");
          g_assert_cmpuint (alert->event_count, ==, 2);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_true (seen[WG_ALERT_TAMPER] && seen[WG_ALERT_OFFLINE] && seen[WG_ALERT_BATTERY_LOW] &&
                 seen[WG_ALERT_UNKNOWN_DEVICE]);
  /* Sorted by severity: the tamper first. */
  g_assert_cmpint (((WgAlertInfo *) g_ptr_array_index (alerts, 0))->kind, ==, WG_ALERT_TAMPER);

  wg_alert_engine_get_stats (fixture->engine, &stats);
  g_assert_cmpuint (stats.malformed, ==, 2);
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
  g_assert_true (wg_alert_engine_check_silence (fixture->engine, late, &error));
  g_assert_cmpuint (fixture->n_new, ==, 0);

  send (fixture, TOPIC, "{\"contact\":true,\"battery\":88}", seen);
  g_assert_true (wg_alert_engine_check_silence (fixture->engine, soon, &error));
  g_assert_cmpuint (fixture->n_new, ==, 0);
  g_assert_true (wg_alert_engine_check_silence (fixture->engine, late, &error));
  g_assert_cmpuint (fixture->n_new, ==, 1);
  /* Once offline, it is not announced again every minute. */
  g_assert_true (wg_alert_engine_check_silence (fixture->engine, later, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_new + fixture->n_updated, ==, 1);

  alerts = open_alerts (fixture);
  g_assert_cmpint (((WgAlertInfo *) g_ptr_array_index (alerts, 0))->kind, ==, WG_ALERT_OFFLINE);
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

  send (fixture, TOPIC, "{\"contact\":false}", t);
  id = fixture->last_alert;

  /* In order: not resolved or dispatched before someone has seen it. */
  g_assert_false (wg_store_resolve_alert (fixture->store, id, WG_OUTCOME_FALSE_ALARM, NULL, &error));
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

  g_assert_true (wg_store_resolve_alert (fixture->store, id, WG_OUTCOME_AUTHORISED_EXIT, "取快递，已批评教育", &error));
  g_assert_no_error (error);
  alert = wg_store_get_alert (fixture->store, id, &error);
  g_assert_cmpint (alert->state, ==, WG_ALERT_STATE_RESOLVED);
  g_assert_cmpint (alert->outcome, ==, WG_OUTCOME_AUTHORISED_EXIT);
  g_assert_cmpstr (alert->note, ==, "取快递，已批评教育");
  g_assert_nonnull (alert->resolved_at);

  g_assert_cmpuint (count_audit (fixture->store, "open"), ==, 1);
  g_assert_cmpuint (count_audit (fixture->store, "acknowledge"), ==, 1);
  g_assert_cmpuint (count_audit (fixture->store, "dispatch"), ==, 1);
  g_assert_cmpuint (count_audit (fixture->store, "resolve"), ==, 1);
  g_assert_cmpuint (wg_store_count_open_alerts (fixture->store), ==, 0);

  /* Resolved: the next opening is a new alert. */
  send (fixture, TOPIC, "{\"contact\":false}", t2);
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

  send (fixture, TOPIC, "{\"contact\":false}", t);
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
  g_assert_false (wg_store_register_sensor (fixture->store, "a/b", NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);

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

    send (fixture, TOPIC, "{\"contact\":false}", t);
    g_assert_cmpuint (fixture->n_new, ==, 0);
    send (fixture, "zigbee2mqtt/0x00158d0009999999", "{\"contact\":false}", t);
    g_assert_cmpuint (fixture->n_new, ==, 1);
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
#undef ADD

  return g_test_run ();
}
