/* errata-evaluators-page-batch.c: a judge run through the provider's
 * Batch API (errata-eval-batch.h), as `errata-cli eval run … --batch`
 * does it: the same run record, verdicts, labels and cost.
 *
 * The run is prepared like a live one (errata-evaluators-page-run.c: the
 * rules, the consent for a remote provider), then an ErrataEvalBatch
 * drives it: it plans and submits the batches, then polls them on the main
 * context with a growing interval (timers and HTTP, never blocking) while
 * the page says "Waiting for the provider (batch submitted 14:05, 48
 * requests)". Every change is stored in the project first, so closing
 * Errata loses nothing: when the project is opened again, a batch run
 * that still has batches at the provider is picked up and polled again.
 *
 * Two ways to stop. Stop Waiting leaves the batch running at the
 * provider: the page remembers it (project meta "eval_batch_stopped:RUN"),
 * so that such a run is offered in the resume bar instead of being picked
 * up by itself. Cancel Batch (after a confirmation) cancels it at the
 * provider: the verdicts that had finished are stored, the requests that
 * had not run are not charged, and the run ends cancelled.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-evaluators-page-private.h"
#include "errata-eval-batches.h"
#include "errata-eval-runs.h"
#include "errata-eval-scope.h"
#include "errata-evaluator-method.h"
#include "errata-judge.h"
#include "errata-llm-prices.h"

static void
show_message (ErrataEvaluatorsPage *self,
              const char           *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.show-message", "s", message);
}

/* The option ------------------------------------------------------------------ */

/* What the evaluator's last costed run cost, and what it would cost at
 * the batch discount: the estimate the project has without rendering a
 * prompt. NULL when no run was costed (no price for the model). */
static char *
describe_saving (ErrataProject         *project,
                 const ErrataEvaluator *evaluator)
{
  g_autoptr(GPtrArray) runs = errata_eval_runs_list (project, evaluator->id, NULL);

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      ErrataRunInfo *run = g_ptr_array_index (runs, i);
      g_autoptr(GPtrArray) batches = NULL;
      double list_cost, batch_cost;

      if (run->status != ERRATA_RUN_DONE || run->cost <= 0)
        continue;
      batches = errata_eval_batches_list (project, run->id, FALSE, NULL);
      /* A batch run's cost is counted at the discount already. */
      if (batches != NULL && batches->len > 0)
        return g_strdup_printf (_("The last run on %s went as a batch: $%.4f instead of about "
                                  "$%.4f."), errata_eval_scope_to_string (run->scope),
                                run->cost, run->cost / ERRATA_LLM_BATCH_DISCOUNT);
      list_cost = run->cost;
      batch_cost = list_cost * ERRATA_LLM_BATCH_DISCOUNT;
      /* Translators: amounts of US dollars; %s is a split such as "dev". */
      return g_strdup_printf (_("The last run on %s cost $%.4f; as a batch about $%.4f "
                                "(saves $%.4f)."), errata_eval_scope_to_string (run->scope),
                              list_cost, batch_cost, list_cost - batch_cost);
    }
  return NULL;
}

/* Whether the evaluator can run as a batch with the provider chosen in
 * Preferences; @hint says why not, or what it costs. */
