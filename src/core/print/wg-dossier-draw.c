/* wg-dossier-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing a dossier's blocks: covers, the table of contents, sections,
 * tables, the temperature chart and attached reports (read back from the
 * database and rendered by poppler as vectors). The same code measures
 * (a Pen that does not draw) when the layout asks how tall a cover is.
 */

#define G_LOG_DOMAIN "wg-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "wg-dossier.h"
#include "wg-attachment.h"
#include "wg-document.h"
#include "wg-draw-private.h"
#include "wg-label.h"
#include "wg-store-attachments.h"
#include "wg-store-grids.h"
#include "wg-store-persons.h"
#include "wg-store-private.h"
#include "wg-store-records.h"
#include "wg-store-settings.h"
#include "wg-dossier-private.h"

void
wg_dossier_draw_table (cairo_t     *cr,
                       PangoLayout *layout,
                       const Table *table,
                       guint        first,
                       guint        n_rows,
                       double       y)
{
  double x;
  double top = y;

  cairo_set_source_rgb (cr, 0.91, 0.92, 0.94);
  cairo_rectangle (cr, LEFT, y, WIDTH, table->header_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  x = LEFT;
  for (guint c = 0; c < table->n_columns; c++)
    {
      wg_draw_text (cr, layout, table->columns[c], FONT_TABLE_BOLD, x + PAD, y + PAD,
                    table->widths[c] - 2 * PAD, 0, PANGO_ALIGN_LEFT);
      x += table->widths[c];
    }
  y += table->header_height;

  cairo_set_line_width (cr, 0.4);
  for (guint r = first; r < first + n_rows; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);
      guint32 alerts = g_array_index (table->alerts, guint32, r);
      double height = wg_dossier_table_row_height (table, r);

      /* A positive test, a fever, a high-risk place: the whole row stands out. */
      if (alerts != 0)
        {
          cairo_set_source_rgb (cr, 1.0, 0.9, 0.9);
          cairo_rectangle (cr, LEFT, y, WIDTH, height);
          cairo_fill (cr);
        }
      x = LEFT;
      for (guint c = 0; c < table->n_columns; c++)
        {
          gboolean alert = (alerts & (1u << c)) != 0;

          if (alert)
            cairo_set_source_rgb (cr, 0.75, 0, 0);
          else
            cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          wg_draw_text (cr, layout, cells[c], alert ? FONT_TABLE_BOLD : FONT_TABLE, x + PAD,
                        y + PAD, table->widths[c] - 2 * PAD, 0, PANGO_ALIGN_LEFT);
          x += table->widths[c];
        }
      y += height;
      cairo_set_source_rgb (cr, 0.78, 0.78, 0.8);
      cairo_move_to (cr, LEFT, y);
      cairo_line_to (cr, LEFT + WIDTH, y);
      cairo_stroke (cr);
    }

  cairo_set_source_rgb (cr, 0.55, 0.55, 0.6);
  cairo_rectangle (cr, LEFT, top, WIDTH, y - top);
  cairo_stroke (cr);
}

/* Drawing */

void
wg_dossier_draw_header_footer (WgDossier   *self,
                               cairo_t     *cr,
                               PangoLayout *layout,
                               guint        page_index)
{
  const Page *page = &g_array_index (self->pages, Page, page_index);
  const char *path = self->grid_path;
  g_autofree char *who = NULL;

  if (page->person >= 0)
    {
      const Person *person = wg_dossier_person_at (self, page->person);

      who = g_strdup_printf ("%s  %s", person->info->name, person->info->id_number);
    }
  else if (page->household >= 0)
    who = g_strdup_printf ("户编号 %s", wg_dossier_household_at (self, page->household)->code);
  else
    who = g_strdup (self->title);
  if (page->household >= 0)
    path = wg_dossier_household_at (self, page->household)->grid_path;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
  wg_draw_text (cr, layout, path != NULL ? path : "", FONT_SMALL, LEFT, HEADER_Y, WIDTH * 0.6, 1,
                PANGO_ALIGN_LEFT);
  wg_draw_text (cr, layout, who, FONT_SMALL, LEFT + WIDTH * 0.6, HEADER_Y, WIDTH * 0.4, 1,
                PANGO_ALIGN_RIGHT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, LEFT, HEADER_RULE);
  cairo_line_to (cr, LEFT + WIDTH, HEADER_RULE);
  cairo_stroke (cr);

  wg_draw_footer (cr, layout, LEFT, WIDTH, FOOTER_Y, self->generated, self->operator_name, page_index,
                  self->pages->len, self->demo);
}

