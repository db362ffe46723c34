/* wg-household-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wg-grid-node.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_HOUSEHOLD_PAGE (wg_household_page_get_type ())

G_DECLARE_FINAL_TYPE (WgHouseholdPage, wg_household_page, WG, HOUSEHOLD_PAGE, GtkWidget)

gboolean    wg_household_page_show       (WgHouseholdPage  *self,
                                          WgStore          *store,
                                          WgGridNode       *household,
                                          GError          **error);
WgGridNode *wg_household_page_get_node   (WgHouseholdPage  *self);
guint       wg_household_page_get_n_members (WgHouseholdPage *self);
void        wg_household_page_delete_member (WgHouseholdPage *self,
                                             guint             index);
GtkWidget  *wg_household_page_get_add_dialog (WgHouseholdPage *self);
void        wg_household_page_open_member (WgHouseholdPage *self,
                                           guint             index);

G_END_DECLS
