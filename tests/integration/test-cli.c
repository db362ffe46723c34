/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wangge-cli as a script would use it: exit codes, one clear line on stderr
 * for bad input, nothing changed when it fails, and a demo county that is the
 * same for the same seed.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wg-store.h"

#include "../wg-test-db.h"

#define DAY "2026-11-29"

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
path_in_tmp (const char *name)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives every test its own data dir. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* The county called @name: a file in the test's folder, or a database of
 * its own on the test's server (tests/run-pg.sh). */
static char *
db_for (const char *name)
{
  g_autofree char *base = g_strndup (name, strcspn (name, "."));

  if (!wg_test_on_server ())
    return path_in_tmp (name);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return wg_test_database (g_get_user_data_dir (), base);
}

/* How the CLI names a location: a server's without its parameters. */
static char *
shown (const char *location)
{
  return g_strndup (location, strcspn (location, "?"));
}

/* A desk's file only: on the server the test says where its counterpart is. */
static gboolean
file_only (const char *counterpart)
{
  if (!wg_test_on_server ())
    return FALSE;
  g_test_skip (counterpart);
  return TRUE;
}

/* Runs wangge-cli with the NULL-terminated arguments. */
static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("WANGGE_CLI");
  int wait_status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
}

/* A failure is one line on stderr, saying what is wrong. */
static void
assert_one_clear_line (const Run  *run,
                       const char *expected_part)
{
  g_auto(GStrv) lines = g_strsplit (g_strchomp (run->err), "\n", -1);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_true (g_str_has_prefix (lines[0], "wangge-cli: "));
  if (expected_part != NULL)
    g_assert_nonnull (strstr (lines[0], expected_part));
}

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
build_demo (const char *path,
            const char *seed)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", path, "demo", "--scale", "small", "--seed", seed, "--date", DAY, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_usage (void)
{
  static const char *const bad[][6] = {
    { NULL },
    { "frobnicate", NULL },
    { "--bogus", "stats", NULL },
    { "--db", NULL },
    { "demo", "--scale", "huge", NULL },
    { "demo", "--seed", "-4", NULL },
    { "demo", "--frob", NULL },
    { "backup", NULL },
    { "check", "extra", NULL },
    { "stats", "--date", "yesterday", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, bad[i][0], bad[i][1], bad[i][2], bad[i][3], bad[i][4], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "wangge-cli"));
    }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    for (const char *const *verb = (const char *const[]) { "init", "demo", "check", "backup",
                                                          "stats", NULL };
         *verb; verb++)
      g_assert_nonnull (strstr (run.out, *verb));
  }
}

