/* errata-cli-compact.h: `errata-cli compact`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-project.h"

G_BEGIN_DECLS

/* argv[0] is the command's name. 0: compacted (or nothing to give back);
 * 1: it could not be; 2: usage errors, or cancelled (Ctrl+C), which leaves
 * the file as it was. */
int  errata_cli_compact             (int            argc,
                                     char         **argv);
/* After an upgrade: says on stderr how much compacting would give back. */
void errata_cli_tell_compact_offer  (ErrataProject *project,
                                     const char    *path);

G_END_DECLS
