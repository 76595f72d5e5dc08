/* errata-import-otel.c: OpenTelemetry GenAI and OpenInference spans.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spans arrive flattened and grouped by trace (errata-import-otel-stage.c),
 * with the log events of their LLM calls folded in (errata-import-otel-logs.c).
 * Each LLM span gives one call (its input messages plus its output); the
 * trace's conversation is the call whose history extends the others, completed
 * by tool spans (errata-import-otel-calls.c); the other calls are kept as
 * secondary calls.
 *
 * Attribute names: GenAI semantic conventions (gen_ai.input.messages and
 * gen_ai.output.messages as JSON with `parts`, or the older indexed
 * gen_ai.prompt.N.* / gen_ai.completion.N.*, gen_ai.usage.*_tokens,
 * gen_ai.tool.call.id / .result) and OpenInference (openinference.span.kind,
 * llm.input_messages.N.message.*, llm.output_messages.N.message.*,
 * llm.token_count.*, llm.tools.N.tool.json_schema, input.value, output.value,
 * contents.N.message_content.* parts), Traceloop (traceloop.span.kind,
 * traceloop.entity.*) and Langfuse (langfuse.observation.type, .input, .output,
 * .model.name, .usage_details).
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

static JsonObject *
span_attributes (JsonObject *span)
{
  JsonObject *attributes = errata_json_get_object (span, "attributes");

  return attributes ? attributes : span;
}

static const char *
attribute_string (JsonObject *span,
                  const char *key)
{
  return errata_json_get_string (span_attributes (span), key);
}

static gboolean
has_prefix_key (JsonObject *attributes,
                const char *prefix)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, attributes);
  while (json_object_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, prefix))
      return TRUE;
  return FALSE;
}

gboolean
_errata_import_otel_is_llm_span (JsonObject *span)
{
  JsonObject *attributes = span_attributes (span);
  const char *kind = errata_json_get_string (attributes, "openinference.span.kind");
  const char *operation = errata_json_get_string (attributes, "gen_ai.operation.name");
  const char *langfuse = errata_json_get_string (attributes, "langfuse.observation.type");

  if (langfuse != NULL)
    return g_ascii_strcasecmp (langfuse, "generation") == 0;
  if (kind != NULL)
    return g_ascii_strcasecmp (kind, "LLM") == 0;
  if (operation != NULL)
    return g_str_equal (operation, "chat") || g_str_equal (operation, "text_completion")
           || g_str_equal (operation, "generate_content");
  return json_object_has_member (attributes, "gen_ai.input.messages")
         || json_object_has_member (attributes, "gen_ai.output.messages")
         || has_prefix_key (attributes, "gen_ai.prompt.")
         || has_prefix_key (attributes, "llm.input_messages.");
}

gboolean
_errata_import_otel_is_tool_span (JsonObject *span)
{
  const char *kind = attribute_string (span, "openinference.span.kind");
  const char *operation = attribute_string (span, "gen_ai.operation.name");
  const char *traceloop = attribute_string (span, "traceloop.span.kind");
  const char *langfuse = attribute_string (span, "langfuse.observation.type");

  return (kind != NULL && g_ascii_strcasecmp (kind, "TOOL") == 0)
         || g_strcmp0 (operation, "execute_tool") == 0
         || g_strcmp0 (traceloop, "tool") == 0
         || (langfuse != NULL && g_ascii_strcasecmp (langfuse, "tool") == 0);
}

static const char *
first_string (JsonObject         *attributes,
              const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (errata_json_get_string (attributes, keys[i]) != NULL)
      return errata_json_get_string (attributes, keys[i]);
  return NULL;
}

/* What a tool span says of its call, in any of the conventions. The id is
 * NULL when the convention has none (Traceloop, Langfuse). */
void
_errata_import_otel_tool_info (JsonObject  *span,
                               const char **name,
                               const char **call_id,
                               char       **result)
{
  static const char * const names[] = { "gen_ai.tool.name", "tool.name", "traceloop.entity.name", NULL };
  static const char * const ids[] = { "gen_ai.tool.call.id", "tool_call.id", NULL };
  static const char * const results[] = {
    "gen_ai.tool.call.result", "output.value", "traceloop.entity.output", "langfuse.observation.output", NULL
  };
  JsonObject *attributes = span_attributes (span);

  *name = first_string (attributes, names);
  if (*name == NULL)
    *name = errata_json_get_string (span, "name");
  *call_id = first_string (attributes, ids);
  *result = NULL;
  for (guint i = 0; results[i] != NULL && *result == NULL; i++)
    *result = _errata_import_value_text (json_object_get_member (attributes, results[i]));
}

