/* wg-window-edit-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's actions that change the grid tree itself: a grid added
 * below the one selected, renamed or removed (when empty, after asking); a
 * household added to a micro-grid, its address changed, moved to another
 * micro-grid or removed (when empty, after asking). Fields are checked as
 * they are typed; the tree is read again afterwards and the changed row
 * selected.
 */

#define G_LOG_DOMAIN "wg-window-edit-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-window-edit-actions.h"
#include "wg-form-dialog.h"
#include "wg-grid-node.h"
#include "wg-idnum.h"
#include "wg-store-grids.h"
#include "wg-store-households.h"
#include "wg-window-private.h"

/* What a form edits: kept on the dialog until it answers. */
typedef struct
{
  WgWindow *window;      /* weak: the dialog must not keep the window alive */
  char *action;
  char *grid_code;       /* the selected grid, or the household's micro-grid */
  gint64 household_id;
  guint level;           /* of the selected grid */
  char *seen_name;       /* the grid's name when the form opened */
  gint64 seen_version;   /* the household's version when the form opened */
} Edit;

static void
edit_free (Edit *edit)
{
  g_clear_weak_pointer (&edit->window);
  g_free (edit->action);
  g_free (edit->grid_code);
  g_free (edit->seen_name);
  g_free (edit);
}

static const char *
text (GtkWidget  *dialog,
      const char *key)
{
  return wg_form_dialog_get_text (dialog, key);
}

static gboolean
is_household_code (const char *code)
{
  gsize n = strlen (code);

  if (n < 6 || n > 16)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (code[i]) && !g_ascii_isupper (code[i]))
      return FALSE;
  return TRUE;
}

static char *
check_fields (GtkWidget *dialog)
{
  Edit *edit = g_object_get_data (G_OBJECT (dialog), "edit");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (edit->action, "add-grid"))
    {
      if (*text (dialog, "code") == '\0' || *text (dialog, "name") == '\0')
        return g_strdup ("");
      if (!wg_grid_code_validate (text (dialog, "code"), edit->level + 1, &error))
        return g_strdup (error->message);
      if (!g_str_has_prefix (text (dialog, "code"), edit->grid_code))
        return g_strdup_printf (_("A grid’s code begins with the code above it, %s."), edit->grid_code);
      return NULL;
    }
  if (g_str_equal (edit->action, "add-household"))
    {
      if (*text (dialog, "code") == '\0' || *text (dialog, "address") == '\0')
        return g_strdup ("");
      if (!is_household_code (text (dialog, "code")))
        return g_strdup (_("A household code has 6 to 16 digits and capital letters."));
      return NULL;
    }
  if (g_str_equal (edit->action, "move-household"))
    {
      if (*text (dialog, "code") == '\0')
        return g_strdup ("");
      if (!wg_grid_code_validate (text (dialog, "code"), 5, &error))
        return g_strdup (error->message);
      return NULL;
    }
  /* rename-grid, edit-household: one text that must not be empty */
  {
    g_autofree char *value = g_strstrip (g_strdup (text (dialog, "value")));

    return *value == '\0' ? g_strdup ("") : NULL;
  }
}

static void
done (Edit       *edit,
      gboolean    ok,
      GError     *error,
      const char *grid_code,
      gint64      household_id,
      const char *message)
{
  if (!ok && g_error_matches (error, WG_STORE_ERROR, WG_STORE_ERROR_CHANGED))
    {
      /* Another desk saved it first: say who, and offer its version. */
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Reload"));
      adw_toast_set_action_name (toast, "win.reopen");
      adw_toast_set_action_target_value (toast, g_variant_new ("(sx)", edit->grid_code, edit->household_id));
      adw_toast_overlay_add_toast (edit->window->toast_overlay, toast);
      return;
    }
  if (!ok)
    {
      wg_window_add_toast (edit->window, error->message);
      return;
    }
  wg_window_rebuild (edit->window, grid_code, household_id);
  wg_window_add_toast (edit->window, message);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  GtkWidget *form = GTK_WIDGET (dialog);
  Edit *edit = g_object_get_data (G_OBJECT (dialog), "edit");
  WgStore *store = edit->window != NULL ? wg_window_get_store (edit->window) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  gint64 id = 0;

  if (g_str_equal (response, "cancel") || store == NULL)
    return;

  if (g_str_equal (edit->action, "add-grid"))
    done (edit, wg_store_add_grid (store, edit->grid_code, text (form, "code"), text (form, "name"), NULL, &error),
          error, text (form, "code"), 0, _("Grid added"));
  else if (g_str_equal (edit->action, "rename-grid"))
    done (edit, wg_store_rename_grid_seen (store, edit->grid_code, edit->seen_name, text (form, "value"), &error),
          error, edit->grid_code, 0, _("Grid renamed"));
  else if (g_str_equal (edit->action, "remove-grid"))
    {
      /* Select the grid above it afterwards: its code without the last digits. */
      guint parent_length = wg_grid_code_length (edit->level - 1);

      parent = g_strndup (edit->grid_code, parent_length);
      done (edit, wg_store_delete_grid (store, edit->grid_code, &error), error, parent, 0, _("Grid removed"));
    }
  else if (g_str_equal (edit->action, "add-household"))
    {
      g_autofree char *code = g_ascii_strup (text (form, "code"), -1);
      gboolean ok = wg_store_add_household (store, edit->grid_code, code, text (form, "address"), &id, &error);

      done (edit, ok, error, edit->grid_code, id, _("Household added"));
    }
  else if (g_str_equal (edit->action, "edit-household"))
    done (edit, wg_store_update_household_seen (store, edit->household_id, edit->seen_version, text (form, "value"),
                                                &error),
          error, edit->grid_code, edit->household_id, _("Address changed"));
  else if (g_str_equal (edit->action, "move-household"))
    done (edit, wg_store_move_household (store, edit->household_id, text (form, "code"), &error), error,
          text (form, "code"), edit->household_id, _("Household moved"));
  else if (g_str_equal (edit->action, "remove-household"))
    done (edit, wg_store_delete_household (store, edit->household_id, &error), error, edit->grid_code, 0,
          _("Household removed"));
}

