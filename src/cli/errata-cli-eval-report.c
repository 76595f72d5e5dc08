/* errata-cli-eval-report.c: what runs measured: `eval metrics`, `eval
 * verdicts` and `estimate PROJECT NAME`, the CI gate.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "errata-cli-common.h"
#include "errata-cli-estimate-methods.h"
#include "errata-cli-eval.h"
#include "errata-cli-eval-private.h"
#include "errata-eval-metrics.h"
#include "errata-eval-runs.h"
#include "errata-ground-truth.h"

/* The newest run of --run, or of --on (and --version) of the evaluator. */
static ErrataRunInfo *
pick_run (ErrataProject    *project,
          ErrataEvaluator  *evaluator,
          guint             version,
          const char       *scope_name,
          gint64            run_id,
          GError          **error)
{
  ErrataEvalScope scope;
  ErrataRunInfo *run;

  if (run_id > 0)
    {
      run = errata_eval_runs_get (project, run_id, error);
      if (run != NULL && run->evaluator_id != evaluator->id)
        {
          g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                       _("Run %" PRId64 " is not a run of “%s”."), run_id,
                       evaluator->name);
          g_clear_pointer (&run, errata_run_info_free);
        }
      return run;
    }
  if (scope_name == NULL || !errata_eval_scope_from_string (scope_name, &scope))
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                           _("Say which run: --on train|dev|test|unlabeled|all, or --run N"));
      return NULL;
    }
  run = errata_eval_runs_find_latest (project, evaluator->id, version, scope, error);
  if (run == NULL && (error == NULL || *error == NULL))
    g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                 /* Translators: the first %s is an evaluator, the second a scope. */
                 _("“%s” has not been run on %s yet."), evaluator->name, scope_name);
  return run;
}

static void
print_metrics_json (const ErrataEvalMetrics *metrics,
                    const ErrataRunInfo     *run,
                    const ErrataTruthCounts *labels)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const ErrataAlignment *a = &metrics->alignment;
  const ErrataConfusion *c = &a->confusion;

  json_builder_begin_object (builder);
  errata_cli_json_add_int (builder, "run", run->id);
  errata_cli_json_add_int (builder, "version", run->version);
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, errata_eval_scope_to_string (run->scope));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, errata_run_status_to_string (run->status));
  errata_cli_json_add_int (builder, "tp", c->tp);
  errata_cli_json_add_int (builder, "fn", c->fn);
  errata_cli_json_add_int (builder, "fp", c->fp);
  errata_cli_json_add_int (builder, "tn", c->tn);
  _errata_cli_eval_add_rate_json (builder, "tpr", a->tpr, &a->tpr_interval,
                 !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_PASS));
  _errata_cli_eval_add_rate_json (builder, "tnr", a->tnr, &a->tnr_interval,
                 !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_FAIL));
  _errata_cli_eval_add_rate_json (builder, "accuracy", a->accuracy, NULL,
                 !(a->undefined & ERRATA_ALIGNMENT_NO_PAIRS));
  _errata_cli_eval_add_rate_json (builder, "balanced_accuracy", a->balanced_accuracy, NULL,
                 !(a->undefined & (ERRATA_ALIGNMENT_NO_HUMAN_PASS | ERRATA_ALIGNMENT_NO_HUMAN_FAIL)));
  _errata_cli_eval_add_rate_json (builder, "kappa", a->kappa, NULL,
                 !(a->undefined & (ERRATA_ALIGNMENT_NO_PAIRS | ERRATA_ALIGNMENT_CHANCE_AGREEMENT_ONE)));
  errata_cli_json_add_int (builder, "errors", metrics->n_errors);
  errata_cli_json_add_int (builder, "disputed", metrics->n_disputed);
  errata_cli_json_add_int (builder, "unlabeled", metrics->n_unlabelled);
  errata_cli_json_add_int (builder, "missing", metrics->n_missing);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  errata_cli_json_add_int (builder, "explicit", labels->n_explicit);
  errata_cli_json_add_int (builder, "reviews", labels->n_reviews);
  errata_cli_json_add_int (builder, "imported", labels->n_imported);
  errata_cli_json_add_int (builder, "disputed", labels->n_disputed);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _errata_cli_eval_print_json (root);
}

