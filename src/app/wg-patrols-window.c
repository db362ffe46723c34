/* wg-patrols-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two patrols and one meeting (两圈一碰头) of a grid for a day: the grids
 * that have not reported (no evening meeting), rolled up the tree — each
 * grid above saying how many of its micro-grids are missing — a report
 * entered for any of them, and the day's reports as recorded.
 */

#define G_LOG_DOMAIN "wg-patrols-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-desk.h"
#include "wg-form-dialog.h"
#include "wg-patrols-window.h"
#include "wg-store-patrols.h"

struct _WgPatrolsWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *missing_group;
  AdwPreferencesGroup *reports_group;
  GtkWidget *missing_box;
  GtkWidget *reports_box;
  GtkWidget *day_entry;
  WgStore *store;
  char *grid_code;
  char *day;
  GtkWidget *dialog;
  char *dialog_grid;
  guint missing;              /* the grid's own count */
  guint n_reports;
};

G_DEFINE_FINAL_TYPE (WgPatrolsWindow, wg_patrols_window, ADW_TYPE_WINDOW)

/**
 * wg_patrols_window_reload:
 * @self: a #WgPatrolsWindow
 *
 * Reads the day's reports and the grids missing theirs again.
 */
void
wg_patrols_window_reload (WgPatrolsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *description = NULL;
  gboolean writable = !wg_store_is_read_only (self->store);

  g_return_if_fail (WG_IS_PATROLS_WINDOW (self));

  if (!(missing = wg_store_list_missing_reports (self->store, self->grid_code, self->day, &error)) ||
      !(reports = wg_store_list_patrols (self->store, self->grid_code, self->day, &error)))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patrols.report", writable);
  wg_desk_clear_list (self->missing_box);
  wg_desk_clear_list (self->reports_box);
  self->missing = 0;
  for (guint i = 0; i < missing->len; i++)
    {
      const WgMissingReport *m = g_ptr_array_index (missing, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", m->name, m->code);
      g_autofree char *subtitle = NULL;

      if (g_str_equal (m->code, self->grid_code))
        self->missing = m->missing;
      /* Translators: a grid above micro-grids: "3 of 40 micro-grids have not met" */
      subtitle = m->level == 5 ? g_strdup (_("No evening meeting recorded"))
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u micro-grid has not met",
                                                 "%u of %u micro-grids have not met", m->micro_grids),
                                    m->missing, m->micro_grids);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (m->level == 5)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Report…"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Enter this grid's patrol or meeting report"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "patrols.report");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", m->code);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->missing_box), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missing_group), missing->len > 0);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u micro-grid has not reported %s.",
                                              "%u micro-grids have not reported %s.", self->missing),
                                 self->missing, self->day);
  adw_preferences_group_set_description (self->missing_group, description);

  self->n_reports = reports->len;
  for (guint i = 0; i < reports->len; i++)
    {
      const WgPatrolInfo *p = g_ptr_array_index (reports, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", p->grid_name, wg_patrol_kind_describe (p->kind));
      g_autofree char *subtitle = NULL;

      /* Translators: "20:30 · 张伟 · 1 new returnee(s), 0 gathering(s) · what was found or reported" */
      subtitle = g_strdup_printf (_("%.5s · %s · new returnees %u, gatherings %u%s%s"), p->at + 11, p->done_by,
                                  p->new_returnees, p->gatherings,
                                  p->problems != NULL || p->reported_up != NULL ? " · " : "",
                                  p->problems != NULL ? p->problems : p->reported_up != NULL ? p->reported_up : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (self->reports_box), row);
    }
  {
    g_autofree char *counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report", "%u reports",
                                                             reports->len), reports->len);

    adw_preferences_group_set_description (self->reports_group, counted);
  }
}

static char *
check_report (GtkWidget *dialog)
{
  const char *by = wg_form_dialog_get_text (dialog, "by");
  const char *at = wg_form_dialog_get_text (dialog, "at");
  const char *numbers[] = { "returnees", "gatherings" };

  if (by == NULL || *by == '\0')
    return g_strdup ("");
  if (at == NULL || strlen (at) != 5 || at[2] != ':' || !g_ascii_isdigit (at[0]) || !g_ascii_isdigit (at[4]))
    return g_strdup (_("Write the time as HH:MM."));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      const char *text = wg_form_dialog_get_text (dialog, numbers[i]);

      if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, 10000, NULL, NULL))
        return g_strdup (_("New returnees and gatherings are counts: 0 or more."));
    }
  return NULL;
}

