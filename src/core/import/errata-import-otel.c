/* errata-import-otel.c: OpenTelemetry GenAI and OpenInference spans.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OTLP JSON export lists spans by resource and scope, traces mixed. Each
 * span is flattened (attributes become a plain object) and staged; once all
 * are read, a trace's conversation is its last LLM span's input messages
 * plus that span's output, completed by tool spans matched by call id.
 *
 * Attribute names: GenAI semantic conventions (gen_ai.input.messages and
 * gen_ai.output.messages as JSON with `parts`, or the older indexed
 * gen_ai.prompt.N.* / gen_ai.completion.N.*, gen_ai.usage.*_tokens,
 * gen_ai.tool.call.id / .result) and OpenInference (openinference.span.kind,
 * llm.input_messages.N.message.*, llm.output_messages.N.message.*,
 * llm.token_count.*, llm.tools.N.tool.json_schema, input.value, output.value).
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

static JsonNode *any_value (JsonNode *value);

static JsonNode *
any_array (JsonObject *array_value)
{
  JsonArray *values = errata_json_get_array (array_value, "values");
  JsonArray *result = json_array_new ();

  for (guint i = 0; values && i < json_array_get_length (values); i++)
    json_array_add_element (result, any_value (json_array_get_element (values, i)));
  return json_node_init_array (json_node_alloc (), result);
}

static JsonNode *
any_kvlist (JsonObject *kvlist)
{
  JsonArray *values = errata_json_get_array (kvlist, "values");
  JsonObject *result = json_object_new ();
  JsonNode *node;

  for (guint i = 0; values && i < json_array_get_length (values); i++)
    {
      JsonObject *pair = errata_json_array_get_object (values, i);
      const char *key = pair ? errata_json_get_string (pair, "key") : NULL;

      if (key != NULL)
        json_object_set_member (result, key, any_value (json_object_get_member (pair, "value")));
    }
  node = json_node_init_object (json_node_alloc (), result);
  json_object_unref (result);
  return node;
}

/* OTLP's AnyValue to plain JSON. 64-bit integers arrive as strings. */
static JsonNode *
any_value (JsonNode *value)
{
  JsonObject *object;
  JsonNode *member;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return value ? json_node_copy (value) : json_node_new (JSON_NODE_NULL);

  object = json_node_get_object (value);
  if ((member = json_object_get_member (object, "stringValue")) != NULL
      || (member = json_object_get_member (object, "doubleValue")) != NULL
      || (member = json_object_get_member (object, "boolValue")) != NULL
      || (member = json_object_get_member (object, "bytesValue")) != NULL)
    return json_node_copy (member);
  if ((member = json_object_get_member (object, "intValue")) != NULL)
    {
      g_autofree char *text = _errata_import_value_text (member);

      return json_node_init_int (json_node_alloc (), text ? g_ascii_strtoll (text, NULL, 10) : 0);
    }
  if (errata_json_get_object (object, "arrayValue") != NULL)
    return any_array (errata_json_get_object (object, "arrayValue"));
  if (errata_json_get_object (object, "kvlistValue") != NULL)
    return any_kvlist (errata_json_get_object (object, "kvlistValue"));
  return json_node_new (JSON_NODE_NULL);
}

static JsonObject *
flatten_attributes (JsonArray *attributes)
{
  JsonObject *result = json_object_new ();

  for (guint i = 0; attributes && i < json_array_get_length (attributes); i++)
    {
      JsonObject *pair = errata_json_array_get_object (attributes, i);
      const char *key = pair ? errata_json_get_string (pair, "key") : NULL;

      if (key != NULL)
        json_object_set_member (result, key, any_value (json_object_get_member (pair, "value")));
    }
  return result;
}

static gint64
nanos (JsonObject *span,
       const char *key)
{
  g_autofree char *text = _errata_import_value_text (json_object_get_member (span, key));

  return text ? (gint64)g_ascii_strtoull (text, NULL, 10) : 0;
}

static JsonNode *
flatten_span (JsonObject *span,
              JsonObject *resource,
              JsonNode   *scope)
{
  JsonObject *flat = json_object_new ();
  JsonNode *node;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, span);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, "attributes"))
        json_object_set_object_member (flat, "attributes",
                                       flatten_attributes (JSON_NODE_HOLDS_ARRAY (value)
                                                           ? json_node_get_array (value) : NULL));
      else if (g_str_equal (key, "startTimeUnixNano") || g_str_equal (key, "endTimeUnixNano"))
        json_object_set_int_member (flat, key, nanos (span, key));
      else
        json_object_set_member (flat, key, json_node_copy (value));
    }
  if (!json_object_has_member (flat, "attributes"))
    json_object_set_object_member (flat, "attributes", json_object_new ());
  if (resource != NULL && json_object_get_size (resource) > 0)
    json_object_set_object_member (flat, "resource", json_object_ref (resource));
  if (scope != NULL)
    json_object_set_member (flat, "scope", json_node_copy (scope));
  node = json_node_init_object (json_node_alloc (), flat);
  json_object_unref (flat);
  return node;
}

