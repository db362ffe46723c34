/* wg-store-sites.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

/* A central quarantine site, as on the day asked about. */
typedef struct
{
  gint64 id;
  char *name;
  char *address;
  char *phone;
  guint n_rooms;               /* rooms on record */
  guint beds;                  /* their capacities, added up */
  guint assigned;              /* persons whose stay covers the day */
  guint checked_in;            /* of those, checked in and not out */
  guint awaiting_room;         /* in central quarantine at the site that day, no room */
  guint moves_home;            /* checked in, their stay over by the day: to move home */
} WgSiteInfo;

/* A person in a room for dates. */
typedef struct
{
  gint64 id;
  gint64 room_id;
  char *site;
  char *room;                  /* its number */
  gint64 person_id;
  char *name;
  char *id_number;
  char *from_day;
  char *to_day;
  char *checked_in_at;         /* (nullable) */
  char *checked_out_at;        /* (nullable) */
  char *home_from;             /* (nullable) the home quarantine after, if any */
  char *home_to;
  char *address;               /* the home's */
  char *household_code;        /* (nullable) the home's */
} WgStayInfo;

typedef struct
{
  gint64 id;
  gint64 site_id;
  char *number;
  int floor;
  guint capacity;
  char *sensor;                /* (nullable) the door sensor on the room */
  GPtrArray *stays;            /* of WgStayInfo: those covering the day */
} WgRoomInfo;

/* A person in central quarantine at a site on a day without a room. */
typedef struct
{
  gint64 quarantine_id;
  gint64 person_id;
  char *name;
  char *id_number;
  char *start_day;
  char *end_day;
} WgRoomless;

void       wg_site_info_free          (WgSiteInfo  *info);
void       wg_stay_info_free          (WgStayInfo  *info);
void       wg_room_info_free          (WgRoomInfo  *info);
void       wg_roomless_free           (WgRoomless  *info);

GPtrArray *wg_store_list_sites        (WgStore     *store,
                                       const char  *day,
                                       GError     **error);
WgSiteInfo *wg_store_get_site         (WgStore     *store,
                                       gint64       site_id,
                                       const char  *day,
                                       GError     **error);
gboolean   wg_store_add_room          (WgStore     *store,
                                       gint64       site_id,
                                       const char  *number,
                                       int          floor,
                                       guint        capacity,
                                       gint64      *room_id,
                                       GError     **error);
GPtrArray *wg_store_list_rooms        (WgStore     *store,
                                       gint64       site_id,
                                       const char  *day,
                                       GError     **error);
GPtrArray *wg_store_list_roomless     (WgStore     *store,
                                       gint64       site_id,
                                       const char  *day,
                                       GError     **error);
GPtrArray *wg_store_list_moves_home   (WgStore     *store,
                                       gint64       site_id,
                                       const char  *day,
                                       GError     **error);
GPtrArray *wg_store_list_person_stays (WgStore     *store,
                                       gint64       person_id,
                                       GError     **error);
gboolean   wg_store_assign_room       (WgStore     *store,
                                       gint64       room_id,
                                       gint64       person_id,
                                       const char  *from_day,
                                       const char  *to_day,
                                       gint64      *stay_id,
                                       GError     **error);
gboolean   wg_store_check_in          (WgStore     *store,
                                       gint64       stay_id,
                                       const char  *at,
                                       GError     **error);
gboolean   wg_store_check_out         (WgStore     *store,
                                       gint64       stay_id,
                                       const char  *at,
                                       GError     **error);
GArray    *wg_store_site_occupancy    (WgStore     *store,
                                       gint64       site_id,
                                       const char  *from_day,
                                       guint        n_days,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgSiteInfo, wg_site_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgStayInfo, wg_stay_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgRoomInfo, wg_room_info_free)

G_END_DECLS
