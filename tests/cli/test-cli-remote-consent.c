/* test-cli-remote-consent.c: `errata-cli eval run` sends trace text to a
 * remote provider only with the project's consent: refused (exit 2, the
 * host named, --allow-remote said) before any request, recorded once with
 * --allow-remote, never needed for a provider on this machine; the same
 * flag for `errata-cli experiment run`'s judges.
 *
 * The mock server (tests/core/llm/errata-mock-llm, a separate process so
 * that it answers while errata-cli runs) listens on 127.0.0.1. Reached as
 * http://127.0.0.1:PORT it is a local provider. Reached as
 * http://[::ffff:127.0.0.1]:PORT, the IPv4-mapped form of the same
 * address, it is the same server behind a URL Errata counts as remote
 * (only 127.0.0.0/8, ::1 and "localhost" are loopback to it): a remote
 * provider that a test can watch. judge.invalid resolves nowhere: it is
 * refused from the URL alone, before any lookup or connection.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "errata-test-utils.h"
#include "cli-test-utils.h"

typedef struct
{
  char        *dir;
  char        *project;
  GSubprocess *mock;
  char        *local_url;    /* http://127.0.0.1:PORT/v1 */
  char        *remote_url;   /* http://[::ffff:127.0.0.1]:PORT/v1 */
} Fixture;

static void
start_mock (Fixture *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "core", "llm", "errata-mock-llm",
                                                 NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *port;

  g_autoptr(GSubprocessLauncher) launcher =
    cli_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  fixture->mock = g_subprocess_launcher_spawn (launcher, &error, path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->mock));
  /* The pipe stays open for stop_mock()'s communicate. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_strstrip (url);
  port = strrchr (url, ':');
  g_assert_nonnull (port);
  fixture->local_url = g_strdup_printf ("http://127.0.0.1%s/v1", port);
  fixture->remote_url = g_strdup_printf ("http://[::ffff:127.0.0.1]%s/v1", port);
}

/* Stops the mock and returns how many requests it answered. */
static guint
stop_mock (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *count;

  g_subprocess_send_signal (fixture->mock, SIGTERM);
  g_subprocess_communicate_utf8 (fixture->mock, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->mock);
  count = strstr (err, "requests=");
  g_assert_nonnull (count);
  return (guint) g_ascii_strtoull (count + strlen ("requests="), NULL, 10);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *traces = NULL;
  g_autofree char *judge = NULL;
  g_auto(CliResult) r = { 0 };

  fixture->dir = errata_test_make_tmpdir ();
  fixture->project = g_build_filename (fixture->dir, "p.errata", NULL);
  traces = errata_test_write_file (fixture->dir, "traces.jsonl",
                                   "{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
                                   " {\"role\": \"assistant\", \"content\": \"Hello\"}]}\n"
                                   "{\"id\": \"b\", \"messages\": [{\"role\": \"user\", \"content\": \"Bye\"},"
                                   " {\"role\": \"assistant\", \"content\": \"See you\"}]}\n", -1);
  judge = errata_test_write_file (fixture->dir, "judge.json",
                                  "{\"name\": \"Polite\", \"target\": \"overall\","
                                  " \"kind\": \"judge\", \"definition\": {}}", -1);
  r = cli_run ("new", fixture->project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli_run ("import", fixture->project, traces, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli_run ("eval", "import", fixture->project, judge, NULL);
  g_assert_cmpint (r.status, ==, 0);
  start_mock (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->mock != NULL)
    stop_mock (fixture);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
  g_free (fixture->local_url);
  g_free (fixture->remote_url);
}

static CliResult
run_judge (Fixture    *fixture,
           const char *base_url,
           gboolean    allow_remote)
{
  return cli_run ("eval", "run", fixture->project, "Polite", "--on", "all",
                  "--provider", "custom", "--base-url", base_url, "--model", "m",
                  allow_remote ? "--allow-remote" : NULL, NULL);
}

/* Refused before anything is sent; allowed once, then never asked again. */
static void
test_remote_needs_consent_once (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(CliResult) r = { 0 };

  r = run_judge (fixture, fixture->remote_url, FALSE);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "::ffff:127.0.0.1");
  cli_assert_contains (r.err, "--allow-remote");
  cli_assert_contains (r.err, "nothing was sent");
  /* Refused before the estimate, not after it. */
  g_assert_null (strstr (r.out, "traces"));
  cli_result_clear (&r);

  r = cli_run ("info", fixture->project, NULL);
  cli_assert_contains (r.out, "Remote LLM:  none allowed");
  cli_result_clear (&r);

  r = run_judge (fixture, fixture->remote_url, TRUE);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "2 of 2 traces judged");
  cli_result_clear (&r);

  /* Kept in the project: no flag needed any more. */
  r = run_judge (fixture, fixture->remote_url, FALSE);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  r = cli_run ("info", fixture->project, NULL);
  cli_assert_contains (r.out, "Remote LLM:  allowed for ::ffff:127.0.0.1");
  cli_result_clear (&r);
  r = cli_run ("info", fixture->project, "--json", NULL);
  cli_assert_contains (r.out, "\"remote_consent\"");
  cli_assert_contains (r.out, "\"host\" : \"::ffff:127.0.0.1\"");

  /* Two runs of two traces; the refused one sent nothing. The second run
   * may answer from the reply cache. */
  g_assert_cmpuint (stop_mock (fixture), >=, 2);
}

