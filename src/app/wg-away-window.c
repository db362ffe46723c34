/* wg-away-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The people of a grid who are away from home (在外人员), by their group
 * (each with its owner, who dispatches the group's help orders): where,
 * since when, why, who at home needs care. Each person's details are
 * edited from their row, which names them by id.
 */

#define G_LOG_DOMAIN "wg-away-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-away-window.h"
#include "wg-desk.h"
#include "wg-form-dialog.h"
#include "wg-store-orders.h"

struct _WgAwayWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesPage *page;
  GPtrArray *groups;          /* the page's groups, to remove on reload */
  AdwWindowTitle *title;
  WgStore *store;
  char *grid_code;
  char *grid_name;
  GPtrArray *people;          /* of WgAwayInfo, as shown */
  GtkWidget *dialog;
  gint64 dialog_person;
  char **dialog_groups;       /* the group choices: none, then by name */
  guint n_care;
};

G_DEFINE_FINAL_TYPE (WgAwayWindow, wg_away_window, ADW_TYPE_WINDOW)

static const WgAwayInfo *
find_person (WgAwayWindow *self,
             gint64        id)
{
  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      const WgAwayInfo *info = g_ptr_array_index (self->people, i);

      if (info->person_id == id)
        return info;
    }
  return NULL;
}

static char *
describe (const WgAwayInfo *a)
{
  g_autofree char *place = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (a->reason == 0)
    return g_strdup (_("Where and why not recorded yet"));
  place = g_strconcat (a->province != NULL ? a->province : "", a->city != NULL ? a->city : "",
                       a->address != NULL ? a->address : "", NULL);
  if (*place != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&place));
  g_ptr_array_add (parts, g_strdup (wg_away_reason_describe (a->reason)));
  if (a->employer != NULL)
    g_ptr_array_add (parts, g_strdup (a->employer));
  if (a->since != NULL)
    /* Translators: away from home since a day */
    g_ptr_array_add (parts, g_strdup_printf (_("since %s"), a->since));
  if (a->care_needed != NULL)
    /* Translators: who at home needs care */
    g_ptr_array_add (parts, g_strdup_printf (_("at home needs care: %s"), a->care_needed));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/**
 * wg_away_window_reload:
 * @self: a #WgAwayWindow
 *
 * Reads the grid's people away again.
 */
void
wg_away_window_reload (WgAwayWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *subtitle = NULL;
  gboolean writable = !wg_store_is_read_only (self->store);
  AdwPreferencesGroup *group = NULL;
  GtkWidget *list = NULL;
  const char *group_name = "";
  guint in_group = 0;

  g_return_if_fail (WG_IS_AWAY_WINDOW (self));

  if (!(people = wg_store_list_away (self->store, self->grid_code, &error)))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "away.edit", writable);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  self->n_care = 0;

  /* The store lists them by group, then name: a section per group. */
  for (guint i = 0; i < people->len; i++)
    {
      const WgAwayInfo *a = g_ptr_array_index (people, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", a->name, a->id_number);
      g_autofree char *subtitle_row = describe (a);
      GtkWidget *row = wg_desk_row_new (title, subtitle_row);
      GtkWidget *edit = wg_desk_id_button_new (_("Edit…"), _("Where, since when, why, the group"), "away.edit",
                                               a->person_id);

      if (group == NULL || g_strcmp0 (a->group, group_name) != 0)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          group_name = a->group;
          in_group = 0;
          adw_preferences_group_set_title (group, a->group != NULL ? a->group : _("In No Group Yet"));
          list = wg_desk_boxed_list_new ();
          adw_preferences_group_add (group, list);
          adw_preferences_page_add (self->page, group);
          g_ptr_array_add (self->groups, group);
        }
      in_group++;
      {
        /* Translators: a group's line: "owner 王建国 · 12 people" */
        g_autofree char *people_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people",
                                                                     in_group), in_group);
        g_autofree char *owner = a->group_owner != NULL
                                   ? g_strdup_printf (_("Owner %s, who dispatches its orders · %s"),
                                                      a->group_owner, people_text)
                                   : g_strdup (people_text);

        adw_preferences_group_set_description (group, owner);
      }
      self->n_care += a->care_needed != NULL;
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (people->len == 0)
    {
      GtkWidget *empty = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (empty), _("Nobody of this grid is away from home."));
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (empty));
      g_ptr_array_add (self->groups, empty);
    }
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = g_steal_pointer (&people);
  /* Translators: "乐昌镇 · 86 away, 12 with someone at home who needs care" */
  subtitle = g_strdup_printf (_("%s · %u away, %u with someone at home who needs care"), self->grid_name,
                              self->people->len, self->n_care);
  adw_window_title_set_subtitle (self->title, subtitle);
}

static char *
check_away (GtkWidget *dialog)
{
  const char *since = wg_form_dialog_get_text (dialog, "since");

  if (since != NULL && *since != '\0' && !wg_desk_day_is_valid (since))
    return g_strdup (_("Write the day as YYYY-MM-DD."));
  return NULL;
}

