/* wg-cli-quarantine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quarantine desk from the command line: the returnee queue (listed per
 * grid with its counts by state, reviewed, a measure decided from a
 * preset), the nucleic-acid tests due and overdue, and a grid's quarantine
 * board for a day.
 */

#define G_LOG_DOMAIN "wangge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "wg-idnum.h"
#include "wg-store-persons.h"
#include "wg-store-records.h"
#include "wg-sampling.h"
#include "wg-table-reader.h"
#include "wg-store-returnees.h"
#include "wg-store-status.h"
#include "wg-document.h"
#include "wg-export.h"
#include "wg-list-document.h"
#include "wg-table-writer.h"

#include "wg-cli.h"

#define print_json wg_cli_print_json
#define add_string wg_cli_add_string
#define parse_id wg_cli_parse_id

static int
list_presets (WgCli    *cli,
              gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_autoptr(GPtrArray) presets = store != NULL ? wg_store_list_presets (store, &error) : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (presets == NULL)
    return wg_cli_fail (error);
  json_builder_begin_array (builder);
  for (guint i = 0; i < presets->len; i++)
    {
      const WgMeasurePreset *preset = g_ptr_array_index (presets, i);
      g_autoptr(GString) days = g_string_new (NULL);

      for (guint d = 0; d < preset->test_days->len; d++)
        g_string_append_printf (days, "%s%u", d > 0 ? "," : "", g_array_index (preset->test_days, guint, d));
      if (json)
        {
          json_builder_begin_object (builder);
          add_string (builder, "name", preset->name);
          json_builder_set_member_name (builder, "measure");
          json_builder_add_int_value (builder, preset->measure);
          json_builder_set_member_name (builder, "central_days");
          json_builder_add_int_value (builder, preset->central_days);
          json_builder_set_member_name (builder, "home_days");
          json_builder_add_int_value (builder, preset->home_days);
          json_builder_set_member_name (builder, "monitoring_days");
          json_builder_add_int_value (builder, preset->monitoring_days);
          add_string (builder, "test_days", days->str);
          json_builder_end_object (builder);
        }
      else
        /* Translators: "7天集中+7天居家: Central quarantine, tests on days 1,4,7,14" */
        g_print (_("%s: %s, tests on days %s\n"), preset->name, wg_measure_describe (preset->measure),
                 days->len > 0 ? days->str : "—");
    }
  json_builder_end_array (builder);
  if (json)
    print_json (builder);
  return EXIT_SUCCESS;
}

/**
 * wg_cli_returnees:
 *
 * `returnees [--grid CODE] [--state S] [--json]`, `returnees presets`,
 * `returnees review ID`, `returnees decide ID --preset NAME [--from D]
 * [--site NAME]`.
 */
