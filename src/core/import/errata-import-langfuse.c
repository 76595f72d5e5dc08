/* errata-import-langfuse.c: Langfuse traces and observations.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public API and its exports give a trace {id, name, timestamp, input,
 * output, latency (seconds), totalCost, metadata, scores, observations:
 * [{id, traceId, type GENERATION|SPAN|EVENT|..., name, startTime, endTime,
 * input, output, model, usage {input, output, total} | usageDetails,
 * calculatedTotalCost, metadata, parentObservationId}]}. The conversation
 * is the input plus output of the generation whose history extends the
 * others (the agent's, not a title call made after it, which is kept as a
 * secondary call); a trace without a generation uses its own input and output. Observations exported one per
 * record are grouped by traceId first.
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>

gboolean
_errata_import_langfuse_is_trace (const ErrataRecord *record)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (record->node))
    return TRUE;
  object = json_node_get_object (record->node);
  /* A lone observation has a traceId and a type; anything else is treated
   * as a trace (and fails there with a reason if it is not one). */
  return !(json_object_has_member (object, "traceId") && json_object_has_member (object, "type")
           && !json_object_has_member (object, "observations"));
}

static gint64
parse_time (JsonObject *object,
            const char *key)
{
  const char *text = errata_json_get_string (object, key);
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return -1;
  time = g_date_time_new_from_iso8601 (text, NULL);
  return time ? g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000 : -1;
}

gboolean
_errata_import_langfuse_stage (ErrataImportStage    *stage,
                               ErrataImportContext  *ctx,
                               const ErrataRecord   *record,
                               GError              **error)
{
  JsonObject *object = _errata_import_require_object (record, error);
  const char *trace_id;

  if (object == NULL)
    return FALSE;
  trace_id = errata_json_get_string (object, "traceId");
  if (trace_id == NULL || *trace_id == '\0')
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                           /* Translators: a Langfuse observation; `traceId` is a field name in
                            * the imported file: keep it as it is. */
                           _("the observation has no `traceId`"));
      return FALSE;
    }
  return _errata_import_stage_add (stage, "langfuse", trace_id, ctx->source,
                                   parse_time (object, "startTime"), record->node, error);
}

/* Input or output as messages: a message list, {messages: [...]}, one
 * message object, or text. */
static gboolean
append_io (JsonArray   *out,
           JsonNode    *value,
           const char  *role,
           GError     **error)
{
  JsonObject *object;
  g_autofree char *text = NULL;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!errata_messages_append (out, json_array_get_element (array, i), i, error))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      object = json_node_get_object (value);
      if (errata_json_get_array (object, "messages") != NULL)
        return append_io (out, json_object_get_member (object, "messages"), role, error);
      if (json_object_has_member (object, "role"))
        return errata_messages_append (out, value, 0, error);
      if (errata_json_get_array (object, "choices") != NULL)
        {
          JsonObject *choice = errata_json_array_get_object (errata_json_get_array (object, "choices"), 0);

          if (choice != NULL && json_object_has_member (choice, "message"))
            return errata_messages_append (out, json_object_get_member (choice, "message"), 0, error);
        }
    }
  text = _errata_import_value_text (value);
  json_array_add_object_element (out, errata_messages_new_message (role, text));
  return TRUE;
}

static gint
compare_start (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = parse_time (((ErrataOtelCall *)*(gpointer const *)a)->span, "startTime");
  gint64 tb = parse_time (((ErrataOtelCall *)*(gpointer const *)b)->span, "startTime");

  return ta < tb ? -1 : ta > tb;
}

/* Every generation as a call, in time order; NULL when there is none. */
static GPtrArray *
generation_calls (JsonArray  *observations,
                  GError    **error)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_otel_call_free);

  for (guint i = 0; observations && i < json_array_get_length (observations); i++)
    {
      JsonObject *observation = errata_json_array_get_object (observations, i);
      g_autoptr(JsonArray) messages = json_array_new ();
      ErrataOtelCall *call;
      guint n_input;

      if (observation == NULL
          || g_strcmp0 (errata_json_get_string (observation, "type"), "GENERATION") != 0)
        continue;
      if (!append_io (messages, json_object_get_member (observation, "input"), "user", error))
        return NULL;
      n_input = json_array_get_length (messages);
      if (!append_io (messages, json_object_get_member (observation, "output"), "assistant", error))
        return NULL;
      call = g_new0 (ErrataOtelCall, 1);
      call->span = json_object_ref (observation);
      call->messages = g_steal_pointer (&messages);
      call->n_input = n_input;
      g_ptr_array_add (calls, call);
    }
  g_ptr_array_sort (calls, compare_start);
  return g_steal_pointer (&calls);
}

static void
read_generation_stats (ErrataTrace *trace,
                       JsonObject  *generation)
{
  JsonObject *usage = errata_json_get_object (generation, "usageDetails");
  gint64 start = parse_time (generation, "startTime");
  gint64 end = parse_time (generation, "endTime");
  JsonNode *cost = json_object_get_member (generation, "calculatedTotalCost");

  _errata_import_read_usage (trace, usage ? usage : errata_json_get_object (generation, "usage"));
  if (errata_trace_get_latency_ms (trace) < 0 && start >= 0 && end >= start)
    errata_trace_set_latency_ms (trace, end - start);
  if (errata_trace_get_cost (trace) < 0 && cost != NULL && JSON_NODE_HOLDS_VALUE (cost)
      && json_node_get_value_type (cost) != G_TYPE_STRING)
    errata_trace_set_cost (trace, json_node_get_double (cost));
}

