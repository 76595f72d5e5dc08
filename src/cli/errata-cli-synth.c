/* errata-cli-synth.c: synthetic data from the command line.
 *
 *   synth dimensions PROJECT [FILE.json]      set (or show) the dimensions
 *   synth tuples PROJECT (--all | --sample N --seed S | --llm N)
 *                                             make tuples (or list them, with coverage)
 *   synth queries PROJECT [--per-tuple K]     write K queries per tuple (or list them)
 *   synth accept|reject PROJECT (ID… | --drafts)
 *   synth run PROJECT [--target FILE.json]    the accepted queries through the system
 *   synth breakdown PROJECT [--pairs]         failure rate by dimension value
 *   synth secret NAME [--clear]               a target's secret (stdin) into the keyring
 *
 * This file has the dispatch and the commands that shape the data;
 * errata-cli-synth-run.c runs and reports.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-synth.h"
#include "errata-cli-synth-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "errata-cli-common.h"
#include "errata-cli-outcome.h"
#include "errata-cli-llm.h"
#include "errata-json-guard.h"
#include "errata-synth-dimensions.h"
#include "errata-synth-generate.h"
#include "errata-synth-queries.h"
#include "errata-synth-similarity.h"
#include "errata-synth-tuples.h"
#include "errata-synth-typed.h"

/* ---- shared ------------------------------------------------------------ */

static ErrataProject *
open_project (const char  *path,
              GError     **error)
{
  return errata_cli_open_project (path, ERRATA_PROJECT_OPEN_NONE, error);
}

typedef struct
{
  char *provider;
  char *base_url;
  char *model;
} LlmOptions;

static void
llm_options_clear (LlmOptions *options)
{
  g_free (options->provider);
  g_free (options->base_url);
  g_free (options->model);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LlmOptions, llm_options_clear)

#define LLM_OPTION_ENTRIES(options) \
  { "provider", 0, 0, G_OPTION_ARG_STRING, &(options).provider, \
    N_("The LLM provider (default: the configured one)"), N_("NAME") }, \
  { "base-url", 0, 0, G_OPTION_ARG_STRING, &(options).base_url, N_("The provider’s URL"), \
    N_("URL") }, \
  { "model", 0, 0, G_OPTION_ARG_STRING, &(options).model, N_("The model"), N_("MODEL") }

static ErrataLlmClient *
llm_client (LlmOptions  *options,
            GError     **error)
{
  return errata_cli_llm_client_new (options->provider, options->base_url, options->model, error);
}

/* ---- dimensions ---------------------------------------------------------- */

static void
print_dimensions (GPtrArray *dimensions,
                  gboolean   as_json)
{
  if (as_json)
    {
      g_autoptr(JsonNode) node = errata_synth_dimensions_to_json (dimensions);

      errata_cli_print_json (node);
      return;
    }
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);

      g_print ("%s (%u): ", dimension->name, dimension->values->len);
      for (guint v = 0; v < dimension->values->len; v++)
        g_print ("%s%s", v > 0 ? ", " : "",
                 ((ErrataSynthValue *)g_ptr_array_index (dimension->values, v))->value);
      g_print ("\n");
    }
}

static int
run_dimensions (int    argc,
                char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT [FILE.json] - set the dimensions of user queries, or show them"),
    _("FILE.json is {\"dimensions\": [{\"name\", \"description\", \"values\": [\"…\" or "
      "{\"value\", \"description\"}]}]}. Setting replaces the dimensions; tuples keep theirs."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc < 2 || argc > 3)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("Usage: errata-cli synth dimensions PROJECT "
                                                     "[FILE.json]"));
  project = open_project (argv[1], &error);
  if (project == NULL)
    return errata_cli_fail_input_error (error);
  if (argc == 3)
    {
      if (!g_file_get_contents (argv[2], &contents, &len, &error)
          || (dimensions = errata_synth_dimensions_from_json (contents, len, &error)) == NULL)
        {
          g_prefix_error (&error, "%s: ", argv[2]);
          return errata_cli_fail_input_error (error);
        }
      if (!errata_synth_dimensions_save (project, dimensions, &error))
        return errata_cli_fail_input_error (error);
      if (!as_json)
        /* Translators: "Set 3 dimensions: 45 combinations." */
        g_print (_("Set %u dimensions: %" PRIu64 " combinations.\n"), dimensions->len,
                 errata_synth_dimensions_n_combinations (dimensions));
    }
  else if ((dimensions = errata_synth_dimensions_load (project, &error)) == NULL)
    return errata_cli_fail_input_error (error);
  print_dimensions (dimensions, as_json);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- tuples -------------------------------------------------------------- */

