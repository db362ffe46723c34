/* wg-cli-figures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `wangge-cli figures`: the leaders' figures and the five precisions of a
 * grid on a day, shared out among the grids one level below — read through
 * the same core functions as the dashboard and the daily report.
 */

#define G_LOG_DOMAIN "wangge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "wg-idnum.h"
#include "wg-report.h"
#include "wg-store-audit.h"
#include "wg-store-figures.h"

#include "wg-cli.h"

static void
add_rows (JsonBuilder *builder,
          GPtrArray   *rows,
          gboolean     only_short)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const WgFigureRow *row = g_ptr_array_index (rows, i);

      if (only_short && row->ok)
        continue;
      json_builder_begin_object (builder);
      wg_cli_add_string (builder, "grid", row->grid_code);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, row->id);
      wg_cli_add_string (builder, "label", row->label);
      wg_cli_add_string (builder, "fact", row->fact);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, row->ok);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_precision (JsonBuilder *builder,
               GPtrArray   *rows,
               const char  *code)
{
  guint met = wg_figure_rows_count (rows, code, TRUE), of = wg_figure_rows_count (rows, code, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "met");
  json_builder_add_int_value (builder, met);
  json_builder_set_member_name (builder, "of");
  json_builder_add_int_value (builder, of);
  json_builder_set_member_name (builder, "percent");
  if (of > 0)
    json_builder_add_double_value (builder, 100.0 * met / of);
  else
    json_builder_add_null_value (builder);
}

