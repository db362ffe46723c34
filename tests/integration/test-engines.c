/* test-engines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The county server beside a desk's file: what only the two engines
 * together can show. Run by tests/run-pg.sh (a private PostgreSQL cluster).
 */

#include "config.h"

#include <libpq-fe.h>
#include <unistd.h>

#include "wg-alert-engine.h"
#include "wg-store-alerts.h"
#include "wg-store-sensors.h"
#include "wg-store-copy.h"
#include "wg-store-persons.h"
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
    g_assert_cmpuint (wg_store_get_schema_version (store), ==, 7);
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
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
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

  g_test_add_func ("/wg/engines/copy-round-trip", test_copy_round_trip);
  g_test_add_func ("/wg/engines/refusals", test_refusals);
  g_test_add_func ("/wg/engines/two-desks", test_two_desks);
  g_test_add_func ("/wg/engines/roles", test_roles);
  g_test_add_func ("/wg/engines/server-restart", test_server_restart);

  status = g_test_run ();
  wg_test_remove_tree (dir);
  g_free (dir);
  return status;
}
