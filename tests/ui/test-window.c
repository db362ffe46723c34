/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application under Xvfb: it opens a small county and shows its counts,
 * shows a clear page for an empty or unusable database, and opens
 * Preferences and About.
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <cairo-pdf.h>
#include <poppler.h>

#include "wg-application.h"
#include "wg-away-window.h"
#include "wg-board-window.h"
#include "wg-count-card.h"
#include "wg-dashboard-window.h"
#include "wg-demo.h"
#include "wg-disinfection-window.h"
#include "wg-dossier-buttons.h"
#include "wg-dossier.h"
#include "wg-figure-list-window.h"
#include "wg-grid-node.h"
#include "wg-household-page.h"
#include "wg-idnum.h"
#include "wg-label.h"
#include "wg-person-page.h"
#include "wg-preferences-window.h"
#include "wg-print-view.h"
#include "wg-returnees-window.h"
#include "wg-orders-window.h"
#include "wg-patrols-window.h"
#include "wg-roster-window.h"
#include "wg-sampling-window.h"
#include "wg-sites-window.h"
#include "wg-transfers-window.h"
#include "wg-record-view.h"
#include "wg-round-view.h"
#include "wg-store-audit.h"
#include "wg-store-disinfection.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-records.h"
#include "wg-store-returnees.h"
#include "wg-store-settings.h"
#include "wg-store-orders.h"
#include "wg-store-patrols.h"
#include "wg-store-roster.h"
#include "wg-store-sites.h"
#include "wg-store-transfers.h"
#include "wg-store-status.h"
#include "wg-temperature-chart.h"
#include "wg-window-private.h"

#include "../wg-test-app.h"
#include "../wg-test-gtk.h"
#include "../wg-test-util.h"

static char *tmp_dir;
static char *small_db;
static WgLevelCounts small_counts;

/* One application for the whole run, as on a desktop; each test opens its
 * database in a new main window and closes it again. */
static WgApplication *app;

static void
wait_for_counts (WgWindow *window)
{
  WgGridPage *page = wg_window_get_grid_page (window);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* The page counts in a worker thread. */
  while (wg_grid_page_get_loading (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (wg_grid_page_get_loading (page));
}

static void
test_shows_county (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgGridPage *page = wg_window_get_grid_page (window);

  g_assert_cmpstr (wg_window_get_page (window), ==, "summary");
  g_assert_nonnull (wg_window_get_tree (window));
  g_assert_cmpstr (wg_grid_node_get_code (wg_grid_page_get_node (page)), ==, "141021");

  wait_for_counts (window);
  g_assert_cmpuint (wg_grid_page_get_count (page, "Townships"), ==, 2);
  g_assert_cmpuint (wg_grid_page_get_count (page, "Villages and Communities"), ==, 5);
  g_assert_cmpuint (wg_grid_page_get_count (page, "Groups"), ==, 12);
  g_assert_cmpuint (wg_grid_page_get_count (page, "Micro-grids"), ==, 40);
  g_assert_cmpuint (wg_grid_page_get_count (page, "Households"), ==, small_counts.households);
  g_assert_cmpuint (wg_grid_page_get_count (page, "People"), ==, small_counts.persons);
  g_assert_cmpuint (wg_grid_page_get_count (page, "Home Quarantine"), ==, small_counts.home_quarantine);
  g_assert_cmpuint (wg_grid_page_get_count (page, "Central Quarantine"), ==,
                    small_counts.central_quarantine);

  wg_test_close_windows (app);
}

static void
test_tree_down_to_households (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgGridPage *page = wg_window_get_grid_page (window);
  GtkListView *tree_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                         WG_TYPE_WINDOW, "tree_view"));
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (tree_view));
  WgGridNode *micro = wg_grid_tree_lookup (wg_window_get_tree (window), "1410211002000101");
  guint before = g_list_model_get_n_items (rows);
  guint n_households;

  /* The county is open: the county and its two townships. */
  g_assert_cmpuint (before, ==, 3);
  g_assert_nonnull (micro);
  g_assert_false (wg_grid_node_is_loaded (micro));

  wg_window_select_node (window, micro);
  wait_for_counts (window);
  g_assert_true (wg_grid_page_get_node (page) == micro);

  /* Township, village and group opened on the way down; the micro-grid's
   * households were read only now. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, before);
  n_households = wg_grid_node_get_n_households (micro);
  g_assert_cmpuint (n_households, >, 0);
  g_assert_cmpuint (wg_grid_page_get_count (page, "Households"), ==, n_households);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (micro)), ==, n_households);

  /* The next start comes back to this grid. */
  wg_test_close_windows (app);
  window = wg_test_open_window (app, small_db);
  g_assert_cmpstr (wg_grid_node_get_code (wg_grid_page_get_node (wg_window_get_grid_page (window))), ==,
                   "1410211002000101");
  page = wg_window_get_grid_page (window);
  tree_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window), WG_TYPE_WINDOW,
                                                            "tree_view"));
  rows = G_LIST_MODEL (gtk_list_view_get_model (tree_view));

  /* Opening the micro-grid's row lists its households in the tree. */
  {
    g_autoptr(GtkTreeListRow) row = NULL;
    guint n = g_list_model_get_n_items (rows);
    guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows));

    row = g_list_model_get_item (rows, selected);
    gtk_tree_list_row_set_expanded (row, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n + n_households);
  }

  wg_test_close_windows (app);
}

/* A household of our own, with a file whose every record we know. */
static gint64 known_person;
static char *known_start, *known_end;

static void
add_known_household (WgStore *store)
{
  g_autoptr(GError) error = NULL;
  WgPersonFields person = { "141021198003150013", "欧阳娜", "13700001234", "户主", 0 };
  static const struct { const char *at; int tenths; } temps[] = {
    { "2026-11-28 08:10:00", 365 }, { "2026-11-28 15:20:00", 374 }, { "2026-11-29 08:05:00", 380 },
  };

  g_assert_true (wg_store_add_household (store, "1410211002000101", "T3STHH0001",
                                         "曲沃县乐昌镇测试巷1号", &person.household_id, &error));
  g_assert_true (wg_store_add_person (store, &person, &known_person, &error));
  for (guint i = 0; i < G_N_ELEMENTS (temps); i++)
    g_assert_true (wg_store_add_temperature (store, known_person, temps[i].at, temps[i].tenths, &error));
  /* In quarantine today, whenever the tests run. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) start = g_date_time_add_days (now, -9);
    g_autoptr(GDateTime) end = g_date_time_add_days (now, 4);

    known_start = g_date_time_format (start, "%Y-%m-%d");
    known_end = g_date_time_format (end, "%Y-%m-%d");
  }
  g_assert_true (wg_store_add_quarantine (store, known_person, 1, known_start, known_end, &error));
  g_assert_no_error (error);
}

static void
test_household_and_person_file (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgGridNode *micro = wg_grid_tree_lookup (wg_window_get_tree (window), "1410211002000101");
  g_autoptr(WgGridNode) household = NULL;
  WgHouseholdPage *household_page;
  WgPersonPage *person_page;
  WgRecordView *temps, *quarantine, *nat, *history;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (micro)) && household == NULL; i++)
    {
      g_autoptr(WgGridNode) child = g_list_model_get_item (G_LIST_MODEL (micro), i);

      if (g_str_equal (wg_grid_node_get_code (child), "T3STHH0001"))
        household = g_steal_pointer (&child);
    }
  g_assert_nonnull (household);

  wg_window_select_node (window, household);
  g_assert_true (WG_IS_HOUSEHOLD_PAGE (wg_window_get_content (window)));
  household_page = WG_HOUSEHOLD_PAGE (wg_window_get_content (window));
  g_assert_cmpuint (wg_household_page_get_n_members (household_page), ==, 1);

  /* Who answers for it (the micro-grid's, group's and village's staff), and
   * its door sensor: none for this one. */
  {
    GtkListBox *staff = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (household_page),
                                                                     WG_TYPE_HOUSEHOLD_PAGE,
                                                                     "staff_list"));
    guint n = 0;
    GtkListBoxRow *last = NULL;

    while (gtk_list_box_get_row_at_index (staff, n) != NULL)
      last = gtk_list_box_get_row_at_index (staff, n++);
    g_assert_cmpuint (n, >=, 3);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)), ==, "None bound");
  }

  wg_household_page_open_member (household_page, 0);
  g_assert_true (WG_IS_PERSON_PAGE (wg_window_get_content (window)));
  person_page = WG_PERSON_PAGE (wg_window_get_content (window));
  g_assert_cmpint (wg_person_page_get_person_id (person_page), ==, known_person);

  /* The file's tables hold exactly the records in the database, newest first. */
  temps = WG_RECORD_VIEW (wg_person_page_get_records (person_page, WG_RECORD_KIND_TEMPERATURE));
  g_assert_cmpuint (wg_record_view_get_n_rows (temps), ==, 3);
  g_assert_cmpstr (wg_record_view_get_cell (temps, 0, 1), ==, "38.0");
  g_assert_cmpstr (wg_record_view_get_cell (temps, 1, 1), ==, "37.4");
  g_assert_cmpstr (wg_record_view_get_cell (temps, 2, 1), ==, "36.5");
  g_assert_cmpstr (wg_record_view_get_cell (temps, 2, 0), ==, "2026-11-28 08:10:00");

  /* The chart draws the same three readings. */
  g_assert_cmpuint (wg_temperature_chart_get_n_points (WG_TEMPERATURE_CHART (wg_person_page_get_chart (person_page))),
                    ==, 3);

  quarantine = WG_RECORD_VIEW (wg_person_page_get_records (person_page, WG_RECORD_KIND_QUARANTINE));
  g_assert_cmpuint (wg_record_view_get_n_rows (quarantine), ==, 1);
  g_assert_cmpstr (wg_record_view_get_cell (quarantine, 0, 3), ==, known_start);
  g_assert_cmpstr (wg_record_view_get_cell (quarantine, 0, 4), ==, known_end);

  nat = WG_RECORD_VIEW (wg_person_page_get_records (person_page, WG_RECORD_KIND_NAT_TEST));
  g_assert_cmpuint (wg_record_view_get_n_rows (nat), ==, 0);

  /* Adding the person is in the history of changes. */
  history = WG_RECORD_VIEW (wg_person_page_get_records (person_page, WG_RECORD_KIND_HISTORY));
  g_assert_cmpuint (wg_record_view_get_n_rows (history), ==, 1);
  g_assert_cmpstr (wg_record_view_get_cell (history, 0, 3), ==, "欧阳娜");

  /* Adding a reading: 45.0 °C is refused as it is typed, 37.8 is stored. */
  {
    gint64 readings = wg_store_count_rows (wg_window_get_store (window), "temperature");
    GtkWidget *dialog;
    GtkLabel *problem;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_page), "person.add-temperature", NULL));
    dialog = wg_person_page_get_dialog (person_page);
    g_assert_nonnull (dialog);
    problem = g_object_get_data (G_OBJECT (dialog), "problem");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "value"), "45.0");
    g_assert_nonnull (strstr (gtk_label_get_label (problem), "not a plausible body temperature"));
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
    g_assert_cmpint (wg_store_count_rows (wg_window_get_store (window), "temperature"), ==, readings);

    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "value"), "37.8");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    g_assert_cmpint (wg_store_count_rows (wg_window_get_store (window), "temperature"), ==, readings + 1);
    temps = WG_RECORD_VIEW (wg_person_page_get_records (person_page, WG_RECORD_KIND_TEMPERATURE));
    g_assert_cmpuint (wg_record_view_get_n_rows (temps), ==, 4);
    g_assert_cmpstr (wg_record_view_get_cell (temps, 0, 1), ==, "37.8");

    /* A quarantine that ends before it starts cannot be added. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_page), "person.add-quarantine", NULL));
    dialog = wg_person_page_get_dialog (person_page);
    problem = g_object_get_data (G_OBJECT (dialog), "problem");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "start"), "2026-12-10");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "end"), "2026-12-01");
    g_assert_nonnull (strstr (gtk_label_get_label (problem), "cannot end before"));
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  }

  /* And back to the household. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_page), "person.open-household", NULL));
  g_assert_true (WG_IS_HOUSEHOLD_PAGE (wg_window_get_content (window)));

  wg_test_close_windows (app);
}


/* Enter in a form's field saves it when the form is right (the field's
 * "entry-activated", which Enter emits), like clicking Add. */
