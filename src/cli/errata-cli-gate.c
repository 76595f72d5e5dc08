/* errata-cli-gate.c: `errata-cli gate PROJECT NAME|--target T`: do the
 * reviewers agree enough on a target to validate a judge against their
 * labels, and can the judge stand in for a reviewer (the alternative
 * annotator test)? Exits 1 when the gate is blocked or the judge fails
 * the test, so CI can refuse a judge's numbers.
 *
 * A command of its own rather than part of `eval metrics`: it answers for
 * a target even with no evaluator (--target), and its exit status is the
 * gate's, not the metrics'.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-gate.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "errata-alignment-gate.h"
#include "errata-cli-common.h"
#include "errata-cli-eval-private.h"
#include "errata-eval-runs.h"
#include "errata-ground-truth.h"

typedef struct
{
  char     *target;
  char     *scope;
  gint64    run_id;
  double    threshold;
  double    epsilon;
  int       min_traces;
  int       iterations;
  gint64    seed;
  gboolean  json;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->target);
  g_free (options->scope);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static const char *
state_name (ErrataGateState state)
{
  switch (state)
    {
    case ERRATA_GATE_BLOCKED: return "blocked";
    case ERRATA_GATE_NOT_ENOUGH_DATA: return "not-enough-data";
    case ERRATA_GATE_OK:
    default: return "ok";
    }
}

/* ---- which run ------------------------------------------------------------ */

/* --run N, or the newest finished run of the evaluator on --on (dev by
 * default); NULL without error when there is none yet. */
static ErrataRunInfo *
pick_run (ErrataProject    *project,
          ErrataEvaluator  *evaluator,
          const Options    *options,
          GError          **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  ErrataEvalScope scope = ERRATA_SCOPE_DEV;

  if (options->run_id > 0)
    {
      ErrataRunInfo *run = errata_eval_runs_get (project, options->run_id, error);

      if (run != NULL && run->evaluator_id != evaluator->id)
        {
          g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                       _("Run %" PRId64 " is not a run of “%s”."), options->run_id,
                       evaluator->name);
          g_clear_pointer (&run, errata_run_info_free);
        }
      return run;
    }
  if (options->scope != NULL && !errata_eval_scope_from_string (options->scope, &scope))
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                   _("--on takes dev, test, train, unlabeled or all (got “%s”)"), options->scope);
      return NULL;
    }
  runs = errata_eval_runs_list (project, evaluator->id, error);
  /* Newest first. */
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      ErrataRunInfo *run = g_ptr_array_index (runs, i);

      if (run->scope == scope && run->status != ERRATA_RUN_RUNNING)
        return g_ptr_array_steal_index (runs, i);
    }
  return NULL;
}

/* ---- text ----------------------------------------------------------------- */

static void
print_agreement (const ErrataAlignmentGate *gate,
                 gboolean                   given)
{
  const ErrataReviewerAgreement *a = &gate->agreement;
  const ErrataAgreementCoefficient *ac1 = &a->agreement.gwet_ac1;
  g_autofree char *raters = a->raters != NULL ? g_strjoinv (", ", a->raters) : g_strdup ("");

  if (a->computed)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Reviewers’ agreement: AC1 %.2f (95%% interval %.2f–%.2f) on %u "
                          "shared trace, %u reviewers (%s)\n",
                          "Reviewers’ agreement: AC1 %.2f (95%% interval %.2f–%.2f) on %u "
                          "shared traces, %u reviewers (%s)\n", a->n_items),
             ac1->value, ac1->interval.lower, ac1->interval.upper, a->n_items, a->n_raters,
             raters);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Reviewers: %u, no shared trace\n",
                          "Reviewers: %u, no shared trace\n", a->n_reviewers), a->n_reviewers);
  g_print (given ? _("Threshold: %.2f (given)\n") : _("Threshold: %.2f (the project’s)\n"),
           gate->threshold);
}

static void
print_reviewer (const char                  *name,
                const ErrataAltTestReviewer *r)
{
  if (r->n_items == 0)
    {
      g_print (_("  %s: no shared trace the judge judged\n"), name);
      return;
    }
  if (!r->tested)
    {
      g_print (_("  %s: %u traces, too few to test; the judge matches the others %.2f, %s %.2f\n"),
               name, r->n_items, r->judge_agreement, name, r->reviewer_agreement);
      return;
    }
  g_print (_("  %s: %u traces; the judge matches the others %.2f, %s %.2f; the judge ties or "
             "wins on %.2f; t = %.3f, p = %.4g: %s\n"),
           name, r->n_items, r->judge_agreement, name, r->reviewer_agreement, r->advantage, r->t,
           r->p_value, r->won ? _("the judge wins") : _("the judge does not win"));
}

