/* wg-store-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Alerts as the desk works them: listed, read, acknowledged, dispatched
 * to a grid worker and resolved with an outcome. The alert engine that
 * raises them lives with the sensors.
 */

#define G_LOG_DOMAIN "wg-store-alerts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wg-store-alerts.h"
#include "wg-store-private.h"

/* Words */

const char *
wg_alert_kind_name (WgAlertKind kind)
{
  switch (kind)
    {
    case WG_ALERT_KIND_DOOR_OPENED:
      return "door-opened";
    case WG_ALERT_KIND_TAMPER:
      return "tamper";
    case WG_ALERT_KIND_OFFLINE:
      return "offline";
    case WG_ALERT_KIND_BATTERY_LOW:
      return "battery-low";
    case WG_ALERT_KIND_DOOR_LEFT_OPEN:
      return "door-left-open";
    case WG_ALERT_KIND_BRIDGE_OFFLINE:
      return "bridge-offline";
    case WG_ALERT_KIND_UNKNOWN_DEVICE:
    default:
      return "unknown-device";
    }
}

const char *
wg_alert_kind_describe (WgAlertKind kind)
{
  switch (kind)
    {
    case WG_ALERT_KIND_DOOR_OPENED:
      return _("Door opened");
    case WG_ALERT_KIND_TAMPER:
      return _("Sensor tampered with");
    case WG_ALERT_KIND_OFFLINE:
      return _("Sensor offline");
    case WG_ALERT_KIND_BATTERY_LOW:
      return _("Battery low");
    case WG_ALERT_KIND_DOOR_LEFT_OPEN:
      return _("Door left open");
    case WG_ALERT_KIND_BRIDGE_OFFLINE:
      return _("Zigbee2MQTT bridge offline");
    case WG_ALERT_KIND_UNKNOWN_DEVICE:
    default:
      return _("Unknown device");
    }
}

const char *
wg_severity_name (WgSeverity severity)
{
  return severity == WG_SEVERITY_HIGH ? "high" : severity == WG_SEVERITY_MEDIUM ? "medium" : "low";
}

const char *
wg_severity_describe (WgSeverity severity)
{
  return severity == WG_SEVERITY_HIGH ? _("High") : severity == WG_SEVERITY_MEDIUM ? _("Medium") : _("Low");
}

const char *
wg_alert_state_name (WgAlertState state)
{
  switch (state)
    {
    case WG_ALERT_STATE_ACKNOWLEDGED:
      return "acknowledged";
    case WG_ALERT_STATE_DISPATCHED:
      return "dispatched";
    case WG_ALERT_STATE_RESOLVED:
      return "resolved";
    case WG_ALERT_STATE_OPEN:
    default:
      return "open";
    }
}

const char *
wg_alert_state_describe (WgAlertState state)
{
  switch (state)
    {
    case WG_ALERT_STATE_ACKNOWLEDGED:
      return _("Acknowledged");
    case WG_ALERT_STATE_DISPATCHED:
      return _("Dispatched");
    case WG_ALERT_STATE_RESOLVED:
      return _("Resolved");
    case WG_ALERT_STATE_OPEN:
    default:
      return _("Open");
    }
}

static const char *const outcome_names[] = {
  NULL, "violation", "authorised-exit", "false-alarm", "device-fault",
};

const char *
wg_alert_outcome_describe (WgAlertOutcome outcome)
{
  switch (outcome)
    {
    case WG_ALERT_OUTCOME_VIOLATION:
      return _("Violation confirmed");
    case WG_ALERT_OUTCOME_AUTHORISED_EXIT:
      return _("Authorised exit");
    case WG_ALERT_OUTCOME_FALSE_ALARM:
      return _("False alarm");
    case WG_ALERT_OUTCOME_DEVICE_FAULT:
      return _("Device fault");
    default:
      return "";
    }
}

gboolean
wg_alert_outcome_from_string (const char     *text,
                              WgAlertOutcome *outcome)
{
  for (guint i = 1; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_strcmp0 (text, outcome_names[i]) == 0)
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

/* Reading alerts */

void
wg_alert_info_free (WgAlertInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->device);
  g_free (info->household_code);
  g_free (info->address);
  g_free (info->grid_path);
  g_free (info->grid_code);
  g_free (info->opened_at);
  g_free (info->last_event_at);
  g_free (info->worker);
  g_free (info->worker_phone);
  g_free (info->acknowledged_by);
  g_free (info->acknowledged_at);
  g_free (info->dispatched_to);
  g_free (info->dispatched_at);
  g_free (info->resolved_at);
  g_free (info->note);
  g_free (info);
}

/* One query for the list and for one alert: ?1 only open, ?2 township code,
 * ?3 one alert's id (0: all). The grid worker is the nearest one above the
 * household. */
