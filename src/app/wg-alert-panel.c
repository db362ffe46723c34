/* wg-alert-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The door sensors' alerts beside the tree, live: the feed's connection,
 * filters (open or all, a township), and one row per alert — severity,
 * kind, household, grid path, time since, the grid worker and phone — with
 * the next step of its life: acknowledge, dispatch, resolve. Activating a
 * row opens the household.
 */

#define G_LOG_DOMAIN "wg-alert-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wg-alert-panel.h"
#include "wg-application.h"
#include "wg-registry.h"
#include "wg-sensors.h"

struct _WgAlertPanel
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkImage *state_image;
  GtkLabel *state_label;
  GtkLabel *bridge_label;
  GtkImage *bridge_image;
  GtkToggleButton *open_button;
  GtkDropDown *township_dropdown;
  GtkStack *list_stack;
  GtkListBox *alert_list;
  AdwStatusPage *empty_page;

  /* owned */
  WgStore *store;
  WgSensorFeed *feed;
  GPtrArray *alerts;     /* of WgAlertInfo, as shown */
  GPtrArray *townships;  /* of char *: codes, index 0 for all */
  GtkWidget *dialog;

  /* state */
  guint tick_id;
  guint n_open;
};

G_DEFINE_FINAL_TYPE (WgAlertPanel, wg_alert_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_HOUSEHOLD,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (style, " ", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
add_step_button (GtkWidget   *box,
                 const char  *label,
                 const char  *action,
                 gint64       id,
                 gboolean     suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, suggested ? "suggested-action" : "flat");
  gtk_widget_add_css_class (button, "small");
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static GtkWidget *
make_row (const WgAlertInfo *alert)
{
  static const char *const severity_class[] = { NULL, "severity-low", "severity-medium", "severity-high" };
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *steps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *severity = gtk_label_new (wg_severity_describe (alert->severity));
  GtkWidget *kind = gtk_label_new (wg_alert_kind_describe (alert->kind));
  g_autofree char *since = time_since (alert->last_event_at);
  GtkWidget *since_label = gtk_label_new (since);
  g_autofree char *worker = NULL;
  g_autofree char *state = NULL;
  g_autofree char *count = NULL;

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_add_css_class (severity, "severity");
  gtk_widget_add_css_class (severity, severity_class[CLAMP (alert->severity, 1, 3)]);
  gtk_widget_add_css_class (kind, "heading");
  gtk_widget_set_hexpand (kind, TRUE);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_add_css_class (since_label, "dim-label");
  gtk_widget_add_css_class (since_label, "caption");
  gtk_widget_set_tooltip_text (since_label, alert->last_event_at);
  g_object_set_data (G_OBJECT (row), "since-label", since_label);
  gtk_box_append (GTK_BOX (top), severity);
  gtk_box_append (GTK_BOX (top), kind);
  gtk_box_append (GTK_BOX (top), since_label);
  gtk_box_append (GTK_BOX (box), top);

  if (alert->kind == WG_ALERT_BRIDGE_OFFLINE)
    add_label (box, _("Every door sensor is blind until the bridge is back"), NULL);
  else
    add_label (box, alert->address != NULL ? alert->address : alert->device, NULL);
  if (alert->grid_path != NULL)
    add_label (box, alert->grid_path, "dim-label caption");
  if (alert->worker != NULL)
    {
      worker = g_strdup_printf (_("Grid worker %s · %s"), alert->worker,
                                alert->worker_phone != NULL ? alert->worker_phone : "—");
      add_label (box, worker, "caption");
    }

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
    {
      g_autofree char *line = g_strjoin (" · ", state != NULL ? state : count,
                                         state != NULL ? count : NULL, NULL);

      add_label (box, line, "caption accent");
    }

  gtk_widget_set_margin_top (steps, 4);
  if (alert->state == WG_ALERT_STATE_OPEN)
    add_step_button (steps, _("_Acknowledge"), "alerts.acknowledge", alert->id, TRUE);
  if (alert->state == WG_ALERT_STATE_ACKNOWLEDGED)
    add_step_button (steps, _("_Dispatch…"), "alerts.dispatch", alert->id, TRUE);
  if (alert->state == WG_ALERT_STATE_ACKNOWLEDGED || alert->state == WG_ALERT_STATE_DISPATCHED)
    add_step_button (steps, _("_Resolve…"), "alerts.resolve", alert->id, alert->state == WG_ALERT_STATE_DISPATCHED);
  gtk_box_append (GTK_BOX (box), steps);
  gtk_widget_set_visible (steps, gtk_widget_get_first_child (steps) != NULL);

  if (alert->severity == WG_SEVERITY_HIGH && alert->state == WG_ALERT_STATE_OPEN)
    gtk_widget_add_css_class (row, "alert-urgent");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), alert->household_id != 0);
  return row;
}

