/* test-synth-run.c: accepted queries through each kind of target (the test
 * HTTP system, a command, a chat endpoint on the mock LLM), failures kept on
 * their queries, cancel and resume, trust, and the breakdown's numbers
 * worked out by hand.
 *
 * G_TEST_OPTION_ISOLATE_DIRS gives every test its own XDG_CONFIG_HOME, so
 * the trust granted here never reaches the user's own file.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "errata-mock-llm-server.h"
#include "errata-project-private.h"
#include "errata-synth-breakdown.h"
#include "errata-test-sut.h"
#include "errata-trust.h"
#include "synth-test-helpers.h"

static char *
project_id (ErrataProject *project)
{
  return errata_project_get_meta (project, "project_id");
}

static char *
http_target_json (ErrataTestSut *sut,
                  guint          concurrency,
                  const char    *extra)
{
  return g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\", \"method\": \"POST\","
                          " \"headers\": {\"X-Test\": \"yes\"},"
                          " \"body\": {\"query\": \"{{query}}\","
                          "            \"persona\": \"{{dimension.persona}}\"},"
                          " \"reply_pointer\": \"/answer\", \"messages_pointer\": \"/messages\","
                          " \"concurrency\": %u%s}",
                          errata_test_sut_get_url (sut), concurrency, extra != NULL ? extra : "");
}

static gint64
count (ErrataProject *project,
       const char    *sql)
{
  gint64 value = -1;

  g_assert_true (_errata_project_query_int (project, sql, &value, NULL));
  return value;
}

static void
test_template_and_pointer (void)
{
  g_autoptr(JsonNode) template_ = json_from_string ("{\"q\": \"{{query}}\", \"meta\": [\"{{ dimension.persona }}"
                                                    " / {{dimension.none}} {{other}}\", 3]}", NULL);
  g_autoptr(JsonObject) dims = json_object_new ();
  g_autoptr(JsonNode) filled = NULL;
  g_autoptr(JsonNode) doc = json_from_string ("{\"a\": [{\"b/c\": 1, \"m~n\": \"x\"}]}", NULL);
  g_autofree char *text = NULL;

  json_object_set_string_member (dims, "persona", "investor");
  filled = errata_synth_target_fill_template (template_, "He said \"hi\"", dims);
  text = json_to_string (filled, FALSE);
  g_assert_cmpstr (text, ==, "{\"q\":\"He said \\\"hi\\\"\",\"meta\":[\"investor /  {{other}}\",3]}");
  g_assert_cmpint (json_node_get_int (errata_synth_json_pointer (doc, "/a/0/b~1c")), ==, 1);
  g_assert_cmpstr (json_node_get_string (errata_synth_json_pointer (doc, "/a/0/m~0n")), ==, "x");
  g_assert_null (errata_synth_json_pointer (doc, "/a/1"));
  g_assert_null (errata_synth_json_pointer (doc, "a"));
  g_assert_true (errata_synth_json_pointer (doc, "") == doc);
}

static void
test_target_errors (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (errata_synth_target_new_from_text ("{\"kind\": \"ftp\"}", "p", &error));
  g_assert_nonnull (strstr (error->message, "“kind”"));
  g_clear_error (&error);
  g_assert_null (errata_synth_target_new_from_text ("{\"kind\": \"http\", \"url\": \"file:///x\"}",
                                                    "p", &error));
  g_assert_nonnull (strstr (error->message, "“url”"));
  g_clear_error (&error);
  g_assert_null (errata_synth_target_new_from_text ("{\"kind\": \"http\", \"url\": \"http://h/\","
                                                    " \"reply_pointer\": \"answer\"}", "p", &error));
  g_assert_nonnull (strstr (error->message, "“reply_pointer”"));
  g_clear_error (&error);
  g_assert_null (errata_synth_target_new_from_text ("{\"kind\": \"command\", \"command\": \"ls\"}",
                                                    "p", &error));
  g_assert_nonnull (strstr (error->message, "“command”"));
  g_clear_error (&error);
  g_assert_null (errata_synth_target_new_from_text ("{\"kind\": \"chat\", \"base_url\": \"http://h/v1\","
                                                    " \"concurrency\": 0}", "p", &error));
  g_assert_nonnull (strstr (error->message, "“concurrency”"));
}

/* Queries of tuples 2 and 7 always get 500; those of 3 get 503 once. */
static void
test_http_run (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTestSut) sut = errata_test_sut_new (0, NULL);
  g_autofree char *json = http_target_json (sut, 3, NULL);
  g_autofree char *id = project_id (project);
  g_autoptr(ErrataSynthTarget) target = synth_test_target (json, id);
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  const guint failing[] = { 2, 7, 0 };
  SynthRunWait wait = { 0 };
  ErrataSynthRunResult result;
  guint n_traces = 0, n_errors = 0;

  synth_test_fill (project, "BREAK", failing);
  {
    /* The flaky one: a separate marker on tuple 3's query. */
    g_autoptr(GPtrArray) all = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
    ErrataSynthQuery *third = g_ptr_array_index (all, 2);
    g_autofree char *text = g_strconcat (third->text, " FLAKY", NULL);

    g_assert_true (errata_synth_queries_set_text (project, third->id, text, NULL));
  }
  errata_test_sut_set_fail_marker (sut, "BREAK");
  errata_test_sut_set_flaky_marker (sut, "FLAKY");
  errata_test_sut_set_latency (sut, 20);

  g_assert_true (synth_test_run (project, target, &wait, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.total, ==, 12);
  g_assert_cmpuint (result.n_traces, ==, 10);
  g_assert_cmpuint (result.n_failed, ==, 2);
  g_assert_false (result.cancelled);
  g_assert_cmpuint (wait.n_progress, ==, 12);
  /* The queue kept to its concurrency, and used it. */
  g_assert_cmpuint (errata_test_sut_get_max_in_flight (sut), <=, 3);
  /* 12 first tries, 2 retries of each 500 (3 attempts), 1 of the 503. */
  g_assert_cmpuint (errata_test_sut_get_n_requests (sut), ==, 12 + 2 * 2 + 1);

  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);
      g_autoptr(ErrataTrace) trace = NULL;
      JsonObject *metadata;

      g_assert_cmpint (query->batch_id, ==, result.batch_id);
      if (query->trace_id == 0)
        {
          n_errors++;
          g_assert_nonnull (strstr (query->text, "BREAK"));
          g_assert_nonnull (strstr (query->error, "HTTP 500"));
          continue;
        }
      n_traces++;
      g_assert_null (query->error);
      trace = errata_project_get_trace (project, query->trace_id, &error);
      g_assert_no_error (error);
      metadata = errata_trace_get_metadata (trace);
      g_assert_cmpstr (errata_trace_get_source (trace), ==, "synth");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (metadata,
                                                                                     "dimensions"),
                                                      "persona"), ==,
                       json_object_get_string_member (query->dimensions, "persona"));
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (metadata, "synth"),
                                                   "query_id"), ==, query->id);
      /* The system's own messages, and the answer it gave this persona. */
      g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 2);
      g_assert_cmpstr (errata_trace_get_input (trace), ==, query->text);
      g_assert_true (g_str_has_prefix (errata_trace_get_output (trace), "Answer for "));
      g_assert_nonnull (strstr (errata_trace_get_output (trace),
                                json_object_get_string_member (query->dimensions, "persona")));
      if (strstr (query->text, "FLAKY") != NULL)
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (metadata, "synth"),
                                                     "attempts"), ==, 2);
    }
  g_assert_cmpuint (n_traces, ==, 10);
  g_assert_cmpuint (n_errors, ==, 2);
  /* Stored as an import stores: the search index knows the replies. */
  g_assert_cmpint (count (project, "SELECT count(*) FROM traces_fts WHERE traces_fts MATCH 'Answer'"),
                   ==, 10);
  g_assert_cmpint (count (project, "SELECT n_done FROM synth_batches"), ==, 10);
  g_assert_cmpint (count (project, "SELECT n_failed FROM synth_batches"), ==, 2);
  g_assert_cmpint (count (project, "SELECT count(*) FROM synth_batches WHERE status = 'done'"), ==, 1);

  /* Running again sends only what has no trace: the two that fail. */
  g_assert_true (synth_test_run (project, target, &wait, NULL, &result, &error));
  g_assert_cmpuint (result.total, ==, 2);
  g_assert_cmpuint (result.n_traces, ==, 0);
  g_assert_cmpint (count (project, "SELECT count(*) FROM traces"), ==, 10);
  errata_test_remove_tree (dir);
}

