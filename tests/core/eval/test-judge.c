/* test-judge.c: the LLM judge against the in-process mock server: verdicts
 * and reasoning, what it sends, replies that ignore the schema or make no
 * sense, retries and failures of the client, the token limit, bypassing
 * the cache, cancelling, its definition and its estimate.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-judge.h"
#include "errata-test-utils.h"
#include "llm-test-helpers.h"

typedef struct
{
  ErrataMockLlmServer *server;
  ErrataLlmClient     *client;
  ErrataTrace         *trace;
  ErrataLlmPrices     *prices;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmProvider) provider = NULL;

  fixture->server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);
  provider = llm_test_provider (fixture->server, GPOINTER_TO_INT (data));
  provider->concurrency = 1;
  provider->max_attempts = 3;
  fixture->client = errata_llm_client_new (provider);
  errata_llm_client_set_retry_delays (fixture->client, 10, 50);
  fixture->prices = errata_llm_prices_new ();
  errata_llm_prices_set (fixture->prices, "mock-model", 1.0, 2.0);
  errata_llm_prices_set (fixture->prices, "judge-model", 10.0, 20.0);
  errata_llm_client_set_prices (fixture->client, fixture->prices);
  fixture->trace = errata_test_new_trace ("t1", "Find a flat under 1200 EUR",
                                          "RP-1 costs 1350 EUR.");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->trace);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->prices, errata_llm_prices_unref);
  g_clear_object (&fixture->server);
}

static void
add_reply (Fixture    *fixture,
           const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  errata_mock_llm_server_add_reply (fixture->server, node);
}

static ErrataJudge *
new_judge (Fixture    *fixture,
           const char *definition_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (definition_json != NULL ? definition_json : "{}",
                                               NULL);
  ErrataJudge *judge;

  g_assert_nonnull (node);
  judge = errata_judge_new (fixture->client, json_node_get_object (node),
                            "Proposes a flat above the user's budget", NULL, &error);
  g_assert_no_error (error);
  return judge;
}

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static ErrataEvalOutcome *
evaluate_full (ErrataJudge      *judge,
               ErrataTrace      *trace,
               ErrataEvalFlags   flags,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  errata_eval_method_evaluate_async (ERRATA_EVAL_METHOD (judge), trace, flags, cancellable,
                                     on_evaluated, &result);
  errata_test_wait_until (result_arrived, &result, 60);
  return errata_eval_method_evaluate_finish (ERRATA_EVAL_METHOD (judge), result, error);
}

static ErrataEvalOutcome *
evaluate (Fixture         *fixture,
          ErrataJudge     *judge,
          ErrataEvalFlags  flags)
{
  g_autoptr(GError) error = NULL;
  ErrataEvalOutcome *outcome = evaluate_full (judge, fixture->trace, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  return outcome;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” not in “%s”", part, text);
}

/* ---- verdicts ----------------------------------------------------------- */

static void
test_pass_and_request (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autofree char *prompt = errata_judge_render (judge, fixture->trace);
  JsonObject *sent;

  add_reply (fixture, "{\"json\": {\"reasoning\": \"Nothing above budget is proposed.\","
                      " \"verdict\": \"pass\"}}");
  outcome = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_PASS);
  g_assert_cmpstr (outcome->reasoning, ==, "Nothing above budget is proposed.");
  g_assert_null (outcome->error);
  assert_contains (outcome->raw, "Nothing above budget");
  g_assert_cmpint (outcome->tokens_in, >, 0);
  g_assert_cmpint (outcome->tokens_out, >, 0);
  g_assert_cmpfloat_with_epsilon (outcome->cost, (outcome->tokens_in * 1.0 + outcome->tokens_out * 2.0) / 1e6, 1e-12);
  g_assert_cmpfloat (outcome->latency_ms, >=, 0);

  /* What went out: the rendered prompt, the schema, the parameters. */
  sent = json_node_get_object (errata_mock_llm_server_get_last_request (fixture->server));
  g_assert_cmpstr (json_object_get_string_member (sent, "model"), ==, "mock-model");
  g_assert_cmpfloat (json_object_get_double_member (sent, "temperature"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (sent, "max_tokens"), ==, 512);
  assert_contains (prompt, "Proposes a flat above the user's budget");
  assert_contains (prompt, "Find a flat under 1200 EUR");
  if (GPOINTER_TO_INT (data) == ERRATA_LLM_KIND_OPENAI)
    {
      JsonArray *messages = json_object_get_array_member (sent, "messages");
      JsonObject *format = json_object_get_object_member (sent, "response_format");
      JsonObject *schema = json_object_get_object_member (json_object_get_object_member (format, "json_schema"), "schema");

      g_assert_cmpuint (json_array_get_length (messages), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "content"), ==, prompt);
      g_assert_true (json_object_has_member (json_object_get_object_member (schema, "properties"), "verdict"));
    }
  else
    g_assert_true (json_object_has_member (sent, "tools"));
}

