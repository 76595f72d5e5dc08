/* test-llm-client.c: ErrataLlmClient against the in-process mock server.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-client.h"
#include "errata-llm-wire.h"
#include "errata-mock-llm-server.h"
#include "llm-test-helpers.h"

#include <string.h>

#define VERDICT_SCHEMA \
  "{\"type\": \"object\", \"properties\": {\"verdict\": {\"type\": \"string\"}, " \
  "\"reasoning\": {\"type\": \"string\"}}, \"required\": [\"verdict\", \"reasoning\"], " \
  "\"additionalProperties\": false}"

static ErrataMockLlmServer *
new_server (void)
{
  g_autoptr(GError) error = NULL;
  ErrataMockLlmServer *server = errata_mock_llm_server_new (0, &error);

  g_assert_no_error (error);
  return server;
}

static ErrataLlmClient *
new_client (ErrataMockLlmServer *server,
            ErrataLlmKind        kind,
            guint                concurrency)
{
  g_autoptr(ErrataLlmProvider) provider = llm_test_provider (server, kind);
  ErrataLlmClient *client;

  provider->concurrency = concurrency;
  client = errata_llm_client_new (provider);
  errata_llm_client_set_retry_delays (client, 20, 100);
  return client;
}

static ErrataLlmRequest *
schema_request (void)
{
  g_autoptr(GError) error = NULL;
  ErrataLlmRequest *request = llm_test_request ("Did the assistant answer the question?");

  errata_llm_request_set_system (request, "You are a strict judge.");
  errata_llm_request_set_temperature (request, 0);
  errata_llm_request_set_max_tokens (request, 200);
  errata_llm_request_set_schema_json (request, "verdict", VERDICT_SCHEMA, TRUE, &error);
  g_assert_no_error (error);
  return request;
}

static JsonObject *
last_request_object (ErrataMockLlmServer *server)
{
  JsonNode *node = errata_mock_llm_server_get_last_request (server);

  g_assert_nonnull (node);
  return json_node_get_object (node);
}

static void
test_openai_schema (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 2);
  g_autoptr(ErrataLlmRequest) request = schema_request ();
  g_autoptr(ErrataLlmPrices) prices = errata_llm_prices_new ();
  g_autoptr(LlmBatch) batch = NULL;
  JsonObject *sent, *format, *first;
  ErrataLlmReply *reply;
  ErrataLlmUsage usage;

  errata_llm_prices_set (prices, "mock-model", 1.0, 2.0);
  errata_llm_client_set_prices (client, prices);
  batch = llm_batch_run (client, request, 1);

  g_assert_no_error (batch->errors[0]);
  reply = batch->replies[0];
  g_assert_nonnull (reply->json);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply->json), "verdict"), ==, "pass");
  g_assert_cmpstr (reply->model, ==, "mock-model");
  g_assert_cmpint (reply->tokens_in, >, 0);
  g_assert_cmpint (reply->tokens_out, >, 0);
  g_assert_cmpfloat_with_epsilon (reply->cost, (reply->tokens_in * 1.0 + reply->tokens_out * 2.0) / 1e6, 1e-12);
  g_assert_false (reply->cached);
  g_assert_cmpuint (reply->attempts, ==, 1);
  g_assert_cmpfloat (reply->latency_ms, >=, 0);

  g_assert_cmpuint (errata_mock_llm_server_get_path_count (server, "/v1/chat/completions"), ==, 1);
  g_assert_cmpstr (errata_mock_llm_server_get_last_api_key (server), ==, "test-key");
  sent = last_request_object (server);
  g_assert_cmpstr (json_object_get_string_member (sent, "model"), ==, "mock-model");
  g_assert_cmpint (json_object_get_int_member (sent, "max_tokens"), ==, 200);
  first = json_array_get_object_element (json_object_get_array_member (sent, "messages"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "role"), ==, "system");
  format = json_object_get_object_member (sent, "response_format");
  g_assert_cmpstr (json_object_get_string_member (format, "type"), ==, "json_schema");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (format, "json_schema"), "name"), ==, "verdict");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (format, "json_schema"), "strict"));

  errata_llm_client_get_usage (client, &usage);
  g_assert_cmpuint (usage.requests, ==, 1);
  g_assert_cmpuint (usage.replies, ==, 1);
  g_assert_cmpint (usage.tokens_in, ==, reply->tokens_in);
  g_assert_cmpfloat_with_epsilon (usage.cost, reply->cost, 1e-12);
}

static void
test_openai_text_fallback (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
  g_autoptr(ErrataLlmRequest) request = schema_request ();
  g_autoptr(JsonNode) prose = json_from_string ("\"Sure! ```json\\n{\\\"verdict\\\": \\\"fail\\\", "
                                                "\\\"reasoning\\\": \\\"off topic\\\"}\\n```\"", NULL);
  g_autoptr(JsonNode) none = json_from_string ("\"I cannot decide.\"", NULL);
  g_autoptr(LlmBatch) batch = NULL;

  /* A server without structured output answers in prose. */
  errata_mock_llm_server_add_reply (server, prose);
  errata_mock_llm_server_add_reply (server, none);
  batch = llm_batch_run (client, request, 2);

  g_assert_no_error (batch->errors[0]);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (batch->replies[0]->json), "verdict"), ==, "fail");
  g_assert_error (batch->errors[1], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY);
}

