/* wg-store-households.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Households: added to a micro-grid, readdressed, moved, removed; the
 * staff who answer for one and the door sensor on its door.
 */

#define G_LOG_DOMAIN "wg-store-households"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wg-store-households.h"
#include "wg-store-private.h"

gboolean
wg_store_add_household (WgStore     *store,
                        const char  *grid_code,
                        const char  *code,
                        const char  *address,
                        gint64      *id,
                        GError     **error)
{
  static const char sql[] = "INSERT INTO household (grid_id, code, address) VALUES (?, ?, ?)";
  g_autofree char *detail = NULL;
  WgStmt *stmt;
  gint64 grid_id = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (grid_code != NULL && code != NULL && address != NULL, FALSE);

  if (!wg_store_lookup_grid (store, grid_code, &grid_id, error))
    return FALSE;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, grid_id);
  wg_stmt_bind_text (stmt, 2, code);
  wg_stmt_bind_text (stmt, 3, address);

  detail = g_strdup_printf ("%s %s", code, address);
  return wg_store_insert_and_log (store, stmt, "household", detail, id, error);
}

/**
 * wg_store_dup_household_sensor:
 * @store: a #WgStore
 * @household_id: a household
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the bound door sensor, described in a
 *   line (device, battery, online state, last seen), or %NULL when there is
 *   none (@error is then not set)
 */
char *
wg_store_dup_household_sensor (WgStore     *store,
                               gint64       household_id,
                               GError     **error)
{
  static const char sql[] =
    "SELECT device, battery, online, last_seen FROM sensor WHERE household_id = ?";
  GString *line = NULL;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      line = g_string_new (wg_stmt_column_text (stmt, 0));
      if (!wg_stmt_column_is_null (stmt, 1))
        g_string_append_printf (line, _(" · battery %d%%"), wg_stmt_column_int (stmt, 1));
      if (!wg_stmt_column_is_null (stmt, 2))
        g_string_append_printf (line, " · %s", wg_stmt_column_int (stmt, 2) ? _("online") : _("offline"));
      if (!wg_stmt_column_is_null (stmt, 3))
        g_string_append_printf (line, _(" · last seen %s"), wg_stmt_column_text (stmt, 3));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return line != NULL ? g_string_free (line, FALSE) : NULL;
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
  return wg_store_update_household_seen (store, household_id, 0, address, error);
}

/**
 * wg_store_get_household_version:
 * @store: a #WgStore
 * @household_id: a household
 *
 * Returns: its row version now (to give wg_store_update_household_seen()),
 *   or 0 when it is not there
 */
gint64
wg_store_get_household_version (WgStore *store,
                                gint64   household_id)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), 0);

  text = wg_store_query_text (store, "SELECT version FROM household WHERE id = ?", household_id);
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/**
 * wg_store_update_household_seen:
 * @store: a #WgStore
 * @household_id: the household
 * @version: its version when the form was filled
 *   (wg_store_get_household_version()); 0 to save whatever it is now
 * @address: the address
 * @error: return location for a #GError
 *
 * Saves a household's address, unless another desk saved the household
 * since @version was read: then nothing changes and @error
 * (%WG_STORE_ERROR_CHANGED) says who did, when and from which desk.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_update_household_seen (WgStore     *store,
                                gint64       household_id,
                                gint64       version,
                                const char  *address,
                                GError     **error)
{
  static const char sql[] =
    "UPDATE household SET address = ?2, version = version + 1 WHERE id = ?1 AND (?3 = 0 OR version = ?3)";
  g_autofree char *clean = NULL;
  g_autoptr(GError) local = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_text (address, 128, _("Address"), error) || !(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  clean = g_strstrip (g_strdup (address));
  wg_stmt_bind_int64 (stmt, 1, household_id);
  wg_stmt_bind_text (stmt, 2, clean);
  wg_stmt_bind_int64 (stmt, 3, version);
  if (wg_store_change_and_log (store, stmt, "update", "household", household_id, clean, "", &local))
    return TRUE;
  if (g_error_matches (local, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND))
    wg_store_explain_missed_save (store, "household", household_id,
                                  _("This household is no longer in the database."), error);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
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
  WgStmt *stmt;
  gint64 grid_id = 0;
  int rc, level = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(stmt = wg_store_prepare (store, find_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, micro_grid_code);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      grid_id = wg_stmt_column_int64 (stmt, 0);
      level = wg_stmt_column_int (stmt, 1);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW || level != 5)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no micro-grid with the code “%s”: households belong to micro-grids (16 digits)."),
                   micro_grid_code);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  wg_stmt_bind_int64 (stmt, 2, grid_id);
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
  WgStmt *stmt;
  int members = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(stmt = wg_store_prepare (store, count_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    members = wg_stmt_column_int (stmt, 0);
  wg_stmt_reset (stmt);
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
  wg_stmt_bind_int64 (stmt, 1, household_id);
  return wg_store_change_and_log (store, stmt, "delete", "household", household_id, NULL,
                         _("This household is no longer in the database."), error);
}

/**
 * wg_store_dup_household_address:
 * @self: a #WgStore
 * @household_id: a household
 *
 * Returns: (transfer full) (nullable): its address
 */
char *
wg_store_dup_household_address (WgStore *self,
                                gint64   household_id)
{
  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  return wg_store_query_text (self, "SELECT address FROM household WHERE id = ?", household_id);
}
