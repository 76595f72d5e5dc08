/* errata-live-writer.c: the receiver's one writer thread.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTTP handler never writes: it queues the decoded spans here and
 * answers once the writer says they are journaled. The writer takes every
 * request queued meanwhile into one transaction (a commit per request would
 * make the receiver as slow as the disk's flushes), answers them all, then
 * builds the traces that are complete: those whose root span arrived, and
 * those quiet for the idle time.
 */

#include "config.h"

#include "errata-live-writer.h"
#include "errata-live-builders.h"
#include "errata-live-journal.h"
#include "errata-live-trace-state.h"

#include "errata-otlp-request.h"
#include "errata-project-imports.h"

#include <glib/gi18n-lib.h>

/* Requests journaled in one transaction, at most. */
#define MAX_BATCH 512
/* Traces built between two looks at the queue, so that a burst of complete
 * traces does not hold up the next requests' answers. */
#define MAX_CONVERSIONS 2000

typedef struct
{
  GPtrArray          *spans;   /* NULL: the stop request */
  ErrataLiveDoneFunc  done;
  gpointer            user_data;
  GError             *error;
} Job;

/* What the writer knows of a trace with spans not yet in a trace. */
typedef ErrataLiveTraceState TraceState;

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

  /* The writer thread's own. */
  ErrataProject       *project;
  GHashTable          *traces;   /* trace id -> TraceState */
  ErrataLiveCounts     counts;
  guint64              n_batches;
  char                *import_name;
  ErrataLiveImport     import;   /* this session's record in the imports */
  ErrataLiveBuilders  *builders; /* build, make journal text, free: off the writer */
  /* The ids of the traces built without a conversation this session and
   * not since with one: a trace is built again with each late span (or an
   * exporter's retry), and its log events may bring the conversation
   * later, so the count shown is of this set, not of the builds. */
  GHashTable          *without_conversation;
};

