/* wg-store-returnees.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The returnee queue: new → reviewed (household and micro-grid confirmed,
 * the grid worker told) → a measure decided, from one of the county's
 * presets, which makes at once the quarantine or monitoring periods, the
 * nucleic-acid test schedule and, for a home quarantine, binds a free door
 * sensor to the home. A recorded test fulfils the schedule's earliest open
 * test due on or before its day (wg-store-records.c); one not done by its
 * day is overdue from the day after.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wg-store-returnees.h"
#include "wg-store-private.h"

static const char *const state_names[WG_RETURNEE_N_STATES] = { "new", "reviewed", "decided" };

const char *
wg_returnee_state_to_string (WgReturneeState state)
{
  g_return_val_if_fail (state < WG_RETURNEE_N_STATES, NULL);

  return state_names[state];
}

gboolean
wg_returnee_state_from_string (const char      *text,
                               WgReturneeState *state)
{
  for (guint i = 0; i < WG_RETURNEE_N_STATES; i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wg_measure_describe (WgMeasure measure)
{
  switch (measure)
    {
    case WG_MEASURE_MONITORING:
      return _("Health monitoring");
    case WG_MEASURE_HOME:
      return _("Home quarantine");
    case WG_MEASURE_CENTRAL:
      return _("Central quarantine");
    case WG_MEASURE_NONE:
    default:
      return _("No measure");
    }
}

void
wg_measure_preset_free (WgMeasurePreset *preset)
{
  if (preset == NULL)
    return;
  g_free (preset->name);
  g_clear_pointer (&preset->test_days, g_array_unref);
  g_free (preset);
}

void
wg_returnee_info_free (WgReturneeInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->id_number);
  g_free (info->arrived_on);
  g_free (info->from_place);
  g_free (info->grid_code);
  g_free (info->preset);
  g_free (info);
}

void
wg_decision_clear (WgDecision *decision)
{
  g_clear_pointer (&decision->sensor, g_free);
  g_clear_pointer (&decision->end_day, g_free);
}

void
wg_test_due_free (WgTestDue *due)
{
  if (due == NULL)
    return;
  g_free (due->name);
  g_free (due->id_number);
  g_free (due->grid_code);
  g_free (due->day);
  g_free (due);
}

static WgMeasurePreset *
read_preset (WgStmt *stmt)
{
  WgMeasurePreset *preset = g_new0 (WgMeasurePreset, 1);
  g_auto(GStrv) days = g_strsplit (wg_stmt_column_text (stmt, 6), ",", -1);

  preset->id = wg_stmt_column_int64 (stmt, 0);
  preset->name = g_strdup (wg_stmt_column_text (stmt, 1));
  preset->measure = wg_stmt_column_int (stmt, 2);
  preset->central_days = wg_stmt_column_int (stmt, 3);
  preset->home_days = wg_stmt_column_int (stmt, 4);
  preset->monitoring_days = wg_stmt_column_int (stmt, 5);
  preset->test_days = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; days[i] != NULL; i++)
    {
      guint64 day;

      if (g_ascii_string_to_unsigned (days[i], 10, 1, 60, &day, NULL))
        {
          guint d = (guint) day;

          g_array_append_val (preset->test_days, d);
        }
    }
  return preset;
}

#define PRESET_COLUMNS "id, name, measure, central_days, home_days, monitoring_days, test_days"

/**
 * wg_store_list_presets:
 * @store: a #WgStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgMeasurePreset): the county's
 *   measure presets, in the order they were made
 */
GPtrArray *
wg_store_list_presets (WgStore  *store,
                       GError  **error)
{
  static const char sql[] = "SELECT " PRESET_COLUMNS " FROM measure_preset ORDER BY id";
  g_autoptr(GPtrArray) presets = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_measure_preset_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    g_ptr_array_add (presets, read_preset (stmt));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&presets);
}

static WgMeasurePreset *
find_preset (WgStore     *store,
             const char  *name,
             GError     **error)
{
  static const char sql[] = "SELECT " PRESET_COLUMNS " FROM measure_preset WHERE name = ?";
  WgMeasurePreset *preset = NULL;
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, name);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    preset = read_preset (stmt);
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                 _("There is no measure preset “%s”. The presets are listed by “wangge-cli returnees presets”."), name);
  else if (rc != WG_STMT_ROW)
    wg_store_set_error (store, rc, error);
  return preset;
}

