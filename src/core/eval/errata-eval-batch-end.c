/* errata-eval-batch-end.c: how a batch run ended, in the run's status and
 * the message stored with it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-batch-private.h"

#include <glib/gi18n-lib.h>

static guint
count_rows (ErrataEvalBatch      *self,
            ErrataEvalBatchState  state,
            guint                *n_traces)
{
  guint n = 0;

  if (n_traces != NULL)
    *n_traces = 0;
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      ErrataEvalBatchRow *row = g_ptr_array_index (self->rows, i);

      if (row->state != state || g_hash_table_contains (self->failed_before, row))
        continue;
      n++;
      if (n_traces != NULL)
        *n_traces += row->n_requests;
    }
  return n;
}

static guint
count_live (ErrataEvalBatch *self)
{
  guint n = 0;

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    n += errata_eval_batch_state_is_live (((ErrataEvalBatchRow *) g_ptr_array_index (self->rows,
                                                                                      i))->state);
  return n;
}

static char *
failed_message (ErrataEvalBatch *self)
{
  guint n_traces;
  guint n = count_rows (self, ERRATA_EVAL_BATCH_FAILED, &n_traces);
  const char *why = "";

  for (guint i = 0; i < self->rows->len; i++)
    {
      ErrataEvalBatchRow *row = g_ptr_array_index (self->rows, i);

      if (row->state == ERRATA_EVAL_BATCH_FAILED && row->message != NULL && *row->message
          && !g_hash_table_contains (self->failed_before, row))
        why = row->message;
    }
  /* Translators: the first %u counts batches, %s is the provider's reason,
   * the last %u counts traces. */
  return g_strdup_printf (_("%u of %u batches failed at the provider as a whole (%s): no verdict "
                            "was written for their %u traces. Resume the run with --batch to "
                            "send them again."), n, self->rows->len, why, n_traces);
}

static char *
done_message (ErrataEvalBatch *self)
{
  if (self->n_expired == 0 && self->n_errored == 0)
    return g_strdup ("");
  /* Translators: counts of requests of a provider's batch. */
  return g_strdup_printf (_("%u requests expired before the provider ran them and %u came back "
                            "with an error: each is a verdict of kind error, with its reason."),
                          self->n_expired, self->n_errored);
}

static char *
cancelled_message (ErrataEvalBatch *self)
{
  guint n = count_live (self);

  if (n == 0)
    return g_strdup (_("Cancelled."));
  /* Translators: %u counts batches. */
  return g_strdup_printf (_("Stopped waiting: %u batches are still at the provider, where they "
                            "go on. Resume the run with --batch to collect them."), n);
}

static char *
cancelled_at_provider_message (ErrataEvalBatch *self)
{
  g_autofree char *done = done_message (self);
  g_autofree char *kept = NULL;

  /* Translators: %u counts requests. */
  kept = g_strdup_printf (ngettext ("Batches cancelled at the provider: the verdicts that had "
                                    "finished are stored; %u request had not run and has no "
                                    "verdict. Resume the run with --batch to send it again.",
                                    "Batches cancelled at the provider: the verdicts that had "
                                    "finished are stored; %u requests had not run and have no "
                                    "verdict. Resume the run with --batch to send them again.",
                                    self->n_not_run), self->n_not_run);
  return *done != '\0' ? g_strconcat (kept, " ", done, NULL) : g_steal_pointer (&kept);
}

/* The status the run ends with, and the message that says why; @cancelled:
 * the run's cancellable was. */
char *
_errata_eval_batch_end_message (ErrataEvalBatch *self,
                                gboolean         cancelled,
                                ErrataRunStatus *status)
{
  char *message;

  if (self->fatal != NULL)
    {
      *status = ERRATA_RUN_FAILED;
      message = g_strdup (self->fatal->message);
    }
  else if (cancelled && (count_live (self) > 0 || self->plan_cut))
    {
      *status = ERRATA_RUN_CANCELLED;
      message = cancelled_message (self);
    }
  else if (self->cancel_at_provider)
    {
      *status = ERRATA_RUN_CANCELLED;
      message = cancelled_at_provider_message (self);
    }
  else if (count_rows (self, ERRATA_EVAL_BATCH_FAILED, NULL) > 0)
    {
      *status = ERRATA_RUN_FAILED;
      message = failed_message (self);
    }
  else
    {
      *status = ERRATA_RUN_DONE;
      message = done_message (self);
    }
  return message;
}