static void
press_enter_in (GtkWidget  *dialog,
                const char *field)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (dialog), field);

  g_assert_nonnull (row);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_signal_emit_by_name (row, "entry-activated");
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_forms_take_enter (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  WgGridNode *micro = wg_grid_tree_lookup (wg_window_get_tree (window), "1410211002000101");
  g_autoptr(WgGridNode) household = NULL;
  g_autofree char *id = g_strdup_printf ("14102119910203002%c", wg_id_number_check_digit ("14102119910203002"));
  WgHouseholdPage *household_page;
  WgPersonPage *person_page;
  GtkWidget *dialog;
  struct
  {
    const char *action;
    const char *table;
    const char *fields[4][2]; /* field, text */
    const char *enter_in;
  } forms[] = {
    { "person.add-temperature", "temperature", { { "value", "36.8" } }, "value" },
    { "person.add-central", "quarantine", { { "room", "120" } }, "room" },
    { "person.add-quarantine", "quarantine", { { "start", "2027-01-01" }, { "end", "2027-01-14" } }, "end" },
    { "person.add-nat", "nat_test", { { "institution", "曲沃县人民医院" } }, "institution" },
    { "person.add-vaccination", "vaccination", { { "dose", "1" }, { "product", "科兴" } }, "product" },
    { "person.add-health-code", "health_code", { { NULL } }, "day" },
    { "person.add-itinerary", "itinerary", { { "place", "太原市" }, { "arrived", "2026-11-01" } }, "arrived" },
  };

  /* Add a Household (the grid page), then Add a Person to it. */
  wg_window_select_node (window, micro);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-household", NULL));
  dialog = GTK_WIDGET (wg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  {
    gint64 before = wg_store_count_rows (store, "household");

    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "code"), "ENTER00001");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "address"), "曲沃县乐昌镇回车巷1号");
    press_enter_in (dialog, "address");
    g_assert_cmpint (wg_store_count_rows (store, "household"), ==, before + 1);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  /* The tree was built again around the change. */
  micro = wg_grid_tree_lookup (wg_window_get_tree (window), "1410211002000101");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (micro)) && household == NULL; i++)
    {
      g_autoptr(WgGridNode) child = g_list_model_get_item (G_LIST_MODEL (micro), i);

      if (g_str_equal (wg_grid_node_get_code (child), "ENTER00001"))
        household = g_steal_pointer (&child);
    }
  g_assert_nonnull (household);
  wg_window_select_node (window, household);
  household_page = WG_HOUSEHOLD_PAGE (wg_window_get_content (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (household_page), "household.add-person", NULL));
  dialog = GTK_WIDGET (wg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "id-number"), id);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name"), "回车");
  press_enter_in (dialog, "name");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (wg_household_page_get_n_members (household_page), ==, 1);

  /* Every form of the person's file. */
  wg_household_page_open_member (household_page, 0);
  person_page = WG_PERSON_PAGE (wg_window_get_content (window));
  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      gint64 before = wg_store_count_rows (store, forms[f].table);

      g_test_message ("%s", forms[f].action);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_page), forms[f].action, NULL));
      dialog = wg_person_page_get_dialog (person_page);
      g_assert_nonnull (dialog);
      for (guint k = 0; k < G_N_ELEMENTS (forms[f].fields) && forms[f].fields[k][0] != NULL; k++)
        gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), forms[f].fields[k][0]), forms[f].fields[k][1]);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      press_enter_in (dialog, forms[f].enter_in);
      g_assert_cmpint (wg_store_count_rows (store, forms[f].table), ==, before + 1);
      g_assert_null (wg_person_page_get_dialog (person_page));
      if (dialog != NULL)
        gtk_window_destroy (GTK_WINDOW (dialog));
    }

  /* Edit the person: Enter in the phone field saves the change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_page), "person.edit", NULL));
  dialog = wg_person_page_get_dialog (person_page);
  {
    g_autoptr(WgPersonInfo) info = NULL;
    const char *phone_key = "phone";

    g_assert_nonnull (g_object_get_data (G_OBJECT (dialog), phone_key));
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), phone_key), "13812345678");
    press_enter_in (dialog, phone_key);
    info = wg_store_read_person (store, wg_person_page_get_person_id (person_page), NULL);
    g_assert_cmpstr (info->phone, ==, "13812345678");
  }

  /* Leave the county as the other tests expect it. */
  {
    g_autoptr(GError) error = NULL;
    gint64 person_id = wg_person_page_get_person_id (person_page);

    g_assert_true (wg_store_delete_person (store, person_id, &error));
    g_assert_true (wg_store_delete_household (store, wg_grid_node_get_id (household), &error));
    g_assert_no_error (error);
  }
  wg_test_close_windows (app);
}

static void
write_report (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 400, 300);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 20, 50);
  cairo_show_text (cr, "NAT REPORT 5521 NEGATIVE");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
on_attached_cb (WgPersonPage *page,
                gboolean     *attached)
{
  *attached = TRUE;
}

static void
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static gboolean
has_dialog (gpointer page)
{
  return wg_person_page_get_dialog (page) != NULL;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

static gboolean
view_ready (gpointer view)
{
  return wg_print_view_get_document (view) != NULL && !wg_print_view_get_busy (view);
}

static gboolean
view_idle (gpointer view)
{
  return !wg_print_view_get_busy (view);
}

static void
test_dossier_from_person_page (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "dossier.db", NULL);
  g_autofree char *report = g_build_filename (tmp_dir, "nat-report.pdf", NULL);
  g_autofree char *damaged = g_build_filename (tmp_dir, "damaged.pdf", NULL);
  g_autofree char *exported = g_build_filename (tmp_dir, "dossier.pdf", NULL);
  g_autoptr(GFile) report_file = g_file_new_for_path (report);
  g_autoptr(GFile) damaged_file = g_file_new_for_path (damaged);
  g_autoptr(GFile) exported_file = g_file_new_for_path (exported);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id_number = NULL;
  WgDossierButtons *buttons;
  WgPersonPage *page;
  WgPrintView *view;
  WgWindow *window;
  GtkWidget *dialog;
  gboolean attached = FALSE;
  gsize length;

  {
    g_autoptr(WgStore) store = wg_store_open (small_db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(WgPersonInfo) info = NULL;

    g_assert_no_error (error);
    g_assert_true (wg_store_backup (store, db, NULL, &error));
    info = wg_store_read_person (store, known_person, &error);
    g_assert_no_error (error);
    id_number = g_strdup (info->id_number);
  }
  write_report (report);
  g_assert_true (g_file_get_contents (report, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, contents, length / 3, NULL));

  window = wg_test_open_window (app, db);
  wg_window_open_person (window, known_person);
  page = WG_PERSON_PAGE (wg_window_get_content (window));
  g_signal_connect (page, "attached", G_CALLBACK (on_attached_cb), &attached);

  /* A damaged file is refused with a message, and nothing is stored. */
  wg_person_page_attach_file (page, damaged_file);
  wait_for (has_dialog, page);
  dialog = wg_person_page_get_dialog (page);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "damaged"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (attached);
  g_assert_cmpuint (wg_record_view_get_n_rows (WG_RECORD_VIEW (wg_person_page_get_records (page, WG_RECORD_KIND_ATTACHMENT))),
                    ==, 0);

  /* A laboratory report is bound into the file. */
  wg_person_page_attach_file (page, report_file);
  wait_for (is_true, &attached);
  g_assert_cmpuint (wg_record_view_get_n_rows (WG_RECORD_VIEW (wg_person_page_get_records (page, WG_RECORD_KIND_ATTACHMENT))),
                    ==, 1);
  g_assert_cmpstr (wg_record_view_get_cell (WG_RECORD_VIEW (wg_person_page_get_records (page, WG_RECORD_KIND_ATTACHMENT)), 0, 0),
                   ==, "nat-report.pdf");

  /* Print… on the page: the print view opens on this person's dossier. */
  buttons = WG_DOSSIER_BUTTONS (gtk_widget_get_template_child (GTK_WIDGET (page), WG_TYPE_PERSON_PAGE,
                                                               "dossier_buttons"));
  g_assert_cmpstr (wg_dossier_buttons_get_code (buttons), ==, id_number);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (buttons)));
  g_signal_emit_by_name (gtk_widget_get_last_child (GTK_WIDGET (buttons)), "clicked");
  view = WG_PRINT_VIEW (wg_test_find_toplevel (WG_TYPE_PRINT_VIEW));
  g_assert_nonnull (view);
  /* Nothing is printed unasked: the print dialog waits for the user. */
  wg_print_view_set_then (view, WG_PRINT_THEN_NOTHING);
  wait_for (view_ready, view);
  g_assert_true (WG_IS_DOSSIER (wg_print_view_get_document (view)));
  g_assert_cmpuint (wg_dossier_get_n_persons (WG_DOSSIER (wg_print_view_get_document (view))), ==, 1);

  wg_print_view_export (view, exported_file);
  wait_for (view_idle, view);
  {
    g_autofree char *uri = g_file_get_uri (exported_file);
    PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, &error);
    g_autoptr(GString) text = g_string_new (NULL);

    g_assert_no_error (error);
    for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
      {
        PopplerPage *pdf_page = poppler_document_get_page (pdf, i);
        g_autofree char *page_text = poppler_page_get_text (pdf_page);

        g_string_append (text, page_text);
        g_object_unref (pdf_page);
      }
    g_object_unref (pdf);
    g_assert_nonnull (strstr (text->str, "欧阳娜"));
    g_assert_nonnull (strstr (text->str, id_number));
    g_assert_nonnull (strstr (text->str, "NAT REPORT 5521 NEGATIVE"));
  }

  /* The export is in the audit log, as a dossier. */
  {
    g_autoptr(WgStore) store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(GPtrArray) entries = wg_store_list_audit (store, "dossier", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_nonnull (strstr (((WgAuditEntry *) g_ptr_array_index (entries, 0))->detail, "欧阳娜"));
  }

  gtk_window_destroy (GTK_WINDOW (view));
  wg_test_close_windows (app);
}

static void assert_opens_household (WgWindow *window, const char *query);

/* The newest form: a dialog that answered may still be closing. */
static GtkWidget *
current_form (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *newest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        newest = GTK_WIDGET (window);
    }
  g_assert_nonnull (newest);
  return newest;
}

static void
fill (GtkWidget  *dialog,
      const char *key,
      const char *value)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (dialog), key);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), value);
}

