/* wg-alert-panel-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests look at in the alert panel.
 */

#pragma once

#include "wg-alert-panel.h"

G_BEGIN_DECLS

GtkWidget *wg_alert_panel_get_row           (WgAlertPanel       *self,
                                             guint               index,
                                             const WgAlertInfo **alert);
gboolean   wg_alert_panel_get_held          (WgAlertPanel       *self);
GtkWidget *wg_alert_panel_get_dialog        (WgAlertPanel       *self);
guint      wg_alert_panel_get_n_rows_filled (WgAlertPanel       *self);

G_END_DECLS