static gboolean
batch_possible (ErrataEvaluatorsPage  *self,
                const ErrataEvaluator *evaluator,
                char                 **hint)
{
  GSettings *settings = self->workspace != NULL ? errata_workspace_get_settings (self->workspace)
                                                : NULL;
  g_autofree char *provider = settings != NULL ? g_settings_get_string (settings, "llm-provider")
                                               : NULL;
  g_autofree char *saving = NULL;

  if (!errata_evaluator_method_needs_llm (evaluator->kind))
    {
      *hint = g_strdup (_("Code checks run on this machine: there is nothing to send as a "
                          "batch."));
      return FALSE;
    }
  if (provider == NULL)
    {
      *hint = g_strdup (_("Choose an LLM provider in Preferences first."));
      return FALSE;
    }
  if (g_str_equal (provider, "ollama"))
    {
      *hint = g_strdup (_("Ollama has no Batch API: choose OpenAI, Anthropic or a compatible "
                          "server in Preferences to run judges as batches."));
      return FALSE;
    }
  saving = describe_saving (_errata_evaluators_page_get_project (self), evaluator);
  if (g_str_equal (provider, "custom"))
    *hint = g_strdup_printf ("%s %s", _("Needs a server that speaks OpenAI’s Batch API."),
                             saving != NULL ? saving : _("Half the price where the server "
                                                         "charges like OpenAI."));
  else
    *hint = g_strdup (saving != NULL ? saving
                                     : _("Half the list price; the verdicts come back within "
                                         "24 hours, even if you close Errata."));
  return TRUE;
}

void
_errata_evaluators_page_update_batch_option (ErrataEvaluatorsPage  *self,
                                             const ErrataEvaluator *evaluator)
{
  g_autofree char *hint = NULL;
  gboolean possible = batch_possible (self, evaluator, &hint);

  gtk_widget_set_sensitive (GTK_WIDGET (self->batch_check), possible);
  if (!possible)
    gtk_check_button_set_active (self->batch_check, FALSE);
  gtk_label_set_text (self->batch_hint, hint);
}

void
_errata_evaluators_page_set_batch_poll (ErrataEvaluatorsPage *self,
                                        guint                 first_ms,
                                        guint                 max_ms)
{
  self->batch_poll_first_ms = first_ms;
  self->batch_poll_max_ms = max_ms;
}

/* The waiting state ------------------------------------------------------------ */

typedef struct
{
  guint  n_rows;
  guint  n_pending;
  guint  n_live;       /* at the provider */
  guint  n_ended;      /* ended or being collected */
  gint64 n_requests;   /* of the batches at the provider */
  gint64 n_answered;   /* of those, as the provider counts */
  gint64 submitted_at; /* the first one's, µs; 0 for none */
} BatchCounts;

static void
count_rows (GPtrArray   *rows,
            BatchCounts *counts)
{
  *counts = (BatchCounts) { 0, };
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      ErrataEvalBatchRow *row = g_ptr_array_index (rows, i);

      counts->n_rows++;
      if (row->state == ERRATA_EVAL_BATCH_PENDING)
        counts->n_pending++;
      else if (row->state == ERRATA_EVAL_BATCH_ENDED || row->state == ERRATA_EVAL_BATCH_COLLECTING)
        counts->n_ended++;
      if (row->state != ERRATA_EVAL_BATCH_SUBMITTED)
        continue;
      counts->n_live++;
      counts->n_requests += row->n_requests;
      counts->n_answered += row->n_succeeded + row->n_errored + row->n_expired;
      if (counts->submitted_at == 0 || row->created_at < counts->submitted_at)
        counts->submitted_at = row->created_at;
    }
}

/* "14:05" today, with the date on another day. */
static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("?");
  if (g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now)
      && g_date_time_get_year (when) == g_date_time_get_year (now))
    return g_date_time_format (when, "%H:%M");
  return g_date_time_format (when, "%x %H:%M");
}

static char *
describe_waiting (const BatchCounts *counts)
{
  g_autofree char *submitted = format_time (counts->submitted_at);

  if (counts->n_live == 1)
    /* Translators: %s is a time such as 14:05; the number counts requests. */
    return g_strdup_printf (ngettext ("Waiting for the provider (batch submitted %s, "
                                      "%" PRId64 " request)",
                                      "Waiting for the provider (batch submitted %s, "
                                      "%" PRId64 " requests)", counts->n_requests),
                            submitted, counts->n_requests);
  /* Translators: %u counts batches, %s is a time such as 14:05. */
  return g_strdup_printf (_("Waiting for the provider (%u batches submitted from %s, "
                            "%" PRId64 " requests)"), counts->n_live, submitted,
                          counts->n_requests);
}

