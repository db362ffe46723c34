/* wg-test-broker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A private mosquitto for a test: on a free loopback port, with
 * persistence in the test's folder, and a QoS 1 publisher that waits until
 * the broker has every message.
 */

#pragma once

#include <gio/gio.h>
#include <mosquitto.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  char *dir;
  int port;
  GPid pid;
} Broker;

static inline int
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static inline gboolean
port_open (int port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection =
    g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

  return connection != NULL;
}

/* The broker dies with the test, even one that aborts: an orphan would hold
 * the test's output open and keep meson waiting. */
static inline void
broker_child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* The broker settings Wangge ships (data/mosquitto/wangge.conf), then the
 * test's own listener and folders. */
static inline void
broker_start (Broker *broker)
{
  g_autofree char *conf = g_build_filename (broker->dir, "mosquitto.conf", NULL);
  g_autofree char *shipped_path = g_build_filename (g_getenv ("WANGGE_SOURCE_ROOT"), "data", "mosquitto",
                                                    "wangge.conf", NULL);
  g_autofree char *shipped = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "mosquitto", "-c", conf, NULL };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* As root, mosquitto drops to its own user and can no longer save its
   * persistence into a root-owned folder: stay root. */
  g_assert_true (g_file_get_contents (shipped_path, &shipped, NULL, &error));
  text = g_strdup_printf ("%s\nlistener %d 127.0.0.1\nallow_anonymous true\n"
                          "persistence_location %s/\nautosave_interval 1\n"
                          "log_dest file %s/broker.log\n%s",
                          shipped, broker->port, broker->dir, broker->dir,
                          geteuid () == 0 ? "user root\n" : "");
  g_assert_true (g_file_set_contents (conf, text, -1, NULL));
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                broker_child_setup, NULL, &broker->pid, &error));
  g_assert_no_error (error);
  while (!port_open (broker->port) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_true (port_open (broker->port));
}

static inline void
broker_stop (Broker *broker)
{
  int status;

  if (broker->pid == 0)
    return;
  kill (broker->pid, SIGTERM);
  waitpid (broker->pid, &status, 0);
  g_spawn_close_pid (broker->pid);
  broker->pid = 0;
}

static inline char *
broker_url (Broker *broker)
{
  return g_strdup_printf ("mqtt://127.0.0.1:%d", broker->port);
}

/* Publishes with QoS 1 and waits until the broker has every message. */
typedef struct
{
  int pending;
} Publisher;

static inline void
on_published_cb (struct mosquitto *mosq,
                 void             *data,
                 int               mid)
{
  ((Publisher *) data)->pending--;
}

static inline void
publish_all (Broker      *broker,
             const char  *topic,
             GPtrArray   *payloads) /* of GBytes */
{
  Publisher publisher = { 0 };
  struct mosquitto *mosq = mosquitto_new (NULL, true, &publisher);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  mosquitto_publish_callback_set (mosq, on_published_cb);
  g_assert_cmpint (mosquitto_connect (mosq, "127.0.0.1", broker->port, 30), ==, MOSQ_ERR_SUCCESS);
  for (guint i = 0; i < payloads->len; i++)
    {
      gsize length;
      const void *data = g_bytes_get_data (g_ptr_array_index (payloads, i), &length);

      publisher.pending++;
      g_assert_cmpint (mosquitto_publish (mosq, NULL, topic, length, data, 1, false), ==, MOSQ_ERR_SUCCESS);
    }
  while (publisher.pending > 0 && g_get_monotonic_time () < deadline)
    mosquitto_loop (mosq, 50, 1);
  g_assert_cmpint (publisher.pending, ==, 0);
  mosquitto_disconnect (mosq);
  mosquitto_destroy (mosq);
}

static inline void
publish (Broker     *broker,
         const char *topic,
         const char *payload)
{
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (payloads, g_bytes_new (payload, strlen (payload)));
  publish_all (broker, topic, payloads);
}

