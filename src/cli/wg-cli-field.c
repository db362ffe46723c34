/* wg-cli-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field's day from the command line: help orders (点单 → 派单 → 接单)
 * and the grids' two patrols and one meeting, with the grids that have not
 * reported.
 */

#define G_LOG_DOMAIN "wangge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "wg-document.h"
#include "wg-export.h"
#include "wg-idnum.h"
#include "wg-list-document.h"
#include "wg-store-roster.h"
#include "wg-table-writer.h"
#include "wg-store-disinfection.h"
#include "wg-store-orders.h"
#include "wg-store-persons.h"
#include "wg-store-patrols.h"

#include "wg-cli.h"

static void
add_order (JsonBuilder       *builder,
           const WgOrderInfo *o)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, o->id);
  wg_cli_add_string (builder, "household", o->household_code);
  wg_cli_add_string (builder, "grid", o->grid_code);
  wg_cli_add_string (builder, "requester", o->requester);
  wg_cli_add_string (builder, "kind", wg_order_kind_to_string (o->kind));
  wg_cli_add_string (builder, "detail", o->detail);
  json_builder_set_member_name (builder, "urgency");
  json_builder_add_int_value (builder, o->urgency);
  wg_cli_add_string (builder, "due_at", o->due_at);
  wg_cli_add_string (builder, "state", wg_order_state_to_string (o->state));
  wg_cli_add_string (builder, "ordered_at", o->ordered_at);
  json_builder_set_member_name (builder, "worker_id");
  json_builder_add_int_value (builder, o->worker_id);
  wg_cli_add_string (builder, "worker", o->worker);
  wg_cli_add_string (builder, "dispatcher", o->dispatcher);
  wg_cli_add_string (builder, "dispatched_at", o->dispatched_at);
  wg_cli_add_string (builder, "accepted_at", o->accepted_at);
  wg_cli_add_string (builder, "done_at", o->done_at);
  wg_cli_add_string (builder, "cancelled_at", o->cancelled_at);
  wg_cli_add_string (builder, "note", o->note);
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_boolean_value (builder, o->overdue);
  json_builder_end_object (builder);
}

/**
 * wg_cli_orders:
 *
 * `orders [--grid CODE] [--state S] [--worker ID] [--now T] [--json]`,
 * `orders add HOUSEHOLD --kind K --detail T --due T [--urgency N] [--by ID_NUMBER] [--at T]`,
 * `orders dispatch ID [--worker STAFF_ID] [--at T]`, `orders accept ID [--at T]`,
 * `orders done ID --note T [--at T]`, `orders cancel ID --reason T [--at T]`.
 */
