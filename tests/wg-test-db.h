/* wg-test-db.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  wg_test_on_server (void);
char     *wg_test_database  (const char *dir,
                             const char *name);
char     *wg_test_digest    (const char *location);
char     *wg_test_clone     (const char *location,
                             const char *dir,
                             const char *name);

gint64    wg_test_sql_int   (const char *location,
                             const char *sql);

G_END_DECLS
