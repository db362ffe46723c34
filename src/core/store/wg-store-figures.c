/* wg-store-figures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leaders' figures and the five precisions (五个精准), for a grid and a
 * day, as recorded: one statement per figure lists the rows behind it —
 * the figure is how many rows it lists, a township's share how many of
 * them lie under it — so that the dashboard, the board, the report and
 * the CLI, all reading through here, give the same question the same
 * number, and each number opens exactly its list.
 *
 * A past day is seen as it was recorded: periods by their days, tests by
 * when they were sampled, alerts and orders by their times — all judged
 * on the clock at the end of that day (or now, for today). Sensors keep no
 * history of being offline: that figure is for today only.
 *
 * Every statement takes the same four parameters, named once in `k`: the
 * grid's code (its subtree is the codes that begin with it), the day, the
 * clock (the end of the day, or now) and the clock less the time a help
 * order has to be accepted.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wg-store-disinfection.h"
#include "wg-store-figures.h"
#include "wg-store-grids.h"
#include "wg-store-private.h"
#include "wg-store-settings.h"

#define K \
  "WITH k AS (SELECT CAST (?1 AS TEXT) AS g, CAST (?2 AS TEXT) AS d, CAST (?3 AS TEXT) AS c," \
  "                  CAST (?4 AS TEXT) AS a) "
#define UNDER(col) " substr (" col ", 1, length (k.g)) = k.g "
/* A row without a micro-grid (a site's room) belongs to the county. */
#define UNDER_OR_COUNTY(col) " (" UNDER (col) " OR (" col " IS NULL AND length (k.g) <= 6)) "
/* The few rows first, then their people: CROSS JOIN keeps SQLite from
 * scanning every person of the county instead (the server plans as it
 * likes). Ends in WHERE's first conditions. */
#define PERSON_GRID \
  " CROSS JOIN person p CROSS JOIN household h CROSS JOIN grid m" \
  " WHERE p.id = x.person_id AND h.id = p.household_id AND m.id = h.grid_id AND "
#define SCHEDULE_GRID \
  " FROM k CROSS JOIN test_schedule s CROSS JOIN person p CROSS JOIN household h CROSS JOIN grid m" \
  " WHERE p.id = s.person_id AND h.id = p.household_id AND m.id = h.grid_id AND "
#define QUARANTINED " SELECT DISTINCT q.person_id FROM quarantine q, k WHERE q.start_day <= k.d AND q.end_day >= k.d "
/* Under health monitoring: a monitoring period covers the day — or, for
 * today only, the person is marked so in the register (a mark has no
 * days, so a past day cannot be seen by it). */
#define MONITORED \
  " SELECT q.person_id FROM monitoring q, k WHERE q.start_day <= k.d AND q.end_day >= k.d" \
  " UNION SELECT r.id FROM person r, k WHERE r.monitoring = 1 AND substr (k.c, 1, 10) = k.d "
/* Under watch: in quarantine or under health monitoring on the day. */
#define WATCHED \
  " SELECT q.person_id FROM quarantine q, k WHERE q.start_day <= k.d AND q.end_day >= k.d UNION " MONITORED
#define ORDERED " ORDER BY coalesce (m.code, ''), 2"
#define OPEN_ORDER \
  " o.ordered_at < k.c AND NOT (o.done_at IS NOT NULL AND o.done_at < k.c)" \
  " AND NOT (o.cancelled_at IS NOT NULL AND o.cancelled_at < k.c) "
#define ALERT_ROWS(condition) \
  K "SELECT m.code AS code, a.id AS id, coalesce (h.address, st.name || ' ' || r.number) AS label," \
  "  a.opened_at AS fact, 1 AS ok" \
  " FROM k, alert a LEFT JOIN household h ON h.id = a.household_id LEFT JOIN grid m ON m.id = h.grid_id" \
  " LEFT JOIN site_room r ON r.id = a.room_id LEFT JOIN quarantine_site st ON st.id = r.site_id" \
  " WHERE " condition " AND " UNDER_OR_COUNTY ("m.code") ORDERED
#define OPEN_ALERT(severity) \
  "a.severity = " severity " AND a.opened_at < k.c AND (a.resolved_at IS NULL OR a.resolved_at >= k.c)"
