/* wg-idnum.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resident ID numbers (GB 11643-1999), phone numbers and grid codes.
 */

#define G_LOG_DOMAIN "wg-idnum"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-idnum.h"

G_DEFINE_QUARK (wg-validate-error-quark, wg_validate_error)

/* Province-level codes of GB/T 2260, the first two digits of a region code. */
static const guint8 provinces[] = {
  11, 12, 13, 14, 15,
  21, 22, 23,
  31, 32, 33, 34, 35, 36, 37,
  41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54,
  61, 62, 63, 64, 65,
  71, 81, 82,
};

/* Digits appended per level below the county's six (DESIGN.md, Domain):
 * township 3, village 3, group 2, micro-grid 2. */
static const guint8 code_lengths[] = { 0, 6, 9, 12, 14, 16 };

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * wg_id_number_check_digit:
 * @first17: the first 17 digits of an ID number
 *
 * Returns: the check character ('0'–'9' or 'X') of ISO 7064 MOD 11-2
 */
char
wg_id_number_check_digit (const char *first17)
{
  static const char check[] = "10X98765432";
  guint sum = 0;

  g_return_val_if_fail (first17 != NULL, '?');

  for (guint i = 0; i < 17; i++)
    {
      /* The weight of position i is 2^(17-i) mod 11. */
      guint weight = (1u << (17 - i)) % 11;

      g_return_val_if_fail (g_ascii_isdigit (first17[i]), '?');
      sum += (first17[i] - '0') * weight;
    }

  return check[sum % 11];
}

/**
 * wg_id_number_normalize:
 * @text: an ID number as typed or imported
 *
 * Returns: (transfer full): @text without surrounding space, with a
 *   lowercase x made uppercase
 */
char *
wg_id_number_normalize (const char *text)
{
  char *s;

  g_return_val_if_fail (text != NULL, NULL);

  s = g_strstrip (g_strdup (text));
  if (strlen (s) == 18 && s[17] == 'x')
    s[17] = 'X';
  return s;
}

gboolean
wg_id_number_get_birth_date (const char *id_number,
                             GDate      *birth_date)
{
  guint year, month, day;

  g_return_val_if_fail (id_number != NULL, FALSE);
  g_return_val_if_fail (birth_date != NULL, FALSE);

  if (strlen (id_number) < 14 || !all_digits (id_number + 6, 8))
    return FALSE;

  year = (id_number[6] - '0') * 1000 + (id_number[7] - '0') * 100 +
         (id_number[8] - '0') * 10 + (id_number[9] - '0');
  month = (id_number[10] - '0') * 10 + (id_number[11] - '0');
  day = (id_number[12] - '0') * 10 + (id_number[13] - '0');

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (birth_date, 1);
  g_date_set_dmy (birth_date, day, month, year);
  return TRUE;
}

/**
 * wg_id_number_get_sex:
 * @id_number: a valid ID number
 *
 * Returns: 1 for male, 2 for female (odd or even 17th digit), 0 if unknown
 */
int
wg_id_number_get_sex (const char *id_number)
{
  g_return_val_if_fail (id_number != NULL, 0);

  if (strlen (id_number) < 17 || !g_ascii_isdigit (id_number[16]))
    return 0;
  return ((id_number[16] - '0') % 2) ? 1 : 2;
}

/**
 * wg_id_number_get_age:
 * @id_number: a valid ID number
 * @on: the day to count the age on
 *
 * Returns: the age in whole years on @on, or -1
 */
int
wg_id_number_get_age (const char  *id_number,
                      const GDate *on)
{
  GDate birth;
  int age;

  g_return_val_if_fail (on != NULL && g_date_valid (on), -1);

  if (!wg_id_number_get_birth_date (id_number, &birth))
    return -1;

  age = g_date_get_year (on) - g_date_get_year (&birth);
  if (g_date_get_month (on) < g_date_get_month (&birth) ||
      (g_date_get_month (on) == g_date_get_month (&birth) &&
       g_date_get_day (on) < g_date_get_day (&birth)))
    age--;
  return age;
}

