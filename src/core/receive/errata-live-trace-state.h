/* errata-live-trace-state.h: what the live writer knows of a trace whose
 * spans are not all stored yet.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-live-journal.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     last_seen;   /* monotonic, µs */
  gboolean   has_root;
  gboolean   stored;      /* a trace of this id is in the project */
  /* Every span of the trace, parsed, when the journal had none of it
   * before this run saw it: the trace is built from these without reading
   * the journal back. NULL: built from the journal. */
  GPtrArray *items;
  /* Built from `items` off the writer's thread, when new to the project. */
  ErrataLiveBuilt *built;
  /* Neither journaled nor stored when batch `looked_up_in` looked it up. */
  gboolean   fresh;
  guint64    looked_up_in;
  /* Stored straight from its batch, never journaled (errata-live-writer.c). */
  gboolean   direct;
  /* `built` is the build its request's decoding made. */
  gboolean   built_while_decoding;
  /* The bin of the thread that parsed every one of `items`, which frees
   * them (errata-live-bin.c); NULL: none, or more than one. */
  ErrataLiveBin *bin;
} ErrataLiveTraceState;

/* What the project says of the trace, in the writer's batch `batch`: its
 * journaled spans and root, whether it is stored. */
ErrataLiveTraceState *errata_live_trace_state_look_up   (ErrataProject        *project,
                                                         const char           *trace_id,
                                                         guint64               batch);
void                  errata_live_trace_state_free      (ErrataLiveTraceState *state);
/* One of its spans, once the batch's transaction ended (`written`: it was
 * committed). */
void                  errata_live_trace_state_note_span (ErrataLiveTraceState *state,
                                                         ErrataLiveSpan       *span,
                                                         gboolean              written,
                                                         gint64                now);
/* Complete: its root came, or nothing came for `idle_ms`. */
gboolean              errata_live_trace_state_is_ready  (ErrataLiveTraceState *state,
                                                         gint64                now,
                                                         guint                 idle_ms,
                                                         gboolean              stopping);
/* A reference to the span's parsed object into `items`, noting the bin
 * of the thread that parsed it. */
void                  errata_live_trace_state_add_item  (ErrataLiveTraceState *state,
                                                         ErrataLiveSpan       *span);
/* Back to the journal's way: journaled, then built when ready. */
void                  errata_live_trace_state_undo_direct (ErrataLiveTraceState *state);

G_END_DECLS
