/* wg-dossier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One person, one file (一人一档) on paper: a person's dossier, a household's
 * packet (a cover listing the members, then each member's dossier) and a
 * grid's packet (a cover with the grid's counts, a table of contents, then
 * every household's packet), on A4.
 *
 * Everything is read from the store and laid out when the dossier is made:
 * tables are measured with Pango (unhinted, so the PDF, the print job and
 * the preview break pages alike), long tables break across pages with their
 * header repeated, and each page becomes a list of blocks with their places.
 * Drawing a page then only draws its blocks, from any thread; attached PDF
 * reports are read back from the database when their pages are drawn and
 * rendered by poppler as vectors, so their text stays text.
 *
 * Printed documents are in Chinese whatever the interface's language: their
 * words are written here and not translated.
 */

#define G_LOG_DOMAIN "wg-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "wg-dossier.h"
#include "wg-dossier-private.h"
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

static void wg_dossier_document_init (WgDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WgDossier, wg_dossier, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WG_TYPE_DOCUMENT, wg_dossier_document_init))

static guint
wg_dossier_get_n_pages (WgDocument *document)
{
  return WG_DOSSIER (document)->pages->len;
}

static void
wg_dossier_get_page_size (WgDocument *document,
                          double     *width,
                          double     *height)
{
  *width = PAGE_W;
  *height = PAGE_H;
}

