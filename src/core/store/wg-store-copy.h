/* wg-store-copy.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

gboolean wg_store_copy (WgStore       *from,
                        WgStore       *to,
                        guint64       *n_rows,
                        GCancellable  *cancellable,
                        GError       **error);

G_END_DECLS
