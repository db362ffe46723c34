/* wg-database-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: where the county is kept. "This Computer" — a database file —
 * or "County Server" — the PostgreSQL server every desk of the command
 * centre shares: its name (or its Unix socket's folder), port, database,
 * this desk's login and the CA certificate to verify it by, kept in
 * GSettings; the password in the keyring. Test Connection opens the server
 * read-only with what is written, in a worker thread, and says what it
 * found or why it could not.
 */

#define G_LOG_DOMAIN "wg-database-group"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-application.h"
#include "wg-database-group.h"
#include "wg-secrets.h"

struct _WgDatabaseGroup
{
  AdwPreferencesGroup parent_instance;

  /* template widgets */
  AdwActionRow *file_row;
  GtkCheckButton *file_check;
  AdwExpanderRow *server_row;
  GtkCheckButton *server_check;
  AdwEntryRow *host_row;
  AdwEntryRow *port_row;
  AdwEntryRow *name_row;
  AdwEntryRow *user_row;
  AdwEntryRow *password_row;
  AdwActionRow *ca_row;
  AdwActionRow *test_row;
  GtkSpinner *test_spinner;

  /* owned */
  GSettings *settings;
  char *in_use;             /* the database open now, as shown */
  GtkFileChooserNative *chooser;
  GCancellable *cancellable;
  char *test_result;
};

G_DEFINE_FINAL_TYPE (WgDatabaseGroup, wg_database_group, ADW_TYPE_PREFERENCES_GROUP)

/**
 * wg_database_server_location:
 * @settings: the application's settings
 * @password: (nullable): the login's password
 *
 * Returns: (transfer full) (nullable): the county server's location from
 *   the settings, or %NULL when no server is written there
 */
char *
wg_database_server_location (GSettings  *settings,
                             const char *password)
{
  g_autofree char *host = g_strstrip (g_settings_get_string (settings, "server-host"));
  g_autofree char *database = g_strstrip (g_settings_get_string (settings, "server-database"));
  g_autofree char *user = g_strstrip (g_settings_get_string (settings, "server-user"));
  g_autofree char *ca_file = g_settings_get_string (settings, "server-ca-file");

  if (*host == '\0' || *database == '\0')
    return NULL;
  return wg_store_server_location (host, g_settings_get_int (settings, "server-port"), database, user, ca_file,
                                   password);
}

static void
toast (WgDatabaseGroup *self,
       const char      *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
update (WgDatabaseGroup *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "database-path");
  g_autofree char *kind = g_settings_get_string (self->settings, "database-kind");
  g_autofree char *ca_file = g_settings_get_string (self->settings, "server-ca-file");
  g_autofree char *server = wg_database_server_location (self->settings, NULL);
  g_autofree char *fallback = NULL;
  gboolean is_default = *configured == '\0';
  gboolean on_server = g_str_equal (kind, "server");
  g_autofree char *file = NULL;

  if (is_default)
    fallback = wg_default_database_path ();
  file = g_strdup (is_default ? fallback : configured);
  gtk_check_button_set_active (on_server ? self->server_check : self->file_check, TRUE);

  /* The one open now may be another (--database): say which is in use. */
  if (self->in_use != NULL && !on_server && g_strcmp0 (self->in_use, file) != 0)
    {
      g_autofree char *both = g_strdup_printf (_("In use now: %s (given on the command line) · at start: %s"),
                                               self->in_use, file);

      adw_action_row_set_subtitle (self->file_row, both);
    }
  else
    adw_action_row_set_subtitle (self->file_row, file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "database.reset-file", !is_default);

  if (server == NULL)
    adw_expander_row_set_subtitle (self->server_row, _("Not set up: write the server’s name and database below."));
  else
    {
      g_autofree char *shown = NULL;

      /* As every place shows a server: without the password, with the database. */
      shown = g_strdup (server);
      if (strchr (shown, '?') != NULL)
        *strchr (shown, '?') = '\0';
      if (self->in_use != NULL && on_server && g_strcmp0 (self->in_use, shown) != 0)
        {
          g_autofree char *both = g_strdup_printf (_("In use now: %s (given on the command line) · at start: %s"),
                                                   self->in_use, shown);

          adw_expander_row_set_subtitle (self->server_row, both);
        }
      else
        adw_expander_row_set_subtitle (self->server_row, shown);
    }
  adw_action_row_set_subtitle (self->ca_row, *ca_file != '\0' ? ca_file
                               : _("None: the connection is encrypted when the server offers it, but the server is not verified."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "database.clear-ca", *ca_file != '\0');
}

static void
on_settings_changed_cb (WgDatabaseGroup *self,
                        const char      *key,
                        GSettings       *settings)
{
  if (g_str_has_prefix (key, "database-") || g_str_has_prefix (key, "server-"))
    update (self);
}

static void
on_kind_toggled_cb (WgDatabaseGroup *self,
                    GtkCheckButton  *check)
{
  if (self->settings == NULL || !gtk_check_button_get_active (check))
    return;
  g_settings_set_string (self->settings, "database-kind", check == self->server_check ? "server" : "file");
}

static gboolean
port_from_text (GValue   *value,
                GVariant *variant,
                gpointer  data)
{
  g_value_take_string (value, g_strdup_printf ("%d", g_variant_get_int32 (variant)));
  return TRUE;
}

static GVariant *
port_to_setting (const GValue       *value,
                 const GVariantType *type,
                 gpointer            data)
{
  guint64 port = 0;

  /* A half-typed number keeps the last whole one. */
  if (!g_ascii_string_to_unsigned (g_value_get_string (value), 10, 1, 65535, &port, NULL))
    return NULL;
  return g_variant_new_int32 ((gint32) port);
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(WgDatabaseGroup) self = data;
  g_autoptr(GError) error = NULL;

  if (!wg_secrets_store_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The password could not be kept in the keyring: %s"),
                                                  error->message);

      toast (self, message);
      return;
    }
  toast (self, _("Password kept in the keyring"));
}

