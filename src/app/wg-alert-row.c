/* wg-alert-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One alert in the panel's list: severity, kind, time since, household,
 * grid path, the grid worker and phone, where its life stands, and the
 * buttons of its next step — each naming the alert by id. The row follows
 * its WgAlert: when the alert changes, this row redraws itself and no
 * other does. Activating it (Enter, a click, the "activate" signal) opens
 * the household, through the panel's "alerts.open" action.
 */

#define G_LOG_DOMAIN "wg-alert-row"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-alert-row.h"
#include "wg-application.h"

struct _WgAlertRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *severity_label;
  GtkLabel *kind_label;
  GtkLabel *since_label;
  GtkLabel *place_label;
  GtkLabel *path_label;
  GtkLabel *worker_label;
  GtkLabel *state_label;
  GtkWidget *steps_box;
  GtkWidget *acknowledge_button;
  GtkWidget *dispatch_button;
  GtkWidget *resolve_button;

  WgAlert *alert;
  gboolean read_only;   /* a viewer's desk: the steps are not its to take */
};

enum
{
  ACTIVATE,
  FILLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WgAlertRow, wg_alert_row, GTK_TYPE_WIDGET)

static char *
time_since (const char *at)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *iso = g_strdup (at);
  g_autoptr(GDateTime) then = NULL;
  gint64 minutes;

  iso[10] = 'T';
  then = g_date_time_new_from_iso8601 (iso, zone);
  if (then == NULL)
    return g_strdup (at);
  minutes = MAX (0, g_date_time_difference (now, then) / G_TIME_SPAN_MINUTE);
  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute ago", "%u minutes ago", minutes),
                            (guint) minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour ago", "%u hours ago", minutes / 60),
                            (guint) (minutes / 60));
  return g_strdup (at);
}

