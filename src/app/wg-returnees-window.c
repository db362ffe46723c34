/* wg-returnees-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The returnee queue: every returnee new, reviewed or decided, with the
 * queue's counts by state, shown by state. Returnees are ticked by their
 * row (the selection is kept by returnee, not by position) and worked in a
 * batch: reviewed, or a measure decided from one of the county's presets —
 * which makes their periods, their test schedule and, at home, binds a free
 * door sensor. A returnee a step does not apply to is said so, by name, and
 * the others go ahead.
 */

#define G_LOG_DOMAIN "wg-returnees-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-returnees-window.h"
#include "wg-form-dialog.h"
#include "wg-store-returnees.h"

struct _WgReturneesWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *group;
  GtkWidget *rows_box;
  GtkDropDown *state_filter;
  GtkWidget *review_button;
  GtkWidget *decide_button;
  WgStore *store;
  GtkWidget *dialog;
  GHashTable *selected;     /* returnee id (gint64 *) set */
  GPtrArray *presets;       /* of WgMeasurePreset */
  char *counts;
  guint n_rows;
};

G_DEFINE_FINAL_TYPE (WgReturneesWindow, wg_returnees_window, ADW_TYPE_WINDOW)

static void
toast (WgReturneesWindow *self,
       const char        *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static const char *
state_describe (WgReturneeState state)
{
  switch (state)
    {
    case WG_RETURNEE_STATE_REVIEWED:
      return C_("returnee", "Reviewed");
    case WG_RETURNEE_STATE_DECIDED:
      return C_("returnee", "Measure decided");
    case WG_RETURNEE_STATE_NEW:
    default:
      return C_("returnee", "New");
    }
}

static void
update_actions (WgReturneesWindow *self)
{
  gboolean any = g_hash_table_size (self->selected) > 0;
  gboolean writable = !wg_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "returnees.review", any && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "returnees.decide", any && writable);
}

static void
on_check_toggled_cb (GtkCheckButton    *check,
                     WgReturneesWindow *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "returnee");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->selected, &id);
  update_actions (self);
}

void
wg_returnees_window_reload (WgReturneesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint counts[WG_RETURNEE_N_STATES];
  guint filter;
  GtkWidget *child;

  g_return_if_fail (WG_IS_RETURNEES_WINDOW (self));

  filter = gtk_drop_down_get_selected (self->state_filter);
  if (!(list = wg_store_list_returnees (self->store, NULL, filter == 0 ? -1 : (int) filter - 1, &error)) ||
      !wg_store_count_returnees (self->store, NULL, counts, &error))
    {
      toast (self, error->message);
      return;
    }
  g_free (self->counts);
  /* Translators: the queue's counts: "12 new, 3 reviewed, 40 decided" */
  self->counts = g_strdup_printf (_("%u new, %u reviewed, %u decided"), counts[0], counts[1], counts[2]);
  adw_preferences_group_set_description (self->group, self->counts);

  while ((child = gtk_widget_get_first_child (self->rows_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->rows_box), child);
  self->n_rows = list->len;
  for (guint i = 0; i < list->len; i++)
    {
      const WgReturneeInfo *r = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", r->name, r->id_number);
      g_autofree char *subtitle = NULL;

      /* Translators: "arrived 2026-11-28 from 北京市朝阳区 · micro-grid 1410211002000101 · New" */
      subtitle = g_strdup_printf (_("arrived %s from %s · micro-grid %s · %s%s%s"), r->arrived_on, r->from_place,
                                  r->grid_code != NULL ? r->grid_code : "—", state_describe (r->state),
                                  r->preset != NULL ? ": " : "", r->preset != NULL ? r->preset : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "returnee", g_memdup2 (&r->id, sizeof r->id), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->selected, &r->id));
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (self->rows_box), row);
    }
  update_actions (self);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ticked returnees, by id, oldest id first. */
static GArray *
selected_ids (WgReturneesWindow *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_array_sort (ids, compare_ids);
  return ids;
}

