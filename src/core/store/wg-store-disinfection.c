/* wg-store-disinfection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Disinfection to the hour (上门消杀精准到时): a plan for a home in
 * quarantine or a room of a central site — every N days (every day by
 * default) at an hour, between two days. Each of the plan's slots opens a
 * visit window on the home's or the room's door sensor (a quarter of an hour
 * before to an hour after), so that the team's opening of the door is
 * expected, not an alert. A visit is recorded against the nearest slot of
 * its day within two hours; a slot with no visit to its home or room from
 * two hours before it to an hour after, once that hour has passed, is
 * overdue.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-store-disinfection.h"
#include "wg-store-private.h"

#define WINDOW_BEFORE_MINUTES 15
#define WINDOW_AFTER_MINUTES 60
#define MATCH_MINUTES 120
#define OVERDUE_AFTER_MINUTES 60

void
wg_disinfection_due_free (WgDisinfectionDue *due)
{
  if (due == NULL)
    return;
  g_free (due->place);
  g_free (due->grid_code);
  g_free (due->household_code);
  g_free (due->due_at);
  g_free (due);
}

void
wg_disinfection_visit_free (WgDisinfectionVisit *visit)
{
  if (visit == NULL)
    return;
  g_free (visit->place);
  g_free (visit->grid_code);
  g_free (visit->due_at);
  g_free (visit->visited_at);
  g_free (visit->done_by);
  g_free (visit->what);
  g_free (visit);
}

static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *iso = g_strdup (text);

  if (strlen (iso) > 10)
    iso[10] = 'T';
  return g_date_time_new_from_iso8601 (iso, zone);
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

/* The plan's slot on @day ("YYYY-MM-DD HH:00:00"), or NULL when the plan
 * has none that day. */
static char *
slot_on (const char *from_day,
         guint       every_days,
         guint       hour,
         const char *day)
{
  GDate from, on;

  g_date_clear (&from, 1);
  g_date_clear (&on, 1);
  g_date_set_parse (&from, from_day);
  g_date_set_parse (&on, day);
  if (!g_date_valid (&from) || !g_date_valid (&on) || g_date_compare (&on, &from) < 0 ||
      (g_date_get_julian (&on) - g_date_get_julian (&from)) % every_days != 0)
    return NULL;
  return g_strdup_printf ("%s %02u:00:00", day, hour);
}

/* The household by code, or the room by id: which one the caller named. */
static gboolean
resolve_place (WgStore     *store,
               const char  *household_code,
               gint64       room_id,
               gint64      *household_id,
               GError     **error)
{
  static const char household_sql[] = "SELECT id FROM household WHERE code = upper (?)";
  static const char room_sql[] = "SELECT count (*) FROM site_room WHERE id = ?";
  WgStmt *stmt;
  gboolean found = FALSE;

  *household_id = 0;
  if ((household_code == NULL) == (room_id == 0))
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("Disinfection is planned for a home or for a room: name one of them."));
      return FALSE;
    }
  if (household_code != NULL)
    {
      g_autofree char *gone = g_strdup_printf (_("There is no household with the code “%s”."), household_code);

      return (*household_id = wg_store_find_id (store, household_sql, household_code, gone, error)) != 0;
    }
  if (!(stmt = wg_store_prepare (store, room_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, room_id);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    found = wg_stmt_column_int (stmt, 0) > 0;
  wg_stmt_reset (stmt);
  if (!found)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, room_id);

      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no room number %s."), id_text);
    }
  return found;
}

/**
 * wg_store_plan_disinfection:
 * @store: a #WgStore
 * @household_code: (nullable): the home; or %NULL and @room_id
 * @room_id: the room of a central site; or 0 and @household_code
 * @hour: the hour of the visit, 0–23
 * @every_days: how often, in days (1: every day)
 * @from_day: the first day
 * @to_day: the last day
 * @id: (out) (optional): the plan's id
 * @error: return location for a #GError
 *
 * Each slot opens a visit window on the home's or the room's door
 * sensor, in the same transaction.
 *
 * Returns: %TRUE when planned (audited)
 */
