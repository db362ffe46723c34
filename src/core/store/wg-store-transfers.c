/* wg-store-transfers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Point-to-point transfers (点对点转运) of people at risk: one vehicle
 * takes one or more persons from a checkpoint, a station or an address to
 * a central site or a home, with its driver and escort. Each goes planned
 * → dispatched → picked up → handed over (to someone named), each step
 * timed and audited, in that order only.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-store-private.h"
#include "wg-store-transfers.h"

static const char *const state_names[WG_TRANSFER_N_STATES] = { "planned", "dispatched", "picked-up",
                                                                "handed-over" };
static const char *const from_names[] = { NULL, "checkpoint", "station", "address" };

const char *
wg_transfer_state_to_string (WgTransferState state)
{
  g_return_val_if_fail (state < WG_TRANSFER_N_STATES, NULL);

  return state_names[state];
}

gboolean
wg_transfer_state_from_string (const char      *text,
                               WgTransferState *state)
{
  for (guint i = 0; i < WG_TRANSFER_N_STATES; i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wg_transfer_state_describe (WgTransferState state)
{
  switch (state)
    {
    case WG_TRANSFER_DISPATCHED:
      return C_("transfer", "Dispatched");
    case WG_TRANSFER_PICKED_UP:
      return C_("transfer", "Picked up");
    case WG_TRANSFER_HANDED_OVER:
      return C_("transfer", "Handed over");
    case WG_TRANSFER_PLANNED:
    case WG_TRANSFER_N_STATES:
    default:
      return C_("transfer", "Planned");
    }
}

const char *
wg_transfer_from_describe (WgTransferFrom from)
{
  switch (from)
    {
    case WG_TRANSFER_FROM_CHECKPOINT:
      return _("Checkpoint");
    case WG_TRANSFER_FROM_STATION:
      return _("Station");
    case WG_TRANSFER_FROM_ADDRESS:
    default:
      return _("Address");
    }
}

gboolean
wg_transfer_from_from_string (const char     *text,
                              WgTransferFrom *from)
{
  for (guint i = 1; i < G_N_ELEMENTS (from_names); i++)
    if (g_strcmp0 (text, from_names[i]) == 0)
      {
        *from = i;
        return TRUE;
      }
  return FALSE;
}

void
wg_transfer_person_free (WgTransferPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->name);
  g_free (person->id_number);
  g_free (person->phone);
  g_free (person);
}

void
wg_transfer_info_free (WgTransferInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->day);
  g_free (info->from_place);
  g_free (info->to_place);
  g_free (info->vehicle);
  g_free (info->driver);
  g_free (info->escort);
  g_free (info->dispatched_at);
  g_free (info->picked_up_at);
  g_free (info->handed_over_at);
  g_free (info->handed_to);
  g_clear_pointer (&info->persons, g_ptr_array_unref);
  g_free (info);
}

/* Looks up what the plan names: the site or the household, and each
 * person (in the order given, each once). */
static gboolean
resolve_plan (WgStore              *store,
              const WgTransferPlan *plan,
              gint64               *site_id,
              gint64               *household_id,
              GArray               *persons,
              GError              **error)
{
  static const char site_sql[] = "SELECT id FROM quarantine_site WHERE name = ?";
  static const char household_sql[] = "SELECT id FROM household WHERE code = upper (?)";
  static const char person_sql[] = "SELECT id FROM person WHERE id_number = upper (?)";
  g_autofree char *no_site = NULL;
  g_autofree char *no_household = NULL;

  if ((plan->to_site == NULL) == (plan->to_household == NULL))
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A transfer goes to a central site or to a home: name one of them."));
      return FALSE;
    }
  if (plan->to_site != NULL)
    {
      no_site = g_strdup_printf (_("There is no central quarantine site “%s”."), plan->to_site);
      if ((*site_id = wg_store_find_id (store, site_sql, plan->to_site, no_site, error)) == 0)
        return FALSE;
    }
  else
    {
      no_household = g_strdup_printf (_("There is no household with the code “%s”."), plan->to_household);
      if ((*household_id = wg_store_find_id (store, household_sql, plan->to_household, no_household, error)) == 0)
        return FALSE;
    }
  if (plan->id_numbers == NULL || plan->id_numbers[0] == NULL)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A transfer takes at least one person."));
      return FALSE;
    }
  for (guint i = 0; plan->id_numbers[i] != NULL; i++)
    {
      g_autofree char *unknown = g_strdup_printf (_("No person in the county has the ID number %s."),
                                                  plan->id_numbers[i]);
      gint64 id = wg_store_find_id (store, person_sql, plan->id_numbers[i], unknown, error);

      if (id == 0)
        return FALSE;
      for (guint j = 0; j < persons->len; j++)
        if (g_array_index (persons, gint64, j) == id)
          {
            g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                         _("%s is named twice in the transfer."), plan->id_numbers[i]);
            return FALSE;
          }
      g_array_append_val (persons, id);
    }
  return TRUE;
}