/* A refused run sends no request at all. */
static void
test_refused_sends_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(CliResult) r = { 0 };

  r = run_judge (fixture, fixture->remote_url, FALSE);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (stop_mock (fixture), ==, 0);
}

/* A host that resolves nowhere is refused from its URL, before any lookup:
 * the message names it; consent for another host does not count. */
static void
test_unresolvable_host_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(CliResult) r = { 0 };

  r = run_judge (fixture, fixture->remote_url, TRUE);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = run_judge (fixture, "http://judge.invalid/v1", FALSE);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "judge.invalid");
  cli_assert_contains (r.err, "--allow-remote");
}

/* The local mock is a local Ollama: never asked, nothing recorded. */
static void
test_local_never_asks (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(CliResult) r = { 0 };

  r = run_judge (fixture, fixture->local_url, FALSE);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "2 of 2 traces judged");
  cli_result_clear (&r);
  r = run_judge (fixture, fixture->local_url, TRUE);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli_run ("info", fixture->project, NULL);
  cli_assert_contains (r.out, "Remote LLM:  none allowed");
  g_assert_cmpuint (stop_mock (fixture), >=, 2);
}

/* `experiment run`: a judge on a remote provider the project has not
 * allowed is not scored (the run says why, the replies are stored);
 * --allow-remote records the consent as `eval run` does, and the judge
 * then judges the replies it missed. The variant is a chat target on the
 * local mock, which needs no consent. */
static void
test_experiment_allow_remote (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *queries = errata_test_write_file (fixture->dir, "queries.txt",
                                                     "Hello?\nWhere is my parcel?\n", -1);
  g_autofree char *source = g_strconcat ("file:", queries, NULL);
  g_autofree char *target_json = g_strdup_printf ("{\"kind\": \"chat\", \"provider\": \"custom\","
                                                  " \"base_url\": \"%s\", \"model\": \"m\"}",
                                                  fixture->local_url);
  g_autofree char *target = errata_test_write_file (fixture->dir, "target.json", target_json, -1);
  g_auto(CliResult) r = { 0 };

  r = cli_run ("eval", "finalize", fixture->project, "Polite", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli_run ("experiment", "new", fixture->project, "support", "--queries", source, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli_run ("experiment", "variant", fixture->project, "support", "v1", "--target", target,
               NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  r = cli_run ("experiment", "run", fixture->project, "support", "v1", "--provider", "custom",
               "--base-url", fixture->remote_url, "--model", "m", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "2 replies");
  cli_assert_contains (r.out, "Not scored: “Polite”");
  cli_assert_contains (r.out, "--allow-remote");
  cli_result_clear (&r);
  r = cli_run ("info", fixture->project, NULL);
  cli_assert_contains (r.out, "Remote LLM:  none allowed");
  cli_result_clear (&r);

  r = cli_run ("experiment", "run", fixture->project, "support", "v1", "--provider", "custom",
               "--base-url", fixture->remote_url, "--model", "m", "--allow-remote", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "Scored by 1 evaluator run.");
  g_assert_null (strstr (r.out, "Not scored"));
  cli_result_clear (&r);
  r = cli_run ("info", fixture->project, NULL);
  cli_assert_contains (r.out, "Remote LLM:  allowed for ::ffff:127.0.0.1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/remote-consent/once", Fixture, NULL, fixture_setup,
              test_remote_needs_consent_once, fixture_teardown);
  g_test_add ("/cli/remote-consent/refused-sends-nothing", Fixture, NULL, fixture_setup,
              test_refused_sends_nothing, fixture_teardown);
  g_test_add ("/cli/remote-consent/unresolvable-host", Fixture, NULL, fixture_setup,
              test_unresolvable_host_refused, fixture_teardown);
  g_test_add ("/cli/remote-consent/local-never-asks", Fixture, NULL, fixture_setup,
              test_local_never_asks, fixture_teardown);
  g_test_add ("/cli/remote-consent/experiment-allow-remote", Fixture, NULL, fixture_setup,
              test_experiment_allow_remote, fixture_teardown);

  return g_test_run ();
}
