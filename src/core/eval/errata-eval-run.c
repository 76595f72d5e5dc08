/* errata-eval-run.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-eval-run.h"

#include <glib/gi18n-lib.h>

#include "errata-eval-run-private.h"
#include "errata-eval-runs.h"
#include "errata-evaluators.h"
#include "errata-project-private.h"
#include "errata-remote-consent.h"

/* Verdicts are committed when this many have arrived, or after
 * FLUSH_INTERVAL_MS, whichever comes first: a killed run loses at most
 * that much work, and the project sees one transaction per batch rather
 * than one per trace. */
#define DEFAULT_BATCH_SIZE 32
#define FLUSH_INTERVAL_MS  250

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


G_DEFINE_FINAL_TYPE (ErrataEvalRun, errata_eval_run, G_TYPE_OBJECT)

/* Runs of this process that are going on now, so that the store can tell
 * a live run from one this process started and abandoned. Main thread. */
static GHashTable *active_runs;

static char *
active_key (ErrataProject *project,
            gint64         run_id)
{
  /* Two projects open in one process have runs with the same ids. */
  return g_strdup_printf ("%p/%" PRId64, (gpointer)project, run_id);
}

gboolean
_errata_eval_run_is_active_here (ErrataProject *project,
                                 gint64         run_id)
{
  g_autofree char *key = active_key (project, run_id);

  return active_runs != NULL && g_hash_table_contains (active_runs, key);
}

static void
set_active (ErrataEvalRun *self,
            gboolean       active)
{
  if (active_runs == NULL)
    active_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (active)
    g_hash_table_add (active_runs, active_key (self->project, self->run_id));
  else
    {
      g_autofree char *key = active_key (self->project, self->run_id);

      g_hash_table_remove (active_runs, key);
    }
}

static void
pending_clear (Pending *pending)
{
  g_clear_pointer (&pending->outcome, errata_eval_outcome_free);
}

static void
errata_eval_run_finalize (GObject *object)
{
  ErrataEvalRun *self = (ErrataEvalRun *)object;

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_clear_handle_id (&self->ahead_source, g_source_remove);
  /* A run opened and never finished (a batch run given up): the method's
   * writes must not stay held for ever. */
  if (self->holding && !_errata_eval_run_stop_holding (self, NULL))
    g_warning ("Could not write an abandoned run's held writes");
  g_clear_object (&self->project);
  g_clear_object (&self->method);
  g_clear_pointer (&self->scope_ids, g_array_unref);
  g_clear_pointer (&self->todo, g_array_unref);
  g_clear_pointer (&self->page, g_ptr_array_unref);
  g_clear_pointer (&self->ahead, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->forced_reason, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_error (&self->fatal);

  G_OBJECT_CLASS (errata_eval_run_parent_class)->finalize (object);
}

static void
errata_eval_run_class_init (ErrataEvalRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_eval_run_finalize;

  /* Emitted after each verdict; read errata_eval_run_get_progress(). */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
errata_eval_run_init (ErrataEvalRun *self)
{
  self->page = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (self->pending, (GDestroyNotify)pending_clear);
  self->batch_size = DEFAULT_BATCH_SIZE;
  self->status = ERRATA_RUN_RUNNING;
}

static GArray *
copy_ids (GArray *ids)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids ? ids->len : 0);

  if (ids != NULL)
    g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

/* trace_ids: the scope as resolved by errata_eval_scope_resolve(). */
ErrataEvalRun *
errata_eval_run_new (ErrataProject    *project,
                     gint64            version_id,
                     ErrataEvalMethod *method,
                     ErrataEvalScope   scope,
                     GArray           *trace_ids)
{
  ErrataEvalRun *self;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (method), NULL);
  g_return_val_if_fail (trace_ids != NULL, NULL);

  self = g_object_new (ERRATA_TYPE_EVAL_RUN, NULL);
  self->project = g_object_ref (project);
  self->method = g_object_ref (method);
  self->version_id = version_id;
  self->scope = scope;
  self->scope_ids = copy_ids (trace_ids);
  self->todo = copy_ids (trace_ids);
  self->progress.total = trace_ids->len;
  return self;
}

