/* wg-person-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One person, one file (一人一档): identity and household, then every table
 * of the file — health codes, itinerary, vaccination, nucleic-acid tests,
 * temperatures, quarantine periods, attachments — and the history of
 * changes from the audit log.
 */

#define G_LOG_DOMAIN "wg-person-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wg-person-page.h"
#include "wg-application.h"
#include "wg-attachment.h"
#include "wg-dossier-buttons.h"
#include "wg-form-dialog.h"
#include "wg-idnum.h"
#include "wg-record-view.h"
#include "wg-store-persons.h"
#include "wg-store-figures.h"
#include "wg-store-records.h"
#include "wg-temperature-chart.h"

struct _WgPersonPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *scroller;
  GtkWidget *household_button;
  AdwButtonContent *household_button_content;
  GtkLabel *name_label;
  GtkLabel *status_label;
  AdwActionRow *id_row;
  AdwActionRow *born_row;
  AdwActionRow *phone_row;
  AdwActionRow *address_row;
  GtkBox *records_box;
  WgDossierButtons *dossier_buttons;

  /* owned */
  WgStore *store;
  GtkWidget *dialog;
  GtkWidget *alert;  /* weak */
  GtkFileChooserNative *chooser;
  GCancellable *cancellable;

  /* state */
  gint64 person_id;
  gint64 version;      /* the person's row version as shown: an edit names it */
  gint64 household_id;
};

G_DEFINE_FINAL_TYPE (WgPersonPage, wg_person_page, GTK_TYPE_WIDGET)

enum {
  OPEN_HOUSEHOLD,
  ATTACHED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const WgRecordKind shown_kinds[] = {
  WG_RECORD_KIND_QUARANTINE, WG_RECORD_KIND_ROOM_STAY, WG_RECORD_KIND_TRANSFER, WG_RECORD_KIND_TEMPERATURE, WG_RECORD_KIND_NAT_TEST, WG_RECORD_KIND_HEALTH_CODE,
  WG_RECORD_KIND_ITINERARY, WG_RECORD_KIND_VACCINATION, WG_RECORD_KIND_ATTACHMENT, WG_RECORD_KIND_HISTORY,
};

static void
open_household_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WgPersonPage *self = WG_PERSON_PAGE (widget);

  if (self->household_id > 0)
    g_signal_emit (self, signals[OPEN_HOUSEHOLD], 0, self->household_id);
}

/* The forms of the file: each kind's fields, checked as typed. */
static const char *const form_keys[] = {
  "value", "start", "end", "day", "time", "institution", "dose", "product", "place", "arrived",
  "left", "name", "phone", "room", "batch", "site",
};

static const char *
field (GtkWidget  *dialog,
       const char *key)
{
  return wg_form_dialog_get_text (dialog, key);
}

/* Marks @key red and returns the reason. */
static char *
refuse (GtkWidget  *dialog,
        const char *key,
        const char *reason)
{
  gtk_widget_add_css_class (g_object_get_data (G_OBJECT (dialog), key), "error");
  return g_strdup (reason);
}

/* The reason the record's fields are not acceptable yet, or NULL; "" means
 * incomplete, without a complaint. */
