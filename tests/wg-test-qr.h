/* wg-test-qr.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the symbols sit on a page: a grid of cells, in millimetres. zbarimg
 * misses a few codes when it sees 24 at once, while a phone scans one label
 * at a time: so each cell is cut out and decoded on its own. */
typedef struct
{
  guint columns, rows;
  double top, width, height;
} WgTestCells;

extern const WgTestCells wg_test_sheet_cells;
extern const WgTestCells wg_test_card_cells;
extern const WgTestCells wg_test_a4_page;
extern const WgTestCells wg_test_a3_page;

int        wg_test_run             (char              **out,
                                    char              **err,
                                    const char         *first,
                                    ...) G_GNUC_NULL_TERMINATED;
char      *wg_test_tmp_path        (const char         *name);
GPtrArray *wg_test_decode_pdf      (const char         *pdf,
                                    guint               dpi,
                                    const WgTestCells  *cells);
void       wg_test_assert_same_set (GPtrArray          *decoded,
                                    GPtrArray          *expected);

G_END_DECLS