static void
test_edit_registry (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "edit.db", NULL);
  g_autoptr(GError) error = NULL;
  WgWindow *window;
  WgPersonPage *person_page;
  GtkWidget *dialog;
  WgGridNode *node;

  {
    g_autoptr(WgStore) store = wg_store_open (small_db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_true (wg_store_backup (store, db, NULL, &error));
  }
  window = wg_test_open_window (app, db);

  /* The household: a new address, then another micro-grid. */
  assert_opens_household (window, "T3STHH0001");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-household", NULL));
  dialog = current_form ();
  fill (dialog, "value", "曲沃县乐昌镇测试巷1号之二");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  node = wg_household_page_get_node (WG_HOUSEHOLD_PAGE (wg_window_get_content (window)));
  g_assert_cmpstr (wg_grid_node_get_name (node), ==, "曲沃县乐昌镇测试巷1号之二");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-household", NULL));
  dialog = current_form ();
  fill (dialog, "code", "14102110020001");
  /* Not a micro-grid: refused as typed. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  fill (dialog, "code", "1410211002000102");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  node = wg_household_page_get_node (WG_HOUSEHOLD_PAGE (wg_window_get_content (window)));
  g_assert_cmpstr (wg_grid_node_get_code (wg_grid_node_get_parent (node)), ==, "1410211002000102");

  /* The person: a wrong phone is refused as typed; a right one is saved. */
  wg_window_open_person (window, known_person);
  person_page = WG_PERSON_PAGE (wg_window_get_content (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_page), "person.edit", NULL));
  dialog = wg_person_page_get_dialog (person_page);
  fill (dialog, "phone", "12345");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  fill (dialog, "phone", "13912345678");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");

  /* A nucleic-acid test through its form: positive. */
  person_page = WG_PERSON_PAGE (wg_window_get_content (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_page), "person.add-nat", NULL));
  dialog = wg_person_page_get_dialog (person_page);
  fill (dialog, "day", "2026-11-28");
  fill (dialog, "time", "25:00");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  fill (dialog, "time", "09:15");
  fill (dialog, "institution", "曲沃县人民医院");
  adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "result")), 1);
  /* Enter in a field saves the form: the field's text is activated as by the key. */
  {
    GtkWidget *field = g_object_get_data (G_OBJECT (dialog), "institution");
    GtkWidget *text;

    gtk_widget_grab_focus (field);
    text = gtk_root_get_focus (GTK_ROOT (dialog));
    g_assert_true (GTK_IS_TEXT (text));
    g_signal_emit_by_name (text, "activate");
    wg_test_spin (300);
  }
  person_page = WG_PERSON_PAGE (wg_window_get_content (window));
  {
    WgRecordView *nat = WG_RECORD_VIEW (wg_person_page_get_records (person_page, WG_RECORD_KIND_NAT_TEST));

    g_assert_cmpuint (wg_record_view_get_n_rows (nat), ==, 1);
    g_assert_cmpstr (wg_record_view_get_cell (nat, 0, 1), ==, "曲沃县人民医院");
  }
  wg_test_close_windows (app);

  /* Closed and opened again: the edits are there. */
  window = wg_test_open_window (app, db);
  wg_window_open_person (window, known_person);
  {
    g_autoptr(WgStore) store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);
    g_autoptr(WgPersonInfo) info = wg_store_read_person (store, known_person, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (info->phone, ==, "13912345678");
    g_assert_cmpstr (info->grid_code, ==, "1410211002000102");
    g_assert_cmpstr (info->address, ==, "曲沃县乐昌镇测试巷1号之二");
  }

  /* A household added to a micro-grid appears in the tree. */
  node = wg_grid_tree_lookup (wg_window_get_tree (window), "1410211002000101");
  wg_window_select_node (window, node);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-household", NULL));
  dialog = current_form ();
  fill (dialog, "code", "NEWHH00001");
  fill (dialog, "address", "曲沃县乐昌镇测试巷9号");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_assert_true (WG_IS_HOUSEHOLD_PAGE (wg_window_get_content (window)));
  node = wg_household_page_get_node (WG_HOUSEHOLD_PAGE (wg_window_get_content (window)));
  g_assert_cmpstr (wg_grid_node_get_code (node), ==, "NEWHH00001");

  /* Removed again, after asking. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-household", NULL));
  dialog = current_form ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  g_assert_true (WG_IS_GRID_PAGE (wg_window_get_content (window)));
  {
    g_autoptr(WgStore) store = wg_store_open (db, WG_STORE_OPEN_FLAGS_READ_ONLY, &error);

    g_assert_cmpint (wg_store_count_rows (store, "household"), ==, small_counts.households);
  }
  wg_test_close_windows (app);
}

static void
assert_opens_person (WgWindow   *window,
                     const char *query)
{
  g_test_message ("search %s", query);
  g_assert_cmpuint (wg_window_search (window, query), >=, 1);
  wg_window_search_activate (window);
  g_assert_true (WG_IS_PERSON_PAGE (wg_window_get_content (window)));
  g_assert_cmpint (wg_person_page_get_person_id (WG_PERSON_PAGE (wg_window_get_content (window))), ==,
                   known_person);
}

static void
assert_opens_household (WgWindow   *window,
                        const char *query)
{
  WgGridNode *node;

  g_test_message ("search %s", query);
  g_assert_cmpuint (wg_window_search (window, query), >=, 1);
  wg_window_search_activate (window);
  g_assert_true (WG_IS_HOUSEHOLD_PAGE (wg_window_get_content (window)));
  node = wg_household_page_get_node (WG_HOUSEHOLD_PAGE (wg_window_get_content (window)));
  g_assert_cmpstr (wg_grid_node_get_code (node), ==, "T3STHH0001");
}

static void
test_search (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *label = NULL;
  g_autofree char *forged = NULL;
  GtkStack *sidebar = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), WG_TYPE_WINDOW,
                                                                "sidebar_stack"));
  GtkWidget *before;

  /* A person by a three-character name, an ID prefix, a phone. */
  assert_opens_person (window, "欧阳娜");
  assert_opens_person (window, "1410211980031500");
  assert_opens_person (window, "13700001234");

  /* A household by its code, and by its label as a barcode scanner types it. */
  assert_opens_household (window, "T3STHH0001");
  /* Titled by its head's name, the code beside. */
  {
    GtkListBox *results = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window), WG_TYPE_WINDOW,
                                                                       "results_list"));
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (results, 0);
    GtkWidget *focus;

    g_assert_true (ADW_IS_ACTION_ROW (row));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "欧阳娜 · T3STHH0001");
    /* Alt+← goes back to the result, in the list, after opening it. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (focus == GTK_WIDGET (row) || gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));
  }
  key = wg_store_dup_signing_key (wg_window_get_store (window), &error);
  g_assert_no_error (error);
  label = wg_label_payload (key, "T3STHH0001");
  assert_opens_household (window, label);

  /* A fragment that matches more than is shown says so. */
  {
    GtkLabel *cap = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), WG_TYPE_WINDOW,
                                                              "results_cap_label"));
    guint n = wg_window_search (window, "1410211");

    g_assert_cmpuint (n, ==, 50);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cap)));
    g_assert_true (g_str_has_prefix (gtk_label_get_label (cap), "50 of "));
    g_assert_nonnull (strstr (gtk_label_get_label (cap), "narrow the search"));
    g_assert_cmpuint (wg_window_search (window, "欧阳娜"), <, 50);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cap)));
  }

  /* A forged label opens nothing. */
  forged = g_strdup (label);
  forged[strlen (forged) - 1] = forged[strlen (forged) - 1] == 'Z' ? 'Y' : 'Z';
  before = wg_window_get_content (window);
  g_assert_cmpuint (wg_window_search (window, forged), ==, 1);
  wg_window_search_activate (window);
  g_assert_true (wg_window_get_content (window) == before);

  /* A grid by its name. */
  g_assert_cmpuint (wg_window_search (window, "乐昌镇"), >=, 1);
  wg_window_search_activate (window);
  g_assert_true (WG_IS_GRID_PAGE (wg_window_get_content (window)));
  g_assert_cmpstr (wg_grid_node_get_code (wg_grid_page_get_node (wg_window_get_grid_page (window))), ==,
                   "141021100");

  /* Nothing found says so. */
  g_assert_cmpuint (wg_window_search (window, "无此人无此地"), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar), ==, "no-results");
  g_assert_cmpuint (wg_window_search (window, ""), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar), ==, "tree");

  wg_test_close_windows (app);
}

static WgGridNode *
find_known_household (WgWindow *window)
{
  WgGridNode *micro = wg_grid_tree_lookup (wg_window_get_tree (window), "1410211002000101");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (micro)); i++)
    {
      g_autoptr(WgGridNode) child = g_list_model_get_item (G_LIST_MODEL (micro), i);

      if (g_str_equal (wg_grid_node_get_code (child), "T3STHH0001"))
        return child; /* the micro-grid keeps it */
    }
  return NULL;
}

static void
test_add_and_remove_person (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  WgHouseholdPage *page;
  GtkWidget *dialog;
  GtkLabel *problem;
  gint64 persons = wg_store_count_rows (store, "person");

  wg_window_select_node (window, find_known_household (window));
  page = WG_HOUSEHOLD_PAGE (wg_window_get_content (window));
  g_assert_cmpuint (wg_household_page_get_n_members (page), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "household.add-person", NULL));
  dialog = wg_household_page_get_add_dialog (page);
  g_assert_nonnull (dialog);
  problem = g_object_get_data (G_OBJECT (dialog), "problem");

  /* A wrong check digit is refused as it is typed, with the reason shown. */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name"), "李四");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "id-number"), "110105194912310021");
  g_assert_nonnull (strstr (gtk_label_get_label (problem), "check digit"));
  g_assert_true (gtk_widget_has_css_class (g_object_get_data (G_OBJECT (dialog), "id-number"), "error"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_cmpint (wg_store_count_rows (store, "person"), ==, persons);

  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "id-number"), "11010519491231002x");
  g_assert_cmpstr (gtk_label_get_label (problem), ==, "");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_assert_cmpint (wg_store_count_rows (store, "person"), ==, persons + 1);
  g_assert_cmpuint (wg_household_page_get_n_members (page), ==, 2);

  /* The new member is still there after closing and opening the window again. */
  wg_test_close_windows (app);
  window = wg_test_open_window (app, small_db);
  store = wg_window_get_store (window);
  wg_window_select_node (window, find_known_household (window));
  page = WG_HOUSEHOLD_PAGE (wg_window_get_content (window));
  g_assert_cmpuint (wg_household_page_get_n_members (page), ==, 2);

  /* Removing offers Undo, and Undo brings the person back untouched. */
  wg_household_page_delete_member (page, 1);
  g_assert_cmpuint (wg_household_page_get_n_members (page), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "household.undo-delete", NULL));
  g_assert_cmpuint (wg_household_page_get_n_members (page), ==, 2);
  g_assert_cmpint (wg_store_count_rows (store, "person"), ==, persons + 1);

  /* Without Undo, moving on makes it final. */
  wg_household_page_delete_member (page, 1);
  wg_window_select_node (window, wg_grid_tree_lookup (wg_window_get_tree (window), "141021"));
  g_assert_cmpint (wg_store_count_rows (store, "person"), ==, persons);

  wg_test_close_windows (app);
}

static int
morning_reading (WgStore *store,
                 guint    index)
{
  g_autoptr(GPtrArray) round = wg_store_list_round (store, "141021", NULL, NULL);

  return ((WgRoundEntry *) g_ptr_array_index (round, index))->morning_tenths;
}

