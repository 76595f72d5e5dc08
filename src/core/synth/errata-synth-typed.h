/* errata-synth-typed.h: tuples and queries a person wrote, from a file:
 *
 *   [{"dimensions": {"persona": "family", "feature": "search", …},
 *     "queries": ["Any three-bed houses near a primary school?", …]}, …]
 *
 * for a team that has real users' questions to start from, and for the
 * demo project, which is built without a language model.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-project.h"

G_BEGIN_DECLS

/* Adds every entry's tuple (origin "typed"; one the project has already is
 * reused) and its queries (typed drafts), in one transaction; every tuple
 * is checked against `dimensions` first, and an error names the entry. */
gboolean errata_synth_typed_add (ErrataProject  *project,
                                 GPtrArray      *dimensions,
                                 JsonNode       *root,
                                 guint          *out_tuples,
                                 guint          *out_queries,
                                 GError        **error);

G_END_DECLS
