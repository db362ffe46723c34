/* wg-count-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card with a large number and what it counts: "3,214 / Micro-grids".
 */

#define G_LOG_DOMAIN "wg-count-card"

#include "config.h"

#include "wg-application.h"

#include "wg-count-card.h"

struct _WgCountCard
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkLabel *count_label;
  GtkLabel *title_label;

  /* state */
  guint count;
};

G_DEFINE_FINAL_TYPE (WgCountCard, wg_count_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_count_label (WgCountCard *self)
{
  /* Thousands grouped as the locale does it ("%'u"). */
  g_autofree char *text = g_strdup_printf ("%'u", self->count);

  gtk_label_set_label (self->count_label, text);
}

static void
wg_count_card_dispose (GObject *object)
{
  WgCountCard *self = (WgCountCard *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_COUNT_CARD);

  G_OBJECT_CLASS (wg_count_card_parent_class)->dispose (object);
}

static void
wg_count_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WgCountCard *self = WG_COUNT_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, wg_count_card_get_title (self));
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_count_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WgCountCard *self = WG_COUNT_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      wg_count_card_set_title (self, g_value_get_string (value));
      break;

    case PROP_COUNT:
      wg_count_card_set_count (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_count_card_class_init (WgCountCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_count_card_dispose;
  object_class->get_property = wg_count_card_get_property;
  object_class->set_property = wg_count_card_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/wg-count-card.ui");
  gtk_widget_class_bind_template_child (widget_class, WgCountCard, box);
  gtk_widget_class_bind_template_child (widget_class, WgCountCard, count_label);
  gtk_widget_class_bind_template_child (widget_class, WgCountCard, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wg_count_card_init (WgCountCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wg_count_card_new (const char *title,
                   guint       count)
{
  return g_object_new (WG_TYPE_COUNT_CARD, "title", title, "count", count, NULL);
}

const char *
wg_count_card_get_title (WgCountCard *self)
{
  g_return_val_if_fail (WG_IS_COUNT_CARD (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
wg_count_card_set_title (WgCountCard *self,
                         const char  *title)
{
  g_return_if_fail (WG_IS_COUNT_CARD (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

guint
wg_count_card_get_count (WgCountCard *self)
{
  g_return_val_if_fail (WG_IS_COUNT_CARD (self), 0);

  return self->count;
}

void
wg_count_card_set_count (WgCountCard *self,
                         guint        count)
{
  g_return_if_fail (WG_IS_COUNT_CARD (self));

  if (self->count == count && *gtk_label_get_label (self->count_label) != '\0')
    return;

  self->count = count;
  update_count_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}
