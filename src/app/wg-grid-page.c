/* wg-grid-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A grid at a glance: its path, code, counts for everything below it (read
 * in a worker thread, so even the county's half-second count never holds the
 * window up), the staff assigned to it, and the grids or households below it
 * as a sortable list; activating one opens it.
 */

#define G_LOG_DOMAIN "wg-grid-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-grid-page.h"
#include "wg-application.h"
#include "wg-count-card.h"
#include "wg-dossier-buttons.h"
#include "wg-export-file.h"
#include "wg-export.h"
#include "wg-first-frame.h"
#include "wg-grid-node.h"
#include "wg-list-document.h"
#include "wg-print-operation.h"
#include "wg-store-grids.h"
#include "wg-store-status.h"
#include "wg-table-writer.h"

struct _WgGridPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *scroller;
  GtkLabel *path_label;
  GtkLabel *title_label;
  GtkLabel *code_label;
  WgDossierButtons *dossier_buttons;
  GtkStack *counts_stack;
  GtkSpinner *spinner;
  GtkFlowBox *levels_box;
  GtkFlowBox *status_box;
  GtkListBox *staff_list;
  GtkLabel *children_heading;
  GtkColumnView *children_view;

  /* owned */
  WgGridNode *node;
  WgStore *store;
  GCancellable *cancellable;
  guint count_serial;    /* one per count () asked for */
  guint counting_serial; /* the one a worker was started for */
  GtkSortListModel *sorted;

  /* state */
  guint loading : 1;
};

G_DEFINE_FINAL_TYPE (WgGridPage, wg_grid_page, GTK_TYPE_WIDGET)

enum {
  OPEN_NODE,
  OPEN_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *title;
  gsize offset;
  int level; /* > 0: grids[level] */
} CardSpec;

static const CardSpec level_cards[] = {
  { N_("Townships"), 0, 2 },
  { N_("Villages and Communities"), 0, 3 },
  { N_("Groups"), 0, 4 },
  { N_("Micro-grids"), 0, 5 },
  { N_("Households"), G_STRUCT_OFFSET (WgLevelCounts, households), 0 },
  { N_("People"), G_STRUCT_OFFSET (WgLevelCounts, persons), 0 },
};

static const CardSpec status_cards[] = {
  { N_("Away from Home"), G_STRUCT_OFFSET (WgLevelCounts, away), 0 },
  { N_("Returnees"), G_STRUCT_OFFSET (WgLevelCounts, returnees), 0 },
  { N_("Health Monitoring"), G_STRUCT_OFFSET (WgLevelCounts, monitoring), 0 },
  { N_("Home Quarantine"), G_STRUCT_OFFSET (WgLevelCounts, home_quarantine), 0 },
  { N_("Central Quarantine"), G_STRUCT_OFFSET (WgLevelCounts, central_quarantine), 0 },
  { N_("Fever Today"), G_STRUCT_OFFSET (WgLevelCounts, fever_today), 0 },
  { N_("No Test for 48 Hours"), G_STRUCT_OFFSET (WgLevelCounts, nat_overdue), 0 },
};

typedef struct
{
  char *db_path;
  char *code;
} CountData;

static void
count_data_free (CountData *data)
{
  g_free (data->db_path);
  g_free (data->code);
  g_free (data);
}

/* @thread counts the page's grid on a connection of its own; @done gets the result. */
static void
run_worker (WgGridPage          *self,
            GTaskThreadFunc      thread,
            GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, done, NULL);
  CountData *data = g_new0 (CountData, 1);

  data->db_path = g_strdup (wg_store_get_location (self->store));
  data->code = g_strdup (wg_grid_node_get_code (self->node));
  g_task_set_source_tag (task, done);
  g_task_set_task_data (task, data, (GDestroyNotify) count_data_free);
  g_task_run_in_thread (task, thread);
}

