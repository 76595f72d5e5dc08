/* errata-bench-eval.c: the evaluators' speed targets.
 *
 *   errata-bench-eval [--judge-traces N] [--latency MS] [--concurrency C]
 *                     [--verdicts N] [--labels N] [--only judge|metrics|bootstrap]
 *
 * 1. judge: an LLM judge run (ErrataEvalRun with the judge method) over
 *    2,000 traces against the in-process mock server answering each request
 *    after 200 ms, 16 judgements in flight. Prints the wall time against the
 *    ideal N × latency / concurrency, how the verdicts count in the project
 *    file grows (read every second, and watched every 50 ms for the longest
 *    gap between two commits, from a second, read-only SQLite connection in
 *    another thread) and the RSS at 10%, 50% and 100% of the run. The
 *    provider's concurrency limit is raised to the judge's (see
 *    --client-concurrency).
 * 2. metrics: errata_eval_metrics_compute over a run of 1,000,000 stored
 *    verdicts with 100,000 explicit labels, and errata_ground_truth_list
 *    alone, median of 5.
 * 3. bootstrap: errata_estimate_corrected_rate with 20,000 draws over 1,000
 *    test pairs, the unlabelled verdicts resampled too, for 10,000 and for
 *    1,000,000 of them, median of 10 each.
 *
 * Figures in bench/README.md, "Evaluators".
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "errata-corrected-rate.h"
#include "errata-eval-metrics.h"
#include "errata-eval-run.h"
#include "errata-eval-runs.h"
#include "errata-eval-scope.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-ground-truth.h"
#include "errata-llm-cache.h"
#include "errata-mock-llm-server.h"
#include "errata-project-private.h"
#include "errata-test-utils.h"

static guint judge_traces = 2000;
static guint latency_ms = 200;
static guint concurrency = 16;
static guint client_concurrency;
static guint n_verdicts = 1000000;
static guint n_labels = 100000;
static char *only;
static char *metrics_project;

static GOptionEntry entries[] = {
  { "judge-traces", 0, 0, G_OPTION_ARG_INT, &judge_traces, "Traces the judge run judges", "N" },
  { "latency", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Mock server latency", "MS" },
  { "concurrency", 0, 0, G_OPTION_ARG_INT, &concurrency, "Judgements in flight", "C" },
  { "client-concurrency", 0, 0, G_OPTION_ARG_INT, &client_concurrency,
    "The provider's own limit (default: the judge's concurrency)", "C" },
  { "verdicts", 0, 0, G_OPTION_ARG_INT, &n_verdicts, "Stored verdicts for the metrics", "N" },
  { "labels", 0, 0, G_OPTION_ARG_INT, &n_labels, "Explicit labels for the metrics", "N" },
  { "metrics-project", 0, 0, G_OPTION_ARG_FILENAME, &metrics_project,
    "Keep the metrics project here and reuse it on the next run", "PATH" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one part: judge, metrics, bootstrap", "PART" },
  { NULL }
};

/* ---- helpers ------------------------------------------------------------- */

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* VmRSS of this process in MB, from /proc. */
static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
print_times (const char *label,
             double     *times,
             guint       n)
{
  qsort (times, n, sizeof (double), compare_doubles);
  printf ("  %-44s median %8.1f ms, p95 %8.1f ms, min %8.1f ms, max %8.1f ms (%u runs)\n",
          label, times[n / 2] * 1e3, times[MIN ((guint)(n * 0.95), n - 1)] * 1e3,
          times[0] * 1e3, times[n - 1] * 1e3, n);
}

static char *
make_dir (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  if (dir == NULL)
    g_error ("%s", error->message);
  return dir;
}

