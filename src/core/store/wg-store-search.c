/* wg-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search over persons, households and grids. Queries of three characters and
 * more go to the trigram index (substrings of names, addresses, ID numbers,
 * phones and codes). Trigrams cannot match one or two characters, yet most
 * Chinese names are that short, so shorter queries look up names by prefix in
 * the ordinary name indices: "张三" finds 张三 and 张三丰. A household label
 * payload (WG1:…, as a barcode scanner types it) is verified and opens its
 * household.
 */

#define G_LOG_DOMAIN "wg-search"

#include "config.h"

#include <string.h>

#include "wg-store-search.h"
#include "wg-label.h"
#include "wg-store-private.h"

void
wg_search_result_free (WgSearchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->title);
  g_free (result->detail);
  g_free (result->location);
  g_free (result->grid_code);
  g_free (result);
}

static const char *const resolve_sql[] = {
  NULL,
  "SELECT p.name, p.id_number, g.code, h.address, p.phone FROM person p"
  " LEFT JOIN household h ON h.id = p.household_id LEFT JOIN grid g ON g.id = h.grid_id"
  " WHERE p.id = ?",
  /* A household by the name people know it by: its head's, the code beside. */
  "SELECT coalesce ((SELECT p.name FROM person p WHERE p.household_id = h.id"
  "                  ORDER BY p.relation IS DISTINCT FROM '户主', p.id LIMIT 1) || ' · ' || h.code, h.code),"
  "  h.address, g.code, NULL, NULL FROM household h JOIN grid g ON g.id = h.grid_id"
  " WHERE h.id = ?",
  "SELECT name, code, code, NULL, NULL FROM grid WHERE id = ?",
};

static gboolean
add_result (WgStore       *store,
            const char    *query,
            GPtrArray     *results,
            GHashTable    *seen,
            WgSearchKind   kind,
            gint64         id,
            GError       **error)
{
  gint64 key = (id << 2) | kind;
  WgStmt *stmt;
  WgSearchResult *result;
  int rc;

  if (g_hash_table_contains (seen, &key))
    return TRUE;

  if (!(stmt = wg_store_prepare (store, resolve_sql[kind], error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  rc = wg_stmt_step (stmt);
  if (rc != WG_STMT_ROW)
    {
      wg_stmt_reset (stmt);
      if (rc == WG_STMT_DONE)
        return TRUE;
      wg_store_set_error (store, rc, error);
      return FALSE;
    }

  result = g_new0 (WgSearchResult, 1);
  result->kind = kind;
  result->id = id;
  result->title = g_strdup (wg_stmt_column_text (stmt, 0));
  result->detail = g_strdup (wg_stmt_column_text (stmt, 1));
  /* Found by the phone: show the phone, not the ID number. */
  {
    const char *phone = wg_stmt_column_text (stmt, 4);

    if (phone != NULL && query != NULL && *query != '\0' && strstr (phone, query) != NULL &&
        strstr (result->detail, query) == NULL)
      {
        g_free (result->detail);
        result->detail = g_strdup (phone);
      }
  }
  result->grid_code = g_strdup (wg_stmt_column_text (stmt, 2));
  result->location = g_strdup (wg_stmt_column_text (stmt, 3));
  wg_stmt_reset (stmt);

  g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
  g_ptr_array_add (results, result);
  return TRUE;
}

static gboolean
search_names (WgStore     *store,
              const char  *query,
              guint        limit,
              GPtrArray   *results,
              GHashTable  *seen,
              GError     **error)
{
  /* Exact names first, then longer names with the same beginning. The range
   * test uses the name index; U+10FFFF sorts after every character. */
  static const WgSearchSql sqls[] = { WG_SEARCH_SQL_GRIDS_BY_NAME, WG_SEARCH_SQL_PERSONS_BY_NAME };
  static const WgSearchKind kinds[] = { WG_SEARCH_KIND_GRID, WG_SEARCH_KIND_PERSON };
  g_autofree char *end = wg_store_name_prefix_end (query);

  for (guint q = 0; q < G_N_ELEMENTS (sqls); q++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      WgStmt *stmt;
      int rc;

      if (!(stmt = wg_store_prepare (store, wg_store_search_sql (store, sqls[q]), error)))
        return FALSE;
      wg_stmt_bind_text (stmt, 1, query);
      wg_stmt_bind_int (stmt, 2, limit);
      wg_stmt_bind_text (stmt, 3, end);
      while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
        {
          gint64 id = wg_stmt_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      wg_stmt_reset (stmt);
      if (rc != WG_STMT_DONE)
        {
          wg_store_set_error (store, rc, error);
          return FALSE;
        }

      for (guint i = 0; i < ids->len && results->len < limit; i++)
        if (!add_result (store, query, results, seen, kinds[q], g_array_index (ids, gint64, i), error))
          return FALSE;
    }

  return TRUE;
}

static gboolean
search_trigrams (WgStore     *store,
                 const char  *query,
                 guint        limit,
                 GPtrArray   *results,
                 GHashTable  *seen,
                 GError     **error)
{
  /* No ORDER BY rank: ranking every match of a common fragment ("139",
   * "141021" — a third of the county) costs hundreds of milliseconds; the
   * first matches, exact ones put first, serve the search box. */
  g_autofree char *pattern = wg_store_search_pattern (store, query);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, wg_store_search_sql (store, WG_SEARCH_SQL_INDEX), error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, pattern);
  wg_stmt_bind_int (stmt, 2, limit);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 rowid = wg_stmt_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);
      WgSearchKind kind = rowid & 3;

      if (kind < WG_SEARCH_KIND_PERSON || kind > WG_SEARCH_KIND_GRID)
        continue;
      if (!add_result (store, query, results, seen, kind, rowid >> 2, error))
        return FALSE;
    }
  return TRUE;
}

/* A household label typed in by a barcode scanner: verify it, and find
 * its household when it is genuine (even outdated). */
static GPtrArray *
search_label (WgStore     *store,
              const char  *query,
              GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_search_result_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = NULL;
  WgSearchResult *result;
  WgLabelStatus status;
  gint64 household = 0;

  status = wg_label_verify (store, query, &code, &household, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if ((status == WG_LABEL_STATUS_VALID || status == WG_LABEL_STATUS_OUTDATED) && household > 0)
    {
      if (!add_result (store, query, results, seen, WG_SEARCH_KIND_HOUSEHOLD, household, error))
        return NULL;
      result = g_ptr_array_index (results, 0);
    }
  else
    {
      result = g_new0 (WgSearchResult, 1);
      result->kind = WG_SEARCH_KIND_LABEL;
      result->title = g_strdup (code != NULL ? code : query);
      result->detail = g_strdup (wg_label_status_describe (status));
      g_ptr_array_add (results, result);
    }
  result->is_label = TRUE;
  result->label_status = status;
  return g_steal_pointer (&results);
}

static int
compare_exact_first (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const WgSearchResult *ra = *(WgSearchResult * const *) a;
  const WgSearchResult *rb = *(WgSearchResult * const *) b;
  const char *query = user_data;
  gboolean ea = g_strcmp0 (ra->title, query) == 0 || g_strcmp0 (ra->detail, query) == 0;
  gboolean eb = g_strcmp0 (rb->title, query) == 0 || g_strcmp0 (rb->detail, query) == 0;

  return eb - ea;
}

/**
 * wg_store_search:
 * @store: a #WgStore
 * @query: what was typed: a name, part of an ID number, a phone, a household
 *   code, part of an address or a grid's name or code
 * @limit: the most results to return
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgSearchResult): the results, exact
 *   matches first
 */
GPtrArray *
wg_store_search (WgStore     *store,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *text = NULL;
  glong n_chars;
  gboolean ok;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_search_result_free);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  text = g_strstrip (g_utf8_normalize (query, -1, G_NORMALIZE_NFKC));
  if (text == NULL || limit == 0)
    return g_steal_pointer (&results);

  if (wg_label_looks_like (text))
    return search_label (store, text, error);

  /* A lowercase x at the end of an ID number, a lowercase household code. */
  if (strlen (text) >= 6 && g_str_is_ascii (text))
    {
      char *upper = g_ascii_strup (text, -1);
      g_free (text);
      text = upper;
    }

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars == 0)
    return g_steal_pointer (&results);

  if (n_chars < 3)
    ok = search_names (store, text, limit, results, seen, error);
  else
    ok = search_names (store, text, limit, results, seen, error) &&
         search_trigrams (store, text, limit, results, seen, error);
  if (!ok)
    return NULL;

  g_ptr_array_sort_with_data (results, compare_exact_first, text);
  if (results->len > limit)
    g_ptr_array_set_size (results, limit);
  return g_steal_pointer (&results);
}