static void
test_fail_and_spellings (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  static const struct { const char *verdict; ErrataJudgeVerdict expected; } cases[] = {
    { "fail", ERRATA_JUDGE_FAIL },
    { "FAIL", ERRATA_JUDGE_FAIL },
    { " Pass. ", ERRATA_JUDGE_PASS },
    { "**PASS**", ERRATA_JUDGE_PASS },
    { "Failed", ERRATA_JUDGE_FAIL },
  };

  /* Scripted replies are given in order, one per request. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reply = g_strdup_printf ("{\"json\": {\"reasoning\": \"case %u\","
                                                " \"verdict\": \"%s\"}}", i, cases[i].verdict);

      add_reply (fixture, reply);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ErrataEvalOutcome) outcome = NULL;
      g_autofree char *reasoning = g_strdup_printf ("case %u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (reasoning, reasoning, "answer");
      g_autoptr(GError) error = NULL;

      outcome = evaluate_full (judge, trace, ERRATA_EVAL_FLAGS_NONE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (outcome->verdict, ==, cases[i].expected);
      g_assert_cmpstr (outcome->reasoning, ==, reasoning);
      g_assert_null (outcome->error);
    }
}

static void
test_parse_verdict (void)
{
  ErrataJudgeVerdict verdict = ERRATA_JUDGE_ERROR;

  g_assert_true (errata_judge_parse_verdict ("Pass.", &verdict));
  g_assert_cmpint (verdict, ==, ERRATA_JUDGE_PASS);
  g_assert_true (errata_judge_parse_verdict ("'fail'", &verdict));
  g_assert_cmpint (verdict, ==, ERRATA_JUDGE_FAIL);
  g_assert_false (errata_judge_parse_verdict ("maybe", &verdict));
  g_assert_false (errata_judge_parse_verdict ("pass fail", &verdict));
  g_assert_false (errata_judge_parse_verdict ("", &verdict));
  g_assert_false (errata_judge_parse_verdict ("passable", &verdict));
  g_assert_false (errata_judge_parse_verdict (NULL, &verdict));
}

/* A provider that ignores the schema and wraps the JSON in prose. */
static void
test_json_in_prose (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  g_autoptr(ErrataEvalOutcome) outcome = NULL;

  add_reply (fixture, "\"Sure! Here is my judgement:\\n```json\\n{\\\"reasoning\\\": "
                      "\\\"RP-1 is 150 EUR over.\\\", \\\"verdict\\\": \\\"FAIL\\\"}\\n```\\nHope "
                      "this helps.\"");
  outcome = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_FAIL);
  g_assert_cmpstr (outcome->reasoning, ==, "RP-1 is 150 EUR over.");
  assert_contains (outcome->raw, "Hope this helps.");
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  g_autoptr(ErrataEvalOutcome) missing = NULL;
  g_autoptr(ErrataEvalOutcome) maybe = NULL;
  g_autoptr(ErrataEvalOutcome) number = NULL;
  g_autoptr(ErrataEvalOutcome) prose = NULL;

  add_reply (fixture, "{\"json\": {\"reasoning\": \"Hard to say.\"}}");
  add_reply (fixture, "{\"json\": {\"reasoning\": \"Could go either way.\", \"verdict\": \"maybe\"}}");
  add_reply (fixture, "{\"json\": {\"reasoning\": \"Numbers.\", \"verdict\": 1}}");
  add_reply (fixture, "\"I would say it passes.\"");

  missing = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);
  g_assert_cmpint (missing->verdict, ==, ERRATA_JUDGE_ERROR);
  assert_contains (missing->error, "no “verdict”");
  assert_contains (missing->raw, "Hard to say.");
  g_assert_cmpstr (missing->reasoning, ==, "Hard to say.");
  g_assert_cmpint (missing->tokens_out, >, 0);

  maybe = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);
  g_assert_cmpint (maybe->verdict, ==, ERRATA_JUDGE_ERROR);
  assert_contains (maybe->error, "“maybe”");
  assert_contains (maybe->raw, "\"maybe\"");

  number = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);
  g_assert_cmpint (number->verdict, ==, ERRATA_JUDGE_ERROR);
  assert_contains (number->error, "not “pass” or “fail”");

  /* No JSON at all: still an outcome, with the text the model wrote. */
  prose = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);
  g_assert_cmpint (prose->verdict, ==, ERRATA_JUDGE_ERROR);
  assert_contains (prose->error, "no JSON object");
  if (GPOINTER_TO_INT (data) == ERRATA_LLM_KIND_OPENAI)
    g_assert_cmpstr (prose->raw, ==, "I would say it passes.");
  else
    assert_contains (prose->raw, "I would say it passes.");
  g_assert_null (prose->reasoning);
}

