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
const char *
wg_window_sync_operator (WgWindow *self)
{
  return self->context != NULL ? wg_context_get_operator (self->context) : NULL;
}

GSettings *
wg_window_get_settings (WgWindow *self)
{
  return self->context != NULL ? wg_context_get_settings (self->context) : NULL;
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
  GSettings *settings = wg_window_get_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
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
  if (wg_window_get_settings (self) != NULL)
    g_settings_set_string (wg_window_get_settings (self), "last-grid", wg_grid_node_get_code (node));
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

WgGridNode *
wg_window_find_household_node (WgWindow   *self,
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
    g_autofree char *last = wg_window_get_settings (self) != NULL ? g_settings_get_string (wg_window_get_settings (self), "last-grid")
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
  wg_window_refresh_alerts (self);
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

/* The page shown, read again: another desk changed what it shows. A file
 * with a form open is left alone — saving that form is refused if the
 * record changed meanwhile, and offers to reload. */
static gboolean
refresh_page_cb (gpointer data)
{
  WgWindow *self = data;
  g_autoptr(GError) error = NULL;
  const char *page;

  self->page_refresh_id = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  page = gtk_stack_get_visible_child_name (self->content_stack);
  if (g_strcmp0 (page, "person") == 0 && wg_person_page_get_dialog (self->person_page) == NULL)
    {
      if (!wg_person_page_show (self->person_page, self->store,
                                wg_person_page_get_person_id (self->person_page), &error))
        wg_window_add_toast (self, error->message);
    }
  else if (g_strcmp0 (page, "household") == 0 && wg_household_page_get_node (self->household_page) != NULL)
    {
      if (!wg_household_page_show (self->household_page, self->store,
                                   wg_household_page_get_node (self->household_page), &error))
        wg_window_add_toast (self, error->message);
    }
  else if (g_strcmp0 (page, "grid") == 0 && wg_grid_page_get_node (self->grid_page) != NULL)
    wg_grid_page_show (self->grid_page, self->store, wg_grid_page_get_node (self->grid_page));
  return G_SOURCE_REMOVE;
}

/* Whether the change another desk made is on the page shown. */
static gboolean
shows (WgWindow   *self,
       const char *subject,
       gint64      id)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  WgGridNode *node;

  if (g_str_equal (subject, "all"))
    return TRUE;
  if (g_strcmp0 (page, "person") == 0)
    return (g_str_equal (subject, "person") || g_str_equal (subject, "record")) &&
           wg_person_page_get_person_id (self->person_page) == id;
  if (g_strcmp0 (page, "household") == 0)
    {
      node = wg_household_page_get_node (self->household_page);
      /* A member's file: its name or quarantine shows on the page. */
      return g_str_equal (subject, "person") || g_str_equal (subject, "record") ||
             (g_str_equal (subject, "household") && node != NULL && wg_grid_node_get_id (node) == id);
    }
  if (g_strcmp0 (page, "grid") == 0)
    {
      node = wg_grid_page_get_node (self->grid_page);
      return g_str_equal (subject, "grid") && node != NULL && wg_grid_node_get_id (node) == id;
    }
  return FALSE;
}

/* Another desk committed on the county server: its rows in the tree and the
 * page shown follow, within a second, without reading everything again
 * (the figures and alerts follow "store-changed"). */
static void
on_context_remote_changed_cb (WgWindow   *self,
                              const char *subject,
                              const char *id_text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = id_text != NULL ? g_ascii_strtoll (id_text, NULL, 10) : 0;

  if (self->tree != NULL && (g_str_equal (subject, "grid") || g_str_equal (subject, "household")) &&
      !wg_grid_tree_refresh_name (self->tree, g_str_equal (subject, "household"), id, &error))
    g_warning ("Cannot read what another desk changed: %s", error->message);
  if (self->page_refresh_id == 0 && shows (self, subject, id))
    self->page_refresh_id = g_timeout_add (FIGURES_DELAY_MS, refresh_page_cb, self);
}

static void
on_context_message_cb (WgWindow   *self,
                       const char *message)
{
  wg_window_add_toast (self, message);
}

static void
update_edit_actions (WgWindow *self)
{
  g_autoptr(WgGridNode) node = wg_window_get_selected_node (self);
  gboolean household = node != NULL && wg_grid_node_is_household (node);
  /* A viewer's desk (a leader's screen on the county server) changes nothing. */
  gboolean writable = self->store != NULL && !wg_store_is_read_only (self->store);
  guint level = node != NULL && !household && writable ? wg_grid_node_get_level (node) : 0;
  GtkWidget *widget = GTK_WIDGET (self);

  household = household && writable;
  gtk_widget_action_set_enabled (widget, "win.import", writable);
  gtk_widget_action_set_enabled (widget, "win.new-returnee", writable);
  gtk_widget_action_set_enabled (widget, "win.build-demo", writable);
  gtk_widget_action_set_enabled (widget, "win.temperature-round", writable);

  gtk_widget_action_set_enabled (widget, "win.add-grid", level >= 1 && level <= 4);
  gtk_widget_action_set_enabled (widget, "win.add-household", level == 5);
  gtk_widget_action_set_enabled (widget, "win.rename-grid", level >= 1);
  gtk_widget_action_set_enabled (widget, "win.remove-grid", level >= 2);
  gtk_widget_action_set_enabled (widget, "win.edit-household", household);
  gtk_widget_action_set_enabled (widget, "win.move-household", household);
  gtk_widget_action_set_enabled (widget, "win.remove-household", household);
}

static void
wg_window_dispose (GObject *object)
{
  WgWindow *self = (WgWindow *) object;

  g_clear_handle_id (&self->alerts_refresh_id, g_source_remove);
  g_clear_handle_id (&self->figures_refresh_id, g_source_remove);
  g_clear_handle_id (&self->page_refresh_id, g_source_remove);
  g_clear_handle_id (&self->operator_id, g_source_remove);
  g_clear_handle_id (&self->reports_check_id, g_source_remove);
  g_clear_pointer (&self->reports_prompted, g_free);
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

  wg_window_class_init_actions (widget_class);
  wg_window_class_init_search (widget_class);
  wg_window_class_init_alerts (widget_class);

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

  wg_window_init_search (self);
  g_object_bind_property (self->alerts_button, "active", self->alerts_flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  wg_window_init_actions (self);
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
  g_signal_connect_object (context, "remote-changed", G_CALLBACK (on_context_remote_changed_cb), self,
                           G_CONNECT_SWAPPED);
  wg_window_watch_alerts (self);
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
  /* A leaders' screen: the county's dashboard from the start — once, not
   * again when the tree is read again after a change. */
  if (self->tree != NULL && !self->dashboard_shown && wg_window_get_settings (self) != NULL &&
      g_settings_get_boolean (wg_window_get_settings (self), "dashboard-at-start"))
    {
      self->dashboard_shown = TRUE;
      gtk_widget_activate_action (widget, "win.dashboard", NULL);
    }
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

  wg_window_sync_operator (self);
  build_tree (self);
  /* The tree's counts, the keyring and the broker after the first frame. */
  wg_after_first_frame (GTK_WIDGET (self), after_first_frame_cb);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-labels", TRUE);
  set_page (self, "summary");
  /* The tree has the keyboard: arrows walk it, typing searches. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->tree_view));
  /* First start: who is at the desk, before anything is recorded — once the
   * window is on screen. */
  if (wg_window_sync_operator (self) == NULL && self->operator_id == 0)
    wg_after_first_frame (GTK_WIDGET (self), wg_window_queue_ask_operator);
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
  node = household_id != 0 ? wg_window_find_household_node (self, grid_code, household_id)
                            : wg_grid_tree_lookup (self->tree, grid_code);
  if (node != NULL)
    wg_window_select_node (self, node);
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
