/* wg-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: the operator's name for the audit log, where the county is
 * kept (WgDatabaseGroup), what is kept in the county database, the sensors.
 */

#define G_LOG_DOMAIN "wg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-application.h"

#include "wg-database-group.h"
#include "wg-preferences-window.h"
#include "wg-secrets.h"
#include "wg-sensor-feed.h"
#include "wg-store-settings.h"
#include "wg-context.h"

struct _WgPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* template widgets */
  AdwEntryRow *operator_row;
  GtkSwitch *dashboard_switch;
  WgDatabaseGroup *database_group;
  AdwPreferencesGroup *printing_group;
  AdwEntryRow *url_row;
  AdwEntryRow *hotline_row;
  AdwEntryRow *organisation_row;
  AdwEntryRow *broker_row;
  AdwEntryRow *username_row;
  AdwEntryRow *password_row;
  AdwEntryRow *ca_row;
  AdwEntryRow *topic_row;
  AdwPreferencesGroup *heartbeat_group;
  AdwEntryRow *heartbeat_row;
  AdwPreferencesGroup *field_group;
  AdwEntryRow *roles_row;
  AdwEntryRow *accept_row;
  AdwEntryRow *report_hour_row;

  /* owned */
  WgContext *context;
  GSettings *settings;
  WgStore *store;
  GtkLabel *broker_in_use_label;
};

G_DEFINE_FINAL_TYPE (WgPreferencesWindow, wg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  N_PROPS
};

/* The rows that edit settings kept in the database, and their keys. */
#define N_STORE_ROWS 7
static const char *const store_keys[N_STORE_ROWS] = {
  "poster-url-template",
  "county-hotline",
  "issuing-organisation",
  "sensor-heartbeat-minutes",
  "team-roles",
  "order-accept-minutes",
  "report-hour",
};

static GParamSpec *properties[N_PROPS];

static AdwEntryRow *
store_row (WgPreferencesWindow *self,
           guint                i)
{
  AdwEntryRow *rows[N_STORE_ROWS] = { self->url_row, self->hotline_row, self->organisation_row,
                                      self->heartbeat_row, self->roles_row, self->accept_row,
                                      self->report_hour_row };

  return rows[i];
}

static void
load_store_settings (WgPreferencesWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->printing_group), self->store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->heartbeat_group), self->store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->field_group), self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.rotate-key", self->store != NULL);
  if (self->store == NULL)
    return;

  for (guint i = 0; i < N_STORE_ROWS; i++)
    {
      g_autofree char *value = wg_store_dup_setting (self->store, store_keys[i], NULL);

      gtk_editable_set_text (GTK_EDITABLE (store_row (self, i)), value != NULL ? value : "");
    }
}

static void
on_setting_row_apply_cb (WgPreferencesWindow *self,
                         AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_STORE_ROWS; i++)
    {
      if (store_row (self, i) != row)
        continue;

      if (wg_store_set_setting (self->store, store_keys[i],
                                gtk_editable_get_text (GTK_EDITABLE (row)), &error))
        {
          gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                            adw_toast_new (_("Saved")));
        }
      else
        {
          /* Say why next to nothing else: the row turns red and a toast explains. */
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                            adw_toast_new (error->message));
        }
    }
}

