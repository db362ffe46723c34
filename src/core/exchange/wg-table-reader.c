/* wg-table-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows out of the spreadsheets a county really has: CSV as Excel and WPS
 * write it on Chinese Windows (GB18030 without a mark, or UTF-8 with a
 * byte-order mark, or plain UTF-8; commas, tabs or semicolons; RFC 4180
 * quoting with newlines and doubled quotes inside a cell) and XLSX read with
 * libgsf (the zip container) and libxml2 (the workbook, its shared strings
 * and one sheet, streamed). One row is in memory at a time; an XLSX's shared
 * strings are kept (they are what the rows point into), up to a limit.
 *
 * Row numbers are the spreadsheet's: a CSV record is one row however many
 * lines its quoted cells span, and blank rows are counted, not returned.
 */

#define G_LOG_DOMAIN "wg-table-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <gsf/gsf-infile-impl.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "wg-table-reader.h"

#define BUFFER_SIZE   (64 * 1024)
#define MAX_CELL      (32 * 1024)
#define MAX_CELLS     512
#define MAX_MEMBER    (16 * 1024 * 1024)
#define MAX_SHARED    (256 * 1024 * 1024)

G_DEFINE_QUARK (wg-table-error-quark, wg_table_error)

/* libgsf 1.14.50 declares none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)

struct _WgTableReader
{
  const char *format;
  char *encoding;
  GBytes *bytes;

  /* CSV */
  GInputStream *stream;
  char *buf;
  gsize buf_len;
  gsize buf_pos;
  gsize carry;
  gboolean eof;
  char delimiter;
  guint record;

  /* XLSX */
  GsfInput *input;
  GsfInfile *zip;
  GsfInput *sheet_input;
  xmlTextReaderPtr xml;
  char *xml_error;
  GPtrArray *shared;
  gsize shared_size;
  gboolean date1904;
  GStrv sheets;
  guint last_row;
  gboolean sheet_done;

  /* The row handed out. */
  GPtrArray *cells;
  GArray *numeric;
  GString *field;
  WgTableRow row;
};

static WgTableReader *
reader_new (void)
{
  WgTableReader *self = g_new0 (WgTableReader, 1);

  self->cells = g_ptr_array_new_with_free_func (g_free);
  self->numeric = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->field = g_string_sized_new (64);
  self->sheets = g_new0 (char *, 1);
  return self;
}

void
wg_table_reader_free (WgTableReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  g_free (self->buf);
  if (self->xml != NULL)
    xmlFreeTextReader (self->xml);
  g_clear_object (&self->sheet_input);
  g_clear_object (&self->zip);
  g_clear_object (&self->input);
  g_clear_pointer (&self->shared, g_ptr_array_unref);
  g_free (self->xml_error);
  g_strfreev (self->sheets);
  g_ptr_array_unref (self->cells);
  g_array_unref (self->numeric);
  g_string_free (self->field, TRUE);
  g_free (self->encoding);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self);
}

const char *
wg_table_reader_get_format (WgTableReader *self)
{
  return self->format;
}

/**
 * wg_table_reader_get_encoding:
 *
 * Returns: how the text was read ("UTF-8", "UTF-8 (BOM)", "GB18030", …), or
 *   %NULL for a workbook (XLSX is always Unicode)
 */
const char *
wg_table_reader_get_encoding (WgTableReader *self)
{
  return self->encoding;
}

gboolean
wg_table_reader_get_date1904 (WgTableReader *self)
{
  return self->date1904;
}

const char *const *
wg_table_reader_get_sheets (WgTableReader *self)
{
  return (const char *const *) self->sheets;
}

/**
 * wg_table_serial_to_day:
 * @serial: a spreadsheet's date serial number
 * @date1904: whether the workbook counts from 1904 (old Mac Excel)
 * @day: (out caller-allocates): YYYY-MM-DD
 *
 * Excel counts days from 1899-12-31 as day 1 and keeps Lotus 1-2-3's
 * 29 February 1900, so from day 61 on the count is from 1899-12-30.
 */
