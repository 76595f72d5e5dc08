/* errata-synth-generate.c
 *
 * Two steps, because asking an LLM for queries directly gives the same
 * phrasing over and over: first the tuples (what kind of user wants what,
 * in which situation), then a few queries per tuple. Both replies are JSON
 * that follows a schema; the tuples' schema lists each dimension's values as
 * an enum, so that a provider with strict schemas cannot invent values (the
 * others are checked here).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-generate.h"

#include "errata-json-guard.h"
#include "errata-synth-dimensions.h"
#include "errata-synth-queries.h"
#include "errata-synth-tuples.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define TUPLES_SCHEMA  "synth_tuples"
#define QUERIES_SCHEMA "synth_queries"

static const char tuples_system[] =
  "You help test an LLM application before it has real users. You are "
  "given dimensions along which its users' queries differ, each with its "
  "possible values. Propose combinations of values (one value per "
  "dimension) that real users would plausibly bring: realistic, varied, "
  "covering every value, and no combination twice. Use the values exactly "
  "as written.";

static const char queries_system[] =
  "You write the messages real users type into an LLM application. Given "
  "who the user is and what they want, write what they would actually type: "
  "in their voice, with their vocabulary, length and level of detail, "
  "sometimes terse or with typos. Each query differs from the others in "
  "wording and detail. Write only the queries.";

/* Prompts ------------------------------------------------------------------ */

static void
describe_dimension (GString              *text,
                    ErrataSynthDimension *dimension)
{
  g_string_append_printf (text, "- %s", dimension->name);
  if (*dimension->description != '\0')
    g_string_append_printf (text, ": %s", dimension->description);
  g_string_append (text, "\n");
  for (guint v = 0; v < dimension->values->len; v++)
    {
      ErrataSynthValue *value = g_ptr_array_index (dimension->values, v);

      g_string_append_printf (text, "  - %s%s%s\n", value->value,
                              *value->description != '\0' ? ": " : "", value->description);
    }
}

char *
errata_synth_tuples_prompt (GPtrArray *dimensions,
                            guint      n)
{
  g_autoptr(GString) text = g_string_new ("Dimensions:\n");

  for (guint d = 0; d < dimensions->len; d++)
    describe_dimension (text, g_ptr_array_index (dimensions, d));
  /* The mock server in tests/ reads this line. */
  g_string_append_printf (text, "\nNumber of tuples: %u\n", n);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The persona is the dimension named like one; without it, the whole
 * tuple describes the user. */
static ErrataSynthDimension *
find_persona (GPtrArray *dimensions)
{
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
      g_autofree char *folded = g_utf8_casefold (dimension->name, -1);

      if (strstr (folded, "persona") != NULL || g_str_equal (folded, "user"))
        return dimension;
    }
  return NULL;
}

static const char *
value_description (ErrataSynthDimension *dimension,
                   const char           *value)
{
  for (guint v = 0; dimension != NULL && v < dimension->values->len; v++)
    {
      ErrataSynthValue *item = g_ptr_array_index (dimension->values, v);

      if (g_str_equal (item->value, value))
        return item->description;
    }
  return "";
}

char *
errata_synth_queries_prompt (GPtrArray  *dimensions,
                             JsonObject *tuple,
                             guint       k)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), tuple);
  g_autofree char *tuple_json = json_to_string (node, FALSE);
  ErrataSynthDimension *persona = find_persona (dimensions);

  if (persona != NULL)
    {
      const char *who = json_object_get_string_member_with_default (tuple, persona->name, "");
      const char *about = value_description (persona, who);

      g_string_append_printf (text, "Write as this user: %s%s%s.\n", who,
                              *about != '\0' ? " — " : "", about);
    }
  g_string_append (text, "The user's situation:\n");
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
      const char *value = json_object_get_string_member_with_default (tuple, dimension->name, "");
      const char *about = value_description (dimension, value);

      g_string_append_printf (text, "- %s: %s%s%s\n", dimension->name, value,
                              *about != '\0' ? " — " : "", about);
    }
  /* The mock server in tests/ reads these two lines. */
  g_string_append_printf (text, "\nTuple: %s\nNumber of queries: %u\n", tuple_json, k);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonNode *
tuples_schema (GPtrArray *dimensions)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "object");
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tuples");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "array");
  json_builder_set_member_name (b, "items");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "object");
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);

      json_builder_set_member_name (b, dimension->name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "string");
      json_builder_set_member_name (b, "enum");
      json_builder_begin_array (b);
      for (guint v = 0; v < dimension->values->len; v++)
        json_builder_add_string_value (b, ((ErrataSynthValue *)
                                           g_ptr_array_index (dimension->values, v))->value);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "required");
  json_builder_begin_array (b);
  for (guint d = 0; d < dimensions->len; d++)
    json_builder_add_string_value (b, ((ErrataSynthDimension *)
                                       g_ptr_array_index (dimensions, d))->name);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "additionalProperties");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "required");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "tuples");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "additionalProperties");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char queries_schema[] =
  "{\"type\": \"object\","
  " \"properties\": {\"queries\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}},"
  " \"required\": [\"queries\"],"
  " \"additionalProperties\": false}";