static char *
check_record_fields (GtkWidget *dialog)
{
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (form_keys); i++)
    {
      GtkWidget *row = g_object_get_data (G_OBJECT (dialog), form_keys[i]);

      if (row != NULL)
        gtk_widget_remove_css_class (row, "error");
    }

  if (g_str_equal (kind, "temperature"))
    {
      int tenths;

      if (*field (dialog, "value") == '\0')
        return g_strdup ("");
      if (!wg_temperature_parse (field (dialog, "value"), &tenths, &error))
        return refuse (dialog, "value", error->message);
      return NULL;
    }

  if (g_str_equal (kind, "edit"))
    {
      g_autofree char *name = g_strstrip (g_strdup (field (dialog, "name")));

      if (*name == '\0')
        return g_strdup ("");
      if (*field (dialog, "phone") != '\0' && !wg_phone_validate (field (dialog, "phone"), &error))
        return refuse (dialog, "phone", error->message);
      return NULL;
    }

  if (g_str_equal (kind, "quarantine") || g_str_equal (kind, "central"))
    {
      if (!wg_day_is_valid (field (dialog, "start")))
        return refuse (dialog, "start", _("Write the first day as YYYY-MM-DD."));
      if (!wg_day_is_valid (field (dialog, "end")))
        return refuse (dialog, "end", _("Write the last day as YYYY-MM-DD."));
      if (strcmp (field (dialog, "end"), field (dialog, "start")) < 0)
        return refuse (dialog, "end", _("The quarantine cannot end before it starts."));
      return NULL;
    }

  if (g_str_equal (kind, "nat"))
    {
      if (!wg_day_is_valid (field (dialog, "day")))
        return refuse (dialog, "day", _("Write the day as YYYY-MM-DD."));
      if (!wg_clock_parse (field (dialog, "time"), NULL))
        return refuse (dialog, "time", _("Write the times as HH:MM, like 09:30."));
      if (*field (dialog, "institution") == '\0')
        return g_strdup ("");
      return NULL;
    }

  if (g_str_equal (kind, "vaccination"))
    {
      const char *dose = field (dialog, "dose");

      if (strlen (dose) != 1 || dose[0] < '1' || dose[0] > '6')
        return refuse (dialog, "dose", _("A dose is numbered 1 to 6."));
      if (!wg_day_is_valid (field (dialog, "day")))
        return refuse (dialog, "day", _("Write the day as YYYY-MM-DD."));
      if (*field (dialog, "product") == '\0')
        return g_strdup ("");
      return NULL;
    }

  if (g_str_equal (kind, "health-code"))
    return wg_day_is_valid (field (dialog, "day")) ? NULL : refuse (dialog, "day", _("Write the day as YYYY-MM-DD."));

  /* itinerary */
  if (!wg_day_is_valid (field (dialog, "arrived")))
    return refuse (dialog, "arrived", _("Write the day as YYYY-MM-DD."));
  if (*field (dialog, "left") != '\0' && !wg_day_is_valid (field (dialog, "left")))
    return refuse (dialog, "left", _("Write the day as YYYY-MM-DD."));
  if (*field (dialog, "left") != '\0' && strcmp (field (dialog, "left"), field (dialog, "arrived")) < 0)
    return refuse (dialog, "left", _("One leaves a place after arriving."));
  if (*field (dialog, "place") == '\0')
    return g_strdup ("");
  return NULL;
}

static void
on_reload_response_cb (WgPersonPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !wg_person_page_show (self, self->store, self->person_id, &error))
    g_warning ("%s", error->message);
}

