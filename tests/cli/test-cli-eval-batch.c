/* test-cli-eval-batch.c: `errata-cli eval run … --batch` end to end
 * through the mock server's Batch APIs (tests/core/llm/errata-mock-llm,
 * a separate process so that it answers while errata-cli runs): OpenAI's
 * files and batches and Anthropic's message batches, split under a batch
 * size, priced at the batch discount; expired and errored requests as
 * named errors; a batch that failed as a whole (nothing written, resumed
 * later); a run killed with SIGKILL while it polls, resumed with exactly
 * one verdict per trace and nothing sent twice; the project's consent for
 * a remote provider, exactly as for a live run.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cli-test-utils.h"
#include "errata-test-utils.h"

#define N_TRACES 25

typedef struct
{
  char        *dir;
  char        *project;
  GSubprocess *mock;
  char        *url;          /* http://127.0.0.1:PORT */
  char        *port;         /* ":PORT" */
} Fixture;

/* The mock and a killed errata-cli die with the test, even when an
 * assertion aborts it (test-cli-synth.c). */
static void
die_with_parent (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
start_mock (Fixture    *fixture,
            const char *option,
            ...)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "core", "llm", "errata-mock-llm",
                                                 NULL);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, path);
  va_start (args, option);
  for (const char *arg = option; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->mock = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->mock));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
  /* A test may start the mock twice. */
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->port, g_free);
  fixture->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->url);
  g_strstrip (fixture->url);
  fixture->port = g_strdup (strrchr (fixture->url, ':'));
}

/* Stops the mock; returns how many batches it created (and @requests, how
 * many HTTP requests it answered). */
static guint
stop_mock (Fixture *fixture,
           guint   *requests)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *batches;

  g_subprocess_send_signal (fixture->mock, SIGTERM);
  g_subprocess_communicate_utf8 (fixture->mock, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->mock);
  batches = strstr (err, "batches=");
  g_assert_nonnull (batches);
  if (requests != NULL)
    *requests = (guint) g_ascii_strtoull (strstr (err, "requests=") + strlen ("requests="), NULL,
                                          10);
  return (guint) g_ascii_strtoull (batches + strlen ("batches="), NULL, 10);
}

/* Lets the batches of a mock started with --batch-hold end (at the next
 * look of whoever polls them). */
