/* test-outputs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What wangge-cli writes, and what it opens, when the world is not kind:
 * targets that are devices, pipes or folders; a disk that fills up; Ctrl+C,
 * SIGTERM and SIGKILL in the middle of a job; a backup while the county is
 * busy writing; databases that are damaged, empty or not files at all.
 * Every case ends with one plain line, nothing replaced and nothing left
 * behind. CI runs as root: the full disk is a small tmpfs mounted here.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wg-demo.h"
#include "wg-store-settings.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

#define DAY "2026-11-29"
#define COUNTY "141021"

static char *county_db;

typedef struct
{
  int status; /* the exit status, or 128 + the signal */
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static GPtrArray *
cli_argv (const char *db,
          va_list     ap)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("WANGGE_CLI")));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
run_cli (Run        *run,
         const char *db,
         ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list ap;

  va_start (ap, db);
  argv = cli_argv (db, ap);
  va_end (ap);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 128 + WTERMSIG (wait_status);
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
}

/* A failure is one line on stderr, saying what is wrong. */
static void
assert_one_line (const Run  *run,
                 const char *expected_part)
{
  g_autofree char *err = g_strdup (run->err);
  g_auto(GStrv) lines = g_strsplit (g_strchomp (err), "\n", -1);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_true (g_str_has_prefix (lines[0], "wangge-cli: "));
  g_assert_nonnull (strstr (lines[0], expected_part));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The names in @dir, sorted, hidden ones too. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
make_dir (void)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), "out", NULL);
}

