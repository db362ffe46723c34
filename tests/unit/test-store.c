/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening and creating a county, its constraints and audit log — on a
 * desk's file and (tests/run-pg.sh) on the county server. What only a file
 * has (its header, WAL, permissions, the migrations from version 1) is
 * tested on the file; the server's own (its baseline migrated, a newer
 * schema, someone else's tables, a database without a county) in
 * tests/integration/test-engines.c.
 */

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "wg-idnum.h"
#include "wg-store-audit.h"
#include "wg-store-grids.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-private.h"
#include "wg-store-records.h"
#include "wg-store-search.h"
#include "wg-store-settings.h"
#include "wg-test-db.h"

static char *
temp_db_path (const char *name)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives every test its own data dir. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* Writes a big-endian 32-bit value into the SQLite file header, the way a
 * newer program's PRAGMA user_version (offset 60) would leave it. */
static void
poke_header (const char *path,
             gsize       offset,
             guint32     value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, offset + 4);
  contents[offset] = value >> 24;
  contents[offset + 1] = value >> 16;
  contents[offset + 2] = value >> 8;
  contents[offset + 3] = value;
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* Where the county called @name is kept: a file, or (the same each time
 * for one name) a database of its own on the test's server. */
static char *
location_for (const char *name)
{
  static GHashTable *databases;
  g_autofree char *base = NULL;
  const char *location;

  if (!wg_test_on_server ())
    return temp_db_path (name);
  if (databases == NULL)
    databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((location = g_hash_table_lookup (databases, name)) == NULL)
    {
      g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
      base = g_strndup (name, strcspn (name, "."));
      location = wg_test_database (g_get_user_data_dir (), base);
      g_hash_table_insert (databases, g_strdup (name), (char *) location);
    }
  return g_strdup (location);
}

/* A desk's file only: on the server the test says where its counterpart is. */
static gboolean
file_only (void)
{
  if (!wg_test_on_server ())
    return FALSE;
  g_test_skip ("A desk's file only: the county server's counterpart is in test-engines (/wg/engines/refusals, /wg/engines/schema)");
  return TRUE;
}

static WgStore *
new_store (const char *name)
{
  g_autofree char *path = location_for (name);
  g_autoptr(GError) error = NULL;
  WgStore *store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (WG_IS_STORE (store));
  return store;
}

/* Closes the store, folding the WAL into the main file so the header is current. */
static void
close_store (WgStore *store)
{
  g_assert_finalize_object (store);
}

static void
add_small_county (WgStore *store)
{
  g_autoptr(GError) error = NULL;
  WgPersonFields person = { "11010519491231002X", "王芳", "13912345678", "户主", 0 };
  gint64 household = 0;

  g_assert_true (wg_store_add_grid (store, NULL, "141021", "曲沃县", NULL, &error));
  g_assert_true (wg_store_add_grid (store, "141021", "141021100", "乐昌镇", NULL, &error));
  g_assert_true (wg_store_add_grid (store, "141021100", "141021100200", "东韩村", NULL, &error));
  g_assert_true (wg_store_add_grid (store, "141021100200", "14102110020001", "一组", NULL, &error));
  g_assert_true (wg_store_add_grid (store, "14102110020001", "1410211002000101", "第一网格", NULL,
                                    &error));
  g_assert_true (wg_store_add_household (store, "1410211002000101", "K7Q2M9XW4D",
                                         "曲沃县乐昌镇东韩村一组1号", &household, &error));
  person.household_id = household;
  g_assert_true (wg_store_add_person (store, &person, NULL, &error));
  g_assert_no_error (error);
}

