/* wg-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the application runs, in one place (as gnome-calendar's GcalContext):
 * the county's store, the settings, the alert engine and the sensor feed.
 * Windows and Preferences talk to the context, never to each other: the
 * context restarts the sensors when Preferences change them and says so
 * ("sensors-changed"); it says when the store changed, on this desk's
 * connection or, seen in SQLite's data version, another process's
 * ("store-changed"); it passes on the engine's alerts and reminders
 * ("alert", "reminder") and what a dialog has to tell the operator
 * ("message").
 */

#define G_LOG_DOMAIN "wg-context"

#include "config.h"

#include "wg-context.h"
#include "wg-secrets.h"

struct _WgContext
{
  GObject parent_instance;

  GSettings *settings;
  WgStore *store;
  char *broker_override;   /* --broker, over the preferences */
  char *operator_name;

  WgAlertEngine *engine;
  WgSensorFeed *feed;
  GCancellable *secret_cancellable;
  gboolean sensors_started;

  guint data_version_id;
  gint64 data_version;
  guint reminder_id;
};

enum
{
  ALERT,
  REMINDER,
  SENSORS_CHANGED,
  STORE_CHANGED,
  REMOTE_CHANGED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Another process's commit shows only in SQLite's data version. */
#define DATA_VERSION_SECONDS 2
#define REMINDER_SECONDS 60

G_DEFINE_FINAL_TYPE (WgContext, wg_context, G_TYPE_OBJECT)

static void
stop_sensors (WgContext *self)
{
  g_cancellable_cancel (self->secret_cancellable);
  g_clear_object (&self->secret_cancellable);
  /* What is still queued is recorded, without telling anyone. */
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  if (self->feed != NULL)
    wg_sensor_feed_stop (self->feed);
  g_clear_object (&self->feed);
  g_clear_object (&self->engine);
}

static void
wg_context_dispose (GObject *object)
{
  WgContext *self = WG_CONTEXT (object);

  stop_sensors (self);
  g_clear_handle_id (&self->data_version_id, g_source_remove);
  g_clear_handle_id (&self->reminder_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (wg_context_parent_class)->dispose (object);
}

static void
wg_context_finalize (GObject *object)
{
  WgContext *self = WG_CONTEXT (object);

  g_free (self->broker_override);
  g_free (self->operator_name);
  G_OBJECT_CLASS (wg_context_parent_class)->finalize (object);
}

static void
wg_context_class_init (WgContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wg_context_dispose;
  object_class->finalize = wg_context_finalize;

  /**
   * WgContext::alert:
   * @id: the alert
   * @is_new: raised now, rather than added to
   */
  signals[ALERT] = g_signal_new ("alert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
  /**
   * WgContext::reminder:
   * @id: an alert still not acknowledged
   */
  signals[REMINDER] = g_signal_new ("reminder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * WgContext::sensors-changed:
   *
   * The alert engine and the feed were (re)started or stopped.
   */
  signals[SENSORS_CHANGED] = g_signal_new ("sensors-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * WgContext::store-changed:
   * @registry: the county itself changed (its grids imported, a demo
   *   built), not only figures in it
   */
  signals[STORE_CHANGED] = g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * WgContext::remote-changed:
   * @subject: what another desk changed on the county server ("alert",
   *   "person", "household", "grid", "record", "sensor", "settings"), or
   *   "all" after the connection came back
   * @id: (nullable): the row's id (a record's: its person's)
   *
   * Emitted before #WgContext::store-changed, which follows every change.
   */
  signals[REMOTE_CHANGED] = g_signal_new ("remote-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * WgContext::message:
   * @text: something the operator should read (a toast)
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
wg_context_init (WgContext *self)
{
}

static void
on_store_changed_cb (WgContext *self)
{
  g_signal_emit (self, signals[STORE_CHANGED], 0, FALSE);
}

/* Another desk committed on the county server: the same as a commit here
 * (the figures and the alerts are read again), the whole county read again
 * after the connection came back. */
static void
on_store_remote_changed_cb (WgContext  *self,
                            const char *subject,
                            const char *id)
{
  g_signal_emit (self, signals[REMOTE_CHANGED], 0, subject, id);
  g_signal_emit (self, signals[STORE_CHANGED], 0, g_strcmp0 (subject, "all") == 0);
}

static gboolean
data_version_cb (gpointer data)
{
  WgContext *self = data;
  gint64 version = wg_store_get_data_version (self->store);

  if (version != self->data_version)
    {
      self->data_version = version;
      g_signal_emit (self, signals[STORE_CHANGED], 0, FALSE);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
remind_cb (gpointer data)
{
  WgContext *self = data;
  g_autoptr(GArray) due = NULL;

  if (self->engine == NULL)
    return G_SOURCE_CONTINUE;
  due = wg_alert_engine_due_reminders (self->engine, NULL);
  for (guint i = 0; i < due->len; i++)
    g_signal_emit (self, signals[REMINDER], 0, g_array_index (due, gint64, i));
  return G_SOURCE_CONTINUE;
}

/**
 * wg_context_new:
 * @settings: the application's settings
 * @store: (nullable): the county's database, when it could be opened
 * @broker_url: (nullable): the broker given on the command line, over the
 *   preferences
 *
 * Returns: (transfer full): a new context
 */
WgContext *
wg_context_new (GSettings  *settings,
                WgStore    *store,
                const char *broker_url)
{
  WgContext *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_CONTEXT, NULL);
  self->settings = g_object_ref (settings);
  self->broker_override = g_strdup (broker_url);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "remote-changed", G_CALLBACK (on_store_remote_changed_cb), self,
                               G_CONNECT_SWAPPED);
      wg_store_watch (store);
      self->data_version = wg_store_get_data_version (store);
      self->data_version_id = g_timeout_add_seconds (DATA_VERSION_SECONDS, data_version_cb, self);
      self->reminder_id = g_timeout_add_seconds (REMINDER_SECONDS, remind_cb, self);
      wg_store_set_operator (store, wg_context_get_operator (self));
    }
  return self;
}

/**
 * wg_context_get_store:
 *
 * Returns: (transfer none) (nullable): the county's database
 */
WgStore *
wg_context_get_store (WgContext *self)
{
  g_return_val_if_fail (WG_IS_CONTEXT (self), NULL);

  return self->store;
}

/**
 * wg_context_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
wg_context_get_settings (WgContext *self)
{
  g_return_val_if_fail (WG_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * wg_context_get_engine:
 *
 * Returns: (transfer none) (nullable): the alert engine, once the sensors run
 */
WgAlertEngine *
wg_context_get_engine (WgContext *self)
{
  g_return_val_if_fail (WG_IS_CONTEXT (self), NULL);

  return self->engine;
}

/**
 * wg_context_get_feed:
 *
 * Returns: (transfer none) (nullable): the sensor feed, when a broker is set
 */
WgSensorFeed *
wg_context_get_feed (WgContext *self)
{
  g_return_val_if_fail (WG_IS_CONTEXT (self), NULL);

  return self->feed;
}

/**
 * wg_context_get_broker_override:
 *
 * Returns: (nullable): the broker given on the command line
 */
const char *
wg_context_get_broker_override (WgContext *self)
{
  g_return_val_if_fail (WG_IS_CONTEXT (self), NULL);

  return self->broker_override;
}

/**
 * wg_context_dup_broker_url:
 *
 * Returns: (transfer full) (nullable): the sensor broker: the command
 *   line's, else the preferences'; %NULL for none
 */
char *
wg_context_dup_broker_url (WgContext *self)
{
  g_autofree char *configured = NULL;

  g_return_val_if_fail (WG_IS_CONTEXT (self), NULL);

  if (self->broker_override != NULL)
    return g_strdup (self->broker_override);
  configured = g_settings_get_string (self->settings, "broker-url");
  return *configured != '\0' ? g_steal_pointer (&configured) : NULL;
}

/**
 * wg_context_get_operator:
 *
 * Returns: (nullable): the name every change is logged under (Preferences'
 *   operator name); %NULL until someone said who is at the desk
 */
const char *
wg_context_get_operator (WgContext *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (WG_IS_CONTEXT (self), NULL);

  name = g_settings_get_string (self->settings, "operator-name");
  g_free (self->operator_name);
  self->operator_name = *g_strstrip (name) != '\0' ? g_steal_pointer (&name) : NULL;
  if (self->store != NULL)
    wg_store_set_operator (self->store, self->operator_name);
  return self->operator_name;
}

/**
 * wg_context_set_operator:
 * @self: a #WgContext
 * @name: who is at the desk
 */
void
wg_context_set_operator (WgContext  *self,
                         const char *name)
{
  g_return_if_fail (WG_IS_CONTEXT (self));

  g_settings_set_string (self->settings, "operator-name", name);
  wg_context_get_operator (self);
}

static void
on_engine_alert_cb (WgContext *self,
                    gint64     id,
                    gboolean   is_new)
{
  g_signal_emit (self, signals[ALERT], 0, id, is_new);
}

static void
start_feed (WgContext  *self,
            const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *username = g_settings_get_string (self->settings, "broker-username");
  g_autofree char *ca_file = g_settings_get_string (self->settings, "broker-ca-file");

  wg_sensor_feed_set_credentials (self->feed, username, password);
  wg_sensor_feed_set_ca_file (self->feed, ca_file);
  if (!wg_sensor_feed_start (self->feed, &error))
    wg_context_tell (self, error->message);
  g_signal_emit (self, signals[SENSORS_CHANGED], 0);
}

static void
on_password_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(WgContext) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = wg_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->feed == NULL)
    return;
  if (error != NULL)
    g_message ("No broker password from the keyring: %s", error->message);
  start_feed (self, password);
}

/**
 * wg_context_restart_sensors:
 * @self: a #WgContext
 *
 * (Re)starts the alert engine and the sensor feed with the current
 * preferences; "sensors-changed" says when they run (the broker's password
 * comes from the keyring first).
 */
void
wg_context_restart_sensors (WgContext *self)
{
  g_autofree char *url = NULL;
  g_autofree char *base_topic = NULL;
  g_autofree char *username = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WG_IS_CONTEXT (self));

  stop_sensors (self);
  self->sensors_started = TRUE;
  if (self->store == NULL)
    {
      g_signal_emit (self, signals[SENSORS_CHANGED], 0);
      return;
    }

  base_topic = g_settings_get_string (self->settings, "broker-base-topic");
  self->engine = wg_alert_engine_new (self->store, *base_topic != '\0' ? base_topic : NULL);
  g_signal_connect_object (self->engine, "alert", G_CALLBACK (on_engine_alert_cb), self, G_CONNECT_SWAPPED);

  url = wg_context_dup_broker_url (self);
  if (url != NULL)
    {
      self->feed = wg_sensor_feed_new (self->engine);
      if (!wg_sensor_feed_set_broker (self->feed, url, &error))
        {
          wg_context_tell (self, error->message);
          g_clear_object (&self->feed);
        }
    }
  if (self->feed == NULL)
    {
      g_signal_emit (self, signals[SENSORS_CHANGED], 0);
      return;
    }

  username = g_settings_get_string (self->settings, "broker-username");
  if (*username != '\0')
    {
      self->secret_cancellable = g_cancellable_new ();
      wg_secrets_lookup_broker_password (wg_sensor_feed_get_broker (self->feed), self->secret_cancellable,
                                         on_password_cb, g_object_ref (self));
    }
  else
    start_feed (self, NULL);
}

/**
 * wg_context_start_sensors:
 * @self: a #WgContext
 *
 * Starts the sensors unless they run already (a second window).
 */
void
wg_context_start_sensors (WgContext *self)
{
  g_return_if_fail (WG_IS_CONTEXT (self));

  if (self->sensors_started)
    g_signal_emit (self, signals[SENSORS_CHANGED], 0);
  else
    wg_context_restart_sensors (self);
}

/**
 * wg_context_tell:
 * @self: a #WgContext
 * @message: what the operator should read
 */
void
wg_context_tell (WgContext  *self,
                 const char *message)
{
  g_return_if_fail (WG_IS_CONTEXT (self));

  g_signal_emit (self, signals[MESSAGE], 0, message);
}

/**
 * wg_context_registry_changed:
 * @self: a #WgContext
 *
 * The county itself changed on another connection (an import, a demo
 * built): windows read it again.
 */
void
wg_context_registry_changed (WgContext *self)
{
  g_return_if_fail (WG_IS_CONTEXT (self));

  g_signal_emit (self, signals[STORE_CHANGED], 0, TRUE);
}
