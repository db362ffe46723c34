/* wg-sampling.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store-records.h"
#include "wg-table-reader.h"

G_BEGIN_DECLS

gboolean   wg_nat_result_parse    (const char     *text,
                                   WgNatResult    *result);
GPtrArray *wg_sampling_read       (WgTableReader  *reader,
                                   GError        **error);
GPtrArray *wg_sampling_parse_text (const char     *text,
                                   GError        **error);

G_END_DECLS
