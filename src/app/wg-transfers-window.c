/* wg-transfers-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A day's point-to-point transfers (点对点转运): each with its vehicle,
 * driver, escort, from and to, the persons it carries and where it stands;
 * planned here, walked step by step (dispatched, picked up, handed over to
 * someone named) and its sheet printed. Every action names its transfer by
 * id.
 */

#define G_LOG_DOMAIN "wg-transfers-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-desk.h"
#include "wg-form-dialog.h"
#include "wg-list-document.h"
#include "wg-print-operation.h"
#include "wg-store-persons.h"
#include "wg-store-transfers.h"
#include "wg-transfers-window.h"

struct _WgTransfersWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *group;
  GtkWidget *rows_box;
  GtkWidget *day_entry;
  WgStore *store;
  char *day;
  GtkWidget *dialog;
  gint64 dialog_transfer;   /* the transfer the hand-over dialog is for */
  GStrv sites;              /* the county's sites, for the plan's "to" */
  guint n_rows;
};

G_DEFINE_FINAL_TYPE (WgTransfersWindow, wg_transfers_window, ADW_TYPE_WINDOW)

static void
toast (WgTransfersWindow *self,
       const char *message)
{
  wg_desk_toast (self->toast_overlay, message);
}

/* The step a transfer takes next, as its button says it. */
static const char *
next_step_label (WgTransferState state)
{
  switch (state)
    {
    case WG_TRANSFER_PLANNED:
      return _("Dispatch");
    case WG_TRANSFER_DISPATCHED:
      return _("Picked Up");
    case WG_TRANSFER_PICKED_UP:
      return _("Hand Over…");
    case WG_TRANSFER_HANDED_OVER:
    case WG_TRANSFER_N_STATES:
    default:
      return NULL;
    }
}

static char *
steps_text (const WgTransferInfo *t)
{
  GString *text = g_string_new (wg_transfer_state_describe (t->state));

  if (t->dispatched_at != NULL)
    g_string_append_printf (text, _(" · dispatched %s"), t->dispatched_at + 11);
  if (t->picked_up_at != NULL)
    g_string_append_printf (text, _(" · picked up %s"), t->picked_up_at + 11);
  if (t->handed_over_at != NULL)
    g_string_append_printf (text, _(" · handed over %s to %s"), t->handed_over_at + 11, t->handed_to);
  return g_string_free (text, FALSE);
}

/**
 * wg_transfers_window_reload:
 * @self: a #WgTransfersWindow
 *
 * Reads the day's transfers again.
 */
void
wg_transfers_window_reload (WgTransfersWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) transfers = NULL;
  g_autofree char *description = NULL;
  gboolean writable;
  GtkWidget *child;

  g_return_if_fail (WG_IS_TRANSFERS_WINDOW (self));

  if (!(transfers = wg_store_list_transfers (self->store, self->day, 0, &error)))
    {
      toast (self, error->message);
      return;
    }
  writable = !wg_store_is_read_only (self->store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.add", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.advance", writable);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u transfer on %s", "%u transfers on %s",
                                              transfers->len), transfers->len, self->day);
  adw_preferences_group_set_description (self->group, description);
  while ((child = gtk_widget_get_first_child (self->rows_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->rows_box), child);
  self->n_rows = transfers->len;
  for (guint i = 0; i < transfers->len; i++)
    {
      const WgTransferInfo *t = g_ptr_array_index (transfers, i);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *print = wg_desk_id_button_new (_("Sheet…"), _("Print the transfer sheet"), "transfers.print", t->id);
      const char *step = next_step_label (t->state);
      g_autofree char *title = g_strdup_printf ("%s · %s → %s", t->vehicle, t->from_place, t->to_place);
      g_autofree char *subtitle = steps_text (t);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      if (step != NULL)
        {
          GtkWidget *button = wg_desk_id_button_new (step, _("Record this step now"), "transfers.advance", t->id);

          gtk_widget_add_css_class (button, "suggested-action");
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
        }
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), print);
      {
        GtkWidget *crew = adw_action_row_new ();
        g_autofree char *who = g_strdup_printf (_("Driver %s · escort %s · %s"), t->driver, t->escort,
                                                wg_transfer_from_describe (t->from_kind));

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (crew), who);
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (crew), FALSE);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), crew);
      }
      for (guint j = 0; j < t->persons->len; j++)
        {
          const WgTransferPerson *p = g_ptr_array_index (t->persons, j);
          GtkWidget *person = adw_action_row_new ();
          g_autofree char *line = g_strdup_printf ("%s · %s", p->name, p->id_number);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (person), line);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (person), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (person), p->phone != NULL ? p->phone : "");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), person);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->rows_box), row);
    }
}

