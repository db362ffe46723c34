/* wg-dashboard-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leaders' dashboard of a grid on a day: the day's figures for each
 * grid one level below in one table, each cell opening the rows behind it;
 * the five precisions side by side, the worst grid first, each opening its
 * gaps with a way to close them; the last fortnight's trends; the daily
 * report printed or saved as PDF. The figures are read off the main thread
 * on a connection of their own (the table first, the trends after), through
 * the same core functions as the report and `wangge-cli figures`; the day
 * can be moved back to see any past day as it was recorded.
 */

#define G_LOG_DOMAIN "wg-dashboard-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wg-dashboard-window.h"
#include "wg-desk.h"
#include "wg-figure-list-window.h"
#include "wg-print-operation.h"
#include "wg-report.h"
#include "wg-store-audit.h"
#include "wg-store-figures.h"
#include "wg-store-sites.h"
#include "wg-trend-chart.h"

#define TREND_DAYS 14

/* The table's columns. */
static const WgFigure table_figures[] = {
  WG_FIGURE_RETURNEES, WG_FIGURE_MONITORING, WG_FIGURE_HOME_QUARANTINE, WG_FIGURE_CENTRAL_QUARANTINE,
  WG_FIGURE_FEVERS, WG_FIGURE_TESTS_DUE, WG_FIGURE_TESTS_OVERDUE, WG_FIGURE_ALERTS_HIGH, WG_FIGURE_ALERTS_MEDIUM,
  WG_FIGURE_ALERTS_LOW, WG_FIGURE_SENSORS_OFFLINE, WG_FIGURE_ORDERS_OPEN, WG_FIGURE_ORDERS_OVERDUE,
  WG_FIGURE_NOT_REPORTED,
};

enum
{
  TREND_QUARANTINE,
  TREND_RETURNEES,
  TREND_TESTS,
  TREND_ALERTS,
  N_TRENDS,
};

struct _WgDashboardWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *title;
  GtkWidget *spinner;
  GtkWidget *day_entry;
  GtkGrid *figures_grid;
  GtkGrid *precisions_grid;
  GtkLabel *sites_label;
  WgTrendChart *charts[N_TRENDS];
  WgStore *store;
  char *grid_code;
  char *grid_name;
  char *day;
  char *now;                  /* (nullable) the desk's clock for the tests */
  GCancellable *cancellable;
  guint follow_id;            /* a change seen: read again soon */
  WgFigureSheet *sheet;       /* shown */
  GPtrArray *sites;           /* of WgSiteInfo: the central sites that day (the county's dashboard) */
  gboolean loaded;
  gboolean trends_loaded;
};

G_DEFINE_FINAL_TYPE (WgDashboardWindow, wg_dashboard_window, ADW_TYPE_WINDOW)

enum
{
  LOADED,
  OPEN_PERSON,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *location;
  char *grid_code;
  char *day;
  char *now;
} Job;

typedef struct
{
  double values[N_TRENDS][TREND_DAYS];
} Trends;

/* What the table shows: the sheet, and the central sites for the county. */
typedef struct
{
  WgFigureSheet *sheet;
  GPtrArray *sites;
} Day;

static void
day_free (Day *day)
{
  g_clear_pointer (&day->sheet, wg_figure_sheet_free);
  g_clear_pointer (&day->sites, g_ptr_array_unref);
  g_free (day);
}

static void
job_free (Job *job)
{
  g_free (job->location);
  g_free (job->grid_code);
  g_free (job->day);
  g_free (job->now);
  g_free (job);
}

static Job *
job_new (WgDashboardWindow *self)
{
  Job *job = g_new0 (Job, 1);

  job->location = g_strdup (wg_store_get_location (self->store));
  job->grid_code = g_strdup (self->grid_code);
  job->day = g_strdup (self->day);
  job->now = g_strdup (self->now);
  return job;
}

