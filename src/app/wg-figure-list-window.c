/* wg-figure-list-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What stands behind a dashboard cell: the rows of a figure, or the gaps
 * of a precision — each with what is missing and a way to close it: the
 * five-to-one team's missing member assigned, the missing reading
 * recorded, the disinfection visit recorded, the person opened in the main
 * window. Each row's buttons name
 * their person by id. After a change the list is read again and "changed"
 * tells the dashboard, whose percentage moves.
 */

#define G_LOG_DOMAIN "wg-figure-list-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wg-desk.h"
#include "wg-figure-list-window.h"
#include "wg-form-dialog.h"
#include "wg-store-disinfection.h"
#include "wg-store-records.h"

struct _WgFigureListWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *group;
  GtkWidget *rows_box;
  WgStore *store;
  int figure;
  int precision;
  char *grid_code;
  char *day;
  char *now;
  GStrv roles;
  GPtrArray *rows;            /* of WgFigureRow, as shown */
  GtkWidget *dialog;
  gint64 dialog_person;
  GArray *dialog_roles;       /* of guint: the roles offered */
};

G_DEFINE_FINAL_TYPE (WgFigureListWindow, wg_figure_list_window, ADW_TYPE_WINDOW)

enum
{
  CHANGED,
  OPEN_PERSON,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Whether the rows are people (so they open in the main window). */
static gboolean
rows_are_people (WgFigureListWindow *self)
{
  switch (self->figure)
    {
    case WG_FIGURE_RETURNEES:
    case WG_FIGURE_MONITORING:
    case WG_FIGURE_HOME_QUARANTINE:
    case WG_FIGURE_CENTRAL_QUARANTINE:
    case WG_FIGURE_FEVERS:
    case WG_FIGURE_TESTS_DUE:
    case WG_FIGURE_TESTS_OVERDUE:
    case WG_FIGURE_POSITIVES:
      return TRUE;
    case -1:
      return self->precision != WG_PRECISION_DISINFECTION;
    default:
      return FALSE;
    }
}

static const WgFigureRow *
find_row (WgFigureListWindow *self,
          gint64              id)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    if (((WgFigureRow *) self->rows->pdata[i])->id == id)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

/* What the row's fact says, for people. */
static char *
describe_fact (WgFigureListWindow *self,
               const WgFigureRow  *row)
{
  const char *fact = row->fact != NULL ? row->fact : "";

  if (self->precision == WG_PRECISION_TEAM)
    {
      g_autofree char *missing = wg_team_describe_missing (self->roles, fact);

      /* Translators: what a five-to-one team lacks: "missing: 村医、民警" */
      return g_strdup_printf (_("missing: %s"), missing);
    }
  if (self->precision == WG_PRECISION_DAYS)
    return g_strdup (g_str_equal (fact, "overlap") ? _("two quarantine periods overlap")
                                                   : _("a day without quarantine between the central and the home one"));
  if (self->precision == WG_PRECISION_TESTS || self->figure == WG_FIGURE_TESTS_DUE ||
      self->figure == WG_FIGURE_TESTS_OVERDUE)
    return g_strdup_printf (_("test scheduled for %s not done"), fact);
  if (self->precision == WG_PRECISION_TEMPERATURE)
    return g_strdup (g_str_equal (fact, "morning") ? _("no morning reading")
                     : g_str_equal (fact, "afternoon") ? _("no afternoon reading") : _("no reading today"));
  if (self->precision == WG_PRECISION_DISINFECTION)
    return g_strdup_printf (_("the %.16s slot not visited"), fact);
  if (self->figure == WG_FIGURE_FEVERS)
    {
      guint64 tenths = g_ascii_strtoull (fact, NULL, 10);

      return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT " °C", tenths / 10, tenths % 10);
    }
  return g_strdup (fact);
}

/**
 * wg_figure_list_window_reload:
 * @self: a #WgFigureListWindow
 */
