/* errata-cli-synth-private.h: what the files of `errata-cli synth` share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-project.h"

G_BEGIN_DECLS

int  _errata_cli_synth_run        (int          argc,
                                   char       **argv);
int  _errata_cli_synth_breakdown  (int          argc,
                                   char       **argv);
int  _errata_cli_synth_secret     (int          argc,
                                   char       **argv);

G_END_DECLS