static void
on_edit_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     WgAwayWindow     *self)
{
  g_autoptr(GError) error = NULL;
  WgAwayFields fields = { 0 };
  guint group;
  gint64 id = self->dialog_person;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
#define TEXT(key) wg_form_dialog_get_text (GTK_WIDGET (dialog), key)
  fields.province = TEXT ("province");
  fields.city = TEXT ("city");
  fields.address = TEXT ("address");
  fields.employer = TEXT ("employer");
  fields.since = TEXT ("since");
  fields.care_needed = TEXT ("care");
#undef TEXT
  fields.reason = WG_AWAY_WORK + wg_form_dialog_get_choice (GTK_WIDGET (dialog), "reason");
  group = wg_form_dialog_get_choice (GTK_WIDGET (dialog), "group");
  fields.group = group > 0 && group < g_strv_length (self->dialog_groups) ? self->dialog_groups[group] : NULL;
  if (!wg_store_set_away (self->store, id, &fields, &error))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  wg_desk_toast (self->toast_overlay, _("Saved."));
  wg_away_window_reload (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgAwayWindow *self = WG_AWAY_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  g_auto(GStrv) groups = NULL;
  const char *reasons[] = { wg_away_reason_describe (WG_AWAY_WORK), wg_away_reason_describe (WG_AWAY_STUDY),
                            wg_away_reason_describe (WG_AWAY_HELD), wg_away_reason_describe (WG_AWAY_OTHER), NULL };
  gint64 id = g_variant_get_int64 (parameter);
  const WgAwayInfo *a = find_person (self, id);
  g_autofree char *body = NULL;
  GtkWidget *reason, *group;

  if (self->dialog != NULL || a == NULL)
    return;
  if (!(groups = wg_store_list_away_groups (self->store, id, &error)))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  g_strv_builder_add (choices, _("No group"));
  g_strv_builder_addv (choices, (const char **) groups);
  g_strfreev (self->dialog_groups);
  self->dialog_groups = g_strv_builder_end (choices);
  self->dialog_person = id;
  body = g_strdup_printf ("%s · %s · %s", a->name, a->id_number, a->household_code);
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Away from Home"), body, check_away);
  wg_form_dialog_add_field (self->dialog, "province", _("Province"), a->province);
  wg_form_dialog_add_field (self->dialog, "city", _("City"), a->city);
  wg_form_dialog_add_field (self->dialog, "address", _("Address"), a->address);
  wg_form_dialog_add_field (self->dialog, "employer", _("Employer or School"), a->employer);
  wg_form_dialog_add_field (self->dialog, "since", _("Away Since (YYYY-MM-DD)"), a->since);
  reason = wg_form_dialog_add_choice (self->dialog, "reason", _("Why"), reasons);
  if (a->reason >= WG_AWAY_WORK)
    adw_combo_row_set_selected (ADW_COMBO_ROW (reason), a->reason - WG_AWAY_WORK);
  group = wg_form_dialog_add_choice (self->dialog, "group", _("Group"), (const char *const *) self->dialog_groups);
  for (guint i = 1; a->group != NULL && self->dialog_groups[i] != NULL; i++)
    if (g_str_equal (self->dialog_groups[i], a->group))
      adw_combo_row_set_selected (ADW_COMBO_ROW (group), i);
  wg_form_dialog_add_field (self->dialog, "care", _("Who at Home Needs Care"), a->care_needed);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Save"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_edit_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

guint
wg_away_window_get_n_people (WgAwayWindow *self)
{
  g_return_val_if_fail (WG_IS_AWAY_WINDOW (self), 0);

  return self->people != NULL ? self->people->len : 0;
}

guint
wg_away_window_get_n_care (WgAwayWindow *self)
{
  g_return_val_if_fail (WG_IS_AWAY_WINDOW (self), 0);

  return self->n_care;
}

GtkWidget *
wg_away_window_get_dialog (WgAwayWindow *self)
{
  g_return_val_if_fail (WG_IS_AWAY_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_away_window_dispose (GObject *object)
{
  WgAwayWindow *self = WG_AWAY_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->grid_code, g_free);
  g_clear_pointer (&self->grid_name, g_free);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->dialog_groups, g_strfreev);

  G_OBJECT_CLASS (wg_away_window_parent_class)->dispose (object);
}

static void
wg_away_window_class_init (WgAwayWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_away_window_dispose;

  gtk_widget_class_install_action (widget_class, "away.edit", "x", edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_away_window_init (WgAwayWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->groups = g_ptr_array_new ();
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_title (GTK_WINDOW (self), _("People Away from Home"));
  gtk_window_set_default_size (GTK_WINDOW (self), 860, 700);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("People Away from Home"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (box), header);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->page));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_away_window_new:
 * @store: the county database
 * @grid_code: the grid
 * @grid_name: its name
 *
 * Returns: (transfer full): the grid's people away, by group
 */
WgAwayWindow *
wg_away_window_new (WgStore    *store,
                    const char *grid_code,
                    const char *grid_name)
{
  WgAwayWindow *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_AWAY_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->grid_code = g_strdup (grid_code);
  self->grid_name = g_strdup (grid_name != NULL ? grid_name : grid_code);
  wg_away_window_reload (self);
  return self;
}
