/* fuzz-table-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer over the spreadsheet reader: any bytes, read as a CSV (in the
 * encoding it detects) or as an XLSX workbook (libgsf and libxml2 behind
 * it), to the last row or the first error. Seeds in tests/fuzz/table-seeds:
 * the sample registers (GB18030, UTF-8 with a BOM) and a workbook.
 */

#include "config.h"

#include "wg-table-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgTableReader) reader = wg_table_reader_new_for_bytes (bytes, NULL, NULL, &error);
  const WgTableRow *row;
  guint last = 0;

  if (reader == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  while ((row = wg_table_reader_next (reader, &error)) != NULL)
    {
      g_assert (row->number > last || g_str_equal (wg_table_reader_get_format (reader), "XLSX"));
      last = row->number;
      for (guint i = 0; i < row->n_cells; i++)
        g_assert (row->cells[i] != NULL && g_utf8_validate (row->cells[i], -1, NULL));
    }
  return 0;
}
