/* test-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wangge-cli import and export as a county uses them: the same rows as
 * GB18030 CSV, UTF-8-BOM CSV and XLSX give the same county; one bad row
 * among 1,000 stops everything and is named by its spreadsheet row;
 * --skip-invalid takes the rest and writes the one; importing again changes
 * nothing; a registered returnee is matched, not duplicated; the sample
 * registers make a county whose counts are the files'; a SIGKILL mid-import
 * leaves the database as it was; exports read back in openpyxl with ID
 * numbers as text.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wg-demo.h"
#include "wg-export.h"
#include "wg-idnum.h"
#include "wg-store-search.h"
#include "wg-store-status.h"
#include "wg-table-writer.h"

#include "../wg-test-db.h"
#include "../wg-test-util.h"

#define PYTHON "/usr/bin/python3"

static char *county_db; /* the small demo county, built once */

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

static void
run_argv (Run         *run,
          const char **argv)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                               &wait_status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 128 + WTERMSIG (wait_status);
  g_test_message ("%s → exit %d\n%s%s", argv[1], run->status, run->out, run->err);
}

static void
run_cli (Run        *run,
         const char *db,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WANGGE_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (ap, db);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  run_argv (run, (const char **) argv->pdata);
}

static char *
path_in (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* A county's location: a file, or a database of its own on the server. */
static char *
database_in (const char *name)
{
  g_autofree char *stem = g_strndup (name, strlen (name) - (g_str_has_suffix (name, ".db") ? 3 : 0));
  g_autofree char *folder = path_in ("");

  return wg_test_database (g_get_user_data_dir (), stem);
}

static char *
new_database (const char *name)
{
  char *db = database_in (name);
  g_auto(Run) run = { 0 };

  run_cli (&run, db, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return db;
}

static char *
copy_county (const char *name)
{
  g_autofree char *folder = path_in ("");
  g_autofree char *stem = g_strndup (name, strlen (name) - 3);

  return wg_test_clone (county_db, g_get_user_data_dir (), stem);
}

static JsonObject *
stats (const char *db)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  run_cli (&run, db, "stats", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gint64
count (const char *db,
       const char *what)
{
  g_autoptr(JsonObject) object = stats (db);

  return json_object_get_int_member (object, what);
}

static char *
digest (const char *db)
{
  g_autoptr(WgStore) store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, NULL);

  g_assert_nonnull (store);
  return wg_store_dup_digest (store, NULL);
}

/* A valid ID number for the i-th made-up person (unique up to 300,000). */
static char *
make_id_number (guint i)
{
  guint d = i / 1000;
  g_autofree char *first = g_strdup_printf ("141021%04u%02u%02u%03u", 1950 + d / (28 * 12), 1 + (d / 28) % 12,
                                            1 + d % 28, i % 1000);

  return g_strdup_printf ("%s%c", first, wg_id_number_check_digit (first));
}

/* People as a county's 花名册 has them: a title row, Chinese headers, a
 * serial-number column and a remarks column nobody maps. */
static GString *
people_csv (guint n,
            guint bad_index)
{
  GString *csv = g_string_new ("乐昌镇人口花名册,,,,,\r\n序号,姓名,公民身份号码,联系电话,人员状态,备注\r\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = make_id_number (i);

      if (i == bad_index)
        id[17] = id[17] == '0' ? '1' : '0'; /* a wrong check digit */
      /* Untidy but fine: spaces around the ID number, a lower-case x. */
      if (i % 7 == 3)
        {
          char *lower = g_ascii_strdown (id, -1);

          g_free (id);
          id = g_strdup_printf (" %s ", lower);
          g_free (lower);
        }
      g_string_append_printf (csv, "%u,测试%u,%s,139%08u,%s,\"备注, 含逗号\"\r\n", i + 1, i, id, i,
                              i % 10 == 0 ? "返乡" : "在家");
    }
  return csv;
}

static char *
write_file (const char *name,
            const char *data,
            gssize      len)
{
  char *path = path_in (name);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static void
python (const char *program,
        const char *arg1,
        const char *arg2,
        char      **out)
{
  const char *argv[] = { PYTHON, "-c", program, arg1, arg2, NULL };
  g_auto(Run) run = { 0 };

  run_argv (&run, argv);
  if (run.status != 0)
    g_error ("python3 failed: %s", run.err);
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
}

/* The CSV's rows as an XLSX written by openpyxl, every cell as text. */
static char *
csv_to_xlsx (const char *csv_path,
             const char *name)
{
  char *xlsx = path_in (name);

  python ("import csv, sys, openpyxl\n"
          "wb = openpyxl.Workbook(); ws = wb.active\n"
          "for row in csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')):\n"
          "    ws.append(row)\n"
          "wb.save(sys.argv[2])\n",
          csv_path, xlsx, NULL);
  return xlsx;
}

static void
test_formats_identical (void)
{
  g_autoptr(GString) csv = people_csv (300, G_MAXUINT);
  g_autofree char *bom_text = g_strconcat ("\xEF\xBB\xBF", csv->str, NULL);
  g_autofree char *gb_text = g_convert (csv->str, csv->len, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autofree char *bom = write_file ("people-bom.csv", bom_text, -1);
  g_autofree char *gb = write_file ("people-gb.csv", gb_text, -1);
  g_autofree char *xlsx = csv_to_xlsx (bom, "people.xlsx");
  const char *files[] = { bom, gb, xlsx };
  g_autofree char *first_digest = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strdup_printf ("formats-%u.db", i);
      g_autofree char *db = new_database (name);
      g_autofree char *d = NULL;
      g_auto(Run) run = { 0 };

      run_cli (&run, db, "import", "people", files[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, i == 1 ? "GB18030" : i == 0 ? "UTF-8 (BOM)" : "XLSX"));
      g_assert_nonnull (strstr (run.out, "header on row 2"));
      g_assert_nonnull (strstr (run.out, "序号, 备注"));
      g_assert_cmpint (count (db, "persons"), ==, 300);
      g_assert_cmpint (count (db, "returnees"), ==, 30);
      d = digest (db);
      if (first_digest == NULL)
        first_digest = g_steal_pointer (&d);
      else
        g_assert_cmpstr (d, ==, first_digest);
    }
}

static guint
csv_rows (const char *path)
{
  g_autofree char *out = NULL;

  python ("import csv, sys\n"
          "rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n"
          "print(len(rows))\n",
          path, NULL, &out);
  return (guint) g_ascii_strtoull (out, NULL, 10);
}

static void
test_one_bad_row (void)
{
  g_autoptr(GString) csv = people_csv (1000, 616);
  g_autofree char *file = write_file ("thousand.csv", csv->str, csv->len);
  g_autofree char *db = new_database ("thousand.db");
  g_autofree char *rejected = path_in ("thousand.rejected.csv");
  g_autofree char *before = digest (db);
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  g_autofree char *rejected_text = NULL;
  g_auto(Run) refused = { 0 };
  g_auto(Run) skipped = { 0 };
  g_auto(Run) repeat = { 0 };
  g_auto(GStrv) lines = NULL;

  /* Index 616 is the 617th person: row 619 with the title and the header. */
  run_cli (&refused, db, "import", "people", file, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "Row 619: Invalid"));
  g_assert_nonnull (strstr (refused.err, "wangge-cli: 1 row is invalid (row 619:"));
  g_assert_nonnull (strstr (refused.err, "nothing was imported"));
  after = digest (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count (db, "persons"), ==, 0);

  run_cli (&skipped, db, "import", "people", "--skip-invalid", file, NULL);
  g_assert_cmpint (skipped.status, ==, 0);
  g_assert_cmpint (count (db, "persons"), ==, 999);
  g_assert_nonnull (strstr (skipped.out, "Imported 999 rows."));
  g_assert_nonnull (strstr (skipped.out, rejected));
  g_assert_true (g_file_get_contents (rejected, &rejected_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (rejected_text, "\xEF\xBB\xBF"));
  g_assert_cmpuint (csv_rows (rejected), ==, 2);
  lines = g_strsplit (rejected_text, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[1], "619,"));
  g_assert_nonnull (strstr (lines[1], "测试616"));

  /* The same file again: nothing changes, not even the log. */
  g_clear_pointer (&after, g_free);
  after = digest (db);
  run_cli (&repeat, db, "import", "people", "--skip-invalid", file, NULL);
  g_assert_cmpint (repeat.status, ==, 0);
  g_assert_nonnull (strstr (repeat.out, "already there 999"));
  again = digest (db);
  g_assert_cmpstr (again, ==, after);
}

static void
test_bad_rows (void)
{
  g_autofree char *db = copy_county ("bad-rows.db");
  g_autofree char *households = NULL;
  g_autofree char *returnees = NULL;
  g_autofree char *before = digest (db);
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) run2 = { 0 };
  g_autofree char *id1 = make_id_number (1), *id2 = make_id_number (2), *id3 = make_id_number (3);
  g_autofree char *id4 = make_id_number (4);
  g_autofree char *text = NULL;

  /* Households: a repeated code (the later row is the bad one), a village
   * grid, an unknown grid. Full-width headers are read. */
  households = write_file ("bad-households.csv",
                           "户编号,所属网格,家庭住址\r\n"
                           "ZZ000001,1410211002000101,东关村1号\r\n"
                           "ZZ000002,141021100200,东关村2号\r\n"
                           "ZZ000001,1410211002000101,东关村3号\r\n"
                           "ZZ000003,1410219999000101,东关村4号\r\n",
                           -1);
  run_cli (&run, db, "import", "households", households, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Row 3: Invalid — Grid 141021100200 is not a micro-grid"));
  g_assert_nonnull (strstr (run.err, "Row 4: Invalid — Repeats row 2"));
  g_assert_nonnull (strstr (run.err, "Row 5: Invalid — Grid 1410219999000101 is not in the database"));
  g_assert_null (strstr (run.err, "Row 2:"));

  /* Returnees: an ID number Excel made a number of, an impossible date,
   * dates written four ways. */
  text = g_strdup_printf ("ＩＤ Number,姓名（必填）,抵曲日期,来源地\r\n"
                          "1.41021E+17,甲,2026-11-20,上海市\r\n"
                          "%s,乙,2026-02-30,上海市\r\n"
                          "%s,丙,2026/11/21,上海市\r\n"
                          "%s,丁,2026年11月21日,上海市\r\n"
                          "%s,戊,2026.11.2,上海市\r\n",
                          id1, id2, id3, id4);
  returnees = write_file ("bad-returnees.csv", text, -1);
  run_cli (&run2, db, "import", "returnees", returnees, NULL);
  g_assert_cmpint (run2.status, ==, 1);
  g_assert_nonnull (strstr (run2.err, "Row 2: Invalid — ID number “1.41021E+17” was turned into a number"));
  g_assert_nonnull (strstr (run2.err, "Row 3: Invalid — Arrival date “2026-02-30” is not a day that exists"));
  g_assert_nonnull (strstr (run2.err, "invalid 2"));
  g_assert_nonnull (strstr (run2.err, "new 3"));
  after = digest (db);
  g_assert_cmpstr (after, ==, before);
}

/* The first person of the demo county, as an export lists them. */
static char *
first_registered (const char *db,
                  char      **name)
{
  g_autofree char *file = path_in ("registered.csv");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) cells = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, db, "export", "persons", "-o", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", 3);
  cells = g_strsplit (lines[1], ",", -1);
  *name = g_strdup (cells[1]);
  return g_strdup (cells[0]);
}

static void
test_returnee_matched (void)
{
  g_autofree char *db = copy_county ("matched.db");
  g_autofree char *name = NULL;
  g_autofree char *known = first_registered (db, &name);
  g_autofree char *stranger = make_id_number (77);
  g_autofree char *text = g_strdup_printf ("姓名,身份证号,手机号,从何地返回,抵曲日期,所属网格\r\n"
                                           "%s,%s,13800000001,上海市徐汇区,2026-11-27,1410211002000101\r\n"
                                           "新来者,%s,13800000002,广东省深圳市,2026-11-28,141021100200\r\n",
                                           name, known, stranger);
  g_autofree char *file = write_file ("matched.csv", text, -1);
  g_autofree char *exported = path_in ("returnees.csv");
  g_autofree char *listing = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL;
  gint64 persons = count (db, "persons");
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) export = { 0 };

  run_cli (&run, db, "import", "returnees", "--channel", "qr", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* The registered person: an arrival added, the differing phone listed. */
  g_assert_nonnull (strstr (run.out, "Row 2: Conflicts — Arrival added; not changed: Phone"));
  g_assert_nonnull (strstr (run.out, "Imported 2 rows."));
  g_assert_cmpint (count (db, "persons"), ==, persons + 1);

  d1 = digest (db);
  run_cli (&again, db, "import", "returnees", "--channel", "qr", file, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "Nothing new"));
  d2 = digest (db);
  g_assert_cmpstr (d1, ==, d2);

  /* The channel stays on the record; the stranger stays on the village
   * the list names until a household is confirmed. */
  run_cli (&export, db, "export", "returnees", "-o", exported, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (exported, &listing, NULL, NULL));
  g_assert_nonnull (strstr (listing, stranger));
  g_assert_nonnull (strstr (listing, "扫码登记,141021100200,"));
  g_assert_nonnull (strstr (listing, known));
}

