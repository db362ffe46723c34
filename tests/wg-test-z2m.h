/* wg-test-z2m.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Zigbee2MQTT payloads as real devices send them, from tests/data/z2m/ (each
 * file cites the converter source it was written from).
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

static const char *const wg_test_z2m_models[] = {
  "aqara-mccgq11lm",
  "tuya-ts0203",
  "sonoff-snzb-04",
};

static inline JsonObject *
wg_test_z2m_load (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.json", name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "z2m", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* One payload of a fixture as the device's text, optionally with a
 * "last_seen" added the way Zigbee2MQTT adds it. */
static inline char *
wg_test_z2m_payload (JsonObject *fixture,
                     const char *key,
                     const char *last_seen)
{
  JsonNode *node = json_object_get_member (fixture, key);
  g_autoptr(JsonNode) copy = NULL;

  g_assert_nonnull (node);
  copy = json_node_copy (node);
  if (last_seen != NULL && JSON_NODE_HOLDS_OBJECT (copy))
    json_object_set_string_member (json_node_get_object (copy), "last_seen", last_seen);
  return json_to_string (copy, FALSE);
}
