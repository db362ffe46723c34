/* wg-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the header bar with the primary menu and, for now, the
 * county at a glance — its counts per level and of the people under watch.
 */

#define G_LOG_DOMAIN "wg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-window.h"
#include "wg-alert-engine.h"
#include "wg-alert-panel.h"
#include "wg-application.h"
#include "wg-context.h"
#include "wg-count-card.h"
#include "wg-demo.h"
#include "wg-edit-actions.h"
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

struct _WgWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkListView *tree_view;
  GtkSearchEntry *search_entry;
  GtkStack *sidebar_stack;
  GtkListBox *results_list;
  GtkLabel *results_cap_label;
  GtkScrolledWindow *results_scroller;
  GtkStack *content_stack;
  WgGridPage *grid_page;
  WgHouseholdPage *household_page;
  WgPersonPage *person_page;
  AdwStatusPage *error_page;
  GtkToggleButton *alerts_button;
  GtkLabel *alerts_badge;
  AdwFlap *alerts_flap;
  WgAlertPanel *alert_panel;

  /* owned */
  WgContext *context;
  WgStore *store;             /* the context's */
  GError *open_error;
  WgGridTree *tree;
  GtkTreeListModel *tree_model;
  GtkSingleSelection *tree_selection;
  guint alerts_refresh_id;
  guint figures_refresh_id;   /* figures to count again, soon */
  guint operator_id;          /* asking who is at the desk, at first start */
  gboolean came_from_search;  /* the content was opened from a search result */
};

/* Changes come in bursts (a round of temperatures, a batch of sensor
 * messages): the figures are counted again once the burst is over. */
#define FIGURES_DELAY_MS 300

G_DEFINE_FINAL_TYPE (WgWindow, wg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The name every change is logged under (Preferences' operator name), made
 * the store's; %NULL until someone said who is at the desk. */
static const char *
operator_name (WgWindow *self)
{
  return self->context != NULL ? wg_context_get_operator (self->context) : NULL;
}

static GSettings *
settings_of (WgWindow *self)
{
  return self->context != NULL ? wg_context_get_settings (self->context) : NULL;
}

static void
on_operator_changed_cb (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

/* Enter saves, once there is a name. */
static void
on_operator_activate_cb (GtkEntry         *entry,
                         AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "save"))
    adw_message_dialog_response (dialog, "save");
}

static void
on_operator_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         WgWindow         *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "save") || *name == '\0' || self->context == NULL)
    return;
  wg_context_set_operator (self->context, name);
  {
    g_autofree char *message = g_strdup_printf (_("Changes are now recorded under “%s”"), name);

    wg_window_add_toast (self, message);
  }
}

/* Who is at the desk: asked at first start and from the primary menu; the
 * audit log, acknowledgements and printed footers carry the name. */
static void
ask_operator (WgWindow *self)
{
  const char *current = operator_name (self);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Who Is at the Desk?"),
                                                       _("Your name goes into the audit log, onto acknowledged alerts and into the footer of everything printed.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name, as colleagues know you"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Operator's name"), -1);
  if (current != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), current);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Later"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "save", current != NULL);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_operator_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_operator_activate_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_operator_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static gboolean
ask_operator_cb (gpointer data)
{
  WgWindow *self = data;

  self->operator_id = 0;
  if (operator_name (self) == NULL)
    ask_operator (self);
  return G_SOURCE_REMOVE;
}

static void
queue_ask_operator (GtkWidget *widget)
{
  WgWindow *self = WG_WINDOW (widget);

  if (self->operator_id == 0 && operator_name (self) == NULL)
    self->operator_id = g_idle_add (ask_operator_cb, self);
}

/* Alt+←: back to the search results a page was opened from, on the row
 * that opened it, so the next one is a Down away. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  GtkListBoxRow *row;

  if (!self->came_from_search || g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "results") != 0)
    return;
  row = gtk_list_box_get_selected_row (self->results_list);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->results_list, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
operator_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_operator (WG_WINDOW (widget));
}

/* Narrower than this, the alert panel lies over the pages (a 1024 px
 * screen) rather than beside them. AdwBreakpoint is libadwaita 1.4. */
#define FOLD_BELOW_WIDTH 1200

static void
on_default_width_cb (WgWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  adw_flap_set_fold_policy (self->alerts_flap, width > 0 && width < FOLD_BELOW_WIDTH ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                                                  : ADW_FLAP_FOLD_POLICY_NEVER);
}

static void
set_page (WgWindow   *self,
          const char *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
show_error (WgWindow     *self,
            const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  adw_window_title_set_subtitle (self->window_title, NULL);
  set_page (self, "error");
}

static void
save_window_state (WgWindow *self)
{
  GSettings *settings = settings_of (self);
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static char *current_grid_code (WgWindow *self);

static void
print_labels_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autofree char *code = NULL;
  WgPrintView *view;

  if (self->store == NULL)
    return;

  /* Where the operator is: the grid on screen (a household's page keeps its
   * grid's), never the whole county by surprise. */
  code = current_grid_code (self);
  view = wg_print_view_new (self->store, code);
  gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (view));
}

/**
 * wg_window_open_dossier:
 * @self: a #WgWindow
 * @code: a resident ID number, a household code or a grid code
 * @then: ask where to export it or open the print dialog once it is ready
 *
 * Opens the print view on the dossier (or packet) of @code. The view shows
 * the pages while they are made, with progress and Cancel for a packet.
 *
 * Returns: (transfer none): the print view
 */
WgPrintView *
wg_window_open_dossier (WgWindow    *self,
                        const char  *code,
                        WgPrintThen  then)
{
  WgPrintView *view;

  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  view = wg_print_view_new (self->store, code);
  wg_print_view_set_kind (view, WG_PRINT_KIND_DOSSIERS);
  wg_print_view_set_then (view, then);
  gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (view));
  return view;
}

