/* test-eval-run-judge.c: an LLM judge's run against the mock server with
 * the project's reply cache: the cached replies are committed with the
 * verdicts they gave, a cancelled run keeps both and its resume asks only
 * for the rest; the traces read a page at a time; the estimate from the
 * stored sizes against the one that renders every prompt.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-method.h"
#include "errata-eval-run.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-mock-llm-server.h"
#include "errata-project-private.h"
#include "errata-test-utils.h"
#include "llm-test-helpers.h"

#define N_TRACES 40

typedef struct
{
  char                   *dir;
  ErrataProject          *project;
  GArray                 *ids;
  ErrataMockLlmServer    *server;
  ErrataLlmClient        *client;
  ErrataEvaluatorVersion *version;
  ErrataEvalMethod       *judge;
} Fixture;

/* Traces of every shape a prompt renders: plain turns of many lengths,
 * text outside ASCII, tool calls and their results. */
static ErrataTrace *
varied_trace (guint i)
{
  g_autofree char *name = g_strdup_printf ("j%02u", i);
  g_autofree char *question = g_strdup_printf ("Where is order %u? %s", i,
                                               i % 3 == 0 ? "Die Lieferung ist verspätet, 東京" : "");
  GString *answer = g_string_new ("It ships tomorrow.");
  ErrataTrace *trace;

  for (guint k = 0; k < i % 7; k++)
    g_string_append (answer, " The carrier confirmed the date and the address on file.");
  trace = errata_test_new_trace (name, question, answer->str);
  if (i % 4 == 1)
    {
      g_autofree char *json = g_strdup_printf (
        "[{\"role\": \"user\", \"content\": \"%s\"},"
        " {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"id\": \"c%u\","
        "   \"name\": \"order_status\", \"arguments\": \"{\\\"order\\\": %u}\"}]},"
        " {\"role\": \"tool\", \"tool_call_id\": \"c%u\", \"content\": \"{\\\"status\\\": \\\"shipped\\\"}\"},"
        " {\"role\": \"assistant\", \"content\": \"%s\"}]", question, i, i, i, answer->str);
      g_autoptr(JsonNode) messages = json_from_string (json, NULL);

      g_assert_nonnull (messages);
      errata_trace_set_messages (trace, json_node_get_array (messages));
    }
  g_string_free (answer, TRUE);
  return trace;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmCache) cache = NULL;
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) judge = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autoptr(ErrataTrace) trace = varied_trace (i);
      gint64 id;

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      g_assert_no_error (error);
      id = errata_trace_get_id (trace);
      g_array_append_val (fixture->ids, id);
    }

  fixture->server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);
  /* A little latency: replies arrive one by one, between the batches. */
  errata_mock_llm_server_set_latency (fixture->server, 2);
  provider = llm_test_provider (fixture->server, ERRATA_LLM_KIND_OPENAI);
  fixture->client = errata_llm_client_new (provider);
  cache = errata_llm_cache_new_for_project (fixture->project);
  errata_llm_client_set_cache (fixture->client, cache);

  json_object_set_int_member (definition, "concurrency", 3);
  judge = errata_evaluators_create (fixture->project, "Judge", ERRATA_TARGET_OVERALL, "judge",
                                    definition, NULL, &error);
  g_assert_no_error (error);
  fixture->version = errata_evaluators_get_version (fixture->project, judge->id, 0, &error);
  g_assert_no_error (error);
  fixture->judge = errata_evaluator_method_new (fixture->project, judge, fixture->version,
                                                fixture->client, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->judge);
  g_clear_pointer (&fixture->version, errata_evaluator_version_free);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->ids, g_array_unref);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (_errata_project_query_int (fixture->project, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

static gint64
count_cached (Fixture *fixture)
{
  return count (fixture, "SELECT count (*) FROM llm_cache");
}

static gint64
count_verdicts (Fixture *fixture)
{
  return count (fixture, "SELECT count (*) FROM verdicts");
}

/* Everything a method reads of a trace, as one text to compare. */
static char *
trace_text (ErrataTrace *trace)
{
  g_autoptr(JsonNode) messages = json_node_init_array (json_node_alloc (),
                                                       errata_trace_get_messages (trace));
  g_autoptr(JsonNode) metadata = json_node_init_object (json_node_alloc (),
                                                        errata_trace_get_metadata (trace));
  g_autofree char *messages_text = json_to_string (messages, FALSE);
  g_autofree char *metadata_text = json_to_string (metadata, FALSE);

  return g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|%u", errata_trace_get_id (trace),
                          errata_trace_get_external_id (trace), errata_trace_get_source (trace),
                          errata_trace_get_input (trace), errata_trace_get_output (trace),
                          messages_text, metadata_text,
                          errata_trace_get_tools (trace) != NULL
                          ? json_array_get_length (errata_trace_get_tools (trace)) : 0);
}

static gboolean
run_to_end (ErrataEvalRun  *run,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  errata_eval_run_start_async (run, cancellable, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  return errata_eval_run_start_finish (run, result, error);
}

typedef struct
{
  Fixture      *fixture;
  GCancellable *cancellable;
  guint         cancel_at;     /* 0: never */
  guint         n_checked;
} Watch;

/* At every verdict, what the file holds: as many cached replies as
 * verdicts (each verdict's reply committed with it, none ahead: stored one
 * by one, the replies were committed up to a batch before their verdicts). */
static void
on_progress (ErrataEvalRun *run,
             gpointer       data)
{
  Watch *watch = data;
  ErrataEvalProgress progress;

  g_assert_cmpint (count_cached (watch->fixture), ==, count_verdicts (watch->fixture));
  watch->n_checked++;
  errata_eval_run_get_progress (run, &progress);
  if (watch->cancel_at > 0 && progress.done >= watch->cancel_at)
    g_cancellable_cancel (watch->cancellable);
}

static ErrataEvalRun *
new_run (Fixture *fixture)
{
  ErrataEvalRun *run = errata_eval_run_new (fixture->project, fixture->version->id,
                                            fixture->judge, ERRATA_SCOPE_ALL, fixture->ids);

  errata_eval_run_set_batch_size (run, 5);
  return run;
}

static void
test_cache_with_verdicts (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = new_run (fixture);
  g_autoptr(ErrataEvalRun) again = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { fixture, NULL, 0, 0 };
  ErrataEvalProgress progress;

  g_signal_connect (run, "progress", G_CALLBACK (on_progress), &watch);
  g_assert_true (run_to_end (run, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_DONE);
  g_assert_cmpuint (watch.n_checked, ==, N_TRACES);
  errata_eval_run_get_progress (run, &progress);
  g_assert_cmpuint (progress.n_error, ==, 0);
  g_assert_cmpint (count_verdicts (fixture), ==, N_TRACES);
  g_assert_cmpint (count_cached (fixture), ==, N_TRACES);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, N_TRACES);

  /* Once the run is over the cache writes at once again, and a second
   * run is answered from it. */
  again = new_run (fixture);
  g_assert_true (run_to_end (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, N_TRACES);
  g_assert_cmpint (count_verdicts (fixture), ==, 2 * N_TRACES);
}

/* Cancelled midway: the verdicts and their replies are kept together;
 * the resume asks the provider only for the replies it has not got, and a
 * new run afterwards asks nothing. */
static void
test_cancel_keeps_cache (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ErrataEvalRun) run = new_run (fixture);
  g_autoptr(ErrataEvalRun) resumed = NULL;
  g_autoptr(ErrataEvalRun) fresh = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { fixture, cancellable, 12, 0 };
  ErrataEvalProgress progress;
  gint64 cached;
  guint asked;

  g_signal_connect (run, "progress", G_CALLBACK (on_progress), &watch);
  g_assert_true (run_to_end (run, cancellable, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_CANCELLED);
  errata_eval_run_get_progress (run, &progress);
  g_assert_cmpuint (progress.done, >=, 12);
  g_assert_cmpuint (progress.done, <, N_TRACES);
  g_assert_cmpint (count_verdicts (fixture), ==, progress.done);
  /* Every verdict's reply, and the replies that came back as the cancel
   * went through (cached, though no verdict was made of them). */
  cached = count_cached (fixture);
  g_assert_cmpint (cached, >=, progress.done);
  g_assert_cmpint (cached, <=, progress.done + 3);
  asked = errata_mock_llm_server_get_n_requests (fixture->server);

  resumed = errata_eval_run_new_resume (fixture->project, errata_eval_run_get_id (run),
                                        fixture->judge, &error);
  g_assert_no_error (error);
  g_assert_true (run_to_end (resumed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (resumed), ==, ERRATA_RUN_DONE);
  g_assert_cmpint (count_verdicts (fixture), ==, N_TRACES);
  g_assert_cmpint (count_cached (fixture), ==, N_TRACES);
  /* Requests cancelled in flight are asked again; nothing cached is. */
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server) - asked, ==,
                    N_TRACES - cached);

  asked = errata_mock_llm_server_get_n_requests (fixture->server);
  fresh = new_run (fixture);
  g_assert_true (run_to_end (fresh, NULL, &error));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, asked);
}

/* A page of traces is what errata_project_get_trace() reads, trace by
 * trace, in the order asked; a deleted one is left out. */
static void
test_trace_pages (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GArray) sizes = NULL;
  gint64 ids[] = { g_array_index (fixture->ids, gint64, 9), g_array_index (fixture->ids, gint64, 2),
                   g_array_index (fixture->ids, gint64, 5), g_array_index (fixture->ids, gint64, 1) };
  g_autofree char *sql = g_strdup_printf ("DELETE FROM traces WHERE id = %" G_GINT64_FORMAT, ids[2]);

  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (fixture->project), sql, NULL, NULL, NULL),
                   ==, SQLITE_OK);
  page = errata_project_get_traces (fixture->project, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  for (guint i = 0, k = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(ErrataTrace) one = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;

      if (i == 2)
        continue;
      one = errata_project_get_trace (fixture->project, ids[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (errata_trace_get_id (g_ptr_array_index (page, k)), ==, ids[i]);
      expected = trace_text (one);
      got = trace_text (g_ptr_array_index (page, k));
      g_assert_cmpstr (got, ==, expected);
      k++;
    }

  /* The sizes: as the stored text unpacked says, without unpacking it. */
  sizes = errata_project_get_trace_sizes (fixture->project, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sizes->len, ==, 3);
  for (guint i = 0; i < sizes->len; i++)
    {
      const ErrataTraceSizes *one = &g_array_index (sizes, ErrataTraceSizes, i);
      g_autofree char *check = g_strdup_printf (
        "SELECT length (CAST (errata_text (messages) AS BLOB)) = %" G_GINT64_FORMAT
        " AND length (CAST (errata_text (metadata) AS BLOB)) = %" G_GINT64_FORMAT
        " AND length (substr (input, 1, 300)) = %" G_GINT64_FORMAT
        " AND output_chars = %" G_GINT64_FORMAT
        " FROM traces WHERE id = %" G_GINT64_FORMAT, one->messages_bytes, one->metadata_bytes,
        one->input_chars, one->output_chars, one->id);

      g_assert_cmpint (one->messages_bytes, >, 100);
      g_assert_cmpint (count (fixture, check), ==, 1);
    }
}

/* The estimate from the stored sizes, next to the one that renders each
 * prompt (what errata_eval_run_estimate did before): the same tokens out;
 * the tokens in within 15% (the messages' JSON stands for the rendered
 * conversation, errata_judge_prompt_sized_chars). */
static void
test_estimate_from_sizes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = new_run (fixture);
  ErrataEvalEstimate from_sizes, rendered = { 0, };
  double ratio;

  errata_eval_run_estimate (run, &from_sizes);
  for (guint i = 0; i < fixture->ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (fixture->project,
                                                               g_array_index (fixture->ids, gint64, i),
                                                               &error);
      ErrataEvalEstimate one;

      g_assert_no_error (error);
      errata_eval_method_estimate (fixture->judge, trace, &one);
      rendered.tokens_in += one.tokens_in;
      rendered.tokens_out += one.tokens_out;
      rendered.cost += one.cost;
    }
  ratio = (double) from_sizes.tokens_in / rendered.tokens_in;
  g_test_message ("tokens in: %" G_GINT64_FORMAT " from sizes, %" G_GINT64_FORMAT
                  " rendered (%.3fx)", from_sizes.tokens_in, rendered.tokens_in, ratio);
  g_assert_cmpint (from_sizes.tokens_out, ==, rendered.tokens_out);
  g_assert_cmpfloat (ratio, >=, 0.85);
  g_assert_cmpfloat (ratio, <=, 1.15);
  /* No trace was read: nothing judged, nothing asked. */
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 0);
}

