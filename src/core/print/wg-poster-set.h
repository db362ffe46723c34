/* wg-poster-set.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-document.h"
#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_PAPER_A4,
  WG_PAPER_A3,
} WgPaper;

#define WG_TYPE_POSTER_SET (wg_poster_set_get_type ())

G_DECLARE_FINAL_TYPE (WgPosterSet, wg_poster_set, WG, POSTER_SET, GObject)

WgPosterSet *wg_poster_set_new          (WgStore     *store,
                                         const char  *grid_code,
                                         guint        level,
                                         WgPaper      paper,
                                         const char  *today,
                                         GError     **error);
const char  *wg_poster_set_get_url      (WgPosterSet *self,
                                         guint        index);
gboolean     wg_paper_from_string       (const char  *text,
                                         WgPaper     *paper);

G_END_DECLS
