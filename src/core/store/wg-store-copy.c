/* wg-store-copy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A whole county from one database to another, whatever their engines: a
 * desk's file up to the county server, the server down to a file as an
 * offline snapshot. Every table is read in order and written with its ids,
 * in one transaction on the target with its references checked at the
 * end; the copy is committed only when the county's digest is the same on
 * both sides.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wg-store-copy.h"
#include "wg-store-private.h"

/* Parents before children where they can be; the rest is what the
 * deferred references allow. The sensor feed's lease is not copied: it is
 * a running process's, not the county's. */
static const struct
{
  const char *table;
  const char *select_sql;
  const char *insert_sql;
} tables[] = {
  { "settings",
    "SELECT key, value FROM settings ORDER BY key",
    "INSERT INTO settings (key, value) VALUES (?, ?)" },
  { "measure_preset",
    "SELECT id, name, measure, central_days, home_days, monitoring_days, test_days FROM measure_preset ORDER BY id",
    "INSERT INTO measure_preset (id, name, measure, central_days, home_days, monitoring_days, test_days)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)" },
  { "grid",
    "SELECT id, parent_id, level, code, name, position FROM grid ORDER BY level, id",
    "INSERT INTO grid (id, parent_id, level, code, name, position) VALUES (?, ?, ?, ?, ?, ?)" },
  { "staff",
    "SELECT id, name, phone, person_id FROM staff ORDER BY id",
    "INSERT INTO staff (id, name, phone, person_id) VALUES (?, ?, ?, ?)" },
  { "grid_staff",
    "SELECT grid_id, staff_id, role FROM grid_staff ORDER BY grid_id, role, staff_id",
    "INSERT INTO grid_staff (grid_id, staff_id, role) VALUES (?, ?, ?)" },
  { "household",
    "SELECT id, grid_id, code, address, head_id, version FROM household ORDER BY id",
    "INSERT INTO household (id, grid_id, code, address, head_id, version) VALUES (?, ?, ?, ?, ?, ?)" },
  { "person",
    "SELECT id, household_id, id_number, name, sex, birth_date, phone, relation, residency, away_place,"
    " returned_on, monitoring, note, version FROM person ORDER BY id",
    "INSERT INTO person (id, household_id, id_number, name, sex, birth_date, phone, relation, residency,"
    " away_place, returned_on, monitoring, note, version)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "health_code",
    "SELECT id, person_id, day, colour FROM health_code ORDER BY id",
    "INSERT INTO health_code (id, person_id, day, colour) VALUES (?, ?, ?, ?)" },
  { "itinerary",
    "SELECT id, person_id, place, arrived_on, left_on, risk FROM itinerary ORDER BY id",
    "INSERT INTO itinerary (id, person_id, place, arrived_on, left_on, risk) VALUES (?, ?, ?, ?, ?, ?)" },
  { "vaccination",
    "SELECT id, person_id, dose, given_on, product, batch, site FROM vaccination ORDER BY id",
    "INSERT INTO vaccination (id, person_id, dose, given_on, product, batch, site)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)" },
  { "attachment",
    "SELECT id, person_id, title, mime_type, sha256, data, added_at FROM attachment ORDER BY id",
    "INSERT INTO attachment (id, person_id, title, mime_type, sha256, data, added_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)" },
  { "nat_test",
    "SELECT id, person_id, sampled_at, institution, tube, result, report_id FROM nat_test ORDER BY id",
    "INSERT INTO nat_test (id, person_id, sampled_at, institution, tube, result, report_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)" },
  { "temperature",
    "SELECT id, person_id, measured_at, tenths, staff_id FROM temperature ORDER BY id",
    "INSERT INTO temperature (id, person_id, measured_at, tenths, staff_id) VALUES (?, ?, ?, ?, ?)" },
  { "quarantine_site",
    "SELECT id, name, address, rooms, phone FROM quarantine_site ORDER BY id",
    "INSERT INTO quarantine_site (id, name, address, rooms, phone) VALUES (?, ?, ?, ?, ?)" },
  { "quarantine",
    "SELECT id, person_id, kind, site_id, room, start_day, end_day, staff_id FROM quarantine ORDER BY id",
    "INSERT INTO quarantine (id, person_id, kind, site_id, room, start_day, end_day, staff_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
  { "site_room",
    "SELECT id, site_id, number, floor, capacity FROM site_room ORDER BY id",
    "INSERT INTO site_room (id, site_id, number, floor, capacity) VALUES (?, ?, ?, ?, ?)" },
  { "room_stay",
    "SELECT id, room_id, person_id, quarantine_id, from_day, to_day, checked_in_at, checked_out_at"
    " FROM room_stay ORDER BY id",
    "INSERT INTO room_stay (id, room_id, person_id, quarantine_id, from_day, to_day, checked_in_at, checked_out_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
  { "transfer",
    "SELECT id, day, from_kind, from_place, to_site_id, to_household_id, vehicle, driver, escort, state,"
    " dispatched_at, picked_up_at, handed_over_at, handed_to FROM transfer ORDER BY id",
    "INSERT INTO transfer (id, day, from_kind, from_place, to_site_id, to_household_id, vehicle, driver, escort,"
    " state, dispatched_at, picked_up_at, handed_over_at, handed_to)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "transfer_person",
    "SELECT transfer_id, person_id FROM transfer_person ORDER BY transfer_id, person_id",
    "INSERT INTO transfer_person (transfer_id, person_id) VALUES (?, ?)" },
  { "sensor",
    "SELECT id, device, household_id, model, battery, online, contact, last_seen, tamper, battery_low, contact_since, left_open_raised,"
    " room_id FROM sensor ORDER BY id",
    "INSERT INTO sensor (id, device, household_id, model, battery, online, contact, last_seen, tamper, battery_low, contact_since, left_open_raised,"
    " room_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "visit_window",
    "SELECT id, household_id, purpose, starts_at, ends_at FROM visit_window ORDER BY id",
    "INSERT INTO visit_window (id, household_id, purpose, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)" },
  { "room_visit_window",
    "SELECT id, room_id, purpose, starts_at, ends_at FROM room_visit_window ORDER BY id",
    "INSERT INTO room_visit_window (id, room_id, purpose, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)" },
  { "alert",
    "SELECT id, kind, severity, sensor_id, household_id, opened_at, last_event_at, event_count, state, acknowledged_by, acknowledged_at, dispatched_to, dispatched_at, resolved_at, outcome, note, device,"
    " room_id FROM alert ORDER BY id",
    "INSERT INTO alert (id, kind, severity, sensor_id, household_id, opened_at, last_event_at, event_count, state, acknowledged_by, acknowledged_at, dispatched_to, dispatched_at, resolved_at, outcome, note, device,"
    " room_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "audit_log",
    "SELECT id, at, operator, action, entity, entity_id, detail, host FROM audit_log ORDER BY id",
    "INSERT INTO audit_log (id, at, operator, action, entity, entity_id, detail, host)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
  { "signing_key",
    "SELECT id, key, created_at, retired_at FROM signing_key ORDER BY id",
    "INSERT INTO signing_key (id, key, created_at, retired_at) VALUES (?, ?, ?, ?)" },
  { "sensor_event",
    "SELECT id, sensor_id, device, received_at, kind, payload, digest, occurred_at, time_source"
    " FROM sensor_event ORDER BY id",
    "INSERT INTO sensor_event (id, sensor_id, device, received_at, kind, payload, digest, occurred_at, time_source)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "bridge",
    "SELECT base_topic, online, since FROM bridge ORDER BY base_topic",
    "INSERT INTO bridge (base_topic, online, since) VALUES (?, ?, ?)" },
  { "import_batch",
    "SELECT id, kind, channel, file_name, sha256, imported_at, operator, rows_read, rows_added"
    " FROM import_batch ORDER BY id",
    "INSERT INTO import_batch (id, kind, channel, file_name, sha256, imported_at, operator, rows_read, rows_added)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "import_origin",
    "SELECT entity, entity_id, batch_id, row FROM import_origin ORDER BY entity, entity_id",
    "INSERT INTO import_origin (entity, entity_id, batch_id, row) VALUES (?, ?, ?, ?)" },
  { "import_mapping",
    "SELECT kind, signature, mapping FROM import_mapping ORDER BY kind, signature",
    "INSERT INTO import_mapping (kind, signature, mapping) VALUES (?, ?, ?)" },
  { "returnee",
    "SELECT id, person_id, arrived_on, from_place, risk, transport, channel, grid_id, state, recorded_at,"
    " reviewed_at, measure, preset_id, decided_at FROM returnee ORDER BY id",
    "INSERT INTO returnee (id, person_id, arrived_on, from_place, risk, transport, channel, grid_id, state, recorded_at,"
    " reviewed_at, measure, preset_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "monitoring",
    "SELECT id, person_id, returnee_id, start_day, end_day FROM monitoring ORDER BY id",
    "INSERT INTO monitoring (id, person_id, returnee_id, start_day, end_day) VALUES (?, ?, ?, ?, ?)" },
  { "test_schedule",
    "SELECT id, person_id, returnee_id, day, seq, test_id FROM test_schedule ORDER BY id",
    "INSERT INTO test_schedule (id, person_id, returnee_id, day, seq, test_id) VALUES (?, ?, ?, ?, ?, ?)" },
  { "away_group",
    "SELECT id, grid_id, name, owner_id FROM away_group ORDER BY id",
    "INSERT INTO away_group (id, grid_id, name, owner_id) VALUES (?, ?, ?, ?)" },
  { "away_info",
    "SELECT person_id, province, city, address, employer, since, reason, group_id, care_needed"
    " FROM away_info ORDER BY person_id",
    "INSERT INTO away_info (person_id, province, city, address, employer, since, reason, group_id, care_needed)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "help_order",
    "SELECT id, household_id, requester_id, kind, detail, urgency, due_at, state, ordered_at, worker_id,"
    " dispatched_at, accepted_at, done_at, cancelled_at, note FROM help_order ORDER BY id",
    "INSERT INTO help_order (id, household_id, requester_id, kind, detail, urgency, due_at, state, ordered_at,"
    " worker_id, dispatched_at, accepted_at, done_at, cancelled_at, note)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "patrol_report",
    "SELECT id, grid_id, day, kind, at, done_by, new_returnees, gatherings, problems, reported_up"
    " FROM patrol_report ORDER BY id",
    "INSERT INTO patrol_report (id, grid_id, day, kind, at, done_by, new_returnees, gatherings, problems,"
    " reported_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  { "disinfection_plan",
    "SELECT id, household_id, room_id, hour, every_days, from_day, to_day FROM disinfection_plan ORDER BY id",
    "INSERT INTO disinfection_plan (id, household_id, room_id, hour, every_days, from_day, to_day)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)" },
  { "disinfection_visit",
    "SELECT id, plan_id, household_id, room_id, due_at, visited_at, done_by, what FROM disinfection_visit ORDER BY id",
    "INSERT INTO disinfection_visit (id, plan_id, household_id, room_id, due_at, visited_at, done_by, what)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
  { "checkpoint",
    "SELECT id, name, min_staff, position FROM checkpoint ORDER BY id",
    "INSERT INTO checkpoint (id, name, min_staff, position) VALUES (?, ?, ?, ?)" },
  { "duty",
    "SELECT id, day, shift, checkpoint_id, grid_id, staff_id, role FROM duty ORDER BY id",
    "INSERT INTO duty (id, day, shift, checkpoint_id, grid_id, staff_id, role) VALUES (?, ?, ?, ?, ?, ?, ?)" },
  { "care_team",
    "SELECT person_id, role, name, phone FROM care_team ORDER BY person_id, role",
    "INSERT INTO care_team (person_id, role, name, phone) VALUES (?, ?, ?, ?)" },
  { "round_absence",
    "SELECT person_id, day, round, recorded_at FROM round_absence ORDER BY person_id, day, round",
    "INSERT INTO round_absence (person_id, day, round, recorded_at) VALUES (?, ?, ?, ?)" },
};

static gboolean
copy_table (WgStore     *from,
            WgStore     *to,
            guint        t,
            guint64     *n_rows,
            GError     **error)
{
  WgStmt *read, *write;
  int rc;

  if (!(read = wg_store_prepare (from, tables[t].select_sql, error)) ||
      !(write = wg_store_prepare (to, tables[t].insert_sql, error)))
    return FALSE;
  while ((rc = wg_stmt_step (read)) == WG_STMT_ROW)
    {
      int n = wg_stmt_column_count (read);

      wg_stmt_reset (write);
      wg_stmt_clear_bindings (write);
      for (int c = 0; c < n; c++)
        switch (wg_stmt_column_kind (read, c))
          {
          case WG_COLUMN_KIND_NULL:
            wg_stmt_bind_null (write, c + 1);
            break;
          case WG_COLUMN_KIND_INTEGER:
            wg_stmt_bind_int64 (write, c + 1, wg_stmt_column_int64 (read, c));
            break;
          case WG_COLUMN_KIND_REAL:
            wg_stmt_bind_double (write, c + 1, wg_stmt_column_double (read, c));
            break;
          case WG_COLUMN_KIND_BLOB:
            wg_stmt_bind_blob (write, c + 1, wg_stmt_column_blob (read, c), wg_stmt_column_bytes (read, c));
            break;
          case WG_COLUMN_KIND_TEXT:
          default:
            wg_stmt_bind_text (write, c + 1, wg_stmt_column_text (read, c));
            break;
          }
      if (!wg_store_step_done (to, write, error))
        {
          wg_stmt_reset (read);
          g_prefix_error (error, _("Copying %s: "), tables[t].table);
          return FALSE;
        }
      (*n_rows)++;
    }
  wg_stmt_reset (read);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (from, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * wg_store_copy:
 * @from: the county to copy
 * @to: an empty database (just made: no grid, no person)
 * @n_rows: (out) (optional): how many rows were copied
 * @cancellable: (nullable): a #GCancellable, looked at between tables
 * @error: return location for a #GError
 *
 * Copies every row of @from into @to, in one transaction, committed only
 * when both hold the same county (wg_store_dup_digest ()). @to keeps
 * nothing of its own: its settings and signing key are @from's.
 *
 * Returns: %TRUE when the county was copied and checked
 */
gboolean
wg_store_copy (WgStore       *from,
               WgStore       *to,
               guint64       *n_rows,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *digest_from = NULL;
  g_autofree char *digest_to = NULL;
  guint64 rows = 0;

  g_return_val_if_fail (WG_IS_STORE (from), FALSE);
  g_return_val_if_fail (WG_IS_STORE (to), FALSE);

  if (!wg_store_is_empty (to))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("“%s” already holds a county: copy into an empty database."), wg_store_get_path (to));
      return FALSE;
    }
  if (!(digest_from = wg_store_dup_digest (from, error)) || !wg_store_begin (to, error))
    return FALSE;
  if (!wg_store_defer_foreign_keys (to, error) ||
      !wg_store_exec (to, "DELETE FROM signing_key", error) ||
      !wg_store_exec (to, "DELETE FROM settings", error) ||
      !wg_store_exec (to, "DELETE FROM measure_preset", error) ||
      !wg_store_exec (to, "DELETE FROM checkpoint", error))
    goto failed;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !copy_table (from, to, t, &rows, error))
        goto failed;
    }
  if (!wg_store_restart_ids (to, error) || !(digest_to = wg_store_dup_digest (to, error)))
    goto failed;
  if (!g_str_equal (digest_from, digest_to))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                   _("The copy in “%s” does not hold the same county as “%s”: nothing was copied."),
                   wg_store_get_path (to), wg_store_get_path (from));
      goto failed;
    }
  if (!wg_store_commit (to, error))
    return FALSE;
  /* What the planner knows of the tables, at once rather than whenever the
   * server's autovacuum comes by: the first desks get their plans. */
  wg_store_update_statistics (to);
  if (n_rows != NULL)
    *n_rows = rows;
  return TRUE;

failed:
  wg_store_rollback (to);
  return FALSE;
}
