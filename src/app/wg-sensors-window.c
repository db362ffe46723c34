/* wg-sensors-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every door sensor: the household it is bound to, whether it is armed
 * today, online, its battery and when it was last heard from. Sensors are
 * registered by their Zigbee2MQTT name, bound to a household by its code,
 * and unbound after asking.
 */

#define G_LOG_DOMAIN "wg-sensors-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-sensors-window.h"
#include "wg-export-file.h"
#include "wg-export.h"
#include "wg-form-dialog.h"
#include "wg-store-sensors.h"
#include "wg-table-writer.h"

struct _WgSensorsWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *group;
  GtkWidget *rows_box;
  WgStore *store;
  GtkWidget *dialog;
  guint n_rows;
};

G_DEFINE_FINAL_TYPE (WgSensorsWindow, wg_sensors_window, ADW_TYPE_WINDOW)

static void
toast (WgSensorsWindow *self,
       const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static char *
describe (const WgSensorInfo *sensor)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (sensor->household_id != 0)
    g_string_append_printf (text, "%s · %s", sensor->address, sensor->household_code);
  else if (sensor->room_id != 0)
    /* Translators: a sensor on a room of a central site: "On 曲沃县第一集中隔离点 101" */
    g_string_append_printf (text, _("On %s"), sensor->room);
  else
    g_string_append (text, _("Not bound to a household"));
  g_string_append (text, " · ");
  g_string_append (text, sensor->online == 1 ? _("online") : sensor->online == 0 ? _("offline")
                                                                                   : _("never heard from"));
  if (sensor->battery >= 0)
    g_string_append_printf (text, " · %s %d %%", _("battery"), sensor->battery);
  if (sensor->last_seen != NULL)
    g_string_append_printf (text, " · %s %s", _("last seen"), sensor->last_seen);
  if (sensor->armed)
    g_string_append_printf (text, " · %s", _("armed: in home quarantine today"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
wg_sensors_window_reload (WgSensorsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sensors = NULL;
  GtkWidget *child;
  g_autofree char *description = NULL;

  g_return_if_fail (WG_IS_SENSORS_WINDOW (self));

  if (!(sensors = wg_store_list_sensors (self->store, NULL, &error)))
    {
      toast (self, error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (self->rows_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->rows_box), child);

  for (guint i = 0; i < sensors->len; i++)
    {
      const WgSensorInfo *sensor = g_ptr_array_index (sensors, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe (sensor);
      GtkWidget *button;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sensor->device);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      if (sensor->household_id != 0 || sensor->room_id != 0)
        {
          button = gtk_button_new_with_mnemonic (_("_Unbind…"));
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", sensor->device);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "sensors.unbind");
        }
      else
        {
          button = gtk_button_new_with_mnemonic (_("_Bind…"));
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", sensor->device);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "sensors.bind");
        }
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      if (sensor->online == 0 || (sensor->battery >= 0 && sensor->battery < 20))
        gtk_widget_add_css_class (row, "warning");
      gtk_list_box_append (GTK_LIST_BOX (self->rows_box), row);
    }
  self->n_rows = sensors->len;
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sensor", "%u sensors", sensors->len),
                                 sensors->len);
  adw_preferences_group_set_description (self->group, description);
}

static char *
check_device_fields (GtkWidget *dialog)
{
  const char *device = wg_form_dialog_get_text (dialog, "device");
  g_autoptr(GError) error = NULL;

  if (*device == '\0')
    return g_strdup ("");
  if (!wg_sensor_check_device_name (device, &error))
    return g_strdup (error->message);
  return NULL;
}

static char *
check_household_field (GtkWidget *dialog)
{
  return *wg_form_dialog_get_text (dialog, "household") == '\0' ? g_strdup ("") : NULL;
}

static void
on_dialog_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       WgSensorsWindow  *self)
{
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  self->dialog = NULL;
  if (g_str_equal (response, "cancel"))
    return;

  if (g_str_equal (kind, "register"))
    {
      const char *device = wg_form_dialog_get_text (GTK_WIDGET (dialog), "device");
      const char *household = wg_form_dialog_get_text (GTK_WIDGET (dialog), "household");

      ok = wg_store_register_sensor (self->store, device, NULL, NULL, &error) &&
           (*household == '\0' || wg_store_bind_sensor (self->store, device, household, &error));
    }
  else if (g_str_equal (kind, "bind"))
    ok = wg_store_bind_sensor (self->store, g_object_get_data (G_OBJECT (dialog), "device"),
                               wg_form_dialog_get_text (GTK_WIDGET (dialog), "household"), &error);
  else if (g_str_equal (response, "unbind"))
    ok = wg_store_unbind_sensor (self->store, g_object_get_data (G_OBJECT (dialog), "device"), &error);

  if (!ok)
    toast (self, error->message);
  wg_sensors_window_reload (self);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WgSensorsWindow *self = WG_SENSORS_WINDOW (widget);
  GtkWidget *dialog;

  if (self->dialog != NULL)
    return;
  dialog = wg_form_dialog_new (widget, _("Register a Door Sensor"),
                               _("Its name in Zigbee2MQTT, and the household whose door it is on (you can bind it later)."),
                               check_device_fields);
  wg_form_dialog_add_field (dialog, "device", _("Device"), NULL);
  wg_form_dialog_add_field (dialog, "household", _("Household Code (optional)"), NULL);
  g_object_set_data (G_OBJECT (dialog), "kind", (gpointer) "register");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response_cb), self, 0);
  self->dialog = dialog;
  wg_form_dialog_present (dialog);
}

