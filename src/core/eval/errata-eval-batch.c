/* errata-eval-batch.c: plan, submit, poll; the results are collected in
 * errata-eval-batch-collect.c.
 *
 * One step at a time on the main context, each an idle callback, a timer
 * or an HTTP exchange, so that a window stays responsive however many
 * traces a run has: _errata_eval_batch_step() looks at what the batches
 * need next (planning the traces no batch covers, submitting a pending
 * batch, collecting an ended one, polling the running ones) and starts it.
 * Every change of a batch is written to the project before the next step,
 * so that a process killed anywhere leaves a run that resumes.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-eval-batch-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "errata-eval-run-private.h"
#include "errata-project-private.h"

#define DEFAULT_CHUNK   500   /* verdicts per transaction */

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ErrataEvalBatch, errata_eval_batch, G_TYPE_OBJECT)

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static void
errata_eval_batch_finalize (GObject *object)
{
  ErrataEvalBatch *self = (ErrataEvalBatch *) object;

  g_clear_handle_id (&self->source, g_source_remove);
  g_clear_object (&self->project);
  g_clear_object (&self->run);
  g_clear_object (&self->judge);
  g_clear_object (&self->api);
  g_clear_pointer (&self->prices, errata_llm_prices_unref);
  g_clear_pointer (&self->parse_request, errata_llm_request_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->payloads, g_hash_table_unref);
  g_clear_pointer (&self->failed_before, g_hash_table_unref);
  g_clear_pointer (&self->cancel_sent, g_hash_table_unref);
  g_clear_pointer (&self->to_plan, g_array_unref);
  g_clear_pointer (&self->writer, errata_llm_batch_writer_free);
  g_clear_pointer (&self->writer_ids, g_array_unref);
  g_clear_pointer (&self->collector, _errata_eval_batch_collector_free);
  g_clear_error (&self->fatal);
  if (self->tmpdir != NULL)
    remove_tree (self->tmpdir);
  g_clear_pointer (&self->tmpdir, g_free);

  G_OBJECT_CLASS (errata_eval_batch_parent_class)->finalize (object);
}

static void
errata_eval_batch_class_init (ErrataEvalBatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_eval_batch_finalize;

  /* Emitted when a batch changed state or counts (stored already). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
_errata_eval_batch_changed (ErrataEvalBatch *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * errata_eval_batch_get_rows:
 *
 * Returns: (transfer none) (element-type ErrataEvalBatchRow): the run's
 *   batches as stored, NULL before the run starts
 */
GPtrArray *
errata_eval_batch_get_rows (ErrataEvalBatch *self)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_BATCH (self), NULL);

  return self->rows;
}

static void
errata_eval_batch_init (ErrataEvalBatch *self)
{
  self->poll_first_ms = ERRATA_EVAL_BATCH_DEFAULT_POLL_MS;
  self->poll_max_ms = ERRATA_EVAL_BATCH_MAX_POLL_MS;
  self->chunk = DEFAULT_CHUNK;
  self->failed_before = g_hash_table_new (NULL, NULL);
  self->cancel_sent = g_hash_table_new (NULL, NULL);
  self->payloads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) errata_llm_batch_writer_free);
}

/**
 * errata_eval_batch_new:
 * @run: a run made with errata_eval_run_new() or _new_resume() and not
 *   started: the batch drives it
 * @judge: the run's method
 */
ErrataEvalBatch *
errata_eval_batch_new (ErrataEvalRun *run,
                       ErrataJudge   *judge)
{
  ErrataEvalBatch *self;
  const ErrataLlmProvider *provider;
  ErrataLlmPrices *prices;
  g_autoptr(ErrataTrace) empty = errata_trace_new ();

  g_return_val_if_fail (ERRATA_IS_EVAL_RUN (run), NULL);
  g_return_val_if_fail (ERRATA_IS_JUDGE (judge), NULL);

  self = g_object_new (ERRATA_TYPE_EVAL_BATCH, NULL);
  self->run = g_object_ref (run);
  self->project = g_object_ref (run->project);
  self->judge = g_object_ref (judge);
  provider = errata_llm_client_get_provider (errata_judge_get_client (judge));
  self->api = errata_llm_batch_api_new (provider);
  prices = errata_llm_client_get_prices (errata_judge_get_client (judge));
  self->prices = prices != NULL ? errata_llm_prices_ref (prices) : NULL;
  /* Replies are read against what every request asked (the schema). */
  self->parse_request = errata_judge_build_request (judge, empty, ERRATA_EVAL_FLAGS_NONE);
  errata_llm_batch_limits (provider->kind, &self->max_requests, &self->max_bytes);
  return self;
}

