/* wg-output.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  wg_output_check_target      (const char  *path,
                                       GError     **error);
char     *wg_output_make_temp         (const char  *path,
                                       const char  *kind,
                                       int         *fd,
                                       GError     **error);
void      wg_output_remove_leftovers  (const char  *path);
gboolean  wg_output_set_write_error   (int          saved_errno,
                                       const char  *path,
                                       GError     **error);
gboolean  wg_output_commit            (const char  *tmp_path,
                                       int          fd,
                                       const char  *path,
                                       GError     **error);

G_END_DECLS
