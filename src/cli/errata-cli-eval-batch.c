/* errata-cli-eval-batch.c: `errata-cli eval run … --batch`: a judge run
 * through the provider's Batch API (errata-eval-batch.h), with a line per
 * change of a batch, Ctrl+C that leaves the batches at the provider,
 * `--batch --resume RUN --cancel` that cancels them there, and
 * `--batch --status` that shows a run's stored batches.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-cli-common.h"
#include "errata-cli-outcome.h"
#include "errata-cli-eval-private.h"
#include "errata-eval-batch.h"
#include "errata-eval-batches.h"
#include "errata-eval-runs.h"
#include "errata-judge.h"
#include "errata-llm-prices.h"

/* Refused before anything is sent when the estimate at the batch discount
 * is above --max-cost: a batch sends every trace at once, so it cannot
 * stop halfway the way a live run does. */
gboolean
_errata_cli_eval_batch_check_cost (ErrataEvalRun  *run,
                                   double          max_cost,
                                   GError        **error)
{
  ErrataEvalEstimate estimate;
  ErrataEvalProgress progress;
  double cost;

  if (max_cost <= 0)
    return TRUE;
  errata_eval_run_estimate (run, &estimate);
  errata_eval_run_get_progress (run, &progress);
  cost = progress.cost + estimate.cost * ERRATA_LLM_BATCH_DISCOUNT;
  if (cost <= max_cost)
    return TRUE;
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               /* Translators: amounts of US dollars. */
               _("A batch sends every trace at once and cannot stop at a cost limit: about $%.4f "
                 "at the batch discount is above --max-cost $%.4f. Raise --max-cost or judge "
                 "fewer traces."), cost, max_cost);
  return FALSE;
}

static void
print_row (const ErrataEvalBatchRow *row)
{
  g_print (_("  batch %s: %s"), row->batch_id != NULL ? row->batch_id : _("(not sent yet)"),
           errata_eval_batch_state_to_string (row->state));
  if (row->provider_status != NULL && *row->provider_status != '\0')
    g_print (" (%s)", row->provider_status);
  g_print (_(" · %" PRId64 " requests · %" PRId64 " succeeded · %"
             PRId64 " errors · %" PRId64 " expired"),
           row->n_requests, row->n_succeeded, row->n_errored, row->n_expired);
  if (row->message != NULL && *row->message != '\0')
    g_print (" · %s", row->message);
  g_print ("\n");
}

static void
add_row_json (JsonBuilder              *builder,
              const ErrataEvalBatchRow *row)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "batch_id");
  if (row->batch_id != NULL)
    json_builder_add_string_value (builder, row->batch_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, row->provider);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, errata_eval_batch_state_to_string (row->state));
  json_builder_set_member_name (builder, "provider_status");
  json_builder_add_string_value (builder, row->provider_status ? row->provider_status : "");
  json_builder_set_member_name (builder, "requests");
  json_builder_add_int_value (builder, row->n_requests);
  json_builder_set_member_name (builder, "succeeded");
  json_builder_add_int_value (builder, row->n_succeeded);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, row->n_errored);
  json_builder_set_member_name (builder, "expired");
  json_builder_add_int_value (builder, row->n_expired);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, row->message ? row->message : "");
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, row->created_at / G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_int_value (builder, row->updated_at / G_USEC_PER_SEC);
  json_builder_end_object (builder);
}

/* `--batch --status`: the stored batches of @run_id (0: the evaluator's
 * latest batch run). */
int
_errata_cli_eval_batch_status (ErrataProject   *project,
                               ErrataEvaluator *evaluator,
                               gint64           run_id,
                               gboolean         as_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(ErrataRunInfo) info = NULL;

  if (run_id <= 0)
    run_id = errata_eval_batches_latest_run (project, evaluator->id, &error);
  if (run_id < 0)
    return _errata_cli_eval_fail_error (error);
  if (run_id == 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_FAILED, _("“%s” has no batch runs."),
                            evaluator->name);
  info = errata_eval_runs_get (project, run_id, &error);
  rows = info != NULL ? errata_eval_batches_list (project, run_id, FALSE, &error) : NULL;
  if (rows == NULL)
    return _errata_cli_eval_fail_error (error);
  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "run");
      json_builder_add_int_value (builder, run_id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, errata_run_status_to_string (info->status));
      json_builder_set_member_name (builder, "batches");
      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        add_row_json (builder, g_ptr_array_index (rows, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      _errata_cli_eval_print_json (root);
      return ERRATA_CLI_EXIT_OK;
    }
  g_print (_("Run %" PRId64 ": %s · %u batches\n"), run_id,
           errata_run_status_to_string (info->status), rows->len);
  for (guint i = 0; i < rows->len; i++)
    print_row (g_ptr_array_index (rows, i));
  return ERRATA_CLI_EXIT_OK;
}