/* win.dossier ("CODE", "export" or "print"): what the pages' buttons do. */
static void
dossier_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  const char *code, *then;

  g_variant_get (parameter, "(&s&s)", &code, &then);
  if (WG_WINDOW (widget)->store != NULL && *code != '\0')
    wg_window_open_dossier (WG_WINDOW (widget), code,
                            g_str_equal (then, "print") ? WG_PRINT_THEN_PRINT : WG_PRINT_THEN_EXPORT);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  WgGridNode *node = item;

  /* Grids have children; households are the leaves. */
  if (wg_grid_node_is_household (node))
    return NULL;
  return G_LIST_MODEL (g_object_ref (node));
}

static void
setup_tree_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), g_object_new (WG_TYPE_GRID_ROW, NULL));
  gtk_list_item_set_child (item, expander);
}

static void
bind_tree_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(GObject) node = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  wg_grid_row_set_node (WG_GRID_ROW (gtk_tree_expander_get_child (expander)), WG_GRID_NODE (node));
}

static void
unbind_tree_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));

  gtk_tree_expander_set_list_row (expander, NULL);
  wg_grid_row_set_node (WG_GRID_ROW (gtk_tree_expander_get_child (expander)), NULL);
}

/* Right or + opens the selected row, Left or - closes it (or goes up to the
 * row above it). These run before the search entry captures typed keys. */
static gboolean
expand_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  WgWindow *self = user_data;
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->tree_selection);
  gboolean expand = g_variant_get_boolean (args);

  if (row == NULL)
    return FALSE;
  if (expand || gtk_tree_list_row_get_expanded (row))
    gtk_tree_list_row_set_expanded (row, expand);
  else
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

      if (parent == NULL)
        return TRUE;
      gtk_single_selection_set_selected (self->tree_selection, gtk_tree_list_row_get_position (parent));
      gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u",
                                  gtk_tree_list_row_get_position (parent));
    }
  return TRUE;
}

static void
add_tree_shortcuts (WgWindow *self)
{
  static const struct { guint key; gboolean expand; } keys[] = {
    { GDK_KEY_Right, TRUE }, { GDK_KEY_plus, TRUE }, { GDK_KEY_KP_Add, TRUE },
    { GDK_KEY_Left, FALSE }, { GDK_KEY_minus, FALSE }, { GDK_KEY_KP_Subtract, FALSE },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                gtk_callback_action_new (expand_shortcut_cb, self, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (keys[i].expand));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self->tree_view), controller);
}

static WgGridNode *
selected_node (WgWindow *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->tree_selection);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static void update_edit_actions (WgWindow *self);
static void on_household_page_open_person_cb (WgWindow *self, gint64 person_id);
static void on_person_page_open_household_cb (WgWindow *self, gint64 household_id);
static void on_person_page_changed_cb (WgWindow *self);

/* The household and person pages are made when first shown: the first
 * frame does without them. */
static WgHouseholdPage *
ensure_household_page (WgWindow *self)
{
  if (self->household_page == NULL)
    {
      self->household_page = g_object_new (WG_TYPE_HOUSEHOLD_PAGE, NULL);
      g_signal_connect_object (self->household_page, "open-person",
                               G_CALLBACK (on_household_page_open_person_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->household_page), "household");
    }
  return self->household_page;
}

