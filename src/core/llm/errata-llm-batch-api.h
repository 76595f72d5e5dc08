/* errata-llm-batch-api.h: a provider's Batch API, for judge runs too large
 * for one machine's connections.
 *
 * OpenAI (and compatible servers): the requests are uploaded as a JSONL
 * file (POST /files, purpose "batch", multipart), a batch is created over
 * it (POST /batches, endpoint /v1/chat/completions, completion window
 * 24h), read back (GET /batches/ID) until it ends, and its output and error
 * files are downloaded (GET /files/ID/content). Anthropic: the requests go
 * in one JSON body (POST /v1/messages/batches), the batch is read back
 * (GET /v1/messages/batches/ID) and its results downloaded from its
 * results_url. Either batch can be cancelled (POST …/ID/cancel): what had
 * finished stays in its results.
 *
 * The payload (what is uploaded) is written by ErrataLlmBatchWriter in the
 * provider's framing, to a file, so that a batch of 200 MB is streamed from
 * disk rather than held in memory; downloads are written to files too.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-llm-provider.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_LLM_BATCH_API (errata_llm_batch_api_get_type ())

G_DECLARE_FINAL_TYPE (ErrataLlmBatchApi, errata_llm_batch_api, ERRATA, LLM_BATCH_API, GObject)

/* The providers' per-batch limits (their documentation, 2026). */
#define ERRATA_LLM_OPENAI_BATCH_MAX_REQUESTS    50000
#define ERRATA_LLM_OPENAI_BATCH_MAX_BYTES       (200 * 1000 * 1000)
#define ERRATA_LLM_ANTHROPIC_BATCH_MAX_REQUESTS 100000
#define ERRATA_LLM_ANTHROPIC_BATCH_MAX_BYTES    (256 * 1000 * 1000)

typedef enum
{
  ERRATA_LLM_BATCH_RUNNING,  /* validating, in progress, finalizing, cancelling */
  ERRATA_LLM_BATCH_ENDED,    /* results can be downloaded (some may be errors or expired) */
  ERRATA_LLM_BATCH_FAILED,   /* refused as a whole: there are no results */
} ErrataLlmBatchState;

/* One batch as the provider reports it. */
typedef struct
{
  char                *id;
  char                *status;        /* the provider's own word */
  ErrataLlmBatchState  state;
  gint64               n_total;
  gint64               n_succeeded;
  gint64               n_errored;
  gint64               n_expired;     /* Anthropic says; OpenAI counts them as failed */
  char                *output;        /* OpenAI: output file id; Anthropic: results URL */
  char                *errors;        /* OpenAI: error file id; NULL otherwise */
  char                *message;       /* why a batch failed, as the provider said */
} ErrataLlmBatchInfo;

void                errata_llm_batch_info_free      (ErrataLlmBatchInfo *info);

void                errata_llm_batch_limits         (ErrataLlmKind       kind,
                                                     guint              *max_requests,
                                                     guint64            *max_bytes);

ErrataLlmBatchApi  *errata_llm_batch_api_new        (const ErrataLlmProvider *provider);
const ErrataLlmProvider *
                    errata_llm_batch_api_get_provider (ErrataLlmBatchApi *self);

void                errata_llm_batch_api_submit_async    (ErrataLlmBatchApi    *self,
                                                          GFile                *payload,
                                                          const char           *boundary,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
ErrataLlmBatchInfo *errata_llm_batch_api_submit_finish   (ErrataLlmBatchApi    *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                errata_llm_batch_api_retrieve_async  (ErrataLlmBatchApi    *self,
                                                          const char           *batch_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
ErrataLlmBatchInfo *errata_llm_batch_api_retrieve_finish (ErrataLlmBatchApi    *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                errata_llm_batch_api_cancel_async    (ErrataLlmBatchApi    *self,
                                                          const char           *batch_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
ErrataLlmBatchInfo *errata_llm_batch_api_cancel_finish   (ErrataLlmBatchApi    *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                errata_llm_batch_api_download_async  (ErrataLlmBatchApi    *self,
                                                          const char           *what,
                                                          GFile                *destination,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean            errata_llm_batch_api_download_finish (ErrataLlmBatchApi    *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

gboolean            errata_llm_batch_error_is_transient (const GError        *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataLlmBatchInfo, errata_llm_batch_info_free)

G_END_DECLS