static void
test_anthropic_schema (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_ANTHROPIC, 2);
  g_autoptr(ErrataLlmRequest) request = schema_request ();
  g_autoptr(ErrataLlmRequest) plain = llm_test_request ("Hello there");
  g_autoptr(LlmBatch) batch = NULL;
  g_autoptr(LlmBatch) text_batch = NULL;
  JsonObject *sent, *choice;

  batch = llm_batch_run (client, request, 1);
  g_assert_no_error (batch->errors[0]);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (batch->replies[0]->json), "reasoning"), ==, "mock");
  g_assert_cmpstr (batch->replies[0]->finish_reason, ==, "tool_use");
  g_assert_cmpuint (errata_mock_llm_server_get_path_count (server, "/v1/messages"), ==, 1);
  g_assert_cmpstr (errata_mock_llm_server_get_last_api_key (server), ==, "test-key");

  sent = last_request_object (server);
  g_assert_cmpstr (json_object_get_string_member (sent, "system"), ==, "You are a strict judge.");
  choice = json_object_get_object_member (sent, "tool_choice");
  g_assert_cmpstr (json_object_get_string_member (choice, "type"), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (choice, "name"), ==, "verdict");
  g_assert_true (json_object_has_member (json_array_get_object_element (
                   json_object_get_array_member (sent, "tools"), 0), "input_schema"));

  text_batch = llm_batch_run (client, plain, 1);
  g_assert_no_error (text_batch->errors[0]);
  g_assert_true (g_str_has_prefix (text_batch->replies[0]->text, "Mock reply"));
  g_assert_null (text_batch->replies[0]->json);
  /* Anthropic needs max_tokens even when the caller set none. */
  g_assert_cmpint (json_object_get_int_member (last_request_object (server), "max_tokens"), >, 0);
}

static void
test_endpoints (void)
{
  g_autoptr(ErrataLlmProvider) anthropic = errata_llm_provider_new (ERRATA_LLM_KIND_ANTHROPIC, NULL, NULL);
  g_autoptr(ErrataLlmProvider) anthropic_v1 = errata_llm_provider_new (ERRATA_LLM_KIND_ANTHROPIC, "http://x/v1/", NULL);
  g_autoptr(ErrataLlmProvider) ollama = NULL;
  g_autoptr(ErrataLlmProvider) custom = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = errata_llm_provider_dup_endpoint (anthropic, "chat");
  g_autofree char *b = errata_llm_provider_dup_endpoint (anthropic_v1, "models");
  g_autofree char *c = NULL;

  g_assert_cmpstr (a, ==, "https://api.anthropic.com/v1/messages");
  g_assert_cmpstr (b, ==, "http://x/v1/models");

  ollama = errata_llm_provider_new_for_name ("ollama", NULL, NULL, &error);
  g_assert_no_error (error);
  c = errata_llm_provider_dup_endpoint (ollama, "chat");
  g_assert_cmpstr (c, ==, "http://localhost:11434/v1/chat/completions");
  g_assert_cmpstr (ollama->model, ==, "llama3.2");

  custom = errata_llm_provider_new_for_name ("custom", "", NULL, &error);
  g_assert_null (custom);
  g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED);
}

static void
test_retry_after_429 (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Waiting at least Retry-After is behaviour; how much longer it takes
   * depends on the machine, so there is no upper bound. */
  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_429, 1);
  errata_mock_llm_server_set_retry_after (server, 2);
  batch = llm_batch_run (client, request, 1);

  g_assert_no_error (batch->errors[0]);
  g_assert_cmpuint (batch->replies[0]->attempts, ==, 2);
  g_assert_cmpint (batch->done_at[0] - start, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 2);
}

static void
test_retry_5xx (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
  g_autoptr(ErrataLlmClient) anthropic = new_client (server, ERRATA_LLM_KIND_ANTHROPIC, 1);
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;
  g_autoptr(LlmBatch) overloaded = NULL;
  g_autoptr(LlmBatch) exhausted = NULL;

  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_500, 2);
  batch = llm_batch_run (client, request, 1);
  g_assert_no_error (batch->errors[0]);
  g_assert_cmpuint (batch->replies[0]->attempts, ==, 3);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 3);

  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_529, 1);
  overloaded = llm_batch_run (anthropic, request, 1);
  g_assert_no_error (overloaded->errors[0]);
  g_assert_cmpuint (overloaded->replies[0]->attempts, ==, 2);

  /* Every attempt fails: the last error is reported, after max_attempts. */
  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_500, 0);
  exhausted = llm_batch_run (client, request, 1);
  g_assert_error (exhausted->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_SERVER);
  g_assert_nonnull (strstr (exhausted->errors[0]->message, "Gave up after 5 attempts"));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 3 + 2 + 5);
}

static void
check_quota_stops (ErrataLlmKind kind)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, kind, 1);
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;
  g_autoptr(LlmBatch) later = NULL;

  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_QUOTA, 0);
  batch = llm_batch_run (client, request, 10);

  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 1);
  g_assert_cmpuint (llm_batch_count_errors (batch, ERRATA_LLM_ERROR_QUOTA), ==, 10);
  g_assert_nonnull (strstr (batch->errors[0]->message, "credit"));
  g_assert_nonnull (errata_llm_client_get_stop_error (client));

  /* The flag holds for new requests, until reset. */
  later = llm_batch_run (client, request, 1);
  g_assert_error (later->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_QUOTA);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 1);

  errata_llm_client_reset (client);
  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_NONE, 0);
  g_clear_pointer (&later, llm_batch_free);
  later = llm_batch_run (client, request, 1);
  g_assert_no_error (later->errors[0]);
}