/* A label in grey and its value beside it; returns the height used. */
static double
field (Pen        *pen,
       const char *key,
       const char *value,
       double      x,
       double      y,
       double      width)
{
  const double key_width = 58;
  double height;

  wg_dossier_set_grey (pen, 0.4);
  height = wg_dossier_pen_text (pen, key, FONT_KEY, x, y + 0.5, key_width, 1, PANGO_ALIGN_LEFT);
  wg_dossier_set_grey (pen, 0.05);
  height = MAX (height, wg_dossier_pen_text (pen, value != NULL && *value != '\0' ? value : "—", FONT_BODY,
                                  x + key_width, y, width - key_width, 3, PANGO_ALIGN_LEFT));
  return height + 4;
}

static double
staff_block (Pen        *pen,
             const char *title,
             GPtrArray  *staff,
             const char *extra,
             double      y)
{
  const double column = WIDTH / 2;
  double top = y;
  guint n = (staff != NULL ? staff->len : 0) + (extra != NULL ? 1 : 0);

  wg_dossier_set_grey (pen, 0.05);
  y += wg_dossier_pen_text (pen, title, FONT_BODY_BOLD, LEFT, y, WIDTH, 1, PANGO_ALIGN_LEFT) + 3;
  if (n == 0)
    {
      wg_dossier_set_grey (pen, 0.4);
      return y - top + wg_dossier_pen_text (pen, "未分配", FONT_BODY, LEFT, y, WIDTH, 1, PANGO_ALIGN_LEFT);
    }
  for (guint i = 0; i < n; i += 2)
    {
      double height = 0;

      for (guint j = i; j < MIN (n, i + 2); j++)
        {
          const char *text = staff != NULL && j < staff->len ? g_ptr_array_index (staff, j) : extra;

          height = MAX (height, wg_dossier_pen_text (pen, text, FONT_BODY, LEFT + (j - i) * column, y,
                                          column - 8, 1, PANGO_ALIGN_LEFT));
        }
      y += height + 3;
    }
  return y - top;
}

