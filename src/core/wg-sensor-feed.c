/* wg-sensor-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The door sensors' feed: a libmosquitto client subscribed to Zigbee2MQTT's
 * topics with QoS 1, a fixed client id and a persistent session, so that
 * what was published while the application was closed arrives when it
 * opens. libmosquitto's network thread receives; every message is queued
 * and handed to the alert engine on the main context of whoever started the
 * feed, in batches. The library reconnects by itself (backoff from 1 to 30
 * seconds); the connection's state is a property.
 *
 * libmosquitto 2.0 acknowledges a QoS 1 message before the application has
 * seen it, so stopping drains the queue into the engine before returning:
 * only a crash can lose what was in the queue at that moment.
 */

#define G_LOG_DOMAIN "wg-sensor-feed"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <mosquitto.h>
#include <string.h>

#include "wg-sensor-feed.h"

#define KEEPALIVE_SECONDS 30
#define BATCH 512

typedef struct
{
  char *topic;
  GBytes *payload;
  guint mid;
} Queued;

struct _WgSensorFeed
{
  GObject parent_instance;

  WgAlertEngine *engine;
  char *host;
  int port;
  gboolean tls;
  char *broker;
  char *username;
  char *password;
  char *ca_file;
  char *client_id;

  struct mosquitto *mosq;
  GMainContext *context;
  GAsyncQueue *queue;       /* of Queued, from the network thread */
  gint drain_scheduled;     /* atomic */
  guint silence_id;
  WgFeedState state;
  char *problem;
  guint64 n_received;
};

