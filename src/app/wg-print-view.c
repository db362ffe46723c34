/* wg-print-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choose a grid and what to print for it — label sheets, household cards,
 * village-entrance posters, or dossiers (a person's, or the packet of a
 * household or a grid) — see the pages, then export a PDF or print.
 * Documents are read and PDFs written in worker threads, each with its own
 * database connection; the window stays responsive, shows progress and can
 * cancel. Every export and print goes to the audit log.
 */

#define G_LOG_DOMAIN "wg-print-view"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "wg-application.h"

#include "wg-print-view.h"
#include "wg-document.h"
#include "wg-dossier.h"
#include "wg-label-sheet.h"
#include "wg-poster-set.h"
#include "wg-print-operation.h"
#include "wg-store-audit.h"
#include "wg-store-search.h"

struct _WgPrintView
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwEntryRow *grid_row;
  AdwComboRow *kind_row;
  AdwComboRow *level_row;
  AdwComboRow *paper_row;
  AdwActionRow *watched_row;
  GtkSwitch *watched_switch;
  GtkLabel *summary_label;
  GtkLabel *note_label;
  GtkStack *preview_stack;
  GtkSpinner *spinner;
  GtkPicture *preview;
  AdwStatusPage *nothing_page;
  GtkLabel *page_label;
  GtkRevealer *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkWidget *cancel_button;
  GtkWidget *print_button;
  GtkWidget *export_button;

  /* owned */
  WgStore *store;
  WgDocument *document;
  GCancellable *load_cancellable;
  GCancellable *export_cancellable;
  GtkFileChooserNative *chooser;
  GtkListBox *chooser_list;     /* the grid chooser's matches */
  GtkMenuButton *chooser_button;

  /* state */
  guint reload_id;
  guint progress_id;
  guint page;
  gint progress_permille; /* written by the worker threads */
  WgPrintThen then;
  guint loading : 1;
  guint busy : 1;
  guint load_cancelled : 1;
};

G_DEFINE_FINAL_TYPE (WgPrintView, wg_print_view, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *db_path;
  char *grid_code;
  WgPrintKind kind;
  guint level;
  WgPaper paper;
  gboolean only_watched;
  gint *progress_permille;
} LoadData;

typedef struct
{
  WgDocument *document;
  char *path;
  char *operator_name;
  gint *progress_permille;
} ExportData;

static void
load_data_free (LoadData *data)
{
  g_free (data->db_path);
  g_free (data->grid_code);
  g_free (data);
}

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->document);
  g_free (data->path);
  g_free (data->operator_name);
  g_free (data);
}

static const char *
kind_name (WgPrintKind kind)
{
  switch (kind)
    {
    case WG_PRINT_KIND_LABEL_SHEET:
      return "labels";
    case WG_PRINT_KIND_LABEL_CARDS:
      return "cards";
    case WG_PRINT_KIND_DOSSIERS:
      return "dossier";
    case WG_PRINT_KIND_POSTERS:
    default:
      return "posters";
    }
}

static void
update_actions (WgPrintView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->document != NULL && !self->loading && !self->busy;
  guint n_pages = self->document != NULL ? wg_document_get_n_pages (self->document) : 0;

  gtk_widget_action_set_enabled (widget, "print.print", ready);
  gtk_widget_action_set_enabled (widget, "print.export", ready);
  gtk_widget_action_set_enabled (widget, "print.cancel", self->busy || self->loading);
  gtk_widget_action_set_enabled (widget, "print.previous-page", self->document != NULL && self->page > 0);
  gtk_widget_action_set_enabled (widget, "print.next-page", self->page + 1 < n_pages);
}

