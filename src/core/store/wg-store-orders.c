/* wg-store-orders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Help orders for the families of people away from home (点单 → 派单 →
 * 接单): recorded at the desk from the group chat or a call, dispatched to
 * a grid worker of the household's own grid, accepted, then done with a
 * note — or cancelled with a reason from any open state. Any other step is
 * refused, naming the order and its state; each is timed and audited. An
 * open order is overdue when it was not accepted within the county's time
 * ("order-accept-minutes", two hours by default) or is not done by the
 * time promised — judged on the desk's clock, passed in, so that a test
 * can fix it.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-store-orders.h"
#include "wg-store-private.h"
#include "wg-store-settings.h"

static const char *const state_names[WG_ORDER_N_STATES] = { "ordered", "dispatched", "accepted", "done",
                                                            "cancelled" };
static const char *const kind_names[] = { NULL, "elderly-care", "medicine", "shopping", "repairs", "farm-work",
                                          "other" };

const char *
wg_order_state_to_string (WgOrderState state)
{
  g_return_val_if_fail (state < WG_ORDER_N_STATES, NULL);

  return state_names[state];
}

gboolean
wg_order_state_from_string (const char   *text,
                            WgOrderState *state)
{
  for (guint i = 0; i < WG_ORDER_N_STATES; i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wg_order_state_describe (WgOrderState state)
{
  switch (state)
    {
    case WG_ORDER_DISPATCHED:
      return C_("order", "Dispatched");
    case WG_ORDER_ACCEPTED:
      return C_("order", "Accepted");
    case WG_ORDER_DONE:
      return C_("order", "Done");
    case WG_ORDER_CANCELLED:
      return C_("order", "Cancelled");
    case WG_ORDER_ORDERED:
    case WG_ORDER_N_STATES:
    default:
      return C_("order", "Ordered");
    }
}

const char *
wg_order_kind_to_string (WgOrderKind kind)
{
  g_return_val_if_fail (kind >= WG_ORDER_KIND_ELDERLY_CARE && kind <= WG_ORDER_KIND_OTHER, NULL);

  return kind_names[kind];
}

gboolean
wg_order_kind_from_string (const char  *text,
                           WgOrderKind *kind)
{
  for (guint i = WG_ORDER_KIND_ELDERLY_CARE; i <= WG_ORDER_KIND_OTHER; i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wg_order_kind_describe (WgOrderKind kind)
{
  switch (kind)
    {
    case WG_ORDER_KIND_ELDERLY_CARE:
      return _("Care for the elderly");
    case WG_ORDER_KIND_MEDICINE:
      return _("Medicine");
    case WG_ORDER_KIND_SHOPPING:
      return _("Shopping");
    case WG_ORDER_KIND_REPAIRS:
      return _("Repairs");
    case WG_ORDER_KIND_FARM_WORK:
      return _("Farm work");
    case WG_ORDER_KIND_OTHER:
    default:
      return C_("order", "Other");
    }
}

void
wg_order_info_free (WgOrderInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->household_code);
  g_free (info->address);
  g_free (info->grid_code);
  g_free (info->requester);
  g_free (info->detail);
  g_free (info->due_at);
  g_free (info->ordered_at);
  g_free (info->worker);
  g_free (info->dispatched_at);
  g_free (info->accepted_at);
  g_free (info->done_at);
  g_free (info->cancelled_at);
  g_free (info->note);
  g_free (info->dispatcher);
  g_free (info);
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

/**
 * wg_store_add_order:
 * @store: a #WgStore
 * @request: for which household, what, how urgent, by when
 * @id: (out) (optional): the new order's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the order was recorded (audited)
 */
