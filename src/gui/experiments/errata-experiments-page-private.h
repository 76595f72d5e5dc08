/* errata-experiments-page-private.h: what the files of
 * ErrataExperimentsPage share: errata-experiments-page.c (experiments,
 * variants, runs), -compare.c (the comparison, costs, flips), -chart.c
 * (rates and intervals drawn), -dialogs.c (new experiment, new variant)
 * and -flip.c (two replies side by side).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-experiments-page.h"
#include "errata-experiment.h"
#include "errata-experiment-compare.h"
#include "errata-run-progress.h"

G_BEGIN_DECLS

struct _ErrataExperimentsPage
{
  GtkWidget                   parent_instance;

  ErrataWorkspace            *workspace;
  GCancellable               *compare_cancellable;  /* non-NULL while comparing */
  gint64                      running_variant;
  gint64                      experiment_id;        /* the selected one, 0: none */
  GPtrArray                  *variants;             /* ErrataExperimentVariant of it */
  ErrataExperimentComparison *comparison;           /* the one shown, or NULL */
  gboolean                    filling;              /* lists being refilled: ignore selection */

  AdwToastOverlay            *toast_overlay;
  GtkStack                   *stack;
  GtkListBox                 *experiments_list;
  GtkLabel                   *experiment_title;
  GtkLabel                   *experiment_summary;
  GtkListBox                 *variants_list;
  ErrataRunProgress          *run_progress;         /* the run, the status line, the toast */
  GtkDropDown                *baseline_dropdown;
  GtkDropDown                *candidate_dropdown;
  GtkLabel                   *compare_summary;
  GtkGrid                    *table_grid;
  GtkDrawingArea             *chart;
  GtkGrid                    *costs_grid;
  GtkLabel                   *flips_title;
  GtkListBox                 *flips_list;
};

ErrataProject *_errata_experiments_page_get_project (ErrataExperimentsPage *self);
/* In the status line and a toast. */
void           _errata_experiments_page_say         (ErrataExperimentsPage *self,
                                                     const char            *text);
/* Reloads the page with `experiment_id` selected (0: the first). */
void           _errata_experiments_page_select      (ErrataExperimentsPage *self,
                                                     gint64                 experiment_id);
GtkWidget     *_errata_experiments_cell             (const char            *text,
                                                     const char            *css_class);
void           _errata_experiments_clear_grid       (GtkGrid               *grid);

/* -compare.c */
void           _errata_experiments_page_class_add_compare (GtkWidgetClass  *widget_class);
void           _errata_experiments_page_fill_dropdowns    (ErrataExperimentsPage *self);
void           _errata_experiments_page_clear_comparison  (ErrataExperimentsPage *self);
void           _errata_experiments_page_show_comparison   (ErrataExperimentsPage *self);
void           _errata_experiments_page_flip_activated    (ErrataExperimentsPage *self,
                                                           GtkListBoxRow         *row);

/* -chart.c: per row the baseline's rate and every candidate's. */
void           _errata_experiments_chart_draw     (GtkDrawingArea             *area,
                                                   cairo_t                    *cr,
                                                   int                         width,
                                                   int                         height,
                                                   gpointer                    user_data);
int            _errata_experiments_chart_height   (ErrataExperimentComparison *comparison);
/* The series drawn, one line each (the chart's tooltip and accessible
 * description: a screen reader cannot see the drawing). */
char          *_errata_experiments_chart_describe (ErrataExperimentComparison *comparison);

/* -dialogs.c */
void           _errata_experiments_page_new_experiment (ErrataExperimentsPage *self);
void           _errata_experiments_page_new_variant    (ErrataExperimentsPage *self);

/* -flip.c: the two replies of a flip side by side, differences marked. */
GtkWidget     *_errata_experiments_flip_window_new (GtkWindow   *parent,
                                                    const char  *query,
                                                    const char  *baseline_name,
                                                    const char  *baseline_reply,
                                                    const char  *candidate_name,
                                                    const char  *candidate_reply);

G_END_DECLS
