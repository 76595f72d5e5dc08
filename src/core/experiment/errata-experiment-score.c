/* errata-experiment-score.c: a variant's replies judged by the newest
 * finalized version of every evaluator, one eval run per version and
 * variant (and one more for replies added since), through the evaluators
 * core, so that the rules, the consent to send traces to a provider, the
 * trust of commands and the stored verdicts are those of any run.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-experiment-run-private.h"

#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-project-private.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  ErrataEvaluator        *evaluator;
  ErrataEvaluatorVersion *version;
  GArray                 *trace_ids;
} ScoreJob;

static void
score_job_free (ScoreJob *job)
{
  errata_evaluator_free (job->evaluator);
  errata_evaluator_version_free (job->version);
  g_array_unref (job->trace_ids);
  g_free (job);
}

/* The newest version with locked_at set, or NULL. */
static ErrataEvaluatorVersion *
newest_finalized (ErrataProject  *project,
                  gint64          evaluator_id,
                  GError        **error)
{
  g_autoptr(GPtrArray) versions = errata_evaluators_list_versions (project, evaluator_id, error);
  ErrataEvaluatorVersion *best = NULL;
  guint index;

  if (versions == NULL)
    return NULL;
  for (guint i = 0; i < versions->len; i++)
    {
      ErrataEvaluatorVersion *version = g_ptr_array_index (versions, i);

      if (version->locked_at != 0 && (best == NULL || version->number > best->number))
        best = version;
    }
  if (best == NULL || !g_ptr_array_find (versions, best, &index))
    return NULL;
  return g_ptr_array_steal_index (versions, index);
}

/* The variant's traces this version has not judged in a run of this
 * variant yet. */
static GArray *
unjudged_traces (ExperimentRun  *run,
                 gint64          version_id,
                 GError        **error)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_cached (run->project,
                                 "SELECT r.trace_id FROM experiment_replies r"
                                 " WHERE r.variant_id = ?1 AND r.trace_id IS NOT NULL"
                                 " AND NOT EXISTS (SELECT 1 FROM verdicts v"
                                 "   JOIN experiment_scores s ON s.run_id = v.run_id"
                                 "   JOIN runs u ON u.id = v.run_id"
                                 "   WHERE s.variant_id = ?1 AND u.version_id = ?2"
                                 "   AND v.trace_id = r.trace_id)"
                                 " ORDER BY r.trace_id", error);
  if (stmt == NULL)
    {
      g_array_unref (ids);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, run->variant->id);
  sqlite3_bind_int64 (stmt, 2, version_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      _errata_project_set_error (run->project, error, _("read the variant’s replies"));
      return NULL;
    }
  return ids;
}

static gboolean
plan (ExperimentRun  *run,
      GError        **error)
{
  g_autoptr(GPtrArray) evaluators = errata_evaluators_list (run->project, error);

  if (evaluators == NULL)
    return FALSE;
  run->to_score = g_ptr_array_new_with_free_func ((GDestroyNotify)score_job_free);
  for (guint i = 0; i < evaluators->len; i++)
    {
      ErrataEvaluator *evaluator = g_ptr_array_index (evaluators, i);
      g_autoptr(GError) local = NULL;
      ErrataEvaluatorVersion *version = newest_finalized (run->project, evaluator->id, &local);
      ScoreJob *job;

      if (version == NULL)
        {
          if (local != NULL)
            return (g_propagate_error (error, g_steal_pointer (&local)), FALSE);
          g_ptr_array_add (run->skipped,
                           /* Translators: %s is an evaluator's name. */
                           g_strdup_printf (_("“%s”: no finalized version"), evaluator->name));
          continue;
        }
      job = g_new0 (ScoreJob, 1);
      job->evaluator = g_ptr_array_steal_index (evaluators, i--);
      job->version = version;
      job->trace_ids = unjudged_traces (run, version->id, error);
      if (job->trace_ids == NULL)
        return (score_job_free (job), FALSE);
      if (job->trace_ids->len == 0)
        score_job_free (job);
      else
        g_ptr_array_add (run->to_score, job);
    }
  run->result->progress.n_evaluators = run->to_score->len;
  return TRUE;
}

