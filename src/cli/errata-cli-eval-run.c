/* errata-cli-eval-run.c: `errata-cli eval run`: a scope's traces judged,
 * with an estimate first, progress lines, Ctrl+C that keeps the verdicts,
 * --resume, --max-cost, --repeat, --trust and --allow-remote; --batch sends
 * it through the provider's Batch API (errata-cli-eval-batch.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-cli-common.h"
#include "errata-cli-outcome.h"
#include "errata-cli-eval-private.h"
#include "errata-cli-llm.h"
#include "errata-eval-metrics.h"
#include "errata-eval-run.h"
#include "errata-eval-runs.h"
#include "errata-judge.h"
#include "errata-eval-scope.h"
#include "errata-evaluator-method.h"
#include "errata-llm-cache.h"

typedef struct
{
  char     *scope_name;
  char     *ids_file;
  char     *max_cost;
  char     *reason;
  char     *provider;
  char     *base_url;
  char     *model;
  char     *poll_interval;
  int       version;
  int       batch_size;
  int       repeat;
  gint64    resume;
  gboolean  force_test;
  gboolean  progress;
  gboolean  trust;
  gboolean  allow_remote;
  gboolean  as_json;
  gboolean  batch;
  gboolean  status;
  gboolean  cancel;
} RunOptions;

static void
run_options_clear (RunOptions *options)
{
  g_free (options->scope_name);
  g_free (options->ids_file);
  g_free (options->max_cost);
  g_free (options->reason);
  g_free (options->provider);
  g_free (options->base_url);
  g_free (options->model);
  g_free (options->poll_interval);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunOptions, run_options_clear)

typedef struct
{
  ErrataEvalRun *run;
  gboolean       show;
  guint          shown_percent;
} ProgressPrinter;

static void
on_progress (ErrataEvalRun   *run,
             ProgressPrinter *printer)
{
  ErrataEvalProgress progress;
  guint percent;

  if (!printer->show)
    return;
  errata_eval_run_get_progress (run, &progress);
  percent = progress.total > 0 ? progress.done * 100 / progress.total : 100;
  /* A line per 5%: readable in a CI log as well as on a terminal. */
  if (percent / 5 == printer->shown_percent / 5 && progress.done < progress.total)
    return;
  printer->shown_percent = percent;
  g_printerr (_("progress: %u/%u judged · %u pass · %u fail · %u errors"),
              progress.done, progress.total, progress.n_pass, progress.n_fail, progress.n_error);
  if (progress.cost > 0)
    g_printerr (" · $%.4f", progress.cost);
  g_printerr ("\n");
}

static GArray *
read_ids_file (ErrataProject  *project,
               const char     *path,
               GError        **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (*line == '\0')
        continue;
      if (!errata_project_resolve_trace_id (project, line, &id, &local_error))
        {
          g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                       /* Translators: %s is a file, %u a line number, %s a message. */
                       "%s:%u: %s", path, i + 1, local_error->message);
          return NULL;
        }
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static gboolean
parse_cost (const char  *text,
            double      *cost,
            GError     **error)
{
  char *end = NULL;

  *cost = 0;
  if (text == NULL)
    return TRUE;
  *cost = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0' && *cost > 0)
    return TRUE;
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               /* Translators: %s is what the user typed after --max-cost. */
               _("--max-cost takes an amount of US dollars above 0, such as 2.50 (got “%s”)"),
               text);
  return FALSE;
}

static ErrataEvalMethod *
method_for (ErrataProject           *project,
            ErrataEvaluator         *evaluator,
            ErrataEvaluatorVersion  *version,
            const RunOptions        *options,
            GError                 **error)
{
  g_autoptr(ErrataLlmClient) client = NULL;

  if (options->trust && !errata_evaluator_method_grant_trust (project, evaluator, version, error))
    return NULL;
  if (errata_evaluator_method_needs_llm (evaluator->kind))
    {
      g_autoptr(ErrataLlmCache) cache = errata_llm_cache_new_for_project (project);

      client = errata_cli_llm_client_new (options->provider, options->base_url, options->model,
                                          error);
      if (client == NULL)
        return NULL;
      errata_llm_client_set_cache (client, cache);
    }
  return errata_evaluator_method_new (project, evaluator, version, client, error);
}

