/* test-alert-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The alert panel under Xvfb, live: a private mosquitto, the application
 * started on it with --broker's setting, a door opening published in
 * Zigbee2MQTT's format; the row appears, the tree marks the path, and the
 * alert is acknowledged, dispatched and resolved with the row's buttons.
 * Also the sensors window and a visit planned on the household page.
 */

#include "config.h"

#include <adwaita.h>
#include <stdarg.h>

#include "wg-alert-panel-private.h"
#include "wg-application.h"
#include "wg-demo.h"
#include "wg-grid-node.h"
#include "wg-household-page.h"
#include "wg-sensor-feed.h"
#include "wg-sensors-window.h"
#include "wg-store-alerts.h"
#include "wg-store-sensors.h"
#include "wg-window-private.h"

#include "../wg-test-broker.h"
#include "../wg-test-app.h"
#include "../wg-test-gtk.h"
#include "../wg-test-util.h"

static char *tmp_dir;
static char *db_path;
static Broker broker;
static WgApplication *app;

static void
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static gboolean
feed_connected (gpointer window)
{
  WgSensorFeed *feed = wg_window_get_feed (window);

  return feed != NULL && wg_sensor_feed_get_state (feed) == WG_FEED_STATE_CONNECTED;
}

static gboolean
has_no_rows (gpointer panel)
{
  return wg_alert_panel_get_n_rows (panel) == 0;
}

static gboolean
has_one_row (gpointer panel)
{
  return wg_alert_panel_get_n_rows (panel) == 1;
}

static gboolean
has_dialog (gpointer panel)
{
  return wg_alert_panel_get_dialog (panel) != NULL;
}

