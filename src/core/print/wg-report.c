/* wg-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The daily report (日报) of a grid for a day, on A4 in Chinese whatever
 * the desk's language: the day's figures with the change since the day
 * before, the central sites, the grids one level below side by side, the
 * five precisions, the exceptions (fevers, positive tests, violations
 * confirmed from door alerts, help orders overdue, grids that have not
 * reported) as tables, and the last fortnight's trends as charts. Every
 * number comes from the store's one function per figure
 * (wg-store-figures), as on the dashboard and from `wangge-cli figures`.
 *
 * The report is a list of blocks — headings, tables, a lines of text, the
 * charts — laid out once: a table that does not fit goes on over the page
 * with its header row repeated; every page has the dossiers' footer.
 */

#define G_LOG_DOMAIN "wg-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wg-document.h"
#include "wg-draw-private.h"
#include "wg-report.h"
#include "wg-store-figures.h"
#include "wg-store-grids.h"
#include "wg-store-private.h"
#include "wg-store-sites.h"

#define FONT(spec) WG_DOCUMENT_FONT " " spec
#define LEFT WG_MM (15.0)
#define WIDTH (WG_A4_WIDTH - 2 * LEFT)
#define TOP WG_MM (15.0)
#define FOOTER_Y (WG_A4_HEIGHT - WG_MM (12.0))
#define BOTTOM (FOOTER_Y - WG_MM (5.0))
#define PAD 2.5
#define TITLE_HEIGHT 52.0
#define HEADING_HEIGHT 24.0
#define TEXT_HEIGHT 18.0
#define CHARTS_HEIGHT 300.0
#define TREND_DAYS 14

typedef enum
{
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_CHARTS,
} BlockKind;

typedef struct
{
  BlockKind kind;
  char *text;
  guint n_columns;
  char **headers;
  double *widths;              /* points */
  GPtrArray *rows;             /* of GStrv */
  GArray *heights;             /* per row, measured */
  double header_height;
  gboolean numbers;            /* the columns after the first are numbers: to the right */
} Block;

/* A block, or a run of a table's rows, at a height on a page. */
typedef struct
{
  Block *block;
  guint first;
  guint end;
  double y;
} Placement;

typedef struct
{
  const char *title;
  gboolean percent;
  double values[TREND_DAYS];
} Trend;

struct _WgReport
{
  GObject parent_instance;

  char *title;
  char *subtitle;
  char *operator_name;
  char *generated;
  char *day;
  gboolean demo;
  GPtrArray *blocks;           /* of Block */
  GPtrArray *pages;            /* of GPtrArray of Placement */
  Trend trends[4];
  guint n_sections;
  char *trend_days[TREND_DAYS];
};

static void wg_report_iface_init (WgDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WgReport, wg_report, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WG_TYPE_DOCUMENT, wg_report_iface_init))

static void
block_free (Block *block)
{
  g_free (block->text);
  g_strfreev (block->headers);
  g_free (block->widths);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->heights, g_array_unref);
  g_free (block);
}

/* A section's heading, numbered in order: 一、二、… */
static void add_text (WgReport *self, BlockKind kind, const char *text);

static void
add_heading (WgReport   *self,
             const char *text)
{
  static const char *const numbers[] = { "一", "二", "三", "四", "五", "六", "七", "八" };
  g_autofree char *heading = g_strdup_printf ("%s、%s", numbers[MIN (self->n_sections, G_N_ELEMENTS (numbers) - 1)],
                                              text);

  self->n_sections++;
  add_text (self, BLOCK_HEADING, heading);
}

static void
add_text (WgReport   *self,
          BlockKind   kind,
          const char *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (self->blocks, block);
}

/* A table: @headers NULL-terminated, @shares their parts of the width. */
static Block *
add_table (WgReport          *self,
           const char *const *headers,
           const double      *shares)
{
  Block *block = g_new0 (Block, 1);
  double total = 0;

  block->kind = BLOCK_TABLE;
  block->numbers = TRUE;
  block->n_columns = g_strv_length ((char **) headers);
  block->headers = g_strdupv ((char **) headers);
  block->widths = g_new0 (double, block->n_columns);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint c = 0; c < block->n_columns; c++)
    total += shares[c];
  for (guint c = 0; c < block->n_columns; c++)
    block->widths[c] = WIDTH * shares[c] / total;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_row (Block             *table,
         const char *const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint c = 0; c < table->n_columns; c++)
    row[c] = g_strdup (cells[c] != NULL ? cells[c] : "");
  g_ptr_array_add (table->rows, row);
}

