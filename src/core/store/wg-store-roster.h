/* wg-store-roster.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_N_SHIFTS 3   /* 1 08:00–16:00, 2 16:00–24:00, 3 00:00–08:00 */

typedef enum
{
  WG_DUTY_LEADER = 1,          /* the county leader leading (县领导带班) */
  WG_DUTY_UNIT_LEADER,         /* a unit leader on duty in a community */
  WG_DUTY_ON_DUTY,
} WgDutyRole;

typedef struct
{
  gint64 id;
  char *name;
  guint min_staff;
} WgCheckpointInfo;

typedef struct
{
  gint64 id;
  char *day;
  guint shift;
  gint64 checkpoint_id;        /* 0 for a community */
  char *place;                 /* the checkpoint's or the community's name */
  gint64 staff_id;
  char *staff;
  char *phone;
  WgDutyRole role;
} WgDutyInfo;

/* A checkpoint's shift below its minimum. */
typedef struct
{
  char *day;
  guint shift;
  char *checkpoint;
  guint booked;
  guint min_staff;
} WgRosterWarning;

const char *wg_shift_describe          (guint        shift);
const char *wg_duty_role_describe      (WgDutyRole   role);
gboolean    wg_duty_role_from_string   (const char  *text,
                                        WgDutyRole  *role);
gboolean    wg_iso_week_first_day      (const char  *week,
                                        char       **monday);

void        wg_checkpoint_info_free    (WgCheckpointInfo *info);
void        wg_duty_info_free          (WgDutyInfo       *info);
void        wg_roster_warning_free     (WgRosterWarning  *warning);

GPtrArray  *wg_store_list_checkpoints  (WgStore     *store,
                                        GError     **error);
gboolean    wg_store_book_duty         (WgStore     *store,
                                        const char  *day,
                                        guint        shift,
                                        const char  *checkpoint,
                                        const char  *community_code,
                                        gint64       staff_id,
                                        WgDutyRole   role,
                                        gint64      *id,
                                        GError     **error);
gboolean    wg_store_remove_duty       (WgStore     *store,
                                        gint64       id,
                                        GError     **error);
GPtrArray  *wg_store_list_duties       (WgStore     *store,
                                        const char  *from_day,
                                        guint        n_days,
                                        GError     **error);
GPtrArray  *wg_store_list_roster_warnings (WgStore  *store,
                                           const char *from_day,
                                           guint     n_days,
                                           GError  **error);
GPtrArray  *wg_store_build_roster_table (WgStore    *store,
                                         const char *monday,
                                         GError    **error);
GPtrArray  *wg_store_list_duty_staff   (WgStore     *store,
                                        GError     **error);
GPtrArray  *wg_store_list_on_duty_now  (WgStore     *store,
                                        const char  *now,
                                        GError     **error);

G_END_DECLS
