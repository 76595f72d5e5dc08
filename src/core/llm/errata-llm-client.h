/* errata-llm-client.h: asynchronous, rate-limited, retrying LLM calls.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-llm-cache.h"
#include "errata-llm-error.h"
#include "errata-llm-prices.h"
#include "errata-llm-provider.h"
#include "errata-llm-reply.h"
#include "errata-llm-request.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_LLM_CLIENT (errata_llm_client_get_type ())

G_DECLARE_FINAL_TYPE (ErrataLlmClient, errata_llm_client, ERRATA, LLM_CLIENT, GObject)

/* Running totals of one client. Cached replies cost nothing and are
 * counted apart. */
typedef struct
{
  guint64 requests;     /* HTTP requests sent, retries included */
  guint64 replies;      /* successful replies from the network */
  guint64 cache_hits;
  guint64 failures;     /* requests that finished with an error */
  gint64  tokens_in;
  gint64  tokens_out;
  double  cost;         /* US dollars */
} ErrataLlmUsage;

ErrataLlmClient         *errata_llm_client_new                (const ErrataLlmProvider  *provider);

const ErrataLlmProvider *errata_llm_client_get_provider       (ErrataLlmClient          *self);
void                     errata_llm_client_set_prices         (ErrataLlmClient          *self,
                                                               ErrataLlmPrices          *prices);
ErrataLlmPrices         *errata_llm_client_get_prices         (ErrataLlmClient          *self);
void                     errata_llm_client_set_cache          (ErrataLlmClient          *self,
                                                               ErrataLlmCache           *cache);
ErrataLlmCache          *errata_llm_client_get_cache          (ErrataLlmClient          *self);
void                     errata_llm_client_set_retry_delays   (ErrataLlmClient          *self,
                                                               guint                     base_ms,
                                                               guint                     max_ms);

void                     errata_llm_client_complete_async     (ErrataLlmClient          *self,
                                                               ErrataLlmRequest         *request,
                                                               GCancellable             *cancellable,
                                                               GAsyncReadyCallback       callback,
                                                               gpointer                  user_data);
ErrataLlmReply          *errata_llm_client_complete_finish    (ErrataLlmClient          *self,
                                                               GAsyncResult             *result,
                                                               GError                  **error);

void                     errata_llm_client_list_models_async  (ErrataLlmClient          *self,
                                                               GCancellable             *cancellable,
                                                               GAsyncReadyCallback       callback,
                                                               gpointer                  user_data);
GStrv                    errata_llm_client_list_models_finish (ErrataLlmClient          *self,
                                                               GAsyncResult             *result,
                                                               GError                  **error);

char                    *errata_llm_client_hash_request       (ErrataLlmClient          *self,
                                                               ErrataLlmRequest         *request);
const GError            *errata_llm_client_get_stop_error     (ErrataLlmClient          *self);
void                     errata_llm_client_reset              (ErrataLlmClient          *self);
void                     errata_llm_client_get_usage          (ErrataLlmClient          *self,
                                                               ErrataLlmUsage           *usage);
guint                    errata_llm_client_get_n_pending      (ErrataLlmClient          *self);

G_END_DECLS