/* The first poll after @first_ms, then 1.5 times longer each time nothing
 * changed, up to @max_ms. */
void
errata_eval_batch_set_poll_interval (ErrataEvalBatch *self,
                                     guint            first_ms,
                                     guint            max_ms)
{
  g_return_if_fail (ERRATA_IS_EVAL_BATCH (self));

  self->poll_first_ms = MAX (first_ms, 1);
  self->poll_max_ms = MAX (max_ms, self->poll_first_ms);
}

/* Smaller batches than the provider allows come back sooner; 0: the
 * provider's limit. Never above it. */
void
errata_eval_batch_set_max_requests (ErrataEvalBatch *self,
                                    guint            max_requests)
{
  guint limit;
  guint64 bytes;

  g_return_if_fail (ERRATA_IS_EVAL_BATCH (self));

  errata_llm_batch_limits (errata_llm_batch_api_get_provider (self->api)->kind, &limit, &bytes);
  self->max_requests = max_requests == 0 ? limit : MIN (max_requests, limit);
}

guint
errata_eval_batch_get_n_batches (ErrataEvalBatch *self)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_BATCH (self), 0);

  return self->rows != NULL ? self->rows->len : 0;
}

guint
errata_eval_batch_get_n_expired (ErrataEvalBatch *self)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_BATCH (self), 0);

  return self->n_expired;
}

guint
errata_eval_batch_get_n_errored (ErrataEvalBatch *self)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_BATCH (self), 0);

  return self->n_errored;
}

/* Names the trace and the evaluator version: a result can only be mapped
 * back to the run that asked for it. */
char *
_errata_eval_batch_custom_id (ErrataEvalBatch *self,
                              gint64           trace_id)
{
  return g_strdup_printf ("t%" PRId64 "-v%" PRId64, trace_id,
                          self->run->version_id);
}

GFile *
_errata_eval_batch_tmp_file (ErrataEvalBatch *self,
                             const char      *name)
{
  g_autofree char *path = g_build_filename (self->tmpdir, name, NULL);

  return g_file_new_for_path (path);
}

const ErrataLlmProvider *
_errata_eval_batch_provider (ErrataEvalBatch *self)
{
  return errata_llm_batch_api_get_provider (self->api);
}

static GCancellable *
cancellable (ErrataEvalBatch *self)
{
  return self->task != NULL ? g_task_get_cancellable (self->task) : NULL;
}

gboolean
_errata_eval_batch_is_cancelled (ErrataEvalBatch *self)
{
  return cancellable (self) != NULL && g_cancellable_is_cancelled (cancellable (self));
}

/* ---- the end --------------------------------------------------------------- */

/* Stopping: cancelled (the batches go on), or cancelling them at the
 * provider (nothing new is planned or sent). */
gboolean
_errata_eval_batch_is_stopping (ErrataEvalBatch *self)
{
  return _errata_eval_batch_is_cancelled (self) || self->cancel_at_provider;
}

static void
finish (ErrataEvalBatch *self)
{
  gboolean cancelled = _errata_eval_batch_is_cancelled (self);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ErrataRunStatus status;

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
  self->cancelled_id = 0;
  message = _errata_eval_batch_end_message (self, cancelled, &status);
  if (!_errata_eval_run_close (self->run, status, message, &error) && self->fatal == NULL)
    self->fatal = g_steal_pointer (&error);
  if (self->fatal != NULL)
    g_task_return_error (task, g_error_copy (self->fatal));
  else
    g_task_return_boolean (task, TRUE);
}

