/* errata-cli-experiment-private.h: what the experiment commands share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-experiment.h"

G_BEGIN_DECLS

/* Exit 2 for what the user can fix (usage, input, project), else 1. */
int               _errata_cli_experiment_fail_error (GError          *error);
/* The project, opened for writing, and its experiment NAME. */
ErrataExperiment *_errata_cli_experiment_open       (const char      *path,
                                                     const char      *name,
                                                     ErrataProject  **out_project,
                                                     GError         **error);
int               _errata_cli_experiment_run        (int              argc,
                                                     char           **argv);
int               _errata_cli_experiment_compare    (int              argc,
                                                     char           **argv);

G_END_DECLS
