/* test-dossier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dossiers as leadership and inspectors read them: printed by wangge-cli,
 * then read back with poppler's tools (pdftotext, pdffonts, pdfinfo), qpdf
 * and poppler-glib (outline, links, where every character sits), and
 * compared with what the database holds.
 */

#include "config.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "wg-attachment.h"
#include "wg-document.h"
#include "wg-dossier.h"
#include "wg-list-document.h"
#include "wg-store-attachments.h"
#include "wg-store-figures.h"
#include "wg-store-grids.h"
#include "wg-store-records.h"
#include "wg-store-status.h"

#include "../wg-test-db.h"
#include "../wg-test-qr.h"
#include "../wg-test-util.h"

#define DAY "2026-11-29"
#define VILLAGE "141021100200"

/* poppler-glib 22 has no autoptr of its own. */
typedef PopplerDocument TestPdf;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)

/* PNG's CRC-32 (ISO 3309), to make a PNG by hand. */
static guint32
crc32_of (const guchar *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static char *fixture_dir;
static char *db_path;

/* A county of the test's own, the same as the fixture's: a copy in a file,
 * or in a database of its own on the county server. */
static char *
own_county (const char *name)
{
  g_autofree char *here = wg_test_tmp_path (name);

  return wg_test_clone (db_path, g_get_user_data_dir (), name);
}

/* Runs wangge-cli; returns its exit status, stdout and stderr freed. */
static int
cli (const char *db,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("WANGGE_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("wangge-cli %s: exit %d, %s", first, WEXITSTATUS (status), err);
  return WEXITSTATUS (status);
}

/* Runs wangge-cli expecting failure: exit 1, one line on stderr naming @part. */
static void
cli_fails (const char *db,
           const char *part,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("WANGGE_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  lines = g_strsplit (g_strchomp (err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_true (g_str_has_prefix (lines[0], "wangge-cli: "));
  g_assert_nonnull (strstr (lines[0], part));
}

static char *
tool_output (const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) first);
  va_start (ap, first);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s: %s", first, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* qpdf says WARNING and still exits 3, but some versions exit 0. */
  g_assert_null (strstr (err, "WARNING"));
  return out;
}

static WgStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  WgStore *store = wg_store_open (path, WG_STORE_OPEN_FLAGS_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

/* Someone under watch in the village, with temperatures: the usual dossier. */
static WgPersonInfo *
watched_person (WgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) round = wg_store_list_round (store, VILLAGE, DAY, &error);
  WgPersonInfo *info;

  g_assert_no_error (error);
  g_assert_cmpuint (round->len, >, 0);
  info = wg_store_read_person (store, ((WgRoundEntry *) g_ptr_array_index (round, 0))->person_id,
                               &error);
  g_assert_no_error (error);
  return info;
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* Every character inside the page's margins: nothing cut off or overflowing. */
static void
assert_text_inside_margins (PopplerDocument *document)
{
  for (int p = 0; p < poppler_document_get_n_pages (document); p++)
    {
      PopplerPage *page = poppler_document_get_page (document, p);
      PopplerRectangle *boxes = NULL;
      guint n_boxes = 0;
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
      for (guint i = 0; i < n_boxes; i++)
        {
          if (boxes[i].x1 == boxes[i].x2)
            continue; /* line ends */
          g_assert_cmpfloat (boxes[i].x1, >=, WG_MM (10));
          g_assert_cmpfloat (boxes[i].x2, <=, width - WG_MM (10));
          g_assert_cmpfloat (boxes[i].y1, >=, WG_MM (5));
          g_assert_cmpfloat (boxes[i].y2, <=, height - WG_MM (5));
        }
      g_free (boxes);
      g_object_unref (page);
    }
}

/* pdftotext spaces CJK text as it likes: compare without any whitespace. */
static gboolean
contains_squeezed (const char *text,
                   const char *needle)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *a = g_regex_replace_literal (space, text, -1, 0, "", 0, NULL);
  g_autofree char *b = g_regex_replace_literal (space, needle, -1, 0, "", 0, NULL);

  return strstr (a, b) != NULL;
}

static int
count_occurrences (const char *text,
                   const char *word)
{
  int n = 0;

  for (const char *at = strstr (text, word); at != NULL; at = strstr (at + 1, word))
    n++;
  return n;
}

static void
test_person (void)
{
  g_autofree char *pdf = wg_test_tmp_path ("person.pdf");
  g_autoptr(WgStore) store = open_store (db_path);
  g_autoptr(WgPersonInfo) info = watched_person (store);
  g_autoptr(WgRecordTable) temperatures = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TestPdf) document = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *check = NULL;
  g_auto(GStrv) lines = NULL;
  guint cjk_fonts = 0;

  /* The five-to-one team on the cover: the village doctor assigned here. */
  g_assert_true (wg_store_set_team_member (store, info->id, 4, "包保村医甲", "13900000004", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cli (db_path, "dossier", "--person", info->id_number, "--date", DAY, "-o", pdf, NULL),
                   ==, 0);
  {
    g_autofree char *raw = tool_output ("pdftotext", "-raw", pdf, "-", NULL);
    g_autoptr(GPtrArray) team = wg_store_list_team (store, info->id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (raw, "五包一责任人"));
    g_assert_nonnull (strstr (raw, "村医 包保村医甲 13900000004"));
    for (guint i = 0; i < team->len; i++)
      g_assert_nonnull (strstr (raw, ((WgFigureRow *) team->pdata[i])->label));
    if (team->len < WG_TEAM_ROLES)
      g_assert_nonnull (strstr (raw, "未分配"));
  }

  text = tool_output ("pdftotext", "-layout", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, info->name));
  g_assert_nonnull (strstr (text, info->id_number));
  for (WgRecordKind kind = WG_RECORD_KIND_HEALTH_CODE; kind <= WG_RECORD_KIND_ATTACHMENT; kind++)
    g_assert_nonnull (strstr (text, wg_record_kind_print_title (kind)));
  g_assert_true (contains_squeezed (text, "含个人信息 注意保密"));
  g_assert_true (contains_squeezed (text, "第 1 页 / 共"));

  /* Every temperature the database has for the person is on paper. */
  temperatures = wg_store_read_records (store, WG_RECORD_KIND_TEMPERATURE, info->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (temperatures->rows->len, >, 0);
  for (guint i = 0; i < temperatures->rows->len; i++)
    {
      char **cells = g_ptr_array_index (temperatures->rows, i);
      g_autofree char *day = g_strndup (cells[0], 10);

      g_assert_nonnull (strstr (text, cells[1]));
      g_assert_nonnull (strstr (text, day));
    }

  check = tool_output ("qpdf", "--check", pdf, NULL);
  g_assert_nonnull (strstr (check, "No syntax or stream encoding errors"));

  /* Fonts: embedded, subset, CJK. */
  fonts = tool_output ("pdffonts", pdf, NULL);
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) columns = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      guint n = g_strv_length (columns);

      g_test_message ("font: %s", lines[i]);
      g_assert_cmpuint (n, >=, 7);
      /* name, type…, encoding, emb, sub, uni, object, generation */
      g_assert_cmpstr (columns[n - 5], ==, "yes");
      g_assert_cmpstr (columns[n - 4], ==, "yes");
      g_assert_nonnull (strchr (columns[0], '+'));
      if (strstr (columns[0], "CJK") != NULL)
        cjk_fonts++;
    }
  g_assert_cmpuint (cjk_fonts, >=, 1);

  document = open_pdf (pdf);
  {
    g_autofree char *title = poppler_document_get_title (document);
    g_autoptr(GDateTime) created = poppler_document_get_creation_date_time (document);

    g_assert_nonnull (strstr (title, info->name));
    g_assert_nonnull (created);
  }
  assert_text_inside_margins (document);
}

