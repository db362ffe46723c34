/* wg-returnee-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

GtkWidget *wg_returnee_form_new (GtkWidget  *parent,
                                 WgStore    *store,
                                 const char *grid_code);

G_END_DECLS
