/* errata-synth-tuples.h: tuples of dimension values in the project, and
 * the combinatorial ways of making them (every combination, or a seeded
 * sample that covers each value at least once). The LLM's way is in
 * errata-synth-generate.h.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-synth-types.h"

G_BEGIN_DECLS

/* Every combination of the dimensions' values, in order (element type
 * JsonObject). Refused with ERRATA_SYNTH_ERROR_TOO_MANY when there are more
 * than `limit`. */
GPtrArray *errata_synth_tuples_all          (GPtrArray      *dimensions,
                                             guint           limit,
                                             GError        **error);
/* `n` distinct combinations, the same for the same seed, in which every
 * value of every dimension appears at least once: `n` must be at least the
 * largest number of values of a dimension, at most the number of
 * combinations and at most `limit`. */
GPtrArray *errata_synth_tuples_sample       (GPtrArray      *dimensions,
                                             guint           n,
                                             guint64         seed,
                                             guint           limit,
                                             GError        **error);
/* Checks that `tuple` names exactly the dimensions and one of each one's
 * values. */
gboolean   errata_synth_tuple_check         (GPtrArray      *dimensions,
                                             JsonObject     *tuple,
                                             GError        **error);

/* Stores `tuples` (of JsonObject) in one transaction; a tuple the project
 * has already is left alone. `out_added` receives how many were new. */
gboolean   errata_synth_tuples_add          (ErrataProject  *project,
                                             GPtrArray      *tuples,
                                             ErrataSynthOrigin origin,
                                             guint          *out_added,
                                             GError        **error);
/* Element type ErrataSynthTuple, by id. */
GPtrArray *errata_synth_tuples_list         (ErrataProject  *project,
                                             GError        **error);
/* Deletes the tuple and its queries in one statement; refused when one of
 * its queries was run (its reply is a trace). */
gboolean   errata_synth_tuples_delete       (ErrataProject  *project,
                                             gint64          id,
                                             GError        **error);
/* How many tuples take each value: {dimension: {value: count}}, every
 * value of `dimensions` listed (with 0 when no tuple takes it). */
JsonObject *errata_synth_tuples_coverage    (GPtrArray      *dimensions,
                                             GPtrArray      *tuples);

G_END_DECLS