/* ---- what the client could not get ---------------------------------------- */

static void
test_rate_limited_then_ok (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  g_autoptr(ErrataEvalOutcome) outcome = NULL;

  errata_mock_llm_server_set_fault (fixture->server, ERRATA_MOCK_FAULT_429, 1);
  errata_mock_llm_server_set_retry_after (fixture->server, 1);
  outcome = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_PASS);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 2);
}

static void
test_server_errors_exhausted (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  g_autoptr(ErrataEvalOutcome) outcome = NULL;

  errata_mock_llm_server_set_fault (fixture->server, ERRATA_MOCK_FAULT_500, 0);
  outcome = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_ERROR);
  assert_contains (outcome->error, "Gave up after 3 attempts");
  g_assert_null (outcome->raw);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 3);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, "{\"max_tokens\": 64}");
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autoptr(ErrataEvalOutcome) cut = NULL;

  /* Even a reply whose JSON looks whole is cut off when the model says so. */
  add_reply (fixture, "{\"json\": {\"reasoning\": \"The flat\", \"verdict\": \"pass\"},"
                      " \"finish_reason\": \"length\"}");
  add_reply (fixture, "{\"text\": \"{\\\"reasoning\\\": \\\"RP-1 is ab\","
                      " \"finish_reason\": \"max_tokens\"}");
  outcome = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_ERROR);
  assert_contains (outcome->error, "max_tokens 64");
  assert_contains (outcome->raw, "The flat");

  /* The usual case: the JSON itself is cut. */
  cut = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);
  g_assert_cmpint (cut->verdict, ==, ERRATA_JUDGE_ERROR);
  assert_contains (cut->error, "token limit");
  assert_contains (cut->raw, "RP-1 is ab");
}

/* The client stops on a refused key: no trace can be judged, which the
 * run hears as a failure of the evaluation itself. */
static void
test_auth_fails_the_method (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  errata_mock_llm_server_set_fault (fixture->server, ERRATA_MOCK_FAULT_AUTH, 0);
  outcome = evaluate_full (judge, fixture->trace, ERRATA_EVAL_FLAGS_NONE, NULL, &error);
  g_assert_null (outcome);
  g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH);
}

