/* test-cli-llm.c: `errata-cli llm ping|complete` against the mock server.
 *
 * Each case runs errata_cli_llm() in a subprocess (it writes to stdout
 * and reads stdin), with the mock server in that same process.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include "errata-cli-llm.h"
#include "errata-mock-llm-server.h"

/* Runs the CLI with @args ("%s" is replaced by the mock's base URL),
 * @prompt on stdin, and prints "exit=N" after its output. */
static void
run_cli (ErrataMockLlmServer *server,
         gboolean             anthropic,
         const char          *args,
         const char          *prompt)
{
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, anthropic);
  g_autofree char *line = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (prompt != NULL)
    {
      g_autofree char *path = NULL;
      int fd = g_file_open_tmp ("errata-cli-prompt-XXXXXX", &path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (write (fd, prompt, strlen (prompt)), ==, (gssize) strlen (prompt));
      lseek (fd, 0, SEEK_SET);
      dup2 (fd, STDIN_FILENO);
      close (fd);
      unlink (path);
    }

  line = g_strdup_printf (args, base);
  g_assert_true (g_shell_parse_argv (line, NULL, &argv, &error));
  status = errata_cli_llm (g_strv_length (argv), argv);
  fflush (stderr);
  g_print ("exit=%d\nkey=%s\n", status,
           errata_mock_llm_server_get_last_api_key (server) ?: "(none)");
}

static ErrataMockLlmServer *
new_server (void)
{
  g_autoptr(GError) error = NULL;
  ErrataMockLlmServer *server = errata_mock_llm_server_new (0, &error);

  g_assert_no_error (error);
  return server;
}

static void
test_ping (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ErrataMockLlmServer) server = new_server ();

      g_setenv ("OPENAI_API_KEY", "sk-from-env", TRUE);
      run_cli (server, FALSE, "llm ping --provider openai --base-url %s --model mock-small", NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Models:   2 available*mock-small*mock-large*"
                             "*mock-small answered in*exit=0*key=sk-from-env*");
  g_test_trap_assert_stdout ("*API key:  OPENAI_API_KEY*");
}

static void
test_complete (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ErrataMockLlmServer) server = new_server ();

      run_cli (server, TRUE, "llm complete --provider anthropic --base-url %s --model m "
               "--system 'Be brief' --verbose", "What is the capital of France?\n");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Mock reply 1 to: What is the capital of France?\nexit=0*");
  g_test_trap_assert_stderr ("*model=m tokens_in=* tokens_out=* cost=$* latency=*attempts=1*");
}

static void
test_complete_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ErrataMockLlmServer) server = new_server ();
      g_autofree char *schema = NULL;
      g_autofree char *args = NULL;
      g_autoptr(GError) error = NULL;
      int fd = g_file_open_tmp ("errata-schema-XXXXXX.json", &schema, &error);

      g_assert_no_error (error);
      close (fd);
      g_assert_true (g_file_set_contents (schema, "{\"type\": \"object\"}", -1, &error));
      args = g_strdup_printf ("llm complete --provider custom --base-url %%s --schema %s", schema);
      run_cli (server, FALSE, args, "judge this");
      unlink (schema);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("{\"verdict\":\"pass\",\"reasoning\":\"mock\"}\nexit=0*");
}

static void
test_errors (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ErrataMockLlmServer) server = new_server ();

      errata_mock_llm_server_set_fault (server, ERRATA_MOCK_FAULT_AUTH, 0);
      run_cli (server, FALSE, "llm ping --provider custom --base-url %s", NULL);
      run_cli (server, FALSE, "llm complete --provider custom --base-url %s", "");
      run_cli (server, FALSE, "llm frobnicate", NULL);
      run_cli (server, FALSE, "llm ping --no-such-option", NULL);
      run_cli (server, FALSE, "llm ping --provider nonsense", NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*exit=1*exit=2*exit=2*exit=2*exit=2*");
  g_test_trap_assert_stderr ("*refused the API key (HTTP 401*no prompt*usage:*"
                             "Unknown option*Unknown LLM provider*");
}

/* The GUI's settings are the CLI's: with none on the command line, the
 * configured provider, URL, model and timeout are used; options override
 * them for the run only, and the settings stay as they were. */
static void
test_uses_settings (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ErrataMockLlmServer) server = new_server ();
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *base = errata_mock_llm_server_dup_base_url (server, FALSE);
      g_autofree char *model = NULL;
      g_autofree char *provider = NULL;

      g_settings_set_string (settings, "llm-provider", "custom");
      g_settings_set_string (settings, "llm-base-url", base);
      g_settings_set_string (settings, "llm-model", "mock-large");
      run_cli (server, FALSE, "llm ping", NULL);
      run_cli (server, FALSE, "llm ping --model mock-small --provider custom", NULL);
      model = g_settings_get_string (settings, "llm-model");
      provider = g_settings_get_string (settings, "llm-provider");
      g_print ("settings=%s,%s\n", provider, model);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Provider: custom (openai protocol) at http://127.0.0.1:*"
                             "*mock-large answered in*exit=0*"
                             "*mock-small answered in*exit=0*"
                             "settings=custom,mock-large*");
}

/* Without the settings schema, the default is a local Ollama. */
static void
test_builtin_defaults (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ErrataMockLlmServer) server = new_server ();
      g_autofree char *empty = g_dir_make_tmp ("errata-no-schemas-XXXXXX", NULL);

      /* GIO itself needs the system's schemas (proxy settings). */
      g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
      run_cli (server, FALSE, "llm ping --timeout 2", NULL);
      g_rmdir (empty);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Provider: ollama (openai protocol) at http://localhost:11434/v1*");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/llm/cli/ping", test_ping);
  g_test_add_func ("/llm/cli/complete", test_complete);
  g_test_add_func ("/llm/cli/complete-schema", test_complete_schema);
  g_test_add_func ("/llm/cli/errors", test_errors);
  g_test_add_func ("/llm/cli/builtin-defaults", test_builtin_defaults);
  g_test_add_func ("/llm/cli/uses-settings", test_uses_settings);

  return g_test_run ();
}
