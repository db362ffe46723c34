/* test-store-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wg-demo.h"
#include "wg-label.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-search.h"
#include "wg-store-settings.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

static WgStore *store;
static gint64 fang_id, zhang_id, household_id;

static gboolean
contains (GPtrArray    *results,
          WgSearchKind  kind,
          gint64        id)
{
  for (guint i = 0; i < results->len; i++)
    {
      WgSearchResult *r = g_ptr_array_index (results, i);

      if (r->kind == kind && r->id == id)
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
search (const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = wg_store_search (store, query, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static void
test_two_character_name (void)
{
  g_autoptr(GPtrArray) results = search ("冯蕾");
  WgSearchResult *first;

  g_assert_true (contains (results, WG_SEARCH_KIND_PERSON, fang_id));
  first = g_ptr_array_index (results, 0);
  g_assert_cmpstr (first->title, ==, "冯蕾");
}

static void
test_one_character_prefix (void)
{
  g_autoptr(GPtrArray) results = search ("冯");

  g_assert_cmpuint (results->len, >, 0);
  for (guint i = 0; i < results->len; i++)
    {
      WgSearchResult *r = g_ptr_array_index (results, i);
      g_assert_true (g_str_has_prefix (r->title, "冯"));
    }
}

static void
test_three_character_name (void)
{
  g_autoptr(GPtrArray) results = search ("欧阳娜");

  g_assert_true (contains (results, WG_SEARCH_KIND_PERSON, zhang_id));
}

static void
test_id_prefix (void)
{
  g_autoptr(GPtrArray) results = search ("1101051949123");
  g_autoptr(GPtrArray) lower_x = search ("11010519491231002x");

  g_assert_true (contains (results, WG_SEARCH_KIND_PERSON, fang_id));
  g_assert_true (contains (lower_x, WG_SEARCH_KIND_PERSON, fang_id));
}

static void
test_phone (void)
{
  g_autoptr(GPtrArray) results = search ("13700001234");
  g_autoptr(GPtrArray) partial = search ("0001234");

  g_assert_true (contains (results, WG_SEARCH_KIND_PERSON, zhang_id));
  g_assert_true (contains (partial, WG_SEARCH_KIND_PERSON, zhang_id));

  /* Found by the phone, the result shows the phone. */
  for (guint i = 0; i < results->len; i++)
    {
      WgSearchResult *result = g_ptr_array_index (results, i);

      if (result->kind == WG_SEARCH_KIND_PERSON && result->id == zhang_id)
        g_assert_cmpstr (result->detail, ==, "13700001234");
    }
}

static void
test_household_code (void)
{
  g_autoptr(GPtrArray) results = search ("K7Q2M9XW4D");
  g_autoptr(GPtrArray) lower = search ("k7q2m9xw4d");

  g_assert_cmpuint (results->len, >=, 1);
  g_assert_true (contains (results, WG_SEARCH_KIND_HOUSEHOLD, household_id));
  g_assert_true (contains (lower, WG_SEARCH_KIND_HOUSEHOLD, household_id));
}

static void
test_address_and_grid (void)
{
  g_autoptr(GPtrArray) address = search ("测试巷9号");
  g_autoptr(GPtrArray) grid = search ("史村镇");

  g_assert_true (contains (address, WG_SEARCH_KIND_HOUSEHOLD, household_id));
  g_assert_cmpuint (grid->len, >, 0);
  g_assert_cmpint (((WgSearchResult *) g_ptr_array_index (grid, 0))->kind, ==, WG_SEARCH_KIND_GRID);
}

static void
test_nothing (void)
{
  g_autoptr(GPtrArray) none = search ("不存在的名字");
  g_autoptr(GPtrArray) empty = search ("   ");
  g_autoptr(GPtrArray) quotes = search ("\"\"\" OR *");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (quotes->len, ==, 0);
}

static void
test_label_payload (void)
{
  g_autoptr(GBytes) key = wg_store_dup_signing_key (store, NULL);
  g_autofree char *payload = wg_label_payload (key, "K7Q2M9XW4D");
  g_autofree char *forged = g_strdup (payload);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  WgSearchResult *r;

  found = search (payload);
  g_assert_cmpuint (found->len, ==, 1);
  r = g_ptr_array_index (found, 0);
  g_assert_cmpint (r->kind, ==, WG_SEARCH_KIND_HOUSEHOLD);
  g_assert_cmpint (r->id, ==, household_id);
  g_assert_true (r->is_label);
  g_assert_cmpint (r->label_status, ==, WG_LABEL_STATUS_VALID);

  forged[strlen (forged) - 1] = forged[strlen (forged) - 1] == 'Z' ? 'Y' : 'Z';
  refused = search (forged);
  g_assert_cmpuint (refused->len, ==, 1);
  r = g_ptr_array_index (refused, 0);
  g_assert_cmpint (r->kind, ==, WG_SEARCH_KIND_LABEL);
  g_assert_cmpint (r->label_status, ==, WG_LABEL_STATUS_FORGED);
  g_assert_cmpstr (r->title, ==, "K7Q2M9XW4D");
}