int
wg_cli_orders (WgCli   *cli,
               int      argc,
               char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *grid = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *now = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *due = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;
  g_autofree char *note = NULL;
  g_autofree char *reason = NULL;
  gint64 worker = 0;
  int urgency = 1;
  GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only the households under this grid"), "CODE" },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_text,
      N_("Only orders in this state: ordered, dispatched, accepted, done or cancelled"), "S" },
    { "worker", 0, 0, G_OPTION_ARG_INT64, &worker, N_("One grid worker's orders; to dispatch: to this grid worker"),
      "STAFF_ID" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("Judge overdue at this time (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("What: elderly-care, medicine, shopping, repairs, farm-work or other"), "K" },
    { "detail", 0, 0, G_OPTION_ARG_STRING, &detail, N_("What is needed, in words"), "TEXT" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("To be done by"), "\"YYYY-MM-DD HH:MM\"" },
    { "urgency", 0, 0, G_OPTION_ARG_INT, &urgency, N_("1 normal, 2 urgent, 3 very urgent"), "N" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who ordered (an ID number)"), "ID_NUMBER" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What was done"), "TEXT" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it is cancelled"), "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autofree char *when = NULL;
  const char *verb;
  gint64 id = 0;
  int status;

  if (!wg_cli_parse_options ("orders", "[add|dispatch|accept|done|cancel …]", entries, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : NULL;
  when = wg_cli_full_time (at);

  if (verb == NULL)
    {
      g_autoptr(GPtrArray) orders = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *clock = now != NULL ? wg_cli_full_time (now) : NULL;
      WgOrderState state = WG_ORDER_N_STATES;
      guint n_open = 0, n_overdue = 0;

      if (state_text != NULL && !wg_order_state_from_string (state_text, &state))
        return wg_cli_usage_error (_("--state is ordered, dispatched, accepted, done or cancelled."));
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
          !(orders = wg_store_list_orders (store, grid, state_text != NULL ? (int) state : -1, worker, clock,
                                           &error)))
        return wg_cli_fail (error);
      json_builder_begin_array (builder);
      for (guint i = 0; i < orders->len; i++)
        {
          const WgOrderInfo *o = g_ptr_array_index (orders, i);

          n_open += o->state < WG_ORDER_DONE;
          n_overdue += o->overdue;
          if (json)
            add_order (builder, o);
          else
            g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s%s\n", o->id, o->household_code,
                     wg_order_kind_describe (o->kind), o->detail, o->due_at, wg_order_state_describe (o->state),
                     o->worker != NULL ? o->worker : "—", o->overdue ? _("\tOVERDUE") : "");
        }
      json_builder_end_array (builder);
      if (json)
        wg_cli_print_json (builder);
      else
        {
          g_print (_("%u orders, %u open, %u overdue."), orders->len, n_open, n_overdue);
          g_print ("\n");
        }
      return EXIT_SUCCESS;
    }

  if (g_str_equal (verb, "add"))
    {
      WgOrderRequest request = { 0 };
      g_autofree char *due_full = NULL;

      if (argc != 3 || detail == NULL || due == NULL || !wg_order_kind_from_string (kind_text, &request.kind))
        return wg_cli_usage_error (_("“orders add” needs the household's code, --kind, --detail and --due."));
      due_full = wg_cli_full_time (due);
      request.household_code = argv[2];
      request.requester_id_number = by;
      request.detail = detail;
      request.urgency = urgency;
      request.due_at = due_full;
      request.ordered_at = when;
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
          !wg_store_add_order (store, &request, &id, &error))
        return wg_cli_fail (error);
      {
        g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

        g_print (_("Order %s recorded.\n"), id_text);
      }
      return EXIT_SUCCESS;
    }

  if (argc != 3 || !wg_cli_parse_id (argv[2], &id))
    return wg_cli_usage_error (_("Write “orders dispatch|accept|done|cancel ID”."));
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
    return wg_cli_fail (error);
  if (g_str_equal (verb, "dispatch"))
    {
      if (worker == 0 && (worker = wg_store_find_order_worker (store, id, &error)) == 0)
        return wg_cli_fail (error);
      if (!wg_store_dispatch_order (store, id, worker, when, &error))
        return wg_cli_fail (error);
    }
  else if (g_str_equal (verb, "accept"))
    {
      if (!wg_store_accept_order (store, id, when, &error))
        return wg_cli_fail (error);
    }
  else if (g_str_equal (verb, "done"))
    {
      if (note == NULL)
        return wg_cli_usage_error (_("“orders done” needs --note saying what was done."));
      if (!wg_store_complete_order (store, id, when, note, &error))
        return wg_cli_fail (error);
    }
  else if (g_str_equal (verb, "cancel"))
    {
      if (reason == NULL)
        return wg_cli_usage_error (_("“orders cancel” needs --reason."));
      if (!wg_store_cancel_order (store, id, when, reason, &error))
        return wg_cli_fail (error);
    }
  else
    return wg_cli_usage_error (_("Write “orders dispatch|accept|done|cancel ID”."));
  g_print (_("Order %s: %s at %s.\n"), argv[2], verb, when);
  return EXIT_SUCCESS;
}

