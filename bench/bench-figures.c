/* bench-figures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures for the leaders' view at Quwo's scale (issue #17): the
 * dashboard's day for the county — every figure and precision with the
 * townships' shares, what the window reads off its main thread before the
 * table shows (aim ≤ 300 ms) — then its fortnight of trends (drawn after
 * the table), and a township's daily report made and written as PDF
 * (aim ≤ 2 s). Median of five runs each.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "wg-bench.h"
#include "wg-demo.h"
#include "wg-report.h"
#include "wg-store-figures.h"

#define DAY "2026-11-29"
#define NOW DAY " 20:00:00"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GArray) sheet_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) trend_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) report_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) townships = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(WgStore) store = NULL;
  WgDemoScale scale = WG_DEMO_SCALE_QUWO;
  const char *county = "141021";
  guint rows = 0, pages = 0;

  if (argc > 1 && !wg_demo_scale_from_string (argv[1], &scale))
    {
      g_printerr ("usage: bench-figures [quwo|small]\n");
      return 2;
    }
  dir = g_dir_make_tmp ("wangge-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "county.db", NULL);
  pdf = g_build_filename (dir, "report.pdf", NULL);
  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_CREATE, &error);
  if (store == NULL || !wg_demo_build (store, scale, 1, DAY, NULL, NULL, &error))
    g_error ("%s", error->message);
  townships = wg_store_list_child_grids (store, county, &error);
  g_assert_no_error (error);

  for (guint run = 0; run < 5; run++)
    {
      g_autoptr(WgStore) own = NULL;
      g_autoptr(WgFigureSheet) sheet = NULL;
      g_autoptr(WgReport) report = NULL;
      double values[14];
      double ms;

      /* As the dashboard's worker: a connection of its own, the day's sheet. */
      g_timer_start (timer);
      own = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
      sheet = wg_store_read_figure_sheet (own, county, DAY, NOW, &error);
      g_assert_no_error (error);
      ms = g_timer_elapsed (timer, NULL) * 1000;
      g_array_append_val (sheet_ms, ms);
      rows = 0;
      for (guint f = 0; f < WG_FIGURE_N; f++)
        rows += sheet->figures[f]->len;
      for (guint p = 0; p < WG_PRECISION_N; p++)
        rows += sheet->precisions[p]->len;

      g_timer_start (timer);
      if (!wg_store_count_trend (own, WG_FIGURE_HOME_QUARANTINE, -1, county, DAY, 14, NOW, values, &error) ||
          !wg_store_count_trend (own, WG_FIGURE_CENTRAL_QUARANTINE, -1, county, DAY, 14, NOW, values, &error) ||
          !wg_store_count_trend (own, WG_FIGURE_RETURNEES, -1, county, DAY, 14, NOW, values, &error) ||
          !wg_store_count_trend (own, -1, WG_PRECISION_TESTS, county, DAY, 14, NOW, values, &error) ||
          !wg_store_count_trend (own, WG_FIGURE_ALERTS_OPENED, -1, county, DAY, 14, NOW, values, &error))
        g_error ("%s", error->message);
      ms = g_timer_elapsed (timer, NULL) * 1000;
      g_array_append_val (trend_ms, ms);

      /* A township's daily report, made and written. */
      g_timer_start (timer);
      report = wg_report_new (own, ((WgFigureRow *) townships->pdata[0])->grid_code, DAY, NOW, "bench", &error);
      if (report == NULL || !wg_document_write_pdf (WG_DOCUMENT (report), pdf, "bench", NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      ms = g_timer_elapsed (timer, NULL) * 1000;
      g_array_append_val (report_ms, ms);
      pages = wg_document_get_n_pages (WG_DOCUMENT (report));
    }

  printf ("bench-figures (%s scale)\n", scale == WG_DEMO_SCALE_QUWO ? "quwo" : "small");
  printf ("  dashboard's day:    median %.1f ms, max %.1f ms for %u rows behind %u figures and %u precisions"
          " (aim ≤ 300 ms to the table)\n",
          wg_bench_percentile (sheet_ms, 0.5), wg_bench_percentile (sheet_ms, 1.0), rows, WG_FIGURE_N, WG_PRECISION_N);
  printf ("  fortnight's trends: median %.1f ms, max %.1f ms (five series of 14 days, drawn after the table)\n",
          wg_bench_percentile (trend_ms, 0.5), wg_bench_percentile (trend_ms, 1.0));
  printf ("  township's report:  median %.1f ms, max %.1f ms for %u pages (aim ≤ 2 s)\n",
          wg_bench_percentile (report_ms, 0.5), wg_bench_percentile (report_ms, 1.0), pages);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (db);
  g_unlink (pdf);
  g_rmdir (dir);
  return 0;
}
