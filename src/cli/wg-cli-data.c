/* wg-cli-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wangge-cli import and export: a county's data in from spreadsheets, its
 * lists out to them.
 */

#define G_LOG_DOMAIN "wangge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wg-export.h"
#include "wg-import.h"
#include "wg-output.h"
#include "wg-store.h"
#include "wg-table-writer.h"

#include "wg-cli.h"

#define PROBLEMS_SHOWN 20

static gboolean
channel_from_string (const char        *text,
                     WgReturneeChannel *channel)
{
  if (g_strcmp0 (text, "screening") == 0)
    *channel = WG_RETURNEE_CHANNEL_SCREENING;
  else if (g_strcmp0 (text, "qr") == 0)
    *channel = WG_RETURNEE_CHANNEL_QR;
  else if (g_strcmp0 (text, "pushed") == 0)
    *channel = WG_RETURNEE_CHANNEL_PUSHED;
  else
    return FALSE;
  return TRUE;
}


static void
print_report (WgImportKind          kind,
              const WgImportReport *report,
              const char           *path,
              FILE                 *out)
{
  g_autoptr(GString) columns = g_string_new (NULL);

  if (report->encoding != NULL)
    fprintf (out, _("Read %s (%s, %s), header on row %u."), path, report->format, report->encoding,
             report->header_row);
  else
    fprintf (out, _("Read %s (%s), header on row %u."), path, report->format, report->header_row);
  fputc ('\n', out);
  for (guint c = 0; report->headers != NULL && report->headers[c] != NULL; c++)
    if (*report->fields[c] != '\0')
      g_string_append_printf (columns, "%s%s → %s", columns->len > 0 ? ", " : "", report->headers[c],
                              wg_import_field_label (kind, report->fields[c]));
  fprintf (out, _("Columns: %s"), columns->str);
  fputc ('\n', out);
  if (report->ignored != NULL && report->ignored[0] != NULL)
    {
      g_autofree char *ignored = g_strjoinv (", ", report->ignored);

      fprintf (out, _("Ignored columns: %s"), ignored);
      fputc ('\n', out);
    }
  fprintf (out, _("Rows: %u — new %u, added to a record %u, already there %u, conflicts %u, invalid %u."),
           report->rows, report->counts[WG_ROW_VERDICT_NEW], report->counts[WG_ROW_VERDICT_ADDED], report->counts[WG_ROW_VERDICT_SAME],
           report->counts[WG_ROW_VERDICT_CONFLICT], report->counts[WG_ROW_VERDICT_INVALID]);
  fputc ('\n', out);
  for (guint i = 0; i < report->problems->len && i < PROBLEMS_SHOWN; i++)
    {
      const WgImportProblem *p = report->problems->pdata[i];

      fprintf (out, _("Row %u: %s — %s"), p->number, wg_row_verdict_label (p->verdict), p->message);
      fputc ('\n', out);
    }
  if (report->problems->len > PROBLEMS_SHOWN)
    {
      guint more = report->counts[WG_ROW_VERDICT_CONFLICT] + report->counts[WG_ROW_VERDICT_INVALID] - PROBLEMS_SHOWN;

      fprintf (out, g_dngettext (GETTEXT_PACKAGE, "… and %u more row.", "… and %u more rows.", more), more);
      fputc ('\n', out);
    }
}

