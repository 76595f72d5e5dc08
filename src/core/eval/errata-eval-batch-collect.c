/* errata-eval-batch-collect.c: an ended batch's results, downloaded and
 * written as verdicts, a chunk per transaction.
 *
 * Collecting is idempotent, so that a process killed halfway loses
 * nothing and writes nothing twice: the batch is marked "collecting"
 * before the first verdict, and a batch found in that state skips the
 * traces that already have their verdict in the run. A trace the results
 * do not mention (the provider lost it) gets a verdict of kind error too:
 * every trace of a collected batch has exactly one verdict.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-eval-batch-private.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "errata-eval-run-private.h"
#include "errata-llm-error.h"
#include "errata-llm-wire.h"
#include "errata-project-private.h"

struct _Collector
{
  ErrataEvalBatch    *self;       /* not a reference: the batch owns us */
  ErrataEvalBatchRow *row;
  GHashTable         *expected;   /* trace ids still without a verdict */
  GPtrArray          *files;      /* of GFile: output, then errors */
  guint               file_index;
  GDataInputStream   *lines;
  JsonParser         *parser;
  gboolean            cancelled;  /* the batch was cancelled: what did not run
                                   * gets no verdict, and is sent again on resume */
};

void
_errata_eval_batch_collector_free (Collector *collector)
{
  if (collector == NULL)
    return;
  g_clear_pointer (&collector->expected, g_hash_table_unref);
  g_clear_pointer (&collector->files, g_ptr_array_unref);
  g_clear_object (&collector->lines);
  g_clear_object (&collector->parser);
  g_free (collector);
}

/* ---- one result line ------------------------------------------------------ */

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static ErrataEvalOutcome *
expired_outcome (ErrataEvalBatch *self)
{
  self->n_expired++;
  return errata_eval_outcome_new_error (_("Expired: the provider’s batch window (24 hours) "
                                          "ended before this request ran"));
}

static ErrataEvalOutcome *
errored_outcome (ErrataEvalBatch *self,
                 const char      *message)
{
  g_autofree char *text = g_strdup_printf (_("The provider’s batch answered this request with "
                                             "an error: %s"),
                                           message != NULL ? message : _("no reason given"));

  self->n_errored++;
  return errata_eval_outcome_new_error (text);
}

/* A reply read exactly as a live one, priced at the batch discount. */
static ErrataEvalOutcome *
reply_outcome (ErrataEvalBatch *self,
               JsonObject      *body)
{
  const ErrataLlmProvider *provider = errata_llm_batch_api_get_provider (self->api);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmReply) reply = NULL;
  const char *model;

  reply = _errata_llm_wire_parse_reply_object (provider, self->parse_request, body, &error);
  if (reply == NULL)
    return errata_eval_outcome_new_error (error->message);
  model = reply->model != NULL ? reply->model : errata_judge_get_model (self->judge);
  reply->latency_ms = -1;  /* a batch says nothing of one request's time */
  reply->cost = self->prices != NULL
                ? errata_llm_prices_batch_cost (self->prices, model, MAX (reply->tokens_in, 0),
                                                MAX (reply->tokens_out, 0))
                : 0;
  return errata_judge_read_reply (self->judge, reply);
}

/* OpenAI: {"custom_id", "response": {"status_code", "body"}, "error"}. */
static ErrataEvalOutcome *
openai_outcome (ErrataEvalBatch *self,
                JsonObject      *line)
{
  JsonObject *error = object_member (line, "error");
  JsonObject *response = object_member (line, "response");
  JsonObject *body = object_member (response, "body");
  gint64 status = response != NULL && json_object_has_member (response, "status_code")
                  ? json_object_get_int_member (response, "status_code") : 0;

  if (g_strcmp0 (string_member (error, "code"), "batch_expired") == 0)
    return expired_outcome (self);
  if (error != NULL)
    return errored_outcome (self, string_member (error, "message"));
  if (status != 200 || body == NULL)
    return errored_outcome (self, string_member (object_member (body, "error"), "message"));
  return reply_outcome (self, body);
}

/* Anthropic: {"custom_id", "result": {"type", "message" | "error"}}. */
static ErrataEvalOutcome *
anthropic_outcome (ErrataEvalBatch *self,
                   JsonObject      *line)
{
  JsonObject *result = object_member (line, "result");
  const char *type = string_member (result, "type");
  JsonObject *error = object_member (result, "error");

  if (g_strcmp0 (type, "succeeded") == 0 && object_member (result, "message") != NULL)
    return reply_outcome (self, object_member (result, "message"));
  if (g_strcmp0 (type, "expired") == 0)
    return expired_outcome (self);
  /* {"type": "error", "error": {"type": …, "message": …}} */
  if (object_member (error, "error") != NULL)
    error = object_member (error, "error");
  return errored_outcome (self, string_member (error, "message"));
}

