/* wg-household-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A household: its address, code and grid path, and its members with their
 * status; activating a member opens their file.
 */

#define G_LOG_DOMAIN "wg-household-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-household-page.h"
#include "wg-record-view.h"
#include "wg-application.h"
#include "wg-dossier-buttons.h"
#include "wg-form-dialog.h"
#include "wg-grid-node.h"
#include "wg-idnum.h"
#include "wg-store-grids.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-records.h"
#include "wg-store-sensors.h"

struct _WgHouseholdPage
{
  GtkWidget parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget *scroller;
  GtkBox *records_box;
  GtkLabel *path_label;
  GtkLabel *address_label;
  GtkLabel *code_label;
  WgDossierButtons *dossier_buttons;
  GtkListBox *members_list;
  GtkListBox *staff_list;
  GtkListBox *visits_list;

  /* owned */
  WgGridNode *node;
  WgStore *store;
  GArray *member_ids; /* of gint64, in row order */
  AdwToast *undo_toast;
  GtkWidget *add_dialog;

  /* state: a removal waits for its toast to go, so Undo costs nothing */
  gint64 pending_delete;
  GtkWidget *pending_row;
};

G_DEFINE_FINAL_TYPE (WgHouseholdPage, wg_household_page, GTK_TYPE_WIDGET)