static void
sheet_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Day *day = g_new0 (Day, 1);

  if (!(store = wg_store_open (job->location, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !(day->sheet = wg_store_read_figure_sheet (store, job->grid_code, job->day, job->now, &error)) ||
      (strlen (job->grid_code) <= 6 && !(day->sites = wg_store_list_sites (store, job->day, &error))))
    {
      day_free (day);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, day, (GDestroyNotify) day_free);
}

static void
trends_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree Trends *trends = g_new0 (Trends, 1);
  double central[TREND_DAYS];

  if (!(store = wg_store_open (job->location, WG_STORE_OPEN_FLAGS_READ_ONLY, &error)) ||
      !wg_store_count_trend (store, WG_FIGURE_HOME_QUARANTINE, -1, job->grid_code, job->day, TREND_DAYS, job->now,
                             trends->values[TREND_QUARANTINE], &error) ||
      !wg_store_count_trend (store, WG_FIGURE_CENTRAL_QUARANTINE, -1, job->grid_code, job->day, TREND_DAYS,
                             job->now, central, &error) ||
      !wg_store_count_trend (store, WG_FIGURE_RETURNEES, -1, job->grid_code, job->day, TREND_DAYS, job->now,
                             trends->values[TREND_RETURNEES], &error) ||
      !wg_store_count_trend (store, -1, WG_PRECISION_TESTS, job->grid_code, job->day, TREND_DAYS, job->now,
                             trends->values[TREND_TESTS], &error) ||
      !wg_store_count_trend (store, WG_FIGURE_ALERTS_OPENED, -1, job->grid_code, job->day, TREND_DAYS, job->now,
                             trends->values[TREND_ALERTS], &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < TREND_DAYS; i++)
    trends->values[TREND_QUARANTINE][i] += central[i];
  g_task_return_pointer (task, g_steal_pointer (&trends), g_free);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
heading_label (const char *text,
               gboolean    start)
{
  GtkWidget *label = gtk_label_new (text);

  /* The figures' names wrap into their narrow columns; the grids' does not. */
  gtk_label_set_wrap (GTK_LABEL (label), !start);
  gtk_label_set_justify (GTK_LABEL (label), start ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), start ? 16 : 8);
  gtk_widget_set_halign (label, start ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption-heading");
  return label;
}

/* A cell that opens its rows: the figure @key of the grid @code. */
static GtkWidget *
cell_button (const char *text,
             const char *tooltip,
             const char *action,
             int         which,
             const char *code,
             gboolean    alarm)
{
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "numeric");
  if (alarm)
    gtk_widget_add_css_class (button, "error");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(is)", which, code);
  return button;
}

static double
percent_of (GPtrArray  *rows,
            const char *code)
{
  guint of = wg_figure_rows_count (rows, code, FALSE);

  return of > 0 ? 100.0 * wg_figure_rows_count (rows, code, TRUE) / of : NAN;
}

/* The grids by their lowest percentage, the worst first. */
static int
compare_worst (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const WgFigureSheet *sheet = data;
  const WgFigureRow *x = *(WgFigureRow *const *) a, *y = *(WgFigureRow *const *) b;
  double worst_x = 101, worst_y = 101;

  for (guint p = 0; p < WG_PRECISION_N; p++)
    {
      double px = percent_of (sheet->precisions[p], x->grid_code), py = percent_of (sheet->precisions[p], y->grid_code);

      if (!isnan (px))
        worst_x = MIN (worst_x, px);
      if (!isnan (py))
        worst_y = MIN (worst_y, py);
    }
  return worst_x < worst_y ? -1 : worst_x > worst_y ? 1 : g_strcmp0 (x->grid_code, y->grid_code);
}

static void
show_sheet (WgDashboardWindow *self)
{
  const WgFigureSheet *sheet = self->sheet;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  clear_grid (self->figures_grid);
  clear_grid (self->precisions_grid);

  /* The figures: a row per grid below, then the whole grid's. */
  gtk_grid_attach (self->figures_grid, heading_label (_("Grid"), TRUE), 0, 0, 1, 1);
  for (guint f = 0; f < G_N_ELEMENTS (table_figures); f++)
    gtk_grid_attach (self->figures_grid, heading_label (wg_figure_describe (table_figures[f]), FALSE), f + 1, 0, 1,
                     1);
  for (guint c = 0; c <= sheet->children->len; c++)
    {
      const WgFigureRow *child = c < sheet->children->len ? g_ptr_array_index (sheet->children, c) : NULL;
      const char *code = child != NULL ? child->grid_code : sheet->grid_code;
      GtkWidget *name = gtk_label_new (child != NULL ? child->label : _("All"));

      gtk_widget_set_halign (name, GTK_ALIGN_START);
      if (child == NULL)
        gtk_widget_add_css_class (name, "heading");
      gtk_grid_attach (self->figures_grid, name, 0, c + 1, 1, 1);
      for (guint f = 0; f < G_N_ELEMENTS (table_figures); f++)
        {
          WgFigure figure = table_figures[f];
          guint n = wg_figure_rows_count (sheet->figures[figure], child != NULL ? code : NULL, FALSE);
          g_autofree char *text = sheet->recorded[figure] ? g_strdup_printf ("%u", n) : g_strdup (_("not recorded"));
          /* Translators: a dashboard cell's tooltip: "Home Quarantine in 乐昌镇: open the 23" */
          g_autofree char *tooltip = g_strdup_printf (_("%s in %s: open the %u"), wg_figure_describe (figure),
                                                      child != NULL ? child->label : sheet->grid_name, n);
          gboolean alarm = n > 0 && (figure == WG_FIGURE_FEVERS || figure == WG_FIGURE_TESTS_OVERDUE ||
                                     figure == WG_FIGURE_ALERTS_HIGH || figure == WG_FIGURE_ORDERS_OVERDUE);
          GtkWidget *cell = cell_button (text, tooltip, "dashboard.open-figure", figure, code, alarm);

          gtk_widget_set_sensitive (cell, sheet->recorded[figure]);
          gtk_grid_attach (self->figures_grid, cell, f + 1, c + 1, 1, 1);
        }
    }

  /* The central sites' occupancy, for the county. */
  gtk_widget_set_visible (GTK_WIDGET (self->sites_label), self->sites != NULL && self->sites->len > 0);
  if (self->sites != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < self->sites->len; i++)
        {
          const WgSiteInfo *site = g_ptr_array_index (self->sites, i);

          /* Translators: a site's occupancy: "曲沃县第一集中隔离点 4 of 22 beds, 4 checked in" */
          g_string_append_printf (text, "%s%s", i > 0 ? "    " : "", site->name);
          g_string_append_printf (text, _(" %u of %u beds, %u checked in"), site->assigned, site->beds,
                                  site->checked_in);
        }
      gtk_label_set_label (self->sites_label, text->str);
    }

  /* The precisions: the grids below, the worst first, then the whole. */
  gtk_grid_attach (self->precisions_grid, heading_label (_("Grid"), TRUE), 0, 0, 1, 1);
  for (guint p = 0; p < WG_PRECISION_N; p++)
    gtk_grid_attach (self->precisions_grid, heading_label (wg_precision_describe (p), FALSE), p + 1, 0, 1, 1);
  for (guint c = 0; c < sheet->children->len; c++)
    g_ptr_array_add (order, g_ptr_array_index (sheet->children, c));
  g_ptr_array_sort_with_data (order, compare_worst, self->sheet);
  for (guint c = 0; c <= order->len; c++)
    {
      const WgFigureRow *child = c < order->len ? g_ptr_array_index (order, c) : NULL;
      const char *code = child != NULL ? child->grid_code : sheet->grid_code;
      GtkWidget *name = gtk_label_new (child != NULL ? child->label : _("All"));

      gtk_widget_set_halign (name, GTK_ALIGN_START);
      if (child == NULL)
        gtk_widget_add_css_class (name, "heading");
      gtk_grid_attach (self->precisions_grid, name, 0, c + 1, 1, 1);
      for (guint p = 0; p < WG_PRECISION_N; p++)
        {
          GPtrArray *rows = sheet->precisions[p];
          const char *scope = child != NULL ? code : NULL;
          guint met = wg_figure_rows_count (rows, scope, TRUE), of = wg_figure_rows_count (rows, scope, FALSE);
          /* Translators: a precision's cell: "84.2% · 32/38" */
          g_autofree char *text = of > 0 ? g_strdup_printf (_("%.1f%% · %u/%u"), 100.0 * met / of, met, of)
                                         : g_strdup ("—");
          /* Translators: "Responsibility to the Person in 乐昌镇: open the 6 that fall short" */
          g_autofree char *tooltip = g_strdup_printf (_("%s in %s: open the %u that fall short"),
                                                      wg_precision_describe (p),
                                                      child != NULL ? child->label : sheet->grid_name, of - met);
          GtkWidget *cell = cell_button (text, tooltip, "dashboard.open-gaps", p, code, met < of);

          gtk_widget_set_sensitive (cell, met < of);
          gtk_grid_attach (self->precisions_grid, cell, p + 1, c + 1, 1, 1);
        }
    }
}