static gboolean
sut_idle (gpointer data)
{
  return errata_test_sut_get_n_in_flight (data) == 0;
}

static void
test_cancel_and_resume (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTestSut) sut = errata_test_sut_new (0, NULL);
  g_autofree char *json = http_target_json (sut, 2, NULL);
  g_autofree char *id = project_id (project);
  g_autoptr(ErrataSynthTarget) target = synth_test_target (json, id);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SynthRunWait wait = { 0 };
  ErrataSynthRunResult result;
  guint requests_before;

  synth_test_fill (project, NULL, NULL);
  errata_test_sut_set_latency (sut, 100);
  wait.cancel_at = cancellable;
  wait.cancel_after = 3;
  g_assert_true (synth_test_run (project, target, &wait, cancellable, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.cancelled);
  g_assert_cmpuint (result.n_traces, >=, 3);
  g_assert_cmpuint (result.n_traces, <, 12);
  /* Cancelled calls are not failures: nothing is recorded on their queries. */
  g_assert_cmpuint (result.n_failed, ==, 0);
  g_assert_cmpint (count (project, "SELECT count(*) FROM synth_queries WHERE error IS NOT NULL"), ==, 0);
  g_assert_cmpint (count (project, "SELECT count(*) FROM synth_batches WHERE status = 'cancelled'"),
                   ==, 1);
  g_assert_cmpint (count (project, "SELECT count(*) FROM traces"), ==, result.n_traces);
  /* Wait until the system finished what was in flight when we cancelled. */
  errata_test_wait_until (sut_idle, sut, 30);

  requests_before = errata_test_sut_get_n_requests (sut);
  {
    guint left = 12 - result.n_traces;
    SynthRunWait again = { 0 };

    g_assert_true (synth_test_run (project, target, &again, NULL, &result, &error));
    g_assert_no_error (error);
    g_assert_false (result.cancelled);
    g_assert_cmpuint (result.total, ==, left);
    g_assert_cmpuint (result.n_traces, ==, left);
    g_assert_cmpuint (errata_test_sut_get_n_requests (sut) - requests_before, ==, left);
  }
  g_assert_cmpint (count (project, "SELECT count(*) FROM traces"), ==, 12);
  g_assert_cmpint (count (project, "SELECT count(DISTINCT trace_id) FROM synth_queries"), ==, 12);
  errata_test_remove_tree (dir);
}

