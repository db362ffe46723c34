/* test-returnees.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The returnee queue and its measures, on a desk's file and (run-pg.sh) on
 * the county server: a preset makes exactly its periods and test days; a
 * recorded test fulfils the one due; a test not done is overdue from the
 * day after; the queue's steps in order, others refused; a home in
 * quarantine gets a free door sensor; the demo county's queue has every
 * state and some tests overdue.
 */

#include "config.h"

#include "wg-demo.h"
#include "wg-store-households.h"
#include "wg-store-persons.h"
#include "wg-store-records.h"
#include "wg-store-returnees.h"
#include "wg-store-sensors.h"
#include "wg-store-status.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

#define DAY "2026-11-29"

typedef struct
{
  char *dir;
  WgStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  fixture->dir = wg_test_make_tmp_dir ();
  location = wg_test_database (fixture->dir, "county");
  fixture->store = wg_store_open (location, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (wg_demo_build (fixture->store, WG_DEMO_SCALE_SMALL, 4, DAY, NULL, NULL, &error));
  g_assert_no_error (error);
  wg_store_set_operator (fixture->store, "值班员甲");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  wg_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The first returnee in @state, reviewed if asked. */
static WgReturneeInfo *
take (Fixture         *fixture,
      WgReturneeState  state,
      gboolean         review)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wg_store_list_returnees (fixture->store, NULL, state, &error);
  WgReturneeInfo *info;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >, 0);
  info = g_ptr_array_steal_index (list, 0);
  if (review)
    {
      g_assert_true (wg_store_review_returnee (fixture->store, info->id, &error));
      g_assert_no_error (error);
    }
  return info;
}