static void
trends_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WgDashboardWindow *self = WG_DASHBOARD_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree Trends *trends = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *first = NULL;
  GDate date;
  char text[11];

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->spinner, FALSE);
  if (trends == NULL)
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  g_date_clear (&date, 1);
  g_date_set_parse (&date, self->day);
  g_date_subtract_days (&date, TREND_DAYS - 1);
  g_date_strftime (text, sizeof text, "%m-%d", &date);
  first = g_strdup (text);
  for (guint t = 0; t < N_TRENDS; t++)
    wg_trend_chart_set_values (self->charts[t], trends->values[t], TREND_DAYS, first, self->day + 5);
  self->trends_loaded = TRUE;
}

static void
sheet_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WgDashboardWindow *self = WG_DASHBOARD_WINDOW (source);
  g_autoptr(GError) error = NULL;
  Day *day = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GTask) task = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (day == NULL)
    {
      gtk_spinner_stop (GTK_SPINNER (self->spinner));
      gtk_widget_set_visible (self->spinner, FALSE);
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  g_clear_pointer (&self->sheet, wg_figure_sheet_free);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  self->sheet = g_steal_pointer (&day->sheet);
  self->sites = g_steal_pointer (&day->sites);
  day_free (day);
  show_sheet (self);
  self->loaded = TRUE;
  g_signal_emit (self, signals[LOADED], 0);

  /* Then the fortnight. */
  task = g_task_new (self, self->cancellable, trends_done, NULL);
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, trends_thread);
}