/**
 * wg_cli_patrols:
 *
 * `patrols --date D [--grid CODE] [--missing] [--json]`,
 * `patrols add GRID --kind morning|afternoon|meeting --by NAMES [--at T]
 * [--returnees N] [--gatherings N] [--problems T] [--reported T]`.
 */
int
wg_cli_patrols (WgCli   *cli,
                int      argc,
                char   **argv)
{
  gboolean json = FALSE, missing = FALSE;
  g_autofree char *date = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *reported = NULL;
  int returnees = 0, gatherings = 0;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (default today)"), "YYYY-MM-DD" },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("The grid and those under it (default the county)"), "CODE" },
    { "missing", 0, 0, G_OPTION_ARG_NONE, &missing, N_("The grids that have not reported, rolled up the tree"),
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("morning, afternoon or meeting"), "K" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who patrolled, or who attended"), "NAMES" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "returnees", 0, 0, G_OPTION_ARG_INT, &returnees, N_("New returnees found"), "N" },
    { "gatherings", 0, 0, G_OPTION_ARG_INT, &gatherings, N_("Unreported gatherings found"), "N" },
    { "problems", 0, 0, G_OPTION_ARG_STRING, &problems, N_("Problems found"), "TEXT" },
    { "reported", 0, 0, G_OPTION_ARG_STRING, &reported, N_("What the meeting reported up"), "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status;

  if (!wg_cli_parse_options ("patrols", "[add GRID …]", entries, &argc, &argv, &status))
    return status;
  if (date != NULL && !wg_day_is_valid (date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));

  if (argc == 3 && g_str_equal (argv[1], "add"))
    {
      WgPatrolReport report = { 0 };
      g_autofree char *when = wg_cli_full_time (at);
      g_autofree char *day = g_strndup (when, 10);

      if (by == NULL || !wg_patrol_kind_from_string (kind_text, &report.kind) || returnees < 0 || gatherings < 0)
        return wg_cli_usage_error (_("“patrols add” needs the grid's code, --kind morning|afternoon|meeting and --by."));
      report.grid_code = argv[2];
      report.day = date != NULL ? date : day;
      report.at = when;
      report.done_by = by;
      report.new_returnees = returnees;
      report.gatherings = gatherings;
      report.problems = problems;
      report.reported_up = reported;
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
          !wg_store_add_patrol_report (store, &report, NULL, &error))
        return wg_cli_fail (error);
      g_print (_("Recorded: %s of %s.\n"), wg_patrol_kind_describe (report.kind), argv[2]);
      return EXIT_SUCCESS;
    }
  if (argc != 1)
    return wg_cli_usage_error (_("Write “patrols [--date D] [--missing]” or “patrols add GRID …”."));
  if (date == NULL)
    date = wg_today ();
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    return wg_cli_fail (error);
  if (grid == NULL && !(grid = wg_store_dup_county_code (store)))
    return wg_cli_usage_error (_("The database holds no county yet."));

  if (missing)
    {
      g_autoptr(GPtrArray) list = wg_store_list_missing_reports (store, grid, date, &error);

      if (list == NULL)
        return wg_cli_fail (error);
      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          const WgMissingReport *m = g_ptr_array_index (list, i);

          if (!json)
            {
              g_print ("%s\t%s\t%u/%u\n", m->code, m->name, m->missing, m->micro_grids);
              continue;
            }
          json_builder_begin_object (builder);
          wg_cli_add_string (builder, "code", m->code);
          wg_cli_add_string (builder, "name", m->name);
          json_builder_set_member_name (builder, "level");
          json_builder_add_int_value (builder, m->level);
          json_builder_set_member_name (builder, "micro_grids");
          json_builder_add_int_value (builder, m->micro_grids);
          json_builder_set_member_name (builder, "missing");
          json_builder_add_int_value (builder, m->missing);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (json)
        wg_cli_print_json (builder);
      return EXIT_SUCCESS;
    }

  {
    g_autoptr(GPtrArray) list = wg_store_list_patrols (store, grid, date, &error);

    if (list == NULL)
      return wg_cli_fail (error);
    json_builder_begin_array (builder);
    for (guint i = 0; i < list->len; i++)
      {
        const WgPatrolInfo *p = g_ptr_array_index (list, i);

        if (!json)
          {
            g_print ("%s\t%s\t%s\t%s\t%s\t%u\t%u\t%s\n", p->grid_code, p->grid_name, wg_patrol_kind_describe (p->kind),
                     p->at, p->done_by, p->new_returnees, p->gatherings,
                     p->problems != NULL ? p->problems : p->reported_up != NULL ? p->reported_up : "");
            continue;
          }
        json_builder_begin_object (builder);
        wg_cli_add_string (builder, "grid", p->grid_code);
        wg_cli_add_string (builder, "kind", wg_patrol_kind_to_string (p->kind));
        wg_cli_add_string (builder, "at", p->at);
        wg_cli_add_string (builder, "by", p->done_by);
        json_builder_set_member_name (builder, "new_returnees");
        json_builder_add_int_value (builder, p->new_returnees);
        json_builder_set_member_name (builder, "gatherings");
        json_builder_add_int_value (builder, p->gatherings);
        wg_cli_add_string (builder, "problems", p->problems);
        wg_cli_add_string (builder, "reported_up", p->reported_up);
        json_builder_end_object (builder);
      }
    json_builder_end_array (builder);
    if (json)
      wg_cli_print_json (builder);
  }
  return EXIT_SUCCESS;
}

/**
 * wg_cli_roster:
 *
 * `roster --week YYYY-Www [-o ROSTER.pdf|.xlsx|.csv] [--json]`,
 * `roster book --date D --shift N (--checkpoint NAME | --community CODE)
 * --staff ID [--role leader|unit-leader|duty]`, `roster now [--now T]`.
 */
int
wg_cli_roster (WgCli   *cli,
               int      argc,
               char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *week = NULL;
  g_autofree char *output = NULL;
  g_autofree char *date = NULL;
  g_autofree char *checkpoint = NULL;
  g_autofree char *community = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *now = NULL;
  gint64 staff = 0;
  int shift = 0;
  GOptionEntry entries[] = {
    { "week", 0, 0, G_OPTION_ARG_STRING, &week, N_("The week, as ISO 8601 writes it"), "YYYY-Www" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the week's roster to a PDF, XLSX or CSV"),
      "ROSTER.pdf" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the duty"), "YYYY-MM-DD" },
    { "shift", 0, 0, G_OPTION_ARG_INT, &shift, N_("1 08:00–16:00, 2 16:00–24:00, 3 00:00–08:00"), "N" },
    { "checkpoint", 0, 0, G_OPTION_ARG_STRING, &checkpoint, N_("At this checkpoint"), "NAME" },
    { "community", 0, 0, G_OPTION_ARG_STRING, &community, N_("In this community (its grid code)"), "CODE" },
    { "staff", 0, 0, G_OPTION_ARG_INT64, &staff, N_("Who (a member of staff's number)"), "ID" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("leader, unit-leader or duty (the default)"), "R" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("The time to ask about (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autofree char *monday = NULL;
  int status;

  if (!wg_cli_parse_options ("roster", "[book|now …]", entries, &argc, &argv, &status))
    return status;

  if (argc == 2 && g_str_equal (argv[1], "book"))
    {
      WgDutyRole role = WG_DUTY_ON_DUTY;

      if (role_text != NULL && !wg_duty_role_from_string (role_text, &role))
        return wg_cli_usage_error (_("--role is leader, unit-leader or duty."));
      if (date == NULL || shift < 1 || shift > 3 || staff <= 0 || (checkpoint == NULL) == (community == NULL))
        return wg_cli_usage_error (_("“roster book” needs --date, --shift 1|2|3, --staff and --checkpoint or "
                                     "--community."));
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
          !wg_store_book_duty (store, date, shift, checkpoint, community, staff, role, NULL, &error))
        return wg_cli_fail (error);
      g_print (_("Booked.\n"));
      return EXIT_SUCCESS;
    }
  if (argc == 2 && g_str_equal (argv[1], "now"))
    {
      g_autofree char *clock = now != NULL ? wg_cli_full_time (now) : NULL;
      g_autoptr(GPtrArray) duties = NULL;

      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
          !(duties = wg_store_list_on_duty_now (store, clock, &error)))
        return wg_cli_fail (error);
      for (guint i = 0; i < duties->len; i++)
        {
          const WgDutyInfo *d = g_ptr_array_index (duties, i);

          g_print ("%s\t%s\t%s\t%s\n", d->place, d->staff, d->phone != NULL ? d->phone : "—",
                   wg_duty_role_describe (d->role));
        }
      return EXIT_SUCCESS;
    }
  if (argc != 1 || !wg_iso_week_first_day (week, &monday))
    return wg_cli_usage_error (_("Write “roster --week YYYY-Www [-o ROSTER.pdf]”, “roster book …” or “roster now”."));
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    return wg_cli_fail (error);

  if (output != NULL)
    {
      WgTableFormat format;
      guint rows = 0;

      if (g_str_has_suffix (output, ".pdf"))
        {
          g_autoptr(WgListDocument) document = wg_list_document_new_for_roster (store, monday, &error);

          if (document == NULL ||
              !wg_document_write_pdf (WG_DOCUMENT (document), output, wg_store_get_operator (store), NULL, NULL,
                                      NULL, &error))
            return wg_cli_fail (error);
          rows = wg_list_document_get_n_rows (document);
        }
      else if (!wg_table_format_from_path (output, &format))
        return wg_cli_usage_error (_("-o names a .pdf, .csv or .xlsx file."));
      else if (!wg_export_write_roster (store, monday, output, format, &rows, &error))
        return wg_cli_fail (error);
      g_print (_("Wrote the roster of the week of %s (%u rows) to %s.\n"), monday, rows, output);
      return EXIT_SUCCESS;
    }

  {
    g_autoptr(GPtrArray) duties = wg_store_list_duties (store, monday, 7, &error);
    g_autoptr(GPtrArray) warnings = NULL;
    g_autoptr(JsonBuilder) builder = json_builder_new ();

    if (duties == NULL || !(warnings = wg_store_list_roster_warnings (store, monday, 7, &error)))
      return wg_cli_fail (error);
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "duties");
    json_builder_begin_array (builder);
    for (guint i = 0; i < duties->len; i++)
      {
        const WgDutyInfo *d = g_ptr_array_index (duties, i);

        if (!json)
          {
            g_print ("%s\t%u\t%s\t%s\t%s\n", d->day, d->shift, d->place, d->staff, wg_duty_role_describe (d->role));
            continue;
          }
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_int_value (builder, d->id);
        wg_cli_add_string (builder, "day", d->day);
        json_builder_set_member_name (builder, "shift");
        json_builder_add_int_value (builder, d->shift);
        wg_cli_add_string (builder, "place", d->place);
        json_builder_set_member_name (builder, "staff_id");
        json_builder_add_int_value (builder, d->staff_id);
        wg_cli_add_string (builder, "staff", d->staff);
        json_builder_set_member_name (builder, "role");
        json_builder_add_int_value (builder, d->role);
        json_builder_end_object (builder);
      }
    json_builder_end_array (builder);
    json_builder_set_member_name (builder, "warnings");
    json_builder_begin_array (builder);
    for (guint i = 0; i < warnings->len; i++)
      {
        const WgRosterWarning *w = g_ptr_array_index (warnings, i);

        if (!json)
          {
            g_print (_("Short: %s shift %u at %s, %u of %u.\n"), w->day, w->shift, w->checkpoint, w->booked,
                     w->min_staff);
            continue;
          }
        json_builder_begin_object (builder);
        wg_cli_add_string (builder, "day", w->day);
        json_builder_set_member_name (builder, "shift");
        json_builder_add_int_value (builder, w->shift);
        wg_cli_add_string (builder, "checkpoint", w->checkpoint);
        json_builder_set_member_name (builder, "booked");
        json_builder_add_int_value (builder, w->booked);
        json_builder_set_member_name (builder, "min_staff");
        json_builder_add_int_value (builder, w->min_staff);
        json_builder_end_object (builder);
      }
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    if (json)
      wg_cli_print_json (builder);
  }
  return EXIT_SUCCESS;
}

/**
 * wg_cli_away:
 *
 * `away [--grid CODE] [--json]`, `away set ID_NUMBER --reason work|study|held|other
 * [--province P] [--city C] [--address A] [--employer E] [--since D] [--group NAME] [--care TEXT]`.
 */
int
wg_cli_away (WgCli   *cli,
             int      argc,
             char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *grid = NULL;
  g_autofree char *reason_text = NULL;
  g_autofree char *province = NULL;
  g_autofree char *city = NULL;
  g_autofree char *address = NULL;
  g_autofree char *employer = NULL;
  g_autofree char *since = NULL;
  g_autofree char *group = NULL;
  g_autofree char *care = NULL;
  GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only the people of the households under this grid"), "CODE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason_text, N_("work, study, held or other"), "R" },
    { "province", 0, 0, G_OPTION_ARG_STRING, &province, N_("Where: the province"), "P" },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("Where: the city"), "C" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Where: the address"), "A" },
    { "employer", 0, 0, G_OPTION_ARG_STRING, &employer, N_("The employer"), "E" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Away since"), "YYYY-MM-DD" },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("The group of the village or township"), "NAME" },
    { "care", 0, 0, G_OPTION_ARG_STRING, &care, N_("Who at home needs care"), "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  int status;

  if (!wg_cli_parse_options ("away", "[set ID_NUMBER …]", entries, &argc, &argv, &status))
    return status;
  if (argc == 3 && g_str_equal (argv[1], "set"))
    {
      WgAwayFields fields = { province, city, address, employer, since, 0, group, care };
      gint64 person;

      if (!wg_away_reason_from_string (reason_text, &fields.reason))
        return wg_cli_usage_error (_("“away set” needs --reason work, study, held or other."));
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
          (person = wg_store_find_person (store, argv[2], &error)) <= 0 ||
          !wg_store_set_away (store, person, &fields, &error))
        return wg_cli_fail (error);
      g_print (_("Recorded.\n"));
      return EXIT_SUCCESS;
    }
  if (argc != 1)
    return wg_cli_usage_error (_("Write “away [--grid CODE]” or “away set ID_NUMBER …”."));
  {
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    guint care_needed = 0;

    if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
        !(list = wg_store_list_away (store, grid, &error)))
      return wg_cli_fail (error);
    json_builder_begin_array (builder);
    for (guint i = 0; i < list->len; i++)
      {
        const WgAwayInfo *a = g_ptr_array_index (list, i);

        care_needed += a->care_needed != NULL;
        if (!json)
          {
            g_print ("%s\t%s\t%s%s\t%s\t%s\t%s\n", a->name, a->id_number, a->province != NULL ? a->province : "",
                     a->city != NULL ? a->city : "", wg_away_reason_describe (a->reason),
                     a->group != NULL ? a->group : "—", a->care_needed != NULL ? a->care_needed : "");
            continue;
          }
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "person");
        json_builder_add_int_value (builder, a->person_id);
        wg_cli_add_string (builder, "name", a->name);
        wg_cli_add_string (builder, "id_number", a->id_number);
        wg_cli_add_string (builder, "household", a->household_code);
        wg_cli_add_string (builder, "province", a->province);
        wg_cli_add_string (builder, "city", a->city);
        wg_cli_add_string (builder, "employer", a->employer);
        wg_cli_add_string (builder, "since", a->since);
        json_builder_set_member_name (builder, "reason");
        json_builder_add_int_value (builder, a->reason);
        wg_cli_add_string (builder, "group", a->group);
        wg_cli_add_string (builder, "group_owner", a->group_owner);
        wg_cli_add_string (builder, "care_needed", a->care_needed);
        json_builder_end_object (builder);
      }
    json_builder_end_array (builder);
    if (json)
      wg_cli_print_json (builder);
    else
      {
        g_print (_("%u people away, %u with someone at home who needs care."), list->len, care_needed);
        g_print ("\n");
      }
  }
  return EXIT_SUCCESS;
}

