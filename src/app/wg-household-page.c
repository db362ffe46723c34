/* wg-household-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A household: its address, code and grid path, and its members with their
 * status; activating a member opens their file.
 */

#define G_LOG_DOMAIN "wg-household-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-application.h"
#include "wg-household-page.h"
#include "wg-records.h"

struct _WgHouseholdPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *scroller;
  GtkLabel *path_label;
  GtkLabel *address_label;
  GtkLabel *code_label;
  GtkListBox *members_list;

  /* owned */
  WgGridNode *node;
  GArray *member_ids; /* of gint64, in row order */
};

G_DEFINE_FINAL_TYPE (WgHouseholdPage, wg_household_page, GTK_TYPE_WIDGET)

enum {
  OPEN_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_members_list_row_activated_cb (WgHouseholdPage *self,
                                  GtkListBoxRow   *row)
{
  wg_household_page_open_member (self, gtk_list_box_row_get_index (row));
}

static void
wg_household_page_dispose (GObject *object)
{
  WgHouseholdPage *self = (WgHouseholdPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_HOUSEHOLD_PAGE);
  g_clear_object (&self->node);
  g_clear_pointer (&self->member_ids, g_array_unref);

  G_OBJECT_CLASS (wg_household_page_parent_class)->dispose (object);
}

static void
wg_household_page_class_init (WgHouseholdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_household_page_dispose;

  /**
   * WgHouseholdPage::open-person:
   * @person_id: the member to open
   */
  signals[OPEN_PERSON] = g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/wg-household-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, address_label);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, WgHouseholdPage, members_list);
  gtk_widget_class_bind_template_callback (widget_class, on_members_list_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wg_household_page_init (WgHouseholdPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * wg_household_page_show:
 * @self: a #WgHouseholdPage
 * @store: the county database
 * @household: a household node of the grid tree
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the household was read and is shown
 */
gboolean
wg_household_page_show (WgHouseholdPage  *self,
                        WgStore          *store,
                        WgGridNode       *household,
                        GError          **error)
{
  g_autoptr(WgRecordTable) members = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  GtkWidget *child;

  g_return_val_if_fail (WG_IS_HOUSEHOLD_PAGE (self), FALSE);
  g_return_val_if_fail (wg_grid_node_is_household (household), FALSE);

  if (!(members = wg_store_read_records (store, WG_RECORD_MEMBERS, wg_grid_node_get_id (household),
                                         error)))
    return FALSE;

  g_set_object (&self->node, household);
  path = wg_grid_node_dup_path (wg_grid_node_get_parent (household));
  gtk_label_set_label (self->path_label, path);
  gtk_label_set_label (self->address_label, wg_grid_node_get_name (household));
  /* Translators: the household's code, as printed on its door label */
  code = g_strdup_printf (_("Household code %s"), wg_grid_node_get_code (household));
  gtk_label_set_label (self->code_label, code);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->members_list))) != NULL)
    gtk_list_box_remove (self->members_list, child);
  g_array_set_size (self->member_ids, 0);

  /* Columns: name, relation, sex, born, status, phone. */
  for (guint i = 0; i < members->rows->len; i++)
    {
      char **cells = g_ptr_array_index (members->rows, i);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s · %s", cells[1], cells[2],
                                                   cells[3], cells[4]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *phone = gtk_label_new (cells[5]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cells[0]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (phone, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), phone);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->members_list, row);
      g_array_append_val (self->member_ids, g_array_index (members->ids, gint64, i));
    }
  return TRUE;
}

WgGridNode *
wg_household_page_get_node (WgHouseholdPage *self)
{
  g_return_val_if_fail (WG_IS_HOUSEHOLD_PAGE (self), NULL);

  return self->node;
}

guint
wg_household_page_get_n_members (WgHouseholdPage *self)
{
  g_return_val_if_fail (WG_IS_HOUSEHOLD_PAGE (self), 0);

  return self->member_ids->len;
}

/**
 * wg_household_page_open_member:
 * @self: a #WgHouseholdPage
 * @index: a member, in the order shown
 *
 * Asks for the member's file, as activating the row does.
 */
void
wg_household_page_open_member (WgHouseholdPage *self,
                               guint            index)
{
  g_return_if_fail (WG_IS_HOUSEHOLD_PAGE (self));

  if (index < self->member_ids->len)
    g_signal_emit (self, signals[OPEN_PERSON], 0, g_array_index (self->member_ids, gint64, index));
}
