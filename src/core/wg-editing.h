/* wg-editing.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

gboolean wg_store_update_person          (WgStore      *store,
                                          gint64        person_id,
                                          const char   *name,
                                          const char   *phone,
                                          const char   *relation,
                                          GError      **error);
gboolean wg_store_add_nat_test           (WgStore      *store,
                                          gint64        person_id,
                                          const char   *sampled_at,
                                          const char   *institution,
                                          gboolean      pooled,
                                          WgNatResult   result,
                                          GError      **error);
gboolean wg_store_add_vaccination        (WgStore      *store,
                                          gint64        person_id,
                                          int           dose,
                                          const char   *given_on,
                                          const char   *product,
                                          const char   *batch,
                                          const char   *site,
                                          GError      **error);
gboolean wg_store_add_health_code        (WgStore      *store,
                                          gint64        person_id,
                                          const char   *day,
                                          WgHealthCode  colour,
                                          GError      **error);
gboolean wg_store_add_itinerary          (WgStore      *store,
                                          gint64        person_id,
                                          const char   *place,
                                          const char   *arrived_on,
                                          const char   *left_on,
                                          int           risk,
                                          GError      **error);
GStrv    wg_store_list_quarantine_sites  (WgStore      *store,
                                          GError      **error);
gboolean wg_store_add_central_quarantine (WgStore      *store,
                                          gint64        person_id,
                                          const char   *site,
                                          const char   *room,
                                          const char   *start_day,
                                          const char   *end_day,
                                          GError      **error);
gboolean wg_store_rename_grid            (WgStore      *store,
                                          const char   *code,
                                          const char   *name,
                                          GError      **error);
gboolean wg_store_delete_grid            (WgStore      *store,
                                          const char   *code,
                                          GError      **error);
gboolean wg_store_update_household       (WgStore      *store,
                                          gint64        household_id,
                                          const char   *address,
                                          GError      **error);
gboolean wg_store_move_household         (WgStore      *store,
                                          gint64        household_id,
                                          const char   *micro_grid_code,
                                          GError      **error);
gboolean wg_store_delete_household       (WgStore      *store,
                                          gint64        household_id,
                                          GError      **error);

G_END_DECLS
