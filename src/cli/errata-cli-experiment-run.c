/* errata-cli-experiment-run.c: `experiment run` (a variant through the
 * queue, then scored) and `experiment compare` (the comparison, and the CI
 * gate on regressions).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-experiment-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "errata-cli-common.h"
#include "errata-cli-outcome.h"
#include "errata-cli-llm.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-experiment-compare.h"
#include "errata-experiment-run.h"
#include "errata-llm-cache.h"

/* ---- run ------------------------------------------------------------------ */

static void
on_progress (const ErrataExperimentRunProgress *progress,
             gpointer                           user_data)
{
  if (progress->phase == ERRATA_EXPERIMENT_PHASE_SENDING)
    {
      /* Translators: progress of sending: "12/40 sent (1 failed)". */
      g_autofree char *line = g_strdup_printf (_("%u/%u sent (%u failed)"), progress->done,
                                               progress->total, progress->n_failed);

      /* The line is written over: \r and the padding stay out of the message. */
      g_printerr ("\r%s   ", line);
    }
  else
    {
      /* Translators: progress of scoring: "judge 1 of 2: 30/40". */
      g_autofree char *line = g_strdup_printf (_("judge %u of %u: %u/%u"),
                                               progress->evaluators_done + 1,
                                               progress->n_evaluators, progress->judged,
                                               progress->to_judge);

      g_printerr ("\r%s   ", line);
    }
}

/* A client for judges that need an LLM, when any evaluator is one; the
 * run says which judges it skipped when there is none. */
static ErrataLlmClient *
judge_client (ErrataProject *project,
              const char    *provider,
              const char    *base_url,
              const char    *model)
{
  g_autoptr(GPtrArray) evaluators = errata_evaluators_list (project, NULL);
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  gboolean needed = FALSE;

  for (guint i = 0; evaluators != NULL && i < evaluators->len; i++)
    needed |= errata_evaluator_method_needs_llm (((ErrataEvaluator *)evaluators->pdata[i])->kind);
  if (!needed)
    return NULL;
  client = errata_cli_llm_client_new (provider, base_url, model, &error);
  if (client == NULL)
    {
      g_printerr (_("No LLM provider for the judges: %s\n"), error->message);
      return NULL;
    }
  cache = errata_llm_cache_new_for_project (project);
  errata_llm_client_set_cache (client, cache);
  return g_steal_pointer (&client);
}

