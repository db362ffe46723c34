/* wg-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sensor broker's password lives in the desktop's keyring (the Secret
 * Service, through libsecret), never in GSettings. One secret per broker
 * address.
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

/* An empty password removes the one kept. */
void
wg_secrets_store_broker_password (const char          *broker,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("Wangge: password for the sensor broker %s"), broker);
  gboolean clearing = password == NULL || *password == '\0';
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, wg_secrets_store_broker_password);
  g_task_set_task_data (task, GINT_TO_POINTER (clearing), NULL);
  if (clearing)
    secret_password_clear (broker_schema (), cancellable, stored_cb, task, "broker", broker, NULL);
  else
    secret_password_store (broker_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                           stored_cb, task, "broker", broker, NULL);
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
