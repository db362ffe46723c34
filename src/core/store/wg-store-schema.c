/* wg-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema of a Wangge database, as a list of forward migrations. Migration N
 * takes a database at PRAGMA user_version N-1 to N. A migration, once released,
 * never changes: a new need is a new migration at the end of the list.
 */

#include "config.h"

#include "wg-store-private.h"

/* Dates are ISO 8601 text ('YYYY-MM-DD'), times 'YYYY-MM-DD HH:MM:SS' in the
 * county's local time. These checks keep text that only looks like a date out. */
/* Through julianday, SQLite normalises 2026-02-30 to 2026-03-02; the round
 * trip must give back the same text. */
#define DAY_OK(c) "(date (julianday (" c ")) IS " c " AND " c " BETWEEN '1900-01-01' AND '2100-12-31')"
/* A mobile (11 digits) or a landline with its area code (0357-1234567). */
#define PHONE_OK(c) "(" c " IS NULL OR (length (" c ") BETWEEN 7 AND 13 AND " c " NOT GLOB '*[^0-9-]*'" \
  " AND " c " GLOB '[01]*'))"
#define TIME_OK(c) "(datetime (julianday (" c ")) IS " c " AND " c " BETWEEN '2019-01-01' AND '2100-12-31')"

static const char migration_1[] =
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value BLOB NOT NULL"
  ") WITHOUT ROWID;"

  /* The five-level grid. The county has no parent; every other node sits one
   * level below its parent and its code extends the parent's code. */
  "CREATE TABLE grid ("
  "  id INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES grid (id) ON DELETE RESTRICT,"
  "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),"
  "  code TEXT NOT NULL UNIQUE CHECK (code NOT GLOB '*[^0-9]*' AND length (code) ="
  "    CASE level WHEN 1 THEN 6 WHEN 2 THEN 9 WHEN 3 THEN 12 WHEN 4 THEN 14 ELSE 16 END),"
  "  name TEXT NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 64),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  CHECK ((level = 1) = (parent_id IS NULL))"
  ");"
  "CREATE INDEX grid_by_parent ON grid (parent_id, position);"
  "CREATE INDEX grid_by_level ON grid (level);"
  "CREATE INDEX grid_by_name ON grid (name);"
  "CREATE TRIGGER grid_nesting_insert BEFORE INSERT ON grid"
  " WHEN NEW.parent_id IS NOT NULL BEGIN"
  "  SELECT RAISE (ABORT, 'grid level must be one below its parent')"
  "   WHERE (SELECT level FROM grid WHERE id = NEW.parent_id) IS NOT NEW.level - 1;"
  "  SELECT RAISE (ABORT, 'grid code must extend its parent''s code')"
  "   WHERE NOT (SELECT NEW.code > code AND substr (NEW.code, 1, length (code)) = code"
  "              FROM grid WHERE id = NEW.parent_id);"
  " END;"
  "CREATE TRIGGER grid_nesting_update BEFORE UPDATE OF parent_id, level, code ON grid"
  " WHEN NEW.parent_id IS NOT NULL BEGIN"
  "  SELECT RAISE (ABORT, 'grid level must be one below its parent')"
  "   WHERE (SELECT level FROM grid WHERE id = NEW.parent_id) IS NOT NEW.level - 1;"
  "  SELECT RAISE (ABORT, 'grid code must extend its parent''s code')"
  "   WHERE NOT (SELECT NEW.code > code AND substr (NEW.code, 1, length (code)) = code"
  "              FROM grid WHERE id = NEW.parent_id);"
  " END;"
  "CREATE TRIGGER grid_level_fixed BEFORE UPDATE OF level ON grid"
  " WHEN NEW.level IS NOT OLD.level AND EXISTS (SELECT 1 FROM grid WHERE parent_id = OLD.id) BEGIN"
  "  SELECT RAISE (ABORT, 'a grid with children cannot change level');"
  " END;"

  "CREATE TABLE staff ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 32),"
  "  phone TEXT CHECK " PHONE_OK ("phone") ","
  "  person_id INTEGER REFERENCES person (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX staff_by_person ON staff (person_id);"
  /* role: 1 grid leader 网格长, 2 grid worker 网格员, 3 epidemic commissioner 防疫专员,
   * 4 party-member central household 党员中心户, 5 assigned cadre 包联干部. */
  "CREATE TABLE grid_staff ("
  "  grid_id INTEGER NOT NULL REFERENCES grid (id) ON DELETE CASCADE,"
  "  staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,"
  "  role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 5),"
  "  PRIMARY KEY (grid_id, role, staff_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX grid_staff_by_staff ON grid_staff (staff_id);"

  /* Households live on micro-grids (level 5). Their code is opaque: it is
   * printed on the door label and must not change when a household moves. */
  "CREATE TABLE household ("
  "  id INTEGER PRIMARY KEY,"
  "  grid_id INTEGER NOT NULL REFERENCES grid (id) ON DELETE RESTRICT,"
  "  code TEXT NOT NULL UNIQUE"
  "    CHECK (length (code) BETWEEN 6 AND 16 AND code NOT GLOB '*[^0-9A-Z]*'),"
  "  address TEXT NOT NULL CHECK (length (trim (address)) BETWEEN 1 AND 128),"
  "  head_id INTEGER REFERENCES person (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX household_by_grid ON household (grid_id);"
  "CREATE INDEX household_by_head ON household (head_id);"
  "CREATE TRIGGER household_on_micro_grid_insert BEFORE INSERT ON household BEGIN"
  "  SELECT RAISE (ABORT, 'households belong to a level-5 micro-grid')"
  "   WHERE (SELECT level FROM grid WHERE id = NEW.grid_id) IS NOT 5;"
  " END;"
  "CREATE TRIGGER household_on_micro_grid_update BEFORE UPDATE OF grid_id ON household BEGIN"
  "  SELECT RAISE (ABORT, 'households belong to a level-5 micro-grid')"
  "   WHERE (SELECT level FROM grid WHERE id = NEW.grid_id) IS NOT 5;"
  " END;"

  /* residency: 0 at home, 1 away from home (外出), 2 returnee (返乡).
   * monitoring: 0 none, 1 under health monitoring (健康监测). */
  "CREATE TABLE person ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER REFERENCES household (id) ON DELETE SET NULL,"
  "  id_number TEXT NOT NULL UNIQUE"
  "    CHECK (length (id_number) = 18 AND substr (id_number, 1, 17) NOT GLOB '*[^0-9]*'"
  "           AND substr (id_number, 18, 1) GLOB '[0-9X]'),"
  "  name TEXT NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 32),"
  "  sex INTEGER NOT NULL CHECK (sex IN (1, 2)),"
  "  birth_date TEXT NOT NULL CHECK " DAY_OK ("birth_date") ","
  "  phone TEXT CHECK " PHONE_OK ("phone") ","
  "  relation TEXT,"
  "  residency INTEGER NOT NULL DEFAULT 0 CHECK (residency IN (0, 1, 2)),"
  "  away_place TEXT,"
  "  returned_on TEXT CHECK (returned_on IS NULL OR " DAY_OK ("returned_on") "),"
  "  monitoring INTEGER NOT NULL DEFAULT 0 CHECK (monitoring IN (0, 1)),"
  "  note TEXT"
  ");"
  "CREATE INDEX person_by_household ON person (household_id);"
  "CREATE INDEX person_by_name ON person (name);"
  "CREATE INDEX person_by_phone ON person (phone) WHERE phone IS NOT NULL;"
  "CREATE INDEX person_by_residency ON person (residency) WHERE residency <> 0;"
  "CREATE INDEX person_by_monitoring ON person (monitoring) WHERE monitoring <> 0;"

  /* colour: 1 green, 2 yellow, 3 red. */
  "CREATE TABLE health_code ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  day TEXT NOT NULL CHECK " DAY_OK ("day") ","
  "  colour INTEGER NOT NULL CHECK (colour IN (1, 2, 3)),"
  "  UNIQUE (person_id, day)"
  ");"

  /* risk: 0 none, 1 medium, 2 high. */
  "CREATE TABLE itinerary ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  place TEXT NOT NULL CHECK (length (trim (place)) BETWEEN 1 AND 128),"
  "  arrived_on TEXT NOT NULL CHECK " DAY_OK ("arrived_on") ","
  "  left_on TEXT CHECK (left_on IS NULL OR (" DAY_OK ("left_on") " AND left_on >= arrived_on)),"
  "  risk INTEGER NOT NULL DEFAULT 0 CHECK (risk IN (0, 1, 2))"
  ");"
  "CREATE INDEX itinerary_by_person ON itinerary (person_id, arrived_on);"

  "CREATE TABLE vaccination ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  dose INTEGER NOT NULL CHECK (dose BETWEEN 1 AND 6),"
  "  given_on TEXT NOT NULL CHECK " DAY_OK ("given_on") ","
  "  product TEXT NOT NULL CHECK (length (trim (product)) BETWEEN 1 AND 64),"
  "  batch TEXT,"
  "  site TEXT,"
  "  UNIQUE (person_id, dose)"
  ");"

  "CREATE TABLE attachment ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL CHECK (length (trim (title)) BETWEEN 1 AND 128),"
  "  mime_type TEXT NOT NULL CHECK (mime_type IN ('application/pdf', 'image/png', 'image/jpeg')),"
  "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  data BLOB NOT NULL CHECK (length (data) > 0),"
  "  added_at TEXT NOT NULL CHECK " TIME_OK ("added_at") ","
  "  UNIQUE (person_id, sha256)"
  ");"

  /* tube: 1 single, 2 pooled (混管). result: 0 pending, 1 negative, 2 positive. */
  "CREATE TABLE nat_test ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  sampled_at TEXT NOT NULL CHECK " TIME_OK ("sampled_at") ","
  "  institution TEXT NOT NULL CHECK (length (trim (institution)) BETWEEN 1 AND 64),"
  "  tube INTEGER NOT NULL CHECK (tube IN (1, 2)),"
  "  result INTEGER NOT NULL CHECK (result IN (0, 1, 2)),"
  "  report_id INTEGER REFERENCES attachment (id) ON DELETE SET NULL,"
  "  UNIQUE (person_id, sampled_at)"
  ");"
  "CREATE INDEX nat_test_by_report ON nat_test (report_id) WHERE report_id IS NOT NULL;"
  "CREATE INDEX nat_test_by_day ON nat_test (sampled_at);"

  /* Tenths of a degree: 34.0 to 43.0 °C is what a living person can measure. */
  "CREATE TABLE temperature ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  measured_at TEXT NOT NULL CHECK " TIME_OK ("measured_at") ","
  "  tenths INTEGER NOT NULL CHECK (tenths BETWEEN 340 AND 430),"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  UNIQUE (person_id, measured_at)"
  ");"
  "CREATE INDEX temperature_by_day ON temperature (measured_at);"
  "CREATE INDEX temperature_by_staff ON temperature (staff_id) WHERE staff_id IS NOT NULL;"

  "CREATE TABLE quarantine_site ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length (trim (name)) BETWEEN 1 AND 64),"
  "  address TEXT NOT NULL,"
  "  rooms INTEGER NOT NULL CHECK (rooms BETWEEN 1 AND 10000),"
  "  phone TEXT"
  ");"

  /* kind: 1 at home, 2 at a central site (with its room). Days are inclusive. */
  "CREATE TABLE quarantine ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),"
  "  site_id INTEGER REFERENCES quarantine_site (id) ON DELETE RESTRICT,"
  "  room TEXT,"
  "  start_day TEXT NOT NULL CHECK " DAY_OK ("start_day") ","
  "  end_day TEXT NOT NULL CHECK (" DAY_OK ("end_day") " AND end_day >= start_day),"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  CHECK ((kind = 2) = (site_id IS NOT NULL)),"
  "  CHECK (room IS NULL OR kind = 2)"
  ");"
  "CREATE INDEX quarantine_by_person ON quarantine (person_id, start_day);"
  "CREATE INDEX quarantine_by_days ON quarantine (end_day, start_day);"
  "CREATE INDEX quarantine_by_site ON quarantine (site_id) WHERE site_id IS NOT NULL;"
  "CREATE INDEX quarantine_by_staff ON quarantine (staff_id) WHERE staff_id IS NOT NULL;"
  "CREATE UNIQUE INDEX quarantine_room ON quarantine (site_id, room, start_day)"
  " WHERE room IS NOT NULL;"

  "CREATE TABLE sensor ("
  "  id INTEGER PRIMARY KEY,"
  "  device TEXT NOT NULL UNIQUE CHECK (length (device) BETWEEN 1 AND 128),"
  "  household_id INTEGER UNIQUE REFERENCES household (id) ON DELETE SET NULL,"
  "  model TEXT,"
  "  battery INTEGER CHECK (battery IS NULL OR battery BETWEEN 0 AND 100),"
  "  online INTEGER CHECK (online IS NULL OR online IN (0, 1)),"
  "  contact INTEGER CHECK (contact IS NULL OR contact IN (0, 1)),"
  "  last_seen TEXT CHECK (last_seen IS NULL OR " TIME_OK ("last_seen") ")"
  ");"

  /* Every message from the feed, once: 'digest' de-duplicates QoS 1 redelivery. */
  "CREATE TABLE sensor_event ("
  "  id INTEGER PRIMARY KEY,"
  "  sensor_id INTEGER REFERENCES sensor (id) ON DELETE CASCADE,"
  "  device TEXT NOT NULL,"
  "  received_at TEXT NOT NULL CHECK " TIME_OK ("received_at") ","
  "  kind INTEGER NOT NULL,"
  "  payload TEXT,"
  "  digest TEXT UNIQUE"
  ");"
  "CREATE INDEX sensor_event_by_sensor ON sensor_event (sensor_id, received_at);"

  /* purpose: 1 sampling, 2 disinfection, 3 delivery. */
  "CREATE TABLE visit_window ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES household (id) ON DELETE CASCADE,"
  "  purpose INTEGER NOT NULL CHECK (purpose IN (1, 2, 3)),"
  "  starts_at TEXT NOT NULL CHECK " TIME_OK ("starts_at") ","
  "  ends_at TEXT NOT NULL CHECK (" TIME_OK ("ends_at") " AND ends_at > starts_at)"
  ");"
  "CREATE INDEX visit_window_by_household ON visit_window (household_id, starts_at);"

  /* state: 0 open, 1 acknowledged, 2 dispatched, 3 resolved. severity: 1 low … 3 high. */
  "CREATE TABLE alert ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),"
  "  sensor_id INTEGER REFERENCES sensor (id) ON DELETE SET NULL,"
  "  household_id INTEGER REFERENCES household (id) ON DELETE SET NULL,"
  "  opened_at TEXT NOT NULL CHECK " TIME_OK ("opened_at") ","
  "  last_event_at TEXT NOT NULL,"
  "  event_count INTEGER NOT NULL DEFAULT 1 CHECK (event_count >= 1),"
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
  "  acknowledged_by TEXT,"
  "  acknowledged_at TEXT,"
  "  dispatched_to INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  dispatched_at TEXT,"
  "  resolved_at TEXT,"
  "  outcome INTEGER CHECK (outcome IS NULL OR outcome BETWEEN 1 AND 4),"
  "  note TEXT,"
  "  CHECK ((state = 3) = (resolved_at IS NOT NULL))"
  ");"
  "CREATE INDEX alert_open ON alert (state, severity) WHERE state < 3;"
  "CREATE INDEX alert_by_household ON alert (household_id);"
  "CREATE INDEX alert_by_sensor ON alert (sensor_id);"
  "CREATE INDEX alert_by_staff ON alert (dispatched_to) WHERE dispatched_to IS NOT NULL;"

  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  operator TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER,"
  "  detail TEXT"
  ");"
  "CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);";