static void
print_run (ErrataExperimentVariant   *variant,
           ErrataExperimentRunResult *result,
           gboolean                   as_json)
{
  const ErrataExperimentRunProgress *p = &result->progress;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!as_json)
    {
      /* Translators: "Variant “v2”: 40 sent, 40 replies, 0 failed; 40 had a reply before." */
      g_print (_("Variant “%s”: %u sent, %u replies, %u failed; %u had a reply before.\n"),
               variant->name, p->total, p->n_traces, p->n_failed, result->n_pairs_before);
      if (p->cancelled)
        g_print (_("Cancelled: run again to resume (only the missing replies are sent).\n"));
      else if (result->n_missing > 0)
        g_print (_("%u replies are missing: running again sends only those.\n"),
                 result->n_missing);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Scored by %u evaluator run.\n",
                            "Scored by %u evaluator runs.\n", result->eval_run_ids->len),
               result->eval_run_ids->len);
      for (guint i = 0; result->skipped[i] != NULL; i++)
        g_print (_("Not scored: %s\n"), result->skipped[i]);
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "variant");
  json_builder_add_string_value (b, variant->name);
  errata_cli_json_add_int (b, "sent", p->total);
  errata_cli_json_add_int (b, "replies", p->n_traces);
  errata_cli_json_add_int (b, "failed", p->n_failed);
  errata_cli_json_add_int (b, "replies_before", result->n_pairs_before);
  errata_cli_json_add_int (b, "missing", result->n_missing);
  json_builder_set_member_name (b, "cancelled");
  json_builder_add_boolean_value (b, p->cancelled);
  json_builder_set_member_name (b, "eval_runs");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->eval_run_ids->len; i++)
    json_builder_add_int_value (b, g_array_index (result->eval_run_ids, gint64, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "not_scored");
  json_builder_begin_array (b);
  for (guint i = 0; result->skipped[i] != NULL; i++)
    json_builder_add_string_value (b, result->skipped[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  errata_cli_print_json (root);
}

int
_errata_cli_experiment_run (int    argc,
                            char **argv)
{
  gboolean progress = FALSE, trust = FALSE, as_json = FALSE, no_score = FALSE, resume = FALSE;
  gboolean allow_remote = FALSE;
  g_autofree char *provider = NULL, *base_url = NULL, *model = NULL;
  const GOptionEntry entries[] = {
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, N_("Show progress on stderr"), NULL },
    { "trust", 0, 0, G_OPTION_ARG_NONE, &trust,
      N_("Trust the variant's command target on this machine"), NULL },
    /* Every long run of errata-cli takes --resume (DESIGN.md, "CLI words");
     * this one always resumes: only missing pairs are sent. */
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume,
      N_("Send only the replies still missing (what every run does)"), NULL },
    { "no-score", 0, 0, G_OPTION_ARG_NONE, &no_score,
      N_("Send the queries only; the evaluators run next time"), NULL },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
      N_("The LLM provider for judges (default: the configured one)"), N_("NAME") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, N_("The judges' provider URL"), N_("URL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("The judges' model"), N_("MODEL") },
    { "allow-remote", 0, 0, G_OPTION_ARG_NONE, &allow_remote,
      N_("Allow this project's traces to go to the judges' provider when it is not on this "
         "machine (recorded in the project)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT NAME VARIANT [--progress] - send the queries through a variant and score it"),
    _("Each reply becomes a trace (source “experiment”). Only (query, repeat) pairs without a "
      "reply are sent, so running again resumes after Ctrl+C or a crash. Then every evaluator "
      "with a finalized version judges the new replies."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(ErrataExperimentVariant) variant = NULL;
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataExperimentRunResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ErrataCliInterrupt) interrupt = { 0 };

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 4)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Usage: errata-cli experiment run PROJECT NAME VARIANT [--progress] "
                              "[--trust] [--allow-remote]"));
  experiment = _errata_cli_experiment_open (argv[1], argv[2], &project, &error);
  variant = experiment ? errata_experiment_find_variant (project, experiment->id, argv[3], &error)
                       : NULL;
  target = variant ? errata_experiment_variant_new_target (project, variant, &error) : NULL;
  if (target == NULL || (trust && !errata_synth_target_grant_trust (target, &error)))
    return _errata_cli_experiment_fail_error (error);
  if (!no_score)
    client = judge_client (project, provider, base_url, model);
  /* As `eval run --allow-remote`. Without the flag a judge whose remote
   * provider the project has not allowed is skipped, and the run says why
   * (the queries still go to the user's own system). */
  if (client != NULL && allow_remote
      && !errata_cli_check_remote (project, errata_llm_client_get_provider (client)->base_url,
                                   TRUE, &error))
    return _errata_cli_experiment_fail_error (error);
  errata_cli_interrupt_watch (&interrupt, cancellable, NULL);
  errata_experiment_run_async (project, variant->id, target, client,
                               no_score ? ERRATA_EXPERIMENT_RUN_NO_SCORE
                                        : ERRATA_EXPERIMENT_RUN_DEFAULT,
                               progress ? on_progress : NULL, NULL, cancellable,
                               errata_cli_on_result, &async_result);
  result = errata_experiment_run_finish (errata_cli_wait (&async_result), &error);
  errata_cli_interrupt_clear (&interrupt);
  if (progress)
    g_printerr ("\n");
  if (result == NULL)
    return _errata_cli_experiment_fail_error (error);
  print_run (variant, result, as_json);
  return result->n_missing > 0 || result->progress.cancelled ? ERRATA_CLI_EXIT_FAILED
                                                             : ERRATA_CLI_EXIT_OK;
}

/* ---- compare --------------------------------------------------------------- */

static char *
format_rate (const ErrataExperimentRate *rate)
{
  if (rate->n == 0)
    return g_strdup ("—");
  /* Translators: a pass rate, its interval and how it was made: "85% [70–93] W". */
  return g_strdup_printf (_("%3.0f%% [%.0f–%.0f] %s"), 100 * rate->rate,
                          100 * rate->interval.lower, 100 * rate->interval.upper,
                          rate->corrected ? "C" : "W");
}

static char *
format_p (double p)
{
  if (isnan (p))
    return g_strdup ("—");
  if (p < 0.001)
    return g_strdup ("<0.001");
  return g_strdup_printf ("%.3f", p);
}

/* printf's widths count bytes: pad by characters ("–", "→" are three). */
static void
print_cell (const char *text,
            guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_print ("%s%*s ", text, (int) (length < (glong) width ? width - length : 0), "");
}

