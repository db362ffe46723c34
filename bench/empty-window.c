/* empty-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The yardstick for bench-startup: an empty libadwaita window, leaving as
 * soon as its first frame is painted — what GTK and libadwaita cost before
 * an application does anything.
 */

#include <adwaita.h>
#include <unistd.h>

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  static guint ticks;

  if (++ticks < 2)
    return G_SOURCE_CONTINUE;
  _exit (0);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), adw_header_bar_new ());
  gtk_widget_add_tick_callback (window, tick_cb, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.wangge.EmptyWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
