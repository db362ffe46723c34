/* wg-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The alert engine: door sensors' messages in, alerts out. It needs no
 * network — the MQTT feed hands it each message on the main context, and the
 * tests hand it messages directly.
 *
 * Messages follow Zigbee2MQTT: "<base>/<device>" with a JSON object
 * (contact false = door open, battery 0–100, tamper, …), and
 * "<base>/<device>/availability" with {"state":"online"} or the bare word.
 * Every message is recorded once in sensor_event (QoS 1 redelivers: the
 * topic, MQTT message id and payload make a digest the table keeps unique),
 * then the rules:
 *
 *  - door opened on a household in home quarantine that day → high, unless
 *    inside a visit window on the household (then recorded as expected);
 *  - tamper → high; offline (said so, or silent longer than the heartbeat)
 *    → medium; battery under 20 % → low; a device nobody registered → low;
 *  - while an alert of the kind is not resolved, more of the same add to it.
 *
 * A sensor is armed exactly while its household has a home quarantine on the
 * day of the message: from the first day to the last, with nothing to switch.
 * A sensor on a room of a central site is armed while someone is checked in
 * to the room, from the check-in to the check-out.
 */

#define G_LOG_DOMAIN "wg-alerts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "wg-alert-engine.h"
#include "wg-sensor-message.h"
#include "wg-store-alerts.h"
#include "wg-store-private.h"
#include "wg-store-sensors.h"
#include "wg-store-settings.h"

struct _WgAlertEngine
{
  GObject parent_instance;

  WgStore *store;
  char *base_topic;
  WgFeedStats stats;
  GHashTable *reminded; /* alert id → unix time of the last reminder */

  /* A batch: one transaction, a savepoint per message, signals at the end. */
  gboolean in_batch;
  gboolean batch_failed; /* a message of the open batch failed: it is rolled back whole */
  GArray *pending;      /* of Raised */
  GArray *batch_seen;   /* of guint64: digests taken in by the open batch */
  GHashTable *known;    /* device → Cached: the sensors as the open batch left them */
  gboolean known_loaded;
  GPtrArray *events;    /* of Row: the open batch's events, written when it ends */

  /* The digests of the latest messages, to know a QoS 1 redelivery: a ring,
   * and a set whose keys point into it. Seeded from the database. */
  guint64 *ring;
  guint ring_next;
  GHashTable *recent;
};

/* QoS 1 redelivers what was in flight when a connection broke: a few
 * hundred messages at most. */
#define RECENT_DIGESTS 65536

G_DEFINE_FINAL_TYPE (WgAlertEngine, wg_alert_engine, G_TYPE_OBJECT)

