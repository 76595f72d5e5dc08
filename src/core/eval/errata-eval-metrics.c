/* errata-eval-metrics.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-eval-metrics.h"

#include <glib/gi18n-lib.h>

#include "errata-eval-runs.h"
#include "errata-evaluators.h"
#include "errata-ground-truth.h"

/* trace id → ErrataTruth, for the target of the run's evaluator. */
static GHashTable *
truth_by_trace (GArray *truths)
{
  GHashTable *table = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < truths->len; i++)
    {
      ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);

      g_hash_table_insert (table, &truth->trace_id, truth);
    }
  return table;
}

static gboolean
target_of_run (ErrataProject  *project,
               ErrataRunInfo  *run,
               gint64         *target,
               GError        **error)
{
  g_autoptr(ErrataEvaluator) evaluator = errata_evaluators_get (project, run->evaluator_id, error);

  if (evaluator == NULL)
    return FALSE;
  *target = evaluator->target;
  return TRUE;
}

/* The confusion of a run's verdicts against today's labels, and what was
 * left out of it. */
static gboolean
confusion_of_run (ErrataProject      *project,
                  ErrataRunInfo      *run,
                  ErrataConfusion    *confusion,
                  ErrataEvalMetrics  *counts,
                  GError            **error)
{
  g_autoptr(GArray) verdicts = NULL;
  g_autoptr(GArray) truths = NULL;
  g_autoptr(GHashTable) truth = NULL;
  gint64 target;

  *confusion = (ErrataConfusion) { 0, };
  if (!target_of_run (project, run, &target, error))
    return FALSE;
  verdicts = errata_eval_runs_verdicts (project, run->id, error);
  truths = verdicts ? errata_ground_truth_list (project, target, error) : NULL;
  if (truths == NULL)
    return FALSE;
  truth = truth_by_trace (truths);
  counts->n_verdicts = verdicts->len;
  for (guint i = 0; i < verdicts->len; i++)
    {
      ErrataVerdictEntry *entry = &g_array_index (verdicts, ErrataVerdictEntry, i);
      ErrataTruth *label = g_hash_table_lookup (truth, &entry->trace_id);

      if (entry->verdict == ERRATA_JUDGE_ERROR)
        counts->n_errors++;
      if (label != NULL && label->disputed)
        counts->n_disputed++;
      else if (label == NULL || label->value == ERRATA_VERDICT_UNSET)
        counts->n_unlabelled++;
      else
        errata_confusion_add (confusion, label->value, entry->verdict);
    }
  counts->n_missing = run->total > verdicts->len ? run->total - verdicts->len : 0;
  return TRUE;
}

gboolean
errata_eval_metrics_compute (ErrataProject      *project,
                             gint64              run_id,
                             ErrataEvalMetrics  *out,
                             GError            **error)
{
  g_autoptr(ErrataRunInfo) run = NULL;
  ErrataConfusion confusion;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = (ErrataEvalMetrics) { .run_id = run_id };
  run = errata_eval_runs_get (project, run_id, error);
  if (run == NULL || !confusion_of_run (project, run, &confusion, out, error))
    return FALSE;
  out->alignment = errata_alignment_from_confusion (&confusion, 0.95);
  return TRUE;
}

static ErrataRunInfo *
latest_test_run (ErrataProject  *project,
                 gint64          evaluator_id,
                 guint          *n_looks,
                 GError        **error)
{
  g_autoptr(GPtrArray) looks = errata_evaluators_list_test_looks (project, evaluator_id, error);
  ErrataTestLook *last;

  if (looks == NULL)
    return NULL;
  *n_looks = looks->len;
  if (looks->len == 0)
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_UNDEFINED,
                           _("The evaluator has not been run on the test split: the estimate "
                             "corrects with the judge's TPR and TNR on test. Finalize a version "
                             "and run it on test first."));
      return NULL;
    }
  last = looks->pdata[looks->len - 1];
  return errata_eval_runs_get (project, last->run_id, error);
}

static gboolean
check_done (ErrataRunInfo  *run,
            const char     *what,
            GError        **error)
{
  if (run->status == ERRATA_RUN_DONE)
    return TRUE;
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_UNDEFINED,
               /* Translators: %s is “test” or “unlabeled”; %s is the run's state, e.g.
                * “interrupted”; the number is the run's. */
               _("The %s run (run %" PRId64 ") is %s, not done: resume it first."),
               what, run->id, errata_run_status_to_string (run->status));
  return FALSE;
}

