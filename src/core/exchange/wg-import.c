/* wg-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A county's registers and its returnee lists, in from spreadsheets. Columns
 * are found by their header (Chinese and English synonyms, full-width or
 * not, with "（必填）" and the like around them); a mapping a user corrected
 * is remembered for that kind of list and that header row. Every row gets a
 * verdict — new, already there, new for an existing record, conflicting
 * (the differing fields listed, nothing overwritten), or invalid with the
 * reason — and row numbers are the spreadsheet's own. The whole file is one
 * transaction: by default nothing is written while any row is invalid; with
 * skip_invalid the rest goes in and the refused rows are written to a CSV.
 * Each record that comes in keeps the file's name and SHA-256 and its row
 * (import_origin); importing the same file again changes nothing.
 */

#define G_LOG_DOMAIN "wg-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wg-import.h"
#include "wg-idnum.h"
#include "wg-store-private.h"
#include "wg-table-reader.h"
#include "wg-table-writer.h"

#define MAX_PROBLEMS 1000
#define HEADER_SEARCH_ROWS 20

typedef struct
{
  const char *id;
  const char *label;
  /* normalised headers, '|' between them */
  const char *synonyms;
} Field;

#define ID_NUMBER_SYNONYMS "身份证号|身份证号码|证件号码|公民身份号码|身份证|证件号|idnumber|id_number|idcard"
#define PHONE_SYNONYMS "手机号|手机号码|联系电话|电话|联系方式|电话号码|phone|mobile"
#define GRID_SYNONYMS "网格编码|所属网格|所属网格编码|网格代码|微网格编码|网格|grid|gridcode|grid_code"
#define HOUSEHOLD_SYNONYMS "户编码|户编号|户号|家庭编码|户代码|household|householdcode|household_code"
#define ADDRESS_SYNONYMS "住址|家庭住址|现住址|居住地址|地址|address"

static const Field grid_fields[] = {
  { "code", N_("Grid code"), "网格编码|编码|网格代码|代码|区划代码|code|gridcode|grid_code" },
  { "name", N_("Grid name"), "网格名称|名称|网格名|name|gridname" },
  { "parent", N_("Parent grid code"), "上级网格编码|上级编码|上级网格|父级编码|上级代码|parent|parentcode|parent_code" },
  { "level", N_("Level"), "层级|级别|网格层级|level" },
  { NULL }
};

static const Field staff_fields[] = {
  { "grid", N_("Grid code"), GRID_SYNONYMS },
  { "name", N_("Full name"), "姓名|名字|name" },
  { "phone", N_("Phone"), PHONE_SYNONYMS },
  { "role", N_("Role"), "职务|角色|岗位|职责|role" },
  { "id_number", N_("ID number"), ID_NUMBER_SYNONYMS },
  { NULL }
};

static const Field household_fields[] = {
  { "code", N_("Household code"), HOUSEHOLD_SYNONYMS },
  { "grid", N_("Grid code"), GRID_SYNONYMS },
  { "address", N_("Address"), ADDRESS_SYNONYMS },
  { "head", N_("Head of household"), "户主|户主姓名|head" },
  { "head_id", N_("Head's ID number"), "户主身份证号|户主身份证号码|户主证件号码|headidnumber|head_id_number" },
  { NULL }
};

static const Field person_fields[] = {
  { "id_number", N_("ID number"), ID_NUMBER_SYNONYMS },
  { "name", N_("Full name"), "姓名|名字|name" },
  { "phone", N_("Phone"), PHONE_SYNONYMS },
  { "household", N_("Household code"), HOUSEHOLD_SYNONYMS },
  { "relation", N_("Relation to the head"), "与户主关系|关系|家庭关系|relation" },
  { "residency", N_("Residency"), "居住状态|人员类型|在家情况|人员状态|residency" },
  { NULL }
};

static const Field returnee_fields[] = {
  { "id_number", N_("ID number"), ID_NUMBER_SYNONYMS },
  { "name", N_("Full name"), "姓名|名字|name" },
  { "phone", N_("Phone"), PHONE_SYNONYMS },
  { "arrived_on", N_("Arrival date"), "返乡日期|到达日期|抵曲日期|抵达日期|返回日期|到曲日期|返乡时间|到达时间|arrivedon|arrived_on|arrival|arrivaldate" },
  { "from", N_("Coming from"), "来源地|从何地返回|出发地|来自|来源|返回地|from|origin" },
  { "province", N_("Province"), "来源省份|省份|省|province" },
  { "city", N_("City"), "来源城市|城市|市|city" },
  { "district", N_("District"), "来源区县|区县|县区|区|district" },
  { "risk", N_("Risk area"), "是否中高风险地区|风险地区|风险等级|是否来自风险地区|风险|risk" },
  { "transport", N_("Transport"), "交通方式|车次航班|车次/航班|车次|航班号|航班|交通工具|transport" },
  { "grid", N_("Grid code"), GRID_SYNONYMS },
  { "household", N_("Household code"), HOUSEHOLD_SYNONYMS },
  { "address", N_("Address"), ADDRESS_SYNONYMS },
  { NULL }
};

static const struct
{
  const char *name;
  const char *label;
  const Field *fields;
  const char *required[4];
} kinds[] = {
  [WG_IMPORT_KIND_GRIDS] = { "grids", N_("Grid register"), grid_fields, { "code", "name" } },
  [WG_IMPORT_KIND_STAFF] = { "staff", N_("Staff register"), staff_fields, { "grid", "name", "role" } },
  [WG_IMPORT_KIND_HOUSEHOLDS] = { "households", N_("Household register"), household_fields, { "code", "grid", "address" } },
  [WG_IMPORT_KIND_PEOPLE] = { "people", N_("Person register"), person_fields, { "id_number", "name" } },
  [WG_IMPORT_KIND_RETURNEES] = { "returnees", N_("Returnee list"), returnee_fields, { "id_number", "name", "arrived_on" } },
};

#define N_FIELDS_MAX 16

const char *
wg_import_kind_to_string (WgImportKind kind)
{
  g_return_val_if_fail (kind <= WG_IMPORT_KIND_RETURNEES, NULL);
  return kinds[kind].name;
}

gboolean
wg_import_kind_from_string (const char   *text,
                            WgImportKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (text, kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wg_import_kind_label (WgImportKind kind)
{
  g_return_val_if_fail (kind <= WG_IMPORT_KIND_RETURNEES, NULL);
  return _(kinds[kind].label);
}

/**
 * wg_import_list_fields:
 *
 * Returns: (transfer full): the field ids a list of @kind can fill, in order
 */
GStrv
wg_import_list_fields (WgImportKind kind)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const Field *f = kinds[kind].fields; f->id != NULL; f++)
    g_strv_builder_add (builder, f->id);
  return g_strv_builder_end (builder);
}

const char *
wg_import_field_label (WgImportKind  kind,
                       const char   *field)
{
  for (const Field *f = kinds[kind].fields; f->id != NULL; f++)
    if (g_str_equal (f->id, field))
      return _(f->label);
  return field;
}

const char *
wg_row_verdict_label (WgRowVerdict verdict)
{
  switch (verdict)
    {
    case WG_ROW_VERDICT_NEW: return _("New");
    case WG_ROW_VERDICT_ADDED: return _("Added to a record");
    case WG_ROW_VERDICT_SAME: return _("Already there");
    case WG_ROW_VERDICT_CONFLICT: return _("Conflicts");
    case WG_ROW_VERDICT_INVALID: return _("Invalid");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * wg_import_normalize_header:
 *
 * "  身份证号码（必填）" and "身份证号码*" and "ＩＤ Number" read as
 * "身份证号码" and "idnumber": full-width folded (NFKC), spaces and
 * underscores kept only between ASCII letters, a bracketed note and a
 * trailing star dropped, ASCII lower-cased.
 */
char *
wg_import_normalize_header (const char *header)
{
  g_autofree char *folded = g_utf8_normalize (header != NULL ? header : "", -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);
  int depth = 0;

  if (folded == NULL)
    return g_string_free (out, FALSE);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == '[' || c == 0x3010 /* 【 */)
        depth++;
      else if ((c == ')' || c == ']' || c == 0x3011) && depth > 0)
        depth--;
      else if (depth > 0 || g_unichar_isspace (c) || c == '*' || c == ':' || c == 0xFEFF)
        continue;
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static const Field *
find_field (WgImportKind kind,
            const char  *id)
{
  for (const Field *f = kinds[kind].fields; f->id != NULL; f++)
    if (g_str_equal (f->id, id))
      return f;
  return NULL;
}

static gboolean
synonym_matches (const Field *field,
                 const char  *normalized)
{
  const char *p = field->synonyms;
  gsize len = strlen (normalized);

  if (len == 0)
    return FALSE;
  while (p != NULL && *p != '\0')
    {
      const char *bar = strchr (p, '|');
      gsize n = bar != NULL ? (gsize) (bar - p) : strlen (p);

      if (n == len && strncmp (p, normalized, n) == 0)
        return TRUE;
      p = bar != NULL ? bar + 1 : NULL;
    }
  return FALSE;
}

GHashTable *
wg_import_mapping_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * wg_import_mapping_add:
 * @assignment: "HEADER=FIELD" (FIELD a field id or "-" to ignore the column)
 */
gboolean
wg_import_mapping_add (GHashTable    *mapping,
                       WgImportKind   kind,
                       const char    *assignment,
                       GError       **error)
{
  const char *eq = strrchr (assignment, '=');
  g_autofree char *header = NULL;
  g_autofree char *raw_header = NULL;
  const char *field;

  if (eq == NULL || eq == assignment)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Write a mapping as HEADER=FIELD, for example 联系方式=phone (or HEADER=- to ignore a column)."));
      return FALSE;
    }
  raw_header = g_strndup (assignment, eq - assignment);
  header = wg_import_normalize_header (raw_header);
  field = eq + 1;
  if (!g_str_equal (field, "-") && find_field (kind, field) == NULL)
    {
      g_auto(GStrv) ids = wg_import_list_fields (kind);
      g_autofree char *list = g_strjoinv (", ", ids);

      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("“%s” is not a field of %s; the fields are %s."), field, kinds[kind].name, list);
      return FALSE;
    }
  g_hash_table_replace (mapping, g_steal_pointer (&header), g_strdup (g_str_equal (field, "-") ? "" : field));
  return TRUE;
}