static char *
page_text (PopplerDocument *document,
           int              index)
{
  PopplerPage *page = poppler_document_get_page (document, index);
  char *text = poppler_page_get_text (page);

  g_object_unref (page);
  return text;
}

/* A two-page laboratory report, as another program would make it. */
static void
write_report (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 400, 300);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 20, 50);
  cairo_show_text (cr, "LAB REPORT 7731 NEGATIVE");
  cairo_show_page (cr);
  cairo_move_to (cr, 20, 50);
  cairo_show_text (cr, "SECOND PAGE 4455");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
write_photo (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 240);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.5, 0.7, 0.9);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* A PNG of a few hundred bytes that claims 60,000 × 60,000 pixels: the
 * signature, IHDR (with its CRC) and a tiny IDAT of deflated zeros. */
static void
write_bomb (const char *path)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  guchar ihdr[17] = { 'I', 'H', 'D', 'R', 0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60, 8, 6, 0, 0, 0 };
  static const guchar idat[] = { 'I', 'D', 'A', 'T', 0x78, 0x9c, 0xed, 0xc1, 0x01, 0x0d, 0x00, 0x00,
                                 0x00, 0xc2, 0xa0, 0xf7, 0x4f, 0x6d, 0x0e, 0x37, 0xa0, 0x00, 0x00 };
  static const guchar iend[] = { 'I', 'E', 'N', 'D' };
  const struct { const guchar *data; gsize length; } chunks[] = {
    { ihdr, sizeof ihdr }, { idat, sizeof idat }, { iend, sizeof iend },
  };

  g_byte_array_append (png, signature, sizeof signature);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      guint32 length = GUINT32_TO_BE (chunks[i].length - 4);
      guint32 crc = GUINT32_TO_BE (crc32_of (chunks[i].data, chunks[i].length));

      g_byte_array_append (png, (const guchar *) &length, 4);
      g_byte_array_append (png, chunks[i].data, chunks[i].length);
      g_byte_array_append (png, (const guchar *) &crc, 4);
    }
  g_assert_true (g_file_set_contents (path, (const char *) png->data, png->len, NULL));
}

