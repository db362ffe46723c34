/* wg-count-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WG_TYPE_COUNT_CARD (wg_count_card_get_type ())

G_DECLARE_FINAL_TYPE (WgCountCard, wg_count_card, WG, COUNT_CARD, GtkWidget)

GtkWidget  *wg_count_card_new       (const char  *title,
                                     guint        count);
const char *wg_count_card_get_title (WgCountCard *self);
void        wg_count_card_set_title (WgCountCard *self,
                                     const char  *title);
guint       wg_count_card_get_count (WgCountCard *self);
void        wg_count_card_set_count (WgCountCard *self,
                                     guint        count);

G_END_DECLS
