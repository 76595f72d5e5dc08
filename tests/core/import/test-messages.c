/* test-messages.c: normalising chat messages.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-messages.h"
#include "errata-importer.h"

static JsonArray *
normalise (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *messages;

  g_assert_nonnull (node);
  messages = errata_messages_normalise (node, "`messages`", &error);
  g_assert_no_error (error);
  g_assert_nonnull (messages);
  return messages;
}

static JsonObject *
message_at (JsonArray *messages,
            guint      index)
{
  g_assert_cmpuint (index, <, json_array_get_length (messages));
  return json_array_get_object_element (messages, index);
}

static void
test_string_and_null_content (void)
{
  g_autoptr(JsonArray) messages = normalise ("[{\"role\":\"system\",\"content\":\"Be kind.\"},"
                                             " {\"role\":\"assistant\",\"content\":null}]");

  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 0), "content"), ==, "Be kind.");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "content"), ==, "");
}

static void
test_parts_content (void)
{
  g_autoptr(JsonArray) messages = normalise ("[{\"role\":\"user\",\"content\":["
                                             "{\"type\":\"text\",\"text\":\"Look at\"},"
                                             "{\"type\":\"image_url\",\"image_url\":{\"url\":\"x.png\"}},"
                                             "{\"type\":\"text\",\"text\":\"this\"}]}]");
  JsonObject *message = message_at (messages, 0);

  /* The image has no text form: a placeholder with its URL stands where
   * it was, and the original parts are kept. */
  g_assert_cmpstr (json_object_get_string_member (message, "content"), ==, "Look at\n[image: x.png]\nthis");
  g_assert_true (json_object_has_member (message, "content_parts"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (message, "content_parts")), ==, 3);
}

static void
test_openai_tool_calls (void)
{
  g_autoptr(JsonArray) messages = normalise (
    "[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
    "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},"
    " {\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"rain\"},"
    " {\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_2\",\"type\":\"function\","
    "\"function\":{\"name\":\"book\",\"arguments\":{\"day\":3}}}],\"refusal\":null}]");
  JsonObject *call;

  g_assert_cmpuint (json_array_get_length (messages), ==, 3);
  call = json_array_get_object_element (json_object_get_array_member (message_at (messages, 0), "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (call, "id"), ==, "call_1");
  g_assert_cmpstr (json_object_get_string_member (call, "name"), ==, "get_weather");
  g_assert_cmpstr (json_object_get_string_member (call, "arguments"), ==, "{\"city\":\"Oslo\"}");
  g_assert_false (json_object_has_member (call, "function"));
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "tool_call_id"), ==, "call_1");

  /* Object arguments become JSON text; unknown keys stay. */
  call = json_array_get_object_element (json_object_get_array_member (message_at (messages, 2), "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (call, "arguments"), ==, "{\"day\":3}");
  g_assert_true (json_object_has_member (message_at (messages, 2), "refusal"));
}

static void
test_legacy_function_call (void)
{
  g_autoptr(JsonArray) messages = normalise (
    "[{\"role\":\"assistant\",\"content\":\"\",\"function_call\":{\"name\":\"lookup\",\"arguments\":\"{}\"}},"
    " {\"role\":\"function\",\"name\":\"lookup\",\"content\":\"42\"}]");
  JsonArray *calls = json_object_get_array_member (message_at (messages, 0), "tool_calls");

  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (calls, 0), "name"), ==, "lookup");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "role"), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "name"), ==, "lookup");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "original_role"), ==, "function");
}

static void
test_anthropic_blocks (void)
{
  g_autoptr(JsonArray) messages = normalise (
    "[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Checking.\"},"
    "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"search\",\"input\":{\"q\":\"pasta\"}}]},"
    " {\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
    "\"content\":[{\"type\":\"text\",\"text\":\"3 recipes\"}]}]}]");
  JsonObject *call;

  /* The user turn held only a tool result: it becomes one tool message. */
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 0), "content"), ==, "Checking.");
  call = json_array_get_object_element (json_object_get_array_member (message_at (messages, 0), "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (call, "id"), ==, "toolu_1");
  g_assert_cmpstr (json_object_get_string_member (call, "arguments"), ==, "{\"q\":\"pasta\"}");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "role"), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "tool_call_id"), ==, "toolu_1");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "content"), ==, "3 recipes");
}

static void
test_roles (void)
{
  g_autoptr(JsonArray) messages = normalise (
    "[{\"role\":\"human\",\"content\":\"a\"}, {\"role\":\"agent\",\"content\":\"b\"},"
    " {\"role\":\"ai\",\"content\":\"c\"}, {\"role\":\"model\",\"content\":\"d\"},"
    " {\"role\":\"asssistant\",\"content\":\"e\"}, {\"role\":\"bot\",\"name\":\"helper\",\"content\":\"f\"},"
    " {\"type\":\"human\",\"content\":\"g\"}]");
  static const char * const expected[] = { "user", "assistant", "assistant", "assistant", "assistant", "assistant", "user" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (json_object_get_string_member (message_at (messages, i), "role"), ==, expected[i]);
  /* The original role is kept where it would be lost. */
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 1), "name"), ==, "agent");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 5), "name"), ==, "helper");
  g_assert_cmpstr (json_object_get_string_member (message_at (messages, 5), "original_role"), ==, "bot");
  g_assert_false (json_object_has_member (message_at (messages, 6), "type"));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) text = json_from_string ("\"hello\"", NULL);
  g_autoptr(JsonNode) bad = json_from_string ("[{\"role\":\"user\",\"content\":\"x\"}, 5]", NULL);
  g_autoptr(JsonNode) no_role = json_from_string ("[{\"content\":\"x\"}]", NULL);

  g_assert_null (errata_messages_normalise (text, "`messages`", &error));
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_assert_cmpstr (error->message, ==, "`messages` must be an array, found a string");
  g_clear_error (&error);

  g_assert_null (errata_messages_normalise (bad, "`messages`", &error));
  g_assert_cmpstr (error->message, ==, "in `messages`: message 2 must be an object, found a number");
  g_clear_error (&error);

  g_assert_null (errata_messages_normalise (no_role, "`messages`", &error));
  g_assert_cmpstr (error->message, ==, "in `messages`: message 1 has no `role`");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/messages/content/string-and-null", test_string_and_null_content);
  g_test_add_func ("/messages/content/parts", test_parts_content);
  g_test_add_func ("/messages/tool-calls/openai", test_openai_tool_calls);
  g_test_add_func ("/messages/tool-calls/function-call", test_legacy_function_call);
  g_test_add_func ("/messages/anthropic", test_anthropic_blocks);
  g_test_add_func ("/messages/roles", test_roles);
  g_test_add_func ("/messages/errors", test_errors);

  return g_test_run ();
}