gboolean
wg_store_add_order (WgStore              *store,
                    const WgOrderRequest *request,
                    gint64               *id,
                    GError              **error)
{
  static const char household_sql[] = "SELECT id FROM household WHERE code = upper (?)";
  static const char person_sql[] = "SELECT id FROM person WHERE id_number = upper (?)";
  static const char sql[] =
    "INSERT INTO help_order (household_id, requester_id, kind, detail, urgency, due_at, ordered_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  g_autofree char *no_household = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *ordered = NULL;
  gint64 household_id, requester_id = 0;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  ordered = request->ordered_at != NULL ? g_strdup (request->ordered_at) : now_text ();
  if (!wg_store_check_text (request->detail, 500, _("What is needed"), error) ||
      !wg_store_check_time (request->due_at, _("To be done by"), error) ||
      !wg_store_check_time (ordered, _("Ordered"), error))
    return FALSE;
  if (request->kind < WG_ORDER_KIND_ELDERLY_CARE || request->kind > WG_ORDER_KIND_OTHER ||
      request->urgency < 1 || request->urgency > 3)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("An order is care for the elderly, medicine, shopping, repairs, farm work or other, "
                             "and normal, urgent or very urgent."));
      return FALSE;
    }
  if (strcmp (request->due_at, ordered) < 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("An order cannot be due before it was made."));
      return FALSE;
    }
  no_household = g_strdup_printf (_("There is no household with the code “%s”."),
                                  request->household_code != NULL ? request->household_code : "");
  if ((household_id = wg_store_find_id (store, household_sql, request->household_code, no_household, error)) == 0)
    return FALSE;
  if (request->requester_id_number != NULL)
    {
      g_autofree char *unknown = g_strdup_printf (_("No person in the county has the ID number %s."),
                                                  request->requester_id_number);

      if ((requester_id = wg_store_find_id (store, person_sql, request->requester_id_number, unknown, error)) == 0)
        return FALSE;
    }
  clean = g_strstrip (g_strdup (request->detail));
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  if (requester_id != 0)
    wg_stmt_bind_int64 (stmt, 2, requester_id);
  wg_stmt_bind_int (stmt, 3, request->kind);
  wg_stmt_bind_text (stmt, 4, clean);
  wg_stmt_bind_int (stmt, 5, request->urgency);
  wg_stmt_bind_text (stmt, 6, request->due_at);
  wg_stmt_bind_text (stmt, 7, ordered);
  detail = g_strdup_printf ("%s %s: %s, by %s", request->household_code, wg_order_kind_to_string (request->kind),
                            clean, request->due_at);
  return wg_store_insert_and_log (store, stmt, "help_order", detail, id, error);
}

/* The grid workers of a household's grid: its micro-grid's, group's or
 * village's, nearest first. */
#define WORKERS_OF_ORDER \
  "SELECT gs.staff_id FROM help_order o JOIN household h ON h.id = o.household_id" \
  " JOIN grid m ON m.id = h.grid_id JOIN grid g ON g.id = m.parent_id JOIN grid v ON v.id = g.parent_id" \
  " JOIN grid_staff gs ON gs.grid_id IN (m.id, g.id, v.id) AND gs.role = 2" \
  " JOIN grid x ON x.id = gs.grid_id WHERE o.id = ?1"

/**
 * wg_store_find_order_worker:
 *
 * Returns: the grid worker nearest the order's household (its micro-grid's,
 *   else its group's, else its village's), or 0 with @error set
 */
gint64
wg_store_find_order_worker (WgStore     *store,
                            gint64       id,
                            GError     **error)
{
  static const char sql[] = WORKERS_OF_ORDER " ORDER BY x.level DESC, gs.staff_id LIMIT 1";
  gint64 worker = 0;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), 0);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return 0;
  wg_stmt_bind_int64 (stmt, 1, id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    worker = wg_stmt_column_int64 (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    wg_store_set_error (store, rc, error);
  else if (worker == 0)
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                         _("The household's grid has no grid worker to dispatch the order to."));
  return worker;
}

/* One step of an order: from the state it must be in, to the next, at a
 * time not before the step before. */
