/* wg-registry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id_number;
  const char *name;
  const char *phone;     /* nullable */
  const char *relation;  /* nullable */
  gint64 household_id;   /* 0: none */
} WgPersonFields;

gboolean wg_store_add_person     (WgStore               *store,
                                  const WgPersonFields  *fields,
                                  gint64                *id,
                                  GError               **error);
gboolean wg_store_delete_person  (WgStore               *store,
                                  gint64                 person_id,
                                  GError               **error);
gboolean wg_store_add_quarantine (WgStore               *store,
                                  gint64                 person_id,
                                  int                    kind,
                                  const char            *start_day,
                                  const char            *end_day,
                                  GError               **error);

gboolean wg_store_update_person          (WgStore     *store,
                                          gint64       person_id,
                                          const char  *name,
                                          const char  *phone,
                                          const char  *relation,
                                          GError     **error);
GStrv    wg_store_list_quarantine_sites  (WgStore     *store,
                                          GError     **error);
gboolean wg_store_add_central_quarantine (WgStore     *store,
                                          gint64       person_id,
                                          const char  *site,
                                          const char  *room,
                                          const char  *start_day,
                                          const char  *end_day,
                                          GError     **error);

gint64 wg_store_find_person (WgStore     *self,
                             const char  *id_number,
                             GError     **error);

gboolean wg_store_update_person_seen (WgStore     *store,
                                      gint64       person_id,
                                      gint64       version,
                                      const char  *name,
                                      const char  *phone,
                                      const char  *relation,
                                      GError     **error);

G_END_DECLS