static void
type_into (GtkWidget  *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
test_temperature_round (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) store = wg_store_open (small_db, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  WgRoundView *view;
  GtkWidget *focus;
  int before;

  g_assert_no_error (error);
  view = wg_round_view_new (store, "141021", "曲沃县", &error);
  g_assert_no_error (error);
  wg_round_view_set_round (view, WG_ROUND_MORNING);
  gtk_window_present (GTK_WINDOW (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_cmpuint (wg_round_view_get_n_people (view), >=, 3);

  /* Type, Enter: saved, and the next person's field has the focus. */
  type_into (wg_round_view_get_entry (view, 0), "36,6");
  g_assert_cmpint (morning_reading (store, 0), ==, 366);
  g_assert_cmpstr (wg_round_view_get_status (view, 0), ==, "Saved");
  focus = gtk_root_get_focus (GTK_ROOT (view));
  g_assert_nonnull (focus);
  g_assert_true (focus == wg_round_view_get_entry (view, 1) ||
                 gtk_widget_is_ancestor (focus, wg_round_view_get_entry (view, 1)));

  /* 45.0 °C is refused next to the field and nothing is stored. */
  before = morning_reading (store, 1);
  type_into (wg_round_view_get_entry (view, 1), "45.0");
  g_assert_cmpint (morning_reading (store, 1), ==, before);
  g_assert_nonnull (strstr (wg_round_view_get_status (view, 1), "not a plausible body temperature"));
  g_assert_true (gtk_widget_has_css_class (wg_round_view_get_entry (view, 1), "error"));

  /* Read out as three digits; a fever is marked. */
  type_into (wg_round_view_get_entry (view, 1), "385");
  g_assert_cmpint (morning_reading (store, 1), ==, 385);
  g_assert_cmpstr (wg_round_view_get_status (view, 1), ==, "Saved · Fever");

  /* Keying a reading again corrects it. */
  type_into (wg_round_view_get_entry (view, 0), "36.9");
  g_assert_cmpint (morning_reading (store, 0), ==, 369);

  /* Someone not at home: "-" marks them away (not a gap in the round), and
   * a reading keyed in later replaces it; a measured person cannot be. */
  {
    g_autoptr(GPtrArray) before_away = wg_store_list_round (store, "141021", NULL, &error);
    WgRound round = WG_ROUND_MORNING;
    guint away = G_MAXUINT;

    /* Someone not measured yet this morning — or, when the demo measured
     * everyone, this afternoon. */
    for (guint pass = 0; pass < 2 && away == G_MAXUINT; pass++)
      for (guint i = 2; i < before_away->len && away == G_MAXUINT; i++)
        {
          WgRoundEntry *entry = g_ptr_array_index (before_away, i);

          if ((pass == 0 ? entry->morning_tenths : entry->afternoon_tenths) == 0)
            {
              away = i;
              round = pass == 0 ? WG_ROUND_MORNING : WG_ROUND_AFTERNOON;
            }
        }
    g_assert_cmpuint (away, !=, G_MAXUINT);
    wg_round_view_set_round (view, round);
    type_into (wg_round_view_get_entry (view, away), "-");
    g_assert_cmpstr (wg_round_view_get_status (view, away), ==, "Not measured: away");
    {
      g_autoptr(GPtrArray) entries = wg_store_list_round (store, "141021", NULL, &error);
      WgRoundEntry *entry = g_ptr_array_index (entries, away);

      g_assert_true (round == WG_ROUND_MORNING ? entry->morning_away : entry->afternoon_away);
      g_assert_cmpint (round == WG_ROUND_MORNING ? entry->morning_tenths : entry->afternoon_tenths, ==, 0);
    }
    /* A person measured this round cannot be marked away. */
    for (guint i = 0; i < before_away->len; i++)
      {
        WgRoundEntry *entry = g_ptr_array_index (before_away, i);

        if ((round == WG_ROUND_MORNING ? entry->morning_tenths : entry->afternoon_tenths) > 0)
          {
            type_into (wg_round_view_get_entry (view, i), "-");
            g_assert_nonnull (strstr (wg_round_view_get_status (view, i), "Already measured"));
            break;
          }
      }
    type_into (wg_round_view_get_entry (view, away), "36.4");
    {
      g_autoptr(GPtrArray) entries = wg_store_list_round (store, "141021", NULL, &error);
      WgRoundEntry *entry = g_ptr_array_index (entries, away);

      g_assert_false (round == WG_ROUND_MORNING ? entry->morning_away : entry->afternoon_away);
      g_assert_cmpint (round == WG_ROUND_MORNING ? entry->morning_tenths : entry->afternoon_tenths, ==, 364);
    }
    wg_round_view_set_round (view, WG_ROUND_MORNING);
  }

  /* Down and Up walk between people, from the keyboard (real keys, on the
   * window under the pointer: no window manager gives focus here). */
  wg_test_point_at (wg_round_view_get_entry (view, 1));
  gtk_widget_grab_focus (wg_round_view_get_entry (view, 1));
  wg_test_spin (200);
  wg_test_xdotool ("key", "--clearmodifiers", "Down", NULL);
  wg_test_spin (300);
  focus = gtk_root_get_focus (GTK_ROOT (view));
  g_assert_true (focus == wg_round_view_get_entry (view, 2) ||
                 gtk_widget_is_ancestor (focus, wg_round_view_get_entry (view, 2)));
  wg_test_xdotool ("key", "--clearmodifiers", "Up", NULL);
  wg_test_xdotool ("key", "--clearmodifiers", "Up", NULL);
  wg_test_spin (300);
  focus = gtk_root_get_focus (GTK_ROOT (view));
  g_assert_true (focus == wg_round_view_get_entry (view, 0) ||
                 gtk_widget_is_ancestor (focus, wg_round_view_get_entry (view, 0)));

  gtk_window_destroy (GTK_WINDOW (view));
}

static gboolean
fever_count_above (WgGridPage *page,
                   guint       before)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      guint now = wg_grid_page_get_count (page, "Fever Today");

      if (now != G_MAXUINT && now > before && !wg_grid_page_get_loading (page))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

/* The grid page's figures follow a round keyed on this desk, and a change
 * another process makes, without selecting the grid again. */
static void
test_figures_follow_changes (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgGridPage *page = wg_window_get_grid_page (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) other = NULL;
  g_autoptr(GPtrArray) round = NULL;
  g_autofree char *code = NULL;
  WgRoundView *view;
  guint before, typed = G_MAXUINT;

  wait_for_counts (window);
  code = g_strdup (wg_grid_node_get_code (wg_grid_page_get_node (page)));
  before = wg_grid_page_get_count (page, "Fever Today");
  g_assert_cmpuint (before, !=, G_MAXUINT);

  /* This desk: a fever keyed in the round opened from the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.temperature-round", NULL));
  view = WG_ROUND_VIEW (wg_test_find_toplevel (WG_TYPE_ROUND_VIEW));
  g_assert_nonnull (view);
  wg_round_view_set_round (view, WG_ROUND_MORNING);
  round = wg_store_list_round (wg_window_get_store (window), code, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < round->len && typed == G_MAXUINT; i++)
    {
      WgRoundEntry *entry = g_ptr_array_index (round, i);

      if (entry->morning_tenths < 373 && entry->afternoon_tenths < 373)
        {
          type_into (wg_round_view_get_entry (view, i), "39.1");
          typed = i;
        }
    }
  g_assert_cmpuint (typed, !=, G_MAXUINT);
  g_assert_true (fever_count_above (page, before));
  before = wg_grid_page_get_count (page, "Fever Today");
  gtk_window_destroy (GTK_WINDOW (view));

  /* Another process (wangge-cli, another desk): its own connection. */
  other = wg_store_open (small_db, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = round->len; i > 0; i--)
    {
      WgRoundEntry *entry = g_ptr_array_index (round, i - 1);

      if (entry->morning_tenths >= 373 || entry->afternoon_tenths >= 373 || i - 1 == typed)
        continue;
      g_assert_true (wg_store_set_round_temperature (other, entry->person_id, NULL, WG_ROUND_AFTERNOON, 388,
                                                     &error));
      g_assert_no_error (error);
      break;
    }
  g_assert_true (fever_count_above (page, before));
  /* Never by selecting the grid again. */
  g_assert_cmpstr (wg_grid_node_get_code (wg_grid_page_get_node (page)), ==, code);

  wg_test_close_windows (app);
}

/* At first start the application asks who is at the desk; the name is
 * what the audit log records, never the computer's login. */
static void
test_operator_at_first_start (void)
{
  GSettings *settings = wg_application_get_settings (app);
  g_autofree char *saved = g_settings_get_string (settings, "operator-name");
  AdwMessageDialog *dialog = NULL;
  WgWindow *window;
  GtkEditable *entry;
  gint64 deadline;

  g_settings_set_string (settings, "operator-name", "");
  window = wg_test_open_window (app, small_db);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (dialog == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      dialog = ADW_MESSAGE_DIALOG (wg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Who Is at the Desk?");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  entry = GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "entry"));
  gtk_editable_set_text (entry, "  夜班 李娜 ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* Enter saves. */
  g_signal_emit_by_name (entry, "activate");
  {
    g_autofree char *name = g_settings_get_string (settings, "operator-name");

    g_assert_cmpstr (name, ==, "夜班 李娜");
  }
  g_assert_cmpstr (wg_store_get_operator (wg_window_get_store (window)), ==, "夜班 李娜");
  wg_test_close_windows (app);
  g_settings_set_string (settings, "operator-name", saved);
}

/* Ctrl+P starts from the grid on screen, not the county. */
static void
test_print_starts_here (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  GListModel *county = G_LIST_MODEL (wg_grid_tree_get_root (wg_window_get_tree (window)));
  g_autoptr(WgGridNode) township = g_list_model_get_item (county, 1);
  GtkWindow *view;
  GtkEditable *grid_row;

  wg_window_select_node (window, township);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-labels", NULL));
  view = wg_test_find_toplevel (WG_TYPE_PRINT_VIEW);
  g_assert_nonnull (view);
  grid_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (view), WG_TYPE_PRINT_VIEW, "grid_row"));
  g_assert_cmpstr (gtk_editable_get_text (grid_row), ==, wg_grid_node_get_code (township));
  g_assert_cmpstr (gtk_editable_get_text (grid_row), !=, "141021");

  /* Another grid is chosen by its name, not a code to type. */
  {
    WgGridNode *village = wg_grid_tree_lookup (wg_window_get_tree (window), "141021100200");
    g_autofree char *name = g_strdup (wg_grid_node_get_name (village));

    g_assert_cmpuint (wg_print_view_choose_grid (WG_PRINT_VIEW (view), name), >=, 1);
    g_assert_cmpstr (gtk_editable_get_text (grid_row), ==, "141021100200");
  }
  gtk_window_destroy (view);
  wg_test_close_windows (app);
}

/* Whether anything mapped under @widget scrolls sideways. */
static gboolean
scrolls_sideways (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (widget));

      if (gtk_adjustment_get_upper (h) - gtk_adjustment_get_lower (h) > gtk_adjustment_get_page_size (h) + 1)
        {
          g_test_message ("scrolls sideways: %s (%g > %g)", G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                          gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h));
          return TRUE;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (scrolls_sideways (child))
      return TRUE;
  return FALSE;
}

/* The screens command centres have: at 1366 × 768 with the alert panel
 * open, and at 1024 × 700, the window fits and nothing scrolls sideways —
 * on the county's page and on a person's file. (The ui suite's screen is
 * 1440 × 900.) */
static void
test_fits_small_screens (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), WG_TYPE_WINDOW, "alerts_flap"));
  const int widths[] = { 1366, 1024 };
  const int heights[] = { 768, 700 };

  wait_for_counts (window);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      int minimum = 0;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], heights[i]);
      adw_flap_set_reveal_flap (flap, TRUE);
      wg_test_spin (500);
      g_test_message ("%d × %d: the window is %d × %d", widths[i], heights[i],
                      gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, widths[i]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, widths[i] - 24);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, widths[i]);
      g_assert_false (scrolls_sideways (GTK_WIDGET (window)));

      wg_window_open_person (window, known_person);
      wg_test_spin (500);
      g_assert_false (scrolls_sideways (GTK_WIDGET (window)));

      /* The household page, the print view and the round, at that size. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wg_window_get_content (window)),
                                                 "person.open-household", NULL));
      wg_test_spin (500);
      g_assert_true (WG_IS_HOUSEHOLD_PAGE (wg_window_get_content (window)));
      g_assert_false (scrolls_sideways (GTK_WIDGET (window)));
      {
        g_autoptr(GError) error = NULL;
        GtkWindow *others[2];

        others[0] = GTK_WINDOW (wg_print_view_new (wg_window_get_store (window), "141021100200"));
        others[1] = GTK_WINDOW (wg_round_view_new (wg_window_get_store (window), "141021", "曲沃县", &error));
        g_assert_no_error (error);
        for (guint w = 0; w < G_N_ELEMENTS (others); w++)
          {
            int min_width = 0;

            gtk_window_set_default_size (others[w], widths[i], heights[i]);
            gtk_window_present (others[w]);
            wg_test_spin (500);
            gtk_widget_measure (GTK_WIDGET (others[w]), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
            g_test_message ("%s at %d × %d: needs %d", G_OBJECT_TYPE_NAME (others[w]), widths[i], heights[i],
                            min_width);
            g_assert_cmpint (min_width, <=, widths[i]);
            g_assert_false (scrolls_sideways (GTK_WIDGET (others[w])));
            gtk_window_destroy (others[w]);
          }
      }
    }
  wg_test_close_windows (app);
}

/* The mnemonics (Alt+letter) of what is on screen in @widget's window. */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   GString    *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *other;

      if (key != GDK_KEY_VoidSymbol)
        {
          if ((other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key))) != NULL)
            g_string_append_printf (clashes, "“%s” and “%s”; ", other, text);
          else
            g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) text);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, clashes);
}

static void
assert_unique_mnemonics (GtkWidget  *window,
                         const char *where)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);

  collect_mnemonics (window, seen, clashes);
  g_test_message ("%s: %u mnemonics", where, g_hash_table_size (seen));
  if (clashes->len > 0)
    g_error ("%s: the same Alt key for %s", where, clashes->str);
}

/* Alt+letter means one thing on each page: the county's, a household's, a
 * person's file, the round, the print view. */
static void
test_unique_mnemonics (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  GtkWindow *other;
  g_autoptr(GError) error = NULL;

  wait_for_counts (window);
  assert_unique_mnemonics (GTK_WIDGET (window), "county page");
  wg_window_open_person (window, known_person);
  wg_test_spin (300);
  assert_unique_mnemonics (GTK_WIDGET (window), "person page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wg_window_get_content (window)), "person.open-household", NULL));
  wg_test_spin (300);
  assert_unique_mnemonics (GTK_WIDGET (window), "household page");

  other = GTK_WINDOW (wg_round_view_new (wg_window_get_store (window), "141021", "曲沃县", &error));
  gtk_window_present (other);
  wg_test_spin (300);
  assert_unique_mnemonics (GTK_WIDGET (other), "round");
  gtk_window_destroy (other);
  other = GTK_WINDOW (wg_print_view_new (wg_window_get_store (window), "141021100200"));
  gtk_window_present (other);
  wg_test_spin (300);
  assert_unique_mnemonics (GTK_WIDGET (other), "print view");
  gtk_window_destroy (other);
  wg_test_close_windows (app);
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every figure opens its list: the card for people in home quarantine
 * opens as many rows as it counts, and a row opens the person's file. */
/* The window whose title starts with @prefix (a figure's list: "Home
 * Quarantine — 曲沃县"). */
static GtkWindow *
find_titled (const char *prefix)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_str_has_prefix (gtk_window_get_title (w) != NULL ? gtk_window_get_title (w) : "", prefix))
        return w; /* the list of toplevels keeps it */
    }
  return NULL;
}

static void
test_figure_opens_its_list (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgGridPage *page = wg_window_get_grid_page (window);
  GtkFlowBox *status_box = GTK_FLOW_BOX (gtk_widget_get_template_child (GTK_WIDGET (page), WG_TYPE_GRID_PAGE,
                                                                        "status_box"));
  GtkFlowBoxChild *card;
  GtkWindow *list_window;
  GtkWidget *list = NULL;
  guint expected, n_rows = 0;

  wait_for_counts (window);
  expected = wg_grid_page_get_count (page, "Home Quarantine");
  g_assert_cmpuint (expected, >, 0);
  card = gtk_flow_box_get_child_at_index (status_box, WG_STATUS_HOME_QUARANTINE);
  g_assert_nonnull (card);
  g_signal_emit_by_name (status_box, "child-activated", card);
  wg_test_spin (200);
  list_window = find_titled ("Home Quarantine — ");
  g_assert_nonnull (list_window);
  /* Its list box: the one that holds the people. */
  list = find_list_box (GTK_WIDGET (list_window));
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, expected);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (WG_IS_PERSON_PAGE (wg_window_get_content (window)));
  gtk_window_destroy (list_window);

  /* The quarantine board's figures follow, after the page's; "Tests
   * Overdue" opens the tests not done, as the schedule has them today. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) overdue = wg_store_list_status_people (wg_window_get_store (window),
                                                                wg_grid_node_get_code (wg_grid_page_get_node (page)),
                                                                WG_STATUS_TESTS_OVERDUE, NULL, &error);
    gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    guint board_rows = 0;

    g_assert_no_error (error);
    while (gtk_flow_box_get_child_at_index (status_box, WG_STATUS_N - 1) == NULL && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (wg_grid_page_get_count (page, "Tests Overdue"), ==, overdue->len);
    g_signal_emit_by_name (status_box, "child-activated",
                           gtk_flow_box_get_child_at_index (status_box, WG_STATUS_TESTS_OVERDUE));
    wg_test_spin (200);
    list_window = find_titled ("Tests Overdue — ");
    g_assert_nonnull (list_window);
    list = find_list_box (GTK_WIDGET (list_window));
    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
      board_rows++;
    g_assert_cmpuint (board_rows, ==, overdue->len);
    gtk_window_destroy (list_window);
  }
  wg_test_close_windows (app);
}

static void
test_preferences_and_about (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  GSettings *settings = wg_application_get_settings (app);
  GtkWindow *prefs, *about;
  GtkWidget *row;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  wg_test_spin (100);
  prefs = wg_test_find_toplevel (WG_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prefs));
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (window));

  /* Typing the operator's name stores it. */
  row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), WG_TYPE_PREFERENCES_WINDOW,
                                                   "operator_row"));
  gtk_editable_set_text (GTK_EDITABLE (row), "值班员 张敏");
  {
    g_autofree char *name = g_settings_get_string (settings, "operator-name");
    g_assert_cmpstr (name, ==, "值班员 张敏");
  }
  gtk_window_destroy (prefs);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  wg_test_spin (100);
  about = wg_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (about);

  wg_test_close_windows (app);
}

