/* test-county-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Desks on the county server, as the operators see them (run by
 * tests/run-pg.sh: a private PostgreSQL cluster, under Xvfb, with a keyring
 * of its own: gnome-keyring on the test's session bus). Preferences choose
 * the county server, keep its password in the keyring, and Test Connection
 * says what it found, or why not; the next start opens the server with the
 * keyring's password. Two desks — two main windows, each with its own context and its own
 * connection to the server, as two computers would have — on one county:
 * what one desk saves shows on the other's tree, open file and alert panel
 * within two seconds, without reloading.
 */

#include "config.h"

#include <adwaita.h>
#include <libpq-fe.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wg-alert-engine.h"
#include "wg-alert-panel-private.h"
#include "wg-alert-row.h"
#include "wg-application.h"
#include "wg-context.h"
#include "wg-database-group.h"
#include "wg-demo.h"
#include "wg-grid-node.h"
#include "wg-person-page.h"
#include "wg-preferences-window.h"
#include "wg-secrets.h"
#include "wg-store-alerts.h"
#include "wg-store-grids.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-sensors.h"
#include "wg-test-db.h"
#include "wg-window-private.h"

#include "../wg-test-app.h"
#include "../wg-test-gtk.h"
#include "../wg-test-util.h"

#define MICRO "1410211002000101"

static char *tmp_dir;
static char *server;
static char *county;
static gint64 known_person;
static WgApplication *app;

/* Spins until @done or @ms pass; returns how long it took, or -1. */
static gint64
within (guint       ms,
        gboolean  (*done) (gpointer),
        gpointer    data)
{
  gint64 start = g_get_monotonic_time ();

  while (!done (data))
    {
      if (g_get_monotonic_time () - start > ms * 1000)
        return -1;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return (g_get_monotonic_time () - start) / 1000;
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL &&
      gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* A keyring of the test's own, unlocked, on the test's session bus. */
static void
start_keyring (void)
{
  const char *argv[] = { "gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize", NULL };
  g_autofree char *runtime = g_build_filename (tmp_dir, "run", NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean owned = FALSE;
  GPid pid;
  int input, status;

  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                           G_SPAWN_STDOUT_TO_DEV_NULL,
                                           NULL, NULL, &pid, &input, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The login keyring's password, on its standard input. */
  g_assert_cmpint (write (input, "wangge", 6), ==, 6);
  close (input);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  while (!owned && g_get_monotonic_time () < until)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                               G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                                               NULL, NULL);

      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (!owned)
        g_usleep (50000);
    }
  g_assert_true (owned);
}

static gboolean
not_testing (gpointer group)
{
  return !wg_database_group_get_testing (group);
}

/* Preferences: the county server chosen, written and tested; a wrong
 * database says why; what is written is where the next start goes. */
static void
test_preferences (void)
{
  GSettings *settings = wg_application_get_settings (app);
  g_autofree char *database = g_strdup (strstr (server, ":///") + 4);
  g_autofree char *location = NULL;
  g_autoptr(WgStore) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_county = NULL;
  WgDatabaseGroup *group;
  GtkWindow *prefs;
  GtkWidget *check;

  *strchr (database, '?') = '\0';
  wg_test_open_window (app, server);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  wg_test_spin (100);
  prefs = wg_test_find_toplevel (WG_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  group = WG_DATABASE_GROUP (gtk_widget_get_template_child (GTK_WIDGET (prefs), WG_TYPE_PREFERENCES_WINDOW,
                                                            "database_group"));
#define CHILD(name) GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (group), WG_TYPE_DATABASE_GROUP, name))
  check = CHILD ("server_check");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  {
    g_autofree char *kind = g_settings_get_string (settings, "database-kind");

    g_assert_cmpstr (kind, ==, "server");
  }
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("host_row")), g_getenv ("WANGGE_TEST_PG"));
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("name_row")), database);
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("user_row")), "postgres");
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("port_row")), "5432");

  /* The password, into the keyring — not into the settings. */
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("password_row")), "门磁-2026");
  g_signal_emit_by_name (CHILD ("password_row"), "apply");
  location = wg_database_server_location (settings, NULL);
  {
    g_autofree char *kept = NULL;
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while ((kept = wg_secrets_lookup_database_password_sync (location)) == NULL &&
           g_get_monotonic_time () < until)
      wg_test_spin (50);
    g_assert_cmpstr (kept, ==, "门磁-2026");
  }
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("password_row")), "");

  /* Tested with the keyring's password. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "database.test", NULL));
  g_assert_cmpint (within (10000, not_testing, group), >=, 0);
  g_test_message ("Test Connection: %s", wg_database_group_get_test_result (group));
  g_assert_nonnull (strstr (wg_database_group_get_test_result (group), county));

  /* The next start opens that county. */
  next = wg_store_open (location, 0, &error);
  g_assert_no_error (error);
  next_county = wg_store_dup_county_name (next);
  g_assert_cmpstr (next_county, ==, county);

  /* A database that is not there: the server's own words, nothing changed. */
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("name_row")), "no_such_county");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "database.test", NULL));
  g_assert_cmpint (within (10000, not_testing, group), >=, 0);
  g_test_message ("Test Connection: %s", wg_database_group_get_test_result (group));
  g_assert_nonnull (strstr (wg_database_group_get_test_result (group), "no_such_county"));
  g_assert_null (strstr (wg_database_group_get_test_result (group), county));

  gtk_editable_set_text (GTK_EDITABLE (CHILD ("name_row")), database);