/**
 * wg_store_add_transfer:
 * @store: a #WgStore
 * @plan: the transfer: its day, where from, where to, the vehicle, driver,
 *   escort and persons
 * @id: (out) (optional): the new transfer's id
 * @error: return location for a #GError
 *
 * Records a planned transfer with its persons, in one transaction.
 *
 * Returns: %TRUE on success (audited)
 */
gboolean
wg_store_add_transfer (WgStore              *store,
                       const WgTransferPlan *plan,
                       gint64               *id,
                       GError              **error)
{
  static const char sql[] =
    "INSERT INTO transfer (day, from_kind, from_place, to_site_id, to_household_id, vehicle, driver, escort)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static const char person_sql[] = "INSERT INTO transfer_person (transfer_id, person_id) VALUES (?, ?)";
  g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *detail = NULL;
  g_autofree char *from_place = NULL;
  gint64 site_id = 0, household_id = 0, transfer_id;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!wg_store_check_day (plan->day, _("Day"), error) ||
      !wg_store_check_text (plan->from_place, 128, _("From"), error) ||
      !wg_store_check_text (plan->vehicle, 16, _("Vehicle plate"), error) ||
      !wg_store_check_text (plan->driver, 64, _("Driver"), error) ||
      !wg_store_check_text (plan->escort, 64, _("Escort"), error))
    return FALSE;
  if (plan->from_kind < WG_TRANSFER_FROM_CHECKPOINT || plan->from_kind > WG_TRANSFER_FROM_ADDRESS)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A transfer starts at a checkpoint, a station or an address."));
      return FALSE;
    }
  if (!resolve_plan (store, plan, &site_id, &household_id, persons, error))
    return FALSE;

  if (!wg_store_begin (store, error) || !(stmt = wg_store_prepare (store, sql, error)))
    goto failed;
  wg_stmt_bind_text (stmt, 1, plan->day);
  wg_stmt_bind_int (stmt, 2, plan->from_kind);
  from_place = g_strstrip (g_strdup (plan->from_place));
  wg_stmt_bind_text (stmt, 3, from_place);
  if (site_id != 0)
    wg_stmt_bind_int64 (stmt, 4, site_id);
  if (household_id != 0)
    wg_stmt_bind_int64 (stmt, 5, household_id);
  wg_stmt_bind_text (stmt, 6, plan->vehicle);
  wg_stmt_bind_text (stmt, 7, plan->driver);
  wg_stmt_bind_text (stmt, 8, plan->escort);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  transfer_id = wg_store_last_insert_id (store);
  for (guint i = 0; i < persons->len; i++)
    {
      if (!(stmt = wg_store_prepare (store, person_sql, error)))
        goto failed;
      wg_stmt_bind_int64 (stmt, 1, transfer_id);
      wg_stmt_bind_int64 (stmt, 2, g_array_index (persons, gint64, i));
      if (!wg_store_step_done (store, stmt, error))
        goto failed;
    }
  detail = g_strdup_printf ("%s %s → %s, %s, %u", plan->day, plan->from_place,
                            site_id != 0 ? plan->to_site : plan->to_household, plan->vehicle, persons->len);
  if (!wg_store_log (store, "plan", "transfer", transfer_id, detail, error) || !wg_store_commit (store, error))
    goto failed;
  if (id != NULL)
    *id = transfer_id;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_advance_transfer:
 * @store: a #WgStore
 * @id: the transfer
 * @state: the step taken: the one after the transfer's present state
 * @at: when, "YYYY-MM-DD HH:MM:SS", not before the step before
 * @handed_to: (nullable): for %WG_TRANSFER_HANDED_OVER, who took the
 *   persons over; %NULL otherwise
 * @error: return location for a #GError
 *
 * Refuses a step out of order (%WG_STORE_ERROR_INVALID, naming the
 * transfer's present state).
 *
 * Returns: %TRUE on success (audited)
 */
gboolean
wg_store_advance_transfer (WgStore          *store,
                           gint64            id,
                           WgTransferState   state,
                           const char       *at,
                           const char       *handed_to,
                           GError          **error)
{
  static const char *const sql[WG_TRANSFER_N_STATES] = {
    NULL,
    "UPDATE transfer SET state = 1, dispatched_at = ?2 WHERE id = ?1 AND state = 0",
    "UPDATE transfer SET state = 2, picked_up_at = ?2 WHERE id = ?1 AND state = 1",
    "UPDATE transfer SET state = 3, handed_over_at = ?2, handed_to = ?3 WHERE id = ?1 AND state = 2",
  };
  g_autoptr(WgTransferInfo) transfer = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *detail = NULL;
  g_autofree char *gone = NULL;
  const char *before;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (state > WG_TRANSFER_PLANNED && state < WG_TRANSFER_N_STATES, FALSE);

  if (!wg_store_check_time (at, _("Time"), error) || !(transfer = wg_store_get_transfer (store, id, error)))
    return FALSE;
  if (transfer->state != state - 1)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Transfer %s is “%s”: it cannot be “%s” now."), id_text,
                   wg_transfer_state_describe (transfer->state), wg_transfer_state_describe (state));
      return FALSE;
    }
  if (state == WG_TRANSFER_HANDED_OVER && !wg_store_check_text (handed_to, 64, _("Handed over to"), error))
    return FALSE;
  before = state == WG_TRANSFER_PICKED_UP ? transfer->dispatched_at
           : state == WG_TRANSFER_HANDED_OVER ? transfer->picked_up_at : NULL;
  if (before != NULL && strcmp (at, before) < 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Transfer %s's step before was at %s: this one cannot be earlier."), id_text,
                   before);
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql[state], error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  wg_stmt_bind_text (stmt, 2, at);
  if (state == WG_TRANSFER_HANDED_OVER)
    wg_stmt_bind_text (stmt, 3, handed_to);
  detail = g_strdup_printf ("%s %s%s%s", wg_transfer_state_to_string (state), at,
                            handed_to != NULL ? " → " : "", handed_to != NULL ? handed_to : "");
  gone = g_strdup_printf (_("Transfer %s was changed at another desk meanwhile: read it again."), id_text);
  return wg_store_change_and_log (store, stmt, wg_transfer_state_to_string (state), "transfer", id, detail, gone,
                                  error);
}