G_DEFINE_FINAL_TYPE (WgSensorFeed, wg_sensor_feed, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_RECEIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
queued_free (Queued *queued)
{
  g_free (queued->topic);
  g_bytes_unref (queued->payload);
  g_free (queued);
}

const char *
wg_feed_state_describe (WgFeedState state)
{
  switch (state)
    {
    case WG_FEED_CONNECTING:
      return _("Connecting");
    case WG_FEED_CONNECTED:
      return _("Connected");
    case WG_FEED_RECONNECTING:
      return _("Reconnecting");
    case WG_FEED_STOPPED:
    default:
      return _("Not connected");
    }
}

/* Main context */

typedef struct
{
  WgSensorFeed *self;
  WgFeedState state;
  char *problem;
} StateChange;

static gboolean
apply_state_cb (gpointer data)
{
  StateChange *change = data;
  WgSensorFeed *self = change->self;

  /* A late word from the network thread after stop () changes nothing. */
  if (self->mosq != NULL && self->state != change->state)
    {
      self->state = change->state;
      g_free (self->problem);
      self->problem = g_steal_pointer (&change->problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_free (change->problem);
  g_object_unref (self);
  g_free (change);
  return G_SOURCE_REMOVE;
}

static void
post_state (WgSensorFeed *self,
            WgFeedState   state,
            const char   *problem)
{
  StateChange *change = g_new0 (StateChange, 1);

  change->self = g_object_ref (self);
  change->state = state;
  change->problem = g_strdup (problem);
  g_main_context_invoke (self->context, apply_state_cb, change);
}

/* Hands up to @limit queued messages to the engine; all of them for 0. */
static void
drain (WgSensorFeed *self,
       guint         limit)
{
  Queued *queued;
  guint n = 0;

  while ((limit == 0 || n < limit) && (queued = g_async_queue_try_pop (self->queue)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      gsize length;
      const void *payload = g_bytes_get_data (queued->payload, &length);

      if (!wg_alert_engine_handle (self->engine, queued->topic, payload, length, queued->mid, NULL,
                                   &error))
        g_warning ("A sensor message was not recorded: %s", error->message);
      queued_free (queued);
      n++;
    }
  self->n_received += n;
  if (n > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECEIVED]);
}

static gboolean
drain_cb (gpointer data)
{
  WgSensorFeed *self = data;

  g_atomic_int_set (&self->drain_scheduled, 0);
  drain (self, BATCH);
  /* More than a batch waiting: again, after the main loop has breathed. */
  if (g_async_queue_length (self->queue) > 0 &&
      g_atomic_int_compare_and_exchange (&self->drain_scheduled, 0, 1))
    return G_SOURCE_CONTINUE;
  return G_SOURCE_REMOVE;
}

static gboolean
check_silence_cb (gpointer data)
{
  WgSensorFeed *self = data;
  g_autoptr(GError) error = NULL;

  if (!wg_alert_engine_check_silence (self->engine, NULL, &error))
    g_warning ("Could not check for silent sensors: %s", error->message);
  return G_SOURCE_CONTINUE;
}

/* Network thread */

static void
on_connect_cb (struct mosquitto *mosq,
               void             *data,
               int               rc)
{
  WgSensorFeed *self = data;

  if (rc == 0)
    {
      const char *base = wg_alert_engine_get_base_topic (self->engine);
      g_autofree char *state_topic = g_strdup_printf ("%s/+", base);
      g_autofree char *availability_topic = g_strdup_printf ("%s/+/availability", base);
      char *topics[] = { state_topic, availability_topic };

      /* Subscribed again on every connection: the session keeps them, but a
       * broker that lost its persistence would not. */
      mosquitto_subscribe_multiple (mosq, NULL, 2, topics, 1, 0, NULL);
      post_state (self, WG_FEED_CONNECTED, NULL);
    }
  else
    post_state (self, WG_FEED_RECONNECTING, mosquitto_connack_string (rc));
}

static void
on_disconnect_cb (struct mosquitto *mosq,
                  void             *data,
                  int               rc)
{
  WgSensorFeed *self = data;

  /* rc 0: we asked for it. */
  if (rc != 0)
    post_state (self, WG_FEED_RECONNECTING, _("The broker closed the connection."));
}

static void
on_message_cb (struct mosquitto                *mosq,
               void                            *data,
               const struct mosquitto_message  *message)
{
  WgSensorFeed *self = data;
  Queued *queued = g_new0 (Queued, 1);

  queued->topic = g_strdup (message->topic);
  queued->payload = g_bytes_new (message->payload, message->payloadlen);
  queued->mid = message->mid;
  g_async_queue_push (self->queue, queued);

  if (g_atomic_int_compare_and_exchange (&self->drain_scheduled, 0, 1))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, drain_cb, g_object_ref (self), g_object_unref);
      g_source_set_name (source, "[wangge] sensor messages");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* API */

/**
 * wg_broker_url_parse:
 * @url: mqtt://HOST[:PORT] or mqtts://HOST[:PORT]
 *
 * Returns: %TRUE with the parts, or %FALSE with a clear error
 */
gboolean
wg_broker_url_parse (const char  *url,
                     char       **host,
                     int         *port,
                     gboolean    *tls,
                     GError     **error)
{
  g_autofree char *scheme = NULL;
  g_autofree char *parsed_host = NULL;
  int parsed_port = -1;

  if (url == NULL ||
      !g_uri_split_network (url, G_URI_FLAGS_NONE, &scheme, &parsed_host, &parsed_port, NULL) ||
      (g_strcmp0 (scheme, "mqtt") != 0 && g_strcmp0 (scheme, "mqtts") != 0) ||
      parsed_host == NULL || *parsed_host == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a broker address: write mqtt://HOST:PORT."), url != NULL ? url : "");
      return FALSE;
    }
  *tls = g_str_equal (scheme, "mqtts");
  *port = parsed_port > 0 ? parsed_port : (*tls ? 8883 : 1883);
  *host = g_steal_pointer (&parsed_host);
  return TRUE;
}

/**
 * wg_default_client_id:
 * @purpose: "app" or "listen"
 *
 * Returns: (transfer full): an MQTT client id fixed for this machine and purpose
 */
char *
wg_default_client_id (const char *purpose)
{
  g_autofree char *host = g_ascii_strdown (g_get_host_name (), -1);

  g_strcanon (host, "abcdefghijklmnopqrstuvwxyz0123456789-", '-');
  return g_strdup_printf ("wangge-%s-%.40s", purpose, host);
}

gboolean
wg_sensor_feed_set_broker (WgSensorFeed  *self,
                           const char    *url,
                           GError       **error)
{
  g_autofree char *host = NULL;
  int port;
  gboolean tls;

  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), FALSE);
  g_return_val_if_fail (self->mosq == NULL, FALSE);

  if (!wg_broker_url_parse (url, &host, &port, &tls, error))
    return FALSE;
  g_free (self->host);
  self->host = g_steal_pointer (&host);
  self->port = port;
  self->tls = tls;
  g_free (self->broker);
  self->broker = g_strdup_printf ("%s://%s:%d", tls ? "mqtts" : "mqtt", self->host, port);
  return TRUE;
}

void
wg_sensor_feed_set_credentials (WgSensorFeed *self,
                                const char   *username,
                                const char   *password)
{
  g_return_if_fail (WG_IS_SENSOR_FEED (self));

  g_free (self->username);
  self->username = username != NULL && *username != '\0' ? g_strdup (username) : NULL;
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  self->password = g_strdup (password);
}

void
wg_sensor_feed_set_ca_file (WgSensorFeed *self,
                            const char   *path)
{
  g_return_if_fail (WG_IS_SENSOR_FEED (self));

  g_free (self->ca_file);
  self->ca_file = path != NULL && *path != '\0' ? g_strdup (path) : NULL;
}

void
wg_sensor_feed_set_client_id (WgSensorFeed *self,
                              const char   *client_id)
{
  g_return_if_fail (WG_IS_SENSOR_FEED (self));

  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
}

static gboolean
mosquitto_failed (int      rc,
                  GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("MQTT: %s"),
               rc == MOSQ_ERR_ERRNO ? g_strerror (errno) : mosquitto_strerror (rc));
  return FALSE;
}

