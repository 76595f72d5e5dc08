/* test-cli-receive.c: `errata-cli receive`, run as a program.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It prints the endpoint, stores what it receives, and on SIGTERM answers
 * what is in flight, stores every pending trace and exits 0; usage errors
 * exit 2, a port in use 1.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>

#include "cli-test-utils.h"
#include "errata-test-utils.h"

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli", NULL);
}

static char *
new_project (const char *dir)
{
  char *path = g_build_filename (dir, "live.errata", NULL);
  g_auto(CliResult) result = cli_run ("new", path, NULL);

  g_assert_cmpint (result.status, ==, 0);
  return path;
}

/* Starts `errata-cli receive PROJECT --port 0`, returns the endpoint it
 * printed. */
static GSubprocess *
start_receive (const char        *project,
               char             **endpoint,
               GDataInputStream **out)
{
  g_autofree char *cli = cli_path ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  const char *prefix = "OTEL_EXPORTER_OTLP_ENDPOINT=";

  process = g_subprocess_launcher_spawn (launcher, &error, cli, "receive", project,
                                         "--port", "0", "--idle-seconds", "600", NULL);
  g_assert_no_error (error);
  *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *endpoint = NULL;
  while (*endpoint == NULL)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (*out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, prefix))
        *endpoint = g_strdup (line + strlen (prefix));
    }
  return process;
}

static void
test_receive_and_stop (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = new_project (dir);
  g_autofree char *endpoint = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "core", "import", "data",
                                                    "instrumented", "openinference.json", NULL);
  g_autofree char *body = NULL;
  g_autofree char *rest = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocess) process = start_receive (project, &endpoint, &out);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) info = { 0 };
  g_auto(CliResult) imports = { 0 };
  g_auto(CliResult) deleted = { 0 };
  g_auto(CliResult) after = { 0 };
  gsize length;

  g_assert_true (g_str_has_prefix (endpoint, "http://127.0.0.1:"));
  g_file_get_contents (fixture, &body, &length, &error);
  g_assert_no_error (error);
  uri = g_strconcat (endpoint, "/v1/traces", NULL);
  message = soup_message_new (SOUP_METHOD_POST, uri);
  request = g_bytes_new_take (g_steal_pointer (&body), length);
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  /* The traces' root spans came: stored now, or at the latest on the way
   * out. */
  g_subprocess_send_signal (process, SIGTERM);
  rest = g_data_input_stream_read_upto (out, "", 0, &length, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  cli_assert_contains (rest, "8 traces stored");

  info = cli_run ("info", project, NULL);
  g_assert_cmpint (info.status, ==, 0);
  cli_assert_contains (info.out, "Traces:      8");

  /* The session is one import, ended: deleting it takes its traces. */
  imports = cli_run ("imports", project, NULL);
  g_assert_cmpint (imports.status, ==, 0);
  cli_assert_contains (imports.out, "1\tLive traces, 127.0.0.1:");
  cli_assert_contains (imports.out, "\t8 traces\n");
  deleted = cli_run ("delete", project, "--import", "1", NULL);
  g_assert_cmpint (deleted.status, ==, 0);
  cli_assert_contains (deleted.out, "Deleted 8 traces");
  after = cli_run ("info", project, NULL);
  cli_assert_contains (after.out, "Traces:      0");
  errata_test_remove_tree (dir);
}

static void
test_usage (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = new_project (dir);
  g_autofree char *missing = g_build_filename (dir, "missing.errata", NULL);
  g_auto(CliResult) none = cli_run ("receive", NULL);
  g_auto(CliResult) no_token = cli_run ("receive", project, "--address", "0.0.0.0", NULL);
  g_auto(CliResult) bad_port = cli_run ("receive", project, "--port", "70000", NULL);
  g_auto(CliResult) no_project = cli_run ("receive", missing, NULL);
  /* Not a wait of 0.7 s, as the milliseconds wrapped to. */
  g_auto(CliResult) long_idle = cli_run ("receive", project, "--idle-seconds", "4294968", NULL);

  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpint (no_token.status, ==, 2);
  cli_assert_contains (no_token.err, "--token");
  g_assert_cmpint (bad_port.status, ==, 2);
  g_assert_cmpint (no_project.status, ==, 2);
  g_assert_cmpint (long_idle.status, ==, 2);
  cli_assert_contains (long_idle.err, "--idle-seconds");
  errata_test_remove_tree (dir);
}

static void
test_port_in_use (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = new_project (dir);
  g_autofree char *endpoint = NULL;
  g_autofree char *port = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocess) process = start_receive (project, &endpoint, &out);
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) second = { 0 };

  port = g_strdup (strrchr (endpoint, ':') + 1);
  second = cli_run ("receive", project, "--port", port, NULL);
  g_assert_cmpint (second.status, ==, 1);
  cli_assert_contains (second.err, "is in use");
  g_subprocess_send_signal (process, SIGINT);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-receive/receive-and-stop", test_receive_and_stop);
  g_test_add_func ("/cli-receive/usage", test_usage);
  g_test_add_func ("/cli-receive/port-in-use", test_port_in_use);

  return g_test_run ();
}