enum {
  ALERT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_time (GDateTime *at)
{
  return g_date_time_format (at, "%Y-%m-%d %H:%M:%S");
}

static char *
make_digest (const char *topic,
             guint       mid,
             const void *payload,
             gsize       length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char mid_text[16];

  g_checksum_update (checksum, (const guchar *) topic, strlen (topic) + 1);
  g_snprintf (mid_text, sizeof mid_text, "%u", mid);
  g_checksum_update (checksum, (const guchar *) mid_text, strlen (mid_text) + 1);
  if (length > 0)
    g_checksum_update (checksum, payload, length);
  return g_strdup (g_checksum_get_string (checksum));
}

/* The first 64 bits of a hex digest: the key of the recent set. */
static guint64
digest_key (const char *digest)
{
  char head[17] = { 0 };

  if (digest == NULL || strlen (digest) < 16)
    return 0;
  memcpy (head, digest, 16);
  return g_ascii_strtoull (head, NULL, 16);
}

static gboolean
seen_recently (WgAlertEngine *self,
               guint64        key)
{
  return g_hash_table_contains (self->recent, &key);
}

static void
remember (WgAlertEngine *self,
          guint64        key)
{
  guint64 *slot = &self->ring[self->ring_next];

  if (seen_recently (self, key))
    return;
  g_hash_table_remove (self->recent, slot);
  *slot = key;
  g_hash_table_add (self->recent, slot);
  self->ring_next = (self->ring_next + 1) % RECENT_DIGESTS;
}

static void
forget (WgAlertEngine *self,
        guint64        key)
{
  g_hash_table_remove (self->recent, &key);
}

/* The latest messages' digests, from before this engine started: the feed
 * that stopped (or died) before it may have left them in flight. */
static void
seed_recent (WgAlertEngine *self)
{
  static const char sql[] =
    "SELECT digest FROM (SELECT id, digest FROM sensor_event ORDER BY id DESC LIMIT ?) AS latest ORDER BY id";
  WgStmt *stmt;

  if (!(stmt = wg_store_prepare (self->store, sql, NULL)))
    return;
  wg_stmt_bind_int (stmt, 1, RECENT_DIGESTS);
  while (wg_stmt_step (stmt) == WG_STMT_ROW)
    remember (self, digest_key (wg_stmt_column_text (stmt, 0)));
  wg_stmt_reset (stmt);
}

/* What is kept of a payload: text, and not much of it. */
static char *
keep_payload (const void *payload,
              gsize       length)
{
  g_autofree char *head = g_strndup (payload, MIN (length, 1024));

  return g_utf8_make_valid (head != NULL ? head : "", -1);
}

typedef struct
{
  gint64 id;
  gboolean is_new;
} Raised;

/* Adds to the unresolved alert of the kind for the device, or opens one. */
static gboolean
raise_alert (WgAlertEngine  *self,
             GArray         *raised,
             WgAlertKind     kind,
             WgSeverity      severity,
             gint64          sensor_id,
             gint64          household_id,
             gint64          room_id,
             const char     *device,
             const char     *at,
             GError        **error)
{
  static const char find_sql[] =
    "SELECT id FROM alert WHERE device = ? AND kind = ? AND state < 3 ORDER BY id LIMIT 1";
  static const char add_sql[] =
    "UPDATE alert SET event_count = event_count + 1, last_event_at = ? WHERE id = ?";
  static const char open_sql[] =
    "INSERT INTO alert (kind, severity, sensor_id, household_id, opened_at, last_event_at, device, room_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  Raised r = { 0 };
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (self->store, find_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, device);
  wg_stmt_bind_int (stmt, 2, kind);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    r.id = wg_stmt_column_int64 (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }

  if (r.id != 0)
    {
      if (!(stmt = wg_store_prepare (self->store, add_sql, error)))
        return FALSE;
      wg_stmt_bind_text (stmt, 1, at);
      wg_stmt_bind_int64 (stmt, 2, r.id);
      if (!wg_store_step_done (self->store, stmt, error))
        return FALSE;
    }
  else
    {
      g_autofree char *detail = g_strdup_printf ("%s %s", wg_alert_kind_name (kind), device);

      if (!(stmt = wg_store_prepare (self->store, open_sql, error)))
        return FALSE;
      wg_stmt_bind_int (stmt, 1, kind);
      wg_stmt_bind_int (stmt, 2, severity);
      if (sensor_id != 0)
        wg_stmt_bind_int64 (stmt, 3, sensor_id);
      if (household_id != 0)
        wg_stmt_bind_int64 (stmt, 4, household_id);
      wg_stmt_bind_text (stmt, 5, at);
      wg_stmt_bind_text (stmt, 6, at);
      wg_stmt_bind_text (stmt, 7, device);
      if (room_id != 0)
        wg_stmt_bind_int64 (stmt, 8, room_id);
      if (!wg_store_step_done (self->store, stmt, error))
        return FALSE;
      r.id = wg_store_last_insert_id (self->store);
      r.is_new = TRUE;
      if (!wg_store_log (self->store, "open", "alert", r.id, detail, error))
        return FALSE;
    }
  g_array_append_val (raised, r);
  return TRUE;
}

/* Whether a door opening at @at is an alert (armed, no visit planned), an
 * expected opening, or nothing (not armed). */
typedef enum
{
  OPENING_NOT_ARMED,
  OPENING_EXPECTED,
  OPENING_ALERT,
} Opening;

static gboolean
judge_opening (WgAlertEngine  *self,
               gint64          household_id,
               gint64          room_id,
               const char     *at,
               Opening        *opening,
               GError        **error)
{
  /* A room is armed while someone is checked in to it; its visit windows
   * (disinfection) make an opening expected, as at a home. */
  static const char room_sql[] =
    "SELECT EXISTS (SELECT 1 FROM room_stay st WHERE st.room_id = ?1"
    "                AND st.checked_in_at <= ?2 AND (st.checked_out_at IS NULL OR st.checked_out_at > ?2)),"
    "       EXISTS (SELECT 1 FROM room_visit_window v WHERE v.room_id = ?1"
    "                  AND v.starts_at <= ?2 AND v.ends_at >= ?2)";
  static const char sql[] =
    "SELECT EXISTS (SELECT 1 FROM quarantine q JOIN person p ON p.id = q.person_id"
    "                WHERE p.household_id = ?1 AND q.kind = 1"
    "                  AND q.start_day <= substr (?2, 1, 10) AND q.end_day >= substr (?2, 1, 10)),"
    "       EXISTS (SELECT 1 FROM visit_window v WHERE v.household_id = ?1"
    "                  AND v.starts_at <= ?2 AND v.ends_at >= ?2)";
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (self->store, room_id != 0 ? room_sql : sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, room_id != 0 ? room_id : household_id);
  wg_stmt_bind_text (stmt, 2, at);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    *opening = !wg_stmt_column_int (stmt, 0) ? OPENING_NOT_ARMED
               : wg_stmt_column_int (stmt, 1) ? OPENING_EXPECTED : OPENING_ALERT;
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *device;
  const char *received_at;
  const char *occurred_at;
  gboolean device_time;
  WgSensorEventKind kind;
  const void *payload;
  gsize length;
  const char *digest;
} Event;

/* An event as it will be written: a batch writes its events together. */
typedef struct
{
  gint64 sensor_id;
  char *device;
  char *received_at;
  int kind;
  char *payload;
  char *digest;
  char *occurred_at;
  gboolean device_time;
} Row;

static void
row_free (Row *row)
{
  g_free (row->device);
  g_free (row->received_at);
  g_free (row->payload);
  g_free (row->digest);
  g_free (row->occurred_at);
  g_free (row);
}

#define EVENT_COLUMNS 8
#define EVENT_ROWS 32

/* The INSERT of @n_rows events (1 or EVENT_ROWS): placeholders only. */
static const char *
insert_events_sql (guint n_rows)
{
  static const char one[] =
    "INSERT INTO sensor_event (sensor_id, device, received_at, kind, payload, digest,"
    "                          occurred_at, time_source)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static char *many;

  if (n_rows == 1)
    return one;
  if (g_once_init_enter (&many))
    {
      GString *sql = g_string_new (one);

      for (guint i = 1; i < EVENT_ROWS; i++)
        g_string_append (sql, ", (?, ?, ?, ?, ?, ?, ?, ?)");
      g_once_init_leave (&many, g_string_free (sql, FALSE));
    }
  return many;
}

static gboolean
insert_events (WgAlertEngine  *self,
               Row           **rows,
               guint           n_rows,
               GError        **error)
{
  WgStmt *stmt;

  if (!(stmt = wg_store_prepare (self->store, insert_events_sql (n_rows), error)))
    return FALSE;
  for (guint i = 0; i < n_rows; i++)
    {
      const Row *row = rows[i];
      int base = (int) (i * EVENT_COLUMNS);

      if (row->sensor_id != 0)
        wg_stmt_bind_int64 (stmt, base + 1, row->sensor_id);
      else
        wg_stmt_bind_null (stmt, base + 1);
      wg_stmt_bind_text (stmt, base + 2, row->device);
      wg_stmt_bind_text (stmt, base + 3, row->received_at);
      wg_stmt_bind_int (stmt, base + 4, row->kind);
      wg_stmt_bind_text (stmt, base + 5, row->payload);
      wg_stmt_bind_text (stmt, base + 6, row->digest);
      wg_stmt_bind_text (stmt, base + 7, row->occurred_at);
      wg_stmt_bind_int (stmt, base + 8, row->device_time ? 1 : 0);
    }
  return wg_store_step_done (self->store, stmt, error);
}

/* The batch's events, written: EVENT_ROWS to a statement, then the rest one
 * by one (a round trip to the county server per statement, not per event). */
static gboolean
flush_events (WgAlertEngine  *self,
              GError        **error)
{
  Row **rows = (Row **) self->events->pdata;
  guint n = self->events->len, i = 0;
  gboolean ok = TRUE;

  for (; ok && i + EVENT_ROWS <= n; i += EVENT_ROWS)
    ok = insert_events (self, rows + i, EVENT_ROWS, error);
  for (; ok && i < n; i++)
    ok = insert_events (self, rows + i, 1, error);
  g_ptr_array_set_size (self->events, 0);
  return ok;
}

/* Records the message once: a digest seen recently is QoS 1 delivering it
 * again, and nothing is written. Inside a batch, the event is written with
 * the batch's others when it ends. */
static gboolean
record_event (WgAlertEngine  *self,
              gint64          sensor_id,
              const Event    *event,
              gboolean       *duplicate,
              GError        **error)
{
  Row *row;
  gboolean ok;

  *duplicate = seen_recently (self, digest_key (event->digest));
  if (*duplicate)
    return TRUE;
  row = g_new0 (Row, 1);
  row->sensor_id = sensor_id;
  row->device = g_utf8_make_valid (event->device, MIN (strlen (event->device), 128));
  row->received_at = g_strdup (event->received_at);
  row->kind = event->kind;
  row->payload = keep_payload (event->payload, event->length);
  row->digest = g_strdup (event->digest);
  row->occurred_at = g_strdup (event->occurred_at);
  row->device_time = event->device_time;
  if (self->in_batch)
    {
      g_ptr_array_add (self->events, row);
      return TRUE;
    }
  ok = insert_events (self, &row, 1, error);
  row_free (row);
  return ok;
}

/* What the store knew of a sensor before this message. -1: unknown. */
typedef struct
{
  gint64 id;
  gint64 household_id;
  gint64 room_id;
  int contact;
  int tamper;
  int battery_low;
  int online;
} Known;

/* A sensor in a batch: what it was, what the batch's messages made it, and
 * what is to be written when the batch ends (one UPDATE per sensor). */
typedef struct
{
  Known known;
  gboolean dirty;
  int battery;              /* the batch's latest percentage; -1: none */
  char last_seen[24];       /* the latest message's time */
  char contact_since[24];   /* when the door last changed in the batch; "" if it did not */
} Cached;

static int
column_flag (WgStmt *stmt,
             int           column)
{
  return wg_stmt_column_is_null (stmt, column) ? -1 : wg_stmt_column_int (stmt, column);
}

static void
read_known_row (WgStmt *stmt,
                int     first,
                Known  *known)
{
  known->id = wg_stmt_column_int64 (stmt, first);
  known->household_id = wg_stmt_column_int64 (stmt, first + 1);
  known->contact = column_flag (stmt, first + 2);
  known->tamper = column_flag (stmt, first + 3);
  known->battery_low = column_flag (stmt, first + 4);
  known->online = column_flag (stmt, first + 5);
  known->room_id = wg_stmt_column_int64 (stmt, first + 6);
}

/* Every sensor of the county, into the batch's cache: one query, not one
 * per sensor (a county has a few hundred). */
static gboolean
load_sensors (WgAlertEngine  *self,
              GError        **error)
{
  static const char sql[] =
    "SELECT device, id, coalesce (household_id, 0), contact, tamper, battery_low, online, coalesce (room_id, 0)"
    " FROM sensor";
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (self->store, sql, error)))
    return FALSE;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      Cached *cached = g_new0 (Cached, 1);

      read_known_row (stmt, 1, &cached->known);
      cached->battery = -1;
      g_hash_table_insert (self->known, g_strdup (wg_stmt_column_text (stmt, 0)), cached);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  self->known_loaded = TRUE;
  return TRUE;
}

