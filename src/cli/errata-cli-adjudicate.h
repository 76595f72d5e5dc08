/* errata-cli-adjudicate.h: `errata-cli adjudicate`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the command's name. Returns 0 when the queue was listed (empty
 * or not) or the trace settled, 2 for usage errors, an unknown trace or
 * target, a label that is not disputed, or a missing reason. */
int errata_cli_adjudicate (int    argc,
                           char **argv);

G_END_DECLS