/* Refused before the estimate is printed when the judge's provider is
 * remote and the project has not allowed it. --allow-remote records the
 * project's consent (kept in the project: later runs need no flag).
 * Nothing is asked for a method that sends nothing, or a provider on
 * this machine. The run checks again as it starts (errata_eval_run_check). */
static gboolean
check_remote (ErrataProject     *project,
              ErrataEvalMethod  *method,
              gboolean           allow,
              GError           **error)
{
  return errata_cli_check_remote (project, errata_eval_method_get_base_url (method), allow, error);
}

static ErrataEvalRun *
prepare_run (ErrataProject           *project,
             ErrataEvaluator         *evaluator,
             ErrataEvaluatorVersion  *version,
             ErrataEvalMethod        *method,
             ErrataEvalScope          scope,
             const RunOptions        *options,
             double                   max_cost,
             gint64                   repeat_of,
             GError                 **error)
{
  g_autoptr(GArray) given = NULL;
  g_autoptr(GArray) ids = NULL;
  ErrataEvalRun *run;

  if (options->resume > 0)
    {
      run = errata_eval_run_new_resume (project, options->resume, method, error);
      /* A run stopped at its limit goes on only with a new one. */
      if (run != NULL && options->max_cost != NULL)
        errata_eval_run_set_max_cost (run, max_cost);
      return run;
    }
  if (scope == ERRATA_SCOPE_IDS)
    {
      given = read_ids_file (project, options->ids_file, error);
      if (given == NULL)
        return NULL;
    }
  ids = errata_eval_scope_resolve (project, evaluator->target, scope, given, error);
  if (ids == NULL)
    return NULL;
  run = errata_eval_run_new (project, version->id, method, scope, ids);
  errata_eval_run_set_max_cost (run, max_cost);
  errata_eval_run_set_repeat_of (run, repeat_of);
  errata_eval_run_set_bypass_cache (run, options->repeat > 1);
  if (options->force_test)
    errata_eval_run_set_forced_reason (run, options->reason);
  return run;
}

/* A model without a price in the table costs "unknown", not $0. */
static char *
format_cost (double cost)
{
  if (cost <= 0)
    return g_strdup (_("no cost counted (cached replies, or no price for this model)"));
  return g_strdup_printf ("$%.4f", cost);
}

static void
print_estimate (ErrataEvalRun          *run,
                ErrataEvaluator        *evaluator,
                ErrataEvaluatorVersion *version,
                ErrataEvalScope         scope,
                gboolean                batch)
{
  ErrataEvalEstimate estimate;
  ErrataEvalProgress progress;

  errata_eval_run_estimate (run, &estimate);
  errata_eval_run_get_progress (run, &progress);
  g_printerr (_("Judging %u traces with “%s” version %u on %s"), progress.total - progress.done,
              evaluator->name, version->number, errata_eval_scope_to_string (scope));
  if (estimate.tokens_in > 0)
    {
      g_autofree char *cost = format_cost (estimate.cost);

      g_printerr (_(": about %" PRId64 " tokens in, %" PRId64 " out, %s."),
                  estimate.tokens_in, estimate.tokens_out, cost);
      if (batch && estimate.cost > 0)
        g_printerr (_(" Through the Batch API: $%.4f (half the list price)."),
                    estimate.cost * ERRATA_LLM_BATCH_DISCOUNT);
    }
  g_printerr ("\n");
}

/* Runs to the end (or Ctrl+C); the run's status says how it ended. */
static gboolean
execute (ErrataEvalRun     *run,
         const RunOptions  *options,
         GError           **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  ProgressPrinter printer = { run, options->progress, 0 };
  g_auto(ErrataCliInterrupt) interrupt = { 0 };
  gulong handler = g_signal_connect (run, "progress", G_CALLBACK (on_progress), &printer);
  gboolean ok;

  errata_cli_interrupt_watch (&interrupt, cancellable,
                              _("Stopping: the verdicts so far are kept; the run can be resumed."));
  errata_eval_run_start_async (run, cancellable, errata_cli_on_result, &result);
  ok = errata_eval_run_start_finish (run, errata_cli_wait (&result), error);
  g_signal_handler_disconnect (run, handler);
  errata_cli_interrupt_clear (&interrupt);
  return ok;
}

