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
 */

#define G_LOG_DOMAIN "wg-alerts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wg-alerts.h"
#include "wg-store-private.h"

G_DEFINE_QUARK (wg-sensor-error-quark, wg_sensor_error)

struct _WgAlertEngine
{
  GObject parent_instance;

  WgStore *store;
  char *base_topic;
  WgFeedStats stats;
  GHashTable *reminded; /* alert id → unix time of the last reminder */
};

G_DEFINE_FINAL_TYPE (WgAlertEngine, wg_alert_engine, G_TYPE_OBJECT)

enum {
  ALERT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Parsing */

void
wg_sensor_message_clear (WgSensorMessage *message)
{
  g_clear_pointer (&message->device, g_free);
}

/* An optional member: absent or null is unknown (-1); otherwise it must have
 * the type Zigbee2MQTT gives it. */
static gboolean
read_member (JsonObject  *object,
             const char  *name,
             GType        type,
             int         *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      g_set_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_WRONG_TYPE,
                   _("“%s” has the wrong type."), name);
      return FALSE;
    }
  if (type == G_TYPE_BOOLEAN)
    *value = json_node_get_boolean (node) ? 1 : 0;
  else
    *value = (int) CLAMP (json_node_get_int (node), -1, 1000);
  return TRUE;
}

/**
 * wg_sensor_message_parse:
 * @base_topic: the Zigbee2MQTT base topic ("zigbee2mqtt")
 * @topic: the message's topic
 * @payload: its bytes
 * @length: how many
 * @message: (out caller-allocates): filled in on success
 * @error: return location for a #GError
 *
 * Returns: %TRUE for a device's state or availability; NOT_A_DEVICE for the
 *   bridge's own topics, MALFORMED, WRONG_TYPE or TOO_LARGE otherwise
 */
gboolean
wg_sensor_message_parse (const char       *base_topic,
                         const char       *topic,
                         const void       *payload,
                         gsize             length,
                         WgSensorMessage  *message,
                         GError          **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  gsize base_length = strlen (base_topic);
  const char *rest;
  JsonNode *root;
  JsonObject *object;
  guint n_parts;

  memset (message, 0, sizeof *message);
  message->contact = message->battery = message->tamper = message->online = -1;

  if (!g_str_has_prefix (topic, base_topic) || topic[base_length] != '/')
    {
      g_set_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_NOT_A_DEVICE,
                   _("“%s” is not a device's topic."), topic);
      return FALSE;
    }
  rest = topic + base_length + 1;
  parts = g_strsplit (rest, "/", 0);
  n_parts = g_strv_length (parts);
  if (n_parts == 0 || n_parts > 2 || *parts[0] == '\0' || g_str_equal (parts[0], "bridge") ||
      (n_parts == 2 && !g_str_equal (parts[1], "availability")) || strlen (parts[0]) > 128)
    {
      g_set_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_NOT_A_DEVICE,
                   _("“%s” is not a device's topic."), topic);
      return FALSE;
    }

  if (length > WG_SENSOR_MAX_PAYLOAD)
    {
      g_set_error (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_TOO_LARGE,
                   _("A message of %u bytes is too large for a sensor."), (guint) MIN (length, G_MAXUINT));
      return FALSE;
    }
  if (!g_utf8_validate_len (payload, length, NULL) || memchr (payload, '\0', length) != NULL)
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED,
                           _("The message is not text."));
      return FALSE;
    }
  text = g_strndup (payload, length);
  g_strstrip (text);

  message->availability = n_parts == 2;
  /* Availability may be the bare word (Zigbee2MQTT before 1.30 and its legacy mode). */
  if (message->availability && (g_str_equal (text, "online") || g_str_equal (text, "offline")))
    {
      message->online = g_str_equal (text, "online");
      message->device = g_strdup (parts[0]);
      return TRUE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED,
                           _("The message is not a JSON object."));
      return FALSE;
    }
  object = json_node_get_object (root);

  if (message->availability)
    {
      JsonNode *state = json_object_get_member (object, "state");
      const char *word;

      if (state == NULL || !JSON_NODE_HOLDS_VALUE (state) ||
          json_node_get_value_type (state) != G_TYPE_STRING)
        {
          g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_WRONG_TYPE,
                               _("“state” has the wrong type."));
          return FALSE;
        }
      word = json_node_get_string (state);
      if (!g_str_equal (word, "online") && !g_str_equal (word, "offline"))
        {
          g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED,
                               _("Availability is “online” or “offline”."));
          return FALSE;
        }
      message->online = g_str_equal (word, "online");
    }
  else if (!read_member (object, "contact", G_TYPE_BOOLEAN, &message->contact, error) ||
           !read_member (object, "battery", G_TYPE_INT64, &message->battery, error) ||
           !read_member (object, "tamper", G_TYPE_BOOLEAN, &message->tamper, error))
    return FALSE;
  else if (message->battery > 100)
    {
      g_set_error_literal (error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_MALFORMED,
                           _("A battery is charged from 0 to 100 %."));
      return FALSE;
    }

  message->device = g_strdup (parts[0]);
  return TRUE;
}

