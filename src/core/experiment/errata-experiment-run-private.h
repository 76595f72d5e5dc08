/* errata-experiment-run-private.h: what sending and scoring a variant
 * share (errata-experiment-run.c, errata-experiment-score.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-eval-run.h"
#include "errata-experiment-run.h"

G_BEGIN_DECLS

typedef struct
{
  ErrataProject                    *project;
  ErrataSynthTarget                *target;
  ErrataLlmClient                  *client;      /* nullable */
  ErrataExperimentRunFlags          flags;
  ErrataExperiment                 *experiment;
  ErrataExperimentVariant          *variant;
  ErrataExperimentRunProgressFunc   progress;
  gpointer                          progress_data;
  ErrataExperimentRunResult        *result;      /* NULL once returned */
  GPtrArray                        *skipped;     /* of char *: evaluators not run, and why */
  GPtrArray                        *to_score;    /* of ScoreJob (errata-experiment-score.c) */
  ErrataEvalRun                    *eval_run;    /* the one running */
} ExperimentRun;

void _errata_experiment_run_free   (ExperimentRun *run);
void _errata_experiment_run_report (ExperimentRun *run);
/* Takes the task: scores the variant, then returns the result. */
void _errata_experiment_score      (GTask         *task);
void _errata_experiment_run_return (GTask         *task);

G_END_DECLS