void
wg_import_report_free (WgImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->format);
  g_free (report->encoding);
  g_free (report->sha256);
  g_strfreev (report->headers);
  g_strfreev (report->fields);
  g_strfreev (report->ignored);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report->rejected_path);
  g_free (report);
}

static void
problem_free (gpointer data)
{
  WgImportProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

/* ---- the run ---- */

typedef struct
{
  WgStore *store;
  const WgImportOptions *options;
  WgImportKind kind;
  WgImportReport *report;
  WgTableReader *reader;
  const WgTableRow *row;
  int column[N_FIELDS_MAX];      /* per field of the kind: the column, or -1 */
  const Field *fields;
  GHashTable *seen;              /* key → first row number */
  gint64 batch_id;
  GDate today;
  char today_text[11];
  GString *message;
  WgTableWriter *rejected;       /* with skip_invalid: the refused rows */
  GPtrArray *pending;            /* PendingPerson: new people, inserted in batches */
  gboolean create_households;    /* the screening form may register a household */
} Import;

/* A new person waiting for the batch's one INSERT. */
typedef struct
{
  gint64 household_id;
  char *id_number;
  char *name;
  int sex;
  char birth_date[11];
  char *phone;
  char *relation;
  int residency;
  guint row;
} PendingPerson;

static void
pending_person_free (gpointer data)
{
  PendingPerson *p = data;

  g_free (p->id_number);
  g_free (p->name);
  g_free (p->phone);
  g_free (p->relation);
  g_free (p);
}

#define BATCH_SIZE 256

static int
field_index (Import     *imp,
             const char *id)
{
  for (int i = 0; imp->fields[i].id != NULL; i++)
    if (g_str_equal (imp->fields[i].id, id))
      return i;
  g_return_val_if_reached (-1);
}

/* A cell, trimmed (ASCII and ideographic spaces), or NULL when the file has
 * no such column or the cell is empty. */
static char *
cell (Import     *imp,
      const char *id)
{
  int column = imp->column[field_index (imp, id)];
  const char *raw;
  const char *start, *end;

  if (column < 0 || (guint) column >= imp->row->n_cells)
    return NULL;
  raw = imp->row->cells[column];
  start = raw;
  end = raw + strlen (raw);
  while (start < end && (g_unichar_isspace (g_utf8_get_char (start)) || g_utf8_get_char (start) == 0xFEFF))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return end > start ? g_strndup (start, end - start) : NULL;
}

static gboolean
has_cell (Import     *imp,
          const char *id)
{
  g_autofree char *text = cell (imp, id);

  return text != NULL;
}

static gboolean
cell_numeric (Import     *imp,
              const char *id)
{
  int column = imp->column[field_index (imp, id)];

  return column >= 0 && (guint) column < imp->row->n_cells && imp->row->numeric[column];
}

static gboolean
invalid (Import     *imp,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (Import     *imp,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_string_vprintf (imp->message, format, args);
  va_end (args);
  return FALSE;
}

/* Code-like text: full-width folded, every space gone. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* A number a spreadsheet stored ("1.41021E+17", "13912345678"): as digits
 * when it is a whole number that a double holds exactly, else NULL. */
static char *
whole_number (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !(value >= 0) || value > 9007199254740992.0 || value != floor (value))
    return NULL;
  return g_strdup_printf ("%.0f", value);
}

static gboolean
looks_scientific (const char *text)
{
  return strchr (text, 'E') != NULL || strchr (text, 'e') != NULL;
}

static gboolean
read_id_number (Import     *imp,
                const char *id,
                char      **out)
{
  g_autofree char *raw = cell (imp, id);
  g_autofree char *folded = NULL;
  g_autoptr(GError) error = NULL;

  if (raw == NULL)
    return invalid (imp, _("%s is empty."), wg_import_field_label (imp->kind, id));
  folded = fold (raw);
  if (cell_numeric (imp, id) || (looks_scientific (folded) && g_ascii_isdigit (folded[0])))
    return invalid (imp, _("%s “%s” was turned into a number by the spreadsheet and lost its last digits: format the column as text and enter the numbers again."),
                    wg_import_field_label (imp->kind, id), raw);
  if (strlen (folded) == 18 && folded[17] == 'x')
    folded[17] = 'X';
  if (strlen (folded) == 15)
    {
      char *converted = wg_id_number_from_legacy (folded);

      if (converted != NULL)
        {
          g_free (folded);
          folded = converted;
        }
    }
  if (!wg_id_number_validate (folded, &imp->today, &error))
    return invalid (imp, "%s", error->message);
  *out = g_steal_pointer (&folded);
  return TRUE;
}

static gboolean
read_phone (Import  *imp,
            char   **out)
{
  g_autofree char *raw = cell (imp, "phone");
  g_autofree char *folded = NULL;
  g_autoptr(GError) error = NULL;

  *out = NULL;
  if (raw == NULL)
    return TRUE;
  folded = fold (raw);
  if (cell_numeric (imp, "phone") || looks_scientific (folded))
    {
      char *digits = whole_number (folded);

      if (digits != NULL)
        {
          g_free (folded);
          folded = digits;
        }
    }
  if (!wg_phone_validate (folded, &error))
    return invalid (imp, "%s", error->message);
  *out = g_steal_pointer (&folded);
  return TRUE;
}

/* 2026-11-21, 2026/11/21, 2026.11.21, 2026年11月21日, 20261121, with a
 * time after it or not; or an XLSX date serial. */
static gboolean
read_day (Import     *imp,
          const char *id,
          char        day[11])
{
  g_autofree char *raw = cell (imp, id);
  g_autofree char *folded = NULL;
  guint y = 0, m = 0, d = 0;
  const char *p;

  if (raw == NULL)
    return invalid (imp, _("%s is empty."), wg_import_field_label (imp->kind, id));
  if (cell_numeric (imp, id))
    {
      char *end;
      double serial = g_ascii_strtod (raw, &end);

      if (*end != '\0' || !wg_table_serial_to_day (serial, wg_table_reader_get_date1904 (imp->reader), day))
        return invalid (imp, _("%s “%s” is not a date."), wg_import_field_label (imp->kind, id), raw);
      return TRUE;
    }
  folded = fold (raw);
  p = folded;
  if (strlen (p) >= 8 && g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[7]) &&
      sscanf (p, "%4u%2u%2u", &y, &m, &d) == 3 && (p[8] == '\0' || !g_ascii_isdigit (p[8])))
    ;
  else
    {
      char *end;

      y = (guint) strtoul (p, &end, 10);
      if (end == p || !(g_str_has_prefix (end, "-") || g_str_has_prefix (end, "/") ||
                        g_str_has_prefix (end, ".") || g_str_has_prefix (end, "年")))
        return invalid (imp, _("%s “%s” is not a date: write it as 2026-11-21."), wg_import_field_label (imp->kind, id), raw);
      p = end + (g_str_has_prefix (end, "年") ? strlen ("年") : 1);
      m = (guint) strtoul (p, &end, 10);
      if (end == p || !(g_str_has_prefix (end, "-") || g_str_has_prefix (end, "/") ||
                        g_str_has_prefix (end, ".") || g_str_has_prefix (end, "月")))
        return invalid (imp, _("%s “%s” is not a date: write it as 2026-11-21."), wg_import_field_label (imp->kind, id), raw);
      p = end + (g_str_has_prefix (end, "月") ? strlen ("月") : 1);
      d = (guint) strtoul (p, &end, 10);
      if (end == p)
        return invalid (imp, _("%s “%s” is not a date: write it as 2026-11-21."), wg_import_field_label (imp->kind, id), raw);
      if (g_str_has_prefix (end, "日"))
        end += strlen ("日");
      if (*end != '\0' && !g_ascii_isdigit (*end) && *end != 'T')
        return invalid (imp, _("%s “%s” is not a date: write it as 2026-11-21."), wg_import_field_label (imp->kind, id), raw);
    }
  if (y < 1900 || y > 2100 || !g_date_valid_dmy (d, m, y))
    return invalid (imp, _("%s “%s” is not a day that exists."), wg_import_field_label (imp->kind, id), raw);
  g_snprintf (day, 11, "%04u-%02u-%02u", y, m, d);
  return TRUE;
}

static gboolean
read_grid_code (Import     *imp,
                const char *id,
                char      **out)
{
  g_autofree char *raw = cell (imp, id);
  g_autofree char *folded = NULL;

  *out = NULL;
  if (raw == NULL)
    return TRUE;
  folded = fold (raw);
  if (cell_numeric (imp, id) || looks_scientific (folded))
    {
      char *digits = whole_number (folded);

      if (digits == NULL)
        return invalid (imp, _("%s “%s” is not a grid code."), wg_import_field_label (imp->kind, id), raw);
      g_free (folded);
      folded = digits;
    }
  if (wg_grid_code_get_level (folded) == 0)
    return invalid (imp, _("%s “%s” is not a grid code (6, 9, 12, 14 or 16 digits)."),
                    wg_import_field_label (imp->kind, id), raw);
  *out = g_steal_pointer (&folded);
  return TRUE;
}

