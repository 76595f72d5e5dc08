/* errata-cli-copy.h: `errata-cli copy PROJECT OUT.errata`, a copy to share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "copy". */
int errata_cli_copy (int    argc,
                     char **argv);

G_END_DECLS