static void
on_record_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              WgPersonPage     *self)
{
  GtkWidget *form = GTK_WIDGET (dialog);
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->dialog = NULL;
  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;

  if (g_str_equal (kind, "temperature"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *at = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
      int tenths = 0;

      ok = wg_temperature_parse (field (form, "value"), &tenths, &error) &&
           wg_store_add_temperature (self->store, self->person_id, at, tenths, &error);
    }
  else if (g_str_equal (kind, "edit"))
    ok = wg_store_update_person_seen (self->store, self->person_id, self->version, field (form, "name"),
                                      field (form, "phone"), field (form, "relation"), &error);
  else if (g_str_equal (kind, "quarantine"))
    ok = wg_store_add_quarantine (self->store, self->person_id, WG_QUARANTINE_KIND_HOME, field (form, "start"),
                                  field (form, "end"), &error);
  else if (g_str_equal (kind, "central"))
    {
      GStrv sites = g_object_get_data (G_OBJECT (dialog), "sites");

      ok = wg_store_add_central_quarantine (self->store, self->person_id,
                                            sites[wg_form_dialog_get_choice (form, "site")],
                                            field (form, "room"), field (form, "start"), field (form, "end"),
                                            &error);
    }
  else if (g_str_equal (kind, "nat"))
    {
      g_autofree char *at = g_strdup_printf ("%s %s:00", field (form, "day"), field (form, "time"));
      static const WgNatResult results[] = { WG_NAT_RESULT_NEGATIVE, WG_NAT_RESULT_POSITIVE,
                                             WG_NAT_RESULT_PENDING };

      ok = wg_store_add_nat_test (self->store, self->person_id, at, field (form, "institution"),
                                  wg_form_dialog_get_choice (form, "tube") == 1,
                                  results[wg_form_dialog_get_choice (form, "result")], &error);
    }
  else if (g_str_equal (kind, "vaccination"))
    ok = wg_store_add_vaccination (self->store, self->person_id, atoi (field (form, "dose")),
                                   field (form, "day"), field (form, "product"), field (form, "batch"),
                                   field (form, "site"), &error);
  else if (g_str_equal (kind, "health-code"))
    ok = wg_store_add_health_code (self->store, self->person_id, field (form, "day"),
                                   WG_HEALTH_CODE_GREEN + wg_form_dialog_get_choice (form, "colour"), &error);
  else
    ok = wg_store_add_itinerary (self->store, self->person_id, field (form, "place"), field (form, "arrived"),
                                 field (form, "left"), wg_form_dialog_get_choice (form, "risk"), &error);

  /* Show the file again, with the change (or say why there is none). */
  if (!ok || !wg_person_page_show (self, self->store, self->person_id, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                 _("The Record Was Not Saved"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      /* Another desk saved the person first: show what it saved. */
      if (g_error_matches (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED))
        {
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "reload", _("_Reload"));
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), "reload",
                                                      ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (alert), "reload");
          g_signal_connect_object (alert, "response::reload", G_CALLBACK (on_reload_response_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      gtk_window_present (GTK_WINDOW (alert));
    }
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WgPersonPage *self = WG_PERSON_PAGE (widget);
  const char *kind = action_name + strlen ("person.add-");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 13);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *clock = g_date_time_format (now, "%H:%M");
  g_autofree char *end = g_date_time_format (later, "%Y-%m-%d");
  const char *heading;
  GtkWidget *dialog;

  if (self->person_id == 0 || self->dialog != NULL)
    return;
  if (g_str_equal (action_name, "person.edit"))
    kind = "edit";

  heading = g_str_equal (kind, "temperature") ? _("Add a Temperature Reading")
            : g_str_equal (kind, "quarantine") ? _("Add a Home Quarantine")
            : g_str_equal (kind, "central") ? _("Add a Central Quarantine")
            : g_str_equal (kind, "nat") ? _("Add a Nucleic-Acid Test")
            : g_str_equal (kind, "vaccination") ? _("Add a Vaccination Dose")
            : g_str_equal (kind, "health-code") ? _("Add a Health Code")
            : g_str_equal (kind, "itinerary") ? _("Add a Place to the Itinerary")
            : _("Edit the Person");
  dialog = wg_form_dialog_new (widget, heading, gtk_label_get_label (self->name_label), check_record_fields);
  g_object_set_data_full (G_OBJECT (dialog), "kind", g_strdup (kind), g_free);

  if (g_str_equal (kind, "temperature"))
    wg_form_dialog_add_field (dialog, "value", _("Temperature (°C)"), NULL);
  else if (g_str_equal (kind, "quarantine") || g_str_equal (kind, "central"))
    {
      if (g_str_equal (kind, "central"))
        {
          g_autoptr(GError) error = NULL;
          GStrv sites = wg_store_list_quarantine_sites (self->store, &error);

          if (sites == NULL || sites[0] == NULL)
            {
              g_strfreev (sites);
              gtk_window_destroy (GTK_WINDOW (dialog));
              return;
            }
          g_object_set_data_full (G_OBJECT (dialog), "sites", sites, (GDestroyNotify) g_strfreev);
          wg_form_dialog_add_choice (dialog, "site", _("Quarantine site"), (const char *const *) sites);
          wg_form_dialog_add_field (dialog, "room", _("Room"), NULL);
        }
      wg_form_dialog_add_field (dialog, "start", _("First Day"), today);
      wg_form_dialog_add_field (dialog, "end", _("Last Day"), end);
    }
  else if (g_str_equal (kind, "nat"))
    {
      const char *results[] = { _("Negative"), _("Positive"), _("Pending"), NULL };
      const char *tubes[] = { _("Single"), _("Pooled"), NULL };

      wg_form_dialog_add_field (dialog, "day", _("Day"), today);
      wg_form_dialog_add_field (dialog, "time", _("Sampled at (HH:MM)"), clock);
      wg_form_dialog_add_field (dialog, "institution", _("Institution"), NULL);
      wg_form_dialog_add_choice (dialog, "tube", _("Tube"), tubes);
      wg_form_dialog_add_choice (dialog, "result", _("Result"), results);
    }
  else if (g_str_equal (kind, "vaccination"))
    {
      wg_form_dialog_add_field (dialog, "dose", _("Dose"), NULL);
      wg_form_dialog_add_field (dialog, "day", _("Date"), today);
      wg_form_dialog_add_field (dialog, "product", _("Product"), NULL);
      wg_form_dialog_add_field (dialog, "batch", _("Batch"), NULL);
      wg_form_dialog_add_field (dialog, "site", _("Site"), NULL);
    }
  else if (g_str_equal (kind, "health-code"))
    {
      const char *colours[] = { _("Green"), _("Yellow"), _("Red"), NULL };

      wg_form_dialog_add_field (dialog, "day", _("Day"), today);
      wg_form_dialog_add_choice (dialog, "colour", _("Colour"), colours);
    }
  else if (g_str_equal (kind, "itinerary"))
    {
      const char *risks[] = { _("Low risk"), _("Medium risk"), _("High risk"), NULL };

      wg_form_dialog_add_field (dialog, "place", _("Place"), NULL);
      wg_form_dialog_add_field (dialog, "arrived", _("Arrived"), NULL);
      wg_form_dialog_add_field (dialog, "left", _("Left"), NULL);
      wg_form_dialog_add_choice (dialog, "risk", _("Risk"), risks);
    }
  else
    {
      g_autoptr(WgPersonInfo) info = wg_store_read_person (self->store, self->person_id, NULL);

      wg_form_dialog_add_field (dialog, "name", _("Name"), info != NULL ? info->name : NULL);
      wg_form_dialog_add_field (dialog, "phone", _("Phone"), info != NULL ? info->phone : NULL);
      wg_form_dialog_add_field (dialog, "relation", _("Relation"), info != NULL ? info->relation : NULL);
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "add", _("_Save"));
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_record_dialog_response_cb), self, 0);

  self->dialog = dialog;
  wg_form_dialog_present (dialog);
}