int
wg_cli_returnees (WgCli   *cli,
                  int      argc,
                  char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *grid = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *from = NULL;
  g_autofree char *site = NULL;
  GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only the returnees under this grid"), "CODE" },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_text, N_("Only those in this state: new, reviewed or decided"), "S" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("The measure preset to decide"), "NAME" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The measure's first day (default the day of arrival)"), "YYYY-MM-DD" },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("The central quarantine site"), "NAME" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  WgReturneeState state = WG_RETURNEE_STATE_NEW;
  guint counts[WG_RETURNEE_N_STATES];
  const char *command;
  gint64 id = 0;
  int status;

  if (!wg_cli_parse_options ("returnees", "[presets | review ID | decide ID --preset NAME]", entries, &argc, &argv,
                             &status))
    return status;
  command = argc > 1 ? argv[1] : NULL;
  if (state_text != NULL && !wg_returnee_state_from_string (state_text, &state))
    return wg_cli_usage_error (_("--state is new, reviewed or decided."));
  if (from != NULL && !wg_day_is_valid (from))
    return wg_cli_usage_error (_("--from is a day written as YYYY-MM-DD."));

  if (g_strcmp0 (command, "presets") == 0 && argc == 2)
    return list_presets (cli, json);
  if (command != NULL)
    {
      g_auto(WgDecision) decision = { 0 };

      if (!((g_str_equal (command, "review") || g_str_equal (command, "decide")) && argc == 3 &&
            parse_id (argv[2], &id)))
        return wg_cli_usage_error (_("Write “returnees review ID” or “returnees decide ID --preset NAME”."));
      if (g_str_equal (command, "decide") && preset == NULL)
        return wg_cli_usage_error (_("“returnees decide” needs --preset NAME: “returnees presets” lists them."));
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
        return wg_cli_fail (error);
      if (g_str_equal (command, "review"))
        {
          if (!wg_store_review_returnee (store, id, &error))
            return wg_cli_fail (error);
          g_print (_("Returnee %s reviewed."), argv[2]);
          g_print ("\n");
          return EXIT_SUCCESS;
        }
      if (!wg_store_decide_returnee (store, id, preset, from, site, &decision, &error))
        return wg_cli_fail (error);
      g_print (_("Returnee %s: %s — %u periods until %s, %u tests scheduled."), argv[2], preset,
               decision.n_periods, decision.end_day != NULL ? decision.end_day : "—", decision.n_tests);
      g_print ("\n");
      if (decision.sensor != NULL)
        {
          g_print (_("Door sensor %s bound to the home."), decision.sensor);
          g_print ("\n");
        }
      return EXIT_SUCCESS;
    }

  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !(list = wg_store_list_returnees (store, grid, state_text != NULL ? (int) state : -1, &error)) ||
      !wg_store_count_returnees (store, grid, counts, &error))
    return wg_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_object (builder);
      for (guint s = 0; s < WG_RETURNEE_N_STATES; s++)
        {
          json_builder_set_member_name (builder, wg_returnee_state_to_string (s));
          json_builder_add_int_value (builder, counts[s]);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "returnees");
      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          const WgReturneeInfo *r = g_ptr_array_index (list, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, r->id);
          add_string (builder, "name", r->name);
          add_string (builder, "id_number", r->id_number);
          add_string (builder, "arrived_on", r->arrived_on);
          add_string (builder, "from", r->from_place);
          add_string (builder, "grid", r->grid_code);
          add_string (builder, "state", wg_returnee_state_to_string (r->state));
          add_string (builder, "preset", r->preset);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  /* Translators: the queue's counts: "12 new, 3 reviewed, 40 decided" */
  g_print (_("%u new, %u reviewed, %u decided"), counts[0], counts[1], counts[2]);
  g_print ("\n");
  for (guint i = 0; i < list->len; i++)
    {
      const WgReturneeInfo *r = g_ptr_array_index (list, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\n", r->id, r->name, r->arrived_on, r->from_place,
               r->grid_code != NULL ? r->grid_code : "—", wg_returnee_state_to_string (r->state),
               r->preset != NULL ? r->preset : "");
    }
  return EXIT_SUCCESS;
}

/* `tests record FILE --sampled T --institution NAME [--pooled]`: a sampling
 * round's results (ID number, result) from a CSV or XLSX, all or none. */
static int
record_round (WgCli       *cli,
              const char  *path,
              const char  *sampled,
              const char  *institution,
              gboolean     pooled,
              const char  *encoding)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgTableReader) reader = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GArray) positives = NULL;
  g_autofree char *when = NULL;

  if (sampled == NULL || institution == NULL)
    return wg_cli_usage_error (_("“tests record” needs --sampled \"YYYY-MM-DD HH:MM\" and --institution NAME."));
  when = strlen (sampled) == 16 ? g_strconcat (sampled, ":00", NULL) : g_strdup (sampled);
  if (!(reader = wg_table_reader_open (path, encoding, NULL, &error)) ||
      !(samples = wg_sampling_read (reader, &error)))
    return wg_cli_fail (error);
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
      !wg_store_record_sampling (store, when, institution, pooled, samples, &positives, &error))
    return wg_cli_fail (error);

  g_print (_("%u results recorded, %u positive."), samples->len, positives->len);
  g_print ("\n");
  /* The positives first and alone, for whoever acts on them at once. */
  for (guint i = 0; i < positives->len; i++)
    {
      g_autoptr(WgPersonInfo) person = wg_store_read_person (store, g_array_index (positives, gint64, i), NULL);

      if (person != NULL)
        g_print ("%s\t%s\t%s\t%s\n", _("POSITIVE"), person->name, person->id_number,
                 person->household_code != NULL ? person->household_code : "—");
    }
  return EXIT_SUCCESS;
}

/**
 * wg_cli_tests:
 *
 * `tests due [--grid CODE] [--date D] [--json]`, `tests record FILE
 * --sampled T --institution NAME [--pooled] [--encoding E]`.
 */
