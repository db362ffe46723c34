/* wg-board-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quarantine board of a grid for a day: starting today, ending today
 * and tomorrow, tests due and overdue, temperatures missing, sensors
 * offline on quarantined homes, and the periods extended or ended early
 * that day. The lists are read off the main thread on a connection of
 * their own; each list prints (in Chinese, as every paper) and exports.
 * A quarantine is extended or ended early from its row, with the reason,
 * by the person's id.
 */

#define G_LOG_DOMAIN "wg-board-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-board-window.h"
#include "wg-export-file.h"
#include "wg-export.h"
#include "wg-desk.h"
#include "wg-form-dialog.h"
#include "wg-list-document.h"
#include "wg-print-operation.h"
#include "wg-store-returnees.h"

#define N_LISTS (WG_STATUS_N - WG_STATUS_BOARD_FIRST)

struct _WgBoardWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesPage *page;
  AdwWindowTitle *title;
  GtkWidget *day_entry;
  GtkWidget *spinner;
  AdwPreferencesGroup *groups[N_LISTS];
  GtkWidget *lists[N_LISTS];
  guint counts[N_LISTS];
  WgStore *store;
  char *grid_code;
  char *grid_name;
  char *day;
  GCancellable *cancellable;
  GtkWidget *dialog;
  gint64 dialog_person;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (WgBoardWindow, wg_board_window, ADW_TYPE_WINDOW)

enum
{
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (WgBoardWindow *self,
       const char *message)
{
  wg_desk_toast (self->toast_overlay, message);
}

typedef struct
{
  char *location;
  char *grid_code;
  char *day;
} Job;

static void
job_free (Job *job)
{
  g_free (job->location);
  g_free (job->grid_code);
  g_free (job->day);
  g_free (job);
}

static void
free_lists (GPtrArray **lists)
{
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&lists[i], g_ptr_array_unref);
  g_free (lists);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray **lists = g_new0 (GPtrArray *, N_LISTS);

  if (!(store = wg_store_open (job->location, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)))
    {
      free_lists (lists);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < N_LISTS; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        {
          free_lists (lists);
          return;
        }
      if (!(lists[i] = wg_store_list_status_people (store, job->grid_code, WG_STATUS_BOARD_FIRST + i, job->day,
                                                    &error)))
        {
          free_lists (lists);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_pointer (task, lists, (GDestroyNotify) free_lists);
}

/* Whether the list's rows are quarantines a desk may move the end of. */
static gboolean
has_periods (WgStatus status)
{
  return status == WG_STATUS_STARTING_TODAY || status == WG_STATUS_ENDING_TODAY ||
         status == WG_STATUS_ENDING_TOMORROW;
}

static void
fill_list (WgBoardWindow *self,
           guint          i,
           GPtrArray     *people)
{
  WgStatus status = WG_STATUS_BOARD_FIRST + i;
  g_autofree char *title = g_strdup_printf ("%s (%u)", wg_status_describe (status), people->len);
  gboolean writable = !wg_store_is_read_only (self->store);
  GtkWidget *child;

  adw_preferences_group_set_title (self->groups[i], title);
  self->counts[i] = people->len;
  while ((child = gtk_widget_get_first_child (self->lists[i])) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->lists[i]), child);
  gtk_widget_set_visible (self->lists[i], people->len > 0);
  for (guint j = 0; j < people->len; j++)
    {
      const WgStatusPerson *p = g_ptr_array_index (people, j);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", p->fact, p->address, p->household_code);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (has_periods (status) && writable)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Extend or End…"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Extend this quarantine, or end it early, with the reason"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, p->name, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "board.change-end");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (p->person_id));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->lists[i]), row);
    }
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WgBoardWindow *self = WG_BOARD_WINDOW (source);
  g_autoptr(GError) error = NULL;
  GPtrArray **lists = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->spinner, FALSE);
  if (lists == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < N_LISTS; i++)
    fill_list (self, i, lists[i]);
  free_lists (lists);
  self->loaded = TRUE;
  g_signal_emit (self, signals[LOADED], 0);
}

/**
 * wg_board_window_reload:
 * @self: a #WgBoardWindow
 *
 * Reads the board again, off the main thread; "loaded" is emitted when its
 * lists are shown. The lists shown stay until then.
 */
