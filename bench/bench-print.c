/* bench-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures for printing QR labels and posters at Quwo's scale: labels
 * for every household of the demo county (≈49,000) and posters for all its
 * villages, each to one PDF, on one thread. Aim (issue #5): the whole
 * county's labels in under 20 s. A benchmark reports; it never fails.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "wg-demo.h"
#include "wg-document.h"
#include "wg-label-sheet.h"
#include "wg-poster-set.h"
#include "wg-store.h"

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
report (const char *what,
        guint       items,
        const char *unit,
        WgDocument *document,
        const char *path,
        double      load_s,
        double      write_s)
{
  GStatBuf st;
  guint pages = wg_document_get_n_pages (document);

  g_stat (path, &st);
  printf ("  %-22s %6u %s, %5u pages: read %.2f s, draw+write %.2f s\n", what, items, unit, pages,
          load_s, write_s);
  printf ("  %-22s %.0f %s/s, %.1f pages/s, %.1f KB/page, %.1f MB file\n", "", items / (load_s + write_s),
          unit, pages / (load_s + write_s), st.st_size / 1024.0 / pages, st.st_size / 1048576.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(WgStore) store = NULL;
  WgDemoScale scale = WG_DEMO_SCALE_QUWO;
  double load_s, write_s;

  if (argc > 1 && !wg_demo_scale_from_string (argv[1], &scale))
    {
      g_printerr ("usage: bench-print [quwo|small]\n");
      return 2;
    }

  wg_document_init_fonts ();
  dir = g_dir_make_tmp ("wangge-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "county.db", NULL);
  pdf = g_build_filename (dir, "out.pdf", NULL);

  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_CREATE, &error);
  if (store == NULL || !wg_demo_build (store, scale, 1, "2026-11-29", NULL, NULL, &error))
    g_error ("%s", error->message);

  printf ("bench-print (%s scale, one thread)\n", scale == WG_DEMO_SCALE_QUWO ? "quwo" : "small");

  for (int layout = WG_LABEL_LAYOUT_SHEET; layout <= WG_LABEL_LAYOUT_CARD; layout++)
    {
      g_autoptr(WgLabelSheet) sheet = NULL;

      g_timer_start (timer);
      sheet = wg_label_sheet_new (store, "141021", layout, &error);
      g_assert_no_error (error);
      load_s = g_timer_elapsed (timer, NULL);
      g_timer_start (timer);
      if (!wg_document_write_pdf (WG_DOCUMENT (sheet), pdf, NULL, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      write_s = g_timer_elapsed (timer, NULL);
      report (layout == WG_LABEL_LAYOUT_SHEET ? "county labels (sheet)" : "county labels (cards)",
              wg_label_sheet_get_n_labels (sheet), "labels", WG_DOCUMENT (sheet), pdf, load_s,
              write_s);
    }

  for (int paper = WG_PAPER_A4; paper <= WG_PAPER_A3; paper++)
    {
      g_autoptr(WgPosterSet) posters = NULL;

      g_timer_start (timer);
      posters = wg_poster_set_new (store, "141021", 3, paper, NULL, &error);
      g_assert_no_error (error);
      load_s = g_timer_elapsed (timer, NULL);
      g_timer_start (timer);
      if (!wg_document_write_pdf (WG_DOCUMENT (posters), pdf, NULL, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      write_s = g_timer_elapsed (timer, NULL);
      report (paper == WG_PAPER_A4 ? "village posters (A4)" : "village posters (A3)",
              wg_document_get_n_pages (WG_DOCUMENT (posters)), "posters", WG_DOCUMENT (posters),
              pdf, load_s, write_s);
    }

  printf ("  peak memory: %.1f MiB\n", peak_rss_mib ());

  g_object_unref (g_steal_pointer (&store));
  g_unlink (pdf);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
