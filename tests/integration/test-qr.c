/* test-qr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Labels and posters as a grid worker meets them: printed to PDF by
 * wangge-cli, rasterised with pdftoppm, every QR code decoded back with
 * zbarimg and compared with what the database says it must carry.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "wg-document.h"
#include "wg-label-sheet.h"
#include "wg-poster-set.h"
#include "wg-store-grids.h"

#include "../wg-test-db.h"
#include "../wg-test-qr.h"
#include "../wg-test-util.h"

#define DAY "2026-11-29"
#define VILLAGE "141021100200"
#define TOWNSHIP "141021100"

static char *fixture_dir;
static char *db_path;

/* A county of the test's own, the same as the fixture's: a copy in a file,
 * or in a database of its own on the county server. */
static char *
own_county (const char *name)
{
  g_autofree char *here = wg_test_tmp_path (name);

  return wg_test_clone (db_path, g_get_user_data_dir (), name);
}

static GPtrArray *
expected_labels (const char *grid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_autoptr(WgLabelSheet) sheet = NULL;
  GPtrArray *payloads = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  sheet = wg_label_sheet_new (store, grid, WG_LABEL_LAYOUT_SHEET, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < wg_label_sheet_get_n_labels (sheet); i++)
    g_ptr_array_add (payloads, g_strdup (wg_label_sheet_get_payload (sheet, i)));
  return payloads;
}

static void
check_labels (const char  *layout,
              const WgTestCells *cells)
{
  g_autofree char *pdf = wg_test_tmp_path ("labels.pdf");
  g_autoptr(GPtrArray) expected = expected_labels (VILLAGE);
  g_autoptr(GPtrArray) decoded = NULL;
  char *out = NULL, *err = NULL;

  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db_path, "labels", "--grid",
                        VILLAGE, "--layout", layout, "-o", pdf, NULL), ==, 0);
  g_free (out);
  g_free (err);

  g_assert_cmpuint (expected->len, >, 24);
  decoded = wg_test_decode_pdf (pdf, cells == &wg_test_sheet_cells ? 150 : 100, cells);
  wg_test_assert_same_set (decoded, expected);

  /* No names or ID numbers on a label: the PDF's text has neither. */
  g_assert_cmpint (wg_test_run (&out, &err, "pdftotext", pdf, "-", NULL), ==, 0);
  g_assert_null (g_regex_match_simple ("[0-9]{17}[0-9X]", out, 0, 0) ? "an ID number" : NULL);
  g_assert_nonnull (strstr (out, "第一网格"));
  g_free (out);
  g_free (err);
}

static void
test_label_sheet (void)
{
  check_labels ("sheet", &wg_test_sheet_cells);
}

static void
test_label_cards (void)
{
  check_labels ("card", &wg_test_card_cells);
}

static void
test_posters (void)
{
  g_autofree char *pdf = wg_test_tmp_path ("posters.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_autoptr(WgPosterSet) posters = wg_poster_set_new (store, TOWNSHIP, 3, WG_PAPER_A4, DAY, &error);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) decoded = NULL;
  char *out = NULL, *err = NULL;
  guint n;

  g_assert_no_error (error);
  n = wg_document_get_n_pages (WG_DOCUMENT (posters));
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (expected, g_strdup (wg_poster_set_get_url (posters, i)));

  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db_path, "posters", "--grid",
                        TOWNSHIP, "--level", "3", "--date", DAY, "-o", pdf, NULL), ==, 0);
  g_free (out);
  g_free (err);

  decoded = wg_test_decode_pdf (pdf, 100, &wg_test_a4_page);
  wg_test_assert_same_set (decoded, expected);

  g_assert_cmpint (wg_test_run (&out, &err, "pdftotext", pdf, "-", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "返乡人员 扫码报备"));
  g_assert_nonnull (strstr (out, "如实填写"));
  g_assert_nonnull (strstr (out, "2026年11月29日"));
  g_free (out);
  g_free (err);
}

