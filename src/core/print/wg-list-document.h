/* wg-list-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-document.h"
#include "wg-store-status.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_LIST_DOCUMENT (wg_list_document_get_type ())

G_DECLARE_FINAL_TYPE (WgListDocument, wg_list_document, WG, LIST_DOCUMENT, GObject)

WgListDocument *wg_list_document_new     (const char         *title,
                                          const char         *subtitle,
                                          const char         *operator_name,
                                          const char *const  *headers,
                                          const double       *widths,
                                          guint               n_columns);
void            wg_list_document_add_row (WgListDocument     *self,
                                          const char *const  *cells);
guint           wg_list_document_get_n_rows (WgListDocument  *self);

WgListDocument *wg_list_document_new_for_status (WgStore            *store,
                                                 const char         *grid_code,
                                                 WgStatus            status,
                                                 const char         *today,
                                                 GError            **error);

WgListDocument *wg_list_document_new_for_transfer (WgStore            *store,
                                                   gint64              transfer_id,
                                                   GError            **error);

WgListDocument *wg_list_document_new_for_roster   (WgStore            *store,
                                                   const char         *monday,
                                                   GError            **error);

G_END_DECLS
