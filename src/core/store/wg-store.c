/* wg-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQLite file per county, in WAL mode with foreign keys on. Opening checks
 * that the file is ours and not newer than this program before anything is
 * written, then runs the forward migrations in one transaction.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "wg-store.h"
#include "wg-idnum.h"
#include "wg-output.h"
#include "wg-store-pg.h"
#include "wg-store-sqlite.h"

struct _WgStore
{
  GObject parent_instance;

  /* owned: one engine's connection */
  sqlite3 *db;
  WgPgConn *pg;
  char *path;             /* as shown: a file, or the server's URI without a password */
  char *location;         /* what opens it again: the file, or the whole URI */
  char *operator_name;
  GHashTable *statements; /* const char *sql (static) → WgStmt * */

  /* the server's news of other desks */
  guint watch_id;
  guint reconnect_id;

  /* state */
  guint schema_version;
  guint read_only : 1;
};

G_DEFINE_FINAL_TYPE (WgStore, wg_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  REMOTE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (wg-store-error-quark, wg_store_error)

#define BUSY_TIMEOUT_MS 3000
/* The schema version the county server came with: its baseline. */
#define WG_STORE_PG_BASELINE 6

static gboolean query_int (WgStore     *self,
                           const char  *sql,
                           gint64      *value,
                           GError     **error);

/* Messages of the RAISE () calls in wg-schema.c, made readable. */
static const struct
{
  const char *raised;
  const char *message;
} trigger_messages[] = {
  { "grid level must be one below its parent", N_("A grid must sit exactly one level below its parent.") },
  { "grid code must extend its parent's code", N_("A grid's code must begin with its parent's code.") },
  { "a grid with children cannot change level", N_("A grid that has children cannot change its level.") },
  { "households belong to a level-5 micro-grid", N_("Households can only be placed on a micro-grid (level 5).") },
};

static void set_server_error (WgStore *self, GError **error);

void
wg_store_set_error (WgStore  *self,
                    int       rc,
                    GError  **error)
{
  if (self != NULL && self->pg != NULL)
    {
      if (rc == WG_STMT_CORRUPT)
        wg_pg_set_error_from (self->pg, "XX001", "a row the county needs is missing");
      set_server_error (self, error);
      return;
    }

  const char *detail = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  const char *path = self != NULL && self->path != NULL ? self->path : "";

  g_debug ("sqlite error %d: %s", rc, detail);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_BUSY,
                   _("The database “%s” is locked by another program. Close that program and try again."),
                   path);
      break;

    case SQLITE_READONLY:
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only. Make it writable, or open a copy."), path);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Wangge database."), path);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged. Restore it from a backup."), path);
      break;

    case SQLITE_FULL:
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                   _("The disk holding “%s” is full. Free some space and try again."), path);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                   _("Cannot open the database “%s”. Check that its folder exists and is writable."),
                   path);
      break;

    case SQLITE_CONSTRAINT:
      for (guint i = 0; i < G_N_ELEMENTS (trigger_messages); i++)
        {
          if (g_strcmp0 (detail, trigger_messages[i].raised) == 0)
            {
              g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                                   _(trigger_messages[i].message));
              return;
            }
        }
      if ((rc == SQLITE_CONSTRAINT_UNIQUE) || (rc == SQLITE_CONSTRAINT_PRIMARYKEY))
        g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                             _("This record already exists."));
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                             _("This record is still referred to elsewhere, or refers to something that does not exist."));
      else
        g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                             _("The value is not plausible and was not saved."));
      break;

    default:
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                   _("The database “%s” could not be used (%s)."), path, sqlite3_errstr (rc));
      break;
    }
}

sqlite3 *
wg_store_get_db (WgStore *self)
{
  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  return self->db;
}

