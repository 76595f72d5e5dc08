/* errata-test-panel.c
 *
 * Three steps, each read from the core when the evaluator is set:
 * 1. the test split, looked at once (errata_evaluators_list_test_looks):
 *    the button asks the page (evaluators.run-test), which finalizes and
 *    asks for a reason when test was looked at before;
 * 2. the estimate (errata_eval_estimate): the raw failure rate of the
 *    tested version on unlabelled traces, corrected for its TPR and TNR
 *    on test, with a bootstrap interval, said in one sentence; beside it
 *    PPI++ (errata-ppi.h) on the same verdicts, and a line on whether the
 *    two agree and which assumption each rests on;
 * 3. flakiness (errata_eval_flakiness) of the latest repeated dev runs,
 *    and the traces whose verdict changed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-test-panel.h"
#include "errata-alignment-view.h"
#include "errata-interval-chart.h"
#include "errata-eval-metrics.h"
#include "errata-eval-runs.h"
#include "errata-evaluators.h"
#include "errata-ground-truth.h"
#include "errata-ppi.h"
#include "errata-alignment-gate.h"

#define MAX_UNSTABLE_ROWS 50

struct _ErrataTestPanel
{
  GtkWidget        parent_instance;

  ErrataWorkspace *workspace;
  gint64           evaluator_id;
  gboolean         stale;          /* set_evaluator came while off screen */
  char            *test_text;
  char            *sentence;
  char            *flakiness;
  char            *ppi_text;
  char            *compare_text;
  char            *gate_text;
  guint            n_unstable;

  GtkLabel        *gate_label;
  GtkLabel        *test_label;
  GtkLabel        *looks_label;
  GtkButton       *test_button;
  GtkLabel        *estimate_label;
  GtkLabel        *sentence_label;
  AdwBin          *estimate_chart_bin;
  ErrataIntervalChart *estimate_chart;
  GtkLabel        *estimate_detail_label;
  GtkLabel        *ppi_label;
  GtkLabel        *compare_label;
  GtkButton       *estimate_button;
  GtkLabel        *flakiness_label;
  GtkSpinButton   *repeat_spin;
  GtkListBox      *unstable_list;
};

G_DEFINE_FINAL_TYPE (ErrataTestPanel, errata_test_panel, GTK_TYPE_WIDGET)

static void
set_text (char       **field,
          GtkLabel    *label,
          const char  *text)
{
  g_free (*field);
  *field = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (label, *field);
  gtk_widget_set_visible (GTK_WIDGET (label), **field != '\0');
}

/* The gate ---------------------------------------------------------------- */

/* The alignment view shows the reviewers' agreement in full; here only
 * its consequence: a blocked gate makes the numbers below untrustworthy.
 * No bootstrap: the state needs the point estimate alone. */
static void
update_gate (ErrataTestPanel *self,
             ErrataProject   *project,
             gint64           target)
{
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) gate = { 0, };
  g_autofree char *text = NULL;

  options.bootstrap.n_draws = 0;
  if (errata_alignment_gate_compute (project, target, 0, &options, &gate, NULL) &&
      gate.state == ERRATA_GATE_BLOCKED)
    /* Translators: shown above a judge's result on test and its estimate. */
    text = g_strdup_printf (_("Reviewers agree less than the threshold on this target (AC1 %.2f "
                              "< %.2f): the judge's TPR and TNR on test, and the estimates that "
                              "stand on them, are not trustworthy until the disagreements are "
                              "reconciled."), gate.agreement.agreement.gwet_ac1.value,
                            gate.threshold);
  set_text (&self->gate_text, self->gate_label, text);
}

/* 1. Test once ------------------------------------------------------------ */