static void
release_batches (Fixture *fixture)
{
  g_subprocess_send_signal (fixture->mock, SIGUSR1);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GString) traces = g_string_new (NULL);
  g_autofree char *traces_path = NULL;
  g_autofree char *judge = NULL;
  g_auto(CliResult) r = { 0 };

  fixture->dir = errata_test_make_tmpdir ();
  fixture->project = g_build_filename (fixture->dir, "p.errata", NULL);
  for (guint i = 0; i < N_TRACES; i++)
    g_string_append_printf (traces, "{\"id\": \"t%u\", \"messages\": [{\"role\": \"user\","
                                    " \"content\": \"Question %u\"}, {\"role\": \"assistant\","
                                    " \"content\": \"Answer %u\"}]}\n", i, i, i);
  traces_path = errata_test_write_file (fixture->dir, "traces.jsonl", traces->str, -1);
  judge = errata_test_write_file (fixture->dir, "judge.json",
                                  "{\"name\": \"Polite\", \"target\": \"overall\","
                                  " \"kind\": \"judge\", \"definition\": {}}", -1);
  r = cli_run ("new", fixture->project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli_run ("import", fixture->project, traces_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli_run ("eval", "import", fixture->project, judge, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->mock != NULL)
    stop_mock (fixture, NULL);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
  g_free (fixture->url);
  g_free (fixture->port);
}

static char *
base_url (Fixture  *fixture,
          gboolean  anthropic)
{
  return anthropic ? g_strdup (fixture->url) : g_strconcat (fixture->url, "/v1", NULL);
}

/* `eval run --batch` with a quick poll; @extra NULL-terminated. */
static CliResult
run_batch (Fixture    *fixture,
           gboolean    anthropic,
           const char *url,
           const char *extra,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list list;

  g_ptr_array_add (args, "run");
  g_ptr_array_add (args, fixture->project);
  g_ptr_array_add (args, "Polite");
  g_ptr_array_add (args, "--batch");
  g_ptr_array_add (args, "--poll-interval");
  g_ptr_array_add (args, "0.02");
  g_ptr_array_add (args, "--provider");
  g_ptr_array_add (args, anthropic ? "anthropic" : "custom");
  g_ptr_array_add (args, "--base-url");
  g_ptr_array_add (args, (char *) url);
  g_ptr_array_add (args, "--model");
  g_ptr_array_add (args, "gpt-4o-mini");
  va_start (list, extra);
  for (const char *arg = extra; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  return cli_run_args ("eval", (const char * const *) args->pdata);
}

static sqlite3 *
open_db (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->project, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = open_db (fixture);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static double
query_double (Fixture    *fixture,
              const char *sql)
{
  sqlite3 *db = open_db (fixture);
  sqlite3_stmt *stmt = NULL;
  double value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Every trace has exactly one verdict in the run. */
static void
assert_one_verdict_each (Fixture *fixture,
                         gint64   run_id)
{
  g_autofree char *all = g_strdup_printf ("SELECT count (*) FROM verdicts WHERE run_id = %"
                                          G_GINT64_FORMAT, run_id);
  g_autofree char *distinct = g_strdup_printf ("SELECT count (DISTINCT trace_id) FROM verdicts"
                                               " WHERE run_id = %" G_GINT64_FORMAT, run_id);

  g_assert_cmpint (query_int (fixture, all), ==, N_TRACES);
  g_assert_cmpint (query_int (fixture, distinct), ==, N_TRACES);
}

/* Both providers: three batches of at most ten, every trace judged once,
 * the cost half the list price of the tokens the provider reported. */
static void
test_end_to_end (Fixture       *fixture,
                 gconstpointer  data)
{
  gboolean anthropic = GPOINTER_TO_INT (data);
  g_autofree char *url = NULL;
  g_auto(CliResult) r = { 0 };
  double cost, list_price;

  start_mock (fixture, "--batch-delay-ms", "100", NULL);
  url = base_url (fixture, anthropic);
  r = run_batch (fixture, anthropic, url, "--on", "all", "--batch-size", "10", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "Run 1: done · 25 of 25 traces judged: 25 pass, 0 fail, 0 errors");
  assert_one_verdict_each (fixture, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM eval_batches WHERE run_id = 1"
                                       " AND state = 'collected' AND n_requests <= 10"), ==, 3);
  /* gpt-4o-mini: $0.15 in, $0.60 out per million tokens; half of it. */
  cost = query_double (fixture, "SELECT cost FROM runs WHERE id = 1");
  list_price = query_double (fixture, "SELECT (tokens_in * 0.15 + tokens_out * 0.60) / 1e6"
                                      " FROM runs WHERE id = 1");
  g_assert_cmpfloat (list_price, >, 0);
  g_assert_cmpfloat_with_epsilon (cost, list_price / 2, 1e-9);
  /* Written as the live run writes them: the reasoning, no latency. */
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM verdicts WHERE run_id = 1"
                                       " AND reasoning = 'mock' AND latency_ms IS NULL"), ==,
                   N_TRACES);
  cli_result_clear (&r);

  r = cli_run ("eval", "run", fixture->project, "Polite", "--batch", "--status", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "Run 1: done · 3 batches");
  cli_assert_contains (r.out, anthropic ? "msgbatch_mock_" : "batch_mock_");
  cli_assert_contains (r.out, "collected");
  g_assert_cmpuint (stop_mock (fixture, NULL), ==, 3);
}

/* Requests that expired or came back with an error are verdicts of kind
 * error that say which. */
static void
test_expired_and_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  gboolean anthropic = GPOINTER_TO_INT (data);
  g_autofree char *url = NULL;
  g_auto(CliResult) r = { 0 };

  start_mock (fixture, "--batch-delay-ms", "50", "--batch-expired", "2", "--batch-errors", "1",
              NULL);
  url = base_url (fixture, anthropic);
  r = run_batch (fixture, anthropic, url, "--on", "all", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "25 of 25 traces judged: 22 pass, 0 fail, 3 errors");
  cli_assert_contains (r.out, "2 requests expired");
  cli_assert_contains (r.out, "1 came back with an error");
  assert_one_verdict_each (fixture, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM verdicts WHERE verdict = 'error'"
                                       " AND error LIKE 'Expired:%24 hours%'"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM verdicts WHERE verdict = 'error'"
                                       " AND error LIKE '%answered this request with an error:"
                                       " Mock: this request was refused'"), ==, 1);
  g_assert_cmpuint (stop_mock (fixture, NULL), ==, 1);
}