/* The search index: a trigram FTS5 table for substrings of three characters
 * and more (addresses, ID numbers, phones, codes), kept in step by triggers.
 * Shorter queries (most Chinese names have two or three characters) go
 * through the name indices instead; see wg-search.c.
 * The rowid packs the kind into the low two bits: (id << 2) | kind. */
static const char migration_2[] =
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  label, terms, content = '', tokenize = 'trigram'"
  ");"
  "INSERT INTO search_index (rowid, label, terms)"
  "  SELECT (id << 2) | 1, name, coalesce (id_number, '') || ' ' || coalesce (phone, '')"
  "  FROM person;"
  "INSERT INTO search_index (rowid, label, terms)"
  "  SELECT (id << 2) | 2, address, code FROM household;"
  "INSERT INTO search_index (rowid, label, terms)"
  "  SELECT (id << 2) | 3, name, code FROM grid;"
  "CREATE TRIGGER search_person_insert AFTER INSERT ON person BEGIN"
  "  INSERT INTO search_index (rowid, label, terms)"
  "   VALUES ((NEW.id << 2) | 1, NEW.name, NEW.id_number || ' ' || coalesce (NEW.phone, ''));"
  " END;"
  "CREATE TRIGGER search_person_delete AFTER DELETE ON person BEGIN"
  "  INSERT INTO search_index (search_index, rowid, label, terms)"
  "   VALUES ('delete', (OLD.id << 2) | 1, OLD.name, OLD.id_number || ' ' || coalesce (OLD.phone, ''));"
  " END;"
  "CREATE TRIGGER search_person_update AFTER UPDATE OF name, id_number, phone ON person BEGIN"
  "  INSERT INTO search_index (search_index, rowid, label, terms)"
  "   VALUES ('delete', (OLD.id << 2) | 1, OLD.name, OLD.id_number || ' ' || coalesce (OLD.phone, ''));"
  "  INSERT INTO search_index (rowid, label, terms)"
  "   VALUES ((NEW.id << 2) | 1, NEW.name, NEW.id_number || ' ' || coalesce (NEW.phone, ''));"
  " END;"
  "CREATE TRIGGER search_household_insert AFTER INSERT ON household BEGIN"
  "  INSERT INTO search_index (rowid, label, terms) VALUES ((NEW.id << 2) | 2, NEW.address, NEW.code);"
  " END;"
  "CREATE TRIGGER search_household_delete AFTER DELETE ON household BEGIN"
  "  INSERT INTO search_index (search_index, rowid, label, terms)"
  "   VALUES ('delete', (OLD.id << 2) | 2, OLD.address, OLD.code);"
  " END;"
  "CREATE TRIGGER search_household_update AFTER UPDATE OF address, code ON household BEGIN"
  "  INSERT INTO search_index (search_index, rowid, label, terms)"
  "   VALUES ('delete', (OLD.id << 2) | 2, OLD.address, OLD.code);"
  "  INSERT INTO search_index (rowid, label, terms) VALUES ((NEW.id << 2) | 2, NEW.address, NEW.code);"
  " END;"
  "CREATE TRIGGER search_grid_insert AFTER INSERT ON grid BEGIN"
  "  INSERT INTO search_index (rowid, label, terms) VALUES ((NEW.id << 2) | 3, NEW.name, NEW.code);"
  " END;"
  "CREATE TRIGGER search_grid_delete AFTER DELETE ON grid BEGIN"
  "  INSERT INTO search_index (search_index, rowid, label, terms)"
  "   VALUES ('delete', (OLD.id << 2) | 3, OLD.name, OLD.code);"
  " END;"
  "CREATE TRIGGER search_grid_update AFTER UPDATE OF name, code ON grid BEGIN"
  "  INSERT INTO search_index (search_index, rowid, label, terms)"
  "   VALUES ('delete', (OLD.id << 2) | 3, OLD.name, OLD.code);"
  "  INSERT INTO search_index (rowid, label, terms) VALUES ((NEW.id << 2) | 3, NEW.name, NEW.code);"
  " END;";

