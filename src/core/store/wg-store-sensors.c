/* wg-store-sensors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Door sensors and visit windows: registering a device, binding it to a
 * household (one sensor per household) and unbinding it; the planned visits
 * (sampling, disinfection, delivery) during which an opening is expected.
 * Every change goes to the audit log.
 */

#define G_LOG_DOMAIN "wg-sensors"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "wg-store-sensors.h"
#include "wg-device-name.h"
#include "wg-store-alerts.h"
#include "wg-store-private.h"

void
wg_sensor_info_free (WgSensorInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->device);
  g_free (info->model);
  g_free (info->household_code);
  g_free (info->address);
  g_free (info->last_seen);
  g_free (info->room);
  g_free (info);
}

void
wg_visit_window_free (WgVisitWindow *window)
{
  if (window == NULL)
    return;
  g_free (window->starts_at);
  g_free (window->ends_at);
  g_free (window);
}

const char *
wg_visit_purpose_describe (WgVisitPurpose purpose)
{
  switch (purpose)
    {
    case WG_VISIT_PURPOSE_SAMPLING:
      return _("Sampling");
    case WG_VISIT_PURPOSE_DISINFECTION:
      return _("Disinfection");
    case WG_VISIT_PURPOSE_DELIVERY:
    default:
      return _("Delivery");
    }
}

static int
int_or_unknown (WgStmt *stmt,
                int           column)
{
  return wg_stmt_column_is_null (stmt, column) ? -1 : wg_stmt_column_int (stmt, column);
}

/**
 * wg_store_list_sensors:
 * @store: a #WgStore
 * @today: (nullable): the day that decides whether a sensor is armed; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgSensorInfo): every sensor, bound
 *   ones first by household code
 */
GPtrArray *
wg_store_list_sensors (WgStore     *store,
                       const char  *today,
                       GError     **error)
{
  static const char sql[] =
    "SELECT s.id, s.device, s.model, coalesce (s.household_id, 0), h.code, h.address, s.online,"
    "  s.battery, s.contact, s.last_seen,"
    "  EXISTS (SELECT 1 FROM quarantine q JOIN person p ON p.id = q.person_id"
    "           WHERE p.household_id = s.household_id AND q.kind = 1"
    "             AND q.start_day <= ?1 AND q.end_day >= ?1)"
    "  OR EXISTS (SELECT 1 FROM room_stay st WHERE st.room_id = s.room_id AND st.from_day <= ?1"
    "              AND st.to_day >= ?1 AND st.checked_in_at IS NOT NULL AND st.checked_out_at IS NULL),"
    "  coalesce (s.room_id, 0), rs.name || ' ' || r.number"
    " FROM sensor s LEFT JOIN household h ON h.id = s.household_id"
    " LEFT JOIN site_room r ON r.id = s.room_id LEFT JOIN quarantine_site rs ON rs.id = r.site_id"
    " ORDER BY s.household_id IS NULL, s.room_id IS NULL, h.code, rs.name, r.number, s.device";
  g_autoptr(GPtrArray) sensors = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_sensor_info_free);
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, day);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgSensorInfo *info = g_new0 (WgSensorInfo, 1);

      info->id = wg_stmt_column_int64 (stmt, 0);
      info->device = g_strdup (wg_stmt_column_text (stmt, 1));
      info->model = g_strdup (wg_stmt_column_text (stmt, 2));
      info->household_id = wg_stmt_column_int64 (stmt, 3);
      info->household_code = g_strdup (wg_stmt_column_text (stmt, 4));
      info->address = g_strdup (wg_stmt_column_text (stmt, 5));
      info->online = int_or_unknown (stmt, 6);
      info->battery = int_or_unknown (stmt, 7);
      info->contact = int_or_unknown (stmt, 8);
      info->last_seen = g_strdup (wg_stmt_column_text (stmt, 9));
      info->armed = wg_stmt_column_int (stmt, 10);
      info->room_id = wg_stmt_column_int64 (stmt, 11);
      info->room = g_strdup (wg_stmt_column_text (stmt, 12));
      g_ptr_array_add (sensors, info);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&sensors);
}

