/* bench-dossier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures for dossier packets at Quwo's scale (issue #4): pages per
 * second on one core for a whole village's grid packet, bytes per page, and
 * the peak memory of a whole township's packet (thousands of pages), read on
 * two cores and on one. Aims:
 * ≥ 150 pages/s, ≤ 60 KB/page, a township in ≤ 300 MB.
 *
 * Each packet is made in a child process of its own, so its peak memory is
 * its own (wait4 reports it). For comparison, the route a county office
 * would otherwise take: the same village's files written as HTML and turned
 * into PDF by WeasyPrint, when it is installed.
 *
 * A benchmark reports; it never fails.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "wg-demo.h"
#include "wg-document.h"
#include "wg-dossier.h"
#include "wg-grid-node.h"
#include "wg-store-records.h"

#define DAY "2026-11-29"
#define VILLAGE "141021100200"
#define TOWNSHIP "141021100"

/* In the child: make one packet, write it, print one line of figures. */
static int
run_packet (const char *db,
            const char *code,
            const char *flags_text,
            const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgDossier) dossier = NULL;
  WgDossierFlags flags = g_str_equal (flags_text, "watched") ? WG_DOSSIER_FLAGS_ONLY_WATCHED : WG_DOSSIER_FLAGS_ALL;
  double read_s, write_s;
  guint pages;
  GStatBuf st;

  wg_document_init_fonts ();
  if (!(store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !(dossier = wg_dossier_new_for_grid (store, code, flags, DAY, NULL, NULL, NULL, &error)))
    g_error ("%s", error->message);
  read_s = g_timer_elapsed (timer, NULL);
  g_timer_start (timer);
  if (!wg_document_write_pdf (WG_DOCUMENT (dossier), pdf, NULL, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  write_s = g_timer_elapsed (timer, NULL);

  pages = wg_document_get_n_pages (WG_DOCUMENT (dossier));
  g_stat (pdf, &st);
  printf ("  %-9s %-8s %5u households %6u people %6u pages: read %5.2f s, draw+write %6.2f s\n",
          code, flags_text, wg_dossier_get_n_households (dossier), wg_dossier_get_n_persons (dossier),
          pages, read_s, write_s);
  printf ("  %-18s %.0f pages/s, %.1f KB/page, %.1f MB file\n", "", pages / (read_s + write_s),
          st.st_size / 1024.0 / pages, st.st_size / 1048576.0);
  fflush (stdout);
  return 0;
}

static void
spawn_packet (const char *self_path,
              const char *db,
              const char *code,
              const char *flags,
              const char *pdf)
{
  const char *argv[] = { self_path, "--packet", db, code, flags, pdf, NULL };
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status;

  fflush (stdout);
  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    g_error ("%s", error->message);
  wait4 (pid, &status, 0, &usage);
  g_spawn_close_pid (pid);
  printf ("  %-18s peak memory %.1f MiB\n", "", usage.ru_maxrss / 1024.0);
}

/* The same files as HTML, as a county office would make them for a
 * converter: a cover with the person's details, a table per record kind,
 * the page's header and footer from CSS. */
static void
write_person_html (GString *html,
                   WgStore *store,
                   gint64   person_id,
                   char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgPersonInfo) info = wg_store_read_person (store, person_id, &error);
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  name = g_markup_escape_text (info->name, -1);
  g_string_append_printf (html,
                          "<section class=\"person\"><h1>%s</h1><table class=\"cover\">"
                          "<tr><th>身份证号</th><td>%s</td><th>联系电话</th><td>%s</td></tr>"
                          "<tr><th>出生日期</th><td>%s</td><th>户编号</th><td>%s</td></tr>"
                          "<tr><th>住址</th><td colspan=\"3\">%s</td></tr>"
                          "<tr><th>所属网格</th><td colspan=\"3\">%s</td></tr></table>\n",
                          name, info->id_number, info->phone != NULL ? info->phone : "—",
                          info->birth_date, info->household_code, info->address, path);
  for (WgRecordKind kind = WG_RECORD_KIND_HEALTH_CODE; kind <= WG_RECORD_KIND_ATTACHMENT; kind++)
    {
      g_autoptr(WgRecordTable) table = wg_store_read_printed_records (store, kind, person_id, &error);

      g_assert_no_error (error);
      g_string_append_printf (html, "<h2>%s</h2>", wg_record_kind_print_title (kind));
      if (table->rows->len == 0)
        {
          g_string_append (html, "<p class=\"empty\">无记录</p>\n");
          continue;
        }
      g_string_append (html, "<table><thead><tr>");
      for (guint c = 0; table->columns[c] != NULL; c++)
        g_string_append_printf (html, "<th>%s</th>", table->columns[c]);
      g_string_append (html, "</tr></thead><tbody>");
      for (guint r = 0; r < table->rows->len; r++)
        {
          char **cells = g_ptr_array_index (table->rows, r);

          g_string_append (html, "<tr>");
          for (guint c = 0; cells[c] != NULL; c++)
            {
              g_autofree char *cell = g_markup_escape_text (cells[c], -1);
              g_string_append_printf (html, "<td>%s</td>", cell);
            }
          g_string_append (html, "</tr>");
        }
      g_string_append (html, "</tbody></table>\n");
    }
  g_string_append (html, "</section>\n");
}

static void
write_households_html (GString    *html,
                       WgStore    *store,
                       WgGridNode *node,
                       guint      *n_people)
{
  GListModel *model = G_LIST_MODEL (node);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WgGridNode) child = g_list_model_get_item (model, i);

      if (wg_grid_node_is_household (child))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(WgRecordTable) members = wg_store_read_records (store, WG_RECORD_KIND_MEMBERS,
                                                                    wg_grid_node_get_id (child),
                                                                    &error);
          g_autofree char *path = wg_grid_node_dup_path (node);

          g_assert_no_error (error);
          for (guint m = 0; m < members->ids->len; m++)
            {
              write_person_html (html, store, g_array_index (members->ids, gint64, m), path);
              (*n_people)++;
            }
        }
      else
        write_households_html (html, store, child, n_people);
    }
}

