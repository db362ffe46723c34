/* wg-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-alert-panel.h"
#include "wg-context.h"
#include "wg-grid-node.h"
#include "wg-grid-page.h"
#include "wg-print-view.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_WINDOW (wg_window_get_type ())

G_DECLARE_FINAL_TYPE (WgWindow, wg_window, WG, WINDOW, AdwApplicationWindow)

WgWindow   *wg_window_new           (AdwApplication *application,
                                     WgContext      *context,
                                     const GError   *open_error);
WgStore    *wg_window_get_store     (WgWindow       *self);
const char *wg_window_get_page      (WgWindow       *self);
void        wg_window_reload        (WgWindow       *self);
void        wg_window_select_node   (WgWindow       *self,
                                     WgGridNode     *node);
guint       wg_window_search        (WgWindow       *self,
                                     const char     *text);
void        wg_window_search_activate (WgWindow     *self);
void        wg_window_open_person   (WgWindow       *self,
                                     gint64          person_id);
GtkWidget  *wg_window_get_content   (WgWindow       *self);
WgGridTree *wg_window_get_tree      (WgWindow       *self);
WgGridPage *wg_window_get_grid_page (WgWindow       *self);
void        wg_window_add_toast     (WgWindow       *self,
                                     const char     *title);
WgGridNode  *wg_window_get_selected_node (WgWindow   *self);
void         wg_window_rebuild         (WgWindow     *self,
                                        const char   *grid_code,
                                        gint64        household_id);
WgAlertPanel *wg_window_get_alert_panel (WgWindow     *self);
WgSensorFeed *wg_window_get_feed       (WgWindow     *self);
WgPrintView *wg_window_open_dossier (WgWindow       *self,
                                     const char     *code,
                                     WgPrintThen     then);

G_END_DECLS
