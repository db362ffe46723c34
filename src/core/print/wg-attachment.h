/* wg-attachment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wg-store-attachments.h"

G_BEGIN_DECLS

/* Larger files are scans that belong in the archive, not in every packet. */
#define WG_ATTACHMENT_MAX_SIZE (20 * 1024 * 1024)
/* An A3 page at 300 dpi is 17 million pixels; a phone's photo 12 to 50. */
#define WG_ATTACHMENT_MAX_PIXELS 60000000u

GBytes          *wg_attachment_read_file   (GFile       *file,
                                            GCancellable *cancellable,
                                            GError     **error);
void             wg_attachment_read_file_async  (GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GBytes          *wg_attachment_read_file_finish (GAsyncResult        *result,
                                                 GError             **error);
gboolean         wg_attachment_check       (GBytes      *data,
                                            const char **mime_type,
                                            guint       *n_pages,
                                            GError     **error);
cairo_surface_t *wg_attachment_load_image  (GBytes      *data,
                                            GError     **error);
gboolean         wg_attachment_add         (WgStore     *store,
                                            gint64       person_id,
                                            const char  *title,
                                            GBytes      *data,
                                            gint64      *id,
                                            GError     **error);

G_END_DECLS