/* A JSON attribute may be stored as text or, by some exporters, as an
 * already structured value. */
JsonNode *
_errata_import_otel_json_attribute (ErrataImportContext *ctx,
                                    JsonObject          *attributes,
                                    const char          *key)
{
  JsonNode *node = json_object_get_member (attributes, key);
  const char *text;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return json_node_copy (node);
  text = json_node_get_string (node);
  return _errata_import_parse_text (ctx, text);
}

static void
add_genai_part (JsonObject *message,
                GString    *text,
                JsonArray  *results,
                JsonObject *part)
{
  const char *type = errata_json_get_string (part, "type");
  JsonObject *call;

  if (g_strcmp0 (type, "text") == 0)
    {
      g_autofree char *content = _errata_import_value_text (json_object_get_member (part, "content"));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, content ? content : "");
    }
  else if (g_strcmp0 (type, "tool_call") == 0)
    {
      if (!json_object_has_member (message, "tool_calls"))
        json_object_set_array_member (message, "tool_calls", json_array_new ());
      call = json_object_new ();
      if (json_object_has_member (part, "id"))
        json_object_set_member (call, "id", json_node_copy (json_object_get_member (part, "id")));
      else
        json_object_set_string_member (call, "id", "");
      json_object_set_string_member (call, "name", errata_json_get_string (part, "name")
                                                   ? errata_json_get_string (part, "name") : "");
      if (json_object_has_member (part, "arguments"))
        json_object_set_member (call, "arguments", json_node_copy (json_object_get_member (part, "arguments")));
      json_array_add_object_element (errata_json_get_array (message, "tool_calls"), call);
    }
  else if (g_strcmp0 (type, "tool_call_response") == 0)
    {
      g_autofree char *response = _errata_import_value_text (json_object_get_member (part, "response"));
      JsonObject *result = errata_messages_new_message ("tool", response);

      json_object_set_string_member (result, "tool_call_id", errata_json_get_string (part, "id")
                                                             ? errata_json_get_string (part, "id") : "");
      json_array_add_object_element (results, result);
    }
  else
    {
      g_autofree char *placeholder = errata_messages_part_placeholder (part);

      if (placeholder != NULL)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, placeholder);
        }
    }
}

/* GenAI messages carry `parts`; turn one into the OpenAI shape first. */
static gboolean
append_genai_message (JsonArray   *out,
                      JsonNode    *node,
                      guint        index,
                      GError     **error)
{
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonNode) message_node = NULL;
  g_autoptr(GString) text = NULL;
  JsonObject *source;
  JsonArray *parts;
  gboolean other = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node)
      || (parts = errata_json_get_array (json_node_get_object (node), "parts")) == NULL)
    return errata_messages_append (out, node, index, error);

  source = json_node_get_object (node);
  message = json_object_new ();
  results = json_array_new ();
  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonObject *part = errata_json_array_get_object (parts, i);
      const char *type = part ? errata_json_get_string (part, "type") : NULL;

      if (part != NULL)
        add_genai_part (message, text, results, part);
      if (type == NULL || (!g_str_equal (type, "text") && !g_str_equal (type, "tool_call")
                           && !g_str_equal (type, "tool_call_response")))
        other = TRUE;
    }

  {
    JsonObjectIter iter;
    const char *key;
    JsonNode *value;

    json_object_iter_init (&iter, source);
    while (json_object_iter_next (&iter, &key, &value))
      if (!g_str_equal (key, "parts"))
        json_object_set_member (message, key, json_node_copy (value));
  }
  json_object_set_string_member (message, "content", text->str);
  /* Reasoning, images, files: no text form, so the parts are kept. */
  if (other)
    json_object_set_member (message, "original_parts", json_node_copy (json_object_get_member (source, "parts")));

  for (guint i = 0; i < json_array_get_length (results); i++)
    json_array_add_element (out, json_node_copy (json_array_get_element (results, i)));
  if (json_array_get_length (results) > 0 && text->len == 0
      && !json_object_has_member (message, "tool_calls"))
    return TRUE;
  message_node = json_node_init_object (json_node_alloc (), message);
  return errata_messages_append (out, message_node, index, error);
}