static gboolean
step_order (WgStore       *store,
            gint64         id,
            WgOrderState   to,
            const char    *at,
            gint64         worker_id,
            const char    *note,
            GError       **error)
{
  static const char *const sql[WG_ORDER_N_STATES] = {
    NULL,
    "UPDATE help_order SET state = 1, worker_id = ?3, dispatched_at = ?2 WHERE id = ?1 AND state = 0",
    "UPDATE help_order SET state = 2, accepted_at = ?2 WHERE id = ?1 AND state = 1",
    "UPDATE help_order SET state = 3, done_at = ?2, note = ?4 WHERE id = ?1 AND state = 2",
    "UPDATE help_order SET state = 4, cancelled_at = ?2, note = ?4 WHERE id = ?1 AND state < 3",
  };
  static const char worker_sql[] = WORKERS_OF_ORDER " AND gs.staff_id = ?2";
  g_autoptr(WgOrderInfo) order = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *gone = NULL;
  g_autofree char *detail = NULL;
  const char *before;
  gboolean allowed;
  WgStmt *stmt;

  if (!wg_store_check_time (at, _("Time"), error) || !(order = wg_store_get_order (store, id, at, error)))
    return FALSE;
  allowed = to == WG_ORDER_CANCELLED ? order->state < WG_ORDER_DONE : order->state + 1 == to;
  if (!allowed)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("Order %s is “%s”: it cannot be “%s” now."),
                   id_text, wg_order_state_describe (order->state), wg_order_state_describe (to));
      return FALSE;
    }
  before = order->state == WG_ORDER_ACCEPTED ? order->accepted_at
           : order->state == WG_ORDER_DISPATCHED ? order->dispatched_at : order->ordered_at;
  if (strcmp (at, before) < 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Order %s's step before was at %s: this one cannot be earlier."), id_text, before);
      return FALSE;
    }
  if ((to == WG_ORDER_DONE || to == WG_ORDER_CANCELLED) &&
      !wg_store_check_text (note, 500, to == WG_ORDER_DONE ? _("Note") : _("Reason"), error))
    return FALSE;
  if (to == WG_ORDER_DISPATCHED)
    {
      if (!(stmt = wg_store_prepare (store, worker_sql, error)))
        return FALSE;
      wg_stmt_bind_int64 (stmt, 1, id);
      wg_stmt_bind_int64 (stmt, 2, worker_id);
      allowed = wg_stmt_step (stmt) == WG_STMT_ROW;
      wg_stmt_reset (stmt);
      if (!allowed)
        {
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                       _("Order %s is for household %s: dispatch it to a grid worker of its grid."), id_text,
                       order->household_code);
          return FALSE;
        }
    }
  if (!(stmt = wg_store_prepare (store, sql[to], error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  wg_stmt_bind_text (stmt, 2, at);
  if (to == WG_ORDER_DISPATCHED)
    wg_stmt_bind_int64 (stmt, 3, worker_id);
  if (to == WG_ORDER_DONE || to == WG_ORDER_CANCELLED)
    wg_stmt_bind_text (stmt, 4, note);
  detail = g_strdup_printf ("%s %s%s%s", wg_order_state_to_string (to), at, note != NULL ? ": " : "",
                            note != NULL ? note : "");
  gone = g_strdup_printf (_("Order %s was changed at another desk meanwhile: read it again."), id_text);
  return wg_store_change_and_log (store, stmt, wg_order_state_to_string (to), "help_order", id, detail, gone, error);
}

/**
 * wg_store_dispatch_order:
 * @worker_id: a grid worker of the household's micro-grid, group or village
 *
 * 派单. Refused for an order not "ordered", or to anyone else.
 */
gboolean
wg_store_dispatch_order (WgStore     *store,
                         gint64       id,
                         gint64       worker_id,
                         const char  *at,
                         GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  return step_order (store, id, WG_ORDER_DISPATCHED, at, worker_id, NULL, error);
}

/* 接单: the grid worker takes the order. */
gboolean
wg_store_accept_order (WgStore     *store,
                       gint64       id,
                       const char  *at,
                       GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  return step_order (store, id, WG_ORDER_ACCEPTED, at, 0, NULL, error);
}

/* Done, with a note of what was done; only once accepted. */
gboolean
wg_store_complete_order (WgStore     *store,
                         gint64       id,
                         const char  *at,
                         const char  *note,
                         GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  return step_order (store, id, WG_ORDER_DONE, at, 0, note, error);
}

/* Cancelled with the reason, from any state but done (or cancelled). */
gboolean
wg_store_cancel_order (WgStore     *store,
                       gint64       id,
                       const char  *at,
                       const char  *reason,
                       GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  return step_order (store, id, WG_ORDER_CANCELLED, at, 0, reason, error);
}

/* ?1 grid code prefix (or NULL), ?2 state (-1 any), ?3 worker (0 any),
 * ?4 one order's id (0 all), ?5 now, ?6 accepted by (now less the time
 * to accept). Open ones first, overdue first among them, then by due time. */
#define ORDER_SELECT \
  "SELECT o.id, o.household_id, h.code, h.address, m.code, p.name, o.kind, o.detail, o.urgency, o.due_at," \
  "  o.state, o.ordered_at, coalesce (o.worker_id, 0), w.name, o.dispatched_at, o.accepted_at, o.done_at," \
  "  o.cancelled_at, o.note," \
  "  (o.state IN (0, 1) AND o.ordered_at < ?6) OR (o.state IN (0, 1, 2) AND o.due_at < ?5) AS overdue," \
  "  coalesce ((SELECT s.name FROM away_info a JOIN away_group ag ON ag.id = a.group_id" \
  "             JOIN staff s ON s.id = ag.owner_id WHERE a.person_id = o.requester_id)," \
  "            (SELECT s.name FROM person q JOIN away_info a ON a.person_id = q.id" \
  "             JOIN away_group ag ON ag.id = a.group_id JOIN staff s ON s.id = ag.owner_id" \
  "             WHERE q.household_id = o.household_id ORDER BY q.id LIMIT 1))" \
  " FROM help_order o JOIN household h ON h.id = o.household_id JOIN grid m ON m.id = h.grid_id" \
  " LEFT JOIN person p ON p.id = o.requester_id LEFT JOIN staff w ON w.id = o.worker_id" \
  " WHERE (?1 IS NULL OR substr (m.code, 1, length (?1)) = ?1) AND (?2 < 0 OR o.state = ?2)" \
  "   AND (?3 = 0 OR o.worker_id = ?3) AND (?4 = 0 OR o.id = ?4)" \
  " ORDER BY o.state >= 3, overdue DESC, o.due_at, o.id"

/* The time an order open at @clock ("YYYY-MM-DD HH:MM:SS") had to be
 * accepted by: @clock less the county's `order-accept-minutes`. The orders
 * desk and the leaders' figures both judge "overdue" by it. */
char *
wg_store_order_accept_by (WgStore    *store,
                          const char *clock)
{
  g_autofree char *minutes_text = wg_store_dup_setting (store, "order-accept-minutes", NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *iso = g_strdup (clock);
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) then = NULL;
  guint64 minutes = 120;

  if (minutes_text != NULL)
    g_ascii_string_to_unsigned (minutes_text, 10, 1, 7 * 24 * 60, &minutes, NULL);
  iso[10] = 'T';
  when = g_date_time_new_from_iso8601 (iso, zone);
  then = g_date_time_add_minutes (when, -(int) minutes);
  return g_date_time_format (then, "%Y-%m-%d %H:%M:%S");
}

static GPtrArray *
query_orders (WgStore     *store,
              const char  *grid_code,
              int          state,
              gint64       worker_id,
              gint64       id,
              const char  *now,
              GError     **error)
{
  static const char sql[] = ORDER_SELECT;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_order_info_free);
  g_autofree char *at = now != NULL ? g_strdup (now) : now_text ();
  g_autofree char *accepted_by = NULL;
  WgStmt *stmt;
  int rc;

  if (!wg_store_check_time (at, _("Now"), error))
    return NULL;
  accepted_by = wg_store_order_accept_by (store, at);
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  if (grid_code != NULL)
    wg_stmt_bind_text (stmt, 1, grid_code);
  wg_stmt_bind_int (stmt, 2, state);
  wg_stmt_bind_int64 (stmt, 3, worker_id);
  wg_stmt_bind_int64 (stmt, 4, id);
  wg_stmt_bind_text (stmt, 5, at);
  wg_stmt_bind_text (stmt, 6, accepted_by);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgOrderInfo *info = g_new0 (WgOrderInfo, 1);

#define TEXT(i) g_strdup (wg_stmt_column_text (stmt, (i)))
      info->id = wg_stmt_column_int64 (stmt, 0);
      info->household_id = wg_stmt_column_int64 (stmt, 1);
      info->household_code = TEXT (2);
      info->address = TEXT (3);
      info->grid_code = TEXT (4);
      info->requester = TEXT (5);
      info->kind = wg_stmt_column_int (stmt, 6);
      info->detail = TEXT (7);
      info->urgency = wg_stmt_column_int (stmt, 8);
      info->due_at = TEXT (9);
      info->state = wg_stmt_column_int (stmt, 10);
      info->ordered_at = TEXT (11);
      info->worker_id = wg_stmt_column_int64 (stmt, 12);
      info->worker = TEXT (13);
      info->dispatched_at = TEXT (14);
      info->dispatcher = TEXT (20);
      info->accepted_at = TEXT (15);
      info->done_at = TEXT (16);
      info->cancelled_at = TEXT (17);
      info->note = TEXT (18);
      info->overdue = wg_stmt_column_int (stmt, 19);
#undef TEXT
      g_ptr_array_add (orders, info);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&orders);
}