static void
print_row (ErrataExperimentRow *row)
{
  g_autofree char *baseline = format_rate (&row->baseline);
  g_autofree char *candidate = format_rate (&row->candidate);
  g_autofree char *p = format_p (row->p_adjusted);
  g_autofree char *difference = NULL;
  const char *verdict = row->direction == ERRATA_EXPERIMENT_BETTER ? _("better")
                        : row->direction == ERRATA_EXPERIMENT_WORSE ? _("WORSE")
                        : _("no significant change");

  if (row->paired.n > 0)
    difference = g_strdup_printf ("%+.0f [%+.0f, %+.0f]", 100 * row->paired.difference,
                                  100 * row->paired.interval.lower,
                                  100 * row->paired.interval.upper);
  print_cell (row->name, 18);
  print_cell (baseline, 18);
  print_cell (candidate, 18);
  g_print ("%5u ", row->paired.n);
  print_cell (difference != NULL ? difference : "—", 18);
  print_cell (p, 7);
  g_print ("%s\n", verdict);
}

static void
print_flips (ErrataExperimentRow *row,
             guint                max_flips)
{
  GPtrArray *lists[] = { row->pass_to_fail, row->fail_to_pass };
  const char *words[] = { N_("pass → fail"), N_("fail → pass") };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      if (lists[l]->len == 0)
        continue;
      /* Translators: "  language, pass → fail: 20 (traces baseline → candidate)". */
      g_print (_("  %s, %s: %u (traces baseline → candidate)\n"), row->name, _(words[l]),
               lists[l]->len);
      for (guint i = 0; i < MIN (lists[l]->len, max_flips); i++)
        {
          ErrataExperimentFlip *flip = lists[l]->pdata[i];

          g_print ("    %" PRId64 " → %" PRId64 "  %.60s\n",
                   flip->baseline_trace_id, flip->candidate_trace_id, flip->query);
        }
      if (lists[l]->len > max_flips)
        g_print (_("    … and %u more (--json lists them all)\n"), lists[l]->len - max_flips);
    }
}

static void
print_costs (ErrataExperimentComparison *comparison)
{
  g_print (_("\nCost and speed (from the traces; judges from their runs):\n"));
  for (guint i = 0; i < comparison->costs->len; i++)
    {
      ErrataExperimentCost *cost = comparison->costs->pdata[i];
      g_autofree char *tokens = cost->tokens_in >= 0
                                ? g_strdup_printf ("%" PRId64 " in, %" PRId64
                                                   " out", cost->tokens_in, cost->tokens_out)
                                : g_strdup (_("not recorded"));

      /* Translators: "  v1: 40 traces, median latency 12 ms, tokens not recorded, judges $0.0000". */
      g_print (_("  %s: %u traces, median latency %.0f ms, tokens %s, judges $%.4f\n"),
               cost->name, cost->n_traces, cost->latency_median_ms, tokens, cost->eval_cost);
    }
}

static void
print_comparison (ErrataExperimentComparison *comparison,
                  guint                       max_flips)
{
  for (guint c = 0; c < comparison->candidates->len; c++)
    {
      ErrataExperimentCandidate *candidate = comparison->candidates->pdata[c];
      g_autofree char *changes = g_strjoinv (", ", candidate->changes);

      /* Translators: "Candidate “v2” against baseline “v1” (changes: body)". */
      g_print (_("%sCandidate “%s” against baseline “%s” (changes: %s)\n"), c > 0 ? "\n" : "",
               candidate->name, comparison->baseline, *changes ? changes : "—");
      print_cell (_("mode"), 18);
      print_cell (_("baseline"), 18);
      print_cell (_("candidate"), 18);
      g_print ("%5s ", _("pairs"));
      print_cell (_("difference, pts"), 18);
      g_print ("%s\n", _("p"));
      for (guint r = 0; r < candidate->rows->len; r++)
        print_row (candidate->rows->pdata[r]);
      for (guint r = 0; r < candidate->rows->len; r++)
        {
          ErrataExperimentRow *row = candidate->rows->pdata[r];

          if (row->baseline.n_by_people + row->candidate.n_by_people > 0)
            /* Translators: "  language: 1 of 40 baseline and 3 of 40 candidate verdicts are people's labels, not the judge's". */
            g_print (_("  %s: %u of %u baseline and %u of %u candidate verdicts are labels "
                       "people gave (reviews made here, explicit labels), not the judge’s\n"),
                     row->name, row->baseline.n_by_people, row->baseline.n,
                     row->candidate.n_by_people, row->candidate.n);
        }
      for (guint r = 0; r < candidate->rows->len; r++)
        print_flips (candidate->rows->pdata[r], max_flips);
    }
  g_print (_("\nPass rates with 95%% intervals: W raw, Wilson interval; C corrected for the "
             "judge’s errors on its test run (bootstrap interval). Difference: candidate − "
             "baseline on the same (query, repeat) pairs, paired bootstrap interval; p: McNemar’s "
             "exact test on the pairs that changed. Overall: a pair fails when any mode fails.\n"));
  g_print ("%s\n", comparison->correction);
  print_costs (comparison);
}

