/* wg-store-figures.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

/* What the leaders ask for, for a grid and a day. */
typedef enum
{
  WG_FIGURE_RETURNEES,           /* arrived on the day */
  WG_FIGURE_MONITORING,          /* in a health monitoring period on the day */
  WG_FIGURE_HOME_QUARANTINE,
  WG_FIGURE_CENTRAL_QUARANTINE,
  WG_FIGURE_FEVERS,              /* a reading of 37.3 °C or more on the day */
  WG_FIGURE_TESTS_DUE,           /* scheduled on the day, not done */
  WG_FIGURE_TESTS_OVERDUE,       /* scheduled before the day, not done */
  WG_FIGURE_ALERTS_HIGH,         /* open at the end of the day, by severity */
  WG_FIGURE_ALERTS_MEDIUM,
  WG_FIGURE_ALERTS_LOW,
  WG_FIGURE_ALERTS_OPENED,       /* raised on the day */
  WG_FIGURE_SENSORS_OFFLINE,     /* now only: sensors keep no history of it */
  WG_FIGURE_ORDERS_OPEN,         /* help orders open at the end of the day */
  WG_FIGURE_ORDERS_OVERDUE,
  WG_FIGURE_NOT_REPORTED,        /* micro-grids without their evening meeting */
  WG_FIGURE_POSITIVES,           /* positive nucleic-acid tests sampled on the day */
  WG_FIGURE_VIOLATIONS,          /* door alerts resolved on the day as a violation */
  WG_FIGURE_N,
} WgFigure;

/* The five precisions (五个精准). */
typedef enum
{
  WG_PRECISION_TEAM,             /* responsibility to the person: a full five-to-one team */
  WG_PRECISION_DAYS,             /* quarantine to the day: periods that neither overlap nor leave a gap */
  WG_PRECISION_TESTS,            /* tests to the count: scheduled tests done */
  WG_PRECISION_TEMPERATURE,      /* temperature to the degree: the day's readings taken */
  WG_PRECISION_DISINFECTION,     /* disinfection to the hour: slots visited on time */
  WG_PRECISION_N,
} WgPrecision;

#define WG_TEAM_ROLES 5

/* One row behind a figure or a precision: a person, an alert, an order,
 * a micro-grid or a disinfection slot. */
typedef struct
{
  char *grid_code;             /* (nullable) its micro-grid; NULL for a site's room */
  gint64 id;                   /* the person's, alert's, order's, grid's or plan's */
  char *label;                 /* who or where */
  char *fact;                  /* (nullable) what puts it there, or what is missing */
  gboolean ok;                 /* for a precision: it meets it */
} WgFigureRow;

/* Every figure and precision of a grid and a day, read at once. */
typedef struct
{
  char *grid_code;
  char *grid_name;
  char *day;
  GPtrArray *children;                     /* of WgFigureRow: the grids one level below */
  gboolean recorded[WG_FIGURE_N];
  GPtrArray *figures[WG_FIGURE_N];         /* of WgFigureRow */
  GPtrArray *precisions[WG_PRECISION_N];   /* of WgFigureRow */
} WgFigureSheet;

void        wg_figure_row_free          (WgFigureRow *row);
void        wg_figure_sheet_free        (WgFigureSheet *sheet);
WgFigureSheet *wg_store_read_figure_sheet (WgStore     *store,
                                           const char  *grid_code,
                                           const char  *day,
                                           const char  *now,
                                           GError     **error);
const char *wg_figure_to_string         (WgFigure     figure);
const char *wg_figure_describe          (WgFigure     figure);
const char *wg_figure_describe_printed  (WgFigure     figure);
const char *wg_precision_to_string      (WgPrecision  precision);
const char *wg_precision_describe       (WgPrecision  precision);
const char *wg_precision_describe_printed (WgPrecision precision);
gboolean    wg_figure_is_recorded       (WgFigure     figure,
                                         const char  *day,
                                         const char  *now);

GPtrArray  *wg_store_list_figure        (WgStore     *store,
                                         WgFigure     figure,
                                         const char  *grid_code,
                                         const char  *day,
                                         const char  *now,
                                         GError     **error);
GPtrArray  *wg_store_list_precision     (WgStore     *store,
                                         WgPrecision  precision,
                                         const char  *grid_code,
                                         const char  *day,
                                         const char  *now,
                                         GError     **error);
guint       wg_figure_rows_count        (GPtrArray   *rows,
                                         const char  *code,
                                         gboolean     only_ok);
gboolean    wg_store_count_trend        (WgStore     *store,
                                         int          figure,
                                         int          precision,
                                         const char  *grid_code,
                                         const char  *last_day,
                                         guint        n_days,
                                         const char  *now,
                                         double      *values,
                                         GError     **error);
GPtrArray  *wg_store_list_child_grids   (WgStore     *store,
                                         const char  *grid_code,
                                         GError     **error);
GStrv       wg_store_dup_team_roles     (WgStore     *store);
char       *wg_team_describe_missing    (GStrv        roles,
                                         const char  *fact);
gboolean    wg_store_set_team_member    (WgStore     *store,
                                         gint64       person_id,
                                         guint        role,
                                         const char  *name,
                                         const char  *phone,
                                         GError     **error);
GPtrArray  *wg_store_list_team          (WgStore     *store,
                                         gint64       person_id,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgFigureRow, wg_figure_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgFigureSheet, wg_figure_sheet_free)

G_END_DECLS