static void
show_attach_error (WgPersonPage *self,
                   const char   *basename,
                   const char   *message)
{
  g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Attached"), basename);
  GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                             heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
  if (self->alert != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->alert), (gpointer *) &self->alert);
  self->alert = alert;
  g_object_add_weak_pointer (G_OBJECT (alert), (gpointer *) &self->alert);
  gtk_window_present (GTK_WINDOW (alert));
}

static void
on_attachment_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(WgPersonPage) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (g_task_get_task_data (G_TASK (result)));
  g_autofree char *message = NULL;
  GtkWidget *overlay;

  bytes = wg_attachment_read_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  if (bytes == NULL ||
      !wg_attachment_add (self->store, self->person_id, basename, bytes, NULL, &error))
    {
      show_attach_error (self, basename, error->message);
      return;
    }

  wg_person_page_show (self, self->store, self->person_id, NULL);
  message = g_strdup_printf (_("Attached “%s”: it is bound into the dossier"), basename);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  g_signal_emit (self, signals[ATTACHED], 0);
}

/**
 * wg_person_page_attach_file:
 * @self: a #WgPersonPage
 * @file: a PDF, PNG or JPEG file
 *
 * Reads @file and binds it into the person's file, or says why not in a
 * dialog. Emits #WgPersonPage::attached when it is stored.
 */
