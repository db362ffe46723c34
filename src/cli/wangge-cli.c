/* wangge-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The headless front end to libwangge-core: batch work, scripting, tests and
 * benchmarks. Exit 0 on success, 1 with one line on stderr when the work
 * fails, 2 for a command line it does not understand.
 */

#define G_LOG_DOMAIN "wangge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "wg-attachment.h"
#include "wg-demo.h"
#include "wg-document.h"
#include "wg-dossier.h"
#include "wg-idnum.h"
#include "wg-label-sheet.h"
#include "wg-label.h"
#include "wg-output.h"
#include "wg-poster-set.h"
#include "wg-store-audit.h"
#include "wg-store-copy.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-settings.h"

#include "wg-cli.h"

typedef int (*VerbFunc) (WgCli   *cli,
                         int    argc,
                         char **argv);

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  VerbFunc func;
} Verb;

int
wg_cli_fail (const GError *error)
{
  g_printerr ("wangge-cli: %s\n", error->message);
  return EXIT_FAILURE;
}

int
wg_cli_usage_error (const char *message)
{
  g_printerr ("wangge-cli: %s\n", message);
  g_printerr (_("Run “wangge-cli --help” to see the commands."));
  g_printerr ("\n");
  return WG_CLI_EXIT_USAGE;
}

void
wg_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

/* A string member, null when there is no value. */
void
wg_cli_add_string (JsonBuilder *builder,
                   const char  *key,
                   const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

gboolean
wg_cli_parse_id (const char *text,
                 gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* A time typed as "YYYY-MM-DD HH:MM" with its seconds, as the store writes
 * times; %NULL is now. */
char *
wg_cli_full_time (const char *at)
{
  g_autoptr(GDateTime) now = NULL;

  if (at != NULL)
    return strlen (at) == 16 ? g_strconcat (at, ":00", NULL) : g_strdup (at);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

/* Parses a verb's options; anything left over that the verb did not ask
 * for is a usage error. */
gboolean
wg_cli_parse_options (const char    *verb,
                      const char    *args,
                      GOptionEntry  *entries,
                      int           *argc,
                      char        ***argv,
                      int           *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", verb, args != NULL ? args : "");

  context = g_option_context_new (parameter);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = wg_cli_usage_error (error->message);
      return FALSE;
    }
  return TRUE;
}

WgStore *
wg_cli_open_store (WgCli              *cli,
                   WgStoreOpenFlags  flags,
                   GError          **error)
{
  WgStore *store = wg_store_open (cli->db_path, flags, error);

  if (store != NULL && cli->operator_name != NULL)
    wg_store_set_operator (store, cli->operator_name);
  return store;
}

/* A desk's file gets its folder; the county server needs none. */
static gboolean
make_database_folder (WgCli *cli)
{
  g_autofree char *dir = NULL;

  if (wg_store_is_location_uri (cli->db_path))
    return TRUE;
  dir = g_path_get_dirname (cli->db_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("wangge-cli: ");
      g_printerr (_("Cannot create the folder “%s”."), dir);
      g_printerr ("\n");
      return FALSE;
    }
  return TRUE;
}

static int
verb_init (WgCli   *cli,
           int    argc,
           char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!wg_cli_parse_options ("init", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wg_cli_usage_error (_("“init” takes no arguments."));

  if (!make_database_folder (cli))
    return EXIT_FAILURE;

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_CREATE, &error)))
    return wg_cli_fail (error);

  g_print (_("Database ready at %s (schema version %u)."), wg_store_get_path (store),
           wg_store_get_schema_version (store));
  g_print ("\n");
  return EXIT_SUCCESS;
}

static void
on_demo_progress (double   fraction,
                  gpointer user_data)
{
  gboolean tty = GPOINTER_TO_INT (user_data);

  if (tty)
    {
      g_printerr ("\r%s %3d%%", _("Building the demo county…"), (int) (fraction * 100));
      if (fraction >= 1.0)
        g_printerr ("\n");
    }
}

