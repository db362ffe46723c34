/* wg-stmt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statement layer every subject file writes to: one SQL text, with "?"
 * or "?N" placeholders, for every engine. Each call goes to the engine the
 * statement was prepared on (wg-stmt-sqlite.c, wg-stmt-pg.c).
 */

#include "config.h"

#include "wg-stmt-private.h"

void
wg_stmt_free (WgStmt *stmt)
{
  stmt->ops->free (stmt);
}

/* The text is copied. */
void
wg_stmt_bind_text (WgStmt     *stmt,
                   int         index,
                   const char *text)
{
  stmt->ops->bind_text (stmt, index, text, TRUE);
}

/* @text must stay as it is until the statement is reset. */
void
wg_stmt_bind_text_static (WgStmt     *stmt,
                          int         index,
                          const char *text)
{
  stmt->ops->bind_text (stmt, index, text, FALSE);
}

void
wg_stmt_bind_int (WgStmt *stmt,
                  int     index,
                  int     value)
{
  stmt->ops->bind_int64 (stmt, index, value);
}

void
wg_stmt_bind_int64 (WgStmt *stmt,
                    int     index,
                    gint64  value)
{
  stmt->ops->bind_int64 (stmt, index, value);
}

void
wg_stmt_bind_double (WgStmt *stmt,
                     int     index,
                     double  value)
{
  stmt->ops->bind_double (stmt, index, value);
}

void
wg_stmt_bind_null (WgStmt *stmt,
                   int     index)
{
  stmt->ops->bind_null (stmt, index);
}

/* @data must stay as it is until the statement is reset. */
void
wg_stmt_bind_blob (WgStmt     *stmt,
                   int         index,
                   const void *data,
                   gsize       size)
{
  stmt->ops->bind_blob (stmt, index, data, size);
}

int
wg_stmt_bind_parameter_count (WgStmt *stmt)
{
  return stmt->ops->parameter_count (stmt);
}

/* Returns: WG_STMT_ROW, WG_STMT_DONE, or an error code for
 *   wg_store_set_error() */
int
wg_stmt_step (WgStmt *stmt)
{
  return stmt->ops->step (stmt);
}

void
wg_stmt_reset (WgStmt *stmt)
{
  stmt->ops->reset (stmt);
}

void
wg_stmt_clear_bindings (WgStmt *stmt)
{
  stmt->ops->clear_bindings (stmt);
}

int
wg_stmt_column_count (WgStmt *stmt)
{
  return stmt->ops->column_count (stmt);
}

/* Returns: (nullable): the text, %NULL for NULL; valid until the next step */
const char *
wg_stmt_column_text (WgStmt *stmt,
                     int     column)
{
  return stmt->ops->column_text (stmt, column);
}

int
wg_stmt_column_int (WgStmt *stmt,
                    int     column)
{
  return (int) stmt->ops->column_int64 (stmt, column);
}

gint64
wg_stmt_column_int64 (WgStmt *stmt,
                      int     column)
{
  return stmt->ops->column_int64 (stmt, column);
}

double
wg_stmt_column_double (WgStmt *stmt,
                       int     column)
{
  return stmt->ops->column_double (stmt, column);
}

gboolean
wg_stmt_column_is_null (WgStmt *stmt,
                        int     column)
{
  return stmt->ops->column_kind (stmt, column) == WG_COLUMN_KIND_NULL;
}

WgColumnKind
wg_stmt_column_kind (WgStmt *stmt,
                     int     column)
{
  return stmt->ops->column_kind (stmt, column);
}

/* Returns: (nullable): the bytes of a blob (or text), valid until the next step */
const void *
wg_stmt_column_blob (WgStmt *stmt,
                     int     column)
{
  return stmt->ops->column_blob (stmt, column);
}

gsize
wg_stmt_column_bytes (WgStmt *stmt,
                      int     column)
{
  return stmt->ops->column_bytes (stmt, column);
}