void
wg_figure_list_window_reload (WgFigureListWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *description = NULL;
  gboolean writable = !wg_store_is_read_only (self->store);
  guint shown = 0;

  g_return_if_fail (WG_IS_FIGURE_LIST_WINDOW (self));

  rows = self->figure >= 0 ? wg_store_list_figure (self->store, self->figure, self->grid_code, self->day, self->now,
                                                   &error)
                           : wg_store_list_precision (self->store, self->precision, self->grid_code, self->day,
                                                      self->now, &error);
  if (rows == NULL)
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  wg_desk_clear_list (self->rows_box);
  for (guint i = 0; i < rows->len; i++)
    {
      const WgFigureRow *row = g_ptr_array_index (rows, i);
      g_autofree char *fact = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *widget;

      /* A precision's list is its gaps. */
      if (self->precision >= 0 && row->ok)
        continue;
      shown++;
      fact = describe_fact (self, row);
      subtitle = g_strdup_printf ("%s%s%s", row->grid_code != NULL ? row->grid_code : "",
                                  *fact != '\0' && row->grid_code != NULL ? " · " : "", fact);
      widget = wg_desk_row_new (row->label, subtitle);
      if (self->precision == WG_PRECISION_TEAM && writable)
        adw_action_row_add_suffix (ADW_ACTION_ROW (widget),
                                   wg_desk_id_button_new (_("Assign…"), _("Assign the team member who is missing"),
                                                          "list.assign", row->id));
      if (self->precision == WG_PRECISION_TEMPERATURE && writable)
        adw_action_row_add_suffix (ADW_ACTION_ROW (widget),
                                   wg_desk_id_button_new (_("Record Reading…"), _("Record the missing reading"),
                                                          "list.reading", row->id));
      if (self->precision == WG_PRECISION_DISINFECTION && writable)
        adw_action_row_add_suffix (ADW_ACTION_ROW (widget),
                                   wg_desk_id_button_new (_("Record Visit…"), _("Record the team's visit to this place"),
                                                          "list.visit", row->id));
      if (rows_are_people (self))
        {
          GtkWidget *open = wg_desk_id_button_new (_("Open"), _("Show this person's file in the main window"),
                                                   "list.open", row->id);

          gtk_widget_add_css_class (open, "flat");
          adw_action_row_add_suffix (ADW_ACTION_ROW (widget), open);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->rows_box), widget);
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_steal_pointer (&rows);
  description = self->precision >= 0
                  ? g_strdup_printf (_("%u of %u fall short"), shown, self->rows->len)
                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", shown), shown);
  adw_preferences_group_set_description (self->group, description);
}

