/* wg-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import… : a spreadsheet previewed before anything is written. The file's
 * columns each with the field they feed (the operator corrects any, and the
 * correction is remembered for files with the same headers), the columns
 * nobody takes listed, every row's verdict — new, already there, an arrival
 * for a registered person, conflicting with the registry and how, invalid
 * and why — by the row number the spreadsheet shows. Then one transaction;
 * by default nothing while a row is invalid, or the valid rows with the
 * invalid ones saved beside the file.
 *
 * The preview is the import itself run as a dry run (core decides every
 * row the same way both times).
 */

#define G_LOG_DOMAIN "wg-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-import-dialog.h"
#include "wg-import.h"
#include "wg-store.h"
#include "wg-context.h"

#define SHOWN_ROWS 300

struct _WgImportDialog
{
  AdwWindow parent_instance;

  WgContext *context;
  WgStore *store;  /* the context's */
  WgImportKind kind;
  char *path;
  GHashTable *mapping;        /* NULL until the operator corrects a column */
  WgImportReport *report;
  GStrv fields;               /* the kind's field ids, as the combo rows list them */
  GPtrArray *shown;           /* ShownRow: what the list shows */
  guint preview_id;
  GCancellable *cancellable;  /* the job running: a preview or the import */
  gboolean busy;

  AdwComboRow *kind_row;
  AdwComboRow *channel_row;
  AdwActionRow *file_row;
  AdwPreferencesGroup *columns_group;
  GPtrArray *column_rows;
  AdwPreferencesGroup *rows_group;
  GtkListBox *rows_list;
  GtkSwitch *skip_switch;
  GtkLabel *error_label;
  GtkWidget *import_button;
  char *summary;
};

G_DEFINE_FINAL_TYPE (WgImportDialog, wg_import_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  guint number;
  WgRowVerdict verdict;
  char *message;
  char *cells;
} ShownRow;

static void
shown_row_free (gpointer data)
{
  ShownRow *row = data;

  g_free (row->message);
  g_free (row->cells);
  g_free (row);
}

/* In the worker: the rows the list will show. */
static void
collect_row_cb (const WgImportRow *row,
                gpointer           user_data)
{
  GPtrArray *shown_rows = user_data;
  gboolean problem = row->verdict == WG_ROW_VERDICT_INVALID || row->verdict == WG_ROW_VERDICT_CONFLICT;
  ShownRow *shown;

  /* Every problem up to the cap; the other rows only while there is room
   * (a problem takes the place of the last ordinary row). */
  if (shown_rows->len >= SHOWN_ROWS && !problem)
    return;
  if (shown_rows->len >= SHOWN_ROWS)
    {
      for (guint i = shown_rows->len; i > 0; i--)
        {
          ShownRow *s = shown_rows->pdata[i - 1];

          if (s->verdict != WG_ROW_VERDICT_INVALID && s->verdict != WG_ROW_VERDICT_CONFLICT)
            {
              g_ptr_array_remove_index (shown_rows, i - 1);
              break;
            }
        }
      if (shown_rows->len >= SHOWN_ROWS)
        return;
    }
  shown = g_new0 (ShownRow, 1);
  shown->number = row->number;
  shown->verdict = row->verdict;
  shown->message = g_strdup (row->message);
  {
    g_autoptr(GString) cells = g_string_new (NULL);

    for (guint i = 0; i < row->n_cells; i++)
      if (*row->cells[i] != '\0')
        g_string_append_printf (cells, "%s%s", cells->len > 0 ? " · " : "", row->cells[i]);
    shown->cells = g_string_free (g_steal_pointer (&cells), FALSE);
  }
  g_ptr_array_add (shown_rows, shown);
}

static const char *
verdict_style (WgRowVerdict verdict)
{
  switch (verdict)
    {
    case WG_ROW_VERDICT_INVALID: return "error";
    case WG_ROW_VERDICT_CONFLICT: return "warning";
    case WG_ROW_VERDICT_NEW:
    case WG_ROW_VERDICT_ADDED: return "success";
    case WG_ROW_VERDICT_SAME:
    default: return "dim-label";
    }
}

