/* wg-stmt-pg.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The county server's engine: a libpq connection and the statement layer
 * over it. The SQL texts are the SQLite ones: "?" and "?N" become "$N" when
 * a statement is prepared (outside quotes), parameters go as text and the
 * server infers their types, results come back as text (bytea unescaped
 * when asked for), a statement steps through the rows of its result.
 */

#define G_LOG_DOMAIN "wg-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "wg-stmt-private.h"
#include "wg-store-pg.h"

/* Type OIDs of pg_type that the layer tells apart. */
#define BOOLOID 16
#define BYTEAOID 17
#define TEXTOID 25
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define OIDOID 26
#define FLOAT4OID 700
#define FLOAT8OID 701
#define NUMERICOID 1700

struct _WgPgConn
{
  PGconn *conn;
  guint n_prepared;
  char state[6];
  char *message;
  gint64 changes;
  gint64 total_changes;
};

typedef struct
{
  WgStmt parent;
  WgPgConn *pg;
  char *name;
  char *sql;          /* as prepared, for the debug log */
  int n_params;
  char **values;
  int *lengths;
  int *formats;
  gboolean *owned;
  PGresult *result;
  int row;
  guchar **blobs;     /* unescaped bytea of the current row, per column */
  gsize *blob_sizes;
} PgStmt;

/* The URI as it may be shown: without a password. */
char *
wg_pg_display_uri (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) bare = NULL;

  if (parsed == NULL)
    return g_strdup ("postgresql://…");
  bare = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (parsed), g_uri_get_user (parsed) != NULL ?
                      g_uri_get_user (parsed) : NULL, g_uri_get_host (parsed), g_uri_get_port (parsed),
                      g_uri_get_path (parsed), NULL, NULL);
  return g_uri_to_string (bare);
}

void
wg_pg_set_error_from (WgPgConn   *conn,
                      const char *state,
                      const char *message)
{
  g_strlcpy (conn->state, state != NULL ? state : "XX000", sizeof conn->state);
  g_free (conn->message);
  conn->message = g_strstrip (g_strdup (message != NULL ? message : ""));
}

static void
set_error_from_result (WgPgConn *conn,
                       PGresult *result)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  if (state == NULL && PQstatus (conn->conn) != CONNECTION_OK)
    state = "08006";
  wg_pg_set_error_from (conn, state, primary != NULL ? primary : PQerrorMessage (conn->conn));
  g_debug ("The server says %s: %s", conn->state, conn->message);
}

WgPgConn *
wg_pg_connect (const char  *uri,
               gboolean     read_only,
               GError     **error)
{
  WgPgConn *pg = g_new0 (WgPgConn, 1);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  const char *zone_name = g_time_zone_get_identifier (zone);
  g_autofree char *shown = wg_pg_display_uri (uri);

  pg->conn = PQconnectdb (uri);
  if (PQstatus (pg->conn) != CONNECTION_OK)
    {
      g_autofree char *why = g_strstrip (g_strdup (PQerrorMessage (pg->conn)));

      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                   _("Cannot reach the county server “%s”: %s"), shown, why);
      wg_pg_close (pg);
      return NULL;
    }
  /* Times are the county's local time, as on a desk's file. */
  {
    const char *values[1] = { zone_name };
    PGresult *result = PQexecParams (pg->conn, "SELECT set_config ('TimeZone', $1, false)", 1, NULL, values,
                                     NULL, NULL, 0);

    if (PQresultStatus (result) != PGRES_TUPLES_OK)
      g_debug ("Time zone %s not known to the server: %s", zone_name, PQerrorMessage (pg->conn));
    PQclear (result);
  }
  if (read_only && !wg_pg_exec (pg, "SET default_transaction_read_only = on"))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                   _("Cannot reach the county server “%s”: %s"), shown, pg->message);
      wg_pg_close (pg);
      return NULL;
    }
  return pg;
}

void
wg_pg_close (WgPgConn *pg)
{
  if (pg == NULL)
    return;
  PQfinish (pg->conn);
  g_free (pg->message);
  g_free (pg);
}