static gboolean
stage_spans (ErrataImportStage    *stage,
             ErrataImportContext  *ctx,
             JsonArray            *spans,
             JsonObject           *resource,
             JsonNode             *scope,
             guint                *n_staged,
             GError              **error)
{
  for (guint i = 0; spans && i < json_array_get_length (spans); i++)
    {
      JsonObject *span = errata_json_array_get_object (spans, i);
      g_autoptr(JsonNode) flat = NULL;
      const char *trace_id;

      trace_id = span ? errata_json_get_string (span, "traceId") : NULL;
      if (trace_id == NULL || *trace_id == '\0')
        continue;
      flat = flatten_span (span, resource, scope);
      if (!_errata_import_stage_add (stage, "otel", trace_id, ctx->source,
                                     nanos (span, "startTimeUnixNano"), flat, error))
        return FALSE;
      (*n_staged)++;
    }
  return TRUE;
}

gboolean
_errata_import_otel_stage (ErrataImportStage    *stage,
                           ErrataImportContext  *ctx,
                           const ErrataRecord   *record,
                           GError              **error)
{
  JsonObject *object;
  JsonArray *resource_spans;
  guint n_staged = 0;

  object = _errata_import_require_object (record, error);
  if (object == NULL)
    return FALSE;
  resource_spans = errata_json_get_array (object, "resourceSpans");
  if (resource_spans == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: `resourceSpans` is a field name of OpenTelemetry's
                    * export format: keep it as it is. %s is a JSON type, e.g. “an object”. */
                   _("`resourceSpans` must be an array, found %s"),
                   errata_json_node_describe (json_object_get_member (object, "resourceSpans")));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (resource_spans); i++)
    {
      JsonObject *rs = errata_json_array_get_object (resource_spans, i);
      JsonObject *resource_object = rs ? errata_json_get_object (rs, "resource") : NULL;
      g_autoptr(JsonObject) resource = NULL;
      JsonArray *scopes;

      if (rs == NULL)
        continue;
      resource = flatten_attributes (resource_object ? errata_json_get_array (resource_object, "attributes") : NULL);
      scopes = errata_json_get_array (rs, "scopeSpans");
      if (scopes == NULL)
        scopes = errata_json_get_array (rs, "instrumentationLibrarySpans");
      for (guint j = 0; scopes && j < json_array_get_length (scopes); j++)
        {
          JsonObject *ss = errata_json_array_get_object (scopes, j);

          if (ss != NULL
              && !stage_spans (stage, ctx, errata_json_get_array (ss, "spans"), resource,
                               json_object_get_member (ss, "scope"), &n_staged, error))
            return FALSE;
        }
    }

  if (n_staged == 0)
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                           /* Translators: a span is one timed step of an OpenTelemetry trace;
                            * `traceId` is a field name: keep it as it is. */
                           _("the record has no spans with a `traceId`"));
      return FALSE;
    }
  return TRUE;
}

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

