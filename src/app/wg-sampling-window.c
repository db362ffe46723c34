/* wg-sampling-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sampling round's results entered at once: when it sampled, who tested,
 * single or pooled tubes, and the list of ID numbers with their results —
 * typed, pasted from the institution's message, or read from its
 * spreadsheet. All of them are recorded or none (the line at fault named);
 * each fulfils its person's scheduled test; the positives are listed in red
 * at the top, at once.
 */

#define G_LOG_DOMAIN "wg-sampling-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-desk.h"
#include "wg-sampling-window.h"
#include "wg-sampling.h"
#include "wg-store-records.h"

struct _WgSamplingWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkWidget *sampled_row;
  GtkWidget *institution_row;
  GtkWidget *pooled_switch;
  GtkTextBuffer *buffer;
  AdwPreferencesGroup *positives_group;
  GtkWidget *positives_list;
  GtkWidget *summary;
  WgStore *store;
  GtkFileChooserNative *chooser;
  guint n_positives;
};

G_DEFINE_FINAL_TYPE (WgSamplingWindow, wg_sampling_window, ADW_TYPE_WINDOW)

static void
toast (WgSamplingWindow *self,
       const char *message)
{
  wg_desk_toast (self->toast_overlay, message);
}

static char *
entered_text (WgSamplingWindow *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

/* The round's positives, in red, above everything else. */
static void
show_positives (WgSamplingWindow *self,
                GArray           *positives)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->positives_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->positives_list), child);
  self->n_positives = positives->len;
  gtk_widget_set_visible (GTK_WIDGET (self->positives_group), positives->len > 0);
  for (guint i = 0; i < positives->len; i++)
    {
      g_autoptr(WgPersonInfo) person = wg_store_read_person (self->store, g_array_index (positives, gint64, i), NULL);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (person == NULL)
        continue;
      /* Translators: a positive result's row: "阳性 · 王建国 · 141021…" */
      title = g_strdup_printf (_("Positive · %s · %s"), person->name, person->id_number);
      subtitle = g_strdup_printf ("%s · %s · %s", person->address != NULL ? person->address : "—",
                                  person->household_code != NULL ? person->household_code : "—",
                                  person->phone != NULL ? person->phone : "—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "positive");
      gtk_list_box_append (GTK_LIST_BOX (self->positives_list), row);
    }
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgSamplingWindow *self = WG_SAMPLING_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GArray) positives = NULL;
  g_autofree char *text = entered_text (self);
  g_autofree char *sampled = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->sampled_row))));
  g_autofree char *institution = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->institution_row))));
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;

  when = strlen (sampled) == 16 ? g_strconcat (sampled, ":00", NULL) : g_strdup (sampled);
  if (!(samples = wg_sampling_parse_text (text, &error)))
    {
      toast (self, error->message);
      return;
    }
  if (samples->len == 0)
    {
      toast (self, _("Enter the results first: an ID number and a result on each line."));
      return;
    }
  if (!wg_store_record_sampling (self->store, when, institution,
                                 gtk_switch_get_active (GTK_SWITCH (self->pooled_switch)), samples, &positives,
                                 &error))
    {
      toast (self, error->message);
      return;
    }
  show_positives (self, positives);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result recorded, %u positive.",
                                          "%u results recorded, %u positive.", samples->len),
                             samples->len, positives->len);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  toast (self, summary);
  gtk_text_buffer_set_text (self->buffer, "", -1);
}

/* A spreadsheet's rows into the list, as lines: what will be recorded is
 * what the desk sees. */
static void
on_chooser_response_cb (GtkNativeDialog  *chooser,
                        int               response,
                        WgSamplingWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  wg_sampling_window_load_file (self, path);
}

/**
 * wg_sampling_window_load_file:
 * @self: a #WgSamplingWindow
 * @path: a CSV or XLSX: ID numbers in the first column, results in the second
 *
 * Puts the file's results in the list, one line each, for the desk to
 * check before recording them; a file that is not a list of results is
 * said so and leaves the list as it was.
 */
