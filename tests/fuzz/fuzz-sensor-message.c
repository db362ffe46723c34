/* fuzz-sensor-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer over the Zigbee2MQTT message parser: the input's first line is
 * the topic, the rest the payload, as the broker hands them. Built with
 * clang only (meson option "fuzzing"); build-aux/run-tests.sh runs a fixed
 * number of executions under AddressSanitizer and UndefinedBehaviorSanitizer,
 * from the seeds in tests/data/z2m/.
 */

#include "config.h"

#include <string.h>

#include "wg-sensor-message.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_auto(WgSensorMessage) message = { 0 };
  g_autoptr(GError) error = NULL;
  const guint8 *newline = memchr (data, '\n', size);
  g_autofree char *topic = NULL;
  const guint8 *payload;
  gsize length;

  if (newline == NULL)
    return 0;
  topic = g_strndup ((const char *) data, newline - data);
  payload = newline + 1;
  length = size - (newline - data) - 1;

  if (wg_sensor_message_parse ("zigbee2mqtt", topic, length > 0 ? payload : NULL, length, &message, &error))
    {
      g_assert (error == NULL);
      g_assert (message.contact >= -1 && message.contact <= 1);
      g_assert (message.tamper >= -1 && message.tamper <= 1);
      g_assert (message.battery_low >= -1 && message.battery_low <= 1);
      g_assert (message.battery == -1 || (message.battery >= 0 && message.battery <= 100));
      g_assert (message.topic == WG_SENSOR_TOPIC_BRIDGE_STATE || wg_sensor_friendly_name_is_valid (message.device));
    }
  else
    g_assert (error != NULL && error->domain == WG_SENSOR_ERROR);
  return 0;
}
