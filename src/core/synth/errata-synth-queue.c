/* errata-synth-queue.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-queue.h"

#include "errata-import-report.h"


#define FLUSH_EVERY    32
#define FLUSH_AFTER_MS 250

typedef struct
{
  ErrataSynthJob   *job;      /* borrowed from the queue's jobs */
  ErrataSynthReply *reply;    /* NULL: failed */
  char             *error;
} Outcome;

typedef struct
{
  ErrataProject            *project;
  ErrataSynthTarget        *target;
  ErrataImportReport       *report;
  GPtrArray                *jobs;
  GPtrArray                *pending;   /* of Outcome, not yet committed */
  const ErrataSynthSink    *sink;
  gpointer                  sink_data;
  ErrataSynthQueueCounts    counts;    /* committed */
  guint                     returned;  /* calls back from the target */
  guint                     returned_failed;
  guint                     returned_ok;
  guint                     flush_id;
  GError                   *store_error;
  ErrataSynthQueueProgress  progress;
  gpointer                  progress_data;
} Queue;

ErrataSynthJob *
errata_synth_job_new (const char     *text,
                      JsonObject     *dimensions,
                      gpointer        data,
                      GDestroyNotify  data_free)
{
  ErrataSynthJob *job = g_new0 (ErrataSynthJob, 1);

  job->text = g_strdup (text);
  job->dimensions = dimensions != NULL ? json_object_ref (dimensions) : json_object_new ();
  job->data = data;
  job->data_free = data_free;
  return job;
}

void
errata_synth_job_free (ErrataSynthJob *job)
{
  if (job == NULL)
    return;
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job->text);
  json_object_unref (job->dimensions);
  g_free (job);
}

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->reply, errata_synth_reply_free);
  g_free (outcome->error);
  g_free (outcome);
}

static void
queue_free (Queue *queue)
{
  g_clear_handle_id (&queue->flush_id, g_source_remove);
  g_object_unref (queue->project);
  g_object_unref (queue->target);
  g_object_unref (queue->report);
  g_ptr_array_unref (queue->jobs);
  g_ptr_array_unref (queue->pending);
  g_clear_error (&queue->store_error);
  g_free (queue);
}

/* Storing ------------------------------------------------------------------ */

static gboolean
store_outcome (Queue              *queue,
               ErrataImportStore  *store,
               Outcome            *outcome,
               GError            **error)
{
  if (!queue->sink->store (queue->sink_data, store, outcome->job, outcome->reply,
                           outcome->error, error))
    return FALSE;
  if (outcome->reply == NULL)
    queue->counts.n_failed++;
  else
    queue->counts.n_traces++;
  return TRUE;
}

/* One transaction: the traces, the sink's links and its counts together,
 * so that they always agree. */
static gboolean
flush (Queue       *queue,
       const char  *status,
       GError     **error)
{
  ErrataImportStore *store;
  ErrataSynthQueueCounts before = queue->counts;

  g_clear_handle_id (&queue->flush_id, g_source_remove);
  if (!errata_project_begin (queue->project, error))
    return FALSE;
  store = _errata_import_store_new (queue->project, queue->report, G_MAXUINT, NULL, NULL);
  for (guint i = 0; i < queue->pending->len; i++)
    if (!store_outcome (queue, store, g_ptr_array_index (queue->pending, i), error))
      goto fail;
  if ((queue->sink->save != NULL
       && !queue->sink->save (queue->sink_data, &queue->counts, status, error))
      || !_errata_import_store_commit (store, error)
      || !errata_project_commit (queue->project, error))
    goto fail;
  _errata_import_store_free (store);
  g_ptr_array_set_size (queue->pending, 0);
  return TRUE;

fail:
  _errata_import_store_rollback (store);
  _errata_import_store_free (store);
  errata_project_rollback (queue->project);
  queue->counts = before;
  return FALSE;
}

static gboolean
on_flush_timer (gpointer user_data)
{
  Queue *queue = user_data;

  queue->flush_id = 0;
  if (queue->store_error == NULL)
    flush (queue, "running", &queue->store_error);
  return G_SOURCE_REMOVE;
}