static void
fill_cards (GtkFlowBox          *box,
            const CardSpec      *specs,
            guint                n_specs,
            guint                min_level,
            const WgLevelCounts *counts,
            gboolean             trim)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
  GtkWidget *next;

  /* The cards that are there are updated where they stand: a figure
   * changes, nothing moves. */
  for (guint i = 0; i < n_specs; i++)
    {
      GtkWidget *card;
      guint value;

      /* Only the levels below the grid. */
      if (specs[i].level > 0 && (guint) specs[i].level <= min_level)
        continue;
      value = specs[i].level > 0 ? counts->grids[specs[i].level]
                                 : G_STRUCT_MEMBER (guint, counts, specs[i].offset);
      if (child != NULL)
        {
          card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
          wg_count_card_set_title (WG_COUNT_CARD (card), _(specs[i].title));
          wg_count_card_set_count (WG_COUNT_CARD (card), value);
          child = gtk_widget_get_next_sibling (child);
        }
      else
        {
          card = wg_count_card_new (_(specs[i].title), value);
          gtk_flow_box_append (box, card);
        }
      if (value > 0 && (specs[i].offset == G_STRUCT_OFFSET (WgLevelCounts, fever_today) ||
                        specs[i].offset == G_STRUCT_OFFSET (WgLevelCounts, nat_overdue)))
        gtk_widget_add_css_class (card, "attention");
      else
        gtk_widget_remove_css_class (card, "attention");
    }
  for (; trim && child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      gtk_flow_box_remove (box, child);
    }
}

#define N_BOARD (WG_STATUS_N - WG_STATUS_BOARD_FIRST)

/* The quarantine board's figures, after the page's: their cards follow the
 * status cards in the same box, in the statuses' order (a card opens its
 * list by its place), each updated where it stands. */
static void
fill_board (GtkFlowBox  *box,
            const guint *values)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));

  for (guint i = 0; i < WG_STATUS_BOARD_FIRST && child != NULL; i++)
    child = gtk_widget_get_next_sibling (child);
  for (guint i = 0; i < N_BOARD; i++)
    {
      WgStatus status = WG_STATUS_BOARD_FIRST + i;
      GtkWidget *card;

      if (child != NULL)
        {
          card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
          wg_count_card_set_count (WG_COUNT_CARD (card), values[i]);
          child = gtk_widget_get_next_sibling (child);
        }
      else
        {
          card = wg_count_card_new (wg_status_describe (status), values[i]);
          gtk_flow_box_append (box, card);
        }
      if (values[i] > 0 && (status == WG_STATUS_TESTS_OVERDUE || status == WG_STATUS_TEMPERATURE_MISSING ||
                            status == WG_STATUS_SENSOR_OFFLINE))
        gtk_widget_add_css_class (card, "attention");
      else
        gtk_widget_remove_css_class (card, "attention");
    }
}

static void
board_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountData *data = task_data;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint *values = g_new0 (guint, N_BOARD);

  if (!(store = wg_store_open (data->db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    {
      g_free (values);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < N_BOARD; i++)
    {
      g_autoptr(GPtrArray) people = NULL;

      if (g_task_return_error_if_cancelled (task))
        {
          g_free (values);
          return;
        }
      if (!(people = wg_store_list_status_people (store, data->code, WG_STATUS_BOARD_FIRST + i, NULL, &error)))
        {
          g_free (values);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      values[i] = people->len;
    }
  g_task_return_pointer (task, values, g_free);
}

static void
board_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WgGridPage *self = WG_GRID_PAGE (source);
  g_autofree guint *values = NULL;
  g_autoptr(GError) error = NULL;

  values = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (values == NULL)
    {
      g_warning ("The board of %s could not be counted: %s", wg_grid_node_get_code (self->node), error->message);
      return;
    }
  fill_board (self->status_box, values);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountData *data = task_data;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  WgLevelCounts *counts = g_new0 (WgLevelCounts, 1);

  if (!(store = wg_store_open (data->db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !wg_store_count_grid (store, data->code, NULL, counts, &error))
    {
      g_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, counts, g_free);
}

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WgGridPage *self = WG_GRID_PAGE (source);
  g_autofree WgLevelCounts *counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  if (counts == NULL)
    {
      g_warning ("Counting %s failed: %s", wg_grid_node_get_code (self->node), error->message);
      return;
    }

  fill_cards (self->levels_box, level_cards, G_N_ELEMENTS (level_cards),
              wg_grid_node_get_level (self->node), counts, TRUE);
  fill_cards (self->status_box, status_cards, G_N_ELEMENTS (status_cards), 0, counts, FALSE);
  gtk_stack_set_visible_child_name (self->counts_stack, "counts");

  /* Then the board's lists, which take longer: the page is usable meanwhile. */
  run_worker (self, board_thread, board_done);
}

static void
fill_staff (WgGridPage *self,
            WgStore    *store)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list))) != NULL)
    gtk_list_box_remove (self->staff_list, child);

  staff = wg_store_list_grid_staff (store, wg_grid_node_get_id (self->node), &error);
  if (staff == NULL || staff->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     staff == NULL ? error->message : _("No staff assigned"));
      gtk_list_box_append (self->staff_list, row);
      return;
    }

  for (guint i = 0; i < staff->len; i++)
    {
      WgStaffEntry *entry = g_ptr_array_index (staff, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *phone = gtk_label_new (entry->phone);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), wg_staff_role_describe (entry->role));
      gtk_label_set_selectable (GTK_LABEL (phone), TRUE);
      gtk_widget_add_css_class (phone, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), phone);
      gtk_list_box_append (self->staff_list, row);
    }
}