static gboolean
read_known (WgAlertEngine  *self,
            const char     *device,
            Known          *known,
            GError        **error)
{
  static const char sql[] =
    "SELECT id, coalesce (household_id, 0), contact, tamper, battery_low, online, coalesce (room_id, 0)"
    " FROM sensor WHERE device = ?";
  WgStmt *stmt;
  int rc;

  memset (known, 0, sizeof *known);
  known->contact = known->tamper = known->battery_low = known->online = -1;

  /* Within a batch, the sensors are read once: after that the batch's own
   * messages make them what they are (no other writer of their state while
   * the batch's transaction is open: the feed's lease). */
  if (self->in_batch)
    {
      const Cached *cached;

      if (!self->known_loaded && !load_sensors (self, error))
        return FALSE;
      if ((cached = g_hash_table_lookup (self->known, device)) != NULL)
        *known = cached->known;
      return TRUE;
    }

  if (!(stmt = wg_store_prepare (self->store, sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, device);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    read_known_row (stmt, 0, known);
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Low when either says so: the percentage, or the zone's battery bit. */
static int
battery_low_of (const WgSensorMessage *message)
{
  if (message->battery_low == 1 || (message->battery >= 0 && message->battery < WG_BATTERY_LOW))
    return 1;
  if (message->battery_low == 0 || message->battery >= 0)
    return 0;
  return -1;
}

static void
bind_flag (WgStmt *stmt,
           int           index,
           int           value)
{
  if (value >= 0)
    wg_stmt_bind_int (stmt, index, value);
}

/* The sensor's state after the message; the door's "since" moves only when
 * the door changes, and an older message never moves "last seen" back. */
static gboolean
update_sensor (WgAlertEngine         *self,
               gint64                 sensor_id,
               const WgSensorMessage *message,
               const char            *at,
               GError               **error)
{
  static const char sql[] =
    "UPDATE sensor SET battery = coalesce (?2, battery),"
    "  contact_since = CASE WHEN ?3 IS NOT NULL AND contact IS DISTINCT FROM ?3 THEN ?5 ELSE contact_since END,"
    "  left_open_raised = CASE WHEN ?3 IS NOT NULL AND contact IS DISTINCT FROM ?3 THEN 0 ELSE left_open_raised END,"
    "  contact = coalesce (?3, contact), online = ?4,"
    "  last_seen = CASE WHEN last_seen IS NULL OR last_seen < ?5 THEN ?5 ELSE last_seen END,"
    "  tamper = coalesce (?6, tamper), battery_low = coalesce (?7, battery_low)"
    " WHERE id = ?1";
  WgStmt *stmt;

  if (!(stmt = wg_store_prepare (self->store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, sensor_id);
  if (message->battery >= 0)
    wg_stmt_bind_int (stmt, 2, (int) floor (message->battery + 0.5));
  bind_flag (stmt, 3, message->contact);
  /* Any state message means it is there; availability says so itself. */
  wg_stmt_bind_int (stmt, 4, message->topic == WG_SENSOR_TOPIC_AVAILABILITY ? message->online : 1);
  wg_stmt_bind_text (stmt, 5, at);
  bind_flag (stmt, 6, message->tamper);
  bind_flag (stmt, 7, battery_low_of (message));
  return wg_store_step_done (self->store, stmt, error);
}

/* Counts and tells what was committed. */
static void
announce (WgAlertEngine *self,
          GArray        *raised)
{
  for (guint i = 0; i < raised->len; i++)
    {
      const Raised *r = &g_array_index (raised, Raised, i);

      if (r->is_new)
        self->stats.alerts_opened++;
      else
        self->stats.alerts_updated++;
      g_signal_emit (self, signals[ALERT], 0, r->id, r->is_new);
    }
}

/* Transactions: one per message, or the batch's. Inside a batch a message
 * takes no savepoint of its own (two round trips to the county server, for
 * every message): a message that fails fails the batch, which is rolled
 * back whole and handled again one message at a time by its caller. */
static gboolean
message_begin (WgAlertEngine  *self,
               GError        **error)
{
  if (!self->in_batch)
    return wg_store_begin (self->store, error);
  if (self->batch_failed)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                           "An earlier message of the batch was not recorded: the batch is rolled back.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
message_commit (WgAlertEngine  *self,
                const char     *digest,
                GArray         *raised,
                GError        **error)
{
  guint64 key = digest_key (digest);

  if (self->in_batch)
    {
      g_array_append_vals (self->pending, raised->data, raised->len);
      /* Known at once (a redelivery may come in the same batch), forgotten
       * again if the batch is not written. */
      if (digest != NULL)
        {
          remember (self, key);
          g_array_append_val (self->batch_seen, key);
        }
      return TRUE;
    }
  if (!wg_store_commit_quietly (self->store, error))
    return FALSE;
  if (digest != NULL)
    remember (self, key);
  announce (self, raised);
  return TRUE;
}

/* @failed: the store failed (else: a duplicate, nothing was written). */
static void
message_abort (WgAlertEngine *self,
               gboolean       failed)
{
  if (!self->in_batch)
    {
      wg_store_rollback (self->store);
      return;
    }
  if (failed)
    self->batch_failed = TRUE;
}

/* When it happened: the device's own last_seen when it is plausible, else
 * the arrival. */
static GDateTime *
event_time (const WgSensorMessage *message,
            GDateTime             *arrival,
            gboolean              *from_device)
{
  gint64 arrival_ms = g_date_time_to_unix (arrival) * 1000 + g_date_time_get_microsecond (arrival) / 1000;
  gint64 age_ms = arrival_ms - message->last_seen_ms;

  *from_device = FALSE;
  if (message->last_seen_ms <= 0 || age_ms < -WG_DEVICE_TIME_SKEW_SECONDS * G_GINT64_CONSTANT (1000) ||
      age_ms > WG_DEVICE_TIME_HORIZON_HOURS * G_GINT64_CONSTANT (3600000))
    return g_date_time_ref (arrival);
  *from_device = TRUE;
  return g_date_time_add (arrival, -age_ms * 1000);
}

/* The bridge said whether it is online: its state kept, an alert opened
 * when it goes offline, resolved by itself when it comes back. */
static gboolean
handle_bridge (WgAlertEngine          *self,
               const WgSensorMessage  *message,
               const char             *when,
               GArray                 *raised,
               GError                **error)
{
  static const char read_sql[] = "SELECT online FROM bridge WHERE base_topic = ?";
  static const char write_sql[] =
    "INSERT INTO bridge (base_topic, online, since) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (base_topic) DO UPDATE SET online = ?2,"
    "   since = CASE WHEN bridge.online IS NOT DISTINCT FROM ?2 THEN bridge.since ELSE ?3 END";
  static const char open_sql[] =
    "SELECT id FROM alert WHERE kind = ? AND device = ? AND state < 3 ORDER BY id";
  static const char resolve_sql[] =
    "UPDATE alert SET state = 3, resolved_at = ?2, outcome = ?3, note = ?4 WHERE id = ?1";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  WgStmt *stmt;
  int before = -1;
  int rc;

  if (!(stmt = wg_store_prepare (self->store, read_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, self->base_topic);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    before = wg_stmt_column_int (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }

  if (!(stmt = wg_store_prepare (self->store, write_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, self->base_topic);
  wg_stmt_bind_int (stmt, 2, message->online);
  wg_stmt_bind_text (stmt, 3, when);
  if (!wg_store_step_done (self->store, stmt, error))
    return FALSE;

  /* Offline: every sensor is blind. A retained "offline" is the truth now. */
  if (message->online == 0)
    return before == 0 ||
           raise_alert (self, raised, WG_ALERT_KIND_BRIDGE_OFFLINE, WG_SEVERITY_HIGH, 0, 0, 0,
                        WG_BRIDGE_DEVICE, when, error);

  if (!(stmt = wg_store_prepare (self->store, open_sql, error)))
    return FALSE;
  wg_stmt_bind_int (stmt, 1, WG_ALERT_KIND_BRIDGE_OFFLINE);
  wg_stmt_bind_text_static (stmt, 2, WG_BRIDGE_DEVICE);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      Raised r = { id, FALSE };

      if (!(stmt = wg_store_prepare (self->store, resolve_sql, error)))
        return FALSE;
      wg_stmt_bind_int64 (stmt, 1, id);
      wg_stmt_bind_text (stmt, 2, when);
      wg_stmt_bind_int (stmt, 3, WG_ALERT_OUTCOME_DEVICE_FAULT);
      /* Printed and shown as it is: the words of the record, in Chinese. */
      wg_stmt_bind_text_static (stmt, 4, "网桥已恢复在线，自动解除");
      if (!wg_store_step_done (self->store, stmt, error) ||
          !wg_store_log (self->store, "resolve", "alert", id, "automatic: bridge online", error))
        return FALSE;
      g_array_append_val (raised, r);
    }
  return TRUE;
}

/**
 * wg_alert_engine_handle:
 * @self: a #WgAlertEngine
 * @topic: the MQTT topic
 * @payload: (nullable): the message
 * @length: its length
 * @mid: the MQTT message id (a redelivery has the same)
 * @flags: whether it is the broker's retained copy
 * @at: (nullable): when it was received; %NULL for now
 * @error: return location for a #GError: only for a store that fails
 *
 * Records the message and applies the rules, in one transaction (or, inside
 * a batch, a savepoint of the batch's). Openings are transitions: a door
 * that was closed and now is open, judged at the device's own time when it
 * gave one. Repeated states, retained copies and startup republishes keep
 * the sensor's state and raise nothing; tamper and a low battery are raised
 * when they begin. Malformed messages, empty (clearing) payloads, unknown
 * devices and duplicates are counted, recorded where it makes sense, and are
 * not errors. Emits #WgAlertEngine::alert for each alert opened or added to
 * (at the end of the batch, inside one).
 *
 * Returns: %FALSE only when the store failed
 */
gboolean
wg_alert_engine_handle (WgAlertEngine  *self,
                        const char     *topic,
                        const void     *payload,
                        gsize           length,
                        guint           mid,
                        WgMessageFlags  flags,
                        GDateTime      *at,
                        GError        **error)
{
  g_auto(WgSensorMessage) message = { 0 };
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) happened = NULL;
  g_autoptr(GArray) raised = g_array_new (FALSE, FALSE, sizeof (Raised));
  g_autofree char *received = NULL;
  g_autofree char *when = NULL;
  g_autofree char *digest = NULL;
  gboolean retained = (flags & WG_MESSAGE_FLAGS_RETAINED) != 0;
  gboolean duplicate = FALSE;
  Opening opening = OPENING_NOT_ARMED;
  Known known;
  Event event = { 0 };

  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);
  g_return_val_if_fail (payload != NULL || length == 0, FALSE);

  self->stats.messages++;
  if (at == NULL)
    at = now = g_date_time_new_now_local ();
  received = format_time (at);
  digest = make_digest (topic, mid, payload, length);
  event.received_at = received;
  event.payload = payload;
  event.length = length;
  event.digest = digest;

  if (!wg_sensor_message_parse (self->base_topic, topic, payload, length, &message, &parse_error))
    {
      if (g_error_matches (parse_error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_NOT_A_DEVICE))
        {
          self->stats.ignored++;
          return TRUE;
        }
      /* Zigbee2MQTT forgetting a device's retained state: nothing happened. */
      if (g_error_matches (parse_error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_CLEARED))
        {
          self->stats.cleared++;
          return TRUE;
        }
      /* Kept, to find out later what sent it. */
      self->stats.malformed++;
      g_debug ("%s: %s", topic, parse_error->message);
      event.device = topic + MIN (strlen (topic), strlen (self->base_topic) + 1);
      event.occurred_at = received;
      event.kind = WG_SENSOR_EVENT_KIND_MALFORMED;
      if (!message_begin (self, error))
        return FALSE;
      if (!record_event (self, 0, &event, &duplicate, error))
        goto failed;
      return message_commit (self, digest, raised, error);
    }

  self->stats.bad_fields += message.n_bad_fields;
  if (retained)
    self->stats.retained++;
  happened = event_time (&message, at, &event.device_time);
  if (event.device_time)
    self->stats.device_time++;
  when = format_time (happened);
  event.occurred_at = when;
  event.device = message.device != NULL ? message.device : WG_BRIDGE_DEVICE;

  if (!message_begin (self, error))
    return FALSE;

  if (message.topic == WG_SENSOR_TOPIC_BRIDGE_STATE)
    {
      event.kind = WG_SENSOR_EVENT_KIND_AVAILABILITY;
      if (!record_event (self, 0, &event, &duplicate, error))
        goto failed;
      if (duplicate)
        goto duplicate;
      if (!handle_bridge (self, &message, when, raised, error))
        goto failed;
      return message_commit (self, digest, raised, error);
    }

  if (!read_known (self, message.device, &known, error))
    goto failed;

  /* An opening is the door going from closed to open. */
  if ((known.household_id != 0 || known.room_id != 0) && !retained && message.contact == 0 &&
      known.contact == 1 && !judge_opening (self, known.household_id, known.room_id, when, &opening, error))
    goto failed;

  event.kind = message.topic == WG_SENSOR_TOPIC_AVAILABILITY ? WG_SENSOR_EVENT_KIND_AVAILABILITY
               : opening == OPENING_EXPECTED ? WG_SENSOR_EVENT_KIND_EXPECTED_OPENING
               : WG_SENSOR_EVENT_KIND_STATE;
  if (!record_event (self, known.id, &event, &duplicate, error))
    goto failed;
  if (duplicate)
    goto duplicate;

  if (known.id == 0)
    {
      self->stats.unknown_devices++;
      if (!raise_alert (self, raised, WG_ALERT_KIND_UNKNOWN_DEVICE, WG_SEVERITY_LOW, 0, 0, 0, message.device,
                        when, error))
        goto failed;
      return message_commit (self, digest, raised, error);
    }

  if (!self->in_batch && !update_sensor (self, known.id, &message, when, error))
    goto failed;
  if (self->in_batch)
    {
      Cached *cached = g_hash_table_lookup (self->known, message.device);

      /* What the per-message UPDATE would have made it, written once when
       * the batch ends (flush_sensors ()). */
      if (cached != NULL)
        {
          int low = battery_low_of (&message);

          if (message.contact >= 0 && message.contact != cached->known.contact)
            g_strlcpy (cached->contact_since, when, sizeof cached->contact_since);
          if (message.contact >= 0)
            cached->known.contact = message.contact;
          cached->known.online = message.topic == WG_SENSOR_TOPIC_AVAILABILITY ? message.online : 1;
          if (message.tamper >= 0)
            cached->known.tamper = message.tamper;
          if (low >= 0)
            cached->known.battery_low = low;
          if (message.battery >= 0)
            cached->battery = (int) floor (message.battery + 0.5);
          if (cached->last_seen[0] == '\0' || strcmp (cached->last_seen, when) < 0)
            g_strlcpy (cached->last_seen, when, sizeof cached->last_seen);
          cached->dirty = TRUE;
        }
    }

  /* A sensor bound to no household or room watches nobody. */
  if (known.household_id != 0 || known.room_id != 0)
    {
      /* Said offline, after being online (or never said): true now, even
       * from a retained copy. */
      if (message.topic == WG_SENSOR_TOPIC_AVAILABILITY && message.online == 0 && known.online != 0 &&
          !raise_alert (self, raised, WG_ALERT_KIND_OFFLINE, WG_SEVERITY_MEDIUM, known.id,
                        known.household_id, known.room_id, message.device, when, error))
        goto failed;
      if (!retained && message.tamper == 1 && known.tamper != 1 &&
          !raise_alert (self, raised, WG_ALERT_KIND_TAMPER, WG_SEVERITY_HIGH, known.id, known.household_id,
                        known.room_id, message.device, when, error))
        goto failed;
      if (!retained && battery_low_of (&message) == 1 && known.battery_low != 1 &&
          !raise_alert (self, raised, WG_ALERT_KIND_BATTERY_LOW, WG_SEVERITY_LOW, known.id,
                        known.household_id, known.room_id, message.device, when, error))
        goto failed;
      if (opening == OPENING_ALERT &&
          !raise_alert (self, raised, WG_ALERT_KIND_DOOR_OPENED, WG_SEVERITY_HIGH, known.id,
                        known.household_id, known.room_id, message.device, when, error))
        goto failed;
      if (opening == OPENING_EXPECTED)
        self->stats.expected_openings++;
    }

  return message_commit (self, digest, raised, error);

duplicate:
  /* QoS 1 delivered it again: it was handled the first time. */
  message_abort (self, FALSE);
  self->stats.duplicates++;
  return TRUE;

failed:
  message_abort (self, TRUE);
  return FALSE;
}

/* The sensors the batch's messages changed, written: one UPDATE each. */
static gboolean
flush_sensors (WgAlertEngine  *self,
               GError        **error)
{
  static const char sql[] =
    "UPDATE sensor SET battery = coalesce (?2, battery),"
    "  contact_since = coalesce (?3, contact_since),"
    "  left_open_raised = CASE WHEN ?3 IS NOT NULL THEN 0 ELSE left_open_raised END,"
    "  contact = coalesce (?4, contact), online = ?5,"
    "  last_seen = CASE WHEN last_seen IS NULL OR last_seen < ?6 THEN ?6 ELSE last_seen END,"
    "  tamper = coalesce (?7, tamper), battery_low = coalesce (?8, battery_low)"
    " WHERE id = ?1";
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Cached *cached = value;
      WgStmt *stmt;

      if (!cached->dirty)
        continue;
      if (!(stmt = wg_store_prepare (self->store, sql, error)))
        return FALSE;
      wg_stmt_bind_int64 (stmt, 1, cached->known.id);
      if (cached->battery >= 0)
        wg_stmt_bind_int (stmt, 2, cached->battery);
      if (cached->contact_since[0] != '\0')
        wg_stmt_bind_text (stmt, 3, cached->contact_since);
      bind_flag (stmt, 4, cached->known.contact);
      wg_stmt_bind_int (stmt, 5, cached->known.online);
      wg_stmt_bind_text (stmt, 6, cached->last_seen);
      bind_flag (stmt, 7, cached->known.tamper);
      bind_flag (stmt, 8, cached->known.battery_low);
      if (!wg_store_step_done (self->store, stmt, error))
        return FALSE;
      cached->dirty = FALSE;
    }
  return TRUE;
}

/**
 * wg_alert_engine_begin_batch:
 * @self: a #WgAlertEngine
 * @error: return location for a #GError
 *
 * Opens one transaction for the messages handled until
 * wg_alert_engine_end_batch(): a burst after an outage is written once, not
 * once per message, and each sensor is read once. A message that fails
 * fails the batch — wg_alert_engine_handle() returns %FALSE for it and
 * every later one, and end_batch() rolls it all back — so that the caller
 * can handle those messages again one by one (each its own transaction),
 * setting aside only the one that cannot be recorded. The alerts are
 * announced when the batch is committed.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_alert_engine_begin_batch (WgAlertEngine  *self,
                             GError        **error)
{
  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!wg_store_begin (self->store, error))
    return FALSE;
  self->in_batch = TRUE;
  self->batch_failed = FALSE;
  g_array_set_size (self->pending, 0);
  g_array_set_size (self->batch_seen, 0);
  g_hash_table_remove_all (self->known);
  self->known_loaded = FALSE;
  g_ptr_array_set_size (self->events, 0);
  return TRUE;
}

/* The batch's digests forgotten: its messages were not written. */
static void
forget_batch (WgAlertEngine *self)
{
  for (guint i = 0; i < self->batch_seen->len; i++)
    forget (self, g_array_index (self->batch_seen, guint64, i));
  g_array_set_size (self->batch_seen, 0);
  g_array_set_size (self->pending, 0);
  g_hash_table_remove_all (self->known);
  self->known_loaded = FALSE;
  g_ptr_array_set_size (self->events, 0);
  self->in_batch = FALSE;
  self->batch_failed = FALSE;
}

/**
 * wg_alert_engine_in_batch:
 *
 * Returns: whether a batch is open
 */
gboolean
wg_alert_engine_in_batch (WgAlertEngine *self)
{
  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), FALSE);

  return self->in_batch;
}

/**
 * wg_alert_engine_abort_batch:
 * @self: a #WgAlertEngine
 *
 * Rolls the open batch back: nothing of it is written, nothing announced,
 * and its messages are not known as handled.
 */
void
wg_alert_engine_abort_batch (WgAlertEngine *self)
{
  g_return_if_fail (WG_IS_ALERT_ENGINE (self));
  g_return_if_fail (self->in_batch);

  wg_store_rollback (self->store);
  forget_batch (self);
}

gboolean
wg_alert_engine_end_batch (WgAlertEngine  *self,
                           GError        **error)
{
  g_autoptr(GArray) raised = NULL;

  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (self->batch_failed)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_FAILED,
                           _("A sensor message of the batch could not be recorded: none of the batch was."));
      wg_alert_engine_abort_batch (self);
      return FALSE;
    }
  raised = g_array_copy (self->pending);
  if (!flush_sensors (self, error) || !flush_events (self, error) ||
      !wg_store_commit_quietly (self->store, error))
    {
      wg_store_rollback (self->store);
      forget_batch (self);
      return FALSE;
    }
  self->in_batch = FALSE;
  g_array_set_size (self->pending, 0);
  g_array_set_size (self->batch_seen, 0);
  g_hash_table_remove_all (self->known);
  self->known_loaded = FALSE;
  announce (self, raised);
  return TRUE;
}

static guint
minutes_setting (WgAlertEngine  *self,
                 const char     *key,
                 GError        **error)
{
  g_autofree char *text = wg_store_dup_setting (self->store, key, error);
  guint64 minutes = 0;

  if (text == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 24 * 60, &minutes, NULL))
    minutes = 60;
  return (guint) minutes;
}

/* Rows of (sensor id, household id, device) from @stmt, bound. */
static gboolean
collect_sensors (WgAlertEngine  *self,
                 WgStmt   *stmt,
                 GArray         *ids,
                 GPtrArray      *devices,
                 GError        **error)
{
  int rc;

  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 row[2] = { wg_stmt_column_int64 (stmt, 0), wg_stmt_column_int64 (stmt, 1) };

      g_array_append_vals (ids, row, 2);
      g_ptr_array_add (devices, g_strdup (wg_stmt_column_text (stmt, 2)));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Raises @kind for each sensor @find_sql returns, and marks each with
 * @mark_sql. @find_sql's ?1 is @limit, ?2 @now, ?3 the base topic; it may
 * leave out the last ones (binding a parameter it lacks does nothing). */
static gboolean
raise_for_sensors (WgAlertEngine  *self,
                   const char     *find_sql,
                   const char     *mark_sql,
                   const char     *limit,
                   const char     *now,
                   WgAlertKind     kind,
                   WgSeverity      severity,
                   GArray         *raised,
                   GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_free);
  WgStmt *stmt;

  if (!(stmt = wg_store_prepare (self->store, find_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, limit);
  wg_stmt_bind_text (stmt, 2, now);
  wg_stmt_bind_text (stmt, 3, self->base_topic);
  if (!collect_sensors (self, stmt, ids, devices, error))
    return FALSE;

  for (guint i = 0; i < devices->len; i++)
    {
      gint64 sensor_id = g_array_index (ids, gint64, 2 * i);
      /* the household's id, or the room's negated */
      gint64 place = g_array_index (ids, gint64, 2 * i + 1);

      if (!(stmt = wg_store_prepare (self->store, mark_sql, error)))
        return FALSE;
      wg_stmt_bind_int64 (stmt, 1, sensor_id);
      if (!wg_store_step_done (self->store, stmt, error) ||
          !raise_alert (self, raised, kind, severity, sensor_id, MAX (place, 0), MAX (-place, 0),
                        g_ptr_array_index (devices, i), now, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * wg_alert_engine_check_timers:
 * @self: a #WgAlertEngine
 * @now: (nullable): the time to judge by; %NULL for now
 * @error: return location for a #GError
 *
 * What only time tells. A bound sensor heard from before but not for longer
 * than the heartbeat (setting "sensor-heartbeat-minutes") goes offline, with
 * an alert — unless the bridge itself is offline, when its one alert says
 * it for all of them. A door left open longer than "door-open-minutes" on
 * an armed household, outside a visit, is an alert of its own, once per
 * opening. Call it every minute or so.
 *
 * Returns: %FALSE only when the store failed
 */
gboolean
wg_alert_engine_check_timers (WgAlertEngine  *self,
                              GDateTime      *now,
                              GError        **error)
{
  static const char silent_sql[] =
    "SELECT id, coalesce (household_id, -room_id), device FROM sensor"
    " WHERE (household_id IS NOT NULL OR room_id IS NOT NULL) AND last_seen IS NOT NULL AND online IS DISTINCT FROM 0"
    "   AND last_seen < ?1"
    "   AND NOT EXISTS (SELECT 1 FROM bridge WHERE base_topic = ?3 AND online = 0)";
  static const char offline_sql[] = "UPDATE sensor SET online = 0 WHERE id = ?";
  static const char left_open_sql[] =
    "SELECT s.id, coalesce (s.household_id, -s.room_id), s.device FROM sensor s"
    " WHERE s.contact = 0 AND s.left_open_raised = 0 AND s.contact_since <= ?1"
    "   AND ((s.household_id IS NOT NULL"
    "         AND EXISTS (SELECT 1 FROM quarantine q JOIN person p ON p.id = q.person_id"
    "                      WHERE p.household_id = s.household_id AND q.kind = 1"
    "                        AND q.start_day <= substr (?2, 1, 10) AND q.end_day >= substr (?2, 1, 10))"
    "         AND NOT EXISTS (SELECT 1 FROM visit_window v WHERE v.household_id = s.household_id"
    "                          AND v.starts_at <= ?2 AND v.ends_at >= ?2))"
    "        OR (s.room_id IS NOT NULL"
    "            AND EXISTS (SELECT 1 FROM room_stay st WHERE st.room_id = s.room_id AND st.checked_in_at <= ?2"
    "                         AND (st.checked_out_at IS NULL OR st.checked_out_at > ?2))"
    "            AND NOT EXISTS (SELECT 1 FROM room_visit_window v WHERE v.room_id = s.room_id"
    "                             AND v.starts_at <= ?2 AND v.ends_at >= ?2)))";
  static const char raised_sql[] = "UPDATE sensor SET left_open_raised = 1 WHERE id = ?";
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) silent_since = NULL;
  g_autoptr(GDateTime) open_since = NULL;
  g_autoptr(GArray) raised = g_array_new (FALSE, FALSE, sizeof (Raised));
  g_autofree char *silent_text = NULL;
  g_autofree char *open_text = NULL;
  g_autofree char *when = NULL;
  guint heartbeat, door_open;

  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  if (!(heartbeat = minutes_setting (self, "sensor-heartbeat-minutes", error)) ||
      !(door_open = minutes_setting (self, "door-open-minutes", error)))
    return FALSE;
  silent_since = g_date_time_add_minutes (now, -(int) heartbeat);
  silent_text = format_time (silent_since);
  open_since = g_date_time_add_minutes (now, -(int) door_open);
  open_text = format_time (open_since);
  when = format_time (now);

  if (!message_begin (self, error))
    return FALSE;
  if (!raise_for_sensors (self, silent_sql, offline_sql, silent_text, when, WG_ALERT_KIND_OFFLINE,
                          WG_SEVERITY_MEDIUM, raised, error) ||
      !raise_for_sensors (self, left_open_sql, raised_sql, open_text, when, WG_ALERT_KIND_DOOR_LEFT_OPEN,
                          WG_SEVERITY_MEDIUM, raised, error))
    goto failed;
  return message_commit (self, NULL, raised, error);

failed:
  message_abort (self, TRUE);
  return FALSE;
}

/**
 * wg_alert_engine_due_reminders:
 * @self: a #WgAlertEngine
 * @now: (nullable): the time to judge by; %NULL for now
 *
 * An unacknowledged high alert is announced again every five minutes.
 *
 * Returns: (transfer full) (element-type gint64): the alerts to announce again now
 */
GArray *
wg_alert_engine_due_reminders (WgAlertEngine *self,
                               GDateTime     *now)
{
  static const char sql[] =
    "SELECT id, CAST (strftime ('%s', opened_at, 'utc') AS INTEGER) FROM alert"
    " WHERE state = 0 AND severity = 3";
  g_autoptr(GDateTime) local_now = NULL;
  GArray *due = g_array_new (FALSE, FALSE, sizeof (gint64));
  WgStmt *stmt;
  gint64 now_s;

  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), due);

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  now_s = g_date_time_to_unix (now);

  if (!(stmt = wg_store_prepare (self->store, sql, NULL)))
    return due;
  while (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (stmt, 0);
      gint64 *last = g_hash_table_lookup (self->reminded, &id);
      gint64 since = last != NULL ? *last : wg_stmt_column_int64 (stmt, 1);

      if (now_s - since >= WG_REMINDER_SECONDS)
        {
          g_array_append_val (due, id);
          g_hash_table_insert (self->reminded, g_memdup2 (&id, sizeof id),
                               g_memdup2 (&now_s, sizeof now_s));
        }
    }
  wg_stmt_reset (stmt);
  return due;
}

void
wg_alert_engine_get_stats (WgAlertEngine *self,
                           WgFeedStats   *stats)
{
  g_return_if_fail (WG_IS_ALERT_ENGINE (self));

  *stats = self->stats;
}

WgStore *
wg_alert_engine_get_store (WgAlertEngine *self)
{
  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), NULL);

  return self->store;
}

const char *
wg_alert_engine_get_base_topic (WgAlertEngine *self)
{
  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), NULL);

  return self->base_topic;
}