static void
fill_rows (WgImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_list))) != NULL)
    gtk_list_box_remove (self->rows_list, child);
  for (guint i = 0; i < self->shown->len; i++)
    {
      ShownRow *s = self->shown->pdata[i];
      g_autofree char *title = g_strdup_printf (_("Row %u"), s->number);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *verdict = gtk_label_new (wg_row_verdict_label (s->verdict));
      g_autofree char *subtitle = NULL;

      if (s->message != NULL && *s->message != '\0')
        subtitle = g_strdup_printf ("%s\n%s", s->message, s->cells);
      else
        subtitle = g_strdup (s->cells);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (verdict, verdict_style (s->verdict));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), verdict);
      gtk_list_box_append (self->rows_list, row);
    }
}

static void on_column_selected_cb (AdwComboRow    *row,
                                   GParamSpec     *pspec,
                                   WgImportDialog *self);

static guint
position_of (WgImportDialog *self,
             const char     *field)
{
  if (field == NULL || *field == '\0')
    return 0;
  for (guint i = 0; self->fields[i] != NULL; i++)
    if (g_str_equal (self->fields[i], field))
      return i + 1;
  return 0;
}

static void
fill_columns (WgImportDialog *self)
{
  const WgImportReport *report = self->report;
  gboolean same = report != NULL && report->headers != NULL &&
                  self->column_rows->len == g_strv_length (report->headers);

  for (guint i = 0; same && i < self->column_rows->len; i++)
    same = g_str_equal (adw_preferences_row_get_title (self->column_rows->pdata[i]), report->headers[i]);

  if (!same)
    {
      for (guint i = 0; i < self->column_rows->len; i++)
        adw_preferences_group_remove (self->columns_group, self->column_rows->pdata[i]);
      g_ptr_array_set_size (self->column_rows, 0);
      if (report == NULL || report->headers == NULL)
        return;
      for (guint c = 0; report->headers[c] != NULL; c++)
        {
          g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
          GtkWidget *row = adw_combo_row_new ();

          gtk_string_list_append (model, _("Ignore this column"));
          for (guint f = 0; self->fields[f] != NULL; f++)
            gtk_string_list_append (model, wg_import_field_label (self->kind, self->fields[f]));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), report->headers[c]);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), position_of (self, report->fields[c]));
          g_signal_connect (row, "notify::selected", G_CALLBACK (on_column_selected_cb), self);
          adw_preferences_group_add (self->columns_group, row);
          g_ptr_array_add (self->column_rows, row);
        }
    }
  else
    for (guint c = 0; c < self->column_rows->len; c++)
      {
        g_signal_handlers_block_by_func (self->column_rows->pdata[c], on_column_selected_cb, self);
        adw_combo_row_set_selected (self->column_rows->pdata[c], position_of (self, report->fields[c]));
        g_signal_handlers_unblock_by_func (self->column_rows->pdata[c], on_column_selected_cb, self);
      }

  if (report->ignored != NULL && report->ignored[0] != NULL)
    {
      g_autofree char *ignored = g_strjoinv ("、", report->ignored);
      g_autofree char *description = g_strdup_printf (_("Columns nobody takes are ignored: %s"), ignored);

      adw_preferences_group_set_description (self->columns_group, description);
    }
  else
    adw_preferences_group_set_description (self->columns_group, _("Every column is read."));
}

static gboolean
can_import (WgImportDialog *self)
{
  const WgImportReport *r = self->report;
  guint useful;

  if (self->busy || r == NULL || r->headers == NULL || self->summary == NULL)
    return FALSE;
  useful = r->counts[WG_ROW_VERDICT_NEW] + r->counts[WG_ROW_VERDICT_ADDED] +
           (self->kind == WG_IMPORT_KIND_RETURNEES ? r->counts[WG_ROW_VERDICT_CONFLICT] : 0);
  return useful > 0 && (r->counts[WG_ROW_VERDICT_INVALID] == 0 || gtk_switch_get_active (self->skip_switch));
}

static WgReturneeChannel
channel (WgImportDialog *self)
{
  static const WgReturneeChannel channels[] = { WG_RETURNEE_CHANNEL_PUSHED, WG_RETURNEE_CHANNEL_QR, WG_RETURNEE_CHANNEL_SCREENING };
  guint selected = adw_combo_row_get_selected (self->channel_row);

  return channels[selected < G_N_ELEMENTS (channels) ? selected : 0];
}


