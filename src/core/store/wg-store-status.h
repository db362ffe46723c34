/* wg-status-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

/* The figures of a grid page whose people can be listed. */
typedef enum
{
  WG_STATUS_AWAY,
  WG_STATUS_RETURNEES,
  WG_STATUS_MONITORING,
  WG_STATUS_HOME_QUARANTINE,
  WG_STATUS_CENTRAL_QUARANTINE,
  WG_STATUS_FEVER_TODAY,
  WG_STATUS_NAT_OVERDUE,
  /* The quarantine board's lists (a grid's day) */
  WG_STATUS_STARTING_TODAY,      /* a quarantine or monitoring period starts */
  WG_STATUS_ENDING_TODAY,
  WG_STATUS_ENDING_TOMORROW,
  WG_STATUS_TESTS_DUE,           /* a scheduled test due on the day, not done */
  WG_STATUS_TESTS_OVERDUE,       /* a scheduled test due before the day, not done */
  WG_STATUS_TEMPERATURE_MISSING, /* in quarantine or monitoring, no reading on the day */
  WG_STATUS_SENSOR_OFFLINE,      /* at home in quarantine, the home's door sensor offline */
  WG_STATUS_PERIOD_CHANGED,      /* a quarantine extended or ended early on the day, with the reason */
  WG_STATUS_N,
} WgStatus;

/* The board's lists, in the order it shows them. */
#define WG_STATUS_BOARD_FIRST WG_STATUS_STARTING_TODAY

/* One person behind a figure, and the fact that puts them there. */
typedef struct
{
  gint64 person_id;
  char *name;
  char *household_code;
  char *address;
  char *grid_code;  /* the micro-grid */
  char *fact;       /* "38.4 °C at 09:05", "2026-11-20 → 2026-12-03", … */
  char *printed_fact; /* the same in Chinese, for paper and exported lists */
} WgStatusPerson;

void       wg_status_person_free        (WgStatusPerson *person);
const char *wg_status_describe          (WgStatus        status);
GPtrArray *wg_store_list_status_people  (WgStore        *store,
                                         const char     *grid_code,
                                         WgStatus        status,
                                         const char     *today,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgStatusPerson, wg_status_person_free)

G_END_DECLS