/**
 * wg_store_list_sensor_devices:
 * @store: a #WgStore
 * @only_bound: only sensors on a home or a room
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the devices' names, in a stable order
 */
GStrv
wg_store_list_sensor_devices (WgStore     *store,
                              gboolean     only_bound,
                              GError     **error)
{
  static const char sql[] =
    "SELECT device FROM sensor WHERE NOT ? OR household_id IS NOT NULL OR room_id IS NOT NULL ORDER BY id";
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int (stmt, 1, only_bound);
  return wg_store_collect_strings (store, stmt, error);
}

/**
 * wg_sensor_check_device_name:
 * @device: a sensor's name as Zigbee2MQTT has it
 * @error: return location for a #GError
 *
 * A device name as Zigbee2MQTT allows it in its topic (its own rule: "/"
 * inside but not at either end nor before trailing digits, no "+" or "#"),
 * and not the bridge's.
 *
 * Returns: %TRUE when Wangge can register it
 */
gboolean
wg_sensor_check_device_name (const char  *device,
                             GError     **error)
{
  if (!wg_sensor_friendly_name_is_valid (device) || g_str_equal (device, WG_BRIDGE_DEVICE) ||
      g_str_has_prefix (device, WG_BRIDGE_DEVICE "/"))
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A device is named by its Zigbee2MQTT friendly name or IEEE address (like 0x00158d0001a2b3c4 or 乐昌镇/南关/348号): no “+” or “#”, no “/” at either end or before a final number, and not “bridge”."));
      return FALSE;
    }
  return TRUE;
}

/**
 * wg_store_register_sensor:
 * @store: a #WgStore
 * @device: its Zigbee2MQTT name
 * @model: (nullable): its model
 * @id: (out) (optional): the new sensor
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; a CONSTRAINT error for a device already registered
 */
gboolean
wg_store_register_sensor (WgStore     *store,
                          const char  *device,
                          const char  *model,
                          gint64      *id,
                          GError     **error)
{
  static const char sql[] = "INSERT INTO sensor (device, model) VALUES (?, ?)";
  g_autoptr(GError) local_error = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_sensor_check_device_name (device, error) || !(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, device);
  if (model != NULL && *model != '\0')
    wg_stmt_bind_text (stmt, 2, model);
  if (!wg_store_insert_and_log (store, stmt, "sensor", device, id, &local_error))
    {
      if (g_error_matches (local_error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT))
        g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                     _("The sensor “%s” is registered already."), device);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Runs @stmt (bound), a change to the sensor @device, logged. */
static gboolean
change_sensor (WgStore      *store,
               WgStmt *stmt,
               const char   *device,
               const char   *action,
               const char   *detail,
               GError      **error)
{
  g_autofree char *gone = g_strdup_printf (_("There is no sensor “%s”: register it first."), device);

  return wg_store_change_and_log (store, stmt, action, "sensor", 0, detail, gone, error);
}

/**
 * wg_store_bind_sensor:
 * @store: a #WgStore
 * @device: a registered sensor
 * @household_code: the household whose door it is on
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; a household has one sensor at most
 */
gboolean
wg_store_bind_sensor (WgStore     *store,
                      const char  *device,
                      const char  *household_code,
                      GError     **error)
{
  static const char find_sql[] =
    "SELECT h.id, (SELECT device FROM sensor WHERE household_id = h.id) FROM household h"
    " WHERE h.code = upper (?)";
  static const char sql[] = "UPDATE sensor SET household_id = ?, room_id = NULL WHERE device = ?";
  g_autofree char *detail = NULL;
  g_autofree char *other = NULL;
  WgStmt *stmt;
  gint64 household_id = 0;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (household_code != NULL, FALSE);

  if (!wg_sensor_check_device_name (device, error) || !(stmt = wg_store_prepare (store, find_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, household_code);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      household_id = wg_stmt_column_int64 (stmt, 0);
      other = g_strdup (wg_stmt_column_text (stmt, 1));
    }
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no household with the code “%s”."), household_code);
      return FALSE;
    }
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (other != NULL && !g_str_equal (other, device))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                   _("Household %s has the sensor “%s” already: unbind it first."), household_code,
                   other);
      return FALSE;
    }

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  wg_stmt_bind_text (stmt, 2, device);
  detail = g_strdup_printf ("%s → %s", device, household_code);
  return change_sensor (store, stmt, device, "bind", detail, error);
}

