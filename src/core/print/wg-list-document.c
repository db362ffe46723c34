/* wg-list-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list on paper: the people behind a figure of a grid page (today's
 * fevers, home quarantine, overdue tests …) as the leadership asks for
 * them. A4 portrait; the title and what it covers on the first page; a
 * table whose header row is repeated on every page; on every page the
 * footer the dossiers carry (generated at, operator, page x of y, 含个人信息
 * 注意保密). Rows are measured once with Pango (a cell takes up to two
 * lines) and paginated when asked for the first time, then every page
 * draws from that.
 */

#define G_LOG_DOMAIN "wg-list-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wg-list-document.h"
#include "wg-document.h"
#include "wg-draw-private.h"
#include "wg-store-grids.h"
#include "wg-store-status.h"
#include "wg-store-roster.h"
#include "wg-store-transfers.h"

#define FONT(spec) WG_DOCUMENT_FONT " " spec
#define LEFT WG_MM (15.0)
#define WIDTH (WG_A4_WIDTH - 2 * LEFT)
#define TOP WG_MM (15.0)
#define FOOTER_Y (WG_A4_HEIGHT - WG_MM (12.0))
#define BOTTOM (FOOTER_Y - WG_MM (5.0))
#define PAD 3.0
#define TITLE_HEIGHT 46.0

struct _WgListDocument
{
  GObject parent_instance;

  char *title;
  char *subtitle;
  char *operator_name;
  char *generated;
  GStrv headers;
  double *widths;      /* points */
  guint n_columns;
  GPtrArray *rows;     /* of GStrv */

  /* laid out on first use */
  GArray *heights;     /* per row */
  double header_height;
  GArray *page_starts; /* first row of each page */
  gboolean demo;       /* made-up people: said on every page */
  int max_lines;       /* a cell's lines at most, the rest cut with an ellipsis */
};

static void wg_list_document_iface_init (WgDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WgListDocument, wg_list_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WG_TYPE_DOCUMENT, wg_list_document_iface_init))