static void
draw_badge (cairo_t     *cr,
            PangoLayout *layout,
            int          colour,
            double       x,
            double       y)
{
  const double w = 46, h = 20;

  switch (colour)
    {
    case WG_HEALTH_CODE_RED:
      cairo_set_source_rgb (cr, 0.82, 0.13, 0.13);
      break;
    case WG_HEALTH_CODE_YELLOW:
      cairo_set_source_rgb (cr, 0.93, 0.69, 0.0);
      break;
    default:
      cairo_set_source_rgb (cr, 0.13, 0.6, 0.3);
      break;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - h / 2, y + h / 2, h / 2, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + h / 2, y + h / 2, h / 2, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  wg_draw_text (cr, layout, wg_dossier_colour_word (colour), FONT ("Bold 10"), x, y + 3.5, w, 1,
                PANGO_ALIGN_CENTER);
}

static void
draw_qr_with_code (cairo_t         *cr,
                   PangoLayout     *layout,
                   const Household *household,
                   double           y)
{
  double x = LEFT + WIDTH - QR_SIZE;

  wg_draw_qr (cr, household->payload, QR_ECLEVEL_M, x, y, QR_SIZE);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  wg_draw_text (cr, layout, household->code, FONT_SMALL, x - 10, y + QR_SIZE, QR_SIZE + 20, 1,
                PANGO_ALIGN_CENTER);
}

double
wg_dossier_person_cover (WgDossier    *self,
                         Pen          *pen,
                         const Person *person,
                         double        y)
{
  const WgPersonInfo *info = person->info;
  const Household *household = person->household < self->households->len
                                 ? wg_dossier_household_at (self, person->household) : NULL;
  const double text_width = WIDTH - QR_SIZE - 16;
  const double half = text_width / 2;
  g_autofree char *age = g_strdup_printf ("%d 岁", person->age);
  double top = y;
  double height;

  wg_dossier_set_grey (pen, 0.4);
  y += wg_dossier_pen_text (pen, "个人档案", FONT_SMALL, LEFT, y, text_width, 1, PANGO_ALIGN_LEFT) + 2;
  wg_dossier_set_grey (pen, 0.0);
  height = wg_dossier_pen_text (pen, info->name, FONT_NAME, LEFT, y, text_width - 60, 1, PANGO_ALIGN_LEFT);
  if (pen->draw && person->colour != 0)
    draw_badge (pen->cr, pen->layout, person->colour,
                LEFT + MIN (wg_measure_width (pen->layout, info->name, FONT_NAME), text_width - 60) + 12,
                y + (height - 20) / 2);
  y += height + 8;

  height = field (pen, "性别", info->sex == 1 ? "男" : "女", LEFT, y, half);
  y += MAX (height, field (pen, "年龄", age, LEFT + half, y, half));
  height = field (pen, "身份证号", info->id_number, LEFT, y, half);
  y += MAX (height, field (pen, "联系电话", info->phone, LEFT + half, y, half));
  height = field (pen, "与户主关系", info->relation, LEFT, y, half);
  y += MAX (height, field (pen, "现状", person->status, LEFT + half, y, half));
  if (info->residency == WG_RESIDENCY_RETURNEE && info->returned_on != NULL)
    y += field (pen, "返乡日期", info->returned_on, LEFT, y, text_width);
  else if (info->residency == WG_RESIDENCY_AWAY)
    y += field (pen, "外出地", info->away_place, LEFT, y, text_width);
  y += field (pen, "住址", info->address, LEFT, y, text_width);
  y += field (pen, "所属网格", household != NULL ? household->grid_path : NULL, LEFT, y, text_width);
  y += field (pen, "户编号", info->household_code, LEFT, y, text_width);
  if (person->quarantine != NULL)
    y += field (pen, "隔离", person->quarantine, LEFT, y, WIDTH);

  if (pen->draw && household != NULL && household->payload != NULL)
    draw_qr_with_code (pen->cr, pen->layout, household, top);
  y = MAX (y, top + QR_SIZE + 14) + 4;

  /* The five-to-one team when it is on record; else who answers for the home. */
  if (person->team != NULL && person->team->len > 0)
    y += staff_block (pen, "五包一责任人", person->team, NULL, y);
  else
    y += staff_block (pen, "责任人", household != NULL ? household->staff : NULL, person->quarantine_staff, y);
  if (pen->draw)
    {
      cairo_set_source_rgb (pen->cr, 0.55, 0.55, 0.6);
      cairo_set_line_width (pen->cr, 1);
      cairo_move_to (pen->cr, LEFT, y + 4);
      cairo_line_to (pen->cr, LEFT + WIDTH, y + 4);
      cairo_stroke (pen->cr);
    }
  return y + 4 - top;
}

double
wg_dossier_household_cover (WgDossier       *self,
                            Pen             *pen,
                            const Household *household,
                            double           y)
{
  const double text_width = WIDTH - QR_SIZE - 16;
  g_autofree char *members = g_strdup_printf ("共 %u 人，本册收录 %u 人", household->n_members,
                                              household->n_persons);
  double top = y;

  wg_dossier_set_grey (pen, 0.4);
  y += wg_dossier_pen_text (pen, "户档案", FONT_SMALL, LEFT, y, text_width, 1, PANGO_ALIGN_LEFT) + 2;
  wg_dossier_set_grey (pen, 0.0);
  y += wg_dossier_pen_text (pen, household->address, FONT ("Bold 18"), LEFT, y, text_width, 2,
                 PANGO_ALIGN_LEFT) + 8;
  y += field (pen, "户编号", household->code, LEFT, y, text_width);
  y += field (pen, "所属网格", household->grid_path, LEFT, y, text_width);
  y += field (pen, "户主", household->head, LEFT, y, text_width);
  y += field (pen, "人数", members, LEFT, y, text_width);
  if (pen->draw)
    draw_qr_with_code (pen->cr, pen->layout, household, top);
  y = MAX (y, top + QR_SIZE + 14) + 4;
  y += staff_block (pen, "责任人", household->staff, NULL, y) + GAP;

  wg_dossier_set_grey (pen, 0.0);
  y += wg_dossier_pen_text (pen, household->members.title, FONT_SECTION, LEFT, y, WIDTH, 1,
                 PANGO_ALIGN_LEFT) + 6;
  if (pen->draw && household->members.rows->len > 0)
    wg_dossier_draw_table (pen->cr, pen->layout, &household->members, 0, household->members.rows->len, y);
  return y - top;
}

void
wg_dossier_draw_grid_cover (WgDossier   *self,
                            cairo_t     *cr,
                            PangoLayout *layout)
{
  const WgLevelCounts *c = &self->counts;
  const struct { const char *label; guint value; } counts[] = {
    { "户数", c->households },
    { "人数", c->persons },
    { "外出", c->away },
    { "返乡", c->returnees },
    { "居家隔离", c->home_quarantine },
    { "集中隔离", c->central_quarantine },
    { "健康监测", c->monitoring },
    { "今日发热", c->fever_today },
    { "超48小时未检", c->nat_overdue },
  };
  g_autofree char *included = NULL;
  double y = TOP + 60;
  double box = WIDTH / 3;
  guint n_persons = self->persons->len;

  cairo_set_source_rgb (cr, 0.4, 0.4, 0.45);
  y += wg_draw_text (cr, layout, self->grid_path, FONT_BODY, LEFT, y, WIDTH, 2, PANGO_ALIGN_CENTER) + 10;
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += wg_draw_text (cr, layout, self->grid_name, FONT_TITLE, LEFT, y, WIDTH, 2, PANGO_ALIGN_CENTER) + 6;
  y += wg_draw_text (cr, layout,
                     self->flags & WG_DOSSIER_FLAGS_ONLY_WATCHED ? "隔离及健康监测人员档案" : "一人一档 档案汇编",
                     FONT ("Bold 16"), LEFT, y, WIDTH, 1, PANGO_ALIGN_CENTER) + 6;
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  y += wg_draw_text (cr, layout, self->grid_code, FONT_BODY, LEFT, y, WIDTH, 1, PANGO_ALIGN_CENTER) + 40;

  cairo_set_source_rgb (cr, 0, 0, 0);
  {
    g_autofree char *heading = g_strdup_printf ("网格概况（截至 %s）", self->today);
    y += wg_draw_text (cr, layout, heading, FONT_SECTION, LEFT, y, WIDTH, 1, PANGO_ALIGN_LEFT) + 8;
  }
  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      double x = LEFT + (i % 3) * box;
      double by = y + (i / 3) * 56;
      g_autofree char *value = g_strdup_printf ("%u", counts[i].value);

      cairo_set_source_rgb (cr, 0.75, 0.76, 0.8);
      cairo_rectangle (cr, x + 3, by, box - 6, 50);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.45);
      wg_draw_text (cr, layout, counts[i].label, FONT_KEY, x + 10, by + 6, box - 20, 1, PANGO_ALIGN_LEFT);
      cairo_set_source_rgb (cr, 0, 0, 0);
      wg_draw_text (cr, layout, value, FONT ("Bold 16"), x + 10, by + 22, box - 20, 1, PANGO_ALIGN_LEFT);
    }
  y += 3 * 56 + 24;

  included = g_strdup_printf ("本册收录 %u 户 %u 人，共 %u 页。", self->households->len, n_persons,
                              self->pages->len);
  wg_draw_text (cr, layout, included, FONT_BODY, LEFT, y, WIDTH, 0, PANGO_ALIGN_LEFT);

  cairo_set_source_rgb (cr, 0.7, 0, 0);
  wg_draw_text (cr, layout, "含个人信息 注意保密\n仅限疫情防控工作使用，不得外传", FONT ("Bold 13"), LEFT,
                BOTTOM - 60, WIDTH, 0, PANGO_ALIGN_CENTER);
}