static void
test_quota_openai (void)
{
  check_quota_stops (ERRATA_LLM_KIND_OPENAI);
}

static void
test_quota_anthropic (void)
{
  check_quota_stops (ERRATA_LLM_KIND_ANTHROPIC);
}

/* ---- the key never leaks ---------------------------------------------- */

#define SECRET_KEY "sk-proj-SECRET0123456789abcdefXYZ"

static GString *captured_logs;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        g_string_append_len (captured_logs, fields[i].value, fields[i].length);
        g_string_append_c (captured_logs, '\n');
      }
  /* Failures must still be seen. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, data);
  return G_LOG_WRITER_HANDLED;
}

/* g_log() goes through the default handler, which GTest replaces. */
static void
capture_handler (const char     *domain,
                 GLogLevelFlags  level,
                 const char     *message,
                 gpointer        data)
{
  g_string_append_printf (captured_logs, "%s: %s\n", domain, message);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    g_log_default_handler (domain, level, message, data);
}

static void
test_key_never_leaks (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmProvider) provider = llm_test_provider (server, ERRATA_LLM_KIND_OPENAI);
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) retried = NULL;
  g_autoptr(LlmBatch) refused = NULL;
  g_autofree char *hash = NULL;

  errata_llm_provider_set_api_key (provider, SECRET_KEY);
  provider->max_attempts = 2;
  client = errata_llm_client_new (provider);
  errata_llm_client_set_retry_delays (client, 10, 10);

  /* Retries log at debug level; a failure that echoes the key is an error. */
  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_500, 0);
  retried = llm_batch_run (client, request, 1);
  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_AUTH, 0);
  refused = llm_batch_run (client, request, 1);

  g_assert_cmpstr (errata_mock_llm_server_get_last_api_key (server), ==, SECRET_KEY);
  g_assert_error (retried->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_SERVER);
  g_assert_error (refused->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH);
  g_assert_nonnull (strstr (refused->errors[0]->message, "refused the API key"));
  g_assert_nonnull (strstr (refused->errors[0]->message, "[redacted]"));
  g_assert_null (strstr (refused->errors[0]->message, SECRET_KEY));
  g_assert_null (strstr (retried->errors[0]->message, SECRET_KEY));
  g_assert_null (strstr (errata_llm_client_get_stop_error (client)->message, SECRET_KEY));

  g_assert_nonnull (strstr (captured_logs->str, "retrying"));
  g_assert_null (strstr (captured_logs->str, SECRET_KEY));
  g_assert_null (strstr (captured_logs->str, "SECRET0123"));

  hash = errata_llm_client_hash_request (client, request);
  g_assert_null (strstr (hash, "SECRET"));
}

/* ---- bad replies, timeouts, cancellation --------------------------------- */

static void
test_bad_replies_batch_continues (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) malformed = NULL;
  g_autoptr(LlmBatch) truncated = NULL;

  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_MALFORMED, 1);
  malformed = llm_batch_run (client, request, 5);
  g_assert_error (malformed->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY);
  g_assert_nonnull (strstr (malformed->errors[0]->message, "not valid JSON"));
  g_assert_cmpuint (llm_batch_count_errors (malformed, -1), ==, 1);

  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_TRUNCATED, 2);
  truncated = llm_batch_run (client, request, 5);
  g_assert_cmpuint (llm_batch_count_errors (truncated, ERRATA_LLM_ERROR_BAD_REPLY), ==, 2);
  g_assert_cmpuint (llm_batch_count_errors (truncated, -1), ==, 2);
  for (guint i = 2; i < 5; i++)
    g_assert_nonnull (truncated->replies[i]);

  /* A bad reply is not retried: it would cost money for the same answer. */
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 10);
}

static void
test_hang_times_out (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmProvider) provider = llm_test_provider (server, ERRATA_LLM_KIND_OPENAI);
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;
  gint64 start;
  guint seen;

  /* The answered retry must come within it too: 3 s, not 1, leaves a
   * loaded machine room for a round trip to the mock. */
  provider->timeout_seconds = 3;
  provider->max_attempts = 2;
  client = errata_llm_client_new (provider);
  errata_llm_client_set_retry_delays (client, 10, 10);

  /* The first attempt hangs, the retry is answered. */
  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_HANG, 1);
  start = g_get_monotonic_time ();
  batch = llm_batch_run (client, request, 1);
  g_assert_no_error (batch->errors[0]);
  g_assert_cmpuint (batch->replies[0]->attempts, ==, 2);
  g_assert_cmpint (batch->done_at[0] - start, >=, 3 * G_USEC_PER_SEC);

  /* Every attempt hangs: two attempts of at least the timeout each, and
   * no third (max_attempts). */
  g_clear_pointer (&batch, llm_batch_free);
  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_HANG, 0);
  seen = errata_mock_llm_server_get_n_requests (server);
  start = g_get_monotonic_time ();
  batch = llm_batch_run (client, request, 1);
  g_assert_error (batch->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_TIMEOUT);
  g_assert_cmpint (batch->done_at[0] - start, >=, 6 * G_USEC_PER_SEC);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server) - seen, ==, 2);
}

