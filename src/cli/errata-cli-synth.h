/* errata-cli-synth.h: `errata-cli synth …`, synthetic data.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "synth"; returns the exit status: 0 ok, 1 failures, 2 usage. */
int errata_cli_synth (int    argc,
                      char **argv);

G_END_DECLS
