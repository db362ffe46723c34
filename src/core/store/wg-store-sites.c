/* wg-store-sites.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Central quarantine sites and their rooms: a room has a number, a floor
 * and a capacity; a person in central quarantine at the site stays in a
 * room for dates (its first to its last day, inclusive), never more people
 * in a room on a day than it holds; a stay is checked in and out. A room's
 * door sensor watches it from check-in to check-out (wg-alert-engine.c).
 * When a stay is over and the person still checked in, the move to the
 * home quarantine that follows is proposed (wg_store_list_moves_home ()).
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-store-private.h"
#include "wg-store-sites.h"

void
wg_site_info_free (WgSiteInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->address);
  g_free (info->phone);
  g_free (info);
}

void
wg_stay_info_free (WgStayInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->site);
  g_free (info->room);
  g_free (info->name);
  g_free (info->id_number);
  g_free (info->from_day);
  g_free (info->to_day);
  g_free (info->checked_in_at);
  g_free (info->checked_out_at);
  g_free (info->home_from);
  g_free (info->home_to);
  g_free (info->address);
  g_free (info->household_code);
  g_free (info);
}

void
wg_room_info_free (WgRoomInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->number);
  g_free (info->sensor);
  g_clear_pointer (&info->stays, g_ptr_array_unref);
  g_free (info);
}

void
wg_roomless_free (WgRoomless *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->id_number);
  g_free (info->start_day);
  g_free (info->end_day);
  g_free (info);
}

/* In the room at the end of the day ?1: checked in by then, not out. */
#define IN_AT_DAY_END(st) \
  st ".checked_in_at < ?1 || ' 24' AND (" st ".checked_out_at IS NULL OR " st ".checked_out_at >= ?1 || ' 24')"

/* ?1 the day, ?2 one site's id (0: all). */
#define SITE_SELECT \
  "SELECT s.id, s.name, s.address, s.phone," \
  "  (SELECT count (*) FROM site_room r WHERE r.site_id = s.id)," \
  "  (SELECT coalesce (sum (r.capacity), 0) FROM site_room r WHERE r.site_id = s.id)," \
  "  (SELECT count (*) FROM room_stay st JOIN site_room r ON r.id = st.room_id" \
  "    WHERE r.site_id = s.id AND st.from_day <= ?1 AND st.to_day >= ?1)," \
  "  (SELECT count (*) FROM room_stay st JOIN site_room r ON r.id = st.room_id" \
  "    WHERE r.site_id = s.id AND st.from_day <= ?1 AND st.to_day >= ?1 AND " IN_AT_DAY_END ("st") ")," \
  "  (SELECT count (*) FROM quarantine q WHERE q.site_id = s.id AND q.kind = 2" \
  "    AND q.start_day <= ?1 AND q.end_day >= ?1" \
  "    AND NOT EXISTS (SELECT 1 FROM room_stay st WHERE st.person_id = q.person_id" \
  "                     AND st.from_day <= ?1 AND st.to_day >= ?1))," \
  "  (SELECT count (*) FROM room_stay st JOIN site_room r ON r.id = st.room_id" \
  "    WHERE r.site_id = s.id AND st.to_day <= ?1 AND " IN_AT_DAY_END ("st") ")" \
  " FROM quarantine_site s WHERE ?2 = 0 OR s.id = ?2 ORDER BY s.id"

static GPtrArray *
query_sites (WgStore     *store,
             const char  *day,
             gint64       site_id,
             GError     **error)
{
  static const char sql[] = SITE_SELECT;
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_site_info_free);
  WgStmt *stmt;
  int rc;

  if (!wg_store_check_day (day, _("Day"), error) || !(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, day);
  wg_stmt_bind_int64 (stmt, 2, site_id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgSiteInfo *info = g_new0 (WgSiteInfo, 1);

      info->id = wg_stmt_column_int64 (stmt, 0);
      info->name = g_strdup (wg_stmt_column_text (stmt, 1));
      info->address = g_strdup (wg_stmt_column_text (stmt, 2));
      info->phone = g_strdup (wg_stmt_column_text (stmt, 3));
      info->n_rooms = wg_stmt_column_int (stmt, 4);
      info->beds = wg_stmt_column_int (stmt, 5);
      info->assigned = wg_stmt_column_int (stmt, 6);
      info->checked_in = wg_stmt_column_int (stmt, 7);
      info->awaiting_room = wg_stmt_column_int (stmt, 8);
      info->moves_home = wg_stmt_column_int (stmt, 9);
      g_ptr_array_add (sites, info);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&sites);
}