static void
test_cancel (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 2);
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LlmBatch) batch = NULL;
  g_autoptr(LlmBatch) after = NULL;
  guint seen, answered = 0;

  errata_mock_llm_server_set_latency (server, 100);
  batch = llm_batch_start (client, request, 20, cancellable);
  while (batch->pending > 18)
    g_main_context_iteration (NULL, TRUE);

  g_cancellable_cancel (cancellable);
  seen = errata_mock_llm_server_get_n_requests (server);
  llm_test_wait (&batch->pending);

  for (guint i = 0; i < batch->n; i++)
    answered += batch->replies[i] != NULL;
  g_assert_cmpuint (answered, >=, 2);
  g_assert_cmpuint (answered, <=, 4);
  g_assert_cmpuint (llm_batch_count_errors (batch, ERRATA_LLM_ERROR_CANCELLED), ==, 20 - answered);
  g_assert_cmpuint (errata_llm_client_get_n_pending (client), ==, 0);

  llm_test_sleep (300);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, seen);

  /* An already-cancelled request fails at once, without a call. */
  after = llm_batch_run (client, request, 1);
  g_assert_no_error (after->errors[0]);
  g_clear_pointer (&after, llm_batch_free);
  seen = errata_mock_llm_server_get_n_requests (server);
  after = llm_batch_start (client, request, 3, cancellable);
  llm_test_wait (&after->pending);
  g_assert_cmpuint (llm_batch_count_errors (after, ERRATA_LLM_ERROR_CANCELLED), ==, 3);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, seen);
}

/* ---- cache, concurrency, rate ------------------------------------------- */

static void
test_cache (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
  g_autoptr(ErrataLlmCache) cache = errata_llm_cache_new_in_memory ();
  g_autoptr(ErrataLlmRequest) request = schema_request ();
  g_autoptr(ErrataLlmRequest) other = schema_request ();
  g_autoptr(LlmBatch) first = NULL;
  g_autoptr(LlmBatch) second = NULL;
  g_autoptr(LlmBatch) third = NULL;
  g_autofree char *text = NULL;
  ErrataLlmUsage usage;

  errata_llm_client_set_cache (client, cache);
  first = llm_batch_run (client, request, 1);
  second = llm_batch_run (client, request, 1);

  g_assert_no_error (second->errors[0]);
  g_assert_true (second->replies[0]->cached);
  g_assert_false (first->replies[0]->cached);
  g_assert_cmpstr (second->replies[0]->text, ==, first->replies[0]->text);
  text = json_to_string (second->replies[0]->json, FALSE);
  g_assert_nonnull (strstr (text, "\"verdict\":\"pass\""));
  g_assert_cmpint (second->replies[0]->tokens_in, ==, first->replies[0]->tokens_in);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 1);
  g_assert_cmpuint (errata_llm_cache_get_n_hits (cache), ==, 1);

  /* A different parameter is a different request. */
  errata_llm_request_set_temperature (other, 0.5);
  third = llm_batch_run (client, other, 1);
  g_assert_false (third->replies[0]->cached);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 2);

  errata_llm_client_get_usage (client, &usage);
  g_assert_cmpuint (usage.cache_hits, ==, 1);
  g_assert_cmpuint (usage.requests, ==, 2);
}

/* A repeat asks again even when the cache knows the request, and does not
 * replace the cached reply: a plain rerun still reproduces the first. */
static void
test_cache_bypass (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
  g_autoptr(ErrataLlmCache) cache = errata_llm_cache_new_in_memory ();
  g_autoptr(ErrataLlmRequest) request = schema_request ();
  g_autoptr(ErrataLlmRequest) repeat = schema_request ();
  g_autoptr(LlmBatch) first = NULL;
  g_autoptr(LlmBatch) again = NULL;
  g_autoptr(LlmBatch) rerun = NULL;
  g_autoptr(JsonNode) one = json_from_string ("{\"json\": {\"verdict\": \"pass\", \"reasoning\": \"one\"}}", NULL);
  g_autoptr(JsonNode) two = json_from_string ("{\"json\": {\"verdict\": \"fail\", \"reasoning\": \"two\"}}", NULL);

  errata_mock_llm_server_add_reply (server, one);
  errata_mock_llm_server_add_reply (server, two);
  errata_llm_client_set_cache (client, cache);
  errata_llm_request_set_bypass_cache (repeat, TRUE);

  first = llm_batch_run (client, request, 1);
  again = llm_batch_run (client, repeat, 1);
  g_assert_no_error (again->errors[0]);
  g_assert_false (again->replies[0]->cached);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 2);
  g_assert_nonnull (strstr (again->replies[0]->text, "two"));

  rerun = llm_batch_run (client, request, 1);
  g_assert_true (rerun->replies[0]->cached);
  g_assert_nonnull (strstr (rerun->replies[0]->text, "one"));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 2);
}

/* With json_optional, a reply without JSON comes back with its text (and
 * the same request without it still fails); the two never share a cache
 * entry. */