static double
block_height (const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
      return HEADING_HEIGHT;
    case BLOCK_SUBHEADING:
    case BLOCK_TEXT:
      return TEXT_HEIGHT;
    case BLOCK_CHARTS:
      return CHARTS_HEIGHT;
    case BLOCK_TABLE:
    default:
      return 0;
    }
}

static void
place (GPtrArray *page,
       Block     *block,
       guint      first,
       guint      end,
       double     y)
{
  Placement *placement = g_new0 (Placement, 1);

  placement->block = block;
  placement->first = first;
  placement->end = end;
  placement->y = y;
  g_ptr_array_add (page, placement);
}

static void
layout_pages (WgReport *self)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  GPtrArray *page;
  double y;

  if (self->pages != NULL)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  layout = wg_draw_layout_new (cr);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  page = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->pages, page);
  y = TOP + TITLE_HEIGHT;

  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (self->blocks, b);
      /* A heading stays with what follows it. */
      double keep = block->kind == BLOCK_HEADING || block->kind == BLOCK_SUBHEADING ? 3 * TEXT_HEIGHT : 0;
      guint first;

      if (block->kind != BLOCK_TABLE)
        {
          if (y + block_height (block) + keep > BOTTOM)
            {
              page = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (self->pages, page);
              y = TOP;
            }
          place (page, block, 0, 0, y);
          y += block_height (block);
          continue;
        }

      block->heights = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint c = 0; c < block->n_columns; c++)
        block->header_height = MAX (block->header_height,
                                    wg_measure_text (layout, block->headers[c], FONT ("Bold 8"),
                                                     block->widths[c] - 2 * PAD, 2) + 2 * PAD);
      for (guint r = 0; r < block->rows->len; r++)
        {
          char **cells = block->rows->pdata[r];
          double height = 0;

          for (guint c = 0; c < block->n_columns; c++)
            height = MAX (height, wg_measure_text (layout, cells[c], FONT ("8"), block->widths[c] - 2 * PAD, 2) +
                                  2 * PAD);
          g_array_append_val (block->heights, height);
        }
      /* Rows while they fit; the rest on the next page, under the header again. */
      first = 0;
      while (first < block->rows->len)
        {
          double top = y;
          guint end = first;

          y += block->header_height;
          while (end < block->rows->len && y + g_array_index (block->heights, double, end) <= BOTTOM)
            y += g_array_index (block->heights, double, end++);
          if (end == first)
            {
              page = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (self->pages, page);
              y = TOP;
              continue;
            }
          place (page, block, first, end, top);
          first = end;
          if (first < block->rows->len)
            {
              page = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (self->pages, page);
              y = TOP;
            }
        }
      y += 8;
    }
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
get_n_pages (WgDocument *document)
{
  WgReport *self = WG_REPORT (document);

  layout_pages (self);
  return self->pages->len;
}

static void
get_page_size (WgDocument *document,
               double     *width,
               double     *height)
{
  *width = WG_A4_WIDTH;
  *height = WG_A4_HEIGHT;
}

static double
draw_table_row (cairo_t           *cr,
                PangoLayout       *layout,
                const Block       *block,
                const char *const *cells,
                const char        *font,
                double             y,
                double             height,
                gboolean           shaded)
{
  return wg_draw_table_row (cr, layout, cells, block->widths, block->n_columns, font, LEFT, WIDTH, y, height, PAD, 2,
                            shaded, block->numbers);
}

