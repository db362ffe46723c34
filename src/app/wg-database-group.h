/* wg-database-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_DATABASE_GROUP (wg_database_group_get_type ())

G_DECLARE_FINAL_TYPE (WgDatabaseGroup, wg_database_group, WG, DATABASE_GROUP, AdwPreferencesGroup)

void        wg_database_group_set_settings    (WgDatabaseGroup *self,
                                               GSettings       *settings,
                                               WgStore         *in_use);
const char *wg_database_group_get_test_result (WgDatabaseGroup *self);
gboolean    wg_database_group_get_testing     (WgDatabaseGroup *self);
char       *wg_database_server_location       (GSettings       *settings,
                                               const char      *password);

G_END_DECLS
