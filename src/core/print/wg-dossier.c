/* wg-dossier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One person, one file (一人一档) on paper: a person's dossier, a household's
 * packet (a cover listing the members, then each member's dossier) and a
 * grid's packet (a cover with the grid's counts, a table of contents, then
 * every household's packet), on A4.
 *
 * Everything is read from the store and laid out when the dossier is made:
 * tables are measured with Pango (unhinted, so the PDF, the print job and
 * the preview break pages alike), long tables break across pages with their
 * header repeated, and each page becomes a list of blocks with their places.
 * Drawing a page then only draws its blocks, from any thread; attached PDF
 * reports are read back from the database when their pages are drawn and
 * rendered by poppler as vectors, so their text stays text.
 *
 * Printed documents are in Chinese whatever the interface's language: their
 * words are written here and not translated.
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

/* Page geometry, in points: a wider left margin for binding. */
#define PAGE_W WG_A4_WIDTH
#define PAGE_H WG_A4_HEIGHT
#define LEFT WG_MM (22)
#define RIGHT WG_MM (15)
#define WIDTH (PAGE_W - LEFT - RIGHT)
#define HEADER_Y WG_MM (9)
#define HEADER_RULE WG_MM (14.5)
#define TOP WG_MM (19)
#define BOTTOM (PAGE_H - WG_MM (18))
#define FOOTER_Y (PAGE_H - WG_MM (14))
#define PAD 3.0
#define GAP 12.0
#define QR_SIZE 80.0
#define CHART_H 150.0
#define TOC_LINE 17.0

#define FONT(style) WG_DOCUMENT_FONT " " style
#define FONT_SMALL FONT ("7")
#define FONT_TABLE FONT ("8")
#define FONT_TABLE_BOLD FONT ("Bold 8")
#define FONT_KEY FONT ("8.5")
#define FONT_BODY FONT ("9")
#define FONT_BODY_BOLD FONT ("Bold 9")
#define FONT_SECTION FONT ("Bold 11")
#define FONT_NAME FONT ("Bold 20")
#define FONT_TITLE FONT ("Bold 24")

#define MAX_COLUMNS 8

typedef enum
{
  SECTION_HEALTH_CODE,
  SECTION_ITINERARY,
  SECTION_VACCINATION,
  SECTION_NAT_TEST,
  SECTION_TEMPERATURE,
  SECTION_QUARANTINE,
  SECTION_ATTACHMENT,
  N_SECTIONS,
} Section;

static const WgRecordKind section_kinds[N_SECTIONS] = {
  [SECTION_HEALTH_CODE] = WG_RECORD_KIND_HEALTH_CODE,
  [SECTION_ITINERARY] = WG_RECORD_KIND_ITINERARY,
  [SECTION_VACCINATION] = WG_RECORD_KIND_VACCINATION,
  [SECTION_NAT_TEST] = WG_RECORD_KIND_NAT_TEST,
  [SECTION_TEMPERATURE] = WG_RECORD_KIND_TEMPERATURE,
  [SECTION_QUARANTINE] = WG_RECORD_KIND_QUARANTINE,
  [SECTION_ATTACHMENT] = WG_RECORD_KIND_ATTACHMENT,
};

/* A table laid out for the page: column widths and row heights measured. */
typedef struct
{
  const char *title;
  GStrv columns;
  guint n_columns;
  GPtrArray *rows;   /* of GStrv */
  GArray *alerts;    /* of guint32, a bit per cell that must stand out */
  double widths[MAX_COLUMNS];
  double header_height;
  GArray *heights;   /* of double */
} Table;

typedef struct
{
  double day;  /* julian day, with the time as a fraction */
  int tenths;
} Reading;

typedef struct
{
  gint64 id;
  char *title;
  const char *mime_type;
  guint n_pages;
} Attachment;

typedef struct
{
  WgPersonInfo *info;
  guint household;
  int age;
  int colour;              /* WgHealthCode, 0 when none is known */
  gboolean in_quarantine;
  char *status;
  char *quarantine;        /* the current period, in words, or NULL */
  char *quarantine_staff;  /* its responsible staff member, or NULL */
  Table tables[N_SECTIONS];
  GArray *readings;        /* of Reading, oldest first */
  GArray *attachments;     /* of Attachment */
  double cover_height;
} Person;

typedef struct
{
  gint64 id;
  char *code;
  char *address;
  char *grid_path;
  char *payload;
  char *head;
  GPtrArray *staff;        /* of char *: role, name, phone */
  guint n_members;         /* in the household, whether in the packet or not */
  guint first_person;
  guint n_persons;
  guint first_page;
  Table members;
} Household;

typedef enum
{
  BLOCK_GRID_COVER,
  BLOCK_TOC,
  BLOCK_HOUSEHOLD_COVER,
  BLOCK_PERSON_COVER,
  BLOCK_SECTION_TITLE,
  BLOCK_TABLE,
  BLOCK_EMPTY,
  BLOCK_CHART,
  BLOCK_ATTACHMENT,
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint8 section;
  guint8 continued;
  guint index;      /* the person, household or first entry of the contents */
  guint first_row;  /* of a table; the page of an attachment */
  guint n_rows;     /* of a table or the contents; the attachment */
  double y;
} Block;

typedef struct
{
  guint first_block;
  guint n_blocks;
  int household;    /* whose page, or -1 */
  int person;
} Page;

struct _WgDossier
{
  GObject parent_instance;

  /* owned, read-only once made */
  GArray *households;   /* of Household */
  GArray *persons;      /* of Person */
  GArray *blocks;       /* of Block */
  GArray *pages;        /* of Page */
  char *title;
  char *grid_name;
  char *grid_code;
  char *grid_path;
  char *generated;
  char *operator_name;
  char *today;
  char *db_path;
  gboolean demo;        /* made-up people: said on every page */
  WgLevelCounts counts;
  WgDossierFlags flags;
  guint is_grid : 1;
  guint is_household : 1;

  /* attachments, read back when drawn, under the lock */
  GMutex lock;
  WgStore *attachment_store;
  gint64 cached_id;
  PopplerDocument *cached_pdf;
  cairo_surface_t *cached_image;
};

static void wg_dossier_document_init (WgDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WgDossier, wg_dossier, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WG_TYPE_DOCUMENT, wg_dossier_document_init))

/* Draws, or only measures, with the same code. */
typedef struct
{
  cairo_t *cr;
  PangoLayout *layout;
  gboolean draw;
} Pen;

static double
pen_text (Pen            *pen,
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

static void
set_grey (Pen    *pen,
          double  level)
{
  if (pen->draw)
    cairo_set_source_rgb (pen->cr, level, level, level);
}

/* Tables */

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->columns, g_strfreev);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->alerts, g_array_unref);
  g_clear_pointer (&table->heights, g_array_unref);
}

