/* errata-evaluators-page-run.c: one run at a time per page, with its
 * progress (done / total / errors / cost so far) above the tabs, Cancel
 * (the verdicts so far are kept) and Resume (for a run that was
 * cancelled, stopped, or interrupted by a crash), repeats for flakiness,
 * and the dialogs that guard the test split.
 *
 * The run belongs to the page, not to a tab: switching tabs or evaluators
 * while it runs is fine, and the tab that shows its result is reloaded
 * when it ends. A judge needs the LLM client, loaded from Preferences and
 * the keyring asynchronously the first time. A judge run may go as a batch
 * instead (errata-evaluators-page-batch.c): prepared here the same way
 * (the same rules, the same consent), then driven by an ErrataEvalBatch.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-evaluators-page-private.h"
#include "errata-eval-runs.h"
#include "errata-eval-scope.h"
#include "errata-evaluator-method.h"
#include "errata-judge.h"
#include "errata-llm-cache.h"
#include "errata-remote-consent.h"
#include "errata-remote-consent-dialog.h"

typedef struct
{
  ErrataEvaluatorsPage *self;
  ErrataEvalScope       scope;
  gint64                resume_run;     /* 0: a new run */
  gint64                evaluator_id;   /* 0: the one shown */
  gboolean              batch;
  char                 *forced_reason;
} RunRequest;

static void
run_request_free (RunRequest *request)
{
  g_object_unref (request->self);
  g_free (request->forced_reason);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunRequest, run_request_free)

static void
show_message (ErrataEvaluatorsPage *self,
              const char           *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.show-message", "s", message);
}

/* Progress ---------------------------------------------------------------- */

static void
update_progress (ErrataEvaluatorsPage *self)
{
  ErrataEvalProgress progress;
  g_autofree char *text = NULL;
  g_autofree char *cost = NULL;

  errata_eval_run_get_progress (self->run, &progress);
  cost = progress.cost > 0 ? g_strdup_printf (" · $%.4f", progress.cost) : g_strdup ("");
  /* Translators: the progress of a run; the last %s is " · $0.0123" or empty. */
  text = g_strdup_printf (_("%u of %u judged · %u pass · %u fail · %u errors%s"),
                          progress.done, progress.total, progress.n_pass, progress.n_fail,
                          progress.n_error, cost);
  gtk_label_set_text (self->run_label, text);
  gtk_progress_bar_set_fraction (self->run_progress,
                                 progress.total > 0 ? (double)progress.done / progress.total : 1.0);
}

static void
set_running (ErrataEvaluatorsPage *self,
             gboolean              running)
{
  gtk_revealer_set_reveal_child (self->run_revealer, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.cancel-run", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.cancel-batch", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.run-dev", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.run-test", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.run-unlabeled", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.repeat-dev", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.resume-run", !running);
  if (running)
    gtk_revealer_set_reveal_child (self->resume_revealer, FALSE);
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_batch_button), FALSE);
      gtk_button_set_label (self->cancel_button, _("_Cancel"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                                   _("Stop the run; the verdicts so far are kept and it can be "
                                     "resumed"));
    }
}

void
_errata_evaluators_page_set_running (ErrataEvaluatorsPage *self,
                                     gboolean              running)
{
  set_running (self, running);
}

/* The end of a run ---------------------------------------------------------- */

static void
start_prepared (ErrataEvaluatorsPage *self,
                ErrataEvalRun        *run);

static ErrataEvalRun *
new_run (ErrataEvaluatorsPage  *self,
         ErrataEvalScope        scope,
         gint64                 resume_run,
         const char            *forced_reason,
         GError               **error);

static void
summarise_run (ErrataEvaluatorsPage *self,
               ErrataEvalRun        *run)
{
  ErrataEvalProgress progress;
  g_autofree char *text = NULL;
  const char *message = errata_eval_run_get_message (run);

  errata_eval_run_get_progress (run, &progress);
  switch (errata_eval_run_get_status (run))
    {
    case ERRATA_RUN_DONE:
      text = g_strdup_printf (_("Run finished: %u pass, %u fail, %u errors"),
                              progress.n_pass, progress.n_fail, progress.n_error);
      break;
    case ERRATA_RUN_CANCELLED:
      text = g_strdup_printf (_("Run cancelled at %u of %u; the verdicts so far are kept"),
                              progress.done, progress.total);
      break;
    default:
      text = g_strdup_printf (_("Run stopped at %u of %u: %s"), progress.done, progress.total,
                              message != NULL && *message != '\0' ? message : _("no reason given"));
      break;
    }
  show_message (self, text);
}