/* A scheduled test is done once its test was sampled before the clock. */
#define TEST_DONE " EXISTS (SELECT 1 FROM nat_test n WHERE n.id = s.test_id AND n.sampled_at < k.c) "

static const char *const figure_sql[WG_FIGURE_N] = {
  [WG_FIGURE_RETURNEES] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, x.from_place AS fact, 1 AS ok"
    " FROM k CROSS JOIN returnee x" PERSON_GRID "x.arrived_on = k.d AND" UNDER ("m.code") ORDERED,
  [WG_FIGURE_MONITORING] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, NULL AS fact, 1 AS ok"
    " FROM k CROSS JOIN (" MONITORED ") x" PERSON_GRID UNDER ("m.code") ORDERED,
  [WG_FIGURE_HOME_QUARANTINE] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, NULL AS fact, 1 AS ok"
    " FROM k CROSS JOIN (" QUARANTINED " AND q.kind = 1) x" PERSON_GRID UNDER ("m.code") ORDERED,
  [WG_FIGURE_CENTRAL_QUARANTINE] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, NULL AS fact, 1 AS ok"
    " FROM k CROSS JOIN (" QUARANTINED " AND q.kind = 2) x" PERSON_GRID UNDER ("m.code") ORDERED,
  [WG_FIGURE_FEVERS] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, CAST (x.tenths AS TEXT) AS fact, 1 AS ok"
    " FROM k CROSS JOIN (SELECT t.person_id, max (t.tenths) AS tenths FROM temperature t, k"
    "          WHERE t.measured_at >= k.d AND t.measured_at < k.c AND t.tenths >= 373 GROUP BY t.person_id) x"
    PERSON_GRID UNDER ("m.code") ORDERED,
  [WG_FIGURE_TESTS_DUE] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, s.day AS fact, 1 AS ok"
    SCHEDULE_GRID "s.day = k.d AND NOT" TEST_DONE "AND" UNDER ("m.code") ORDERED,
  [WG_FIGURE_TESTS_OVERDUE] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, s.day AS fact, 1 AS ok"
    SCHEDULE_GRID "s.day < k.d AND NOT" TEST_DONE "AND" UNDER ("m.code") ORDERED,
  [WG_FIGURE_ALERTS_HIGH] = ALERT_ROWS (OPEN_ALERT ("3")),
  [WG_FIGURE_ALERTS_MEDIUM] = ALERT_ROWS (OPEN_ALERT ("2")),
  [WG_FIGURE_ALERTS_LOW] = ALERT_ROWS (OPEN_ALERT ("1")),
  [WG_FIGURE_ALERTS_OPENED] = ALERT_ROWS ("a.opened_at >= k.d AND a.opened_at < k.c"),
  [WG_FIGURE_SENSORS_OFFLINE] =
    K "SELECT m.code AS code, s.id AS id, s.device AS label, coalesce (h.address, st.name || ' ' || r.number) AS fact,"
    "  1 AS ok"
    " FROM k, sensor s LEFT JOIN household h ON h.id = s.household_id LEFT JOIN grid m ON m.id = h.grid_id"
    " LEFT JOIN site_room r ON r.id = s.room_id LEFT JOIN quarantine_site st ON st.id = r.site_id"
    " WHERE (s.household_id IS NOT NULL OR s.room_id IS NOT NULL) AND coalesce (s.online, 0) = 0"
    "   AND" UNDER_OR_COUNTY ("m.code") ORDERED,
  [WG_FIGURE_ORDERS_OPEN] =
    K "SELECT m.code AS code, o.id AS id, h.address AS label, o.due_at AS fact, 1 AS ok"
    " FROM k, help_order o JOIN household h ON h.id = o.household_id JOIN grid m ON m.id = h.grid_id"
    " WHERE" OPEN_ORDER "AND" UNDER ("m.code") ORDERED,
  [WG_FIGURE_ORDERS_OVERDUE] =
    K "SELECT m.code AS code, o.id AS id, h.address AS label, o.due_at AS fact, 1 AS ok"
    " FROM k, help_order o JOIN household h ON h.id = o.household_id JOIN grid m ON m.id = h.grid_id"
    " WHERE" OPEN_ORDER "AND (((o.accepted_at IS NULL OR o.accepted_at >= k.c) AND o.ordered_at < k.a)"
    "                         OR o.due_at < k.c)"
    "   AND" UNDER ("m.code") ORDERED,
  [WG_FIGURE_NOT_REPORTED] =
    K "SELECT m.code AS code, m.id AS id, m.name AS label, NULL AS fact, 1 AS ok"
    " FROM k, grid m WHERE m.level = 5 AND" UNDER ("m.code")
    "   AND NOT EXISTS (SELECT 1 FROM patrol_report r WHERE r.grid_id = m.id AND r.day = k.d AND r.kind = 3)"
    ORDERED,
  [WG_FIGURE_POSITIVES] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, n.sampled_at AS fact, 1 AS ok"
    " FROM k CROSS JOIN nat_test n CROSS JOIN person p CROSS JOIN household h CROSS JOIN grid m"
    " WHERE p.id = n.person_id AND h.id = p.household_id AND m.id = h.grid_id AND n.result = 2 AND n.sampled_at >= k.d AND n.sampled_at < k.c AND" UNDER ("m.code") ORDERED,
  [WG_FIGURE_VIOLATIONS] = ALERT_ROWS ("a.outcome = 1 AND a.resolved_at >= k.d AND a.resolved_at < k.c"),
};