void
wg_dossier_draw_toc (WgDossier   *self,
                     cairo_t     *cr,
                     PangoLayout *layout,
                     const Block *block)
{
  double y = block->y;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += wg_draw_text (cr, layout, block->index == 0 ? "目录" : "目录（续）", FONT ("Bold 14"), LEFT, y,
                     WIDTH, 1, PANGO_ALIGN_LEFT) + 16;

  for (guint i = block->index; i < block->index + block->n_rows; i++)
    {
      const Household *household = wg_dossier_household_at (self, i);
      g_autoptr(GString) names = g_string_new (household->address);
      /* cairo 1.16 drops links to pages it has not written yet: a named
       * destination on the household's cover instead. */
      g_autofree char *link = g_strdup_printf ("dest='household-%u'", i);
      g_autofree char *page = g_strdup_printf ("%u", household->first_page + 1);

      g_string_append (names, "  ");
      for (guint p = 0; p < household->n_persons; p++)
        g_string_append_printf (names, "%s%s", p > 0 ? "、" : "",
                                wg_dossier_person_at (self, household->first_person + p)->info->name);

      /* A link in the PDF; ignored when printing or previewing. */
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      wg_draw_text (cr, layout, household->code, FONT ("Bold 8.5"), LEFT, y, 90, 1, PANGO_ALIGN_LEFT);
      wg_draw_text (cr, layout, names->str, FONT_TABLE, LEFT + 92, y + 0.5, WIDTH - 92 - 44, 1,
                    PANGO_ALIGN_LEFT);
      wg_draw_text (cr, layout, page, FONT ("Bold 8.5"), LEFT + WIDTH - 40, y, 40, 1, PANGO_ALIGN_RIGHT);
      cairo_tag_end (cr, CAIRO_TAG_LINK);

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.88);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, LEFT, y + TOC_LINE - 3);
      cairo_line_to (cr, LEFT + WIDTH, y + TOC_LINE - 3);
      cairo_stroke (cr);
      y += TOC_LINE;
    }
}