gboolean
wg_table_serial_to_day (double   serial,
                        gboolean date1904,
                        char     day[11])
{
  g_autoptr(GDate) date = NULL;
  guint days;

  if (!(serial >= 1 && serial < 2958466))
    return FALSE;
  days = (guint) serial;
  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days >= 61)
    date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  else if (days == 60)
    return FALSE;
  else
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, days);
  g_snprintf (day, 11, "%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  return TRUE;
}

/* ---- the row being built ---- */

static void
row_clear (WgTableReader *self)
{
  g_ptr_array_set_size (self->cells, 0);
  g_array_set_size (self->numeric, 0);
}

static gboolean
row_set (WgTableReader *self,
         guint          column,
         const char    *text,
         gsize          len,
         gboolean       numeric)
{
  gboolean false_value = FALSE;

  if (column >= MAX_CELLS)
    return TRUE; /* nothing a register has: ignored */
  while (self->cells->len <= column)
    {
      g_ptr_array_add (self->cells, g_strdup (""));
      g_array_append_val (self->numeric, false_value);
    }
  g_free (self->cells->pdata[column]);
  self->cells->pdata[column] = g_strndup (text, len);
  g_array_index (self->numeric, gboolean, column) = numeric;
  return TRUE;
}

static gboolean
row_is_blank (WgTableReader *self)
{
  for (guint i = 0; i < self->cells->len; i++)
    {
      const char *p = self->cells->pdata[i];

      for (; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return FALSE;
    }
  return TRUE;
}

static const WgTableRow *
row_finish (WgTableReader *self,
            guint          number)
{
  g_ptr_array_add (self->cells, NULL);
  g_ptr_array_set_size (self->cells, self->cells->len - 1);
  self->row.number = number;
  self->row.n_cells = self->cells->len;
  self->row.cells = (char **) self->cells->pdata;
  self->row.numeric = (gboolean *) (void *) self->numeric->data;
  return &self->row;
}

static gboolean
too_large (guint    row,
           GError **error)
{
  g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_TOO_LARGE,
               _("Row %u: a cell holds more than 32 KB — this is not a register."), row);
  return FALSE;
}

/* ---- CSV ---- */

static char *
normalize_encoding (const char *encoding)
{
  g_autofree char *lower = g_ascii_strdown (encoding, -1);

  if (g_str_equal (lower, "utf-8") || g_str_equal (lower, "utf8"))
    return g_strdup ("UTF-8");
  if (g_str_equal (lower, "gb18030") || g_str_equal (lower, "gbk") || g_str_equal (lower, "gb2312") ||
      g_str_equal (lower, "cp936"))
    return g_strdup ("GB18030");
  return g_ascii_strup (encoding, -1);
}

static gboolean
refill (WgTableReader  *self,
        GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *end;
  gssize n;
  gsize total;

  memmove (self->buf, self->buf + self->buf_len, self->carry);
  n = g_input_stream_read (self->stream, self->buf + self->carry, BUFFER_SIZE - self->carry, NULL,
                           &local_error);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_ENCODING,
                     _("Row %u is not valid %s text. Give the file's encoding with --encoding, or save it again as UTF-8."),
                     MAX (self->record, 1), self->encoding);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  total = self->carry + (gsize) n;
  self->buf_pos = 0;
  self->carry = 0;
  if (n == 0)
    self->eof = TRUE;

  g_utf8_validate (self->buf, total, &end);
  self->buf_len = end - self->buf;
  if (self->buf_len < total)
    {
      gsize rest = total - self->buf_len;
      guchar lead = (guchar) *end;
      gsize need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;

      if (*end == '\0' && self->buf_len == 0)
        {
          g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
                       _("Row %u holds binary data: this is not a text table."), MAX (self->record, 1));
          return FALSE;
        }
      if (self->buf_len == 0 && (self->eof || need == 0 || rest >= need))
        {
          g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_ENCODING,
                       _("Row %u is not valid %s text. Give the file's encoding with --encoding, or save it again as UTF-8."),
                       MAX (self->record, 1), self->encoding);
          return FALSE;
        }
      /* What is valid is handed out first; the rest is looked at again
       * with the next read (an incomplete character) or reported then. */
      if (self->buf_len > 0 || (!self->eof && rest < need))
        self->carry = rest;
    }
  return TRUE;
}