static gboolean
read_household_code (Import     *imp,
                     char      **out)
{
  g_autofree char *raw = cell (imp, imp->kind == WG_IMPORT_KIND_HOUSEHOLDS ? "code" : "household");
  g_autofree char *spaced = NULL;
  g_autofree char *folded = NULL;
  gsize len;

  *out = NULL;
  if (raw == NULL)
    return TRUE;
  spaced = fold (raw);
  folded = g_ascii_strup (spaced, -1);
  len = strlen (folded);
  if (len < 6 || len > 16 || strspn (folded, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != len)
    return invalid (imp, _("Household code “%s” is not 6 to 16 digits and capital letters."), raw);
  *out = g_steal_pointer (&folded);
  return TRUE;
}

static gboolean
read_text (Import     *imp,
           const char *id,
           guint       max,
           gboolean    required,
           char      **out)
{
  g_autofree char *raw = cell (imp, id);

  *out = NULL;
  if (raw == NULL)
    return required ? invalid (imp, _("%s is empty."), wg_import_field_label (imp->kind, id)) : TRUE;
  if (g_utf8_strlen (raw, -1) > max)
    return invalid (imp, _("%s is longer than %u characters."), wg_import_field_label (imp->kind, id), max);
  *out = g_steal_pointer (&raw);
  return TRUE;
}

static int
read_choice (const char        *text,
             const char *const *words,
             const int         *values,
             int                fallback)
{
  g_autofree char *spaced = NULL;
  g_autofree char *folded = NULL;

  if (text == NULL)
    return fallback;
  spaced = fold (text);
  folded = g_ascii_strdown (spaced, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_equal (folded, words[i]))
      return values[i];
  return -1;
}

/* The key of a row inside the file: a later row with the same key is the
 * bad one. */
static gboolean
first_in_file (Import     *imp,
               const char *key)
{
  gpointer first;

  if (g_hash_table_lookup_extended (imp->seen, key, NULL, &first))
    return invalid (imp, _("Repeats row %u of this file."), GPOINTER_TO_UINT (first));
  g_hash_table_insert (imp->seen, g_strdup (key), GUINT_TO_POINTER (imp->row->number));
  return TRUE;
}

static gint64
lookup_id (Import     *imp,
           const char *sql,
           const char *key,
           GError    **error)
{
  WgStmt *stmt = wg_store_prepare (imp->store, sql, error);
  gint64 id = 0;

  if (stmt == NULL)
    return -1;
  wg_stmt_bind_text (stmt, 1, key);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    id = wg_stmt_column_int64 (stmt, 0);
  wg_stmt_reset (stmt);
  return id;
}

static gboolean note_origin_at (Import *imp, const char *entity, gint64 id, guint row, GError **error);

static gboolean
note_origin (Import     *imp,
             const char *entity,
             gint64      id,
             GError    **error)
{
  return imp->batch_id == 0 || note_origin_at (imp, entity, id, imp->row->number, error);
}

static gboolean
note_origin_at (Import     *imp,
                const char *entity,
                gint64      id,
                guint       row,
                GError    **error)
{
  static const char sql[] =
    "INSERT INTO import_origin (entity, entity_id, batch_id, row) VALUES (?, ?, ?, ?)"
    " ON CONFLICT DO NOTHING";
  WgStmt *stmt;

  if (imp->batch_id == 0)
    return TRUE;
  if (!(stmt = wg_store_prepare (imp->store, sql, error)))
    return FALSE;
  wg_stmt_bind_text_static (stmt, 1, entity);
  wg_stmt_bind_int64 (stmt, 2, id);
  wg_stmt_bind_int64 (stmt, 3, imp->batch_id);
  wg_stmt_bind_int (stmt, 4, (int) row);
  return wg_store_step_done (imp->store, stmt, error);
}

/* A statement of this row failed on what the schema checks: the row is
 * invalid (the run goes on); anything else ends the run. */
static WgRowVerdict
step_failed (Import  *imp,
             GError **error,
             GError  *local)
{
  if (g_error_matches (local, WG_STORE_ERROR, WG_STORE_ERROR_INVALID) ||
      g_error_matches (local, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT))
    {
      invalid (imp, "%s", local->message);
      g_error_free (local);
      return WG_ROW_VERDICT_INVALID;
    }
  g_propagate_error (error, local);
  return (WgRowVerdict) -1;
}

/* An existing record the row describes: the same, or in conflict (the
 * differing fields become the row's message). */
static WgRowVerdict
compare_verdict (Import  *imp,
                 GString *diff)
{
  if (diff->len == 0)
    return WG_ROW_VERDICT_SAME;
  g_string_assign (imp->message, diff->str);
  return WG_ROW_VERDICT_CONFLICT;
}

/* Runs an INSERT of the row's and notes where the new record came from:
 * WG_ROW_VERDICT_NEW with its id, WG_ROW_VERDICT_INVALID when the schema refused the row,
 * -1 (error set) when the run must end. */
static WgRowVerdict
insert_record (Import        *imp,
               WgStmt  *stmt,
               const char    *entity,
               gint64        *id,
               GError       **error)
{
  GError *local = NULL;

  if (!wg_store_step_done (imp->store, stmt, &local))
    return step_failed (imp, error, local);
  *id = wg_store_last_insert_id (imp->store);
  if (!note_origin (imp, entity, *id, error))
    return -1;
  return WG_ROW_VERDICT_NEW;
}

static void
differs (GString    *diff,
         const char *what,
         const char *old_value,
         const char *new_value)
{
  if (g_strcmp0 (old_value != NULL ? old_value : "", new_value != NULL ? new_value : "") == 0)
    return;
  if (diff->len > 0)
    g_string_append (diff, _("; "));
  g_string_append_printf (diff, _("%s: “%s” here, “%s” in the file"), what,
                          old_value != NULL ? old_value : "", new_value != NULL ? new_value : "");
}

/* ---- one row of each kind ---- */

static WgRowVerdict
import_grid (Import  *imp,
             GError **error)
{
  static const char find_sql[] = "SELECT id, name FROM grid WHERE code = ?";
  static const char parent_sql[] = "SELECT id FROM grid WHERE code = ?";
  static const char county_sql[] = "SELECT code FROM grid WHERE level = 1";
  static const char insert_sql[] =
    "INSERT INTO grid (parent_id, level, code, name, position)"
    " VALUES (?1, ?2, ?3, ?4, (SELECT count (*) FROM grid WHERE parent_id IS NOT DISTINCT FROM ?1))";
  g_autofree char *code = NULL, *name = NULL, *parent = NULL, *level_text = NULL;
  g_autofree char *prefix = NULL;
  WgStmt *stmt;
  guint level;
  gint64 parent_id = 0, id;

  if (!read_grid_code (imp, "code", &code) || !read_text (imp, "name", 64, TRUE, &name) ||
      !read_grid_code (imp, "parent", &parent) || !read_text (imp, "level", 8, FALSE, &level_text))
    return WG_ROW_VERDICT_INVALID;
  if (code == NULL)
    return invalid (imp, _("%s is empty."), wg_import_field_label (imp->kind, "code")), WG_ROW_VERDICT_INVALID;
  level = wg_grid_code_get_level (code);
  if (level_text != NULL)
    {
      guint64 given;

      if (!g_ascii_string_to_unsigned (level_text, 10, 1, 5, &given, NULL) || given != level)
        return invalid (imp, _("Level “%s” does not fit code %s, which is a level-%u code."), level_text,
                        code, level), WG_ROW_VERDICT_INVALID;
    }
  if (level > 1)
    prefix = g_strndup (code, wg_grid_code_length (level - 1));
  if (parent != NULL && g_strcmp0 (parent, prefix) != 0)
    return invalid (imp, _("Parent grid code %s is not the start of code %s."), parent, code), WG_ROW_VERDICT_INVALID;
  if (!first_in_file (imp, code))
    return WG_ROW_VERDICT_INVALID;

  if (!(stmt = wg_store_prepare (imp->store, find_sql, error)))
    return -1;
  wg_stmt_bind_text_static (stmt, 1, code);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      g_autoptr(GString) diff = g_string_new (NULL);

      differs (diff, _("Name"), wg_stmt_column_text (stmt, 1), name);
      wg_stmt_reset (stmt);
      return compare_verdict (imp, diff);
    }
  wg_stmt_reset (stmt);

  if (level == 1)
    {
      g_auto(GStrv) counties = NULL;

      if (!(stmt = wg_store_prepare (imp->store, county_sql, error)) ||
          !(counties = wg_store_collect_strings (imp->store, stmt, error)))
        return -1;
      if (counties[0] != NULL)
        return invalid (imp, _("The database already holds county %s; one database holds one county."),
                        counties[0]), WG_ROW_VERDICT_INVALID;
    }
  else
    {
      if ((parent_id = lookup_id (imp, parent_sql, prefix, error)) < 0)
        return -1;
      if (parent_id == 0)
        return invalid (imp, _("Parent grid %s is neither in the database nor in an earlier row."), prefix),
               WG_ROW_VERDICT_INVALID;
    }

  if (!(stmt = wg_store_prepare (imp->store, insert_sql, error)))
    return -1;
  if (parent_id > 0)
    wg_stmt_bind_int64 (stmt, 1, parent_id);
  wg_stmt_bind_int (stmt, 2, (int) level);
  wg_stmt_bind_text_static (stmt, 3, code);
  wg_stmt_bind_text_static (stmt, 4, name);
  return insert_record (imp, stmt, "grid", &id, error);
}

static int
read_role (const char *text)
{
  static const char *const words[] = {
    "网格长", "网格员", "防疫专员", "中心户长", "包片干部", "包联干部", "下沉干部",
    "1", "2", "3", "4", "5", "grid leader", "grid worker", "epidemic commissioner",
    "central household", "assigned cadre", NULL
  };
  static const int values[] = { 1, 2, 3, 4, 5, 5, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5 };

  return read_choice (text, words, values, -1);
}