/* Stops the run: the key was refused, the project cannot be written. */
void
_errata_eval_batch_fail (ErrataEvalBatch *self,
                         GError          *error)
{
  if (self->fatal == NULL)
    self->fatal = g_error_copy (error);
}

typedef ErrataLlmBatchInfo *(*BatchFinish) (ErrataLlmBatchApi  *api,
                                            GAsyncResult       *result,
                                            GError            **error);
typedef void (*BatchReplied) (ErrataEvalBatch    *self,
                              ErrataEvalBatchRow *row,
                              ErrataLlmBatchInfo *info,
                              GError             *error);

/* One request about one batch (submit, retrieve): how to finish it and
 * what to do with the provider's answer or the error. */
typedef struct
{
  ErrataEvalBatch    *self;
  ErrataEvalBatchRow *row;
  BatchFinish         finish;
  BatchReplied        replied;
} RowCall;

static RowCall *
row_call_new (ErrataEvalBatch    *self,
              ErrataEvalBatchRow *row,
              BatchFinish         finish_call,
              BatchReplied        replied)
{
  RowCall *call = g_new0 (RowCall, 1);

  call->self = g_object_ref (self);
  call->row = row;
  call->finish = finish_call;
  call->replied = replied;
  return call;
}

static void
row_call_free (RowCall *call)
{
  g_object_unref (call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowCall, row_call_free)

static void
on_row_call_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(RowCall) call = data;
  g_autoptr(ErrataLlmBatchInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = call->finish (ERRATA_LLM_BATCH_API (source), result, &error);
  call->replied (call->self, call->row, info, error);
}

static gboolean
wait_done (gpointer data)
{
  ErrataEvalBatch *self = data;

  self->source = 0;
  _errata_eval_batch_step (self);
  return G_SOURCE_REMOVE;
}

/* Waits, then steps again; the wait grows while nothing changes. */
void
_errata_eval_batch_wait_then_step (ErrataEvalBatch *self)
{
  g_assert (self->source == 0);
  self->source = g_timeout_add (self->poll_ms, wait_done, self);
  self->poll_ms = MIN (self->poll_ms + self->poll_ms / 2 + 1, self->poll_max_ms);
}

static gboolean
error_stops_run (const GError *error)
{
  return g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH)
         || g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_QUOTA)
         || !g_error_matches (error, ERRATA_LLM_ERROR, error->code);
}

static void
row_take_info (ErrataEvalBatchRow *row,
               ErrataLlmBatchInfo *info)
{
  g_free (row->provider_status);
  row->provider_status = g_strdup (info->status);
  row->n_succeeded = info->n_succeeded;
  row->n_errored = info->n_errored;
  row->n_expired = info->n_expired;
  if (info->output != NULL)
    {
      g_free (row->output);
      row->output = g_strdup (info->output);
    }
  if (info->errors != NULL)
    {
      g_free (row->errors);
      row->errors = g_strdup (info->errors);
    }
  if (info->state == ERRATA_LLM_BATCH_ENDED)
    row->state = ERRATA_EVAL_BATCH_ENDED;
  else if (info->state == ERRATA_LLM_BATCH_FAILED)
    {
      row->state = ERRATA_EVAL_BATCH_FAILED;
      g_free (row->message);
      row->message = g_strdup (info->message != NULL ? info->message : info->status);
    }
}