void
wg_dossier_draw_section_title (cairo_t     *cr,
                               PangoLayout *layout,
                               const Table *table,
                               gboolean     continued,
                               double       y)
{
  g_autofree char *title = continued ? g_strdup_printf ("%s（续）", table->title)
                                     : g_strdup (table->title);

  cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
  cairo_rectangle (cr, LEFT, y + 2, 3, wg_dossier_section_title_height - 9);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  wg_draw_text (cr, layout, title, FONT_SECTION, LEFT + 8, y, WIDTH - 8, 1, PANGO_ALIGN_LEFT);
}

void
wg_dossier_draw_chart (cairo_t      *cr,
                       PangoLayout  *layout,
                       const Person *person,
                       double        y)
{
  const double plot_x = LEFT + 36, plot_w = WIDTH - 44;
  const double plot_y = y + 8, plot_h = CHART_H - 34;
  GArray *readings = person->readings;
  double first = floor (g_array_index (readings, Reading, 0).day - 0.5) + 0.5;
  double last = g_array_index (readings, Reading, readings->len - 1).day;
  double span = MAX (1.0, ceil (last - first));
  int low = 355, high = 385;
  guint n_days = (guint) span;
  guint step = MAX (1u, (n_days + 7) / 8);

  for (guint i = 0; i < readings->len; i++)
    {
      int t = g_array_index (readings, Reading, i).tenths;

      low = MIN (low, (t / 5) * 5 - 5);
      high = MAX (high, (t / 5) * 5 + 5);
    }

#define X(day) (plot_x + ((day) - first) / span * plot_w)
#define Y(tenths) (plot_y + plot_h - ((tenths) - low) / (double) (high - low) * plot_h)

  cairo_set_line_width (cr, 0.4);
  for (int t = low; t <= high; t += 5)
    {
      g_autofree char *label = g_strdup_printf ("%d.%d", t / 10, t % 10);

      cairo_set_source_rgb (cr, 0.88, 0.88, 0.9);
      cairo_move_to (cr, plot_x, Y (t));
      cairo_line_to (cr, plot_x + plot_w, Y (t));
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      wg_draw_text (cr, layout, label, FONT_SMALL, LEFT, Y (t) - 5, 30, 1, PANGO_ALIGN_RIGHT);
    }
  for (guint d = 0; d <= n_days; d += step)
    {
      GDate date;
      g_autofree char *label = NULL;

      /* Julian days at midnight end in .5; GDate counts from 0001-01-01 as 1. */
      g_date_clear (&date, 1);
      g_date_set_julian (&date, (guint32) (first + d + 0.5) - 1721425);
      label = g_strdup_printf ("%02d-%02d", g_date_get_month (&date), g_date_get_day (&date));
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      wg_draw_text (cr, layout, label, FONT_SMALL, X (first + d) - 20, plot_y + plot_h + 4, 40, 1,
                    PANGO_ALIGN_CENTER);
    }
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.55);
  cairo_rectangle (cr, plot_x, plot_y, plot_w, plot_h);
  cairo_stroke (cr);

  /* The fever line. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_set_line_width (cr, 0.8);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, plot_x, Y (WG_FEVER_TENTHS));
  cairo_line_to (cr, plot_x + plot_w, Y (WG_FEVER_TENTHS));
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  wg_draw_text (cr, layout, "37.3 °C", FONT ("Bold 7"), plot_x + plot_w - 42, Y (WG_FEVER_TENTHS) - 12,
                38, 1, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (cr, 0.1, 0.35, 0.7);
  cairo_set_line_width (cr, 1.2);
  for (guint i = 0; i < readings->len; i++)
    {
      const Reading *r = &g_array_index (readings, Reading, i);

      if (i == 0)
        cairo_move_to (cr, X (r->day), Y (r->tenths));
      else
        cairo_line_to (cr, X (r->day), Y (r->tenths));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < readings->len; i++)
    {
      const Reading *r = &g_array_index (readings, Reading, i);

      if (r->tenths >= WG_FEVER_TENTHS)
        cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
      else
        cairo_set_source_rgb (cr, 0.1, 0.35, 0.7);
      cairo_arc (cr, X (r->day), Y (r->tenths), r->tenths >= WG_FEVER_TENTHS ? 2.6 : 1.8, 0, 2 * G_PI);
      cairo_fill (cr);
    }
#undef X
#undef Y
}

/* Reads the attachment back (once per attachment, under the lock). */
static gboolean
load_cached_attachment (WgDossier         *self,
                        const Attachment  *attachment,
                        GError           **error)
{
  g_autoptr(GBytes) data = NULL;

  if (self->cached_id == attachment->id)
    return TRUE;

  g_clear_object (&self->cached_pdf);
  g_clear_pointer (&self->cached_image, cairo_surface_destroy);
  self->cached_id = 0;

  if (attachment->mime_type == NULL)
    {
      g_set_error_literal (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_DAMAGED,
                           "附件已损坏，无法打印。");
      return FALSE;
    }
  if (self->attachment_store == NULL &&
      !(self->attachment_store = wg_store_open (self->db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, error)))
    return FALSE;
  if (!(data = wg_store_dup_attachment (self->attachment_store, attachment->id, error)))
    return FALSE;

  if (g_str_equal (attachment->mime_type, "application/pdf"))
    self->cached_pdf = poppler_document_new_from_bytes (data, NULL, error);
  else
    self->cached_image = wg_attachment_load_image (data, error);
  if (self->cached_pdf == NULL && self->cached_image == NULL)
    return FALSE;
  self->cached_id = attachment->id;
  return TRUE;
}

