/* wg-grid-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wg-grid-node.h"
#include "wg-store-status.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_GRID_PAGE (wg_grid_page_get_type ())

G_DECLARE_FINAL_TYPE (WgGridPage, wg_grid_page, WG, GRID_PAGE, GtkWidget)

WgGridNode *wg_grid_page_get_node     (WgGridPage *self);
GtkWindow  *wg_grid_page_open_status  (WgGridPage *self,
                                       WgStatus    status);
void        wg_grid_page_refresh      (WgGridPage *self,
                                       WgStore    *store);
void        wg_grid_page_show         (WgGridPage *self,
                                       WgStore    *store,
                                       WgGridNode *node);
gboolean    wg_grid_page_get_loading  (WgGridPage *self);
guint       wg_grid_page_get_count    (WgGridPage *self,
                                       const char *title);

G_END_DECLS