static void
bind_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgSensorsWindow *self = WG_SENSORS_WINDOW (widget);
  const char *device = g_variant_get_string (parameter, NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->dialog != NULL)
    return;
  body = g_strdup_printf (_("The household whose door “%s” is on."), device);
  dialog = wg_form_dialog_new (widget, _("Bind the Sensor"), body, check_household_field);
  wg_form_dialog_add_field (dialog, "household", _("Household Code"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "add", _("_Bind"));
  g_object_set_data (G_OBJECT (dialog), "kind", (gpointer) "bind");
  g_object_set_data_full (G_OBJECT (dialog), "device", g_strdup (device), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response_cb), self, 0);
  self->dialog = dialog;
  wg_form_dialog_present (dialog);
}

static void
unbind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgSensorsWindow *self = WG_SENSORS_WINDOW (widget);
  const char *device = g_variant_get_string (parameter, NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->dialog != NULL)
    return;
  body = g_strdup_printf (_("“%s” will watch no home or room until it is bound again: its openings are no longer "
                            "alerts."),
                          device);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Unbind the Sensor?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "unbind",
                                    _("_Unbind"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unbind",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kind", (gpointer) "unbind");
  g_object_set_data_full (G_OBJECT (dialog), "device", g_strdup (device), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

guint
wg_sensors_window_get_n_rows (WgSensorsWindow *self)
{
  g_return_val_if_fail (WG_IS_SENSORS_WINDOW (self), 0);

  return self->n_rows;
}

GtkWidget *
wg_sensors_window_get_dialog (WgSensorsWindow *self)
{
  g_return_val_if_fail (WG_IS_SENSORS_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_sensors_window_dispose (GObject *object)
{
  g_clear_object (&WG_SENSORS_WINDOW (object)->store);

  G_OBJECT_CLASS (wg_sensors_window_parent_class)->dispose (object);
}

static gboolean
write_sensors (WgStore        *store,
               const char     *path,
               WgTableFormat   format,
               guint          *rows,
               gpointer        user_data,
               GError        **error)
{
  g_autofree char *today = wg_today ();

  return wg_export_write_list (store, WG_EXPORT_LIST_SENSORS, NULL, today, path, format, NULL, rows, error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgSensorsWindow *self = WG_SENSORS_WINDOW (widget);
  g_autofree char *today = wg_today ();
  g_autofree char *name = g_strdup_printf ("%s-%s", wg_export_list_title (WG_EXPORT_LIST_SENSORS), today);

  wg_export_file_choose (widget, self->store, name, write_sensors, NULL, NULL);
}

static void
wg_sensors_window_class_init (WgSensorsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_sensors_window_dispose;

  gtk_widget_class_install_action (widget_class, "sensors.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "sensors.bind", "s", bind_action);
  gtk_widget_class_install_action (widget_class, "sensors.unbind", "s", unbind_action);
  gtk_widget_class_install_action (widget_class, "sensors.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sensors.register", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_sensors_window_init (WgSensorsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Register…"));
  GtkWidget *page = adw_preferences_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Door Sensors"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 640);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "sensors.register");
  gtk_widget_set_tooltip_text (add, _("Register a door sensor (Ctrl+N)"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), add);
  {
    GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "sensors.export");
    gtk_widget_set_tooltip_text (export, _("Save the sensor list for Excel or WPS"));
    adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  }
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Sensors"));
  self->rows_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->rows_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->rows_box, "boxed-list");
  adw_preferences_group_add (self->group, self->rows_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

WgSensorsWindow *
wg_sensors_window_new (WgStore *store)
{
  WgSensorsWindow *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_SENSORS_WINDOW, NULL);
  self->store = g_object_ref (store);
  wg_sensors_window_reload (self);
  return self;
}
