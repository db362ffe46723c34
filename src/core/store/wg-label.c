/* wg-label.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Household label payloads: WG1:<household code>:<signature>. The signature
 * is HMAC-SHA256 over "WG1:<code>" under the database's key, cut to 50 bits
 * and written in Crockford's base32 (digits and capitals without I, L, O, U).
 * Everything in a payload is in the QR alphanumeric alphabet (0-9, A-Z and
 * ":"), so the symbol stays small: version 2, 25 × 25 modules.
 */

#define G_LOG_DOMAIN "wg-label"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-label.h"
#include "wg-store-private.h"
#include "wg-store-settings.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * wg_label_sign:
 * @key: a signing key
 * @household_code: the household's code
 *
 * Returns: (transfer full): the signature, WG_LABEL_SIGNATURE_LENGTH characters
 */
char *
wg_label_sign (GBytes     *key,
               const char *household_code)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  char *signature;
  guint64 bits = 0;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (household_code != NULL, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  g_hmac_update (hmac, (const guchar *) WG_LABEL_PREFIX, strlen (WG_LABEL_PREFIX));
  g_hmac_update (hmac, (const guchar *) household_code, strlen (household_code));
  g_hmac_get_digest (hmac, digest, &digest_len);

  /* The first 50 bits, five at a time. */
  for (guint i = 0; i < 8; i++)
    bits = (bits << 8) | digest[i];
  signature = g_malloc (WG_LABEL_SIGNATURE_LENGTH + 1);
  for (guint i = 0; i < WG_LABEL_SIGNATURE_LENGTH; i++)
    signature[i] = crockford[(bits >> (64 - 5 * (i + 1))) & 0x1f];
  signature[WG_LABEL_SIGNATURE_LENGTH] = '\0';
  return signature;
}

/**
 * wg_label_payload:
 * @key: the current signing key
 * @household_code: the household's code
 *
 * Returns: (transfer full): what the household's QR code carries
 */
char *
wg_label_payload (GBytes     *key,
                  const char *household_code)
{
  g_autofree char *signature = wg_label_sign (key, household_code);

  return g_strconcat (WG_LABEL_PREFIX, household_code, ":", signature, NULL);
}

/**
 * wg_label_looks_like:
 * @text: something typed or scanned
 *
 * Returns: %TRUE when @text is meant as a label payload (it starts with
 *   "WG1:", in any case), whether or not it is genuine
 */
gboolean
wg_label_looks_like (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  while (g_ascii_isspace (*text))
    text++;
  return g_ascii_strncasecmp (text, WG_LABEL_PREFIX, strlen (WG_LABEL_PREFIX)) == 0;
}

static gboolean
signed_by (GBytes     *key,
           const char *code,
           const char *signature)
{
  g_autofree char *expected = wg_label_sign (key, code);

  return strcmp (expected, signature) == 0;
}

/**
 * wg_label_verify:
 * @store: a #WgStore
 * @payload: a scanned or typed label payload
 * @household_code: (out) (optional) (transfer full): the household code it names
 * @household_id: (out) (optional): the household, when it exists
 * @error: return location for a #GError (only for database failures)
 *
 * Checks a label offline: is it signed by this database's current key, by a
 * retired one, or by none, and does the household still exist? A barcode
 * scanner typing in a lower-case keyboard layout is forgiven.
 *
 * Returns: what the label is; %WG_LABEL_STATUS_MALFORMED with @error set when the
 *   database could not be read
 */
WgLabelStatus
wg_label_verify (WgStore     *store,
                 const char  *payload,
                 char       **household_code,
                 gint64      *household_id,
                 GError     **error)
{
  static const char sql[] = "SELECT id FROM household WHERE code = ?";
  g_autofree char *text = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GPtrArray) retired = NULL;
  g_auto(GStrv) parts = NULL;
  WgLabelStatus status = WG_LABEL_STATUS_FORGED;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), WG_LABEL_STATUS_MALFORMED);
  g_return_val_if_fail (payload != NULL, WG_LABEL_STATUS_MALFORMED);

  if (household_code != NULL)
    *household_code = NULL;
  if (household_id != NULL)
    *household_id = 0;

  text = g_strstrip (g_ascii_strup (payload, -1));
  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 3 || strcmp (parts[0], "WG1") != 0 || parts[1][0] == '\0' ||
      strlen (parts[1]) > 16 || strlen (parts[2]) != WG_LABEL_SIGNATURE_LENGTH ||
      strspn (parts[1], crockford) != strlen (parts[1]) ||
      strspn (parts[2], crockford) != strlen (parts[2]))
    return WG_LABEL_STATUS_MALFORMED;

  if (household_code != NULL)
    *household_code = g_strdup (parts[1]);

  if (!(key = wg_store_dup_signing_key (store, error)))
    return WG_LABEL_STATUS_MALFORMED;

  if (signed_by (key, parts[1], parts[2]))
    status = WG_LABEL_STATUS_VALID;
  else
    {
      if (!(retired = wg_store_dup_retired_signing_keys (store, error)))
        return WG_LABEL_STATUS_MALFORMED;
      for (guint i = 0; i < retired->len; i++)
        if (signed_by (g_ptr_array_index (retired, i), parts[1], parts[2]))
          {
            status = WG_LABEL_STATUS_OUTDATED;
            break;
          }
    }

  if (status == WG_LABEL_STATUS_FORGED)
    return status;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return WG_LABEL_STATUS_MALFORMED;
  wg_stmt_bind_text (stmt, 1, parts[1]);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW && household_id != NULL)
    *household_id = wg_stmt_column_int64 (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc == WG_STMT_DONE)
    return WG_LABEL_STATUS_GONE;
  if (rc != WG_STMT_ROW)
    {
      wg_store_set_error (store, rc, error);
      return WG_LABEL_STATUS_MALFORMED;
    }
  return status;
}

/**
 * wg_label_status_describe:
 * @status: what verification found
 *
 * Returns: a sentence for the user
 */
const char *
wg_label_status_describe (WgLabelStatus status)
{
  switch (status)
    {
    case WG_LABEL_STATUS_VALID:
      return _("The label is genuine.");
    case WG_LABEL_STATUS_OUTDATED:
      return _("The label is genuine but outdated: it was signed with a key that has since been replaced. Print a new label for this household.");
    case WG_LABEL_STATUS_FORGED:
      return _("The label is forged or mistyped: its signature does not match.");
    case WG_LABEL_STATUS_GONE:
      return _("The label is genuine, but its household no longer exists.");
    case WG_LABEL_STATUS_MALFORMED:
    default:
      return _("This is not a Wangge household label.");
    }
}