static void
on_report_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       WgPatrolsWindow  *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  WgPatrolReport report = { 0 };
  guint64 returnees = 0, gatherings = 0;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  at = g_strdup_printf ("%s %s:00", self->day, wg_form_dialog_get_text (GTK_WIDGET (dialog), "at"));
  g_ascii_string_to_unsigned (wg_form_dialog_get_text (GTK_WIDGET (dialog), "returnees"), 10, 0, 10000, &returnees,
                              NULL);
  g_ascii_string_to_unsigned (wg_form_dialog_get_text (GTK_WIDGET (dialog), "gatherings"), 10, 0, 10000, &gatherings,
                              NULL);
  report.grid_code = self->dialog_grid;
  report.day = self->day;
  report.kind = WG_PATROL_MORNING + wg_form_dialog_get_choice (GTK_WIDGET (dialog), "kind");
  report.at = at;
  report.done_by = wg_form_dialog_get_text (GTK_WIDGET (dialog), "by");
  report.new_returnees = returnees;
  report.gatherings = gatherings;
  report.problems = wg_form_dialog_get_text (GTK_WIDGET (dialog), "problems");
  report.reported_up = wg_form_dialog_get_text (GTK_WIDGET (dialog), "reported");
  if (!wg_store_add_patrol_report (self->store, &report, NULL, &error))
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  wg_desk_toast (self->toast_overlay, _("Report recorded."));
  wg_patrols_window_reload (self);
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgPatrolsWindow *self = WG_PATROLS_WINDOW (widget);
  const char *kinds[] = { wg_patrol_kind_describe (WG_PATROL_MORNING), wg_patrol_kind_describe (WG_PATROL_AFTERNOON),
                          wg_patrol_kind_describe (WG_PATROL_MEETING), NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  g_autofree char *body = NULL;
  GtkWidget *kind;

  if (self->dialog != NULL)
    return;
  g_free (self->dialog_grid);
  self->dialog_grid = g_strdup (g_variant_get_string (parameter, NULL));
  body = g_strdup_printf (_("Grid %s, %s."), self->dialog_grid, self->day);
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Patrol or Meeting Report"), body, check_report);
  kind = wg_form_dialog_add_choice (self->dialog, "kind", _("Which"), kinds);
  wg_form_dialog_add_field (self->dialog, "at", _("At (HH:MM)"), time);
  wg_form_dialog_add_field (self->dialog, "by", _("Patrolled or Attended By"), NULL);
  wg_form_dialog_add_field (self->dialog, "returnees", _("New Returnees Found"), "0");
  wg_form_dialog_add_field (self->dialog, "gatherings", _("Unreported Gatherings Found"), "0");
  wg_form_dialog_add_field (self->dialog, "problems", _("Problems Found"), NULL);
  wg_form_dialog_add_field (self->dialog, "reported", _("Reported Up"), NULL);
  /* What is missing is the meeting: offered first. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 2);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Record"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_report_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

/**
 * wg_patrols_window_set_day:
 * @self: a #WgPatrolsWindow
 * @day: the day, YYYY-MM-DD
 */
void
wg_patrols_window_set_day (WgPatrolsWindow *self,
                           const char      *day)
{
  g_return_if_fail (WG_IS_PATROLS_WINDOW (self));
  g_return_if_fail (wg_desk_day_is_valid (day));

  wg_desk_show_day (self->day_entry, &self->day, day);
  if (self->store != NULL)
    wg_patrols_window_reload (self);
}

guint
wg_patrols_window_get_missing (WgPatrolsWindow *self)
{
  g_return_val_if_fail (WG_IS_PATROLS_WINDOW (self), 0);

  return self->missing;
}

guint
wg_patrols_window_get_n_reports (WgPatrolsWindow *self)
{
  g_return_val_if_fail (WG_IS_PATROLS_WINDOW (self), 0);

  return self->n_reports;
}

GtkWidget *
wg_patrols_window_get_dialog (WgPatrolsWindow *self)
{
  g_return_val_if_fail (WG_IS_PATROLS_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_patrols_window_dispose (GObject *object)
{
  WgPatrolsWindow *self = WG_PATROLS_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->grid_code, g_free);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->dialog_grid, g_free);

  G_OBJECT_CLASS (wg_patrols_window_parent_class)->dispose (object);
}

static void
wg_patrols_window_class_init (WgPatrolsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_patrols_window_dispose;

  gtk_widget_class_install_action (widget_class, "patrols.report", "s", report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_patrols_window_init (WgPatrolsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();

  self->day = wg_desk_today ();
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_title (GTK_WINDOW (self), _("Patrols and Meetings"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 700);
  self->day_entry = wg_desk_day_entry_new (self->day, self->toast_overlay, (WgDeskDayFunc) wg_patrols_window_set_day,
                                           self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->day_entry);
  gtk_box_append (GTK_BOX (box), header);

  self->missing_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->missing_group, _("Not Reported"));
  self->missing_box = wg_desk_boxed_list_new ();
  adw_preferences_group_add (self->missing_group, self->missing_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->missing_group);
  self->reports_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->reports_group, _("The Day's Reports"));
  self->reports_box = wg_desk_boxed_list_new ();
  adw_preferences_group_add (self->reports_group, self->reports_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->reports_group);

  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_patrols_window_new:
 * @store: the county database
 * @grid_code: the grid
 * @grid_name: its name
 *
 * Returns: (transfer full): today's patrols of the grid and those under it
 */
WgPatrolsWindow *
wg_patrols_window_new (WgStore    *store,
                       const char *grid_code,
                       const char *grid_name)
{
  WgPatrolsWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_PATROLS_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->grid_code = g_strdup (grid_code);
  /* Translators: the window's title: "Patrols and Meetings — 乐昌镇" */
  title = g_strdup_printf (_("Patrols and Meetings — %s"), grid_name != NULL ? grid_name : grid_code);
  gtk_window_set_title (GTK_WINDOW (self), title);
  wg_patrols_window_reload (self);
  return self;
}