/**
 * wg_store_list_orders:
 * @store: a #WgStore
 * @grid_code: (nullable): only the households under this grid
 * @state: a #WgOrderState, or -1 for every state
 * @worker_id: one grid worker's orders, or 0 for everybody's
 * @now: (nullable): the desk's clock, "YYYY-MM-DD HH:MM:SS"; %NULL for now
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgOrderInfo): open orders
 *   first (overdue first among them, then by the time promised)
 */
GPtrArray *
wg_store_list_orders (WgStore     *store,
                      const char  *grid_code,
                      int          state,
                      gint64       worker_id,
                      const char  *now,
                      GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return query_orders (store, grid_code, state, worker_id, 0, now, error);
}

/**
 * wg_store_get_order:
 *
 * Returns: (transfer full): the order as on @now, or %NULL with
 *   %WG_STORE_ERROR_NOT_FOUND
 */
WgOrderInfo *
wg_store_get_order (WgStore     *store,
                    gint64       id,
                    const char  *now,
                    GError     **error)
{
  g_autoptr(GPtrArray) orders = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (id <= 0 || !(orders = query_orders (store, NULL, -1, 0, id, now, error)) || orders->len == 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (error != NULL && *error == NULL)
        g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no help order number %s."),
                     id_text);
      return NULL;
    }
  return g_ptr_array_steal_index (orders, 0);
}