/* A role of the team present ('1') or not ('0'), in the roles' order. */
#define HAS_ROLE(n) \
  "CASE WHEN EXISTS (SELECT 1 FROM care_team c WHERE c.person_id = qp.person_id AND c.role = " n ")" \
  " THEN '1' ELSE '0' END"

static const char *const precision_sql[WG_PRECISION_N] = {
  [WG_PRECISION_TEAM] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, x.roles AS fact,"
    "  CASE WHEN x.roles = '11111' THEN 1 ELSE 0 END AS ok"
    " FROM k CROSS JOIN (SELECT qp.person_id, " HAS_ROLE ("1") " || " HAS_ROLE ("2") " || " HAS_ROLE ("3") " || "
    HAS_ROLE ("4") " || " HAS_ROLE ("5") " AS roles FROM (" QUARANTINED ") qp) x"
    PERSON_GRID UNDER ("m.code") ORDERED,
  /* Periods that overlap, or a central quarantine followed by a home one
   * that does not start the day after it ends. */
  [WG_PRECISION_DAYS] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, x.fault AS fact,"
    "  CASE WHEN x.fault = '' THEN 1 ELSE 0 END AS ok"
    " FROM k CROSS JOIN (SELECT qp.person_id,"
    "   CASE WHEN EXISTS (SELECT 1 FROM quarantine a JOIN quarantine b ON b.person_id = a.person_id AND a.id < b.id"
    "                      AND a.start_day <= b.end_day AND b.start_day <= a.end_day"
    "                     WHERE a.person_id = qp.person_id) THEN 'overlap'"
    "        WHEN EXISTS (SELECT 1 FROM quarantine a JOIN quarantine b ON b.person_id = a.person_id"
    "                      AND a.kind = 2 AND b.kind = 1 AND b.start_day > date (a.end_day, '+1 day')"
    "                     WHERE a.person_id = qp.person_id"
    "                       AND NOT EXISTS (SELECT 1 FROM quarantine c WHERE c.person_id = a.person_id"
    "                                        AND c.start_day > a.end_day"
    "                                        AND c.start_day <= date (a.end_day, '+1 day'))) THEN 'gap'"
    "        ELSE '' END AS fault"
    "   FROM (" QUARANTINED ") qp) x"
    PERSON_GRID UNDER ("m.code") ORDERED,
  [WG_PRECISION_TESTS] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label, s.day AS fact,"
    "  CASE WHEN" TEST_DONE "THEN 1 ELSE 0 END AS ok"
    SCHEDULE_GRID "s.day <= k.d AND s.person_id IN (" WATCHED ") AND" UNDER ("m.code") ORDERED,
  /* The morning's reading (or "away"), and from noon the afternoon's. */
  [WG_PRECISION_TEMPERATURE] =
    K "SELECT m.code AS code, p.id AS id, p.name AS label,"
    "  CASE WHEN x.am = 0 AND x.pm = 0 THEN 'both' WHEN x.am = 0 THEN 'morning'"
    "       WHEN x.pm = 0 THEN 'afternoon' ELSE '' END AS fact,"
    "  x.am * x.pm AS ok"
    " FROM k CROSS JOIN (SELECT w.person_id,"
    "   CASE WHEN EXISTS (SELECT 1 FROM temperature t WHERE t.person_id = w.person_id AND t.measured_at >= k.d"
    "                      AND t.measured_at < k.d || ' 12:00:00' AND t.measured_at < k.c)"
    "          OR EXISTS (SELECT 1 FROM round_absence r WHERE r.person_id = w.person_id AND r.day = k.d"
    "                      AND r.round = 0) THEN 1 ELSE 0 END AS am,"
    "   CASE WHEN k.c <= k.d || ' 12:00:00'"
    "          OR EXISTS (SELECT 1 FROM temperature t WHERE t.person_id = w.person_id"
    "                      AND t.measured_at >= k.d || ' 12:00:00' AND t.measured_at < k.c)"
    "          OR EXISTS (SELECT 1 FROM round_absence r WHERE r.person_id = w.person_id AND r.day = k.d"
    "                      AND r.round = 1) THEN 1 ELSE 0 END AS pm"
    "   FROM (" WATCHED ") w, k) x"
    PERSON_GRID UNDER ("m.code") ORDERED,
  [WG_PRECISION_DISINFECTION] = NULL,  /* from the plans' slots */
};

