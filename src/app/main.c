/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "wg-application.h"
#include "wg-document.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WgApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* WANGGE_LOCALEDIR: the build tree's translations, for running uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("WANGGE_LOCALEDIR") ? g_getenv ("WANGGE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  wg_document_init_fonts ();

  g_set_application_name (_("Wangge"));

  app = wg_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
