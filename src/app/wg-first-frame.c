/* wg-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Work the first frame does not need — counting the county, the keyring,
 * the broker — waits until the window has painted its first frame, so that
 * the window is on screen as fast as GTK allows (bench/bench-startup).
 * After that first frame, the work runs at once.
 */

#define G_LOG_DOMAIN "wg-first-frame"

#include "config.h"

#include "wg-first-frame.h"

#define DONE_KEY "wg-first-frame-done"
#define PENDING_KEY "wg-first-frame-pending"

typedef struct
{
  GWeakRef widget;
  WgFirstFrameFunc func;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_weak_ref_clear (&pending->widget);
  g_free (pending);
}

static gboolean
tick_cb (GtkWidget     *root,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  g_autoptr(GPtrArray) pending = NULL;
  guint ticks = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (root), "wg-first-frame-ticks")) + 1;

  /* The second tick comes after the first frame was painted. */
  g_object_set_data (G_OBJECT (root), "wg-first-frame-ticks", GUINT_TO_POINTER (ticks));
  if (ticks < 2)
    return G_SOURCE_CONTINUE;

  g_object_set_data (G_OBJECT (root), DONE_KEY, GINT_TO_POINTER (TRUE));
  pending = g_object_steal_data (G_OBJECT (root), PENDING_KEY);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);
      g_autoptr(GtkWidget) widget = g_weak_ref_get (&p->widget);

      if (widget != NULL)
        p->func (widget);
    }
  return G_SOURCE_REMOVE;
}

/**
 * wg_after_first_frame:
 * @widget: a widget in a window
 * @func: what to run with @widget once its window has painted a frame
 *
 * Runs @func now when the window already has, or when @widget is in no
 * window; else after that window's first frame (not at all if @widget is
 * gone by then).
 */
void
wg_after_first_frame (GtkWidget        *widget,
                      WgFirstFrameFunc  func)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GPtrArray *pending;
  Pending *p;

  if (root == NULL || g_object_get_data (G_OBJECT (root), DONE_KEY) != NULL)
    {
      func (widget);
      return;
    }
  pending = g_object_get_data (G_OBJECT (root), PENDING_KEY);
  if (pending == NULL)
    {
      pending = g_ptr_array_new_with_free_func (pending_free);
      g_object_set_data_full (G_OBJECT (root), PENDING_KEY, pending, (GDestroyNotify) g_ptr_array_unref);
      gtk_widget_add_tick_callback (GTK_WIDGET (root), tick_cb, NULL, NULL);
    }
  p = g_new0 (Pending, 1);
  g_weak_ref_init (&p->widget, widget);
  p->func = func;
  g_ptr_array_add (pending, p);
}