/* The row's button for @action, as a user would press it. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0 &&
      gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
press (WgAlertPanel *panel,
       const char   *action)
{
  GtkWidget *row = wg_alert_panel_get_row (panel, 0, NULL);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = find_button (GTK_WIDGET (row), action);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  /* The panel shows the step once the click is over. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static WgAlertState
stored_state (gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_autoptr(WgAlertInfo) alert = NULL;

  g_assert_no_error (error);
  alert = wg_store_get_alert (store, id, &error);
  g_assert_no_error (error);
  return alert->state;
}

static void
test_opening_to_resolved (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  g_autofree char *household = NULL;
  g_autofree char *topic = NULL;
  const WgAlertInfo *alert;
  WgAlertPanel *panel;
  WgWindow *window;
  GtkWidget *dialog;
  GtkLabel *badge;
  gint64 id;

  {
    g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(GPtrArray) sensors = wg_store_list_sensors (store, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < sensors->len && device == NULL; i++)
      {
        WgSensorInfo *sensor = g_ptr_array_index (sensors, i);

        if (sensor->armed)
          {
            device = g_strdup (sensor->device);
            household = g_strdup (sensor->household_code);
          }
      }
    g_assert_nonnull (device);
  }

  g_application_activate (G_APPLICATION (app));
  window = WG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (WG_IS_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  panel = wg_window_get_alert_panel (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  wait_for (feed_connected, window);
  g_assert_cmpuint (wg_alert_panel_get_n_rows (panel), ==, 0);

  /* A door opens on a household in quarantine. */
  topic = g_strdup_printf ("zigbee2mqtt/%s", device);
  publish (&broker, topic, "{\"battery\":91,\"contact\":true,\"linkquality\":96}");
  publish (&broker, topic, "{\"battery\":91,\"contact\":false,\"linkquality\":96}");
  wait_for (has_one_row, panel);
  {
    GtkWidget *alert_row = wg_alert_panel_get_row (panel, 0, &alert);
    g_autofree char *name = g_strdup_printf ("%s, %s, %s", wg_alert_kind_describe (alert->kind),
                                             wg_severity_describe (alert->severity), alert->address);

    /* What a screen reader says of the row: kind, severity, where. */
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (alert_row), GTK_ACCESSIBLE_PROPERTY_LABEL));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (alert_row), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  }
  id = alert->id;
  g_assert_cmpint (alert->kind, ==, WG_ALERT_KIND_DOOR_OPENED);
  g_assert_cmpstr (alert->household_code, ==, household);
  g_assert_nonnull (alert->worker);

  /* The header's badge counts it; the tree marks the county. */
  badge = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), WG_TYPE_WINDOW, "alerts_badge"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (badge)));
  g_assert_cmpstr (gtk_label_get_label (badge), ==, "1");
  g_assert_cmpuint (wg_grid_node_get_n_open_alerts (wg_grid_tree_get_root (wg_window_get_tree (window))), ==, 1);

  /* Acknowledge, dispatch to the grid worker, resolve: with the row's buttons. */
  press (panel, "alerts.acknowledge");
  g_assert_cmpint (stored_state (id), ==, WG_ALERT_STATE_ACKNOWLEDGED);
  /* Dispatch asks whom to send, the grid worker chosen. */
  press (panel, "alerts.dispatch");
  wait_for (has_dialog, panel);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (wg_alert_panel_get_dialog (panel)), "dispatch");
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (stored_state (id), ==, WG_ALERT_STATE_DISPATCHED);
  {
    g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(WgAlertInfo) dispatched = wg_store_get_alert (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dispatched->dispatched_to, ==, dispatched->worker);
  }

  /* Activating the row opens the household. */
  g_signal_emit_by_name (wg_alert_panel_get_row (panel, 0, NULL), "activate");
  g_assert_true (WG_IS_HOUSEHOLD_PAGE (wg_window_get_content (window)));

  press (panel, "alerts.resolve");
  wait_for (has_dialog, panel);
  dialog = wg_alert_panel_get_dialog (panel);
  /* No outcome is chosen for the operator: Resolve waits for one. */
  {
    GtkDropDown *outcome = g_object_get_data (G_OBJECT (dialog), "outcome");

    g_assert_cmpuint (gtk_drop_down_get_selected (outcome), ==, GTK_INVALID_LIST_POSITION);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "resolve"));
    gtk_drop_down_set_selected (outcome, WG_ALERT_OUTCOME_AUTHORISED_EXIT - 1);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "resolve"));
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "resolve");
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (stored_state (id), ==, WG_ALERT_STATE_RESOLVED);
  {
    g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(WgAlertInfo) resolved = wg_store_get_alert (store, id, &error);

    g_assert_cmpint (resolved->outcome, ==, WG_ALERT_OUTCOME_AUTHORISED_EXIT);
  }
  /* While the operator's focus is on the list, the row stays where it was,
   * shown resolved; when the focus goes, so does the row. */
  if (wg_alert_panel_get_held (panel))
    {
      wg_alert_panel_get_row (panel, 0, &alert);
      g_assert_cmpint (alert->state, ==, WG_ALERT_STATE_RESOLVED);
      gtk_window_set_focus (GTK_WINDOW (window), NULL);
    }
  wait_for (has_no_rows, panel);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (badge)));
  g_assert_cmpuint (wg_grid_node_get_n_open_alerts (wg_grid_tree_get_root (wg_window_get_tree (window))), ==, 0);

  /* A visit planned on that household's page. */
  {
    WgHouseholdPage *page = WG_HOUSEHOLD_PAGE (wg_window_get_content (window));
    g_autoptr(WgStore) store = NULL;
    g_autoptr(GPtrArray) visits = NULL;
    g_autoptr(GPtrArray) planned = NULL;
    GtkWindow *form;

    /* The demo's disinfection plan has its windows there already. */
    store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    planned = wg_store_list_visit_windows (store, wg_grid_node_get_id (wg_household_page_get_node (page)), &error);
    g_assert_no_error (error);
    g_clear_object (&store);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "household.schedule-visit", NULL));
    form = GTK_WINDOW (wg_household_page_get_add_dialog (page));
    g_assert_nonnull (form);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "add"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (form), "add");
    store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    visits = wg_store_list_visit_windows (store, wg_grid_node_get_id (wg_household_page_get_node (page)), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (visits->len, ==, planned->len + 1);
  }

  /* The sensors window lists them all. */
  {
    g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(GPtrArray) sensors = wg_store_list_sensors (store, NULL, &error);
    WgSensorsWindow *sensors_window;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sensors", NULL));
    sensors_window = WG_SENSORS_WINDOW (wg_test_find_toplevel (WG_TYPE_SENSORS_WINDOW));
    g_assert_nonnull (sensors_window);
    g_assert_cmpuint (wg_sensors_window_get_n_rows (sensors_window), ==, sensors->len);
    gtk_window_destroy (GTK_WINDOW (sensors_window));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static const char *
bridge_text (WgAlertPanel *panel)
{
  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (panel), WG_TYPE_ALERT_PANEL,
                                                                        "bridge_label")));
}

static gboolean
bridge_said_online (gpointer panel)
{
  return strstr (bridge_text (panel), "online") != NULL;
}

