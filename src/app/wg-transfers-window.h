/* wg-transfers-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_TRANSFERS_WINDOW (wg_transfers_window_get_type ())

G_DECLARE_FINAL_TYPE (WgTransfersWindow, wg_transfers_window, WG, TRANSFERS_WINDOW, AdwWindow)

WgTransfersWindow *wg_transfers_window_new        (WgStore           *store);
void               wg_transfers_window_reload     (WgTransfersWindow *self);
void               wg_transfers_window_set_day    (WgTransfersWindow *self,
                                                   const char        *day);

/* For the tests. */
guint              wg_transfers_window_get_n_rows (WgTransfersWindow *self);
GtkWidget         *wg_transfers_window_get_dialog (WgTransfersWindow *self);

G_END_DECLS