/* Statements are cached by the address of their (static) SQL text. */
WgStmt *
wg_store_prepare (WgStore     *self,
                  const char  *sql,
                  GError     **error)
{
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      wg_stmt_reset (stmt);
      wg_stmt_clear_bindings (stmt);
      return stmt;
    }
  stmt = self->pg != NULL ? wg_stmt_pg_prepare (self, self->pg, sql, error)
                          : wg_stmt_sqlite_prepare (self, self->db, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* The id the connection's last INSERT gave its row. */
gint64
wg_store_last_insert_id (WgStore *self)
{
  gint64 id = 0;

  if (self->pg == NULL)
    return sqlite3_last_insert_rowid (self->db);
  query_int (self, "SELECT lastval ()", &id, NULL);
  return id;
}

/* How many rows the connection's last statement changed. */
gint64
wg_store_changes (WgStore *self)
{
  return self->pg != NULL ? wg_pg_changes (self->pg) : sqlite3_changes64 (self->db);
}

/* How many rows the connection has changed since it opened. */
gint64
wg_store_total_changes (WgStore *self)
{
  return self->pg != NULL ? wg_pg_total_changes (self->pg) : sqlite3_total_changes64 (self->db);
}

const char *
wg_store_search_sql (WgStore     *self,
                     WgSearchSql  which)
{
  return self->pg != NULL ? wg_store_pg_search_sql (which) : wg_store_sqlite_search_sql (which);
}

/* What the index queries bind for @query: one FTS5 phrase on SQLite (its
 * quotes doubled, nothing else special); on the server a LIKE pattern for
 * it anywhere in the text (%, _ and \\ escaped). */
char *
wg_store_search_pattern (WgStore    *self,
                         const char *query)
{
  GString *pattern = g_string_new (self->pg != NULL ? "%" : "\"");

  for (const char *p = query; *p; p++)
    {
      if (self->pg == NULL && *p == '"')
        g_string_append_c (pattern, '"');
      if (self->pg != NULL && (*p == '%' || *p == '_' || *p == '\\'))
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, self->pg != NULL ? '%' : '"');
  return g_string_free (pattern, FALSE);
}

/* The smallest text after every name that begins with @prefix (in byte
 * order): @prefix and U+10FFFF. */
char *
wg_store_name_prefix_end (const char *prefix)
{
  return g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
}

/* References checked at the commit, not row by row (a copy writes
 * households before the persons who head them). */
gboolean
wg_store_defer_foreign_keys (WgStore  *self,
                             GError  **error)
{
  return wg_store_exec (self, self->pg != NULL ? "SET CONSTRAINTS ALL DEFERRED" : "PRAGMA defer_foreign_keys = ON",
                        error);
}

/* After rows were written with their ids: new rows get ids after them. On
 * SQLite a rowid is always after the largest; the server's identities are
 * set past the largest id of their table. */
gboolean
wg_store_restart_ids (WgStore  *self,
                      GError  **error)
{
  if (self->pg == NULL)
    return TRUE;
  return wg_store_exec (self,
                        "DO $$ DECLARE t record; BEGIN"
                        "  FOR t IN SELECT table_name FROM information_schema.columns"
                        "           WHERE table_schema = current_schema () AND column_name = 'id'"
                        "             AND is_identity = 'YES' LOOP"
                        "    EXECUTE format ('SELECT setval (pg_get_serial_sequence (%L, ''id''),"
                        "                     coalesce ((SELECT max (id) FROM %I), 0) + 1, false)',"
                        "                    t.table_name, t.table_name);"
                        "  END LOOP;"
                        " END $$",
                        error);
}

/* The sensor feed's advisory lock on the county server: held by the
 * connection of the feed that owns the broker session, let go by the server
 * the moment that connection ends — the process killed, or its host gone
 * (the keepalives below find that out within about ten seconds). */
#define FEED_LOCK_KEY 0x57474644 /* "WGFD" */

/**
 * wg_store_hold_feed_lock:
 * @self: a #WgStore
 * @lock: (out): %WG_STORE_LOCK_NONE on an engine without session locks
 *   (a desk's file: the lease's expiry decides), %WG_STORE_LOCK_HELD when
 *   this connection holds the lock (taken now or before), or
 *   %WG_STORE_LOCK_OTHER when another connection does
 * @error: return location for a #GError
 *
 * Returns: %FALSE only when the store failed
 */
gboolean
wg_store_hold_feed_lock (WgStore      *self,
                         WgStoreLock  *lock,
                         GError      **error)
{
  static const char sql[] =
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
    "                          AND pid = pg_backend_pid () AND classid = 0 AND objsubid = 1"
    "                          AND objid::bigint = ?1)"
    "            THEN 1"
    "            WHEN pg_try_advisory_lock (?1) THEN 2"
    "            ELSE 0 END";
  WgStmt *stmt;
  gint64 result;
  int rc;

  *lock = WG_STORE_LOCK_NONE;
  if (self->pg == NULL)
    return TRUE;
  if (!(stmt = wg_store_prepare (self, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, FEED_LOCK_KEY);
  rc = wg_stmt_step (stmt);
  result = rc == WG_STMT_ROW ? wg_stmt_column_int64 (stmt, 0) : -1;
  wg_stmt_reset (stmt);
  if (result < 0)
    {
      wg_store_set_error (self, rc, error);
      return FALSE;
    }
  /* Just taken: the server is to notice soon if this desk's host goes
   * away without a word (no effect over a Unix socket). */
  if (result == 2 &&
      !wg_store_exec (self, "SET tcp_keepalives_idle = 4; SET tcp_keepalives_interval = 2;"
                            " SET tcp_keepalives_count = 2; SET tcp_user_timeout = 8000", error))
    return FALSE;
  *lock = result > 0 ? WG_STORE_LOCK_HELD : WG_STORE_LOCK_OTHER;
  return TRUE;
}

/* Lets the feed's lock go, if this connection holds it. */
void
wg_store_release_feed_lock (WgStore *self)
{
  WgStmt *stmt;

  if (self->pg == NULL || !(stmt = wg_store_prepare (self, "SELECT pg_advisory_unlock (?1)", NULL)))
    return;
  wg_stmt_bind_int64 (stmt, 1, FEED_LOCK_KEY);
  /* FALSE (with a notice) when it was not held: nothing to do. */
  wg_stmt_step (stmt);
  wg_stmt_reset (stmt);
}

/* After rows were loaded in bulk (a copy): on the server, the tables
 * vacuumed (their pages marked all-visible) and analyzed for the planner —
 * at once, rather than by autovacuum under the first desks' feet. A failure
 * is only slower plans until autovacuum comes by. */
void
wg_store_update_statistics (WgStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!wg_store_exec (self, self->pg != NULL ? "VACUUM (ANALYZE)" : "PRAGMA optimize", &error))
    g_debug ("The statistics were not updated: %s", error->message);
}

/* A bulk job (an import, a demo county) on a desk's file: a bigger page
 * cache and the temporary store in memory while it runs. Nothing to do on
 * the county server, which is tuned by its administrator. */
void
wg_store_set_bulk (WgStore  *self,
                   gboolean  bulk)
{
  if (self->pg != NULL)
    return;
  wg_store_exec (self, bulk ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000", NULL);
  wg_store_exec (self, bulk ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT", NULL);
}

gboolean
wg_store_exec (WgStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc;

  if (self->pg != NULL)
    {
      if (wg_pg_exec (self->pg, sql))
        return TRUE;
      wg_store_set_error (self, WG_STMT_PG_ERROR, error);
      return FALSE;
    }
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      wg_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
wg_store_step_done (WgStore       *self,
                    WgStmt  *stmt,
                    GError       **error)
{
  int rc = wg_stmt_step (stmt);

  if (rc == WG_STMT_DONE || rc == WG_STMT_ROW)
    {
      wg_stmt_reset (stmt);
      return TRUE;
    }

  wg_stmt_reset (stmt);
  wg_store_set_error (self, rc, error);
  return FALSE;
}

gboolean
wg_store_begin (WgStore  *self,
                GError  **error)
{
  return wg_store_exec (self, self->pg != NULL ? "BEGIN" : "BEGIN IMMEDIATE", error);
}

gboolean
wg_store_commit (WgStore  *self,
                 GError  **error)
{
  if (!wg_store_commit_quietly (self, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* A commit that changes nothing a desk counts or shows (the sensor feed's
 * events and sensor states, its lease): no "changed". The feed's alerts
 * are told by the engine's own signal. */
gboolean
wg_store_commit_quietly (WgStore  *self,
                         GError  **error)
{
  if (!wg_store_exec (self, "COMMIT", error))
    {
      wg_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
wg_store_rollback (WgStore *self)
{
  if (self->pg != NULL)
    {
      if (wg_pg_in_transaction (self->pg))
        wg_pg_exec (self->pg, "ROLLBACK");
      return;
    }
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (WgStore     *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (self, sql, error)))
    return FALSE;

  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      *value = wg_stmt_column_int64 (stmt, 0);
      wg_stmt_reset (stmt);
      return TRUE;
    }

  wg_stmt_reset (stmt);
  wg_store_set_error (self, rc == WG_STMT_DONE ? SQLITE_CORRUPT : rc, error);
  return FALSE;
}

/* The first column of the first row of @sql as text, binding @id to its
 * parameter if it has one; NULL when there is no row. */
char *
wg_store_query_text (WgStore    *self,
                     const char *sql,
                     gint64      id)
{
  WgStmt *stmt;
  char *text = NULL;

  if (!(stmt = wg_store_prepare (self, sql, NULL)))
    return NULL;
  if (wg_stmt_bind_parameter_count (stmt) > 0)
    wg_stmt_bind_int64 (stmt, 1, id);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    text = g_strdup (wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  return text;
}

gboolean
wg_store_fill_random (guint8  *buf,
                      gsize    len,
                      GError **error)
{
  gsize filled = 0;

  /* Keys sign household labels: they must not be guessable, so they come
   * from the kernel, never from a seeded generator. */
  while (filled < len)
    {
      ssize_t n = getrandom (buf + filled, len - filled, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not make a signing key: %s"), g_strerror (saved));
          return FALSE;
        }
      filled += n;
    }
  return TRUE;
}

static gboolean
create_signing_key (WgStore  *self,
                    GError  **error)
{
  static const char sql[] = "INSERT INTO settings (key, value) VALUES ('qr-signing-key', ?)";
  guint8 key[WG_STORE_SIGNING_KEY_BYTES];
  WgStmt *stmt;

  if (!wg_store_fill_random (key, sizeof key, error) || !(stmt = wg_store_prepare (self, sql, error)))
    return FALSE;
  wg_stmt_bind_blob (stmt, 1, key, sizeof key);
  return wg_store_step_done (self, stmt, error);
}

static gboolean
migrate (WgStore  *self,
         guint     target,
         GError  **error)
{
  guint from = self->schema_version;

  if (from >= target)
    return TRUE;

  if (!wg_store_begin (self, error))
    return FALSE;

  for (guint v = from + 1; v <= target; v++)
    {
      g_autofree char *pragma = NULL;

      g_debug ("Migrating %s to schema version %u", self->path, v);
      if (!wg_store_exec (self, wg_store_migration_sql (v), error))
        goto failed;

      if (v == 1 && !create_signing_key (self, error))
        goto failed;

      /* PRAGMA takes no bound parameters; v is our own integer. */
      pragma = g_strdup_printf ("PRAGMA user_version = %u", v);
      if (!wg_store_exec (self, pragma, error))
        goto failed;
    }

  if (from == 0)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d",
                                                 WG_STORE_APPLICATION_ID);
      if (!wg_store_exec (self, pragma, error))
        goto failed;
    }

  if (!wg_store_commit (self, error))
    return FALSE;

  self->schema_version = target;
  return TRUE;

failed:
  wg_store_rollback (self);
  return FALSE;
}

static gboolean
is_writable_file (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return TRUE;

  /* root may write anything; a file with no write bit at all was still meant
   * to be left alone, so honour the bits as well as access (). */
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return FALSE;
  return g_access (path, W_OK) == 0;
}

static WgStore *
open_store (const char        *path,
            WgStoreOpenFlags   flags,
            guint              target_version,
            GError           **error)
{
  g_autoptr(WgStore) self = NULL;
  GStatBuf st;
  gboolean exists;
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_tables = 0;
  int open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  exists = g_stat (path, &st) == 0;

  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a Wangge database."), path);
      return NULL;
    }
  /* /dev/null, a pipe, a device: SQLite would open some of them, and put its
   * journal beside them. */
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Wangge database."), path);
      return NULL;
    }
  if (exists && st.st_size == 0 && !(flags & WG_STORE_OPEN_FLAGS_CREATE))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is empty — create one with “wangge-cli init”."), path);
      return NULL;
    }

  if (!exists && !(flags & WG_STORE_OPEN_FLAGS_CREATE))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no database at “%s”. Create one with “wangge-cli init”."), path);
      return NULL;
    }

  if (!exists && (flags & WG_STORE_OPEN_FLAGS_READ_ONLY))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no database at “%s”."), path);
      return NULL;
    }

  if (exists && !(flags & WG_STORE_OPEN_FLAGS_READ_ONLY) && !is_writable_file (path))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only. Make it writable, or open a copy."), path);
      return NULL;
    }

  self = g_object_new (WG_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = !!(flags & WG_STORE_OPEN_FLAGS_READ_ONLY);

  if (self->read_only)
    open_flags |= SQLITE_OPEN_READONLY;
  else
    open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      wg_store_set_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Read before writing anything: a file that is not ours, or is newer than
   * this program, is refused untouched. */
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return NULL;

  if (app_id != WG_STORE_APPLICATION_ID && !(app_id == 0 && version == 0 && n_tables == 0))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Wangge database."), path);
      return NULL;
    }

  if (version > wg_store_latest_version ())
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was made by a newer version of Wangge (schema %u; this version knows up to %u). Update Wangge to open it."),
                   path, (guint) version, wg_store_latest_version ());
      return NULL;
    }

  self->schema_version = version;

  if (self->read_only)
    {
      if (version < target_version)
        {
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY,
                       _("The database “%s” must be upgraded before it can be read. Open it once in Wangge."),
                       path);
          return NULL;
        }
    }
  else
    {
      g_autofree char *mode = NULL;
      WgStmt *stmt;

      if (!(stmt = wg_store_prepare (self, "PRAGMA journal_mode = WAL", error)))
        return NULL;
      if ((rc = wg_stmt_step (stmt)) != WG_STMT_ROW)
        {
          wg_stmt_reset (stmt);
          wg_store_set_error (self, rc, error);
          return NULL;
        }
      mode = g_strdup (wg_stmt_column_text (stmt, 0));
      wg_stmt_reset (stmt);
      if (g_ascii_strcasecmp (mode, "wal") != 0)
        g_warning ("%s is in journal mode %s, not WAL", path, mode);

      if (!wg_store_exec (self, "PRAGMA synchronous = NORMAL", error))
        return NULL;
    }

  if (!wg_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (!self->read_only && !migrate (self, target_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
on_notification (const char *channel,
                 const char *payload,
                 gpointer    data)
{
  WgStore *self = data;

  g_signal_emit (self, signals[REMOTE_CHANGED], 0,
                 g_str_has_prefix (channel, "wangge_") ? channel + strlen ("wangge_") : channel, payload);
}

static gboolean reconnect_cb (gpointer data);
static void watch_socket (WgStore *self);

/* Returns: %FALSE when the connection was lost (a reconnection is on its way) */
static gboolean
drain (WgStore *self)
{
  if (wg_pg_drain_notifications (self->pg, on_notification, self))
    return TRUE;
  g_debug ("Lost the county server %s; connecting again", self->path);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->reconnect_id == 0)
    self->reconnect_id = g_timeout_add_seconds (2, reconnect_cb, self);
  return FALSE;
}

static gboolean
socket_cb (int          fd,
           GIOCondition condition,
           gpointer     data)
{
  WgStore *self = data;

  if (!drain (self))
    {
      self->watch_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
watch_socket (WgStore *self)
{
  GSource *source = g_unix_fd_source_new (wg_pg_socket (self->pg), G_IO_IN | G_IO_ERR | G_IO_HUP);

  g_source_set_callback (source, G_SOURCE_FUNC (socket_cb), self, NULL);
  g_source_set_name (source, "[wangge] county server");
  self->watch_id = g_source_attach (source, NULL);
  g_source_unref (source);
}

/* The server is back: a new session, so the prepared statements are
 * prepared again as they are used; every desk reads everything once. */
static gboolean
reconnect_cb (gpointer data)
{
  WgStore *self = data;

  if (!wg_pg_reconnect (self->pg))
    return G_SOURCE_CONTINUE;
  self->reconnect_id = 0;
  g_hash_table_remove_all (self->statements);
  wg_pg_exec (self->pg, wg_store_pg_listen_sql ());
  watch_socket (self);
  g_signal_emit (self, signals[REMOTE_CHANGED], 0, "all", NULL);
  return G_SOURCE_REMOVE;
}

/**
 * wg_store_watch:
 * @self: a #WgStore
 *
 * On the county server: hears, on the thread-default main context, what
 * other desks commit ("remote-changed"), and connects again by itself when
 * the server went away (then "remote-changed" says "all", once). A file
 * has no such news: its other writers show in wg_store_get_data_version ().
 */
void
wg_store_watch (WgStore *self)
{
  g_return_if_fail (WG_IS_STORE (self));

  if (self->pg == NULL || self->watch_id != 0 || self->reconnect_id != 0)
    return;
  watch_socket (self);
}

/* What the county server said, made readable. */
static void
set_server_error (WgStore  *self,
                  GError  **error)
{
  const char *state = wg_pg_error_state (self->pg);
  const char *detail = wg_pg_error_message (self->pg);

  g_debug ("server error %s: %s", state, detail);

  if (g_str_equal (state, "P0001"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (trigger_messages); i++)
        if (g_strcmp0 (detail, trigger_messages[i].raised) == 0)
          {
            g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT, _(trigger_messages[i].message));
            return;
          }
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                           _("The value is not plausible and was not saved."));
    }
  else if (g_str_equal (state, "23505"))
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT, _("This record already exists."));
  else if (g_str_equal (state, "23503"))
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                         _("This record is still referred to elsewhere, or refers to something that does not exist."));
  else if (g_str_has_prefix (state, "23"))
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT,
                         _("The value is not plausible and was not saved."));
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") || g_str_equal (state, "55P03"))
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_BUSY,
                 _("Another desk is changing the same records on “%s”. Try again."), self->path);
  else if (g_str_equal (state, "25006") || g_str_equal (state, "42501"))
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY,
                 _("This desk may only read the county on “%s”."), self->path);
  else if (g_str_equal (state, "XX001"))
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CORRUPT,
                 _("The database “%s” is damaged. Restore it from a backup."), self->path);
  else if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57"))
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                 _("The county server “%s” cannot be reached: %s"), self->path, detail);
  else
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                 _("The database “%s” could not be used (%s)."), self->path, detail);
}

