/* wg-dossier.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-document.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_DOSSIER (wg_dossier_get_type ())

G_DECLARE_FINAL_TYPE (WgDossier, wg_dossier, WG, DOSSIER, GObject)

typedef enum
{
  WG_DOSSIER_FLAGS_ALL = 0,
  /* Only people in quarantine or under health monitoring: the usual packet. */
  WG_DOSSIER_FLAGS_ONLY_WATCHED = 1 << 0,
} WgDossierFlags;

WgDossier *wg_dossier_new_for_person    (WgStore         *store,
                                         gint64           person_id,
                                         const char      *today,
                                         GError         **error);
WgDossier *wg_dossier_new_for_household (WgStore         *store,
                                         const char      *code,
                                         WgDossierFlags   flags,
                                         const char      *today,
                                         GError         **error);
WgDossier *wg_dossier_new_for_grid      (WgStore         *store,
                                         const char      *code,
                                         WgDossierFlags   flags,
                                         const char      *today,
                                         GCancellable    *cancellable,
                                         WgProgressFunc   progress,
                                         gpointer         user_data,
                                         GError         **error);
WgDossier *wg_dossier_new_for_code      (WgStore         *store,
                                         const char      *code,
                                         WgDossierFlags   flags,
                                         const char      *today,
                                         GCancellable    *cancellable,
                                         WgProgressFunc   progress,
                                         gpointer         user_data,
                                         GError         **error);
guint      wg_dossier_get_n_persons     (WgDossier       *self);
guint      wg_dossier_get_n_households  (WgDossier       *self);

G_END_DECLS
