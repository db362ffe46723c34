/* wg-grid-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the grid tree: the name, a marker for open alerts, a badge with
 * the people in quarantine and the number of households below.
 */

#define G_LOG_DOMAIN "wg-grid-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wg-grid-row.h"
#include "wg-application.h"
#include "wg-grid-node.h"

struct _WgGridRow
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkLabel *name_label;
  GtkImage *alert_image;
  GtkLabel *quarantine_label;
  GtkLabel *households_label;

  /* owned */
  WgGridNode *node;
};

G_DEFINE_FINAL_TYPE (WgGridRow, wg_grid_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (WgGridRow *self)
{
  g_autofree char *households = NULL;
  g_autofree char *quarantined = NULL;
  g_autofree char *tooltip = NULL;
  guint n_quarantined;

  if (self->node == NULL)
    return;

  n_quarantined = wg_grid_node_get_n_quarantined (self->node);
  gtk_label_set_label (self->name_label, wg_grid_node_get_name (self->node));

  /* A household's address repeats the path the tree already shows
   * ("曲沃县乐昌镇南关社区阳光小区1号" under 阳光小区): show what follows its
   * group's name, the house number, and the whole address as a tooltip. */
  if (wg_grid_node_is_household (self->node))
    {
      WgGridNode *micro = wg_grid_node_get_parent (self->node);
      WgGridNode *group = micro != NULL ? wg_grid_node_get_parent (micro) : NULL;
      const char *address = wg_grid_node_get_name (self->node);
      const char *found = group != NULL ? g_strrstr (address, wg_grid_node_get_name (group)) : NULL;

      if (found != NULL && found[strlen (wg_grid_node_get_name (group))] != '\0')
        gtk_label_set_label (self->name_label, found + strlen (wg_grid_node_get_name (group)));
    }

  if (wg_grid_node_is_household (self->node))
    households = g_strdup (wg_grid_node_get_code (self->node));
  else
    households = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u household", "%'u households",
                                               wg_grid_node_get_n_households (self->node)),
                                  wg_grid_node_get_n_households (self->node));
  gtk_label_set_label (self->households_label, households);

  quarantined = g_strdup_printf ("%u", n_quarantined);
  gtk_label_set_label (self->quarantine_label, quarantined);
  gtk_widget_set_visible (GTK_WIDGET (self->quarantine_label), n_quarantined > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->quarantine_label),
                               g_dngettext (GETTEXT_PACKAGE, "Person in quarantine",
                                            "People in quarantine", n_quarantined));
  gtk_widget_set_visible (GTK_WIDGET (self->alert_image),
                          wg_grid_node_get_n_open_alerts (self->node) > 0);

  if (wg_grid_node_is_household (self->node))
    tooltip = g_strdup (wg_grid_node_get_name (self->node));
  else
    tooltip = g_strdup_printf ("%s · %s", wg_grid_level_describe (wg_grid_node_get_level (self->node)),
                               wg_grid_node_get_code (self->node));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), tooltip);
}

static void
wg_grid_row_dispose (GObject *object)
{
  WgGridRow *self = (WgGridRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_GRID_ROW);
  if (self->node != NULL)
    g_signal_handlers_disconnect_by_data (self->node, self);
  g_clear_object (&self->node);

  G_OBJECT_CLASS (wg_grid_row_parent_class)->dispose (object);
}

static void
wg_grid_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WgGridRow *self = WG_GRID_ROW (object);

  switch (prop_id)
    {
    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_grid_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WgGridRow *self = WG_GRID_ROW (object);

  switch (prop_id)
    {
    case PROP_NODE:
      wg_grid_row_set_node (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_grid_row_class_init (WgGridRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_grid_row_dispose;
  object_class->get_property = wg_grid_row_get_property;
  object_class->set_property = wg_grid_row_set_property;

  properties[PROP_NODE] =
    g_param_spec_object ("node", NULL, NULL, WG_TYPE_GRID_NODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-grid-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WgGridRow, box);
  gtk_widget_class_bind_template_child (widget_class, WgGridRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, WgGridRow, alert_image);
  gtk_widget_class_bind_template_child (widget_class, WgGridRow, quarantine_label);
  gtk_widget_class_bind_template_child (widget_class, WgGridRow, households_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wg_grid_row_init (WgGridRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

WgGridNode *
wg_grid_row_get_node (WgGridRow *self)
{
  g_return_val_if_fail (WG_IS_GRID_ROW (self), NULL);

  return self->node;
}

void
wg_grid_row_set_node (WgGridRow  *self,
                      WgGridNode *node)
{
  g_return_if_fail (WG_IS_GRID_ROW (self));

  if (self->node != node)
    {
      if (self->node != NULL)
        g_signal_handlers_disconnect_by_data (self->node, self);
      g_set_object (&self->node, node);
      /* A new alert marks its path while the row is shown. */
      if (node != NULL)
        {
          g_signal_connect_object (node, "notify::n-open-alerts", G_CALLBACK (update), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (node, "notify::n-quarantined", G_CALLBACK (update), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (node, "notify::n-households", G_CALLBACK (update), self,
                                   G_CONNECT_SWAPPED);
          /* Renamed at another desk. */
          g_signal_connect_object (node, "notify::name", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
        }
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
    }
}