gboolean
errata_eval_estimate_gather (ErrataProject             *project,
                             gint64                     evaluator_id,
                             ErrataEvalEstimateResult  *out,
                             GError                   **error)
{
  g_autoptr(ErrataRunInfo) test = NULL;
  g_autoptr(ErrataRunInfo) unlabelled = NULL;
  ErrataEvalMetrics counts = { 0, };

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = (ErrataEvalEstimateResult) { 0, };
  test = latest_test_run (project, evaluator_id, &out->n_test_looks, error);
  if (test == NULL || !check_done (test, "test", error))
    return FALSE;
  unlabelled = errata_eval_runs_find_latest (project, evaluator_id, test->version,
                                             ERRATA_SCOPE_UNLABELED, error);
  if (unlabelled == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_UNDEFINED,
                     /* Translators: %u is a version number. */
                     _("Version %u has not been run on the unlabeled traces: the estimate "
                       "needs its verdicts there."), test->version);
      return FALSE;
    }
  if (!check_done (unlabelled, "unlabeled", error)
      || !confusion_of_run (project, test, &out->test, &counts, error))
    return FALSE;

  out->test_run_id = test->id;
  out->unlabelled_run_id = unlabelled->id;
  out->version = test->version;
  out->unlabelled_errors = unlabelled->n_error;
  out->unlabelled_pass = unlabelled->n_pass;
  out->unlabelled_fail = unlabelled->n_fail;
  return TRUE;
}

/* The judge's errors on its newest test run, for a caller that corrects
 * other verdicts of the same version (experiments). */
gboolean
errata_eval_test_confusion (ErrataProject    *project,
                            gint64            evaluator_id,
                            ErrataConfusion  *out,
                            gint64           *test_run_id,
                            guint            *version,
                            GError          **error)
{
  g_autoptr(ErrataRunInfo) test = NULL;
  ErrataEvalMetrics counts = { 0, };
  guint n_looks = 0;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  test = latest_test_run (project, evaluator_id, &n_looks, error);
  if (test == NULL || !check_done (test, "test", error)
      || !confusion_of_run (project, test, out, &counts, error))
    return FALSE;
  if (test_run_id != NULL)
    *test_run_id = test->id;
  if (version != NULL)
    *version = test->version;
  return TRUE;
}

/* The corrected pass rate on unlabelled traces (DESIGN.md, "Statistics"):
 * TPR and TNR from the newest test run of the evaluator, p_obs from the
 * newest unlabeled run of the same version. The bootstrap resamples both
 * the test pairs and the unlabelled verdicts (ERRATA_UNLABELLED_RESAMPLED):
 * the interval people read must carry the sampling error of the
 * unlabelled traces, which is most of it when they are few. */
gboolean
errata_eval_estimate (ErrataProject                 *project,
                      gint64                         evaluator_id,
                      const ErrataBootstrapOptions  *options,
                      ErrataEvalEstimateResult      *out,
                      GError                       **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!errata_eval_estimate_gather (project, evaluator_id, out, error))
    return FALSE;
  return errata_estimate_corrected_rate_full (&out->test, out->unlabelled_pass,
                                              out->unlabelled_fail, ERRATA_UNLABELLED_RESAMPLED,
                                              options, &out->rate, error);
}

/* Fleiss' κ and the share of changed verdicts over the runs of one
 * --repeat group, on the traces of the first run's scope. A trace a run
 * has no verdict for counts as an error in that run. */
gboolean
errata_eval_flakiness (ErrataProject    *project,
                       gint64            run_id,
                       ErrataFlakiness  *out,
                       GError          **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GArray) scope = NULL;
  g_autoptr(GHashTable) column = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) matrix = g_ptr_array_new_with_free_func (g_free);
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  runs = errata_eval_runs_repeat_group (project, run_id, error);
  scope = runs ? errata_eval_runs_scope_ids (project, ((ErrataRunInfo *)runs->pdata[0])->id,
                                             error) : NULL;
  if (scope == NULL)
    return FALSE;
  for (guint i = 0; i < scope->len; i++)
    g_hash_table_insert (column, &g_array_index (scope, gint64, i), GUINT_TO_POINTER (i + 1));
  for (guint r = 0; r < runs->len; r++)
    {
      ErrataRunInfo *run = runs->pdata[r];
      g_autoptr(GArray) verdicts = errata_eval_runs_verdicts (project, run->id, error);
      ErrataJudgeVerdict *row;

      if (verdicts == NULL)
        return FALSE;
      row = g_new (ErrataJudgeVerdict, MAX (scope->len, 1));
      for (guint i = 0; i < scope->len; i++)
        row[i] = ERRATA_JUDGE_ERROR;
      for (guint i = 0; i < verdicts->len; i++)
        {
          ErrataVerdictEntry *entry = &g_array_index (verdicts, ErrataVerdictEntry, i);
          guint index = GPOINTER_TO_UINT (g_hash_table_lookup (column, &entry->trace_id));

          if (index > 0)
            row[index - 1] = entry->verdict;
        }
      g_ptr_array_add (matrix, row);
    }
  return errata_estimate_flakiness ((const ErrataJudgeVerdict * const *)matrix->pdata, runs->len,
                                    scope->len, &options, out, error);
}