typedef struct
{
  gboolean   all;
  int        sample;
  gint64     seed;
  int        llm;
  int        limit;
  gboolean   json;
  LlmOptions llm_options;
} TupleOptions;

static void
tuple_options_clear (TupleOptions *options)
{
  llm_options_clear (&options->llm_options);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TupleOptions, tuple_options_clear)

static void
print_tuples (GPtrArray *dimensions,
              GPtrArray *tuples,
              gboolean   as_json)
{
  g_autoptr(JsonObject) coverage = errata_synth_tuples_coverage (dimensions, tuples);
  g_autoptr(JsonBuilder) b = NULL;

  if (!as_json)
    {
      for (guint i = 0; i < tuples->len; i++)
        {
          ErrataSynthTuple *tuple = g_ptr_array_index (tuples, i);
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), tuple->dimensions);
          g_autofree char *text = json_to_string (node, FALSE);

          g_print ("%" PRId64 "\t%s\t%s\n", tuple->id,
                   errata_synth_origin_to_string (tuple->origin), text);
        }
      /* Translators: how many tuples take each value. */
      g_print (_("Coverage (tuples per value):\n"));
      for (guint d = 0; d < dimensions->len; d++)
        {
          ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
          JsonObject *counts = json_object_get_object_member (coverage, dimension->name);

          g_print ("  %s:", dimension->name);
          for (guint v = 0; v < dimension->values->len; v++)
            {
              const char *value = ((ErrataSynthValue *)g_ptr_array_index (dimension->values, v))->value;

              g_print (" %s %" PRId64 "%s", value,
                       json_object_get_int_member (counts, value),
                       v + 1 < dimension->values->len ? "," : "");
            }
          g_print ("\n");
        }
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tuples");
  json_builder_begin_array (b);
  for (guint i = 0; i < tuples->len; i++)
    {
      ErrataSynthTuple *tuple = g_ptr_array_index (tuples, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, tuple->id);
      json_builder_set_member_name (b, "origin");
      json_builder_add_string_value (b, errata_synth_origin_to_string (tuple->origin));
      json_builder_set_member_name (b, "dimensions");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), tuple->dimensions));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "coverage");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), coverage));
  json_builder_end_object (b);
  errata_cli_print_json_builder (b);
}

static GPtrArray *
tuples_by_llm (TupleOptions  *options,
               GPtrArray     *dimensions,
               GError       **error)
{
  g_autoptr(ErrataLlmClient) client = llm_client (&options->llm_options, error);
  g_autoptr(GAsyncResult) result = NULL;
  GPtrArray *tuples;
  guint dropped = 0;

  if (client == NULL)
    return NULL;
  errata_synth_generate_tuples_async (client, dimensions, options->llm, options->limit, NULL,
                                      errata_cli_on_result, &result);
  tuples = errata_synth_generate_tuples_finish (errata_cli_wait (&result), &dropped, error);
  if (tuples != NULL && dropped > 0)
    /* Translators: tuples the LLM proposed that were repeated or had values the dimensions lack. */
    g_printerr (_("Dropped %u proposed tuples (repeated, or values the dimensions do not have).\n"),
                dropped);
  return tuples;
}

static GPtrArray *
make_tuples (TupleOptions       *options,
             GPtrArray          *dimensions,
             ErrataSynthOrigin  *origin,
             GError            **error)
{
  if (options->all)
    {
      *origin = ERRATA_SYNTH_ORIGIN_ALL;
      return errata_synth_tuples_all (dimensions, options->limit, error);
    }
  if (options->sample > 0)
    {
      *origin = ERRATA_SYNTH_ORIGIN_SAMPLED;
      return errata_synth_tuples_sample (dimensions, options->sample, options->seed,
                                         options->limit, error);
    }
  *origin = ERRATA_SYNTH_ORIGIN_LLM;
  return tuples_by_llm (options, dimensions, error);
}

