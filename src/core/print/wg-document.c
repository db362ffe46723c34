/* wg-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printed-document interface and the one way documents become PDF files:
 * under a temporary name in the target folder, renamed only when complete,
 * so a cancelled or failed job leaves no partial file.
 */

#define G_LOG_DOMAIN "wg-document"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "wg-document.h"
#include "wg-output.h"

G_DEFINE_INTERFACE (WgDocument, wg_document, G_TYPE_OBJECT)

static void
wg_document_default_init (WgDocumentInterface *iface)
{
}

/**
 * wg_document_init_fonts:
 *
 * Makes the print fonts known to fontconfig, from $WANGGE_FONTDIR (the build
 * tree) or the installed data folder. Call it before anything uses Pango.
 */
void
wg_document_init_fonts (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autofree char *installed = g_build_filename (PKGDATADIR, "fonts", NULL);
      const char *dir = g_getenv ("WANGGE_FONTDIR");

      if (dir == NULL)
        dir = installed;
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR) ||
          !FcConfigAppFontAddDir (NULL, (const FcChar8 *) dir))
        g_warning ("The print fonts are missing from %s: printed pages fall back to the system's "
                   "Noto Sans CJK, with which some characters may print blank", dir);
      g_once_init_leave (&done, 1);
    }
}

guint
wg_document_get_n_pages (WgDocument *self)
{
  g_return_val_if_fail (WG_IS_DOCUMENT (self), 0);

  return WG_DOCUMENT_GET_IFACE (self)->get_n_pages (self);
}

void
wg_document_get_page_size (WgDocument *self,
                           double     *width,
                           double     *height)
{
  g_return_if_fail (WG_IS_DOCUMENT (self));

  WG_DOCUMENT_GET_IFACE (self)->get_page_size (self, width, height);
}

/**
 * wg_document_draw_page:
 * @self: a #WgDocument
 * @page: the page, from 0
 * @cr: where to draw, in points from the page's top left corner
 */
void
wg_document_draw_page (WgDocument *self,
                       guint       page,
                       cairo_t    *cr)
{
  g_return_if_fail (WG_IS_DOCUMENT (self));
  g_return_if_fail (page < wg_document_get_n_pages (self));

  cairo_save (cr);
  WG_DOCUMENT_GET_IFACE (self)->draw_page (self, page, cr);
  cairo_restore (cr);
}

char *
wg_document_dup_title (WgDocument *self)
{
  g_return_val_if_fail (WG_IS_DOCUMENT (self), NULL);

  return WG_DOCUMENT_GET_IFACE (self)->dup_title (self);
}

void
wg_outline_entry_free (WgOutlineEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry);
}

/**
 * wg_document_dup_outline:
 * @self: a #WgDocument
 *
 * Returns: (transfer full) (nullable): the bookmarks, or %NULL for a
 *   document without any
 */
GPtrArray *
wg_document_dup_outline (WgDocument *self)
{
  WgDocumentInterface *iface;

  g_return_val_if_fail (WG_IS_DOCUMENT (self), NULL);

  iface = WG_DOCUMENT_GET_IFACE (self);
  return iface->dup_outline != NULL ? iface->dup_outline (self) : NULL;
}

#define MAX_OUTLINE_DEPTH 8

static void
add_outline (WgDocument      *self,
             cairo_surface_t *surface)
{
  g_autoptr(GPtrArray) outline = wg_document_dup_outline (self);
  int parents[MAX_OUTLINE_DEPTH + 1] = { CAIRO_PDF_OUTLINE_ROOT };

  if (outline == NULL)
    return;

  for (guint i = 0; i < outline->len; i++)
    {
      const WgOutlineEntry *entry = g_ptr_array_index (outline, i);
      guint depth = MIN (entry->depth, MAX_OUTLINE_DEPTH - 1);
      g_autofree char *link = g_strdup_printf ("page=%u", entry->page + 1);

      /* Top-level entries open: a packet's households, each closed over its people. */
      parents[depth + 1] = cairo_pdf_surface_add_outline (surface, parents[depth], entry->title, link,
                                                          depth == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    }
}

/* Where cairo's PDF goes: the temporary file, with the first write error
 * kept, so a full disk is reported as such and at the page it happened. */
typedef struct
{
  int fd;
  int saved_errno;
} Sink;

static cairo_status_t
write_to_sink (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  if (sink->saved_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          sink->saved_errno = n < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/**
 * wg_document_write_pdf:
 * @self: a #WgDocument
 * @path: the PDF file to write
 * @author: (nullable): for the PDF's metadata: the operator
 * @cancellable: (nullable): a #GCancellable, checked between pages
 * @progress: (nullable) (scope call): told the fraction done after each page
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * Writes under a temporary name beside @path and renames it when whole: a
 * cancelled or failed job leaves nothing. A target that is a folder, a
 * device or a pipe is refused before anything is drawn; a full disk is
 * reported as @path's, at the first page that does not fit.
 *
 * Returns: %TRUE when @path holds the whole document
 */
gboolean
wg_document_write_pdf (WgDocument      *self,
                       const char      *path,
                       const char      *author,
                       GCancellable    *cancellable,
                       WgProgressFunc   progress,
                       gpointer         user_data,
                       GError         **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* cairo drops a date with fractions of a second, which ISO 8601 allows. */
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  guint n_pages;
  Sink sink = { -1, 0 };

  g_return_val_if_fail (WG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!wg_output_check_target (path, error))
    return FALSE;
  wg_document_init_fonts ();

  n_pages = wg_document_get_n_pages (self);
  if (n_pages == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is nothing to print."));
      return FALSE;
    }

  wg_output_remove_leftovers (path);
  if (!(tmp_path = wg_output_make_temp (path, "pdf", &sink.fd, error)))
    return FALSE;

  wg_document_get_page_size (self, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_to_sink, &sink, width, height);
  title = wg_document_dup_title (self);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Wangge " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cr = cairo_create (surface);
  /* cairo 1.16 writes links without their structure element (a damaged
   * file, says qpdf) unless the whole document is one structure. */
  cairo_tag_begin (cr, "Document", NULL);

  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          (sink.saved_errno != 0 && !wg_output_set_write_error (sink.saved_errno, path, error)))
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          close (sink.fd);
          g_unlink (tmp_path);
          return FALSE;
        }

      wg_document_draw_page (self, page, cr);
      cairo_show_page (cr);

      if (progress != NULL)
        progress ((double) (page + 1) / n_pages, user_data);
    }

  cairo_tag_end (cr, "Document");
  add_outline (self, surface);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.saved_errno != 0 || status != CAIRO_STATUS_SUCCESS)
    {
      close (sink.fd);
      g_unlink (tmp_path);
      if (sink.saved_errno != 0)
        return wg_output_set_write_error (sink.saved_errno, path, error);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return wg_output_commit (tmp_path, sink.fd, path, error);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * wg_document_dup_page_pdf:
 * @self: a #WgDocument
 * @page: the page, from 0
 * @error: return location for a #GError
 *
 * One page as a PDF of its own, in memory: what the preview shows through
 * poppler, so that it is the PDF's page, fonts and all.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
wg_document_dup_page_pdf (WgDocument  *self,
                          guint        page,
                          GError     **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (WG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (page < wg_document_get_n_pages (self), NULL);

  wg_document_init_fonts ();
  wg_document_get_page_size (self, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf, width, height);
  cr = cairo_create (surface);
  cairo_tag_begin (cr, "Document", NULL);
  wg_document_draw_page (self, page, cr);
  cairo_show_page (cr);
  cairo_tag_end (cr, "Document");
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot make the page: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}
