/* errata-cli-synth-secret.c: `errata-cli synth secret NAME [--clear]`
 * stores what comes on stdin in the keyring as the target secret NAME,
 * which a target names as "{{secret.NAME}}" (an HTTP header) or
 * "api_key_secret" (a chat endpoint's key). Read from stdin, never from
 * the command line, where other users and the shell's history see it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-synth-private.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "errata-cli-common.h"
#include "errata-synth-secrets.h"

static char *
read_secret (GError **error)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GOutputStream) buffer = g_memory_output_stream_new_resizable ();
  char *text;
  gsize len;

  if (g_output_stream_splice (buffer, input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, error) < 0)
    return NULL;
  len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (buffer));
  text = g_strndup (len > 0 ? g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (buffer))
                            : "", len);
  /* `echo TOKEN |` ends with a newline that is not part of the token. */
  while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
    text[--len] = '\0';
  return text;
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

int
_errata_cli_synth_secret (int    argc,
                          char **argv)
{
  gboolean clear = FALSE;
  GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear,
      N_("Remove the secret from the keyring"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("NAME"), _("Store a target’s secret (read from standard input) in the keyring"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;
  gboolean ok;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Usage: errata-cli synth secret NAME [--clear] < SECRET"));
  if (!errata_synth_secret_name_is_valid (argv[1]))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“%s” is not a secret’s name: use letters, digits, “-”, “_” and "
                              "“.”, at most 64"), argv[1]);
  if (clear)
    {
      errata_synth_secret_clear_async (argv[1], NULL, errata_cli_on_result, &result);
      if (!errata_synth_secret_clear_finish (errata_cli_wait (&result), &error))
        return errata_cli_fail (ERRATA_CLI_EXIT_FAILED, _("The keyring could not be asked: %s"),
                                error->message);
      g_print (_("Removed the secret “%s” from the keyring.\n"), argv[1]);
      return ERRATA_CLI_EXIT_OK;
    }
  if (isatty (STDIN_FILENO))
    g_printerr (_("Type the secret, then Ctrl+D:\n"));
  secret = read_secret (&error);
  if (secret == NULL || *secret == '\0')
    {
      wipe (secret);
      return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s",
                              error != NULL ? error->message
                                            : _("No secret on standard input"));
    }
  errata_synth_secret_store_async (argv[1], secret, NULL, errata_cli_on_result, &result);
  wipe (secret);
  ok = errata_synth_secret_store_finish (errata_cli_wait (&result), &error);
  if (!ok)
    return errata_cli_fail (ERRATA_CLI_EXIT_FAILED, _("The keyring could not store it: %s"),
                            error->message);
  /* Translators: %s is the name a target uses, {{secret.%s}} is literal. */
  g_print (_("Stored the secret “%s” in the keyring; a target uses it as "
             "“{{secret.%s}}”.\n"), argv[1], argv[1]);
  return ERRATA_CLI_EXIT_OK;
}
