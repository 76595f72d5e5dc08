/* errata-command-check.h: an evaluator that is a program of the user's.
 *
 * Definition (JSON, written by hand; unknown parameters are refused):
 *
 *   {"kind": "command", "command": ["python3", "checks/no_pii.py", "--strict"],
 *    "timeout": 30, "concurrency": 4}
 *
 *   command      the program and its arguments (required); no shell runs
 *                it, so write ["sh", "-c", "…"] to get one
 *   timeout      seconds a trace may take (a number > 0, at most a day);
 *                past it the command is killed and the trace gets an error
 *                verdict [30]
 *   concurrency  how many copies may run at once [the number of CPUs]
 *
 * The command gets one trace as a JSON object on its standard input,
 * followed by a newline, then end of file:
 *
 *   {"id": 12, "external_id": "hh-001", "source": "traces.jsonl",
 *    "input": "first user text", "output": "final assistant text",
 *    "messages": [{"role": "user", "content": "…"},
 *                 {"role": "assistant", "content": "",
 *                  "tool_calls": [{"id": "c1", "name": "book_table",
 *                                  "arguments": "{\"party_size\": 4}"}]},
 *                 {"role": "tool", "tool_call_id": "c1", "content": "…"}, …],
 *    "tools": [tool definitions, or empty], "metadata": {…}}
 *
 * and answers by its exit status: 0 pass, 1 fail; any other status, a
 * signal or the timeout is an error verdict whose message quotes the first
 * lines of its standard error. The first line of its standard output is the
 * reasoning, unless the output is a JSON object with a "reasoning" string.
 * Output is kept up to ERRATA_COMMAND_CHECK_MAX_OUTPUT bytes (the rest is
 * read and dropped, so the command never blocks on a full pipe).
 *
 * The command runs in its own process group in the folder set with
 * errata_command_check_set_directory() (the current one by default), with
 * Errata's environment. When it exits, is timed out or is cancelled,
 * whatever it left running in its process group is killed.
 *
 * Trust (errata-trust.h): a command stored in a project runs only when the
 * user trusts it for that project on this machine. Every evaluation of an
 * untrusted command fails with ERRATA_EVAL_ERROR_NOT_TRUSTED, so that a run
 * fails as a whole instead of filling up with error verdicts. Whoever
 * creates a command evaluator on this machine grants it at creation
 * (errata_trust_grant() with errata_command_check_get_command_line()).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-eval-method.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_COMMAND_CHECK (errata_command_check_get_type ())

G_DECLARE_FINAL_TYPE (ErrataCommandCheck, errata_command_check, ERRATA, COMMAND_CHECK, GObject)

#define ERRATA_COMMAND_CHECK_DEFAULT_TIMEOUT 30.0
/* Bytes of standard output kept per trace (standard error: a quarter). */
#define ERRATA_COMMAND_CHECK_MAX_OUTPUT      (64 * 1024)

/* `project_id` (not NULL) is the meta `project_id` of the project the
 * command is stored in: the trust is looked up under it. Fails with
 * ERRATA_EVAL_ERROR_INVALID and a message naming the bad parameter. */
ErrataCommandCheck *errata_command_check_new              (JsonObject          *params,
                                                           const char          *project_id,
                                                           GError             **error);

/* The command as one line, each argument quoted for a shell where it needs
 * it: what the user reads before trusting it, and what the trust is for. */
const char         *errata_command_check_get_command_line (ErrataCommandCheck  *self);
const char         *errata_command_check_get_project_id   (ErrataCommandCheck  *self);
gboolean            errata_command_check_is_trusted       (ErrataCommandCheck  *self);
double              errata_command_check_get_timeout      (ErrataCommandCheck  *self);

/* Where the command runs (NULL: the current folder). */
void                errata_command_check_set_directory    (ErrataCommandCheck  *self,
                                                           const char          *directory);

G_END_DECLS