static WgPersonPage *
ensure_person_page (WgWindow *self)
{
  if (self->person_page == NULL)
    {
      self->person_page = g_object_new (WG_TYPE_PERSON_PAGE, NULL);
      g_signal_connect_object (self->person_page, "open-household",
                               G_CALLBACK (on_person_page_open_household_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->person_page, "changed",
                               G_CALLBACK (on_person_page_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->person_page), "person");
    }
  return self->person_page;
}

static void
on_tree_selection_changed_cb (WgWindow *self)
{
  g_autoptr(WgGridNode) node = selected_node (self);

  update_edit_actions (self);
  if (node == NULL)
    return;

  if (wg_grid_node_is_household (node))
    {
      g_autoptr(GError) error = NULL;

      if (wg_household_page_show (ensure_household_page (self), self->store, node, &error))
        gtk_stack_set_visible_child_name (self->content_stack, "household");
      else
        wg_window_add_toast (self, error->message);
      return;
    }

  wg_grid_page_show (self->grid_page, self->store, node);
  gtk_stack_set_visible_child_name (self->content_stack, "grid");

  /* Remembered for the next start. */
  if (settings_of (self) != NULL)
    g_settings_set_string (settings_of (self), "last-grid", wg_grid_node_get_code (node));
}

static void
on_household_page_open_person_cb (WgWindow *self,
                                  gint64    person_id)
{
  wg_window_open_person (self, person_id);
}

/* The file changed: the tree's quarantine badges may have (a quarantine added). */
static void
on_person_page_changed_cb (WgWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->tree != NULL && !wg_grid_tree_refresh_quarantined (self->tree, &error))
    g_warning ("Cannot count the people in quarantine: %s", error->message);
}

static void
on_person_page_open_household_cb (WgWindow *self,
                                  gint64    household_id)
{
  ensure_household_page (self);
  gtk_stack_set_visible_child_name (self->content_stack, "household");
}

/* The row of @node in the tree, expanding the grids above it. */
static guint
reveal_node (WgWindow   *self,
             WgGridNode *node)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  guint position = 0;

  for (WgGridNode *n = node; n != NULL; n = wg_grid_node_get_parent (n))
    g_ptr_array_insert (chain, 0, n);

  for (guint depth = 0; depth < chain->len; depth++)
    {
      WgGridNode *wanted = g_ptr_array_index (chain, depth);
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));
      gboolean found = FALSE;

      for (guint i = position; i < n_items; i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), i);
          g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

          if (item == G_OBJECT (wanted))
            {
              position = i;
              found = TRUE;
              if (depth + 1 < chain->len)
                gtk_tree_list_row_set_expanded (row, TRUE);
              break;
            }
        }
      if (!found)
        return GTK_INVALID_LIST_POSITION;
    }
  return position;
}

#define SEARCH_LIMIT 50

static const char *
kind_heading (WgSearchKind kind)
{
  switch (kind)
    {
    case WG_SEARCH_KIND_PERSON:
      return _("People");
    case WG_SEARCH_KIND_HOUSEHOLD:
      return _("Households");
    case WG_SEARCH_KIND_GRID:
      return _("Grids");
    case WG_SEARCH_KIND_LABEL:
    default:
      return _("Household Label");
    }
}

static WgSearchResult *
row_result (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "wg-search-result") : NULL;
}

/* Results come grouped by kind, each group under its heading. */
static void
results_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  WgSearchResult *result = row_result (row);
  WgSearchResult *previous = row_result (before);
  GtkWidget *header;

  if (previous != NULL && previous->kind == result->kind)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (kind_heading (result->kind));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static int
compare_kind (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const WgSearchResult *ra = *(WgSearchResult * const *) a;
  const WgSearchResult *rb = *(WgSearchResult * const *) b;
  const guint *group_rank = user_data;

  return (int) group_rank[ra->kind] - (int) group_rank[rb->kind];
}

static WgGridNode *
find_household_node (WgWindow   *self,
                     const char *micro_code,
                     gint64      household_id)
{
  WgGridNode *micro = wg_grid_tree_lookup (self->tree, micro_code);

  if (micro == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (micro)); i++)
    {
      g_autoptr(WgGridNode) child = g_list_model_get_item (G_LIST_MODEL (micro), i);

      if (wg_grid_node_get_id (child) == household_id)
        return child; /* the micro-grid keeps it alive */
    }
  return NULL;
}

static void
open_result (WgWindow       *self,
             WgSearchResult *result)
{
  WgGridNode *node = NULL;

  if (result == NULL || self->tree == NULL)
    return;
  /* Alt+← comes back to this result, in the list it was picked from. */
  self->came_from_search = TRUE;

  switch (result->kind)
    {
    case WG_SEARCH_KIND_GRID:
      node = wg_grid_tree_lookup (self->tree, result->grid_code);
      break;

    case WG_SEARCH_KIND_HOUSEHOLD:
      node = find_household_node (self, result->grid_code, result->id);
      break;

    case WG_SEARCH_KIND_PERSON:
      if (result->grid_code != NULL)
        {
          g_autoptr(WgPersonInfo) info = wg_store_read_person (self->store, result->id, NULL);

          if (info != NULL && info->household_id > 0)
            node = find_household_node (self, result->grid_code, info->household_id);
        }
      break;

    case WG_SEARCH_KIND_LABEL:
    default:
      wg_window_add_toast (self, result->detail);
      return;
    }

  if (node != NULL)
    wg_window_select_node (self, node);
  if (result->kind == WG_SEARCH_KIND_PERSON)
    wg_window_open_person (self, result->id);
  if (result->is_label && result->label_status == WG_LABEL_STATUS_OUTDATED)
    wg_window_add_toast (self, wg_label_status_describe (result->label_status));
}