/**
 * wg_store_bind_sensor_to_room:
 * @store: a #WgStore
 * @device: a registered sensor
 * @room_id: the room of a central site whose door it is on
 * @error: return location for a #GError
 *
 * A door opening there is an alert while someone is checked in to the room.
 *
 * Returns: %TRUE on success; a room has one sensor at most
 */
gboolean
wg_store_bind_sensor_to_room (WgStore     *store,
                              const char  *device,
                              gint64       room_id,
                              GError     **error)
{
  static const char find_sql[] =
    "SELECT s.name || ' ' || r.number, (SELECT device FROM sensor WHERE room_id = r.id)"
    " FROM site_room r JOIN quarantine_site s ON s.id = r.site_id WHERE r.id = ?";
  static const char sql[] = "UPDATE sensor SET room_id = ?, household_id = NULL WHERE device = ?";
  g_autofree char *room = NULL;
  g_autofree char *other = NULL;
  g_autofree char *detail = NULL;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_sensor_check_device_name (device, error) || !(stmt = wg_store_prepare (store, find_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, room_id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      room = g_strdup (wg_stmt_column_text (stmt, 0));
      other = g_strdup (wg_stmt_column_text (stmt, 1));
    }
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, room_id);

      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no room number %s."), id_text);
      return FALSE;
    }
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (other != NULL && !g_str_equal (other, device))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                   _("Room %s has the sensor “%s” already: unbind it first."), room, other);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, room_id);
  wg_stmt_bind_text (stmt, 2, device);
  detail = g_strdup_printf ("%s → %s", device, room);
  return change_sensor (store, stmt, device, "bind", detail, error);
}

/**
 * wg_store_unbind_sensor:
 *
 * Takes the sensor off its household or room; it is kept, registered, for another.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_unbind_sensor (WgStore     *store,
                        const char  *device,
                        GError     **error)
{
  static const char sql[] = "UPDATE sensor SET household_id = NULL, room_id = NULL WHERE device = ?";
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_sensor_check_device_name (device, error) || !(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, device);
  return change_sensor (store, stmt, device, "unbind", device, error);
}

/**
 * wg_store_add_visit_window:
 * @store: a #WgStore
 * @household_id: the household visited
 * @purpose: why
 * @starts_at: from, as YYYY-MM-DD HH:MM:SS
 * @ends_at: until, later than @starts_at
 * @id: (out) (optional): the new window
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_visit_window (WgStore         *store,
                           gint64           household_id,
                           WgVisitPurpose   purpose,
                           const char      *starts_at,
                           const char      *ends_at,
                           gint64          *id,
                           GError         **error)
{
  static const char sql[] =
    "INSERT INTO visit_window (household_id, purpose, starts_at, ends_at) VALUES (?, ?, ?, ?)";
  g_autofree char *detail = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (starts_at != NULL && ends_at != NULL, FALSE);

  if (g_strcmp0 (ends_at, starts_at) <= 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A visit ends after it starts."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  wg_stmt_bind_int (stmt, 2, purpose);
  wg_stmt_bind_text (stmt, 3, starts_at);
  wg_stmt_bind_text (stmt, 4, ends_at);
  detail = g_strdup_printf ("household %" G_GINT64_FORMAT ": %d %s – %s", household_id, purpose,
                            starts_at, ends_at);
  return wg_store_insert_and_log (store, stmt, "visit_window", detail, id, error);
}

gboolean
wg_store_delete_visit_window (WgStore  *store,
                              gint64    id,
                              GError  **error)
{
  static const char sql[] = "DELETE FROM visit_window WHERE id = ?";
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_begin (store, error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, id);
  if (!wg_store_step_done (store, stmt, error) ||
      !wg_store_log (store, "delete", "visit_window", id, NULL, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_list_visit_windows:
 *
 * Returns: (transfer full) (element-type WgVisitWindow): the household's
 *   visits that have not ended yet, soonest first
 */
