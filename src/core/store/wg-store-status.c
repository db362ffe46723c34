/* wg-status-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The people behind a grid page's figures: "Fever Today 3" opens the three.
 * Each list is defined exactly as its count is (wg_store_count_grid), so the
 * number on the card and the rows of its list are the same; each row says
 * the fact that puts the person there.
 */

#define G_LOG_DOMAIN "wg-status-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wg-store-status.h"
#include "wg-store-private.h"

/* The people of the subtree of ?1, as the counts define them; ?2 the day.
 * Columns: id, name, household code, address, micro-grid code, then two
 * fact columns that each list fills in its own way. */
#define PEOPLE \
  "WITH pp AS MATERIALIZED (" \
  "  SELECT p.id, p.name, p.residency, p.monitoring, h.code AS hcode, h.address, m.code AS mcode" \
  "  FROM grid m JOIN household h ON h.grid_id = m.id JOIN person p ON p.household_id = h.id" \
  "  WHERE m.level = 5 AND m.code >= ?1 AND m.code < ?1 || ':')," \
  " qq AS MATERIALIZED (" \
  "  SELECT q.person_id, q.kind, min (q.start_day) AS s, max (q.end_day) AS e FROM quarantine q" \
  "  JOIN pp ON pp.id = q.person_id WHERE q.end_day >= ?2 AND q.start_day <= ?2" \
  "  GROUP BY q.person_id, q.kind)" \
  " SELECT pp.id, pp.name, pp.hcode, pp.address, pp.mcode, "

#define ORDER " ORDER BY pp.mcode, pp.hcode, pp.name, pp.id"

static const char *const status_sql[] = {
  [WG_STATUS_AWAY] = PEOPLE "NULL, NULL FROM pp WHERE residency = 1" ORDER,
  [WG_STATUS_RETURNEES] = PEOPLE "NULL, NULL FROM pp WHERE residency = 2" ORDER,
  [WG_STATUS_MONITORING] = PEOPLE "NULL, NULL FROM pp WHERE monitoring = 1"
    " OR pp.id IN (SELECT person_id FROM monitoring WHERE start_day <= ?2 AND end_day >= ?2)" ORDER,
  [WG_STATUS_HOME_QUARANTINE] = PEOPLE "qq.s, qq.e FROM pp JOIN qq ON qq.person_id = pp.id AND qq.kind = 1" ORDER,
  [WG_STATUS_CENTRAL_QUARANTINE] = PEOPLE "qq.s, qq.e FROM pp JOIN qq ON qq.person_id = pp.id AND qq.kind = 2" ORDER,
  [WG_STATUS_FEVER_TODAY] = PEOPLE "t.tenths, substr (t.measured_at, 12, 5) FROM pp"
    " JOIN temperature t ON t.id = (SELECT t2.id FROM temperature t2 WHERE t2.person_id = pp.id"
    "   AND t2.measured_at >= ?2 AND t2.measured_at < date (?2, '+1 day') AND t2.tenths >= 373"
    "   ORDER BY t2.tenths DESC, t2.measured_at LIMIT 1)" ORDER,
  [WG_STATUS_NAT_OVERDUE] = PEOPLE "NULL, (SELECT substr (max (n.sampled_at), 1, 10) FROM nat_test n"
    "   WHERE n.person_id = pp.id) FROM pp"
    " WHERE (pp.monitoring = 1 OR pp.id IN (SELECT person_id FROM qq))"
    "   AND NOT EXISTS (SELECT 1 FROM nat_test n WHERE n.person_id = pp.id"
    "                   AND n.sampled_at >= date (?2, '-2 days'))" ORDER,
  /* The board: periods of either kind and monitoring, by their first and last day. */
  [WG_STATUS_STARTING_TODAY] = PEOPLE "b.what, b.e FROM pp JOIN ("
    " SELECT person_id, min (kind) AS what, max (end_day) AS e FROM quarantine WHERE start_day = ?2 GROUP BY person_id"
    " UNION ALL SELECT person_id, 3, max (end_day) FROM monitoring WHERE start_day = ?2 GROUP BY person_id"
    ") b ON b.person_id = pp.id" ORDER,
  [WG_STATUS_ENDING_TODAY] = PEOPLE "b.what, b.s FROM pp JOIN ("
    " SELECT person_id, min (kind) AS what, min (start_day) AS s FROM quarantine WHERE end_day = ?2 GROUP BY person_id"
    " UNION ALL SELECT person_id, 3, min (start_day) FROM monitoring WHERE end_day = ?2 GROUP BY person_id"
    ") b ON b.person_id = pp.id" ORDER,
  [WG_STATUS_ENDING_TOMORROW] = PEOPLE "b.what, b.s FROM pp JOIN ("
    " SELECT person_id, min (kind) AS what, min (start_day) AS s FROM quarantine WHERE end_day = date (?2, '+1 day')"
    "  GROUP BY person_id"
    " UNION ALL SELECT person_id, 3, min (start_day) FROM monitoring WHERE end_day = date (?2, '+1 day')"
    "  GROUP BY person_id"
    ") b ON b.person_id = pp.id" ORDER,
  [WG_STATUS_TESTS_DUE] = PEOPLE "s.seq, s.day FROM pp JOIN test_schedule s ON s.person_id = pp.id"
    " WHERE s.test_id IS NULL AND s.day = ?2" ORDER,
  [WG_STATUS_TESTS_OVERDUE] = PEOPLE "s.seq, s.day FROM pp JOIN test_schedule s ON s.person_id = pp.id"
    " WHERE s.test_id IS NULL AND s.day < ?2" ORDER,
  [WG_STATUS_TEMPERATURE_MISSING] = PEOPLE "NULL, NULL FROM pp"
    " WHERE (pp.id IN (SELECT person_id FROM qq)"
    "        OR pp.id IN (SELECT person_id FROM monitoring WHERE start_day <= ?2 AND end_day >= ?2))"
    "   AND NOT EXISTS (SELECT 1 FROM temperature t WHERE t.person_id = pp.id"
    "                   AND t.measured_at >= ?2 AND t.measured_at < date (?2, '+1 day'))" ORDER,
  [WG_STATUS_SENSOR_OFFLINE] = PEOPLE "se.device, se.last_seen FROM pp JOIN qq ON qq.person_id = pp.id AND qq.kind = 1"
    " JOIN person pr ON pr.id = pp.id JOIN sensor se ON se.household_id = pr.household_id"
    " WHERE se.online IS NULL OR se.online = 0" ORDER,
  [WG_STATUS_PERIOD_CHANGED] = PEOPLE "a.action, a.detail FROM pp JOIN quarantine q ON q.person_id = pp.id"
    " JOIN audit_log a ON a.entity = 'quarantine' AND a.entity_id = q.id AND a.action IN ('extend', 'release')"
    "   AND a.at >= ?2 AND a.at < date (?2, '+1 day')" ORDER,
};