/**
 * wg_dashboard_window_reload:
 * @self: a #WgDashboardWindow
 *
 * Reads the day's figures again off the main thread ("loaded" when the
 * table is shown), then the trends; what is shown stays until then.
 */
void
wg_dashboard_window_reload (WgDashboardWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (WG_IS_DASHBOARD_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loaded = FALSE;
  self->trends_loaded = FALSE;
  subtitle = g_strdup_printf ("%s · %s", self->grid_name, self->day);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  task = g_task_new (self, self->cancellable, sheet_done, NULL);
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, sheet_thread);
}

static gboolean
follow_cb (gpointer data)
{
  WgDashboardWindow *self = data;

  self->follow_id = 0;
  wg_dashboard_window_reload (self);
  return G_SOURCE_REMOVE;
}

/**
 * wg_dashboard_window_queue_reload:
 * @self: a #WgDashboardWindow
 *
 * Something changed the county (here, in another process or at another
 * desk): the figures are read again in a moment, once for a burst of
 * changes; the table stays as it is until then.
 */
void
wg_dashboard_window_queue_reload (WgDashboardWindow *self)
{
  g_return_if_fail (WG_IS_DASHBOARD_WINDOW (self));

  if (self->follow_id == 0)
    self->follow_id = g_timeout_add (1500, follow_cb, self);
}