/* A preview (a dry run) or the import, in a worker on a connection of its
 * own, so that a county's register does not hold the window. */
typedef struct
{
  char *db_path;
  char *operator_name;
  char *path;
  char *rejected_path;
  GHashTable *mapping;
  WgImportOptions options;
  GPtrArray *shown;
  WgImportReport *report;
  GError *error;
  gboolean ok;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->operator_name);
  g_free (job->path);
  g_free (job->rejected_path);
  g_clear_pointer (&job->mapping, g_hash_table_unref);
  g_clear_pointer (&job->shown, g_ptr_array_unref);
  g_clear_pointer (&job->report, wg_import_report_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(WgStore) store = wg_store_open (job->db_path, WG_STORE_OPEN_FLAGS_DEFAULT, &job->error);

  if (store != NULL)
    {
      wg_store_set_operator (store, job->operator_name);
      job->options.cancellable = cancellable;
      job->ok = wg_import_file (store, &job->options, &job->report, &job->error);
    }
  g_task_return_boolean (task, TRUE);
}

static Job *
job_new (WgImportDialog *self,
         gboolean        dry_run)
{
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (wg_store_get_location (self->store));
  job->operator_name = g_strdup (wg_store_get_operator (self->store));
  job->path = g_strdup (self->path);
  job->mapping = self->mapping != NULL ? g_hash_table_ref (self->mapping) : NULL;
  job->shown = g_ptr_array_new_with_free_func (shown_row_free);
  job->options.kind = self->kind;
  job->options.path = job->path;
  job->options.channel = channel (self);
  job->options.mapping = job->mapping;
  job->options.dry_run = dry_run;
  if (dry_run)
    {
      /* Every row decided, none refused the run. */
      job->options.skip_invalid = TRUE;
      job->options.row_func = collect_row_cb;
      job->options.user_data = job->shown;
    }
  else
    {
      job->options.skip_invalid = gtk_switch_get_active (self->skip_switch);
      job->rejected_path = wg_import_default_rejected_path (self->path);
      job->options.rejected_path = job->rejected_path;
    }
  return job;
}

static void
set_busy (WgImportDialog *self,
          gboolean        busy,
          const char     *doing)
{
  self->busy = busy;
  if (busy)
    {
      adw_preferences_group_set_description (self->rows_group, doing);
      gtk_widget_set_sensitive (self->import_button, FALSE);
    }
}

static void
start_job (WgImportDialog      *self,
           Job                 *job,
           GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, done, NULL);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

static void
preview_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WgImportDialog *self = WG_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (g_task_had_error (G_TASK (result)) || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self->busy = FALSE;
  g_clear_pointer (&self->report, wg_import_report_free);
  g_clear_pointer (&self->summary, g_free);
  self->report = g_steal_pointer (&job->report);
  g_ptr_array_unref (self->shown);
  self->shown = g_steal_pointer (&job->shown);

  if (!job->ok)
    {
      g_debug ("Preview of %s: %s", self->path, job->error->message);
      gtk_label_set_label (self->error_label, job->error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else
    {
      const WgImportReport *r = self->report;

      self->summary = g_strdup_printf (_("%u rows: %u new, %u added to a record, %u already there, %u in conflict, %u invalid"),
                                       r->rows, r->counts[WG_ROW_VERDICT_NEW], r->counts[WG_ROW_VERDICT_ADDED],
                                       r->counts[WG_ROW_VERDICT_SAME], r->counts[WG_ROW_VERDICT_CONFLICT],
                                       r->counts[WG_ROW_VERDICT_INVALID]);
    }
  if (self->report != NULL && self->report->format != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->path);
      g_autofree char *subtitle = NULL;

      subtitle = self->report->encoding != NULL
               ? g_strdup_printf (_("%s — %s, %s, header on row %u"), base, self->report->format,
                                  self->report->encoding, self->report->header_row)
               : g_strdup_printf (_("%s — %s, header on row %u"), base, self->report->format,
                                  self->report->header_row);
      adw_action_row_set_subtitle (self->file_row, subtitle);
    }
  fill_columns (self);
  fill_rows (self);
  adw_preferences_group_set_description (self->rows_group, self->summary != NULL ? self->summary : "");
  gtk_widget_set_sensitive (self->import_button, can_import (self));
}

static void
preview (WgImportDialog *self)
{
  g_clear_pointer (&self->summary, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (self->path == NULL)
    {
      fill_columns (self);
      return;
    }
  set_busy (self, TRUE, _("Reading the file…"));
  start_job (self, job_new (self, TRUE), preview_done);
}

static gboolean
preview_idle_cb (gpointer user_data)
{
  WgImportDialog *self = user_data;

  self->preview_id = 0;
  preview (self);
  return G_SOURCE_REMOVE;
}

static void
queue_preview (WgImportDialog *self)
{
  if (self->preview_id == 0)
    /* Above redrawing: an animation elsewhere must not hold it back. */
    self->preview_id = g_idle_add_full (G_PRIORITY_DEFAULT, preview_idle_cb, self, NULL);
}

static void
on_column_selected_cb (AdwComboRow    *row,
                       GParamSpec     *pspec,
                       WgImportDialog *self)
{
  /* The whole header row as the operator now sees it becomes the mapping
   * (and is remembered with the import). */
  if (self->mapping == NULL)
    self->mapping = wg_import_mapping_new ();
  for (guint c = 0; c < self->column_rows->len; c++)
    {
      AdwComboRow *r = self->column_rows->pdata[c];
      guint selected = adw_combo_row_get_selected (r);
      char *header = wg_import_normalize_header (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r)));

      if (*header == '\0')
        {
          g_free (header);
          continue;
        }
      g_hash_table_replace (self->mapping, header, g_strdup (selected == 0 ? "" : self->fields[selected - 1]));
    }
  queue_preview (self);
}