static void
html_reference (const char *db,
                const char *dir)
{
  g_autofree char *html_path = g_build_filename (dir, "village.html", NULL);
  g_autofree char *pdf = g_build_filename (dir, "village-weasyprint.pdf", NULL);
  g_autofree char *weasyprint = g_find_program_in_path ("weasyprint");
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(WgGridTree) tree = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *info = NULL;
  const char *argv[] = { weasyprint, "-q", html_path, pdf, NULL };
  guint n_people = 0, pages = 0;
  struct rusage usage;
  GStatBuf st;
  GPid pid;
  int status;

  if (weasyprint == NULL)
    {
      printf ("  reference: install weasyprint to compare (build-aux/install-deps.sh)\n");
      return;
    }

  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  tree = wg_grid_tree_new (store, DAY, &error);
  g_assert_no_error (error);

  g_string_append (html,
                   "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>"
                   "@page { size: A4; margin: 19mm 15mm 18mm 22mm;"
                   "  @top-left { content: \"" VILLAGE "\"; font-size: 7pt; }"
                   "  @bottom-center { content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\"; font-size: 7pt; }"
                   "  @bottom-right { content: \"含个人信息 注意保密\"; font-size: 7pt; color: #b00; } }"
                   "body { font-family: 'Noto Sans CJK SC'; font-size: 9pt; }"
                   "section.person { page-break-before: always; }"
                   "h1 { font-size: 20pt; } h2 { font-size: 11pt; border-left: 3px solid #b00; padding-left: 5px; }"
                   "table { width: 100%; border-collapse: collapse; font-size: 8pt; }"
                   "thead { display: table-header-group; } th { background: #e8eaf0; text-align: left; }"
                   "td, th { padding: 3pt; border-bottom: 0.4pt solid #ccc; }"
                   "table.cover th { background: none; color: #666; width: 15%; }"
                   "</style></head><body>\n");
  write_households_html (html, store, wg_grid_tree_lookup (tree, VILLAGE), &n_people);
  g_string_append (html, "</body></html>\n");
  if (!g_file_set_contents (html_path, html->str, html->len, &error))
    g_error ("%s", error->message);

  timer = g_timer_new ();
  fflush (stdout);
  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("%s", error->message);
  wait4 (pid, &status, 0, &usage);
  g_spawn_close_pid (pid);

  {
    const char *pdfinfo[] = { "pdfinfo", pdf, NULL };

    if (g_spawn_sync (NULL, (char **) pdfinfo, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &info, NULL, NULL, NULL) && info != NULL)
      {
        const char *at = strstr (info, "Pages:");

        if (at != NULL)
          pages = strtoul (at + 6, NULL, 10);
      }
  }
  if (g_stat (pdf, &st) != 0 || pages == 0)
    {
      printf ("  reference: weasyprint failed\n");
      return;
    }
  printf ("  reference: the same village (%u people) as HTML through WeasyPrint:\n", n_people);
  printf ("  %-18s %u pages in %.1f s: %.1f pages/s, %.1f KB/page, peak memory %.1f MiB\n", "", pages,
          g_timer_elapsed (timer, NULL), pages / g_timer_elapsed (timer, NULL), st.st_size / 1024.0 / pages,
          usage.ru_maxrss / 1024.0);
  g_unlink (html_path);
  g_unlink (pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *pdf = NULL;
  WgDemoScale scale = WG_DEMO_SCALE_QUWO;

  if (argc == 6 && g_str_equal (argv[1], "--packet"))
    return run_packet (argv[2], argv[3], argv[4], argv[5]);
  if (argc > 1 && !wg_demo_scale_from_string (argv[1], &scale))
    {
      g_printerr ("usage: bench-dossier [quwo|small]\n");
      return 2;
    }

  self_path = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("wangge-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "county.db", NULL);
  pdf = g_build_filename (dir, "packet.pdf", NULL);

  {
    g_autoptr(WgStore) store = wg_store_open (db, WG_STORE_OPEN_FLAGS_CREATE, &error);

    if (store == NULL || !wg_demo_build (store, scale, 1, DAY, NULL, NULL, &error))
      g_error ("%s", error->message);
  }

  printf ("bench-dossier (%s scale; each packet in a process of its own; packets of 64 households or more\n"
          "  are read on two cores, drawn and written on one)\n",
          scale == WG_DEMO_SCALE_QUWO ? "quwo" : "small");
  spawn_packet (self_path, db, VILLAGE, "all", pdf);
  spawn_packet (self_path, db, VILLAGE, "watched", pdf);
  spawn_packet (self_path, db, TOWNSHIP, "all", pdf);
  /* The same, read on one core only. */
  g_setenv ("WANGGE_DOSSIER_ONE_CORE", "1", TRUE);
  printf ("  (read on one core:)\n");
  spawn_packet (self_path, db, TOWNSHIP, "all", pdf);
  g_unsetenv ("WANGGE_DOSSIER_ONE_CORE");
  spawn_packet (self_path, db, TOWNSHIP, "watched", pdf);
  html_reference (db, dir);

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
