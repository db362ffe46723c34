/* wg-sampling-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_TYPE_SAMPLING_WINDOW (wg_sampling_window_get_type ())

G_DECLARE_FINAL_TYPE (WgSamplingWindow, wg_sampling_window, WG, SAMPLING_WINDOW, AdwWindow)

WgSamplingWindow *wg_sampling_window_new             (WgStore          *store);
void              wg_sampling_window_load_file       (WgSamplingWindow *self,
                                                      const char       *path);

/* For the tests. */
void              wg_sampling_window_set_round       (WgSamplingWindow *self,
                                                      const char       *sampled,
                                                      const char       *institution,
                                                      const char       *results);
guint             wg_sampling_window_get_n_positives (WgSamplingWindow *self);
char             *wg_sampling_window_dup_results     (WgSamplingWindow *self);

G_END_DECLS