/* A county on the server: read what is there before writing anything,
 * like a file; an empty database gets the schema in one transaction. */
static WgStore *
open_server (const char        *uri,
             WgStoreOpenFlags   flags,
             GError           **error)
{
  g_autoptr(WgStore) self = g_object_new (WG_TYPE_STORE, NULL);
  gint64 n_tables = 0;
  gint64 ours = 0;
  gint64 version = 0;
  gint64 app_id = 0;

  self->path = wg_pg_display_uri (uri);
  self->location = g_strdup (uri);
  self->read_only = !!(flags & WG_STORE_OPEN_FLAGS_READ_ONLY);
  if (!(self->pg = wg_pg_connect (uri, self->read_only, error)))
    return NULL;

  if (!query_int (self, "SELECT count (*) FROM pg_tables WHERE schemaname = current_schema ()", &n_tables, error) ||
      !query_int (self, "SELECT count (*) FROM pg_tables WHERE schemaname = current_schema ()"
                  " AND tablename = 'wangge_schema'", &ours, error))
    return NULL;
  if (ours == 0 && n_tables > 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Wangge database."), self->path);
      return NULL;
    }
  if (ours > 0 &&
      (!query_int (self, "SELECT version FROM wangge_schema", &version, error) ||
       !query_int (self, "SELECT application_id FROM wangge_schema", &app_id, error)))
    return NULL;
  if (ours > 0 && app_id != WG_STORE_APPLICATION_ID)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Wangge database."), self->path);
      return NULL;
    }
  if (version > wg_store_latest_version ())
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was made by a newer version of Wangge (schema %u; this version knows up to %u). Update Wangge to open it."),
                   self->path, (guint) version, wg_store_latest_version ());
      return NULL;
    }
  if (ours == 0 && !(flags & WG_STORE_OPEN_FLAGS_CREATE))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   _("There is no county on “%s” yet. Create it with “wangge-cli init --db %s”."),
                   self->path, self->path);
      return NULL;
    }
  if (ours == 0)
    {
      guint8 key[WG_STORE_SIGNING_KEY_BYTES];
      WgStmt *stmt;

      /* The server's schema starts at its baseline, the schema of the
       * version that brought the server: there is nothing older to migrate. */
      if (!wg_store_fill_random (key, sizeof key, error) || !wg_store_begin (self, error))
        return NULL;
      if (!wg_store_exec (self, wg_store_pg_baseline (), error) ||
          !(stmt = wg_store_prepare (self, "INSERT INTO signing_key (key, created_at)"
                                           " VALUES (?, datetime ('now', 'localtime'))", error)))
        goto failed;
      wg_stmt_bind_blob (stmt, 1, key, sizeof key);
      if (!wg_store_step_done (self, stmt, error) ||
          !(stmt = wg_store_prepare (self, "INSERT INTO wangge_schema (version, application_id) VALUES (?, ?)",
                                     error)))
        goto failed;
      wg_stmt_bind_int (stmt, 1, WG_STORE_PG_BASELINE);
      wg_stmt_bind_int (stmt, 2, WG_STORE_APPLICATION_ID);
      if (!wg_store_step_done (self, stmt, error) || !wg_store_commit_quietly (self, error))
        goto failed;
      version = WG_STORE_PG_BASELINE;
    }
  if (version < wg_store_latest_version ())
    {
      if (self->read_only)
        {
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY,
                       _("The database “%s” must be upgraded before it can be read. Open it once in Wangge."),
                       self->path);
          return NULL;
        }
      /* The server's migrations since, in one transaction. */
      if (!wg_store_begin (self, error))
        return NULL;
      for (guint v = version + 1; v <= wg_store_latest_version (); v++)
        {
          g_autoptr(GError) local_error = NULL;
          WgStmt *stmt;

          if (!wg_store_exec (self, wg_store_pg_migration_sql (v), &local_error))
            {
              /* A desk's login may not change the schema: its owner does. */
              if (g_error_matches (local_error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY))
                g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY,
                             _("The county on “%s” has schema version %u and this Wangge needs %u: the server’s administrator upgrades it with “wangge-cli --db %s server-init”."),
                             self->path, (guint) version, wg_store_latest_version (), self->path);
              else
                g_propagate_error (error, g_steal_pointer (&local_error));
              goto failed;
            }
          if (!(stmt = wg_store_prepare (self, "UPDATE wangge_schema SET version = ?", error)))
            goto failed;
          wg_stmt_bind_int (stmt, 1, v);
          if (!wg_store_step_done (self, stmt, error))
            goto failed;
        }
      if (!wg_store_commit_quietly (self, error))
        goto failed;
      version = wg_store_latest_version ();
    }
  self->schema_version = version;
  if (!wg_store_exec (self, wg_store_pg_listen_sql (), error))
    return NULL;
  /* A viewer's login may read only: the store says so, the server refuses
   * the rest whatever is sent. */
  {
    gint64 may_write = 1;

    if (!query_int (self, "SELECT has_table_privilege ('person', 'INSERT')::integer", &may_write, error))
      return NULL;
    if (!may_write)
      self->read_only = TRUE;
  }
  return g_steal_pointer (&self);

