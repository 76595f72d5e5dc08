/* errata-eval-batch-plan.c: the traces no batch covers yet, written as
 * request lines into payload files under the provider's limits, a batch
 * stored in the project each time one is full; and the payload of a batch
 * stored but never sent, written again from its traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-batch-private.h"

#include "errata-eval-run-private.h"

#define PLAN_PER_IDLE 200   /* traces rendered per main-loop turn */

static gboolean
seal_writer (ErrataEvalBatch  *self,
             GError          **error)
{
  g_autoptr(ErrataLlmBatchWriter) writer = g_steal_pointer (&self->writer);
  g_autoptr(GArray) ids = g_steal_pointer (&self->writer_ids);
  ErrataEvalBatchRow *row;

  if (writer == NULL)
    return TRUE;
  if (!errata_llm_batch_writer_close (writer, error))
    return FALSE;
  row = errata_eval_batches_insert (self->project, self->run->run_id,
                                    errata_llm_kind_to_string (_errata_eval_batch_provider (self)->kind),
                                    _errata_eval_batch_provider (self)->base_url, ids, error);
  if (row == NULL)
    return FALSE;
  g_ptr_array_add (self->rows, row);
  g_hash_table_insert (self->payloads, g_memdup2 (&row->id, sizeof row->id),
                       g_steal_pointer (&writer));
  return TRUE;
}

static gboolean
open_writer (ErrataEvalBatch  *self,
             guint             max_requests,
             guint64           max_bytes,
             GError          **error)
{
  g_autofree char *name = g_strdup_printf ("payload-%u", ++self->n_planned);
  g_autoptr(GFile) file = _errata_eval_batch_tmp_file (self, name);

  self->writer = errata_llm_batch_writer_new (_errata_eval_batch_provider (self), file, max_requests, max_bytes,
                                              error);
  self->writer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self->writer != NULL;
}

static ErrataEvalFlags
eval_flags (ErrataEvalBatch *self)
{
  return self->run->bypass_cache ? ERRATA_EVAL_FLAGS_BYPASS_CACHE : ERRATA_EVAL_FLAGS_NONE;
}

/* The request line of a trace; NULL with no error when the trace was
 * deleted since the run started (it is no longer part of it). */
static char *
trace_line (ErrataEvalBatch  *self,
            gint64            trace_id,
            gsize            *length,
            GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ErrataTrace) trace = errata_project_get_trace (self->project, trace_id, &local_error);
  g_autoptr(ErrataLlmRequest) request = NULL;
  g_autofree char *custom_id = NULL;

  if (trace == NULL)
    {
      if (!g_error_matches (local_error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  request = errata_judge_build_request (self->judge, trace, eval_flags (self));
  custom_id = _errata_eval_batch_custom_id (self, trace_id);
  return errata_llm_batch_request_line (_errata_eval_batch_provider (self), custom_id, request, length);
}

static gboolean
plan_one (ErrataEvalBatch  *self,
          gint64            trace_id,
          GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *line = NULL;
  gsize length;

  line = trace_line (self, trace_id, &length, &local_error);
  if (line == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      self->run->progress.total--;
      return TRUE;
    }
  if (self->writer != NULL && !errata_llm_batch_writer_fits (self->writer, length)
      && !seal_writer (self, error))
    return FALSE;
  if (self->writer == NULL && !open_writer (self, self->max_requests, self->max_bytes, error))
    return FALSE;
  if (!errata_llm_batch_writer_add (self->writer, line, length, error))
    return FALSE;
  g_array_append_val (self->writer_ids, trace_id);
  return TRUE;
}

gboolean
_errata_eval_batch_plan_some (gpointer data)
{
  ErrataEvalBatch *self = data;
  g_autoptr(GError) error = NULL;
  guint end = MIN (self->plan_next + PLAN_PER_IDLE, self->to_plan->len);

  self->source = 0;
  while (self->plan_next < end && !_errata_eval_batch_is_stopping (self))
    if (!plan_one (self, g_array_index (self->to_plan, gint64, self->plan_next++), &error))
      {
        _errata_eval_batch_fail (self, error);
        break;
      }
  if (self->fatal == NULL && (self->plan_next >= self->to_plan->len || _errata_eval_batch_is_stopping (self)))
    {
      self->plan_cut = self->plan_next < self->to_plan->len;
      /* Cancelled halfway: what was planned is stored and goes out on
       * resume; the rest is planned again then. */
      if (!seal_writer (self, &error))
        _errata_eval_batch_fail (self, error);
      g_clear_pointer (&self->to_plan, g_array_unref);
    }
  _errata_eval_batch_step (self);
  return G_SOURCE_REMOVE;
}

/* The traces without a verdict that no live batch will answer: never
 * sent, or in a batch that failed as a whole. */
GArray *
_errata_eval_batch_uncovered (ErrataEvalBatch *self)
{
  g_autoptr(GHashTable) covered = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *todo = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->rows->len; i++)
    {
      ErrataEvalBatchRow *row = g_ptr_array_index (self->rows, i);

      if (!errata_eval_batch_state_is_live (row->state))
        continue;
      for (guint j = 0; j < row->trace_ids->len; j++)
        g_hash_table_add (covered, &g_array_index (row->trace_ids, gint64, j));
    }
  for (guint i = 0; i < self->run->todo->len; i++)
    if (!g_hash_table_contains (covered, &g_array_index (self->run->todo, gint64, i)))
      g_array_append_val (todo, g_array_index (self->run->todo, gint64, i));
  return todo;
}


/* A batch stored but never sent (the process died first): its payload is
 * written again from its traces. */
ErrataLlmBatchWriter *
_errata_eval_batch_rebuild_payload (ErrataEvalBatch     *self,
                 ErrataEvalBatchRow  *row,
                 GError             **error)
{
  g_autoptr(ErrataLlmBatchWriter) writer = NULL;

  if (!open_writer (self, G_MAXUINT, G_MAXUINT64, error))
    return NULL;
  g_clear_pointer (&self->writer_ids, g_array_unref);
  writer = g_steal_pointer (&self->writer);
  for (guint i = 0; i < row->trace_ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = NULL;
      gsize length;

      line = trace_line (self, g_array_index (row->trace_ids, gint64, i), &length, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (line != NULL && !errata_llm_batch_writer_add (writer, line, length, error))
        return NULL;
    }
  if (!errata_llm_batch_writer_close (writer, error))
    return NULL;
  return g_steal_pointer (&writer);
}