static WgRowVerdict
import_staff (Import  *imp,
              GError **error)
{
  static const char grid_sql[] = "SELECT id FROM grid WHERE code = ?";
  static const char by_phone_sql[] = "SELECT id, name FROM staff WHERE phone = ?";
  static const char by_name_sql[] =
    "SELECT s.id, s.name FROM staff s JOIN grid_staff gs ON gs.staff_id = s.id"
    " WHERE s.name = ? AND gs.grid_id = ? AND s.phone IS NULL LIMIT 1";
  static const char has_role_sql[] =
    "SELECT 1 FROM grid_staff WHERE grid_id = ? AND staff_id = ? AND role = ?";
  static const char person_sql[] = "SELECT id FROM person WHERE id_number = ?";
  static const char insert_sql[] = "INSERT INTO staff (name, phone, person_id) VALUES (?, ?, ?)";
  static const char role_sql[] = "INSERT INTO grid_staff (grid_id, staff_id, role) VALUES (?, ?, ?)";
  g_autofree char *grid = NULL, *name = NULL, *phone = NULL, *role_text = NULL, *id_number = NULL;
  g_autofree char *key = NULL;
  GError *local = NULL;
  WgRowVerdict verdict;
  WgStmt *stmt;
  gint64 grid_id, staff_id = 0, person_id = 0;
  int role;
  gboolean has_role = FALSE;
  gboolean existing;

  if (!read_grid_code (imp, "grid", &grid) || !read_text (imp, "name", 32, TRUE, &name) ||
      !read_phone (imp, &phone) || !read_text (imp, "role", 32, TRUE, &role_text))
    return WG_ROW_VERDICT_INVALID;
  if (grid == NULL)
    return invalid (imp, _("%s is empty."), wg_import_field_label (imp->kind, "grid")), WG_ROW_VERDICT_INVALID;
  if ((role = read_role (role_text)) < 0)
    return invalid (imp, _("Role “%s” is none of 网格长, 网格员, 防疫专员, 中心户长, 包片干部."), role_text),
           WG_ROW_VERDICT_INVALID;
  if (has_cell (imp, "id_number") && !read_id_number (imp, "id_number", &id_number))
    return WG_ROW_VERDICT_INVALID;
  key = g_strdup_printf ("%s|%s|%d", grid, phone != NULL ? phone : name, role);
  if (!first_in_file (imp, key))
    return WG_ROW_VERDICT_INVALID;

  if ((grid_id = lookup_id (imp, grid_sql, grid, error)) < 0)
    return -1;
  if (grid_id == 0)
    return invalid (imp, _("Grid %s is not in the database."), grid), WG_ROW_VERDICT_INVALID;

  if (!(stmt = wg_store_prepare (imp->store, phone != NULL ? by_phone_sql : by_name_sql, error)))
    return -1;
  wg_stmt_bind_text_static (stmt, 1, phone != NULL ? phone : name);
  if (phone == NULL)
    wg_stmt_bind_int64 (stmt, 2, grid_id);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      g_autoptr(GString) diff = g_string_new (NULL);

      staff_id = wg_stmt_column_int64 (stmt, 0);
      differs (diff, _("Full name"), wg_stmt_column_text (stmt, 1), name);
      wg_stmt_reset (stmt);
      if (diff->len > 0)
        {
          g_string_assign (imp->message, diff->str);
          return WG_ROW_VERDICT_CONFLICT;
        }
    }
  wg_stmt_reset (stmt);

  existing = staff_id > 0;
  if (existing)
    {
      if (!(stmt = wg_store_prepare (imp->store, has_role_sql, error)))
        return -1;
      wg_stmt_bind_int64 (stmt, 1, grid_id);
      wg_stmt_bind_int64 (stmt, 2, staff_id);
      wg_stmt_bind_int (stmt, 3, role);
      has_role = wg_stmt_step (stmt) == WG_STMT_ROW;
      wg_stmt_reset (stmt);
      if (has_role)
        return WG_ROW_VERDICT_SAME;
    }
  else
    {
      if (id_number != NULL && (person_id = lookup_id (imp, person_sql, id_number, error)) < 0)
        return -1;
      if (!(stmt = wg_store_prepare (imp->store, insert_sql, error)))
        return -1;
      wg_stmt_bind_text_static (stmt, 1, name);
      if (phone != NULL)
        wg_stmt_bind_text_static (stmt, 2, phone);
      if (person_id > 0)
        wg_stmt_bind_int64 (stmt, 3, person_id);
      if ((verdict = insert_record (imp, stmt, "staff", &staff_id, error)) != WG_ROW_VERDICT_NEW)
        return verdict;
    }

  if (!(stmt = wg_store_prepare (imp->store, role_sql, error)))
    return -1;
  wg_stmt_bind_int64 (stmt, 1, grid_id);
  wg_stmt_bind_int64 (stmt, 2, staff_id);
  wg_stmt_bind_int (stmt, 3, role);
  if (!wg_store_step_done (imp->store, stmt, &local))
    return step_failed (imp, error, local);
  return existing ? WG_ROW_VERDICT_ADDED : WG_ROW_VERDICT_NEW;
}

/* A grid by code that must be a micro-grid; 0 with the message set when not. */
static gint64
micro_grid (Import     *imp,
            const char *code,
            GError    **error)
{
  static const char sql[] = "SELECT id, level FROM grid WHERE code = ?";
  WgStmt *stmt = wg_store_prepare (imp->store, sql, error);
  gint64 id = 0;
  int level = 0;

  if (stmt == NULL)
    return -1;
  wg_stmt_bind_text_static (stmt, 1, code);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      id = wg_stmt_column_int64 (stmt, 0);
      level = wg_stmt_column_int (stmt, 1);
    }
  wg_stmt_reset (stmt);
  if (id == 0)
    return invalid (imp, _("Grid %s is not in the database."), code), 0;
  if (level != WG_GRID_LEVEL_MICRO)
    return invalid (imp, _("Grid %s is not a micro-grid: households belong to micro-grids (16-digit codes)."),
                    code), 0;
  return id;
}

static WgRowVerdict
import_household (Import  *imp,
                  GError **error)
{
  static const char find_sql[] =
    "SELECT h.id, h.address, g.code, h.head_id FROM household h JOIN grid g ON g.id = h.grid_id WHERE h.code = ?";
  static const char person_sql[] = "SELECT id, name FROM person WHERE id_number = ?";
  static const char insert_sql[] = "INSERT INTO household (grid_id, code, address, head_id) VALUES (?, ?, ?, ?)";
  g_autofree char *code = NULL, *grid = NULL, *address = NULL, *head = NULL, *head_id_number = NULL;
  WgStmt *stmt;
  gint64 grid_id, head_id = 0, id;

  if (!read_household_code (imp, &code) || !read_grid_code (imp, "grid", &grid) ||
      !read_text (imp, "address", 128, TRUE, &address) || !read_text (imp, "head", 32, FALSE, &head))
    return WG_ROW_VERDICT_INVALID;
  if (code == NULL)
    return invalid (imp, _("%s is empty."), wg_import_field_label (imp->kind, "code")), WG_ROW_VERDICT_INVALID;
  if (grid == NULL)
    return invalid (imp, _("%s is empty."), wg_import_field_label (imp->kind, "grid")), WG_ROW_VERDICT_INVALID;
  if (has_cell (imp, "head_id") && !read_id_number (imp, "head_id", &head_id_number))
    return WG_ROW_VERDICT_INVALID;
  if (!first_in_file (imp, code))
    return WG_ROW_VERDICT_INVALID;
  if ((grid_id = micro_grid (imp, grid, error)) <= 0)
    return grid_id < 0 ? (WgRowVerdict) -1 : WG_ROW_VERDICT_INVALID;

  if (head_id_number != NULL)
    {
      if (!(stmt = wg_store_prepare (imp->store, person_sql, error)))
        return -1;
      wg_stmt_bind_text_static (stmt, 1, head_id_number);
      if (wg_stmt_step (stmt) == WG_STMT_ROW)
        {
          head_id = wg_stmt_column_int64 (stmt, 0);
          if (head != NULL && g_strcmp0 (head, wg_stmt_column_text (stmt, 1)) != 0)
            {
              invalid (imp, _("The head's ID number belongs to %s, not %s."),
                       wg_stmt_column_text (stmt, 1), head);
              wg_stmt_reset (stmt);
              return WG_ROW_VERDICT_INVALID;
            }
        }
      wg_stmt_reset (stmt);
    }

  if (!(stmt = wg_store_prepare (imp->store, find_sql, error)))
    return -1;
  wg_stmt_bind_text_static (stmt, 1, code);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      g_autoptr(GString) diff = g_string_new (NULL);

      differs (diff, _("Address"), wg_stmt_column_text (stmt, 1), address);
      differs (diff, _("Grid"), wg_stmt_column_text (stmt, 2), grid);
      if (head_id > 0 && !wg_stmt_column_is_null (stmt, 3) && wg_stmt_column_int64 (stmt, 3) != head_id)
        differs (diff, _("Head of household"), _("another person"), head_id_number);
      wg_stmt_reset (stmt);
      return compare_verdict (imp, diff);
    }
  wg_stmt_reset (stmt);

  if (!(stmt = wg_store_prepare (imp->store, insert_sql, error)))
    return -1;
  wg_stmt_bind_int64 (stmt, 1, grid_id);
  wg_stmt_bind_text_static (stmt, 2, code);
  wg_stmt_bind_text_static (stmt, 3, address);
  if (head_id > 0)
    wg_stmt_bind_int64 (stmt, 4, head_id);
  return insert_record (imp, stmt, "household", &id, error);
}

static int
read_residency (const char *text)
{
  static const char *const words[] = {
    "在家", "常住", "在本地", "在村", "居家", "本地", "在外", "外出", "外出务工", "在外人员", "外地",
    "返乡", "返乡人员", "返回", "已返乡", "0", "1", "2", "home", "away", "returnee", NULL
  };
  static const int values[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 1, 2 };

  return read_choice (text, words, values, 0);
}

static gboolean
is_head_relation (const char *relation)
{
  return relation != NULL && (g_str_equal (relation, "户主") || g_str_equal (relation, "本人"));
}

/* The statement that writes @n rows at once: @head, then @n groups of
 * @width placeholders. Made once per size and kept (statements are cached
 * by the address of their text). */
static const char *
batch_sql (char       **cache,
           guint        n,
           const char  *head,
           const char  *row,
           const char  *tail)
{
  G_LOCK_DEFINE_STATIC (batches);
  const char *sql;

  G_LOCK (batches);
  if (cache[n] == NULL)
    {
      GString *text = g_string_new (head);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", row);
      g_string_append (text, tail);
      cache[n] = g_string_free (text, FALSE);
    }
  sql = cache[n];
  G_UNLOCK (batches);
  return sql;
}

