/* wg-orders-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Help orders (点单 → 派单 → 接单) of a grid: open ones first, the overdue
 * in red; a new order recorded from a dialog; each order walked from its
 * row — dispatched to the nearest grid worker of its household, accepted,
 * done with a note — or cancelled with a reason. Every button names its
 * order by id; after a step the focus stays on that order's row, so the
 * keyboard can walk an order to done.
 */

#define G_LOG_DOMAIN "wg-orders-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-desk.h"
#include "wg-form-dialog.h"
#include "wg-orders-window.h"
#include "wg-store-orders.h"

struct _WgOrdersWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *group;
  GtkWidget *rows_box;
  GtkDropDown *filter;
  WgStore *store;
  char *grid_code;
  GtkWidget *dialog;
  gint64 dialog_order;
  GHashTable *step_buttons;   /* order id → its row's first button */
  guint n_rows;
  guint n_overdue;
};

G_DEFINE_FINAL_TYPE (WgOrdersWindow, wg_orders_window, ADW_TYPE_WINDOW)

static void
toast (WgOrdersWindow *self,
       const char     *message)
{
  wg_desk_toast (self->toast_overlay, message);
}

/* What the row's first button does next. */
static const char *
step_label (WgOrderState state)
{
  switch (state)
    {
    case WG_ORDER_ORDERED:
      return _("Dispatch");
    case WG_ORDER_DISPATCHED:
      return _("Accept");
    case WG_ORDER_ACCEPTED:
      return _("Done…");
    case WG_ORDER_DONE:
    case WG_ORDER_CANCELLED:
    case WG_ORDER_N_STATES:
    default:
      return NULL;
    }
}

/**
 * wg_orders_window_reload:
 * @self: a #WgOrdersWindow
 *
 * Reads the grid's orders again.
 */
void
wg_orders_window_reload (WgOrdersWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autofree char *description = NULL;
  gboolean open_only = gtk_drop_down_get_selected (self->filter) == 0;
  gboolean writable = !wg_store_is_read_only (self->store);
  guint n_open = 0;
  GtkWidget *child;

  g_return_if_fail (WG_IS_ORDERS_WINDOW (self));

  if (!(orders = wg_store_list_orders (self->store, self->grid_code, -1, 0, NULL, &error)))
    {
      toast (self, error->message);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.add", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.step", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.cancel", writable);
  while ((child = gtk_widget_get_first_child (self->rows_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->rows_box), child);
  g_hash_table_remove_all (self->step_buttons);
  self->n_rows = 0;
  self->n_overdue = 0;
  for (guint i = 0; i < orders->len; i++)
    {
      const WgOrderInfo *o = g_ptr_array_index (orders, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *step = step_label (o->state);
      GtkWidget *row;

      n_open += o->state < WG_ORDER_DONE;
      self->n_overdue += o->overdue;
      if (open_only && o->state >= WG_ORDER_DONE)
        continue;
      row = adw_action_row_new ();
      title = g_strdup_printf ("%s · %s: %s", o->household_code, wg_order_kind_describe (o->kind), o->detail);
      /* Translators: "Dispatched · by 2026-11-30 18:00 · 王建国 · 曲沃县…18号 · OVERDUE" */
      subtitle = g_strdup_printf (_("%s · by %.16s · %s · %s%s"), wg_order_state_describe (o->state), o->due_at,
                                  o->worker != NULL ? o->worker : _("no grid worker yet"), o->address,
                                  o->overdue ? _(" · overdue") : "");
      if (o->dispatcher != NULL && o->state == WG_ORDER_ORDERED)
        {
          /* Translators: appended to an order's row: who dispatches it (派单) */
          g_autofree char *owner = g_strdup_printf (_(" · dispatched by the group owner %s"), o->dispatcher);
          char *longer = g_strconcat (subtitle, owner, NULL);

          g_free (subtitle);
          subtitle = longer;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      if (o->overdue)
        gtk_widget_add_css_class (row, "overdue");
      if (step != NULL)
        {
          GtkWidget *button = wg_desk_id_button_new (step, _("The order's next step"), "orders.step", o->id);
          GtkWidget *cancel = wg_desk_id_button_new (_("Cancel…"), _("Cancel the order with the reason"),
                                                     "orders.cancel", o->id);

          gtk_widget_add_css_class (button, "suggested-action");
          gtk_widget_add_css_class (cancel, "flat");
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), cancel);
          g_hash_table_insert (self->step_buttons, g_memdup2 (&o->id, sizeof o->id), button);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->rows_box), row);
      self->n_rows++;
    }
  description = g_strdup_printf (_("%u open, %u overdue"), n_open, self->n_overdue);
  adw_preferences_group_set_description (self->group, description);
}

/* After a step: the list again, the focus back on the order's row. */
static void
reload_keeping (WgOrdersWindow *self,
                gint64          id)
{
  GtkWidget *button;

  wg_orders_window_reload (self);
  button = g_hash_table_lookup (self->step_buttons, &id);
  if (button != NULL)
    gtk_widget_grab_focus (button);
}

static void
report (WgOrdersWindow *self,
        gboolean        ok,
        const GError   *error,
        const char     *done,
        gint64          id)
{
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  toast (self, done);
  reload_keeping (self, id);
}

static char *
check_note (GtkWidget *dialog)
{
  const char *note = wg_form_dialog_get_text (dialog, "note");

  return note == NULL || *note == '\0' ? g_strdup ("") : NULL;
}

static void
on_note_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     WgOrdersWindow   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = wg_desk_now ();
  gboolean cancelling = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cancel"));
  const char *note;
  gboolean ok;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  note = wg_form_dialog_get_text (GTK_WIDGET (dialog), "note");
  ok = cancelling ? wg_store_cancel_order (self->store, self->dialog_order, now, note, &error)
                  : wg_store_complete_order (self->store, self->dialog_order, now, note, &error);
  report (self, ok, error, cancelling ? _("Order cancelled.") : _("Order done."), self->dialog_order);
}

