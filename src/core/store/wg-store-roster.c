/* wg-store-roster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Duty rosters (轮班轮岗 / 值班值守): the checkpoints, and who is on duty
 * where for each shift of a day — at a checkpoint (a county leader leading
 * the day, the others on duty) or in a community (a unit leader). Nobody
 * is booked in two places on one shift; a checkpoint's shift with fewer
 * people than its minimum is a warning, not a refusal (the desk is still
 * filling it in).
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wg-store-private.h"
#include "wg-store-roster.h"

const char *
wg_shift_describe (guint shift)
{
  switch (shift)
    {
    case 2:
      return _("16:00–24:00");
    case 3:
      return _("00:00–08:00");
    case 1:
    default:
      return _("08:00–16:00");
    }
}

const char *
wg_duty_role_describe (WgDutyRole role)
{
  switch (role)
    {
    case WG_DUTY_LEADER:
      return _("Leading");
    case WG_DUTY_UNIT_LEADER:
      return _("Unit leader");
    case WG_DUTY_ON_DUTY:
    default:
      return _("On duty");
    }
}

gboolean
wg_duty_role_from_string (const char *text,
                          WgDutyRole *role)
{
  static const char *const names[] = { NULL, "leader", "unit-leader", "duty" };

  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * wg_iso_week_first_day:
 * @week: an ISO 8601 week, "YYYY-Www"
 * @monday: (out): its Monday, "YYYY-MM-DD"
 *
 * Returns: whether @week is one
 */
