/* errata-alignment-gate.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-alignment-gate.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "errata-eval-runs.h"
#include "errata-evaluators.h"

ErrataGateOptions
errata_gate_options_default (void)
{
  return (ErrataGateOptions) {
    .threshold = NAN,
    .alt_test = errata_alt_test_options_default (),
    .bootstrap = errata_bootstrap_options_default (),
  };
}

/* ---- the threshold ------------------------------------------------------- */

static gboolean
threshold_valid (double threshold)
{
  return threshold >= 0 && threshold <= 1;
}

/**
 * errata_alignment_gate_get_threshold:
 * @project: the project
 *
 * Returns: the project's agreement threshold, or
 *   %ERRATA_GATE_DEFAULT_THRESHOLD when it set none (or a value that makes
 *   no sense).
 */
double
errata_alignment_gate_get_threshold (ErrataProject *project)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), ERRATA_GATE_DEFAULT_THRESHOLD);

  text = errata_project_get_meta (project, ERRATA_GATE_THRESHOLD_META_KEY);
  if (text == NULL)
    return ERRATA_GATE_DEFAULT_THRESHOLD;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !threshold_valid (value))
    return ERRATA_GATE_DEFAULT_THRESHOLD;
  return value;
}

gboolean
errata_alignment_gate_set_threshold (ErrataProject  *project,
                                     double          threshold,
                                     GError        **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (!threshold_valid (threshold))
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                   _("The agreement threshold must be between 0 and 1, such as 0.6 (got %g)"),
                   threshold);
      return FALSE;
    }
  g_ascii_dtostr (text, sizeof text, threshold);
  return errata_project_set_meta (project, ERRATA_GATE_THRESHOLD_META_KEY, text, error);
}

/* ---- the gate ------------------------------------------------------------ */

static ErrataGateState
decide_state (const ErrataReviewerAgreement *agreement,
              double                         threshold)
{
  if (!agreement->computed || agreement->n_reviewers < 2 ||
      agreement->n_items < ERRATA_GATE_MIN_SHARED)
    return ERRATA_GATE_NOT_ENOUGH_DATA;
  return agreement->agreement.gwet_ac1.value < threshold ? ERRATA_GATE_BLOCKED : ERRATA_GATE_OK;
}

/* trace id → 1 + the run's pass (0) or fail (1); errors are left out. */
static GHashTable *
judge_by_trace (ErrataProject  *project,
                gint64          run_id,
                GError        **error)
{
  g_autoptr(GArray) verdicts = errata_eval_runs_verdicts (project, run_id, error);
  GHashTable *table;

  if (verdicts == NULL)
    return NULL;
  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < verdicts->len; i++)
    {
      ErrataVerdictEntry *entry = &g_array_index (verdicts, ErrataVerdictEntry, i);

      if (entry->verdict == ERRATA_JUDGE_ERROR)
        continue;
      g_hash_table_insert (table, g_memdup2 (&entry->trace_id, sizeof (gint64)),
                           GINT_TO_POINTER (1 + (entry->verdict == ERRATA_JUDGE_PASS
                                                 ? ERRATA_AGREEMENT_PASS
                                                 : ERRATA_AGREEMENT_FAIL)));
    }
  return table;
}

static gboolean
check_run_target (ErrataProject  *project,
                  gint64          run_id,
                  gint64          target,
                  GError        **error)
{
  g_autoptr(ErrataRunInfo) run = errata_eval_runs_get (project, run_id, error);
  g_autoptr(ErrataEvaluator) evaluator = NULL;

  if (run == NULL)
    return FALSE;
  evaluator = errata_evaluators_get (project, run->evaluator_id, error);
  if (evaluator == NULL)
    return FALSE;
  if (evaluator->target == target)
    return TRUE;
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               _("Run %" PRId64 " is of “%s”, which measures another target."),
               run_id, evaluator->name);
  return FALSE;
}

static gboolean
run_alt_test (ErrataProject            *project,
              gint64                    target,
              gint64                    run_id,
              const ErrataGateOptions  *options,
              ErrataAlignmentGate      *out,
              GError                  **error)
{
  g_auto(ErrataReviewerRatings) ratings = { 0, };
  g_autoptr(GHashTable) judged = NULL;
  g_autofree gint *judge = NULL;
  guint n_rows;

  if (!check_run_target (project, run_id, target, error) ||
      !errata_reviewer_ratings (project, target, &ratings, error))
    return FALSE;
  judged = judge_by_trace (project, run_id, error);
  if (judged == NULL)
    return FALSE;
  n_rows = ratings.trace_ids->len;
  judge = g_new (gint, MAX (n_rows, 1));
  for (guint i = 0; i < n_rows; i++)
    {
      gint value = GPOINTER_TO_INT (g_hash_table_lookup (judged, &g_array_index (ratings.trace_ids,
                                                                                gint64, i)));

      judge[i] = value > 0 ? value - 1 : ERRATA_RATING_MISSING;
      if (value > 0)
        out->n_shared_judged++;
      else
        out->n_shared_unjudged++;
    }
  if (ratings.n_raters < 2)
    return TRUE;
  out->has_alt_test = TRUE;
  return errata_alt_test (ratings.ratings, n_rows, ratings.n_raters, judge, &options->alt_test,
                          &out->alt_test, error);
}

/**
 * errata_alignment_gate_compute:
 * @project: the project
 * @target: %ERRATA_TARGET_OVERALL or a failure mode's id
 * @run_id: a run of an evaluator of @target, or 0 for the gate alone
 * @options: (nullable): the threshold (NAN: the project's), the test's ε,
 *   q and fewest traces, the agreement's bootstrap; %NULL for the defaults
 * @out: (out caller-allocates): clear it with errata_alignment_gate_clear()
 * @error: return location for an error
 *
 * Measures the reviewers' agreement on @target, decides the gate's state
 * and, with a run, tests whether its judge can stand in for a reviewer.
 *
 * Returns: %FALSE with @error set when the project cannot be read, the
 *   target or run does not exist, or the options make no sense.
 */