static gboolean
append_genai_messages (JsonArray  *out,
                       JsonNode   *messages,
                       GError    **error)
{
  JsonArray *array;

  if (messages == NULL || !JSON_NODE_HOLDS_ARRAY (messages))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: GenAI is the name of OpenTelemetry's conventions for
                    * language models; an attribute is a named value of a span. %s is a
                    * JSON type, e.g. “a string”. */
                   _("the GenAI messages attribute must be a JSON array, found %s"),
                   errata_json_node_describe (messages));
      return FALSE;
    }
  array = json_node_get_array (messages);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!append_genai_message (out, json_array_get_element (array, i), i, error))
      return FALSE;
  return TRUE;
}

/* input.value / output.value: JSON with `messages` (OpenInference often
 * records the request body), or plain text. */
static gboolean
append_value_messages (ErrataImportContext  *ctx,
                       JsonArray            *out,
                       JsonObject           *attributes,
                       const char           *key,
                       const char           *role,
                       GError              **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *text = NULL;
  JsonNode *value = json_object_get_member (attributes, key);

  if (value == NULL)
    return TRUE;
  parsed = _errata_import_otel_json_attribute (ctx, attributes, key);
  if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed)
      && errata_json_get_array (json_node_get_object (parsed), "messages") != NULL)
    {
      JsonArray *messages = errata_json_get_array (json_node_get_object (parsed), "messages");

      for (guint i = 0; i < json_array_get_length (messages); i++)
        if (!errata_messages_append (out, json_array_get_element (messages, i), i, error))
          return FALSE;
      return TRUE;
    }
  /* Langfuse's generation output: the message itself. */
  if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed)
      && errata_json_get_string (json_node_get_object (parsed), "role") != NULL)
    return errata_messages_append (out, parsed, 0, error);
  text = _errata_import_value_text (value);
  json_array_add_object_element (out, errata_messages_new_message (role, text));
  return TRUE;
}

static const char *
attribute_string_or_empty (JsonObject *attributes,
                           const char *key)
{
  const char *text = errata_json_get_string (attributes, key);

  return text ? text : "";
}

static gboolean
append_span_side (ErrataImportContext  *ctx,
                  JsonArray            *out,
                  JsonObject           *attributes,
                  gboolean              input,
                  GError              **error)
{
  const char *genai = input ? "gen_ai.input.messages" : "gen_ai.output.messages";
  const char *indexed_genai = input ? "gen_ai.prompt." : "gen_ai.completion.";
  const char *indexed_oi = input ? "llm.input_messages." : "llm.output_messages.";
  const char *langfuse = input ? "langfuse.observation.input" : "langfuse.observation.output";

  if (json_object_has_member (attributes, genai))
    {
      g_autoptr(JsonNode) messages = _errata_import_otel_json_attribute (ctx, attributes, genai);
      guint start = json_array_get_length (out);

      if (input && json_object_has_member (attributes, "gen_ai.system_instructions"))
        {
          g_autoptr(JsonNode) system = _errata_import_otel_json_attribute (ctx, attributes, "gen_ai.system_instructions");
          g_autofree char *text = NULL;
          g_autoptr(GString) joined = g_string_new (NULL);

          /* A plain string (OpenAI's Responses instrumentation) is not JSON. */
          if (system == NULL)
            g_string_append (joined, attribute_string_or_empty (attributes, "gen_ai.system_instructions"));
          else if (JSON_NODE_HOLDS_VALUE (system) && json_node_get_value_type (system) == G_TYPE_STRING)
            g_string_append (joined, json_node_get_string (system));
          else if (system != NULL && JSON_NODE_HOLDS_ARRAY (system))
            for (guint i = 0; i < json_array_get_length (json_node_get_array (system)); i++)
              {
                JsonObject *part = errata_json_array_get_object (json_node_get_array (system), i);
                g_autofree char *content = part ? _errata_import_value_text (json_object_get_member (part, "content")) : NULL;

                g_string_append (joined, content ? content : "");
              }
          text = g_strdup (joined->str);
          json_array_add_object_element (out, errata_messages_new_message ("system", text));
        }
      if (!append_genai_messages (out, messages, error))
        return FALSE;
      /* Some instrumentations also repeat the instructions as the first
       * input message: once is what the model saw. */
      if (json_array_get_length (out) > start + 1
          && errata_messages_equal (errata_json_array_get_object (out, start),
                                    errata_json_array_get_object (out, start + 1))
          && g_strcmp0 (errata_json_get_string (errata_json_array_get_object (out, start), "role"), "system") == 0)
        json_array_remove_element (out, start);
      return TRUE;
    }
  if (has_prefix_key (attributes, indexed_genai))
    return _errata_import_otel_append_indexed_messages (ctx, out, attributes, indexed_genai, error);
  if (has_prefix_key (attributes, indexed_oi))
    return _errata_import_otel_append_indexed_messages (ctx, out, attributes, indexed_oi, error);
  if (json_object_has_member (attributes, langfuse))
    return append_value_messages (ctx, out, attributes, langfuse, input ? "user" : "assistant", error);
  return append_value_messages (ctx, out, attributes, input ? "input.value" : "output.value",
                                input ? "user" : "assistant", error);
}

