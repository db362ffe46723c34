/* wg-store-grids.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

gboolean wg_store_add_grid (WgStore     *store,
                            const char  *parent_code,
                            const char  *code,
                            const char  *name,
                            gint64      *id,
                            GError     **error);
typedef struct
{
  int role; /* WgStaffRole */
  char *name;
  char *phone;
  gint64 id;
} WgStaffEntry;

void        wg_staff_entry_free           (WgStaffEntry  *entry);
const char *wg_staff_role_describe        (int            role);
GPtrArray  *wg_store_list_grid_staff      (WgStore       *store,
                                           gint64         grid_id,
                                           GError       **error);
GPtrArray  *wg_store_list_household_staff (WgStore       *store,
                                           gint64         household_id,
                                           GError       **error);

gboolean wg_store_rename_grid (WgStore     *store,
                               const char  *code,
                               const char  *name,
                               GError     **error);
gboolean wg_store_delete_grid (WgStore     *store,
                               const char  *code,
                               GError     **error);

char *wg_store_dup_grid_name (WgStore     *self,
                              const char  *code,
                              guint       *level,
                              GError     **error);

gboolean wg_store_rename_grid_seen (WgStore     *store,
                                    const char  *code,
                                    const char  *seen,
                                    const char  *name,
                                    GError     **error);

G_END_DECLS
