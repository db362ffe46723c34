/* wg-form-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small "add" form in an AdwMessageDialog: entry rows checked as they are
 * typed, the reason a value is refused shown under them, and Add enabled
 * only when the check passes. Fields and the reason label are reachable by
 * name with g_object_get_data () ("problem" for the label).
 */

#define G_LOG_DOMAIN "wg-form-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-form-dialog.h"

static void
on_field_changed_cb (GtkWidget *dialog)
{
  WgFormCheck check = g_object_get_data (G_OBJECT (dialog), "wg-form-check");
  g_autofree char *problem = check (dialog);

  gtk_label_set_label (g_object_get_data (G_OBJECT (dialog), "problem"), problem != NULL ? problem : "");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", problem == NULL);
}

/**
 * wg_form_dialog_new:
 * @parent: a widget of the window to attach to
 * @heading: what is being added
 * @body: to what
 * @check: validates the fields
 *
 * Returns: (transfer floating): the dialog, with Cancel and Add responses
 */
GtkWidget *
wg_form_dialog_new (GtkWidget   *parent,
                    const char  *heading,
                    const char  *body,
                    WgFormCheck  check)
{
  GtkWidget *dialog, *box, *group, *problem;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), heading, body);
  g_object_set_data (G_OBJECT (dialog), "wg-form-check", check);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = adw_preferences_group_new ();
  gtk_box_append (GTK_BOX (box), group);
  g_object_set_data (G_OBJECT (dialog), "wg-form-group", group);

  problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_box_append (GTK_BOX (box), problem);
  g_object_set_data (G_OBJECT (dialog), "problem", problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static void
on_field_activated_cb (GtkWidget *dialog)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
}

/**
 * wg_form_dialog_add_field:
 * @dialog: a form dialog
 * @key: the field's name, for g_object_get_data () and wg_form_dialog_get_text ()
 * @title: the field's title
 * @text: (nullable): its first value
 *
 * Returns: (transfer none): the entry row
 */
GtkWidget *
wg_form_dialog_add_field (GtkWidget  *dialog,
                          const char *key,
                          const char *title,
                          const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* Enter saves, when the form is right ("add" is enabled only then). */
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_field_activated_cb), dialog);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), dialog);
  adw_preferences_group_add (g_object_get_data (G_OBJECT (dialog), "wg-form-group"), row);
  g_object_set_data (G_OBJECT (dialog), key, row);
  return row;
}

/**
 * wg_form_dialog_add_choice:
 * @dialog: a form dialog
 * @key: the field's name
 * @title: what it is
 * @items: (array zero-terminated=1): the choices, the first chosen
 *
 * Returns: (transfer none): the combo row
 */
GtkWidget *
wg_form_dialog_add_choice (GtkWidget         *dialog,
                           const char        *key,
                           const char        *title,
                           const char *const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_field_changed_cb), dialog);
  adw_preferences_group_add (g_object_get_data (G_OBJECT (dialog), "wg-form-group"), row);
  g_object_set_data (G_OBJECT (dialog), key, row);
  return row;
}

/**
 * wg_form_dialog_add_note:
 * @dialog: a form dialog
 *
 * A line under the fields for what the check learns as they are typed (not
 * a problem: "male, born 1990-03-07"). Stored as "note".
 *
 * Returns: (transfer none): the label
 */
GtkLabel *
wg_form_dialog_add_note (GtkWidget *dialog)
{
  GtkWidget *group = g_object_get_data (G_OBJECT (dialog), "wg-form-group");
  GtkWidget *note = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (group)), note, group);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  return GTK_LABEL (note);
}

guint
wg_form_dialog_get_choice (GtkWidget  *dialog,
                           const char *key)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), key)));
}

const char *
wg_form_dialog_get_text (GtkWidget  *dialog,
                         const char *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), key)));
}

/* Checks the first values, then shows the dialog. */
void
wg_form_dialog_present (GtkWidget *dialog)
{
  on_field_changed_cb (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
