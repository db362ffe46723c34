/* wg-print-operation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wg-document.h"

G_BEGIN_DECLS

#define WG_TYPE_PRINT_OPERATION (wg_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (WgPrintOperation, wg_print_operation, WG, PRINT_OPERATION, GtkPrintOperation)

WgPrintOperation *wg_print_operation_new          (WgDocument       *document);
WgDocument       *wg_print_operation_get_document (WgPrintOperation *self);

G_END_DECLS