static char *
command_target_json (const char *extra)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "synth", "synth-target.sh",
                                                   NULL);

  return g_strdup_printf ("{\"kind\": \"command\", \"command\": [\"%s\"%s], \"concurrency\": 2%s}",
                          script, extra != NULL && strstr (extra, "json") ? ", \"--json\"" : "",
                          extra != NULL ? extra : "");
}

static void
test_command_run (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *json = command_target_json (NULL);
  g_autofree char *id = project_id (project);
  g_autoptr(ErrataSynthTarget) target = synth_test_target (json, id);
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  const guint failing[] = { 4, 0 };
  SynthRunWait wait = { 0 };
  ErrataSynthRunResult result;

  synth_test_fill (project, "FAILCMD", failing);
  /* A command that came with the project: refused until trusted, and
   * nothing is sent or recorded. */
  g_assert_false (errata_synth_target_is_trusted (target));
  g_assert_false (synth_test_run (project, target, &wait, NULL, &result, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_TRUSTED);
  g_assert_nonnull (strstr (error->message, "synth-target.sh"));
  g_clear_error (&error);
  g_assert_cmpint (count (project, "SELECT count(*) FROM synth_batches"), ==, 0);

  /* The trust a command evaluator would get is the same trust. */
  g_assert_true (errata_trust_grant (id, errata_synth_target_get_command_line (target), &error));
  g_assert_true (errata_synth_target_is_trusted (target));
  g_assert_true (synth_test_run (project, target, &wait, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_traces, ==, 11);
  g_assert_cmpuint (result.n_failed, ==, 1);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);
      g_autoptr(ErrataTrace) trace = NULL;
      g_autofree char *expected = NULL;

      if (query->trace_id == 0)
        {
          g_assert_nonnull (strstr (query->error, "exited with status 3: cannot answer that"));
          continue;
        }
      trace = errata_project_get_trace (project, query->trace_id, NULL);
      expected = g_strdup_printf ("Command says: %s", query->text);
      g_assert_cmpstr (errata_trace_get_output (trace), ==, expected);
    }
  errata_test_remove_tree (dir);
}

