/* wg-label-sheet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Household labels for every household under a grid, in two layouts: a
 * sheet for A4 label stock (3 × 8 labels of 70 × 36 mm) with the QR code,
 * household code, address and micro-grid; and cards, four to an A4 page,
 * that add the grid worker and phone. Labels carry no names or ID numbers.
 * Printed documents are in Chinese whatever the interface's language, so
 * their words are written here in Chinese and not translated.
 */

#define G_LOG_DOMAIN "wg-label-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wg-label-sheet.h"
#include "wg-document.h"
#include "wg-draw-private.h"
#include "wg-label.h"
#include "wg-store-grids.h"
#include "wg-store-private.h"
#include "wg-store-settings.h"

typedef struct
{
  char *code;
  char *payload;
  char *address;
  char *grid_path;
  char *worker; /* name and phone, or NULL */
} Label;

struct _WgLabelSheet
{
  GObject parent_instance;

  /* owned */
  GArray *labels; /* of Label */
  char *grid_name;

  /* state */
  WgLabelLayout layout;
};

static void wg_label_sheet_document_init (WgDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WgLabelSheet, wg_label_sheet, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WG_TYPE_DOCUMENT,
                                                      wg_label_sheet_document_init))

#define SHEET_COLUMNS 3
#define SHEET_ROWS 8
#define SHEET_LABEL_WIDTH WG_MM (70)
#define SHEET_LABEL_HEIGHT WG_MM (36)
#define SHEET_TOP WG_MM (4.5)
#define CARD_COLUMNS 2
#define CARD_ROWS 2

static void
clear_label (gpointer data)
{
  Label *label = data;

  g_free (label->code);
  g_free (label->payload);
  g_free (label->address);
  g_free (label->grid_path);
  g_free (label->worker);
}

static guint
labels_per_page (WgLabelSheet *self)
{
  return self->layout == WG_LABEL_LAYOUT_SHEET ? SHEET_COLUMNS * SHEET_ROWS
                                               : CARD_COLUMNS * CARD_ROWS;
}

