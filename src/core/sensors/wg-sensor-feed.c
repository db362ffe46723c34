/* wg-sensor-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The door sensors' feed: a libmosquitto client subscribed to Zigbee2MQTT's
 * topics with QoS 1, a fixed client id and a persistent session, so that
 * what was published while the application was closed arrives when it
 * opens. The connection's state is a property.
 *
 * A message is acknowledged to the broker only once it is recorded: a
 * process killed at any moment leaves every message either in the database
 * or still the broker's to deliver again (the engine knows a redelivery by
 * its digest). libmosquitto 2.0 queues a QoS 1 acknowledgement before its
 * callback sees the message, so the feed runs the library's loop itself, in
 * a network thread of its own and with the library in "threaded" mode, which
 * only queues what it sends: the thread reads what has arrived (a batch),
 * hands it to the alert engine on the main context of whoever started the
 * feed, waits until it is committed, and only then writes the
 * acknowledgements. A batch the database failed to record is not
 * acknowledged: the connection is dropped and made again (backoff from 1 to
 * 30 seconds), and the broker delivers the batch again.
 */

#define G_LOG_DOMAIN "wg-sensor-feed"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <errno.h>
#include <mosquitto.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "wg-sensor-feed.h"
#include "wg-alert-engine.h"
#include "wg-store-sensors.h"

#define KEEPALIVE_SECONDS 30
#define BATCH 512
#define DEFAULT_LEASE_SECONDS 30
/* Dropped this soon after being let in, this often: someone else connects
 * with our client id and the broker hands them our session each time. */
#define QUICK_DROP_SECONDS 5
#define QUICK_DROPS 3
#define TAKEN_OVER_PAUSE_SECONDS 60

typedef struct
{
  char *topic;
  GBytes *payload;
  guint mid;
  gboolean retained;
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

  char *purpose;
  char *holder;             /* this feed's token in the lease */
  guint lease_seconds;

  struct mosquitto *mosq;
  GMainContext *context;
  GAsyncQueue *queue;       /* of Queued, from the network thread */
  GThread *thread;
  int wake[2];              /* a pipe: wakes the network thread to stop */
  GMutex lock;
  GCond recorded;           /* a batch handed over was recorded (or failed) */
  gboolean stopping;        /* under lock */
  gboolean batch_pending;   /* under lock */
  gboolean batch_failed;    /* under lock */
  guint silence_id;
  guint lease_id;           /* renewing the lease, or waiting for it */
  guint resume_id;          /* after a session taken over */
  gboolean running;         /* started, not stopped: connected or standing by */
  WgFeedState state;
  char *problem;
  guint64 n_received;

  /* Network thread only */
  guint backoff;
  gint64 connected_at;
  gint64 drops[QUICK_DROPS];
  guint n_drops;
};

G_DEFINE_FINAL_TYPE (WgSensorFeed, wg_sensor_feed, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_RECEIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void     disconnect_broker (WgSensorFeed *self);
static gboolean resume_cb         (gpointer      data);
static void     configure_client  (WgSensorFeed *self);

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
    case WG_FEED_STATE_CONNECTING:
      return _("Connecting");
    case WG_FEED_STATE_CONNECTED:
      return _("Connected");
    case WG_FEED_STATE_RECONNECTING:
      return _("Reconnecting");
    case WG_FEED_STATE_STANDBY:
      return _("Standing by");
    case WG_FEED_STATE_TAKEN_OVER:
      return _("Session taken over");
    case WG_FEED_STATE_STOPPED:
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
  /* Step aside for a while; the lease is still ours. */
  if (self->mosq != NULL && change->state == WG_FEED_STATE_TAKEN_OVER)
    {
      disconnect_broker (self);
      self->resume_id = g_timeout_add_seconds (TAKEN_OVER_PAUSE_SECONDS, resume_cb, self);
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
  /* Always through a source: g_main_context_invoke () would run it right
   * here, on the network thread, whenever the main context is not busy —
   * and its listeners touch widgets and the database. */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_callback (source, apply_state_cb, change, NULL);
    g_source_set_name (source, "[wangge] sensor feed state");
    g_source_attach (source, self->context);
    g_source_unref (source);
  }
}