/* A repeat group goes on while each run finishes; anything else ends it. */
static gboolean
start_next_repeat (ErrataEvaluatorsPage *self,
                   ErrataEvalRun        *finished)
{
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GError) error = NULL;

  if (self->repeats_left == 0 || errata_eval_run_get_status (finished) != ERRATA_RUN_DONE)
    return FALSE;
  if (self->repeat_of == 0)
    self->repeat_of = errata_eval_run_get_id (finished);
  self->repeats_left--;
  run = new_run (self, ERRATA_SCOPE_DEV, 0, NULL, &error);
  if (run == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }
  start_prepared (self, run);
  return TRUE;
}

/* The run holds the page weakly: a page closed while its run goes on is
 * disposed at once, and its dispose cancels the run. */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static gpointer
weak_ref_take (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

static void
on_run_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ErrataEvaluatorsPage) self = weak_ref_take (user_data);
  ErrataEvalRun *run = ERRATA_EVAL_RUN (source);
  g_autoptr(GError) error = NULL;
  gint64 evaluator_id;

  /* The page was disposed: the run's verdicts are stored, nothing to show. */
  if (self == NULL || self->run != run)
    return;
  evaluator_id = self->run_evaluator;
  if (!errata_eval_run_start_finish (run, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, error->message);
  else
    summarise_run (self, run);
  g_signal_handlers_disconnect_by_data (run, self);
  if (start_next_repeat (self, run))
    return;
  _errata_evaluators_page_run_ended (self, evaluator_id);
}

/* After a live or a batch run: the page is free for the next one. */
void
_errata_evaluators_page_run_ended (ErrataEvaluatorsPage *self,
                                   gint64                evaluator_id)
{
  g_clear_object (&self->run);
  g_clear_object (&self->batch);
  g_clear_object (&self->run_method);
  g_clear_object (&self->run_cancellable);
  self->run_batch = FALSE;
  self->repeat_of = 0;
  self->repeats_left = 0;
  set_running (self, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.changed", "x", evaluator_id);
}

/* Starting ------------------------------------------------------------------ */

static void
start_prepared (ErrataEvaluatorsPage *self,
                ErrataEvalRun        *run)
{
  if (self->run_batch)
    {
      _errata_evaluators_page_start_batch (self, run);
      return;
    }
  g_set_object (&self->run, run);
  if (self->run_cancellable == NULL)
    self->run_cancellable = g_cancellable_new ();
  g_signal_connect_object (run, "progress", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  set_running (self, TRUE);
  update_progress (self);
  errata_eval_run_start_async (run, self->run_cancellable, on_run_finished, weak_ref_new (self));
}

/* The run a request asks for, not checked yet. */
static ErrataEvalRun *
build_run (ErrataEvaluatorsPage  *self,
           ErrataEvalScope        scope,
           gint64                 resume_run,
           const char            *forced_reason,
           GError               **error)
{
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;

  if (resume_run > 0)
    run = errata_eval_run_new_resume (project, resume_run, self->run_method, error);
  else
    {
      evaluator = errata_evaluators_get (project, self->run_evaluator, error);
      versions = evaluator != NULL ? errata_evaluators_list_versions (project, evaluator->id, error)
                                   : NULL;
      if (versions == NULL || versions->len == 0)
        return NULL;
      ids = errata_eval_scope_resolve (project, evaluator->target, scope, NULL, error);
      if (ids == NULL)
        return NULL;
      run = errata_eval_run_new (project,
                                 ((ErrataEvaluatorVersion *)g_ptr_array_index (versions,
                                                                               versions->len - 1))->id,
                                 self->run_method, scope, ids);
      errata_eval_run_set_repeat_of (run, self->repeat_of);
      /* A repeat asks again: a cached reply would hide the flakiness. */
      errata_eval_run_set_bypass_cache (run, self->repeat_of != 0 || self->repeats_left > 0);
      if (forced_reason != NULL)
        errata_eval_run_set_forced_reason (run, forced_reason);
    }
  return g_steal_pointer (&run);
}

static ErrataEvalRun *
new_run (ErrataEvaluatorsPage  *self,
         ErrataEvalScope        scope,
         gint64                 resume_run,
         const char            *forced_reason,
         GError               **error)
{
  g_autoptr(ErrataEvalRun) run = build_run (self, scope, resume_run, forced_reason, error);

  if (run == NULL || !errata_eval_run_check (run, error))
    return NULL;
  return g_steal_pointer (&run);
}

/* The version a request runs: the latest, or the resumed run's own. */
static ErrataEvaluatorVersion *
request_version (RunRequest       *request,
                 ErrataEvaluator  *evaluator,
                 GError          **error)
{
  ErrataProject *project = _errata_evaluators_page_get_project (request->self);
  g_autoptr(GPtrArray) versions = NULL;

  if (request->resume_run > 0)
    {
      g_autoptr(ErrataRunInfo) info = errata_eval_runs_get (project, request->resume_run, error);

      return info != NULL ? errata_evaluators_get_version_by_id (project, info->version_id, error)
                          : NULL;
    }
  versions = errata_evaluators_list_versions (project, evaluator->id, error);
  if (versions == NULL)
    return NULL;
  if (versions->len == 0)
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                   _("“%s” has no version to run: save its definition first."), evaluator->name);
      return NULL;
    }
  return g_ptr_array_steal_index (versions, versions->len - 1);
}

