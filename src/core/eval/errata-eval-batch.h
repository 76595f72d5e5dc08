/* errata-eval-batch.h: a judge run sent through the provider's Batch API.
 *
 * The same run as a live one (errata-eval-run.h: the same rules on the
 * test split, the same consent for a remote provider, the same prompt and
 * request per trace, the same reading of a reply, verdicts committed a
 * chunk per transaction), but the requests go as batches: written as JSONL
 * with a custom_id per trace ("t<trace id>-v<evaluator version id>"),
 * split under the provider's limits on requests and bytes per batch,
 * uploaded, stored in the project (eval_batches) before and after they are
 * created, polled with a growing interval, and their results downloaded
 * and mapped back by custom_id. Requests that the provider answered with
 * an error, that expired before they ran, or that have no result are
 * verdicts of kind error, each with its reason. A batch the provider
 * refused as a whole writes no verdict: the run ends failed, saying so,
 * and resuming it sends those traces again. Cost is counted at the batch
 * discount (ERRATA_LLM_BATCH_DISCOUNT).
 *
 * Stopping (Cancel, Ctrl+C, closing the app, a crash) leaves the batches
 * at the provider: resuming the run (errata_eval_run_new_resume() then a
 * new ErrataEvalBatch) polls them again and sends only what was never
 * sent. errata_eval_batch_cancel_at_provider() cancels the batches there
 * instead: what had finished is collected, the rest is not run.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-eval-run.h"
#include "errata-judge.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_EVAL_BATCH (errata_eval_batch_get_type ())

G_DECLARE_FINAL_TYPE (ErrataEvalBatch, errata_eval_batch, ERRATA, EVAL_BATCH, GObject)

/* By default the first poll comes after 30 s and the interval grows to
 * 10 minutes: a batch takes minutes to hours. */
#define ERRATA_EVAL_BATCH_DEFAULT_POLL_MS (30 * 1000)
#define ERRATA_EVAL_BATCH_MAX_POLL_MS     (10 * 60 * 1000)

ErrataEvalBatch *errata_eval_batch_new                (ErrataEvalRun        *run,
                                                       ErrataJudge          *judge);
void             errata_eval_batch_set_poll_interval  (ErrataEvalBatch      *self,
                                                       guint                 first_ms,
                                                       guint                 max_ms);
void             errata_eval_batch_set_max_requests   (ErrataEvalBatch      *self,
                                                       guint                 max_requests);
void             errata_eval_batch_run_async          (ErrataEvalBatch      *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean         errata_eval_batch_run_finish         (ErrataEvalBatch      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void             errata_eval_batch_cancel_at_provider (ErrataEvalBatch      *self);
gboolean         errata_eval_batch_get_cancelling     (ErrataEvalBatch      *self);
GPtrArray       *errata_eval_batch_get_rows           (ErrataEvalBatch      *self);
guint            errata_eval_batch_get_n_batches      (ErrataEvalBatch      *self);
guint            errata_eval_batch_get_n_expired      (ErrataEvalBatch      *self);
guint            errata_eval_batch_get_n_errored      (ErrataEvalBatch      *self);

G_END_DECLS
