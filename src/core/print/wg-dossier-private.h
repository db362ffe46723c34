/* wg-dossier-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the files of a dossier — reading (wg-dossier-read.c), layout
 * (wg-dossier-layout.c), drawing (wg-dossier-draw.c) and the document
 * itself (wg-dossier.c): what a dossier holds once read and laid out.
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "wg-document.h"
#include "wg-dossier.h"
#include "wg-draw-private.h"
#include "wg-store-records.h"

G_BEGIN_DECLS

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
  GPtrArray *team;         /* the five-to-one team (五包一), a line per member: "村医  王芳  139…" */
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

/* Draws, or only measures, with the same code. */
typedef struct
{
  cairo_t *cr;
  PangoLayout *layout;
  gboolean draw;
} Pen;

typedef struct
{
  WgDossier *self;
  WgStore *store;
  GBytes *key;
  GHashTable *paths;   /* grid id → its path */
  cairo_surface_t *scratch;
  Pen pen;             /* measures only */
} Loader;
void wg_dossier_loader_clear (Loader *loader);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, wg_dossier_loader_clear)

/* Heights every section title and "no records" line take (the layout
 * measures them; drawing draws to them). */
extern double wg_dossier_section_title_height;
extern double wg_dossier_empty_height;

/* wg-dossier.c */
WgDossier *wg_dossier_new_empty (const char     *today,
                                 WgDossierFlags  flags);

/* wg-dossier-read.c */
void wg_dossier_clear_household (gpointer data);
void wg_dossier_clear_person (gpointer data);
const char *wg_dossier_colour_word (int colour);
Household *wg_dossier_household_at (WgDossier *self,
                                    guint      index);
gboolean wg_dossier_load_household (Loader  *loader,
                                    gint64   household_id,
                                    gint64   only_person_id,
                                    GError **error);
gboolean wg_dossier_load_person (Loader  *loader,
                                 gint64   person_id,
                                 guint    household_index,
                                 GError **error);
const char *wg_dossier_loader_grid_path (Loader  *loader,
                                         gint64   grid_id,
                                         GError **error);
gboolean wg_dossier_loader_init (Loader     *loader,
                                 WgDossier  *self,
                                 WgStore    *store,
                                 GError    **error);
Person *wg_dossier_person_at (WgDossier *self,
                              guint      index);
gboolean wg_dossier_read_households (WgDossier       *self,
                                     Loader          *loader,
                                     GArray          *ids,
                                     GCancellable    *cancellable,
                                     WgProgressFunc   progress,
                                     gpointer         user_data,
                                     GError         **error);

/* wg-dossier-layout.c */
void wg_dossier_paginate (WgDossier *self);
void wg_dossier_table_add_row (Table    *table,
                               char    **cells,
                               guint32   alerts);
void wg_dossier_table_clear (Table *table);
void wg_dossier_table_init (Table             *table,
                            const char        *title,
                            const char *const *columns);
void wg_dossier_table_measure (Table       *table,
                               PangoLayout *layout);
double wg_dossier_table_row_height (const Table *table,
                                    guint        row);
void wg_dossier_table_take_records (Table         *table,
                                    WgRecordTable *records);

/* wg-dossier-draw.c */
double wg_dossier_pen_text (Pen            *pen,
                            const char     *text,
                            const char     *font,
                            double          x,
                            double          y,
                            double          width,
                            int             max_lines,
                            PangoAlignment  alignment);
void wg_dossier_set_grey (Pen    *pen,
                          double  level);
void wg_dossier_draw_attachment (WgDossier    *self,
                                 cairo_t      *cr,
                                 PangoLayout  *layout,
                                 const Person *person,
                                 const Block  *block);
void wg_dossier_draw_chart (cairo_t      *cr,
                            PangoLayout  *layout,
                            const Person *person,
                            double        y);
void wg_dossier_draw_empty (cairo_t     *cr,
                            PangoLayout *layout,
                            double       y);
void wg_dossier_draw_grid_cover (WgDossier   *self,
                                 cairo_t     *cr,
                                 PangoLayout *layout);
void wg_dossier_draw_header_footer (WgDossier   *self,
                                    cairo_t     *cr,
                                    PangoLayout *layout,
                                    guint        page_index);
void wg_dossier_draw_section_title (cairo_t     *cr,
                                    PangoLayout *layout,
                                    const Table *table,
                                    gboolean     continued,
                                    double       y);
void wg_dossier_draw_table (cairo_t     *cr,
                            PangoLayout *layout,
                            const Table *table,
                            guint        first,
                            guint        n_rows,
                            double       y);
void wg_dossier_draw_toc (WgDossier   *self,
                          cairo_t     *cr,
                          PangoLayout *layout,
                          const Block *block);
double wg_dossier_household_cover (WgDossier       *self,
                                   Pen             *pen,
                                   const Household *household,
                                   double           y);
double wg_dossier_person_cover (WgDossier    *self,
                                Pen          *pen,
                                const Person *person,
                                double        y);

G_END_DECLS