static void
test_index_follows_edits (void)
{
  g_autoptr(GError) error = NULL;
  WgPersonFields person = { "141021200001010017", "严", NULL, NULL, 0 };
  g_autoptr(GPtrArray) results = NULL;
  gint64 id = 0;

  g_assert_true (wg_store_add_person (store, &person, &id, &error));
  g_assert_no_error (error);
  results = search ("严");
  g_assert_true (contains (results, WG_SEARCH_KIND_PERSON, id));
}

/* The same county on both engines gives the same results to the same
 * queries, in the same order (on the server run only: it needs both). */
static void
test_engines_agree (void)
{
  static const char *const queries[] = {
    "王", "张", "冯蕾", "欧阳", "乐昌", "曲沃县", "1410", "141021198", "139", "1370000", "K7Q2M9", "k7q2m9xw4d",
    "测试巷", "幸福小区", "文化社区", "大寨村", "四组", "第一网格", "号", "zz", "NONE-SUCH",
  };
  g_autofree char *file = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(WgStore) lite = NULL;
  g_autoptr(GError) error = NULL;

  if (!wg_test_on_server ())
    {
      g_test_skip ("Needs both engines: runs in the -pg suite");
      return;
    }

  tmp = wg_test_make_tmp_dir ();
  file = g_build_filename (tmp, "same.db", NULL);
  lite = wg_store_open (file, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (lite, WG_DEMO_SCALE_SMALL, 3, "2026-11-29", NULL, NULL, &error));
  {
    WgPersonFields fang = { "11010519491231002X", "冯蕾", "13912345678", "户主", 0 };
    WgPersonFields zhang = { "141021198003150013", "欧阳娜", "13700001234", "配偶", 0 };
    gint64 id;

    g_assert_true (wg_store_add_household (lite, "1410211002000101", "K7Q2M9XW4D",
                                           "曲沃县乐昌镇测试巷9号", &id, &error));
    fang.household_id = zhang.household_id = id;
    g_assert_true (wg_store_add_person (lite, &fang, &id, &error));
    g_assert_true (wg_store_add_person (lite, &zhang, &id, &error));
    g_assert_no_error (error);
  }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) a = wg_store_search (lite, queries[q], 50, &error);
      g_autoptr(GPtrArray) b = NULL;

      g_assert_no_error (error);
      b = wg_store_search (store, queries[q], 50, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %u results, %u counted", queries[q], a->len, wg_store_count_search (lite, queries[q], 100000, NULL));
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint i = 0; i < a->len; i++)
        {
          const WgSearchResult *ra = g_ptr_array_index (a, i);
          const WgSearchResult *rb = g_ptr_array_index (b, i);

          g_assert_cmpint (ra->kind, ==, rb->kind);
          g_assert_cmpstr (ra->title, ==, rb->title);
          g_assert_cmpstr (ra->detail, ==, rb->detail);
          g_assert_cmpstr (ra->grid_code, ==, rb->grid_code);
        }
      g_assert_cmpuint (wg_store_count_search (lite, queries[q], 100000, NULL), ==,
                        wg_store_count_search (store, queries[q], 100000, NULL));
    }
  g_clear_object (&lite);
  wg_test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  WgPersonFields fang = { "11010519491231002X", "冯蕾", "13912345678", "户主", 0 };
  WgPersonFields zhang = { "141021198003150013", "欧阳娜", "13700001234", "配偶", 0 };
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = wg_test_make_tmp_dir ();
  path = wg_test_database (dir, "search");
  store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 3, "2026-11-29", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (wg_store_add_household (store, "1410211002000101", "K7Q2M9XW4D",
                                         "曲沃县乐昌镇测试巷9号", &household_id, &error));
  g_assert_no_error (error);
  fang.household_id = zhang.household_id = household_id;
  g_assert_true (wg_store_add_person (store, &fang, &fang_id, &error));
  g_assert_true (wg_store_add_person (store, &zhang, &zhang_id, &error));
  g_assert_no_error (error);

  /* First, while the county is still the one the file is built as. */
  g_test_add_func ("/wg/search/engines-agree", test_engines_agree);
  g_test_add_func ("/wg/search/two-character-name", test_two_character_name);
  g_test_add_func ("/wg/search/one-character-prefix", test_one_character_prefix);
  g_test_add_func ("/wg/search/three-character-name", test_three_character_name);
  g_test_add_func ("/wg/search/id-prefix", test_id_prefix);
  g_test_add_func ("/wg/search/phone", test_phone);
  g_test_add_func ("/wg/search/household-code", test_household_code);
  g_test_add_func ("/wg/search/address-and-grid", test_address_and_grid);
  g_test_add_func ("/wg/search/nothing", test_nothing);
  g_test_add_func ("/wg/search/label-payload", test_label_payload);
  g_test_add_func ("/wg/search/index-follows-edits", test_index_follows_edits);

  status = g_test_run ();
  g_clear_object (&store);
  wg_test_remove_tree (dir);
  return status;
}
