/* test-eval-batch.c: ErrataEvalBatch against the in-process mock server:
 * the requests of a batch are the live run's, batches split under a size,
 * the "changed" signal and the stored rows follow the batches, the
 * rules of a live run hold (a test split needs a finalized version; a
 * remote provider needs the project's consent) and refuse before anything
 * is sent, and a resumed batch run whose batches were all collected sends
 * nothing.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-batch.h"
#include "errata-eval-batches.h"
#include "errata-eval-run.h"
#include "errata-eval-runs.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-mock-llm-server.h"
#include "errata-project-private.h"
#include "errata-remote-consent.h"
#include "errata-splits.h"
#include "errata-test-utils.h"
#include "llm-test-helpers.h"

#define N_TRACES 12

typedef struct
{
  char                *dir;
  ErrataProject       *project;
  ErrataMockLlmServer *server;
  ErrataLlmClient     *client;
  ErrataEvaluator     *evaluator;
  ErrataEvalMethod    *method;
  GArray              *ids;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(JsonObject) definition = json_object_new ();

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%02u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (name, "question", "answer");
      gint64 id;

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      id = errata_trace_get_id (trace);
      g_array_append_val (fixture->ids, id);
    }
  fixture->server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);
  errata_mock_llm_server_set_batches (fixture->server, 20, 0, 0, 0);
  provider = llm_test_provider (fixture->server, ERRATA_LLM_KIND_OPENAI);
  g_free (provider->model);
  provider->model = g_strdup ("gpt-4o-mini");
  fixture->client = errata_llm_client_new (provider);
  fixture->evaluator = errata_evaluators_create (fixture->project, "Judge", ERRATA_TARGET_OVERALL,
                                                 "judge", definition, NULL, &error);
  g_assert_no_error (error);
  version = errata_evaluators_get_version (fixture->project, fixture->evaluator->id, 0, &error);
  fixture->method = errata_evaluator_method_new (fixture->project, fixture->evaluator, version,
                                                 fixture->client, &error);
  g_assert_no_error (error);
  g_assert_true (ERRATA_IS_JUDGE (fixture->method));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->method);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->evaluator, errata_evaluator_free);
  g_clear_pointer (&fixture->ids, g_array_unref);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
version_id (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataEvaluatorVersion) version =
    errata_evaluators_get_version (fixture->project, fixture->evaluator->id, 0, &error);

  g_assert_no_error (error);
  return version->id;
}

static gboolean
run_batch (ErrataEvalBatch  *batch,
           GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  errata_eval_batch_set_poll_interval (batch, 5, 50);
  errata_eval_batch_run_async (batch, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  return errata_eval_batch_run_finish (batch, result, error);
}

static void
on_changed (ErrataEvalBatch *batch,
            guint           *count)
{
  (*count)++;
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

/* Three batches of at most five; every trace judged once, priced at half
 * the list price; the rows say so; a resume sends nothing more. */
