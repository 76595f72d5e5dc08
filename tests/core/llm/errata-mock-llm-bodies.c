/* errata-mock-llm-bodies.c: the JSON bodies the mock server answers with:
 * an OpenAI chat completion, an Anthropic message (text or tool use), an
 * error in either API's shape, and the model list.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-mock-llm-private.h"

#include <string.h>

/* ---- bodies ------------------------------------------------------------ */

char *
_errata_mock_openai_body (guint        n,
                          const Answer *answer)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = g_strdup_printf ("chatcmpl-mock-%u", n);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "object");
  json_builder_add_string_value (b, "chat.completion");
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, answer->model);
  json_builder_set_member_name (b, "choices");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "message");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "assistant");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, answer->text);
  if (answer->tool_calls != NULL)
    {
      json_builder_set_member_name (b, "tool_calls");
      json_builder_add_value (b, json_node_copy (answer->tool_calls));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "finish_reason");
  json_builder_add_string_value (b, answer->finish_reason != NULL ? answer->finish_reason : "stop");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "usage");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "prompt_tokens");
  json_builder_add_int_value (b, answer->tokens_in);
  json_builder_set_member_name (b, "completion_tokens");
  json_builder_add_int_value (b, answer->tokens_out);
  json_builder_set_member_name (b, "total_tokens");
  json_builder_add_int_value (b, answer->tokens_in + answer->tokens_out);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static const char *
tool_name (JsonObject *request)
{
  JsonNode *tools = json_object_get_member (request, "tools");
  JsonNode *first;

  if (tools == NULL || !JSON_NODE_HOLDS_ARRAY (tools) ||
      json_array_get_length (json_node_get_array (tools)) == 0)
    return "reply";
  first = json_array_get_element (json_node_get_array (tools), 0);
  return JSON_NODE_HOLDS_OBJECT (first) && _errata_mock_get_string (json_node_get_object (first), "name")
         ? _errata_mock_get_string (json_node_get_object (first), "name") : "reply";
}

static void
add_anthropic_content (JsonBuilder  *b,
                       JsonObject   *request,
                       guint         n,
                       const Answer *answer)
{
  gboolean tool = answer->json != NULL && _errata_mock_wants_json (request, TRUE);
  g_autofree char *id = g_strdup_printf ("toolu_mock_%u", n);

  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, tool ? "tool_use" : "text");
  if (tool)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tool_name (request));
      json_builder_set_member_name (b, "input");
      json_builder_add_value (b, json_node_copy (answer->json));
    }
  else
    {
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, answer->text);
    }
  json_builder_end_object (b);
  json_builder_end_array (b);
}

char *
_errata_mock_anthropic_body (JsonObject   *request,
                             guint         n,
                             const Answer *answer)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = g_strdup_printf ("msg_mock_%u", n);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "message");
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "assistant");
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, answer->model);
  json_builder_set_member_name (b, "content");
  add_anthropic_content (b, request, n, answer);
  json_builder_set_member_name (b, "stop_reason");
  json_builder_add_string_value (b, answer->finish_reason != NULL ? answer->finish_reason
                                    : answer->json != NULL && _errata_mock_wants_json (request, TRUE)
                                    ? "tool_use" : "end_turn");
  json_builder_set_member_name (b, "usage");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input_tokens");
  json_builder_add_int_value (b, answer->tokens_in);
  json_builder_set_member_name (b, "output_tokens");
  json_builder_add_int_value (b, answer->tokens_out);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

char *
_errata_mock_error_body (gboolean    anthropic,
                         const char *type,
                         const char *code,
                         const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  if (anthropic)
    {
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "error");
    }
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  if (!anthropic && code != NULL)
    {
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, code);
    }
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

char *
_errata_mock_models_body (void)
{
  return g_strdup ("{\"object\": \"list\", \"data\": ["
                   "{\"id\": \"mock-small\", \"object\": \"model\", \"type\": \"model\"}, "
                   "{\"id\": \"mock-large\", \"object\": \"model\", \"type\": \"model\"}]}");
}