gboolean
wg_store_plan_disinfection (WgStore     *store,
                            const char  *household_code,
                            gint64       room_id,
                            guint        hour,
                            guint        every_days,
                            const char  *from_day,
                            const char  *to_day,
                            gint64      *id,
                            GError     **error)
{
  static const char sql[] =
    "INSERT INTO disinfection_plan (household_id, room_id, hour, every_days, from_day, to_day)"
    " VALUES (?, ?, ?, ?, ?, ?)";
  static const char window_sql[] =
    "INSERT INTO visit_window (household_id, purpose, starts_at, ends_at) VALUES (?, 2, ?, ?)";
  static const char room_window_sql[] =
    "INSERT INTO room_visit_window (room_id, purpose, starts_at, ends_at) VALUES (?, 2, ?, ?)";
  g_autofree char *detail = NULL;
  gint64 household_id = 0, plan_id;
  GDate day, last;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_day (from_day, _("First day"), error) || !wg_store_check_day (to_day, _("Last day"), error))
    return FALSE;
  if (hour > 23 || every_days < 1 || every_days > 14 || strcmp (to_day, from_day) < 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A disinfection plan has an hour from 0 to 23, every 1 to 14 days, its last day not "
                             "before its first."));
      return FALSE;
    }
  if (!resolve_place (store, household_code, room_id, &household_id, error))
    return FALSE;

  if (!wg_store_begin (store, error) || !(stmt = wg_store_prepare (store, sql, error)))
    goto failed;
  if (household_id != 0)
    wg_stmt_bind_int64 (stmt, 1, household_id);
  else
    wg_stmt_bind_int64 (stmt, 2, room_id);
  wg_stmt_bind_int (stmt, 3, hour);
  wg_stmt_bind_int (stmt, 4, every_days);
  wg_stmt_bind_text (stmt, 5, from_day);
  wg_stmt_bind_text (stmt, 6, to_day);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  plan_id = wg_store_last_insert_id (store);

  /* The door opened for the team is expected: a window per slot. */
  g_date_clear (&day, 1);
  g_date_clear (&last, 1);
  g_date_set_parse (&day, from_day);
  g_date_set_parse (&last, to_day);
  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, every_days))
    {
      char text[11];
      g_autofree char *slot = NULL;
      g_autoptr(GDateTime) at = NULL;
      g_autoptr(GDateTime) starts = NULL;
      g_autoptr(GDateTime) ends = NULL;
      g_autofree char *starts_text = NULL;
      g_autofree char *ends_text = NULL;

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
      slot = g_strdup_printf ("%s %02u:00:00", text, hour);
      at = parse_time (slot);
      starts = g_date_time_add_minutes (at, -WINDOW_BEFORE_MINUTES);
      ends = g_date_time_add_minutes (at, WINDOW_AFTER_MINUTES);
      starts_text = format_time (starts);
      ends_text = format_time (ends);
      if (!(stmt = wg_store_prepare (store, household_id != 0 ? window_sql : room_window_sql, error)))
        goto failed;
      wg_stmt_bind_int64 (stmt, 1, household_id != 0 ? household_id : room_id);
      wg_stmt_bind_text (stmt, 2, starts_text);
      wg_stmt_bind_text (stmt, 3, ends_text);
      if (!wg_store_step_done (store, stmt, error))
        goto failed;
    }
  detail = g_strdup_printf ("%s %02u:00 / %u d, %s–%s", household_code != NULL ? household_code : "room", hour,
                            every_days, from_day, to_day);
  if (!wg_store_log (store, "plan", "disinfection_plan", plan_id, detail, error) || !wg_store_commit (store, error))
    goto failed;
  if (id != NULL)
    *id = plan_id;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_record_disinfection:
 * @store: a #WgStore
 * @household_code: (nullable): the home; or %NULL and @room_id
 * @room_id: the room; or 0 and @household_code
 * @visited_at: when, "YYYY-MM-DD HH:MM:SS"
 * @done_by: who disinfected
 * @what: (nullable): what was done
 * @id: (out) (optional): the visit's id
 * @error: return location for a #GError
 *
 * The visit serves the slot of a plan on its day when it is within two
 * hours of it.
 *
 * Returns: %TRUE when recorded (audited)
 */
