/* wg-print-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-document.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_PRINT_VIEW (wg_print_view_get_type ())

G_DECLARE_FINAL_TYPE (WgPrintView, wg_print_view, WG, PRINT_VIEW, AdwWindow)

typedef enum
{
  WG_PRINT_KIND_LABEL_SHEET,
  WG_PRINT_KIND_LABEL_CARDS,
  WG_PRINT_KIND_POSTERS,
  WG_PRINT_KIND_DOSSIERS,
} WgPrintKind;

/* What to do as soon as the document is ready. */
typedef enum
{
  WG_PRINT_THEN_NOTHING,
  WG_PRINT_THEN_EXPORT,
  WG_PRINT_THEN_PRINT,
} WgPrintThen;

WgPrintView *wg_print_view_new          (WgStore      *store,
                                         const char   *grid_code);
void         wg_print_view_set_grid     (WgPrintView  *self,
                                         const char   *grid_code);
WgPrintView *wg_print_view_new_for_dossiers (WgStore     *store,
                                            const char  *grid_code,
                                            WgPrintThen  then);
void         wg_print_view_set_kind     (WgPrintView  *self,
                                         WgPrintKind   kind);
void         wg_print_view_set_then     (WgPrintView  *self,
                                         WgPrintThen   then);
WgDocument  *wg_print_view_get_document (WgPrintView  *self);
gboolean     wg_print_view_get_busy     (WgPrintView  *self);
guint        wg_print_view_choose_grid  (WgPrintView  *self,
                                         const char   *text);
void         wg_print_view_export       (WgPrintView  *self,
                                         GFile        *file);
void         wg_print_view_print        (WgPrintView  *self,
                                         const char   *export_filename);

G_END_DECLS
