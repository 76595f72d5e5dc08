/* errata-failure-modes-page-private.h: what the files of
 * ErrataFailureModesPage share (-actions.c, -dnd.c, -charts.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-failure-modes-page.h"
#include "errata-mode-grid.h"

G_BEGIN_DECLS

struct _ErrataFailureModesPage
{
  GtkWidget              parent_instance;

  ErrataWorkspace       *workspace;
  ErrataProject         *project;       /* the workspace's */
  ErrataTaxonomy        *taxonomy;      /* the workspace's */
  GSettings             *settings;      /* keeps the Unsorted toggle */
  GHashTable            *groups;        /* mode id -> ErrataModeGroup (borrowed) */
  ErrataModeGroup       *unsorted;
  char                  *filter_text;   /* folded */
  char                  *hint;
  char                  *menu_signature;  /* of the groups' move menus */
  GtkDropTarget         *new_mode_target;
  double                 reload_ms;
  guint                  actions_idle;
  guint                  autoscroll_id;
  double                 autoscroll_speed;  /* pixels a second; < 0 upwards */
  gint64                 autoscroll_time;   /* frame time of the last step, µs */
  gboolean               setting_entry;
  gboolean               show_passing;  /* Unsorted shows notes on passing traces */

  AdwToastOverlay       *toast_overlay;
  GtkStack              *main_stack;
  GtkSearchEntry        *search_entry;
  GtkLabel              *summary_label;
  GtkBox                *canvas_row;
  GtkScrolledWindow     *canvas_scroller;
  ErrataModeGrid        *canvas_box;
  GtkWidget             *flap;
  GtkWidget             *new_mode_button;
  ErrataSaturationChart *saturation_chart;
  GtkLabel              *saturation_hint;
  GtkLabel              *pareto_caption;
  ErrataParetoChart     *pareto_chart;
};

/* errata-failure-modes-page-actions.c */
void     _errata_failure_modes_page_class_actions_init (GtkWidgetClass         *widget_class);
void     _errata_failure_modes_page_show_error         (ErrataFailureModesPage *self,
                                                        const GError           *error);
void     _errata_failure_modes_page_update_move_menus  (ErrataFailureModesPage *self);

/* errata-failure-modes-page-dnd.c */
void     _errata_failure_modes_page_setup_dnd          (ErrataFailureModesPage *self);
void     _errata_failure_modes_page_stop_autoscroll    (ErrataFailureModesPage *self);

/* errata-failure-modes-page-charts.c */
void     _errata_failure_modes_page_class_charts_init  (GtkWidgetClass         *widget_class);
gboolean _errata_failure_modes_page_load_charts        (ErrataFailureModesPage *self,
                                                        GError                **error);

G_END_DECLS