static void
on_search_entry_search_changed_cb (WgWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *old;
  guint n_shown;

  /* (gtk_list_box_remove_all () is GTK 4.12.) Headers go with their rows. */
  while ((old = gtk_list_box_get_row_at_index (self->results_list, 0)) != NULL)
    gtk_list_box_remove (self->results_list, GTK_WIDGET (old));

  if (self->store == NULL || text == NULL || *text == '\0')
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "tree");
      return;
    }

  results = wg_store_search (self->store, text, SEARCH_LIMIT, &error);
  if (results == NULL)
    {
      wg_window_add_toast (self, error->message);
      return;
    }
  if (results->len == 0)
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "no-results");
      return;
    }

  /* Grouped by kind, the groups in the order their first result came: an
   * exact match leads the search, so its group leads the list. The sort is
   * stable: within a group, the search's order holds. */
  {
    guint group_rank[WG_SEARCH_KIND_LABEL + 1];

    for (guint k = 0; k < G_N_ELEMENTS (group_rank); k++)
      group_rank[k] = G_MAXUINT;
    for (guint i = 0; i < results->len; i++)
      {
        WgSearchResult *result = g_ptr_array_index (results, i);

        if (group_rank[result->kind] == G_MAXUINT)
          group_rank[result->kind] = i;
      }
    g_ptr_array_sort_with_data (results, compare_kind, group_rank);
  }
  for (guint i = 0; i < results->len; i++)
    {
      WgSearchResult *result = g_ptr_array_index (results, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      if (result->is_label)
        subtitle = g_strdup_printf ("%s%s%s", wg_label_status_describe (result->label_status),
                                    result->kind == WG_SEARCH_KIND_HOUSEHOLD ? "\n" : "",
                                    result->kind == WG_SEARCH_KIND_HOUSEHOLD ? result->detail : "");
      else if (result->location != NULL)
        subtitle = g_strdup_printf ("%s\n%s", result->detail, result->location);
      else
        subtitle = g_strdup (result->detail);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), result->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      if (result->is_label && result->label_status != WG_LABEL_STATUS_VALID)
        gtk_widget_add_css_class (row, "error");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "wg-search-result", result,
                              (GDestroyNotify) wg_search_result_free);
      gtk_list_box_append (self->results_list, row);
    }
  /* The rows own the results now. */
  g_ptr_array_set_free_func (results, NULL);
  n_shown = results->len;

  /* Capped: say how many there are, so nobody thinks the list is all. */
  gtk_widget_set_visible (GTK_WIDGET (self->results_cap_label), FALSE);
  if (n_shown >= SEARCH_LIMIT)
    {
      g_autoptr(GError) count_error = NULL;
      guint total = wg_store_count_search (self->store, text, 1000000, &count_error);

      if (total > n_shown)
        {
          g_autofree char *shown = g_strdup_printf ("%u", n_shown);
          g_autofree char *all = g_strdup_printf ("%'u", total);
          /* Translators: "50 of 11,881 — narrow the search" */
          g_autofree char *message = g_strdup_printf (_("%s of %s — narrow the search"), shown, all);

          gtk_label_set_label (self->results_cap_label, message);
          gtk_widget_set_visible (GTK_WIDGET (self->results_cap_label), TRUE);
        }
    }

  gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, 0));
  gtk_stack_set_visible_child_name (self->sidebar_stack, "results");
  /* A new search starts at the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->results_scroller), 0);
}

/* Enter, or a barcode scanner's final Return: open the first result. */
static void
on_search_entry_activate_cb (WgWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results_list);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->results_list, 0);
  if (row != NULL)
    open_result (self, row_result (row));
}

static void
on_search_entry_stop_search_cb (WgWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (self->sidebar_stack, "tree");
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static void
on_results_list_row_activated_cb (WgWindow      *self,
                                  GtkListBoxRow *row)
{
  open_result (self, row_result (row));
}

static void
temperature_round_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  WgGridNode *node = wg_grid_page_get_node (self->grid_page);
  g_autoptr(GError) error = NULL;
  WgRoundView *view;

  if (node == NULL || self->store == NULL)
    return;

  operator_name (self);
  view = wg_round_view_new (self->store, wg_grid_node_get_code (node), wg_grid_node_get_name (node),
                            &error);
  if (view == NULL)
    {
      wg_window_add_toast (self, error->message);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (view));
}

