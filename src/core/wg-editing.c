/* wg-editing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changing the registry: a person's details, the rest of a person's file
 * (nucleic-acid tests, vaccination doses, health codes, itinerary, central
 * quarantine), grids and households renamed, moved and removed. Every
 * change is one transaction with its audit-log entry; what the schema
 * refuses comes back as an error a user can act on, and nothing changes.
 */

#define G_LOG_DOMAIN "wg-editing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wg-editing.h"
#include "wg-idnum.h"
#include "wg-store-private.h"

static gboolean
check_text (const char  *text,
            guint        max,
            const char  *what,
            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0' || g_utf8_strlen (trimmed, -1) > max)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s: write 1 to %u characters."), what, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_day (const char  *day,
           const char  *what,
           GError     **error)
{
  if (!wg_day_is_valid (day))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s: write a day as YYYY-MM-DD."), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_time (const char  *at,
            const char  *what,
            GError     **error)
{
  int h, mi, sec, end = 0;
  g_autofree char *day = at != NULL ? g_strndup (at, 10) : NULL;

  if (at == NULL || strlen (at) != 19 || !wg_day_is_valid (day) ||
      sscanf (at + 10, " %2d:%2d:%2d%n", &h, &mi, &sec, &end) != 3 || at[10 + end] != '\0' ||
      h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s: write a time as YYYY-MM-DD HH:MM."), what);
      return FALSE;
    }
  return TRUE;
}

/**
 * wg_store_update_person:
 * @store: a #WgStore
 * @person_id: whom
 * @name: the name
 * @phone: (nullable): a mobile or landline number; %NULL or "" for none
 * @relation: (nullable): to the head of household
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_update_person (WgStore     *store,
                        gint64       person_id,
                        const char  *name,
                        const char  *phone,
                        const char  *relation,
                        GError     **error)
{
  static const char sql[] = "UPDATE person SET name = ?2, phone = ?3, relation = ?4 WHERE id = ?1";
  g_autofree char *clean_name = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!check_text (name, 32, _("Name"), error))
    return FALSE;
  if (phone != NULL && *phone != '\0' && !wg_phone_validate (phone, error))
    return FALSE;
  clean_name = g_strstrip (g_strdup (name));
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, clean_name, -1, SQLITE_TRANSIENT);
  if (phone != NULL && *phone != '\0')
    sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_TRANSIENT);
  if (relation != NULL && *relation != '\0')
    sqlite3_bind_text (stmt, 4, relation, -1, SQLITE_TRANSIENT);
  detail = g_strdup_printf ("%s, %s, %s", clean_name, phone != NULL ? phone : "",
                            relation != NULL ? relation : "");
  return wg_store_change_and_log (store, stmt, "update", "person", person_id, detail,
                         _("This person is no longer in the database."), error);
}

/**
 * wg_store_add_nat_test:
 * @store: a #WgStore
 * @person_id: whose
 * @sampled_at: when, YYYY-MM-DD HH:MM:SS
 * @institution: the laboratory
 * @pooled: a pooled tube (混管)
 * @result: a #WgNatResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_nat_test (WgStore     *store,
                       gint64       person_id,
                       const char  *sampled_at,
                       const char  *institution,
                       gboolean     pooled,
                       WgNatResult  result,
                       GError     **error)
{
  static const char sql[] =
    "INSERT INTO nat_test (person_id, sampled_at, institution, tube, result) VALUES (?, ?, ?, ?, ?)";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!check_time (sampled_at, _("Sampled"), error) ||
      !check_text (institution, 64, _("Institution"), error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, sampled_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, institution, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, pooled ? 2 : 1);
  sqlite3_bind_int (stmt, 5, result);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": %s %s %d", person_id, sampled_at, institution,
                            result);
  return wg_store_insert_and_log (store, stmt, "nat_test", detail, NULL, error);
}

/**
 * wg_store_add_vaccination:
 * @store: a #WgStore
 * @person_id: whose
 * @dose: which dose, from 1
 * @given_on: the day
 * @product: the vaccine
 * @batch: (nullable): its batch
 * @site: (nullable): where
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; a CONSTRAINT error for a dose recorded already
 */