gboolean
wg_store_record_disinfection (WgStore     *store,
                              const char  *household_code,
                              gint64       room_id,
                              const char  *visited_at,
                              const char  *done_by,
                              const char  *what,
                              gint64      *id,
                              GError     **error)
{
  static const char plans_sql[] =
    "SELECT id, from_day, every_days, hour FROM disinfection_plan"
    " WHERE (household_id = ?1 OR room_id = ?2) AND from_day <= ?3 AND to_day >= ?3 ORDER BY id";
  static const char sql[] =
    "INSERT INTO disinfection_visit (plan_id, household_id, room_id, due_at, visited_at, done_by, what)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  g_autofree char *day = NULL;
  g_autofree char *due = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GDateTime) visited = NULL;
  gint64 household_id = 0, plan_id = 0;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_time (visited_at, _("Time"), error) ||
      !wg_store_check_text (done_by, 200, _("Disinfected by"), error) ||
      !resolve_place (store, household_code, room_id, &household_id, error))
    return FALSE;
  day = g_strndup (visited_at, 10);
  visited = parse_time (visited_at);
  if (!(stmt = wg_store_prepare (store, plans_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  wg_stmt_bind_int64 (stmt, 2, room_id);
  wg_stmt_bind_text (stmt, 3, day);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW && due == NULL)
    {
      g_autofree char *slot = slot_on (wg_stmt_column_text (stmt, 1), wg_stmt_column_int (stmt, 2),
                                       wg_stmt_column_int (stmt, 3), day);
      g_autoptr(GDateTime) at = slot != NULL ? parse_time (slot) : NULL;

      if (at != NULL && ABS (g_date_time_difference (visited, at)) <= (GTimeSpan) MATCH_MINUTES * G_TIME_SPAN_MINUTE)
        {
          plan_id = wg_stmt_column_int64 (stmt, 0);
          due = g_steal_pointer (&slot);
        }
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  if (plan_id != 0)
    wg_stmt_bind_int64 (stmt, 1, plan_id);
  if (household_id != 0)
    wg_stmt_bind_int64 (stmt, 2, household_id);
  else
    wg_stmt_bind_int64 (stmt, 3, room_id);
  if (due != NULL)
    wg_stmt_bind_text (stmt, 4, due);
  wg_stmt_bind_text (stmt, 5, visited_at);
  wg_stmt_bind_text (stmt, 6, done_by);
  if (what != NULL && *what != '\0')
    wg_stmt_bind_text (stmt, 7, what);
  detail = g_strdup_printf ("%s %s %s%s%s", household_code != NULL ? household_code : "room", visited_at, done_by,
                            due != NULL ? " for " : "", due != NULL ? due : "");
  return wg_store_insert_and_log (store, stmt, "disinfection_visit", detail, id, error);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const WgDisinfectionDue *x = *(WgDisinfectionDue *const *) a, *y = *(WgDisinfectionDue *const *) b;
  int by_time = strcmp (x->due_at, y->due_at);

  return by_time != 0 ? by_time : (x->plan_id > y->plan_id) - (x->plan_id < y->plan_id);
}

/* The plans' slots judged by @now (an hour after their time has passed):
 * those not served, or with @day every slot of that day, served or not. */
static GPtrArray *
list_slots (WgStore     *store,
            const char  *grid_code,
            const char  *now,
            const char  *only_day,
            GError     **error)
{
  static const char plans_sql[] =
    "SELECT p.id, coalesce (p.household_id, 0), coalesce (p.room_id, 0), p.hour, p.every_days, p.from_day,"
    "  p.to_day, coalesce (h.code || ' ' || h.address, s.name || ' ' || r.number), m.code, h.code"
    " FROM disinfection_plan p LEFT JOIN household h ON h.id = p.household_id LEFT JOIN grid m ON m.id = h.grid_id"
    " LEFT JOIN site_room r ON r.id = p.room_id LEFT JOIN quarantine_site s ON s.id = r.site_id"
    " WHERE p.from_day <= ?1 AND (?2 IS NULL OR substr (m.code, 1, length (?2)) = ?2)"
    " ORDER BY p.id";
  static const char done_sql[] =
    "SELECT coalesce (household_id, 0), coalesce (room_id, 0), visited_at FROM disinfection_visit";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_disinfection_due_free);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) limit = NULL;
  g_autofree char *at = NULL;
  g_autofree char *limit_text = NULL;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (now != NULL)
    at = g_strdup (now);
  else
    {
      g_autoptr(GDateTime) local = g_date_time_new_now_local ();

      at = format_time (local);
    }
  if (!wg_store_check_time (at, _("Now"), error))
    return NULL;
  clock = parse_time (at);
  limit = g_date_time_add_minutes (clock, -OVERDUE_AFTER_MINUTES);
  limit_text = format_time (limit);

  if (!(stmt = wg_store_prepare (store, done_sql, error)))
    return NULL;
  /* The visits by place: a slot is served by any visit to its home or
   * room from two hours before it to an hour after. */
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      g_autofree char *place = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                                wg_stmt_column_int64 (stmt, 0), wg_stmt_column_int64 (stmt, 1));
      GPtrArray *times = g_hash_table_lookup (done, place);

      if (times == NULL)
        {
          times = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (done, g_steal_pointer (&place), times);
        }
      g_ptr_array_add (times, g_strdup (wg_stmt_column_text (stmt, 2)));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE || !(stmt = wg_store_prepare (store, plans_sql, error)))
    {
      if (rc != WG_STMT_DONE)
        wg_store_set_error (store, rc, error);
      return NULL;
    }
  wg_stmt_bind_text (stmt, 1, at);
  if (grid_code != NULL)
    wg_stmt_bind_text (stmt, 2, grid_code);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 plan_id = wg_stmt_column_int64 (stmt, 0);
      guint hour = wg_stmt_column_int (stmt, 3), every = wg_stmt_column_int (stmt, 4);
      g_autofree char *place = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                                wg_stmt_column_int64 (stmt, 1), wg_stmt_column_int64 (stmt, 2));
      GPtrArray *times = g_hash_table_lookup (done, place);
      GDate day, last;

      g_date_clear (&day, 1);
      g_date_clear (&last, 1);
      g_date_set_parse (&day, wg_stmt_column_text (stmt, 5));
      g_date_set_parse (&last, wg_stmt_column_text (stmt, 6));
      for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, every))
        {
          char text[11];
          g_autofree char *slot = NULL;
          g_autoptr(GDateTime) slot_time = NULL;
          g_autoptr(GDateTime) earliest = NULL;
          g_autoptr(GDateTime) latest = NULL;
          g_autofree char *from = NULL;
          g_autofree char *to = NULL;
          gboolean served = FALSE;
          WgDisinfectionDue *due;

          g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
          slot = g_strdup_printf ("%s %02u:00:00", text, hour);
          if (strcmp (slot, limit_text) >= 0)
            break;
          slot_time = parse_time (slot);
          earliest = g_date_time_add_minutes (slot_time, -MATCH_MINUTES);
          latest = g_date_time_add_minutes (slot_time, OVERDUE_AFTER_MINUTES);
          from = format_time (earliest);
          to = format_time (latest);
          for (guint t = 0; times != NULL && t < times->len && !served; t++)
            served = strcmp (times->pdata[t], from) >= 0 && strcmp (times->pdata[t], to) <= 0;
          if ((served && only_day == NULL) || (only_day != NULL && strcmp (text, only_day) != 0))
            continue;
          due = g_new0 (WgDisinfectionDue, 1);
          due->served = served;
          due->plan_id = plan_id;
          due->household_id = wg_stmt_column_int64 (stmt, 1);
          due->room_id = wg_stmt_column_int64 (stmt, 2);
          due->place = g_strdup (wg_stmt_column_text (stmt, 7));
          due->grid_code = g_strdup (wg_stmt_column_text (stmt, 8));
          due->household_code = g_strdup (wg_stmt_column_text (stmt, 9));
          due->due_at = g_steal_pointer (&slot);
          g_ptr_array_add (list, due);
        }
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  g_ptr_array_sort (list, compare_due);
  return g_steal_pointer (&list);
}

