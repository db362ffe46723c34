/* wg-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-label.h"
#include "wg-store.h"

G_BEGIN_DECLS

typedef enum
{
  WG_SEARCH_KIND_PERSON = 1,
  WG_SEARCH_KIND_HOUSEHOLD = 2,
  WG_SEARCH_KIND_GRID = 3,
  WG_SEARCH_KIND_LABEL = 4, /* a label payload that names no household */
} WgSearchKind;

struct _WgSearchResult
{
  WgSearchKind kind;
  gint64 id;
  char *title;  /* name, household code or grid name */
  char *detail; /* ID number, address or grid code; for labels, what verification found */
  char *location; /* where: the person's address; NULL for others */
  char *grid_code; /* the micro-grid of a person or household; a grid's own code */
  gboolean is_label;          /* the query was a scanned household label */
  WgLabelStatus label_status; /* then: genuine, outdated, forged, gone or malformed */
};

void       wg_search_result_free (WgSearchResult *result);
GPtrArray *wg_store_search       (WgStore        *store,
                                  const char     *query,
                                  guint           limit,
                                  GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WgSearchResult, wg_search_result_free)

guint      wg_store_count_search (WgStore        *store,
                                  const char     *query,
                                  guint           cap,
                                  GError        **error);

G_END_DECLS