static gboolean
link_run (ExperimentRun  *run,
          gint64          run_id,
          GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (run->project,
                                 "INSERT OR IGNORE INTO experiment_scores (run_id, variant_id)"
                                 " VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, run->variant->id);
  return _errata_project_step_write (run->project, stmt, _("save the variant’s scores"), error);
}

static void score_next (GTask *task);

static void
on_eval_progress (ErrataEvalRun *eval_run,
                  ExperimentRun *run)
{
  ErrataEvalProgress progress;

  errata_eval_run_get_progress (eval_run, &progress);
  run->result->progress.phase = ERRATA_EXPERIMENT_PHASE_SCORING;
  run->result->progress.judged = progress.done;
  run->result->progress.to_judge = progress.total;
  _errata_experiment_run_report (run);
}

static void
on_scored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExperimentRun *run = g_task_get_task_data (task);
  ErrataEvalRun *eval_run = ERRATA_EVAL_RUN (source);
  ScoreJob *job = g_ptr_array_index (run->to_score, 0);
  g_autoptr(GError) error = NULL;
  gint64 id = errata_eval_run_get_id (eval_run);

  g_signal_handlers_disconnect_by_func (eval_run, on_eval_progress, run);
  if (!errata_eval_run_start_finish (eval_run, result, &error))
    g_ptr_array_add (run->skipped, g_strdup_printf ("“%s”: %s", job->evaluator->name,
                                                    error->message));
  if (id > 0)
    g_array_append_val (run->result->eval_run_ids, id);
  g_clear_object (&run->eval_run);
  g_ptr_array_remove_index (run->to_score, 0);
  run->result->progress.evaluators_done++;
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      run->result->progress.cancelled = TRUE;
      _errata_experiment_run_return (task);
      return;
    }
  score_next (g_steal_pointer (&task));
}

static ErrataEvalMethod *
method_for (ExperimentRun  *run,
            ScoreJob       *job,
            GError        **error)
{
  gboolean needs_llm = errata_evaluator_method_needs_llm (job->evaluator->kind);

  if (needs_llm && run->client == NULL)
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                           _("a judge needs an LLM provider, and none was given"));
      return NULL;
    }
  return errata_evaluator_method_new (run->project, job->evaluator, job->version,
                                      needs_llm ? run->client : NULL, error);
}

/* One evaluator after the other: a judge keeps its own concurrency. */
static void
score_next (GTask *task)
{
  ExperimentRun *run = g_task_get_task_data (task);
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(GError) error = NULL;
  ScoreJob *job;

  while (run->to_score->len > 0)
    {
      job = g_ptr_array_index (run->to_score, 0);
      method = method_for (run, job, &error);
      if (method != NULL)
        break;
      g_ptr_array_add (run->skipped, g_strdup_printf ("“%s”: %s", job->evaluator->name,
                                                      error->message));
      g_clear_error (&error);
      g_ptr_array_remove_index (run->to_score, 0);
    }
  if (method == NULL)
    {
      _errata_experiment_run_return (task);
      g_object_unref (task);
      return;
    }
  run->eval_run = errata_eval_run_new (run->project, job->version->id, method, ERRATA_SCOPE_IDS,
                                       job->trace_ids);
  run->result->progress.phase = ERRATA_EXPERIMENT_PHASE_SCORING;
  run->result->progress.judged = 0;
  run->result->progress.to_judge = job->trace_ids->len;
  g_signal_connect (run->eval_run, "progress", G_CALLBACK (on_eval_progress), run);
  errata_eval_run_start_async (run->eval_run, g_task_get_cancellable (task), on_scored, task);
  /* The run's row exists once it started; linked at once, so that a kill
   * during scoring leaves it resumable as this variant's. */
  if (errata_eval_run_get_id (run->eval_run) > 0
      && !link_run (run, errata_eval_run_get_id (run->eval_run), &error))
    g_warning ("Could not link eval run to the variant: %s", error->message);
}

void
_errata_experiment_score (GTask *task)
{
  ExperimentRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!plan (run, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  score_next (task);
}
