/* wg-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the modules of src/core only: the connection and its helpers.
 */

#pragma once

#include <sqlite3.h>

#include "wg-store.h"

G_BEGIN_DECLS

/* 'WGg1': marks a file as ours in the SQLite header (PRAGMA application_id). */
#define WG_STORE_APPLICATION_ID 0x57476731
/* A label-signing key, in bytes (HMAC-SHA256). */
#define WG_STORE_SIGNING_KEY_BYTES 32

guint         wg_store_latest_version      (void);
const char   *wg_store_migration_sql       (guint         version);

WgStore      *wg_store_open_at_version     (const char   *path,
                                            guint         version,
                                            GError      **error);
sqlite3      *wg_store_get_db              (WgStore      *self);
sqlite3_stmt *wg_store_prepare             (WgStore      *self,
                                            const char   *sql,
                                            GError      **error);
gboolean      wg_store_exec                (WgStore      *self,
                                            const char   *sql,
                                            GError      **error);
gboolean      wg_store_begin               (WgStore      *self,
                                            GError      **error);
gboolean      wg_store_commit              (WgStore      *self,
                                            GError      **error);
gboolean      wg_store_commit_quietly      (WgStore      *self,
                                            GError      **error);
void          wg_store_rollback            (WgStore      *self);
gboolean      wg_store_step_done           (WgStore      *self,
                                            sqlite3_stmt *stmt,
                                            GError      **error);
gboolean      wg_store_log                 (WgStore      *self,
                                            const char   *action,
                                            const char   *entity,
                                            gint64        entity_id,
                                            const char   *detail,
                                            GError      **error);
void          wg_store_set_error           (WgStore      *self,
                                            int           rc,
                                            GError      **error);
GStrv         wg_store_collect_strings     (WgStore      *self,
                                            sqlite3_stmt *stmt,
                                            GError      **error);
gint64        wg_store_find_id             (WgStore      *self,
                                            const char   *sql,
                                            const char   *key,
                                            const char   *not_found,
                                            GError      **error);
gboolean      wg_store_change_and_log      (WgStore      *self,
                                            sqlite3_stmt *stmt,
                                            const char   *action,
                                            const char   *entity,
                                            gint64        id,
                                            const char   *detail,
                                            const char   *gone,
                                            GError      **error);
gboolean      wg_store_insert_and_log      (WgStore      *self,
                                            sqlite3_stmt *stmt,
                                            const char   *entity,
                                            const char   *detail,
                                            gint64       *id,
                                            GError      **error);
char         *wg_store_query_text          (WgStore      *self,
                                            const char   *sql,
                                            gint64        id);
gboolean      wg_store_fill_random         (guint8       *buf,
                                            gsize         len,
                                            GError      **error);
gboolean      wg_store_lookup_grid         (WgStore      *self,
                                            const char   *code,
                                            gint64       *id,
                                            GError      **error);
/* Checks of what a form sends, each naming the field (@what) it refuses. */
gboolean      wg_store_check_text          (const char   *text,
                                            guint         max,
                                            const char   *what,
                                            GError      **error);
gboolean      wg_store_check_day           (const char   *day,
                                            const char   *what,
                                            GError      **error);
gboolean      wg_store_check_time          (const char   *at,
                                            const char   *what,
                                            GError      **error);

G_END_DECLS