static void
test_init_and_check (void)
{
  g_autofree char *path = wg_test_on_server () ? db_for ("init") : path_in_tmp ("sub/dir/init.db");
  g_auto(Run) init = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) check = { 0 };

  run_cli (&init, "--db", path, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  if (!wg_test_on_server ())
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  run_cli (&again, "--db", path, "init", NULL);
  g_assert_cmpint (again.status, ==, 0);

  run_cli (&check, "--db", path, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_cmpstr (check.err, ==, "");
}

static JsonObject *
stats_of (const char *path,
          JsonParser *parser)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;

  run_cli (&run, "--db", path, "stats", "--json", "--date", DAY, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_demo_counts (void)
{
  g_autofree char *path = db_for ("small.db");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *stats;
  gint64 persons;

  build_demo (path, "5");
  stats = stats_of (path, parser);

  g_assert_cmpstr (json_object_get_string_member (stats, "county"), ==, "曲沃县");
  g_assert_cmpint (json_object_get_int_member (stats, "counties"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (stats, "townships"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (stats, "villages"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (stats, "groups"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (stats, "micro_grids"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (stats, "households"), ==, 400);
  /* Six on homes, one on a room at each central site. */
  g_assert_cmpint (json_object_get_int_member (stats, "sensors"), ==, 8);
  persons = json_object_get_int_member (stats, "persons");
  g_assert_cmpint (persons, >=, 1000);
  g_assert_cmpint (persons, <=, 1500);
  g_assert_cmpint (json_object_get_int_member (stats, "home_quarantine"), >, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "central_quarantine"), >, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "away"), >, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "monitoring"), >, 0);
  /* Staff on every grid: at least one per grid. */
  g_assert_cmpint (json_object_get_int_member (stats, "staff"), >=, 1 + 2 + 5 + 12 + 40);
}

static void
test_demo_deterministic (void)
{
  g_autofree char *a = db_for ("a.db");
  g_autofree char *b = db_for ("b.db");
  g_autofree char *c = db_for ("c.db");
  g_autofree char *a_shown = shown (a);
  g_autofree char *da = NULL, *db = NULL, *dc = NULL, *da2 = NULL;
  g_auto(Run) again = { 0 };

  build_demo (a, "11");
  build_demo (b, "11");
  build_demo (c, "12");
  da = wg_test_digest (a);
  db = wg_test_digest (b);
  dc = wg_test_digest (c);
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);

  /* A second demo into a county is refused and changes nothing. */
  run_cli (&again, "--db", a, "demo", "--scale", "small", "--seed", "13", NULL);
  assert_one_clear_line (&again, a_shown);
  da2 = wg_test_digest (a);
  g_assert_cmpstr (da, ==, da2);
}

static void
test_backup (void)
{
  g_autofree char *path = path_in_tmp ("live.db");
  g_autofree char *copy = path_in_tmp ("backups/copy.db");
  g_autofree char *dir = g_path_get_dirname (copy);
  g_autofree char *d1 = NULL, *d2 = NULL;
  g_auto(Run) backup = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) self = { 0 };
  if (file_only ("A desk's file is backed up by wangge-cli; a server with pg_dump, or copied down (test-outputs, test-engines)"))
    return;

  build_demo (path, "21");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  run_cli (&backup, "--db", path, "backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  run_cli (&check, "--db", copy, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);

  d1 = wg_test_digest (path);
  d2 = wg_test_digest (copy);
  g_assert_cmpstr (d1, ==, d2);

  run_cli (&self, "--db", path, "backup", path, NULL);
  assert_one_clear_line (&self, NULL);
}

static void
test_backup_while_open (void)
{
  g_autofree char *path = path_in_tmp ("open.db");
  g_autofree char *copy = path_in_tmp ("open-copy.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) writer = NULL;
  g_auto(Run) backup = { 0 };
  g_auto(Run) check = { 0 };
  if (file_only ("A desk's file is backed up by wangge-cli; a server with pg_dump, or copied down (test-outputs, test-engines)"))
    return;

  build_demo (path, "22");

  /* The application holds the database open (with a WAL) while the backup runs. */
  writer = wg_store_open (path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_assert_no_error (error);

  run_cli (&backup, "--db", path, "backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  run_cli (&check, "--db", copy, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
}

static void
assert_refused_unchanged (const char *path,
                          const char *verb,
                          const char *expected_part)
{
  g_autoptr(GBytes) before = file_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *out = path_in_tmp ("out.db");
  g_auto(Run) run = { 0 };

  g_test_message ("%s on %s", verb, path);
  if (g_str_equal (verb, "backup"))
    run_cli (&run, "--db", path, verb, out, NULL);
  else if (g_str_equal (verb, "demo"))
    run_cli (&run, "--db", path, verb, "--scale", "small", NULL);
  else
    run_cli (&run, "--db", path, verb, NULL);

  assert_one_clear_line (&run, expected_part);
  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (void)
{
  static const char *const verbs[] = { "init", "demo", "check", "stats", "backup" };
  g_autofree char *path = path_in_tmp ("households.csv");
  if (file_only ("A file that is not a database: the server's counterpart is in test-engines (/wg/engines/refusals, /wg/engines/schema)"))
    return;

  g_assert_true (g_file_set_contents (path, "户主,身份证号,电话\n王芳,11010519491231002X,13912345678\n",
                                      -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    assert_refused_unchanged (path, verbs[i], "not a Wangge database");
}

static void
test_newer_database (void)
{
  static const char *const verbs[] = { "init", "demo", "check", "stats", "backup" };
  g_autofree char *path = path_in_tmp ("newer.db");
  g_autofree char *contents = NULL;
  gsize len;
  if (file_only ("A newer file: the server's counterpart is in test-engines (/wg/engines/refusals, /wg/engines/schema)"))
    return;

  build_demo (path, "31");

  /* PRAGMA user_version lives at offset 60 of the header, big-endian. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  contents[60] = 0;
  contents[61] = 0;
  contents[62] = 0;
  contents[63] = 99;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    assert_refused_unchanged (path, verbs[i], "newer version");
}

static void
test_read_only (void)
{
  g_autofree char *path = path_in_tmp ("readonly.db");
  g_auto(Run) stats = { 0 };
  g_auto(Run) check = { 0 };
  if (file_only ("A read-only file: the server's counterpart, a viewer role, is in test-engines (/wg/engines/roles)"))
    return;

  build_demo (path, "41");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  assert_refused_unchanged (path, "init", "read-only");
  assert_refused_unchanged (path, "demo", "read-only");

  /* Reading a read-only database is fine. */
  run_cli (&stats, "--db", path, "stats", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  run_cli (&check, "--db", path, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
}

static void
test_locked (void)
{
  g_autofree char *path = path_in_tmp ("locked.db");
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) reader = NULL;
  g_autofree char *line = NULL;
  GOutputStream *in;
  const char commands[] = "PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT 4242;\n";
  if (file_only ("A file locked by another process: the server has no such lock"))
    return;

  build_demo (path, "51");

  /* Another program holds an exclusive lock until its input closes. */
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, "sqlite3", path, NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (holder);
  g_assert_true (g_output_stream_write_all (in, commands, strlen (commands), NULL, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_flush (in, NULL, NULL);

  reader = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  do
    {
      g_free (line);
      line = g_data_input_stream_read_line_utf8 (reader, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
    }
  while (!g_str_equal (line, "4242"));

  assert_refused_unchanged (path, "init", "locked");
  assert_refused_unchanged (path, "stats", "locked");

  g_output_stream_close (in, NULL, NULL);
  g_subprocess_wait (holder, NULL, &error);
  g_assert_no_error (error);
}

static void
test_missing_database (void)
{
  static const char *const verbs[] = { "check", "stats", "backup" };
  g_autofree char *path = path_in_tmp ("nowhere.db");

  /* A database on the server with no county in it: said so in one line,
   * and none made in it unasked. */
  if (wg_test_on_server ())
    {
      g_autofree char *empty = db_for ("nowhere");
      g_auto(Run) run = { 0 };
      g_auto(Run) again = { 0 };

      run_cli (&run, "--db", empty, "stats", NULL);
      assert_one_clear_line (&run, "wangge-cli init");
      run_cli (&again, "--db", empty, "stats", NULL);
      assert_one_clear_line (&again, "wangge-cli init");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *out = path_in_tmp ("out.db");

      run_cli (&run, "--db", path, verbs[i], out, NULL);
      /* backup takes the argument; check and stats refuse it as usage. */
      if (g_str_equal (verbs[i], "backup"))
        assert_one_clear_line (&run, "no database");
      else
        g_assert_cmpint (run.status, !=, 0);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--db", path, "check", NULL);
    assert_one_clear_line (&run, "no database");
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

/* The returnee queue from the command line: counts by state, a decision
 * refused before the review and made after it, the tests it schedules. */
static void
test_returnees (void)
{
  g_autofree char *path = db_for ("queue.db");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) early = { 0 };
  g_auto(Run) review = { 0 };
  g_auto(Run) decide = { 0 };
  g_auto(Run) due = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *id_number = NULL;
  JsonObject *root, *counts;
  JsonArray *returnees, *tests;
  gint64 person = 0;
  guint n_mine = 0;

  build_demo (path, "5");
  run_cli (&list, "--db", path, "returnees", "--state", "new", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  json_parser_load_from_data (parser, list.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  counts = json_object_get_object_member (root, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "new"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "reviewed"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "decided"), >, 0);
  returnees = json_object_get_array_member (root, "returnees");
  g_assert_cmpuint (json_array_get_length (returnees), ==, json_object_get_int_member (counts, "new"));
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_array_get_object_element (returnees, 0), "id"));
  id_number = g_strdup (json_object_get_string_member (json_array_get_object_element (returnees, 0), "id_number"));

  run_cli (&early, "--db", path, "returnees", "decide", id, "--preset", "3天3检", NULL);
  assert_one_clear_line (&early, "not reviewed");
  run_cli (&review, "--db", path, "returnees", "review", id, NULL);
  g_assert_cmpint (review.status, ==, 0);
  run_cli (&decide, "--db", path, "returnees", "decide", id, "--preset", "3天3检", "--from", "2026-12-10", NULL);
  g_assert_cmpint (decide.status, ==, 0);
  g_assert_nonnull (strstr (decide.out, "3 tests scheduled"));

  run_cli (&due, "--db", path, "tests", "due", "--date", "2026-12-11", "--json", NULL);
  g_assert_cmpint (due.status, ==, 0);
  json_parser_load_from_data (parser, due.out, -1, &error);
  g_assert_no_error (error);
  tests = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (tests); i++)
    {
      JsonObject *test = json_array_get_object_element (tests, i);

      if (g_str_equal (json_object_get_string_member (test, "day"), "2026-12-10") &&
          json_object_get_int_member (test, "seq") == 1)
        {
          g_assert_true (json_object_get_boolean_member (test, "overdue"));
          person = json_object_get_int_member (test, "person");
        }
    }
  g_assert_cmpint (person, >, 0);
  for (guint i = 0; i < json_array_get_length (tests); i++)
    n_mine += json_object_get_int_member (json_array_get_object_element (tests, i), "person") == person;
  g_assert_cmpuint (n_mine, ==, 2);

  /* The round of the 10th, as a spreadsheet saves it (a byte-order mark, a
   * Chinese header): their first test done, the second still due. */
  {
    g_autofree char *csv = path_in_tmp ("round.csv");
    g_autofree char *text = g_strdup_printf ("\xEF\xBB\xBF身份证号,结果\r\n%s,阴性\r\n", id_number);
    g_auto(Run) round = { 0 };
    g_auto(Run) again = { 0 };

    g_assert_true (g_file_set_contents (csv, text, -1, NULL));
    run_cli (&round, "--db", path, "tests", "record", csv, "--sampled", "2026-12-10 09:00", "--institution",
             "曲沃县人民医院", NULL);
    g_assert_cmpint (round.status, ==, 0);
    g_assert_nonnull (strstr (round.out, "1 results recorded, 0 positive"));
    run_cli (&again, "--db", path, "tests", "due", "--date", "2026-12-11", "--json", NULL);
    json_parser_load_from_data (parser, again.out, -1, &error);
    g_assert_no_error (error);
    tests = json_node_get_array (json_parser_get_root (parser));
    n_mine = 0;
    for (guint i = 0; i < json_array_get_length (tests); i++)
      n_mine += json_object_get_int_member (json_array_get_object_element (tests, i), "person") == person;
    g_assert_cmpuint (n_mine, ==, 1);
  }
}

/* The sites and rooms as JSON; a transfer planned, a step out of order
 * refused, walked to the handover, and its sheet carrying every field. */
static void
test_transfers (void)
{
  g_autofree char *path = db_for ("transfers.db");
  g_autofree char *pdf = path_in_tmp ("transfer.pdf");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) sites = { 0 };
  g_auto(Run) rooms = { 0 };
  g_auto(Run) queue = { 0 };
  g_auto(Run) add = { 0 };
  g_auto(Run) early = { 0 };
  g_auto(Run) sheet = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *site_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id_number = NULL;
  g_autofree char *id = NULL;
  JsonArray *array;
  JsonObject *site;
  const char *pdftotext[] = { "pdftotext", "-layout", pdf, "-", NULL };

  build_demo (path, "5");
  run_cli (&list, "--db", path, "transfers", "--date", DAY, "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  json_parser_load_from_data (parser, list.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >=, 3);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *t = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (t, "day"), ==, DAY);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (t, "persons")), >, 0);
    }

  run_cli (&sites, "--db", path, "sites", "--date", DAY, "--json", NULL);
  g_assert_cmpint (sites.status, ==, 0);
  json_parser_load_from_data (parser, sites.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  site = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (site, "assigned"), >, 0);
  site_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (site, "id"));
  {
    gint64 n_rooms = json_object_get_int_member (site, "rooms");

    run_cli (&rooms, "--db", path, "rooms", site_id, "--date", DAY, "--json", NULL);
    g_assert_cmpint (rooms.status, ==, 0);
    json_parser_load_from_data (parser, rooms.out, -1, &error);
    g_assert_no_error (error);
    array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "rooms");
    g_assert_cmpint (json_array_get_length (array), ==, n_rooms);
  }

  run_cli (&queue, "--db", path, "returnees", "--state", "new", "--json", NULL);
  json_parser_load_from_data (parser, queue.out, -1, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "returnees");
  name = g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "name"));
  id_number = g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "id_number"));

  run_cli (&add, "--db", path, "transfers", "add", "--date", "2026-12-01", "--from-kind", "checkpoint", "--from",
           "G5京昆高速曲沃出口", "--to-site", "曲沃县第一集中隔离点", "--vehicle", "晋L·D7999", "--driver", "王五",
           "--escort", "护士 李芳", id_number, NULL);
  g_assert_cmpint (add.status, ==, 0);
  g_assert_true (g_str_has_prefix (add.out, "Transfer "));
  id = g_strndup (add.out + strlen ("Transfer "), strcspn (add.out + strlen ("Transfer "), " "));

  run_cli (&early, "--db", path, "transfers", "pickup", id, "--at", "2026-12-01 08:00", NULL);
  assert_one_clear_line (&early, "cannot be");
  {
    static const char *const steps[][5] = {
      { "dispatch", "2026-12-01 07:40", NULL },
      { "pickup", "2026-12-01 08:15", NULL },
      { "handover", "2026-12-01 09:05", "--handed-to", "值守医生 张敏", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_auto(Run) step = { 0 };

        run_cli (&step, "--db", path, "transfers", steps[i][0], id, "--at", steps[i][1], steps[i][2], steps[i][3],
                 NULL);
        g_assert_cmpint (step.status, ==, 0);
      }
  }

  run_cli (&sheet, "--db", path, "transfers", "sheet", id, "-o", pdf, NULL);
  g_assert_cmpint (sheet.status, ==, 0);
  g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text,
                NULL, NULL, &error);
  g_assert_no_error (error);
  {
    const char *const fields[] = {
      "点对点转运单", "2026-12-01", "卡口：G5京昆高速曲沃出口", "集中隔离点：曲沃县第一集中隔离点", "晋L·D7999", "王五",
      "护士 李芳", "已交接", "2026-12-01 07:40:00", "2026-12-01 08:15:00", "2026-12-01 09:05:00", "值守医生 张敏",
      name, id_number, "转出方签字", "接收方签字",
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_test_message ("field %s", fields[i]);
        g_assert_nonnull (strstr (text, fields[i]));
      }
  }

  /* A list of the board on paper and for Excel: the people of its JSON. */
  {
    g_autofree char *board_pdf = path_in_tmp ("overdue.pdf");
    g_autofree char *board_csv = path_in_tmp ("overdue.csv");
    g_autofree char *csv = NULL;
    g_autofree char *pdf_text = NULL;
    const char *board_text[] = { "pdftotext", "-layout", board_pdf, "-", NULL };
    g_auto(Run) json = { 0 };
    g_auto(Run) paper = { 0 };
    g_auto(Run) table = { 0 };
    g_auto(Run) wrong = { 0 };
    JsonArray *overdue;

    run_cli (&json, "--db", path, "board", "--grid", "141021", "--date", DAY, "--json", NULL);
    g_assert_cmpint (json.status, ==, 0);
    json_parser_load_from_data (parser, json.out, -1, &error);
    g_assert_no_error (error);
    overdue = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "tests_overdue");
    g_assert_cmpuint (json_array_get_length (overdue), >, 0);
    run_cli (&paper, "--db", path, "board", "--grid", "141021", "--date", DAY, "--list", "tests_overdue", "-o",
             board_pdf, NULL);
    g_assert_cmpint (paper.status, ==, 0);
    g_spawn_sync (NULL, (char **) board_text, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &pdf_text, NULL, NULL, &error);
    g_assert_no_error (error);
    run_cli (&table, "--db", path, "board", "--grid", "141021", "--date", DAY, "--list", "tests_overdue", "-o",
             board_csv, NULL);
    g_assert_cmpint (table.status, ==, 0);
    g_assert_true (g_file_get_contents (board_csv, &csv, NULL, NULL));
    for (guint i = 0; i < json_array_get_length (overdue); i++)
      {
        const char *who = json_object_get_string_member (json_array_get_object_element (overdue, i), "name");

        g_assert_nonnull (strstr (pdf_text, who));
        g_assert_nonnull (strstr (csv, who));
      }
    run_cli (&wrong, "--db", path, "board", "--grid", "141021", "--list", "nobody", "-o", board_csv, NULL);
    g_assert_cmpint (wrong.status, ==, 2);
  }
}

/* The column of the pdftotext -layout line where @needle starts, or -1. */
static int
column_of (const char *line,
           const char *needle)
{
  const char *at = strstr (line, needle);

  return at != NULL ? (int) g_utf8_pointer_to_offset (line, at) : -1;
}

/* The field's day through the CLI: an order walked to done, a step out of
 * order refused; the grids missing their meeting; a week's roster booked,
 * a double booking refused, printed with each name under its day, and
 * written to XLSX as openpyxl reads it. */
static void
test_field (void)
{
  g_autofree char *path = db_for ("field.db");
  g_autofree char *pdf = path_in_tmp ("roster.pdf");
  g_autofree char *xlsx = path_in_tmp ("roster.xlsx");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) orders = { 0 };
  g_auto(Run) add = { 0 };
  g_auto(Run) early = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) twice = { 0 };
  g_auto(Run) print = { 0 };
  g_auto(Run) sheet = { 0 };
  g_autofree char *household = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *read_back = NULL;
  JsonArray *array;
  const char *pdftotext[] = { "pdftotext", "-layout", pdf, "-", NULL };

  build_demo (path, "5");
  run_cli (&orders, "--db", path, "orders", "--now", DAY " 12:00", "--json", NULL);
  g_assert_cmpint (orders.status, ==, 0);
  json_parser_load_from_data (parser, orders.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  household = g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "household"));

  run_cli (&add, "--db", path, "orders", "add", household, "--kind", "medicine", "--detail", "代购降压药",
           "--due", "2026-11-30 18:00", "--at", "2026-11-30 08:00", NULL);
  g_assert_cmpint (add.status, ==, 0);
  g_assert_true (g_str_has_prefix (add.out, "Order "));
  id = g_strndup (add.out + strlen ("Order "), strcspn (add.out + strlen ("Order "), " "));
  run_cli (&early, "--db", path, "orders", "done", id, "--note", "已送达", "--at", "2026-11-30 09:00", NULL);
  assert_one_clear_line (&early, "cannot be");
  {
    static const char *const steps[][5] = {
      { "dispatch", "2026-11-30 08:20", NULL, NULL },
      { "accept", "2026-11-30 08:40", NULL, NULL },
      { "done", "2026-11-30 11:00", "--note", "药已送到", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_auto(Run) step = { 0 };

        run_cli (&step, "--db", path, "orders", steps[i][0], id, "--at", steps[i][1], steps[i][2], steps[i][3], NULL);
        g_assert_cmpint (step.status, ==, 0);
      }
  }

  run_cli (&missing, "--db", path, "patrols", "--date", DAY, "--missing", "--json", NULL);
  g_assert_cmpint (missing.status, ==, 0);
  json_parser_load_from_data (parser, missing.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "code"), ==, "141021");

  /* Disinfection at ten for a home, from the CLI: not visited on the first
   * day, overdue after eleven; visited on the second, not overdue. */
  {
    g_auto(Run) plan = { 0 };
    g_auto(Run) visit = { 0 };
    g_auto(Run) overdue = { 0 };
    guint mine = 0;

    run_cli (&plan, "--db", path, "disinfection", "plan", "--home", household, "--hour", "10", "--from", "2026-12-02",
             "--to", "2026-12-03", NULL);
    g_assert_cmpint (plan.status, ==, 0);
    run_cli (&visit, "--db", path, "disinfection", "visit", "--home", household, "--by", "消杀队 王强", "--at",
             "2026-12-03 10:10", "--what", "门把手消毒", NULL);
    g_assert_cmpint (visit.status, ==, 0);
    run_cli (&overdue, "--db", path, "disinfection", "overdue", "--now", "2026-12-03 12:00", "--json", NULL);
    g_assert_cmpint (overdue.status, ==, 0);
    json_parser_load_from_data (parser, overdue.out, -1, &error);
    g_assert_no_error (error);
    array = json_node_get_array (json_parser_get_root (parser));
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *due = json_array_get_object_element (array, i);

        if (g_str_has_prefix (json_object_get_string_member (due, "place"), household) &&
            g_str_has_prefix (json_object_get_string_member (due, "due_at"), "2026-12-0"))
          {
            mine++;
            g_assert_cmpstr (json_object_get_string_member (due, "due_at"), ==, "2026-12-02 10:00:00");
          }
      }
    g_assert_cmpuint (mine, ==, 1);
  }

  /* A week of next year, one name a cell; the same person twice on a shift refused. */
  {
    static const struct { const char *day; const char *shift; const char *checkpoint; const char *staff; } bookings[] = {
      { "2027-01-11", "1", "G5京昆高速曲沃出口", "1" },
      { "2027-01-13", "2", "G22青兰高速曲沃东出口", "2" },
      { "2027-01-17", "3", "S234曲沃至绛县出口", "3" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bookings); i++)
      {
        g_auto(Run) book = { 0 };

        run_cli (&book, "--db", path, "roster", "book", "--date", bookings[i].day, "--shift", bookings[i].shift,
                 "--checkpoint", bookings[i].checkpoint, "--staff", bookings[i].staff, NULL);
        g_assert_cmpint (book.status, ==, 0);
      }
  }
  run_cli (&twice, "--db", path, "roster", "book", "--date", "2027-01-11", "--shift", "1", "--checkpoint",
           "S234曲沃至绛县出口", "--staff", "1", NULL);
  assert_one_clear_line (&twice, "one place a shift");
  run_cli (&print, "--db", path, "roster", "--week", "2027-W02", "-o", pdf, NULL);
  g_assert_cmpint (print.status, ==, 0);
  g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text,
                NULL, NULL, &error);
  g_assert_no_error (error);
  {
    /* Each name on its place's line, under its day's heading. */
    static const struct { guint staff; const char *place; const char *shift; const char *day; } cells[] = {
      { 1, "G5京昆高速", "白班", "周一" }, { 2, "G22青兰高", "中班", "周三" }, { 3, "S234曲沃至", "夜班", "周日" },
    };
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    const char *header = NULL;

    for (guint l = 0; lines[l] != NULL && header == NULL; l++)
      if (strstr (lines[l], "周一") != NULL && strstr (lines[l], "周日") != NULL)
        header = lines[l];
    g_assert_nonnull (header);
    for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
      {
        g_autofree char *name = NULL;
        int day_column = column_of (header, cells[c].day);
        gboolean found = FALSE;

        {
          g_auto(Run) staff = { 0 };

          run_cli (&staff, "--db", path, "roster", "--week", "2027-W02", "--json", NULL);
          json_parser_load_from_data (parser, staff.out, -1, &error);
          g_assert_no_error (error);
          array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "duties");
          for (guint i = 0; i < json_array_get_length (array); i++)
            if (json_object_get_int_member (json_array_get_object_element (array, i), "staff_id") == cells[c].staff)
              name = g_strdup (json_object_get_string_member (json_array_get_object_element (array, i), "staff"));
          g_assert_nonnull (name);
        }
        /* The row starts on the line with its place and shift; the demo's
         * watermark may push its names a line or two down. */
        for (guint l = 0; lines[l] != NULL && !found; l++)
          {
            if (strstr (lines[l], cells[c].place) == NULL || strstr (lines[l], cells[c].shift) == NULL)
              continue;
            for (guint k = l; k < l + 4 && lines[k] != NULL && !found; k++)
              {
                int at = column_of (lines[k], name);

                if (at < 0)
                  continue;
                g_test_message ("%s at %d, %s at %d", name, at, cells[c].day, day_column);
                g_assert_cmpint (ABS (at - day_column), <=, 3);
                found = TRUE;
              }
          }
        g_assert_true (found);
      }
  }
  run_cli (&sheet, "--db", path, "roster", "--week", "2027-W02", "-o", xlsx, NULL);
  g_assert_cmpint (sheet.status, ==, 0);
  {
    g_autofree char *script = g_strdup_printf (
      "import openpyxl, sys\n"
      "ws = openpyxl.load_workbook (sys.argv[1]).active\n"
      "for row in ws.iter_rows (values_only=True):\n"
      "    print ('|'.join ('' if v is None else str (v) for v in row))\n");
    const char *python[] = { "/usr/bin/python3", "-c", script, xlsx, NULL };
    int wait_status = 0;

    g_spawn_sync (NULL, (char **) python, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &read_back, NULL, &wait_status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    g_assert_nonnull (strstr (read_back, "周一 2027-01-11"));
    g_assert_nonnull (strstr (read_back, "G5京昆高速曲沃出口|白班 08–16|"));
  }
}

