/* wg-table-writer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  WG_TABLE_FORMAT_CSV,
  WG_TABLE_FORMAT_XLSX,
} WgTableFormat;

typedef enum
{
  WG_COLUMN_TYPE_TEXT,    /* kept as text: ID numbers, phones, codes */
  WG_COLUMN_TYPE_NUMBER,
  WG_COLUMN_TYPE_DATE,    /* YYYY-MM-DD → a date cell */
  WG_COLUMN_TYPE_TIME,    /* YYYY-MM-DD HH:MM[:SS] → a date-and-time cell */
} WgColumnType;

typedef struct
{
  const char *header;
  WgColumnType type;
  guint width;       /* in characters, for XLSX */
} WgColumn;

typedef struct _WgTableWriter WgTableWriter;

gboolean        wg_table_format_from_string (const char      *text,
                                             WgTableFormat   *format);
gboolean        wg_table_format_from_path   (const char      *path,
                                             WgTableFormat   *format);
WgTableWriter  *wg_table_writer_new         (const char      *path,
                                             WgTableFormat    format,
                                             const char      *title,
                                             const WgColumn  *columns,
                                             guint            n_columns,
                                             GError         **error);
gboolean        wg_table_writer_add_row     (WgTableWriter   *self,
                                             const char *const *values,
                                             GError         **error);
guint           wg_table_writer_get_rows    (WgTableWriter   *self);
gboolean        wg_table_writer_finish      (WgTableWriter   *self,
                                             GError         **error);
void            wg_table_writer_free        (WgTableWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgTableWriter, wg_table_writer_free)

G_END_DECLS
