/* test-print-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The print view under Xvfb, as staff use it: choose a village, see the
 * preview, export a PDF and print through GtkPrintOperation (to a file), get
 * every QR code back with zbarimg, cancel a big job without a trace, and find
 * every job in the audit log. And the printing preferences.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "wg-demo.h"
#include "wg-document.h"
#include "wg-dossier.h"
#include "wg-label-sheet.h"
#include "wg-preferences-window.h"
#include "wg-print-view.h"
#include "wg-store-audit.h"
#include "wg-store-figures.h"
#include "wg-store-settings.h"

#include "../wg-test-gtk.h"
#include "../wg-test-qr.h"
#include "../wg-test-util.h"

#define VILLAGE "141021100200"

static char *tmp_dir;
static char *db_path;

static void
wait_until_loaded (WgPrintView *view)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* The document is read in a worker thread; the preview follows. */
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      if (wg_print_view_get_document (view) != NULL)
        return;
      g_usleep (2000);
    }
}

static void
wait_until_idle (WgPrintView *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (wg_print_view_get_busy (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (wg_print_view_get_busy (view));
}

static GPtrArray *
expected_labels (WgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgLabelSheet) sheet = wg_label_sheet_new (store, VILLAGE, WG_LABEL_LAYOUT_SHEET, &error);
  GPtrArray *payloads = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < wg_label_sheet_get_n_labels (sheet); i++)
    g_ptr_array_add (payloads, g_strdup (wg_label_sheet_get_payload (sheet, i)));
  return payloads;
}

static guint
count_exports (WgStore *store)
{
  g_autoptr(GPtrArray) entries = wg_store_list_audit (store, NULL, 0, NULL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((WgAuditEntry *) g_ptr_array_index (entries, i))->action, "export") == 0)
      n++;
  return n;
}

static WgPrintView *
open_view (WgStore    *store,
           const char *code)
{
  WgPrintView *view = wg_print_view_new (store, code);

  gtk_window_present (GTK_WINDOW (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  wait_until_loaded (view);
  return view;
}

static void
close_view (WgPrintView *view)
{
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (view));
  while (view != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_preview_export_and_print (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_autoptr(GPtrArray) expected = expected_labels (store);
  g_autofree char *exported = g_build_filename (tmp_dir, "village labels.pdf", NULL);
  g_autofree char *printed = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (exported);
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(GPtrArray) decoded_print = NULL;
  guint exports_before = count_exports (store);
  WgPrintView *view = open_view (store, VILLAGE);
  GtkPicture *preview;
  GtkLabel *summary;
  g_autofree char *n_labels = g_strdup_printf ("%u", expected->len);

  g_assert_nonnull (wg_print_view_get_document (view));
  preview = GTK_PICTURE (gtk_widget_get_template_child (GTK_WIDGET (view), WG_TYPE_PRINT_VIEW, "preview"));
  summary = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (view), WG_TYPE_PRINT_VIEW, "summary_label"));
  g_assert_nonnull (gtk_picture_get_paintable (preview));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (preview)));
  g_assert_nonnull (strstr (gtk_label_get_label (summary), n_labels));

  /* Paging through the preview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "print.next-page", NULL));

  wg_print_view_export (view, file);
  wait_until_idle (view);
  decoded = wg_test_decode_pdf (exported, 150, &wg_test_sheet_cells);
  wg_test_assert_same_set (decoded, expected);

  /* The print path: GtkPrintOperation drawing with the same renderer. */
  wg_print_view_print (view, printed);
  wait_until_idle (view);
  decoded_print = wg_test_decode_pdf (printed, 150, &wg_test_sheet_cells);
  wg_test_assert_same_set (decoded_print, expected);

  g_assert_cmpuint (count_exports (store), ==, exports_before + 2);
  close_view (view);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_autofree char *path = g_build_filename (tmp_dir, "cancelled", "county cards.pdf", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDir) listing = NULL;
  guint exports_before = count_exports (store);
  WgPrintView *view;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  view = open_view (store, "141021");
  wg_print_view_set_kind (view, WG_PRINT_KIND_LABEL_CARDS);
  wait_until_loaded (view);

  wg_print_view_export (view, file);
  g_assert_true (wg_print_view_get_busy (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "print.cancel", NULL));
  wait_until_idle (view);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_assert_cmpuint (count_exports (store), ==, exports_before);
  close_view (view);
}

