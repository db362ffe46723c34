/* wg-stmt-sqlite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statement layer over SQLite: what the store's subject files (and the
 * wings that read whole documents or run the alert engine and imports)
 * prepare, bind, step and read, written once for every engine. Here it is
 * SQLite's; placeholders are "?" or "?N", as the SQL texts write them.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include "wg-store-sqlite.h"

struct _WgStmt
{
  sqlite3_stmt *lite;
};

G_STATIC_ASSERT (WG_STMT_ROW == SQLITE_ROW);
G_STATIC_ASSERT (WG_STMT_DONE == SQLITE_DONE);
G_STATIC_ASSERT (WG_STMT_CORRUPT == SQLITE_CORRUPT);

/* Statements are cached by the address of their (static) SQL text. */
WgStmt *
wg_store_prepare (WgStore     *self,
                  const char  *sql,
                  GError     **error)
{
  GHashTable *cache;
  sqlite3_stmt *lite;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  cache = wg_store_get_statements (self);
  stmt = g_hash_table_lookup (cache, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt->lite);
      sqlite3_clear_bindings (stmt->lite);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (wg_store_get_db (self), sql, -1, SQLITE_PREPARE_PERSISTENT, &lite, NULL);
  if (rc != SQLITE_OK)
    {
      wg_store_set_error (self, rc, error);
      return NULL;
    }

  stmt = g_new0 (WgStmt, 1);
  stmt->lite = lite;
  g_hash_table_insert (cache, (gpointer) sql, stmt);
  return stmt;
}

void
wg_stmt_free (WgStmt *stmt)
{
  sqlite3_finalize (stmt->lite);
  g_free (stmt);
}

void
wg_stmt_bind_text (WgStmt     *stmt,
                   int         index,
                   const char *text)
{
  sqlite3_bind_text (stmt->lite, index, text, -1, SQLITE_TRANSIENT);
}

/* @text must stay as it is until the statement is reset. */
void
wg_stmt_bind_text_static (WgStmt     *stmt,
                          int         index,
                          const char *text)
{
  sqlite3_bind_text (stmt->lite, index, text, -1, SQLITE_STATIC);
}

void
wg_stmt_bind_int (WgStmt *stmt,
                  int     index,
                  int     value)
{
  sqlite3_bind_int (stmt->lite, index, value);
}

void
wg_stmt_bind_int64 (WgStmt *stmt,
                    int     index,
                    gint64  value)
{
  sqlite3_bind_int64 (stmt->lite, index, value);
}

void
wg_stmt_bind_double (WgStmt *stmt,
                     int     index,
                     double  value)
{
  sqlite3_bind_double (stmt->lite, index, value);
}

void
wg_stmt_bind_null (WgStmt *stmt,
                   int     index)
{
  sqlite3_bind_null (stmt->lite, index);
}

/* @data must stay as it is until the statement is reset. */
void
wg_stmt_bind_blob (WgStmt     *stmt,
                   int         index,
                   const void *data,
                   gsize       size)
{
  sqlite3_bind_blob64 (stmt->lite, index, data, size, SQLITE_STATIC);
}

int
wg_stmt_bind_parameter_count (WgStmt *stmt)
{
  return sqlite3_bind_parameter_count (stmt->lite);
}

/* Returns: WG_STMT_ROW, WG_STMT_DONE, or an error code for
 *   wg_store_set_error() */
int
wg_stmt_step (WgStmt *stmt)
{
  return sqlite3_step (stmt->lite);
}

void
wg_stmt_reset (WgStmt *stmt)
{
  sqlite3_reset (stmt->lite);
}

void
wg_stmt_clear_bindings (WgStmt *stmt)
{
  sqlite3_clear_bindings (stmt->lite);
}

int
wg_stmt_column_count (WgStmt *stmt)
{
  return sqlite3_column_count (stmt->lite);
}

/* Returns: (nullable): the text, %NULL for NULL; valid until the next step */
const char *
wg_stmt_column_text (WgStmt *stmt,
                     int     column)
{
  return (const char *) sqlite3_column_text (stmt->lite, column);
}

int
wg_stmt_column_int (WgStmt *stmt,
                    int     column)
{
  return sqlite3_column_int (stmt->lite, column);
}

gint64
wg_stmt_column_int64 (WgStmt *stmt,
                      int     column)
{
  return sqlite3_column_int64 (stmt->lite, column);
}

double
wg_stmt_column_double (WgStmt *stmt,
                       int     column)
{
  return sqlite3_column_double (stmt->lite, column);
}

gboolean
wg_stmt_column_is_null (WgStmt *stmt,
                        int     column)
{
  return sqlite3_column_type (stmt->lite, column) == SQLITE_NULL;
}

WgColumnKind
wg_stmt_column_kind (WgStmt *stmt,
                     int     column)
{
  switch (sqlite3_column_type (stmt->lite, column))
    {
    case SQLITE_INTEGER:
      return WG_COLUMN_KIND_INTEGER;
    case SQLITE_FLOAT:
      return WG_COLUMN_KIND_REAL;
    case SQLITE_TEXT:
      return WG_COLUMN_KIND_TEXT;
    case SQLITE_BLOB:
      return WG_COLUMN_KIND_BLOB;
    case SQLITE_NULL:
    default:
      return WG_COLUMN_KIND_NULL;
    }
}

/* Returns: (nullable): the bytes of a blob (or text), valid until the next step */
const void *
wg_stmt_column_blob (WgStmt *stmt,
                     int     column)
{
  return sqlite3_column_blob (stmt->lite, column);
}

gsize
wg_stmt_column_bytes (WgStmt *stmt,
                      int     column)
{
  return sqlite3_column_bytes (stmt->lite, column);
}

/* The id the connection's last INSERT gave its row. */
gint64
wg_store_last_insert_id (WgStore *self)
{
  return sqlite3_last_insert_rowid (wg_store_get_db (self));
}

/* How many rows the connection's last statement changed. */
gint64
wg_store_changes (WgStore *self)
{
  return sqlite3_changes64 (wg_store_get_db (self));
}

/* How many rows the connection has changed since it opened. */
gint64
wg_store_total_changes (WgStore *self)
{
  return sqlite3_total_changes64 (wg_store_get_db (self));
}
