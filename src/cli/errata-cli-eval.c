/* errata-cli-eval.c: evaluators from the command line, for scripts and CI.
 *
 *   eval import PROJECT FILE.json      create an evaluator, or a new version
 *   eval export PROJECT NAME           print its JSON definition
 *   eval list PROJECT                  evaluators, versions, runs, test looks
 *   eval finalize PROJECT NAME         lock a version for the test split
 *   eval run PROJECT NAME --on SCOPE   judge the traces of a scope
 *   eval metrics PROJECT NAME --on dev|test
 *   eval verdicts PROJECT NAME         one row per trace, to recompute anything
 *   estimate PROJECT NAME              the corrected failure rate (a CI gate)
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-eval.h"

#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "errata-cli-common.h"
#include "errata-cli-llm.h"
#include "errata-eval-metrics.h"
#include "errata-eval-run.h"
#include "errata-eval-runs.h"
#include "errata-eval-scope.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-ground-truth.h"
#include "errata-json-guard.h"
#include "errata-llm-cache.h"
#include "errata-trust.h"

/* ---- shared ------------------------------------------------------------ */

static int
fail_error (GError *error)
{
  gboolean usage = error->domain == G_IO_ERROR
                   || error->domain == G_FILE_ERROR
                   || error->domain == JSON_PARSER_ERROR
                   || error->domain == ERRATA_JSON_GUARD_ERROR
                   || error->domain == ERRATA_PROJECT_ERROR
                   || (error->domain == ERRATA_EVAL_ERROR
                       && (error->code == ERRATA_EVAL_ERROR_INVALID
                           || error->code == ERRATA_EVAL_ERROR_NOT_FOUND
                           || error->code == ERRATA_EVAL_ERROR_EXISTS));

  return errata_cli_fail (usage ? ERRATA_CLI_EXIT_USAGE : ERRATA_CLI_EXIT_FAILED, "%s",
                          error->message);
}

/* The evaluator named on the command line and one of its versions
 * (number 0: the latest). */
static gboolean
lookup (ErrataProject           *project,
        const char              *name,
        guint                    number,
        ErrataEvaluator        **evaluator,
        ErrataEvaluatorVersion **version,
        GError                 **error)
{
  *evaluator = errata_evaluators_find (project, name, error);
  if (*evaluator == NULL)
    return FALSE;
  if (version == NULL)
    return TRUE;
  *version = errata_evaluators_get_version (project, (*evaluator)->id, number, error);
  return *version != NULL;
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = usec > 0 ? g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC)
                                       : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("—");
}

/* ---- import, export, list, finalize -------------------------------------- */