static gboolean
is_llm_span (JsonObject *span)
{
  JsonObject *attributes = span_attributes (span);
  const char *kind = errata_json_get_string (attributes, "openinference.span.kind");
  const char *operation = errata_json_get_string (attributes, "gen_ai.operation.name");

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

static gboolean
is_tool_span (JsonObject *span)
{
  const char *kind = attribute_string (span, "openinference.span.kind");
  const char *operation = attribute_string (span, "gen_ai.operation.name");

  return (kind != NULL && g_ascii_strcasecmp (kind, "TOOL") == 0)
         || g_strcmp0 (operation, "execute_tool") == 0;
}

/* A JSON attribute may be stored as text or, by some exporters, as an
 * already structured value. */
static JsonNode *
json_attribute (ErrataImportContext *ctx,
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
  if (!errata_json_parser_load (ctx->parser, text, -1, NULL))
    return NULL;
  return json_parser_steal_root (ctx->parser);
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

/* Indexed attributes, e.g. "llm.input_messages.3.message.tool_calls.0.tool_call.id",
 * gathered back into {role, content, tool_calls: [...]} objects. */
static JsonObject *
ensure_index (GHashTable *by_index,
              guint       index)
{
  JsonObject *object = g_hash_table_lookup (by_index, GUINT_TO_POINTER (index));

  if (object == NULL)
    {
      object = json_object_new ();
      g_hash_table_insert (by_index, GUINT_TO_POINTER (index), object);
    }
  return object;
}

static const char *
strip (const char *text,
       const char *prefix)
{
  return g_str_has_prefix (text, prefix) ? text + strlen (prefix) : text;
}

static void
set_indexed_field (GHashTable *calls,
                   JsonObject *message,
                   GString    *contents,
                   const char *rest,
                   JsonNode   *value)
{
  char *end;
  guint index;

  rest = strip (rest, "message.");
  if (g_str_has_prefix (rest, "tool_calls."))
    {
      JsonObject *call;

      index = (guint)strtoul (rest + strlen ("tool_calls."), &end, 10);
      if (*end != '.')
        return;
      call = ensure_index (calls, index);
      rest = strip (strip (end + 1, "tool_call."), "function.");
      json_object_set_member (call, rest, json_node_copy (value));
      return;
    }
  if (g_str_has_prefix (rest, "contents.") && g_str_has_suffix (rest, "message_content.text"))
    {
      g_autofree char *text = _errata_import_value_text (value);

      if (contents->len > 0)
        g_string_append_c (contents, '\n');
      g_string_append (contents, text ? text : "");
      return;
    }
  json_object_set_member (message, rest, json_node_copy (value));
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = GPOINTER_TO_UINT (*(gpointer const *)a);
  guint ub = GPOINTER_TO_UINT (*(gpointer const *)b);

  return ua < ub ? -1 : ua > ub;
}

/* g_hash_table_get_keys_as_ptr_array() needs GLib 2.76. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_uint);
  return keys;
}

static JsonArray *
sorted_objects (GHashTable *by_index)
{
  g_autoptr(GPtrArray) keys = sorted_keys (by_index);
  JsonArray *result = json_array_new ();

  for (guint i = 0; i < keys->len; i++)
    json_array_add_object_element (result, json_object_ref (g_hash_table_lookup (by_index, keys->pdata[i])));
  return result;
}

typedef struct
{
  JsonObject *message;
  GHashTable *calls;
  GString    *contents;
} Indexed;

static void
indexed_free (gpointer data)
{
  Indexed *indexed = data;

  json_object_unref (indexed->message);
  g_hash_table_unref (indexed->calls);
  g_string_free (indexed->contents, TRUE);
  g_free (indexed);
}

static Indexed *
ensure_indexed (GHashTable *by_index,
                guint       index)
{
  Indexed *indexed = g_hash_table_lookup (by_index, GUINT_TO_POINTER (index));

  if (indexed == NULL)
    {
      indexed = g_new0 (Indexed, 1);
      indexed->message = json_object_new ();
      indexed->calls = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)json_object_unref);
      indexed->contents = g_string_new (NULL);
      g_hash_table_insert (by_index, GUINT_TO_POINTER (index), indexed);
    }
  return indexed;
}

static GHashTable *
collect_indexed (JsonObject *attributes,
                 const char *prefix)
{
  GHashTable *by_index = g_hash_table_new_full (NULL, NULL, NULL, indexed_free);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, attributes);
  while (json_object_iter_next (&iter, &key, &value))
    {
      char *end;
      guint index;
      Indexed *indexed;

      if (!g_str_has_prefix (key, prefix) || !g_ascii_isdigit (key[strlen (prefix)]))
        continue;
      index = (guint)strtoul (key + strlen (prefix), &end, 10);
      if (*end != '.')
        continue;
      indexed = ensure_indexed (by_index, index);
      set_indexed_field (indexed->calls, indexed->message, indexed->contents, end + 1, value);
    }
  return by_index;
}

static gboolean
append_indexed_messages (JsonArray   *out,
                         JsonObject  *attributes,
                         const char  *prefix,
                         GError     **error)
{
  g_autoptr(GHashTable) by_index = collect_indexed (attributes, prefix);
  g_autoptr(GPtrArray) keys = sorted_keys (by_index);

  for (guint i = 0; i < keys->len; i++)
    {
      Indexed *indexed = g_hash_table_lookup (by_index, keys->pdata[i]);
      g_autoptr(JsonNode) node = NULL;

      if (!json_object_has_member (indexed->message, "role"))
        json_object_set_string_member (indexed->message, "role", "user");
      if (!json_object_has_member (indexed->message, "content") && indexed->contents->len > 0)
        json_object_set_string_member (indexed->message, "content", indexed->contents->str);
      if (g_hash_table_size (indexed->calls) > 0)
        json_object_set_array_member (indexed->message, "tool_calls", sorted_objects (indexed->calls));
      node = json_node_init_object (json_node_alloc (), indexed->message);
      if (!errata_messages_append (out, node, i, error))
        return FALSE;
    }
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
  parsed = json_attribute (ctx, attributes, key);
  if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed)
      && errata_json_get_array (json_node_get_object (parsed), "messages") != NULL)
    {
      JsonArray *messages = errata_json_get_array (json_node_get_object (parsed), "messages");

      for (guint i = 0; i < json_array_get_length (messages); i++)
        if (!errata_messages_append (out, json_array_get_element (messages, i), i, error))
          return FALSE;
      return TRUE;
    }
  text = _errata_import_value_text (value);
  json_array_add_object_element (out, errata_messages_new_message (role, text));
  return TRUE;
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

  if (json_object_has_member (attributes, genai))
    {
      g_autoptr(JsonNode) messages = json_attribute (ctx, attributes, genai);

      if (input && json_object_has_member (attributes, "gen_ai.system_instructions"))
        {
          g_autoptr(JsonNode) system = json_attribute (ctx, attributes, "gen_ai.system_instructions");
          g_autofree char *text = NULL;
          g_autoptr(GString) joined = g_string_new (NULL);

          if (system != NULL && JSON_NODE_HOLDS_ARRAY (system))
            for (guint i = 0; i < json_array_get_length (json_node_get_array (system)); i++)
              {
                JsonObject *part = errata_json_array_get_object (json_node_get_array (system), i);
                g_autofree char *content = part ? _errata_import_value_text (json_object_get_member (part, "content")) : NULL;

                g_string_append (joined, content ? content : "");
              }
          text = g_strdup (joined->str);
          json_array_add_object_element (out, errata_messages_new_message ("system", text));
        }
      return append_genai_messages (out, messages, error);
    }
  if (has_prefix_key (attributes, indexed_genai))
    return append_indexed_messages (out, attributes, indexed_genai, error);
  if (has_prefix_key (attributes, indexed_oi))
    return append_indexed_messages (out, attributes, indexed_oi, error);
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

static JsonArray *
span_tools (ErrataImportContext *ctx,
            JsonObject          *attributes)
{
  g_autoptr(GHashTable) by_index = collect_indexed (attributes, "llm.tools.");
  g_autoptr(GPtrArray) keys = sorted_keys (by_index);
  g_autoptr(JsonNode) definitions = json_attribute (ctx, attributes, "gen_ai.tool.definitions");
  JsonArray *tools;

  if (definitions != NULL && JSON_NODE_HOLDS_ARRAY (definitions))
    return json_array_ref (json_node_get_array (definitions));
  if (keys->len == 0)
    return NULL;

  tools = json_array_new ();
  for (guint i = 0; i < keys->len; i++)
    {
      Indexed *indexed = g_hash_table_lookup (by_index, keys->pdata[i]);
      const char *schema = errata_json_get_string (indexed->message, "tool.json_schema");
      JsonNode *parsed = NULL;

      if (schema != NULL && errata_json_parser_load (ctx->parser, schema, -1, NULL))
        parsed = json_parser_steal_root (ctx->parser);
      if (parsed != NULL)
        json_array_add_element (tools, parsed);
      else
        json_array_add_object_element (tools, json_object_ref (indexed->message));
    }
  return tools;
}

static gboolean
conversation_has_result (JsonArray  *messages,
                         const char *call_id)
{
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = errata_json_array_get_object (messages, i);

      if (g_strcmp0 (errata_json_get_string (message, "tool_call_id"), call_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static gint
find_call (JsonArray  *messages,
           const char *call_id)
{
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonArray *calls = errata_json_get_array (errata_json_array_get_object (messages, i), "tool_calls");

      for (guint j = 0; calls && j < json_array_get_length (calls); j++)
        if (g_strcmp0 (errata_json_get_string (errata_json_array_get_object (calls, j), "id"), call_id) == 0)
          return (gint)i;
    }
  return -1;
}

static void
insert_element (JsonArray *array,
                guint      position,
                JsonNode  *node)
{
  g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

  while (json_array_get_length (array) > position)
    {
      guint last = json_array_get_length (array) - 1;

      g_ptr_array_insert (tail, 0, json_node_copy (json_array_get_element (array, last)));
      json_array_remove_element (array, last);
    }
  json_array_add_element (array, node);
  for (guint i = 0; i < tail->len; i++)
    json_array_add_element (array, json_node_copy (tail->pdata[i]));
}

/* A tool span whose call the conversation makes but whose result it lacks
 * supplies that result, right after the calling message and its results. */
static void
attach_tool_span (JsonArray  *messages,
                  JsonObject *span)
{
  JsonObject *attributes = span_attributes (span);
  const char *call_id = errata_json_get_string (attributes, "gen_ai.tool.call.id");
  g_autofree char *result = NULL;
  const char *name;
  JsonObject *message;
  guint position;
  gint caller;

  if (call_id == NULL)
    call_id = errata_json_get_string (attributes, "tool_call.id");
  if (call_id == NULL || conversation_has_result (messages, call_id)
      || (caller = find_call (messages, call_id)) < 0)
    return;

  result = _errata_import_value_text (json_object_get_member (attributes, "gen_ai.tool.call.result"));
  if (result == NULL)
    result = _errata_import_value_text (json_object_get_member (attributes, "output.value"));
  name = errata_json_get_string (attributes, "gen_ai.tool.name");
  if (name == NULL)
    name = errata_json_get_string (attributes, "tool.name");

  message = errata_messages_new_message ("tool", result);
  json_object_set_string_member (message, "tool_call_id", call_id);
  if (name != NULL)
    json_object_set_string_member (message, "name", name);
  position = caller + 1;
  while (position < json_array_get_length (messages)
         && g_strcmp0 (errata_json_get_string (errata_json_array_get_object (messages, position), "role"), "tool") == 0)
    position++;
  insert_element (messages, position, json_node_init_object (json_node_alloc (), message));
  json_object_unref (message);
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
  /* Every span, attributes and all: nothing of the export is lost. */
  for (guint i = 0; i < spans->len; i++)
    {
      JsonObject *copy = json_object_new ();
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, spans->pdata[i]);
      while (json_object_iter_next (&iter, &key, &value))
        if (!g_str_equal (key, "resource"))
          json_object_set_member (copy, key, json_node_copy (value));
      json_array_add_object_element (all, copy);
    }
  json_object_set_array_member (metadata, "spans", all);
}

static void
set_otel_stats (ErrataTrace *trace,
                JsonObject  *root,
                GPtrArray   *spans)
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

      if (!is_llm_span (spans->pdata[i]))
        continue;
      add_tokens (&tokens_in, attributes, "gen_ai.usage.input_tokens",
                  "gen_ai.usage.prompt_tokens", "llm.token_count.prompt");
      add_tokens (&tokens_out, attributes, "gen_ai.usage.output_tokens",
                  "gen_ai.usage.completion_tokens", "llm.token_count.completion");
    }
  errata_trace_set_tokens_in (trace, tokens_in);
  errata_trace_set_tokens_out (trace, tokens_out);
}

