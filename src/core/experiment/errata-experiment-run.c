/* errata-experiment-run.c: sending a variant's missing pairs through the
 * synthetic-data queue; scoring is in errata-experiment-score.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-experiment-run.h"
#include "errata-experiment-run-private.h"

#include "errata-experiment-private.h"
#include "errata-import-store.h"
#include "errata-messages.h"
#include "errata-project-private.h"
#include "errata-synth-queue.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  gint64 query_id;
  guint  repetition;
} Pair;

void
errata_experiment_run_result_free (ErrataExperimentRunResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->eval_run_ids, g_array_unref);
  g_strfreev (result->skipped);
  g_free (result);
}

void
_errata_experiment_run_free (ExperimentRun *run)
{
  g_object_unref (run->project);
  g_clear_object (&run->target);
  g_clear_object (&run->client);
  g_clear_pointer (&run->experiment, errata_experiment_free);
  g_clear_pointer (&run->variant, errata_experiment_variant_free);
  g_clear_pointer (&run->result, errata_experiment_run_result_free);
  g_clear_pointer (&run->skipped, g_ptr_array_unref);
  g_clear_pointer (&run->to_score, g_ptr_array_unref);
  g_clear_object (&run->eval_run);
  g_free (run);
}

void
_errata_experiment_run_report (ExperimentRun *run)
{
  if (run->progress != NULL)
    run->progress (&run->result->progress, run->progress_data);
}

ErrataSynthTarget *
errata_experiment_variant_new_target (ErrataProject                  *project,
                                      const ErrataExperimentVariant  *variant,
                                      GError                        **error)
{
  g_autofree char *project_id = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (variant != NULL, NULL);

  project_id = errata_project_get_meta (project, "project_id");
  return errata_synth_target_new (variant->target, project_id != NULL ? project_id : "", error);
}

/* The trace of a reply ------------------------------------------------------ */

static ErrataTrace *
make_trace (ExperimentRun          *run,
            const ErrataSynthJob   *job,
            ErrataSynthReply       *reply)
{
  const Pair *pair = job->data;
  ErrataTrace *trace = errata_trace_new ();
  g_autofree char *external_id = g_strdup_printf ("experiment-%" PRId64 "-%" PRId64
                                                  "-%u", run->variant->id, pair->query_id,
                                                  pair->repetition);
  g_autoptr(JsonArray) messages = NULL;
  JsonObject *metadata = errata_trace_get_metadata (trace);
  JsonObject *tag = json_object_new ();

  if (reply->messages != NULL && json_array_get_length (reply->messages) > 0)
    messages = json_array_ref (reply->messages);
  else
    {
      messages = json_array_new ();
      json_array_add_object_element (messages, errata_messages_new_message ("user", job->text));
      json_array_add_object_element (messages,
                                     errata_messages_new_message ("assistant", reply->text));
    }
  errata_trace_set_source (trace, ERRATA_EXPERIMENT_TRACE_SOURCE);
  errata_trace_set_external_id (trace, external_id);
  errata_trace_set_messages (trace, messages);
  errata_trace_set_latency_ms (trace, (gint64)reply->latency_ms);
  if (reply->tokens_in >= 0)
    errata_trace_set_tokens_in (trace, reply->tokens_in);
  if (reply->tokens_out >= 0)
    errata_trace_set_tokens_out (trace, reply->tokens_out);
  if (json_object_get_size (job->dimensions) > 0)
    json_object_set_object_member (metadata, "dimensions", json_object_ref (job->dimensions));
  json_object_set_int_member (tag, "experiment_id", run->experiment->id);
  json_object_set_string_member (tag, "experiment", run->experiment->name);
  json_object_set_int_member (tag, "variant_id", run->variant->id);
  json_object_set_string_member (tag, "variant", run->variant->name);
  json_object_set_int_member (tag, "query_id", pair->query_id);
  json_object_set_int_member (tag, "repeat", pair->repetition);
  json_object_set_int_member (tag, "attempts", reply->attempts);
  json_object_set_object_member (metadata, "experiment", tag);
  return trace;
}