void
wg_figure_row_free (WgFigureRow *row)
{
  if (row == NULL)
    return;
  g_free (row->grid_code);
  g_free (row->label);
  g_free (row->fact);
  g_free (row);
}

static const struct
{
  const char *key;
  const char *title;
  const char *printed;
} figures[WG_FIGURE_N] = {
  [WG_FIGURE_RETURNEES] = { "returnees", N_("Returnees Today"), "今日返乡" },
  [WG_FIGURE_MONITORING] = { "monitoring", N_("Under Health Monitoring"), "健康监测" },
  [WG_FIGURE_HOME_QUARANTINE] = { "home-quarantine", N_("Home Quarantine"), "居家隔离" },
  [WG_FIGURE_CENTRAL_QUARANTINE] = { "central-quarantine", N_("Central Quarantine"), "集中隔离" },
  [WG_FIGURE_FEVERS] = { "fevers", N_("Fevers Today"), "今日发热" },
  [WG_FIGURE_TESTS_DUE] = { "tests-due", N_("Tests Due"), "今日应检未检" },
  [WG_FIGURE_TESTS_OVERDUE] = { "tests-overdue", N_("Tests Overdue"), "核酸逾期" },
  [WG_FIGURE_ALERTS_HIGH] = { "alerts-high", N_("Open Alerts, High"), "未处置告警(高)" },
  [WG_FIGURE_ALERTS_MEDIUM] = { "alerts-medium", N_("Open Alerts, Medium"), "未处置告警(中)" },
  [WG_FIGURE_ALERTS_LOW] = { "alerts-low", N_("Open Alerts, Low"), "未处置告警(低)" },
  [WG_FIGURE_ALERTS_OPENED] = { "alerts-opened", N_("Alerts Raised Today"), "今日新增告警" },
  [WG_FIGURE_SENSORS_OFFLINE] = { "sensors-offline", N_("Sensors Offline"), "门磁离线" },
  [WG_FIGURE_ORDERS_OPEN] = { "orders-open", N_("Help Orders Open"), "未办结求助单" },
  [WG_FIGURE_ORDERS_OVERDUE] = { "orders-overdue", N_("Help Orders Overdue"), "超时求助单" },
  [WG_FIGURE_NOT_REPORTED] = { "not-reported", N_("Grids Not Reported"), "未上报网格" },
  [WG_FIGURE_POSITIVES] = { "positives", N_("Positive Tests"), "核酸阳性" },
  [WG_FIGURE_VIOLATIONS] = { "violations", N_("Violations Confirmed"), "确认违规外出" },
};