static void
read_trace_stats (ErrataTrace *trace,
                  JsonObject  *object)
{
  JsonNode *latency = json_object_get_member (object, "latency");
  JsonNode *cost = json_object_get_member (object, "totalCost");

  /* Langfuse gives a trace's latency in seconds. */
  if (latency != NULL && JSON_NODE_HOLDS_VALUE (latency)
      && json_node_get_value_type (latency) != G_TYPE_STRING)
    errata_trace_set_latency_ms (trace, (gint64)(json_node_get_double (latency) * 1000.0));
  if (cost != NULL && JSON_NODE_HOLDS_VALUE (cost) && json_node_get_value_type (cost) != G_TYPE_STRING)
    errata_trace_set_cost (trace, json_node_get_double (cost));
}

/* A trace without a generation keeps its own input and output in the
 * metadata as they were; either may be missing (a trace with only an
 * output is found by fuzzing), and then it is null. */
static void
keep_io (ErrataTrace *trace,
         JsonObject  *object,
         const char  *member)
{
  JsonNode *node = json_object_get_member (object, member);

  json_object_set_member (errata_trace_get_metadata (trace), member,
                          node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL));
}

static ErrataTrace *
build_trace (ErrataImportContext  *ctx,
             JsonObject           *object,
             const ErrataRecord   *record,
             GPtrArray            *annotations,
             GError              **error)
{
  g_autoptr(ErrataTrace) trace = errata_trace_new ();
  g_autoptr(JsonArray) messages = json_array_new ();
  ErrataConsumed consumed = { { NULL, }, 0 };
  JsonArray *observations = errata_json_get_array (object, "observations");
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(JsonArray) secondary = NULL;
  g_autoptr(GPtrArray) no_spans = g_ptr_array_new ();
  JsonObject *generation = NULL;

  if (json_object_has_member (object, "observations") && observations == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: `observations` is a field name in the imported file:
                    * keep it as it is. %s is a JSON type, e.g. “an object”. */
                   _("`observations` must be an array, found %s"),
                   errata_json_node_describe (json_object_get_member (object, "observations")));
      return NULL;
    }
  /* The agent's conversation is the generation whose history extends the
   * others (errata-import-otel-calls.c), not the last one: a title call
   * after the chat is kept apart, as a secondary call. */
  if ((calls = generation_calls (observations, error)) == NULL)
    return NULL;
  if (calls->len > 0)
    {
      guint main = _errata_import_otel_main_call (calls);

      generation = ((ErrataOtelCall *)calls->pdata[main])->span;
      g_clear_pointer (&messages, json_array_unref);
      messages = _errata_import_otel_conversation (calls, main, no_spans);
      secondary = _errata_import_otel_secondary_calls (calls, main);
    }
  else if (!append_io (messages, json_object_get_member (object, "input"), "user", error)
           || !append_io (messages, json_object_get_member (object, "output"), "assistant", error))
    return NULL;
  if (json_array_get_length (messages) == 0)
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                           /* Translators: a Langfuse trace; a generation is Langfuse's name for
                            * one call to a language model. */
                           _("the trace has no generation and no input or output"));
      return NULL;
    }

  errata_trace_set_messages (trace, messages);
  if (generation != NULL)
    {
      JsonObject *metadata = errata_json_get_object (generation, "metadata");
      JsonArray *tools = metadata ? errata_json_get_array (metadata, "tools") : NULL;

      if (tools != NULL)
        errata_trace_set_tools (trace, tools);
      if (errata_json_get_string (generation, "model") != NULL)
        json_object_set_string_member (errata_trace_get_metadata (trace), "model",
                                       errata_json_get_string (generation, "model"));
    }
  read_trace_stats (trace, object);
  if (generation != NULL)
    read_generation_stats (trace, generation);
  _errata_import_consume (&consumed, "input");
  _errata_import_consume (&consumed, "output");
  _errata_import_set_identity (ctx, trace, object, record, &consumed);
  _errata_import_read_stats (trace, object, &consumed);
  if (annotations != NULL)
    _errata_import_read_mapped_review (ctx, object, annotations, &consumed);
  /* Observations stay in metadata whole: spans, events, every generation. */
  _errata_import_keep_rest (trace, object, &consumed);
  if (generation == NULL)
    {
      keep_io (trace, object, "input");
      keep_io (trace, object, "output");
    }
  if (secondary != NULL && json_array_get_length (secondary) > 0)
    json_object_set_array_member (errata_trace_get_metadata (trace), "secondary_calls",
                                  json_array_ref (secondary));
  return g_steal_pointer (&trace);
}

ErrataTrace *
_errata_import_langfuse (ErrataImportContext  *ctx,
                         const ErrataRecord   *record,
                         GPtrArray            *annotations,
                         GError              **error)
{
  JsonObject *object = _errata_import_require_object (record, error);

  if (object == NULL)
    return NULL;
  return build_trace (ctx, object, record, annotations, error);
}

ErrataTrace *
_errata_import_langfuse_build (ErrataImportContext  *ctx,
                               const char           *trace_id,
                               GPtrArray            *observations,
                               GError              **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_sized_new (observations->len);
  ErrataRecord record = { 0, };

  for (guint i = 0; i < observations->len; i++)
    json_array_add_object_element (array, json_object_ref (observations->pdata[i]));
  json_object_set_string_member (object, "id", trace_id);
  json_object_set_array_member (object, "observations", array);
  record.text = trace_id;
  record.len = strlen (trace_id);
  record.node = json_node_init_object (json_node_alloc (), object);
  {
    ErrataTrace *trace = build_trace (ctx, object, &record, NULL, error);

    json_node_unref (record.node);
    return trace;
  }
}
