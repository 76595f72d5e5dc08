/* errata-eval-run.h: one run of an evaluator version over a scope.
 *
 * Whatever the method (code check, command, LLM judge), a run keeps as
 * many evaluations in flight as the method allows, commits verdicts in
 * batches as they arrive (a killed process loses at most the last
 * batch, and the run then reads as interrupted), reports progress, stops
 * cleanly on Cancel or at a cost limit, and can be resumed: a resumed run
 * judges only the traces it has no verdict for.
 *
 * The rules of measuring are enforced here, for the CLI and the GUI
 * alike: the test split needs a finalized version and is looked at once
 * per evaluator (a second look must be forced, with a reason that is kept);
 * repeats never touch test; few-shot examples come from train.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-eval-method.h"
#include "errata-eval-types.h"
#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_EVAL_RUN (errata_eval_run_get_type ())

G_DECLARE_FINAL_TYPE (ErrataEvalRun, errata_eval_run, ERRATA, EVAL_RUN, GObject)

typedef struct
{
  guint  total;      /* traces in the scope */
  guint  done;       /* with a verdict (a resumed run counts the earlier ones) */
  guint  n_pass;
  guint  n_fail;
  guint  n_error;
  gint64 tokens_in;
  gint64 tokens_out;
  double cost;       /* US dollars so far */
} ErrataEvalProgress;

ErrataEvalRun   *errata_eval_run_new               (ErrataProject       *project,
                                                    gint64               version_id,
                                                    ErrataEvalMethod    *method,
                                                    ErrataEvalScope      scope,
                                                    GArray              *trace_ids);
ErrataEvalRun   *errata_eval_run_new_resume        (ErrataProject       *project,
                                                    gint64               run_id,
                                                    ErrataEvalMethod    *method,
                                                    GError             **error);
void             errata_eval_run_set_max_cost      (ErrataEvalRun       *self,
                                                    double               max_cost);
void             errata_eval_run_set_forced_reason (ErrataEvalRun       *self,
                                                    const char          *reason);
void             errata_eval_run_set_repeat_of     (ErrataEvalRun       *self,
                                                    gint64               run_id);
void             errata_eval_run_set_bypass_cache  (ErrataEvalRun       *self,
                                                    gboolean             bypass_cache);
void             errata_eval_run_set_batch_size    (ErrataEvalRun       *self,
                                                    guint                batch_size);
gboolean         errata_eval_run_check             (ErrataEvalRun       *self,
                                                    GError             **error);
void             errata_eval_run_estimate          (ErrataEvalRun       *self,
                                                    ErrataEvalEstimate  *total);
void             errata_eval_run_start_async       (ErrataEvalRun       *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         errata_eval_run_start_finish      (ErrataEvalRun       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gint64           errata_eval_run_get_id            (ErrataEvalRun       *self);
ErrataRunStatus  errata_eval_run_get_status        (ErrataEvalRun       *self);
const char      *errata_eval_run_get_message       (ErrataEvalRun       *self);
void             errata_eval_run_get_progress      (ErrataEvalRun       *self,
                                                    ErrataEvalProgress  *progress);

G_END_DECLS
