/* wg-sites-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The central quarantine sites, one at a time, on a day: the occupancy of
 * the fortnight from that day, who is in central quarantine there without a
 * room (assigned one here), who should move home now that their stay is
 * over (checked out here), and every room with who stays in it, checked in
 * and out from its row. Every action names its stay or person by id.
 */

#define G_LOG_DOMAIN "wg-sites-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-desk.h"
#include "wg-form-dialog.h"
#include "wg-sites-window.h"
#include "wg-store-sites.h"
#include "wg-store-transfers.h"

#define OCCUPANCY_DAYS 14

struct _WgSitesWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesPage *page;
  GtkDropDown *site_choice;
  GtkWidget *day_entry;
  GPtrArray *groups;        /* the page's groups, rebuilt on reload */
  WgStore *store;
  GPtrArray *sites;         /* of WgSiteInfo */
  GPtrArray *rooms;         /* of WgRoomInfo: the site's on the day */
  char *day;
  GtkWidget *dialog;
  gint64 dialog_person;     /* whom the assign dialog is for */
  gint64 dialog_stay;       /* the stay the transfer-home dialog is for */
  char *summary;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (WgSitesWindow, wg_sites_window, ADW_TYPE_WINDOW)

static void
toast (WgSitesWindow *self,
       const char *message)
{
  wg_desk_toast (self->toast_overlay, message);
}

static gint64
current_site (WgSitesWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->site_choice);

  if (self->sites == NULL || i >= self->sites->len)
    return 0;
  return ((WgSiteInfo *) g_ptr_array_index (self->sites, i))->id;
}

static AdwPreferencesGroup *
add_group (WgSitesWindow *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static const char *
stay_state (const WgStayInfo *stay)
{
  return stay->checked_out_at != NULL ? _("checked out")
         : stay->checked_in_at != NULL ? _("checked in") : _("not checked in");
}

static void
fill_occupancy (WgSitesWindow    *self,
                const WgSiteInfo *site)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = wg_store_site_occupancy (self->store, site->id, self->day, OCCUPANCY_DAYS, &error);
  AdwPreferencesGroup *group;
  GtkWidget *grid;
  GDate date;

  g_free (self->summary);
  /* Translators: a site on a day: "120 rooms, 132 beds · 86 assigned, 80 checked in" */
  self->summary = g_strdup_printf (_("%u rooms, %u beds · %u assigned, %u checked in"), site->n_rooms, site->beds,
                                   site->assigned, site->checked_in);
  group = add_group (self, _("People per Day, the Next Fortnight"), self->summary);
  if (counts == NULL)
    {
      toast (self, error->message);
      return;
    }
  /* Fourteen columns: the day over its number of people, in a card. */
  grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_set_margin_top (grid, 0);
  g_date_clear (&date, 1);
  g_date_set_parse (&date, self->day);
  for (guint i = 0; i < counts->len; i++, g_date_add_days (&date, 1))
    {
      char label[8];
      g_autofree char *number = g_strdup_printf ("%u", g_array_index (counts, guint, i));
      GtkWidget *day = gtk_label_new (NULL);
      GtkWidget *value = gtk_label_new (number);
      g_autofree char *spoken = NULL;

      g_date_strftime (label, sizeof label, "%m-%d", &date);
      gtk_label_set_text (GTK_LABEL (day), label);
      gtk_widget_add_css_class (day, "caption");
      gtk_widget_add_css_class (day, "dim-label");
      gtk_widget_set_margin_top (day, 8);
      gtk_widget_add_css_class (value, "title-4");
      gtk_widget_set_margin_bottom (value, 8);
      /* Translators: spoken for a day's column: "12-01: 4 people" */
      spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u person", "%s: %u people",
                                             g_array_index (counts, guint, i)),
                                label, g_array_index (counts, guint, i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_grid_attach (GTK_GRID (grid), day, i, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, i, 1, 1, 1);
    }
  adw_preferences_group_add (group, grid);
}

static void
fill_roomless (WgSitesWindow *self,
               gint64         site_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wg_store_list_roomless (self->store, site_id, self->day, &error);
  g_autofree char *description = NULL;
  AdwPreferencesGroup *group;

  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person in central quarantine here has no room.",
                                              "%u people in central quarantine here have no room.", list->len),
                                 list->len);
  group = add_group (self, _("Awaiting a Room"), description);
  for (guint i = 0; i < list->len; i++)
    {
      const WgRoomless *r = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf (_("central quarantine %s to %s"), r->start_day, r->end_day);
      g_autofree char *title = g_strdup_printf ("%s · %s", r->name, r->id_number);
      GtkWidget *button = wg_desk_id_button_new (_("Assign Room…"), _("Put this person in a room"), "sites.assign",
                                         r->person_id);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (group, row);
    }
}