static void
test_json_optional (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
  g_autoptr(ErrataLlmRequest) strict = schema_request ();
  g_autoptr(ErrataLlmRequest) lenient = schema_request ();
  g_autoptr(JsonNode) prose = json_from_string ("\"I would say it passes.\"", NULL);
  g_autoptr(LlmBatch) failed = NULL;
  g_autoptr(LlmBatch) kept = NULL;
  g_autofree char *h_strict = NULL, *h_lenient = NULL;

  errata_mock_llm_server_add_reply (server, prose);
  errata_llm_request_set_json_optional (lenient, TRUE);

  failed = llm_batch_run (client, strict, 1);
  g_assert_error (failed->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY);
  kept = llm_batch_run (client, lenient, 1);
  g_assert_no_error (kept->errors[0]);
  g_assert_null (kept->replies[0]->json);
  g_assert_cmpstr (kept->replies[0]->text, ==, "I would say it passes.");

  h_strict = errata_llm_client_hash_request (client, strict);
  h_lenient = errata_llm_client_hash_request (client, lenient);
  g_assert_cmpstr (h_strict, !=, h_lenient);
}

/* A request may name its own model: it is sent, costed and cached under
 * that model; naming the provider's model is the same as naming none. */
static void
test_request_model (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
  g_autoptr(ErrataLlmPrices) prices = errata_llm_prices_new ();
  g_autoptr(ErrataLlmRequest) request = schema_request ();
  g_autoptr(ErrataLlmRequest) plain = schema_request ();
  g_autoptr(ErrataLlmRequest) same = schema_request ();
  g_autoptr(LlmBatch) batch = NULL;
  g_autofree char *h_other = NULL, *h_plain = NULL, *h_same = NULL;
  ErrataLlmReply *reply;

  errata_llm_prices_set (prices, "judge-model", 10.0, 20.0);
  errata_llm_client_set_prices (client, prices);
  g_assert_true (errata_llm_client_get_prices (client) == prices);
  errata_llm_request_set_model (request, "judge-model");
  batch = llm_batch_run (client, request, 1);

  g_assert_no_error (batch->errors[0]);
  reply = batch->replies[0];
  g_assert_cmpstr (json_object_get_string_member (last_request_object (server), "model"), ==,
                   "judge-model");
  g_assert_cmpstr (reply->model, ==, "judge-model");
  g_assert_cmpfloat_with_epsilon (reply->cost, (reply->tokens_in * 10.0 + reply->tokens_out * 20.0) / 1e6, 1e-12);

  errata_llm_request_set_model (same, "mock-model");
  h_other = errata_llm_client_hash_request (client, request);
  h_plain = errata_llm_client_hash_request (client, plain);
  h_same = errata_llm_client_hash_request (client, same);
  g_assert_cmpstr (h_other, !=, h_plain);
  g_assert_cmpstr (h_same, ==, h_plain);
}

static void
test_hash (void)
{
  g_autoptr(ErrataLlmProvider) a = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, "http://h/v1", "m");
  g_autoptr(ErrataLlmProvider) b = errata_llm_provider_copy (a);
  g_autoptr(ErrataLlmProvider) c = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, "http://h/v1", "n");
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autofree char *ha = NULL, *hb = NULL, *hc = NULL;

  errata_llm_provider_set_api_key (a, "key-one");
  errata_llm_provider_set_api_key (b, "key-two");
  ha = _errata_llm_wire_hash_request (a, request);
  hb = _errata_llm_wire_hash_request (b, request);
  hc = _errata_llm_wire_hash_request (c, request);

  g_assert_cmpuint (strlen (ha), ==, 64);
  g_assert_cmpstr (ha, ==, hb);
  g_assert_cmpstr (ha, !=, hc);
}

static void
test_concurrency_limit (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 4);
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;

  /* Each answer is held long enough for the client to open its other
   * connections even when it runs slowly (under ASan, on a loaded machine
   * 50 ms was not enough to get a third request out). */
  errata_mock_llm_server_set_latency (server, 500);
  batch = llm_batch_run (client, request, 12);

  g_assert_cmpuint (llm_batch_count_errors (batch, -1), ==, 0);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 12);
  g_assert_cmpuint (errata_mock_llm_server_get_max_in_flight (server), <=, 4);
  /* ...and the limit is used, not just respected. */
  g_assert_cmpuint (errata_mock_llm_server_get_max_in_flight (server), >=, 3);
}

static void
test_requests_per_minute (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmProvider) provider = llm_test_provider (server, ERRATA_LLM_KIND_OPENAI);
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;
  GArray *arrivals;
  gint64 started;

  provider->concurrency = 5;
  provider->requests_per_minute = 600;   /* one every 100 ms */
  client = errata_llm_client_new (provider);
  started = g_get_monotonic_time ();
  batch = llm_batch_run (client, request, 5);

  g_assert_cmpuint (llm_batch_count_errors (batch, -1), ==, 0);
  arrivals = errata_mock_llm_server_get_arrivals (server);
  g_assert_cmpuint (arrivals->len, ==, 5);
  /* The k-th request cannot be sent before k intervals have passed since
   * the batch started. Measured from the start, not between arrivals: a
   * slow main loop (ASan, a loaded machine) delays one arrival and so
   * shortens the gap to the next without the client sending early. */
  for (guint i = 0; i < arrivals->len; i++)
    g_assert_cmpint (g_array_index (arrivals, gint64, i) - started, >=, i * 100 * 1000);
  /* No upper bound on the spacing: on a loaded machine the arrivals may
   * lag by any amount. That the client waits no longer than it must is
   * the pacer's arithmetic, checked with times passed in by
   * test-llm-pacer.c. */
}

