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
 * those quiet for the idle time. This file runs the thread: its queue, its
 * start and stop, the answers; errata-live-writer-store.c writes.
 */

#include "config.h"

#include "errata-live-writer-private.h"

#include "errata-project-imports.h"

#include <glib/gi18n-lib.h>

/* Requests journaled in one transaction, at most. */
#define MAX_BATCH 512

static void
job_free (ErrataLiveWriterJob *job)
{
  g_clear_pointer (&job->spans, g_ptr_array_unref);
  g_clear_pointer (&job->prebuilt, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static gboolean
run_done (gpointer data)
{
  ErrataLiveWriterJob *job = data;

  if (job->done != NULL)
    job->done (job->error, job->user_data);
  return G_SOURCE_REMOVE;
}

void
_errata_live_writer_set_known (ErrataLiveWriter *self,
                               const char       *trace_id,
                               gboolean          known)
{
  g_mutex_lock (&self->known_lock);
  if (known)
    g_hash_table_add (self->known, g_strdup (trace_id));
  else
    g_hash_table_remove (self->known, trace_id);
  g_mutex_unlock (&self->known_lock);
}

static gboolean
is_known (const char *trace_id,
          gpointer    user_data)
{
  ErrataLiveWriter *self = user_data;
  gboolean known;

  g_mutex_lock (&self->known_lock);
  known = g_hash_table_contains (self->known, trace_id);
  g_mutex_unlock (&self->known_lock);
  return known;
}

GPtrArray *
errata_live_writer_prebuild (ErrataLiveWriter *self,
                             GPtrArray        *spans)
{
  return errata_live_prebuild (spans, is_known, self);
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

void
_errata_live_writer_report_stored (ErrataLiveWriter *self)
{
  Stored *stored = g_new0 (Stored, 1);

  stored->func = self->stored;
  stored->user_data = self->user_data;
  stored->counts = self->counts;
  post_to_context (self, G_PRIORITY_DEFAULT, run_stored, stored, g_free);
}

static guint
n_held (ErrataLiveTraceState *state)
{
  return state->items != NULL && !state->direct ? state->items->len : 0;
}

/* A trace waiting for its root keeps its spans parsed, to be built
 * without reading the journal back. A root that comes late, or never (a
 * span open for the app's whole run), would keep them all in memory: past
 * `max_held` spans in all, a trace that gets another span lets go of its
 * parsed ones, and is built from the journal instead. */
static void
note_span (ErrataLiveWriter     *self,
           ErrataLiveTraceState *state,
           ErrataLiveSpan       *span,
           gboolean              written,
           gint64                now)
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
void
_errata_live_writer_release_held (ErrataLiveWriter *self,
                                  GPtrArray        *states)
{
  gint released = 0;

  for (guint i = 0; i < states->len; i++)
    released += (gint)n_held (states->pdata[i]);
  g_atomic_int_add (&self->held, -released);
}

/* Each span noted in its trace's state, each job answered (`written`: its
 * spans are on disk, or `error` says why not). */
void
_errata_live_writer_answer_jobs (ErrataLiveWriter *self,
                                 GPtrArray        *jobs,
                                 gboolean          written,
                                 const GError     *error)
{
  gint64 now = g_get_monotonic_time ();
  guint n_spans = 0;

  for (guint i = 0; i < jobs->len; i++)
    {
      ErrataLiveWriterJob *job = jobs->pdata[i];

      n_spans += job->spans->len;
      for (guint j = 0; j < job->spans->len; j++)
        {
          ErrataLiveSpan *span = job->spans->pdata[j];
          ErrataLiveTraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

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

/* A wait of the writer's queue at least this long that got nothing is
 * the receiver at rest, when the bins are emptied (errata-live-bin.c). */
#define IDLE_BEFORE_EMPTYING_BINS_US (G_USEC_PER_SEC / 10)

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
      ErrataLiveTraceState *state = value;
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
      ErrataLiveTraceState *state = g_new0 (ErrataLiveTraceState, 1);

      /* Whatever a crash left: nothing more of it may ever come. */
      state->has_root = TRUE;
      g_hash_table_insert (self->traces, g_strdup (pending->pdata[i]), state);
      _errata_live_writer_set_known (self, pending->pdata[i], TRUE);
    }
  _errata_live_writer_convert_ready (self, TRUE);
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

  if (!_errata_live_writer_record_import (self, &self->counts, TRUE, &error))
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
      guint64 wait = wait_us (self);
      ErrataLiveWriterJob *job = g_async_queue_timeout_pop (self->queue, wait);

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
        _errata_live_writer_journal_jobs (self, jobs);
      _errata_live_writer_convert_ready (self, FALSE);
      /* Nothing came for a while (not a wait cut short by traces due):
       * what the decoding threads did not free since goes now, so memory
       * goes back after a burst. */
      if (jobs->len == 0 && wait >= IDLE_BEFORE_EMPTYING_BINS_US && self->bins_given)
        {
          errata_live_builders_empty_bins (self->builders);
          self->bins_given = FALSE;
        }
    }
  _errata_live_writer_convert_ready (self, TRUE);
  errata_live_builders_empty_bins (self->builders);
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
  g_mutex_init (&self->known_lock);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
                           GPtrArray          *prebuilt,
                           ErrataLiveDoneFunc  done,
                           gpointer            user_data)
{
  ErrataLiveWriterJob *job = g_new0 (ErrataLiveWriterJob, 1);

  job->spans = spans;
  job->prebuilt = prebuilt;
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
  g_async_queue_push (self->queue, g_new0 (ErrataLiveWriterJob, 1));
}

static void
writer_free (ErrataLiveWriter *self)
{
  g_async_queue_unref (self->queue);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->known_lock);
  g_hash_table_unref (self->known);
  g_object_unref (self->file);
  g_free (self->import_name);
  g_free (self);
}
