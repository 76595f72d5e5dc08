/* errata-report-judges.c: how far each evaluator can be trusted: its TPR
 * and TNR on the test split, measured against today's ground truth
 * (errata_eval_metrics_compute), how often test was looked at, and when.
 * An evaluator never run to the end on test is "not validated": it has
 * no numbers here, because numbers from dev would read as a measurement.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report.h"

#include "errata-eval-metrics.h"
#include "errata-eval-runs.h"
#include "errata-evaluators.h"
#include "errata-ground-truth.h"
#include "errata-report-private.h"

void
_errata_report_judge_free (ErrataReportJudge *judge)
{
  g_free (judge->name);
  g_free (judge->kind);
  g_free (judge->target);
  g_free (judge);
}

/* The newest finished look at test: the one the estimate uses too. */
static gboolean
measure_on_test (ErrataProject      *project,
                 ErrataReportJudge  *judge,
                 GError            **error)
{
  g_autoptr(GPtrArray) looks = errata_evaluators_list_test_looks (project, judge->id, error);
  ErrataEvalMetrics metrics;

  if (looks == NULL)
    return FALSE;
  judge->n_looks = looks->len;
  for (guint i = looks->len; i > 0; i--)
    {
      ErrataTestLook *look = looks->pdata[i - 1];
      g_autoptr(ErrataRunInfo) run = errata_eval_runs_get (project, look->run_id, error);

      if (run == NULL)
        return FALSE;
      if (run->status != ERRATA_RUN_DONE)
        continue;
      if (!errata_eval_metrics_compute (project, run->id, &metrics, error))
        return FALSE;
      judge->validated = TRUE;
      judge->version = look->version;
      judge->tested_at = look->started_at;
      judge->n_test = metrics.alignment.n;
      judge->tpr_defined = !(metrics.alignment.undefined
                             & (ERRATA_ALIGNMENT_NO_PAIRS | ERRATA_ALIGNMENT_NO_HUMAN_PASS));
      judge->tnr_defined = !(metrics.alignment.undefined
                             & (ERRATA_ALIGNMENT_NO_PAIRS | ERRATA_ALIGNMENT_NO_HUMAN_FAIL));
      judge->tpr = metrics.alignment.tpr;
      judge->tpr_interval = metrics.alignment.tpr_interval;
      judge->tnr = metrics.alignment.tnr;
      judge->tnr_interval = metrics.alignment.tnr_interval;
      break;
    }
  return TRUE;
}

gboolean
_errata_report_gather_judges (ErrataProject  *project,
                              ErrataReport   *report,
                              GError        **error)
{
  g_autoptr(GPtrArray) evaluators = errata_evaluators_list (project, error);

  if (evaluators == NULL)
    return FALSE;
  for (guint i = 0; i < evaluators->len; i++)
    {
      ErrataEvaluator *evaluator = evaluators->pdata[i];
      ErrataReportJudge *judge = g_new0 (ErrataReportJudge, 1);

      judge->id = evaluator->id;
      judge->name = g_strdup (evaluator->name);
      judge->kind = g_strdup (evaluator->kind);
      judge->target = errata_target_describe (project, evaluator->target);
      g_ptr_array_add (report->judges, judge);
      if (!measure_on_test (project, judge, error))
        return FALSE;
    }
  return TRUE;
}
