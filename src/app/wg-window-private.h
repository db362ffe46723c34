/* wg-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the files of the main window (as gnome-text-editor's
 * editor-window-private.h): its struct, the helpers they share, and what
 * the tests look at.
 */

#pragma once

#include "wg-alert-panel.h"
#include "wg-grid-node.h"
#include "wg-grid-page.h"
#include "wg-household-page.h"
#include "wg-person-page.h"
#include "wg-print-view.h"
#include "wg-window.h"

G_BEGIN_DECLS

struct _WgWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkListView *tree_view;
  GtkSearchEntry *search_entry;
  GtkStack *sidebar_stack;
  GtkListBox *results_list;
  GtkLabel *results_cap_label;
  GtkScrolledWindow *results_scroller;
  GtkStack *content_stack;
  WgGridPage *grid_page;
  WgHouseholdPage *household_page;
  WgPersonPage *person_page;
  AdwStatusPage *error_page;
  GtkToggleButton *alerts_button;
  GtkLabel *alerts_badge;
  AdwFlap *alerts_flap;
  WgAlertPanel *alert_panel;

  /* owned */
  WgContext *context;
  WgStore *store;             /* the context's */
  GError *open_error;
  WgGridTree *tree;
  GtkTreeListModel *tree_model;
  GtkSingleSelection *tree_selection;
  guint alerts_refresh_id;
  guint figures_refresh_id;   /* figures to count again, soon */
  guint page_refresh_id;      /* the page shown, to read again soon (another desk) */
  guint operator_id;          /* asking who is at the desk, at first start */
  guint reports_check_id;     /* each minute: has the report hour come? */
  char *reports_prompted;     /* the day the missing reports were shown */
  gboolean dashboard_shown;   /* the dashboard opened at start, once */
  gboolean came_from_search;  /* the content was opened from a search result */
};

const char *wg_window_sync_operator         (WgWindow       *self);
GSettings  *wg_window_get_settings          (WgWindow       *self);
char       *wg_window_dup_current_grid_code (WgWindow       *self);
WgGridNode *wg_window_find_household_node   (WgWindow       *self,
                                             const char     *micro_code,
                                             gint64          household_id);
void        wg_window_refresh_alerts        (WgWindow       *self);
void        wg_window_queue_ask_operator    (GtkWidget      *widget);
void        wg_window_class_init_actions    (GtkWidgetClass *widget_class);
void        wg_window_class_init_search     (GtkWidgetClass *widget_class);
void        wg_window_class_init_alerts     (GtkWidgetClass *widget_class);
void        wg_window_init_actions          (WgWindow       *self);
void        wg_window_init_search           (WgWindow       *self);
void        wg_window_watch_alerts          (WgWindow       *self);

/* Used across the window's files and by the tests. */
WgStore      *wg_window_get_store         (WgWindow    *self);
const char   *wg_window_get_page          (WgWindow    *self);
void          wg_window_reload            (WgWindow    *self);
void          wg_window_select_node       (WgWindow    *self,
                                           WgGridNode  *node);
guint         wg_window_search            (WgWindow    *self,
                                           const char  *text);
void          wg_window_search_activate   (WgWindow    *self);
void          wg_window_open_person       (WgWindow    *self,
                                           gint64       person_id);
GtkWidget    *wg_window_get_content       (WgWindow    *self);
WgGridTree   *wg_window_get_tree          (WgWindow    *self);
WgGridPage   *wg_window_get_grid_page     (WgWindow    *self);
void          wg_window_add_toast         (WgWindow    *self,
                                           const char  *title);
WgGridNode   *wg_window_get_selected_node (WgWindow    *self);
void          wg_window_rebuild           (WgWindow    *self,
                                           const char  *grid_code,
                                           gint64       household_id);
WgAlertPanel *wg_window_get_alert_panel   (WgWindow    *self);
WgSensorFeed *wg_window_get_feed          (WgWindow    *self);
WgPrintView  *wg_window_open_dossier      (WgWindow    *self,
                                           const char  *code,
                                           WgPrintThen  then);
int           wg_window_check_reports     (WgWindow    *self,
                                           GDateTime   *now);


G_END_DECLS
