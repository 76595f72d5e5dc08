/* errata-llm-settings.h: the LLM provider the user configured, as a client.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-llm-client.h"

G_BEGIN_DECLS

/* Values of the llm-provider setting, in the order the preferences list
 * them: "ollama", "openai", "anthropic", "custom". */
#define ERRATA_LLM_N_PROVIDERS 4

const char        *errata_llm_settings_provider_at            (guint          index);
guint              errata_llm_settings_provider_index         (const char    *provider);
const char        *errata_llm_settings_default_base_url       (const char    *provider);
const char        *errata_llm_settings_default_model          (const char    *provider);

ErrataLlmProvider *errata_llm_settings_build_provider         (GSettings     *settings,
                                                               const char    *api_key,
                                                               GError       **error);
ErrataLlmPrices   *errata_llm_settings_load_prices            (GSettings     *settings);

void               errata_llm_settings_new_client_async       (GSettings            *settings,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
ErrataLlmClient   *errata_llm_settings_new_client_finish      (GAsyncResult         *result,
                                                               GError              **error);

G_END_DECLS
