/* errata-live-trace-state.c: what the live writer knows of a trace whose
 * spans are not all stored yet.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the writer thread touches a state, and the builder threads while
 * the writer waits for them.
 */

#include "config.h"

#include "errata-live-trace-state.h"

ErrataLiveTraceState *
errata_live_trace_state_look_up (ErrataProject *project,
                                 const char    *trace_id,
                                 guint64        batch)
{
  ErrataLiveTraceState *state = g_new0 (ErrataLiveTraceState, 1);
  gboolean has_spans = TRUE;

  if (!errata_live_journal_lookup (project, trace_id, &has_spans, &state->has_root, &state->stored, NULL))
    has_spans = state->stored = TRUE;
  if (!has_spans)
    state->items = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  state->fresh = !has_spans && !state->stored;
  state->looked_up_in = batch;
  return state;
}

void
errata_live_trace_state_free (ErrataLiveTraceState *state)
{
  g_clear_pointer (&state->built, errata_live_built_free);
  g_clear_pointer (&state->items, g_ptr_array_unref);
  g_free (state);
}

void
errata_live_trace_state_note_span (ErrataLiveTraceState *state,
                                   ErrataLiveSpan       *span,
                                   gboolean              written,
                                   gint64                now)
{
  if (!written)
    {
      /* The transaction failed: what the writer holds may not match the
       * journal any more. */
      g_clear_pointer (&state->items, g_ptr_array_unref);
      return;
    }
  if (state->direct)
    {
      /* Its items hold the span too: only one thread may change a
       * JsonObject's references, and the job is freed on the main one. */
      g_clear_pointer (&span->flat, json_object_unref);
      return;
    }
  if (!span->journaled)
    return;
  state->last_seen = now;
  state->has_root = state->has_root || span->root;
  /* Taken here, on the writer's thread: the span itself is freed on the
   * main thread, and a JsonObject's references are not atomic. */
  if (state->items != NULL)
    errata_live_trace_state_add_item (state, span);
  g_clear_pointer (&span->flat, json_object_unref);
}

/* A reference to the span's parsed object into `items`, on the writer's
 * thread, noting which thread's bin is to free it. */
void
errata_live_trace_state_add_item (ErrataLiveTraceState *state,
                                  ErrataLiveSpan       *span)
{
  g_ptr_array_add (state->items, json_object_ref (span->flat));
  /* Once NULL (two threads), it stays NULL: no span's bin is NULL. */
  if (state->items->len == 1)
    state->bin = span->bin;
  else if (state->bin != span->bin)
    state->bin = NULL;
}

gboolean
errata_live_trace_state_is_ready (ErrataLiveTraceState *state,
                                  gint64                now,
                                  guint                 idle_ms,
                                  gboolean              stopping)
{
  return stopping || state->has_root || now - state->last_seen >= (gint64)idle_ms * 1000;
}

void
errata_live_trace_state_undo_direct (ErrataLiveTraceState *state)
{
  state->direct = FALSE;
  state->built_while_decoding = FALSE;
  g_clear_pointer (&state->built, errata_live_built_free);
  g_ptr_array_set_size (state->items, 0);
  state->bin = NULL;
}