static void
test_unknown_grid_and_posters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  WgPrintView *view = open_view (store, "141021");
  GtkLabel *summary = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                WG_TYPE_PRINT_VIEW, "summary_label"));
  gint64 deadline;

  wg_print_view_set_kind (view, WG_PRINT_KIND_POSTERS);
  wait_until_loaded (view);
  g_assert_cmpuint (wg_document_get_n_pages (wg_print_view_get_document (view)), ==, 5);

  wg_print_view_set_grid (view, "999");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (strstr (gtk_label_get_label (summary), "999") == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (gtk_label_get_label (summary), "999"));
  g_assert_null (wg_print_view_get_document (view));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (summary), "error"));
  /* Nothing to print: Print and Export are greyed out. */
  g_assert_false (gtk_widget_get_sensitive (
    GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), WG_TYPE_PRINT_VIEW, "export_button"))));
  g_assert_false (gtk_widget_get_sensitive (
    GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), WG_TYPE_PRINT_VIEW, "print_button"))));

  close_view (view);
}


static guint
count_pdf_pages (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, &error);
  guint n;

  g_assert_no_error (error);
  n = poppler_document_get_n_pages (pdf);
  g_object_unref (pdf);
  return n;
}

static void
test_grid_packet (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_autofree char *exported = g_build_filename (tmp_dir, "village packet.pdf", NULL);
  g_autofree char *printed = g_build_filename (tmp_dir, "village packet printed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (exported);
  guint exports_before = count_exports (store);
  WgPrintView *view = open_view (store, "141021");
  GtkSwitch *watched = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (view), WG_TYPE_PRINT_VIEW,
                                                                  "watched_switch"));
  GtkRevealer *progress = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (view), WG_TYPE_PRINT_VIEW,
                                                                       "progress_revealer"));
  GtkLabel *summary = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (view), WG_TYPE_PRINT_VIEW,
                                                                "summary_label"));
  WgDocument *document;
  guint n_pages;

  /* The whole county's packet, everyone: reading it shows progress and can
   * be cancelled, leaving nothing to print. */
  gtk_switch_set_active (watched, FALSE);
  wg_print_view_set_kind (view, WG_PRINT_KIND_DOSSIERS);
  g_assert_true (gtk_revealer_get_reveal_child (progress));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "print.cancel", NULL));
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (strstr (gtk_label_get_label (summary), "Cancelled") == NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_nonnull (strstr (gtk_label_get_label (summary), "Cancelled"));
  g_assert_null (wg_print_view_get_document (view));
  g_assert_false (gtk_revealer_get_reveal_child (progress));

  /* A village's packet. */
  wg_print_view_set_grid (view, VILLAGE);
  wait_until_loaded (view);
  document = wg_print_view_get_document (view);
  g_assert_true (WG_IS_DOSSIER (document));
  n_pages = wg_document_get_n_pages (document);
  g_assert_cmpuint (n_pages, >, 50);
  g_assert_nonnull (strstr (gtk_label_get_label (summary), "pages"));

  wg_print_view_export (view, file);
  wait_until_idle (view);
  g_assert_cmpuint (count_pdf_pages (exported), ==, n_pages);

  /* Printing draws the same pages through GtkPrintOperation. */
  wg_print_view_print (view, printed);
  wait_until_idle (view);
  g_assert_cmpuint (count_pdf_pages (printed), ==, n_pages);

  g_assert_cmpuint (count_exports (store), ==, exports_before + 2);
  close_view (view);
}

