/* wg-disinfection-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Disinfection to the hour (上门消杀精准到时) for a grid and a day: the
 * slots still not visited an hour after their time, in red, each recorded
 * from its row (the row names its plan by id); the day's visits; a home's
 * plan made from a dialog — every N days at an hour, each slot opening a
 * visit window on the home's door sensor.
 */

#define G_LOG_DOMAIN "wg-disinfection-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wg-desk.h"
#include "wg-disinfection-window.h"
#include "wg-form-dialog.h"
#include "wg-store-disinfection.h"

struct _WgDisinfectionWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *overdue_group;
  AdwPreferencesGroup *visits_group;
  GtkWidget *overdue_box;
  GtkWidget *visits_box;
  GtkWidget *day_entry;
  WgStore *store;
  char *grid_code;
  char *day;
  char *now;                  /* (nullable) the desk's clock; NULL for the real one */
  GHashTable *overdue;        /* plan id → its latest WgDisinfectionDue */
  GtkWidget *dialog;
  gint64 dialog_plan;
  guint n_overdue;
  guint n_visits;
};

G_DEFINE_FINAL_TYPE (WgDisinfectionWindow, wg_disinfection_window, ADW_TYPE_WINDOW)

/* The clock the overdue slots are judged on: now, or the end of a past
 * day shown. */
static char *
judged_at (WgDisinfectionWindow *self)
{
  g_autofree char *now = self->now != NULL ? g_strdup (self->now) : wg_desk_now ();
  g_autofree char *day_end = g_strdup_printf ("%s 23:59:59", self->day);

  return g_strdup (strcmp (day_end, now) < 0 ? day_end : now);
}

/**
 * wg_disinfection_window_reload:
 * @self: a #WgDisinfectionWindow
 *
 * Reads the overdue slots and the day's visits again.
 */
void
wg_disinfection_window_reload (WgDisinfectionWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *at = judged_at (self);
  g_autofree char *overdue_text = NULL;
  g_autofree char *visits_text = NULL;
  gboolean writable = !wg_store_is_read_only (self->store);
  const char *scope;

  g_return_if_fail (WG_IS_DISINFECTION_WINDOW (self));

  /* The county's own window also shows the central sites' rooms. */
  scope = strlen (self->grid_code) > 6 ? self->grid_code : NULL;
  if (!(overdue = wg_store_list_disinfection_overdue (self->store, scope, at, &error)) ||
      !(visits = wg_store_list_disinfection_visits (self->store, scope, self->day, &error)))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disinfection.plan", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disinfection.record", writable);
  wg_desk_clear_list (self->overdue_box);
  wg_desk_clear_list (self->visits_box);
  g_hash_table_remove_all (self->overdue);

  /* Newest first: the slot just missed is the one to act on. */
  self->n_overdue = overdue->len;
  for (guint i = overdue->len; i-- > 0;)
    {
      WgDisinfectionDue *due = g_ptr_array_index (overdue, i);
      g_autofree char *title = g_strdup_printf ("%.16s · %s", due->due_at, due->place);
      GtkWidget *row = wg_desk_row_new (title, _("Not visited within the hour"));
      GtkWidget *button;

      gtk_widget_add_css_class (row, "overdue");
      if (!g_hash_table_contains (self->overdue, &due->plan_id))
        {
          button = wg_desk_id_button_new (_("Record Visit…"), _("Record the team's visit to this place"),
                                          "disinfection.record", due->plan_id);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          g_hash_table_insert (self->overdue, g_memdup2 (&due->plan_id, sizeof due->plan_id),
                               g_ptr_array_steal_index_fast (overdue, i));
        }
      gtk_list_box_append (GTK_LIST_BOX (self->overdue_box), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_group), self->n_overdue > 0);
  overdue_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slot not visited by %.16s",
                                               "%u slots not visited by %.16s", self->n_overdue),
                                  self->n_overdue, at);
  adw_preferences_group_set_description (self->overdue_group, overdue_text);

  self->n_visits = visits->len;
  for (guint i = 0; i < visits->len; i++)
    {
      const WgDisinfectionVisit *v = g_ptr_array_index (visits, i);
      g_autofree char *title = g_strdup_printf ("%.5s · %s", v->visited_at + 11, v->place);
      g_autofree char *slot = v->due_at != NULL ? g_strdup_printf (_("for the %.5s slot"), v->due_at + 11)
                                                : g_strdup (_("outside any plan"));
      /* Translators: a visit's row: "消杀队 王强 · for the 10:00 slot · 门把手、地面" */
      g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", v->done_by, slot, v->what != NULL ? " · " : "",
                                                   v->what != NULL ? v->what : "");

      gtk_list_box_append (GTK_LIST_BOX (self->visits_box), wg_desk_row_new (title, subtitle));
    }
  visits_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit", "%u visits", visits->len), visits->len);
  adw_preferences_group_set_description (self->visits_group, visits_text);
}

