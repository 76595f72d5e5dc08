/* errata-live-writer-store.c: what the live writer's thread writes.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch of requests goes in one transaction: the spans of the traces
 * complete in it are built and stored at once, the others journaled.
 * Then the traces that became complete (their root arrived, or they were
 * quiet for the idle time) are built from what the writer holds of them,
 * or from the journal.
 */

#include "config.h"

#include "errata-live-writer-private.h"

#include "errata-otlp-request.h"
#include "errata-project-imports.h"

/* Traces built between two looks at the queue, so that a burst of complete
 * traces does not hold up the next requests' answers. */
#define MAX_CONVERSIONS 2000

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
  _errata_live_writer_set_known (self, span->trace_id, TRUE);
}

/* The session's import row gets its count of traces as they are added
 * (a kill -9 leaves it right), and its end when the writer stops. */
gboolean
_errata_live_writer_record_import (ErrataLiveWriter        *self,
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
convert_one (ErrataLiveWriter      *self,
             const char            *trace_id,
             ErrataLiveTraceState  *state,
             gboolean               savepoint,
             ErrataLiveOutcome     *outcome,
             GError               **error)
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
      gint64 import_before = self->import.id;
      ErrataLiveOutcome outcome;

      if (!convert_one (self, ready->pdata[i], states->pdata[i], savepoints, &outcome, &error))
        {
          if (!savepoints)
            {
              errata_project_rollback (self->project);
              self->import.id = import_id;
              return FALSE;
            }
          /* The session's import row, if this trace made it, went with
           * its savepoint: the next trace makes it again. */
          self->import.id = import_before;
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
  if (!_errata_live_writer_record_import (self, &counts, FALSE, &error))
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
 * them (errata-live-builders.c). Most direct traces come built already by
 * their request's decoding (errata-live-prebuilt.c), which runs while the
 * writer inserts: only the others wait here. A trace already stored is
 * rebuilt here, with its stored spans. */
static void
build_off_writer (ErrataLiveWriter *self,
                  GPtrArray        *ready,
                  GPtrArray        *states)
{
  g_autoptr(GArray) jobs = g_array_new (FALSE, FALSE, sizeof (ErrataLiveBuildJob));
  g_autoptr(GPtrArray) built = g_ptr_array_new ();

  for (guint i = 0; i < ready->len; i++)
    {
      ErrataLiveTraceState *state = states->pdata[i];
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
    ((ErrataLiveTraceState *)built->pdata[i])->built = g_array_index (jobs, ErrataLiveBuildJob, i).built;
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
      GPtrArray *job_spans = ((ErrataLiveWriterJob *)jobs->pdata[i])->spans;

      for (guint j = 0; j < job_spans->len; j++)
        {
          ErrataLiveSpan *span = job_spans->pdata[j];
          ErrataLiveTraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

          if (state->direct)
            g_ptr_array_add (spans, span);
        }
    }
  errata_live_spans_mark_repeats (spans);
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];
      ErrataLiveTraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

      if (span->journaled)
        errata_live_trace_state_add_item (state, span);
    }
}

/* The build its decoding thread made of the trace `root` made direct,
 * if it made one: `prebuilt` holds them in the order of their roots, and
 * `next` walks it along the job's spans. */
static ErrataLivePrebuilt *
prebuilt_of (GPtrArray      *prebuilt,
             guint          *next,
             ErrataLiveSpan *root)
{
  ErrataLivePrebuilt *found;

  if (prebuilt == NULL || *next >= prebuilt->len
      || (found = prebuilt->pdata[*next])->root != root)
    return NULL;
  (*next)++;
  return found;
}

/* Each direct trace takes the build its decoding thread made, when that
 * was made of exactly the spans it has (`made`: one per state, or NULL);
 * errata-live-prebuilt.c. */
static void
take_prebuilt (GPtrArray *states,
               GPtrArray *made)
{
  for (guint i = 0; i < states->len; i++)
    {
      ErrataLiveTraceState *state = states->pdata[i];

      if (made->pdata[i] != NULL)
        state->built = errata_live_prebuilt_take_built (made->pdata[i], state->items);
      state->built_while_decoding = state->built != NULL;
    }
}

/* The batch's traces that can be stored without going through the
 * journal: new to the project and the journal when this batch looked them
 * up, with their root span in the batch, so that all their spans are here
 * and they are ready anyway (errata_live_trace_state_is_ready). Their
 * `items` get the batch's spans, a span sent twice once, as the journal
 * would keep them, and the build their request's decoding made of them
 * when it is of the same spans. */
static void
find_direct (ErrataLiveWriter *self,
             GPtrArray        *jobs,
             GPtrArray        *ids,
             GPtrArray        *states)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new ();

  for (guint i = 0; i < jobs->len; i++)
    {
      ErrataLiveWriterJob *job = jobs->pdata[i];
      guint next = 0;

      for (guint j = 0; j < job->spans->len; j++)
        {
          ErrataLiveSpan *span = job->spans->pdata[j];
          ErrataLivePrebuilt *prebuilt = span->root ? prebuilt_of (job->prebuilt, &next, span) : NULL;
          gpointer id;
          ErrataLiveTraceState *state;

          if (!span->root || !g_hash_table_lookup_extended (self->traces, span->trace_id, &id, (gpointer *)&state)
              || state->looked_up_in != self->n_batches || !state->fresh || state->direct)
            continue;
          state->direct = TRUE;
          g_ptr_array_add (ids, id);
          g_ptr_array_add (states, state);
          g_ptr_array_add (made, prebuilt);
        }
    }
  if (ids->len == 0)
    return;
  fill_direct_items (self, jobs);
  take_prebuilt (states, made);
}

