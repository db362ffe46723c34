/* wg-grid-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wg-grid-node.h"

G_BEGIN_DECLS

#define WG_TYPE_GRID_ROW (wg_grid_row_get_type ())

G_DECLARE_FINAL_TYPE (WgGridRow, wg_grid_row, WG, GRID_ROW, GtkWidget)

WgGridNode *wg_grid_row_get_node (WgGridRow  *self);
void        wg_grid_row_set_node (WgGridRow  *self,
                                  WgGridNode *node);

G_END_DECLS
