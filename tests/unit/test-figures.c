/* test-figures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leaders' figures and the five precisions, on the demo county on a
 * fixed day (and again on the county server, run-pg.sh): each figure
 * equals a count made straight in SQL — or by the desk's own lists — at
 * the county, a township and a micro-grid; a past day shows that day's
 * figures; each precision's numerator and denominator match its rows.
 */

#include "config.h"

#include <string.h>

#include "wg-alert-engine.h"
#include "wg-demo.h"
#include "wg-store-disinfection.h"
#include "wg-store-figures.h"
#include "wg-store-orders.h"
#include "wg-store-alerts.h"
#include "wg-store-records.h"
#include "wg-store-patrols.h"
#include "wg-store-persons.h"
#include "wg-store-sensors.h"
#include "wg-store-status.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

#define DAY "2026-11-29"
#define NOW DAY " 20:00:00"
#define COUNTY "141021"

typedef struct
{
  char *dir;
  char *location;
  WgStore *store;
  char *township;
  char *micro;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) home = NULL;

  fixture->dir = wg_test_make_tmp_dir ();
  fixture->location = wg_test_database (fixture->dir, "county");
  fixture->store = wg_store_open (fixture->location, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (fixture->store, WG_DEMO_SCALE_SMALL, 4, DAY, NULL, NULL, &error));
  g_assert_no_error (error);
  wg_store_set_operator (fixture->store, "值班员甲");
  children = wg_store_list_child_grids (fixture->store, COUNTY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (children->len, >, 1);
  /* A micro-grid with someone in home quarantine, and its township. */
  home = wg_store_list_figure (fixture->store, WG_FIGURE_HOME_QUARANTINE, COUNTY, DAY, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (home->len, >, 0);
  fixture->micro = g_strdup (((WgFigureRow *) home->pdata[0])->grid_code);
  fixture->township = g_strndup (fixture->micro, 9);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  wg_test_remove_tree (fixture->dir);
  g_free (fixture->location);
  g_free (fixture->dir);
  g_free (fixture->township);
  g_free (fixture->micro);
}

static gint64
sql (Fixture    *fixture,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static gint64
sql (Fixture    *fixture,
     const char *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return wg_test_sql_int (fixture->location, text);
}

#define PERSON_IN(grid) \
  " JOIN person p ON p.id = x.person_id JOIN household h ON h.id = p.household_id JOIN grid m ON m.id = h.grid_id" \
  " WHERE m.code LIKE '" grid "%%'"

/* The figure counted in SQL, written apart from the store's statements. */
static gint64
expected (Fixture    *fixture,
          WgFigure    figure,
          const char *grid,
          const char *day,
          const char *clock)
{
  gboolean county = strlen (grid) == 6;

  switch (figure)
    {
    case WG_FIGURE_RETURNEES:
      return sql (fixture, "SELECT count (*) FROM returnee x JOIN person p ON p.id = x.person_id"
                  " JOIN household h ON h.id = p.household_id JOIN grid m ON m.id = h.grid_id"
                  " WHERE x.arrived_on = '%s' AND m.code LIKE '%s%%'", day, grid);
    case WG_FIGURE_MONITORING:
      return sql (fixture, "SELECT count (*) FROM person p JOIN household h ON h.id = p.household_id"
                  " JOIN grid m ON m.id = h.grid_id WHERE m.code LIKE '%s%%'"
                  " AND ((p.monitoring = 1 AND '%s' = '%.10s') OR EXISTS (SELECT 1 FROM monitoring x"
                  "      WHERE x.person_id = p.id AND x.start_day <= '%s' AND x.end_day >= '%s'))",
                  grid, day, clock, day, day);
    case WG_FIGURE_HOME_QUARANTINE:
    case WG_FIGURE_CENTRAL_QUARANTINE:
      return sql (fixture, "SELECT count (DISTINCT x.person_id) FROM quarantine x JOIN person p ON p.id = x.person_id"
                  " JOIN household h ON h.id = p.household_id JOIN grid m ON m.id = h.grid_id"
                  " WHERE x.kind = %d AND x.start_day <= '%s' AND x.end_day >= '%s' AND m.code LIKE '%s%%'",
                  figure == WG_FIGURE_HOME_QUARANTINE ? 1 : 2, day, day, grid);
    case WG_FIGURE_FEVERS:
      return sql (fixture, "SELECT count (DISTINCT x.person_id) FROM temperature x JOIN person p ON p.id = x.person_id"
                  " JOIN household h ON h.id = p.household_id JOIN grid m ON m.id = h.grid_id"
                  " WHERE x.measured_at LIKE '%s%%' AND x.measured_at < '%s' AND x.tenths >= 373"
                  " AND m.code LIKE '%s%%'", day, clock, grid);
    case WG_FIGURE_TESTS_DUE:
    case WG_FIGURE_TESTS_OVERDUE:
      return sql (fixture, "SELECT count (*) FROM test_schedule x JOIN person p ON p.id = x.person_id"
                  " JOIN household h ON h.id = p.household_id JOIN grid m ON m.id = h.grid_id"
                  " WHERE x.day %s '%s' AND m.code LIKE '%s%%'"
                  " AND (x.test_id IS NULL OR (SELECT n.sampled_at FROM nat_test n WHERE n.id = x.test_id) >= '%s')",
                  figure == WG_FIGURE_TESTS_DUE ? "=" : "<", day, grid, clock);
    case WG_FIGURE_ALERTS_HIGH:
    case WG_FIGURE_ALERTS_MEDIUM:
    case WG_FIGURE_ALERTS_LOW:
      return sql (fixture, "SELECT count (*) FROM alert a LEFT JOIN household h ON h.id = a.household_id"
                  " LEFT JOIN grid m ON m.id = h.grid_id WHERE a.severity = %d AND a.opened_at < '%s'"
                  " AND (a.resolved_at IS NULL OR a.resolved_at >= '%s')"
                  " AND (m.code LIKE '%s%%' OR (m.code IS NULL AND %d = 1))",
                  3 - (figure - WG_FIGURE_ALERTS_HIGH), clock, clock, grid, county);
    case WG_FIGURE_ALERTS_OPENED:
      return sql (fixture, "SELECT count (*) FROM alert a LEFT JOIN household h ON h.id = a.household_id"
                  " LEFT JOIN grid m ON m.id = h.grid_id WHERE a.opened_at LIKE '%s%%' AND a.opened_at < '%s'"
                  " AND (m.code LIKE '%s%%' OR (m.code IS NULL AND %d = 1))", day, clock, grid, county);
    case WG_FIGURE_SENSORS_OFFLINE:
      return sql (fixture, "SELECT count (*) FROM sensor s LEFT JOIN household h ON h.id = s.household_id"
                  " LEFT JOIN grid m ON m.id = h.grid_id"
                  " WHERE (s.household_id IS NOT NULL OR s.room_id IS NOT NULL) AND (s.online IS NULL OR s.online = 0)"
                  " AND (m.code LIKE '%s%%' OR (m.code IS NULL AND %d = 1))", grid, county);
    case WG_FIGURE_ORDERS_OPEN:
    case WG_FIGURE_ORDERS_OVERDUE:
      {
        /* The orders desk's own list, on the same clock. */
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) orders = wg_store_list_orders (fixture->store, grid, -1, 0, clock, &error);
        gint64 n = 0;

        g_assert_no_error (error);
        for (guint i = 0; i < orders->len; i++)
          {
            const WgOrderInfo *o = g_ptr_array_index (orders, i);

            n += figure == WG_FIGURE_ORDERS_OPEN ? o->state < WG_ORDER_DONE : o->overdue;
          }
        return n;
      }
    case WG_FIGURE_NOT_REPORTED:
      {
        /* The patrols desk's roll-up. */
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) missing = wg_store_list_missing_reports (fixture->store, grid, day, &error);

        g_assert_no_error (error);
        for (guint i = 0; i < missing->len; i++)
          if (g_str_equal (((WgMissingReport *) missing->pdata[i])->code, grid))
            return ((WgMissingReport *) missing->pdata[i])->missing;
        return 0;
      }
    case WG_FIGURE_POSITIVES:
      return sql (fixture, "SELECT count (*) FROM nat_test x" PERSON_IN ("%s")
                  " AND x.result = 2 AND x.sampled_at LIKE '%s%%' AND x.sampled_at < '%s'", grid, day, clock);
    case WG_FIGURE_VIOLATIONS:
      return sql (fixture, "SELECT count (*) FROM alert a LEFT JOIN household h ON h.id = a.household_id"
                  " LEFT JOIN grid m ON m.id = h.grid_id WHERE a.outcome = 1 AND a.resolved_at LIKE '%s%%'"
                  " AND a.resolved_at < '%s' AND (m.code LIKE '%s%%' OR (m.code IS NULL AND %d = 1))",
                  day, clock, grid, county);
    case WG_FIGURE_N:
    default:
      g_assert_not_reached ();
    }
}