static void
print_alt_test (const ErrataAlignmentGate *gate,
                const ErrataRunInfo       *run)
{
  const ErrataAltTest *t = &gate->alt_test;
  g_autofree char *verdict = errata_alignment_gate_describe_alt_test (gate);

  g_print (_("Alternative annotator test on run %" PRId64 " (version %u, %s): "
             "%u shared traces judged, %u not\n"),
           run->id, run->version, errata_eval_scope_to_string (run->scope),
           gate->n_shared_judged, gate->n_shared_unjudged);
  if (gate->has_alt_test)
    {
      g_print (_("  ε = %.2f, q = %.2f (Benjamini–Yekutieli), at least %u traces per reviewer\n"),
               t->options.epsilon, t->options.q, t->options.min_items);
      for (guint j = 0; j < t->n_reviewers; j++)
        print_reviewer (gate->agreement.raters[j], &t->reviewers[j]);
    }
  g_print ("%s\n", verdict);
}

static void
print_text (ErrataProject             *project,
            const ErrataAlignmentGate *gate,
            const ErrataRunInfo       *run,
            const char                *evaluator,
            gboolean                   threshold_given)
{
  g_autofree char *target = errata_target_describe (project, gate->target);
  g_autofree char *message = errata_alignment_gate_describe (gate);

  g_print (_("Target: %s\n"), target);
  print_agreement (gate, threshold_given);
  g_print (_("Gate: %s. %s\n"), state_name (gate->state), message);
  if (run != NULL)
    print_alt_test (gate, run);
  else if (evaluator != NULL)
    g_print (_("“%s” has no finished run there: the alternative annotator test needs its "
               "verdicts.\n"), evaluator);
}

/* ---- JSON ----------------------------------------------------------------- */

static void
add_reviewer_json (JsonBuilder                 *builder,
                   const char                  *name,
                   const ErrataAltTestReviewer *r)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reviewer");
  json_builder_add_string_value (builder, name);
  errata_cli_json_add_int (builder, "n_traces", r->n_items);
  json_builder_set_member_name (builder, "tested");
  json_builder_add_boolean_value (builder, r->tested);
  errata_cli_json_add_double (builder, "judge_agreement", r->judge_agreement);
  errata_cli_json_add_double (builder, "reviewer_agreement", r->reviewer_agreement);
  errata_cli_json_add_double (builder, "advantage", r->advantage);
  errata_cli_json_add_double (builder, "t", isinf (r->t) ? NAN : r->t);
  errata_cli_json_add_double (builder, "p_value", r->p_value);
  json_builder_set_member_name (builder, "judge_wins");
  json_builder_add_boolean_value (builder, r->won);
  json_builder_end_object (builder);
}

static void
add_alt_test_json (JsonBuilder               *builder,
                   const ErrataAlignmentGate *gate)
{
  const ErrataAltTest *t = &gate->alt_test;
  g_autofree char *verdict = errata_alignment_gate_describe_alt_test (gate);

  json_builder_set_member_name (builder, "alt_test");
  json_builder_begin_object (builder);
  errata_cli_json_add_int (builder, "n_shared_judged", gate->n_shared_judged);
  errata_cli_json_add_int (builder, "n_shared_unjudged", gate->n_shared_unjudged);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, verdict);
  if (gate->has_alt_test)
    {
      errata_cli_json_add_double (builder, "epsilon", t->options.epsilon);
      errata_cli_json_add_double (builder, "q", t->options.q);
      errata_cli_json_add_int (builder, "min_traces", t->options.min_items);
      errata_cli_json_add_int (builder, "n_tested", t->n_tested);
      errata_cli_json_add_int (builder, "n_won", t->n_won);
      errata_cli_json_add_double (builder, "winning_rate", t->winning_rate);
      errata_cli_json_add_double (builder, "advantage_probability", t->advantage_probability);
      json_builder_set_member_name (builder, "passed");
      json_builder_add_boolean_value (builder, t->passed);
      json_builder_set_member_name (builder, "reviewers");
      json_builder_begin_array (builder);
      for (guint j = 0; j < t->n_reviewers; j++)
        add_reviewer_json (builder, gate->agreement.raters[j], &t->reviewers[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* Field names are an interface for scripts: never translated. */
static void
print_json (ErrataProject             *project,
            const ErrataAlignmentGate *gate)
{
  const ErrataReviewerAgreement *a = &gate->agreement;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *target = errata_target_describe (project, gate->target);
  g_autofree char *message = errata_alignment_gate_describe (gate);

  json_builder_begin_object (builder);
  errata_cli_json_add_int (builder, "target", gate->target);
  json_builder_set_member_name (builder, "target_name");
  json_builder_add_string_value (builder, target);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state_name (gate->state));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  errata_cli_json_add_double (builder, "threshold", gate->threshold);
  errata_cli_json_add_double (builder, "ac1", a->computed ? a->agreement.gwet_ac1.value : NAN);
  errata_cli_json_add_interval (builder, "ac1_interval",
                                a->computed ? a->agreement.gwet_ac1.interval.lower : NAN,
                                a->computed ? a->agreement.gwet_ac1.interval.upper : NAN);
  errata_cli_json_add_int (builder, "n_shared", a->n_items);
  errata_cli_json_add_int (builder, "n_reviewers", a->n_reviewers);
  if (gate->run_id > 0)
    {
      errata_cli_json_add_int (builder, "run", gate->run_id);
      add_alt_test_json (builder, gate);
    }
  json_builder_set_member_name (builder, "failed");
  json_builder_add_boolean_value (builder, errata_alignment_gate_failed (gate));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _errata_cli_eval_print_json (root);
}

/* ---- the command ---------------------------------------------------------- */

static int
check_options (const Options     *options,
               int                argc,
               ErrataGateOptions *gate)
{
  if ((argc == 3) == (options->target != NULL) || argc < 2 || argc > 3)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“gate” takes a project and an evaluator's name, or a project and "
                              "--target T"));
  if (options->target != NULL && (options->scope != NULL || options->run_id > 0))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--on and --run choose an evaluator's run: give its name instead "
                              "of --target"));
  if (!isnan (options->threshold) && !(options->threshold >= 0 && options->threshold <= 1))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--threshold takes a number between 0 and 1, such as 0.6"));
  if (!(options->epsilon >= 0 && options->epsilon < 1))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--epsilon takes a number between 0 and 1, such as 0.1"));
  if (options->min_traces < 2 || options->iterations <= 0 || options->seed < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--min-traces takes 2 or more, --iterations a positive number, "
                              "--seed 0 or more"));
  gate->threshold = options->threshold;
  gate->alt_test.epsilon = options->epsilon;
  gate->alt_test.min_items = (guint)options->min_traces;
  gate->bootstrap.n_draws = (guint)options->iterations;
  gate->bootstrap.seed = (guint64)options->seed;
  return ERRATA_CLI_EXIT_OK;
}

