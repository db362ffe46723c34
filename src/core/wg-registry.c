/* wg-registry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding to the registry: grids, households, persons and records. Each change
 * is one transaction together with its line in the audit log, so a refused
 * value leaves neither the record nor a log line behind. The database's own
 * constraints are the last word on what is plausible.
 */

#define G_LOG_DOMAIN "wg-registry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-idnum.h"
#include "wg-registry.h"
#include "wg-store-private.h"

static gboolean
lookup_grid (WgStore     *store,
             const char  *code,
             gint64      *id,
             GError     **error)
{
  static const char sql[] = "SELECT id FROM grid WHERE code = ?";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                 _("There is no grid with the code “%s”."), code);
  else
    wg_store_set_error (store, rc, error);
  return FALSE;
}

gboolean
wg_store_add_grid (WgStore     *store,
                   const char  *parent_code,
                   const char  *code,
                   const char  *name,
                   gint64      *id,
                   GError     **error)
{
  static const char sql[] =
    "INSERT INTO grid (parent_id, level, code, name, position)"
    " VALUES (?1, coalesce ((SELECT level + 1 FROM grid WHERE id = ?1), 1), ?2, ?3,"
    "         (SELECT count(*) FROM grid WHERE parent_id IS ?1))";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 parent_id = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (code != NULL && name != NULL, FALSE);

  if (parent_code != NULL &&
      !lookup_grid (store, parent_code, &parent_id, error))
    return FALSE;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 1, parent_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);

  detail = g_strdup_printf ("%s %s", code, name);
  return wg_store_insert_and_log (store, stmt, "grid", detail, id, error);
}

gboolean
wg_store_add_household (WgStore     *store,
                        const char  *grid_code,
                        const char  *code,
                        const char  *address,
                        gint64      *id,
                        GError     **error)
{
  static const char sql[] = "INSERT INTO household (grid_id, code, address) VALUES (?, ?, ?)";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 grid_id = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (grid_code != NULL && code != NULL && address != NULL, FALSE);

  if (!lookup_grid (store, grid_code, &grid_id, error))
    return FALSE;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, grid_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, address, -1, SQLITE_TRANSIENT);

  detail = g_strdup_printf ("%s %s", code, address);
  return wg_store_insert_and_log (store, stmt, "household", detail, id, error);
}

