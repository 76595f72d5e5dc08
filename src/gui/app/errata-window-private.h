/* errata-window-private.h: what errata-window.c, errata-window-actions.c
 * and errata-window-dnd.c share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-window.h"
#include "errata-evaluators-page.h"
#include "errata-experiments-page.h"
#include "errata-failure-modes-page.h"
#include "errata-report-page.h"
#include "errata-synth-page.h"
#include "errata-traces-page.h"
#include "errata-workspace.h"

G_BEGIN_DECLS

#define PROJECT_SUFFIX ".errata"

/* The names of the project's pages in the view stack. */
#define PAGE_TRACES        "traces"
#define PAGE_FAILURE_MODES "failure-modes"
#define PAGE_EVALUATORS    "evaluators"
#define PAGE_REPORT        "report"
#define PAGE_SYNTH         "synth"
#define PAGE_EXPERIMENTS   "experiments"

struct _ErrataWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GFile                *file;          /* being opened, or open */
  ErrataWorkspace      *workspace;     /* NULL until the project is open */
  ErrataTracesPage    *traces_page;
  ErrataFailureModesPage *modes_page;
  ErrataEvaluatorsPage *evaluators_page;
  ErrataReportPage     *report_page;
  ErrataSynthPage      *synth_page;
  ErrataExperimentsPage *experiments_page;

  AdwHeaderBar         *header_bar;
  GtkStack             *title_stack;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  GtkSpinner           *spinner;
  GtkWidget            *opening_label;
  GtkWidget            *upgrade_box;
  GtkLabel             *upgrade_title;
  GtkProgressBar       *upgrade_bar;
  GtkWidget            *upgrade_cancel;
  AdwToastOverlay      *toast_overlay;

  gboolean              open_cancelled;   /* the user cancelled the upgrade */
  GCancellable         *compact_cancellable;  /* while compacting the project */

  gboolean              discard_unsaved;  /* the user chose to close without it */
};

void _errata_window_show_page                (ErrataWindow   *self,
                                              const char     *name);
void _errata_window_class_install_actions    (GtkWidgetClass *widget_class);
/* errata-window-upgrade.c: an older project's upgrade on screen. */
void _errata_window_class_init_upgrade       (GtkWidgetClass *widget_class);
void _errata_window_start_open               (ErrataWindow   *self,
                                              GFile          *file,
                                              GAsyncReadyCallback callback);
void _errata_window_end_open                 (ErrataWindow   *self);
/* After a cancelled upgrade: the welcome page, and a toast saying so. */
void _errata_window_tell_open_cancelled      (ErrataWindow   *self);
void _errata_window_update_actions           (ErrataWindow   *self);
/* errata-window-compact.c: Compact Project, and its offer after an
 * upgrade (`upgraded`: the sentence saying where the old file is). */
void     _errata_window_class_init_compact      (GtkWidgetClass *widget_class);
void     _errata_window_update_compact_actions  (ErrataWindow   *self);
gboolean _errata_window_offer_compact           (ErrataWindow   *self,
                                                 ErrataProject  *project,
                                                 const char     *upgraded);
void _errata_window_connect_page_signals     (ErrataWindow   *self);
void _errata_window_add_drop_target          (ErrataWindow   *self);
/* errata-window-merge.c: File → Merge Reviews From… */
/* Every page reads the project again (after a merge, a deletion). */
void _errata_window_reload_pages             (ErrataWindow   *self);
void _errata_window_choose_merge_file        (ErrataWindow   *self);

G_END_DECLS
