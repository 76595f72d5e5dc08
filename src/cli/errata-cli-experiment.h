/* errata-cli-experiment.h: `errata-cli experiment …`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int errata_cli_experiment (int    argc,
                           char **argv);

G_END_DECLS
