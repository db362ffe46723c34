/* wg-records.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

/* The tables of one person's file (一人一档), and a household's members. */
typedef enum
{
  WG_RECORD_HEALTH_CODE,
  WG_RECORD_ITINERARY,
  WG_RECORD_VACCINATION,
  WG_RECORD_NAT_TEST,
  WG_RECORD_TEMPERATURE,
  WG_RECORD_QUARANTINE,
  WG_RECORD_ATTACHMENT,
  WG_RECORD_HISTORY,
  WG_RECORD_MEMBERS, /* of a household */
  WG_RECORD_N_KINDS,
} WgRecordKind;

typedef struct
{
  WgRecordKind kind;
  GStrv columns;   /* titles, translated */
  GPtrArray *rows; /* of GStrv, each as many cells as columns, ready to show */
  GArray *ids;     /* of gint64: the row's record (for members: the person) */
  GArray *alerts;  /* of guint32: bit c set when cell c must stand out (fever, positive…) */
} WgRecordTable;

typedef struct
{
  gint64 id;
  char *id_number;
  char *name;
  int sex;
  char *birth_date;
  char *phone;
  char *relation;
  int residency;
  char *away_place;
  char *returned_on;
  gboolean monitoring;
  gint64 household_id;
  char *household_code;
  char *address;
  char *grid_code;
} WgPersonInfo;

void           wg_record_table_free      (WgRecordTable *table);
const char    *wg_record_kind_describe   (WgRecordKind   kind);
WgRecordTable *wg_store_read_records     (WgStore       *store,
                                          WgRecordKind   kind,
                                          gint64         owner_id,
                                          GError       **error);
WgRecordTable *wg_store_read_printed_records (WgStore     *store,
                                              WgRecordKind kind,
                                              gint64       owner_id,
                                              GError     **error);
const char    *wg_record_kind_print_title (WgRecordKind kind);
void           wg_person_info_free       (WgPersonInfo  *info);
WgPersonInfo  *wg_store_read_person      (WgStore       *store,
                                          gint64         person_id,
                                          GError       **error);
const char    *wg_residency_describe     (int            residency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgRecordTable, wg_record_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgPersonInfo, wg_person_info_free)

G_END_DECLS