gboolean
wg_store_add_vaccination (WgStore     *store,
                          gint64       person_id,
                          int          dose,
                          const char  *given_on,
                          const char  *product,
                          const char  *batch,
                          const char  *site,
                          GError     **error)
{
  static const char sql[] =
    "INSERT INTO vaccination (person_id, dose, given_on, product, batch, site) VALUES (?, ?, ?, ?, ?, ?)";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (dose < 1 || dose > 6)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("A dose is numbered 1 to 6."));
      return FALSE;
    }
  if (!check_day (given_on, _("Date"), error) || !check_text (product, 64, _("Vaccine"), error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int (stmt, 2, dose);
  sqlite3_bind_text (stmt, 3, given_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, product, -1, SQLITE_TRANSIENT);
  if (batch != NULL && *batch != '\0')
    sqlite3_bind_text (stmt, 5, batch, -1, SQLITE_TRANSIENT);
  if (site != NULL && *site != '\0')
    sqlite3_bind_text (stmt, 6, site, -1, SQLITE_TRANSIENT);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": dose %d %s %s", person_id, dose, given_on, product);
  return wg_store_insert_and_log (store, stmt, "vaccination", detail, NULL, error);
}

/**
 * wg_store_add_health_code:
 *
 * Records the colour of a person's health code on a day (one per day).
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_health_code (WgStore       *store,
                          gint64         person_id,
                          const char    *day,
                          WgHealthCode   colour,
                          GError       **error)
{
  static const char sql[] = "INSERT INTO health_code (person_id, day, colour) VALUES (?, ?, ?)";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!check_day (day, _("Day"), error))
    return FALSE;
  if (colour < WG_HEALTH_CODE_GREEN || colour > WG_HEALTH_CODE_RED)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A health code is green, yellow or red."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, colour);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": %s %d", person_id, day, colour);
  return wg_store_insert_and_log (store, stmt, "health_code", detail, NULL, error);
}

/**
 * wg_store_add_itinerary:
 * @store: a #WgStore
 * @person_id: whose
 * @place: where
 * @arrived_on: from
 * @left_on: (nullable): until; %NULL while still there
 * @risk: 0 low, 1 medium, 2 high
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_itinerary (WgStore     *store,
                        gint64       person_id,
                        const char  *place,
                        const char  *arrived_on,
                        const char  *left_on,
                        int          risk,
                        GError     **error)
{
  static const char sql[] =
    "INSERT INTO itinerary (person_id, place, arrived_on, left_on, risk) VALUES (?, ?, ?, ?, ?)";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!check_text (place, 128, _("Place"), error) || !check_day (arrived_on, _("Arrived"), error) ||
      (left_on != NULL && *left_on != '\0' && !check_day (left_on, _("Left"), error)))
    return FALSE;
  if (left_on != NULL && *left_on != '\0' && strcmp (left_on, arrived_on) < 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("One leaves a place after arriving."));
      return FALSE;
    }
  if (risk < 0 || risk > 2)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A place's risk is low, medium or high."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, place, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, arrived_on, -1, SQLITE_TRANSIENT);
  if (left_on != NULL && *left_on != '\0')
    sqlite3_bind_text (stmt, 4, left_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, risk);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": %s %s", person_id, place, arrived_on);
  return wg_store_insert_and_log (store, stmt, "itinerary", detail, NULL, error);
}

/**
 * wg_store_list_quarantine_sites:
 * @store: a #WgStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the central quarantine sites' names, by name
 */
GStrv
wg_store_list_quarantine_sites (WgStore  *store,
                                GError  **error)
{
  static const char sql[] = "SELECT name FROM quarantine_site ORDER BY name";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  return wg_store_collect_strings (store, stmt, error);
}

/**
 * wg_store_add_central_quarantine:
 * @store: a #WgStore
 * @person_id: who
 * @site: the site's name
 * @room: (nullable): the room
 * @start_day: the first day
 * @end_day: the last day, not before @start_day
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_central_quarantine (WgStore     *store,
                                 gint64       person_id,
                                 const char  *site,
                                 const char  *room,
                                 const char  *start_day,
                                 const char  *end_day,
                                 GError     **error)
{
  static const char sql[] =
    "INSERT INTO quarantine (person_id, kind, site_id, room, start_day, end_day)"
    " SELECT ?1, 2, id, ?3, ?4, ?5 FROM quarantine_site WHERE name = ?2";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!check_day (start_day, _("First day"), error) || !check_day (end_day, _("Last day"), error))
    return FALSE;
  if (strcmp (end_day, start_day) < 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("The quarantine cannot end before it starts."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, site, -1, SQLITE_TRANSIENT);
  if (room != NULL && *room != '\0')
    sqlite3_bind_text (stmt, 3, room, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, start_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, end_day, -1, SQLITE_TRANSIENT);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": central %s %s – %s", person_id, site,
                            start_day, end_day);
  if (!wg_store_begin (store, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (sqlite3_changes (wg_store_get_db (store)) == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no central quarantine site “%s”."), site);
      goto failed;
    }
  if (!wg_store_log (store, "insert", "quarantine", sqlite3_last_insert_rowid (wg_store_get_db (store)),
                     detail, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_rename_grid:
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_rename_grid (WgStore     *store,
                      const char  *code,
                      const char  *name,
                      GError     **error)
{
  static const char sql[] = "UPDATE grid SET name = ?2 WHERE code = ?1";
  g_autofree char *clean = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!check_text (name, 64, _("Name"), error) || !(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  detail = g_strdup_printf ("%s → %s", code, clean);
  return wg_store_change_and_log (store, stmt, "rename", "grid", 0, detail,
                         _("This grid is no longer in the database."), error);
}

/**
 * wg_store_delete_grid:
 *
 * Removes a grid with nothing below it: no grids, no households.
 *
 * Returns: %TRUE on success; NOT_EMPTY when something is below it
 */
