/* wg-export-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export… on every list: a save dialog offering Excel (XLSX) and CSV, the
 * list written by core (wg-export.c) to a temporary name and put in place
 * whole, and one line saying how many rows went where — or why not.
 */

#define G_LOG_DOMAIN "wg-export-file"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-export-file.h"
#include "wg-table-writer.h"
#include "wg-types.h"

typedef struct
{
  GtkWidget *parent;
  WgStore *store;
  WgExportWriteFunc func;
  gpointer user_data;
  GDestroyNotify destroy;
  GtkFileFilter *csv_filter;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->parent);
  g_clear_object (&export->store);
  g_clear_object (&export->csv_filter);
  if (export->destroy != NULL)
    export->destroy (export->user_data);
  g_free (export);
}

static void
tell (GtkWidget  *parent,
      const char *message,
      gboolean    failed)
{
  GtkRoot *root = gtk_widget_get_root (parent);

  /* The main window shows it as a toast; elsewhere a failure is a dialog. */
  if (gtk_widget_activate_action (parent, "win.toast", "s", message))
    return;
  if (failed)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Cannot Export"), message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    gtk_widget_set_tooltip_text (parent, message);
}

/**
 * wg_export_file_write:
 * @path: the file; its name says the format (.xlsx, else CSV)
 *
 * Writes the list and says so on the window (a toast), or why not.
 *
 * Returns: whether the file was written
 */
gboolean
wg_export_file_write (GtkWidget         *parent,
                      WgStore           *store,
                      const char        *path,
                      WgExportWriteFunc  func,
                      gpointer           user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *message = NULL;
  WgTableFormat format = WG_TABLE_FORMAT_XLSX;
  guint rows = 0;

  if (!wg_table_format_from_path (path, &format))
    format = WG_TABLE_FORMAT_XLSX;
  if (!func (store, path, format, &rows, user_data, &error))
    {
      tell (parent, error->message, TRUE);
      return FALSE;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u row to “%s”", "Wrote %u rows to “%s”", rows),
                             rows, base);
  tell (parent, message, FALSE);
  return TRUE;
}

static void
on_response_cb (GtkNativeDialog *dialog,
                int              response,
                Export          *export)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      WgTableFormat format;

      /* A name without an extension gets the one of the type chosen. */
      if (path != NULL && !wg_table_format_from_path (path, &format))
        {
          gboolean csv = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog)) == export->csv_filter;
          char *named = g_strconcat (path, csv ? ".csv" : ".xlsx", NULL);

          g_free (path);
          path = named;
        }
      if (path != NULL)
        wg_export_file_write (export->parent, export->store, path, export->func, export->user_data);
    }
  export_free (export);
  g_object_unref (dialog);
}

/**
 * wg_export_file_choose:
 * @parent: the widget whose list is exported
 * @suggested_name: a file name without extension ("人员名单-乐昌镇")
 * @func: writes the list
 *
 * Asks where to save the list (Excel or CSV), then writes it.
 */
void
wg_export_file_choose (GtkWidget          *parent,
                       WgStore            *store,
                       const char         *suggested_name,
                       WgExportWriteFunc   func,
                       gpointer            user_data,
                       GDestroyNotify      destroy)
{
  Export *export = g_new0 (Export, 1);
  g_autofree char *name = g_strconcat (suggested_name, ".xlsx", NULL);
  GtkFileChooserNative *chooser;
  GtkFileFilter *xlsx;

  export->parent = g_object_ref (parent);
  export->store = g_object_ref (store);
  export->func = func;
  export->user_data = user_data;
  export->destroy = destroy;

  chooser = gtk_file_chooser_native_new (_("Export the List"), GTK_WINDOW (gtk_widget_get_root (parent)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  xlsx = gtk_file_filter_new ();
  gtk_file_filter_set_name (xlsx, _("Excel workbook (.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  export->csv_filter = gtk_file_filter_new ();
  g_object_ref_sink (export->csv_filter);
  gtk_file_filter_set_name (export->csv_filter, _("CSV, UTF-8 for Excel and WPS (.csv)"));
  gtk_file_filter_add_suffix (export->csv_filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), export->csv_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  g_object_unref (xlsx);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
