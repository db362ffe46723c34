/* wg-table-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists out to the people who ask for them in Excel. CSV is UTF-8 with a
 * byte-order mark (without it Excel and WPS on Chinese Windows read UTF-8 as
 * GBK and show mojibake), CRLF, RFC 4180 quoting. XLSX is written by
 * libxlsxwriter in constant-memory mode (one row in memory), with text
 * columns as text — an ID number never becomes 1.41021E+17 — and dates as
 * date cells. Both go to a temporary name beside the target and are renamed
 * when whole, like every file Wangge writes (wg-output.c).
 */

#define G_LOG_DOMAIN "wg-table-writer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "wg-table-writer.h"
#include "wg-output.h"

#define FLUSH_AT (256 * 1024)

struct _WgTableWriter
{
  char *path;
  char *tmp_path;
  int fd;
  WgTableFormat format;
  GArray *columns;
  guint rows;
  gboolean finished;

  GString *csv;

  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header_format;
  lxw_format *date_format;
  lxw_format *time_format;
  lxw_format *text_format;
};

gboolean
wg_table_format_from_string (const char    *text,
                             WgTableFormat *format)
{
  if (g_strcmp0 (text, "csv") == 0)
    *format = WG_TABLE_FORMAT_CSV;
  else if (g_strcmp0 (text, "xlsx") == 0)
    *format = WG_TABLE_FORMAT_XLSX;
  else
    return FALSE;
  return TRUE;
}

gboolean
wg_table_format_from_path (const char    *path,
                           WgTableFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".xlsx"))
    *format = WG_TABLE_FORMAT_XLSX;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = WG_TABLE_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

static gboolean
flush_csv (WgTableWriter  *self,
           GError        **error)
{
  gsize done = 0;

  while (done < self->csv->len)
    {
      gssize n = write (self->fd, self->csv->str + done, self->csv->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return wg_output_set_write_error (errno, self->path, error);
      done += n;
    }
  g_string_truncate (self->csv, 0);
  return TRUE;
}

static void
csv_cell (GString    *out,
          const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
lxw_failed (WgTableWriter  *self,
            lxw_error       rc,
            GError        **error)
{
  if (rc == LXW_NO_ERROR)
    return TRUE;
  if (errno == ENOSPC || errno == EDQUOT)
    return wg_output_set_write_error (errno, self->path, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), self->path,
               lxw_strerror (rc));
  return FALSE;
}

/**
 * wg_table_writer_new:
 * @path: the file to write (checked first: never a folder or a device)
 * @title: the sheet's name (XLSX)
 * @columns: (array length=n_columns): the header row and each column's type
 */
WgTableWriter *
wg_table_writer_new (const char      *path,
                     WgTableFormat    format,
                     const char      *title,
                     const WgColumn  *columns,
                     guint            n_columns,
                     GError         **error)
{
  WgTableWriter *self;

  if (!wg_output_check_target (path, error))
    return NULL;
  wg_output_remove_leftovers (path);

  self = g_new0 (WgTableWriter, 1);
  self->path = g_strdup (path);
  self->format = format;
  self->fd = -1;
  self->columns = g_array_new (FALSE, FALSE, sizeof (WgColumn));
  g_array_append_vals (self->columns, columns, n_columns);
  if (!(self->tmp_path = wg_output_make_temp (path, format == WG_TABLE_FORMAT_XLSX ? "xlsx" : "csv", &self->fd, error)))
    {
      wg_table_writer_free (self);
      return NULL;
    }

  if (format == WG_TABLE_FORMAT_CSV)
    {
      self->csv = g_string_new ("\xEF\xBB\xBF");
      for (guint c = 0; c < n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (self->csv, ',');
          csv_cell (self->csv, columns[c].header);
        }
      g_string_append (self->csv, "\r\n");
      return self;
    }

  {
    g_autofree char *dir = g_path_get_dirname (path);
    const char *wanted = title != NULL ? title : "Sheet1";
    /* A sheet's name holds 31 characters at most (g_utf8_substring reads
     * past a shorter string's end: measure first). */
    g_autofree char *sheet_name = g_utf8_substring (wanted, 0, MIN (g_utf8_strlen (wanted, -1), 31));
    lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = dir, .use_zip64 = LXW_FALSE };

    self->workbook = workbook_new_opt (self->tmp_path, &options);
    if (self->workbook == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”."), path);
        wg_table_writer_free (self);
        return NULL;
      }
    /* libxlsxwriter opens the temporary name itself when it closes. */
    close (self->fd);
    self->fd = -1;
    g_strdelimit (sheet_name, "[]:*?/\\", '_');
    self->sheet = workbook_add_worksheet (self->workbook, sheet_name);
    self->header_format = workbook_add_format (self->workbook);
    format_set_bold (self->header_format);
    format_set_bottom (self->header_format, LXW_BORDER_THIN);
    self->date_format = workbook_add_format (self->workbook);
    format_set_num_format (self->date_format, "yyyy-mm-dd");
    self->time_format = workbook_add_format (self->workbook);
    format_set_num_format (self->time_format, "yyyy-mm-dd hh:mm");
    self->text_format = workbook_add_format (self->workbook);
    format_set_num_format (self->text_format, "@");

    for (guint c = 0; c < n_columns; c++)
      {
        guint width = columns[c].width > 0 ? columns[c].width : 12;

        worksheet_set_column (self->sheet, c, c, width,
                              columns[c].type == WG_COLUMN_TYPE_TEXT ? self->text_format : NULL);
      }
    for (guint c = 0; c < n_columns; c++)
      worksheet_write_string (self->sheet, 0, c, columns[c].header, self->header_format);
    worksheet_freeze_panes (self->sheet, 1, 0);
  }
  return self;
}