static void
on_submitted (ErrataEvalBatch    *self,
              ErrataEvalBatchRow *row,
              ErrataLlmBatchInfo *info,
              GError             *error)
{
  g_autoptr(GError) store_error = NULL;

  if (info != NULL)
    {
      row->batch_id = g_strdup (info->id);
      row->state = ERRATA_EVAL_BATCH_SUBMITTED;
      row_take_info (row, info);
      g_hash_table_remove (self->payloads, &row->id);
      self->poll_ms = self->poll_first_ms;
    }
  else if (_errata_eval_batch_is_cancelled (self))
    ;
  else if (errata_llm_batch_error_is_transient (error))
    {
      _errata_eval_batch_wait_then_step (self);
      return;
    }
  else if (error_stops_run (error))
    _errata_eval_batch_fail (self, error);
  else
    {
      /* Refused as a whole (a bad request, a file too large): nothing of
       * it will come back. */
      row->state = ERRATA_EVAL_BATCH_FAILED;
      g_free (row->message);
      row->message = g_strdup (error->message);
    }
  if (self->fatal == NULL && !errata_eval_batches_update (self->project, row, &store_error))
    _errata_eval_batch_fail (self, store_error);
  _errata_eval_batch_changed (self);
  _errata_eval_batch_step (self);
}

static void
submit (ErrataEvalBatch    *self,
        ErrataEvalBatchRow *row)
{
  ErrataLlmBatchWriter *writer = g_hash_table_lookup (self->payloads, &row->id);
  g_autoptr(GError) error = NULL;

  if (writer == NULL)
    {
      writer = _errata_eval_batch_rebuild_payload (self, row, &error);
      if (writer == NULL)
        {
          _errata_eval_batch_fail (self, error);
          _errata_eval_batch_step (self);
          return;
        }
      g_hash_table_insert (self->payloads, g_memdup2 (&row->id, sizeof row->id), writer);
    }
  errata_llm_batch_api_submit_async (self->api, errata_llm_batch_writer_get_file (writer),
                                     errata_llm_batch_writer_get_boundary (writer),
                                     cancellable (self), on_row_call_done,
                                     row_call_new (self, row, errata_llm_batch_api_submit_finish,
                                                   on_submitted));
}

/* ---- polling -------------------------------------------------------------- */

static void poll_next (ErrataEvalBatch *self);

static void
on_retrieved (ErrataEvalBatch    *self,
              ErrataEvalBatchRow *row,
              ErrataLlmBatchInfo *info,
              GError             *error)
{
  g_autoptr(GError) store_error = NULL;

  if (info == NULL && !_errata_eval_batch_is_cancelled (self)
      && !errata_llm_batch_error_is_transient (error))
    _errata_eval_batch_fail (self, error);
  if (info != NULL)
    {
      gboolean changed = g_strcmp0 (row->provider_status, info->status) != 0
                         || row->n_succeeded != info->n_succeeded
                         || row->n_errored != info->n_errored;

      row_take_info (row, info);
      self->round_changed = self->round_changed || changed;
      if (changed && !errata_eval_batches_update (self->project, row, &store_error))
        _errata_eval_batch_fail (self, store_error);
      if (changed)
        _errata_eval_batch_changed (self);
    }
  self->poll_index++;
  if (self->fatal != NULL || _errata_eval_batch_is_cancelled (self))
    _errata_eval_batch_step (self);
  else
    poll_next (self);
}

static void
poll_next (ErrataEvalBatch *self)
{
  for (; self->poll_index < self->rows->len; self->poll_index++)
    {
      ErrataEvalBatchRow *row = g_ptr_array_index (self->rows, self->poll_index);

      if (row->state == ERRATA_EVAL_BATCH_SUBMITTED)
        {
          errata_llm_batch_api_retrieve_async (self->api, row->batch_id, cancellable (self),
                                               on_row_call_done,
                                               row_call_new (self, row,
                                                             errata_llm_batch_api_retrieve_finish,
                                                             on_retrieved));
          return;
        }
    }
  /* A round that saw progress polls again soon; a quiet one waits longer. */
  if (self->round_changed)
    self->poll_ms = self->poll_first_ms;
  _errata_eval_batch_step (self);
}

static gboolean
poll_round (gpointer data)
{
  ErrataEvalBatch *self = data;

  self->source = 0;
  self->poll_index = 0;
  self->round_changed = FALSE;
  poll_next (self);
  return G_SOURCE_REMOVE;
}

/* ---- cancelling at the provider ------------------------------------------- */

