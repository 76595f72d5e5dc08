/* errata-synth-run.h: accepted queries through the user's system, each
 * reply a trace.
 *
 * A run makes a batch and sends every accepted query without a trace to
 * the target (which keeps its concurrency, pace, timeout and retries).
 * Replies become traces (source "synth", metadata.dimensions and
 * metadata.synth with the query, tuple and batch ids) through the import
 * store, so the search index and derived columns are those of any import;
 * a failed call is recorded on its query with its error and makes no trace.
 * Results are committed by the queue (errata-synth-queue.h) every 32
 * replies or 250 ms, one transaction each,
 * so that a killed process loses at most that much, and running again
 * (resume) sends only the queries still without a trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-synth-target.h"

G_BEGIN_DECLS

#define ERRATA_SYNTH_TRACE_SOURCE "synth"

typedef struct
{
  gint64   batch_id;    /* 0 when there was nothing to run */
  guint    total;       /* queries sent */
  guint    done;        /* calls back from the target, stored or not yet */
  guint    n_traces;    /* replies stored as traces (committed) */
  guint    n_failed;    /* calls that failed, their error on the query (committed) */
  gboolean cancelled;
} ErrataSynthRunResult;

/* Progress counts what came back, stored or not yet. */
typedef void (*ErrataSynthRunProgress) (const ErrataSynthRunResult *so_far,
                                        gpointer                    user_data);

/* Fails before anything is sent when the target is a command this machine
 * does not trust (ERRATA_SYNTH_ERROR_NOT_TRUSTED). Cancel keeps what came
 * back before it and ends the batch as cancelled; that is a result, not an
 * error. */
void     errata_synth_run_async   (ErrataProject          *project,
                                   ErrataSynthTarget      *target,
                                   ErrataSynthRunProgress  progress,
                                   gpointer                progress_data,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data);
gboolean errata_synth_run_finish  (GAsyncResult           *result,
                                   ErrataSynthRunResult   *out,
                                   GError                **error);

/* The trace a reply becomes (for Test and tests). */
ErrataTrace *errata_synth_run_make_trace (gint64             query_id,
                                          gint64             tuple_id,
                                          gint64             batch_id,
                                          const char        *query,
                                          JsonObject        *dimensions,
                                          ErrataSynthTarget *target,
                                          ErrataSynthReply  *reply);

G_END_DECLS