/**
 * wg_id_number_from_legacy:
 * @legacy15: a 15-digit first-generation ID number
 *
 * Returns: (transfer full) (nullable): the 18-digit number it became, with
 *   the century inserted and the check digit appended
 */
char *
wg_id_number_from_legacy (const char *legacy15)
{
  char buf[19];

  g_return_val_if_fail (legacy15 != NULL, NULL);

  if (strlen (legacy15) != 15 || !all_digits (legacy15, 15))
    return NULL;

  memcpy (buf, legacy15, 6);
  buf[6] = '1';
  buf[7] = '9';
  memcpy (buf + 8, legacy15 + 6, 9);
  buf[17] = wg_id_number_check_digit (buf);
  buf[18] = '\0';
  return g_strdup (buf);
}

/**
 * wg_id_number_validate:
 * @id_number: an 18-character resident ID number
 * @today: (nullable): the day to check the birth date against; %NULL for today
 * @error: return location for a #GError in %WG_VALIDATE_ERROR
 *
 * Checks length, characters, region, birth date and check digit, and says in
 * the error which of them is wrong.
 *
 * Returns: %TRUE when @id_number is valid
 */
gboolean
wg_id_number_validate (const char   *id_number,
                       const GDate  *today,
                       GError      **error)
{
  gsize len;
  guint province;
  GDate birth;
  GDate now;
  char expected;

  if (id_number == NULL || *id_number == '\0')
    {
      g_set_error_literal (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_EMPTY,
                           _("The ID number is missing."));
      return FALSE;
    }

  len = strlen (id_number);

  if (len == 15 && all_digits (id_number, 15))
    {
      g_autofree char *upgraded = wg_id_number_from_legacy (id_number);

      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_LEGACY,
                   _("This is an old 15-digit ID number. Enter the 18-digit number (probably %s)."),
                   upgraded);
      return FALSE;
    }

  if (len != 18)
    {
      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_LENGTH,
                   _("An ID number has 18 characters, not %u."), (guint) g_utf8_strlen (id_number, -1));
      return FALSE;
    }

  if (!all_digits (id_number, 17) || !(g_ascii_isdigit (id_number[17]) || id_number[17] == 'X'))
    {
      g_set_error_literal (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_CHARACTERS,
                           _("An ID number has 17 digits followed by a digit or X."));
      return FALSE;
    }

  province = (id_number[0] - '0') * 10 + (id_number[1] - '0');
  if (memchr (provinces, province, sizeof provinces) == NULL ||
      (id_number[2] == '0' && id_number[3] == '0' && id_number[4] == '0' && id_number[5] == '0' &&
       province != 71 && province != 81 && province != 82))
    {
      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_REGION,
                   _("The region code %.6s at the start of the ID number does not exist."), id_number);
      return FALSE;
    }

  if (today != NULL)
    now = *today;
  else
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
    }

  if (!wg_id_number_get_birth_date (id_number, &birth) ||
      g_date_get_year (&birth) < 1900 || g_date_compare (&birth, &now) > 0)
    {
      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_BIRTH_DATE,
                   _("The birth date %.4s-%.2s-%.2s in the ID number is impossible."),
                   id_number + 6, id_number + 10, id_number + 12);
      return FALSE;
    }

  expected = wg_id_number_check_digit (id_number);
  if (expected != id_number[17])
    {
      g_set_error_literal (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_CHECK_DIGIT,
                           _("The ID number's check digit is wrong. Check each digit again."));
      return FALSE;
    }

  return TRUE;
}

/**
 * wg_phone_validate:
 * @phone: a mobile number (11 digits) or a landline with its area code
 * @error: return location for a #GError in %WG_VALIDATE_ERROR
 *
 * Returns: %TRUE when @phone is a plausible mainland number
 */
