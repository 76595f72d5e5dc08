/* errata-synth-dimensions.h: the dimensions of user queries, from a JSON
 * file and in the project.
 *
 * The file is an object {"dimensions": [...]} or the array alone; each
 * dimension is {"name", "description", "values"}, each value a string or
 * {"value", "description"}. Names and values are unique within their
 * dimension; a dimension needs at least one value.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-synth-types.h"

G_BEGIN_DECLS

/* Element type ErrataSynthDimension. Errors say which dimension or value is
 * wrong and why. */
GPtrArray *errata_synth_dimensions_from_json  (const char  *text,
                                               gssize       len,
                                               GError     **error);
JsonNode  *errata_synth_dimensions_to_json    (GPtrArray   *dimensions);

/* Replaces the project's dimensions in one transaction. Tuples keep their
 * values as text, so redefining dimensions never loses a tuple. */
gboolean   errata_synth_dimensions_save       (ErrataProject  *project,
                                               GPtrArray      *dimensions,
                                               GError        **error);
GPtrArray *errata_synth_dimensions_load       (ErrataProject  *project,
                                               GError        **error);

/* The number of combinations, saturated at G_MAXUINT64; 0 without
 * dimensions. */
guint64    errata_synth_dimensions_n_combinations (GPtrArray *dimensions);
ErrataSynthDimension *errata_synth_dimensions_find (GPtrArray  *dimensions,
                                                    const char *name);
gboolean   errata_synth_dimension_has_value   (ErrataSynthDimension *dimension,
                                               const char           *value);

G_END_DECLS
