/* errata-bench-synth.c: how close a synthetic data run gets to the ideal
 * time: N accepted queries through a target that answers in LATENCY ms, at
 * CONCURRENCY, stored as traces in a fresh project.
 *
 *   errata-bench-synth BUILD_DIR [N [CONCURRENCY [LATENCY_MS]]]
 *
 * Starts the test HTTP system (tests/core/synth/errata-test-sut) and the
 * mock LLM (tests/core/llm/errata-mock-llm) as programs from BUILD_DIR, runs
 * the HTTP target, then the chat target, and prints for each the wall time,
 * the ideal N × latency / concurrency, their ratio, and the traces stored.
 * Issue 12 asks for 1,000 queries at 300 ms and concurrency 16 within 1.1×
 * of 19 s.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "errata-synth-dimensions.h"
#include "errata-synth-queries.h"
#include "errata-synth-run.h"
#include "errata-synth-tuples.h"

static const char dimensions_json[] =
  "[{\"name\": \"persona\", \"values\": [\"buyer\", \"investor\", \"renter\", \"agent\", \"seller\"]},"
  " {\"name\": \"feature\", \"values\": [\"search\", \"mortgage\", \"viewing\", \"area\", \"prices\","
  "   \"documents\", \"offers\", \"repairs\"]},"
  " {\"name\": \"scenario\", \"values\": [\"clear\", \"vague\", \"off-topic\", \"angry\", \"multi-step\"]}]";

static GSubprocess *
start_server (const char  *build_dir,
              const char  *program,
              guint        latency_ms,
              char       **url)
{
  g_autofree char *path = g_build_filename (build_dir, program, NULL);
  g_autofree char *latency = g_strdup_printf ("--latency-ms=%u", latency_ms);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, path, latency, NULL);
  if (process == NULL)
    g_error ("%s: %s", path, error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *url = g_strstrip (g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error));
  if (*url == NULL)
    g_error ("%s printed no URL", path);
  return process;
}

/* N accepted typed queries over every one of the 200 combinations. */
static ErrataProject *
fill_project (const char *dir,
              guint       n)
{
  g_autofree char *path = g_build_filename (dir, "bench.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = errata_project_create (file, NULL);
  g_autoptr(GPtrArray) dimensions = errata_synth_dimensions_from_json (dimensions_json, -1, NULL);
  g_autoptr(GPtrArray) combos = errata_synth_tuples_all (dimensions, 1000, NULL);
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  errata_synth_dimensions_save (project, dimensions, NULL);
  errata_synth_tuples_add (project, combos, ERRATA_SYNTH_ORIGIN_ALL, NULL, NULL);
  tuples = errata_synth_tuples_list (project, NULL);
  for (guint i = 0; i < n; i++)
    {
      ErrataSynthTuple *tuple = g_ptr_array_index (tuples, i % tuples->len);
      g_autofree char *text = g_strdup_printf ("Query %u: I am a %s asking about %s, %s.", i,
                                               json_object_get_string_member (tuple->dimensions, "persona"),
                                               json_object_get_string_member (tuple->dimensions, "feature"),
                                               json_object_get_string_member (tuple->dimensions, "scenario"));
      const char *texts[] = { text, NULL };

      errata_synth_queries_add (project, tuple->id, texts, TRUE, NULL, NULL);
    }
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < queries->len; i++)
    g_array_append_val (ids, ((ErrataSynthQuery *)g_ptr_array_index (queries, i))->id);
  errata_synth_queries_set_state (project, (gint64 *)ids->data, ids->len,
                                  ERRATA_SYNTH_QUERY_ACCEPTED, NULL);
  return g_steal_pointer (&project);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
measure (const char *name,
         const char *target_json,
         guint       n,
         guint       concurrency,
         guint       latency_ms)
{
  g_autofree char *dir = g_dir_make_tmp ("errata-bench-synth-XXXXXX", NULL);
  g_autoptr(ErrataProject) project = fill_project (dir, n);
  g_autofree char *project_id = errata_project_get_meta (project, "project_id");
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataSynthTarget) target = errata_synth_target_new_from_text (target_json, project_id,
                                                                           &error);
  g_autoptr(GAsyncResult) result = NULL;
  ErrataSynthRunResult outcome = { 0 };
  double ideal = (double)n * latency_ms / 1000.0 / concurrency;
  double seconds;
  gint64 start;

  if (target == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  errata_synth_run_async (project, target, NULL, NULL, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!errata_synth_run_finish (result, &outcome, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  printf ("%-5s %u queries, concurrency %u, latency %u ms: %.2f s (ideal %.2f s, %.3fx; "
          "%.3fx of 19 s), %u traces, %u failed\n", name, n, concurrency, latency_ms, seconds,
          ideal, seconds / ideal, seconds / 19.0, outcome.n_traces, outcome.n_failed);
  fflush (stdout);
  errata_project_close (project);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *build_dir;
  guint n = 1000, concurrency = 16, latency_ms = 300;
  g_autofree char *sut_url = NULL;
  g_autofree char *llm_url = NULL;
  g_autofree char *http_json = NULL;
  g_autofree char *chat_json = NULL;
  g_autoptr(GSubprocess) sut = NULL;
  g_autoptr(GSubprocess) llm = NULL;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s BUILD_DIR [N [CONCURRENCY [LATENCY_MS]]]\n", argv[0]);
      return 2;
    }
  build_dir = argv[1];
  if (argc > 2)
    n = atoi (argv[2]);
  if (argc > 3)
    concurrency = atoi (argv[3]);
  if (argc > 4)
    latency_ms = atoi (argv[4]);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  sut = start_server (build_dir, "tests/core/synth/errata-test-sut", latency_ms, &sut_url);
  llm = start_server (build_dir, "tests/core/llm/errata-mock-llm", latency_ms, &llm_url);
  http_json = g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\","
                               " \"body\": {\"query\": \"{{query}}\", \"persona\": \"{{dimension.persona}}\"},"
                               " \"reply_pointer\": \"/answer\", \"messages_pointer\": \"/messages\","
                               " \"concurrency\": %u}", sut_url, concurrency);
  chat_json = g_strdup_printf ("{\"kind\": \"chat\", \"base_url\": \"%s/v1\", \"model\": \"mock\","
                               " \"system\": \"You help people buy houses.\", \"concurrency\": %u}",
                               llm_url, concurrency);
  measure ("http", http_json, n, concurrency, latency_ms);
  measure ("chat", chat_json, n, concurrency, latency_ms);
  g_subprocess_send_signal (sut, SIGTERM);
  g_subprocess_send_signal (llm, SIGTERM);
  g_subprocess_wait (sut, NULL, NULL);
  g_subprocess_wait (llm, NULL, NULL);
  return 0;
}