static void
render_preview (WgPrintView *self)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *page_text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;
  guint n_pages = wg_document_get_n_pages (self->document);
  int w, h;

  /* About 110 dpi: sharp enough to read the smallest line on a label. */
  wg_document_get_page_size (self->document, &width, &height);
  scale = 1100.0 / height;
  w = (int) (width * scale);
  h = (int) (height * scale);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  /* The page as the PDF has it, through poppler; drawn directly should
   * that fail. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) pdf = wg_document_dup_page_pdf (self->document, self->page, &error);
    PopplerDocument *document = pdf != NULL ? poppler_document_new_from_bytes (pdf, NULL, &error) : NULL;
    PopplerPage *page = document != NULL ? poppler_document_get_page (document, 0) : NULL;

    if (page != NULL)
      poppler_page_render (page, cr);
    else
      {
        g_debug ("Preview drawn directly: %s", error != NULL ? error->message : "no page");
        wg_document_draw_page (self->document, self->page, cr);
      }
    g_clear_object (&page);
    g_clear_object (&document);
  }
  cairo_restore (cr);
  /* The sheet's edge, so a white page stands out from the window. */
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, 1, 1, w - 2, h - 2);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * h);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);

  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->preview_stack, "preview");

  page_text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);
  gtk_label_set_label (self->page_label, page_text);
}

