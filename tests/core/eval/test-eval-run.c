/* test-eval-run.c: evaluators, versions and runs with a scripted method:
 * batches, resume, cost limit, cancel, interruption, failure, the test-once
 * rule, versions and the few-shot rule.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/wait.h>

#include "errata-eval-metrics.h"
#include "errata-eval-method.h"
#include "errata-eval-run.h"
#include "errata-eval-runs.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-labels.h"
#include "errata-mock-llm-server.h"
#include "errata-project-private.h"
#include "errata-test-utils.h"
#include "llm-test-helpers.h"

#define N_TRACES 50

/* ---- a scripted method ---------------------------------------------------- */

/* Even trace ids pass, odd ones fail, multiples of 7 are errors; each
 * judgement costs a cent and comes back from the main loop. With `fatal`
 * set, every evaluation fails the way an untrusted command does. */
#define TEST_TYPE_SCRIPTED (test_scripted_get_type ())
G_DECLARE_FINAL_TYPE (TestScripted, test_scripted, TEST, SCRIPTED, GObject)

struct _TestScripted
{
  GObject     parent_instance;
  GHashTable *calls;         /* trace id → times evaluated */
  guint       bypassed;      /* evaluations asked to bypass the cache */
  guint       in_flight;
  guint       max_in_flight;
  gboolean    fatal;
};

static void test_scripted_method_init (ErrataEvalMethodInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestScripted, test_scripted, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ERRATA_TYPE_EVAL_METHOD,
                                                      test_scripted_method_init))

static ErrataEvalOutcome *
scripted_outcome (gint64 trace_id)
{
  ErrataEvalOutcome *outcome;

  if (trace_id % 7 == 0)
    outcome = errata_eval_outcome_new_error ("scripted error");
  else
    {
      outcome = errata_eval_outcome_new (trace_id % 2 == 0 ? ERRATA_JUDGE_PASS : ERRATA_JUDGE_FAIL);
      outcome->reasoning = g_strdup_printf ("scripted reasoning %" G_GINT64_FORMAT, trace_id);
    }
  outcome->cost = 0.01;
  outcome->tokens_in = 100;
  outcome->tokens_out = 10;
  return outcome;
}

static gboolean
complete_later (gpointer data)
{
  GTask *task = data;
  TestScripted *self = g_task_get_source_object (task);
  gint64 trace_id = GPOINTER_TO_SIZE (g_task_get_task_data (task));

  self->in_flight--;
  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  if (self->fatal)
    g_task_return_new_error (task, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_TRUSTED,
                             "not trusted here");
  else
    g_task_return_pointer (task, scripted_outcome (trace_id),
                           (GDestroyNotify)errata_eval_outcome_free);
  return G_SOURCE_REMOVE;
}

static void
scripted_evaluate_async (ErrataEvalMethod    *method,
                         ErrataTrace         *trace,
                         ErrataEvalFlags      flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  TestScripted *self = TEST_SCRIPTED (method);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gint64 id = errata_trace_get_id (trace);
  guint calls = GPOINTER_TO_UINT (g_hash_table_lookup (self->calls, GSIZE_TO_POINTER (id)));

  g_hash_table_insert (self->calls, GSIZE_TO_POINTER (id), GUINT_TO_POINTER (calls + 1));
  if (flags & ERRATA_EVAL_FLAGS_BYPASS_CACHE)
    self->bypassed++;
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);
  g_task_set_task_data (task, GSIZE_TO_POINTER (id), NULL);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, complete_later, task, g_object_unref);
}

static ErrataEvalOutcome *
scripted_evaluate_finish (ErrataEvalMethod  *method,
                          GAsyncResult      *result,
                          GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static guint
scripted_get_concurrency (ErrataEvalMethod *method)
{
  return 4;
}

static void
scripted_estimate (ErrataEvalMethod   *method,
                   ErrataTrace        *trace,
                   ErrataEvalEstimate *estimate)
{
  estimate->tokens_in = 100;
  estimate->tokens_out = 10;
  estimate->cost = 0.01;
}

static void
test_scripted_method_init (ErrataEvalMethodInterface *iface)
{
  iface->evaluate_async = scripted_evaluate_async;
  iface->evaluate_finish = scripted_evaluate_finish;
  iface->get_concurrency = scripted_get_concurrency;
  iface->estimate = scripted_estimate;
}

static void
test_scripted_finalize (GObject *object)
{
  g_hash_table_unref (TEST_SCRIPTED (object)->calls);
  G_OBJECT_CLASS (test_scripted_parent_class)->finalize (object);
}

static void
test_scripted_class_init (TestScriptedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_scripted_finalize;
}

static void
test_scripted_init (TestScripted *self)
{
  self->calls = g_hash_table_new (NULL, NULL);
}

/* ---- fixture ----------------------------------------------------------------- */

typedef struct
{
  char            *dir;
  ErrataProject   *project;
  ErrataEvaluator *evaluator;
  TestScripted    *method;
  GArray          *ids;
} Fixture;

static JsonObject *
length_definition (guint max)
{
  JsonObject *definition = json_object_new ();

  json_object_set_int_member (definition, "max", max);
  return definition;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonObject) definition = length_definition (1000);
  g_autoptr(GError) error = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%02u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (name, "q", "a");
      gint64 id;

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      id = errata_trace_get_id (trace);
      g_array_append_val (fixture->ids, id);
    }
  fixture->evaluator = errata_evaluators_create (fixture->project, "Short", ERRATA_TARGET_OVERALL,
                                                 "length", definition, NULL, &error);
  g_assert_no_error (error);
  fixture->method = g_object_new (TEST_TYPE_SCRIPTED, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->method);
  g_clear_pointer (&fixture->evaluator, errata_evaluator_free);
  g_clear_pointer (&fixture->ids, g_array_unref);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