int
wg_cli_tests (WgCli   *cli,
              int      argc,
              char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *grid = NULL;
  g_autofree char *date = NULL;
  g_autofree char *sampled = NULL;
  g_autofree char *institution = NULL;
  g_autofree char *encoding = NULL;
  gboolean pooled = FALSE;
  GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only the people under this grid"), "CODE" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Due on this day (default today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "sampled", 0, 0, G_OPTION_ARG_STRING, &sampled, N_("When the round sampled"), "\"YYYY-MM-DD HH:MM\"" },
    { "institution", 0, 0, G_OPTION_ARG_STRING, &institution, N_("Who tested"), "NAME" },
    { "pooled", 0, 0, G_OPTION_ARG_NONE, &pooled, N_("Pooled tubes"), NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("The file's encoding, when it is not detected"), "E" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_overdue = 0;
  int status;

  if (!wg_cli_parse_options ("tests", "due | record FILE", entries, &argc, &argv, &status))
    return status;
  if (argc == 3 && g_str_equal (argv[1], "record"))
    return record_round (cli, argv[2], sampled, institution, pooled, encoding);
  if (argc != 2 || !g_str_equal (argv[1], "due"))
    return wg_cli_usage_error (_("Write “tests due [--grid CODE] [--date YYYY-MM-DD]” or “tests record FILE --sampled T --institution NAME”."));
  if (date != NULL && !wg_day_is_valid (date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !(due = wg_store_list_tests_due (store, grid, date, &error)))
    return wg_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < due->len; i++)
    {
      const WgTestDue *d = g_ptr_array_index (due, i);

      n_overdue += d->overdue;
      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "person");
          json_builder_add_int_value (builder, d->person_id);
          add_string (builder, "name", d->name);
          add_string (builder, "id_number", d->id_number);
          add_string (builder, "grid", d->grid_code);
          add_string (builder, "day", d->day);
          json_builder_set_member_name (builder, "seq");
          json_builder_add_int_value (builder, d->seq);
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_boolean_value (builder, d->overdue);
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s\t%s\t%u\t%s\n", d->day, d->name, d->id_number, d->grid_code != NULL ? d->grid_code : "—",
                 d->seq, d->overdue ? _("overdue") : _("due"));
    }
  json_builder_end_array (builder);
  if (json)
    print_json (builder);
  else
    {
      gint64 done = wg_store_count_tests_done (store, grid, date, &error);

      if (done < 0)
        return wg_cli_fail (error);
      g_print (_("%u due, %u of them overdue; %u done."), due->len, n_overdue, (guint) done);
      g_print ("\n");
    }
  return EXIT_SUCCESS;
}

/**
 * wg_cli_board:
 *
 * `board --grid CODE [--date D] [--json]`: the quarantine board's lists for
 * a grid and a day, each with its people and why they are on it.
 */
/* One list of the board, on paper (PDF, in Chinese) or for Excel and WPS. */
static int
write_board_list (WgStore           *store,
                  const char        *grid,
                  const char        *date,
                  const char        *list,
                  const char *const *keys,
                  const char        *output)
{
  g_autoptr(GError) error = NULL;
  WgStatus status = WG_STATUS_N;
  WgTableFormat format;
  guint rows = 0;

  for (WgStatus s = WG_STATUS_BOARD_FIRST; s < WG_STATUS_N; s++)
    if (g_str_equal (list, keys[s - WG_STATUS_BOARD_FIRST]))
      status = s;
  if (status == WG_STATUS_N)
    return wg_cli_usage_error (_("--list is one of starting_today, ending_today, ending_tomorrow, tests_due,"
                                 " tests_overdue, temperature_missing, sensor_offline, period_changed."));
  if (g_str_has_suffix (output, ".pdf"))
    {
      g_autoptr(WgListDocument) document = wg_list_document_new_for_status (store, grid, status, date, &error);

      if (document == NULL ||
          !wg_document_write_pdf (WG_DOCUMENT (document), output, wg_store_get_operator (store), NULL, NULL, NULL,
                                  &error))
        return wg_cli_fail (error);
      rows = wg_list_document_get_n_rows (document);
    }
  else if (!wg_table_format_from_path (output, &format))
    return wg_cli_usage_error (_("-o names a .pdf, .csv or .xlsx file."));
  else if (!wg_export_write_status (store, grid, status, date, output, format, &rows, &error))
    return wg_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u person to %s.\n", "Wrote %u people to %s.\n", rows), rows, output);
  return EXIT_SUCCESS;
}