static void
test_bypass_cache (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  g_autoptr(ErrataLlmCache) cache = errata_llm_cache_new_in_memory ();
  g_autoptr(ErrataEvalOutcome) first = NULL;
  g_autoptr(ErrataEvalOutcome) cached = NULL;
  g_autoptr(ErrataEvalOutcome) repeat = NULL;
  g_autoptr(ErrataEvalOutcome) again = NULL;

  add_reply (fixture, "{\"json\": {\"reasoning\": \"first\", \"verdict\": \"pass\"}}");
  add_reply (fixture, "{\"json\": {\"reasoning\": \"second\", \"verdict\": \"fail\"}}");
  errata_llm_client_set_cache (fixture->client, cache);

  first = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);
  cached = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 1);
  g_assert_cmpstr (cached->reasoning, ==, "first");
  g_assert_cmpfloat (cached->cost, ==, 0);
  g_assert_cmpfloat (first->cost, >, 0);

  repeat = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_BYPASS_CACHE);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 2);
  g_assert_cmpint (repeat->verdict, ==, ERRATA_JUDGE_FAIL);
  g_assert_cmpstr (repeat->reasoning, ==, "second");

  /* The repeat did not replace what a plain rerun reproduces. */
  again = evaluate (fixture, judge, ERRATA_EVAL_FLAGS_NONE);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 2);
  g_assert_cmpstr (again->reasoning, ==, "first");
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autoptr(ErrataEvalOutcome) before = NULL;
  g_autoptr(GError) error = NULL;

  errata_mock_llm_server_set_fault (fixture->server, ERRATA_MOCK_FAULT_HANG, 0);
  errata_eval_method_evaluate_async (ERRATA_EVAL_METHOD (judge), fixture->trace,
                                     ERRATA_EVAL_FLAGS_NONE, cancellable, on_evaluated, &result);
  while (errata_mock_llm_server_get_n_requests (fixture->server) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  errata_test_wait_until (result_arrived, &result, 60);

  outcome = errata_eval_method_evaluate_finish (ERRATA_EVAL_METHOD (judge), result, &error);
  g_assert_null (outcome);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Cancelled before it starts: no call at all. */
  g_clear_error (&error);
  before = evaluate_full (judge, fixture->trace, ERRATA_EVAL_FLAGS_NONE, cancellable, &error);
  g_assert_null (before);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 1);
}

/* ---- the definition and the estimate -------------------------------------- */

static void
test_definition (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct { const char *json; const char *message; } bad[] = {
    { "{\"max_tokens\": \"lots\"}", "“max_tokens” must be a whole number above 0" },
    { "{\"max_tokens\": 0}", "“max_tokens”" },
    { "{\"max_tokens\": 10.5}", "“max_tokens”" },
    { "{\"temperature\": -0.1}", "“temperature”" },
    { "{\"concurrency\": 0}", "“concurrency”" },
    { "{\"model\": 4}", "“model” must be a string" },
    { "{\"prompt\": \"Judge {{outptu}}\"}", "“{{outptu}}”" },
    { "{\"prompt\": \" \\n \"}", "“prompt”" },
  };
  g_autoptr(ErrataJudge) defaults = new_judge (fixture, NULL);
  g_autoptr(ErrataJudge) custom = NULL;
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autofree char *rendered = NULL;
  JsonObject *sent;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i].json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ErrataJudge) judge = errata_judge_new (fixture->client, json_node_get_object (node),
                                                       NULL, NULL, &error);

      g_assert_null (judge);
      g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
      assert_contains (error->message, bad[i].message);
    }

  g_assert_cmpuint (errata_eval_method_get_concurrency (ERRATA_EVAL_METHOD (defaults)), ==, 8);
  g_assert_cmpstr (errata_judge_get_model (defaults), ==, "mock-model");

  custom = new_judge (fixture, "{\"prompt\": \"Is {{output}} within {{metadata.budget}}?\","
                               " \"model\": \"judge-model\", \"temperature\": 0.5,"
                               " \"max_tokens\": 100, \"concurrency\": 3, \"kind\": \"llm\"}");
  json_object_set_string_member (errata_trace_get_metadata (fixture->trace), "budget", "1200 EUR");
  rendered = errata_judge_render (custom, fixture->trace);
  g_assert_cmpstr (rendered, ==, "Is RP-1 costs 1350 EUR. within 1200 EUR?");
  g_assert_cmpuint (errata_eval_method_get_concurrency (ERRATA_EVAL_METHOD (custom)), ==, 3);
  g_assert_cmpstr (errata_judge_get_model (custom), ==, "judge-model");

  outcome = evaluate (fixture, custom, ERRATA_EVAL_FLAGS_NONE);
  sent = json_node_get_object (errata_mock_llm_server_get_last_request (fixture->server));
  g_assert_cmpstr (json_object_get_string_member (sent, "model"), ==, "judge-model");
  g_assert_cmpfloat (json_object_get_double_member (sent, "temperature"), ==, 0.5);
  g_assert_cmpint (json_object_get_int_member (sent, "max_tokens"), ==, 100);
  g_assert_cmpfloat_with_epsilon (outcome->cost, (outcome->tokens_in * 10.0 + outcome->tokens_out * 20.0) / 1e6, 1e-12);
}