static void
print_rate (const char           *name,
            double                value,
            const ErrataInterval *interval,
            gboolean              defined)
{
  if (!defined)
    g_print ("  %-20s %s\n", name, _("undefined (no trace of that class)"));
  else
    g_print ("  %-20s %.3f  [%.3f, %.3f]\n", name, value, interval->lower, interval->upper);
}

static void
print_metrics (const ErrataEvalMetrics *metrics,
               const ErrataRunInfo     *run,
               const ErrataTruthCounts *labels,
               const char              *target)
{
  const ErrataAlignment *a = &metrics->alignment;
  const ErrataConfusion *c = &a->confusion;
  g_autofree char *started = _errata_cli_eval_format_time (run->started_at);

  g_print (_("Run %" PRId64 " · version %u · %s · %s · started %s\n"), run->id,
           run->version, errata_eval_scope_to_string (run->scope),
           errata_run_status_to_string (run->status), started);
  g_print (_("Human labels for “%s” as they are now: %u explicit, %u from reviews made here, "
             "%u imported; %u disputed traces left out.\n\n"), target, labels->n_explicit,
           labels->n_reviews, labels->n_imported, labels->n_disputed);
  g_print ("  %-20s %10s %10s %10s\n", "", _("judge pass"), _("judge fail"), _("error"));
  g_print ("  %-20s %10u %10u %10u\n", _("human pass"), c->tp, c->fn, c->errors_human_pass);
  g_print ("  %-20s %10u %10u %10u\n\n", _("human fail"), c->fp, c->tn, c->errors_human_fail);
  print_rate (_("TPR (pass recall)"), a->tpr, &a->tpr_interval,
              !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_PASS));
  print_rate (_("TNR (fail recall)"), a->tnr, &a->tnr_interval,
              !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_FAIL));
  g_print (_("  (95%% Wilson score intervals)\n"));
  g_print (_("  Accuracy %.3f · balanced accuracy %.3f · Cohen's κ %.3f\n"), a->accuracy,
           a->balanced_accuracy, a->kappa);
  g_print (_("Left out: %u errors, %u disputed, %u unlabeled, %u traces without a verdict.\n"),
           metrics->n_errors, metrics->n_disputed, metrics->n_unlabelled, metrics->n_missing);
}

int
_errata_cli_eval_metrics (int    argc,
             char **argv)
{
  g_autofree char *scope_name = NULL;
  gint64 run_id = 0;
  int number = 0;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &scope_name, N_("The newest run on this scope"),
      N_("SCOPE") },
    { "version", 0, 0, G_OPTION_ARG_INT, &number, N_("Of version N (default: any)"), N_("N") },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run_id, N_("This run"), N_("RUN") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT NAME"),
                            /* xgettext:no-c-format */
                            _("How well a run agrees with the human labels: the confusion "
                              "matrix, TPR and TNR with 95% intervals, accuracy, κ."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataRunInfo) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  ErrataEvalMetrics metrics;
  ErrataTruthCounts labels;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3 || number < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“eval metrics” takes a project and an evaluator's name"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL || !_errata_cli_eval_lookup (project, argv[2], 0, &evaluator, NULL, &error))
    return _errata_cli_eval_fail_error (error);
  run = pick_run (project, evaluator, number, scope_name, run_id, &error);
  if (run == NULL || !errata_eval_metrics_compute (project, run->id, &metrics, &error)
      || !errata_ground_truth_count (project, evaluator->target, &labels, &error))
    return _errata_cli_eval_fail_error (error);
  target = errata_target_describe (project, evaluator->target);
  if (as_json)
    print_metrics_json (&metrics, run, &labels);
  else
    print_metrics (&metrics, run, &labels, target);
  return ERRATA_CLI_EXIT_OK;
}

