/* test-label.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <qrencode.h>

#include "wg-label.h"
#include "wg-store-grids.h"
#include "wg-store-households.h"
#include "wg-store-settings.h"
#include "wg-test-db.h"

static WgStore *
new_store (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  WgStore *store;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = wg_test_database (g_get_user_data_dir (), "label");
  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_store_add_grid (store, NULL, "141021", "曲沃县", NULL, &error));
  g_assert_true (wg_store_add_grid (store, "141021", "141021100", "乐昌镇", NULL, &error));
  g_assert_true (wg_store_add_grid (store, "141021100", "141021100200", "东韩村", NULL, &error));
  g_assert_true (wg_store_add_grid (store, "141021100200", "14102110020001", "一组", NULL, &error));
  g_assert_true (wg_store_add_grid (store, "14102110020001", "1410211002000101", "第一网格", NULL,
                                    &error));
  g_assert_true (wg_store_add_household (store, "1410211002000101", "K7Q2M9XW4D", "东韩村一组1号",
                                         NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_payload_shape (void)
{
  g_autoptr(GBytes) key = g_bytes_new_static ("0123456789abcdef0123456789abcdef", 32);
  g_autofree char *payload = wg_label_payload (key, "K7Q2M9XW4D");
  QRcode *code;

  g_assert_true (g_str_has_prefix (payload, "WG1:K7Q2M9XW4D:"));
  g_assert_cmpuint (strlen (payload), ==, 4 + 10 + 1 + WG_LABEL_SIGNATURE_LENGTH);
  /* Every character is in the QR alphanumeric alphabet... */
  g_assert_cmpuint (strspn (payload, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"), ==,
                    strlen (payload));
  /* ...so the symbol is version 2 (25 × 25) even at level M. */
  code = QRcode_encodeString (payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  g_assert_nonnull (code);
  g_assert_cmpint (code->width, ==, 25);
  QRcode_free (code);
}

static void
test_sign_deterministic (void)
{
  g_autoptr(GBytes) key = g_bytes_new_static ("0123456789abcdef0123456789abcdef", 32);
  g_autoptr(GBytes) other = g_bytes_new_static ("fedcba9876543210fedcba9876543210", 32);
  g_autofree char *a = wg_label_sign (key, "K7Q2M9XW4D");
  g_autofree char *b = wg_label_sign (key, "K7Q2M9XW4D");
  g_autofree char *c = wg_label_sign (other, "K7Q2M9XW4D");
  g_autofree char *d = wg_label_sign (key, "K7Q2M9XW4E");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);
}

static void
test_verify (void)
{
  g_autoptr(WgStore) store = new_store ();
  g_autoptr(GBytes) key = wg_store_dup_signing_key (store, NULL);
  g_autofree char *payload = wg_label_payload (key, "K7Q2M9XW4D");
  g_autofree char *gone = wg_label_payload (key, "ZZZZZZZZZZ");
  g_autofree char *code = NULL;
  g_autofree char *lower = g_ascii_strdown (payload, -1);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_cmpint (wg_label_verify (store, payload, &code, &id, &error), ==, WG_LABEL_STATUS_VALID);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "K7Q2M9XW4D");
  g_assert_cmpint (id, >, 0);

  /* A scanner typing through a lower-case layout. */
  g_assert_cmpint (wg_label_verify (store, lower, NULL, NULL, NULL), ==, WG_LABEL_STATUS_VALID);

  /* Each single changed character of code or signature is caught. */
  for (gsize i = 4; payload[i] != '\0'; i++)
    {
      g_autofree char *forged = g_strdup (payload);

      if (forged[i] == ':')
        continue;
      forged[i] = forged[i] == '7' ? '8' : '7';
      g_assert_cmpint (wg_label_verify (store, forged, NULL, NULL, NULL), ==,
                       WG_LABEL_STATUS_FORGED);
    }

  g_assert_cmpint (wg_label_verify (store, gone, NULL, NULL, NULL), ==, WG_LABEL_STATUS_GONE);

  g_assert_cmpint (wg_label_verify (store, "hello", NULL, NULL, NULL), ==,
                   WG_LABEL_STATUS_MALFORMED);
  g_assert_cmpint (wg_label_verify (store, "WG1:K7Q2M9XW4D", NULL, NULL, NULL), ==,
                   WG_LABEL_STATUS_MALFORMED);
  g_assert_cmpint (wg_label_verify (store, "WG1:K7Q2M9XW4D:ABC", NULL, NULL, NULL), ==,
                   WG_LABEL_STATUS_MALFORMED);
  g_assert_cmpint (wg_label_verify (store, "WG1:K7Q2M9XW4D:IIIIIIIIII", NULL, NULL, NULL),
                   ==, WG_LABEL_STATUS_MALFORMED);
  g_assert_true (wg_label_looks_like ("  wg1:abc"));
  g_assert_false (wg_label_looks_like ("王芳"));
}