static void
stop_preparing (ErrataEvaluatorsPage *self,
                const char           *message)
{
  g_clear_object (&self->run_method);
  self->repeats_left = 0;
  self->run_batch = FALSE;
  set_running (self, FALSE);
  show_message (self, message);
}

static void
on_consent_answered (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (source);
  g_autoptr(ErrataEvalRun) run = data;
  g_autoptr(GError) error = NULL;
  gboolean allowed = errata_remote_consent_ask_finish (result, &error);

  /* The window closed while asking: nothing to run or show. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  if (allowed)
    start_prepared (self, run);
  else
    stop_preparing (self, error != NULL ? error->message
                                        : _("The run did not start: no trace was sent."));
}

/* The judge's provider is not on this machine and the project has not
 * allowed it yet: the user is asked, with the number of traces. */
static void
ask_consent (ErrataEvaluatorsPage *self,
             ErrataEvalRun        *run)
{
  ErrataEvalProgress progress;

  errata_eval_run_get_progress (run, &progress);
  gtk_label_set_text (self->run_label, _("Waiting for your answer…"));
  errata_remote_consent_ask_async (GTK_WIDGET (self), _errata_evaluators_page_get_project (self),
                                   errata_eval_method_get_base_url (self->run_method),
                                   progress.total - progress.done, NULL, on_consent_answered,
                                   g_object_ref (run));
}

/* A judge's replies are kept in the project, as errata-cli's are: a rerun
 * of the same version answers from them, and a repeat (which bypasses the
 * cache) still asks again. The window's client is shared with pages whose
 * requests must not be cached, so the cache goes to the judge. */
static void
use_project_cache (ErrataEvalMethod *method,
                   ErrataProject    *project)
{
  g_autoptr(ErrataLlmCache) cache = NULL;

  if (!ERRATA_IS_JUDGE (method) || errata_project_is_read_only (project))
    return;
  cache = errata_llm_cache_new_for_project (project);
  errata_judge_set_cache (ERRATA_JUDGE (method), cache);
}

static void
start_with_client (RunRequest      *request,
                   ErrataLlmClient *client)
{
  ErrataEvaluatorsPage *self = request->self;
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GError) error = NULL;

  evaluator = errata_evaluators_get (project, self->run_evaluator, &error);
  if (evaluator != NULL)
    version = request_version (request, evaluator, &error);
  if (version != NULL)
    self->run_method = errata_evaluator_method_new (project, evaluator, version, client, &error);
  if (self->run_method != NULL)
    use_project_cache (self->run_method, project);
  if (self->run_method != NULL)
    run = build_run (self, request->scope, request->resume_run, request->forced_reason, &error);
  if (run != NULL && !errata_eval_run_check (run, &error))
    {
      if (g_error_matches (error, ERRATA_REMOTE_CONSENT_ERROR,
                           ERRATA_REMOTE_CONSENT_ERROR_NEEDED))
        {
          ask_consent (self, run);
          return;
        }
      g_clear_object (&run);
    }
  if (run == NULL)
    {
      stop_preparing (self, error->message);
      return;
    }
  start_prepared (self, run);
}

static void
on_client_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RunRequest) request = user_data;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = errata_workspace_load_llm_client_finish (result, &error);
  if (client == NULL)
    {
      request->self->run_batch = FALSE;
      set_running (request->self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (request->self, error->message);
      return;
    }
  start_with_client (request, client);
}

