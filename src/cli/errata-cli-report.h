/* errata-cli-report.h: `errata-cli report PROJECT -o FILE.html|FILE.pdf`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "report". */
int errata_cli_report (int    argc,
                       char **argv);

G_END_DECLS