const char *
wg_away_reason_describe (WgAwayReason reason)
{
  switch (reason)
    {
    case WG_AWAY_WORK:
      return _("Working away");
    case WG_AWAY_STUDY:
      return _("Studying away");
    case WG_AWAY_HELD:
      return _("Held in quarantine elsewhere");
    case WG_AWAY_OTHER:
      return C_("away", "Other");
    default:
      return _("Not recorded");
    }
}

gboolean
wg_away_reason_from_string (const char   *text,
                            WgAwayReason *reason)
{
  static const char *const names[] = { NULL, "work", "study", "held", "other" };

  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *reason = i;
        return TRUE;
      }
  return FALSE;
}

void
wg_away_info_free (WgAwayInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->id_number);
  g_free (info->phone);
  g_free (info->household_code);
  g_free (info->grid_code);
  g_free (info->province);
  g_free (info->city);
  g_free (info->address);
  g_free (info->employer);
  g_free (info->since);
  g_free (info->group);
  g_free (info->care_needed);
  g_free (info->group_owner);
  g_free (info);
}

/**
 * wg_store_list_away:
 * @store: a #WgStore
 * @grid_code: (nullable): only the people of the households under this grid
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgAwayInfo): every person
 *   whose residency is away, with where and why when recorded, by group
 *   then name
 */