#undef CHILD
  gtk_window_destroy (prefs);
  wg_test_close_windows (app);

  /* Started without --database: the county server, with the password from
   * the keyring; shown without it. */
  {
    WgWindow *window;
    WgStore *store;

    wg_application_set_database_path (app, NULL);
    g_application_activate (G_APPLICATION (app));
    window = WG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    store = wg_window_get_store (window);
    g_assert_nonnull (store);
    g_assert_true (wg_store_is_location_uri (wg_store_get_location (store)));
    g_assert_nonnull (strstr (wg_store_get_location (store), "password="));
    g_assert_null (strstr (wg_store_get_path (store), "password"));
    g_assert_cmpstr (wg_window_get_page (window), !=, "error");
    wg_test_close_windows (app);
  }
  g_settings_reset (settings, "database-kind");
}

typedef struct
{
  WgWindow *window;
  const char *text;
  gint64 id;
} Watch;

static gboolean
page_shows (gpointer data)
{
  Watch *watch = data;

  return shows_text (wg_window_get_content (watch->window), watch->text);
}

static gboolean
tree_says (gpointer data)
{
  Watch *watch = data;
  WgGridNode *node = wg_grid_tree_lookup (wg_window_get_tree (watch->window), MICRO);

  return g_strcmp0 (wg_grid_node_get_name (node), watch->text) == 0;
}

static gboolean
panel_says_acknowledged (gpointer data)
{
  Watch *watch = data;
  WgAlertPanel *panel = wg_window_get_alert_panel (watch->window);
  const WgAlertInfo *alert = NULL;

  for (guint i = 0; wg_alert_panel_get_row (panel, i, &alert) != NULL; i++)
    if (alert->id == watch->id)
      return alert->state == WG_ALERT_STATE_ACKNOWLEDGED && g_strcmp0 (alert->acknowledged_by, "值班员乙") == 0;
  return FALSE;
}

static gboolean
panel_has (gpointer data)
{
  Watch *watch = data;
  WgAlertPanel *panel = wg_window_get_alert_panel (watch->window);
  const WgAlertInfo *alert = NULL;

  for (guint i = 0; wg_alert_panel_get_row (panel, i, &alert) != NULL; i++)
    if (alert->id == watch->id)
      return TRUE;
  return FALSE;
}

/* Two desks on one county: B's phone correction shows on A's open file,
 * B's rename on A's tree, B's acknowledgement on A's panel — each within
 * two seconds, and A reads nothing else again. */
