/* wg-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WG_TYPE_APPLICATION (wg_application_get_type ())

G_DECLARE_FINAL_TYPE (WgApplication, wg_application, WG, APPLICATION, AdwApplication)

void           wg_application_ensure_resources  (void);
WgApplication *wg_application_new               (GApplicationFlags  flags);
GSettings     *wg_application_get_settings      (WgApplication     *self);
const char    *wg_application_get_database_path (WgApplication     *self);
void           wg_application_set_database_path (WgApplication     *self,
                                                 const char        *path);
void           wg_application_set_broker_url    (WgApplication     *self,
                                                 const char        *url);

G_END_DECLS