/* After a batch: what went, what did not and why. */
static void
report (WgReturneesWindow *self,
        char              *done,
        GString           *refused)
{
  if (refused->len > 0)
    {
      g_autofree char *both = g_strdup_printf ("%s %s", done, refused->str);

      toast (self, both);
    }
  else
    toast (self, done);
  g_free (done);
  g_hash_table_remove_all (self->selected);
  wg_returnees_window_reload (self);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgReturneesWindow *self = WG_RETURNEES_WINDOW (widget);
  g_autoptr(GArray) ids = selected_ids (self);
  g_autoptr(GString) refused = g_string_new (NULL);
  guint n_done = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (wg_store_review_returnee (self->store, g_array_index (ids, gint64, i), &error))
        n_done++;
      else
        g_string_append_printf (refused, "%s%s", refused->len > 0 ? " " : "", error->message);
    }
  report (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u returnee reviewed.", "%u returnees reviewed.",
                                              n_done), n_done), refused);
}

static char *
check_decide (GtkWidget *dialog)
{
  const char *from = wg_form_dialog_get_text (dialog, "from");
  g_autofree char *trimmed = g_strstrip (g_strdup (from != NULL ? from : ""));
  GDate date;

  if (*trimmed == '\0')
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, trimmed);
  if (strlen (trimmed) != 10 || !g_date_valid (&date))
    return g_strdup (_("Write the first day as YYYY-MM-DD, or leave it empty for the day of arrival."));
  return NULL;
}

static void
on_decide_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       WgReturneesWindow *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) refused = NULL;
  g_autofree char *from = NULL;
  const WgMeasurePreset *preset;
  guint n_done = 0, n_sensors = 0;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  preset = g_ptr_array_index (self->presets, wg_form_dialog_get_choice (GTK_WIDGET (dialog), "preset"));
  from = g_strstrip (g_strdup (wg_form_dialog_get_text (GTK_WIDGET (dialog), "from")));
  ids = selected_ids (self);
  refused = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(WgDecision) decision = { 0 };

      if (wg_store_decide_returnee (self->store, g_array_index (ids, gint64, i), preset->name,
                                    *from != '\0' ? from : NULL, NULL, &decision, &error))
        {
          n_done++;
          n_sensors += decision.sensor != NULL;
        }
      else
        g_string_append_printf (refused, "%s%s", refused->len > 0 ? " " : "", error->message);
    }
  if (n_sensors > 0)
    {
      if (refused->len > 0)
        g_string_prepend_c (refused, ' ');
      g_string_prepend (refused, g_dngettext (GETTEXT_PACKAGE, "A free door sensor was bound to a home.",
                                              "Free door sensors were bound to their homes.", n_sensors));
    }
  report (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A measure was decided for %u returnee.",
                                              "A measure was decided for %u returnees.", n_done), n_done),
          refused);
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgReturneesWindow *self = WG_RETURNEES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  g_autofree char *body = NULL;
  guint n = g_hash_table_size (self->selected);

  if (self->dialog != NULL || n == 0)
    return;
  g_clear_pointer (&self->presets, g_ptr_array_unref);
  if (!(self->presets = wg_store_list_presets (self->store, &error)) || self->presets->len == 0)
    {
      toast (self, error != NULL ? error->message : _("The county has no measure presets."));
      return;
    }
  for (guint i = 0; i < self->presets->len; i++)
    g_strv_builder_add (names, ((WgMeasurePreset *) g_ptr_array_index (self->presets, i))->name);
  items = g_strv_builder_end (names);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "For %u returnee: their periods and tests are made at once.",
                                       "For %u returnees: their periods and tests are made at once.", n), n);
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Decide the Measure"), body, check_decide);
  wg_form_dialog_add_choice (self->dialog, "preset", _("Measure"), (const char *const *) items);
  wg_form_dialog_add_field (self->dialog, "from", _("First Day (empty: the day of arrival)"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Decide"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_decide_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static void
on_filter_changed_cb (WgReturneesWindow *self)
{
  if (self->store != NULL)
    wg_returnees_window_reload (self);
}

/* Shows the returnees in @state, as the header's drop-down does. */
void
wg_returnees_window_show_state (WgReturneesWindow *self,
                                WgReturneeState    state)
{
  g_return_if_fail (WG_IS_RETURNEES_WINDOW (self));

  gtk_drop_down_set_selected (self->state_filter, state + 1);
}

guint
wg_returnees_window_get_n_rows (WgReturneesWindow *self)
{
  g_return_val_if_fail (WG_IS_RETURNEES_WINDOW (self), 0);

  return self->n_rows;
}

/* Ticks (or unticks) a returnee's row, as a click on its box does. */
void
wg_returnees_window_select (WgReturneesWindow *self,
                            gint64             returnee_id,
                            gboolean           selected)
{
  g_return_if_fail (WG_IS_RETURNEES_WINDOW (self));

  for (GtkWidget *row = gtk_widget_get_first_child (self->rows_box); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      if (check != NULL && *(gint64 *) g_object_get_data (G_OBJECT (check), "returnee") == returnee_id)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), selected);
    }
}

