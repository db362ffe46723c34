/* wg-orders-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_ORDERS_WINDOW (wg_orders_window_get_type ())

G_DECLARE_FINAL_TYPE (WgOrdersWindow, wg_orders_window, WG, ORDERS_WINDOW, AdwWindow)

WgOrdersWindow *wg_orders_window_new             (WgStore        *store,
                                                  const char     *grid_code,
                                                  const char     *grid_name);
void            wg_orders_window_reload          (WgOrdersWindow *self);

/* For the tests. */
guint           wg_orders_window_get_n_rows      (WgOrdersWindow *self);
guint           wg_orders_window_get_n_overdue   (WgOrdersWindow *self);
GtkWidget      *wg_orders_window_get_step_button (WgOrdersWindow *self,
                                                  gint64          id);
GtkWidget      *wg_orders_window_get_dialog      (WgOrdersWindow *self);

G_END_DECLS