static void
remove_project (const char *dir,
                const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static ErrataProject *
create_project (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ErrataProject *project = errata_project_create (file, &error);

  if (project == NULL)
    g_error ("%s: %s", path, error->message);
  return project;
}

/* ---- 1. the judge run -------------------------------------------------- */

/* Watches the project from a second, read-only connection in its own
 * thread: the verdicts count every second, and every change it sees. */
typedef struct
{
  char     *path;
  gint      stop;
  double    start;
  GArray   *per_second;   /* guint: count at 1 s, 2 s, … */
  GArray   *changes;      /* double: seconds since start of each change seen */
  guint     last_count;
  char     *failure;
} Watcher;

static gpointer
watch_verdicts (gpointer data)
{
  Watcher *watcher = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double next_second = watcher->start + 1.0;

  if (sqlite3_open_v2 (watcher->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (db, 5000) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT count (*) FROM verdicts", -1, &stmt, NULL) != SQLITE_OK)
    {
      watcher->failure = g_strdup (sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  while (!g_atomic_int_get (&watcher->stop))
    {
      double t;
      guint count;

      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          watcher->failure = g_strdup (sqlite3_errmsg (db));
          break;
        }
      count = (guint)sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
      t = now_s ();
      if (count != watcher->last_count)
        {
          double since = t - watcher->start;

          g_array_append_val (watcher->changes, since);
          watcher->last_count = count;
        }
      while (t >= next_second)
        {
          g_array_append_val (watcher->per_second, count);
          next_second += 1.0;
        }
      g_usleep (50 * 1000);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return NULL;
}

typedef struct
{
  ErrataEvalRun *run;
  GAsyncResult  *result;
  double         rss[3];       /* at 10%, 50%, 100% */
  guint          rss_done[3];  /* verdicts when it was read */
  guint          next_mark;
} JudgeRun;

static void
on_progress (ErrataEvalRun *run,
             JudgeRun      *state)
{
  static const double marks[] = { 0.10, 0.50, 1.00 };
  ErrataEvalProgress progress;

  errata_eval_run_get_progress (run, &progress);
  while (state->next_mark < G_N_ELEMENTS (marks) &&
         progress.done >= (guint)(marks[state->next_mark] * progress.total))
    {
      state->rss[state->next_mark] = rss_mb ();
      state->rss_done[state->next_mark] = progress.done;
      state->next_mark++;
    }
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  JudgeRun *state = data;

  state->result = g_object_ref (result);
}

static void
add_traces (ErrataProject *project,
            guint          n)
{
  g_autoptr(GError) error = NULL;

  if (!errata_project_begin (project, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ErrataTrace) trace = errata_test_new_typical_trace (i);

      errata_trace_set_source (trace, "bench");
      if (!errata_project_add_trace (project, trace, NULL, &error))
        g_error ("%s", error->message);
    }
  if (!errata_project_commit (project, &error))
    g_error ("%s", error->message);
}

/* The judge's reply: pass and fail in turn, valid {"reasoning", "verdict"}. */
static void
script_replies (ErrataMockLlmServer *server)
{
  static const char *replies[] = {
    "{\"json\": {\"reasoning\": \"The assistant found two listings within budget and offered "
    "to book the viewing.\", \"verdict\": \"pass\"}}",
    "{\"json\": {\"reasoning\": \"The assistant proposed a viewing without checking the "
    "agent's availability first.\", \"verdict\": \"fail\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node = json_from_string (replies[i], &error);

      if (node == NULL)
        g_error ("%s", error->message);
      errata_mock_llm_server_add_reply (server, node);
    }
}

static void
report_watcher (Watcher *watcher,
                guint    total,
                double   seconds)
{
  double max_gap = 0, prev = 0;
  guint min_step = G_MAXUINT, max_step = 0;
  GString *series = g_string_new (NULL);

  for (guint i = 0; i < watcher->changes->len; i++)
    {
      double t = g_array_index (watcher->changes, double, i);

      max_gap = MAX (max_gap, t - prev);
      prev = t;
    }
  /* Whole seconds inside the run only: the first holds the ramp-up, the
   * last the final flush. */
  for (guint i = 0; i < watcher->per_second->len; i++)
    {
      guint count = g_array_index (watcher->per_second, guint, i);
      guint before = i > 0 ? g_array_index (watcher->per_second, guint, i - 1) : 0;

      g_string_append_printf (series, "%s%u", i > 0 ? " " : "", count);
      if (i >= 1 && i + 1 < (guint)seconds)
        {
          min_step = MIN (min_step, count - before);
          max_step = MAX (max_step, count - before);
        }
    }
  printf ("  verdicts in the file, every second: %s\n", series->str);
  printf ("  verdicts added per second (seconds 2 to %u): min %u, max %u (mean %.1f)\n",
          (guint)seconds - 1, min_step == G_MAXUINT ? 0 : min_step, max_step, total / seconds);
  printf ("  commits seen by the reader: %u; longest gap between two: %.0f ms "
          "(first one at %.0f ms)\n",
          watcher->changes->len, max_gap * 1e3,
          watcher->changes->len > 0 ? g_array_index (watcher->changes, double, 0) * 1e3 : 0);
  g_string_free (series, TRUE);
}

static void
bench_judge (void)
{
  g_autofree char *dir = make_dir ("errata-bench-eval-judge-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "judge.errata", NULL);
  g_autoptr(ErrataProject) project = create_project (path);
  g_autoptr(ErrataMockLlmServer) server = NULL;
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmCache) cache = NULL;
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *count_sql = NULL;
  JudgeRun state = { 0, };
  Watcher watcher = { 0, };
  GThread *thread;
  ErrataEvalProgress progress;
  ErrataLlmUsage usage;
  double start, seconds, cpu_start, cpu, ideal, rss_before;
  gint64 stored = -1;

  printf ("judge run: %u traces, mock server latency %u ms, concurrency %u (client limit %u)\n",
          judge_traces, latency_ms, concurrency,
          client_concurrency > 0 ? client_concurrency : concurrency);
  start = now_s ();
  add_traces (project, judge_traces);
  printf ("  project with %u typical traces (18 messages, ~4 KB) made in %.1f s\n",
          judge_traces, now_s () - start);

  server = errata_mock_llm_server_new (0, &error);
  if (server == NULL)
    g_error ("%s", error->message);
  errata_mock_llm_server_set_latency (server, latency_ms);
  script_replies (server);

  /* The provider's own limit (4 by default, and the llm-concurrency
   * setting's 4 in errata-cli and the app) caps the judge's concurrency:
   * raise it to the judge's, as a user who sets "concurrency" must. */
  base_url = errata_mock_llm_server_dup_base_url (server, FALSE);
  provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, base_url, "mock-model");
  errata_llm_provider_set_api_key (provider, "bench-key");
  provider->concurrency = client_concurrency > 0 ? client_concurrency : concurrency;
  provider->timeout_seconds = 30;
  client = errata_llm_client_new (provider);
  /* As errata-cli eval run: the project's reply cache (empty here, so
   * every judgement goes to the server, and every reply is stored). */
  cache = errata_llm_cache_new_for_project (project);
  errata_llm_client_set_cache (client, cache);

  json_object_set_int_member (definition, "concurrency", concurrency);
  evaluator = errata_evaluators_create (project, "Bench judge", ERRATA_TARGET_OVERALL,
                                        ERRATA_EVALUATOR_KIND_JUDGE, definition, NULL, &error);
  if (evaluator == NULL)
    g_error ("%s", error->message);
  version = errata_evaluators_get_version (project, evaluator->id, 0, &error);
  ids = version ? errata_eval_scope_resolve (project, evaluator->target, ERRATA_SCOPE_ALL,
                                             NULL, &error) : NULL;
  method = ids ? errata_evaluator_method_new (project, evaluator, version, client, &error) : NULL;
  if (method == NULL)
    g_error ("%s", error->message);
  run = errata_eval_run_new (project, version->id, method, ERRATA_SCOPE_ALL, ids);
  if (!errata_eval_run_check (run, &error))
    g_error ("%s", error->message);
  g_signal_connect (run, "progress", G_CALLBACK (on_progress), &state);

  rss_before = rss_mb ();
  watcher.path = path;
  watcher.per_second = g_array_new (FALSE, FALSE, sizeof (guint));
  watcher.changes = g_array_new (FALSE, FALSE, sizeof (double));
  start = watcher.start = now_s ();
  cpu_start = cpu_seconds ();
  thread = g_thread_new ("watch-verdicts", watch_verdicts, &watcher);

  errata_eval_run_start_async (run, NULL, on_run_done, &state);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  seconds = now_s () - start;
  cpu = cpu_seconds () - cpu_start;

  g_atomic_int_set (&watcher.stop, 1);
  g_thread_join (thread);
  if (!errata_eval_run_start_finish (run, state.result, &error))
    g_error ("the run failed: %s", error->message);
  g_clear_object (&state.result);
  if (watcher.failure != NULL)
    g_error ("the reader failed: %s", watcher.failure);

  errata_eval_run_get_progress (run, &progress);
  errata_llm_client_get_usage (client, &usage);
  count_sql = g_strdup_printf ("SELECT count (*) FROM verdicts WHERE run_id = %" G_GINT64_FORMAT,
                               errata_eval_run_get_id (run));
  if (!_errata_project_query_int (project, count_sql, &stored, &error))
    g_error ("%s", error->message);

  ideal = (double)judge_traces * latency_ms / 1000.0 / concurrency;
  printf ("  wall %.2f s, ideal %.2f s: %.4fx (target <= 1.05x: %s); CPU %.2f s\n",
          seconds, ideal, seconds / ideal, seconds / ideal <= 1.05 ? "met" : "MISSED", cpu);
  printf ("  verdicts: %u pass, %u fail, %u error; %" G_GINT64_FORMAT " stored; "
          "%" G_GUINT64_FORMAT " HTTP requests, %" G_GUINT64_FORMAT " failures; "
          "most in flight at the server: %u\n",
          progress.n_pass, progress.n_fail, progress.n_error, stored, usage.requests,
          usage.failures, errata_mock_llm_server_get_max_in_flight (server));
  report_watcher (&watcher, progress.done, seconds);
  printf ("  RSS: %.1f MB before; %.1f MB at 10%% (%u), %.1f MB at 50%% (%u), "
          "%.1f MB at 100%% (%u)\n",
          rss_before, state.rss[0], state.rss_done[0], state.rss[1], state.rss_done[1],
          state.rss[2], state.rss_done[2]);

  g_array_unref (watcher.per_second);
  g_array_unref (watcher.changes);
  if (progress.n_error > 0 || (guint)stored != judge_traces)
    g_error ("the run did not judge every trace");

  g_clear_object (&run);
  g_clear_object (&method);
  errata_project_close (project);
  g_clear_object (&project);
  remove_project (dir, path);
}

/* ---- 2. metrics over stored verdicts ------------------------------------ */

/* Straight in with SQL, one transaction: the runner's cost is not measured
 * here. The run row holds its scope as the runner writes it (a JSON array
 * of every id); a verdict's reasoning and raw reply are a judge's usual
 * few sentences (~190 and ~230 characters). Verdicts: 1 in 4 fail, 1 in
 * 97 an error. Explicit labels on every (N / labels)th trace, 1 in 3 of
 * them fail. */
#define REASONING \
  "The assistant found two listings within the budget, gave their addresses and prices, and " \
  "offered to check the agent''s availability before booking the viewing, as the system " \
  "prompt asks."

static const char fill_sql[] =
  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
  " INSERT INTO traces (id, external_id, source, imported_at, sample_key)"
  "  SELECT i, 'trace-' || i, 'bench', 0, random () FROM n;"
  "INSERT INTO evaluators (id, name, target, kind, created_at)"
  "  VALUES (1, 'Bench judge', 0, 'judge', 0);"
  "INSERT INTO evaluator_versions (id, evaluator_id, number, definition, created_at)"
  "  VALUES (1, 1, 1, '{}', 0);"
  "INSERT INTO runs (id, version_id, scope, scope_ids, status, total, started_at, ended_at)"
  "  SELECT 1, 1, 'all', '[' || group_concat (id, ',') || ']', 'done', count (*), 0, 1"
  "  FROM (SELECT id FROM traces ORDER BY id);"
  "INSERT INTO verdicts (run_id, trace_id, verdict, reasoning, raw, latency_ms, tokens_in,"
  "                      tokens_out, cost, created_at)"
  "  SELECT 1, id, v, '" REASONING "',"
  "         '{\"reasoning\": \"" REASONING "\", \"verdict\": \"' || v || '\"}',"
  "         200, 1200, 60, 0.0002, 0"
  "  FROM (SELECT id, CASE WHEN id %% 97 = 0 THEN 'error' WHEN id %% 4 = 0 THEN 'fail'"
  "                        ELSE 'pass' END AS v FROM traces);"
  "UPDATE runs SET n_pass = (SELECT count (*) FROM verdicts WHERE verdict = 'pass'),"
  "  n_fail = (SELECT count (*) FROM verdicts WHERE verdict = 'fail'),"
  "  n_error = (SELECT count (*) FROM verdicts WHERE verdict = 'error') WHERE id = 1;"
  "INSERT INTO explicit_labels (target, trace_id, value, annotator, updated_at)"
  "  SELECT 0, id, CASE WHEN id %% 3 = 0 THEN 'fail' ELSE 'pass' END, 'Dana', 0"
  "  FROM traces WHERE id %% %u = 0;";

static ErrataProject *
open_or_fill (const char *path,
              guint       every)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  ErrataProject *project;
  char *message = NULL;
  double start;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
      if (project == NULL)
        g_error ("%s: %s", path, error->message);
      printf ("  reusing %s\n", path);
      return project;
    }
  project = create_project (path);
  sql = g_strdup_printf (fill_sql, n_verdicts, every);
  start = now_s ();
  if (!errata_project_begin (project, &error) ||
      sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message) != SQLITE_OK ||
      !errata_project_commit (project, &error))
    g_error ("filling the project: %s", message ? message : error->message);
  printf ("  project filled with SQL in %.1f s\n", now_s () - start);
  return project;
}

typedef gboolean (*Step) (ErrataProject *project, GError **error);

static ErrataEvalMetrics last_metrics;

static gboolean
step_metrics (ErrataProject  *project,
              GError        **error)
{
  return errata_eval_metrics_compute (project, 1, &last_metrics, error);
}

static gboolean
step_truths (ErrataProject  *project,
             GError        **error)
{
  g_autoptr(GArray) truths = errata_ground_truth_list (project, ERRATA_TARGET_OVERALL, error);

  return truths != NULL;
}

static gboolean
step_verdicts (ErrataProject  *project,
               GError        **error)
{
  g_autoptr(GArray) verdicts = errata_eval_runs_verdicts (project, 1, error);

  return verdicts != NULL;
}

static gboolean
step_run_info (ErrataProject  *project,
               GError        **error)
{
  g_autoptr(ErrataRunInfo) info = errata_eval_runs_get (project, 1, error);

  return info != NULL;
}

/* SQLite alone: the verdicts query stepped to the end, no column read. */
static gboolean
step_sql (ErrataProject  *project,
          const char     *sql,
          GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || _errata_project_set_error (project, error, "step");
}

static gboolean
step_sql_verdicts (ErrataProject  *project,
                   GError        **error)
{
  return step_sql (project, "SELECT trace_id, verdict FROM verdicts WHERE run_id = 1"
                   " ORDER BY trace_id", error);
}

static gboolean
step_sql_count (ErrataProject  *project,
                GError        **error)
{
  return step_sql (project, "SELECT count (*) FROM verdicts WHERE run_id = 1", error);
}

static void
measure (const char    *label,
         ErrataProject *project,
         Step           step,
         guint          runs)
{
  g_autofree double *wall = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      double start = now_s (), cpu_start = cpu_seconds ();

      if (!step (project, &error))
        g_error ("%s: %s", label, error->message);
      wall[i] = now_s () - start;
      cpu[i] = cpu_seconds () - cpu_start;
    }
  qsort (cpu, runs, sizeof (double), compare_doubles);
  print_times (label, wall, runs);
  printf ("  %-44s CPU median %5.1f ms\n", "", cpu[runs / 2] * 1e3);
}

