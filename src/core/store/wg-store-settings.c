/* wg-store-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The county's settings: the label-signing key and its rotation, the
 * county's own values (hotline, thresholds, the registration form's web
 * address), each checked before it is kept.
 */

#define G_LOG_DOMAIN "wg-store-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wg-store-settings.h"
#include "wg-store-private.h"

/* Settings kept in the database, so that the application and wangge-cli
 * print the same thing; each with its default. */
static const struct
{
  const char *key;
  const char *fallback;
} known_settings[] = {
  { "poster-url-template", "https://example.gov.cn/quwo/fanxiang?grid={grid_code}&name={grid_name}" },
  { "county-hotline", "0357-5221000" },
  { "issuing-organisation", "曲沃县疫情防控工作领导组办公室" },
  /* A door sensor silent for longer is offline. */
  { "sensor-heartbeat-minutes", "60" },
  /* A door open longer while armed is an alert of its own. */
  { "door-open-minutes", "10" },
  /* A help order not accepted within so long is overdue. */
  { "order-accept-minutes", "120" },
  /* From this hour the grids that have not reported the day are listed. */
  { "report-hour", "21" },
  /* The five-to-one team's roles (五包一), as the county calls them. */
  { "team-roles", "乡镇干部;村干部;网格员;村医;民警" },
};

static gboolean
check_setting_key (const char  *key,
                   const char **fallback,
                   GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_settings); i++)
    if (g_strcmp0 (known_settings[i].key, key) == 0)
      {
        if (fallback != NULL)
          *fallback = known_settings[i].fallback;
        return TRUE;
      }

  g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
               _("There is no setting called “%s”."), key);
  return FALSE;
}

/**
 * wg_store_list_setting_keys:
 *
 * Returns: (transfer container): the names of the settings kept in the database
 */
GStrv
wg_store_list_setting_keys (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv keys;

  for (guint i = 0; i < G_N_ELEMENTS (known_settings); i++)
    g_strv_builder_add (builder, known_settings[i].key);
  keys = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return keys;
}

/**
 * wg_store_dup_setting:
 * @self: a #WgStore
 * @key: a setting's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the setting, or its default when it was never set
 */
char *
wg_store_dup_setting (WgStore     *self,
                      const char  *key,
                      GError     **error)
{
  static const char sql[] = "SELECT value FROM settings WHERE key = ?";
  const char *fallback = NULL;
  WgStmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  if (!check_setting_key (key, &fallback, error) || !(stmt = wg_store_prepare (self, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, key);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    value = g_strdup (wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (self, rc, error);
      return NULL;
    }
  return value != NULL ? value : g_strdup (fallback);
}

/**
 * wg_store_set_setting:
 * @self: a #WgStore
 * @key: a setting's name
 * @value: (nullable): the new value; %NULL for the default
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_set_setting (WgStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  static const char set_sql[] = "INSERT INTO settings (key, value) VALUES (?, ?)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  static const char reset_sql[] = "DELETE FROM settings WHERE key = ?";
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (self), FALSE);

  if (!check_setting_key (key, NULL, error))
    return FALSE;
  if (value != NULL && g_str_equal (key, "poster-url-template") &&
      !wg_poster_url_template_validate (value, error))
    return FALSE;
  if (value != NULL &&
      (g_str_equal (key, "sensor-heartbeat-minutes") || g_str_equal (key, "door-open-minutes")))
    {
      guint64 minutes = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 1, 24 * 60, &minutes, NULL))
        {
          g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                               g_str_equal (key, "door-open-minutes")
                               ? _("The time a door may stay open is a number of minutes from 1 to 1440.")
                               : _("The heartbeat is a number of minutes from 1 to 1440."));
          return FALSE;
        }
    }
  if (value != NULL && g_str_equal (key, "order-accept-minutes"))
    {
      guint64 minutes = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 1, 7 * 24 * 60, &minutes, NULL))
        {
          g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                               _("The time to accept a help order is a number of minutes from 1 to 10080."));
          return FALSE;
        }
    }
  if (value != NULL && g_str_equal (key, "report-hour"))
    {
      guint64 hour = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 0, 23, &hour, NULL))
        {
          g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                               _("The reporting hour is a whole hour from 0 to 23."));
          return FALSE;
        }
    }
  if (value != NULL && g_str_equal (key, "team-roles"))
    {
      g_auto(GStrv) roles = g_strsplit (value, ";", -1);
      gboolean named = g_strv_length (roles) == 5;

      for (guint i = 0; named && roles[i] != NULL; i++)
        named = *g_strstrip (roles[i]) != '\0' && g_utf8_strlen (roles[i], -1) <= 16;
      if (!named)
        {
          g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                               _("The team's roles are five names of up to 16 characters, separated by “;”."));
          return FALSE;
        }
    }
  if (value != NULL && strspn (value, " \t\n") == strlen (value))
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("The value is empty."));
      return FALSE;
    }
  if (!wg_store_begin (self, error))
    return FALSE;
  if (!(stmt = wg_store_prepare (self, value != NULL ? set_sql : reset_sql, error)))
    goto failed;
  wg_stmt_bind_text (stmt, 1, key);
  if (value != NULL)
    wg_stmt_bind_text (stmt, 2, value);
  if (!wg_store_step_done (self, stmt, error) ||
      !wg_store_log (self, "set", "settings", 0, key, error))
    goto failed;
  return wg_store_commit (self, error);

failed:
  wg_store_rollback (self);
  return FALSE;
}

/**
 * wg_store_dup_signing_key:
 * @self: a #WgStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key that signs this database's QR labels now
 */
GBytes *
wg_store_dup_signing_key (WgStore  *self,
                          GError  **error)
{
  static const char sql[] = "SELECT key FROM signing_key WHERE retired_at IS NULL";
  WgStmt *stmt;
  GBytes *key = NULL;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  if (!(stmt = wg_store_prepare (self, sql, error)))
    return NULL;
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW && wg_stmt_column_bytes (stmt, 0) >= 16)
    key = g_bytes_new (wg_stmt_column_blob (stmt, 0), wg_stmt_column_bytes (stmt, 0));
  wg_stmt_reset (stmt);

  if (key == NULL)
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CORRUPT,
                 _("The database “%s” has no signing key for QR labels."), wg_store_get_path (self));
  return key;
}