/**
 * wg_sensor_feed_start:
 * @self: a #WgSensorFeed
 * @error: return location for a #GError
 *
 * Connects in the background and keeps connecting: a broker that is down
 * now is not an error, only a state.
 *
 * Returns: %FALSE for settings that cannot work (a missing CA file…)
 */
gboolean
wg_sensor_feed_start (WgSensorFeed  *self,
                      GError       **error)
{
  static gsize initialized = 0;
  int rc;

  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), FALSE);
  g_return_val_if_fail (self->mosq == NULL, FALSE);

  if (self->host == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No broker is set: write its address in Preferences."));
      return FALSE;
    }
  if (g_once_init_enter (&initialized))
    {
      mosquitto_lib_init ();
      g_once_init_leave (&initialized, 1);
    }

  if (self->client_id == NULL)
    self->client_id = wg_default_client_id ("app");
  /* clean_session false: the broker keeps what comes while we are away. */
  self->mosq = mosquitto_new (self->client_id, false, self);
  if (self->mosq == NULL)
    return mosquitto_failed (MOSQ_ERR_ERRNO, error);

  mosquitto_connect_callback_set (self->mosq, on_connect_cb);
  mosquitto_disconnect_callback_set (self->mosq, on_disconnect_cb);
  mosquitto_message_callback_set (self->mosq, on_message_cb);
  mosquitto_reconnect_delay_set (self->mosq, 1, 30, true);
  mosquitto_int_option (self->mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  if (self->username != NULL &&
      (rc = mosquitto_username_pw_set (self->mosq, self->username, self->password)) != MOSQ_ERR_SUCCESS)
    goto failed;
  if (self->tls || self->ca_file != NULL)
    {
      if (self->ca_file != NULL && !g_file_test (self->ca_file, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The CA certificate “%s” does not exist."), self->ca_file);
          g_clear_pointer (&self->mosq, mosquitto_destroy);
          return FALSE;
        }
      rc = mosquitto_tls_set (self->mosq, self->ca_file,
                              self->ca_file != NULL ? NULL : "/etc/ssl/certs", NULL, NULL, NULL);
      if (rc != MOSQ_ERR_SUCCESS)
        goto failed;
    }

  self->context = g_main_context_ref_thread_default ();
  self->state = WG_FEED_CONNECTING;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  /* A refused connection now is retried by the loop, like a lost one. */
  rc = mosquitto_connect_async (self->mosq, self->host, self->port, KEEPALIVE_SECONDS);
  if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_ERRNO)
    goto failed;
  if (rc == MOSQ_ERR_ERRNO)
    {
      self->state = WG_FEED_RECONNECTING;
      g_free (self->problem);
      self->problem = g_strdup (g_strerror (errno));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if ((rc = mosquitto_loop_start (self->mosq)) != MOSQ_ERR_SUCCESS)
    goto failed;

  self->silence_id = g_timeout_add_seconds (60, check_silence_cb, self);
  return TRUE;

failed:
  g_clear_pointer (&self->mosq, mosquitto_destroy);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->state = WG_FEED_STOPPED;
  return mosquitto_failed (rc, error);
}

/**
 * wg_sensor_feed_stop:
 * @self: a #WgSensorFeed
 *
 * Disconnects, and hands every message received so far to the engine.
 */
void
wg_sensor_feed_stop (WgSensorFeed *self)
{
  g_return_if_fail (WG_IS_SENSOR_FEED (self));

  if (self->mosq == NULL)
    return;

  g_clear_handle_id (&self->silence_id, g_source_remove);
  mosquitto_disconnect (self->mosq);
  mosquitto_loop_stop (self->mosq, true);
  mosquitto_destroy (self->mosq);
  self->mosq = NULL;
  drain (self, 0);
  g_clear_pointer (&self->context, g_main_context_unref);

  self->state = WG_FEED_STOPPED;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

WgFeedState
wg_sensor_feed_get_state (WgSensorFeed *self)
{
  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), WG_FEED_STOPPED);

  return self->state;
}

