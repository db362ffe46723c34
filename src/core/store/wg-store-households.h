/* wg-store-households.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

gboolean  wg_store_add_household        (WgStore     *store,
                                         const char  *grid_code,
                                         const char  *code,
                                         const char  *address,
                                         gint64      *id,
                                         GError     **error);
char     *wg_store_dup_household_sensor (WgStore     *store,
                                         gint64       household_id,
                                         GError     **error);

gboolean wg_store_update_household (WgStore     *store,
                                    gint64       household_id,
                                    const char  *address,
                                    GError     **error);
gint64   wg_store_get_household_version (WgStore *store,
                                         gint64   household_id);
gboolean wg_store_update_household_seen (WgStore     *store,
                                         gint64       household_id,
                                         gint64       version,
                                         const char  *address,
                                         GError     **error);
gboolean wg_store_move_household   (WgStore     *store,
                                    gint64       household_id,
                                    const char  *micro_grid_code,
                                    GError     **error);
gboolean wg_store_delete_household (WgStore     *store,
                                    gint64       household_id,
                                    GError     **error);

char *wg_store_dup_household_address (WgStore *self,
                                      gint64   household_id);

G_END_DECLS