static void
show_document (WgPrintView *self,
               WgDocument  *document,
               const char  *error_message)
{
  g_set_object (&self->document, document);
  self->page = 0;

  if (document != NULL)
    {
      g_autofree char *title = wg_document_dup_title (document);
      g_autofree char *summary = NULL;
      guint n_pages = wg_document_get_n_pages (document);

      if (WG_IS_DOSSIER (document))
        {
          guint n_persons = wg_dossier_get_n_persons (WG_DOSSIER (document));
          g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people",
                                                                  n_persons), n_persons);

          summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%s, %u page",
                                                  "%s\n%s, %u pages", n_pages),
                                     title, people, n_pages);
        }
      else if (WG_IS_LABEL_SHEET (document))
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%u label on %u pages",
                                                "%s\n%u labels on %u pages",
                                                wg_label_sheet_get_n_labels (WG_LABEL_SHEET (document))),
                                   title, wg_label_sheet_get_n_labels (WG_LABEL_SHEET (document)),
                                   n_pages);
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%u poster", "%s\n%u posters",
                                                n_pages),
                                   title, n_pages);
      gtk_label_set_label (self->summary_label, summary);
      /* Shown, not offered for copying all at once. */
      gtk_label_select_region (self->summary_label, 0, 0);
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
      render_preview (self);
    }
  else
    {
      gtk_label_set_label (self->summary_label, error_message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      adw_status_page_set_description (self->nothing_page, error_message);
      gtk_stack_set_visible_child_name (self->preview_stack, "nothing");
      gtk_label_set_label (self->page_label, "");
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
on_worker_progress (double   fraction,
                    gpointer user_data)
{
  g_atomic_int_set ((gint *) user_data, (gint) (fraction * 1000));
}

static gboolean
update_progress_cb (gpointer user_data)
{
  WgPrintView *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

/* The progress bar and Cancel, for reading a packet or writing a PDF. */
static void
show_progress (WgPrintView *self,
               const char  *text)
{
  g_atomic_int_set (&self->progress_permille, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_id = g_timeout_add (100, update_progress_cb, self);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
}

static void
hide_progress (WgPrintView *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static void run_then (WgPrintView *self);

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GObject *document = NULL;

  if (!(store = wg_store_open (data->db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->kind == WG_PRINT_KIND_DOSSIERS)
    document = G_OBJECT (wg_dossier_new_for_code (store, data->grid_code,
                                                  data->only_watched ? WG_DOSSIER_FLAGS_ONLY_WATCHED
                                                                     : WG_DOSSIER_FLAGS_ALL,
                                                  NULL, cancellable, on_worker_progress,
                                                  data->progress_permille, &error));
  else if (data->kind == WG_PRINT_KIND_POSTERS)
    document = G_OBJECT (wg_poster_set_new (store, data->grid_code, data->level, data->paper, NULL,
                                            &error));
  else
    document = G_OBJECT (wg_label_sheet_new (store, data->grid_code,
                                             data->kind == WG_PRINT_KIND_LABEL_SHEET
                                               ? WG_LABEL_LAYOUT_SHEET : WG_LABEL_LAYOUT_CARD,
                                             &error));
  if (document == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, document, g_object_unref);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WgPrintView *self = WG_PRINT_VIEW (source);
  g_autoptr(WgDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = g_task_propagate_pointer (G_TASK (result), &error);
  /* Replaced by a newer load: that one shows its own result. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->load_cancelled)
    return;

  self->loading = FALSE;
  self->load_cancelled = FALSE;
  gtk_spinner_stop (self->spinner);
  if (!self->busy)
    hide_progress (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->then = WG_PRINT_THEN_NOTHING;
      show_document (self, NULL, _("Cancelled: change the code or the options to start again."));
      return;
    }
  show_document (self, document, error != NULL ? error->message : NULL);
  if (document != NULL)
    run_then (self);
  else
    self->then = WG_PRINT_THEN_NOTHING;
}

static void
reload (WgPrintView *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->grid_row));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (code == NULL || *code == '\0')
    {
      show_document (self, NULL,
                     adw_combo_row_get_selected (self->kind_row) == WG_PRINT_KIND_DOSSIERS
                       ? _("Type a resident ID number, a household code or the code of a grid.")
                       : _("Type the code of a grid: the county, a township, a village, a group or a micro-grid."));
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  self->load_cancelled = FALSE;
  data = g_new0 (LoadData, 1);
  data->db_path = g_strdup (wg_store_get_location (self->store));
  data->grid_code = g_strstrip (g_strdup (code));
  data->kind = adw_combo_row_get_selected (self->kind_row);
  data->level = 3 + adw_combo_row_get_selected (self->level_row);
  data->paper = adw_combo_row_get_selected (self->paper_row) == 1 ? WG_PAPER_A3 : WG_PAPER_A4;
  data->only_watched = gtk_switch_get_active (self->watched_switch);
  data->progress_permille = &self->progress_permille;

  /* A grid's packet takes a while to read: progress and Cancel. */
  if (data->kind == WG_PRINT_KIND_DOSSIERS && !self->busy)
    show_progress (self, _("Reading the households…"));
  self->loading = TRUE;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  update_actions (self);

  task = g_task_new (self, self->load_cancellable, load_done, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  WgPrintView *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_grid_row_changed_cb (WgPrintView *self)
{
  /* Wait until the typing stops. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (300, reload_timeout_cb, self);
}

static void
on_option_changed_cb (WgPrintView *self)
{
  WgPrintKind kind = adw_combo_row_get_selected (self->kind_row);
  gboolean posters = kind == WG_PRINT_KIND_POSTERS;
  gboolean dossiers = kind == WG_PRINT_KIND_DOSSIERS;

  gtk_widget_set_visible (GTK_WIDGET (self->level_row), posters);
  gtk_widget_set_visible (GTK_WIDGET (self->paper_row), posters);
  gtk_widget_set_visible (GTK_WIDGET (self->watched_row), dossiers);
  /* Household codes have letters. */
  g_object_set (self->grid_row, "input-purpose",
                dossiers ? GTK_INPUT_PURPOSE_FREE_FORM : GTK_INPUT_PURPOSE_DIGITS, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->grid_row),
                                 dossiers ? _("ID Number, Household or Grid Code") : _("Grid Code"));
  gtk_label_set_label (self->note_label,
                       dossiers ? _("Dossiers hold personal information: keep them safe. A grid's packet has a cover with its counts and a table of contents. Every print and export is written to the audit log.")
                                : _("Labels carry the household code and a signature only: no names, no ID numbers. Every print and export is written to the audit log."));
  if (self->store != NULL)
    reload (self);
}

static void
set_busy (WgPrintView *self,
          gboolean     busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  /* The options go insensitive: take the focus off them first, and put it
   * on Cancel, where Enter or Space stops the job. */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  if (!busy && !self->loading)
    hide_progress (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grid_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->level_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->watched_row), !busy);
  update_actions (self);
  if (busy)
    gtk_widget_grab_focus (self->cancel_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
log_job (WgPrintView *self,
         const char  *destination)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = wg_document_dup_title (self->document);
  g_autofree char *detail = g_strdup_printf ("%s → %s, %u pages", title, destination,
                                             wg_document_get_n_pages (self->document));

  if (!wg_store_log_export (self->store, kind_name (adw_combo_row_get_selected (self->kind_row)),
                            detail, &error))
    g_warning ("Could not write the audit log: %s", error->message);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (wg_document_write_pdf (data->document, data->path, data->operator_name, cancellable,
                             on_worker_progress, data->progress_permille, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WgPrintView *self = WG_PRINT_VIEW (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_clear_object (&self->export_cancellable);
  set_busy (self, FALSE);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *basename = g_path_get_basename (data->path);

      log_job (self, data->path);
      message = g_strdup_printf (_("Saved “%s”"), basename);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Export cancelled: no file was written"));
  else
    message = g_strdup (error->message);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * wg_print_view_export:
 * @self: a #WgPrintView
 * @file: where to save the PDF
 *
 * Writes the document to @file in a worker thread, with progress and
 * Cancel. A cancelled or failed export leaves no file.
 */
void
wg_print_view_export (WgPrintView *self,
                      GFile       *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSettings) settings = NULL;
  ExportData *data;

  g_return_if_fail (WG_IS_PRINT_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->document != NULL && !self->busy);

  data = g_new0 (ExportData, 1);
  data->document = g_object_ref (self->document);
  data->path = g_file_get_path (file);
  data->operator_name = g_strdup (wg_store_get_operator (self->store));
  data->progress_permille = &self->progress_permille;

  show_progress (self, _("Writing the PDF…"));
  self->export_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  task = g_task_new (self, self->export_cancellable, export_done, NULL);
  g_task_set_source_tag (task, wg_print_view_export);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response_cb (WgPrintView          *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        wg_print_view_export (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgPrintView *self = WG_PRINT_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->document == NULL)
    return;

  title = wg_document_dup_title (self->document);
  name = g_strdup_printf ("%s.pdf", title);
  g_strdelimit (name, "/\\:", '-');

  self->chooser = gtk_file_chooser_native_new (_("Export PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_print_done_cb (WgPrintView             *self,
                  GtkPrintOperationResult  result,
                  GtkPrintOperation       *operation)
{
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  set_busy (self, FALSE);
  if (app != NULL)
    g_application_release (app);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      const char *printer = settings != NULL ? gtk_print_settings_get_printer (settings) : NULL;

      log_job (self, printer != NULL ? printer : "printer");
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Sent to the printer")));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (error != NULL ? error->message : _("Printing failed")));
    }
}

/**
 * wg_print_view_print:
 * @self: a #WgPrintView
 * @export_filename: (nullable): %NULL to show the print dialog; a PDF file
 *   to print into without asking (what "Print to File" does)
 *
 * Prints the document through GtkPrintOperation with the same renderer.
 */
void
wg_print_view_print (WgPrintView *self,
                     const char  *export_filename)
{
  g_autoptr(WgPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();
  GtkPrintOperationResult result;

  g_return_if_fail (WG_IS_PRINT_VIEW (self));
  g_return_if_fail (self->document != NULL && !self->busy);

  operation = wg_print_operation_new (self->document);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self,
                           G_CONNECT_SWAPPED);

  /* Printing holds the application: closing the window does not cut it off. */
  if (app != NULL)
    g_application_hold (app);
  set_busy (self, TRUE);

  if (export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), export_filename);
      result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                        GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (self),
                                        &error);
    }
  else
    {
      gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
      result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                        GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                                        &error);
    }

  /* "done" normally ends the job; should a failed run end without it,
   * the view must not stay busy. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->busy)
    on_print_done_cb (self, result, GTK_PRINT_OPERATION (operation));
}

/* Paper for a whole township is a decision: more than this is asked first. */
#define PAGES_TO_ASK 500

static void
on_big_job_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        WgPrintView      *self)
{
  if (g_str_equal (response, "print") && self->document != NULL && !self->busy)
    wg_print_view_print (self, NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WgPrintView *self = WG_PRINT_VIEW (widget);
  guint n_pages = self->document != NULL ? wg_document_get_n_pages (self->document) : 0;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (n_pages <= PAGES_TO_ASK)
    {
      wg_print_view_print (self, NULL);
      return;
    }
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The job is %u page: about %u sheets of paper and an hour of a printer's time.",
                                       "The job is %u pages: about %u sheets of paper and an hour of a printer's time.", n_pages),
                          n_pages, n_pages);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Print All of It?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "print", _("_Print"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_big_job_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgPrintView *self = WG_PRINT_VIEW (widget);

  if (self->busy)
    g_cancellable_cancel (self->export_cancellable);
  else if (self->loading)
    {
      self->load_cancelled = TRUE;
      g_cancellable_cancel (self->load_cancellable);
    }
}

static void
run_then (WgPrintView *self)
{
  WgPrintThen then = self->then;

  self->then = WG_PRINT_THEN_NOTHING;
  if (then == WG_PRINT_THEN_EXPORT)
    gtk_widget_activate_action (GTK_WIDGET (self), "print.export", NULL);
  else if (then == WG_PRINT_THEN_PRINT)
    gtk_widget_activate_action (GTK_WIDGET (self), "print.print", NULL);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgPrintView *self = WG_PRINT_VIEW (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "print.next-page") &&
      self->page + 1 < wg_document_get_n_pages (self->document))
    self->page++;
  else if (g_str_equal (action_name, "print.previous-page") && self->page > 0)
    self->page--;
  render_preview (self);
  update_actions (self);
}

static void
wg_print_view_constructed (GObject *object)
{
  WgPrintView *self = (WgPrintView *) object;

  G_OBJECT_CLASS (wg_print_view_parent_class)->constructed (object);

  on_option_changed_cb (self);
}

static void
wg_print_view_dispose (GObject *object)
{
  WgPrintView *self = (WgPrintView *) object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_PRINT_VIEW);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wg_print_view_parent_class)->dispose (object);
}

static void
wg_print_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WgPrintView *self = WG_PRINT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_print_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WgPrintView *self = WG_PRINT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_print_view_class_init (WgPrintViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wg_print_view_constructed;
  object_class->dispose = wg_print_view_dispose;
  object_class->get_property = wg_print_view_get_property;
  object_class->set_property = wg_print_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, WG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WG_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-print-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, grid_row);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, level_row);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, paper_row);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, watched_row);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, watched_switch);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, note_label);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, spinner);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, preview);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, nothing_page);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, page_label);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, print_button);
  gtk_widget_class_bind_template_child (widget_class, WgPrintView, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);

  gtk_widget_class_install_action (widget_class, "print.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "print.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "print.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "print.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "print.next-page", NULL, page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "print.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "print.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "print.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "print.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The grid chooser: grids by name (or code), as the search box finds them;
 * choosing one puts its code in the row. */
static void
on_chooser_search_changed_cb (GtkSearchEntry *entry,
                              WgPrintView    *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GPtrArray) results = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chooser_list))) != NULL)
    gtk_list_box_remove (self->chooser_list, child);
  if (self->store == NULL || *text == '\0')
    return;
  results = wg_store_search (self->store, text, 200, NULL);
  for (guint i = 0; results != NULL && i < results->len && shown < 30; i++)
    {
      WgSearchResult *result = g_ptr_array_index (results, i);
      GtkWidget *row;

      if (result->kind != WG_SEARCH_KIND_GRID)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), result->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), result->detail);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "grid-code", g_strdup (result->grid_code != NULL ? result->grid_code
                                                                                             : result->detail),
                              g_free);
      gtk_list_box_append (self->chooser_list, row);
      shown++;
    }
}