static void
table_init (Table       *table,
            const char  *title,
            const char  *const *columns)
{
  table->title = title;
  table->columns = g_strdupv ((char **) columns);
  table->n_columns = g_strv_length (table->columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->alerts = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
table_take_records (Table         *table,
                    WgRecordTable *records)
{
  table->title = wg_record_kind_print_title (records->kind);
  table->columns = g_steal_pointer (&records->columns);
  table->n_columns = g_strv_length (table->columns);
  table->rows = g_steal_pointer (&records->rows);
  table->alerts = g_steal_pointer (&records->alerts);
}

static void
table_add_row (Table   *table,
               char   **cells,
               guint32  alerts)
{
  g_ptr_array_add (table->rows, cells);
  g_array_append_val (table->alerts, alerts);
}

/* Shares the width among the columns: each gets what its widest cell needs
 * when they all fit, and some air; otherwise the narrow
 * columns keep their width and the wide ones share what is left and wrap. */
static void
table_measure (Table       *table,
               PangoLayout *layout)
{
  double natural[MAX_COLUMNS] = { 0 };
  g_autofree double *cell_width = g_new0 (double, MAX (1, table->rows->len * table->n_columns));
  double line_height = wg_measure_text (layout, "国", FONT_TABLE, 1000, 0);
  double total = 0;
  guint n = table->n_columns;

  g_assert (n <= MAX_COLUMNS);

  for (guint c = 0; c < n; c++)
    natural[c] = wg_measure_width (layout, table->columns[c], FONT_TABLE_BOLD);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n; c++)
        {
          cell_width[r * n + c] = wg_measure_width (layout, cells[c], FONT_TABLE);
          natural[c] = MAX (natural[c], cell_width[r * n + c]);
        }
    }
  for (guint c = 0; c < n; c++)
    {
      natural[c] += 2 * PAD;
      total += natural[c];
    }

  if (total <= WIDTH)
    {
      /* Some air between the columns, the rest to the last one. */
      double air = MIN (24.0, (WIDTH - total) / n);

      for (guint c = 0; c < n; c++)
        table->widths[c] = natural[c] + air;
      table->widths[n - 1] += WIDTH - total - air * n;
    }
  else
    {
      gboolean fixed[MAX_COLUMNS] = { FALSE };
      double left = WIDTH;
      guint n_free = n;
      gboolean changed = TRUE;

      while (changed && n_free > 0)
        {
          double share = left / n_free;

          changed = FALSE;
          for (guint c = 0; c < n; c++)
            if (!fixed[c] && natural[c] <= share)
              {
                fixed[c] = TRUE;
                table->widths[c] = natural[c];
                left -= natural[c];
                n_free--;
                changed = TRUE;
              }
        }
      for (guint c = 0; c < n; c++)
        if (!fixed[c])
          table->widths[c] = left / n_free;
    }

  table->header_height = 0;
  for (guint c = 0; c < n; c++)
    table->header_height = MAX (table->header_height,
                                wg_measure_text (layout, table->columns[c], FONT_TABLE_BOLD,
                                                 table->widths[c] - 2 * PAD, 0));
  table->header_height += 2 * PAD;

  table->heights = g_array_sized_new (FALSE, FALSE, sizeof (double), table->rows->len);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);
      double height = line_height;

      for (guint c = 0; c < n; c++)
        if (cell_width[r * n + c] > table->widths[c] - 2 * PAD)
          height = MAX (height, wg_measure_text (layout, cells[c], FONT_TABLE,
                                                 table->widths[c] - 2 * PAD, 0));
      height += 2 * PAD;
      g_array_append_val (table->heights, height);
    }
}

static double
table_row_height (const Table *table,
                  guint        row)
{
  return g_array_index (table->heights, double, row);
}