/* Signing keys get a table of their own so that a rotated key is kept: a
 * label signed with it then verifies as outdated rather than forged. At most
 * one key is current. */
static const char migration_3[] =
  "CREATE TABLE signing_key ("
  "  id INTEGER PRIMARY KEY,"
  "  key BLOB NOT NULL CHECK (length (key) >= 16),"
  "  created_at TEXT NOT NULL,"
  "  retired_at TEXT"
  ");"
  "CREATE UNIQUE INDEX signing_key_current ON signing_key (retired_at IS NULL)"
  " WHERE retired_at IS NULL;"
  "INSERT INTO signing_key (key, created_at)"
  "  SELECT value, datetime ('now', 'localtime') FROM settings WHERE key = 'qr-signing-key';"
  "DELETE FROM settings WHERE key = 'qr-signing-key';"
  "CREATE INDEX grid_staff_by_role ON grid_staff (role, grid_id);";

/* Alerts about a device nobody registered have no sensor row: they, and
 * every other sensor alert, name the device. */
static const char migration_4[] =
  "ALTER TABLE alert ADD COLUMN device TEXT;"
  "UPDATE alert SET device = (SELECT device FROM sensor WHERE sensor.id = alert.sensor_id);"
  "CREATE INDEX alert_open_by_device ON alert (device, kind) WHERE state < 3;"
  "CREATE INDEX sensor_event_by_time ON sensor_event (received_at);";