latest_version_id (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataEvaluatorVersion) version =
    errata_evaluators_get_version (fixture->project, fixture->evaluator->id, 0, &error);

  g_assert_no_error (error);
  return version->id;
}

static ErrataEvalRun *
new_run (Fixture         *fixture,
         ErrataEvalScope  scope)
{
  return errata_eval_run_new (fixture->project, latest_version_id (fixture),
                              ERRATA_EVAL_METHOD (fixture->method), scope, fixture->ids);
}

/* Runs to the end; returns whether start_finish succeeded. */
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

/* ---- runs ------------------------------------------------------------------- */

static void
assert_counts_agree (Fixture *fixture,
                     gint64   run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataRunInfo) info = errata_eval_runs_get (fixture->project, run_id, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count (*) FROM verdicts WHERE run_id = %" G_GINT64_FORMAT
                         " AND verdict = 'pass'", run_id);
  g_assert_cmpint (count (fixture, sql), ==, info->n_pass);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM verdicts WHERE run_id = %" G_GINT64_FORMAT
                         " AND verdict = 'fail'", run_id);
  g_assert_cmpint (count (fixture, sql), ==, info->n_fail);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM verdicts WHERE run_id = %" G_GINT64_FORMAT
                         " AND verdict = 'error' AND error IS NOT NULL", run_id);
  g_assert_cmpint (count (fixture, sql), ==, info->n_error);
}

/* One verdict read back whole: the reasoning a judge gave, the error a
 * failed one kept; a trace the run never saw is an error, not a verdict. */