/* The grid the operator is on: the grid page's, else the county. */
static char *
current_grid_code (WgWindow *self)
{
  if (wg_grid_page_get_node (self->grid_page) != NULL)
    return g_strdup (wg_grid_node_get_code (wg_grid_page_get_node (self->grid_page)));
  return wg_store_dup_county_code (self->store);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  WgImportKind kind = WG_IMPORT_KIND_RETURNEES;
  WgImportDialog *dialog;

  if (self->store == NULL)
    return;
  wg_import_kind_from_string (g_variant_get_string (parameter, NULL), &kind);
  operator_name (self);
  dialog = wg_import_dialog_new (GTK_WINDOW (self), self->context, kind);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  WgExportList list;
  char *grid_code;
  char *today;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->grid_code);
  g_free (job->today);
  g_free (job);
}

static gboolean
write_list (WgStore        *store,
            const char     *path,
            WgTableFormat   format,
            guint          *rows,
            gpointer        user_data,
            GError        **error)
{
  ExportJob *job = user_data;

  return wg_export_write_list (store, job->list, job->grid_code, job->today, path, format, NULL, rows, error);
}

static ExportJob *
export_job_new (WgWindow   *self,
                const char *list_name)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  if (!wg_export_list_from_string (list_name, &job->list))
    job->list = WG_EXPORT_LIST_PERSONS;
  /* The alert panel and the sensors list are the county's, whatever grid
   * is on screen. */
  if (job->list != WG_EXPORT_LIST_ALERTS && job->list != WG_EXPORT_LIST_SENSORS)
    job->grid_code = current_grid_code (self);
  job->today = wg_today ();
  return job;
}

/* win.export (s): a list of the grid on screen, to a file the operator names. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  ExportJob *job;
  g_autofree char *grid_name = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;
  operator_name (self);
  job = export_job_new (self, g_variant_get_string (parameter, NULL));
  grid_name = job->grid_code != NULL ? wg_store_dup_grid_name (self->store, job->grid_code, NULL, NULL)
                                     : wg_store_dup_county_name (self->store);
  name = g_strdup_printf ("%s-%s-%s", wg_export_list_title (job->list), grid_name != NULL ? grid_name : "",
                          job->today);
  wg_export_file_choose (widget, self->store, name, write_list, job, export_job_free);
}

/* win.export-to (ss): the same, to the file named (no dialog). */
static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  const char *list_name, *path;
  ExportJob *job;

  if (self->store == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &list_name, &path);
  job = export_job_new (self, list_name);
  wg_export_file_write (widget, self->store, path, write_list, job);
  export_job_free (job);
}

static gboolean
write_search (WgStore        *store,
              const char     *path,
              WgTableFormat   format,
              guint          *rows,
              gpointer        user_data,
              GError        **error)
{
  return wg_export_write_search (store, user_data, path, format, rows, error);
}

static void
export_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *today = wg_today ();
  g_autofree char *name = NULL;

  if (self->store == NULL || *query == '\0')
    return;
  name = g_strdup_printf ("搜索结果-%s-%s", query, today);
  g_strdelimit (name, "/\\:*?\"<>|", '_');
  wg_export_file_choose (widget, self->store, name, write_search, g_strdup (query), g_free);
}

static void
new_returnee_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autofree char *code = NULL;

  if (self->store == NULL || wg_store_is_empty (self->store))
    return;
  operator_name (self);
  code = current_grid_code (self);
  wg_form_dialog_present (wg_returnee_form_new (widget, self->store, code));
}

/* The empty database's other way in: a small county of made-up people,
 * marked as demo data wherever it shows. */
