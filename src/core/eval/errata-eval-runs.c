/* errata-eval-runs.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-eval-runs.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errata-eval-run-private.h"
#include "errata-json-guard.h"
#include "errata-project-private.h"

#define RUN_COLUMNS \
  "r.id, r.version_id, v.evaluator_id, v.number, r.scope, r.status, ifnull (r.repeat_of, 0)," \
  " r.total, r.n_pass, r.n_fail, r.n_error, r.tokens_in, r.tokens_out, r.cost," \
  " ifnull (r.max_cost, 0), r.forced_reason, r.message, r.started_at, ifnull (r.ended_at, 0)," \
  " r.owner"
#define RUN_FROM "FROM runs r JOIN evaluator_versions v ON v.id = r.version_id"

void
errata_run_info_free (ErrataRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->forced_reason);
  g_free (info->message);
  g_free (info->owner);
  g_free (info);
}

char *
_errata_eval_run_owner (void)
{
  return g_strdup_printf ("%s:%d", g_get_host_name (), (int)getpid ());
}

/* A run stored as running whose process is gone (kill -9, a crash, power)
 * was interrupted. Only a process on this host can be asked; a run owned
 * by another machine (a project on a shared disk) keeps its word. */
static gboolean
owner_is_gone (ErrataProject *project,
               const char    *owner,
               gint64         run_id)
{
  const char *colon = strrchr (owner, ':');
  g_autofree char *host = NULL;
  gint64 pid;

  if (colon == NULL)
    return TRUE;
  host = g_strndup (owner, colon - owner);
  if (!g_str_equal (host, g_get_host_name ()))
    return FALSE;
  pid = g_ascii_strtoll (colon + 1, NULL, 10);
  if (pid <= 0)
    return TRUE;
  if (pid == getpid ())
    return !_errata_eval_run_is_active_here (project, run_id);
  return kill ((pid_t)pid, 0) != 0 && errno == ESRCH;
}

static ErrataRunInfo *
run_from_row (sqlite3_stmt *stmt)
{
  ErrataRunInfo *info = g_new0 (ErrataRunInfo, 1);
  const char *text;

  info->id = sqlite3_column_int64 (stmt, 0);
  info->version_id = sqlite3_column_int64 (stmt, 1);
  info->evaluator_id = sqlite3_column_int64 (stmt, 2);
  info->version = (guint)sqlite3_column_int (stmt, 3);
  if (!errata_eval_scope_from_string ((const char *)sqlite3_column_text (stmt, 4), &info->scope))
    info->scope = ERRATA_SCOPE_IDS;
  info->status = errata_run_status_from_string ((const char *)sqlite3_column_text (stmt, 5));
  info->repeat_of = sqlite3_column_int64 (stmt, 6);
  info->total = (guint)sqlite3_column_int (stmt, 7);
  info->n_pass = (guint)sqlite3_column_int (stmt, 8);
  info->n_fail = (guint)sqlite3_column_int (stmt, 9);
  info->n_error = (guint)sqlite3_column_int (stmt, 10);
  info->tokens_in = sqlite3_column_int64 (stmt, 11);
  info->tokens_out = sqlite3_column_int64 (stmt, 12);
  info->cost = sqlite3_column_double (stmt, 13);
  info->max_cost = sqlite3_column_double (stmt, 14);
  text = (const char *)sqlite3_column_text (stmt, 15);
  info->forced_reason = text != NULL ? g_strdup (text) : NULL;
  text = (const char *)sqlite3_column_text (stmt, 16);
  info->message = g_strdup (text != NULL ? text : "");
  info->started_at = sqlite3_column_int64 (stmt, 17);
  info->ended_at = sqlite3_column_int64 (stmt, 18);
  text = (const char *)sqlite3_column_text (stmt, 19);
  info->owner = g_strdup (text != NULL ? text : "");
  return info;
}

static GPtrArray *
collect_runs (ErrataProject  *project,
              sqlite3_stmt   *stmt,
              GError        **error)
{
  GPtrArray *runs = _errata_project_collect_rows (project, stmt, (gpointer)run_from_row,
                                                  (GDestroyNotify)errata_run_info_free,
                                                  _("read the runs"), error);

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      ErrataRunInfo *info = runs->pdata[i];

      if (info->status == ERRATA_RUN_RUNNING && owner_is_gone (project, info->owner, info->id))
        info->status = ERRATA_RUN_INTERRUPTED;
    }
  return runs;
}

ErrataRunInfo *
errata_eval_runs_get (ErrataProject  *project,
                      gint64          run_id,
                      GError        **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT " RUN_COLUMNS " " RUN_FROM " WHERE r.id = ?1",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  runs = collect_runs (project, stmt, error);
  if (runs == NULL)
    return NULL;
  if (runs->len == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" PRId64, run_id);

      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                   /* Translators: %s is a run's number. */
                   _("The project has no run %s."), number);
      return NULL;
    }
  return g_ptr_array_steal_index (runs, 0);
}

