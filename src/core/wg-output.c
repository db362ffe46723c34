/* wg-output.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files the CLI and the app write (PDFs, backups): the target checked before
 * any work — a folder, a device, a pipe or a socket is refused, never
 * replaced by a regular file —; written under a temporary name beside it
 * that carries the writer's process id, flushed to the disk and renamed
 * when whole; a full disk said to be the target's. A temporary file whose
 * writer died (killed outright, with no chance to clean up) is removed by
 * the next writer into that folder.
 */

#define G_LOG_DOMAIN "wg-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wg-output.h"

#define TEMP_PREFIX ".wangge-"

/**
 * wg_output_check_target:
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @path is a regular file or does not exist yet, in a
 *   folder that exists
 */
gboolean
wg_output_check_target (const char  *path,
                        GError     **error)
{
  g_autofree char *dir = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("Give the name of the file to write."));
      return FALSE;
    }
  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("“%s” is a folder: give the name of a file to write."), path);
          return FALSE;
        }
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("“%s” is not a regular file (a device, a pipe or a socket): choose a file to write."),
                       path);
          return FALSE;
        }
    }
  dir = g_path_get_dirname (path);
  if (g_stat (dir, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist."), dir);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Cannot write into the folder “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * wg_output_set_write_error:
 * @saved_errno: what writing failed with
 * @path: the file being written (not its temporary name)
 * @error: return location for a #GError
 *
 * Returns: %FALSE, always, with @error set in the target's words
 */
gboolean
wg_output_set_write_error (int          saved_errno,
                           const char  *path,
                           GError     **error)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The disk holding “%s” is full. Free some space and try again."), path);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * wg_output_make_temp:
 * @path: the file to write
 * @kind: a word for the name ("pdf", "backup")
 * @fd: (out) (optional): the open file; closed when %NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a new empty file beside @path, hidden, named
 *   after this process
 */
char *
wg_output_make_temp (const char  *path,
                     const char  *kind,
                     int         *fd,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_strdup_printf (TEMP_PREFIX "%s-%d-XXXXXX", kind, (int) getpid ());
  g_autofree char *tmp_path = g_build_filename (dir, name, NULL);
  int tmp_fd = g_mkstemp (tmp_path);

  if (tmp_fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write into the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  if (fd != NULL)
    *fd = tmp_fd;
  else
    close (tmp_fd);
  return g_steal_pointer (&tmp_path);
}

/**
 * wg_output_commit:
 * @tmp_path: the temporary file, whole
 * @fd: its descriptor, or -1 (it is then opened to be flushed)
 * @path: the file it becomes
 * @error: return location for a #GError
 *
 * Flushes @tmp_path to the disk (a full disk may only say so now), makes it
 * readable like any file the user saves, and renames it to @path. On
 * failure the temporary file is removed. Closes @fd either way.
 *
 * Returns: %TRUE when @path holds it
 */
gboolean
wg_output_commit (const char  *tmp_path,
                  int          fd,
                  const char  *path,
                  GError     **error)
{
  int saved = 0;

  if (fd < 0)
    fd = g_open (tmp_path, O_RDWR, 0);
  if (fd < 0 || fsync (fd) != 0)
    saved = errno;
  if (fd >= 0 && close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && g_chmod (tmp_path, 0644) != 0)
    saved = errno;
  if (saved == 0 && g_rename (tmp_path, path) != 0)
    saved = errno;
  if (saved != 0)
    {
      g_unlink (tmp_path);
      return wg_output_set_write_error (saved, path, error);
    }
  return TRUE;
}

/* Whether a process of that id is running (or may be: another user's). */
static gboolean
process_alive (int pid)
{
  return pid == (int) getpid () || kill (pid, 0) == 0 || errno != ESRCH;
}

/**
 * wg_output_remove_leftovers:
 * @path: a file about to be written
 *
 * Removes the temporary files that writers into @path's folder left when
 * they were killed outright: those named after a process that is gone (and
 * their SQLite journals).
 */
void
wg_output_remove_leftovers (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      const char *dash;
      guint64 pid = 0;
      char *end = NULL;

      if (!g_str_has_prefix (name, TEMP_PREFIX))
        continue;
      /* .wangge-<kind>-<pid>-XXXXXX[-journal] */
      dash = strchr (name + strlen (TEMP_PREFIX), '-');
      if (dash == NULL)
        continue;
      pid = g_ascii_strtoull (dash + 1, &end, 10);
      if (pid == 0 || pid > G_MAXINT || end == NULL || *end != '-' || process_alive ((int) pid))
        continue;
      {
        g_autofree char *leftover = g_build_filename (dir, name, NULL);

        g_debug ("Removing %s, left by process %" G_GUINT64_FORMAT, leftover, pid);
        g_unlink (leftover);
      }
    }
}
