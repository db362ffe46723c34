/* wg-roster-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The duty roster of a week: a day after the other, each checkpoint's
 * shifts with who is on duty (the leader marked ★), the shifts short of
 * their minimum marked; someone booked on a shift from its row (refused,
 * with where they are, when already on duty elsewhere), a booking taken
 * off; the week printed or saved for Excel as the CLI writes it.
 */

#define G_LOG_DOMAIN "wg-roster-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-desk.h"
#include "wg-export-file.h"
#include "wg-export.h"
#include "wg-form-dialog.h"
#include "wg-list-document.h"
#include "wg-print-operation.h"
#include "wg-roster-window.h"
#include "wg-store-roster.h"

struct _WgRosterWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesPage *page;
  GPtrArray *groups;
  GtkWidget *week_entry;
  WgStore *store;
  char *monday;
  GtkWidget *dialog;
  char *dialog_day;
  guint dialog_shift;
  char *dialog_checkpoint;
  GPtrArray *staff;           /* of WgDutyInfo: who may be booked */
  guint n_warnings;
  guint n_duties;
};

G_DEFINE_FINAL_TYPE (WgRosterWindow, wg_roster_window, ADW_TYPE_WINDOW)

static GtkWidget *
person_row (const WgDutyInfo *duty,
            const char       *subtitle)
{
  GtkWidget *person = wg_desk_row_new (duty->staff, subtitle);
  GtkWidget *remove = wg_desk_id_button_new (_("Take Off"), _("Take this person off the shift"), "roster.remove",
                                             duty->id);

  gtk_widget_add_css_class (remove, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (person), remove);
  return person;
}

/* The day's unit leaders on duty in the communities (社区值守). */
static GtkWidget *
community_row (WgRosterWindow *self,
               GPtrArray      *duties,
               const char     *day)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *book = gtk_button_new_with_label (_("Book…"));
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  guint booked = 0;

  for (guint i = 0; i < duties->len; i++)
    {
      const WgDutyInfo *duty = g_ptr_array_index (duties, i);
      g_autofree char *where = NULL;

      if (duty->checkpoint_id != 0 || !g_str_equal (duty->day, day))
        continue;
      booked++;
      g_string_append_printf (names, "%s%s", names->len > 0 ? "、" : "", duty->staff);
      where = g_strdup_printf ("%s · %s", duty->place, wg_shift_describe (duty->shift));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), person_row (duty, where));
    }
  subtitle = booked == 0 ? g_strdup (_("Nobody booked"))
                         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u on duty · %s", "%u on duty · %s",
                                                         booked), booked, names->str);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Unit Leaders in the Communities"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_valign (book, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (book, _("Put a unit leader on duty in a community"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (book), "roster.book");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (book), "(sus)", day, 0, "");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), book);
  return row;
}

/**
 * wg_roster_window_reload:
 * @self: a #WgRosterWindow
 *
 * Reads the week again.
 */
void
wg_roster_window_reload (WgRosterWindow *self)
{
  static const char *const weekdays[] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
                                          N_("Friday"), N_("Saturday"), N_("Sunday") };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checkpoints = NULL;
  g_autoptr(GPtrArray) duties = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  gboolean writable = !wg_store_is_read_only (self->store);

  g_return_if_fail (WG_IS_ROSTER_WINDOW (self));

  if (!(checkpoints = wg_store_list_checkpoints (self->store, &error)) ||
      !(duties = wg_store_list_duties (self->store, self->monday, 7, &error)) ||
      !(warnings = wg_store_list_roster_warnings (self->store, self->monday, 7, &error)))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.book", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.remove", writable);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  self->n_warnings = warnings->len;
  self->n_duties = duties->len;

  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *day = wg_desk_day_after (self->monday, d);
      g_autofree char *title = g_strdup_printf ("%s %s", _(weekdays[d]), day);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      for (guint c = 0; c < checkpoints->len; c++)
        for (guint shift = 1; shift <= WG_N_SHIFTS; shift++)
          {
            const WgCheckpointInfo *checkpoint = g_ptr_array_index (checkpoints, c);
            GtkWidget *row = adw_expander_row_new ();
            GtkWidget *book = gtk_button_new_with_label (_("Book…"));
            g_autoptr(GString) names = g_string_new (NULL);
            g_autofree char *row_title = g_strdup_printf ("%s · %s", checkpoint->name, wg_shift_describe (shift));
            g_autofree char *subtitle = NULL;
            guint booked = 0;

            for (guint i = 0; i < duties->len; i++)
              {
                const WgDutyInfo *duty = g_ptr_array_index (duties, i);

                if (duty->checkpoint_id != checkpoint->id || duty->shift != shift || !g_str_equal (duty->day, day))
                  continue;
                booked++;
                g_string_append_printf (names, "%s%s%s", names->len > 0 ? "、" : "", duty->staff,
                                        duty->role == WG_DUTY_LEADER ? "★" : "");
                adw_expander_row_add_row (ADW_EXPANDER_ROW (row), person_row (duty, wg_duty_role_describe (duty->role)));
              }
            /* Translators: a shift's row: "2 of 3 · 王建国★、李伟" */
            subtitle = g_strdup_printf (_("%u of %u%s%s"), booked, checkpoint->min_staff, names->len > 0 ? " · " : "",
                                        names->str);
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
            adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
            if (booked < checkpoint->min_staff)
              gtk_widget_add_css_class (row, "overdue");
            gtk_widget_set_valign (book, GTK_ALIGN_CENTER);
            gtk_widget_set_tooltip_text (book, _("Put someone on this shift"));
            gtk_actionable_set_action_name (GTK_ACTIONABLE (book), "roster.book");
            gtk_actionable_set_action_target (GTK_ACTIONABLE (book), "(sus)", day, shift, checkpoint->name);
            adw_expander_row_add_action (ADW_EXPANDER_ROW (row), book);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), community_row (self, duties, day));
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
}