static void
fill_moves_home (WgSitesWindow *self,
                 gint64         site_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wg_store_list_moves_home (self->store, site_id, self->day, &error);
  AdwPreferencesGroup *group;

  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (list->len == 0)
    return;
  group = add_group (self, _("To Move Home"), _("Their central period is over: check them out and plan the transfer home."));
  for (guint i = 0; i < list->len; i++)
    {
      const WgStayInfo *stay = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", stay->name, stay->id_number);
      g_autofree char *subtitle = NULL;

      /* Translators: "room 305, stay ended 2026-11-29 · home quarantine 2026-11-30 to 2026-12-06 · address" */
      subtitle = g_strdup_printf (_("room %s, stay ended %s · home quarantine %s to %s · %s"), stay->room,
                                  stay->to_day, stay->home_from != NULL ? stay->home_from : "—",
                                  stay->home_to != NULL ? stay->home_to : "—",
                                  stay->address != NULL ? stay->address : "—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (stay->household_code != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   wg_desk_id_button_new (_("Transfer Home…"), _("Plan the point-to-point transfer home"),
                                                  "sites.transfer-home", stay->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 wg_desk_id_button_new (_("Check Out"), _("Check this person out now"), "sites.check-out",
                                                stay->id));
      adw_preferences_group_add (group, row);
    }
}

static void
fill_rooms (WgSitesWindow *self,
            gint64         site_id)
{
  g_autoptr(GError) error = NULL;
  AdwPreferencesGroup *group;

  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  if (!(self->rooms = wg_store_list_rooms (self->store, site_id, self->day, &error)))
    {
      toast (self, error->message);
      return;
    }
  group = add_group (self, _("Rooms"), NULL);
  for (guint i = 0; i < self->rooms->len; i++)
    {
      const WgRoomInfo *room = g_ptr_array_index (self->rooms, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *title = g_strdup_printf (_("Room %s"), room->number);
      g_autofree char *subtitle = NULL;

      /* Translators: "floor 3 · 1 of 2 · sensor 0x00158d…" */
      subtitle = g_strdup_printf (_("floor %d · %u of %u%s%s"), room->floor, room->stays->len, room->capacity,
                                  room->sensor != NULL ? _(" · door sensor ") : "",
                                  room->sensor != NULL ? room->sensor : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), room->stays->len > 0);
      for (guint j = 0; j < room->stays->len; j++)
        {
          const WgStayInfo *stay = g_ptr_array_index (room->stays, j);
          GtkWidget *child = adw_action_row_new ();
          g_autofree char *who = g_strdup_printf ("%s · %s", stay->name, stay->id_number);
          g_autofree char *when = g_strdup_printf ("%s – %s · %s", stay->from_day, stay->to_day, stay_state (stay));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), who);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (child), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (child), when);
          if (stay->checked_in_at == NULL)
            adw_action_row_add_suffix (ADW_ACTION_ROW (child),
                                       wg_desk_id_button_new (_("Check In"), _("Check this person in now"), "sites.check-in",
                                                      stay->id));
          else if (stay->checked_out_at == NULL)
            adw_action_row_add_suffix (ADW_ACTION_ROW (child),
                                       wg_desk_id_button_new (_("Check Out"), _("Check this person out now"),
                                                      "sites.check-out", stay->id));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
        }
      adw_preferences_group_add (group, row);
    }
}

static gboolean
same_names (GListModel        *model,
            const char *const *names)
{
  if (model == NULL || g_list_model_get_n_items (model) != g_strv_length ((char **) names))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), names[i]))
      return FALSE;
  return TRUE;
}

/**
 * wg_sites_window_reload:
 * @self: a #WgSitesWindow
 *
 * Reads the chosen site again, on the window's day.
 */
