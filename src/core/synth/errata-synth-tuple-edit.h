/* errata-synth-tuple-edit.h: changes to one tuple from the Synthetic Data
 * page's tuples table: its values (a dropdown per dimension), and a
 * deletion that can be undone while the page shows its toast.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-synth-types.h"

G_BEGIN_DECLS

/* A deleted tuple and its queries, as they were, to put back. */
typedef struct _ErrataSynthDeletedTuple ErrataSynthDeletedTuple;

/* Gives tuple `id` the values `tuple` (checked against `dimensions`), in
 * one transaction. Refused when another tuple has those values already, or
 * when one of its queries was run (its trace keeps the old values). */
gboolean                 errata_synth_tuples_set_values   (ErrataProject            *project,
                                                           GPtrArray                *dimensions,
                                                           gint64                    id,
                                                           JsonObject               *tuple,
                                                           GError                  **error);
/* Deletes tuple `id` and its queries as errata_synth_tuples_delete() does,
 * keeping them in memory for errata_synth_tuples_undelete(). */
ErrataSynthDeletedTuple *errata_synth_tuples_delete_undoable (ErrataProject          *project,
                                                           gint64                    id,
                                                           GError                  **error);
/* Puts the tuple and its queries back with their ids, in one transaction;
 * refused (changing nothing) when a tuple with the same values or one of
 * the ids was added since. */
gboolean                 errata_synth_tuples_undelete     (ErrataProject            *project,
                                                           ErrataSynthDeletedTuple  *deleted,
                                                           GError                  **error);
gint64                   errata_synth_deleted_tuple_get_id (ErrataSynthDeletedTuple *deleted);
guint                    errata_synth_deleted_tuple_get_n_queries (ErrataSynthDeletedTuple *deleted);
void                     errata_synth_deleted_tuple_free  (ErrataSynthDeletedTuple  *deleted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataSynthDeletedTuple, errata_synth_deleted_tuple_free)

G_END_DECLS
