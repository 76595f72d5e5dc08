/* errata-trust.h: which commands stored in a project may run on this machine.
 *
 * A project file can be mailed to anyone, and a command evaluator in it is a
 * program that runs with the reader's rights. So a command from a project
 * does not run until the user has trusted it on this machine (DESIGN.md,
 * "trust"). The trust lives outside the project, in
 * g_get_user_config_dir()/errata/trust.ini, keyed by the project's identity
 * (its meta `project_id`) and the SHA-256 of the command's canonical text
 * (errata_command_check_get_command_line()): a changed command needs trust
 * again, and a copy of the file under another project id does not inherit
 * it.
 *
 * A command written on this machine (an evaluator created here, in the app
 * or with errata-cli) is trusted by its author: the code that creates it
 * calls errata_trust_grant() at creation. Only commands that arrive inside a
 * project (opened, imported or merged) wait for the user's word.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file the trust is kept in (for messages and tests). */
char     *errata_trust_dup_path    (void);

/* TRUE when `command_line` was granted for `project_id` on this machine.
 * An unreadable or damaged trust file trusts nothing. */
gboolean  errata_trust_is_trusted  (const char  *project_id,
                                    const char  *command_line);

/* Records the trust (the file is replaced atomically, readable by the user
 * only). Fails when the project id cannot name a group (empty, brackets,
 * control characters) or the file cannot be read or written. */
gboolean  errata_trust_grant       (const char  *project_id,
                                    const char  *command_line,
                                    GError     **error);

/* Takes the trust back; `command_line` NULL takes back every command of the
 * project. Revoking what was never granted succeeds. */
gboolean  errata_trust_revoke      (const char  *project_id,
                                    const char  *command_line,
                                    GError     **error);

G_END_DECLS
