/* wg-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's actions: who is at the desk, printing labels and dossiers,
 * the temperature round, import and export, a returnee phoned in, a demo
 * county, the sensors' window, the alert panel shown or hidden, and the
 * toasts dialogs ask for (win.toast).
 */

#define G_LOG_DOMAIN "wg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-window-private.h"
#include "wg-alert-engine.h"
#include "wg-alert-panel.h"
#include "wg-application.h"
#include "wg-context.h"
#include "wg-count-card.h"
#include "wg-dashboard-window.h"
#include "wg-disinfection-window.h"
#include "wg-demo.h"
#include "wg-window-edit-actions.h"
#include "wg-export-file.h"
#include "wg-export.h"
#include "wg-first-frame.h"
#include "wg-form-dialog.h"
#include "wg-grid-node.h"
#include "wg-grid-page.h"
#include "wg-grid-row.h"
#include "wg-household-page.h"
#include "wg-import-dialog.h"
#include "wg-import.h"
#include "wg-label.h"
#include "wg-person-page.h"
#include "wg-print-view.h"
#include "wg-returnee-form.h"
#include "wg-round-view.h"
#include "wg-sensor-feed.h"
#include "wg-returnees-window.h"
#include "wg-away-window.h"
#include "wg-board-window.h"
#include "wg-orders-window.h"
#include "wg-patrols-window.h"
#include "wg-roster-window.h"
#include "wg-sampling-window.h"
#include "wg-sites-window.h"
#include "wg-transfers-window.h"
#include "wg-sensors-window.h"
#include "wg-store-alerts.h"
#include "wg-store-grids.h"
#include "wg-store-patrols.h"
#include "wg-store-records.h"
#include "wg-store-search.h"
#include "wg-store-settings.h"
#include "wg-table-writer.h"

typedef struct
{
  WgExportList list;
  char *grid_code;
  char *today;
} ExportJob;

static void
on_operator_changed_cb (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

/* Enter saves, once there is a name. */
static void
on_operator_activate_cb (GtkEntry         *entry,
                         AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "save"))
    adw_message_dialog_response (dialog, "save");
}

static void
on_operator_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         WgWindow         *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "save") || *name == '\0' || self->context == NULL)
    return;
  wg_context_set_operator (self->context, name);
  {
    g_autofree char *message = g_strdup_printf (_("Changes are now recorded under “%s”"), name);

    wg_window_add_toast (self, message);
  }
}

/* Who is at the desk: asked at first start and from the primary menu; the
 * audit log, acknowledgements and printed footers carry the name. */
static void
ask_operator (WgWindow *self)
{
  const char *current = wg_window_sync_operator (self);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Who Is at the Desk?"),
                                                       _("Your name goes into the audit log, onto acknowledged alerts and into the footer of everything printed.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name, as colleagues know you"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Operator's name"), -1);
  if (current != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), current);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Later"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "save", current != NULL);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_operator_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_operator_activate_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_operator_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static gboolean
ask_operator_cb (gpointer data)
{
  WgWindow *self = data;

  self->operator_id = 0;
  if (wg_window_sync_operator (self) == NULL)
    ask_operator (self);
  return G_SOURCE_REMOVE;
}

void
wg_window_queue_ask_operator (GtkWidget *widget)
{
  WgWindow *self = WG_WINDOW (widget);

  if (self->operator_id == 0 && wg_window_sync_operator (self) == NULL)
    self->operator_id = g_idle_add (ask_operator_cb, self);
}

static void
operator_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_operator (WG_WINDOW (widget));
}

static void
print_labels_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autofree char *code = NULL;
  WgPrintView *view;

  if (self->store == NULL)
    return;

  /* Where the operator is: the grid on screen (a household's page keeps its
   * grid's), never the whole county by surprise. */
  code = wg_window_dup_current_grid_code (self);
  view = wg_print_view_new (self->store, code);
  gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (view));
}

/**
 * wg_window_open_dossier:
 * @self: a #WgWindow
 * @code: a resident ID number, a household code or a grid code
 * @then: ask where to export it or open the print dialog once it is ready
 *
 * Opens the print view on the dossier (or packet) of @code. The view shows
 * the pages while they are made, with progress and Cancel for a packet.
 *
 * Returns: (transfer none): the print view
 */