gboolean
wg_store_delete_grid (WgStore     *store,
                      const char  *code,
                      GError     **error)
{
  static const char check_sql[] =
    "SELECT (SELECT count (*) FROM grid c WHERE c.parent_id = g.id),"
    "       (SELECT count (*) FROM household h WHERE h.grid_id = g.id), g.level"
    " FROM grid g WHERE g.code = ?";
  static const char sql[] =
    "DELETE FROM grid WHERE code = ?1 AND level > 1"
    "  AND NOT EXISTS (SELECT 1 FROM grid c WHERE c.parent_id = grid.id)"
    "  AND NOT EXISTS (SELECT 1 FROM household h WHERE h.grid_id = grid.id)";
  sqlite3_stmt *stmt;
  int rc, children = 0, households = 0, level = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(stmt = wg_store_prepare (store, check_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      children = sqlite3_column_int (stmt, 0);
      households = sqlite3_column_int (stmt, 1);
      level = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no grid with the code “%s”."), code);
      return FALSE;
    }
  if (level == 1)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("The county cannot be removed."));
      return FALSE;
    }
  if (children > 0 || households > 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_EMPTY,
                   _("Only an empty grid can be removed: move or remove its %d grids and %d households first."),
                   children, households);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return wg_store_change_and_log (store, stmt, "delete", "grid", 0, code,
                         _("This grid is no longer in the database."), error);
}

/**
 * wg_store_update_household:
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_update_household (WgStore     *store,
                           gint64       household_id,
                           const char  *address,
                           GError     **error)
{
  static const char sql[] = "UPDATE household SET address = ?2 WHERE id = ?1";
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!check_text (address, 128, _("Address"), error) || !(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  clean = g_strstrip (g_strdup (address));
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  return wg_store_change_and_log (store, stmt, "update", "household", household_id, clean,
                         _("This household is no longer in the database."), error);
}

/**
 * wg_store_move_household:
 * @store: a #WgStore
 * @household_id: the household
 * @micro_grid_code: the micro-grid it belongs to from now on
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_move_household (WgStore     *store,
                         gint64       household_id,
                         const char  *micro_grid_code,
                         GError     **error)
{
  static const char find_sql[] = "SELECT id, level FROM grid WHERE code = ?";
  static const char sql[] = "UPDATE household SET grid_id = ?2 WHERE id = ?1";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 grid_id = 0;
  int rc, level = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(stmt = wg_store_prepare (store, find_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, micro_grid_code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      grid_id = sqlite3_column_int64 (stmt, 0);
      level = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW || level != 5)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no micro-grid with the code “%s”: households belong to micro-grids (16 digits)."),
                   micro_grid_code);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_int64 (stmt, 2, grid_id);
  detail = g_strdup_printf ("→ %s", micro_grid_code);
  return wg_store_change_and_log (store, stmt, "move", "household", household_id, detail,
                         _("This household is no longer in the database."), error);
}

/**
 * wg_store_delete_household:
 *
 * Removes a household with no members left (move or remove them first). Its
 * door sensor, if any, is unbound and kept.
 *
 * Returns: %TRUE on success; NOT_EMPTY while it has members
 */
gboolean
wg_store_delete_household (WgStore  *store,
                           gint64    household_id,
                           GError  **error)
{
  static const char count_sql[] = "SELECT count (*) FROM person WHERE household_id = ?";
  static const char sql[] = "DELETE FROM household WHERE id = ?";
  sqlite3_stmt *stmt;
  int members = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(stmt = wg_store_prepare (store, count_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    members = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (members > 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The household still has %d member: move or remove them first.",
                                "The household still has %d members: move or remove them first.", members),
                   members);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  return wg_store_change_and_log (store, stmt, "delete", "household", household_id, NULL,
                         _("This household is no longer in the database."), error);
}
