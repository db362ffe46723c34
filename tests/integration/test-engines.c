/* test-engines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The county server beside a desk's file: what only the two engines
 * together can show. Run by tests/run-pg.sh (a private PostgreSQL cluster).
 */

#include "config.h"

#include <libpq-fe.h>

#include "wg-store-alerts.h"
#include "wg-store-copy.h"
#include "wg-store-persons.h"
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

static char *
digest_of (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (location, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  char *digest;

  g_assert_no_error (error);
  digest = wg_store_dup_digest (store, &error);
  g_assert_no_error (error);
  return digest;
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

  d1 = digest_of (file);
  d2 = digest_of (server);
  d3 = digest_of (back);
  g_assert_cmpstr (d1, ==, d2);
  g_assert_cmpstr (d2, ==, d3);

  /* Into a county: refused, nothing changed. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wg_test_run (&out, &err, cli_path (), "copy", file, server, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds a county"));
  {
    g_autofree char *again = digest_of (server);

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
    g_assert_cmpuint (wg_store_get_schema_version (store), ==, 6);
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

  status = g_test_run ();
  wg_test_remove_tree (dir);
  g_free (dir);
  return status;
}