static void
on_password_apply_cb (WgDatabaseGroup *self,
                      AdwEntryRow     *row)
{
  g_autofree char *server = wg_database_server_location (self->settings, NULL);

  if (server == NULL)
    {
      toast (self, _("Write the server’s name and database first: the password is kept for them."));
      return;
    }
  wg_secrets_store_database_password (server, gtk_editable_get_text (GTK_EDITABLE (row)), self->cancellable,
                                      on_password_stored_cb, g_object_ref (self));
}

/* Test Connection */

static void
test_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (data, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_autofree char *county = NULL;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  county = wg_store_dup_county_name (store);
  if (county == NULL)
    g_task_return_pointer (task, g_strdup_printf (_("Connected to %s: schema version %u, no county in it yet."),
                                                  wg_store_get_path (store),
                                                  wg_store_get_schema_version (store)),
                           g_free);
  else
    g_task_return_pointer (task, g_strdup_printf (_("Connected to %s: %s, schema version %u."),
                                                  wg_store_get_path (store), county,
                                                  wg_store_get_schema_version (store)),
                           g_free);
}

static void
set_testing (WgDatabaseGroup *self,
             gboolean         testing,
             const char      *result)
{
  if (testing)
    gtk_spinner_start (self->test_spinner);
  else
    gtk_spinner_stop (self->test_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "database.test", !testing);
  if (result != NULL)
    {
      g_free (self->test_result);
      self->test_result = g_strdup (result);
      adw_action_row_set_subtitle (self->test_row, result);
    }
}

static void
on_tested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  WgDatabaseGroup *self = WG_DATABASE_GROUP (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *found = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_testing (self, FALSE, found != NULL ? found : error->message);
}

static void
start_test (WgDatabaseGroup *self,
            const char      *password)
{
  g_autofree char *location = wg_database_server_location (self->settings, password);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_tested_cb, NULL);

  g_task_set_source_tag (task, start_test);
  g_task_set_task_data (task, g_steal_pointer (&location), g_free);
  g_task_run_in_thread (task, test_thread);
}

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(WgDatabaseGroup) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = wg_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* No keyring, or nothing kept: libpq may still find its own way
   * (~/.pgpass, a trusted socket). */
  start_test (self, password);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgDatabaseGroup *self = WG_DATABASE_GROUP (widget);
  g_autofree char *server = wg_database_server_location (self->settings, NULL);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (server == NULL)
    {
      set_testing (self, FALSE, _("Write the server’s name and database first."));
      return;
    }
  set_testing (self, TRUE, _("Connecting…"));
  if (*typed != '\0')
    start_test (self, typed);
  else
    wg_secrets_lookup_database_password (server, self->cancellable, on_lookup_cb, g_object_ref (self));
}