WgPrintView *
wg_window_open_dossier (WgWindow    *self,
                        const char  *code,
                        WgPrintThen  then)
{
  WgPrintView *view;

  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  view = wg_print_view_new_for_dossiers (self->store, code, then);
  gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (view));
  return view;
}

/* win.dossier ("CODE", "export" or "print"): what the pages' buttons do. */
static void
dossier_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  const char *code, *then;

  g_variant_get (parameter, "(&s&s)", &code, &then);
  if (WG_WINDOW (widget)->store != NULL && *code != '\0')
    wg_window_open_dossier (WG_WINDOW (widget), code,
                            g_str_equal (then, "print") ? WG_PRINT_THEN_PRINT : WG_PRINT_THEN_EXPORT);
}

static void
temperature_round_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  WgGridNode *node = wg_grid_page_get_node (self->grid_page);
  g_autoptr(GError) error = NULL;
  WgRoundView *view;

  if (node == NULL || self->store == NULL)
    return;

  wg_window_sync_operator (self);
  view = wg_round_view_new (self->store, wg_grid_node_get_code (node), wg_grid_node_get_name (node),
                            &error);
  if (view == NULL)
    {
      wg_window_add_toast (self, error->message);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (view));
}

/* The grid the operator is on: the grid page's, else the county. */
char *
wg_window_dup_current_grid_code (WgWindow *self)
{
  if (wg_grid_page_get_node (self->grid_page) != NULL)
    return g_strdup (wg_grid_node_get_code (wg_grid_page_get_node (self->grid_page)));
  return wg_store_dup_county_code (self->store);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  WgImportKind kind = WG_IMPORT_KIND_RETURNEES;
  WgImportDialog *dialog;

  if (self->store == NULL)
    return;
  wg_import_kind_from_string (g_variant_get_string (parameter, NULL), &kind);
  wg_window_sync_operator (self);
  dialog = wg_import_dialog_new (GTK_WINDOW (self), self->context, kind);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->grid_code);
  g_free (job->today);
  g_free (job);
}

static gboolean
write_list (WgStore        *store,
            const char     *path,
            WgTableFormat   format,
            guint          *rows,
            gpointer        user_data,
            GError        **error)
{
  ExportJob *job = user_data;

  return wg_export_write_list (store, job->list, job->grid_code, job->today, path, format, NULL, rows, error);
}

static ExportJob *
export_job_new (WgWindow   *self,
                const char *list_name)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  if (!wg_export_list_from_string (list_name, &job->list))
    job->list = WG_EXPORT_LIST_PERSONS;
  /* The alert panel and the sensors list are the county's, whatever grid
   * is on screen. */
  if (job->list != WG_EXPORT_LIST_ALERTS && job->list != WG_EXPORT_LIST_SENSORS)
    job->grid_code = wg_window_dup_current_grid_code (self);
  job->today = wg_today ();
  return job;
}

/* win.export (s): a list of the grid on screen, to a file the operator names. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  ExportJob *job;
  g_autofree char *grid_name = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;
  wg_window_sync_operator (self);
  job = export_job_new (self, g_variant_get_string (parameter, NULL));
  grid_name = job->grid_code != NULL ? wg_store_dup_grid_name (self->store, job->grid_code, NULL, NULL)
                                     : wg_store_dup_county_name (self->store);
  name = g_strdup_printf ("%s-%s-%s", wg_export_list_title (job->list), grid_name != NULL ? grid_name : "",
                          job->today);
  wg_export_file_choose (widget, self->store, name, write_list, job, export_job_free);
}

/* win.export-to (ss): the same, to the file named (no dialog). */
static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  const char *list_name, *path;
  ExportJob *job;

  if (self->store == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &list_name, &path);
  job = export_job_new (self, list_name);
  wg_export_file_write (widget, self->store, path, write_list, job);
  export_job_free (job);
}

static gboolean
write_search (WgStore        *store,
              const char     *path,
              WgTableFormat   format,
              guint          *rows,
              gpointer        user_data,
              GError        **error)
{
  return wg_export_write_search (store, user_data, path, format, rows, error);
}

static void
export_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *today = wg_today ();
  g_autofree char *name = NULL;

  if (self->store == NULL || *query == '\0')
    return;
  name = g_strdup_printf ("搜索结果-%s-%s", query, today);
  g_strdelimit (name, "/\\:*?\"<>|", '_');
  wg_export_file_choose (widget, self->store, name, write_search, g_strdup (query), g_free);
}