static void
test_samples (void)
{
  g_autofree char *db = new_database ("samples.db");
  g_autofree char *dir = g_build_filename (g_getenv ("WANGGE_SOURCE_ROOT"), "data", "samples", NULL);
  g_autofree char *counts = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) got = NULL;
  JsonObject *want;
  const char *kinds[] = { "grids", "staff", "households", "people" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".csv", NULL);
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_auto(Run) run = { 0 };

      run_cli (&run, db, "import", kinds[i], file, NULL);
      g_assert_cmpint (run.status, ==, 0);
    }

  /* Counted by Python's own csv module, not by our reader. */
  python ("import csv, sys, json, os\n"
          "d = sys.argv[1]\n"
          "def rows(name, enc, skip):\n"
          "    return list(csv.reader(open(os.path.join(d, name), encoding=enc, newline='')))[skip:]\n"
          "grids = rows('grids.csv', 'utf-8-sig', 1)\n"
          "levels = [sum(1 for g in grids if g[3] == str(l)) for l in range(1, 6)]\n"
          "staff = rows('staff.csv', 'gb18030', 1)\n"
          "people = rows('people.csv', 'gb18030', 2)\n"
          "print(json.dumps({'counties': levels[0], 'townships': levels[1], 'villages': levels[2],\n"
          "  'groups': levels[3], 'micro_grids': levels[4],\n"
          "  'households': len(rows('households.csv', 'utf-8-sig', 1)),\n"
          "  'persons': len(people), 'away': sum(1 for p in people if p[6] == '在外'),\n"
          "  'returnees': sum(1 for p in people if p[6] == '返乡'),\n"
          "  'staff': len({(s[2], s[3]) for s in staff})}))\n",
          dir, NULL, &counts);
  g_assert_true (json_parser_load_from_data (parser, counts, -1, NULL));
  want = json_node_get_object (json_parser_get_root (parser));
  got = stats (db);
  for (GList *l = json_object_get_members (want); l != NULL; l = g_list_delete_link (l, l))
    {
      g_test_message ("%s: %" G_GINT64_FORMAT, (const char *) l->data,
                      json_object_get_int_member (want, l->data));
      g_assert_cmpint (json_object_get_int_member (got, l->data), ==, json_object_get_int_member (want, l->data));
    }

  /* And the three returnee lists, one per channel. */
  {
    const char *lists[][2] = {
      { "returnees-pushed.csv", "pushed" }, { "returnees-qr.csv", "qr" }, { "returnees-screening.xlsx", "screening" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_autofree char *file = g_build_filename (dir, lists[i][0], NULL);
        g_auto(Run) run = { 0 };

        run_cli (&run, db, "import", "returnees", "--channel", lists[i][1], file, NULL);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_nonnull (strstr (run.out, "invalid 0"));
      }
  }
  {
    g_auto(Run) check = { 0 };

    run_cli (&check, db, "check", NULL);
    g_assert_cmpint (check.status, ==, 0);
  }
}

