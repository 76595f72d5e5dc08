/* errata-experiment-run.h: one variant of an experiment, run: every
 * (query, repeat) pair without a reply goes through the variant's target on
 * the synthetic-data queue (errata-synth-queue.h: the target's concurrency,
 * pace, timeout and retries; commits in small transactions; Cancel), each
 * reply stored as a trace (source "experiment", metadata.experiment with
 * the experiment, variant, query and repeat; metadata.dimensions for
 * synthetic queries). Running again (resume after Cancel or a kill) sends
 * only the pairs still without a reply.
 *
 * Then the variant is scored: every evaluator with a finalized version runs
 * its newest finalized version on the variant's traces that version has no
 * verdict for, through the evaluators core (errata-eval-run.h), one eval
 * run per evaluator version and variant (a resumed variant adds a run for
 * its new traces only). A judge needing an LLM is skipped when no client is
 * given, and said so in the result.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-experiment.h"
#include "errata-llm-client.h"
#include "errata-synth-target.h"

G_BEGIN_DECLS

typedef enum
{
  ERRATA_EXPERIMENT_PHASE_SENDING,   /* queries going through the variant's target */
  ERRATA_EXPERIMENT_PHASE_SCORING,   /* evaluators judging the replies */
} ErrataExperimentPhase;

typedef enum
{
  ERRATA_EXPERIMENT_RUN_DEFAULT  = 0,
  ERRATA_EXPERIMENT_RUN_NO_SCORE = 1 << 0,   /* send only; score later */
  ERRATA_EXPERIMENT_RUN_NO_SEND  = 1 << 1,   /* score what is there */
} ErrataExperimentRunFlags;

typedef struct
{
  ErrataExperimentPhase phase;
  /* Sending: pairs to send this time, calls back, replies stored, failed calls. */
  guint    total;
  guint    done;
  guint    n_traces;
  guint    n_failed;
  /* Scoring: evaluator versions to run, runs finished, and of the current
   * run, traces judged out of its total. */
  guint    n_evaluators;
  guint    evaluators_done;
  guint    judged;
  guint    to_judge;
  gboolean cancelled;
} ErrataExperimentRunProgress;

typedef struct
{
  ErrataExperimentRunProgress progress;  /* as at the end */
  guint     n_pairs_before;  /* pairs that had a reply before this run */
  guint     n_missing;       /* pairs still without a reply (failed calls, Cancel) */
  GArray   *eval_run_ids;    /* gint64: the eval runs this run made */
  char    **skipped;         /* evaluators not run, each with why (no LLM client, not trusted…) */
} ErrataExperimentRunResult;

typedef void (*ErrataExperimentRunProgressFunc) (const ErrataExperimentRunProgress *progress,
                                                 gpointer                           user_data);

/* The target of a variant as a synthetic-data target (its trust is this
 * machine's, as for the project's synthetic-data target). */
ErrataSynthTarget *errata_experiment_variant_new_target (ErrataProject                   *project,
                                                         const ErrataExperimentVariant   *variant,
                                                         GError                         **error);

/* `target`: NULL to build it from the variant (pass one to set its
 * directory, retry delays or trust first). `client`: NULL to skip judges
 * that need an LLM. Cancel keeps what came back and ends as a result with
 * cancelled set, not an error. */
void     errata_experiment_run_async  (ErrataProject                    *project,
                                       gint64                            variant_id,
                                       ErrataSynthTarget                *target,
                                       ErrataLlmClient                  *client,
                                       ErrataExperimentRunFlags          flags,
                                       ErrataExperimentRunProgressFunc   progress,
                                       gpointer                          progress_data,
                                       GCancellable                     *cancellable,
                                       GAsyncReadyCallback               callback,
                                       gpointer                          user_data);
ErrataExperimentRunResult *errata_experiment_run_finish (GAsyncResult   *result,
                                       GError                          **error);

void errata_experiment_run_result_free (ErrataExperimentRunResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataExperimentRunResult, errata_experiment_run_result_free)

G_END_DECLS