void
wg_sampling_window_load_file (WgSamplingWindow *self,
                              const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgTableReader) reader = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  static const char *const words[] = { "待定", "阴性", "阳性" };

  g_return_if_fail (WG_IS_SAMPLING_WINDOW (self));

  if (!(reader = wg_table_reader_open (path, NULL, NULL, &error)) || !(samples = wg_sampling_read (reader, &error)))
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < samples->len; i++)
    {
      const WgSample *sample = g_ptr_array_index (samples, i);

      g_string_append_printf (lines, "%s\t%s\n", sample->id_number, words[CLAMP (sample->result, 0, 2)]);
    }
  gtk_text_buffer_set_text (self->buffer, lines->str, -1);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgSamplingWindow *self = WG_SAMPLING_WINDOW (widget);
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV, XLSX)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  self->chooser = gtk_file_chooser_native_new (_("Read the Results from a File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Read"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* For the tests: the list as the desk would type it, and the round's fields. */
void
wg_sampling_window_set_round (WgSamplingWindow *self,
                              const char       *sampled,
                              const char       *institution,
                              const char       *results)
{
  g_return_if_fail (WG_IS_SAMPLING_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->sampled_row), sampled);
  gtk_editable_set_text (GTK_EDITABLE (self->institution_row), institution);
  if (results != NULL)
    gtk_text_buffer_set_text (self->buffer, results, -1);
}

guint
wg_sampling_window_get_n_positives (WgSamplingWindow *self)
{
  g_return_val_if_fail (WG_IS_SAMPLING_WINDOW (self), 0);

  return self->n_positives;
}

char *
wg_sampling_window_dup_results (WgSamplingWindow *self)
{
  g_return_val_if_fail (WG_IS_SAMPLING_WINDOW (self), NULL);

  return entered_text (self);
}

static void
wg_sampling_window_dispose (GObject *object)
{
  WgSamplingWindow *self = WG_SAMPLING_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wg_sampling_window_parent_class)->dispose (object);
}

static void
wg_sampling_window_class_init (WgSamplingWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_sampling_window_dispose;

  gtk_widget_class_install_action (widget_class, "sampling.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "sampling.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "sampling.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "sampling.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_sampling_window_init (WgSamplingWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *round = adw_preferences_group_new ();
  GtkWidget *results = adw_preferences_group_new ();
  GtkWidget *pooled_row = adw_action_row_new ();
  GtkWidget *record = gtk_button_new_with_mnemonic (_("_Record All"));
  GtkWidget *import = gtk_button_new_with_mnemonic (_("Read _File…"));
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *sampled = g_date_time_format (now, "%Y-%m-%d %H:%M");

  gtk_window_set_title (GTK_WINDOW (self), _("Sampling Round"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 720);

  gtk_widget_add_css_class (record, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (record), "sampling.record");
  gtk_widget_set_tooltip_text (record, _("Record every result of the list, or none (Ctrl+Enter)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "sampling.import");
  gtk_widget_set_tooltip_text (import, _("Put the results of the institution's spreadsheet in the list (Ctrl+O)"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), record);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), import);
  gtk_box_append (GTK_BOX (box), header);

  self->positives_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->positives_group, _("Positive"));
  adw_preferences_group_set_description (self->positives_group,
                                         _("Raise them now: the grid worker, the health commission, a transfer."));
  self->positives_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->positives_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->positives_list, "boxed-list");
  adw_preferences_group_add (self->positives_group, self->positives_list);
  gtk_widget_set_visible (GTK_WIDGET (self->positives_group), FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->positives_group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (round), _("The Round"));
  self->sampled_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sampled_row), _("Sampled (YYYY-MM-DD HH:MM)"));
  gtk_editable_set_text (GTK_EDITABLE (self->sampled_row), sampled);
  self->institution_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->institution_row), _("Testing Institution"));
  self->pooled_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->pooled_switch, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pooled_row), _("Pooled Tubes"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (pooled_row), self->pooled_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (pooled_row), self->pooled_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (round), self->sampled_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (round), self->institution_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (round), pooled_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (round));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (results), _("Results"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (results),
                                         _("One per line: the ID number, then 阴性, 阳性 or 待定 (a tab, a space or "
                                           "a comma between)."));
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Results"), -1);
  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
  gtk_widget_add_css_class (scroller, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (results), scroller);
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_add_css_class (self->summary, "dim-label");
  gtk_widget_set_margin_top (self->summary, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (results), self->summary);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (results));

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_sampling_window_new:
 * @store: the county database
 *
 * Returns: (transfer full): an empty round, sampled now
 */
WgSamplingWindow *
wg_sampling_window_new (WgStore *store)
{
  WgSamplingWindow *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_SAMPLING_WINDOW, NULL);
  self->store = g_object_ref (store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sampling.record", !wg_store_is_read_only (store));
  return self;
}