/* Tuples ------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *dimensions;
  guint      n;
} TuplesData;

static void
tuples_data_free (TuplesData *data)
{
  g_ptr_array_unref (data->dimensions);
  g_free (data);
}

typedef struct
{
  GPtrArray *tuples;
  guint      dropped;
} TuplesResult;

static void
tuples_result_free (TuplesResult *result)
{
  g_ptr_array_unref (result->tuples);
  g_free (result);
}

/* The members in the dimensions' order, whatever order the LLM wrote. */
static JsonObject *
in_dimension_order (GPtrArray  *dimensions,
                    JsonObject *tuple)
{
  JsonObject *ordered = json_object_new ();

  for (guint d = 0; d < dimensions->len; d++)
    {
      const char *name = ((ErrataSynthDimension *)g_ptr_array_index (dimensions, d))->name;

      json_object_set_string_member (ordered, name, json_object_get_string_member (tuple, name));
    }
  return ordered;
}

static TuplesResult *
read_tuples (TuplesData *data,
             JsonNode   *json)
{
  TuplesResult *result = g_new0 (TuplesResult, 1);
  JsonArray *array = json != NULL && JSON_NODE_HOLDS_OBJECT (json)
                     ? errata_json_member_array (json_node_get_object (json), "tuples") : NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  result->tuples = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *tuple = errata_json_array_get_object (array, i);

      if (tuple == NULL || result->tuples->len >= data->n
          || !errata_synth_tuple_check (data->dimensions, tuple, NULL)
          || !g_hash_table_add (keys, errata_synth_tuple_key (tuple)))
        {
          result->dropped++;
          continue;
        }
      g_ptr_array_add (result->tuples, in_dimension_order (data->dimensions, tuple));
    }
  return result;
}

static void
on_tuples_reply (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmReply) reply = NULL;

  reply = errata_llm_client_complete_finish (ERRATA_LLM_CLIENT (source), res, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, read_tuples (g_task_get_task_data (task), reply->json),
                         (GDestroyNotify)tuples_result_free);
}

void
errata_synth_generate_tuples_async (ErrataLlmClient     *client,
                                    GPtrArray           *dimensions,
                                    guint                n,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ErrataLlmRequest) request = NULL;
  g_autofree char *prompt = NULL;
  g_autoptr(JsonNode) schema = NULL;
  TuplesData *data;

  g_return_if_fail (ERRATA_IS_LLM_CLIENT (client));
  g_return_if_fail (dimensions != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_synth_generate_tuples_async);
  if (dimensions->len == 0 || n == 0 || n > limit)
    {
      g_task_return_new_error (task, ERRATA_SYNTH_ERROR,
                               n > limit ? ERRATA_SYNTH_ERROR_TOO_MANY : ERRATA_SYNTH_ERROR_INVALID,
                               n > limit ? _("That makes %u tuples, more than the limit of %u: "
                                             "ask for fewer, or raise the limit")
                                         : _("Set the dimensions and ask for at least one tuple"),
                               n, limit);
      return;
    }
  data = g_new0 (TuplesData, 1);
  data->dimensions = g_ptr_array_ref (dimensions);
  data->n = n;
  g_task_set_task_data (task, data, (GDestroyNotify)tuples_data_free);
  prompt = errata_synth_tuples_prompt (dimensions, n);
  request = errata_llm_request_new ();
  errata_llm_request_set_system (request, tuples_system);
  errata_llm_request_add_message (request, "user", prompt);
  /* The request keeps a copy. */
  schema = tuples_schema (dimensions);
  errata_llm_request_set_schema (request, TUPLES_SCHEMA, schema, TRUE);
  errata_llm_client_complete_async (client, request, cancellable, on_tuples_reply,
                                    g_steal_pointer (&task));
}

GPtrArray *
errata_synth_generate_tuples_finish (GAsyncResult  *result,
                                     guint         *out_dropped,
                                     GError       **error)
{
  TuplesResult *tuples;
  GPtrArray *array;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  tuples = g_task_propagate_pointer (G_TASK (result), error);
  if (tuples == NULL)
    return NULL;
  array = g_ptr_array_ref (tuples->tuples);
  if (out_dropped != NULL)
    *out_dropped = tuples->dropped;
  tuples_result_free (tuples);
  return array;
}

/* Queries ------------------------------------------------------------------ */

typedef struct
{
  ErrataProject           *project;
  guint                    total;
  guint                    done;
  guint                    failed;
  guint                    added;
  char                    *first_error;
  GError                  *store_error;   /* the project could not be written: fatal */
  ErrataSynthProgressFunc  progress;
  gpointer                 progress_data;
} QueriesRun;

static void
queries_run_free (QueriesRun *run)
{
  g_object_unref (run->project);
  g_free (run->first_error);
  g_clear_error (&run->store_error);
  g_free (run);
}

typedef struct
{
  GTask  *task;
  gint64  tuple_id;
  guint   k;
} QueryCall;

