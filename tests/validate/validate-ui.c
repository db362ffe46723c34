/* validate-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads every .ui file given on the command line the way the application
 * does, against the GTK 4.8 and libadwaita 1.2 actually installed. Unknown
 * classes, properties or signals are criticals, made fatal here.
 * gtk4-builder-tool cannot do this: it does not know libadwaita's types.
 */

#include "config.h"

#include <adwaita.h>

#include "wg-alert-row.h"
#include "wg-application.h"
#include "wg-count-card.h"
#include "wg-grid-page.h"
#include "wg-grid-row.h"
#include "wg-household-page.h"
#include "wg-person-page.h"
#include "wg-preferences-window.h"
#include "wg-print-view.h"
#include "wg-round-view.h"
#include "wg-window.h"

static char *
template_class (const char *contents)
{
  const char *start = strstr (contents, "<template class=\"");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("<template class=\"");
  end = strchr (start, '"');
  return end != NULL ? g_strndup (start, end - start) : NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WgApplication) app = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (!gtk_init_check ())
    {
      g_printerr ("validate-ui: no display\n");
      return 1;
    }
  adw_init ();

  /* Registers the resources and the template classes. */
  app = wg_application_new (G_APPLICATION_NON_UNIQUE);
  g_type_ensure (WG_TYPE_WINDOW);
  g_type_ensure (WG_TYPE_ALERT_ROW);
  g_type_ensure (WG_TYPE_COUNT_CARD);
  g_type_ensure (WG_TYPE_GRID_PAGE);
  g_type_ensure (WG_TYPE_GRID_ROW);
  g_type_ensure (WG_TYPE_HOUSEHOLD_PAGE);
  g_type_ensure (WG_TYPE_PERSON_PAGE);
  g_type_ensure (WG_TYPE_PREFERENCES_WINDOW);
  g_type_ensure (WG_TYPE_PRINT_VIEW);
  g_type_ensure (WG_TYPE_ROUND_VIEW);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *klass = NULL;

      if (!g_file_get_contents (argv[i], &contents, NULL, &error))
        {
          g_printerr ("%s: %s\n", argv[i], error->message);
          return 1;
        }

      klass = template_class (contents);
      if (klass != NULL)
        {
          GType type = g_type_from_name (klass);
          GObject *object;

          if (type == 0)
            {
              g_printerr ("%s: template class %s is not a type of this program\n", argv[i], klass);
              return 1;
            }
          /* Instantiating the class builds its template from the resource,
           * which is this very file compiled in. */
          if (G_TYPE_IS_ABSTRACT (type) || !g_type_is_a (type, GTK_TYPE_WIDGET))
            continue;
          if (g_type_is_a (type, WG_TYPE_PREFERENCES_WINDOW))
            object = g_object_new (type, "settings", g_settings_new (APP_ID), NULL);
          else
            object = g_object_ref_sink (g_object_new (type, NULL));

          if (GTK_IS_WINDOW (object))
            gtk_window_destroy (GTK_WINDOW (object));
          else
            g_object_unref (object);
        }
      else
        {
          g_autoptr(GtkBuilder) builder = gtk_builder_new ();

          if (!gtk_builder_add_from_string (builder, contents, -1, &error))
            {
              g_printerr ("%s: %s\n", argv[i], error->message);
              return 1;
            }
        }
      g_print ("%s: ok\n", argv[i]);
    }

  return 0;
}
