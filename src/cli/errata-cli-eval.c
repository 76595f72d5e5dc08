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
 * This file has what the commands share, the definitions' commands and the
 * dispatch; errata-cli-eval-run.c runs, errata-cli-eval-report.c reports.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-eval.h"
#include "errata-cli-eval-private.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "errata-cli-common.h"
#include "errata-eval-runs.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-ground-truth.h"
#include "errata-remote-consent.h"
#include "errata-json-guard.h"

/* ---- shared ------------------------------------------------------------ */

int
_errata_cli_eval_fail_error (GError *error)
{
  gboolean usage = error->domain == G_IO_ERROR
                   || error->domain == G_FILE_ERROR
                   || error->domain == JSON_PARSER_ERROR
                   || error->domain == ERRATA_JSON_GUARD_ERROR
                   || error->domain == ERRATA_PROJECT_ERROR
                   || error->domain == ERRATA_REMOTE_CONSENT_ERROR
                   || (error->domain == ERRATA_EVAL_ERROR
                       && (error->code == ERRATA_EVAL_ERROR_INVALID
                           || error->code == ERRATA_EVAL_ERROR_NOT_FOUND
                           || error->code == ERRATA_EVAL_ERROR_EXISTS));

  return errata_cli_fail (usage ? ERRATA_CLI_EXIT_USAGE : ERRATA_CLI_EXIT_FAILED, "%s",
                          error->message);
}

/* The evaluator named on the command line and one of its versions
 * (number 0: the latest). */
gboolean
_errata_cli_eval_lookup (ErrataProject           *project,
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

void
_errata_cli_eval_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

char *
_errata_cli_eval_format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = usec > 0 ? g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC)
                                       : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("—");
}

void
_errata_cli_eval_add_rate_json (JsonBuilder          *builder,
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
  gboolean trust = FALSE;
  GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_NONE, &trust,
      N_("Trust the evaluator's command on this machine (a command evaluator)"), NULL },
    { NULL }
  };
  gsize length;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“eval import” takes a project and a JSON file"));
  if (!g_file_get_contents (argv[2], &text, &length, &error))
    return _errata_cli_eval_fail_error (error);
  node = errata_json_from_string (text, &error);
  if (node == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s: %s", argv[2], error->message);
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL)
    return _errata_cli_eval_fail_error (error);
  evaluator = errata_evaluators_import_json (project, node, &new_version, &error);
  if (evaluator == NULL)
    {
      g_prefix_error (&error, "%s: ", argv[2]);
      return _errata_cli_eval_fail_error (error);
    }
  version = errata_evaluators_get_version (project, evaluator->id, 0, &error);
  if (version == NULL)
    return _errata_cli_eval_fail_error (error);
  /* A definition file may come from anyone (a pull request in CI): its
   * command runs only when the user says so, here or at the first run. */
  if (trust && !errata_evaluator_method_grant_trust (project, evaluator, version, &error))
    return _errata_cli_eval_fail_error (error);
  if (!trust && g_str_equal (evaluator->kind, ERRATA_EVALUATOR_KIND_COMMAND))
    g_printerr (_("Its command runs on this machine once you trust it: add --trust here or "
                  "to the first “eval run”.\n"));
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
  if (project == NULL || !_errata_cli_eval_lookup (project, argv[2], number, &evaluator, &version, &error))
    return _errata_cli_eval_fail_error (error);
  node = errata_evaluators_export_json (project, evaluator, version, &error);
  if (node == NULL)
    return _errata_cli_eval_fail_error (error);
  _errata_cli_eval_print_json (node);
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
        g_print (_("  forced look at test (run %" PRId64 ", version %u): %s\n"),
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
    return _errata_cli_eval_fail_error (error);

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
        return _errata_cli_eval_fail_error (error);
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

      _errata_cli_eval_print_json (root);
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
  if (project == NULL || !_errata_cli_eval_lookup (project, argv[2], number, &evaluator, &version, &error)
      || !errata_evaluators_finalize (project, version->id, &error))
    return _errata_cli_eval_fail_error (error);
  g_print (_("Version %u of “%s” is finalized.\n"), version->number, evaluator->name);
  return ERRATA_CLI_EXIT_OK;
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
  { "run", _errata_cli_eval_run, N_("Run an evaluator on a scope of traces") },
  { "metrics", _errata_cli_eval_metrics, N_("Agreement of a run with the human labels") },
  { "verdicts", _errata_cli_eval_verdicts, N_("One row per trace of a run") },
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
      {
        g_autofree char *prgname = g_strdup_printf ("errata-cli eval %s", subcommands[i].name);

        g_set_prgname (prgname);
        return subcommands[i].run (argc - 1, argv + 1);
      }
  g_printerr (_("errata-cli eval: unknown command “%s”\n\n"), argv[1]);
  print_subcommands (stderr);
  return ERRATA_CLI_EXIT_USAGE;
}
