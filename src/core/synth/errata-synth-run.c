/* errata-synth-run.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-run.h"

#include "errata-import-report.h"
#include "errata-import-store.h"
#include "errata-messages.h"
#include "errata-project-private.h"
#include "errata-synth-queries.h"

#include <glib/gi18n-lib.h>

#define FLUSH_EVERY    32
#define FLUSH_AFTER_MS 250

typedef struct
{
  ErrataSynthQuery *query;
  ErrataSynthReply *reply;    /* NULL: failed */
  char             *error;
} Outcome;

typedef struct
{
  ErrataProject          *project;
  ErrataSynthTarget      *target;
  ErrataImportReport     *report;
  GPtrArray              *queries;   /* of ErrataSynthQuery, owned */
  GPtrArray              *pending;   /* of Outcome, not yet committed */
  ErrataSynthRunResult    result;
  guint                   returned;  /* calls back from the target */
  guint                   returned_failed;
  guint                   returned_ok;
  guint                   flush_id;
  GError                 *store_error;
  ErrataSynthRunProgress  progress;
  gpointer                progress_data;
} Run;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->reply, errata_synth_reply_free);
  g_free (outcome->error);
  g_free (outcome);
}

static void
run_free (Run *run)
{
  g_clear_handle_id (&run->flush_id, g_source_remove);
  g_object_unref (run->project);
  g_object_unref (run->target);
  g_object_unref (run->report);
  g_ptr_array_unref (run->queries);
  g_ptr_array_unref (run->pending);
  g_clear_error (&run->store_error);
  g_free (run);
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
  g_autofree char *external_id = g_strdup_printf ("synth-query-%" G_GINT64_FORMAT, query_id);
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

/* Storing ------------------------------------------------------------------ */

static gboolean
store_outcome (Run                *run,
               ErrataImportStore  *store,
               Outcome            *outcome,
               GError            **error)
{
  ErrataSynthQuery *query = outcome->query;
  g_autoptr(ErrataTrace) trace = NULL;

  if (outcome->reply == NULL)
    {
      run->result.n_failed++;
      return errata_synth_queries_set_error (run->project, query->id, run->result.batch_id,
                                             outcome->error, error);
    }
  trace = errata_synth_run_make_trace (query->id, query->tuple_id, run->result.batch_id,
                                       query->text, query->dimensions, run->target,
                                       outcome->reply);
  if (!_errata_import_store_add (store, trace, NULL, NULL, error))
    return FALSE;
  run->result.n_traces++;
  return errata_synth_queries_set_trace (run->project, query->id, run->result.batch_id,
                                         errata_trace_get_id (trace), error);
}

static gboolean
update_batch (Run         *run,
              const char  *status,
              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (run->project,
                                 "UPDATE synth_batches SET n_done = ?2, n_failed = ?3,"
                                 " status = ?4, ended_at = CASE WHEN ?4 = 'running' THEN NULL"
                                 " ELSE ?5 END WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->result.batch_id);
  sqlite3_bind_int (stmt, 2, run->result.n_traces);
  sqlite3_bind_int (stmt, 3, run->result.n_failed);
  sqlite3_bind_text (stmt, 4, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  return _errata_project_step_write (run->project, stmt, _("save the run"), error);
}

/* One transaction: the traces, their queries' links and the batch's counts
 * together, so that they always agree. */
static gboolean
flush (Run         *run,
       const char  *status,
       GError     **error)
{
  ErrataImportStore *store;
  ErrataSynthRunResult before = run->result;

  g_clear_handle_id (&run->flush_id, g_source_remove);
  if (!errata_project_begin (run->project, error))
    return FALSE;
  store = _errata_import_store_new (run->project, run->report, G_MAXUINT, NULL, NULL);
  for (guint i = 0; i < run->pending->len; i++)
    if (!store_outcome (run, store, g_ptr_array_index (run->pending, i), error))
      goto fail;
  if (!update_batch (run, status, error) || !_errata_import_store_commit (store, error)
      || !errata_project_commit (run->project, error))
    goto fail;
  _errata_import_store_free (store);
  g_ptr_array_set_size (run->pending, 0);
  return TRUE;

fail:
  _errata_import_store_rollback (store);
  _errata_import_store_free (store);
  errata_project_rollback (run->project);
  run->result = before;
  return FALSE;
}

static gboolean
on_flush_timer (gpointer user_data)
{
  Run *run = user_data;

  run->flush_id = 0;
  if (run->store_error == NULL)
    flush (run, "running", &run->store_error);
  return G_SOURCE_REMOVE;
}

/* Calls ------------------------------------------------------------------- */

static void
finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task));
  GError *error = NULL;

  run->result.cancelled = cancelled;
  run->result.done = run->returned;
  if (run->store_error == NULL)
    flush (run, cancelled ? "cancelled" : "done", &run->store_error);
  if (run->store_error != NULL)
    {
      error = g_steal_pointer (&run->store_error);
      g_clear_pointer (&run->pending, g_ptr_array_unref);
      run->pending = g_ptr_array_new ();
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  GTask            *task;
  ErrataSynthQuery *query;
} CallData;

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CallData *data = user_data;
  g_autoptr(GTask) task = data->task;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Outcome *outcome = g_new0 (Outcome, 1);

  outcome->query = data->query;
  outcome->reply = errata_synth_target_call_finish (ERRATA_SYNTH_TARGET (source), result, &error);
  g_free (data);
  run->returned++;
  /* Cancelled calls were never answered: they stay to run, not failed. */
  if (outcome->reply == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outcome_free (outcome);
  else
    {
      if (outcome->reply == NULL)
        {
          outcome->error = g_strdup (error->message);
          run->returned_failed++;
        }
      else
        run->returned_ok++;
      g_ptr_array_add (run->pending, outcome);
    }
  run->result.done = run->returned;
  if (run->progress != NULL)
    {
      /* What came back so far, committed or not. */
      ErrataSynthRunResult so_far = run->result;

      so_far.n_failed = run->returned_failed;
      so_far.n_traces = run->returned_ok;
      run->progress (&so_far, run->progress_data);
    }
  if (run->returned == run->result.total)
    finish (task);
  else if (run->pending->len >= FLUSH_EVERY && run->store_error == NULL)
    flush (run, "running", &run->store_error);
  else if (run->pending->len > 0 && run->flush_id == 0)
    run->flush_id = g_timeout_add (FLUSH_AFTER_MS, on_flush_timer, run);
}

static gboolean
insert_batch (Run     *run,
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
  sqlite3_bind_int (stmt, 2, run->result.total);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (!_errata_project_step_write (run->project, stmt, _("start the run"), error))
    return FALSE;
  run->result.batch_id = sqlite3_last_insert_rowid (_errata_project_get_db (run->project));
  return TRUE;
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
  g_autoptr(GCancellable) own = NULL;
  GError *error = NULL;
  Run *run;

  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (ERRATA_IS_SYNTH_TARGET (target));

  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();
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
  run->report = errata_import_report_new ();
  run->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)outcome_free);
  run->progress = progress;
  run->progress_data = progress_data;
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);
  run->queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_TO_RUN, &error);
  if (run->queries == NULL)
    {
      run->queries = g_ptr_array_new ();
      g_task_return_error (task, error);
      return;
    }
  run->result.total = run->queries->len;
  if (run->result.total == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!insert_batch (run, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < run->queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (run->queries, i);
      CallData *data = g_new0 (CallData, 1);

      data->task = g_object_ref (task);
      data->query = query;
      errata_synth_target_call_async (target, query->text, query->dimensions, cancellable,
                                      on_reply, data);
    }
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
    *out = run != NULL ? run->result : (ErrataSynthRunResult){ 0 };
  return g_task_propagate_boolean (G_TASK (result), error);
}
