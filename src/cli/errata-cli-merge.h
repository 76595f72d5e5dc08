/* errata-cli-merge.h: `errata-cli merge`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the command's name; returns the exit status: 0 merged (or
 * previewed) without conflicts, 1 some reviews conflict (listed; the ones
 * here are kept), 2 usage errors or a file that cannot be merged from. */
int errata_cli_merge (int    argc,
                      char **argv);

G_END_DECLS