static void
assert_outcomes_read_back (Fixture *fixture,
                           gint64   run_id)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < fixture->ids->len; i++)
    {
      gint64 id = g_array_index (fixture->ids, gint64, i);
      g_autoptr(ErrataEvalOutcome) outcome = NULL;

      outcome = errata_eval_runs_get_outcome (fixture->project, run_id, id, &error);
      g_assert_no_error (error);
      if (id % 7 == 0)
        {
          g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_ERROR);
          g_assert_cmpstr (outcome->error, ==, "scripted error");
        }
      else
        {
          g_autofree char *reasoning = g_strdup_printf ("scripted reasoning %" G_GINT64_FORMAT, id);

          g_assert_cmpint (outcome->verdict, ==, id % 2 == 0 ? ERRATA_JUDGE_PASS : ERRATA_JUDGE_FAIL);
          g_assert_cmpstr (outcome->reasoning, ==, reasoning);
          g_assert_cmpint (outcome->tokens_in, ==, 100);
        }
    }
  g_assert_null (errata_eval_runs_get_outcome (fixture->project, run_id, -5, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
}

/* Every trace gets one verdict; errors are counted apart, never as a pass
 * or a fail; the method's concurrency is kept. */
static void
test_run_all (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = new_run (fixture, ERRATA_SCOPE_ALL);
  g_autoptr(ErrataRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  ErrataEvalProgress progress;
  ErrataEvalEstimate estimate;
  guint expected_errors = 0, expected_pass = 0;

  errata_eval_run_set_batch_size (run, 8);
  errata_eval_run_estimate (run, &estimate);
  g_assert_cmpint (estimate.tokens_in, ==, 100 * N_TRACES);
  g_assert_cmpfloat_with_epsilon (estimate.cost, 0.01 * N_TRACES, 1e-9);
  g_assert_true (run_to_end (run, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_DONE);

  for (guint i = 0; i < fixture->ids->len; i++)
    {
      gint64 id = g_array_index (fixture->ids, gint64, i);

      expected_errors += id % 7 == 0;
      expected_pass += id % 7 != 0 && id % 2 == 0;
    }
  errata_eval_run_get_progress (run, &progress);
  g_assert_cmpuint (progress.done, ==, N_TRACES);
  g_assert_cmpuint (progress.n_error, ==, expected_errors);
  g_assert_cmpuint (progress.n_pass, ==, expected_pass);
  g_assert_cmpuint (progress.n_pass + progress.n_fail + progress.n_error, ==, N_TRACES);
  g_assert_cmpuint (fixture->method->max_in_flight, <=, 4);
  g_assert_cmpuint (fixture->method->max_in_flight, >, 1);
  g_assert_cmpuint (fixture->method->bypassed, ==, 0);

  info = errata_eval_runs_get (fixture->project, errata_eval_run_get_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, ERRATA_RUN_DONE);
  g_assert_cmpuint (info->total, ==, N_TRACES);
  g_assert_cmpint (info->tokens_in, ==, 100 * N_TRACES);
  g_assert_cmpint (info->ended_at, >=, info->started_at);
  assert_counts_agree (fixture, info->id);
  assert_outcomes_read_back (fixture, info->id);
}

static void
assert_each_trace_judged_once (Fixture *fixture,
                               gint64   run_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (DISTINCT trace_id) FROM verdicts"
                                          " WHERE run_id = %" G_GINT64_FORMAT, run_id);

  g_assert_cmpint (count (fixture, sql), ==, N_TRACES);
}

/* A cost limit stops the run before it is passed; resumed with a higher
 * limit, the run judges only the traces it has no verdict for. */
static void
test_run_max_cost (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = new_run (fixture, ERRATA_SCOPE_ALL);
  g_autoptr(ErrataEvalRun) resumed = NULL;
  g_autoptr(ErrataRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  ErrataEvalProgress progress;
  GHashTableIter iter;
  gpointer calls;

  errata_eval_run_set_max_cost (run, 0.105);
  g_assert_true (run_to_end (run, NULL, &error));
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_STOPPED);
  g_assert_nonnull (strstr (errata_eval_run_get_message (run), "cost limit of $0.1050"));
  errata_eval_run_get_progress (run, &progress);
  g_assert_cmpuint (progress.done, ==, 10);
  g_assert_cmpfloat (progress.cost, <=, 0.105);

  resumed = errata_eval_run_new_resume (fixture->project, errata_eval_run_get_id (run),
                                        ERRATA_EVAL_METHOD (fixture->method), &error);
  g_assert_no_error (error);
  errata_eval_run_set_max_cost (resumed, 0);
  g_assert_true (run_to_end (resumed, NULL, &error));
  g_assert_cmpint (errata_eval_run_get_status (resumed), ==, ERRATA_RUN_DONE);
  g_assert_cmpint (errata_eval_run_get_id (resumed), ==, errata_eval_run_get_id (run));
  assert_each_trace_judged_once (fixture, errata_eval_run_get_id (run));
  g_hash_table_iter_init (&iter, fixture->method->calls);
  while (g_hash_table_iter_next (&iter, NULL, &calls))
    g_assert_cmpuint (GPOINTER_TO_UINT (calls), ==, 1);
  info = errata_eval_runs_get (fixture->project, errata_eval_run_get_id (run), &error);
  g_assert_cmpfloat_with_epsilon (info->cost, 0.01 * N_TRACES, 1e-9);
  assert_counts_agree (fixture, info->id);
}

typedef struct
{
  GCancellable *cancellable;
  guint         after;
} CancelAfter;

static void
cancel_after (ErrataEvalRun *run,
              CancelAfter   *cancel)
{
  ErrataEvalProgress progress;

  errata_eval_run_get_progress (run, &progress);
  if (progress.done >= cancel->after)
    g_cancellable_cancel (cancel->cancellable);
}

/* Cancel keeps what was judged; resume completes the rest. */
static void
test_run_cancel_and_resume (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = new_run (fixture, ERRATA_SCOPE_ALL);
  g_autoptr(ErrataEvalRun) resumed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  CancelAfter cancel = { cancellable, 12 };
  ErrataEvalProgress progress;

  g_signal_connect (run, "progress", G_CALLBACK (cancel_after), &cancel);
  g_assert_true (run_to_end (run, cancellable, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_CANCELLED);
  errata_eval_run_get_progress (run, &progress);
  g_assert_cmpuint (progress.done, >=, 12);
  g_assert_cmpuint (progress.done, <, N_TRACES);
  /* Everything judged before the cancel is in the project. */
  sql = g_strdup_printf ("SELECT count (*) FROM verdicts WHERE run_id = %" G_GINT64_FORMAT,
                         errata_eval_run_get_id (run));
  g_assert_cmpint (count (fixture, sql), ==, progress.done);

  resumed = errata_eval_run_new_resume (fixture->project, errata_eval_run_get_id (run),
                                        ERRATA_EVAL_METHOD (fixture->method), &error);
  g_assert_no_error (error);
  errata_eval_run_get_progress (resumed, &progress);
  g_assert_cmpuint (progress.total, ==, N_TRACES);
  g_assert_true (run_to_end (resumed, NULL, &error));
  g_assert_cmpint (errata_eval_run_get_status (resumed), ==, ERRATA_RUN_DONE);
  assert_each_trace_judged_once (fixture, errata_eval_run_get_id (run));
  assert_counts_agree (fixture, errata_eval_run_get_id (run));
}

/* A pid that was in use and is not any more. */
static int
dead_pid (void)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "true", NULL };
  GPid pid;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **)argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  waitpid (pid, &status, 0);
  return pid;
}