static void
on_kind_selected_cb (WgImportDialog *self)
{
  self->kind = adw_combo_row_get_selected (self->kind_row);
  g_strfreev (self->fields);
  self->fields = wg_import_list_fields (self->kind);
  g_clear_pointer (&self->mapping, g_hash_table_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_row), self->kind == WG_IMPORT_KIND_RETURNEES);
  /* Other fields: the columns are listed anew. */
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, self->column_rows->pdata[i]);
  g_ptr_array_set_size (self->column_rows, 0);
  queue_preview (self);
}

static void
on_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   WgImportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        wg_import_dialog_set_file (self, path);
    }
  g_object_unref (chooser);
}

static void
choose_file (WgImportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Spreadsheet"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheets (.xlsx, .csv)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WgImportDialog *self = WG_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self->busy = FALSE;
  if (!job->ok)
    {
      gtk_label_set_label (self->error_label, job->error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      adw_preferences_group_set_description (self->rows_group, self->summary != NULL ? self->summary : "");
      gtk_widget_set_sensitive (self->import_button, can_import (self));
      return;
    }

  base = g_path_get_basename (self->path);
  if (job->report->rejected_path != NULL)
    message = g_strdup_printf (_("Imported %u rows from “%s”; %u invalid rows saved to “%s”"), job->report->written,
                               base, job->report->counts[WG_ROW_VERDICT_INVALID], job->report->rejected_path);
  else
    message = g_strdup_printf (_("Imported %u rows from “%s”"), job->report->written, base);
  /* Written on a connection of its own: the windows read the county again. */
  wg_context_registry_changed (self->context);
  wg_context_tell (self->context, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
do_import (WgImportDialog *self)
{
  if (!can_import (self) || self->busy)
    return;
  set_busy (self, TRUE, _("Importing…"));
  start_job (self, job_new (self, FALSE), import_done);
}

static void
wg_import_dialog_dispose (GObject *object)
{
  WgImportDialog *self = WG_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (wg_import_dialog_parent_class)->dispose (object);
}

static void
wg_import_dialog_finalize (GObject *object)
{
  WgImportDialog *self = WG_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_free (self->path);
  g_clear_pointer (&self->mapping, g_hash_table_unref);
  g_clear_pointer (&self->report, wg_import_report_free);
  g_strfreev (self->fields);
  g_ptr_array_unref (self->shown);
  g_ptr_array_unref (self->column_rows);
  g_free (self->summary);
  G_OBJECT_CLASS (wg_import_dialog_parent_class)->finalize (object);
}

static void
wg_import_dialog_class_init (WgImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_import_dialog_dispose;
  object_class->finalize = wg_import_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
string_combo (const char        *title,
              const char *const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static void
wg_import_dialog_init (WgImportDialog *self)
{
  const char *kind_items[] = {
    wg_import_kind_label (WG_IMPORT_KIND_GRIDS), wg_import_kind_label (WG_IMPORT_KIND_STAFF),
    wg_import_kind_label (WG_IMPORT_KIND_HOUSEHOLDS), wg_import_kind_label (WG_IMPORT_KIND_PEOPLE),
    wg_import_kind_label (WG_IMPORT_KIND_RETURNEES), NULL
  };
  const char *channel_items[] = {
    _("Pushed down from above"), _("The posters’ QR form"), _("Grid workers’ screening"), NULL
  };
  GtkWidget *box, *header, *cancel, *page, *group, *choose, *skip_row;

  self->shown = g_ptr_array_new_with_free_func (shown_row_free);
  self->column_rows = g_ptr_array_new ();
  self->fields = wg_import_list_fields (WG_IMPORT_KIND_GRIDS);

  gtk_window_set_title (GTK_WINDOW (self), _("Import"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 760);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (do_import), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("The File"));
  self->kind_row = ADW_COMBO_ROW (string_combo (_("_What it holds"), kind_items));
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));
  self->channel_row = ADW_COMBO_ROW (string_combo (_("_How the returnees were reported"), channel_items));
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (queue_preview), self);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->channel_row));
  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("Spreadsheet"));
  adw_action_row_set_subtitle (self->file_row, _("CSV (UTF-8 or GB18030) or XLSX"));
  choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_file), self);
  adw_action_row_add_suffix (self->file_row, choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->file_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->columns_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->columns_group, _("Columns"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->columns_group);

  self->rows_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->rows_group, _("Rows"));
  skip_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (skip_row), _("Import the valid rows even if some are invalid"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (skip_row),
                               _("The invalid rows are saved beside the file, with the reason for each"));
  self->skip_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->skip_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (skip_row), GTK_WIDGET (self->skip_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (skip_row), GTK_WIDGET (self->skip_switch));
  g_signal_connect_swapped (self->skip_switch, "notify::active", G_CALLBACK (queue_preview), self);
  adw_preferences_group_add (self->rows_group, skip_row);
  self->rows_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->rows_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->rows_list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->rows_list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rows of the file"), -1);
  adw_preferences_group_add (self->rows_group, GTK_WIDGET (self->rows_list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->rows_group);

  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_import_dialog_new:
 * @parent: the main window
 * @context: the application's context, with its store
 * @kind: what the file is expected to hold (the operator can change it)
 */
WgImportDialog *
wg_import_dialog_new (GtkWindow    *parent,
                      WgContext    *context,
                      WgImportKind  kind)
{
  WgImportDialog *self = g_object_new (WG_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (wg_context_get_store (context) != NULL, NULL);

  self->context = g_object_ref (context);
  self->store = g_object_ref (wg_context_get_store (context));
  adw_combo_row_set_selected (self->kind_row, kind);
  self->kind = kind;
  g_strfreev (self->fields);
  self->fields = wg_import_list_fields (kind);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_row), kind == WG_IMPORT_KIND_RETURNEES);
  return self;
}

void
wg_import_dialog_set_file (WgImportDialog *self,
                           const char     *path)
{
  g_return_if_fail (WG_IS_IMPORT_DIALOG (self));

  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_pointer (&self->mapping, g_hash_table_unref);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  preview (self);
}

gboolean
wg_import_dialog_get_busy (WgImportDialog *self)
{
  return self->busy || self->preview_id != 0;
}

const char *
wg_import_dialog_get_summary (WgImportDialog *self)
{
  return self->summary;
}

AdwComboRow *
wg_import_dialog_get_column_row (WgImportDialog *self,
                                 const char     *header)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (self->column_rows->pdata[i]), header))
      return self->column_rows->pdata[i];
  return NULL;
}

guint
wg_import_dialog_field_position (WgImportDialog *self,
                                 const char     *field)
{
  return position_of (self, field);
}

GtkWidget *
wg_import_dialog_get_import_button (WgImportDialog *self)
{
  return self->import_button;
}