/* ?1: a text, or NULL (a grid's code, or none for the county). */
static void
bind_nullable (WgStmt     *stmt,
               const char *text)
{
  if (text != NULL)
    wg_stmt_bind_text (stmt, 1, text);
  else
    wg_stmt_bind_null (stmt, 1);
}

/* The returnee's micro-grid, else its household's; ?1: a grid's code whose
 * subtree to keep, or NULL for the county. */
#define RETURNEE_FROM \
  " FROM returnee r JOIN person p ON p.id = r.person_id" \
  " LEFT JOIN household h ON h.id = p.household_id" \
  " LEFT JOIN grid g ON g.id = coalesce (r.grid_id, h.grid_id)" \
  " LEFT JOIN measure_preset m ON m.id = r.preset_id" \
  " WHERE (?1 IS NULL OR substr (g.code, 1, length (?1)) = ?1)"

/**
 * wg_store_list_returnees:
 * @store: a #WgStore
 * @grid_code: (nullable): a grid whose returnees (of its whole subtree) to
 *   list; %NULL for the county
 * @state: a #WgReturneeState, or -1 for every state
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgReturneeInfo): the queue, new ones
 *   first, then by arrival
 */
GPtrArray *
wg_store_list_returnees (WgStore     *store,
                         const char  *grid_code,
                         int          state,
                         GError     **error)
{
  static const char sql[] =
    "SELECT r.id, r.person_id, p.name, p.id_number, r.arrived_on, r.from_place, r.risk, g.code, r.state,"
    " r.measure, m.name"
    RETURNEE_FROM
    " AND (?2 < 0 OR r.state = ?2)"
    " ORDER BY r.state, r.arrived_on, r.id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_returnee_info_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  bind_nullable (stmt, grid_code);
  wg_stmt_bind_int (stmt, 2, state);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgReturneeInfo *info = g_new0 (WgReturneeInfo, 1);

      info->id = wg_stmt_column_int64 (stmt, 0);
      info->person_id = wg_stmt_column_int64 (stmt, 1);
      info->name = g_strdup (wg_stmt_column_text (stmt, 2));
      info->id_number = g_strdup (wg_stmt_column_text (stmt, 3));
      info->arrived_on = g_strdup (wg_stmt_column_text (stmt, 4));
      info->from_place = g_strdup (wg_stmt_column_text (stmt, 5));
      info->risk = wg_stmt_column_int (stmt, 6);
      info->grid_code = g_strdup (wg_stmt_column_text (stmt, 7));
      info->state = CLAMP (wg_stmt_column_int (stmt, 8), 0, WG_RETURNEE_N_STATES - 1);
      info->measure = wg_stmt_column_is_null (stmt, 9) ? -1 : wg_stmt_column_int (stmt, 9);
      info->preset = g_strdup (wg_stmt_column_text (stmt, 10));
      g_ptr_array_add (list, info);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * wg_store_count_returnees:
 * @store: a #WgStore
 * @grid_code: (nullable): a grid's subtree, or %NULL for the county
 * @counts: (out caller-allocates): the returnees in each state
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_count_returnees (WgStore      *store,
                          const char   *grid_code,
                          guint         counts[WG_RETURNEE_N_STATES],
                          GError      **error)
{
  static const char sql[] = "SELECT r.state, count (*)" RETURNEE_FROM " GROUP BY r.state";
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  memset (counts, 0, sizeof (guint) * WG_RETURNEE_N_STATES);
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  bind_nullable (stmt, grid_code);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      int state = wg_stmt_column_int (stmt, 0);

      if (state >= 0 && state < WG_RETURNEE_N_STATES)
        counts[state] = wg_stmt_column_int (stmt, 1);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The returnee's state, person, arrival and household; FALSE with an error
 * when it is not there. */
static gboolean
read_returnee (WgStore  *store,
               gint64    id,
               int      *state,
               gint64   *person_id,
               char    **arrived_on,
               gint64   *household_id,
               GError  **error)
{
  static const char sql[] =
    "SELECT r.state, r.person_id, r.arrived_on, coalesce (p.household_id, 0)"
    " FROM returnee r JOIN person p ON p.id = r.person_id WHERE r.id = ?";
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      *state = wg_stmt_column_int (stmt, 0);
      *person_id = wg_stmt_column_int64 (stmt, 1);
      *arrived_on = g_strdup (wg_stmt_column_text (stmt, 2));
      *household_id = wg_stmt_column_int64 (stmt, 3);
    }
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no returnee %s."), id_text);
    }
  else if (rc != WG_STMT_ROW)
    wg_store_set_error (store, rc, error);
  return rc == WG_STMT_ROW;
}