/* Zigbee2MQTT's bridge goes offline (its retained last will): one high
 * alert, and the panel says the bridge is offline beside the broker; it
 * comes back, and the alert resolves itself. */
static void
test_bridge_offline (void)
{
  const WgAlertInfo *alert;
  WgAlertPanel *panel;
  WgWindow *window;
  GtkWidget *row;

  g_application_activate (G_APPLICATION (app));
  window = WG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  panel = wg_window_get_alert_panel (window);
  wait_for (feed_connected, window);
  wait_for (has_no_rows, panel);
  g_assert_nonnull (strstr (bridge_text (panel), "not heard"));

  publish (&broker, "zigbee2mqtt/bridge/state", "{\"state\":\"offline\"}");
  wait_for (has_one_row, panel);
  row = wg_alert_panel_get_row (panel, 0, &alert);
  g_assert_cmpint (alert->kind, ==, WG_ALERT_KIND_BRIDGE_OFFLINE);
  g_assert_cmpint (alert->severity, ==, WG_SEVERITY_HIGH);
  g_assert_nonnull (strstr (bridge_text (panel), "offline"));
  /* The row says what it is, for whoever cannot see its colour. */
  g_assert_nonnull (find_button (GTK_WIDGET (row), "alerts.acknowledge"));

  publish (&broker, "zigbee2mqtt/bridge/state", "{\"state\":\"online\"}");
  wait_for (has_no_rows, panel);
  wait_for (bridge_said_online, panel);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
new_alerts_wait (gpointer panel)
{
  GtkWidget *button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (panel), WG_TYPE_ALERT_PANEL, "new_button");

  return gtk_widget_get_visible (button) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "2 new alerts") == 0;
}

static gint64 acted_on;

static gboolean
acknowledged (gpointer data)
{
  return stored_state (acted_on) == WG_ALERT_STATE_ACKNOWLEDGED;
}

static gboolean
has_three_rows (gpointer panel)
{
  return wg_alert_panel_get_n_rows (panel) == 3;
}

static guint watched_index;

static gboolean
watched_row_acknowledged (gpointer panel)
{
  const WgAlertInfo *alert = NULL;

  wg_alert_panel_get_row (panel, watched_index, &alert);
  return alert != NULL && alert->state == WG_ALERT_STATE_ACKNOWLEDGED;
}

/* Two alerts arrive while the pointer rests on a card's Acknowledge: the
 * list does not move, they wait behind "2 new alerts", and the click
 * acknowledges the alert under the pointer — no other. */
