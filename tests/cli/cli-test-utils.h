/* cli-test-utils.h: running errata-cli as a program from the CLI tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a run of errata-cli printed and how it ended. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

void      cli_result_clear    (CliResult          *result);
CliResult cli_run             (const char         *first_arg,
                               ...) G_GNUC_NULL_TERMINATED;
CliResult cli_run_args        (const char         *command,
                               const char * const *args);
void      cli_assert_contains (const char         *text,
                               const char         *words);
GSubprocessLauncher *
          cli_launcher_new    (GSubprocessFlags    flags);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

G_END_DECLS