void
wg_dossier_draw_attachment (WgDossier    *self,
                            cairo_t      *cr,
                            PangoLayout  *layout,
                            const Person *person,
                            const Block  *block)
{
  const Attachment *attachment = &g_array_index (person->attachments, Attachment, block->n_rows);
  g_autofree char *title = g_strdup_printf ("附件 %u：%s（第 %u 页 / 共 %u 页）", block->n_rows + 1,
                                            attachment->title, block->first_row + 1,
                                            attachment->n_pages);
  g_autoptr(GError) error = NULL;
  double y = block->y;
  double area_y, area_h, w, h, scale;

  cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  y += wg_draw_text (cr, layout, title, FONT_BODY_BOLD, LEFT, y, WIDTH, 2, PANGO_ALIGN_LEFT) + 6;
  area_y = y;
  area_h = BOTTOM - y;

  g_mutex_lock (&self->lock);
  if (!load_cached_attachment (self, attachment, &error))
    {
      g_mutex_unlock (&self->lock);
      cairo_set_source_rgb (cr, 0.7, 0, 0);
      wg_draw_text (cr, layout, error->message, FONT_BODY, LEFT, area_y, WIDTH, 0, PANGO_ALIGN_LEFT);
      return;
    }

  cairo_save (cr);
  if (self->cached_pdf != NULL)
    {
      PopplerPage *page = poppler_document_get_page (self->cached_pdf, block->first_row);

      poppler_page_get_size (page, &w, &h);
      scale = MIN (WIDTH / w, area_h / h);
      cairo_translate (cr, LEFT + (WIDTH - w * scale) / 2, area_y);
      cairo_scale (cr, scale, scale);
      cairo_rectangle (cr, 0, 0, w, h);
      cairo_clip (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      poppler_page_render_for_printing (page, cr);
      g_object_unref (page);
    }
  else
    {
      w = cairo_image_surface_get_width (self->cached_image);
      h = cairo_image_surface_get_height (self->cached_image);
      scale = MIN (WIDTH / w, area_h / h);
      cairo_translate (cr, LEFT + (WIDTH - w * scale) / 2, area_y);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->cached_image, 0, 0);
      cairo_rectangle (cr, 0, 0, w, h);
      cairo_fill (cr);
    }
  cairo_restore (cr);
  g_mutex_unlock (&self->lock);

  cairo_set_source_rgb (cr, 0.6, 0.6, 0.65);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, LEFT + (WIDTH - w * scale) / 2, area_y, w * scale, h * scale);
  cairo_stroke (cr);
}

void
wg_dossier_draw_empty (cairo_t     *cr,
                       PangoLayout *layout,
                       double       y)
{
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  wg_draw_text (cr, layout, "无记录", FONT_BODY, LEFT + 8, y, WIDTH - 8, 1, PANGO_ALIGN_LEFT);
}

double
wg_dossier_pen_text (Pen            *pen,
                     const char     *text,
                     const char     *font,
                     double          x,
                     double          y,
                     double          width,
                     int             max_lines,
                     PangoAlignment  alignment)
{
  if (!pen->draw)
    return wg_measure_text (pen->layout, text, font, width, max_lines);
  return wg_draw_text (pen->cr, pen->layout, text, font, x, y, width, max_lines, alignment);
}

void
wg_dossier_set_grey (Pen    *pen,
                     double  level)
{
  if (pen->draw)
    cairo_set_source_rgb (pen->cr, level, level, level);
}