int
wg_cli_import (WgCli   *cli,
               int    argc,
               char **argv)
{
  g_autofree char *encoding = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *channel_text = NULL;
  g_autofree char *rejected = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean skip_invalid = FALSE, dry_run = FALSE;
  GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("A CSV file's encoding: utf-8 or gb18030 (default: detected)"), "E" },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("An XLSX workbook's sheet (default: the first)"), "NAME" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Read the column headed HEADER as FIELD (or “-” to ignore it); remembered for files like this one"),
      "HEADER=FIELD" },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel_text,
      N_("How returnees were reported: screening, qr or pushed (the default)"), "CHANNEL" },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Import the valid rows and write the invalid ones to a CSV file"), NULL },
    { "rejected", 0, 0, G_OPTION_ARG_FILENAME, &rejected,
      N_("Where --skip-invalid writes the invalid rows (default: FILE.rejected.csv beside FILE)"), "OUT.csv" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check every row and write nothing"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgImportReport) report = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(GError) error = NULL;
  WgImportOptions options = { 0 };
  int status;
  gboolean ok;

  if (!wg_cli_parse_options ("import", "grids|staff|households|people|returnees FILE", entries, &argc, &argv,
                           &status))
    return status;
  if (argc != 3 || !wg_import_kind_from_string (argv[1], &options.kind))
    return wg_cli_usage_error (_("“import” needs what the file holds (grids, staff, households, people or returnees) and the file."));
  if (channel_text != NULL && options.kind != WG_IMPORT_KIND_RETURNEES)
    return wg_cli_usage_error (_("--channel is for returnee lists."));
  if (channel_text != NULL && !channel_from_string (channel_text, &options.channel))
    return wg_cli_usage_error (_("--channel is “screening”, “qr” or “pushed”."));
  if (channel_text == NULL)
    options.channel = WG_RETURNEE_CHANNEL_PUSHED;
  if (rejected != NULL && !skip_invalid)
    return wg_cli_usage_error (_("--rejected goes with --skip-invalid."));
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      if (mapping == NULL)
        mapping = wg_import_mapping_new ();
      if (!wg_import_mapping_add (mapping, options.kind, maps[i], &error))
        return wg_cli_usage_error (error->message);
    }
  if (skip_invalid && rejected == NULL)
    rejected = wg_import_default_rejected_path (argv[2]);

  options.path = argv[2];
  options.encoding = encoding;
  options.sheet = sheet;
  options.mapping = mapping;
  options.skip_invalid = skip_invalid;
  options.rejected_path = rejected;
  options.dry_run = dry_run;

  wg_cli_begin_job (cli);
  options.cancellable = cli->cancellable;
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
    return wg_cli_fail (error);

  ok = wg_import_file (store, &options, &report, &error);
  if (report != NULL && report->headers != NULL)
    print_report (options.kind, report, argv[2], ok ? stdout : stderr);
  if (!ok)
    return wg_cli_fail_job (cli, error);

  if (dry_run)
    g_print ("%s\n", _("Dry run: nothing was written."));
  else if (!report->written)
    g_print ("%s\n", _("Nothing new: every row is already in the database."));
  else
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u row.", "Imported %u rows.", report->written),
               report->written);
      g_print ("\n");
    }
  if (report->rejected_path != NULL)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u invalid row was written to %s.",
                            "%u invalid rows were written to %s.", report->counts[WG_ROW_VERDICT_INVALID]),
               report->counts[WG_ROW_VERDICT_INVALID], report->rejected_path);
      g_print ("\n");
    }
  return EXIT_SUCCESS;
}

int
wg_cli_export (WgCli   *cli,
               int    argc,
               char **argv)
{
  g_autofree char *grid = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *date = NULL;
  GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid,
      N_("Only this grid's subtree (for “grids”: this grid's children; default: the county)"), "CODE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("csv (UTF-8 with a byte-order mark) or xlsx (default: from the file's name)"), "FORMAT" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the round and the counts speak of (default today)"),
      "YYYY-MM-DD" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), "FILE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  WgExportList list;
  WgTableFormat format = WG_TABLE_FORMAT_CSV;
  guint rows = 0;
  int status;

  if (!wg_cli_parse_options ("export", "LIST", entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !wg_export_list_from_string (argv[1], &list) || output == NULL)
    return wg_cli_usage_error (_("“export” needs a list (persons, households, grids, round, alerts, sensors or returnees) and -o FILE."));
  if (format_text != NULL && !wg_table_format_from_string (format_text, &format))
    return wg_cli_usage_error (_("--format is “csv” or “xlsx”."));
  if (format_text == NULL && !wg_table_format_from_path (output, &format))
    return wg_cli_usage_error (_("Give --format csv or xlsx, or name the file .csv or .xlsx."));
  if (date == NULL)
    date = wg_today ();
  if (!wg_output_check_target (output, &error))
    return wg_cli_fail (error);

  wg_cli_begin_job (cli);
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
    return wg_cli_fail (error);
  if (!wg_export_write_list (store, list, grid, date, output, format, cli->cancellable, &rows, &error))
    return wg_cli_fail_job (cli, error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u row to %s.", "Wrote %u rows to %s.", rows), rows, output);
  g_print ("\n");
  return EXIT_SUCCESS;
}
