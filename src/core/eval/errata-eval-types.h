/* errata-eval-types.h: the words of measuring, shared by labels, splits,
 * evaluators, runs and their metrics.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-alignment.h"

G_BEGIN_DECLS

/* A target is what an evaluator measures and a label is about: the overall
 * verdict, or one failure mode, named by its id (> 0). */
#define ERRATA_TARGET_OVERALL ((gint64)0)

#define ERRATA_EVAL_ERROR (errata_eval_error_quark ())

typedef enum
{
  ERRATA_EVAL_ERROR_INVALID,       /* a definition, parameter or input that makes no sense */
  ERRATA_EVAL_ERROR_NOT_FOUND,     /* no such evaluator, version, run, target or trace */
  ERRATA_EVAL_ERROR_EXISTS,        /* the name is taken */
  ERRATA_EVAL_ERROR_LEAK,          /* few-shot examples outside the train split */
  ERRATA_EVAL_ERROR_LOCKED,        /* the version has run or is finalized: make a new one */
  ERRATA_EVAL_ERROR_NOT_FINALIZED, /* the test split needs a finalized version */
  ERRATA_EVAL_ERROR_TEST_SEEN,     /* the test split was looked at before: force, with a reason */
  ERRATA_EVAL_ERROR_SPLIT_FROZEN,  /* a test run exists: the split may not be reshuffled */
  ERRATA_EVAL_ERROR_NOT_TRUSTED,   /* a command from a project this machine does not trust */
  ERRATA_EVAL_ERROR_UNDEFINED,     /* a metric or estimate that this data cannot define */
} ErrataEvalError;

typedef enum
{
  ERRATA_SPLIT_NONE,   /* not labelled, disputed, or not assigned yet */
  ERRATA_SPLIT_TRAIN,
  ERRATA_SPLIT_DEV,
  ERRATA_SPLIT_TEST,
} ErrataSplit;

/* Which traces a run goes over. Labelled scopes hold only traces with an
 * undisputed label and a split; UNLABELED holds the traces without any
 * label for the target (disputed ones are neither). */
typedef enum
{
  ERRATA_SCOPE_TRAIN,
  ERRATA_SCOPE_DEV,
  ERRATA_SCOPE_TEST,
  ERRATA_SCOPE_UNLABELED,
  ERRATA_SCOPE_ALL,
  ERRATA_SCOPE_IDS,
} ErrataEvalScope;

typedef enum
{
  ERRATA_RUN_RUNNING,
  ERRATA_RUN_DONE,
  ERRATA_RUN_CANCELLED,
  ERRATA_RUN_STOPPED,      /* max_cost reached */
  ERRATA_RUN_FAILED,       /* the method could not run at all (no key, no trust, …) */
  ERRATA_RUN_INTERRUPTED,  /* stored as running by a process that is gone (kill -9, crash) */
} ErrataRunStatus;

/* What one evaluation of one trace gave. An error is never a pass or a fail:
 * verdict is ERRATA_JUDGE_ERROR and `error` says why. */
typedef struct
{
  ErrataJudgeVerdict verdict;
  char              *reasoning;   /* nullable: a judge's reasoning, a check's explanation */
  char              *raw;         /* nullable: the reply or output as received */
  char              *error;       /* nullable: set when verdict is ERRATA_JUDGE_ERROR */
  double             latency_ms;  /* < 0 when not measured */
  gint64             tokens_in;   /* 0 for code checks */
  gint64             tokens_out;
  double             cost;        /* US dollars */
} ErrataEvalOutcome;

GQuark             errata_eval_error_quark        (void);

const char        *errata_split_to_string         (ErrataSplit         split);
ErrataSplit        errata_split_from_string       (const char         *text);
const char        *errata_eval_scope_to_string    (ErrataEvalScope     scope);
gboolean           errata_eval_scope_from_string  (const char         *text,
                                                   ErrataEvalScope    *scope);
const char        *errata_run_status_to_string    (ErrataRunStatus     status);
ErrataRunStatus    errata_run_status_from_string  (const char         *text);
const char        *errata_judge_verdict_to_string (ErrataJudgeVerdict  verdict);
gboolean           errata_judge_verdict_from_string (const char       *text,
                                                   ErrataJudgeVerdict *verdict);

ErrataEvalOutcome *errata_eval_outcome_new        (ErrataJudgeVerdict  verdict);
ErrataEvalOutcome *errata_eval_outcome_new_error  (const char         *message);
void               errata_eval_outcome_free       (ErrataEvalOutcome  *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataEvalOutcome, errata_eval_outcome_free)

G_END_DECLS