/* The person's scheduled tests open on @day or before, as "day/seq/overdue". */
static char *
open_tests (Fixture    *fixture,
            gint64      person_id,
            const char *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = wg_store_list_tests_due (fixture->store, NULL, day, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      const WgTestDue *d = g_ptr_array_index (due, i);

      if (d->person_id == person_id)
        g_string_append_printf (text, "%s%s/%u%s", text->len > 0 ? " " : "", d->day, d->seq,
                                d->overdue ? "/overdue" : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "7天集中+7天居家" from 20 November: 7 days at a site (20–26), 7 at home
 * (27 November – 3 December), tests on days 1, 4, 7 and 14. */
static void
test_preset (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(WgReturneeInfo) r = take (fixture, WG_RETURNEE_STATE_NEW, TRUE);
  g_auto(WgDecision) decision = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *tests = NULL;
  WgLevelCounts before[3], after[3];
  const char *days[3] = { "2026-11-21", "2026-11-28", "2026-12-04" };

  for (guint i = 0; i < 3; i++)
    g_assert_true (wg_store_count (fixture->store, days[i], &before[i], &error));
  g_assert_true (wg_store_decide_returnee (fixture->store, r->id, "7天集中+7天居家", "2026-11-20", NULL, &decision,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (decision.n_periods, ==, 2);
  g_assert_cmpuint (decision.n_tests, ==, 4);
  g_assert_cmpstr (decision.end_day, ==, "2026-12-03");
  for (guint i = 0; i < 3; i++)
    g_assert_true (wg_store_count (fixture->store, days[i], &after[i], &error));
  /* At the site on the 21st, at home on the 28th, free on 4 December. */
  g_assert_cmpuint (after[0].central_quarantine, ==, before[0].central_quarantine + 1);
  g_assert_cmpuint (after[0].home_quarantine, ==, before[0].home_quarantine);
  g_assert_cmpuint (after[1].home_quarantine, ==, before[1].home_quarantine + 1);
  g_assert_cmpuint (after[1].central_quarantine, ==, before[1].central_quarantine);
  g_assert_cmpuint (after[2].home_quarantine, ==, before[2].home_quarantine);
  g_assert_cmpuint (after[2].central_quarantine, ==, before[2].central_quarantine);

  tests = open_tests (fixture, r->person_id, "2026-12-31");
  g_assert_cmpstr (tests, ==,
                   "2026-11-20/1/overdue 2026-11-23/2/overdue 2026-11-26/3/overdue 2026-12-03/4/overdue");
  {
    g_autoptr(GPtrArray) list = wg_store_list_returnees (fixture->store, NULL, WG_RETURNEE_STATE_DECIDED, &error);
    gboolean found = FALSE;

    for (guint i = 0; i < list->len; i++)
      {
        const WgReturneeInfo *d = g_ptr_array_index (list, i);

        if (d->id == r->id)
          {
            found = TRUE;
            g_assert_cmpint (d->measure, ==, WG_MEASURE_CENTRAL);
            g_assert_cmpstr (d->preset, ==, "7天集中+7天居家");
          }
      }
    g_assert_true (found);
  }
}

/* A test recorded fulfils the one due on its day; one not done is due on
 * its day and overdue from the day after; a late test fulfils the oldest. */
static void
test_schedule (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WgReturneeInfo) r = take (fixture, WG_RETURNEE_STATE_NEW, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_day = NULL, *after = NULL, *done = NULL, *late = NULL;

  /* 3 days, 3 tests: the 10th, 11th and 12th of December. */
  g_assert_true (wg_store_decide_returnee (fixture->store, r->id, "3天3检", "2026-12-10", NULL, NULL, &error));
  g_assert_no_error (error);
  on_day = open_tests (fixture, r->person_id, "2026-12-10");
  g_assert_cmpstr (on_day, ==, "2026-12-10/1");
  after = open_tests (fixture, r->person_id, "2026-12-11");
  g_assert_cmpstr (after, ==, "2026-12-10/1/overdue 2026-12-11/2");

  g_assert_true (wg_store_add_nat_test (fixture->store, r->person_id, "2026-12-10 09:30:00", "曲沃县人民医院", TRUE,
                                        WG_NAT_RESULT_NEGATIVE, &error));
  g_assert_no_error (error);
  done = open_tests (fixture, r->person_id, "2026-12-11");
  g_assert_cmpstr (done, ==, "2026-12-11/2");

  /* Nothing on the 11th; on the 13th one test: the 11th's, done late. */
  g_assert_true (wg_store_add_nat_test (fixture->store, r->person_id, "2026-12-13 08:00:00", "曲沃县人民医院", TRUE,
                                        WG_NAT_RESULT_NEGATIVE, &error));
  g_assert_no_error (error);
  late = open_tests (fixture, r->person_id, "2026-12-13");
  g_assert_cmpstr (late, ==, "2026-12-12/3/overdue");
}

/* new → reviewed → decided, each once; anything else refused, changing nothing. */
static void
test_steps (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(WgReturneeInfo) r = take (fixture, WG_RETURNEE_STATE_NEW, FALSE);
  g_autoptr(GError) error = NULL;
  guint before[WG_RETURNEE_N_STATES], after[WG_RETURNEE_N_STATES];
  g_autofree char *none = NULL;

  g_assert_true (wg_store_count_returnees (fixture->store, NULL, before, &error));
  g_assert_false (wg_store_decide_returnee (fixture->store, r->id, "14天居家隔离", NULL, NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_review_returnee (fixture->store, r->id, &error));
  g_assert_false (wg_store_review_returnee (fixture->store, r->id, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_decide_returnee (fixture->store, r->id, "21天居家", NULL, NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  none = open_tests (fixture, r->person_id, "2026-12-31");
  g_assert_cmpstr (none, ==, "");
  g_assert_true (wg_store_decide_returnee (fixture->store, r->id, "14天居家隔离", NULL, NULL, NULL, &error));
  g_assert_false (wg_store_decide_returnee (fixture->store, r->id, "14天居家隔离", NULL, NULL, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_review_returnee (fixture->store, 999999, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (wg_store_count_returnees (fixture->store, NULL, after, &error));
  g_assert_cmpuint (after[WG_RETURNEE_STATE_NEW], ==, before[WG_RETURNEE_STATE_NEW] - 1);
  g_assert_cmpuint (after[WG_RETURNEE_STATE_DECIDED], ==, before[WG_RETURNEE_STATE_DECIDED] + 1);
}

/* A home quarantine without a door sensor gets a free one, bound right there. */
static void
test_home_sensor (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wg_store_list_returnees (fixture->store, NULL, WG_RETURNEE_STATE_NEW, &error);
  g_autoptr(GPtrArray) sensors = NULL;
  g_auto(WgDecision) decision = { 0 };
  const WgReturneeInfo *r = NULL;
  gint64 household = 0;

  g_assert_no_error (error);
  /* One whose home has no sensor yet. */
  for (guint i = 0; i < list->len && r == NULL; i++)
    {
      const WgReturneeInfo *candidate = g_ptr_array_index (list, i);
      g_autoptr(WgPersonInfo) person = wg_store_read_person (fixture->store, candidate->person_id, &error);
      g_autofree char *device = wg_store_dup_household_sensor (fixture->store, person->household_id, NULL);

      if (device == NULL)
        {
          r = candidate;
          household = person->household_id;
        }
    }
  g_assert_nonnull (r);
  /* A free sensor to give. */
  g_assert_true (wg_store_register_sensor (fixture->store, "0x00124b0029cafe01", "SNZB-04", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (wg_store_review_returnee (fixture->store, r->id, &error));
  g_assert_true (wg_store_decide_returnee (fixture->store, r->id, "14天居家隔离", NULL, NULL, &decision, &error));
  g_assert_no_error (error);
  g_assert_nonnull (decision.sensor);
  {
    g_autofree char *bound = wg_store_dup_household_sensor (fixture->store, household, &error);

    g_assert_cmpstr (bound, ==, decision.sensor);
  }
}

/* The demo's queue: every state, and tests overdue on its day. */
static void
test_demo_queue (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = wg_store_list_tests_due (fixture->store, NULL, DAY, &error);
  g_autoptr(GPtrArray) presets = wg_store_list_presets (fixture->store, &error);
  guint counts[WG_RETURNEE_N_STATES];
  guint n_overdue = 0;

  g_assert_true (wg_store_count_returnees (fixture->store, NULL, counts, &error));
  g_assert_no_error (error);
  for (guint s = 0; s < WG_RETURNEE_N_STATES; s++)
    g_assert_cmpuint (counts[s], >, 0);
  for (guint i = 0; i < due->len; i++)
    n_overdue += ((WgTestDue *) g_ptr_array_index (due, i))->overdue;
  g_assert_cmpuint (n_overdue, >, 0);
  g_assert_cmpuint (presets->len, ==, 6);
}

static GPtrArray *
board (Fixture    *fixture,
       WgStatus    status,
       const char *day)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *people = wg_store_list_status_people (fixture->store, "141021", status, day, &error);

  g_assert_no_error (error);
  return people;
}

static gboolean
lists (GPtrArray *people,
       gint64     person_id)
{
  for (guint i = 0; i < people->len; i++)
    if (((WgStatusPerson *) g_ptr_array_index (people, i))->person_id == person_id)
      return TRUE;
  return FALSE;
}

/* The quarantine board's lists, against what other parts of the store say
 * of the same county: the test schedule's due and overdue tests, a measure
 * decided now (its first and last days), a reading taken, the door sensors
 * of the homes in quarantine. */
static void
test_board (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = wg_store_list_tests_due (fixture->store, NULL, DAY, &error);
  g_autoptr(GPtrArray) due_today = board (fixture, WG_STATUS_TESTS_DUE, DAY);
  g_autoptr(GPtrArray) overdue = board (fixture, WG_STATUS_TESTS_OVERDUE, DAY);
  g_autoptr(WgReturneeInfo) r = take (fixture, WG_RETURNEE_STATE_NEW, TRUE);
  g_autoptr(GPtrArray) sensors = NULL;
  g_autoptr(GPtrArray) home = NULL;
  g_autoptr(GPtrArray) offline = NULL;
  guint n_due = 0, n_overdue = 0, n_expected = 0;

  for (guint i = 0; i < due->len; i++)
    {
      if (((WgTestDue *) g_ptr_array_index (due, i))->overdue)
        n_overdue++;
      else
        n_due++;
    }
  g_assert_cmpuint (due_today->len, ==, n_due);
  g_assert_cmpuint (overdue->len, ==, n_overdue);
  g_assert_cmpuint (overdue->len, >, 0);

  /* Three days' monitoring from 10 December: starting on the 10th, ending
   * tomorrow on the 11th, ending on the 12th; no reading on the 10th, then one. */
  g_assert_true (wg_store_decide_returnee (fixture->store, r->id, "3天3检", "2026-12-10", NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) starting = board (fixture, WG_STATUS_STARTING_TODAY, "2026-12-10");
    g_autoptr(GPtrArray) tomorrow = board (fixture, WG_STATUS_ENDING_TOMORROW, "2026-12-11");
    g_autoptr(GPtrArray) ending = board (fixture, WG_STATUS_ENDING_TODAY, "2026-12-12");
    g_autoptr(GPtrArray) not_yet = board (fixture, WG_STATUS_ENDING_TODAY, "2026-12-11");
    g_autoptr(GPtrArray) missing = board (fixture, WG_STATUS_TEMPERATURE_MISSING, "2026-12-10");
    g_autoptr(GPtrArray) taken = NULL;
    g_autoptr(GPtrArray) tests = board (fixture, WG_STATUS_TESTS_DUE, "2026-12-10");

    g_assert_true (lists (starting, r->person_id));
    g_assert_true (lists (tomorrow, r->person_id));
    g_assert_true (lists (ending, r->person_id));
    g_assert_false (lists (not_yet, r->person_id));
    g_assert_true (lists (tests, r->person_id));
    g_assert_true (lists (missing, r->person_id));
    g_assert_true (wg_store_add_temperature (fixture->store, r->person_id, "2026-12-10 08:30:00", 365, &error));
    g_assert_no_error (error);
    taken = board (fixture, WG_STATUS_TEMPERATURE_MISSING, "2026-12-10");
    g_assert_false (lists (taken, r->person_id));
    g_assert_cmpuint (taken->len, ==, missing->len - 1);
  }

  /* In home quarantine today, and their home's sensor not online: the
   * sensors' own list says the same. */
  sensors = wg_store_list_sensors (fixture->store, DAY, &error);
  home = board (fixture, WG_STATUS_HOME_QUARANTINE, DAY);
  offline = board (fixture, WG_STATUS_SENSOR_OFFLINE, DAY);
  for (guint i = 0; i < home->len; i++)
    {
      const WgStatusPerson *p = g_ptr_array_index (home, i);

      for (guint k = 0; k < sensors->len; k++)
        {
          const WgSensorInfo *sensor = g_ptr_array_index (sensors, k);

          if (g_strcmp0 (sensor->household_code, p->household_code) == 0 && sensor->online != 1)
            n_expected++;
        }
    }
  g_assert_cmpuint (offline->len, ==, n_expected);
  g_assert_cmpuint (offline->len, >, 0);
}

/* A quarantine extended, then ended early, each with its reason: the board
 * lists both on the day they were made; the early end drops the tests not
 * done after it; a change that is none, or goes the wrong way, or has no
 * reason, or finds no period, is refused. */
static void
test_period_change (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(WgReturneeInfo) r = take (fixture, WG_RETURNEE_STATE_NEW, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wg_today ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (now, -3);
  g_autofree char *start = g_date_time_format (first, "%Y-%m-%d");
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 20);
  g_autofree char *extended = g_date_time_format (later, "%Y-%m-%d");
  g_autoptr(GDateTime) sooner = g_date_time_add_days (now, 2);
  g_autofree char *released = g_date_time_format (sooner, "%Y-%m-%d");
  g_autoptr(GPtrArray) changed = NULL;
  g_auto(WgDecision) decision = { 0 };

  /* 14 days at home from three days ago: tests on days 1, 4, 7 and 14. */
  g_assert_true (wg_store_decide_returnee (fixture->store, r->id, "14天居家隔离", start, NULL, &decision, &error));
  g_assert_no_error (error);

  g_assert_false (wg_store_change_quarantine_end (fixture->store, r->person_id, today, decision.end_day, 0, "同一天",
                                                  &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_change_quarantine_end (fixture->store, r->person_id, today, extended, -1, "方向不对",
                                                  &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_change_quarantine_end (fixture->store, r->person_id, today, extended, 1, "  ", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (wg_store_change_quarantine_end (fixture->store, r->person_id, "2020-01-01", extended, 0, "无",
                                                  &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (wg_store_change_quarantine_end (fixture->store, r->person_id, today, extended, 1, "同住人核酸阳性",
                                                 &error));
  g_assert_no_error (error);
  changed = wg_store_list_status_people (fixture->store, "141021", WG_STATUS_PERIOD_CHANGED, today, &error);
  g_assert_no_error (error);
  g_assert_true (lists (changed, r->person_id));
  for (guint i = 0; i < changed->len; i++)
    {
      const WgStatusPerson *p = g_ptr_array_index (changed, i);

      if (p->person_id == r->person_id)
        g_assert_nonnull (strstr (p->printed_fact, "同住人核酸阳性"));
    }

  /* Ended early, in two days: the tests after it that were not done go. */
  g_assert_true (wg_store_change_quarantine_end (fixture->store, r->person_id, today, released, -1, "复核为密接误判",
                                                 &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) due = wg_store_list_tests_due (fixture->store, NULL, "2100-01-01", &error);

    for (guint i = 0; i < due->len; i++)
      {
        const WgTestDue *d = g_ptr_array_index (due, i);

        if (d->person_id == r->person_id)
          g_assert_cmpstr (d->day, <=, released);
      }
  }
  g_clear_pointer (&changed, g_ptr_array_unref);
  changed = wg_store_list_status_people (fixture->store, "141021", WG_STATUS_PERIOD_CHANGED, today, &error);
  {
    guint n = 0;

    for (guint i = 0; i < changed->len; i++)
      n += ((WgStatusPerson *) g_ptr_array_index (changed, i))->person_id == r->person_id;
    g_assert_cmpuint (n, ==, 2);
  }
}

/* A sampling round's results at once: each fulfils its person's scheduled
 * test, the positives come back to be raised; a round naming someone not
 * in the county, or someone twice, records nothing. */
static void
test_sampling_round (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(WgReturneeInfo) a = take (fixture, WG_RETURNEE_STATE_NEW, TRUE);
  g_autoptr(GPtrArray) reviewed = wg_store_list_returnees (fixture->store, NULL, WG_RETURNEE_STATE_REVIEWED, NULL);
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) positives = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *refused = NULL;
  const WgReturneeInfo *b = NULL;
  WgSample *sample;

  for (guint i = 0; i < reviewed->len && b == NULL; i++)
    if (((WgReturneeInfo *) g_ptr_array_index (reviewed, i))->id != a->id)
      b = g_ptr_array_index (reviewed, i);
  g_assert_nonnull (b);
  g_assert_true (wg_store_decide_returnee (fixture->store, a->id, "3天3检", "2026-12-10", NULL, NULL, &error));
  g_assert_true (wg_store_decide_returnee (fixture->store, b->id, "3天3检", "2026-12-10", NULL, NULL, &error));
  g_assert_no_error (error);
  before = open_tests (fixture, a->person_id, "2026-12-10");
  g_assert_cmpstr (before, ==, "2026-12-10/1");

  /* Someone not in the county, on line 3: nothing recorded. */
  sample = g_new0 (WgSample, 1);
  *sample = (WgSample) { a->id_number, WG_NAT_RESULT_NEGATIVE, 2 };
  g_ptr_array_add (samples, sample);
  sample = g_new0 (WgSample, 1);
  *sample = (WgSample) { "110101200001011239", WG_NAT_RESULT_NEGATIVE, 3 };
  g_ptr_array_add (samples, sample);
  g_assert_false (wg_store_record_sampling (fixture->store, "2026-12-10 09:00:00", "曲沃县人民医院", TRUE, samples,
                                            NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "3 (110101200001011239)"));
  g_clear_error (&error);
  refused = open_tests (fixture, a->person_id, "2026-12-10");
  g_assert_cmpstr (refused, ==, "2026-12-10/1");

  /* The same person twice: refused too. */
  ((WgSample *) g_ptr_array_index (samples, 1))->id_number = a->id_number;
  g_assert_false (wg_store_record_sampling (fixture->store, "2026-12-10 09:00:00", "曲沃县人民医院", TRUE, samples,
                                            NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The round as it was: A negative, B positive. */
  *(WgSample *) g_ptr_array_index (samples, 1) = (WgSample) { b->id_number, WG_NAT_RESULT_POSITIVE, 3 };
  g_assert_true (wg_store_record_sampling (fixture->store, "2026-12-10 09:00:00", "曲沃县人民医院", TRUE, samples,
                                           &positives, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (positives->len, ==, 1);
  g_assert_cmpint (g_array_index (positives, gint64, 0), ==, b->person_id);
  after = open_tests (fixture, a->person_id, "2026-12-10");
  g_assert_cmpstr (after, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/wg/returnees/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("preset", test_preset);
  ADD ("schedule", test_schedule);
  ADD ("steps", test_steps);
  ADD ("home-sensor", test_home_sensor);
  ADD ("demo-queue", test_demo_queue);
  ADD ("board", test_board);
  ADD ("period-change", test_period_change);
  ADD ("sampling-round", test_sampling_round);
#undef ADD

  return g_test_run ();
}
