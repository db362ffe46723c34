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

/* Whether a session has a notification service is the session's business:
 * GLib warns when it has none (Xvfb, CI), and the test must pass either way.
 * GIO's warnings get a handler of their own that drops that one message
 * (GLib's test handler would print "Bail out!", which fails the test), and
 * the test's fatal handler lets it pass; every other warning is printed and
 * stays fatal. Call it after g_test_init (), and add the test cases with
 * wg_test_add_ui_func (). */
static inline gboolean
wg_test_is_no_notification_service (const char *log_domain,
                                    const char *message)
{
  return g_strcmp0 (log_domain, "GLib-GIO") == 0 && message != NULL &&
         g_str_has_prefix (message, "unable to send notifications through org.freedesktop.Notifications");
}

static inline void
wg_test_gio_warning_cb (const char     *log_domain,
                        GLogLevelFlags  log_level,
                        const char     *message,
                        gpointer        data)
{
  if (!wg_test_is_no_notification_service (log_domain, message))
    g_log_default_handler (log_domain, log_level, message, data);
}

static inline gboolean
wg_test_fatal_log_cb (const char     *log_domain,
                      GLogLevelFlags  log_level,
                      const char     *message,
                      gpointer        data)
{
  return !wg_test_is_no_notification_service (log_domain, message);
}

static inline void
wg_test_allow_no_notification_service (void)
{
  g_log_set_handler ("GLib-GIO", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, wg_test_gio_warning_cb, NULL);
}

/* GLib resets the fatal handler before each test case: a ui test case sets
 * it again first thing. */
static inline void
wg_test_run_ui_case (gconstpointer data)
{
  g_test_log_set_fatal_handler (wg_test_fatal_log_cb, NULL);
  ((GTestFunc) data) ();
}

#define wg_test_add_ui_func(path, func) \
  g_test_add_data_func ((path), (gconstpointer) (func), wg_test_run_ui_case)