/* Returns the next byte, -1 at the end, -2 on error. */
static inline int
next_byte (WgTableReader  *self,
           GError        **error)
{
  while (self->buf_pos >= self->buf_len)
    {
      if (self->eof && self->carry == 0)
        return -1;
      if (!refill (self, error))
        return -2;
      if (self->buf_len == 0 && self->eof && self->carry == 0)
        return -1;
    }
  return (guchar) self->buf[self->buf_pos++];
}

static gboolean
push_field (WgTableReader  *self,
            GError        **error)
{
  if (self->cells->len >= MAX_CELLS)
    {
      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_TOO_LARGE,
                   _("Row %u has more than %u columns — this is not a register."), self->record, MAX_CELLS);
      return FALSE;
    }
  row_set (self, self->cells->len, self->field->str, self->field->len, FALSE);
  g_string_truncate (self->field, 0);
  return TRUE;
}

static const WgTableRow *
csv_next (WgTableReader  *self,
          GError        **error)
{
  enum { START, PLAIN, QUOTED, QUOTE } state;

  for (;;)
    {
      gboolean any = FALSE;
      int c;

      row_clear (self);
      g_string_truncate (self->field, 0);
      state = START;
      self->record++;

      for (;;)
        {
          c = next_byte (self, error);
          if (c == -2)
            return NULL;
          if (c == -1)
            {
              if (state == QUOTED)
                {
                  g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
                               _("Row %u: a quotation mark is never closed."), self->record);
                  return NULL;
                }
              if (!any)
                return NULL;
              if (!push_field (self, error))
                return NULL;
              break;
            }
          any = TRUE;
          if (self->field->len >= MAX_CELL)
            {
              too_large (self->record, error);
              return NULL;
            }

          if (state == QUOTED)
            {
              if (c == '"')
                state = QUOTE;
              else
                g_string_append_c (self->field, (char) c);
              continue;
            }
          if (c == '"' && state == START)
            {
              state = QUOTED;
              continue;
            }
          if (c == '"' && state == QUOTE)
            {
              g_string_append_c (self->field, '"');
              state = QUOTED;
              continue;
            }
          if (c == self->delimiter)
            {
              if (!push_field (self, error))
                return NULL;
              state = START;
              continue;
            }
          if (c == '\r' || c == '\n')
            {
              if (c == '\r')
                {
                  int d = next_byte (self, error);

                  if (d == -2)
                    return NULL;
                  if (d >= 0 && d != '\n')
                    self->buf_pos--;
                }
              if (!push_field (self, error))
                return NULL;
              break;
            }
          /* A character after a closing quote: kept, as Excel keeps it. */
          g_string_append_c (self->field, (char) c);
          state = PLAIN;
        }

      if (!row_is_blank (self))
        return row_finish (self, self->record);
    }
}

static char
sniff_delimiter (const char *data,
                 gsize       len)
{
  guint commas = 0, tabs = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (data[i] == '\n' || data[i] == '\r'))
        break;
      else if (!quoted && data[i] == ',')
        commas++;
      else if (!quoted && data[i] == '\t')
        tabs++;
      else if (!quoted && data[i] == ';')
        semicolons++;
    }
  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas && semicolons > tabs)
    return ';';
  return ',';
}

