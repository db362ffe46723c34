/* wg-returnee-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A returnee phoned in by a grid worker (the screening channel): the ID
 * number first — a card reader types into the focused field, and sex and
 * birth date are read from it at once —, then the rest, checked as typed by
 * the same rules an imported list's rows are (wg_import_returnee). The
 * household is found by its code or its address; a household not
 * registered yet is registered with its code and address on the micro-grid
 * given. A person already registered is matched (the differences listed,
 * never overwritten); a new one enters the returnee queue as "new".
 */

#define G_LOG_DOMAIN "wg-returnee-form"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-returnee-form.h"
#include "wg-form-dialog.h"
#include "wg-idnum.h"
#include "wg-import.h"
#include "wg-store.h"

static const char *const keys[WG_RETURNEE_N_FIELDS] = {
  [WG_RETURNEE_FIELD_ID_NUMBER] = "id_number",
  [WG_RETURNEE_FIELD_NAME] = "name",
  [WG_RETURNEE_FIELD_PHONE] = "phone",
  [WG_RETURNEE_FIELD_ARRIVED_ON] = "arrived_on",
  [WG_RETURNEE_FIELD_PROVINCE] = "province",
  [WG_RETURNEE_FIELD_CITY] = "city",
  [WG_RETURNEE_FIELD_DISTRICT] = "district",
  [WG_RETURNEE_FIELD_TRANSPORT] = "transport",
  [WG_RETURNEE_FIELD_GRID] = "grid",
  [WG_RETURNEE_FIELD_HOUSEHOLD] = "household",
  [WG_RETURNEE_FIELD_ADDRESS] = "address",
};

static const char *const risk_words[] = { "否", "中风险", "高风险" };

/* The form's values in the order of WgReturneeField. */
static void
read_entry (GtkWidget   *dialog,
            const char **entry)
{
  for (guint i = 0; i < WG_RETURNEE_N_FIELDS; i++)
    entry[i] = keys[i] != NULL ? wg_form_dialog_get_text (dialog, keys[i]) : NULL;
  entry[WG_RETURNEE_FIELD_RISK] = risk_words[MIN (wg_form_dialog_get_choice (dialog, "risk"), 2)];
}

/* What the ID number says, shown as it is typed. */
static void
describe_id (GtkWidget  *dialog,
             const char *id_number)
{
  GtkLabel *note = g_object_get_data (G_OBJECT (dialog), "note");
  g_autofree char *normal = wg_id_number_normalize (id_number);
  g_autofree char *today = wg_today ();
  GDate birth, on;

  g_date_clear (&on, 1);
  g_date_set_parse (&on, today);
  if (!wg_id_number_validate (normal, &on, NULL) || !wg_id_number_get_birth_date (normal, &birth))
    {
      gtk_label_set_label (note, "");
      return;
    }
  {
    g_autofree char *text =
      g_strdup_printf (_("%s, born %04u-%02u-%02u, %d years old"),
                       wg_id_number_get_sex (normal) == 1 ? _("Male") : _("Female"), g_date_get_year (&birth),
                       g_date_get_month (&birth), g_date_get_day (&birth), wg_id_number_get_age (normal, &on));

    gtk_label_set_label (note, text);
  }
}

static char *
check_fields (GtkWidget *dialog)
{
  WgStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  const char *entry[WG_RETURNEE_N_FIELDS];
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  WgRowVerdict verdict;

  read_entry (dialog, entry);
  describe_id (dialog, entry[WG_RETURNEE_FIELD_ID_NUMBER]);
  if (*entry[WG_RETURNEE_FIELD_ID_NUMBER] == '\0' || *entry[WG_RETURNEE_FIELD_NAME] == '\0' ||
      *entry[WG_RETURNEE_FIELD_ARRIVED_ON] == '\0' ||
      (*entry[WG_RETURNEE_FIELD_PROVINCE] == '\0' && *entry[WG_RETURNEE_FIELD_CITY] == '\0'))
    return g_strdup ("");
  if (!wg_import_returnee (store, entry, TRUE, &verdict, &message, &error))
    return g_strdup (error->message);
  if (verdict == WG_ROW_VERDICT_SAME)
    return g_strdup (_("This arrival is already recorded."));
  if (message != NULL)
    {
      GtkLabel *note = g_object_get_data (G_OBJECT (dialog), "note");
      g_autofree char *text = g_strdup_printf ("%s\n%s", gtk_label_get_label (note), message);

      gtk_label_set_label (note, text);
    }
  return NULL;
}

static void
on_response_cb (GtkWidget  *dialog,
                const char *response,
                gpointer    user_data)
{
  WgStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  const char *entry[WG_RETURNEE_N_FIELDS];
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!g_str_equal (response, "add"))
    return;
  read_entry (dialog, entry);
  if (!wg_import_returnee (store, entry, FALSE, NULL, NULL, &error))
    done = g_strdup (error->message);
  else
    done = g_strdup_printf (_("%s recorded as a returnee"), entry[WG_RETURNEE_FIELD_NAME]);
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", done);
}

/**
 * wg_returnee_form_new:
 * @parent: a widget of the main window
 * @grid_code: (nullable): the grid on screen, proposed as the returnee's
 *
 * Returns: (transfer floating): the form, ready for wg_form_dialog_present ()
 */
GtkWidget *
wg_returnee_form_new (GtkWidget  *parent,
                      WgStore    *store,
                      const char *grid_code)
{
  const char *risks[] = { _("Not a risk area"), _("Medium-risk area"), _("High-risk area"), NULL };
  g_autofree char *today = wg_today ();
  GtkWidget *dialog, *id_row;

  dialog = wg_form_dialog_new (parent, _("New Returnee"),
                               _("A returnee reported by a grid worker’s screening call."), check_fields);
  g_object_set_data_full (G_OBJECT (dialog), "store", g_object_ref (store), g_object_unref);
  id_row = wg_form_dialog_add_field (dialog, "id_number", _("ID Number"), NULL);
  wg_form_dialog_add_field (dialog, "name", _("Name"), NULL);
  wg_form_dialog_add_field (dialog, "phone", _("Phone"), NULL);
  wg_form_dialog_add_field (dialog, "province", _("Coming From: Province"), NULL);
  wg_form_dialog_add_field (dialog, "city", _("City"), NULL);
  wg_form_dialog_add_field (dialog, "district", _("District"), NULL);
  wg_form_dialog_add_choice (dialog, "risk", _("On the Day of Leaving"), risks);
  wg_form_dialog_add_field (dialog, "arrived_on", _("Arrival Date"), today);
  wg_form_dialog_add_field (dialog, "transport", _("Train or Flight Number"), NULL);
  wg_form_dialog_add_field (dialog, "household", _("Household Code"), NULL);
  wg_form_dialog_add_field (dialog, "address", _("Address (for a household not registered yet)"), NULL);
  wg_form_dialog_add_field (dialog, "grid", _("Grid Code (a micro-grid for a new household)"), grid_code);
  wg_form_dialog_add_note (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  /* The card reader types into the focused field: the ID number's. */
  gtk_window_set_focus (GTK_WINDOW (dialog), id_row);
  return dialog;
}
