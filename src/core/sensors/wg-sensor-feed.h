/* wg-sensor-feed.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-alert-engine.h"

G_BEGIN_DECLS

typedef enum
{
  WG_FEED_STATE_STOPPED,
  WG_FEED_STATE_CONNECTING,
  WG_FEED_STATE_CONNECTED,
  WG_FEED_STATE_RECONNECTING,
  WG_FEED_STATE_STANDBY,     /* another feed holds this database's lease */
  WG_FEED_STATE_TAKEN_OVER,  /* another client took the broker session: pausing */
} WgFeedState;

#define WG_TYPE_SENSOR_FEED (wg_sensor_feed_get_type ())

G_DECLARE_FINAL_TYPE (WgSensorFeed, wg_sensor_feed, WG, SENSOR_FEED, GObject)

WgSensorFeed  *wg_sensor_feed_new            (WgAlertEngine  *engine);
gboolean       wg_sensor_feed_set_broker     (WgSensorFeed   *self,
                                              const char     *url,
                                              GError        **error);
void           wg_sensor_feed_set_credentials (WgSensorFeed  *self,
                                               const char     *username,
                                               const char     *password);
void           wg_sensor_feed_set_ca_file    (WgSensorFeed   *self,
                                              const char     *path);
void           wg_sensor_feed_set_client_id  (WgSensorFeed   *self,
                                              const char     *client_id);
gboolean       wg_sensor_feed_start          (WgSensorFeed   *self,
                                              GError        **error);
void           wg_sensor_feed_stop           (WgSensorFeed   *self);
WgFeedState    wg_sensor_feed_get_state      (WgSensorFeed   *self);
const char    *wg_sensor_feed_get_broker     (WgSensorFeed   *self);
const char    *wg_sensor_feed_get_problem    (WgSensorFeed   *self);
guint64        wg_sensor_feed_get_n_received (WgSensorFeed   *self);
WgAlertEngine *wg_sensor_feed_get_engine     (WgSensorFeed   *self);
const char    *wg_feed_state_describe        (WgFeedState     state);
gboolean       wg_broker_url_parse           (const char     *url,
                                              char          **host,
                                              int            *port,
                                              gboolean       *tls,
                                              GError        **error);
char          *wg_feed_default_client_id     (WgStore        *store,
                                              GError        **error);
void           wg_sensor_feed_set_purpose    (WgSensorFeed   *self,
                                              const char     *purpose);
void           wg_sensor_feed_set_lease_seconds (WgSensorFeed *self,
                                                 guint           seconds);
const char    *wg_sensor_feed_get_client_id  (WgSensorFeed   *self);

G_END_DECLS