/* An alert on a home in quarantine, so that the alerts' figures count
 * something: its door opened at half past two (no visit expected). */
static void
raise_alert (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sensors = wg_store_list_sensors (fixture->store, DAY, &error);
  g_autoptr(WgAlertEngine) engine = wg_alert_engine_new (fixture->store, NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  const WgSensorInfo *sensor = NULL;
  const char *payloads[] = { "{\"contact\":true}", "{\"contact\":false}" };
  const char *times[] = { DAY "T13:00:00", DAY "T14:30:00" };

  g_assert_no_error (error);
  for (guint i = 0; i < sensors->len && sensor == NULL; i++)
    if (((WgSensorInfo *) sensors->pdata[i])->armed && ((WgSensorInfo *) sensors->pdata[i])->household_id != 0)
      sensor = g_ptr_array_index (sensors, i);
  g_assert_nonnull (sensor);
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autofree char *topic = g_strconcat ("zigbee2mqtt/", sensor->device, NULL);
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (times[i], zone);

      g_assert_true (wg_alert_engine_handle (engine, topic, payloads[i], strlen (payloads[i]), 100 + i,
                                             WG_MESSAGE_FLAGS_NONE, at, &error));
      g_assert_no_error (error);
    }
}

/* Every figure at the county, a township and a micro-grid equals its
 * count made in SQL (or by the desk's own lists). */