failed:
  wg_store_rollback (self);
  return NULL;
}

static void
wg_store_finalize (GObject *object)
{
  WgStore *self = (WgStore *) object;

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pg, wg_pg_close);
  if (self->db != NULL)
    {
      /* Leaves no -wal or -shm file behind when we were the last user. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->operator_name, g_free);

  G_OBJECT_CLASS (wg_store_parent_class)->finalize (object);
}

static void
wg_store_class_init (WgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wg_store_finalize;

  /**
   * WgStore::changed:
   *
   * A transaction was committed through this connection. (Other
   * connections' commits show in wg_store_get_data_version().)
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 0);
  /**
   * WgStore::remote-changed:
   * @subject: what changed: "alert", "person", "household", "grid",
   *   "sensor", "settings", "record" (a person's file), or "all" (the
   *   connection was lost and is back)
   * @id: (nullable): the row's id (a record's: its person's; a setting's
   *   key)
   *
   * Another desk committed a change on the county server (wg_store_watch ()).
   */
  signals[REMOTE_CHANGED] = g_signal_new ("remote-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
wg_store_init (WgStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) wg_stmt_free);
}

/**
 * wg_store_open:
 * @path: the database file
 * @flags: whether to create it, or to open it read-only
 * @error: return location for a #GError
 *
 * Opens a Wangge database and brings it to the current schema version.
 * A file that is not a Wangge database, one made by a newer version, a
 * read-only or locked file gives an error and is left as it was.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
WgStore *
wg_store_open (const char        *path,
               WgStoreOpenFlags   flags,
               GError           **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (wg_store_is_location_uri (path))
    return open_server (path, flags, error);
  return open_store (path, flags, wg_store_latest_version (), error);
}

/* For the migration tests: a database at an earlier schema version. */
WgStore *
wg_store_open_at_version (const char  *path,
                          guint        version,
                          GError     **error)
{
  g_return_val_if_fail (version <= wg_store_latest_version (), NULL);

  return open_store (path, WG_STORE_OPEN_FLAGS_CREATE, version, error);
}

/**
 * wg_store_get_path:
 *
 * Returns: the database as it may be shown: its file, or the county
 *   server's URI without a password
 */
const char *
wg_store_get_path (WgStore *self)
{
  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  return self->path;
}

/**
 * wg_store_grant_roles:
 * @self: a county on the server, opened by its owner
 * @error: return location for a #GError
 *
 * Makes the roles wangge_operator (reads and writes) and wangge_viewer
 * (reads) if the cluster has none yet, and grants them this county. A
 * desk's own login role is made a member of one of them.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_grant_roles (WgStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (WG_IS_STORE (self), FALSE);

  if (self->pg == NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Roles are a county server’s: “%s” is a file."), self->path);
      return FALSE;
    }
  return wg_store_exec (self, wg_store_pg_roles_sql (), error);
}

/**
 * wg_store_is_location_uri:
 * @location: what --database or --db was given
 *
 * Returns: whether @location names a county server (a libpq URI,
 *   postgresql://…) rather than a file
 */
