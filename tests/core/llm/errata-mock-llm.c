/* errata-mock-llm.c: the mock LLM server as a program, for bench/ and for
 * trying errata-cli by hand. Prints its URL on stdout, then serves until
 * SIGINT/SIGTERM, when it prints its counters on stderr. With --batch-hold
 * no batch ends until SIGUSR1 releases them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-mock-llm-server.h"

#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

/* SoupServer 3.2 keeps the socket of a keep-alive client that went away
 * (CLOSE-WAIT) until it exits, so long benchmark sessions need room. */
static void
raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_release (gpointer data)
{
  errata_mock_llm_server_hold_batches (data, FALSE);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  int port = 0, latency_ms = 0, fault_count = 0, retry_after = 1;
  int batch_delay_ms = 0, batch_errors = 0, batch_expired = 0, batch_failed = 0;
  gboolean batch_hold = FALSE;
  g_autofree char *replies = NULL;
  g_autofree char *fault_name = NULL;
  g_autofree char *api_key = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ErrataMockLlmServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  ErrataMockFault fault = ERRATA_MOCK_FAULT_NONE;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: pick one)", "N" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay before each answer", "MS" },
    { "replies", 0, 0, G_OPTION_ARG_FILENAME, &replies, "Scripted replies, one JSON value a line", "FILE" },
    { "fault", 0, 0, G_OPTION_ARG_STRING, &fault_name,
      "429|500|529|malformed|truncated|hang|quota|auth", "KIND" },
    { "fault-count", 0, 0, G_OPTION_ARG_INT, &fault_count, "Fault only the first N requests (0: all)", "N" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key, "Accept only this API key (401 otherwise)", "KEY" },
    { "retry-after", 0, 0, G_OPTION_ARG_INT, &retry_after, "Retry-After seconds sent with 429", "S" },
    { "batch-delay-ms", 0, 0, G_OPTION_ARG_INT, &batch_delay_ms,
      "Batch APIs: a batch ends this long after it was created", "MS" },
    { "batch-hold", 0, 0, G_OPTION_ARG_NONE, &batch_hold,
      "Batch APIs: no batch ends (but by a cancel) until SIGUSR1", NULL },
    { "batch-errors", 0, 0, G_OPTION_ARG_INT, &batch_errors,
      "Batch APIs: the first N requests of each batch come back with an error", "N" },
    { "batch-expired", 0, 0, G_OPTION_ARG_INT, &batch_expired,
      "Batch APIs: the last N requests of each batch expire", "N" },
    { "batch-failed", 0, 0, G_OPTION_ARG_INT, &batch_failed,
      "Batch APIs: the first N batches created fail as a whole", "N" },
    { NULL },
  };

  context = g_option_context_new ("- a mock OpenAI/Anthropic API server");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (fault_name != NULL && !errata_mock_fault_from_string (fault_name, &fault)) ||
      port < 0 || port > 65535 || latency_ms < 0 || fault_count < 0 || retry_after < 0
      || batch_delay_ms < 0 || batch_errors < 0 || batch_expired < 0 || batch_failed < 0)
    {
      g_printerr ("errata-mock-llm: %s\n", error != NULL ? error->message : "invalid option value");
      return 2;
    }

  raise_fd_limit ();
  server = errata_mock_llm_server_new (port, &error);
  if (server == NULL || (replies != NULL &&
                         !errata_mock_llm_server_load_replies (server, replies, &error)))
    {
      g_printerr ("errata-mock-llm: %s\n", error->message);
      return 1;
    }
  errata_mock_llm_server_set_latency (server, latency_ms);
  errata_mock_llm_server_set_fault (server, fault, fault_count);
  errata_mock_llm_server_set_retry_after (server, retry_after);
  errata_mock_llm_server_set_api_key (server, api_key);
  errata_mock_llm_server_set_batches (server, batch_delay_ms, batch_errors, batch_expired,
                                      batch_failed);
  errata_mock_llm_server_hold_batches (server, batch_hold);

  g_print ("%s\n", errata_mock_llm_server_get_url (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGUSR1, on_release, server);
  g_main_loop_run (loop);

  g_printerr ("requests=%u max_in_flight=%u batches=%u\n",
              errata_mock_llm_server_get_n_requests (server),
              errata_mock_llm_server_get_max_in_flight (server),
              errata_mock_llm_server_get_n_batches (server));
  return 0;
}