static int
verb_demo (WgCli   *cli,
           int    argc,
           char **argv)
{
  g_autofree char *scale_text = NULL;
  g_autofree char *date = NULL;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("quwo (the real size, the default) or small (for tests)"), "SCALE" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed: the same seed gives the same county"), "N" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("The day the records lead up to (default today)"), "YYYY-MM-DD" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  WgDemoScale scale = WG_DEMO_SCALE_QUWO;
  WgLevelCounts counts;
  int status;

  if (!wg_cli_parse_options ("demo", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wg_cli_usage_error (_("“demo” takes no arguments besides its options."));
  if (scale_text != NULL && !wg_demo_scale_from_string (scale_text, &scale))
    return wg_cli_usage_error (_("--scale is “quwo” or “small”."));
  if (seed < 0 || seed > G_MAXUINT32)
    return wg_cli_usage_error (_("--seed is a whole number from 0 to 4294967295."));

  if (!make_database_folder (cli))
    return EXIT_FAILURE;

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_CREATE, &error)))
    return wg_cli_fail (error);

  if (!wg_demo_build (store, scale, (guint32) seed, date, on_demo_progress,
                      GINT_TO_POINTER (isatty (fileno (stderr))), &error))
    return wg_cli_fail (error);

  if (!wg_store_count (store, date, &counts, &error))
    return wg_cli_fail (error);

  g_print (_("Built the demo county in %.1f s: %u townships, %u villages, %u groups, %u micro-grids, %u households, %u people."),
           g_timer_elapsed (timer, NULL), counts.grids[2], counts.grids[3], counts.grids[4],
           counts.grids[5], counts.households, counts.persons);
  g_print ("\n");
  return EXIT_SUCCESS;
}

static int
verb_check (WgCli   *cli,
            int    argc,
            char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!wg_cli_parse_options ("check", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wg_cli_usage_error (_("“check” takes no arguments."));

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !wg_store_check (store, &error))
    return wg_cli_fail (error);

  g_print (_("%s: no problems found (schema version %u)."), wg_store_get_path (store),
           wg_store_get_schema_version (store));
  g_print ("\n");
  return EXIT_SUCCESS;
}

/* Ctrl+C or SIGTERM during a job cancels it: the writer stops between pages
 * (or SQLite steps), removes its temporary file, and the verb exits 130 or
 * 143. The signals are taken by a thread of their own (sigwait) — blocked
 * before any other thread starts, so that none of them is the one hit.
 * SIGUSR2, sent to that thread alone when the verb is over, ends it: no
 * thread is left running at exit. */
static void *
signal_thread (void *data)
{
  WgCli *cli = data;
  sigset_t set;
  int sig = 0;

  sigemptyset (&set);
  sigaddset (&set, SIGINT);
  sigaddset (&set, SIGTERM);
  sigaddset (&set, SIGUSR2);
  if (sigwait (&set, &sig) == 0 && sig != SIGUSR2)
    {
      g_atomic_int_set (&cli->signal, sig);
      g_cancellable_cancel (cli->cancellable);
    }
  return NULL;
}

void
wg_cli_begin_job (WgCli *cli)
{
  sigset_t set;

  sigemptyset (&set);
  sigaddset (&set, SIGINT);
  sigaddset (&set, SIGTERM);
  sigaddset (&set, SIGUSR2);
  pthread_sigmask (SIG_BLOCK, &set, NULL);
  cli->cancellable = g_cancellable_new ();
  if (pthread_create (&cli->signal_thread, NULL, signal_thread, cli) == 0)
    cli->watching_signals = TRUE;
}

void
wg_cli_end_job (WgCli *cli)
{
  if (!cli->watching_signals)
    return;
  pthread_kill (cli->signal_thread, SIGUSR2);
  pthread_join (cli->signal_thread, NULL);
  cli->watching_signals = FALSE;
  g_clear_object (&cli->cancellable);
}

/* A job's failure: interrupted says so and exits 128 + the signal. */
int
wg_cli_fail_job (WgCli          *cli,
                 const GError *error)
{
  int sig = g_atomic_int_get (&cli->signal);

  if (sig != 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("\n%s\n", _("wangge-cli: interrupted; nothing was written."));
      return 128 + sig;
    }
  return wg_cli_fail (error);
}

