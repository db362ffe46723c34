/* wg-context.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wg-alert-engine.h"
#include "wg-sensor-feed.h"
#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_CONTEXT (wg_context_get_type ())

G_DECLARE_FINAL_TYPE (WgContext, wg_context, WG, CONTEXT, GObject)

WgContext     *wg_context_new              (GSettings    *settings,
                                            WgStore      *store,
                                            const char   *broker_url);
WgStore       *wg_context_get_store        (WgContext    *self);
GSettings     *wg_context_get_settings     (WgContext    *self);
WgAlertEngine *wg_context_get_engine       (WgContext    *self);
WgSensorFeed  *wg_context_get_feed         (WgContext    *self);
char          *wg_context_dup_broker_url   (WgContext    *self);
const char    *wg_context_get_broker_override (WgContext *self);
const char    *wg_context_get_operator     (WgContext    *self);
void           wg_context_set_operator     (WgContext    *self,
                                            const char   *name);
void           wg_context_start_sensors    (WgContext    *self);
void           wg_context_restart_sensors  (WgContext    *self);
void           wg_context_tell             (WgContext    *self,
                                            const char   *message);
void           wg_context_registry_changed (WgContext    *self);

G_END_DECLS
