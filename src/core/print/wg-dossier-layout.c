/* wg-dossier-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laying a dossier out: tables measured with Pango (unhinted, so the PDF, the
 * print job and the preview break pages alike), long tables broken across
 * pages with their header repeated, every page a list of blocks with their
 * places.
 */

#define G_LOG_DOMAIN "wg-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "wg-dossier.h"
#include "wg-attachment.h"
#include "wg-document.h"
#include "wg-draw-private.h"
#include "wg-label.h"
#include "wg-store-attachments.h"
#include "wg-store-grids.h"
#include "wg-store-persons.h"
#include "wg-store-private.h"
#include "wg-store-records.h"
#include "wg-store-settings.h"
#include "wg-dossier-private.h"

/* Tables */

void
wg_dossier_table_clear (Table *table)
{
  g_clear_pointer (&table->columns, g_strfreev);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->alerts, g_array_unref);
  g_clear_pointer (&table->heights, g_array_unref);
}

void
wg_dossier_table_init (Table       *table,
                       const char  *title,
                       const char  *const *columns)
{
  table->title = title;
  table->columns = g_strdupv ((char **) columns);
  table->n_columns = g_strv_length (table->columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->alerts = g_array_new (FALSE, FALSE, sizeof (guint32));
}

void
wg_dossier_table_take_records (Table         *table,
                               WgRecordTable *records)
{
  table->title = wg_record_kind_print_title (records->kind);
  table->columns = g_steal_pointer (&records->columns);
  table->n_columns = g_strv_length (table->columns);
  table->rows = g_steal_pointer (&records->rows);
  table->alerts = g_steal_pointer (&records->alerts);
}

void
wg_dossier_table_add_row (Table   *table,
                          char   **cells,
                          guint32  alerts)
{
  g_ptr_array_add (table->rows, cells);
  g_array_append_val (table->alerts, alerts);
}

/* Shares the width among the columns: each gets what its widest cell needs
 * when they all fit, and some air; otherwise the narrow
 * columns keep their width and the wide ones share what is left and wrap. */
void
wg_dossier_table_measure (Table       *table,
                          PangoLayout *layout)
{
  double natural[MAX_COLUMNS] = { 0 };
  g_autofree double *cell_width = g_new0 (double, MAX (1, table->rows->len * table->n_columns));
  double line_height = wg_measure_text (layout, "国", FONT_TABLE, 1000, 0);
  double total = 0;
  guint n = table->n_columns;

  g_assert (n <= MAX_COLUMNS);

  for (guint c = 0; c < n; c++)
    natural[c] = wg_measure_width (layout, table->columns[c], FONT_TABLE_BOLD);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n; c++)
        {
          cell_width[r * n + c] = wg_measure_width (layout, cells[c], FONT_TABLE);
          natural[c] = MAX (natural[c], cell_width[r * n + c]);
        }
    }
  for (guint c = 0; c < n; c++)
    {
      natural[c] += 2 * PAD;
      total += natural[c];
    }

  if (total <= WIDTH)
    {
      /* Some air between the columns, the rest to the last one. */
      double air = MIN (24.0, (WIDTH - total) / n);

      for (guint c = 0; c < n; c++)
        table->widths[c] = natural[c] + air;
      table->widths[n - 1] += WIDTH - total - air * n;
    }
  else
    {
      gboolean fixed[MAX_COLUMNS] = { FALSE };
      double left = WIDTH;
      guint n_free = n;
      gboolean changed = TRUE;

      while (changed && n_free > 0)
        {
          double share = left / n_free;

          changed = FALSE;
          for (guint c = 0; c < n; c++)
            if (!fixed[c] && natural[c] <= share)
              {
                fixed[c] = TRUE;
                table->widths[c] = natural[c];
                left -= natural[c];
                n_free--;
                changed = TRUE;
              }
        }
      for (guint c = 0; c < n; c++)
        if (!fixed[c])
          table->widths[c] = left / n_free;
    }

  table->header_height = 0;
  for (guint c = 0; c < n; c++)
    table->header_height = MAX (table->header_height,
                                wg_measure_text (layout, table->columns[c], FONT_TABLE_BOLD,
                                                 table->widths[c] - 2 * PAD, 0));
  table->header_height += 2 * PAD;

  table->heights = g_array_sized_new (FALSE, FALSE, sizeof (double), table->rows->len);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);
      double height = line_height;

      for (guint c = 0; c < n; c++)
        if (cell_width[r * n + c] > table->widths[c] - 2 * PAD)
          height = MAX (height, wg_measure_text (layout, cells[c], FONT_TABLE,
                                                 table->widths[c] - 2 * PAD, 0));
      height += 2 * PAD;
      g_array_append_val (table->heights, height);
    }
}

double
wg_dossier_table_row_height (const Table *table,
                             guint        row)
{
  return g_array_index (table->heights, double, row);
}

/* Pagination */

static void
new_page (WgDossier *self,
          int        household,
          int        person)
{
  Page page = { self->blocks->len, 0, household, person };

  g_array_append_val (self->pages, page);
}

