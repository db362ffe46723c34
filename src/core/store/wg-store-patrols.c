/* wg-store-patrols.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two patrols and one meeting (两圈一碰头): every micro-grid patrols in the
 * morning and the afternoon and meets in the evening to report up; one
 * report of each kind per grid and day. The grids that have not reported a
 * day (no evening meeting recorded) are listed rolled up the tree: each
 * grid above them says how many of its micro-grids are missing.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-store-patrols.h"
#include "wg-store-private.h"

static const char *const kind_names[] = { NULL, "morning", "afternoon", "meeting" };

const char *
wg_patrol_kind_to_string (WgPatrolKind kind)
{
  g_return_val_if_fail (kind >= WG_PATROL_MORNING && kind <= WG_PATROL_MEETING, NULL);

  return kind_names[kind];
}

gboolean
wg_patrol_kind_from_string (const char   *text,
                            WgPatrolKind *kind)
{
  for (guint i = WG_PATROL_MORNING; i <= WG_PATROL_MEETING; i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wg_patrol_kind_describe (WgPatrolKind kind)
{
  switch (kind)
    {
    case WG_PATROL_AFTERNOON:
      return _("Afternoon patrol");
    case WG_PATROL_MEETING:
      return _("Evening meeting");
    case WG_PATROL_MORNING:
    default:
      return _("Morning patrol");
    }
}

void
wg_patrol_info_free (WgPatrolInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->grid_code);
  g_free (info->grid_name);
  g_free (info->day);
  g_free (info->at);
  g_free (info->done_by);
  g_free (info->problems);
  g_free (info->reported_up);
  g_free (info);
}

void
wg_missing_report_free (WgMissingReport *missing)
{
  if (missing == NULL)
    return;
  g_free (missing->code);
  g_free (missing->name);
  g_free (missing);
}

/**
 * wg_store_add_patrol_report:
 * @store: a #WgStore
 * @report: the grid, the day, which of the three, when, by whom, what
 * @id: (out) (optional): the report's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE when recorded (audited); a second report of the same kind
 *   for the grid and day is refused
 */
gboolean
wg_store_add_patrol_report (WgStore              *store,
                            const WgPatrolReport *report,
                            gint64               *id,
                            GError              **error)
{
  static const char taken_sql[] = "SELECT at FROM patrol_report WHERE grid_id = ? AND day = ? AND kind = ?";
  static const char sql[] =
    "INSERT INTO patrol_report (grid_id, day, kind, at, done_by, new_returnees, gatherings, problems, reported_up)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autofree char *taken = NULL;
  g_autofree char *detail = NULL;
  gint64 grid_id = 0;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!wg_store_check_day (report->day, _("Day"), error) || !wg_store_check_time (report->at, _("Time"), error) ||
      !wg_store_check_text (report->done_by, 200, _("Done by"), error))
    return FALSE;
  if (report->kind < WG_PATROL_MORNING || report->kind > WG_PATROL_MEETING)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A report is of the morning patrol, the afternoon patrol or the evening meeting."));
      return FALSE;
    }
  if (strncmp (report->at, report->day, 10) != 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("The report of %s is made on that day."),
                   report->day);
      return FALSE;
    }
  if (!wg_store_lookup_grid (store, report->grid_code, &grid_id, error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, taken_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, grid_id);
  wg_stmt_bind_text (stmt, 2, report->day);
  wg_stmt_bind_int (stmt, 3, report->kind);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    taken = g_strdup (wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  if (taken != NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                   _("The %s of grid %s on %s was recorded already (at %s)."),
                   wg_patrol_kind_describe (report->kind), report->grid_code, report->day, taken);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, grid_id);
  wg_stmt_bind_text (stmt, 2, report->day);
  wg_stmt_bind_int (stmt, 3, report->kind);
  wg_stmt_bind_text (stmt, 4, report->at);
  wg_stmt_bind_text (stmt, 5, report->done_by);
  wg_stmt_bind_int (stmt, 6, report->new_returnees);
  wg_stmt_bind_int (stmt, 7, report->gatherings);
  if (report->problems != NULL && *report->problems != '\0')
    wg_stmt_bind_text (stmt, 8, report->problems);
  if (report->reported_up != NULL && *report->reported_up != '\0')
    wg_stmt_bind_text (stmt, 9, report->reported_up);
  detail = g_strdup_printf ("%s %s %s %s", report->grid_code, report->day, wg_patrol_kind_to_string (report->kind),
                            report->done_by);
  return wg_store_insert_and_log (store, stmt, "patrol_report", detail, id, error);
}

