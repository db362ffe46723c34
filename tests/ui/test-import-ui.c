/* test-import-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real data in through the application under Xvfb: the empty database's
 * page leads, through the import preview, to a county with a tree; a file
 * whose column the importer does not know is imported once the operator
 * maps that column in the preview (and the mapping is remembered); a
 * returnee phoned in is entered through the screening form; a list goes out
 * to an XLSX file from the grid page's Export.
 */

#include "config.h"

#include <adwaita.h>

#include "wg-application.h"
#include "wg-form-dialog.h"
#include "wg-grid-node.h"
#include "wg-idnum.h"
#include "wg-import-dialog.h"
#include "wg-store.h"
#include "wg-window-private.h"

#include "../wg-test-app.h"
#include "../wg-test-gtk.h"
#include "../wg-test-util.h"

static char *tmp_dir;
static char *samples_dir;
static WgApplication *app;

static char *
empty_database (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);

  g_assert_no_error (error);
  return path;
}

/* The preview reads the file in a worker: wait for it. */
static void
wait_for_preview (WgImportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (wg_import_dialog_get_busy (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (wg_import_dialog_get_busy (dialog));
}

/* Opens the import dialog for @kind from the window, as its menu does. */
static WgImportDialog *
open_import (WgWindow   *window,
             const char *kind)
{
  WgImportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", "s", kind));
  dialog = WG_IMPORT_DIALOG (wg_test_find_toplevel (WG_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

static void
import_through_dialog (WgWindow   *window,
                       const char *kind,
                       const char *file,
                       const char *expected_summary)
{
  g_autofree char *path = g_build_filename (samples_dir, file, NULL);
  WgImportDialog *dialog = open_import (window, kind);
  GtkWidget *button;

  wg_import_dialog_set_file (dialog, path);
  wait_for_preview (dialog);
  g_test_message ("%s: %s", file, wg_import_dialog_get_summary (dialog));
  g_assert_nonnull (wg_import_dialog_get_summary (dialog));
  g_assert_true (g_str_has_prefix (wg_import_dialog_get_summary (dialog), expected_summary));
  button = wg_import_dialog_get_import_button (dialog);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate (button);
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_empty_to_county (void)
{
  g_autofree char *db = empty_database ("empty.db");
  WgWindow *window = wg_test_open_window (app, db);
  g_autoptr(WgStore) store = NULL;
  WgLevelCounts counts;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (wg_window_get_page (window), ==, "empty");
  import_through_dialog (window, "grids", "grids.csv", "16 rows: 16 new");
  /* The empty page gave way to the county. */
  g_assert_cmpstr (wg_window_get_page (window), ==, "summary");
  g_assert_nonnull (wg_grid_tree_lookup (wg_window_get_tree (window), "1410211000010101"));

  import_through_dialog (window, "staff", "staff.csv", "19 rows: 19 new");
  import_through_dialog (window, "households", "households.csv", "40 rows: 40 new");
  import_through_dialog (window, "people", "people.csv", "117 rows: 117 new");

  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_true (wg_store_count (store, NULL, &counts, &error));
  g_assert_cmpuint (counts.households, ==, 40);
  g_assert_cmpuint (counts.persons, ==, 117);
  g_assert_false (wg_store_is_demo (store));
  wg_test_close_windows (app);
}

static void
test_corrected_mapping (void)
{
  g_autofree char *db = empty_database ("mapping.db");
  g_autofree char *file = g_build_filename (tmp_dir, "odd-headers.csv", NULL);
  g_autofree char *again = g_build_filename (tmp_dir, "odd-headers-2.csv", NULL);
  g_autoptr(GString) text = g_string_new ("姓名,证照号,备注\r\n");
  g_autoptr(GString) text2 = g_string_new ("姓名,证照号,备注\r\n");
  WgWindow *window;
  WgImportDialog *dialog;
  AdwComboRow *row;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  WgLevelCounts counts;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *first = g_strdup_printf ("14102119850101%03u", i + 1);

      g_string_append_printf (i < 3 ? text : text2, "人员%u,%s%c,\r\n", i, first, wg_id_number_check_digit (first));
    }
  g_assert_true (g_file_set_contents (file, text->str, -1, NULL));
  g_assert_true (g_file_set_contents (again, text2->str, -1, NULL));

  /* The people need a county to belong to: the sample grids first. */
  window = wg_test_open_window (app, db);
  import_through_dialog (window, "grids", "grids.csv", "16 rows");

  dialog = open_import (window, "people");
  wg_import_dialog_set_file (dialog, file);
  wait_for_preview (dialog);
  /* "证照号" is no header the importer knows: nothing to import yet. */
  g_assert_null (wg_import_dialog_get_summary (dialog));
  g_assert_false (gtk_widget_get_sensitive (wg_import_dialog_get_import_button (dialog)));
  row = wg_import_dialog_get_column_row (dialog, "证照号");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  /* The operator says what the column is. */
  adw_combo_row_set_selected (row, wg_import_dialog_field_position (dialog, "id_number"));
  wait_for_preview (dialog);
  g_assert_nonnull (wg_import_dialog_get_summary (dialog));
  g_assert_true (g_str_has_prefix (wg_import_dialog_get_summary (dialog), "3 rows: 3 new"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate (wg_import_dialog_get_import_button (dialog));
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The next file with the same headers is read with that mapping. */
  dialog = open_import (window, "people");
  wg_import_dialog_set_file (dialog, again);
  wait_for_preview (dialog);
  g_assert_nonnull (wg_import_dialog_get_summary (dialog));
  g_assert_true (g_str_has_prefix (wg_import_dialog_get_summary (dialog), "2 rows: 2 new"));
  g_assert_cmpuint (adw_combo_row_get_selected (wg_import_dialog_get_column_row (dialog, "证照号")), ==,
                    wg_import_dialog_field_position (dialog, "id_number"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_true (wg_store_count (store, NULL, &counts, &error));
  g_assert_cmpuint (counts.persons, ==, 3);
  wg_test_close_windows (app);
}

static void
test_screening_form (void)
{
  g_autofree char *db = empty_database ("screening.db");
  g_autofree char *today = wg_today ();
  WgWindow *window = wg_test_open_window (app, db);
  GtkWidget *form;
  GtkLabel *note, *problem;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  WgLevelCounts counts;

  /* A county of made-up people, marked as such. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.build-demo", NULL));
  g_assert_cmpstr (wg_window_get_page (window), ==, "summary");
  {
    AdwWindowTitle *title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window), WG_TYPE_WINDOW,
                                                                            "window_title"));

    g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "demo"));
  }
  store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_true (wg_store_count (store, NULL, &counts, &error));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-returnee", NULL));
  form = GTK_WIDGET (wg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (form);
  note = g_object_get_data (G_OBJECT (form), "note");
  problem = g_object_get_data (G_OBJECT (form), "problem");
  /* The card reader types the ID number into the focused field. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (form)) != NULL);
  {
    g_autofree char *id = g_strdup_printf ("31010419900307001%c", wg_id_number_check_digit ("31010419900307001"));

    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "id_number"), id);
  }
  g_assert_nonnull (strstr (gtk_label_get_label (note), "1990-03-07"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "add"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "name"), "返乡者");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "province"), "上海市");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "city"), "徐汇区");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "phone"), "1380000");
  /* Checked as typed, in the import's own words. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "add"));
  g_assert_nonnull (strstr (gtk_label_get_label (problem), "1380000"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "phone"), "13800000001");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "add"));
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (form), "arrived_on")), ==, today);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (form), "add");
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (form));

  {
    WgLevelCounts after;

    g_assert_true (wg_store_count (store, NULL, &after, &error));
    g_assert_cmpuint (after.persons, ==, counts.persons + 1);
    g_assert_cmpuint (after.returnees, ==, counts.returnees + 1);
  }

  /* A returnee whose household is not registered yet: registered with its
   * code and address on the micro-grid given. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-returnee", NULL));
  form = GTK_WIDGET (wg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  problem = g_object_get_data (G_OBJECT (form), "problem");
  {
    g_autofree char *id = g_strdup_printf ("44030519851111002%c", wg_id_number_check_digit ("44030519851111002"));
    WgLevelCounts before, after;

    g_assert_true (wg_store_count (store, NULL, &before, &error));
    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "id_number"), id);
    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "name"), "新户主");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "province"), "广东省");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "household"), "NEWHH00001");
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "add"));
    g_assert_nonnull (strstr (gtk_label_get_label (problem), "NEWHH00001"));
    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "address"), "曲沃县乐昌镇新户巷1号");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (form), "grid"), "1410211002000101");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "add"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (form), "add");
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
    gtk_window_destroy (GTK_WINDOW (form));
    g_assert_true (wg_store_count (store, NULL, &after, &error));
    g_assert_cmpuint (after.households, ==, before.households + 1);
    g_assert_cmpuint (after.persons, ==, before.persons + 1);
  }

  /* And out to Excel from the grid page's Export. */
  {
    g_autofree char *out = g_build_filename (tmp_dir, "returnees.xlsx", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to", "(ss)", "returnees", out));
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  }
  wg_test_close_windows (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = wg_test_make_tmp_dir ();
  wg_test_isolate_user_dirs (tmp_dir);
  samples_dir = g_build_filename (g_getenv ("WANGGE_SOURCE_ROOT"), "data", "samples", NULL);

  g_test_init (&argc, &argv, NULL);
  wg_test_allow_no_notification_service ();
  if (!gtk_init_check ())
    g_error ("No display: run the ui suite under xvfb-run");
  adw_init ();

  wg_test_add_ui_func ("/wg/ui/import/empty-to-county", test_empty_to_county);
  wg_test_add_ui_func ("/wg/ui/import/corrected-mapping", test_corrected_mapping);
  wg_test_add_ui_func ("/wg/ui/import/screening-form", test_screening_form);

  app = wg_application_new (G_APPLICATION_NON_UNIQUE);
  g_settings_set_string (wg_application_get_settings (app), "operator-name", "值班员甲");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  status = g_test_run ();

  g_clear_object (&app);
  wg_test_remove_tree (tmp_dir);
  g_free (samples_dir);
  g_free (tmp_dir);
  return status;
}
