/* wg-person-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wg-store-records.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_PERSON_PAGE (wg_person_page_get_type ())

G_DECLARE_FINAL_TYPE (WgPersonPage, wg_person_page, WG, PERSON_PAGE, GtkWidget)

gboolean      wg_person_page_show          (WgPersonPage  *self,
                                            WgStore       *store,
                                            gint64         person_id,
                                            GError       **error);
gint64        wg_person_page_get_person_id (WgPersonPage  *self);
GtkWidget    *wg_person_page_get_dialog    (WgPersonPage  *self);
GtkWidget    *wg_person_page_get_chart     (WgPersonPage  *self);
GtkWidget    *wg_person_page_get_records   (WgPersonPage  *self,
                                            WgRecordKind   kind);
void          wg_person_page_attach_file   (WgPersonPage  *self,
                                            GFile         *file);

G_END_DECLS
