/* errata-import-openai.c: OpenAI chat records and request/response files.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>

static gboolean
set_tools (ErrataTrace     *trace,
           JsonObject      *object,
           ErrataConsumed  *consumed)
{
  JsonArray *tools = errata_json_get_array (object, "tools");

  /* Tool definitions are kept in their source shape: they are shown, not
   * interpreted. Anything but an array stays in metadata. */
  if (tools == NULL)
    return FALSE;
  errata_trace_set_tools (trace, tools);
  _errata_import_consume (consumed, "tools");
  return TRUE;
}

static JsonNode *
messages_member (ErrataImportContext *ctx,
                 JsonObject          *object,
                 const char         **path)
{
  const char *mapped = ctx->map ? errata_field_map_get (ctx->map, ERRATA_FIELD_MESSAGES) : NULL;

  *path = mapped ? mapped : "messages";
  return _errata_import_lookup (object, *path);
}

ErrataTrace *
_errata_import_openai (ErrataImportContext  *ctx,
                       const ErrataRecord   *record,
                       GPtrArray            *annotations,
                       GError              **error)
{
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(JsonArray) messages = NULL;
  g_autofree char *what = NULL;
  ErrataConsumed consumed = { { NULL, }, 0 };
  JsonObject *object;
  JsonNode *node;
  const char *path;

  object = _errata_import_require_object (record, error);
  if (object == NULL)
    return NULL;

  node = messages_member (ctx, object, &path);
  if (node == NULL)
    {
      g_autofree char *fields = _errata_import_describe_fields (object);

      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: the first %s is the name of the field that should
                    * hold the conversation (“messages” unless mapped otherwise), the
                    * second a list of the record's field names, e.g. “id, query”. */
                   _("the record has no `%s`; its fields are: %s"), path, fields);
      return NULL;
    }
  what = g_strdup_printf ("`%s`", path);
  messages = errata_messages_normalise (node, what, error);
  if (messages == NULL)
    return NULL;
  _errata_import_consume (&consumed, path);

  trace = errata_trace_new ();
  errata_trace_set_messages (trace, messages);
  set_tools (trace, object, &consumed);
  _errata_import_set_identity (ctx, trace, object, record, &consumed);
  _errata_import_read_stats (trace, object, &consumed);
  if (!_errata_import_read_annotations (ctx, object, annotations, &consumed, error))
    return NULL;
  _errata_import_read_mapped_review (ctx, object, annotations, &consumed);
  _errata_import_keep_rest (trace, object, &consumed);
  return g_steal_pointer (&trace);
}

static gboolean
is_system (JsonArray *messages,
           guint      index)
{
  JsonObject *message;

  if (index >= json_array_get_length (messages))
    return FALSE;
  message = errata_json_array_get_object (messages, index);
  return g_strcmp0 (errata_json_get_string (message, "role"), "system") == 0;
}

/* Some loggers write the whole conversation, request included, as the
 * response; then the response alone is the conversation. A leading system
 * message is ignored in the comparison: it is often only on one side. */
static gboolean
response_repeats_request (JsonArray *request,
                          JsonArray *response)
{
  guint rq = is_system (request, 0) ? 1 : 0;
  guint rs = is_system (response, 0) ? 1 : 0;
  guint n_rq = json_array_get_length (request);
  guint n_rs = json_array_get_length (response);

  if (n_rq - rq == 0 || n_rs - rs < n_rq - rq)
    return FALSE;
  for (guint i = 0; rq + i < n_rq; i++)
    {
      if (!errata_messages_equal (errata_json_array_get_object (request, rq + i),
                                  errata_json_array_get_object (response, rs + i)))
        return FALSE;
    }
  return TRUE;
}

static JsonArray *
merge_conversation (JsonArray *request,
                    JsonArray *response)
{
  JsonArray *merged = json_array_new ();
  guint first = 0;

  if (response_repeats_request (request, response))
    {
      /* Keep a system prompt that only the request had. */
      if (is_system (request, 0) && !is_system (response, 0))
        json_array_add_element (merged, json_node_copy (json_array_get_element (request, 0)));
    }
  else
    {
      for (guint i = 0; i < json_array_get_length (request); i++)
        json_array_add_element (merged, json_node_copy (json_array_get_element (request, i)));
    }
  for (guint i = first; i < json_array_get_length (response); i++)
    json_array_add_element (merged, json_node_copy (json_array_get_element (response, i)));
  return merged;
}

static JsonArray *
request_messages (ErrataTrace     *trace,
                  JsonObject      *request,
                  GError         **error)
{
  JsonNode *messages = json_object_get_member (request, "messages");
  const char *prompt = errata_json_get_string (request, "prompt");
  ErrataConsumed consumed = { { NULL, }, 0 };
  JsonArray *result;
  JsonObject *rest;

  if (messages != NULL)
    result = errata_messages_normalise (messages, "`request.messages`", error);
  else
    {
      result = json_array_new ();
      if (prompt != NULL)
        json_array_add_object_element (result, errata_messages_new_message ("user", prompt));
    }
  if (result == NULL)
    return NULL;

  _errata_import_consume (&consumed, "messages");
  _errata_import_consume (&consumed, "prompt");
  set_tools (trace, request, &consumed);
  /* model, temperature, ...: under `request` in metadata. */
  rest = json_object_new ();
  {
    JsonObjectIter iter;
    const char *key;
    JsonNode *value;

    json_object_iter_init (&iter, request);
    while (json_object_iter_next (&iter, &key, &value))
      if (!_errata_import_is_consumed (&consumed, key))
        json_object_set_member (rest, key, json_node_copy (value));
  }
  if (json_object_get_size (rest) > 0)
    json_object_set_object_member (errata_trace_get_metadata (trace), "request", rest);
  else
    json_object_unref (rest);
  return result;
}

