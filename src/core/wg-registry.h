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

gboolean wg_store_add_grid        (WgStore              *store,
                                   const char           *parent_code,
                                   const char           *code,
                                   const char           *name,
                                   gint64               *id,
                                   GError              **error);
gboolean wg_store_add_household   (WgStore              *store,
                                   const char           *grid_code,
                                   const char           *code,
                                   const char           *address,
                                   gint64               *id,
                                   GError              **error);
gboolean wg_store_add_person      (WgStore              *store,
                                   const WgPersonFields *fields,
                                   gint64               *id,
                                   GError              **error);
gboolean wg_store_delete_person    (WgStore              *store,
                                   gint64                person_id,
                                   GError              **error);
gboolean wg_store_add_temperature (WgStore              *store,
                                   gint64                person_id,
                                   const char           *measured_at,
                                   int                   tenths,
                                   GError              **error);
gboolean wg_store_add_quarantine  (WgStore              *store,
                                   gint64                person_id,
                                   int                   kind,
                                   const char           *start_day,
                                   const char           *end_day,
                                   GError              **error);
typedef struct
{
  gint64 id;
  char *at;
  char *operator_name;
  char *action;
  char *entity;
  gint64 entity_id;
  char *detail;
} WgAuditEntry;

void       wg_audit_entry_free     (WgAuditEntry         *entry);
GPtrArray *wg_store_list_audit     (WgStore              *store,
                                    const char           *entity,
                                    gint64                entity_id,
                                    GError              **error);
typedef struct
{
  int role; /* WgStaffRole */
  char *name;
  char *phone;
  gint64 id;
} WgStaffEntry;

void        wg_staff_entry_free      (WgStaffEntry         *entry);
const char *wg_staff_role_describe   (int                   role);
GPtrArray  *wg_store_list_grid_staff (WgStore              *store,
                                      gint64                grid_id,
                                      GError              **error);
GPtrArray  *wg_store_list_household_staff (WgStore          *store,
                                           gint64            household_id,
                                           GError          **error);
char       *wg_store_dup_household_sensor (WgStore          *store,
                                           gint64            household_id,
                                           GError          **error);
gint64   wg_store_count_rows      (WgStore              *store,
                                   const char           *table);

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

gboolean   wg_temperature_parse           (const char  *text,
                                           int         *tenths,
                                           GError     **error);
void       wg_round_entry_free            (WgRoundEntry *entry);
GPtrArray *wg_store_list_round            (WgStore     *store,
                                           const char  *grid_code,
                                           const char  *today,
                                           GError     **error);
gboolean   wg_store_set_round_away        (WgStore     *store,
                                           gint64       person_id,
                                           const char  *today,
                                           WgRound      round,
                                           GError     **error);
gboolean   wg_store_set_round_temperature (WgStore     *store,
                                           gint64       person_id,
                                           const char  *today,
                                           WgRound      round,
                                           int          tenths,
                                           GError     **error);

G_END_DECLS