static void
new_returnee_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autofree char *code = NULL;

  if (self->store == NULL || wg_store_is_empty (self->store))
    return;
  wg_window_sync_operator (self);
  code = wg_window_dup_current_grid_code (self);
  wg_form_dialog_present (wg_returnee_form_new (widget, self->store, code));
}

/* The empty database's other way in: a small county of made-up people,
 * marked as demo data wherever it shows. */
static void
build_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wg_today ();

  if (self->store == NULL || !wg_store_is_empty (self->store))
    return;
  wg_window_sync_operator (self);
  if (!wg_demo_build (self->store, WG_DEMO_SCALE_SMALL, 1, today, NULL, NULL, &error))
    {
      wg_window_add_toast (self, error->message);
      return;
    }
  wg_window_reload (self);
}

/* A desk's window over the main one; the modal ones are those that change
 * what the main window shows while they are open. */
static void
present_desk (WgWindow  *self,
              gpointer   window,
              gboolean   modal)
{
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), modal);
  gtk_window_present (GTK_WINDOW (window));
}

typedef gpointer (*WgGridWindowNew) (WgStore    *store,
                                     const char *grid_code,
                                     const char *grid_name);

/* A desk's window for the grid the main window shows. */
static void
present_grid_desk (WgWindow        *self,
                   WgGridWindowNew  window_new)
{
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL || !(code = wg_window_dup_current_grid_code (self)))
    return;
  name = wg_store_dup_grid_name (self->store, code, NULL, NULL);
  present_desk (self, window_new (self->store, code, name), FALSE);
}

#define COUNTY_DESK_ACTION(name, window_new, modal) \
  static void \
  name (GtkWidget  *widget, \
        const char *action_name, \
        GVariant   *parameter) \
  { \
    WgWindow *self = WG_WINDOW (widget); \
    if (self->store != NULL) \
      present_desk (self, window_new (self->store), modal); \
  }

#define GRID_DESK_ACTION(name, window_new) \
  static void \
  name (GtkWidget  *widget, \
        const char *action_name, \
        GVariant   *parameter) \
  { \
    present_grid_desk (WG_WINDOW (widget), (WgGridWindowNew) window_new); \
  }

COUNTY_DESK_ACTION (returnees_action, wg_returnees_window_new, TRUE)
COUNTY_DESK_ACTION (sites_action, wg_sites_window_new, TRUE)
COUNTY_DESK_ACTION (sampling_action, wg_sampling_window_new, TRUE)
COUNTY_DESK_ACTION (transfers_action, wg_transfers_window_new, TRUE)
COUNTY_DESK_ACTION (sensors_action, wg_sensors_window_new, TRUE)
COUNTY_DESK_ACTION (roster_action, wg_roster_window_new, FALSE)
GRID_DESK_ACTION (orders_action, wg_orders_window_new)
GRID_DESK_ACTION (patrols_action, wg_patrols_window_new)
GRID_DESK_ACTION (board_action, wg_board_window_new)
GRID_DESK_ACTION (away_action, wg_away_window_new)
GRID_DESK_ACTION (disinfection_action, wg_disinfection_window_new)

static void
on_dashboard_open_person_cb (WgWindow *self,
                             gint64    person_id)
{
  gtk_window_present (GTK_WINDOW (self));
  wg_window_open_person (self, person_id);
}

/* The leaders' dashboard of the grid shown; a person it opens is shown
 * here. */
static void
dashboard_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  WgDashboardWindow *dashboard;

  if (self->store == NULL || wg_store_is_empty (self->store) || !(code = wg_window_dup_current_grid_code (self)))
    return;
  name = wg_store_dup_grid_name (self->store, code, NULL, NULL);
  dashboard = wg_dashboard_window_new (self->store, code, name);
  g_signal_connect_object (dashboard, "open-person", G_CALLBACK (on_dashboard_open_person_cb), self,
                           G_CONNECT_SWAPPED);
  /* Its figures follow every change, as the grid page's do. */
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (wg_dashboard_window_queue_reload), dashboard,
                           G_CONNECT_SWAPPED);
  present_desk (self, dashboard, FALSE);
}

/* What a dialog or a helper has to tell the operator, on this window. */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  wg_window_add_toast (WG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
toggle_alerts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);

  gtk_toggle_button_set_active (self->alerts_button, !gtk_toggle_button_get_active (self->alerts_button));
}

