/* wg-record-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table of a person's file: a heading with the number of records and a
 * grid of cells in a card, or a dim line saying there are none. Read-only;
 * the cells are selectable so staff can copy a value.
 */

#define G_LOG_DOMAIN "wg-record-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-record-view.h"
#include "wg-store-records.h"

struct _WgRecordView
{
  GtkWidget parent_instance;

  /* owned */
  WgRecordTable *table;
  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (WgRecordView, wg_record_view, GTK_TYPE_WIDGET)

static GtkWidget *
cell_label (const char *text,
            gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (header)
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
    }
  else
    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static void
build (WgRecordView *self)
{
  WgRecordTable *table = self->table;
  g_autofree char *heading_text = NULL;
  GtkWidget *heading;
  GtkWidget *grid;
  guint n_columns = g_strv_length (table->columns);

  heading_text = g_strdup_printf ("%s (%u)", wg_record_kind_describe (table->kind),
                                  table->rows->len);
  heading = gtk_label_new (heading_text);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->box), heading);

  if (table->rows->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("None recorded"));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (self->box), none);
      return;
    }

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_add_css_class (grid, "record-table");

  for (guint c = 0; c < n_columns; c++)
    gtk_grid_attach (GTK_GRID (grid), cell_label (table->columns[c], TRUE), c, 0, 1, 1);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n_columns; c++)
        gtk_grid_attach (GTK_GRID (grid), cell_label (cells[c], FALSE), c, r + 1, 1, 1);
    }
  gtk_box_append (GTK_BOX (self->box), grid);
}

static void
wg_record_view_dispose (GObject *object)
{
  WgRecordView *self = (WgRecordView *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (wg_record_view_parent_class)->dispose (object);
}

static void
wg_record_view_finalize (GObject *object)
{
  WgRecordView *self = (WgRecordView *) object;

  g_clear_pointer (&self->table, wg_record_table_free);

  G_OBJECT_CLASS (wg_record_view_parent_class)->finalize (object);
}

static void
wg_record_view_class_init (WgRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_record_view_dispose;
  object_class->finalize = wg_record_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wg_record_view_init (WgRecordView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/**
 * wg_record_view_new:
 * @table: (transfer full): the table to show
 *
 * Returns: (transfer floating): a new view of @table
 */
GtkWidget *
wg_record_view_new (WgRecordTable *table)
{
  WgRecordView *self;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (WG_TYPE_RECORD_VIEW, NULL);
  self->table = table;
  build (self);
  return GTK_WIDGET (self);
}

guint
wg_record_view_get_n_rows (WgRecordView *self)
{
  g_return_val_if_fail (WG_IS_RECORD_VIEW (self), 0);

  return self->table->rows->len;
}

const char *
wg_record_view_get_cell (WgRecordView *self,
                         guint         row,
                         guint         column)
{
  g_return_val_if_fail (WG_IS_RECORD_VIEW (self), NULL);
  g_return_val_if_fail (row < self->table->rows->len, NULL);
  g_return_val_if_fail (column < g_strv_length (self->table->columns), NULL);

  return ((char **) g_ptr_array_index (self->table->rows, row))[column];
}

WgRecordKind
wg_record_view_get_kind (WgRecordView *self)
{
  g_return_val_if_fail (WG_IS_RECORD_VIEW (self), WG_RECORD_N_KINDS);

  return self->table->kind;
}