GPtrArray *
wg_store_list_visit_windows (WgStore  *store,
                             gint64    household_id,
                             GError  **error)
{
  static const char sql[] =
    "SELECT id, purpose, starts_at, ends_at FROM visit_window"
    " WHERE household_id = ? AND ends_at >= datetime ('now', 'localtime') ORDER BY starts_at";
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_visit_window_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgVisitWindow *window = g_new0 (WgVisitWindow, 1);

      window->id = wg_stmt_column_int64 (stmt, 0);
      window->purpose = wg_stmt_column_int (stmt, 1);
      window->starts_at = g_strdup (wg_stmt_column_text (stmt, 2));
      window->ends_at = g_strdup (wg_stmt_column_text (stmt, 3));
      g_ptr_array_add (windows, window);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&windows);
}

/* The feed's lease: one feed per database */

void
wg_feed_lease_free (WgFeedLease *lease)
{
  if (lease == NULL)
    return;
  g_free (lease->holder);
  g_free (lease->purpose);
  g_free (lease->host);
  g_free (lease);
}

static WgFeedLease *
read_lease (WgStore  *store,
            GError  **error)
{
  static const char sql[] =
    "SELECT holder, purpose, host, pid, taken_at, renewed_at, expires_at FROM feed_lease WHERE id = 1";
  WgFeedLease *lease = NULL;
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      lease = g_new0 (WgFeedLease, 1);
      lease->holder = g_strdup (wg_stmt_column_text (stmt, 0));
      lease->purpose = g_strdup (wg_stmt_column_text (stmt, 1));
      lease->host = g_strdup (wg_stmt_column_text (stmt, 2));
      lease->pid = wg_stmt_column_int64 (stmt, 3);
      lease->taken_at = wg_stmt_column_int64 (stmt, 4);
      lease->renewed_at = wg_stmt_column_int64 (stmt, 5);
      lease->expires_at = wg_stmt_column_int64 (stmt, 6);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    wg_store_set_error (store, rc, error);
  return lease;
}

/**
 * wg_store_get_feed_lease:
 * @store: a #WgStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): who holds (or last held) the
 *   database's sensor feed, or %NULL (without an error) when nobody did
 */
WgFeedLease *
wg_store_get_feed_lease (WgStore  *store,
                         GError  **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return read_lease (store, error);
}

typedef enum
{
  LEASE_OURS,     /* held by @holder, nothing to write */
  LEASE_OTHERS,   /* another's, alive */
  LEASE_TO_TAKE,  /* free, lapsed, or ours to renew */
} LeaseVerdict;

static LeaseVerdict
lease_verdict (const WgFeedLease *current,
               WgStoreLock        lock,
               const char        *holder,
               guint              seconds,
               gint64             now)
{
  gboolean ours = current != NULL && g_str_equal (current->holder, holder);

  if (lock == WG_STORE_LOCK_OTHER ||
      (lock == WG_STORE_LOCK_NONE && current != NULL && !ours && current->expires_at > now))
    return LEASE_OTHERS;
  if (ours && (lock == WG_STORE_LOCK_HELD || now < current->renewed_at + MAX (seconds / 3, 1)))
    return LEASE_OURS;
  return LEASE_TO_TAKE;
}

