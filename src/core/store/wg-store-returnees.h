/* wg-store-returnees.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_RETURNEE_STATE_NEW,
  WG_RETURNEE_STATE_REVIEWED,  /* household and micro-grid confirmed, the grid worker told */
  WG_RETURNEE_STATE_DECIDED,   /* a measure decided */
  WG_RETURNEE_N_STATES,
} WgReturneeState;

typedef enum
{
  WG_MEASURE_NONE,
  WG_MEASURE_MONITORING,       /* health monitoring for N days */
  WG_MEASURE_HOME,             /* home quarantine */
  WG_MEASURE_CENTRAL,          /* central quarantine, then at home */
} WgMeasure;

typedef struct
{
  gint64 id;
  char *name;
  WgMeasure measure;
  guint central_days;
  guint home_days;
  guint monitoring_days;
  GArray *test_days;           /* of guint: day 1 is the measure's first */
} WgMeasurePreset;

typedef struct
{
  gint64 id;
  gint64 person_id;
  char *name;
  char *id_number;
  char *arrived_on;
  char *from_place;
  int risk;
  char *grid_code;             /* its micro-grid: the returnee's, else its household's */
  WgReturneeState state;
  int measure;                 /* a WgMeasure, -1 until decided */
  char *preset;                /* (nullable) */
} WgReturneeInfo;

typedef struct
{
  guint n_periods;             /* quarantine and monitoring periods made */
  guint n_tests;               /* tests scheduled */
  char *sensor;                /* (nullable) the free door sensor bound to the home */
  char *end_day;               /* the measure's last day; NULL for none */
} WgDecision;

typedef struct
{
  gint64 person_id;
  char *name;
  char *id_number;
  char *grid_code;
  char *day;                   /* when it is due */
  guint seq;                   /* the schedule's N-th test */
  gboolean overdue;            /* due before the day asked about */
} WgTestDue;

const char      *wg_returnee_state_to_string  (WgReturneeState   state);
gboolean         wg_returnee_state_from_string (const char      *text,
                                               WgReturneeState *state);
const char      *wg_measure_describe          (WgMeasure         measure);

void             wg_measure_preset_free       (WgMeasurePreset  *preset);
void             wg_returnee_info_free        (WgReturneeInfo   *info);
void             wg_decision_clear            (WgDecision       *decision);
void             wg_test_due_free             (WgTestDue        *due);

GPtrArray       *wg_store_list_presets        (WgStore          *store,
                                               GError          **error);
GPtrArray       *wg_store_list_returnees      (WgStore          *store,
                                               const char       *grid_code,
                                               int               state,
                                               GError          **error);
gboolean         wg_store_count_returnees     (WgStore          *store,
                                               const char       *grid_code,
                                               guint             counts[WG_RETURNEE_N_STATES],
                                               GError          **error);
gboolean         wg_store_review_returnee     (WgStore          *store,
                                               gint64            returnee_id,
                                               GError          **error);
gboolean         wg_store_decide_returnee     (WgStore          *store,
                                               gint64            returnee_id,
                                               const char       *preset,
                                               const char       *from_day,
                                               const char       *site,
                                               WgDecision       *decision,
                                               GError          **error);
gboolean         wg_store_change_quarantine_end (WgStore        *store,
                                               gint64            person_id,
                                               const char       *day,
                                               const char       *end_day,
                                               int               direction,
                                               const char       *reason,
                                               GError          **error);
gint64           wg_store_count_tests_done    (WgStore          *store,
                                               const char       *grid_code,
                                               const char       *day,
                                               GError          **error);
GPtrArray       *wg_store_list_tests_due      (WgStore          *store,
                                               const char       *grid_code,
                                               const char       *day,
                                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgMeasurePreset, wg_measure_preset_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgReturneeInfo, wg_returnee_info_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WgDecision, wg_decision_clear)

G_END_DECLS
