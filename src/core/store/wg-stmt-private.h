/* wg-stmt-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside the statement layer: what each engine implements. A statement is
 * an engine's own struct beginning with a WgStmt.
 */

#pragma once

#include "wg-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  void          (*free)            (WgStmt     *stmt);
  void          (*bind_text)       (WgStmt     *stmt,
                                    int         index,
                                    const char *text,
                                    gboolean    copy);
  void          (*bind_int64)      (WgStmt     *stmt,
                                    int         index,
                                    gint64      value);
  void          (*bind_double)     (WgStmt     *stmt,
                                    int         index,
                                    double      value);
  void          (*bind_null)       (WgStmt     *stmt,
                                    int         index);
  void          (*bind_blob)       (WgStmt     *stmt,
                                    int         index,
                                    const void *data,
                                    gsize       size);
  int           (*parameter_count) (WgStmt     *stmt);
  int           (*step)            (WgStmt     *stmt);
  void          (*reset)           (WgStmt     *stmt);
  void          (*clear_bindings)  (WgStmt     *stmt);
  int           (*column_count)    (WgStmt     *stmt);
  const char   *(*column_text)     (WgStmt     *stmt,
                                    int         column);
  gint64        (*column_int64)    (WgStmt     *stmt,
                                    int         column);
  double        (*column_double)   (WgStmt     *stmt,
                                    int         column);
  WgColumnKind  (*column_kind)     (WgStmt     *stmt,
                                    int         column);
  const void   *(*column_blob)     (WgStmt     *stmt,
                                    int         column);
  gsize         (*column_bytes)    (WgStmt     *stmt,
                                    int         column);
} WgStmtOps;

struct _WgStmt
{
  const WgStmtOps *ops;
};

G_END_DECLS