/* A fortnight's line, its last value written beside it. */
static void
draw_chart (WgReport    *self,
            cairo_t     *cr,
            PangoLayout *layout,
            const Trend *trend,
            double       x,
            double       y,
            double       width,
            double       height)
{
  double top = 0, plot_x = x + 28, plot_y = y + 20, plot_w = width - 40, plot_h = height - 44;
  g_autofree char *top_text = NULL;
  g_autofree char *last_text = NULL;
  gboolean started = FALSE;
  double last = NAN;

  for (guint i = 0; i < TREND_DAYS; i++)
    if (!isnan (trend->values[i]))
      {
        top = MAX (top, trend->values[i]);
        last = trend->values[i];
      }
  top = trend->percent ? 100 : MAX (top, 1);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  wg_draw_text (cr, layout, trend->title, FONT ("Bold 9"), x, y, width, 1, PANGO_ALIGN_LEFT);
  last_text = isnan (last) ? g_strdup ("—") : trend->percent ? g_strdup_printf ("%.1f%%", last)
                                                              : g_strdup_printf ("%.0f", last);
  wg_draw_text (cr, layout, last_text, FONT ("Bold 9"), x, y, width - 8, 1, PANGO_ALIGN_RIGHT);

  /* The axes, the top value and the first and last days. */
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.65);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, plot_x, plot_y);
  cairo_line_to (cr, plot_x, plot_y + plot_h);
  cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h);
  cairo_stroke (cr);
  top_text = trend->percent ? g_strdup ("100%") : g_strdup_printf ("%.0f", top);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
  wg_draw_text (cr, layout, top_text, FONT ("7"), x, plot_y - 4, 26, 1, PANGO_ALIGN_RIGHT);
  wg_draw_text (cr, layout, "0", FONT ("7"), x, plot_y + plot_h - 8, 26, 1, PANGO_ALIGN_RIGHT);
  wg_draw_text (cr, layout, self->trend_days[0] + 5, FONT ("7"), plot_x, plot_y + plot_h + 3, 40, 1,
                PANGO_ALIGN_LEFT);
  wg_draw_text (cr, layout, self->trend_days[TREND_DAYS - 1] + 5, FONT ("7"), plot_x + plot_w - 40,
                plot_y + plot_h + 3, 40, 1, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (cr, 0.11, 0.37, 0.67);
  cairo_set_line_width (cr, 1.4);
  for (guint i = 0; i < TREND_DAYS; i++)
    {
      double px = plot_x + plot_w * i / (TREND_DAYS - 1);
      double py;

      if (isnan (trend->values[i]))
        {
          started = FALSE;
          continue;
        }
      py = plot_y + plot_h - plot_h * trend->values[i] / top;
      if (started)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      started = TRUE;
    }
  cairo_stroke (cr);
  for (guint i = 0; i < TREND_DAYS; i++)
    if (!isnan (trend->values[i]))
      {
        cairo_arc (cr, plot_x + plot_w * i / (TREND_DAYS - 1),
                   plot_y + plot_h - plot_h * trend->values[i] / top, 1.6, 0, 2 * G_PI);
        cairo_fill (cr);
      }
}

static void
draw_page (WgDocument *document,
           guint       page_number,
           cairo_t    *cr)
{
  WgReport *self = WG_REPORT (document);
  PangoLayout *layout;
  GPtrArray *page;

  layout_pages (self);
  g_return_if_fail (page_number < self->pages->len);
  page = g_ptr_array_index (self->pages, page_number);
  layout = wg_draw_layout_new (cr);

  if (page_number == 0)
    {
      cairo_set_source_rgb (cr, 0.55, 0.05, 0.05);
      wg_draw_text (cr, layout, self->title, FONT ("Bold 18"), LEFT, TOP, WIDTH, 1, PANGO_ALIGN_CENTER);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
      wg_draw_text (cr, layout, self->subtitle, FONT ("9"), LEFT, TOP + 28, WIDTH, 1, PANGO_ALIGN_CENTER);
      cairo_set_source_rgb (cr, 0.55, 0.05, 0.05);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, LEFT, TOP + TITLE_HEIGHT - 8);
      cairo_line_to (cr, LEFT + WIDTH, TOP + TITLE_HEIGHT - 8);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < page->len; i++)
    {
      const Placement *p = g_ptr_array_index (page, i);
      const Block *block = p->block;
      double y = p->y;

      switch (block->kind)
        {
        case BLOCK_HEADING:
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
          wg_draw_text (cr, layout, block->text, FONT ("Bold 12"), LEFT, y + 6, WIDTH, 1, PANGO_ALIGN_LEFT);
          break;
        case BLOCK_SUBHEADING:
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
          wg_draw_text (cr, layout, block->text, FONT ("Bold 9"), LEFT, y + 3, WIDTH, 1, PANGO_ALIGN_LEFT);
          break;
        case BLOCK_TEXT:
          cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
          wg_draw_text (cr, layout, block->text, FONT ("9"), LEFT, y + 2, WIDTH, 1, PANGO_ALIGN_LEFT);
          break;
        case BLOCK_CHARTS:
          for (guint t = 0; t < G_N_ELEMENTS (self->trends); t++)
            draw_chart (self, cr, layout, &self->trends[t], LEFT + (t % 2) * WIDTH / 2, y + 6 + (t / 2) * 145,
                        WIDTH / 2 - 10, 135);
          break;
        case BLOCK_TABLE:
        default:
          y += draw_table_row (cr, layout, block, (const char *const *) block->headers, FONT ("Bold 8"), y,
                               block->header_height, TRUE);
          for (guint r = p->first; r < p->end; r++)
            y += draw_table_row (cr, layout, block, block->rows->pdata[r], FONT ("8"), y,
                                 g_array_index (block->heights, double, r), FALSE);
          break;
        }
    }
  wg_draw_footer (cr, layout, LEFT, WIDTH, FOOTER_Y, self->generated, self->operator_name, page_number,
                  self->pages->len, self->demo);
  g_object_unref (layout);
}

