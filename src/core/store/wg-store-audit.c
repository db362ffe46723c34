/* wg-store-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit log read back, and the lines written for what left the
 * building (printed or exported).
 */

#define G_LOG_DOMAIN "wg-store-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wg-store-audit.h"
#include "wg-store-private.h"

void
wg_audit_entry_free (WgAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->operator_name);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->detail);
  g_free (entry);
}

/**
 * wg_store_list_audit:
 * @store: a #WgStore
 * @entity: (nullable): only changes to this kind of record ("person", …)
 * @entity_id: with @entity, only changes to this record; 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgAuditEntry): the audit log,
 *   newest first
 */
GPtrArray *
wg_store_list_audit (WgStore     *store,
                     const char  *entity,
                     gint64       entity_id,
                     GError     **error)
{
  static const char sql[] =
    "SELECT id, at, operator, action, entity, entity_id, detail FROM audit_log"
    " WHERE (?1 IS NULL OR entity = ?1) AND (?2 = 0 OR entity_id = ?2)"
    " ORDER BY id DESC";
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_audit_entry_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  if (entity != NULL)
    wg_stmt_bind_text (stmt, 1, entity);
  wg_stmt_bind_int64 (stmt, 2, entity_id);

  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgAuditEntry *entry = g_new0 (WgAuditEntry, 1);

      entry->id = wg_stmt_column_int64 (stmt, 0);
      entry->at = g_strdup (wg_stmt_column_text (stmt, 1));
      entry->operator_name = g_strdup (wg_stmt_column_text (stmt, 2));
      entry->action = g_strdup (wg_stmt_column_text (stmt, 3));
      entry->entity = g_strdup (wg_stmt_column_text (stmt, 4));
      entry->entity_id = wg_stmt_column_int64 (stmt, 5);
      entry->detail = g_strdup (wg_stmt_column_text (stmt, 6));
      g_ptr_array_add (entries, entry);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * wg_store_log_export:
 * @self: a #WgStore
 * @what: what was printed or exported ("labels", "posters", "dossier")
 * @detail: title, destination and number of pages
 * @error: return location for a #GError
 *
 * Writes a print or export job to the audit log.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_log_export (WgStore     *self,
                     const char  *what,
                     const char  *detail,
                     GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (self), FALSE);

  return wg_store_log (self, "export", what, 0, detail, error);
}