static void
on_list_changed_cb (WgDashboardWindow *self)
{
  wg_dashboard_window_reload (self);
}

static void
on_list_open_person_cb (WgDashboardWindow *self,
                        gint64             person_id)
{
  g_signal_emit (self, signals[OPEN_PERSON], 0, person_id);
}

static WgFigureListWindow *
open_list (WgDashboardWindow *self,
           int                figure,
           int                precision,
           const char        *code)
{
  WgFigureListWindow *list = wg_figure_list_window_new (self->store, figure, precision, code, self->day, self->now);

  gtk_window_set_transient_for (GTK_WINDOW (list), GTK_WINDOW (self));
  g_signal_connect_object (list, "changed", G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (list, "open-person", G_CALLBACK (on_list_open_person_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (list));
  return list;
}

static void
open_figure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  int figure;
  const char *code;

  g_variant_get (parameter, "(i&s)", &figure, &code);
  if (figure >= 0 && figure < WG_FIGURE_N)
    open_list (WG_DASHBOARD_WINDOW (widget), figure, -1, code);
}

static void
open_gaps_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  int precision;
  const char *code;

  g_variant_get (parameter, "(i&s)", &precision, &code);
  if (precision >= 0 && precision < WG_PRECISION_N)
    open_list (WG_DASHBOARD_WINDOW (widget), -1, precision, code);
}

static WgReport *
make_report (WgDashboardWindow *self)
{
  g_autoptr(GError) error = NULL;
  WgReport *report = wg_report_new (self->store, self->grid_code, self->day, self->now,
                                    wg_store_get_operator (self->store), &error);

  if (report == NULL)
    wg_desk_toast (self->toast_overlay, error->message);
  return report;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WgDashboardWindow *self = WG_DASHBOARD_WINDOW (widget);
  g_autoptr(WgReport) report = make_report (self);
  g_autoptr(WgPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (report == NULL)
    return;
  operation = wg_print_operation_new (WG_DOCUMENT (report));
  gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (self), &error);
  if (error != NULL)
    wg_desk_toast (self->toast_overlay, error->message);
}

/**
 * wg_dashboard_window_save_report:
 * @self: a #WgDashboardWindow
 * @path: the PDF to write (whole, or not at all)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when written (and its leaving the building logged)
 */
gboolean
wg_dashboard_window_save_report (WgDashboardWindow  *self,
                                 const char         *path,
                                 GError            **error)
{
  g_autoptr(WgReport) report = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (WG_IS_DASHBOARD_WINDOW (self), FALSE);

  if (!(report = wg_report_new (self->store, self->grid_code, self->day, self->now,
                                wg_store_get_operator (self->store), error)) ||
      !wg_document_write_pdf (WG_DOCUMENT (report), path, wg_store_get_operator (self->store), NULL, NULL, NULL,
                              error))
    return FALSE;
  detail = g_strdup_printf ("%s %s → %s", self->grid_code, self->day, path);
  return wg_store_log_export (self->store, "report", detail, error);
}