static gint64
attribute_int (JsonObject *attributes,
               const char *key)
{
  g_autofree char *text = _errata_import_value_text (json_object_get_member (attributes, key));

  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static void
add_tokens (gint64     *total,
            JsonObject *attributes,
            const char *key,
            const char *other_key,
            const char *oi_key)
{
  gint64 value = attribute_int (attributes, key);

  if (value < 0)
    value = attribute_int (attributes, other_key);
  if (value < 0)
    value = attribute_int (attributes, oi_key);
  if (value >= 0)
    *total = (*total < 0 ? 0 : *total) + value;
}

static JsonObject *
find_root (GPtrArray *spans)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < spans->len; i++)
    {
      const char *id = errata_json_get_string (spans->pdata[i], "spanId");

      if (id != NULL)
        g_hash_table_add (ids, (gpointer)id);
    }
  for (guint i = 0; i < spans->len; i++)
    {
      const char *parent = errata_json_get_string (spans->pdata[i], "parentSpanId");

      if (parent == NULL || *parent == '\0' || !g_hash_table_contains (ids, parent))
        return spans->pdata[i];
    }
  return spans->len > 0 ? spans->pdata[0] : NULL;
}

static void
set_otel_metadata (ErrataTrace *trace,
                   JsonObject  *root,
                   GPtrArray   *spans)
{
  JsonObject *metadata = errata_trace_get_metadata (trace);
  JsonObject *resource = errata_json_get_object (root, "resource");
  JsonArray *all = json_array_sized_new (spans->len);

  if (errata_json_get_string (root, "name") != NULL)
    json_object_set_string_member (metadata, "root_span", errata_json_get_string (root, "name"));
  if (resource != NULL)
    json_object_set_object_member (metadata, "resource", json_object_ref (resource));
  /* Every span as it was staged, attributes, resource and all: nothing
   * of the export is lost, not even the service of a span another
   * service sent (a distributed trace). The spans themselves, not copies
   * without their resource: the copies were 7% of the live receiver's
   * instructions (bench/README.md, "Spans kept with their resource"). */
  for (guint i = 0; i < spans->len; i++)
    json_array_add_object_element (all, json_object_ref (spans->pdata[i]));
  json_object_set_array_member (metadata, "spans", all);
}

/* Langfuse: usage_details {"input": n, "output": n, "total": n}. */
static void
add_langfuse_usage (ErrataImportContext *ctx,
                    JsonObject          *attributes,
                    gint64              *tokens_in,
                    gint64              *tokens_out)
{
  g_autoptr(JsonNode) usage = _errata_import_otel_json_attribute (ctx, attributes, "langfuse.observation.usage_details");

  if (usage == NULL || !JSON_NODE_HOLDS_OBJECT (usage))
    return;
  add_tokens (tokens_in, json_node_get_object (usage), "input", "prompt_tokens", "input_tokens");
  add_tokens (tokens_out, json_node_get_object (usage), "output", "completion_tokens", "output_tokens");
}

static void
set_otel_stats (ErrataImportContext *ctx,
                ErrataTrace         *trace,
                JsonObject          *root,
                GPtrArray           *spans)
{
  gint64 start = errata_json_member_int (root, "startTimeUnixNano", 0);
  gint64 end = errata_json_member_int (root, "endTimeUnixNano", 0);
  gint64 tokens_in = -1;
  gint64 tokens_out = -1;

  if (start > 0 && end >= start)
    errata_trace_set_latency_ms (trace, (end - start) / 1000000);
  for (guint i = 0; i < spans->len; i++)
    {
      JsonObject *attributes = span_attributes (spans->pdata[i]);

      if (!_errata_import_otel_is_llm_span (spans->pdata[i]))
        continue;
      add_tokens (&tokens_in, attributes, "gen_ai.usage.input_tokens",
                  "gen_ai.usage.prompt_tokens", "llm.token_count.prompt");
      add_tokens (&tokens_out, attributes, "gen_ai.usage.output_tokens",
                  "gen_ai.usage.completion_tokens", "llm.token_count.completion");
      add_langfuse_usage (ctx, attributes, &tokens_in, &tokens_out);
    }
  errata_trace_set_tokens_in (trace, tokens_in);
  errata_trace_set_tokens_out (trace, tokens_out);
}

