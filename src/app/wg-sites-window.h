/* wg-sites-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_SITES_WINDOW (wg_sites_window_get_type ())

G_DECLARE_FINAL_TYPE (WgSitesWindow, wg_sites_window, WG, SITES_WINDOW, AdwWindow)

WgSitesWindow *wg_sites_window_new         (WgStore       *store);
void           wg_sites_window_reload      (WgSitesWindow *self);
void           wg_sites_window_set_day     (WgSitesWindow *self,
                                            const char    *day);
gboolean       wg_sites_window_show_site   (WgSitesWindow *self,
                                            gint64         site_id);
GtkWidget     *wg_sites_window_get_dialog  (WgSitesWindow *self);
const char    *wg_sites_window_get_summary (WgSitesWindow *self);

G_END_DECLS
