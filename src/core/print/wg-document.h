/* wg-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wg-demo.h"

G_BEGIN_DECLS

#define WG_TYPE_DOCUMENT (wg_document_get_type ())

G_DECLARE_INTERFACE (WgDocument, wg_document, WG, DOCUMENT, GObject)

/* Every printed thing is a WgDocument: pages drawn in points (1/72 inch) on
 * any cairo context, so the same code makes the PDF, the print job and the
 * preview. */
struct _WgDocumentInterface
{
  GTypeInterface parent_iface;

  guint  (*get_n_pages)   (WgDocument *self);
  void   (*get_page_size) (WgDocument *self,
                           double     *width,
                           double     *height);
  void   (*draw_page)     (WgDocument *self,
                           guint       page,
                           cairo_t    *cr);
  char  *(*dup_title)     (WgDocument *self);

  /* optional: bookmarks, a GPtrArray of WgOutlineEntry in page order */
  GPtrArray *(*dup_outline) (WgDocument *self);
};

typedef struct
{
  char *title;
  guint page;  /* from 0 */
  guint depth; /* 0 at the top; an entry's parent is the last one above it one level up */
} WgOutlineEntry;

void wg_outline_entry_free (WgOutlineEntry *entry);

/* Paper sizes in points. */
#define WG_MM(mm) ((mm) * 72.0 / 25.4)
#define WG_A4_WIDTH WG_MM (210.0)
#define WG_A4_HEIGHT WG_MM (297.0)
#define WG_A3_WIDTH WG_MM (297.0)
#define WG_A3_HEIGHT WG_MM (420.0)

/* The print font made at build time (fonts/meson.build), then the system's. */
#define WG_DOCUMENT_FONT "Wangge Noto Sans CJK SC,Noto Sans CJK SC"

void      wg_document_init_fonts    (void);
guint     wg_document_get_n_pages   (WgDocument      *self);
void      wg_document_get_page_size (WgDocument      *self,
                                     double          *width,
                                     double          *height);
void      wg_document_draw_page     (WgDocument      *self,
                                     guint            page,
                                     cairo_t         *cr);
char     *wg_document_dup_title     (WgDocument      *self);
GPtrArray *wg_document_dup_outline  (WgDocument      *self);
GBytes   *wg_document_dup_page_pdf  (WgDocument      *self,
                                     guint            page,
                                     GError         **error);
gboolean  wg_document_write_pdf     (WgDocument      *self,
                                     const char      *path,
                                     const char      *author,
                                     GCancellable    *cancellable,
                                     WgProgressFunc   progress,
                                     gpointer         user_data,
                                     GError         **error);

G_END_DECLS