/* A run left as running by a process that is gone reads as interrupted
 * and can be resumed; one owned by another machine keeps its word. */
static void
test_run_interrupted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataRunInfo) info = NULL;
  g_autoptr(ErrataRunInfo) remote = NULL;
  g_autoptr(ErrataEvalRun) resumed = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO runs (id, version_id, scope, scope_ids, status, owner, total, started_at)"
    " VALUES (41, %" G_GINT64_FORMAT ", 'all', '[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]',"
    " 'running', '%s:%d', 2, 1),"
    " (42, %" G_GINT64_FORMAT ", 'all', '[]', 'running', 'elsewhere.invalid:1', 0, 1);"
    "INSERT INTO verdicts (run_id, trace_id, verdict, created_at)"
    " VALUES (41, %" G_GINT64_FORMAT ", 'fail', 1);"
    "UPDATE runs SET n_fail = 1 WHERE id = 41;",
    latest_version_id (fixture), g_array_index (fixture->ids, gint64, 0),
    g_array_index (fixture->ids, gint64, 1), g_get_host_name (), dead_pid (),
    latest_version_id (fixture), g_array_index (fixture->ids, gint64, 0));

  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (fixture->project), sql, NULL, NULL, NULL),
                   ==, SQLITE_OK);
  info = errata_eval_runs_get (fixture->project, 41, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, ERRATA_RUN_INTERRUPTED);
  remote = errata_eval_runs_get (fixture->project, 42, &error);
  g_assert_cmpint (remote->status, ==, ERRATA_RUN_RUNNING);
  g_assert_null (errata_eval_run_new_resume (fixture->project, 42,
                                             ERRATA_EVAL_METHOD (fixture->method), &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);

  resumed = errata_eval_run_new_resume (fixture->project, 41, ERRATA_EVAL_METHOD (fixture->method),
                                        &error);
  g_assert_no_error (error);
  g_assert_true (run_to_end (resumed, NULL, &error));
  g_assert_cmpuint (g_hash_table_size (fixture->method->calls), ==, 1);
  g_clear_pointer (&info, errata_run_info_free);
  info = errata_eval_runs_get (fixture->project, 41, &error);
  g_assert_cmpint (info->status, ==, ERRATA_RUN_DONE);
  g_assert_cmpuint (info->n_fail + info->n_pass + info->n_error, ==, 2);
}