static void
on_save_response_cb (GtkNativeDialog   *dialog,
                     int                response,
                     WgDashboardWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (wg_dashboard_window_save_report (self, path, &error))
        wg_desk_toast (self->toast_overlay, _("Daily report saved."));
      else
        wg_desk_toast (self->toast_overlay, error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgDashboardWindow *self = WG_DASHBOARD_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save the Daily Report"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  /* Translators: the report's file name: "日报-曲沃县-2026-11-30.pdf" */
  g_autofree char *name = g_strdup_printf (_("daily-report-%s-%s.pdf"), self->grid_name, self->day);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * wg_dashboard_window_set_day:
 * @self: a #WgDashboardWindow
 * @day: the day, YYYY-MM-DD: any past day is shown as it was recorded
 */
void
wg_dashboard_window_set_day (WgDashboardWindow *self,
                             const char        *day)
{
  g_return_if_fail (WG_IS_DASHBOARD_WINDOW (self));
  g_return_if_fail (wg_desk_day_is_valid (day));

  wg_desk_show_day (self->day_entry, &self->day, day);
  if (self->store != NULL)
    wg_dashboard_window_reload (self);
}

/**
 * wg_dashboard_window_set_now:
 * @self: a #WgDashboardWindow
 * @now: (nullable): the clock to judge on, "YYYY-MM-DD HH:MM:SS"; %NULL for
 *   the real one
 *
 * Shows @now's day.
 */
void
wg_dashboard_window_set_now (WgDashboardWindow *self,
                             const char        *now)
{
  g_autofree char *day = NULL;

  g_return_if_fail (WG_IS_DASHBOARD_WINDOW (self));

  g_free (self->now);
  self->now = g_strdup (now);
  day = now != NULL ? g_strndup (now, 10) : wg_desk_today ();
  wg_dashboard_window_set_day (self, day);
}

gboolean
wg_dashboard_window_is_loaded (WgDashboardWindow *self)
{
  g_return_val_if_fail (WG_IS_DASHBOARD_WINDOW (self), FALSE);

  return self->loaded;
}

gboolean
wg_dashboard_window_trends_loaded (WgDashboardWindow *self)
{
  g_return_val_if_fail (WG_IS_DASHBOARD_WINDOW (self), FALSE);

  return self->trends_loaded;
}

/* The figure shown for @code (the grid's own, or one below); -1 when not
 * recorded or not shown. */
int
wg_dashboard_window_get_figure (WgDashboardWindow *self,
                                WgFigure           figure,
                                const char        *code)
{
  g_return_val_if_fail (WG_IS_DASHBOARD_WINDOW (self), -1);

  if (self->sheet == NULL || figure >= WG_FIGURE_N || !self->sheet->recorded[figure])
    return -1;
  return wg_figure_rows_count (self->sheet->figures[figure],
                               g_strcmp0 (code, self->sheet->grid_code) == 0 ? NULL : code, FALSE);
}

/* The precision shown for the grid: its numerator and denominator. */
void
wg_dashboard_window_get_precision (WgDashboardWindow *self,
                                   WgPrecision        precision,
                                   guint             *met,
                                   guint             *of)
{
  g_return_if_fail (WG_IS_DASHBOARD_WINDOW (self));
  g_return_if_fail (self->sheet != NULL && precision < WG_PRECISION_N);

  *met = wg_figure_rows_count (self->sheet->precisions[precision], NULL, TRUE);
  *of = self->sheet->precisions[precision]->len;
}

/* The sites' occupancy line shown, or NULL. */
const char *
wg_dashboard_window_get_sites_text (WgDashboardWindow *self)
{
  g_return_val_if_fail (WG_IS_DASHBOARD_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->sites_label)) ? gtk_label_get_label (self->sites_label) : NULL;
}

double
wg_dashboard_window_get_trend_last (WgDashboardWindow *self,
                                    guint              trend)
{
  g_return_val_if_fail (WG_IS_DASHBOARD_WINDOW (self) && trend < N_TRENDS, NAN);

  return wg_trend_chart_get_last (self->charts[trend]);
}

static void
wg_dashboard_window_dispose (GObject *object)
{
  WgDashboardWindow *self = WG_DASHBOARD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->follow_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->grid_code, g_free);
  g_clear_pointer (&self->grid_name, g_free);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->now, g_free);
  g_clear_pointer (&self->sheet, wg_figure_sheet_free);
  g_clear_pointer (&self->sites, g_ptr_array_unref);

  G_OBJECT_CLASS (wg_dashboard_window_parent_class)->dispose (object);
}

