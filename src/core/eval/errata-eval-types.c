/* errata-eval-types.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-types.h"

G_DEFINE_QUARK (errata-eval-error-quark, errata_eval_error)

/* These strings are stored in project files and printed by errata-cli:
 * never translated. */
static const char * const split_names[] = { "", "train", "dev", "test" };
static const char * const scope_names[] = { "train", "dev", "test", "unlabeled", "all", "ids" };
static const char * const status_names[] = {
  "running", "done", "cancelled", "stopped", "failed", "interrupted",
};
static const char * const verdict_names[] = { "pass", "fail", "error" };

static int
index_of (const char * const *names,
          guint               n_names,
          const char         *text)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    if (g_str_equal (names[i], text))
      return (int)i;
  return -1;
}

const char *
errata_split_to_string (ErrataSplit split)
{
  g_return_val_if_fail (split < G_N_ELEMENTS (split_names), "");

  return split_names[split];
}

ErrataSplit
errata_split_from_string (const char *text)
{
  int i = text != NULL && *text != '\0' ? index_of (split_names, G_N_ELEMENTS (split_names), text)
                                        : -1;

  return i < 0 ? ERRATA_SPLIT_NONE : (ErrataSplit)i;
}

const char *
errata_eval_scope_to_string (ErrataEvalScope scope)
{
  g_return_val_if_fail (scope < G_N_ELEMENTS (scope_names), "all");

  return scope_names[scope];
}

/* "unlabelled" is accepted as well (DESIGN.md: one spelling, the other an
 * alias). */
gboolean
errata_eval_scope_from_string (const char      *text,
                               ErrataEvalScope *scope)
{
  int i = index_of (scope_names, G_N_ELEMENTS (scope_names), text);

  if (i < 0 && g_strcmp0 (text, "unlabelled") == 0)
    i = ERRATA_SCOPE_UNLABELED;
  if (i < 0)
    return FALSE;
  *scope = (ErrataEvalScope)i;
  return TRUE;
}

const char *
errata_run_status_to_string (ErrataRunStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), "failed");

  return status_names[status];
}

ErrataRunStatus
errata_run_status_from_string (const char *text)
{
  int i = index_of (status_names, G_N_ELEMENTS (status_names), text);

  return i < 0 ? ERRATA_RUN_FAILED : (ErrataRunStatus)i;
}

const char *
errata_judge_verdict_to_string (ErrataJudgeVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdict_names), "error");

  return verdict_names[verdict];
}

gboolean
errata_judge_verdict_from_string (const char         *text,
                                  ErrataJudgeVerdict *verdict)
{
  int i = index_of (verdict_names, G_N_ELEMENTS (verdict_names), text);

  if (i < 0)
    return FALSE;
  *verdict = (ErrataJudgeVerdict)i;
  return TRUE;
}

ErrataEvalOutcome *
errata_eval_outcome_new (ErrataJudgeVerdict verdict)
{
  ErrataEvalOutcome *outcome = g_new0 (ErrataEvalOutcome, 1);

  outcome->verdict = verdict;
  outcome->latency_ms = -1;
  return outcome;
}

ErrataEvalOutcome *
errata_eval_outcome_new_error (const char *message)
{
  ErrataEvalOutcome *outcome = errata_eval_outcome_new (ERRATA_JUDGE_ERROR);

  outcome->error = g_strdup (message);
  return outcome;
}

void
errata_eval_outcome_free (ErrataEvalOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->reasoning);
  g_free (outcome->raw);
  g_free (outcome->error);
  g_free (outcome);
}