static void
test_list_holds_still (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) armed = g_ptr_array_new_with_free_func (g_free);
  const WgAlertInfo *alert;
  WgAlertPanel *panel;
  WgWindow *window;
  GtkWidget *button;

  {
    g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(GPtrArray) sensors = wg_store_list_sensors (store, NULL, &error);

    /* Not the first armed one: the first test planned a visit on its home. */
    for (guint i = 0, n = 0; i < sensors->len && armed->len < 2; i++)
      if (((WgSensorInfo *) g_ptr_array_index (sensors, i))->armed && n++ > 0)
        g_ptr_array_add (armed, g_strdup_printf ("zigbee2mqtt/%s", ((WgSensorInfo *) g_ptr_array_index (sensors, i))->device));
    g_assert_cmpuint (armed->len, ==, 2);
  }

  g_application_activate (G_APPLICATION (app));
  window = WG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  panel = wg_window_get_alert_panel (window);
  wait_for (feed_connected, window);
  wait_for (has_no_rows, panel);

  /* The second armed door: one alert on screen. */
  publish (&broker, g_ptr_array_index (armed, 1), "{\"contact\":true,\"battery\":80}");
  publish (&broker, g_ptr_array_index (armed, 1), "{\"contact\":false,\"battery\":80}");
  wait_for (has_one_row, panel);
  wg_alert_panel_get_row (panel, 0, &alert);
  acted_on = alert->id;
  wg_test_spin (300);
  button = find_button (GTK_WIDGET (wg_alert_panel_get_row (panel, 0, NULL)), "alerts.acknowledge");
  g_assert_nonnull (button);
  wg_test_point_at (button);
  wg_test_spin (300);
  g_assert_true (wg_alert_panel_get_held (panel));

  /* Newer, as high: they would go on top and push the card down. */
  publish (&broker, g_ptr_array_index (armed, 0), "{\"contact\":true,\"battery\":80}");
  publish (&broker, g_ptr_array_index (armed, 0), "{\"contact\":false,\"battery\":80}");
  publish (&broker, "zigbee2mqtt/bridge/state", "{\"state\":\"offline\"}");
  wait_for (new_alerts_wait, panel);
  g_assert_cmpuint (wg_alert_panel_get_n_rows (panel), ==, 1);
  wg_alert_panel_get_row (panel, 0, &alert);
  g_assert_cmpint (alert->id, ==, acted_on);

  wg_test_xdotool ("click", "1", NULL);
  wait_for (acknowledged, NULL);
  {
    g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(GPtrArray) alerts = wg_store_list_alerts (store, TRUE, NULL, &error);

    g_assert_cmpuint (alerts->len, ==, 3);
    for (guint i = 0; i < alerts->len; i++)
      {
        WgAlertInfo *other = g_ptr_array_index (alerts, i);

        g_assert_cmpint (other->state, ==, other->id == acted_on ? WG_ALERT_STATE_ACKNOWLEDGED : WG_ALERT_STATE_OPEN);
      }
  }

  /* The pointer goes: the list shows everything. */
  wg_test_xdotool ("mousemove", "--sync", "1", "1", NULL);
  wait_for (has_three_rows, panel);

  /* Another desk acknowledges one of the open ones: that row alone is drawn
   * again, where it stands; the others are not touched. */
  {
    const WgAlertInfo *other = NULL;
    GtkWidget *other_row = NULL;
    gint64 other_id = 0;
    guint filled;

    for (watched_index = 0; watched_index < 3; watched_index++)
      {
        other_row = wg_alert_panel_get_row (panel, watched_index, &other);
        if (other->state == WG_ALERT_STATE_OPEN)
          break;
      }
    g_assert_cmpuint (watched_index, <, 3);
    g_assert_nonnull (other_row);
    other_id = other->id;
    filled = wg_alert_panel_get_n_rows_filled (panel);
    {
      g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);

      g_assert_no_error (error);
      wg_store_set_operator (store, "值班员乙");
      g_assert_true (wg_store_acknowledge_alert (store, other_id, &error));
      g_assert_no_error (error);
    }
    wait_for (watched_row_acknowledged, panel);
    wg_test_spin (300);
    g_assert_cmpuint (wg_alert_panel_get_n_rows_filled (panel), ==, filled + 1);
    g_assert_cmpuint (wg_alert_panel_get_n_rows (panel), ==, 3);
    g_assert_true (wg_alert_panel_get_row (panel, watched_index, &other) == other_row);
    g_assert_cmpint (other->id, ==, other_id);
    g_assert_cmpstr (other->acknowledged_by, ==, "值班员乙");
  }
  publish (&broker, "zigbee2mqtt/bridge/state", "{\"state\":\"online\"}");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int status;

  tmp_dir = wg_test_make_tmp_dir ();
  wg_test_isolate_user_dirs (tmp_dir);
  /* GTK's own accessibility layer records what a screen reader would be
   * told (GtkTestATContext), without an AT-SPI bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  wg_test_allow_no_notification_service ();
  if (!gtk_init_check ())
    g_error ("No display: run the ui suite under xvfb-run");
  adw_init ();
  mosquitto_lib_init ();

  /* A small county as of today: its home quarantines' sensors are armed now. */
  db_path = g_build_filename (tmp_dir, "county.db", NULL);
  {
    g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_CREATE, &error);

    g_assert_no_error (error);
    g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 5, NULL, NULL, NULL, &error));
  }

  broker.dir = g_build_filename (tmp_dir, "broker", NULL);
  g_assert_cmpint (g_mkdir_with_parents (broker.dir, 0700), ==, 0);
  broker.port = free_port ();
  broker_start (&broker);
  url = broker_url (&broker);

  app = wg_application_new (G_APPLICATION_NON_UNIQUE);
  /* Someone is at the desk (the first start's question has its own test). */
  g_settings_set_string (wg_application_get_settings (app), "operator-name", "值班员甲");
  wg_application_set_database_path (app, db_path);
  wg_application_set_broker_url (app, url);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  wg_test_add_ui_func ("/wg/ui/alert-panel/opening-to-resolved", test_opening_to_resolved);
  wg_test_add_ui_func ("/wg/ui/alert-panel/bridge-offline", test_bridge_offline);
  wg_test_add_ui_func ("/wg/ui/alert-panel/list-holds-still", test_list_holds_still);
  status = g_test_run ();

  g_clear_object (&app);
  broker_stop (&broker);
  mosquitto_lib_cleanup ();
  wg_test_remove_tree (tmp_dir);
  g_free (broker.dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