/* The CPU time a process has spent, in seconds (/proc/PID/stat). */
static double
cpu_seconds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  /* utime and stime: fields 14 and 15, 12 and 13 after the name. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static void
test_killed (void)
{
  g_autoptr(GString) csv = people_csv (150000, G_MAXUINT);
  g_autofree char *file = write_file ("big.csv", csv->str, csv->len);
  g_autofree char *db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *argv[] = { g_getenv ("WANGGE_CLI"), "--db", db, "import", "people", file, NULL };
  g_autoptr(GError) error = NULL;
  g_auto(Run) check = { 0 };
  GPid pid;
  int wait_status = 0;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  db = new_database ("killed.db");
  before = digest (db);
  argv[2] = db;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  /* Killed in the middle of its one transaction (begun before the first
   * row is read): after a second's work of the three it takes. On a file,
   * much of it is in the page cache, some in the WAL; on the server, in
   * the open transaction. */
  while (cpu_seconds (pid) < 1.0 && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_cmpint (waitpid (pid, &wait_status, WNOHANG), ==, 0);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (wait_status));
  g_spawn_close_pid (pid);

  run_cli (&check, db, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_cmpint (count (db, "persons"), ==, 0);
  after = digest (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_export_read_back (void)
{
  g_autofree char *xlsx = path_in ("persons.xlsx");
  g_autofree char *csv = path_in ("persons.csv");
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *csv_text = NULL;
  gint64 persons = count (county_db, "persons");
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) bad = { 0 };

  run_cli (&a, county_db, "export", "persons", "-o", xlsx, NULL);
  g_assert_cmpint (a.status, ==, 0);
  run_cli (&b, county_db, "export", "persons", "--format", "csv", "-o", csv, NULL);
  g_assert_cmpint (b.status, ==, 0);

  python ("import sys, openpyxl, datetime\n"
          "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
          "rows = list(ws.iter_rows(values_only=True))\n"
          "assert rows[0][:3] == ('身份证号', '姓名', '性别'), rows[0]\n"
          "assert all(isinstance(r[0], str) and len(r[0]) == 18 for r in rows[1:])\n"
          "assert all(isinstance(r[3], datetime.datetime) for r in rows[1:])\n"
          "assert all(r[4] is None or isinstance(r[4], str) for r in rows[1:])\n"
          "print(len(rows) - 1)\n",
          xlsx, NULL, &out);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "\n", persons);
  g_assert_cmpstr (out, ==, expected);

  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "\xEF\xBB\xBF身份证号,姓名,"));
  g_assert_cmpuint (csv_rows (csv), ==, persons + 1);

  /* Exported people come back in as themselves. */
  {
    g_autofree char *db = copy_county ("round-trip.db");
    g_auto(Run) back = { 0 };

    run_cli (&back, db, "import", "people", xlsx, NULL);
    g_assert_cmpint (back.status, ==, 0);
    g_assert_nonnull (strstr (back.out, "Nothing new"));
  }

  /* A folder is not replaced by a list. */
  run_cli (&bad, county_db, "export", "persons", "-o", g_get_user_data_dir (), "--format", "csv", NULL);
  g_assert_cmpint (bad.status, ==, 1);
}