/* Runs wangge-cli and says how much memory it took at its peak (KiB). */
static long
cli_peak_kib (const char *db,
              const char *part,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  va_list ap;
  GPid pid;
  int status, err_fd;
  char err[4096] = { 0 };
  gssize n;

  g_ptr_array_add (argv, (char *) g_getenv ("WANGGE_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (ap, part);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                           NULL, &pid, NULL, NULL, &err_fd, &error));
  g_assert_no_error (error);
  n = read (err_fd, err, sizeof err - 1);
  close (err_fd);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);
  g_test_message ("stderr: %s (peak %ld KiB)", n > 0 ? err : "", usage.ru_maxrss);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, part));
  return usage.ru_maxrss;
}

/* Measured before read, and before decoded: a 1 GiB file and a picture
 * that claims 3.6 billion pixels are refused without the memory they ask. */
static void
test_attachment_limits (void)
{
  g_autofree char *db = own_county ("limits");
  g_autofree char *bomb = wg_test_tmp_path ("bomb.png");
  g_autofree char *huge = wg_test_tmp_path ("huge.pdf");
  g_autoptr(WgPersonInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  {
    g_autoptr(WgStore) store = open_store (db);
    info = watched_person (store);
  }
  write_bomb (bomb);
  fd = g_open (huge, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "%PDF-1.4\n", 9), ==, 9);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (1) << 30), ==, 0);
  close (fd);

  /* Far less than the 14 GB the picture would take, or the 1 GiB file.
   * Under AddressSanitizer the peak counts its shadow memory too (and the
   * county server's client library with its TLS and Kerberos libraries is
   * mapped since libpq came): about 420 MiB where the plain build takes
   * a fraction of it. */
#ifdef __SANITIZE_ADDRESS__
  const long limit_kib = 640 * 1024;
#else
  const long limit_kib = 400 * 1024;
#endif

  g_assert_cmpint (cli_peak_kib (db, "60000 × 60000", "attach", "--person", info->id_number, bomb, NULL), <,
                   limit_kib);
  g_assert_cmpint (cli_peak_kib (db, "larger than", "attach", "--person", info->id_number, huge, NULL), <,
                   limit_kib);
  /* In core too, for the app and the dossier. */
  {
    g_autofree char *contents = NULL;
    gsize length;
    g_autoptr(GBytes) bytes = NULL;

    g_assert_true (g_file_get_contents (bomb, &contents, &length, NULL));
    bytes = g_bytes_new (contents, length);
    g_assert_false (wg_attachment_check (bytes, NULL, NULL, &error));
    g_assert_error (error, WG_ATTACHMENT_ERROR, WG_ATTACHMENT_ERROR_TOO_BIG);
  }
  {
    g_autoptr(WgStore) store = open_store (db);
    g_assert_cmpint (wg_store_count_rows (store, "attachment"), ==, 0);
  }
  g_unlink (huge);
}