static gboolean
span_call (ErrataImportContext  *ctx,
           JsonObject           *span,
           GPtrArray            *calls,
           GError              **error)
{
  g_autoptr(JsonArray) messages = json_array_new ();
  ErrataOtelCall *call;
  guint n_input;

  if (!append_span_side (ctx, messages, span_attributes (span), TRUE, error))
    return FALSE;
  n_input = json_array_get_length (messages);
  if (!append_span_side (ctx, messages, span_attributes (span), FALSE, error))
    return FALSE;
  if (json_array_get_length (messages) == 0)
    return TRUE;
  call = g_new0 (ErrataOtelCall, 1);
  call->span = json_object_ref (span);
  call->messages = g_steal_pointer (&messages);
  call->n_input = n_input;
  g_ptr_array_add (calls, call);
  return TRUE;
}

static void
no_conversation_error (GPtrArray  *spans,
                       guint       n_logs,
                       GError    **error)
{
  gboolean has_llm = FALSE;

  for (guint i = 0; i < spans->len; i++)
    has_llm = has_llm || _errata_import_otel_is_llm_span (spans->pdata[i]);
  if (has_llm && n_logs == 0)
    g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                         /* Translators: an LLM span is the step of a trace in which a
                          * language model was called; log events and
                          * ExportLogsServiceRequest are OpenTelemetry terms. */
                         _("its LLM spans carry no messages: the instrumentation wrote them "
                           "as OpenTelemetry log events (OpenTelemetry’s OpenAI "
                           "instrumentation does); import the logs export "
                           "(ExportLogsServiceRequest, JSON or JSONL) together with the "
                           "spans file"));
  else
    g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                         /* Translators: an LLM span is the step of a trace in which a language
                          * model was called. */
                         _("no LLM span with messages and no input or output to make a "
                           "conversation from"));
}

ErrataTrace *
_errata_import_otel_build (ErrataImportContext  *ctx,
                           const char           *trace_id,
                           GPtrArray            *items,
                           GError              **error)
{
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(JsonArray) messages = NULL;
  g_autoptr(JsonArray) tools = NULL;
  g_autoptr(JsonArray) secondary = NULL;
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_otel_call_free);
  g_autoptr(GPtrArray) spans = NULL;
  ErrataOtelCall *main_call;
  JsonObject *root;
  guint n_logs = 0;
  guint main;

  spans = _errata_import_otel_join_logs (items, &n_logs);
  root = find_root (spans);
  if (root == NULL)
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                           /* Translators: said of a trace of OpenTelemetry spans
                            * (timed steps) that has none. */
                           _("no spans"));
      return NULL;
    }
  for (guint i = 0; i < spans->len; i++)
    if (_errata_import_otel_is_llm_span (spans->pdata[i])
        && !span_call (ctx, spans->pdata[i], calls, error))
      return NULL;
  /* No LLM span with messages: the root's own input and output, if any. */
  if (calls->len == 0 && !_errata_import_otel_is_llm_span (root) && !span_call (ctx, root, calls, error))
    return NULL;
  if (calls->len == 0)
    {
      no_conversation_error (spans, n_logs, error);
      return NULL;
    }

  main = _errata_import_otel_main_call (calls);
  main_call = calls->pdata[main];
  messages = _errata_import_otel_conversation (calls, main, spans);
  secondary = _errata_import_otel_secondary_calls (calls, main);

  trace = errata_trace_new ();
  errata_trace_set_messages (trace, messages);
  tools = _errata_import_otel_span_tools (ctx, span_attributes (main_call->span));
  if (tools != NULL)
    errata_trace_set_tools (trace, tools);
  errata_trace_set_source (trace, ctx->source);
  errata_trace_set_external_id (trace, trace_id);
  set_otel_stats (ctx, trace, root, spans);
  set_otel_metadata (trace, root, spans);
  /* Titles, summaries, routers: calls that are not the conversation's
   * steps, shown apart in the trace view. */
  if (json_array_get_length (secondary) > 0)
    json_object_set_array_member (errata_trace_get_metadata (trace), "secondary_calls",
                                  json_array_ref (secondary));
  return g_steal_pointer (&trace);
}