static void
bind_text_or_null (WgStmt     *stmt,
                   int         index,
                   const char *text)
{
  if (text != NULL)
    wg_stmt_bind_text_static (stmt, index, text);
  else
    wg_stmt_bind_null (stmt, index);
}

/* The batch of new people in one INSERT: a statement that fires the search
 * index's trigger makes FTS5 flush its pending terms, so one statement per
 * person made a county's register three times slower. Every value was
 * checked before it was queued, and the IDs are told apart within the file
 * (first_in_file), so the batch goes in whole. One multi-row VALUES, the
 * same text on both engines. */
static gboolean
flush_people (Import  *imp,
              GError **error)
{
  static char *insert_sqls[BATCH_SIZE + 1];
  static char *origin_sqls[BATCH_SIZE + 1];
  static const char head_sql[] = "UPDATE household SET head_id = ? WHERE id = ? AND head_id IS NULL";
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  guint n = imp->pending->len;
  WgStmt *stmt;
  int rc;

  if (n == 0)
    return TRUE;
  g_assert (n <= BATCH_SIZE);

  if (!(stmt = wg_store_prepare (imp->store,
                                 batch_sql (insert_sqls, n,
                                            "INSERT INTO person (household_id, id_number, name, sex, birth_date,"
                                            " phone, relation, residency) VALUES ",
                                            "(?, ?, ?, ?, ?, ?, ?, ?)", " RETURNING id, id_number"),
                                 error)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      PendingPerson *p = imp->pending->pdata[i];
      int k = 8 * i;

      if (p->household_id > 0)
        wg_stmt_bind_int64 (stmt, k + 1, p->household_id);
      else
        wg_stmt_bind_null (stmt, k + 1);
      wg_stmt_bind_text_static (stmt, k + 2, p->id_number);
      wg_stmt_bind_text_static (stmt, k + 3, p->name);
      wg_stmt_bind_int (stmt, k + 4, p->sex);
      wg_stmt_bind_text_static (stmt, k + 5, p->birth_date);
      bind_text_or_null (stmt, k + 6, p->phone);
      bind_text_or_null (stmt, k + 7, p->relation);
      wg_stmt_bind_int (stmt, k + 8, p->residency);
      g_hash_table_insert (by_id, p->id_number, p);
    }
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (stmt, 0);
      PendingPerson *p = g_hash_table_lookup (by_id, wg_stmt_column_text (stmt, 1));

      g_array_append_val (ids, id);
      g_ptr_array_add (order, p);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      PendingPerson *first = imp->pending->pdata[0];
      PendingPerson *last = imp->pending->pdata[n - 1];
      g_autoptr(GError) local = NULL;

      wg_store_set_error (imp->store, rc, &local);
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Rows %u to %u could not be written: %s"), first->row, last->row, local->message);
      return FALSE;
    }

  if (imp->batch_id > 0 && order->len > 0)
    {
      if (!(stmt = wg_store_prepare (imp->store,
                                     batch_sql (origin_sqls, order->len,
                                                "INSERT INTO import_origin (entity, entity_id, batch_id, row) VALUES ",
                                                "('person', ?, ?, ?)", " ON CONFLICT DO NOTHING"),
                                     error)))
        return FALSE;
      for (guint i = 0; i < order->len; i++)
        {
          PendingPerson *p = order->pdata[i];

          wg_stmt_bind_int64 (stmt, 3 * i + 1, g_array_index (ids, gint64, i));
          wg_stmt_bind_int64 (stmt, 3 * i + 2, imp->batch_id);
          wg_stmt_bind_int (stmt, 3 * i + 3, p != NULL ? (int) p->row : 0);
        }
      if (!wg_store_step_done (imp->store, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < order->len; i++)
    {
      PendingPerson *p = order->pdata[i];
      gint64 id = g_array_index (ids, gint64, i);

      if (p == NULL)
        continue;
      if (p->household_id > 0 && is_head_relation (p->relation))
        {
          if (!(stmt = wg_store_prepare (imp->store, head_sql, error)))
            return FALSE;
          wg_stmt_bind_int64 (stmt, 1, id);
          wg_stmt_bind_int64 (stmt, 2, p->household_id);
          if (!wg_store_step_done (imp->store, stmt, error))
            return FALSE;
        }
    }
  g_ptr_array_set_size (imp->pending, 0);
  return TRUE;
}

static WgRowVerdict
import_person (Import  *imp,
               GError **error)
{
  static const char find_sql[] =
    "SELECT p.id, p.name, p.phone, h.code, p.relation, p.residency FROM person p"
    " LEFT JOIN household h ON h.id = p.household_id WHERE p.id_number = ?";
  static const char household_sql[] = "SELECT id FROM household WHERE code = ?";
  g_autofree char *id_number = NULL, *name = NULL, *phone = NULL, *household = NULL;
  g_autofree char *relation = NULL, *residency_text = NULL;
  WgStmt *stmt;
  gint64 household_id = 0;
  int residency;
  GDate birth;

  if (!read_id_number (imp, "id_number", &id_number) || !read_text (imp, "name", 32, TRUE, &name) ||
      !read_phone (imp, &phone) || !read_household_code (imp, &household) ||
      !read_text (imp, "relation", 16, FALSE, &relation) || !read_text (imp, "residency", 16, FALSE, &residency_text))
    return WG_ROW_VERDICT_INVALID;
  if ((residency = read_residency (residency_text)) < 0)
    return invalid (imp, _("Residency “%s” is none of 在家, 在外, 返乡."), residency_text), WG_ROW_VERDICT_INVALID;
  if (!first_in_file (imp, id_number))
    return WG_ROW_VERDICT_INVALID;
  if (household != NULL)
    {
      if ((household_id = lookup_id (imp, household_sql, household, error)) < 0)
        return -1;
      if (household_id == 0)
        return invalid (imp, _("Household %s is not in the database."), household), WG_ROW_VERDICT_INVALID;
    }

  if (!(stmt = wg_store_prepare (imp->store, find_sql, error)))
    return -1;
  wg_stmt_bind_text_static (stmt, 1, id_number);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      g_autoptr(GString) diff = g_string_new (NULL);

      differs (diff, _("Full name"), wg_stmt_column_text (stmt, 1), name);
      if (phone != NULL)
        differs (diff, _("Phone"), wg_stmt_column_text (stmt, 2), phone);
      if (household != NULL)
        differs (diff, _("Household"), wg_stmt_column_text (stmt, 3), household);
      if (relation != NULL)
        differs (diff, _("Relation to the head"), wg_stmt_column_text (stmt, 4), relation);
      wg_stmt_reset (stmt);
      return compare_verdict (imp, diff);
    }
  wg_stmt_reset (stmt);

  {
    PendingPerson *p = g_new0 (PendingPerson, 1);

    wg_id_number_get_birth_date (id_number, &birth);
    g_snprintf (p->birth_date, sizeof p->birth_date, "%04u-%02u-%02u", g_date_get_year (&birth),
                g_date_get_month (&birth), g_date_get_day (&birth));
    p->household_id = household_id;
    p->id_number = g_steal_pointer (&id_number);
    p->name = g_steal_pointer (&name);
    p->sex = wg_id_number_get_sex (p->id_number);
    p->phone = g_steal_pointer (&phone);
    p->relation = g_steal_pointer (&relation);
    p->residency = residency;
    p->row = imp->row->number;
    g_ptr_array_add (imp->pending, p);
  }
  if (imp->pending->len >= BATCH_SIZE && !flush_people (imp, error))
    return -1;
  return WG_ROW_VERDICT_NEW;
}

static int
read_risk (const char *text)
{
  static const char *const words[] = {
    "否", "无", "不是", "低", "低风险", "低风险地区", "常态化", "0", "no", "low",
    "中", "中风险", "中风险地区", "是", "1", "yes", "medium",
    "高", "高风险", "高风险地区", "2", "high", NULL
  };
  static const int values[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2 };

  return read_choice (text, words, values, 0);
}

static WgRowVerdict
import_returnee (Import  *imp,
                 GError **error)
{
  static const char find_sql[] =
    "SELECT p.id, p.name, p.phone, p.household_id, h.grid_id FROM person p"
    " LEFT JOIN household h ON h.id = p.household_id WHERE p.id_number = ?";
  static const char grid_sql[] = "SELECT id FROM grid WHERE code = ?";
  static const char household_sql[] = "SELECT id, grid_id FROM household WHERE code = ?";
  static const char by_address_sql[] =
    "SELECT h.id, h.grid_id FROM household h JOIN grid g ON g.id = h.grid_id"
    " WHERE h.address = ?1 AND (?2 IS NULL OR substr (g.code, 1, length (?2)) = ?2) LIMIT 2";
  static const char arrival_sql[] = "SELECT 1 FROM returnee WHERE person_id = ? AND arrived_on = ?";
  static const char insert_person_sql[] =
    "INSERT INTO person (household_id, id_number, name, sex, birth_date, phone, residency, returned_on)"
    " VALUES (?, ?, ?, ?, ?, ?, 2, ?)";
  static const char update_person_sql[] =
    "UPDATE person SET residency = 2, returned_on = ?2"
    " WHERE id = ?1 AND (returned_on IS NULL OR returned_on < ?2)";
  static const char insert_sql[] =
    "INSERT INTO returnee (person_id, arrived_on, from_place, risk, transport, channel, grid_id, recorded_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, datetime ('now', 'localtime'))";
  static const char itinerary_sql[] =
    "INSERT INTO itinerary (person_id, place, arrived_on, left_on, risk) VALUES (?, ?, ?, ?, ?)";
  g_autofree char *id_number = NULL, *name = NULL, *phone = NULL, *grid = NULL, *household = NULL;
  g_autofree char *from = NULL, *province = NULL, *city = NULL, *district = NULL, *risk_text = NULL;
  g_autofree char *transport = NULL, *address = NULL, *key = NULL, *place = NULL;
  g_autoptr(GString) diff = g_string_new (NULL);
  GError *local = NULL;
  WgRowVerdict verdict;
  WgStmt *stmt;
  char arrived[11];
  gint64 person_id = 0, household_id = 0, grid_id = 0, id;
  int risk;
  gboolean known = FALSE;

  if (!read_id_number (imp, "id_number", &id_number) || !read_text (imp, "name", 32, TRUE, &name) ||
      !read_phone (imp, &phone) || !read_day (imp, "arrived_on", arrived) ||
      !read_text (imp, "from", 128, FALSE, &from) || !read_text (imp, "province", 32, FALSE, &province) ||
      !read_text (imp, "city", 32, FALSE, &city) || !read_text (imp, "district", 32, FALSE, &district) ||
      !read_text (imp, "risk", 16, FALSE, &risk_text) || !read_text (imp, "transport", 64, FALSE, &transport) ||
      !read_grid_code (imp, "grid", &grid) || !read_household_code (imp, &household) ||
      !read_text (imp, "address", 128, FALSE, &address))
    return WG_ROW_VERDICT_INVALID;
  if ((risk = read_risk (risk_text)) < 0)
    return invalid (imp, _("Risk area “%s” is none of 否, 中风险, 高风险."), risk_text), WG_ROW_VERDICT_INVALID;
  if (strcmp (arrived, imp->today_text) > 0)
    return invalid (imp, _("Arrival date %s is after today."), arrived), WG_ROW_VERDICT_INVALID;
  place = from != NULL ? g_strdup (from)
        : g_strjoin (" ", province != NULL ? province : "", city != NULL ? city : "",
                     district != NULL ? district : "", NULL);
  g_strstrip (place);
  if (*place == '\0')
    return invalid (imp, _("Where the returnee came from is empty.")), WG_ROW_VERDICT_INVALID;
  key = g_strconcat (id_number, "|", arrived, NULL);
  if (!first_in_file (imp, key))
    return WG_ROW_VERDICT_INVALID;

  if (grid != NULL)
    {
      if ((grid_id = lookup_id (imp, grid_sql, grid, error)) < 0)
        return -1;
      if (grid_id == 0)
        return invalid (imp, _("Grid %s is not in the database."), grid), WG_ROW_VERDICT_INVALID;
    }
  if (household != NULL || address != NULL)
    {
      if (!(stmt = wg_store_prepare (imp->store, household != NULL ? household_sql : by_address_sql, error)))
        return -1;
      wg_stmt_bind_text_static (stmt, 1, household != NULL ? household : address);
      if (household == NULL && grid != NULL)
        wg_stmt_bind_text_static (stmt, 2, grid);
      if (wg_stmt_step (stmt) == WG_STMT_ROW)
        {
          household_id = wg_stmt_column_int64 (stmt, 0);
          grid_id = wg_stmt_column_int64 (stmt, 1);
          /* An address two households share says nothing. */
          if (household == NULL && wg_stmt_step (stmt) == WG_STMT_ROW)
            household_id = 0;
        }
      wg_stmt_reset (stmt);
      if (household != NULL && household_id == 0 && imp->create_households && address != NULL && grid != NULL)
        {
          /* The screening form: a household not registered yet, on the
           * micro-grid chosen, with the address given. */
          static const char new_household_sql[] =
            "INSERT INTO household (grid_id, code, address) VALUES (?, ?, ?)";
          GError *local_insert = NULL;
          gint64 micro;

          if ((micro = micro_grid (imp, grid, error)) <= 0)
            return micro < 0 ? (WgRowVerdict) -1 : WG_ROW_VERDICT_INVALID;
          if (!(stmt = wg_store_prepare (imp->store, new_household_sql, error)))
            return -1;
          wg_stmt_bind_int64 (stmt, 1, micro);
          wg_stmt_bind_text_static (stmt, 2, household);
          wg_stmt_bind_text_static (stmt, 3, address);
          if (!wg_store_step_done (imp->store, stmt, &local_insert))
            return step_failed (imp, error, local_insert);
          household_id = wg_store_last_insert_id (imp->store);
          grid_id = micro;
        }
      if (household != NULL && household_id == 0)
        return invalid (imp, imp->create_households
                             ? _("Household %s is not in the database: give its address and its micro-grid to register it.")
                             : _("Household %s is not in the database."), household), WG_ROW_VERDICT_INVALID;
    }

  if (!(stmt = wg_store_prepare (imp->store, find_sql, error)))
    return -1;
  wg_stmt_bind_text_static (stmt, 1, id_number);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      known = TRUE;
      person_id = wg_stmt_column_int64 (stmt, 0);
      differs (diff, _("Full name"), wg_stmt_column_text (stmt, 1), name);
      if (phone != NULL)
        differs (diff, _("Phone"), wg_stmt_column_text (stmt, 2), phone);
      if (household_id == 0 && !wg_stmt_column_is_null (stmt, 3))
        {
          household_id = wg_stmt_column_int64 (stmt, 3);
          if (grid_id == 0)
            grid_id = wg_stmt_column_int64 (stmt, 4);
        }
    }
  wg_stmt_reset (stmt);

  if (known)
    {
      if (!(stmt = wg_store_prepare (imp->store, arrival_sql, error)))
        return -1;
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_text_static (stmt, 2, arrived);
      if (wg_stmt_step (stmt) == WG_STMT_ROW)
        {
          wg_stmt_reset (stmt);
          return compare_verdict (imp, diff);
        }
      wg_stmt_reset (stmt);
      if (!(stmt = wg_store_prepare (imp->store, update_person_sql, error)))
        return -1;
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_text_static (stmt, 2, arrived);
      if (!wg_store_step_done (imp->store, stmt, error))
        return -1;
    }
  else
    {
      GDate birth;
      char birth_text[11];

      wg_id_number_get_birth_date (id_number, &birth);
      g_snprintf (birth_text, sizeof birth_text, "%04u-%02u-%02u", g_date_get_year (&birth),
                  g_date_get_month (&birth), g_date_get_day (&birth));
      if (!(stmt = wg_store_prepare (imp->store, insert_person_sql, error)))
        return -1;
      if (household_id > 0)
        wg_stmt_bind_int64 (stmt, 1, household_id);
      wg_stmt_bind_text_static (stmt, 2, id_number);
      wg_stmt_bind_text_static (stmt, 3, name);
      wg_stmt_bind_int (stmt, 4, wg_id_number_get_sex (id_number));
      wg_stmt_bind_text_static (stmt, 5, birth_text);
      if (phone != NULL)
        wg_stmt_bind_text_static (stmt, 6, phone);
      wg_stmt_bind_text_static (stmt, 7, arrived);
      if ((verdict = insert_record (imp, stmt, "person", &person_id, error)) != WG_ROW_VERDICT_NEW)
        return verdict;
    }

  if (!(stmt = wg_store_prepare (imp->store, insert_sql, error)))
    return -1;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text_static (stmt, 2, arrived);
  wg_stmt_bind_text_static (stmt, 3, place);
  wg_stmt_bind_int (stmt, 4, risk);
  if (transport != NULL)
    wg_stmt_bind_text_static (stmt, 5, transport);
  wg_stmt_bind_int (stmt, 6, imp->options->channel != 0 ? imp->options->channel : WG_RETURNEE_CHANNEL_PUSHED);
  if (grid_id > 0)
    wg_stmt_bind_int64 (stmt, 7, grid_id);
  if ((verdict = insert_record (imp, stmt, "returnee", &id, error)) != WG_ROW_VERDICT_NEW)
    return verdict;

  if (!(stmt = wg_store_prepare (imp->store, itinerary_sql, error)))
    return -1;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text_static (stmt, 2, place);
  wg_stmt_bind_text_static (stmt, 3, arrived);
  wg_stmt_bind_text_static (stmt, 4, arrived);
  wg_stmt_bind_int (stmt, 5, risk);
  if (!wg_store_step_done (imp->store, stmt, &local))
    return step_failed (imp, error, local);

  if (!known)
    return WG_ROW_VERDICT_NEW;
  if (diff->len > 0)
    {
      g_string_printf (imp->message, _("Arrival added; not changed: %s"), diff->str);
      return WG_ROW_VERDICT_CONFLICT;
    }
  return WG_ROW_VERDICT_ADDED;
}

