/* wg-label-sheet.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-document.h"
#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_LABEL_LAYOUT_SHEET, /* 3 × 8 on A4 label stock */
  WG_LABEL_LAYOUT_CARD,  /* four cards to an A4 page, with the grid worker */
} WgLabelLayout;

#define WG_TYPE_LABEL_SHEET (wg_label_sheet_get_type ())

G_DECLARE_FINAL_TYPE (WgLabelSheet, wg_label_sheet, WG, LABEL_SHEET, GObject)

WgLabelSheet *wg_label_sheet_new             (WgStore       *store,
                                              const char    *grid_code,
                                              WgLabelLayout  layout,
                                              GError       **error);
guint         wg_label_sheet_get_n_labels    (WgLabelSheet  *self);
const char   *wg_label_sheet_get_payload     (WgLabelSheet  *self,
                                              guint          index);
gboolean      wg_label_layout_from_string    (const char    *text,
                                              WgLabelLayout *layout);

G_END_DECLS
