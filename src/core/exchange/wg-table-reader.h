/* wg-table-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WG_TABLE_ERROR (wg_table_error_quark ())

typedef enum
{
  WG_TABLE_ERROR_FORMAT,     /* not a table we can read */
  WG_TABLE_ERROR_ENCODING,   /* not valid in its (given or detected) encoding */
  WG_TABLE_ERROR_TOO_LARGE,  /* a cell, a row or the strings beyond the limits */
  WG_TABLE_ERROR_SHEET,      /* no such sheet */
} WgTableError;

/* One row as the spreadsheet shows it: 'number' counts every line a
 * spreadsheet program would number (title rows, blank lines, the header).
 * A cell is never NULL ("" when empty); 'numeric' marks an XLSX cell stored
 * as a number (a date serial, or an ID number a spreadsheet rounded). */
typedef struct
{
  guint number;
  guint n_cells;
  char **cells;
  gboolean *numeric;
} WgTableRow;

typedef struct _WgTableReader WgTableReader;

GQuark            wg_table_error_quark          (void);

WgTableReader    *wg_table_reader_open          (const char     *path,
                                                 const char     *encoding,
                                                 const char     *sheet,
                                                 GError        **error);
WgTableReader    *wg_table_reader_new_for_bytes (GBytes         *bytes,
                                                 const char     *encoding,
                                                 const char     *sheet,
                                                 GError        **error);
const WgTableRow *wg_table_reader_next          (WgTableReader  *self,
                                                 GError        **error);
const char       *wg_table_reader_get_format    (WgTableReader  *self);
const char       *wg_table_reader_get_encoding  (WgTableReader  *self);
gboolean          wg_table_reader_get_date1904  (WgTableReader  *self);
const char *const *wg_table_reader_get_sheets   (WgTableReader  *self);
void              wg_table_reader_free          (WgTableReader  *self);

gboolean          wg_table_serial_to_day        (double          serial,
                                                 gboolean        date1904,
                                                 char            day[11]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgTableReader, wg_table_reader_free)

G_END_DECLS
