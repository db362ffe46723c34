/* wg-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-import.h"
#include "wg-context.h"

G_BEGIN_DECLS

#define WG_TYPE_IMPORT_DIALOG (wg_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WgImportDialog, wg_import_dialog, WG, IMPORT_DIALOG, AdwWindow)

WgImportDialog *wg_import_dialog_new          (GtkWindow      *parent,
                                               WgContext      *context,
                                               WgImportKind    kind);
void            wg_import_dialog_set_file     (WgImportDialog *self,
                                               const char     *path);

/* For the tests. */
gboolean        wg_import_dialog_get_busy     (WgImportDialog *self);
const char     *wg_import_dialog_get_summary  (WgImportDialog *self);
AdwComboRow    *wg_import_dialog_get_column_row (WgImportDialog *self,
                                                 const char     *header);
guint           wg_import_dialog_field_position (WgImportDialog *self,
                                                 const char     *field);
GtkWidget      *wg_import_dialog_get_import_button (WgImportDialog *self);

G_END_DECLS
