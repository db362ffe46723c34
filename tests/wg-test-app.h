/* wg-test-app.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application as the ui tests drive it: one WgApplication for a whole
 * run, as on a desktop; each test opens its database in a new main window
 * and closes every window again.
 */

#pragma once

#include "wg-application.h"
#include "wg-window.h"

/* Runs the main context for @ms, whether or not anything is pending. */
static inline void
wg_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* A main window on @database, drawn once. */
static inline WgWindow *
wg_test_open_window (WgApplication *app,
                     const char    *database)
{
  WgWindow *window;

  wg_application_set_database_path (app, database);
  g_application_activate (G_APPLICATION (app));
  window = WG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (WG_IS_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* Every window closed — and finalized: nothing leaks a reference. */
static inline void
wg_test_close_windows (WgApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    {
      GtkWindow *window = windows->data;

      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
      gtk_window_destroy (window);
      while (window != NULL)
        g_main_context_iteration (NULL, TRUE);
    }
}
