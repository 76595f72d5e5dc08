/* errata-bench-experiment.c: comparing two variants of an experiment.
 *
 *   errata-bench-experiment [--queries N] [--evaluators E] [--runs R]
 *
 * Builds a project with an experiment of N queries (two dimensions), two
 * variants with a reply (a trace) per query each, E finalized code checks
 * and, per variant and evaluator, one scoring run with a verdict per reply:
 * N x 2 x E synthesised verdict rows (seeded; the candidate better on some
 * evaluators, worse on others, the same on the rest). Then times
 * errata_experiment_compare (every evaluator and overall: rates with
 * Wilson intervals, McNemar, a paired bootstrap of 20,000 draws, the flips
 * and the per-dimension slices), median of R runs, and the same without the
 * slices. The target is 10,000 x 2 x 5 in under 1 s.
 *
 * Figures in bench/README.md, "Experiments".
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "errata-evaluators.h"
#include "errata-experiment-compare.h"
#include "errata-project-private.h"
#include "errata-random.h"

static int n_queries = 10000;
static int n_evaluators = 5;
static int n_runs = 5;

static GOptionEntry entries[] = {
  { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, "Queries in the experiment", "N" },
  { "evaluators", 0, 0, G_OPTION_ARG_INT, &n_evaluators, "Finalized evaluators", "E" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed comparisons (the median is reported)", "R" },
  { NULL },
};

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    {
      g_printerr ("errata-bench-experiment: %s\n", error != NULL ? error->message : "failed");
      exit (1);
    }
}

static void
exec (ErrataProject *project,
      const char    *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_printerr ("errata-bench-experiment: %s\n", message);
      exit (1);
    }
}

static char *
write_queries (const char *dir)
{
  g_autoptr(GString) text = g_string_new (NULL);
  static const char * const personas[] = { "buyer", "investor", "renter", "agent" };
  static const char * const topics[] = { "refund", "shipping", "warranty", "invoice", "login" };
  char *path = g_build_filename (dir, "queries.jsonl", NULL);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n_queries; i++)
    g_string_append_printf (text, "{\"query\": \"Question %d about order %d\", \"dimensions\":"
                                  " {\"persona\": \"%s\", \"topic\": \"%s\"}}\n", i, 1000 + i,
                            personas[i % 4], topics[(i / 4) % 5]);
  check (g_file_set_contents (path, text->str, text->len, &error), error);
  return path;
}

/* A trace per (variant, query), linked as its reply, in one transaction. */
static void
add_replies (ErrataProject *project,
             gint64         variant_id,
             GPtrArray     *queries,
             GArray        *trace_ids)
{
  g_autoptr(GError) error = NULL;

  check (errata_project_begin (project, &error), error);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataExperimentQuery *query = g_ptr_array_index (queries, i);
      g_autofree char *external_id = g_strdup_printf ("bench-%" G_GINT64_FORMAT "-%u", variant_id, i);
      g_autofree char *sql = NULL;
      g_autoptr(ErrataTrace) trace = errata_trace_new ();
      JsonArray *messages = json_array_new ();
      JsonObject *user = json_object_new ();
      gint64 id;

      json_object_set_string_member (user, "role", "user");
      json_object_set_string_member (user, "content", query->text);
      json_array_add_object_element (messages, user);
      errata_trace_set_source (trace, "experiment");
      errata_trace_set_external_id (trace, external_id);
      errata_trace_set_messages (trace, messages);
      errata_trace_set_latency_ms (trace, 100 + i % 900);
      json_array_unref (messages);
      check (_errata_project_add_trace_in_transaction (project, trace, NULL, &error), error);
      id = errata_trace_get_id (trace);
      g_array_append_val (trace_ids, id);
      sql = g_strdup_printf ("INSERT INTO experiment_replies (variant_id, query_id, repetition,"
                             " trace_id) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, %"
                             G_GINT64_FORMAT ")", variant_id, query->id, id);
      exec (project, sql);
    }
  check (errata_project_commit (project, &error), error);
}

/* Evaluator e passes a baseline reply with probability 0.8; the candidate
 * is better on e = 0, worse on e = 1, the same on the others. */
static gboolean
passes (ErrataRandom *rng,
        int           evaluator,
        gboolean      candidate)
{
  double p = 0.8;

  if (candidate && evaluator == 0)
    p = 0.85;
  else if (candidate && evaluator == 1)
    p = 0.77;
  return errata_random_double (rng) < p;
}

