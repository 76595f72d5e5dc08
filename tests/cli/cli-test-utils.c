/* cli-test-utils.c: running errata-cli as a program from the CLI tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#ifdef __linux__
#include <signal.h>
#include <sys/prctl.h>
#endif

#include "cli-test-utils.h"

void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* Runs the built errata-cli with @argv (its first item is replaced by
 * the program's path) and collects both outputs. */
static CliResult
run_argv (GPtrArray *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliResult result = { 0 };

  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result.out, &result.err, &error);
  g_assert_no_error (error);
  result.status = g_subprocess_get_exit_status (process);
  return result;
}

static void
die_with_parent (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* A launcher whose children (servers, a CLI run in the background) die
 * with the test: a failed assertion aborts without teardown, and a child
 * left alive holds the test's output open, so meson waits for the
 * timeout instead of reporting the failure. */
GSubprocessLauncher *
cli_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

static GPtrArray *
new_argv (void)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli",
                                                NULL));
  return argv;
}

/* Runs errata-cli with a NULL-terminated argument list. */
CliResult
cli_run (const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = new_argv ();
  va_list args;

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  return run_argv (argv);
}

/* Runs `errata-cli COMMAND ARGS…`, @args NULL-terminated. */
CliResult
cli_run_args (const char         *command,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = new_argv ();

  g_ptr_array_add (argv, g_strdup (command));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  return run_argv (argv);
}

void
cli_assert_contains (const char *text,
                     const char *words)
{
  if (strstr (text, words) == NULL)
    g_error ("“%s” is not in:\n%s", words, text);
}
