/* errata-synth-queue.h: jobs (a query's text and its dimensions) through
 * the user's system, each outcome handed to a sink that stores it.
 *
 * The queue sends every job to the target (which keeps its concurrency,
 * pace, timeout and retries) and commits the outcomes every 32 replies or
 * 250 ms, one transaction each: the sink's store() for each outcome (a
 * reply, or a failed call with its error) with the import store that makes
 * traces, then its save() with the counts, so that a killed process loses
 * at most that much and what is committed always agrees. A call cancelled
 * before it was answered is neither stored nor counted as failed: it stays
 * to run. Synthetic runs (errata-synth-run.h) and experiment runs
 * (errata-experiment-run.h) are two sinks of this one queue.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-import-store.h"
#include "errata-project.h"
#include "errata-synth-target.h"

G_BEGIN_DECLS

typedef struct
{
  char       *text;
  JsonObject *dimensions;   /* never NULL */
  gpointer    data;         /* the caller's, for its sink */
  GDestroyNotify data_free;
} ErrataSynthJob;

typedef struct
{
  guint    total;       /* jobs sent */
  guint    done;        /* calls back from the target, stored or not yet */
  guint    n_traces;    /* replies stored (committed; while running: back so far) */
  guint    n_failed;    /* calls that failed (committed; while running: back so far) */
  gboolean cancelled;
} ErrataSynthQueueCounts;

typedef struct
{
  /* Inside the queue's transaction: store one outcome. `reply` is NULL
   * for a failed call, `failure` then says why. Return FALSE (with error)
   * to roll the whole batch back and end the run with that error. */
  gboolean (*store) (gpointer                      sink_data,
                     ErrataImportStore            *store,
                     const ErrataSynthJob         *job,
                     ErrataSynthReply             *reply,
                     const char                   *failure,
                     GError                      **error);
  /* Optional, in the same transaction after the outcomes: the counts so
   * far and the status ("running", "done" or "cancelled"). */
  gboolean (*save)  (gpointer                      sink_data,
                     const ErrataSynthQueueCounts *committed,
                     const char                   *status,
                     GError                      **error);
} ErrataSynthSink;

typedef void (*ErrataSynthQueueProgress) (const ErrataSynthQueueCounts *so_far,
                                          gpointer                      user_data);

ErrataSynthJob *errata_synth_job_new          (const char                *text,
                                               JsonObject                *dimensions,
                                               gpointer                   data,
                                               GDestroyNotify             data_free);
void            errata_synth_job_free         (ErrataSynthJob            *job);

/* `jobs`: of ErrataSynthJob, kept by the queue until it finishes; may be
 * empty (then nothing is sent and nothing saved). The sink and its data
 * must live until the callback. Cancel is a result, not an error. */
void            errata_synth_queue_run_async  (ErrataProject             *project,
                                               ErrataSynthTarget         *target,
                                               GPtrArray                 *jobs,
                                               const ErrataSynthSink     *sink,
                                               gpointer                   sink_data,
                                               ErrataSynthQueueProgress   progress,
                                               gpointer                   progress_data,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
gboolean        errata_synth_queue_run_finish (GAsyncResult              *result,
                                               ErrataSynthQueueCounts    *out,
                                               GError                   **error);

G_END_DECLS