static void
test_attachments (void)
{
  g_autofree char *db = own_county ("attach");
  g_autofree char *report = wg_test_tmp_path ("report.pdf");
  g_autofree char *photo = wg_test_tmp_path ("photo.png");
  g_autofree char *locked = wg_test_tmp_path ("locked.pdf");
  g_autofree char *damaged = wg_test_tmp_path ("damaged.pdf");
  g_autofree char *notes = wg_test_tmp_path ("notes.txt");
  g_autofree char *before = wg_test_tmp_path ("before.pdf");
  g_autofree char *after = wg_test_tmp_path ("after.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *check = NULL;
  g_autoptr(TestPdf) plain = NULL;
  g_autoptr(TestPdf) bound = NULL;
  g_autoptr(WgPersonInfo) info = NULL;
  gsize length;

  {
    g_autoptr(WgStore) store = open_store (db);
    info = watched_person (store);
  }

  write_report (report);
  write_photo (photo);
  g_free (tool_output ("qpdf", "--encrypt", "user", "owner", "256", "--", report, locked, NULL));
  g_assert_true (g_file_get_contents (report, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, contents, length / 2, NULL));
  g_assert_true (g_file_set_contents (notes, "体温正常\n", -1, NULL));

  g_assert_cmpint (cli (db, "dossier", "--person", info->id_number, "--date", DAY, "-o", before, NULL), ==, 0);

  /* Refused, each with one clear line, and nothing stored. */
  cli_fails (db, "password", "attach", "--person", info->id_number, locked, NULL);
  cli_fails (db, "damaged", "attach", "--person", info->id_number, damaged, NULL);
  cli_fails (db, "PDF", "attach", "--person", info->id_number, notes, NULL);
  cli_fails (db, "110101190001011234", "attach", "--person", "110101190001011234", report, NULL);
  {
    g_autoptr(WgStore) store = open_store (db);
    g_assert_cmpint (wg_store_count_rows (store, "attachment"), ==, 0);
  }

  g_assert_cmpint (cli (db, "attach", "--person", info->id_number, report, NULL), ==, 0);
  g_assert_cmpint (cli (db, "attach", "--person", info->id_number, "--title", "入户照片", photo, NULL), ==, 0);
  cli_fails (db, "already attached", "attach", "--person", info->id_number, report, NULL);
  {
    g_autoptr(WgStore) store = open_store (db);
    g_autoptr(GError) error = NULL;
    g_autoptr(WgRecordTable) table = wg_store_read_records (store, WG_RECORD_KIND_ATTACHMENT, info->id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (table->rows->len, ==, 2);
    g_assert_cmpint (wg_store_count_rows (store, "attachment"), ==, 2);
  }

  g_assert_cmpint (cli (db, "dossier", "--person", info->id_number, "--date", DAY, "-o", after, NULL), ==, 0);
  plain = open_pdf (before);
  bound = open_pdf (after);
  /* Two pages of the report and one of the photo, each bound on a page of its own. */
  {
    guint n_bound = 0;

    for (int p = 0; p < poppler_document_get_n_pages (bound); p++)
      {
        g_autofree char *page = page_text (bound, p);

        if (contains_squeezed (page, "附件 1：report.pdf（第") ||
            contains_squeezed (page, "附件 2：入户照片（第 1 页 / 共 1 页）"))
          n_bound++;
      }
    g_assert_cmpuint (n_bound, ==, 3);
    g_assert_cmpint (poppler_document_get_n_pages (bound), >=, poppler_document_get_n_pages (plain) + 3);
  }

  /* The report's own text is still text. */
  text = tool_output ("pdftotext", after, "-", NULL);
  g_assert_nonnull (strstr (text, "LAB REPORT 7731 NEGATIVE"));
  g_assert_nonnull (strstr (text, "SECOND PAGE 4455"));
  g_assert_true (contains_squeezed (text, "附件 2：入户照片"));
  check = tool_output ("qpdf", "--check", after, NULL);
  g_assert_nonnull (strstr (check, "No syntax or stream encoding errors"));
  assert_text_inside_margins (bound);
}

/* The outline entry's page, from 0. */
static int
outline_page (PopplerDocument *document,
              PopplerAction   *action)
{
  PopplerDest *dest;
  int page;

  g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
  dest = action->goto_dest.dest;
  if (dest->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = poppler_document_find_dest (document, dest->named_dest);

      page = named->page_num - 1;
      poppler_dest_free (named);
      return page;
    }
  return dest->page_num - 1;
}

static void
test_grid_packet (void)
{
  g_autofree char *pdf = wg_test_tmp_path ("village.pdf");
  g_autoptr(WgStore) store = open_store (db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) watched = wg_store_list_round (store, VILLAGE, DAY, &error);
  g_autoptr(TestPdf) document = NULL;
  g_autoptr(GHashTable) household_pages = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) linked_pages = g_hash_table_new (g_direct_hash, g_direct_equal);
  PopplerIndexIter *iter;
  guint n_households = 0, n_persons = 0;
  int n_pages;

  g_assert_no_error (error);
  g_assert_cmpint (cli (db_path, "dossier", "--grid", VILLAGE, "--only-watched", "--date", DAY, "-o", pdf,
                        NULL), ==, 0);
  g_free (tool_output ("qpdf", "--check", pdf, NULL));

  document = open_pdf (pdf);
  n_pages = poppler_document_get_n_pages (document);
  {
    g_autofree char *title = poppler_document_get_title (document);
    g_autofree char *author = poppler_document_get_author (document);
    g_autofree char *village = wg_store_dup_grid_name (store, VILLAGE, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (title, village));
    g_assert_nonnull (author);
  }

  /* The outline: the contents, then one entry per household, its people below. */
  iter = poppler_index_iter_new (document);
  g_assert_nonnull (iter);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child;
      g_autofree char *text = NULL;
      int page = outline_page (document, action);

      g_assert_cmpint (page, >=, 0);
      g_assert_cmpint (page, <, n_pages);
      text = page_text (document, page);
      if (g_str_equal (action->any.title, "目录"))
        {
          g_assert_nonnull (strstr (text, "目录"));
          poppler_action_free (action);
          continue;
        }

      /* "CODE address": the page it points at is that household's cover. */
      n_households++;
      {
        g_auto(GStrv) words = g_strsplit (action->any.title, " ", 2);

        g_assert_nonnull (strstr (text, "户档案"));
        g_assert_nonnull (strstr (text, words[0]));
      }
      g_hash_table_add (household_pages, GINT_TO_POINTER (page));

      child = poppler_index_iter_get_child (iter);
      g_assert_nonnull (child);
      do
        {
          PopplerAction *person = poppler_index_iter_get_action (child);
          int person_page = outline_page (document, person);
          g_autofree char *person_text = page_text (document, person_page);

          g_assert_nonnull (strstr (person_text, "个人档案"));
          g_assert_nonnull (strstr (person_text, person->any.title));
          n_persons++;
          poppler_action_free (person);
        }
      while (poppler_index_iter_next (child));
      poppler_index_iter_free (child);
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);

  /* Only the people under watch, every one of them. */
  g_assert_cmpuint (n_persons, ==, watched->len);
  g_assert_cmpuint (n_households, >, 1);

  /* The table of contents (from page 2): each line links to its household's
   * cover, and the number printed on the line is that page. */
  for (int p = 1; p < n_pages; p++)
    {
      PopplerPage *page = poppler_document_get_page (document, p);
      g_autofree char *text = poppler_page_get_text (page);
      GList *links;

      if (strstr (text, "目录") == NULL)
        {
          g_object_unref (page);
          break;
        }
      links = poppler_page_get_link_mapping (page);
      for (GList *l = links; l != NULL; l = l->next)
        {
          PopplerLinkMapping *mapping = l->data;
          double width, height;
          PopplerRectangle area = mapping->area;
          g_autofree char *line = NULL;
          g_autofree char *number = NULL;
          int target = outline_page (document, mapping->action);

          /* Link areas are in PDF space (origin bottom left); text areas not. */
          poppler_page_get_size (page, &width, &height);
          area.y1 = height - mapping->area.y2;
          area.y2 = height - mapping->area.y1;
          line = poppler_page_get_text_for_area (page, &area);
          number = g_strdup_printf ("%d", target + 1);
          g_assert_true (g_str_has_suffix (g_strstrip (line), number));
          g_assert_true (g_hash_table_contains (household_pages, GINT_TO_POINTER (target)));
          g_hash_table_add (linked_pages, GINT_TO_POINTER (target));
        }
      poppler_page_free_link_mapping (links);
      g_object_unref (page);
    }
  g_assert_cmpuint (g_hash_table_size (linked_pages), ==, n_households);
}