/* The line of a pdftotext text whose first word is @title. */
static char **
line_of (const char *text,
         const char *title)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);

      if (words[0] != NULL && g_str_equal (words[0], title))
        return g_steal_pointer (&words);
    }
  return NULL;
}

/* The leaders' figures: `figures --json` shares each figure out among the
 * townships, `--list` gives exactly the rows behind one (a precision's
 * gaps: its denominator less its numerator); the daily report carries
 * every figure and precision of the JSON, in Chinese, and passes qpdf with
 * its fonts embedded; a past day's sensors offline are "not recorded". */
static void
test_figures (void)
{
  static const char *const printed[][2] = {
    { "returnees", "今日返乡" }, { "monitoring", "健康监测" }, { "home-quarantine", "居家隔离" },
    { "central-quarantine", "集中隔离" }, { "fevers", "今日发热" }, { "tests-due", "今日应检未检" },
    { "tests-overdue", "核酸逾期" }, { "alerts-high", "未处置告警(高)" }, { "alerts-medium", "未处置告警(中)" },
    { "alerts-low", "未处置告警(低)" }, { "alerts-opened", "今日新增告警" }, { "sensors-offline", "门磁离线" },
    { "orders-open", "未办结求助单" }, { "orders-overdue", "超时求助单" }, { "not-reported", "未上报网格" },
    { "positives", "核酸阳性" }, { "violations", "确认违规外出" },
    { "team", "责任到人" }, { "days", "隔离到天" }, { "tests", "检测到次" }, { "temperature", "测温到度" },
    { "disinfection", "消杀到时" },
  };
  g_autofree char *path = db_for ("figures.db");
  g_autofree char *pdf = path_in_tmp ("report.pdf");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) figures = { 0 };
  g_auto(Run) report = { 0 };
  g_auto(Run) past = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *check = NULL;
  JsonObject *root, *values, *precisions;
  /* In the order drawn: the demo's mark across the page stays apart. */
  const char *pdftotext[] = { "pdftotext", "-raw", pdf, "-", NULL };
  const char *qpdf[] = { "qpdf", "--check", pdf, NULL };
  guint matched = 0;

  build_demo (path, "6");
  run_cli (&figures, "--db", path, "figures", "--date", DAY, "--now", DAY " 20:00", "--json", NULL);
  g_assert_cmpint (figures.status, ==, 0);
  json_parser_load_from_data (parser, figures.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  values = json_object_get_object_member (root, "figures");
  precisions = json_object_get_object_member (root, "precisions");
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "曲沃县");

  /* The townships' shares add up; --list gives the rows behind. */
  for (guint i = 0; i < G_N_ELEMENTS (printed); i++)
    {
      g_auto(Run) list = { 0 };
      g_autoptr(JsonParser) rows = json_parser_new ();
      JsonObject *entry = json_object_get_object_member (json_object_has_member (values, printed[i][0]) ? values
                                                         : precisions, printed[i][0]);
      JsonObject *children = json_object_get_object_member (entry, "children");
      gboolean precision = json_object_has_member (entry, "met");
      gint64 total = precision ? json_object_get_int_member (entry, "of") - json_object_get_int_member (entry, "met")
                               : json_object_get_int_member (entry, "value");
      gint64 shared = 0;
      GList *members = json_object_get_members (children);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (children, l->data);

          shared += precision ? json_object_get_int_member (json_node_get_object (node), "of")
                                - json_object_get_int_member (json_node_get_object (node), "met")
                              : json_node_get_int (node);
        }
      g_list_free (members);
      /* A site's room belongs to the county, not a township. */
      if (!g_str_has_prefix (printed[i][0], "alerts") && !g_str_equal (printed[i][0], "sensors-offline") &&
          !g_str_equal (printed[i][0], "violations") && !g_str_equal (printed[i][0], "disinfection"))
        g_assert_cmpint (shared, ==, total);
      run_cli (&list, "--db", path, "figures", "--date", DAY, "--now", DAY " 20:00", "--list", printed[i][0], NULL);
      g_assert_cmpint (list.status, ==, 0);
      json_parser_load_from_data (rows, list.out, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (json_array_get_length (json_node_get_array (json_parser_get_root (rows))), ==, total);
    }

  run_cli (&report, "--db", path, "report", "--date", DAY, "--now", DAY " 20:00", "-o", pdf, NULL);
  g_assert_cmpint (report.status, ==, 0);
  g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text,
                NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "曲沃县疫情防控日报"));
  for (guint i = 0; i < G_N_ELEMENTS (printed); i++)
    {
      g_auto(GStrv) words = line_of (text, printed[i][1]);
      g_autofree char *want = NULL;

      g_assert_nonnull (words);
      if (json_object_has_member (values, printed[i][0]))
        want = g_strdup_printf ("%" G_GINT64_FORMAT,
                                json_object_get_int_member (json_object_get_object_member (values, printed[i][0]),
                                                            "value"));
      else
        {
          JsonObject *p = json_object_get_object_member (precisions, printed[i][0]);

          want = json_object_get_null_member (p, "percent") ? g_strdup ("—")
                 : g_strdup_printf ("%.1f%%", json_object_get_double_member (p, "percent"));
        }
      g_test_message ("%s: %s", printed[i][1], want);
      if (json_object_has_member (values, printed[i][0]))
        g_assert_cmpstr (words[1], ==, want);
      else
        {
          /* 达标, 应达, 比例 */
          JsonObject *p = json_object_get_object_member (precisions, printed[i][0]);
          g_autofree char *met = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (p, "met"));
          g_autofree char *of = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (p, "of"));

          g_assert_cmpstr (words[1], ==, met);
          g_assert_cmpstr (words[2], ==, of);
          g_assert_cmpstr (words[3], ==, want);
        }
      matched++;
    }
  g_assert_cmpuint (matched, ==, G_N_ELEMENTS (printed));
  g_spawn_sync (NULL, (char **) qpdf, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &check, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (check, "No syntax or stream encoding errors"));
  {
    const char *pdffonts[] = { "pdffonts", pdf, NULL };
    g_autofree char *fonts = NULL;
    g_auto(GStrv) lines = NULL;
    guint n_fonts = 0;

    g_spawn_sync (NULL, (char **) pdffonts, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &fonts, NULL, NULL, &error);
    g_assert_no_error (error);
    lines = g_strsplit (fonts, "\n", -1);
    for (guint i = 2; lines[i] != NULL && *lines[i] != '\0'; i++, n_fonts++)
      {
        g_auto(GStrv) columns = g_regex_split_simple ("\\s+", lines[i], 0, 0);
        guint n = g_strv_length (columns);

        g_assert_cmpuint (n, >=, 7);
        g_assert_cmpstr (columns[n - 5], ==, "yes");   /* embedded */
      }
    g_assert_cmpuint (n_fonts, >, 0);
  }

  /* A micro-grid's report: no sites section, the sections numbered in order. */
  {
    g_auto(Run) rows = { 0 };
    g_auto(Run) micro = { 0 };
    g_autoptr(JsonParser) list = json_parser_new ();
    g_autofree char *micro_pdf = path_in_tmp ("micro.pdf");
    g_autofree char *micro_text = NULL;
    const char *micro_raw[] = { "pdftotext", "-raw", micro_pdf, "-", NULL };
    const char *code;

    run_cli (&rows, "--db", path, "figures", "--date", DAY, "--now", DAY " 20:00", "--list", "home-quarantine", NULL);
    g_assert_cmpint (rows.status, ==, 0);
    json_parser_load_from_data (list, rows.out, -1, &error);
    g_assert_no_error (error);
    code = json_object_get_string_member (json_array_get_object_element (json_node_get_array (
                                            json_parser_get_root (list)), 0), "grid");
    run_cli (&micro, "--db", path, "report", "--date", DAY, "--grid", code, "-o", micro_pdf, NULL);
    g_assert_cmpint (micro.status, ==, 0);
    g_spawn_sync (NULL, (char **) micro_raw, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &micro_text, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (strstr (micro_text, "集中隔离点"));
    g_assert_nonnull (strstr (micro_text, "二、下级网格情况"));
    g_assert_nonnull (strstr (micro_text, "五、近14日趋势"));
  }

  /* A past day: sensors offline were not recorded then. */
  run_cli (&past, "--db", path, "figures", "--date", "2026-11-26", "--now", DAY " 20:00", "--json", NULL);
  g_assert_cmpint (past.status, ==, 0);
  json_parser_load_from_data (parser, past.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  values = json_object_get_object_member (root, "figures");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (values, "sensors-offline"), "value"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (values, "home-quarantine"), "value"),
                   !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wg/cli/usage", test_usage);
  g_test_add_func ("/wg/cli/init-and-check", test_init_and_check);
  g_test_add_func ("/wg/cli/demo-counts", test_demo_counts);
  g_test_add_func ("/wg/cli/demo-deterministic", test_demo_deterministic);
  g_test_add_func ("/wg/cli/backup", test_backup);
  g_test_add_func ("/wg/cli/backup-while-open", test_backup_while_open);
  g_test_add_func ("/wg/cli/not-a-database", test_not_a_database);
  g_test_add_func ("/wg/cli/newer-database", test_newer_database);
  g_test_add_func ("/wg/cli/read-only", test_read_only);
  g_test_add_func ("/wg/cli/locked", test_locked);
  g_test_add_func ("/wg/cli/missing-database", test_missing_database);
  g_test_add_func ("/wg/cli/returnees", test_returnees);
  g_test_add_func ("/wg/cli/transfers", test_transfers);
  g_test_add_func ("/wg/cli/field", test_field);
  g_test_add_func ("/wg/cli/figures", test_figures);

  return g_test_run ();
}
