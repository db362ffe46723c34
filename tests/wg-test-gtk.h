/* wg-test-gtk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the ui tests.
 */

#pragma once

#include <gtk/gtk.h>

/* The first visible toplevel window of @type, or NULL. */
static inline GtkWindow *
wg_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* Points the user's own XDG folders into @dir, before GTK starts. The ui
 * tests do not use G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and
 * with them the MIME database GTK needs to load its SVG icons. */
static inline void
wg_test_isolate_user_dirs (const char *dir)
{
  static const char *const vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                      "XDG_STATE_HOME" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *sub = g_build_filename (dir, vars[i], NULL);
      g_setenv (vars[i], sub, TRUE);
    }
}
