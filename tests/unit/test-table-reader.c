/* test-table-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows out of CSV as Excel and WPS write it (GB18030, UTF-8 with a BOM,
 * quoted newlines, doubled quotes, CRLF, a trailing empty line) and out of
 * XLSX as openpyxl writes it (shared strings, numbers, date cells, several
 * sheets); bad files give one error, and a bounded mutation run finds no
 * crash.
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wg-table-reader.h"

#include "../wg-test-util.h"

static char *tmp_dir;

static GPtrArray *
read_all (WgTableReader *reader,
          GError       **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const WgTableRow *row;

  while ((row = wg_table_reader_next (reader, error)) != NULL)
    {
      char **cells = g_new0 (char *, row->n_cells + 2);

      cells[0] = g_strdup_printf ("%u", row->number);
      for (guint i = 0; i < row->n_cells; i++)
        cells[i + 1] = g_strdup (row->cells[i]);
      g_ptr_array_add (rows, cells);
    }
  return rows;
}

static GPtrArray *
read_bytes (const char  *data,
            gsize        len,
            const char  *encoding,
            char       **detected)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgTableReader) reader = wg_table_reader_new_for_bytes (bytes, encoding, NULL, &error);
  GPtrArray *rows;

  g_assert_no_error (error);
  rows = read_all (reader, &error);
  g_assert_no_error (error);
  if (detected != NULL)
    *detected = g_strdup (wg_table_reader_get_encoding (reader));
  return rows;
}

static void
assert_row (GPtrArray  *rows,
            guint       index,
            const char *joined)
{
  g_autofree char *got = NULL;

  g_assert_cmpuint (index, <, rows->len);
  got = g_strjoinv ("|", rows->pdata[index]);
  g_assert_cmpstr (got, ==, joined);
}

/* The same sheet as each writer writes it. */
static const char sheet_utf8[] =
  "花名册\r\n"
  "序号,姓名,身份证号,备注\r\n"
  "1,张三,\"110101199003070019\",\"第一行\r\n第二行\"\r\n"
  "\r\n"
  "2,\"李\"\"四\"\"\",11010119900307003X,\"a,b\"\r\n"
  ",,,\r\n";

static void
test_csv_encodings (void)
{
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", sheet_utf8, NULL);
  g_autofree char *gb = g_convert (sheet_utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  const struct
  {
    const char *data;
    const char *encoding;
  } cases[] = { { sheet_utf8, "UTF-8" }, { bom, "UTF-8 (BOM)" }, { gb, "GB18030" } };

  g_assert_nonnull (gb);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *detected = NULL;
      g_autoptr(GPtrArray) rows = read_bytes (cases[i].data, strlen (cases[i].data), NULL, &detected);

      g_assert_cmpstr (detected, ==, cases[i].encoding);
      /* Row numbers are the spreadsheet's: the quoted newline is one row,
       * the blank line is counted, the empty last rows are not returned. */
      g_assert_cmpuint (rows->len, ==, 4);
      assert_row (rows, 0, "1|花名册");
      assert_row (rows, 1, "2|序号|姓名|身份证号|备注");
      assert_row (rows, 2, "3|1|张三|110101199003070019|第一行\r\n第二行");
      assert_row (rows, 3, "5|2|李\"四\"|11010119900307003X|a,b");
    }
}

static void
test_csv_delimiters (void)
{
  static const char tabs[] = "姓名\t身份证号\n王五\t110101199003070019";
  static const char semicolons[] = "姓名;身份证号\n王五;110101199003070019\n";
  g_autoptr(GPtrArray) a = read_bytes (tabs, strlen (tabs), NULL, NULL);
  g_autoptr(GPtrArray) b = read_bytes (semicolons, strlen (semicolons), NULL, NULL);

  assert_row (a, 1, "2|王五|110101199003070019");
  assert_row (b, 1, "2|王五|110101199003070019");
}