/* The response as a single assistant message: an OpenAI completion
 * (`choices[0].message`), an Anthropic message (`content` blocks) or text. */
static JsonArray *
response_message (JsonNode   *response,
                  GError    **error)
{
  g_autoptr(JsonArray) result = json_array_new ();
  JsonObject *object;
  JsonArray *choices;
  JsonNode *content;

  if (JSON_NODE_HOLDS_VALUE (response))
    {
      g_autofree char *text = _errata_import_value_text (response);

      json_array_add_object_element (result, errata_messages_new_message ("assistant", text));
      return g_steal_pointer (&result);
    }
  if (!JSON_NODE_HOLDS_OBJECT (response))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: `response` is a field name in the imported file: keep
                    * it as it is. %s is a JSON type, e.g. “an array”. */
                   _("`response` must be an object or a text, found %s"),
                   errata_json_node_describe (response));
      return NULL;
    }

  object = json_node_get_object (response);
  choices = errata_json_get_array (object, "choices");
  content = json_object_get_member (object, "content");
  if (json_object_has_member (object, "messages"))
    return errata_messages_normalise (json_object_get_member (object, "messages"),
                                      "`response.messages`", error);
  if (choices != NULL && json_array_get_length (choices) > 0)
    {
      JsonObject *choice = errata_json_array_get_object (choices, 0);
      JsonNode *message = choice ? json_object_get_member (choice, "message") : NULL;

      if (!errata_messages_append (result, message, 0, error))
        {
          /* Translators: put before an error found inside a part of a
           * record; %s is a field name in backticks, e.g. “`messages`”. */
          g_prefix_error (error, _("in %s: "), "`response.choices`");
          return NULL;
        }
      return g_steal_pointer (&result);
    }
  if (content != NULL)
    {
      g_autoptr(JsonObject) message = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (message, "role",
                                     errata_json_get_string (object, "role")
                                     ? errata_json_get_string (object, "role") : "assistant");
      json_object_set_member (message, "content", json_node_copy (content));
      json_node_set_object (node, message);
      if (!errata_messages_append (result, node, 0, error))
        return NULL;
      return g_steal_pointer (&result);
    }

  g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                       /* Translators: `response`, `messages`, `choices` and `content` are field
                        * names in the imported file: keep them as they are. */
                       _("`response` has no `messages`, `choices` or `content`"));
  return NULL;
}

static void
keep_response_rest (ErrataTrace *trace,
                    JsonNode    *response)
{
  static const char * const used[] = { "messages", "choices", "content", "role", NULL };
  JsonObject *rest;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (response))
    return;
  _errata_import_read_usage (trace, errata_json_get_object (json_node_get_object (response), "usage"));

  rest = json_object_new ();
  json_object_iter_init (&iter, json_node_get_object (response));
  while (json_object_iter_next (&iter, &key, &value))
    if (!g_strv_contains (used, key))
      json_object_set_member (rest, key, json_node_copy (value));
  /* The other choices of an n > 1 completion are not lost either. */
  if (json_object_get_size (rest) > 0)
    json_object_set_object_member (errata_trace_get_metadata (trace), "response", rest);
  else
    json_object_unref (rest);
}

ErrataTrace *
_errata_import_request_response (ErrataImportContext  *ctx,
                                 const ErrataRecord   *record,
                                 GPtrArray            *annotations,
                                 GError              **error)
{
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(JsonArray) request = NULL;
  g_autoptr(JsonArray) response = NULL;
  g_autoptr(JsonArray) messages = NULL;
  ErrataConsumed consumed = { { NULL, }, 0 };
  JsonObject *object;
  JsonObject *request_object;
  JsonNode *response_node;

  object = _errata_import_require_object (record, error);
  if (object == NULL)
    return NULL;

  request_object = errata_json_get_object (object, "request");
  response_node = json_object_get_member (object, "response");
  if (request_object == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: `request` is a field name in the imported file: keep
                    * it as it is. %s is a JSON type, e.g. “a string”, or “nothing”. */
                   _("`request` must be an object, found %s"),
                   errata_json_node_describe (json_object_get_member (object, "request")));
      return NULL;
    }

  trace = errata_trace_new ();
  request = request_messages (trace, request_object, error);
  if (request == NULL)
    return NULL;
  if (response_node != NULL && !JSON_NODE_HOLDS_NULL (response_node))
    {
      response = response_message (response_node, error);
      if (response == NULL)
        return NULL;
      keep_response_rest (trace, response_node);
    }
  else
    response = json_array_new ();

  messages = merge_conversation (request, response);
  errata_trace_set_messages (trace, messages);
  _errata_import_consume (&consumed, "request");
  _errata_import_consume (&consumed, "response");
  _errata_import_set_identity (ctx, trace, object, record, &consumed);
  _errata_import_read_stats (trace, object, &consumed);
  if (!_errata_import_read_annotations (ctx, object, annotations, &consumed, error))
    return NULL;
  _errata_import_read_mapped_review (ctx, object, annotations, &consumed);
  _errata_import_keep_rest (trace, object, &consumed);
  return g_steal_pointer (&trace);
}