static void
on_chooser_row_activated_cb (GtkListBox    *list,
                             GtkListBoxRow *row,
                             WgPrintView   *self)
{
  const char *code = g_object_get_data (G_OBJECT (row), "grid-code");

  gtk_menu_button_popdown (self->chooser_button);
  if (code != NULL)
    wg_print_view_set_grid (self, code);
}

/* Enter in the chooser's search takes the first match. */
static void
on_chooser_activate_cb (GtkSearchEntry *entry,
                        WgPrintView    *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->chooser_list, 0);

  if (first != NULL)
    on_chooser_row_activated_cb (self->chooser_list, first, self);
}

static void
add_grid_chooser (WgPrintView *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (search), NULL);
  g_object_set (search, "placeholder-text", _("Grid name or code"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find a grid by name"), -1);
  g_signal_connect (search, "search-changed", G_CALLBACK (on_chooser_search_changed_cb), self);
  g_signal_connect (search, "activate", G_CALLBACK (on_chooser_activate_cb), self);
  gtk_box_append (GTK_BOX (box), search);

  self->chooser_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->chooser_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->chooser_list), "boxed-list");
  g_signal_connect (self->chooser_list, "row-activated", G_CALLBACK (on_chooser_row_activated_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_widget_set_size_request (scroller, 320, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->chooser_list));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), NULL);

  self->chooser_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->chooser_button, "edit-find-symbolic");
  gtk_menu_button_set_popover (self->chooser_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->chooser_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->chooser_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chooser_button), _("Choose a Grid by Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chooser_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Grid by Name"), -1);
  adw_entry_row_add_suffix (self->grid_row, GTK_WIDGET (self->chooser_button));
  g_object_set_data (G_OBJECT (self->chooser_button), "search", search);
}

