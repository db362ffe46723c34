/* wg-label.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wg-store.h"

G_BEGIN_DECLS

/* What scanning a household label tells. */
typedef enum
{
  WG_LABEL_STATUS_VALID,      /* signed with the current key, household exists */
  WG_LABEL_STATUS_OUTDATED,   /* signed with a retired key: reprint it */
  WG_LABEL_STATUS_FORGED,     /* no key of this database signed it */
  WG_LABEL_STATUS_GONE,       /* genuine, but the household no longer exists */
  WG_LABEL_STATUS_MALFORMED,  /* not a Wangge label at all */
} WgLabelStatus;

#define WG_LABEL_PREFIX "WG1:"
#define WG_LABEL_SIGNATURE_LENGTH 10

char          *wg_label_sign            (GBytes        *key,
                                         const char    *household_code);
char          *wg_label_payload         (GBytes        *key,
                                         const char    *household_code);
gboolean       wg_label_looks_like      (const char    *text);
WgLabelStatus  wg_label_verify    (WgStore       *store,
                                   const char    *payload,
                                   char         **household_code,
                                   gint64        *household_id,
                                   GError       **error);
const char    *wg_label_status_describe (WgLabelStatus  status);

G_END_DECLS
