/* errata-eval-run-store.c: a run and its verdicts as the project keeps
 * them: the run's row, and the verdicts of a batch with the run's counts in
 * one transaction.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "errata-eval-run-private.h"
#include "errata-eval-batches.h"
#include "errata-eval-scope.h"
#include "errata-project-private.h"

static char *
ids_to_json (GArray *ids)
{
  GString *text = g_string_sized_new (ids->len * 8 + 2);

  g_string_append_c (text, '[');
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" PRId64, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

gboolean
_errata_eval_run_insert (ErrataEvalRun  *self,
            GError        **error)
{
  g_autofree char *owner = _errata_eval_run_owner ();
  g_autofree char *scope_ids = ids_to_json (self->scope_ids);
  sqlite3_stmt *stmt = _errata_project_cached (self->project,
    "INSERT INTO runs (version_id, scope, scope_ids, repeat_of, status, owner, total, max_cost,"
    " forced_reason, started_at) VALUES (?1, ?2, ?3, nullif (?4, 0), 'running', ?5, ?6,"
    " nullif (?7, 0.0), ?8, ?9)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->version_id);
  sqlite3_bind_text (stmt, 2, errata_eval_scope_to_string (self->scope), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, scope_ids, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, self->repeat_of);
  sqlite3_bind_text (stmt, 5, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, (int)self->scope_ids->len);
  sqlite3_bind_double (stmt, 7, self->max_cost);
  if (self->forced_reason != NULL)
    sqlite3_bind_text (stmt, 8, self->forced_reason, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
  if (!_errata_project_step_write (self->project, stmt, _("start the run"), error))
    return FALSE;
  self->run_id = sqlite3_last_insert_rowid (_errata_project_get_db (self->project));
  return TRUE;
}

gboolean
_errata_eval_run_reopen (ErrataEvalRun  *self,
            GError        **error)
{
  g_autofree char *owner = _errata_eval_run_owner ();
  sqlite3_stmt *stmt = _errata_project_cached (self->project,
    "UPDATE runs SET status = 'running', owner = ?2, ended_at = NULL, message = '',"
    " max_cost = nullif (?3, 0.0) WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->run_id);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 3, self->max_cost);
  return _errata_project_step_write (self->project, stmt, _("resume the run"), error);
}

static gboolean
insert_verdict (ErrataEvalRun  *self,
                const Pending  *pending,
                GError        **error)
{
  const ErrataEvalOutcome *outcome = pending->outcome;
  sqlite3_stmt *stmt = _errata_project_cached (self->project,
    "INSERT OR REPLACE INTO verdicts (run_id, trace_id, verdict, reasoning, raw, error,"
    " latency_ms, tokens_in, tokens_out, cost, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->run_id);
  sqlite3_bind_int64 (stmt, 2, pending->trace_id);
  sqlite3_bind_text (stmt, 3, errata_judge_verdict_to_string (outcome->verdict), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, outcome->reasoning ? outcome->reasoning : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, outcome->raw, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, outcome->error, -1, SQLITE_STATIC);
  if (outcome->latency_ms >= 0)
    sqlite3_bind_double (stmt, 7, outcome->latency_ms);
  sqlite3_bind_int64 (stmt, 8, outcome->tokens_in);
  sqlite3_bind_int64 (stmt, 9, outcome->tokens_out);
  sqlite3_bind_double (stmt, 10, outcome->cost);
  sqlite3_bind_int64 (stmt, 11, g_get_real_time ());
  return _errata_project_step_write (self->project, stmt, _("save a verdict"), error);
}

static gboolean
update_counts (ErrataEvalRun  *self,
               gboolean        ended,
               GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (self->project,
    "UPDATE runs SET n_pass = ?2, n_fail = ?3, n_error = ?4, tokens_in = ?5, tokens_out = ?6,"
    " cost = ?7, status = ?8, message = ?9, ended_at = ?10, total = ?11 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->run_id);
  sqlite3_bind_int (stmt, 2, (int)self->progress.n_pass);
  sqlite3_bind_int (stmt, 3, (int)self->progress.n_fail);
  sqlite3_bind_int (stmt, 4, (int)self->progress.n_error);
  sqlite3_bind_int64 (stmt, 5, self->progress.tokens_in);
  sqlite3_bind_int64 (stmt, 6, self->progress.tokens_out);
  sqlite3_bind_double (stmt, 7, self->progress.cost);
  sqlite3_bind_text (stmt, 8, errata_run_status_to_string (ended ? self->status
                                                                 : ERRATA_RUN_RUNNING),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, self->message ? self->message : "", -1, SQLITE_STATIC);
  if (ended)
    sqlite3_bind_int64 (stmt, 10, g_get_real_time ());
  sqlite3_bind_int (stmt, 11, (int)self->progress.total);
  return _errata_project_step_write (self->project, stmt, _("save the run"), error);
}

/* One transaction: the batch's verdicts, the replies cached for them and
 * the run's counts together, so that the counts always agree with the
 * verdicts a killed run leaves, and one commit serves them all. */
gboolean
_errata_eval_run_flush (ErrataEvalRun  *self,
       gboolean        ended,
       GError        **error)
{
  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (!errata_project_begin (self->project, error))
    return FALSE;
  for (guint i = 0; i < self->pending->len; i++)
    if (!insert_verdict (self, &g_array_index (self->pending, Pending, i), error))
      {
        errata_project_rollback (self->project);
        return FALSE;
      }
  /* The replies the judge cached since the last batch: a verdict and the
   * reply it came from are committed together (or lost together). */
  if ((self->holding && !errata_eval_method_write_held (self->method, error))
      || !update_counts (self, ended, error) || !errata_project_commit (self->project, error))
    {
      errata_project_rollback (self->project);
      return FALSE;
    }
  g_array_set_size (self->pending, 0);
  return TRUE;
}

/* The method's held writes go on their own again (what is left is
 * written at once). Once, when the run ends. */
gboolean
_errata_eval_run_stop_holding (ErrataEvalRun  *self,
                               GError        **error)
{
  if (!self->holding)
    return TRUE;
  self->holding = FALSE;
  return errata_eval_method_release_writes (self->method, error);
}

/* A run with batches at the provider goes on only as a batch run
 * (errata-eval-batch.h): a live resume would pay for them twice. */
gboolean
_errata_eval_run_check_no_batches (ErrataEvalRun  *self,
                                   GError        **error)
{
  gboolean live = FALSE;

  if (!self->resuming)
    return TRUE;
  if (!errata_eval_batches_has_live (self->project, self->run_id, &live, error))
    return FALSE;
  if (live)
    g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                 /* Translators: %s is a command line. */
                 _("This run has batches at the provider: resume it as a batch run (%s)."),
                 "errata-cli eval run … --batch --resume");
  return !live;
}