static void
wg_print_view_init (WgPrintView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_grid_chooser (self);
}

/**
 * wg_print_view_choose_grid:
 * @self: a #WgPrintView
 * @text: a grid's name or code, as typed into the chooser
 *
 * For the tests: what typing into the grid chooser and pressing Enter does.
 *
 * Returns: how many grids matched
 */
guint
wg_print_view_choose_grid (WgPrintView *self,
                           const char  *text)
{
  GtkWidget *search = g_object_get_data (G_OBJECT (self->chooser_button), "search");
  guint n = 0;

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  on_chooser_search_changed_cb (GTK_SEARCH_ENTRY (search), self);
  while (gtk_list_box_get_row_at_index (self->chooser_list, n) != NULL)
    n++;
  on_chooser_activate_cb (GTK_SEARCH_ENTRY (search), self);
  return n;
}

/**
 * wg_print_view_new:
 * @store: the county database
 * @grid_code: (nullable): the grid to start with
 *
 * Returns: (transfer full): a new print view
 */
WgPrintView *
wg_print_view_new (WgStore    *store,
                   const char *grid_code)
{
  WgPrintView *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  /* The grid is set before "store", so that constructed () loads it once. */
  self = g_object_new (WG_TYPE_PRINT_VIEW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->grid_row), grid_code != NULL ? grid_code : "");
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->store = g_object_ref (store);
  reload (self);
  return self;
}

