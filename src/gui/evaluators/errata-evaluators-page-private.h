/* errata-evaluators-page-private.h: what the Evaluators page's files
 * share (errata-evaluators-page.c: the list, the selection and the
 * actions; errata-evaluators-page-list.c: what each row says;
 * errata-evaluators-page-run.c: runs, their progress, Cancel and Resume,
 * and the test-once dialogs).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-evaluators-page.h"
#include "errata-alignment-view.h"
#include "errata-disagreement-browser.h"
#include "errata-eval-run.h"
#include "errata-evaluators.h"
#include "errata-labels-panel.h"
#include "errata-test-panel.h"

G_BEGIN_DECLS

struct _ErrataEvaluatorsPage
{
  GtkWidget        parent_instance;

  ErrataWorkspace *workspace;
  gint64           evaluator_id;   /* shown on the right; 0 for none */

  /* The run in progress (one per page), and what comes after it. */
  ErrataEvalRun    *run;
  ErrataEvalMethod *run_method;    /* kept for the repeats of a group */
  GCancellable     *run_cancellable;
  gint64            run_evaluator;
  guint             repeats_left;  /* runs still to start in a repeat group */
  gint64            repeat_of;     /* the group's first run */
  gint64            resumable_run; /* shown in the resume bar; 0 for none */

  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  GtkListBox      *evaluator_list;
  GtkLabel        *title_label;
  GtkLabel        *state_label;
  GtkStack        *detail_stack;
  GtkRevealer     *run_revealer;
  GtkLabel        *run_label;
  GtkProgressBar  *run_progress;
  GtkRevealer     *resume_revealer;
  GtkLabel        *resume_label;
  ErrataLabelsPanel   *labels_panel;
  ErrataAlignmentView *alignment_view;
  ErrataTestPanel     *test_panel;
  GtkStack            *definition_stack;   /* one editor per evaluator opened */
  AdwBin              *disagreements_bin;
  ErrataDisagreementBrowser *disagreement_browser;
};

ErrataProject *_errata_evaluators_page_get_project  (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_show_error   (ErrataEvaluatorsPage *self,
                                                     const GError         *error);
char          *_errata_evaluators_page_describe_state (ErrataProject       *project,
                                                     const ErrataEvaluator *evaluator);
GtkWidget     *_errata_evaluators_page_new_row      (ErrataProject         *project,
                                                     const ErrataEvaluator *evaluator);

void           _errata_evaluators_page_start_run    (ErrataEvaluatorsPage *self,
                                                     ErrataEvalScope       scope,
                                                     guint                 repeats,
                                                     const char           *forced_reason);
void           _errata_evaluators_page_resume_run   (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_cancel_run   (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_ask_test     (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_update_resume (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_dispose_run  (ErrataEvaluatorsPage *self);

G_END_DECLS