static void
build_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wg_today ();

  if (self->store == NULL || !wg_store_is_empty (self->store))
    return;
  operator_name (self);
  if (!wg_demo_build (self->store, WG_DEMO_SCALE_SMALL, 1, today, NULL, NULL, &error))
    {
      wg_window_add_toast (self, error->message);
      return;
    }
  wg_window_reload (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* A person from the list behind a figure. */
static void
on_grid_page_open_person_cb (WgWindow *self,
                             gint64    person_id)
{
  wg_window_open_person (self, person_id);
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_grid_page_open_node_cb (WgWindow   *self,
                           WgGridNode *node)
{
  wg_window_select_node (self, node);
}

static void
build_tree (WgWindow *self)
{
  g_autoptr(GError) error = NULL;
  GListStore *roots;

  g_clear_object (&self->tree);
  /* The counts (households, people in quarantine, open alerts) after the
   * first frame. */
  self->tree = wg_grid_tree_new_without_counts (self->store, &error);
  if (self->tree == NULL)
    {
      g_warning ("Could not read the grid tree: %s", error->message);
      return;
    }

  roots = g_list_store_new (WG_TYPE_GRID_NODE);
  g_list_store_append (roots, wg_grid_tree_get_root (self->tree));
  self->tree_model = gtk_tree_list_model_new (G_LIST_MODEL (roots), FALSE, FALSE,
                                              create_children_cb, NULL, NULL);
  self->tree_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
  g_signal_connect_object (self->tree_selection, "selection-changed",
                           G_CALLBACK (on_tree_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (g_object_ref (self->tree_selection)));

  /* The county open, its townships in sight. */
  {
    g_autoptr(GtkTreeListRow) root_row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), 0);
    gtk_tree_list_row_set_expanded (root_row, TRUE);
  }
  gtk_single_selection_set_selected (self->tree_selection, 0);
  wg_grid_page_show (self->grid_page, self->store, wg_grid_tree_get_root (self->tree));

  /* Back where the last session left off. */
  {
    g_autofree char *last = settings_of (self) != NULL ? g_settings_get_string (settings_of (self), "last-grid")
                                                       : NULL;
    WgGridNode *node;

    node = wg_grid_tree_lookup (self->tree, last);
    if (node != NULL && node != wg_grid_tree_get_root (self->tree))
      wg_window_select_node (self, node);
  }
}

static gboolean
wg_window_close_request (GtkWindow *window)
{
  save_window_state (WG_WINDOW (window));

  return GTK_WINDOW_CLASS (wg_window_parent_class)->close_request (window);
}


/* The door sensors */

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
static void
refresh_alerts (WgWindow *self)
{
  wg_alert_panel_reload (self->alert_panel);
  refresh_alert_marks (self);
}

static gboolean
refresh_alerts_cb (gpointer data)
{
  WgWindow *self = data;

  self->alerts_refresh_id = 0;
  refresh_alerts (self);
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

/* Every figure on screen follows every change that touches it: the grid
 * page's counts, the tree's badges, the alerts. */
static gboolean
refresh_figures_cb (gpointer data)
{
  WgWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->figures_refresh_id = 0;
  if (self->store == NULL || self->tree == NULL)
    return G_SOURCE_REMOVE;
  if (wg_grid_page_get_node (self->grid_page) != NULL)
    wg_grid_page_refresh (self->grid_page, self->store);
  if (!wg_grid_tree_refresh_quarantined (self->tree, &error))
    g_warning ("Cannot count the people in quarantine: %s", error->message);
  refresh_alerts (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_figures (WgWindow *self)
{
  if (self->figures_refresh_id == 0)
    self->figures_refresh_id = g_timeout_add (FIGURES_DELAY_MS, refresh_figures_cb, self);
}

/* A commit on this desk's connection (the round, a form, the feed) or, as
 * the context sees it, another process's (wangge-cli, another desk). A
 * county that was empty has a tree now. */
static void
on_context_store_changed_cb (WgWindow *self,
                             gboolean  registry)
{
  if (registry && g_strcmp0 (wg_window_get_page (self), "empty") == 0)
    wg_window_reload (self);
  else
    schedule_figures (self);
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
on_context_message_cb (WgWindow   *self,
                       const char *message)
{
  wg_window_add_toast (self, message);
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
  WgGridNode *node = self->tree != NULL ? find_household_node (self, grid_code, household_id) : NULL;

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

static void
update_edit_actions (WgWindow *self)
{
  g_autoptr(WgGridNode) node = wg_window_get_selected_node (self);
  gboolean household = node != NULL && wg_grid_node_is_household (node);
  guint level = node != NULL && !household ? wg_grid_node_get_level (node) : 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.add-grid", level >= 1 && level <= 4);
  gtk_widget_action_set_enabled (widget, "win.add-household", level == 5);
  gtk_widget_action_set_enabled (widget, "win.rename-grid", level >= 1);
  gtk_widget_action_set_enabled (widget, "win.remove-grid", level >= 2);
  gtk_widget_action_set_enabled (widget, "win.edit-household", household);
  gtk_widget_action_set_enabled (widget, "win.move-household", household);
  gtk_widget_action_set_enabled (widget, "win.remove-household", household);
}

static void
sensors_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  WgSensorsWindow *window;

  if (self->store == NULL)
    return;
  window = wg_sensors_window_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
}

/* What a dialog or a helper has to tell the operator, on this window. */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  wg_window_add_toast (WG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
toggle_alerts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);

  gtk_toggle_button_set_active (self->alerts_button, !gtk_toggle_button_get_active (self->alerts_button));
}

static void
on_alerts_button_toggled_cb (WgWindow *self)
{
  gboolean visible = gtk_toggle_button_get_active (self->alerts_button);

  if (settings_of (self) != NULL)
    g_settings_set_boolean (settings_of (self), "alert-panel-visible", visible);
}

static void
wg_window_dispose (GObject *object)
{
  WgWindow *self = (WgWindow *) object;

  g_clear_handle_id (&self->alerts_refresh_id, g_source_remove);
  g_clear_handle_id (&self->figures_refresh_id, g_source_remove);
  g_clear_handle_id (&self->operator_id, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_WINDOW);
  g_clear_object (&self->tree_selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->tree);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wg_window_parent_class)->dispose (object);
}

static void
wg_window_finalize (GObject *object)
{
  WgWindow *self = (WgWindow *) object;

  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (wg_window_parent_class)->finalize (object);
}

static void
wg_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WgWindow *self = WG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, wg_window_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_window_class_init (WgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wg_window_dispose;
  object_class->finalize = wg_window_finalize;
  object_class->get_property = wg_window_get_property;

  window_class->close_request = wg_window_close_request;

  /**
   * WgWindow:page:
   *
   * What the window shows: "summary", "empty" (no county yet) or "error".
   */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WG_TYPE_COUNT_CARD);
  g_type_ensure (WG_TYPE_GRID_PAGE);
  g_type_ensure (WG_TYPE_HOUSEHOLD_PAGE);
  g_type_ensure (WG_TYPE_PERSON_PAGE);
  g_type_ensure (WG_TYPE_ALERT_PANEL);

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, tree_view);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, results_cap_label);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, grid_page);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, alerts_button);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, alerts_badge);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, alerts_flap);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, alert_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_page_open_node_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_page_open_person_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alert_panel_open_household_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alert_panel_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.print-labels", NULL, print_labels_action);
  gtk_widget_class_install_action (widget_class, "win.import", "s", import_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.export-to", "(ss)", export_to_action);
  gtk_widget_class_install_action (widget_class, "win.export-search", NULL, export_search_action);
  gtk_widget_class_install_action (widget_class, "win.new-returnee", NULL, new_returnee_action);
  gtk_widget_class_install_action (widget_class, "win.build-demo", NULL, build_demo_action);
  gtk_widget_class_install_action (widget_class, "win.dossier", "(ss)", dossier_action);
  gtk_widget_class_install_action (widget_class, "win.sensors", NULL, sensors_action);
  gtk_widget_class_install_action (widget_class, "win.operator", NULL, operator_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.toggle-alerts", NULL, toggle_alerts_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  wg_edit_actions_install (widget_class);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.temperature-round", NULL,
                                   temperature_round_action);

}