void
wg_board_window_reload (WgBoardWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *subtitle = NULL;
  Job *job;

  g_return_if_fail (WG_IS_BOARD_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loaded = FALSE;
  subtitle = g_strdup_printf ("%s · %s", self->grid_name, self->day);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->spinner));

  job = g_new0 (Job, 1);
  job->location = g_strdup (wg_store_get_location (self->store));
  job->grid_code = g_strdup (self->grid_code);
  job->day = g_strdup (self->day);
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, load_thread);
}

typedef struct
{
  char *grid_code;
  char *day;
  WgStatus status;
} ListJob;

static void
list_job_free (ListJob *job)
{
  g_free (job->grid_code);
  g_free (job->day);
  g_free (job);
}

static gboolean
write_list (WgStore        *store,
            const char     *path,
            WgTableFormat   format,
            guint          *rows,
            gpointer        user_data,
            GError        **error)
{
  ListJob *job = user_data;

  return wg_export_write_status (store, job->grid_code, job->status, job->day, path, format, rows, error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgBoardWindow *self = WG_BOARD_WINDOW (widget);
  ListJob *job = g_new0 (ListJob, 1);
  g_autofree char *name = NULL;

  job->grid_code = g_strdup (self->grid_code);
  job->day = g_strdup (self->day);
  job->status = WG_STATUS_BOARD_FIRST + g_variant_get_int32 (parameter);
  name = g_strdup_printf ("%s-%s-%s", wg_status_describe (job->status), self->grid_name, self->day);
  wg_export_file_choose (widget, self->store, name, write_list, job, (GDestroyNotify) list_job_free);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WgBoardWindow *self = WG_BOARD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgListDocument) document = NULL;
  g_autoptr(WgPrintOperation) operation = NULL;

  document = wg_list_document_new_for_status (self->store, self->grid_code,
                                              WG_STATUS_BOARD_FIRST + g_variant_get_int32 (parameter), self->day,
                                              &error);
  if (document == NULL)
    {
      toast (self, error->message);
      return;
    }
  operation = wg_print_operation_new (WG_DOCUMENT (document));
  gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (self), &error);
  if (error != NULL)
    toast (self, error->message);
}

static char *
check_change (GtkWidget *dialog)
{
  const char *reason = wg_form_dialog_get_text (dialog, "reason");

  if (!wg_desk_day_is_valid (wg_form_dialog_get_text (dialog, "end")))
    return g_strdup (_("Write the new last day as YYYY-MM-DD."));
  if (reason == NULL || *reason == '\0')
    return g_strdup ("");
  return NULL;
}

static void
on_change_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       WgBoardWindow    *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  const char *end;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  end = wg_form_dialog_get_text (GTK_WIDGET (dialog), "end");
  if (!wg_store_change_quarantine_end (self->store, self->dialog_person, self->day, end, 0,
                                       wg_form_dialog_get_text (GTK_WIDGET (dialog), "reason"), &error))
    {
      toast (self, error->message);
      return;
    }
  done = g_strdup_printf (_("The quarantine ends on %s now."), end);
  toast (self, done);
  wg_board_window_reload (self);
}