/**
 * wg_store_add_person:
 * @store: a #WgStore
 * @fields: the person; sex and birth date come from the ID number
 * @id: (out) (optional): the new person's id
 * @error: return location for a #GError
 *
 * The ID number is checked (GB 11643) before anything is written.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_person (WgStore               *store,
                     const WgPersonFields  *fields,
                     gint64                *id,
                     GError               **error)
{
  static const char sql[] =
    "INSERT INTO person (household_id, id_number, name, sex, birth_date, phone, relation)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  g_autofree char *id_number = NULL;
  sqlite3_stmt *stmt;
  GDate birth;
  char birth_text[11];

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL && fields->id_number != NULL && fields->name != NULL, FALSE);

  id_number = wg_id_number_normalize (fields->id_number);
  if (!wg_id_number_validate (id_number, NULL, error))
    return FALSE;
  if (fields->phone != NULL && !wg_phone_validate (fields->phone, error))
    return FALSE;

  wg_id_number_get_birth_date (id_number, &birth);
  g_date_strftime (birth_text, sizeof birth_text, "%Y-%m-%d", &birth);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  if (fields->household_id > 0)
    sqlite3_bind_int64 (stmt, 1, fields->household_id);
  sqlite3_bind_text (stmt, 2, id_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, fields->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, wg_id_number_get_sex (id_number));
  sqlite3_bind_text (stmt, 5, birth_text, -1, SQLITE_TRANSIENT);
  if (fields->phone != NULL)
    sqlite3_bind_text (stmt, 6, fields->phone, -1, SQLITE_TRANSIENT);
  if (fields->relation != NULL)
    sqlite3_bind_text (stmt, 7, fields->relation, -1, SQLITE_TRANSIENT);

  return wg_store_insert_and_log (store, stmt, "person", fields->name, id, error);
}

/**
 * wg_store_delete_person:
 * @store: a #WgStore
 * @person_id: the person
 * @error: return location for a #GError
 *
 * Removes a person and their whole file, and logs it with their name and ID
 * number. The application asks first or offers Undo before calling this.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_delete_person (WgStore  *store,
                        gint64    person_id,
                        GError  **error)
{
  static const char who_sql[] = "SELECT name || ' ' || id_number FROM person WHERE id = ?";
  static const char delete_sql[] = "DELETE FROM person WHERE id = ?";
  g_autofree char *who = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_begin (store, error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, who_sql, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    who = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (who == NULL)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                           _("This person is no longer in the database."));
      goto failed;
    }

  if (!(stmt = wg_store_prepare (store, delete_sql, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!wg_store_step_done (store, stmt, error) ||
      !wg_store_log (store, "delete", "person", person_id, who, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
}

gboolean
wg_store_add_temperature (WgStore     *store,
                          gint64       person_id,
                          const char  *measured_at,
                          int          tenths,
                          GError     **error)
{
  static const char sql[] =
    "INSERT INTO temperature (person_id, measured_at, tenths) VALUES (?, ?, ?)";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (measured_at != NULL, FALSE);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, measured_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, tenths);

  detail = g_strdup_printf ("%s %d.%d", measured_at, tenths / 10, ABS (tenths % 10));
  return wg_store_insert_and_log (store, stmt, "temperature", detail, NULL, error);
}

gboolean
wg_store_add_quarantine (WgStore     *store,
                         gint64       person_id,
                         int          kind,
                         const char  *start_day,
                         const char  *end_day,
                         GError     **error)
{
  static const char sql[] =
    "INSERT INTO quarantine (person_id, kind, start_day, end_day) VALUES (?, ?, ?, ?)";
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (start_day != NULL && end_day != NULL, FALSE);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int (stmt, 2, kind);
  sqlite3_bind_text (stmt, 3, start_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, end_day, -1, SQLITE_TRANSIENT);

  detail = g_strdup_printf ("%s – %s", start_day, end_day);
  return wg_store_insert_and_log (store, stmt, "quarantine", detail, NULL, error);
}

/**
 * wg_store_count_rows:
 * @store: a #WgStore
 * @table: one of the store's tables
 *
 * Returns: the number of rows in @table, or -1 for a table it does not know
 */
gint64
wg_store_count_rows (WgStore    *store,
                     const char *table)
{
  /* Table names cannot be bound: only these fixed statements are run. */
  static const char *const tables[][2] = {
    { "grid", "SELECT count(*) FROM grid" },
    { "household", "SELECT count(*) FROM household" },
    { "person", "SELECT count(*) FROM person" },
    { "temperature", "SELECT count(*) FROM temperature" },
    { "quarantine", "SELECT count(*) FROM quarantine" },
    { "audit_log", "SELECT count(*) FROM audit_log" },
    { "staff", "SELECT count(*) FROM staff" },
    { "sensor", "SELECT count(*) FROM sensor" },
    { "attachment", "SELECT count(*) FROM attachment" },
    { "sensor_event", "SELECT count(*) FROM sensor_event" },
    { "alert", "SELECT count(*) FROM alert" },
    { "visit_window", "SELECT count(*) FROM visit_window" },
    { "nat_test", "SELECT count(*) FROM nat_test" },
    { "vaccination", "SELECT count(*) FROM vaccination" },
    { "health_code", "SELECT count(*) FROM health_code" },
    { "itinerary", "SELECT count(*) FROM itinerary" },
  };
  gint64 n = -1;

  g_return_val_if_fail (WG_IS_STORE (store), -1);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (g_strcmp0 (tables[i][0], table) == 0)
        {
          sqlite3_stmt *stmt = wg_store_prepare (store, tables[i][1], NULL);

          if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
            n = sqlite3_column_int64 (stmt, 0);
          if (stmt != NULL)
            sqlite3_reset (stmt);
          break;
        }
    }
  return n;
}

void
wg_audit_entry_free (WgAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->operator_name);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->detail);
  g_free (entry);
}

/**
 * wg_store_list_audit:
 * @store: a #WgStore
 * @entity: (nullable): only changes to this kind of record ("person", …)
 * @entity_id: with @entity, only changes to this record; 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgAuditEntry): the audit log,
 *   newest first
 */