static char *
dup_title (WgDocument *document)
{
  return g_strdup (WG_REPORT (document)->title);
}

static void
wg_report_iface_init (WgDocumentInterface *iface)
{
  iface->get_n_pages = get_n_pages;
  iface->get_page_size = get_page_size;
  iface->draw_page = draw_page;
  iface->dup_title = dup_title;
}

static void
wg_report_finalize (GObject *object)
{
  WgReport *self = WG_REPORT (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->operator_name);
  g_free (self->generated);
  g_free (self->day);
  g_ptr_array_unref (self->blocks);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  for (guint i = 0; i < TREND_DAYS; i++)
    g_free (self->trend_days[i]);
  G_OBJECT_CLASS (wg_report_parent_class)->finalize (object);
}

static void
wg_report_class_init (WgReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wg_report_finalize;
}

static void
wg_report_init (WgReport *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
}

static char *
count_text (const WgFigureSheet *sheet,
            WgFigure             figure,
            const char          *code)
{
  if (!sheet->recorded[figure])
    return g_strdup ("未记录");
  return g_strdup_printf ("%u", wg_figure_rows_count (sheet->figures[figure], code, FALSE));
}

static char *
percent_text (GPtrArray  *rows,
              const char *code)
{
  guint of = wg_figure_rows_count (rows, code, FALSE);

  if (of == 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", 100.0 * wg_figure_rows_count (rows, code, TRUE) / of);
}

/* A grid's name with its village's ("文化社区第二网格"), from the store
 * once per code. */
static const char *
grid_name (WgStore    *store,
           GHashTable *names,
           const char *code)
{
  char *name;

  if (code == NULL)
    return "集中隔离点";
  if ((name = g_hash_table_lookup (names, code)) == NULL)
    {
      g_autofree char *own = wg_store_dup_grid_name (store, code, NULL, NULL);
      g_autofree char *village_code = strlen (code) > 12 ? g_strndup (code, 12) : NULL;
      g_autofree char *village = village_code != NULL ? wg_store_dup_grid_name (store, village_code, NULL, NULL)
                                                      : NULL;

      name = g_strconcat (village != NULL ? village : "", own != NULL ? own : code, NULL);
      g_hash_table_insert (names, g_strdup (code), name);
    }
  return name;
}

/* One of the exceptions: a sub-heading and its rows, or "none". */
static void
add_exception (WgReport            *self,
               WgStore             *store,
               GHashTable          *names,
               const char          *title,
               const char *const   *headers,
               GPtrArray           *rows,
               gboolean             temperature)
{
  static const double shares[] = { 3, 4, 3 };
  g_autofree char *heading = g_strdup_printf ("%s（%u）", title, rows->len);
  Block *table;

  add_text (self, BLOCK_SUBHEADING, heading);
  if (rows->len == 0)
    {
      add_text (self, BLOCK_TEXT, "（无）");
      return;
    }
  table = add_table (self, headers, shares);
  table->numbers = FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const WgFigureRow *row = g_ptr_array_index (rows, i);
      g_autofree char *fact = NULL;
      const char *cells[3];

      if (temperature && row->fact != NULL)
        {
          guint64 tenths = g_ascii_strtoull (row->fact, NULL, 10);

          fact = g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT " ℃", tenths / 10, tenths % 10);
        }
      else
        fact = g_strdup (row->fact != NULL ? row->fact : "");
      cells[0] = row->label;
      cells[1] = grid_name (store, names, row->grid_code);
      cells[2] = fact;
      add_row (table, cells);
    }
}