/**
 * wg_cli_disinfection:
 *
 * `disinfection plan (--home CODE | --room ID) --hour H [--every N] --from D --to D`,
 * `disinfection visit (--home CODE | --room ID) --by NAMES [--at T] [--what TEXT]`,
 * `disinfection overdue [--grid CODE] [--now T] [--json]`.
 */
int
wg_cli_disinfection (WgCli   *cli,
                     int      argc,
                     char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *home = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;
  g_autofree char *what = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *now = NULL;
  gint64 room = 0;
  int hour = -1, every = 1;
  GOptionEntry entries[] = {
    { "home", 0, 0, G_OPTION_ARG_STRING, &home, N_("The household's code"), "CODE" },
    { "room", 0, 0, G_OPTION_ARG_INT64, &room, N_("The room's number (wangge-cli rooms)"), "ID" },
    { "hour", 0, 0, G_OPTION_ARG_INT, &hour, N_("The hour of the visit, 0–23"), "H" },
    { "every", 0, 0, G_OPTION_ARG_INT, &every, N_("Every so many days (default every day)"), "N" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The plan's first day"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The plan's last day"), "YYYY-MM-DD" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who disinfected"), "NAMES" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "what", 0, 0, G_OPTION_ARG_STRING, &what, N_("What was done"), "TEXT" },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only the homes under this grid"), "CODE" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("Judge overdue at this time (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autofree char *when = NULL;
  int status;

  if (!wg_cli_parse_options ("disinfection", "plan|visit|overdue …", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return wg_cli_usage_error (_("Write “disinfection plan|visit|overdue …”."));
  when = wg_cli_full_time (at);
  if (g_str_equal (argv[1], "plan"))
    {
      if (hour < 0 || from == NULL || to == NULL || every < 1)
        return wg_cli_usage_error (_("“disinfection plan” needs --home or --room, --hour, --from and --to."));
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
          !wg_store_plan_disinfection (store, home, room, hour, every, from, to, NULL, &error))
        return wg_cli_fail (error);
      g_print (_("Planned.\n"));
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "visit"))
    {
      if (by == NULL)
        return wg_cli_usage_error (_("“disinfection visit” needs --home or --room and --by."));
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
          !wg_store_record_disinfection (store, home, room, when, by, what, NULL, &error))
        return wg_cli_fail (error);
      g_print (_("Recorded.\n"));
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "overdue"))
    {
      g_autofree char *clock = now != NULL ? wg_cli_full_time (now) : NULL;
      g_autoptr(GPtrArray) overdue = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
          !(overdue = wg_store_list_disinfection_overdue (store, grid, clock, &error)))
        return wg_cli_fail (error);
      json_builder_begin_array (builder);
      for (guint i = 0; i < overdue->len; i++)
        {
          const WgDisinfectionDue *due = g_ptr_array_index (overdue, i);

          if (!json)
            {
              g_print ("%s\t%s\n", due->due_at, due->place);
              continue;
            }
          json_builder_begin_object (builder);
          wg_cli_add_string (builder, "due_at", due->due_at);
          wg_cli_add_string (builder, "place", due->place);
          wg_cli_add_string (builder, "grid", due->grid_code);
          json_builder_set_member_name (builder, "plan");
          json_builder_add_int_value (builder, due->plan_id);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (json)
        wg_cli_print_json (builder);
      return EXIT_SUCCESS;
    }
  return wg_cli_usage_error (_("Write “disinfection plan|visit|overdue …”."));
}
