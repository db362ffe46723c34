/* wg-device-name.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest friendly name kept (bytes of UTF-8). */
#define WG_SENSOR_MAX_NAME 128

gboolean wg_sensor_friendly_name_is_valid (const char *name);

G_END_DECLS