/**
 * wg_print_view_new_for_dossiers:
 * @store: the county database
 * @grid_code: the grid whose dossiers to bind
 * @then: what to do when the packet is ready (export it, print it)
 *
 * Returns: (transfer full): a new print view on the dossiers of @grid_code
 */
WgPrintView *
wg_print_view_new_for_dossiers (WgStore     *store,
                                const char  *grid_code,
                                WgPrintThen  then)
{
  WgPrintView *self = wg_print_view_new (store, grid_code);

  wg_print_view_set_kind (self, WG_PRINT_KIND_DOSSIERS);
  wg_print_view_set_then (self, then);
  return self;
}

void
wg_print_view_set_grid (WgPrintView *self,
                        const char  *grid_code)
{
  g_return_if_fail (WG_IS_PRINT_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->grid_row), grid_code);
  reload (self);
}

void
wg_print_view_set_kind (WgPrintView *self,
                        WgPrintKind  kind)
{
  g_return_if_fail (WG_IS_PRINT_VIEW (self));

  adw_combo_row_set_selected (self->kind_row, kind);
}

/**
 * wg_print_view_set_then:
 * @self: a #WgPrintView
 * @then: what to do when the document is ready: ask where to export it,
 *   or open the print dialog — what the pages' Export PDF… and Print… do
 */
void
wg_print_view_set_then (WgPrintView *self,
                        WgPrintThen  then)
{
  g_return_if_fail (WG_IS_PRINT_VIEW (self));

  self->then = then;
  if (self->document != NULL && !self->loading && !self->busy)
    run_then (self);
}

WgDocument *
wg_print_view_get_document (WgPrintView *self)
{
  g_return_val_if_fail (WG_IS_PRINT_VIEW (self), NULL);

  return self->loading ? NULL : self->document;
}

gboolean
wg_print_view_get_busy (WgPrintView *self)
{
  g_return_val_if_fail (WG_IS_PRINT_VIEW (self), FALSE);

  return self->busy;
}