/* The returnee queue: the new ones reviewed in one go; then three ticked
 * among the reviewed and a preset decided for them at once — their tests
 * scheduled, the queue's counts following. */
static void
test_returnee_queue (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = wg_store_list_returnees (store, NULL, WG_RETURNEE_STATE_NEW, &error);
  g_autoptr(GPtrArray) reviewed = NULL;
  WgReturneesWindow *queue;
  GtkWidget *dialog;
  guint before[WG_RETURNEE_N_STATES], after[WG_RETURNEE_N_STATES];
  gint64 chosen[3];

  g_assert_no_error (error);
  g_assert_true (wg_store_count_returnees (store, NULL, before, &error));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.returnees", NULL);
  wg_test_spin (100);
  queue = WG_RETURNEES_WINDOW (wg_test_find_toplevel (WG_TYPE_RETURNEES_WINDOW));
  g_assert_nonnull (queue);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (queue));
  /* It opens on the new ones. */
  g_assert_cmpuint (wg_returnees_window_get_n_rows (queue), ==, fresh->len);
  g_assert_cmpuint (fresh->len, >, 0);

  for (guint i = 0; i < fresh->len; i++)
    wg_returnees_window_select (queue, ((WgReturneeInfo *) g_ptr_array_index (fresh, i))->id, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (queue), "returnees.review", NULL));
  wg_test_spin (50);
  g_assert_cmpuint (wg_returnees_window_get_n_rows (queue), ==, 0);

  /* Three of the reviewed, by their ids; a preset for all three. */
  reviewed = wg_store_list_returnees (store, NULL, WG_RETURNEE_STATE_REVIEWED, &error);
  g_assert_cmpuint (reviewed->len, >=, 3);
  for (guint i = 0; i < 3; i++)
    chosen[i] = ((WgReturneeInfo *) g_ptr_array_index (reviewed, i))->id;
  wg_returnees_window_show_state (queue, WG_RETURNEE_STATE_REVIEWED);
  g_assert_cmpuint (wg_returnees_window_get_n_rows (queue), ==, reviewed->len);
  for (guint i = 0; i < 3; i++)
    wg_returnees_window_select (queue, chosen[i], TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (queue), "returnees.decide", NULL));
  wg_test_spin (100);
  dialog = wg_returnees_window_get_dialog (queue);
  g_assert_nonnull (dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "preset")), 4); /* 3天3检 */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "from"), "2026-12-10");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);

  g_assert_true (wg_store_count_returnees (store, NULL, after, &error));
  g_assert_cmpuint (after[WG_RETURNEE_STATE_NEW], ==, 0);
  g_assert_cmpuint (after[WG_RETURNEE_STATE_REVIEWED], ==, before[WG_RETURNEE_STATE_REVIEWED] + fresh->len - 3);
  g_assert_cmpuint (after[WG_RETURNEE_STATE_DECIDED], ==, before[WG_RETURNEE_STATE_DECIDED] + 3);
  g_assert_cmpuint (wg_returnees_window_get_n_rows (queue), ==, reviewed->len - 3);
  {
    g_autofree char *expected = g_strdup_printf ("%u", after[WG_RETURNEE_STATE_DECIDED]);

    g_assert_nonnull (strstr (wg_returnees_window_get_counts (queue), expected));
  }
  /* Each of the three: three tests, the first due on the 10th. */
  {
    g_autoptr(GPtrArray) due = wg_store_list_tests_due (store, NULL, "2026-12-12", &error);

    for (guint i = 0; i < 3; i++)
      {
        guint n = 0;
        gint64 person = ((WgReturneeInfo *) g_ptr_array_index (reviewed, i))->person_id;

        for (guint d = 0; d < due->len; d++)
          n += ((WgTestDue *) g_ptr_array_index (due, d))->person_id == person;
        g_assert_cmpuint (n, ==, 3);
      }
  }
  gtk_window_destroy (GTK_WINDOW (queue));
  wg_test_close_windows (app);
}

/* A room assignment at a central site: a returnee put in central
 * quarantine there awaits a room; the window's dialog assigns a free one
 * for the period, the person leaves the waiting list, the room lists them,
 * and they are checked in from the room's row. */
static void
test_site_room (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) away = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) stays = NULL;
  g_autoptr(GPtrArray) roomless = NULL;
  g_autofree char *today = wg_today ();
  g_autofree char *last = NULL;
  const WgStatusPerson *who;
  const WgSiteInfo *site;
  WgSitesWindow *sites_window;
  GtkWidget *dialog;
  guint assigned_before;

  /* Someone back from away, put in central quarantine at the second site
   * for a week, no room yet (the person page's form). */
  away = wg_store_list_status_people (store, "141021", WG_STATUS_AWAY, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (away->len, >, 0);
  who = g_ptr_array_index (away, 0);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) week = g_date_time_add_days (now, 6);

    last = g_date_time_format (week, "%Y-%m-%d");
  }
  g_assert_true (wg_store_add_central_quarantine (store, who->person_id, "曲沃县第二集中隔离点", NULL, today, last,
                                                  &error));
  g_assert_no_error (error);
  sites = wg_store_list_sites (store, today, &error);
  g_assert_no_error (error);
  site = g_ptr_array_index (sites, 1);
  g_assert_cmpstr (site->name, ==, "曲沃县第二集中隔离点");
  g_assert_cmpuint (site->awaiting_room, >=, 1);
  assigned_before = site->assigned;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sites", NULL);
  wg_test_spin (100);
  sites_window = WG_SITES_WINDOW (wg_test_find_toplevel (WG_TYPE_SITES_WINDOW));
  g_assert_nonnull (sites_window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (sites_window));
  g_assert_true (wg_sites_window_show_site (sites_window, site->id));
  wg_test_spin (50);
  {
    g_autofree char *expected = g_strdup_printf ("%u assigned", assigned_before);

    g_assert_nonnull (strstr (wg_sites_window_get_summary (sites_window), expected));
  }

  /* The dialog offers a free room and the quarantine's days. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sites_window), "sites.assign", "x", who->person_id));
  wg_test_spin (100);
  dialog = wg_sites_window_get_dialog (sites_window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "from")), ==, today);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);

  stays = wg_store_list_person_stays (store, who->person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stays->len, ==, 1);
  g_assert_cmpstr (((WgStayInfo *) g_ptr_array_index (stays, 0))->site, ==, "曲沃县第二集中隔离点");
  g_assert_cmpstr (((WgStayInfo *) g_ptr_array_index (stays, 0))->from_day, ==, today);
  g_assert_null (((WgStayInfo *) g_ptr_array_index (stays, 0))->checked_in_at);
  roomless = wg_store_list_roomless (store, site->id, today, &error);
  for (guint i = 0; i < roomless->len; i++)
    g_assert_cmpint (((WgRoomless *) g_ptr_array_index (roomless, i))->person_id, !=, who->person_id);
  {
    g_autofree char *expected = g_strdup_printf ("%u assigned", assigned_before + 1);

    g_assert_nonnull (strstr (wg_sites_window_get_summary (sites_window), expected));
  }

  /* Checked in from the room's row, by the stay's id. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sites_window), "sites.check-in", "x",
                                             ((WgStayInfo *) g_ptr_array_index (stays, 0))->id));
  wg_test_spin (50);
  g_clear_pointer (&stays, g_ptr_array_unref);
  stays = wg_store_list_person_stays (store, who->person_id, &error);
  g_assert_nonnull (((WgStayInfo *) g_ptr_array_index (stays, 0))->checked_in_at);
  {
    g_autofree char *expected = g_strdup_printf ("%u checked in", site->checked_in + 1);

    g_assert_nonnull (strstr (wg_sites_window_get_summary (sites_window), expected));
  }

  /* A room added to the site from its dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sites_window), "sites.add-room", NULL));
  wg_test_spin (100);
  dialog = wg_sites_window_get_dialog (sites_window);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "number"), "305");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "floor"), "3");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "capacity"), "2");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (50);
  {
    g_autofree char *expected = g_strdup_printf ("%u rooms, %u beds", site->n_rooms + 1, site->beds + 2);

    g_assert_nonnull (strstr (wg_sites_window_get_summary (sites_window), expected));
  }

  /* On the stay's last day the person, still checked in, is due to move
   * home: the transfer home is planned from the site to the household. */
  wg_sites_window_set_day (sites_window, last);
  {
    g_autoptr(GPtrArray) moves = wg_store_list_moves_home (store, site->id, last, &error);
    g_autoptr(GPtrArray) home = NULL;
    gint64 stay_id = ((WgStayInfo *) g_ptr_array_index (stays, 0))->id;
    gboolean due = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < moves->len; i++)
      due |= ((WgStayInfo *) moves->pdata[i])->id == stay_id;
    g_assert_true (due);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sites_window), "sites.transfer-home", "x", stay_id));
    wg_test_spin (100);
    dialog = wg_sites_window_get_dialog (sites_window);
    g_assert_nonnull (dialog);
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "vehicle"), "晋L·D7700");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "driver"), "赵志刚");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "escort"), "护士 韩静");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    wg_test_spin (50);
    home = wg_store_list_transfers (store, last, who->person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (home->len, ==, 1);
    g_assert_cmpint (((WgTransferInfo *) home->pdata[0])->to_household_id, >, 0);
    g_assert_cmpstr (((WgTransferInfo *) home->pdata[0])->from_place, ==, site->address);
  }
  gtk_window_destroy (GTK_WINDOW (sites_window));
  wg_test_close_windows (app);
}

/* A transfer planned from the window's dialog (two persons pasted with a
 * Chinese comma), walked to the hand-over by its id, the last step naming
 * who took them over; the person's file shows it. */
static void
test_transfers (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) away = wg_store_list_status_people (store, "141021", WG_STATUS_AWAY, NULL, &error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(WgTransferInfo) done = NULL;
  g_autofree char *today = wg_today ();
  g_autofree char *persons = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  WgTransfersWindow *transfers;
  GtkWidget *dialog;
  gint64 id = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (away->len, >=, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(WgPersonInfo) info = wg_store_read_person (store, ((WgStatusPerson *) away->pdata[i])->person_id,
                                                           &error);

      g_assert_no_error (error);
      if (i == 0)
        a = g_strdup (info->id_number);
      else
        b = g_strdup (info->id_number);
    }
  persons = g_strdup_printf ("%s，%s", a, b);
  before = wg_store_list_transfers (store, today, 0, &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.transfers", NULL);
  wg_test_spin (100);
  transfers = WG_TRANSFERS_WINDOW (wg_test_find_toplevel (WG_TYPE_TRANSFERS_WINDOW));
  g_assert_nonnull (transfers);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (transfers));
  g_assert_cmpuint (wg_transfers_window_get_n_rows (transfers), ==, before->len);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (transfers), "transfers.add", NULL));
  wg_test_spin (100);
  dialog = wg_transfers_window_get_dialog (transfers);
  g_assert_nonnull (dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "from-kind")), 1); /* station */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "from"), "侯马西站");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "to"), "曲沃县第一集中隔离点");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "vehicle"), "晋L·D7600");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "driver"), "王建军");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "escort"), "护士 杨丽");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "persons"), persons);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);
  g_assert_cmpuint (wg_transfers_window_get_n_rows (transfers), ==, before->len + 1);

  after = wg_store_list_transfers (store, today, 0, &error);
  for (guint i = 0; i < after->len; i++)
    if (g_str_equal (((WgTransferInfo *) after->pdata[i])->vehicle, "晋L·D7600"))
      id = ((WgTransferInfo *) after->pdata[i])->id;
  g_assert_cmpint (id, >, 0);

  /* Dispatched, picked up, then handed over through its dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (transfers), "transfers.advance", "x", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (transfers), "transfers.advance", "x", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (transfers), "transfers.advance", "x", id));
  wg_test_spin (100);
  dialog = wg_transfers_window_get_dialog (transfers);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "to"), "值守医生 张敏");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);

  done = wg_store_get_transfer (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->state, ==, WG_TRANSFER_HANDED_OVER);
  g_assert_cmpint (done->from_kind, ==, WG_TRANSFER_FROM_STATION);
  g_assert_cmpstr (done->to_place, ==, "曲沃县第一集中隔离点");
  g_assert_cmpstr (done->handed_to, ==, "值守医生 张敏");
  g_assert_cmpuint (done->persons->len, ==, 2);
  {
    g_autoptr(WgRecordTable) table = wg_store_read_records (store, WG_RECORD_KIND_TRANSFER,
                                                            ((WgStatusPerson *) away->pdata[0])->person_id, &error);

    g_autoptr(GPtrArray) theirs = wg_store_list_transfers (store, NULL, ((WgStatusPerson *) away->pdata[0])->person_id,
                                                           &error);

    g_assert_no_error (error);
    g_assert_cmpuint (table->rows->len, ==, theirs->len);
    g_assert_cmpuint (theirs->len, >=, 1);
  }
  gtk_window_destroy (GTK_WINDOW (transfers));
  wg_test_close_windows (app);
}

static void
on_board_loaded_cb (WgBoardWindow *board,
                    gboolean      *loaded)
{
  *loaded = TRUE;
}

static void
wait_for_board (WgBoardWindow *board)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (board, "loaded", G_CALLBACK (on_board_loaded_cb), &loaded);
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!loaded && !wg_board_window_is_loaded (board) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (board, id);
  g_assert_true (wg_board_window_is_loaded (board));
}

/* The quarantine board of the county: each list as the store lists it for
 * the day, on any day asked; a quarantine extended from its row with the
 * reason shows in the day's changes. */