static void
assert_refused (const char *data,
                gsize       len,
                const char *encoding,
                int         code,
                const char *part)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgTableReader) reader = wg_table_reader_new_for_bytes (bytes, encoding, NULL, &error);

  if (reader != NULL)
    {
      g_autoptr(GPtrArray) rows = read_all (reader, &error);
    }
  g_assert_error (error, WG_TABLE_ERROR, code);
  g_test_message ("%s", error->message);
  if (part != NULL)
    g_assert_nonnull (strstr (error->message, part));
}

static void
test_csv_refused (void)
{
  g_autofree char *gb = g_convert (sheet_utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  static const char open_quote[] = "姓名,备注\n张三,\"never closed\n";
  static const char binary[] = "姓名\0\x01\x02";

  /* An encoding given is obeyed: GB18030 bytes are not UTF-8. */
  assert_refused (gb, strlen (gb), "utf-8", WG_TABLE_ERROR_ENCODING, "UTF-8");
  assert_refused (open_quote, strlen (open_quote), NULL, WG_TABLE_ERROR_FORMAT, "2");
  assert_refused (binary, sizeof binary - 1, NULL, WG_TABLE_ERROR_FORMAT, NULL);
  assert_refused ("", 0, NULL, WG_TABLE_ERROR_FORMAT, NULL);
  assert_refused ("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12, NULL, WG_TABLE_ERROR_FORMAT, ".xls");
  assert_refused ("PK\x03\x04garbage", 11, NULL, WG_TABLE_ERROR_FORMAT, NULL);
}

/* A GB18030 file longer than the part looked at to detect it, with the
 * multi-byte characters across every read boundary. */
static void
test_csv_long_gb18030 (void)
{
  g_autoptr(GString) text = g_string_new ("姓名,住址\r\n");
  g_autofree char *gb = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *detected = NULL;
  gsize len;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "张%u,曲沃县乐昌镇东关村%u号\r\n", i, i);
  gb = g_convert (text->str, text->len, "GB18030", "UTF-8", NULL, &len, NULL);
  rows = read_bytes (gb, len, NULL, &detected);
  g_assert_cmpstr (detected, ==, "GB18030");
  g_assert_cmpuint (rows->len, ==, 20001);
  assert_row (rows, 20000, "20001|张19999|曲沃县乐昌镇东关村19999号");

  /* And the same in UTF-8, where a character also straddles the reads. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&detected, g_free);
  rows = read_bytes (text->str, text->len, NULL, &detected);
  g_assert_cmpstr (detected, ==, "UTF-8");
  g_assert_cmpuint (rows->len, ==, 20001);
  assert_row (rows, 12345, "12346|张12344|曲沃县乐昌镇东关村12344号");
}

static gboolean
have_openpyxl (void)
{
  return g_spawn_command_line_sync ("/usr/bin/python3 -c 'import openpyxl'", NULL, NULL, NULL, NULL);
}

static char *
write_xlsx (const char *name,
            const char *script)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *program = g_strdup_printf ("import openpyxl, datetime, sys\npath = sys.argv[1]\n%s", script);
  const char *argv[] = { "/usr/bin/python3", "-c", program, path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3: %s", err);
  return g_steal_pointer (&path);
}

static void
test_xlsx (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WgTableReader) reader = NULL;
  g_autoptr(WgTableReader) second = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const WgTableRow *row;
  char day[11];

  if (!have_openpyxl ())
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  path = write_xlsx ("sheet.xlsx",
                     "wb = openpyxl.Workbook()\n"
                     "ws = wb.active\n"
                     "ws.title = '返乡人员'\n"
                     "ws.append(['返乡人员名单'])\n"
                     "ws.append(['姓名', '身份证号', '到达日期', '人数', '备注'])\n"
                     "ws.append(['张三', '11010119900307003X', datetime.date(2026, 11, 21), 3, '第一行\\n第二行'])\n"
                     "ws.append([])\n"
                     "ws.append(['李四', 110101199003070019, datetime.date(2026, 2, 28), 1.5, None])\n"
                     "ws['E7'] = '跳过一列'\n"
                     "other = wb.create_sheet('第二页')\n"
                     "other.append(['只在第二页'])\n"
                     "wb.save(path)\n");

  reader = wg_table_reader_open (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wg_table_reader_get_format (reader), ==, "XLSX");
  g_assert_cmpuint (g_strv_length ((GStrv) wg_table_reader_get_sheets (reader)), ==, 2);
  g_assert_cmpstr (wg_table_reader_get_sheets (reader)[1], ==, "第二页");

  row = wg_table_reader_next (reader, &error);
  g_assert_cmpuint (row->number, ==, 1);
  g_assert_cmpstr (row->cells[0], ==, "返乡人员名单");
  row = wg_table_reader_next (reader, &error);
  g_assert_cmpuint (row->number, ==, 2);
  g_assert_cmpuint (row->n_cells, ==, 5);
  row = wg_table_reader_next (reader, &error);
  g_assert_cmpuint (row->number, ==, 3);
  g_assert_cmpstr (row->cells[1], ==, "11010119900307003X");
  g_assert_false (row->numeric[1]);
  g_assert_true (row->numeric[2]);
  g_assert_true (wg_table_serial_to_day (g_ascii_strtod (row->cells[2], NULL), FALSE, day));
  g_assert_cmpstr (day, ==, "2026-11-21");
  g_assert_cmpstr (row->cells[3], ==, "3");
  g_assert_cmpstr (row->cells[4], ==, "第一行\n第二行");
  /* The empty row 4 is counted, not returned; a number the spreadsheet
   * holds as a number says so (an ID number is then refused by the
   * importer, whatever digits are left). */
  row = wg_table_reader_next (reader, &error);
  g_assert_cmpuint (row->number, ==, 5);
  g_assert_true (row->numeric[1]);
  g_assert_true (wg_table_serial_to_day (g_ascii_strtod (row->cells[2], NULL), FALSE, day));
  g_assert_cmpstr (day, ==, "2026-02-28");
  g_assert_cmpstr (row->cells[3], ==, "1.5");
  row = wg_table_reader_next (reader, &error);
  g_assert_cmpuint (row->number, ==, 7);
  g_assert_cmpuint (row->n_cells, ==, 5);
  g_assert_cmpstr (row->cells[0], ==, "");
  g_assert_cmpstr (row->cells[4], ==, "跳过一列");
  g_assert_null (wg_table_reader_next (reader, &error));
  g_assert_no_error (error);

  second = wg_table_reader_open (path, NULL, "第二页", &error);
  g_assert_no_error (error);
  rows = read_all (second, &error);
  g_assert_no_error (error);
  assert_row (rows, 0, "1|只在第二页");

  g_clear_pointer (&second, wg_table_reader_free);
  second = wg_table_reader_open (path, NULL, "没有这页", &error);
  g_assert_null (second);
  g_assert_error (error, WG_TABLE_ERROR, WG_TABLE_ERROR_SHEET);
  g_assert_nonnull (strstr (error->message, "第二页"));
}

static void
test_serial_dates (void)
{
  char day[11];

  g_assert_true (wg_table_serial_to_day (1, FALSE, day));
  g_assert_cmpstr (day, ==, "1900-01-01");
  g_assert_false (wg_table_serial_to_day (60, FALSE, day)); /* Lotus's 29 February 1900 */
  g_assert_true (wg_table_serial_to_day (61, FALSE, day));
  g_assert_cmpstr (day, ==, "1900-03-01");
  g_assert_true (wg_table_serial_to_day (46347.75, FALSE, day));
  g_assert_cmpstr (day, ==, "2026-11-21");
  g_assert_true (wg_table_serial_to_day (44885, TRUE, day));
  g_assert_cmpstr (day, ==, "2026-11-21"); /* 1,462 days fewer from 1904 */
  g_assert_false (wg_table_serial_to_day (0, FALSE, day));
  g_assert_false (wg_table_serial_to_day (-3, FALSE, day));
}

/* libgsf 1.14.50 complains on its own about some damaged zips: a member
 * whose DOS time is impossible makes it unref a NULL GDateTime (a
 * g_critical inside libgsf, harmless), and it warns in its own domain.
 * Those are not ours to fail on; any other warning still is. */
static gboolean unexpected_message;

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL, *message = "";

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
  if ((domain != NULL && g_str_has_prefix (domain, "libgsf")) ||
      (g_strcmp0 (domain, "GLib") == 0 && strstr (message, "g_date_time_unref") != NULL))
    return G_LOG_WRITER_HANDLED;
  if (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_ERROR))
    unexpected_message = TRUE;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Every mutation of a real CSV and a real XLSX either reads or gives an
 * error: no crash, no sanitizer report, no endless loop. The libFuzzer
 * target (tests/fuzz) goes further. */