static void
request_run (ErrataEvaluatorsPage *self,
             RunRequest           *request)
{
  g_autoptr(RunRequest) owned = request;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;

  if (self->run != NULL || self->run_method != NULL)
    {
      show_message (self, _("A run is in progress: cancel it or wait for it to end."));
      return;
    }
  self->run_evaluator = request->evaluator_id > 0 ? request->evaluator_id
                                                  : errata_evaluators_page_get_evaluator (self);
  evaluator = errata_evaluators_get (_errata_evaluators_page_get_project (self),
                                     self->run_evaluator, &error);
  if (evaluator == NULL)
    {
      show_message (self, error->message);
      return;
    }
  /* The buttons wait while the client loads: a second click is no run. */
  self->run_batch = request->batch && errata_evaluator_method_needs_llm (evaluator->kind);
  set_running (self, TRUE);
  gtk_label_set_text (self->run_label, self->run_batch ? _("Preparing the batch…")
                                                       : _("Preparing the run…"));
  gtk_progress_bar_set_fraction (self->run_progress, 0);
  if (errata_evaluator_method_needs_llm (evaluator->kind))
    errata_workspace_load_llm_client_async (self->workspace, on_client_loaded,
                                            g_steal_pointer (&owned));
  else
    start_with_client (owned, NULL);
}

static RunRequest *
run_request_new (ErrataEvaluatorsPage *self,
                 ErrataEvalScope       scope,
                 gint64                resume_run,
                 const char           *forced_reason)
{
  RunRequest *request = g_new0 (RunRequest, 1);

  request->self = g_object_ref (self);
  request->scope = scope;
  request->resume_run = resume_run;
  request->forced_reason = g_strdup (forced_reason);
  return request;
}

void
_errata_evaluators_page_start_run (ErrataEvaluatorsPage *self,
                                   ErrataEvalScope       scope,
                                   guint                 repeats,
                                   const char           *forced_reason)
{
  RunRequest *request = run_request_new (self, scope, 0, forced_reason);

  if (self->run == NULL && self->run_method == NULL)
    {
      self->repeats_left = repeats > 1 ? repeats - 1 : 0;
      self->repeat_of = 0;
    }
  /* Repeats measure flakiness, live: a batch runs once. */
  request->batch = repeats <= 1 && gtk_check_button_get_active (self->batch_check)
                   && gtk_widget_get_sensitive (GTK_WIDGET (self->batch_check));
  request_run (self, request);
}

/* A batch run goes on as a batch run: a live resume would ask again for
 * what the provider is answering already (the core refuses it). */
static void
resume (ErrataEvaluatorsPage *self,
        gint64                evaluator_id,
        gint64                run_id)
{
  RunRequest *request = run_request_new (self, ERRATA_SCOPE_DEV, run_id, NULL);

  request->evaluator_id = evaluator_id;
  request->batch = _errata_evaluators_page_is_batch_run (self, run_id);
  _errata_evaluators_page_forget_stopped (self, run_id);
  request_run (self, request);
}

void
_errata_evaluators_page_resume_run (ErrataEvaluatorsPage *self)
{
  if (self->resumable_run <= 0)
    return;
  resume (self, 0, self->resumable_run);
}

/* Picks a batch run up again (the project was opened while it waited). */
void
_errata_evaluators_page_resume_batch (ErrataEvaluatorsPage *self,
                                      gint64                evaluator_id,
                                      gint64                run_id)
{
  resume (self, evaluator_id, run_id);
}

void
_errata_evaluators_page_cancel_run (ErrataEvaluatorsPage *self)
{
  self->repeats_left = 0;
  if (self->batch != NULL)
    _errata_evaluators_page_stop_waiting (self);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

gboolean
errata_evaluators_page_is_running (ErrataEvaluatorsPage *self)
{
  g_return_val_if_fail (ERRATA_IS_EVALUATORS_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->run_revealer);
}

void
_errata_evaluators_page_dispose_run (ErrataEvaluatorsPage *self)
{
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run);
  g_clear_object (&self->batch);
  g_clear_object (&self->run_method);
  g_clear_object (&self->run_cancellable);
  g_clear_pointer (&self->picked_up, g_hash_table_unref);
}

/* Resume -------------------------------------------------------------------- */