static void
test_poster_url_template (void)
{
  g_autofree char *db = own_county ("template");
  g_autofree char *pdf = wg_test_tmp_path ("a3.pdf");
  g_autofree char *copy = NULL;
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(WgStore) store = NULL;
  g_autofree char *village = NULL;
  char *out = NULL, *err = NULL;

  /* A copy, so the shared county keeps the default template. */
  g_free (out);
  g_free (err);
  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db, "settings",
                        "poster-url-template", "https://fk.example.cn/form/{grid_code}?名={grid_name}",
                        NULL), ==, 0);
  g_free (out);
  g_free (err);

  /* One village, on A3. */
  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db, "posters", "--grid",
                        VILLAGE, "--paper", "a3", "-o", pdf, NULL), ==, 0);
  g_free (out);
  g_free (err);
  decoded = wg_test_decode_pdf (pdf, 72, &wg_test_a3_page);
  g_assert_cmpuint (decoded->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (decoded, 0),
                                   "https://fk.example.cn/form/" VILLAGE "?名="));
  {
    const char *encoded = strstr (g_ptr_array_index (decoded, 0), "?名=") + strlen ("?名=");
    g_autofree char *name = g_uri_unescape_string (encoded, NULL);

    /* Only ASCII after the '=': the name went in percent-encoded. */
    g_assert_true (g_str_is_ascii (encoded));
    store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, NULL);
    village = wg_store_dup_grid_name (store, VILLAGE, NULL, NULL);
    g_assert_cmpstr (name, ==, village);
    g_assert_false (g_str_is_ascii (village));
  }

  g_assert_cmpint (wg_test_run (&out, &err, "pdfinfo", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "841.89 x 1190.55 pts (A3)"));
  g_free (out);
  g_free (err);
}

static void
test_verify_qr (void)
{
  g_autofree char *db = own_county ("verify");
  g_autoptr(GPtrArray) labels = expected_labels (VILLAGE);
  g_autofree char *label = g_strdup (g_ptr_array_index (labels, 0));
  g_autofree char *forged = g_strdup (label);
  char *out = NULL, *err = NULL;

  g_free (out);
  g_free (err);

  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db, "verify-qr", "--json",
                        label, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"status\": \"valid\""));
  g_free (out);
  g_free (err);

  forged[strlen (forged) - 1] = forged[strlen (forged) - 1] == 'A' ? 'B' : 'A';
  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db, "verify-qr", "--json",
                        forged, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "\"status\": \"forged\""));
  g_free (out);
  g_free (err);

  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db, "rotate-key", NULL), ==, 0);
  g_free (out);
  g_free (err);
  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db, "verify-qr", label, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (out, "outdated"));
  g_free (out);
  g_free (err);

  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db, "verify-qr", "你好", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (out, "not a Wangge household label"));
  g_free (out);
  g_free (err);
}

static void
test_unknown_grid (void)
{
  static const char *const verbs[] = { "labels", "posters" };
  g_autofree char *pdf = wg_test_tmp_path ("nothing.pdf");

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      char *out = NULL, *err = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GDir) dir = NULL;

      g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db_path, verbs[i],
                            "--grid", "999999", "-o", pdf, NULL), ==, 1);
      lines = g_strsplit (g_strchomp (err), "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, 1);
      g_assert_nonnull (strstr (lines[0], "999999"));
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      /* Nor a temporary file left behind. */
      dir = g_dir_open (g_get_user_data_dir (), 0, NULL);
      g_assert_null (g_dir_read_name (dir));
      g_free (out);
      g_free (err);
    }
}

int
main (int   argc,
      char *argv[])
{
  char *out = NULL, *err = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* One small county for every test, made with the CLI like a user would. */
  fixture_dir = wg_test_make_tmp_dir ();
  db_path = wg_test_database (fixture_dir, "fixture");
  g_assert_cmpint (wg_test_run (&out, &err, g_getenv ("WANGGE_CLI"), "--db", db_path, "demo", "--scale",
                        "small", "--seed", "8", "--date", DAY, NULL), ==, 0);
  g_free (out);
  g_free (err);

  g_test_add_func ("/wg/qr/label-sheet", test_label_sheet);
  g_test_add_func ("/wg/qr/label-cards", test_label_cards);
  g_test_add_func ("/wg/qr/posters", test_posters);
  g_test_add_func ("/wg/qr/poster-url-template", test_poster_url_template);
  g_test_add_func ("/wg/qr/verify-qr", test_verify_qr);
  g_test_add_func ("/wg/qr/unknown-grid", test_unknown_grid);

  status = g_test_run ();
  wg_test_remove_tree (fixture_dir);
  g_free (db_path);
  g_free (fixture_dir);
  return status;
}
