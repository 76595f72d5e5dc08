/* errata-cli-receive.c: `errata-cli receive PROJECT [--port N]
 * [--address ADDR --token TOKEN] [--idle-seconds S]`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the OTLP receiver until SIGINT or SIGTERM, printing its counts when
 * they change (at most once a second); on the signal it answers the
 * requests in flight, stores every pending trace and exits 0.
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-receive.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "errata-cli-common.h"
#include "errata-otlp-receiver.h"

typedef struct
{
  GMainLoop          *loop;
  ErrataOtlpReceiver *receiver;
  gboolean            changed;
} Run;

static void
print_counts (ErrataOtlpReceiver *receiver)
{
  ErrataOtlpReceiverCounts counts;

  errata_otlp_receiver_get_counts (receiver, &counts);
  /* Translators: a running count printed by `errata-cli receive`; spans
   * are the steps of OpenTelemetry traces, log records their events. */
  g_print (_("%" PRIu64 " spans and log records received, %" PRIu64
             " traces stored, %" PRIu64 " updated by late spans, %" PRIu64
             " without a conversation, %" PRIu64 " requests refused\n"),
           counts.spans_accepted, counts.traces_added, counts.traces_updated,
           counts.traces_without_conversation, counts.requests_refused);
}

static void
counts_changed (ErrataOtlpReceiver *receiver,
                gpointer            user_data)
{
  ((Run *)user_data)->changed = TRUE;
}

static gboolean
print_if_changed (gpointer user_data)
{
  Run *run = user_data;

  if (run->changed)
    print_counts (run->receiver);
  run->changed = FALSE;
  return G_SOURCE_CONTINUE;
}

static gboolean
quit (gpointer user_data)
{
  g_main_loop_quit (((Run *)user_data)->loop);
  return G_SOURCE_CONTINUE;
}

static int
receive (const char *path,
         int         port,
         const char *address,
         const char *token,
         int         idle_seconds)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(ErrataOtlpReceiver) receiver = errata_otlp_receiver_new (file);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  Run run = { loop, receiver, FALSE };
  guint sigint, sigterm, ticker;

  /* Says in words what is wrong with a file that is not a writable project
   * (and upgrades an older one) before anything listens. */
  project = errata_cli_open_project (path, ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  errata_project_close (project);

  errata_otlp_receiver_set_port (receiver, (guint)port);
  if (address != NULL)
    errata_otlp_receiver_set_address (receiver, address, token);
  if (idle_seconds > 0)
    errata_otlp_receiver_set_idle_timeout (receiver, (guint)idle_seconds * 1000);
  if (!errata_otlp_receiver_start (receiver, &error))
    return errata_cli_fail (ERRATA_CLI_EXIT_FAILED, "%s", error->message);

  endpoint = errata_otlp_receiver_dup_endpoint (receiver);
  if (address != NULL)
    g_printerr (_("Warning: receiving on %s, not only on this computer: anyone who can reach "
                  "it and knows the token can add traces to the project.\n"), address);
  g_print (_("Receiving OTLP traces into %s; stop with Ctrl+C.\n"), path);
  g_print ("OTEL_EXPORTER_OTLP_ENDPOINT=%s\n", endpoint);
  if (address != NULL)
    g_print ("OTEL_EXPORTER_OTLP_HEADERS=x-errata-token=%s\n", token);

  g_signal_connect (receiver, "counts-changed", G_CALLBACK (counts_changed), &run);
  sigint = g_unix_signal_add (SIGINT, quit, &run);
  sigterm = g_unix_signal_add (SIGTERM, quit, &run);
  ticker = g_timeout_add_seconds (1, print_if_changed, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_source_remove (ticker);

  g_print (_("Stopping: storing the pending traces…\n"));
  errata_otlp_receiver_stop (receiver);
  g_signal_handlers_disconnect_by_data (receiver, &run);
  print_counts (receiver);
  return ERRATA_CLI_EXIT_OK;
}

int
errata_cli_receive (int    argc,
                    char **argv)
{
  int port = ERRATA_OTLP_DEFAULT_PORT;
  int idle_seconds = ERRATA_OTLP_DEFAULT_IDLE_MS / 1000;
  g_autofree char *address = NULL;
  g_autofree char *token = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Listen on port N (default 4318, OTLP/HTTP’s; 0 picks a free one)"), N_("N") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("Listen on ADDR instead of 127.0.0.1 and ::1 (needs --token)"), N_("ADDR") },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      N_("With --address: the token every exporter must send as X-Errata-Token"), N_("TOKEN") },
    { "idle-seconds", 0, 0, G_OPTION_ARG_INT, &idle_seconds,
      N_("Store a trace whose root span has not come after S quiet seconds (default 5)"),
      N_("S") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT"),
                            _("Receive traces over OTLP/HTTP (JSON or protobuf) and store them in "
                              "the project as they arrive, until interrupted. Point an "
                              "instrumented app at it with OTEL_EXPORTER_OTLP_ENDPOINT."));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("“receive” takes one project file"));
  if (port < 0 || port > 65535)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--port must be between 0 and 65535"));
  /* A day at most: past 4,294,967 seconds the milliseconds wrapped. */
  if (idle_seconds < 1 || idle_seconds > 86400)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--idle-seconds must be between 1 and 86400 (a day)"));
  if (address != NULL && (token == NULL || *token == '\0'))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("--address needs --token: anyone on the network could send traces"));
  return receive (argv[1], port, address, token, idle_seconds);
}