enum {
  OPEN_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_members_list_row_activated_cb (WgHouseholdPage *self,
                                  GtkListBoxRow   *row)
{
  wg_household_page_open_member (self, gtk_list_box_row_get_index (row));
}

static void reload (WgHouseholdPage *self);

static void
commit_pending_delete (WgHouseholdPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 person = self->pending_delete;

  if (person == 0)
    return;
  self->pending_delete = 0;
  self->pending_row = NULL;
  if (!wg_store_delete_person (self->store, person, &error))
    g_warning ("Could not remove a person: %s", error->message);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    reload (self);
}

static void
on_undo_toast_dismissed_cb (WgHouseholdPage *self,
                            AdwToast        *toast)
{
  if (toast == self->undo_toast)
    g_clear_object (&self->undo_toast);
  commit_pending_delete (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WgHouseholdPage *self = WG_HOUSEHOLD_PAGE (widget);

  if (self->pending_delete == 0)
    return;
  self->pending_delete = 0;
  if (self->pending_row != NULL)
    gtk_widget_set_visible (self->pending_row, TRUE);
  self->pending_row = NULL;
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
}

static void
on_delete_clicked_cb (GtkButton       *button,
                      WgHouseholdPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  wg_household_page_delete_member (self, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

/* As the ID number is typed: the reason it is wrong, or NULL. */
static char *
check_person_fields (GtkWidget *dialog)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *id_number = g_object_get_data (G_OBJECT (dialog), "id-number");
  GtkEditable *phone = g_object_get_data (G_OBJECT (dialog), "phone");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = wg_id_number_normalize (gtk_editable_get_text (id_number));
  g_autofree char *name_text = g_strstrip (g_strdup (gtk_editable_get_text (name)));
  const char *phone_text = gtk_editable_get_text (phone);

  gtk_widget_remove_css_class (GTK_WIDGET (id_number), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (phone), "error");

  if (*id != '\0' && !wg_id_number_validate (id, NULL, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (id_number), "error");
      return g_strdup (error->message);
    }
  if (*phone_text != '\0' && !wg_phone_validate (phone_text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (phone), "error");
      return g_strdup (error->message);
    }
  if (*id == '\0' || *name_text == '\0')
    return g_strdup ("");
  return NULL;
}

static void
on_add_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           WgHouseholdPage  *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  WgPersonFields fields = { 0 };
  const char *phone;
  const char *relation;

  self->add_dialog = NULL;
  if (g_strcmp0 (response, "add") != 0 || self->node == NULL)
    return;

  name = g_strstrip (g_strdup (wg_form_dialog_get_text (GTK_WIDGET (dialog), "name")));
  phone = wg_form_dialog_get_text (GTK_WIDGET (dialog), "phone");
  relation = wg_form_dialog_get_text (GTK_WIDGET (dialog), "relation");
  fields.name = name;
  fields.id_number = wg_form_dialog_get_text (GTK_WIDGET (dialog), "id-number");
  fields.phone = *phone != '\0' ? phone : NULL;
  fields.relation = *relation != '\0' ? relation : NULL;
  fields.household_id = wg_grid_node_get_id (self->node);

  if (!wg_store_add_person (self->store, &fields, NULL, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  reload (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new_format (_("%s added"), name));
}

static void
add_person_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WgHouseholdPage *self = WG_HOUSEHOLD_PAGE (widget);
  GtkWidget *dialog;

  if (self->node == NULL || self->add_dialog != NULL)
    return;

  dialog = wg_form_dialog_new (widget, _("Add a Person"), wg_grid_node_get_name (self->node),
                               check_person_fields);
  /* Translators: a person's name */
  /* The ID number first: a card reader or a scanner types into the focused field. */
  wg_form_dialog_add_field (dialog, "id-number", _("ID Number"), NULL);
  wg_form_dialog_add_field (dialog, "name", C_("person", "Name"), NULL);
  wg_form_dialog_add_field (dialog, "phone", _("Phone"), NULL);
  wg_form_dialog_add_field (dialog, "relation", _("Relation"), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_dialog_response_cb), self, 0);

  self->add_dialog = dialog;
  wg_form_dialog_present (dialog);
}

/* Leaving the page (another grid, a person's file) makes a removal final. */
static void
wg_household_page_unmap (GtkWidget *widget)
{
  WgHouseholdPage *self = WG_HOUSEHOLD_PAGE (widget);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  commit_pending_delete (self);

  GTK_WIDGET_CLASS (wg_household_page_parent_class)->unmap (widget);
}

static void
wg_household_page_dispose (GObject *object)
{
  WgHouseholdPage *self = (WgHouseholdPage *) object;

  /* Closing the window does not undo a removal. */
  commit_pending_delete (self);
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_HOUSEHOLD_PAGE);
  g_clear_object (&self->node);
  g_clear_object (&self->store);
  g_clear_pointer (&self->member_ids, g_array_unref);

  G_OBJECT_CLASS (wg_household_page_parent_class)->dispose (object);
}

static void schedule_visit_action (GtkWidget *widget, const char *action_name, GVariant *parameter);
static void cancel_visit_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

static void
wg_household_page_class_init (WgHouseholdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_household_page_dispose;

  widget_class->unmap = wg_household_page_unmap;

  /**
   * WgHouseholdPage::open-person:
   * @person_id: the member to open
   */
  signals[OPEN_PERSON] = g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  wg_application_ensure_resources ();
  g_type_ensure (WG_TYPE_DOSSIER_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/wg-household-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, address_label);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, dossier_buttons);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, members_list);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, staff_list);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, visits_list);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, records_box);
  gtk_widget_class_bind_template_callback (widget_class, on_members_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "household.add-person", NULL, add_person_action);
  gtk_widget_class_install_action (widget_class, "household.schedule-visit", NULL, schedule_visit_action);
  gtk_widget_class_install_action (widget_class, "household.cancel-visit", "x", cancel_visit_action);
  gtk_widget_class_install_action (widget_class, "household.undo-delete", NULL, undo_delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wg_household_page_init (WgHouseholdPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
fill_visits (WgHouseholdPage *self)
{
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->visits_list))) != NULL)
    gtk_list_box_remove (self->visits_list, child);
  if (!(windows = wg_store_list_visit_windows (self->store, wg_grid_node_get_id (self->node), &error)))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  for (guint i = 0; i < windows->len; i++)
    {
      const WgVisitWindow *window = g_ptr_array_index (windows, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* The end's day only when it is another day. */
      gboolean same_day = strncmp (window->starts_at, window->ends_at, 10) == 0;
      g_autofree char *when = g_strdup_printf ("%.16s – %.*s", window->starts_at, same_day ? 5 : 16,
                                               window->ends_at + (same_day ? 11 : 0));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wg_visit_purpose_describe (window->purpose));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_widget_set_tooltip_text (remove, _("Cancel the Visit"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", window->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "household.cancel-visit");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->visits_list, row);
    }
  if (windows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None planned"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->visits_list, row);
    }
}

/* A visit's times, checked as typed. */
static gboolean
parse_visit (GtkWidget  *dialog,
             char      **starts,
             char      **ends,
             char      **problem)
{
  const char *day = wg_form_dialog_get_text (dialog, "day");
  const char *from = wg_form_dialog_get_text (dialog, "from");
  const char *to = wg_form_dialog_get_text (dialog, "to");
  int from_minutes, to_minutes;

  if (*day == '\0' || *from == '\0' || *to == '\0')
    {
      *problem = g_strdup ("");
      return FALSE;
    }
  if (!wg_day_is_valid (day))
    {
      *problem = g_strdup (_("Write the day as YYYY-MM-DD."));
      return FALSE;
    }
  if (!wg_clock_parse (from, &from_minutes) || !wg_clock_parse (to, &to_minutes))
    {
      *problem = g_strdup (_("Write the times as HH:MM, like 09:30."));
      return FALSE;
    }
  if (to_minutes <= from_minutes)
    {
      *problem = g_strdup (_("The visit ends after it starts."));
      return FALSE;
    }
  if (starts != NULL)
    *starts = g_strdup_printf ("%s %02d:%02d:00", day, from_minutes / 60, from_minutes % 60);
  if (ends != NULL)
    *ends = g_strdup_printf ("%s %02d:%02d:00", day, to_minutes / 60, to_minutes % 60);
  return TRUE;
}

static char *
check_visit_fields (GtkWidget *dialog)
{
  char *problem = NULL;

  parse_visit (dialog, NULL, NULL, &problem);
  return problem;
}

static void
on_visit_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             WgHouseholdPage  *self)
{
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GError) error = NULL;

  self->add_dialog = NULL;
  if (!g_str_equal (response, "add") || self->store == NULL || self->node == NULL)
    return;
  if (!parse_visit (GTK_WIDGET (dialog), &starts, &ends, &problem) ||
      !wg_store_add_visit_window (self->store, wg_grid_node_get_id (self->node),
                                  wg_form_dialog_get_choice (GTK_WIDGET (dialog), "purpose") + 1, starts,
                                  ends, NULL, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (error != NULL ? error->message : problem));
      return;
    }
  fill_visits (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Visit planned: the door may open then")));
}