static void
add_scores (ErrataProject *project,
            gint64         variant_id,
            gint64         version_id,
            int            evaluator,
            gboolean       candidate,
            GArray        *trace_ids,
            ErrataRandom  *rng)
{
  g_autofree char *run_sql = g_strdup_printf ("INSERT INTO runs (version_id, scope, status, total,"
                                              " started_at) VALUES (%" G_GINT64_FORMAT ", 'ids',"
                                              " 'done', %u, 0)", version_id, trace_ids->len);
  g_autofree char *link_sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _errata_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  gint64 run_id;

  check (errata_project_begin (project, &error), error);
  exec (project, run_sql);
  run_id = sqlite3_last_insert_rowid (db);
  link_sql = g_strdup_printf ("INSERT INTO experiment_scores (run_id, variant_id) VALUES (%"
                              G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", run_id, variant_id);
  exec (project, link_sql);
  sqlite3_prepare_v2 (db, "INSERT INTO verdicts (run_id, trace_id, verdict, created_at)"
                          " VALUES (?1, ?2, ?3, 0)", -1, &stmt, NULL);
  for (guint i = 0; i < trace_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (trace_ids, gint64, i));
      sqlite3_bind_text (stmt, 3, passes (rng, evaluator, candidate) ? "pass" : "fail", -1,
                         SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        check (FALSE, NULL);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  check (errata_project_commit (project, &error), error);
}

static gint64
add_evaluator (ErrataProject *project,
               int            e)
{
  g_autofree char *name = g_strdup_printf ("check-%d", e);
  g_autoptr(JsonNode) node = json_from_string ("{\"pattern\": \"order\"}", NULL);
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version_id;

  evaluator = errata_evaluators_create (project, name, 0, "regex", json_node_get_object (node),
                                        NULL, &error);
  check (evaluator != NULL, error);
  versions = errata_evaluators_list_versions (project, evaluator->id, &error);
  check (versions != NULL, error);
  version_id = ((ErrataEvaluatorVersion *)versions->pdata[0])->id;
  check (errata_evaluators_finalize (project, version_id, &error), error);
  return version_id;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* Median wall-clock seconds; *cpu gets the median CPU seconds (the
 * machine may be loaded: CPU time says what the work costs). */
static double
time_compare (ErrataProject *project,
              gint64         experiment_id,
              gint64         baseline,
              gint64         candidate,
              gboolean       no_slices,
              double        *cpu)
{
  g_autofree double *cpu_seconds_of = g_new (double, n_runs);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree double *seconds = g_new (double, n_runs);
  ErrataExperimentCompareOptions options = { .no_slices = no_slices };

  g_array_append_val (candidates, candidate);
  for (int r = 0; r < n_runs; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();
      g_autoptr(ErrataExperimentComparison) comparison = NULL;

      comparison = errata_experiment_compare (project, experiment_id, baseline, candidates,
                                              &options, &error);
      seconds[r] = (g_get_monotonic_time () - start) / 1e6;
      cpu_seconds_of[r] = cpu_seconds () - cpu_start;
      check (comparison != NULL, error);
      if (r == 0 && !no_slices)
        for (guint i = 0; i < ((ErrataExperimentCandidate *)comparison->candidates->pdata[0])->rows->len; i++)
          {
            ErrataExperimentRow *row = ((ErrataExperimentCandidate *)comparison->candidates->pdata[0])->rows->pdata[i];

            g_print ("  %-8s pairs %u  b %u c %u  diff %+.4f [%+.4f, %+.4f]  p %.2g  %s\n",
                     row->name, row->paired.n, row->table.pass_to_fail, row->table.fail_to_pass,
                     row->paired.difference, row->paired.interval.lower,
                     row->paired.interval.upper, row->paired.p_value,
                     errata_experiment_direction_to_string (row->direction));
          }
    }
  qsort (seconds, n_runs, sizeof (double), compare_doubles);
  qsort (cpu_seconds_of, n_runs, sizeof (double), compare_doubles);
  *cpu = cpu_seconds_of[n_runs / 2];
  return seconds[n_runs / 2];
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time an experiment comparison");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("errata-bench-experiment-XXXXXX", &error);
  g_autofree char *path = NULL, *queries_path = NULL, *source = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) baseline_traces = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) candidate_traces = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonNode) target = json_from_string ("{\"kind\": \"http\", \"url\":"
                                                 " \"http://127.0.0.1:9/\"}", NULL);
  g_autoptr(ErrataExperimentVariant) baseline = NULL, candidate = NULL;
  ErrataRandom rng;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  check (g_option_context_parse (context, &argc, &argv, &error), error);
  check (dir != NULL, error);
  path = g_build_filename (dir, "bench.errata", NULL);
  file = g_file_new_for_path (path);
  project = errata_project_create (file, &error);
  check (project != NULL, error);
  queries_path = write_queries (dir);
  source = g_strconcat ("file:", queries_path, NULL);

  start = g_get_monotonic_time ();
  experiment = errata_experiment_create (project, "bench", source, 1, &error);
  check (experiment != NULL, error);
  baseline = errata_experiment_variant_create (project, experiment->id, "baseline",
                                               json_node_get_object (target), NULL, &error);
  check (baseline != NULL, error);
  candidate = errata_experiment_variant_create (project, experiment->id, "candidate", NULL,
                                                "baseline", &error);
  check (candidate != NULL, error);
  queries = errata_experiment_list_queries (project, experiment->id, &error);
  check (queries != NULL, error);
  add_replies (project, baseline->id, queries, baseline_traces);
  add_replies (project, candidate->id, queries, candidate_traces);
  errata_random_init (&rng, 42);
  for (int e = 0; e < n_evaluators; e++)
    {
      gint64 version_id = add_evaluator (project, e);

      add_scores (project, baseline->id, version_id, e, FALSE, baseline_traces, &rng);
      add_scores (project, candidate->id, version_id, e, TRUE, candidate_traces, &rng);
    }
  g_print ("Set up %d queries x 2 variants x %d evaluators (%d verdict rows) in %.1f s\n",
           n_queries, n_evaluators, n_queries * 2 * n_evaluators,
           (g_get_monotonic_time () - start) / 1e6);

  g_print ("compare, with slices by dimension (first run's rows):\n");
  for (int slices = 1; slices >= 0; slices--)
    {
      double cpu = 0;
      double wall = time_compare (project, experiment->id, baseline->id, candidate->id, !slices,
                                  &cpu);

      g_print ("compare %d x 2 x %d, %s slices: median %.3f s wall, %.3f s CPU, of %d\n",
               n_queries, n_evaluators, slices ? "with" : "without", wall, cpu, n_runs);
    }
  errata_project_close (project);
  g_clear_object (&project);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_unlink (queries_path);
    g_rmdir (dir);
  }
  return 0;
}
