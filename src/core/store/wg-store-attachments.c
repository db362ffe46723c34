/* wg-store-attachments.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scanned pages and photographs kept in a person's file.
 */

#define G_LOG_DOMAIN "wg-store-attachments"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wg-store-attachments.h"
#include "wg-store-private.h"

G_DEFINE_QUARK (wg-attachment-error-quark, wg_attachment_error)

/**
 * wg_store_add_attachment:
 * @store: a #WgStore
 * @person_id: whose file
 * @title: what it is, as the dossier shows it (often the file's name)
 * @data: the file's contents
 * @mime_type: what it is, as wg_attachment_check() found
 * @n_pages: how many pages it prints on
 * @id: (out) (optional): the new attachment
 * @error: return location for a #GError
 *
 * Stores a file already checked (wg_attachment_add() checks and stores)
 * with its SHA-256, in one transaction with its audit-log entry. The same
 * file twice in one person's file is refused.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_attachment (WgStore     *store,
                         gint64       person_id,
                         const char  *title,
                         GBytes      *data,
                         const char  *mime_type,
                         guint        n_pages,
                         gint64      *id,
                         GError     **error)
{
  static const char find_sql[] = "SELECT title FROM attachment WHERE person_id = ? AND sha256 = ?";
  static const char sql[] =
    "INSERT INTO attachment (person_id, title, mime_type, sha256, data, added_at)"
    " VALUES (?, ?, ?, ?, ?, datetime ('now', 'localtime'))";
  g_autofree char *sha256 = NULL;
  g_autofree char *clean_title = NULL;
  g_autofree char *detail = NULL;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (mime_type != NULL, FALSE);

  clean_title = g_utf8_make_valid (title, -1);
  g_strstrip (clean_title);
  if (*clean_title == '\0' || g_utf8_strlen (clean_title, -1) > 128)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("An attachment needs a title of 1 to 128 characters."));
      return FALSE;
    }

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (!(stmt = wg_store_prepare (store, find_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text_static (stmt, 2, sha256);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      g_set_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_DUPLICATE,
                   _("This file is already attached, as “%s”."), wg_stmt_column_text (stmt, 0));
      wg_stmt_reset (stmt);
      return FALSE;
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text_static (stmt, 2, clean_title);
  wg_stmt_bind_text_static (stmt, 3, mime_type);
  wg_stmt_bind_text_static (stmt, 4, sha256);
  wg_stmt_bind_blob (stmt, 5, g_bytes_get_data (data, NULL), g_bytes_get_size (data));

  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": %s (%s, %u pages, sha256 %s)", person_id,
                            clean_title, mime_type, n_pages, sha256);
  return wg_store_insert_and_log (store, stmt, "attachment", detail, id, error);
}

/**
 * wg_store_dup_attachment:
 *
 * Returns: (transfer full): the attachment's file, or %NULL with @error set
 */
GBytes *
wg_store_dup_attachment (WgStore  *store,
                         gint64    id,
                         GError  **error)
{
  static const char sql[] = "SELECT data FROM attachment WHERE id = ?";
  WgStmt *stmt;
  GBytes *bytes = NULL;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    bytes = g_bytes_new (wg_stmt_column_blob (stmt, 0), wg_stmt_column_bytes (stmt, 0));
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                         _("The attachment is no longer in the database."));
  else if (rc != WG_STMT_ROW)
    wg_store_set_error (store, rc, error);
  return bytes;
}