GPtrArray *
wg_store_list_audit (WgStore     *store,
                     const char  *entity,
                     gint64       entity_id,
                     GError     **error)
{
  static const char sql[] =
    "SELECT id, at, operator, action, entity, entity_id, detail FROM audit_log"
    " WHERE (?1 IS NULL OR entity = ?1) AND (?2 = 0 OR entity_id = ?2)"
    " ORDER BY id DESC";
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  if (entity != NULL)
    sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WgAuditEntry *entry = g_new0 (WgAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->operator_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->entity_id = sqlite3_column_int64 (stmt, 5);
      entry->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

void
wg_staff_entry_free (WgStaffEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->phone);
  g_free (entry);
}

/**
 * wg_staff_role_describe:
 * @role: a #WgStaffRole
 *
 * Returns: the role's name, translated
 */
const char *
wg_staff_role_describe (int role)
{
  switch (role)
    {
    case WG_STAFF_ROLE_GRID_LEADER:
      return _("Grid leader");
    case WG_STAFF_ROLE_GRID_WORKER:
      return _("Grid worker");
    case WG_STAFF_ROLE_EPIDEMIC_COMMISSIONER:
      return _("Epidemic commissioner");
    case WG_STAFF_ROLE_CENTRAL_HOUSEHOLD:
      return _("Party-member central household");
    case WG_STAFF_ROLE_ASSIGNED_CADRE:
      return _("Assigned cadre");
    default:
      return "";
    }
}

/* Staff rows (role, name, phone, id) of @sql, which takes one id. */
static GPtrArray *
list_staff (WgStore     *store,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(GPtrArray) staff = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_staff_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WgStaffEntry *entry = g_new0 (WgStaffEntry, 1);

      entry->role = sqlite3_column_int (stmt, 0);
      entry->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->id = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (staff, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&staff);
}

/**
 * wg_store_list_grid_staff:
 * @store: a #WgStore
 * @grid_id: a grid
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgStaffEntry): the staff assigned to
 *   the grid itself, by role
 */
GPtrArray *
wg_store_list_grid_staff (WgStore     *store,
                          gint64       grid_id,
                          GError     **error)
{
  static const char sql[] =
    "SELECT gs.role, s.name, s.phone, s.id FROM grid_staff gs JOIN staff s ON s.id = gs.staff_id"
    " WHERE gs.grid_id = ? ORDER BY gs.role, s.id";

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return list_staff (store, sql, grid_id, error);
}

/**
 * wg_temperature_parse:
 * @text: a reading as typed: "36.5", "36,5" or "365" (tenths, as grid
 *   workers read them out on the phone)
 * @tenths: (out): the reading in tenths of a degree
 * @error: return location for a #GError in %WG_VALIDATE_ERROR
 *
 * Returns: %TRUE for a plausible body temperature, 34.0 to 43.0 °C
 */
gboolean
wg_temperature_parse (const char  *text,
                      int         *tenths,
                      GError     **error)
{
  g_autofree char *s = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL && tenths != NULL, FALSE);

  s = g_strstrip (g_strdup (text));
  g_strdelimit (s, ",", '.');
  if (*s == '\0')
    {
      g_set_error_literal (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_EMPTY,
                           _("Type the temperature, like 36.5."));
      return FALSE;
    }

  value = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0')
    {
      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_CHARACTERS,
                   _("“%s” is not a temperature. Type it like 36.5."), text);
      return FALSE;
    }
  /* "365" read out as three digits means 36.5. */
  if (strchr (s, '.') == NULL && value >= 340 && value <= 430)
    value /= 10.0;

  if (value < 34.0 || value > 43.0)
    {
      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_RANGE,
                   _("%.1f °C is not a plausible body temperature (34.0 to 43.0). Measure again."),
                   value);
      return FALSE;
    }
  *tenths = (int) (value * 10.0 + 0.5);
  return TRUE;
}

void
wg_round_entry_free (WgRoundEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->address);
  g_free (entry->why);
  g_free (entry);
}

/* A round is a half day: the morning before noon, the afternoon after. A
 * reading keyed in goes in at the round's nominal time, unless the round
 * already has one, which it then corrects. */
static const char *const round_times[] = { "08:00:00", "15:00:00" };