static void
on_book_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     WgRosterWindow   *self)
{
  g_autoptr(GError) error = NULL;
  const WgDutyInfo *who;
  guint choice;
  gboolean ok;

  self->dialog = NULL;
  if (!g_str_equal (response, "add") || self->staff == NULL)
    return;
  choice = wg_form_dialog_get_choice (GTK_WIDGET (dialog), "staff");
  if (choice >= self->staff->len)
    return;
  who = g_ptr_array_index (self->staff, choice);
  if (*self->dialog_checkpoint == '\0')
    {
      g_autofree char *community = g_strstrip (g_strdup (wg_form_dialog_get_text (GTK_WIDGET (dialog), "community")));

      ok = wg_store_book_duty (self->store, self->dialog_day, 1 + wg_form_dialog_get_choice (GTK_WIDGET (dialog), "shift"),
                               NULL, community, who->staff_id, WG_DUTY_UNIT_LEADER, NULL, &error);
    }
  else
    ok = wg_store_book_duty (self->store, self->dialog_day, self->dialog_shift, self->dialog_checkpoint, NULL,
                             who->staff_id, WG_DUTY_LEADER + wg_form_dialog_get_choice (GTK_WIDGET (dialog), "role") * 2,
                             NULL, &error);
  if (!ok)
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  wg_roster_window_reload (self);
}

/* A checkpoint's choices are always complete; a community is named by its
 * code. */
static char *
check_booking (GtkWidget *dialog)
{
  const char *community;

  if (g_object_get_data (G_OBJECT (dialog), "community") == NULL)
    return NULL;
  community = wg_form_dialog_get_text (dialog, "community");
  return community == NULL || *community == '\0' ? g_strdup ("") : NULL;
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgRosterWindow *self = WG_ROSTER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  g_autofree char *body = NULL;
  const char *roles[] = { wg_duty_role_describe (WG_DUTY_LEADER), wg_duty_role_describe (WG_DUTY_ON_DUTY), NULL };
  const char *day, *checkpoint;
  guint shift;

  if (self->dialog != NULL)
    return;
  g_variant_get (parameter, "(&su&s)", &day, &shift, &checkpoint);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  if (!(self->staff = wg_store_list_duty_staff (self->store, &error)) || self->staff->len == 0)
    {
      wg_desk_toast (self->toast_overlay, error != NULL ? error->message : _("There is nobody to put on the roster."));
      return;
    }
  for (guint i = 0; i < self->staff->len; i++)
    {
      const WgDutyInfo *person = g_ptr_array_index (self->staff, i);
      g_autofree char *label = g_strdup_printf ("%s · %s", person->staff, person->place);

      g_strv_builder_add (names, label);
    }
  items = g_strv_builder_end (g_steal_pointer (&names));
  g_free (self->dialog_day);
  g_free (self->dialog_checkpoint);
  self->dialog_day = g_strdup (day);
  self->dialog_shift = shift;
  self->dialog_checkpoint = g_strdup (checkpoint);
  if (*checkpoint == '\0')
    {
      const char *shifts[] = { wg_shift_describe (1), wg_shift_describe (2), wg_shift_describe (3), NULL };

      /* Translators: the dialog's text: "2026-11-30 · a unit leader on duty in a community" */
      body = g_strdup_printf (_("%s · a unit leader on duty in a community"), day);
      self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Book a Duty"), body, check_booking);
      wg_form_dialog_add_field (self->dialog, "community", _("Community (Grid Code)"), NULL);
      wg_form_dialog_add_choice (self->dialog, "shift", _("Shift"), shifts);
      wg_form_dialog_add_choice (self->dialog, "staff", _("Who"), (const char *const *) items);
    }
  else
    {
      body = g_strdup_printf ("%s · %s · %s", checkpoint, day, wg_shift_describe (shift));
      self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Book a Duty"), body, check_booking);
      wg_form_dialog_add_choice (self->dialog, "staff", _("Who"), (const char *const *) items);
      wg_form_dialog_add_choice (self->dialog, "role", _("As"), roles);
    }
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Book"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_book_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgRosterWindow *self = WG_ROSTER_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!wg_store_remove_duty (self->store, g_variant_get_int64 (parameter), &error))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  wg_roster_window_reload (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WgRosterWindow *self = WG_ROSTER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgListDocument) document = wg_list_document_new_for_roster (self->store, self->monday, &error);
  g_autoptr(WgPrintOperation) operation = NULL;

  if (document == NULL)
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  operation = wg_print_operation_new (WG_DOCUMENT (document));
  gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (self), &error);
  if (error != NULL)
    wg_desk_toast (self->toast_overlay, error->message);
}

