/* errata-cli-label.h: `errata-cli label` and `errata-cli split`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the command's name; each returns the exit status: 0 ok, 1 some
 * rows of a labels file were left out, 2 usage errors or unreadable input. */
int errata_cli_label (int    argc,
                      char **argv);
int errata_cli_split (int    argc,
                      char **argv);

G_END_DECLS