int
_errata_cli_eval_verdicts (int    argc,
              char **argv)
{
  g_autofree char *scope_name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  gint64 run_id = 0;
  int number = 0;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &scope_name, N_("The newest run on this scope"),
      N_("SCOPE") },
    { "version", 0, 0, G_OPTION_ARG_INT, &number, N_("Of version N (default: any)"), N_("N") },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run_id, N_("This run"), N_("RUN") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("csv (default) or jsonl"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE, not standard output"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT NAME"),
                            _("One row per trace of a run: id, source, split, human label, "
                              "verdict, reasoning, error — enough to recompute every metric."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataRunInfo) run = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  ErrataVerdictsFormat format = ERRATA_VERDICTS_CSV;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3 || number < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“eval verdicts” takes a project and an evaluator's name"));
  if (format_name != NULL && g_str_equal (format_name, "jsonl"))
    format = ERRATA_VERDICTS_JSONL;
  else if (format_name != NULL && !g_str_equal (format_name, "csv"))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--format takes csv or jsonl"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL || !_errata_cli_eval_lookup (project, argv[2], 0, &evaluator, NULL, &error))
    return _errata_cli_eval_fail_error (error);
  run = pick_run (project, evaluator, number, scope_name, run_id, &error);
  if (run == NULL)
    return _errata_cli_eval_fail_error (error);
  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                                &error));
      if (stream == NULL)
        return _errata_cli_eval_fail_error (error);
    }
  else
    stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!errata_eval_write_verdicts (project, run->id, format, stream, NULL, &error)
      || !g_output_stream_close (stream, NULL, &error))
    return _errata_cli_eval_fail_error (error);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- estimate PROJECT NAME ------------------------------------------------ */

static gboolean
parse_share (const char  *option,
             const char  *text,
             double      *value,
             GError     **error)
{
  char *end = NULL;

  if (text == NULL)
    return TRUE;
  *value = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0' && *value >= 0 && *value <= 1)
    return TRUE;
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               /* Translators: %s is an option such as --min-pass-rate, then what the user typed. */
               _("%s takes a number between 0 and 1, such as 0.9 (got “%s”)"), option, text);
  return FALSE;
}

/* The corrected rate's members, as they always were. */
static void
add_corrected_rate_json (JsonBuilder                    *builder,
                         const ErrataEvalEstimateResult *result)
{
  const ErrataCorrectedRate *rate = &result->rate;

  _errata_cli_eval_add_rate_json (builder, "pass_rate", rate->pass_rate, &rate->pass_interval, TRUE);
  _errata_cli_eval_add_rate_json (builder, "failure_rate", rate->failure_rate, &rate->failure_interval, TRUE);
  _errata_cli_eval_add_rate_json (builder, "observed_pass_rate", rate->observed_pass_rate, NULL, TRUE);
  _errata_cli_eval_add_rate_json (builder, "tpr", rate->tpr, NULL, TRUE);
  _errata_cli_eval_add_rate_json (builder, "tnr", rate->tnr, NULL, TRUE);
  errata_cli_json_add_int (builder, "n_test", rate->n_test);
  errata_cli_json_add_int (builder, "n_unlabeled", rate->n_unlabelled);
  errata_cli_json_add_int (builder, "unlabeled_errors", result->unlabelled_errors);
  errata_cli_json_add_int (builder, "draws", rate->n_draws);
  errata_cli_json_add_int (builder, "draws_used", rate->n_draws_used);
  errata_cli_json_add_int (builder, "seed", (gint64)rate->seed);
  json_builder_set_member_name (builder, "clipped");
  json_builder_add_boolean_value (builder, rate->clipped);
}

/* @more: NULL without --method (the object as it always was); else PPI++,
 * the comparison and the budget after the corrected rate, when asked. */
