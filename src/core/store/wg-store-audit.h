/* wg-store-audit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *at;
  char *operator_name;
  char *action;
  char *entity;
  gint64 entity_id;
  char *detail;
} WgAuditEntry;

void       wg_audit_entry_free (WgAuditEntry  *entry);
GPtrArray *wg_store_list_audit (WgStore       *store,
                                const char    *entity,
                                gint64         entity_id,
                                GError       **error);

gboolean wg_store_log_export (WgStore     *self,
                              const char  *what,
                              const char  *detail,
                              GError     **error);

G_END_DECLS
