/* wg-store-orders.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_ORDER_ORDERED,            /* 点单: recorded at the desk */
  WG_ORDER_DISPATCHED,         /* 派单: to a grid worker of the household's grid */
  WG_ORDER_ACCEPTED,           /* 接单 */
  WG_ORDER_DONE,
  WG_ORDER_CANCELLED,
  WG_ORDER_N_STATES,
} WgOrderState;

typedef enum
{
  WG_ORDER_KIND_ELDERLY_CARE = 1,
  WG_ORDER_KIND_MEDICINE,
  WG_ORDER_KIND_SHOPPING,
  WG_ORDER_KIND_REPAIRS,
  WG_ORDER_KIND_FARM_WORK,
  WG_ORDER_KIND_OTHER,
} WgOrderKind;

typedef struct
{
  gint64 id;
  gint64 household_id;
  char *household_code;
  char *address;
  char *grid_code;             /* the household's micro-grid */
  char *requester;             /* (nullable) the person who ordered */
  WgOrderKind kind;
  char *detail;
  int urgency;                 /* 1 normal, 2 urgent, 3 very urgent */
  char *due_at;
  WgOrderState state;
  char *ordered_at;
  gint64 worker_id;            /* 0 until dispatched */
  char *worker;
  char *dispatched_at;
  char *accepted_at;
  char *done_at;
  char *cancelled_at;
  char *note;                  /* the completion's note or the cancellation's reason */
  gboolean overdue;            /* not accepted in time, or not done by the promised time */
  char *dispatcher;            /* (nullable) the owner of the group of someone away from the household */
} WgOrderInfo;

/* What the desk records from the group chat or a call. */
typedef struct
{
  const char *household_code;
  const char *requester_id_number;   /* (nullable) */
  WgOrderKind kind;
  const char *detail;
  int urgency;
  const char *due_at;
  const char *ordered_at;            /* (nullable) now */
} WgOrderRequest;

const char  *wg_order_state_to_string   (WgOrderState   state);
gboolean     wg_order_state_from_string (const char    *text,
                                         WgOrderState  *state);
const char  *wg_order_state_describe    (WgOrderState   state);
const char  *wg_order_kind_to_string    (WgOrderKind    kind);
gboolean     wg_order_kind_from_string  (const char    *text,
                                         WgOrderKind   *kind);
const char  *wg_order_kind_describe     (WgOrderKind    kind);

void         wg_order_info_free         (WgOrderInfo   *info);

gboolean     wg_store_add_order         (WgStore              *store,
                                         const WgOrderRequest *request,
                                         gint64               *id,
                                         GError              **error);
gboolean     wg_store_dispatch_order    (WgStore              *store,
                                         gint64                id,
                                         gint64                worker_id,
                                         const char           *at,
                                         GError              **error);
gboolean     wg_store_accept_order      (WgStore              *store,
                                         gint64                id,
                                         const char           *at,
                                         GError              **error);
gboolean     wg_store_complete_order    (WgStore              *store,
                                         gint64                id,
                                         const char           *at,
                                         const char           *note,
                                         GError              **error);
gboolean     wg_store_cancel_order      (WgStore              *store,
                                         gint64                id,
                                         const char           *at,
                                         const char           *reason,
                                         GError              **error);
gint64       wg_store_find_order_worker (WgStore              *store,
                                         gint64                id,
                                         GError              **error);
GPtrArray   *wg_store_list_orders       (WgStore              *store,
                                         const char           *grid_code,
                                         int                   state,
                                         gint64                worker_id,
                                         const char           *now,
                                         GError              **error);
WgOrderInfo *wg_store_get_order         (WgStore              *store,
                                         gint64                id,
                                         const char           *now,
                                         GError              **error);

/* A person away from home, where and why, in which group. */
typedef enum
{
  WG_AWAY_WORK = 1,
  WG_AWAY_STUDY,
  WG_AWAY_HELD,                /* held in quarantine elsewhere */
  WG_AWAY_OTHER,
} WgAwayReason;

typedef struct
{
  gint64 person_id;
  char *name;
  char *id_number;
  char *phone;
  char *household_code;
  char *grid_code;
  char *province;
  char *city;
  char *address;
  char *employer;
  char *since;
  WgAwayReason reason;          /* 0 when nothing is recorded yet */
  char *group;
  char *care_needed;            /* who at home needs care, if anyone */
  char *group_owner;            /* (nullable) who dispatches the group's orders */
} WgAwayInfo;

typedef struct
{
  const char *province;
  const char *city;
  const char *address;
  const char *employer;
  const char *since;
  WgAwayReason reason;
  const char *group;           /* a group of the person's village or township, by name */
  const char *care_needed;
} WgAwayFields;

const char  *wg_away_reason_describe    (WgAwayReason   reason);
gboolean     wg_away_reason_from_string (const char    *text,
                                         WgAwayReason  *reason);
void         wg_away_info_free          (WgAwayInfo    *info);
GPtrArray   *wg_store_list_away         (WgStore       *store,
                                         const char    *grid_code,
                                         GError       **error);
GStrv        wg_store_list_away_groups  (WgStore       *store,
                                         gint64         person_id,
                                         GError       **error);
gboolean     wg_store_set_away          (WgStore            *store,
                                         gint64              person_id,
                                         const WgAwayFields *fields,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgOrderInfo, wg_order_info_free)

G_END_DECLS
