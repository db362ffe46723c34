/* wg-store-patrols.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

/* 两圈一碰头: two patrols and one meeting, per grid and day. */
typedef enum
{
  WG_PATROL_MORNING = 1,
  WG_PATROL_AFTERNOON,
  WG_PATROL_MEETING,           /* the evening meeting, which reports up */
} WgPatrolKind;

typedef struct
{
  const char *grid_code;
  const char *day;
  WgPatrolKind kind;
  const char *at;              /* when, "YYYY-MM-DD HH:MM:SS" */
  const char *done_by;         /* who patrolled, or who attended the meeting */
  guint new_returnees;         /* found on the patrol */
  guint gatherings;            /* unreported gatherings found */
  const char *problems;        /* (nullable) */
  const char *reported_up;     /* (nullable) the meeting's report */
} WgPatrolReport;

typedef struct
{
  gint64 id;
  char *grid_code;
  char *grid_name;
  char *day;
  WgPatrolKind kind;
  char *at;
  char *done_by;
  guint new_returnees;
  guint gatherings;
  char *problems;
  char *reported_up;
} WgPatrolInfo;

/* A grid that has not reported the day: for a micro-grid itself, for a
 * grid above it how many of its micro-grids are missing. */
typedef struct
{
  char *code;
  char *name;
  int level;
  guint micro_grids;
  guint missing;
} WgMissingReport;

const char *wg_patrol_kind_to_string   (WgPatrolKind   kind);
gboolean    wg_patrol_kind_from_string (const char    *text,
                                        WgPatrolKind  *kind);
const char *wg_patrol_kind_describe    (WgPatrolKind   kind);

void        wg_patrol_info_free        (WgPatrolInfo    *info);
void        wg_missing_report_free     (WgMissingReport *missing);

gboolean    wg_store_add_patrol_report (WgStore              *store,
                                        const WgPatrolReport *report,
                                        gint64               *id,
                                        GError              **error);
GPtrArray  *wg_store_list_patrols      (WgStore              *store,
                                        const char           *grid_code,
                                        const char           *day,
                                        GError              **error);
GPtrArray  *wg_store_list_missing_reports (WgStore           *store,
                                           const char        *grid_code,
                                           const char        *day,
                                           GError           **error);

G_END_DECLS