static void
change_end_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WgBoardWindow *self = WG_BOARD_WINDOW (widget);

  if (self->dialog != NULL)
    return;
  self->dialog_person = g_variant_get_int64 (parameter);
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Extend or End the Quarantine"),
                                     _("A later last day extends it, an earlier one ends it early; the reason is kept "
                                       "in the audit log and shown on the board."),
                                     check_change);
  wg_form_dialog_add_field (self->dialog, "end", _("New Last Day"), NULL);
  wg_form_dialog_add_field (self->dialog, "reason", _("Reason"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Change"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_change_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

/**
 * wg_board_window_set_day:
 * @self: a #WgBoardWindow
 * @day: the day, YYYY-MM-DD
 */
void
wg_board_window_set_day (WgBoardWindow *self,
                         const char    *day)
{
  g_return_if_fail (WG_IS_BOARD_WINDOW (self));
  g_return_if_fail (wg_desk_day_is_valid (day));

  wg_desk_show_day (self->day_entry, &self->day, day);
  if (self->store != NULL)
    wg_board_window_reload (self);
}

gboolean
wg_board_window_is_loaded (WgBoardWindow *self)
{
  g_return_val_if_fail (WG_IS_BOARD_WINDOW (self), FALSE);

  return self->loaded;
}

/* How many people the list shows. */
guint
wg_board_window_get_count (WgBoardWindow *self,
                           WgStatus       status)
{
  g_return_val_if_fail (WG_IS_BOARD_WINDOW (self), 0);
  g_return_val_if_fail (status >= WG_STATUS_BOARD_FIRST && status < WG_STATUS_N, 0);

  return self->counts[status - WG_STATUS_BOARD_FIRST];
}

GtkWidget *
wg_board_window_get_dialog (WgBoardWindow *self)
{
  g_return_val_if_fail (WG_IS_BOARD_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_board_window_dispose (GObject *object)
{
  WgBoardWindow *self = WG_BOARD_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->grid_code, g_free);
  g_clear_pointer (&self->grid_name, g_free);
  g_clear_pointer (&self->day, g_free);

  G_OBJECT_CLASS (wg_board_window_parent_class)->dispose (object);
}

static void
wg_board_window_class_init (WgBoardWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_board_window_dispose;

  /**
   * WgBoardWindow::loaded:
   *
   * The board's lists are shown, as read for the day.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "board.print", "i", print_action);
  gtk_widget_class_install_action (widget_class, "board.export", "i", export_action);
  gtk_widget_class_install_action (widget_class, "board.change-end", "x", change_end_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_board_window_init (WgBoardWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->day = wg_desk_today ();
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 760);
  gtk_window_set_title (GTK_WINDOW (self), _("Quarantine Board"));
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Quarantine Board"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->spinner = gtk_spinner_new ();
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->spinner);
  self->day_entry = wg_desk_day_entry_new (self->day, self->toast_overlay, (WgDeskDayFunc) wg_board_window_set_day,
                                           self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->day_entry);
  gtk_box_append (GTK_BOX (box), header);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  for (guint i = 0; i < N_LISTS; i++)
    {
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *print = gtk_button_new_from_icon_name ("printer-symbolic");
      GtkWidget *export = gtk_button_new_from_icon_name ("document-save-symbolic");
      g_autofree char *print_tip = g_strdup_printf (_("Print “%s”"), wg_status_describe (WG_STATUS_BOARD_FIRST + i));
      g_autofree char *export_tip = g_strdup_printf (_("Save “%s” for Excel or WPS"),
                                                     wg_status_describe (WG_STATUS_BOARD_FIRST + i));

      self->groups[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->groups[i], wg_status_describe (WG_STATUS_BOARD_FIRST + i));
      gtk_widget_add_css_class (print, "flat");
      gtk_widget_add_css_class (export, "flat");
      gtk_widget_set_tooltip_text (print, print_tip);
      gtk_widget_set_tooltip_text (export, export_tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (print), GTK_ACCESSIBLE_PROPERTY_LABEL, print_tip, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (export), GTK_ACCESSIBLE_PROPERTY_LABEL, export_tip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "board.print");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (print), g_variant_new_int32 (i));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "board.export");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (export), g_variant_new_int32 (i));
      gtk_box_append (GTK_BOX (buttons), print);
      gtk_box_append (GTK_BOX (buttons), export);
      adw_preferences_group_set_header_suffix (self->groups[i], buttons);
      self->lists[i] = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->lists[i]), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (self->lists[i], "boxed-list");
      gtk_widget_set_visible (self->lists[i], FALSE);
      adw_preferences_group_add (self->groups[i], self->lists[i]);
      adw_preferences_page_add (self->page, self->groups[i]);
    }
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->page));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_board_window_new:
 * @store: the county database
 * @grid_code: the grid whose board to show
 * @grid_name: its name
 *
 * Returns: (transfer full): the board for today, loading
 */
WgBoardWindow *
wg_board_window_new (WgStore    *store,
                     const char *grid_code,
                     const char *grid_name)
{
  WgBoardWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  self = g_object_new (WG_TYPE_BOARD_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->grid_code = g_strdup (grid_code);
  self->grid_name = g_strdup (grid_name != NULL ? grid_name : grid_code);
  /* Translators: the window's title: "Quarantine Board — 乐昌镇" */
  title = g_strdup_printf (_("Quarantine Board — %s"), self->grid_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  wg_board_window_reload (self);
  return self;
}
