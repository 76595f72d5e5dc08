/* errata-cli-delete.h: `errata-cli delete` and `errata-cli imports`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the command's name. 0: deleted (or counted, --dry-run);
 * 1: the project could not be changed; 2: usage errors, an unknown import
 * or trace. */
int errata_cli_delete  (int    argc,
                        char **argv);
/* Lists the project's imports with their ids: 0, or 2 for usage errors. */
int errata_cli_imports (int    argc,
                        char **argv);

G_END_DECLS