static void
bench_metrics (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ErrataProject) project = NULL;
  guint every = MAX (n_verdicts / MAX (n_labels, 1), 1);
  ErrataEvalMetrics *metrics = &last_metrics;

  printf ("metrics: %u stored verdicts, explicit labels on 1 trace in %u\n", n_verdicts, every);
  if (metrics_project != NULL)
    path = g_strdup (metrics_project);
  else
    {
      dir = make_dir ("errata-bench-eval-metrics-XXXXXX");
      path = g_build_filename (dir, "metrics.errata", NULL);
    }
  project = open_or_fill (path, every);

  measure ("errata_eval_metrics_compute", project, step_metrics, 5);
  printf ("  where its time goes (each alone):\n");
  measure ("errata_ground_truth_list", project, step_truths, 5);
  measure ("errata_eval_runs_verdicts", project, step_verdicts, 5);
  measure ("  its SQL stepped, no column read", project, step_sql_verdicts, 5);
  measure ("  SELECT count (*) of the run's verdicts", project, step_sql_count, 5);
  measure ("errata_eval_runs_get", project, step_run_info, 5);
  printf ("  %u verdicts, %u errors, %u unlabelled, %u disputed; TP %u FN %u FP %u TN %u\n",
          metrics->n_verdicts, metrics->n_errors, metrics->n_unlabelled, metrics->n_disputed,
          metrics->alignment.confusion.tp, metrics->alignment.confusion.fn,
          metrics->alignment.confusion.fp, metrics->alignment.confusion.tn);
  if (metrics->n_verdicts != n_verdicts)
    g_error ("metrics counted %u verdicts, not %u", metrics->n_verdicts, n_verdicts);

  errata_project_close (project);
  g_clear_object (&project);
  if (dir != NULL)
    remove_project (dir, path);
}