static void
schedule_visit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WgHouseholdPage *self = WG_HOUSEHOLD_PAGE (widget);
  const char *purposes[] = {
    wg_visit_purpose_describe (WG_VISIT_PURPOSE_SAMPLING),
    wg_visit_purpose_describe (WG_VISIT_PURPOSE_DISINFECTION),
    wg_visit_purpose_describe (WG_VISIT_PURPOSE_DELIVERY),
    NULL,
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *from = g_date_time_format (now, "%H:%M");
  g_autofree char *to = g_date_time_format (later, "%H:%M");
  GtkWidget *dialog;

  if (self->node == NULL || self->add_dialog != NULL)
    return;
  dialog = wg_form_dialog_new (widget, _("Schedule a Visit"), wg_grid_node_get_name (self->node),
                               check_visit_fields);
  wg_form_dialog_add_choice (dialog, "purpose", _("Purpose"), purposes);
  wg_form_dialog_add_field (dialog, "day", _("Day"), day);
  wg_form_dialog_add_field (dialog, "from", _("From (HH:MM)"), from);
  /* A visit stays within its day: from eleven at night, until midnight. */
  wg_form_dialog_add_field (dialog, "to", _("Until (HH:MM)"),
                            g_date_time_get_day_of_month (later) != g_date_time_get_day_of_month (now) ? "23:59" : to);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_visit_dialog_response_cb), self, 0);
  self->add_dialog = dialog;
  wg_form_dialog_present (dialog);
}