static char *
copy_county (const char *dir)
{
  g_autofree char *db = g_build_filename (dir, "county.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (county_db, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (db, contents, length, NULL));
  return g_steal_pointer (&db);
}

/* The county written to a file of its own: a desk's file backed up; the
 * county server's copied down to a file (a server is backed up on the
 * server, with pg_dump). */
static void
snapshot (Run        *run,
          const char *target)
{
  if (wg_test_on_server ())
    run_cli (run, county_db, "copy", county_db, target, NULL);
  else
    run_cli (run, county_db, "backup", target, NULL);
}

/* A device, a pipe and a folder are refused before any work, and stay
 * what they were: never replaced by a regular file. */
static void
test_not_a_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *device = g_build_filename (dir, "full", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *targets[] = { device, fifo, folder };
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  /* /dev/full's own numbers, in a private folder. */
  g_assert_cmpint (mknod (device, S_IFCHR | 0600, makedev (1, 7)), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  before = listing (dir);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_auto(Run) labels = { 0 };
      g_auto(Run) posters = { 0 };
      g_auto(Run) dossier = { 0 };
      g_auto(Run) backup = { 0 };
      const char *why = i == 2 ? "is a folder" : "is not a regular file";

      run_cli (&labels, county_db, "labels", "--grid", COUNTY, "-o", targets[i], NULL);
      assert_one_line (&labels, why);
      run_cli (&posters, county_db, "posters", "--grid", COUNTY, "-o", targets[i], NULL);
      assert_one_line (&posters, why);
      run_cli (&dossier, county_db, "dossier", "--grid", COUNTY, "-o", targets[i], NULL);
      assert_one_line (&dossier, why);
      snapshot (&backup, targets[i]);
      assert_one_line (&backup, why);
    }
  g_assert_cmpint (g_lstat (device, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  after = listing (dir);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *inside = listing (folder);

    g_assert_cmpstr (inside, ==, "");
  }
}

/* A disk that fills up: said to be the target's, and nothing is left. */
static void
test_full_disk (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *mnt = g_build_filename (dir, "small", NULL);
  g_autofree char *pdf = g_build_filename (mnt, "labels.pdf", NULL);
  g_autofree char *dossier_pdf = g_build_filename (mnt, "dossier.pdf", NULL);
  g_autofree char *backup_db = g_build_filename (mnt, "backup.db", NULL);
  g_auto(Run) labels = { 0 };
  g_auto(Run) dossier = { 0 };
  g_auto(Run) backup = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (mnt, 0700), ==, 0);
  /* CI runs as root: a 64 KiB disk of our own. */
  if (mount ("tmpfs", mnt, "tmpfs", 0, "size=64k") != 0)
    g_error ("Cannot mount a small tmpfs at %s (%s): the full-disk test needs root.", mnt, g_strerror (errno));

  run_cli (&labels, county_db, "labels", "--grid", COUNTY, "-o", pdf, NULL);
  assert_one_line (&labels, "is full");
  g_assert_nonnull (strstr (labels.err, pdf));
  run_cli (&dossier, county_db, "dossier", "--grid", COUNTY, "-o", dossier_pdf, NULL);
  assert_one_line (&dossier, "is full");
  snapshot (&backup, backup_db);
  assert_one_line (&backup, "is full");
  {
    g_autofree char *left = listing (mnt);

    g_assert_cmpstr (left, ==, "");
  }
  g_assert_cmpint (umount (mnt), ==, 0);
}

static GPid
spawn_cli (const char *db,
           ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;
  GPid pid;

  va_start (ap, db);
  argv = cli_argv (db, ap);
  va_end (ap);
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static gboolean
has_hidden_file (const char *dir)
{
  g_autofree char *names = listing (dir);

  return strstr (names, ".wangge-") != NULL;
}

/* Waits until the job has its temporary file (it is writing). Reading the
 * county first takes minutes under the sanitizers on a busy machine: this
 * is a deadline for a hung job, not a measure of speed. */
static void
wait_for_hidden_file (const char *dir)
{
  gint64 deadline = g_get_monotonic_time () + 400 * G_USEC_PER_SEC;

  while (!has_hidden_file (dir) && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_true (has_hidden_file (dir));
}

static int
wait_status (GPid pid)
{
  int status;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

/* Ctrl+C and SIGTERM in the middle of writing: the job stops, its
 * temporary file goes, and it exits 130 or 143. A SIGKILL leaves the file:
 * the next job into that folder removes it. */
static void
test_interrupted (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "packet.pdf", NULL);
  g_autofree char *labels = g_build_filename (dir, "labels.pdf", NULL);
  const int signals[] = { SIGINT, SIGTERM, SIGKILL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      /* A township's packet: hundreds of pages, so it is still writing when told to stop. */
      GPid pid = spawn_cli (county_db, "dossier", "--grid", "141021100", "-o", pdf, NULL);
      int status;

      wait_for_hidden_file (dir);
      kill (pid, signals[i]);
      status = wait_status (pid);
      g_assert_cmpint (status, ==, 128 + signals[i]);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      if (signals[i] != SIGKILL)
        g_assert_false (has_hidden_file (dir));
    }

  /* The SIGKILL's leftover is there, and the next job takes it away. */
  g_assert_true (has_hidden_file (dir));
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, county_db, "labels", "--grid", "141021100200", "-o", labels, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_false (has_hidden_file (dir));
  g_assert_true (g_file_test (labels, G_FILE_TEST_IS_REGULAR));
}

typedef struct
{
  char *db;
  gint stop;
  guint n_writes;
} Writer;

/* A county at work: a commit every few milliseconds. */
static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (writer->db, WG_STORE_OPEN_FLAGS_DEFAULT, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autofree char *minutes = g_strdup_printf ("%u", 1 + writer->n_writes % 100);

      g_assert_true (wg_store_set_setting (store, "sensor-heartbeat-minutes", minutes, &error));
      writer->n_writes++;
      g_usleep (5000);
    }
  return NULL;
}

/* A backup finishes while another process writes a hundred times a second. */
static void
test_backup_under_load (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *db = NULL;
  g_autofree char *backup = NULL;
  Writer writer = { 0 };
  GThread *thread;
  GPid pid;
  int status;
  if (wg_test_on_server ())
    {
      g_test_skip ("A desk file's backup beside its writers: the county server is backed up with pg_dump");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = copy_county (dir);
  backup = g_build_filename (dir, "backup.db", NULL);
  writer.db = db;
  thread = g_thread_new ("writer", writer_thread, &writer);
  while (g_atomic_int_get (&writer.n_writes) < 20)
    g_usleep (5000);

  pid = spawn_cli (db, "backup", backup, NULL);
  status = wait_status (pid);
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  g_assert_cmpint (status, ==, 0);
  g_test_message ("%u commits beside the backup", writer.n_writes);
  {
    g_auto(Run) check = { 0 };

    run_cli (&check, backup, "check", NULL);
    g_assert_cmpint (check.status, ==, 0);
  }
  g_assert_false (has_hidden_file (dir));
}

static void
assert_bytes_equal (const char *a,
                    const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  gsize nx, ny;

  g_assert_true (g_file_get_contents (a, &x, &nx, NULL));
  g_assert_true (g_file_get_contents (b, &y, &ny, NULL));
  g_assert_cmpmem (x, nx, y, ny);
}

/* One plain line for every bad database, and nothing made beside it. */
static void
test_bad_databases (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *damaged = NULL;
  g_autofree char *pristine = g_build_filename (dir, "pristine.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  if (wg_test_on_server ())
    {
      g_test_skip ("Damaged, empty and odd files: a desk's file only");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  damaged = copy_county (dir);
  /* A page in the middle overwritten, as a failing disk would. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 40 * 4096);
    memset (contents + 20 * 4096, 0xa5, 4096);
    g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
    g_assert_true (g_file_set_contents (pristine, contents, length, NULL));
  }
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  before = listing (dir);

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, damaged, "check", NULL);
    assert_one_line (&run, "is damaged");
    g_assert_null (strstr (run.err, "btree"));
    g_assert_null (strstr (run.err, "Page"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "/dev/null", "check", NULL);
    assert_one_line (&run, "is not a Wangge database");
    run_clear (&run);
    run_cli (&run, "/dev/null", "stats", NULL);
    assert_one_line (&run, "is not a Wangge database");
    g_assert_false (g_file_test ("/dev/null-wal", G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test ("/dev/null-journal", G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, empty, "check", NULL);
    assert_one_line (&run, "is empty");
    g_assert_nonnull (strstr (run.err, "wangge-cli init"));
    run_clear (&run);
    run_cli (&run, empty, "stats", NULL);
    assert_one_line (&run, "is empty");
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, fifo, "stats", NULL);
    assert_one_line (&run, "is not a Wangge database");
  }
  /* Beside the damaged database, at most SQLite's own shared-memory index
   * and an empty WAL: a reader of a WAL database makes them. */
  after = listing (dir);
  {
    g_autoptr(GString) expected = g_string_new (before);

    g_string_replace (expected, "county.db ", "county.db county.db-shm county.db-wal ", 1);
    g_assert_true (g_str_equal (after, before) || g_str_equal (after, expected->str));
  }
  assert_bytes_equal (damaged, pristine);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (empty, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture_dir = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  fixture_dir = wg_test_make_tmp_dir ();
  county_db = wg_test_database (fixture_dir, "county");
  {
    g_autoptr(WgStore) store = wg_store_open (county_db, WG_STORE_OPEN_FLAGS_CREATE, &error);

    g_assert_no_error (error);
    g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 2, DAY, NULL, NULL, &error));
  }

  g_test_add_func ("/wg/outputs/not-a-file", test_not_a_file);
  g_test_add_func ("/wg/outputs/full-disk", test_full_disk);
  g_test_add_func ("/wg/outputs/interrupted", test_interrupted);
  g_test_add_func ("/wg/outputs/backup-under-load", test_backup_under_load);
  g_test_add_func ("/wg/outputs/bad-databases", test_bad_databases);

  status = g_test_run ();
  wg_test_remove_tree (fixture_dir);
  g_free (county_db);
  return status;
}