static gboolean
csv_open (WgTableReader  *self,
          GInputStream   *base,
          const char     *encoding,
          GError        **error)
{
  g_autoptr(GInputStream) buffered = g_buffered_input_stream_new_sized (base, BUFFER_SIZE);
  g_autofree char *charset = NULL;
  const guchar *head;
  gsize avail = 0;
  gsize skip = 0;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (buffered), TRUE);
  for (;;)
    {
      gssize n = g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered),
                                               BUFFER_SIZE - avail, NULL, error);

      if (n < 0)
        return FALSE;
      avail = g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (buffered));
      if (n == 0 || avail >= BUFFER_SIZE)
        break;
    }
  head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &avail);

  if (avail >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
    {
      charset = g_strdup ("UTF-8");
      skip = 3;
      self->encoding = g_strdup ("UTF-8 (BOM)");
    }
  else if (avail >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
    {
      charset = g_strdup (head[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
      skip = 2;
      self->encoding = g_strdup ("UTF-16");
    }

  if (encoding != NULL && *encoding != '\0')
    {
      g_autofree char *given = normalize_encoding (encoding);

      /* Obeyed — but a mark that says otherwise is not text in it. */
      if (charset != NULL && !g_str_equal (given, charset) &&
          !(g_str_has_prefix (charset, "UTF-16") && g_str_has_prefix (given, "UTF-16")))
        {
          g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_ENCODING,
                       _("The file starts with a %s byte-order mark, not %s text."), charset, given);
          return FALSE;
        }
      if (charset == NULL)
        {
          g_free (self->encoding);
          self->encoding = g_strdup (given);
          charset = g_steal_pointer (&given);
        }
    }
  else if (charset == NULL)
    {
      const char *end;

      /* No mark: UTF-8 when the start is valid UTF-8 (an incomplete
       * character at the end of a full buffer is fine), GB18030 otherwise —
       * what Excel and WPS on Chinese Windows write by default. */
      g_utf8_validate ((const char *) head, avail, &end);
      if ((const guchar *) end == head + avail ||
          (avail == BUFFER_SIZE && head + avail - (const guchar *) end < 4 && *end != '\0'))
        charset = g_strdup ("UTF-8");
      else
        charset = g_strdup ("GB18030");
      self->encoding = g_strdup (charset);
    }

  self->delimiter = sniff_delimiter ((const char *) head + skip, avail - skip);
  if (g_str_has_prefix (charset, "UTF-16"))
    self->delimiter = '\t'; /* Excel's "Unicode text" */
  if (skip > 0 && g_input_stream_skip (buffered, skip, NULL, error) < 0)
    return FALSE;

  if (g_str_equal (charset, "UTF-8"))
    self->stream = g_object_ref (buffered);
  else
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", charset, NULL);

      if (converter == NULL)
        {
          g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_ENCODING,
                       _("The encoding “%s” is not known."), encoding != NULL ? encoding : charset);
          return FALSE;
        }
      self->stream = g_converter_input_stream_new (buffered, G_CONVERTER (converter));
    }
  self->buf = g_malloc (BUFFER_SIZE);
  self->format = "CSV";
  return TRUE;
}

/* ---- XLSX ---- */

/* A member of the zip by its path. Through the class's own lookup: the
 * public one warns on every damaged member, and damaged workbooks are
 * ordinary input here (the caller says so in one error). */
static GsfInput *
open_member (GsfInfile  *zip,
             const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GsfInput) current = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GsfInfile *dir = current != NULL ? GSF_INFILE (current) : zip;
      g_autoptr(GError) error = NULL;
      GsfInput *child;

      if (*parts[i] == '\0')
        continue;
      if (current != NULL && !GSF_IS_INFILE (current))
        return NULL;
      child = ((GsfInfileClass *) G_OBJECT_GET_CLASS (dir))->child_by_name (dir, parts[i], &error);
      if (child == NULL)
        {
          g_debug ("%s: %s", path, error != NULL ? error->message : "not there");
          return NULL;
        }
      g_clear_object (&current);
      current = child;
    }
  return g_steal_pointer (&current);
}

