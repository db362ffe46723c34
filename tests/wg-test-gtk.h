/* wg-test-gtk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the ui tests.
 */

#pragma once

#include <gtk/gtk.h>
#include <stdarg.h>

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

/* The pointer, moved for real: xdotool on the test's own X server. */
static inline void
wg_test_xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status;
  va_list ap;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Moves the pointer onto the middle of @widget (no window manager: the
 * window's surface is at the screen's origin). */
static inline void
wg_test_point_at (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                 gtk_widget_get_height (widget) / 2.0);
  graphene_point_t at;
  double dx, dy;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &at));
  gtk_native_get_surface_transform (native, &dx, &dy);
  x = g_strdup_printf ("%d", (int) (at.x + dx));
  y = g_strdup_printf ("%d", (int) (at.y + dy));
  wg_test_xdotool ("mousemove", "--sync", x, y, NULL);
}

