/* errata-cli-experiment.c: experiments from the command line.
 *
 *   experiment new PROJECT NAME --queries synthetic|mode:NAME|file:F [--repeats K]
 *   experiment variant PROJECT NAME VARIANT --target FILE.json [--from OTHER]
 *   experiment run PROJECT NAME VARIANT [--progress] [--allow-remote]
 *   experiment compare PROJECT NAME BASELINE CANDIDATE… [--json]
 *                      [--fail-on-regression MODE|any] [--alpha A]
 *   experiment list PROJECT [NAME] [--json]
 *
 * This file has the dispatch and the commands that shape an experiment;
 * errata-cli-experiment-run.c runs and compares.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-experiment.h"
#include "errata-cli-experiment-private.h"

#include <glib/gi18n.h>

#include "errata-cli-common.h"
#include "errata-cli-outcome.h"
#include "errata-eval-types.h"

int
_errata_cli_experiment_fail_error (GError *error)
{
  return errata_cli_fail_error (error, errata_cli_error_is_input (error)
                                       || error->domain == ERRATA_EXPERIMENT_ERROR
                                       || error->domain == ERRATA_EVAL_ERROR);
}

ErrataExperiment *
_errata_cli_experiment_open (const char     *path,
                             const char     *name,
                             ErrataProject **out_project,
                             GError        **error)
{
  g_autoptr(ErrataProject) project = errata_cli_open_project (path, ERRATA_PROJECT_OPEN_NONE,
                                                              error);
  ErrataExperiment *experiment;

  if (project == NULL)
    return NULL;
  experiment = errata_experiment_find (project, name, error);
  if (experiment != NULL)
    *out_project = g_steal_pointer (&project);
  return experiment;
}

/* ---- new ------------------------------------------------------------------ */

static int
run_new (int    argc,
         char **argv)
{
  g_autofree char *queries = NULL;
  int repeats = 1;
  const GOptionEntry entries[] = {
    { "queries", 0, 0, G_OPTION_ARG_STRING, &queries,
      N_("synthetic (the accepted synthetic queries), mode:NAME (the inputs of the traces in a "
         "failure mode) or file:PATH (JSON Lines or one query per line)"), N_("SOURCE") },
    { "repeats", 0, 0, G_OPTION_ARG_INT, &repeats,
      N_("Send each query K times per variant, for systems that answer differently each time "
         "(default 1)"), N_("K") },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT NAME --queries SOURCE - make an experiment: a fixed set of queries"),
    _("The queries are copied in now, so that every variant answers the same ones."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(GError) error = NULL;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3 || queries == NULL || repeats < 1 || repeats > 100)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Usage: errata-cli experiment new PROJECT NAME --queries "
                              "synthetic|mode:NAME|file:PATH [--repeats K (1 to 100)]"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL
      || (experiment = errata_experiment_create (project, argv[2], queries, repeats,
                                                 &error)) == NULL)
    return _errata_cli_experiment_fail_error (error);
  /* Translators: "Experiment “refunds”: 40 queries, each sent 1 time per variant."
   * The number of queries is said in the next message. */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Experiment “%s”: %u query, ", "Experiment “%s”: %u queries, ",
                        experiment->n_queries),
           experiment->name, experiment->n_queries);
  g_print (g_dngettext (GETTEXT_PACKAGE, "each sent %u time per variant.\n",
                        "each sent %u times per variant.\n", experiment->repeats),
           experiment->repeats);
  g_print (_("Next: add a baseline with “errata-cli experiment variant %s %s baseline --target "
             "FILE.json”.\n"), argv[1], experiment->name);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- variant --------------------------------------------------------------- */

static JsonObject *
read_target (const char  *path,
             GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  node = json_from_string (contents, error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID,
                     _("%s: a target is a JSON object"), path);
      else
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

static int
run_variant (int    argc,
             char **argv)
{
  g_autofree char *target_path = NULL;
  g_autofree char *from = NULL;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_FILENAME, &target_path,
      N_("The system: a synthetic-data target (chat, http or command); with --from, only the "
         "members that change"), N_("FILE.json") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Start from this variant's target and set --target's members on top"), N_("OTHER") },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT NAME VARIANT --target FILE.json [--from OTHER] - add a variant of your system"),
    _("A variant made --from another says what it changes: the members that differ."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(ErrataExperimentVariant) variant = NULL;
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(GError) error = NULL;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 4 || (target_path == NULL && from == NULL))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Usage: errata-cli experiment variant PROJECT NAME VARIANT "
                              "--target FILE.json [--from OTHER]"));
  if (target_path != NULL && (target = read_target (target_path, &error)) == NULL)
    return _errata_cli_experiment_fail_error (error);
  experiment = _errata_cli_experiment_open (argv[1], argv[2], &project, &error);
  if (experiment == NULL
      || (variant = errata_experiment_variant_create (project, experiment->id, argv[3], target,
                                                      from, &error)) == NULL)
    return _errata_cli_experiment_fail_error (error);
  if (variant->parent_name != NULL)
    {
      g_autofree char *changes = g_strjoinv (", ", variant->changes);

      /* Translators: "Variant “v2” of “refunds”, from “v1”, changes: body." */
      g_print (_("Variant “%s” of “%s”, from “%s”, changes: %s.\n"), variant->name,
               experiment->name, variant->parent_name,
               *changes != '\0' ? changes : _("nothing yet"));
    }
  else
    g_print (_("Variant “%s” of “%s”.\n"), variant->name, experiment->name);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- list ------------------------------------------------------------------ */