static void
on_cancel_sent (ErrataEvalBatch    *self,
                ErrataEvalBatchRow *row,
                ErrataLlmBatchInfo *info,
                GError             *error)
{
  g_autoptr(GError) store_error = NULL;

  if (info != NULL)
    {
      row_take_info (row, info);
      if (!errata_eval_batches_update (self->project, row, &store_error))
        _errata_eval_batch_fail (self, store_error);
      _errata_eval_batch_changed (self);
    }
  else if (_errata_eval_batch_is_cancelled (self))
    ;
  else if (errata_llm_batch_error_is_transient (error))
    {
      g_hash_table_remove (self->cancel_sent, row);
      _errata_eval_batch_wait_then_step (self);
      return;
    }
  else if (error_stops_run (error))
    _errata_eval_batch_fail (self, error);
  /* Otherwise the provider would not cancel it (it had ended meanwhile):
   * the next poll reads how it ended. */
  self->poll_ms = self->poll_first_ms;
  _errata_eval_batch_step (self);
}

/* The next batch at the provider to cancel, if any. */
static ErrataEvalBatchRow *
row_to_cancel (ErrataEvalBatch *self)
{
  for (guint i = 0; self->cancel_at_provider && i < self->rows->len; i++)
    {
      ErrataEvalBatchRow *row = g_ptr_array_index (self->rows, i);

      if (row->state == ERRATA_EVAL_BATCH_SUBMITTED
          && !g_hash_table_contains (self->cancel_sent, row))
        return row;
    }
  return NULL;
}

static void
send_cancel (ErrataEvalBatch    *self,
             ErrataEvalBatchRow *row)
{
  g_hash_table_add (self->cancel_sent, row);
  errata_llm_batch_api_cancel_async (self->api, row->batch_id, cancellable (self),
                                     on_row_call_done,
                                     row_call_new (self, row, errata_llm_batch_api_cancel_finish,
                                                   on_cancel_sent));
}

/**
 * errata_eval_batch_cancel_at_provider:
 *
 * Cancels the run's batches at the provider rather than leaving them
 * running: nothing more is planned or sent, each batch still running is
 * cancelled (POST …/cancel), and once the provider reports it stopped, the
 * verdicts that had finished are collected and stored as usual. The
 * requests that had not run get no verdict (the provider does not charge
 * them); resuming the run sends them again. The run then ends cancelled,
 * reported by errata_eval_batch_run_finish().
 *
 * Call it while the run is going, or before errata_eval_batch_run_async()
 * on a resumed run to only cancel its batches. Such a run fails with
 * ERRATA_EVAL_ERROR_INVALID when it has no batch left at the provider.
 */
void
errata_eval_batch_cancel_at_provider (ErrataEvalBatch *self)
{
  g_return_if_fail (ERRATA_IS_EVAL_BATCH (self));

  if (self->cancel_at_provider)
    return;
  self->cancel_at_provider = TRUE;
  /* Waiting for the next poll: step now. A request in flight steps when it returns. */
  if (self->task != NULL && self->source != 0)
    {
      g_clear_handle_id (&self->source, g_source_remove);
      _errata_eval_batch_step (self);
    }
}

gboolean
errata_eval_batch_get_cancelling (ErrataEvalBatch *self)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_BATCH (self), FALSE);

  return self->cancel_at_provider;
}

/* ---- the next step --------------------------------------------------------- */

static ErrataEvalBatchRow *
first_row (ErrataEvalBatch      *self,
           ErrataEvalBatchState  state)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (((ErrataEvalBatchRow *) g_ptr_array_index (self->rows, i))->state == state)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