/* ---- header and mapping ---- */

static char *
header_signature (WgImportKind      kind,
                  const WgTableRow *row)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) kinds[kind].name, -1);
  for (guint i = 0; i < row->n_cells; i++)
    {
      g_autofree char *h = wg_import_normalize_header (row->cells[i]);

      g_checksum_update (sum, (const guchar *) "\x1f", 1);
      g_checksum_update (sum, (const guchar *) h, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static GHashTable *
remembered_mapping (Import     *imp,
                    const char *signature,
                    GError    **error)
{
  static const char sql[] = "SELECT mapping FROM import_mapping WHERE kind = ? AND signature = ?";
  WgStmt *stmt = wg_store_prepare (imp->store, sql, error);
  GHashTable *mapping = NULL;

  if (stmt == NULL)
    return NULL;
  wg_stmt_bind_text_static (stmt, 1, kinds[imp->kind].name);
  wg_stmt_bind_text_static (stmt, 2, signature);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      g_auto(GStrv) lines = g_strsplit (wg_stmt_column_text (stmt, 0), "\n", -1);

      mapping = wg_import_mapping_new ();
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *tab = strchr (lines[i], '\t');

          if (tab != NULL)
            g_hash_table_replace (mapping, g_strndup (lines[i], tab - lines[i]), g_strdup (tab + 1));
        }
    }
  wg_stmt_reset (stmt);
  return mapping;
}

static gboolean
remember_mapping (Import      *imp,
                  const char  *signature,
                  GHashTable  *mapping,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO import_mapping (kind, signature, mapping) VALUES (?, ?, ?)"
    " ON CONFLICT (kind, signature) DO UPDATE SET mapping = excluded.mapping";
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (mapping), (GCompareFunc) g_strcmp0);
  WgStmt *stmt;

  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (text, "%s\t%s\n", (const char *) l->data,
                            (const char *) g_hash_table_lookup (mapping, l->data));
  if (!(stmt = wg_store_prepare (imp->store, sql, error)))
    return FALSE;
  wg_stmt_bind_text_static (stmt, 1, kinds[imp->kind].name);
  wg_stmt_bind_text_static (stmt, 2, signature);
  wg_stmt_bind_text_static (stmt, 3, text->str);
  return wg_store_step_done (imp->store, stmt, error);
}