static void
test_examples_copied (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) examples = g_ptr_array_new_with_free_func ((GDestroyNotify) errata_judge_example_free);
  g_autoptr(JsonNode) node = json_from_string ("{\"prompt\": \"{{examples}}\"}", NULL);
  g_autoptr(ErrataJudge) judge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rendered = NULL;

  g_ptr_array_add (examples, errata_judge_example_new (3, "in", "out", ERRATA_VERDICT_FAIL,
                                                       "Above budget."));
  judge = errata_judge_new (fixture->client, json_node_get_object (node), NULL, examples, &error);
  g_assert_no_error (error);
  g_clear_pointer (&examples, g_ptr_array_unref);

  rendered = errata_judge_render (judge, fixture->trace);
  g_assert_cmpstr (rendered, ==, "Example 1\nInput: in\nOutput: out\nHuman label: FAIL\n"
                                 "Critique: Above budget.");
}

static void
test_estimate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ErrataJudge) judge = new_judge (fixture, "{\"prompt\": \"Judge: {{output}}\","
                                                     " \"max_tokens\": 300}");
  g_autoptr(ErrataJudge) priced = new_judge (fixture, "{\"model\": \"judge-model\"}");
  g_autoptr(ErrataJudge) unknown = new_judge (fixture, "{\"model\": \"no-such-model\"}");
  g_autofree char *prompt = errata_judge_render (priced, fixture->trace);
  ErrataEvalEstimate estimate;
  glong chars = g_utf8_strlen (prompt, -1);

  /* "Judge: RP-1 costs 1350 EUR." is 27 characters: 7 tokens, rounded up. */
  errata_eval_method_estimate (ERRATA_EVAL_METHOD (judge), fixture->trace, &estimate);
  g_assert_cmpint (estimate.tokens_in, ==, 7);
  g_assert_cmpint (estimate.tokens_out, ==, 150);
  g_assert_cmpfloat_with_epsilon (estimate.cost, (7 * 1.0 + 150 * 2.0) / 1e6, 1e-15);

  errata_eval_method_estimate (ERRATA_EVAL_METHOD (priced), fixture->trace, &estimate);
  g_assert_cmpint (estimate.tokens_in, ==, (chars + 3) / 4);
  g_assert_cmpint (estimate.tokens_out, ==, 256);
  g_assert_cmpfloat_with_epsilon (estimate.cost, (estimate.tokens_in * 10.0 + 256 * 20.0) / 1e6, 1e-15);

  errata_eval_method_estimate (ERRATA_EVAL_METHOD (unknown), fixture->trace, &estimate);
  g_assert_cmpfloat (estimate.cost, ==, 0);
  g_assert_cmpint (estimate.tokens_in, >, 0);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gconstpointer openai = GINT_TO_POINTER (ERRATA_LLM_KIND_OPENAI);
  gconstpointer anthropic = GINT_TO_POINTER (ERRATA_LLM_KIND_ANTHROPIC);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, kind) \
  g_test_add ("/eval/judge/" path, Fixture, kind, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/eval/judge/parse-verdict", test_parse_verdict);
  ADD ("pass-and-request/openai", test_pass_and_request, openai);
  ADD ("pass-and-request/anthropic", test_pass_and_request, anthropic);
  ADD ("fail-and-spellings", test_fail_and_spellings, openai);
  ADD ("json-in-prose", test_json_in_prose, openai);
  ADD ("malformed/openai", test_malformed, openai);
  ADD ("malformed/anthropic", test_malformed, anthropic);
  ADD ("rate-limited-then-ok", test_rate_limited_then_ok, openai);
  ADD ("server-errors-exhausted", test_server_errors_exhausted, openai);
  ADD ("truncated/openai", test_truncated, openai);
  ADD ("truncated/anthropic", test_truncated, anthropic);
  ADD ("auth-fails-the-method", test_auth_fails_the_method, openai);
  ADD ("bypass-cache", test_bypass_cache, openai);
  ADD ("cancel", test_cancel, openai);
  ADD ("definition", test_definition, openai);
  ADD ("examples-copied", test_examples_copied, openai);
  ADD ("estimate", test_estimate, openai);

#undef ADD

  return g_test_run ();
}