gboolean
wg_pg_exec (WgPgConn   *pg,
            const char *sql)
{
  PGresult *result = PQexec (pg->conn, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    set_error_from_result (pg, result);
  PQclear (result);
  return ok;
}

gboolean
wg_pg_in_transaction (WgPgConn *pg)
{
  PGTransactionStatusType status = PQtransactionStatus (pg->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

const char *
wg_pg_error_state (WgPgConn *pg)
{
  return pg->state;
}

const char *
wg_pg_error_message (WgPgConn *pg)
{
  return pg->message != NULL ? pg->message : "";
}

int
wg_pg_socket (WgPgConn *pg)
{
  return PQsocket (pg->conn);
}

/* Returns: %FALSE when the connection is lost */
gboolean
wg_pg_drain_notifications (WgPgConn  *pg,
                           void     (*func) (const char *channel,
                                             const char *payload,
                                             gpointer    data),
                           gpointer   data)
{
  PGnotify *notify;
  int own = PQbackendPID (pg->conn);

  if (!PQconsumeInput (pg->conn))
    return FALSE;
  while ((notify = PQnotifies (pg->conn)) != NULL)
    {
      /* What this desk committed it knows already. */
      if (notify->be_pid != own)
        func (notify->relname, notify->extra, data);
      PQfreemem (notify);
    }
  return PQstatus (pg->conn) == CONNECTION_OK;
}

/* Connects again after the server went away; prepared statements are gone
 * with the old session. Returns: whether the server answers again */
gboolean
wg_pg_reconnect (WgPgConn *pg)
{
  PQreset (pg->conn);
  pg->n_prepared += 1000;
  return PQstatus (pg->conn) == CONNECTION_OK;
}

gint64
wg_pg_changes (WgPgConn *pg)
{
  return pg->changes;
}

gint64
wg_pg_total_changes (WgPgConn *pg)
{
  return pg->total_changes;
}

/* "?" and "?N" outside quotes become "$N"; a bare "?" takes the number one
 * more than the largest so far, as in SQLite. */
char *
wg_pg_translate_sql (const char *sql,
                     int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  char quote = 0;
  int largest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          g_string_append_c (out, *p);
          if (*p == quote)
            quote = 0;
          continue;
        }
      if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p == '?')
        {
          int number = 0;

          while (g_ascii_isdigit (p[1]))
            number = number * 10 + (*++p - '0');
          if (number == 0)
            number = largest + 1;
          largest = MAX (largest, number);
          g_string_append_printf (out, "$%d", number);
          continue;
        }
      g_string_append_c (out, *p);
    }
  *n_params = largest;
  return g_string_free (out, FALSE);
}

#define PG(stmt) ((PgStmt *) (stmt))

static void
clear_blobs (PgStmt *self)
{
  if (self->result == NULL || self->blobs == NULL)
    return;
  for (int c = 0; c < PQnfields (self->result); c++)
    g_clear_pointer (&self->blobs[c], PQfreemem);
}

static void
pg_reset (WgStmt *stmt)
{
  PgStmt *self = PG (stmt);

  clear_blobs (self);
  g_clear_pointer (&self->blobs, g_free);
  g_clear_pointer (&self->blob_sizes, g_free);
  g_clear_pointer (&self->result, PQclear);
  self->row = -1;
}

static void
pg_clear_bindings (WgStmt *stmt)
{
  PgStmt *self = PG (stmt);

  for (int i = 0; i < self->n_params; i++)
    {
      if (self->owned[i])
        g_free (self->values[i]);
      self->values[i] = NULL;
      self->owned[i] = FALSE;
      self->lengths[i] = 0;
      self->formats[i] = 0;
    }
}

static void
pg_free (WgStmt *stmt)
{
  PgStmt *self = PG (stmt);

  pg_reset (stmt);
  pg_clear_bindings (stmt);
  g_free (self->values);
  g_free (self->lengths);
  g_free (self->formats);
  g_free (self->owned);
  g_free (self->name);
  g_free (self->sql);
  g_free (self);
}

static void
set_value (PgStmt *self,
           int     index,
           char   *value,
           gboolean owned,
           int     length,
           int     format)
{
  int i = index - 1;

  /* As SQLite: a parameter the text does not have is not bound. */
  if (i < 0 || i >= self->n_params)
    {
      if (owned)
        g_free (value);
      return;
    }

  if (self->owned[i])
    g_free (self->values[i]);
  self->values[i] = value;
  self->owned[i] = owned;
  self->lengths[i] = length;
  self->formats[i] = format;
}

static void
pg_bind_text (WgStmt     *stmt,
              int         index,
              const char *text,
              gboolean    copy)
{
  if (text == NULL)
    set_value (PG (stmt), index, NULL, FALSE, 0, 0);
  else if (copy)
    set_value (PG (stmt), index, g_strdup (text), TRUE, 0, 0);
  else
    set_value (PG (stmt), index, (char *) text, FALSE, 0, 0);
}