static void
on_children_view_activate_cb (WgGridPage *self,
                              guint       position)
{
  g_autoptr(WgGridNode) child = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (child != NULL)
    g_signal_emit (self, signals[OPEN_NODE], 0, child);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  WgGridNode *node = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), wg_grid_node_get_name (node));
}

static void
bind_households_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  WgGridNode *node = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (wg_grid_node_is_household (node))
    text = g_strdup (wg_grid_node_get_code (node));
  else
    text = g_strdup_printf ("%'u", wg_grid_node_get_n_households (node));
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
bind_quarantined_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  WgGridNode *node = gtk_list_item_get_item (item);
  g_autofree char *text = g_strdup_printf ("%u", wg_grid_node_get_n_quarantined (node));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* A count shown in a cell follows the node's count (the tree counts after
 * the window's first frame, and again after a change). */
static void
on_count_notify_cb (WgGridNode  *node,
                    GParamSpec  *pspec,
                    GtkListItem *item)
{
  GCallback bind = g_object_get_data (G_OBJECT (item), "wg-bind");

  if (bind != NULL && gtk_list_item_get_item (item) == (gpointer) node)
    ((void (*) (GtkSignalListItemFactory *, GtkListItem *, gpointer)) bind) (NULL, item, NULL);
}

static void
bind_following_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  const char *property = user_data;
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);
  GCallback bind = g_object_get_data (G_OBJECT (factory), "wg-bind");

  g_object_set_data (G_OBJECT (item), "wg-bind", bind);
  ((void (*) (GtkSignalListItemFactory *, GtkListItem *, gpointer)) bind) (factory, item, NULL);
  g_signal_connect_object (gtk_list_item_get_item (item), signal, G_CALLBACK (on_count_notify_cb), item, 0);
}

static void
unbind_following_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  gpointer node = gtk_list_item_get_item (item);

  if (node != NULL)
    g_signal_handlers_disconnect_by_func (node, on_count_notify_cb, item);
}

static void
add_column (WgGridPage *self,
            const char *title,
            GCallback   bind,
            gboolean    numeric,
            const char *property,
            gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkExpression *expression = gtk_property_expression_new (WG_TYPE_GRID_NODE, NULL, property);
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
  if (numeric)
    {
      /* Counts follow the node's changes. */
      g_object_set_data (G_OBJECT (factory), "wg-bind", bind);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_following_cb), (gpointer) property);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_following_cb), NULL);
    }
  else
    g_signal_connect (factory, "bind", bind, NULL);
  if (numeric)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->children_view, column);
  g_object_unref (column);
  g_object_unref (sorter);
}

static void
on_status_row_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            WgGridPage    *self)
{
  gint64 person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "person-id"));

  if (person_id > 0)
    g_signal_emit (self, signals[OPEN_PERSON], 0, person_id);
}

typedef struct
{
  char *grid_code;
  WgStatus status;
  char *name;
} StatusExport;

static void
status_export_free (gpointer data)
{
  StatusExport *job = data;

  g_free (job->grid_code);
  g_free (job->name);
  g_free (job);
}

static gboolean
write_status_list (WgStore        *store,
                   const char     *path,
                   WgTableFormat   format,
                   guint          *rows,
                   gpointer        user_data,
                   GError        **error)
{
  StatusExport *job = user_data;

  return wg_export_write_status (store, job->grid_code, job->status, NULL, path, format, rows, error);
}

static void
on_status_export_clicked_cb (GtkWidget  *button,
                             WgGridPage *self)
{
  StatusExport *job = g_object_get_data (G_OBJECT (gtk_widget_get_root (button)), "wg-status-export");

  wg_export_file_choose (button, self->store, job->name, write_status_list, job, NULL);
}

static void
on_status_print_clicked_cb (GtkWidget  *button,
                            WgGridPage *self)
{
  StatusExport *job = g_object_get_data (G_OBJECT (gtk_widget_get_root (button)), "wg-status-export");
  g_autoptr(WgListDocument) document = NULL;
  g_autoptr(WgPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  document = wg_list_document_new_for_status (self->store, job->grid_code, job->status, NULL, &error);
  if (document == NULL)
    {
      g_warning ("Cannot print the list: %s", error->message);
      return;
    }
  operation = wg_print_operation_new (WG_DOCUMENT (document));
  gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (gtk_widget_get_root (button)), &error);
  if (error != NULL)
    g_warning ("Cannot print the list: %s", error->message);
}

