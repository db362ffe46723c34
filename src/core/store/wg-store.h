/* wg-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wg-types.h"

G_BEGIN_DECLS

#define WG_STORE_ERROR (wg_store_error_quark ())

typedef enum
{
  WG_STORE_ERROR_FAILED,
  WG_STORE_ERROR_NOT_FOUND,
  WG_STORE_ERROR_NOT_A_DATABASE,
  WG_STORE_ERROR_TOO_NEW,
  WG_STORE_ERROR_READ_ONLY,
  WG_STORE_ERROR_BUSY,
  WG_STORE_ERROR_CORRUPT,
  WG_STORE_ERROR_CONSTRAINT,
  WG_STORE_ERROR_NOT_EMPTY,
  WG_STORE_ERROR_INVALID,
  WG_STORE_ERROR_CHANGED,   /* another desk saved the record since it was read */
} WgStoreError;

typedef enum
{
  WG_STORE_OPEN_FLAGS_DEFAULT = 0,
  WG_STORE_OPEN_FLAGS_CREATE = 1 << 0,
  WG_STORE_OPEN_FLAGS_READ_ONLY = 1 << 1,
} WgStoreOpenFlags;

struct _WgLevelCounts
{
  guint grids[6]; /* indexed by WgGridLevel; [0] unused */
  guint households;
  guint persons;
  guint away;
  guint returnees;
  guint monitoring;
  guint home_quarantine;
  guint central_quarantine;
  guint fever_today;
  guint nat_overdue;
  guint staff;
  guint sensors;
  guint open_alerts;
};

#define WG_TYPE_STORE (wg_store_get_type ())

G_DECLARE_FINAL_TYPE (WgStore, wg_store, WG, STORE, GObject)

GQuark      wg_store_error_quark        (void);
WgStore    *wg_store_open               (const char        *path,
                                         WgStoreOpenFlags   flags,
                                         GError           **error);
const char *wg_store_get_path           (WgStore           *self);
const char *wg_store_get_location       (WgStore           *self);
gboolean    wg_store_is_location_uri    (const char        *location);
char       *wg_store_server_location    (const char        *host,
                                         int                port,
                                         const char        *database,
                                         const char        *user,
                                         const char        *ca_file,
                                         const char        *password);
gboolean    wg_store_grant_roles        (WgStore           *self,
                                         GError           **error);
guint       wg_store_get_schema_version (WgStore           *self);
gboolean    wg_store_is_read_only       (WgStore           *self);
gboolean    wg_store_is_empty           (WgStore           *self);
gboolean    wg_store_is_demo            (WgStore           *self);
const char *wg_store_get_operator       (WgStore           *self);
void        wg_store_set_operator       (WgStore           *self,
                                         const char        *name);
gboolean    wg_store_check              (WgStore           *self,
                                         GError           **error);
gint64      wg_store_get_data_version   (WgStore           *self);
void        wg_store_watch              (WgStore           *self);
gboolean    wg_store_backup             (WgStore           *self,
                                         const char        *destination,
                                         GCancellable      *cancellable,
                                         GError           **error);
gboolean    wg_store_count              (WgStore           *self,
                                         const char        *today,
                                         WgLevelCounts     *counts,
                                         GError           **error);
gboolean    wg_store_count_grid         (WgStore           *self,
                                         const char        *code,
                                         const char        *today,
                                         WgLevelCounts     *counts,
                                         GError           **error);
char       *wg_store_dup_county_name    (WgStore           *self);
char       *wg_store_dup_county_code    (WgStore           *self);
char       *wg_store_dup_digest         (WgStore           *self,
                                         GError           **error);

char       *wg_default_database_path    (void);
char       *wg_configured_database_path (void);
char       *wg_today                    (void);

gint64   wg_store_count_rows      (WgStore              *store,
                                   const char           *table);

G_END_DECLS
