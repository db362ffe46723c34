/* wg-idnum.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WG_VALIDATE_ERROR (wg_validate_error_quark ())

typedef enum
{
  WG_VALIDATE_ERROR_EMPTY,
  WG_VALIDATE_ERROR_LENGTH,
  WG_VALIDATE_ERROR_CHARACTERS,
  WG_VALIDATE_ERROR_REGION,
  WG_VALIDATE_ERROR_BIRTH_DATE,
  WG_VALIDATE_ERROR_CHECK_DIGIT,
  WG_VALIDATE_ERROR_LEGACY,
  WG_VALIDATE_ERROR_PHONE,
  WG_VALIDATE_ERROR_GRID_CODE,
  WG_VALIDATE_ERROR_RANGE,
} WgValidateError;

GQuark    wg_validate_error_quark       (void);

char      wg_id_number_check_digit      (const char  *first17);
gboolean  wg_id_number_validate         (const char  *id_number,
                                         const GDate *today,
                                         GError     **error);
gboolean  wg_id_number_get_birth_date   (const char  *id_number,
                                         GDate       *birth_date);
int       wg_id_number_get_sex          (const char  *id_number);
int       wg_id_number_get_age          (const char  *id_number,
                                         const GDate *on);
char     *wg_id_number_from_legacy      (const char  *legacy15);
char     *wg_id_number_normalize        (const char  *text);

gboolean  wg_phone_validate             (const char  *phone,
                                         GError     **error);

guint     wg_grid_code_length           (guint        level);
guint     wg_grid_code_get_level        (const char  *code);
gboolean  wg_grid_code_validate         (const char  *code,
                                         guint        level,
                                         GError     **error);
char     *wg_grid_code_child            (const char  *parent_code,
                                         guint        index);

gboolean  wg_day_is_valid               (const char  *text);
gboolean  wg_clock_parse                (const char  *text,
                                         int         *minutes);

G_END_DECLS