/* ---- protocol details ------------------------------------------------------ */

static void
test_retry_after_parsing (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 30);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  GDateTime *after = NULL;
  gint64 ms, elapsed;

  g_assert_cmpint (_errata_llm_wire_retry_after_ms (headers), ==, -1);
  soup_message_headers_replace (headers, "Retry-After", "3");
  g_assert_cmpint (_errata_llm_wire_retry_after_ms (headers), ==, 3000);
  soup_message_headers_replace (headers, "retry-after-ms", "250.5");
  g_assert_cmpint (_errata_llm_wire_retry_after_ms (headers), ==, 250);
  soup_message_headers_remove (headers, "retry-after-ms");
  soup_message_headers_replace (headers, "Retry-After", date);
  ms = _errata_llm_wire_retry_after_ms (headers);
  /* 30 s after `now`, less the fraction of a second an HTTP date drops,
   * a millisecond of rounding, and however long this machine took to get
   * here (measured, not guessed: a loaded machine may take seconds). */
  after = g_date_time_new_now_utc ();
  elapsed = g_date_time_difference (after, now) / 1000;
  g_date_time_unref (after);
  g_assert_cmpint (ms, >=, 29000 - 1 - elapsed);
  g_assert_cmpint (ms, <=, 30000);
  soup_message_headers_replace (headers, "Retry-After", "soon");
  g_assert_cmpint (_errata_llm_wire_retry_after_ms (headers), ==, -1);
}

static void
check_http_error (ErrataLlmKind  kind,
                  guint          status,
                  const char    *body,
                  int            code,
                  gboolean       retryable)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (kind, NULL, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));
  g_autoptr(GError) error = NULL;
  gboolean can_retry = !retryable;

  error = _errata_llm_wire_http_error (provider, status, bytes, &can_retry);
  g_assert_error (error, ERRATA_LLM_ERROR, code);
  g_assert_cmpint (can_retry, ==, retryable);
}

static void
test_http_errors (void)
{
  check_http_error (ERRATA_LLM_KIND_OPENAI, 429,
                    "{\"error\": {\"message\": \"You exceeded your current quota\", "
                    "\"type\": \"insufficient_quota\", \"code\": \"insufficient_quota\"}}",
                    ERRATA_LLM_ERROR_QUOTA, FALSE);
  check_http_error (ERRATA_LLM_KIND_OPENAI, 429,
                    "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\", "
                    "\"code\": \"rate_limit_exceeded\"}}",
                    ERRATA_LLM_ERROR_RATE_LIMITED, TRUE);
  check_http_error (ERRATA_LLM_KIND_ANTHROPIC, 400,
                    "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\", "
                    "\"message\": \"Your credit balance is too low to access the Anthropic API.\"}}",
                    ERRATA_LLM_ERROR_QUOTA, FALSE);
  check_http_error (ERRATA_LLM_KIND_ANTHROPIC, 402,
                    "{\"type\": \"error\", \"error\": {\"type\": \"billing_error\", \"message\": \"x\"}}",
                    ERRATA_LLM_ERROR_QUOTA, FALSE);
  check_http_error (ERRATA_LLM_KIND_ANTHROPIC, 529,
                    "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}",
                    ERRATA_LLM_ERROR_SERVER, TRUE);
  check_http_error (ERRATA_LLM_KIND_ANTHROPIC, 403,
                    "{\"type\": \"error\", \"error\": {\"type\": \"permission_error\", \"message\": \"no\"}}",
                    ERRATA_LLM_ERROR_AUTH, FALSE);
  check_http_error (ERRATA_LLM_KIND_OPENAI, 404, "{\"error\": \"model 'x' not found\"}",
                    ERRATA_LLM_ERROR_FAILED, FALSE);
  check_http_error (ERRATA_LLM_KIND_OPENAI, 502, "<html>Bad gateway</html>",
                    ERRATA_LLM_ERROR_SERVER, TRUE);
}