static void
update_state (WgAlertPanel *self)
{
  g_autofree char *text = NULL;
  WgFeedState state = self->feed != NULL ? wg_sensor_feed_get_state (self->feed) : WG_FEED_STOPPED;
  const char *problem = self->feed != NULL ? wg_sensor_feed_get_problem (self->feed) : NULL;

  if (self->feed == NULL)
    text = g_strdup (_("No sensor broker: set one in Preferences"));
  else if (problem != NULL && state != WG_FEED_CONNECTED)
    text = g_strdup_printf ("%s · %s · %s", wg_feed_state_describe (state),
                            wg_sensor_feed_get_broker (self->feed), problem);
  else
    text = g_strdup_printf ("%s · %s", wg_feed_state_describe (state), wg_sensor_feed_get_broker (self->feed));
  gtk_label_set_label (self->state_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label), text);
  gtk_image_set_from_icon_name (self->state_image, state == WG_FEED_CONNECTED ? "network-transmit-receive-symbolic"
                                                   : "network-offline-symbolic");
  if (state == WG_FEED_CONNECTED)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_image), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->state_image), "warning");
}

/* The Zigbee2MQTT bridge's own state, beside the broker's: when it is
 * offline, every sensor is blind. */
static void
update_bridge (WgAlertPanel *self)
{
  g_autofree char *since = NULL;
  g_autofree char *text = NULL;
  int online = -1;

  if (self->store != NULL && self->feed != NULL)
    online = wg_store_get_bridge_state (self->store,
                                        wg_alert_engine_get_base_topic (wg_sensor_feed_get_engine (self->feed)),
                                        &since, NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->bridge_label)), self->feed != NULL);
  /* "MM-DD HH:MM" of the stored "YYYY-MM-DD HH:MM:SS": the line must fit. */
  if (since != NULL && strlen (since) >= 16)
    {
      since[16] = '\0';
      memmove (since, since + 5, 12);
    }
  if (online == 1)
    text = g_strdup_printf (_("Zigbee2MQTT bridge online since %s"), since);
  else if (online == 0)
    text = g_strdup_printf (_("Zigbee2MQTT bridge offline since %s"), since);
  else
    text = g_strdup (_("Zigbee2MQTT bridge not heard from yet"));
  gtk_label_set_label (self->bridge_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->bridge_label), text);
  gtk_image_set_from_icon_name (self->bridge_image, online == 1 ? "network-transmit-receive-symbolic"
                                                    : online == 0 ? "dialog-warning-symbolic"
                                                    : "network-offline-symbolic");
  if (online == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->bridge_image), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->bridge_image), "error");
}

/**
 * wg_alert_panel_reload:
 * @self: a #WgAlertPanel
 *
 * Reads the alerts again, as the filters say.
 */
