/* wg-store-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

GBytes    *wg_store_dup_signing_key          (WgStore     *self,
                                              GError     **error);
GPtrArray *wg_store_dup_retired_signing_keys (WgStore     *self,
                                              GError     **error);
gboolean   wg_store_rotate_signing_key       (WgStore     *self,
                                              GError     **error);
GStrv      wg_store_list_setting_keys        (void);
char      *wg_store_dup_setting              (WgStore     *self,
                                              const char  *key,
                                              GError     **error);
gboolean   wg_store_set_setting              (WgStore     *self,
                                              const char  *key,
                                              const char  *value,
                                              GError     **error);

char     *wg_poster_url_expand            (const char  *url_template,
                                           const char  *grid_code,
                                           const char  *grid_name);
gboolean  wg_poster_url_template_validate (const char  *url_template,
                                           GError     **error);

G_END_DECLS