#define ALERT_SELECT \
  "SELECT a.id, a.kind, a.severity, a.state, coalesce (a.device, ''), coalesce (a.household_id, 0)," \
  "  h.code, coalesce (h.address, rs.name || ' ' || rr.number), t.name || ' › ' || v.name || ' › ' || g.name || ' › ' || m.name, m.code," \
  "  a.opened_at, a.last_event_at, a.event_count, w.name, w.phone, a.acknowledged_by," \
  "  a.acknowledged_at, d.name, a.dispatched_at, a.resolved_at, coalesce (a.outcome, 0), a.note" \
  " FROM alert a" \
  " LEFT JOIN household h ON h.id = a.household_id" \
  " LEFT JOIN site_room rr ON rr.id = a.room_id" \
  " LEFT JOIN quarantine_site rs ON rs.id = rr.site_id" \
  " LEFT JOIN grid m ON m.id = h.grid_id" \
  " LEFT JOIN grid g ON g.id = m.parent_id" \
  " LEFT JOIN grid v ON v.id = g.parent_id" \
  " LEFT JOIN grid t ON t.id = v.parent_id" \
  " LEFT JOIN staff w ON w.id = (SELECT gs.staff_id FROM grid_staff gs JOIN grid x ON x.id = gs.grid_id" \
  "                               WHERE gs.role = 2 AND gs.grid_id IN (m.id, g.id, v.id)" \
  "                               ORDER BY x.level DESC, gs.staff_id LIMIT 1)" \
  " LEFT JOIN staff d ON d.id = a.dispatched_to" \
  " WHERE (NOT ?1 OR a.state < 3)" \
  "   AND (?2 IS NULL OR (m.code >= ?2 AND m.code < ?2 || ':'))" \
  "   AND (?3 = 0 OR a.id = ?3)" \
  " ORDER BY a.state = 3, a.severity DESC, a.last_event_at DESC, a.id DESC"

static WgAlertInfo *
read_alert (WgStmt *stmt)
{
  WgAlertInfo *info = g_new0 (WgAlertInfo, 1);

#define TEXT(i) g_strdup (wg_stmt_column_text (stmt, (i)))
  info->id = wg_stmt_column_int64 (stmt, 0);
  info->kind = wg_stmt_column_int (stmt, 1);
  info->severity = wg_stmt_column_int (stmt, 2);
  info->state = wg_stmt_column_int (stmt, 3);
  info->device = TEXT (4);
  info->household_id = wg_stmt_column_int64 (stmt, 5);
  info->household_code = TEXT (6);
  info->address = TEXT (7);
  info->grid_path = TEXT (8);
  info->grid_code = TEXT (9);
  info->opened_at = TEXT (10);
  info->last_event_at = TEXT (11);
  info->event_count = wg_stmt_column_int (stmt, 12);
  info->worker = TEXT (13);
  info->worker_phone = TEXT (14);
  info->acknowledged_by = TEXT (15);
  info->acknowledged_at = TEXT (16);
  info->dispatched_to = TEXT (17);
  info->dispatched_at = TEXT (18);
  info->resolved_at = TEXT (19);
  info->outcome = wg_stmt_column_int (stmt, 20);
  info->note = TEXT (21);
#undef TEXT
  return info;
}

static GPtrArray *
query_alerts (WgStore     *store,
              gboolean     only_open,
              const char  *township_code,
              gint64       id,
              GError     **error)
{
  static const char sql[] = ALERT_SELECT;
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_alert_info_free);
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int (stmt, 1, only_open);
  if (township_code != NULL)
    wg_stmt_bind_text (stmt, 2, township_code);
  wg_stmt_bind_int64 (stmt, 3, id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    g_ptr_array_add (alerts, read_alert (stmt));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&alerts);
}

/**
 * wg_store_list_alerts:
 * @store: a #WgStore
 * @only_open: leave out resolved alerts
 * @township_code: (nullable): only alerts of households in this subtree
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgAlertInfo): the alerts, unresolved
 *   first, then by severity, the latest first
 */
GPtrArray *
wg_store_list_alerts (WgStore     *store,
                      gboolean     only_open,
                      const char  *township_code,
                      GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return query_alerts (store, only_open, township_code, 0, error);
}

/**
 * wg_store_get_alert:
 *
 * Returns: (transfer full): the alert, or %NULL with a NOT_FOUND error
 */
WgAlertInfo *
wg_store_get_alert (WgStore  *store,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(GPtrArray) alerts = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(alerts = query_alerts (store, FALSE, NULL, id, error)))
    return NULL;
  if (alerts->len == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no alert %s."), number);
      return NULL;
    }
  return g_ptr_array_steal_index (alerts, 0);
}

guint
wg_store_count_open_alerts (WgStore *store)
{
  static const char sql[] = "SELECT count (*) FROM alert WHERE state < 3";
  WgStmt *stmt;
  guint n = 0;

  g_return_val_if_fail (WG_IS_STORE (store), 0);

  if (!(stmt = wg_store_prepare (store, sql, NULL)))
    return 0;
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    n = wg_stmt_column_int (stmt, 0);
  wg_stmt_reset (stmt);
  return n;
}