/* The next free code below a grid: its code and a number one past the last. */
static char *
next_child_code (WgGridNode *node)
{
  GListModel *children = G_LIST_MODEL (node);
  guint n = g_list_model_get_n_items (children);
  guint level = wg_grid_node_get_level (node) + 1;
  guint width = wg_grid_code_length (level) - wg_grid_code_length (level - 1);
  guint64 highest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WgGridNode) child = g_list_model_get_item (children, i);
      const char *code = wg_grid_node_get_code (child);

      highest = MAX (highest, g_ascii_strtoull (code + strlen (code) - width, NULL, 10));
    }
  return g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, wg_grid_node_get_code (node), (int) width, highest + 1);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WgWindow *window = WG_WINDOW (widget);
  g_autoptr(WgGridNode) node = wg_window_get_selected_node (window);
  const char *action = action_name + strlen ("win.");
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  Edit *edit;

  if (node == NULL || wg_window_get_store (window) == NULL)
    return;

  edit = g_new0 (Edit, 1);
  g_set_weak_pointer (&edit->window, window);
  edit->action = g_strdup (action);
  if (wg_grid_node_is_household (node))
    {
      edit->household_id = wg_grid_node_get_id (node);
      edit->grid_code = g_strdup (wg_grid_node_get_code (wg_grid_node_get_parent (node)));
      edit->level = 5;
    }
  else
    {
      edit->grid_code = g_strdup (wg_grid_node_get_code (node));
      edit->level = wg_grid_node_get_level (node);
    }

  if (g_str_has_prefix (action, "remove-"))
    {
      gboolean household = g_str_equal (action, "remove-household");

      body = g_strdup_printf (household ? _("“%s” leaves the registry, with its planned visits; its door sensor is kept, unbound. A household with members cannot be removed: move or remove them first.")
                                        : _("“%s” leaves the grid tree. Only a grid with nothing below it can be removed."),
                              wg_grid_node_get_name (node));
      dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                       household ? _("Remove the Household?") : _("Remove the Grid?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove",
                                        _("_Remove"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "edit", edit, (GDestroyNotify) edit_free);
      g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (g_str_equal (action, "add-grid"))
    {
      g_autofree char *code = next_child_code (node);

      dialog = wg_form_dialog_new (widget, _("Add a Grid"), wg_grid_node_get_name (node), check_fields);
      wg_form_dialog_add_field (dialog, "code", _("Code"), code);
      wg_form_dialog_add_field (dialog, "name", _("Name"), NULL);
    }
  else if (g_str_equal (action, "add-household"))
    {
      dialog = wg_form_dialog_new (widget, _("Add a Household"), wg_grid_node_get_name (node), check_fields);
      wg_form_dialog_add_field (dialog, "code", _("Household Code"), NULL);
      wg_form_dialog_add_field (dialog, "address", _("Address"), NULL);
    }
  else if (g_str_equal (action, "move-household"))
    {
      dialog = wg_form_dialog_new (widget, _("Move the Household"),
                                   _("To the micro-grid with this code (16 digits)."), check_fields);
      wg_form_dialog_add_field (dialog, "code", _("Micro-grid Code"), edit->grid_code);
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "add", _("_Move"));
    }
  else
    {
      gboolean rename = g_str_equal (action, "rename-grid");

      dialog = wg_form_dialog_new (widget, rename ? _("Rename the Grid") : _("Change the Address"), NULL,
                                   check_fields);
      wg_form_dialog_add_field (dialog, "value", rename ? _("Name") : _("Address"), wg_grid_node_get_name (node));
      /* What this desk saw: a save after another desk's is refused. */
      if (rename)
        edit->seen_name = g_strdup (wg_grid_node_get_name (node));
      else
        edit->seen_version = wg_store_get_household_version (wg_window_get_store (window), edit->household_id);
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "add", _("_Save"));
    }
  g_object_set_data_full (G_OBJECT (dialog), "edit", edit, (GDestroyNotify) edit_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  wg_form_dialog_present (dialog);
}

/* The tree read again, the grid or household of a refused save selected. */
static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *grid_code;
  gint64 household_id;

  g_variant_get (parameter, "(&sx)", &grid_code, &household_id);
  wg_window_rebuild (WG_WINDOW (widget), grid_code, household_id);
}

void
wg_edit_actions_install (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.reopen", "(sx)", reopen_action);
  static const char *const actions[] = {
    "win.add-grid", "win.rename-grid", "win.remove-grid", "win.add-household", "win.edit-household",
    "win.move-household", "win.remove-household",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (window_class, actions[i], NULL, edit_action);
}
