/* errata-live-prebuilt.h: traces built while their request is decoded,
 * before the writer sees them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-live-journal.h"

G_BEGIN_DECLS

/* A trace of one request, built from its spans there on the decoding
 * thread: a guess that the writer will store it at once (new to the
 * project, complete in its batch), which the writer checks. */
typedef struct
{
  ErrataLiveSpan  *root;    /* the request's span that made the guess */
  GPtrArray       *order;   /* the flat objects built from, in the request's
                             * order; compared by address only, no references
                             * (a reference would be dropped on the main
                             * thread, which frees the job, while the sweeper
                             * drops the writer's) */
  ErrataLiveBuilt *built;
} ErrataLivePrebuilt;

/* Whether the writer holds spans of the trace already (then a guess from
 * one request would be wrong). Called on the decoding thread. */
typedef gboolean (*ErrataLiveTraceKnownFunc) (const char *trace_id,
                                              gpointer    user_data);

/* Builds each trace of `spans` (one request's, not handed on yet) that
 * has its root span there and is not known: an ErrataLivePrebuilt each,
 * in the order of their roots; NULL when there is none. Many traces are
 * shared with helper threads while processors are free; it returns when
 * all are built. Only reads
 * `spans`, but for their `journaled` (errata_live_spans_mark_repeats),
 * which the writer sets again, and the journal text of a span whose id
 * is there twice, which the writer keeps. */
GPtrArray       *errata_live_prebuild            (GPtrArray                *spans,
                                                  ErrataLiveTraceKnownFunc  known,
                                                  gpointer                  user_data);
void             errata_live_prebuilt_free       (ErrataLivePrebuilt       *prebuilt);
/* The trace built, taken, when `items` (the writer's, every span of the
 * trace it would build from, in arrival order) are exactly the objects it
 * was built from, in that order; NULL otherwise. Only while the job's
 * spans still hold their objects: before the batch is answered. */
ErrataLiveBuilt *errata_live_prebuilt_take_built (ErrataLivePrebuilt       *prebuilt,
                                                  GPtrArray                *items);

G_END_DECLS