void
wg_person_page_attach_file (WgPersonPage *self,
                            GFile        *file)
{
  g_return_if_fail (WG_IS_PERSON_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Measured before it is read, in a thread: never more than the limit. */
  wg_attachment_read_file_async (file, self->cancellable, on_attachment_loaded_cb, g_object_ref (self));
}

static void
on_chooser_response_cb (WgPersonPage         *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        wg_person_page_attach_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgPersonPage *self = WG_PERSON_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->person_id == 0 || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach a File"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF files and pictures"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
wg_person_page_dispose (GObject *object)
{
  WgPersonPage *self = WG_PERSON_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->alert != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->alert), (gpointer *) &self->alert);
  self->alert = NULL;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), WG_TYPE_PERSON_PAGE);

  G_OBJECT_CLASS (wg_person_page_parent_class)->dispose (object);
}

static void assign_team_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

static void
wg_person_page_class_init (WgPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_person_page_dispose;

  /**
   * WgPersonPage::open-household:
   * @household_id: the person's household
   */
  signals[OPEN_HOUSEHOLD] = g_signal_new ("open-household", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          G_TYPE_INT64);

  /**
   * WgPersonPage::attached:
   *
   * A file was bound into the person's file.
   */
  /**
   * WgPersonPage::changed:
   *
   * The person or their file was changed here.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ATTACHED] = g_signal_new ("attached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  wg_application_ensure_resources ();
  g_type_ensure (WG_TYPE_DOSSIER_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, household_button);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, household_button_content);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, id_row);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, born_row);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, records_box);
  gtk_widget_class_bind_template_child (widget_class, WgPersonPage, dossier_buttons);

  gtk_widget_class_install_action (widget_class, "person.open-household", NULL, open_household_action);
  gtk_widget_class_install_action (widget_class, "person.add-temperature", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "person.add-quarantine", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "person.add-central", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "person.add-nat", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "person.add-vaccination", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "person.add-health-code", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "person.add-itinerary", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "person.edit", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "person.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "person.assign-team", "u", assign_team_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "person.open-household", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wg_person_page_init (WgPersonPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* The five-to-one team (五包一) of someone in quarantine: a row per role,
 * as the county names them, each assigned or changed from its row. */
static GtkWidget *
team_group (WgPersonPage *self,
            GPtrArray    *team)
{
  g_auto(GStrv) roles = wg_store_dup_team_roles (self->store);
  GtkWidget *group = adw_preferences_group_new ();
  guint assigned = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Five-to-One Team"));
  for (guint role = 1; role <= WG_TEAM_ROLES; role++)
    {
      const WgFigureRow *member = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *button;

      for (guint i = 0; i < team->len; i++)
        if (((WgFigureRow *) team->pdata[i])->id == role)
          member = g_ptr_array_index (team, i);
      assigned += member != NULL;
      subtitle = member == NULL ? g_strdup (_("Not assigned"))
                 : g_strdup_printf ("%s%s%s", member->label, member->fact != NULL ? " · " : "",
                                    member->fact != NULL ? member->fact : "");
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), roles[role - 1]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (member == NULL)
        gtk_widget_add_css_class (row, "overdue");
      button = gtk_button_new_with_label (member == NULL ? _("Assign…") : _("Change…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, roles[role - 1]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "person.assign-team");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", role);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  {
    /* Translators: the team's line: "4 of 5 assigned" */
    g_autofree char *description = g_strdup_printf (_("%u of %u assigned"), assigned, WG_TEAM_ROLES);

    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  }
  return group;
}

static char *
check_team_member (GtkWidget *dialog)
{
  return NULL;
}

static void
on_team_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     WgPersonPage     *self)
{
  g_autoptr(GError) error = NULL;
  guint role = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "role"));

  self->dialog = NULL;
  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;
  if (!wg_store_set_team_member (self->store, self->person_id, role,
                                 wg_form_dialog_get_text (GTK_WIDGET (dialog), "name"),
                                 wg_form_dialog_get_text (GTK_WIDGET (dialog), "phone"), &error) ||
      !wg_person_page_show (self, self->store, self->person_id, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                 _("The Record Was Not Saved"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
assign_team_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WgPersonPage *self = WG_PERSON_PAGE (widget);
  guint role = g_variant_get_uint32 (parameter);
  g_auto(GStrv) roles = NULL;
  g_autoptr(GPtrArray) team = NULL;
  const WgFigureRow *member = NULL;
  GtkWidget *dialog;

  if (self->store == NULL || self->dialog != NULL || role < 1 || role > WG_TEAM_ROLES)
    return;
  roles = wg_store_dup_team_roles (self->store);
  team = wg_store_list_team (self->store, self->person_id, NULL);
  for (guint i = 0; team != NULL && i < team->len; i++)
    if (((WgFigureRow *) team->pdata[i])->id == role)
      member = g_ptr_array_index (team, i);
  dialog = wg_form_dialog_new (widget, roles[role - 1],
                               _("Who answers for this person in quarantine (an empty name takes the role off)."),
                               check_team_member);
  g_object_set_data (G_OBJECT (dialog), "role", GUINT_TO_POINTER (role));
  wg_form_dialog_add_field (dialog, "name", _("Name"), member != NULL ? member->label : NULL);
  wg_form_dialog_add_field (dialog, "phone", _("Phone"), member != NULL ? member->fact : NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "add", _("_Save"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_team_response_cb), self);
  self->dialog = dialog;
  wg_form_dialog_present (dialog);
}

/**
 * wg_person_page_show:
 * @self: a #WgPersonPage
 * @store: the county database
 * @person_id: the person
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was read and is shown
 */
gboolean
wg_person_page_show (WgPersonPage  *self,
                     WgStore       *store,
                     gint64         person_id,
                     GError       **error)
{
  g_autoptr(WgPersonInfo) info = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GPtrArray) team = NULL;
  g_autofree char *born = NULL;
  g_autofree char *status = NULL;
  g_autofree char *household = NULL;
  GtkWidget *child;
  GDate today;
  int age;

  g_return_val_if_fail (WG_IS_PERSON_PAGE (self), FALSE);
  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!(info = wg_store_read_person (store, person_id, error)))
    return FALSE;
  self->version = info->version;

  /* Read every table first: a failure shows nothing half-updated. */
  if (!(team = wg_store_list_team (store, person_id, error)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (shown_kinds); i++)
    {
      WgRecordTable *table = wg_store_read_records (store, shown_kinds[i], person_id, error);

      if (table == NULL)
        {
          g_ptr_array_set_free_func (tables, (GDestroyNotify) wg_record_table_free);
          return FALSE;
        }
      g_ptr_array_add (tables, table);
    }

  self->person_id = person_id;
  self->household_id = info->household_id;
  g_set_object (&self->store, store);

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  age = wg_id_number_get_age (info->id_number, &today);

  gtk_label_set_label (self->name_label, info->name);
  if (info->residency == WG_RESIDENCY_AWAY && info->away_place != NULL)
    status = g_strdup_printf ("%s · %s", wg_residency_describe (info->residency), info->away_place);
  else if (info->residency == WG_RESIDENCY_RETURNEE && info->returned_on != NULL)
    status = g_strdup_printf (_("%s · returned %s"), wg_residency_describe (info->residency),
                              info->returned_on);
  else
    status = g_strdup (wg_residency_describe (info->residency));
  if (info->monitoring)
    {
      g_autofree char *with = g_strdup_printf ("%s · %s", status, _("Health monitoring"));
      g_free (status);
      status = g_steal_pointer (&with);
    }
  gtk_label_set_label (self->status_label, status);

  adw_action_row_set_subtitle (self->id_row, info->id_number);
  wg_dossier_buttons_set_code (self->dossier_buttons, info->id_number);
  born = g_strdup_printf (_("%s · born %s · %d years"), info->sex == 1 ? _("Male") : _("Female"),
                          info->birth_date, age);
  adw_action_row_set_subtitle (self->born_row, born);
  adw_action_row_set_subtitle (self->phone_row, info->phone != NULL ? info->phone : "—");
  household = g_strdup_printf ("%s · %s%s%s", info->address != NULL ? info->address : "—",
                               info->household_code != NULL ? info->household_code : "",
                               info->relation != NULL ? " · " : "",
                               info->relation != NULL ? info->relation : "");
  adw_action_row_set_subtitle (self->address_row, household);
  adw_button_content_set_label (self->household_button_content,
                                info->address != NULL ? info->address : _("No household"));
  gtk_widget_set_visible (self->household_button, info->household_id > 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->records_box))) != NULL)
    gtk_box_remove (self->records_box, child);
  /* The team, for whoever has been in quarantine or has one. */
  for (guint i = 0; i < tables->len; i++)
    {
      const WgRecordTable *table = g_ptr_array_index (tables, i);

      if ((table->kind == WG_RECORD_KIND_QUARANTINE && table->rows->len > 0) || team->len > 0)
        {
          gtk_box_append (self->records_box, team_group (self, team));
          break;
        }
    }
  for (guint i = 0; i < tables->len; i++)
    {
      WgRecordTable *table = g_ptr_array_index (tables, i);

      /* Rooms and transfers are some people's only: not a heading for
       * everyone's file. */
      if ((table->kind == WG_RECORD_KIND_ROOM_STAY || table->kind == WG_RECORD_KIND_TRANSFER) &&
          table->rows->len == 0)
        {
          wg_record_table_free (table);
          continue;
        }
      /* The chart sits above the temperature table it draws. */
      if (table->kind == WG_RECORD_KIND_TEMPERATURE && table->rows->len > 0)
        {
          GtkWidget *chart = wg_temperature_chart_new (table);

          gtk_widget_add_css_class (chart, "card");
          gtk_box_append (self->records_box, chart);
        }
      gtk_box_append (self->records_box, wg_record_view_new (table));
    }
  /* The help orders of the person's household, when it has any. */
  if (info->household_id > 0)
    {
      g_autoptr(GError) local_error = NULL;
      WgRecordTable *orders = wg_store_read_records (store, WG_RECORD_KIND_HELP_ORDER, info->household_id,
                                                     &local_error);

      if (orders == NULL)
        g_warning ("%s", local_error->message);
      else if (orders->rows->len == 0)
        wg_record_table_free (orders);
      else
        gtk_box_append (self->records_box, wg_record_view_new (orders));
    }

  return TRUE;
}

