/* wg-store-pg.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PostgreSQL engine's own: the county server's connection, for
 * wg-store.c and the statement layer over it (wg-stmt-pg.c) only.
 */

#pragma once

#include "wg-store-private.h"

G_BEGIN_DECLS

typedef struct _WgPgConn WgPgConn;

/* What a failed statement or command returns on PostgreSQL: the server's
 * SQLSTATE and message are kept on the connection for wg_store_set_error (). */
#define WG_STMT_PG_ERROR 1

char        *wg_pg_display_uri       (const char  *uri);
WgPgConn    *wg_pg_connect           (const char  *uri,
                                      gboolean     read_only,
                                      GError     **error);
void         wg_pg_close             (WgPgConn    *conn);
gboolean     wg_pg_exec              (WgPgConn    *conn,
                                      const char  *sql);
gboolean     wg_pg_in_transaction    (WgPgConn    *conn);
const char  *wg_pg_error_state       (WgPgConn    *conn);
const char  *wg_pg_error_message     (WgPgConn    *conn);
void         wg_pg_set_error_from    (WgPgConn    *conn,
                                      const char  *state,
                                      const char  *message);
gint64       wg_pg_changes           (WgPgConn    *conn);
gint64       wg_pg_total_changes     (WgPgConn    *conn);
WgStmt      *wg_stmt_pg_prepare      (WgStore     *store,
                                      WgPgConn    *conn,
                                      const char  *sql,
                                      GError     **error);
char        *wg_pg_translate_sql     (const char  *sql,
                                      int         *n_params);
const char  *wg_store_pg_baseline    (void);
const char  *wg_store_pg_listen_sql  (void);
const char  *wg_store_pg_roles_sql   (void);
const char  *wg_store_pg_migration_sql (guint     version);
int          wg_pg_socket            (WgPgConn    *conn);
/* Each notification another connection sent: @func (@channel, @payload). */
gboolean     wg_pg_drain_notifications (WgPgConn  *conn,
                                        void     (*func) (const char *channel,
                                                          const char *payload,
                                                          gpointer    data),
                                        gpointer    data);
gboolean     wg_pg_reconnect         (WgPgConn    *conn);

G_END_DECLS
