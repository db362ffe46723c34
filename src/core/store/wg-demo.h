/* wg-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_DEMO_SCALE_SMALL,
  WG_DEMO_SCALE_QUWO,
} WgDemoScale;

/* Called now and then from the building thread with the fraction done. */
typedef void (*WgProgressFunc) (double   fraction,
                                gpointer user_data);

gboolean wg_demo_scale_from_string (const char      *text,
                                    WgDemoScale     *scale);
gboolean wg_demo_build             (WgStore         *store,
                                    WgDemoScale      scale,
                                    guint32          seed,
                                    const char      *today,
                                    WgProgressFunc   progress,
                                    gpointer         user_data,
                                    GError         **error);

G_END_DECLS