/**
 * wg_store_list_sites:
 * @store: a #WgStore
 * @day: the day the figures are for
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgSiteInfo): every central
 *   quarantine site with its rooms, beds and occupancy on @day
 */
GPtrArray *
wg_store_list_sites (WgStore     *store,
                     const char  *day,
                     GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return query_sites (store, day, 0, error);
}

/**
 * wg_store_get_site:
 *
 * Returns: (transfer full): the site as on @day, or %NULL with
 *   %WG_STORE_ERROR_NOT_FOUND
 */
WgSiteInfo *
wg_store_get_site (WgStore     *store,
                   gint64       site_id,
                   const char  *day,
                   GError     **error)
{
  g_autoptr(GPtrArray) sites = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (site_id <= 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                           _("There is no central quarantine site with that number."));
      return NULL;
    }
  if (!(sites = query_sites (store, day, site_id, error)))
    return NULL;
  if (sites->len == 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, site_id);

      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no central quarantine site number %s."), id_text);
      return NULL;
    }
  return g_ptr_array_steal_index (sites, 0);
}

/**
 * wg_store_add_room:
 * @store: a #WgStore
 * @site_id: the site
 * @number: the room's number, unique in the site
 * @floor: its floor
 * @capacity: how many people it holds, 1–20
 * @room_id: (out) (optional): the new room's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the room was added (audited)
 */
gboolean
wg_store_add_room (WgStore     *store,
                   gint64       site_id,
                   const char  *number,
                   int          floor,
                   guint        capacity,
                   gint64      *room_id,
                   GError     **error)
{
  static const char taken_sql[] = "SELECT count (*) FROM site_room WHERE site_id = ? AND number = ?";
  static const char sql[] = "INSERT INTO site_room (site_id, number, floor, capacity) VALUES (?, ?, ?, ?)";
  g_autoptr(WgSiteInfo) site = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  WgStmt *stmt;
  int rc, taken = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  day = g_date_time_format (now, "%Y-%m-%d");
  if (!wg_store_check_text (number, 16, _("Room number"), error) ||
      !(site = wg_store_get_site (store, site_id, day, error)))
    return FALSE;
  if (floor < -9 || floor > 199 || capacity < 1 || capacity > 20)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A room is on a floor from −9 to 199 and holds 1 to 20 people."));
      return FALSE;
    }
  clean = g_strstrip (g_strdup (number));
  if (!(stmt = wg_store_prepare (store, taken_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, site_id);
  wg_stmt_bind_text (stmt, 2, clean);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    taken = wg_stmt_column_int (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (taken)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                   _("%s has a room %s already."), site->name, clean);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, site_id);
  wg_stmt_bind_text (stmt, 2, clean);
  wg_stmt_bind_int (stmt, 3, floor);
  wg_stmt_bind_int (stmt, 4, capacity);
  detail = g_strdup_printf ("%s %s (%d, %u)", site->name, clean, floor, capacity);
  return wg_store_insert_and_log (store, stmt, "room", detail, room_id, error);
}

/* A stay with its person, room and the home quarantine after it. */
#define STAY_SELECT \
  "SELECT st.id, st.room_id, s.name, r.number, p.id, p.name, p.id_number, st.from_day, st.to_day," \
  "  st.checked_in_at, st.checked_out_at, hq.start_day, hq.end_day, h.address, h.code" \
  " FROM room_stay st JOIN site_room r ON r.id = st.room_id JOIN quarantine_site s ON s.id = r.site_id" \
  " JOIN person p ON p.id = st.person_id LEFT JOIN household h ON h.id = p.household_id" \
  " LEFT JOIN quarantine hq ON hq.id = (SELECT x.id FROM quarantine x WHERE x.person_id = p.id AND x.kind = 1" \
  "                                     AND x.start_day > st.from_day ORDER BY x.start_day LIMIT 1)"