static void
test_figures_sql (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *grids[] = { COUNTY, fixture->township, fixture->micro };
  guint nonzero = 0;

  raise_alert (fixture);
  /* A positive test this morning. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) home = wg_store_list_figure (fixture->store, WG_FIGURE_HOME_QUARANTINE, fixture->micro, DAY,
                                                      NOW, &error);

    g_assert_no_error (error);
    g_assert_true (wg_store_add_nat_test (fixture->store, ((WgFigureRow *) home->pdata[0])->id, DAY " 11:05:00",
                                          "曲沃县人民医院", FALSE, WG_NAT_RESULT_POSITIVE, &error));
    g_assert_no_error (error);
  }
  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    for (WgFigure f = 0; f < WG_FIGURE_N; f++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) rows = wg_store_list_figure (fixture->store, f, grids[g], DAY, NOW, &error);
        gint64 want = expected (fixture, f, grids[g], DAY, NOW);

        g_assert_no_error (error);
        g_test_message ("%s at %s: %u (SQL %" G_GINT64_FORMAT ")", wg_figure_to_string (f), grids[g], rows->len,
                        want);
        g_assert_cmpint (rows->len, ==, want);
        nonzero += g == 0 && rows->len > 0;
        /* A township's share is the rows under it. */
        if (g == 0)
          g_assert_cmpuint (wg_figure_rows_count (rows, fixture->township, FALSE), ==,
                            expected (fixture, f, fixture->township, DAY, NOW));
      }
  /* The demo county has something in most of them. */
  g_assert_cmpuint (nonzero, >=, 12);

  /* The alert resolved as a violation: today's, on the real clock. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) open = wg_store_list_figure (fixture->store, WG_FIGURE_ALERTS_HIGH, COUNTY, DAY, NOW, &error);
    g_autoptr(GPtrArray) violations = NULL;
    g_autofree char *today = wg_today ();
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 1);
    g_autofree char *clock = g_date_time_format (later, "%Y-%m-%d %H:%M:%S");

    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, 1);
    g_assert_true (wg_store_acknowledge_alert (fixture->store, ((WgFigureRow *) open->pdata[0])->id, &error));
    g_assert_no_error (error);
    g_assert_true (wg_store_resolve_alert (fixture->store, ((WgFigureRow *) open->pdata[0])->id,
                                           WG_ALERT_OUTCOME_VIOLATION, "擅自外出，已劝返", &error));
    g_assert_no_error (error);
    violations = wg_store_list_figure (fixture->store, WG_FIGURE_VIOLATIONS, COUNTY, today, clock, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (violations->len, ==, 1);
    g_assert_cmpint (violations->len, ==, expected (fixture, WG_FIGURE_VIOLATIONS, COUNTY, today, clock));
  }
}

/* A past day is seen as it was recorded, judged at its end: its own
 * figures, not today's; what was not recorded then says so. */
