/* errata-eval-batches.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-eval-batches.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "errata-project-private.h"

static const char * const state_names[] = {
  "pending", "submitted", "ended", "collecting", "collected", "failed",
};

const char *
errata_eval_batch_state_to_string (ErrataEvalBatchState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), "failed");

  return state_names[state];
}

static ErrataEvalBatchState
state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return (ErrataEvalBatchState) i;
  return ERRATA_EVAL_BATCH_FAILED;
}

/* Still owes verdicts that will come without sending anything again. */
gboolean
errata_eval_batch_state_is_live (ErrataEvalBatchState state)
{
  return state != ERRATA_EVAL_BATCH_COLLECTED && state != ERRATA_EVAL_BATCH_FAILED;
}

void
errata_eval_batch_row_free (ErrataEvalBatchRow *row)
{
  if (row == NULL)
    return;
  g_free (row->provider);
  g_free (row->base_url);
  g_free (row->batch_id);
  g_free (row->provider_status);
  g_clear_pointer (&row->trace_ids, g_array_unref);
  g_free (row->output);
  g_free (row->errors);
  g_free (row->message);
  g_free (row);
}

/* "[1,2,3]": a JSON array, read without a JSON parser (100,000 ids). */
static char *
ids_to_text (GArray *ids)
{
  GString *text = g_string_sized_new (ids->len * 8 + 2);

  g_string_append_c (text, '[');
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" PRId64, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static GArray *
ids_from_text (const char *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      char *end;
      gint64 id;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      id = g_ascii_strtoll (p, &end, 10);
      g_array_append_val (ids, id);
      p = end;
    }
  return ids;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static ErrataEvalBatchRow *
read_row (sqlite3_stmt *stmt,
          gboolean      with_trace_ids)
{
  ErrataEvalBatchRow *row = g_new0 (ErrataEvalBatchRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->run_id = sqlite3_column_int64 (stmt, 1);
  row->provider = dup_column (stmt, 2);
  row->base_url = dup_column (stmt, 3);
  row->batch_id = dup_column (stmt, 4);
  row->state = state_from_string ((const char *) sqlite3_column_text (stmt, 5));
  row->provider_status = dup_column (stmt, 6);
  if (with_trace_ids)
    row->trace_ids = ids_from_text ((const char *) sqlite3_column_text (stmt, 7));
  row->n_requests = sqlite3_column_int64 (stmt, 8);
  row->n_succeeded = sqlite3_column_int64 (stmt, 9);
  row->n_errored = sqlite3_column_int64 (stmt, 10);
  row->n_expired = sqlite3_column_int64 (stmt, 11);
  row->output = dup_column (stmt, 12);
  row->errors = dup_column (stmt, 13);
  row->message = dup_column (stmt, 14);
  row->created_at = sqlite3_column_int64 (stmt, 15);
  row->updated_at = sqlite3_column_int64 (stmt, 16);
  return row;
}

/* The batches of @run_id in the order they were made; with_trace_ids
 * reads the traces of each too. */
GPtrArray *
errata_eval_batches_list (ErrataProject  *project,
                          gint64          run_id,
                          gboolean        with_trace_ids,
                          GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                errata_eval_batch_row_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project,
    "SELECT id, run_id, provider, base_url, batch_id, state, provider_status,"
    " CASE WHEN ?2 THEN trace_ids END, n_requests, n_succeeded, n_errored, n_expired,"
    " output, errors, message, created_at, updated_at"
    " FROM eval_batches WHERE run_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, with_trace_ids);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt, with_trace_ids));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the run's batches")), NULL;
  return g_steal_pointer (&rows);
}

/* A new pending batch of @trace_ids (one statement: its own transaction). */
ErrataEvalBatchRow *
errata_eval_batches_insert (ErrataProject  *project,
                            gint64          run_id,
                            const char     *provider,
                            const char     *base_url,
                            GArray         *trace_ids,
                            GError        **error)
{
  g_autoptr(ErrataEvalBatchRow) row = g_new0 (ErrataEvalBatchRow, 1);
  g_autofree char *ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (trace_ids != NULL, NULL);

  stmt = _errata_project_cached (project,
    "INSERT INTO eval_batches (run_id, provider, base_url, state, trace_ids, n_requests,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?6, ?6)", error);
  if (stmt == NULL)
    return NULL;
  ids = ids_to_text (trace_ids);
  row->run_id = run_id;
  row->provider = g_strdup (provider);
  row->base_url = g_strdup (base_url);
  row->state = ERRATA_EVAL_BATCH_PENDING;
  row->provider_status = g_strdup ("");
  row->trace_ids = g_array_ref (trace_ids);
  row->n_requests = trace_ids->len;
  row->message = g_strdup ("");
  row->created_at = row->updated_at = g_get_real_time ();
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_text (stmt, 2, provider, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, base_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ids, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, trace_ids->len);
  sqlite3_bind_int64 (stmt, 6, row->created_at);
  if (!_errata_project_step_write (project, stmt, _("store a batch"), error))
    return NULL;
  row->id = sqlite3_last_insert_rowid (_errata_project_get_db (project));
  return g_steal_pointer (&row);
}

static void
bind_nullable (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Writes what changes over a batch's life; updated_at is now. */
gboolean
errata_eval_batches_update (ErrataProject       *project,
                            ErrataEvalBatchRow  *row,
                            GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  stmt = _errata_project_cached (project,
    "UPDATE eval_batches SET batch_id = ?2, state = ?3, provider_status = ?4, n_succeeded = ?5,"
    " n_errored = ?6, n_expired = ?7, output = ?8, errors = ?9, message = ?10, updated_at = ?11"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  row->updated_at = g_get_real_time ();
  sqlite3_bind_int64 (stmt, 1, row->id);
  bind_nullable (stmt, 2, row->batch_id);
  sqlite3_bind_text (stmt, 3, errata_eval_batch_state_to_string (row->state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->provider_status ? row->provider_status : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, row->n_succeeded);
  sqlite3_bind_int64 (stmt, 6, row->n_errored);
  sqlite3_bind_int64 (stmt, 7, row->n_expired);
  bind_nullable (stmt, 8, row->output);
  bind_nullable (stmt, 9, row->errors);
  sqlite3_bind_text (stmt, 10, row->message ? row->message : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, row->updated_at);
  return _errata_project_step_write (project, stmt, _("save a batch"), error);
}

/* Whether @run_id has batches at the provider or not yet collected: such a
 * run goes on only as a batch run (a live one would pay twice). */
gboolean
errata_eval_batches_has_live (ErrataProject  *project,
                              gint64          run_id,
                              gboolean       *has_live,
                              GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project,
    "SELECT count (*) FROM eval_batches WHERE run_id = ?1"
    " AND state NOT IN ('collected', 'failed')", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  *has_live = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _errata_project_set_error (project, error, _("read the run's batches"));
  return TRUE;
}

/* The newest run of @evaluator_id that went through a Batch API; 0 when
 * there is none (-1 with @error set when the project cannot be read). */
gint64
errata_eval_batches_latest_run (ErrataProject  *project,
                                gint64          evaluator_id,
                                GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project,
    "SELECT ifnull (max (b.run_id), 0) FROM eval_batches b JOIN runs r ON r.id = b.run_id"
    " JOIN evaluator_versions v ON v.id = r.version_id WHERE v.evaluator_id = ?1", error);
  gint64 run_id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    run_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _errata_project_set_error (project, error, _("read the run's batches")), -1;
  return run_id;
}