static void
wg_dashboard_window_class_init (WgDashboardWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_dashboard_window_dispose;

  /**
   * WgDashboardWindow::loaded:
   *
   * The day's figures are shown (the trends may still be coming).
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  /**
   * WgDashboardWindow::open-person:
   * @person_id: whom to show in the main window
   */
  signals[OPEN_PERSON] = g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "dashboard.open-figure", "(is)", open_figure_action);
  gtk_widget_class_install_action (widget_class, "dashboard.open-gaps", "(is)", open_gaps_action);
  gtk_widget_class_install_action (widget_class, "dashboard.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "dashboard.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "dashboard.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dashboard.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
section (GtkWidget  *box,
         const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkGrid *
table_grid (GtkWidget *box)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  gtk_frame_set_child (GTK_FRAME (frame), grid);
  gtk_widget_add_css_class (frame, "view");
  gtk_box_append (GTK_BOX (box), frame);
  return GTK_GRID (grid);
}

static void
wg_dashboard_window_init (WgDashboardWindow *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *charts = gtk_grid_new ();
  GtkWidget *print = gtk_button_new_from_icon_name ("printer-symbolic");
  GtkWidget *save = gtk_button_new_from_icon_name ("document-save-symbolic");
  const char *trend_titles[N_TRENDS] = {
    _("Under Quarantine (Home and Central)"), _("Returnees per Day"), _("Tests Done as Scheduled"),
    _("Alerts per Day"),
  };

  self->day = wg_desk_today ();
  self->cancellable = g_cancellable_new ();
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_title (GTK_WINDOW (self), _("Dashboard"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 860);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Dashboard"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_widget_set_tooltip_text (print, _("Print the Daily Report (Ctrl+P)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (print), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Print the Daily Report"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "dashboard.print");
  gtk_widget_set_tooltip_text (save, _("Save the Daily Report as PDF (Ctrl+S)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Save the Daily Report as PDF"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "dashboard.save");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), print);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), save);
  self->day_entry = wg_desk_day_entry_new (self->day, self->toast_overlay,
                                           (WgDeskDayFunc) wg_dashboard_window_set_day, self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->day_entry);
  self->spinner = gtk_spinner_new ();
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (outer), header);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  section (box, _("The Day's Figures"));
  self->figures_grid = table_grid (box);
  self->sites_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->sites_label, TRUE);
  gtk_label_set_xalign (self->sites_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->sites_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->sites_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sites_label));
  section (box, _("Five Precisions"));
  self->precisions_grid = table_grid (box);
  section (box, _("The Last Fortnight"));
  gtk_grid_set_column_spacing (GTK_GRID (charts), 18);
  gtk_grid_set_row_spacing (GTK_GRID (charts), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (charts), TRUE);
  for (guint t = 0; t < N_TRENDS; t++)
    {
      self->charts[t] = wg_trend_chart_new (trend_titles[t], t == TREND_TESTS);
      gtk_widget_set_hexpand (GTK_WIDGET (self->charts[t]), TRUE);
      gtk_grid_attach (GTK_GRID (charts), GTK_WIDGET (self->charts[t]), t % 2, t / 2, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), charts);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1400);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, scrolled);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), outer);
}

/**
 * wg_dashboard_window_new:
 * @store: the county database
 * @grid_code: the grid
 * @grid_name: its name
 *
 * Returns: (transfer full): today's dashboard of the grid, loading
 */
WgDashboardWindow *
wg_dashboard_window_new (WgStore    *store,
                         const char *grid_code,
                         const char *grid_name)
{
  WgDashboardWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_DASHBOARD_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->grid_code = g_strdup (grid_code);
  self->grid_name = g_strdup (grid_name != NULL ? grid_name : grid_code);
  /* Translators: the window's title: "Dashboard — 曲沃县" */
  title = g_strdup_printf (_("Dashboard — %s"), self->grid_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  wg_dashboard_window_reload (self);
  return self;
}
