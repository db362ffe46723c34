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
#include "wg-store-private.h"

G_DEFINE_QUARK (wg-attachment-error-quark, wg_attachment_error)

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
 * wg_store_add_attachment:
 * @store: a #WgStore
 * @person_id: whose file
 * @title: what it is, as the dossier shows it (often the file's name)
 * @data: the file's contents
 * @id: (out) (optional): the new attachment
 * @error: return location for a #GError
 *
 * Checks and stores the file with its SHA-256, in one transaction with its
 * audit-log entry. The same file twice in one person's file is refused.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_attachment (WgStore     *store,
                         gint64       person_id,
                         const char  *title,
                         GBytes      *data,
                         gint64      *id,
                         GError     **error)
{
  static const char find_sql[] = "SELECT title FROM attachment WHERE person_id = ? AND sha256 = ?";
  static const char sql[] =
    "INSERT INTO attachment (person_id, title, mime_type, sha256, data, added_at)"
    " VALUES (?, ?, ?, ?, ?, datetime ('now', 'localtime'))";
  g_autofree char *sha256 = NULL;
  g_autofree char *clean_title = NULL;
  g_autofree char *detail = NULL;
  const char *mime_type;
  sqlite3_stmt *stmt;
  guint n_pages;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!wg_attachment_check (data, &mime_type, &n_pages, error))
    return FALSE;

  clean_title = g_utf8_make_valid (title, -1);
  g_strstrip (clean_title);
  if (*clean_title == '\0' || g_utf8_strlen (clean_title, -1) > 128)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("An attachment needs a title of 1 to 128 characters."));
      return FALSE;
    }

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (!(stmt = wg_store_prepare (store, find_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_DUPLICATE,
                   _("This file is already attached, as “%s”."), sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, clean_title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mime_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 5, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                       SQLITE_STATIC);

  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": %s (%s, %u pages, sha256 %s)", person_id,
                            clean_title, mime_type, n_pages, sha256);
  return wg_store_insert_and_log (store, stmt, "attachment", detail, id, error);
}

/**
 * wg_store_dup_attachment:
 *
 * Returns: (transfer full): the attachment's file, or %NULL with @error set
 */
GBytes *
wg_store_dup_attachment (WgStore  *store,
                         gint64    id,
                         GError  **error)
{
  static const char sql[] = "SELECT data FROM attachment WHERE id = ?";
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                         _("The attachment is no longer in the database."));
  else if (rc != SQLITE_ROW)
    wg_store_set_error (store, rc, error);
  return bytes;
}

/**
 * wg_store_find_person:
 * @store: a #WgStore
 * @id_number: a resident ID number
 * @error: return location for a #GError
 *
 * Returns: the person's id, or 0 with a NOT_FOUND error that names the number
 */
gint64
wg_store_find_person (WgStore     *store,
                      const char  *id_number,
                      GError     **error)
{
  g_autofree char *not_found = g_strdup_printf (_("There is no person with the ID number “%s”."), id_number);

  return wg_store_find_id (store, "SELECT id FROM person WHERE id_number = upper (?)", id_number,
                           not_found, error);
}