static int
run_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT FILE.json"),
                            _("Create an evaluator from its JSON definition, or save a new "
                              "version of the evaluator with that name."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean new_version = FALSE;
  gsize length;

  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“eval import” takes a project and a JSON file"));
  if (!g_file_get_contents (argv[2], &text, &length, &error))
    return fail_error (error);
  node = errata_json_from_string (text, &error);
  if (node == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s: %s", argv[2], error->message);
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL)
    return fail_error (error);
  evaluator = errata_evaluators_import_json (project, node, &new_version, &error);
  if (evaluator == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s: %s", argv[2], error->message);
  version = errata_evaluators_get_version (project, evaluator->id, 0, &error);
  if (version == NULL)
    return fail_error (error);
  if (!new_version)
    g_print (_("Created evaluator “%s” (version %u).\n"), evaluator->name, version->number);
  else
    g_print (_("Saved “%s” as version %u.\n"), evaluator->name, version->number);
  return ERRATA_CLI_EXIT_OK;
}

static int
run_export (int    argc,
            char **argv)
{
  int number = 0;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &number, N_("Export version N (default: the latest)"),
      N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT NAME"), _("Print an evaluator's JSON definition."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3 || number < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“eval export” takes a project and an evaluator's name"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL || !lookup (project, argv[2], number, &evaluator, &version, &error))
    return fail_error (error);
  node = errata_evaluators_export_json (project, evaluator, version, &error);
  if (node == NULL)
    return fail_error (error);
  print_json (node);
  return ERRATA_CLI_EXIT_OK;
}

static void
add_evaluator_json (JsonBuilder      *builder,
                    ErrataProject    *project,
                    ErrataEvaluator  *evaluator,
                    GPtrArray        *versions,
                    GPtrArray        *runs,
                    GPtrArray        *looks)
{
  g_autofree char *target = errata_target_describe (project, evaluator->target);
  ErrataEvaluatorVersion *latest = versions->pdata[versions->len - 1];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, evaluator->name);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, evaluator->kind);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, latest->number);
  json_builder_set_member_name (builder, "finalized");
  json_builder_add_boolean_value (builder, latest->locked_at != 0);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, runs->len);
  json_builder_set_member_name (builder, "test_looks");
  json_builder_add_int_value (builder, looks->len);
  json_builder_set_member_name (builder, "forced_test_looks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < looks->len; i++)
    {
      ErrataTestLook *look = looks->pdata[i];

      if (look->forced_reason != NULL)
        json_builder_add_string_value (builder, look->forced_reason);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_evaluator (ErrataProject   *project,
                 ErrataEvaluator *evaluator,
                 GPtrArray       *versions,
                 GPtrArray       *runs,
                 GPtrArray       *looks)
{
  g_autofree char *target = errata_target_describe (project, evaluator->target);
  ErrataEvaluatorVersion *latest = versions->pdata[versions->len - 1];

  g_print ("%s\n", evaluator->name);
  g_print (_("  target %s · kind %s · version %u%s"), target, evaluator->kind, latest->number,
           latest->locked_at != 0 ? _(" (finalized)") : "");
  g_print (g_dngettext (GETTEXT_PACKAGE, " · %u run", " · %u runs", runs->len), runs->len);
  g_print (g_dngettext (GETTEXT_PACKAGE, " · %u look at test\n", " · %u looks at test\n",
                        looks->len), looks->len);
  for (guint i = 0; i < looks->len; i++)
    {
      ErrataTestLook *look = looks->pdata[i];

      if (look->forced_reason != NULL)
        g_print (_("  forced look at test (run %" G_GINT64_FORMAT ", version %u): %s\n"),
                 look->run_id, look->version, look->forced_reason);
    }
}

static int
run_list (int    argc,
          char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT"), _("List the evaluators of a project."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) evaluators = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("“eval list” takes a project"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  evaluators = project ? errata_evaluators_list (project, &error) : NULL;
  if (evaluators == NULL)
    return fail_error (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < evaluators->len; i++)
    {
      ErrataEvaluator *evaluator = evaluators->pdata[i];
      g_autoptr(GPtrArray) versions = errata_evaluators_list_versions (project, evaluator->id,
                                                                       &error);
      g_autoptr(GPtrArray) runs = versions ? errata_eval_runs_list (project, evaluator->id,
                                                                    &error) : NULL;
      g_autoptr(GPtrArray) looks = runs ? errata_evaluators_list_test_looks (project,
                                                                             evaluator->id,
                                                                             &error) : NULL;

      if (looks == NULL)
        return fail_error (error);
      if (versions->len == 0)
        continue;
      if (as_json)
        add_evaluator_json (builder, project, evaluator, versions, runs, looks);
      else
        print_evaluator (project, evaluator, versions, runs, looks);
    }
  json_builder_end_array (builder);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }
  else if (evaluators->len == 0)
    g_print ("%s\n", _("No evaluators yet. Create one with “errata-cli eval import”."));
  return ERRATA_CLI_EXIT_OK;
}

static int
run_finalize (int    argc,
              char **argv)
{
  int number = 0;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &number, N_("Finalize version N (default: the latest)"),
      N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT NAME"),
                            _("Lock a version of an evaluator so that it may run on the test "
                              "split. A finalized version never changes."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3 || number < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“eval finalize” takes a project and an evaluator's name"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL || !lookup (project, argv[2], number, &evaluator, &version, &error)
      || !errata_evaluators_finalize (project, version->id, &error))
    return fail_error (error);
  g_print (_("Version %u of “%s” is finalized.\n"), version->number, evaluator->name);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- run ----------------------------------------------------------------- */

typedef struct
{
  char     *scope_name;
  char     *ids_file;
  char     *max_cost;
  char     *reason;
  char     *provider;
  char     *base_url;
  char     *model;
  int       version;
  int       repeat;
  gint64    resume;
  gboolean  force_test;
  gboolean  progress;
  gboolean  trust;
  gboolean  as_json;
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
  g_printerr (_("progress: %u/%u judged · %u pass · %u fail · %u errors · $%.4f\n"),
              progress.done, progress.total, progress.n_pass, progress.n_fail, progress.n_error,
              progress.cost);
}

static gboolean
on_interrupt (gpointer cancellable)
{
  g_printerr ("%s\n", _("Stopping: the verdicts so far are kept; resume with --resume."));
  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
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
      g_autoptr(ErrataTrace) trace = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (*line == '\0')
        continue;
      trace = errata_project_lookup_trace (project, line, &local_error);
      if (trace == NULL)
        {
          g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                       /* Translators: %s is a file, %u a line number, %s a message. */
                       "%s:%u: %s", path, i + 1, local_error->message);
          return NULL;
        }
      id = errata_trace_get_id (trace);
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
    return errata_eval_run_new_resume (project, options->resume, method, error);
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
    return g_strdup (_("cost unknown (no price for this model)"));
  return g_strdup_printf ("$%.4f", cost);
}

static void
print_estimate (ErrataEvalRun          *run,
                ErrataEvaluator        *evaluator,
                ErrataEvaluatorVersion *version,
                ErrataEvalScope         scope)
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

      g_printerr (_(": about %" G_GINT64_FORMAT " tokens in, %" G_GINT64_FORMAT " out, %s."),
                  estimate.tokens_in, estimate.tokens_out, cost);
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
  guint interrupt = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  guint terminate = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  gulong handler = g_signal_connect (run, "progress", G_CALLBACK (on_progress), &printer);
  gboolean ok;

  errata_eval_run_start_async (run, cancellable, errata_cli_on_result, &result);
  ok = errata_eval_run_start_finish (run, errata_cli_wait (&result), error);
  g_signal_handler_disconnect (run, handler);
  g_source_remove (interrupt);
  g_source_remove (terminate);
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
  g_print (_("Run %" G_GINT64_FORMAT ": %s · %u of %u traces judged: %u pass, %u fail, "
             "%u errors"), errata_eval_run_get_id (run),
           errata_run_status_to_string (errata_eval_run_get_status (run)), progress.done,
           progress.total, progress.n_pass, progress.n_fail, progress.n_error);
  if (progress.tokens_in > 0)
    {
      g_autofree char *cost = format_cost (progress.cost);

      g_print (_(" · %" G_GINT64_FORMAT " tokens in, %" G_GINT64_FORMAT " out · %s"),
               progress.tokens_in, progress.tokens_out, cost);
    }
  g_print ("\n");
  if (*errata_eval_run_get_message (run) != '\0')
    g_print ("  %s\n", errata_eval_run_get_message (run));
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

static int
run_run (int    argc,
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
    { "progress", 0, 0, G_OPTION_ARG_NONE, &options.progress,
      N_("Print progress lines on standard error"), NULL },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &options.provider,
      N_("The LLM provider for judges (default: the configured one)"), N_("NAME") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options.base_url, N_("The provider's URL"),
      N_("URL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &options.model,
      N_("The model, when the judge does not name one"), N_("MODEL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.as_json, N_("Print a JSON object"), NULL },
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
  if (options.resume <= 0
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
  if (options.repeat > 1 && scope == ERRATA_SCOPE_TEST)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--repeat runs on dev or unlabeled traces: the test split is "
                              "looked at once"));
  if (options.repeat < 0 || options.version < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--repeat and --version take a number"));
  if (!parse_cost (options.max_cost, &max_cost, &error))
    return fail_error (error);

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL
      || !lookup (project, argv[2], options.version, &evaluator, &version, &error))
    return fail_error (error);
  if (options.resume > 0)
    {
      g_autoptr(ErrataRunInfo) info = errata_eval_runs_get (project, options.resume, &error);

      if (info == NULL)
        return fail_error (error);
      if (info->evaluator_id != evaluator->id)
        return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                                _("Run %" G_GINT64_FORMAT " is not a run of “%s”."),
                                options.resume, evaluator->name);
      g_clear_pointer (&version, errata_evaluator_version_free);
      version = errata_evaluators_get_version_by_id (project, info->version_id, &error);
      scope = info->scope;
      if (version == NULL)
        return fail_error (error);
    }
  method = method_for (project, evaluator, version, &options, &error);
  if (method == NULL)
    return fail_error (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (int i = 0; i < MAX (options.repeat, 1); i++)
    {
      g_autoptr(ErrataEvalRun) run = prepare_run (project, evaluator, version, method, scope,
                                                  &options, max_cost, i > 0 ? first_run : 0,
                                                  &error);

      if (run == NULL || !errata_eval_run_check (run, &error))
        return fail_error (error);
      print_estimate (run, evaluator, version, scope);
      if (!execute (run, &options, &error))
        return fail_error (error);
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
        return fail_error (error);
      print_flakiness (&flakiness, options.as_json ? builder : NULL);
    }
  json_builder_end_object (builder);
  if (options.as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }
  return all_done ? ERRATA_CLI_EXIT_OK : ERRATA_CLI_EXIT_FAILED;
}

/* ---- metrics, verdicts --------------------------------------------------- */

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
                       _("Run %" G_GINT64_FORMAT " is not a run of “%s”."), run_id,
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
add_rate_json (JsonBuilder          *builder,
               const char           *name,
               double                value,
               const ErrataInterval *interval,
               gboolean              defined)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  if (defined)
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
  if (interval != NULL && defined)
    {
      json_builder_set_member_name (builder, "low");
      json_builder_add_double_value (builder, interval->lower);
      json_builder_set_member_name (builder, "high");
      json_builder_add_double_value (builder, interval->upper);
    }
  json_builder_end_object (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
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
  add_int (builder, "run", run->id);
  add_int (builder, "version", run->version);
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, errata_eval_scope_to_string (run->scope));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, errata_run_status_to_string (run->status));
  add_int (builder, "tp", c->tp);
  add_int (builder, "fn", c->fn);
  add_int (builder, "fp", c->fp);
  add_int (builder, "tn", c->tn);
  add_rate_json (builder, "tpr", a->tpr, &a->tpr_interval,
                 !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_PASS));
  add_rate_json (builder, "tnr", a->tnr, &a->tnr_interval,
                 !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_FAIL));
  add_rate_json (builder, "accuracy", a->accuracy, NULL,
                 !(a->undefined & ERRATA_ALIGNMENT_NO_PAIRS));
  add_rate_json (builder, "balanced_accuracy", a->balanced_accuracy, NULL,
                 !(a->undefined & (ERRATA_ALIGNMENT_NO_HUMAN_PASS | ERRATA_ALIGNMENT_NO_HUMAN_FAIL)));
  add_rate_json (builder, "kappa", a->kappa, NULL,
                 !(a->undefined & (ERRATA_ALIGNMENT_NO_PAIRS | ERRATA_ALIGNMENT_CHANCE_AGREEMENT_ONE)));
  add_int (builder, "errors", metrics->n_errors);
  add_int (builder, "disputed", metrics->n_disputed);
  add_int (builder, "unlabeled", metrics->n_unlabelled);
  add_int (builder, "missing", metrics->n_missing);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  add_int (builder, "explicit", labels->n_explicit);
  add_int (builder, "reviews", labels->n_reviews);
  add_int (builder, "imported", labels->n_imported);
  add_int (builder, "disputed", labels->n_disputed);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json (root);
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
  g_autofree char *started = format_time (run->started_at);

  g_print (_("Run %" G_GINT64_FORMAT " · version %u · %s · %s · started %s\n"), run->id,
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

static int
run_metrics (int    argc,
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
  if (project == NULL || !lookup (project, argv[2], 0, &evaluator, NULL, &error))
    return fail_error (error);
  run = pick_run (project, evaluator, number, scope_name, run_id, &error);
  if (run == NULL || !errata_eval_metrics_compute (project, run->id, &metrics, &error)
      || !errata_ground_truth_count (project, evaluator->target, &labels, &error))
    return fail_error (error);
  target = errata_target_describe (project, evaluator->target);
  if (as_json)
    print_metrics_json (&metrics, run, &labels);
  else
    print_metrics (&metrics, run, &labels, target);
  return ERRATA_CLI_EXIT_OK;
}

static int
run_verdicts (int    argc,
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
  if (project == NULL || !lookup (project, argv[2], 0, &evaluator, NULL, &error))
    return fail_error (error);
  run = pick_run (project, evaluator, number, scope_name, run_id, &error);
  if (run == NULL)
    return fail_error (error);
  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                                &error));
      if (stream == NULL)
        return fail_error (error);
    }
  else
    stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!errata_eval_write_verdicts (project, run->id, format, stream, NULL, &error)
      || !g_output_stream_close (stream, NULL, &error))
    return fail_error (error);
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

