/* wg-store-attachments.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_ATTACHMENT_ERROR (wg_attachment_error_quark ())

typedef enum
{
  WG_ATTACHMENT_ERROR_NOT_SUPPORTED,
  WG_ATTACHMENT_ERROR_DAMAGED,
  WG_ATTACHMENT_ERROR_ENCRYPTED,
  WG_ATTACHMENT_ERROR_TOO_BIG,
  WG_ATTACHMENT_ERROR_EMPTY,
  WG_ATTACHMENT_ERROR_DUPLICATE,
} WgAttachmentError;

GQuark    wg_attachment_error_quark (void);
gboolean  wg_store_add_attachment   (WgStore     *store,
                                     gint64       person_id,
                                     const char  *title,
                                     GBytes      *data,
                                     const char  *mime_type,
                                     guint        n_pages,
                                     gint64      *id,
                                     GError     **error);
GBytes   *wg_store_dup_attachment   (WgStore     *store,
                                     gint64       id,
                                     GError     **error);

G_END_DECLS