static void
job_free (Job *job)
{
  g_clear_pointer (&job->spans, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static gboolean
run_done (gpointer data)
{
  Job *job = data;

  if (job->done != NULL)
    job->done (job->error, job->user_data);
  return G_SOURCE_REMOVE;
}

/* Holds the callback itself, not the writer: it may run after the writer
 * is gone (the receiver dispatches what is left when it stops). */
typedef struct
{
  ErrataLiveStoredFunc func;
  gpointer             user_data;
  ErrataLiveCounts     counts;
} Stored;

/* Always through a source, never called here: g_main_context_invoke()
 * would run `func` on the writer thread whenever it could acquire the
 * context, which it can between two iterations of a loop driven by
 * g_main_context_iteration() (the receiver's stop, the tests), and the
 * HTTP answers are not the writer's to touch. */
static void
post_to_context (ErrataLiveWriter *self,
                 int               priority,
                 GSourceFunc       func,
                 gpointer          data,
                 GDestroyNotify    destroy)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[errata] live writer");
  g_source_attach (source, self->context);
}

static gboolean
run_stored (gpointer data)
{
  Stored *stored = data;

  if (stored->func != NULL)
    stored->func (&stored->counts, stored->user_data);
  return G_SOURCE_REMOVE;
}

static void
report_stored (ErrataLiveWriter *self)
{
  Stored *stored = g_new0 (Stored, 1);

  stored->func = self->stored;
  stored->user_data = self->user_data;
  stored->counts = self->counts;
  post_to_context (self, G_PRIORITY_DEFAULT, run_stored, stored, g_free);
}

/* Before the spans of a trace new to the writer go in: whether the
 * journal already holds some (a late span), and its root. */
static void
look_up_trace (ErrataLiveWriter *self,
               ErrataLiveSpan   *span)
{
  if (g_hash_table_contains (self->traces, span->trace_id))
    return;
  g_hash_table_insert (self->traces, g_strdup (span->trace_id),
                       errata_live_trace_state_look_up (self->project, span->trace_id, self->n_batches));
}

/* The session's import row gets its count of traces as they are added
 * (a kill -9 leaves it right), and its end when the writer stops. */
static gboolean
record_import (ErrataLiveWriter        *self,
               const ErrataLiveCounts  *counts,
               gboolean                 finished,
               GError                 **error)
{
  if (self->import.id == 0)
    return TRUE;
  return errata_project_finish_import (self->project, self->import.id, finished, ERRATA_LIVE_FORMAT,
                                       (gint64)counts->traces_added, 0, error);
}

static void
count_outcome (ErrataLiveCounts  *counts,
               ErrataLiveOutcome  outcome)
{
  if (outcome == ERRATA_LIVE_ADDED)
    counts->traces_added++;
  else if (outcome == ERRATA_LIVE_UPDATED)
    counts->traces_updated++;
}

/* Once the transaction that built them is committed: each of `ids` with
 * its outcome, in `outcomes`. */
static void
note_conversations (ErrataLiveWriter *self,
                    GPtrArray        *ids,
                    GArray           *outcomes)
{
  for (guint i = 0; i < ids->len; i++)
    {
      ErrataLiveOutcome outcome = g_array_index (outcomes, ErrataLiveOutcome, i);

      if (outcome == ERRATA_LIVE_NO_CONVERSATION)
        g_hash_table_add (self->without_conversation, g_strdup (ids->pdata[i]));
      else if (outcome == ERRATA_LIVE_ADDED || outcome == ERRATA_LIVE_UPDATED)
        g_hash_table_remove (self->without_conversation, ids->pdata[i]);
    }
  self->counts.traces_without_conversation = g_hash_table_size (self->without_conversation);
}

/* Builds one trace; with `savepoint`, in a savepoint of its own, so that
 * a failure leaves the others of the transaction alone. */
static gboolean
convert_one (ErrataLiveWriter   *self,
             const char         *trace_id,
             TraceState         *state,
             gboolean            savepoint,
             ErrataLiveOutcome  *outcome,
             GError            **error)
{
  gboolean ok;

  if (state->items == NULL)
    /* Read back from the journal: a savepoint of its own anyway. */
    return errata_live_journal_convert (self->project, trace_id, &self->import, outcome, NULL, error);
  if (savepoint && !errata_project_begin (self->project, error))
    return FALSE;
  if (state->built != NULL)
    ok = errata_live_journal_store_built (self->project, trace_id, state->items, state->built,
                                          &self->import, outcome, error);
  else
    ok = errata_live_journal_convert_items (self->project, trace_id, state->items, &self->import,
                                            outcome, error);
  if (savepoint && ok)
    return errata_project_commit (self->project, error);
  if (savepoint)
    errata_project_rollback (self->project);
  return ok;
}

/* The traces in `ready` in one transaction. Without `savepoints`, the
 * first failure rolls the whole transaction back and returns FALSE (the
 * caller tries again with them); with, a trace that fails is left in the
 * journal (the next start builds it) and the others are stored. The
 * counts change only once the transaction is committed. */
static gboolean
convert_batch (ErrataLiveWriter *self,
               GPtrArray        *ready,
               GPtrArray        *states,
               gboolean          savepoints,
               gboolean         *changed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GArray) outcomes = g_array_new (FALSE, FALSE, sizeof (ErrataLiveOutcome));
  ErrataLiveCounts counts = self->counts;
  gint64 import_id = self->import.id;
  gboolean stored = FALSE;

  if (!errata_project_begin (self->project, &error))
    {
      g_warning ("Received traces are kept in the journal: %s", error->message);
      return TRUE;
    }
  for (guint i = 0; i < ready->len; i++)
    {
      ErrataLiveOutcome outcome;

      if (!convert_one (self, ready->pdata[i], states->pdata[i], savepoints, &outcome, &error))
        {
          if (!savepoints)
            {
              errata_project_rollback (self->project);
              self->import.id = import_id;
              return FALSE;
            }
          /* Its spans stay journaled: the next start builds it. */
          g_warning ("Could not store received trace %s: %s", (char *)ready->pdata[i], error->message);
          g_clear_error (&error);
          continue;
        }
      /* A trace without a conversation changes the counts shown too. */
      stored = stored || outcome != ERRATA_LIVE_UNCHANGED;
      count_outcome (&counts, outcome);
      g_ptr_array_add (ids, ready->pdata[i]);
      g_array_append_val (outcomes, outcome);
    }
  if (!record_import (self, &counts, FALSE, &error))
    errata_project_rollback (self->project);
  /* A failed commit rolls back itself. */
  if (error != NULL || !errata_project_commit (self->project, &error))
    {
      self->import.id = import_id;
      g_warning ("Received traces are kept in the journal: %s", error->message);
      return TRUE;
    }
  self->counts = counts;
  note_conversations (self, ids, outcomes);
  *changed = stored;
  return TRUE;
}