static void
advance (WgTransfersWindow *self,
         gint64             id,
         WgTransferState    state,
         const char        *handed_to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = wg_desk_now ();
  g_autofree char *done = NULL;

  if (!wg_store_advance_transfer (self->store, id, state, now, handed_to, &error))
    {
      toast (self, error->message);
      return;
    }
  done = g_strdup_printf (_("Transfer: %s."), wg_transfer_state_describe (state));
  toast (self, done);
  wg_transfers_window_reload (self);
}

static char *
check_handover (GtkWidget *dialog)
{
  const char *to = wg_form_dialog_get_text (dialog, "to");

  return to == NULL || *to == '\0' ? g_strdup ("") : NULL;
}

static void
on_handover_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         WgTransfersWindow *self)
{
  g_autofree char *to = NULL;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  to = g_strstrip (g_strdup (wg_form_dialog_get_text (GTK_WIDGET (dialog), "to")));
  advance (self, self->dialog_transfer, WG_TRANSFER_HANDED_OVER, to);
}

static void
advance_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WgTransfersWindow *self = WG_TRANSFERS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgTransferInfo) t = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (self->dialog != NULL)
    return;
  if (!(t = wg_store_get_transfer (self->store, id, &error)))
    {
      toast (self, error->message);
      return;
    }
  if (t->state == WG_TRANSFER_HANDED_OVER)
    return;
  if (t->state + 1 != WG_TRANSFER_HANDED_OVER)
    {
      advance (self, id, t->state + 1, NULL);
      return;
    }
  /* The hand-over names who took the persons over. */
  self->dialog_transfer = id;
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Hand Over"), t->to_place, check_handover);
  wg_form_dialog_add_field (self->dialog, "to", _("Handed Over To"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Hand Over"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_handover_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WgTransfersWindow *self = WG_TRANSFERS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgListDocument) sheet = NULL;
  g_autoptr(WgPrintOperation) operation = NULL;

  if (!(sheet = wg_list_document_new_for_transfer (self->store, g_variant_get_int64 (parameter), &error)))
    {
      toast (self, error->message);
      return;
    }
  operation = wg_print_operation_new (WG_DOCUMENT (sheet));
  gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (self), &error);
  if (error != NULL)
    toast (self, error->message);
}

static const char *const plan_fields[] = { "from", "to", "vehicle", "driver", "escort", "persons" };

static char *
check_plan (GtkWidget *dialog)
{
  if (!wg_desk_day_is_valid (wg_form_dialog_get_text (dialog, "day")))
    return g_strdup (_("Write the day as YYYY-MM-DD."));
  for (guint i = 0; i < G_N_ELEMENTS (plan_fields); i++)
    {
      const char *text = wg_form_dialog_get_text (dialog, plan_fields[i]);

      if (text == NULL || *text == '\0')
        return g_strdup ("");
    }
  return NULL;
}

