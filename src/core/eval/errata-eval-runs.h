/* errata-eval-runs.h: the runs of evaluator versions as stored, and their
 * verdicts. The runner (errata-eval-run) writes them; lists, metrics, the
 * CLI and the Evaluators page read them here.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-eval-types.h"
#include "errata-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64           id;
  gint64           version_id;
  gint64           evaluator_id;
  guint            version;          /* the version's number */
  ErrataEvalScope  scope;
  ErrataRunStatus  status;           /* RUNNING only while its process lives */
  gint64           repeat_of;        /* 0, or the first run of a --repeat group */
  guint            total;            /* traces in the scope when it started */
  guint            n_pass;
  guint            n_fail;
  guint            n_error;
  gint64           tokens_in;
  gint64           tokens_out;
  double           cost;
  double           max_cost;         /* 0: none */
  char            *forced_reason;    /* a forced second look at test, and why */
  char            *message;          /* why it stopped or failed */
  gint64           started_at;
  gint64           ended_at;         /* 0 while running or interrupted */
  char            *owner;            /* "host:pid" of the process that ran it last */
} ErrataRunInfo;

typedef struct
{
  gint64              trace_id;
  ErrataJudgeVerdict  verdict;
} ErrataVerdictEntry;

ErrataRunInfo *errata_eval_runs_get           (ErrataProject  *project,
                                               gint64          run_id,
                                               GError        **error);
GPtrArray     *errata_eval_runs_list          (ErrataProject  *project,
                                               gint64          evaluator_id,
                                               GError        **error);
ErrataRunInfo *errata_eval_runs_find_latest   (ErrataProject  *project,
                                               gint64          evaluator_id,
                                               guint           version,
                                               ErrataEvalScope scope,
                                               GError        **error);
GArray        *errata_eval_runs_scope_ids     (ErrataProject  *project,
                                               gint64          run_id,
                                               GError        **error);
GArray        *errata_eval_runs_verdicts      (ErrataProject  *project,
                                               gint64          run_id,
                                               GError        **error);
ErrataEvalOutcome *errata_eval_runs_get_outcome (ErrataProject *project,
                                               gint64          run_id,
                                               gint64          trace_id,
                                               GError        **error);
GPtrArray     *errata_eval_runs_repeat_group  (ErrataProject  *project,
                                               gint64          run_id,
                                               GError        **error);
void           errata_run_info_free           (ErrataRunInfo  *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataRunInfo, errata_run_info_free)

G_END_DECLS