/* The lifecycle */

/* Runs @stmt (bound, its first parameter the time) as one step of an
 * alert's life, with its audit-log entry; @not_now says why it cannot. */
static gboolean
alert_step (WgStore      *store,
            WgStmt *stmt,
            gint64        id,
            const char   *action,
            const char   *detail,
            const char   *not_now,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WgAlertInfo) info = NULL;

  if (!wg_store_begin (store, error))
    {
      wg_stmt_reset (stmt);
      return FALSE;
    }
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (wg_store_changes (store) == 0)
    {
      if (!(info = wg_store_get_alert (store, id, error)))
        goto failed;
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, "%s (%s)", not_now,
                   wg_alert_state_describe (info->state));
      goto failed;
    }
  if (!wg_store_log (store, action, "alert", id, detail, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_acknowledge_alert:
 * @store: a #WgStore
 * @id: an open alert
 * @error: return location for a #GError
 *
 * Someone (the store's operator) has seen it, now.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_acknowledge_alert (WgStore  *store,
                            gint64    id,
                            GError  **error)
{
  static const char sql[] =
    "UPDATE alert SET state = 1, acknowledged_by = ?2, acknowledged_at = datetime ('now', 'localtime')"
    " WHERE id = ?1 AND state = 0";
  const char *operator_name;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  operator_name = wg_store_get_operator (store);
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  wg_stmt_bind_text (stmt, 2, operator_name != NULL ? operator_name : "");
  return alert_step (store, stmt, id, "acknowledge", NULL,
                     _("Only an open alert can be acknowledged."), error);
}

/**
 * wg_store_dispatch_alert:
 * @store: a #WgStore
 * @id: an acknowledged (or already dispatched) alert
 * @staff_id: who goes; 0 for the household's grid worker
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_dispatch_alert (WgStore  *store,
                         gint64    id,
                         gint64    staff_id,
                         GError  **error)
{
  static const char worker_sql[] =
    "SELECT gs.staff_id FROM alert a JOIN household h ON h.id = a.household_id"
    " JOIN grid m ON m.id = h.grid_id JOIN grid g ON g.id = m.parent_id JOIN grid v ON v.id = g.parent_id"
    " JOIN grid_staff gs ON gs.grid_id IN (m.id, g.id, v.id) AND gs.role = 2"
    " JOIN grid x ON x.id = gs.grid_id"
    " WHERE a.id = ? ORDER BY x.level DESC, gs.staff_id LIMIT 1";
  static const char sql[] =
    "UPDATE alert SET state = 2, dispatched_to = ?2, dispatched_at = datetime ('now', 'localtime')"
    " WHERE id = ?1 AND state IN (1, 2)";
  g_autofree char *detail = NULL;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (staff_id == 0)
    {
      if (!(stmt = wg_store_prepare (store, worker_sql, error)))
        return FALSE;
      wg_stmt_bind_int64 (stmt, 1, id);
      rc = wg_stmt_step (stmt);
      if (rc == WG_STMT_ROW)
        staff_id = wg_stmt_column_int64 (stmt, 0);
      wg_stmt_reset (stmt);
      if (rc != WG_STMT_ROW)
        {
          if (rc == WG_STMT_DONE)
            g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                                 _("No grid worker looks after this household: choose whom to send."));
          else
            wg_store_set_error (store, rc, error);
          return FALSE;
        }
    }

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  wg_stmt_bind_int64 (stmt, 2, staff_id);
  detail = g_strdup_printf ("staff %" G_GINT64_FORMAT, staff_id);
  return alert_step (store, stmt, id, "dispatch", detail,
                     _("Acknowledge the alert before dispatching someone."), error);
}

/**
 * wg_store_resolve_alert:
 * @store: a #WgStore
 * @id: an acknowledged or dispatched alert
 * @outcome: what it was
 * @note: (nullable): what happened
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_resolve_alert (WgStore         *store,
                        gint64           id,
                        WgAlertOutcome   outcome,
                        const char      *note,
                        GError         **error)
{
  static const char sql[] =
    "UPDATE alert SET state = 3, resolved_at = datetime ('now', 'localtime'), outcome = ?2, note = ?3"
    " WHERE id = ?1 AND state IN (1, 2)";
  g_autofree char *detail = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (outcome < WG_ALERT_OUTCOME_VIOLATION || outcome > WG_ALERT_OUTCOME_DEVICE_FAULT)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("Say what the alert was: a violation, an authorised exit, a false alarm or a device fault."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  wg_stmt_bind_int (stmt, 2, outcome);
  if (note != NULL && *note != '\0')
    wg_stmt_bind_text (stmt, 3, note);
  detail = g_strdup_printf ("%s%s%s", outcome_names[outcome], note != NULL ? ": " : "",
                            note != NULL ? note : "");
  return alert_step (store, stmt, id, "resolve", detail,
                     _("Acknowledge the alert before resolving it."), error);
}