static GStrv
read_queries (JsonNode *json,
              guint     k)
{
  JsonArray *array = json != NULL && JSON_NODE_HOLDS_OBJECT (json)
                     ? errata_json_member_array (json_node_get_object (json), "queries") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array) && n < k; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      g_strv_builder_add (builder, json_node_get_string (node));
      n++;
    }
  return g_strv_builder_end (builder);
}

static void
finish_queries_run (GTask *task)
{
  QueriesRun *run = g_task_get_task_data (task);

  if (run->store_error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->store_error));
  else if (g_task_return_error_if_cancelled (task))
    return;
  else if (run->failed == run->total)
    g_task_return_new_error (task, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                             _("No query was written: %s"), run->first_error);
  else
    g_task_return_int (task, run->added);
}

static void
note_failure (QueriesRun  *run,
              const char  *message)
{
  run->failed++;
  if (run->first_error == NULL)
    run->first_error = g_strdup (message);
}

static void
store_queries (QueriesRun *run,
               QueryCall  *call,
               JsonNode   *json)
{
  g_auto(GStrv) texts = read_queries (json, call->k);
  guint added = 0;

  if (g_strv_length (texts) == 0)
    {
      note_failure (run, _("the reply held no queries"));
      return;
    }
  if (run->store_error == NULL
      && !errata_synth_queries_add (run->project, call->tuple_id, (const char * const *)texts,
                                    FALSE, &added, &run->store_error))
    return;
  run->added += added;
}

static void
on_queries_reply (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  QueryCall *call = user_data;
  GTask *task = call->task;
  QueriesRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmReply) reply = NULL;

  reply = errata_llm_client_complete_finish (ERRATA_LLM_CLIENT (source), res, &error);
  if (reply == NULL)
    note_failure (run, error->message);
  else
    store_queries (run, call, reply->json);
  run->done++;
  if (run->progress != NULL)
    run->progress (run->done, run->total, run->progress_data);
  if (run->done == run->total)
    finish_queries_run (task);
  g_object_unref (task);
  g_free (call);
}

static ErrataLlmRequest *
queries_request (GPtrArray  *dimensions,
                 JsonObject *tuple,
                 guint       k)
{
  ErrataLlmRequest *request = errata_llm_request_new ();
  g_autofree char *prompt = errata_synth_queries_prompt (dimensions, tuple, k);
  g_autoptr(GError) error = NULL;

  errata_llm_request_set_system (request, queries_system);
  errata_llm_request_add_message (request, "user", prompt);
  if (!errata_llm_request_set_schema_json (request, QUERIES_SCHEMA, queries_schema, TRUE, &error))
    g_error ("The queries schema does not parse: %s", error->message);
  return request;
}

void
errata_synth_generate_queries_async (ErrataLlmClient         *client,
                                     ErrataProject           *project,
                                     GPtrArray               *dimensions,
                                     GPtrArray               *tuples,
                                     guint                    k,
                                     guint                    limit,
                                     ErrataSynthProgressFunc  progress,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  QueriesRun *run;

  g_return_if_fail (ERRATA_IS_LLM_CLIENT (client));
  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (dimensions != NULL && tuples != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_synth_generate_queries_async);
  if (tuples->len == 0 || k == 0)
    {
      g_task_return_new_error (task, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                               _("Make some tuples first, and ask for at least one query each"));
      return;
    }
  if ((guint64)tuples->len * k > limit)
    {
      g_task_return_new_error (task, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_TOO_MANY,
                               _("That makes %" PRIu64 " queries, more than the limit "
                                 "of %u: ask for fewer per tuple, or raise the limit"),
                               (guint64)tuples->len * k, limit);
      return;
    }
  run = g_new0 (QueriesRun, 1);
  run->project = g_object_ref (project);
  run->total = tuples->len;
  run->progress = progress;
  run->progress_data = progress_data;
  g_task_set_task_data (task, run, (GDestroyNotify)queries_run_free);
  for (guint i = 0; i < tuples->len; i++)
    {
      ErrataSynthTuple *tuple = g_ptr_array_index (tuples, i);
      g_autoptr(ErrataLlmRequest) request = queries_request (dimensions, tuple->dimensions, k);
      QueryCall *call = g_new0 (QueryCall, 1);

      call->task = g_object_ref (task);
      call->tuple_id = tuple->id;
      call->k = k;
      errata_llm_client_complete_async (client, request, cancellable, on_queries_reply, call);
    }
}

guint
errata_synth_generate_queries_finish (GAsyncResult  *result,
                                      guint         *out_failed,
                                      char         **out_message,
                                      GError       **error)
{
  QueriesRun *run;
  gssize added;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  added = g_task_propagate_int (G_TASK (result), error);
  run = g_task_get_task_data (G_TASK (result));
  if (out_failed != NULL)
    *out_failed = run != NULL ? run->failed : 0;
  if (out_message != NULL)
    *out_message = run != NULL ? g_strdup (run->first_error) : NULL;
  return added < 0 ? 0 : (guint)added;
}