static void
test_board_window (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wg_today ();
  g_autoptr(GPtrArray) starting = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  WgBoardWindow *board;
  GtkWidget *dialog;

  /* The county's board: opened from the county's page. */
  wg_window_select_node (window, wg_grid_tree_lookup (wg_window_get_tree (window), "141021"));
  wg_test_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.board", NULL);
  wg_test_spin (50);
  board = WG_BOARD_WINDOW (wg_test_find_toplevel (WG_TYPE_BOARD_WINDOW));
  g_assert_nonnull (board);
  wait_for_board (board);
  for (int pass = 0; pass < 2; pass++)
    {
      const char *day = pass == 0 ? today : "2026-12-03";

      if (pass == 1)
        {
          wg_board_window_set_day (board, day);
          wait_for_board (board);
        }
      for (WgStatus s = WG_STATUS_BOARD_FIRST; s < WG_STATUS_N; s++)
        {
          g_autoptr(GPtrArray) people = wg_store_list_status_people (store, "141021", s, day, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (wg_board_window_get_count (board, s), ==, people->len);
        }
    }

  /* Back to today: the first starting today has their quarantine extended. */
  wg_board_window_set_day (board, today);
  wait_for_board (board);
  starting = wg_store_list_status_people (store, "141021", WG_STATUS_STARTING_TODAY, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starting->len, >, 0);
  changed = wg_store_list_status_people (store, "141021", WG_STATUS_PERIOD_CHANGED, today, &error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.change-end", "x",
                                             ((WgStatusPerson *) starting->pdata[0])->person_id));
  wg_test_spin (100);
  dialog = wg_board_window_get_dialog (board);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "end"), "2027-01-20");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "reason"), "密接复检结果未出");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wait_for_board (board);
  g_assert_cmpuint (wg_board_window_get_count (board, WG_STATUS_PERIOD_CHANGED), ==, changed->len + 1);
  gtk_window_destroy (GTK_WINDOW (board));
  wg_test_close_windows (app);
}

/* A sampling round entered at the desk: a list read from a spreadsheet
 * saved by Excel (a byte-order mark, a Chinese header), one result changed
 * to positive by hand, all recorded: the positive listed at once, each
 * fulfilling a scheduled test; a list with an unknown ID number records
 * nothing and stays for correction. */
static void
test_sampling_round (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wg_today ();
  g_autoptr(GPtrArray) due = wg_store_list_tests_due (store, NULL, today, &error);
  g_autofree char *csv = g_build_filename (g_get_tmp_dir (), "round.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *bad = NULL;
  const WgTestDue *a, *b;
  WgSamplingWindow *round;
  guint nat_before, due_before;

  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >=, 2);
  a = g_ptr_array_index (due, 0);
  b = NULL;
  for (guint i = 1; i < due->len && b == NULL; i++)
    if (((WgTestDue *) g_ptr_array_index (due, i))->person_id != a->person_id)
      b = g_ptr_array_index (due, i);
  g_assert_nonnull (b);
  text = g_strdup_printf ("\xEF\xBB\xBF身份证号,检测结果\r\n%s,阴性\r\n%s,阴性\r\n", a->id_number, b->id_number);
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  nat_before = wg_store_count_rows (store, "nat_test");
  due_before = due->len;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sampling", NULL);
  wg_test_spin (100);
  round = WG_SAMPLING_WINDOW (wg_test_find_toplevel (WG_TYPE_SAMPLING_WINDOW));
  g_assert_nonnull (round);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (round));
  wg_sampling_window_load_file (round, csv);
  loaded = wg_sampling_window_dup_results (round);
  g_assert_nonnull (strstr (loaded, a->id_number));
  g_assert_nonnull (strstr (loaded, b->id_number));

  /* An ID number nobody has: refused whole, the list kept. */
  bad = g_strdup_printf ("%s110101199001011237 阴性\n", loaded);
  wg_sampling_window_set_round (round, "2026-11-30 09:00", "曲沃县人民医院", bad);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (round), "sampling.record", NULL));
  g_assert_cmpuint (wg_store_count_rows (store, "nat_test"), ==, nat_before);
  g_assert_cmpuint (wg_sampling_window_get_n_positives (round), ==, 0);

  /* b's result corrected by hand to positive; recorded. */
  {
    g_autofree char *b_negative = g_strdup_printf ("%s\t阴性", b->id_number);
    g_autofree char *b_positive = g_strdup_printf ("%s\t阳性", b->id_number);
    g_auto(GStrv) parts = g_strsplit (loaded, b_negative, 2);

    edited = g_strjoinv (b_positive, parts);
  }
  wg_sampling_window_set_round (round, "2026-11-30 09:00", "曲沃县人民医院", edited);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (round), "sampling.record", NULL));
  g_assert_cmpuint (wg_store_count_rows (store, "nat_test"), ==, nat_before + 2);
  g_assert_cmpuint (wg_sampling_window_get_n_positives (round), ==, 1);
  {
    g_autoptr(GPtrArray) after = wg_store_list_tests_due (store, NULL, today, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (after->len, <, due_before);
  }
  gtk_window_destroy (GTK_WINDOW (round));
  wg_test_close_windows (app);
}

/* What Space or Enter does on a focused button: focus it, activate it
 * (gtk_widget_activate () is the keybinding's own call). */
static void
press_on (GtkWidget *widget)
{
  g_assert_nonnull (widget);

  gtk_widget_grab_focus (widget);
  g_assert_true (gtk_widget_has_focus (widget));
  g_assert_true (gtk_widget_activate (widget));
  /* A button shows itself pressed a moment before it clicks. */
  wg_test_spin (600);
}

/* A help order recorded from the dialog, then walked to done from the
 * keyboard's side: its row's focused button activated dispatches it —
 * and the focus stays on that order —, again accepts it, again asks what
 * was done — typed, Enter — and it is done. */
static void
test_orders (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = wg_store_list_orders (store, NULL, -1, 0, NULL, &error);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(WgOrderInfo) done = NULL;
  g_autofree char *household = NULL;
  WgOrdersWindow *orders;
  GtkWidget *dialog;
  gint64 id = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (before->len, >, 0);
  household = g_strdup (((WgOrderInfo *) before->pdata[0])->household_code);
  wg_window_select_node (window, wg_grid_tree_lookup (wg_window_get_tree (window), "141021"));
  wg_test_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.orders", NULL);
  wg_test_spin (100);
  orders = WG_ORDERS_WINDOW (wg_test_find_toplevel (WG_TYPE_ORDERS_WINDOW));
  g_assert_nonnull (orders);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (orders));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders), "orders.add", NULL));
  wg_test_spin (100);
  dialog = wg_orders_window_get_dialog (orders);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "household"), household);
  adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "kind")), 1); /* medicine */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "detail"), "代购降压药两盒");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);
  after = wg_store_list_orders (store, NULL, -1, 0, NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    if (g_str_equal (((WgOrderInfo *) after->pdata[i])->detail, "代购降压药两盒"))
      id = ((WgOrderInfo *) after->pdata[i])->id;
  g_assert_cmpint (id, >, 0);

  gtk_window_present (GTK_WINDOW (orders));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (orders));
  for (WgOrderState state = WG_ORDER_ORDERED; state < WG_ORDER_ACCEPTED; state++)
    {
      g_autoptr(WgOrderInfo) now = NULL;

      press_on (wg_orders_window_get_step_button (orders, id));
      /* The focus is back on the same order's row. */
      g_assert_true (gtk_widget_has_focus (wg_orders_window_get_step_button (orders, id)));
      now = wg_store_get_order (store, id, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (now->state, ==, state + 1);
    }
  press_on (wg_orders_window_get_step_button (orders, id));
  dialog = wg_orders_window_get_dialog (orders);
  g_assert_nonnull (dialog);
  {
    GtkWidget *note = g_object_get_data (G_OBJECT (dialog), "note");

    gtk_editable_set_text (GTK_EDITABLE (note), "delivered");
    /* Enter in the field saves the form. */
    g_signal_emit_by_name (note, "entry-activated");
    wg_test_spin (300);
  }

  done = wg_store_get_order (store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->state, ==, WG_ORDER_DONE);
  g_assert_cmpint (done->worker_id, >, 0);
  g_assert_cmpstr (done->note, ==, "delivered");
  gtk_window_destroy (GTK_WINDOW (orders));
  wg_test_close_windows (app);
}

/* A patrol report entered at the desk: the county's grids missing their
 * meeting today, one of them reported from its row's dialog, one fewer
 * missing. */
static void
test_patrols (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wg_today ();
  g_autoptr(GPtrArray) missing = wg_store_list_missing_reports (store, "141021", today, &error);
  const WgMissingReport *micro = NULL;
  WgPatrolsWindow *patrols;
  GtkWidget *dialog;
  guint before, reports;

  g_assert_no_error (error);
  for (guint i = 0; i < missing->len && micro == NULL; i++)
    if (((WgMissingReport *) missing->pdata[i])->level == 5)
      micro = g_ptr_array_index (missing, i);
  g_assert_nonnull (micro);
  wg_window_select_node (window, wg_grid_tree_lookup (wg_window_get_tree (window), "141021"));
  wg_test_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.patrols", NULL);
  wg_test_spin (100);
  patrols = WG_PATROLS_WINDOW (wg_test_find_toplevel (WG_TYPE_PATROLS_WINDOW));
  g_assert_nonnull (patrols);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (patrols));
  before = wg_patrols_window_get_missing (patrols);
  g_assert_cmpuint (before, ==, ((WgMissingReport *) missing->pdata[0])->missing);
  reports = wg_patrols_window_get_n_reports (patrols);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (patrols), "patrols.report", "s", micro->code));
  wg_test_spin (100);
  dialog = wg_patrols_window_get_dialog (patrols);
  g_assert_nonnull (dialog);
  /* The meeting is what is missing: offered first. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "kind"))), ==,
                    2);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "at"), "20:30");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "by"), "张伟、李娜、王强");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "reported"), "两圈巡查无异常");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);
  g_assert_cmpuint (wg_patrols_window_get_missing (patrols), ==, before - 1);
  g_assert_cmpuint (wg_patrols_window_get_n_reports (patrols), ==, reports + 1);
  {
    g_autoptr(GPtrArray) day = wg_store_list_patrols (store, micro->code, today, &error);
    gboolean met = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < day->len; i++)
      met |= ((WgPatrolInfo *) day->pdata[i])->kind == WG_PATROL_MEETING;
    g_assert_true (met);
  }
  gtk_window_destroy (GTK_WINDOW (patrols));
  wg_test_close_windows (app);
}

/* A day's roster planned in the week view: next year's first Monday, empty,
 * every shift short; three people booked at the G5 exit's day shift (a
 * leader leading), one of them booked again elsewhere on that shift is
 * refused; the shift no longer short. */