static void
on_models (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GStrv *models = data;
  g_autoptr(GError) error = NULL;

  *models = errata_llm_client_list_models_finish (ERRATA_LLM_CLIENT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_list_models (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();

  for (int kind = ERRATA_LLM_KIND_OPENAI; kind <= ERRATA_LLM_KIND_ANTHROPIC; kind++)
    {
      g_autoptr(ErrataLlmClient) client = new_client (server, kind, 1);
      g_auto(GStrv) models = NULL;

      errata_llm_client_list_models_async (client, NULL, on_models, &models);
      while (models == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (g_strv_length (models), ==, 2);
      g_assert_cmpstr (models[0], ==, "mock-small");
    }
  g_assert_cmpuint (errata_mock_llm_server_get_path_count (server, "/v1/models"), ==, 2);
}

typedef struct
{
  GStrv   models;
  GError *error;
  gboolean done;
} ModelsResult;

static void
on_models_or_error (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  ModelsResult *out = data;

  out->models = errata_llm_client_list_models_finish (ERRATA_LLM_CLIENT (source), result,
                                                      &out->error);
  out->done = TRUE;
}

/* A server that checks keys refuses a wrong one on the model list too,
 * once, without a retry, and the key it echoes is hidden. */
static void
test_wrong_key_models (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();

  errata_mock_llm_server_set_api_key (server, "the-right-key");
  for (int kind = ERRATA_LLM_KIND_OPENAI; kind <= ERRATA_LLM_KIND_ANTHROPIC; kind++)
    {
      g_autoptr(ErrataLlmClient) client = new_client (server, kind, 1);
      ModelsResult out = { NULL, NULL, FALSE };
      guint before = errata_mock_llm_server_get_n_requests (server);

      errata_llm_client_list_models_async (client, NULL, on_models_or_error, &out);
      while (!out.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_null (out.models);
      g_assert_error (out.error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH);
      g_assert_nonnull (strstr (out.error->message, "401"));
      g_assert_null (strstr (out.error->message, "test-key"));
      g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, before + 1);
      g_clear_error (&out.error);
    }

  errata_mock_llm_server_set_api_key (server, "test-key");
  {
    g_autoptr(ErrataLlmClient) client = new_client (server, ERRATA_LLM_KIND_OPENAI, 1);
    ModelsResult out = { NULL, NULL, FALSE };

    errata_llm_client_list_models_async (client, NULL, on_models_or_error, &out);
    while (!out.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (out.error);
    g_assert_cmpuint (g_strv_length (out.models), ==, 2);
    g_strfreev (out.models);
  }
}

static void
test_network_error (void)
{
  g_autoptr(ErrataMockLlmServer) server = new_server ();
  g_autoptr(ErrataLlmProvider) provider = llm_test_provider (server, ERRATA_LLM_KIND_OPENAI);
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;

  /* Nothing listens on the port of a server that is gone. */
  g_clear_object (&server);
  provider->max_attempts = 2;
  client = errata_llm_client_new (provider);
  errata_llm_client_set_retry_delays (client, 10, 10);
  batch = llm_batch_run (client, request, 1);

  /* A refused connection is answered at once, not retried: nothing was
   * listening, and nothing will be in the next few seconds either. */
  g_assert_error (batch->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK);
  g_assert_nonnull (strstr (batch->errors[0]->message, "Could not reach"));
  g_assert_nonnull (strstr (batch->errors[0]->message, "nothing is listening"));
  g_assert_nonnull (strstr (batch->errors[0]->message, "Preferences"));
  g_assert_null (strstr (batch->errors[0]->message, "2 attempts"));
}

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  guint *landed = user_data;

  if (g_str_equal (path, "/landing"))
    {
      (*landed)++;
      soup_server_message_set_status (message, 200, NULL);
      return;
    }
  soup_server_message_set_redirect (message, 302, "/landing");
}

/* A redirect is not followed: libsoup would carry x-api-key along to
 * whatever host it points at. The user hears to use the final address. */
static void
test_redirect_not_followed (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;
  g_autofree char *base = NULL;
  GSList *uris;
  guint landed = 0;

  soup_server_add_handler (server, NULL, redirect_handler, &landed, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  provider = errata_llm_provider_new (ERRATA_LLM_KIND_ANTHROPIC, base, "claude-test");
  errata_llm_provider_set_api_key (provider, SECRET_KEY);
  client = errata_llm_client_new (provider);
  batch = llm_batch_run (client, request, 1);

  g_assert_nonnull (batch->errors[0]);
  g_assert_nonnull (strstr (batch->errors[0]->message, "redirect"));
  g_assert_null (strstr (batch->errors[0]->message, SECRET_KEY));
  g_assert_cmpuint (landed, ==, 0);
}

static SoupMessage *
wire_message (ErrataLlmKind   kind,
              const char     *base_url,
              const char     *api_key,
              GError        **error)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (kind, base_url, "m");

  if (api_key != NULL)
    errata_llm_provider_set_api_key (provider, api_key);
  return _errata_llm_wire_new_message (provider, "POST", "chat", NULL, error);
}

/* A key goes in clear text only to this machine. The refusal comes while
 * the message is built, so nothing is ever sent to the other host. */
static void
test_key_needs_https (void)
{
  static const char * const refused[] = {
    "http://192.0.2.1/v1", "http://example.com:11434/v1", "http://10.0.0.7/v1",
    "http://[2001:db8::1]/v1", "http://127.0.0.1.example.com/v1", "http://localhost.evil.net",
  };
  static const char * const loopback[] = {
    "http://127.0.0.1:8080/v1", "http://127.8.9.10/v1", "http://localhost:11434/v1",
    "http://LOCALHOST/v1", "http://[::1]:8080/v1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    for (ErrataLlmKind kind = ERRATA_LLM_KIND_OPENAI; kind <= ERRATA_LLM_KIND_ANTHROPIC; kind++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SoupMessage) message = wire_message (kind, refused[i], SECRET_KEY, &error);

        g_test_message ("%s", refused[i]);
        g_assert_null (message);
        g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED);
        g_assert_nonnull (strstr (error->message, "plain http"));
        g_assert_nonnull (strstr (error->message, "https://"));
        g_assert_null (strstr (error->message, SECRET_KEY));
      }

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SoupMessage) message = wire_message (ERRATA_LLM_KIND_OPENAI, loopback[i],
                                                     SECRET_KEY, &error);

      g_test_message ("%s", loopback[i]);
      g_assert_no_error (error);
      g_assert_nonnull (soup_message_headers_get_one (soup_message_get_request_headers (message),
                                                      "Authorization"));
    }

  /* https anywhere, and plain http without a key, are fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SoupMessage) secure = wire_message (ERRATA_LLM_KIND_ANTHROPIC,
                                                  "https://api.example.com", SECRET_KEY, &error);
    g_autoptr(SoupMessage) keyless = wire_message (ERRATA_LLM_KIND_OPENAI,
                                                   "http://192.0.2.1/v1", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (secure),
                                                   "x-api-key"), ==, SECRET_KEY);
    g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (keyless),
                                                 "Authorization"));
  }
}

/* Through the client, the user reads why and what to do. */
static void
test_key_refused_before_sending (void)
{
  g_autoptr(ErrataLlmProvider) provider =
    errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, "http://192.0.2.1/v1", "m");
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("hi");
  g_autoptr(LlmBatch) batch = NULL;

  errata_llm_provider_set_api_key (provider, SECRET_KEY);
  provider->max_attempts = 1;
  client = errata_llm_client_new (provider);
  batch = llm_batch_run (client, request, 1);

  g_assert_error (batch->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED);
  g_assert_nonnull (strstr (batch->errors[0]->message, "192.0.2.1"));
  g_assert_nonnull (strstr (batch->errors[0]->message, "https://"));
}