/**
 * wg_store_review_returnee:
 * @store: a #WgStore
 * @returnee_id: a new returnee
 * @error: return location for a #GError
 *
 * Marks a new returnee reviewed: its household and micro-grid confirmed
 * (it must have a household), the grid worker told.
 *
 * Returns: %TRUE on success; INVALID for one not new or without a home
 */
gboolean
wg_store_review_returnee (WgStore     *store,
                          gint64       returnee_id,
                          GError     **error)
{
  static const char sql[] =
    "UPDATE returnee SET state = 1, reviewed_at = datetime ('now', 'localtime') WHERE id = ? AND state = 0";
  g_autofree char *arrived_on = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, returnee_id);
  gint64 person_id = 0, household_id = 0;
  int state = 0;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!read_returnee (store, returnee_id, &state, &person_id, &arrived_on, &household_id, error))
    return FALSE;
  if (state != WG_RETURNEE_STATE_NEW)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Returnee %s was reviewed already."), id_text);
      return FALSE;
    }
  if (household_id == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Returnee %s has no household yet: add them to their home first."), id_text);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, returnee_id);
  return wg_store_change_and_log (store, stmt, "review", "returnee", returnee_id, "reviewed",
                                  _("The returnee changed meanwhile: list the queue again."), error);
}

static gboolean
add_period (WgStore     *store,
            gint64       person_id,
            gint64       returnee_id,
            WgMeasure    measure,
            gint64       site_id,
            const char  *start,
            guint        days,
            char       **end,
            GError     **error)
{
  static const char quarantine_sql[] =
    "INSERT INTO quarantine (person_id, kind, site_id, start_day, end_day) VALUES (?, ?, ?, ?, ?)";
  static const char monitoring_sql[] =
    "INSERT INTO monitoring (person_id, returnee_id, start_day, end_day) VALUES (?1, ?2, ?4, ?5)";
  WgStmt *stmt;

  g_free (*end);
  *end = wg_store_day_after (start, days - 1);
  if (!(stmt = wg_store_prepare (store, measure == WG_MEASURE_MONITORING ? monitoring_sql : quarantine_sql,
                                 error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  if (measure == WG_MEASURE_MONITORING)
    wg_stmt_bind_int64 (stmt, 2, returnee_id);
  else
    {
      wg_stmt_bind_int (stmt, 2, measure == WG_MEASURE_CENTRAL ? 2 : 1);
      if (measure == WG_MEASURE_CENTRAL)
        wg_stmt_bind_int64 (stmt, 3, site_id);
    }
  wg_stmt_bind_text (stmt, 4, start);
  wg_stmt_bind_text (stmt, 5, *end);
  return wg_store_step_done (store, stmt, error);
}

/* The central site: the one named, else the one with the most rooms; 0
 * with NOT_FOUND when there is none. */
static gint64
find_site (WgStore     *store,
           const char  *name,
           GError     **error)
{
  static const char sql[] =
    "SELECT id FROM quarantine_site WHERE ?1 IS NULL OR name = ?1 ORDER BY rooms DESC, id LIMIT 1";
  WgStmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return 0;
  bind_nullable (stmt, name);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    id = wg_stmt_column_int64 (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                         name != NULL ? _("There is no central quarantine site of that name.")
                         : _("The county has no central quarantine site: add one before deciding a central quarantine."));
  else if (rc != WG_STMT_ROW)
    wg_store_set_error (store, rc, error);
  return id;
}

/* A home quarantine watched by a door sensor: the home's, else a free one. */
static gboolean
bind_free_sensor (WgStore     *store,
                  gint64       household_id,
                  char       **device,
                  GError     **error)
{
  static const char has_sql[] = "SELECT device FROM sensor WHERE household_id = ? ORDER BY id LIMIT 1";
  static const char free_sql[] = "SELECT id, device FROM sensor WHERE household_id IS NULL AND room_id IS NULL ORDER BY id LIMIT 1";
  static const char bind_sql[] = "UPDATE sensor SET household_id = ?2 WHERE id = ?1 AND household_id IS NULL AND room_id IS NULL";
  WgStmt *stmt;
  gint64 sensor_id = 0;
  int rc;

  if (!(stmt = wg_store_prepare (store, has_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  rc = wg_stmt_step (stmt);
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_ROW)
    return TRUE;
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, free_sql, error)))
    return FALSE;
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      sensor_id = wg_stmt_column_int64 (stmt, 0);
      *device = g_strdup (wg_stmt_column_text (stmt, 1));
    }
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    return TRUE; /* none free: the decision stands, the sensors window shows the home unwatched */
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, bind_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, sensor_id);
  wg_stmt_bind_int64 (stmt, 2, household_id);
  return wg_store_step_done (store, stmt, error);
}