void
wg_alert_panel_reload (WgAlertPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  gboolean only_open = gtk_toggle_button_get_active (self->open_button);
  guint township = gtk_drop_down_get_selected (self->township_dropdown);
  const char *code = NULL;
  GtkWidget *child;
  guint n_open;

  g_return_if_fail (WG_IS_ALERT_PANEL (self));

  if (self->store == NULL)
    return;
  if (self->townships != NULL && township != GTK_INVALID_LIST_POSITION && township > 0 &&
      township < self->townships->len)
    code = g_ptr_array_index (self->townships, township);

  alerts = wg_store_list_alerts (self->store, only_open, code, &error);
  if (alerts == NULL)
    {
      g_warning ("Cannot read the alerts: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alert_list))) != NULL)
    gtk_list_box_remove (self->alert_list, child);
  for (guint i = 0; i < alerts->len; i++)
    gtk_list_box_append (self->alert_list, make_row (g_ptr_array_index (alerts, i)));
  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  self->alerts = g_steal_pointer (&alerts);
  gtk_stack_set_visible_child_name (self->list_stack, self->alerts->len > 0 ? "list" : "empty");
  adw_status_page_set_title (self->empty_page, only_open ? _("No Open Alerts") : _("No Alerts"));

  n_open = wg_store_count_open_alerts (self->store);
  if (n_open != self->n_open)
    {
      self->n_open = n_open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
    }
}

static void
on_filter_changed_cb (WgAlertPanel *self)
{
  wg_alert_panel_reload (self);
}

static void
on_alert_list_row_activated_cb (WgAlertPanel  *self,
                                GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);
  const WgAlertInfo *alert;

  if (self->alerts == NULL || index < 0 || (guint) index >= self->alerts->len)
    return;
  alert = g_ptr_array_index (self->alerts, index);
  if (alert->household_id != 0)
    g_signal_emit (self, signals[OPEN_HOUSEHOLD], 0, alert->household_id, alert->grid_code);
}

static gboolean
tick_cb (gpointer data)
{
  WgAlertPanel *self = data;
  guint i = 0;

  /* "5 minutes ago" moves on. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->alert_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row), i++)
    {
      GtkLabel *label = g_object_get_data (G_OBJECT (row), "since-label");

      if (label != NULL && self->alerts != NULL && i < self->alerts->len)
        {
          g_autofree char *since = time_since (((WgAlertInfo *) g_ptr_array_index (self->alerts, i))->last_event_at);

          gtk_label_set_label (label, since);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
step_done (WgAlertPanel *self,
           gboolean      ok,
           GError       *error)
{
  if (!ok)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
      else
        g_warning ("%s", error->message);
    }
  wg_alert_panel_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WgAlertPanel *self = WG_ALERT_PANEL (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = wg_store_acknowledge_alert (self->store, g_variant_get_int64 (parameter), &error);

  step_done (self, ok, error);
}

static void
on_dispatch_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         WgAlertPanel     *self)
{
  GtkDropDown *who = g_object_get_data (G_OBJECT (dialog), "who");
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "staff-ids");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "alert-id"));
  guint chosen = gtk_drop_down_get_selected (who);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->dialog = NULL;
  if (!g_str_equal (response, "dispatch") || self->store == NULL || chosen >= ids->len)
    return;
  ok = wg_store_dispatch_alert (self->store, id, g_array_index (ids, gint64, chosen), &error);
  step_done (self, ok, error);
}

/* Whom to send: the household's staff, its grid worker first chosen. */
static void
dispatch_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WgAlertPanel *self = WG_ALERT_PANEL (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(WgAlertInfo) alert = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GArray *ids;
  GtkWidget *dialog, *dropdown;
  guint worker = G_MAXUINT;

  if (self->dialog != NULL || self->store == NULL)
    return;
  if (!(alert = wg_store_get_alert (self->store, id, &error)) ||
      !(staff = wg_store_list_household_staff (self->store, alert->household_id, &error)) ||
      staff->len == 0)
    {
      /* Nobody to choose from: the store says why, or sends the grid worker. */
      gboolean ok = error == NULL && wg_store_dispatch_alert (self->store, id, 0, &error);

      step_done (self, ok, error);
      return;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < staff->len; i++)
    {
      const WgStaffEntry *entry = g_ptr_array_index (staff, i);
      g_autofree char *label = g_strdup_printf ("%s %s  %s", wg_staff_role_describe (entry->role), entry->name,
                                                entry->phone != NULL ? entry->phone : "");

      gtk_string_list_append (names, label);
      g_array_append_val (ids, entry->id);
      if (entry->role == WG_STAFF_ROLE_GRID_WORKER && worker == G_MAXUINT)
        worker = i;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Dispatch Someone"),
                                   alert->address);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), worker != G_MAXUINT ? worker : 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "dispatch",
                                    _("_Dispatch"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "dispatch",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "dispatch");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "who", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "staff-ids", ids, (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (dialog), "alert-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dispatch_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_resolve_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        WgAlertPanel     *self)
{
  GtkDropDown *outcome = g_object_get_data (G_OBJECT (dialog), "outcome");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "alert-id"));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->dialog = NULL;
  if (!g_str_equal (response, "resolve") || self->store == NULL)
    return;
  ok = wg_store_resolve_alert (self->store, id, gtk_drop_down_get_selected (outcome) + 1,
                               gtk_editable_get_text (note), &error);
  step_done (self, ok, error);
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WgAlertPanel *self = WG_ALERT_PANEL (widget);
  const char *outcomes[] = {
    wg_alert_outcome_describe (WG_OUTCOME_VIOLATION),
    wg_alert_outcome_describe (WG_OUTCOME_AUTHORISED_EXIT),
    wg_alert_outcome_describe (WG_OUTCOME_FALSE_ALARM),
    wg_alert_outcome_describe (WG_OUTCOME_DEVICE_FAULT),
    NULL,
  };
  GtkWidget *dialog, *box, *dropdown, *note;

  if (self->dialog != NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Resolve the Alert"),
                                   _("What was it? The outcome and the note go to the audit log."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  dropdown = gtk_drop_down_new_from_strings (outcomes);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), WG_OUTCOME_FALSE_ALARM - 1);
  note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note: what was found, who was there"));
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), note);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "resolve",
                                    _("_Resolve"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resolve",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "resolve");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "outcome", dropdown);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data (G_OBJECT (dialog), "alert-id", GSIZE_TO_POINTER (g_variant_get_int64 (parameter)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_resolve_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (note);
}

static void
on_feed_state_cb (WgAlertPanel *self)
{
  update_state (self);
  update_bridge (self);
}

/**
 * wg_alert_panel_set_feed:
 * @self: a #WgAlertPanel
 * @store: (nullable): the county database
 * @tree: (nullable): its grid tree, for the townships
 * @feed: (nullable): the sensor feed, for its state
 */