static void
test_long_table (void)
{
  g_autofree char *db = own_county ("long");
  g_autofree char *pdf = wg_test_tmp_path ("long.pdf");
  g_autoptr(WgPersonInfo) info = NULL;
  g_autoptr(TestPdf) document = NULL;
  g_autofree char *text = NULL;

  {
    g_autoptr(WgStore) store = open_store (db);
    g_autoptr(GError) error = NULL;

    info = watched_person (store);
    /* Ninety days of two readings: the log runs over several pages. */
    for (int day = 1; day <= 90; day++)
      for (int half = 0; half < 2; half++)
        {
          g_autofree char *at = g_strdup_printf ("2025-%02d-%02d %s", 1 + (day - 1) / 28,
                                                 1 + (day - 1) % 28, half ? "15:00:00" : "08:00:00");

          g_assert_true (wg_store_add_temperature (store, info->id, at, 360 + (day % 14), &error));
          g_assert_no_error (error);
        }
  }

  g_assert_cmpint (cli (db, "dossier", "--person", info->id_number, "--date", DAY, "-o", pdf, NULL), ==, 0);
  text = tool_output ("pdftotext", pdf, "-", NULL);
  /* Continued with its title and header repeated. */
  g_assert_true (contains_squeezed (text, "体温记录（续）"));
  g_assert_cmpint (count_occurrences (text, "上午"), >=, 2);
  g_assert_nonnull (strstr (text, "2025-04-06"));
  document = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 4);
  assert_text_inside_margins (document);
}