static gboolean
handle_queued (WgSensorFeed  *self,
               Queued        *queued,
               GError       **error)
{
  gsize length;
  const void *payload = g_bytes_get_data (queued->payload, &length);

  return wg_alert_engine_handle (self->engine, queued->topic, payload, length, queued->mid,
                                 queued->retained ? WG_MESSAGE_FLAGS_RETAINED : WG_MESSAGE_FLAGS_NONE,
                                 NULL, error);
}

/* Hands every queued message to the engine and tells the network thread
 * waiting for them whether they were recorded. One transaction for what
 * has come — a burst after an outage is written at the disk's (or the
 * server's) pace, not one commit per message; if it fails, the messages
 * again one by one, each its own transaction: one that cannot be recorded
 * is set aside (and said so) without holding back the others; when none
 * can be, the store is failing and they are not recorded at all (the
 * broker delivers them again). */
static void
drain (WgSensorFeed *self)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) queued_free);
  g_autoptr(GError) batch_error = NULL;
  gboolean failed = FALSE;
  Queued *queued;

  while ((queued = g_async_queue_try_pop (self->queue)) != NULL)
    g_ptr_array_add (batch, queued);

  if (batch->len > 0)
    {
      gboolean recorded = wg_alert_engine_begin_batch (self->engine, &batch_error);

      for (guint i = 0; recorded && i < batch->len; i++)
        recorded = handle_queued (self, g_ptr_array_index (batch, i), &batch_error);
      if (recorded)
        recorded = wg_alert_engine_end_batch (self->engine, &batch_error);
      else if (batch_error != NULL && wg_alert_engine_in_batch (self->engine))
        wg_alert_engine_abort_batch (self->engine);

      if (!recorded)
        {
          guint n_failed = 0;

          g_debug ("A batch of %u sensor messages is recorded one by one: %s", batch->len,
                   batch_error != NULL ? batch_error->message : "");
          for (guint i = 0; i < batch->len; i++)
            {
              g_autoptr(GError) error = NULL;

              if (!handle_queued (self, g_ptr_array_index (batch, i), &error))
                {
                  g_warning ("A sensor message was not recorded: %s", error->message);
                  n_failed++;
                }
            }
          failed = n_failed == batch->len;
        }
      self->n_received += batch->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECEIVED]);
    }

  g_mutex_lock (&self->lock);
  if (self->batch_pending)
    {
      self->batch_pending = FALSE;
      self->batch_failed = failed;
      g_cond_broadcast (&self->recorded);
    }
  g_mutex_unlock (&self->lock);
}

static gboolean
drain_cb (gpointer data)
{
  drain (data);
  return G_SOURCE_REMOVE;
}

static gboolean
check_silence_cb (gpointer data)
{
  WgSensorFeed *self = data;
  g_autoptr(GError) error = NULL;

  if (!wg_alert_engine_check_timers (self->engine, NULL, &error))
    g_warning ("Could not check for silent sensors and open doors: %s", error->message);
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
      g_autofree char *everything = g_strdup_printf ("%s/#", base);

      /* Everything under the base: friendly names may hold "/", so "+"
       * would miss them; the parser sets aside the bridge's and the
       * commands' topics. Subscribed again on every connection: the
       * session keeps it, but a broker that lost its persistence would not. */
      mosquitto_subscribe (mosq, NULL, everything, 1);
      self->connected_at = g_get_monotonic_time ();
      self->backoff = 1;
      post_state (self, WG_FEED_STATE_CONNECTED, NULL);
    }
  else
    post_state (self, WG_FEED_STATE_RECONNECTING, mosquitto_connack_string (rc));
}

static void
on_disconnect_cb (struct mosquitto *mosq,
                  void             *data,
                  int               rc)
{
  WgSensorFeed *self = data;
  gint64 now = g_get_monotonic_time ();

  /* rc 0: we asked for it. */
  if (rc == 0)
    return;

  /* Let in, then put out at once, again and again: another client has our
   * client id, and each of us takes the session from the other. Say so and
   * pause, rather than fight. */
  if (self->connected_at != 0 && now - self->connected_at < QUICK_DROP_SECONDS * G_USEC_PER_SEC)
    {
      guint n_recent = 0;

      self->drops[self->n_drops++ % QUICK_DROPS] = now;
      for (guint i = 0; i < QUICK_DROPS; i++)
        if (self->drops[i] != 0 && now - self->drops[i] < TAKEN_OVER_PAUSE_SECONDS * G_USEC_PER_SEC)
          n_recent++;
      self->connected_at = 0;
      if (n_recent >= QUICK_DROPS)
        {
          memset (self->drops, 0, sizeof self->drops);
          post_state (self, WG_FEED_STATE_TAKEN_OVER,
                      _("Another client connects to the broker with this feed's client id and takes its session: waiting a minute before trying again."));
          return;
        }
    }
  self->connected_at = 0;
  post_state (self, WG_FEED_STATE_RECONNECTING, _("The broker closed the connection."));
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
  queued->retained = message->retain;
  g_async_queue_push (self->queue, queued);
}