static void
draw_sheet_label (cairo_t     *cr,
                  PangoLayout *layout,
                  const Label *label,
                  double       x,
                  double       y)
{
  const double pad = WG_MM (2.5);
  const double qr = WG_MM (29);
  const double text_x = x + pad + qr + WG_MM (2);
  const double text_w = SHEET_LABEL_WIDTH - (text_x - x) - pad;
  double ty = y + pad + WG_MM (0.5);

  wg_draw_qr (cr, label->payload, QR_ECLEVEL_M, x + pad, y + (SHEET_LABEL_HEIGHT - qr) / 2, qr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  /* The code is what a worker reads out on the phone: never cut short. */
  ty += wg_draw_text (cr, layout, label->code, WG_DOCUMENT_FONT " Bold 10", text_x, ty, text_w, 0,
                      PANGO_ALIGN_LEFT);
  ty += WG_MM (1);
  ty += wg_draw_text (cr, layout, label->address, WG_DOCUMENT_FONT " 7", text_x, ty, text_w, 3,
                      PANGO_ALIGN_LEFT);
  ty += WG_MM (1);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  wg_draw_text (cr, layout, label->grid_path, WG_DOCUMENT_FONT " 6", text_x, ty, text_w, 3,
                PANGO_ALIGN_LEFT);
}

static void
draw_card (cairo_t     *cr,
           PangoLayout *layout,
           const Label *label,
           double       x,
           double       y,
           double       w,
           double       h)
{
  const double pad = WG_MM (8);
  const double qr = WG_MM (58);
  double ty = y + pad;

  /* Cut lines: cards are cut from plain paper by hand. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.4);
  cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  ty += wg_draw_text (cr, layout, "住户二维码", WG_DOCUMENT_FONT " Bold 15", x + pad, ty,
                      w - 2 * pad, 1, PANGO_ALIGN_CENTER);
  ty += WG_MM (3);
  wg_draw_qr (cr, label->payload, QR_ECLEVEL_M, x + (w - qr) / 2, ty, qr);
  ty += qr + WG_MM (2);
  ty += wg_draw_text (cr, layout, label->code, WG_DOCUMENT_FONT " Bold 15", x + pad, ty,
                      w - 2 * pad, 1, PANGO_ALIGN_CENTER);
  ty += WG_MM (2);
  ty += wg_draw_text (cr, layout, label->address, WG_DOCUMENT_FONT " 10", x + pad, ty, w - 2 * pad,
                      2, PANGO_ALIGN_CENTER);
  ty += WG_MM (1);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  ty += wg_draw_text (cr, layout, label->grid_path, WG_DOCUMENT_FONT " 8.5", x + pad, ty,
                      w - 2 * pad, 2, PANGO_ALIGN_CENTER);
  ty += WG_MM (3);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (label->worker != NULL)
    {
      g_autofree char *line = g_strdup_printf ("网格员：%s", label->worker);
      wg_draw_text (cr, layout, line, WG_DOCUMENT_FONT " Bold 10.5", x + pad, ty, w - 2 * pad, 1,
                    PANGO_ALIGN_CENTER);
    }

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  wg_draw_text (cr, layout, "扫码核验住户信息 · 请勿撕毁遮挡",
                WG_DOCUMENT_FONT " 7.5", x + pad, y + h - pad - WG_MM (3), w - 2 * pad, 1,
                PANGO_ALIGN_CENTER);
}

static guint
wg_label_sheet_get_n_pages (WgDocument *document)
{
  WgLabelSheet *self = WG_LABEL_SHEET (document);
  guint per_page = labels_per_page (self);

  return (self->labels->len + per_page - 1) / per_page;
}

static void
wg_label_sheet_get_page_size (WgDocument *document,
                              double     *width,
                              double     *height)
{
  *width = WG_A4_WIDTH;
  *height = WG_A4_HEIGHT;
}

static void
wg_label_sheet_draw_page (WgDocument *document,
                          guint       page,
                          cairo_t    *cr)
{
  WgLabelSheet *self = WG_LABEL_SHEET (document);
  g_autoptr(PangoLayout) layout = wg_draw_layout_new (cr);
  guint per_page = labels_per_page (self);
  guint first = page * per_page;
  guint last = MIN (first + per_page, self->labels->len);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  for (guint i = first; i < last; i++)
    {
      const Label *label = &g_array_index (self->labels, Label, i);
      guint slot = i - first;

      if (self->layout == WG_LABEL_LAYOUT_SHEET)
        draw_sheet_label (cr, layout, label, (slot % SHEET_COLUMNS) * SHEET_LABEL_WIDTH,
                          SHEET_TOP + (slot / SHEET_COLUMNS) * SHEET_LABEL_HEIGHT);
      else
        draw_card (cr, layout, label, (slot % CARD_COLUMNS) * WG_A4_WIDTH / CARD_COLUMNS,
                   (slot / CARD_COLUMNS) * WG_A4_HEIGHT / CARD_ROWS, WG_A4_WIDTH / CARD_COLUMNS,
                   WG_A4_HEIGHT / CARD_ROWS);
    }
}

static char *
wg_label_sheet_dup_title (WgDocument *document)
{
  WgLabelSheet *self = WG_LABEL_SHEET (document);

  return g_strdup_printf (self->layout == WG_LABEL_LAYOUT_SHEET ? "住户二维码标签：%s"
                                                                : "住户二维码卡片：%s",
                          self->grid_name);
}

static void
wg_label_sheet_document_init (WgDocumentInterface *iface)
{
  iface->get_n_pages = wg_label_sheet_get_n_pages;
  iface->get_page_size = wg_label_sheet_get_page_size;
  iface->draw_page = wg_label_sheet_draw_page;
  iface->dup_title = wg_label_sheet_dup_title;
}

static void
wg_label_sheet_finalize (GObject *object)
{
  WgLabelSheet *self = (WgLabelSheet *) object;

  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->grid_name, g_free);

  G_OBJECT_CLASS (wg_label_sheet_parent_class)->finalize (object);
}

static void
wg_label_sheet_class_init (WgLabelSheetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wg_label_sheet_finalize;
}

static void
wg_label_sheet_init (WgLabelSheet *self)
{
  self->labels = g_array_new (FALSE, TRUE, sizeof (Label));
  g_array_set_clear_func (self->labels, clear_label);
}

/**
 * wg_label_sheet_new:
 * @store: a #WgStore
 * @grid_code: any grid: its households, and those of every grid below it
 * @layout: label stock or cards
 * @error: return location for a #GError
 *
 * Reads and signs the labels now; drawing needs the store no more.
 *
 * Returns: (transfer full): the labels, or %NULL for an unknown grid or one
 *   without households
 */
WgLabelSheet *
wg_label_sheet_new (WgStore        *store,
                    const char     *grid_code,
                    WgLabelLayout   layout,
                    GError        **error)
{
  /* Households sit on micro-grids, whose codes begin with the code of every
   * grid above them: the subtree is a range of codes. */
  static const char sql[] =
    "SELECT h.code, h.address, t.name || ' ' || v.name || ' ' || g.name || ' ' || m.name,"
    "  (SELECT s.name || '  ' || coalesce (s.phone, '')"
    "     FROM grid_staff gs JOIN staff s ON s.id = gs.staff_id JOIN grid w ON w.id = gs.grid_id"
    "    WHERE gs.role = 2 AND gs.grid_id IN (m.id, g.id, v.id)"
    "    ORDER BY w.level DESC, s.id LIMIT 1)"
    " FROM grid m"
    " JOIN grid g ON g.id = m.parent_id"
    " JOIN grid v ON v.id = g.parent_id"
    " JOIN grid t ON t.id = v.parent_id"
    " JOIN household h ON h.grid_id = m.id"
    " WHERE m.level = 5 AND m.code >= ?1 AND m.code < ?1 || ':'"
    " ORDER BY m.code, h.id";
  g_autoptr(WgLabelSheet) self = NULL;
  g_autoptr(GBytes) key = NULL;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  self = g_object_new (WG_TYPE_LABEL_SHEET, NULL);
  self->layout = layout;

  if (!(self->grid_name = wg_store_dup_grid_name (store, grid_code, NULL, error)) ||
      !(key = wg_store_dup_signing_key (store, error)) ||
      !(stmt = wg_store_prepare (store, sql, error)))
    return NULL;

  wg_stmt_bind_text (stmt, 1, grid_code);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      Label label;

      label.code = g_strdup (wg_stmt_column_text (stmt, 0));
      label.payload = wg_label_payload (key, label.code);
      label.address = g_strdup (wg_stmt_column_text (stmt, 1));
      label.grid_path = g_strdup (wg_stmt_column_text (stmt, 2));
      label.worker = g_strdup (wg_stmt_column_text (stmt, 3));
      g_array_append_val (self->labels, label);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }

  if (self->labels->len == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There are no households under %s (%s)."), self->grid_name, grid_code);
      return NULL;
    }

  return g_steal_pointer (&self);
}

guint
wg_label_sheet_get_n_labels (WgLabelSheet *self)
{
  g_return_val_if_fail (WG_IS_LABEL_SHEET (self), 0);

  return self->labels->len;
}

/**
 * wg_label_sheet_get_payload:
 * @self: a #WgLabelSheet
 * @index: a label, from 0, in printing order
 *
 * Returns: what that label's QR code carries
 */
const char *
wg_label_sheet_get_payload (WgLabelSheet *self,
                            guint         index)
{
  g_return_val_if_fail (WG_IS_LABEL_SHEET (self), NULL);
  g_return_val_if_fail (index < self->labels->len, NULL);

  return g_array_index (self->labels, Label, index).payload;
}

gboolean
wg_label_layout_from_string (const char    *text,
                             WgLabelLayout *layout)
{
  if (g_strcmp0 (text, "sheet") == 0)
    *layout = WG_LABEL_LAYOUT_SHEET;
  else if (g_strcmp0 (text, "card") == 0)
    *layout = WG_LABEL_LAYOUT_CARD;
  else
    return FALSE;
  return TRUE;
}