static GArray *
missing_ids (GArray *scope_ids,
             GArray *verdicts)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < verdicts->len; i++)
    g_hash_table_add (seen, &g_array_index (verdicts, ErrataVerdictEntry, i).trace_id);
  for (guint i = 0; i < scope_ids->len; i++)
    if (!g_hash_table_contains (seen, &g_array_index (scope_ids, gint64, i)))
      g_array_append_val (missing, g_array_index (scope_ids, gint64, i));
  return missing;
}

/* A run that was interrupted, cancelled or stopped goes on with the traces
 * it has no verdict for, under the same run (the same look at test). */
ErrataEvalRun *
errata_eval_run_new_resume (ErrataProject     *project,
                            gint64             run_id,
                            ErrataEvalMethod  *method,
                            GError           **error)
{
  g_autoptr(ErrataRunInfo) info = NULL;
  g_autoptr(GArray) verdicts = NULL;
  g_autoptr(GArray) scope_ids = NULL;
  ErrataEvalRun *self;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (method), NULL);

  info = errata_eval_runs_get (project, run_id, error);
  if (info == NULL)
    return NULL;
  if (info->status == ERRATA_RUN_RUNNING)
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                           _("This run is still going on; it can be resumed once it stops."));
      return NULL;
    }
  scope_ids = errata_eval_runs_scope_ids (project, run_id, error);
  verdicts = scope_ids ? errata_eval_runs_verdicts (project, run_id, error) : NULL;
  if (verdicts == NULL)
    return NULL;

  self = errata_eval_run_new (project, info->version_id, method, info->scope, scope_ids);
  g_array_unref (self->todo);
  self->todo = missing_ids (scope_ids, verdicts);
  self->run_id = run_id;
  self->resuming = TRUE;
  self->max_cost = info->max_cost;
  errata_eval_run_set_repeat_of (self, info->repeat_of);
  self->progress = (ErrataEvalProgress) {
    .total = scope_ids->len, .done = verdicts->len,
    .n_pass = info->n_pass, .n_fail = info->n_fail, .n_error = info->n_error,
    .tokens_in = info->tokens_in, .tokens_out = info->tokens_out, .cost = info->cost,
  };
  return self;
}

/* <= 0: no limit. */
void
errata_eval_run_set_max_cost (ErrataEvalRun *self,
                              double         max_cost)
{
  g_return_if_fail (ERRATA_IS_EVAL_RUN (self));

  self->max_cost = MAX (max_cost, 0);
}

/* A second look at the test split is refused unless forced, with a
 * reason that is stored with the run and reported forever. */
void
errata_eval_run_set_forced_reason (ErrataEvalRun *self,
                                   const char    *reason)
{
  g_return_if_fail (ERRATA_IS_EVAL_RUN (self));

  g_free (self->forced_reason);
  self->forced_reason = reason != NULL && *reason != '\0' ? g_strstrip (g_strdup (reason)) : NULL;
}

/* Marks the run as a repeat of `run_id` (flakiness): it never answers from
 * the reply cache. */
void
errata_eval_run_set_repeat_of (ErrataEvalRun *self,
                               gint64         run_id)
{
  g_return_if_fail (ERRATA_IS_EVAL_RUN (self));

  self->repeat_of = run_id;
  self->bypass_cache = self->bypass_cache || run_id != 0;
}

/* Every run of a --repeat group asks afresh, the first one too: a cached
 * reply would make the judge look steadier than it is. */
void
errata_eval_run_set_bypass_cache (ErrataEvalRun *self,
                                  gboolean       bypass_cache)
{
  g_return_if_fail (ERRATA_IS_EVAL_RUN (self));

  self->bypass_cache = bypass_cache || self->repeat_of != 0;
}