gboolean
wg_iso_week_first_day (const char  *week,
                       char       **monday)
{
  guint year = 0, number = 0;
  int end = 0;
  GDate date;

  if (week == NULL || sscanf (week, "%4u-W%2u%n", &year, &number, &end) != 2 || week[end] != '\0' ||
      year < 2000 || year > 2100 || number < 1 || number > 53)
    return FALSE;
  /* The 4th of January is always in week 1. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 4, G_DATE_JANUARY, year);
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
  g_date_add_days (&date, (number - 1) * 7);
  if (number == 53 && g_date_get_iso8601_week_of_year (&date) != 53)
    return FALSE;
  *monday = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                             g_date_get_day (&date));
  return TRUE;
}

void
wg_checkpoint_info_free (WgCheckpointInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

void
wg_duty_info_free (WgDutyInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->day);
  g_free (info->place);
  g_free (info->staff);
  g_free (info->phone);
  g_free (info);
}

void
wg_roster_warning_free (WgRosterWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->day);
  g_free (warning->checkpoint);
  g_free (warning);
}

/**
 * wg_store_list_checkpoints:
 *
 * Returns: (transfer container) (element-type WgCheckpointInfo): the
 *   checkpoints in their order
 */
GPtrArray *
wg_store_list_checkpoints (WgStore  *store,
                           GError  **error)
{
  static const char sql[] = "SELECT id, name, min_staff FROM checkpoint ORDER BY position, id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_checkpoint_info_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgCheckpointInfo *info = g_new0 (WgCheckpointInfo, 1);

      info->id = wg_stmt_column_int64 (stmt, 0);
      info->name = g_strdup (wg_stmt_column_text (stmt, 1));
      info->min_staff = wg_stmt_column_int (stmt, 2);
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
 * wg_store_book_duty:
 * @store: a #WgStore
 * @day: the day
 * @shift: 1 08:00–16:00, 2 16:00–24:00, 3 00:00–08:00
 * @checkpoint: (nullable): the checkpoint's name; or %NULL and @community_code
 * @community_code: (nullable): the community (a village-level grid)
 * @staff_id: who
 * @role: leading, unit leader or on duty
 * @id: (out) (optional): the booking's id
 * @error: return location for a #GError
 *
 * Refuses (%WG_STORE_ERROR_CONSTRAINT, saying where) a person already on
 * duty somewhere on that shift.
 *
 * Returns: %TRUE when booked (audited)
 */
gboolean
wg_store_book_duty (WgStore     *store,
                    const char  *day,
                    guint        shift,
                    const char  *checkpoint,
                    const char  *community_code,
                    gint64       staff_id,
                    WgDutyRole   role,
                    gint64      *id,
                    GError     **error)
{
  static const char checkpoint_sql[] = "SELECT id FROM checkpoint WHERE name = ?";
  static const char staff_sql[] = "SELECT name FROM staff WHERE id = ?";
  static const char taken_sql[] =
    "SELECT coalesce (c.name, g.name) FROM duty d LEFT JOIN checkpoint c ON c.id = d.checkpoint_id"
    " LEFT JOIN grid g ON g.id = d.grid_id WHERE d.staff_id = ? AND d.day = ? AND d.shift = ?";
  static const char sql[] =
    "INSERT INTO duty (day, shift, checkpoint_id, grid_id, staff_id, role) VALUES (?, ?, ?, ?, ?, ?)";
  g_autofree char *no_checkpoint = NULL;
  g_autofree char *name = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *detail = NULL;
  gint64 checkpoint_id = 0, grid_id = 0;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_day (day, _("Day"), error))
    return FALSE;
  if (shift < 1 || shift > WG_N_SHIFTS || role < WG_DUTY_LEADER || role > WG_DUTY_ON_DUTY ||
      (checkpoint == NULL) == (community_code == NULL))
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A duty is a shift (1, 2 or 3) at a checkpoint or in a community, leading, as a unit "
                             "leader or on duty."));
      return FALSE;
    }
  if (checkpoint != NULL)
    {
      no_checkpoint = g_strdup_printf (_("There is no checkpoint “%s”."), checkpoint);
      if ((checkpoint_id = wg_store_find_id (store, checkpoint_sql, checkpoint, no_checkpoint, error)) == 0)
        return FALSE;
    }
  else if (!wg_store_lookup_grid (store, community_code, &grid_id, error))
    return FALSE;
  if (!(name = wg_store_query_text (store, staff_sql, staff_id)))
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no such member of staff."));
      return FALSE;
    }

  if (!wg_store_begin (store, error) || !(stmt = wg_store_prepare (store, taken_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, staff_id);
  wg_stmt_bind_text (stmt, 2, day);
  wg_stmt_bind_int (stmt, 3, shift);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    taken = g_strdup (wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  if (taken != NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                   _("%s is on duty at %s on %s, %s already: one place a shift."), name, taken, day,
                   wg_shift_describe (shift));
      goto failed;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    goto failed;
  wg_stmt_bind_text (stmt, 1, day);
  wg_stmt_bind_int (stmt, 2, shift);
  if (checkpoint_id != 0)
    wg_stmt_bind_int64 (stmt, 3, checkpoint_id);
  else
    wg_stmt_bind_int64 (stmt, 4, grid_id);
  wg_stmt_bind_int64 (stmt, 5, staff_id);
  wg_stmt_bind_int (stmt, 6, role);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (id != NULL)
    *id = wg_store_last_insert_id (store);
  detail = g_strdup_printf ("%s %s %u %s", name, day, shift, checkpoint != NULL ? checkpoint : community_code);
  if (!wg_store_log (store, "book", "duty", wg_store_last_insert_id (store), detail, error) ||
      !wg_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/* Takes a booking off the roster (audited). */
gboolean
wg_store_remove_duty (WgStore  *store,
                      gint64    id,
                      GError  **error)
{
  static const char sql[] = "DELETE FROM duty WHERE id = ?";
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *gone = g_strdup_printf (_("There is no duty number %s."), id_text);
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  return wg_store_change_and_log (store, stmt, "remove", "duty", id, id_text, gone, error);
}

/* ?1 first day, ?2 last day, ?3 shift (0 any), ?4 only checkpoints. */
static GPtrArray *
query_duties (WgStore     *store,
              const char  *first,
              const char  *last,
              guint        shift,
              gboolean     checkpoints_only,
              GError     **error)
{
  static const char sql[] =
    "SELECT d.id, d.day, d.shift, coalesce (d.checkpoint_id, 0), coalesce (c.name, g.name), d.staff_id, s.name,"
    "  s.phone, d.role FROM duty d JOIN staff s ON s.id = d.staff_id"
    " LEFT JOIN checkpoint c ON c.id = d.checkpoint_id LEFT JOIN grid g ON g.id = d.grid_id"
    " WHERE d.day >= ?1 AND d.day <= ?2 AND (?3 = 0 OR d.shift = ?3) AND (?4 = 0 OR d.checkpoint_id IS NOT NULL)"
    " ORDER BY d.day, d.shift, d.checkpoint_id IS NULL, c.position, g.code, d.role, s.name, d.id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_duty_info_free);
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, first);
  wg_stmt_bind_text (stmt, 2, last);
  wg_stmt_bind_int (stmt, 3, shift);
  wg_stmt_bind_int (stmt, 4, checkpoints_only);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgDutyInfo *info = g_new0 (WgDutyInfo, 1);

      info->id = wg_stmt_column_int64 (stmt, 0);
      info->day = g_strdup (wg_stmt_column_text (stmt, 1));
      info->shift = wg_stmt_column_int (stmt, 2);
      info->checkpoint_id = wg_stmt_column_int64 (stmt, 3);
      info->place = g_strdup (wg_stmt_column_text (stmt, 4));
      info->staff_id = wg_stmt_column_int64 (stmt, 5);
      info->staff = g_strdup (wg_stmt_column_text (stmt, 6));
      info->phone = g_strdup (wg_stmt_column_text (stmt, 7));
      info->role = wg_stmt_column_int (stmt, 8);
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
 * wg_store_list_duties:
 * @store: a #WgStore
 * @from_day: the first day
 * @n_days: how many days (7 for a week)
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgDutyInfo): by day, shift,
 *   checkpoint (then communities), role
 */
GPtrArray *
wg_store_list_duties (WgStore     *store,
                      const char  *from_day,
                      guint        n_days,
                      GError     **error)
{
  g_autofree char *last = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (n_days >= 1, NULL);

  if (!wg_store_check_day (from_day, _("First day"), error))
    return NULL;
  last = wg_store_day_after (from_day, n_days - 1);
  return query_duties (store, from_day, last, 0, FALSE, error);
}

/**
 * wg_store_list_roster_warnings:
 *
 * Returns: (transfer container) (element-type WgRosterWarning): every
 *   checkpoint's shift of the days with fewer people booked than its
 *   minimum
 */
GPtrArray *
wg_store_list_roster_warnings (WgStore     *store,
                               const char  *from_day,
                               guint        n_days,
                               GError     **error)
{
  g_autoptr(GPtrArray) checkpoints = NULL;
  g_autoptr(GPtrArray) duties = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_roster_warning_free);

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(checkpoints = wg_store_list_checkpoints (store, error)) ||
      !(duties = wg_store_list_duties (store, from_day, n_days, error)))
    return NULL;
  for (guint d = 0; d < n_days; d++)
    {
      g_autofree char *day = wg_store_day_after (from_day, d);

      for (guint shift = 1; shift <= WG_N_SHIFTS; shift++)
        for (guint c = 0; c < checkpoints->len; c++)
          {
            const WgCheckpointInfo *checkpoint = g_ptr_array_index (checkpoints, c);
            guint booked = 0;

            for (guint i = 0; i < duties->len; i++)
              {
                const WgDutyInfo *duty = g_ptr_array_index (duties, i);

                booked += duty->checkpoint_id == checkpoint->id && duty->shift == shift && g_str_equal (duty->day, day);
              }
            if (booked < checkpoint->min_staff)
              {
                WgRosterWarning *warning = g_new0 (WgRosterWarning, 1);

                warning->day = g_strdup (day);
                warning->shift = shift;
                warning->checkpoint = g_strdup (checkpoint->name);
                warning->booked = booked;
                warning->min_staff = checkpoint->min_staff;
                g_ptr_array_add (warnings, warning);
              }
          }
    }
  return g_steal_pointer (&warnings);
}

/**
 * wg_store_list_on_duty_now:
 * @store: a #WgStore
 * @now: (nullable): the desk's clock; %NULL for now
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgDutyInfo): who is on duty
 *   at the checkpoints on the shift @now falls in
 */
GPtrArray *
wg_store_list_on_duty_now (WgStore     *store,
                           const char  *now,
                           GError     **error)
{
  g_autofree char *at = NULL;
  g_autofree char *day = NULL;
  guint hour, shift;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (now != NULL)
    at = g_strdup (now);
  else
    {
      g_autoptr(GDateTime) local = g_date_time_new_now_local ();

      at = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
    }
  if (!wg_store_check_time (at, _("Now"), error))
    return NULL;
  day = g_strndup (at, 10);
  hour = (guint) g_ascii_strtoull (at + 11, NULL, 10);
  shift = hour >= 16 ? 2 : hour >= 8 ? 1 : 3;
  return query_duties (store, day, day, shift, TRUE, error);
}

/**
 * wg_store_build_roster_table:
 * @store: a #WgStore
 * @monday: the week's first day
 * @error: return location for a #GError
 *
 * The week's roster as it is printed and exported, in Chinese: a row per
 * checkpoint (then community) and shift, its place, its shift and a cell
 * per day with the names on duty there, one a line (the leader leading
 * the day marked ★).
 *
 * Returns: (transfer container) (element-type GStrv): rows of
 *   2 + 7 cells
 */
GPtrArray *
wg_store_build_roster_table (WgStore     *store,
                             const char  *monday,
                             GError     **error)
{
  static const char *const shifts[] = { NULL, "白班 08–16", "中班 16–24", "夜班 00–08" };
  g_autoptr(GPtrArray) checkpoints = NULL;
  g_autoptr(GPtrArray) duties = NULL;
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(checkpoints = wg_store_list_checkpoints (store, error)) ||
      !(duties = wg_store_list_duties (store, monday, 7, error)))
    return NULL;
  /* The checkpoints in their order, then the communities as they come. */
  for (guint c = 0; c < checkpoints->len; c++)
    g_ptr_array_add (places, g_strdup (((WgCheckpointInfo *) checkpoints->pdata[c])->name));
  for (guint i = 0; i < duties->len; i++)
    {
      const WgDutyInfo *duty = g_ptr_array_index (duties, i);

      if (!g_ptr_array_find_with_equal_func (places, duty->place, g_str_equal, NULL))
        g_ptr_array_add (places, g_strdup (duty->place));
    }
  for (guint p = 0; p < places->len; p++)
    for (guint shift = 1; shift <= WG_N_SHIFTS; shift++)
      {
        char **cells = g_new0 (char *, 2 + 7 + 1);
        gboolean any = p < checkpoints->len;

        cells[0] = g_strdup (places->pdata[p]);
        cells[1] = g_strdup (shifts[shift]);
        for (guint d = 0; d < 7; d++)
          {
            g_autofree char *day = wg_store_day_after (monday, d);
            g_autoptr(GString) names = g_string_new (NULL);

            for (guint i = 0; i < duties->len; i++)
              {
                const WgDutyInfo *duty = g_ptr_array_index (duties, i);

                if (duty->shift != shift || !g_str_equal (duty->day, day) || !g_str_equal (duty->place, places->pdata[p]))
                  continue;
                g_string_append_printf (names, "%s%s%s", names->len > 0 ? "\n" : "", duty->staff,
                                        duty->role == WG_DUTY_LEADER ? "★" : "");
                any = TRUE;
              }
            cells[2 + d] = g_string_free (g_steal_pointer (&names), FALSE);
          }
        /* A community's shift nobody is on is left out. */
        if (any)
          g_ptr_array_add (rows, cells);
        else
          g_strfreev (cells);
      }
  return g_steal_pointer (&rows);
}