/* Door sensors as Zigbee2MQTT really sends them (every report carries the
 * full state): what a sensor last said of its tamper switch and battery, and
 * since when its door has been as it is, so that alerts follow changes, not
 * reports. An event keeps when it happened — the device's own last_seen when
 * it gave a plausible one (time_source 1), else the arrival (0). One feed
 * per database holds a lease renewed while it is alive. */
static const char migration_5[] =
  "ALTER TABLE sensor ADD COLUMN tamper INTEGER CHECK (tamper IS NULL OR tamper IN (0, 1));"
  "ALTER TABLE sensor ADD COLUMN battery_low INTEGER CHECK (battery_low IS NULL OR battery_low IN (0, 1));"
  "ALTER TABLE sensor ADD COLUMN contact_since TEXT;"
  "ALTER TABLE sensor ADD COLUMN left_open_raised INTEGER NOT NULL DEFAULT 0;"
  "UPDATE sensor SET battery_low = (battery < 20) WHERE battery IS NOT NULL;"
  /* The digest no longer has a unique index: a random key in a growing
   * index made each message slower than the last (a county's sensors write
   * millions a year). The engine, the database's only feed (the lease),
   * keeps the recent digests in memory instead; QoS 1 redelivers only what
   * was in flight. */
  "CREATE TABLE sensor_event_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  sensor_id INTEGER REFERENCES sensor (id) ON DELETE CASCADE,"
  "  device TEXT NOT NULL,"
  "  received_at TEXT NOT NULL CHECK " TIME_OK ("received_at") ","
  "  kind INTEGER NOT NULL,"
  "  payload TEXT,"
  "  digest TEXT,"
  "  occurred_at TEXT NOT NULL,"
  "  time_source INTEGER NOT NULL CHECK (time_source IN (0, 1))"
  ");"
  "INSERT INTO sensor_event_v5 (id, sensor_id, device, received_at, kind, payload, digest, occurred_at,"
  "                             time_source)"
  "  SELECT id, sensor_id, device, received_at, kind, payload, digest, received_at, 0 FROM sensor_event;"
  "DROP TABLE sensor_event;"
  "ALTER TABLE sensor_event_v5 RENAME TO sensor_event;"
  "CREATE INDEX sensor_event_by_sensor ON sensor_event (sensor_id, received_at);"
  "CREATE INDEX sensor_event_by_time ON sensor_event (received_at);"
  "CREATE TABLE feed_lease ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  holder TEXT NOT NULL,"
  "  purpose TEXT NOT NULL,"
  "  host TEXT NOT NULL,"
  "  pid INTEGER NOT NULL,"
  "  taken_at INTEGER NOT NULL,"
  "  renewed_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE bridge ("
  "  base_topic TEXT PRIMARY KEY NOT NULL,"
  "  online INTEGER NOT NULL CHECK (online IN (0, 1)),"
  "  since TEXT NOT NULL"
  ") WITHOUT ROWID;";

