/* wg-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the test programs.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A private folder for fixtures made before g_test_run () (the isolated
 * dirs exist only inside a test). Removed by wg_test_remove_tree (). */
static inline char *
wg_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("wangge-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
wg_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        wg_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