static xmlDocPtr
read_member_xml (GsfInfile  *zip,
                 const char *path)
{
  g_autoptr(GsfInput) input = open_member (zip, path);
  g_autofree guint8 *data = NULL;
  gsf_off_t size;

  if (input == NULL)
    return NULL;
  size = gsf_input_size (input);
  if (size <= 0 || size > MAX_MEMBER)
    return NULL;
  data = g_malloc (size);
  if (gsf_input_read (input, size, data) == NULL)
    return NULL;
  return xmlReadMemory ((const char *) data, (int) size, path, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static gboolean
name_is (const xmlChar *name,
         const char    *local)
{
  return name != NULL && g_str_equal ((const char *) name, local);
}

static char *
attr (xmlNodePtr  node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
rel_target (xmlDocPtr   rels,
            const char *id,
            const char *type_suffix)
{
  if (rels == NULL)
    return NULL;
  for (xmlNodePtr n = xmlDocGetRootElement (rels)->children; n != NULL; n = n->next)
    {
      g_autofree char *rid = NULL, *type = NULL, *target = NULL;

      if (n->type != XML_ELEMENT_NODE || !name_is (n->name, "Relationship"))
        continue;
      rid = attr (n, "Id");
      type = attr (n, "Type");
      target = attr (n, "Target");
      if (target == NULL)
        continue;
      if ((id != NULL && g_strcmp0 (rid, id) == 0) ||
          (type_suffix != NULL && type != NULL && g_str_has_suffix (type, type_suffix)))
        return target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
    }
  return NULL;
}

static int
gsf_read_cb (void *context,
             char *buffer,
             int   len)
{
  GsfInput *input = context;
  gsf_off_t remaining = gsf_input_remaining (input);
  int n = (int) MIN ((gsf_off_t) len, remaining);

  if (n <= 0)
    return 0;
  return gsf_input_read (input, n, (guint8 *) buffer) != NULL ? n : -1;
}

static void
xml_error_cb (void                   *arg,
              const char             *msg,
              xmlParserSeverities     severity,
              xmlTextReaderLocatorPtr locator)
{
  WgTableReader *self = arg;

  if (self->xml_error == NULL && severity >= XML_PARSER_SEVERITY_ERROR)
    self->xml_error = g_strstrip (g_strdup (msg));
}

static xmlTextReaderPtr
stream_member (WgTableReader *self,
               GsfInput      *input,
               const char    *path)
{
  xmlTextReaderPtr xml = xmlReaderForIO (gsf_read_cb, NULL, input, path, NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  if (xml != NULL)
    xmlTextReaderSetErrorHandler (xml, xml_error_cb, self);
  return xml;
}

static gboolean
damaged (WgTableReader  *self,
         const char     *what,
         GError        **error)
{
  g_debug ("%s: %s", what, self->xml_error != NULL ? self->xml_error : "?");
  g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
               _("The workbook is damaged (%s)."), what);
  return FALSE;
}

static gboolean
read_shared_strings (WgTableReader  *self,
                     const char     *path,
                     GError        **error)
{
  g_autoptr(GsfInput) input = open_member (self->zip, path);
  xmlTextReaderPtr xml;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_si = FALSE, in_t = FALSE;
  int phonetic = 0;
  int rc;

  self->shared = g_ptr_array_new_with_free_func (g_free);
  if (input == NULL)
    return TRUE; /* a workbook without text */
  xml = stream_member (self, input, path);
  if (xml == NULL)
    return damaged (self, "sharedStrings", error);

  while ((rc = xmlTextReaderRead (xml)) == 1)
    {
      int type = xmlTextReaderNodeType (xml);
      const xmlChar *name = xmlTextReaderConstLocalName (xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (xml);

          if (name_is (name, "si"))
            {
              g_string_truncate (text, 0);
              in_si = TRUE;
              if (empty)
                {
                  g_ptr_array_add (self->shared, g_strdup (""));
                  in_si = FALSE;
                }
            }
          else if (name_is (name, "rPh") && !empty)
            phonetic++;
          else if (name_is (name, "t") && !empty)
            in_t = TRUE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (name_is (name, "si") && in_si)
            {
              self->shared_size += text->len + 16;
              if (self->shared_size > MAX_SHARED)
                {
                  xmlFreeTextReader (xml);
                  g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_TOO_LARGE,
                               _("The workbook's text is larger than 256 MB — split it into several files."));
                  return FALSE;
                }
              g_ptr_array_add (self->shared, g_strndup (text->str, text->len));
              in_si = FALSE;
            }
          else if (name_is (name, "rPh") && phonetic > 0)
            phonetic--;
          else if (name_is (name, "t"))
            in_t = FALSE;
        }
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_CDATA) && in_si && in_t && phonetic == 0)
        {
          const xmlChar *value = xmlTextReaderConstValue (xml);

          if (value != NULL && text->len < MAX_CELL)
            g_string_append (text, (const char *) value);
        }
    }
  xmlFreeTextReader (xml);
  if (rc < 0)
    return damaged (self, "sharedStrings", error);
  return TRUE;
}

