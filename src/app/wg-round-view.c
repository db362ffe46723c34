/* wg-round-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The temperature round: everyone under watch below a grid, one field each
 * for this morning's or this afternoon's reading. Grid workers phone the
 * readings in and staff key in hundreds at a time, so it is keyboard-driven:
 * type, Enter, and the focus moves to the next person; each reading is
 * saved as it is entered. An implausible value is refused next to the field
 * and nothing is saved.
 */

#define G_LOG_DOMAIN "wg-round-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wg-round-view.h"
#include "wg-application.h"
#include "wg-store-records.h"

struct _WgRoundView
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkToggleButton *morning_button;
  GtkToggleButton *afternoon_button;
  GtkLabel *summary_label;
  GtkListBox *people_list;

  /* owned */
  WgStore *store;
  GPtrArray *entries; /* of WgRoundEntry */
  GPtrArray *fields;  /* of GtkEntry, borrowed, in row order */
  GPtrArray *statuses; /* of GtkLabel, borrowed */
  GPtrArray *aways;    /* of GtkButton, borrowed */
  char *today;
};

G_DEFINE_FINAL_TYPE (WgRoundView, wg_round_view, ADW_TYPE_WINDOW)

static WgRound
current_round (WgRoundView *self)
{
  return gtk_toggle_button_get_active (self->afternoon_button) ? WG_ROUND_AFTERNOON
                                                               : WG_ROUND_MORNING;
}

static int
entry_tenths (WgRoundEntry *entry,
              WgRound       round)
{
  return round == WG_ROUND_AFTERNOON ? entry->afternoon_tenths : entry->morning_tenths;
}

static gboolean
entry_away (WgRoundEntry *entry,
            WgRound       round)
{
  return round == WG_ROUND_AFTERNOON ? entry->afternoon_away : entry->morning_away;
}

static void
update_summary (WgRoundView *self)
{
  g_autofree char *text = NULL;
  guint measured = 0, away = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      WgRoundEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry_tenths (entry, current_round (self)) > 0)
        measured++;
      else if (entry_away (entry, current_round (self)))
        away++;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person under watch: %u measured this round, %u away, %u still to measure.",
                                       "%u people under watch: %u measured this round, %u away, %u still to measure.",
                                       self->entries->len),
                          self->entries->len, measured, away, self->entries->len - measured - away);
  gtk_label_set_label (self->summary_label, text);
}

static void
show_round (WgRoundView *self)
{
  WgRound round = current_round (self);

  for (guint i = 0; i < self->fields->len; i++)
    {
      WgRoundEntry *entry = g_ptr_array_index (self->entries, i);
      GtkWidget *field = g_ptr_array_index (self->fields, i);
      int tenths = entry_tenths (entry, round);
      g_autofree char *text = tenths > 0 ? g_strdup_printf ("%d.%d", tenths / 10, tenths % 10)
                                         : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (field), text);
      gtk_widget_remove_css_class (field, "error");
      gtk_widget_remove_css_class (field, "warning");
      if (tenths >= WG_FEVER_TENTHS)
        gtk_widget_add_css_class (field, "warning");
      gtk_label_set_label (g_ptr_array_index (self->statuses, i),
                           tenths >= WG_FEVER_TENTHS ? _("Fever")
                           : tenths == 0 && entry_away (entry, round) ? _("Not measured: away") : "");
    }
  update_summary (self);
}

/* "-" (or the Away button): not measured this round, away from home. */
static void
mark_away (WgRoundView *self,
           guint        index)
{
  g_autoptr(GError) error = NULL;
  WgRoundEntry *entry = g_ptr_array_index (self->entries, index);
  GtkWidget *field = g_ptr_array_index (self->fields, index);
  GtkLabel *status = g_ptr_array_index (self->statuses, index);

  if (!wg_store_set_round_away (self->store, entry->person_id, self->today, current_round (self), &error))
    {
      gtk_label_set_label (status, error->message);
      return;
    }
  if (current_round (self) == WG_ROUND_AFTERNOON)
    entry->afternoon_away = TRUE;
  else
    entry->morning_away = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (field), "");
  gtk_widget_remove_css_class (field, "error");
  gtk_label_set_label (status, _("Not measured: away"));
  update_summary (self);
  if (index + 1 < self->fields->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, index + 1));
}