static void
pg_bind_int64 (WgStmt *stmt,
               int     index,
               gint64  value)
{
  set_value (PG (stmt), index, g_strdup_printf ("%" G_GINT64_FORMAT, value), TRUE, 0, 0);
}

static void
pg_bind_double (WgStmt *stmt,
                int     index,
                double  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  set_value (PG (stmt), index, g_strdup (g_ascii_dtostr (buf, sizeof buf, value)), TRUE, 0, 0);
}

static void
pg_bind_null (WgStmt *stmt,
              int     index)
{
  set_value (PG (stmt), index, NULL, FALSE, 0, 0);
}

static void
pg_bind_blob (WgStmt     *stmt,
              int         index,
              const void *data,
              gsize       size)
{
  set_value (PG (stmt), index, (char *) data, FALSE, (int) size, 1);
}

static int
pg_parameter_count (WgStmt *stmt)
{
  return PG (stmt)->n_params;
}

static int
pg_step (WgStmt *stmt)
{
  PgStmt *self = PG (stmt);

  if (self->result == NULL)
    {
      ExecStatusType status;

      self->result = PQexecPrepared (self->pg->conn, self->name, self->n_params,
                                     (const char *const *) self->values, self->lengths, self->formats, 0);
      status = PQresultStatus (self->result);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          set_error_from_result (self->pg, self->result);
          g_debug ("On the server: %s\n%s", self->pg->message, self->sql);
          g_clear_pointer (&self->result, PQclear);
          return WG_STMT_PG_ERROR;
        }
      /* The rows a command touched (RETURNING included), else those read. */
      self->pg->changes = *PQcmdTuples (self->result) != '\0' ? g_ascii_strtoll (PQcmdTuples (self->result), NULL, 10)
                                                             : PQntuples (self->result);
      self->pg->total_changes += strncmp (PQcmdStatus (self->result), "SELECT", 6) == 0 ? 0 : self->pg->changes;
      self->blobs = g_new0 (guchar *, MAX (PQnfields (self->result), 1));
      self->blob_sizes = g_new0 (gsize, MAX (PQnfields (self->result), 1));
      self->row = -1;
    }
  clear_blobs (self);
  self->row++;
  return self->row < PQntuples (self->result) ? WG_STMT_ROW : WG_STMT_DONE;
}

static int
pg_column_count (WgStmt *stmt)
{
  return PG (stmt)->result != NULL ? PQnfields (PG (stmt)->result) : 0;
}

static gboolean
has_value (PgStmt *self,
           int     column)
{
  return self->result != NULL && self->row >= 0 && self->row < PQntuples (self->result) &&
         column < PQnfields (self->result) && !PQgetisnull (self->result, self->row, column);
}

static const char *
pg_column_text (WgStmt *stmt,
                int     column)
{
  PgStmt *self = PG (stmt);
  const char *value;

  if (!has_value (self, column))
    return NULL;
  value = PQgetvalue (self->result, self->row, column);
  if (PQftype (self->result, column) == BOOLOID)
    return g_str_equal (value, "t") ? "1" : "0";
  return value;
}

static gint64
pg_column_int64 (WgStmt *stmt,
                 int     column)
{
  const char *value = pg_column_text (stmt, column);

  if (value == NULL)
    return 0;
  if (strchr (value, '.') != NULL || strchr (value, 'e') != NULL)
    return (gint64) g_ascii_strtod (value, NULL);
  return g_ascii_strtoll (value, NULL, 10);
}

static double
pg_column_double (WgStmt *stmt,
                  int     column)
{
  const char *value = pg_column_text (stmt, column);

  return value != NULL ? g_ascii_strtod (value, NULL) : 0.0;
}

static WgColumnKind
pg_column_kind (WgStmt *stmt,
                int     column)
{
  PgStmt *self = PG (stmt);

  if (!has_value (self, column))
    return WG_COLUMN_KIND_NULL;
  switch (PQftype (self->result, column))
    {
    case BOOLOID:
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case OIDOID:
      return WG_COLUMN_KIND_INTEGER;
    case FLOAT4OID:
    case FLOAT8OID:
    case NUMERICOID:
      return WG_COLUMN_KIND_REAL;
    case BYTEAOID:
      return WG_COLUMN_KIND_BLOB;
    default:
      return WG_COLUMN_KIND_TEXT;
    }
}