static void
test_mapping_remembered (void)
{
  g_autofree char *db = new_database ("mapping.db");
  g_autofree char *id1 = make_id_number (501), *id2 = make_id_number (502);
  g_autofree char *t1 = g_strdup_printf ("姓名,证号,微信手机\r\n甲,%s,13900000501\r\n", id1);
  g_autofree char *t2 = g_strdup_printf ("姓名,证号,微信手机\r\n乙,%s,13900000502\r\n", id2);
  g_autofree char *f1 = write_file ("map1.csv", t1, -1);
  g_autofree char *f2 = write_file ("map2.csv", t2, -1);
  g_autofree char *out = path_in ("map.csv");
  g_autofree char *listing = NULL;
  g_auto(Run) unmapped = { 0 };
  g_auto(Run) mapped = { 0 };
  g_auto(Run) remembered = { 0 };
  g_auto(Run) export = { 0 };

  /* Neither header is known: the file cannot be read as people. */
  run_cli (&unmapped, db, "import", "people", f1, NULL);
  g_assert_cmpint (unmapped.status, ==, 1);
  g_assert_nonnull (strstr (unmapped.err, "no column for"));

  run_cli (&mapped, db, "import", "people", "--map", "证号=id_number", "--map", "微信手机=phone", f1, NULL);
  g_assert_cmpint (mapped.status, ==, 0);
  /* A file with the same headers: the correction is remembered. */
  run_cli (&remembered, db, "import", "people", f2, NULL);
  g_assert_cmpint (remembered.status, ==, 0);
  g_assert_cmpint (count (db, "persons"), ==, 2);
  run_cli (&export, db, "export", "persons", "-o", out, NULL);
  g_assert_true (g_file_get_contents (out, &listing, NULL, NULL));
  g_assert_nonnull (strstr (listing, "13900000502"));
}