static void
draw_table (cairo_t     *cr,
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
      double height = table_row_height (table, r);

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

/* Data */

static void
clear_person (gpointer data)
{
  Person *person = data;

  g_clear_pointer (&person->info, wg_person_info_free);
  g_free (person->status);
  g_free (person->quarantine);
  g_free (person->quarantine_staff);
  for (guint s = 0; s < N_SECTIONS; s++)
    table_clear (&person->tables[s]);
  g_clear_pointer (&person->readings, g_array_unref);
  g_clear_pointer (&person->attachments, g_array_unref);
}

static void
clear_attachment (gpointer data)
{
  Attachment *attachment = data;

  g_free (attachment->title);
}

static void
clear_household (gpointer data)
{
  Household *household = data;

  g_free (household->code);
  g_free (household->address);
  g_free (household->grid_path);
  g_free (household->payload);
  g_free (household->head);
  g_clear_pointer (&household->staff, g_ptr_array_unref);
  table_clear (&household->members);
}

static Person *
person_at (WgDossier *self,
           guint      index)
{
  return &g_array_index (self->persons, Person, index);
}

static Household *
household_at (WgDossier *self,
              guint      index)
{
  return &g_array_index (self->households, Household, index);
}

static const char *
role_word (int role)
{
  switch (role)
    {
    case WG_STAFF_ROLE_GRID_LEADER:
      return "网格长";
    case WG_STAFF_ROLE_GRID_WORKER:
      return "网格员";
    case WG_STAFF_ROLE_EPIDEMIC_COMMISSIONER:
      return "防疫专员";
    case WG_STAFF_ROLE_CENTRAL_HOUSEHOLD:
      return "党员中心户";
    case WG_STAFF_ROLE_ASSIGNED_CADRE:
      return "包联干部";
    default:
      return "";
    }
}

static const char *
colour_word (int colour)
{
  switch (colour)
    {
    case WG_HEALTH_CODE_RED:
      return "红码";
    case WG_HEALTH_CODE_YELLOW:
      return "黄码";
    case WG_HEALTH_CODE_GREEN:
      return "绿码";
    default:
      return NULL;
    }
}

static int
age_on (const char *birth_date,
        const char *today)
{
  int by, bm, bd, ty, tm, td;

  if (sscanf (birth_date, "%d-%d-%d", &by, &bm, &bd) != 3 ||
      sscanf (today, "%d-%d-%d", &ty, &tm, &td) != 3)
    return 0;
  return ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
}

typedef struct
{
  WgDossier *self;
  WgStore *store;
  GBytes *key;
  GHashTable *paths;   /* grid id → its path */
  cairo_surface_t *scratch;
  Pen pen;             /* measures only */
} Loader;

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->key, g_bytes_unref);
  g_clear_pointer (&loader->paths, g_hash_table_unref);
  g_clear_object (&loader->pen.layout);
  g_clear_pointer (&loader->pen.cr, cairo_destroy);
  g_clear_pointer (&loader->scratch, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

static gboolean
loader_init (Loader     *loader,
             WgDossier  *self,
             WgStore    *store,
             GError    **error)
{
  wg_document_init_fonts ();

  loader->self = self;
  loader->store = store;
  loader->paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  loader->scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  loader->pen.cr = cairo_create (loader->scratch);
  loader->pen.layout = wg_draw_layout_new (loader->pen.cr);
  loader->pen.draw = FALSE;

  self->db_path = g_strdup (wg_store_get_path (store));
  self->operator_name = g_strdup (wg_store_get_operator (store));
  self->demo = wg_store_is_demo (store);
  return (loader->key = wg_store_dup_signing_key (store, error)) != NULL;
}

/* County › township › village › group › micro-grid. */
static const char *
loader_grid_path (Loader  *loader,
                  gint64   grid_id,
                  GError **error)
{
  static const char sql[] =
    "WITH RECURSIVE up (id, parent_id, name, level) AS ("
    "  SELECT id, parent_id, name, level FROM grid WHERE id = ?"
    "  UNION ALL SELECT g.id, g.parent_id, g.name, g.level FROM grid g JOIN up ON g.id = up.parent_id)"
    " SELECT name FROM up ORDER BY level";
  g_autoptr(GString) path = NULL;
  const char *cached = g_hash_table_lookup (loader->paths, &grid_id);
  sqlite3_stmt *stmt;
  int rc;

  if (cached != NULL)
    return cached;

  if (!(stmt = wg_store_prepare (loader->store, sql, error)))
    return NULL;
  path = g_string_new (NULL);
  sqlite3_bind_int64 (stmt, 1, grid_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (path->len > 0)
        g_string_append (path, " › ");
      g_string_append (path, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return NULL;
    }
  cached = g_string_free (g_steal_pointer (&path), FALSE);
  g_hash_table_insert (loader->paths, g_memdup2 (&grid_id, sizeof grid_id), (char *) cached);
  return cached;
}

static gboolean
load_current_state (Loader  *loader,
                    Person  *person,
                    GError **error)
{
  static const char quarantine_sql[] =
    "SELECT q.kind, q.start_day, q.end_day,"
    "  CAST (julianday (?2) - julianday (q.start_day) AS INTEGER) + 1,"
    "  CAST (julianday (q.end_day) - julianday (q.start_day) AS INTEGER) + 1,"
    "  coalesce (qs.name, ''), coalesce (q.room, ''), s.name, coalesce (s.phone, '')"
    " FROM quarantine q LEFT JOIN quarantine_site qs ON qs.id = q.site_id"
    " LEFT JOIN staff s ON s.id = q.staff_id"
    " WHERE q.person_id = ?1 AND q.start_day <= ?2 AND q.end_day >= ?2"
    " ORDER BY q.start_day DESC LIMIT 1";
  static const char colour_sql[] =
    "SELECT colour FROM health_code WHERE person_id = ?1 AND day <= ?2 ORDER BY day DESC LIMIT 1";
  const char *today = loader->self->today;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (loader->store, quarantine_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->info->id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean central = sqlite3_column_int (stmt, 0) == WG_QUARANTINE_KIND_CENTRAL;
      const char *site = (const char *) sqlite3_column_text (stmt, 5);
      const char *room = (const char *) sqlite3_column_text (stmt, 6);
      g_autofree char *where = central ? g_strdup_printf ("集中隔离（%s%s%s）", site,
                                                          *room != '\0' ? " " : "", room)
                                       : g_strdup ("居家隔离");

      person->in_quarantine = TRUE;
      person->quarantine = g_strdup_printf ("%s %s 至 %s，第 %d 天 / 共 %d 天", where,
                                            sqlite3_column_text (stmt, 1),
                                            sqlite3_column_text (stmt, 2),
                                            sqlite3_column_int (stmt, 3),
                                            sqlite3_column_int (stmt, 4));
      person->status = g_strdup (central ? "集中隔离中" : "居家隔离中");
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        person->quarantine_staff = g_strdup_printf ("隔离责任人  %s  %s",
                                                    sqlite3_column_text (stmt, 7),
                                                    sqlite3_column_text (stmt, 8));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }

  if (person->status == NULL)
    {
      const WgPersonInfo *info = person->info;

      if (info->monitoring)
        person->status = g_strdup ("健康监测");
      else
        person->status = g_strdup (info->residency == WG_RESIDENCY_AWAY ? "外出"
                                   : info->residency == WG_RESIDENCY_RETURNEE ? "返乡" : "在家");
    }

  if (!(stmt = wg_store_prepare (loader->store, colour_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->info->id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    person->colour = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The temperature log as a day × morning/afternoon table, and the readings
 * for the chart. */
static gboolean
load_temperatures (Loader  *loader,
                   Person  *person,
                   GError **error)
{
  static const char sql[] =
    "SELECT substr (t.measured_at, 1, 10), substr (t.measured_at, 12, 2) < '12', t.tenths,"
    "  coalesce (s.name, ''), julianday (t.measured_at)"
    " FROM temperature t LEFT JOIN staff s ON s.id = t.staff_id"
    " WHERE t.person_id = ? ORDER BY t.measured_at";
  static const char *const columns[] = { "日期", "上午 °C", "下午 °C", "测量人", NULL };
  Table *table = &person->tables[SECTION_TEMPERATURE];
  g_autoptr(GString) morning = g_string_new (NULL);
  g_autoptr(GString) afternoon = g_string_new (NULL);
  GString *halves[2] = { morning, afternoon };
  g_autoptr(GString) by = g_string_new (NULL);
  g_autofree char *day = NULL;
  guint32 alerts = 0;
  sqlite3_stmt *stmt;
  int rc;

  table_init (table, wg_record_kind_print_title (WG_RECORD_KIND_TEMPERATURE), columns);
  person->readings = g_array_new (FALSE, FALSE, sizeof (Reading));

#define FLUSH_DAY()                                                                      \
  G_STMT_START {                                                                          \
    if (day != NULL)                                                                      \
      {                                                                                   \
        char **cells = g_new0 (char *, 5);                                                \
        cells[0] = g_steal_pointer (&day);                                                \
        cells[1] = g_strdup (halves[0]->str);                                             \
        cells[2] = g_strdup (halves[1]->str);                                             \
        cells[3] = g_strdup (by->str);                                                    \
        table_add_row (table, cells, alerts);                                             \
      }                                                                                   \
    g_string_truncate (halves[0], 0);                                                     \
    g_string_truncate (halves[1], 0);                                                     \
    g_string_truncate (by, 0);                                                            \
    alerts = 0;                                                                           \
  } G_STMT_END

  if (!(stmt = wg_store_prepare (loader->store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->info->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *this_day = (const char *) sqlite3_column_text (stmt, 0);
      int half = sqlite3_column_int (stmt, 1) ? 0 : 1;
      int tenths = sqlite3_column_int (stmt, 2);
      const char *name = (const char *) sqlite3_column_text (stmt, 3);
      Reading reading = { sqlite3_column_double (stmt, 4), tenths };

      if (g_strcmp0 (day, this_day) != 0)
        {
          FLUSH_DAY ();
          day = g_strdup (this_day);
        }
      if (halves[half]->len > 0)
        g_string_append (halves[half], " / ");
      g_string_append_printf (halves[half], "%d.%d", tenths / 10, tenths % 10);
      if (tenths >= WG_FEVER_TENTHS)
        alerts |= 1u << (half + 1);
      if (*name != '\0' && strstr (by->str, name) == NULL)
        {
          if (by->len > 0)
            g_string_append (by, "、");
          g_string_append (by, name);
        }
      g_array_append_val (person->readings, reading);
    }
  sqlite3_reset (stmt);
  FLUSH_DAY ();
#undef FLUSH_DAY
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_attachments (Loader  *loader,
                  Person  *person,
                  GError **error)
{
  static const char sql[] =
    "SELECT id, title, data FROM attachment WHERE person_id = ? ORDER BY added_at, id";
  sqlite3_stmt *stmt;
  int rc;

  person->attachments = g_array_new (FALSE, TRUE, sizeof (Attachment));
  g_array_set_clear_func (person->attachments, clear_attachment);

  if (!(stmt = wg_store_prepare (loader->store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->info->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) data = g_bytes_new (sqlite3_column_blob (stmt, 2),
                                            sqlite3_column_bytes (stmt, 2));
      g_autoptr(GError) local_error = NULL;
      Attachment attachment = { 0 };

      attachment.id = sqlite3_column_int64 (stmt, 0);
      attachment.title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      /* Checked when added; one that no longer opens prints as a notice. */
      if (!wg_attachment_check (data, &attachment.mime_type, &attachment.n_pages, &local_error))
        {
          g_warning ("Attachment %" G_GINT64_FORMAT " cannot be printed: %s", attachment.id,
                     local_error->message);
          attachment.mime_type = NULL;
          attachment.n_pages = 1;
        }
      g_array_append_val (person->attachments, attachment);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static double person_cover (WgDossier *self, Pen *pen, const Person *person, double y);
static double household_cover (WgDossier *self, Pen *pen, const Household *household, double y);

static gboolean
load_person (Loader  *loader,
             gint64   person_id,
             guint    household_index,
             GError **error)
{
  WgDossier *self = loader->self;
  Person *person;

  g_array_set_size (self->persons, self->persons->len + 1);
  person = person_at (self, self->persons->len - 1);
  person->household = household_index;

  if (!(person->info = wg_store_read_person (loader->store, person_id, error)))
    goto failed;
  person->age = age_on (person->info->birth_date, self->today);
  if (!load_current_state (loader, person, error))
    goto failed;

  for (guint s = 0; s < N_SECTIONS; s++)
    {
      g_autoptr(WgRecordTable) records = NULL;

      if (s == SECTION_TEMPERATURE)
        continue;
      if (!(records = wg_store_read_printed_records (loader->store, section_kinds[s], person_id,
                                                     error)))
        goto failed;
      table_take_records (&person->tables[s], records);
    }
  if (!load_temperatures (loader, person, error) || !load_attachments (loader, person, error))
    goto failed;

  for (guint s = 0; s < N_SECTIONS; s++)
    table_measure (&person->tables[s], loader->pen.layout);
  person->cover_height = person_cover (self, &loader->pen, person, TOP);
  return TRUE;

failed:
  g_array_set_size (self->persons, self->persons->len - 1);
  return FALSE;
}

static gboolean
load_household (Loader          *loader,
                gint64           household_id,
                gint64           only_person_id,
                GError         **error)
{
  static const char household_sql[] =
    "SELECT h.code, h.address, h.grid_id, coalesce ((SELECT name FROM person WHERE id = h.head_id), ''),"
    "  (SELECT count(*) FROM person WHERE household_id = h.id)"
    " FROM household h WHERE h.id = ?";
  static const char members_sql[] =
    "SELECT p.id, p.monitoring = 1 OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id"
    "                                         AND q.start_day <= ?2 AND q.end_day >= ?2),"
    "  p.name, coalesce (p.relation, ''), p.sex, p.birth_date, p.residency, p.id_number,"
    "  coalesce (p.phone, '')"
    " FROM person p WHERE p.household_id = ?1"
    " ORDER BY p.id IS (SELECT head_id FROM household WHERE id = ?1) DESC, p.id";
  static const char *const member_columns[] = {
    "姓名", "关系", "性别", "年龄", "身份证号", "现状", "联系电话", "本册", NULL
  };
  WgDossier *self = loader->self;
  g_autoptr(GArray) member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Every member, in order: the cells of one left out, NULL for one included. */
  g_autoptr(GPtrArray) everyone = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) staff = NULL;
  Household *household;
  guint index = self->households->len;
  const char *path;
  sqlite3_stmt *stmt;
  gint64 grid_id;
  int rc;

  if (!(stmt = wg_store_prepare (loader->store, household_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                             _("This household is no longer in the database."));
      else
        wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }
  g_array_set_size (self->households, index + 1);
  household = household_at (self, index);
  household->id = household_id;
  household->first_person = self->persons->len;
  household->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  household->address = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  grid_id = sqlite3_column_int64 (stmt, 2);
  household->head = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  household->n_members = sqlite3_column_int (stmt, 4);
  sqlite3_reset (stmt);

  household->payload = wg_label_payload (loader->key, household->code);
  if (!(path = loader_grid_path (loader, grid_id, error)) ||
      !(staff = wg_store_list_household_staff (loader->store, household_id, error)))
    goto failed;
  household->grid_path = g_strdup (path);
  household->staff = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < staff->len; i++)
    {
      const WgStaffEntry *entry = g_ptr_array_index (staff, i);

      g_ptr_array_add (household->staff,
                       g_strdup_printf ("%s  %s  %s", role_word (entry->role), entry->name,
                                        entry->phone != NULL ? entry->phone : ""));
    }

  if (only_person_id != 0)
    g_array_append_val (member_ids, only_person_id);
  else
    {
      if (!(stmt = wg_store_prepare (loader->store, members_sql, error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, household_id);
      sqlite3_bind_text (stmt, 2, self->today, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (sqlite3_column_int (stmt, 1) || !(self->flags & WG_DOSSIER_FLAGS_ONLY_WATCHED))
            {
              g_array_append_val (member_ids, id);
              g_ptr_array_add (everyone, NULL);
            }
          else
            {
              /* Not in quarantine or under monitoring, so at home, away or back. */
              int residency = sqlite3_column_int (stmt, 6);
              char **cells = g_new0 (char *, 9);

              cells[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
              cells[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
              cells[2] = g_strdup (sqlite3_column_int (stmt, 4) == 1 ? "男" : "女");
              cells[3] = g_strdup_printf ("%d", age_on ((const char *) sqlite3_column_text (stmt, 5),
                                                        self->today));
              cells[4] = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
              cells[5] = g_strdup (residency == WG_RESIDENCY_AWAY ? "外出"
                                   : residency == WG_RESIDENCY_RETURNEE ? "返乡" : "在家");
              cells[6] = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
              cells[7] = g_strdup ("—");
              g_ptr_array_add (everyone, cells);
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          wg_store_set_error (loader->store, rc, error);
          goto failed;
        }
    }

  for (guint i = 0; i < member_ids->len; i++)
    if (!load_person (loader, g_array_index (member_ids, gint64, i), index, error))
      goto failed;
  household->n_persons = member_ids->len;

  table_init (&household->members, "家庭成员", member_columns);
  for (guint i = 0, included = 0; i < MAX (everyone->len, household->n_persons); i++)
    {
      const Person *person;
      const WgPersonInfo *info;
      char **cells;

      if (i < everyone->len && g_ptr_array_index (everyone, i) != NULL)
        {
          table_add_row (&household->members, g_steal_pointer (&g_ptr_array_index (everyone, i)), 0);
          continue;
        }
      person = person_at (self, household->first_person + included++);
      info = person->info;
      cells = g_new0 (char *, 9);

      cells[0] = g_strdup (info->name);
      cells[1] = g_strdup (info->relation != NULL ? info->relation : "");
      cells[2] = g_strdup (info->sex == 1 ? "男" : "女");
      cells[3] = g_strdup_printf ("%d", person->age);
      cells[4] = g_strdup (info->id_number);
      cells[5] = g_strdup (person->status);
      cells[6] = g_strdup (info->phone != NULL ? info->phone : "");
      cells[7] = g_strdup ("收录");
      table_add_row (&household->members, cells, person->in_quarantine ? 1u << 5 : 0);
    }
  table_measure (&household->members, loader->pen.layout);
  return TRUE;

failed:
  g_array_set_size (self->persons, household->first_person);
  g_array_set_size (self->households, index);
  return FALSE;
}

/* Pagination */

static void
new_page (WgDossier *self,
          int        household,
          int        person)
{
  Page page = { self->blocks->len, 0, household, person };

  g_array_append_val (self->pages, page);
}

static void
add_block (WgDossier *self,
           BlockKind  kind,
           guint      index,
           double     y)
{
  Block block = { .kind = kind, .index = index, .y = y };

  g_array_append_val (self->blocks, block);
  g_array_index (self->pages, Page, self->pages->len - 1).n_blocks++;
}

static Block *
last_block (WgDossier *self)
{
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

static double section_title_height;
static double empty_height;

static void
add_section_title (WgDossier *self,
                   guint      person,
                   Section    section,
                   gboolean   continued,
                   double     y)
{
  add_block (self, BLOCK_SECTION_TITLE, person, y);
  last_block (self)->section = section;
  last_block (self)->continued = continued;
}

static void
paginate_person (WgDossier *self,
                 guint      index)
{
  const Person *person = person_at (self, index);
  double y = TOP;

  new_page (self, person->household, index);
  add_block (self, BLOCK_PERSON_COVER, index, y);
  y += person->cover_height + GAP;

  for (Section s = 0; s < N_SECTIONS; s++)
    {
      const Table *table = &person->tables[s];
      guint n = table->rows->len;
      guint first = 0;

      if (n == 0)
        {
          if (y + section_title_height + empty_height > BOTTOM)
            {
              new_page (self, person->household, index);
              y = TOP;
            }
          add_section_title (self, index, s, FALSE, y);
          y += section_title_height;
          add_block (self, BLOCK_EMPTY, index, y);
          y += empty_height + GAP;
        }

      /* The title stays with the header and at least one row; a table that
       * goes on repeats both on the next page. */
      while (first < n)
        {
          double used = table->header_height;
          guint k = 0;

          if (y + section_title_height + used + table_row_height (table, first) > BOTTOM)
            {
              new_page (self, person->household, index);
              y = TOP;
            }
          add_section_title (self, index, s, first > 0, y);
          y += section_title_height;
          while (first + k < n && y + used + table_row_height (table, first + k) <= BOTTOM)
            used += table_row_height (table, first + k++);
          if (k == 0)
            used += table_row_height (table, first + k++);

          add_block (self, BLOCK_TABLE, index, y);
          last_block (self)->section = s;
          last_block (self)->first_row = first;
          last_block (self)->n_rows = k;
          y += used + GAP;
          first += k;
          if (first < n)
            {
              new_page (self, person->household, index);
              y = TOP;
            }
        }

      if (s == SECTION_TEMPERATURE && person->readings->len > 0)
        {
          if (y + CHART_H > BOTTOM)
            {
              new_page (self, person->household, index);
              y = TOP;
            }
          add_block (self, BLOCK_CHART, index, y);
          y += CHART_H + GAP;
        }
    }

  /* Bound attachments: each of their pages on a page of its own. */
  for (guint a = 0; a < person->attachments->len; a++)
    {
      const Attachment *attachment = &g_array_index (person->attachments, Attachment, a);

      for (guint p = 0; p < attachment->n_pages; p++)
        {
          new_page (self, person->household, index);
          add_block (self, BLOCK_ATTACHMENT, index, TOP);
          last_block (self)->first_row = p;
          last_block (self)->n_rows = a;
        }
    }
}

static void
paginate_household (WgDossier *self,
                    guint      index,
                    gboolean   with_cover)
{
  Household *household = household_at (self, index);

  household->first_page = self->pages->len;
  if (with_cover)
    {
      new_page (self, index, -1);
      add_block (self, BLOCK_HOUSEHOLD_COVER, index, TOP);
    }
  for (guint i = 0; i < household->n_persons; i++)
    paginate_person (self, household->first_person + i);
}

static guint
toc_entries_per_page (void)
{
  return (guint) ((BOTTOM - TOP - 40) / TOC_LINE);
}

static void
paginate (WgDossier *self)
{
  Pen pen = { 0 };
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);

  pen.cr = cairo_create (scratch);
  pen.layout = wg_draw_layout_new (pen.cr);
  section_title_height = wg_measure_text (pen.layout, "国", FONT_SECTION, 1000, 0) + 6;
  empty_height = wg_measure_text (pen.layout, "国", FONT_BODY, 1000, 0) + 4;
  g_object_unref (pen.layout);
  cairo_destroy (pen.cr);
  cairo_surface_destroy (scratch);

  if (self->is_grid)
    {
      guint per_page = toc_entries_per_page ();

      new_page (self, -1, -1);
      add_block (self, BLOCK_GRID_COVER, 0, TOP);
      for (guint first = 0; first < self->households->len; first += per_page)
        {
          new_page (self, -1, -1);
          add_block (self, BLOCK_TOC, first, TOP);
          last_block (self)->n_rows = MIN (per_page, self->households->len - first);
        }
    }

  for (guint h = 0; h < self->households->len; h++)
    paginate_household (self, h, self->is_grid || self->is_household);
}

/* Drawing */

static void
draw_header_footer (WgDossier   *self,
                    cairo_t     *cr,
                    PangoLayout *layout,
                    guint        page_index)
{
  const Page *page = &g_array_index (self->pages, Page, page_index);
  const char *path = self->grid_path;
  g_autofree char *who = NULL;

  if (page->person >= 0)
    {
      const Person *person = person_at (self, page->person);

      who = g_strdup_printf ("%s  %s", person->info->name, person->info->id_number);
    }
  else if (page->household >= 0)
    who = g_strdup_printf ("户编号 %s", household_at (self, page->household)->code);
  else
    who = g_strdup (self->title);
  if (page->household >= 0)
    path = household_at (self, page->household)->grid_path;

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

  set_grey (pen, 0.4);
  height = pen_text (pen, key, FONT_KEY, x, y + 0.5, key_width, 1, PANGO_ALIGN_LEFT);
  set_grey (pen, 0.05);
  height = MAX (height, pen_text (pen, value != NULL && *value != '\0' ? value : "—", FONT_BODY,
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

  set_grey (pen, 0.05);
  y += pen_text (pen, title, FONT_BODY_BOLD, LEFT, y, WIDTH, 1, PANGO_ALIGN_LEFT) + 3;
  if (n == 0)
    {
      set_grey (pen, 0.4);
      return y - top + pen_text (pen, "未分配", FONT_BODY, LEFT, y, WIDTH, 1, PANGO_ALIGN_LEFT);
    }
  for (guint i = 0; i < n; i += 2)
    {
      double height = 0;

      for (guint j = i; j < MIN (n, i + 2); j++)
        {
          const char *text = staff != NULL && j < staff->len ? g_ptr_array_index (staff, j) : extra;

          height = MAX (height, pen_text (pen, text, FONT_BODY, LEFT + (j - i) * column, y,
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
  wg_draw_text (cr, layout, colour_word (colour), FONT ("Bold 10"), x, y + 3.5, w, 1,
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

static double
person_cover (WgDossier    *self,
              Pen          *pen,
              const Person *person,
              double        y)
{
  const WgPersonInfo *info = person->info;
  const Household *household = person->household < self->households->len
                                 ? household_at (self, person->household) : NULL;
  const double text_width = WIDTH - QR_SIZE - 16;
  const double half = text_width / 2;
  g_autofree char *age = g_strdup_printf ("%d 岁", person->age);
  double top = y;
  double height;

  set_grey (pen, 0.4);
  y += pen_text (pen, "个人档案", FONT_SMALL, LEFT, y, text_width, 1, PANGO_ALIGN_LEFT) + 2;
  set_grey (pen, 0.0);
  height = pen_text (pen, info->name, FONT_NAME, LEFT, y, text_width - 60, 1, PANGO_ALIGN_LEFT);
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

  y += staff_block (pen, person->in_quarantine ? "五包一责任人" : "责任人",
                    household != NULL ? household->staff : NULL, person->quarantine_staff, y);
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

static double
household_cover (WgDossier       *self,
                 Pen             *pen,
                 const Household *household,
                 double           y)
{
  const double text_width = WIDTH - QR_SIZE - 16;
  g_autofree char *members = g_strdup_printf ("共 %u 人，本册收录 %u 人", household->n_members,
                                              household->n_persons);
  double top = y;

  set_grey (pen, 0.4);
  y += pen_text (pen, "户档案", FONT_SMALL, LEFT, y, text_width, 1, PANGO_ALIGN_LEFT) + 2;
  set_grey (pen, 0.0);
  y += pen_text (pen, household->address, FONT ("Bold 18"), LEFT, y, text_width, 2,
                 PANGO_ALIGN_LEFT) + 8;
  y += field (pen, "户编号", household->code, LEFT, y, text_width);
  y += field (pen, "所属网格", household->grid_path, LEFT, y, text_width);
  y += field (pen, "户主", household->head, LEFT, y, text_width);
  y += field (pen, "人数", members, LEFT, y, text_width);
  if (pen->draw)
    draw_qr_with_code (pen->cr, pen->layout, household, top);
  y = MAX (y, top + QR_SIZE + 14) + 4;
  y += staff_block (pen, "责任人", household->staff, NULL, y) + GAP;

  set_grey (pen, 0.0);
  y += pen_text (pen, household->members.title, FONT_SECTION, LEFT, y, WIDTH, 1,
                 PANGO_ALIGN_LEFT) + 6;
  if (pen->draw && household->members.rows->len > 0)
    draw_table (pen->cr, pen->layout, &household->members, 0, household->members.rows->len, y);
  return y - top;
}

static void
draw_grid_cover (WgDossier   *self,
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
    { "核酸超期", c->nat_overdue },
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

static void
draw_toc (WgDossier   *self,
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
      const Household *household = household_at (self, i);
      g_autoptr(GString) names = g_string_new (household->address);
      /* cairo 1.16 drops links to pages it has not written yet: a named
       * destination on the household's cover instead. */
      g_autofree char *link = g_strdup_printf ("dest='household-%u'", i);
      g_autofree char *page = g_strdup_printf ("%u", household->first_page + 1);

      g_string_append (names, "  ");
      for (guint p = 0; p < household->n_persons; p++)
        g_string_append_printf (names, "%s%s", p > 0 ? "、" : "",
                                person_at (self, household->first_person + p)->info->name);

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

static void
draw_section_title (cairo_t     *cr,
                    PangoLayout *layout,
                    const Table *table,
                    gboolean     continued,
                    double       y)
{
  g_autofree char *title = continued ? g_strdup_printf ("%s（续）", table->title)
                                     : g_strdup (table->title);

  cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
  cairo_rectangle (cr, LEFT, y + 2, 3, section_title_height - 9);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  wg_draw_text (cr, layout, title, FONT_SECTION, LEFT + 8, y, WIDTH - 8, 1, PANGO_ALIGN_LEFT);
}

static void
draw_chart (cairo_t      *cr,
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

static void
draw_attachment (WgDossier    *self,
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

static void
draw_empty (cairo_t     *cr,
            PangoLayout *layout,
            double       y)
{
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  wg_draw_text (cr, layout, "无记录", FONT_BODY, LEFT + 8, y, WIDTH - 8, 1, PANGO_ALIGN_LEFT);
}

static guint
wg_dossier_get_n_pages (WgDocument *document)
{
  return WG_DOSSIER (document)->pages->len;
}

static void
wg_dossier_get_page_size (WgDocument *document,
                          double     *width,
                          double     *height)
{
  *width = PAGE_W;
  *height = PAGE_H;
}

static void
wg_dossier_draw_page (WgDocument *document,
                      guint       page_index,
                      cairo_t    *cr)
{
  WgDossier *self = WG_DOSSIER (document);
  const Page *page = &g_array_index (self->pages, Page, page_index);
  g_autoptr(PangoLayout) layout = wg_draw_layout_new (cr);
  Pen pen = { cr, layout, TRUE };

  draw_header_footer (self, cr, layout, page_index);

  for (guint b = page->first_block; b < page->first_block + page->n_blocks; b++)
    {
      const Block *block = &g_array_index (self->blocks, Block, b);
      const Person *person = NULL;

      if (block->kind >= BLOCK_PERSON_COVER)
        person = person_at (self, block->index);

      switch (block->kind)
        {
        case BLOCK_GRID_COVER:
          draw_grid_cover (self, cr, layout);
          break;
        case BLOCK_TOC:
          draw_toc (self, cr, layout, block);
          break;
        case BLOCK_HOUSEHOLD_COVER:
          if (self->is_grid)
            {
              g_autofree char *dest = g_strdup_printf ("name='household-%u'", block->index);

              cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
              cairo_tag_end (cr, CAIRO_TAG_DEST);
            }
          household_cover (self, &pen, household_at (self, block->index), block->y);
          break;
        case BLOCK_PERSON_COVER:
          person_cover (self, &pen, person, block->y);
          break;
        case BLOCK_SECTION_TITLE:
          draw_section_title (cr, layout, &person->tables[block->section], block->continued, block->y);
          break;
        case BLOCK_TABLE:
          draw_table (cr, layout, &person->tables[block->section], block->first_row, block->n_rows,
                      block->y);
          break;
        case BLOCK_EMPTY:
          draw_empty (cr, layout, block->y);
          break;
        case BLOCK_CHART:
          draw_chart (cr, layout, person, block->y);
          break;
        case BLOCK_ATTACHMENT:
          draw_attachment (self, cr, layout, person, block);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static char *
wg_dossier_dup_title (WgDocument *document)
{
  return g_strdup (WG_DOSSIER (document)->title);
}

static GPtrArray *
wg_dossier_dup_outline (WgDocument *document)
{
  WgDossier *self = WG_DOSSIER (document);
  GPtrArray *outline = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_outline_entry_free);
  gboolean packet = self->is_grid || self->is_household;

  if (self->is_grid)
    {
      WgOutlineEntry *entry = g_new0 (WgOutlineEntry, 1);

      entry->title = g_strdup ("目录");
      entry->page = 1;
      g_ptr_array_add (outline, entry);
    }

  for (guint h = 0; h < self->households->len; h++)
    {
      const Household *household = household_at (self, h);
      guint page = household->first_page;

      if (packet)
        {
          WgOutlineEntry *entry = g_new0 (WgOutlineEntry, 1);

          entry->title = g_strdup_printf ("%s %s", household->code, household->address);
          entry->page = page;
          g_ptr_array_add (outline, entry);
          page++;
        }

      /* Each person's pages follow in order: find where each begins. */
      for (guint p = 0; p < household->n_persons; p++)
        {
          guint index = household->first_person + p;
          WgOutlineEntry *entry = g_new0 (WgOutlineEntry, 1);

          while (page < self->pages->len &&
                 g_array_index (self->pages, Page, page).person != (int) index)
            page++;
          entry->title = g_strdup (person_at (self, index)->info->name);
          entry->page = page;
          entry->depth = packet ? 1 : 0;
          g_ptr_array_add (outline, entry);
        }
    }
  return outline;
}

static void
wg_dossier_document_init (WgDocumentInterface *iface)
{
  iface->get_n_pages = wg_dossier_get_n_pages;
  iface->get_page_size = wg_dossier_get_page_size;
  iface->draw_page = wg_dossier_draw_page;
  iface->dup_title = wg_dossier_dup_title;
  iface->dup_outline = wg_dossier_dup_outline;
}

static void
wg_dossier_finalize (GObject *object)
{
  WgDossier *self = (WgDossier *) object;

  g_clear_pointer (&self->households, g_array_unref);
  g_clear_pointer (&self->persons, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_free (self->title);
  g_free (self->grid_name);
  g_free (self->grid_code);
  g_free (self->grid_path);
  g_free (self->generated);
  g_free (self->operator_name);
  g_free (self->today);
  g_free (self->db_path);
  g_clear_object (&self->attachment_store);
  g_clear_object (&self->cached_pdf);
  g_clear_pointer (&self->cached_image, cairo_surface_destroy);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (wg_dossier_parent_class)->finalize (object);
}

static void
wg_dossier_class_init (WgDossierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wg_dossier_finalize;
}

static void
wg_dossier_init (WgDossier *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->households = g_array_new (FALSE, TRUE, sizeof (Household));
  g_array_set_clear_func (self->households, clear_household);
  self->persons = g_array_new (FALSE, TRUE, sizeof (Person));
  g_array_set_clear_func (self->persons, clear_person);
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->generated = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_mutex_init (&self->lock);
}

static WgDossier *
dossier_new (const char     *today,
             WgDossierFlags  flags)
{
  WgDossier *self = g_object_new (WG_TYPE_DOSSIER, NULL);

  self->today = today != NULL ? g_strdup (today) : wg_today ();
  self->flags = flags;
  return self;
}

/**
 * wg_dossier_new_for_person:
 * @store: a #WgStore
 * @person_id: whose dossier
 * @today: (nullable): the day the dossier speaks of (quarantine day, age),
 *   as YYYY-MM-DD; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the dossier, or %NULL with @error set
 */
WgDossier *
wg_dossier_new_for_person (WgStore     *store,
                           gint64       person_id,
                           const char  *today,
                           GError     **error)
{
  g_autoptr(WgDossier) self = NULL;
  g_autoptr(WgPersonInfo) info = NULL;
  g_auto(Loader) loader = { 0 };

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = dossier_new (today, WG_DOSSIER_FLAGS_ALL);
  if (!loader_init (&loader, self, store, error) ||
      !(info = wg_store_read_person (store, person_id, error)))
    return NULL;

  if (info->household_id != 0)
    {
      if (!load_household (&loader, info->household_id, person_id, error))
        return NULL;
    }
  else
    {
      /* Someone not (yet) in a household: a placeholder for the header. */
      Household *household;

      g_array_set_size (self->households, 1);
      household = household_at (self, 0);
      household->code = g_strdup ("");
      household->address = g_strdup (info->address != NULL ? info->address : "");
      household->staff = g_ptr_array_new_with_free_func (g_free);
      household->n_persons = 1;
      if (!load_person (&loader, person_id, 0, error))
        return NULL;
    }

  self->title = g_strdup_printf ("个人档案：%s", info->name);
  paginate (self);
  return g_steal_pointer (&self);
}

static gint64
find_household (WgStore     *store,
                const char  *code,
                GError     **error)
{
  g_autofree char *not_found = g_strdup_printf (_("There is no household with the code “%s”."), code);

  return wg_store_find_id (store, "SELECT id FROM household WHERE code = upper (?)", code, not_found,
                           error);
}

/**
 * wg_dossier_new_for_household:
 * @store: a #WgStore
 * @code: the household's code
 * @flags: whom to include
 * @today: (nullable): as for wg_dossier_new_for_person ()
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the household's packet, or %NULL with @error set
 *   (NOT_FOUND for an unknown code or nobody to include)
 */
WgDossier *
wg_dossier_new_for_household (WgStore         *store,
                              const char      *code,
                              WgDossierFlags   flags,
                              const char      *today,
                              GError         **error)
{
  g_autoptr(WgDossier) self = NULL;
  g_auto(Loader) loader = { 0 };
  gint64 id;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = dossier_new (today, flags);
  self->is_household = TRUE;
  if (!loader_init (&loader, self, store, error) || !(id = find_household (store, code, error)))
    return NULL;

  if (!load_household (&loader, id, 0, error))
    return NULL;
  if (household_at (self, 0)->n_persons == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   flags & WG_DOSSIER_FLAGS_ONLY_WATCHED
                     ? _("Nobody in household %s is in quarantine or under health monitoring.")
                     : _("Household %s has no members."),
                   household_at (self, 0)->code);
      return NULL;
    }
  self->title = g_strdup_printf ("户档案：%s %s", household_at (self, 0)->code,
                                 household_at (self, 0)->address);
  paginate (self);
  return g_steal_pointer (&self);
}

/* Reading a packet's households on two cores: each half in a thread of its
 * own, with its own connection and its own Pango context, into a dossier of
 * its own; the halves are then joined in order. */
typedef struct
{
  const char *db_path;
  const char *today;
  WgDossierFlags flags;
  GArray *ids;
  guint from;
  guint to;
  GCancellable *cancellable;
  gint *n_read;
  gint finished;
  WgDossier *part;
  GError *error;
} Half;

static gpointer
read_half (gpointer data)
{
  Half *half = data;
  g_autoptr(WgStore) store = wg_store_open (half->db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &half->error);
  g_auto(Loader) loader = { 0 };

  if (store != NULL)
    {
      half->part = dossier_new (half->today, half->flags);
      if (loader_init (&loader, half->part, store, &half->error))
        for (guint i = half->from; i < half->to; i++)
          {
            if (g_cancellable_set_error_if_cancelled (half->cancellable, &half->error) ||
                !load_household (&loader, g_array_index (half->ids, gint64, i), 0, &half->error))
              break;
            if (household_at (half->part, half->part->households->len - 1)->n_persons == 0)
              g_array_set_size (half->part->households, half->part->households->len - 1);
            g_atomic_int_inc (half->n_read);
          }
    }
  if (half->error != NULL)
    g_cancellable_cancel (half->cancellable);
  g_atomic_int_set (&half->finished, 1);
  return NULL;
}

/* Moves @part's households and people to the end of @self's. */
static void
join_part (WgDossier *self,
           WgDossier *part)
{
  guint person_offset = self->persons->len;
  guint household_offset = self->households->len;

  for (guint h = 0; h < part->households->len; h++)
    household_at (part, h)->first_person += person_offset;
  for (guint p = 0; p < part->persons->len; p++)
    person_at (part, p)->household += household_offset;
  g_array_append_vals (self->households, part->households->data, part->households->len);
  g_array_append_vals (self->persons, part->persons->data, part->persons->len);
  /* Theirs now: the part lets go without freeing. */
  g_array_set_clear_func (part->households, NULL);
  g_array_set_clear_func (part->persons, NULL);
}

static gboolean
read_households (WgDossier       *self,
                 Loader          *loader,
                 GArray          *ids,
                 GCancellable    *cancellable,
                 WgProgressFunc   progress,
                 gpointer         user_data,
                 GError         **error)
{
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  gulong cancelled_id = 0;
  Half halves[2] = { { 0 } };
  GThread *threads[2];
  gint n_read = 0;
  gboolean ok = TRUE;

  /* A few households are read faster than two threads start. (The benchmark
   * compares with one core through WANGGE_DOSSIER_ONE_CORE.) */
  if (ids->len < 64 || self->db_path == NULL || g_getenv ("WANGGE_DOSSIER_ONE_CORE") != NULL)
    {
      for (guint i = 0; i < ids->len; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !load_household (loader, g_array_index (ids, gint64, i), 0, error))
            return FALSE;
          /* A household with nobody to include is left out of the packet. */
          if (household_at (self, self->households->len - 1)->n_persons == 0)
            g_array_set_size (self->households, self->households->len - 1);
          if (progress != NULL && (i % 16 == 15 || i + 1 == ids->len))
            progress ((double) (i + 1) / ids->len, user_data);
        }
      return TRUE;
    }

  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel),
                                          g_object_ref (stop), g_object_unref);
  for (guint t = 0; t < 2; t++)
    {
      halves[t].db_path = self->db_path;
      halves[t].today = self->today;
      halves[t].flags = self->flags;
      halves[t].ids = ids;
      halves[t].from = t == 0 ? 0 : ids->len / 2;
      halves[t].to = t == 0 ? ids->len / 2 : ids->len;
      halves[t].cancellable = stop;
      halves[t].n_read = &n_read;
      threads[t] = g_thread_new ("wangge-dossier", read_half, &halves[t]);
    }
  /* Progress from here, where the caller expects it. */
  while (!g_atomic_int_get (&halves[0].finished) || !g_atomic_int_get (&halves[1].finished))
    {
      g_usleep (20000);
      if (progress != NULL)
        progress ((double) g_atomic_int_get (&n_read) / ids->len, user_data);
    }
  for (guint t = 0; t < 2; t++)
    g_thread_join (threads[t]);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, cancelled_id);

  /* One half failing stops the other: report the failure, not the stop. */
  {
    GError *reason = NULL;

    for (guint t = 0; t < 2; t++)
      if (halves[t].error != NULL &&
          (reason == NULL || g_error_matches (reason, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
        reason = halves[t].error;
    if (reason != NULL)
      {
        g_propagate_error (error, g_error_copy (reason));
        ok = FALSE;
      }
  }
  for (guint t = 0; t < 2; t++)
    {
      if (ok)
        join_part (self, halves[t].part);
      g_clear_error (&halves[t].error);
      g_clear_object (&halves[t].part);
    }
  return ok;
}

/**
 * wg_dossier_new_for_grid:
 * @store: a #WgStore
 * @code: any grid
 * @flags: whom to include
 * @today: (nullable): as for wg_dossier_new_for_person ()
 * @cancellable: (nullable): checked between households
 * @progress: (nullable) (scope call): told the fraction read
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * Reads every household of the grid's subtree with the people to include;
 * households with nobody to include are left out.
 *
 * Returns: (transfer full): the grid's packet, or %NULL with @error set
 */
WgDossier *
wg_dossier_new_for_grid (WgStore         *store,
                         const char      *code,
                         WgDossierFlags   flags,
                         const char      *today,
                         GCancellable    *cancellable,
                         WgProgressFunc   progress,
                         gpointer         user_data,
                         GError         **error)
{
  /* With ?2, only the households where someone is under watch on day ?3. */
  static const char sql[] =
    "SELECT h.id FROM grid m JOIN household h ON h.grid_id = m.id"
    " WHERE m.level = 5 AND m.code >= ?1 AND m.code < ?1 || ':'"
    "   AND (NOT ?2 OR EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id"
    "     AND (p.monitoring = 1 OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id"
    "                                      AND q.start_day <= ?3 AND q.end_day >= ?3))))"
    " ORDER BY m.code, h.id";
  g_autoptr(WgDossier) self = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(Loader) loader = { 0 };
  sqlite3_stmt *stmt;
  const char *path;
  gint64 grid_id = 0;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = dossier_new (today, flags);
  self->is_grid = TRUE;
  self->grid_code = g_strdup (code);
  if (!loader_init (&loader, self, store, error) ||
      !(self->grid_name = wg_store_dup_grid_name (store, code, NULL, error)) ||
      !wg_store_count_grid (store, code, self->today, &self->counts, error) ||
      !(grid_id = wg_store_find_id (store, "SELECT id FROM grid WHERE code = ?", code,
                                    _("This grid is no longer in the database."), error)) ||
      !(path = loader_grid_path (&loader, grid_id, error)))
    return NULL;
  self->grid_path = g_strdup (path);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (flags & WG_DOSSIER_FLAGS_ONLY_WATCHED) != 0);
  sqlite3_bind_text (stmt, 3, self->today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }

  if (!read_households (self, &loader, ids, cancellable, progress, user_data, error))
    return NULL;

  if (self->households->len == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   flags & WG_DOSSIER_FLAGS_ONLY_WATCHED
                     ? _("Nobody under %s (%s) is in quarantine or under health monitoring.")
                     : _("There are no households under %s (%s)."),
                   self->grid_name, code);
      return NULL;
    }

  self->title = g_strdup_printf ("%s：%s", flags & WG_DOSSIER_FLAGS_ONLY_WATCHED ? "隔离及健康监测人员档案"
                                                                         : "网格档案",
                                 self->grid_name);
  paginate (self);
  return g_steal_pointer (&self);
}

guint
wg_dossier_get_n_persons (WgDossier *self)
{
  g_return_val_if_fail (WG_IS_DOSSIER (self), 0);

  return self->persons->len;
}

guint
wg_dossier_get_n_households (WgDossier *self)
{
  g_return_val_if_fail (WG_IS_DOSSIER (self), 0);

  return self->households->len;
}

/**
 * wg_dossier_new_for_code:
 * @store: a #WgStore
 * @code: a resident ID number, a grid code or a household code
 * @flags: whom to include in a packet
 * @today: (nullable): as for wg_dossier_new_for_person ()
 * @cancellable: (nullable): as for wg_dossier_new_for_grid ()
 * @progress: (nullable) (scope call): as for wg_dossier_new_for_grid ()
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * What a user types: a person's dossier, a household's or a grid's packet.
 *
 * Returns: (transfer full): the dossier, or %NULL with @error set
 */
WgDossier *
wg_dossier_new_for_code (WgStore         *store,
                         const char      *code,
                         WgDossierFlags   flags,
                         const char      *today,
                         GCancellable    *cancellable,
                         WgProgressFunc   progress,
                         gpointer         user_data,
                         GError         **error)
{
  g_autofree char *grid_name = NULL;
  gint64 person_id;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (strlen (code) == 18 && (person_id = wg_store_find_person (store, code, NULL)) != 0)
    return wg_dossier_new_for_person (store, person_id, today, error);

  if ((grid_name = wg_store_dup_grid_name (store, code, NULL, NULL)) != NULL)
    return wg_dossier_new_for_grid (store, code, flags, today, cancellable, progress, user_data,
                                    error);

  if (find_household (store, code, NULL) != 0)
    return wg_dossier_new_for_household (store, code, flags, today, error);

  g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
               _("No person, household or grid has the number or code “%s”."), code);
  return NULL;
}