gboolean
wg_store_is_location_uri (const char *location)
{
  return location != NULL &&
         (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

static void
append_parameter (GString    *query,
                  const char *key,
                  const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (query, "%s%s=%s", query->len > 0 ? "&" : "", key, escaped);
}

/**
 * wg_store_server_location:
 * @host: the server's name or address, or the folder of its Unix socket
 *   (starting with "/")
 * @port: its port (5432 for the default)
 * @database: the county's database
 * @user: (nullable): the desk's login role; %NULL for the desktop user's name
 * @ca_file: (nullable): the CA certificate the server's must be signed by:
 *   then the server's certificate and name are verified (verify-full)
 * @password: (nullable): the role's password, which the location then holds
 *   (what wg_store_get_path() shows leaves it out)
 *
 * Returns: (transfer full): the libpq URI for wg_store_open(), every part
 *   percent-encoded
 */
char *
wg_store_server_location (const char *host,
                          int         port,
                          const char *database,
                          const char *user,
                          const char *ca_file,
                          const char *password)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) location = g_string_new ("postgresql://");
  gboolean socket = host != NULL && host[0] == '/';

  g_return_val_if_fail (host != NULL && *host != '\0', NULL);
  g_return_val_if_fail (database != NULL && *database != '\0', NULL);

  if (user != NULL && *user != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (user, NULL, FALSE);

      g_string_append_printf (location, "%s@", escaped);
    }
  if (!socket)
    {
      g_autofree char *escaped = g_uri_escape_string (host, ":[]", FALSE);

      /* An IPv6 address in brackets. */
      g_string_append (location, strchr (host, ':') != NULL && host[0] != '[' ? "[" : "");
      g_string_append (location, escaped);
      g_string_append (location, strchr (host, ':') != NULL && host[0] != '[' ? "]" : "");
      if (port > 0 && port != 5432)
        g_string_append_printf (location, ":%d", port);
    }
  {
    g_autofree char *escaped = g_uri_escape_string (database, NULL, FALSE);

    g_string_append_printf (location, "/%s", escaped);
  }
  if (socket)
    {
      append_parameter (query, "host", host);
      if (port > 0 && port != 5432)
        {
          g_autofree char *text = g_strdup_printf ("%d", port);

          append_parameter (query, "port", text);
        }
    }
  if (ca_file != NULL && *ca_file != '\0')
    {
      append_parameter (query, "sslmode", "verify-full");
      append_parameter (query, "sslrootcert", ca_file);
    }
  if (password != NULL && *password != '\0')
    append_parameter (query, "password", password);
  if (query->len > 0)
    g_string_append_printf (location, "?%s", query->str);
  return g_strdup (location->str);
}

/**
 * wg_store_get_location:
 *
 * Returns: what opens the same database again (a worker's own connection):
 *   the file, or the server's whole URI — not to be shown
 */
const char *
wg_store_get_location (WgStore *self)
{
  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  return self->location != NULL ? self->location : self->path;
}

guint
wg_store_get_schema_version (WgStore *self)
{
  g_return_val_if_fail (WG_IS_STORE (self), 0);

  return self->schema_version;
}

gboolean
wg_store_is_read_only (WgStore *self)
{
  g_return_val_if_fail (WG_IS_STORE (self), TRUE);

  return self->read_only;
}

/**
 * wg_store_get_operator:
 * @self: a #WgStore
 *
 * The operator is who sits at the desk, never the computer's login (a
 * command centre's desks are shared): the name given with
 * wg_store_set_operator(), else $WANGGE_OPERATOR, else "unnamed operator".
 *
 * Returns: the name the audit log records changes under
 */
const char *
wg_store_get_operator (WgStore *self)
{
  const char *from_environment;

  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  if (self->operator_name != NULL && *self->operator_name != '\0')
    return self->operator_name;
  from_environment = g_getenv ("WANGGE_OPERATOR");
  if (from_environment != NULL && *from_environment != '\0')
    return from_environment;
  return _("unnamed operator");
}

/**
 * wg_store_set_operator:
 * @self: a #WgStore
 * @name: (nullable): the operator's name; %NULL for $WANGGE_OPERATOR
 */
void
wg_store_set_operator (WgStore    *self,
                       const char *name)
{
  g_return_if_fail (WG_IS_STORE (self));

  g_free (self->operator_name);
  self->operator_name = g_strdup (name);
}

/* One line of the audit log, in the caller's transaction. */
gboolean
wg_store_log (WgStore     *self,
              const char  *action,
              const char  *entity,
              gint64       entity_id,
              const char  *detail,
              GError     **error)
{
  static const char sql[] =
    "INSERT INTO audit_log (at, operator, action, entity, entity_id, detail, host)"
    " VALUES (datetime ('now', 'localtime'), ?, ?, ?, ?, ?, ?)";
  /* A database held at an earlier schema (the migration tests) has no desk
   * column yet. */
  static const char sql_before_7[] =
    "INSERT INTO audit_log (at, operator, action, entity, entity_id, detail)"
    " VALUES (datetime ('now', 'localtime'), ?, ?, ?, ?, ?)";
  WgStmt *stmt;

  if (!(stmt = wg_store_prepare (self, self->schema_version >= 7 ? sql : sql_before_7, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, wg_store_get_operator (self));
  wg_stmt_bind_text_static (stmt, 2, action);
  wg_stmt_bind_text_static (stmt, 3, entity);
  if (entity_id > 0)
    wg_stmt_bind_int64 (stmt, 4, entity_id);
  wg_stmt_bind_text (stmt, 5, detail);
  wg_stmt_bind_text_static (stmt, 6, g_get_host_name ());
  return wg_store_step_done (self, stmt, error);
}

/**
 * wg_store_is_empty:
 * @self: a #WgStore
 *
 * Returns: %TRUE when the database holds no grid yet
 */
gboolean
wg_store_is_empty (WgStore *self)
{
  gint64 n = 0;

  g_return_val_if_fail (WG_IS_STORE (self), TRUE);

  if (!query_int (self, "SELECT EXISTS (SELECT 1 FROM grid)", &n, NULL))
    return TRUE;
  return n == 0;
}

/**
 * wg_store_is_demo:
 * @self: a #WgStore
 *
 * Returns: %TRUE when the county was built by the demo generator (made-up
 *   people, to be marked as such wherever it shows)
 */
gboolean
wg_store_is_demo (WgStore *self)
{
  gint64 n = 0;

  g_return_val_if_fail (WG_IS_STORE (self), FALSE);

  if (!query_int (self, "SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = 'demo')", &n, NULL))
    return FALSE;
  return n != 0;
}

/**
 * wg_store_check:
 * @self: a #WgStore
 * @error: return location for a #GError
 *
 * Runs SQLite's integrity and foreign-key checks and checks the schema
 * version. The error says what is wrong, in one line.
 *
 * Returns: %TRUE when everything is in order
 */
gboolean
wg_store_check (WgStore  *self,
                GError  **error)
{
  WgStmt *stmt;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (self), FALSE);

  /* The server keeps its own pages and references: the schema's version is
   * what a desk can check. */
  if (self->pg != NULL)
    return query_int (self, "SELECT version FROM wangge_schema", &version, error) &&
           (version == wg_store_latest_version () ||
            (g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CORRUPT,
                          _("The database “%s” has schema version %u; this version of Wangge expects %u."),
                          self->path, (guint) version, wg_store_latest_version ()), FALSE));
  if (!query_int (self, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version != wg_store_latest_version ())
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CORRUPT,
                   _("The database “%s” has schema version %u; this version of Wangge expects %u."),
                   self->path, (guint) version, wg_store_latest_version ());
      return FALSE;
    }

  if (!(stmt = wg_store_prepare (self, "PRAGMA integrity_check (20)", error)))
    return FALSE;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      const char *line = wg_stmt_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        {
          /* SQLite's own words are for whoever repairs it: the debug log. */
          g_debug ("integrity_check: %s", line);
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CORRUPT,
                       _("The database “%s” is damaged. Restore it from a backup."), self->path);
          wg_stmt_reset (stmt);
          return FALSE;
        }
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self, rc, error);
      return FALSE;
    }

  if (!(stmt = wg_store_prepare (self, "PRAGMA foreign_key_check", error)))
    return FALSE;
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CORRUPT,
                   _("The database “%s” has a broken reference: row %lld of “%s” points to a missing “%s”."),
                   self->path, (long long) wg_stmt_column_int64 (stmt, 1),
                   wg_stmt_column_text (stmt, 0),
                   wg_stmt_column_text (stmt, 2));
      wg_stmt_reset (stmt);
      return FALSE;
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static int
backup_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* The backup's file, closed again, in the words of its own error. */
static gboolean
set_backup_error (const char  *tmp_path,
                  const char  *destination,
                  int          rc,
                  const char  *detail,
                  GError     **error)
{
  g_debug ("backup: sqlite error %d: %s", rc, detail);
  g_unlink (tmp_path);
  if ((rc & 0xff) == SQLITE_FULL)
    return wg_output_set_write_error (ENOSPC, destination, error);
  if ((rc & 0xff) == SQLITE_INTERRUPT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The backup was cancelled."));
      return FALSE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the backup “%s”: %s"), destination,
               detail);
  return FALSE;
}