static void
on_alerts_button_toggled_cb (WgWindow *self)
{
  gboolean visible = gtk_toggle_button_get_active (self->alerts_button);

  if (wg_window_get_settings (self) != NULL)
    g_settings_set_boolean (wg_window_get_settings (self), "alert-panel-visible", visible);
}

void
wg_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-search", NULL, export_search_action);
  gtk_widget_class_install_action (widget_class, "win.print-labels", NULL, print_labels_action);
  gtk_widget_class_install_action (widget_class, "win.import", "s", import_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.export-to", "(ss)", export_to_action);
  gtk_widget_class_install_action (widget_class, "win.new-returnee", NULL, new_returnee_action);
  gtk_widget_class_install_action (widget_class, "win.build-demo", NULL, build_demo_action);
  gtk_widget_class_install_action (widget_class, "win.dossier", "(ss)", dossier_action);
  gtk_widget_class_install_action (widget_class, "win.sensors", NULL, sensors_action);
  gtk_widget_class_install_action (widget_class, "win.returnees", NULL, returnees_action);
  gtk_widget_class_install_action (widget_class, "win.sites", NULL, sites_action);
  gtk_widget_class_install_action (widget_class, "win.board", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "win.sampling", NULL, sampling_action);
  gtk_widget_class_install_action (widget_class, "win.orders", NULL, orders_action);
  gtk_widget_class_install_action (widget_class, "win.patrols", NULL, patrols_action);
  gtk_widget_class_install_action (widget_class, "win.roster", NULL, roster_action);
  gtk_widget_class_install_action (widget_class, "win.away", NULL, away_action);
  gtk_widget_class_install_action (widget_class, "win.disinfection", NULL, disinfection_action);
  gtk_widget_class_install_action (widget_class, "win.dashboard", NULL, dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.transfers", NULL, transfers_action);
  gtk_widget_class_install_action (widget_class, "win.operator", NULL, operator_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-alerts", NULL, toggle_alerts_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.temperature-round", NULL,
                                   temperature_round_action);
  wg_edit_actions_install (widget_class);
}

/**
 * wg_window_check_reports:
 * @self: a #WgWindow
 * @now: the desk's clock
 *
 * From the county's report hour (`report-hour`, 21:00 by default), once a
 * day: how many micro-grids under the grid shown have not met today, in a
 * toast that stays until dismissed and opens the patrols window.
 *
 * Returns: the micro-grids missing when the toast was shown; 0 when all
 *   have reported; -1 when it is not the hour, or already shown today
 */
int
wg_window_check_reports (WgWindow  *self,
                         GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *hour_text = NULL;
  g_autofree char *today = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  guint64 hour = 21;
  guint count = 0;
  AdwToast *toast;

  g_return_val_if_fail (WG_IS_WINDOW (self), -1);

  if (self->store == NULL || wg_store_is_empty (self->store) || !(code = wg_window_dup_current_grid_code (self)))
    return -1;
  hour_text = wg_store_dup_setting (self->store, "report-hour", NULL);
  if (hour_text != NULL)
    g_ascii_string_to_unsigned (hour_text, 10, 0, 23, &hour, NULL);
  today = g_date_time_format (now, "%Y-%m-%d");
  if ((guint64) g_date_time_get_hour (now) < hour || g_strcmp0 (self->reports_prompted, today) == 0)
    return -1;
  if (!(missing = wg_store_list_missing_reports (self->store, code, today, &error)))
    {
      wg_window_add_toast (self, error->message);
      return -1;
    }
  g_free (self->reports_prompted);
  self->reports_prompted = g_steal_pointer (&today);
  for (guint i = 0; i < missing->len; i++)
    {
      const WgMissingReport *m = g_ptr_array_index (missing, i);

      if (g_str_equal (m->code, code))
        count = m->missing;
    }
  if (count == 0)
    return 0;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u micro-grid has not reported its evening meeting today.",
                                          "%u micro-grids have not reported their evening meeting today.", count),
                             count);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.patrols");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return (int) count;
}

static gboolean
check_reports_cb (gpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  wg_window_check_reports (WG_WINDOW (data), now);
  return G_SOURCE_CONTINUE;
}

void
wg_window_init_actions (WgWindow *self)
{
  g_signal_connect_swapped (self->alerts_button, "toggled", G_CALLBACK (on_alerts_button_toggled_cb), self);
  self->reports_check_id = g_timeout_add_seconds (60, check_reports_cb, self);
}