static WgStayInfo *
read_stay (WgStmt *stmt)
{
  WgStayInfo *info = g_new0 (WgStayInfo, 1);

#define TEXT(i) g_strdup (wg_stmt_column_text (stmt, (i)))
  info->id = wg_stmt_column_int64 (stmt, 0);
  info->room_id = wg_stmt_column_int64 (stmt, 1);
  info->site = TEXT (2);
  info->room = TEXT (3);
  info->person_id = wg_stmt_column_int64 (stmt, 4);
  info->name = TEXT (5);
  info->id_number = TEXT (6);
  info->from_day = TEXT (7);
  info->to_day = TEXT (8);
  info->checked_in_at = TEXT (9);
  info->checked_out_at = TEXT (10);
  info->home_from = TEXT (11);
  info->home_to = TEXT (12);
  info->address = TEXT (13);
  info->household_code = TEXT (14);
#undef TEXT
  return info;
}

/* Runs a STAY_SELECT statement with ?1 the day and ?2 an id, or with ?1
 * the id when there is no day. */
static GPtrArray *
query_stays (WgStore     *store,
             const char  *sql,
             const char  *day,
             gint64       id,
             GError     **error)
{
  g_autoptr(GPtrArray) stays = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_stay_info_free);
  WgStmt *stmt;
  int rc;

  if (day != NULL && !wg_store_check_day (day, _("Day"), error))
    return NULL;
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  if (day != NULL)
    wg_stmt_bind_text (stmt, 1, day);
  wg_stmt_bind_int64 (stmt, day != NULL ? 2 : 1, id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    g_ptr_array_add (stays, read_stay (stmt));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&stays);
}

/**
 * wg_store_list_rooms:
 * @store: a #WgStore
 * @site_id: the site
 * @day: the day whose stays are listed with each room
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgRoomInfo): the site's rooms
 *   by floor and number, each with its sensor and the stays covering @day
 */
GPtrArray *
wg_store_list_rooms (WgStore     *store,
                     gint64       site_id,
                     const char  *day,
                     GError     **error)
{
  static const char rooms_sql[] =
    "SELECT r.id, r.site_id, r.number, r.floor, r.capacity, (SELECT device FROM sensor WHERE room_id = r.id)"
    " FROM site_room r WHERE r.site_id = ? ORDER BY r.floor, length (r.number), r.number";
  static const char stays_sql[] =
    STAY_SELECT " WHERE r.site_id = ?2 AND st.from_day <= ?1 AND st.to_day >= ?1 ORDER BY st.id";
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_room_info_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) stays = NULL;
  g_autoptr(WgSiteInfo) site = NULL;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(site = wg_store_get_site (store, site_id, day, error)) ||
      !(stmt = wg_store_prepare (store, rooms_sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, site_id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgRoomInfo *room = g_new0 (WgRoomInfo, 1);

      room->id = wg_stmt_column_int64 (stmt, 0);
      room->site_id = wg_stmt_column_int64 (stmt, 1);
      room->number = g_strdup (wg_stmt_column_text (stmt, 2));
      room->floor = wg_stmt_column_int (stmt, 3);
      room->capacity = wg_stmt_column_int (stmt, 4);
      room->sensor = g_strdup (wg_stmt_column_text (stmt, 5));
      room->stays = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_stay_info_free);
      g_ptr_array_add (rooms, room);
      g_hash_table_insert (by_id, &room->id, room);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  if (!(stays = query_stays (store, stays_sql, day, site_id, error)))
    return NULL;
  for (guint i = 0; i < stays->len; i++)
    {
      WgStayInfo *stay = g_ptr_array_index (stays, i);
      WgRoomInfo *room = g_hash_table_lookup (by_id, &stay->room_id);

      if (room != NULL)
        g_ptr_array_add (room->stays, g_steal_pointer (&stays->pdata[i]));
    }
  return g_steal_pointer (&rooms);
}