/* Which field each column feeds: the user's mapping first, then the
 * synonyms. Returns how many columns found a field. */
static guint
map_columns (Import           *imp,
             const WgTableRow *row,
             GHashTable       *mapping)
{
  guint found = 0;

  for (guint f = 0; imp->fields[f].id != NULL; f++)
    imp->column[f] = -1;
  for (guint c = 0; c < row->n_cells; c++)
    {
      g_autofree char *h = wg_import_normalize_header (row->cells[c]);
      const char *chosen = mapping != NULL ? g_hash_table_lookup (mapping, h) : NULL;

      if (*h == '\0')
        continue;
      for (guint f = 0; imp->fields[f].id != NULL; f++)
        {
          gboolean match = chosen != NULL ? g_str_equal (chosen, imp->fields[f].id)
                                          : synonym_matches (&imp->fields[f], h);

          if (match && imp->column[f] < 0)
            {
              imp->column[f] = (int) c;
              found++;
              break;
            }
        }
    }
  return found;
}

static gboolean
find_header (Import      *imp,
             GHashTable  *given,
             char       **signature,
             GError     **error)
{
  const WgTableRow *row;
  g_autoptr(GHashTable) remembered = NULL;
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ignored = g_strv_builder_new ();
  GHashTable *mapping = NULL;
  g_auto(GStrv) best_cells = NULL;
  WgTableRow best = { 0 };
  guint best_found = 0;
  guint tries = 0;

  while ((row = wg_table_reader_next (imp->reader, error)) != NULL && tries++ < HEADER_SEARCH_ROWS)
    {
      g_autofree char *sig = header_signature (imp->kind, row);
      guint found;

      g_clear_pointer (&remembered, g_hash_table_unref);
      if (given == NULL && !(remembered = remembered_mapping (imp, sig, error)) && error != NULL && *error != NULL)
        return FALSE;
      mapping = given != NULL ? given : remembered;
      found = map_columns (imp, row, mapping);
      if (found >= 2)
        {
          *signature = g_steal_pointer (&sig);
          break;
        }
      if (found > best_found)
        {
          /* Kept to say which column is missing when no row does better. */
          g_strfreev (best_cells);
          best_cells = g_new0 (char *, row->n_cells + 1);
          for (guint c = 0; c < row->n_cells; c++)
            best_cells[c] = g_strdup (row->cells[c]);
          best.number = row->number;
          best.n_cells = row->n_cells;
          best.cells = best_cells;
          best_found = found;
        }
    }
  if (row == NULL || tries > HEADER_SEARCH_ROWS)
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      if (best_found == 0)
        {
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                       _("No header row found in the first %u rows: a list of %s needs columns such as “%s”."),
                       HEADER_SEARCH_ROWS, kinds[imp->kind].name,
                       _(find_field (imp->kind, kinds[imp->kind].required[1])->label));
          return FALSE;
        }
      map_columns (imp, &best, given);
      row = &best;
    }

  imp->report->header_row = row->number;
  for (guint c = 0; c < row->n_cells; c++)
    {
      const char *field = "";

      for (guint f = 0; imp->fields[f].id != NULL; f++)
        if (imp->column[f] == (int) c)
          field = imp->fields[f].id;
      g_strv_builder_add (headers, row->cells[c]);
      g_strv_builder_add (fields, field);
      if (*field == '\0' && *row->cells[c] != '\0')
        g_strv_builder_add (ignored, row->cells[c]);
    }
  imp->report->headers = g_strv_builder_end (headers);
  imp->report->fields = g_strv_builder_end (fields);
  imp->report->ignored = g_strv_builder_end (ignored);

  for (guint r = 0; r < G_N_ELEMENTS (kinds[0].required) && kinds[imp->kind].required[r] != NULL; r++)
    if (imp->column[field_index (imp, kinds[imp->kind].required[r])] < 0)
      {
        const Field *f = find_field (imp->kind, kinds[imp->kind].required[r]);
        g_autofree char *names = g_strdelimit (g_strdup (f->synonyms), "|", '/');

        g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                     _("The file has no column for “%s” (a header such as %s). Map one of its columns to “%s”."),
                     _(f->label), names, f->id);
        return FALSE;
      }
  return TRUE;
}

/* ---- the whole file ---- */

static char *
file_sha256 (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (256 * 1024);
  gssize n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buf, 256 * 1024, NULL, error)) > 0)
    g_checksum_update (sum, buf, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

/* An invalid row for the rejected file: its row number, the reason, then
 * its cells under the file's own headers. */
static gboolean
reject_row (Import           *imp,
            const WgTableRow *row,
            const char       *reason,
            GError          **error)
{
  guint n = g_strv_length (imp->report->headers);
  g_autofree const char **values = g_new0 (const char *, n + 2);
  char number[16];

  if (imp->rejected == NULL)
    return TRUE;
  g_snprintf (number, sizeof number, "%u", row->number);
  values[0] = number;
  values[1] = reason;
  for (guint c = 0; c < n && c < row->n_cells; c++)
    values[c + 2] = row->cells[c];
  return wg_table_writer_add_row (imp->rejected, values, error);
}

static WgTableWriter *
rejected_writer (Import  *imp,
                 GError **error)
{
  guint n = g_strv_length (imp->report->headers);
  g_autofree WgColumn *columns = g_new0 (WgColumn, n + 2);

  columns[0].header = _("Row");
  columns[1].header = _("Reason");
  for (guint c = 0; c < n; c++)
    columns[c + 2].header = imp->report->headers[c];
  return wg_table_writer_new (imp->options->rejected_path, WG_TABLE_FORMAT_CSV, NULL, columns, n + 2, error);
}

/**
 * wg_import_default_rejected_path:
 * @path: the file imported
 *
 * Returns: (transfer full): where its refused rows go unless told: beside it,
 *   named FILE.rejected.csv
 */
char *
wg_import_default_rejected_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".rejected.csv", NULL);
  return g_build_filename (dir, name, NULL);
}

typedef WgRowVerdict (*RowFunc) (Import *imp, GError **error);

/* Prepared once (a row's savepoint is run 150,000 times in a big list). */
static gboolean
run_statement (WgStore     *store,
               const char  *sql,
               GError     **error)
{
  WgStmt *stmt = wg_store_prepare (store, sql, error);

  return stmt != NULL && wg_store_step_done (store, stmt, error);
}

static const char savepoint_sql[] = "SAVEPOINT import_row";
static const char rollback_sql[] = "ROLLBACK TO import_row";
static const char release_sql[] = "RELEASE import_row";

/**
 * wg_import_file:
 * @store: a #WgStore
 * @options: what to read and how
 * @report: (out) (optional): what was found, even when the import is refused
 * @error: a file that cannot be read, a missing column, invalid rows (when
 *   not skipped), cancellation, or the database's own error
 *
 * Returns: %TRUE when the file was read through and its rows decided (and,
 *   unless a dry run, written in one transaction)
 */