/**
 * wg_store_decide_returnee:
 * @store: a #WgStore
 * @returnee_id: a reviewed returnee
 * @preset: the name of one of the county's measure presets
 * @from_day: (nullable): the measure's first day (day 1); %NULL for the
 *   day of arrival
 * @site: (nullable): for a central quarantine, the site; %NULL for the one
 *   with the most rooms
 * @decision: (out caller-allocates) (optional): what was made
 * @error: return location for a #GError
 *
 * Decides the returnee's measure, in one transaction: its quarantine
 * periods (central, then at home) or monitoring period, its test schedule
 * (the preset's days, counted from @from_day), a free door sensor bound to
 * a home in quarantine that has none, and the returnee marked decided.
 *
 * Returns: %TRUE on success; INVALID for one not reviewed (or decided
 *   already), NOT_FOUND for an unknown preset or site
 */
gboolean
wg_store_decide_returnee (WgStore     *store,
                          gint64       returnee_id,
                          const char  *preset_name,
                          const char  *from_day,
                          const char  *site,
                          WgDecision  *decision,
                          GError     **error)
{
  static const char schedule_sql[] =
    "INSERT INTO test_schedule (person_id, returnee_id, day, seq) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (person_id, day) DO NOTHING";
  static const char decide_sql[] =
    "UPDATE returnee SET state = 2, measure = ?2, preset_id = ?3, decided_at = datetime ('now', 'localtime')"
    " WHERE id = ?1 AND state = 1";
  g_autoptr(WgMeasurePreset) preset = NULL;
  g_autofree char *arrived_on = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *end = NULL;
  g_autofree char *device = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, returnee_id);
  const char *start;
  gint64 person_id = 0, household_id = 0, site_id = 0;
  guint n_periods = 0, n_tests = 0;
  int state = 0;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (preset_name != NULL, FALSE);

  if (from_day != NULL && !wg_store_check_day (from_day, _("First day"), error))
    return FALSE;
  if (!read_returnee (store, returnee_id, &state, &person_id, &arrived_on, &household_id, error) ||
      !(preset = find_preset (store, preset_name, error)))
    return FALSE;
  if (state != WG_RETURNEE_STATE_REVIEWED)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   state == WG_RETURNEE_STATE_NEW
                   ? _("Returnee %s is not reviewed yet: confirm their home and micro-grid first.")
                   : _("Returnee %s has a measure already."),
                   id_text);
      return FALSE;
    }
  if (preset->measure == WG_MEASURE_CENTRAL && (site_id = find_site (store, site, error)) == 0)
    return FALSE;
  start = from_day != NULL ? from_day : arrived_on;

  if (!wg_store_begin (store, error))
    return FALSE;
  switch (preset->measure)
    {
    case WG_MEASURE_CENTRAL:
      {
        g_autofree char *home_start = wg_store_day_after (start, preset->central_days);

        if (!add_period (store, person_id, returnee_id, WG_MEASURE_CENTRAL, site_id, start, preset->central_days,
                         &end, error))
          goto failed;
        n_periods++;
        if (preset->home_days > 0)
          {
            if (!add_period (store, person_id, returnee_id, WG_MEASURE_HOME, 0, home_start, preset->home_days,
                             &end, error) ||
                !bind_free_sensor (store, household_id, &device, error))
              goto failed;
            n_periods++;
          }
      }
      break;
    case WG_MEASURE_HOME:
      if (!add_period (store, person_id, returnee_id, WG_MEASURE_HOME, 0, start, preset->home_days, &end, error) ||
          !bind_free_sensor (store, household_id, &device, error))
        goto failed;
      n_periods++;
      break;
    case WG_MEASURE_MONITORING:
      if (!add_period (store, person_id, returnee_id, WG_MEASURE_MONITORING, 0, start, preset->monitoring_days,
                       &end, error))
        goto failed;
      n_periods++;
      break;
    case WG_MEASURE_NONE:
    default:
      break;
    }
  for (guint i = 0; i < preset->test_days->len; i++)
    {
      g_autofree char *day = wg_store_day_after (start, g_array_index (preset->test_days, guint, i) - 1);

      if (!(stmt = wg_store_prepare (store, schedule_sql, error)))
        goto failed;
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_int64 (stmt, 2, returnee_id);
      wg_stmt_bind_text (stmt, 3, day);
      wg_stmt_bind_int (stmt, 4, (int) i + 1);
      if (!wg_store_step_done (store, stmt, error))
        goto failed;
      n_tests += wg_store_changes (store) > 0;
    }
  if (!(stmt = wg_store_prepare (store, decide_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, returnee_id);
  wg_stmt_bind_int (stmt, 2, preset->measure);
  wg_stmt_bind_int64 (stmt, 3, preset->id);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (wg_store_changes (store) == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED,
                   _("Returnee %s was decided at another desk meanwhile."), id_text);
      goto failed;
    }
  detail = g_strdup_printf ("%s, %s", preset->name, start);
  if (!wg_store_log (store, "decide", "returnee", returnee_id, detail, error) || !wg_store_commit (store, error))
    goto failed;

  if (decision != NULL)
    {
      decision->n_periods = n_periods;
      decision->n_tests = n_tests;
      decision->sensor = g_steal_pointer (&device);
      decision->end_day = g_steal_pointer (&end);
    }
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_list_tests_due:
 * @store: a #WgStore
 * @grid_code: (nullable): a grid's subtree, or %NULL for the county
 * @day: (nullable): the day; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgTestDue): the scheduled tests not
 *   done and due on @day or before it (overdue), the oldest first
 */