/* A batch refused as a whole writes nothing and says so; resuming sends
 * its traces again and the run completes. */
static void
test_failed_batch (Fixture       *fixture,
                   gconstpointer  data)
{
  gboolean anthropic = GPOINTER_TO_INT (data);
  g_autofree char *url = NULL;
  g_auto(CliResult) r = { 0 };

  start_mock (fixture, "--batch-delay-ms", "50", "--batch-failed", "1", NULL);
  url = base_url (fixture, anthropic);
  r = run_batch (fixture, anthropic, url, "--on", "all", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_assert_contains (r.out, "Run 1: failed · 0 of 25 traces judged");
  cli_assert_contains (r.out, "1 of 1 batches failed at the provider as a whole");
  cli_assert_contains (r.out, "refused as a whole");
  cli_assert_contains (r.out, "no verdict was written for their 25 traces");
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM verdicts"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT n_pass + n_fail + n_error FROM runs"), ==, 0);
  cli_result_clear (&r);

  r = run_batch (fixture, anthropic, url, "--resume", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "Run 1: done · 25 of 25 traces judged: 25 pass");
  assert_one_verdict_each (fixture, 1);
  stop_mock (fixture, NULL);
}

static gint64
count_submitted (Fixture *fixture)
{
  return query_int (fixture, "SELECT count (*) FROM eval_batches WHERE state = 'submitted'");
}

/* Killed with SIGKILL while it polls: the batches are in the project, the
 * run reads as interrupted, a live resume is refused, and a batch resume
 * collects them with one verdict per trace and no batch sent twice. */