/**
 * wg_store_backup:
 * @self: a #WgStore
 * @destination: the file to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Copies the database from one read snapshot (VACUUM INTO), which WAL lets
 * writers continue beside: a county busy with its sensors is backed up all
 * the same (SQLite's online backup started again at every commit and never
 * finished). The copy is written under a temporary name and renamed when
 * complete, so a failed or cancelled backup leaves no partial file; the
 * target is checked first (a folder, a device or a pipe is refused).
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_backup (WgStore       *self,
                 const char    *destination,
                 GCancellable  *cancellable,
                 GError       **error)
{
  static const char sql[] = "VACUUM INTO ?";

  if (self->pg != NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("A county server is backed up on the server (pg_dump); “wangge-cli copy” makes a file of it."));
      return FALSE;
    }
  g_autofree char *tmp_path = NULL;
  g_autofree char *real_src = NULL;
  g_autofree char *real_dst = NULL;
  sqlite3 *dest_db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  real_src = g_canonicalize_filename (self->path, NULL);
  real_dst = g_canonicalize_filename (destination, NULL);
  if (g_strcmp0 (real_src, real_dst) == 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("A backup cannot overwrite the database it copies. Choose another file."));
      return FALSE;
    }
  if (!wg_output_check_target (real_dst, error))
    return FALSE;
  wg_output_remove_leftovers (real_dst);
  if (!(tmp_path = wg_output_make_temp (real_dst, "backup", NULL, error)))
    return FALSE;
  /* VACUUM INTO wants a file that is not there, or empty: mkstemp's is. */

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 1000, backup_progress_cb, cancellable);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tmp_path, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *detail = g_strdup (sqlite3_errmsg (self->db));

      sqlite3_finalize (stmt);
      sqlite3_progress_handler (self->db, 0, NULL, NULL);
      return set_backup_error (tmp_path, destination, rc, detail, error);
    }
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);

  /* A backup is one self-contained file: no WAL beside it. */
  rc = sqlite3_open_v2 (tmp_path, &dest_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest_db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *detail = g_strdup (dest_db != NULL ? sqlite3_errmsg (dest_db) : sqlite3_errstr (rc));

      sqlite3_close (dest_db);
      return set_backup_error (tmp_path, destination, rc, detail, error);
    }
  sqlite3_close (dest_db);

  return wg_output_commit (tmp_path, -1, real_dst, error);
}

/* The levels, then one row of status counts: households, persons, away,
 * returnees, monitoring, home and central quarantine, fever today, then
 * either staff, sensors and open alerts (the county) or the tests overdue
 * (a grid's subtree). ?1 is the grid's code or NULL, ?2 the day. */
static gboolean
read_counts (WgStore        *self,
             const char     *levels_sql,
             const char     *status_sql,
             const char     *code,
             const char     *today,
             WgLevelCounts  *counts,
             GError        **error)
{
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  WgStmt *stmt;
  int rc;

  memset (counts, 0, sizeof *counts);

  if (!(stmt = wg_store_prepare (self, levels_sql, error)))
    return FALSE;
  if (code != NULL)
    wg_stmt_bind_text (stmt, 1, code);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      int level = wg_stmt_column_int (stmt, 0);

      if (level >= 1 && level <= 5)
        counts->grids[level] = wg_stmt_column_int (stmt, 1);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self, rc, error);
      return FALSE;
    }

  if (!(stmt = wg_store_prepare (self, status_sql, error)))
    return FALSE;
  if (code != NULL)
    wg_stmt_bind_text (stmt, 1, code);
  wg_stmt_bind_text (stmt, 2, day);
  rc = wg_stmt_step (stmt);
  if (rc != WG_STMT_ROW)
    {
      wg_stmt_reset (stmt);
      wg_store_set_error (self, rc, error);
      return FALSE;
    }
  counts->households = wg_stmt_column_int (stmt, 0);
  counts->persons = wg_stmt_column_int (stmt, 1);
  counts->away = wg_stmt_column_int (stmt, 2);
  counts->returnees = wg_stmt_column_int (stmt, 3);
  counts->monitoring = wg_stmt_column_int (stmt, 4);
  counts->home_quarantine = wg_stmt_column_int (stmt, 5);
  counts->central_quarantine = wg_stmt_column_int (stmt, 6);
  counts->fever_today = wg_stmt_column_int (stmt, 7);
  if (code != NULL)
    counts->nat_overdue = wg_stmt_column_int (stmt, 8);
  else
    {
      counts->staff = wg_stmt_column_int (stmt, 8);
      counts->sensors = wg_stmt_column_int (stmt, 9);
      counts->open_alerts = wg_stmt_column_int (stmt, 10);
    }
  wg_stmt_reset (stmt);
  return TRUE;
}

/**
 * wg_store_count:
 * @self: a #WgStore
 * @today: (nullable): the day to count for, as YYYY-MM-DD; %NULL for today
 * @counts: (out caller-allocates): the counts
 * @error: return location for a #GError
 *
 * Counts the county: grids per level, households, persons, and people per
 * status on @today.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_count (WgStore        *self,
                const char     *today,
                WgLevelCounts  *counts,
                GError        **error)
{
  /* ?1 would be a grid's code: the county's counts take none. */
  static const char levels_sql[] = "SELECT level, count(*) FROM grid WHERE ?1 IS NULL GROUP BY level";
  static const char status_sql[] =
    "SELECT"
    " (SELECT count(*) FROM household),"
    " (SELECT count(*) FROM person),"
    " (SELECT count(*) FROM person WHERE residency = 1),"
    " (SELECT count(*) FROM person WHERE residency = 2),"
    /* Health monitoring: marked so in the register, or in a monitoring
     * period that day (as the leaders' figures count it). */
    " (SELECT count(*) FROM person WHERE monitoring = 1"
    "   OR id IN (SELECT person_id FROM monitoring WHERE start_day <= ?2 AND end_day >= ?2)),"
    " (SELECT count(DISTINCT person_id) FROM quarantine"
    "   WHERE kind = 1 AND end_day >= ?2 AND start_day <= ?2),"
    " (SELECT count(DISTINCT person_id) FROM quarantine"
    "   WHERE kind = 2 AND end_day >= ?2 AND start_day <= ?2),"
    " (SELECT count(DISTINCT person_id) FROM temperature"
    "   WHERE measured_at >= ?2 AND measured_at < date (?2, '+1 day') AND tenths >= 373),"
    " (SELECT count(*) FROM staff),"
    " (SELECT count(*) FROM sensor),"
    " (SELECT count(*) FROM alert WHERE state < 3)";
  g_return_val_if_fail (WG_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  return read_counts (self, levels_sql, status_sql, NULL, today, counts, error);
}