static void
wg_alert_engine_finalize (GObject *object)
{
  WgAlertEngine *self = (WgAlertEngine *) object;

  g_clear_object (&self->store);
  g_free (self->base_topic);
  g_hash_table_unref (self->reminded);
  g_array_unref (self->pending);
  g_hash_table_unref (self->known);
  g_ptr_array_unref (self->events);
  g_array_unref (self->batch_seen);
  g_hash_table_unref (self->recent);
  g_free (self->ring);

  G_OBJECT_CLASS (wg_alert_engine_parent_class)->finalize (object);
}

static void
wg_alert_engine_class_init (WgAlertEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wg_alert_engine_finalize;

  /**
   * WgAlertEngine::alert:
   * @id: the alert
   * @is_new: %TRUE when it was just opened, %FALSE when a message added to it
   */
  signals[ALERT] = g_signal_new ("alert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
}

static void
wg_alert_engine_init (WgAlertEngine *self)
{
  self->reminded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Raised));
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->batch_seen = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->ring = g_new0 (guint64, RECENT_DIGESTS);
  self->recent = g_hash_table_new (g_int64_hash, g_int64_equal);
}

/**
 * wg_alert_engine_catch_up:
 * @self: a #WgAlertEngine
 *
 * Reads the digests of the latest messages again, before a feed takes over
 * from another that recorded into the same database meanwhile (and may
 * have left messages recorded but not acknowledged): their redeliveries are
 * then known as such.
 */
void
wg_alert_engine_catch_up (WgAlertEngine *self)
{
  g_return_if_fail (WG_IS_ALERT_ENGINE (self));

  seed_recent (self);
}

/**
 * wg_alert_engine_new:
 * @store: the county database (opened for writing)
 * @base_topic: (nullable): the Zigbee2MQTT base topic; %NULL for "zigbee2mqtt"
 *
 * Returns: (transfer full): a new engine
 */
WgAlertEngine *
wg_alert_engine_new (WgStore    *store,
                     const char *base_topic)
{
  WgAlertEngine *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_ALERT_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->base_topic = g_strdup (base_topic != NULL ? base_topic : "zigbee2mqtt");
  seed_recent (self);
  return self;
}
