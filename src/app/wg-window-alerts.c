/* wg-window-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window and the door sensors: the alert panel fed by the
 * context, the tree's alert marks and the header's badge, a notification and
 * a beep for a high alert and for one still not acknowledged.
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
#include "wg-sensors-window.h"
#include "wg-store-alerts.h"
#include "wg-store-grids.h"
#include "wg-store-records.h"
#include "wg-store-search.h"
#include "wg-table-writer.h"

static void
notify_alert (WgWindow          *self,
              const WgAlertInfo *alert,
              gboolean           again)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = g_strdup_printf ("alert-%" G_GINT64_FORMAT, alert->id);

  if (app == NULL)
    return;
  title = g_strdup_printf (again ? _("Still not acknowledged: %s") : "%s", wg_alert_kind_describe (alert->kind));
  body = g_strdup_printf ("%s\n%s\n%s %s", alert->address != NULL ? alert->address : alert->device,
                          alert->grid_path != NULL ? alert->grid_path : "",
                          alert->worker != NULL ? alert->worker : "",
                          alert->worker_phone != NULL ? alert->worker_phone : "");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (app, id, notification);
  /* And a sound, for the one looking elsewhere. */
  gdk_display_beep (gtk_widget_get_display (GTK_WIDGET (self)));
}

static void
update_alerts_badge (WgWindow *self)
{
  guint n = wg_alert_panel_get_n_open (self->alert_panel);
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sensor alerts: %u open",
                                                           "Sensor alerts: %u open", n), n);

  gtk_label_set_label (self->alerts_badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_badge), n > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->alerts_button), tooltip);
}

static void
refresh_alert_marks (WgWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->tree != NULL && !wg_grid_tree_refresh_alerts (self->tree, &error))
    g_warning ("Cannot count the open alerts: %s", error->message);
  update_alerts_badge (self);
}

/* The panel, the tree's alert marks and the header's badge. */
void
wg_window_refresh_alerts (WgWindow *self)
{
  wg_alert_panel_reload (self->alert_panel);
  refresh_alert_marks (self);
}

static gboolean
refresh_alerts_cb (gpointer data)
{
  WgWindow *self = data;

  self->alerts_refresh_id = 0;
  wg_window_refresh_alerts (self);
  return G_SOURCE_REMOVE;
}

static void
on_engine_alert_cb (WgWindow      *self,
                    gint64         id,
                    gboolean       is_new)
{
  /* A burst of messages is one reading of the panel and the tree, not one each. */
  if (self->alerts_refresh_id == 0)
    self->alerts_refresh_id = g_idle_add (refresh_alerts_cb, self);

  if (is_new)
    {
      g_autoptr(WgAlertInfo) alert = wg_store_get_alert (self->store, id, NULL);

      if (alert != NULL && alert->severity == WG_SEVERITY_HIGH)
        notify_alert (self, alert, FALSE);
    }
}

static void
on_context_reminder_cb (WgWindow *self,
                        gint64    id)
{
  g_autoptr(WgAlertInfo) alert = wg_store_get_alert (self->store, id, NULL);

  if (alert != NULL)
    notify_alert (self, alert, TRUE);
}

static void
on_alert_panel_changed_cb (WgWindow *self)
{
  refresh_alert_marks (self);
}

static void
on_alert_panel_open_household_cb (WgWindow   *self,
                                  gint64      household_id,
                                  const char *grid_code)
{
  WgGridNode *node = self->tree != NULL ? wg_window_find_household_node (self, grid_code, household_id) : NULL;

  if (node != NULL)
    wg_window_select_node (self, node);
}

/* The context (re)started the sensors: the panel shows the feed's state. */
static void
on_context_sensors_changed_cb (WgWindow *self)
{
  if (self->tree == NULL)
    return;
  wg_alert_panel_set_feed (self->alert_panel, self->store, self->tree, wg_context_get_feed (self->context));
  refresh_alert_marks (self);
}

/**
 * wg_window_get_alert_panel:
 *
 * Returns: (transfer none): the alert panel
 */
WgAlertPanel *
wg_window_get_alert_panel (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return self->alert_panel;
}

/**
 * wg_window_get_feed:
 *
 * Returns: (transfer none) (nullable): the sensor feed, when a broker is set
 */
WgSensorFeed *
wg_window_get_feed (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return wg_context_get_feed (self->context);
}

void
wg_window_class_init_alerts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_alert_panel_open_household_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alert_panel_changed_cb);
}

/* The context's news of the sensors, on this window. */
void
wg_window_watch_alerts (WgWindow *self)
{
  g_signal_connect_object (self->context, "alert", G_CALLBACK (on_engine_alert_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "reminder", G_CALLBACK (on_context_reminder_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "sensors-changed", G_CALLBACK (on_context_sensors_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