/**
 * wg_grid_page_open_status:
 * @self: a #WgGridPage
 * @status: a figure of the page
 *
 * Opens the people behind the figure in a window of their own: name,
 * household, micro-grid and the fact that puts them there; a row opens
 * the person's file.
 *
 * Returns: (transfer none) (nullable): the window
 */
GtkWindow *
wg_grid_page_open_status (WgGridPage *self,
                          WgStatus    status)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *window, *box, *header, *scroller, *clamp, *list;

  g_return_val_if_fail (WG_IS_GRID_PAGE (self), NULL);

  if (self->store == NULL || self->node == NULL)
    return NULL;
  people = wg_store_list_status_people (self->store, wg_grid_node_get_code (self->node), status, NULL, &error);
  if (people == NULL)
    {
      g_warning ("Cannot list %s: %s", wg_status_describe (status), error->message);
      return NULL;
    }

  window = adw_window_new ();
  title = g_strdup_printf ("%s — %s", wg_status_describe (status), wg_grid_node_get_name (self->node));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", people->len), people->len);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, subtitle));
  {
    /* The list as it stands, to Excel (the leadership asks for it so) and
     * on paper, in Chinese, with the dossiers' footer. The window holds
     * what the two buttons name. */
    GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
    GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print…"));
    StatusExport *job = g_new0 (StatusExport, 1);

    job->grid_code = g_strdup (wg_grid_node_get_code (self->node));
    job->status = status;
    job->name = g_strdup_printf ("%s-%s", wg_status_describe (status), wg_grid_node_get_name (self->node));
    g_object_set_data_full (G_OBJECT (window), "wg-status-export", job, status_export_free);
    gtk_widget_set_tooltip_text (export, _("Save this list for Excel or WPS"));
    g_signal_connect_object (export, "clicked", G_CALLBACK (on_status_export_clicked_cb), self, 0);
    g_signal_connect_object (print, "clicked", G_CALLBACK (on_status_print_clicked_cb), self, 0);
    adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
    adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);
  }
  gtk_box_append (GTK_BOX (box), header);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  for (guint i = 0; i < people->len; i++)
    {
      const WgStatusPerson *person = g_ptr_array_index (people, i);
      g_autofree char *line = g_strdup_printf ("%s · %s · %s\n%s", person->fact, person->address,
                                               person->household_code, person->grid_code);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), person->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data (G_OBJECT (row), "person-id", GSIZE_TO_POINTER ((gsize) person->person_id));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_status_row_activated_cb), self, 0);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  if (people->len > 0)
    adw_clamp_set_child (ADW_CLAMP (clamp), list);
  else
    {
      GtkWidget *empty = adw_status_page_new ();

      g_object_ref_sink (list);
      g_object_unref (list);
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nobody"));
      adw_clamp_set_child (ADW_CLAMP (clamp), empty);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* A status card opens its people; the cards are in the figures' order. */
static void
on_status_box_child_activated_cb (WgGridPage      *self,
                                  GtkFlowBoxChild *child)
{
  int index = gtk_flow_box_child_get_index (child);

  if (index >= 0 && index < WG_STATUS_N)
    wg_grid_page_open_status (self, (WgStatus) index);
}

static void
wg_grid_page_dispose (GObject *object)
{
  WgGridPage *self = (WgGridPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_GRID_PAGE);
  g_clear_object (&self->sorted);
  g_clear_object (&self->node);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wg_grid_page_parent_class)->dispose (object);
}

static void
wg_grid_page_class_init (WgGridPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_grid_page_dispose;

  /**
   * WgGridPage::open-node:
   * @node: the grid or household activated in the list below the grid
   */
  signals[OPEN_NODE] = g_signal_new ("open-node", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, WG_TYPE_GRID_NODE);

  /**
   * WgGridPage::open-person:
   * @person_id: a person activated in the list behind a figure
   */
  signals[OPEN_PERSON] = g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (WG_TYPE_COUNT_CARD);
  wg_application_ensure_resources ();
  g_type_ensure (WG_TYPE_DOSSIER_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-grid-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, dossier_buttons);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, counts_stack);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, levels_box);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, status_box);
  gtk_widget_class_bind_template_callback (widget_class, on_status_box_child_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, staff_list);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, children_heading);
  gtk_widget_class_bind_template_child (widget_class, WgGridPage, children_view);
  gtk_widget_class_bind_template_callback (widget_class, on_children_view_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wg_grid_page_init (WgGridPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, _("Name"), G_CALLBACK (bind_name_cb), FALSE, "name", TRUE);
  add_column (self, _("Households"), G_CALLBACK (bind_households_cb), TRUE, "n-households", FALSE);
  add_column (self, _("In Quarantine"), G_CALLBACK (bind_quarantined_cb), TRUE, "n-quarantined",
              FALSE);
  self->sorted = gtk_sort_list_model_new (NULL,
                                          g_object_ref (gtk_column_view_get_sorter (self->children_view)));
  gtk_column_view_set_model (self->children_view,
                             GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)))));
}

