/* wg-trend-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fortnight's line: a figure or a percentage per day, drawn in the
 * theme's colours (light and dark), its last value written large beside
 * the title. For the dashboard.
 */

#define G_LOG_DOMAIN "wg-trend-chart"

#include "config.h"

#include <math.h>

#include "wg-trend-chart.h"

struct _WgTrendChart
{
  GtkWidget parent_instance;

  char *title;
  GArray *values;              /* of double; NAN where nothing was measured */
  char *first_day;
  char *last_day;
  gboolean percent;
};

G_DEFINE_FINAL_TYPE (WgTrendChart, wg_trend_chart, GTK_TYPE_WIDGET)

static PangoLayout *
text_layout (GtkWidget  *widget,
             const char *text,
             double      scale,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  return layout;
}

static void
draw (WgTrendChart *self,
      cairo_t      *cr,
      double        width,
      double        height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA fg, accent;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) value = NULL;
  g_autoptr(PangoLayout) first = NULL;
  g_autoptr(PangoLayout) last = NULL;
  g_autofree char *value_text = NULL;
  double top = self->percent ? 100 : 1, left = 8, plot_y = 34, plot_h = height - 58, plot_w = width - 16;
  double last_value = NAN;
  gboolean started = FALSE;
  guint n = self->values->len;
  int w, h;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->values, double, i);

      if (!isnan (v))
        {
          last_value = v;
          if (!self->percent)
            top = MAX (top, v);
        }
    }

  gdk_cairo_set_source_rgba (cr, &fg);
  title = text_layout (widget, self->title, 1.0, TRUE);
  cairo_move_to (cr, left, 4);
  pango_cairo_show_layout (cr, title);
  value_text = isnan (last_value) ? g_strdup ("—") : self->percent ? g_strdup_printf ("%.1f%%", last_value)
                                                                   : g_strdup_printf ("%.0f", last_value);
  value = text_layout (widget, value_text, 1.4, TRUE);
  pango_layout_get_pixel_size (value, &w, &h);
  cairo_move_to (cr, width - w - 8, 0);
  pango_cairo_show_layout (cr, value);

  /* The axis and the days at either end, faint. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, plot_y + plot_h + 0.5);
  cairo_line_to (cr, left + plot_w, plot_y + plot_h + 0.5);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
  first = text_layout (widget, self->first_day != NULL ? self->first_day : "", 0.8, FALSE);
  cairo_move_to (cr, left, plot_y + plot_h + 4);
  pango_cairo_show_layout (cr, first);
  last = text_layout (widget, self->last_day != NULL ? self->last_day : "", 0.8, FALSE);
  pango_layout_get_pixel_size (last, &w, &h);
  cairo_move_to (cr, left + plot_w - w, plot_y + plot_h + 4);
  pango_cairo_show_layout (cr, last);

  if (n < 2)
    return;
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->values, double, i);
      double x = left + plot_w * i / (n - 1), y;

      if (isnan (v))
        {
          started = FALSE;
          continue;
        }
      y = plot_y + plot_h - plot_h * v / top;
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
    }
  cairo_stroke (cr);
}

static void
wg_trend_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  WgTrendChart *self = WG_TREND_CHART (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
wg_trend_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 170;
}

static void
wg_trend_chart_finalize (GObject *object)
{
  WgTrendChart *self = WG_TREND_CHART (object);

  g_free (self->title);
  g_free (self->first_day);
  g_free (self->last_day);
  g_array_unref (self->values);
  G_OBJECT_CLASS (wg_trend_chart_parent_class)->finalize (object);
}

static void
wg_trend_chart_class_init (WgTrendChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = wg_trend_chart_finalize;
  widget_class->snapshot = wg_trend_chart_snapshot;
  widget_class->measure = wg_trend_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wg_trend_chart_init (WgTrendChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
}

WgTrendChart *
wg_trend_chart_new (const char *title,
                    gboolean    percent)
{
  WgTrendChart *self = g_object_new (WG_TYPE_TREND_CHART, NULL);

  self->title = g_strdup (title);
  self->percent = percent;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return self;
}

/**
 * wg_trend_chart_set_values:
 * @self: a #WgTrendChart
 * @values: (array length=n): per day, oldest first; NAN for none
 * @n: how many days
 * @first_day: the first day's label
 * @last_day: the last day's label
 */
void
wg_trend_chart_set_values (WgTrendChart *self,
                           const double *values,
                           guint         n,
                           const char   *first_day,
                           const char   *last_day)
{
  g_autofree char *description = NULL;
  double last = n > 0 ? values[n - 1] : NAN;

  g_return_if_fail (WG_IS_TREND_CHART (self));

  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, n);
  g_free (self->first_day);
  g_free (self->last_day);
  self->first_day = g_strdup (first_day);
  self->last_day = g_strdup (last_day);
  /* What a screen reader says: the last value. */
  description = isnan (last) ? g_strdup ("—") : self->percent ? g_strdup_printf ("%.1f%%", last)
                                                              : g_strdup_printf ("%.0f", last);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
wg_trend_chart_get_last (WgTrendChart *self)
{
  g_return_val_if_fail (WG_IS_TREND_CHART (self), NAN);

  return self->values->len > 0 ? g_array_index (self->values, double, self->values->len - 1) : NAN;
}