/* Building a trace and writing its row's text took half of the writer's
 * time: the traces new to the project are built on the builder threads,
 * all processors at once, and the writer only inserts them. It waits for
 * them (errata-live-builders.c). A trace already stored is rebuilt here,
 * with its stored spans. */
static void
build_off_writer (ErrataLiveWriter *self,
                  GPtrArray        *ready,
                  GPtrArray        *states)
{
  g_autoptr(GArray) jobs = g_array_new (FALSE, FALSE, sizeof (ErrataLiveBuildJob));
  g_autoptr(GPtrArray) built = g_ptr_array_new ();

  for (guint i = 0; i < ready->len; i++)
    {
      TraceState *state = states->pdata[i];
      ErrataLiveBuildJob job = { ready->pdata[i], state->items, NULL };

      if (state->items == NULL || state->stored || state->built != NULL)
        continue;
      g_array_append_val (jobs, job);
      g_ptr_array_add (built, state);
    }
  if (jobs->len == 0)
    return;
  errata_live_builders_build (self->builders, jobs);
  for (guint i = 0; i < jobs->len; i++)
    ((TraceState *)built->pdata[i])->built = g_array_index (jobs, ErrataLiveBuildJob, i).built;
}

/* ---- A batch of requests: journaled, or stored at once ---- */

/* The spans of the batch's direct traces into their items, a span sent
 * twice once, as the journal keeps it. */
static void
fill_direct_items (ErrataLiveWriter *self,
                   GPtrArray        *jobs)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new ();

  for (guint i = 0; i < jobs->len; i++)
    {
      GPtrArray *job_spans = ((Job *)jobs->pdata[i])->spans;

      for (guint j = 0; j < job_spans->len; j++)
        {
          ErrataLiveSpan *span = job_spans->pdata[j];
          TraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

          if (state->direct)
            g_ptr_array_add (spans, span);
        }
    }
  errata_live_spans_mark_repeats (spans);
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];
      TraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

      if (span->journaled)
        g_ptr_array_add (state->items, json_object_ref (span->flat));
    }
}

/* The batch's traces that can be stored without going through the
 * journal: new to the project and the journal when this batch looked them
 * up, with their root span in the batch, so that all their spans are here
 * and they are ready anyway (errata_live_trace_state_is_ready). Their
 * `items` get the batch's spans, a span sent twice once, as the journal
 * would keep them. */
static void
find_direct (ErrataLiveWriter *self,
             GPtrArray        *jobs,
             GPtrArray        *ids,
             GPtrArray        *states)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      GPtrArray *spans = ((Job *)jobs->pdata[i])->spans;

      for (guint j = 0; j < spans->len; j++)
        {
          ErrataLiveSpan *span = spans->pdata[j];
          gpointer id;
          TraceState *state;

          if (!span->root || !g_hash_table_lookup_extended (self->traces, span->trace_id, &id, (gpointer *)&state)
              || state->looked_up_in != self->n_batches || !state->fresh || state->direct)
            continue;
          state->direct = TRUE;
          g_ptr_array_add (ids, id);
          g_ptr_array_add (states, state);
        }
    }
  if (ids->len > 0)
    fill_direct_items (self, jobs);
}