/* The queue's sink ---------------------------------------------------------- */

static gboolean
link_reply (ExperimentRun  *run,
            const Pair     *pair,
            gint64          trace_id,
            const char     *failure,
            GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (run->project,
                                 "INSERT INTO experiment_replies (variant_id, query_id, repetition,"
                                 " trace_id, error) VALUES (?1, ?2, ?3, nullif (?4, 0), ?5)"
                                 " ON CONFLICT (variant_id, query_id, repetition) DO UPDATE"
                                 " SET trace_id = excluded.trace_id, error = excluded.error",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->variant->id);
  sqlite3_bind_int64 (stmt, 2, pair->query_id);
  sqlite3_bind_int (stmt, 3, pair->repetition);
  sqlite3_bind_int64 (stmt, 4, trace_id);
  sqlite3_bind_text (stmt, 5, failure, -1, SQLITE_TRANSIENT);
  return _errata_project_step_write (run->project, stmt, _("save the variant’s replies"), error);
}

static gboolean
store_outcome (gpointer               sink_data,
               ErrataImportStore     *store,
               const ErrataSynthJob  *job,
               ErrataSynthReply      *reply,
               const char            *failure,
               GError               **error)
{
  ExperimentRun *run = sink_data;
  g_autoptr(ErrataTrace) trace = NULL;

  if (reply == NULL)
    return link_reply (run, job->data, 0, failure, error);
  trace = make_trace (run, job, reply);
  if (!_errata_import_store_add (store, trace, NULL, NULL, error))
    return FALSE;
  return link_reply (run, job->data, errata_trace_get_id (trace), NULL, error);
}

static const ErrataSynthSink reply_sink = { store_outcome, NULL };

/* Sending ------------------------------------------------------------------- */

/* The (query, repeat) pairs without a reply stored as a trace. */
static GPtrArray *
missing_jobs (ExperimentRun  *run,
              GError        **error)
{
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *jobs;
  sqlite3_stmt *stmt;
  int rc;

  queries = errata_experiment_list_queries (run->project, run->experiment->id, error);
  if (queries == NULL)
    return NULL;
  stmt = _errata_project_cached (run->project,
                                 "SELECT query_id, repetition FROM experiment_replies"
                                 " WHERE variant_id = ?1 AND trace_id IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run->variant->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (done, g_strdup_printf ("%" PRId64 ":%d",
                                             (gint64)sqlite3_column_int64 (stmt, 0),
                                             sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (run->project, error, _("read the variant’s replies"));
      return NULL;
    }
  run->result->n_pairs_before = g_hash_table_size (done);
  jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_synth_job_free);
  for (guint r = 0; r < run->experiment->repeats; r++)
    for (guint i = 0; i < queries->len; i++)
      {
        ErrataExperimentQuery *query = g_ptr_array_index (queries, i);
        g_autofree char *key = g_strdup_printf ("%" PRId64 ":%u", query->id, r);
        Pair *pair;

        if (g_hash_table_contains (done, key))
          continue;
        pair = g_new0 (Pair, 1);
        pair->query_id = query->id;
        pair->repetition = r;
        g_ptr_array_add (jobs, errata_synth_job_new (query->text, query->dimensions, pair, g_free));
      }
  return jobs;
}