static int
run_tuples (int    argc,
            char **argv)
{
  g_auto(TupleOptions) options = { .seed = 1, .limit = ERRATA_SYNTH_DEFAULT_LIMIT };
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &options.all, N_("Every combination"), NULL },
    { "sample", 0, 0, G_OPTION_ARG_INT, &options.sample,
      N_("N combinations that cover every value"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options.seed, N_("The sample’s seed (default 1)"),
      N_("S") },
    { "llm", 0, 0, G_OPTION_ARG_INT, &options.llm, N_("N tuples proposed by the LLM"), N_("N") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options.limit,
      N_("Refuse to make more tuples than this (default 1000)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print JSON"), NULL },
    LLM_OPTION_ENTRIES (options.llm_options),
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT (--all | --sample N [--seed S] | --llm N) - make tuples of dimension values"),
    _("Without a way to make them, lists the tuples and how often each value appears."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSynthOrigin origin;
  guint ways, added = 0;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  ways = (options.all ? 1 : 0) + (options.sample > 0 ? 1 : 0) + (options.llm > 0 ? 1 : 0);
  if (argc != 2 || ways > 1 || options.sample < 0 || options.llm < 0 || options.limit < 1)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Usage: errata-cli synth tuples PROJECT (--all | --sample N "
                              "[--seed S] | --llm N) [--limit N]"));
  project = open_project (argv[1], &error);
  if (project == NULL || (dimensions = errata_synth_dimensions_load (project, &error)) == NULL)
    return errata_cli_fail_input_error (error);
  if (ways == 1)
    {
      made = make_tuples (&options, dimensions, &origin, &error);
      if (made == NULL || !errata_synth_tuples_add (project, made, origin, &added, &error))
        return errata_cli_fail_input_error (error);
      if (!options.json)
        /* Translators: "Made 30 tuples (all new)" / "(2 the project had already)". */
        g_print (_("Made %u tuples, %u new (%u the project had already).\n"), made->len, added,
                 made->len - added);
    }
  tuples = errata_synth_tuples_list (project, &error);
  if (tuples == NULL)
    return errata_cli_fail_input_error (error);
  if (ways == 0 || options.json)
    print_tuples (dimensions, tuples, options.json);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- queries ------------------------------------------------------------- */

typedef struct
{
  int        per_tuple;
  char      *from;
  int        limit;
  double     threshold;
  gboolean   json;
  LlmOptions llm_options;
} QueryOptions;

static void
query_options_clear (QueryOptions *options)
{
  llm_options_clear (&options->llm_options);
  g_free (options->from);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QueryOptions, query_options_clear)

static void
on_generation_progress (guint    done,
                        guint    total,
                        gpointer user_data)
{
  if (GPOINTER_TO_INT (user_data))
    g_printerr ("\r%u/%u", done, total);
}

static int
generate_queries (ErrataProject *project,
                  GPtrArray     *dimensions,
                  QueryOptions  *options)
{
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean tty = isatty (2);
  guint added, failed = 0;

  client = llm_client (&options->llm_options, &error);
  if (client == NULL || (tuples = errata_synth_tuples_list (project, &error)) == NULL)
    return errata_cli_fail_input_error (error);
  errata_synth_generate_queries_async (client, project, dimensions, tuples, options->per_tuple,
                                       options->limit, on_generation_progress,
                                       GINT_TO_POINTER (tty), NULL, errata_cli_on_result, &result);
  added = errata_synth_generate_queries_finish (errata_cli_wait (&result), &failed, &message,
                                                &error);
  if (tty)
    g_printerr ("\n");
  if (error != NULL)
    return errata_cli_fail_input_error (error);
  /* Translators: "Wrote 60 draft queries for 30 tuples." */
  g_print (_("Wrote %u draft queries for %u tuples.\n"), added, tuples->len - failed);
  if (failed > 0)
    {
      g_printerr (_("%u tuples got no queries: %s\n"), failed, message);
      return ERRATA_CLI_EXIT_FAILED;
    }
  return ERRATA_CLI_EXIT_OK;
}

static void
print_queries (GPtrArray *queries,
               double     threshold,
               gboolean   as_json)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) near = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  for (guint i = 0; i < queries->len; i++)
    g_ptr_array_add (texts, ((ErrataSynthQuery *)g_ptr_array_index (queries, i))->text);
  g_ptr_array_add (texts, NULL);
  near = errata_synth_near_duplicates ((const char * const *)texts->pdata, ERRATA_SYNTH_NGRAM,
                                       threshold);
  json_builder_begin_array (b);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);
      ErrataSynthNear *n = &g_array_index (near, ErrataSynthNear, i);
      gint64 similar = n->other >= 0
                       ? ((ErrataSynthQuery *)g_ptr_array_index (queries, n->other))->id : 0;

      if (!as_json)
        {
          g_autofree char *mark = similar > 0
                                  /* Translators: "≈ 12 (0.71)": a near-duplicate of query 12. */
                                  ? g_strdup_printf (_("≈ %" PRId64 " (%.2f)"), similar,
                                                     n->similarity)
                                  : g_strdup ("");

          g_print ("%" PRId64 "\t%s\t%s\t%s%s%s\n", query->id,
                   errata_synth_state_to_string (query->state), mark, query->text,
                   query->error != NULL ? "\t! " : "", query->error != NULL ? query->error : "");
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, query->id);
      json_builder_set_member_name (b, "tuple_id");
      json_builder_add_int_value (b, query->tuple_id);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, errata_synth_state_to_string (query->state));
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, query->text);
      json_builder_set_member_name (b, "dimensions");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), query->dimensions));
      json_builder_set_member_name (b, "near_duplicate_of");
      if (similar > 0)
        json_builder_add_int_value (b, similar);
      else
        json_builder_add_null_value (b);
      errata_cli_json_add_double (b, "similarity", similar > 0 ? n->similarity : NAN);
      json_builder_set_member_name (b, "trace_id");
      if (query->trace_id > 0)
        json_builder_add_int_value (b, query->trace_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "error");
      if (query->error != NULL)
        json_builder_add_string_value (b, query->error);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (as_json)
    errata_cli_print_json_builder (b);
}