void
errata_eval_run_set_batch_size (ErrataEvalRun *self,
                                guint          batch_size)
{
  g_return_if_fail (ERRATA_IS_EVAL_RUN (self));

  self->batch_size = MAX (batch_size, 1);
}

static gboolean
check_test_rules (ErrataEvalRun                *self,
                  const ErrataEvaluatorVersion *version,
                  GError                      **error)
{
  g_autoptr(GPtrArray) looks = NULL;

  if (self->repeat_of != 0)
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_TEST_SEEN,
                           _("Repeats run on dev or unlabeled traces: the test split is "
                             "looked at once."));
      return FALSE;
    }
  if (version->locked_at == 0)
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FINALIZED,
                   /* Translators: %u is a version number. */
                   _("Version %u is not finalized. Finalize it before running it on the test "
                     "split: the test split measures a judge that no longer changes."),
                   version->number);
      return FALSE;
    }
  if (self->resuming)
    return TRUE;  /* the same look, going on */
  looks = errata_evaluators_list_test_looks (self->project, version->evaluator_id, error);
  if (looks == NULL)
    return FALSE;
  if (looks->len > 0 && self->forced_reason == NULL)
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_TEST_SEEN,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This evaluator was already run on the test split (%u look). "
                                "Another look makes the test split a second dev split; if you "
                                "must, force it and give a reason, which is kept and reported.",
                                "This evaluator was already run on the test split (%u looks). "
                                "Another look makes the test split a second dev split; if you "
                                "must, force it and give a reason, which is kept and reported.",
                                looks->len),
                   looks->len);
      return FALSE;
    }
  return TRUE;
}

/* Every rule of measuring, checked before anything runs. */
gboolean
errata_eval_run_check (ErrataEvalRun  *self,
                       GError        **error)
{
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  const char *base_url;

  g_return_val_if_fail (ERRATA_IS_EVAL_RUN (self), FALSE);

  version = errata_evaluators_get_version_by_id (self->project, self->version_id, error);
  evaluator = version ? errata_evaluators_get (self->project, version->evaluator_id, error) : NULL;
  if (evaluator == NULL)
    return FALSE;
  if (!errata_evaluators_check_few_shot (self->project, evaluator->target, version->few_shot,
                                         error))
    return FALSE;
  if (self->scope == ERRATA_SCOPE_TEST && !check_test_rules (self, version, error))
    return FALSE;
  /* Trace text leaves this machine only with the project's consent
   * (errata-remote-consent.h). Last, so that a run refused anyway is not
   * asked about; every run (app, errata-cli, repeats, resumes) passes here. */
  base_url = errata_eval_method_get_base_url (self->method);
  return base_url == NULL || errata_remote_consent_check (self->project, base_url, error);
}

static void
estimate_add (ErrataEvalEstimate       *total,
              const ErrataEvalEstimate *one)
{
  total->tokens_in += one->tokens_in;
  total->tokens_out += one->tokens_out;
  total->cost += one->cost;
}

/* From the traces' stored sizes, a page at a time: no trace is read. */
static void
estimate_from_sizes (ErrataEvalRun      *self,
                     ErrataEvalEstimate *total)
{
  for (guint start = 0; start < self->todo->len; start += ERRATA_PROJECT_TRACE_PAGE)
    {
      guint n = MIN (ERRATA_PROJECT_TRACE_PAGE, self->todo->len - start);
      g_autoptr(GArray) sizes = errata_project_get_trace_sizes (self->project,
        &g_array_index (self->todo, gint64, start), n, NULL);

      for (guint i = 0; sizes != NULL && i < sizes->len; i++)
        {
          ErrataEvalEstimate one;

          errata_eval_method_estimate_sizes (self->method,
                                             &g_array_index (sizes, ErrataTraceSizes, i), &one);
          estimate_add (total, &one);
        }
    }
}

