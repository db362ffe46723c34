/* wg-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wg-draw"

#include "config.h"

#include <string.h>

#include "wg-document.h"
#include "wg-draw-private.h"

/**
 * wg_draw_layout_new:
 * @cr: the context to draw on
 *
 * A layout whose metrics do not depend on the target: without hinting,
 * a page breaks the same way in the PDF, the print job and the preview.
 *
 * Returns: (transfer full): a new layout
 */
PangoLayout *
wg_draw_layout_new (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  return layout;
}

/**
 * wg_draw_text:
 * @cr: the context
 * @layout: a layout made by wg_draw_layout_new () for @cr
 * @text: plain text (not markup)
 * @font: a Pango font description, like "Noto Sans CJK SC Bold 12"
 * @x: left edge, in points
 * @y: top edge, in points
 * @width: the width to wrap in
 * @max_lines: at most this many lines, the last ellipsized; 0 for no limit
 * @alignment: how lines sit in @width
 *
 * Returns: the height drawn, in points
 */
static void
setup_layout (PangoLayout    *layout,
              const char     *text,
              const char     *font,
              double          width,
              int             max_lines,
              PangoAlignment  alignment)
{
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_ellipsize (layout, max_lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
}

double
wg_draw_text (cairo_t        *cr,
              PangoLayout    *layout,
              const char     *text,
              const char     *font,
              double          x,
              double          y,
              double          width,
              int             max_lines,
              PangoAlignment  alignment)
{
  int w, h;

  setup_layout (layout, text, font, width, max_lines, alignment);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return pango_units_to_double (h);
}

/**
 * wg_measure_text:
 *
 * Like wg_draw_text () but draws nothing.
 *
 * Returns: the height the text would take, in points
 */
double
wg_measure_text (PangoLayout *layout,
                 const char  *text,
                 const char  *font,
                 double       width,
                 int          max_lines)
{
  int w, h;

  setup_layout (layout, text, font, width, max_lines, PANGO_ALIGN_LEFT);
  pango_layout_get_size (layout, &w, &h);
  return pango_units_to_double (h);
}

/**
 * wg_measure_width:
 *
 * Returns: the width @text takes on one line, in points
 */
double
wg_measure_width (PangoLayout *layout,
                  const char  *text,
                  const char  *font)
{
  int w, h;

  setup_layout (layout, text, font, -1, 0, PANGO_ALIGN_LEFT);
  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &w, &h);
  return pango_units_to_double (w);
}

/**
 * wg_draw_qr:
 * @cr: the context
 * @text: what the symbol carries
 * @level: error correction
 * @x: left edge of the symbol's quiet zone, in points
 * @y: top edge of the quiet zone
 * @size: width and height, quiet zone included
 *
 * Draws a QR code with a quiet zone of two modules. The symbol goes in as a
 * tiny grey image, one pixel per module, scaled up without interpolation:
 * printers and viewers draw sharp squares, and a PDF page of 24 labels is a
 * fraction of the size (and time) of one drawn as thousands of rectangles.
 * Modes are chosen by libqrencode: a payload in the alphanumeric alphabet
 * stays in alphanumeric mode.
 *
 * Returns: %FALSE when @text does not fit in a QR code
 */
gboolean
wg_draw_qr (cairo_t    *cr,
            const char *text,
            QRecLevel   level,
            double      x,
            double      y,
            double      size)
{
  const int quiet = 2;
  cairo_surface_t *image;
  cairo_pattern_t *pattern;
  unsigned char *pixels;
  QRcode *code;
  int side, stride;

  code = QRcode_encodeString (text, 0, level, QR_MODE_8, 1);
  if (code == NULL)
    return FALSE;

  side = code->width + 2 * quiet;
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  stride = cairo_image_surface_get_stride (image);
  pixels = cairo_image_surface_get_data (image);
  cairo_surface_flush (image);
  for (int row = 0; row < side; row++)
    {
      guint32 *line = (guint32 *) (pixels + row * stride);

      for (int col = 0; col < side; col++)
        {
          int r = row - quiet, c = col - quiet;
          gboolean dark = r >= 0 && c >= 0 && r < code->width && c < code->width &&
                          (code->data[r * code->width + c] & 1);

          line[col] = dark ? 0x000000 : 0xffffff;
        }
    }
  cairo_surface_mark_dirty (image);
  QRcode_free (code);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, size / side, size / side);
  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, 0, 0, side, side);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);

  cairo_surface_destroy (image);
  return TRUE;
}

