/* test-store-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changing the registry: what is valid is stored and logged, what is not is
 * refused with a reason and changes nothing.
 */

#include "config.h"

#include "wg-demo.h"
#include "wg-store-audit.h"
#include "wg-store-grids.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-sites.h"
#include "wg-store-records.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

#define DAY "2026-11-29"
#define MICRO "1410211002000101"
#define OTHER_MICRO "1410211002000102"

typedef struct
{
  char *dir;
  WgStore *store;
  gint64 household_id;
  gint64 person_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  WgPersonFields person = { "141021198003150013", "欧阳娜", "13700001234", "户主", 0 };

  fixture->dir = wg_test_make_tmp_dir ();
  path = wg_test_database (fixture->dir, "county");
  fixture->store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (fixture->store, WG_DEMO_SCALE_SMALL, 4, DAY, NULL, NULL, &error));
  wg_store_set_operator (fixture->store, "值班员乙");
  g_assert_true (wg_store_add_household (fixture->store, MICRO, "T3STHH0001", "曲沃县乐昌镇测试巷1号",
                                         &fixture->household_id, &error));
  person.household_id = fixture->household_id;
  g_assert_true (wg_store_add_person (fixture->store, &person, &fixture->person_id, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  wg_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static guint
audit_count (WgStore    *store,
             const char *entity)
{
  g_autoptr(GPtrArray) entries = wg_store_list_audit (store, entity, 0, NULL);

  return entries->len;
}

static guint
n_records (Fixture      *fixture,
           WgRecordKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgRecordTable) table = wg_store_read_records (fixture->store, kind, fixture->person_id, &error);

  g_assert_no_error (error);
  return table->rows->len;
}

static void
test_person (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgPersonInfo) info = NULL;

  g_assert_false (wg_store_update_person (fixture->store, fixture->person_id, "欧阳娜", "12345", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (wg_store_update_person (fixture->store, fixture->person_id, "   ", NULL, NULL, &error));
  g_clear_error (&error);
  info = wg_store_read_person (fixture->store, fixture->person_id, &error);
  g_assert_cmpstr (info->phone, ==, "13700001234");
  g_clear_pointer (&info, wg_person_info_free);

  g_assert_true (wg_store_update_person (fixture->store, fixture->person_id, " 欧阳娜娜 ", "0357-5221000",
                                         "户主", &error));
  g_assert_no_error (error);
  info = wg_store_read_person (fixture->store, fixture->person_id, &error);
  g_assert_cmpstr (info->name, ==, "欧阳娜娜");
  g_assert_cmpstr (info->phone, ==, "0357-5221000");
  g_assert_false (wg_store_update_person (fixture->store, 999999, "某人", NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
}

static void
test_records (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sites = NULL;
  g_autoptr(WgRecordTable) nat = NULL;
  /* The demo county's own sampling, recorded through the store too. */
  guint nat_logged = audit_count (fixture->store, "nat_test");

  /* Refused: nothing stored. */
  g_assert_false (wg_store_add_nat_test (fixture->store, fixture->person_id, "2026-02-30 09:00:00", "县人民医院",
                                         FALSE, WG_NAT_RESULT_NEGATIVE, &error));
  g_clear_error (&error);
  g_assert_false (wg_store_add_vaccination (fixture->store, fixture->person_id, 7, "2021-07-01", "某疫苗", NULL,
                                            NULL, &error));
  g_clear_error (&error);
  g_assert_false (wg_store_add_itinerary (fixture->store, fixture->person_id, "太原市", "2026-11-20",
                                          "2026-11-10", 1, &error));
  g_clear_error (&error);
  g_assert_false (wg_store_add_health_code (fixture->store, fixture->person_id, "yesterday",
                                            WG_HEALTH_CODE_GREEN, &error));
  g_clear_error (&error);
  g_assert_cmpuint (n_records (fixture, WG_RECORD_KIND_NAT_TEST), ==, 0);
  g_assert_cmpuint (n_records (fixture, WG_RECORD_KIND_VACCINATION), ==, 0);

  g_assert_true (wg_store_add_nat_test (fixture->store, fixture->person_id, "2026-11-28 09:30:00", "县人民医院",
                                        TRUE, WG_NAT_RESULT_POSITIVE, &error));
  g_assert_true (wg_store_add_vaccination (fixture->store, fixture->person_id, 1, "2021-07-01",
                                           "新冠病毒灭活疫苗（Vero细胞）", "202107A", "乐昌镇卫生院", &error));
  /* The same dose twice is refused. */
  g_assert_false (wg_store_add_vaccination (fixture->store, fixture->person_id, 1, "2021-08-01", "某疫苗",
                                            NULL, NULL, NULL));
  g_assert_true (wg_store_add_health_code (fixture->store, fixture->person_id, DAY, WG_HEALTH_CODE_RED, &error));
  g_assert_true (wg_store_add_itinerary (fixture->store, fixture->person_id, "太原市小店区", "2026-11-10",
                                         "2026-11-20", 2, &error));
  g_assert_no_error (error);

  sites = wg_store_list_quarantine_sites (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sites), >, 0);
  g_assert_false (wg_store_add_central_quarantine (fixture->store, fixture->person_id, "不存在的酒店", "101",
                                                   "2026-11-29", "2026-12-05", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A room is one on record at the site: the stay is made with it. */
  g_assert_false (wg_store_add_central_quarantine (fixture->store, fixture->person_id, sites[0], "905",
                                                   "2026-11-29", "2026-12-05", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (wg_store_add_central_quarantine (fixture->store, fixture->person_id, sites[0], "120",
                                                  "2026-11-29", "2026-12-05", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) stays = wg_store_list_person_stays (fixture->store, fixture->person_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (stays->len, ==, 1);
    g_assert_cmpstr (((WgStayInfo *) g_ptr_array_index (stays, 0))->room, ==, "120");
    g_assert_cmpstr (((WgStayInfo *) g_ptr_array_index (stays, 0))->to_day, ==, "2026-12-05");
  }

  g_assert_cmpuint (n_records (fixture, WG_RECORD_KIND_VACCINATION), ==, 1);
  g_assert_cmpuint (n_records (fixture, WG_RECORD_KIND_HEALTH_CODE), ==, 1);
  g_assert_cmpuint (n_records (fixture, WG_RECORD_KIND_ITINERARY), ==, 1);
  g_assert_cmpuint (n_records (fixture, WG_RECORD_KIND_QUARANTINE), ==, 1);
  nat = wg_store_read_records (fixture->store, WG_RECORD_KIND_NAT_TEST, fixture->person_id, &error);
  g_assert_cmpuint (nat->rows->len, ==, 1);
  /* A positive result is marked to stand out. */
  g_assert_cmpuint (g_array_index (nat->alerts, guint32, 0), !=, 0);
  g_assert_cmpuint (audit_count (fixture->store, "nat_test"), ==, nat_logged + 1);
  g_assert_cmpuint (audit_count (fixture->store, "quarantine"), ==, 1);
}

static void
test_grids (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (wg_store_rename_grid (fixture->store, MICRO, "东片第一网格", &error));
  name = wg_store_dup_grid_name (fixture->store, MICRO, NULL, &error);
  g_assert_cmpstr (name, ==, "东片第一网格");
  g_assert_false (wg_store_rename_grid (fixture->store, MICRO, "", &error));
  g_clear_error (&error);

  /* Not while anything is below it; the county never. */
  g_assert_false (wg_store_delete_grid (fixture->store, MICRO, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  g_assert_false (wg_store_delete_grid (fixture->store, "141021", &error));
  g_clear_error (&error);

  g_assert_true (wg_store_add_grid (fixture->store, "14102110020001", "1410211002000199", "新网格", NULL, &error));
  g_assert_true (wg_store_delete_grid (fixture->store, "1410211002000199", &error));
  g_assert_no_error (error);
  g_assert_null (wg_store_dup_grid_name (fixture->store, "1410211002000199", NULL, NULL));
}

static void
test_households (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgPersonInfo) info = NULL;

  g_assert_true (wg_store_update_household (fixture->store, fixture->household_id, "曲沃县乐昌镇测试巷1号之一", &error));
  g_assert_false (wg_store_move_household (fixture->store, fixture->household_id, "14102110020001", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (wg_store_move_household (fixture->store, fixture->household_id, OTHER_MICRO, &error));
  g_assert_no_error (error);
  info = wg_store_read_person (fixture->store, fixture->person_id, &error);
  g_assert_cmpstr (info->grid_code, ==, OTHER_MICRO);
  g_assert_cmpstr (info->address, ==, "曲沃县乐昌镇测试巷1号之一");

  /* Not with members in it. */
  g_assert_false (wg_store_delete_household (fixture->store, fixture->household_id, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  g_assert_true (wg_store_delete_person (fixture->store, fixture->person_id, &error));
  g_assert_true (wg_store_delete_household (fixture->store, fixture->household_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_count (fixture->store, "household"), >=, 4);
}

/* Two desks open the same person; the first saves; the second's save is
 * refused, saying who changed it, when and at which desk, and nothing of
 * it is written; read again, it saves. On a file: two connections to it;
 * on the server: two sessions. */
static void
test_two_saves (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) other = wg_store_open (wg_store_get_location (fixture->store), 0, &error);
  g_autoptr(WgPersonInfo) seen_here = NULL;
  g_autoptr(WgPersonInfo) seen_there = NULL;
  g_autoptr(WgPersonInfo) now = NULL;

  g_assert_no_error (error);
  wg_store_set_operator (other, "值班员甲");
  seen_here = wg_store_read_person (fixture->store, fixture->person_id, &error);
  seen_there = wg_store_read_person (other, fixture->person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seen_here->version, ==, seen_there->version);

  g_assert_true (wg_store_update_person_seen (other, fixture->person_id, seen_there->version, "欧阳娜",
                                              "13900000001", "户主", &error));
  g_assert_no_error (error);

  g_assert_false (wg_store_update_person_seen (fixture->store, fixture->person_id, seen_here->version, "欧阳娜娜",
                                               "13900000002", "户主", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "值班员甲"));
  g_assert_nonnull (strstr (error->message, g_get_host_name ()));
  g_clear_error (&error);
  now = wg_store_read_person (fixture->store, fixture->person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->name, ==, "欧阳娜");
  g_assert_cmpstr (now->phone, ==, "13900000001");
  g_assert_cmpint (now->version, ==, seen_here->version + 1);

  /* Read again, the save lands. */
  g_assert_true (wg_store_update_person_seen (fixture->store, fixture->person_id, now->version, "欧阳娜娜",
                                              "13900000002", "户主", &error));
  g_assert_no_error (error);
}

/* The same for a household's address (its row version) and a grid's name
 * (the name it had when the form opened). */
static void
test_two_saves_tree (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WgStore) other = wg_store_open (wg_store_get_location (fixture->store), 0, &error);
  gint64 version_here, version_there;
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  wg_store_set_operator (other, "值班员甲");

  version_here = wg_store_get_household_version (fixture->store, fixture->household_id);
  version_there = wg_store_get_household_version (other, fixture->household_id);
  g_assert_cmpint (version_here, >, 0);
  g_assert_cmpint (version_here, ==, version_there);
  g_assert_true (wg_store_update_household_seen (other, fixture->household_id, version_there,
                                                 "曲沃县乐昌镇测试巷2号", &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_update_household_seen (fixture->store, fixture->household_id, version_here,
                                                  "曲沃县乐昌镇测试巷3号", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "值班员甲"));
  g_clear_error (&error);
  address = wg_store_dup_household_address (fixture->store, fixture->household_id);
  g_assert_cmpstr (address, ==, "曲沃县乐昌镇测试巷2号");
  g_assert_true (wg_store_update_household_seen (fixture->store, fixture->household_id,
                                                 wg_store_get_household_version (fixture->store,
                                                                                 fixture->household_id),
                                                 "曲沃县乐昌镇测试巷3号", &error));
  g_assert_no_error (error);

  /* Both opened the micro-grid's rename form while it had its old name. */
  name = wg_store_dup_grid_name (fixture->store, MICRO, NULL, NULL);
  g_assert_true (wg_store_rename_grid_seen (other, MICRO, name, "第一网格（东）", &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_rename_grid_seen (fixture->store, MICRO, name, "第一网格（西）", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "值班员甲"));
  g_clear_error (&error);
  g_free (name);
  name = wg_store_dup_grid_name (fixture->store, MICRO, NULL, NULL);
  g_assert_cmpstr (name, ==, "第一网格（东）");
  g_assert_true (wg_store_rename_grid_seen (fixture->store, MICRO, name, "第一网格（西）", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/wg/editing/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("two-saves", test_two_saves);
  ADD ("two-saves-tree", test_two_saves_tree);
  ADD ("person", test_person);
  ADD ("records", test_records);
  ADD ("grids", test_grids);
  ADD ("households", test_households);
#undef ADD

  return g_test_run ();
}
