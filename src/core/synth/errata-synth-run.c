/* errata-synth-run.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-run.h"

#include "errata-import-store.h"
#include "errata-messages.h"
#include "errata-project-private.h"
#include "errata-synth-queries.h"
#include "errata-synth-queue.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  ErrataProject          *project;
  ErrataSynthTarget      *target;
  gint64                  batch_id;
  ErrataSynthQueueCounts  counts;
  ErrataSynthRunProgress  progress;
  gpointer                progress_data;
} Run;

static void
run_free (Run *run)
{
  g_object_unref (run->project);
  g_object_unref (run->target);
  g_free (run);
}

static ErrataSynthRunResult
result_of (Run                          *run,
           const ErrataSynthQueueCounts *counts)
{
  return (ErrataSynthRunResult) {
    .batch_id = run->batch_id,
    .total = counts->total,
    .done = counts->done,
    .n_traces = counts->n_traces,
    .n_failed = counts->n_failed,
    .cancelled = counts->cancelled,
  };
}

ErrataTrace *
errata_synth_run_make_trace (gint64             query_id,
                             gint64             tuple_id,
                             gint64             batch_id,
                             const char        *query,
                             JsonObject        *dimensions,
                             ErrataSynthTarget *target,
                             ErrataSynthReply  *reply)
{
  ErrataTrace *trace = errata_trace_new ();
  g_autofree char *external_id = g_strdup_printf ("synth-query-%" PRId64, query_id);
  g_autoptr(JsonArray) messages = NULL;
  JsonObject *metadata = errata_trace_get_metadata (trace);
  JsonObject *synth = json_object_new ();

  if (reply->messages != NULL && json_array_get_length (reply->messages) > 0)
    messages = json_array_ref (reply->messages);
  else
    {
      messages = json_array_new ();
      json_array_add_object_element (messages, errata_messages_new_message ("user", query));
      json_array_add_object_element (messages,
                                     errata_messages_new_message ("assistant", reply->text));
    }
  errata_trace_set_source (trace, ERRATA_SYNTH_TRACE_SOURCE);
  errata_trace_set_external_id (trace, external_id);
  errata_trace_set_messages (trace, messages);
  errata_trace_set_latency_ms (trace, (gint64)reply->latency_ms);
  if (reply->tokens_in >= 0)
    errata_trace_set_tokens_in (trace, reply->tokens_in);
  if (reply->tokens_out >= 0)
    errata_trace_set_tokens_out (trace, reply->tokens_out);
  json_object_set_object_member (metadata, "dimensions", json_object_ref (dimensions));
  json_object_set_int_member (synth, "query_id", query_id);
  json_object_set_int_member (synth, "tuple_id", tuple_id);
  json_object_set_int_member (synth, "batch_id", batch_id);
  json_object_set_string_member (synth, "target", errata_synth_target_describe (target));
  json_object_set_int_member (synth, "attempts", reply->attempts);
  json_object_set_object_member (metadata, "synth", synth);
  return trace;
}

/* The queue's sink ------------------------------------------------------- */

static gboolean
store_outcome (gpointer               sink_data,
               ErrataImportStore     *store,
               const ErrataSynthJob  *job,
               ErrataSynthReply      *reply,
               const char            *failure,
               GError               **error)
{
  Run *run = sink_data;
  ErrataSynthQuery *query = job->data;
  g_autoptr(ErrataTrace) trace = NULL;

  if (reply == NULL)
    return errata_synth_queries_set_error (run->project, query->id, run->batch_id, failure, error);
  trace = errata_synth_run_make_trace (query->id, query->tuple_id, run->batch_id, query->text,
                                       query->dimensions, run->target, reply);
  if (!_errata_import_store_add (store, trace, NULL, NULL, error))
    return FALSE;
  return errata_synth_queries_set_trace (run->project, query->id, run->batch_id,
                                         errata_trace_get_id (trace), error);
}

static gboolean
update_batch (gpointer                      sink_data,
              const ErrataSynthQueueCounts *committed,
              const char                   *status,
              GError                      **error)
{
  Run *run = sink_data;
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (run->project,
                                 "UPDATE synth_batches SET n_done = ?2, n_failed = ?3,"
                                 " status = ?4, ended_at = CASE WHEN ?4 = 'running' THEN NULL"
                                 " ELSE ?5 END WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->batch_id);
  sqlite3_bind_int (stmt, 2, committed->n_traces);
  sqlite3_bind_int (stmt, 3, committed->n_failed);
  sqlite3_bind_text (stmt, 4, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  return _errata_project_step_write (run->project, stmt, _("save the run"), error);
}

static const ErrataSynthSink batch_sink = { store_outcome, update_batch };

/* Running ------------------------------------------------------------------ */

static void
on_progress (const ErrataSynthQueueCounts *so_far,
             gpointer                      user_data)
{
  Run *run = user_data;
  ErrataSynthRunResult result = result_of (run, so_far);

  run->progress (&result, run->progress_data);
}

static void
on_queue_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!errata_synth_queue_run_finish (result, &run->counts, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
insert_batch (Run     *run,
              guint    total,
              GError **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                    errata_synth_target_get_definition (run->target));
  g_autofree char *definition = json_to_string (node, FALSE);
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (run->project,
                                 "INSERT INTO synth_batches (target, status, total, started_at)"
                                 " VALUES (?1, 'running', ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, definition, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, total);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (!_errata_project_step_write (run->project, stmt, _("start the run"), error))
    return FALSE;
  run->batch_id = sqlite3_last_insert_rowid (_errata_project_get_db (run->project));
  return TRUE;
}

static GPtrArray *
jobs_of (GPtrArray *queries)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_synth_job_free);

  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);

      g_ptr_array_add (jobs, errata_synth_job_new (query->text, query->dimensions, query,
                                                   (GDestroyNotify)errata_synth_query_free));
    }
  /* The jobs own the queries now. */
  g_ptr_array_set_free_func (queries, NULL);
  return jobs;
}

void
errata_synth_run_async (ErrataProject          *project,
                        ErrataSynthTarget      *target,
                        ErrataSynthRunProgress  progress,
                        gpointer                progress_data,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  GError *error = NULL;
  Run *run;

  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (ERRATA_IS_SYNTH_TARGET (target));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_synth_run_async);
  /* A cancelled run is a result (what came back before Cancel), not an error. */
  g_task_set_check_cancellable (task, FALSE);
  if (!errata_synth_target_is_trusted (target))
    {
      g_task_return_new_error (task, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_TRUSTED,
                               _("The command “%s” comes with the project and is not trusted on "
                                 "this machine yet. Read it; if you trust it, run it "
                                 "once with “errata-cli synth run … --trust”."),
                               errata_synth_target_get_command_line (target));
      return;
    }
  run = g_new0 (Run, 1);
  run->project = g_object_ref (project);
  run->target = g_object_ref (target);
  run->progress = progress;
  run->progress_data = progress_data;
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_TO_RUN, &error);
  if (queries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (queries->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!insert_batch (run, queries->len, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jobs = jobs_of (queries);
  errata_synth_queue_run_async (project, target, jobs, &batch_sink, run,
                                progress != NULL ? on_progress : NULL, run,
                                cancellable, on_queue_done, g_object_ref (task));
}

gboolean
errata_synth_run_finish (GAsyncResult          *result,
                         ErrataSynthRunResult  *out,
                         GError               **error)
{
  Run *run;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (out != NULL)
    *out = run != NULL ? result_of (run, &run->counts) : (ErrataSynthRunResult){ 0 };
  return g_task_propagate_boolean (G_TASK (result), error);
}