GtkWidget *
wg_returnees_window_get_dialog (WgReturneesWindow *self)
{
  g_return_val_if_fail (WG_IS_RETURNEES_WINDOW (self), NULL);

  return self->dialog;
}

const char *
wg_returnees_window_get_counts (WgReturneesWindow *self)
{
  g_return_val_if_fail (WG_IS_RETURNEES_WINDOW (self), NULL);

  return self->counts;
}

static void
wg_returnees_window_dispose (GObject *object)
{
  WgReturneesWindow *self = WG_RETURNEES_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->presets, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_free);

  G_OBJECT_CLASS (wg_returnees_window_parent_class)->dispose (object);
}

static void
wg_returnees_window_class_init (WgReturneesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_returnees_window_dispose;

  gtk_widget_class_install_action (widget_class, "returnees.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "returnees.decide", NULL, decide_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_returnees_window_init (WgReturneesWindow *self)
{
  static const char *const states[] = {
    NC_("returnee", "Every State"), NC_("returnee", "New"), NC_("returnee", "Reviewed"),
    NC_("returnee", "Measure decided"), NULL,
  };
  const char *translated[G_N_ELEMENTS (states)] = { NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *bar = gtk_action_bar_new ();

  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Returnee Queue"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 680);

  for (guint i = 0; states[i] != NULL; i++)
    translated[i] = g_dpgettext2 (NULL, "returnee", states[i]);
  self->state_filter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (translated));
  gtk_drop_down_set_selected (self->state_filter, 1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_filter), _("Show the returnees in this state"));
  g_signal_connect_swapped (self->state_filter, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->state_filter));
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Returnees"));
  self->rows_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->rows_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->rows_box, "boxed-list");
  adw_preferences_group_add (self->group, self->rows_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));

  self->review_button = gtk_button_new_with_mnemonic (_("_Review"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->review_button), "returnees.review");
  gtk_widget_set_tooltip_text (self->review_button,
                               _("Household and micro-grid confirmed, the grid worker told, for every ticked returnee"));
  self->decide_button = gtk_button_new_with_mnemonic (_("_Decide Measure…"));
  gtk_widget_add_css_class (self->decide_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->decide_button), "returnees.decide");
  gtk_action_bar_pack_end (GTK_ACTION_BAR (bar), self->decide_button);
  gtk_action_bar_pack_end (GTK_ACTION_BAR (bar), self->review_button);
  gtk_box_append (GTK_BOX (box), bar);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_returnees_window_new:
 * @store: the county database
 *
 * Returns: (transfer full): the queue, showing the new returnees
 */
WgReturneesWindow *
wg_returnees_window_new (WgStore *store)
{
  WgReturneesWindow *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_RETURNEES_WINDOW, NULL);
  self->store = g_object_ref (store);
  wg_returnees_window_reload (self);
  return self;
}