/**
 * wg_store_count_grid:
 * @self: a #WgStore
 * @code: a grid's code
 * @today: (nullable): the day to count for, as YYYY-MM-DD; %NULL for today
 * @counts: (out caller-allocates): the counts for the grid and everything below it
 * @error: return location for a #GError
 *
 * Like wg_store_count () for one grid's subtree, and with the people under
 * watch (quarantine or health monitoring) whose last nucleic-acid test is
 * more than two days old ("overdue").
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_count_grid (WgStore        *self,
                     const char     *code,
                     const char     *today,
                     WgLevelCounts  *counts,
                     GError        **error)
{
  /* The subtree is the range of codes that begin with @code. */
  static const char levels_sql[] =
    "SELECT level, count (*) FROM grid WHERE code >= ?1 AND code < ?1 || ':' GROUP BY level";
  static const char status_sql[] =
    "WITH pp AS MATERIALIZED ("
    "  SELECT p.id, p.residency, p.monitoring FROM grid m"
    "  JOIN household h ON h.grid_id = m.id JOIN person p ON p.household_id = h.id"
    "  WHERE m.level = 5 AND m.code >= ?1 AND m.code < ?1 || ':'),"
    " qq AS MATERIALIZED ("
    "  SELECT DISTINCT q.person_id, q.kind FROM quarantine q JOIN pp ON pp.id = q.person_id"
    "  WHERE q.end_day >= ?2 AND q.start_day <= ?2)"
    " SELECT"
    "  (SELECT count (*) FROM grid m JOIN household h ON h.grid_id = m.id"
    "    WHERE m.level = 5 AND m.code >= ?1 AND m.code < ?1 || ':'),"
    "  (SELECT count (*) FROM pp),"
    "  (SELECT count (*) FROM pp WHERE residency = 1),"
    "  (SELECT count (*) FROM pp WHERE residency = 2),"
    "  (SELECT count (*) FROM pp WHERE monitoring = 1"
    "    OR pp.id IN (SELECT person_id FROM monitoring WHERE start_day <= ?2 AND end_day >= ?2)),"
    "  (SELECT count (*) FROM qq WHERE kind = 1),"
    "  (SELECT count (*) FROM qq WHERE kind = 2),"
    "  (SELECT count (DISTINCT t.person_id) FROM temperature t JOIN pp ON pp.id = t.person_id"
    "    WHERE t.measured_at >= ?2 AND t.measured_at < date (?2, '+1 day') AND t.tenths >= 373),"
    "  (SELECT count (*) FROM pp WHERE (pp.monitoring = 1 OR pp.id IN (SELECT person_id FROM qq))"
    "    AND NOT EXISTS (SELECT 1 FROM nat_test n WHERE n.person_id = pp.id"
    "                    AND n.sampled_at >= date (?2, '-2 days')))";
  g_return_val_if_fail (WG_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL && counts != NULL, FALSE);

  return read_counts (self, levels_sql, status_sql, code, today, counts, error);
}

/**
 * wg_store_dup_county_name:
 * @self: a #WgStore
 *
 * Returns: (transfer full) (nullable): the name of the level-1 grid, if any
 */
char *
wg_store_dup_county_name (WgStore *self)
{
  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  return wg_store_query_text (self, "SELECT name FROM grid WHERE level = 1 ORDER BY id LIMIT 1", 0);
}

/**
 * wg_store_dup_county_code:
 * @self: a #WgStore
 *
 * Returns: (transfer full) (nullable): the code of the level-1 grid, if any
 */
char *
wg_store_dup_county_code (WgStore *self)
{
  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  return wg_store_query_text (self, "SELECT code FROM grid WHERE level = 1 ORDER BY id LIMIT 1", 0);
}

/* The tables whose rows make up the county's content, in a fixed order. */
static const char *const digest_queries[] = {
  "SELECT * FROM grid ORDER BY id",
  "SELECT * FROM staff ORDER BY id",
  "SELECT * FROM grid_staff ORDER BY grid_id, role, staff_id",
  "SELECT * FROM household ORDER BY id",
  "SELECT * FROM person ORDER BY id",
  "SELECT * FROM health_code ORDER BY id",
  "SELECT * FROM itinerary ORDER BY id",
  "SELECT * FROM vaccination ORDER BY id",
  "SELECT * FROM attachment ORDER BY id",
  "SELECT * FROM nat_test ORDER BY id",
  "SELECT * FROM temperature ORDER BY id",
  "SELECT * FROM quarantine_site ORDER BY id",
  "SELECT * FROM quarantine ORDER BY id",
  "SELECT * FROM sensor ORDER BY id",
  "SELECT * FROM visit_window ORDER BY id",
  "SELECT * FROM alert ORDER BY id",
  /* Not when it was recorded, reviewed or decided: the clock's. */
  "SELECT id, person_id, arrived_on, from_place, risk, transport, channel, grid_id, state, measure, preset_id"
  " FROM returnee ORDER BY id",
  "SELECT id, name, measure, central_days, home_days, monitoring_days, test_days FROM measure_preset ORDER BY id",
  "SELECT * FROM monitoring ORDER BY id",
  "SELECT * FROM test_schedule ORDER BY id",
  "SELECT * FROM site_room ORDER BY id",
  "SELECT * FROM room_stay ORDER BY id",
  "SELECT * FROM transfer ORDER BY id",
  "SELECT * FROM transfer_person ORDER BY transfer_id, person_id",
  "SELECT * FROM away_group ORDER BY id",
  "SELECT * FROM away_info ORDER BY person_id",
  "SELECT * FROM help_order ORDER BY id",
  "SELECT * FROM patrol_report ORDER BY id",
  "SELECT * FROM disinfection_plan ORDER BY id",
  "SELECT * FROM disinfection_visit ORDER BY id",
  "SELECT * FROM checkpoint ORDER BY id",
  "SELECT * FROM duty ORDER BY id",
  "SELECT * FROM room_visit_window ORDER BY id",
  "SELECT * FROM care_team ORDER BY person_id, role",
};

/**
 * wg_store_dup_digest:
 * @self: a #WgStore
 * @error: return location for a #GError
 *
 * A SHA-256 over every row of the county's content (not the settings, whose
 * signing key is random, nor the audit log, whose times are the clock's).
 * Two databases with the same digest hold the same county.
 *
 * Returns: (transfer full): the digest as hex, or %NULL with @error set
 */
char *
wg_store_dup_digest (WgStore  *self,
                     GError  **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (WG_IS_STORE (self), NULL);

  for (guint q = 0; q < G_N_ELEMENTS (digest_queries); q++)
    {
      WgStmt *stmt;
      int rc;

      if (!(stmt = wg_store_prepare (self, digest_queries[q], error)))
        return NULL;

      g_checksum_update (sum, (const guchar *) digest_queries[q], -1);
      while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
        {
          int n = wg_stmt_column_count (stmt);

          for (int c = 0; c < n; c++)
            {
              guchar type = wg_stmt_column_kind (stmt, c);
              const void *data;
              int len;

              g_checksum_update (sum, &type, 1);
              if (type == WG_COLUMN_KIND_NULL)
                continue;
              if (type == WG_COLUMN_KIND_BLOB)
                data = wg_stmt_column_blob (stmt, c);
              else
                data = wg_stmt_column_text (stmt, c);
              len = wg_stmt_column_bytes (stmt, c);
              g_checksum_update (sum, (const guchar *) &len, sizeof len);
              if (len > 0)
                g_checksum_update (sum, data, len);
            }
        }
      wg_stmt_reset (stmt);
      if (rc != WG_STMT_DONE)
        {
          wg_store_set_error (self, rc, error);
          return NULL;
        }
    }

  return g_strdup (g_checksum_get_string (sum));
}

/**
 * wg_default_database_path:
 *
 * Returns: (transfer full): where the application keeps its database unless
 *   told otherwise: `$XDG_DATA_HOME/wangge/wangge.db`
 */
char *
wg_default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "wangge", "wangge.db", NULL);
}

/**
 * wg_configured_database_path:
 *
 * The database the application uses: the one chosen in its preferences
 * (GSettings key database-path) when its schema is installed and the key is
 * set, else wg_default_database_path().
 *
 * Returns: (transfer full): a path
 */
char *
wg_configured_database_path (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema != NULL && g_settings_schema_has_key (schema, "database-path"))
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      g_autofree char *path = g_settings_get_string (settings, "database-path");

      if (path != NULL && *path != '\0')
        return g_steal_pointer (&path);
    }

  return wg_default_database_path ();
}

