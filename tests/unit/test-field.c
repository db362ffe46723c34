/* test-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field's day, on a desk's file and (run-pg.sh) on the county server:
 * a help order's steps in order only (done before accepted, dispatched to a
 * worker of another grid: refused), overdue judged on a fixed clock; the
 * grids' patrols and meetings, one of each a day, and the roll-up of the
 * grids that have not reported equal to a count made straight in SQL at
 * every level; the demo county's orders in every state.
 */

#include "config.h"

#include <string.h>

#include "wg-demo.h"
#include "wg-alert-engine.h"
#include "wg-store-alerts.h"
#include "wg-store-disinfection.h"
#include "wg-store-orders.h"
#include "wg-store-sensors.h"
#include "wg-store-patrols.h"
#include "wg-store-roster.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

#define DAY "2026-11-29"

typedef struct
{
  char *dir;
  char *location;
  WgStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = wg_test_make_tmp_dir ();
  fixture->location = wg_test_database (fixture->dir, "county");
  fixture->store = wg_store_open (fixture->location, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (fixture->store, WG_DEMO_SCALE_SMALL, 4, DAY, NULL, NULL, &error));
  g_assert_no_error (error);
  wg_store_set_operator (fixture->store, "值班员甲");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  wg_test_remove_tree (fixture->dir);
  g_free (fixture->location);
  g_free (fixture->dir);
}

/* Two households of different villages. */
static void
two_homes (Fixture  *fixture,
           char    **home,
           char    **elsewhere)
{
  *home = NULL;
  *elsewhere = NULL;
  {
    g_autoptr(GPtrArray) orders = NULL;
    g_autoptr(GError) error = NULL;

    /* The demo's orders name real households; take two of different villages. */
    orders = wg_store_list_orders (fixture->store, NULL, -1, 0, DAY " 12:00:00", &error);
    g_assert_no_error (error);
    for (guint i = 0; i < orders->len; i++)
      {
        const WgOrderInfo *o = g_ptr_array_index (orders, i);

        if (*home == NULL)
          *home = g_strdup (o->household_code);
        else if (*elsewhere == NULL && strncmp (o->grid_code, ((WgOrderInfo *) orders->pdata[0])->grid_code, 12) != 0)
          *elsewhere = g_strdup (o->household_code);
      }
  }
  g_assert_nonnull (*home);
  g_assert_nonnull (*elsewhere);
}

static gboolean
overdue_at (Fixture    *fixture,
            gint64      id,
            const char *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgOrderInfo) order = wg_store_get_order (fixture->store, id, now, &error);

  g_assert_no_error (error);
  return order->overdue;
}

/* 点单 → 派单 → 接单 → done, each step only from the one before; the
 * worker is one of the household's grid; overdue on a fixed clock. */
