/* wg-secrets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      wg_secrets_store_broker_password  (const char           *broker,
                                             const char           *password,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  wg_secrets_store_finish           (GAsyncResult         *result,
                                             GError              **error);
void      wg_secrets_lookup_broker_password (const char           *broker,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char     *wg_secrets_lookup_finish          (GAsyncResult         *result,
                                             GError              **error);

void      wg_secrets_store_database_password  (const char          *server,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void      wg_secrets_lookup_database_password (const char          *server,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char     *wg_secrets_lookup_database_password_sync (const char *server);

G_END_DECLS