static void
describe_untested (ErrataTestPanel        *self,
                   ErrataEvaluatorVersion *latest)
{
  g_autofree char *text = NULL;

  if (latest->locked_at == 0)
    {
      text = g_strdup_printf (_("Version %u is a draft. When its results on dev satisfy you, "
                                "finalize it: it can no longer change, and its result on the "
                                "test split, looked at once, is the number you report."),
                              latest->number);
      gtk_button_set_label (self->test_button, _("_Finalize and Run on Test…"));
    }
  else
    {
      text = g_strdup_printf (_("Version %u is finalized and not tested yet."), latest->number);
      gtk_button_set_label (self->test_button, _("_Run on Test…"));
    }
  set_text (&self->test_text, self->test_label, text);
}

static char *
describe_looks (GPtrArray *looks)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("The test split was looked at %u time:",
                                          "The test split was looked at %u times:", looks->len),
                          looks->len);
  for (guint i = 0; i < looks->len; i++)
    {
      ErrataTestLook *look = g_ptr_array_index (looks, i);

      if (look->forced_reason == NULL)
        /* Translators: a look at the test split, by the version run. */
        g_string_append_printf (text, _("\n· v%u, the first look"), look->version);
      else
        g_string_append_printf (text, _("\n· v%u, because “%s”"), look->version,
                                look->forced_reason);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
describe_tested (ErrataTestPanel *self,
                 ErrataProject   *project,
                 GPtrArray       *looks)
{
  ErrataTestLook *last = g_ptr_array_index (looks, looks->len - 1);
  g_autofree char *text = NULL;
  g_autofree char *looks_text = NULL;
  ErrataEvalMetrics metrics;
  g_autoptr(GError) error = NULL;

  if (!errata_eval_metrics_compute (project, last->run_id, &metrics, &error))
    text = g_strdup (error->message);
  else
    {
      const ErrataAlignment *a = &metrics.alignment;
      g_autofree char *tpr = errata_format_rate (a->tpr, a->tpr_interval,
                                                 !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_PASS));
      g_autofree char *tnr = errata_format_rate (a->tnr, a->tnr_interval,
                                                 !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_FAIL));

      /* Translators: a version's result on the test split, with 95% intervals. */
      text = g_strdup_printf (_("Version %u on test, %u traces scored: TPR %s, TNR %s. "
                                "This result is locked."),
                              last->version, a->n, tpr, tnr);
      if (metrics.n_missing > 0)
        {
          g_autofree char *base = g_steal_pointer (&text);

          text = g_strdup_printf (_("%s The run is not finished: %u traces have no verdict."),
                                  base, metrics.n_missing);
        }
    }
  set_text (&self->test_text, self->test_label, text);
  gtk_button_set_label (self->test_button, _("_Look at Test Again…"));
  looks_text = looks->len > 1 ? describe_looks (looks) : NULL;
  gtk_label_set_text (self->looks_label, looks_text != NULL ? looks_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->looks_label), looks_text != NULL);
}

static void
update_test (ErrataTestPanel *self,
             ErrataProject   *project,
             GPtrArray       *versions,
             GPtrArray       *looks)
{
  gtk_widget_set_visible (GTK_WIDGET (self->looks_label), FALSE);
  if (looks != NULL && looks->len > 0)
    describe_tested (self, project, looks);
  else if (versions != NULL && versions->len > 0)
    describe_untested (self, g_ptr_array_index (versions, versions->len - 1));
}

/* 2. Estimate ------------------------------------------------------------- */

static char *
describe_sentence (ErrataProject                  *project,
                   gint64                          target,
                   const ErrataEvalEstimateResult *estimate)
{
  const ErrataCorrectedRate *rate = &estimate->rate;
  g_autofree char *mode = NULL;

  if (target == ERRATA_TARGET_OVERALL)
    /* Translators: a failure rate and its 95% interval, said so that a
     * product manager can repeat it. */
    return g_strdup_printf (_("About %.1f%% of traces fail; 95%% interval %.1f–%.1f%%."),
                            100 * rate->failure_rate, 100 * rate->failure_interval.lower,
                            100 * rate->failure_interval.upper);
  mode = errata_target_describe (project, target);
  /* Translators: %s is a failure mode's name. */
  return g_strdup_printf (_("About %.1f%% of traces show “%s”; 95%% interval %.1f–%.1f%%."),
                          100 * rate->failure_rate, mode, 100 * rate->failure_interval.lower,
                          100 * rate->failure_interval.upper);
}

