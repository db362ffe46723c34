/* wg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: its actions and accelerators, the database it opens
 * (--database, else the one chosen in preferences, else the default file),
 * Preferences and About.
 */

#define G_LOG_DOMAIN "wg-application"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <errno.h>
#include <glib/gi18n.h>

#include "wg-application.h"
#include "wg-database-group.h"
#include "wg-secrets.h"
#include "wg-context.h"
#include "wg-preferences-window.h"
#include "wg-resources.h"
#include "wg-sensor-feed.h"
#include "wg-store.h"
#include "wg-window.h"

struct _WgApplication
{
  AdwApplication parent_instance;

  /* owned */
  GSettings *settings;
  char *database_path; /* from --database, or NULL */
  char *broker_url;    /* from --broker, or NULL */
  WgContext *context;  /* what the main window runs */
};

G_DEFINE_FINAL_TYPE (WgApplication, wg_application, ADW_TYPE_APPLICATION)

/**
 * wg_application_ensure_resources:
 *
 * Registers the application's GResource once. Every widget with a template
 * calls it in class_init, so widgets work without a WgApplication too (the
 * tests, the .ui validator).
 */
void
wg_application_ensure_resources (void)
{
  static gsize done = 0;

  /* The resources live in a static library: referring to them here makes
   * sure the linker keeps them. */
  if (g_once_init_enter (&done))
    {
      g_resources_register (wg_get_resource ());
      g_once_init_leave (&done, 1);
    }
}

static char *
dup_database_path (WgApplication *self)
{
  g_autofree char *configured = NULL;

  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  /* The county server: its password from the keyring, never from the
   * settings or a command line. */
  {
    GSettings *settings = wg_application_get_settings (self);
    g_autofree char *kind = g_settings_get_string (settings, "database-kind");
    g_autofree char *server = g_str_equal (kind, "server") ? wg_database_server_location (settings, NULL) : NULL;

    if (server != NULL)
      {
        g_autofree char *password = wg_secrets_lookup_database_password_sync (server);

        return wg_database_server_location (settings, password);
      }
  }

  configured = g_settings_get_string (wg_application_get_settings (self), "database-path");
  if (configured != NULL && *configured != '\0')
    return g_steal_pointer (&configured);

  return wg_default_database_path ();
}

static WgStore *
open_database (WgApplication  *self,
               GError        **error)
{
  g_autofree char *path = dup_database_path (self);
  g_autofree char *dir = g_path_get_dirname (path);

  /* The county server: nothing to make on this desk. */
  if (wg_store_is_location_uri (path))
    return wg_store_open (path, WG_STORE_OPEN_FLAGS_DEFAULT, error);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }

  return wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, error);
}

/* WANGGE_EXIT_AFTER_FIRST_FRAME (bench/bench-startup): the first frame is
 * painted once the frame clock ticks a second time; leave at once then. */
static gboolean
first_frame_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  static guint ticks;

  if (++ticks < 2)
    return G_SOURCE_CONTINUE;
  fflush (stdout);
  _exit (0);
}

static void
wg_application_activate (GApplication *app)
{
  WgApplication *self = WG_APPLICATION (app);
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      store = open_database (self, &error);
      if (error != NULL)
        g_message ("%s", error->message);
      /* The database is opened afresh for a new main window, with its own
       * sensors: the last window's stop as its context goes. */
      g_clear_object (&self->context);
      self->context = wg_context_new (wg_application_get_settings (self), store, self->broker_url);
      window = GTK_WINDOW (wg_window_new (ADW_APPLICATION (app), self->context, error));
      if (g_getenv ("WANGGE_EXIT_AFTER_FIRST_FRAME") != NULL)
        gtk_widget_add_tick_callback (GTK_WIDGET (window), first_frame_tick_cb, NULL, NULL);
    }

  gtk_window_present (window);
}

static int
wg_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  WgApplication *self = WG_APPLICATION (app);
  g_autofree char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("wangge %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    wg_application_set_database_path (self, database);
  if (g_variant_dict_lookup (options, "broker", "s", &self->broker_url))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;
      int port;
      gboolean tls;

      if (!wg_broker_url_parse (self->broker_url, &host, &port, &tls, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  return G_APPLICATION_CLASS (wg_application_parent_class)->handle_local_options (app, options);
}

static void
on_quit_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close windows (so each saves its state) rather than quitting hard. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
on_preferences_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WgApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  WgPreferencesWindow *prefs;

  if (self->context == NULL)
    self->context = wg_context_new (wg_application_get_settings (self), NULL, self->broker_url);
  prefs = wg_preferences_window_new (self->context);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
on_about_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *parent = gtk_application_get_active_window (app);
  static const char *developers[] = { "The Wangge developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Wangge"),
                        "developer-name", _("The Wangge developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Command centre for a county’s grid of epidemic-control responsibility: the grid, households and people, one file per person, door sensors and printed dossiers, labels and posters."),
                        "website", "https://github.com/wangge/wangge",
                        "issue-url", "https://github.com/wangge/wangge/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit_action },
  { "preferences", on_preferences_action },
  { "about", on_about_action },
};

static void
wg_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *alerts_accels[] = { "F9", NULL };
  static const char *round_accels[] = { "<Control>t", NULL };

  G_APPLICATION_CLASS (wg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print-labels", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.temperature-round", round_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.toggle-alerts", alerts_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
wg_application_finalize (GObject *object)
{
  WgApplication *self = (WgApplication *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->broker_url, g_free);

  G_OBJECT_CLASS (wg_application_parent_class)->finalize (object);
}

static void
wg_application_class_init (WgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = wg_application_finalize;

  app_class->activate = wg_application_activate;
  app_class->startup = wg_application_startup;
  app_class->handle_local_options = wg_application_handle_local_options;

  wg_application_ensure_resources ();
}

static void
wg_application_init (WgApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database instead of the usual one"), N_("PATH") },
    { "broker", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Take the door sensors from this MQTT broker instead of the one in preferences"),
      N_("mqtt://HOST:PORT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  /* No settings yet: --help and --version need no installed schema. */
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

WgApplication *
wg_application_new (GApplicationFlags flags)
{
  return g_object_new (WG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
wg_application_get_settings (WgApplication *self)
{
  g_return_val_if_fail (WG_IS_APPLICATION (self), NULL);

  /* Made when first needed, after the command line is handled. */
  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  return self->settings;
}

const char *
wg_application_get_database_path (WgApplication *self)
{
  g_return_val_if_fail (WG_IS_APPLICATION (self), NULL);

  return self->database_path;
}

void
wg_application_set_broker_url (WgApplication *self,
                               const char    *url)
{
  g_return_if_fail (WG_IS_APPLICATION (self));

  g_free (self->broker_url);
  self->broker_url = g_strdup (url);
}

/**
 * wg_application_set_database_path:
 * @self: a #WgApplication
 * @path: (nullable): the database to open, overriding preferences
 */
void
wg_application_set_database_path (WgApplication *self,
                                  const char    *path)
{
  g_return_if_fail (WG_IS_APPLICATION (self));

  g_free (self->database_path);
  if (path == NULL)
    self->database_path = NULL;
  else if (wg_store_is_location_uri (path))
    self->database_path = g_strdup (path);
  else
    self->database_path = g_canonicalize_filename (path, NULL);
}