GPtrArray *
wg_store_list_away (WgStore     *store,
                    const char  *grid_code,
                    GError     **error)
{
  static const char sql[] =
    "SELECT p.id, p.name, p.id_number, p.phone, h.code, m.code, a.province, a.city, a.address, a.employer,"
    "  a.since, coalesce (a.reason, 0), g.name, a.care_needed, o.name"
    " FROM person p JOIN household h ON h.id = p.household_id JOIN grid m ON m.id = h.grid_id"
    " LEFT JOIN away_info a ON a.person_id = p.id LEFT JOIN away_group g ON g.id = a.group_id"
    " LEFT JOIN staff o ON o.id = g.owner_id"
    " WHERE p.residency = ?2 AND (?1 IS NULL OR substr (m.code, 1, length (?1)) = ?1)"
    " ORDER BY g.name IS NULL, g.name, p.name, p.id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_away_info_free);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  if (grid_code != NULL)
    wg_stmt_bind_text (stmt, 1, grid_code);
  wg_stmt_bind_int (stmt, 2, WG_RESIDENCY_AWAY);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgAwayInfo *info = g_new0 (WgAwayInfo, 1);

#define TEXT(i) g_strdup (wg_stmt_column_text (stmt, (i)))
      info->person_id = wg_stmt_column_int64 (stmt, 0);
      info->name = TEXT (1);
      info->id_number = TEXT (2);
      info->phone = TEXT (3);
      info->household_code = TEXT (4);
      info->grid_code = TEXT (5);
      info->province = TEXT (6);
      info->city = TEXT (7);
      info->address = TEXT (8);
      info->employer = TEXT (9);
      info->since = TEXT (10);
      info->reason = wg_stmt_column_int (stmt, 11);
      info->group = TEXT (12);
      info->care_needed = TEXT (13);
      info->group_owner = TEXT (14);
#undef TEXT
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

/* NULL for an empty or missing text. */
static void
bind_text_or_null (WgStmt      *stmt,
                   int          index,
                   const char  *text)
{
  if (text != NULL && *text != '\0')
    wg_stmt_bind_text (stmt, index, text);
}

/**
 * wg_store_set_away:
 * @store: a #WgStore
 * @person_id: a person whose residency is away
 * @fields: where, since when, why, the group (of the person's village or
 *   township, by name), who at home needs care
 * @error: return location for a #GError
 *
 * Returns: %TRUE when recorded (audited)
 */
gboolean
wg_store_set_away (WgStore            *store,
                   gint64              person_id,
                   const WgAwayFields *fields,
                   GError            **error)
{
  static const char person_sql[] =
    "SELECT p.residency, p.name, v.id, t.id FROM person p JOIN household h ON h.id = p.household_id"
    " JOIN grid m ON m.id = h.grid_id JOIN grid g ON g.id = m.parent_id JOIN grid v ON v.id = g.parent_id"
    " JOIN grid t ON t.id = v.parent_id WHERE p.id = ?";
  static const char group_sql[] = "SELECT id FROM away_group WHERE name = ?1 AND grid_id IN (?2, ?3)";
  static const char sql[] =
    "INSERT INTO away_info (person_id, province, city, address, employer, since, reason, group_id, care_needed)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (person_id) DO UPDATE SET province = ?2, city = ?3, address = ?4, employer = ?5, since = ?6,"
    "   reason = ?7, group_id = ?8, care_needed = ?9";
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  gint64 village = 0, township = 0, group_id = 0;
  int residency = -1;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (fields->since != NULL && *fields->since != '\0' && !wg_store_check_day (fields->since, _("Since"), error))
    return FALSE;
  if (fields->reason < WG_AWAY_WORK || fields->reason > WG_AWAY_OTHER)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("Away for work, study, held in quarantine elsewhere, or other."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, person_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      residency = wg_stmt_column_int (stmt, 0);
      name = g_strdup (wg_stmt_column_text (stmt, 1));
      village = wg_stmt_column_int64 (stmt, 2);
      township = wg_stmt_column_int64 (stmt, 3);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW || residency != WG_RESIDENCY_AWAY)
    {
      g_set_error_literal (error, WG_STORE_ERROR, rc == WG_STMT_ROW ? WG_STORE_ERROR_INVALID
                                                                    : WG_STORE_ERROR_NOT_FOUND,
                           rc == WG_STMT_ROW ? _("This person is not away from home: change their residency first.")
                                             : _("There is no such person in a household."));
      return FALSE;
    }
  if (fields->group != NULL && *fields->group != '\0')
    {
      if (!(stmt = wg_store_prepare (store, group_sql, error)))
        return FALSE;
      wg_stmt_bind_text (stmt, 1, fields->group);
      wg_stmt_bind_int64 (stmt, 2, village);
      wg_stmt_bind_int64 (stmt, 3, township);
      if (wg_stmt_step (stmt) == WG_STMT_ROW)
        group_id = wg_stmt_column_int64 (stmt, 0);
      wg_stmt_reset (stmt);
      if (group_id == 0)
        {
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                       _("%s's village and township have no group “%s”."), name, fields->group);
          return FALSE;
        }
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  bind_text_or_null (stmt, 2, fields->province);
  bind_text_or_null (stmt, 3, fields->city);
  bind_text_or_null (stmt, 4, fields->address);
  bind_text_or_null (stmt, 5, fields->employer);
  bind_text_or_null (stmt, 6, fields->since);
  wg_stmt_bind_int (stmt, 7, fields->reason);
  if (group_id != 0)
    wg_stmt_bind_int64 (stmt, 8, group_id);
  bind_text_or_null (stmt, 9, fields->care_needed);
  detail = g_strdup_printf ("%s: %s%s %s", name, fields->province != NULL ? fields->province : "",
                            fields->city != NULL ? fields->city : "", wg_away_reason_describe (fields->reason));
  return wg_store_change_and_log (store, stmt, "away", "person", person_id, detail,
                                  _("There is no such person in a household."), error);
}

/**
 * wg_store_list_away_groups:
 * @store: a #WgStore
 * @person_id: a person in a household
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the names of the groups the person may be in
 *   (their village's and their township's), by name; empty when none
 */
GStrv
wg_store_list_away_groups (WgStore     *store,
                           gint64       person_id,
                           GError     **error)
{
  static const char sql[] =
    "SELECT ag.name FROM person p JOIN household h ON h.id = p.household_id"
    " JOIN grid m ON m.id = h.grid_id JOIN grid g ON g.id = m.parent_id JOIN grid v ON v.id = g.parent_id"
    " JOIN away_group ag ON ag.grid_id IN (v.id, v.parent_id) WHERE p.id = ?1 ORDER BY ag.name";
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    g_strv_builder_add (names, wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (names);
}
