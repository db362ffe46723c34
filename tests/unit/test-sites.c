/* test-sites.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Central sites' rooms and point-to-point transfers, on a desk's file and
 * (run-pg.sh) on the county server: a room over capacity is refused; an
 * opening on a room's sensor alerts its occupants' quarantine, and not
 * after check-out; a transfer's steps in order, out of order refused; the
 * demo county has rooms, stays, room sensors and transfers; the quarantine
 * board's lists equal counts made straight in SQL.
 */

#include "config.h"

#include <string.h>

#include "wg-alert-engine.h"
#include "wg-demo.h"
#include "wg-store-alerts.h"
#include "wg-store-disinfection.h"
#include "wg-store-persons.h"
#include "wg-store-returnees.h"
#include "wg-store-sensors.h"
#include "wg-store-sites.h"
#include "wg-store-status.h"
#include "wg-store-transfers.h"
#include "wg-test-db.h"

#include "../wg-test-util.h"

#define DAY "2026-11-29"
#define SITE "曲沃县第一集中隔离点"
#define DEVICE "0x00158d00ffee0901"

typedef struct
{
  char *dir;
  char *location;
  WgStore *store;
  guint mid;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = wg_test_make_tmp_dir ();
  fixture->location = wg_test_database (fixture->dir, "county");
  fixture->store = wg_store_open (fixture->location, WG_STORE_OPEN_FLAGS_CREATE, &error);
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
  g_free (fixture->location);
  g_free (fixture->dir);
}

static gint64
sql_int (Fixture    *fixture,
         const char *sql)
{
  return wg_test_sql_int (fixture->location, sql);
}

static WgSiteInfo *
site (Fixture    *fixture,
      const char *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = wg_store_list_sites (fixture->store, day, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < sites->len; i++)
    if (g_str_equal (((WgSiteInfo *) g_ptr_array_index (sites, i))->name, SITE))
      return g_ptr_array_steal_index (sites, i);
  g_assert_not_reached ();
}

/* Three reviewed returnees put in central quarantine at the first site
 * from DAY, for seven days: their person ids. */
static GArray *
three_in_central (Fixture   *fixture,
                  GPtrArray *id_numbers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = wg_store_list_returnees (fixture->store, NULL, WG_RETURNEE_STATE_NEW, &error);
  g_autoptr(GPtrArray) reviewed = wg_store_list_returnees (fixture->store, NULL, WG_RETURNEE_STATE_REVIEWED, NULL);
  GArray *persons = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  g_ptr_array_extend_and_steal (fresh, g_steal_pointer (&reviewed));
  g_assert_cmpuint (fresh->len, >=, 3);
  for (guint i = 0; i < 3; i++)
    {
      const WgReturneeInfo *r = g_ptr_array_index (fresh, i);
      g_auto (WgDecision) decision = { 0 };

      if (r->state == WG_RETURNEE_STATE_NEW)
        g_assert_true (wg_store_review_returnee (fixture->store, r->id, &error));
      g_assert_no_error (error);
      wg_store_decide_returnee (fixture->store, r->id, "7天集中+7天居家", DAY, SITE, &decision, &error);
      g_assert_no_error (error);
      g_array_append_val (persons, r->person_id);
      if (id_numbers != NULL)
        g_ptr_array_add (id_numbers, g_strdup (r->id_number));
    }
  return persons;
}