static void
test_past_day (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *before = "2026-11-26";
  guint differ = 0;

  for (WgFigure f = 0; f < WG_FIGURE_N; f++)
    {
      g_autoptr(GPtrArray) then = wg_store_list_figure (fixture->store, f, COUNTY, before, NOW, &error);
      g_autoptr(GPtrArray) now = wg_store_list_figure (fixture->store, f, COUNTY, DAY, NOW, &error);

      g_assert_no_error (error);
      if (f == WG_FIGURE_SENSORS_OFFLINE)
        {
          g_assert_false (wg_figure_is_recorded (f, before, NOW));
          g_assert_cmpuint (then->len, ==, 0);
          continue;
        }
      g_assert_true (wg_figure_is_recorded (f, before, NOW));
      /* Not the orders (their desk judges on a clock, not a day). */
      if (f != WG_FIGURE_ORDERS_OPEN && f != WG_FIGURE_ORDERS_OVERDUE && f != WG_FIGURE_NOT_REPORTED)
        g_assert_cmpint (then->len, ==, expected (fixture, f, COUNTY, before, "2026-11-27 00:00:00"));
      differ += then->len != now->len;
    }
  g_assert_cmpuint (differ, >=, 3);
}

static gint64
quarantined_sql (Fixture    *fixture,
                 const char *grid,
                 const char *extra)
{
  return sql (fixture, "SELECT count (*) FROM (SELECT DISTINCT person_id FROM quarantine"
              "  WHERE start_day <= '" DAY "' AND end_day >= '" DAY "') x" PERSON_IN ("%s") "%s", grid, extra);
}

/* Each precision: the denominator and the numerator in SQL or by the
 * desk's lists, the gaps exactly the rows not met; a team completed from
 * a gap's row moves the percentage; a gap between a central and a home
 * quarantine falls short of "to the day". */