static void
show_text (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
show_step (GtkWidget  *button,
           const char *action,
           gboolean    shown,
           gboolean    suggested,
           gint64      id)
{
  gtk_widget_set_visible (button, shown);
  /* The target first: an action without its id cannot be named. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (suggested)
    {
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_remove_css_class (button, "flat");
    }
  else
    {
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_remove_css_class (button, "suggested-action");
    }
}

/* Draws the row from its alert. */
static void
fill (WgAlertRow *self)
{
  static const char *const severity_class[] = { NULL, "severity-low", "severity-medium", "severity-high" };
  const WgAlertInfo *alert = self->alert != NULL ? wg_alert_get_info (self->alert) : NULL;
  g_autofree char *worker = NULL;
  g_autofree char *state = NULL;
  g_autofree char *count = NULL;
  g_autofree char *line = NULL;
  g_autofree char *name = NULL;
  const char *place;

  if (alert == NULL)
    return;

  for (guint i = 1; i < G_N_ELEMENTS (severity_class); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->severity_label), severity_class[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_label), severity_class[CLAMP (alert->severity, 1, 3)]);
  gtk_label_set_label (self->severity_label, wg_severity_describe (alert->severity));
  gtk_label_set_label (self->kind_label, wg_alert_kind_describe (alert->kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->since_label), alert->last_event_at);
  wg_alert_row_update_time (self);

  place = alert->address != NULL ? alert->address : alert->device;
  if (alert->kind == WG_ALERT_KIND_BRIDGE_OFFLINE)
    show_text (self->place_label, _("Every door sensor is blind until the bridge is back"));
  else
    show_text (self->place_label, place);
  show_text (self->path_label, alert->grid_path);
  if (alert->worker != NULL)
    worker = g_strdup_printf (_("Grid worker %s · %s"), alert->worker,
                              alert->worker_phone != NULL ? alert->worker_phone : "—");
  show_text (self->worker_label, worker);

  switch (alert->state)
    {
    case WG_ALERT_STATE_ACKNOWLEDGED:
      state = g_strdup_printf (_("Acknowledged by %s at %s"), alert->acknowledged_by,
                               alert->acknowledged_at + 11);
      break;
    case WG_ALERT_STATE_DISPATCHED:
      state = g_strdup_printf (_("Dispatched to %s at %s"), alert->dispatched_to != NULL ? alert->dispatched_to : "—",
                               alert->dispatched_at + 11);
      break;
    case WG_ALERT_STATE_RESOLVED:
      state = g_strdup_printf (_("Resolved: %s%s%s"), wg_alert_outcome_describe (alert->outcome),
                               alert->note != NULL ? " — " : "", alert->note != NULL ? alert->note : "");
      break;
    case WG_ALERT_STATE_OPEN:
    default:
      break;
    }
  if (alert->event_count > 1)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", alert->event_count),
                             alert->event_count);
  if (state != NULL || count != NULL)
    line = g_strjoin (" · ", state != NULL ? state : count, state != NULL ? count : NULL, NULL);
  show_text (self->state_label, line);

  show_step (self->acknowledge_button, "alerts.acknowledge", alert->state == WG_ALERT_STATE_OPEN, TRUE, alert->id);
  show_step (self->dispatch_button, "alerts.dispatch", alert->state == WG_ALERT_STATE_ACKNOWLEDGED, TRUE, alert->id);
  show_step (self->resolve_button, "alerts.resolve",
             alert->state == WG_ALERT_STATE_ACKNOWLEDGED || alert->state == WG_ALERT_STATE_DISPATCHED,
             alert->state == WG_ALERT_STATE_DISPATCHED, alert->id);
  gtk_widget_set_visible (self->steps_box, !self->read_only && alert->state != WG_ALERT_STATE_RESOLVED);

  if (alert->severity == WG_SEVERITY_HIGH && alert->state == WG_ALERT_STATE_OPEN)
    gtk_widget_add_css_class (GTK_WIDGET (self), "alert-urgent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "alert-urgent");

  /* What it says, for a screen reader: kind, severity, where. */
  name = g_strdup_printf ("%s, %s, %s", wg_alert_kind_describe (alert->kind), wg_severity_describe (alert->severity),
                          place);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_emit (self, signals[FILLED], 0);
}

/**
 * wg_alert_row_set_read_only:
 * @self: a #WgAlertRow
 * @read_only: whether the desk may only look (a viewer's login on the
 *   county server): then the row shows no steps to take
 */
void
wg_alert_row_set_read_only (WgAlertRow *self,
                            gboolean    read_only)
{
  g_return_if_fail (WG_IS_ALERT_ROW (self));

  self->read_only = read_only;
  if (read_only)
    gtk_widget_set_visible (self->steps_box, FALSE);
}

/**
 * wg_alert_row_update_time:
 *
 * "5 minutes ago" moves on.
 */
void
wg_alert_row_update_time (WgAlertRow *self)
{
  g_autofree char *since = NULL;

  g_return_if_fail (WG_IS_ALERT_ROW (self));

  if (self->alert == NULL)
    return;
  since = time_since (wg_alert_get_info (self->alert)->last_event_at);
  gtk_label_set_label (self->since_label, since);
}

/**
 * wg_alert_row_set_alert:
 * @self: a #WgAlertRow
 * @alert: (nullable): the alert to show and follow
 */
void
wg_alert_row_set_alert (WgAlertRow *self,
                        WgAlert    *alert)
{
  g_return_if_fail (WG_IS_ALERT_ROW (self));

  if (self->alert == alert)
    return;
  if (self->alert != NULL)
    g_signal_handlers_disconnect_by_data (self->alert, self);
  g_set_object (&self->alert, alert);
  if (alert != NULL)
    {
      g_signal_connect_object (alert, "notify::info", G_CALLBACK (fill), self, G_CONNECT_SWAPPED);
      fill (self);
    }
}

/**
 * wg_alert_row_get_alert:
 *
 * Returns: (transfer none) (nullable): the alert shown
 */
WgAlert *
wg_alert_row_get_alert (WgAlertRow *self)
{
  g_return_val_if_fail (WG_IS_ALERT_ROW (self), NULL);

  return self->alert;
}

static void
wg_alert_row_activate (WgAlertRow *self)
{
  if (self->alert != NULL && wg_alert_get_info (self->alert)->household_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "alerts.open", "x", wg_alert_get_id (self->alert));
}

static void
wg_alert_row_dispose (GObject *object)
{
  WgAlertRow *self = WG_ALERT_ROW (object);

  if (self->alert != NULL)
    g_signal_handlers_disconnect_by_data (self->alert, self);
  g_clear_object (&self->alert);
  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_ALERT_ROW);
  G_OBJECT_CLASS (wg_alert_row_parent_class)->dispose (object);
}

static void
wg_alert_row_class_init (WgAlertRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_alert_row_dispose;

  /**
   * WgAlertRow::activate:
   *
   * Opens the alert's household.
   */
  signals[ACTIVATE] = g_signal_new_class_handler ("activate", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                  G_CALLBACK (wg_alert_row_activate), NULL, NULL, NULL,
                                                  G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);
  /**
   * WgAlertRow::filled:
   *
   * The row was drawn from its alert (a row bound to an alert, or its
   * alert changed).
   */
  signals[FILLED] = g_signal_new ("filled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-alert-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, box);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, severity_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, since_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, place_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, path_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, worker_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, steps_box);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, acknowledge_button);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, dispatch_button);
  gtk_widget_class_bind_template_child (widget_class, WgAlertRow, resolve_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "alertrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wg_alert_row_init (WgAlertRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wg_alert_row_new (void)
{
  return g_object_new (WG_TYPE_ALERT_ROW, NULL);
}