static gboolean
parse_custom_id (ErrataEvalBatch *self,
                 const char      *custom_id,
                 gint64          *trace_id)
{
  gint64 version = 0;
  char tail;

  return custom_id != NULL
         && sscanf (custom_id, "t%" PRId64 "-v%" PRId64 "%c", trace_id,
                    &version, &tail) == 2
         && version == self->run->version_id;
}

/* A trace deleted while its batch ran is no longer part of the run (a
 * verdict could not name it), as in a live run. */
static gboolean
trace_exists (ErrataEvalBatch *self,
              gint64           trace_id)
{
  sqlite3_stmt *stmt = _errata_project_cached (self->project,
                                               "SELECT 1 FROM traces WHERE id = ?1", NULL);
  gboolean exists;

  if (stmt == NULL)
    return TRUE;  /* the insert will say what is wrong */
  sqlite3_bind_int64 (stmt, 1, trace_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!exists)
    self->run->progress.total--;
  return exists;
}

static void
take_line (Collector  *collector,
           const char *text,
           gsize       length)
{
  ErrataEvalBatch *self = collector->self;
  gboolean anthropic = errata_llm_batch_api_get_provider (self->api)->kind
                       == ERRATA_LLM_KIND_ANTHROPIC;
  JsonNode *root;
  JsonObject *line;
  ErrataEvalOutcome *outcome;
  gint64 trace_id;

  if (!json_parser_load_from_data (collector->parser, text, length, NULL)
      || (root = json_parser_get_root (collector->parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    return;  /* the trace it was for gets "no result" */
  line = json_node_get_object (root);
  if (anthropic ? g_strcmp0 (string_member (object_member (line, "result"), "type"),
                             "canceled") == 0
                : g_strcmp0 (string_member (object_member (line, "error"), "code"),
                             "batch_cancelled") == 0)
    {
      /* Cancelled before it ran: record_missing() writes it no verdict. */
      collector->cancelled = TRUE;
      return;
    }
  /* A line of another run, or a trace seen already (a resumed collection,
   * a line the provider repeated): nothing to write. */
  if (!parse_custom_id (self, string_member (line, "custom_id"), &trace_id)
      || !g_hash_table_remove (collector->expected, &trace_id)
      || !trace_exists (self, trace_id))
    return;
  outcome = anthropic ? anthropic_outcome (self, line) : openai_outcome (self, line);
  _errata_eval_run_record (self->run, trace_id, outcome);
}

/* ---- the whole batch ------------------------------------------------------ */

static void collect_next_file (Collector *collector);

static void
collector_done (Collector *collector,
                GError    *error)
{
  ErrataEvalBatch *self = collector->self;

  if (error != NULL)
    _errata_eval_batch_fail (self, error);
  g_clear_pointer (&self->collector, _errata_eval_batch_collector_free);
  _errata_eval_batch_step (self);
}

/* The traces the results left out: one error verdict each. */
static gboolean
record_missing (Collector  *collector,
                GError    **error)
{
  ErrataEvalBatch *self = collector->self;
  GHashTableIter iter;
  gint64 *trace_id;

  g_hash_table_iter_init (&iter, collector->expected);
  while (g_hash_table_iter_next (&iter, (gpointer *) &trace_id, NULL))
    {
      if (!trace_exists (self, *trace_id))
        continue;
      if (collector->cancelled)
        {
          self->n_not_run++;
          continue;
        }
      self->n_errored++;
      _errata_eval_run_record (self->run, *trace_id,
                               errata_eval_outcome_new_error (_("The provider’s batch ended "
                                                                "without a result for this "
                                                                "request")));
    }
  g_hash_table_remove_all (collector->expected);
  return _errata_eval_run_flush (self->run, FALSE, error);
}

static void
complete (Collector *collector)
{
  ErrataEvalBatch *self = collector->self;
  g_autoptr(GError) error = NULL;

  if (!record_missing (collector, &error))
    {
      collector_done (collector, error);
      return;
    }
  collector->row->state = ERRATA_EVAL_BATCH_COLLECTED;
  if (!errata_eval_batches_update (self->project, collector->row, &error))
    {
      collector_done (collector, error);
      return;
    }
  _errata_eval_batch_changed (self);
  collector_done (collector, NULL);
}

static gboolean
read_chunk (gpointer data)
{
  Collector *collector = data;
  ErrataEvalBatch *self = collector->self;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  self->source = 0;
  while (n < self->chunk)
    {
      gsize length;
      g_autofree char *line = g_data_input_stream_read_line (collector->lines, &length, NULL,
                                                             &error);

      if (line == NULL)
        break;
      if (length > 0)
        take_line (collector, line, length);
      n++;
    }
  /* One transaction for the chunk's verdicts and the run's counts. */
  if (error != NULL || !_errata_eval_run_flush (self->run, FALSE, &error))
    {
      collector_done (collector, error);
      return G_SOURCE_REMOVE;
    }
  if (n < self->chunk)
    {
      g_clear_object (&collector->lines);
      collector->file_index++;
      collect_next_file (collector);
    }
  else
    self->source = g_idle_add (read_chunk, collector);
  return G_SOURCE_REMOVE;
}

static void
collect_next_file (Collector *collector)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (collector->self->task == NULL || g_cancellable_is_cancelled (
        g_task_get_cancellable (collector->self->task)))
    {
      collector_done (collector, NULL);
      return;
    }
  if (collector->file_index >= collector->files->len)
    {
      complete (collector);
      return;
    }
  stream = g_file_read (g_ptr_array_index (collector->files, collector->file_index), NULL,
                        &error);
  if (stream == NULL)
    {
      collector_done (collector, error);
      return;
    }
  collector->lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (collector->lines),
                                           256 * 1024);
  collector->self->source = g_idle_add (read_chunk, collector);
}

static void download_next (Collector *collector);

static void
on_downloaded (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Collector *collector = data;
  ErrataEvalBatch *self = collector->self;
  g_autoptr(GError) error = NULL;

  if (!errata_llm_batch_api_download_finish (ERRATA_LLM_BATCH_API (source), result, &error))
    {
      /* Busy or unreachable: the batch stays "collecting" and is tried
       * again after the next wait. */
      if (errata_llm_batch_error_is_transient (error))
        {
          g_clear_pointer (&self->collector, _errata_eval_batch_collector_free);
          _errata_eval_batch_wait_then_step (self);
        }
      else
        collector_done (collector,
                        g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED)
                        ? NULL : error);
      g_object_unref (self);
      return;
    }
  collector->file_index++;
  download_next (collector);
  g_object_unref (self);
}

