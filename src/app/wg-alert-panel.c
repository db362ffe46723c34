/* wg-alert-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The door sensors' alerts beside the tree, live: the feed's connection,
 * filters (open or all, a township), and one row per alert — severity,
 * kind, household, grid path, time since, the grid worker and phone — with
 * the next step of its life: acknowledge, dispatch, resolve. Activating a
 * row opens the household.
 *
 * The list never moves under the operator: while the pointer or the
 * keyboard focus is on it, rows are updated where they stand and new
 * alerts wait behind a "N new alerts" button; the list is read again when
 * both have left it, or the button is pressed. Every row's buttons name its
 * alert by id, never by position.
 */

#define G_LOG_DOMAIN "wg-alert-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wg-alert-panel.h"
#include "wg-alert-panel-private.h"
#include "wg-alert-row.h"
#include "wg-alert-engine.h"
#include "wg-application.h"
#include "wg-grid-node.h"
#include "wg-sensor-feed.h"
#include "wg-store-alerts.h"
#include "wg-store-grids.h"
#include "wg-store-sensors.h"

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
  GtkListView *alert_list;
  GtkScrolledWindow *scroller;
  GtkButton *new_button;
  AdwStatusPage *empty_page;

  /* owned */
  WgStore *store;
  WgSensorFeed *feed;
  GPtrArray *townships;  /* of char *: codes, index 0 for all */
  WgAlertModel *model;   /* every alert, every state and township */
  GtkCustomFilter *filter;
  GtkSortListModel *sorted; /* what the list shows: filtered, in order */
  GPtrArray *rows;       /* the rows the list view made */
  guint n_filled;        /* rows drawn from their alert, ever */
  GtkWidget *dialog;

  /* state */
  guint tick_id;
  guint n_open;
  guint n_rows;
  gboolean pointer_inside;
  gboolean focus_inside;
  gboolean stale;        /* held in place: to be read again when let go */
  guint release_id;
  guint reload_id;
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

static void
update_state (WgAlertPanel *self)
{
  g_autofree char *text = NULL;
  WgFeedState state = self->feed != NULL ? wg_sensor_feed_get_state (self->feed) : WG_FEED_STATE_STOPPED;
  const char *problem = self->feed != NULL ? wg_sensor_feed_get_problem (self->feed) : NULL;

  if (self->feed == NULL)
    text = g_strdup (_("No sensor broker: set one in Preferences"));
  else if (problem != NULL && state != WG_FEED_STATE_CONNECTED)
    text = g_strdup_printf ("%s · %s · %s", wg_feed_state_describe (state),
                            wg_sensor_feed_get_broker (self->feed), problem);
  else
    text = g_strdup_printf ("%s · %s", wg_feed_state_describe (state), wg_sensor_feed_get_broker (self->feed));
  gtk_label_set_label (self->state_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label), text);
  gtk_image_set_from_icon_name (self->state_image, state == WG_FEED_STATE_CONNECTED ? "network-transmit-receive-symbolic"
                                                   : "network-offline-symbolic");
  if (state == WG_FEED_STATE_CONNECTED)
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

static const char *
township_code (WgAlertPanel *self)
{
  guint township = gtk_drop_down_get_selected (self->township_dropdown);

  if (self->townships != NULL && township != GTK_INVALID_LIST_POSITION && township > 0 &&
      township < self->townships->len)
    return g_ptr_array_index (self->townships, township);
  return NULL;
}

static void
update_n_open (WgAlertPanel *self)
{
  guint n_open = wg_store_count_open_alerts (self->store);

  if (n_open != self->n_open)
    {
      self->n_open = n_open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
    }
}

static gboolean
alert_matches (WgAlertPanel      *self,
               const WgAlertInfo *alert)
{
  const char *township = township_code (self);

  if (gtk_toggle_button_get_active (self->open_button) && alert->state == WG_ALERT_STATE_RESOLVED)
    return FALSE;
  return township == NULL || (alert->grid_code != NULL && g_str_has_prefix (alert->grid_code, township));
}

