/* wg-stmt-sqlite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statement layer over SQLite: "?" and "?N" are SQLite's own
 * placeholders, and its statements step through their rows themselves.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include "wg-stmt-private.h"
#include "wg-store-sqlite.h"

typedef struct
{
  WgStmt parent;
  sqlite3_stmt *lite;
} LiteStmt;

G_STATIC_ASSERT (WG_STMT_ROW == SQLITE_ROW);
G_STATIC_ASSERT (WG_STMT_DONE == SQLITE_DONE);
G_STATIC_ASSERT (WG_STMT_CORRUPT == SQLITE_CORRUPT);

#define LITE(stmt) (((LiteStmt *) (stmt))->lite)

static void
lite_free (WgStmt *stmt)
{
  sqlite3_finalize (LITE (stmt));
  g_free (stmt);
}

static void
lite_bind_text (WgStmt     *stmt,
                int         index,
                const char *text,
                gboolean    copy)
{
  sqlite3_bind_text (LITE (stmt), index, text, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void
lite_bind_int64 (WgStmt *stmt,
                 int     index,
                 gint64  value)
{
  sqlite3_bind_int64 (LITE (stmt), index, value);
}

static void
lite_bind_double (WgStmt *stmt,
                  int     index,
                  double  value)
{
  sqlite3_bind_double (LITE (stmt), index, value);
}

static void
lite_bind_null (WgStmt *stmt,
                int     index)
{
  sqlite3_bind_null (LITE (stmt), index);
}

static void
lite_bind_blob (WgStmt     *stmt,
                int         index,
                const void *data,
                gsize       size)
{
  sqlite3_bind_blob64 (LITE (stmt), index, data, size, SQLITE_STATIC);
}

static int
lite_parameter_count (WgStmt *stmt)
{
  return sqlite3_bind_parameter_count (LITE (stmt));
}

static int
lite_step (WgStmt *stmt)
{
  return sqlite3_step (LITE (stmt));
}

static void
lite_reset (WgStmt *stmt)
{
  sqlite3_reset (LITE (stmt));
}

static void
lite_clear_bindings (WgStmt *stmt)
{
  sqlite3_clear_bindings (LITE (stmt));
}

static int
lite_column_count (WgStmt *stmt)
{
  return sqlite3_column_count (LITE (stmt));
}

static const char *
lite_column_text (WgStmt *stmt,
                  int     column)
{
  return (const char *) sqlite3_column_text (LITE (stmt), column);
}

static gint64
lite_column_int64 (WgStmt *stmt,
                   int     column)
{
  return sqlite3_column_int64 (LITE (stmt), column);
}

static double
lite_column_double (WgStmt *stmt,
                    int     column)
{
  return sqlite3_column_double (LITE (stmt), column);
}

static WgColumnKind
lite_column_kind (WgStmt *stmt,
                  int     column)
{
  switch (sqlite3_column_type (LITE (stmt), column))
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

static const void *
lite_column_blob (WgStmt *stmt,
                  int     column)
{
  return sqlite3_column_blob (LITE (stmt), column);
}

static gsize
lite_column_bytes (WgStmt *stmt,
                   int     column)
{
  return sqlite3_column_bytes (LITE (stmt), column);
}

static const WgStmtOps lite_ops = {
  .free = lite_free,
  .bind_text = lite_bind_text,
  .bind_int64 = lite_bind_int64,
  .bind_double = lite_bind_double,
  .bind_null = lite_bind_null,
  .bind_blob = lite_bind_blob,
  .parameter_count = lite_parameter_count,
  .step = lite_step,
  .reset = lite_reset,
  .clear_bindings = lite_clear_bindings,
  .column_count = lite_column_count,
  .column_text = lite_column_text,
  .column_int64 = lite_column_int64,
  .column_double = lite_column_double,
  .column_kind = lite_column_kind,
  .column_blob = lite_column_blob,
  .column_bytes = lite_column_bytes,
};

WgStmt *
wg_stmt_sqlite_prepare (WgStore     *store,
                        sqlite3     *db,
                        const char  *sql,
                        GError     **error)
{
  sqlite3_stmt *lite;
  LiteStmt *stmt;
  int rc;

  rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &lite, NULL);
  if (rc != SQLITE_OK)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  stmt = g_new0 (LiteStmt, 1);
  stmt->parent.ops = &lite_ops;
  stmt->lite = lite;
  return &stmt->parent;
}