static gboolean
parse_time (const char   *text,
            WgColumnType  type,
            lxw_datetime *out)
{
  int y, mo, d, h = 0, mi = 0, s = 0, n;

  memset (out, 0, sizeof *out);
  n = sscanf (text, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
  if (n < 3 || (type == WG_COLUMN_TYPE_TIME && n < 5) || !g_date_valid_dmy (d, mo, y) || y < 1900)
    return FALSE;
  out->year = y;
  out->month = mo;
  out->day = d;
  if (type == WG_COLUMN_TYPE_TIME)
    {
      out->hour = h;
      out->min = mi;
      out->sec = s;
    }
  return TRUE;
}

/**
 * wg_table_writer_add_row:
 * @values: one per column; %NULL or "" for an empty cell
 */
gboolean
wg_table_writer_add_row (WgTableWriter      *self,
                         const char *const  *values,
                         GError            **error)
{
  guint n = self->columns->len;

  g_return_val_if_fail (!self->finished, FALSE);

  self->rows++;
  if (self->format == WG_TABLE_FORMAT_CSV)
    {
      for (guint c = 0; c < n; c++)
        {
          if (c > 0)
            g_string_append_c (self->csv, ',');
          if (values[c] != NULL)
            csv_cell (self->csv, values[c]);
        }
      g_string_append (self->csv, "\r\n");
      return self->csv->len < FLUSH_AT || flush_csv (self, error);
    }

  for (guint c = 0; c < n; c++)
    {
      const WgColumn *column = &g_array_index (self->columns, WgColumn, c);
      const char *value = values[c];
      lxw_error rc = LXW_NO_ERROR;
      lxw_datetime when;
      char *end = NULL;
      double number;

      if (value == NULL || *value == '\0')
        continue;
      switch (column->type)
        {
        case WG_COLUMN_TYPE_NUMBER:
          number = g_ascii_strtod (value, &end);
          rc = end != value && *end == '\0'
             ? worksheet_write_number (self->sheet, self->rows, c, number, NULL)
             : worksheet_write_string (self->sheet, self->rows, c, value, NULL);
          break;
        case WG_COLUMN_TYPE_DATE:
        case WG_COLUMN_TYPE_TIME:
          rc = parse_time (value, column->type, &when)
             ? worksheet_write_datetime (self->sheet, self->rows, c, &when,
                                         column->type == WG_COLUMN_TYPE_DATE ? self->date_format : self->time_format)
             : worksheet_write_string (self->sheet, self->rows, c, value, NULL);
          break;
        case WG_COLUMN_TYPE_TEXT:
        default:
          rc = worksheet_write_string (self->sheet, self->rows, c, value, self->text_format);
          break;
        }
      if (!lxw_failed (self, rc, error))
        return FALSE;
    }
  return TRUE;
}

guint
wg_table_writer_get_rows (WgTableWriter *self)
{
  return self->rows;
}

/**
 * wg_table_writer_finish:
 *
 * Writes what is left, flushes it to the disk and puts the file in place.
 */
gboolean
wg_table_writer_finish (WgTableWriter  *self,
                        GError        **error)
{
  int fd;

  g_return_val_if_fail (!self->finished, FALSE);

  self->finished = TRUE;
  if (self->format == WG_TABLE_FORMAT_CSV)
    {
      if (!flush_csv (self, error))
        return FALSE;
    }
  else
    {
      lxw_error rc;

      errno = 0;
      rc = workbook_close (self->workbook);
      self->workbook = NULL;
      if (!lxw_failed (self, rc, error))
        return FALSE;
    }
  fd = self->fd;
  self->fd = -1;
  if (!wg_output_commit (self->tmp_path, fd, self->path, error))
    return FALSE;
  g_clear_pointer (&self->tmp_path, g_free);
  return TRUE;
}

/* Without a finish: nothing is left behind. */
void
wg_table_writer_free (WgTableWriter *self)
{
  if (self == NULL)
    return;
  if (self->workbook != NULL)
    {
      /* libxlsxwriter has no "abandon": close it, then remove what it wrote. */
      workbook_close (self->workbook);
    }
  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->path);
  g_array_unref (self->columns);
  if (self->csv != NULL)
    g_string_free (self->csv, TRUE);
  g_free (self);
}