static gboolean
filter_cb (gpointer item,
           gpointer data)
{
  return alert_matches (data, wg_alert_get_info (item));
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      data)
{
  return wg_alert_info_compare (wg_alert_get_info ((gpointer) a), wg_alert_get_info ((gpointer) b));
}

static void
show_list_state (WgAlertPanel *self)
{
  gboolean only_open = gtk_toggle_button_get_active (self->open_button);

  self->n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  gtk_stack_set_visible_child_name (self->list_stack, self->n_rows > 0 ? "list" : "empty");
  adw_status_page_set_title (self->empty_page, only_open ? _("No Open Alerts") : _("No Alerts"));
}

static void
show_waiting (WgAlertPanel *self,
              guint         n_new)
{
  if (n_new > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new alert", "%u new alerts", n_new),
                                                n_new);

      gtk_button_set_label (self->new_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), n_new > 0);
}

/* Reads the alerts again and brings the model up to date: a changed alert
 * redraws its own row. Held, nothing moves: new alerts wait behind the
 * "new alerts" button and changes of place wait until the list is let go. */
static void
refresh (WgAlertPanel *self,
         gboolean      held)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  GPtrArray *alerts;
  guint n_new = 0;

  alerts = wg_store_list_alerts (self->store, FALSE, NULL, &error);
  if (alerts == NULL)
    {
      g_warning ("Cannot read the alerts: %s", error->message);
      return;
    }
  if (!held)
    wg_alert_model_settle (self->model);
  wg_alert_model_update (self->model, alerts, held, &waiting);
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    if (alert_matches (self, g_ptr_array_index (waiting, i)))
      n_new++;
  self->stale = held;
  show_waiting (self, n_new);
  show_list_state (self);
}

/* Held by the pointer on the list, or by the keyboard working in it (a
 * focus the mouse left behind after a click does not hold it). */
static gboolean
is_held (WgAlertPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean keyboard = self->focus_inside && GTK_IS_WINDOW (root) &&
                      gtk_window_get_focus_visible (GTK_WINDOW (root));

  return (self->pointer_inside || keyboard) && self->n_rows > 0;
}

/**
 * wg_alert_panel_reload:
 * @self: a #WgAlertPanel
 *
 * Something changed: shows it. While the operator's pointer or focus is on
 * the list, rows change where they stand and new alerts wait behind the
 * "new alerts" button; otherwise the list is read again, as the filters say.
 */
void
wg_alert_panel_reload (WgAlertPanel *self)
{
  g_return_if_fail (WG_IS_ALERT_PANEL (self));

  if (self->store == NULL)
    return;
  refresh (self, is_held (self));
  update_n_open (self);
}

static gboolean
release_cb (gpointer data)
{
  WgAlertPanel *self = data;

  self->release_id = 0;
  if (self->stale && !is_held (self) && self->store != NULL)
    {
      refresh (self, FALSE);
      update_n_open (self);
    }
  return G_SOURCE_REMOVE;
}

/* Let go: what waited is shown — once GTK is done with the crossing or
 * focus change that let it go (its rows are in the middle of it). */
static void
release (WgAlertPanel *self)
{
  if (self->stale && self->release_id == 0)
    self->release_id = g_idle_add (release_cb, self);
}

static void
on_pointer_enter_cb (WgAlertPanel *self)
{
  self->pointer_inside = TRUE;
}

static void
on_pointer_leave_cb (WgAlertPanel *self)
{
  self->pointer_inside = FALSE;
  release (self);
}

static void
on_focus_enter_cb (WgAlertPanel *self)
{
  self->focus_inside = TRUE;
}

static void
on_focus_leave_cb (WgAlertPanel *self)
{
  self->focus_inside = FALSE;
  release (self);
}