static gboolean
is_stopping (WgSensorFeed *self)
{
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  return stopping;
}

/* Waits @seconds, or less if the feed stops. */
static void
pause_unless_stopped (WgSensorFeed *self,
                      guint         seconds)
{
  struct pollfd wake = { self->wake[0], POLLIN, 0 };

  if (poll (&wake, 1, (int) seconds * 1000) > 0)
    {
      char byte;

      while (read (self->wake[0], &byte, 1) > 0)
        ;
    }
}

static gboolean
readable_now (int fd)
{
  struct pollfd pfd = { fd, POLLIN, 0 };

  return poll (&pfd, 1, 0) > 0 && (pfd.revents & POLLIN) != 0;
}

/* Hands what the last read brought to the main context and waits until it
 * is recorded. Returns %FALSE when it was not. */
static gboolean
hand_over (WgSensorFeed *self)
{
  GSource *source;
  gboolean failed;

  g_mutex_lock (&self->lock);
  /* Stopping: stop () records it after this thread has ended, and it is
   * not acknowledged. */
  if (self->stopping)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  self->batch_pending = TRUE;
  self->batch_failed = FALSE;
  g_mutex_unlock (&self->lock);

  source = g_idle_source_new ();
  g_source_set_callback (source, drain_cb, g_object_ref (self), g_object_unref);
  g_source_set_name (source, "[wangge] sensor messages");
  g_source_attach (source, self->context);
  g_source_unref (source);

  /* Until the main context (or stop (), which drains) has recorded it. */
  g_mutex_lock (&self->lock);
  while (self->batch_pending)
    g_cond_wait (&self->recorded, &self->lock);
  failed = self->batch_failed;
  g_mutex_unlock (&self->lock);
  return !failed;
}

/* Forgets the connection and what it had queued to send — the
 * acknowledgements of a batch that was not recorded — so that the broker
 * delivers that batch again. */
static void
drop_connection (WgSensorFeed *self)
{
  mosquitto_reinitialise (self->mosq, self->client_id, false, self);
  configure_client (self);
}

