/* errata-cli-outcome.h: how the commands that run something (synth run,
 * experiment run, …) end: an error's exit status, the --json output, and
 * Ctrl+C or SIGTERM cancelling the work so that what came back is kept.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Whether the user can fix what went wrong (a file, its JSON, the
 * project, a definition): exit 2 rather than 1. */
gboolean errata_cli_error_is_input    (const GError *error);
/* Prints the error's message; returns 2 when @usage, else 1. */
int      errata_cli_fail_error        (const GError *error,
                                       gboolean      usage);
/* The same, 2 when errata_cli_error_is_input(). */
int      errata_cli_fail_input_error  (const GError *error);

void     errata_cli_print_json        (JsonNode     *root);
void     errata_cli_print_json_builder (JsonBuilder *builder);

/* SIGINT and SIGTERM cancel @cancellable while the watch is set: the
 * run stops sending and keeps what came back, as the app's Cancel does.
 * @message (nullable, kept by pointer) is printed on stderr when one
 * arrives: what stays and how to resume. The watch lives on the caller's
 * stack until _clear(). */
typedef struct
{
  guint         sigint;
  guint         sigterm;
  GCancellable *cancellable;
  const char   *message;
} ErrataCliInterrupt;

void     errata_cli_interrupt_watch   (ErrataCliInterrupt *watch,
                                       GCancellable       *cancellable,
                                       const char         *message);
void     errata_cli_interrupt_clear   (ErrataCliInterrupt *watch);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErrataCliInterrupt, errata_cli_interrupt_clear)

G_END_DECLS
