/* errata-test-sut-main.c: the test system under test as a program, for the
 * CLI tests and bench/. Prints its URL on stdout, then serves until
 * SIGINT/SIGTERM.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-test-sut.h"

#include <glib-unix.h>
#include <stdio.h>

static gboolean
on_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  int port = 0, latency_ms = 0;
  g_autofree char *fail = NULL;
  g_autofree char *flaky = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("- a tiny system under test");
  g_autoptr(ErrataTestSut) sut = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: pick one)", "N" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay before each answer", "MS" },
    { "fail-marker", 0, 0, G_OPTION_ARG_STRING, &fail, "Queries with this text get 500", "TEXT" },
    { "flaky-marker", 0, 0, G_OPTION_ARG_STRING, &flaky, "Queries with this text get 503 once",
      "TEXT" },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || port < 0 || latency_ms < 0)
    {
      g_printerr ("errata-test-sut: %s\n", error != NULL ? error->message : "invalid option");
      return 2;
    }
  sut = errata_test_sut_new (port, &error);
  if (sut == NULL)
    {
      g_printerr ("errata-test-sut: %s\n", error->message);
      return 1;
    }
  errata_test_sut_set_latency (sut, latency_ms);
  errata_test_sut_set_fail_marker (sut, fail);
  errata_test_sut_set_flaky_marker (sut, flaky);
  g_print ("%s\n", errata_test_sut_get_url (sut));
  fflush (stdout);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);
  g_printerr ("requests %u, max in flight %u\n", errata_test_sut_get_n_requests (sut),
              errata_test_sut_get_max_in_flight (sut));
  return 0;
}