/* A trace whose spans hold no conversation yet is not stored: its spans
 * must wait in the journal for the ones that may bring it. */
static void
keep_storable (GPtrArray *ids,
               GPtrArray *states)
{
  for (guint i = states->len; i-- > 0;)
    {
      ErrataLiveTraceState *state = states->pdata[i];

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
      GPtrArray *job_spans = ((ErrataLiveWriterJob *)jobs->pdata[i])->spans;

      for (guint j = 0; j < job_spans->len; j++)
        {
          ErrataLiveSpan *span = job_spans->pdata[j];
          ErrataLiveTraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

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
      ErrataLiveTraceState *state = states->pdata[i];
      ErrataLiveOutcome outcome;

      if (!convert_one (self, ids->pdata[i], state, FALSE, &outcome, error))
        return FALSE;
      count_outcome (counts, outcome);
      if (outcome == ERRATA_LIVE_ADDED && state->built_while_decoding)
        counts->traces_built_while_decoding++;
    }
  return ids->len == 0 || _errata_live_writer_record_import (self, counts, FALSE, error);
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

/* Traces the writer is done with, freed off its thread: by the thread
 * that parsed their spans, when one did (errata-live-bin.c), else by the
 * sweeper. Takes `states`. */
static void
free_states (ErrataLiveWriter *self,
             GPtrArray        *states)
{
  GPtrArray *rest = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_live_trace_state_free);

  for (guint i = 0; i < states->len; i++)
    {
      ErrataLiveTraceState *state = states->pdata[i];

      if (state->bin != NULL && state->items != NULL && state->items->len > 0
          && errata_live_bin_give (state->bin, state, (GDestroyNotify)errata_live_trace_state_free,
                                   state->items->len))
        self->bins_given = TRUE;
      else
        g_ptr_array_add (rest, state);
    }
  g_ptr_array_set_free_func (states, NULL);
  g_ptr_array_unref (states);
  errata_live_builders_sweep (self->builders, rest);
}

/* The traces stored at once leave the writer's table, to be freed. */
static void
forget_stored (ErrataLiveWriter *self,
               GPtrArray        *ids,
               GPtrArray        *states)
{
  GPtrArray *stored = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      _errata_live_writer_set_known (self, ids->pdata[i], FALSE);
      g_hash_table_steal (self->traces, ids->pdata[i]);
      g_free (ids->pdata[i]);
      g_ptr_array_add (stored, states->pdata[i]);
    }
  free_states (self, stored);
}

/* After a batch that could not be written: a trace first seen in it, of
 * which nothing is journaled, is forgotten. The exporter sends its spans
 * again; meanwhile it is no trace "quiet for the idle time" to build from
 * an empty journal. */
static void
forget_unwritten (ErrataLiveWriter *self,
                  GPtrArray        *jobs)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      GPtrArray *spans = ((ErrataLiveWriterJob *)jobs->pdata[i])->spans;

      for (guint j = 0; j < spans->len; j++)
        {
          ErrataLiveSpan *span = spans->pdata[j];
          ErrataLiveTraceState *state = g_hash_table_lookup (self->traces, span->trace_id);

          if (state != NULL && state->fresh && state->last_seen == 0)
            {
              _errata_live_writer_set_known (self, span->trace_id, FALSE);
              g_hash_table_remove (self->traces, span->trace_id);
            }
        }
    }
}

/* All of `jobs` in one transaction; each is answered either way, and only
 * then: a 200 means the spans are on disk. A trace complete in the batch
 * (its root span with it, nothing of it seen before: most traces, as an
 * exporter sends a trace's spans together) is built at once and stored in
 * the same transaction, never journaled: writing each span into the
 * journal and deleting it a moment later was a third of the writer's
 * pages. Should storing fail, the batch is journaled the usual way. */
void
_errata_live_writer_journal_jobs (ErrataLiveWriter *self,
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
      GPtrArray *spans = ((ErrataLiveWriterJob *)jobs->pdata[i])->spans;

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
  /* Before the answers: the jobs are the main thread's once answered. */
  if (!ok)
    forget_unwritten (self, jobs);
  _errata_live_writer_answer_jobs (self, jobs, ok, error);
  if (ok && ids->len > 0)
    forget_stored (self, ids, states);
  /* The journaled count too: a span that only joins a stored trace may
   * change no trace at all. */
  if (ok && (ids->len > 0 || n_journaled > 0))
    _errata_live_writer_report_stored (self);
}

/* Builds the complete traces, all in one transaction. */
void
_errata_live_writer_convert_ready (ErrataLiveWriter *self,
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
        _errata_live_writer_set_known (self, key, FALSE);
        g_hash_table_iter_steal (&iter);
        g_free (key);
      }
  if (ready->len == 0)
    return;
  _errata_live_writer_release_held (self, states);
  build_off_writer (self, ready, states);
  /* One savepoint per trace would cost a search index segment per trace
   * (FTS5 writes its pending index at every savepoint): the whole batch
   * goes without, and only when one fails is it done again trace by
   * trace, so that the failing one alone stays in the journal. */
  if (!convert_batch (self, ready, states, FALSE, &changed))
    convert_batch (self, ready, states, TRUE, &changed);
  /* Freeing a batch's parsed spans took a sixth of the writer's time;
   * nothing else holds them now (the traces built from them are freed). */
  free_states (self, g_steal_pointer (&states));
  if (changed || stopping)
    _errata_live_writer_report_stored (self);
}

