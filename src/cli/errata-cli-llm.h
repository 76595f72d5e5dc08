/* errata-cli-llm.h: `errata-cli llm ping|complete`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "llm"; returns the exit status: 0 ok, 1 LLM error, 2 usage. */
int errata_cli_llm (int    argc,
                    char **argv);

G_END_DECLS