/**
 * wg_store_dup_retired_signing_keys:
 * @self: a #WgStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type GBytes): the keys that signed labels
 *   before the current one, newest first
 */
GPtrArray *
wg_store_dup_retired_signing_keys (WgStore  *self,
                                   GError  **error)
{
  static const char sql[] =
    "SELECT key FROM signing_key WHERE retired_at IS NOT NULL ORDER BY id DESC";
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  if (!(stmt = wg_store_prepare (self, sql, error)))
    return NULL;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    g_ptr_array_add (keys, g_bytes_new (wg_stmt_column_blob (stmt, 0),
                                        wg_stmt_column_bytes (stmt, 0)));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/**
 * wg_store_rotate_signing_key:
 * @self: a #WgStore
 * @error: return location for a #GError
 *
 * Retires the current signing key and makes a new one. Labels printed
 * before then verify as outdated until they are reprinted.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_rotate_signing_key (WgStore  *self,
                             GError  **error)
{
  static const char retire_sql[] =
    "UPDATE signing_key SET retired_at = datetime ('now', 'localtime') WHERE retired_at IS NULL";
  static const char insert_sql[] =
    "INSERT INTO signing_key (key, created_at) VALUES (?, datetime ('now', 'localtime'))";
  guint8 key[WG_STORE_SIGNING_KEY_BYTES];
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (self), FALSE);

  if (!wg_store_fill_random (key, sizeof key, error) || !wg_store_begin (self, error))
    return FALSE;

  if (!(stmt = wg_store_prepare (self, retire_sql, error)) ||
      !wg_store_step_done (self, stmt, error) ||
      !(stmt = wg_store_prepare (self, insert_sql, error)))
    goto failed;
  wg_stmt_bind_blob (stmt, 1, key, sizeof key);
  if (!wg_store_step_done (self, stmt, error) ||
      !wg_store_log (self, "rotate", "signing_key", wg_store_last_insert_id (self), NULL, error))
    goto failed;

  return wg_store_commit (self, error);

failed:
  wg_store_rollback (self);
  return FALSE;
}

/**
 * wg_poster_url_expand:
 * @url_template: the registration form's URL with {grid_code} and {grid_name}
 * @grid_code: the grid's code
 * @grid_name: the grid's name, in Chinese
 *
 * Returns: (transfer full): the URL, with the substituted values
 *   percent-encoded as UTF-8
 */
char *
wg_poster_url_expand (const char *url_template,
                      const char *grid_code,
                      const char *grid_name)
{
  g_autofree char *code = g_uri_escape_string (grid_code, NULL, FALSE);
  g_autofree char *name = g_uri_escape_string (grid_name, NULL, FALSE);
  GString *url = g_string_new (url_template);

  g_string_replace (url, "{grid_code}", code, 0);
  g_string_replace (url, "{grid_name}", name, 0);
  return g_string_free (url, FALSE);
}

/**
 * wg_poster_url_template_validate:
 * @url_template: a registration-form URL template
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @url_template is a web address with {grid_code} in
 *   it, so that each village's submissions can be told apart
 */
gboolean
wg_poster_url_template_validate (const char  *url_template,
                                 GError     **error)
{
  g_autofree char *sample = NULL;

  if (url_template == NULL ||
      !(g_str_has_prefix (url_template, "https://") || g_str_has_prefix (url_template, "http://")))
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("The registration form’s address starts with https:// or http://."));
      return FALSE;
    }
  if (strstr (url_template, "{grid_code}") == NULL)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("Put {grid_code} in the address, so each village’s registrations can be told apart."));
      return FALSE;
    }
  sample = wg_poster_url_expand (url_template, "141021100200", "东韩村");
  if (strpbrk (sample, " \t\n") != NULL || !g_uri_is_valid (sample, G_URI_FLAGS_PARSE_RELAXED, NULL))
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("This is not a valid web address."));
      return FALSE;
    }
  return TRUE;
}