static void
test_mutations (void)
{
  g_autofree char *gb = g_convert (sheet_utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GRand *rand = g_rand_new_with_seed (20261130);
  guint runs = g_test_slow () ? 20000 : 3000;

  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);

  g_ptr_array_add (seeds, g_bytes_new (sheet_utf8, strlen (sheet_utf8)));
  g_ptr_array_add (seeds, g_bytes_new (gb, strlen (gb)));
  if (have_openpyxl ())
    {
      g_autofree char *path = write_xlsx ("seed.xlsx",
                                          "wb = openpyxl.Workbook()\n"
                                          "ws = wb.active\n"
                                          "ws.append(['姓名', '身份证号', '日期'])\n"
                                          "ws.append(['张三', '11010119900307003X', datetime.date(2026, 11, 21)])\n"
                                          "wb.save(path)\n");
      g_autofree char *data = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_ptr_array_add (seeds, g_bytes_new_take (g_steal_pointer (&data), len));
    }

  for (guint i = 0; i < runs; i++)
    {
      GBytes *seed = seeds->pdata[i % seeds->len];
      gsize len;
      const guint8 *data = g_bytes_get_data (seed, &len);
      g_autofree guint8 *copy = g_memdup2 (data, len);
      g_autoptr(GBytes) mutated = NULL;
      g_autoptr(WgTableReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      guint flips = g_rand_int_range (rand, 1, 8);
      gsize cut = len;

      for (guint f = 0; f < flips; f++)
        copy[g_rand_int_range (rand, 0, (gint32) len)] = (guint8) g_rand_int_range (rand, 0, 256);
      if (g_rand_boolean (rand))
        cut = g_rand_int_range (rand, 1, (gint32) len + 1);
      mutated = g_bytes_new (copy, cut);
      reader = wg_table_reader_new_for_bytes (mutated, NULL, NULL, &error);
      if (reader != NULL)
        {
          guint n = 0;

          while (wg_table_reader_next (reader, &error) != NULL)
            g_assert_cmpuint (++n, <, 100000);
        }
    }
  g_rand_free (rand);
  g_log_set_always_fatal (fatal);
  g_assert_false (unexpected_message);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = wg_test_make_tmp_dir ();

  g_test_add_func ("/table-reader/csv/encodings", test_csv_encodings);
  g_test_add_func ("/table-reader/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/table-reader/csv/refused", test_csv_refused);
  g_test_add_func ("/table-reader/csv/long-gb18030", test_csv_long_gb18030);
  g_test_add_func ("/table-reader/xlsx", test_xlsx);
  g_test_add_func ("/table-reader/serial-dates", test_serial_dates);
  g_test_add_func ("/table-reader/mutations", test_mutations);

  status = g_test_run ();
  wg_test_remove_tree (tmp_dir);
  return status;
}