ErrataTrace *
_errata_import_otel_build (ErrataImportContext  *ctx,
                           const char           *trace_id,
                           GPtrArray            *spans,
                           GError              **error)
{
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(JsonArray) messages = json_array_new ();
  g_autoptr(JsonArray) tools = NULL;
  JsonObject *root = find_root (spans);
  JsonObject *llm = NULL;
  JsonObject *source;

  /* Spans come sorted by start time: the last LLM span saw the most. */
  for (guint i = 0; i < spans->len; i++)
    if (is_llm_span (spans->pdata[i]))
      llm = spans->pdata[i];

  source = llm ? llm : root;
  if (source == NULL)
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                           /* Translators: said of a trace of OpenTelemetry spans
                            * (timed steps) that has none. */
                           _("no spans"));
      return NULL;
    }
  if (!append_span_side (ctx, messages, span_attributes (source), TRUE, error)
      || !append_span_side (ctx, messages, span_attributes (source), FALSE, error))
    return NULL;
  if (json_array_get_length (messages) == 0)
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                           /* Translators: an LLM span is the step of a trace in which a language
                            * model was called; “skipped” means the trace was not imported. */
                           _("no LLM span and no input or output to make a conversation "
                             "from; skipped"));
      return NULL;
    }
  for (guint i = 0; i < spans->len; i++)
    if (is_tool_span (spans->pdata[i]))
      attach_tool_span (messages, spans->pdata[i]);

  trace = errata_trace_new ();
  errata_trace_set_messages (trace, messages);
  tools = llm ? span_tools (ctx, span_attributes (llm)) : NULL;
  if (tools != NULL)
    errata_trace_set_tools (trace, tools);
  errata_trace_set_source (trace, ctx->source);
  errata_trace_set_external_id (trace, trace_id);
  set_otel_stats (trace, root, spans);
  set_otel_metadata (trace, root, spans);
  return g_steal_pointer (&trace);
}