static void start_counting (GtkWidget *widget);

/* Counts the grid in a worker thread, on a connection of its own — once the
 * window has painted its first frame (the spinner shows until then). */
static void
count (WgGridPage *self,
       WgStore    *store)
{
  g_set_object (&self->store, store);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  self->count_serial++;
  wg_after_first_frame (GTK_WIDGET (self), start_counting);
}

static void
start_counting (GtkWidget *widget)
{
  WgGridPage *self = WG_GRID_PAGE (widget);

  /* Queued twice before the first frame: counted once. (A serial, not the
   * cancellable's address: a new one can take a freed one's place.) */
  if (self->node == NULL || self->store == NULL || !self->loading ||
      g_cancellable_is_cancelled (self->cancellable) || self->counting_serial == self->count_serial)
    return;
  self->counting_serial = self->count_serial;
  run_worker (self, count_thread, count_done);
}

/**
 * wg_grid_page_show:
 * @self: a #WgGridPage
 * @store: the county database
 * @node: the grid to show
 */
void
wg_grid_page_show (WgGridPage *self,
                   WgStore    *store,
                   WgGridNode *node)
{
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  guint level;

  g_return_if_fail (WG_IS_GRID_PAGE (self));
  g_return_if_fail (WG_IS_STORE (store));
  g_return_if_fail (WG_IS_GRID_NODE (node));

  g_set_object (&self->node, node);
  level = wg_grid_node_get_level (node);

  path = wg_grid_node_dup_path (node);
  gtk_label_set_label (self->path_label, path);
  gtk_label_set_label (self->title_label, wg_grid_node_get_name (node));
  /* Translators: "Township · code 141021100" */
  code = g_strdup_printf (_("%s · code %s"), wg_grid_level_describe (level),
                          wg_grid_node_get_code (node));
  gtk_label_set_label (self->code_label, code);
  wg_dossier_buttons_set_code (self->dossier_buttons, code);
  gtk_label_set_label (self->children_heading,
                       level == 5 ? _("Households") : _("Grids Below"));

  fill_staff (self, store);
  gtk_sort_list_model_set_model (self->sorted, G_LIST_MODEL (node));

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->counts_stack, "loading");
  count (self, store);
}

/**
 * wg_grid_page_refresh:
 * @self: a #WgGridPage
 * @store: the county database
 *
 * Counts the grid again — something changed — and updates the figures where
 * they stand.
 */
void
wg_grid_page_refresh (WgGridPage *self,
                      WgStore    *store)
{
  g_return_if_fail (WG_IS_GRID_PAGE (self));
  g_return_if_fail (WG_IS_STORE (store));

  if (self->node != NULL)
    count (self, store);
}

WgGridNode *
wg_grid_page_get_node (WgGridPage *self)
{
  g_return_val_if_fail (WG_IS_GRID_PAGE (self), NULL);

  return self->node;
}

gboolean
wg_grid_page_get_loading (WgGridPage *self)
{
  g_return_val_if_fail (WG_IS_GRID_PAGE (self), FALSE);

  return self->loading;
}

/**
 * wg_grid_page_get_count:
 * @self: a #WgGridPage
 * @title: the title of a count card, as shown
 *
 * Returns: the number that card shows, or G_MAXUINT when there is none
 */
guint
wg_grid_page_get_count (WgGridPage *self,
                        const char *title)
{
  GtkFlowBox *boxes[] = { self->levels_box, self->status_box };

  g_return_val_if_fail (WG_IS_GRID_PAGE (self), G_MAXUINT);

  for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (boxes[b])); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

        if (WG_IS_COUNT_CARD (card) && g_strcmp0 (wg_count_card_get_title (WG_COUNT_CARD (card)), title) == 0)
          return wg_count_card_get_count (WG_COUNT_CARD (card));
      }
  return G_MAXUINT;
}
