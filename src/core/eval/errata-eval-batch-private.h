/* errata-eval-batch-private.h: what the files of ErrataEvalBatch share
 * (errata-eval-batch.c plans, submits and polls; errata-eval-batch-collect.c
 * turns a batch's results into verdicts).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-eval-batch.h"
#include "errata-eval-batches.h"
#include "errata-llm-batch-api.h"
#include "errata-llm-batch-writer.h"

G_BEGIN_DECLS

typedef struct _Collector Collector;

struct _ErrataEvalBatch
{
  GObject               parent_instance;

  ErrataProject        *project;
  ErrataEvalRun        *run;
  ErrataJudge          *judge;
  ErrataLlmBatchApi    *api;
  ErrataLlmPrices      *prices;         /* nullable */
  ErrataLlmRequest     *parse_request;  /* what a reply is read against */
  guint                 max_requests;
  guint64               max_bytes;
  guint                 poll_first_ms;
  guint                 poll_max_ms;
  guint                 poll_ms;
  guint                 chunk;          /* verdicts per transaction */

  GPtrArray            *rows;           /* of ErrataEvalBatchRow, with trace ids */
  GHashTable           *failed_before;  /* rows that had failed before this run: their
                                         * traces are planned again */
  GHashTable           *payloads;       /* row id → ErrataLlmBatchWriter (closed) */
  char                 *tmpdir;

  GArray               *to_plan;        /* traces that no batch covers yet */
  guint                 plan_next;
  ErrataLlmBatchWriter *writer;
  GArray               *writer_ids;
  guint                 n_planned;

  Collector            *collector;
  guint                 poll_index;     /* into rows, within one round */
  gboolean              round_changed;
  guint                 source;
  GTask                *task;
  gulong                cancelled_id;
  gboolean              plan_cut;       /* planning stopped by a cancel */
  gboolean              cancel_at_provider; /* cancel the batches, collect what finished */
  GHashTable           *cancel_sent;    /* rows whose cancel the provider took */

  guint                 n_expired;
  guint                 n_errored;
  guint                 n_not_run;      /* requests of cancelled batches: no verdict */
  GError               *fatal;
};

/* errata-eval-batch.c */
void      _errata_eval_batch_step        (ErrataEvalBatch    *self);
void      _errata_eval_batch_wait_then_step (ErrataEvalBatch *self);
void      _errata_eval_batch_changed     (ErrataEvalBatch    *self);
void      _errata_eval_batch_fail        (ErrataEvalBatch    *self,
                                          GError             *error);
char     *_errata_eval_batch_custom_id   (ErrataEvalBatch    *self,
                                          gint64              trace_id);
GFile    *_errata_eval_batch_tmp_file    (ErrataEvalBatch    *self,
                                          const char         *name);

const ErrataLlmProvider *
          _errata_eval_batch_provider     (ErrataEvalBatch    *self);
gboolean  _errata_eval_batch_is_cancelled (ErrataEvalBatch    *self);
gboolean  _errata_eval_batch_is_stopping  (ErrataEvalBatch    *self);
char     *_errata_eval_batch_end_message  (ErrataEvalBatch    *self,
                                           gboolean            cancelled,
                                           ErrataRunStatus    *status);

/* errata-eval-batch-plan.c */
gboolean  _errata_eval_batch_plan_some   (gpointer            data);
GArray   *_errata_eval_batch_uncovered   (ErrataEvalBatch    *self);
ErrataLlmBatchWriter *
          _errata_eval_batch_rebuild_payload (ErrataEvalBatch    *self,
                                              ErrataEvalBatchRow *row,
                                              GError            **error);

/* errata-eval-batch-collect.c */
void      _errata_eval_batch_collect     (ErrataEvalBatch    *self,
                                          ErrataEvalBatchRow *row);
void      _errata_eval_batch_collector_free (Collector        *collector);

G_END_DECLS