static void
test_preferences (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GBytes) key_before = wg_store_dup_signing_key (store, NULL);
  g_autoptr(GBytes) key_after = NULL;
  g_autofree char *before = wg_store_dup_setting (store, "poster-url-template", NULL);
  g_autofree char *rejected = NULL;
  g_autofree char *accepted = NULL;
  g_autoptr(WgContext) context = wg_context_new (settings, store, NULL);
  WgPreferencesWindow *prefs = wg_preferences_window_new (context);
  GtkWidget *url_row;
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (prefs));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prefs));
  url_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), WG_TYPE_PREFERENCES_WINDOW,
                                                       "url_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, before);

  /* Without {grid_code}: refused, shown, nothing saved. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://example.cn/form");
  g_signal_emit_by_name (url_row, "apply");
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  rejected = wg_store_dup_setting (store, "poster-url-template", NULL);
  g_assert_cmpstr (rejected, ==, before);

  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://example.cn/form?g={grid_code}&n={grid_name}");
  g_signal_emit_by_name (url_row, "apply");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  accepted = wg_store_dup_setting (store, "poster-url-template", NULL);
  g_assert_cmpstr (accepted, ==, "https://example.cn/form?g={grid_code}&n={grid_name}");

  /* The five-to-one team's roles renamed: four names refused, five kept. */
  {
    GtkWidget *roles_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), WG_TYPE_PREFERENCES_WINDOW,
                                                                      "roles_row"));
    GtkWidget *dashboard_switch = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                                             WG_TYPE_PREFERENCES_WINDOW,
                                                                             "dashboard_switch"));
    g_autofree char *roles = NULL;
    g_auto(GStrv) named = NULL;

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (roles_row)), ==, "乡镇干部;村干部;网格员;村医;民警");
    gtk_editable_set_text (GTK_EDITABLE (roles_row), "乡镇干部;村干部;网格员;村医");
    g_signal_emit_by_name (roles_row, "apply");
    g_assert_true (gtk_widget_has_css_class (roles_row, "error"));
    gtk_editable_set_text (GTK_EDITABLE (roles_row), "包村干部;村两委;网格员;乡村医生;派出所民警");
    g_signal_emit_by_name (roles_row, "apply");
    g_assert_false (gtk_widget_has_css_class (roles_row, "error"));
    roles = wg_store_dup_setting (store, "team-roles", NULL);
    g_assert_cmpstr (roles, ==, "包村干部;村两委;网格员;乡村医生;派出所民警");
    named = wg_store_dup_team_roles (store);
    g_assert_cmpstr (named[3], ==, "乡村医生");

    gtk_switch_set_active (GTK_SWITCH (dashboard_switch), TRUE);
    g_assert_true (g_settings_get_boolean (settings, "dashboard-at-start"));
    gtk_switch_set_active (GTK_SWITCH (dashboard_switch), FALSE);
  }

  /* Replacing the key asks first; cancelling keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.rotate-key", NULL));
  dialog = wg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  key_after = wg_store_dup_signing_key (store, NULL);
  g_assert_true (g_bytes_equal (key_before, key_after));
  g_clear_pointer (&key_after, g_bytes_unref);
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.rotate-key", NULL));
  dialog = wg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "replace");
  key_after = wg_store_dup_signing_key (store, NULL);
  g_assert_false (g_bytes_equal (key_before, key_after));
  gtk_window_destroy (dialog);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = NULL;
  int status;

  tmp_dir = wg_test_make_tmp_dir ();
  wg_test_isolate_user_dirs (tmp_dir);
  /* The image tools the checks use write their own files here. */
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  wg_test_allow_no_notification_service ();
  wg_document_init_fonts ();
  if (!gtk_init_check ())
    g_error ("No display: run the ui suite under xvfb-run");
  adw_init ();
  g_type_ensure (WG_TYPE_PRINT_VIEW);

  db_path = g_build_filename (tmp_dir, "county.db", NULL);
  store = wg_store_open (db_path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 8, "2026-11-29", NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  wg_test_add_ui_func ("/wg/ui/print-view/preview-export-and-print", test_preview_export_and_print);
  wg_test_add_ui_func ("/wg/ui/print-view/cancel-leaves-nothing", test_cancel_leaves_nothing);
  wg_test_add_ui_func ("/wg/ui/print-view/unknown-grid-and-posters", test_unknown_grid_and_posters);
  wg_test_add_ui_func ("/wg/ui/print-view/grid-packet", test_grid_packet);
  wg_test_add_ui_func ("/wg/ui/print-view/preferences", test_preferences);

  status = g_test_run ();
  wg_test_remove_tree (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