/* The engine */

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
  g_checksum_update (checksum, payload, length);
  return g_strdup (g_checksum_get_string (checksum));
}

/* What is kept of a payload: text, and not much of it. */
static char *
keep_payload (const void *payload,
              gsize       length)
{
  g_autofree char *head = g_strndup (payload, MIN (length, 1024));

  return g_utf8_make_valid (head, -1);
}

/* Adds to the unresolved alert of the kind for the device, or opens one.
 * Returns the alert, and whether it is new. */
static gint64
open_or_add (WgAlertEngine  *self,
             WgAlertKind     kind,
             WgSeverity      severity,
             gint64          sensor_id,
             gint64          household_id,
             const char     *device,
             const char     *at,
             gboolean       *is_new,
             GError        **error)
{
  static const char find_sql[] =
    "SELECT id FROM alert WHERE device = ? AND kind = ? AND state < 3 ORDER BY id LIMIT 1";
  static const char add_sql[] =
    "UPDATE alert SET event_count = event_count + 1, last_event_at = ? WHERE id = ?";
  static const char open_sql[] =
    "INSERT INTO alert (kind, severity, sensor_id, household_id, opened_at, last_event_at, device)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = wg_store_prepare (self->store, find_sql, error)))
    return 0;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, kind);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return 0;
    }

  if (id != 0)
    {
      if (!(stmt = wg_store_prepare (self->store, add_sql, error)))
        return 0;
      sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!wg_store_step_done (self->store, stmt, error))
        return 0;
      *is_new = FALSE;
      return id;
    }

  if (!(stmt = wg_store_prepare (self->store, open_sql, error)))
    return 0;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_int (stmt, 2, severity);
  if (sensor_id != 0)
    sqlite3_bind_int64 (stmt, 3, sensor_id);
  if (household_id != 0)
    sqlite3_bind_int64 (stmt, 4, household_id);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, device, -1, SQLITE_TRANSIENT);
  if (!wg_store_step_done (self->store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (wg_store_get_db (self->store));
  {
    g_autofree char *detail = g_strdup_printf ("%s %s", wg_alert_kind_name (kind), device);

    if (!wg_store_log (self->store, "open", "alert", id, detail, error))
      return 0;
  }
  *is_new = TRUE;
  return id;
}

typedef struct
{
  gint64 id;
  gboolean is_new;
} Raised;

static gboolean
raise_alert (WgAlertEngine  *self,
             GArray         *raised,
             WgAlertKind     kind,
             WgSeverity      severity,
             gint64          sensor_id,
             gint64          household_id,
             const char     *device,
             const char     *at,
             GError        **error)
{
  Raised r = { 0 };

  r.id = open_or_add (self, kind, severity, sensor_id, household_id, device, at, &r.is_new, error);
  if (r.id == 0)
    return FALSE;
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
               const char     *at,
               Opening        *opening,
               GError        **error)
{
  static const char sql[] =
    "SELECT EXISTS (SELECT 1 FROM quarantine q JOIN person p ON p.id = q.person_id"
    "                WHERE p.household_id = ?1 AND q.kind = 1"
    "                  AND q.start_day <= substr (?2, 1, 10) AND q.end_day >= substr (?2, 1, 10)),"
    "       EXISTS (SELECT 1 FROM visit_window v WHERE v.household_id = ?1"
    "                  AND v.starts_at <= ?2 AND v.ends_at >= ?2)";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (self->store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *opening = !sqlite3_column_int (stmt, 0) ? OPENING_NOT_ARMED
               : sqlite3_column_int (stmt, 1) ? OPENING_EXPECTED : OPENING_ALERT;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_event (WgAlertEngine      *self,
              gint64              sensor_id,
              const char         *device,
              const char         *at,
              WgSensorEventKind   kind,
              const void         *payload,
              gsize               length,
              const char         *digest,
              gboolean           *duplicate,
              GError            **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO sensor_event (sensor_id, device, received_at, kind, payload, digest)"
    " VALUES (?, ?, ?, ?, ?, ?)";
  g_autofree char *kept = keep_payload (payload, length);
  g_autofree char *device_kept = g_utf8_make_valid (device, MIN (strlen (device), 128));
  sqlite3_stmt *stmt;

  if (!(stmt = wg_store_prepare (self->store, sql, error)))
    return FALSE;
  if (sensor_id != 0)
    sqlite3_bind_int64 (stmt, 1, sensor_id);
  sqlite3_bind_text (stmt, 2, device_kept, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, kind);
  sqlite3_bind_text (stmt, 5, kept, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, digest, -1, SQLITE_TRANSIENT);
  if (!wg_store_step_done (self->store, stmt, error))
    return FALSE;
  *duplicate = sqlite3_changes (wg_store_get_db (self->store)) == 0;
  return TRUE;
}

static gboolean
update_sensor (WgAlertEngine         *self,
               gint64                 sensor_id,
               const WgSensorMessage *message,
               const char            *at,
               GError               **error)
{
  static const char sql[] =
    "UPDATE sensor SET battery = coalesce (?2, battery), contact = coalesce (?3, contact),"
    "  online = ?4, last_seen = ?5 WHERE id = ?1";
  sqlite3_stmt *stmt;

  if (!(stmt = wg_store_prepare (self->store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sensor_id);
  if (message->battery >= 0)
    sqlite3_bind_int (stmt, 2, message->battery);
  if (message->contact >= 0)
    sqlite3_bind_int (stmt, 3, message->contact);
  /* Any state message means it is there; availability says so itself. */
  sqlite3_bind_int (stmt, 4, message->availability ? message->online : 1);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  return wg_store_step_done (self->store, stmt, error);
}

static void
emit_raised (WgAlertEngine *self,
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

/**
 * wg_alert_engine_handle:
 * @self: a #WgAlertEngine
 * @topic: the MQTT topic
 * @payload: the message
 * @length: its length
 * @mid: the MQTT message id (a redelivery has the same)
 * @at: (nullable): when it was received; %NULL for now
 * @error: return location for a #GError: only for a store that fails
 *
 * Records the message and applies the rules, in one transaction. Malformed
 * messages, unknown devices and duplicates are counted, recorded where it
 * makes sense, and are not errors. Emits #WgAlertEngine::alert for each
 * alert opened or added to.
 *
 * Returns: %FALSE only when the store failed
 */
gboolean
wg_alert_engine_handle (WgAlertEngine  *self,
                        const char     *topic,
                        const void     *payload,
                        gsize           length,
                        guint           mid,
                        GDateTime      *at,
                        GError        **error)
{
  static const char sensor_sql[] = "SELECT id, household_id FROM sensor WHERE device = ?";
  g_auto(WgSensorMessage) message = { 0 };
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GArray) raised = g_array_new (FALSE, FALSE, sizeof (Raised));
  g_autofree char *when = NULL;
  g_autofree char *digest = NULL;
  gint64 sensor_id = 0, household_id = 0;
  WgSensorEventKind event_kind;
  Opening opening = OPENING_NOT_ARMED;
  gboolean duplicate = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);

  self->stats.messages++;
  if (at == NULL)
    at = now = g_date_time_new_now_local ();
  when = format_time (at);
  digest = make_digest (topic, mid, payload, length);

  if (!wg_sensor_message_parse (self->base_topic, topic, payload, length, &message, &parse_error))
    {
      if (g_error_matches (parse_error, WG_SENSOR_ERROR, WG_SENSOR_ERROR_NOT_A_DEVICE))
        {
          self->stats.ignored++;
          return TRUE;
        }
      /* Kept, to find out later what sent it. */
      self->stats.malformed++;
      g_debug ("%s: %s", topic, parse_error->message);
      if (!record_event (self, 0, topic + MIN (strlen (topic), strlen (self->base_topic) + 1), when,
                         WG_SENSOR_EVENT_MALFORMED, payload, length, digest, &duplicate, error))
        return FALSE;
      return TRUE;
    }

  if (!wg_store_begin (self->store, error))
    return FALSE;

  if (!(stmt = wg_store_prepare (self->store, sensor_sql, error)))
    goto failed;
  sqlite3_bind_text (stmt, 1, message.device, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      sensor_id = sqlite3_column_int64 (stmt, 0);
      household_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      goto failed;
    }

  if (household_id != 0 && message.contact == 0 &&
      !judge_opening (self, household_id, when, &opening, error))
    goto failed;

  event_kind = message.availability ? WG_SENSOR_EVENT_AVAILABILITY
               : opening == OPENING_EXPECTED ? WG_SENSOR_EVENT_EXPECTED_OPENING
               : WG_SENSOR_EVENT_STATE;
  if (!record_event (self, sensor_id, message.device, when, event_kind, payload, length, digest,
                     &duplicate, error))
    goto failed;
  if (duplicate)
    {
      /* QoS 1 delivered it again: it was handled the first time. */
      wg_store_rollback (self->store);
      self->stats.duplicates++;
      return TRUE;
    }

  if (sensor_id == 0)
    {
      self->stats.unknown_devices++;
      if (!raise_alert (self, raised, WG_ALERT_UNKNOWN_DEVICE, WG_SEVERITY_LOW, 0, 0, message.device,
                        when, error))
        goto failed;
    }
  else
    {
      if (!update_sensor (self, sensor_id, &message, when, error))
        goto failed;

      /* A sensor bound to no household watches nobody. */
      if (household_id != 0)
        {
          if (message.availability && message.online == 0 &&
              !raise_alert (self, raised, WG_ALERT_OFFLINE, WG_SEVERITY_MEDIUM, sensor_id,
                            household_id, message.device, when, error))
            goto failed;
          if (message.tamper == 1 &&
              !raise_alert (self, raised, WG_ALERT_TAMPER, WG_SEVERITY_HIGH, sensor_id, household_id,
                            message.device, when, error))
            goto failed;
          if (message.battery >= 0 && message.battery < WG_BATTERY_LOW &&
              !raise_alert (self, raised, WG_ALERT_BATTERY_LOW, WG_SEVERITY_LOW, sensor_id,
                            household_id, message.device, when, error))
            goto failed;
          if (opening == OPENING_ALERT &&
              !raise_alert (self, raised, WG_ALERT_DOOR_OPENED, WG_SEVERITY_HIGH, sensor_id,
                            household_id, message.device, when, error))
            goto failed;
          if (opening == OPENING_EXPECTED)
            self->stats.expected_openings++;
        }
    }

  if (!wg_store_commit (self->store, error))
    return FALSE;
  emit_raised (self, raised);
  return TRUE;

failed:
  wg_store_rollback (self->store);
  return FALSE;
}

/**
 * wg_alert_engine_check_silence:
 * @self: a #WgAlertEngine
 * @now: (nullable): the time to judge by; %NULL for now
 * @error: return location for a #GError
 *
 * A bound sensor heard from before but not for longer than the heartbeat
 * (setting "sensor-heartbeat-minutes") goes offline, with an alert. Call it
 * every minute or so.
 *
 * Returns: %FALSE only when the store failed
 */
gboolean
wg_alert_engine_check_silence (WgAlertEngine  *self,
                               GDateTime      *now,
                               GError        **error)
{
  static const char sql[] =
    "SELECT id, household_id, device FROM sensor"
    " WHERE household_id IS NOT NULL AND last_seen IS NOT NULL AND online IS NOT 0"
    "   AND last_seen < ?";
  static const char offline_sql[] = "UPDATE sensor SET online = 0 WHERE id = ?";
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) limit = NULL;
  g_autoptr(GArray) raised = g_array_new (FALSE, FALSE, sizeof (Raised));
  g_autoptr(GArray) silent = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *minutes_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *when = NULL;
  guint64 minutes = 60;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), FALSE);

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  if (!(minutes_text = wg_store_dup_setting (self->store, "sensor-heartbeat-minutes", error)))
    return FALSE;
  g_ascii_string_to_unsigned (minutes_text, 10, 1, 24 * 60, &minutes, NULL);
  limit = g_date_time_add_minutes (now, -(int) minutes);
  limit_text = format_time (limit);
  when = format_time (now);

  if (!wg_store_begin (self->store, error))
    return FALSE;
  if (!(stmt = wg_store_prepare (self->store, sql, error)))
    goto failed;
  sqlite3_bind_text (stmt, 1, limit_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 ids[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (silent, ids, 2);
      g_ptr_array_add (devices, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      goto failed;
    }

  for (guint i = 0; i < devices->len; i++)
    {
      gint64 sensor_id = g_array_index (silent, gint64, 2 * i);

      if (!(stmt = wg_store_prepare (self->store, offline_sql, error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, sensor_id);
      if (!wg_store_step_done (self->store, stmt, error) ||
          !raise_alert (self, raised, WG_ALERT_OFFLINE, WG_SEVERITY_MEDIUM, sensor_id,
                        g_array_index (silent, gint64, 2 * i + 1), g_ptr_array_index (devices, i),
                        when, error))
        goto failed;
    }
  if (!wg_store_commit (self->store, error))
    return FALSE;
  emit_raised (self, raised);
  return TRUE;

failed:
  wg_store_rollback (self->store);
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
  sqlite3_stmt *stmt;
  gint64 now_s;

  g_return_val_if_fail (WG_IS_ALERT_ENGINE (self), due);

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  now_s = g_date_time_to_unix (now);

  if (!(stmt = wg_store_prepare (self->store, sql, NULL)))
    return due;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 *last = g_hash_table_lookup (self->reminded, &id);
      gint64 since = last != NULL ? *last : sqlite3_column_int64 (stmt, 1);

      if (now_s - since >= WG_REMINDER_SECONDS)
        {
          g_array_append_val (due, id);
          g_hash_table_insert (self->reminded, g_memdup2 (&id, sizeof id),
                               g_memdup2 (&now_s, sizeof now_s));
        }
    }
  sqlite3_reset (stmt);
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
  return self;
}

/* Words */

const char *
wg_alert_kind_name (WgAlertKind kind)
{
  switch (kind)
    {
    case WG_ALERT_DOOR_OPENED:
      return "door-opened";
    case WG_ALERT_TAMPER:
      return "tamper";
    case WG_ALERT_OFFLINE:
      return "offline";
    case WG_ALERT_BATTERY_LOW:
      return "battery-low";
    case WG_ALERT_UNKNOWN_DEVICE:
    default:
      return "unknown-device";
    }
}

const char *
wg_alert_kind_describe (WgAlertKind kind)
{
  switch (kind)
    {
    case WG_ALERT_DOOR_OPENED:
      return _("Door opened");
    case WG_ALERT_TAMPER:
      return _("Sensor tampered with");
    case WG_ALERT_OFFLINE:
      return _("Sensor offline");
    case WG_ALERT_BATTERY_LOW:
      return _("Battery low");
    case WG_ALERT_UNKNOWN_DEVICE:
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
    case WG_OUTCOME_VIOLATION:
      return _("Violation confirmed");
    case WG_OUTCOME_AUTHORISED_EXIT:
      return _("Authorised exit");
    case WG_OUTCOME_FALSE_ALARM:
      return _("False alarm");
    case WG_OUTCOME_DEVICE_FAULT:
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
  "  h.code, h.address, t.name || ' › ' || v.name || ' › ' || g.name || ' › ' || m.name, m.code," \
  "  a.opened_at, a.last_event_at, a.event_count, w.name, w.phone, a.acknowledged_by," \
  "  a.acknowledged_at, d.name, a.dispatched_at, a.resolved_at, coalesce (a.outcome, 0), a.note" \
  " FROM alert a" \
  " LEFT JOIN household h ON h.id = a.household_id" \
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
read_alert (sqlite3_stmt *stmt)
{
  WgAlertInfo *info = g_new0 (WgAlertInfo, 1);

#define TEXT(i) g_strdup ((const char *) sqlite3_column_text (stmt, (i)))
  info->id = sqlite3_column_int64 (stmt, 0);
  info->kind = sqlite3_column_int (stmt, 1);
  info->severity = sqlite3_column_int (stmt, 2);
  info->state = sqlite3_column_int (stmt, 3);
  info->device = TEXT (4);
  info->household_id = sqlite3_column_int64 (stmt, 5);
  info->household_code = TEXT (6);
  info->address = TEXT (7);
  info->grid_path = TEXT (8);
  info->grid_code = TEXT (9);
  info->opened_at = TEXT (10);
  info->last_event_at = TEXT (11);
  info->event_count = sqlite3_column_int (stmt, 12);
  info->worker = TEXT (13);
  info->worker_phone = TEXT (14);
  info->acknowledged_by = TEXT (15);
  info->acknowledged_at = TEXT (16);
  info->dispatched_to = TEXT (17);
  info->dispatched_at = TEXT (18);
  info->resolved_at = TEXT (19);
  info->outcome = sqlite3_column_int (stmt, 20);
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
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, only_open);
  if (township_code != NULL)
    sqlite3_bind_text (stmt, 2, township_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (alerts, read_alert (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
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
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (WG_IS_STORE (store), 0);

  if (!(stmt = wg_store_prepare (store, sql, NULL)))
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The lifecycle */

/* Runs @stmt (bound, its first parameter the time) as one step of an
 * alert's life, with its audit-log entry; @not_now says why it cannot. */
static gboolean
alert_step (WgStore      *store,
            sqlite3_stmt *stmt,
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
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (sqlite3_changes (wg_store_get_db (store)) == 0)
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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  operator_name = wg_store_get_operator (store);
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, operator_name != NULL ? operator_name : "", -1, SQLITE_TRANSIENT);
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (staff_id == 0)
    {
      if (!(stmt = wg_store_prepare (store, worker_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        staff_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                                 _("No grid worker looks after this household: choose whom to send."));
          else
            wg_store_set_error (store, rc, error);
          return FALSE;
        }
    }

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, staff_id);
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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (outcome < WG_OUTCOME_VIOLATION || outcome > WG_OUTCOME_DEVICE_FAULT)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("Say what the alert was: a violation, an authorised exit, a false alarm or a device fault."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, outcome);
  if (note != NULL && *note != '\0')
    sqlite3_bind_text (stmt, 3, note, -1, SQLITE_TRANSIENT);
  detail = g_strdup_printf ("%s%s%s", outcome_names[outcome], note != NULL ? ": " : "",
                            note != NULL ? note : "");
  return alert_step (store, stmt, id, "resolve", detail,
                     _("Acknowledge the alert before resolving it."), error);
}
