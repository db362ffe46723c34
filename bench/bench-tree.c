/* bench-tree.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures for the grid tree and search at Quwo's scale, driving the
 * same core models the window uses: reading the tree (what stands between
 * launch and the tree drawn), expanding every micro-grid (its households
 * are read then), and searches over realistic queries — names of one to
 * three characters, ID prefixes, phones, household codes, places — with
 * the median and 95th percentile. Aims (issue #3): tree ≤ 0.5 s, any
 * expansion ≤ 20 ms, search p95 ≤ 30 ms, resident memory ≤ 200 MB.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "wg-bench.h"
#include "wg-demo.h"
#include "wg-grid-node.h"
#include "wg-store-search.h"

int
main (int   argc,
      char *argv[])
{
  static const char *const queries[] = {
    /* names: surname, two-character, three-character */
    "王", "李", "张伟", "王芳", "刘强", "赵丽", "郭建国", "李秀英", "张志明", "贾晨",
    /* ID prefixes and a whole number's start */
    "141021", "1410211980", "14102119900", "1401051975",
    /* phone fragments */
    "139", "1381234", "15307730695", "17841346652",
    /* places and grid names */
    "乐昌镇", "东韩村", "一组", "第一网格", "阳光小区", "12号",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GArray) expand_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgGridTree) tree = NULL;
  WgDemoScale scale = WG_DEMO_SCALE_QUWO;
  struct rusage usage;
  double tree_s;

  if (argc > 1 && !wg_demo_scale_from_string (argv[1], &scale))
    {
      g_printerr ("usage: bench-tree [quwo|small]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("wangge-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "county.db", NULL);
  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_CREATE, &error);
  if (store == NULL || !wg_demo_build (store, scale, 1, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  g_clear_object (&store);

  /* As at launch: open the database, read the tree. */
  g_timer_start (timer);
  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  tree = wg_grid_tree_new (store, NULL, &error);
  g_assert_no_error (error);
  tree_s = g_timer_elapsed (timer, NULL);

  wg_bench_walk (wg_grid_tree_get_root (tree), expand_ms, timer, NULL);

  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(GPtrArray) results = NULL;
        double ms;

        g_timer_start (timer);
        results = wg_store_search (store, queries[i], 50, &error);
        ms = g_timer_elapsed (timer, NULL) * 1000;
        g_assert_no_error (error);
        g_array_append_val (search_ms, ms);
      }

  getrusage (RUSAGE_SELF, &usage);
  printf ("bench-tree (%s scale)\n", scale == WG_DEMO_SCALE_QUWO ? "quwo" : "small");
  printf ("  open + read tree:   %.1f ms for %u grids (aim ≤ 500 ms to the tree drawn)\n",
          tree_s * 1000, wg_grid_tree_get_n_grids (tree));
  printf ("  expand micro-grid:  median %.2f ms, p95 %.2f ms, max %.2f ms over %u (aim ≤ 20 ms)\n",
          wg_bench_percentile (expand_ms, 0.5), wg_bench_percentile (expand_ms, 0.95), wg_bench_percentile (expand_ms, 1.0),
          expand_ms->len);
  printf ("  search:             median %.2f ms, p95 %.2f ms, max %.2f ms over %u queries (aim p95 ≤ 30 ms)\n",
          wg_bench_percentile (search_ms, 0.5), wg_bench_percentile (search_ms, 0.95), wg_bench_percentile (search_ms, 1.0),
          search_ms->len);
  printf ("  peak memory:        %.1f MiB, with every household of the county loaded (aim ≤ 200 MB)\n",
          usage.ru_maxrss / 1024.0);

  g_clear_object (&tree);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (db);
  g_rmdir (dir);
  return 0;
}