const char *
wg_sensor_feed_get_broker (WgSensorFeed *self)
{
  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), NULL);

  return self->broker;
}

/**
 * wg_sensor_feed_get_problem:
 *
 * Returns: (nullable): why the feed is not connected, when it knows
 */
const char *
wg_sensor_feed_get_problem (WgSensorFeed *self)
{
  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), NULL);

  return self->problem;
}

guint64
wg_sensor_feed_get_n_received (WgSensorFeed *self)
{
  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), 0);

  return self->n_received;
}

WgAlertEngine *
wg_sensor_feed_get_engine (WgSensorFeed *self)
{
  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), NULL);

  return self->engine;
}

static void
wg_sensor_feed_dispose (GObject *object)
{
  WgSensorFeed *self = (WgSensorFeed *) object;

  wg_sensor_feed_stop (self);

  G_OBJECT_CLASS (wg_sensor_feed_parent_class)->dispose (object);
}

static void
wg_sensor_feed_finalize (GObject *object)
{
  WgSensorFeed *self = (WgSensorFeed *) object;

  g_clear_object (&self->engine);
  g_async_queue_unref (self->queue);
  g_free (self->host);
  g_free (self->broker);
  g_free (self->username);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->ca_file);
  g_free (self->client_id);
  g_free (self->problem);

  G_OBJECT_CLASS (wg_sensor_feed_parent_class)->finalize (object);
}

static void
wg_sensor_feed_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WgSensorFeed *self = WG_SENSOR_FEED (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_N_RECEIVED:
      g_value_set_uint64 (value, self->n_received);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_sensor_feed_class_init (WgSensorFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wg_sensor_feed_dispose;
  object_class->finalize = wg_sensor_feed_finalize;
  object_class->get_property = wg_sensor_feed_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, WG_FEED_STOPPED, WG_FEED_RECONNECTING, WG_FEED_STOPPED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RECEIVED] =
    g_param_spec_uint64 ("n-received", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wg_sensor_feed_init (WgSensorFeed *self)
{
  self->queue = g_async_queue_new_full ((GDestroyNotify) queued_free);
}

/**
 * wg_sensor_feed_new:
 * @engine: what every message is handed to
 *
 * Returns: (transfer full): a feed, not started
 */
WgSensorFeed *
wg_sensor_feed_new (WgAlertEngine *engine)
{
  WgSensorFeed *self;

  g_return_val_if_fail (WG_IS_ALERT_ENGINE (engine), NULL);

  self = g_object_new (WG_TYPE_SENSOR_FEED, NULL);
  self->engine = g_object_ref (engine);
  return self;
}