/* A trace whose spans hold no conversation yet is not stored: its spans
 * must wait in the journal for the ones that may bring it. */
static void
keep_storable (GPtrArray *ids,
               GPtrArray *states)
{
  for (guint i = states->len; i-- > 0;)
    {
      TraceState *state = states->pdata[i];

      if (state->built != NULL && errata_live_built_has_trace (state->built))
        continue;
      errata_live_trace_state_undo_direct (state);
      g_ptr_array_remove_index (ids, i);
      g_ptr_array_remove_index (states, i);
    }
}

/* The batch's spans but those of traces stored directly, their journal
 * text made. */
static GPtrArray *
spans_to_journal (ErrataLiveWriter *self,
                  GPtrArray        *jobs)
{
  GPtrArray *spans = g_ptr_array_new ();

  for (guint i = 0; i < jobs->len; i++)
    {
      GPtrArray *job_spans = ((Job *)jobs->pdata[i])->spans;

      for (guint j = 0; j < job_spans->len; j++)
        {
          ErrataLiveSpan *span = job_spans->pdata[j];
          TraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

          if (state == NULL || !state->direct)
            g_ptr_array_add (spans, span);
        }
    }
  errata_live_builders_prepare_bodies (self->builders, spans);
  return spans;
}

static gboolean
journal_spans (ErrataLiveWriter  *self,
               GPtrArray         *spans,
               guint             *n_journaled,
               GError           **error)
{
  *n_journaled = 0;
  if (spans->len > 0 && !errata_live_journal_append (self->project, spans, error))
    return FALSE;
  /* A span sent again is not journaled twice. */
  for (guint i = 0; i < spans->len; i++)
    *n_journaled += ((ErrataLiveSpan *)spans->pdata[i])->journaled;
  return TRUE;
}

static gboolean
store_direct (ErrataLiveWriter  *self,
              GPtrArray         *ids,
              GPtrArray         *states,
              ErrataLiveCounts  *counts,
              GError           **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      ErrataLiveOutcome outcome;

      if (!convert_one (self, ids->pdata[i], states->pdata[i], FALSE, &outcome, error))
        return FALSE;
      count_outcome (counts, outcome);
    }
  return ids->len == 0 || record_import (self, counts, FALSE, error);
}

/* One try at writing a batch in one transaction: the spans to journal
 * journaled, the traces to store at once stored. */
static gboolean
write_batch (ErrataLiveWriter  *self,
             GPtrArray         *jobs,
             GPtrArray         *ids,
             GPtrArray         *states,
             ErrataLiveCounts  *counts,
             guint             *n_journaled,
             GError           **error)
{
  g_autoptr(GPtrArray) journaled = spans_to_journal (self, jobs);
  gboolean began = errata_project_begin (self->project, error);

  if (began && journal_spans (self, journaled, n_journaled, error)
      && store_direct (self, ids, states, counts, error))
    return errata_project_commit (self->project, error);
  if (began)
    errata_project_rollback (self->project);
  return FALSE;
}

static guint
n_held (TraceState *state)
{
  return state->items != NULL && !state->direct ? state->items->len : 0;
}

/* A trace waiting for its root keeps its spans parsed, to be built
 * without reading the journal back. A root that comes late, or never (a
 * span open for the app's whole run), would keep them all in memory: past
 * `max_held` spans in all, a trace that gets another span lets go of its
 * parsed ones, and is built from the journal instead. */
static void
note_span (ErrataLiveWriter *self,
           TraceState       *state,
           ErrataLiveSpan   *span,
           gboolean          written,
           gint64            now)
{
  guint before = n_held (state);
  gint held;

  errata_live_trace_state_note_span (state, span, written, now);
  held = g_atomic_int_get (&self->held) + (gint)n_held (state) - (gint)before;
  if ((guint)held > self->max_held && n_held (state) > 0)
    {
      held -= (gint)n_held (state);
      g_clear_pointer (&state->items, g_ptr_array_unref);
    }
  g_atomic_int_set (&self->held, held);
}