/* The evaluator's newest run, when it ended before its last trace. */
void
_errata_evaluators_page_update_resume (ErrataEvaluatorsPage *self)
{
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autoptr(GPtrArray) runs = NULL;
  ErrataRunInfo *last;
  g_autofree char *text = NULL;
  g_autoptr(GString) batch_text = g_string_new (NULL);
  guint done;

  self->resumable_run = 0;
  gtk_revealer_set_reveal_child (self->resume_revealer, FALSE);
  if (project == NULL || self->run != NULL || self->run_method != NULL
      || errata_evaluators_page_get_evaluator (self) == 0)
    return;
  runs = errata_eval_runs_list (project, errata_evaluators_page_get_evaluator (self), NULL);
  if (runs == NULL || runs->len == 0)
    return;
  last = g_ptr_array_index (runs, 0);   /* newest first */
  done = last->n_pass + last->n_fail + last->n_error;
  if (last->status == ERRATA_RUN_DONE || last->status == ERRATA_RUN_RUNNING || done >= last->total)
    return;
  self->resumable_run = last->id;
  if (_errata_evaluators_page_describe_stopped_batch (self, last, batch_text))
    text = g_string_free (g_steal_pointer (&batch_text), FALSE);
  else
    /* Translators: a run that ended early: its version, scope, counts and status. */
    text = g_strdup_printf (_("The run of version %u on %s stopped at %u of %u (%s)%s%s"),
                            last->version, errata_eval_scope_to_string (last->scope), done,
                            last->total, errata_run_status_to_string (last->status),
                            last->message != NULL && *last->message != '\0' ? ": " : ".",
                            last->message != NULL ? last->message : "");
  gtk_label_set_text (self->resume_label, text);
  gtk_revealer_set_reveal_child (self->resume_revealer, TRUE);
}

/* The test split, looked at once --------------------------------------------- */

typedef struct
{
  ErrataEvaluatorsPage *self;
  gint64                version_id;   /* to finalize first; 0 when it is */
  GtkEntry             *reason;       /* for a second look; NULL for the first */
} TestDialog;

static void
test_dialog_free (TestDialog *dialog)
{
  g_object_unref (dialog->self);
  g_free (dialog);
}

static void
on_test_response (AdwMessageDialog *dialog,
                  const char       *response,
                  TestDialog       *data)
{
  ErrataEvaluatorsPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "run") != 0)
    return;
  if (data->reason != NULL)
    reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->reason))));
  if (data->version_id > 0 &&
      !errata_evaluators_finalize (_errata_evaluators_page_get_project (self), data->version_id,
                                   &error))
    {
      show_message (self, error->message);
      return;
    }
  _errata_evaluators_page_start_run (self, ERRATA_SCOPE_TEST, 1, reason);
}

/* A second look needs a reason before the button does anything. */
static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "run", *text != '\0');
}

static GtkWidget *
reason_entry (AdwMessageDialog *dialog)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why look again?"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for looking at test again"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_set_response_enabled (dialog, "run", FALSE);
  return entry;
}

static char *
test_dialog_body (ErrataEvaluatorVersion *latest,
                  guint                   n_looks)
{
  const char *once = _("The test split is looked at once: its result is the number you report. "
                       "Looking again after changing the judge makes that number optimistic.");

  if (n_looks > 0)
    return g_strdup_printf (ngettext ("%s It was looked at %u time already. A new look is "
                                      "kept with your reason and shown wherever the result "
                                      "appears.",
                                      "%s It was looked at %u times already. A new look is "
                                      "kept with your reason and shown wherever the result "
                                      "appears.", n_looks), once, n_looks);
  if (latest->locked_at == 0)
    return g_strdup_printf (_("%s Version %u is finalized first: it can no longer change, and "
                              "later edits make a new version."), once, latest->number);
  return g_strdup (once);
}

void
_errata_evaluators_page_ask_test (ErrataEvaluatorsPage *self)
{
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  gint64 evaluator_id = errata_evaluators_page_get_evaluator (self);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) looks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  ErrataEvaluatorVersion *latest;
  TestDialog *data;
  GtkWidget *dialog;

  versions = errata_evaluators_list_versions (project, evaluator_id, &error);
  looks = versions != NULL ? errata_evaluators_list_test_looks (project, evaluator_id, &error) : NULL;
  if (looks == NULL || versions->len == 0)
    {
      show_message (self, error != NULL ? error->message : _("Save a version first."));
      return;
    }
  latest = g_ptr_array_index (versions, versions->len - 1);
  heading = looks->len > 0 ? g_strdup (_("Look at Test Again?"))
          : latest->locked_at == 0 ? g_strdup_printf (_("Finalize Version %u and Run on Test?"),
                                                      latest->number)
          : g_strdup_printf (_("Run Version %u on Test?"), latest->number);
  body = test_dialog_body (latest, looks->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "run", looks->len > 0 ? _("_Look Again")
                                           : latest->locked_at == 0 ? _("_Finalize and Run")
                                           : _("_Run on Test"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "run",
                                              looks->len > 0 ? ADW_RESPONSE_DESTRUCTIVE
                                                             : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  data = g_new0 (TestDialog, 1);
  data->self = g_object_ref (self);
  data->version_id = latest->locked_at == 0 ? latest->id : 0;
  if (looks->len > 0)
    data->reason = GTK_ENTRY (reason_entry (ADW_MESSAGE_DIALOG (dialog)));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_test_response), data,
                         (GClosureNotify)(void (*) (void))test_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