static void
report_change (WgFigureListWindow *self,
               gboolean            ok,
               const GError       *error,
               const char         *done)
{
  if (!ok)
    {
      wg_desk_toast (self->toast_overlay, error->message);
      return;
    }
  wg_desk_toast (self->toast_overlay, done);
  wg_figure_list_window_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static char *
check_member (GtkWidget *dialog)
{
  const char *name = wg_form_dialog_get_text (dialog, "name");

  return name == NULL || *name == '\0' ? g_strdup ("") : NULL;
}

static void
on_assign_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       WgFigureListWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint choice;
  gboolean ok;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  choice = wg_form_dialog_get_choice (GTK_WIDGET (dialog), "role");
  if (choice >= self->dialog_roles->len)
    return;
  ok = wg_store_set_team_member (self->store, self->dialog_person, g_array_index (self->dialog_roles, guint, choice),
                                 wg_form_dialog_get_text (GTK_WIDGET (dialog), "name"),
                                 wg_form_dialog_get_text (GTK_WIDGET (dialog), "phone"), &error);
  report_change (self, ok, error, _("Team member assigned."));
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WgFigureListWindow *self = WG_FIGURE_LIST_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const WgFigureRow *row = find_row (self, id);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  if (self->dialog != NULL || row == NULL)
    return;
  g_array_set_size (self->dialog_roles, 0);
  for (guint role = 1; role <= WG_TEAM_ROLES; role++)
    if (row->fact == NULL || strlen (row->fact) < role || row->fact[role - 1] != '1')
      {
        g_array_append_val (self->dialog_roles, role);
        g_strv_builder_add (names, self->roles[role - 1]);
      }
  items = g_strv_builder_end (names);
  self->dialog_person = id;
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Assign a Team Member"), row->label, check_member);
  wg_form_dialog_add_choice (self->dialog, "role", _("Role"), (const char *const *) items);
  wg_form_dialog_add_field (self->dialog, "name", _("Name"), NULL);
  wg_form_dialog_add_field (self->dialog, "phone", _("Phone"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Assign"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_assign_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static gboolean
parse_reading (const char *text,
               int        *tenths)
{
  double value;
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || value < 34.0 || value > 43.0)
    return FALSE;
  *tenths = (int) (value * 10 + 0.5);
  return TRUE;
}

static char *
check_reading (GtkWidget *dialog)
{
  const char *reading = wg_form_dialog_get_text (dialog, "reading");
  const char *at = wg_form_dialog_get_text (dialog, "at");
  int tenths;

  if (reading == NULL || *reading == '\0')
    return g_strdup ("");
  if (!parse_reading (reading, &tenths))
    return g_strdup (_("A temperature from 34.0 to 43.0 °C."));
  if (at == NULL || strlen (at) != 5 || at[2] != ':')
    return g_strdup (_("Write the time as HH:MM."));
  return NULL;
}

static void
on_reading_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        WgFigureListWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  int tenths = 0;
  gboolean ok;

  self->dialog = NULL;
  if (!g_str_equal (response, "add") ||
      !parse_reading (wg_form_dialog_get_text (GTK_WIDGET (dialog), "reading"), &tenths))
    return;
  at = g_strdup_printf ("%s %s:00", self->day, wg_form_dialog_get_text (GTK_WIDGET (dialog), "at"));
  ok = wg_store_add_temperature (self->store, self->dialog_person, at, tenths, &error);
  report_change (self, ok, error, _("Reading recorded."));
}

static void
reading_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WgFigureListWindow *self = WG_FIGURE_LIST_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const WgFigureRow *row = find_row (self, id);
  g_autofree char *body = NULL;
  g_autofree char *at = NULL;

  if (self->dialog != NULL || row == NULL)
    return;
  self->dialog_person = id;
  body = g_strdup_printf ("%s · %s", row->label, self->day);
  /* The round's usual hour — but never later than a minute ago today. */
  at = g_strdup (g_strcmp0 (row->fact, "afternoon") == 0 ? "15:00" : "09:00");
  {
    g_autoptr(GDateTime) clock = NULL;
    g_autoptr(GDateTime) before = NULL;
    g_autofree char *today = NULL;
    g_autofree char *time = NULL;

    if (self->now != NULL)
      {
        g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
        g_autofree char *iso = g_strdup (self->now);

        iso[10] = 'T';
        clock = g_date_time_new_from_iso8601 (iso, zone);
      }
    else
      clock = g_date_time_new_now_local ();
    before = clock != NULL ? g_date_time_add_minutes (clock, -1) : NULL;
    today = before != NULL ? g_date_time_format (before, "%Y-%m-%d") : NULL;
    time = before != NULL ? g_date_time_format (before, "%H:%M") : NULL;
    if (g_strcmp0 (today, self->day) == 0 && strcmp (time, at) < 0)
      {
        g_free (at);
        at = g_steal_pointer (&time);
      }
    else if (g_strcmp0 (today, self->day) < 0 && clock != NULL)
      {
        /* The day's first minute: at midnight. */
        g_free (at);
        at = g_strdup ("00:00");
      }
  }
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Record a Reading"), body, check_reading);
  wg_form_dialog_add_field (self->dialog, "reading", _("Temperature (°C)"), NULL);
  wg_form_dialog_add_field (self->dialog, "at", _("At (HH:MM)"), at);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Record"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_reading_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static char *
check_visit (GtkWidget *dialog)
{
  const char *by = wg_form_dialog_get_text (dialog, "by");
  const char *at = wg_form_dialog_get_text (dialog, "at");

  if (by == NULL || *by == '\0')
    return g_strdup ("");
  if (at == NULL || strlen (at) != 5 || at[2] != ':')
    return g_strdup (_("Write the time as HH:MM."));
  return NULL;
}

static void
on_visit_response_cb (AdwMessageDialog   *dialog,
                      const char         *response,
                      WgFigureListWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  gboolean ok;

  self->dialog = NULL;
  if (!g_str_equal (response, "add"))
    return;
  at = g_strdup_printf ("%s %s:00", self->day, wg_form_dialog_get_text (GTK_WIDGET (dialog), "at"));
  ok = wg_store_record_disinfection_for_plan (self->store, self->dialog_person, at,
                                              wg_form_dialog_get_text (GTK_WIDGET (dialog), "by"),
                                              wg_form_dialog_get_text (GTK_WIDGET (dialog), "what"), NULL, &error);
  report_change (self, ok, error, _("Visit recorded."));
}

/* A slot not visited: the visit recorded (the row names its plan). */
static void
visit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WgFigureListWindow *self = WG_FIGURE_LIST_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const WgFigureRow *row = find_row (self, id);
  g_autofree char *body = NULL;
  g_autofree char *at = NULL;

  if (self->dialog != NULL || row == NULL)
    return;
  self->dialog_person = id;
  body = g_strdup_printf ("%s · %s", row->label, row->fact != NULL ? row->fact : "");
  at = row->fact != NULL && strlen (row->fact) >= 16 ? g_strndup (row->fact + 11, 5) : g_strdup ("10:00");
  self->dialog = wg_form_dialog_new (GTK_WIDGET (self), _("Record a Disinfection Visit"), body, check_visit);
  wg_form_dialog_add_field (self->dialog, "at", _("At (HH:MM)"), at);
  wg_form_dialog_add_field (self->dialog, "by", _("Disinfected By"), NULL);
  wg_form_dialog_add_field (self->dialog, "what", _("What Was Done"), NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self->dialog), "add", _("_Record"));
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_visit_response_cb), self);
  wg_form_dialog_present (self->dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_PERSON], 0, g_variant_get_int64 (parameter));
}