/* Calls ------------------------------------------------------------------- */

static void
finish (GTask *task)
{
  Queue *queue = g_task_get_task_data (task);
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task));

  queue->counts.cancelled = cancelled;
  queue->counts.done = queue->returned;
  if (queue->store_error == NULL)
    flush (queue, cancelled ? "cancelled" : "done", &queue->store_error);
  if (queue->store_error != NULL)
    {
      g_ptr_array_set_size (queue->pending, 0);
      g_task_return_error (task, g_steal_pointer (&queue->store_error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  GTask          *task;
  ErrataSynthJob *job;
} CallData;

static void
report_progress (Queue *queue)
{
  /* What came back so far, committed or not. */
  ErrataSynthQueueCounts so_far = queue->counts;

  if (queue->progress == NULL)
    return;
  so_far.n_failed = queue->returned_failed;
  so_far.n_traces = queue->returned_ok;
  queue->progress (&so_far, queue->progress_data);
}

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CallData *data = user_data;
  g_autoptr(GTask) task = data->task;
  Queue *queue = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Outcome *outcome = g_new0 (Outcome, 1);

  outcome->job = data->job;
  outcome->reply = errata_synth_target_call_finish (ERRATA_SYNTH_TARGET (source), result, &error);
  g_free (data);
  queue->returned++;
  /* Cancelled calls were never answered: they stay to run, not failed. */
  if (outcome->reply == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outcome_free (outcome);
  else
    {
      if (outcome->reply == NULL)
        {
          outcome->error = g_strdup (error->message);
          queue->returned_failed++;
        }
      else
        queue->returned_ok++;
      g_ptr_array_add (queue->pending, outcome);
    }
  queue->counts.done = queue->returned;
  report_progress (queue);
  if (queue->returned == queue->counts.total)
    finish (task);
  else if (queue->pending->len >= FLUSH_EVERY && queue->store_error == NULL)
    flush (queue, "running", &queue->store_error);
  else if (queue->pending->len > 0 && queue->flush_id == 0)
    queue->flush_id = g_timeout_add (FLUSH_AFTER_MS, on_flush_timer, queue);
}

void
errata_synth_queue_run_async (ErrataProject            *project,
                              ErrataSynthTarget        *target,
                              GPtrArray                *jobs,
                              const ErrataSynthSink    *sink,
                              gpointer                  sink_data,
                              ErrataSynthQueueProgress  progress,
                              gpointer                  progress_data,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own = NULL;
  Queue *queue;

  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (ERRATA_IS_SYNTH_TARGET (target));
  g_return_if_fail (jobs != NULL);
  g_return_if_fail (sink != NULL && sink->store != NULL);

  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_synth_queue_run_async);
  /* A cancelled run is a result (what came back before Cancel), not an error. */
  g_task_set_check_cancellable (task, FALSE);
  queue = g_new0 (Queue, 1);
  queue->project = g_object_ref (project);
  queue->target = g_object_ref (target);
  queue->report = errata_import_report_new ();
  queue->jobs = g_ptr_array_ref (jobs);
  queue->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)outcome_free);
  queue->sink = sink;
  queue->sink_data = sink_data;
  queue->progress = progress;
  queue->progress_data = progress_data;
  queue->counts.total = jobs->len;
  g_task_set_task_data (task, queue, (GDestroyNotify)queue_free);
  if (jobs->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      ErrataSynthJob *job = g_ptr_array_index (jobs, i);
      CallData *data = g_new0 (CallData, 1);

      data->task = g_object_ref (task);
      data->job = job;
      errata_synth_target_call_async (target, job->text, job->dimensions, cancellable,
                                      on_reply, data);
    }
}

gboolean
errata_synth_queue_run_finish (GAsyncResult            *result,
                               ErrataSynthQueueCounts  *out,
                               GError                 **error)
{
  Queue *queue;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  queue = g_task_get_task_data (G_TASK (result));
  if (out != NULL)
    *out = queue != NULL ? queue->counts : (ErrataSynthQueueCounts){ 0 };
  return g_task_propagate_boolean (G_TASK (result), error);
}