static char *
describe_estimate_detail (const ErrataEvalEstimateResult *estimate)
{
  const ErrataCorrectedRate *rate = &estimate->rate;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("Raw: %.1f%% of %u unlabelled traces judged fail by version %u. "
                                  "Corrected for its TPR (%.0f%%) and TNR (%.0f%%) on %u test "
                                  "traces."),
                          100 * (1 - rate->observed_pass_rate), rate->n_unlabelled,
                          estimate->version, 100 * rate->tpr, 100 * rate->tnr, rate->n_test);
  if (estimate->unlabelled_errors > 0)
    g_string_append_printf (text, ngettext (" %u error was left out.", " %u errors were left out.",
                                            estimate->unlabelled_errors),
                            estimate->unlabelled_errors);
  if (rate->clipped)
    g_string_append_printf (text, " %s", _("The raw rate lies outside what this TPR and TNR can "
                                           "produce, so the corrected rate was clipped: the judge "
                                           "may behave differently on these traces than on test."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The raw and the corrected failure rates on one axis, the corrected
 * one with its interval. */
static void
show_estimate_chart (ErrataTestPanel                *self,
                     const ErrataEvalEstimateResult *estimate)
{
  const ErrataCorrectedRate *rate = &estimate->rate;

  errata_interval_chart_set_estimate (self->estimate_chart, 1 - rate->observed_pass_rate,
                                      rate->failure_rate, rate->failure_interval.lower,
                                      rate->failure_interval.upper);
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_chart_bin), TRUE);
}

static void
show_estimate (ErrataTestPanel                *self,
               const ErrataEvalEstimateResult *estimate,
               const char                     *sentence)
{
  g_autofree char *detail = describe_estimate_detail (estimate);

  set_text (&self->sentence, self->sentence_label, sentence);
  gtk_label_set_text (self->estimate_detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_detail_label), TRUE);
  show_estimate_chart (self, estimate);
}

/* PPI++ on the same verdicts: the test run's pairs, the unlabeled run's
 * verdicts. */
static char *
describe_ppi (const ErrataPpiMean *ppi)
{
  /* Translators: the second estimator, its failure rate and 95% interval. */
  return g_strdup_printf (_("PPI++: about %.1f%% fail; 95%% interval %.1f–%.1f%% (λ = %.2f, from "
                            "%u labelled test traces and %u unlabelled verdicts)."),
                          100 * ppi->failure_rate, 100 * ppi->failure_interval.lower,
                          100 * ppi->failure_interval.upper, ppi->lambda, ppi->n_labelled,
                          ppi->n_unlabelled);
}

/* When and why the two estimators differ: each rests on an assumption
 * the other does not make. */
static char *
describe_comparison (const ErrataCorrectedRate *rate,
                     const ErrataPpiMean       *ppi)
{
  gboolean apart = rate->pass_interval.upper < ppi->pass_interval.lower ||
                   ppi->pass_interval.upper < rate->pass_interval.lower;

  if (!apart)
    return g_strdup (_("The two estimates agree: their intervals overlap. They would part if the "
                       "test traces were not a random sample of all traces (PPI++ assumes they "
                       "are) or if the judge erred differently on the unlabelled traces than on "
                       "test (the corrected rate assumes it does not)."));
  return g_strdup_printf (_("The two estimates differ by more than their intervals allow (%.1f%% "
                            "against %.1f%% fail). PPI++ assumes the labelled test traces are a "
                            "random sample of all traces; the corrected rate assumes the judge is "
                            "as right on the unlabelled traces as on test. If the labelled traces "
                            "were picked rather than drawn at random, trust the corrected rate; if "
                            "the unlabelled traces differ in kind, trust PPI++; better, label a "
                            "random sample."), 100 * rate->failure_rate, 100 * ppi->failure_rate);
}

