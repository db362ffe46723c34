/* wg-store-sqlite.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQLite engine's own: its connection, for wg-store.c and the statement
 * layer over it (wg-stmt-sqlite.c) only.
 */

#pragma once

#include <sqlite3.h>

#include "wg-store-private.h"

G_BEGIN_DECLS

sqlite3 *wg_store_get_db        (WgStore     *self);
WgStmt  *wg_stmt_sqlite_prepare (WgStore     *store,
                                 sqlite3     *db,
                                 const char  *sql,
                                 GError     **error);

G_END_DECLS