static void
cancel_visit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WgHouseholdPage *self = WG_HOUSEHOLD_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!wg_store_delete_visit_window (self->store, g_variant_get_int64 (parameter), &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  fill_visits (self);
}

/* Who answers for the household, and its door sensor. */
static void
fill_care (WgHouseholdPage *self,
           WgStore         *store)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autofree char *sensor = NULL;
  gint64 id = wg_grid_node_get_id (self->node);
  GtkListBoxRow *old;
  GtkWidget *row;

  while ((old = gtk_list_box_get_row_at_index (self->staff_list, 0)) != NULL)
    gtk_list_box_remove (self->staff_list, GTK_WIDGET (old));

  staff = wg_store_list_household_staff (store, id, NULL);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      WgStaffEntry *entry = g_ptr_array_index (staff, i);
      GtkWidget *phone = gtk_label_new (entry->phone);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), wg_staff_role_describe (entry->role));
      gtk_label_set_selectable (GTK_LABEL (phone), TRUE);
      gtk_widget_add_css_class (phone, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), phone);
      gtk_list_box_append (self->staff_list, row);
    }

  sensor = wg_store_dup_household_sensor (store, id, NULL);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Door Sensor"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sensor != NULL ? sensor : _("None bound"));
  gtk_list_box_append (self->staff_list, row);
}

/**
 * wg_household_page_show:
 * @self: a #WgHouseholdPage
 * @store: the county database
 * @household: a household node of the grid tree
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the household was read and is shown
 */
gboolean
wg_household_page_show (WgHouseholdPage  *self,
                        WgStore          *store,
                        WgGridNode       *household,
                        GError          **error)
{
  g_autoptr(WgRecordTable) members = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  GtkWidget *child;

  g_return_val_if_fail (WG_IS_HOUSEHOLD_PAGE (self), FALSE);
  g_return_val_if_fail (wg_grid_node_is_household (household), FALSE);

  if (!(members = wg_store_read_records (store, WG_RECORD_KIND_MEMBERS, wg_grid_node_get_id (household),
                                         error)))
    return FALSE;

  commit_pending_delete (self);
  g_set_object (&self->node, household);
  g_set_object (&self->store, store);
  path = wg_grid_node_dup_path (wg_grid_node_get_parent (household));
  gtk_label_set_label (self->path_label, path);
  gtk_label_set_label (self->address_label, wg_grid_node_get_name (household));
  /* Translators: the household's code, as printed on its door label */
  code = g_strdup_printf (_("Household code %s"), wg_grid_node_get_code (household));
  gtk_label_set_label (self->code_label, code);
  wg_dossier_buttons_set_code (self->dossier_buttons, wg_grid_node_get_code (household));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->members_list))) != NULL)
    gtk_list_box_remove (self->members_list, child);
  g_array_set_size (self->member_ids, 0);

  fill_care (self, store);
  fill_visits (self);

  /* The household's help orders and disinfection visits, when it has any. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->records_box))) != NULL)
    gtk_box_remove (self->records_box, child);
  for (WgRecordKind kind = WG_RECORD_KIND_HELP_ORDER; kind <= WG_RECORD_KIND_DISINFECTION; kind++)
    {
      g_autoptr(GError) local_error = NULL;
      WgRecordTable *table = wg_store_read_records (store, kind, wg_grid_node_get_id (household), &local_error);

      if (table == NULL)
        g_warning ("%s", local_error->message);
      else if (table->rows->len == 0)
        wg_record_table_free (table);
      else
        gtk_box_append (self->records_box, wg_record_view_new (table));
    }

  /* Columns: name, relation, sex, born, status, phone, in quarantine until. */
  for (guint i = 0; i < members->rows->len; i++)
    {
      char **cells = g_ptr_array_index (members->rows, i);
      g_autofree char *subtitle = NULL;

      if (*cells[6] != '\0')
        subtitle = g_strdup_printf (_("%s · %s · %s · %s · in quarantine until %s"), cells[1],
                                    cells[2], cells[3], cells[4], cells[6]);
      else
        subtitle = g_strdup_printf ("%s · %s · %s · %s", cells[1], cells[2], cells[3], cells[4]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *phone = gtk_label_new (cells[5]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cells[0]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (phone, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), phone);
      {
        GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

        gtk_widget_set_tooltip_text (remove, _("Remove from the Registry"));
        gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (remove, "flat");
        g_signal_connect_object (remove, "clicked", G_CALLBACK (on_delete_clicked_cb), self, 0);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->members_list, row);
      g_array_append_val (self->member_ids, g_array_index (members->ids, gint64, i));
    }
  return TRUE;
}