/* @rate: NULL when the corrected rate could not be computed. */
static void
show_ppi (ErrataTestPanel                *self,
          const ErrataEvalEstimateResult *estimate,
          const ErrataCorrectedRate      *rate)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *comparison = NULL;
  ErrataPpiMean ppi;

  if (!errata_estimate_ppi_mean (&estimate->test, estimate->unlabelled_pass,
                                 estimate->unlabelled_fail, 0.95, &ppi, &error))
    text = g_strdup_printf (_("PPI++: not computed: %s"), error->message);
  else
    {
      text = describe_ppi (&ppi);
      comparison = rate != NULL ? describe_comparison (rate, &ppi) : NULL;
    }
  set_text (&self->ppi_text, self->ppi_label, text);
  set_text (&self->compare_text, self->compare_label, comparison);
}

/* The corrected rate was refused (no human fail on test, a judge no
 * better than chance): PPI++ may still stand. */
static void
show_ppi_alone (ErrataTestPanel *self,
                ErrataProject   *project)
{
  ErrataEvalEstimateResult gathered;

  if (errata_eval_estimate_gather (project, self->evaluator_id, &gathered, NULL))
    show_ppi (self, &gathered, NULL);
}

static void
update_estimate (ErrataTestPanel *self,
                 ErrataProject   *project,
                 gint64           target,
                 GPtrArray       *looks)
{
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();
  ErrataEvalEstimateResult estimate;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  set_text (&self->sentence, self->sentence_label, NULL);
  set_text (&self->ppi_text, self->ppi_label, NULL);
  set_text (&self->compare_text, self->compare_label, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_detail_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_chart_bin), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->estimate_button), looks != NULL && looks->len > 0);
  if (looks == NULL || looks->len == 0)
    {
      gtk_label_set_text (self->estimate_label,
                          _("The estimate stands on the judge's TPR and TNR on test: test a "
                            "finalized version first."));
      return;
    }
  gtk_label_set_text (self->estimate_label,
                      _("The tested version judges every trace without a label for this target; "
                        "its raw failure rate is then corrected for its errors on test."));
  if (!errata_eval_estimate (project, self->evaluator_id, &options, &estimate, &error))
    {
      gtk_label_set_text (self->estimate_label, error->message);
      show_ppi_alone (self, project);
      return;
    }
  sentence = describe_sentence (project, target, &estimate);
  show_estimate (self, &estimate, sentence);
  show_ppi (self, &estimate, &estimate.rate);
}

/* 3. Flakiness ------------------------------------------------------------ */

/* The first run of the newest repeat group, or 0. */
static gint64
latest_repeat_group (ErrataProject *project,
                     gint64         evaluator_id)
{
  g_autoptr(GPtrArray) runs = errata_eval_runs_list (project, evaluator_id, NULL);

  /* Newest first. */
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      ErrataRunInfo *run = g_ptr_array_index (runs, i);

      if (run->repeat_of != 0)
        return run->repeat_of;
    }
  return 0;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

#define SEEN      4u   /* a mark is never 0, so a lookup miss stays apart */
#define SEEN_PASS 1u
#define SEEN_FAIL 2u

/* Trace ids whose pass/fail verdict differs between the group's runs,
 * in id order. Ids are keys by value (gint64 fits a pointer here). */