/* A method that must see each trace: read a page at a time. */
static void
estimate_from_traces (ErrataEvalRun      *self,
                      ErrataEvalEstimate *total)
{
  for (guint start = 0; start < self->todo->len; start += ERRATA_PROJECT_TRACE_PAGE)
    {
      guint n = MIN (ERRATA_PROJECT_TRACE_PAGE, self->todo->len - start);
      g_autoptr(GPtrArray) traces = errata_project_get_traces (self->project,
        &g_array_index (self->todo, gint64, start), n, NULL);

      for (guint i = 0; traces != NULL && i < traces->len; i++)
        {
          ErrataEvalEstimate one;

          errata_eval_method_estimate (self->method, g_ptr_array_index (traces, i), &one);
          estimate_add (total, &one);
        }
    }
}

/* The expected tokens and cost of the traces still to judge. A judge
 * estimates from the stored sizes (errata_judge_prompt_sized_chars says
 * how close that is); a method without an estimate costs nothing and
 * reads nothing. */
void
errata_eval_run_estimate (ErrataEvalRun      *self,
                          ErrataEvalEstimate *total)
{
  const ErrataTraceSizes probe = { 0, };
  ErrataEvalEstimate one;

  g_return_if_fail (ERRATA_IS_EVAL_RUN (self));
  g_return_if_fail (total != NULL);

  *total = (ErrataEvalEstimate) { 0, };
  /* Asked with no sizes, the method says whether it estimates from them. */
  if (errata_eval_method_estimate_sizes (self->method, &probe, &one))
    estimate_from_sizes (self, total);
  else if (errata_eval_method_can_estimate (self->method))
    estimate_from_traces (self, total);
}

static void pump (ErrataEvalRun *self);
static void launch_more (ErrataEvalRun *self);

static void
stop (ErrataEvalRun   *self,
      ErrataRunStatus  status,
      const char      *message)
{
  if (self->stopping)
    return;
  self->stopping = TRUE;
  self->status = status;
  g_free (self->message);
  self->message = g_strdup (message);
}

static void
fail (ErrataEvalRun *self,
      GError        *error)
{
  if (self->fatal == NULL)
    self->fatal = g_error_copy (error);
  stop (self, ERRATA_RUN_FAILED, error->message);
  self->status = ERRATA_RUN_FAILED;
}

static void
finish (ErrataEvalRun *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GError) error = NULL;

  if (!self->stopping)
    self->status = ERRATA_RUN_DONE;
  g_clear_handle_id (&self->ahead_source, g_source_remove);
  if (!_errata_eval_run_flush (self, TRUE, &error) && self->fatal == NULL)
    self->fatal = g_steal_pointer (&error);
  g_clear_error (&error);
  if (!_errata_eval_run_stop_holding (self, &error) && self->fatal == NULL)
    self->fatal = g_steal_pointer (&error);
  set_active (self, FALSE);
  if (self->fatal != NULL)
    g_task_return_error (task, g_error_copy (self->fatal));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
flush_timeout (gpointer data)
{
  ErrataEvalRun *self = data;
  g_autoptr(GError) error = NULL;

  self->flush_source = 0;
  if (!_errata_eval_run_flush (self, FALSE, &error))
    fail (self, error);
  return G_SOURCE_REMOVE;
}

/* Takes @outcome. */
void
_errata_eval_run_record (ErrataEvalRun     *self,
                         gint64             trace_id,
                         ErrataEvalOutcome *outcome)
{
  Pending pending = { trace_id, outcome };
  g_autoptr(GError) error = NULL;

  self->progress.done++;
  switch (outcome->verdict)
    {
    case ERRATA_JUDGE_PASS: self->progress.n_pass++; break;
    case ERRATA_JUDGE_FAIL: self->progress.n_fail++; break;
    case ERRATA_JUDGE_ERROR:
    default: self->progress.n_error++; break;
    }
  self->progress.tokens_in += outcome->tokens_in;
  self->progress.tokens_out += outcome->tokens_out;
  self->progress.cost += outcome->cost;
  g_array_append_val (self->pending, pending);

  if (self->pending->len >= self->batch_size)
    {
      if (!_errata_eval_run_flush (self, FALSE, &error))
        fail (self, error);
    }
  else if (self->flush_source == 0)
    self->flush_source = g_timeout_add (FLUSH_INTERVAL_MS, flush_timeout, self);
  g_signal_emit (self, signals[PROGRESS], 0);
}