/* Real data in: where each imported record came from (the file's name and
 * SHA-256, the row as the spreadsheet numbers it), the column mapping a user
 * corrected (remembered per kind of list and header row), and the returnees
 * with the channel that reported them. channel: 1 screening (a grid worker
 * phoning one in), 2 the posters' QR form, 3 a list pushed down from above.
 * state: 0 new (the quarantine desk builds the rest of the queue on it). A
 * returnee stays on the grid its list names until a household is confirmed. */
static const char migration_6[] =
  "CREATE TABLE import_batch ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  channel INTEGER,"
  "  file_name TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  imported_at TEXT NOT NULL,"
  "  operator TEXT NOT NULL,"
  "  rows_read INTEGER NOT NULL,"
  "  rows_added INTEGER NOT NULL"
  ");"
  "CREATE INDEX import_batch_by_sha ON import_batch (sha256);"
  "CREATE TABLE import_origin ("
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,"
  "  row INTEGER NOT NULL,"
  "  PRIMARY KEY (entity, entity_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX import_origin_by_batch ON import_origin (batch_id);"
  "CREATE TABLE import_mapping ("
  "  kind TEXT NOT NULL,"
  "  signature TEXT NOT NULL,"
  "  mapping TEXT NOT NULL,"
  "  PRIMARY KEY (kind, signature)"
  ") WITHOUT ROWID;"
  "CREATE TABLE returnee ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  arrived_on TEXT NOT NULL CHECK " DAY_OK ("arrived_on") ","
  "  from_place TEXT NOT NULL CHECK (length (trim (from_place)) BETWEEN 1 AND 128),"
  "  risk INTEGER NOT NULL DEFAULT 0 CHECK (risk IN (0, 1, 2)),"
  "  transport TEXT,"
  "  channel INTEGER NOT NULL CHECK (channel IN (1, 2, 3)),"
  "  grid_id INTEGER REFERENCES grid (id) ON DELETE SET NULL,"
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state >= 0),"
  "  recorded_at TEXT NOT NULL,"
  "  UNIQUE (person_id, arrived_on)"
  ");"
  "CREATE INDEX returnee_by_grid ON returnee (grid_id, state);"
  "CREATE INDEX returnee_by_day ON returnee (arrived_on);"
  /* A temperature round's "not measured: away from home" (round 0 morning,
   * 1 afternoon); a reading keyed in later replaces it. */
  "CREATE TABLE round_absence ("
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  day TEXT NOT NULL CHECK " DAY_OK ("day") ","
  "  round INTEGER NOT NULL CHECK (round IN (0, 1)),"
  "  recorded_at TEXT NOT NULL,"
  "  PRIMARY KEY (person_id, day, round)"
  ") WITHOUT ROWID;";

/* Version 7 (the county server's first own change): the desk beside the
 * operator in the audit log, and a row version on what two desks may edit
 * at once, so that the later of two saves is refused. */
static const char migration_7[] =
  "ALTER TABLE audit_log ADD COLUMN host TEXT;"
  "ALTER TABLE person ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE household ADD COLUMN version INTEGER NOT NULL DEFAULT 1;";

/* Version 8: the returnee queue and its measures. A returnee goes new (0)
 * → reviewed (1: household and micro-grid confirmed, the grid worker told)
 * → decided (2: a measure). The county's measure presets create the
 * periods and the nucleic-acid test schedule at once: measure 0 none,
 * 1 health monitoring, 2 home quarantine, 3 central then home quarantine;
 * test days counted from the first day of the measure (day 1). A scheduled
 * test is fulfilled by the test recorded on or after its day. */
