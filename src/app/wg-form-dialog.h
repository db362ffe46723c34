/* wg-form-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Returns why the fields are not acceptable yet (shown under them), "" when
 * they are only incomplete, or NULL when "add" may go ahead. */
typedef char *(*WgFormCheck) (GtkWidget *dialog);

GtkWidget   *wg_form_dialog_new       (GtkWidget   *parent,
                                       const char  *heading,
                                       const char  *body,
                                       WgFormCheck  check);
GtkWidget   *wg_form_dialog_add_field (GtkWidget   *dialog,
                                       const char  *key,
                                       const char  *title,
                                       const char  *text);
GtkWidget   *wg_form_dialog_add_choice (GtkWidget        *dialog,
                                        const char       *key,
                                        const char       *title,
                                        const char *const *items);
GtkLabel    *wg_form_dialog_add_note  (GtkWidget   *dialog);
guint        wg_form_dialog_get_choice (GtkWidget       *dialog,
                                        const char      *key);
const char  *wg_form_dialog_get_text  (GtkWidget   *dialog,
                                       const char  *key);
void         wg_form_dialog_present   (GtkWidget   *dialog);

G_END_DECLS