static void
test_order_steps (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *elsewhere = NULL;
  gint64 id = 0, other = 0, worker, stranger;
  gint64 logged = wg_test_sql_int (fixture->location, "SELECT count (*) FROM audit_log WHERE entity = 'help_order'");

  two_homes (fixture, &home, &elsewhere);
  {
    WgOrderRequest request = { home, NULL, WG_ORDER_KIND_MEDICINE, "代购降压药两盒", 2, "2026-11-30 18:00:00",
                               "2026-11-30 08:00:00" };
    WgOrderRequest there = { elsewhere, NULL, WG_ORDER_KIND_SHOPPING, "代买米面油", 1, "2026-11-30 18:00:00",
                             "2026-11-30 08:00:00" };
    WgOrderRequest early = { home, NULL, WG_ORDER_KIND_OTHER, "倒着的时间", 1, "2026-11-30 07:00:00",
                             "2026-11-30 08:00:00" };

    g_assert_false (wg_store_add_order (fixture->store, &early, NULL, &error));
    g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (wg_store_add_order (fixture->store, &request, &id, &error));
    g_assert_no_error (error);
    g_assert_true (wg_store_add_order (fixture->store, &there, &other, &error));
    g_assert_no_error (error);
  }
  worker = wg_store_find_order_worker (fixture->store, id, &error);
  g_assert_no_error (error);
  stranger = wg_store_find_order_worker (fixture->store, other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (worker, !=, stranger);

  /* Not accepted within two hours: overdue from 10:00. */
  g_assert_false (overdue_at (fixture, id, "2026-11-30 09:59:00"));
  g_assert_true (overdue_at (fixture, id, "2026-11-30 10:01:00"));

  /* Accepted or done before dispatched: refused. */
  g_assert_false (wg_store_accept_order (fixture->store, id, "2026-11-30 08:30:00", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_complete_order (fixture->store, id, "2026-11-30 08:30:00", "已送达", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Dispatched to a worker of another village's grid: refused. */
  g_assert_false (wg_store_dispatch_order (fixture->store, id, stranger, "2026-11-30 08:30:00", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, home));
  g_clear_error (&error);
  g_assert_true (wg_store_dispatch_order (fixture->store, id, worker, "2026-11-30 08:30:00", &error));
  g_assert_no_error (error);
  /* Done before accepted; accepted before it was dispatched: refused. */
  g_assert_false (wg_store_complete_order (fixture->store, id, "2026-11-30 09:00:00", "已送达", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_accept_order (fixture->store, id, "2026-11-30 08:10:00", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_accept_order (fixture->store, id, "2026-11-30 09:10:00", &error));
  g_assert_no_error (error);

  /* Accepted in time: not overdue until the time promised passes. */
  g_assert_false (overdue_at (fixture, id, "2026-11-30 12:00:00"));
  g_assert_true (overdue_at (fixture, id, "2026-11-30 18:01:00"));
  g_assert_true (wg_store_complete_order (fixture->store, id, "2026-11-30 17:40:00", "药已送到老人手中", &error));
  g_assert_no_error (error);
  g_assert_false (overdue_at (fixture, id, "2026-11-30 20:00:00"));
  /* Done is done: not cancelled after. */
  g_assert_false (wg_store_cancel_order (fixture->store, id, "2026-11-30 18:30:00", "家属取消", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* The other one cancelled with its reason while only ordered. */
  g_assert_false (wg_store_cancel_order (fixture->store, other, "2026-11-30 09:00:00", NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_cancel_order (fixture->store, other, "2026-11-30 09:00:00", "家属已自行解决", &error));
  g_assert_no_error (error);

  g_assert_cmpint (wg_test_sql_int (fixture->location, "SELECT count (*) FROM audit_log WHERE entity = 'help_order'"),
                   ==, logged + 2 + 3 + 1);
  {
    g_autoptr(GPtrArray) mine = wg_store_list_orders (fixture->store, NULL, -1, worker, "2026-11-30 20:00:00", &error);
    gboolean listed = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < mine->len; i++)
      {
        const WgOrderInfo *o = g_ptr_array_index (mine, i);

        g_assert_cmpint (o->worker_id, ==, worker);
        listed |= o->id == id;
        /* Open ones first. */
        if (i > 0)
          g_assert_true (((WgOrderInfo *) mine->pdata[i - 1])->state < WG_ORDER_DONE || o->state >= WG_ORDER_DONE);
      }
    g_assert_true (listed);
  }
}

/* The demo's orders: every state, some overdue at noon of its day. */
static void
test_demo_orders (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = wg_store_list_orders (fixture->store, "141021", -1, 0, DAY " 12:00:00", &error);
  guint states[WG_ORDER_N_STATES] = { 0 };
  guint overdue = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < orders->len; i++)
    {
      const WgOrderInfo *o = g_ptr_array_index (orders, i);

      states[o->state]++;
      overdue += o->overdue;
    }
  for (guint s = 0; s < WG_ORDER_N_STATES; s++)
    g_assert_cmpuint (states[s], >, 0);
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpint (orders->len, ==, wg_test_sql_int (fixture->location, "SELECT count (*) FROM help_order"));
  g_assert_cmpint (wg_test_sql_int (fixture->location, "SELECT count (*) FROM away_info WHERE group_id IS NULL"), ==,
                   0);

  /* Who dispatches: the owner of the group of someone away from the
   * household — as many orders name one as SQL finds. */
  {
    guint named = 0;

    for (guint i = 0; i < orders->len; i++)
      named += ((WgOrderInfo *) orders->pdata[i])->dispatcher != NULL;
    g_assert_cmpuint (named, >, 0);
    g_assert_cmpint (named, ==, wg_test_sql_int (fixture->location,
                                                 "SELECT count (*) FROM help_order o WHERE EXISTS ("
                                                 " SELECT 1 FROM person q JOIN away_info a ON a.person_id = q.id"
                                                 " JOIN away_group g ON g.id = a.group_id"
                                                 " WHERE q.household_id = o.household_id AND g.owner_id IS NOT NULL)"));
  }
}

/* One report of each kind per grid and day; the roll-up of the grids that
 * have not met, against SQL, at the county, a township, a village and a
 * group. */
static void
test_patrols (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = wg_store_list_missing_reports (fixture->store, "141021", DAY, &error);
  g_autoptr(GPtrArray) after = NULL;
  const WgMissingReport *micro = NULL;
  WgPatrolReport report = { NULL, DAY, WG_PATROL_MEETING, DAY " 20:30:00", "张伟、李娜", 0, 0, NULL,
                            "两圈巡查无异常" };

  g_assert_no_error (error);
  g_assert_cmpuint (before->len, >, 0);
  for (guint i = 0; i < before->len; i++)
    {
      const WgMissingReport *m = g_ptr_array_index (before, i);
      g_autofree char *sql = g_strdup_printf (
        "SELECT count (*) FROM grid m WHERE m.level = 5 AND substr (m.code, 1, %u) = '%s'"
        " AND NOT EXISTS (SELECT 1 FROM patrol_report r WHERE r.grid_id = m.id AND r.day = '" DAY "' AND r.kind = 3)",
        (guint) strlen (m->code), m->code);
      g_autofree char *total = g_strdup_printf (
        "SELECT count (*) FROM grid m WHERE m.level = 5 AND substr (m.code, 1, %u) = '%s'", (guint) strlen (m->code),
        m->code);

      g_assert_cmpint (m->missing, ==, wg_test_sql_int (fixture->location, sql));
      g_assert_cmpint (m->micro_grids, ==, wg_test_sql_int (fixture->location, total));
      if (m->level == 5 && micro == NULL)
        micro = m;
    }
  g_assert_cmpint (((WgMissingReport *) before->pdata[0])->level, ==, 1);
  g_assert_nonnull (micro);

  /* A micro-grid missing its meeting reports it: one fewer all the way up. */
  report.grid_code = micro->code;
  g_assert_true (wg_store_add_patrol_report (fixture->store, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_add_patrol_report (fixture->store, &report, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  report.at = "2026-11-28 20:30:00";
  report.kind = WG_PATROL_MORNING;
  g_assert_false (wg_store_add_patrol_report (fixture->store, &report, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = wg_store_list_missing_reports (fixture->store, "141021", DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((WgMissingReport *) after->pdata[0])->missing, ==,
                    ((WgMissingReport *) before->pdata[0])->missing - 1);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((WgMissingReport *) after->pdata[i])->code, !=, micro->code);
  {
    g_autoptr(GPtrArray) day = wg_store_list_patrols (fixture->store, micro->code, DAY, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (day->len, ==, 3);
    g_assert_cmpstr (((WgPatrolInfo *) day->pdata[2])->reported_up, ==, "两圈巡查无异常");
  }
}

static void
send (WgAlertEngine *engine,
      const char    *device,
      const char    *payload,
      const char    *when,
      guint         *mid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (when, zone);
  g_autofree char *topic = g_strconcat ("zigbee2mqtt/", device, NULL);

  g_assert_true (wg_alert_engine_handle (engine, topic, payload, strlen (payload), ++*mid, WG_MESSAGE_FLAGS_NONE, at,
                                         &error));
  g_assert_no_error (error);
}

static guint
door_alerts (Fixture    *fixture,
             const char *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = wg_store_list_alerts (fixture->store, FALSE, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < alerts->len; i++)
    {
      const WgAlertInfo *a = g_ptr_array_index (alerts, i);

      if (a->kind == WG_ALERT_KIND_DOOR_OPENED && g_strcmp0 (a->device, device) == 0)
        n += a->event_count;
    }
  return n;
}

/* Disinfection at ten every day for a home in quarantine: the team's
 * opening at that hour is expected, one in the afternoon an alert; a slot
 * not visited an hour after it is overdue. */
static void
test_disinfection (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sensors = wg_store_list_sensors (fixture->store, DAY, &error);
  g_autoptr(WgAlertEngine) engine = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  const WgSensorInfo *sensor = NULL;
  gint64 plan = 0;
  guint mid = 0;
  gint64 windows = wg_test_sql_int (fixture->location, "SELECT count (*) FROM visit_window WHERE purpose = 2");

  g_assert_no_error (error);
  for (guint i = 0; i < sensors->len && sensor == NULL; i++)
    if (((WgSensorInfo *) sensors->pdata[i])->armed && ((WgSensorInfo *) sensors->pdata[i])->household_id != 0)
      sensor = g_ptr_array_index (sensors, i);
  g_assert_nonnull (sensor);

  g_assert_false (wg_store_plan_disinfection (fixture->store, sensor->household_code, 0, 24, 1, DAY, "2026-12-01",
                                              NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_plan_disinfection (fixture->store, sensor->household_code, 0, 10, 1, DAY, "2026-12-01",
                                             &plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wg_test_sql_int (fixture->location, "SELECT count (*) FROM visit_window WHERE purpose = 2"), ==,
                   windows + 3);

  engine = wg_alert_engine_new (fixture->store, NULL);
  send (engine, sensor->device, "{\"contact\":true}", DAY "T09:00:00", &mid);
  send (engine, sensor->device, "{\"contact\":false}", DAY "T10:05:00", &mid);
  send (engine, sensor->device, "{\"contact\":true}", DAY "T10:25:00", &mid);
  g_assert_cmpuint (door_alerts (fixture, sensor->device), ==, 0);
  send (engine, sensor->device, "{\"contact\":false}", DAY "T14:00:00", &mid);
  g_assert_cmpuint (door_alerts (fixture, sensor->device), ==, 1);

  /* Visited at 10:05 on the first day only. */
  g_assert_true (wg_store_record_disinfection (fixture->store, sensor->household_code, 0, DAY " 10:05:00",
                                               "消杀队 王强", "门把手、地面喷洒消毒", NULL, &error));
  g_assert_no_error (error);
  overdue = wg_store_list_disinfection_overdue (fixture->store, NULL, "2026-11-30 10:30:00", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < overdue->len; i++)
    g_assert_cmpint (((WgDisinfectionDue *) overdue->pdata[i])->plan_id, !=, plan);
  g_clear_pointer (&overdue, g_ptr_array_unref);
  overdue = wg_store_list_disinfection_overdue (fixture->store, NULL, "2026-11-30 11:30:00", &error);
  g_assert_no_error (error);
  {
    guint mine = 0;

    for (guint i = 0; i < overdue->len; i++)
      {
        const WgDisinfectionDue *due = g_ptr_array_index (overdue, i);

        if (due->plan_id == plan)
          {
            mine++;
            g_assert_cmpstr (due->due_at, ==, "2026-11-30 10:00:00");
          }
      }
    g_assert_cmpuint (mine, ==, 1);
  }
}

/* The roster: a leader booked at two checkpoints on one shift is refused;
 * a shift short of its minimum is a warning; who is on duty now follows
 * the shift the time falls in; ISO weeks start on Mondays. */
static void
test_roster (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *monday = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) now = NULL;
  gint64 leader = wg_test_sql_int (fixture->location, "SELECT min (id) FROM staff");
  gint64 other = wg_test_sql_int (fixture->location, "SELECT max (id) FROM staff");

  g_assert_true (wg_iso_week_first_day ("2027-W02", &monday));
  g_assert_cmpstr (monday, ==, "2027-01-11");
  g_clear_pointer (&monday, g_free);
  g_assert_true (wg_iso_week_first_day ("2026-W53", &monday));
  g_assert_cmpstr (monday, ==, "2026-12-28");
  g_assert_false (wg_iso_week_first_day ("2027-W53", &monday));
  g_assert_false (wg_iso_week_first_day ("2027-13", &monday));

  g_assert_true (wg_store_book_duty (fixture->store, "2027-01-11", 1, "G5京昆高速曲沃出口", NULL, leader,
                                     WG_DUTY_LEADER, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_book_duty (fixture->store, "2027-01-11", 1, "G22青兰高速曲沃东出口", NULL, leader,
                                      WG_DUTY_LEADER, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "G5京昆高速曲沃出口"));
  g_clear_error (&error);
  /* The same leader on another shift, someone else on the same one: fine. */
  g_assert_true (wg_store_book_duty (fixture->store, "2027-01-11", 2, "G22青兰高速曲沃东出口", NULL, leader,
                                     WG_DUTY_LEADER, NULL, &error));
  g_assert_true (wg_store_book_duty (fixture->store, "2027-01-11", 1, "G5京昆高速曲沃出口", NULL, other,
                                     WG_DUTY_ON_DUTY, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_book_duty (fixture->store, "2027-01-11", 1, "没有的卡口", NULL, other, WG_DUTY_ON_DUTY,
                                      NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* That day: every checkpoint's shifts short but G5's day shift has two of three. */
  warnings = wg_store_list_roster_warnings (fixture->store, "2027-01-11", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 3 * 3);
  for (guint i = 0; i < warnings->len; i++)
    {
      const WgRosterWarning *w = g_ptr_array_index (warnings, i);

      if (w->shift == 1 && g_str_equal (w->checkpoint, "G5京昆高速曲沃出口"))
        g_assert_cmpuint (w->booked, ==, 2);
    }
  now = wg_store_list_on_duty_now (fixture->store, "2027-01-11 10:30:00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (now->len, ==, 2);
  g_clear_pointer (&now, g_ptr_array_unref);
  now = wg_store_list_on_duty_now (fixture->store, "2027-01-11 17:00:00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (now->len, ==, 1);
  g_assert_cmpint (((WgDutyInfo *) now->pdata[0])->staff_id, ==, leader);
}

/* People away: every one listed with the demo's details and group; one's
 * details recorded with their village's group; a group of another village
 * and someone at home refused. */
static void
test_away (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) away = wg_store_list_away (fixture->store, NULL, &error);
  g_autoptr(GPtrArray) after = NULL;
  const WgAwayInfo *first;
  g_autofree char *group = NULL;
  WgAwayFields fields = { "广东省", "深圳市", "宝安区福永街道", "电子厂", "2026-09-01", WG_AWAY_WORK, NULL,
                          "老人独居需照看" };
  gint64 someone_home = wg_test_sql_int (fixture->location, "SELECT min (id) FROM person WHERE residency = 0");

  g_assert_no_error (error);
  g_assert_cmpint (away->len, ==, wg_test_sql_int (fixture->location,
                                                    "SELECT count (*) FROM person WHERE residency = 1"
                                                    " AND household_id IS NOT NULL"));
  g_assert_cmpuint (away->len, >, 0);
  first = g_ptr_array_index (away, 0);
  g_assert_nonnull (first->group);
  group = g_strdup (first->group);

  fields.group = "没有这个群";
  g_assert_false (wg_store_set_away (fixture->store, first->person_id, &fields, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  fields.group = group;
  g_assert_false (wg_store_set_away (fixture->store, someone_home, &fields, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_set_away (fixture->store, first->person_id, &fields, &error));
  g_assert_no_error (error);

  after = wg_store_list_away (fixture->store, first->grid_code, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < after->len; i++)
    {
      const WgAwayInfo *a = g_ptr_array_index (after, i);

      if (a->person_id != first->person_id)
        continue;
      g_assert_cmpstr (a->city, ==, "深圳市");
      g_assert_cmpstr (a->employer, ==, "电子厂");
      g_assert_cmpint (a->reason, ==, WG_AWAY_WORK);
      g_assert_cmpstr (a->group, ==, group);
      g_assert_cmpstr (a->care_needed, ==, "老人独居需照看");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/wg/field/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("order-steps", test_order_steps);
  ADD ("demo-orders", test_demo_orders);
  ADD ("patrols", test_patrols);
  ADD ("disinfection", test_disinfection);
  ADD ("roster", test_roster);
  ADD ("away", test_away);
#undef ADD

  return g_test_run ();
}