/**
 * wg_store_list_patrols:
 * @store: a #WgStore
 * @grid_code: the grid: its own reports and those of every grid under it
 * @day: the day
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgPatrolInfo): the day's
 *   reports, by grid, then morning, afternoon, meeting
 */
GPtrArray *
wg_store_list_patrols (WgStore     *store,
                       const char  *grid_code,
                       const char  *day,
                       GError     **error)
{
  static const char sql[] =
    "SELECT r.id, g.code, g.name, r.day, r.kind, r.at, r.done_by, r.new_returnees, r.gatherings, r.problems,"
    "  r.reported_up FROM patrol_report r JOIN grid g ON g.id = r.grid_id"
    " WHERE r.day = ?2 AND substr (g.code, 1, length (?1)) = ?1 ORDER BY g.code, r.kind";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_patrol_info_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  if (!wg_store_check_day (day, _("Day"), error) || !(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, grid_code);
  wg_stmt_bind_text (stmt, 2, day);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgPatrolInfo *info = g_new0 (WgPatrolInfo, 1);

#define TEXT(i) g_strdup (wg_stmt_column_text (stmt, (i)))
      info->id = wg_stmt_column_int64 (stmt, 0);
      info->grid_code = TEXT (1);
      info->grid_name = TEXT (2);
      info->day = TEXT (3);
      info->kind = wg_stmt_column_int (stmt, 4);
      info->at = TEXT (5);
      info->done_by = TEXT (6);
      info->new_returnees = wg_stmt_column_int (stmt, 7);
      info->gatherings = wg_stmt_column_int (stmt, 8);
      info->problems = TEXT (9);
      info->reported_up = TEXT (10);
#undef TEXT
      g_ptr_array_add (list, info);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * wg_store_list_missing_reports:
 * @store: a #WgStore
 * @grid_code: the grid: it and every grid under it
 * @day: the day
 * @error: return location for a #GError
 *
 * The grids that have not reported @day — no evening meeting recorded for
 * a micro-grid — rolled up: each grid (from @grid_code down) with at least
 * one such micro-grid, with how many of its micro-grids there are and how
 * many are missing; a micro-grid itself appears with 1 of 1.
 *
 * Returns: (transfer container) (element-type WgMissingReport): by code
 */
GPtrArray *
wg_store_list_missing_reports (WgStore     *store,
                               const char  *grid_code,
                               const char  *day,
                               GError     **error)
{
  /* Each micro-grid with its four grids above, then counted per grid: one
   * pass, whatever the collation of the codes. */
  static const char sql[] =
    "WITH mm AS (SELECT m.id AS m, g.id AS g, v.id AS v, t.id AS t, t.parent_id AS c,"
    "                   CASE WHEN r.id IS NULL THEN 1 ELSE 0 END AS miss"
    "            FROM grid m JOIN grid g ON g.id = m.parent_id JOIN grid v ON v.id = g.parent_id"
    "            JOIN grid t ON t.id = v.parent_id"
    "            LEFT JOIN patrol_report r ON r.grid_id = m.id AND r.day = ?2 AND r.kind = 3"
    "            WHERE m.level = 5),"
    "     up AS (SELECT m AS id, miss FROM mm UNION ALL SELECT g, miss FROM mm UNION ALL SELECT v, miss FROM mm"
    "            UNION ALL SELECT t, miss FROM mm UNION ALL SELECT c, miss FROM mm)"
    " SELECT x.code, x.name, x.level, count (*), sum (up.miss) FROM up JOIN grid x ON x.id = up.id"
    " WHERE substr (x.code, 1, length (?1)) = ?1"
    " GROUP BY x.id, x.code, x.name, x.level HAVING sum (up.miss) > 0 ORDER BY x.code";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_missing_report_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  if (!wg_store_check_day (day, _("Day"), error) || !(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, grid_code);
  wg_stmt_bind_text (stmt, 2, day);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgMissingReport *missing = g_new0 (WgMissingReport, 1);

      missing->code = g_strdup (wg_stmt_column_text (stmt, 0));
      missing->name = g_strdup (wg_stmt_column_text (stmt, 1));
      missing->level = wg_stmt_column_int (stmt, 2);
      missing->micro_grids = wg_stmt_column_int (stmt, 3);
      missing->missing = wg_stmt_column_int (stmt, 4);
      g_ptr_array_add (list, missing);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