static void
wg_dossier_draw_page (WgDocument *document,
                      guint       page_index,
                      cairo_t    *cr)
{
  WgDossier *self = WG_DOSSIER (document);
  const Page *page = &g_array_index (self->pages, Page, page_index);
  g_autoptr(PangoLayout) layout = wg_draw_layout_new (cr);
  Pen pen = { cr, layout, TRUE };

  wg_dossier_draw_header_footer (self, cr, layout, page_index);

  for (guint b = page->first_block; b < page->first_block + page->n_blocks; b++)
    {
      const Block *block = &g_array_index (self->blocks, Block, b);
      const Person *person = NULL;

      if (block->kind >= BLOCK_PERSON_COVER)
        person = wg_dossier_person_at (self, block->index);

      switch (block->kind)
        {
        case BLOCK_GRID_COVER:
          wg_dossier_draw_grid_cover (self, cr, layout);
          break;
        case BLOCK_TOC:
          wg_dossier_draw_toc (self, cr, layout, block);
          break;
        case BLOCK_HOUSEHOLD_COVER:
          if (self->is_grid)
            {
              g_autofree char *dest = g_strdup_printf ("name='household-%u'", block->index);

              cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
              cairo_tag_end (cr, CAIRO_TAG_DEST);
            }
          wg_dossier_household_cover (self, &pen, wg_dossier_household_at (self, block->index), block->y);
          break;
        case BLOCK_PERSON_COVER:
          wg_dossier_person_cover (self, &pen, person, block->y);
          break;
        case BLOCK_SECTION_TITLE:
          wg_dossier_draw_section_title (cr, layout, &person->tables[block->section], block->continued, block->y);
          break;
        case BLOCK_TABLE:
          wg_dossier_draw_table (cr, layout, &person->tables[block->section], block->first_row, block->n_rows,
                      block->y);
          break;
        case BLOCK_EMPTY:
          wg_dossier_draw_empty (cr, layout, block->y);
          break;
        case BLOCK_CHART:
          wg_dossier_draw_chart (cr, layout, person, block->y);
          break;
        case BLOCK_ATTACHMENT:
          wg_dossier_draw_attachment (self, cr, layout, person, block);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static char *
wg_dossier_dup_title (WgDocument *document)
{
  return g_strdup (WG_DOSSIER (document)->title);
}

static GPtrArray *
wg_dossier_dup_outline (WgDocument *document)
{
  WgDossier *self = WG_DOSSIER (document);
  GPtrArray *outline = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_outline_entry_free);
  gboolean packet = self->is_grid || self->is_household;

  if (self->is_grid)
    {
      WgOutlineEntry *entry = g_new0 (WgOutlineEntry, 1);

      entry->title = g_strdup ("目录");
      entry->page = 1;
      g_ptr_array_add (outline, entry);
    }

  for (guint h = 0; h < self->households->len; h++)
    {
      const Household *household = wg_dossier_household_at (self, h);
      guint page = household->first_page;

      if (packet)
        {
          WgOutlineEntry *entry = g_new0 (WgOutlineEntry, 1);

          entry->title = g_strdup_printf ("%s %s", household->code, household->address);
          entry->page = page;
          g_ptr_array_add (outline, entry);
          page++;
        }

      /* Each person's pages follow in order: find where each begins. */
      for (guint p = 0; p < household->n_persons; p++)
        {
          guint index = household->first_person + p;
          WgOutlineEntry *entry = g_new0 (WgOutlineEntry, 1);

          while (page < self->pages->len &&
                 g_array_index (self->pages, Page, page).person != (int) index)
            page++;
          entry->title = g_strdup (wg_dossier_person_at (self, index)->info->name);
          entry->page = page;
          entry->depth = packet ? 1 : 0;
          g_ptr_array_add (outline, entry);
        }
    }
  return outline;
}

static void
wg_dossier_document_init (WgDocumentInterface *iface)
{
  iface->get_n_pages = wg_dossier_get_n_pages;
  iface->get_page_size = wg_dossier_get_page_size;
  iface->draw_page = wg_dossier_draw_page;
  iface->dup_title = wg_dossier_dup_title;
  iface->dup_outline = wg_dossier_dup_outline;
}

static void
wg_dossier_finalize (GObject *object)
{
  WgDossier *self = (WgDossier *) object;

  g_clear_pointer (&self->households, g_array_unref);
  g_clear_pointer (&self->persons, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_free (self->title);
  g_free (self->grid_name);
  g_free (self->grid_code);
  g_free (self->grid_path);
  g_free (self->generated);
  g_free (self->operator_name);
  g_free (self->today);
  g_free (self->db_path);
  g_clear_object (&self->attachment_store);
  g_clear_object (&self->cached_pdf);
  g_clear_pointer (&self->cached_image, cairo_surface_destroy);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (wg_dossier_parent_class)->finalize (object);
}

static void
wg_dossier_class_init (WgDossierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wg_dossier_finalize;
}

static void
wg_dossier_init (WgDossier *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->households = g_array_new (FALSE, TRUE, sizeof (Household));
  g_array_set_clear_func (self->households, wg_dossier_clear_household);
  self->persons = g_array_new (FALSE, TRUE, sizeof (Person));
  g_array_set_clear_func (self->persons, wg_dossier_clear_person);
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->generated = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_mutex_init (&self->lock);
}

WgDossier *
wg_dossier_new_empty (const char     *today,
                      WgDossierFlags  flags)
{
  WgDossier *self = g_object_new (WG_TYPE_DOSSIER, NULL);

  self->today = today != NULL ? g_strdup (today) : wg_today ();
  self->flags = flags;
  return self;
}

/**
 * wg_dossier_new_for_person:
 * @store: a #WgStore
 * @person_id: whose dossier
 * @today: (nullable): the day the dossier speaks of (quarantine day, age),
 *   as YYYY-MM-DD; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the dossier, or %NULL with @error set
 */
WgDossier *
wg_dossier_new_for_person (WgStore     *store,
                           gint64       person_id,
                           const char  *today,
                           GError     **error)
{
  g_autoptr(WgDossier) self = NULL;
  g_autoptr(WgPersonInfo) info = NULL;
  g_auto(Loader) loader = { 0 };

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = wg_dossier_new_empty (today, WG_DOSSIER_FLAGS_ALL);
  if (!wg_dossier_loader_init (&loader, self, store, error) ||
      !(info = wg_store_read_person (store, person_id, error)))
    return NULL;

  if (info->household_id != 0)
    {
      if (!wg_dossier_load_household (&loader, info->household_id, person_id, error))
        return NULL;
    }
  else
    {
      /* Someone not (yet) in a household: a placeholder for the header. */
      Household *household;

      g_array_set_size (self->households, 1);
      household = wg_dossier_household_at (self, 0);
      household->code = g_strdup ("");
      household->address = g_strdup (info->address != NULL ? info->address : "");
      household->staff = g_ptr_array_new_with_free_func (g_free);
      household->n_persons = 1;
      if (!wg_dossier_load_person (&loader, person_id, 0, error))
        return NULL;
    }

  self->title = g_strdup_printf ("个人档案：%s", info->name);
  wg_dossier_paginate (self);
  return g_steal_pointer (&self);
}

static gint64
find_household (WgStore     *store,
                const char  *code,
                GError     **error)
{
  g_autofree char *not_found = g_strdup_printf (_("There is no household with the code “%s”."), code);

  return wg_store_find_id (store, "SELECT id FROM household WHERE code = upper (?)", code, not_found,
                           error);
}

/**
 * wg_dossier_new_for_household:
 * @store: a #WgStore
 * @code: the household's code
 * @flags: whom to include
 * @today: (nullable): as for wg_dossier_new_for_person ()
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the household's packet, or %NULL with @error set
 *   (NOT_FOUND for an unknown code or nobody to include)
 */
WgDossier *
wg_dossier_new_for_household (WgStore         *store,
                              const char      *code,
                              WgDossierFlags   flags,
                              const char      *today,
                              GError         **error)
{
  g_autoptr(WgDossier) self = NULL;
  g_auto(Loader) loader = { 0 };
  gint64 id;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = wg_dossier_new_empty (today, flags);
  self->is_household = TRUE;
  if (!wg_dossier_loader_init (&loader, self, store, error) || !(id = find_household (store, code, error)))
    return NULL;

  if (!wg_dossier_load_household (&loader, id, 0, error))
    return NULL;
  if (wg_dossier_household_at (self, 0)->n_persons == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   flags & WG_DOSSIER_FLAGS_ONLY_WATCHED
                     ? _("Nobody in household %s is in quarantine or under health monitoring.")
                     : _("Household %s has no members."),
                   wg_dossier_household_at (self, 0)->code);
      return NULL;
    }
  self->title = g_strdup_printf ("户档案：%s %s", wg_dossier_household_at (self, 0)->code,
                                 wg_dossier_household_at (self, 0)->address);
  wg_dossier_paginate (self);
  return g_steal_pointer (&self);
}

/* Reading a packet's households on two cores: each half in a thread of its
 * own, with its own connection and its own Pango context, into a dossier of
 * its own; the halves are then joined in order. */

/**
 * wg_dossier_new_for_grid:
 * @store: a #WgStore
 * @code: any grid
 * @flags: whom to include
 * @today: (nullable): as for wg_dossier_new_for_person ()
 * @cancellable: (nullable): checked between households
 * @progress: (nullable) (scope call): told the fraction read
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * Reads every household of the grid's subtree with the people to include;
 * households with nobody to include are left out.
 *
 * Returns: (transfer full): the grid's packet, or %NULL with @error set
 */
WgDossier *
wg_dossier_new_for_grid (WgStore         *store,
                         const char      *code,
                         WgDossierFlags   flags,
                         const char      *today,
                         GCancellable    *cancellable,
                         WgProgressFunc   progress,
                         gpointer         user_data,
                         GError         **error)
{
  /* With ?2, only the households where someone is under watch on day ?3. */
  static const char sql[] =
    "SELECT h.id FROM grid m JOIN household h ON h.grid_id = m.id"
    " WHERE m.level = 5 AND m.code >= ?1 AND m.code < ?1 || ':'"
    "   AND (NOT ?2 OR EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id"
    "     AND (p.monitoring = 1 OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id"
    "                                      AND q.start_day <= ?3 AND q.end_day >= ?3))))"
    " ORDER BY m.code, h.id";
  g_autoptr(WgDossier) self = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(Loader) loader = { 0 };
  WgStmt *stmt;
  const char *path;
  gint64 grid_id = 0;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = wg_dossier_new_empty (today, flags);
  self->is_grid = TRUE;
  self->grid_code = g_strdup (code);
  if (!wg_dossier_loader_init (&loader, self, store, error) ||
      !(self->grid_name = wg_store_dup_grid_name (store, code, NULL, error)) ||
      !wg_store_count_grid (store, code, self->today, &self->counts, error) ||
      !(grid_id = wg_store_find_id (store, "SELECT id FROM grid WHERE code = ?", code,
                                    _("This grid is no longer in the database."), error)) ||
      !(path = wg_dossier_loader_grid_path (&loader, grid_id, error)))
    return NULL;
  self->grid_path = g_strdup (path);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, code);
  wg_stmt_bind_int (stmt, 2, (flags & WG_DOSSIER_FLAGS_ONLY_WATCHED) != 0);
  wg_stmt_bind_text_static (stmt, 3, self->today);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }

  if (!wg_dossier_read_households (self, &loader, ids, cancellable, progress, user_data, error))
    return NULL;

  if (self->households->len == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   flags & WG_DOSSIER_FLAGS_ONLY_WATCHED
                     ? _("Nobody under %s (%s) is in quarantine or under health monitoring.")
                     : _("There are no households under %s (%s)."),
                   self->grid_name, code);
      return NULL;
    }

  self->title = g_strdup_printf ("%s：%s", flags & WG_DOSSIER_FLAGS_ONLY_WATCHED ? "隔离及健康监测人员档案"
                                                                         : "网格档案",
                                 self->grid_name);
  wg_dossier_paginate (self);
  return g_steal_pointer (&self);
}

