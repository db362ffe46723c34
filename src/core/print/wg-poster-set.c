/* wg-poster-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Village-entrance posters, one per page, for every grid of a level under a
 * grid: a big title, the village and its grid path, a large QR code with the
 * county's registration-form URL (high error correction, so a weathered
 * poster still scans), three steps, the grid workers and their phones, the
 * county hotline, the issuing organisation and the date printed.
 */

#define G_LOG_DOMAIN "wg-poster-set"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-poster-set.h"
#include "wg-document.h"
#include "wg-draw-private.h"
#include "wg-store-grids.h"
#include "wg-store-private.h"
#include "wg-store-settings.h"

typedef struct
{
  char *code;
  char *name;
  char *path;
  char *url;
  GPtrArray *workers; /* "name  phone" */
} Poster;

struct _WgPosterSet
{
  GObject parent_instance;

  /* owned */
  GArray *posters; /* of Poster */
  char *grid_name;
  char *hotline;
  char *organisation;
  char *date_printed;

  /* state */
  WgPaper paper;
};

static void wg_poster_set_document_init (WgDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WgPosterSet, wg_poster_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WG_TYPE_DOCUMENT,
                                                      wg_poster_set_document_init))

#define MAX_WORKERS 6

static void
clear_poster (gpointer data)
{
  Poster *poster = data;

  g_free (poster->code);
  g_free (poster->name);
  g_free (poster->path);
  g_free (poster->url);
  g_clear_pointer (&poster->workers, g_ptr_array_unref);
}

/* Printed documents are in Chinese whatever the interface's language. */
static const char *const steps[] = {
  "① 用微信或手机浏览器扫描上方二维码",
  "② 如实填写返乡时间、出发地和联系方式",
  "③ 提交后保持电话畅通，网格员会与您联系",
};

#define FONT_TITLE WG_DOCUMENT_FONT " Bold 44"
#define FONT_NAME WG_DOCUMENT_FONT " Bold 28"
#define FONT_PATH WG_DOCUMENT_FONT " 12"
#define FONT_STEP WG_DOCUMENT_FONT " 14"
#define FONT_HEADING WG_DOCUMENT_FONT " Bold 12.5"
#define FONT_WORKER WG_DOCUMENT_FONT " 12"
#define FONT_HOTLINE WG_DOCUMENT_FONT " Bold 17"
#define FONT_FOOTER WG_DOCUMENT_FONT " 10"

static void
set_red (cairo_t *cr)
{
  cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
}

/* Drawn on A4 coordinates; A3 is the same page scaled by √2. The bottom
 * block (steps, grid workers, hotline, footer) is measured first and set
 * against the foot of the page; the QR code takes the space left between,
 * up to 110 mm, so nothing overlaps however long the names are. */