static GArray *
collect_unstable (ErrataProject *project,
                  gint64         first_run)
{
  g_autoptr(GPtrArray) group = errata_eval_runs_repeat_group (project, first_run, NULL);
  g_autoptr(GHashTable) marks = g_hash_table_new (g_direct_hash, g_direct_equal);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  for (guint r = 0; group != NULL && r < group->len; r++)
    {
      ErrataRunInfo *run = g_ptr_array_index (group, r);
      g_autoptr(GArray) verdicts = errata_eval_runs_verdicts (project, run->id, NULL);

      for (guint i = 0; verdicts != NULL && i < verdicts->len; i++)
        {
          ErrataVerdictEntry *entry = &g_array_index (verdicts, ErrataVerdictEntry, i);
          gpointer trace = GSIZE_TO_POINTER (entry->trace_id);
          guint mark = GPOINTER_TO_UINT (g_hash_table_lookup (marks, trace)) | SEEN;

          if (entry->verdict == ERRATA_JUDGE_ERROR)
            continue;
          mark |= entry->verdict == ERRATA_JUDGE_PASS ? SEEN_PASS : SEEN_FAIL;
          g_hash_table_insert (marks, trace, GUINT_TO_POINTER (mark));
        }
    }
  g_hash_table_iter_init (&iter, marks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if ((GPOINTER_TO_UINT (value) & (SEEN_PASS | SEEN_FAIL)) == (SEEN_PASS | SEEN_FAIL))
      {
        gint64 id = (gint64)GPOINTER_TO_SIZE (key);

        g_array_append_val (ids, id);
      }
  g_array_sort (ids, compare_ids);
  return ids;
}

static GtkWidget *
unstable_row (ErrataProject *project,
              gint64         trace_id)
{
  g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, trace_id, NULL);
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();

  title = trace != NULL && errata_trace_get_external_id (trace) != NULL
          ? g_strdup (errata_trace_get_external_id (trace))
          : g_strdup_printf (_("Trace %" PRId64), trace_id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "evaluators.open-trace");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", trace_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
fill_unstable (ErrataTestPanel *self,
               ErrataProject   *project,
               GArray          *ids)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->unstable_list))) != NULL)
    gtk_list_box_remove (self->unstable_list, child);
  for (guint i = 0; ids != NULL && i < MIN (ids->len, MAX_UNSTABLE_ROWS); i++)
    gtk_list_box_append (self->unstable_list,
                         unstable_row (project, g_array_index (ids, gint64, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->unstable_list), ids != NULL && ids->len > 0);
}

static void
update_flakiness (ErrataTestPanel *self,
                  ErrataProject   *project)
{
  gint64 first = latest_repeat_group (project, self->evaluator_id);
  g_autoptr(GArray) unstable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ErrataFlakiness flakiness;

  self->n_unstable = 0;
  if (first == 0)
    {
      set_text (&self->flakiness, self->flakiness_label,
                _("A judge asked twice may answer differently. Repeat the run on dev a few "
                  "times, without the reply cache, to see which verdicts are unstable."));
      fill_unstable (self, project, NULL);
      return;
    }
  if (!errata_eval_flakiness (project, first, &flakiness, &error))
    {
      set_text (&self->flakiness, self->flakiness_label, error->message);
      fill_unstable (self, project, NULL);
      return;
    }
  unstable = collect_unstable (project, first);
  self->n_unstable = unstable->len;
  /* Translators: flakiness of a judge over repeated runs. */
  text = g_strdup_printf (_("Over %u runs on dev, %u of %u traces changed their verdict "
                            "(%.1f%%); Fleiss' κ across the runs %.2f."),
                          flakiness.n_runs, flakiness.n_changed, flakiness.n_compared,
                          100 * flakiness.changed_share, flakiness.fleiss_kappa.value);
  set_text (&self->flakiness, self->flakiness_label, text);
  fill_unstable (self, project, unstable);
}

static void
on_repeat_clicked (ErrataTestPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.repeat-dev", "i",
                              gtk_spin_button_get_value_as_int (self->repeat_spin));
}

/* API --------------------------------------------------------------------- */