/* Past the first page (the second read ahead while requests are out):
 * every trace judged once, in the pages' order; traces deleted before
 * the run, at the end of a page and in the middle of one, leave it. */
static void
test_many_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GError) error = NULL;
  ErrataEvalProgress progress;
  gint64 gone[2];
  guint n;

  for (guint i = N_TRACES; i < 3 * ERRATA_PROJECT_TRACE_PAGE + 5; i++)
    {
      g_autoptr(ErrataTrace) trace = varied_trace (i);
      gint64 id;

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      id = errata_trace_get_id (trace);
      g_array_append_val (fixture->ids, id);
    }
  n = fixture->ids->len;
  gone[0] = g_array_index (fixture->ids, gint64, 2 * ERRATA_PROJECT_TRACE_PAGE - 1);
  gone[1] = g_array_index (fixture->ids, gint64, ERRATA_PROJECT_TRACE_PAGE + 10);
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM traces WHERE id = %" G_GINT64_FORMAT,
                                              gone[i]);

      g_assert_cmpint (sqlite3_exec (_errata_project_get_db (fixture->project), sql, NULL, NULL,
                                     NULL), ==, SQLITE_OK);
    }

  run = new_run (fixture);
  g_assert_true (run_to_end (run, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_DONE);
  errata_eval_run_get_progress (run, &progress);
  g_assert_cmpuint (progress.total, ==, n - 2);
  g_assert_cmpuint (progress.done, ==, n - 2);
  g_assert_cmpint (count_verdicts (fixture), ==, n - 2);
  g_assert_cmpint (count (fixture, "SELECT count (DISTINCT trace_id) FROM verdicts"), ==, n - 2);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, n - 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/eval-run-judge" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cache-with-verdicts", test_cache_with_verdicts);
  ADD ("/cancel-keeps-cache", test_cancel_keeps_cache);
  ADD ("/trace-pages", test_trace_pages);
  ADD ("/estimate-from-sizes", test_estimate_from_sizes);
  ADD ("/many-pages", test_many_pages);
#undef ADD

  return g_test_run ();
}