static gboolean
print_estimate_json (const ErrataEvalEstimateResult *result,
                     const char                     *gate,
                     gboolean                        passed,
                     const ErrataCliEstimateInput   *more)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  errata_cli_json_add_int (builder, "version", result->version);
  errata_cli_json_add_int (builder, "test_run", result->test_run_id);
  errata_cli_json_add_int (builder, "unlabeled_run", result->unlabelled_run_id);
  errata_cli_json_add_int (builder, "test_looks", result->n_test_looks);
  if (more == NULL || more->rate != NULL)
    add_corrected_rate_json (builder, result);
  if (more != NULL && !errata_cli_estimate_add_more (more, builder))
    return FALSE;
  if (gate != NULL)
    {
      json_builder_set_member_name (builder, "gate_passed");
      json_builder_add_boolean_value (builder, passed);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _errata_cli_eval_print_json (root);
  return TRUE;
}

/* Where the numbers come from, when the corrected rate's lines (which say
 * it) are not printed: --method ppi. */
static void
print_estimate_sources (const ErrataEvalEstimateResult *result)
{
  const ErrataConfusion *c = &result->test;

  g_print (_("Judge version %u: test run %" PRId64 " (%u labelled traces: %u human pass, "
             "%u human fail), unlabeled run %" PRId64 " (%u pass, %u fail, %u errors "
             "left out)\n"),
           result->version, result->test_run_id, c->tp + c->fn + c->fp + c->tn, c->tp + c->fn,
           c->fp + c->tn, result->unlabelled_run_id, result->unlabelled_pass,
           result->unlabelled_fail, result->unlabelled_errors);
}

static void
print_estimate_text (const ErrataEvalEstimateResult *result)
{
  const ErrataCorrectedRate *rate = &result->rate;

  g_print (_("Corrected failure rate %.1f%%  [%.1f%%, %.1f%%]  (%.0f%% bootstrap interval)\n"),
           rate->failure_rate * 100, rate->failure_interval.lower * 100,
           rate->failure_interval.upper * 100, rate->level * 100);
  g_print (_("Corrected pass rate    %.1f%%  [%.1f%%, %.1f%%]\n"), rate->pass_rate * 100,
           rate->pass_interval.lower * 100, rate->pass_interval.upper * 100);
  g_print (_("Raw pass rate          %.1f%% of %u unlabeled traces the judge passed or failed "
             "(%u errors left out)\n"), rate->observed_pass_rate * 100, rate->n_unlabelled,
           result->unlabelled_errors);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Judge on test: TPR %.3f, TNR %.3f over %u labelled traces (run %"
                        PRId64 ", version %u, %u look at test)\n",
                        "Judge on test: TPR %.3f, TNR %.3f over %u labelled traces (run %"
                        PRId64 ", version %u, %u looks at test)\n",
                        result->n_test_looks),
           rate->tpr, rate->tnr, rate->n_test, result->test_run_id, result->version,
           result->n_test_looks);
  /* Youden's J: how far the judge is from chance on test. Below about 0.5
   * the correction divides by a small number and the interval is wide;
   * say so rather than let a wide interval look like a measurement. */
  if (rate->tpr + rate->tnr - 1 < 0.5)
    g_print (_("The judge is not much better than chance on test (TPR + TNR − 1 = %.2f), so "
               "the corrected rate is uncertain: improve the judge on dev first.\n"),
             rate->tpr + rate->tnr - 1);
  g_print (_("Bootstrap: %u of %u draws used, seed %" PRIu64 "%s\n"),
           rate->n_draws_used, rate->n_draws, rate->seed,
           rate->clipped ? _("; the raw rate lies outside what this TPR and TNR can give, "
                             "so the estimate was clipped") : "");
}