static void
test_precisions (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *grids[] = { COUNTY, fixture->township, fixture->micro };
  g_autoptr(GError) error = NULL;

  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    {
      g_autoptr(GPtrArray) team = wg_store_list_precision (fixture->store, WG_PRECISION_TEAM, grids[g], DAY, NOW, &error);
      g_autoptr(GPtrArray) days = wg_store_list_precision (fixture->store, WG_PRECISION_DAYS, grids[g], DAY, NOW, &error);
      g_autoptr(GPtrArray) tests = wg_store_list_precision (fixture->store, WG_PRECISION_TESTS, grids[g], DAY, NOW,
                                                            &error);
      g_autoptr(GPtrArray) readings = wg_store_list_precision (fixture->store, WG_PRECISION_TEMPERATURE, grids[g], DAY,
                                                               NOW, &error);
      g_autoptr(GPtrArray) slots = wg_store_list_precision (fixture->store, WG_PRECISION_DISINFECTION, grids[g], DAY,
                                                            NOW, &error);
      g_autoptr(GPtrArray) overdue = NULL;
      guint overdue_today = 0;

      g_assert_no_error (error);
      g_assert_cmpint (team->len, ==, quarantined_sql (fixture, grids[g], ""));
      g_assert_cmpint (wg_figure_rows_count (team, NULL, TRUE), ==,
                       quarantined_sql (fixture, grids[g],
                                        " AND (SELECT count (*) FROM care_team c WHERE c.person_id = p.id) = 5"));
      g_assert_cmpint (days->len, ==, team->len);
      g_assert_cmpint (tests->len, ==,
                       sql (fixture, "SELECT count (*) FROM test_schedule x" PERSON_IN ("%s")
                            " AND x.day <= '" DAY "' AND (p.monitoring = 1"
                            "  OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id AND q.start_day <= '" DAY
                            "' AND q.end_day >= '" DAY "') OR EXISTS (SELECT 1 FROM monitoring q WHERE q.person_id = p.id"
                            "  AND q.start_day <= '" DAY "' AND q.end_day >= '" DAY "'))", grids[g]));
      g_assert_cmpint (wg_figure_rows_count (tests, NULL, TRUE), ==,
                       sql (fixture, "SELECT count (*) FROM test_schedule x" PERSON_IN ("%s")
                            " AND x.day <= '" DAY "' AND (p.monitoring = 1"
                            "  OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id AND q.start_day <= '" DAY
                            "' AND q.end_day >= '" DAY "') OR EXISTS (SELECT 1 FROM monitoring q WHERE q.person_id = p.id"
                            "  AND q.start_day <= '" DAY "' AND q.end_day >= '" DAY "'))"
                            " AND (SELECT n.sampled_at FROM nat_test n WHERE n.id = x.test_id) < '" NOW "'", grids[g]));
      g_assert_cmpint (wg_figure_rows_count (readings, NULL, TRUE), ==,
                       sql (fixture, "SELECT count (*) FROM person p JOIN household h ON h.id = p.household_id"
                            " JOIN grid m ON m.id = h.grid_id WHERE m.code LIKE '%s%%'"
                            " AND (p.monitoring = 1 OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id"
                            "  AND q.start_day <= '" DAY "' AND q.end_day >= '" DAY "') OR EXISTS (SELECT 1 FROM monitoring q"
                            "  WHERE q.person_id = p.id AND q.start_day <= '" DAY "' AND q.end_day >= '" DAY "'))"
                            " AND (EXISTS (SELECT 1 FROM temperature t WHERE t.person_id = p.id"
                            "       AND t.measured_at >= '" DAY "' AND t.measured_at < '" DAY " 12:00:00')"
                            "      OR EXISTS (SELECT 1 FROM round_absence r WHERE r.person_id = p.id AND r.day = '" DAY
                            "' AND r.round = 0))"
                            " AND (EXISTS (SELECT 1 FROM temperature t WHERE t.person_id = p.id"
                            "       AND t.measured_at >= '" DAY " 12:00:00' AND t.measured_at < '" NOW "')"
                            "      OR EXISTS (SELECT 1 FROM round_absence r WHERE r.person_id = p.id AND r.day = '" DAY
                            "' AND r.round = 1))", grids[g]));
      /* Disinfection's gaps are the desk's overdue slots of the day. */
      overdue = wg_store_list_disinfection_overdue (fixture->store, strlen (grids[g]) > 6 ? grids[g] : NULL, NOW,
                                                    &error);
      g_assert_no_error (error);
      for (guint i = 0; i < overdue->len; i++)
        overdue_today += g_str_has_prefix (((WgDisinfectionDue *) overdue->pdata[i])->due_at, DAY);
      g_assert_cmpuint (slots->len - wg_figure_rows_count (slots, NULL, TRUE), ==, overdue_today);
      if (g == 0)
        {
          g_assert_cmpuint (team->len, >, wg_figure_rows_count (team, NULL, TRUE));
          g_assert_cmpuint (tests->len, >, 0);
          g_assert_cmpuint (slots->len, >, 0);
        }
    }

  /* A gap's row: the team completed, the numerator one more. */
  {
    g_autoptr(GPtrArray) before = wg_store_list_precision (fixture->store, WG_PRECISION_TEAM, COUNTY, DAY, NOW, &error);
    g_autoptr(GPtrArray) after = NULL;
    g_auto(GStrv) roles = wg_store_dup_team_roles (fixture->store);
    const WgFigureRow *gap = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < before->len && gap == NULL; i++)
      if (!((WgFigureRow *) before->pdata[i])->ok)
        gap = g_ptr_array_index (before, i);
    g_assert_nonnull (gap);
    for (guint role = 1; role <= WG_TEAM_ROLES; role++)
      if (gap->fact[role - 1] != '1')
        {
          g_autofree char *missing = wg_team_describe_missing (roles, gap->fact);

          g_assert_nonnull (strstr (missing, roles[role - 1]));
          g_assert_true (wg_store_set_team_member (fixture->store, gap->id, role, "马晓东", "13903570001", &error));
          g_assert_no_error (error);
        }
    g_assert_false (wg_store_set_team_member (fixture->store, gap->id, 6, "马晓东", NULL, &error));
    g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
    g_clear_error (&error);
    after = wg_store_list_precision (fixture->store, WG_PRECISION_TEAM, COUNTY, DAY, NOW, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (wg_figure_rows_count (after, NULL, TRUE), ==, wg_figure_rows_count (before, NULL, TRUE) + 1);
  }

  /* Central quarantine to the day, the home one from two days later: a gap. */
  {
    g_autoptr(GPtrArray) days = NULL;
    g_autoptr(GPtrArray) watched = wg_store_list_figure (fixture->store, WG_FIGURE_MONITORING, COUNTY, DAY, NOW,
                                                         &error);
    gint64 person;
    guint faults = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (watched->len, >, 0);
    person = ((WgFigureRow *) watched->pdata[0])->id;
    g_auto(GStrv) sites = wg_store_list_quarantine_sites (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (sites[0]);
    g_assert_true (wg_store_add_central_quarantine (fixture->store, person, sites[0], NULL, "2026-11-25", DAY, &error));
    g_assert_no_error (error);
    g_assert_true (wg_store_add_quarantine (fixture->store, person, 1, "2026-12-01", "2026-12-07", &error));
    g_assert_no_error (error);
    days = wg_store_list_precision (fixture->store, WG_PRECISION_DAYS, COUNTY, DAY, NOW, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < days->len; i++)
      {
        const WgFigureRow *row = g_ptr_array_index (days, i);

        if (!row->ok)
          {
            faults++;
            g_assert_cmpint (row->id, ==, person);
            g_assert_cmpstr (row->fact, ==, "gap");
          }
      }
    g_assert_cmpuint (faults, ==, 1);
  }
}

/* The same question gets the same number wherever it is asked: the grid
 * page's cards and the quarantine board's lists agree with the figures. */
static void
test_same_number (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *grids[] = { COUNTY, fixture->township, fixture->micro };
  static const struct { WgStatus status; WgFigure figure; } pairs[] = {
    { WG_STATUS_MONITORING, WG_FIGURE_MONITORING },
    { WG_STATUS_HOME_QUARANTINE, WG_FIGURE_HOME_QUARANTINE },
    { WG_STATUS_CENTRAL_QUARANTINE, WG_FIGURE_CENTRAL_QUARANTINE },
    { WG_STATUS_FEVER_TODAY, WG_FIGURE_FEVERS },
    { WG_STATUS_TESTS_DUE, WG_FIGURE_TESTS_DUE },
    { WG_STATUS_TESTS_OVERDUE, WG_FIGURE_TESTS_OVERDUE },
  };

  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    {
      g_autoptr(GError) error = NULL;
      WgLevelCounts counts;
      guint figures[WG_FIGURE_N];

      for (WgFigure f = 0; f < WG_FIGURE_N; f++)
        {
          g_autoptr(GPtrArray) rows = wg_store_list_figure (fixture->store, f, grids[g], DAY, NOW, &error);

          g_assert_no_error (error);
          figures[f] = rows->len;
        }
      g_assert_true (wg_store_count_grid (fixture->store, grids[g], DAY, &counts, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counts.monitoring, ==, figures[WG_FIGURE_MONITORING]);
      g_assert_cmpuint (counts.home_quarantine, ==, figures[WG_FIGURE_HOME_QUARANTINE]);
      g_assert_cmpuint (counts.central_quarantine, ==, figures[WG_FIGURE_CENTRAL_QUARANTINE]);
      g_assert_cmpuint (counts.fever_today, ==, figures[WG_FIGURE_FEVERS]);
      for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
        {
          g_autoptr(GPtrArray) people = wg_store_list_status_people (fixture->store, grids[g], pairs[i].status, DAY,
                                                                     &error);

          g_assert_no_error (error);
          g_assert_cmpuint (people->len, ==, figures[pairs[i].figure]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/wg/figures/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sql", test_figures_sql);
  ADD ("past-day", test_past_day);
  ADD ("precisions", test_precisions);
  ADD ("same-number", test_same_number);
#undef ADD

  return g_test_run ();
}