static int
add_typed (ErrataProject *project,
           GPtrArray     *dimensions,
           const char    *path)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint n_tuples = 0, n_queries = 0;

  if (!g_file_get_contents (path, &text, NULL, &error)
      || (root = errata_json_from_string (text, &error)) == NULL
      || !errata_synth_typed_add (project, dimensions, root, &n_tuples, &n_queries, &error))
    {
      g_prefix_error (&error, "%s: ", path);
      return errata_cli_fail_input_error (error);
    }
  /* Translators: "Added 12 draft queries and 12 new tuples." */
  g_print (_("Added %u draft queries and %u new tuples.\n"), n_queries, n_tuples);
  return ERRATA_CLI_EXIT_OK;
}

static int
run_queries (int    argc,
             char **argv)
{
  g_auto(QueryOptions) options = { .limit = ERRATA_SYNTH_DEFAULT_LIMIT * 10,
                                   .threshold = ERRATA_SYNTH_NEAR_THRESHOLD };
  const GOptionEntry entries[] = {
    { "per-tuple", 0, 0, G_OPTION_ARG_INT, &options.per_tuple,
      N_("Write K queries for each tuple with the LLM"), N_("K") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &options.from,
      N_("Add the tuples and queries typed in FILE.json (no LLM)"), N_("FILE") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options.limit,
      N_("Refuse to write more queries than this (default 10000)"), N_("N") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &options.threshold,
      N_("Word-bigram similarity that marks a near-duplicate (default 0.6)"), N_("S") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print JSON"), NULL },
    LLM_OPTION_ENTRIES (options.llm_options),
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT [--per-tuple K] - write queries for the tuples, or list them"),
    _("The list marks near-duplicates (≈ the most similar other query) and failed calls (!)."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2 || options.per_tuple < 0 || options.limit < 1
      || !(options.threshold > 0 && options.threshold <= 1))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("Usage: errata-cli synth queries PROJECT "
                                                     "[--per-tuple K | --from FILE.json] [--threshold S] [--json]"));
  project = open_project (argv[1], &error);
  if (project == NULL || (dimensions = errata_synth_dimensions_load (project, &error)) == NULL)
    return errata_cli_fail_input_error (error);
  if (options.from != NULL)
    return add_typed (project, dimensions, options.from);
  if (options.per_tuple > 0)
    return generate_queries (project, dimensions, &options);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);
  if (queries == NULL)
    return errata_cli_fail_input_error (error);
  print_queries (queries, options.threshold, options.json);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- accept / reject ----------------------------------------------------- */

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;

  *id = g_ascii_strtoll (text, &end, 10);
  return *text != '\0' && *end == '\0' && *id > 0;
}