static int
verb_backup (WgCli   *cli,
             int    argc,
             char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!wg_cli_parse_options ("backup", "OUT.db", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return wg_cli_usage_error (_("“backup” takes one argument: the file to write."));
  if (!wg_output_check_target (argv[1], &error))
    return wg_cli_fail (error);

  wg_cli_begin_job (cli);
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    return wg_cli_fail (error);
  if (!wg_store_backup (store, argv[1], cli->cancellable, &error))
    return wg_cli_fail_job (cli, error);

  g_print (_("Backed up %s to %s."), wg_store_get_path (store), argv[1]);
  g_print ("\n");
  return EXIT_SUCCESS;
}

/* The county server set up: the schema, and the roles desks log in under. */
static int
verb_server_init (WgCli   *cli,
                  int    argc,
                  char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!wg_cli_parse_options ("server-init", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wg_cli_usage_error (_("“server-init” takes no arguments."));
  if (!wg_store_is_location_uri (cli->db_path))
    return wg_cli_usage_error (_("“server-init” sets up a county server: give --db postgresql://…"));
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_CREATE, &error)) ||
      !wg_store_grant_roles (store, &error))
    return wg_cli_fail (error);

  g_print (_("County server ready at %s (schema version %u): desks log in as members of wangge_operator (read and write) or wangge_viewer (read only)."),
           wg_store_get_path (store), wg_store_get_schema_version (store));
  g_print ("\n");
  return EXIT_SUCCESS;
}

/* A county between engines: a desk's file up to the county server, the
 * server down to a file. */