void
wg_status_person_free (WgStatusPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->name);
  g_free (person->household_code);
  g_free (person->address);
  g_free (person->grid_code);
  g_free (person->fact);
  g_free (person->printed_fact);
  g_free (person);
}

/**
 * wg_status_describe:
 *
 * Returns: the figure's name, as its card says it
 */
const char *
wg_status_describe (WgStatus status)
{
  switch (status)
    {
    case WG_STATUS_AWAY:
      return _("Away from Home");
    case WG_STATUS_RETURNEES:
      return _("Returnees");
    case WG_STATUS_MONITORING:
      return _("Health Monitoring");
    case WG_STATUS_HOME_QUARANTINE:
      return _("Home Quarantine");
    case WG_STATUS_CENTRAL_QUARANTINE:
      return _("Central Quarantine");
    case WG_STATUS_FEVER_TODAY:
      return _("Fever Today");
    case WG_STATUS_STARTING_TODAY:
      return _("Starting Today");
    case WG_STATUS_ENDING_TODAY:
      return _("Ending Today");
    case WG_STATUS_ENDING_TOMORROW:
      return _("Ending Tomorrow");
    case WG_STATUS_TESTS_DUE:
      return _("Tests Due Today");
    case WG_STATUS_TESTS_OVERDUE:
      return _("Tests Overdue");
    case WG_STATUS_TEMPERATURE_MISSING:
      return _("Temperature Not Taken Today");
    case WG_STATUS_SENSOR_OFFLINE:
      return _("Door Sensor Offline");
    case WG_STATUS_PERIOD_CHANGED:
      return _("Extended or Released Early");
    case WG_STATUS_NAT_OVERDUE:
    default:
      return _("No Test for 48 Hours");
    }
}

static const char *
period_printed (int what)
{
  return what == 1 ? "居家隔离" : what == 2 ? "集中隔离" : "健康监测";
}

static const char *
period_shown (int what)
{
  return what == 1 ? _("home quarantine") : what == 2 ? _("central quarantine") : _("health monitoring");
}

/* The same fact on paper and in exported lists: Chinese, whatever the UI. */
static char *
make_printed_fact (WgStatus      status,
                   WgStmt *stmt)
{
  const char *a = wg_stmt_column_text (stmt, 5);
  const char *b = wg_stmt_column_text (stmt, 6);

  switch (status)
    {
    case WG_STATUS_AWAY:
      return g_strdup ("在外");
    case WG_STATUS_RETURNEES:
      return g_strdup ("已返乡");
    case WG_STATUS_MONITORING:
      return g_strdup ("健康监测中");
    case WG_STATUS_HOME_QUARANTINE:
    case WG_STATUS_CENTRAL_QUARANTINE:
      return g_strdup_printf ("%s 至 %s", a, b);
    case WG_STATUS_FEVER_TODAY:
      {
        int tenths = wg_stmt_column_int (stmt, 5);

        return g_strdup_printf ("%d.%d °C（%s）", tenths / 10, tenths % 10, b);
      }
    case WG_STATUS_STARTING_TODAY:
      return g_strdup_printf ("%s，至 %s", period_printed (wg_stmt_column_int (stmt, 5)), b);
    case WG_STATUS_ENDING_TODAY:
    case WG_STATUS_ENDING_TOMORROW:
      return g_strdup_printf ("%s，自 %s", period_printed (wg_stmt_column_int (stmt, 5)), b);
    case WG_STATUS_TESTS_DUE:
    case WG_STATUS_TESTS_OVERDUE:
      return g_strdup_printf ("第 %s 次检测，应检日 %s", a, b);
    case WG_STATUS_TEMPERATURE_MISSING:
      return g_strdup ("今日未测体温");
    case WG_STATUS_SENSOR_OFFLINE:
      return b != NULL ? g_strdup_printf ("门磁 %s 离线，最后在线 %s", a, b) : g_strdup_printf ("门磁 %s 从未在线", a);
    case WG_STATUS_PERIOD_CHANGED:
      return g_strdup_printf ("%s：%s", g_strcmp0 (a, "extend") == 0 ? "延长隔离" : "提前解除", b);
    case WG_STATUS_NAT_OVERDUE:
    default:
      if (b != NULL)
        return g_strdup_printf ("最近采样 %s", b);
      return g_strdup ("从未采样");
    }
}