void
wg_sites_window_reload (WgSitesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const WgSiteInfo *site = NULL;
  gint64 site_id = current_site (self);

  g_return_if_fail (WG_IS_SITES_WINDOW (self));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  /* The sites' figures for the day; the drop-down keeps its choice. */
  self->loading = TRUE;
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  if (!(self->sites = wg_store_list_sites (self->store, self->day, &error)))
    {
      self->loading = FALSE;
      toast (self, error->message);
      return;
    }
  {
    g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
    g_auto(GStrv) items = NULL;
    guint selected = 0;

    for (guint i = 0; i < self->sites->len; i++)
      {
        const WgSiteInfo *s = g_ptr_array_index (self->sites, i);

        g_strv_builder_add (names, s->name);
        if (s->id == site_id)
          selected = i;
      }
    items = g_strv_builder_end (names);
    /* A new model only when the sites changed: replacing it re-selects,
     * which would come back here. */
    if (!same_names (gtk_drop_down_get_model (self->site_choice), (const char *const *) items))
      gtk_drop_down_set_model (self->site_choice, G_LIST_MODEL (gtk_string_list_new ((const char *const *) items)));
    if (gtk_drop_down_get_selected (self->site_choice) != selected)
      gtk_drop_down_set_selected (self->site_choice, selected);
    if (self->sites->len > 0)
      site = g_ptr_array_index (self->sites, selected);
  }
  self->loading = FALSE;
  if (site == NULL)
    {
      add_group (self, _("No Central Quarantine Sites"), _("The county has no central quarantine site yet."));
      return;
    }
  {
    gboolean writable = !wg_store_is_read_only (self->store);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.assign", writable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.check-in", writable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.check-out", writable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.add-room", writable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.transfer-home", writable);
  }
  fill_occupancy (self, site);
  fill_roomless (self, site->id);
  fill_moves_home (self, site->id);
  fill_rooms (self, site->id);
}

static void
check_in_out (WgSitesWindow *self,
              GVariant      *parameter,
              gboolean       in)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = wg_desk_now ();
  gint64 stay_id = g_variant_get_int64 (parameter);

  if (!(in ? wg_store_check_in : wg_store_check_out) (self->store, stay_id, now, &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, in ? _("Checked in.") : _("Checked out."));
  wg_sites_window_reload (self);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  check_in_out (WG_SITES_WINDOW (widget), parameter, TRUE);
}

static void
check_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  check_in_out (WG_SITES_WINDOW (widget), parameter, FALSE);
}

static char *
check_assign (GtkWidget *dialog)
{
  if (!wg_desk_day_is_valid (wg_form_dialog_get_text (dialog, "from")) ||
      !wg_desk_day_is_valid (wg_form_dialog_get_text (dialog, "to")))
    return g_strdup (_("Write the first and last days as YYYY-MM-DD."));
  return NULL;
}