static gboolean
xlsx_open (WgTableReader  *self,
           GsfInput       *input,
           const char     *sheet,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  xmlDocPtr workbook = NULL, rels = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sheet_rid = NULL;
  g_autofree char *sheet_path = NULL;
  g_autofree char *shared_path = NULL;
  gboolean ok = FALSE;

  xmlInitParser ();
  self->format = "XLSX";
  self->input = input;
  self->zip = gsf_infile_zip_new (input, &local_error);
  if (self->zip == NULL)
    {
      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
                   _("The file is not an XLSX workbook (%s)."),
                   local_error != NULL ? local_error->message : "zip");
      return FALSE;
    }

  workbook = read_member_xml (self->zip, "xl/workbook.xml");
  if (workbook == NULL || xmlDocGetRootElement (workbook) == NULL)
    {
      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
                   _("The file is not an XLSX workbook (it has no xl/workbook.xml)."));
      goto out;
    }
  rels = read_member_xml (self->zip, "xl/_rels/workbook.xml.rels");
  if (rels != NULL && xmlDocGetRootElement (rels) == NULL)
    g_clear_pointer (&rels, xmlFreeDoc);

  for (xmlNodePtr n = xmlDocGetRootElement (workbook)->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (n->name, "workbookPr"))
        {
          g_autofree char *d = attr (n, "date1904");

          self->date1904 = d != NULL && (g_str_equal (d, "1") || g_ascii_strcasecmp (d, "true") == 0);
        }
      else if (name_is (n->name, "sheets"))
        for (xmlNodePtr s = n->children; s != NULL; s = s->next)
          {
            g_autofree char *name = NULL;
            xmlChar *rid;

            if (s->type != XML_ELEMENT_NODE || !name_is (s->name, "sheet"))
              continue;
            name = attr (s, "name");
            rid = xmlGetNsProp (s, (const xmlChar *) "id",
                                (const xmlChar *) "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            if (name != NULL && sheet_rid == NULL &&
                (sheet == NULL || *sheet == '\0' || g_str_equal (name, sheet)))
              {
                sheet_rid = g_strdup (rid != NULL ? (const char *) rid : "");
                if (names->len == 0)
                  sheet_path = g_strdup ("xl/worksheets/sheet1.xml");
              }
            xmlFree (rid);
            if (name != NULL)
              g_ptr_array_add (names, g_steal_pointer (&name));
          }
    }
  g_ptr_array_add (names, NULL);
  g_strfreev (self->sheets);
  self->sheets = (GStrv) g_ptr_array_steal (names, NULL);

  if (sheet_rid == NULL)
    {
      g_autofree char *list = g_strjoinv ("”, “", self->sheets);

      if (sheet != NULL && *sheet != '\0')
        g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_SHEET,
                     _("The workbook has no sheet “%s”; its sheets are “%s”."), sheet, list);
      else
        g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT, _("The workbook has no sheet."));
      goto out;
    }
  {
    char *target = rel_target (rels, sheet_rid, NULL);

    if (target != NULL)
      {
        g_free (sheet_path);
        sheet_path = target;
      }
  }
  if (sheet_path == NULL)
    {
      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
                   _("The workbook does not say where its sheet “%s” is."), sheet != NULL ? sheet : "");
      goto out;
    }

  shared_path = rel_target (rels, NULL, "/sharedStrings");
  if (!read_shared_strings (self, shared_path != NULL ? shared_path : "xl/sharedStrings.xml", error))
    goto out;

  self->sheet_input = open_member (self->zip, sheet_path);
  if (self->sheet_input == NULL || (self->xml = stream_member (self, self->sheet_input, sheet_path)) == NULL)
    {
      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
                   _("The workbook is damaged (its sheet is missing)."));
      goto out;
    }
  ok = TRUE;