static void
on_away_clicked_cb (GtkButton   *button,
                    WgRoundView *self)
{
  guint index;

  if (g_ptr_array_find (self->aways, button, &index))
    mark_away (self, index);
}

static gboolean
means_away (const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text));

  return g_str_equal (s, "-") || g_str_equal (s, "－") || g_str_equal (s, "不在") || g_str_equal (s, "外出");
}

static void
on_round_toggled_cb (WgRoundView *self)
{
  show_round (self);
}

static void
on_field_activate_cb (GtkEntry    *field,
                      WgRoundView *self)
{
  g_autoptr(GError) error = NULL;
  guint index;
  WgRoundEntry *entry;
  GtkLabel *status;
  int tenths = 0;

  if (!g_ptr_array_find (self->fields, field, &index))
    return;
  entry = g_ptr_array_index (self->entries, index);
  status = g_ptr_array_index (self->statuses, index);

  if (means_away (gtk_editable_get_text (GTK_EDITABLE (field))))
    {
      mark_away (self, index);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (field), "warning");
  if (!wg_temperature_parse (gtk_editable_get_text (GTK_EDITABLE (field)), &tenths, &error) ||
      !wg_store_set_round_temperature (self->store, entry->person_id, self->today,
                                       current_round (self), tenths, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (field), "error");
      gtk_label_set_label (status, error->message);
      return;
    }

  if (current_round (self) == WG_ROUND_AFTERNOON)
    {
      entry->afternoon_tenths = tenths;
      entry->afternoon_away = FALSE;
    }
  else
    {
      entry->morning_tenths = tenths;
      entry->morning_away = FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (field), "error");
  {
    g_autofree char *text = g_strdup_printf ("%d.%d", tenths / 10, tenths % 10);
    gtk_editable_set_text (GTK_EDITABLE (field), text);
  }
  if (tenths >= WG_FEVER_TENTHS)
    {
      gtk_widget_add_css_class (GTK_WIDGET (field), "warning");
      gtk_label_set_label (status, _("Saved · Fever"));
    }
  else
    gtk_label_set_label (status, _("Saved"));
  update_summary (self);

  /* On to the next person. */
  if (index + 1 < self->fields->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, index + 1));
}

/* Down and Up move between people, as Enter does after saving. */
static gboolean
on_field_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         WgRoundView           *self)
{
  GtkWidget *field = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint index;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Down &&
       keyval != GDK_KEY_KP_Up) || (state & GDK_MODIFIER_MASK) != 0 ||
      !g_ptr_array_find (self->fields, field, &index))
    return FALSE;
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && index + 1 < self->fields->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, index + 1));
  else if ((keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) && index > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, index - 1));
  return TRUE;
}

static void
build_rows (WgRoundView *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      WgRoundEntry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", entry->why, entry->address);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *field = gtk_entry_new ();
      GtkWidget *status = gtk_label_new (NULL);
      g_autofree char *accessible = g_strdup_printf (_("Temperature of %s"), entry->name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_editable_set_width_chars (GTK_EDITABLE (field), 6);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (field), 6);
      gtk_entry_set_placeholder_text (GTK_ENTRY (field), "36.5");
      gtk_entry_set_input_purpose (GTK_ENTRY (field), GTK_INPUT_PURPOSE_NUMBER);
      gtk_widget_set_valign (field, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_signal_connect_object (field, "activate", G_CALLBACK (on_field_activate_cb), self, 0);
      {
        GtkEventController *keys = gtk_event_controller_key_new ();

        /* Before the entry's own handling: Up and Down are ours. */
        gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
        g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_field_key_pressed_cb), self, 0);
        gtk_widget_add_controller (field, keys);
      }

      gtk_label_set_wrap (GTK_LABEL (status), TRUE);
      /* Room for "Saved · Fever" on one line (Chinese wrapped character by
       * character without it), up to two lines for a refusal. */
      gtk_label_set_width_chars (GTK_LABEL (status), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (status), 28);
      gtk_label_set_xalign (GTK_LABEL (status), 0);
      gtk_widget_add_css_class (status, "caption");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field);
      {
        GtkWidget *away = gtk_button_new_with_label (_("Away"));
        g_autofree char *away_name = g_strdup_printf (_("%s not measured: away from home"), entry->name);

        gtk_widget_add_css_class (away, "flat");
        gtk_widget_set_valign (away, GTK_ALIGN_CENTER);
        gtk_widget_set_focus_on_click (away, FALSE);
        gtk_widget_set_tooltip_text (away, _("Not measured this round: away from home (or type - in the field)"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (away), GTK_ACCESSIBLE_PROPERTY_LABEL, away_name, -1);
        g_signal_connect_object (away, "clicked", G_CALLBACK (on_away_clicked_cb), self, 0);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), away);
        g_ptr_array_add (self->aways, away);
      }
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field);
      gtk_list_box_append (self->people_list, row);

      g_ptr_array_add (self->fields, field);
      g_ptr_array_add (self->statuses, status);
    }
}