WgGridNode *
wg_household_page_get_node (WgHouseholdPage *self)
{
  g_return_val_if_fail (WG_IS_HOUSEHOLD_PAGE (self), NULL);

  return self->node;
}

/**
 * wg_household_page_get_n_members:
 * @self: a #WgHouseholdPage
 *
 * Returns: the members shown (one waiting to be removed is not)
 */
guint
wg_household_page_get_n_members (WgHouseholdPage *self)
{
  g_return_val_if_fail (WG_IS_HOUSEHOLD_PAGE (self), 0);

  return self->member_ids->len - (self->pending_delete != 0 ? 1 : 0);
}

/**
 * wg_household_page_open_member:
 * @self: a #WgHouseholdPage
 * @index: a member, in the order shown
 *
 * Asks for the member's file, as activating the row does.
 */
void
wg_household_page_open_member (WgHouseholdPage *self,
                               guint            index)
{
  g_return_if_fail (WG_IS_HOUSEHOLD_PAGE (self));

  if (index < self->member_ids->len)
    g_signal_emit (self, signals[OPEN_PERSON], 0, g_array_index (self->member_ids, gint64, index));
}

static void
reload (WgHouseholdPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgGridNode) node = self->node != NULL ? g_object_ref (self->node) : NULL;
  g_autoptr(WgStore) store = self->store != NULL ? g_object_ref (self->store) : NULL;

  if (node != NULL && store != NULL && !wg_household_page_show (self, store, node, &error))
    g_warning ("Could not read the household: %s", error->message);
}

/**
 * wg_household_page_delete_member:
 * @self: a #WgHouseholdPage
 * @index: a member, in the order shown
 *
 * Removes the member from the list at once and from the registry when the
 * Undo toast goes away without being used.
 */
void
wg_household_page_delete_member (WgHouseholdPage *self,
                                 guint            index)
{
  GtkListBoxRow *row;
  AdwToast *toast;

  g_return_if_fail (WG_IS_HOUSEHOLD_PAGE (self));

  row = gtk_list_box_get_row_at_index (self->members_list, index);
  if (row == NULL || index >= self->member_ids->len)
    return;

  /* One removal at a time: an earlier one is final now. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  commit_pending_delete (self);

  row = gtk_list_box_get_row_at_index (self->members_list, index);
  self->pending_delete = g_array_index (self->member_ids, gint64, index);
  self->pending_row = GTK_WIDGET (row);
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);

  toast = adw_toast_new_format (_("%s removed"),
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "household.undo-delete");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * wg_household_page_get_add_dialog:
 * @self: a #WgHouseholdPage
 *
 * Returns: (transfer none) (nullable): the open "Add a Person" dialog
 */
GtkWidget *
wg_household_page_get_add_dialog (WgHouseholdPage *self)
{
  g_return_val_if_fail (WG_IS_HOUSEHOLD_PAGE (self), NULL);

  return self->add_dialog;
}