guint
wg_dossier_get_n_persons (WgDossier *self)
{
  g_return_val_if_fail (WG_IS_DOSSIER (self), 0);

  return self->persons->len;
}

guint
wg_dossier_get_n_households (WgDossier *self)
{
  g_return_val_if_fail (WG_IS_DOSSIER (self), 0);

  return self->households->len;
}

/**
 * wg_dossier_new_for_code:
 * @store: a #WgStore
 * @code: a resident ID number, a grid code or a household code
 * @flags: whom to include in a packet
 * @today: (nullable): as for wg_dossier_new_for_person ()
 * @cancellable: (nullable): as for wg_dossier_new_for_grid ()
 * @progress: (nullable) (scope call): as for wg_dossier_new_for_grid ()
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * What a user types: a person's dossier, a household's or a grid's packet.
 *
 * Returns: (transfer full): the dossier, or %NULL with @error set
 */
WgDossier *
wg_dossier_new_for_code (WgStore         *store,
                         const char      *code,
                         WgDossierFlags   flags,
                         const char      *today,
                         GCancellable    *cancellable,
                         WgProgressFunc   progress,
                         gpointer         user_data,
                         GError         **error)
{
  g_autofree char *grid_name = NULL;
  gint64 person_id;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (strlen (code) == 18 && (person_id = wg_store_find_person (store, code, NULL)) != 0)
    return wg_dossier_new_for_person (store, person_id, today, error);

  if ((grid_name = wg_store_dup_grid_name (store, code, NULL, NULL)) != NULL)
    return wg_dossier_new_for_grid (store, code, flags, today, cancellable, progress, user_data,
                                    error);

  if (find_household (store, code, NULL) != 0)
    return wg_dossier_new_for_household (store, code, flags, today, error);

  g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
               _("No person, household or grid has the number or code “%s”."), code);
  return NULL;
}
