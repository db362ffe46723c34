/* wg-export-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"
#include "wg-table-writer.h"

G_BEGIN_DECLS

/* Writes a list to @path in @format; returns the rows written in @rows. */
typedef gboolean (*WgExportWriteFunc) (WgStore        *store,
                                       const char     *path,
                                       WgTableFormat   format,
                                       guint          *rows,
                                       gpointer        user_data,
                                       GError        **error);

void      wg_export_file_choose  (GtkWidget          *parent,
                                  WgStore            *store,
                                  const char         *suggested_name,
                                  WgExportWriteFunc   func,
                                  gpointer            user_data,
                                  GDestroyNotify      destroy);
gboolean  wg_export_file_write   (GtkWidget          *parent,
                                  WgStore            *store,
                                  const char         *path,
                                  WgExportWriteFunc   func,
                                  gpointer            user_data);

G_END_DECLS