static void
on_plan_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     WgTransfersWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) id_numbers = NULL;
  WgTransferPlan plan = { 0 };
  gint64 id = 0;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  to = g_strstrip (g_strdup (wg_form_dialog_get_text (GTK_WIDGET (dialog), "to")));
  /* ID numbers as typed or pasted: spaces, commas, Chinese commas, lines. */
  numbers = g_regex_split_simple ("[\\s,，、;；]+", wg_form_dialog_get_text (GTK_WIDGET (dialog), "persons"), 0, 0);
  for (guint i = 0; numbers[i] != NULL; i++)
    if (*numbers[i] != '\0')
      g_strv_builder_add (ids, numbers[i]);
  id_numbers = g_strv_builder_end (g_steal_pointer (&ids));
  plan.day = wg_form_dialog_get_text (GTK_WIDGET (dialog), "day");
  plan.from_kind = WG_TRANSFER_FROM_CHECKPOINT + wg_form_dialog_get_choice (GTK_WIDGET (dialog), "from-kind");
  plan.from_place = wg_form_dialog_get_text (GTK_WIDGET (dialog), "from");
  if (self->sites != NULL && g_strv_contains ((const char *const *) self->sites, to))
    plan.to_site = to;
  else
    plan.to_household = to;
  plan.vehicle = wg_form_dialog_get_text (GTK_WIDGET (dialog), "vehicle");
  plan.driver = wg_form_dialog_get_text (GTK_WIDGET (dialog), "driver");
  plan.escort = wg_form_dialog_get_text (GTK_WIDGET (dialog), "escort");
  plan.id_numbers = (const char *const *) id_numbers;
  if (!wg_store_add_transfer (self->store, &plan, &id, &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Transfer planned."));
  if (!g_str_equal (plan.day, self->day))
    wg_transfers_window_set_day (self, plan.day);
  else
    wg_transfers_window_reload (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WgTransfersWindow *self = WG_TRANSFERS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *kinds[] = { wg_transfer_from_describe (WG_TRANSFER_FROM_CHECKPOINT),
                          wg_transfer_from_describe (WG_TRANSFER_FROM_STATION),
                          wg_transfer_from_describe (WG_TRANSFER_FROM_ADDRESS), NULL };
  g_autofree char *body = NULL;

  if (self->dialog != NULL)
    return;
  g_clear_pointer (&self->sites, g_strfreev);
  self->sites = wg_store_list_quarantine_sites (self->store, &error);
  body = self->sites != NULL && self->sites[0] != NULL
           ? g_strdup_printf (_("To a central site (for example %s) or to a home by its household code."),
                              self->sites[0])
           : g_strdup (_("To a home, by its household code."));
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Plan a Transfer"), body, check_plan);
  wg_form_dialog_add_field (self->dialog, "day", _("Day"), self->day);
  wg_form_dialog_add_choice (self->dialog, "from-kind", _("From"), kinds);
  wg_form_dialog_add_field (self->dialog, "from", _("Checkpoint, Station or Address"), NULL);
  wg_form_dialog_add_field (self->dialog, "to", _("To (a Site or a Household Code)"), NULL);
  wg_form_dialog_add_field (self->dialog, "vehicle", _("Vehicle Plate"), NULL);
  wg_form_dialog_add_field (self->dialog, "driver", _("Driver"), NULL);
  wg_form_dialog_add_field (self->dialog, "escort", _("Escort"), NULL);
  wg_form_dialog_add_field (self->dialog, "persons", _("ID Numbers of the Persons"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Plan"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_plan_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

/**
 * wg_transfers_window_set_day:
 * @self: a #WgTransfersWindow
 * @day: the day to show, YYYY-MM-DD
 */
void
wg_transfers_window_set_day (WgTransfersWindow *self,
                             const char        *day)
{
  g_return_if_fail (WG_IS_TRANSFERS_WINDOW (self));
  g_return_if_fail (wg_desk_day_is_valid (day));

  wg_desk_show_day (self->day_entry, &self->day, day);
  if (self->store != NULL)
    wg_transfers_window_reload (self);
}

guint
wg_transfers_window_get_n_rows (WgTransfersWindow *self)
{
  g_return_val_if_fail (WG_IS_TRANSFERS_WINDOW (self), 0);

  return self->n_rows;
}

GtkWidget *
wg_transfers_window_get_dialog (WgTransfersWindow *self)
{
  g_return_val_if_fail (WG_IS_TRANSFERS_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_transfers_window_dispose (GObject *object)
{
  WgTransfersWindow *self = WG_TRANSFERS_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->sites, g_strfreev);

  G_OBJECT_CLASS (wg_transfers_window_parent_class)->dispose (object);
}

static void
wg_transfers_window_class_init (WgTransfersWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_transfers_window_dispose;

  gtk_widget_class_install_action (widget_class, "transfers.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "transfers.advance", "x", advance_action);
  gtk_widget_class_install_action (widget_class, "transfers.print", "x", print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "transfers.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_transfers_window_init (WgTransfersWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->day = wg_desk_today ();
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_title (GTK_WINDOW (self), _("Point-to-Point Transfers"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 640);

  gtk_widget_set_tooltip_text (add, _("Plan a Transfer (Ctrl+N)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Plan a Transfer"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "transfers.add");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), add);
  self->day_entry = wg_desk_day_entry_new (self->day, self->toast_overlay, (WgDeskDayFunc) wg_transfers_window_set_day,
                                           self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->day_entry);
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Transfers"));
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
 * wg_transfers_window_new:
 * @store: the county database
 *
 * Returns: (transfer full): today's transfers
 */
WgTransfersWindow *
wg_transfers_window_new (WgStore *store)
{
  WgTransfersWindow *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_TRANSFERS_WINDOW, NULL);
  self->store = g_object_ref (store);
  wg_transfers_window_reload (self);
  return self;
}