/**
 * wg_report_new:
 * @store: the county database
 * @grid_code: the grid reported on
 * @day: the day, "YYYY-MM-DD"
 * @now: (nullable): the desk's clock; %NULL for now
 * @operator_name: (nullable): who made it, for the footer
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the daily report, or %NULL with @error set
 */
WgReport *
wg_report_new (WgStore     *store,
               const char  *grid_code,
               const char  *day,
               const char  *now,
               const char  *operator_name,
               GError     **error)
{
  static const WgFigure side_by_side[] = {
    WG_FIGURE_RETURNEES, WG_FIGURE_MONITORING, WG_FIGURE_HOME_QUARANTINE, WG_FIGURE_CENTRAL_QUARANTINE,
    WG_FIGURE_FEVERS, WG_FIGURE_TESTS_OVERDUE, WG_FIGURE_ALERTS_HIGH, WG_FIGURE_ORDERS_OVERDUE,
    WG_FIGURE_NOT_REPORTED,
  };
  static const char *const short_titles[G_N_ELEMENTS (side_by_side)] = {
    "返乡", "监测", "居家", "集中", "发热", "核酸逾期", "高级告警", "超时求助", "未上报",
  };
  g_autoptr(WgReport) self = g_object_new (WG_TYPE_REPORT, NULL);
  g_autoptr(WgFigureSheet) sheet = NULL;
  /* The day before: its figures only (no precisions, no grids below). */
  int before[WG_FIGURE_N];
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDateTime) generated = g_date_time_new_now_local ();
  g_autofree char *previous = NULL;
  g_autofree char *clock = NULL;
  GDate date;
  char text[11];
  Block *table;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL && day != NULL, NULL);

  if (!wg_store_check_day (day, _("Day"), error))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  g_date_subtract_days (&date, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  previous = g_strdup (text);
  if (!(sheet = wg_store_read_figure_sheet (store, grid_code, day, now, error)))
    return NULL;
  for (guint f = 0; f < WG_FIGURE_N; f++)
    {
      g_autoptr(GPtrArray) rows = wg_store_list_figure (store, f, grid_code, previous, now, error);

      if (rows == NULL)
        return NULL;
      before[f] = wg_figure_is_recorded (f, previous, now) ? (int) rows->len : -1;
    }

  self->day = g_strdup (day);
  self->demo = wg_store_is_demo (store);
  self->operator_name = g_strdup (operator_name);
  self->generated = g_date_time_format (generated, "%Y-%m-%d %H:%M");
  /* A group or a micro-grid by its village's name too: 文化社区第二网格. */
  self->title = g_strdup_printf ("%s疫情防控日报", grid_name (store, names, grid_code));
  clock = now != NULL ? g_strndup (now, 16) : g_date_time_format (generated, "%Y-%m-%d %H:%M");
  g_date_set_parse (&date, day);
  self->subtitle = g_strdup_printf ("%d年%d月%d日 · 网格 %s · 数据截至 %s", g_date_get_year (&date),
                                    g_date_get_month (&date), g_date_get_day (&date), grid_code,
                                    strncmp (clock, day, 10) == 0 ? clock : "当日24时");

  /* 1. The day's figures and the change since the day before. */
  add_heading (self, "主要数据");
  {
    static const char *const headers[] = { "指标", "当日", "前一日", "变化", NULL };
    static const double shares[] = { 4, 2, 2, 2 };

    table = add_table (self, headers, shares);
    for (guint f = 0; f < WG_FIGURE_N; f++)
      {
        g_autofree char *today_text = count_text (sheet, f, NULL);
        g_autofree char *before_text = before[f] >= 0 ? g_strdup_printf ("%d", before[f]) : g_strdup ("未记录");
        g_autofree char *change = NULL;
        const char *cells[4];

        if (sheet->recorded[f] && before[f] >= 0)
          {
            int delta = (int) sheet->figures[f]->len - before[f];

            change = delta == 0 ? g_strdup ("持平") : g_strdup_printf ("%+d", delta);
          }
        else
          change = g_strdup ("—");
        cells[0] = wg_figure_describe_printed (f);
        cells[1] = today_text;
        cells[2] = before_text;
        cells[3] = change;
        add_row (table, cells);
      }
  }

  /* 2. The central sites (the county's own). */
  if (strlen (grid_code) <= 6)
    {
      static const char *const headers[] = { "集中隔离点", "房间", "床位", "已分配", "已入住", "待分配房间", NULL };
      static const double shares[] = { 4, 1.2, 1.2, 1.2, 1.2, 1.6 };
      g_autoptr(GPtrArray) sites = wg_store_list_sites (store, day, error);

      if (sites == NULL)
        return NULL;
      add_heading (self, "集中隔离点");
      table = add_table (self, headers, shares);
      for (guint i = 0; i < sites->len; i++)
        {
          const WgSiteInfo *site = g_ptr_array_index (sites, i);
          g_autofree char *rooms = g_strdup_printf ("%u", site->n_rooms);
          g_autofree char *beds = g_strdup_printf ("%u", site->beds);
          g_autofree char *assigned = g_strdup_printf ("%u", site->assigned);
          g_autofree char *checked_in = g_strdup_printf ("%u", site->checked_in);
          g_autofree char *awaiting = g_strdup_printf ("%u", site->awaiting_room);
          const char *cells[] = { site->name, rooms, beds, assigned, checked_in, awaiting };

          add_row (table, cells);
        }
    }

  /* 3. The grids one level below, side by side. */
  add_heading (self, strlen (grid_code) <= 6 ? "各乡镇情况" : "下级网格情况");
  if (sheet->children->len == 0)
    add_text (self, BLOCK_TEXT, "（无下级网格）");
  else
    {
      const char *headers[G_N_ELEMENTS (side_by_side) + 2] = { "网格" };
      double shares[G_N_ELEMENTS (side_by_side) + 1] = { 2.0 };

      for (guint f = 0; f < G_N_ELEMENTS (side_by_side); f++)
        {
          headers[f + 1] = short_titles[f];
          shares[f + 1] = 1;
        }
      table = add_table (self, headers, shares);
      for (guint c = 0; c <= sheet->children->len; c++)
        {
          const WgFigureRow *child = c < sheet->children->len ? g_ptr_array_index (sheet->children, c) : NULL;
          g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

          g_ptr_array_add (cells, g_strdup (child != NULL ? child->label : "合计"));
          for (guint f = 0; f < G_N_ELEMENTS (side_by_side); f++)
            g_ptr_array_add (cells, count_text (sheet, side_by_side[f], child != NULL ? child->grid_code : NULL));
          add_row (table, (const char *const *) cells->pdata);
        }
    }

  /* 4. The five precisions, then per grid below. */
  add_heading (self, "五个精准");
  {
    static const char *const headers[] = { "精准", "达标", "应达", "比例", NULL };
    static const double shares[] = { 4, 2, 2, 2 };
    const char *child_headers[WG_PRECISION_N + 2] = { "网格" };
    double child_shares[WG_PRECISION_N + 1] = { 2.6 };

    table = add_table (self, headers, shares);
    for (guint p = 0; p < WG_PRECISION_N; p++)
      {
        g_autofree char *met = g_strdup_printf ("%u", wg_figure_rows_count (sheet->precisions[p], NULL, TRUE));
        g_autofree char *of = g_strdup_printf ("%u", sheet->precisions[p]->len);
        g_autofree char *percent = percent_text (sheet->precisions[p], NULL);
        const char *cells[] = { wg_precision_describe_printed (p), met, of, percent };

        add_row (table, cells);
        child_headers[p + 1] = wg_precision_describe_printed (p);
        child_shares[p + 1] = 1.4;
      }
    if (sheet->children->len > 0)
      {
        table = add_table (self, child_headers, child_shares);
        for (guint c = 0; c < sheet->children->len; c++)
          {
            const WgFigureRow *child = g_ptr_array_index (sheet->children, c);
            g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

            g_ptr_array_add (cells, g_strdup (child->label));
            for (guint p = 0; p < WG_PRECISION_N; p++)
              g_ptr_array_add (cells, percent_text (sheet->precisions[p], child->grid_code));
            add_row (table, (const char *const *) cells->pdata);
          }
      }
  }

  /* 5. The exceptions. */
  add_heading (self, "异常情况");
  {
    static const char *const fever[] = { "姓名", "网格", "最高体温", NULL };
    static const char *const positive[] = { "姓名", "网格", "采样时间", NULL };
    static const char *const violation[] = { "地点", "网格", "告警时间", NULL };
    static const char *const order[] = { "求助户", "网格", "应办结时间", NULL };
    static const char *const grid[] = { "网格", "上级网格", "编码", NULL };
    g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_figure_row_free);
    GPtrArray *not_reported = sheet->figures[WG_FIGURE_NOT_REPORTED];

    add_exception (self, store, names, "（一）今日发热人员", fever, sheet->figures[WG_FIGURE_FEVERS], TRUE);
    add_exception (self, store, names, "（二）核酸检测阳性", positive, sheet->figures[WG_FIGURE_POSITIVES], FALSE);
    add_exception (self, store, names, "（三）门磁告警确认违规外出", violation, sheet->figures[WG_FIGURE_VIOLATIONS],
                   FALSE);
    add_exception (self, store, names, "（四）超时未办结求助单", order, sheet->figures[WG_FIGURE_ORDERS_OVERDUE],
                   FALSE);
    /* A grid missing its report: its name, the group above, its code. */
    for (guint i = 0; i < not_reported->len; i++)
      {
        const WgFigureRow *row = g_ptr_array_index (not_reported, i);
        WgFigureRow *copy = g_new0 (WgFigureRow, 1);
        g_autofree char *group = g_strndup (row->grid_code, 14);

        copy->label = g_strdup (row->label);
        copy->grid_code = g_strdup (group);
        copy->fact = g_strdup (row->grid_code);
        g_ptr_array_add (missing, copy);
      }
    add_exception (self, store, names, "（五）未上报晚间碰头的网格", grid, missing, FALSE);
  }

  /* 6. The fortnight's trends. */
  add_heading (self, "近14日趋势");
  {
    double home[TREND_DAYS], central[TREND_DAYS];

    self->trends[0].title = "在管隔离人员（居家＋集中）";
    self->trends[1].title = "每日返乡人员";
    self->trends[2].title = "核酸检测完成率";
    self->trends[2].percent = TRUE;
    self->trends[3].title = "每日新增门磁告警";
    if (!wg_store_count_trend (store, WG_FIGURE_HOME_QUARANTINE, -1, grid_code, day, TREND_DAYS, now, home, error) ||
        !wg_store_count_trend (store, WG_FIGURE_CENTRAL_QUARANTINE, -1, grid_code, day, TREND_DAYS, now, central,
                               error) ||
        !wg_store_count_trend (store, WG_FIGURE_RETURNEES, -1, grid_code, day, TREND_DAYS, now,
                               self->trends[1].values, error) ||
        !wg_store_count_trend (store, -1, WG_PRECISION_TESTS, grid_code, day, TREND_DAYS, now,
                               self->trends[2].values, error) ||
        !wg_store_count_trend (store, WG_FIGURE_ALERTS_OPENED, -1, grid_code, day, TREND_DAYS, now,
                               self->trends[3].values, error))
      return NULL;
    for (guint i = 0; i < TREND_DAYS; i++)
      {
        self->trends[0].values[i] = home[i] + central[i];
        g_date_set_parse (&date, day);
        g_date_subtract_days (&date, TREND_DAYS - 1 - i);
        g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
        self->trend_days[i] = g_strdup (text);
      }
    add_text (self, BLOCK_CHARTS, NULL);
  }
  return g_steal_pointer (&self);
}
