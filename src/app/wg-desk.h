/* wg-desk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the quarantine desk's windows share: their toasts, a day typed in
 * the header, the buttons on rows that name their object by id.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       wg_desk_toast          (AdwToastOverlay *overlay,
                                   const char      *message);
gboolean   wg_desk_day_is_valid   (const char      *text);
char      *wg_desk_now            (void);
char      *wg_desk_today          (void);
char      *wg_desk_day_after      (const char      *day,
                                   guint            n);
/* Shows @window on @day (a valid YYYY-MM-DD). */
typedef void (*WgDeskDayFunc) (gpointer    window,
                               const char *day);

GtkWidget *wg_desk_day_entry_new  (const char      *day,
                                   AdwToastOverlay *overlay,
                                   WgDeskDayFunc    func,
                                   gpointer         window);
void       wg_desk_show_day       (GtkWidget       *entry,
                                   char           **field,
                                   const char      *day);
GtkWidget *wg_desk_id_button_new  (const char      *label,
                                   const char      *tooltip,
                                   const char      *action,
                                   gint64           id);

GtkWidget *wg_desk_boxed_list_new (void);
void       wg_desk_clear_list     (GtkWidget       *list);
GtkWidget *wg_desk_row_new        (const char      *title,
                                   const char      *subtitle);

G_END_DECLS