static const char migration_8[] =
  "CREATE TABLE measure_preset ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length (trim (name)) BETWEEN 1 AND 32),"
  "  measure INTEGER NOT NULL CHECK (measure IN (0, 1, 2, 3)),"
  "  central_days INTEGER NOT NULL DEFAULT 0 CHECK (central_days BETWEEN 0 AND 60),"
  "  home_days INTEGER NOT NULL DEFAULT 0 CHECK (home_days BETWEEN 0 AND 60),"
  "  monitoring_days INTEGER NOT NULL DEFAULT 0 CHECK (monitoring_days BETWEEN 0 AND 60),"
  "  test_days TEXT NOT NULL DEFAULT '' CHECK (test_days NOT GLOB '*[^0-9,]*'),"
  "  CHECK ((measure = 3) = (central_days > 0)),"
  "  CHECK (measure <> 2 OR home_days > 0),"
  "  CHECK ((measure = 1) = (monitoring_days > 0))"
  ");"
  "INSERT INTO measure_preset (name, measure, central_days, home_days, monitoring_days, test_days) VALUES"
  " ('7天集中+7天居家', 3, 7, 7, 0, '1,4,7,14'),"
  " ('14天集中+7天居家', 3, 14, 7, 0, '1,4,7,14,21'),"
  " ('14天居家隔离', 2, 0, 14, 0, '1,4,7,14'),"
  " ('7天健康监测', 1, 0, 0, 7, '1,4,7'),"
  " ('3天3检', 1, 0, 0, 3, '1,2,3'),"
  " ('无需管控', 0, 0, 0, 0, '');"
  "ALTER TABLE returnee ADD COLUMN reviewed_at TEXT;"
  "ALTER TABLE returnee ADD COLUMN measure INTEGER CHECK (measure IS NULL OR measure IN (0, 1, 2, 3));"
  "ALTER TABLE returnee ADD COLUMN preset_id INTEGER REFERENCES measure_preset (id) ON DELETE SET NULL;"
  "ALTER TABLE returnee ADD COLUMN decided_at TEXT;"
  "CREATE TABLE monitoring ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  returnee_id INTEGER REFERENCES returnee (id) ON DELETE SET NULL,"
  "  start_day TEXT NOT NULL CHECK " DAY_OK ("start_day") ","
  "  end_day TEXT NOT NULL CHECK (" DAY_OK ("end_day") " AND end_day >= start_day)"
  ");"
  "CREATE INDEX monitoring_by_person ON monitoring (person_id, start_day);"
  "CREATE INDEX monitoring_by_days ON monitoring (end_day, start_day);"
  "CREATE TABLE test_schedule ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  returnee_id INTEGER REFERENCES returnee (id) ON DELETE SET NULL,"
  "  day TEXT NOT NULL CHECK " DAY_OK ("day") ","
  "  seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 60),"
  "  test_id INTEGER REFERENCES nat_test (id) ON DELETE SET NULL,"
  "  UNIQUE (person_id, day)"
  ");"
  "CREATE INDEX test_schedule_open ON test_schedule (day) WHERE test_id IS NULL;"
  "CREATE INDEX test_schedule_by_test ON test_schedule (test_id) WHERE test_id IS NOT NULL;"
  "CREATE INDEX returnee_by_state ON returnee (state, arrived_on);";

/* Version 9: central sites' rooms, who stays in which room, door sensors
 * on rooms, and point-to-point transfers. A stay holds its room from its
 * first day to its last (inclusive; a check-out ends it that day); the
 * room is watched from check-in to check-out. A sensor is on a home or on
 * a room, never both. Rooms the register already named (quarantine.room)
 * become records, each stay with it, checked in on its first day. A
 * transfer goes planned (0) → dispatched (1) → picked up (2) → handed
 * over (3); from_kind 1 a checkpoint, 2 a station, 3 an address; to a
 * site or a home. */
static const char migration_9[] =
  "CREATE TABLE site_room ("
  "  id INTEGER PRIMARY KEY,"
  "  site_id INTEGER NOT NULL REFERENCES quarantine_site (id) ON DELETE CASCADE,"
  "  number TEXT NOT NULL CHECK (length (trim (number)) BETWEEN 1 AND 16),"
  "  floor INTEGER NOT NULL CHECK (floor BETWEEN -9 AND 199),"
  "  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 20),"
  "  UNIQUE (site_id, number)"
  ");"
  "CREATE TABLE room_stay ("
  "  id INTEGER PRIMARY KEY,"
  "  room_id INTEGER NOT NULL REFERENCES site_room (id) ON DELETE RESTRICT,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  quarantine_id INTEGER REFERENCES quarantine (id) ON DELETE SET NULL,"
  "  from_day TEXT NOT NULL CHECK " DAY_OK ("from_day") ","
  "  to_day TEXT NOT NULL CHECK (" DAY_OK ("to_day") " AND to_day >= from_day),"
  "  checked_in_at TEXT CHECK (checked_in_at IS NULL OR " TIME_OK ("checked_in_at") "),"
  "  checked_out_at TEXT CHECK (checked_out_at IS NULL OR (" TIME_OK ("checked_out_at")
  "                              AND checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at))"
  ");"
  "CREATE INDEX room_stay_by_room ON room_stay (room_id, to_day);"
  "CREATE INDEX room_stay_by_person ON room_stay (person_id, from_day);"
  "ALTER TABLE sensor ADD COLUMN room_id INTEGER REFERENCES site_room (id) ON DELETE SET NULL"
  "  CHECK (room_id IS NULL OR household_id IS NULL);"
  "CREATE UNIQUE INDEX sensor_by_room ON sensor (room_id) WHERE room_id IS NOT NULL;"
  "ALTER TABLE alert ADD COLUMN room_id INTEGER REFERENCES site_room (id) ON DELETE SET NULL;"
  "INSERT INTO site_room (site_id, number, floor, capacity)"
  "  SELECT site_id, trim (room), max (-9, min (199, CAST (trim (room) AS INTEGER) / 100)), min (20, count (*))"
  "  FROM quarantine WHERE room IS NOT NULL AND length (trim (room)) BETWEEN 1 AND 16"
  "  GROUP BY site_id, trim (room) ORDER BY site_id, trim (room);"
  "INSERT INTO room_stay (room_id, person_id, quarantine_id, from_day, to_day, checked_in_at)"
  "  SELECT r.id, q.person_id, q.id, q.start_day, q.end_day,"
  "         CASE WHEN q.start_day >= '2019-01-01' THEN q.start_day || ' 00:00:00' END"
  "  FROM quarantine q JOIN site_room r ON r.site_id = q.site_id AND r.number = trim (q.room)"
  "  ORDER BY q.id;"
  "DROP INDEX quarantine_room;"
  "CREATE TABLE transfer ("
  "  id INTEGER PRIMARY KEY,"
  "  day TEXT NOT NULL CHECK " DAY_OK ("day") ","
  "  from_kind INTEGER NOT NULL CHECK (from_kind IN (1, 2, 3)),"
  "  from_place TEXT NOT NULL CHECK (length (trim (from_place)) BETWEEN 1 AND 128),"
  "  to_site_id INTEGER REFERENCES quarantine_site (id) ON DELETE RESTRICT,"
  "  to_household_id INTEGER REFERENCES household (id) ON DELETE RESTRICT,"
  "  vehicle TEXT NOT NULL CHECK (length (trim (vehicle)) BETWEEN 1 AND 16),"
  "  driver TEXT NOT NULL CHECK (length (trim (driver)) BETWEEN 1 AND 64),"
  "  escort TEXT NOT NULL CHECK (length (trim (escort)) BETWEEN 1 AND 64),"
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2, 3)),"
  "  dispatched_at TEXT,"
  "  picked_up_at TEXT,"
  "  handed_over_at TEXT,"
  "  handed_to TEXT,"
  "  CHECK ((to_site_id IS NULL) <> (to_household_id IS NULL)),"
  "  CHECK ((state >= 1) = (dispatched_at IS NOT NULL)),"
  "  CHECK ((state >= 2) = (picked_up_at IS NOT NULL)),"
  "  CHECK ((state = 3) = (handed_over_at IS NOT NULL AND handed_to IS NOT NULL))"
  ");"
  "CREATE INDEX transfer_by_day ON transfer (day);"
  "CREATE TABLE transfer_person ("
  "  transfer_id INTEGER NOT NULL REFERENCES transfer (id) ON DELETE CASCADE,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (transfer_id, person_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX transfer_person_by_person ON transfer_person (person_id);";

