/* errata-bench-llm.c: how close the LLM client gets to the ideal time for a
 * batch of requests against the standalone mock server.
 *
 *   errata-bench-llm URL N CONCURRENCY LATENCY_MS
 *
 * prints the wall time, the ideal time N * latency / concurrency, their
 * ratio, requests per second and how many requests failed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "errata-llm-client.h"

typedef struct
{
  guint      pending;
  guint      failed;
  GMainLoop *loop;
} Run;

static void
completed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmReply) reply = NULL;

  reply = errata_llm_client_complete_finish (ERRATA_LLM_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      if (run->failed++ == 0)
        g_printerr ("first failure: %s\n", error->message);
    }
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

static ErrataLlmRequest *
request_number (guint i)
{
  ErrataLlmRequest *request = errata_llm_request_new ();
  g_autofree char *text = g_strdup_printf ("Request %u: say hello.", i);

  errata_llm_request_add_message (request, "user", text);
  errata_llm_request_set_max_tokens (request, 16);
  return request;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  Run run = { 0 };
  guint n, concurrency, latency_ms;
  gint64 start;
  double seconds, ideal;

  if (argc != 5)
    {
      fprintf (stderr, "usage: %s URL N CONCURRENCY LATENCY_MS\n", argv[0]);
      return 2;
    }
  n = atoi (argv[2]);
  concurrency = atoi (argv[3]);
  latency_ms = atoi (argv[4]);

  provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, argv[1], "mock");
  provider->concurrency = concurrency;
  provider->timeout_seconds = 30;
  client = errata_llm_client_new (provider);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.pending = n;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ErrataLlmRequest) request = request_number (i);

      errata_llm_client_complete_async (client, request, NULL, completed_cb, &run);
    }
  g_main_loop_run (run.loop);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  ideal = (double)n * latency_ms / 1000.0 / concurrency;

  printf ("requests=%u concurrency=%u latency_ms=%u wall_s=%.3f ideal_s=%.3f ratio=%.4f "
          "req_per_s=%.0f failed=%u\n",
          n, concurrency, latency_ms, seconds, ideal, ideal > 0 ? seconds / ideal : 0.0,
          n / seconds, run.failed);
  g_main_loop_unref (run.loop);
  return run.failed == 0 ? 0 : 1;
}