static GOptionContext *
option_context_new (Options *options)
{
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &options->target,
      N_("The target (overall or a failure mode) when no evaluator is named"), N_("T") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &options->scope,
      N_("The evaluator's newest run on this scope (default dev)"), N_("SCOPE") },
    { "run", 0, 0, G_OPTION_ARG_INT64, &options->run_id, N_("This run of the evaluator"), N_("N") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &options->threshold,
      N_("Block below this AC1 (default: the project's, 0.6 unless set on the Evaluators page)"),
      N_("X") },
    { "epsilon", 0, 0, G_OPTION_ARG_DOUBLE, &options->epsilon,
      N_("The alternative annotator test's margin ε (default 0.1; the authors suggest 0.2 for "
         "expert reviewers)"), N_("E") },
    { "min-traces", 0, 0, G_OPTION_ARG_INT, &options->min_traces,
      N_("Test a reviewer only with this many shared judged traces (default 30)"), N_("N") },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &options->iterations,
      N_("Bootstrap draws of the agreement's interval (default 20000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options->seed, N_("Bootstrap seed (default 0)"), N_("S") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print a JSON object"), NULL },
    { NULL }
  };
  GOptionContext *context =
    errata_cli_context_new (_("PROJECT [NAME]"),
                            _("Whether the reviewers agree enough on a target (Gwet's AC1 against "
                              "a threshold) to validate a judge against their labels, and whether "
                              "the judge can stand in for a reviewer (the alternative annotator "
                              "test). Exits 1 when blocked or when the judge fails the test."));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

int
errata_cli_gate (int    argc,
                 char **argv)
{
  ErrataGateOptions defaults = errata_gate_options_default ();
  g_auto(Options) options = {
    .threshold = NAN,
    .epsilon = defaults.alt_test.epsilon,
    .min_traces = (int)defaults.alt_test.min_items,
    .iterations = (int)defaults.bootstrap.n_draws,
    .seed = (gint64)defaults.bootstrap.seed,
  };
  g_autoptr(GOptionContext) context = option_context_new (&options);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataRunInfo) run = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ErrataAlignmentGate) gate = { 0, };
  ErrataGateOptions gate_options = defaults;
  gint64 target = ERRATA_TARGET_OVERALL;
  int status;

  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  status = check_options (&options, argc, &gate_options);
  if (status != ERRATA_CLI_EXIT_OK)
    return status;
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return _errata_cli_eval_fail_error (error);
  if (argc == 3)
    {
      if (!_errata_cli_eval_lookup (project, argv[2], 0, &evaluator, NULL, &error))
        return _errata_cli_eval_fail_error (error);
      target = evaluator->target;
      run = pick_run (project, evaluator, &options, &error);
      if (run == NULL && error != NULL)
        return _errata_cli_eval_fail_error (error);
    }
  else if (!errata_target_parse (project, options.target, &target, &error))
    return _errata_cli_eval_fail_error (error);
  if (!errata_alignment_gate_compute (project, target, run != NULL ? run->id : 0, &gate_options,
                                      &gate, &error))
    return _errata_cli_eval_fail_error (error);
  if (options.json)
    print_json (project, &gate);
  else
    print_text (project, &gate, run, evaluator != NULL ? evaluator->name : NULL,
                !isnan (options.threshold));
  return errata_alignment_gate_failed (&gate) ? ERRATA_CLI_EXIT_FAILED : ERRATA_CLI_EXIT_OK;
}
