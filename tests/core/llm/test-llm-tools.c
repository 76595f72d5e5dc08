/* test-llm-tools.c: tools in an LLM request (OpenAI tool definitions, sent
 * in the body as they are) and the tool calls of its reply (kept, and kept
 * through the reply cache); a request with tools is another request for
 * the cache.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-client.h"
#include "errata-llm-wire.h"
#include "errata-mock-llm-server.h"
#include "llm-test-helpers.h"

static const char tools_json[] =
  "[{\"type\": \"function\", \"function\": {\"name\": \"book_viewing\","
  " \"parameters\": {\"type\": \"object\", \"properties\": {\"day\": {\"type\": \"string\"}}}}}]";

static const char reply_json[] =
  "{\"text\": \"\", \"finish_reason\": \"tool_calls\", \"tool_calls\": [{\"id\": \"call_9\","
  " \"type\": \"function\", \"function\": {\"name\": \"book_viewing\","
  " \"arguments\": \"{\\\"day\\\": \\\"Friday\\\"}\"}}]}";

static void
test_tools_in_body_and_calls_in_reply (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, &error);
  g_autoptr(ErrataLlmProvider) provider = llm_test_provider (server, ERRATA_LLM_KIND_OPENAI);
  g_autoptr(ErrataLlmClient) client = errata_llm_client_new (provider);
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("Can I see the flat on Friday?");
  g_autoptr(JsonNode) tools = json_from_string (tools_json, NULL);
  g_autoptr(JsonNode) scripted = json_from_string (reply_json, NULL);
  g_autoptr(LlmBatch) batch = NULL;
  g_autoptr(ErrataLlmReply) cached = NULL;
  g_autofree char *stored = NULL;
  JsonObject *sent, *call;

  g_assert_no_error (error);
  errata_llm_request_set_tools (request, tools);
  errata_mock_llm_server_add_reply (server, scripted);
  batch = llm_batch_run (client, request, 1);
  g_assert_no_error (batch->errors[0]);

  sent = json_node_get_object (errata_mock_llm_server_get_last_request (server));
  g_assert_true (json_node_equal (json_object_get_member (sent, "tools"), tools));
  g_assert_cmpstr (batch->replies[0]->finish_reason, ==, "tool_calls");
  g_assert_nonnull (batch->replies[0]->tool_calls);
  call = json_array_get_object_element (json_node_get_array (batch->replies[0]->tool_calls), 0);
  g_assert_cmpstr (json_object_get_string_member (call, "id"), ==, "call_9");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (call, "function"),
                                                  "arguments"), ==, "{\"day\": \"Friday\"}");

  /* The cache's form keeps the calls. */
  stored = errata_llm_reply_to_json (batch->replies[0]);
  cached = errata_llm_reply_from_json (stored, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (cached->tool_calls, batch->replies[0]->tool_calls));
}

/* Without tools the body has none, and the key is the one it always was;
 * with tools the key differs (another request), and an empty array is no
 * tools at all. */
static void
test_tools_and_the_cache_key (void)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                   "http://h/v1", "m");
  g_autoptr(ErrataLlmRequest) plain = llm_test_request ("hi");
  g_autoptr(ErrataLlmRequest) with_tools = llm_test_request ("hi");
  g_autoptr(ErrataLlmRequest) empty = llm_test_request ("hi");
  g_autoptr(JsonNode) tools = json_from_string (tools_json, NULL);
  g_autoptr(JsonNode) none = json_from_string ("[]", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autoptr(GBytes) body = NULL;

  errata_llm_request_set_tools (with_tools, tools);
  errata_llm_request_set_tools (empty, none);
  a = _errata_llm_wire_hash_request (provider, plain);
  b = _errata_llm_wire_hash_request (provider, with_tools);
  c = _errata_llm_wire_hash_request (provider, empty);
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (a, ==, c);
  body = _errata_llm_wire_build_body (provider, plain);
  g_assert_null (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "tools"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/llm/tools/body-and-reply", test_tools_in_body_and_calls_in_reply);
  g_test_add_func ("/llm/tools/cache-key", test_tools_and_the_cache_key);
  return g_test_run ();
}
