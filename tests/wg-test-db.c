/* wg-test-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a test keeps its county: a file in its folder, or — when the suite
 * runs on the county server (tests/run-pg.sh sets WANGGE_TEST_PG to the
 * private cluster's socket folder) — a fresh PostgreSQL database of its own.
 */

#include "config.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "wg-store-copy.h"
#include "wg-test-db.h"

gboolean
wg_test_on_server (void)
{
  return g_getenv ("WANGGE_TEST_PG") != NULL;
}

/* Returns: a location for wg_store_open (): the file @dir/@name.db, or the
 *   URI of a new, empty database on the test's cluster */
char *
wg_test_database (const char *dir,
                  const char *name)
{
  static guint counter;
  const char *socket_dir = g_getenv ("WANGGE_TEST_PG");
  g_autofree char *file = NULL;
  g_autofree char *db = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn;
  PGresult *result;

  if (socket_dir == NULL)
    {
      file = g_strconcat (name, ".db", NULL);
      return g_build_filename (dir, file, NULL);
    }

  /* Database names are identifiers: the test's name made one, unique. */
  db = g_strdup_printf ("%s_%d_%u", name, (int) getpid (), ++counter);
  g_strcanon (db, "abcdefghijklmnopqrstuvwxyz0123456789_", '_');
  conninfo = g_strdup_printf ("host=%s user=postgres dbname=postgres", socket_dir);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  sql = g_strdup_printf ("CREATE DATABASE %s", db);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
  return g_strdup_printf ("postgresql:///%s?host=%s&user=postgres", db, socket_dir);
}

/* Returns: a new county of its own, the same as the one at @location: a
 *   copy (wg_store_copy ()) in a new file or server database */
char *
wg_test_clone (const char *location,
               const char *dir,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) from = wg_store_open (location, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_autoptr(WgStore) to = NULL;
  char *clone = wg_test_database (dir, name);

  g_assert_no_error (error);
  to = wg_store_open (clone, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_store_copy (from, to, NULL, NULL, &error));
  g_assert_no_error (error);
  return clone;
}

/* Returns: the county's digest (wg_store_dup_digest ()) at @location */
char *
wg_test_digest (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (location, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  char *digest;

  g_assert_no_error (error);
  digest = wg_store_dup_digest (store, &error);
  g_assert_no_error (error);
  return digest;
}

/**
 * wg_test_sql_int:
 * @location: a test's county, as wg_test_database () gave it
 * @sql: a query whose first row's first column is a number, written for
 *   both engines (no placeholders: the test's own fixed values)
 *
 * A count straight from the database, past the store, to check the
 * store's figures against.
 *
 * Returns: the number
 */
gint64
wg_test_sql_int (const char *location,
                 const char *sql)
{
  gint64 value = -1;

  if (g_str_has_prefix (location, "postgresql:"))
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
      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        g_error ("%s: %s", sql, PQerrorMessage (conn));
      g_assert_cmpint (PQntuples (result), >, 0);
      value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      PQfinish (conn);
    }
  else
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (location, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s: %s", sql, sqlite3_errmsg (db));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      value = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  return value;
}