static void
add_block (WgDossier *self,
           BlockKind  kind,
           guint      index,
           double     y)
{
  Block block = { .kind = kind, .index = index, .y = y };

  g_array_append_val (self->blocks, block);
  g_array_index (self->pages, Page, self->pages->len - 1).n_blocks++;
}

static Block *
last_block (WgDossier *self)
{
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

/* Heights every section title and "no records" line take, measured once. */
double wg_dossier_section_title_height;
double wg_dossier_empty_height;

static void
add_section_title (WgDossier *self,
                   guint      person,
                   Section    section,
                   gboolean   continued,
                   double     y)
{
  add_block (self, BLOCK_SECTION_TITLE, person, y);
  last_block (self)->section = section;
  last_block (self)->continued = continued;
}

static void
paginate_person (WgDossier *self,
                 guint      index)
{
  const Person *person = wg_dossier_person_at (self, index);
  double y = TOP;

  new_page (self, person->household, index);
  add_block (self, BLOCK_PERSON_COVER, index, y);
  y += person->cover_height + GAP;

  for (Section s = 0; s < N_SECTIONS; s++)
    {
      const Table *table = &person->tables[s];
      guint n = table->rows->len;
      guint first = 0;

      if (n == 0)
        {
          if (y + wg_dossier_section_title_height + wg_dossier_empty_height > BOTTOM)
            {
              new_page (self, person->household, index);
              y = TOP;
            }
          add_section_title (self, index, s, FALSE, y);
          y += wg_dossier_section_title_height;
          add_block (self, BLOCK_EMPTY, index, y);
          y += wg_dossier_empty_height + GAP;
        }

      /* The title stays with the header and at least one row; a table that
       * goes on repeats both on the next page. */
      while (first < n)
        {
          double used = table->header_height;
          guint k = 0;

          if (y + wg_dossier_section_title_height + used + wg_dossier_table_row_height (table, first) > BOTTOM)
            {
              new_page (self, person->household, index);
              y = TOP;
            }
          add_section_title (self, index, s, first > 0, y);
          y += wg_dossier_section_title_height;
          while (first + k < n && y + used + wg_dossier_table_row_height (table, first + k) <= BOTTOM)
            used += wg_dossier_table_row_height (table, first + k++);
          if (k == 0)
            used += wg_dossier_table_row_height (table, first + k++);

          add_block (self, BLOCK_TABLE, index, y);
          last_block (self)->section = s;
          last_block (self)->first_row = first;
          last_block (self)->n_rows = k;
          y += used + GAP;
          first += k;
          if (first < n)
            {
              new_page (self, person->household, index);
              y = TOP;
            }
        }

      if (s == SECTION_TEMPERATURE && person->readings->len > 0)
        {
          if (y + CHART_H > BOTTOM)
            {
              new_page (self, person->household, index);
              y = TOP;
            }
          add_block (self, BLOCK_CHART, index, y);
          y += CHART_H + GAP;
        }
    }

  /* Bound attachments: each of their pages on a page of its own. */
  for (guint a = 0; a < person->attachments->len; a++)
    {
      const Attachment *attachment = &g_array_index (person->attachments, Attachment, a);

      for (guint p = 0; p < attachment->n_pages; p++)
        {
          new_page (self, person->household, index);
          add_block (self, BLOCK_ATTACHMENT, index, TOP);
          last_block (self)->first_row = p;
          last_block (self)->n_rows = a;
        }
    }
}

static void
paginate_household (WgDossier *self,
                    guint      index,
                    gboolean   with_cover)
{
  Household *household = wg_dossier_household_at (self, index);

  household->first_page = self->pages->len;
  if (with_cover)
    {
      new_page (self, index, -1);
      add_block (self, BLOCK_HOUSEHOLD_COVER, index, TOP);
    }
  for (guint i = 0; i < household->n_persons; i++)
    paginate_person (self, household->first_person + i);
}

static guint
toc_entries_per_page (void)
{
  return (guint) ((BOTTOM - TOP - 40) / TOC_LINE);
}

void
wg_dossier_paginate (WgDossier *self)
{
  Pen pen = { 0 };
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);

  pen.cr = cairo_create (scratch);
  pen.layout = wg_draw_layout_new (pen.cr);
  wg_dossier_section_title_height = wg_measure_text (pen.layout, "国", FONT_SECTION, 1000, 0) + 6;
  wg_dossier_empty_height = wg_measure_text (pen.layout, "国", FONT_BODY, 1000, 0) + 4;
  g_object_unref (pen.layout);
  cairo_destroy (pen.cr);
  cairo_surface_destroy (scratch);

  if (self->is_grid)
    {
      guint per_page = toc_entries_per_page ();

      new_page (self, -1, -1);
      add_block (self, BLOCK_GRID_COVER, 0, TOP);
      for (guint first = 0; first < self->households->len; first += per_page)
        {
          new_page (self, -1, -1);
          add_block (self, BLOCK_TOC, first, TOP);
          last_block (self)->n_rows = MIN (per_page, self->households->len - first);
        }
    }

  for (guint h = 0; h < self->households->len; h++)
    paginate_household (self, h, self->is_grid || self->is_household);
}