/**
 * wg_store_list_disinfection_overdue:
 * @store: a #WgStore
 * @grid_code: (nullable): only homes under this grid (rooms are listed
 *   with the county only)
 * @now: (nullable): the desk's clock; %NULL for now
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgDisinfectionDue): every
 *   plan's slot more than an hour before @now with no visit to its place
 *   from two hours before it to an hour after, oldest first
 */
GPtrArray *
wg_store_list_disinfection_overdue (WgStore     *store,
                                    const char  *grid_code,
                                    const char  *now,
                                    GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return list_slots (store, grid_code, now, NULL, error);
}

/**
 * wg_store_list_disinfection_slots:
 * @store: a #WgStore
 * @grid_code: (nullable): only homes under this grid (rooms are listed
 *   with the county only)
 * @day: the day, "YYYY-MM-DD"
 * @now: (nullable): the desk's clock; %NULL for now
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgDisinfectionDue): the
 *   plans' slots of @day that can be judged at @now (their hour has
 *   passed), each served or not, by time
 */
GPtrArray *
wg_store_list_disinfection_slots (WgStore     *store,
                                  const char  *grid_code,
                                  const char  *day,
                                  const char  *now,
                                  GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!wg_store_check_day (day, _("Day"), error))
    return NULL;
  return list_slots (store, grid_code, now, day, error);
}