static void
ask_note (WgOrdersWindow *self,
          gint64          id,
          gboolean        cancelling)
{
  self->dialog_order = id;
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), cancelling ? _("Cancel the Order") : _("Order Done"),
                                     cancelling ? _("Why is it cancelled?") : _("What was done?"), check_note);
  g_object_set_data (G_OBJECT (self->dialog), "cancel", GINT_TO_POINTER (cancelling));
  wg_form_dialog_add_field (self->dialog, "note", cancelling ? _("Reason") : _("Note"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add",
                                         cancelling ? _("Cancel _Order") : _("_Done"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_note_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgOrdersWindow *self = WG_ORDERS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgOrderInfo) order = NULL;
  g_autofree char *now = wg_desk_now ();
  gint64 id = g_variant_get_int64 (parameter);
  gint64 worker;
  gboolean ok;

  if (self->dialog != NULL)
    return;
  if (!(order = wg_store_get_order (self->store, id, NULL, &error)))
    {
      toast (self, error->message);
      return;
    }
  switch (order->state)
    {
    case WG_ORDER_ORDERED:
      worker = wg_store_find_order_worker (self->store, id, &error);
      ok = worker != 0 && wg_store_dispatch_order (self->store, id, worker, now, &error);
      report (self, ok, error, _("Order dispatched to the household's grid worker."), id);
      break;
    case WG_ORDER_DISPATCHED:
      ok = wg_store_accept_order (self->store, id, now, &error);
      report (self, ok, error, _("Order accepted."), id);
      break;
    case WG_ORDER_ACCEPTED:
      ask_note (self, id, FALSE);
      break;
    case WG_ORDER_DONE:
    case WG_ORDER_CANCELLED:
    case WG_ORDER_N_STATES:
    default:
      break;
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgOrdersWindow *self = WG_ORDERS_WINDOW (widget);

  if (self->dialog == NULL)
    ask_note (self, g_variant_get_int64 (parameter), TRUE);
}

static char *
check_order (GtkWidget *dialog)
{
  const char *household = wg_form_dialog_get_text (dialog, "household");
  const char *detail = wg_form_dialog_get_text (dialog, "detail");
  const char *due = wg_form_dialog_get_text (dialog, "due");
  g_autofree char *day = due != NULL ? g_strndup (due, 10) : NULL;

  if (household == NULL || *household == '\0' || detail == NULL || *detail == '\0')
    return g_strdup ("");
  if (due == NULL || strlen (due) != 16 || !wg_desk_day_is_valid (day))
    return g_strdup (_("Write the time to be done by as YYYY-MM-DD HH:MM."));
  return NULL;
}

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    WgOrdersWindow   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *household = NULL;
  WgOrderRequest request = { 0 };
  gint64 id = 0;
  gboolean ok;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  household = g_strstrip (g_strdup (wg_form_dialog_get_text (GTK_WIDGET (dialog), "household")));
  due = g_strconcat (wg_form_dialog_get_text (GTK_WIDGET (dialog), "due"), ":00", NULL);
  request.household_code = household;
  request.kind = WG_ORDER_KIND_ELDERLY_CARE + wg_form_dialog_get_choice (GTK_WIDGET (dialog), "kind");
  request.detail = wg_form_dialog_get_text (GTK_WIDGET (dialog), "detail");
  request.urgency = 1 + wg_form_dialog_get_choice (GTK_WIDGET (dialog), "urgency");
  request.due_at = due;
  ok = wg_store_add_order (self->store, &request, &id, &error);
  report (self, ok, error, _("Order recorded."), id);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WgOrdersWindow *self = WG_ORDERS_WINDOW (widget);
  const char *kinds[] = {
    wg_order_kind_describe (WG_ORDER_KIND_ELDERLY_CARE), wg_order_kind_describe (WG_ORDER_KIND_MEDICINE),
    wg_order_kind_describe (WG_ORDER_KIND_SHOPPING), wg_order_kind_describe (WG_ORDER_KIND_REPAIRS),
    wg_order_kind_describe (WG_ORDER_KIND_FARM_WORK), wg_order_kind_describe (WG_ORDER_KIND_OTHER), NULL,
  };
  const char *urgencies[] = { _("Normal"), _("Urgent"), _("Very urgent"), NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 4);
  g_autofree char *due = g_date_time_format (later, "%Y-%m-%d %H:00");

  if (self->dialog != NULL)
    return;
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Record a Help Order"),
                                     _("From the group chat or a call: for which household, what, by when."),
                                     check_order);
  wg_form_dialog_add_field (self->dialog, "household", _("Household Code"), NULL);
  wg_form_dialog_add_choice (self->dialog, "kind", _("What"), kinds);
  wg_form_dialog_add_field (self->dialog, "detail", _("What Is Needed"), NULL);
  wg_form_dialog_add_choice (self->dialog, "urgency", _("Urgency"), urgencies);
  wg_form_dialog_add_field (self->dialog, "due", _("To Be Done By (YYYY-MM-DD HH:MM)"), due);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Record"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_add_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static void
on_filter_changed_cb (WgOrdersWindow *self)
{
  if (self->store != NULL)
    wg_orders_window_reload (self);
}

guint
wg_orders_window_get_n_rows (WgOrdersWindow *self)
{
  g_return_val_if_fail (WG_IS_ORDERS_WINDOW (self), 0);

  return self->n_rows;
}

guint
wg_orders_window_get_n_overdue (WgOrdersWindow *self)
{
  g_return_val_if_fail (WG_IS_ORDERS_WINDOW (self), 0);

  return self->n_overdue;
}

/* The order's row's first button (its next step), or NULL. */
GtkWidget *
wg_orders_window_get_step_button (WgOrdersWindow *self,
                                  gint64          id)
{
  g_return_val_if_fail (WG_IS_ORDERS_WINDOW (self), NULL);

  return g_hash_table_lookup (self->step_buttons, &id);
}

GtkWidget *
wg_orders_window_get_dialog (WgOrdersWindow *self)
{
  g_return_val_if_fail (WG_IS_ORDERS_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_orders_window_dispose (GObject *object)
{
  WgOrdersWindow *self = WG_ORDERS_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->grid_code, g_free);
  g_clear_pointer (&self->step_buttons, g_hash_table_unref);

  G_OBJECT_CLASS (wg_orders_window_parent_class)->dispose (object);
}

static void
wg_orders_window_class_init (WgOrdersWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_orders_window_dispose;

  gtk_widget_class_install_action (widget_class, "orders.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "orders.step", "x", step_action);
  gtk_widget_class_install_action (widget_class, "orders.cancel", "x", cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "orders.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_orders_window_init (WgOrdersWindow *self)
{
  const char *filters[] = { _("Open Orders"), _("Every Order"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->step_buttons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Help Orders"));
  gtk_window_set_default_size (GTK_WINDOW (self), 860, 680);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());

  gtk_widget_set_tooltip_text (add, _("Record a Help Order (Ctrl+N)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Record a Help Order"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "orders.add");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), add);
  self->filter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (filters));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter), _("Show the open orders or every order"));
  g_signal_connect_swapped (self->filter, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->filter));
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Help Orders"));
  self->rows_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->rows_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->rows_box, "boxed-list");
  adw_preferences_group_add (self->group, self->rows_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_orders_window_new:
 * @store: the county database
 * @grid_code: the grid whose households' orders to show
 * @grid_name: its name
 *
 * Returns: (transfer full): the grid's open orders, overdue first
 */
WgOrdersWindow *
wg_orders_window_new (WgStore    *store,
                      const char *grid_code,
                      const char *grid_name)
{
  WgOrdersWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_ORDERS_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->grid_code = g_strdup (grid_code);
  /* Translators: the window's title: "Help Orders — 乐昌镇" */
  title = g_strdup_printf (_("Help Orders — %s"), grid_name != NULL ? grid_name : grid_code);
  gtk_window_set_title (GTK_WINDOW (self), title);
  wg_orders_window_reload (self);
  return self;
}
