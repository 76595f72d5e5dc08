/* errata-synth-queries.h: the queries written for tuples, their state
 * (draft, accepted, rejected), and what running them left on them (a trace,
 * or the error of a failed call).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-synth-types.h"

G_BEGIN_DECLS

typedef enum
{
  ERRATA_SYNTH_LIST_ALL,
  ERRATA_SYNTH_LIST_ACCEPTED,
  ERRATA_SYNTH_LIST_TO_RUN,    /* accepted and without a trace */
} ErrataSynthListWhich;

/* Adds `texts` (NULL-terminated) for `tuple_id`, as drafts, in one
 * transaction; empty texts are skipped. */
gboolean   errata_synth_queries_add        (ErrataProject         *project,
                                            gint64                 tuple_id,
                                            const char * const    *texts,
                                            gboolean               typed,
                                            guint                 *out_added,
                                            GError               **error);
/* Element type ErrataSynthQuery, by id, with their tuple's dimensions. */
GPtrArray *errata_synth_queries_list       (ErrataProject         *project,
                                            ErrataSynthListWhich   which,
                                            GError               **error);
/* Sets the state of each of `ids` (n_ids of them) in one transaction; an
 * unknown id fails the whole change. */
gboolean   errata_synth_queries_set_state  (ErrataProject         *project,
                                            const gint64          *ids,
                                            guint                  n_ids,
                                            ErrataSynthQueryState  state,
                                            GError               **error);
/* A query that was run (its reply is a trace) is neither edited nor
 * deleted: the error says which trace to delete first. Text is trimmed;
 * empty text is refused. */
gboolean   errata_synth_queries_set_text   (ErrataProject         *project,
                                            gint64                 id,
                                            const char            *text,
                                            GError               **error);
gboolean   errata_synth_queries_delete     (ErrataProject         *project,
                                            gint64                 id,
                                            GError               **error);
/* Used by a run, inside its transaction: the query's reply became
 * `trace_id` in `batch_id` (error cleared), or the call failed with
 * `message` (no trace). */
gboolean   errata_synth_queries_set_trace  (ErrataProject         *project,
                                            gint64                 query_id,
                                            gint64                 batch_id,
                                            gint64                 trace_id,
                                            GError               **error);
gboolean   errata_synth_queries_set_error  (ErrataProject         *project,
                                            gint64                 query_id,
                                            gint64                 batch_id,
                                            const char            *message,
                                            GError               **error);

G_END_DECLS