static void
test_rotation (void)
{
  g_autoptr(WgStore) store = new_store ();
  g_autoptr(GBytes) old_key = wg_store_dup_signing_key (store, NULL);
  g_autoptr(GBytes) new_key = NULL;
  g_autofree char *old_label = wg_label_payload (old_key, "K7Q2M9XW4D");
  g_autofree char *new_label = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (wg_store_rotate_signing_key (store, &error));
  g_assert_no_error (error);
  new_key = wg_store_dup_signing_key (store, NULL);
  g_assert_false (g_bytes_equal (old_key, new_key));
  new_label = wg_label_payload (new_key, "K7Q2M9XW4D");

  g_assert_cmpint (wg_label_verify (store, new_label, NULL, NULL, NULL), ==, WG_LABEL_STATUS_VALID);
  g_assert_cmpint (wg_label_verify (store, old_label, NULL, NULL, NULL), ==,
                   WG_LABEL_STATUS_OUTDATED);

  /* Twice: the oldest label is still recognised. */
  g_assert_true (wg_store_rotate_signing_key (store, &error));
  g_assert_cmpint (wg_label_verify (store, old_label, NULL, NULL, NULL), ==,
                   WG_LABEL_STATUS_OUTDATED);
  g_assert_cmpint (wg_label_verify (store, new_label, NULL, NULL, NULL), ==,
                   WG_LABEL_STATUS_OUTDATED);
}

static void
test_url_expand (void)
{
  g_autofree char *url = wg_poster_url_expand ("https://example.gov.cn/r?g={grid_code}&n={grid_name}&again={grid_name}",
                                               "141021100200", "东韩村 & 西区");
  g_autofree char *name = NULL;
  const char *n;

  g_assert_cmpstr (url, ==,
                   "https://example.gov.cn/r?g=141021100200"
                   "&n=%E4%B8%9C%E9%9F%A9%E6%9D%91%20%26%20%E8%A5%BF%E5%8C%BA"
                   "&again=%E4%B8%9C%E9%9F%A9%E6%9D%91%20%26%20%E8%A5%BF%E5%8C%BA");
  n = strstr (url, "&n=") + 3;
  name = g_uri_unescape_segment (n, strchr (n, '&'), NULL);
  g_assert_cmpstr (name, ==, "东韩村 & 西区");
}

static void
test_settings (void)
{
  g_autoptr(WgStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fallback = wg_store_dup_setting (store, "county-hotline", &error);
  g_autofree char *set = NULL;
  g_autofree char *reset = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (fallback);
  g_assert_true (wg_store_set_setting (store, "county-hotline", "0357-12345678", &error));
  set = wg_store_dup_setting (store, "county-hotline", &error);
  g_assert_cmpstr (set, ==, "0357-12345678");
  g_assert_true (wg_store_set_setting (store, "county-hotline", NULL, &error));
  reset = wg_store_dup_setting (store, "county-hotline", &error);
  g_assert_cmpstr (reset, ==, fallback);

  g_assert_false (wg_store_set_setting (store, "no-such-key", "x", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wg/label/payload-shape", test_payload_shape);
  g_test_add_func ("/wg/label/sign-deterministic", test_sign_deterministic);
  g_test_add_func ("/wg/label/verify", test_verify);
  g_test_add_func ("/wg/label/rotation", test_rotation);
  g_test_add_func ("/wg/label/url-expand", test_url_expand);
  g_test_add_func ("/wg/label/settings", test_settings);

  return g_test_run ();
}
