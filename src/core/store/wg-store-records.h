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
  WG_RECORD_KIND_HEALTH_CODE,
  WG_RECORD_KIND_ITINERARY,
  WG_RECORD_KIND_VACCINATION,
  WG_RECORD_KIND_NAT_TEST,
  WG_RECORD_KIND_TEMPERATURE,
  WG_RECORD_KIND_QUARANTINE,
  WG_RECORD_KIND_ATTACHMENT,
  WG_RECORD_KIND_HISTORY,
  WG_RECORD_KIND_MEMBERS, /* of a household */
  WG_RECORD_KIND_ROOM_STAY,
  WG_RECORD_KIND_TRANSFER,
  WG_RECORD_KIND_HELP_ORDER,     /* of a household */
  WG_RECORD_KIND_DISINFECTION,   /* of a household */
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
  gint64 version;        /* the row's version when read: a save names it */
} WgPersonInfo;

void           wg_record_table_free          (WgRecordTable  *table);
const char    *wg_record_kind_describe       (WgRecordKind    kind);
WgRecordTable *wg_store_read_records         (WgStore        *store,
                                              WgRecordKind    kind,
                                              gint64          owner_id,
                                              GError        **error);
WgRecordTable *wg_store_read_printed_records (WgStore        *store,
                                              WgRecordKind    kind,
                                              gint64          owner_id,
                                              GError        **error);
const char    *wg_record_kind_print_title    (WgRecordKind    kind);
void           wg_person_info_free           (WgPersonInfo   *info);
WgPersonInfo  *wg_store_read_person          (WgStore        *store,
                                              gint64          person_id,
                                              GError        **error);
const char    *wg_residency_describe         (int             residency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgRecordTable, wg_record_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgPersonInfo, wg_person_info_free)

gboolean wg_store_add_temperature (WgStore     *store,
                                   gint64       person_id,
                                   const char  *measured_at,
                                   int          tenths,
                                   GError     **error);
/* One person on a temperature round, with what was measured today. */
typedef struct
{
  gint64 person_id;
  char *name;
  char *address;
  char *why;           /* home quarantine, central quarantine or health monitoring */
  int morning_tenths;  /* 0: not measured yet */
  int afternoon_tenths;
  gboolean morning_away;   /* marked "not measured: away from home" */
  gboolean afternoon_away;
} WgRoundEntry;

typedef enum
{
  WG_ROUND_MORNING,
  WG_ROUND_AFTERNOON,
} WgRound;

gboolean   wg_temperature_parse           (const char    *text,
                                           int           *tenths,
                                           GError       **error);
void       wg_round_entry_free            (WgRoundEntry  *entry);
GPtrArray *wg_store_list_round            (WgStore       *store,
                                           const char    *grid_code,
                                           const char    *today,
                                           GError       **error);
gboolean   wg_store_set_round_away        (WgStore       *store,
                                           gint64         person_id,
                                           const char    *today,
                                           WgRound        round,
                                           GError       **error);
gboolean   wg_store_set_round_temperature (WgStore       *store,
                                           gint64         person_id,
                                           const char    *today,
                                           WgRound        round,
                                           int            tenths,
                                           GError       **error);

gboolean wg_store_add_nat_test    (WgStore       *store,
                                   gint64         person_id,
                                   const char    *sampled_at,
                                   const char    *institution,
                                   gboolean       pooled,
                                   WgNatResult    result,
                                   GError       **error);
/* A line of a sampling round: an ID number and its result. */
typedef struct
{
  const char *id_number;
  WgNatResult result;
  guint line;                 /* where it was, to name it */
} WgSample;

gboolean wg_store_record_sampling (WgStore       *store,
                                   const char    *sampled_at,
                                   const char    *institution,
                                   gboolean       pooled,
                                   GPtrArray     *samples,
                                   GArray       **positives,
                                   GError       **error);
gboolean wg_store_add_vaccination (WgStore       *store,
                                   gint64         person_id,
                                   int            dose,
                                   const char    *given_on,
                                   const char    *product,
                                   const char    *batch,
                                   const char    *site,
                                   GError       **error);
gboolean wg_store_add_health_code (WgStore       *store,
                                   gint64         person_id,
                                   const char    *day,
                                   WgHealthCode   colour,
                                   GError       **error);
gboolean wg_store_add_itinerary   (WgStore       *store,
                                   gint64         person_id,
                                   const char    *place,
                                   const char    *arrived_on,
                                   const char    *left_on,
                                   int            risk,
                                   GError       **error);

G_END_DECLS