static void
add_run_json (JsonBuilder   *builder,
              ErrataEvalRun *run)
{
  ErrataEvalProgress progress;

  errata_eval_run_get_progress (run, &progress);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "run");
  json_builder_add_int_value (builder, errata_eval_run_get_id (run));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder,
                                 errata_run_status_to_string (errata_eval_run_get_status (run)));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, errata_eval_run_get_message (run));
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, progress.total);
  json_builder_set_member_name (builder, "pass");
  json_builder_add_int_value (builder, progress.n_pass);
  json_builder_set_member_name (builder, "fail");
  json_builder_add_int_value (builder, progress.n_fail);
  json_builder_set_member_name (builder, "error");
  json_builder_add_int_value (builder, progress.n_error);
  json_builder_set_member_name (builder, "tokens_in");
  json_builder_add_int_value (builder, progress.tokens_in);
  json_builder_set_member_name (builder, "tokens_out");
  json_builder_add_int_value (builder, progress.tokens_out);
  json_builder_set_member_name (builder, "cost");
  json_builder_add_double_value (builder, progress.cost);
  json_builder_end_object (builder);
}

static void
print_run (ErrataEvalRun *run)
{
  ErrataEvalProgress progress;

  errata_eval_run_get_progress (run, &progress);
  g_print (_("Run %" PRId64 ": %s · %u of %u traces judged: %u pass, %u fail, "
             "%u errors"), errata_eval_run_get_id (run),
           errata_run_status_to_string (errata_eval_run_get_status (run)), progress.done,
           progress.total, progress.n_pass, progress.n_fail, progress.n_error);
  if (progress.tokens_in > 0)
    {
      g_autofree char *cost = format_cost (progress.cost);

      g_print (_(" · %" PRId64 " tokens in, %" PRId64 " out · %s"),
               progress.tokens_in, progress.tokens_out, cost);
    }
  g_print ("\n");
  if (*errata_eval_run_get_message (run) != '\0')
    g_print ("  %s\n", errata_eval_run_get_message (run));
  if (errata_eval_run_get_status (run) == ERRATA_RUN_CANCELLED
      || errata_eval_run_get_status (run) == ERRATA_RUN_STOPPED
      || errata_eval_run_get_status (run) == ERRATA_RUN_FAILED)
    g_print (_("  Go on with: errata-cli eval run PROJECT NAME --resume %" PRId64
               " (with a higher --max-cost if it stopped at its limit; with --batch for a batch "
               "run)\n"), errata_eval_run_get_id (run));
}

static void
print_flakiness (const ErrataFlakiness *flakiness,
                 JsonBuilder           *builder)
{
  if (builder != NULL)
    {
      json_builder_set_member_name (builder, "flakiness");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "repeats");
      json_builder_add_int_value (builder, flakiness->n_runs);
      json_builder_set_member_name (builder, "compared");
      json_builder_add_int_value (builder, flakiness->n_compared);
      json_builder_set_member_name (builder, "changed");
      json_builder_add_int_value (builder, flakiness->n_changed);
      json_builder_set_member_name (builder, "changed_share");
      json_builder_add_double_value (builder, flakiness->changed_share);
      json_builder_set_member_name (builder, "fleiss_kappa");
      json_builder_add_double_value (builder, flakiness->fleiss_kappa.value);
      json_builder_end_object (builder);
      return;
    }
  g_print (_("Flakiness over %u repeats: %u of %u traces changed their verdict (%.1f%%); "
             "Fleiss' κ %.3f.\n"), flakiness->n_runs, flakiness->n_changed, flakiness->n_compared,
           flakiness->changed_share * 100, flakiness->fleiss_kappa.value);
}