/**
 * wg_store_take_feed_lease:
 * @store: a #WgStore
 * @holder: who asks: a token unique to one running feed
 * @purpose: what it is ("app", "listen"), to tell a user who holds it
 * @seconds: how long the lease lasts unless renewed
 * @now: the time, in unix seconds
 * @taken: (out): whether @holder holds the lease now
 * @other: (out) (optional) (transfer full): who holds it instead
 * @error: return location for a #GError
 *
 * Takes the database's one lease on the sensor feed, renews it for its
 * holder, or takes it over when its holder let it lapse (a process that
 * died). A live lease of another is respected. On the county server the
 * lease is the server's advisory lock, which the server lets go the moment
 * its holder's connection ends: the lease row then only tells who holds it,
 * and @seconds do not matter.
 *
 * Returns: %FALSE only when the store failed
 */
gboolean
wg_store_take_feed_lease (WgStore      *store,
                          const char   *holder,
                          const char   *purpose,
                          guint         seconds,
                          gint64        now,
                          gboolean     *taken,
                          WgFeedLease **other,
                          GError      **error)
{
  static const char take_sql[] =
    "INSERT INTO feed_lease (id, holder, purpose, host, pid, taken_at, renewed_at, expires_at)"
    " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5, ?6)"
    " ON CONFLICT (id) DO UPDATE SET"
    "   taken_at = CASE WHEN feed_lease.holder = ?1 THEN feed_lease.taken_at ELSE ?5 END,"
    "   holder = ?1, purpose = ?2, host = ?3, pid = ?4, renewed_at = ?5, expires_at = ?6";
  g_autoptr(WgFeedLease) current = NULL;
  g_autoptr(GError) local_error = NULL;
  WgStoreLock lock;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (holder != NULL && purpose != NULL, FALSE);

  *taken = FALSE;
  if (other != NULL)
    *other = NULL;
  if (!wg_store_hold_feed_lock (store, &lock, error))
    return FALSE;
  /* Checked every second: read first, and take the write lock only to
   * take or renew the lease (then read again, inside it). */
  for (int pass = 0; pass < 2; pass++)
    {
      g_clear_pointer (&current, wg_feed_lease_free);
      if (pass == 1 && !wg_store_begin (store, error))
        return FALSE;
      current = read_lease (store, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      switch (lease_verdict (current, lock, holder, seconds, now))
        {
        case LEASE_OURS:
          /* Held, and the row says so already (renewed a third of the way). */
          if (pass == 1)
            wg_store_rollback (store);
          *taken = TRUE;
          return TRUE;
        case LEASE_OTHERS:
          if (pass == 1)
            wg_store_rollback (store);
          if (other != NULL)
            *other = g_steal_pointer (&current);
          return TRUE;
        case LEASE_TO_TAKE:
        default:
          break;
        }
    }
  if (!(stmt = wg_store_prepare (store, take_sql, error)))
    goto failed;
  wg_stmt_bind_text (stmt, 1, holder);
  wg_stmt_bind_text (stmt, 2, purpose);
  wg_stmt_bind_text (stmt, 3, g_get_host_name ());
  wg_stmt_bind_int64 (stmt, 4, getpid ());
  wg_stmt_bind_int64 (stmt, 5, now);
  wg_stmt_bind_int64 (stmt, 6, now + seconds);
  /* Quietly: a renewed lease is nothing a window shows or counts. */
  if (!wg_store_step_done (store, stmt, error) || !wg_store_commit_quietly (store, error))
    goto failed;
  *taken = TRUE;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_release_feed_lease:
 * @store: a #WgStore
 * @holder: the token it was taken with
 * @error: return location for a #GError
 *
 * Lets the lease go at once, if @holder holds it, so that a feed standing
 * by need not wait for it to lapse.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_release_feed_lease (WgStore     *store,
                             const char  *holder,
                             GError     **error)
{
  static const char sql[] = "DELETE FROM feed_lease WHERE holder = ?";
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  wg_store_release_feed_lock (store);
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, holder);
  return wg_store_step_done (store, stmt, error);
}

/**
 * wg_store_dup_database_id:
 * @store: a #WgStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): sixteen hex digits, drawn once per database and
 *   kept in it: what makes the feed's MQTT client id its own
 */
char *
wg_store_dup_database_id (WgStore  *store,
                          GError  **error)
{
  static const char make_sql[] =
    "INSERT INTO settings (key, value) VALUES ('database-id', lower (hex (randomblob (8))))"
    " ON CONFLICT DO NOTHING";
  static const char read_sql[] = "SELECT value FROM settings WHERE key = 'database-id'";
  WgStmt *stmt;
  char *id = NULL;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, make_sql, error)) || !wg_store_step_done (store, stmt, error) ||
      !(stmt = wg_store_prepare (store, read_sql, error)))
    return NULL;
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    id = g_strdup (wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  if (id == NULL)
    wg_store_set_error (store, rc == WG_STMT_ROW || rc == WG_STMT_DONE ? WG_STMT_CORRUPT : rc, error);
  return id;
}