static int
run_state (int                    argc,
           char                 **argv,
           ErrataSynthQueryState  state)
{
  gboolean drafts = FALSE;
  const GOptionEntry entries[] = {
    { "drafts", 0, 0, G_OPTION_ARG_NONE, &drafts, N_("Every draft query"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT (ID… | --drafts) - accept or reject queries"), NULL);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc < 2 || (argc == 2) == !drafts)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("Usage: errata-cli synth %s PROJECT "
                                                     "(ID… | --drafts)"), argv[0]);
  for (int i = 2; i < argc; i++)
    {
      gint64 id;

      if (!parse_id (argv[i], &id))
        return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("“%s” is not a query id"), argv[i]);
      g_array_append_val (ids, id);
    }
  project = open_project (argv[1], &error);
  if (project == NULL)
    return errata_cli_fail_input_error (error);
  if (drafts)
    {
      g_autoptr(GPtrArray) all = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);

      if (all == NULL)
        return errata_cli_fail_input_error (error);
      for (guint i = 0; i < all->len; i++)
        if (((ErrataSynthQuery *)g_ptr_array_index (all, i))->state == ERRATA_SYNTH_QUERY_DRAFT)
          g_array_append_val (ids, ((ErrataSynthQuery *)g_ptr_array_index (all, i))->id);
    }
  if (!errata_synth_queries_set_state (project, (gint64 *)ids->data, ids->len, state, &error))
    return errata_cli_fail_input_error (error);
  /* Translators: "5 queries rejected." */
  g_print (state == ERRATA_SYNTH_QUERY_ACCEPTED ? _("%u queries accepted.\n")
                                                : _("%u queries rejected.\n"), ids->len);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------ */

static const struct
{
  const char *name;
  const char *args;
  const char *summary;
} subcommands[] = {
  { "dimensions", N_("PROJECT [FILE.json] [--json]"), N_("Set the dimensions of user queries, or show them") },
  { "tuples", N_("PROJECT (--all | --sample N [--seed S] | --llm N) [--limit N] [--json]"), N_("Make tuples of dimension values") },
  { "queries", N_("PROJECT [--per-tuple K | --from FILE.json] [--json]"), N_("Have the LLM write queries for each tuple, add typed ones, or list them") },
  { "accept", N_("PROJECT (ID… | --drafts)"), N_("Accept queries") },
  { "reject", N_("PROJECT (ID… | --drafts)"), N_("Reject queries") },
  { "run", N_("PROJECT [--target FILE.json] [--trust] [--progress] [--json]"), N_("Run the accepted queries through your system; each reply becomes a trace") },
  { "breakdown", N_("PROJECT [--pairs] [--json]"), N_("Failure rate per dimension value, from the reviews made here") },
  { "secret", N_("NAME [--clear]"), N_("Store a target’s secret in the keyring, read from standard input") },
};

static void
print_synth_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: errata-cli synth SUBCOMMAND PROJECT [OPTION…]"));
  fprintf (out, "%s\n", _("Synthetic data: dimensions → tuples → queries → traces from your own "
                          "system, and where it breaks by dimension."));
  fprintf (out, "\n%s\n", _("Subcommands:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-10s %s\n             synth %s %s\n", subcommands[i].name,
             _(subcommands[i].summary), subcommands[i].name, _(subcommands[i].args));
  fprintf (out, "\n%s\n", _("Run “errata-cli synth SUBCOMMAND --help” for its options."));
}

int
errata_cli_synth (int    argc,
                  char **argv)
{
  const char *what = argc >= 2 ? argv[1] : "";

  if (g_str_equal (what, "--help") || g_str_equal (what, "-h") || g_str_equal (what, "help"))
    {
      print_synth_help (stdout);
      return ERRATA_CLI_EXIT_OK;
    }
  if (g_str_equal (what, "dimensions"))
    return run_dimensions (argc - 1, argv + 1);
  if (g_str_equal (what, "tuples"))
    return run_tuples (argc - 1, argv + 1);
  if (g_str_equal (what, "queries"))
    return run_queries (argc - 1, argv + 1);
  if (g_str_equal (what, "accept"))
    return run_state (argc - 1, argv + 1, ERRATA_SYNTH_QUERY_ACCEPTED);
  if (g_str_equal (what, "reject"))
    return run_state (argc - 1, argv + 1, ERRATA_SYNTH_QUERY_REJECTED);
  if (g_str_equal (what, "run"))
    return _errata_cli_synth_run (argc - 1, argv + 1);
  if (g_str_equal (what, "breakdown"))
    return _errata_cli_synth_breakdown (argc - 1, argv + 1);
  if (g_str_equal (what, "secret"))
    return _errata_cli_synth_secret (argc - 1, argv + 1);
  print_synth_help (stderr);
  return ERRATA_CLI_EXIT_USAGE;
}
