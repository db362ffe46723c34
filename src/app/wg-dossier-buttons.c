/* wg-dossier-buttons.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export PDF… and Print… for the dossier of what a page shows — a person,
 * a household's packet or a grid's packet — by its ID number or code. Both
 * go through win.dossier, which opens the print view with its preview.
 */

#define G_LOG_DOMAIN "wg-dossier-buttons"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wg-dossier-buttons.h"

struct _WgDossierButtons
{
  GtkWidget parent_instance;

  GtkWidget *export_button;
  GtkWidget *print_button;
  char *code;
};

G_DEFINE_FINAL_TYPE (WgDossierButtons, wg_dossier_buttons, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
add_button (WgDossierButtons *self,
            const char       *icon_name,
            const char       *label,
            const char       *tooltip)
{
  GtkWidget *content = adw_button_content_new ();
  GtkWidget *button = gtk_button_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* The target first: win.dossier takes ("CODE", "export" or "print"). */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", "", "export");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.dossier");
  gtk_widget_set_parent (button, GTK_WIDGET (self));
  return button;
}

void
wg_dossier_buttons_set_code (WgDossierButtons *self,
                             const char       *code)
{
  g_return_if_fail (WG_IS_DOSSIER_BUTTONS (self));

  if (g_strcmp0 (self->code, code) == 0)
    return;
  g_free (self->code);
  self->code = g_strdup (code);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->export_button), "(ss)",
                                    code != NULL ? code : "", "export");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->print_button), "(ss)",
                                    code != NULL ? code : "", "print");
  gtk_widget_set_sensitive (GTK_WIDGET (self), code != NULL && *code != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
wg_dossier_buttons_get_code (WgDossierButtons *self)
{
  g_return_val_if_fail (WG_IS_DOSSIER_BUTTONS (self), NULL);

  return self->code;
}

static void
wg_dossier_buttons_dispose (GObject *object)
{
  WgDossierButtons *self = (WgDossierButtons *) object;

  g_clear_pointer (&self->export_button, gtk_widget_unparent);
  g_clear_pointer (&self->print_button, gtk_widget_unparent);

  G_OBJECT_CLASS (wg_dossier_buttons_parent_class)->dispose (object);
}

static void
wg_dossier_buttons_finalize (GObject *object)
{
  WgDossierButtons *self = (WgDossierButtons *) object;

  g_free (self->code);

  G_OBJECT_CLASS (wg_dossier_buttons_parent_class)->finalize (object);
}

static void
wg_dossier_buttons_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, WG_DOSSIER_BUTTONS (object)->code);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_dossier_buttons_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CODE:
      wg_dossier_buttons_set_code (WG_DOSSIER_BUTTONS (object), g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_dossier_buttons_class_init (WgDossierButtonsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_dossier_buttons_dispose;
  object_class->finalize = wg_dossier_buttons_finalize;
  object_class->get_property = wg_dossier_buttons_get_property;
  object_class->set_property = wg_dossier_buttons_set_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dossierbuttons");
}

static void
wg_dossier_buttons_init (WgDossierButtons *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->export_button = add_button (self, "document-save-symbolic", _("_Export PDF…"),
                                    _("Save the dossier as a PDF file"));
  self->print_button = add_button (self, "printer-symbolic", _("P_rint…"),
                                   _("Preview and print the dossier"));
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}