static void
print_sheet_json (const WgFigureSheet *sheet)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  wg_cli_add_string (builder, "date", sheet->day);
  wg_cli_add_string (builder, "grid", sheet->grid_code);
  wg_cli_add_string (builder, "name", sheet->grid_name);
  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint c = 0; c < sheet->children->len; c++)
    {
      const WgFigureRow *child = g_ptr_array_index (sheet->children, c);

      json_builder_begin_object (builder);
      wg_cli_add_string (builder, "grid", child->grid_code);
      wg_cli_add_string (builder, "name", child->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  for (guint f = 0; f < WG_FIGURE_N; f++)
    {
      json_builder_set_member_name (builder, wg_figure_to_string (f));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      if (sheet->recorded[f])
        json_builder_add_int_value (builder, sheet->figures[f]->len);
      else
        json_builder_add_null_value (builder);   /* not recorded for the day */
      json_builder_set_member_name (builder, "children");
      json_builder_begin_object (builder);
      for (guint c = 0; sheet->recorded[f] && c < sheet->children->len; c++)
        {
          const WgFigureRow *child = g_ptr_array_index (sheet->children, c);

          json_builder_set_member_name (builder, child->grid_code);
          json_builder_add_int_value (builder, wg_figure_rows_count (sheet->figures[f], child->grid_code, FALSE));
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "precisions");
  json_builder_begin_object (builder);
  for (guint p = 0; p < WG_PRECISION_N; p++)
    {
      json_builder_set_member_name (builder, wg_precision_to_string (p));
      add_precision (builder, sheet->precisions[p], NULL);
      json_builder_set_member_name (builder, "children");
      json_builder_begin_object (builder);
      for (guint c = 0; c < sheet->children->len; c++)
        {
          const WgFigureRow *child = g_ptr_array_index (sheet->children, c);

          json_builder_set_member_name (builder, child->grid_code);
          add_precision (builder, sheet->precisions[p], child->grid_code);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  wg_cli_print_json (builder);
}

static void
print_sheet (const WgFigureSheet *sheet)
{
  g_print ("%s %s · %s\n", sheet->grid_name, sheet->grid_code, sheet->day);
  for (guint f = 0; f < WG_FIGURE_N; f++)
    {
      if (sheet->recorded[f])
        g_print ("  %-28s %6u\n", wg_figure_describe (f), sheet->figures[f]->len);
      else
        g_print ("  %-28s %6s\n", wg_figure_describe (f), _("not recorded"));
    }
  for (guint p = 0; p < WG_PRECISION_N; p++)
    {
      guint met = wg_figure_rows_count (sheet->precisions[p], NULL, TRUE);
      guint of = sheet->precisions[p]->len;

      if (of > 0)
        g_print ("  %-28s %5.1f%% (%u/%u)\n", wg_precision_describe (p), 100.0 * met / of, met, of);
      else
        g_print ("  %-28s %6s\n", wg_precision_describe (p), "—");
    }
}

/* The day (--date, else the clock's day, else today), the clock (--now,
 * seconds added) and the grid (--grid, else the county), the store opened:
 * EXIT_SUCCESS, or the exit status already said. */
static int
open_day (WgCli       *cli,
          char       **date,
          const char  *now,
          char       **clock,
          char       **grid,
          gboolean     writable,
          WgStore    **store)
{
  g_autoptr(GError) error = NULL;

  if (*date != NULL && !wg_day_is_valid (*date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));
  if (now != NULL)
    *clock = wg_cli_full_time (now);
  if (*date == NULL)
    *date = *clock != NULL ? g_strndup (*clock, 10) : wg_today ();
  if (!(*store = wg_cli_open_store (cli, writable ? WG_STORE_OPEN_FLAGS_DEFAULT : WG_STORE_OPEN_FLAGS_READ_ONLY,
                                    &error)))
    return wg_cli_fail (error);
  if (*grid == NULL && !(*grid = wg_store_dup_county_code (*store)))
    return wg_cli_usage_error (_("The database holds no county yet."));
  return EXIT_SUCCESS;
}

/**
 * wg_cli_figures:
 *
 * `figures [--date D] [--grid CODE] [--now T] [--json] [--list KEY]`: the
 * figures and precisions of a grid on a day; with --list, the rows behind
 * one of them (a precision's: only those that fall short).
 */
int
wg_cli_figures (WgCli   *cli,
                int      argc,
                char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *date = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *list = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (default today)"), "YYYY-MM-DD" },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("The grid and those under it (default the county)"), "CODE" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("Judge on this clock (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "list", 0, 0, G_OPTION_ARG_STRING, &list,
      N_("The rows behind one figure, or the gaps of one precision, as JSON"), "KEY" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgFigureSheet) sheet = NULL;
  g_autofree char *clock = NULL;
  int status;

  if (!wg_cli_parse_options ("figures", "", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return wg_cli_usage_error (_("Write “figures [--date D] [--grid CODE] [--json]”."));
  if ((status = open_day (cli, &date, now, &clock, &grid, FALSE, &store)) != EXIT_SUCCESS)
    return status;

  if (list != NULL)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      gboolean precision = FALSE;

      for (guint f = 0; f < WG_FIGURE_N && rows == NULL && error == NULL; f++)
        if (g_str_equal (list, wg_figure_to_string (f)))
          rows = wg_store_list_figure (store, f, grid, date, clock, &error);
      for (guint p = 0; p < WG_PRECISION_N && rows == NULL && error == NULL; p++)
        if (g_str_equal (list, wg_precision_to_string (p)))
          {
            rows = wg_store_list_precision (store, p, grid, date, clock, &error);
            precision = TRUE;
          }
      if (error != NULL)
        return wg_cli_fail (error);
      if (rows == NULL)
        return wg_cli_usage_error (_("--list takes a figure's or a precision's key, as “figures --json” names them."));
      add_rows (builder, rows, precision);
      wg_cli_print_json (builder);
      return EXIT_SUCCESS;
    }

  if (!(sheet = wg_store_read_figure_sheet (store, grid, date, clock, &error)))
    return wg_cli_fail (error);
  if (json)
    print_sheet_json (sheet);
  else
    print_sheet (sheet);
  return EXIT_SUCCESS;
}

/**
 * wg_cli_report:
 *
 * `report [--date D] [--grid CODE] [--now T] -o OUT.pdf`: the daily report
 * (日报) of a grid, in Chinese, written whole or not at all; its leaving
 * the building is in the audit log.
 */
int
wg_cli_report (WgCli   *cli,
               int      argc,
               char   **argv)
{
  g_autofree char *date = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (default today)"), "YYYY-MM-DD" },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("The grid and those under it (default the county)"), "CODE" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("Judge on this clock (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "OUT.pdf" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgReport) report = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *detail = NULL;
  int status;

  if (!wg_cli_parse_options ("report", "", entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || output == NULL)
    return wg_cli_usage_error (_("Write “report [--date D] [--grid CODE] -o OUT.pdf”."));
  if ((status = open_day (cli, &date, now, &clock, &grid, TRUE, &store)) != EXIT_SUCCESS)
    return status;

  wg_cli_begin_job (cli);
  if (!(report = wg_report_new (store, grid, date, clock, wg_store_get_operator (store), &error)) ||
      !wg_document_write_pdf (WG_DOCUMENT (report), output, wg_store_get_operator (store), cli->cancellable, NULL,
                              NULL, &error))
    return wg_cli_fail_job (cli, error);
  wg_cli_end_job (cli);
  detail = g_strdup_printf ("%s %s → %s", grid, date, output);
  if (!wg_store_log_export (store, "report", detail, &error))
    return wg_cli_fail (error);
  g_print (_("Wrote the daily report of %s for %s to %s.\n"), grid, date, output);
  return EXIT_SUCCESS;
}