static const struct
{
  const char *key;
  const char *title;
  const char *printed;
} precisions[WG_PRECISION_N] = {
  [WG_PRECISION_TEAM] = { "team", N_("Responsibility to the Person"), "责任到人" },
  [WG_PRECISION_DAYS] = { "days", N_("Quarantine to the Day"), "隔离到天" },
  [WG_PRECISION_TESTS] = { "tests", N_("Tests to the Count"), "检测到次" },
  [WG_PRECISION_TEMPERATURE] = { "temperature", N_("Temperature to the Degree"), "测温到度" },
  [WG_PRECISION_DISINFECTION] = { "disinfection", N_("Disinfection to the Hour"), "消杀到时" },
};

const char *
wg_figure_to_string (WgFigure figure)
{
  g_return_val_if_fail (figure < WG_FIGURE_N, NULL);
  return figures[figure].key;
}

const char *
wg_figure_describe (WgFigure figure)
{
  g_return_val_if_fail (figure < WG_FIGURE_N, NULL);
  return g_dgettext (GETTEXT_PACKAGE, figures[figure].title);
}

/* In Chinese whatever the UI's language, for paper. */
const char *
wg_figure_describe_printed (WgFigure figure)
{
  g_return_val_if_fail (figure < WG_FIGURE_N, NULL);
  return figures[figure].printed;
}

const char *
wg_precision_to_string (WgPrecision precision)
{
  g_return_val_if_fail (precision < WG_PRECISION_N, NULL);
  return precisions[precision].key;
}

const char *
wg_precision_describe (WgPrecision precision)
{
  g_return_val_if_fail (precision < WG_PRECISION_N, NULL);
  return g_dgettext (GETTEXT_PACKAGE, precisions[precision].title);
}

const char *
wg_precision_describe_printed (WgPrecision precision)
{
  g_return_val_if_fail (precision < WG_PRECISION_N, NULL);
  return precisions[precision].printed;
}

static char *
local_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

/**
 * wg_figure_is_recorded:
 * @figure: a figure
 * @day: the day asked for
 * @now: (nullable): the desk's clock
 *
 * Returns: %FALSE when the county keeps no record of @figure for @day
 *   (sensors offline on any day but today): it is "not recorded", not 0
 */
gboolean
wg_figure_is_recorded (WgFigure    figure,
                       const char *day,
                       const char *now)
{
  g_autofree char *clock = now != NULL ? g_strdup (now) : local_now ();

  return figure != WG_FIGURE_SENSORS_OFFLINE || strncmp (clock, day, 10) == 0;
}

/* The clock a day is judged on: now for today, the end of a past day. */
static char *
clock_of (const char *day,
          const char *now)
{
  g_autofree char *clock = now != NULL ? g_strdup (now) : local_now ();
  g_autofree char *after = wg_store_day_after (day, 1);
  g_autofree char *end = g_strdup_printf ("%s 00:00:00", after);

  return g_strdup (strcmp (clock, end) < 0 ? clock : end);
}

static GPtrArray *
read_rows (WgStore     *store,
           const char  *sql,
           const char  *grid_code,
           const char  *day,
           const char  *now,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_figure_row_free);
  g_autofree char *clock = NULL;
  g_autofree char *accept_by = NULL;
  WgStmt *stmt;
  int rc;

  if (!wg_store_check_day (day, _("Day"), error) || (now != NULL && !wg_store_check_time (now, _("Now"), error)))
    return NULL;
  clock = clock_of (day, now);
  accept_by = wg_store_order_accept_by (store, clock);
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, grid_code);
  wg_stmt_bind_text (stmt, 2, day);
  wg_stmt_bind_text (stmt, 3, clock);
  wg_stmt_bind_text (stmt, 4, accept_by);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgFigureRow *row = g_new0 (WgFigureRow, 1);

      row->grid_code = g_strdup (wg_stmt_column_text (stmt, 0));
      row->id = wg_stmt_column_int64 (stmt, 1);
      row->label = g_strdup (wg_stmt_column_text (stmt, 2));
      row->fact = g_strdup (wg_stmt_column_text (stmt, 3));
      row->ok = wg_stmt_column_int (stmt, 4) != 0;
      g_ptr_array_add (rows, row);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * wg_store_list_figure:
 * @store: a #WgStore
 * @figure: which
 * @grid_code: the grid (its subtree)
 * @day: the day, "YYYY-MM-DD"
 * @now: (nullable): the desk's clock, "YYYY-MM-DD HH:MM:SS"; %NULL for now
 * @error: return location for a #GError
 *
 * The figure is the number of rows; a child grid's share the number of
 * rows whose micro-grid lies under it (wg_figure_rows_count ()).
 *
 * Returns: (transfer container) (element-type WgFigureRow): the rows
 *   behind the figure, by micro-grid — none when it is not recorded for
 *   @day (wg_figure_is_recorded ())
 */
