/* wg-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-document.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_REPORT (wg_report_get_type ())

G_DECLARE_FINAL_TYPE (WgReport, wg_report, WG, REPORT, GObject)

WgReport *wg_report_new (WgStore     *store,
                         const char  *grid_code,
                         const char  *day,
                         const char  *now,
                         const char  *operator_name,
                         GError     **error);

G_END_DECLS