/* Newest first. */
GPtrArray *
errata_eval_runs_list (ErrataProject  *project,
                       gint64          evaluator_id,
                       GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT " RUN_COLUMNS " " RUN_FROM
                                 " WHERE v.evaluator_id = ?1 ORDER BY r.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  return collect_runs (project, stmt, error);
}

/* The newest run of a scope (version 0: any version), whatever its
 * status; NULL without an error when there is none. */
ErrataRunInfo *
errata_eval_runs_find_latest (ErrataProject    *project,
                              gint64            evaluator_id,
                              guint             version,
                              ErrataEvalScope   scope,
                              GError          **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT " RUN_COLUMNS " " RUN_FROM
                                 " WHERE v.evaluator_id = ?1 AND (?2 = 0 OR v.number = ?2)"
                                 " AND r.scope = ?3 ORDER BY r.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  sqlite3_bind_int (stmt, 2, (int)version);
  sqlite3_bind_text (stmt, 3, errata_eval_scope_to_string (scope), -1, SQLITE_STATIC);
  runs = collect_runs (project, stmt, error);
  if (runs == NULL || runs->len == 0)
    return NULL;
  return g_ptr_array_steal_index (runs, 0);
}

/* The traces the run set out to judge, as resolved when it started. */
GArray *
errata_eval_runs_scope_ids (ErrataProject  *project,
                            gint64          run_id,
                            GError        **error)
{
  g_autoptr(JsonNode) node = NULL;
  GArray *ids;
  sqlite3_stmt *stmt;
  g_autofree char *text = NULL;
  JsonArray *array;
  int rc;

  stmt = _errata_project_cached (project, "SELECT scope_ids FROM runs WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the runs")), NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  node = text != NULL ? errata_json_from_string (text, NULL) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return ids;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = json_array_get_int_element (array, i);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* Every stored verdict of a run, ordered by trace id. */
GArray *
errata_eval_runs_verdicts (ErrataProject  *project,
                           gint64          run_id,
                           GError        **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ErrataVerdictEntry));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_cached (project, "SELECT trace_id, verdict FROM verdicts"
                                 " WHERE run_id = ?1 ORDER BY trace_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ErrataVerdictEntry entry = { sqlite3_column_int64 (stmt, 0), ERRATA_JUDGE_ERROR };

      errata_judge_verdict_from_string ((const char *)sqlite3_column_text (stmt, 1),
                                        &entry.verdict);
      g_array_append_val (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the verdicts")), NULL;
  return g_steal_pointer (&entries);
}

static char *
column_text_or_null (sqlite3_stmt *stmt,
                     int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* What a run said about one trace, reasoning and all (the disagreement
 * browser shows it beside the human's label); %NULL with
 * ERRATA_EVAL_ERROR_NOT_FOUND when the run has no verdict on it. */
ErrataEvalOutcome *
errata_eval_runs_get_outcome (ErrataProject  *project,
                              gint64          run_id,
                              gint64          trace_id,
                              GError        **error)
{
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  ErrataJudgeVerdict verdict = ERRATA_JUDGE_ERROR;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT verdict, reasoning, raw, error, latency_ms,"
                                 " tokens_in, tokens_out, cost FROM verdicts"
                                 " WHERE run_id = ?1 AND trace_id = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, trace_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      errata_judge_verdict_from_string ((const char *)sqlite3_column_text (stmt, 0), &verdict);
      outcome = errata_eval_outcome_new (verdict);
      outcome->reasoning = column_text_or_null (stmt, 1);
      outcome->raw = column_text_or_null (stmt, 2);
      outcome->error = column_text_or_null (stmt, 3);
      outcome->latency_ms = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                            ? -1 : sqlite3_column_double (stmt, 4);
      outcome->tokens_in = sqlite3_column_int64 (stmt, 5);
      outcome->tokens_out = sqlite3_column_int64 (stmt, 6);
      outcome->cost = sqlite3_column_double (stmt, 7);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return g_steal_pointer (&outcome);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read a verdict")), NULL;
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
               _("Run %" PRId64 " has no verdict on trace %" PRId64 "."),
               run_id, trace_id);
  return NULL;
}

/* The runs of one --repeat group, oldest first: the first run and every
 * run that names it as repeat_of. */
GPtrArray *
errata_eval_runs_repeat_group (ErrataProject  *project,
                               gint64          run_id,
                               GError        **error)
{
  g_autoptr(ErrataRunInfo) run = errata_eval_runs_get (project, run_id, error);
  sqlite3_stmt *stmt;
  gint64 first;

  if (run == NULL)
    return NULL;
  first = run->repeat_of != 0 ? run->repeat_of : run->id;
  stmt = _errata_project_cached (project, "SELECT " RUN_COLUMNS " " RUN_FROM
                                 " WHERE r.id = ?1 OR r.repeat_of = ?1 ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first);
  return collect_runs (project, stmt, error);
}