#define TRANSFER_SELECT \
  "SELECT t.id, t.day, t.from_kind, t.from_place, coalesce (t.to_site_id, 0), coalesce (t.to_household_id, 0)," \
  "  coalesce (s.name, h.code || ' ' || h.address), t.vehicle, t.driver, t.escort, t.state," \
  "  t.dispatched_at, t.picked_up_at, t.handed_over_at, t.handed_to" \
  " FROM transfer t LEFT JOIN quarantine_site s ON s.id = t.to_site_id" \
  " LEFT JOIN household h ON h.id = t.to_household_id"

static gboolean
read_persons (WgStore         *store,
              WgTransferInfo  *info,
              GError         **error)
{
  static const char sql[] =
    "SELECT p.id, p.name, p.id_number, p.phone FROM transfer_person tp JOIN person p ON p.id = tp.person_id"
    " WHERE tp.transfer_id = ? ORDER BY p.name, p.id";
  WgStmt *stmt;
  int rc;

  info->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_transfer_person_free);
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, info->id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgTransferPerson *person = g_new0 (WgTransferPerson, 1);

      person->person_id = wg_stmt_column_int64 (stmt, 0);
      person->name = g_strdup (wg_stmt_column_text (stmt, 1));
      person->id_number = g_strdup (wg_stmt_column_text (stmt, 2));
      person->phone = g_strdup (wg_stmt_column_text (stmt, 3));
      g_ptr_array_add (info->persons, person);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
