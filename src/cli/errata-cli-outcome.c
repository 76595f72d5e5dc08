/* errata-cli-outcome.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-outcome.h"

#include <glib-unix.h>

#include "errata-cli-common.h"
#include "errata-json-guard.h"
#include "errata-project.h"
#include "errata-synth-types.h"

gboolean
errata_cli_error_is_input (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return error->domain == G_IO_ERROR
         || error->domain == G_FILE_ERROR
         || error->domain == JSON_PARSER_ERROR
         || error->domain == ERRATA_JSON_GUARD_ERROR
         || error->domain == ERRATA_PROJECT_ERROR
         /* A target that failed to answer is the run's failure, not the input's. */
         || (error->domain == ERRATA_SYNTH_ERROR && error->code != ERRATA_SYNTH_ERROR_FAILED);
}

int
errata_cli_fail_error (const GError *error,
                       gboolean      usage)
{
  g_return_val_if_fail (error != NULL, ERRATA_CLI_EXIT_FAILED);

  return errata_cli_fail (usage ? ERRATA_CLI_EXIT_USAGE : ERRATA_CLI_EXIT_FAILED, "%s",
                          error->message);
}

int
errata_cli_fail_input_error (const GError *error)
{
  return errata_cli_fail_error (error, errata_cli_error_is_input (error));
}

void
errata_cli_print_json (JsonNode *root)
{
  g_autofree char *text = json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

void
errata_cli_print_json_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  errata_cli_print_json (root);
}

/* Stays installed (a second Ctrl+C cancels again, harmlessly) so that
 * clearing the watch always removes a source that exists. */
static gboolean
on_interrupt (gpointer data)
{
  ErrataCliInterrupt *watch = data;

  /* Cancelled before it is said, so that whoever reads the message (a
   * script, a test) may act on it: the work can no longer finish
   * without seeing the Cancel. */
  g_cancellable_cancel (watch->cancellable);
  if (watch->message != NULL)
    g_printerr ("%s\n", watch->message);
  return G_SOURCE_CONTINUE;
}

void
errata_cli_interrupt_watch (ErrataCliInterrupt *watch,
                            GCancellable       *cancellable,
                            const char         *message)
{
  g_return_if_fail (watch != NULL);
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  watch->cancellable = cancellable;
  watch->message = message;
  watch->sigint = g_unix_signal_add (SIGINT, on_interrupt, watch);
  watch->sigterm = g_unix_signal_add (SIGTERM, on_interrupt, watch);
}

void
errata_cli_interrupt_clear (ErrataCliInterrupt *watch)
{
  g_clear_handle_id (&watch->sigint, g_source_remove);
  g_clear_handle_id (&watch->sigterm, g_source_remove);
}
