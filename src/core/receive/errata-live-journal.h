/* errata-live-journal.h: received spans in the project, and the traces
 * built from them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-otlp-request.h"

G_BEGIN_DECLS

/* The format the receiver's imports are recorded with (imports.format). */
#define ERRATA_LIVE_FORMAT "OTLP"

/* The source of every trace the receiver stores: with the OTLP trace id as
 * external id, (source, external id) names a live trace for good. */
#define ERRATA_LIVE_SOURCE "otlp-live"

/* The import a receiving session's traces are recorded in: made when its
 * first trace is added (in that trace's transaction: a caller rolling it
 * back sets `id` back to what it was). */
typedef struct
{
  const char *name;   /* "Live traces, 127.0.0.1:4318, 2026-12-04 15:40" */
  gint64      id;     /* 0 until made */
} ErrataLiveImport;

typedef enum
{
  ERRATA_LIVE_ADDED,        /* a new trace */
  ERRATA_LIVE_UPDATED,      /* late spans changed a stored trace */
  ERRATA_LIVE_UNCHANGED,    /* late spans that changed nothing */
  ERRATA_LIVE_NO_CONVERSATION,  /* its spans hold no conversation (yet) */
} ErrataLiveOutcome;

/* Journals `spans` (ErrataLiveSpan) in the project, in the caller's
 * transaction when there is one; a span already there (sent again) is
 * left out, its `journaled` FALSE. */
gboolean   errata_live_journal_append       (ErrataProject      *project,
                                             GPtrArray          *spans,
                                             GError            **error);
/* Whether the trace has journaled spans, and whether one is its root (or
 * it is stored already: its spans, root and all, are in the trace). */
gboolean   errata_live_journal_lookup       (ErrataProject      *project,
                                             const char         *trace_id,
                                             gboolean           *has_spans,
                                             gboolean           *has_root,
                                             gboolean           *is_stored,
                                             GError            **error);
/* The trace ids with spans not yet in a trace (after a restart: what the
 * last run journaled and did not convert). */
GPtrArray *errata_live_journal_pending      (ErrataProject      *project,
                                             GError            **error);
/* Builds the trace from all its journaled spans with the instrumentation
 * importer, and adds it (recorded in `import` when not NULL), or updates the stored one (its spans from the stored trace,
 * whose journal rows are gone, and the journal's); then prunes its rows
 * from the journal (not those of a trace with log records, whose joining
 * into spans cannot be redone). One transaction. `problem` (may be NULL)
 * says why a trace with ERRATA_LIVE_NO_CONVERSATION has none. */
gboolean   errata_live_journal_convert      (ErrataProject      *project,
                                             const char         *trace_id,
                                             ErrataLiveImport   *import,
                                             ErrataLiveOutcome  *outcome,
                                             char              **problem,
                                             GError            **error);
/* The same from `items` (JsonObject), every span of the trace as
 * errata_live_journal_append() journaled them, in arrival order: the
 * journal is not read back. In the caller's transaction, without a
 * savepoint of its own: when it fails, the caller rolls back. */
gboolean   errata_live_journal_convert_items (ErrataProject     *project,
                                              const char        *trace_id,
                                              GPtrArray         *items,
                                              ErrataLiveImport  *import,
                                              ErrataLiveOutcome *outcome,
                                              GError           **error);

/* A new trace built and its row's text made, on any thread: the writer
 * thread only inserts it (errata_live_journal_store_built). Its trees are
 * dropped once the row's text is made, so it holds no json-glib object
 * (the metadata shared the spans' `resource` and attribute values): it
 * may be freed on any thread, whoever holds the spans it was built from. */
typedef struct _ErrataLiveBuilt ErrataLiveBuilt;

ErrataLiveBuilt *errata_live_journal_build       (const char        *trace_id,
                                                  GPtrArray         *items);
void             errata_live_built_free          (ErrataLiveBuilt   *built);
/* FALSE when the spans held no conversation: nothing to store. */
gboolean         errata_live_built_has_trace     (ErrataLiveBuilt   *built);
gboolean         errata_live_journal_store_built (ErrataProject     *project,
                                                  const char        *trace_id,
                                                  GPtrArray         *items,
                                                  ErrataLiveBuilt   *built,
                                                  ErrataLiveImport  *import,
                                                  ErrataLiveOutcome *outcome,
                                                  GError           **error);

G_END_DECLS