gint64
wg_person_page_get_person_id (WgPersonPage *self)
{
  g_return_val_if_fail (WG_IS_PERSON_PAGE (self), 0);

  return self->person_id;
}

/**
 * wg_person_page_get_chart:
 * @self: a #WgPersonPage
 *
 * Returns: (transfer none) (nullable): the temperature chart, when there are readings
 */
GtkWidget *
wg_person_page_get_chart (WgPersonPage *self)
{
  g_return_val_if_fail (WG_IS_PERSON_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->records_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (WG_IS_TEMPERATURE_CHART (child))
      return child;
  return NULL;
}

/**
 * wg_person_page_get_records:
 * @self: a #WgPersonPage
 * @kind: a table of the file
 *
 * Returns: (transfer none) (nullable): the #WgRecordView showing that table
 */
GtkWidget *
wg_person_page_get_records (WgPersonPage *self,
                            WgRecordKind  kind)
{
  g_return_val_if_fail (WG_IS_PERSON_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->records_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (WG_IS_RECORD_VIEW (child) && wg_record_view_get_kind (WG_RECORD_VIEW (child)) == kind)
      return child;
  return NULL;
}

/**
 * wg_person_page_get_dialog:
 * @self: a #WgPersonPage
 *
 * Returns: (transfer none) (nullable): the open "add a record" dialog
 */
GtkWidget *
wg_person_page_get_dialog (WgPersonPage *self)
{
  g_return_val_if_fail (WG_IS_PERSON_PAGE (self), NULL);

  /* The form being filled in, or the message saying what went wrong. */
  return self->dialog != NULL ? self->dialog : self->alert;
}
