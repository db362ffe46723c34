/* test-engines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The county server beside a desk's file: what only the two engines
 * together can show. Run by tests/run-pg.sh (a private PostgreSQL cluster).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <unistd.h>

#include "wg-test-broker.h"
#include "wg-test-z2m.h"

#include "wg-alert-engine.h"
#include "wg-store-alerts.h"
#include "wg-store-sensors.h"
#include "wg-store-copy.h"
#include "wg-store-persons.h"
#include "wg-store-pg.h"
#include "wg-store-search.h"
#include "wg-store-records.h"
#include "wg-store.h"
#include "wg-test-db.h"
#include "wg-test-qr.h"
#include "wg-test-util.h"

static char *dir;

static const char *
cli_path (void)
{
  return g_getenv ("WANGGE_CLI");
}

/* A desk's file up to the server and back down: the same county all the
 * way (the digest), a copy into a county refused, ids going on after the
 * copied ones. */
static void
test_copy_round_trip (void)
{
  g_autofree char *file = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *back = g_build_filename (dir, "snapshot.db", NULL);
  g_autofree char *server = wg_test_database (dir, "county");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *d1 = NULL;
  g_autofree char *d2 = NULL;
  g_autofree char *d3 = NULL;

  g_assert_cmpint (wg_test_run (&out, &err, cli_path (), "--db", file, "demo", "--scale", "small", "--seed", "11",
                                NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wg_test_run (&out, &err, cli_path (), "copy", file, server, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "the same county on both"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wg_test_run (&out, &err, cli_path (), "copy", server, back, NULL), ==, 0);

  d1 = wg_test_digest (file);
  d2 = wg_test_digest (server);
  d3 = wg_test_digest (back);
  g_assert_cmpstr (d1, ==, d2);
  g_assert_cmpstr (d2, ==, d3);

  /* Into a county: refused, nothing changed. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wg_test_run (&out, &err, cli_path (), "copy", file, server, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds a county"));
  {
    g_autofree char *again = wg_test_digest (server);

    g_assert_cmpstr (again, ==, d1);
  }

  /* New rows on the server go on after the copied ids. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WgStore) store = wg_store_open (server, 0, &error);
    WgPersonFields person = { "11010519491231002X", "冯蕾", "13912345678", "户主", 0 };
    gint64 id = 0;

    g_assert_no_error (error);
    g_assert_true (wg_store_add_person (store, &person, &id, &error));
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 1000);
  }
}

/* The server's database is checked like a file: a schema newer than this
 * program, or tables that are not ours, are refused untouched. */
static void
test_refusals (void)
{
  g_autofree char *server = wg_test_database (dir, "newer");
  g_autofree char *foreign = wg_test_database (dir, "foreign");
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;

  {
    g_autoptr(WgStore) store = wg_store_open (server, WG_STORE_OPEN_FLAGS_CREATE, &error);

    g_assert_no_error (error);
    /* The baseline (6) and the server's migrations since, at once. */
    g_assert_cmpuint (wg_store_get_schema_version (store), ==, wg_store_latest_version ());
  }
  /* Someone else's tables, and a newer schema, written with libpq. */
  {
    g_autofree char *db = g_strdup (strstr (server, ":///") + 4);
    PGconn *conn;

    *strchr (db, '?') = '\0';
    conninfo = g_strdup_printf ("host=%s user=postgres dbname=%s", g_getenv ("WANGGE_TEST_PG"), db);
    conn = PQconnectdb (conninfo);
    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
    PQclear (PQexec (conn, "UPDATE wangge_schema SET version = version + 1"));
    PQfinish (conn);
  }
  g_assert_null (wg_store_open (server, 0, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);
  {
    g_autofree char *db = g_strdup (strstr (foreign, ":///") + 4);
    PGconn *conn;

    *strchr (db, '?') = '\0';
    g_free (conninfo);
    conninfo = g_strdup_printf ("host=%s user=postgres dbname=%s", g_getenv ("WANGGE_TEST_PG"), db);
    conn = PQconnectdb (conninfo);
    PQclear (PQexec (conn, "CREATE TABLE ledger (id integer)"));
    PQfinish (conn);
  }
  g_assert_null (wg_store_open (foreign, WG_STORE_OPEN_FLAGS_CREATE, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE);
}

typedef struct
{
  char *subject;
  char *id;
  guint count;
} Heard;

static void
on_remote_changed (WgStore    *store,
                   const char *subject,
                   const char *id,
                   Heard      *heard)
{
  g_free (heard->subject);
  g_free (heard->id);
  heard->subject = g_strdup (subject);
  heard->id = g_strdup (id);
  heard->count++;
}

/* Runs the main context until @heard has heard @subject, two seconds at
 * the most; returns how long it took, in milliseconds. */
static gint64
hear (Heard      *heard,
      const char *subject)
{
  gint64 start = g_get_monotonic_time ();
  gint64 until = start + 2 * G_USEC_PER_SEC;

  while (g_strcmp0 (heard->subject, subject) != 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
  g_assert_cmpstr (heard->subject, ==, subject);
  return (g_get_monotonic_time () - start) / 1000;
}

/* Two desks on one county: what one commits, the other hears within two
 * seconds (not what it commits itself), and reads. */
static void
test_two_desks (void)
{
  g_autofree char *server = wg_test_database (dir, "desks");
  g_autoptr(WgStore) a = NULL;
  g_autoptr(WgStore) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  Heard heard_a = { 0 }, heard_b = { 0 };
  const WgAlertInfo *alert;
  gint64 person_id;

  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (wg_test_run (&out, &err, cli_path (), "--db", server, "demo", "--scale", "small", NULL), ==, 0);
  a = wg_store_open (server, 0, &error);
  g_assert_no_error (error);
  b = wg_store_open (server, 0, &error);
  g_assert_no_error (error);
  wg_store_set_operator (a, "值班员甲");
  wg_store_set_operator (b, "值班员乙");
  g_signal_connect (a, "remote-changed", G_CALLBACK (on_remote_changed), &heard_a);
  g_signal_connect (b, "remote-changed", G_CALLBACK (on_remote_changed), &heard_b);
  wg_store_watch (a);
  wg_store_watch (b);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wg_test_run (&out, &err, cli_path (), "--db", server, "sensors", "register", "0xfeedface00000001",
                                NULL), ==, 0);
  g_assert_cmpstr (heard_b.subject, ==, NULL);
  g_test_message ("sensor heard by B in %" G_GINT64_FORMAT " ms", hear (&heard_b, "sensor"));

  /* A phone number corrected at A shows at B. */
  person_id = wg_store_find_person (a, "141021198003150013", NULL);
  if (person_id <= 0)
    {
      WgPersonFields fields = { "141021198003150013", "欧阳娜", "13700001234", "配偶", 0 };

      g_assert_true (wg_store_add_person (a, &fields, &person_id, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&heard_b.subject, g_free);
  g_assert_true (wg_store_update_person (a, person_id, "欧阳娜", "13912340000", "配偶", &error));
  g_assert_no_error (error);
  g_test_message ("person heard by B in %" G_GINT64_FORMAT " ms", hear (&heard_b, "person"));
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, person_id);
    g_autoptr(WgPersonInfo) info = wg_store_read_person (b, person_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (heard_b.id, ==, expected);
    g_assert_cmpstr (info->phone, ==, "13912340000");
  }
  /* A heard nothing of its own commits. */
  g_assert_cmpuint (heard_a.count, ==, 1);
  g_assert_cmpstr (heard_a.subject, ==, "sensor");

  /* A door opens on a home in quarantine: the sensor feed (its own
   * connection) raises the alert, both desks hear it; desk A acknowledges
   * it, desk B hears that and reads it acknowledged by A's operator. */
  {
    g_autoptr(WgStore) feed_store = wg_store_open (server, 0, &error);
    g_autoptr(WgAlertEngine) engine = NULL;
    g_autoptr(GPtrArray) sensors = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(WgAlertInfo) seen = NULL;
    g_autofree char *topic = NULL;
    g_autofree char *expected = NULL;
    const char *device = NULL;

    g_assert_no_error (error);
    engine = wg_alert_engine_new (feed_store, NULL);
    sensors = wg_store_list_sensors (feed_store, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < sensors->len && device == NULL; i++)
      if (((WgSensorInfo *) g_ptr_array_index (sensors, i))->armed)
        device = ((WgSensorInfo *) g_ptr_array_index (sensors, i))->device;
    g_assert_nonnull (device);
    topic = g_strdup_printf ("zigbee2mqtt/%s", device);
    g_clear_pointer (&heard_a.subject, g_free);
    g_clear_pointer (&heard_b.subject, g_free);
    g_assert_true (wg_alert_engine_handle (engine, topic, "{\"contact\":true}", 16, 1, WG_MESSAGE_FLAGS_NONE, now,
                                           &error));
    g_assert_true (wg_alert_engine_handle (engine, topic, "{\"contact\":false}", 17, 2, WG_MESSAGE_FLAGS_NONE, now,
                                           &error));
    g_assert_no_error (error);
    g_test_message ("alert heard by A in %" G_GINT64_FORMAT " ms", hear (&heard_a, "alert"));
    alerts = wg_store_list_alerts (a, TRUE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (alerts->len, ==, 1);
    alert = g_ptr_array_index (alerts, 0);
    g_assert_cmpint (alert->kind, ==, WG_ALERT_KIND_DOOR_OPENED);
    expected = g_strdup_printf ("%" G_GINT64_FORMAT, alert->id);

    g_clear_pointer (&heard_b.subject, g_free);
    g_assert_true (wg_store_acknowledge_alert (a, alert->id, &error));
    g_assert_no_error (error);
    g_test_message ("acknowledgement heard by B in %" G_GINT64_FORMAT " ms", hear (&heard_b, "alert"));
    g_assert_cmpstr (heard_b.id, ==, expected);
    seen = wg_store_get_alert (b, alert->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (seen->state, ==, WG_ALERT_STATE_ACKNOWLEDGED);
    g_assert_cmpstr (seen->acknowledged_by, ==, "值班员甲");
  }
  g_free (heard_a.subject);
  g_free (heard_a.id);
  g_free (heard_b.subject);
  g_free (heard_b.id);
}

/* The server stopped and started again: a desk connects again by itself,
 * says so once ("all"), and works as before. */
static void
test_server_restart (void)
{
  g_autofree char *server = wg_test_database (dir, "restart");
  g_autofree char *data = g_build_filename (g_getenv ("WANGGE_TEST_PG"), "data", NULL);
  g_autofree char *log = g_build_filename (g_getenv ("WANGGE_TEST_PG"), "server.log", NULL);
  g_autoptr(WgStore) desk = NULL;
  g_autoptr(GError) error = NULL;
  Heard heard = { 0 };
  gint64 until;
  WgLevelCounts counts;

  desk = wg_store_open (server, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_signal_connect (desk, "remote-changed", G_CALLBACK (on_remote_changed), &heard);
  wg_store_watch (desk);

  if (getuid () == 0)
    g_assert_cmpint (wg_test_run (NULL, NULL, "runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl",
                                  "-D", data, "-l", log, "-s", "-m", "fast", "-w", "restart", NULL), ==, 0);
  else
    g_assert_cmpint (wg_test_run (NULL, NULL, "/usr/lib/postgresql/15/bin/pg_ctl", "-D", data, "-l", log, "-s",
                                  "-m", "fast", "-w", "restart", NULL), ==, 0);

  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_strcmp0 (heard.subject, "all") != 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  g_assert_cmpstr (heard.subject, ==, "all");
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_true (wg_store_count (desk, NULL, &counts, &error));
  g_assert_no_error (error);
  g_free (heard.subject);
  g_free (heard.id);
}

static void
sql_as_owner (const char *location,
              const char *sql)
{
  g_autofree char *db = g_strdup (strstr (location, ":///") + 4);
  g_autofree char *conninfo = NULL;
  PGconn *conn;
  PGresult *result;

  *strchr (db, '?') = '\0';
  conninfo = g_strdup_printf ("host=%s user=postgres dbname=%s", g_getenv ("WANGGE_TEST_PG"), db);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s", PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* The same county as another login role. */
static char *
as_user (const char *location,
         const char *user)
{
  g_autofree char *bare = g_strndup (location, strstr (location, "&user=") - location);

  return g_strdup_printf ("%s&user=%s", bare, user);
}

/* server-init makes the roles; a viewer desk reads, is told it may only
 * read, and the server refuses its writes whatever it sends; an operator
 * writes. */
static void
test_roles (void)
{
  g_autofree char *server = wg_test_database (dir, "roles");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *viewer_uri = NULL;
  g_autofree char *operator_uri = NULL;
  g_autoptr(WgStore) viewer = NULL;
  g_autoptr(WgStore) operator = NULL;
  g_autoptr(GError) error = NULL;
  WgPersonFields fields = { "141021198003150013", "欧阳娜", "13700001234", "配偶", 0 };
  WgLevelCounts counts;
  gint64 id = 0;

  g_assert_cmpint (wg_test_run (&out, &err, cli_path (), "--db", server, "server-init", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "wangge_viewer"));
  sql_as_owner (server, "DO $$ BEGIN"
                        "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leader_screen') THEN"
                        "    CREATE ROLE leader_screen LOGIN IN ROLE wangge_viewer; END IF;"
                        "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'duty_desk') THEN"
                        "    CREATE ROLE duty_desk LOGIN IN ROLE wangge_operator; END IF;"
                        " END $$");
  viewer_uri = as_user (server, "leader_screen");
  operator_uri = as_user (server, "duty_desk");

  viewer = wg_store_open (viewer_uri, 0, &error);
  g_assert_no_error (error);
  g_assert_true (wg_store_is_read_only (viewer));
  g_assert_true (wg_store_count (viewer, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_add_person (viewer, &fields, &id, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  operator = wg_store_open (operator_uri, 0, &error);
  g_assert_no_error (error);
  g_assert_false (wg_store_is_read_only (operator));
  g_assert_true (wg_store_add_person (operator, &fields, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wg_store_find_person (viewer, "141021198003150013", NULL), ==, id);
}

static void sql_as_owner (const char *location, const char *sql);
static char *server_value (const char *location, const char *sql);
static gint64 server_int (const char *location, const char *sql);

/* The server's schema, as test-store checks a file's (a newer schema and
 * someone else's tables: /wg/engines/refusals): a database without a
 * county is not made one unasked; the baseline the server came with
 * (version 6) is migrated, in one transaction, keeping its rows. */
static void
test_schema (void)
{
  g_autofree char *empty = wg_test_database (dir, "empty");
  g_autofree char *old = wg_test_database (dir, "baseline");
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  WgLevelCounts counts;

  /* No county there yet: said so, nothing made. */
  g_assert_null (wg_store_open (empty, WG_STORE_OPEN_FLAGS_DEFAULT, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "wangge-cli init"));
  g_clear_error (&error);
  g_assert_cmpint (server_int (empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), ==, 0);

  /* The baseline, with a county in it, as a server of that version left it. */
  sql_as_owner (old, wg_store_pg_baseline ());
  sql = g_strdup_printf ("INSERT INTO wangge_schema (version, application_id) VALUES (6, %d);"
                         " INSERT INTO signing_key (key, created_at) VALUES (decode (repeat ('ab', 32), 'hex'),"
                         "  '2026-11-01 08:00:00');"
                         " INSERT INTO grid (id, parent_id, level, code, name) VALUES"
                         "  (1, NULL, 1, '141021', '曲沃县'), (2, 1, 2, '141021100', '乐昌镇'),"
                         "  (3, 2, 3, '141021100200', '东韩村'), (4, 3, 4, '14102110020001', '一组'),"
                         "  (5, 4, 5, '1410211002000101', '第一网格');"
                         " INSERT INTO household (id, grid_id, code, address) VALUES"
                         "  (1, 5, 'K7Q2M9XW4D', '曲沃县乐昌镇东韩村一组1号');"
                         " INSERT INTO person (id, household_id, id_number, name, sex, birth_date) VALUES"
                         "  (1, 1, '11010519491231002X', '王芳', 2, '1949-12-31');",
                         WG_STORE_APPLICATION_ID);
  sql_as_owner (old, sql);
  /* An operator's desk cannot upgrade it (the schema is its owner's), and
   * says who can. */
  sql_as_owner (old, wg_store_pg_roles_sql ());
  sql_as_owner (old, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'night_desk') THEN"
                     " CREATE ROLE night_desk LOGIN IN ROLE wangge_operator; END IF; END $$");
  {
    g_autofree char *operator_uri = g_strdup_printf ("%.*s&user=night_desk", (int) (strstr (old, "&user=") - old),
                                                     old);

    g_assert_null (wg_store_open (operator_uri, WG_STORE_OPEN_FLAGS_DEFAULT, &error));
    g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "server-init"));
    g_clear_error (&error);
    g_assert_cmpint (server_int (old, "SELECT version FROM wangge_schema"), ==, 6);
  }
  store = wg_store_open (old, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wg_store_get_schema_version (store), ==, wg_store_latest_version ());
  g_assert_true (wg_store_count (store, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.households, ==, 1);
  g_assert_cmpuint (counts.persons, ==, 1);
  found = wg_store_search (store, "王芳", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  /* Version 7's row versions, for rows that were there before it. */
  g_assert_cmpint (server_int (old, "SELECT version FROM person WHERE id = 1"), ==, 1);
  g_assert_cmpint (server_int (old, "SELECT version FROM household WHERE id = 1"), ==, 1);
}

/* The first cell of @sql's answer on the server, as the owner sees it. */
static char *
server_value (const char *location,
              const char *sql)
{
  g_autofree char *db = g_strdup (strstr (location, ":///") + 4);
  g_autofree char *conninfo = NULL;
  char *value = NULL;
  PGconn *conn;
  PGresult *result;

  *strchr (db, '?') = '\0';
  conninfo = g_strdup_printf ("host=%s user=postgres dbname=%s", g_getenv ("WANGGE_TEST_PG"), db);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static gint64
server_int (const char *location,
            const char *sql)
{
  g_autofree char *value = server_value (location, sql);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : -1;
}

typedef struct
{
  Broker *broker;
  char *topic;
  GPtrArray *payloads; /* of char * */
  Publisher publisher;
} Stream;

/* A door sensor's reports, one every two milliseconds or so, each its own
 * (the link quality counts up), with QoS 1 as Zigbee2MQTT sends them when
 * told to; returns once the broker has them all. */
static gpointer
stream_thread (gpointer data)
{
  Stream *stream = data;
  struct mosquitto *mosq = mosquitto_new (NULL, true, &stream->publisher);
  gint64 deadline;

  mosquitto_publish_callback_set (mosq, on_published_cb);
  g_assert_cmpint (mosquitto_connect (mosq, "127.0.0.1", stream->broker->port, 30), ==, MOSQ_ERR_SUCCESS);
  for (guint i = 0; i < stream->payloads->len; i++)
    {
      const char *payload = g_ptr_array_index (stream->payloads, i);

      stream->publisher.pending++;
      g_assert_cmpint (mosquitto_publish (mosq, NULL, stream->topic, strlen (payload), payload, 1, false), ==,
                       MOSQ_ERR_SUCCESS);
      mosquitto_loop (mosq, 2, 1);
    }
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (stream->publisher.pending > 0 && g_get_monotonic_time () < deadline)
    mosquitto_loop (mosq, 50, 1);
  mosquitto_disconnect (mosq);
  mosquitto_destroy (mosq);
  return GINT_TO_POINTER (stream->publisher.pending == 0);
}

static GPid
spawn_listen (const char *server,
              const char *url,
              const char *log)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strdup_printf ("exec '%s' --db '%s' listen --broker %s 2>>'%s' >/dev/null",
                                              cli_path (), server, url, log);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, broker_child_setup, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static gint64
wait_for_count (const char *server,
                gint64      count,
                double      seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  gint64 n;

  while ((n = server_int (server, "SELECT count(*) FROM sensor_event")) < count && g_get_monotonic_time () < until)
    g_usleep (5000);
  return n;
}

/* Two `wangge-cli listen` on one county server: one holds the feed (the
 * server's advisory lock) and the broker session, the other stands by. The
 * holder is killed with SIGKILL in the middle of a stream of 1,000 door
 * reports: the standby takes over by itself, and every report is recorded
 * exactly once — none lost with the holder (a report is acknowledged only
 * once committed), none twice (a redelivery is known by its digest). */
static void
test_feed_failover (void)
{
  g_autofree char *server = wg_test_database (dir, "failover");
  g_autofree char *log = g_build_filename (dir, "listen.log", NULL);
  g_autofree char *device = NULL;
  g_autofree char *url = NULL;
  g_autoptr(JsonObject) fixture = wg_test_z2m_load ("aqara-mccgq11lm");
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *log_text = NULL;
  Broker broker = { 0 };
  Stream stream = { 0 };
  GThread *publisher;
  GPid pids[2];
  GPid holder, standby;
  gint64 killed_at, resumed_at, at_kill, n, base;
  g_autofree char *demo_out = NULL, *demo_err = NULL;
  int status;

  g_assert_cmpint (wg_test_run (&demo_out, &demo_err, cli_path (), "--db", server, "demo", "--scale", "small",
                                "--seed", "3", NULL), ==, 0);
  /* A server location is not a path: no folder made for it. */
  g_assert_false (g_file_test ("postgresql:", G_FILE_TEST_EXISTS));
  device = server_value (server, "SELECT device FROM sensor WHERE household_id IS NOT NULL ORDER BY id LIMIT 1");
  g_assert_nonnull (device);
  g_assert_cmpint (server_int (server, "SELECT count(*) FROM sensor_event"), ==, 0);

  broker.dir = g_build_filename (dir, "broker", NULL);
  g_assert_cmpint (g_mkdir_with_parents (broker.dir, 0700), ==, 0);
  broker.port = free_port ();
  broker_start (&broker);
  url = broker_url (&broker);

  pids[0] = spawn_listen (server, url, log);
  pids[1] = spawn_listen (server, url, log);
  /* One of them holds the feed… */
  for (int i = 0; i < 1000 && server_int (server, "SELECT pid FROM feed_lease") <= 0; i++)
    g_usleep (10000);
  holder = (GPid) server_int (server, "SELECT pid FROM feed_lease");
  g_assert_true (holder == pids[0] || holder == pids[1]);
  standby = holder == pids[0] ? pids[1] : pids[0];

  /* … and has the broker session: a first report is recorded. */
  stream.broker = &broker;
  stream.topic = g_strdup_printf ("zigbee2mqtt/%s", device);
  stream.payloads = payloads;
  for (guint i = 0; i < 1001; i++)
    {
      g_autoptr(JsonNode) node = json_node_copy (json_object_get_member (fixture, i % 2 ? "open" : "closed"));

      json_object_set_int_member (json_node_get_object (node), "linkquality", i);
      g_ptr_array_add (payloads, json_to_string (node, FALSE));
    }
  /* Until the holder has subscribed, a report has nobody to go to: warm-ups
   * until one is recorded. */
  for (guint i = 0; server_int (server, "SELECT count(*) FROM sensor_event") == 0; i++)
    {
      g_autofree char *warm_up = g_strdup_printf ("{\"contact\":true,\"linkquality\":%u}", 5000 + i);

      g_assert_cmpuint (i, <, 200);
      publish (&broker, stream.topic, warm_up);
      g_usleep (100000);
    }
  g_usleep (500000);
  base = server_int (server, "SELECT count(*) FROM sensor_event");
  g_ptr_array_remove_index (payloads, 0);

  publisher = g_thread_new ("publisher", stream_thread, &stream);
  at_kill = wait_for_count (server, base + 200, 30);
  g_assert_cmpint (kill (holder, SIGKILL), ==, 0);
  killed_at = g_get_monotonic_time ();
  g_assert_cmpint (waitpid (holder, &status, 0), ==, holder);
  g_spawn_close_pid (holder);
  /* In the middle of the stream, not after it. */
  g_assert_cmpint (at_kill, <, base + 1000);

  while (server_int (server, "SELECT pid FROM feed_lease") != standby &&
         g_get_monotonic_time () < killed_at + 20 * G_USEC_PER_SEC)
    g_usleep (5000);
  resumed_at = g_get_monotonic_time ();
  g_assert_cmpint (server_int (server, "SELECT pid FROM feed_lease"), ==, standby);
  g_test_message ("The standby took over %.2f s after the holder was killed (%" G_GINT64_FORMAT
                  " reports recorded by then)", (resumed_at - killed_at) / (double) G_USEC_PER_SEC, at_kill);

  g_assert_true (GPOINTER_TO_INT (g_thread_join (publisher)));
  n = wait_for_count (server, base + 1000, 30);
  /* Let a late duplicate show, if there were one. */
  g_usleep (500000);
  n = server_int (server, "SELECT count(*) FROM sensor_event");
  if (n != base + 1000 && g_file_get_contents (log, &log_text, NULL, NULL))
    g_test_message ("listen said:\n%s", log_text);
  g_assert_cmpint (n, ==, base + 1000);
  g_assert_cmpint (server_int (server, "SELECT count(DISTINCT payload) FROM sensor_event"), ==, base + 1000);

  kill (standby, SIGTERM);
  g_assert_cmpint (waitpid (standby, &status, 0), ==, standby);
  g_spawn_close_pid (standby);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  broker_stop (&broker);
  g_free (stream.topic);
  g_free (broker.dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!wg_test_on_server ())
    {
      g_test_skip ("Runs on the county server's engine: tests/run-pg.sh");
      return g_test_run ();
    }
  dir = wg_test_make_tmp_dir ();
  /* Where a mistaken "folder for the database" would appear. */
  g_assert_cmpint (g_chdir (dir), ==, 0);

  g_test_add_func ("/wg/engines/schema", test_schema);
  g_test_add_func ("/wg/engines/copy-round-trip", test_copy_round_trip);
  g_test_add_func ("/wg/engines/refusals", test_refusals);
  g_test_add_func ("/wg/engines/two-desks", test_two_desks);
  g_test_add_func ("/wg/engines/roles", test_roles);
  g_test_add_func ("/wg/engines/server-restart", test_server_restart);
  g_test_add_func ("/wg/engines/feed-failover", test_feed_failover);

  status = g_test_run ();
  wg_test_remove_tree (dir);
  g_free (dir);
  return status;
}