/* Files */

static void
on_chooser_response_cb (WgDatabaseGroup      *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  const char *key = g_object_get_data (G_OBJECT (chooser), "key");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, key, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose (WgDatabaseGroup      *self,
        const char           *title,
        GtkFileChooserAction  action,
        const char           *key,
        const char           *filter_name,
        const char           *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), action,
                                               _("_Select"), _("_Cancel"));
  g_object_set_data (G_OBJECT (self->chooser), "key", (gpointer) key);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "wangge.db");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* Save mode: the user may pick an existing database or name a new one. */
  choose (WG_DATABASE_GROUP (widget), _("Choose the County Database"), GTK_FILE_CHOOSER_ACTION_SAVE,
          "database-path", _("Wangge databases"), "db");
}

static void
choose_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose (WG_DATABASE_GROUP (widget), _("Choose the CA Certificate"), GTK_FILE_CHOOSER_ACTION_OPEN,
          "server-ca-file", _("Certificates"), "crt");
}

static void
reset_file_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_settings_reset (WG_DATABASE_GROUP (widget)->settings, "database-path");
}

static void
clear_ca_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_settings_reset (WG_DATABASE_GROUP (widget)->settings, "server-ca-file");
}

/**
 * wg_database_group_set_settings:
 * @self: a #WgDatabaseGroup
 * @settings: the application's settings
 * @in_use: (nullable): the database open now
 */
void
wg_database_group_set_settings (WgDatabaseGroup *self,
                                GSettings       *settings,
                                WgStore         *in_use)
{
  g_return_if_fail (WG_IS_DATABASE_GROUP (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->in_use = in_use != NULL ? g_strdup (wg_store_get_path (in_use)) : NULL;
  g_settings_bind (settings, "server-host", self->host_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "server-database", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "server-user", self->user_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "server-port", self->port_row, "text", G_SETTINGS_BIND_DEFAULT,
                                port_from_text, port_to_setting, NULL, NULL);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
  {
    g_autofree char *kind = g_settings_get_string (settings, "database-kind");

    adw_expander_row_set_expanded (self->server_row, g_str_equal (kind, "server"));
  }
}

/**
 * wg_database_group_get_test_result:
 *
 * Returns: (nullable): what the last Test Connection found, or why it failed
 */
const char *
wg_database_group_get_test_result (WgDatabaseGroup *self)
{
  g_return_val_if_fail (WG_IS_DATABASE_GROUP (self), NULL);

  return self->test_result;
}

gboolean
wg_database_group_get_testing (WgDatabaseGroup *self)
{
  g_return_val_if_fail (WG_IS_DATABASE_GROUP (self), FALSE);

  return gtk_spinner_get_spinning (self->test_spinner);
}

static void
wg_database_group_dispose (GObject *object)
{
  WgDatabaseGroup *self = (WgDatabaseGroup *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_DATABASE_GROUP);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wg_database_group_parent_class)->dispose (object);
}

static void
wg_database_group_finalize (GObject *object)
{
  WgDatabaseGroup *self = (WgDatabaseGroup *) object;

  g_clear_object (&self->cancellable);
  g_free (self->in_use);
  g_free (self->test_result);

  G_OBJECT_CLASS (wg_database_group_parent_class)->finalize (object);
}

static void
wg_database_group_class_init (WgDatabaseGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_database_group_dispose;
  object_class->finalize = wg_database_group_finalize;

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-database-group.ui");
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, file_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, file_check);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, server_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, server_check);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, host_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, port_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, name_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, user_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, password_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, ca_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, test_row);
  gtk_widget_class_bind_template_child (widget_class, WgDatabaseGroup, test_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_apply_cb);

  gtk_widget_class_install_action (widget_class, "database.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "database.reset-file", NULL, reset_file_action);
  gtk_widget_class_install_action (widget_class, "database.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_install_action (widget_class, "database.clear-ca", NULL, clear_ca_action);
  gtk_widget_class_install_action (widget_class, "database.test", NULL, test_action);
}

static void
wg_database_group_init (WgDatabaseGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