typedef struct
{
  ErrataEvalBatch *batch;
  gboolean         show;
} Printer;

static void
on_changed (ErrataEvalBatch *batch,
            Printer         *printer)
{
  GPtrArray *rows = errata_eval_batch_get_rows (batch);
  guint counts[ERRATA_EVAL_BATCH_FAILED + 1] = { 0, };

  if (!printer->show || rows == NULL)
    return;
  for (guint i = 0; i < rows->len; i++)
    counts[((ErrataEvalBatchRow *) g_ptr_array_index (rows, i))->state]++;
  g_printerr (_("batches: %u · %u at the provider · %u ended · %u collected · %u failed\n"),
              rows->len, counts[ERRATA_EVAL_BATCH_SUBMITTED] + counts[ERRATA_EVAL_BATCH_PENDING],
              counts[ERRATA_EVAL_BATCH_ENDED] + counts[ERRATA_EVAL_BATCH_COLLECTING],
              counts[ERRATA_EVAL_BATCH_COLLECTED], counts[ERRATA_EVAL_BATCH_FAILED]);
}

/* Runs @run through the Batch API until every batch is collected (or
 * Ctrl+C); with @cancel, cancels its batches at the provider and collects
 * what had finished. The run's status says how it ended. */
gboolean
_errata_cli_eval_batch_execute (ErrataEvalRun     *run,
                                ErrataEvalMethod  *method,
                                gboolean           progress,
                                double             poll_seconds,
                                guint              batch_size,
                                gboolean           cancel,
                                GError           **error)
{
  g_autoptr(ErrataEvalBatch) batch = errata_eval_batch_new (run, ERRATA_JUDGE (method));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  Printer printer = { batch, progress };
  g_auto(ErrataCliInterrupt) interrupt = { 0 };
  gulong handler = g_signal_connect (batch, "changed", G_CALLBACK (on_changed), &printer);
  gboolean ok;

  if (poll_seconds > 0)
    {
      guint first = (guint) MAX (poll_seconds * 1000, 1);

      /* The interval grows to 20 times the first one, at most 10 minutes. */
      errata_eval_batch_set_poll_interval (batch, first,
                                           MIN ((guint64) first * 20,
                                                ERRATA_EVAL_BATCH_MAX_POLL_MS));
    }
  errata_eval_batch_set_max_requests (batch, batch_size);
  if (cancel)
    errata_eval_batch_cancel_at_provider (batch);
  errata_cli_interrupt_watch (&interrupt, cancellable,
                              _("Stopping: the batches stay at the provider and the verdicts so "
                                "far are kept; resume with --batch --resume RUN."));
  errata_eval_batch_run_async (batch, cancellable, errata_cli_on_result, &result);
  ok = errata_eval_batch_run_finish (batch, errata_cli_wait (&result), error);
  g_signal_handler_disconnect (batch, handler);
  errata_cli_interrupt_clear (&interrupt);
  if (ok && progress)
    g_printerr (_("batches: %u · %u requests expired · %u came back with an error\n"),
                errata_eval_batch_get_n_batches (batch), errata_eval_batch_get_n_expired (batch),
                errata_eval_batch_get_n_errored (batch));
  return ok;
}

/* A run with batches not yet collected goes on only as a batch run: a live
 * resume would ask again for what the provider is answering already. */
gboolean
_errata_cli_eval_batch_check_live (ErrataProject  *project,
                                   gint64          run_id,
                                   GError        **error)
{
  gboolean live = FALSE;

  if (!errata_eval_batches_has_live (project, run_id, &live, error))
    return FALSE;
  if (live)
    g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                 _("Run %" PRId64 " has batches at the provider: resume it with "
                   "--batch --resume %" PRId64 "."), run_id, run_id);
  return !live;
}