/* The lists the app exports straight from core: a figure's people and
 * every search result, with as many rows as the app lists. */
static void
test_export_status_and_search (void)
{
  g_autoptr(WgStore) store = wg_store_open (county_db, WG_STORE_OPEN_FLAGS_DEFAULT, NULL);
  g_autofree char *status_file = path_in ("status.xlsx");
  g_autofree char *search_file = path_in ("search.csv");
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  g_assert_nonnull (store);
  people = wg_store_list_status_people (store, "141021", WG_STATUS_RETURNEES, "2026-11-29", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >, 0);
  g_assert_true (wg_export_write_status (store, "141021", WG_STATUS_RETURNEES, "2026-11-29", status_file,
                                         WG_TABLE_FORMAT_XLSX, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, people->len);
  python ("import sys, openpyxl\n"
          "rows = list(openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True))\n"
          "assert rows[0][0] == '姓名'\n"
          "print(len(rows) - 1)\n",
          status_file, NULL, &out);
  expected = g_strdup_printf ("%u\n", people->len);
  g_assert_cmpstr (out, ==, expected);

  results = wg_store_search (store, "曲沃", G_MAXINT, &error);
  g_assert_no_error (error);
  g_assert_true (wg_export_write_search (store, "曲沃", search_file, WG_TABLE_FORMAT_CSV, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, results->len);
  g_assert_cmpuint (csv_rows (search_file), ==, results->len + 1);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = wg_test_make_tmp_dir ();
  county_db = wg_test_database (dir, "county");
  store = wg_store_open (county_db, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 1, "2026-11-29", NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add_func ("/import/formats-identical", test_formats_identical);
  g_test_add_func ("/import/one-bad-row", test_one_bad_row);
  g_test_add_func ("/import/bad-rows", test_bad_rows);
  g_test_add_func ("/import/returnee-matched", test_returnee_matched);
  g_test_add_func ("/import/samples", test_samples);
  g_test_add_func ("/import/killed", test_killed);
  g_test_add_func ("/import/mapping-remembered", test_mapping_remembered);
  g_test_add_func ("/export/read-back", test_export_read_back);
  g_test_add_func ("/export/status-and-search", test_export_status_and_search);

  status = g_test_run ();
  wg_test_remove_tree (dir);
  return status;
}