static void
show_batch_state (ErrataEvaluatorsPage *self)
{
  ErrataEvalProgress progress;
  BatchCounts counts;
  g_autofree char *text = NULL;
  double fraction;

  if (self->batch == NULL || self->run == NULL)
    return;
  errata_eval_run_get_progress (self->run, &progress);
  count_rows (errata_eval_batch_get_rows (self->batch), &counts);
  fraction = progress.total > 0 ? (double) progress.done / progress.total : 0;
  if (errata_eval_batch_get_cancelling (self->batch))
    text = g_strdup (_("Cancelling the batch at the provider; the verdicts that had finished "
                       "will be stored…"));
  else if (counts.n_ended > 0)
    /* Translators: verdicts written so far, of all. */
    text = g_strdup_printf (_("The provider answered: storing the verdicts (%u of %u)"),
                            progress.done, progress.total);
  else if (counts.n_live > 0)
    {
      text = describe_waiting (&counts);
      if (counts.n_requests > 0)
        fraction = (double) counts.n_answered / counts.n_requests;
    }
  else
    text = g_strdup_printf (ngettext ("Sending %u request to the provider…",
                                      "Sending %u requests to the provider…",
                                      progress.total - progress.done),
                            progress.total - progress.done);
  gtk_label_set_text (self->run_label, text);
  gtk_progress_bar_set_fraction (self->run_progress, fraction);
}

/* The end ---------------------------------------------------------------------- */

static void
summarise_batch (ErrataEvaluatorsPage *self)
{
  ErrataEvalProgress progress;
  const char *message = errata_eval_run_get_message (self->run);
  guint n_lost = errata_eval_batch_get_n_expired (self->batch)
                 + errata_eval_batch_get_n_errored (self->batch);
  g_autofree char *text = NULL;

  errata_eval_run_get_progress (self->run, &progress);
  switch (errata_eval_run_get_status (self->run))
    {
    case ERRATA_RUN_DONE:
      if (n_lost == 0)
        text = g_strdup_printf (_("Batch finished: %u pass, %u fail, %u errors"),
                                progress.n_pass, progress.n_fail, progress.n_error);
      else
        /* Translators: counts of verdicts and of requests of a batch. */
        text = g_strdup_printf (_("Batch finished: %u of %u verdicts came back (%u expired, "
                                  "%u errors)"),
                                progress.done - n_lost, progress.total,
                                errata_eval_batch_get_n_expired (self->batch),
                                errata_eval_batch_get_n_errored (self->batch));
      break;
    case ERRATA_RUN_CANCELLED:
      if (errata_eval_batch_get_cancelling (self->batch))
        {
          /* Translators: %u counts verdicts. */
          text = g_strdup_printf (ngettext ("Batch cancelled; %u verdict that had finished is "
                                            "stored",
                                            "Batch cancelled; %u verdicts that had finished are "
                                            "stored", progress.done),
                                  progress.done);
          break;
        }
      /* The resume bar says the rest: a toast this long would be cut. */
      text = g_strdup (_("Stopped waiting; the batch goes on at the provider, which charges "
                         "for it"));
      break;
    default:
      text = g_strdup_printf (_("The provider refused the batch: %s"),
                              message != NULL && *message != '\0' ? message
                                                                  : _("no reason given"));
      break;
    }
  show_message (self, text);
}

static void
on_batch_finished (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GWeakRef *page_ref = user_data;
  g_autoptr(ErrataEvaluatorsPage) self = g_weak_ref_get (page_ref);
  ErrataEvalBatch *batch = ERRATA_EVAL_BATCH (source);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (page_ref);
  g_free (page_ref);
  /* The page was disposed: the run's state is stored, nothing to show. */
  if (self == NULL || self->batch != batch)
    return;
  if (!errata_eval_batch_run_finish (batch, result, &error))
    show_message (self, error->message);
  else
    summarise_batch (self);
  g_signal_handlers_disconnect_by_data (batch, self);
  g_signal_handlers_disconnect_by_data (self->run, self);
  _errata_evaluators_page_run_ended (self, self->run_evaluator);
}