static void
refresh (ErrataTestPanel *self)
{
  ErrataProject *project;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) looks = NULL;

  self->stale = FALSE;
  if (self->workspace == NULL || self->evaluator_id <= 0)
    return;
  project = errata_workspace_get_project (self->workspace);
  evaluator = errata_evaluators_get (project, self->evaluator_id, NULL);
  if (evaluator == NULL)
    return;
  versions = errata_evaluators_list_versions (project, self->evaluator_id, NULL);
  looks = errata_evaluators_list_test_looks (project, self->evaluator_id, NULL);
  update_gate (self, project, evaluator->target);
  update_test (self, project, versions, looks);
  update_estimate (self, project, evaluator->target, looks);
  update_flakiness (self, project);
}

/* The estimate's bootstrap takes tens of milliseconds: it is computed
 * when the panel is on screen, not on every reload of the page (each
 * page switch, each label set) while another tab shows. */
void
errata_test_panel_set_evaluator (ErrataTestPanel *self,
                                 ErrataWorkspace *workspace,
                                 gint64           evaluator_id)
{
  g_return_if_fail (ERRATA_IS_TEST_PANEL (self));

  g_set_object (&self->workspace, workspace);
  self->evaluator_id = evaluator_id;
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

static void
errata_test_panel_map (GtkWidget *widget)
{
  ErrataTestPanel *self = ERRATA_TEST_PANEL (widget);

  GTK_WIDGET_CLASS (errata_test_panel_parent_class)->map (widget);
  if (self->stale)
    refresh (self);
}

const char *
errata_test_panel_get_test_text (ErrataTestPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_TEST_PANEL (self), NULL);

  return self->test_text != NULL ? self->test_text : "";
}

const char *
errata_test_panel_get_sentence (ErrataTestPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_TEST_PANEL (self), NULL);

  return self->sentence != NULL ? self->sentence : "";
}

const char *
errata_test_panel_get_gate_text (ErrataTestPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_TEST_PANEL (self), NULL);

  return self->gate_text != NULL ? self->gate_text : "";
}

const char *
errata_test_panel_get_ppi_text (ErrataTestPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_TEST_PANEL (self), NULL);

  return self->ppi_text != NULL ? self->ppi_text : "";
}

const char *
errata_test_panel_get_compare_text (ErrataTestPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_TEST_PANEL (self), NULL);

  return self->compare_text != NULL ? self->compare_text : "";
}

const char *
errata_test_panel_get_flakiness (ErrataTestPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_TEST_PANEL (self), NULL);

  return self->flakiness != NULL ? self->flakiness : "";
}

guint
errata_test_panel_get_n_unstable (ErrataTestPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_TEST_PANEL (self), 0);

  return self->n_unstable;
}

/* GObject ----------------------------------------------------------------- */

static void
errata_test_panel_dispose (GObject *object)
{
  ErrataTestPanel *self = ERRATA_TEST_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_TEST_PANEL);
  /* The scroller at the top has no id: dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->test_text, g_free);
  g_clear_pointer (&self->sentence, g_free);
  g_clear_pointer (&self->flakiness, g_free);
  g_clear_pointer (&self->ppi_text, g_free);
  g_clear_pointer (&self->compare_text, g_free);
  g_clear_pointer (&self->gate_text, g_free);

  G_OBJECT_CLASS (errata_test_panel_parent_class)->dispose (object);
}

static void
errata_test_panel_class_init (ErrataTestPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_test_panel_dispose;
  widget_class->map = errata_test_panel_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-test-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, gate_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, test_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, looks_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, test_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, estimate_chart_bin);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, estimate_detail_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, ppi_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, compare_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, estimate_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, flakiness_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, repeat_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataTestPanel, unstable_list);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_clicked);
}

static void
errata_test_panel_init (ErrataTestPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->estimate_chart = ERRATA_INTERVAL_CHART (errata_interval_chart_new ());
  adw_bin_set_child (self->estimate_chart_bin, GTK_WIDGET (self->estimate_chart));
}

GtkWidget *
errata_test_panel_new (void)
{
  return g_object_new (ERRATA_TYPE_TEST_PANEL, NULL);
}
