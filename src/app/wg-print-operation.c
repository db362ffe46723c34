/* wg-print-operation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing any WgDocument: the same renderer that writes the PDF draws on
 * the printer's cairo context, in points, from the paper's corner.
 */

#define G_LOG_DOMAIN "wg-print-operation"

#include "config.h"

#include "wg-print-operation.h"
#include "wg-document.h"

struct _WgPrintOperation
{
  GtkPrintOperation parent_instance;

  /* owned */
  WgDocument *document;
};

G_DEFINE_FINAL_TYPE (WgPrintOperation, wg_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
wg_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  WgPrintOperation *self = WG_PRINT_OPERATION (operation);

  gtk_print_operation_set_n_pages (operation, wg_document_get_n_pages (self->document));
}

static void
wg_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  WgPrintOperation *self = WG_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  /* Paper that differs from the document's (Letter for A4) gets the page
   * scaled to fit, never cut. */
  wg_document_get_page_size (self->document, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);
  scale = MIN (scale, 1.0);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  wg_document_draw_page (self->document, page_nr, cr);
  cairo_restore (cr);
}

static void
wg_print_operation_finalize (GObject *object)
{
  WgPrintOperation *self = (WgPrintOperation *) object;

  g_clear_object (&self->document);

  G_OBJECT_CLASS (wg_print_operation_parent_class)->finalize (object);
}

static void
wg_print_operation_class_init (WgPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = wg_print_operation_finalize;

  operation_class->begin_print = wg_print_operation_begin_print;
  operation_class->draw_page = wg_print_operation_draw_page;
}

static void
wg_print_operation_init (WgPrintOperation *self)
{
}

/**
 * wg_print_operation_new:
 * @document: what to print
 *
 * Returns: (transfer full): a print operation on the document's paper, at
 *   full page, in points, that shows its progress
 */
WgPrintOperation *
wg_print_operation_new (WgDocument *document)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *title = NULL;
  WgPrintOperation *self;
  double width, height;

  g_return_val_if_fail (WG_IS_DOCUMENT (document), NULL);

  self = g_object_new (WG_TYPE_PRINT_OPERATION, NULL);
  self->document = g_object_ref (document);

  wg_document_get_page_size (document, &width, &height);
  paper = gtk_paper_size_new (width > WG_A4_WIDTH + 1 ? GTK_PAPER_NAME_A3 : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);

  title = wg_document_dup_title (document);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, title);

  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), settings);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_show_progress (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);

  return self;
}

WgDocument *
wg_print_operation_get_document (WgPrintOperation *self)
{
  g_return_val_if_fail (WG_IS_PRINT_OPERATION (self), NULL);

  return self->document;
}
