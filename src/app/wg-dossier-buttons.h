/* wg-dossier-buttons.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WG_TYPE_DOSSIER_BUTTONS (wg_dossier_buttons_get_type ())

G_DECLARE_FINAL_TYPE (WgDossierButtons, wg_dossier_buttons, WG, DOSSIER_BUTTONS, GtkWidget)

const char *wg_dossier_buttons_get_code (WgDossierButtons *self);
void        wg_dossier_buttons_set_code (WgDossierButtons *self,
                                         const char       *code);

G_END_DECLS
