/* test-idnum.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wg-idnum.h"

static GDate today;

static void
test_valid_numbers (void)
{
  /* Real-shaped numbers whose check digits were computed by hand with the
   * GB 11643 weights, including an X. */
  static const struct
  {
    const char *id;
    int sex;
    const char *birth;
  } valid[] = {
    { "11010519491231002X", 2, "1949-12-31" },
    { "141021198003150013", 1, "1980-03-15" },
    { "440524188001010014", 1, "1880-01-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate birth;
      char text[11];

      if (g_str_has_prefix (valid[i].birth, "18"))
        {
          /* Before 1900: refused as an impossible birth date. */
          g_assert_false (wg_id_number_validate (valid[i].id, &today, &error));
          g_assert_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_BIRTH_DATE);
          continue;
        }

      g_assert_true (wg_id_number_validate (valid[i].id, &today, &error));
      g_assert_no_error (error);
      g_assert_cmpint (wg_id_number_get_sex (valid[i].id), ==, valid[i].sex);
      g_assert_true (wg_id_number_get_birth_date (valid[i].id, &birth));
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &birth);
      g_assert_cmpstr (text, ==, valid[i].birth);
    }
}

static void
test_check_digit (void)
{
  g_assert_cmpint (wg_id_number_check_digit ("11010519491231002"), ==, 'X');
  g_assert_cmpint (wg_id_number_check_digit ("14102119800315001"), ==, '3');
}

static void
test_invalid_numbers (void)
{
  static const struct
  {
    const char *id;
    int code;
  } invalid[] = {
    { "", WG_VALIDATE_ERROR_EMPTY },
    { "110105194912310021", WG_VALIDATE_ERROR_CHECK_DIGIT },  /* wrong check digit */
    { "141021198003150017", WG_VALIDATE_ERROR_CHECK_DIGIT },
    { "141021198002300015", WG_VALIDATE_ERROR_BIRTH_DATE },   /* 30 February */
    { "141021198013010016", WG_VALIDATE_ERROR_BIRTH_DATE },   /* month 13 */
    { "141021209901010010", WG_VALIDATE_ERROR_BIRTH_DATE },   /* in the future */
    { "991021198003150012", WG_VALIDATE_ERROR_REGION },       /* no province 99 */
    { "000000198003150012", WG_VALIDATE_ERROR_REGION },
    { "140000198003150012", WG_VALIDATE_ERROR_REGION },
    { "141021800315001", WG_VALIDATE_ERROR_LEGACY },          /* 15-digit first generation */
    { "14102119800315001", WG_VALIDATE_ERROR_LENGTH },
    { "1410211980031500138", WG_VALIDATE_ERROR_LENGTH },
    { "14102119800315001Y", WG_VALIDATE_ERROR_CHARACTERS },
    { "1410211980A315001X", WG_VALIDATE_ERROR_CHARACTERS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", invalid[i].id);
      g_assert_false (wg_id_number_validate (invalid[i].id, &today, &error));
      g_assert_error (error, WG_VALIDATE_ERROR, invalid[i].code);
      g_assert_nonnull (error->message);
    }
}

static void
test_legacy (void)
{
  g_autofree char *upgraded = wg_id_number_from_legacy ("141021800315001");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (upgraded, ==, "141021198003150013");
  g_assert_true (wg_id_number_validate (upgraded, &today, NULL));

  g_assert_false (wg_id_number_validate ("141021800315001", &today, &error));
  g_assert_nonnull (strstr (error->message, "141021198003150013"));
}

static void
test_age (void)
{
  GDate on;

  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 14, 3, 2022);
  g_assert_cmpint (wg_id_number_get_age ("141021198003150013", &on), ==, 41);
  g_date_set_dmy (&on, 15, 3, 2022);
  g_assert_cmpint (wg_id_number_get_age ("141021198003150013", &on), ==, 42);
}

static void
test_normalize (void)
{
  g_autofree char *id = wg_id_number_normalize (" 11010519491231002x ");

  g_assert_cmpstr (id, ==, "11010519491231002X");
}

static void
test_phone (void)
{
  static const char *const good[] = { "13912345678", "19800000000", "0357-5221001", "03575221001",
                                      "010-12345678" };
  static const char *const bad[] = { "12912345678", "1391234567", "139123456789", "phone",
                                     "0357-0221001", "357-5221001", "" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (wg_phone_validate (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (wg_phone_validate (bad[i], &error));
      g_assert_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_PHONE);
    }
}

static void
test_grid_codes (void)
{
  g_autofree char *township = wg_grid_code_child ("141021", 1);
  g_autofree char *village = wg_grid_code_child (township, 12);
  g_autofree char *group = wg_grid_code_child (village, 3);
  g_autofree char *micro = wg_grid_code_child (group, 7);
  g_autofree char *too_many = wg_grid_code_child (group, 100);

  g_assert_cmpstr (township, ==, "141021100");
  g_assert_cmpstr (village, ==, "141021100211");
  g_assert_cmpstr (group, ==, "14102110021103");
  g_assert_cmpstr (micro, ==, "1410211002110307");
  g_assert_null (too_many);

  g_assert_cmpuint (wg_grid_code_get_level ("141021"), ==, 1);
  g_assert_cmpuint (wg_grid_code_get_level (micro), ==, 5);
  g_assert_cmpuint (wg_grid_code_get_level ("14102A"), ==, 0);
  g_assert_cmpuint (wg_grid_code_get_level ("1410211"), ==, 0);
  g_assert_true (wg_grid_code_validate (village, 3, NULL));
  g_assert_false (wg_grid_code_validate (village, 4, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 29, 11, 2026);

  g_test_add_func ("/wg/idnum/valid", test_valid_numbers);
  g_test_add_func ("/wg/idnum/check-digit", test_check_digit);
  g_test_add_func ("/wg/idnum/invalid", test_invalid_numbers);
  g_test_add_func ("/wg/idnum/legacy", test_legacy);
  g_test_add_func ("/wg/idnum/age", test_age);
  g_test_add_func ("/wg/idnum/normalize", test_normalize);
  g_test_add_func ("/wg/idnum/phone", test_phone);
  g_test_add_func ("/wg/idnum/grid-codes", test_grid_codes);

  return g_test_run ();
}
