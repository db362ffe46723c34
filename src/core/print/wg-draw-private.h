/* wg-draw-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing helpers shared by the page renderers of src/core.
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

G_BEGIN_DECLS

PangoLayout *wg_draw_layout_new (cairo_t       *cr);
double       wg_draw_text       (cairo_t       *cr,
                                 PangoLayout   *layout,
                                 const char    *text,
                                 const char    *font,
                                 double         x,
                                 double         y,
                                 double         width,
                                 int            max_lines,
                                 PangoAlignment alignment);
double       wg_measure_text    (PangoLayout   *layout,
                                 const char    *text,
                                 const char    *font,
                                 double         width,
                                 int            max_lines);
double       wg_measure_width   (PangoLayout   *layout,
                                 const char    *text,
                                 const char    *font);
double       wg_draw_table_row  (cairo_t            *cr,
                                 PangoLayout        *layout,
                                 const char *const  *cells,
                                 const double       *widths,
                                 guint               n_columns,
                                 const char         *font,
                                 double              left,
                                 double              width,
                                 double              y,
                                 double              height,
                                 double              pad,
                                 int                 max_lines,
                                 gboolean            shaded,
                                 gboolean            numbers);
void         wg_draw_footer     (cairo_t       *cr,
                                 PangoLayout   *layout,
                                 double         left,
                                 double         width,
                                 double         y,
                                 const char    *generated,
                                 const char    *operator_name,
                                 guint          page,
                                 guint          n_pages,
                                 gboolean       demo);
gboolean     wg_draw_qr         (cairo_t       *cr,
                                 const char    *text,
                                 QRecLevel      level,
                                 double         x,
                                 double         y,
                                 double         size);

G_END_DECLS