/* A method that cannot run at all fails the run, with its message. */
static void
test_run_fatal (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = new_run (fixture, ERRATA_SCOPE_ALL);
  g_autoptr(ErrataRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  fixture->method->fatal = TRUE;
  g_assert_false (run_to_end (run, NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_TRUSTED);
  g_clear_error (&error);
  info = errata_eval_runs_get (fixture->project, errata_eval_run_get_id (run), &error);
  g_assert_cmpint (info->status, ==, ERRATA_RUN_FAILED);
  g_assert_cmpstr (info->message, ==, "not trusted here");
  g_assert_cmpuint (info->n_pass + info->n_fail + info->n_error, ==, 0);
}

/* A repeat asks afresh: the method is told to bypass any cache. */
static void
test_run_repeat_bypasses_cache (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) first = new_run (fixture, ERRATA_SCOPE_ALL);
  g_autoptr(ErrataEvalRun) second = new_run (fixture, ERRATA_SCOPE_ALL);
  g_autoptr(GPtrArray) group = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_to_end (first, NULL, &error));
  g_assert_cmpuint (fixture->method->bypassed, ==, 0);
  errata_eval_run_set_repeat_of (second, errata_eval_run_get_id (first));
  g_assert_true (run_to_end (second, NULL, &error));
  g_assert_cmpuint (fixture->method->bypassed, ==, N_TRACES);
  group = errata_eval_runs_repeat_group (fixture->project, errata_eval_run_get_id (second),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (group->len, ==, 2);
}

/* A trace deleted after the run started is no longer part of it: the
 * others are judged, the counts agree with the verdicts. */
static void
test_run_trace_deleted (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = new_run (fixture, ERRATA_SCOPE_ALL);
  g_autoptr(ErrataRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (fixture->project),
                                 "DELETE FROM traces WHERE id = 10", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (run_to_end (run, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_DONE);
  info = errata_eval_runs_get (fixture->project, errata_eval_run_get_id (run), &error);
  g_assert_cmpuint (info->total, ==, N_TRACES - 1);
  g_assert_cmpuint (info->n_pass + info->n_fail + info->n_error, ==, N_TRACES - 1);
  assert_counts_agree (fixture, info->id);
}

/* Cancel once every trace was judged: the run is complete, not cancelled. */
static void
test_run_late_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ErrataEvalRun) run = new_run (fixture, ERRATA_SCOPE_ALL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelAfter cancel = { cancellable, N_TRACES };

  g_signal_connect (run, "progress", G_CALLBACK (cancel_after), &cancel);
  g_assert_true (run_to_end (run, cancellable, &error));
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_DONE);
}

/* ---- the test-once rule --------------------------------------------------------- */

static void
test_test_once (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) looks = NULL;
  g_autoptr(ErrataEvalRun) unlocked = new_run (fixture, ERRATA_SCOPE_TEST);
  g_autoptr(ErrataEvalRun) first = NULL;
  g_autoptr(ErrataEvalRun) second = NULL;
  g_autoptr(ErrataEvalRun) forced = NULL;
  g_autoptr(ErrataEvalRun) repeat = NULL;
  ErrataTestLook *look;

  g_assert_false (errata_eval_run_check (unlocked, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FINALIZED);
  g_clear_error (&error);
  g_assert_false (run_to_end (unlocked, NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FINALIZED);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM runs"), ==, 0);

  g_assert_true (errata_evaluators_finalize (fixture->project, latest_version_id (fixture),
                                             &error));
  first = new_run (fixture, ERRATA_SCOPE_TEST);
  g_assert_true (run_to_end (first, NULL, &error));
  g_assert_no_error (error);

  second = new_run (fixture, ERRATA_SCOPE_TEST);
  g_assert_false (run_to_end (second, NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_TEST_SEEN);
  g_assert_nonnull (strstr (error->message, "(1 look)"));
  g_clear_error (&error);

  repeat = new_run (fixture, ERRATA_SCOPE_TEST);
  errata_eval_run_set_repeat_of (repeat, errata_eval_run_get_id (first));
  errata_eval_run_set_forced_reason (repeat, "repeat");
  g_assert_false (errata_eval_run_check (repeat, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_TEST_SEEN);
  g_clear_error (&error);

  forced = new_run (fixture, ERRATA_SCOPE_TEST);
  errata_eval_run_set_forced_reason (forced, "  labels of 3 traces were corrected  ");
  g_assert_true (run_to_end (forced, NULL, &error));
  g_assert_no_error (error);

  looks = errata_evaluators_list_test_looks (fixture->project, fixture->evaluator->id, &error);
  g_assert_cmpuint (looks->len, ==, 2);
  look = looks->pdata[0];
  g_assert_null (look->forced_reason);
  look = looks->pdata[1];
  g_assert_cmpstr (look->forced_reason, ==, "labels of 3 traces were corrected");
}

/* ---- versions and the few-shot rule --------------------------------------------------- */

static void
test_versions (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) shorter = length_definition (500);
  g_autoptr(JsonObject) shortest = length_definition (100);
  g_autoptr(JsonObject) bad = length_definition (10);
  g_autoptr(ErrataEvaluatorVersion) draft = NULL;
  g_autoptr(ErrataEvaluatorVersion) second = NULL;
  g_autoptr(ErrataEvaluatorVersion) third = NULL;
  g_autoptr(ErrataEvaluatorVersion) first = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  /* Not run yet: a draft, changed in place. */
  draft = errata_evaluators_save (fixture->project, fixture->evaluator->id, shorter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (draft->number, ==, 1);
  g_assert_cmpint (json_object_get_int_member (draft->definition, "max"), ==, 500);

  run = new_run (fixture, ERRATA_SCOPE_ALL);
  g_assert_true (run_to_end (run, NULL, &error));
  /* Run: never changes again. */
  second = errata_evaluators_save (fixture->project, fixture->evaluator->id, shortest, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->number, ==, 2);
  first = errata_evaluators_get_version (fixture->project, fixture->evaluator->id, 1, &error);
  g_assert_cmpint (json_object_get_int_member (first->definition, "max"), ==, 500);
  g_assert_cmpuint (first->n_runs, ==, 1);

  /* Finalized: locked too. */
  g_assert_true (errata_evaluators_finalize (fixture->project, second->id, &error));
  third = errata_evaluators_save (fixture->project, fixture->evaluator->id, shorter, NULL, &error);
  g_assert_cmpuint (third->number, ==, 3);

  /* A definition the kind refuses is not stored. */
  json_object_set_string_member (bad, "unit", "furlongs");
  g_assert_null (errata_evaluators_save (fixture->project, fixture->evaluator->id, bad, NULL,
                                         &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  versions = errata_evaluators_list_versions (fixture->project, fixture->evaluator->id, &error);
  g_assert_cmpuint (versions->len, ==, 3);

  /* Names are unique. */
  g_assert_null (errata_evaluators_create (fixture->project, "Short", ERRATA_TARGET_OVERALL,
                                           "length", shorter, NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (errata_evaluators_create (fixture->project, "Odd", ERRATA_TARGET_OVERALL,
                                           "psychic", shorter, NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "judge, command, regex"));
}

static void
test_few_shot_from_train_only (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) definition = length_definition (100);
  g_autoptr(GArray) leak = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) clean = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ErrataEvaluatorVersion) saved = NULL;
  gint64 train = g_array_index (fixture->ids, gint64, 0);
  gint64 test = g_array_index (fixture->ids, gint64, 1);
  gint64 none = g_array_index (fixture->ids, gint64, 2);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO splits (target, trace_id, split, label, assigned_at) VALUES"
    " (0, %" G_GINT64_FORMAT ", 'train', 'pass', 1), (0, %" G_GINT64_FORMAT ", 'test', 'fail', 1);",
    train, test);

  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (fixture->project), sql, NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_array_append_val (leak, train);
  g_array_append_val (leak, test);
  g_array_append_val (leak, none);
  g_assert_null (errata_evaluators_save (fixture->project, fixture->evaluator->id, definition,
                                         leak, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_LEAK);
  g_assert_nonnull (strstr (error->message, "t01 (test)"));
  g_assert_nonnull (strstr (error->message, "t02 (no split)"));
  g_assert_null (strstr (error->message, "t00"));
  g_clear_error (&error);

  g_array_append_val (clean, train);
  saved = errata_evaluators_save (fixture->project, fixture->evaluator->id, definition, clean,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->few_shot->len, ==, 1);
  g_assert_cmpint (g_array_index (saved->few_shot, gint64, 0), ==, train);
}

/* The JSON definition round-trips; importing a known name saves a version. */
static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataEvaluatorVersion) version =
    errata_evaluators_get_version (fixture->project, fixture->evaluator->id, 0, &error);
  g_autoptr(JsonNode) exported = errata_evaluators_export_json (fixture->project,
                                                                fixture->evaluator, version,
                                                                &error);
  g_autoptr(JsonNode) bad = json_from_string ("{\"name\": \"X\", \"target\": \"overall\","
                                              " \"kind\": \"regex\", \"definition\": {}}", NULL);
  g_autoptr(ErrataEvaluator) again = NULL;
  g_autoptr(ErrataEvaluator) refused = NULL;
  JsonObject *object;
  gboolean new_version = FALSE;

  g_assert_no_error (error);
  object = json_node_get_object (exported);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Short");
  g_assert_cmpstr (json_object_get_string_member (object, "target"), ==, "overall");
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "length");
  json_object_set_int_member (json_object_get_object_member (object, "definition"), "max", 9);
  again = errata_evaluators_import_json (fixture->project, exported, &new_version, &error);
  g_assert_no_error (error);
  g_assert_true (new_version);
  g_assert_cmpint (again->id, ==, fixture->evaluator->id);

  refused = errata_evaluators_import_json (fixture->project, bad, &new_version, &error);
  g_assert_null (refused);
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "pattern"));
}