static gpointer
network_thread (gpointer data)
{
  WgSensorFeed *self = data;

  self->backoff = 1;
  while (!is_stopping (self))
    {
      struct pollfd fds[2];
      int sock = mosquitto_socket (self->mosq);
      int rc;

      if (sock < 0)
        {
          rc = mosquitto_connect (self->mosq, self->host, self->port, KEEPALIVE_SECONDS);
          if (rc != MOSQ_ERR_SUCCESS)
            {
              post_state (self, WG_FEED_STATE_RECONNECTING,
                          rc == MOSQ_ERR_ERRNO ? g_strerror (errno) : mosquitto_strerror (rc));
              pause_unless_stopped (self, self->backoff);
              self->backoff = MIN (self->backoff * 2, 30);
              continue;
            }
          sock = mosquitto_socket (self->mosq);
        }

      fds[0] = (struct pollfd) { sock, POLLIN | (mosquitto_want_write (self->mosq) ? POLLOUT : 0), 0 };
      fds[1] = (struct pollfd) { self->wake[0], POLLIN, 0 };
      if (poll (fds, 2, 1000) < 0 && errno != EINTR)
        break;
      if (fds[1].revents != 0)
        continue;

      if (fds[0].revents & (POLLIN | POLLHUP | POLLERR))
        {
          /* What has arrived, up to a batch; then recorded, then acknowledged. */
          do
            rc = mosquitto_loop_read (self->mosq, 1);
          while (rc == MOSQ_ERR_SUCCESS && g_async_queue_length (self->queue) < BATCH &&
                 mosquitto_socket (self->mosq) >= 0 && readable_now (mosquitto_socket (self->mosq)));
          if (g_async_queue_length (self->queue) > 0 && !hand_over (self))
            {
              drop_connection (self);
              if (is_stopping (self))
                break;
              post_state (self, WG_FEED_STATE_RECONNECTING,
                          _("The database did not record the latest sensor messages: the broker will deliver them again."));
              pause_unless_stopped (self, self->backoff);
              self->backoff = MIN (self->backoff * 2, 30);
              continue;
            }
        }
      if (mosquitto_socket (self->mosq) >= 0 && mosquitto_want_write (self->mosq))
        mosquitto_loop_write (self->mosq, 1);
      if (mosquitto_socket (self->mosq) >= 0)
        mosquitto_loop_misc (self->mosq);
    }

  /* Stopping: what was recorded is acknowledged, then goodbye. */
  if (mosquitto_socket (self->mosq) >= 0)
    {
      mosquitto_disconnect (self->mosq);
      for (guint i = 0; i < 50 && mosquitto_socket (self->mosq) >= 0 && mosquitto_want_write (self->mosq); i++)
        {
          struct pollfd out = { mosquitto_socket (self->mosq), POLLOUT, 0 };

          if (poll (&out, 1, 20) > 0)
            mosquitto_loop_write (self->mosq, 1);
        }
    }
  return NULL;
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
 * wg_feed_default_client_id:
 * @store: the database the feed records into
 * @error: return location for a #GError
 *
 * One client id per database and installation: the database's own id and,
 * for a desk's file, this machine's name. The app and `wangge-cli listen` on
 * one database share it — and the persistent session the broker keeps for
 * it — but only one of them holds the feed at a time (the lease). A county
 * server's feeds share one id whatever host they run on: the one that takes
 * over from another resumes its session, and what the broker kept for it.
 *
 * Returns: (transfer full): the MQTT client id, or %NULL on error
 */
char *
wg_feed_default_client_id (WgStore  *store,
                           GError  **error)
{
  g_autofree char *host = g_ascii_strdown (g_get_host_name (), -1);
  g_autofree char *database_id = wg_store_dup_database_id (store, error);

  if (database_id == NULL)
    return NULL;
  if (wg_store_is_location_uri (wg_store_get_location (store)))
    return g_strdup_printf ("wangge-%.16s", database_id);
  g_strcanon (host, "abcdefghijklmnopqrstuvwxyz0123456789-", '-');
  return g_strdup_printf ("wangge-%.16s-%.32s", database_id, host);
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
  g_return_val_if_fail (!self->running, FALSE);

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

static void
set_state (WgSensorFeed *self,
           WgFeedState   state,
           const char   *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
configure_client (WgSensorFeed *self)
{
  mosquitto_connect_callback_set (self->mosq, on_connect_cb);
  mosquitto_disconnect_callback_set (self->mosq, on_disconnect_cb);
  mosquitto_message_callback_set (self->mosq, on_message_cb);
  mosquitto_int_option (self->mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  /* Sending only queues: the network thread writes, once it may. */
  mosquitto_threaded_set (self->mosq, true);
  if (self->username != NULL)
    mosquitto_username_pw_set (self->mosq, self->username, self->password);
  if (self->tls || self->ca_file != NULL)
    mosquitto_tls_set (self->mosq, self->ca_file, self->ca_file != NULL ? NULL : "/etc/ssl/certs", NULL, NULL, NULL);
}

/* Creates the client and starts its network thread. */
static gboolean
connect_broker (WgSensorFeed  *self,
                GError       **error)
{
  static gsize initialized = 0;
  int rc;

  if (g_once_init_enter (&initialized))
    {
      mosquitto_lib_init ();
      g_once_init_leave (&initialized, 1);
    }

  /* clean_session false: the broker keeps what comes while we are away. */
  self->mosq = mosquitto_new (self->client_id, false, self);
  if (self->mosq == NULL)
    return mosquitto_failed (MOSQ_ERR_ERRNO, error);
  self->connected_at = 0;
  self->n_drops = 0;
  memset (self->drops, 0, sizeof self->drops);

  configure_client (self);
  /* Checked here, where a mistake can still be told. */
  if ((self->username != NULL &&
       (rc = mosquitto_username_pw_set (self->mosq, self->username, self->password)) != MOSQ_ERR_SUCCESS) ||
      ((self->tls || self->ca_file != NULL) &&
       (rc = mosquitto_tls_set (self->mosq, self->ca_file, self->ca_file != NULL ? NULL : "/etc/ssl/certs",
                                NULL, NULL, NULL)) != MOSQ_ERR_SUCCESS))
    {
      g_clear_pointer (&self->mosq, mosquitto_destroy);
      return mosquitto_failed (rc, error);
    }
  if (!g_unix_open_pipe (self->wake, FD_CLOEXEC, error) ||
      !g_unix_set_fd_nonblocking (self->wake[0], TRUE, error))
    {
      g_clear_pointer (&self->mosq, mosquitto_destroy);
      return FALSE;
    }

  /* Another feed may have recorded messages while this one stood by: their
   * redeliveries must be known as such. */
  wg_alert_engine_catch_up (self->engine);

  set_state (self, WG_FEED_STATE_CONNECTING, NULL);
  self->stopping = FALSE;
  self->batch_pending = FALSE;
  self->thread = g_thread_new ("wangge-mqtt", network_thread, self);

  self->silence_id = g_timeout_add_seconds (60, check_silence_cb, self);
  return TRUE;
}

/* Stops the client; what it received is recorded and acknowledged. */
static void
disconnect_broker (WgSensorFeed *self)
{
  char byte = 0;

  if (self->mosq == NULL)
    return;
  g_clear_handle_id (&self->silence_id, g_source_remove);
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_mutex_unlock (&self->lock);
  /* A batch the thread waits for is recorded here, not left to a main
   * loop that may not run again. */
  drain (self);
  if (write (self->wake[1], &byte, 1) < 0)
    g_warning ("Could not wake the sensor feed's thread: %s", g_strerror (errno));
  g_clear_pointer (&self->thread, g_thread_join);
  g_clear_pointer (&self->mosq, mosquitto_destroy);
  close (self->wake[0]);
  close (self->wake[1]);
  self->wake[0] = self->wake[1] = -1;
  /* Read after the last batch: recorded now, acknowledged never — the
   * broker delivers them again and the engine knows them. */
  drain (self);
}

static char *
describe_holder (const WgFeedLease *lease)
{
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_local (lease->taken_at);
  g_autofree char *since_text = g_date_time_format (since, "%Y-%m-%d %H:%M:%S");

  g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, lease->pid);

  /* Translators: "… held by wangge-cli listen on desk-3 (process 4711) since 2026-11-29 10:00:00." */
  return g_strdup_printf (_("The sensor feed of this database is held by %s on %s (process %s) since %s."),
                          g_str_equal (lease->purpose, "listen") ? "wangge-cli listen" : _("the Wangge application"),
                          lease->host, pid, since_text);
}

/* Takes or renews the lease; connects when it is ours, stands by when it
 * is another's. */
static void
check_lease (WgSensorFeed *self)
{
  g_autoptr(WgFeedLease) other = NULL;
  g_autoptr(GError) error = NULL;
  gboolean taken = FALSE;

  if (!wg_store_take_feed_lease (wg_alert_engine_get_store (self->engine), self->holder, self->purpose,
                                 self->lease_seconds, g_get_real_time () / G_USEC_PER_SEC, &taken,
                                 &other, &error))
    {
      /* A busy database now and then: keep what we have, try again soon. */
      g_debug ("The feed's lease: %s", error->message);
      return;
    }
  if (!taken)
    {
      g_autofree char *problem = other != NULL ? describe_holder (other)
                                 : g_strdup (_("Another feed holds the sensor feed of this database."));

      disconnect_broker (self);
      g_clear_handle_id (&self->resume_id, g_source_remove);
      if (self->state != WG_FEED_STATE_STANDBY || g_strcmp0 (self->problem, problem) != 0)
        set_state (self, WG_FEED_STATE_STANDBY, problem);
      return;
    }
  if (self->mosq == NULL && self->resume_id == 0 && !connect_broker (self, &error))
    set_state (self, WG_FEED_STATE_RECONNECTING, error->message);
}

static gboolean
lease_cb (gpointer data)
{
  check_lease (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
resume_cb (gpointer data)
{
  WgSensorFeed *self = data;

  self->resume_id = 0;
  check_lease (self);
  return G_SOURCE_REMOVE;
}

/**
 * wg_sensor_feed_start:
 * @self: a #WgSensorFeed
 * @error: return location for a #GError
 *
 * Takes the database's lease on its sensor feed and connects in the
 * background, and keeps connecting: a broker that is down now is not an
 * error, only a state. When another feed holds the lease, this one stands
 * by (state %WG_FEED_STATE_STANDBY, the problem says who holds it) and takes over
 * when that lease lapses.
 *
 * Returns: %FALSE for settings that cannot work (a missing CA file…)
 */
gboolean
wg_sensor_feed_start (WgSensorFeed  *self,
                      GError       **error)
{
  WgStore *store;

  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  if (self->host == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No broker is set: write its address in Preferences."));
      return FALSE;
    }
  if (self->ca_file != NULL && !g_file_test (self->ca_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The CA certificate “%s” does not exist."), self->ca_file);
      return FALSE;
    }
  store = wg_alert_engine_get_store (self->engine);
  if (self->client_id == NULL && !(self->client_id = wg_feed_default_client_id (store, error)))
    return FALSE;
  if (self->holder == NULL)
    self->holder = g_uuid_string_random ();

  self->context = g_main_context_ref_thread_default ();
  self->running = TRUE;
  /* Every second: the store renews a lease only a third of the way through
   * it, and a feed standing by takes over within a second of the lease
   * being let go (at once on the county server, where the lease is a lock
   * the server lets go when its holder's connection ends). */
  self->lease_id = g_timeout_add_seconds (1, lease_cb, self);
  check_lease (self);
  if (self->mosq == NULL && self->state != WG_FEED_STATE_STANDBY && self->state != WG_FEED_STATE_RECONNECTING)
    {
      wg_sensor_feed_stop (self);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The sensor feed could not start."));
      return FALSE;
    }
  return TRUE;
}

/**
 * wg_sensor_feed_stop:
 * @self: a #WgSensorFeed
 *
 * Disconnects, hands every message received so far to the engine, and lets
 * the lease go.
 */
void
wg_sensor_feed_stop (WgSensorFeed *self)
{
  g_return_if_fail (WG_IS_SENSOR_FEED (self));

  if (!self->running)
    return;

  self->running = FALSE;
  g_clear_handle_id (&self->lease_id, g_source_remove);
  g_clear_handle_id (&self->resume_id, g_source_remove);
  disconnect_broker (self);
  wg_store_release_feed_lease (wg_alert_engine_get_store (self->engine), self->holder, NULL);
  g_clear_pointer (&self->context, g_main_context_unref);

  set_state (self, WG_FEED_STATE_STOPPED, NULL);
}

WgFeedState
wg_sensor_feed_get_state (WgSensorFeed *self)
{
  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), WG_FEED_STATE_STOPPED);

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
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->recorded);
  g_free (self->host);
  g_free (self->broker);
  g_free (self->username);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->ca_file);
  g_free (self->client_id);
  g_free (self->purpose);
  g_free (self->holder);
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
    g_param_spec_int ("state", NULL, NULL, WG_FEED_STATE_STOPPED, WG_FEED_STATE_TAKEN_OVER, WG_FEED_STATE_STOPPED,
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
  g_mutex_init (&self->lock);
  g_cond_init (&self->recorded);
  self->wake[0] = self->wake[1] = -1;
  self->purpose = g_strdup ("app");
  self->lease_seconds = DEFAULT_LEASE_SECONDS;
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

/**
 * wg_sensor_feed_set_purpose:
 * @self: a #WgSensorFeed, not started
 * @purpose: "app" or "listen": told to whoever finds the lease taken
 */
void
wg_sensor_feed_set_purpose (WgSensorFeed *self,
                            const char   *purpose)
{
  g_return_if_fail (WG_IS_SENSOR_FEED (self));
  g_return_if_fail (purpose != NULL);

  g_free (self->purpose);
  self->purpose = g_strdup (purpose);
}

/**
 * wg_sensor_feed_set_lease_seconds:
 * @self: a #WgSensorFeed, not started
 * @seconds: how long the lease outlives this feed if it dies (renewed every
 *   third of it while it runs)
 */
void
wg_sensor_feed_set_lease_seconds (WgSensorFeed *self,
                                  guint         seconds)
{
  g_return_if_fail (WG_IS_SENSOR_FEED (self));
  g_return_if_fail (!self->running);

  self->lease_seconds = MAX (seconds, 3);
}

const char *
wg_sensor_feed_get_client_id (WgSensorFeed *self)
{
  g_return_val_if_fail (WG_IS_SENSOR_FEED (self), NULL);

  return self->client_id;
}