/* The waiting traces in `states` are leaving the writer's table. */
static void
release_held (ErrataLiveWriter *self,
              GPtrArray        *states)
{
  gint released = 0;

  for (guint i = 0; i < states->len; i++)
    released += (gint)n_held (states->pdata[i]);
  g_atomic_int_add (&self->held, -released);
}

/* Each span noted in its trace's state, each job answered (`written`: its
 * spans are on disk, or `error` says why not). */
static void
answer_jobs (ErrataLiveWriter *self,
             GPtrArray        *jobs,
             gboolean          written,
             const GError     *error)
{
  gint64 now = g_get_monotonic_time ();
  guint n_spans = 0;

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = jobs->pdata[i];

      n_spans += job->spans->len;
      for (guint j = 0; j < job->spans->len; j++)
        {
          ErrataLiveSpan *span = job->spans->pdata[j];
          TraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

          if (state != NULL)
            note_span (self, state, span, written, now);
          else
            g_clear_pointer (&span->flat, json_object_unref);
        }
      if (written)
        self->counts.spans_accepted += job->spans->len;
      else
        job->error = g_error_copy (error);
    }
  g_atomic_int_add (&self->backlog, -(gint)n_spans);
  for (guint i = 0; i < jobs->len; i++)
    post_to_context (self, G_PRIORITY_DEFAULT, run_done, jobs->pdata[i], (GDestroyNotify)job_free);
  g_ptr_array_set_free_func (jobs, NULL);
}

/* The traces stored at once leave the writer's table; the sweeper frees
 * them. */
static void
forget_stored (ErrataLiveWriter *self,
               GPtrArray        *ids,
               GPtrArray        *states)
{
  GPtrArray *stored = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_live_trace_state_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_hash_table_steal (self->traces, ids->pdata[i]);
      g_free (ids->pdata[i]);
      g_ptr_array_add (stored, states->pdata[i]);
    }
  errata_live_builders_sweep (self->builders, stored);
}

/* All of `jobs` in one transaction; each is answered either way, and only
 * then: a 200 means the spans are on disk. A trace complete in the batch
 * (its root span with it, nothing of it seen before: most traces, as an
 * exporter sends a trace's spans together) is built at once and stored in
 * the same transaction, never journaled: writing each span into the
 * journal and deleting it a moment later was a third of the writer's
 * pages. Should storing fail, the batch is journaled the usual way. */
static void
journal_jobs (ErrataLiveWriter *self,
              GPtrArray        *jobs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  ErrataLiveCounts counts = self->counts;
  gint64 import_id = self->import.id;
  guint n_journaled = 0;
  gboolean ok;

  /* Looked up and built before the write transaction, so that the window
   * and other connections are not kept waiting meanwhile; storing checks
   * again that the trace is not stored (errata_live_journal_store_built). */
  self->n_batches++;
  for (guint i = 0; i < jobs->len; i++)
    {
      GPtrArray *spans = ((Job *)jobs->pdata[i])->spans;

      for (guint j = 0; j < spans->len; j++)
        look_up_trace (self, spans->pdata[j]);
    }
  find_direct (self, jobs, ids, states);
  build_off_writer (self, ids, states);
  keep_storable (ids, states);

  ok = write_batch (self, jobs, ids, states, &counts, &n_journaled, &error);
  if (!ok && ids->len > 0)
    {
      g_debug ("Received traces go through the journal: storing them at once failed: %s", error->message);
      g_clear_error (&error);
      self->import.id = import_id;
      counts = self->counts;
      for (guint i = 0; i < states->len; i++)
        errata_live_trace_state_undo_direct (states->pdata[i]);
      g_ptr_array_set_size (ids, 0);
      ok = write_batch (self, jobs, ids, states, &counts, &n_journaled, &error);
    }
  if (ok)
    {
      self->counts = counts;
      self->counts.spans_journaled += n_journaled;
    }
  answer_jobs (self, jobs, ok, error);
  if (ok && ids->len > 0)
    {
      forget_stored (self, ids, states);
      report_stored (self);
    }
}

