/* wg-test-qr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading printed QR codes back, as the tests need it: pdftoppm rasterises,
 * ImageMagick cuts each label out, zbarimg decodes.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "wg-test-qr.h"

int
wg_test_run (char       **out,
             char       **err,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) first);
  va_start (ap, first);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

char *
wg_test_tmp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

const WgTestCells wg_test_sheet_cells = { 3, 8, 4.5, 70, 36 };
const WgTestCells wg_test_card_cells = { 2, 2, 0, 105, 148.5 };
const WgTestCells wg_test_a4_page = { 1, 1, 0, 210, 297 };
const WgTestCells wg_test_a3_page = { 1, 1, 0, 297, 420 };

/* Every QR code on every page of @pdf, decoded; one entry per symbol. */
GPtrArray *
wg_test_decode_pdf (const char        *pdf,
                    guint              dpi,
                    const WgTestCells *cells)
{
  g_autofree char *prefix = wg_test_tmp_path ("page");
  g_autofree char *dpi_text = g_strdup_printf ("%u", dpi);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  char *out = NULL, *err = NULL;

  g_assert_cmpint (wg_test_run (&out, &err, "pdftoppm", "-r", dpi_text, "-gray", "-png", pdf, prefix, NULL),
                   ==, 0);
  g_free (out);
  g_free (err);

  dir = g_dir_open (g_get_user_data_dir (), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png"))
      g_ptr_array_add (pages, g_build_filename (g_get_user_data_dir (), name, NULL));
  g_assert_cmpuint (pages->len, >, 0);

  for (guint p = 0; p < pages->len; p++)
    {
      const char *png = g_ptr_array_index (pages, p);

      for (guint cell = 0; cell < cells->columns * cells->rows; cell++)
        {
          double px = dpi / 25.4;
          g_autofree char *geometry = g_strdup_printf (
            "%ux%u+%u+%u", (guint) (cells->width * px), (guint) (cells->height * px),
            (guint) ((cell % cells->columns) * cells->width * px),
            (guint) ((cells->top + (cell / cells->columns) * cells->height) * px));
          g_autofree char *cut = wg_test_tmp_path ("cell.png");
          g_auto(GStrv) lines = NULL;

          g_assert_cmpint (wg_test_run (&out, &err, "convert", png, "-crop", geometry, "+repage", cut, NULL),
                           ==, 0);
          g_free (out);
          g_free (err);
          /* zbarimg exits 4 when a cell holds no code (the end of the last page). */
          wg_test_run (&out, &err, "zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", cut, NULL);
          lines = g_strsplit (g_strchomp (out), "\n", -1);
          for (guint i = 0; lines[i] != NULL; i++)
            if (lines[i][0] != '\0')
              g_ptr_array_add (found, g_strdup (lines[i]));
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          g_unlink (cut);
        }
      g_unlink (png);
    }
  return found;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The two lists hold the same strings, each as often. */
void
wg_test_assert_same_set (GPtrArray *decoded,
                         GPtrArray *expected)
{
  g_ptr_array_sort (decoded, compare_strings);
  g_ptr_array_sort (expected, compare_strings);
  g_assert_cmpuint (decoded->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (decoded, i), ==, g_ptr_array_index (expected, i));
}

