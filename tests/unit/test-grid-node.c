/* test-grid-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wg-demo.h"
#include "wg-grid-node.h"
#include "wg-store-grids.h"
#include "wg-store-persons.h"
#include "wg-store-records.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

#define DAY "2026-11-29"

static WgStore *store;
static WgLevelCounts county;

static void
count_tree (WgGridNode *node,
            guint      *per_level)
{
  per_level[wg_grid_node_get_level (node)]++;
  if (wg_grid_node_get_level (node) >= 5)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (node)); i++)
    {
      g_autoptr(WgGridNode) child = g_list_model_get_item (G_LIST_MODEL (node), i);

      g_assert_true (wg_grid_node_get_parent (child) == node);
      g_assert_cmpuint (wg_grid_node_get_level (child), ==, wg_grid_node_get_level (node) + 1);
      g_assert_true (g_str_has_prefix (wg_grid_node_get_code (child), wg_grid_node_get_code (node)));
      count_tree (child, per_level);
    }
}

static void
test_shape (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgGridTree) tree = wg_grid_tree_new (store, DAY, &error);
  guint per_level[7] = { 0 };
  WgGridNode *root;

  g_assert_no_error (error);
  root = wg_grid_tree_get_root (tree);
  g_assert_cmpstr (wg_grid_node_get_name (root), ==, "曲沃县");
  g_assert_cmpuint (wg_grid_node_get_level (root), ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (root)) == WG_TYPE_GRID_NODE);

  count_tree (root, per_level);
  for (guint level = 1; level <= 5; level++)
    g_assert_cmpuint (per_level[level], ==, county.grids[level]);
  g_assert_cmpuint (wg_grid_tree_get_n_grids (tree), ==, 1 + 2 + 5 + 12 + 40);
}

static void
test_counts_add_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgGridTree) tree = wg_grid_tree_new (store, DAY, &error);
  WgGridNode *root = wg_grid_tree_get_root (tree);
  guint households = 0, quarantined = 0;

  g_assert_cmpuint (wg_grid_node_get_n_households (root), ==, county.households);
  g_assert_cmpuint (wg_grid_node_get_n_quarantined (root), ==,
                    county.home_quarantine + county.central_quarantine);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (root)); i++)
    {
      g_autoptr(WgGridNode) township = g_list_model_get_item (G_LIST_MODEL (root), i);
      WgLevelCounts counts;

      households += wg_grid_node_get_n_households (township);
      quarantined += wg_grid_node_get_n_quarantined (township);

      /* The tree's sums and the store's own count of the subtree agree. */
      g_assert_true (wg_store_count_grid (store, wg_grid_node_get_code (township), DAY, &counts,
                                          &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counts.households, ==, wg_grid_node_get_n_households (township));
      g_assert_cmpuint (counts.home_quarantine + counts.central_quarantine, ==,
                        wg_grid_node_get_n_quarantined (township));
    }
  g_assert_cmpuint (households, ==, county.households);
  g_assert_cmpuint (quarantined, ==, county.home_quarantine + county.central_quarantine);
}

static void
test_households_lazily (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgGridTree) tree = wg_grid_tree_new (store, DAY, &error);
  WgGridNode *micro = wg_grid_tree_lookup (tree, "1410211002000101");
  guint n;

  g_assert_nonnull (micro);
  g_assert_cmpuint (wg_grid_node_get_level (micro), ==, 5);
  g_assert_false (wg_grid_node_is_loaded (micro));

  n = g_list_model_get_n_items (G_LIST_MODEL (micro));
  g_assert_true (wg_grid_node_is_loaded (micro));
  g_assert_cmpuint (n, ==, wg_grid_node_get_n_households (micro));
  g_assert_cmpuint (n, >, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WgGridNode) household = g_list_model_get_item (G_LIST_MODEL (micro), i);
      g_autofree char *path = wg_grid_node_dup_path (household);

      g_assert_true (wg_grid_node_is_household (household));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (household)), ==, 0);
      g_assert_true (g_str_has_prefix (path, "曲沃县 › 乐昌镇 › "));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (micro), n));
}

static void
on_notify_cb (GObject    *node,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* A quarantine added to a file shows in the counts without reading the tree again. */
static void
test_refresh_quarantined (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgGridTree) tree = wg_grid_tree_new (store, DAY, &error);
  WgGridNode *micro = wg_grid_tree_lookup (tree, "1410211002000101");
  WgGridNode *root = wg_grid_tree_get_root (tree);
  guint micro_before = wg_grid_node_get_n_quarantined (micro);
  guint root_before = wg_grid_node_get_n_quarantined (root);
  g_autoptr(WgGridNode) household = NULL;
  g_autoptr(WgRecordTable) members = NULL;
  guint notified = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (micro)) && household == NULL; i++)
    {
      g_autoptr(WgGridNode) candidate = g_list_model_get_item (G_LIST_MODEL (micro), i);

      if (wg_grid_node_get_n_quarantined (candidate) == 0)
        household = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (household);
  members = wg_store_read_records (store, WG_RECORD_KIND_MEMBERS, wg_grid_node_get_id (household), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->ids->len, >, 0);
  g_signal_connect (micro, "notify::n-quarantined", G_CALLBACK (on_notify_cb), &notified);

  g_assert_true (wg_store_add_quarantine (store, g_array_index (members->ids, gint64, 0), 1, DAY, DAY, &error));
  g_assert_true (wg_grid_tree_refresh_quarantined (tree, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wg_grid_node_get_n_quarantined (micro), ==, micro_before + 1);
  g_assert_cmpuint (wg_grid_node_get_n_quarantined (root), ==, root_before + 1);
  g_assert_cmpuint (wg_grid_node_get_n_quarantined (household), ==, 1);
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_staff (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgGridTree) tree = wg_grid_tree_new (store, DAY, &error);
  WgGridNode *village = wg_grid_tree_lookup (tree, "141021100200");
  g_autoptr(GPtrArray) staff = wg_store_list_grid_staff (store, wg_grid_node_get_id (village), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, >=, 2);
  g_assert_cmpint (((WgStaffEntry *) g_ptr_array_index (staff, 0))->role, ==,
                   WG_STAFF_ROLE_GRID_LEADER);
  g_assert_cmpstr (wg_staff_role_describe (WG_STAFF_ROLE_GRID_WORKER), ==, "Grid worker");
}

static void
test_empty_database (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) empty = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = wg_test_database (g_get_user_data_dir (), "empty");
  empty = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_null (wg_grid_tree_new (empty, DAY, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = wg_test_make_tmp_dir ();
  path = wg_test_database (dir, "tree");
  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 4, DAY, NULL, NULL, &error));
  g_assert_true (wg_store_count (store, DAY, &county, &error));
  g_assert_no_error (error);

  g_test_add_func ("/wg/grid-tree/shape", test_shape);
  g_test_add_func ("/wg/grid-tree/counts-add-up", test_counts_add_up);
  g_test_add_func ("/wg/grid-tree/households-lazily", test_households_lazily);
  g_test_add_func ("/wg/grid-tree/staff", test_staff);
  g_test_add_func ("/wg/grid-tree/empty-database", test_empty_database);
  /* Last: it adds a quarantine to the shared county. */
  g_test_add_func ("/wg/grid-tree/refresh-quarantined", test_refresh_quarantined);

  status = g_test_run ();
  g_clear_object (&store);
  wg_test_remove_tree (dir);
  return status;
}
