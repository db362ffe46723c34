/* bench-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures for the store at Quwo's scale: time and peak memory to build
 * the demo county, the database's size, and the time to open it and count
 * per level. Aims (issue #2): under 30 s to build on one core, under 100 ms
 * to open and count. A benchmark reports; it never fails on a number.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "wg-bench.h"
#include "wg-demo.h"
#include "wg-store.h"

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  WgDemoScale scale = WG_DEMO_SCALE_QUWO;
  WgLevelCounts counts;
  WgStore *store;
  GStatBuf st;
  double build_s, rss_before;
  const guint rounds = 30;

  if (argc > 1 && !wg_demo_scale_from_string (argv[1], &scale))
    {
      g_printerr ("usage: bench-store [quwo|small]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("wangge-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);

  rss_before = peak_rss_mib ();
  g_timer_start (timer);
  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  if (store == NULL || !wg_demo_build (store, scale, 1, "2026-11-29", NULL, NULL, &error))
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 1;
    }
  build_s = g_timer_elapsed (timer, NULL);
  g_object_unref (store);

  g_stat (path, &st);

  for (guint i = 0; i < rounds; i++)
    {
      double ms;

      g_timer_start (timer);
      store = wg_store_open (path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
      g_assert_no_error (error);
      if (!wg_store_count (store, "2026-11-29", &counts, &error))
        g_error ("%s", error->message);
      ms = g_timer_elapsed (timer, NULL) * 1000.0;
      g_array_append_val (opens, ms);
      g_object_unref (store);
    }
  g_array_sort (opens, wg_bench_compare_doubles);

  printf ("bench-store (%s scale, seed 1)\n", scale == WG_DEMO_SCALE_QUWO ? "quwo" : "small");
  printf ("  county:            %u townships, %u villages, %u groups, %u micro-grids,\n"
          "                     %u households, %u persons, %u staff, %u sensors\n",
          counts.grids[2], counts.grids[3], counts.grids[4], counts.grids[5], counts.households,
          counts.persons, counts.staff, counts.sensors);
  printf ("  build demo county: %.2f s (one thread; aim < 30 s)\n", build_s);
  printf ("  peak memory:       %.1f MiB (%.1f MiB before building)\n", peak_rss_mib (), rss_before);
  printf ("  database size:     %.1f MiB (%.0f bytes per person)\n",
          st.st_size / (1024.0 * 1024.0), (double) st.st_size / MAX (counts.persons, 1));
  printf ("  open + count:      median %.1f ms, min %.1f ms, max %.1f ms over %u rounds "
          "(warm cache; aim < 100 ms)\n",
          g_array_index (opens, double, rounds / 2), g_array_index (opens, double, 0),
          g_array_index (opens, double, rounds - 1), rounds);

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