/* Across the page, faint and large: the people on it are made up (the demo
 * county), so that nobody takes the paper for a real file. */
static void
wg_draw_demo_mark (cairo_t     *cr,
                   PangoLayout *layout,
                   double       page_width,
                   double       page_height)
{
  cairo_save (cr);
  cairo_translate (cr, page_width / 2, page_height / 2);
  cairo_rotate (cr, -G_PI / 6);
  cairo_set_source_rgba (cr, 0.8, 0.1, 0.1, 0.13);
  wg_draw_text (cr, layout, "演示数据 · 非真实人员", WG_DOCUMENT_FONT " Bold 32", -page_width * 0.5, -24,
                page_width, 1, PANGO_ALIGN_CENTER);
  cairo_restore (cr);
}

/**
 * wg_draw_table_row:
 * @cells: (array length=n_columns): the row's texts
 * @widths: (array length=n_columns): the columns' widths
 * @shaded: a header row, on a grey ground
 * @numbers: the columns after the first are numbers: to the right
 *
 * One row of a table on paper, a rule under it.
 *
 * Returns: @height
 */
double
wg_draw_table_row (cairo_t           *cr,
                   PangoLayout       *layout,
                   const char *const *cells,
                   const double      *widths,
                   guint              n_columns,
                   const char        *font,
                   double             left,
                   double             width,
                   double             y,
                   double             height,
                   double             pad,
                   int                max_lines,
                   gboolean           shaded,
                   gboolean           numbers)
{
  double x = left;

  if (shaded)
    {
      cairo_set_source_rgb (cr, 0.92, 0.93, 0.95);
      cairo_rectangle (cr, left, y, width, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  for (guint c = 0; c < n_columns; c++)
    {
      wg_draw_text (cr, layout, cells[c] != NULL ? cells[c] : "", font, x + pad, y + pad, widths[c] - 2 * pad,
                    max_lines, c > 0 && numbers ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      x += widths[c];
    }
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.8);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, left, y + height);
  cairo_line_to (cr, left + width, y + height);
  cairo_stroke (cr);
  return height;
}

/**
 * wg_draw_footer:
 * @y: the footer's baseline area top; the rule is drawn just above it
 * @operator_name: (nullable): who printed it
 * @demo: whether the page shows the demo county's made-up people
 *
 * What every page about people carries at its foot: when and by whom it was
 * made, page x of y, and 含个人信息 注意保密 — and, for the demo county, the
 * mark across the page.
 */
void
wg_draw_footer (cairo_t     *cr,
                PangoLayout *layout,
                double       left,
                double       width,
                double       y,
                const char  *generated,
                const char  *operator_name,
                guint        page,
                guint        n_pages,
                gboolean     demo)
{
  g_autofree char *made = g_strdup_printf ("生成于 %s  操作员 %s", generated,
                                           operator_name != NULL ? operator_name : "（未设置）");
  g_autofree char *page_text = g_strdup_printf ("第 %u 页 / 共 %u 页", page + 1, n_pages);

  if (demo)
    wg_draw_demo_mark (cr, layout, WG_A4_WIDTH, WG_A4_HEIGHT);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, y - 3);
  cairo_line_to (cr, left + width, y - 3);
  cairo_stroke (cr);
  wg_draw_text (cr, layout, made, WG_DOCUMENT_FONT " 7", left, y, width * 0.45, 1, PANGO_ALIGN_LEFT);
  wg_draw_text (cr, layout, page_text, WG_DOCUMENT_FONT " 7", left + width * 0.45, y, width * 0.22, 1,
                PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.7, 0, 0);
  wg_draw_text (cr, layout, "含个人信息 注意保密", WG_DOCUMENT_FONT " Bold 7", left + width * 0.67, y,
                width * 0.33, 1, PANGO_ALIGN_RIGHT);
}