static void
on_new_button_clicked_cb (WgAlertPanel *self)
{
  refresh (self, FALSE);
  update_n_open (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
on_filter_changed_cb (WgAlertPanel *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  wg_alert_panel_reload (self);
}

static void
open_household (WgAlertPanel      *self,
                const WgAlertInfo *alert)
{
  if (alert != NULL && alert->household_id != 0)
    g_signal_emit (self, signals[OPEN_HOUSEHOLD], 0, alert->household_id, alert->grid_code);
}

static void
on_alert_list_activate_cb (WgAlertPanel *self,
                           guint         position)
{
  g_autoptr(WgAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (alert != NULL)
    open_household (self, wg_alert_get_info (alert));
}

/* Opens the household of the alert @parameter names. */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgAlertPanel *self = WG_ALERT_PANEL (widget);
  gint64 id = g_variant_get_int64 (parameter);
  GListModel *all = G_LIST_MODEL (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(WgAlert) alert = g_list_model_get_item (all, i);

      if (wg_alert_get_id (alert) == id)
        {
          open_household (self, wg_alert_get_info (alert));
          return;
        }
    }
}

static void
on_row_filled_cb (WgAlertPanel *self)
{
  self->n_filled++;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              WgAlertPanel             *self)
{
  GtkWidget *row = wg_alert_row_new ();

  g_signal_connect_object (row, "filled", G_CALLBACK (on_row_filled_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->rows, row);
  gtk_list_item_set_child (item, row);
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 WgAlertPanel             *self)
{
  if (self->rows != NULL)
    g_ptr_array_remove (self->rows, gtk_list_item_get_child (item));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             WgAlertPanel             *self)
{
  WgAlert *alert = gtk_list_item_get_item (item);

  gtk_list_item_set_activatable (item, wg_alert_get_info (alert)->household_id != 0);
  wg_alert_row_set_read_only (WG_ALERT_ROW (gtk_list_item_get_child (item)),
                              self->store != NULL && wg_store_is_read_only (self->store));
  wg_alert_row_set_alert (WG_ALERT_ROW (gtk_list_item_get_child (item)), alert);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               WgAlertPanel             *self)
{
  wg_alert_row_set_alert (WG_ALERT_ROW (gtk_list_item_get_child (item)), NULL);
}

static gboolean
tick_cb (gpointer data)
{
  WgAlertPanel *self = data;

  /* "5 minutes ago" moves on. */
  for (guint i = 0; i < self->rows->len; i++)
    wg_alert_row_update_time (g_ptr_array_index (self->rows, i));
  return G_SOURCE_CONTINUE;
}

static gboolean
reload_cb (gpointer data)
{
  WgAlertPanel *self = data;

  self->reload_id = 0;
  wg_alert_panel_reload (self);
  return G_SOURCE_REMOVE;
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
  /* Not now: the button pressed is in the row about to change. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
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
  if (!g_str_equal (response, "resolve") || self->store == NULL ||
      gtk_drop_down_get_selected (outcome) == GTK_INVALID_LIST_POSITION)
    return;
  ok = wg_store_resolve_alert (self->store, id, gtk_drop_down_get_selected (outcome) + 1,
                               gtk_editable_get_text (note), &error);
  step_done (self, ok, error);
}

static void
on_outcome_chosen_cb (GtkDropDown      *dropdown,
                      GParamSpec       *pspec,
                      AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "resolve",
                                           gtk_drop_down_get_selected (dropdown) != GTK_INVALID_LIST_POSITION);
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WgAlertPanel *self = WG_ALERT_PANEL (widget);
  const char *outcomes[] = {
    wg_alert_outcome_describe (WG_ALERT_OUTCOME_VIOLATION),
    wg_alert_outcome_describe (WG_ALERT_OUTCOME_AUTHORISED_EXIT),
    wg_alert_outcome_describe (WG_ALERT_OUTCOME_FALSE_ALARM),
    wg_alert_outcome_describe (WG_ALERT_OUTCOME_DEVICE_FAULT),
    NULL,
  };
  GtkWidget *dialog, *box, *dropdown, *note;

  if (self->dialog != NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Resolve the Alert"),
                                   _("What was it? The outcome and the note go to the audit log."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  dropdown = gtk_drop_down_new_from_strings (outcomes);
  /* The operator says what it was: nothing is chosen for them. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), GTK_INVALID_LIST_POSITION);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outcome"), -1);
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
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "resolve", FALSE);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_outcome_chosen_cb), dialog, 0);
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
  /* A viewer's desk takes no steps: the server would refuse them anyway. */
  {
    gboolean writable = store != NULL && !wg_store_is_read_only (store);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.acknowledge", writable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.dispatch", writable);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.resolve", writable);
  }
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

  return self->n_rows;
}

/**
 * wg_alert_panel_get_row:
 * @self: a #WgAlertPanel
 * @index: a row, from the top
 *
 * Returns: (transfer none): the row, and (out) its alert
 */
GtkWidget *
wg_alert_panel_get_row (WgAlertPanel       *self,
                        guint               index,
                        const WgAlertInfo **alert)
{
  g_autoptr(WgAlert) item = NULL;

  g_return_val_if_fail (WG_IS_ALERT_PANEL (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), index);
  if (item == NULL)
    return NULL;
  if (alert != NULL)
    *alert = wg_alert_get_info (item);
  for (guint i = 0; i < self->rows->len; i++)
    if (wg_alert_row_get_alert (g_ptr_array_index (self->rows, i)) == item)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

/**
 * wg_alert_panel_get_n_rows_filled:
 *
 * Returns: how many times a row was drawn from its alert: a changed alert
 *   adds one, not one per row
 */
guint
wg_alert_panel_get_n_rows_filled (WgAlertPanel *self)
{
  g_return_val_if_fail (WG_IS_ALERT_PANEL (self), 0);

  return self->n_filled;
}

/**
 * wg_alert_panel_get_held:
 *
 * Returns: whether the list is held still (the pointer or the focus is on
 *   it): changes wait until it is let go
 */
gboolean
wg_alert_panel_get_held (WgAlertPanel *self)
{
  g_return_val_if_fail (WG_IS_ALERT_PANEL (self), FALSE);

  return is_held (self);
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
  g_clear_handle_id (&self->release_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->feed != NULL)
    g_signal_handlers_disconnect_by_data (self->feed, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_ALERT_PANEL);
  g_clear_object (&self->feed);
  g_clear_object (&self->store);
  g_clear_pointer (&self->townships, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);

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
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, new_button);
  gtk_widget_class_bind_template_child (widget_class, WgAlertPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alert_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "alerts.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "alerts.acknowledge", "x", acknowledge_action);
  gtk_widget_class_install_action (widget_class, "alerts.dispatch", "x", dispatch_action);
  gtk_widget_class_install_action (widget_class, "alerts.resolve", "x", resolve_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "alertpanel");
}

static void
wg_alert_panel_init (WgAlertPanel *self)
{
  GtkEventController *motion, *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tick_id = g_timeout_add_seconds (30, tick_cb, self);

  /* model → filter → sort → list view */
  self->rows = g_ptr_array_new ();
  self->model = wg_alert_model_new ();
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  {
    GtkFilterListModel *filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->model)),
                                                              GTK_FILTER (g_object_ref (self->filter)));
    GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (sort_cb, NULL, NULL));
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    GtkNoSelection *selection;

    self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), sorter);
    selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
    g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
    g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
    gtk_list_view_set_factory (self->alert_list, factory);
    gtk_list_view_set_model (self->alert_list, GTK_SELECTION_MODEL (selection));
    g_object_unref (factory);
    g_object_unref (selection);
  }

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_pointer_enter_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_pointer_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->alert_list), motion);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->alert_list), focus);
  update_state (self);
}