gboolean
errata_alignment_gate_compute (ErrataProject            *project,
                               gint64                    target,
                               gint64                    run_id,
                               const ErrataGateOptions  *options,
                               ErrataAlignmentGate      *out,
                               GError                  **error)
{
  ErrataGateOptions defaults = errata_gate_options_default ();

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (options == NULL)
    options = &defaults;
  out->target = target;
  out->run_id = run_id;
  out->threshold = isnan (options->threshold) ? errata_alignment_gate_get_threshold (project)
                                              : options->threshold;
  if (!threshold_valid (out->threshold))
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                   _("The agreement threshold must be between 0 and 1, such as 0.6 (got %g)"),
                   out->threshold);
      return FALSE;
    }
  if (!errata_reviewer_agreement (project, target, &options->bootstrap, &out->agreement, error))
    return FALSE;
  out->state = decide_state (&out->agreement, out->threshold);
  if (run_id > 0 && !run_alt_test (project, target, run_id, options, out, error))
    {
      errata_alignment_gate_clear (out);
      return FALSE;
    }
  return TRUE;
}

void
errata_alignment_gate_clear (ErrataAlignmentGate *gate)
{
  g_return_if_fail (gate != NULL);

  errata_reviewer_agreement_clear (&gate->agreement);
  errata_alt_test_clear (&gate->alt_test);
  gate->has_alt_test = FALSE;
}

gboolean
errata_alignment_gate_failed (const ErrataAlignmentGate *gate)
{
  g_return_val_if_fail (gate != NULL, FALSE);

  return gate->state == ERRATA_GATE_BLOCKED ||
         (gate->has_alt_test && gate->alt_test.n_tested > 0 && !gate->alt_test.passed);
}

/* ---- words --------------------------------------------------------------- */

static char *
describe_not_enough (const ErrataAlignmentGate *gate)
{
  const ErrataReviewerAgreement *a = &gate->agreement;

  if (a->n_reviewers == 0)
    return g_strdup (_("No reviews of this target were made here or merged (its labels are "
                       "explicit or imported): the reviewers' agreement cannot be measured."));
  if (a->n_reviewers < 2)
    return g_strdup (_("One reviewer: agreement cannot be measured. Have a second person review "
                       "some of the same traces before trusting any judge's numbers."));
  if (a->n_items == 0)
    return g_strdup_printf (_("%u reviewers, but no trace reviewed by two of them: agreement "
                              "cannot be measured."), a->n_reviewers);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Only %u trace reviewed by two or more reviewers (AC1 %.2f): "
                                       "too few to decide; the gate needs %u.",
                                       "Only %u traces reviewed by two or more reviewers (AC1 %.2f): "
                                       "too few to decide; the gate needs %u.", a->n_items),
                          a->n_items, a->agreement.gwet_ac1.value, ERRATA_GATE_MIN_SHARED);
}

char *
errata_alignment_gate_describe (const ErrataAlignmentGate *gate)
{
  const ErrataAgreementCoefficient *ac1;

  g_return_val_if_fail (gate != NULL, NULL);

  ac1 = &gate->agreement.agreement.gwet_ac1;
  switch (gate->state)
    {
    case ERRATA_GATE_NOT_ENOUGH_DATA:
      return describe_not_enough (gate);
    case ERRATA_GATE_BLOCKED:
      return g_strdup_printf (_("Reviewers agree less than the threshold on this target (AC1 %.2f "
                                "< %.2f); no judge can be validated against these labels until "
                                "they are reconciled — adjudicate the disagreements on the "
                                "Traces page."), ac1->value, gate->threshold);
    case ERRATA_GATE_OK:
    default:
      return g_strdup_printf (_("Reviewers agree enough on this target to validate a judge "
                                "against their labels (AC1 %.2f ≥ %.2f)."),
                              ac1->value, gate->threshold);
    }
}

char *
errata_alignment_gate_describe_alt_test (const ErrataAlignmentGate *gate)
{
  const ErrataAltTest *t;

  g_return_val_if_fail (gate != NULL, NULL);

  t = &gate->alt_test;
  if (gate->run_id <= 0)
    return NULL;
  if (!gate->has_alt_test)
    return g_strdup (_("Alternative annotator test: needs two or more reviewers on the same "
                       "traces."));
  if (t->n_tested == 0)
    return g_strdup_printf (_("Alternative annotator test: not run; no reviewer shares %u or more "
                              "judged traces with another reviewer (%u shared traces were "
                              "judged). Run the judge on all traces, or have more traces "
                              "reviewed twice."), t->options.min_items, t->n_items);
  if (t->passed)
    return g_strdup_printf (_("The judge can stand in for a reviewer on this target: it wins "
                              "against %u of %u reviewers (winning rate %.2f ≥ 0.5; advantage "
                              "probability %.2f; ε = %.2f, %u traces)."),
                            t->n_won, t->n_tested, t->winning_rate, t->advantage_probability,
                            t->options.epsilon, t->n_items);
  return g_strdup_printf (_("The judge cannot stand in for a reviewer on this target: it wins "
                            "against %u of %u reviewers (winning rate %.2f < 0.5; advantage "
                            "probability %.2f; ε = %.2f, %u traces)."),
                          t->n_won, t->n_tested, t->winning_rate, t->advantage_probability,
                          t->options.epsilon, t->n_items);
}
