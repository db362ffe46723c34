/* bench-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures for real data in and out at Quwo's scale (issue #12):
 * 150,000 persons imported from a CSV (UTF-8 with a BOM, Chinese headers),
 * exported to CSV and XLSX, and the XLSX imported again — rows per second
 * (wangge-cli is single-threaded: one core) and each run's peak memory,
 * next to the same for a file a tenth the size, so that "flat in the
 * file's size" can be read off. Aims: CSV import ≤ 3 s, XLSX ≤ 10 s. A
 * benchmark reports; it never fails on a number.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "wg-idnum.h"

static const char *cli;
static char *dir;

typedef struct
{
  double seconds;
  double peak_mib;
} Figures;

static Figures
run (const char *what,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  struct rusage usage;
  Figures figures;
  int status = 0;
  GPid pid;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (ap, what);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error))
    g_error ("%s: %s", what, error->message);
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed", what);
  figures.seconds = g_timer_elapsed (timer, NULL);
  figures.peak_mib = usage.ru_maxrss / 1024.0;
  return figures;
}

static char *
make_csv (guint n)
{
  g_autofree char *name = g_strdup_printf ("people-%u.csv", n);
  char *path = g_build_filename (dir, name, NULL);
  FILE *out = fopen (path, "w");

  fputs ("\xEF\xBB\xBF序号,姓名,公民身份号码,联系电话,与户主关系,人员状态,备注\r\n", out);
  for (guint i = 0; i < n; i++)
    {
      guint d = i / 1000;
      char first[18];

      g_snprintf (first, sizeof first, "141021%04u%02u%02u%03u", 1940 + d / (28 * 12), 1 + (d / 28) % 12,
                  1 + d % 28, i % 1000);
      fprintf (out, "%u,测试人员%u,%s%c,139%08u,%s,%s,\r\n", i + 1, i, first, wg_id_number_check_digit (first),
               i, i % 4 == 0 ? "户主" : "子女", i % 10 == 0 ? "返乡" : "在家");
    }
  fclose (out);
  return path;
}

static void
print_line (const char *what,
            guint       rows,
            Figures     f)
{
  printf ("  %-44s %8.2f s  %9.0f rows/s  peak %6.1f MiB\n", what, f.seconds, rows / f.seconds, f.peak_mib);
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 15000, 150000 };

  cli = g_getenv ("WANGGE_CLI");
  if (cli == NULL)
    g_error ("Set WANGGE_CLI to wangge-cli");
  dir = g_dir_make_tmp ("wangge-bench-import-XXXXXX", NULL);

  printf ("Import and export (wangge-cli, one core), persons with Chinese headers:\n");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint n = sizes[s];
      g_autofree char *csv = make_csv (n);
      g_autofree char *a = g_strdup_printf ("%s/a-%u.db", dir, n);
      g_autofree char *b = g_strdup_printf ("%s/b-%u.db", dir, n);
      g_autofree char *out_csv = g_strdup_printf ("%s/out-%u.csv", dir, n);
      g_autofree char *out_xlsx = g_strdup_printf ("%s/out-%u.xlsx", dir, n);
      g_autofree char *label = NULL;
      GStatBuf st;

      run ("init", "--db", a, "init", NULL);
      run ("init", "--db", b, "init", NULL);
      g_stat (csv, &st);
      printf (" %u rows (CSV %.1f MB)\n", n, st.st_size / 1e6);
      print_line ("import CSV (UTF-8 BOM)", n, run ("import", "--db", a, "import", "people", csv, NULL));
      print_line ("import the same CSV again (every row there)", n,
                  run ("import", "--db", a, "import", "people", csv, NULL));
      print_line ("export CSV", n, run ("export", "--db", a, "export", "persons", "-o", out_csv, NULL));
      print_line ("export XLSX (libxlsxwriter, constant memory)", n,
                  run ("export", "--db", a, "export", "persons", "-o", out_xlsx, NULL));
      g_stat (out_xlsx, &st);
      label = g_strdup_printf ("import XLSX (%.1f MB, inline strings)", st.st_size / 1e6);
      print_line (label, n, run ("import", "--db", b, "import", "people", "--map", "户编码=-", out_xlsx, NULL));
    }
  printf ("Aims: 150,000 rows of CSV in ≤ 3 s, of XLSX in ≤ 10 s; peak memory about the same for both sizes.\n");

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
  return 0;
}