/* ---- 3. the bootstrap ----------------------------------------------------- */

static void
bench_bootstrap_once (guint unlabelled_pass,
                      guint unlabelled_fail)
{
  /* 1,000 test pairs, TPR 0.9, TNR 0.8; a pass rate of 0.75 unlabelled. */
  ErrataConfusion test = { .tp = 450, .fn = 50, .fp = 100, .tn = 400 };
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();
  double wall[10], cpu[10];
  ErrataCorrectedRate rate;

  options.n_draws = 20000;
  printf ("bootstrap: corrected rate, %u draws over %u test pairs and %u unlabelled verdicts "
          "(resampled)\n", options.n_draws, test.tp + test.fn + test.fp + test.tn,
          unlabelled_pass + unlabelled_fail);
  for (guint i = 0; i < G_N_ELEMENTS (wall); i++)
    {
      g_autoptr(GError) error = NULL;
      double start = now_s (), cpu_start = cpu_seconds ();

      if (!errata_estimate_corrected_rate (&test, unlabelled_pass, unlabelled_fail, &options,
                                           &rate, &error))
        g_error ("%s", error->message);
      wall[i] = now_s () - start;
      cpu[i] = cpu_seconds () - cpu_start;
    }
  print_times ("errata_estimate_corrected_rate, wall", wall, G_N_ELEMENTS (wall));
  print_times ("errata_estimate_corrected_rate, CPU", cpu, G_N_ELEMENTS (cpu));
  printf ("  pass rate %.4f [%.4f, %.4f], %u draws used\n", rate.pass_rate,
          rate.pass_interval.lower, rate.pass_interval.upper, rate.n_draws_used);
}

static void
bench_bootstrap (void)
{
  bench_bootstrap_once (7500, 2500);
  bench_bootstrap_once (750000, 250000);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- the evaluators' speed targets");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (judge_traces == 0 || latency_ms == 0 || concurrency == 0 || n_verdicts == 0)
    {
      fprintf (stderr, "--judge-traces, --latency, --concurrency and --verdicts must be above 0\n");
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (only == NULL || g_str_equal (only, "judge"))
    bench_judge ();
  if (only == NULL || g_str_equal (only, "metrics"))
    bench_metrics ();
  if (only == NULL || g_str_equal (only, "bootstrap"))
    bench_bootstrap ();
  return 0;
}
