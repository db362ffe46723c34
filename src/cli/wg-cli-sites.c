/* wg-cli-sites.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Central quarantine sites, their rooms and stays, and point-to-point
 * transfers, from the command line.
 */

#define G_LOG_DOMAIN "wangge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "wg-document.h"
#include "wg-idnum.h"
#include "wg-list-document.h"
#include "wg-store-persons.h"
#include "wg-store-sensors.h"
#include "wg-store-sites.h"
#include "wg-store-transfers.h"

#include "wg-cli.h"

static void
add_int (JsonBuilder *builder,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

/**
 * wg_cli_sites:
 *
 * `sites [--date D] [--json]`.
 */
int
wg_cli_sites (WgCli   *cli,
              int      argc,
              char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *date = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (default today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status;

  if (!wg_cli_parse_options ("sites", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return wg_cli_usage_error (_("“sites” takes no arguments."));
  if (date == NULL)
    date = wg_today ();
  if (!wg_day_is_valid (date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !(sites = wg_store_list_sites (store, date, &error)))
    return wg_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < sites->len; i++)
    {
      const WgSiteInfo *site = g_ptr_array_index (sites, i);

      if (!json)
        {
          g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", site->id, site->name, site->address);
          g_print (_("  %u rooms, %u beds; %u assigned, %u checked in; %u awaiting a room, %u to move home\n"),
                   site->n_rooms, site->beds, site->assigned, site->checked_in, site->awaiting_room,
                   site->moves_home);
          continue;
        }
      json_builder_begin_object (builder);
      add_int (builder, "id", site->id);
      wg_cli_add_string (builder, "name", site->name);
      wg_cli_add_string (builder, "address", site->address);
      wg_cli_add_string (builder, "phone", site->phone);
      add_int (builder, "rooms", site->n_rooms);
      add_int (builder, "beds", site->beds);
      add_int (builder, "assigned", site->assigned);
      add_int (builder, "checked_in", site->checked_in);
      add_int (builder, "awaiting_room", site->awaiting_room);
      add_int (builder, "moves_home", site->moves_home);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (json)
    wg_cli_print_json (builder);
  return EXIT_SUCCESS;
}

static void
add_stay (JsonBuilder      *builder,
          const WgStayInfo *stay)
{
  json_builder_begin_object (builder);
  add_int (builder, "stay", stay->id);
  add_int (builder, "person", stay->person_id);
  wg_cli_add_string (builder, "name", stay->name);
  wg_cli_add_string (builder, "id_number", stay->id_number);
  wg_cli_add_string (builder, "from", stay->from_day);
  wg_cli_add_string (builder, "to", stay->to_day);
  wg_cli_add_string (builder, "checked_in", stay->checked_in_at);
  wg_cli_add_string (builder, "checked_out", stay->checked_out_at);
  json_builder_end_object (builder);
}

static int
list_rooms (WgStore     *store,
            gint64       site_id,
            const char  *date,
            gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GPtrArray) roomless = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!(rooms = wg_store_list_rooms (store, site_id, date, &error)) ||
      !(moves = wg_store_list_moves_home (store, site_id, date, &error)) ||
      !(roomless = wg_store_list_roomless (store, site_id, date, &error)))
    return wg_cli_fail (error);
  if (!json)
    {
      for (guint i = 0; i < rooms->len; i++)
        {
          const WgRoomInfo *room = g_ptr_array_index (rooms, i);

          g_print ("%" G_GINT64_FORMAT "\t%s\t%d\t%u/%u\t%s\n", room->id, room->number, room->floor,
                   room->stays->len, room->capacity, room->sensor != NULL ? room->sensor : "");
          for (guint j = 0; j < room->stays->len; j++)
            {
              const WgStayInfo *stay = g_ptr_array_index (room->stays, j);

              g_print ("\t%" G_GINT64_FORMAT "\t%s\t%s\t%s–%s\t%s\n", stay->id, stay->name, stay->id_number,
                       stay->from_day, stay->to_day,
                       stay->checked_out_at != NULL ? _("checked out")
                       : stay->checked_in_at != NULL ? _("checked in") : _("not checked in"));
            }
        }
      for (guint i = 0; i < roomless->len; i++)
        {
          const WgRoomless *r = g_ptr_array_index (roomless, i);

          g_print (_("Awaiting a room: %s %s (%s–%s)\n"), r->name, r->id_number, r->start_day, r->end_day);
        }
      for (guint i = 0; i < moves->len; i++)
        {
          const WgStayInfo *stay = g_ptr_array_index (moves, i);

          g_print (_("To move home: %s %s, room %s, stay ended %s; home quarantine %s–%s\n"), stay->name,
                   stay->id_number, stay->room, stay->to_day, stay->home_from != NULL ? stay->home_from : "—",
                   stay->home_to != NULL ? stay->home_to : "—");
        }
      return EXIT_SUCCESS;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rooms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rooms->len; i++)
    {
      const WgRoomInfo *room = g_ptr_array_index (rooms, i);

      json_builder_begin_object (builder);
      add_int (builder, "id", room->id);
      wg_cli_add_string (builder, "number", room->number);
      add_int (builder, "floor", room->floor);
      add_int (builder, "capacity", room->capacity);
      wg_cli_add_string (builder, "sensor", room->sensor);
      json_builder_set_member_name (builder, "stays");
      json_builder_begin_array (builder);
      for (guint j = 0; j < room->stays->len; j++)
        add_stay (builder, g_ptr_array_index (room->stays, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "awaiting_room");
  json_builder_begin_array (builder);
  for (guint i = 0; i < roomless->len; i++)
    {
      const WgRoomless *r = g_ptr_array_index (roomless, i);

      json_builder_begin_object (builder);
      add_int (builder, "person", r->person_id);
      wg_cli_add_string (builder, "name", r->name);
      wg_cli_add_string (builder, "id_number", r->id_number);
      wg_cli_add_string (builder, "from", r->start_day);
      wg_cli_add_string (builder, "to", r->end_day);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "moves_home");
  json_builder_begin_array (builder);
  for (guint i = 0; i < moves->len; i++)
    add_stay (builder, g_ptr_array_index (moves, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  wg_cli_print_json (builder);
  return EXIT_SUCCESS;
}

/**
 * wg_cli_rooms:
 *
 * `rooms SITE_ID [--date D] [--json]`, `rooms add SITE_ID NUMBER --floor F
 * --capacity C`, `rooms assign ROOM_ID ID_NUMBER --from D --to D`,
 * `rooms checkin|checkout STAY_ID [--at T]`, `rooms sensor ROOM_ID DEVICE`.
 */
int
wg_cli_rooms (WgCli   *cli,
              int      argc,
              char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *at = NULL;
  int floor = 1, capacity = 1;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (default today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "floor", 0, 0, G_OPTION_ARG_INT, &floor, N_("The room's floor"), "F" },
    { "capacity", 0, 0, G_OPTION_ARG_INT, &capacity, N_("How many people the room holds"), "C" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The stay's first day"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The stay's last day"), "YYYY-MM-DD" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autofree char *when = NULL;
  const char *verb = argc > 1 ? argv[1] : NULL;
  gint64 id = 0, new_id = 0, person_id;
  int status;

  if (!wg_cli_parse_options ("rooms", "SITE_ID | add|assign|checkin|checkout|sensor …", entries, &argc, &argv,
                             &status))
    return status;
  verb = argc > 1 ? argv[1] : NULL;
  if (date == NULL)
    date = wg_today ();
  if (!wg_day_is_valid (date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));

  if (argc == 2 && wg_cli_parse_id (verb, &id))
    {
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
        return wg_cli_fail (error);
      return list_rooms (store, id, date, json);
    }
  if (verb == NULL || argc < 3 || !wg_cli_parse_id (argv[2], &id))
    return wg_cli_usage_error (_("Write “rooms SITE_ID”, or “rooms add|assign|checkin|checkout|sensor ID …”."));
  if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)))
    return wg_cli_fail (error);

  if (g_str_equal (verb, "add") && argc == 4)
    {
      if (!wg_store_add_room (store, id, argv[3], floor, MAX (capacity, 0), &new_id, &error))
        return wg_cli_fail (error);
      when = g_strdup_printf ("%" G_GINT64_FORMAT, new_id);
      g_print (_("Room %s added: number %s.\n"), argv[3], when);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (verb, "assign") && argc == 4)
    {
      if (from == NULL || to == NULL)
        return wg_cli_usage_error (_("“rooms assign” needs --from and --to."));
      if ((person_id = wg_store_find_person (store, argv[3], &error)) <= 0 ||
          !wg_store_assign_room (store, id, person_id, from, to, &new_id, &error))
        return wg_cli_fail (error);
      when = g_strdup_printf ("%" G_GINT64_FORMAT, new_id);
      g_print (_("Assigned: stay %s.\n"), when);
      return EXIT_SUCCESS;
    }
  if ((g_str_equal (verb, "checkin") || g_str_equal (verb, "checkout")) && argc == 3)
    {
      gboolean in = g_str_equal (verb, "checkin");

      when = wg_cli_full_time (at);
      if (!(in ? wg_store_check_in : wg_store_check_out) (store, id, when, &error))
        return wg_cli_fail (error);
      g_print (in ? _("Checked in at %s.\n") : _("Checked out at %s.\n"), when);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (verb, "sensor") && argc == 4)
    {
      if (!wg_store_bind_sensor_to_room (store, argv[3], id, &error))
        return wg_cli_fail (error);
      g_print (_("The sensor %s is on the room now.\n"), argv[3]);
      return EXIT_SUCCESS;
    }
  return wg_cli_usage_error (_("Write “rooms SITE_ID”, or “rooms add|assign|checkin|checkout|sensor ID …”."));
}

static void
add_transfer (JsonBuilder          *builder,
              const WgTransferInfo *t)
{
  static const char *const from_keys[] = { "", "checkpoint", "station", "address" };

  json_builder_begin_object (builder);
  add_int (builder, "id", t->id);
  wg_cli_add_string (builder, "day", t->day);
  wg_cli_add_string (builder, "from_kind", from_keys[CLAMP (t->from_kind, 1, 3)]);
  wg_cli_add_string (builder, "from", t->from_place);
  wg_cli_add_string (builder, "to_kind", t->to_site_id != 0 ? "site" : "home");
  wg_cli_add_string (builder, "to", t->to_place);
  wg_cli_add_string (builder, "vehicle", t->vehicle);
  wg_cli_add_string (builder, "driver", t->driver);
  wg_cli_add_string (builder, "escort", t->escort);
  wg_cli_add_string (builder, "state", wg_transfer_state_to_string (t->state));
  wg_cli_add_string (builder, "dispatched_at", t->dispatched_at);
  wg_cli_add_string (builder, "picked_up_at", t->picked_up_at);
  wg_cli_add_string (builder, "handed_over_at", t->handed_over_at);
  wg_cli_add_string (builder, "handed_to", t->handed_to);
  json_builder_set_member_name (builder, "persons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < t->persons->len; i++)
    {
      const WgTransferPerson *p = g_ptr_array_index (t->persons, i);

      json_builder_begin_object (builder);
      add_int (builder, "person", p->person_id);
      wg_cli_add_string (builder, "name", p->name);
      wg_cli_add_string (builder, "id_number", p->id_number);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
list_transfers (WgStore     *store,
                const char  *date,
                gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) transfers = wg_store_list_transfers (store, date, 0, &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (transfers == NULL)
    return wg_cli_fail (error);
  json_builder_begin_array (builder);
  for (guint i = 0; i < transfers->len; i++)
    {
      const WgTransferInfo *t = g_ptr_array_index (transfers, i);

      if (json)
        {
          add_transfer (builder, t);
          continue;
        }
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s → %s\t%s\t%s\t%s\n", t->id, t->day,
               wg_transfer_state_describe (t->state), t->from_place, t->to_place, t->vehicle, t->driver, t->escort);
      for (guint j = 0; j < t->persons->len; j++)
        {
          const WgTransferPerson *p = g_ptr_array_index (t->persons, j);

          g_print ("\t%s\t%s\n", p->name, p->id_number);
        }
    }
  json_builder_end_array (builder);
  if (json)
    wg_cli_print_json (builder);
  return EXIT_SUCCESS;
}

/**
 * wg_cli_transfers:
 *
 * `transfers [--date D] [--json]`, `transfers add …`,
 * `transfers dispatch|pickup|handover ID [--at T] [--handed-to NAME]`,
 * `transfers sheet ID -o OUT.pdf`.
 */
int
wg_cli_transfers (WgCli   *cli,
                  int      argc,
                  char   **argv)
{
  gboolean json = FALSE;
  g_autofree char *date = NULL;
  g_autofree char *from_kind = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to_site = NULL;
  g_autofree char *to_home = NULL;
  g_autofree char *vehicle = NULL;
  g_autofree char *driver = NULL;
  g_autofree char *escort = NULL;
  g_autofree char *at = NULL;
  g_autofree char *handed_to = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (default today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "from-kind", 0, 0, G_OPTION_ARG_STRING, &from_kind, N_("Where from: checkpoint, station or address"), "K" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The checkpoint, station or address"), "PLACE" },
    { "to-site", 0, 0, G_OPTION_ARG_STRING, &to_site, N_("To this central quarantine site"), "NAME" },
    { "to-home", 0, 0, G_OPTION_ARG_STRING, &to_home, N_("To this household's home"), "CODE" },
    { "vehicle", 0, 0, G_OPTION_ARG_STRING, &vehicle, N_("The vehicle's plate"), "PLATE" },
    { "driver", 0, 0, G_OPTION_ARG_STRING, &driver, N_("The driver"), "NAME" },
    { "escort", 0, 0, G_OPTION_ARG_STRING, &escort, N_("Who escorts"), "NAME" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "handed-to", 0, 0, G_OPTION_ARG_STRING, &handed_to, N_("Who took the persons over"), "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "OUT.pdf" },
    G_OPTION_ENTRY_NULL
  };
  static const struct { const char *verb; WgTransferState state; } steps[] = {
    { "dispatch", WG_TRANSFER_DISPATCHED },
    { "pickup", WG_TRANSFER_PICKED_UP },
    { "handover", WG_TRANSFER_HANDED_OVER },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  const char *verb;
  gint64 id = 0;
  int status;

  if (!wg_cli_parse_options ("transfers", "[add|dispatch|pickup|handover|sheet …]", entries, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : NULL;
  if (date != NULL && !wg_day_is_valid (date))
    return wg_cli_usage_error (_("--date is a day written as YYYY-MM-DD."));

  if (verb == NULL)
    {
      if (date == NULL)
        date = wg_today ();
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
        return wg_cli_fail (error);
      return list_transfers (store, date, json);
    }

  if (g_str_equal (verb, "add"))
    {
      WgTransferPlan plan = { 0 };

      if (argc < 3 || date == NULL || from == NULL || vehicle == NULL || driver == NULL || escort == NULL ||
          !wg_transfer_from_from_string (from_kind, &plan.from_kind))
        return wg_cli_usage_error (_("“transfers add” needs --date, --from-kind checkpoint|station|address, --from,"
                                     " --to-site or --to-home, --vehicle, --driver, --escort and the ID numbers."));
      plan.day = date;
      plan.from_place = from;
      plan.to_site = to_site;
      plan.to_household = to_home;
      plan.vehicle = vehicle;
      plan.driver = driver;
      plan.escort = escort;
      plan.id_numbers = (const char *const *) argv + 2;
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
          !wg_store_add_transfer (store, &plan, &id, &error))
        return wg_cli_fail (error);
      {
        g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

        g_print (_("Transfer %s planned.\n"), id_text);
      }
      return EXIT_SUCCESS;
    }

  if (argc != 3 || !wg_cli_parse_id (argv[2], &id))
    return wg_cli_usage_error (_("Write “transfers dispatch|pickup|handover|sheet ID”."));

  if (g_str_equal (verb, "sheet"))
    {
      g_autoptr(WgListDocument) sheet = NULL;

      if (output == NULL)
        return wg_cli_usage_error (_("“transfers sheet” needs -o OUT.pdf."));
      if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
          !(sheet = wg_list_document_new_for_transfer (store, id, &error)) ||
          !wg_document_write_pdf (WG_DOCUMENT (sheet), output, wg_store_get_operator (store), NULL, NULL, NULL,
                                  &error))
        return wg_cli_fail (error);
      g_print (_("Wrote the transfer sheet to %s.\n"), output);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_str_equal (verb, steps[i].verb))
      {
        g_autofree char *when = wg_cli_full_time (at);

        if (steps[i].state == WG_TRANSFER_HANDED_OVER && handed_to == NULL)
          return wg_cli_usage_error (_("“transfers handover” needs --handed-to NAME."));
        if (!(store = wg_cli_open_store (cli, WG_STORE_OPEN_FLAGS_DEFAULT, &error)) ||
            !wg_store_advance_transfer (store, id, steps[i].state, when,
                                        steps[i].state == WG_TRANSFER_HANDED_OVER ? handed_to : NULL, &error))
          return wg_cli_fail (error);
        g_print (_("Transfer %s: %s at %s.\n"), argv[2], wg_transfer_state_describe (steps[i].state), when);
        return EXIT_SUCCESS;
      }
  return wg_cli_usage_error (_("Write “transfers dispatch|pickup|handover|sheet ID”."));
}