static void
test_two_desks (void)
{
  g_autoptr(GError) error = NULL;
  WgWindow *desk_a = wg_test_open_window (app, server);
  g_autoptr(WgStore) store_b = wg_store_open (server, 0, &error);
  g_autoptr(WgContext) context_b = NULL;
  g_autoptr(WgStore) feed_store = NULL;
  g_autoptr(WgAlertEngine) engine = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *topic = NULL;
  g_autofree char *device = NULL;
  WgWindow *desk_b;
  Watch watch = { desk_a, NULL, 0 };
  gint64 ms;

  g_assert_no_error (error);
  context_b = wg_context_new (wg_application_get_settings (app), store_b, NULL);
  desk_b = WG_WINDOW (wg_window_new (ADW_APPLICATION (app), context_b, NULL));
  gtk_window_present (GTK_WINDOW (desk_b));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (desk_b));
  wg_store_set_operator (store_b, "值班员乙");

  /* A has the file open; B corrects the phone number. */
  wg_window_open_person (desk_a, known_person);
  g_assert_true (WG_IS_PERSON_PAGE (wg_window_get_content (desk_a)));
  watch.text = "13700001234";
  g_assert_true (page_shows (&watch));
  g_assert_true (wg_store_update_person (store_b, known_person, "欧阳娜", "13912340000", "户主", &error));
  g_assert_no_error (error);
  watch.text = "13912340000";
  ms = within (2000, page_shows, &watch);
  g_test_message ("the phone number showed at desk A after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);

  /* B renames the micro-grid: A's tree row says so, where it stands. */
  g_assert_true (wg_store_rename_grid (store_b, MICRO, "东关第一网格", &error));
  g_assert_no_error (error);
  watch.text = "东关第一网格";
  ms = within (2000, tree_says, &watch);
  g_test_message ("the new name showed in desk A's tree after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);

  /* A door opens on a home in quarantine (the feed's own connection); B
   * acknowledges; A's panel shows it acknowledged by B's operator. */
  feed_store = wg_store_open (server, 0, &error);
  g_assert_no_error (error);
  engine = wg_alert_engine_new (feed_store, NULL);
  {
    g_autoptr(GPtrArray) sensors = wg_store_list_sensors (feed_store, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < sensors->len && device == NULL; i++)
      if (((WgSensorInfo *) g_ptr_array_index (sensors, i))->armed)
        device = g_strdup (((WgSensorInfo *) g_ptr_array_index (sensors, i))->device);
    g_assert_nonnull (device);
  }
  topic = g_strdup_printf ("zigbee2mqtt/%s", device);
  g_assert_true (wg_alert_engine_handle (engine, topic, "{\"contact\":true}", 16, 1, WG_MESSAGE_FLAGS_NONE, now,
                                         &error));
  g_assert_true (wg_alert_engine_handle (engine, topic, "{\"contact\":false}", 17, 2, WG_MESSAGE_FLAGS_NONE, now,
                                         &error));
  g_assert_no_error (error);
  alerts = wg_store_list_alerts (store_b, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, >=, 1);
  watch.id = ((WgAlertInfo *) g_ptr_array_index (alerts, 0))->id;
  ms = within (2000, panel_has, &watch);
  g_test_message ("the alert showed on desk A's panel after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);
  g_assert_true (wg_store_acknowledge_alert (store_b, watch.id, &error));
  g_assert_no_error (error);
  ms = within (2000, panel_says_acknowledged, &watch);
  g_test_message ("the acknowledgement showed on desk A's panel after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpint (ms, >=, 0);

  wg_test_close_windows (app);
}

static gboolean
panel_filled (gpointer data)
{
  Watch *watch = data;
  const WgAlertInfo *alert = NULL;

  return wg_alert_panel_get_row (wg_window_get_alert_panel (watch->window), 0, &alert) != NULL && alert != NULL;
}

/* A leader's screen: a viewer's login sees the alerts, and no step to take
 * on any of them (the server would refuse it anyway). */
static void
test_viewer_desk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) owner = wg_store_open (server, 0, &error);
  g_autofree char *db = g_strdup (strstr (server, ":///") + 4);
  g_autofree char *conninfo = NULL;
  g_autofree char *viewer = NULL;
  Watch watch = { 0 };
  WgAlertPanel *panel;
  GtkWidget *row;
  const WgAlertInfo *alert = NULL;
  guint n = 0;
  PGconn *conn;

  g_assert_no_error (error);
  g_assert_true (wg_store_grant_roles (owner, &error));
  g_assert_no_error (error);
  *strchr (db, '?') = '\0';
  conninfo = g_strdup_printf ("host=%s user=postgres dbname=%s", g_getenv ("WANGGE_TEST_PG"), db);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leader_screen')"
                         " THEN CREATE ROLE leader_screen LOGIN IN ROLE wangge_viewer; END IF; END $$"));
  PQfinish (conn);
  viewer = g_strdup_printf ("%.*s&user=leader_screen", (int) (strstr (server, "&user=") - server), server);

  watch.window = wg_test_open_window (app, viewer);
  g_assert_true (wg_store_is_read_only (wg_window_get_store (watch.window)));
  g_assert_cmpint (within (5000, panel_filled, &watch), >=, 0);
  panel = wg_window_get_alert_panel (watch.window);
  for (; (row = wg_alert_panel_get_row (panel, n, &alert)) != NULL; n++)
    {
      GtkWidget *steps = GTK_WIDGET (gtk_widget_get_template_child (row, WG_TYPE_ALERT_ROW, "steps_box"));

      g_assert_cmpint (alert->state, !=, WG_ALERT_STATE_RESOLVED);
      g_assert_false (gtk_widget_get_visible (steps));
    }
  g_assert_cmpuint (n, >=, 1);
  wg_test_close_windows (app);

  /* The same alerts at an operator's desk have their steps. */
  watch.window = wg_test_open_window (app, server);
  g_assert_cmpint (within (5000, panel_filled, &watch), >=, 0);
  row = wg_alert_panel_get_row (wg_window_get_alert_panel (watch.window), 0, &alert);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (row, WG_TYPE_ALERT_ROW,
                                                                                     "steps_box"))));
  wg_test_close_windows (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  WgPersonFields person = { "141021198003150013", "欧阳娜", "13700001234", "户主", 0 };
  int status;

  tmp_dir = wg_test_make_tmp_dir ();
  wg_test_isolate_user_dirs (tmp_dir);
  g_test_init (&argc, &argv, NULL);
  wg_test_allow_no_notification_service ();
  if (!wg_test_on_server ())
    {
      g_test_skip ("Runs on the county server: tests/run-pg.sh");
      return g_test_run ();
    }
  start_keyring ();
  if (!gtk_init_check ())
    g_error ("No display: run the ui suite under xvfb-run");
  adw_init ();

  server = wg_test_database (tmp_dir, "desks");
  store = wg_store_open (server, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 9, NULL, NULL, NULL, &error));
  g_assert_true (wg_store_add_household (store, MICRO, "T3STHH0001", "曲沃县乐昌镇测试巷1号", &person.household_id,
                                         &error));
  g_assert_true (wg_store_add_person (store, &person, &known_person, &error));
  g_assert_no_error (error);
  county = wg_store_dup_county_name (store);
  g_clear_object (&store);

  wg_test_add_ui_func ("/wg/ui/server/preferences", test_preferences);
  wg_test_add_ui_func ("/wg/ui/server/two-desks", test_two_desks);
  wg_test_add_ui_func ("/wg/ui/server/viewer-desk", test_viewer_desk);

  app = wg_application_new (G_APPLICATION_NON_UNIQUE);
  g_settings_set_string (wg_application_get_settings (app), "operator-name", "值班员甲");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  status = g_test_run ();

  g_clear_object (&app);
  wg_test_remove_tree (tmp_dir);
  g_free (server);
  g_free (county);
  g_free (tmp_dir);
  return status;
}