/**
 * wg_store_list_round:
 * @store: a #WgStore
 * @grid_code: a village, group or micro-grid (any grid works)
 * @today: (nullable): the day, YYYY-MM-DD; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgRoundEntry): everyone under watch
 *   below the grid — in quarantine today or under health monitoring — in
 *   household order, with today's morning and afternoon readings
 */
GPtrArray *
wg_store_list_round (WgStore     *store,
                     const char  *grid_code,
                     const char  *today,
                     GError     **error)
{
  static const char sql[] =
    "SELECT p.id, p.name, h.address,"
    "  (SELECT max (q.kind) FROM quarantine q WHERE q.person_id = p.id"
    "    AND q.start_day <= ?2 AND q.end_day >= ?2),"
    "  p.monitoring,"
    "  (SELECT tenths FROM temperature t WHERE t.person_id = p.id"
    "    AND t.measured_at >= ?2 AND t.measured_at < ?2 || ' 12:00:00' ORDER BY t.measured_at DESC LIMIT 1),"
    "  (SELECT tenths FROM temperature t WHERE t.person_id = p.id"
    "    AND t.measured_at >= ?2 || ' 12:00:00' AND t.measured_at < date (?2, '+1 day')"
    "    ORDER BY t.measured_at DESC LIMIT 1),"
    "  EXISTS (SELECT 1 FROM round_absence a WHERE a.person_id = p.id AND a.day = ?2 AND a.round = 0),"
    "  EXISTS (SELECT 1 FROM round_absence a WHERE a.person_id = p.id AND a.day = ?2 AND a.round = 1)"
    " FROM grid m JOIN household h ON h.grid_id = m.id JOIN person p ON p.household_id = h.id"
    " WHERE m.level = 5 AND m.code >= ?1 AND m.code < ?1 || ':'"
    "   AND (p.monitoring = 1 OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id"
    "                                    AND q.start_day <= ?2 AND q.end_day >= ?2))"
    " ORDER BY m.code, h.id, p.id";
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_round_entry_free);
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, grid_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WgRoundEntry *entry = g_new0 (WgRoundEntry, 1);
      int quarantine = sqlite3_column_int (stmt, 3);

      entry->person_id = sqlite3_column_int64 (stmt, 0);
      entry->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->address = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->why = g_strdup (quarantine == WG_QUARANTINE_CENTRAL ? _("Central quarantine")
                             : quarantine == WG_QUARANTINE_HOME ? _("Home quarantine")
                             : _("Health monitoring"));
      entry->morning_tenths = sqlite3_column_int (stmt, 5);
      entry->afternoon_tenths = sqlite3_column_int (stmt, 6);
      entry->morning_away = sqlite3_column_int (stmt, 7);
      entry->afternoon_away = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * wg_store_set_round_away:
 * @store: a #WgStore
 * @person_id: the person not measured
 * @today: (nullable): the day, YYYY-MM-DD; %NULL for today
 * @round: morning or afternoon
 * @error: return location for a #GError
 *
 * Marks a person "not measured: away from home" on a round, so that the
 * round's gaps are the people nobody asked after. Refused when the round
 * already has their reading. Logged.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_set_round_away (WgStore     *store,
                         gint64       person_id,
                         const char  *today,
                         WgRound      round,
                         GError     **error)
{
  static const char measured_sql[] =
    "SELECT tenths FROM temperature WHERE person_id = ?1"
    " AND measured_at >= ?2 || CASE ?3 WHEN 0 THEN '' ELSE ' 12:00:00' END"
    " AND measured_at < CASE ?3 WHEN 0 THEN ?2 || ' 12:00:00' ELSE date (?2, '+1 day') END";
  static const char insert_sql[] =
    "INSERT OR IGNORE INTO round_absence (person_id, day, round, recorded_at)"
    " VALUES (?, ?, ?, datetime ('now', 'localtime'))";
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  int measured = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (round == WG_ROUND_MORNING || round == WG_ROUND_AFTERNOON, FALSE);

  if (!wg_store_begin (store, error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, measured_sql, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, round);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    measured = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (measured > 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Already measured this round (%d.%d °C)."), measured / 10, measured % 10);
      goto failed;
    }
  if (!(stmt = wg_store_prepare (store, insert_sql, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, round);
  detail = g_strdup_printf ("%s %s away", day, round == WG_ROUND_MORNING ? "morning" : "afternoon");
  if (!wg_store_step_done (store, stmt, error) ||
      !wg_store_log (store, "away", "person", person_id, detail, error) ||
      !wg_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_set_round_temperature:
 * @store: a #WgStore
 * @person_id: the person measured
 * @today: (nullable): the day, YYYY-MM-DD; %NULL for today
 * @round: morning or afternoon
 * @tenths: the reading
 * @error: return location for a #GError
 *
 * Saves a round's reading; keying it again corrects it. Logged.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_set_round_temperature (WgStore     *store,
                                gint64       person_id,
                                const char  *today,
                                WgRound      round,
                                int          tenths,
                                GError     **error)
{
  static const char update_sql[] =
    "UPDATE temperature SET tenths = ?3 WHERE id = ("
    "  SELECT id FROM temperature WHERE person_id = ?1"
    "   AND measured_at >= ?2 || CASE ?4 WHEN 0 THEN '' ELSE ' 12:00:00' END"
    "   AND measured_at < CASE ?4 WHEN 0 THEN ?2 || ' 12:00:00' ELSE date (?2, '+1 day') END"
    "  ORDER BY measured_at DESC LIMIT 1)";
  static const char insert_sql[] =
    "INSERT INTO temperature (person_id, measured_at, tenths) VALUES (?1, ?2 || ' ' || ?4, ?3)";
  static const char present_sql[] = "DELETE FROM round_absence WHERE person_id = ? AND day = ? AND round = ?";
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  g_autofree char *at = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (round == WG_ROUND_MORNING || round == WG_ROUND_AFTERNOON, FALSE);

  at = g_strdup_printf ("%s %s", day, round_times[round]);
  if (!wg_store_begin (store, error))
    return FALSE;
  /* Measured after all: no longer "away". */
  if (!(stmt = wg_store_prepare (store, present_sql, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, round);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (!(stmt = wg_store_prepare (store, update_sql, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, tenths);
  sqlite3_bind_int (stmt, 4, round);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (sqlite3_changes (wg_store_get_db (store)) == 0)
    {
      if (!(stmt = wg_store_prepare (store, insert_sql, error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, person_id);
      sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, tenths);
      sqlite3_bind_text (stmt, 4, round_times[round], -1, SQLITE_STATIC);
      if (!wg_store_step_done (store, stmt, error))
        goto failed;
    }
  detail = g_strdup_printf ("%s %d.%d", at, tenths / 10, tenths % 10);
  if (!wg_store_log (store, "temperature", "person", person_id, detail, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_list_household_staff:
 * @store: a #WgStore
 * @household_id: a household
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgStaffEntry): who is responsible
 *   for the household: the staff of its micro-grid, group and village, the
 *   nearest first
 */
GPtrArray *
wg_store_list_household_staff (WgStore     *store,
                               gint64       household_id,
                               GError     **error)
{
  static const char sql[] =
    "SELECT gs.role, s.name, s.phone, s.id FROM household h JOIN grid m ON m.id = h.grid_id"
    " JOIN grid g ON m.code >= g.code AND substr (m.code, 1, length (g.code)) = g.code"
    " JOIN grid_staff gs ON gs.grid_id = g.id JOIN staff s ON s.id = gs.staff_id"
    " WHERE h.id = ? AND g.level >= 3 ORDER BY g.level DESC, gs.role, s.id";

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return list_staff (store, sql, household_id, error);
}

/**
 * wg_store_dup_household_sensor:
 * @store: a #WgStore
 * @household_id: a household
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the bound door sensor, described in a
 *   line (device, battery, online state, last seen), or %NULL when there is
 *   none (@error is then not set)
 */
char *
wg_store_dup_household_sensor (WgStore     *store,
                               gint64       household_id,
                               GError     **error)
{
  static const char sql[] =
    "SELECT device, battery, online, last_seen FROM sensor WHERE household_id = ?";
  GString *line = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      line = g_string_new ((const char *) sqlite3_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_string_append_printf (line, _(" · battery %d%%"), sqlite3_column_int (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        g_string_append_printf (line, " · %s", sqlite3_column_int (stmt, 2) ? _("online") : _("offline"));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        g_string_append_printf (line, _(" · last seen %s"), sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return line != NULL ? g_string_free (line, FALSE) : NULL;
}