void
wg_alert_panel_set_feed (WgAlertPanel *self,
                         WgStore      *store,
                         WgGridTree   *tree,
                         WgSensorFeed *feed)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (WG_IS_ALERT_PANEL (self));

  if (self->feed != NULL)
    g_signal_handlers_disconnect_by_data (self->feed, self);
  g_set_object (&self->store, store);
  g_set_object (&self->feed, feed);
  if (feed != NULL)
    {
      g_signal_connect_object (feed, "notify::state", G_CALLBACK (on_feed_state_cb), self,
                               G_CONNECT_SWAPPED);
      /* The bridge speaks through the feed: a cheap look after each batch. */
      g_signal_connect_object (feed, "notify::n-received", G_CALLBACK (update_bridge), self,
                               G_CONNECT_SWAPPED);
    }

  g_clear_pointer (&self->townships, g_ptr_array_unref);
  self->townships = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->townships, NULL);
  gtk_string_list_append (names, _("All townships"));
  if (tree != NULL)
    {
      GListModel *county = G_LIST_MODEL (wg_grid_tree_get_root (tree));

      for (guint i = 0; i < g_list_model_get_n_items (county); i++)
        {
          g_autoptr(WgGridNode) township = g_list_model_get_item (county, i);

          g_ptr_array_add (self->townships, g_strdup (wg_grid_node_get_code (township)));
          gtk_string_list_append (names, wg_grid_node_get_name (township));
        }
    }
  g_signal_handlers_block_by_func (self->township_dropdown, on_filter_changed_cb, self);
  gtk_drop_down_set_model (self->township_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->township_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->township_dropdown, on_filter_changed_cb, self);

  update_state (self);
  update_bridge (self);
  wg_alert_panel_reload (self);
}

guint
wg_alert_panel_get_n_open (WgAlertPanel *self)
{
  g_return_val_if_fail (WG_IS_ALERT_PANEL (self), 0);

  return self->n_open;
}

guint
wg_alert_panel_get_n_rows (WgAlertPanel *self)
{
  g_return_val_if_fail (WG_IS_ALERT_PANEL (self), 0);

  return self->alerts != NULL ? self->alerts->len : 0;
}

/**
 * wg_alert_panel_get_row:
 * @self: a #WgAlertPanel
 * @index: a row, from the top
 *
 * Returns: (transfer none): the row, and (out) its alert
 */
GtkListBoxRow *
wg_alert_panel_get_row (WgAlertPanel       *self,
                        guint               index,
                        const WgAlertInfo **alert)
{
  g_return_val_if_fail (WG_IS_ALERT_PANEL (self), NULL);

  if (self->alerts == NULL || index >= self->alerts->len)
    return NULL;
  if (alert != NULL)
    *alert = g_ptr_array_index (self->alerts, index);
  return gtk_list_box_get_row_at_index (self->alert_list, index);
}

GtkWidget *
wg_alert_panel_get_dialog (WgAlertPanel *self)
{
  g_return_val_if_fail (WG_IS_ALERT_PANEL (self), NULL);

  return self->dialog;
}

static void
wg_alert_panel_dispose (GObject *object)
{
  WgAlertPanel *self = (WgAlertPanel *) object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->feed != NULL)
    g_signal_handlers_disconnect_by_data (self->feed, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_ALERT_PANEL);
  g_clear_object (&self->feed);
  g_clear_object (&self->store);
  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  g_clear_pointer (&self->townships, g_ptr_array_unref);

  G_OBJECT_CLASS (wg_alert_panel_parent_class)->dispose (object);
}

static void
wg_alert_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_OPEN:
      g_value_set_uint (value, WG_ALERT_PANEL (object)->n_open);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_alert_panel_class_init (WgAlertPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_alert_panel_dispose;
  object_class->get_property = wg_alert_panel_get_property;

  properties[PROP_N_OPEN] =
    g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WgAlertPanel::open-household:
   * @household_id: the household of the activated alert
   * @grid_code: its micro-grid
   */
  signals[OPEN_HOUSEHOLD] = g_signal_new ("open-household", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                          G_TYPE_INT64, G_TYPE_STRING);
  /**
   * WgAlertPanel::changed:
   *
   * An alert was acknowledged, dispatched or resolved here.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-alert-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, box);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, state_image);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, bridge_label);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, bridge_image);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, open_button);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, township_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, alert_list);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alert_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "alerts.acknowledge", "x", acknowledge_action);
  gtk_widget_class_install_action (widget_class, "alerts.dispatch", "x", dispatch_action);
  gtk_widget_class_install_action (widget_class, "alerts.resolve", "x", resolve_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "alertpanel");
}

static void
wg_alert_panel_init (WgAlertPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tick_id = g_timeout_add_seconds (30, tick_cb, self);
  update_state (self);
}