static void
wg_round_view_dispose (GObject *object)
{
  WgRoundView *self = (WgRoundView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WG_TYPE_ROUND_VIEW);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->aways, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wg_round_view_parent_class)->dispose (object);
}

static void
wg_round_view_finalize (GObject *object)
{
  g_free (WG_ROUND_VIEW (object)->today);

  G_OBJECT_CLASS (wg_round_view_parent_class)->finalize (object);
}

static void
wg_round_view_class_init (WgRoundViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wg_round_view_dispose;
  object_class->finalize = wg_round_view_finalize;

  wg_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/wg-round-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WgRoundView, window_title);
  gtk_widget_class_bind_template_child (widget_class, WgRoundView, morning_button);
  gtk_widget_class_bind_template_child (widget_class, WgRoundView, afternoon_button);
  gtk_widget_class_bind_template_child (widget_class, WgRoundView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WgRoundView, people_list);
  gtk_widget_class_bind_template_callback (widget_class, on_round_toggled_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_round_view_init (WgRoundView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new ();
  self->statuses = g_ptr_array_new ();
  self->aways = g_ptr_array_new ();
}

/**
 * wg_round_view_new:
 * @store: the county database
 * @grid_code: the grid whose people are on the round
 * @grid_name: its name, for the title
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a new round view, or %NULL with @error set
 */
WgRoundView *
wg_round_view_new (WgStore     *store,
                   const char  *grid_code,
                   const char  *grid_name,
                   GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *today = wg_today ();
  WgRoundView *self;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(entries = wg_store_list_round (store, grid_code, today, error)))
    return NULL;

  self = g_object_new (WG_TYPE_ROUND_VIEW, NULL);
  self->store = g_object_ref (store);
  self->entries = g_steal_pointer (&entries);
  self->today = g_steal_pointer (&today);

  subtitle = g_strdup_printf ("%s · %s", grid_name, self->today);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Past noon, the afternoon round is the one being keyed in. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    if (g_date_time_get_hour (now) >= 12)
      gtk_toggle_button_set_active (self->afternoon_button, TRUE);
  }
  build_rows (self);
  show_round (self);
  if (self->fields->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->fields, 0));
  return self;
}

guint
wg_round_view_get_n_people (WgRoundView *self)
{
  g_return_val_if_fail (WG_IS_ROUND_VIEW (self), 0);

  return self->fields->len;
}

/**
 * wg_round_view_get_entry:
 * @self: a #WgRoundView
 * @index: a person on the round
 *
 * Returns: (transfer none): the field for that person's reading
 */
GtkWidget *
wg_round_view_get_entry (WgRoundView *self,
                         guint        index)
{
  g_return_val_if_fail (WG_IS_ROUND_VIEW (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_ptr_array_index (self->fields, index);
}

const char *
wg_round_view_get_status (WgRoundView *self,
                          guint        index)
{
  g_return_val_if_fail (WG_IS_ROUND_VIEW (self), NULL);
  g_return_val_if_fail (index < self->statuses->len, NULL);

  return gtk_label_get_label (g_ptr_array_index (self->statuses, index));
}

void
wg_round_view_set_round (WgRoundView *self,
                         WgRound      round)
{
  g_return_if_fail (WG_IS_ROUND_VIEW (self));

  gtk_toggle_button_set_active (round == WG_ROUND_AFTERNOON ? self->afternoon_button
                                                            : self->morning_button, TRUE);
}
