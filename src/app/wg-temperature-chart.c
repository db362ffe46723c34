/* wg-temperature-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small line chart of a person's temperatures over time, with the fever
 * line at 37.3 °C; readings at or above it are marked. Colours come from the
 * theme (foreground, accent, error), so it follows light and dark styles.
 */

#define G_LOG_DOMAIN "wg-temperature-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-temperature-chart.h"
#include "wg-store-records.h"

typedef struct
{
  gint64 at;  /* seconds */
  int tenths;
} Point;

struct _WgTemperatureChart
{
  GtkWidget parent_instance;

  /* owned */
  GArray *points; /* of Point, oldest first */
};

G_DEFINE_FINAL_TYPE (WgTemperatureChart, wg_temperature_chart, GTK_TYPE_WIDGET)

#define LOW 355
#define HIGH 395

static GdkRGBA
theme_color (GtkWidget  *widget,
             const char *name,
             GdkRGBA     fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color;

  if (gtk_style_context_lookup_color (context, name, &color))
    return color;
  return fallback;
}

static void
wg_temperature_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  WgTemperatureChart *self = WG_TEMPERATURE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const double left = 36, right = 8, top = 8, bottom = 8;
  double plot_w = width - left - right, plot_h = height - top - bottom;
  GdkRGBA fg, accent, error;
  gint64 first, last;
  int low = LOW, high = HIGH;
  cairo_t *cr;

  if (self->points->len == 0 || plot_w <= 0 || plot_h <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  accent = theme_color (widget, "accent_color", fg);
  error = theme_color (widget, "error_color", fg);

  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      low = MIN (low, p->tenths - 2);
      high = MAX (high, p->tenths + 2);
    }
  first = g_array_index (self->points, Point, 0).at;
  last = g_array_index (self->points, Point, self->points->len - 1).at;
  if (last == first)
    last = first + 1;

#define X(t) (left + plot_w * (double) ((t) - first) / (double) (last - first))
#define Y(v) (top + plot_h * (1.0 - (double) ((v) - low) / (double) (high - low)))

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The fever line and its label. */
  cairo_set_source_rgba (cr, error.red, error.green, error.blue, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, left, Y (373));
  cairo_line_to (cr, width - right, Y (373));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, 2, Y (373) + 4);
  cairo_set_font_size (cr, 10);
  cairo_show_text (cr, "37.3");

  /* The readings. */
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, accent.alpha);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);

      if (i == 0)
        cairo_move_to (cr, X (p->at), Y (p->tenths));
      else
        cairo_line_to (cr, X (p->at), Y (p->tenths));
    }
  cairo_stroke (cr);

  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      const GdkRGBA *c = p->tenths >= 373 ? &error : &accent;

      cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
      cairo_arc (cr, X (p->at), Y (p->tenths), p->tenths >= 373 ? 4 : 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_destroy (cr);

#undef X
#undef Y
}

static void
wg_temperature_chart_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 140;
}

static void
wg_temperature_chart_finalize (GObject *object)
{
  g_clear_pointer (&WG_TEMPERATURE_CHART (object)->points, g_array_unref);

  G_OBJECT_CLASS (wg_temperature_chart_parent_class)->finalize (object);
}

static void
wg_temperature_chart_class_init (WgTemperatureChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wg_temperature_chart_finalize;
  widget_class->snapshot = wg_temperature_chart_snapshot;
  widget_class->measure = wg_temperature_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "temperature-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wg_temperature_chart_init (WgTemperatureChart *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
}

/**
 * wg_temperature_chart_new:
 * @temperatures: the temperature table of a person's file (newest first)
 *
 * Returns: (transfer floating): a chart of those readings
 */
GtkWidget *
wg_temperature_chart_new (const WgRecordTable *temperatures)
{
  WgTemperatureChart *self = g_object_new (WG_TYPE_TEMPERATURE_CHART, NULL);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *description = NULL;
  guint fevers = 0;

  g_return_val_if_fail (temperatures != NULL, NULL);

  for (guint i = temperatures->rows->len; i > 0; i--)
    {
      char **cells = g_ptr_array_index (temperatures->rows, i - 1);
      g_autoptr(GDateTime) at = NULL;
      g_autofree char *iso = g_strdelimit (g_strdup (cells[0]), " ", 'T');
      Point p;

      at = g_date_time_new_from_iso8601 (iso, local);
      if (at == NULL)
        continue;
      p.at = g_date_time_to_unix (at);
      p.tenths = (int) (g_ascii_strtod (cells[1], NULL) * 10 + 0.5);
      if (p.tenths >= 373)
        fevers++;
      g_array_append_val (self->points, p);
    }

  description = g_strdup_printf (_("Temperature chart: %u readings, %u at 37.3 °C or above"),
                                 self->points->len, fevers);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  return GTK_WIDGET (self);
}

guint
wg_temperature_chart_get_n_points (WgTemperatureChart *self)
{
  g_return_val_if_fail (WG_IS_TEMPERATURE_CHART (self), 0);

  return self->points->len;
}
