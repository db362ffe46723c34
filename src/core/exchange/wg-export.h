/* wg-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wg-store-status.h"
#include "wg-store.h"
#include "wg-table-writer.h"

G_BEGIN_DECLS

typedef enum
{
  WG_EXPORT_LIST_PERSONS,
  WG_EXPORT_LIST_HOUSEHOLDS,
  WG_EXPORT_LIST_GRIDS,
  WG_EXPORT_LIST_ROUND,
  WG_EXPORT_LIST_ALERTS,
  WG_EXPORT_LIST_SENSORS,
  WG_EXPORT_LIST_RETURNEES,
} WgExportList;

gboolean     wg_export_list_from_string (const char      *text,
                                         WgExportList    *list);
const char  *wg_export_list_to_string   (WgExportList     list);
const char  *wg_export_list_title       (WgExportList     list);
const char  *wg_returnee_channel_describe (int            channel);

gboolean     wg_export_write_list            (WgStore         *store,
                                              WgExportList     list,
                                              const char      *grid_code,
                                              const char      *today,
                                              const char      *path,
                                              WgTableFormat    format,
                                              GCancellable    *cancellable,
                                              guint           *rows,
                                              GError         **error);
gboolean     wg_export_write_search     (WgStore         *store,
                                         const char      *query,
                                         const char      *path,
                                         WgTableFormat    format,
                                         guint           *rows,
                                         GError         **error);
gboolean     wg_export_write_status     (WgStore         *store,
                                         const char      *grid_code,
                                         WgStatus         status,
                                         const char      *today,
                                         const char      *path,
                                         WgTableFormat    format,
                                         guint           *rows,
                                         GError         **error);

gboolean     wg_export_write_roster     (WgStore         *store,
                                         const char      *monday,
                                         const char      *path,
                                         WgTableFormat    format,
                                         guint           *rows,
                                         GError         **error);

G_END_DECLS