static void
test_batches (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = errata_eval_run_new (fixture->project, version_id (fixture),
                                                      fixture->method, ERRATA_SCOPE_ALL,
                                                      fixture->ids);
  g_autoptr(ErrataEvalBatch) batch = errata_eval_batch_new (run, ERRATA_JUDGE (fixture->method));
  g_autoptr(ErrataEvalRun) resumed = NULL;
  g_autoptr(ErrataEvalBatch) again = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  ErrataEvalProgress progress;
  guint changes = 0;
  double list_price;

  errata_eval_batch_set_max_requests (batch, 5);
  g_signal_connect (batch, "changed", G_CALLBACK (on_changed), &changes);
  g_assert_true (run_batch (batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_DONE);
  errata_eval_run_get_progress (run, &progress);
  g_assert_cmpuint (progress.done, ==, N_TRACES);
  g_assert_cmpuint (progress.n_pass, ==, N_TRACES);
  list_price = errata_llm_prices_cost (errata_llm_client_get_prices (fixture->client),
                                       "gpt-4o-mini", progress.tokens_in, progress.tokens_out);
  g_assert_cmpfloat (list_price, >, 0);
  g_assert_cmpfloat_with_epsilon (progress.cost, list_price / 2, 1e-12);
  /* Submitted, ended and collected, at least, for each batch. */
  g_assert_cmpuint (changes, >=, 3 * 3);
  g_assert_cmpuint (errata_mock_llm_server_get_n_batches (fixture->server), ==, 3);

  rows = errata_eval_batches_list (fixture->project, errata_eval_run_get_id (run), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      ErrataEvalBatchRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->state, ==, ERRATA_EVAL_BATCH_COLLECTED);
      g_assert_cmpstr (row->provider, ==, "openai");
      g_assert_cmpuint (row->trace_ids->len, ==, i < 2 ? 5 : 2);
      g_assert_cmpint (row->n_succeeded, ==, row->trace_ids->len);
      g_assert_nonnull (row->batch_id);
    }
  g_assert_cmpint (count (fixture, "SELECT count (DISTINCT trace_id) FROM verdicts"), ==,
                   N_TRACES);

  /* Nothing left to do: a resume ends at once and sends nothing. */
  resumed = errata_eval_run_new_resume (fixture->project, errata_eval_run_get_id (run),
                                        fixture->method, &error);
  g_assert_no_error (error);
  again = errata_eval_batch_new (resumed, ERRATA_JUDGE (fixture->method));
  g_assert_true (run_batch (again, &error));
  g_assert_cmpint (errata_eval_run_get_status (resumed), ==, ERRATA_RUN_DONE);
  g_assert_cmpuint (errata_mock_llm_server_get_n_batches (fixture->server), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM verdicts"), ==, N_TRACES);
}

static void
cancel_once_submitted (ErrataEvalBatch *batch,
                       GCancellable    *cancellable)
{
  GPtrArray *rows = errata_eval_batch_get_rows (batch);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (((ErrataEvalBatchRow *) g_ptr_array_index (rows, i))->state
        == ERRATA_EVAL_BATCH_SUBMITTED)
      g_cancellable_cancel (cancellable);
}

/* Cancelled with its batch at the provider: the run is cancelled, a live
 * resume is refused (it would pay twice), a batch resume collects it. */
static void
test_cancel_and_resume (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = errata_eval_run_new (fixture->project, version_id (fixture),
                                                      fixture->method, ERRATA_SCOPE_ALL,
                                                      fixture->ids);
  g_autoptr(ErrataEvalBatch) batch = errata_eval_batch_new (run, ERRATA_JUDGE (fixture->method));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ErrataEvalRun) live = NULL;
  g_autoptr(ErrataEvalRun) resumed = NULL;
  g_autoptr(ErrataEvalBatch) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  /* A batch that would take an hour: only a cancel ends the wait. */
  errata_mock_llm_server_set_batches (fixture->server, 3600 * 1000, 0, 0, 0);
  g_signal_connect (batch, "changed", G_CALLBACK (cancel_once_submitted), cancellable);
  errata_eval_batch_set_poll_interval (batch, 5, 50);
  errata_eval_batch_run_async (batch, cancellable, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_eval_batch_run_finish (batch, result, &error));
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_CANCELLED);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM verdicts"), ==, 0);
  run_id = errata_eval_run_get_id (run);

  live = errata_eval_run_new_resume (fixture->project, run_id, fixture->method, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  errata_eval_run_start_async (live, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_false (errata_eval_run_start_finish (live, result, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);

  errata_mock_llm_server_set_batches (fixture->server, 0, 0, 0, 0);
  resumed = errata_eval_run_new_resume (fixture->project, run_id, fixture->method, &error);
  g_assert_no_error (error);
  again = errata_eval_batch_new (resumed, ERRATA_JUDGE (fixture->method));
  g_assert_true (run_batch (again, &error));
  g_assert_cmpint (errata_eval_run_get_status (resumed), ==, ERRATA_RUN_DONE);
  g_assert_cmpint (count (fixture, "SELECT count (DISTINCT trace_id) FROM verdicts"), ==,
                   N_TRACES);
  g_assert_cmpuint (errata_mock_llm_server_get_n_batches (fixture->server), ==, 1);
}

static void
cancel_at_provider_once_submitted (ErrataEvalBatch *batch,
                                   gpointer         data)
{
  GPtrArray *rows = errata_eval_batch_get_rows (batch);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (((ErrataEvalBatchRow *) g_ptr_array_index (rows, i))->state
        == ERRATA_EVAL_BATCH_SUBMITTED)
      errata_eval_batch_cancel_at_provider (batch);
}

/* Cancelled at the provider: the mock reports the batch cancelled with its
 * first half answered; those verdicts are stored, the rest have none (no
 * error verdicts); cancelling again is refused, as there is nothing left
 * there; a batch resume sends only the half that never ran. */
static void
test_cancel_at_provider (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = errata_eval_run_new (fixture->project, version_id (fixture),
                                                      fixture->method, ERRATA_SCOPE_ALL,
                                                      fixture->ids);
  g_autoptr(ErrataEvalBatch) batch = errata_eval_batch_new (run, ERRATA_JUDGE (fixture->method));
  g_autoptr(ErrataEvalRun) resumed = NULL;
  g_autoptr(ErrataEvalBatch) again = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  ErrataEvalBatchRow *row;
  gint64 run_id;

  errata_mock_llm_server_set_batches (fixture->server, 3600 * 1000, 0, 0, 0);
  g_signal_connect (batch, "changed", G_CALLBACK (cancel_at_provider_once_submitted), NULL);
  g_assert_true (run_batch (batch, &error));
  g_assert_no_error (error);
  g_assert_true (errata_eval_batch_get_cancelling (batch));
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_CANCELLED);
  g_assert_nonnull (strstr (errata_eval_run_get_message (run), "6 requests had not run"));
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM verdicts"), ==, N_TRACES / 2);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM verdicts WHERE verdict = 'error'"), ==, 0);
  run_id = errata_eval_run_get_id (run);
  rows = errata_eval_batches_list (fixture->project, run_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->state, ==, ERRATA_EVAL_BATCH_COLLECTED);
  g_assert_cmpstr (row->provider_status, ==, "cancelled");

  /* Nothing is running at the provider any more: a clear refusal. */
  resumed = errata_eval_run_new_resume (fixture->project, run_id, fixture->method, &error);
  g_assert_no_error (error);
  again = errata_eval_batch_new (resumed, ERRATA_JUDGE (fixture->method));
  errata_eval_batch_cancel_at_provider (again);
  g_assert_false (run_batch (again, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&again);
  g_clear_object (&resumed);

  errata_mock_llm_server_set_batches (fixture->server, 0, 0, 0, 0);
  resumed = errata_eval_run_new_resume (fixture->project, run_id, fixture->method, &error);
  g_assert_no_error (error);
  again = errata_eval_batch_new (resumed, ERRATA_JUDGE (fixture->method));
  g_assert_true (run_batch (again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (resumed), ==, ERRATA_RUN_DONE);
  g_assert_cmpint (count (fixture, "SELECT count (DISTINCT trace_id) FROM verdicts"), ==,
                   N_TRACES);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM verdicts"), ==, N_TRACES);
  g_assert_cmpuint (errata_mock_llm_server_get_n_batches (fixture->server), ==, 2);
}

/* The run's rules come first, exactly as for a live run: nothing is sent. */
static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(ErrataEvalBatch) batch = NULL;
  g_autoptr(ErrataLlmProvider) remote = NULL;
  g_autoptr(ErrataLlmClient) remote_client = NULL;
  g_autoptr(ErrataEvalMethod) remote_method = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* The test split needs a finalized version. */
  run = errata_eval_run_new (fixture->project, version_id (fixture), fixture->method,
                             ERRATA_SCOPE_TEST, fixture->ids);
  batch = errata_eval_batch_new (run, ERRATA_JUDGE (fixture->method));
  g_assert_false (run_batch (batch, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FINALIZED);
  g_clear_error (&error);
  g_clear_object (&batch);
  g_clear_object (&run);

  /* A provider on another machine needs the project's consent. */
  url = g_strdup_printf ("http://[::ffff:127.0.0.1]:%s/v1",
                         strrchr (errata_mock_llm_server_get_url (fixture->server), ':') + 1);
  remote = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, url, "gpt-4o-mini");
  remote_client = errata_llm_client_new (remote);
  version = errata_evaluators_get_version (fixture->project, fixture->evaluator->id, 0, &error);
  remote_method = errata_evaluator_method_new (fixture->project, fixture->evaluator, version,
                                               remote_client, &error);
  g_assert_no_error (error);
  run = errata_eval_run_new (fixture->project, version->id, remote_method, ERRATA_SCOPE_ALL,
                             fixture->ids);
  batch = errata_eval_batch_new (run, ERRATA_JUDGE (remote_method));
  g_assert_false (run_batch (batch, &error));
  g_assert_error (error, ERRATA_REMOTE_CONSENT_ERROR, ERRATA_REMOTE_CONSENT_ERROR_NEEDED);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM eval_batches"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* No system proxy settings to read: every server here is on loopback. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func) \
  g_test_add ("/eval-batch" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/batches", test_batches);
  ADD ("/cancel-and-resume", test_cancel_and_resume);
  ADD ("/cancel-at-provider", test_cancel_at_provider);
  ADD ("/rules", test_rules);
#undef ADD

  return g_test_run ();
}
