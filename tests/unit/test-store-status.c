/* test-store-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure of a grid page opens its people: the list has as many rows
 * as the card counts, for the county and for a township, and each row
 * says why the person is there.
 */

#include "config.h"

#include "wg-demo.h"
#include "wg-store-status.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

#define DAY "2026-11-29"

static guint
count_of (const WgLevelCounts *counts,
          WgStatus             status)
{
  switch (status)
    {
    case WG_STATUS_AWAY:
      return counts->away;
    case WG_STATUS_RETURNEES:
      return counts->returnees;
    case WG_STATUS_MONITORING:
      return counts->monitoring;
    case WG_STATUS_HOME_QUARANTINE:
      return counts->home_quarantine;
    case WG_STATUS_CENTRAL_QUARANTINE:
      return counts->central_quarantine;
    case WG_STATUS_FEVER_TODAY:
      return counts->fever_today;
    case WG_STATUS_NAT_OVERDUE:
    default:
      return counts->nat_overdue;
    }
}

static void
test_lists_match_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = wg_test_make_tmp_dir ();
  g_autofree char *path = wg_test_database (dir, "county");
  g_autoptr(WgStore) store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  const char *grids[] = { "141021", "141021100" };
  guint n_nonempty = 0;

  g_assert_no_error (error);
  g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 4, DAY, NULL, NULL, &error));

  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    {
      WgLevelCounts counts = { 0 };

      g_assert_true (wg_store_count_grid (store, grids[g], DAY, &counts, &error));
      for (WgStatus status = WG_STATUS_AWAY; status <= WG_STATUS_NAT_OVERDUE; status++)
        {
          g_autoptr(GPtrArray) people = wg_store_list_status_people (store, grids[g], status, DAY, &error);

          g_assert_no_error (error);
          g_test_message ("%s %s: %u", grids[g], wg_status_describe (status), people->len);
          g_assert_cmpuint (people->len, ==, count_of (&counts, status));
          for (guint i = 0; i < people->len; i++)
            {
              WgStatusPerson *person = g_ptr_array_index (people, i);

              g_assert_nonnull (person->name);
              g_assert_nonnull (person->household_code);
              g_assert_true (g_str_has_prefix (person->grid_code, grids[g]));
              g_assert_nonnull (person->fact);
              if (status == WG_STATUS_FEVER_TODAY)
                g_assert_nonnull (strstr (person->fact, "°C"));
            }
          if (people->len > 0)
            n_nonempty++;
        }
    }
  /* The demo county has people behind most figures: the test is not empty. */
  g_assert_cmpuint (n_nonempty, >=, 8);
  g_clear_object (&store);
  wg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/wg/status-list/lists-match-counts", test_lists_match_counts);
  return g_test_run ();
}