static void
on_assign_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       WgSitesWindow    *self)
{
  g_autoptr(GError) error = NULL;
  const WgRoomInfo *room;
  guint choice;

  self->dialog = NULL;
  if (!g_str_equal (response, "add") || self->rooms == NULL)
    return;
  choice = wg_form_dialog_get_choice (GTK_WIDGET (dialog), "room");
  if (choice >= self->rooms->len)
    return;
  room = g_ptr_array_index (self->rooms, choice);
  if (!wg_store_assign_room (self->store, room->id, self->dialog_person,
                             wg_form_dialog_get_text (GTK_WIDGET (dialog), "from"),
                             wg_form_dialog_get_text (GTK_WIDGET (dialog), "to"), NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  {
    g_autofree char *done = g_strdup_printf (_("Assigned to room %s."), room->number);

    toast (self, done);
  }
  wg_sites_window_reload (self);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgSitesWindow *self = WG_SITES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roomless = NULL;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  const WgRoomless *who = NULL;
  g_autofree char *body = NULL;
  GtkWidget *choice;
  gint64 person_id = g_variant_get_int64 (parameter);
  guint first_free = 0;
  gboolean found_free = FALSE;

  if (self->dialog != NULL || self->rooms == NULL)
    return;
  if (!(roomless = wg_store_list_roomless (self->store, current_site (self), self->day, &error)))
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < roomless->len && who == NULL; i++)
    if (((WgRoomless *) g_ptr_array_index (roomless, i))->person_id == person_id)
      who = g_ptr_array_index (roomless, i);
  if (who == NULL || self->rooms->len == 0)
    {
      toast (self, self->rooms->len == 0 ? _("The site has no rooms on record: add them first.")
                                          : _("This person has a room now."));
      return;
    }
  for (guint i = 0; i < self->rooms->len; i++)
    {
      const WgRoomInfo *room = g_ptr_array_index (self->rooms, i);
      g_autofree char *label = NULL;

      /* Translators: a room to choose: "305 · floor 3 · 1 of 2" */
      label = g_strdup_printf (_("%s · floor %d · %u of %u"), room->number, room->floor, room->stays->len,
                               room->capacity);
      g_strv_builder_add (labels, label);
      if (!found_free && room->stays->len < room->capacity)
        {
          first_free = i;
          found_free = TRUE;
        }
    }
  items = g_strv_builder_end (labels);
  body = g_strdup_printf (_("%s, in central quarantine from %s to %s."), who->name, who->start_day, who->end_day);
  self->dialog_person = person_id;
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Assign a Room"), body, check_assign);
  choice = wg_form_dialog_add_choice (self->dialog, "room", _("Room"), (const char *const *) items);
  wg_form_dialog_add_field (self->dialog, "from", _("First Day"),
                            strcmp (who->start_day, self->day) > 0 ? who->start_day : self->day);
  wg_form_dialog_add_field (self->dialog, "to", _("Last Day"), who->end_day);
  /* The first room with a bed free today, once the days are there to check. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (choice), first_free);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Assign"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_assign_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static char *
check_filled (GtkWidget *dialog)
{
  static const char *const keys[] = { "number", "vehicle", "driver", "escort" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GObject *row = g_object_get_data (G_OBJECT (dialog), keys[i]);

      if (row != NULL && *gtk_editable_get_text (GTK_EDITABLE (row)) == '\0')
        return g_strdup ("");
    }
  return NULL;
}

static const WgSiteInfo *
shown_site (WgSitesWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->site_choice);

  return self->sites != NULL && i < self->sites->len ? g_ptr_array_index (self->sites, i) : NULL;
}

static void
on_transfer_home_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              WgSitesWindow    *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  const WgStayInfo *stay = NULL;
  const WgSiteInfo *site = shown_site (self);

  self->dialog = NULL;
  if (!g_str_equal (response, "add") || site == NULL)
    return;
  if (!(moves = wg_store_list_moves_home (self->store, site->id, self->day, &error)))
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < moves->len && stay == NULL; i++)
    if (((WgStayInfo *) g_ptr_array_index (moves, i))->id == self->dialog_stay)
      stay = g_ptr_array_index (moves, i);
  if (stay == NULL)
    {
      toast (self, _("This person is not due to move home any more."));
      return;
    }
  {
    const char *one[] = { stay->id_number, NULL };
    WgTransferPlan plan = { self->day, WG_TRANSFER_FROM_ADDRESS, site->address, NULL, stay->household_code,
                            wg_form_dialog_get_text (GTK_WIDGET (dialog), "vehicle"),
                            wg_form_dialog_get_text (GTK_WIDGET (dialog), "driver"),
                            wg_form_dialog_get_text (GTK_WIDGET (dialog), "escort"), one };
    g_autofree char *done = NULL;

    if (!wg_store_add_transfer (self->store, &plan, NULL, &error))
      {
        toast (self, error->message);
        return;
      }
    done = g_strdup_printf (_("The transfer home of %s is planned: see Point-to-Point Transfers."), stay->name);
    toast (self, done);
  }
}

/* The move home proposed at the end of the central period, planned as a
 * point-to-point transfer from the site to the home. */
static void
transfer_home_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WgSitesWindow *self = WG_SITES_WINDOW (widget);
  g_autofree char *body = NULL;

  if (self->dialog != NULL || shown_site (self) == NULL)
    return;
  self->dialog_stay = g_variant_get_int64 (parameter);
  body = g_strdup_printf (_("From %s to the person's home, on %s."), shown_site (self)->name, self->day);
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Transfer Home"), body, check_filled);
  wg_form_dialog_add_field (self->dialog, "vehicle", _("Vehicle Plate"), NULL);
  wg_form_dialog_add_field (self->dialog, "driver", _("Driver"), NULL);
  wg_form_dialog_add_field (self->dialog, "escort", _("Escort"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Plan"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_transfer_home_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static void
on_add_room_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         WgSitesWindow    *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  const WgSiteInfo *site = shown_site (self);
  guint64 floor = 0, capacity = 0;

  self->dialog = NULL;
  if (!g_str_equal (response, "add") || site == NULL)
    return;
  number = g_strstrip (g_strdup (wg_form_dialog_get_text (GTK_WIDGET (dialog), "number")));
  if (!g_ascii_string_to_unsigned (wg_form_dialog_get_text (GTK_WIDGET (dialog), "floor"), 10, 0, 199, &floor, NULL) ||
      !g_ascii_string_to_unsigned (wg_form_dialog_get_text (GTK_WIDGET (dialog), "capacity"), 10, 1, 20, &capacity,
                                   NULL))
    {
      toast (self, _("A room is on a floor from 0 to 199 and holds 1 to 20 people."));
      return;
    }
  if (!wg_store_add_room (self->store, site->id, number, (int) floor, (guint) capacity, NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  wg_sites_window_reload (self);
}

static void
add_room_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WgSitesWindow *self = WG_SITES_WINDOW (widget);

  if (self->dialog != NULL || shown_site (self) == NULL)
    return;
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Add a Room"), shown_site (self)->name, check_filled);
  wg_form_dialog_add_field (self->dialog, "number", _("Room Number"), NULL);
  wg_form_dialog_add_field (self->dialog, "floor", _("Floor"), "1");
  wg_form_dialog_add_field (self->dialog, "capacity", _("Holds (People)"), "1");
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_add_room_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static void
on_site_changed_cb (WgSitesWindow *self)
{
  if (self->store != NULL && !self->loading)
    wg_sites_window_reload (self);
}

/**
 * wg_sites_window_set_day:
 * @self: a #WgSitesWindow
 * @day: the day to show, YYYY-MM-DD
 */
void
wg_sites_window_set_day (WgSitesWindow *self,
                         const char    *day)
{
  g_return_if_fail (WG_IS_SITES_WINDOW (self));
  g_return_if_fail (wg_desk_day_is_valid (day));

  wg_desk_show_day (self->day_entry, &self->day, day);
  if (self->store != NULL)
    wg_sites_window_reload (self);
}

/* Shows the site of that name, as the header's drop-down does. */
gboolean
wg_sites_window_show_site (WgSitesWindow *self,
                           gint64         site_id)
{
  g_return_val_if_fail (WG_IS_SITES_WINDOW (self), FALSE);

  for (guint i = 0; self->sites != NULL && i < self->sites->len; i++)
    if (((WgSiteInfo *) g_ptr_array_index (self->sites, i))->id == site_id)
      {
        gtk_drop_down_set_selected (self->site_choice, i);
        return TRUE;
      }
  return FALSE;
}

GtkWidget *
wg_sites_window_get_dialog (WgSitesWindow *self)
{
  g_return_val_if_fail (WG_IS_SITES_WINDOW (self), NULL);

  return self->dialog;
}

const char *
wg_sites_window_get_summary (WgSitesWindow *self)
{
  g_return_val_if_fail (WG_IS_SITES_WINDOW (self), NULL);

  return self->summary;
}

static void
wg_sites_window_dispose (GObject *object)
{
  WgSitesWindow *self = WG_SITES_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (wg_sites_window_parent_class)->dispose (object);
}

static void
wg_sites_window_class_init (WgSitesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_sites_window_dispose;

  gtk_widget_class_install_action (widget_class, "sites.assign", "x", assign_action);
  gtk_widget_class_install_action (widget_class, "sites.check-in", "x", check_in_action);
  gtk_widget_class_install_action (widget_class, "sites.check-out", "x", check_out_action);
  gtk_widget_class_install_action (widget_class, "sites.transfer-home", "x", transfer_home_action);
  gtk_widget_class_install_action (widget_class, "sites.add-room", NULL, add_room_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_sites_window_init (WgSitesWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->groups = g_ptr_array_new ();
  self->day = wg_desk_today ();
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_title (GTK_WINDOW (self), _("Central Quarantine Sites"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 720);

  self->site_choice = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->site_choice), _("The site shown"));
  g_signal_connect_swapped (self->site_choice, "notify::selected", G_CALLBACK (on_site_changed_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->site_choice));
  {
    GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

    gtk_widget_set_tooltip_text (add, _("Add a Room"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a Room"), -1);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "sites.add-room");
    adw_header_bar_pack_start (ADW_HEADER_BAR (header), add);
  }
  self->day_entry = wg_desk_day_entry_new (self->day, self->toast_overlay, (WgDeskDayFunc) wg_sites_window_set_day,
                                           self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->day_entry);
  gtk_box_append (GTK_BOX (box), header);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->page));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_sites_window_new:
 * @store: the county database
 *
 * Returns: (transfer full): the sites, showing the first on today
 */
WgSitesWindow *
wg_sites_window_new (WgStore *store)
{
  WgSitesWindow *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_SITES_WINDOW, NULL);
  self->store = g_object_ref (store);
  wg_sites_window_reload (self);
  return self;
}
