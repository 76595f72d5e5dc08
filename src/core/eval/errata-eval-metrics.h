/* errata-eval-metrics.h: how well a run agrees with the human labels, the
 * corrected failure rate, and how much a judge changes its mind.
 *
 * Metrics read the labels as they are now: a label corrected after the
 * run changes the metrics of that run, so the numbers always compare the
 * judge with today's ground truth.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-alignment.h"
#include "errata-corrected-rate.h"
#include "errata-eval-types.h"
#include "errata-flakiness.h"
#include "errata-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64          run_id;
  ErrataAlignment alignment;     /* positive class = pass; 95% Wilson intervals */
  guint           n_verdicts;    /* verdicts the run stored */
  guint           n_errors;      /* of them, errors: neither pass nor fail */
  guint           n_disputed;    /* verdicts on traces now disputed: left out */
  guint           n_unlabelled;  /* verdicts on traces without a label: left out */
  guint           n_missing;     /* traces of the scope without a verdict yet */
} ErrataEvalMetrics;

typedef struct
{
  ErrataCorrectedRate rate;
  gint64              test_run_id;
  gint64              unlabelled_run_id;
  guint               version;
  guint               n_test_looks;   /* runs on test of this evaluator, forced ones included */
  guint               unlabelled_errors;
  /* What the estimators stand on: the test run's verdicts against today's
   * labels, and the unlabeled run's verdicts (PPI++ reads them too). */
  ErrataConfusion     test;
  guint               unlabelled_pass;
  guint               unlabelled_fail;
} ErrataEvalEstimateResult;

typedef enum
{
  ERRATA_VERDICTS_CSV,
  ERRATA_VERDICTS_JSONL,
} ErrataVerdictsFormat;

gboolean errata_eval_metrics_compute   (ErrataProject                *project,
                                        gint64                        run_id,
                                        ErrataEvalMetrics            *out,
                                        GError                      **error);
gboolean errata_eval_estimate          (ErrataProject                *project,
                                        gint64                        evaluator_id,
                                        const ErrataBootstrapOptions *options,
                                        ErrataEvalEstimateResult     *out,
                                        GError                      **error);
/* The runs and counts of errata_eval_estimate(), without the corrected
 * rate (left zero): for an estimator that needs no TPR + TNR > 1. */
gboolean errata_eval_estimate_gather   (ErrataProject                *project,
                                        gint64                        evaluator_id,
                                        ErrataEvalEstimateResult     *out,
                                        GError                      **error);
/* The confusion matrix of the evaluator's newest test run against
 * today's labels; fails with ERRATA_EVAL_ERROR_UNDEFINED without a done
 * test run. */
gboolean errata_eval_test_confusion    (ErrataProject                *project,
                                        gint64                        evaluator_id,
                                        ErrataConfusion              *out,
                                        gint64                       *test_run_id,
                                        guint                        *version,
                                        GError                      **error);
gboolean errata_eval_flakiness         (ErrataProject                *project,
                                        gint64                        run_id,
                                        ErrataFlakiness              *out,
                                        GError                      **error);
gboolean errata_eval_write_verdicts    (ErrataProject                *project,
                                        gint64                        run_id,
                                        ErrataVerdictsFormat          format,
                                        GOutputStream                *stream,
                                        GCancellable                 *cancellable,
                                        GError                      **error);

G_END_DECLS