/**
 * wg_store_get_bridge_state:
 * @store: a #WgStore
 * @base_topic: the Zigbee2MQTT base topic
 * @since: (out) (optional) (transfer full): since when it is in that state
 * @error: return location for a #GError
 *
 * Returns: 1 when the bridge last said it is online, 0 offline, -1 when it
 *   never said (or on error)
 */
int
wg_store_get_bridge_state (WgStore     *store,
                           const char  *base_topic,
                           char       **since,
                           GError     **error)
{
  static const char sql[] = "SELECT online, since FROM bridge WHERE base_topic = ?";
  WgStmt *stmt;
  int online = -1;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), -1);

  if (since != NULL)
    *since = NULL;
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return -1;
  wg_stmt_bind_text (stmt, 1, base_topic);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      online = wg_stmt_column_int (stmt, 0);
      if (since != NULL)
        *since = g_strdup (wg_stmt_column_text (stmt, 1));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    wg_store_set_error (store, rc, error);
  return online;
}

void
wg_sensor_event_info_free (WgSensorEventInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->device);
  g_free (info->received_at);
  g_free (info->occurred_at);
  g_free (info->payload);
  g_free (info);
}

/**
 * wg_store_list_sensor_events:
 * @store: a #WgStore
 * @device: (nullable): one device's; %NULL for all
 * @limit: at most this many, the latest first
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgSensorEventInfo): what the feed
 *   recorded, with when it happened and whose clock said so
 */
GPtrArray *
wg_store_list_sensor_events (WgStore     *store,
                             const char  *device,
                             guint        limit,
                             GError     **error)
{
  static const char sql[] =
    "SELECT device, received_at, coalesce (occurred_at, received_at), coalesce (time_source, 0), kind,"
    "  payload FROM sensor_event WHERE ?1 IS NULL OR device = ?1 ORDER BY id DESC LIMIT ?2";
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_sensor_event_info_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  if (device != NULL)
    wg_stmt_bind_text (stmt, 1, device);
  wg_stmt_bind_int64 (stmt, 2, limit);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgSensorEventInfo *info = g_new0 (WgSensorEventInfo, 1);

      info->device = g_strdup (wg_stmt_column_text (stmt, 0));
      info->received_at = g_strdup (wg_stmt_column_text (stmt, 1));
      info->occurred_at = g_strdup (wg_stmt_column_text (stmt, 2));
      info->device_time = wg_stmt_column_int (stmt, 3) == 1;
      info->kind = wg_stmt_column_int (stmt, 4);
      info->payload = g_strdup (wg_stmt_column_text (stmt, 5));
      g_ptr_array_add (events, info);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}