static void
test_resume_after_kill (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli",
                                                NULL);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                               | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) r = { 0 };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* Held until the child is killed, so that it is still polling then
   * however slow or fast the machine is. */
  start_mock (fixture, "--batch-hold", NULL);
  url = base_url (fixture, FALSE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  child = g_subprocess_launcher_spawn (launcher, &error, cli, "eval", "run", fixture->project,
                                       "Polite", "--on", "all", "--batch", "--batch-size", "10",
                                       "--poll-interval", "0.02", "--provider", "custom",
                                       "--base-url", url, "--model", "gpt-4o-mini", NULL);
  g_assert_no_error (error);
  while (count_submitted (fixture) < 3 && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_cmpint (count_submitted (fixture), ==, 3);
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  r = cli_run ("eval", "run", fixture->project, "Polite", "--batch", "--status", NULL);
  cli_assert_contains (r.out, "Run 1: interrupted · 3 batches");
  cli_result_clear (&r);
  r = cli_run ("eval", "run", fixture->project, "Polite", "--resume", "1", "--provider", "custom",
               "--base-url", url, "--model", "gpt-4o-mini", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "--batch --resume 1");
  cli_result_clear (&r);

  release_batches (fixture);
  r = run_batch (fixture, FALSE, url, "--resume", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "Run 1: done · 25 of 25 traces judged: 25 pass");
  assert_one_verdict_each (fixture, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM eval_batches"), ==, 3);
  g_assert_cmpuint (stop_mock (fixture, NULL), ==, 3);
}

/* Ctrl+C while it polls stops waiting: the run is cancelled, says where
 * its batches are, and a resume collects them. */
static void
test_interrupt (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli",
                                                NULL);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(CliResult) r = { 0 };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  start_mock (fixture, "--batch-hold", NULL);
  url = base_url (fixture, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  child = g_subprocess_launcher_spawn (launcher, &error, cli, "eval", "run", fixture->project,
                                       "Polite", "--on", "all", "--batch", "--poll-interval",
                                       "0.02", "--provider", "anthropic", "--base-url", url,
                                       "--model", "gpt-4o-mini", NULL);
  g_assert_no_error (error);
  while (count_submitted (fixture) < 1 && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_cmpint (count_submitted (fixture), ==, 1);
  g_subprocess_send_signal (child, SIGINT);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 1);
  cli_assert_contains (out, "Run 1: cancelled · 0 of 25 traces judged");
  cli_assert_contains (out, "1 batches are still at the provider");
  cli_assert_contains (err, "the batches stay at the provider");

  release_batches (fixture);
  r = run_batch (fixture, TRUE, url, "--resume", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "Run 1: done · 25 of 25 traces judged: 25 pass");
  assert_one_verdict_each (fixture, 1);
  g_assert_cmpuint (stop_mock (fixture, NULL), ==, 1);
}

/* --batch --resume RUN --cancel: the batch left at the provider by Ctrl+C
 * is cancelled there; the mock had run its first half, whose verdicts are
 * stored, the rest have none; a second --cancel finds nothing to cancel. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  gboolean anthropic = GPOINTER_TO_INT (data);
  g_autofree char *url = NULL;
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli",
                                                NULL);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) r = { 0 };
  g_auto(CliResult) again = { 0 };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  start_mock (fixture, "--batch-delay-ms", "3600000", NULL);
  url = base_url (fixture, anthropic);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  child = g_subprocess_launcher_spawn (launcher, &error, cli, "eval", "run", fixture->project,
                                       "Polite", "--on", "all", "--batch", "--poll-interval",
                                       "0.02", "--provider", anthropic ? "anthropic" : "custom",
                                       "--base-url", url, "--model", "gpt-4o-mini", NULL);
  g_assert_no_error (error);
  while (count_submitted (fixture) < 1 && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_cmpint (count_submitted (fixture), ==, 1);
  g_subprocess_send_signal (child, SIGINT);
  g_subprocess_communicate_utf8 (child, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  r = run_batch (fixture, anthropic, url, "--resume", "1", "--cancel", NULL);
  cli_assert_contains (r.out, "Run 1: cancelled · 12 of 25 traces judged: 12 pass");
  cli_assert_contains (r.out, "13 requests had not run");
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM verdicts WHERE run_id = 1"), ==, 12);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM eval_batches "
                                       "WHERE state != 'collected'"), ==, 0);

  again = run_batch (fixture, anthropic, url, "--resume", "1", "--cancel", NULL);
  g_assert_cmpint (again.status, !=, 0);
  cli_assert_contains (again.err, "nothing to cancel");
  g_assert_cmpuint (stop_mock (fixture, NULL), ==, 1);
}

/* A trace deleted while its batch runs is no longer part of the run: the
 * others get their verdicts, as in a live run. */
static void
test_trace_deleted (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli",
                                                NULL);
  g_autofree char *ids = errata_test_write_file (fixture->dir, "gone.txt", "t3\nt7\n", -1);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(CliResult) r = { 0 };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* Held until the traces are deleted: the delete comes while the batch
   * runs, however long it takes on a busy machine. */
  start_mock (fixture, "--batch-hold", NULL);
  url = base_url (fixture, FALSE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  child = g_subprocess_launcher_spawn (launcher, &error, cli, "eval", "run", fixture->project,
                                       "Polite", "--on", "all", "--batch", "--poll-interval",
                                       "0.02", "--provider", "custom", "--base-url", url,
                                       "--model", "gpt-4o-mini", NULL);
  g_assert_no_error (error);
  while (count_submitted (fixture) < 1 && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_cmpint (count_submitted (fixture), ==, 1);
  r = cli_run ("delete", fixture->project, "--ids", ids, NULL);
  g_assert_cmpint (r.status, ==, 0);
  release_batches (fixture);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  cli_assert_contains (out, "Run 1: done · 23 of 23 traces judged: 23 pass, 0 fail, 0 errors");
  g_assert_cmpint (query_int (fixture, "SELECT count (DISTINCT trace_id) FROM verdicts"), ==,
                   N_TRACES - 2);
  stop_mock (fixture, NULL);
}

/* The consent check holds for a batch run exactly as for a live one: a
 * remote provider is refused before anything is sent, allowed once with
 * --allow-remote. */
static void
test_remote_consent (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *remote = NULL;
  g_auto(CliResult) r = { 0 };
  guint requests = G_MAXUINT;

  start_mock (fixture, "--batch-delay-ms", "50", NULL);
  remote = g_strdup_printf ("http://[::ffff:127.0.0.1]%s/v1", fixture->port);
  r = run_batch (fixture, FALSE, remote, "--on", "all", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "::ffff:127.0.0.1");
  cli_assert_contains (r.err, "--allow-remote");
  cli_assert_contains (r.err, "nothing was sent");
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM eval_batches"), ==, 0);
  g_assert_cmpuint (stop_mock (fixture, &requests), ==, 0);
  g_assert_cmpuint (requests, ==, 0);
  cli_result_clear (&r);

  start_mock (fixture, "--batch-delay-ms", "50", NULL);
  g_free (remote);
  remote = g_strdup_printf ("http://[::ffff:127.0.0.1]%s/v1", fixture->port);
  r = run_batch (fixture, FALSE, remote, "--on", "all", "--allow-remote", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "25 of 25 traces judged");
  g_assert_cmpuint (stop_mock (fixture, NULL), ==, 1);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(CliResult) r = { 0 };

  r = cli_run ("eval", "run", fixture->project, "Polite", "--on", "all", "--status", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "go with --batch");
  cli_result_clear (&r);
  r = cli_run ("eval", "run", fixture->project, "Polite", "--on", "dev", "--batch", "--repeat",
               "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "--batch runs once");
  cli_result_clear (&r);
  r = cli_run ("eval", "run", fixture->project, "Polite", "--batch", "--status", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_assert_contains (r.err, "no batch runs");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The isolated XDG_DATA_DIRS hold no GSettings schema for the system
   * proxy resolver; every server here is on loopback (test-cli-synth.c). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/cli/eval-batch/openai", test_end_to_end, GINT_TO_POINTER (FALSE));
  ADD ("/cli/eval-batch/anthropic", test_end_to_end, GINT_TO_POINTER (TRUE));
  ADD ("/cli/eval-batch/expired-and-errors/openai", test_expired_and_errors, GINT_TO_POINTER (FALSE));
  ADD ("/cli/eval-batch/expired-and-errors/anthropic", test_expired_and_errors,
       GINT_TO_POINTER (TRUE));
  ADD ("/cli/eval-batch/failed-batch/openai", test_failed_batch, GINT_TO_POINTER (FALSE));
  ADD ("/cli/eval-batch/failed-batch/anthropic", test_failed_batch, GINT_TO_POINTER (TRUE));
  ADD ("/cli/eval-batch/resume-after-kill", test_resume_after_kill, NULL);
  ADD ("/cli/eval-batch/interrupt", test_interrupt, NULL);
  ADD ("/cli/eval-batch/cancel/openai", test_cancel, GINT_TO_POINTER (FALSE));
  ADD ("/cli/eval-batch/cancel/anthropic", test_cancel, GINT_TO_POINTER (TRUE));
  ADD ("/cli/eval-batch/trace-deleted", test_trace_deleted, NULL);
  ADD ("/cli/eval-batch/remote-consent", test_remote_consent, NULL);
  ADD ("/cli/eval-batch/usage", test_usage, NULL);
#undef ADD

  return g_test_run ();
}
