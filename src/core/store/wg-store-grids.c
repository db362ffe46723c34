/* wg-store-grids.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid tree's nodes as records: added, renamed, removed, named, and the
 * staff who answer for each grid. Each change is one transaction together
 * with its line in the audit log.
 */

#define G_LOG_DOMAIN "wg-store-grids"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wg-store-grids.h"
#include "wg-store-private.h"

gboolean
wg_store_add_grid (WgStore     *store,
                   const char  *parent_code,
                   const char  *code,
                   const char  *name,
                   gint64      *id,
                   GError     **error)
{
  static const char sql[] =
    "INSERT INTO grid (parent_id, level, code, name, position)"
    " VALUES (?1, coalesce ((SELECT level + 1 FROM grid WHERE id = ?1), 1), ?2, ?3,"
    "         (SELECT count(*) FROM grid WHERE parent_id IS NOT DISTINCT FROM ?1))";
  g_autofree char *detail = NULL;
  WgStmt *stmt;
  gint64 parent_id = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (code != NULL && name != NULL, FALSE);

  if (parent_code != NULL &&
      !wg_store_lookup_grid (store, parent_code, &parent_id, error))
    return FALSE;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  if (parent_id > 0)
    wg_stmt_bind_int64 (stmt, 1, parent_id);
  wg_stmt_bind_text (stmt, 2, code);
  wg_stmt_bind_text (stmt, 3, name);

  detail = g_strdup_printf ("%s %s", code, name);
  return wg_store_insert_and_log (store, stmt, "grid", detail, id, error);
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
  return wg_store_rename_grid_seen (store, code, NULL, name, error);
}

/**
 * wg_store_rename_grid_seen:
 * @store: a #WgStore
 * @code: the grid
 * @seen: (nullable): its name when the form was filled; %NULL to rename
 *   whatever it is called now
 * @name: the new name
 * @error: return location for a #GError
 *
 * Renames a grid, unless another desk renamed it since its name was @seen
 * (a grid's only edited field is its own version): then nothing changes and
 * @error (%WG_STORE_ERROR_CHANGED) says who did, when and from which desk.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_rename_grid_seen (WgStore     *store,
                           const char  *code,
                           const char  *seen,
                           const char  *name,
                           GError     **error)
{
  static const char sql[] = "UPDATE grid SET name = ?2 WHERE id = ?1 AND (?3 IS NULL OR name = ?3)";
  g_autofree char *clean = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) local = NULL;
  WgStmt *stmt;
  gint64 id;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_text (name, 64, _("Name"), error))
    return FALSE;
  if ((id = wg_store_find_id (store, "SELECT id FROM grid WHERE code = ?", code,
                              _("This grid is no longer in the database."), error)) == 0)
    return FALSE;
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  wg_stmt_bind_int64 (stmt, 1, id);
  wg_stmt_bind_text (stmt, 2, clean);
  if (seen != NULL)
    wg_stmt_bind_text (stmt, 3, seen);
  detail = g_strdup_printf ("%s → %s", code, clean);
  if (wg_store_change_and_log (store, stmt, "rename", "grid", id, detail, "", &local))
    return TRUE;
  if (g_error_matches (local, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND))
    wg_store_explain_missed_save (store, "grid", id, _("This grid is no longer in the database."), error);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
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
  WgStmt *stmt;
  int rc, children = 0, households = 0, level = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(stmt = wg_store_prepare (store, check_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, code);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      children = wg_stmt_column_int (stmt, 0);
      households = wg_stmt_column_int (stmt, 1);
      level = wg_stmt_column_int (stmt, 2);
    }
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
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
  wg_stmt_bind_text (stmt, 1, code);
  return wg_store_change_and_log (store, stmt, "delete", "grid", 0, code,
                         _("This grid is no longer in the database."), error);
}

/**
 * wg_store_dup_grid_name:
 * @store: a #WgStore
 * @code: a grid code
 * @level: (out) (optional): the grid's level
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the grid's name, or %NULL with a NOT_FOUND error
 *   that names the code
 */
char *
wg_store_dup_grid_name (WgStore     *store,
                        const char  *code,
                        guint       *level,
                        GError     **error)
{
  static const char sql[] = "SELECT name, level FROM grid WHERE code = ?";
  WgStmt *stmt;
  char *name = NULL;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, code);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      name = g_strdup (wg_stmt_column_text (stmt, 0));
      if (level != NULL)
        *level = wg_stmt_column_int (stmt, 1);
    }
  wg_stmt_reset (stmt);

  if (rc == WG_STMT_DONE)
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                 _("There is no grid with the code “%s”."), code);
  else if (rc != WG_STMT_ROW)
    wg_store_set_error (store, rc, error);
  return name;
}

void
wg_staff_entry_free (WgStaffEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->phone);
  g_free (entry);
}

/**
 * wg_staff_role_describe:
 * @role: a #WgStaffRole
 *
 * Returns: the role's name, translated
 */
const char *
wg_staff_role_describe (int role)
{
  switch (role)
    {
    case WG_STAFF_ROLE_GRID_LEADER:
      return _("Grid leader");
    case WG_STAFF_ROLE_GRID_WORKER:
      return _("Grid worker");
    case WG_STAFF_ROLE_EPIDEMIC_COMMISSIONER:
      return _("Epidemic commissioner");
    case WG_STAFF_ROLE_CENTRAL_HOUSEHOLD:
      return _("Party-member central household");
    case WG_STAFF_ROLE_ASSIGNED_CADRE:
      return _("Assigned cadre");
    default:
      return "";
    }
}

/* Staff rows (role, name, phone, id) of @sql, which takes one id. */
static GPtrArray *
list_staff (WgStore     *store,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(GPtrArray) staff = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_staff_entry_free);
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgStaffEntry *entry = g_new0 (WgStaffEntry, 1);

      entry->role = wg_stmt_column_int (stmt, 0);
      entry->name = g_strdup (wg_stmt_column_text (stmt, 1));
      entry->phone = g_strdup (wg_stmt_column_text (stmt, 2));
      entry->id = wg_stmt_column_int64 (stmt, 3);
      g_ptr_array_add (staff, entry);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&staff);
}

/**
 * wg_store_list_grid_staff:
 * @store: a #WgStore
 * @grid_id: a grid
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgStaffEntry): the staff assigned to
 *   the grid itself, by role
 */
GPtrArray *
wg_store_list_grid_staff (WgStore     *store,
                          gint64       grid_id,
                          GError     **error)
{
  static const char sql[] =
    "SELECT gs.role, s.name, s.phone, s.id FROM grid_staff gs JOIN staff s ON s.id = gs.staff_id"
    " WHERE gs.grid_id = ? ORDER BY gs.role, s.id";

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return list_staff (store, sql, grid_id, error);
}

/**
 * wg_store_list_household_staff:
 * @store: a #WgStore
 * @household_id: a household
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgStaffEntry): who is responsible
 *   for the household: the staff of its micro-grid, group and village, the
 *   nearest first
 */
GPtrArray *
wg_store_list_household_staff (WgStore     *store,
                               gint64       household_id,
                               GError     **error)
{
  static const char sql[] =
    "SELECT gs.role, s.name, s.phone, s.id FROM household h JOIN grid m ON m.id = h.grid_id"
    " JOIN grid g ON m.code >= g.code AND substr (m.code, 1, length (g.code)) = g.code"
    " JOIN grid_staff gs ON gs.grid_id = g.id JOIN staff s ON s.id = gs.staff_id"
    " WHERE h.id = ? AND g.level >= 3 ORDER BY g.level DESC, gs.role, s.id";

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return list_staff (store, sql, household_id, error);
}
