/* wg-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the header bar with the primary menu and, for now, the
 * county at a glance — its counts per level and of the people under watch.
 */

#define G_LOG_DOMAIN "wg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-application.h"
#include "wg-count-card.h"
#include "wg-print-view.h"
#include "wg-window.h"

struct _WgWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkLabel *county_label;
  GtkLabel *path_label;
  GtkFlowBox *levels_box;
  GtkFlowBox *status_box;
  AdwStatusPage *error_page;

  /* owned */
  WgStore *store;
  GError *open_error;
};

G_DEFINE_FINAL_TYPE (WgWindow, wg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *title;
  gsize offset;
  int level; /* > 0: grids[level] */
} CardSpec;

static const CardSpec level_cards[] = {
  { N_("Townships"), 0, 2 },
  { N_("Villages and Communities"), 0, 3 },
  { N_("Groups"), 0, 4 },
  { N_("Micro-grids"), 0, 5 },
  { N_("Households"), G_STRUCT_OFFSET (WgLevelCounts, households), 0 },
  { N_("People"), G_STRUCT_OFFSET (WgLevelCounts, persons), 0 },
};

static const CardSpec status_cards[] = {
  { N_("Away from Home"), G_STRUCT_OFFSET (WgLevelCounts, away), 0 },
  { N_("Returnees"), G_STRUCT_OFFSET (WgLevelCounts, returnees), 0 },
  { N_("Health Monitoring"), G_STRUCT_OFFSET (WgLevelCounts, monitoring), 0 },
  { N_("Home Quarantine"), G_STRUCT_OFFSET (WgLevelCounts, home_quarantine), 0 },
  { N_("Central Quarantine"), G_STRUCT_OFFSET (WgLevelCounts, central_quarantine), 0 },
  { N_("Fever Today"), G_STRUCT_OFFSET (WgLevelCounts, fever_today), 0 },
  { N_("Door Sensors"), G_STRUCT_OFFSET (WgLevelCounts, sensors), 0 },
  { N_("Open Alerts"), G_STRUCT_OFFSET (WgLevelCounts, open_alerts), 0 },
};

static guint
card_value (const CardSpec      *spec,
            const WgLevelCounts *counts)
{
  if (spec->level > 0)
    return counts->grids[spec->level];
  return G_STRUCT_MEMBER (guint, counts, spec->offset);
}

static void
fill_cards (GtkFlowBox          *box,
            const CardSpec      *specs,
            guint                n_specs,
            const WgLevelCounts *counts)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);

  for (guint i = 0; i < n_specs; i++)
    {
      GtkWidget *card = wg_count_card_new (_(specs[i].title), card_value (&specs[i], counts));

      if (specs[i].offset == G_STRUCT_OFFSET (WgLevelCounts, fever_today) && counts->fever_today > 0)
        gtk_widget_add_css_class (card, "attention");
      if (specs[i].offset == G_STRUCT_OFFSET (WgLevelCounts, open_alerts) && counts->open_alerts > 0)
        gtk_widget_add_css_class (card, "alarm");
      gtk_flow_box_append (box, card);
    }
}

static void
set_page (WgWindow   *self,
          const char *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
show_error (WgWindow     *self,
            const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  adw_window_title_set_subtitle (self->window_title, NULL);
  set_page (self, "error");
}

static void
save_window_state (WgWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GSettings *settings;
  int width, height;

  if (!WG_IS_APPLICATION (app))
    return;
  settings = wg_application_get_settings (WG_APPLICATION (app));

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
print_labels_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WgWindow *self = WG_WINDOW (widget);
  g_autofree char *code = NULL;
  WgPrintView *view;

  if (self->store == NULL)
    return;

  code = wg_store_dup_county_code (self->store);
  view = wg_print_view_new (self->store, code);
  gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (view));
}

static gboolean
wg_window_close_request (GtkWindow *window)
{
  save_window_state (WG_WINDOW (window));

  return GTK_WINDOW_CLASS (wg_window_parent_class)->close_request (window);
}

static void
wg_window_dispose (GObject *object)
{
  WgWindow *self = (WgWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wg_window_parent_class)->dispose (object);
}

static void
wg_window_finalize (GObject *object)
{
  WgWindow *self = (WgWindow *) object;

  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (wg_window_parent_class)->finalize (object);
}

static void
wg_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WgWindow *self = WG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, wg_window_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_window_class_init (WgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wg_window_dispose;
  object_class->finalize = wg_window_finalize;
  object_class->get_property = wg_window_get_property;

  window_class->close_request = wg_window_close_request;

  /**
   * WgWindow:page:
   *
   * What the window shows: "summary", "empty" (no county yet) or "error".
   */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WG_TYPE_COUNT_CARD);

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, county_label);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, path_label);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, levels_box);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, status_box);
  gtk_widget_class_bind_template_child (widget_class, WgWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.print-labels", NULL, print_labels_action);

}

static void
wg_window_init (WgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wg_window_new:
 * @application: the application
 * @store: (nullable): the open database
 * @open_error: (nullable): why @store could not be opened, shown in the window
 *
 * Returns: (transfer full): a new main window
 */
WgWindow *
wg_window_new (AdwApplication *application,
               WgStore        *store,
               const GError   *open_error)
{
  WgWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || WG_IS_STORE (store), NULL);
  g_return_val_if_fail (store != NULL || open_error != NULL, NULL);

  self = g_object_new (WG_TYPE_WINDOW, "application", application, NULL);

  if (WG_IS_APPLICATION (application))
    {
      GSettings *settings = wg_application_get_settings (WG_APPLICATION (application));

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  g_set_object (&self->store, store);
  if (open_error != NULL)
    self->open_error = g_error_copy (open_error);

  wg_window_reload (self);
  return self;
}

WgStore *
wg_window_get_store (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
wg_window_get_page (WgWindow *self)
{
  g_return_val_if_fail (WG_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * wg_window_reload:
 * @self: a #WgWindow
 *
 * Counts the county again and shows the result.
 */
void
wg_window_reload (WgWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *county = NULL;
  WgLevelCounts counts;

  g_return_if_fail (WG_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-labels", FALSE);

  if (self->store == NULL)
    {
      show_error (self, self->open_error);
      return;
    }

  if (!wg_store_count (self->store, NULL, &counts, &error))
    {
      show_error (self, error);
      return;
    }

  county = wg_store_dup_county_name (self->store);
  adw_window_title_set_subtitle (self->window_title, county);
  gtk_label_set_label (self->path_label, wg_store_get_path (self->store));

  if (county == NULL)
    {
      set_page (self, "empty");
      return;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-labels", TRUE);
  gtk_label_set_label (self->county_label, county);
  fill_cards (self->levels_box, level_cards, G_N_ELEMENTS (level_cards), &counts);
  fill_cards (self->status_box, status_cards, G_N_ELEMENTS (status_cards), &counts);
  set_page (self, "summary");
}

void
wg_window_add_toast (WgWindow   *self,
                     const char *title)
{
  g_return_if_fail (WG_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}