static void
wg_window_init (WgWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width_cb), NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_tree_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tree_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tree_row_cb), NULL);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);

  gtk_list_box_set_header_func (self->results_list, results_header_func, NULL, NULL);
  g_object_bind_property (self->alerts_button, "active", self->alerts_flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->alerts_button, "toggled", G_CALLBACK (on_alerts_button_toggled_cb), self);
  add_tree_shortcuts (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->tree_view));
}

/**
 * wg_window_new:
 * @application: the application
 * @context: what the application runs: the store (if it opened), the
 *   settings, the sensors
 * @open_error: (nullable): why the store could not be opened, shown in the
 *   window
 *
 * Returns: (transfer full): a new main window
 */
WgWindow *
wg_window_new (AdwApplication *application,
               WgContext      *context,
               const GError   *open_error)
{
  GSettings *settings;
  WgWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (WG_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (wg_context_get_store (context) != NULL || open_error != NULL, NULL);

  self = g_object_new (WG_TYPE_WINDOW, "application", application, NULL);
  self->context = g_object_ref (context);
  settings = wg_context_get_settings (context);
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_toggle_button_set_active (self->alerts_button, g_settings_get_boolean (settings, "alert-panel-visible"));

  g_set_object (&self->store, wg_context_get_store (context));
  if (open_error != NULL)
    self->open_error = g_error_copy (open_error);
  g_signal_connect_object (context, "store-changed", G_CALLBACK (on_context_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "alert", G_CALLBACK (on_engine_alert_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "reminder", G_CALLBACK (on_context_reminder_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "sensors-changed", G_CALLBACK (on_context_sensors_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "message", G_CALLBACK (on_context_message_cb), self, G_CONNECT_SWAPPED);

  wg_window_reload (self);
  return self;
}

WgStore *
wg_window_get_store (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
wg_window_get_page (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* What the first frame does without: the tree's counts, then the sensors
 * (the keyring and the broker). */
static void
after_first_frame_cb (GtkWidget *widget)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->tree != NULL &&
      (!wg_grid_tree_refresh_households (self->tree, &error) ||
       !wg_grid_tree_refresh_quarantined (self->tree, &error) || !wg_grid_tree_refresh_alerts (self->tree, &error)))
    g_warning ("Cannot count the tree: %s", error->message);
  wg_context_start_sensors (self->context);
}

/**
 * wg_window_reload:
 * @self: a #WgWindow
 *
 * Counts the county again and shows the result.
 */
void
wg_window_reload (WgWindow *self)
{
  g_autofree char *county = NULL;

  g_return_if_fail (WG_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-labels", FALSE);

  if (self->store == NULL)
    {
      show_error (self, self->open_error);
      return;
    }

  county = wg_store_dup_county_name (self->store);
  if (county != NULL && wg_store_is_demo (self->store))
    {
      /* Nobody may take the demo's made-up people for real ones. */
      g_autofree char *marked = g_strdup_printf (_("%s — demo data, not real people"), county);

      adw_window_title_set_subtitle (self->window_title, marked);
    }
  else
    adw_window_title_set_subtitle (self->window_title, county);

  if (county == NULL)
    {
      set_page (self, "empty");
      return;
    }

  operator_name (self);
  build_tree (self);
  /* The tree's counts, the keyring and the broker after the first frame. */
  wg_after_first_frame (GTK_WIDGET (self), after_first_frame_cb);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-labels", TRUE);
  set_page (self, "summary");
  /* The tree has the keyboard: arrows walk it, typing searches. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->tree_view));
  /* First start: who is at the desk, before anything is recorded — once the
   * window is on screen. */
  if (operator_name (self) == NULL && self->operator_id == 0)
    wg_after_first_frame (GTK_WIDGET (self), queue_ask_operator);
}

/**
 * wg_window_select_node:
 * @self: a #WgWindow
 * @node: a grid or household of the tree
 *
 * Expands the tree down to @node, selects it, scrolls to it and shows it.
 */
void
wg_window_select_node (WgWindow   *self,
                       WgGridNode *node)
{
  guint position;

  g_return_if_fail (WG_IS_WINDOW (self));
  g_return_if_fail (WG_IS_GRID_NODE (node));

  position = reveal_node (self, node);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  /* Already selected (a person's file is open on its household's row):
   * no selection change, so show the node ourselves. */
  if (gtk_single_selection_get_selected (self->tree_selection) == position)
    on_tree_selection_changed_cb (self);
  else
    gtk_single_selection_set_selected (self->tree_selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", position);
}

/**
 * wg_window_get_selected_node:
 *
 * Returns: (transfer full) (nullable): the grid or household selected in the tree
 */
WgGridNode *
wg_window_get_selected_node (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return self->tree_selection != NULL ? selected_node (self) : NULL;
}

/**
 * wg_window_rebuild:
 * @self: a #WgWindow
 * @grid_code: the grid to select afterwards (for a household: its micro-grid)
 * @household_id: the household to select, or 0 for the grid
 *
 * Reads the tree again after grids or households changed, and selects.
 */
void
wg_window_rebuild (WgWindow   *self,
                   const char *grid_code,
                   gint64      household_id)
{
  WgGridNode *node;

  g_return_if_fail (WG_IS_WINDOW (self));

  wg_window_reload (self);
  if (self->tree == NULL || grid_code == NULL)
    return;
  node = household_id != 0 ? find_household_node (self, grid_code, household_id)
                            : wg_grid_tree_lookup (self->tree, grid_code);
  if (node != NULL)
    wg_window_select_node (self, node);
}

/**
 * wg_window_search:
 * @self: a #WgWindow
 * @text: what to type into the search entry
 *
 * Searches as if @text was typed; the results replace the tree.
 *
 * Returns: the number of results
 */
guint
wg_window_search (WgWindow   *self,
                  const char *text)
{
  guint n = 0;

  g_return_val_if_fail (WG_IS_WINDOW (self), 0);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_entry_search_changed_cb (self);
  while (gtk_list_box_get_row_at_index (self->results_list, n) != NULL)
    n++;
  return n;
}

/**
 * wg_window_search_activate:
 * @self: a #WgWindow
 *
 * What Enter in the search entry does: opens the selected (first) result.
 */
void
wg_window_search_activate (WgWindow *self)
{
  g_return_if_fail (WG_IS_WINDOW (self));

  on_search_entry_activate_cb (self);
}

/**
 * wg_window_open_person:
 * @self: a #WgWindow
 * @person_id: a person
 *
 * Shows the person's whole file.
 */
void
wg_window_open_person (WgWindow *self,
                       gint64    person_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WG_IS_WINDOW (self));

  if (wg_person_page_show (ensure_person_page (self), self->store, person_id, &error))
    gtk_stack_set_visible_child_name (self->content_stack, "person");
  else
    wg_window_add_toast (self, error->message);
}

/**
 * wg_window_get_content:
 * @self: a #WgWindow
 *
 * Returns: (transfer none): the page shown beside the tree: a #WgGridPage,
 *   #WgHouseholdPage or #WgPersonPage
 */
GtkWidget *
wg_window_get_content (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child (self->content_stack);
}

/**
 * wg_window_get_tree:
 * @self: a #WgWindow
 *
 * Returns: (transfer none) (nullable): the grid tree the sidebar shows
 */
WgGridTree *
wg_window_get_tree (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return self->tree;
}

/**
 * wg_window_get_grid_page:
 * @self: a #WgWindow
 *
 * Returns: (transfer none): the page that shows the selected grid
 */
WgGridPage *
wg_window_get_grid_page (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return self->grid_page;
}

void
wg_window_add_toast (WgWindow   *self,
                     const char *title)
{
  g_return_if_fail (WG_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}
