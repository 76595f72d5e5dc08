/* errata-live-writer-private.h: what the files of the live writer share.
 * errata-live-writer.c runs the writer's thread (its queue, its start and
 * stop, the answers to the requests); errata-live-writer-store.c writes a
 * batch of requests and builds the complete traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-live-writer.h"
#include "errata-live-builders.h"
#include "errata-live-journal.h"
#include "errata-live-prebuilt.h"
#include "errata-live-trace-state.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray          *spans;   /* NULL: the stop request */
  GPtrArray          *prebuilt;  /* ErrataLivePrebuilt, or NULL */
  ErrataLiveDoneFunc  done;
  gpointer            user_data;
  GError             *error;
} ErrataLiveWriterJob;

struct _ErrataLiveWriter
{
  GFile               *file;
  guint                idle_ms;
  ErrataLiveStoredFunc stored;
  gpointer             user_data;
  GMainContext        *context;
  GAsyncQueue         *queue;
  GThread             *thread;
  gint                 backlog;
  GSourceFunc          stopped;  /* errata_live_writer_stop_async()'s */
  gpointer             stopped_data;
  guint                max_held;  /* spans the waiting traces may keep parsed */
  gint                 held;      /* how many they keep: written by the writer
                                   * thread, read by any */

  /* The start handshake. */
  GMutex               mutex;
  GCond                cond;
  gboolean             started;
  GError              *start_error;

  /* The ids of the traces in `traces`, for the decoding threads to read
   * (errata_live_writer_prebuild): under their own lock. */
  GMutex               known_lock;
  GHashTable          *known;

  /* The writer thread's own. */
  ErrataProject       *project;
  GHashTable          *traces;   /* trace id -> ErrataLiveTraceState */
  ErrataLiveCounts     counts;
  guint64              n_batches;
  char                *import_name;
  ErrataLiveImport     import;   /* this session's record in the imports */
  ErrataLiveBuilders  *builders; /* build, make journal text, free: off the writer */
  /* Stored traces were left in the bins of the threads that parsed them
   * (errata-live-bin.c) since the bins were last emptied. */
  gboolean             bins_given;
  /* The ids of the traces built without a conversation this session and
   * not since with one: a trace is built again with each late span (or an
   * exporter's retry), and its log events may bring the conversation
   * later, so the count shown is of this set, not of the builds. */
  GHashTable          *without_conversation;
};

/* errata-live-writer.c */
/* Whenever a trace enters `traces` (TRUE) or leaves it (FALSE). */
void     _errata_live_writer_set_known     (ErrataLiveWriter        *self,
                                            const char              *trace_id,
                                            gboolean                 known);
void     _errata_live_writer_report_stored (ErrataLiveWriter        *self);
void     _errata_live_writer_release_held  (ErrataLiveWriter        *self,
                                            GPtrArray               *states);
void     _errata_live_writer_answer_jobs   (ErrataLiveWriter        *self,
                                            GPtrArray               *jobs,
                                            gboolean                 written,
                                            const GError            *error);

/* errata-live-writer-store.c */
gboolean _errata_live_writer_record_import (ErrataLiveWriter        *self,
                                            const ErrataLiveCounts  *counts,
                                            gboolean                 finished,
                                            GError                 **error);
void     _errata_live_writer_journal_jobs  (ErrataLiveWriter        *self,
                                            GPtrArray               *jobs);
void     _errata_live_writer_convert_ready (ErrataLiveWriter        *self,
                                            gboolean                 stopping);

G_END_DECLS