/**
 * wg_today:
 *
 * Returns: (transfer full): today's date in local time, as YYYY-MM-DD
 */
char *
wg_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * wg_store_get_data_version:
 * @self: a #WgStore
 *
 * Returns: a number that changes when another connection (another desk's
 *   process, wangge-cli, the sensor feed of another process) has committed
 *   a change since it was last asked; 0 on error
 */
gint64
wg_store_get_data_version (WgStore *self)
{
  gint64 version = 0;

  g_return_val_if_fail (WG_IS_STORE (self), 0);

  /* The server tells of other desks' commits itself (wg_store_watch ()). */
  if (self->pg != NULL)
    return 0;
  if (!query_int (self, "PRAGMA data_version", &version, NULL))
    return 0;
  return version;
}

/* Helpers the subject files share (wg-store-private.h), and lookups every
 * subject makes. */

/* Runs @stmt (bound by the caller) and logs it, in one transaction. */
gboolean
wg_store_insert_and_log (WgStore       *store,
                         WgStmt  *stmt,
                         const char    *entity,
                         const char    *detail,
                         gint64        *id,
                         GError       **error)
{
  gint64 new_id;

  if (!wg_store_begin (store, error))
    {
      wg_stmt_reset (stmt);
      return FALSE;
    }
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  new_id = wg_store_last_insert_id (store);
  if (!wg_store_log (store, "insert", entity, new_id, detail, error))
    goto failed;
  if (!wg_store_commit (store, error))
    return FALSE;

  if (id != NULL)
    *id = new_id;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/* Runs @stmt (bound by the caller), which changes the row @id of @entity,
 * and logs it; NOT_FOUND with @gone when it changed nothing. */
gboolean
wg_store_change_and_log (WgStore      *store,
                         WgStmt *stmt,
                         const char   *action,
                         const char   *entity,
                         gint64        id,
                         const char   *detail,
                         const char   *gone,
                         GError      **error)
{
  if (!wg_store_begin (store, error))
    {
      wg_stmt_reset (stmt);
      return FALSE;
    }
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (wg_store_changes (store) == 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, gone);
      goto failed;
    }
  if (!wg_store_log (store, action, entity, id, detail, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_explain_missed_save:
 * @store: a #WgStore
 * @entity: "person", "household" or "grid", as in the audit log
 * @id: the row a save named a version (or a value) of, and missed
 * @gone: the message when the row is no longer there
 * @error: set to why: %WG_STORE_ERROR_NOT_FOUND, or
 *   %WG_STORE_ERROR_CHANGED saying who saved it since, when, from which desk
 */
void
wg_store_explain_missed_save (WgStore     *store,
                              const char  *entity,
                              gint64       id,
                              const char  *gone,
                              GError     **error)
{
  static const char sql[] =
    "SELECT operator, at, coalesce (host, '') FROM audit_log WHERE entity = ? AND entity_id = ?"
    " ORDER BY id DESC LIMIT 1";
  static const char exists_person[] = "SELECT count (*) FROM person WHERE id = ?";
  static const char exists_household[] = "SELECT count (*) FROM household WHERE id = ?";
  static const char exists_grid[] = "SELECT count (*) FROM grid WHERE id = ?";
  WgStmt *stmt;
  gboolean exists = FALSE;

  if ((stmt = wg_store_prepare (store, g_str_equal (entity, "person") ? exists_person
                                       : g_str_equal (entity, "household") ? exists_household : exists_grid,
                                NULL)))
    {
      wg_stmt_bind_int64 (stmt, 1, id);
      exists = wg_stmt_step (stmt) == WG_STMT_ROW && wg_stmt_column_int (stmt, 0) > 0;
      wg_stmt_reset (stmt);
    }
  if (!exists)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, gone);
      return;
    }
  if ((stmt = wg_store_prepare (store, sql, NULL)))
    {
      wg_stmt_bind_text_static (stmt, 1, entity);
      wg_stmt_bind_int64 (stmt, 2, id);
      if (wg_stmt_step (stmt) == WG_STMT_ROW)
        {
          const char *host = wg_stmt_column_text (stmt, 2);

          if (host != NULL && *host != '\0')
            g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED,
                         _("%s changed this at %s, at the desk %s, after you opened it. Reload to see the change."),
                         wg_stmt_column_text (stmt, 0), wg_stmt_column_text (stmt, 1), host);
          else
            g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED,
                         _("%s changed this at %s, after you opened it. Reload to see the change."),
                         wg_stmt_column_text (stmt, 0), wg_stmt_column_text (stmt, 1));
        }
      wg_stmt_reset (stmt);
    }
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED,
                         _("Someone changed this after you opened it. Reload to see the change."));
}

/* The first column of every row of @stmt (bound by the caller), as text. */
GStrv
wg_store_collect_strings (WgStore       *store,
                          WgStmt  *stmt,
                          GError       **error)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv strings;
  int rc;

  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    g_strv_builder_add (builder, wg_stmt_column_text (stmt, 0));
  wg_stmt_reset (stmt);
  strings = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  if (rc != WG_STMT_DONE)
    {
      g_strfreev (strings);
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return strings;
}

/* The id of the one row @sql (one text parameter) finds for @key; 0 with a
 * NOT_FOUND error saying @not_found when there is none. */
gint64
wg_store_find_id (WgStore     *store,
                  const char  *sql,
                  const char  *key,
                  const char  *not_found,
                  GError     **error)
{
  WgStmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return 0;
  wg_stmt_bind_text (stmt, 1, key);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    id = wg_stmt_column_int64 (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND, not_found);
  else if (rc != WG_STMT_ROW)
    wg_store_set_error (store, rc, error);
  return id;
}

gboolean
wg_store_check_text (const char  *text,
                     guint        max,
                     const char  *what,
                     GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0' || g_utf8_strlen (trimmed, -1) > max)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s: write 1 to %u characters."), what, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
wg_store_check_day (const char  *day,
                    const char  *what,
                    GError     **error)
{
  if (!wg_day_is_valid (day))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s: write a day as YYYY-MM-DD."), what);
      return FALSE;
    }
  return TRUE;
}

/* The day @n days after @day (both YYYY-MM-DD). */
char *
wg_store_day_after (const char *day,
                    guint       n)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  g_date_add_days (&date, n);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

gboolean
wg_store_check_time (const char  *at,
                     const char  *what,
                     GError     **error)
{
  int h, mi, sec, end = 0;
  g_autofree char *day = at != NULL ? g_strndup (at, 10) : NULL;

  if (at == NULL || strlen (at) != 19 || !wg_day_is_valid (day) ||
      sscanf (at + 10, " %2d:%2d:%2d%n", &h, &mi, &sec, &end) != 3 || at[10 + end] != '\0' ||
      h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("%s: write a time as YYYY-MM-DD HH:MM."), what);
      return FALSE;
    }
  return TRUE;
}

gboolean
wg_store_lookup_grid (WgStore     *store,
                      const char  *code,
                      gint64      *id,
                      GError     **error)
{
  static const char sql[] = "SELECT id FROM grid WHERE code = ?";
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, code);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    *id = wg_stmt_column_int64 (stmt, 0);
  wg_stmt_reset (stmt);

  if (rc == WG_STMT_ROW)
    return TRUE;
  if (rc == WG_STMT_DONE)
    g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                 _("There is no grid with the code “%s”."), code);
  else
    wg_store_set_error (store, rc, error);
  return FALSE;
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
          WgStmt *stmt = wg_store_prepare (store, tables[i][1], NULL);

          if (stmt != NULL && wg_stmt_step (stmt) == WG_STMT_ROW)
            n = wg_stmt_column_int64 (stmt, 0);
          if (stmt != NULL)
            wg_stmt_reset (stmt);
          break;
        }
    }
  return n;
}