gboolean
wg_phone_validate (const char  *phone,
                   GError     **error)
{
  gsize len;

  g_return_val_if_fail (phone != NULL, FALSE);

  len = strlen (phone);

  if (len == 11 && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9' && all_digits (phone, 11))
    return TRUE;

  /* Landline: 0 + area code of 2–3 digits, optional hyphen, 7–8 digits. */
  if (len >= 10 && phone[0] == '0')
    {
      const char *hyphen = strchr (phone, '-');

      if (hyphen != NULL)
        {
          gsize area = hyphen - phone;
          gsize local = len - area - 1;

          if (area >= 3 && area <= 4 && all_digits (phone, area) &&
              local >= 7 && local <= 8 && all_digits (hyphen + 1, local) && hyphen[1] != '0')
            return TRUE;
        }
      else if (len >= 10 && len <= 12 && all_digits (phone, len))
        return TRUE;
    }

  g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_PHONE,
               _("“%s” is not a phone number. Enter 11 digits for a mobile, or the area code and number for a landline (0357-1234567)."),
               phone);
  return FALSE;
}

/**
 * wg_grid_code_length:
 * @level: a grid level, 1 to 5
 *
 * Returns: the number of digits in a code at @level
 */
guint
wg_grid_code_length (guint level)
{
  g_return_val_if_fail (level >= 1 && level <= 5, 0);

  return code_lengths[level];
}

/**
 * wg_grid_code_get_level:
 * @code: a grid code
 *
 * Returns: the level a code of this shape belongs to, or 0
 */
guint
wg_grid_code_get_level (const char *code)
{
  gsize len;

  g_return_val_if_fail (code != NULL, 0);

  len = strlen (code);
  if (!all_digits (code, len))
    return 0;
  for (guint level = 1; level <= 5; level++)
    if (code_lengths[level] == len)
      return level;
  return 0;
}

gboolean
wg_grid_code_validate (const char  *code,
                       guint        level,
                       GError     **error)
{
  g_return_val_if_fail (level >= 1 && level <= 5, FALSE);

  if (code == NULL || wg_grid_code_get_level (code) != level)
    {
      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_GRID_CODE,
                   _("A level-%u grid code has %u digits."), level, code_lengths[level]);
      return FALSE;
    }
  return TRUE;
}

/**
 * wg_grid_code_child:
 * @parent_code: the code of a grid at levels 1 to 4
 * @index: the child's number, from 1
 *
 * Returns: (transfer full) (nullable): the code of the child, or %NULL when
 *   @index does not fit in the level's digits
 */
char *
wg_grid_code_child (const char *parent_code,
                    guint       index)
{
  guint level;
  guint digits;

  g_return_val_if_fail (parent_code != NULL, NULL);

  level = wg_grid_code_get_level (parent_code);
  g_return_val_if_fail (level >= 1 && level <= 4, NULL);

  digits = code_lengths[level + 1] - code_lengths[level];
  if (index == 0 || index >= (digits == 3 ? 1000u : 100u))
    return NULL;

  /* Townships and villages follow the statistical division codes, which
   * number from 100 and 200; groups and micro-grids simply count. */
  if (level <= 2)
    {
      guint number = (level == 1 ? 100 : 200) + index - 1;

      if (number > 999)
        return NULL;
      return g_strdup_printf ("%s%03u", parent_code, number);
    }
  return g_strdup_printf ("%s%02u", parent_code, index);
}

/**
 * wg_day_is_valid:
 * @text: (nullable): a day as typed
 *
 * Returns: %TRUE for a day written YYYY-MM-DD that exists, from 1900
 */
gboolean
wg_day_is_valid (const char *text)
{
  int year, month, day, end = 0;

  return text != NULL && sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &end) == 3 &&
         end == 10 && text[end] == '\0' && year >= 1900 && g_date_valid_dmy (day, month, year);
}

/**
 * wg_clock_parse:
 * @text: (nullable): a time of day as typed, HH:MM
 * @minutes: (out) (optional): the minutes since midnight
 *
 * Returns: %TRUE for a time of day from 00:00 to 23:59
 */
gboolean
wg_clock_parse (const char *text,
                int        *minutes)
{
  int hour, minute, end = 0;

  if (text == NULL || sscanf (text, "%2d:%2d%n", &hour, &minute, &end) != 2 || text[end] != '\0' ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return FALSE;
  if (minutes != NULL)
    *minutes = hour * 60 + minute;
  return TRUE;
}
