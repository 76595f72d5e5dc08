/* errata-cli-eval.h: `errata-cli eval …` and `errata-cli estimate PROJECT NAME`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int errata_cli_eval                  (int    argc,
                                      char **argv);
int errata_cli_estimate_project_main (int    argc,
                                      char **argv);

G_END_DECLS
