/* wg-device-name.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a door sensor may be called: the store checks it when a sensor is
 * registered, the message parser when a topic names one.
 */

#include "config.h"

#include <string.h>

#include "wg-device-name.h"

/**
 * wg_sensor_friendly_name_is_valid:
 * @name: a Zigbee2MQTT friendly name
 *
 * Zigbee2MQTT's own rule (validateFriendlyName), with a length we keep.
 *
 * Returns: whether Zigbee2MQTT would accept @name
 */
gboolean
wg_sensor_friendly_name_is_valid (const char *name)
{
  const char *last_slash;
  gsize length;

  if (name == NULL || (length = strlen (name)) == 0 || length > WG_SENSOR_MAX_NAME ||
      !g_utf8_validate (name, length, NULL))
    return FALSE;
  if (name[0] == '/' || name[length - 1] == '/' || strpbrk (name, "+#") != NULL)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  /* Not ending in "/" and digits: Zigbee2MQTT reads that as an endpoint. */
  last_slash = strrchr (name, '/');
  if (last_slash != NULL && strspn (last_slash + 1, "0123456789") == strlen (last_slash + 1))
    return FALSE;
  return TRUE;
}
