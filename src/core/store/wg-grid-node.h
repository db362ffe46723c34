/* wg-grid-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wg-store.h"

G_BEGIN_DECLS

/* Households hang below micro-grids in the tree, one level further down. */
#define WG_GRID_NODE_HOUSEHOLD 6

#define WG_TYPE_GRID_NODE (wg_grid_node_get_type ())

G_DECLARE_FINAL_TYPE (WgGridNode, wg_grid_node, WG, GRID_NODE, GObject)

#define WG_TYPE_GRID_TREE (wg_grid_tree_get_type ())

G_DECLARE_FINAL_TYPE (WgGridTree, wg_grid_tree, WG, GRID_TREE, GObject)

WgGridTree *wg_grid_tree_new                (WgStore     *store,
                                             const char  *today,
                                             GError     **error);
WgGridTree *wg_grid_tree_new_without_counts (WgStore     *store,
                                             GError     **error);
WgGridNode *wg_grid_tree_get_root           (WgGridTree  *self);
WgGridNode *wg_grid_tree_lookup             (WgGridTree  *self,
                                             const char  *code);
guint       wg_grid_tree_get_n_grids        (WgGridTree  *self);
gboolean    wg_grid_tree_refresh_households (WgGridTree  *self,
                                             GError     **error);
gboolean    wg_grid_tree_refresh_alerts     (WgGridTree  *self,
                                             GError     **error);
gboolean    wg_grid_tree_refresh_quarantined (WgGridTree *self,
                                              GError     **error);
gboolean    wg_grid_tree_refresh_name       (WgGridTree  *self,
                                             gboolean     household,
                                             gint64       id,
                                             GError     **error);

gint64      wg_grid_node_get_id             (WgGridNode  *self);
const char *wg_grid_node_get_code           (WgGridNode  *self);
const char *wg_grid_node_get_name           (WgGridNode  *self);
guint       wg_grid_node_get_level          (WgGridNode  *self);
guint       wg_grid_node_get_n_households   (WgGridNode  *self);
guint       wg_grid_node_get_n_quarantined  (WgGridNode  *self);
guint       wg_grid_node_get_n_open_alerts  (WgGridNode  *self);
WgGridNode *wg_grid_node_get_parent         (WgGridNode  *self);
gboolean    wg_grid_node_is_household       (WgGridNode  *self);
gboolean    wg_grid_node_is_loaded          (WgGridNode  *self);
char       *wg_grid_node_dup_path           (WgGridNode  *self);
const char *wg_grid_level_describe          (guint        level);

G_END_DECLS