/* Version 10: the field's day, first part. People away from home in
 * their groups (a group per village or township, its owner the official
 * who dispatches), with where they are and who at home needs care; help
 * orders (点单 → 派单 → 接单): state 0 ordered, 1 dispatched to a grid
 * worker, 2 accepted, 3 done, 4 cancelled — kind 1 care for the elderly,
 * 2 medicine, 3 shopping, 4 repairs, 5 farm work, 6 other; urgency 1
 * normal, 2 urgent, 3 very urgent; the grids' two patrols and evening
 * meeting (两圈一碰头): kind 1 morning patrol, 2 afternoon patrol, 3
 * evening meeting, one of each per grid and day; disinfection plans and
 * visits. */
static const char migration_10[] =
  "CREATE TABLE away_group ("
  "  id INTEGER PRIMARY KEY,"
  "  grid_id INTEGER NOT NULL REFERENCES grid (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 64),"
  "  owner_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  UNIQUE (grid_id, name)"
  ");"
  "CREATE TABLE away_info ("
  "  person_id INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,"
  "  province TEXT,"
  "  city TEXT,"
  "  address TEXT,"
  "  employer TEXT,"
  "  since TEXT CHECK (since IS NULL OR " DAY_OK ("since") "),"
  "  reason INTEGER NOT NULL DEFAULT 1 CHECK (reason IN (1, 2, 3, 4)),"
  "  group_id INTEGER REFERENCES away_group (id) ON DELETE SET NULL,"
  "  care_needed TEXT"
  ");"
  "CREATE INDEX away_info_by_group ON away_info (group_id) WHERE group_id IS NOT NULL;"
  "CREATE TABLE help_order ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES household (id) ON DELETE CASCADE,"
  "  requester_id INTEGER REFERENCES person (id) ON DELETE SET NULL,"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),"
  "  detail TEXT NOT NULL CHECK (length (trim (detail)) BETWEEN 1 AND 500),"
  "  urgency INTEGER NOT NULL DEFAULT 1 CHECK (urgency IN (1, 2, 3)),"
  "  due_at TEXT NOT NULL CHECK " TIME_OK ("due_at") ","
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),"
  "  ordered_at TEXT NOT NULL CHECK " TIME_OK ("ordered_at") ","
  "  worker_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  dispatched_at TEXT,"
  "  accepted_at TEXT,"
  "  done_at TEXT,"
  "  cancelled_at TEXT,"
  "  note TEXT,"
  "  CHECK (state = 0 OR state = 4 OR (worker_id IS NOT NULL AND dispatched_at IS NOT NULL)),"
  "  CHECK (state < 2 OR state = 4 OR accepted_at IS NOT NULL),"
  "  CHECK ((state = 3) = (done_at IS NOT NULL)),"
  "  CHECK ((state = 4) = (cancelled_at IS NOT NULL))"
  ");"
  "CREATE INDEX help_order_open ON help_order (state, due_at);"
  "CREATE INDEX help_order_by_household ON help_order (household_id);"
  "CREATE INDEX help_order_by_worker ON help_order (worker_id) WHERE worker_id IS NOT NULL;"
  "CREATE TABLE patrol_report ("
  "  id INTEGER PRIMARY KEY,"
  "  grid_id INTEGER NOT NULL REFERENCES grid (id) ON DELETE CASCADE,"
  "  day TEXT NOT NULL CHECK " DAY_OK ("day") ","
  "  kind INTEGER NOT NULL CHECK (kind IN (1, 2, 3)),"
  "  at TEXT NOT NULL CHECK " TIME_OK ("at") ","
  "  done_by TEXT NOT NULL CHECK (length (trim (done_by)) BETWEEN 1 AND 200),"
  "  new_returnees INTEGER NOT NULL DEFAULT 0 CHECK (new_returnees BETWEEN 0 AND 10000),"
  "  gatherings INTEGER NOT NULL DEFAULT 0 CHECK (gatherings BETWEEN 0 AND 10000),"
  "  problems TEXT,"
  "  reported_up TEXT,"
  "  UNIQUE (grid_id, day, kind)"
  ");"
  "CREATE INDEX patrol_report_by_day ON patrol_report (day, kind);"
  /* Disinfection to the hour: a plan for a home or a room (every N days
   * at an hour, between two days), each visit recorded against the plan's
   * slot it serves (due_at), or none. */
  "CREATE TABLE disinfection_plan ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER REFERENCES household (id) ON DELETE CASCADE,"
  "  room_id INTEGER REFERENCES site_room (id) ON DELETE CASCADE,"
  "  hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),"
  "  every_days INTEGER NOT NULL DEFAULT 1 CHECK (every_days BETWEEN 1 AND 14),"
  "  from_day TEXT NOT NULL CHECK " DAY_OK ("from_day") ","
  "  to_day TEXT NOT NULL CHECK (" DAY_OK ("to_day") " AND to_day >= from_day),"
  "  CHECK ((household_id IS NULL) <> (room_id IS NULL))"
  ");"
  "CREATE INDEX disinfection_plan_by_days ON disinfection_plan (to_day, from_day);"
  "CREATE TABLE disinfection_visit ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER REFERENCES disinfection_plan (id) ON DELETE SET NULL,"
  "  household_id INTEGER REFERENCES household (id) ON DELETE CASCADE,"
  "  room_id INTEGER REFERENCES site_room (id) ON DELETE CASCADE,"
  "  due_at TEXT CHECK (due_at IS NULL OR " TIME_OK ("due_at") "),"
  "  visited_at TEXT NOT NULL CHECK " TIME_OK ("visited_at") ","
  "  done_by TEXT NOT NULL CHECK (length (trim (done_by)) BETWEEN 1 AND 200),"
  "  what TEXT,"
  "  CHECK ((household_id IS NULL) <> (room_id IS NULL))"
  ");"
  "CREATE INDEX disinfection_visit_by_plan ON disinfection_visit (plan_id, due_at);"
  "CREATE INDEX disinfection_visit_by_household ON disinfection_visit (household_id) WHERE household_id IS NOT NULL;"
  /* Duty rosters: the checkpoints (the county's two highway exits and the
   * S234 exit to Jiangxian by default), and who is on duty where for a
   * shift (1 08:00–16:00, 2 16:00–24:00, 3 00:00–08:00) — at a checkpoint,
   * or in a community (unit leaders); role 1 the county leader leading,
   * 2 a unit leader, 3 on duty. Nobody in two places on one shift. */
  "CREATE TABLE checkpoint ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length (trim (name)) BETWEEN 1 AND 64),"
  "  min_staff INTEGER NOT NULL DEFAULT 2 CHECK (min_staff BETWEEN 0 AND 50),"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO checkpoint (name, min_staff, position) VALUES"
  " ('G5京昆高速曲沃出口', 3, 1), ('G22青兰高速曲沃东出口', 3, 2), ('S234曲沃至绛县出口', 2, 3);"
  "CREATE TABLE duty ("
  "  id INTEGER PRIMARY KEY,"
  "  day TEXT NOT NULL CHECK " DAY_OK ("day") ","
  "  shift INTEGER NOT NULL CHECK (shift IN (1, 2, 3)),"
  "  checkpoint_id INTEGER REFERENCES checkpoint (id) ON DELETE CASCADE,"
  "  grid_id INTEGER REFERENCES grid (id) ON DELETE CASCADE,"
  "  staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,"
  "  role INTEGER NOT NULL CHECK (role IN (1, 2, 3)),"
  "  CHECK ((checkpoint_id IS NULL) <> (grid_id IS NULL)),"
  "  UNIQUE (staff_id, day, shift)"
  ");"
  "CREATE INDEX duty_by_day ON duty (day, shift);";