int
errata_cli_estimate_project_main (int    argc,
                                  char **argv)
{
  g_autofree char *min_pass_rate = NULL;
  g_autofree char *confidence = NULL;
  int iterations = ERRATA_BOOTSTRAP_DEFAULT_DRAWS;
  gint64 seed = -1;
  gboolean as_json = FALSE;
  g_autofree char *method_text = NULL;
  double target_half_width = 0;
  GOptionEntry entries[] = {
    { "min-pass-rate", 0, 0, G_OPTION_ARG_STRING, &min_pass_rate,
      N_("Exit 1 when the corrected pass rate is below X (a CI gate)"), N_("X") },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &iterations, N_("Bootstrap draws (default 20000)"),
      N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Bootstrap seed"), N_("S") },
    { "confidence", 0, 0, G_OPTION_ARG_STRING, &confidence,
      N_("Confidence level of the interval (default 0.95)"), N_("C") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method_text,
      N_("rogan-gladen (the corrected rate alone, the default), ppi (PPI++, which assumes the "
         "labeled test traces are a random sample of all traces) or both, with a line when they "
         "disagree"), N_("METHOD") },
    { "target-half-width", 0, 0, G_OPTION_ARG_DOUBLE, &target_half_width,
      N_("With --method: also print how many more labeled traces would bring the interval’s "
         "half-width under W (0.03 for ±3 points)"), "W" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT NAME"),
                            _("The failure rate on unlabeled traces, corrected for the judge's "
                              "errors on the test split, with a bootstrap interval."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();
  ErrataEvalEstimateResult result;
  ErrataCliMethod method = ERRATA_CLI_METHOD_ROGAN_GLADEN;
  ErrataCliEstimateInput more;
  double gate = 0;
  gboolean passed = TRUE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“estimate” takes a project and an evaluator's name, or "
                              "--test-labels, --test-preds and --unlabeled-preds"));
  if (!parse_share ("--min-pass-rate", min_pass_rate, &gate, &error)
      || !parse_share ("--confidence", confidence, &options.level, &error))
    return _errata_cli_eval_fail_error (error);
  if (iterations <= 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--iterations takes a positive number"));
  if (method_text != NULL && !errata_cli_method_parse (method_text, &method))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--method must be rogan-gladen, ppi or both"));
  if (min_pass_rate != NULL && !(method & ERRATA_CLI_METHOD_ROGAN_GLADEN))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--min-pass-rate gates on the corrected rate: use it with --method "
                              "rogan-gladen or both"));
  if (target_half_width != 0 && (method_text == NULL || !(target_half_width > 0 &&
                                                         target_half_width < 1)))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--target-half-width takes a number between 0 and 1, such as 0.03, "
                              "with --method"));
  options.n_draws = (guint)iterations;
  if (seed >= 0)
    options.seed = (guint64)seed;

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL || !_errata_cli_eval_lookup (project, argv[2], 0, &evaluator, NULL, &error))
    return _errata_cli_eval_fail_error (error);
  if ((method & ERRATA_CLI_METHOD_ROGAN_GLADEN)
      ? !errata_eval_estimate (project, evaluator->id, &options, &result, &error)
      : !errata_eval_estimate_gather (project, evaluator->id, &result, &error))
    return _errata_cli_eval_fail_error (error);
  if (min_pass_rate != NULL)
    passed = result.rate.pass_rate >= gate;
  more = (ErrataCliEstimateInput) {
    .method = method,
    .test = &result.test,
    .unlabeled_pass = result.unlabelled_pass,
    .unlabeled_fail = result.unlabelled_fail,
    .level = options.level,
    .target_half_width = target_half_width,
    .rate = (method & ERRATA_CLI_METHOD_ROGAN_GLADEN) ? &result.rate : NULL,
  };
  if (as_json)
    {
      if (!print_estimate_json (&result, min_pass_rate, passed,
                                method_text != NULL ? &more : NULL))
        return ERRATA_CLI_EXIT_FAILED;
    }
  else
    {
      if (method & ERRATA_CLI_METHOD_ROGAN_GLADEN)
        print_estimate_text (&result);
      else
        print_estimate_sources (&result);
      if (method_text != NULL && !errata_cli_estimate_print_more (&more))
        return ERRATA_CLI_EXIT_FAILED;
      if (min_pass_rate != NULL)
        g_print (passed ? _("Gate passed: %.1f%% ≥ %.1f%%.\n")
                        : _("Gate failed: the corrected pass rate %.1f%% is below %.1f%%.\n"),
                 result.rate.pass_rate * 100, gate * 100);
    }
  return passed ? ERRATA_CLI_EXIT_OK : ERRATA_CLI_EXIT_FAILED;
}