/* ---- metrics and the estimate ---------------------------------------------------- */

static void
set_label (Fixture       *fixture,
           gint64         trace_id,
           ErrataVerdict  value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_labels_set (fixture->project, ERRATA_TARGET_OVERALL, trace_id, value,
                                    "Ada", "test", &error));
  g_assert_no_error (error);
}

static void
review (Fixture       *fixture,
        gint64         trace_id,
        const char    *annotator,
        ErrataVerdict  verdict)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, annotator);
  g_autoptr(GError) error = NULL;

  annotation->verdict = verdict;
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
  g_assert_no_error (error);
}

static GArray *
id_range (gint64 first,
          gint64 last)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (gint64 id = first; id <= last; id++)
    g_array_append_val (ids, id);
  return ids;
}

static gint64
run_ids (Fixture         *fixture,
         ErrataEvalScope  scope,
         gint64           first,
         gint64           last)
{
  g_autoptr(GArray) ids = id_range (first, last);
  g_autoptr(ErrataEvalRun) run = errata_eval_run_new (fixture->project, latest_version_id (fixture),
                                                      ERRATA_EVAL_METHOD (fixture->method), scope,
                                                      ids);
  g_autoptr(GError) error = NULL;

  g_assert_true (run_to_end (run, NULL, &error));
  g_assert_no_error (error);
  return errata_eval_run_get_id (run);
}

/* Traces 1–20 labelled (pass unless a multiple of 3), 21 disputed by two
 * reviewers, 22–50 unlabelled. The scripted judge passes even ids, fails
 * odd ones and errs on multiples of 7. By hand, over 1–20:
 *   tp 2 4 8 10 16 20 · fn 1 5 11 13 17 19 · fp 6 12 18 · tn 3 9 15 ·
 *   errors on human passes: 7 14. */