/**
 * wg_store_list_moves_home:
 * @store: a #WgStore
 * @site_id: the site
 * @day: the day
 * @error: return location for a #GError
 *
 * The persons still checked in at the end of @day whose stay is over by
 * then: their move home is due (the home quarantine after, if any, in the
 * stay's home_from / home_to).
 *
 * Returns: (transfer container) (element-type WgStayInfo): the stays
 */
GPtrArray *
wg_store_list_moves_home (WgStore     *store,
                          gint64       site_id,
                          const char  *day,
                          GError     **error)
{
  static const char sql[] =
    STAY_SELECT " WHERE r.site_id = ?2 AND st.to_day <= ?1 AND " IN_AT_DAY_END ("st") " ORDER BY st.to_day, st.id";

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return query_stays (store, sql, day, site_id, error);
}

/**
 * wg_store_list_person_stays:
 *
 * Returns: (transfer container) (element-type WgStayInfo): the person's
 *   stays in rooms, latest first
 */
GPtrArray *
wg_store_list_person_stays (WgStore     *store,
                            gint64       person_id,
                            GError     **error)
{
  static const char sql[] = STAY_SELECT " WHERE st.person_id = ?1 ORDER BY st.from_day DESC, st.id DESC";

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return query_stays (store, sql, NULL, person_id, error);
}

/**
 * wg_store_list_roomless:
 *
 * Returns: (transfer container) (element-type WgRoomless): who is in
 *   central quarantine at the site on @day with no room that day
 */
GPtrArray *
wg_store_list_roomless (WgStore     *store,
                        gint64       site_id,
                        const char  *day,
                        GError     **error)
{
  static const char sql[] =
    "SELECT q.id, p.id, p.name, p.id_number, q.start_day, q.end_day FROM quarantine q"
    " JOIN person p ON p.id = q.person_id"
    " WHERE q.site_id = ?2 AND q.kind = 2 AND q.start_day <= ?1 AND q.end_day >= ?1"
    "   AND NOT EXISTS (SELECT 1 FROM room_stay st WHERE st.person_id = q.person_id"
    "                    AND st.from_day <= ?1 AND st.to_day >= ?1)"
    " ORDER BY q.start_day, p.id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_roomless_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!wg_store_check_day (day, _("Day"), error) || !(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, day);
  wg_stmt_bind_int64 (stmt, 2, site_id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgRoomless *info = g_new0 (WgRoomless, 1);

      info->quarantine_id = wg_stmt_column_int64 (stmt, 0);
      info->person_id = wg_stmt_column_int64 (stmt, 1);
      info->name = g_strdup (wg_stmt_column_text (stmt, 2));
      info->id_number = g_strdup (wg_stmt_column_text (stmt, 3));
      info->start_day = g_strdup (wg_stmt_column_text (stmt, 4));
      info->end_day = g_strdup (wg_stmt_column_text (stmt, 5));
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

static guint
day_number (const char *day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  return g_date_valid (&date) ? g_date_get_julian (&date) : 0;
}

static char *
format_day (guint julian)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

/* Refuses a stay from @from to @to in the room when a day would hold more
 * than @capacity; takes the room's row first so that two desks assigning
 * the same room wait for each other on the server. */
static gboolean
check_capacity (WgStore     *store,
                gint64       room_id,
                const char  *number,
                guint        capacity,
                const char  *from,
                const char  *to,
                GError     **error)
{
  static const char lock_sql[] = "UPDATE site_room SET capacity = capacity WHERE id = ?";
  static const char sql[] =
    "SELECT from_day, to_day FROM room_stay WHERE room_id = ?1 AND from_day <= ?3 AND to_day >= ?2";
  guint first = day_number (from), last = day_number (to);
  g_autofree guint *counts = g_new0 (guint, last - first + 1);
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, lock_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, room_id);
  if (!wg_store_step_done (store, stmt, error) || !(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, room_id);
  wg_stmt_bind_text (stmt, 2, from);
  wg_stmt_bind_text (stmt, 3, to);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      guint a = MAX (first, day_number (wg_stmt_column_text (stmt, 0)));
      guint b = MIN (last, day_number (wg_stmt_column_text (stmt, 1)));

      for (guint d = a; d <= b; d++)
        counts[d - first]++;
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint d = first; d <= last; d++)
    if (counts[d - first] >= capacity)
      {
        g_autofree char *full = format_day (d);

        g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                     g_dngettext (GETTEXT_PACKAGE, "Room %s holds %u person: on %s it is full.",
                                  "Room %s holds %u people: on %s it is full.", capacity),
                     number, capacity, full);
        return FALSE;
      }
  return TRUE;
}

