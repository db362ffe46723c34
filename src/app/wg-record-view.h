/* wg-record-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wg-store-records.h"

G_BEGIN_DECLS

#define WG_TYPE_RECORD_VIEW (wg_record_view_get_type ())

G_DECLARE_FINAL_TYPE (WgRecordView, wg_record_view, WG, RECORD_VIEW, GtkWidget)

GtkWidget     *wg_record_view_new       (WgRecordTable *table);
guint          wg_record_view_get_n_rows (WgRecordView *self);
const char    *wg_record_view_get_cell  (WgRecordView  *self,
                                         guint          row,
                                         guint          column);
WgRecordKind   wg_record_view_get_kind  (WgRecordView  *self);

G_END_DECLS
