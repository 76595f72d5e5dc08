/* errata-evaluators-page-private.h: what the Evaluators page's files
 * share (errata-evaluators-page.c: the list, the selection and the
 * actions; errata-evaluators-page-list.c: what each row says;
 * errata-evaluators-page-run.c: runs, their progress, Cancel and Resume,
 * and the test-once dialogs; errata-evaluators-page-batch.c: a judge run
 * through the provider's Batch API, its waiting state, and picking it up
 * again when the project is opened).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-evaluators-page.h"
#include "errata-alignment-view.h"
#include "errata-eval-batch.h"
#include "errata-disagreement-browser.h"
#include "errata-eval-run.h"
#include "errata-eval-runs.h"
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
  gboolean          run_batch;     /* the run being prepared goes as a batch */
  ErrataEvalBatch  *batch;         /* drives self->run when it is a batch run */
  guint             batch_poll_first_ms;
  guint             batch_poll_max_ms;
  GHashTable       *picked_up;     /* batch runs resumed by themselves, by id */

  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  GtkListBox      *evaluator_list;
  GtkLabel        *title_label;
  GtkLabel        *state_label;
  GtkStack        *detail_stack;
  GtkRevealer     *run_revealer;
  GtkLabel        *run_label;
  GtkProgressBar  *run_progress;
  GtkButton       *cancel_button;
  GtkButton       *cancel_batch_button;
  GtkCheckButton  *batch_check;
  GtkLabel        *batch_hint;
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
void           _errata_evaluators_page_resume_batch (ErrataEvaluatorsPage *self,
                                                     gint64                evaluator_id,
                                                     gint64                run_id);
void           _errata_evaluators_page_ask_test     (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_update_resume (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_dispose_run  (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_set_running  (ErrataEvaluatorsPage *self,
                                                     gboolean              running);
void           _errata_evaluators_page_run_ended    (ErrataEvaluatorsPage *self,
                                                     gint64                evaluator_id);

/* errata-evaluators-page-batch.c */
void           _errata_evaluators_page_update_batch_option (ErrataEvaluatorsPage  *self,
                                                     const ErrataEvaluator *evaluator);
void           _errata_evaluators_page_start_batch  (ErrataEvaluatorsPage *self,
                                                     ErrataEvalRun        *run);
gboolean       _errata_evaluators_page_is_batch_run (ErrataEvaluatorsPage *self,
                                                     gint64                run_id);
void           _errata_evaluators_page_stop_waiting (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_ask_cancel_batch (ErrataEvaluatorsPage *self);
gboolean       _errata_evaluators_page_describe_stopped_batch (ErrataEvaluatorsPage *self,
                                                     const ErrataRunInfo  *run,
                                                     GString              *text);
void           _errata_evaluators_page_forget_stopped (ErrataEvaluatorsPage *self,
                                                     gint64                run_id);
void           _errata_evaluators_page_pick_up_batches (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_set_batch_poll (ErrataEvaluatorsPage *self,
                                                     guint                 first_ms,
                                                     guint                 max_ms);

G_END_DECLS
