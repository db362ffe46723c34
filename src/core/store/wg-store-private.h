/* wg-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the modules of src/core only: the connection and its helpers.
 */

#pragma once

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
/* The statements of the search box, which the engines write each their
 * own way (SQLite's FTS5 trigram index; PostgreSQL's pg_trgm and a
 * byte-ordered name index): ?1 what was typed (the name queries), or
 * wg_store_search_pattern () of it (the index queries); ?2 the limit; ?3
 * the upper bound of a name prefix (wg_store_name_prefix_end ()). */
typedef enum
{
  WG_SEARCH_SQL_PERSONS_BY_NAME,
  WG_SEARCH_SQL_GRIDS_BY_NAME,
  WG_SEARCH_SQL_INDEX,
  WG_SEARCH_SQL_COUNT_NAMES,
  WG_SEARCH_SQL_COUNT_INDEX,
} WgSearchSql;

const char   *wg_store_search_sql          (WgStore      *self,
                                            WgSearchSql   which);
char         *wg_store_search_pattern      (WgStore      *self,
                                            const char   *query);
char         *wg_store_name_prefix_end     (const char   *prefix);
const char   *wg_store_sqlite_search_sql   (WgSearchSql   which);
const char   *wg_store_pg_search_sql       (WgSearchSql   which);
gboolean      wg_store_defer_foreign_keys  (WgStore      *self,
                                            GError      **error);
gboolean      wg_store_restart_ids         (WgStore      *self,
                                            GError      **error);
typedef enum
{
  WG_STORE_LOCK_NONE,
  WG_STORE_LOCK_HELD,
  WG_STORE_LOCK_OTHER,
} WgStoreLock;

gboolean      wg_store_hold_feed_lock      (WgStore      *self,
                                            WgStoreLock  *lock,
                                            GError      **error);
void          wg_store_release_feed_lock   (WgStore      *self);
void          wg_store_explain_missed_save (WgStore      *store,
                                            const char   *entity,
                                            gint64        id,
                                            const char   *gone,
                                            GError      **error);
void          wg_store_update_statistics   (WgStore      *self);
void          wg_store_set_bulk            (WgStore      *self,
                                            gboolean      bulk);

/* The statement layer: one SQL text, with "?" or "?N" placeholders, for
 * every engine (wg-stmt-sqlite.c). */
typedef struct _WgStmt WgStmt;

#define WG_STMT_ROW 100
#define WG_STMT_DONE 101
/* What a query that must answer says when it does not: the file is damaged. */
#define WG_STMT_CORRUPT 11

typedef enum
{
  WG_COLUMN_KIND_NULL,
  WG_COLUMN_KIND_INTEGER,
  WG_COLUMN_KIND_REAL,
  WG_COLUMN_KIND_TEXT,
  WG_COLUMN_KIND_BLOB,
} WgColumnKind;

WgStmt       *wg_store_prepare              (WgStore      *self,
                                             const char   *sql,
                                             GError      **error);
void          wg_stmt_free                  (WgStmt       *stmt);
void          wg_stmt_bind_text             (WgStmt       *stmt,
                                             int           index,
                                             const char   *text);
void          wg_stmt_bind_text_static      (WgStmt       *stmt,
                                             int           index,
                                             const char   *text);
void          wg_stmt_bind_int              (WgStmt       *stmt,
                                             int           index,
                                             int           value);
void          wg_stmt_bind_int64            (WgStmt       *stmt,
                                             int           index,
                                             gint64        value);
void          wg_stmt_bind_double           (WgStmt       *stmt,
                                             int           index,
                                             double        value);
void          wg_stmt_bind_null             (WgStmt       *stmt,
                                             int           index);
void          wg_stmt_bind_blob             (WgStmt       *stmt,
                                             int           index,
                                             const void   *data,
                                             gsize         size);
int           wg_stmt_bind_parameter_count  (WgStmt       *stmt);
int           wg_stmt_step                  (WgStmt       *stmt);
void          wg_stmt_reset                 (WgStmt       *stmt);
void          wg_stmt_clear_bindings        (WgStmt       *stmt);
int           wg_stmt_column_count          (WgStmt       *stmt);
const char   *wg_stmt_column_text           (WgStmt       *stmt,
                                             int           column);
int           wg_stmt_column_int            (WgStmt       *stmt,
                                             int           column);
gint64        wg_stmt_column_int64          (WgStmt       *stmt,
                                             int           column);
double        wg_stmt_column_double         (WgStmt       *stmt,
                                             int           column);
gboolean      wg_stmt_column_is_null        (WgStmt       *stmt,
                                             int           column);
WgColumnKind  wg_stmt_column_kind           (WgStmt       *stmt,
                                             int           column);
const void   *wg_stmt_column_blob           (WgStmt       *stmt,
                                             int           column);
gsize         wg_stmt_column_bytes          (WgStmt       *stmt,
                                             int           column);
gint64        wg_store_last_insert_id       (WgStore      *self);
gint64        wg_store_changes              (WgStore      *self);
gint64        wg_store_total_changes        (WgStore      *self);

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
                                            WgStmt       *stmt,
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
                                            WgStmt       *stmt,
                                            GError      **error);
gint64        wg_store_find_id             (WgStore      *self,
                                            const char   *sql,
                                            const char   *key,
                                            const char   *not_found,
                                            GError      **error);
gboolean      wg_store_change_and_log      (WgStore      *self,
                                            WgStmt       *stmt,
                                            const char   *action,
                                            const char   *entity,
                                            gint64        id,
                                            const char   *detail,
                                            const char   *gone,
                                            GError      **error);
gboolean      wg_store_insert_and_log      (WgStore      *self,
                                            WgStmt       *stmt,
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
gboolean      wg_store_assign_room_in_transaction (WgStore    *store,
                                                   gint64      room_id,
                                                   gint64      person_id,
                                                   const char *from_day,
                                                   const char *to_day,
                                                   gint64     *stay_id,
                                                   GError    **error);
/* Checks of what a form sends, each naming the field (@what) it refuses. */
gboolean      wg_store_check_text          (const char   *text,
                                            guint         max,
                                            const char   *what,
                                            GError      **error);
char         *wg_store_day_after           (const char   *day,
                                            guint         n);
gboolean      wg_store_check_day           (const char   *day,
                                            const char   *what,
                                            GError      **error);
char         *wg_store_order_accept_by     (WgStore      *store,
                                            const char   *clock);
gboolean      wg_store_check_time          (const char   *at,
                                            const char   *what,
                                            GError      **error);

G_END_DECLS