typedef struct
{
  ErrataEvalRun *run;
  gint64         trace_id;
  double         estimate;
} Evaluation;

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Evaluation *evaluation = data;
  g_autoptr(ErrataEvalRun) self = evaluation->run;
  g_autoptr(GError) error = NULL;
  ErrataEvalOutcome *outcome;

  outcome = errata_eval_method_evaluate_finish (ERRATA_EVAL_METHOD (source), result, &error);
  self->in_flight--;
  self->in_flight_estimate -= evaluation->estimate;
  /* The next request goes out before this verdict is stored (and perhaps
   * committed with its batch), so that a slot never waits for the writer.
   * Not with a cost limit: the budget counts this verdict's cost first. */
  if (outcome != NULL && self->max_cost <= 0)
    {
      self->unrecorded++;
      launch_more (self);
      self->unrecorded--;
    }
  if (outcome != NULL)
    _errata_eval_run_record (self, evaluation->trace_id, outcome);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    stop (self, ERRATA_RUN_CANCELLED, _("Cancelled."));
  else
    fail (self, error);
  g_free (evaluation);
  pump (self);
}

static gboolean
over_budget (ErrataEvalRun *self,
             double         next_estimate)
{
  g_autofree char *message = NULL;
  g_autofree char *limit = NULL;

  if (self->max_cost <= 0
      || self->progress.cost + self->in_flight_estimate + next_estimate <= self->max_cost)
    return FALSE;
  /* Translators: the first %s is a cost limit in US dollars, e.g. 0.5000;
   * the %u are counts of traces. */
  limit = g_strdup_printf ("%.4f", self->max_cost);
  message = g_strdup_printf (_("Stopped at the cost limit of $%s: %u of %u traces judged."),
                             limit, self->progress.done,
                             self->progress.total);
  stop (self, ERRATA_RUN_STOPPED, message);
  return TRUE;
}

static void
launch_next (ErrataEvalRun *self)
{
  g_autoptr(GError) error = NULL;
  ErrataEvalEstimate estimate = { 0, };
  Evaluation *evaluation;
  ErrataTrace *trace;

  trace = _errata_eval_run_peek_trace (self, &error);
  if (trace == NULL)
    {
      if (error != NULL)
        fail (self, error);  /* the project closed, the disk failed: stop */
      return;
    }
  /* Only a cost limit needs each trace's estimate (rendering its prompt
   * once more). */
  if (self->max_cost > 0)
    errata_eval_method_estimate (self->method, trace, &estimate);
  if (over_budget (self, estimate.cost))
    return;
  self->next++;
  self->page_pos++;
  evaluation = g_new0 (Evaluation, 1);
  evaluation->run = g_object_ref (self);
  evaluation->trace_id = errata_trace_get_id (trace);
  evaluation->estimate = estimate.cost;
  self->in_flight++;
  self->in_flight_estimate += estimate.cost;
  errata_eval_method_evaluate_async (self->method, trace,
                                     self->bypass_cache ? ERRATA_EVAL_FLAGS_BYPASS_CACHE
                                                          : ERRATA_EVAL_FLAGS_NONE,
                                     g_task_get_cancellable (self->task), on_evaluated,
                                     evaluation);
}

/* Fills the free slots, and no more: pump() also finishes the run. */
static void
launch_more (ErrataEvalRun *self)
{
  guint limit = errata_eval_method_get_concurrency (self->method);
  GCancellable *cancellable = self->task != NULL ? g_task_get_cancellable (self->task) : NULL;

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    return;  /* pump() says how the run stopped */
  while (!self->stopping && self->in_flight < limit && self->next < self->todo->len
         && self->task != NULL)
    launch_next (self);
}