static int
verb_copy (WgCli   *cli,
           int    argc,
           char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(WgStore) from = NULL;
  g_autoptr(WgStore) to = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_path = NULL;
  guint64 n_rows = 0;
  int status;

  if (!wg_cli_parse_options ("copy", "FROM TO", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return wg_cli_usage_error (_("“copy” takes two arguments: the database to copy, and an empty one to copy it into."));

  wg_cli_begin_job (cli);
  if (!(from = wg_store_open (argv[1], WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    return wg_cli_fail (error);
  /* A new file is written under a temporary name and renamed once the copy
   * is complete and checked: a full disk or a cancelled copy leaves
   * nothing. */
  if (!wg_store_is_location_uri (argv[2]))
    {
      /* Never into a device, a pipe or a folder. */
      if (!wg_output_check_target (argv[2], &error))
        return wg_cli_fail (error);
      if (!g_file_test (argv[2], G_FILE_TEST_EXISTS) &&
          !(tmp_path = wg_output_make_temp (argv[2], "copy", NULL, &error)))
        return wg_cli_fail (error);
    }
  if (!(to = wg_store_open (tmp_path != NULL ? tmp_path : argv[2], WG_STORE_OPEN_FLAGS_CREATE, &error)))
    goto failed;
  if (cli->operator_name != NULL)
    wg_store_set_operator (to, cli->operator_name);
  if (!wg_store_copy (from, to, &n_rows, cli->cancellable, &error))
    goto failed;
  if (tmp_path != NULL)
    {
      /* Closed first: the file whole, without its WAL beside it. */
      g_clear_object (&to);
      if (!wg_output_commit (tmp_path, -1, argv[2], &error))
        goto failed;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Copied %s to %s: %u row, the same county on both.",
                        "Copied %s to %s: %u rows, the same county on both.", (gulong) n_rows),
           wg_store_get_path (from), to != NULL ? wg_store_get_path (to) : argv[2], (guint) n_rows);
  g_print ("\n");
  return EXIT_SUCCESS;

failed:
  g_clear_object (&to);
  if (tmp_path != NULL)
    {
      g_autofree char *wal = g_strconcat (tmp_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (tmp_path, "-shm", NULL);
      g_autoptr(GString) message = g_string_new (error->message);

      g_unlink (tmp_path);
      g_unlink (wal);
      g_unlink (shm);
      /* Said of the file asked for, not of its temporary name. */
      g_string_replace (message, tmp_path, argv[2], 0);
      g_free (error->message);
      error->message = g_string_free (g_steal_pointer (&message), FALSE);
    }
  return wg_cli_fail_job (cli, error);
}

static int
verb_stats (WgCli   *cli,
            int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autofree char *date = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Count for this day (default today)"), "YYYY-MM-DD" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *county = NULL;
  WgLevelCounts c;
  int status;

  if (!wg_cli_parse_options ("stats", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wg_cli_usage_error (_("“stats” takes no arguments besides its options."));
  if (date != NULL && !wg_day_is_valid (date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !wg_store_count (store, date, &c, &error))
    return wg_cli_fail (error);

  county = wg_store_dup_county_name (store);

  if (json)
    {
      g_print ("{\"county\": %s%s%s, \"counties\": %u, \"townships\": %u, \"villages\": %u, "
               "\"groups\": %u, \"micro_grids\": %u, \"households\": %u, \"persons\": %u, "
               "\"away\": %u, \"returnees\": %u, \"monitoring\": %u, \"home_quarantine\": %u, "
               "\"central_quarantine\": %u, \"fever_today\": %u, \"staff\": %u, \"sensors\": %u, "
               "\"open_alerts\": %u}\n",
               county ? "\"" : "", county ? county : "null", county ? "\"" : "",
               c.grids[1], c.grids[2], c.grids[3], c.grids[4], c.grids[5], c.households,
               c.persons, c.away, c.returnees, c.monitoring, c.home_quarantine,
               c.central_quarantine, c.fever_today, c.staff, c.sensors, c.open_alerts);
      return EXIT_SUCCESS;
    }

  g_print ("%s\n", county != NULL ? county : _("(no county yet)"));
  g_print ("  %-24s %8u\n", _("Counties"), c.grids[1]);
  g_print ("  %-24s %8u\n", _("Townships"), c.grids[2]);
  g_print ("  %-24s %8u\n", _("Villages and communities"), c.grids[3]);
  g_print ("  %-24s %8u\n", _("Groups"), c.grids[4]);
  g_print ("  %-24s %8u\n", _("Micro-grids"), c.grids[5]);
  g_print ("  %-24s %8u\n", _("Households"), c.households);
  g_print ("  %-24s %8u\n", _("People"), c.persons);
  g_print ("  %-24s %8u\n", _("Away from home"), c.away);
  g_print ("  %-24s %8u\n", _("Returnees"), c.returnees);
  g_print ("  %-24s %8u\n", _("Health monitoring"), c.monitoring);
  g_print ("  %-24s %8u\n", _("Home quarantine"), c.home_quarantine);
  g_print ("  %-24s %8u\n", _("Central quarantine"), c.central_quarantine);
  g_print ("  %-24s %8u\n", _("Fever today"), c.fever_today);
  g_print ("  %-24s %8u\n", _("Staff"), c.staff);
  g_print ("  %-24s %8u\n", _("Door sensors"), c.sensors);
  g_print ("  %-24s %8u\n", _("Open alerts"), c.open_alerts);
  return EXIT_SUCCESS;
}

static void
on_pdf_progress (double   fraction,
                 gpointer user_data)
{
  if (GPOINTER_TO_INT (user_data))
    {
      g_printerr ("\r%s %3d%%", _("Writing the PDF…"), (int) (fraction * 100));
      if (fraction >= 1.0)
        g_printerr ("\n");
    }
}

/* Writes @document to @output and says what was written. */
static int
write_document (WgCli        *cli,
                WgStore    *store,
                WgDocument *document,
                const char *what,
                const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *title = wg_document_dup_title (document);
  g_autofree char *detail = NULL;
  guint n_pages = wg_document_get_n_pages (document);

  if (!wg_document_write_pdf (document, output, wg_store_get_operator (store), cli->cancellable,
                              on_pdf_progress, GINT_TO_POINTER (isatty (fileno (stderr))), &error))
    return wg_cli_fail_job (cli, error);

  detail = g_strdup_printf ("%s → %s, %u pages", title, output, n_pages);
  if (!wg_store_is_read_only (store) &&
      !wg_store_log_export (store, what, detail, &error))
    g_printerr ("wangge-cli: %s\n", error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s in %.1f s.",
                        "Wrote %u pages to %s in %.1f s.", n_pages),
           n_pages, output, g_timer_elapsed (timer, NULL));
  g_print ("\n");
  return EXIT_SUCCESS;
}

static int
verb_labels (WgCli   *cli,
             int    argc,
             char **argv)
{
  g_autofree char *grid = NULL;
  g_autofree char *layout_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("The grid whose households get labels"), "CODE" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout_text,
      N_("sheet (A4 label stock, 3 × 8, the default) or card (four to a page)"), "LAYOUT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "OUT.pdf" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgLabelSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  WgLabelLayout layout = WG_LABEL_LAYOUT_SHEET;
  int status;

  if (!wg_cli_parse_options ("labels", NULL, entries, &argc, &argv, &status))
    return status;
  wg_document_init_fonts ();
  if (argc > 1 || grid == NULL || output == NULL)
    return wg_cli_usage_error (_("“labels” needs --grid CODE and -o OUT.pdf."));
  if (layout_text != NULL && !wg_label_layout_from_string (layout_text, &layout))
    return wg_cli_usage_error (_("--layout is “sheet” or “card”."));
  if (!wg_output_check_target (output, &error))
    return wg_cli_fail (error);
  wg_cli_begin_job (cli);

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
      !(sheet = wg_label_sheet_new (store, grid, layout, &error)))
    return wg_cli_fail (error);

  return write_document (cli, store, WG_DOCUMENT (sheet), "labels", output);
}

static int
verb_posters (WgCli   *cli,
              int    argc,
              char **argv)
{
  g_autofree char *grid = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *date = NULL;
  int level = 3;
  GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("The grid whose subtree gets posters"), "CODE" },
    { "level", 0, 0, G_OPTION_ARG_INT, &level, N_("The level that gets one poster per grid (default 3, villages)"), "N" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_("a4 (the default) or a3"), "PAPER" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date printed (default today)"), "YYYY-MM-DD" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "OUT.pdf" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgPosterSet) posters = NULL;
  g_autoptr(GError) error = NULL;
  WgPaper paper = WG_PAPER_A4;
  int status;

  if (!wg_cli_parse_options ("posters", NULL, entries, &argc, &argv, &status))
    return status;
  wg_document_init_fonts ();
  if (argc > 1 || grid == NULL || output == NULL)
    return wg_cli_usage_error (_("“posters” needs --grid CODE and -o OUT.pdf."));
  if (paper_text != NULL && !wg_paper_from_string (paper_text, &paper))
    return wg_cli_usage_error (_("--paper is “a4” or “a3”."));
  if (level < 1 || level > 5)
    return wg_cli_usage_error (_("--level is a grid level from 1 to 5."));
  if (!wg_output_check_target (output, &error))
    return wg_cli_fail (error);
  wg_cli_begin_job (cli);

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
      !(posters = wg_poster_set_new (store, grid, level, paper, date, &error)))
    return wg_cli_fail (error);

  return write_document (cli, store, WG_DOCUMENT (posters), "posters", output);
}

static void
on_read_progress (double   fraction,
                  gpointer user_data)
{
  if (GPOINTER_TO_INT (user_data))
    g_printerr ("\r%s %3d%%", _("Reading the households…"), (int) (fraction * 100));
}

static int
verb_dossier (WgCli   *cli,
              int    argc,
              char **argv)
{
  g_autofree char *person = NULL;
  g_autofree char *household = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *output = NULL;
  g_autofree char *date = NULL;
  gboolean only_watched = FALSE;
  GOptionEntry entries[] = {
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("One person's dossier, by ID number"), "ID" },
    { "household", 0, 0, G_OPTION_ARG_STRING, &household, N_("A household's packet, by household code"), "CODE" },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("The packet of every household under a grid"), "CODE" },
    { "only-watched", 0, 0, G_OPTION_ARG_NONE, &only_watched,
      N_("Only people in quarantine or under health monitoring"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the dossier speaks of (default today)"), "YYYY-MM-DD" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "OUT.pdf" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  WgDossierFlags flags;
  gboolean tty = isatty (fileno (stderr));
  int status;

  if (!wg_cli_parse_options ("dossier", NULL, entries, &argc, &argv, &status))
    return status;
  wg_document_init_fonts ();
  if (argc > 1 || output == NULL || (person != NULL) + (household != NULL) + (grid != NULL) != 1)
    return wg_cli_usage_error (_("“dossier” needs one of --person ID, --household CODE or --grid CODE, and -o OUT.pdf."));
  if (date != NULL && !wg_day_is_valid (date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));
  flags = only_watched ? WG_DOSSIER_FLAGS_ONLY_WATCHED : WG_DOSSIER_FLAGS_ALL;
  if (!wg_output_check_target (output, &error))
    return wg_cli_fail (error);
  wg_cli_begin_job (cli);

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
    return wg_cli_fail (error);
  if (person != NULL)
    {
      gint64 id = wg_store_find_person (store, person, &error);

      if (id == 0 || !(dossier = wg_dossier_new_for_person (store, id, date, &error)))
        return wg_cli_fail (error);
    }
  else if (household != NULL)
    dossier = wg_dossier_new_for_household (store, household, flags, date, &error);
  else
    {
      dossier = wg_dossier_new_for_grid (store, grid, flags, date, cli->cancellable, on_read_progress,
                                         GINT_TO_POINTER (tty), &error);
      if (tty)
        g_printerr ("\n");
    }
  if (dossier == NULL)
    return wg_cli_fail_job (cli, error);

  return write_document (cli, store, WG_DOCUMENT (dossier), "dossier", output);
}

static int
verb_attach (WgCli   *cli,
             int    argc,
             char **argv)
{
  g_autofree char *person = NULL;
  g_autofree char *title = NULL;
  GOptionEntry entries[] = {
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("Whose file, by ID number"), "ID" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("What the dossier calls it (default: the file's name)"), "TITLE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;
  gint64 person_id, id;
  int status;

  if (!wg_cli_parse_options ("attach", "FILE", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || person == NULL)
    return wg_cli_usage_error (_("“attach” needs --person ID and one FILE."));

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(data = wg_attachment_read_file (file, NULL, &error)))
    return wg_cli_fail (error);
  basename = g_file_get_basename (file);

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
      !(person_id = wg_store_find_person (store, person, &error)) ||
      !wg_attachment_add (store, person_id, title != NULL ? title : basename, data, &id, &error))
    return wg_cli_fail (error);

  g_print (_("Attached “%s” to %s."), title != NULL ? title : basename, person);
  g_print ("\n");
  return EXIT_SUCCESS;
}

static int
verb_verify_qr (WgCli   *cli,
                int    argc,
                char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  static const char *const names[] = { "valid", "outdated", "forged", "gone", "malformed" };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  WgLabelStatus result;
  gint64 household = 0;
  int status;

  if (!wg_cli_parse_options ("verify-qr", "PAYLOAD", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return wg_cli_usage_error (_("“verify-qr” takes one argument: the label's payload."));

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    return wg_cli_fail (error);
  result = wg_label_verify (store, argv[1], &code, &household, &error);
  if (error != NULL)
    return wg_cli_fail (error);

  if (json)
    g_print ("{\"status\": \"%s\", \"household_code\": %s%s%s}\n", names[result],
             code ? "\"" : "", code ? code : "null", code ? "\"" : "");
  else if (result == WG_LABEL_STATUS_VALID || result == WG_LABEL_STATUS_OUTDATED)
    {
      g_autofree char *address = wg_store_dup_household_address (store, household);
      g_print ("%s\n%s %s\n", wg_label_status_describe (result), code, address ? address : "");
    }
  else
    g_print ("%s\n", wg_label_status_describe (result));

  /* A genuine, current label is success; anything else is for a script to notice. */
  return result == WG_LABEL_STATUS_VALID ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int
verb_settings (WgCli   *cli,
               int    argc,
               char **argv)
{
  gboolean reset = FALSE;
  GOptionEntry entries[] = {
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset, N_("Go back to the default value"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!wg_cli_parse_options ("settings", "[KEY [VALUE]]", entries, &argc, &argv, &status))
    return status;
  if (argc > 3 || (reset && argc != 2))
    return wg_cli_usage_error (_("“settings” takes a key and a value, or a key with --reset."));

  if (argc == 3 || reset)
    {
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
          !wg_store_set_setting (store, argv[1], reset ? NULL : argv[2], &error))
        return wg_cli_fail (error);
      return EXIT_SUCCESS;
    }

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    return wg_cli_fail (error);

  if (argc == 2)
    {
      g_autofree char *value = wg_store_dup_setting (store, argv[1], &error);

      if (value == NULL)
        return wg_cli_fail (error);
      g_print ("%s\n", value);
    }
  else
    {
      g_auto(GStrv) keys = wg_store_list_setting_keys ();

      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = wg_store_dup_setting (store, keys[i], &error);

          if (value == NULL)
            return wg_cli_fail (error);
          g_print ("%s = %s\n", keys[i], value);
        }
    }
  return EXIT_SUCCESS;
}

static int
verb_rotate_key (WgCli   *cli,
                 int    argc,
                 char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!wg_cli_parse_options ("rotate-key", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wg_cli_usage_error (_("“rotate-key” takes no arguments."));

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
      !wg_store_rotate_signing_key (store, &error))
    return wg_cli_fail (error);

  g_print ("%s\n", _("A new signing key is in use. Labels printed before now verify as outdated until they are reprinted."));
  return EXIT_SUCCESS;
}

static const Verb verbs[] = {
  { "init", "", N_("Create the database, or bring it to this version's schema"), verb_init },
  { "demo", "[--scale quwo|small] [--seed N] [--date YYYY-MM-DD]",
    N_("Build a synthetic demo county into an empty database"), verb_demo },
  { "check", "", N_("Check the database's integrity, references and schema version"), verb_check },
  { "backup", "OUT.db", N_("Copy the database safely, even while the application runs"), verb_backup },
  { "server-init", "", N_("Set up a county server: its schema and the roles wangge_operator and wangge_viewer"),
    verb_server_init },
  { "copy", "FROM TO", N_("Copy a whole county into an empty database: a file up to the county server, or back"),
    verb_copy },
  { "stats", "[--json] [--date YYYY-MM-DD]", N_("Count grids per level and people per status"), verb_stats },
  { "labels", "--grid CODE [--layout sheet|card] -o OUT.pdf",
    N_("Print QR labels for every household under a grid"), verb_labels },
  { "posters", "--grid CODE [--level N] [--paper a4|a3] -o OUT.pdf",
    N_("Print a QR poster for every village (or other level) under a grid"), verb_posters },
  { "dossier", "(--person ID | --household CODE | --grid CODE) [--only-watched] -o OUT.pdf",
    N_("Print a person's dossier, or the packet of a household or a grid"), verb_dossier },
  { "attach", "--person ID [--title TITLE] FILE",
    N_("Bind a PDF report or a picture into a person's dossier"), verb_attach },
  { "import", "grids|staff|households|people|returnees FILE [--encoding E] [--sheet S] [--map H=F]… [--channel qr|pushed|screening] [--skip-invalid] [--dry-run]",
    N_("Import a county's registers or a returnee list from a CSV or XLSX file"), wg_cli_import },
  { "export", "persons|households|grids|round|alerts|sensors|returnees [--grid CODE] [--format csv|xlsx] -o FILE",
    N_("Write a list to a CSV or XLSX file for Excel and WPS"), wg_cli_export },
  { "listen", "--broker mqtt://HOST:PORT [--base-topic T]",
    N_("Run the alert engine on the door sensors' feed; print each new alert as a JSON line"), wg_cli_listen },
  { "simulate", "--broker URL [--sensors N] [--rate R] [--duration S]",
    N_("Publish Zigbee2MQTT traffic for the county's door sensors"), wg_cli_simulate },
  { "alerts", "[--state open|all] [--township CODE] [--json] | ack|dispatch|resolve ID",
    N_("List the sensor alerts, or acknowledge, dispatch or resolve one"), wg_cli_alerts },
  { "sensors", "[register DEVICE [HOUSEHOLD] | bind DEVICE HOUSEHOLD | unbind DEVICE] [--json]",
    N_("List, register, bind and unbind door sensors"), wg_cli_sensors },
  { "returnees", "[--grid CODE] [--state new|reviewed|decided] [--json] | presets | review ID | decide ID --preset NAME [--from D] [--site NAME]",
    N_("List the returnee queue, review a returnee, or decide their measure from a preset"), wg_cli_returnees },
  { "tests", "due [--grid CODE] [--date YYYY-MM-DD] [--json] | record FILE --sampled \"YYYY-MM-DD HH:MM\" --institution NAME [--pooled]",
    N_("List the nucleic-acid tests due and overdue, or record a sampling round's results"), wg_cli_tests },
  { "board", "--grid CODE [--date YYYY-MM-DD] [--json] [--list KEY -o OUT.pdf|.csv|.xlsx]",
    N_("The quarantine board of a grid for a day: starting, ending, tests due and overdue, temperatures missing, sensors offline"),
    wg_cli_board },
  { "quarantine", "extend|release ID_NUMBER --to YYYY-MM-DD --reason TEXT [--on YYYY-MM-DD]",
    N_("Extend a person's quarantine, or end it early, with the reason"), wg_cli_quarantine },
  { "sites", "[--date YYYY-MM-DD] [--json]",
    N_("The central quarantine sites: rooms, beds, who is in, who awaits a room, who moves home"), wg_cli_sites },
  { "rooms", "SITE_ID [--date D] [--json] | add SITE_ID NUMBER --floor F --capacity C | assign ROOM_ID ID_NUMBER --from D --to D | checkin|checkout STAY_ID [--at T] | sensor ROOM_ID DEVICE",
    N_("A site's rooms and who stays in them; add a room, assign a person to it, check in and out, put a door sensor on it"),
    wg_cli_rooms },
  { "transfers", "[--date D] [--json] | add --date D --from-kind checkpoint|station|address --from PLACE (--to-site NAME | --to-home CODE) --vehicle PLATE --driver NAME --escort NAME ID_NUMBER… | dispatch|pickup|handover ID [--at T] [--handed-to NAME] | sheet ID -o OUT.pdf",
    N_("Point-to-point transfers: list a day's, plan one, record its steps, print its sheet"), wg_cli_transfers },
  { "orders", "[--grid CODE] [--state S] [--worker STAFF_ID] [--now T] [--json] | add HOUSEHOLD --kind K --detail T --due T [--urgency N] [--by ID_NUMBER] | dispatch ID [--worker STAFF_ID] | accept ID | done ID --note T | cancel ID --reason T",
    N_("Help orders for the families of people away: list them (open and overdue first), record one, dispatch, accept, complete or cancel it"),
    wg_cli_orders },
  { "patrols", "[--date D] [--grid CODE] [--missing] [--json] | add GRID --kind morning|afternoon|meeting --by NAMES [--at T]",
    N_("The grids' two patrols and evening meeting of a day, or the grids that have not reported, rolled up the tree"),
    wg_cli_patrols },
  { "roster", "--week YYYY-Www [-o ROSTER.pdf|.xlsx|.csv] [--json] | book --date D --shift N (--checkpoint NAME | --community CODE) --staff ID [--role R] | now [--now T]",
    N_("The duty roster: a week's, printed or for Excel; book someone on a shift; who is on duty now"), wg_cli_roster },
  { "away", "[--grid CODE] [--json] | set ID_NUMBER --reason work|study|held|other [--province P] [--city C] [--address A] [--employer E] [--since D] [--group NAME] [--care TEXT]",
    N_("The people away from home: where, why, in which group, who at home needs care; or record one's"), wg_cli_away },
  { "disinfection", "plan (--home CODE | --room ID) --hour H [--every N] --from D --to D | visit (--home CODE | --room ID) --by NAMES [--at T] [--what TEXT] | overdue [--grid CODE] [--now T] [--json]",
    N_("Disinfection to the hour: plan the visits of a home or a room, record one, list those overdue"),
    wg_cli_disinfection },
  { "figures", "[--date D] [--grid CODE] [--now T] [--json] [--list KEY]",
    N_("The leaders' figures and the five precisions of a grid on a day, shared out among the grids below; or the rows behind one"),
    wg_cli_figures },
  { "report", "[--date D] [--grid CODE] [--now T] -o OUT.pdf",
    N_("The daily report of a grid: figures and their change, the sites, the grids below, the five precisions, the exceptions, the fortnight's trends"),
    wg_cli_report },
  { "verify-qr", "[--json] PAYLOAD", N_("Check a scanned household label"), verb_verify_qr },
  { "settings", "[KEY [VALUE]] [--reset]",
    N_("Show or change the poster URL template, the county hotline and the issuing organisation"),
    verb_settings },
  { "rotate-key", "", N_("Replace the key that signs household labels"), verb_rotate_key },
};

static void
print_usage (FILE *out)
{
  g_autofree char *default_path = wg_configured_database_path ();

  fprintf (out, "%s\n", _("Usage: wangge-cli [--db PATH] COMMAND [OPTIONS…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autofree char *head = g_strdup_printf ("%s %s", verbs[i].name, verbs[i].args);
      fprintf (out, "  %-52s %s\n", head, _(verbs[i].summary));
    }
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-52s %s\n", "--db PATH", _("The database (default: the application's)"));
  fprintf (out, "  %-52s %s\n", "", default_path);
  fprintf (out, "  %-52s %s\n", "--operator NAME", _("Who is at the desk, for the audit log (default: $WANGGE_OPERATOR)"));
  fprintf (out, "  %-52s %s\n", "--version", _("Print the version"));
  fprintf (out, "  %-52s %s\n", "--help", _("Print this help"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  WgCli cli = { NULL };
  int i;

  setlocale (LC_ALL, "");
  /* WANGGE_LOCALEDIR: the build tree's translations, for running uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("WANGGE_LOCALEDIR") ? g_getenv ("WANGGE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the verb. */
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout);
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("wangge-cli %s\n", PACKAGE_VERSION);
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--db") || g_str_equal (arg, "--database"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return wg_cli_usage_error (_("--db needs a path."));
          g_free (db_path);
          db_path = g_strdup (argv[++i]);
        }
      else if (g_str_equal (arg, "--operator"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return wg_cli_usage_error (_("--operator needs a name."));
          cli.operator_name = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (db_path);
          db_path = g_strdup (arg + strlen ("--db="));
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option “%s”."), arg);
          return wg_cli_usage_error (message);
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return WG_CLI_EXIT_USAGE;
    }

  cli.db_path = db_path != NULL ? db_path : (db_path = wg_configured_database_path ());

  for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
    if (g_str_equal (argv[i], verbs[v].name))
      {
        int status = verbs[v].func (&cli, argc - i, argv + i);

        wg_cli_end_job (&cli);
        return status;
      }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[i]);
    return wg_cli_usage_error (message);
  }
}