static void
test_roster (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = wg_store_list_duty_staff (store, &error);
  WgRosterWindow *roster;
  guint short_before;

  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, >=, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.roster", NULL);
  wg_test_spin (100);
  roster = WG_ROSTER_WINDOW (wg_test_find_toplevel (WG_TYPE_ROSTER_WINDOW));
  g_assert_nonnull (roster);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (roster));
  wg_roster_window_set_week_of (roster, "2027-01-06");
  g_assert_cmpuint (wg_roster_window_get_n_duties (roster), ==, 0);
  short_before = wg_roster_window_get_n_warnings (roster);
  g_assert_cmpuint (short_before, ==, 7 * 3 * 3);

  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *dialog;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.book", "(sus)", "2027-01-04", 1,
                                                 i < 3 ? "G5京昆高速曲沃出口" : "S234曲沃至绛县出口"));
      wg_test_spin (100);
      dialog = wg_roster_window_get_dialog (roster);
      g_assert_nonnull (dialog);
      adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "staff")), i < 3 ? i : 0);
      adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "role")), i == 0 ? 0 : 1);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
      wg_test_spin (100);
    }
  /* Three booked, the fourth (the first again, elsewhere) refused. */
  g_assert_cmpuint (wg_roster_window_get_n_duties (roster), ==, 3);
  g_assert_cmpuint (wg_roster_window_get_n_warnings (roster), ==, short_before - 1);
  {
    g_autoptr(GPtrArray) now = wg_store_list_on_duty_now (store, "2027-01-04 09:00:00", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (now->len, ==, 3);
    g_assert_cmpint (((WgDutyInfo *) now->pdata[0])->role, ==, WG_DUTY_LEADER);
  }

  /* A unit leader on duty in a community, the evening shift. */
  {
    g_autoptr(GPtrArray) missing = wg_store_list_missing_reports (store, "141021", "2027-01-04", &error);
    g_autoptr(GPtrArray) duties = NULL;
    const char *village = NULL;
    GtkWidget *dialog;
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < missing->len && village == NULL; i++)
      if (((WgMissingReport *) missing->pdata[i])->level == 3)
        village = ((WgMissingReport *) missing->pdata[i])->code;
    g_assert_nonnull (village);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roster), "roster.book", "(sus)", "2027-01-04", 0, ""));
    wg_test_spin (100);
    dialog = wg_roster_window_get_dialog (roster);
    g_assert_nonnull (dialog);
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "community"), village);
    adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "shift")), 1);
    adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "staff")), 0);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    wg_test_spin (100);
    g_assert_cmpuint (wg_roster_window_get_n_duties (roster), ==, 4);
    duties = wg_store_list_duties (store, "2027-01-04", 1, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < duties->len; i++)
      {
        const WgDutyInfo *duty = g_ptr_array_index (duties, i);

        if (duty->checkpoint_id == 0)
          {
            found = TRUE;
            g_assert_cmpint (duty->role, ==, WG_DUTY_UNIT_LEADER);
            g_assert_cmpuint (duty->shift, ==, 2);
          }
      }
    g_assert_true (found);
  }
  gtk_window_destroy (GTK_WINDOW (roster));
  wg_test_close_windows (app);
}

/* The county's people away, by group: one person's where and why, group
 * and who at home needs care edited from their row. */
static void
test_away (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = wg_store_list_away (store, "141021", &error);
  g_autoptr(GPtrArray) after = NULL;
  g_auto(GStrv) groups = NULL;
  const WgAwayInfo *person = NULL;
  WgAwayWindow *away;
  GtkWidget *dialog;
  guint care = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < before->len; i++)
    {
      const WgAwayInfo *a = g_ptr_array_index (before, i);

      care += a->care_needed != NULL;
      if (person == NULL && a->care_needed == NULL)
        person = a;
    }
  g_assert_nonnull (person);
  groups = wg_store_list_away_groups (store, person->person_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (groups[0]);
  wg_window_select_node (window, wg_grid_tree_lookup (wg_window_get_tree (window), "141021"));
  wg_test_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.away", NULL);
  wg_test_spin (100);
  away = WG_AWAY_WINDOW (wg_test_find_toplevel (WG_TYPE_AWAY_WINDOW));
  g_assert_nonnull (away);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (away));
  g_assert_cmpuint (wg_away_window_get_n_people (away), ==, before->len);
  g_assert_cmpuint (wg_away_window_get_n_care (away), ==, care);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (away), "away.edit", "x", person->person_id));
  wg_test_spin (100);
  dialog = wg_away_window_get_dialog (away);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "province"), "广东省");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "city"), "深圳市");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "employer"), "龙华区某电子厂");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "since"), "2026-10-01");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "care"), "母亲 78岁 独居");
  adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "reason")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (g_object_get_data (G_OBJECT (dialog), "group")), 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);

  g_assert_cmpuint (wg_away_window_get_n_care (away), ==, care + 1);
  after = wg_store_list_away (store, "141021", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < after->len; i++)
    {
      const WgAwayInfo *a = g_ptr_array_index (after, i);

      if (a->person_id != person->person_id)
        continue;
      g_assert_cmpstr (a->province, ==, "广东省");
      g_assert_cmpstr (a->city, ==, "深圳市");
      g_assert_cmpstr (a->since, ==, "2026-10-01");
      g_assert_cmpint (a->reason, ==, WG_AWAY_WORK);
      g_assert_cmpstr (a->group, ==, groups[0]);
      g_assert_cmpstr (a->care_needed, ==, "母亲 78岁 独居");
    }
  gtk_window_destroy (GTK_WINDOW (away));
  wg_test_close_windows (app);
}

/* Disinfection at the desk: a home planned from the dialog for eight this
 * morning; at eleven tonight its slot is overdue (as the store says), the
 * visit recorded from its row, one fewer overdue and one more visit. */
static void
test_disinfection (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wg_today ();
  g_autofree char *night = g_strdup_printf ("%s 23:00:00", today);
  g_autoptr(GPtrArray) households = wg_store_list_away (store, "141021", &error);
  g_autoptr(GPtrArray) overdue = NULL;
  const char *household = NULL;
  WgDisinfectionWindow *disinfection;
  GtkWidget *dialog;
  guint before, visits;
  gint64 plan = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (households->len, >, 0);
  household = ((WgAwayInfo *) households->pdata[0])->household_code;
  wg_window_select_node (window, wg_grid_tree_lookup (wg_window_get_tree (window), "141021"));
  wg_test_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.disinfection", NULL);
  wg_test_spin (100);
  disinfection = WG_DISINFECTION_WINDOW (wg_test_find_toplevel (WG_TYPE_DISINFECTION_WINDOW));
  g_assert_nonnull (disinfection);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (disinfection));
  wg_disinfection_window_set_now (disinfection, night);
  before = wg_disinfection_window_get_n_overdue (disinfection);
  visits = wg_disinfection_window_get_n_visits (disinfection);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (disinfection), "disinfection.plan", NULL));
  wg_test_spin (100);
  dialog = wg_disinfection_window_get_dialog (disinfection);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "household"), household);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "hour"), "8");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "to"), today);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);
  g_assert_cmpuint (wg_disinfection_window_get_n_overdue (disinfection), ==, before + 1);
  /* The county's window: its homes and the central sites' rooms. */
  overdue = wg_store_list_disinfection_overdue (store, NULL, night, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, ==, before + 1);
  for (guint i = 0; i < overdue->len; i++)
    {
      const WgDisinfectionDue *due = g_ptr_array_index (overdue, i);

      if (g_strcmp0 (due->household_code, household) == 0 && g_str_has_suffix (due->due_at, " 08:00:00"))
        plan = due->plan_id;
    }
  g_assert_cmpint (plan, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (disinfection), "disinfection.record", "x", plan));
  wg_test_spin (100);
  dialog = wg_disinfection_window_get_dialog (disinfection);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "by"), "消杀队 王强");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "what"), "门把手、地面喷洒消毒");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);
  g_assert_cmpuint (wg_disinfection_window_get_n_overdue (disinfection), ==, before);
  g_assert_cmpuint (wg_disinfection_window_get_n_visits (disinfection), ==, visits + 1);
  gtk_window_destroy (GTK_WINDOW (disinfection));
  wg_test_close_windows (app);
}

/* At the report hour (21:00 by default), once a day: the micro-grids that
 * have not met today, as the store counts them. */
static void
test_report_hour (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) before = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now), 20, 59, 0);
  g_autoptr(GDateTime) at = g_date_time_add_minutes (before, 6);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (before, 60);
  g_autofree char *today = wg_today ();
  g_autoptr(GPtrArray) missing = NULL;

  wg_window_select_node (window, wg_grid_tree_lookup (wg_window_get_tree (window), "141021"));
  wg_test_spin (50);
  missing = wg_store_list_missing_reports (store, "141021", today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((WgMissingReport *) missing->pdata[0])->missing, >, 0);
  g_assert_cmpint (wg_window_check_reports (window, before), ==, -1);
  g_assert_cmpint (wg_window_check_reports (window, at), ==, ((WgMissingReport *) missing->pdata[0])->missing);
  g_assert_cmpint (wg_window_check_reports (window, later), ==, -1);
  wg_test_close_windows (app);
}

typedef struct
{
  WgDashboardWindow *dashboard;
  WgFigure figure;
  int value;
} FigureWait;

static gboolean
figure_is (gpointer data)
{
  FigureWait *wait = data;

  return wg_dashboard_window_get_figure (wait->dashboard, wait->figure, "141021") == wait->value;
}

static gboolean
dashboard_ready (gpointer dashboard)
{
  return wg_dashboard_window_is_loaded (dashboard) && wg_dashboard_window_trends_loaded (dashboard);
}

/* The leaders' dashboard: every figure of the county and of each township
 * as the store counts it; a cell opens exactly its rows; a past day shows
 * that day's figures; the five-to-one team completed from a gap's row and
 * the percentage moves; the daily report saved from it. */