static void
test_metrics_by_hand (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ErrataEvalMetrics metrics;
  gint64 run_id;

  g_assert_cmpint (g_array_index (fixture->ids, gint64, 0), ==, 1);
  for (gint64 id = 1; id <= 20; id++)
    set_label (fixture, id, id % 3 == 0 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS);
  review (fixture, 21, "Ada", ERRATA_VERDICT_PASS);
  review (fixture, 21, "Grace", ERRATA_VERDICT_FAIL);
  run_id = run_ids (fixture, ERRATA_SCOPE_ALL, 1, 50);

  g_assert_true (errata_eval_metrics_compute (fixture->project, run_id, &metrics, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (metrics.alignment.confusion.tp, ==, 6);
  g_assert_cmpuint (metrics.alignment.confusion.fn, ==, 6);
  g_assert_cmpuint (metrics.alignment.confusion.fp, ==, 3);
  g_assert_cmpuint (metrics.alignment.confusion.tn, ==, 3);
  g_assert_cmpuint (metrics.alignment.confusion.errors_human_pass, ==, 2);
  g_assert_cmpuint (metrics.alignment.confusion.errors_human_fail, ==, 0);
  g_assert_cmpfloat_with_epsilon (metrics.alignment.tpr, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (metrics.alignment.tnr, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (metrics.alignment.accuracy, 9.0 / 18.0, 1e-12);
  g_assert_cmpuint (metrics.n_verdicts, ==, 50);
  g_assert_cmpuint (metrics.n_errors, ==, 7);      /* 7 14 21 28 35 42 49 */
  g_assert_cmpuint (metrics.n_disputed, ==, 1);
  g_assert_cmpuint (metrics.n_unlabelled, ==, 29);
  g_assert_cmpuint (metrics.n_missing, ==, 0);

  /* A label corrected after the run changes the metrics of that run. */
  set_label (fixture, 1, ERRATA_VERDICT_FAIL);
  g_assert_true (errata_eval_metrics_compute (fixture->project, run_id, &metrics, &error));
  g_assert_cmpuint (metrics.alignment.confusion.fn, ==, 5);
  g_assert_cmpuint (metrics.alignment.confusion.tn, ==, 4);
}

/* The estimate: TPR + TNR = 1 is refused; relabelled so that TPR = TNR =
 * 2/3, with 13 passes and 12 fails among the unlabelled verdicts (4
 * errors left out): θ = (13/25 + 2/3 − 1) / (2/3 + 2/3 − 1) = 0.56. */
static void
test_estimate_by_hand (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();
  ErrataEvalEstimateResult result;
  ErrataEvalMetrics metrics;
  ErrataCorrectedRate core, judgy;

  for (gint64 id = 1; id <= 20; id++)
    set_label (fixture, id, id % 3 == 0 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS);
  g_assert_false (errata_eval_estimate (fixture->project, fixture->evaluator->id, &options,
                                        &result, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_UNDEFINED);
  g_assert_nonnull (strstr (error->message, "not been run on the test split"));
  g_clear_error (&error);

  g_assert_true (errata_evaluators_finalize (fixture->project, latest_version_id (fixture),
                                             &error));
  run_ids (fixture, ERRATA_SCOPE_TEST, 1, 20);
  g_assert_false (errata_eval_estimate (fixture->project, fixture->evaluator->id, &options,
                                        &result, &error));
  g_assert_nonnull (strstr (error->message, "unlabeled"));
  g_clear_error (&error);

  run_ids (fixture, ERRATA_SCOPE_UNLABELED, 22, 50);
  g_assert_false (errata_eval_estimate (fixture->project, fixture->evaluator->id, &options,
                                        &result, &error));
  g_assert_nonnull (error);  /* TPR + TNR − 1 = 0: the judge is chance */
  g_clear_error (&error);

  set_label (fixture, 1, ERRATA_VERDICT_FAIL);
  set_label (fixture, 5, ERRATA_VERDICT_FAIL);
  set_label (fixture, 11, ERRATA_VERDICT_FAIL);
  options.n_draws = 2000;
  g_assert_true (errata_eval_estimate (fixture->project, fixture->evaluator->id, &options,
                                       &result, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (result.rate.tpr, 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.rate.tnr, 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.rate.observed_pass_rate, 13.0 / 25.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.rate.pass_rate, 0.56, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.rate.failure_rate, 0.44, 1e-9);
  g_assert_cmpuint (result.unlabelled_errors, ==, 4);
  g_assert_cmpuint (result.n_test_looks, ==, 1);
  g_assert_cmpfloat (result.rate.pass_interval.lower, <=, 0.56);
  g_assert_cmpfloat (result.rate.pass_interval.upper, >=, 0.56);

  /* The interval resamples the 25 unlabelled verdicts as well as the test
   * pairs: the same as the core's estimate with RESAMPLED on the run's
   * matrix. Judgy's, which holds 13/25 fixed, is [0, 1] as well at 95%
   * (a judge this close to chance on 20 pairs); at 50% it is narrower. */
  g_assert_cmpint (result.rate.unlabelled_sampling, ==, ERRATA_UNLABELLED_RESAMPLED);
  g_assert_true (errata_eval_metrics_compute (fixture->project, result.test_run_id, &metrics,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (errata_estimate_corrected_rate_full (&metrics.alignment.confusion, 13, 12,
                                                      ERRATA_UNLABELLED_RESAMPLED, &options,
                                                      &core, &error));
  g_assert_cmpfloat (result.rate.pass_interval.lower, ==, core.pass_interval.lower);
  g_assert_cmpfloat (result.rate.pass_interval.upper, ==, core.pass_interval.upper);

  options.level = 0.5;
  g_assert_true (errata_eval_estimate (fixture->project, fixture->evaluator->id, &options,
                                       &result, &error));
  g_assert_true (errata_estimate_corrected_rate_full (&metrics.alignment.confusion, 13, 12,
                                                      ERRATA_UNLABELLED_FIXED, &options,
                                                      &judgy, &error));
  g_test_message ("at 50%%: resampled [%.4f, %.4f], judgy's [%.4f, %.4f]",
                  result.rate.pass_interval.lower, result.rate.pass_interval.upper,
                  judgy.pass_interval.lower, judgy.pass_interval.upper);
  g_assert_cmpfloat (result.rate.pass_interval.upper - result.rate.pass_interval.lower, >,
                     judgy.pass_interval.upper - judgy.pass_interval.lower);
}

/* ---- a judge run against a failing provider ------------------------------------------- */

/* Every reply cut at the token limit, then a provider that fails with
 * 500s: each trace ends with an error verdict that says why, none is
 * counted as a pass or a fail, nothing is lost. */
static void
test_judge_run_with_faults (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, &error);
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) judge = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(GArray) ids = id_range (1, 12);
  ErrataMockFault faults[] = { ERRATA_MOCK_FAULT_TRUNCATED, ERRATA_MOCK_FAULT_500,
                               ERRATA_MOCK_FAULT_MALFORMED };

  g_assert_no_error (error);
  provider = llm_test_provider (server, ERRATA_LLM_KIND_OPENAI);
  provider->max_attempts = 2;
  client = errata_llm_client_new (provider);
  errata_llm_client_set_retry_delays (client, 1, 5);
  json_object_set_int_member (definition, "concurrency", 4);
  judge = errata_evaluators_create (fixture->project, "Judge", ERRATA_TARGET_OVERALL, "judge",
                                    definition, NULL, &error);
  g_assert_no_error (error);
  version = errata_evaluators_get_version (fixture->project, judge->id, 0, &error);
  method = errata_evaluator_method_new (fixture->project, judge, version, client, &error);
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    {
      g_autoptr(ErrataEvalRun) run = NULL;
      g_autoptr(ErrataRunInfo) info = NULL;
      g_autofree char *sql = NULL;

      errata_mock_llm_server_set_fault (server, faults[f], 0);
      run = errata_eval_run_new (fixture->project, version->id, method, ERRATA_SCOPE_ALL, ids);
      errata_eval_run_set_bypass_cache (run, TRUE);
      g_assert_true (run_to_end (run, NULL, &error));
      g_assert_no_error (error);
      info = errata_eval_runs_get (fixture->project, errata_eval_run_get_id (run), &error);
      g_assert_cmpint (info->status, ==, ERRATA_RUN_DONE);
      g_assert_cmpuint (info->n_error, ==, ids->len);
      g_assert_cmpuint (info->n_pass + info->n_fail, ==, 0);
      sql = g_strdup_printf ("SELECT count (*) FROM verdicts WHERE run_id = %" G_GINT64_FORMAT
                             " AND verdict = 'error' AND length (error) > 0", info->id);
      g_assert_cmpint (count (fixture, sql), ==, ids->len);
    }

  /* Healthy again: the same judge passes and fails. */
  errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_NONE, 0);
  {
    g_autoptr(ErrataEvalRun) run = errata_eval_run_new (fixture->project, version->id, method,
                                                        ERRATA_SCOPE_ALL, ids);
    ErrataEvalProgress progress;

    errata_eval_run_set_bypass_cache (run, TRUE);
    g_assert_true (run_to_end (run, NULL, &error));
    errata_eval_run_get_progress (run, &progress);
    g_assert_cmpuint (progress.n_error, ==, 0);
    g_assert_cmpuint (progress.n_pass + progress.n_fail, ==, ids->len);
    g_assert_cmpint (progress.tokens_in, >, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/eval-run" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/all", test_run_all);
  ADD ("/max-cost-and-resume", test_run_max_cost);
  ADD ("/cancel-and-resume", test_run_cancel_and_resume);
  ADD ("/interrupted", test_run_interrupted);
  ADD ("/fatal", test_run_fatal);
  ADD ("/repeat-bypasses-cache", test_run_repeat_bypasses_cache);
  ADD ("/trace-deleted", test_run_trace_deleted);
  ADD ("/late-cancel", test_run_late_cancel);
  ADD ("/test-once", test_test_once);
  ADD ("/versions", test_versions);
  ADD ("/few-shot-from-train-only", test_few_shot_from_train_only);
  ADD ("/json-round-trip", test_json_round_trip);
  ADD ("/metrics-by-hand", test_metrics_by_hand);
  ADD ("/estimate-by-hand", test_estimate_by_hand);
  ADD ("/judge-run-with-faults", test_judge_run_with_faults);
#undef ADD

  return g_test_run ();
}