GPtrArray *
wg_store_list_figure (WgStore     *store,
                      WgFigure     figure,
                      const char  *grid_code,
                      const char  *day,
                      const char  *now,
                      GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (figure < WG_FIGURE_N, NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  if (day != NULL && !wg_figure_is_recorded (figure, day, now))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) wg_figure_row_free);
  return read_rows (store, figure_sql[figure], grid_code, day, now, error);
}

/**
 * wg_store_list_precision:
 * @store: a #WgStore
 * @precision: which
 * @grid_code: the grid (its subtree)
 * @day: the day, "YYYY-MM-DD"
 * @now: (nullable): the desk's clock; %NULL for now
 * @error: return location for a #GError
 *
 * Its denominator is the number of rows, its numerator the number of rows
 * that are ok; the others are its gaps, each with what is missing: the
 * team's roles as five '0'/'1' (wg_team_describe_missing ()), "overlap"
 * or "gap" between periods, the scheduled test's day, "morning",
 * "afternoon" or "both" readings, the disinfection slot's time.
 *
 * Returns: (transfer container) (element-type WgFigureRow): the rows
 */
GPtrArray *
wg_store_list_precision (WgStore     *store,
                         WgPrecision  precision,
                         const char  *grid_code,
                         const char  *day,
                         const char  *now,
                         GError     **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *clock = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (precision < WG_PRECISION_N, NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  if (precision != WG_PRECISION_DISINFECTION)
    return read_rows (store, precision_sql[precision], grid_code, day, now, error);

  if (!wg_store_check_day (day, _("Day"), error))
    return NULL;
  clock = clock_of (day, now);
  /* The county's own also has the central sites' rooms. */
  if (!(slots = wg_store_list_disinfection_slots (store, strlen (grid_code) > 6 ? grid_code : NULL, day, clock,
                                                  error)))
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_figure_row_free);
  for (guint i = 0; i < slots->len; i++)
    {
      const WgDisinfectionDue *due = g_ptr_array_index (slots, i);
      WgFigureRow *row = g_new0 (WgFigureRow, 1);

      row->grid_code = g_strdup (due->grid_code);
      row->id = due->plan_id;
      row->label = g_strdup (due->place);
      row->fact = g_strdup (due->due_at);
      row->ok = due->served;
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/**
 * wg_figure_rows_count:
 * @rows: (element-type WgFigureRow): a figure's or a precision's rows
 * @code: (nullable): a grid's code: only the rows under it; %NULL for all
 * @only_ok: only the rows that are ok (a precision's numerator)
 *
 * Returns: how many
 */
guint
wg_figure_rows_count (GPtrArray  *rows,
                      const char *code,
                      gboolean    only_ok)
{
  guint n = 0;

  g_return_val_if_fail (rows != NULL, 0);

  for (guint i = 0; i < rows->len; i++)
    {
      const WgFigureRow *row = g_ptr_array_index (rows, i);

      if ((only_ok && !row->ok) ||
          (code != NULL && (row->grid_code == NULL || !g_str_has_prefix (row->grid_code, code))))
        continue;
      n++;
    }
  return n;
}

/**
 * wg_store_count_trend:
 * @store: a #WgStore
 * @figure: a #WgFigure, or -1 and @precision
 * @precision: a #WgPrecision, or -1 and @figure
 * @grid_code: the grid
 * @last_day: the last day, "YYYY-MM-DD"
 * @n_days: how many days, ending with @last_day
 * @now: (nullable): the desk's clock; %NULL for now
 * @values: (out caller-allocates) (array length=n_days): per day, oldest
 *   first: the figure, or the precision's percentage (NAN when it had
 *   nothing to measure)
 * @error: return location for a #GError
 *
 * The same functions day by day, so that a chart's last point is the
 * figure shown beside it.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_count_trend (WgStore     *store,
                      int          figure,
                      int          precision,
                      const char  *grid_code,
                      const char  *last_day,
                      guint        n_days,
                      const char  *now,
                      double      *values,
                      GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail ((figure >= 0 && figure < WG_FIGURE_N) != (precision >= 0 && precision < WG_PRECISION_N),
                        FALSE);

  for (guint i = 0; i < n_days; i++)
    {
      g_autofree char *day = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      GDate date;
      char text[11];

      g_date_clear (&date, 1);
      g_date_set_parse (&date, last_day);
      if (!g_date_valid (&date))
        return wg_store_check_day (last_day, _("Day"), error);
      g_date_subtract_days (&date, n_days - 1 - i);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
      day = g_strdup (text);
      rows = figure >= 0 ? wg_store_list_figure (store, figure, grid_code, day, now, error)
                         : wg_store_list_precision (store, precision, grid_code, day, now, error);
      if (rows == NULL)
        return FALSE;
      if (figure >= 0)
        values[i] = rows->len;
      else
        values[i] = rows->len > 0 ? 100.0 * wg_figure_rows_count (rows, NULL, TRUE) / rows->len : NAN;
    }
  return TRUE;
}

/**
 * wg_store_list_child_grids:
 * @store: a #WgStore
 * @grid_code: a grid's code
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgFigureRow): the grids one
 *   level below (code, id and name), by code
 */
GPtrArray *
wg_store_list_child_grids (WgStore     *store,
                           const char  *grid_code,
                           GError     **error)
{
  static const char sql[] =
    "SELECT c.code, c.id, c.name FROM grid c JOIN grid g ON g.id = c.parent_id WHERE g.code = ?1 ORDER BY c.code";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_figure_row_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, grid_code);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgFigureRow *row = g_new0 (WgFigureRow, 1);

      row->grid_code = g_strdup (wg_stmt_column_text (stmt, 0));
      row->id = wg_stmt_column_int64 (stmt, 1);
      row->label = g_strdup (wg_stmt_column_text (stmt, 2));
      row->ok = TRUE;
      g_ptr_array_add (rows, row);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * wg_store_dup_team_roles:
 * @store: a #WgStore
 *
 * Returns: (transfer full): the five roles of the five-to-one team, as the
 *   county names them (the setting "team-roles")
 */
GStrv
wg_store_dup_team_roles (WgStore *store)
{
  g_autofree char *text = wg_store_dup_setting (store, "team-roles", NULL);
  g_auto(GStrv) roles = g_strsplit (text != NULL ? text : "", ";", -1);

  if (g_strv_length (roles) != WG_TEAM_ROLES)
    {
      g_strfreev (g_steal_pointer (&roles));
      roles = g_strsplit ("乡镇干部;村干部;网格员;村医;民警", ";", -1);
    }
  for (guint i = 0; roles[i] != NULL; i++)
    g_strstrip (roles[i]);
  return g_steal_pointer (&roles);
}

/**
 * wg_team_describe_missing:
 * @roles: the five roles' names
 * @fact: a team precision row's fact (five '0'/'1')
 *
 * Returns: (transfer full): the roles missing, "村医、民警"
 */
char *
wg_team_describe_missing (GStrv       roles,
                          const char *fact)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < WG_TEAM_ROLES && roles[i] != NULL; i++)
    if (fact == NULL || strlen (fact) <= i || fact[i] != '1')
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? "、" : "", roles[i]);
  return g_string_free (g_steal_pointer (&missing), FALSE);
}