void
_errata_evaluators_page_start_batch (ErrataEvaluatorsPage *self,
                                     ErrataEvalRun        *run)
{
  GWeakRef *page_ref;

  if (!ERRATA_IS_JUDGE (self->run_method))
    {
      show_message (self, _("Only LLM judges run as batches."));
      _errata_evaluators_page_run_ended (self, self->run_evaluator);
      return;
    }
  g_set_object (&self->run, run);
  if (self->run_cancellable == NULL)
    self->run_cancellable = g_cancellable_new ();
  self->batch = errata_eval_batch_new (run, ERRATA_JUDGE (self->run_method));
  errata_eval_batch_set_poll_interval (self->batch, self->batch_poll_first_ms,
                                       self->batch_poll_max_ms);
  g_signal_connect_object (self->batch, "changed", G_CALLBACK (show_batch_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (run, "progress", G_CALLBACK (show_batch_state), self,
                           G_CONNECT_SWAPPED);
  _errata_evaluators_page_set_running (self, TRUE);
  gtk_button_set_label (self->cancel_button, _("Stop _Waiting"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                               _("Stop waiting and leave the batch running at the provider, "
                                 "which charges for it; Resume collects its verdicts later."));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_batch_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.cancel-batch", TRUE);
  /* Only a weak reference: closing the window disposes the page, which
   * stops waiting (the batches stay stored and at the provider, and the
   * next page to open the project picks them up). A strong one would
   * keep a closed page polling for hours. */
  page_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (page_ref, self);
  errata_eval_batch_run_async (self->batch, self->run_cancellable, on_batch_finished, page_ref);
  /* A resumed run's stored batches are read as it starts; they may not
   * change for a long while. */
  show_batch_state (self);
}

/* Cancel Batch ------------------------------------------------------------------ */

static void
on_cancel_batch_response (AdwMessageDialog     *dialog,
                          const char           *response,
                          ErrataEvaluatorsPage *self)
{
  if (g_strcmp0 (response, "cancel-batch") != 0 || self->batch == NULL)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.cancel-batch", FALSE);
  errata_eval_batch_cancel_at_provider (self->batch);
  show_batch_state (self);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* AdwMessageDialog: libadwaita 1.2 is the floor */

/* Asks first: cancelling cannot be undone, and it is the provider that
 * decides what had finished. */
void
_errata_evaluators_page_ask_cancel_batch (ErrataEvaluatorsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->batch == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Cancel the Batch?"),
                                   _("The provider stops the batch. The verdicts that had "
                                     "already finished are stored; the requests that had not "
                                     "run get no verdict and, per the provider, are not "
                                     "charged. Resuming the run later sends them again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Running"),
                                    "cancel-batch", _("Cancel _Batch"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-batch",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_batch_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

G_GNUC_END_IGNORE_DEPRECATIONS

/* Stopped by the user, picked up when the project opens ------------------------- */

static char *
stopped_key (gint64 run_id)
{
  return g_strdup_printf ("eval_batch_stopped:%" PRId64, run_id);
}

static gboolean
is_stopped (ErrataProject *project,
            gint64         run_id)
{
  g_autofree char *key = stopped_key (run_id);
  g_autofree char *value = errata_project_get_meta (project, key);

  return g_strcmp0 (value, "1") == 0;
}

static void
set_stopped (ErrataEvaluatorsPage *self,
             gint64                run_id,
             gboolean              stopped)
{
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autofree char *key = stopped_key (run_id);
  g_autoptr(GError) error = NULL;

  if (project == NULL || run_id <= 0 || is_stopped (project, run_id) == stopped)
    return;
  if (!errata_project_set_meta (project, key, stopped ? "1" : "", &error))
    show_message (self, error->message);
}

void
_errata_evaluators_page_stop_waiting (ErrataEvaluatorsPage *self)
{
  if (self->run != NULL)
    set_stopped (self, errata_eval_run_get_id (self->run), TRUE);
}

void
_errata_evaluators_page_forget_stopped (ErrataEvaluatorsPage *self,
                                        gint64                run_id)
{
  set_stopped (self, run_id, FALSE);
}

gboolean
_errata_evaluators_page_is_batch_run (ErrataEvaluatorsPage *self,
                                      gint64                run_id)
{
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autoptr(GPtrArray) rows = NULL;

  rows = project != NULL ? errata_eval_batches_list (project, run_id, FALSE, NULL) : NULL;
  return rows != NULL && rows->len > 0;
}

/* The resume bar's words for a batch run with batches still at the
 * provider; FALSE for any other run. */
gboolean
_errata_evaluators_page_describe_stopped_batch (ErrataEvaluatorsPage *self,
                                                const ErrataRunInfo  *run,
                                                GString              *text)
{
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autoptr(GPtrArray) rows = errata_eval_batches_list (project, run->id, FALSE, NULL);
  g_autofree char *submitted = NULL;
  BatchCounts counts;

  count_rows (rows, &counts);
  if (counts.n_live == 0)
    return FALSE;
  submitted = format_time (counts.submitted_at);
  if (is_stopped (project, run->id))
    /* Translators: %s is a time such as 14:05. */
    g_string_printf (text, _("You stopped waiting for the batch submitted %s (%" PRId64
                             " requests). It goes on at the provider; resume to collect its "
                             "verdicts, or to cancel it there."),
                     submitted, counts.n_requests);
  else
    g_string_printf (text, _("The batch submitted %s (%" PRId64 " requests) is still at the "
                             "provider; resume to collect its verdicts."),
                     submitted, counts.n_requests);
  return TRUE;
}

/* A batch run the last session left waiting (closed, or killed) and the
 * user did not stop; each at most once per page, so that one that cannot
 * go on is not tried again and again. */
static gboolean
should_pick_up (ErrataEvaluatorsPage *self,
                ErrataProject        *project,
                gint64                run_id)
{
  g_autoptr(ErrataRunInfo) info = errata_eval_runs_get (project, run_id, NULL);
  gboolean live = FALSE;

  if (info == NULL || (info->status != ERRATA_RUN_CANCELLED
                       && info->status != ERRATA_RUN_INTERRUPTED))
    return FALSE;
  if (!errata_eval_batches_has_live (project, run_id, &live, NULL) || !live)
    return FALSE;
  if (is_stopped (project, run_id))
    return FALSE;
  if (self->picked_up == NULL)
    self->picked_up = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (g_hash_table_contains (self->picked_up, &run_id))
    return FALSE;
  g_hash_table_add (self->picked_up, g_memdup2 (&run_id, sizeof run_id));
  return TRUE;
}

void
_errata_evaluators_page_pick_up_batches (ErrataEvaluatorsPage *self)
{
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autoptr(GPtrArray) evaluators = NULL;

  if (project == NULL || self->run != NULL || self->run_method != NULL
      || errata_evaluators_page_is_running (self))
    return;
  evaluators = errata_evaluators_list (project, NULL);
  for (guint i = 0; evaluators != NULL && i < evaluators->len; i++)
    {
      ErrataEvaluator *evaluator = g_ptr_array_index (evaluators, i);
      gint64 run_id;

      if (!errata_evaluator_method_needs_llm (evaluator->kind))
        continue;
      run_id = errata_eval_batches_latest_run (project, evaluator->id, NULL);
      if (run_id > 0 && should_pick_up (self, project, run_id))
        {
          _errata_evaluators_page_resume_batch (self, evaluator->id, run_id);
          return;
        }
    }
}
