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

#include "wg-store-persons.h"
#include "wg-idnum.h"
#include "wg-store-private.h"

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
  WgStmt *stmt;
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
    wg_stmt_bind_int64 (stmt, 1, fields->household_id);
  wg_stmt_bind_text (stmt, 2, id_number);
  wg_stmt_bind_text (stmt, 3, fields->name);
  wg_stmt_bind_int (stmt, 4, wg_id_number_get_sex (id_number));
  wg_stmt_bind_text (stmt, 5, birth_text);
  if (fields->phone != NULL)
    wg_stmt_bind_text (stmt, 6, fields->phone);
  if (fields->relation != NULL)
    wg_stmt_bind_text (stmt, 7, fields->relation);

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
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_begin (store, error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, who_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    who = g_strdup (wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  if (who == NULL)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                           _("This person is no longer in the database."));
      goto failed;
    }

  if (!(stmt = wg_store_prepare (store, delete_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  if (!wg_store_step_done (store, stmt, error) ||
      !wg_store_log (store, "delete", "person", person_id, who, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
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
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (start_day != NULL && end_day != NULL, FALSE);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_int (stmt, 2, kind);
  wg_stmt_bind_text (stmt, 3, start_day);
  wg_stmt_bind_text (stmt, 4, end_day);

  detail = g_strdup_printf ("%s – %s", start_day, end_day);
  return wg_store_insert_and_log (store, stmt, "quarantine", detail, NULL, error);
}

/**
 * wg_store_update_person:
 * @store: a #WgStore
 * @person_id: whom
 * @name: the name
 * @phone: (nullable): a mobile or landline number; %NULL or "" for none
 * @relation: (nullable): to the head of household
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_update_person (WgStore     *store,
                        gint64       person_id,
                        const char  *name,
                        const char  *phone,
                        const char  *relation,
                        GError     **error)
{
  return wg_store_update_person_seen (store, person_id, 0, name, phone, relation, error);
}

/**
 * wg_store_update_person_seen:
 * @store: a #WgStore
 * @person_id: whom
 * @version: the person's version when the form was filled
 *   (#WgPersonInfo.version); 0 to save whatever it is now
 * @name: the name
 * @phone: (nullable): a mobile or landline number; %NULL or "" for none
 * @relation: (nullable): to the head of household
 * @error: return location for a #GError
 *
 * Saves a person's details, unless another desk saved them since @version
 * was read: then nothing changes and @error (%WG_STORE_ERROR_CHANGED) says
 * who did, when and from which desk.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_update_person_seen (WgStore     *store,
                             gint64       person_id,
                             gint64       version,
                             const char  *name,
                             const char  *phone,
                             const char  *relation,
                             GError     **error)
{
  static const char sql[] =
    "UPDATE person SET name = ?2, phone = ?3, relation = ?4, version = version + 1"
    " WHERE id = ?1 AND (?5 = 0 OR version = ?5)";
  g_autofree char *clean_name = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) local = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_text (name, 32, _("Name"), error))
    return FALSE;
  if (phone != NULL && *phone != '\0' && !wg_phone_validate (phone, error))
    return FALSE;
  clean_name = g_strstrip (g_strdup (name));
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, clean_name);
  if (phone != NULL && *phone != '\0')
    wg_stmt_bind_text (stmt, 3, phone);
  if (relation != NULL && *relation != '\0')
    wg_stmt_bind_text (stmt, 4, relation);
  wg_stmt_bind_int64 (stmt, 5, version);
  detail = g_strdup_printf ("%s, %s, %s", clean_name, phone != NULL ? phone : "",
                            relation != NULL ? relation : "");
  if (wg_store_change_and_log (store, stmt, "update", "person", person_id, detail, "", &local))
    return TRUE;
  if (g_error_matches (local, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND))
    wg_store_explain_missed_save (store, "person", person_id, _("This person is no longer in the database."), error);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/**
 * wg_store_list_quarantine_sites:
 * @store: a #WgStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the central quarantine sites' names, by name
 */
GStrv
wg_store_list_quarantine_sites (WgStore  *store,
                                GError  **error)
{
  static const char sql[] = "SELECT name FROM quarantine_site ORDER BY name";
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  return wg_store_collect_strings (store, stmt, error);
}

/**
 * wg_store_add_central_quarantine:
 * @store: a #WgStore
 * @person_id: who
 * @site: the site's name
 * @room: (nullable): the room
 * @start_day: the first day
 * @end_day: the last day, not before @start_day
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_central_quarantine (WgStore     *store,
                                 gint64       person_id,
                                 const char  *site,
                                 const char  *room,
                                 const char  *start_day,
                                 const char  *end_day,
                                 GError     **error)
{
  static const char sql[] =
    "INSERT INTO quarantine (person_id, kind, site_id, start_day, end_day)"
    " SELECT ?1, 2, id, ?3, ?4 FROM quarantine_site WHERE name = ?2";
  static const char room_sql[] =
    "SELECT r.id FROM site_room r JOIN quarantine_site s ON s.id = r.site_id WHERE s.name = ? AND r.number = ?";
  g_autofree char *detail = NULL;
  g_autofree char *number = NULL;
  gint64 room_id = 0;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_day (start_day, _("First day"), error) || !wg_store_check_day (end_day, _("Last day"), error))
    return FALSE;
  if (strcmp (end_day, start_day) < 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("The quarantine cannot end before it starts."));
      return FALSE;
    }
  /* A room named is one of the site's on record: the stay is made with
   * the quarantine, its capacity checked. */
  if (room != NULL && *(number = g_strstrip (g_strdup (room))) != '\0')
    {
      if (!(stmt = wg_store_prepare (store, room_sql, error)))
        return FALSE;
      wg_stmt_bind_text (stmt, 1, site);
      wg_stmt_bind_text (stmt, 2, number);
      if (wg_stmt_step (stmt) == WG_STMT_ROW)
        room_id = wg_stmt_column_int64 (stmt, 0);
      wg_stmt_reset (stmt);
      if (room_id == 0)
        {
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                       _("%s has no room %s on record: add it in the Central Quarantine Sites window first."), site,
                       number);
          return FALSE;
        }
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, site);
  wg_stmt_bind_text (stmt, 3, start_day);
  wg_stmt_bind_text (stmt, 4, end_day);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": central %s %s – %s", person_id, site,
                            start_day, end_day);
  if (!wg_store_begin (store, error))
    {
      wg_stmt_reset (stmt);
      return FALSE;
    }
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (wg_store_changes (store) == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no central quarantine site “%s”."), site);
      goto failed;
    }
  if (!wg_store_log (store, "insert", "quarantine", wg_store_last_insert_id (store),
                     detail, error))
    goto failed;
  if (room_id != 0 &&
      !wg_store_assign_room_in_transaction (store, room_id, person_id, start_day, end_day, NULL, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_find_person:
 * @store: a #WgStore
 * @id_number: a resident ID number
 * @error: return location for a #GError
 *
 * Returns: the person's id, or 0 with a NOT_FOUND error that names the number
 */
gint64
wg_store_find_person (WgStore     *store,
                      const char  *id_number,
                      GError     **error)
{
  g_autofree char *not_found = g_strdup_printf (_("There is no person with the ID number “%s”."), id_number);

  return wg_store_find_id (store, "SELECT id FROM person WHERE id_number = upper (?)", id_number,
                           not_found, error);
}