static gboolean
roomless_has (Fixture *fixture,
              gint64   site_id,
              gint64   person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wg_store_list_roomless (fixture->store, site_id, DAY, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (((WgRoomless *) g_ptr_array_index (list, i))->person_id == person_id)
      return TRUE;
  return FALSE;
}

/* A room for two: two people fit, the third is refused for the days it is
 * full and fits once a check-out ends a stay early; nobody is in two rooms
 * at once, nor in a room at a site where they are not in quarantine. */
static void
test_capacity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) persons = three_in_central (fixture, NULL);
  g_autoptr(WgSiteInfo) before = site (fixture, DAY);
  g_autoptr(WgSiteInfo) after = NULL;
  g_autoptr(GArray) occupancy = NULL;
  gint64 a = g_array_index (persons, gint64, 0), b = g_array_index (persons, gint64, 1);
  gint64 c = g_array_index (persons, gint64, 2);
  gint64 room = 0, other = 0, stay_a = 0, stay = 0;
  g_autofree char *sql = NULL;

  g_assert_true (roomless_has (fixture, before->id, a) && roomless_has (fixture, before->id, c));
  g_assert_cmpuint (before->awaiting_room, >=, 3);
  g_assert_true (wg_store_add_room (fixture->store, before->id, "901", 9, 2, &room, &error));
  g_assert_no_error (error);
  g_assert_true (wg_store_add_room (fixture->store, before->id, "902", 9, 1, &other, &error));
  g_assert_no_error (error);
  /* A number taken at the site, a capacity out of range: refused. */
  g_assert_false (wg_store_add_room (fixture->store, before->id, "901", 9, 1, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (wg_store_add_room (fixture->store, before->id, "903", 9, 0, NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (wg_store_assign_room (fixture->store, room, a, DAY, "2026-12-05", &stay_a, &error));
  g_assert_no_error (error);
  g_assert_true (wg_store_assign_room (fixture->store, room, b, DAY, "2026-12-05", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (roomless_has (fixture, before->id, a));

  /* Full from DAY: the third refused, naming the room and the day. */
  g_assert_false (wg_store_assign_room (fixture->store, room, c, "2026-12-01", "2026-12-05", &stay, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "901"));
  g_assert_nonnull (strstr (error->message, "2026-12-01"));
  g_clear_error (&error);
  g_assert_cmpint (stay, ==, 0);
  g_assert_true (roomless_has (fixture, before->id, c));

  /* In two rooms at once; beyond the quarantine's days: refused. */
  g_assert_false (wg_store_assign_room (fixture->store, other, a, "2026-12-02", "2026-12-03", NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (wg_store_assign_room (fixture->store, other, c, DAY, "2026-12-09", NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Check-out before check-in refused; then in and out: the stay ends that
   * day and the room has a bed from the day after. */
  g_assert_false (wg_store_check_out (fixture->store, stay_a, "2026-12-01 12:00:00", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_check_in (fixture->store, stay_a, "2026-12-07 09:00:00", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_check_in (fixture->store, stay_a, DAY " 09:30:00", &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_check_in (fixture->store, stay_a, DAY " 09:40:00", &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_check_out (fixture->store, stay_a, "2026-12-01 12:00:00", &error));
  g_assert_no_error (error);
  g_assert_true (wg_store_assign_room (fixture->store, room, c, "2026-12-02", "2026-12-05", NULL, &error));
  g_assert_no_error (error);

  /* Occupancy per day: two, two, two (a out on the 1st), two from the 2nd. */
  occupancy = wg_store_site_occupancy (fixture->store, before->id, DAY, 7, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count (*) FROM room_stay st JOIN site_room r ON r.id = st.room_id"
                         " WHERE r.site_id = %" G_GINT64_FORMAT " AND st.from_day <= '2026-12-01'"
                         " AND st.to_day >= '2026-12-01'", before->id);
  g_assert_cmpuint (g_array_index (occupancy, guint, 2), ==, sql_int (fixture, sql));
  after = site (fixture, "2026-12-02");
  g_assert_cmpuint (after->n_rooms, ==, before->n_rooms + 2);
  g_assert_cmpuint (after->beds, ==, before->beds + 3);
  g_assert_cmpint (sql_int (fixture, "SELECT count (*) FROM audit_log WHERE entity = 'room_stay'"), ==, 5);
}

static void
send (Fixture    *fixture,
      WgAlertEngine *engine,
      const char *payload,
      const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (when, zone);

  g_assert_nonnull (at);
  g_assert_true (wg_alert_engine_handle (engine, "zigbee2mqtt/" DEVICE, payload, strlen (payload), ++fixture->mid,
                                         WG_MESSAGE_FLAGS_NONE, at, &error));
  g_assert_no_error (error);
}

static guint
door_alerts (Fixture *fixture,
             guint   *events)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = wg_store_list_alerts (fixture->store, FALSE, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  *events = 0;
  for (guint i = 0; i < alerts->len; i++)
    {
      const WgAlertInfo *alert = g_ptr_array_index (alerts, i);

      if (alert->kind == WG_ALERT_KIND_DOOR_OPENED && g_strcmp0 (alert->device, DEVICE) == 0)
        {
          n++;
          *events += alert->event_count;
          g_assert_cmpstr (alert->address, ==, SITE " 901");
        }
    }
  return n;
}

/* A room's door sensor: not armed before the check-in, an alert for its
 * occupant while checked in, nothing once checked out. */
static void
test_room_sensor (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) persons = three_in_central (fixture, NULL);
  g_autoptr(WgSiteInfo) info = site (fixture, DAY);
  g_autoptr(WgAlertEngine) engine = NULL;
  g_autoptr(GPtrArray) sensors = NULL;
  gint64 room = 0, stay = 0;
  guint events = 0;
  gboolean found = FALSE;

  g_assert_true (wg_store_add_room (fixture->store, info->id, "901", 9, 1, &room, &error));
  g_assert_no_error (error);
  g_assert_true (wg_store_assign_room (fixture->store, room, g_array_index (persons, gint64, 0), DAY, "2026-12-05",
                                       &stay, &error));
  g_assert_no_error (error);
  g_assert_true (wg_store_register_sensor (fixture->store, DEVICE, "MCCGQ11LM", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wg_store_bind_sensor_to_room (fixture->store, DEVICE, room, &error));
  g_assert_no_error (error);
  /* One sensor to a room. */
  g_assert_true (wg_store_register_sensor (fixture->store, "0x00158d00ffee0902", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_bind_sensor_to_room (fixture->store, "0x00158d00ffee0902", room, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  engine = wg_alert_engine_new (fixture->store, NULL);
  send (fixture, engine, "{\"contact\":true,\"battery\":90}", DAY "T08:00:00");
  send (fixture, engine, "{\"contact\":false,\"battery\":90}", DAY "T08:05:00");
  g_assert_cmpuint (door_alerts (fixture, &events), ==, 0);

  g_assert_true (wg_store_check_in (fixture->store, stay, DAY " 09:00:00", &error));
  g_assert_no_error (error);
  send (fixture, engine, "{\"contact\":true,\"battery\":90}", DAY "T09:10:00");
  send (fixture, engine, "{\"contact\":false,\"battery\":90}", DAY "T10:00:00");
  g_assert_cmpuint (door_alerts (fixture, &events), ==, 1);
  g_assert_cmpuint (events, ==, 1);

  /* The sensors list says where it is, and armed. */
  sensors = wg_store_list_sensors (fixture->store, DAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sensors->len; i++)
    {
      const WgSensorInfo *sensor = g_ptr_array_index (sensors, i);

      if (g_str_equal (sensor->device, DEVICE))
        {
          found = TRUE;
          g_assert_cmpint (sensor->room_id, ==, room);
          g_assert_cmpstr (sensor->room, ==, SITE " 901");
          g_assert_true (sensor->armed);
        }
    }
  g_assert_true (found);

  /* The room disinfected at eleven: the team's opening is expected (the
   * alert keeps its one event), and the slot is served. */
  g_assert_true (wg_store_plan_disinfection (fixture->store, NULL, room, 11, 1, DAY, DAY, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM room_visit_window WHERE room_id = %" G_GINT64_FORMAT
                                            " AND starts_at = '" DAY " 10:45:00'", room);

    g_assert_cmpint (wg_test_sql_int (fixture->location, sql), ==, 1);
  }
  send (fixture, engine, "{\"contact\":true,\"battery\":90}", DAY "T10:30:00");
  send (fixture, engine, "{\"contact\":false,\"battery\":90}", DAY "T11:05:00");
  g_assert_cmpuint (door_alerts (fixture, &events), ==, 1);
  g_assert_cmpuint (events, ==, 1);
  g_assert_true (wg_store_record_disinfection (fixture->store, NULL, room, DAY " 11:05:00", "消杀队 王强", NULL, NULL,
                                               &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) overdue = wg_store_list_disinfection_overdue (fixture->store, NULL, DAY " 23:00:00", &error);

    g_assert_no_error (error);
    for (guint i = 0; i < overdue->len; i++)
      g_assert_cmpint (((WgDisinfectionDue *) overdue->pdata[i])->room_id, !=, room);
  }
  send (fixture, engine, "{\"contact\":true,\"battery\":90}", DAY "T11:20:00");

  g_assert_true (wg_store_check_out (fixture->store, stay, "2026-11-30 12:00:00", &error));
  g_assert_no_error (error);
  send (fixture, engine, "{\"contact\":true,\"battery\":90}", "2026-11-30T12:30:00");
  send (fixture, engine, "{\"contact\":false,\"battery\":90}", "2026-11-30T13:00:00");
  g_assert_cmpuint (door_alerts (fixture, &events), ==, 1);
  g_assert_cmpuint (events, ==, 1);
}

/* A transfer's steps: only the next one, never earlier than the one before;
 * a plan naming someone outside the county records nothing. */
static void
test_transfer (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) persons = three_in_central (fixture, numbers);
  g_autoptr(WgTransferInfo) done = NULL;
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  const char *ids[] = { numbers->pdata[0], numbers->pdata[1], NULL };
  const char *unknown[] = { numbers->pdata[0], "110101199001011237", NULL };
  WgTransferPlan plan = { DAY, WG_TRANSFER_FROM_CHECKPOINT, "G5京昆高速曲沃出口", SITE, NULL, "晋L·D7001", "李卫东",
                          "护士 杨丽", ids };
  gint64 before = sql_int (fixture, "SELECT count (*) FROM transfer");
  gint64 logged = sql_int (fixture, "SELECT count (*) FROM audit_log WHERE entity = 'transfer'");
  gint64 id = 0;

  g_assert_no_error (error);
  plan.id_numbers = unknown;
  g_assert_false (wg_store_add_transfer (fixture->store, &plan, &id, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (fixture, "SELECT count (*) FROM transfer"), ==, before);
  plan.id_numbers = ids;
  plan.to_household = "ABC";
  g_assert_false (wg_store_add_transfer (fixture->store, &plan, &id, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  plan.to_household = NULL;
  g_assert_true (wg_store_add_transfer (fixture->store, &plan, &id, &error));
  g_assert_no_error (error);

  /* Out of order: picked up or handed over before dispatched. */
  g_assert_false (wg_store_advance_transfer (fixture->store, id, WG_TRANSFER_PICKED_UP, DAY " 08:00:00", NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wg_store_advance_transfer (fixture->store, id, WG_TRANSFER_HANDED_OVER, DAY " 08:00:00", "张敏",
                                             &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_advance_transfer (fixture->store, id, WG_TRANSFER_DISPATCHED, DAY " 07:30:00", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wg_store_advance_transfer (fixture->store, id, WG_TRANSFER_DISPATCHED, DAY " 07:35:00", NULL,
                                             &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Earlier than the step before. */
  g_assert_false (wg_store_advance_transfer (fixture->store, id, WG_TRANSFER_PICKED_UP, DAY " 07:00:00", NULL, &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_advance_transfer (fixture->store, id, WG_TRANSFER_PICKED_UP, DAY " 08:10:00", NULL, &error));
  g_assert_no_error (error);
  /* Handed over to nobody. */
  g_assert_false (wg_store_advance_transfer (fixture->store, id, WG_TRANSFER_HANDED_OVER, DAY " 08:50:00", NULL,
                                             &error));
  g_assert_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (wg_store_advance_transfer (fixture->store, id, WG_TRANSFER_HANDED_OVER, DAY " 08:50:00",
                                            "值守医生 张敏", &error));
  g_assert_no_error (error);

  done = wg_store_get_transfer (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->state, ==, WG_TRANSFER_HANDED_OVER);
  g_assert_cmpstr (done->dispatched_at, ==, DAY " 07:30:00");
  g_assert_cmpstr (done->picked_up_at, ==, DAY " 08:10:00");
  g_assert_cmpstr (done->handed_over_at, ==, DAY " 08:50:00");
  g_assert_cmpstr (done->handed_to, ==, "值守医生 张敏");
  g_assert_cmpstr (done->to_place, ==, SITE);
  g_assert_cmpuint (done->persons->len, ==, 2);
  /* Planned and three steps: four lines in the audit log. */
  g_assert_cmpint (sql_int (fixture, "SELECT count (*) FROM audit_log WHERE entity = 'transfer'"), ==, logged + 4);

  today = wg_store_list_transfers (fixture->store, DAY, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (today->len, ==, sql_int (fixture, "SELECT count (*) FROM transfer WHERE day = '" DAY "'"));
  mine = wg_store_list_transfers (fixture->store, NULL, g_array_index (persons, gint64, 0), &error);
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM transfer_person WHERE person_id = %" G_GINT64_FORMAT,
                                            g_array_index (persons, gint64, 0));
    gboolean listed = FALSE;

    g_assert_cmpint (mine->len, ==, sql_int (fixture, sql));
    for (guint i = 0; i < mine->len; i++)
      listed |= ((WgTransferInfo *) g_ptr_array_index (mine, i))->id == id;
    g_assert_true (listed);
  }
}

/* The demo county: rooms at both sites, everyone in central quarantine on
 * the day with a room, sensors on rooms, transfers in several states; the
 * sites' figures equal counts made in SQL. */
static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = wg_store_list_sites (fixture->store, DAY, &error);
  guint assigned = 0, checked_in = 0, rooms = 0, beds = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 2);
  for (guint i = 0; i < sites->len; i++)
    {
      const WgSiteInfo *s = g_ptr_array_index (sites, i);

      g_assert_cmpuint (s->n_rooms, >, 0);
      g_assert_cmpuint (s->assigned, >, 0);
      assigned += s->assigned;
      checked_in += s->checked_in;
      rooms += s->n_rooms;
      beds += s->beds;
    }
  g_assert_cmpint (rooms, ==, sql_int (fixture, "SELECT count (*) FROM site_room"));
  g_assert_cmpint (beds, ==, sql_int (fixture, "SELECT sum (capacity) FROM site_room"));
  g_assert_cmpint (assigned, ==, sql_int (fixture, "SELECT count (*) FROM room_stay"
                                                   " WHERE from_day <= '" DAY "' AND to_day >= '" DAY "'"));
  g_assert_cmpint (checked_in, ==, sql_int (fixture, "SELECT count (*) FROM room_stay"
                                                     " WHERE from_day <= '" DAY "' AND to_day >= '" DAY "'"
                                                     " AND checked_in_at < '" DAY " 24'"
                                                     " AND (checked_out_at IS NULL OR checked_out_at >= '" DAY " 24')"));
  g_assert_cmpint (sql_int (fixture, "SELECT count (*) FROM sensor WHERE room_id IS NOT NULL"), ==, 2);
  g_assert_cmpint (sql_int (fixture, "SELECT count (DISTINCT r.site_id) FROM sensor s"
                                     " JOIN site_room r ON r.id = s.room_id"), ==, 2);
  g_assert_cmpint (sql_int (fixture, "SELECT count (DISTINCT state) FROM transfer"), >=, 3);
  g_assert_cmpint (sql_int (fixture, "SELECT count (*) FROM transfer t WHERE NOT EXISTS"
                                     " (SELECT 1 FROM transfer_person tp WHERE tp.transfer_id = t.id)"), ==, 0);
}

static gint64
board_count (Fixture    *fixture,
             WgStatus    status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = wg_store_list_status_people (fixture->store, "141021", status, DAY, &error);

  g_assert_no_error (error);
  return people->len;
}

/* Each list of the quarantine board, at the county, against a count made
 * in SQL on the same tables (persons with a household: the registry's). */
static void
test_board_sql (Fixture       *fixture,
                gconstpointer  data)
{
#define P "JOIN person p ON p.id = x.person_id AND p.household_id IS NOT NULL"
#define PERIODS(col, day) \
  "SELECT (SELECT count (DISTINCT x.person_id) FROM quarantine x " P " WHERE x." col " = '" day "')" \
  "     + (SELECT count (DISTINCT x.person_id) FROM monitoring x " P " WHERE x." col " = '" day "')"
  static const struct { WgStatus status; const char *sql; } checks[] = {
    { WG_STATUS_STARTING_TODAY, PERIODS ("start_day", DAY) },
    { WG_STATUS_ENDING_TODAY, PERIODS ("end_day", DAY) },
    { WG_STATUS_ENDING_TOMORROW, PERIODS ("end_day", "2026-11-30") },
    { WG_STATUS_TESTS_DUE, "SELECT count (*) FROM test_schedule x " P " WHERE x.test_id IS NULL AND x.day = '" DAY "'" },
    { WG_STATUS_TESTS_OVERDUE, "SELECT count (*) FROM test_schedule x " P " WHERE x.test_id IS NULL AND x.day < '" DAY "'" },
    { WG_STATUS_TEMPERATURE_MISSING,
      "SELECT count (*) FROM person p WHERE p.household_id IS NOT NULL"
      " AND (EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id AND q.start_day <= '" DAY "'"
      "              AND q.end_day >= '" DAY "')"
      "      OR EXISTS (SELECT 1 FROM monitoring m WHERE m.person_id = p.id AND m.start_day <= '" DAY "'"
      "              AND m.end_day >= '" DAY "'))"
      " AND NOT EXISTS (SELECT 1 FROM temperature t WHERE t.person_id = p.id"
      "                  AND t.measured_at >= '" DAY "' AND t.measured_at < '2026-11-30')" },
    { WG_STATUS_SENSOR_OFFLINE,
      "SELECT count (DISTINCT p.id) FROM quarantine x " P " JOIN sensor s ON s.household_id = p.household_id"
      " WHERE x.kind = 1 AND x.start_day <= '" DAY "' AND x.end_day >= '" DAY "'"
      "   AND (s.online IS NULL OR s.online = 0)" },
    { WG_STATUS_PERIOD_CHANGED,
      "SELECT count (*) FROM quarantine x " P " JOIN audit_log a ON a.entity = 'quarantine' AND a.entity_id = x.id"
      " AND a.action IN ('extend', 'release') AND a.at >= '" DAY "' AND a.at < '2026-11-30'" },
  };
#undef PERIODS
#undef P
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) home = wg_store_list_status_people (fixture->store, "141021", WG_STATUS_HOME_QUARANTINE, DAY,
                                                           &error);
  const WgStatusPerson *someone;

  /* One extension today, as the desk would make it now. */
  g_assert_no_error (error);
  g_assert_cmpuint (home->len, >, 0);
  someone = g_ptr_array_index (home, 0);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    if (g_str_equal (today, DAY))
      {
        g_assert_true (wg_store_change_quarantine_end (fixture->store, someone->person_id, DAY, "2027-01-10", 1,
                                                       "复检结果待定", &error));
        g_assert_no_error (error);
      }
  }
  G_STATIC_ASSERT (G_N_ELEMENTS (checks) == WG_STATUS_N - WG_STATUS_BOARD_FIRST);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gint64 expected = sql_int (fixture, checks[i].sql);

      g_test_message ("%s: %" G_GINT64_FORMAT, wg_status_describe (checks[i].status), expected);
      g_assert_cmpint (board_count (fixture, checks[i].status), ==, expected);
    }
  /* The tests done by the day, as the desk counts them beside due and overdue. */
  {
    gint64 done = wg_store_count_tests_done (fixture->store, "141021", DAY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (done, >, 0);
    g_assert_cmpint (done, ==, sql_int (fixture, "SELECT count (*) FROM test_schedule x JOIN person p"
                                                 " ON p.id = x.person_id AND p.household_id IS NOT NULL"
                                                 " WHERE x.test_id IS NOT NULL AND x.day <= '" DAY "'"));
  }
  /* The demo leaves work on the board. */
  g_assert_cmpint (board_count (fixture, WG_STATUS_TESTS_OVERDUE), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/wg/sites/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("capacity", test_capacity);
  ADD ("room-sensor", test_room_sensor);
  ADD ("transfer", test_transfer);
  ADD ("demo", test_demo);
  ADD ("board-sql", test_board_sql);
#undef ADD

  return g_test_run ();
}