gboolean
wg_import_file (WgStore                *store,
                const WgImportOptions  *options,
                WgImportReport        **report_out,
                GError                **error)
{
  static const RowFunc row_funcs[] = {
    [WG_IMPORT_KIND_GRIDS] = import_grid,
    [WG_IMPORT_KIND_STAFF] = import_staff,
    [WG_IMPORT_KIND_HOUSEHOLDS] = import_household,
    [WG_IMPORT_KIND_PEOPLE] = import_person,
    [WG_IMPORT_KIND_RETURNEES] = import_returnee,
  };
  static const char batch_sql[] =
    "INSERT INTO import_batch (kind, channel, file_name, sha256, imported_at, operator, rows_read, rows_added)"
    " VALUES (?, ?, ?, ?, datetime ('now', 'localtime'), ?, 0, 0)";
  static const char batch_done_sql[] = "UPDATE import_batch SET rows_read = ?, rows_added = ? WHERE id = ?";
  g_autoptr(WgImportReport) report = g_new0 (WgImportReport, 1);
  g_autoptr(WgTableReader) reader = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_person_free);
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(WgTableWriter) rejected = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *base = NULL;
  g_autofree char *today = wg_today ();
  GError *local = NULL;
  const WgTableRow *row;
  WgStmt *stmt;
  Import imp = { 0 };
  gboolean in_transaction = FALSE;
  guint added = 0;
  gint64 changes;
  gboolean row_savepoint;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && options->path != NULL, FALSE);
  g_return_val_if_fail (options->kind <= WG_IMPORT_KIND_RETURNEES, FALSE);

  report->problems = g_ptr_array_new_with_free_func (problem_free);
  if (report_out != NULL)
    *report_out = NULL;

  if (!(report->sha256 = file_sha256 (options->path, error)) ||
      !(reader = wg_table_reader_open (options->path, options->encoding, options->sheet, error)))
    return FALSE;
  report->format = g_strdup (wg_table_reader_get_format (reader));
  report->encoding = g_strdup (wg_table_reader_get_encoding (reader));

  imp.store = store;
  imp.options = options;
  imp.kind = options->kind;
  imp.report = report;
  imp.reader = reader;
  imp.fields = kinds[options->kind].fields;
  imp.seen = seen;
  imp.message = message;
  imp.pending = pending;
  g_strlcpy (imp.today_text, today, sizeof imp.today_text);
  g_date_clear (&imp.today, 1);
  g_date_set_parse (&imp.today, today);

  /* The transaction of a big list outgrows SQLite's default 2 MB page
   * cache, which then spills to the WAL page by page on every row; 64 MB
   * keeps it in memory — a bound, whatever the file's size. Each row's
   * savepoint journal stays in memory too (a row touches a few pages),
   * instead of going through a temporary file a million writes at a time. */
  wg_store_set_bulk (store, TRUE);
  if (!wg_store_begin (store, error))
    return FALSE;
  in_transaction = TRUE;

  if (!find_header (&imp, options->mapping, &signature, &local))
    goto fail;
  /* Checked now, before any row: a folder or a device is refused. */
  if (options->skip_invalid && options->rejected_path != NULL && !options->dry_run)
    {
      if (!(rejected = rejected_writer (&imp, &local)))
        goto fail;
      imp.rejected = rejected;
    }

  base = g_path_get_basename (options->path);
  if (!options->dry_run)
    {
      if (!(stmt = wg_store_prepare (store, batch_sql, &local)))
        goto fail;
      wg_stmt_bind_text_static (stmt, 1, kinds[options->kind].name);
      if (options->kind == WG_IMPORT_KIND_RETURNEES)
        wg_stmt_bind_int (stmt, 2, options->channel != 0 ? options->channel : WG_RETURNEE_CHANNEL_PUSHED);
      wg_stmt_bind_text_static (stmt, 3, base);
      wg_stmt_bind_text_static (stmt, 4, report->sha256);
      wg_stmt_bind_text (stmt, 5, wg_store_get_operator (store));
      if (!wg_store_step_done (store, stmt, &local))
        goto fail;
      imp.batch_id = wg_store_last_insert_id (imp.store);
    }

  /* A row of staff or of returnees writes several records, each checked by
   * the schema: a savepoint undoes the row's first ones when a later one is
   * refused. A row of grids, households or people is one insert (what
   * follows it cannot be refused) and needs none — which matters: FTS5
   * flushes its pending index at every savepoint, and a savepoint per row
   * made a big register three times slower. */
  row_savepoint = options->kind == WG_IMPORT_KIND_STAFF || options->kind == WG_IMPORT_KIND_RETURNEES;
  while ((row = wg_table_reader_next (reader, &local)) != NULL)
    {
      WgRowVerdict verdict;
      WgImportRow handed;

      if ((report->rows & 255) == 0 && g_cancellable_set_error_if_cancelled (options->cancellable, &local))
        goto fail;
      imp.row = row;
      g_string_truncate (message, 0);
      if (row_savepoint && !run_statement (store, savepoint_sql, &local))
        goto fail;
      changes = wg_store_total_changes (imp.store);
      verdict = row_funcs[options->kind] (&imp, &local);
      if ((int) verdict < 0)
        goto fail;
      if (verdict == WG_ROW_VERDICT_INVALID || verdict == WG_ROW_VERDICT_SAME ||
          (verdict == WG_ROW_VERDICT_CONFLICT && options->kind != WG_IMPORT_KIND_RETURNEES))
        {
          if (row_savepoint && !run_statement (store, rollback_sql, &local))
            goto fail;
        }
      else if (wg_store_total_changes (imp.store) != changes ||
               (options->kind == WG_IMPORT_KIND_PEOPLE && verdict == WG_ROW_VERDICT_NEW))
        added++;
      if (row_savepoint && !run_statement (store, release_sql, &local))
        goto fail;

      report->rows++;
      report->counts[verdict]++;
      if ((verdict == WG_ROW_VERDICT_INVALID || verdict == WG_ROW_VERDICT_CONFLICT) && report->problems->len < MAX_PROBLEMS)
        {
          WgImportProblem *problem = g_new0 (WgImportProblem, 1);

          problem->number = row->number;
          problem->verdict = verdict;
          problem->message = g_strdup (message->str);
          g_ptr_array_add (report->problems, problem);
        }
      if (verdict == WG_ROW_VERDICT_INVALID)
        {
          if (!reject_row (&imp, row, message->str, &local))
            goto fail;
        }
      if (options->row_func != NULL)
        {
          handed.number = row->number;
          handed.verdict = verdict;
          handed.message = message->str;
          handed.n_cells = row->n_cells;
          handed.cells = row->cells;
          options->row_func (&handed, options->user_data);
        }
    }
  if (local != NULL || !flush_people (&imp, &local))
    goto fail;

  if (report->counts[WG_ROW_VERDICT_INVALID] > 0 && !options->skip_invalid)
    {
      const WgImportProblem *first = NULL;

      for (guint i = 0; i < report->problems->len && first == NULL; i++)
        if (((WgImportProblem *) report->problems->pdata[i])->verdict == WG_ROW_VERDICT_INVALID)
          first = report->problems->pdata[i];
      g_set_error (&local, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%u row is invalid (row %u: %s); nothing was imported.",
                                "%u rows are invalid (the first, row %u: %s); nothing was imported.",
                                report->counts[WG_ROW_VERDICT_INVALID]),
                   report->counts[WG_ROW_VERDICT_INVALID], first != NULL ? first->number : 0,
                   first != NULL ? first->message : "");
      goto fail;
    }

  if (options->dry_run || added == 0)
    {
      /* Nothing new: not even a batch or a log entry, so that importing a
       * file again changes nothing. */
      wg_store_rollback (store);
      in_transaction = FALSE;
    }
  else
    {
      g_autofree char *detail = g_strdup_printf ("%s %s sha256:%s rows:%u added:%u", kinds[options->kind].name,
                                                 base, report->sha256, report->rows, added);

      if (!(stmt = wg_store_prepare (store, batch_done_sql, &local)))
        goto fail;
      wg_stmt_bind_int (stmt, 1, (int) report->rows);
      wg_stmt_bind_int (stmt, 2, (int) added);
      wg_stmt_bind_int64 (stmt, 3, imp.batch_id);
      if (!wg_store_step_done (store, stmt, &local) ||
          (options->mapping != NULL && !remember_mapping (&imp, signature, options->mapping, &local)) ||
          !wg_store_log (store, "import", "import_batch", imp.batch_id, detail, &local))
        goto fail;
      if (rejected != NULL && report->counts[WG_ROW_VERDICT_INVALID] > 0 && !wg_table_writer_finish (rejected, &local))
        goto fail;
      if (!wg_store_commit (store, &local))
        {
          in_transaction = FALSE;
          goto fail;
        }
      in_transaction = FALSE;
      report->written = added;
    }
  if (rejected != NULL && report->counts[WG_ROW_VERDICT_INVALID] > 0 && report->written)
    report->rejected_path = g_strdup (options->rejected_path);

  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return TRUE;

fail:
  if (in_transaction)
    wg_store_rollback (store);
  g_propagate_error (error, local);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return FALSE;
}

/**
 * wg_import_returnee:
 * @store: a #WgStore
 * @entry: (array length=WG_RETURNEE_N_FIELDS): the screening form's values,
 *   in the order of #WgReturneeField; %NULL or "" for empty
 * @dry_run: check only (as the form is typed), write nothing
 * @verdict: (out) (optional): what it is — new, an arrival for a registered
 *   person, already recorded, or differing from the registry
 * @message: (out) (optional) (transfer full): the differences, when any
 * @error: why the entry is refused (the same words as an import's)
 *
 * A returnee phoned in by a grid worker (the screening channel): checked
 * and written exactly as a row of an imported list is.
 *
 * Returns: %TRUE when the entry is acceptable (and, unless @dry_run, written)
 */
gboolean
wg_import_returnee (WgStore           *store,
                    const char *const *entry,
                    gboolean           dry_run,
                    WgRowVerdict      *verdict_out,
                    char             **message,
                    GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autofree gboolean *numeric = g_new0 (gboolean, WG_RETURNEE_N_FIELDS);
  g_autofree char *today = wg_today ();
  WgImportOptions options = { .kind = WG_IMPORT_KIND_RETURNEES, .channel = WG_RETURNEE_CHANNEL_SCREENING };
  WgTableRow row = { 0 };
  Import imp = { 0 };
  GError *local = NULL;
  WgRowVerdict verdict;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  G_STATIC_ASSERT (G_N_ELEMENTS (returnee_fields) == WG_RETURNEE_N_FIELDS + 1);

  for (guint i = 0; i < WG_RETURNEE_N_FIELDS; i++)
    g_ptr_array_add (cells, (gpointer) (entry[i] != NULL ? entry[i] : ""));
  row.number = 1;
  row.n_cells = WG_RETURNEE_N_FIELDS;
  row.cells = (char **) cells->pdata;
  row.numeric = numeric;

  imp.store = store;
  imp.options = &options;
  imp.kind = WG_IMPORT_KIND_RETURNEES;
  imp.fields = returnee_fields;
  imp.seen = seen;
  imp.message = text;
  imp.row = &row;
  imp.create_households = TRUE;
  for (guint i = 0; i < WG_RETURNEE_N_FIELDS; i++)
    imp.column[i] = (int) i;
  g_strlcpy (imp.today_text, today, sizeof imp.today_text);
  g_date_clear (&imp.today, 1);
  g_date_set_parse (&imp.today, today);

  if (!wg_store_begin (store, error))
    return FALSE;
  verdict = import_returnee (&imp, &local);
  if ((int) verdict < 0)
    {
      wg_store_rollback (store);
      g_propagate_error (error, local);
      return FALSE;
    }
  if (verdict == WG_ROW_VERDICT_INVALID)
    {
      wg_store_rollback (store);
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, text->str);
      return FALSE;
    }
  if (verdict_out != NULL)
    *verdict_out = verdict;
  if (message != NULL)
    *message = text->len > 0 ? g_strdup (text->str) : NULL;
  if (dry_run || verdict == WG_ROW_VERDICT_SAME)
    {
      wg_store_rollback (store);
      return TRUE;
    }
  {
    g_autofree char *detail = g_strdup_printf ("screening %s %s", entry[WG_RETURNEE_FIELD_ID_NUMBER],
                                               entry[WG_RETURNEE_FIELD_ARRIVED_ON]);

    if (!wg_store_log (store, "add", "returnee", wg_store_last_insert_id (imp.store), detail, &local) ||
        !wg_store_commit (store, &local))
      {
        wg_store_rollback (store);
        g_propagate_error (error, local);
        return FALSE;
      }
  }
  return TRUE;
}
