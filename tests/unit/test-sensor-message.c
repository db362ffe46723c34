/* test-sensor-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bounded mutation run over the whole engine (the libFuzzer target covers
 * the parser alone, in a clang build): Zigbee2MQTT's real payloads, cut,
 * spliced, retyped and flipped from one fixed seed, handed to the engine on
 * a real database as the feed hands them — in batches, some retained, some
 * on availability and bridge topics. Whatever comes, the engine records or
 * ignores it, counts it, and the database stays whole.
 */

#include "config.h"

#include <string.h>

#include "wg-alert-engine.h"
#include "wg-demo.h"
#include "wg-store-sensors.h"

#include "../wg-test-util.h"
#include "../wg-test-z2m.h"

#define N_MUTATIONS 10000
#define DEVICE "0x00158d0001a2b3c4"

static const char *const topics[] = {
  "zigbee2mqtt/" DEVICE,
  "zigbee2mqtt/" DEVICE "/availability",
  "zigbee2mqtt/乐昌镇/南关/348号",
  "zigbee2mqtt/bridge/state",
  "zigbee2mqtt/" DEVICE "/set",
  "zigbee2mqtt/0xdeadbeef00000000",
};

/* Pieces a mutation may splice in: what breaks parsers. */
static const char *const pieces[] = {
  "null", "true", "false", "\"\"", "[]", "{}", "-1", "1e400", "-0", "66.5", "1795917000123",
  "\"2026-13-45T99:99:99Z\"", "\"online\"", "\"offline\"", "\"\\u0000\"", "\"\\ud800\"", ",", ":",
  "{\"contact\":", "\"last_seen\":", "\"battery\":", "\xff\xfe", "\xe4\xb9", "\x00",
};

static GPtrArray *
load_seeds (void)
{
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_free);
  const char *files[] = { "aqara-mccgq11lm", "tuya-ts0203", "sonoff-snzb-04", "zigbee2mqtt-bridge" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(JsonObject) fixture = wg_test_z2m_load (files[f]);
      g_autoptr(GList) members = json_object_get_members (fixture);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "source") && !g_str_equal (l->data, "model") && !g_str_equal (l->data, "vendor"))
          g_ptr_array_add (seeds, wg_test_z2m_payload (fixture, l->data, "2026-11-29T10:00:00+08:00"));
    }
  return seeds;
}

/* One mutation of @text, by @rand: the result may hold NULs and bad UTF-8. */
static GByteArray *
mutate (GRand      *rand,
        const char *text)
{
  GByteArray *bytes = g_byte_array_new ();
  guint n_steps = g_rand_int_range (rand, 1, 5);

  g_byte_array_append (bytes, (const guint8 *) text, strlen (text));
  for (guint step = 0; step < n_steps; step++)
    {
      guint at = bytes->len > 0 ? g_rand_int_range (rand, 0, bytes->len) : 0;
      guint run = g_rand_int_range (rand, 1, 64);

      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0: /* flip a bit */
          if (bytes->len > 0)
            bytes->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1: /* cut the rest */
          g_byte_array_set_size (bytes, at);
          break;
        case 2: /* remove a run */
          if (bytes->len > 0)
            g_byte_array_remove_range (bytes, at, MIN (run % 16 + 1, bytes->len - at));
          break;
        case 3: /* splice in a piece */
          {
            const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
            gsize length = piece[0] == '\0' ? 1 : strlen (piece);

            g_autoptr(GByteArray) tail = g_byte_array_new ();

            g_byte_array_append (tail, bytes->data + at, bytes->len - at);
            g_byte_array_set_size (bytes, at);
            g_byte_array_append (bytes, (const guint8 *) piece, length);
            g_byte_array_append (bytes, tail->data, tail->len);
          }
          break;
        case 4: /* duplicate a run */
          if (bytes->len > 0)
            {
              guint length = MIN (run, bytes->len - at);
              g_autoptr(GByteArray) copy = g_byte_array_new ();

              g_byte_array_append (copy, bytes->data + at, length);
              g_byte_array_append (bytes, copy->data, copy->len);
            }
          break;
        case 5: /* nest it deeply */
          for (guint i = 0; i < 200; i++)
            g_byte_array_prepend (bytes, (const guint8 *) "[", 1);
          break;
        default: /* a random byte */
          {
            guint8 byte = g_rand_int_range (rand, 0, 256);

            if (bytes->len > 0)
              bytes->data[at] = byte;
          }
          break;
        }
    }
  return bytes;
}

static void
test_mutations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = wg_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "county.db", NULL);
  g_autoptr(WgStore) store = wg_store_open (path, WG_STORE_OPEN_FLAGS_CREATE, &error);
  g_autoptr(WgAlertEngine) engine = NULL;
  g_autoptr(GPtrArray) seeds = load_seeds ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 29, 10, 0, 0);
  WgFeedStats stats;
  gint64 households;

  g_assert_no_error (error);
  g_assert_true (wg_demo_build (store, WG_DEMO_SCALE_SMALL, 3, "2026-11-29", NULL, NULL, &error));
  g_assert_true (wg_store_register_sensor (store, DEVICE, NULL, NULL, &error));
  g_assert_true (wg_store_register_sensor (store, "乐昌镇/南关/348号", NULL, NULL, &error));
  g_assert_no_error (error);
  households = wg_store_count_rows (store, "household");
  engine = wg_alert_engine_new (store, NULL);

  for (guint i = 0; i < N_MUTATIONS; i++)
    {
      g_autoptr(GByteArray) payload = mutate (rand, g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len)));
      const char *topic = topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))];

      if (i % 100 == 0)
        g_assert_true (wg_alert_engine_begin_batch (engine, &error));
      g_assert_true (wg_alert_engine_handle (engine, topic, payload->len > 0 ? payload->data : NULL, payload->len, i,
                                             g_rand_boolean (rand) ? WG_MESSAGE_FLAGS_RETAINED : WG_MESSAGE_FLAGS_NONE,
                                             now, &error));
      g_assert_no_error (error);
      if (i % 100 == 99)
        g_assert_true (wg_alert_engine_end_batch (engine, &error));
      if (i % 2500 == 2499)
        g_assert_true (wg_alert_engine_check_timers (engine, NULL, &error));
      g_assert_no_error (error);
    }

  wg_alert_engine_get_stats (engine, &stats);
  g_test_message ("%" G_GUINT64_FORMAT " messages: %" G_GUINT64_FORMAT " malformed, %" G_GUINT64_FORMAT
                  " ignored, %" G_GUINT64_FORMAT " cleared, %" G_GUINT64_FORMAT " bad fields",
                  stats.messages, stats.malformed, stats.ignored, stats.cleared, stats.bad_fields);
  g_assert_cmpuint (stats.messages, ==, N_MUTATIONS);
  /* Each kind of outcome was reached: the run is not all rubbish. */
  g_assert_cmpuint (stats.malformed, >, 0);
  g_assert_cmpuint (stats.ignored, >, 0);
  g_assert_cmpuint (stats.bad_fields, >, 0);
  g_assert_cmpuint (stats.messages - stats.malformed - stats.ignored - stats.cleared - stats.duplicates, >, 0);
  /* Nothing but the sensors' own tables changed, and the file is whole. */
  g_assert_cmpint (wg_store_count_rows (store, "household"), ==, households);
  g_assert_true (wg_store_check (store, &error));
  g_assert_no_error (error);

  g_clear_object (&engine);
  g_clear_object (&store);
  wg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/wg/sensors/mutations", test_mutations);
  return g_test_run ();
}