/**
 * wg_store_list_duty_staff:
 * @store: a #WgStore
 * @error: return location for a #GError
 *
 * Who may be put on the roster: the grid leaders, epidemic commissioners
 * and assigned cadres of the county, the townships and the villages.
 *
 * Returns: (transfer container) (element-type WgDutyInfo): each person
 *   once (staff_id, staff, phone; place: their grid), by level and grid
 */
GPtrArray *
wg_store_list_duty_staff (WgStore  *store,
                          GError  **error)
{
  static const char sql[] =
    "SELECT s.id, s.name, s.phone, min (g.name) FROM staff s JOIN grid_staff gs ON gs.staff_id = s.id"
    " JOIN grid g ON g.id = gs.grid_id WHERE g.level <= 3 AND gs.role IN (1, 3, 5)"
    " GROUP BY s.id, s.name, s.phone ORDER BY min (g.level), min (g.code), s.name, s.id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_duty_info_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgDutyInfo *info = g_new0 (WgDutyInfo, 1);

      info->staff_id = wg_stmt_column_int64 (stmt, 0);
      info->staff = g_strdup (wg_stmt_column_text (stmt, 1));
      info->phone = g_strdup (wg_stmt_column_text (stmt, 2));
      info->place = g_strdup (wg_stmt_column_text (stmt, 3));
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
