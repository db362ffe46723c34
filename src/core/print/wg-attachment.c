/* wg-attachment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files bound into a person's dossier: PDF reports (a laboratory's nucleic-
 * acid report, a transfer letter) and photographs or scans as PNG or JPEG.
 * A file is checked whole before it is stored — opened with poppler or
 * decoded as an image — so a damaged or password-protected file is refused
 * when it is added, not when a packet of a thousand pages is printed.
 */

#define G_LOG_DOMAIN "wg-attachment"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <string.h>

#include "wg-attachment.h"
#include "wg-store-attachments.h"
#include "wg-store-private.h"


static const char *
sniff (GBytes *data)
{
  gsize size;
  const guchar *bytes = g_bytes_get_data (data, &size);

  /* A PDF may have junk before its header; readers accept it in the first KiB. */
  for (gsize i = 0; i + 5 <= MIN (size, 1024); i++)
    if (memcmp (bytes + i, "%PDF-", 5) == 0)
      return "application/pdf";
  if (size >= 8 && memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && memcmp (bytes, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  return NULL;
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A picture's size from its header, before anything is decoded: a small
 * file may claim a picture of billions of pixels (a decompression bomb). */
static gboolean
read_image_size (GBytes  *data,
                 guint32 *width,
                 guint32 *height)
{
  gsize size;
  const guchar *b = g_bytes_get_data (data, &size);

  /* PNG: the signature, then IHDR with width and height. */
  if (size >= 24 && memcmp (b, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (b + 12, "IHDR", 4) == 0)
    {
      *width = read_be32 (b + 16);
      *height = read_be32 (b + 20);
      return TRUE;
    }
  /* JPEG: the segments up to the first start-of-frame. */
  if (size >= 4 && b[0] == 0xff && b[1] == 0xd8)
    {
      gsize at = 2;

      while (at + 4 <= size)
        {
          guchar marker;
          gsize length;

          if (b[at] != 0xff)
            return FALSE;
          marker = b[at + 1];
          if (marker == 0xff)
            {
              at++;
              continue;
            }
          if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd9))
            {
              at += 2;
              continue;
            }
          length = ((gsize) b[at + 2] << 8) | b[at + 3];
          if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
            {
              if (at + 9 > size)
                return FALSE;
              *height = ((guint32) b[at + 5] << 8) | b[at + 6];
              *width = ((guint32) b[at + 7] << 8) | b[at + 8];
              return TRUE;
            }
          if (length < 2)
            return FALSE;
          at += 2 + length;
        }
    }
  return FALSE;
}

/**
 * wg_attachment_load_image:
 * @data: a PNG or JPEG file
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the picture as an image surface, or %NULL with
 *   a DAMAGED error
 */
cairo_surface_t *
wg_attachment_load_image (GBytes  *data,
                          GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *mime_type = sniff (data);
  GdkPixbuf *pixbuf = NULL;
  cairo_surface_t *surface;
  const guchar *pixels;
  guchar *target;
  int width, height, stride, target_stride, channels;
  guint32 claimed_width = 0, claimed_height = 0;

  if (!read_image_size (data, &claimed_width, &claimed_height))
    {
      g_set_error_literal (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_DAMAGED,
                           _("The picture cannot be read: it is not a PNG or JPEG picture"));
      return NULL;
    }
  if (claimed_width == 0 || claimed_height == 0 ||
      (guint64) claimed_width * claimed_height > WG_ATTACHMENT_MAX_PIXELS)
    {
      g_set_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_TOO_BIG,
                   _("The picture is %u × %u pixels: more than %u million cannot be printed. Scale it down first."),
                   claimed_width, claimed_height, WG_ATTACHMENT_MAX_PIXELS / 1000000);
      return NULL;
    }

  /* By the type seen in the first bytes: guessing it would need the MIME
   * database, which not every session has. */
  if (mime_type != NULL && !g_str_equal (mime_type, "application/pdf"))
    loader = gdk_pixbuf_loader_new_with_mime_type (mime_type, &local_error);
  if (loader != NULL &&
      gdk_pixbuf_loader_write_bytes (loader, data, &local_error) &&
      gdk_pixbuf_loader_close (loader, &local_error))
    pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  else if (loader != NULL)
    gdk_pixbuf_loader_close (loader, NULL);
  if (pixbuf == NULL)
    {
      g_set_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_DAMAGED,
                   _("The picture cannot be read: %s"),
                   local_error != NULL ? local_error->message : _("it is not a PNG or JPEG picture"));
      return NULL;
    }
  /* Phones write photos sideways and say so in EXIF. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);
  stride = gdk_pixbuf_get_rowstride (oriented);
  channels = gdk_pixbuf_get_n_channels (oriented);
  pixels = gdk_pixbuf_read_pixels (oriented);

  surface = cairo_image_surface_create (channels == 4 ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                        width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error_literal (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_TOO_BIG,
                           _("The picture is too large to print."));
      return NULL;
    }
  cairo_surface_flush (surface);
  target = cairo_image_surface_get_data (surface);
  target_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guchar *from = pixels + (gsize) y * stride;
      guint32 *to = (guint32 *) (target + (gsize) y * target_stride);

      for (int x = 0; x < width; x++, from += channels)
        {
          guint a = channels == 4 ? from[3] : 255;
          /* cairo wants premultiplied alpha. */
          guint r = from[0] * a / 255, g = from[1] * a / 255, b = from[2] * a / 255;

          to[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * wg_attachment_read_file:
 * @file: a file to attach
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Measures @file before reading it: a folder, a device or a pipe is
 * refused, and so is a file larger than %WG_ATTACHMENT_MAX_SIZE — by its
 * size, without reading it; and no more than the limit is ever read.
 *
 * Returns: (transfer full): its contents, or %NULL with @error set
 */
GBytes *
wg_attachment_read_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree guchar *buffer = NULL;
  gsize wanted, n_read = 0;
  goffset size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;
  if (!(info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                               G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error)))
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a regular file."), name);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size == 0)
    {
      g_set_error_literal (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_EMPTY, _("The file is empty."));
      return NULL;
    }
  if (size > WG_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (WG_ATTACHMENT_MAX_SIZE);

      g_set_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_TOO_BIG,
                   _("The file is larger than %s."), limit);
      return NULL;
    }
  /* One byte more than it said: a file that grows meanwhile is caught. */
  wanted = (gsize) size + 1;
  buffer = g_malloc (wanted);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, wanted, &n_read, cancellable, error))
    return NULL;
  if (n_read > WG_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (WG_ATTACHMENT_MAX_SIZE);

      g_set_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_TOO_BIG,
                   _("The file is larger than %s."), limit);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), n_read);
}

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = wg_attachment_read_file (task_data, cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
wg_attachment_read_file_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wg_attachment_read_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_file_thread);
}