static void
draw_poster (WgPosterSet  *self,
             const Poster *poster,
             cairo_t      *cr,
             PangoLayout  *layout)
{
  const double width = WG_A4_WIDTH;
  const double height = WG_A4_HEIGHT;
  const double margin = WG_MM (15);
  const double inner = width - 2 * margin;
  const double column = inner / 2 - WG_MM (6);
  g_autofree char *hotline = g_strdup_printf ("县疫情防控热线：%s", self->hotline);
  g_autofree char *footer = g_strdup_printf ("%s · 印制日期 %s", self->organisation,
                                             self->date_printed);
  double top, bottom, y, qr, box_height, row_height;
  guint rows = (poster->workers->len + 1) / 2;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  set_red (cr);
  cairo_rectangle (cr, 0, 0, width, WG_MM (7));
  cairo_fill (cr);

  /* Top: title, village, path. */
  y = WG_MM (16);
  y += wg_draw_text (cr, layout, "返乡人员 扫码报备", FONT_TITLE, margin, y, inner, 1,
                     PANGO_ALIGN_CENTER) + WG_MM (5);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += wg_draw_text (cr, layout, poster->name, FONT_NAME, margin, y, inner, 1,
                     PANGO_ALIGN_CENTER) + WG_MM (1.5);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  y += wg_draw_text (cr, layout, poster->path, FONT_PATH, margin, y, inner, 2,
                     PANGO_ALIGN_CENTER) + WG_MM (5);
  top = y;

  /* Bottom, measured from the foot of the page upwards. */
  row_height = wg_measure_text (layout, "网格员", FONT_WORKER, column, 1) + WG_MM (1.5);
  box_height = WG_MM (4) + wg_measure_text (layout, "网格员", FONT_HEADING, inner, 1) +
               WG_MM (2) + MAX (rows, 1) * row_height + WG_MM (3);
  bottom = height - WG_MM (14);
  bottom -= wg_measure_text (layout, hotline, FONT_HOTLINE, inner, 1) + WG_MM (6);
  bottom -= box_height + WG_MM (6);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    bottom -= wg_measure_text (layout, steps[i], FONT_STEP, inner - WG_MM (8), 2) + WG_MM (2);
  bottom -= WG_MM (5);

  qr = MIN (WG_MM (110), bottom - top);
  wg_draw_qr (cr, poster->url, QR_ECLEVEL_H, (width - qr) / 2, top + (bottom - top - qr) / 2, qr);

  /* Steps. */
  y = bottom + WG_MM (5);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    y += wg_draw_text (cr, layout, steps[i], FONT_STEP, margin + WG_MM (8), y, inner - WG_MM (8), 2,
                       PANGO_ALIGN_LEFT) + WG_MM (2);
  y += WG_MM (4);

  /* Grid workers, in a red frame. */
  cairo_save (cr);
  set_red (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, margin, y, inner, box_height);
  cairo_stroke (cr);
  cairo_restore (cr);
  y += WG_MM (4);
  y += wg_draw_text (cr, layout, poster->workers->len > 0 ? "网格员联系方式" : "网格员联系方式：请拨打热线",
                     FONT_HEADING, margin + WG_MM (6), y, inner, 1, PANGO_ALIGN_LEFT) + WG_MM (2);
  for (guint i = 0; i < poster->workers->len; i++)
    wg_draw_text (cr, layout, g_ptr_array_index (poster->workers, i), FONT_WORKER,
                  margin + WG_MM (6) + (i % 2) * (inner / 2), y + (i / 2) * row_height, column, 1,
                  PANGO_ALIGN_LEFT);

  /* Hotline and footer against the foot of the page. */
  y = height - WG_MM (14) - wg_measure_text (layout, hotline, FONT_HOTLINE, inner, 1) - WG_MM (6);
  set_red (cr);
  wg_draw_text (cr, layout, hotline, FONT_HOTLINE, margin, y, inner, 1, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  wg_draw_text (cr, layout, footer, FONT_FOOTER, margin, height - WG_MM (14), inner, 1,
                PANGO_ALIGN_CENTER);
}

static guint
wg_poster_set_get_n_pages (WgDocument *document)
{
  return WG_POSTER_SET (document)->posters->len;
}

static void
wg_poster_set_get_page_size (WgDocument *document,
                             double     *width,
                             double     *height)
{
  WgPosterSet *self = WG_POSTER_SET (document);

  *width = self->paper == WG_PAPER_A3 ? WG_A3_WIDTH : WG_A4_WIDTH;
  *height = self->paper == WG_PAPER_A3 ? WG_A3_HEIGHT : WG_A4_HEIGHT;
}

static void
wg_poster_set_draw_page (WgDocument *document,
                         guint       page,
                         cairo_t    *cr)
{
  WgPosterSet *self = WG_POSTER_SET (document);
  g_autoptr(PangoLayout) layout = NULL;

  if (self->paper == WG_PAPER_A3)
    cairo_scale (cr, WG_A3_WIDTH / WG_A4_WIDTH, WG_A3_WIDTH / WG_A4_WIDTH);
  layout = wg_draw_layout_new (cr);
  draw_poster (self, &g_array_index (self->posters, Poster, page), cr, layout);
}

static char *
wg_poster_set_dup_title (WgDocument *document)
{
  WgPosterSet *self = WG_POSTER_SET (document);

  return g_strdup_printf ("返乡人员扫码报备海报：%s", self->grid_name);
}

static void
wg_poster_set_document_init (WgDocumentInterface *iface)
{
  iface->get_n_pages = wg_poster_set_get_n_pages;
  iface->get_page_size = wg_poster_set_get_page_size;
  iface->draw_page = wg_poster_set_draw_page;
  iface->dup_title = wg_poster_set_dup_title;
}

static void
wg_poster_set_finalize (GObject *object)
{
  WgPosterSet *self = (WgPosterSet *) object;

  g_clear_pointer (&self->posters, g_array_unref);
  g_clear_pointer (&self->grid_name, g_free);
  g_clear_pointer (&self->hotline, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->date_printed, g_free);

  G_OBJECT_CLASS (wg_poster_set_parent_class)->finalize (object);
}

static void
wg_poster_set_class_init (WgPosterSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wg_poster_set_finalize;
}

static void
wg_poster_set_init (WgPosterSet *self)
{
  self->posters = g_array_new (FALSE, TRUE, sizeof (Poster));
  g_array_set_clear_func (self->posters, clear_poster);
}

static gboolean
load_poster (WgStore  *store,
             Poster   *poster,
             GError  **error)
{
  /* Ancestors' codes are prefixes of the grid's code. */
  static const char path_sql[] =
    "SELECT group_concat (name, ' ') FROM"
    " (SELECT name FROM grid WHERE ?1 > code AND substr (?1, 1, length (code)) = code"
    "  ORDER BY level) AS ancestor";
  static const char workers_sql[] =
    "SELECT s.name, s.phone FROM grid g"
    " JOIN grid_staff gs ON gs.grid_id = g.id JOIN staff s ON s.id = gs.staff_id"
    " WHERE g.code >= ?1 AND g.code < ?1 || ':' AND gs.role IN (1, 2) AND g.level <= 4"
    " ORDER BY gs.role, g.code, s.id LIMIT ?2";
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, path_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, poster->code);
  if ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    poster->path = g_strdup (wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (poster->path == NULL)
    poster->path = g_strdup ("");

  if (!(stmt = wg_store_prepare (store, workers_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, poster->code);
  wg_stmt_bind_int (stmt, 2, MAX_WORKERS);
  poster->workers = g_ptr_array_new_with_free_func (g_free);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    g_ptr_array_add (poster->workers,
                     g_strdup_printf ("%s  %s", wg_stmt_column_text (stmt, 0),
                                      wg_stmt_column_is_null (stmt, 1)
                                        ? "" : wg_stmt_column_text (stmt, 1)));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * wg_poster_set_new:
 * @store: a #WgStore
 * @grid_code: the grid whose subtree to cover
 * @level: the level of the grids that get a poster (usually 3, villages);
 *   not above @grid_code's own level
 * @paper: A4 or A3
 * @today: (nullable): the date printed, as YYYY-MM-DD; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the posters, or %NULL with @error set
 */
WgPosterSet *
wg_poster_set_new (WgStore     *store,
                   const char  *grid_code,
                   guint        level,
                   WgPaper      paper,
                   const char  *today,
                   GError     **error)
{
  static const char sql[] =
    "SELECT code, name FROM grid WHERE level = ?2 AND code >= ?1 AND code < ?1 || ':' ORDER BY code";
  g_autoptr(WgPosterSet) self = NULL;
  g_autofree char *url_template = NULL;
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  WgStmt *stmt;
  guint grid_level = 0;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  self = g_object_new (WG_TYPE_POSTER_SET, NULL);
  self->paper = paper;

  if (!(self->grid_name = wg_store_dup_grid_name (store, grid_code, &grid_level, error)))
    return NULL;
  if (level < grid_level || level > 5)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s is a level-%u grid: posters can be made for levels %u to 5 under it."),
                   self->grid_name, grid_level, grid_level);
      return NULL;
    }

  if (!(url_template = wg_store_dup_setting (store, "poster-url-template", error)) ||
      !(self->hotline = wg_store_dup_setting (store, "county-hotline", error)) ||
      !(self->organisation = wg_store_dup_setting (store, "issuing-organisation", error)))
    return NULL;
  {
    GDate date;
    char buf[64];

    g_date_clear (&date, 1);
    g_date_set_parse (&date, day);
    if (!g_date_valid (&date))
      g_date_set_time_t (&date, time (NULL));
    g_snprintf (buf, sizeof buf, "%u年%u月%u日", g_date_get_year (&date),
                g_date_get_month (&date), g_date_get_day (&date));
    self->date_printed = g_strdup (buf);
  }

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, grid_code);
  wg_stmt_bind_int (stmt, 2, level);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      Poster poster = { 0 };

      poster.code = g_strdup (wg_stmt_column_text (stmt, 0));
      poster.name = g_strdup (wg_stmt_column_text (stmt, 1));
      poster.url = wg_poster_url_expand (url_template, poster.code, poster.name);
      g_array_append_val (self->posters, poster);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }

  for (guint i = 0; i < self->posters->len; i++)
    if (!load_poster (store, &g_array_index (self->posters, Poster, i), error))
      return NULL;

  return g_steal_pointer (&self);
}

/**
 * wg_poster_set_get_url:
 * @self: a #WgPosterSet
 * @index: a poster, from 0
 *
 * Returns: the URL that poster's QR code carries
 */
const char *
wg_poster_set_get_url (WgPosterSet *self,
                       guint        index)
{
  g_return_val_if_fail (WG_IS_POSTER_SET (self), NULL);
  g_return_val_if_fail (index < self->posters->len, NULL);

  return g_array_index (self->posters, Poster, index).url;
}

gboolean
wg_paper_from_string (const char *text,
                      WgPaper    *paper)
{
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *paper = WG_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "a3") == 0)
    *paper = WG_PAPER_A3;
  else
    return FALSE;
  return TRUE;
}
