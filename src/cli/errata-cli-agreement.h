/* errata-cli-agreement.h: `errata-cli agreement`, how much reviewers agree.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "agreement":
 *
 *   errata-cli agreement PROJECT [--target T] [--json]
 *                        [--iterations N] [--seed S] [--confidence C]
 *
 * Without --target, every target: overall, then each failure mode.
 * Exit status: 0 printed (also when reviewers share no trace: that is
 * said, not an error); 2 usage errors, an unreadable project, no such
 * target. */
int errata_cli_agreement (int    argc,
                          char **argv);

G_END_DECLS
