/* wg-desk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "wg-desk.h"

/* A toast that stays long enough to read a refusal's reason. */
void
wg_desk_toast (AdwToastOverlay *overlay,
               const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (overlay, toast);
}

gboolean
wg_desk_day_is_valid (const char *text)
{
  GDate date;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date);
}

/* Now, as the store writes times. */
char *
wg_desk_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

char *
wg_desk_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

typedef struct
{
  AdwToastOverlay *overlay;
  WgDeskDayFunc func;
  gpointer window;
} DayEntry;

static void
on_day_activate_cb (GtkEntry *entry,
                    DayEntry *data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (!wg_desk_day_is_valid (text))
    {
      wg_desk_toast (data->overlay, _("Write the day as YYYY-MM-DD."));
      return;
    }
  data->func (data->window, text);
}

static void
day_entry_free (gpointer  data,
                GClosure *closure)
{
  g_free (data);
}

/* The header's day: typed as YYYY-MM-DD, shown by @func on Enter; a day
 * that is not one is said so in @overlay. */
GtkWidget *
wg_desk_day_entry_new (const char      *day,
                       AdwToastOverlay *overlay,
                       WgDeskDayFunc    func,
                       gpointer         window)
{
  GtkWidget *entry = gtk_entry_new ();
  DayEntry *data = g_new0 (DayEntry, 1);

  data->overlay = overlay;
  data->func = func;
  data->window = window;
  gtk_editable_set_text (GTK_EDITABLE (entry), day);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
  gtk_widget_set_tooltip_text (entry, _("The day shown (YYYY-MM-DD, Enter to show it)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Day"), -1);
  g_signal_connect_data (entry, "activate", G_CALLBACK (on_day_activate_cb), data, day_entry_free, 0);
  return entry;
}

/* Keeps @day in the window's @field and its entry. */
void
wg_desk_show_day (GtkWidget  *entry,
                  char      **field,
                  const char *day)
{
  g_return_if_fail (wg_desk_day_is_valid (day));

  if (*field != day)
    {
      g_free (*field);
      *field = g_strdup (day);
    }
  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), day))
    gtk_editable_set_text (GTK_EDITABLE (entry), day);
}

/* A button on a row that runs @action on the object @id names, whatever
 * the row's position when it is pressed. */
GtkWidget *
wg_desk_id_button_new (const char *label,
                       const char *tooltip,
                       const char *action,
                       gint64      id)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  return button;
}

/* A list of rows in the boxed style, nothing selected. */
GtkWidget *
wg_desk_boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

void
wg_desk_clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

/* A row's title and subtitle, as plain text. */
GtkWidget *
wg_desk_row_new (const char *title,
                 const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* The day @n days after @day (both YYYY-MM-DD). */
char *
wg_desk_day_after (const char *day,
                   guint       n)
{
  GDate date;
  char text[11];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  g_date_add_days (&date, n);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}