/* Builds the complete traces, all in one transaction. */
static void
convert_ready (ErrataLiveWriter *self,
               gboolean          stopping)
{
  g_autoptr(GPtrArray) ready = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_live_trace_state_free);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->traces);
  while (g_hash_table_iter_next (&iter, &key, &value)
         && (stopping || ready->len < MAX_CONVERSIONS))
    if (errata_live_trace_state_is_ready (value, now, self->idle_ms, stopping))
      {
        g_ptr_array_add (ready, g_strdup (key));
        g_ptr_array_add (states, value);
        g_hash_table_iter_steal (&iter);
        g_free (key);
      }
  if (ready->len == 0)
    return;
  release_held (self, states);
  build_off_writer (self, ready, states);
  /* One savepoint per trace would cost a search index segment per trace
   * (FTS5 writes its pending index at every savepoint): the whole batch
   * goes without, and only when one fails is it done again trace by
   * trace, so that the failing one alone stays in the journal. */
  if (!convert_batch (self, ready, states, FALSE, &changed))
    convert_batch (self, ready, states, TRUE, &changed);
  /* Freeing a batch's parsed spans took a sixth of the writer's time;
   * nothing else holds them now (the traces built from them are freed). */
  errata_live_builders_sweep (self->builders, g_steal_pointer (&states));
  if (changed || stopping)
    report_stored (self);
}

/* How long the queue may be waited on: until the first idle trace is due. */
static guint64
wait_us (ErrataLiveWriter *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wait = G_USEC_PER_SEC;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->traces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TraceState *state = value;
      gint64 due = state->has_root ? 0 : state->last_seen + (gint64)self->idle_ms * 1000 - now;

      wait = MIN (wait, MAX (due, 0));
    }
  return wait;
}

static void
replay_journal (ErrataLiveWriter *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = errata_live_journal_pending (self->project, &error);

  if (pending == NULL)
    {
      g_warning ("Could not read the received spans journal: %s", error->message);
      return;
    }
  for (guint i = 0; i < pending->len; i++)
    {
      TraceState *state = g_new0 (TraceState, 1);

      /* Whatever a crash left: nothing more of it may ever come. */
      state->has_root = TRUE;
      g_hash_table_insert (self->traces, g_strdup (pending->pdata[i]), state);
    }
  convert_ready (self, TRUE);
}

static gboolean
open_project (ErrataLiveWriter *self)
{
  GError *error = NULL;

  self->project = errata_project_open (self->file, ERRATA_PROJECT_OPEN_NONE, &error);
  if (self->project != NULL && errata_project_is_read_only (self->project))
    {
      g_clear_object (&self->project);
      g_set_error_literal (&error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY,
                           /* Translators: said when live traces cannot be received. */
                           _("The project is read-only: received traces could not be stored."));
    }
  g_mutex_lock (&self->mutex);
  self->start_error = error;
  self->started = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  return self->project != NULL;
}

static void
record_end (ErrataLiveWriter *self)
{
  g_autoptr(GError) error = NULL;

  if (!record_import (self, &self->counts, TRUE, &error))
    g_warning ("Could not record the end of receiving traces: %s", error->message);
}

static void writer_free (ErrataLiveWriter *self);

/* On the context, once the thread has ended its work. */
static gboolean
finish_stop (gpointer data)
{
  ErrataLiveWriter *self = data;
  GSourceFunc stopped = self->stopped;
  gpointer stopped_data = self->stopped_data;

  g_thread_join (self->thread);
  self->thread = NULL;
  writer_free (self);
  stopped (stopped_data);
  return G_SOURCE_REMOVE;
}