static void
print_estimate_json (const ErrataEvalEstimateResult *result,
                     const char                     *gate,
                     gboolean                        passed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const ErrataCorrectedRate *rate = &result->rate;

  json_builder_begin_object (builder);
  add_int (builder, "version", result->version);
  add_int (builder, "test_run", result->test_run_id);
  add_int (builder, "unlabeled_run", result->unlabelled_run_id);
  add_int (builder, "test_looks", result->n_test_looks);
  add_rate_json (builder, "pass_rate", rate->pass_rate, &rate->pass_interval, TRUE);
  add_rate_json (builder, "failure_rate", rate->failure_rate, &rate->failure_interval, TRUE);
  add_rate_json (builder, "observed_pass_rate", rate->observed_pass_rate, NULL, TRUE);
  add_rate_json (builder, "tpr", rate->tpr, NULL, TRUE);
  add_rate_json (builder, "tnr", rate->tnr, NULL, TRUE);
  add_int (builder, "n_test", rate->n_test);
  add_int (builder, "n_unlabeled", rate->n_unlabelled);
  add_int (builder, "unlabeled_errors", result->unlabelled_errors);
  add_int (builder, "draws", rate->n_draws);
  add_int (builder, "draws_used", rate->n_draws_used);
  add_int (builder, "seed", (gint64)rate->seed);
  json_builder_set_member_name (builder, "clipped");
  json_builder_add_boolean_value (builder, rate->clipped);
  if (gate != NULL)
    {
      json_builder_set_member_name (builder, "gate_passed");
      json_builder_add_boolean_value (builder, passed);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json (root);
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
                        G_GINT64_FORMAT ", version %u, %u look at test)\n",
                        "Judge on test: TPR %.3f, TNR %.3f over %u labelled traces (run %"
                        G_GINT64_FORMAT ", version %u, %u looks at test)\n",
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
  g_print (_("Bootstrap: %u of %u draws used, seed %" G_GUINT64_FORMAT "%s\n"),
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
  GOptionEntry entries[] = {
    { "min-pass-rate", 0, 0, G_OPTION_ARG_STRING, &min_pass_rate,
      N_("Exit 1 when the corrected pass rate is below X (a CI gate)"), N_("X") },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &iterations, N_("Bootstrap draws (default 20000)"),
      N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Bootstrap seed"), N_("S") },
    { "confidence", 0, 0, G_OPTION_ARG_STRING, &confidence,
      N_("Confidence level of the interval (default 0.95)"), N_("C") },
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
    return fail_error (error);
  if (iterations <= 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--iterations takes a positive number"));
  options.n_draws = (guint)iterations;
  if (seed >= 0)
    options.seed = (guint64)seed;

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL || !lookup (project, argv[2], 0, &evaluator, NULL, &error)
      || !errata_eval_estimate (project, evaluator->id, &options, &result, &error))
    return fail_error (error);
  if (min_pass_rate != NULL)
    passed = result.rate.pass_rate >= gate;
  if (as_json)
    print_estimate_json (&result, min_pass_rate, passed);
  else
    {
      print_estimate_text (&result);
      if (min_pass_rate != NULL)
        g_print (passed ? _("Gate passed: %.1f%% ≥ %.1f%%.\n")
                        : _("Gate failed: the corrected pass rate %.1f%% is below %.1f%%.\n"),
                 result.rate.pass_rate * 100, gate * 100);
    }
  return passed ? ERRATA_CLI_EXIT_OK : ERRATA_CLI_EXIT_FAILED;
}

/* ---- eval ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Subcommand;

static const Subcommand subcommands[] = {
  { "import", run_import, N_("Create an evaluator, or a new version, from a JSON definition") },
  { "export", run_export, N_("Print an evaluator's JSON definition") },
  { "list", run_list, N_("List the evaluators") },
  { "finalize", run_finalize, N_("Lock a version for the test split") },
  { "run", run_run, N_("Run an evaluator on a scope of traces") },
  { "metrics", run_metrics, N_("Agreement of a run with the human labels") },
  { "verdicts", run_verdicts, N_("One row per trace of a run") },
};

static void
print_subcommands (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: errata-cli eval COMMAND PROJECT … [OPTION…]"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-9s %s\n", subcommands[i].name, _(subcommands[i].summary));
  fprintf (out, "\n%s\n", _("Run “errata-cli eval COMMAND --help” for a command’s options."));
}

int
errata_cli_eval (int    argc,
                 char **argv)
{
  if (argc < 2)
    {
      print_subcommands (stderr);
      return ERRATA_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_subcommands (stdout);
      return ERRATA_CLI_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (argc - 1, argv + 1);
  g_printerr (_("errata-cli eval: unknown command “%s”\n\n"), argv[1]);
  print_subcommands (stderr);
  return ERRATA_CLI_EXIT_USAGE;
}
