/* wg-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_IMPORT_KIND_GRIDS,
  WG_IMPORT_KIND_STAFF,
  WG_IMPORT_KIND_HOUSEHOLDS,
  WG_IMPORT_KIND_PEOPLE,
  WG_IMPORT_KIND_RETURNEES,
} WgImportKind;

typedef enum
{
  WG_RETURNEE_CHANNEL_SCREENING = 1,
  WG_RETURNEE_CHANNEL_QR = 2,
  WG_RETURNEE_CHANNEL_PUSHED = 3,
} WgReturneeChannel;

typedef enum
{
  WG_ROW_VERDICT_NEW,       /* a new record */
  WG_ROW_VERDICT_ADDED,     /* an existing record, and something new for it (an arrival, a role) */
  WG_ROW_VERDICT_SAME,      /* already there as the row says: nothing to do */
  WG_ROW_VERDICT_CONFLICT,  /* differs from the record there: listed, never overwritten */
  WG_ROW_VERDICT_INVALID,   /* refused, with the reason */
} WgRowVerdict;

/* One row's verdict, handed to the caller as it is decided. */
typedef struct
{
  guint number;
  WgRowVerdict verdict;
  const char *message;
  guint n_cells;
  char **cells;
} WgImportRow;

typedef void (*WgImportRowFunc) (const WgImportRow *row,
                                 gpointer           user_data);

typedef struct
{
  WgImportKind kind;
  const char *path;
  const char *encoding;            /* NULL: detect */
  const char *sheet;               /* NULL: the first */
  WgReturneeChannel channel;       /* returnees only */
  GHashTable *mapping;             /* header → field id ("" to ignore); NULL: remembered or automatic */
  gboolean skip_invalid;
  gboolean dry_run;                /* decide every row, write nothing */
  const char *rejected_path;       /* with skip_invalid: the refused rows as CSV */
  GCancellable *cancellable;
  WgImportRowFunc row_func;
  gpointer user_data;
} WgImportOptions;

typedef struct
{
  guint number;
  WgRowVerdict verdict;
  char *message;
} WgImportProblem;

typedef struct
{
  char *format;
  char *encoding;
  char *sha256;
  guint header_row;
  GStrv headers;          /* the header row's cells */
  GStrv fields;           /* per column: the field id it feeds, "" when ignored */
  GStrv ignored;          /* the headers no field takes */
  guint rows;
  guint counts[WG_ROW_VERDICT_INVALID + 1];
  GPtrArray *problems;    /* WgImportProblem: conflicts and invalid rows, the first 1,000 */
  char *rejected_path;    /* when refused rows were written */
  guint written;          /* how many rows wrote something (0 for a dry run) */
} WgImportReport;

/* The screening form's fields: the order of a returnee list's fields. */
typedef enum
{
  WG_RETURNEE_FIELD_ID_NUMBER,
  WG_RETURNEE_FIELD_NAME,
  WG_RETURNEE_FIELD_PHONE,
  WG_RETURNEE_FIELD_ARRIVED_ON,
  WG_RETURNEE_FIELD_FROM,
  WG_RETURNEE_FIELD_PROVINCE,
  WG_RETURNEE_FIELD_CITY,
  WG_RETURNEE_FIELD_DISTRICT,
  WG_RETURNEE_FIELD_RISK,
  WG_RETURNEE_FIELD_TRANSPORT,
  WG_RETURNEE_FIELD_GRID,
  WG_RETURNEE_FIELD_HOUSEHOLD,
  WG_RETURNEE_FIELD_ADDRESS,
  WG_RETURNEE_N_FIELDS,
} WgReturneeField;

const char     *wg_import_kind_to_string     (WgImportKind        kind);
gboolean        wg_import_kind_from_string   (const char         *text,
                                              WgImportKind       *kind);
const char     *wg_import_kind_label         (WgImportKind        kind);
GStrv           wg_import_list_fields        (WgImportKind        kind);
const char     *wg_import_field_label        (WgImportKind        kind,
                                              const char         *field);
const char     *wg_row_verdict_label         (WgRowVerdict        verdict);
char           *wg_import_normalize_header   (const char         *header);
GHashTable     *wg_import_mapping_new        (void);
gboolean        wg_import_mapping_add        (GHashTable         *mapping,
                                              WgImportKind        kind,
                                              const char         *assignment,
                                              GError            **error);

gboolean        wg_import_file              (WgStore            *store,
                                             const WgImportOptions *options,
                                             WgImportReport    **report,
                                             GError            **error);
gboolean        wg_import_returnee        (WgStore            *store,
                                           const char *const  *entry,
                                           gboolean            dry_run,
                                           WgRowVerdict       *verdict,
                                           char              **message,
                                           GError            **error);
char           *wg_import_default_rejected_path (const char   *path);
void            wg_import_report_free        (WgImportReport     *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgImportReport, wg_import_report_free)

G_END_DECLS