int
_errata_cli_eval_run (int    argc,
         char **argv)
{
  g_auto(RunOptions) options = { NULL, };
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &options.scope_name,
      N_("train, dev, test, unlabeled, all, or ids (with --ids)"), N_("SCOPE") },
    { "ids", 0, 0, G_OPTION_ARG_FILENAME, &options.ids_file,
      N_("With --on ids: a file of trace ids, one per line"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_INT, &options.version,
      N_("Run version N (default: the latest)"), N_("N") },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &options.repeat,
      N_("Run K times without the reply cache and report flakiness (not on test)"), N_("K") },
    { "max-cost", 0, 0, G_OPTION_ARG_STRING, &options.max_cost,
      N_("Stop cleanly before spending more than X US dollars"), N_("X") },
    { "resume", 0, 0, G_OPTION_ARG_INT64, &options.resume,
      N_("Go on with an interrupted, cancelled or stopped run: only its missing traces"),
      N_("RUN") },
    { "force-test", 0, 0, G_OPTION_ARG_NONE, &options.force_test,
      N_("Look at the test split again (needs --reason; kept and reported)"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &options.reason,
      N_("Why the test split is looked at again"), N_("TEXT") },
    { "trust", 0, 0, G_OPTION_ARG_NONE, &options.trust,
      N_("Trust this project's command on this machine and run it"), NULL },
    { "allow-remote", 0, 0, G_OPTION_ARG_NONE, &options.allow_remote,
      N_("Allow this project's traces to go to the provider's host, once for this project"),
      NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &options.progress,
      N_("Print progress lines on standard error"), NULL },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &options.provider,
      N_("The LLM provider for judges (default: the configured one)"), N_("NAME") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options.base_url, N_("The provider's URL"),
      N_("URL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &options.model,
      N_("The model, when the judge does not name one"), N_("MODEL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.as_json, N_("Print a JSON object"), NULL },
    { "batch", 0, 0, G_OPTION_ARG_NONE, &options.batch,
      N_("Send the judge's requests through the provider's Batch API (half the price, results "
         "within 24 hours); with --resume RUN, go on polling its batches"), NULL },
    { "status", 0, 0, G_OPTION_ARG_NONE, &options.status,
      N_("With --batch: show the stored batches of --resume RUN (default: the latest batch "
         "run) and send nothing"), NULL },
    { "cancel", 0, 0, G_OPTION_ARG_NONE, &options.cancel,
      N_("With --batch --resume RUN: cancel its batches at the provider; the verdicts that had "
         "finished are kept, the requests that had not run are not charged"), NULL },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &options.batch_size,
      N_("With --batch: at most N requests per batch (default: the provider's limit)"), N_("N") },
    { "poll-interval", 0, 0, G_OPTION_ARG_STRING, &options.poll_interval,
      N_("With --batch: seconds before the first poll (default 30; it grows while nothing "
         "changes)"), N_("S") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT NAME"),
                            _("Run an evaluator on the traces of a scope. Verdicts are saved as "
                              "they come; an interrupted run is resumed with --resume RUN."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  ErrataEvalScope scope = ERRATA_SCOPE_DEV;
  gint64 first_run = 0;
  gboolean all_done = TRUE;
  double max_cost;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“eval run” takes a project and an evaluator's name"));
  if (options.resume <= 0 && !options.status
      && (options.scope_name == NULL
          || !errata_eval_scope_from_string (options.scope_name, &scope)))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--on takes train, dev, test, unlabeled, all or ids"));
  if (scope == ERRATA_SCOPE_IDS && options.ids_file == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--on ids needs --ids FILE"));
  if (options.force_test && (options.reason == NULL || *g_strstrip (options.reason) == '\0'))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--force-test needs --reason: why the test split is looked at "
                              "again is kept with the run and reported"));
  if (options.resume > 0 && (options.scope_name != NULL || options.ids_file != NULL
                             || options.version > 0 || options.repeat > 1))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--resume goes on with the run's own version and scope: leave "
                              "out --on, --ids, --version and --repeat"));
  if (options.force_test && options.resume <= 0 && scope != ERRATA_SCOPE_TEST)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--force-test goes with --on test"));
  if (options.repeat > 1 && scope == ERRATA_SCOPE_TEST)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--repeat runs on dev or unlabeled traces: the test split is "
                              "looked at once"));
  if (options.repeat < 0 || options.version < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--repeat and --version take a number"));
  if (!parse_cost (options.max_cost, &max_cost, &error))
    return _errata_cli_eval_fail_error (error);
  if (!options.batch && (options.status || options.batch_size != 0
                         || options.poll_interval != NULL || options.cancel))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--status, --cancel, --batch-size and --poll-interval go with "
                              "--batch"));
  if (options.cancel && (options.resume <= 0 || options.status))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--cancel cancels the batches of a run: give --resume RUN, "
                              "without --status"));
  if (options.batch && options.repeat > 1)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--batch runs once: leave out --repeat"));
  if (options.batch_size < 0
      || (options.poll_interval != NULL && g_ascii_strtod (options.poll_interval, NULL) <= 0))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--batch-size takes a number of requests and --poll-interval a "
                              "number of seconds above 0"));

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL
      || !_errata_cli_eval_lookup (project, argv[2], options.version, &evaluator, &version, &error))
    return _errata_cli_eval_fail_error (error);
  if (options.status)
    return _errata_cli_eval_batch_status (project, evaluator, options.resume, options.as_json);
  if (options.resume > 0 && !options.batch
      && !_errata_cli_eval_batch_check_live (project, options.resume, &error))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  if (options.resume > 0)
    {
      g_autoptr(ErrataRunInfo) info = errata_eval_runs_get (project, options.resume, &error);

      if (info == NULL)
        return _errata_cli_eval_fail_error (error);
      if (info->evaluator_id != evaluator->id)
        return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                                _("Run %" PRId64 " is not a run of “%s”."),
                                options.resume, evaluator->name);
      g_clear_pointer (&version, errata_evaluator_version_free);
      version = errata_evaluators_get_version_by_id (project, info->version_id, &error);
      scope = info->scope;
      if (version == NULL)
        return _errata_cli_eval_fail_error (error);
    }
  method = method_for (project, evaluator, version, &options, &error);
  if (method == NULL || !check_remote (project, method, options.allow_remote, &error))
    return _errata_cli_eval_fail_error (error);
  if (options.batch && !ERRATA_IS_JUDGE (method))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--batch is for LLM judges: “%s” runs on this machine"),
                            evaluator->name);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (int i = 0; i < MAX (options.repeat, 1); i++)
    {
      g_autoptr(ErrataEvalRun) run = prepare_run (project, evaluator, version, method, scope,
                                                  &options, max_cost, i > 0 ? first_run : 0,
                                                  &error);

      if (run == NULL || !errata_eval_run_check (run, &error)
          || (options.batch && !_errata_cli_eval_batch_check_cost (run, max_cost, &error)))
        return _errata_cli_eval_fail_error (error);
      print_estimate (run, evaluator, version, scope, options.batch);
      if (!(options.batch
            ? _errata_cli_eval_batch_execute (run, method, options.progress,
                                              options.poll_interval
                                              ? g_ascii_strtod (options.poll_interval, NULL) : 0,
                                              (guint) options.batch_size, options.cancel,
                                              &error)
            : execute (run, &options, &error)))
        {
          /* Started and failed: say which run, so it can be resumed. */
          if (errata_eval_run_get_id (run) == 0)
            return _errata_cli_eval_fail_error (error);
          errata_cli_fail (ERRATA_CLI_EXIT_FAILED, "%s", error->message);
          print_run (run);
          return ERRATA_CLI_EXIT_FAILED;
        }
      if (i == 0)
        first_run = errata_eval_run_get_id (run);
      if (options.as_json)
        add_run_json (builder, run);
      else
        print_run (run);
      if (errata_eval_run_get_status (run) != ERRATA_RUN_DONE)
        {
          all_done = FALSE;
          break;
        }
      options.resume = 0;
    }
  json_builder_end_array (builder);
  if (options.repeat > 1 && all_done)
    {
      ErrataFlakiness flakiness;

      if (!errata_eval_flakiness (project, first_run, &flakiness, &error))
        return _errata_cli_eval_fail_error (error);
      print_flakiness (&flakiness, options.as_json ? builder : NULL);
    }
  json_builder_end_object (builder);
  if (options.as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      _errata_cli_eval_print_json (root);
    }
  return all_done ? ERRATA_CLI_EXIT_OK : ERRATA_CLI_EXIT_FAILED;
}