/* Version 11: a room's visit windows (purpose as a home's: 2 disinfection),
 * so that a disinfection team opening a room's door is expected, as at a
 * home. */
static const char migration_11[] =
  "CREATE TABLE room_visit_window ("
  "  id INTEGER PRIMARY KEY,"
  "  room_id INTEGER NOT NULL REFERENCES site_room (id) ON DELETE CASCADE,"
  "  purpose INTEGER NOT NULL CHECK (purpose IN (1, 2, 3)),"
  "  starts_at TEXT NOT NULL CHECK " TIME_OK ("starts_at") ","
  "  ends_at TEXT NOT NULL CHECK (" TIME_OK ("ends_at") " AND ends_at > starts_at)"
  ");"
  "CREATE INDEX room_visit_window_by_room ON room_visit_window (room_id, starts_at);";

/* Version 12: the five-to-one team of a person in quarantine (五包一):
 * role 1 a township cadre, 2 a village cadre, 3 the grid worker, 4 the
 * village doctor, 5 a police officer (the county names them in the
 * setting "team-roles"), each by name and phone. */
static const char migration_12[] =
  "CREATE TABLE care_team ("
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 5),"
  "  name TEXT NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 64),"
  "  phone TEXT,"
  "  PRIMARY KEY (person_id, role)"
  ");";

static const char *const migrations[] = {
  NULL,
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
  migration_12,
};

guint
wg_store_latest_version (void)
{
  return G_N_ELEMENTS (migrations) - 1;
}

const char *
wg_store_migration_sql (guint version)
{
  g_return_val_if_fail (version >= 1 && version < G_N_ELEMENTS (migrations), NULL);
  return migrations[version];
}

/* The search box's statements on SQLite: names by their byte order (the
 * name indices), the FTS5 trigram index by phrase, in rowid order. */
const char *
wg_store_sqlite_search_sql (WgSearchSql which)
{
  switch (which)
    {
    case WG_SEARCH_SQL_PERSONS_BY_NAME:
      return "SELECT id FROM person WHERE name >= ?1 AND name < ?3 ORDER BY name <> ?1, name, id LIMIT ?2";
    case WG_SEARCH_SQL_GRIDS_BY_NAME:
      return "SELECT id FROM grid WHERE name >= ?1 AND name < ?3 ORDER BY level, name, id LIMIT ?2";
    case WG_SEARCH_SQL_INDEX:
      return "SELECT rowid FROM search_index WHERE search_index MATCH ?1 LIMIT ?2";
    case WG_SEARCH_SQL_COUNT_NAMES:
      return "SELECT (SELECT count (*) FROM (SELECT 1 FROM person WHERE name >= ?1 AND name < ?3 LIMIT ?2))"
             "     + (SELECT count (*) FROM (SELECT 1 FROM grid WHERE name >= ?1 AND name < ?3 LIMIT ?2))";
    case WG_SEARCH_SQL_COUNT_INDEX:
    default:
      return "SELECT count (*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ?1 LIMIT ?2)";
    }
}