static char *
check_visit (GtkWidget *dialog)
{
  const char *by = wg_form_dialog_get_text (dialog, "by");
  const char *at = wg_form_dialog_get_text (dialog, "at");
  g_autofree char *day = at != NULL ? g_strndup (at, 10) : NULL;

  if (by == NULL || *by == '\0')
    return g_strdup ("");
  if (at == NULL || strlen (at) != 16 || at[10] != ' ' || !wg_desk_day_is_valid (day))
    return g_strdup (_("Write the time as YYYY-MM-DD HH:MM."));
  return NULL;
}

static void
on_visit_response_cb (AdwMessageDialog     *dialog,
                      const char           *response,
                      WgDisinfectionWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  const WgDisinfectionDue *due;

  self->dialog = NULL;
  if (!g_str_equal (response, "add") || !(due = g_hash_table_lookup (self->overdue, &self->dialog_plan)))
    return;
  at = g_strconcat (wg_form_dialog_get_text (GTK_WIDGET (dialog), "at"), ":00", NULL);
  if (!wg_store_record_disinfection (self->store, due->household_code, due->room_id, at,
                                     wg_form_dialog_get_text (GTK_WIDGET (dialog), "by"),
                                     wg_form_dialog_get_text (GTK_WIDGET (dialog), "what"), NULL, &error))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  wg_desk_toast (self->toast_overlay, _("Visit recorded."));
  wg_disinfection_window_reload (self);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgDisinfectionWindow *self = WG_DISINFECTION_WINDOW (widget);
  gint64 plan = g_variant_get_int64 (parameter);
  const WgDisinfectionDue *due = g_hash_table_lookup (self->overdue, &plan);
  g_autofree char *body = NULL;
  g_autofree char *at = NULL;

  if (self->dialog != NULL || due == NULL)
    return;
  self->dialog_plan = plan;
  /* Translators: the dialog's text: "10:00 · F3K9… 曲沃县…18号" */
  body = g_strdup_printf (_("The %.16s slot · %s"), due->due_at, due->place);
  at = g_strndup (due->due_at, 16);
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Record a Disinfection Visit"), body, check_visit);
  wg_form_dialog_add_field (self->dialog, "at", _("Visited At (YYYY-MM-DD HH:MM)"), at);
  wg_form_dialog_add_field (self->dialog, "by", _("Disinfected By"), NULL);
  wg_form_dialog_add_field (self->dialog, "what", _("What Was Done"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Record"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_visit_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static char *
check_plan (GtkWidget *dialog)
{
  const char *household = wg_form_dialog_get_text (dialog, "household");
  const char *hour = wg_form_dialog_get_text (dialog, "hour");
  const char *every = wg_form_dialog_get_text (dialog, "every");

  if (household == NULL || *household == '\0')
    return g_strdup ("");
  if (hour == NULL || !g_ascii_string_to_unsigned (hour, 10, 0, 23, NULL, NULL))
    return g_strdup (_("The hour is a number from 0 to 23."));
  if (every == NULL || !g_ascii_string_to_unsigned (every, 10, 1, 14, NULL, NULL))
    return g_strdup (_("Every 1 to 14 days."));
  if (!wg_desk_day_is_valid (wg_form_dialog_get_text (dialog, "from")) ||
      !wg_desk_day_is_valid (wg_form_dialog_get_text (dialog, "to")))
    return g_strdup (_("Write the days as YYYY-MM-DD."));
  return NULL;
}

static void
on_plan_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     WgDisinfectionWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *household = NULL;
  guint64 hour = 0, every = 1;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  household = g_strstrip (g_strdup (wg_form_dialog_get_text (GTK_WIDGET (dialog), "household")));
  g_ascii_string_to_unsigned (wg_form_dialog_get_text (GTK_WIDGET (dialog), "hour"), 10, 0, 23, &hour, NULL);
  g_ascii_string_to_unsigned (wg_form_dialog_get_text (GTK_WIDGET (dialog), "every"), 10, 1, 14, &every, NULL);
  if (!wg_store_plan_disinfection (self->store, household, 0, hour, every,
                                   wg_form_dialog_get_text (GTK_WIDGET (dialog), "from"),
                                   wg_form_dialog_get_text (GTK_WIDGET (dialog), "to"), NULL, &error))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  wg_desk_toast (self->toast_overlay, _("Disinfection planned: the team's openings of the door are expected."));
  wg_disinfection_window_reload (self);
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgDisinfectionWindow *self = WG_DISINFECTION_WINDOW (widget);
  g_autofree char *last = NULL;

  if (self->dialog != NULL)
    return;
  last = wg_desk_day_after (self->day, 13);
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Plan Disinfection"),
                                     _("A home in quarantine, visited every N days at an hour; each visit's door "
                                       "opening is expected."),
                                     check_plan);
  wg_form_dialog_add_field (self->dialog, "household", _("Household Code"), NULL);
  wg_form_dialog_add_field (self->dialog, "hour", _("At Hour (0–23)"), "10");
  wg_form_dialog_add_field (self->dialog, "every", _("Every N Days"), "1");
  wg_form_dialog_add_field (self->dialog, "from", _("First Day"), self->day);
  wg_form_dialog_add_field (self->dialog, "to", _("Last Day"), last);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Plan"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_plan_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

/**
 * wg_disinfection_window_set_day:
 * @self: a #WgDisinfectionWindow
 * @day: the day, YYYY-MM-DD
 */
void
wg_disinfection_window_set_day (WgDisinfectionWindow *self,
                                const char           *day)
{
  g_return_if_fail (WG_IS_DISINFECTION_WINDOW (self));
  g_return_if_fail (wg_desk_day_is_valid (day));

  wg_desk_show_day (self->day_entry, &self->day, day);
  if (self->store != NULL)
    wg_disinfection_window_reload (self);
}

/**
 * wg_disinfection_window_set_now:
 * @self: a #WgDisinfectionWindow
 * @now: (nullable): the clock the overdue slots are judged on,
 *   "YYYY-MM-DD HH:MM:SS"; %NULL for the real one
 *
 * Shows @now's day.
 */
void
wg_disinfection_window_set_now (WgDisinfectionWindow *self,
                                const char           *now)
{
  g_autofree char *day = NULL;

  g_return_if_fail (WG_IS_DISINFECTION_WINDOW (self));

  g_free (self->now);
  self->now = g_strdup (now);
  day = now != NULL ? g_strndup (now, 10) : wg_desk_today ();
  wg_disinfection_window_set_day (self, day);
}

guint
wg_disinfection_window_get_n_overdue (WgDisinfectionWindow *self)
{
  g_return_val_if_fail (WG_IS_DISINFECTION_WINDOW (self), 0);

  return self->n_overdue;
}

guint
wg_disinfection_window_get_n_visits (WgDisinfectionWindow *self)
{
  g_return_val_if_fail (WG_IS_DISINFECTION_WINDOW (self), 0);

  return self->n_visits;
}

GtkWidget *
wg_disinfection_window_get_dialog (WgDisinfectionWindow *self)
{
  g_return_val_if_fail (WG_IS_DISINFECTION_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_disinfection_window_dispose (GObject *object)
{
  WgDisinfectionWindow *self = WG_DISINFECTION_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->grid_code, g_free);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->now, g_free);
  g_clear_pointer (&self->overdue, g_hash_table_unref);

  G_OBJECT_CLASS (wg_disinfection_window_parent_class)->dispose (object);
}

static void
wg_disinfection_window_class_init (WgDisinfectionWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_disinfection_window_dispose;

  gtk_widget_class_install_action (widget_class, "disinfection.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "disinfection.record", "x", record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "disinfection.plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_disinfection_window_init (WgDisinfectionWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *plan = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->day = wg_desk_today ();
  self->overdue = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) wg_disinfection_due_free);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_title (GTK_WINDOW (self), _("Disinfection"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 680);

  gtk_widget_set_tooltip_text (plan, _("Plan Disinfection (Ctrl+N)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Plan Disinfection"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (plan), "disinfection.plan");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), plan);
  self->day_entry = wg_desk_day_entry_new (self->day, self->toast_overlay,
                                           (WgDeskDayFunc) wg_disinfection_window_set_day, self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->day_entry);
  gtk_box_append (GTK_BOX (box), header);

  self->overdue_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->overdue_group, _("Overdue"));
  self->overdue_box = wg_desk_boxed_list_new ();
  adw_preferences_group_add (self->overdue_group, self->overdue_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->overdue_group);
  self->visits_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->visits_group, _("The Day's Visits"));
  self->visits_box = wg_desk_boxed_list_new ();
  adw_preferences_group_add (self->visits_group, self->visits_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->visits_group);

  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_disinfection_window_new:
 * @store: the county database
 * @grid_code: the grid
 * @grid_name: its name
 *
 * Returns: (transfer full): today's disinfection of the grid's homes
 */
WgDisinfectionWindow *
wg_disinfection_window_new (WgStore    *store,
                            const char *grid_code,
                            const char *grid_name)
{
  WgDisinfectionWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_DISINFECTION_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->grid_code = g_strdup (grid_code);
  /* Translators: the window's title: "Disinfection — 乐昌镇" */
  title = g_strdup_printf (_("Disinfection — %s"), grid_name != NULL ? grid_name : grid_code);
  gtk_window_set_title (GTK_WINDOW (self), title);
  wg_disinfection_window_reload (self);
  return self;
}