void
_errata_eval_batch_step (ErrataEvalBatch *self)
{
  ErrataEvalBatchRow *row;

  if (self->task == NULL || self->source != 0)
    return;
  if (self->fatal != NULL || _errata_eval_batch_is_cancelled (self))
    finish (self);
  else if (self->to_plan != NULL)
    self->source = g_idle_add (_errata_eval_batch_plan_some, self);
  else if ((row = row_to_cancel (self)) != NULL)
    send_cancel (self, row);
  else if (!self->cancel_at_provider && (row = first_row (self, ERRATA_EVAL_BATCH_PENDING)) != NULL)
    submit (self, row);
  else if ((row = first_row (self, ERRATA_EVAL_BATCH_COLLECTING)) != NULL
           || (row = first_row (self, ERRATA_EVAL_BATCH_ENDED)) != NULL)
    _errata_eval_batch_collect (self, row);
  else if (first_row (self, ERRATA_EVAL_BATCH_SUBMITTED) != NULL)
    {
      self->source = g_timeout_add (self->poll_ms, poll_round, self);
      self->poll_ms = MIN (self->poll_ms + self->poll_ms / 2 + 1, self->poll_max_ms);
    }
  else
    finish (self);
}

/* A cancel while waiting for the next poll ends the wait at once. */
static gboolean
cancelled_idle (gpointer data)
{
  ErrataEvalBatch *self = data;

  if (self->task != NULL && self->source != 0)
    {
      g_clear_handle_id (&self->source, g_source_remove);
      _errata_eval_batch_step (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable_,
              gpointer      data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, cancelled_idle, g_object_ref (data), g_object_unref);
}

/* Checks the base URL a resumed run's batches were sent to. */
static gboolean
same_provider (ErrataEvalBatch  *self,
               GError          **error)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ErrataEvalBatchRow *row = g_ptr_array_index (self->rows, i);

      if (row->batch_id != NULL && errata_eval_batch_state_is_live (row->state)
          && g_strcmp0 (row->base_url, _errata_eval_batch_provider (self)->base_url) != 0)
        {
          g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                       /* Translators: %s are URLs. */
                       _("This run's batches are at %s, not %s: resume it with that provider "
                         "(--base-url %s)."), row->base_url, _errata_eval_batch_provider (self)->base_url,
                       row->base_url);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
begin (ErrataEvalBatch  *self,
       GError          **error)
{
  self->tmpdir = g_dir_make_tmp ("errata-batch-XXXXXX", error);
  if (self->tmpdir == NULL)
    return FALSE;
  if (self->run->run_id != 0)
    {
      self->rows = errata_eval_batches_list (self->project, self->run->run_id, TRUE, error);
      if (self->rows == NULL || !same_provider (self, error))
        return FALSE;
    }
  if (self->cancel_at_provider
      && (self->rows == NULL || first_row (self, ERRATA_EVAL_BATCH_SUBMITTED) == NULL))
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                           _("This run has no batch running at the provider: there is nothing "
                             "to cancel."));
      return FALSE;
    }
  /* Checks the rules and the consent for the provider, as a live run. */
  if (!_errata_eval_run_open (self->run, error))
    return FALSE;
  if (self->rows == NULL)
    self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) errata_eval_batch_row_free);
  for (guint i = 0; i < self->rows->len; i++)
    if (((ErrataEvalBatchRow *) g_ptr_array_index (self->rows, i))->state
        == ERRATA_EVAL_BATCH_FAILED)
      g_hash_table_add (self->failed_before, g_ptr_array_index (self->rows, i));
  /* Verdicts go in the chunks this file commits, not the run's own. */
  errata_eval_run_set_batch_size (self->run, G_MAXUINT);
  self->to_plan = _errata_eval_batch_uncovered (self);
  self->poll_ms = self->poll_first_ms;
  return TRUE;
}

void
errata_eval_batch_run_async (ErrataEvalBatch     *self,
                             GCancellable        *cancellable_,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ERRATA_IS_EVAL_BATCH (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable_, callback, user_data);
  g_task_set_source_tag (task, errata_eval_batch_run_async);
  g_task_set_check_cancellable (task, FALSE);
  if (!begin (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->task = g_steal_pointer (&task);
  if (cancellable_ != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable_, G_CALLBACK (on_cancelled), self,
                                                NULL);
  self->source = g_idle_add (wait_done, self);
}

/* TRUE when the run ended done, cancelled (batches left at the provider) or
 * failed because a batch failed as a whole (read the run's status and
 * message); FALSE with the error that stopped it. */
gboolean
errata_eval_batch_run_finish (ErrataEvalBatch  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
