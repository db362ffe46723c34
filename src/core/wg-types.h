/* wg-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WgStore WgStore;
typedef struct _WgSearchResult WgSearchResult;
typedef struct _WgLevelCounts WgLevelCounts;

/* The five levels of the grid of responsibility, numbered as DESIGN.md does. */
typedef enum
{
  WG_GRID_LEVEL_COUNTY = 1,
  WG_GRID_LEVEL_TOWNSHIP = 2,
  WG_GRID_LEVEL_VILLAGE = 3,
  WG_GRID_LEVEL_GROUP = 4,
  WG_GRID_LEVEL_MICRO = 5,
} WgGridLevel;

typedef enum
{
  WG_STAFF_ROLE_GRID_LEADER = 1,
  WG_STAFF_ROLE_GRID_WORKER = 2,
  WG_STAFF_ROLE_EPIDEMIC_COMMISSIONER = 3,
  WG_STAFF_ROLE_CENTRAL_HOUSEHOLD = 4,
  WG_STAFF_ROLE_ASSIGNED_CADRE = 5,
} WgStaffRole;

typedef enum
{
  WG_RESIDENCY_HOME = 0,
  WG_RESIDENCY_AWAY = 1,
  WG_RESIDENCY_RETURNEE = 2,
} WgResidency;

typedef enum
{
  WG_HEALTH_CODE_GREEN = 1,
  WG_HEALTH_CODE_YELLOW = 2,
  WG_HEALTH_CODE_RED = 3,
} WgHealthCode;

typedef enum
{
  WG_QUARANTINE_KIND_HOME = 1,
  WG_QUARANTINE_KIND_CENTRAL = 2,
} WgQuarantineKind;

typedef enum
{
  WG_NAT_RESULT_PENDING = 0,
  WG_NAT_RESULT_NEGATIVE = 1,
  WG_NAT_RESULT_POSITIVE = 2,
} WgNatResult;

/* Temperatures are kept in tenths of a degree Celsius ("to the tenth of a degree"). */
#define WG_FEVER_TENTHS 373

G_END_DECLS