static void
toast (WgPreferencesWindow *self,
       const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* The sensors run on the new settings: the context restarts them and tells
 * every window. */
static void
restart_sensors (WgPreferencesWindow *self)
{
  if (self->context != NULL)
    wg_context_restart_sensors (self->context);
}

static void
load_broker_settings (WgPreferencesWindow *self)
{
  static const struct { const char *key; gsize offset; } rows[] = {
    { "broker-url", G_STRUCT_OFFSET (WgPreferencesWindow, broker_row) },
    { "broker-username", G_STRUCT_OFFSET (WgPreferencesWindow, username_row) },
    { "broker-ca-file", G_STRUCT_OFFSET (WgPreferencesWindow, ca_row) },
    { "broker-base-topic", G_STRUCT_OFFSET (WgPreferencesWindow, topic_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = g_settings_get_string (self->settings, rows[i].key);

      gtk_editable_set_text (G_STRUCT_MEMBER (GtkEditable *, self, rows[i].offset), value);
    }
}

static void
on_broker_row_apply_cb (WgPreferencesWindow *self,
                        AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *value = g_strstrip (g_strdup (text));
  const char *key;

  if (row == self->broker_row)
    {
      g_autofree char *host = NULL;
      int port;
      gboolean tls;

      key = "broker-url";
      if (*value != '\0' && !wg_broker_url_parse (value, &host, &port, &tls, &error))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          toast (self, error->message);
          return;
        }
    }
  else if (row == self->ca_row)
    {
      key = "broker-ca-file";
      if (*value != '\0' && !g_file_test (value, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *message = g_strdup_printf (_("There is no file “%s”."), value);

          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          toast (self, message);
          return;
        }
    }
  else if (row == self->username_row)
    key = "broker-username";
  else
    {
      key = "broker-base-topic";
      if (*value == '\0' || strpbrk (value, "+#") != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          toast (self, _("The base topic is a topic name, without “+” or “#”."));
          return;
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, key, value);
  toast (self, _("Saved"));
  restart_sensors (self);
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(WgPreferencesWindow) self = data;
  g_autoptr(GError) error = NULL;

  if (!wg_secrets_store_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The password was not saved: %s"), error->message);

      toast (self, message);
      return;
    }
  toast (self, _("Saved in the keyring"));
  restart_sensors (self);
}

static void
on_password_row_apply_cb (WgPreferencesWindow *self,
                          AdwEntryRow         *row)
{
  g_autofree char *url = g_settings_get_string (self->settings, "broker-url");
  g_autofree char *host = NULL;
  g_autofree char *broker = NULL;
  int port;
  gboolean tls;

  if (!wg_broker_url_parse (url, &host, &port, &tls, NULL))
    {
      toast (self, _("Set the broker’s address first: the password is kept for that broker."));
      return;
    }
  broker = g_strdup_printf ("%s://%s:%d", tls ? "mqtts" : "mqtt", host, port);
  wg_secrets_store_broker_password (broker, gtk_editable_get_text (GTK_EDITABLE (row)), NULL,
                                    on_password_stored_cb, g_object_ref (self));
}

static void
on_rotate_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       WgPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "replace") != 0)
    return;

  if (wg_store_rotate_signing_key (self->store, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("A new signing key is in use. Reprint the labels.")));
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
rotate_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WgPreferencesWindow *self = WG_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Label Signing Key?"),
                                   _("Every household label printed so far will verify as outdated, not as genuine, until it is reprinted. Do this when labels may have been copied."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace Key"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rotate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
wg_preferences_window_constructed (GObject *object)
{
  WgPreferencesWindow *self = (WgPreferencesWindow *) object;

  G_OBJECT_CLASS (wg_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "operator-name", self->operator_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "dashboard-at-start", self->dashboard_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  wg_database_group_set_settings (self->database_group, self->settings, self->store);
  load_store_settings (self);
  load_broker_settings (self);
}

static void
wg_preferences_window_dispose (GObject *object)
{
  WgPreferencesWindow *self = (WgPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wg_preferences_window_parent_class)->dispose (object);
}

static void
wg_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  WgPreferencesWindow *self = WG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_preferences_window_class_init (WgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wg_preferences_window_constructed;
  object_class->dispose = wg_preferences_window_dispose;
  object_class->set_property = wg_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, WG_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  wg_application_ensure_resources ();
  g_type_ensure (WG_TYPE_DATABASE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/wg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, operator_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, dashboard_switch);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, broker_in_use_label);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, database_group);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, printing_group);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, hotline_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_broker_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_row_apply_cb);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, broker_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, username_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, topic_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, heartbeat_group);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, field_group);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, roles_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, accept_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, report_hour_row);
  gtk_widget_class_bind_template_child (widget_class, WgPreferencesWindow, heartbeat_row);

  gtk_widget_class_install_action (widget_class, "prefs.rotate-key", NULL, rotate_key_action);
}

static void
wg_preferences_window_init (WgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @url: the broker the sensor feed uses now, when it is not the one of the
 * preferences (--broker) */
static void
show_broker_in_use (WgPreferencesWindow *self,
                    const char          *url)
{
  g_autofree char *text = NULL;

  if (url != NULL)
    text = g_strdup_printf (_("In use now: %s, given on the command line; the address below is used at the next start without it."),
                            url);
  gtk_widget_set_visible (GTK_WIDGET (self->broker_in_use_label), url != NULL);
  gtk_label_set_label (self->broker_in_use_label, text != NULL ? text : "");
}

/**
 * wg_preferences_window_new:
 * @context: the application's context: its settings, the open county
 *   database (for the settings kept in it), the sensors to restart
 *
 * Returns: (transfer full): a new preferences window
 */
WgPreferencesWindow *
wg_preferences_window_new (WgContext *context)
{
  WgPreferencesWindow *self;

  g_return_val_if_fail (WG_IS_CONTEXT (context), NULL);

  self = g_object_new (WG_TYPE_PREFERENCES_WINDOW, "settings", wg_context_get_settings (context), "store",
                       wg_context_get_store (context), NULL);
  self->context = g_object_ref (context);
  show_broker_in_use (self, wg_context_get_broker_override (context));
  return self;
}