static void
pump (ErrataEvalRun *self)
{
  guint limit = errata_eval_method_get_concurrency (self->method);
  GCancellable *cancellable;

  /* Finished already: a method that answered from inside evaluate_async
   * made an inner pump() finish the run. */
  if (self->task == NULL)
    return;
  cancellable = g_task_get_cancellable (self->task);
  /* A cancel that comes once every trace was launched changes nothing:
   * the run is complete, not cancelled. */
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable)
      && self->next < self->todo->len)
    stop (self, ERRATA_RUN_CANCELLED, _("Cancelled."));
  while (!self->stopping && self->in_flight < limit && self->next < self->todo->len
         && self->task != NULL)
    launch_next (self);
  /* Not while an outcome waits to be recorded in a frame further out
   * (on_evaluated launching before it records): that frame finishes. */
  if (self->task != NULL && self->in_flight == 0 && self->unrecorded == 0
      && (self->stopping || self->next >= self->todo->len))
    finish (self);
}

/* Checks the rules, then stores the run as running (a new row, or the
 * resumed one again). */
gboolean
_errata_eval_run_open (ErrataEvalRun  *self,
                       GError        **error)
{
  if (!errata_eval_run_check (self, error)
      || !(self->resuming ? _errata_eval_run_reopen (self, error)
                          : _errata_eval_run_insert (self, error)))
    return FALSE;
  set_active (self, TRUE);
  errata_eval_method_hold_writes (self->method);
  self->holding = TRUE;
  return TRUE;
}

/* Ends a run that was driven from outside: what is pending is written
 * with its final status, in one transaction. */
gboolean
_errata_eval_run_close (ErrataEvalRun    *self,
                        ErrataRunStatus   status,
                        const char       *message,
                        GError          **error)
{
  gboolean ok;

  self->status = status;
  g_free (self->message);
  self->message = g_strdup (message);
  ok = _errata_eval_run_flush (self, TRUE, error);
  ok = _errata_eval_run_stop_holding (self, ok ? error : NULL) && ok;
  set_active (self, FALSE);
  return ok;
}

static gboolean
start_idle (gpointer data)
{
  pump (data);
  return G_SOURCE_REMOVE;
}

void
errata_eval_run_start_async (ErrataEvalRun       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ERRATA_IS_EVAL_RUN (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_eval_run_start_async);
  /* A cancelled run still ends well: its verdicts are saved and its status
   * says cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  if (!_errata_eval_run_check_no_batches (self, &error) || !_errata_eval_run_open (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->task = g_steal_pointer (&task);
  /* From the main loop, so that a caller connected to ::progress after
   * this call sees every verdict, even of a code check that answers at
   * once. */
  g_idle_add_full (G_PRIORITY_DEFAULT, start_idle, g_object_ref (self), g_object_unref);
}

/* TRUE when the run ended as done, cancelled or stopped at the cost limit
 * (read the status); FALSE with the error that made it fail. */
gboolean
errata_eval_run_start_finish (ErrataEvalRun  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gint64
errata_eval_run_get_id (ErrataEvalRun *self)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_RUN (self), 0);

  return self->run_id;
}

ErrataRunStatus
errata_eval_run_get_status (ErrataEvalRun *self)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_RUN (self), ERRATA_RUN_FAILED);

  return self->status;
}

const char *
errata_eval_run_get_message (ErrataEvalRun *self)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_RUN (self), NULL);

  return self->message ? self->message : "";
}

void
errata_eval_run_get_progress (ErrataEvalRun      *self,
                              ErrataEvalProgress *progress)
{
  g_return_if_fail (ERRATA_IS_EVAL_RUN (self));
  g_return_if_fail (progress != NULL);

  *progress = self->progress;
}