/**
 * wg_store_set_team_member:
 * @store: a #WgStore
 * @person_id: a person
 * @role: 1 to 5, the team's role
 * @name: (nullable): who; %NULL or empty to take the role off
 * @phone: (nullable): their phone
 * @error: return location for a #GError
 *
 * Returns: %TRUE when recorded (audited)
 */
gboolean
wg_store_set_team_member (WgStore     *store,
                          gint64       person_id,
                          guint        role,
                          const char  *name,
                          const char  *phone,
                          GError     **error)
{
  static const char set_sql[] =
    "INSERT INTO care_team (person_id, role, name, phone) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (person_id, role) DO UPDATE SET name = ?3, phone = ?4";
  static const char clear_sql[] = "DELETE FROM care_team WHERE person_id = ?1 AND role = ?2";
  static const char person_sql[] = "SELECT count (*) FROM person WHERE id = ?";
  g_autofree char *detail = NULL;
  gboolean clearing = name == NULL || *name == '\0';
  gboolean found = FALSE;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (role < 1 || role > WG_TEAM_ROLES)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A five-to-one team has five roles, numbered 1 to 5."));
      return FALSE;
    }
  if (!clearing && !wg_store_check_text (name, 64, _("Name"), error))
    return FALSE;
  if (phone != NULL && *phone != '\0' && !wg_store_check_text (phone, 32, _("Phone"), error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, person_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    found = wg_stmt_column_int (stmt, 0) > 0;
  wg_stmt_reset (stmt);
  if (!found)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no such person."));
      return FALSE;
    }
  if (!wg_store_begin (store, error) || !(stmt = wg_store_prepare (store, clearing ? clear_sql : set_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_int (stmt, 2, role);
  if (!clearing)
    {
      wg_stmt_bind_text (stmt, 3, name);
      if (phone != NULL && *phone != '\0')
        wg_stmt_bind_text (stmt, 4, phone);
    }
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  detail = g_strdup_printf ("role %u: %s", role, clearing ? "—" : name);
  if (!wg_store_log (store, clearing ? "clear" : "assign", "care_team", person_id, detail, error) ||
      !wg_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_list_team:
 * @store: a #WgStore
 * @person_id: a person
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgFigureRow): the person's
 *   five-to-one team, by role — the role's number as id, the name as
 *   label, the phone as fact
 */
GPtrArray *
wg_store_list_team (WgStore     *store,
                    gint64       person_id,
                    GError     **error)
{
  static const char sql[] = "SELECT role, name, phone FROM care_team WHERE person_id = ? ORDER BY role";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_figure_row_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgFigureRow *row = g_new0 (WgFigureRow, 1);

      row->id = wg_stmt_column_int64 (stmt, 0);
      row->label = g_strdup (wg_stmt_column_text (stmt, 1));
      row->fact = g_strdup (wg_stmt_column_text (stmt, 2));
      row->ok = TRUE;
      g_ptr_array_add (rows, row);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
wg_figure_sheet_free (WgFigureSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->grid_code);
  g_free (sheet->grid_name);
  g_free (sheet->day);
  g_clear_pointer (&sheet->children, g_ptr_array_unref);
  for (guint i = 0; i < WG_FIGURE_N; i++)
    g_clear_pointer (&sheet->figures[i], g_ptr_array_unref);
  for (guint i = 0; i < WG_PRECISION_N; i++)
    g_clear_pointer (&sheet->precisions[i], g_ptr_array_unref);
  g_free (sheet);
}

/**
 * wg_store_read_figure_sheet:
 * @store: a #WgStore
 * @grid_code: the grid
 * @day: the day, "YYYY-MM-DD"
 * @now: (nullable): the desk's clock; %NULL for now
 * @error: return location for a #GError
 *
 * What the dashboard, the daily report and `wangge-cli figures` show: each
 * figure and precision through its one function, with the grids one level
 * below to share them out.
 *
 * Returns: (transfer full): the sheet, or %NULL with @error set
 */
WgFigureSheet *
wg_store_read_figure_sheet (WgStore     *store,
                            const char  *grid_code,
                            const char  *day,
                            const char  *now,
                            GError     **error)
{
  g_autoptr(WgFigureSheet) sheet = g_new0 (WgFigureSheet, 1);

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  sheet->grid_code = g_strdup (grid_code);
  sheet->day = g_strdup (day);
  if (!(sheet->grid_name = wg_store_dup_grid_name (store, grid_code, NULL, error)) ||
      !(sheet->children = wg_store_list_child_grids (store, grid_code, error)))
    return NULL;
  for (guint i = 0; i < WG_FIGURE_N; i++)
    {
      sheet->recorded[i] = wg_figure_is_recorded (i, day, now);
      if (!(sheet->figures[i] = wg_store_list_figure (store, i, grid_code, day, now, error)))
        return NULL;
    }
  for (guint i = 0; i < WG_PRECISION_N; i++)
    if (!(sheet->precisions[i] = wg_store_list_precision (store, i, grid_code, day, now, error)))
      return NULL;
  return g_steal_pointer (&sheet);
}