static void
test_command_json_and_timeout (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  /* Every command must answer within the timeout but the slow one, which
   * sleeps 30 s: 10 s leaves a loaded machine room to start a shell. */
  g_autofree char *json = command_target_json (", \"input\": \"json\", \"timeout\": 10, "
                                               "\"max_attempts\": 1");
  g_autofree char *id = project_id (project);
  g_autoptr(ErrataSynthTarget) target = synth_test_target (json, id);
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  const guint slow[] = { 1, 0 };
  SynthRunWait wait = { 0 };
  ErrataSynthRunResult result;

  synth_test_fill (project, "SLOWCMD", slow);
  g_assert_true (errata_synth_target_grant_trust (target, &error));
  g_assert_true (synth_test_run (project, target, &wait, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_traces, ==, 11);
  g_assert_cmpuint (result.n_failed, ==, 1);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  {
    ErrataSynthQuery *first = g_ptr_array_index (queries, 0);
    ErrataSynthQuery *second = g_ptr_array_index (queries, 1);
    g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, second->trace_id, NULL);

    g_assert_cmpint (first->trace_id, ==, 0);
    g_assert_cmpstr (first->error, ==, "No reply within 10 s");
    /* The command got {"query", "dimensions"} and answered as a chat completion. */
    g_assert_true (g_str_has_prefix (errata_trace_get_output (trace), "Seen: {\"query\":\"query 2"));
    g_assert_nonnull (strstr (errata_trace_get_output (trace), "\"persona\":\"first-time buyer\""));
    g_assert_cmpint (errata_trace_get_tokens_in (trace), ==, 7);
  }
  errata_test_remove_tree (dir);
}

static void
test_chat_run (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, NULL);
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, FALSE);
  g_autofree char *json = g_strdup_printf ("{\"kind\": \"chat\", \"base_url\": \"%s\","
                                           " \"model\": \"estate-bot\", \"system\": \"You sell houses.\","
                                           " \"concurrency\": 4}", base);
  g_autofree char *id = project_id (project);
  g_autoptr(ErrataSynthTarget) target = synth_test_target (json, id);
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  SynthRunWait wait = { 0 };
  ErrataSynthRunResult result;
  ErrataSynthQuery *first;
  g_autoptr(ErrataTrace) trace = NULL;
  JsonArray *messages;

  synth_test_fill (project, NULL, NULL);
  g_assert_true (synth_test_run (project, target, &wait, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_traces, ==, 12);
  g_assert_cmpuint (errata_mock_llm_server_get_max_in_flight (server), <=, 4);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  first = g_ptr_array_index (queries, 0);
  trace = errata_project_get_trace (project, first->trace_id, NULL);
  messages = errata_trace_get_messages (trace);
  g_assert_cmpuint (json_array_get_length (messages), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0),
                                                  "content"), ==, "You sell houses.");
  g_assert_true (g_str_has_prefix (errata_trace_get_output (trace), "Mock reply"));
  g_assert_nonnull (strstr (errata_trace_get_output (trace), first->text));
  errata_test_remove_tree (dir);
}