static const char *
file_name_of (ErrataEvalBatchRow *row,
              guint               index)
{
  return index == 0 && row->output != NULL ? row->output : row->errors;
}

/* Downloads the output and error files in turn, then reads them. */
static void
download_next (Collector *collector)
{
  ErrataEvalBatch *self = collector->self;
  ErrataEvalBatchRow *row = collector->row;
  guint n_files = (row->output != NULL) + (row->errors != NULL);
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;

  if (collector->file_index >= n_files)
    {
      collector->file_index = 0;
      collect_next_file (collector);
      return;
    }
  name = g_strdup_printf ("results-%" PRId64 "-%u", row->id, collector->file_index);
  file = _errata_eval_batch_tmp_file (self, name);
  g_ptr_array_add (collector->files, g_object_ref (file));
  errata_llm_batch_api_download_async (self->api, file_name_of (row, collector->file_index), file,
                                       g_task_get_cancellable (self->task), on_downloaded,
                                       collector);
  g_object_ref (self);
}

/* The traces of the batch without a verdict in the run yet. */
static gboolean
load_expected (Collector  *collector,
               gboolean    resumed,
               GError    **error)
{
  ErrataEvalBatch *self = collector->self;
  GArray *ids = collector->row->trace_ids;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (collector->expected, &g_array_index (ids, gint64, i));
  if (!resumed)
    return TRUE;
  stmt = _errata_project_cached (self->project, "SELECT trace_id FROM verdicts WHERE run_id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->run->run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 trace_id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_remove (collector->expected, &trace_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self->project, error, _("read the verdicts"));
  return TRUE;
}

void
_errata_eval_batch_collect (ErrataEvalBatch    *self,
                            ErrataEvalBatchRow *row)
{
  g_autoptr(GError) error = NULL;
  gboolean resumed = row->state == ERRATA_EVAL_BATCH_COLLECTING;
  Collector *collector;

  g_assert (self->collector == NULL);
  collector = self->collector = g_new0 (Collector, 1);
  collector->self = self;
  collector->row = row;
  collector->expected = g_hash_table_new (g_int64_hash, g_int64_equal);
  collector->files = g_ptr_array_new_with_free_func (g_object_unref);
  collector->parser = json_parser_new_immutable ();
  collector->cancelled = self->cancel_at_provider
                         || g_strcmp0 (row->provider_status, "cancelled") == 0;
  row->state = ERRATA_EVAL_BATCH_COLLECTING;
  if (!load_expected (collector, resumed, &error)
      || (!resumed && !errata_eval_batches_update (self->project, row, &error)))
    {
      collector_done (collector, error);
      return;
    }
  download_next (collector);
}
