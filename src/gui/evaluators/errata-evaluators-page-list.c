/* errata-evaluators-page-list.c: what a row of the evaluator list says,
 * the state of an evaluator at a glance: its latest version, and how far
 * that version went (draft, aligned on dev, finalized, tested), and
 * whether its reviewers agree enough for its numbers to mean anything.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-evaluators-page-private.h"
#include "errata-alignment-gate.h"
#include "errata-eval-metrics.h"
#include "errata-eval-runs.h"

/* "TPR 82% · TNR 91%" of a finished run, or NULL when it has no
 * defined rates (no run, still running, no labelled traces). */
static char *
describe_rates (ErrataProject *project,
                ErrataRunInfo *run)
{
  ErrataEvalMetrics metrics;
  g_autofree char *tpr = NULL;
  g_autofree char *tnr = NULL;

  if (run == NULL || run->status == ERRATA_RUN_RUNNING ||
      !errata_eval_metrics_compute (project, run->id, &metrics, NULL) ||
      (metrics.alignment.undefined & ERRATA_ALIGNMENT_NO_PAIRS))
    return NULL;
  /* Translators: a percentage, "82%"; the first argument is the number of
   * decimals. Write "%.*f %%" where a space comes before the percent sign. */
  tpr = metrics.alignment.undefined & ERRATA_ALIGNMENT_NO_HUMAN_PASS
        ? g_strdup ("–") : g_strdup_printf (_("%.*f%%"), 0, 100 * metrics.alignment.tpr);
  tnr = metrics.alignment.undefined & ERRATA_ALIGNMENT_NO_HUMAN_FAIL
        ? g_strdup ("–") : g_strdup_printf (_("%.*f%%"), 0, 100 * metrics.alignment.tnr);
  /* Translators: the true positive and true negative rates of a judge. */
  return g_strdup_printf (_("TPR %s · TNR %s"), tpr, tnr);
}

static char *
describe_test (ErrataProject         *project,
               const ErrataEvaluator *evaluator,
               GPtrArray             *looks)
{
  ErrataTestLook *last = g_ptr_array_index (looks, looks->len - 1);
  g_autoptr(ErrataRunInfo) run = errata_eval_runs_get (project, last->run_id, NULL);
  g_autofree char *rates = describe_rates (project, run);
  g_autofree char *tested = NULL;

  if (rates != NULL)
    /* Translators: %u is a version number, %s its rates on the test split. */
    tested = g_strdup_printf (_("v%u tested: %s on test"), last->version, rates);
  else
    tested = g_strdup_printf (_("v%u: test run not finished"), last->version);
  if (looks->len < 2)
    return g_steal_pointer (&tested);
  /* Translators: the test split is meant to be looked at once; this says
   * how many times it was. */
  return g_strdup_printf (ngettext ("%s · %u test looks", "%s · %u test looks", looks->len),
                          tested, looks->len);
}

static char *
describe_progress (ErrataProject         *project,
                   const ErrataEvaluator *evaluator)
{
  g_autoptr(GPtrArray) versions = errata_evaluators_list_versions (project, evaluator->id, NULL);
  g_autoptr(GPtrArray) looks = errata_evaluators_list_test_looks (project, evaluator->id, NULL);
  g_autoptr(ErrataRunInfo) dev = NULL;
  g_autofree char *rates = NULL;
  ErrataEvaluatorVersion *latest;

  if (looks != NULL && looks->len > 0)
    return describe_test (project, evaluator, looks);
  if (versions == NULL || versions->len == 0)
    return g_strdup (_("No version"));
  latest = g_ptr_array_index (versions, versions->len - 1);
  dev = errata_eval_runs_find_latest (project, evaluator->id, latest->number,
                                      ERRATA_SCOPE_DEV, NULL);
  rates = describe_rates (project, dev);
  if (latest->locked_at != 0)
    return rates != NULL
           /* Translators: %u is a version number, %s its rates on dev. */
           ? g_strdup_printf (_("v%u finalized · %s on dev"), latest->number, rates)
           : g_strdup_printf (_("v%u finalized"), latest->number);
  if (rates != NULL)
    return g_strdup_printf (_("v%u · %s on dev"), latest->number, rates);
  /* Translators: a version not yet run on dev. */
  return g_strdup_printf (_("v%u · draft"), latest->number);
}

/* A blocked gate, said at a glance (the Alignment tab says it in full).
 * No bootstrap: the state needs the point estimate alone. */
static gboolean
gate_blocked (ErrataProject *project,
              gint64         target)
{
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) gate = { 0, };

  options.bootstrap.n_draws = 0;
  return errata_alignment_gate_compute (project, target, 0, &options, &gate, NULL) &&
         gate.state == ERRATA_GATE_BLOCKED;
}

char *
_errata_evaluators_page_describe_state (ErrataProject         *project,
                                        const ErrataEvaluator *evaluator)
{
  g_autofree char *progress = describe_progress (project, evaluator);

  if (!gate_blocked (project, evaluator->target))
    return g_steal_pointer (&progress);
  /* Translators: after an evaluator's state; its reviewers agree less
   * than the project's threshold, so its numbers cannot be trusted. */
  return g_strdup_printf (_("%s · reviewers disagree"), progress);
}

GtkWidget *
_errata_evaluators_page_new_row (ErrataProject         *project,
                                 const ErrataEvaluator *evaluator)
{
  g_autofree char *state = _errata_evaluators_page_describe_state (project, evaluator);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), evaluator->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
  g_object_set_data (G_OBJECT (row), "errata-target", GSIZE_TO_POINTER (evaluator->target));
  g_object_set_data (G_OBJECT (row), "errata-evaluator", GSIZE_TO_POINTER (evaluator->id));
  return row;
}
