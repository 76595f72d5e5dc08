/* errata-llm-prices.h: what a model charges per million tokens.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ErrataLlmPrices ErrataLlmPrices;

/* What a request sent through a provider's Batch API costs against the
 * same request sent live: OpenAI's Batch API and Anthropic's Message
 * Batches both charge half the list price, input and output alike. */
#define ERRATA_LLM_BATCH_DISCOUNT 0.5

ErrataLlmPrices *errata_llm_prices_new          (void);
ErrataLlmPrices *errata_llm_prices_new_builtin  (void);
ErrataLlmPrices *errata_llm_prices_ref          (ErrataLlmPrices *self);
void             errata_llm_prices_unref        (ErrataLlmPrices *self);

void             errata_llm_prices_set          (ErrataLlmPrices *self,
                                                 const char      *model,
                                                 double           input_per_million,
                                                 double           output_per_million);
gboolean         errata_llm_prices_load_json    (ErrataLlmPrices *self,
                                                 const char      *json,
                                                 GError         **error);
gboolean         errata_llm_prices_lookup       (ErrataLlmPrices *self,
                                                 const char      *model,
                                                 double          *input_per_million,
                                                 double          *output_per_million);
double           errata_llm_prices_cost         (ErrataLlmPrices *self,
                                                 const char      *model,
                                                 gint64           tokens_in,
                                                 gint64           tokens_out);
double           errata_llm_prices_batch_cost   (ErrataLlmPrices *self,
                                                 const char      *model,
                                                 gint64           tokens_in,
                                                 gint64           tokens_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataLlmPrices, errata_llm_prices_unref)

G_END_DECLS