static void
assert_no_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_user_data_dir (), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_test_message ("left behind: %s", name);
      g_assert_false (g_str_has_suffix (name, ".pdf") || g_str_has_prefix (name, ".wangge"));
    }
}

static void
test_unknown (void)
{
  g_autofree char *pdf = wg_test_tmp_path ("nothing.pdf");

  cli_fails (db_path, "110101190001011234", "dossier", "--person", "110101190001011234", "-o", pdf, NULL);
  cli_fails (db_path, "NOSUCHHOUSE", "dossier", "--household", "NOSUCHHOUSE", "-o", pdf, NULL);
  cli_fails (db_path, "999999", "dossier", "--grid", "999999", "-o", pdf, NULL);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  assert_no_files ();

  /* Two targets, or none, is a usage error. */
  g_assert_cmpint (cli (db_path, "dossier", "--grid", VILLAGE, "--household", "X", "-o", pdf, NULL), ==, 2);
  g_assert_cmpint (cli (db_path, "dossier", "-o", pdf, NULL), ==, 2);
}

/* Read on two cores, a packet is the one read on one: same pages, same order. */
static void
test_two_cores (void)
{
  g_autoptr(WgStore) store = open_store (db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgDossier) two = NULL;
  g_autoptr(WgDossier) one = NULL;
  g_autoptr(GPtrArray) outline_two = NULL;
  g_autoptr(GPtrArray) outline_one = NULL;

  two = wg_dossier_new_for_grid (store, "141021100", WG_DOSSIER_FLAGS_ALL, DAY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_setenv ("WANGGE_DOSSIER_ONE_CORE", "1", TRUE);
  one = wg_dossier_new_for_grid (store, "141021100", WG_DOSSIER_FLAGS_ALL, DAY, NULL, NULL, NULL, &error);
  g_unsetenv ("WANGGE_DOSSIER_ONE_CORE");
  g_assert_no_error (error);

  g_assert_cmpuint (wg_dossier_get_n_households (two), >=, 64);
  g_assert_cmpuint (wg_document_get_n_pages (WG_DOCUMENT (two)), ==, wg_document_get_n_pages (WG_DOCUMENT (one)));
  g_assert_cmpuint (wg_dossier_get_n_persons (two), ==, wg_dossier_get_n_persons (one));
  outline_two = wg_document_dup_outline (WG_DOCUMENT (two));
  outline_one = wg_document_dup_outline (WG_DOCUMENT (one));
  g_assert_cmpuint (outline_two->len, ==, outline_one->len);
  for (guint i = 0; i < outline_one->len; i++)
    {
      WgOutlineEntry *a = g_ptr_array_index (outline_one, i), *b = g_ptr_array_index (outline_two, i);

      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpuint (a->page, ==, b->page);
      g_assert_cmpuint (a->depth, ==, b->depth);
    }
}

/* The preview shows a page as a PDF of its own, read back by poppler: also
 * the contents, whose links point at pages that PDF does not have. */
static void
test_page_pdf (void)
{
  g_autoptr(WgStore) store = open_store (db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WgDossier) dossier = wg_dossier_new_for_grid (store, VILLAGE, WG_DOSSIER_FLAGS_ALL, DAY, NULL, NULL,
                                                          NULL, &error);

  g_assert_no_error (error);
  for (guint page = 0; page < 3; page++)
    {
      g_autoptr(GBytes) pdf = wg_document_dup_page_pdf (WG_DOCUMENT (dossier), page, &error);
      g_autoptr(TestPdf) document = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      document = poppler_document_new_from_bytes (pdf, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
      text = page_text (document, 0);
      g_assert_true (contains_squeezed (text, page == 1 ? "目录" : "含个人信息"));
    }
}

static void
cancel_after_first_page (double   fraction,
                         gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autofree char *pdf = wg_test_tmp_path ("cancelled.pdf");
  g_autoptr(WgStore) store = open_store (db_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WgDossier) dossier = NULL;

  dossier = wg_dossier_new_for_grid (store, VILLAGE, WG_DOSSIER_FLAGS_ALL, DAY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wg_document_get_n_pages (WG_DOCUMENT (dossier)), >, 100);

  g_assert_false (wg_document_write_pdf (WG_DOCUMENT (dossier), pdf, NULL, cancellable,
                                         cancel_after_first_page, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  assert_no_files ();
  g_clear_error (&error);

  /* Reading a packet stops too. */
  g_assert_null (wg_dossier_new_for_grid (store, VILLAGE, WG_DOSSIER_FLAGS_ALL, DAY, cancellable, NULL, NULL,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The people behind a figure, on paper: the same people as the list, in
 * order, the header row on every page, the dossiers' footer; and a long
 * list breaks into pages inside the margins. */
static void
test_status_list_print (void)
{
  g_autoptr(WgStore) store = open_store (db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = wg_store_list_status_people (store, "141021", WG_STATUS_RETURNEES, DAY, &error);
  g_autoptr(WgListDocument) list = NULL;
  g_autoptr(WgListDocument) long_list = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "returnees.pdf", NULL);
  g_autofree char *long_pdf = g_build_filename (g_get_user_data_dir (), "long.pdf", NULL);
  PopplerDocument *document = NULL;
  PopplerDocument *long_document = NULL;
  g_autofree char *first = NULL;
  static const char *const headers[] = { "序号", "姓名", "住址" };
  static const double widths[] = { 1, 2, 5 };
  int n_pages;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >, 0);
  list = wg_list_document_new_for_status (store, "141021", WG_STATUS_RETURNEES, DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wg_list_document_get_n_rows (list), ==, people->len);
  g_assert_true (wg_document_write_pdf (WG_DOCUMENT (list), pdf, "值班员甲", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  document = open_pdf (pdf);
  first = page_text (document, 0);
  g_assert_true (contains_squeezed (first, "返乡人员名单"));
  /* The demo county's made-up people say so on paper. */
  g_assert_true (contains_squeezed (first, "演示数据"));
  g_assert_true (contains_squeezed (first, "含个人信息注意保密"));
  n_pages = poppler_document_get_n_pages (document);
  {
    g_autoptr(GString) all = g_string_new (NULL);

    for (int p = 0; p < n_pages; p++)
      {
        g_autofree char *text = page_text (document, p);
        g_autofree char *footer = g_strdup_printf ("第 %d 页 / 共 %d 页", p + 1, n_pages);

        g_assert_true (contains_squeezed (text, footer));
        g_string_append (all, text);
      }
    for (guint i = 0; i < people->len; i++)
      g_assert_true (contains_squeezed (all->str, ((WgStatusPerson *) people->pdata[i])->name));
  }
  assert_text_inside_margins (document);

  long_list = wg_list_document_new ("长名单", "测试", NULL, headers, widths, 3);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = g_strdup_printf ("人员%u", i + 1);
      const char *cells[] = { number, name, "曲沃县乐昌镇东关村一个相当长的住址，长到一行写不下，要折成两行才能放下第一百号" };

      wg_list_document_add_row (long_list, cells);
    }
  g_assert_true (wg_document_write_pdf (WG_DOCUMENT (long_list), long_pdf, NULL, NULL, NULL, NULL, &error));
  long_document = open_pdf (long_pdf);
  g_assert_cmpint (poppler_document_get_n_pages (long_document), >=, 3);
  for (int p = 0; p < poppler_document_get_n_pages (long_document); p++)
    {
      g_autofree char *text = page_text (long_document, p);

      g_assert_true (contains_squeezed (text, "住址"));
    }
  {
    g_autofree char *last = page_text (long_document, poppler_document_get_n_pages (long_document) - 1);

    g_assert_true (contains_squeezed (last, "人员150"));
  }
  assert_text_inside_margins (long_document);
  g_object_unref (document);
  g_object_unref (long_document);

  /* A county imported from its registers is not marked. */
  {
    g_autofree char *real_db = g_build_filename (g_get_user_data_dir (), "real.db", NULL);
    g_autofree char *samples = g_build_filename (g_getenv ("WANGGE_SOURCE_ROOT"), "data", "samples", NULL);
    g_autofree char *real_pdf = g_build_filename (g_get_user_data_dir (), "real.pdf", NULL);
    const char *kinds[] = { "grids", "households", "people" };
    g_autoptr(WgStore) real = NULL;
    g_autoptr(WgListDocument) real_list = NULL;
    PopplerDocument *real_document;
    g_autofree char *text = NULL;

    g_assert_cmpint (cli (real_db, "init", NULL), ==, 0);
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *name = g_strconcat (kinds[k], ".csv", NULL);
        g_autofree char *file = g_build_filename (samples, name, NULL);

        g_assert_cmpint (cli (real_db, "import", kinds[k], file, NULL), ==, 0);
      }
    real = open_store (real_db);
    real_list = wg_list_document_new_for_status (real, "141021", WG_STATUS_AWAY, DAY, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (wg_list_document_get_n_rows (real_list), >, 0);
    g_assert_true (wg_document_write_pdf (WG_DOCUMENT (real_list), real_pdf, NULL, NULL, NULL, NULL, &error));
    real_document = open_pdf (real_pdf);
    text = page_text (real_document, 0);
    g_assert_true (contains_squeezed (text, "在外人员名单"));
    g_assert_false (contains_squeezed (text, "演示数据"));
    g_object_unref (real_document);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  fixture_dir = wg_test_make_tmp_dir ();
  db_path = wg_test_database (fixture_dir, "fixture");
  g_assert_cmpint (cli (db_path, "demo", "--scale", "small", "--seed", "8", "--date", DAY, NULL), ==, 0);

  g_test_add_func ("/wg/dossier/person", test_person);
  g_test_add_func ("/wg/dossier/status-list-print", test_status_list_print);
  g_test_add_func ("/wg/dossier/attachments", test_attachments);
  g_test_add_func ("/wg/dossier/attachment-limits", test_attachment_limits);
  g_test_add_func ("/wg/dossier/grid-packet", test_grid_packet);
  g_test_add_func ("/wg/dossier/long-table", test_long_table);
  g_test_add_func ("/wg/dossier/unknown", test_unknown);
  g_test_add_func ("/wg/dossier/cancel", test_cancel);
  g_test_add_func ("/wg/dossier/two-cores", test_two_cores);
  g_test_add_func ("/wg/dossier/page-pdf", test_page_pdf);

  status = g_test_run ();
  wg_test_remove_tree (fixture_dir);
  g_free (db_path);
  return status;
}