static char *
make_fact (WgStatus      status,
           WgStmt *stmt)
{
  const char *a = wg_stmt_column_text (stmt, 5);
  const char *b = wg_stmt_column_text (stmt, 6);

  switch (status)
    {
    case WG_STATUS_AWAY:
      return g_strdup (_("away from home"));
    case WG_STATUS_RETURNEES:
      return g_strdup (_("came back"));
    case WG_STATUS_MONITORING:
      return g_strdup (_("under health monitoring"));
    case WG_STATUS_HOME_QUARANTINE:
    case WG_STATUS_CENTRAL_QUARANTINE:
      /* Translators: a quarantine's first and last day */
      return g_strdup_printf (_("%s to %s"), a, b);
    case WG_STATUS_FEVER_TODAY:
      {
        int tenths = wg_stmt_column_int (stmt, 5);

        /* Translators: "38.4 °C at 09:05" */
        return g_strdup_printf (_("%d.%d °C at %s"), tenths / 10, tenths % 10, b);
      }
    case WG_STATUS_STARTING_TODAY:
      /* Translators: "home quarantine, until 2026-12-03" */
      return g_strdup_printf (_("%s, until %s"), period_shown (wg_stmt_column_int (stmt, 5)), b);
    case WG_STATUS_ENDING_TODAY:
    case WG_STATUS_ENDING_TOMORROW:
      /* Translators: "home quarantine, since 2026-11-20" */
      return g_strdup_printf (_("%s, since %s"), period_shown (wg_stmt_column_int (stmt, 5)), b);
    case WG_STATUS_TESTS_DUE:
    case WG_STATUS_TESTS_OVERDUE:
      /* Translators: "test 2, due 2026-11-23" */
      return g_strdup_printf (_("test %s, due %s"), a, b);
    case WG_STATUS_TEMPERATURE_MISSING:
      return g_strdup (_("no temperature taken today"));
    case WG_STATUS_SENSOR_OFFLINE:
      if (b != NULL)
        /* Translators: "sensor 0x00158d… offline, last seen 2026-11-28 22:10:00" */
        return g_strdup_printf (_("sensor %s offline, last seen %s"), a, b);
      return g_strdup_printf (_("sensor %s never heard from"), a);
    case WG_STATUS_PERIOD_CHANGED:
      /* Translators: "extended: 2026-12-03 → 2026-12-10: 复检结果未出" */
      return g_strdup_printf (g_strcmp0 (a, "extend") == 0 ? _("extended: %s") : _("released early: %s"), b);
    case WG_STATUS_NAT_OVERDUE:
    default:
      if (b != NULL)
        return g_strdup_printf (_("last sampled %s"), b);
      return g_strdup (_("never sampled"));
    }
}

/**
 * wg_store_list_status_people:
 * @store: a #WgStore
 * @grid_code: a grid: its whole subtree
 * @status: which figure
 * @today: (nullable): the day; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgStatusPerson): the people the
 *   figure counts, by micro-grid and household
 */
GPtrArray *
wg_store_list_status_people (WgStore     *store,
                             const char  *grid_code,
                             WgStatus     status,
                             const char  *today,
                             GError     **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_status_person_free);
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);
  g_return_val_if_fail (status < WG_STATUS_N, NULL);

  if (!(stmt = wg_store_prepare (store, status_sql[status], error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, grid_code);
  wg_stmt_bind_text (stmt, 2, day);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgStatusPerson *person = g_new0 (WgStatusPerson, 1);

      person->person_id = wg_stmt_column_int64 (stmt, 0);
      person->name = g_strdup (wg_stmt_column_text (stmt, 1));
      person->household_code = g_strdup (wg_stmt_column_text (stmt, 2));
      person->address = g_strdup (wg_stmt_column_text (stmt, 3));
      person->grid_code = g_strdup (wg_stmt_column_text (stmt, 4));
      person->fact = make_fact (status, stmt);
      person->printed_fact = make_printed_fact (status, stmt);
      g_ptr_array_add (people, person);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&people);
}