GBytes *
wg_attachment_read_file_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wg_attachment_check:
 * @data: the file's contents
 * @mime_type: (out) (optional): what it is
 * @n_pages: (out) (optional): how many pages it prints on
 * @error: return location for a #GError
 *
 * Returns: %TRUE for a PDF poppler opens without a password, or a PNG or
 *   JPEG that decodes
 */
gboolean
wg_attachment_check (GBytes      *data,
                     const char **mime_type,
                     guint       *n_pages,
                     GError     **error)
{
  const char *type;
  gsize size = g_bytes_get_size (data);

  if (size == 0)
    {
      g_set_error_literal (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_EMPTY,
                           _("The file is empty."));
      return FALSE;
    }
  if (size > WG_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (WG_ATTACHMENT_MAX_SIZE);

      g_set_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_TOO_BIG,
                   _("The file is larger than %s."), limit);
      return FALSE;
    }

  type = sniff (data);
  if (type == NULL)
    {
      g_set_error_literal (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_NOT_SUPPORTED,
                           _("Only PDF files and PNG or JPEG pictures can be attached."));
      return FALSE;
    }

  if (g_str_equal (type, "application/pdf"))
    {
      g_autoptr(GError) local_error = NULL;
      PopplerDocument *document = poppler_document_new_from_bytes (data, NULL, &local_error);
      int pages = document != NULL ? poppler_document_get_n_pages (document) : 0;

      g_clear_object (&document);
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        {
          g_set_error_literal (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_ENCRYPTED,
                               _("The PDF is protected by a password: ask the sender for a copy without one."));
          return FALSE;
        }
      if (pages < 1)
        {
          g_set_error_literal (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_DAMAGED,
                               _("The PDF is damaged and cannot be read."));
          return FALSE;
        }
      if (n_pages != NULL)
        *n_pages = pages;
    }
  else
    {
      cairo_surface_t *image = wg_attachment_load_image (data, error);

      if (image == NULL)
        return FALSE;
      cairo_surface_destroy (image);
      if (n_pages != NULL)
        *n_pages = 1;
    }

  if (mime_type != NULL)
    *mime_type = type;
  return TRUE;
}

/**
 * wg_attachment_add:
 * @store: a #WgStore
 * @person_id: whose file
 * @title: what it is, as the dossier shows it (often the file's name)
 * @data: the file's contents
 * @id: (out) (optional): the new attachment
 * @error: return location for a #GError
 *
 * Checks the file (wg_attachment_check()) and keeps it in the person's
 * file (wg_store_add_attachment()).
 *
 * Returns: %TRUE on success
 */
gboolean
wg_attachment_add (WgStore     *store,
                   gint64       person_id,
                   const char  *title,
                   GBytes      *data,
                   gint64      *id,
                   GError     **error)
{
  const char *mime_type;
  guint n_pages;

  return wg_attachment_check (data, &mime_type, &n_pages, error) &&
         wg_store_add_attachment (store, person_id, title, data, mime_type, n_pages, id, error);
}