/* wg_store_assign_room ()'s work, in the caller's transaction (a central
 * quarantine recorded with its room makes the stay in the same one). */
gboolean
wg_store_assign_room_in_transaction (WgStore     *store,
                                     gint64       room_id,
                                     gint64       person_id,
                                     const char  *from_day,
                                     const char  *to_day,
                                     gint64      *stay_id,
                                     GError     **error)
{
  static const char room_sql[] =
    "SELECT r.site_id, r.number, r.capacity, s.name FROM site_room r JOIN quarantine_site s ON s.id = r.site_id"
    " WHERE r.id = ?";
  static const char person_sql[] =
    "SELECT p.name, p.id_number,"
    "  (SELECT q.id FROM quarantine q WHERE q.person_id = p.id AND q.kind = 2 AND q.site_id = ?2"
    "    AND q.start_day <= ?3 AND q.end_day >= ?4 ORDER BY q.start_day LIMIT 1),"
    "  (SELECT r.number || ' ' || st.from_day || '–' || st.to_day FROM room_stay st"
    "    JOIN site_room r ON r.id = st.room_id"
    "    WHERE st.person_id = p.id AND st.from_day <= ?4 AND st.to_day >= ?3 ORDER BY st.id LIMIT 1)"
    " FROM person p WHERE p.id = ?1";
  static const char insert_sql[] =
    "INSERT INTO room_stay (room_id, person_id, quarantine_id, from_day, to_day) VALUES (?, ?, ?, ?, ?)";
  static const char quarantine_sql[] = "UPDATE quarantine SET room = ?2 WHERE id = ?1";
  g_autofree char *number = NULL;
  g_autofree char *site = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id_number = NULL;
  g_autofree char *other = NULL;
  g_autofree char *detail = NULL;
  gint64 site_id = 0, quarantine_id = 0, new_id;
  guint capacity = 0;
  WgStmt *stmt;
  int rc;

  if (!wg_store_check_day (from_day, _("First day"), error) || !wg_store_check_day (to_day, _("Last day"), error))
    return FALSE;
  if (strcmp (to_day, from_day) < 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A stay's last day cannot be before its first."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, room_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, room_id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      site_id = wg_stmt_column_int64 (stmt, 0);
      number = g_strdup (wg_stmt_column_text (stmt, 1));
      capacity = wg_stmt_column_int (stmt, 2);
      site = g_strdup (wg_stmt_column_text (stmt, 3));
    }
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, room_id);

      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no room number %s."), id_text);
      return FALSE;
    }
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }

  if (!(stmt = wg_store_prepare (store, person_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_int64 (stmt, 2, site_id);
  wg_stmt_bind_text (stmt, 3, from_day);
  wg_stmt_bind_text (stmt, 4, to_day);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      name = g_strdup (wg_stmt_column_text (stmt, 0));
      id_number = g_strdup (wg_stmt_column_text (stmt, 1));
      quarantine_id = wg_stmt_column_int64 (stmt, 2);
      other = g_strdup (wg_stmt_column_text (stmt, 3));
    }
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no such person."));
      return FALSE;
    }
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (quarantine_id == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s is not in central quarantine at %s for all of %s to %s."), name, site, from_day, to_day);
      return FALSE;
    }
  if (other != NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                   _("%s has a room for some of these days already: %s."), name, other);
      return FALSE;
    }
  if (!check_capacity (store, room_id, number, capacity, from_day, to_day, error) ||
      !(stmt = wg_store_prepare (store, insert_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, room_id);
  wg_stmt_bind_int64 (stmt, 2, person_id);
  wg_stmt_bind_int64 (stmt, 3, quarantine_id);
  wg_stmt_bind_text (stmt, 4, from_day);
  wg_stmt_bind_text (stmt, 5, to_day);
  if (!wg_store_step_done (store, stmt, error))
    return FALSE;
  new_id = wg_store_last_insert_id (store);
  if (stay_id != NULL)
    *stay_id = new_id;
  detail = g_strdup_printf ("%s %s → %s %s %s–%s", name, id_number, site, number, from_day, to_day);
  if (!(stmt = wg_store_prepare (store, quarantine_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, quarantine_id);
  wg_stmt_bind_text (stmt, 2, number);
  return wg_store_step_done (store, stmt, error) &&
         wg_store_log (store, "assign", "room_stay", new_id, detail, error);
}

/**
 * wg_store_assign_room:
 * @store: a #WgStore
 * @room_id: the room
 * @person_id: a person in central quarantine at the room's site for all
 *   of @from_day to @to_day
 * @from_day: the stay's first day
 * @to_day: its last day
 * @stay_id: (out) (optional): the stay's id
 * @error: return location for a #GError
 *
 * Refuses (%WG_STORE_ERROR_CONSTRAINT) a stay that would put more people
 * in the room on a day than it holds, or the person in two rooms at once.
 *
 * Returns: %TRUE when the stay was recorded (audited)
 */
gboolean
wg_store_assign_room (WgStore     *store,
                      gint64       room_id,
                      gint64       person_id,
                      const char  *from_day,
                      const char  *to_day,
                      gint64      *stay_id,
                      GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_begin (store, error))
    return FALSE;
  if (!wg_store_assign_room_in_transaction (store, room_id, person_id, from_day, to_day, stay_id, error) ||
      !wg_store_commit (store, error))
    {
      wg_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* A check-in (@in TRUE) or check-out at @at, in order: in once, within
 * the stay's days; out once, after in. A check-out ends the stay that day. */
static gboolean
check_in_out (WgStore     *store,
              gint64       stay_id,
              const char  *at,
              gboolean     in,
              GError     **error)
{
  static const char find_sql[] =
    "SELECT p.name, st.from_day, st.to_day, st.checked_in_at, st.checked_out_at FROM room_stay st"
    " JOIN person p ON p.id = st.person_id WHERE st.id = ?";
  static const char in_sql[] =
    "UPDATE room_stay SET checked_in_at = ?2 WHERE id = ?1 AND checked_in_at IS NULL";
  static const char out_sql[] =
    "UPDATE room_stay SET checked_out_at = ?2,"
    "  to_day = CASE WHEN to_day > substr (?2, 1, 10) THEN substr (?2, 1, 10) ELSE to_day END"
    " WHERE id = ?1 AND checked_in_at IS NOT NULL AND checked_out_at IS NULL";
  g_autofree char *name = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *checked_in = NULL;
  g_autofree char *checked_out = NULL;
  g_autofree char *day = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *detail = NULL;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_time (at, in ? _("Check-in") : _("Check-out"), error) ||
      !(stmt = wg_store_prepare (store, find_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, stay_id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      name = g_strdup (wg_stmt_column_text (stmt, 0));
      from = g_strdup (wg_stmt_column_text (stmt, 1));
      to = g_strdup (wg_stmt_column_text (stmt, 2));
      checked_in = g_strdup (wg_stmt_column_text (stmt, 3));
      checked_out = g_strdup (wg_stmt_column_text (stmt, 4));
    }
  wg_stmt_reset (stmt);
  gone = g_strdup_printf ("%" G_GINT64_FORMAT, stay_id);
  gone = (g_free (gone), g_strdup_printf (_("There is no stay number %s."), gone));
  if (rc == WG_STMT_DONE)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, gone);
      return FALSE;
    }
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  day = g_strndup (at, 10);
  if (in && checked_in != NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("%s was checked in at %s already."), name,
                   checked_in);
      return FALSE;
    }
  if (in && (strcmp (day, from) < 0 || strcmp (day, to) > 0))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s's stay runs from %s to %s: check in on one of those days."), name, from, to);
      return FALSE;
    }
  if (!in && checked_in == NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s has not been checked in: check in before checking out."), name);
      return FALSE;
    }
  if (!in && checked_out != NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("%s was checked out at %s already."), name,
                   checked_out);
      return FALSE;
    }
  if (!in && strcmp (at, checked_in) < 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s was checked in at %s: a check-out cannot be before it."), name, checked_in);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, in ? in_sql : out_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, stay_id);
  wg_stmt_bind_text (stmt, 2, at);
  detail = g_strdup_printf ("%s %s", name, at);
  return wg_store_change_and_log (store, stmt, in ? "check-in" : "check-out", "room_stay", stay_id, detail,
                                  gone, error);
}

/**
 * wg_store_check_in:
 * @store: a #WgStore
 * @stay_id: a stay not checked in yet
 * @at: when, "YYYY-MM-DD HH:MM:SS", on one of the stay's days
 * @error: return location for a #GError
 *
 * From now the room's door sensor watches the person's quarantine.
 *
 * Returns: %TRUE on success (audited)
 */
gboolean
wg_store_check_in (WgStore     *store,
                   gint64       stay_id,
                   const char  *at,
                   GError     **error)
{
  return check_in_out (store, stay_id, at, TRUE, error);
}

/**
 * wg_store_check_out:
 * @store: a #WgStore
 * @stay_id: a stay checked in and not out
 * @at: when, not before the check-in
 * @error: return location for a #GError
 *
 * Ends the stay on @at's day if it was to run longer; the room's sensor
 * no longer watches the person from @at.
 *
 * Returns: %TRUE on success (audited)
 */
gboolean
wg_store_check_out (WgStore     *store,
                    gint64       stay_id,
                    const char  *at,
                    GError     **error)
{
  return check_in_out (store, stay_id, at, FALSE, error);
}

/**
 * wg_store_site_occupancy:
 * @store: a #WgStore
 * @site_id: the site
 * @from_day: the first day
 * @n_days: how many days, 1–366
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type guint): per day from @from_day,
 *   how many people have a stay at the site that day
 */
GArray *
wg_store_site_occupancy (WgStore     *store,
                         gint64       site_id,
                         const char  *from_day,
                         guint        n_days,
                         GError     **error)
{
  static const char sql[] =
    "SELECT st.from_day, st.to_day FROM room_stay st JOIN site_room r ON r.id = st.room_id"
    " WHERE r.site_id = ?1 AND st.from_day <= ?3 AND st.to_day >= ?2";
  g_autoptr(GArray) counts = NULL;
  g_autofree char *last = NULL;
  guint first;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (n_days >= 1 && n_days <= 366, NULL);

  if (!wg_store_check_day (from_day, _("First day"), error))
    return NULL;
  first = day_number (from_day);
  last = format_day (first + n_days - 1);
  counts = g_array_sized_new (FALSE, TRUE, sizeof (guint), n_days);
  g_array_set_size (counts, n_days);
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, site_id);
  wg_stmt_bind_text (stmt, 2, from_day);
  wg_stmt_bind_text (stmt, 3, last);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      guint a = MAX (first, day_number (wg_stmt_column_text (stmt, 0)));
      guint b = MIN (first + n_days - 1, day_number (wg_stmt_column_text (stmt, 1)));

      for (guint d = a; d <= b; d++)
        g_array_index (counts, guint, d - first)++;
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}
