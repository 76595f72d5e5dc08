/* errata-live-writer.h: the receiver's one writer thread.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _ErrataLiveWriter ErrataLiveWriter;

/* Running totals since the writer started. */
typedef struct
{
  guint64 spans_accepted;    /* stored or journaled */
  guint64 spans_journaled;   /* of them, journaled: not stored at once */
  guint64 traces_added;
  guint64 traces_updated;
  guint64 traces_without_conversation;   /* distinct traces built, but their spans
                                          * hold no messages (not since either) */
  guint64 traces_built_while_decoding;   /* of those added, the ones their
                                          * request's decoding built
                                          * (errata-live-prebuilt.c) */
} ErrataLiveCounts;

/* Called on the starting thread's main context once `spans` are journaled
 * (error NULL) or could not be (the project is read-only, the disk full). */
typedef void (*ErrataLiveDoneFunc)    (const GError           *error,
                                       gpointer                user_data);
/* Called on the same context after traces were stored or updated. */
typedef void (*ErrataLiveStoredFunc)  (const ErrataLiveCounts *counts,
                                       gpointer                user_data);

/* Opens the project anew on its own thread (its connection is the
 * thread's), converts what an earlier run left journaled, and waits for
 * spans. A trace is built once its root span is journaled, or after
 * `idle_ms` without a new span. The traces it adds are recorded as one
 * import named `import_name`, made with the first of them. */
ErrataLiveWriter *errata_live_writer_start       (GFile                 *project_file,
                                                  guint                  idle_ms,
                                                  const char            *import_name,
                                                  ErrataLiveStoredFunc   stored,
                                                  gpointer               user_data,
                                                  GError               **error);
/* On the thread decoding a request, before its spans are submitted: the
 * traces complete in it, and new to the writer, built there
 * (errata-live-prebuilt.c), to hand to errata_live_writer_submit(); NULL
 * when there is none. Any thread, as long as the writer runs. */
GPtrArray        *errata_live_writer_prebuild    (ErrataLiveWriter      *self,
                                                  GPtrArray             *spans);
/* Queues `spans` (ErrataLiveSpan, taken) for the journal, with what
 * errata_live_writer_prebuild() built of them (taken, may be NULL). */
void              errata_live_writer_submit      (ErrataLiveWriter      *self,
                                                  GPtrArray             *spans,
                                                  GPtrArray             *prebuilt,
                                                  ErrataLiveDoneFunc     done,
                                                  gpointer               user_data);
/* Spans of traces waiting for their root (or the idle time) kept parsed
 * in memory, at most: past it, traces are built from the journal
 * (default ERRATA_LIVE_DEFAULT_MAX_HELD). Set before spans come. */
#define ERRATA_LIVE_DEFAULT_MAX_HELD 20000
void              errata_live_writer_set_max_held (ErrataLiveWriter     *self,
                                                   guint                 max_held);
/* How many they keep now. */
guint             errata_live_writer_get_held    (ErrataLiveWriter      *self);
/* Spans submitted and not yet journaled: how far the writer is behind. */
guint             errata_live_writer_get_backlog (ErrataLiveWriter      *self);
/* Without waiting: the thread journals what is queued, builds every
 * trace still pending, closes the project and ends; then `stopped` runs on
 * the context (after the done and stored calls the thread queued), the
 * writer already freed. Its return value is not used. */
void              errata_live_writer_stop_async  (ErrataLiveWriter      *self,
                                                  GSourceFunc            stopped,
                                                  gpointer               user_data);

G_END_DECLS
