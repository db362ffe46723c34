/* wg-bench.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmarks share: percentiles of timings, and walking a grid
 * tree down to every micro-grid, timing each expansion.
 */

#pragma once

#include <glib.h>

#include "wg-grid-node.h"

static inline int
wg_bench_compare_doubles (gconstpointer a,
                          gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static inline double
wg_bench_percentile (GArray *times,
                     double  p)
{
  g_array_sort (times, wg_bench_compare_doubles);
  return g_array_index (times, double, (guint) ((times->len - 1) * p));
}

/* Expands every micro-grid below @node (its households are read then),
 * each timed into @expand_ms; @village, when given, gets the first
 * village's code. */
static inline void
wg_bench_walk (WgGridNode  *node,
               GArray      *expand_ms,
               GTimer      *timer,
               char       **village)
{
  if (village != NULL && wg_grid_node_get_level (node) == 3 && *village == NULL)
    *village = g_strdup (wg_grid_node_get_code (node));
  if (wg_grid_node_get_level (node) == 5)
    {
      double ms;

      g_timer_start (timer);
      g_list_model_get_n_items (G_LIST_MODEL (node));
      ms = g_timer_elapsed (timer, NULL) * 1000;
      g_array_append_val (expand_ms, ms);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (node)); i++)
    {
      g_autoptr(WgGridNode) child = g_list_model_get_item (G_LIST_MODEL (node), i);
      wg_bench_walk (child, expand_ms, timer, village);
    }
}