int
wg_cli_board (WgCli   *cli,
              int      argc,
              char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *grid = NULL;
  g_autofree char *date = NULL;
  g_autofree char *list = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("The grid whose board to show"), "CODE" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (default today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "list", 0, 0, G_OPTION_ARG_STRING, &list, N_("With -o: the list to write, as the JSON names it"), "KEY" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the list to a PDF to print, or a CSV or XLSX for Excel and WPS"), "OUT.pdf|.csv|.xlsx" },
    G_OPTION_ENTRY_NULL
  };
  static const char *const keys[] = {
    "starting_today", "ending_today", "ending_tomorrow", "tests_due", "tests_overdue", "temperature_missing",
    "sensor_offline", "period_changed",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == WG_STATUS_N - WG_STATUS_BOARD_FIRST);

  if (!wg_cli_parse_options ("board", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1 || grid == NULL)
    return wg_cli_usage_error (_("“board” needs --grid CODE."));
  if (date != NULL && !wg_day_is_valid (date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));
  if ((list != NULL) != (output != NULL))
    return wg_cli_usage_error (_("--list and -o go together: the list to write and where."));
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    return wg_cli_fail (error);
  if (output != NULL)
    return write_board_list (store, grid, date, list, keys, output);

  json_builder_begin_object (builder);
  for (WgStatus s = WG_STATUS_BOARD_FIRST; s < WG_STATUS_N; s++)
    {
      g_autoptr(GPtrArray) people = wg_store_list_status_people (store, grid, s, date, &error);

      if (people == NULL)
        return wg_cli_fail (error);
      if (json)
        {
          json_builder_set_member_name (builder, keys[s - WG_STATUS_BOARD_FIRST]);
          json_builder_begin_array (builder);
        }
      else
        g_print ("%s: %u\n", wg_status_describe (s), people->len);
      for (guint i = 0; i < people->len; i++)
        {
          const WgStatusPerson *p = g_ptr_array_index (people, i);

          if (json)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "person");
              json_builder_add_int_value (builder, p->person_id);
              add_string (builder, "name", p->name);
              add_string (builder, "household", p->household_code);
              add_string (builder, "grid", p->grid_code);
              add_string (builder, "fact", p->fact);
              json_builder_end_object (builder);
            }
          else
            g_print ("  %s\t%s\t%s\t%s\n", p->name, p->household_code, p->grid_code, p->fact);
        }
      if (json)
        json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  if (json)
    print_json (builder);
  return EXIT_SUCCESS;
}

/**
 * wg_cli_quarantine:
 *
 * `quarantine extend|release ID_NUMBER --to D --reason TEXT [--on D]`.
 */
int
wg_cli_quarantine (WgCli   *cli,
                   int      argc,
                   char   **argv)
{
  g_autofree char *to = NULL;
  g_autofree char *on = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The quarantine's new last day"), "YYYY-MM-DD" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (kept in the audit log, shown on the board)"), "TEXT" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("A day of the period to change (default today)"), "YYYY-MM-DD" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autofree char *today = NULL;
  gint64 person_id;
  gboolean extend;
  int status;

  if (!wg_cli_parse_options ("quarantine", "extend|release ID_NUMBER --to D --reason TEXT", entries, &argc, &argv,
                             &status))
    return status;
  if (argc != 3 || !(g_str_equal (argv[1], "extend") || g_str_equal (argv[1], "release")) || to == NULL ||
      reason == NULL)
    return wg_cli_usage_error (_("Write “quarantine extend ID_NUMBER --to YYYY-MM-DD --reason TEXT” (or release)."));
  if (!wg_day_is_valid (to) || (on != NULL && !wg_day_is_valid (on)))
    return wg_cli_usage_error (_("--to and --on are days written as YYYY-MM-DD."));
  extend = g_str_equal (argv[1], "extend");
  today = on != NULL ? g_strdup (on) : wg_today ();
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
      (person_id = wg_store_find_person (store, argv[2], &error)) <= 0)
    return wg_cli_fail (error);
  /* What was asked: a later day to extend, an earlier one to release. */
  if (!wg_store_change_quarantine_end (store, person_id, today, to, extend ? 1 : -1, reason, &error))
    return wg_cli_fail (error);
  g_print (extend ? _("Quarantine extended to %s.") : _("Quarantine ends on %s."), to);
  g_print ("\n");
  return EXIT_SUCCESS;
}