out:
  if (workbook != NULL)
    xmlFreeDoc (workbook);
  if (rels != NULL)
    xmlFreeDoc (rels);
  return ok;
}

/* "AB12" → 27 (0-based), or -1. */
static int
column_of (const char *ref)
{
  int column = 0;
  const char *p = ref;

  for (; *p >= 'A' && *p <= 'Z'; p++)
    {
      column = column * 26 + (*p - 'A' + 1);
      if (column > 16384)
        return -1;
    }
  return p == ref ? -1 : column - 1;
}

static char *
xml_attr (xmlTextReaderPtr xml,
          const char      *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (xml, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static const WgTableRow *
xlsx_next (WgTableReader  *self,
           GError        **error)
{
  g_autoptr(GString) inline_text = g_string_new (NULL);
  g_autofree char *cell_type = NULL;
  gboolean in_row = FALSE, in_cell = FALSE, in_v = FALSE, in_is_t = FALSE;
  int phonetic = 0;
  int column = -1, next_column = 0;
  guint row_number = 0;
  int rc;

  if (self->sheet_done)
    return NULL;
  row_clear (self);

  while ((rc = xmlTextReaderRead (self->xml)) == 1)
    {
      int type = xmlTextReaderNodeType (self->xml);
      const xmlChar *name = xmlTextReaderConstLocalName (self->xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (self->xml);

          if (name_is (name, "row"))
            {
              g_autofree char *r = xml_attr (self->xml, "r");
              guint64 number = 0;

              if (r == NULL || !g_ascii_string_to_unsigned (r, 10, 1, 1048576, &number, NULL))
                number = self->last_row + 1;
              row_number = self->last_row = (guint) number;
              row_clear (self);
              next_column = 0;
              in_row = !empty;
            }
          else if (name_is (name, "c") && in_row)
            {
              g_autofree char *r = xml_attr (self->xml, "r");

              g_free (cell_type);
              cell_type = xml_attr (self->xml, "t");
              column = r != NULL ? column_of (r) : next_column;
              if (column < 0)
                column = next_column;
              next_column = column + 1;
              g_string_truncate (self->field, 0);
              g_string_truncate (inline_text, 0);
              in_cell = !empty;
            }
          else if (name_is (name, "v") && in_cell && !empty)
            in_v = TRUE;
          else if (name_is (name, "rPh") && in_cell && !empty)
            phonetic++;
          else if (name_is (name, "t") && in_cell && !empty)
            in_is_t = TRUE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (name_is (name, "v"))
            in_v = FALSE;
          else if (name_is (name, "t"))
            in_is_t = FALSE;
          else if (name_is (name, "rPh") && phonetic > 0)
            phonetic--;
          else if (name_is (name, "c") && in_cell)
            {
              const char *text = self->field->str;
              gboolean numeric = FALSE;

              in_cell = FALSE;
              if (g_strcmp0 (cell_type, "s") == 0)
                {
                  guint64 index;

                  if (!g_ascii_string_to_unsigned (g_strstrip (self->field->str), 10, 0,
                                                   G_MAXUINT, &index, NULL) ||
                      index >= self->shared->len)
                    {
                      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
                                   _("The workbook is damaged (row %u points to text it does not have)."),
                                   row_number);
                      return NULL;
                    }
                  text = self->shared->pdata[index];
                }
              else if (g_strcmp0 (cell_type, "inlineStr") == 0)
                text = inline_text->str;
              else if (g_strcmp0 (cell_type, "b") == 0)
                text = g_str_equal (text, "1") ? "TRUE" : "FALSE";
              else if (cell_type == NULL || g_str_equal (cell_type, "n"))
                numeric = *text != '\0';
              row_set (self, column, text, strlen (text), numeric);
            }
          else if (name_is (name, "row") && in_row)
            {
              in_row = FALSE;
              if (!row_is_blank (self))
                return row_finish (self, row_number);
            }
          else if (name_is (name, "sheetData"))
            break;
        }
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
               type == XML_READER_TYPE_CDATA)
        {
          const xmlChar *value = xmlTextReaderConstValue (self->xml);

          if (value == NULL)
            continue;
          if (in_v)
            g_string_append (self->field, (const char *) value);
          else if (in_is_t && phonetic == 0)
            g_string_append (inline_text, (const char *) value);
          if (self->field->len > MAX_CELL || inline_text->len > MAX_CELL)
            {
              too_large (row_number, error);
              return NULL;
            }
        }
    }
  if (rc < 0)
    {
      damaged (self, "sheet", error);
      return NULL;
    }
  self->sheet_done = TRUE;
  return NULL;
}