query_transfers (WgStore     *store,
                 const char  *day,
                 gint64       person_id,
                 gint64       id,
                 GError     **error)
{
  static const char sql[] =
    TRANSFER_SELECT
    " WHERE (?1 IS NULL OR t.day = ?1)"
    "   AND (?2 = 0 OR EXISTS (SELECT 1 FROM transfer_person tp WHERE tp.transfer_id = t.id AND tp.person_id = ?2))"
    "   AND (?3 = 0 OR t.id = ?3)"
    " ORDER BY t.day DESC, t.state = 3, t.id";
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_transfer_info_free);
  WgStmt *stmt;
  int rc;

  if (day != NULL && !wg_store_check_day (day, _("Day"), error))
    return NULL;
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  if (day != NULL)
    wg_stmt_bind_text (stmt, 1, day);
  wg_stmt_bind_int64 (stmt, 2, person_id);
  wg_stmt_bind_int64 (stmt, 3, id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgTransferInfo *info = g_new0 (WgTransferInfo, 1);

#define TEXT(i) g_strdup (wg_stmt_column_text (stmt, (i)))
      info->id = wg_stmt_column_int64 (stmt, 0);
      info->day = TEXT (1);
      info->from_kind = wg_stmt_column_int (stmt, 2);
      info->from_place = TEXT (3);
      info->to_site_id = wg_stmt_column_int64 (stmt, 4);
      info->to_household_id = wg_stmt_column_int64 (stmt, 5);
      info->to_place = TEXT (6);
      info->vehicle = TEXT (7);
      info->driver = TEXT (8);
      info->escort = TEXT (9);
      info->state = wg_stmt_column_int (stmt, 10);
      info->dispatched_at = TEXT (11);
      info->picked_up_at = TEXT (12);
      info->handed_over_at = TEXT (13);
      info->handed_to = TEXT (14);
#undef TEXT
      g_ptr_array_add (transfers, info);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  for (guint i = 0; i < transfers->len; i++)
    if (!read_persons (store, g_ptr_array_index (transfers, i), error))
      return NULL;
  return g_steal_pointer (&transfers);
}

/**
 * wg_store_list_transfers:
 * @store: a #WgStore
 * @day: (nullable): the day's transfers; %NULL for every day
 * @person_id: one person's transfers; 0 for everybody's
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgTransferInfo): the
 *   transfers, latest day first, those not handed over first within a day
 */
GPtrArray *
wg_store_list_transfers (WgStore     *store,
                         const char  *day,
                         gint64       person_id,
                         GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  return query_transfers (store, day, person_id, 0, error);
}

/**
 * wg_store_get_transfer:
 *
 * Returns: (transfer full): the transfer, or %NULL with
 *   %WG_STORE_ERROR_NOT_FOUND
 */
WgTransferInfo *
wg_store_get_transfer (WgStore     *store,
                       gint64       id,
                       GError     **error)
{
  g_autoptr(GPtrArray) transfers = NULL;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (id <= 0 || !(transfers = query_transfers (store, NULL, 0, id, error)) || transfers->len == 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (error != NULL && *error == NULL)
        g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, _("There is no transfer number %s."), id_text);
      return NULL;
    }
  return g_ptr_array_steal_index (transfers, 0);
}
