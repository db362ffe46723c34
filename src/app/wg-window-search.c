/* wg-window-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's search: results grouped by kind in the sidebar, opened
 * with Enter or a scanner's Return, and Alt+← back to the results.
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
      node = wg_window_find_household_node (self, result->grid_code, result->id);
      break;

    case WG_SEARCH_KIND_PERSON:
      if (result->grid_code != NULL)
        {
          g_autoptr(WgPersonInfo) info = wg_store_read_person (self->store, result->id, NULL);

          if (info != NULL && info->household_id > 0)
            node = wg_window_find_household_node (self, result->grid_code, info->household_id);
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
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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

void
wg_window_class_init_search (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
}

void
wg_window_init_search (WgWindow *self)
{
  gtk_list_box_set_header_func (self->results_list, results_header_func, NULL, NULL);
}