/**
 * wg_store_count_search:
 * @store: a #WgStore
 * @query: what was typed
 * @cap: stop counting there (a common fragment matches a third of a county)
 * @error: return location for a #GError
 *
 * How many things a search for @query would find without a limit — for
 * "50 of 11,881": people and grids by name, and what the search index
 * holds of it (a thing found both ways may be counted twice).
 *
 * Returns: the count, at most @cap; 0 with @error set on failure
 */
guint
wg_store_count_search (WgStore     *store,
                       const char  *query,
                       guint        cap,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *end = NULL;
  guint total = 0;

  g_return_val_if_fail (WG_IS_STORE (store), 0);
  g_return_val_if_fail (query != NULL, 0);

  text = g_strstrip (g_utf8_normalize (query, -1, G_NORMALIZE_NFKC));
  if (text == NULL || *text == '\0' || wg_label_looks_like (text))
    return 0;
  if (strlen (text) >= 6 && g_str_is_ascii (text))
    {
      char *upper = g_ascii_strup (text, -1);
      g_free (text);
      text = upper;
    }
  pattern = wg_store_search_pattern (store, text);
  end = wg_store_name_prefix_end (text);

  for (guint q = 0; q < 2; q++)
    {
      WgStmt *stmt;
      int rc;

      if (q == 1 && g_utf8_strlen (text, -1) < 3)
        break;
      if (!(stmt = wg_store_prepare (store, wg_store_search_sql (store, q == 0 ? WG_SEARCH_SQL_COUNT_NAMES
                                                                                : WG_SEARCH_SQL_COUNT_INDEX),
                                     error)))
        return 0;
      wg_stmt_bind_text (stmt, 1, q == 0 ? text : pattern);
      wg_stmt_bind_int (stmt, 2, cap);
      wg_stmt_bind_text (stmt, 3, end);
      rc = wg_stmt_step (stmt);
      if (rc == WG_STMT_ROW)
        total += wg_stmt_column_int (stmt, 0);
      wg_stmt_reset (stmt);
      if (rc != WG_STMT_ROW)
        {
          wg_store_set_error (store, rc, error);
          return 0;
        }
    }
  return MIN (total, cap);
}