static void
test_dashboard (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) clock = g_date_time_new_now_local ();
  g_autofree char *now = g_date_time_format (clock, "%Y-%m-%d %H:%M:%S");
  g_autofree char *today = g_strndup (now, 10);
  g_autoptr(GPtrArray) children = wg_store_list_child_grids (store, "141021", &error);
  g_autofree char *pdf = g_build_filename (tmp_dir, "日报.pdf", NULL);
  WgDashboardWindow *dashboard;
  WgFigureListWindow *list;
  GtkWidget *dialog;
  guint met = 0, of = 0, met_after = 0, of_after = 0;
  gint64 person;

  g_assert_no_error (error);
  wg_window_select_node (window, wg_grid_tree_lookup (wg_window_get_tree (window), "141021"));
  wg_test_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.dashboard", NULL);
  wg_test_spin (50);
  dashboard = WG_DASHBOARD_WINDOW (wg_test_find_toplevel (WG_TYPE_DASHBOARD_WINDOW));
  g_assert_nonnull (dashboard);
  wg_dashboard_window_set_now (dashboard, now);
  wait_for (dashboard_ready, dashboard);

  for (WgFigure f = 0; f < WG_FIGURE_N; f++)
    for (guint c = 0; c <= children->len; c++)
      {
        const char *code = c < children->len ? ((WgFigureRow *) children->pdata[c])->grid_code : "141021";
        g_autoptr(GPtrArray) rows = wg_store_list_figure (store, f, code, today, now, &error);

        g_assert_no_error (error);
        g_assert_cmpint (wg_dashboard_window_get_figure (dashboard, f, code), ==, rows->len);
      }
  {
    g_autoptr(GPtrArray) home = wg_store_list_figure (store, WG_FIGURE_HOME_QUARANTINE, "141021", today, now, &error);
    g_autoptr(GPtrArray) central = wg_store_list_figure (store, WG_FIGURE_CENTRAL_QUARANTINE, "141021", today, now,
                                                         &error);

    /* The trend's last point is the day's figure. */
    g_assert_cmpfloat (wg_dashboard_window_get_trend_last (dashboard, 0), ==, home->len + central->len);
  }
  /* Each central site's occupancy, as the sites window counts it. */
  {
    g_autoptr(GPtrArray) sites = wg_store_list_sites (store, today, &error);
    const char *text = wg_dashboard_window_get_sites_text (dashboard);

    g_assert_no_error (error);
    g_assert_cmpuint (sites->len, >, 0);
    g_assert_nonnull (text);
    for (guint i = 0; i < sites->len; i++)
      {
        const WgSiteInfo *site = g_ptr_array_index (sites, i);
        g_autofree char *occupancy = g_strdup_printf ("%s %u of %u beds, %u checked in", site->name, site->assigned,
                                                      site->beds, site->checked_in);

        g_assert_nonnull (strstr (text, occupancy));
      }
  }

  /* A cell opens exactly the rows behind it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.open-figure", "(is)",
                                             WG_FIGURE_HOME_QUARANTINE, "141021"));
  wg_test_spin (100);
  list = WG_FIGURE_LIST_WINDOW (wg_test_find_toplevel (WG_TYPE_FIGURE_LIST_WINDOW));
  g_assert_nonnull (list);
  g_assert_cmpint (wg_figure_list_window_get_n_rows (list), ==,
                   wg_dashboard_window_get_figure (dashboard, WG_FIGURE_HOME_QUARANTINE, "141021"));
  gtk_window_destroy (GTK_WINDOW (list));

  /* A gap of "responsibility to the person": the team completed from its
   * row, the numerator one more. */
  wg_dashboard_window_get_precision (dashboard, WG_PRECISION_TEAM, &met, &of);
  g_assert_cmpuint (met, <, of);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.open-gaps", "(is)",
                                             WG_PRECISION_TEAM, "141021"));
  wg_test_spin (100);
  list = WG_FIGURE_LIST_WINDOW (wg_test_find_toplevel (WG_TYPE_FIGURE_LIST_WINDOW));
  g_assert_nonnull (list);
  g_assert_cmpuint (wg_figure_list_window_get_n_rows (list), ==, of - met);
  person = wg_figure_list_window_get_row_id (list, 0);
  g_assert_cmpint (person, >, 0);
  for (guint round = 0; round < WG_TEAM_ROLES; round++)
    {
      g_autoptr(GPtrArray) team = wg_store_list_team (store, person, &error);

      g_assert_no_error (error);
      if (team->len == WG_TEAM_ROLES)
        break;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.assign", "x", person));
      wg_test_spin (100);
      dialog = wg_figure_list_window_get_dialog (list);
      g_assert_nonnull (dialog);
      gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name"), "马晓东");
      gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "phone"), "13903570001");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
      wg_test_spin (100);
    }
  {
    g_autoptr(GPtrArray) team = wg_store_list_team (store, person, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (team->len, ==, WG_TEAM_ROLES);
  }
  wait_for (dashboard_ready, dashboard);
  wg_dashboard_window_get_precision (dashboard, WG_PRECISION_TEAM, &met_after, &of_after);
  g_assert_cmpuint (of_after, ==, of);
  g_assert_cmpuint (met_after, ==, met + 1);
  g_assert_cmpuint (wg_figure_list_window_get_n_rows (list), ==, of - met - 1);
  /* A gap's person opened in the main window. */
  person = wg_figure_list_window_get_row_id (list, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.open", "x", person));
  wg_test_spin (100);
  g_assert_true (WG_IS_PERSON_PAGE (wg_window_get_content (window)));
  g_assert_cmpint (wg_person_page_get_person_id (WG_PERSON_PAGE (wg_window_get_content (window))), ==, person);
  gtk_window_destroy (GTK_WINDOW (list));

  /* A missing reading recorded from its row; a missed disinfection slot
   * visited from its row: each precision's numerator moves. */
  for (WgPrecision p = WG_PRECISION_TEMPERATURE; p <= WG_PRECISION_DISINFECTION; p++)
    {
      const char *action = p == WG_PRECISION_TEMPERATURE ? "list.reading" : "list.visit";

      wg_dashboard_window_get_precision (dashboard, p, &met, &of);
      if (met == of)
        {
          g_test_message ("%s: nothing falls short today", wg_precision_to_string (p));
          continue;
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.open-gaps", "(is)", p, "141021"));
      wg_test_spin (100);
      list = WG_FIGURE_LIST_WINDOW (wg_test_find_toplevel (WG_TYPE_FIGURE_LIST_WINDOW));
      g_assert_nonnull (list);
      g_assert_cmpuint (wg_figure_list_window_get_n_rows (list), ==, of - met);
      person = wg_figure_list_window_get_row_id (list, 0);
      /* A person may lack both readings: the morning's, then the afternoon's. */
      for (guint round = 0; round < 2 && wg_figure_list_window_get_row_id (list, 0) == person; round++)
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), action, "x", person));
          wg_test_spin (100);
          dialog = wg_figure_list_window_get_dialog (list);
          g_assert_nonnull (dialog);
          if (p == WG_PRECISION_TEMPERATURE)
            gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "reading"), "36.6");
          else
            gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "by"), "消杀队 王强");
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
          wg_test_spin (100);
          if (p == WG_PRECISION_DISINFECTION)
            break;
        }
      wait_for (dashboard_ready, dashboard);
      wg_dashboard_window_get_precision (dashboard, p, &met_after, &of_after);
      g_assert_cmpuint (of_after, ==, of);
      g_assert_cmpuint (met_after, ==, met + 1);
      gtk_window_destroy (GTK_WINDOW (list));
    }

  /* Another process puts someone in home quarantine: the figure follows. */
  {
    g_autoptr(WgStore) other = wg_store_open (small_db, WG_STORE_OPEN_FLAGS_DEFAULT, &error);
    g_autoptr(GPtrArray) monitored = wg_store_list_figure (store, WG_FIGURE_MONITORING, "141021", today, now, &error);
    int home = wg_dashboard_window_get_figure (dashboard, WG_FIGURE_HOME_QUARANTINE, "141021");
    gint64 someone = 0;
    FigureWait wanted = { dashboard, WG_FIGURE_HOME_QUARANTINE, home + 1 };

    g_assert_no_error (error);
    for (guint i = 0; i < monitored->len && someone == 0; i++)
      {
        g_autoptr(GPtrArray) already = wg_store_list_figure (store, WG_FIGURE_HOME_QUARANTINE, "141021", today, now,
                                                             &error);
        gint64 id = ((WgFigureRow *) monitored->pdata[i])->id;
        gboolean in = FALSE;

        for (guint j = 0; j < already->len; j++)
          in |= ((WgFigureRow *) already->pdata[j])->id == id;
        if (!in)
          someone = id;
      }
    g_assert_cmpint (someone, >, 0);
    wg_store_set_operator (other, "另一工作站");
    g_assert_true (wg_store_add_quarantine (other, someone, WG_QUARANTINE_KIND_HOME, today, "2099-01-01", &error));
    g_assert_no_error (error);
    wait_for (figure_is, &wanted);
  }

  /* A past day as it was recorded. */
  {
    g_autofree char *before = NULL;
    g_autoptr(GPtrArray) then = NULL;
    GDate date;
    char text[11];

    g_date_clear (&date, 1);
    g_date_set_parse (&date, today);
    g_date_subtract_days (&date, 5);
    g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
    before = g_strdup (text);
    wg_dashboard_window_set_day (dashboard, before);
    wait_for (dashboard_ready, dashboard);
    then = wg_store_list_figure (store, WG_FIGURE_HOME_QUARANTINE, "141021", before, now, &error);
    g_assert_no_error (error);
    g_assert_cmpint (wg_dashboard_window_get_figure (dashboard, WG_FIGURE_HOME_QUARANTINE, "141021"), ==, then->len);
    g_assert_cmpint (wg_dashboard_window_get_figure (dashboard, WG_FIGURE_SENSORS_OFFLINE, "141021"), ==, -1);
  }

  /* The daily report saved, whole. */
  g_assert_true (wg_dashboard_window_save_report (dashboard, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (dashboard));
  wg_test_close_windows (app);
}

/* A leaders' screen: with "dashboard-at-start", the dashboard opens with
 * the window, loaded. */
static void
test_dashboard_at_start (void)
{
  GSettings *settings = wg_application_get_settings (app);
  WgWindow *window;
  WgDashboardWindow *dashboard;

  g_settings_set_boolean (settings, "dashboard-at-start", TRUE);
  window = wg_test_open_window (app, small_db);
  wg_test_spin (300);
  dashboard = WG_DASHBOARD_WINDOW (wg_test_find_toplevel (WG_TYPE_DASHBOARD_WINDOW));
  g_settings_set_boolean (settings, "dashboard-at-start", FALSE);
  g_assert_nonnull (dashboard);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dashboard)) == GTK_WINDOW (window));
  wait_for (dashboard_ready, dashboard);
  g_settings_set_boolean (settings, "dashboard-at-start", TRUE);
  /* Once: the tree read again after a change opens no second one. */
  wg_window_rebuild (window, "141021", 0);
  wg_test_spin (300);
  g_settings_set_boolean (settings, "dashboard-at-start", FALSE);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint dashboards = 0;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        dashboards += WG_IS_DASHBOARD_WINDOW (toplevel);
      }
    g_assert_cmpuint (dashboards, ==, 1);
  }
  wg_test_close_windows (app);
}

/* Whether a label under @widget shows @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* The five-to-one team on the person page: someone in home quarantine,
 * the police officer assigned from the team's row; the page shows the
 * name, the store has it. */
static void
test_person_team (void)
{
  WgWindow *window = wg_test_open_window (app, small_db);
  WgStore *store = wg_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wg_today ();
  g_autoptr(GPtrArray) home = wg_store_list_figure (store, WG_FIGURE_HOME_QUARANTINE, "141021", today, NULL, &error);
  g_autoptr(GPtrArray) team = NULL;
  WgPersonPage *page;
  GtkWidget *dialog;
  gint64 person;
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (home->len, >, 0);
  person = ((WgFigureRow *) home->pdata[home->len - 1])->id;
  wg_window_open_person (window, person);
  wg_test_spin (100);
  page = WG_PERSON_PAGE (wg_window_get_content (window));
  g_assert_true (WG_IS_PERSON_PAGE (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "person.assign-team", "u", 5));
  wg_test_spin (100);
  dialog = wg_person_page_get_dialog (page);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name"), "曲沃县公安局 赵警官");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "phone"), "13903570110");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  wg_test_spin (100);
  team = wg_store_list_team (store, person, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < team->len; i++)
    if (((WgFigureRow *) team->pdata[i])->id == 5)
      {
        found = TRUE;
        g_assert_cmpstr (((WgFigureRow *) team->pdata[i])->label, ==, "曲沃县公安局 赵警官");
        g_assert_cmpstr (((WgFigureRow *) team->pdata[i])->fact, ==, "13903570110");
      }
  g_assert_true (found);
  g_assert_true (shows_text (GTK_WIDGET (page), "曲沃县公安局 赵警官 · 13903570110"));
  wg_test_close_windows (app);
}

static void
test_empty_database (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "new", "empty.db", NULL);
  WgWindow *window = wg_test_open_window (app, path);

  /* A new database is created and the window says there is no county yet. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (wg_window_get_page (window), ==, "empty");

  wg_test_close_windows (app);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "notes.txt", NULL);
  g_autofree char *after = NULL;
  const char text[] = "这不是数据库\n";
  WgWindow *window;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  window = wg_test_open_window (app, path);

  g_assert_cmpstr (wg_window_get_page (window), ==, "error");
  g_assert_null (wg_window_get_store (window));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);

  wg_test_close_windows (app);
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

  g_test_init (&argc, &argv, NULL);
  wg_test_allow_no_notification_service ();

  /* Fail loudly without a display: this suite must never skip in CI. */
  if (!gtk_init_check ())
    g_error ("No display: run the ui suite under xvfb-run");
  adw_init ();

  small_db = g_build_filename (tmp_dir, "small.db", NULL);
  store = wg_store_open (small_db, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 9, NULL, NULL, NULL, &error));
  add_known_household (store);
  g_assert_true (wg_store_count (store, NULL, &small_counts, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  wg_test_add_ui_func ("/wg/ui/window/shows-county", test_shows_county);
  wg_test_add_ui_func ("/wg/ui/window/tree-down-to-households", test_tree_down_to_households);
  wg_test_add_ui_func ("/wg/ui/window/household-and-person-file", test_household_and_person_file);
  wg_test_add_ui_func ("/wg/ui/window/search", test_search);
  wg_test_add_ui_func ("/wg/ui/window/temperature-round", test_temperature_round);
  wg_test_add_ui_func ("/wg/ui/window/figures-follow-changes", test_figures_follow_changes);
  wg_test_add_ui_func ("/wg/ui/window/operator-at-first-start", test_operator_at_first_start);
  wg_test_add_ui_func ("/wg/ui/window/print-starts-here", test_print_starts_here);
  wg_test_add_ui_func ("/wg/ui/window/fits-small-screens", test_fits_small_screens);
  wg_test_add_ui_func ("/wg/ui/window/figure-opens-its-list", test_figure_opens_its_list);
  wg_test_add_ui_func ("/wg/ui/window/add-and-remove-person", test_add_and_remove_person);
  wg_test_add_ui_func ("/wg/ui/window/forms-take-enter", test_forms_take_enter);
  wg_test_add_ui_func ("/wg/ui/window/unique-mnemonics", test_unique_mnemonics);
  wg_test_add_ui_func ("/wg/ui/window/dossier-from-person-page", test_dossier_from_person_page);
  wg_test_add_ui_func ("/wg/ui/window/edit-registry", test_edit_registry);
  wg_test_add_ui_func ("/wg/ui/window/preferences-and-about", test_preferences_and_about);
  wg_test_add_ui_func ("/wg/ui/window/returnee-queue", test_returnee_queue);
  wg_test_add_ui_func ("/wg/ui/window/site-room", test_site_room);
  wg_test_add_ui_func ("/wg/ui/window/transfers", test_transfers);
  wg_test_add_ui_func ("/wg/ui/window/board", test_board_window);
  wg_test_add_ui_func ("/wg/ui/window/sampling-round", test_sampling_round);
  wg_test_add_ui_func ("/wg/ui/window/orders", test_orders);
  wg_test_add_ui_func ("/wg/ui/window/patrols", test_patrols);
  wg_test_add_ui_func ("/wg/ui/window/roster", test_roster);
  wg_test_add_ui_func ("/wg/ui/window/away", test_away);
  wg_test_add_ui_func ("/wg/ui/window/disinfection", test_disinfection);
  wg_test_add_ui_func ("/wg/ui/window/report-hour", test_report_hour);
  wg_test_add_ui_func ("/wg/ui/window/dashboard", test_dashboard);
  wg_test_add_ui_func ("/wg/ui/window/person-team", test_person_team);
  wg_test_add_ui_func ("/wg/ui/window/dashboard-at-start", test_dashboard_at_start);
  wg_test_add_ui_func ("/wg/ui/window/empty-database", test_empty_database);
  wg_test_add_ui_func ("/wg/ui/window/not-a-database", test_not_a_database);

  app = wg_application_new (G_APPLICATION_NON_UNIQUE);
  /* Someone is at the desk (the first start's question has its own test). */
  g_settings_set_string (wg_application_get_settings (app), "operator-name", "值班员甲");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  status = g_test_run ();

  g_clear_object (&app);
  wg_test_remove_tree (tmp_dir);
  g_free (small_db);
  g_free (known_start);
  g_free (known_end);
  g_free (tmp_dir);
  return status;
}
