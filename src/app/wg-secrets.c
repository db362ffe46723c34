/* wg-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sensor broker's password and the county server's live in the
 * desktop's keyring (the Secret Service, through libsecret), never in
 * GSettings or on a command line. One secret per broker address, one per
 * county server location (the server, the database and the role).
 */

#define G_LOG_DOMAIN "wg-secrets"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "wg-secrets.h"

static const SecretSchema *
broker_schema (void)
{
  static const SecretSchema schema = {
    "io.github.wangge.Wangge.Broker", SECRET_SCHEMA_NONE,
    {
      { "broker", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "NULL", 0 },
    },
  };

  return &schema;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (GPOINTER_TO_INT (g_task_get_task_data (task)))
    secret_password_clear_finish (result, &error);
  else
    secret_password_store_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static const SecretSchema *
database_schema (void)
{
  static const SecretSchema schema = {
    "io.github.wangge.Wangge.Database", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "NULL", 0 },
    },
  };

  return &schema;
}

/* An empty password removes the one kept. */
static void
store_password (const SecretSchema  *schema,
                const char          *attribute,
                const char          *value,
                const char          *label,
                const char          *password,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  gboolean clearing = password == NULL || *password == '\0';
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, store_password);
  g_task_set_task_data (task, GINT_TO_POINTER (clearing), NULL);
  if (clearing)
    secret_password_clear (schema, cancellable, stored_cb, task, attribute, value, NULL);
  else
    secret_password_store (schema, SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                           stored_cb, task, attribute, value, NULL);
}

void
wg_secrets_store_broker_password (const char          *broker,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("Wangge: password for the sensor broker %s"), broker);

  store_password (broker_schema (), "broker", broker, label, password, cancellable, callback, user_data);
}

/**
 * wg_secrets_store_database_password:
 * @server: the county server's location without a password
 *   (wg_store_server_location())
 *
 * Keeps the password of a county server's login role; an empty one removes it.
 */
void
wg_secrets_store_database_password (const char          *server,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("Wangge: password for the county server %s"), server);

  store_password (database_schema (), "server", server, label, password, cancellable, callback, user_data);
}

/**
 * wg_secrets_lookup_database_password_sync:
 * @server: the county server's location without a password
 *
 * At start, before the county is opened.
 *
 * Returns: (transfer full) (nullable): the password kept for it, or %NULL
 *   (none kept, or no keyring: libpq then tries its own ways)
 */
char *
wg_secrets_lookup_database_password_sync (const char *server)
{
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_sync (database_schema (), NULL, &error, "server", server, NULL);

  if (error != NULL)
    g_debug ("No password from the keyring for %s: %s", server, error->message);
  return password;
}

void
wg_secrets_lookup_database_password (const char          *server,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  secret_password_lookup (database_schema (), cancellable, callback, user_data, "server", server, NULL);
}

gboolean
wg_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
wg_secrets_lookup_broker_password (const char          *broker,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  secret_password_lookup (broker_schema (), cancellable, callback, user_data, "broker", broker, NULL);
}

char *
wg_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  return secret_password_lookup_finish (result, error);
}