/* A chat target's tools file: the tools go in the request body as they
 * are, and the tool calls the model answers with stay in the trace's
 * messages (normalised); a file that is not tools is refused naming it. */
static void
test_chat_tools (void)
{
  static const char tools_json[] =
    "[{\"type\": \"function\", \"function\": {\"name\": \"search_listings\","
    " \"description\": \"Find homes\", \"parameters\": {\"type\": \"object\","
    " \"properties\": {\"area\": {\"type\": \"string\"}}}}}]";
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, NULL);
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, FALSE);
  g_autofree char *tools_path = g_build_filename (dir, "tools.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad-tools.json", NULL);
  g_autofree char *json = g_strdup_printf ("{\"kind\": \"chat\", \"base_url\": \"%s\","
                                           " \"model\": \"estate-bot\", \"tools_file\": \"%s\"}",
                                           base, tools_path);
  g_autofree char *bad = g_strdup_printf ("{\"kind\": \"chat\", \"base_url\": \"%s\","
                                          " \"tools_file\": \"%s\"}", base, bad_path);
  g_autofree char *id = project_id (project);
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(ErrataSynthTarget) bad_target = NULL;
  g_autoptr(JsonNode) scripted = json_from_string (
    "{\"text\": \"\", \"tool_calls\": [{\"id\": \"call_1\", \"type\": \"function\","
    " \"function\": {\"name\": \"search_listings\", \"arguments\": \"{\\\"area\\\": \\\"Leeds\\\"}\"}}]}",
    NULL);
  g_autoptr(JsonNode) expected = json_from_string (tools_json, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ErrataSynthReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *request;
  JsonObject *answer;
  JsonObject *call;

  g_assert_nonnull (scripted);
  g_assert_true (g_file_set_contents (tools_path, tools_json, -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, "[{\"name\": \"no function\"}]", -1, NULL));
  target = synth_test_target (json, id);
  errata_mock_llm_server_add_reply (server, scripted);
  errata_synth_target_call_async (target, "Two beds in Leeds?", NULL, NULL, errata_test_on_result,
                                  &result);
  errata_test_wait_for_result (&result);
  reply = errata_synth_target_call_finish (target, result, &error);
  g_assert_no_error (error);

  request = errata_mock_llm_server_get_last_request (server);
  g_assert_nonnull (request);
  g_assert_true (json_object_has_member (json_node_get_object (request), "tools"));
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (request), "tools"),
                                  expected));
  answer = json_array_get_object_element (reply->messages,
                                          json_array_get_length (reply->messages) - 1);
  g_assert_cmpstr (json_object_get_string_member (answer, "role"), ==, "assistant");
  g_assert_true (json_object_has_member (answer, "tool_calls"));
  call = json_array_get_object_element (json_object_get_array_member (answer, "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (call, "id"), ==, "call_1");
  g_assert_cmpstr (json_object_get_string_member (call, "name"), ==, "search_listings");
  g_assert_cmpstr (json_object_get_string_member (call, "arguments"), ==, "{\"area\": \"Leeds\"}");

  /* A file of something else: every call fails naming the member. */
  bad_target = synth_test_target (bad, id);
  g_clear_object (&result);
  errata_synth_target_call_async (bad_target, "Hi", NULL, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_null (errata_synth_target_call_finish (bad_target, result, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "tools_file"));
  g_clear_error (&error);
  /* Inline tools are checked when the target is read. */
  g_assert_null (errata_synth_target_new_from_text ("{\"kind\": \"chat\", \"base_url\": \"http://h/v1\","
                                                    " \"tools\": {\"no\": 1}}", id, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  errata_test_remove_tree (dir);
}

/* The breakdown ------------------------------------------------------------ */

static void
review (ErrataProject *project,
        gint64         trace_id,
        const char    *annotator,
        ErrataVerdict  verdict,
        ErrataAnnotationOrigin origin)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, annotator);
  g_autoptr(GError) error = NULL;

  annotation->verdict = verdict;
  annotation->origin = origin;
  g_free (annotation->note);
  annotation->note = g_strdup (verdict == ERRATA_VERDICT_FAIL ? "wrong" : "");
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

static const ErrataSynthCell *
find_cell (ErrataSynthBreakdown *breakdown,
           gint64                target,
           const char           *dimension,
           const char           *value,
           const char           *dimension2,
           const char           *value2)
{
  for (guint i = 0; i < breakdown->cells->len; i++)
    {
      const ErrataSynthCell *cell = g_ptr_array_index (breakdown->cells, i);

      if (cell->target == target && g_str_equal (cell->dimension, dimension)
          && g_str_equal (cell->value, value) && g_strcmp0 (cell->dimension2, dimension2) == 0
          && g_strcmp0 (cell->value2, value2) == 0)
        return cell;
    }
  g_assert_not_reached ();
}

/* The Wilson score interval, written out again here (z = 1.96). */
static void
wilson_by_hand (double  k,
                double  n,
                double *low,
                double *high)
{
  double z = 1.959963984540054, p = k / n;
  double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  double half = z / (1 + z * z / n) * sqrt (p * (1 - p) / n + z * z / (4 * n * n));

  *low = centre - half;
  *high = centre + half;
}

/* Twelve traces, one per combination (tuple i: persona i/4, feature
 * (i/2)%2, scenario i%2). Reviews made here: tuples 1–6 all, fails on 1, 2
 * and 5; tuple 7 disputed (two reviewers differ); tuples 8–12 only imported
 * verdicts, all fail, which must not count. */
static void
test_breakdown (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTestSut) sut = errata_test_sut_new (0, NULL);
  g_autofree char *json = http_target_json (sut, 4, NULL);
  g_autofree char *id = project_id (project);
  g_autoptr(ErrataSynthTarget) target = synth_test_target (json, id);
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(ErrataSynthBreakdown) breakdown = NULL;
  g_autoptr(GError) error = NULL;
  SynthRunWait wait = { 0 };
  ErrataSynthRunResult result;
  const ErrataSynthCell *cell;
  const ErrataSynthTargetCount *overall;
  double low, high;

  synth_test_fill (project, NULL, NULL);
  g_assert_true (synth_test_run (project, target, &wait, NULL, &result, &error));
  g_assert_cmpuint (result.n_traces, ==, 12);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < 12; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);
      guint n = i + 1;

      if (n <= 6)
        review (project, query->trace_id, "ana",
                n == 1 || n == 2 || n == 5 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS,
                ERRATA_ORIGIN_HERE);
      else if (n == 7)
        {
          review (project, query->trace_id, "ana", ERRATA_VERDICT_FAIL, ERRATA_ORIGIN_HERE);
          review (project, query->trace_id, "ben", ERRATA_VERDICT_PASS, ERRATA_ORIGIN_HERE);
        }
      else
        review (project, query->trace_id, "import", ERRATA_VERDICT_FAIL, ERRATA_ORIGIN_IMPORTED);
    }

  breakdown = errata_synth_breakdown_compute (project, TRUE, &error);
  g_assert_no_error (error);
  overall = g_ptr_array_index (breakdown->targets, 0);
  g_assert_cmpint (overall->target, ==, 0);
  g_assert_cmpuint (overall->n_traces, ==, 12);
  g_assert_cmpuint (overall->n_labelled, ==, 6);
  g_assert_cmpuint (overall->n_fail, ==, 3);
  g_assert_cmpuint (overall->n_disputed, ==, 1);

  /* first-time buyer = tuples 1–4: fails on 1 and 2 of 4. */
  cell = find_cell (breakdown, 0, "persona", "first-time buyer", NULL, NULL);
  g_assert_cmpuint (cell->n, ==, 4);
  g_assert_cmpuint (cell->n_fail, ==, 2);
  g_assert_cmpfloat_with_epsilon (cell->rate, 0.5, 1e-12);
  wilson_by_hand (2, 4, &low, &high);
  g_assert_cmpfloat_with_epsilon (cell->interval.lower, low, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell->interval.upper, high, 1e-9);
  /* By hand: centre (0.5 + 0.4802)/1.9604 = 0.5, half 0.4411… → [0.150, 0.850]. */
  g_assert_cmpfloat_with_epsilon (cell->interval.lower, 0.1500, 5e-4);
  g_assert_cmpfloat_with_epsilon (cell->interval.upper, 0.8500, 5e-4);
  /* investor = tuples 5–8: 5 fails, 6 passes, 7 disputed, 8 imported only. */
  cell = find_cell (breakdown, 0, "persona", "investor", NULL, NULL);
  g_assert_cmpuint (cell->n, ==, 2);
  g_assert_cmpuint (cell->n_fail, ==, 1);
  /* renter = tuples 9–12, imported labels only: nothing decided here. */
  cell = find_cell (breakdown, 0, "persona", "renter", NULL, NULL);
  g_assert_cmpuint (cell->n, ==, 0);
  g_assert_true (isnan (cell->rate));
  /* search = tuples 1, 2, 5, 6 (…): 3 fails of 4 reviewed. */
  cell = find_cell (breakdown, 0, "feature", "search", NULL, NULL);
  g_assert_cmpuint (cell->n, ==, 4);
  g_assert_cmpuint (cell->n_fail, ==, 3);
  wilson_by_hand (3, 4, &low, &high);
  g_assert_cmpfloat_with_epsilon (cell->interval.lower, low, 1e-9);
  /* clear = tuples 1, 3, 5: fails on 1 and 5. */
  cell = find_cell (breakdown, 0, "scenario", "clear", NULL, NULL);
  g_assert_cmpuint (cell->n, ==, 3);
  g_assert_cmpuint (cell->n_fail, ==, 2);
  /* A pair: first-time buyer × search = tuples 1, 2, both fail. */
  cell = find_cell (breakdown, 0, "persona", "first-time buyer", "feature", "search");
  g_assert_cmpuint (cell->n, ==, 2);
  g_assert_cmpuint (cell->n_fail, ==, 2);
  wilson_by_hand (2, 2, &low, &high);
  g_assert_cmpfloat_with_epsilon (cell->interval.upper, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell->interval.lower, low, 1e-9);
  errata_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* Isolated dirs hide the system's GSettings schemas, which the GNOME
   * proxy resolver reads on the first HTTP request: every server here is
   * on loopback anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/synth/target/template-and-pointer", test_template_and_pointer);
  g_test_add_func ("/synth/target/errors", test_target_errors);
  g_test_add_func ("/synth/run/http", test_http_run);
  g_test_add_func ("/synth/run/cancel-and-resume", test_cancel_and_resume);
  g_test_add_func ("/synth/run/command", test_command_run);
  g_test_add_func ("/synth/run/command-json-and-timeout", test_command_json_and_timeout);
  g_test_add_func ("/synth/run/chat", test_chat_run);
  g_test_add_func ("/synth/run/chat-tools", test_chat_tools);
  g_test_add_func ("/synth/breakdown", test_breakdown);
  return g_test_run ();
}