/**
 * wg_store_list_disinfection_visits:
 * @store: a #WgStore
 * @grid_code: (nullable): only homes under this grid (rooms are listed
 *   with the county only)
 * @day: the day, "YYYY-MM-DD"
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgDisinfectionVisit): the
 *   visits of @day, by time
 */
GPtrArray *
wg_store_list_disinfection_visits (WgStore     *store,
                                   const char  *grid_code,
                                   const char  *day,
                                   GError     **error)
{
  static const char sql[] =
    "SELECT v.id, coalesce (v.household_id, 0), coalesce (v.room_id, 0),"
    "  coalesce (h.code || ' ' || h.address, s.name || ' ' || r.number), m.code, v.due_at, v.visited_at, v.done_by,"
    "  v.what"
    " FROM disinfection_visit v LEFT JOIN household h ON h.id = v.household_id LEFT JOIN grid m ON m.id = h.grid_id"
    " LEFT JOIN site_room r ON r.id = v.room_id LEFT JOIN quarantine_site s ON s.id = r.site_id"
    " WHERE substr (v.visited_at, 1, 10) = ?1"
    "   AND (?2 IS NULL OR (m.code IS NOT NULL AND substr (m.code, 1, length (?2)) = ?2))"
    " ORDER BY v.visited_at, v.id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_disinfection_visit_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!wg_store_check_day (day, _("Day"), error) || !(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, day);
  if (grid_code != NULL)
    wg_stmt_bind_text (stmt, 2, grid_code);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgDisinfectionVisit *visit = g_new0 (WgDisinfectionVisit, 1);

      visit->id = wg_stmt_column_int64 (stmt, 0);
      visit->household_id = wg_stmt_column_int64 (stmt, 1);
      visit->room_id = wg_stmt_column_int64 (stmt, 2);
      visit->place = g_strdup (wg_stmt_column_text (stmt, 3));
      visit->grid_code = g_strdup (wg_stmt_column_text (stmt, 4));
      visit->due_at = g_strdup (wg_stmt_column_text (stmt, 5));
      visit->visited_at = g_strdup (wg_stmt_column_text (stmt, 6));
      visit->done_by = g_strdup (wg_stmt_column_text (stmt, 7));
      visit->what = g_strdup (wg_stmt_column_text (stmt, 8));
      g_ptr_array_add (list, visit);
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
 * wg_store_record_disinfection_for_plan:
 * @store: a #WgStore
 * @plan_id: a disinfection plan: its home or room was visited
 * @visited_at: when, "YYYY-MM-DD HH:MM:SS"
 * @done_by: who disinfected
 * @what: (nullable): what was done
 * @id: (out) (optional): the visit's id
 * @error: return location for a #GError
 *
 * As wg_store_record_disinfection () for the plan's place.
 *
 * Returns: %TRUE when recorded (audited)
 */
gboolean
wg_store_record_disinfection_for_plan (WgStore     *store,
                                       gint64       plan_id,
                                       const char  *visited_at,
                                       const char  *done_by,
                                       const char  *what,
                                       gint64      *id,
                                       GError     **error)
{
  static const char sql[] =
    "SELECT h.code, coalesce (p.room_id, 0) FROM disinfection_plan p LEFT JOIN household h ON h.id = p.household_id"
    " WHERE p.id = ?";
  g_autofree char *household = NULL;
  gint64 room = 0;
  gboolean found = FALSE;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, plan_id);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      found = TRUE;
      household = g_strdup (wg_stmt_column_text (stmt, 0));
      room = wg_stmt_column_int64 (stmt, 1);
    }
  wg_stmt_reset (stmt);
  if (!found)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no such disinfection plan."));
      return FALSE;
    }
  return wg_store_record_disinfection (store, household, household != NULL ? 0 : room, visited_at, done_by, what, id,
                                       error);
}