static gboolean
write_roster (WgStore        *store,
              const char     *path,
              WgTableFormat   format,
              guint          *rows,
              gpointer        user_data,
              GError        **error)
{
  return wg_export_write_roster (store, user_data, path, format, rows, error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgRosterWindow *self = WG_ROSTER_WINDOW (widget);
  g_autofree char *name = g_strdup_printf ("值班值守表-%s", self->monday);

  wg_export_file_choose (widget, self->store, name, write_roster, g_strdup (self->monday), g_free);
}

static void
on_week_activate_cb (GtkEntry       *entry,
                     WgRosterWindow *self)
{
  g_autofree char *monday = NULL;

  if (!wg_iso_week_first_day (gtk_editable_get_text (GTK_EDITABLE (entry)), &monday))
    {
      wg_desk_toast (self->toast_overlay, _("Write the week as YYYY-Www, for example 2026-W49."));
      return;
    }
  wg_roster_window_set_week_of (self, monday);
}

/**
 * wg_roster_window_set_week_of:
 * @self: a #WgRosterWindow
 * @day: any day of the week to show
 */
void
wg_roster_window_set_week_of (WgRosterWindow *self,
                              const char     *day)
{
  GDate date;
  char text[11];
  g_autofree char *week = NULL;

  g_return_if_fail (WG_IS_ROSTER_WINDOW (self));
  g_return_if_fail (wg_desk_day_is_valid (day));

  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  g_free (self->monday);
  self->monday = g_strdup (text);
  {
    guint number = g_date_get_iso8601_week_of_year (&date);
    int year = g_date_get_year (&date);

    /* The week's year is its Thursday's. */
    if (number == 1 && g_date_get_month (&date) == G_DATE_DECEMBER)
      year++;
    else if (number >= 52 && g_date_get_month (&date) == G_DATE_JANUARY)
      year--;
    week = g_strdup_printf ("%04d-W%02u", year, number);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->week_entry), week);
  if (self->store != NULL)
    wg_roster_window_reload (self);
}

guint
wg_roster_window_get_n_warnings (WgRosterWindow *self)
{
  g_return_val_if_fail (WG_IS_ROSTER_WINDOW (self), 0);

  return self->n_warnings;
}

guint
wg_roster_window_get_n_duties (WgRosterWindow *self)
{
  g_return_val_if_fail (WG_IS_ROSTER_WINDOW (self), 0);

  return self->n_duties;
}

GtkWidget *
wg_roster_window_get_dialog (WgRosterWindow *self)
{
  g_return_val_if_fail (WG_IS_ROSTER_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_roster_window_dispose (GObject *object)
{
  WgRosterWindow *self = WG_ROSTER_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  g_clear_pointer (&self->monday, g_free);
  g_clear_pointer (&self->dialog_day, g_free);
  g_clear_pointer (&self->dialog_checkpoint, g_free);

  G_OBJECT_CLASS (wg_roster_window_parent_class)->dispose (object);
}

static void
wg_roster_window_class_init (WgRosterWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_roster_window_dispose;

  gtk_widget_class_install_action (widget_class, "roster.book", "(sus)", book_action);
  gtk_widget_class_install_action (widget_class, "roster.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "roster.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "roster.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "roster.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_roster_window_init (WgRosterWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *print = gtk_button_new_from_icon_name ("printer-symbolic");
  GtkWidget *export = gtk_button_new_from_icon_name ("document-save-symbolic");

  self->groups = g_ptr_array_new ();
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_title (GTK_WINDOW (self), _("Duty Roster"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 760);
  gtk_widget_set_tooltip_text (print, _("Print the week's roster (Ctrl+P)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (print), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Print the week's roster"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "roster.print");
  gtk_widget_set_tooltip_text (export, _("Save the week's roster for Excel or WPS"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Save the week's roster for Excel or WPS"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "roster.export");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), print);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), export);
  self->week_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->week_entry), 9);
  gtk_widget_set_tooltip_text (self->week_entry, _("The week shown (YYYY-Www, Enter to show it)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->week_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Week"), -1);
  g_signal_connect (self->week_entry, "activate", G_CALLBACK (on_week_activate_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->week_entry);
  gtk_box_append (GTK_BOX (box), header);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->page));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_roster_window_new:
 * @store: the county database
 *
 * Returns: (transfer full): this week's roster
 */
WgRosterWindow *
wg_roster_window_new (WgStore *store)
{
  WgRosterWindow *self;
  g_autofree char *today = wg_desk_today ();

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_ROSTER_WINDOW, NULL);
  self->store = g_object_ref (store);
  wg_roster_window_set_week_of (self, today);
  return self;
}
