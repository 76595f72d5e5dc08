/* errata-eval-batches.h: the provider batches of a judge run, as the
 * project keeps them (table eval_batches), so that a batch run outlives
 * the process that started it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-project.h"

G_BEGIN_DECLS

typedef enum
{
  ERRATA_EVAL_BATCH_PENDING,     /* stored, not yet at the provider */
  ERRATA_EVAL_BATCH_SUBMITTED,   /* at the provider, running */
  ERRATA_EVAL_BATCH_ENDED,       /* the provider is done: results to download */
  ERRATA_EVAL_BATCH_COLLECTING,  /* its verdicts are being written */
  ERRATA_EVAL_BATCH_COLLECTED,   /* every trace of it has its verdict */
  ERRATA_EVAL_BATCH_FAILED,      /* refused as a whole: no verdict written */
} ErrataEvalBatchState;

typedef struct
{
  gint64                id;
  gint64                run_id;
  char                 *provider;         /* "openai" or "anthropic" */
  char                 *base_url;
  char                 *batch_id;         /* the provider's; NULL while pending */
  ErrataEvalBatchState  state;
  char                 *provider_status;  /* the provider's own word */
  GArray               *trace_ids;        /* of gint64; NULL when not asked for */
  gint64                n_requests;
  gint64                n_succeeded;
  gint64                n_errored;
  gint64                n_expired;
  char                 *output;           /* output file id or results URL */
  char                 *errors;           /* error file id */
  char                 *message;
  gint64                created_at;       /* µs since the epoch */
  gint64                updated_at;
} ErrataEvalBatchRow;

const char         *errata_eval_batch_state_to_string (ErrataEvalBatchState state);
gboolean            errata_eval_batch_state_is_live   (ErrataEvalBatchState state);
void                errata_eval_batch_row_free        (ErrataEvalBatchRow  *row);

GPtrArray          *errata_eval_batches_list          (ErrataProject       *project,
                                                       gint64               run_id,
                                                       gboolean             with_trace_ids,
                                                       GError             **error);
ErrataEvalBatchRow *errata_eval_batches_insert        (ErrataProject       *project,
                                                       gint64               run_id,
                                                       const char          *provider,
                                                       const char          *base_url,
                                                       GArray              *trace_ids,
                                                       GError             **error);
gboolean            errata_eval_batches_update        (ErrataProject       *project,
                                                       ErrataEvalBatchRow  *row,
                                                       GError             **error);
gboolean            errata_eval_batches_has_live      (ErrataProject       *project,
                                                       gint64               run_id,
                                                       gboolean            *has_live,
                                                       GError             **error);

gint64              errata_eval_batches_latest_run    (ErrataProject       *project,
                                                       gint64               evaluator_id,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataEvalBatchRow, errata_eval_batch_row_free)

G_END_DECLS
