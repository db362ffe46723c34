/* wg-store-disinfection.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

/* A plan's slot not visited within the hour after it. */
typedef struct
{
  gint64 plan_id;
  gint64 household_id;          /* 0 for a room */
  gint64 room_id;               /* 0 for a home */
  char *place;                  /* the home's code and address, or the site and room */
  char *grid_code;              /* (nullable) the home's micro-grid */
  char *household_code;         /* (nullable) the home's code */
  char *due_at;
  gboolean served;              /* visited in time (only in a day's slots) */
} WgDisinfectionDue;

/* A visit recorded. */
typedef struct
{
  gint64 id;
  gint64 household_id;          /* 0 for a room */
  gint64 room_id;               /* 0 for a home */
  char *place;
  char *grid_code;              /* (nullable) */
  char *due_at;                 /* (nullable) the slot it served */
  char *visited_at;
  char *done_by;
  char *what;                   /* (nullable) */
} WgDisinfectionVisit;

void        wg_disinfection_due_free       (WgDisinfectionDue *due);
void        wg_disinfection_visit_free     (WgDisinfectionVisit *visit);

gboolean    wg_store_plan_disinfection     (WgStore     *store,
                                            const char  *household_code,
                                            gint64       room_id,
                                            guint        hour,
                                            guint        every_days,
                                            const char  *from_day,
                                            const char  *to_day,
                                            gint64      *id,
                                            GError     **error);
gboolean    wg_store_record_disinfection   (WgStore     *store,
                                            const char  *household_code,
                                            gint64       room_id,
                                            const char  *visited_at,
                                            const char  *done_by,
                                            const char  *what,
                                            gint64      *id,
                                            GError     **error);
gboolean    wg_store_record_disinfection_for_plan (WgStore     *store,
                                                   gint64       plan_id,
                                                   const char  *visited_at,
                                                   const char  *done_by,
                                                   const char  *what,
                                                   gint64      *id,
                                                   GError     **error);
GPtrArray  *wg_store_list_disinfection_overdue (WgStore     *store,
                                                const char  *grid_code,
                                                const char  *now,
                                                GError     **error);

GPtrArray  *wg_store_list_disinfection_slots  (WgStore     *store,
                                                const char  *grid_code,
                                                const char  *day,
                                                const char  *now,
                                                GError     **error);
GPtrArray  *wg_store_list_disinfection_visits (WgStore     *store,
                                                const char  *grid_code,
                                                const char  *day,
                                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgDisinfectionDue, wg_disinfection_due_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgDisinfectionVisit, wg_disinfection_visit_free)

G_END_DECLS