static void
on_sent_progress (const ErrataSynthQueueCounts *so_far,
                  gpointer                      user_data)
{
  ExperimentRun *run = user_data;
  ErrataExperimentRunProgress *progress = &run->result->progress;

  progress->phase = ERRATA_EXPERIMENT_PHASE_SENDING;
  progress->total = so_far->total;
  progress->done = so_far->done;
  progress->n_traces = so_far->n_traces;
  progress->n_failed = so_far->n_failed;
  _errata_experiment_run_report (run);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExperimentRun *run = g_task_get_task_data (task);
  ErrataSynthQueueCounts counts;
  GError *error = NULL;

  if (!errata_synth_queue_run_finish (result, &counts, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  run->result->progress.total = counts.total;
  run->result->progress.done = counts.done;
  run->result->progress.n_traces = counts.n_traces;
  run->result->progress.n_failed = counts.n_failed;
  run->result->progress.cancelled = counts.cancelled;
  run->result->n_missing = counts.total - counts.n_traces;
  if (counts.cancelled || (run->flags & ERRATA_EXPERIMENT_RUN_NO_SCORE) != 0)
    {
      _errata_experiment_run_return (task);
      return;
    }
  _errata_experiment_score (g_steal_pointer (&task));
}

static void
send_missing (GTask *task)
{
  ExperimentRun *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) jobs = NULL;
  GError *error = NULL;

  if (!errata_synth_target_is_trusted (run->target))
    {
      g_task_return_new_error (task, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_TRUSTED,
                               _("The command “%s” comes with the project and is not trusted on "
                                 "this machine yet. Read it; if you trust it, run the variant "
                                 "once with “errata-cli experiment run … --trust”."),
                               errata_synth_target_get_command_line (run->target));
      return;
    }
  jobs = missing_jobs (run, &error);
  if (jobs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  run->result->progress.total = jobs->len;
  errata_synth_queue_run_async (run->project, run->target, jobs, &reply_sink, run,
                                on_sent_progress, run, g_task_get_cancellable (task), on_sent,
                                g_object_ref (task));
}

void
errata_experiment_run_async (ErrataProject                    *project,
                             gint64                            variant_id,
                             ErrataSynthTarget                *target,
                             ErrataLlmClient                  *client,
                             ErrataExperimentRunFlags          flags,
                             ErrataExperimentRunProgressFunc   progress,
                             gpointer                          progress_data,
                             GCancellable                     *cancellable,
                             GAsyncReadyCallback               callback,
                             gpointer                          user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own = NULL;
  GError *error = NULL;
  ExperimentRun *run;

  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (target == NULL || ERRATA_IS_SYNTH_TARGET (target));

  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_experiment_run_async);
  /* Cancel ends as a result (what came back before it), not an error. */
  g_task_set_check_cancellable (task, FALSE);
  run = g_new0 (ExperimentRun, 1);
  run->project = g_object_ref (project);
  run->client = client != NULL ? g_object_ref (client) : NULL;
  run->flags = flags;
  run->progress = progress;
  run->progress_data = progress_data;
  run->result = g_new0 (ErrataExperimentRunResult, 1);
  run->result->eval_run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->skipped = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, run, (GDestroyNotify)_errata_experiment_run_free);
  run->variant = errata_experiment_get_variant (project, variant_id, &error);
  run->experiment = run->variant != NULL
                    ? errata_experiment_get (project, run->variant->experiment_id, &error) : NULL;
  if (run->experiment != NULL)
    run->target = target != NULL ? g_object_ref (target)
                                 : errata_experiment_variant_new_target (project, run->variant,
                                                                         &error);
  if (run->target == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((flags & ERRATA_EXPERIMENT_RUN_NO_SEND) != 0)
    _errata_experiment_score (g_steal_pointer (&task));
  else
    send_missing (task);
}

/* Hands the result over, with the skipped evaluators. */
void
_errata_experiment_run_return (GTask *task)
{
  ExperimentRun *run = g_task_get_task_data (task);
  ErrataExperimentRunResult *result = g_steal_pointer (&run->result);

  g_ptr_array_add (run->skipped, NULL);
  result->skipped = (char **)g_ptr_array_free (g_steal_pointer (&run->skipped), FALSE);
  g_task_return_pointer (task, result, (GDestroyNotify)errata_experiment_run_result_free);
}

ErrataExperimentRunResult *
errata_experiment_run_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, errata_experiment_run_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
