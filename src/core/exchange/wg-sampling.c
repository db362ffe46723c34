/* wg-sampling.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sampling round's results as the desk gets them: a list of ID numbers
 * and results — a spreadsheet from the testing institution, or lines typed
 * or pasted at the desk — read into samples for wg_store_record_sampling (),
 * which records all of them or none. A header line above the results is
 * skipped; any other line that is not an ID number and a result refuses
 * the whole list, naming its line.
 */

#define G_LOG_DOMAIN "wg-sampling"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-idnum.h"
#include "wg-sampling.h"

/**
 * wg_nat_result_parse:
 * @text: a result as written: 阴性, 阳性, 待定, their English words, or 1, 2, 0
 * @result: (out): the result
 *
 * Returns: whether @text is a result
 */
gboolean
wg_nat_result_parse (const char  *text,
                     WgNatResult *result)
{
  static const struct { const char *text; WgNatResult result; } words[] = {
    { "阴性", WG_NAT_RESULT_NEGATIVE }, { "negative", WG_NAT_RESULT_NEGATIVE }, { "1", WG_NAT_RESULT_NEGATIVE },
    { "阳性", WG_NAT_RESULT_POSITIVE }, { "positive", WG_NAT_RESULT_POSITIVE }, { "2", WG_NAT_RESULT_POSITIVE },
    { "待定", WG_NAT_RESULT_PENDING }, { "pending", WG_NAT_RESULT_PENDING }, { "0", WG_NAT_RESULT_PENDING },
  };
  g_autofree char *clean = g_strstrip (g_ascii_strdown (text != NULL ? text : "", -1));

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (clean, words[i].text))
      {
        *result = words[i].result;
        return TRUE;
      }
  return FALSE;
}

static void
sample_free (WgSample *sample)
{
  g_free ((char *) sample->id_number);
  g_free (sample);
}

/**
 * wg_sampling_read:
 * @reader: a CSV or XLSX: ID number in the first column, result in the second
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgSample): the samples, each
 *   owning its ID number, or %NULL with @error set (%WG_STORE_ERROR_INVALID
 *   naming the line)
 */
GPtrArray *
wg_sampling_read (WgTableReader  *reader,
                  GError        **error)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func ((GDestroyNotify) sample_free);
  const WgTableRow *row;
  gboolean first = TRUE;

  while ((row = wg_table_reader_next (reader, error)) != NULL)
    {
      g_autofree char *id = g_strstrip (g_ascii_strup (row->n_cells > 0 ? row->cells[0] : "", -1));
      WgSample *sample;
      WgNatResult result;

      if (*id == '\0')
        continue;
      if (!wg_id_number_validate (id, NULL, NULL))
        {
          /* A header line, above the results. */
          if (first)
            {
              first = FALSE;
              continue;
            }
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                       _("Line %u: “%s” is not an ID number: nothing was recorded."), row->number, id);
          return NULL;
        }
      first = FALSE;
      if (!wg_nat_result_parse (row->n_cells > 1 ? row->cells[1] : NULL, &result))
        {
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                       _("Line %u: “%s” is not a result (阴性, 阳性 or 待定): nothing was recorded."), row->number,
                       row->n_cells > 1 ? row->cells[1] : "");
          return NULL;
        }
      sample = g_new0 (WgSample, 1);
      sample->id_number = g_steal_pointer (&id);
      sample->result = result;
      sample->line = row->number;
      g_ptr_array_add (samples, sample);
    }
  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&samples);
}

/**
 * wg_sampling_parse_text:
 * @text: lines typed or pasted: an ID number and a result on each, apart
 *   by a tab, spaces or a comma (Chinese or not)
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type WgSample): as
 *   wg_sampling_read () for the lines
 */
GPtrArray *
wg_sampling_parse_text (const char  *text,
                        GError     **error)
{
  g_autoptr(GRegex) apart = g_regex_new ("[\\t ,，、;；]+", 0, 0, NULL);
  char *csv = g_regex_replace_literal (apart, text != NULL ? text : "", -1, 0, ",", 0, NULL);
  gsize length = strlen (csv);
  g_autoptr(GBytes) bytes = g_bytes_new_take (csv, length);
  g_autoptr(WgTableReader) reader = NULL;

  if (!(reader = wg_table_reader_new_for_bytes (bytes, "UTF-8", NULL, error)))
    return NULL;
  return wg_sampling_read (reader, error);
}