static char *
brackets (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* /deep: the body itself; /text: a well-formed reply whose text, where
 * the JSON answer is looked for, is the same brackets. */
static void
deep_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  g_autofree char *deep = brackets (100000);
  char *body;

  if (strstr (path, "/deep/") != NULL)
    body = g_steal_pointer (&deep);
  else
    body = g_strdup_printf ("{\"choices\": [{\"message\": {\"content\": \"%s\"}, "
                            "\"finish_reason\": \"stop\"}]}", deep);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    body, strlen (body));
}

static void
test_deep_reply (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int port;

  soup_server_add_handler (server, NULL, deep_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%d/%s/v1", port,
                                               i == 0 ? "deep" : "text");
      g_autoptr(ErrataLlmProvider) provider =
        errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, base, "m");
      g_autoptr(ErrataLlmClient) client = NULL;
      g_autoptr(ErrataLlmRequest) request = schema_request ();
      g_autoptr(LlmBatch) batch = NULL;

      provider->max_attempts = 1;
      client = errata_llm_client_new (provider);
      batch = llm_batch_run (client, request, 1);
      if (i == 0)
        {
          g_assert_error (batch->errors[0], ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY);
          g_assert_nonnull (strstr (batch->errors[0]->message, "nested deeper than 256"));
        }
      else if (batch->replies[0] != NULL)
        {
          /* The extractor falls back to a shallow bracketed part; what
           * matters is that the deep whole was never handed to json-glib. */
          g_assert_nonnull (batch->replies[0]->json);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  captured_logs = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_log_set_default_handler (capture_handler, NULL);

  g_test_add_func ("/llm/client/openai-schema", test_openai_schema);
  g_test_add_func ("/llm/client/key-needs-https", test_key_needs_https);
  g_test_add_func ("/llm/client/key-refused-before-sending", test_key_refused_before_sending);
  g_test_add_func ("/llm/client/deep-reply", test_deep_reply);
  g_test_add_func ("/llm/client/openai-text-fallback", test_openai_text_fallback);
  g_test_add_func ("/llm/client/anthropic-schema", test_anthropic_schema);
  g_test_add_func ("/llm/client/endpoints", test_endpoints);
  g_test_add_func ("/llm/client/retry-after-429", test_retry_after_429);
  g_test_add_func ("/llm/client/retry-5xx", test_retry_5xx);
  g_test_add_func ("/llm/client/quota-openai", test_quota_openai);
  g_test_add_func ("/llm/client/quota-anthropic", test_quota_anthropic);
  g_test_add_func ("/llm/client/key-never-leaks", test_key_never_leaks);
  g_test_add_func ("/llm/client/bad-replies", test_bad_replies_batch_continues);
  g_test_add_func ("/llm/client/hang-times-out", test_hang_times_out);
  g_test_add_func ("/llm/client/cancel", test_cancel);
  g_test_add_func ("/llm/client/cache", test_cache);
  g_test_add_func ("/llm/client/cache-bypass", test_cache_bypass);
  g_test_add_func ("/llm/client/request-model", test_request_model);
  g_test_add_func ("/llm/client/json-optional", test_json_optional);
  g_test_add_func ("/llm/client/hash", test_hash);
  g_test_add_func ("/llm/client/concurrency-limit", test_concurrency_limit);
  g_test_add_func ("/llm/client/requests-per-minute", test_requests_per_minute);
  g_test_add_func ("/llm/client/retry-after-parsing", test_retry_after_parsing);
  g_test_add_func ("/llm/client/http-errors", test_http_errors);
  g_test_add_func ("/llm/client/wrong-key-models", test_wrong_key_models);
  g_test_add_func ("/llm/client/list-models", test_list_models);
  g_test_add_func ("/llm/client/network-error", test_network_error);
  g_test_add_func ("/llm/client/redirect-not-followed", test_redirect_not_followed);

  return g_test_run ();
}