static void
add_variant_json (JsonBuilder             *b,
                  ErrataExperimentVariant *variant)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, variant->name);
  json_builder_set_member_name (b, "from");
  variant->parent_name != NULL ? json_builder_add_string_value (b, variant->parent_name)
                               : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; variant->changes[i] != NULL; i++)
    json_builder_add_string_value (b, variant->changes[i]);
  json_builder_end_array (b);
  errata_cli_json_add_int (b, "replies", variant->n_replies);
  errata_cli_json_add_int (b, "failed", variant->n_failed);
  errata_cli_json_add_int (b, "expected", variant->n_expected);
  json_builder_set_member_name (b, "target");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), variant->target));
  json_builder_end_object (b);
}

static void
print_variant (ErrataExperimentVariant *variant)
{
  g_autofree char *changes = g_strjoinv (", ", variant->changes);

  /* Translators: "  v2   38/40 replies (2 failed)   from v1, changes: body". */
  g_print (_("  %-20s %u/%u replies (%u failed)"), variant->name, variant->n_replies,
           variant->n_expected, variant->n_failed);
  if (variant->parent_name != NULL)
    g_print (_("   from %s, changes: %s"), variant->parent_name, *changes ? changes : "—");
  g_print ("\n");
}

static int
list_variants (ErrataProject *project,
               const char    *name,
               gboolean       as_json)
{
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  experiment = errata_experiment_find (project, name, &error);
  variants = experiment ? errata_experiment_list_variants (project, experiment->id, &error) : NULL;
  if (variants == NULL)
    return _errata_cli_experiment_fail_error (error);
  if (!as_json)
    {
      /* Translators: the three parts of "Experiment “refunds”: 40 queries from
       * synthetic, 1 repeat; 2 variants". */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Experiment “%s”: %u query from %s, ",
                            "Experiment “%s”: %u queries from %s, ", experiment->n_queries),
               experiment->name, experiment->n_queries, experiment->query_source);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u repeat; ", "%u repeats; ", experiment->repeats),
               experiment->repeats);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u variant\n", "%u variants\n", variants->len),
               variants->len);
      for (guint i = 0; i < variants->len; i++)
        print_variant (g_ptr_array_index (variants, i));
      return ERRATA_CLI_EXIT_OK;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, experiment->name);
  json_builder_set_member_name (b, "queries_from");
  json_builder_add_string_value (b, experiment->query_source);
  errata_cli_json_add_int (b, "queries", experiment->n_queries);
  errata_cli_json_add_int (b, "repeats", experiment->repeats);
  json_builder_set_member_name (b, "variants");
  json_builder_begin_array (b);
  for (guint i = 0; i < variants->len; i++)
    add_variant_json (b, g_ptr_array_index (variants, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  {
    g_autoptr(JsonNode) root = json_builder_get_root (b);

    errata_cli_print_json (root);
  }
  return ERRATA_CLI_EXIT_OK;
}

static int
list_experiments (ErrataProject *project,
                  gboolean       as_json)
{
  g_autoptr(GPtrArray) experiments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  experiments = errata_experiment_list (project, &error);
  if (experiments == NULL)
    return _errata_cli_experiment_fail_error (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < experiments->len; i++)
    {
      ErrataExperiment *experiment = g_ptr_array_index (experiments, i);

      if (!as_json)
        {
          /* Translators: "refunds   40 queries (synthetic) × 1   2 variants". */
          g_print (_("%-24s %u queries (%s) × %u   %u variants\n"), experiment->name,
                   experiment->n_queries, experiment->query_source, experiment->repeats,
                   experiment->n_variants);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, experiment->name);
      json_builder_set_member_name (b, "queries_from");
      json_builder_add_string_value (b, experiment->query_source);
      errata_cli_json_add_int (b, "queries", experiment->n_queries);
      errata_cli_json_add_int (b, "repeats", experiment->repeats);
      errata_cli_json_add_int (b, "variants", experiment->n_variants);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  if (as_json)
    errata_cli_print_json (root);
  else if (experiments->len == 0)
    g_print (_("No experiment yet: make one with “errata-cli experiment new PROJECT NAME "
               "--queries synthetic”.\n"));
  return ERRATA_CLI_EXIT_OK;
}

static int
run_list (int    argc,
          char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT [NAME] [--json] - list the experiments, or one experiment's variants"), NULL);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2 && argc != 3)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Usage: errata-cli experiment list PROJECT [NAME] [--json]"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return _errata_cli_experiment_fail_error (error);
  return argc == 3 ? list_variants (project, argv[2], as_json)
                   : list_experiments (project, as_json);
}

int
errata_cli_experiment (int    argc,
                       char **argv)
{
  const char *what = argc >= 2 ? argv[1] : "";

  if (g_str_equal (what, "new"))
    return run_new (argc - 1, argv + 1);
  if (g_str_equal (what, "variant"))
    return run_variant (argc - 1, argv + 1);
  if (g_str_equal (what, "run"))
    return _errata_cli_experiment_run (argc - 1, argv + 1);
  if (g_str_equal (what, "compare"))
    return _errata_cli_experiment_compare (argc - 1, argv + 1);
  if (g_str_equal (what, "list"))
    return run_list (argc - 1, argv + 1);
  return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                          _("Usage: errata-cli experiment new|variant|run|compare|list PROJECT …"));
}