static gpointer
writer_thread (gpointer data)
{
  ErrataLiveWriter *self = data;
  gboolean stopping = FALSE;

  if (!open_project (self))
    return NULL;
  self->traces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)errata_live_trace_state_free);
  self->without_conversation = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->builders = errata_live_builders_new ();
  replay_journal (self);

  while (!stopping || g_async_queue_length (self->queue) > 0)
    {
      g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)job_free);
      Job *job = g_async_queue_timeout_pop (self->queue, wait_us (self));

      while (job != NULL)
        {
          if (job->spans == NULL)
            {
              stopping = TRUE;
              job_free (job);
            }
          else
            g_ptr_array_add (jobs, job);
          job = jobs->len < MAX_BATCH ? g_async_queue_try_pop (self->queue) : NULL;
        }
      if (jobs->len > 0)
        journal_jobs (self, jobs);
      convert_ready (self, FALSE);
    }
  convert_ready (self, TRUE);
  record_end (self);
  g_clear_pointer (&self->builders, errata_live_builders_free);
  g_hash_table_unref (self->traces);
  g_hash_table_unref (self->without_conversation);
  errata_project_close (self->project);
  g_clear_object (&self->project);
  /* After the done and stored calls this thread posted before, while
   * the writer and its caller are still there: a context dispatches
   * sources of one priority in the order they were attached. (Not a
   * lower priority: a GTK animation, the bar's spinner, starves those.) */
  if (self->stopped != NULL)
    post_to_context (self, G_PRIORITY_DEFAULT, finish_stop, self, NULL);
  return NULL;
}

ErrataLiveWriter *
errata_live_writer_start (GFile                 *project_file,
                          guint                  idle_ms,
                          const char            *import_name,
                          ErrataLiveStoredFunc   stored,
                          gpointer               user_data,
                          GError               **error)
{
  ErrataLiveWriter *self = g_new0 (ErrataLiveWriter, 1);

  self->file = g_object_ref (project_file);
  self->idle_ms = idle_ms;
  self->max_held = ERRATA_LIVE_DEFAULT_MAX_HELD;
  self->import_name = g_strdup (import_name);
  self->import.name = self->import_name;
  self->stored = stored;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  self->queue = g_async_queue_new ();
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  /* At most 15 characters: the kernel cuts a thread's name there. */
  self->thread = g_thread_new ("live-writer", writer_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
  if (self->start_error != NULL)
    {
      g_propagate_error (error, self->start_error);
      self->start_error = NULL;
      g_thread_join (self->thread);
      self->thread = NULL;
      writer_free (self);
      return NULL;
    }
  return self;
}

void
errata_live_writer_submit (ErrataLiveWriter   *self,
                           GPtrArray          *spans,
                           ErrataLiveDoneFunc  done,
                           gpointer            user_data)
{
  Job *job = g_new0 (Job, 1);

  job->spans = spans;
  job->done = done;
  job->user_data = user_data;
  g_atomic_int_add (&self->backlog, (gint)spans->len);
  g_async_queue_push (self->queue, job);
}

void
errata_live_writer_set_max_held (ErrataLiveWriter *self,
                                 guint             max_held)
{
  self->max_held = max_held;
}

guint
errata_live_writer_get_held (ErrataLiveWriter *self)
{
  return (guint)MAX (g_atomic_int_get (&self->held), 0);
}

guint
errata_live_writer_get_backlog (ErrataLiveWriter *self)
{
  return (guint)MAX (g_atomic_int_get (&self->backlog), 0);
}

void
errata_live_writer_stop_async (ErrataLiveWriter *self,
                               GSourceFunc       stopped,
                               gpointer          user_data)
{
  g_return_if_fail (self != NULL && self->thread != NULL && stopped != NULL);

  /* Read by the thread only after it has popped the job below. */
  self->stopped = stopped;
  self->stopped_data = user_data;
  g_async_queue_push (self->queue, g_new0 (Job, 1));
}

static void
writer_free (ErrataLiveWriter *self)
{
  g_async_queue_unref (self->queue);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_object_unref (self->file);
  g_free (self->import_name);
  g_free (self);
}