static void
test_create (void)
{
  g_autoptr(WgStore) store = new_store ("create.db");
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;

  g_assert_cmpuint (wg_store_get_schema_version (store), ==, wg_store_latest_version ());
  g_assert_true (wg_store_is_empty (store));
  g_assert_true (wg_store_check (store, &error));
  g_assert_no_error (error);

  key = wg_store_dup_signing_key (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (key), ==, 32);

  /* WAL mode: a write goes to the -wal file beside the database. */
  add_small_county (store);
  if (wg_test_on_server ())
    return;
  wal = g_strconcat (wg_store_get_path (store), "-wal", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
}

static void
test_signing_keys_differ (void)
{
  g_autoptr(WgStore) a = new_store ("a.db");
  g_autoptr(WgStore) b = new_store ("b.db");
  g_autoptr(GBytes) ka = wg_store_dup_signing_key (a, NULL);
  g_autoptr(GBytes) kb = wg_store_dup_signing_key (b, NULL);

  g_assert_false (g_bytes_equal (ka, kb));
}

static void
test_reopen (void)
{
  g_autofree char *path = location_for ("reopen.db");
  g_autoptr(GError) error = NULL;
  WgStore *store = new_store ("reopen.db");
  g_autoptr(GBytes) key1 = wg_store_dup_signing_key (store, NULL);
  g_autoptr(GBytes) key2 = NULL;
  WgLevelCounts counts;

  add_small_county (store);
  close_store (store);

  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (wg_store_count (store, "2026-11-29", &counts, &error));
  g_assert_cmpuint (counts.grids[1], ==, 1);
  g_assert_cmpuint (counts.grids[5], ==, 1);
  g_assert_cmpuint (counts.households, ==, 1);
  g_assert_cmpuint (counts.persons, ==, 1);
  key2 = wg_store_dup_signing_key (store, NULL);
  g_assert_true (g_bytes_equal (key1, key2));
  close_store (store);
}

/* Every earlier schema version migrates forward, and keeps its data. */
static void
test_migrate_from_every_version_file (void)
{
  for (guint from = 0; from < wg_store_latest_version (); from++)
    {
      g_autofree char *name = g_strdup_printf ("v%u.db", from);
      g_autofree char *path = temp_db_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      WgStore *store;

      if (from > 0)
        {
          store = wg_store_open_at_version (path, from, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (wg_store_get_schema_version (store), ==, from);
          add_small_county (store);
          close_store (store);
        }

      store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (wg_store_get_schema_version (store), ==, wg_store_latest_version ());
      g_assert_true (wg_store_check (store, &error));
      g_assert_no_error (error);

      if (from == 0)
        add_small_county (store);

      /* The search index (version 2) covers what version 1 already held. */
      found = wg_store_search (store, "K7Q2M9XW4D", 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      close_store (store);
    }
}

static void
test_migrate_from_every_version (void)
{
  if (!file_only ())
    test_migrate_from_every_version_file ();
}


static void
test_refuse_newer_file (void)
{
  g_autofree char *path = temp_db_path ("newer.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  WgStore *store = new_store ("newer.db");

  add_small_county (store);
  close_store (store);

  poke_header (path, 60, wg_store_latest_version () + 1);
  before = read_file (path);

  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_refuse_newer (void)
{
  if (!file_only ())
    test_refuse_newer_file ();
}


static void
test_refuse_not_database_file (void)
{
  g_autofree char *path = temp_db_path ("notes.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  const char text[] = "户主,身份证号\n王芳,11010519491231002X\n";
  WgStore *store;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE);

  after = read_file (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), text, strlen (text));
}

static void
test_refuse_not_database (void)
{
  if (!file_only ())
    test_refuse_not_database_file ();
}


static void
test_refuse_foreign_database_file (void)
{
  g_autofree char *path = temp_db_path ("other.db");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  WgStore *store;

  /* Someone else's SQLite file. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_foreign_database (void)
{
  if (!file_only ())
    test_refuse_foreign_database_file ();
}


static void
test_refuse_read_only_file (void)
{
  g_autofree char *path = temp_db_path ("ro.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  WgStore *store = new_store ("ro.db");

  close_store (store);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = read_file (path);

  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Reading is still allowed. */
  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (wg_store_check (store, &error));
  close_store (store);

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_refuse_read_only (void)
{
  if (!file_only ())
    test_refuse_read_only_file ();
}


static void
test_missing_file (void)
{
  g_autofree char *path = temp_db_path ("missing.db");
  g_autoptr(GError) error = NULL;

  g_assert_null (wg_store_open (path, WG_STORE_OPEN_FLAGS_DEFAULT, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_missing (void)
{
  if (!file_only ())
    test_missing_file ();
}


static void
assert_refused (gboolean  ok,
                GError   *error,
                GQuark    domain,
                int       code)
{
  g_assert_false (ok);
  g_assert_error (error, domain, code);
}

static void
test_constraints (void)
{
  g_autoptr(WgStore) store = new_store ("constraints.db");
  gint64 grids, persons, temps, quarantines, households, log_lines;
  WgPersonFields dup = { "11010519491231002X", "王芳二", NULL, NULL, 0 };
  WgPersonFields bad_id = { "110105194912310021", "李四", NULL, NULL, 0 };
  GError *error = NULL;
  gboolean ok;

  add_small_county (store);
  grids = wg_store_count_rows (store, "grid");
  households = wg_store_count_rows (store, "household");
  persons = wg_store_count_rows (store, "person");
  temps = wg_store_count_rows (store, "temperature");
  quarantines = wg_store_count_rows (store, "quarantine");
  log_lines = wg_store_count_rows (store, "audit_log");

  /* A village directly under the county. */
  ok = wg_store_add_grid (store, "141021", "141021100201", "西韩村", NULL, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A township whose code does not extend the county's. */
  ok = wg_store_add_grid (store, "141021", "141022101", "假镇", NULL, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A second county. */
  ok = wg_store_add_grid (store, NULL, "141021", "曲沃县", NULL, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A household on a village. */
  ok = wg_store_add_household (store, "141021100200", "ZZZZZZZZZZ", "某地", NULL, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A household code with characters outside the label alphabet. */
  ok = wg_store_add_household (store, "1410211002000101", "abc-12", "某地", NULL, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The same ID number twice; a wrong check digit. */
  ok = wg_store_add_person (store, &dup, NULL, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  ok = wg_store_add_person (store, &bad_id, NULL, &error);
  assert_refused (ok, error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_CHECK_DIGIT);
  g_clear_error (&error);

  /* Temperatures out of range, an impossible time. */
  ok = wg_store_add_temperature (store, 1, "2026-11-29 08:00:00", 450, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  ok = wg_store_add_temperature (store, 1, "2026-11-29 08:00:00", 300, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  ok = wg_store_add_temperature (store, 1, "2026-02-30 08:00:00", 365, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  ok = wg_store_add_temperature (store, 999, "2026-11-29 08:00:00", 365, &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A quarantine that ends before it starts; one of an unknown kind. */
  ok = wg_store_add_quarantine (store, 1, 1, "2026-11-20", "2026-11-19", &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  ok = wg_store_add_quarantine (store, 1, 7, "2026-11-20", "2026-11-30", &error);
  assert_refused (ok, error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Nothing of it reached the store, nor the audit log. */
  g_assert_cmpint (wg_store_count_rows (store, "grid"), ==, grids);
  g_assert_cmpint (wg_store_count_rows (store, "household"), ==, households);
  g_assert_cmpint (wg_store_count_rows (store, "person"), ==, persons);
  g_assert_cmpint (wg_store_count_rows (store, "temperature"), ==, temps);
  g_assert_cmpint (wg_store_count_rows (store, "quarantine"), ==, quarantines);
  g_assert_cmpint (wg_store_count_rows (store, "audit_log"), ==, log_lines);

  /* And a plausible reading is taken. */
  g_assert_true (wg_store_add_temperature (store, 1, "2026-11-29 08:00:00", 373, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wg_store_count_rows (store, "temperature"), ==, temps + 1);
  g_assert_cmpint (wg_store_count_rows (store, "audit_log"), ==, log_lines + 1);
}

static void
test_audit_operator (void)
{
  g_autoptr(WgStore) store = new_store ("audit.db");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  wg_store_set_operator (store, "值班员 张敏");
  add_small_county (store);

  entries = wg_store_list_audit (store, NULL, 0, &error);
  g_assert_no_error (error);
  /* Five grids, one household, one person: newest first. */
  g_assert_cmpuint (entries->len, ==, 7);
  for (guint i = 0; i < entries->len; i++)
    {
      WgAuditEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->operator_name, ==, "值班员 张敏");
      g_assert_cmpstr (entry->action, ==, "insert");
    }
  g_assert_cmpstr (((WgAuditEntry *) g_ptr_array_index (entries, 0))->entity, ==, "person");
  g_assert_cmpstr (((WgAuditEntry *) g_ptr_array_index (entries, 0))->detail, ==, "王芳");
}

static void
test_temperature_parse (void)
{
  static const struct
  {
    const char *text;
    int tenths; /* 0: refused */
  } cases[] = {
    { "36.5", 365 }, { " 36,5 ", 365 }, { "365", 365 }, { "37.3", 373 }, { "34.0", 340 },
    { "43.0", 430 }, { "39", 390 }, { "45.0", 0 }, { "43.1", 0 }, { "33.9", 0 }, { "3", 0 },
    { "36.5度", 0 }, { "abc", 0 }, { "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int tenths = 0;
      gboolean ok = wg_temperature_parse (cases[i].text, &tenths, &error);

      g_test_message ("“%s”", cases[i].text);
      if (cases[i].tenths > 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (tenths, ==, cases[i].tenths);
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wg/store/create", test_create);
  g_test_add_func ("/wg/store/signing-keys-differ", test_signing_keys_differ);
  g_test_add_func ("/wg/store/reopen", test_reopen);
  g_test_add_func ("/wg/store/migrate-from-every-version", test_migrate_from_every_version);
  g_test_add_func ("/wg/store/refuse-newer", test_refuse_newer);
  g_test_add_func ("/wg/store/refuse-not-database", test_refuse_not_database);
  g_test_add_func ("/wg/store/refuse-foreign-database", test_refuse_foreign_database);
  g_test_add_func ("/wg/store/refuse-read-only", test_refuse_read_only);
  g_test_add_func ("/wg/store/missing", test_missing);
  g_test_add_func ("/wg/store/constraints", test_constraints);
  g_test_add_func ("/wg/store/audit-operator", test_audit_operator);
  g_test_add_func ("/wg/store/temperature-parse", test_temperature_parse);

  return g_test_run ();
}
