/* errata-experiment-private.h: what the experiment files share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-experiment.h"

G_BEGIN_DECLS

JsonObject *_errata_experiment_parse_object    (const char     *text);
char       *_errata_experiment_object_to_text  (JsonObject     *object);
gboolean    _errata_experiment_check_name      (const char     *name,
                                                const char     *refusal,
                                                GError        **error);
/* Of ErrataExperimentQuery (ids 0): what a query source gives now. */
GPtrArray  *_errata_experiment_read_source     (ErrataProject  *project,
                                                const char     *source,
                                                GError        **error);

G_END_DECLS