static void
layout_pages (WgListDocument *self)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  double y;
  guint start = 0;

  if (self->page_starts != NULL)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  layout = wg_draw_layout_new (cr);

  self->heights = g_array_new (FALSE, FALSE, sizeof (double));
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->header_height = 0;
  for (guint c = 0; c < self->n_columns; c++)
    self->header_height = MAX (self->header_height,
                               wg_measure_text (layout, self->headers[c], FONT ("Bold 9"),
                                                self->widths[c] - 2 * PAD, 2) + 2 * PAD);
  for (guint r = 0; r < self->rows->len; r++)
    {
      char **cells = self->rows->pdata[r];
      double height = 0;

      for (guint c = 0; c < self->n_columns; c++)
        height = MAX (height, wg_measure_text (layout, cells[c] != NULL ? cells[c] : "", FONT ("9"),
                                               self->widths[c] - 2 * PAD, self->max_lines) + 2 * PAD);
      g_array_append_val (self->heights, height);
    }

  /* Page by page: the title on the first, the header on each. */
  g_array_append_val (self->page_starts, start);
  y = TOP + TITLE_HEIGHT + self->header_height;
  for (guint r = 0; r < self->rows->len; r++)
    {
      double height = g_array_index (self->heights, double, r);

      if (y + height > BOTTOM && r > start)
        {
          start = r;
          g_array_append_val (self->page_starts, start);
          y = TOP + self->header_height;
        }
      y += height;
    }

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
get_n_pages (WgDocument *document)
{
  WgListDocument *self = WG_LIST_DOCUMENT (document);

  layout_pages (self);
  return self->page_starts->len;
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
draw_row (WgListDocument     *self,
          cairo_t            *cr,
          PangoLayout        *layout,
          const char *const  *cells,
          const char         *font,
          double              y,
          double              height,
          gboolean            shaded)
{
  return wg_draw_table_row (cr, layout, cells, self->widths, self->n_columns, font, LEFT, WIDTH, y, height, PAD,
                            self->max_lines, shaded, FALSE);
}

static void
draw_page (WgDocument *document,
           guint       page,
           cairo_t    *cr)
{
  WgListDocument *self = WG_LIST_DOCUMENT (document);
  PangoLayout *layout;
  guint first, end;
  double y = TOP;

  layout_pages (self);
  g_return_if_fail (page < self->page_starts->len);
  first = g_array_index (self->page_starts, guint, page);
  end = page + 1 < self->page_starts->len ? g_array_index (self->page_starts, guint, page + 1) : self->rows->len;
  layout = wg_draw_layout_new (cr);

  if (page == 0)
    {
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      wg_draw_text (cr, layout, self->title, FONT ("Bold 16"), LEFT, y, WIDTH, 1, PANGO_ALIGN_LEFT);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
      wg_draw_text (cr, layout, self->subtitle, FONT ("9"), LEFT, y + 26, WIDTH, 1, PANGO_ALIGN_LEFT);
      y += TITLE_HEIGHT;
    }
  /* The header row, on every page. */
  y += draw_row (self, cr, layout, (const char *const *) self->headers, FONT ("Bold 9"), y,
                 self->header_height, TRUE);
  for (guint r = first; r < end; r++)
    y += draw_row (self, cr, layout, self->rows->pdata[r], FONT ("9"), y,
                   g_array_index (self->heights, double, r), FALSE);
  if (self->rows->len == 0)
    {
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
      wg_draw_text (cr, layout, "（无）", FONT ("10"), LEFT, y + 8, WIDTH, 1, PANGO_ALIGN_LEFT);
    }

  wg_draw_footer (cr, layout, LEFT, WIDTH, FOOTER_Y, self->generated, self->operator_name, page,
                  self->page_starts->len, self->demo);
  g_object_unref (layout);
}

static char *
dup_title (WgDocument *document)
{
  return g_strdup (WG_LIST_DOCUMENT (document)->title);
}

static void
wg_list_document_iface_init (WgDocumentInterface *iface)
{
  iface->get_n_pages = get_n_pages;
  iface->get_page_size = get_page_size;
  iface->draw_page = draw_page;
  iface->dup_title = dup_title;
}

static void
wg_list_document_finalize (GObject *object)
{
  WgListDocument *self = WG_LIST_DOCUMENT (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->operator_name);
  g_free (self->generated);
  g_strfreev (self->headers);
  g_free (self->widths);
  g_ptr_array_unref (self->rows);
  g_clear_pointer (&self->heights, g_array_unref);
  g_clear_pointer (&self->page_starts, g_array_unref);
  G_OBJECT_CLASS (wg_list_document_parent_class)->finalize (object);
}

static void
wg_list_document_class_init (WgListDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wg_list_document_finalize;
}

static void
wg_list_document_init (WgListDocument *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->max_lines = 2;
}

/**
 * wg_list_document_new:
 * @title: what the list is, in Chinese (print is in Chinese)
 * @subtitle: which grid, which day
 * @operator_name: (nullable): who printed it, for the footer
 * @headers: (array length=n_columns): the columns' titles
 * @widths: (array length=n_columns): their shares of the page's width
 */
WgListDocument *
wg_list_document_new (const char        *title,
                      const char        *subtitle,
                      const char        *operator_name,
                      const char *const *headers,
                      const double      *widths,
                      guint              n_columns)
{
  WgListDocument *self = g_object_new (WG_TYPE_LIST_DOCUMENT, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  double total = 0;

  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->operator_name = g_strdup (operator_name);
  self->generated = g_date_time_format (now, "%Y-%m-%d %H:%M");
  self->n_columns = n_columns;
  self->headers = g_new0 (char *, n_columns + 1);
  self->widths = g_new0 (double, n_columns);
  for (guint c = 0; c < n_columns; c++)
    total += widths[c];
  for (guint c = 0; c < n_columns; c++)
    {
      self->headers[c] = g_strdup (headers[c]);
      self->widths[c] = WIDTH * widths[c] / total;
    }
  return self;
}

void
wg_list_document_add_row (WgListDocument    *self,
                          const char *const *cells)
{
  char **row = g_new0 (char *, self->n_columns + 1);

  g_return_if_fail (self->page_starts == NULL);
  for (guint c = 0; c < self->n_columns; c++)
    row[c] = g_strdup (cells[c] != NULL ? cells[c] : "");
  g_ptr_array_add (self->rows, row);
}

guint
wg_list_document_get_n_rows (WgListDocument *self)
{
  return self->rows->len;
}

/* What each figure is called on paper. */
static const char *
status_title (WgStatus status)
{
  static const char *const titles[] = {
    [WG_STATUS_AWAY] = "在外人员", [WG_STATUS_RETURNEES] = "返乡人员", [WG_STATUS_MONITORING] = "健康监测人员",
    [WG_STATUS_HOME_QUARANTINE] = "居家隔离人员", [WG_STATUS_CENTRAL_QUARANTINE] = "集中隔离人员",
    [WG_STATUS_FEVER_TODAY] = "今日发热人员", [WG_STATUS_NAT_OVERDUE] = "超48小时未检核酸人员",
    [WG_STATUS_STARTING_TODAY] = "今日开始管控人员", [WG_STATUS_ENDING_TODAY] = "今日解除管控人员",
    [WG_STATUS_ENDING_TOMORROW] = "明日解除管控人员", [WG_STATUS_TESTS_DUE] = "今日应检核酸人员",
    [WG_STATUS_TESTS_OVERDUE] = "核酸检测逾期未检人员", [WG_STATUS_TEMPERATURE_MISSING] = "今日未测体温人员",
    [WG_STATUS_SENSOR_OFFLINE] = "门磁离线的居家隔离人员", [WG_STATUS_PERIOD_CHANGED] = "延长或提前解除隔离人员",
  };

  return status < G_N_ELEMENTS (titles) && titles[status] != NULL ? titles[status] : "名单";
}

/**
 * wg_list_document_new_for_status:
 *
 * The people behind a figure of a grid page, on paper (the same people as
 * wg_store_list_status_people () lists, in the same order).
 */
WgListDocument *
wg_list_document_new_for_status (WgStore     *store,
                                 const char  *grid_code,
                                 WgStatus     status,
                                 const char  *today,
                                 GError     **error)
{
  static const char *const headers[] = { "序号", "姓名", "户编码", "住址", "微网格", "情况" };
  /* Shares of the width: the codes on one line (16 digits, 10 characters). */
  static const double widths[] = { 0.06, 0.085, 0.18, 0.245, 0.25, 0.18 };
  g_autoptr(GPtrArray) people = wg_store_list_status_people (store, grid_code, status, today, error);
  g_autofree char *grid_name = NULL;
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  WgListDocument *self;

  if (people == NULL || !(grid_name = wg_store_dup_grid_name (store, grid_code, NULL, error)))
    return NULL;
  title = g_strdup_printf ("%s名单", status_title (status));
  subtitle = g_strdup_printf ("%s（%s）· %s · 共 %u 人", grid_name, grid_code, day, people->len);
  self = wg_list_document_new (title, subtitle, wg_store_get_operator (store), headers, widths,
                               G_N_ELEMENTS (headers));
  self->demo = wg_store_is_demo (store);
  for (guint i = 0; i < people->len; i++)
    {
      const WgStatusPerson *p = people->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      const char *cells[] = { number, p->name, p->household_code, p->address, p->grid_code, p->printed_fact };

      wg_list_document_add_row (self, cells);
    }
  return self;
}

static const char *
transfer_from_printed (WgTransferFrom from)
{
  switch (from)
    {
    case WG_TRANSFER_FROM_CHECKPOINT:
      return "卡口";
    case WG_TRANSFER_FROM_STATION:
      return "站点";
    case WG_TRANSFER_FROM_ADDRESS:
    default:
      return "地址";
    }
}

/**
 * wg_list_document_new_for_transfer:
 * @store: a #WgStore
 * @transfer_id: the transfer
 * @error: return location for a #GError
 *
 * The transfer sheet (点对点转运单): every field of the transfer, each
 * person carried, and the lines the two sides sign at the handover.
 *
 * Returns: (transfer full): the sheet, or %NULL with @error set
 */
WgListDocument *
wg_list_document_new_for_transfer (WgStore     *store,
                                   gint64       transfer_id,
                                   GError     **error)
{
  static const char *const headers[] = { "项目", "内容" };
  static const double widths[] = { 0.24, 0.76 };
  static const char *const states[] = { "待派车", "已派车", "已接到", "已交接" };
  g_autoptr(WgTransferInfo) t = wg_store_get_transfer (store, transfer_id, error);
  g_autofree char *number = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  WgListDocument *self;

  if (t == NULL)
    return NULL;
  number = g_strdup_printf ("ZY-%s-%04" G_GINT64_FORMAT, t->day, t->id);
  subtitle = g_strdup_printf ("编号 %s · %s · 共 %u 人", number, t->day, t->persons->len);
  from = g_strdup_printf ("%s：%s", transfer_from_printed (t->from_kind), t->from_place);
  to = g_strdup_printf ("%s：%s", t->to_site_id != 0 ? "集中隔离点" : "居家", t->to_place);
  self = wg_list_document_new ("点对点转运单", subtitle, wg_store_get_operator (store), headers, widths,
                               G_N_ELEMENTS (headers));
  self->demo = wg_store_is_demo (store);
  {
    const char *const rows[][2] = {
      { "转运编号", number },
      { "转运日期", t->day },
      { "出发地", from },
      { "目的地", to },
      { "车牌号", t->vehicle },
      { "驾驶员", t->driver },
      { "随车人员", t->escort },
      { "状态", states[MIN (t->state, G_N_ELEMENTS (states) - 1)] },
      { "派车时间", t->dispatched_at != NULL ? t->dispatched_at : "" },
      { "接到时间", t->picked_up_at != NULL ? t->picked_up_at : "" },
      { "交接时间", t->handed_over_at != NULL ? t->handed_over_at : "" },
      { "接收人", t->handed_to != NULL ? t->handed_to : "" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      wg_list_document_add_row (self, rows[i]);
  }
  for (guint i = 0; i < t->persons->len; i++)
    {
      const WgTransferPerson *p = g_ptr_array_index (t->persons, i);
      g_autofree char *label = g_strdup_printf ("转运人员 %u", i + 1);
      g_autofree char *who = g_strdup_printf ("%s　身份证号 %s　电话 %s", p->name, p->id_number,
                                              p->phone != NULL ? p->phone : "—");
      const char *cells[] = { label, who };

      wg_list_document_add_row (self, cells);
    }
  {
    const char *sign_out[] = { "转出方签字", "" };
    const char *sign_in[] = { "接收方签字", "" };

    wg_list_document_add_row (self, sign_out);
    wg_list_document_add_row (self, sign_in);
  }
  return self;
}

/**
 * wg_list_document_new_for_roster:
 * @store: a #WgStore
 * @monday: the week's first day
 * @error: return location for a #GError
 *
 * The week's duty roster (值班表): a row per checkpoint and shift, a column
 * per day with who is on duty.
 *
 * Returns: (transfer full): the roster, or %NULL with @error set
 */
WgListDocument *
wg_list_document_new_for_roster (WgStore     *store,
                                 const char  *monday,
                                 GError     **error)
{
  static const char *const weekdays[] = { "周一", "周二", "周三", "周四", "周五", "周六", "周日" };
  static const double widths[] = { 0.14, 0.09, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11 };
  g_autoptr(GPtrArray) rows = wg_store_build_roster_table (store, monday, error);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  WgListDocument *self;
  GDate date;

  if (rows == NULL)
    return NULL;
  g_ptr_array_add (headers, g_strdup ("卡口／社区"));
  g_ptr_array_add (headers, g_strdup ("班次"));
  g_date_clear (&date, 1);
  g_date_set_parse (&date, monday);
  for (guint d = 0; d < 7; d++, g_date_add_days (&date, 1))
    g_ptr_array_add (headers, g_strdup_printf ("%s %u.%u", weekdays[d], g_date_get_month (&date),
                                               g_date_get_day (&date)));
  g_date_subtract_days (&date, 1);
  subtitle = g_strdup_printf ("%s 至 %04u-%02u-%02u　★ 带班领导", monday, g_date_get_year (&date),
                              g_date_get_month (&date), g_date_get_day (&date));
  self = wg_list_document_new ("值班值守表", subtitle, wg_store_get_operator (store),
                               (const char *const *) headers->pdata, widths, G_N_ELEMENTS (widths));
  self->demo = wg_store_is_demo (store);
  /* A name a line, every one of them. */
  self->max_lines = 12;
  for (guint i = 0; i < rows->len; i++)
    wg_list_document_add_row (self, (const char *const *) rows->pdata[i]);
  return self;
}