static gboolean
parse_alpha (const char *text,
             double     *alpha)
{
  char *end = NULL;

  if (text == NULL)
    return TRUE;
  *alpha = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *alpha > 0 && *alpha < 1;
}

/* Exit 1 naming every mode that got significantly worse. */
static int
gate (ErrataExperimentComparison *comparison,
      const char                 *mode)
{
  g_autoptr(GPtrArray) worse = errata_experiment_comparison_regressions (comparison, mode);

  for (guint i = 0; i < worse->len; i++)
    {
      ErrataExperimentRow *row = worse->pdata[i];
      g_autofree char *p = format_p (row->p_adjusted);

      /* Translators: "Regression: “language” got significantly worse: 100% → 50% pass (p <0.001, α 0.05)". */
      g_printerr (_("Regression: “%s” got significantly worse: %.0f%% → %.0f%% pass on the same "
                    "queries (p %s, α %g)\n"), row->name, 100 * row->paired.baseline_rate,
                  100 * row->paired.candidate_rate, p, comparison->alpha);
    }
  return worse->len > 0 ? ERRATA_CLI_EXIT_FAILED : ERRATA_CLI_EXIT_OK;
}

static gboolean
resolve_candidates (ErrataProject     *project,
                    ErrataExperiment  *experiment,
                    char             **names,
                    gint64            *baseline_id,
                    GArray            *candidate_ids,
                    GError           **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(ErrataExperimentVariant) variant = NULL;

      variant = errata_experiment_find_variant (project, experiment->id, names[i], error);
      if (variant == NULL)
        return FALSE;
      if (i == 0)
        *baseline_id = variant->id;
      else
        g_array_append_val (candidate_ids, variant->id);
    }
  return TRUE;
}

int
_errata_cli_experiment_compare (int    argc,
                                char **argv)
{
  gboolean as_json = FALSE;
  g_autofree char *fail_on = NULL, *alpha_text = NULL;
  int max_flips = 5, draws = 0;
  gint64 seed = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { "fail-on-regression", 0, 0, G_OPTION_ARG_STRING, &fail_on,
      N_("Exit 1 when this failure mode (or any) got significantly worse: a CI gate"),
      N_("MODE|any") },
    { "alpha", 0, 0, G_OPTION_ARG_STRING, &alpha_text,
      N_("Significance level (default 0.05)"), N_("A") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the bootstrap"), N_("S") },
    { "draws", 0, 0, G_OPTION_ARG_INT, &draws, N_("Bootstrap draws (default 20000)"), N_("B") },
    { "flips", 0, 0, G_OPTION_ARG_INT, &max_flips,
      N_("Flipped queries to show per mode and direction (default 5)"), N_("N") },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT NAME BASELINE CANDIDATE… - compare variants per failure mode, paired"),
    /* xgettext:no-c-format */
    _("Each candidate against the baseline, on the same queries: pass rates with 95% "
      "intervals, McNemar's exact test and a paired bootstrap interval of the difference, "
      "the queries that flipped. With several candidates, Holm's correction.\n\n"
      "In CI: errata-cli experiment compare app.errata support main candidate "
      "--fail-on-regression any"));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(ErrataExperimentComparison) comparison = NULL;
  g_autoptr(GArray) candidate_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  ErrataExperimentCompareOptions options = { 0, };
  gint64 baseline_id = 0;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc < 5 || draws < 0 || max_flips < 0 || seed < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Usage: errata-cli experiment compare PROJECT NAME BASELINE "
                              "CANDIDATE… [--json] [--fail-on-regression MODE|any] [--alpha A]"));
  if (!parse_alpha (alpha_text, &options.alpha))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--alpha takes a level between 0 and 1, such as 0.05 (got “%s”)"),
                            alpha_text);
  options.seed = (guint64)seed;
  options.n_draws = draws;
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  experiment = project ? errata_experiment_find (project, argv[2], &error) : NULL;
  if (experiment == NULL
      || !resolve_candidates (project, experiment, argv + 3, &baseline_id, candidate_ids, &error)
      || (comparison = errata_experiment_compare (project, experiment->id, baseline_id,
                                                  candidate_ids, &options, &error)) == NULL)
    return _errata_cli_experiment_fail_error (error);
  if (fail_on != NULL && !errata_experiment_comparison_has_mode (comparison, fail_on))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("No evaluator or failure mode “%s” in this comparison: name one "
                              "of its rows, “overall” or “any”"), fail_on);
  if (as_json)
    {
      g_autoptr(JsonNode) root = errata_experiment_comparison_to_json (comparison);

      errata_cli_print_json (root);
    }
  else
    print_comparison (comparison, max_flips);
  return fail_on != NULL ? gate (comparison, fail_on) : ERRATA_CLI_EXIT_OK;
}