/* ---- opening ---- */

static WgTableReader *
open_input (GInputStream  *stream,
            GsfInput      *gsf,
            const guint8  *head,
            gsize          head_len,
            const char    *encoding,
            const char    *sheet,
            GError       **error)
{
  g_autoptr(WgTableReader) self = reader_new ();

  if (head_len >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
    {
      if (!xlsx_open (self, g_object_ref (gsf), sheet, error))
        return NULL;
    }
  else if (head_len >= 8 && memcmp (head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    {
      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT,
                   _("This is an old Excel file (.xls). Save it as .xlsx or .csv and import that."));
      return NULL;
    }
  else if (!csv_open (self, stream, encoding, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * wg_table_reader_open:
 * @path: a CSV or XLSX file (told apart by its content, not its name)
 * @encoding: (nullable): a CSV's encoding, or %NULL to detect it
 * @sheet: (nullable): an XLSX sheet's name, or %NULL for the first
 */
WgTableReader *
wg_table_reader_open (const char  *path,
                      const char  *encoding,
                      const char  *sheet,
                      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GsfInput) gsf = NULL;
  guint8 head[8] = { 0 };
  gsize head_len = 0;

  if (!(stream = g_file_read (file, NULL, error)))
    return NULL;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &head_len, NULL, error) ||
      !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, error))
    return NULL;
  if (head_len == 0)
    {
      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT, _("The file is empty."));
      return NULL;
    }
  if (head_len >= 4 && head[0] == 'P' && head[1] == 'K')
    {
      if (!(gsf = gsf_input_stdio_new (path, error)))
        return NULL;
    }
  return open_input (G_INPUT_STREAM (stream), gsf, head, head_len, encoding, sheet, error);
}

/**
 * wg_table_reader_new_for_bytes:
 *
 * The same reader over bytes in memory (the fuzzer's way in).
 */
WgTableReader *
wg_table_reader_new_for_bytes (GBytes      *bytes,
                               const char  *encoding,
                               const char  *sheet,
                               GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GsfInput) gsf = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  WgTableReader *self;

  if (len == 0)
    {
      g_set_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_FORMAT, _("The file is empty."));
      return NULL;
    }
  gsf = gsf_input_memory_new (data, len, FALSE);
  self = open_input (stream, gsf, data, len, encoding, sheet, error);
  if (self != NULL)
    self->bytes = g_bytes_ref (bytes);
  return self;
}

/**
 * wg_table_reader_next:
 *
 * Returns: (nullable) (transfer none): the next row that is not blank,
 *   valid until the next call; %NULL at the end or, with @error set, when
 *   the file cannot be read further
 */
const WgTableRow *
wg_table_reader_next (WgTableReader  *self,
                      GError        **error)
{
  if (self->xml != NULL)
    return xlsx_next (self, error);
  return csv_next (self, error);
}
