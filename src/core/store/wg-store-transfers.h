/* wg-store-transfers.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_TRANSFER_PLANNED,
  WG_TRANSFER_DISPATCHED,      /* the vehicle sent */
  WG_TRANSFER_PICKED_UP,       /* the people in the vehicle */
  WG_TRANSFER_HANDED_OVER,     /* handed over at the destination, to someone named */
  WG_TRANSFER_N_STATES,
} WgTransferState;

typedef enum
{
  WG_TRANSFER_FROM_CHECKPOINT = 1,
  WG_TRANSFER_FROM_STATION,
  WG_TRANSFER_FROM_ADDRESS,
} WgTransferFrom;

typedef struct
{
  gint64 person_id;
  char *name;
  char *id_number;
  char *phone;
} WgTransferPerson;

typedef struct
{
  gint64 id;
  char *day;
  WgTransferFrom from_kind;
  char *from_place;
  gint64 to_site_id;           /* 0 when to a home */
  gint64 to_household_id;      /* 0 when to a site */
  char *to_place;              /* the site's name, or the home's code and address */
  char *vehicle;
  char *driver;
  char *escort;
  WgTransferState state;
  char *dispatched_at;         /* (nullable) each step's time */
  char *picked_up_at;
  char *handed_over_at;
  char *handed_to;
  GPtrArray *persons;          /* of WgTransferPerson */
} WgTransferInfo;

/* What the desk plans: to a site (by name) or a home (by household code). */
typedef struct
{
  const char *day;
  WgTransferFrom from_kind;
  const char *from_place;
  const char *to_site;
  const char *to_household;
  const char *vehicle;
  const char *driver;
  const char *escort;
  const char *const *id_numbers;   /* NULL-terminated, at least one */
} WgTransferPlan;

const char *wg_transfer_state_to_string   (WgTransferState  state);
gboolean    wg_transfer_state_from_string (const char      *text,
                                           WgTransferState *state);
const char *wg_transfer_state_describe    (WgTransferState  state);
const char *wg_transfer_from_describe     (WgTransferFrom   from);
gboolean    wg_transfer_from_from_string  (const char      *text,
                                           WgTransferFrom  *from);

void            wg_transfer_person_free   (WgTransferPerson *person);
void            wg_transfer_info_free     (WgTransferInfo   *info);

gboolean        wg_store_add_transfer     (WgStore              *store,
                                           const WgTransferPlan *plan,
                                           gint64               *id,
                                           GError              **error);
gboolean        wg_store_advance_transfer (WgStore              *store,
                                           gint64                id,
                                           WgTransferState       state,
                                           const char           *at,
                                           const char           *handed_to,
                                           GError              **error);
GPtrArray      *wg_store_list_transfers   (WgStore              *store,
                                           const char           *day,
                                           gint64                person_id,
                                           GError              **error);
WgTransferInfo *wg_store_get_transfer     (WgStore              *store,
                                           gint64                id,
                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgTransferInfo, wg_transfer_info_free)

G_END_DECLS