guint
wg_figure_list_window_get_n_rows (WgFigureListWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (WG_IS_FIGURE_LIST_WINDOW (self), 0);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    n += self->precision < 0 || !((WgFigureRow *) self->rows->pdata[i])->ok;
  return n;
}

/* The id of the @n-th row shown, or 0. */
gint64
wg_figure_list_window_get_row_id (WgFigureListWindow *self,
                                  guint               n)
{
  g_return_val_if_fail (WG_IS_FIGURE_LIST_WINDOW (self), 0);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      const WgFigureRow *row = g_ptr_array_index (self->rows, i);

      if (self->precision >= 0 && row->ok)
        continue;
      if (n-- == 0)
        return row->id;
    }
  return 0;
}

GtkWidget *
wg_figure_list_window_get_dialog (WgFigureListWindow *self)
{
  g_return_val_if_fail (WG_IS_FIGURE_LIST_WINDOW (self), NULL);

  return self->dialog;
}

static void
wg_figure_list_window_dispose (GObject *object)
{
  WgFigureListWindow *self = WG_FIGURE_LIST_WINDOW (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->grid_code, g_free);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->now, g_free);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dialog_roles, g_array_unref);

  G_OBJECT_CLASS (wg_figure_list_window_parent_class)->dispose (object);
}

static void
wg_figure_list_window_class_init (WgFigureListWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wg_figure_list_window_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  signals[OPEN_PERSON] = g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "list.assign", "x", assign_action);
  gtk_widget_class_install_action (widget_class, "list.reading", "x", reading_action);
  gtk_widget_class_install_action (widget_class, "list.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "list.visit", "x", visit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wg_figure_list_window_init (WgFigureListWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();

  self->dialog_roles = g_array_new (FALSE, FALSE, sizeof (guint));
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 640);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->rows_box = wg_desk_boxed_list_new ();
  adw_preferences_group_add (self->group, self->rows_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * wg_figure_list_window_new:
 * @store: the county database
 * @figure: a #WgFigure, or -1 and @precision
 * @precision: a #WgPrecision, or -1 and @figure
 * @grid_code: the grid
 * @day: the day
 * @now: (nullable): the desk's clock
 *
 * Returns: (transfer full): the rows behind a figure, or a precision's gaps
 */
WgFigureListWindow *
wg_figure_list_window_new (WgStore    *store,
                           int         figure,
                           int         precision,
                           const char *grid_code,
                           const char *day,
                           const char *now)
{
  WgFigureListWindow *self;
  g_autofree char *title = NULL;
  const char *what;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail ((figure >= 0) != (precision >= 0), NULL);

  self = g_object_new (WG_TYPE_FIGURE_LIST_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->figure = figure;
  self->precision = precision;
  self->grid_code = g_strdup (grid_code);
  self->day = g_strdup (day);
  self->now = g_strdup (now);
  self->roles = wg_store_dup_team_roles (store);
  what = figure >= 0 ? wg_figure_describe (figure) : wg_precision_describe (precision);
  /* Translators: the list's title: "Home Quarantine — 141021100 · 2026-11-30" */
  title = g_strdup_printf (_("%s — %s · %s"), what, grid_code, day);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_group_set_title (self->group, what);
  wg_figure_list_window_reload (self);
  return self;
}