GPtrArray *
wg_store_list_tests_due (WgStore     *store,
                         const char  *grid_code,
                         const char  *day,
                         GError     **error)
{
  static const char sql[] =
    "SELECT p.id, p.name, p.id_number, g.code, s.day, s.seq"
    " FROM test_schedule s JOIN person p ON p.id = s.person_id"
    " LEFT JOIN household h ON h.id = p.household_id LEFT JOIN grid g ON g.id = h.grid_id"
    " WHERE s.test_id IS NULL AND s.day <= ?2 AND (?1 IS NULL OR substr (g.code, 1, length (?1)) = ?1)"
    " ORDER BY s.day, p.id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_test_due_free);
  g_autofree char *today = day != NULL ? g_strdup (day) : wg_today ();
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  bind_nullable (stmt, grid_code);
  wg_stmt_bind_text (stmt, 2, today);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgTestDue *due = g_new0 (WgTestDue, 1);

      due->person_id = wg_stmt_column_int64 (stmt, 0);
      due->name = g_strdup (wg_stmt_column_text (stmt, 1));
      due->id_number = g_strdup (wg_stmt_column_text (stmt, 2));
      due->grid_code = g_strdup (wg_stmt_column_text (stmt, 3));
      due->day = g_strdup (wg_stmt_column_text (stmt, 4));
      due->seq = wg_stmt_column_int (stmt, 5);
      due->overdue = strcmp (due->day, today) < 0;
      g_ptr_array_add (list, due);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * wg_store_change_quarantine_end:
 * @store: a #WgStore
 * @person_id: whose quarantine
 * @day: a day of the period to change (its latest one covering the day)
 * @end_day: the period's new last day
 * @direction: 1 to extend only, -1 to release early only, 0 either
 * @reason: why (kept in the audit log, shown on the board)
 * @error: return location for a #GError
 *
 * Extends a quarantine (a later last day) or releases the person early (an
 * earlier one); an early release drops the scheduled tests after the new
 * last day that were not done. Audited as "extend" or "release" with the
 * reason; the quarantine board lists it on the day it was made.
 *
 * Returns: %TRUE on success; NOT_FOUND without a period on @day, INVALID
 *   for a last day before the first or the same as now, or no reason
 */
gboolean
wg_store_change_quarantine_end (WgStore     *store,
                                gint64       person_id,
                                const char  *day,
                                const char  *end_day,
                                int          direction,
                                const char  *reason,
                                GError     **error)
{
  static const char find_sql[] =
    "SELECT id, start_day, end_day FROM quarantine WHERE person_id = ? AND start_day <= ?2 AND end_day >= ?2"
    " ORDER BY start_day DESC LIMIT 1";
  static const char update_sql[] = "UPDATE quarantine SET end_day = ?2 WHERE id = ?1 AND end_day = ?3";
  static const char drop_sql[] =
    "DELETE FROM test_schedule WHERE person_id = ?1 AND day > ?2 AND test_id IS NULL";
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *clean = NULL;
  gint64 id = 0;
  gboolean extend;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_day (day, _("Day"), error) || !wg_store_check_day (end_day, _("Last day"), error) ||
      !wg_store_check_text (reason, 128, _("Reason"), error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, find_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, day);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      id = wg_stmt_column_int64 (stmt, 0);
      start = g_strdup (wg_stmt_column_text (stmt, 1));
      end = g_strdup (wg_stmt_column_text (stmt, 2));
    }
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("This person is not in quarantine on %s."), day);
      return FALSE;
    }
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  if (strcmp (end_day, start) < 0 || strcmp (end_day, end) == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("The quarantine runs from %s to %s: its new last day must be another day, not before its first."),
                   start, end);
      return FALSE;
    }
  extend = strcmp (end_day, end) > 0;
  if ((direction > 0 && !extend) || (direction < 0 && extend))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   extend ? _("The quarantine ends on %s: a release ends it earlier, not on %s.")
                          : _("The quarantine ends on %s: an extension ends it later, not on %s."),
                   end, end_day);
      return FALSE;
    }
  clean = g_strstrip (g_strdup (reason));
  detail = g_strdup_printf ("%s → %s: %s", end, end_day, clean);

  if (!wg_store_begin (store, error) || !(stmt = wg_store_prepare (store, update_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, id);
  wg_stmt_bind_text (stmt, 2, end_day);
  wg_stmt_bind_text (stmt, 3, end);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (wg_store_changes (store) == 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED,
                           _("The quarantine was changed at another desk meanwhile: read it again."));
      goto failed;
    }
  if (!extend)
    {
      if (!(stmt = wg_store_prepare (store, drop_sql, error)))
        goto failed;
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_text (stmt, 2, end_day);
      if (!wg_store_step_done (store, stmt, error))
        goto failed;
    }
  if (!wg_store_log (store, extend ? "extend" : "release", "quarantine", id, detail, error) ||
      !wg_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_count_tests_done:
 * @store: a #WgStore
 * @grid_code: (nullable): only the people under this grid
 * @day: (nullable): up to this day (inclusive); %NULL for today
 * @error: return location for a #GError
 *
 * Returns: how many scheduled tests due by @day were done (fulfilled by a
 *   recorded test), or -1 with @error set
 */
gint64
wg_store_count_tests_done (WgStore     *store,
                           const char  *grid_code,
                           const char  *day,
                           GError     **error)
{
  static const char sql[] =
    "SELECT count (*) FROM test_schedule s JOIN person p ON p.id = s.person_id"
    " LEFT JOIN household h ON h.id = p.household_id LEFT JOIN grid g ON g.id = h.grid_id"
    " WHERE s.test_id IS NOT NULL AND s.day <= ?2 AND (?1 IS NULL OR substr (g.code, 1, length (?1)) = ?1)";
  g_autofree char *today = day != NULL ? g_strdup (day) : wg_today ();
  gint64 n = -1;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), -1);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return -1;
  bind_nullable (stmt, grid_code);
  wg_stmt_bind_text (stmt, 2, today);
  if ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    n = wg_stmt_column_int64 (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW)
    wg_store_set_error (store, rc, error);
  return n;
}
