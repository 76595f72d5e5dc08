/* errata-cli-receive.h: `errata-cli receive PROJECT [--port N]`, live
 * traces over OTLP/HTTP until interrupted.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "receive". */
int errata_cli_receive (int    argc,
                        char **argv);

G_END_DECLS