static const void *
pg_column_blob (WgStmt *stmt,
                int     column)
{
  PgStmt *self = PG (stmt);

  if (!has_value (self, column))
    return NULL;
  if (PQftype (self->result, column) != BYTEAOID)
    return PQgetvalue (self->result, self->row, column);
  if (self->blobs[column] == NULL)
    self->blobs[column] = PQunescapeBytea ((const guchar *) PQgetvalue (self->result, self->row, column),
                                           &self->blob_sizes[column]);
  return self->blobs[column];
}

static gsize
pg_column_bytes (WgStmt *stmt,
                 int     column)
{
  PgStmt *self = PG (stmt);

  if (!has_value (self, column))
    return 0;
  if (PQftype (self->result, column) != BYTEAOID)
    return PQgetlength (self->result, self->row, column);
  pg_column_blob (stmt, column);
  return self->blob_sizes[column];
}

static const WgStmtOps pg_ops = {
  .free = pg_free,
  .bind_text = pg_bind_text,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_null = pg_bind_null,
  .bind_blob = pg_bind_blob,
  .parameter_count = pg_parameter_count,
  .step = pg_step,
  .reset = pg_reset,
  .clear_bindings = pg_clear_bindings,
  .column_count = pg_column_count,
  .column_text = pg_column_text,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_kind = pg_column_kind,
  .column_blob = pg_column_blob,
  .column_bytes = pg_column_bytes,
};

WgStmt *
wg_stmt_pg_prepare (WgStore     *store,
                    WgPgConn    *pg,
                    const char  *sql,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree Oid *types = NULL;
  gboolean fenced;
  int last_guess = 0;
  PGresult *result = NULL;
  PgStmt *self;
  int n_params;

  text = wg_pg_translate_sql (sql, &n_params);
  self = g_new0 (PgStmt, 1);
  self->parent.ops = &pg_ops;
  self->pg = pg;
  self->name = g_strdup_printf ("wg%u", ++pg->n_prepared);
  self->sql = g_strdup (text);
  self->n_params = n_params;
  self->values = g_new0 (char *, MAX (n_params, 1));
  self->lengths = g_new0 (int, MAX (n_params, 1));
  self->formats = g_new0 (int, MAX (n_params, 1));
  self->owned = g_new0 (gboolean, MAX (n_params, 1));
  self->row = -1;

  /* The server infers each parameter's type from where it stands. One it
   * cannot ("? IS NULL", "SELECT ?", one not used) is tried as text, then as an
   * integer when text does not fit where it is used next. A failed prepare
   * inside a transaction would abort it: each try is fenced by a savepoint. */
  types = g_new0 (Oid, MAX (n_params, 1));
  fenced = wg_pg_in_transaction (pg);
  for (int tries = 0; tries < 2 * n_params + 1; tries++)
    {
      const char *state, *message, *dollar;
      int which;

      if (fenced)
        PQclear (PQexec (pg->conn, "SAVEPOINT wg_prepare"));
      result = PQprepare (pg->conn, self->name, text, n_params, types);
      if (fenced)
        PQclear (PQexec (pg->conn, PQresultStatus (result) == PGRES_COMMAND_OK ? "RELEASE wg_prepare"
                                                                                : "ROLLBACK TO wg_prepare"));
      if (PQresultStatus (result) == PGRES_COMMAND_OK)
        break;
      state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
      dollar = message != NULL ? strchr (message, '$') : NULL;
      which = dollar != NULL ? atoi (dollar + 1) : 0;
      if ((g_strcmp0 (state, "42P18") == 0 || g_strcmp0 (state, "42P08") == 0) &&
          which >= 1 && which <= n_params && types[which - 1] == 0)
        {
          types[which - 1] = TEXTOID;
          last_guess = which;
        }
      else if ((g_strcmp0 (state, "42883") == 0 || g_strcmp0 (state, "42804") == 0) &&
               last_guess > 0 && types[last_guess - 1] == TEXTOID)
        types[last_guess - 1] = INT8OID;
      else
        break;
      PQclear (result);
    }
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      set_error_from_result (pg, result);
      PQclear (result);
      g_debug ("Cannot prepare on the server: %s\n%s", pg->message, text);
      pg_free (&self->parent);
      wg_store_set_error (store, WG_STMT_PG_ERROR, error);
      return NULL;
    }
  PQclear (result);
  return &self->parent;
}
