/* errata-llm-keys.h: API keys in the keyring, never in a project file.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ERRATA_LLM_KEY_SOURCE_NONE,
  ERRATA_LLM_KEY_SOURCE_KEYRING,
  ERRATA_LLM_KEY_SOURCE_ENVIRONMENT,
} ErrataLlmKeySource;

/* @provider is a value of the llm-provider setting ("openai",
 * "anthropic", "ollama", "custom"); @base_url may be NULL. */
void         errata_llm_keys_store_async   (const char           *provider,
                                            const char           *base_url,
                                            const char           *api_key,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean     errata_llm_keys_store_finish  (GAsyncResult         *result,
                                            GError              **error);

void         errata_llm_keys_lookup_async  (const char           *provider,
                                            const char           *base_url,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char        *errata_llm_keys_lookup_finish (GAsyncResult         *result,
                                            ErrataLlmKeySource   *source,
                                            GError              **error);

/* Why the keyring could not be asked (no Secret Service, a locked or
 * broken one), or NULL: the lookup itself does not fail for that, since
 * the environment may have the key. */
const GError *errata_llm_keys_lookup_get_keyring_error (GAsyncResult *result);

void         errata_llm_keys_clear_async   (const char           *provider,
                                            const char           *base_url,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean     errata_llm_keys_clear_finish  (GAsyncResult         *result,
                                            GError              **error);

const char  *errata_llm_keys_env_var       (const char           *provider);

/* Tests store into the session collection, which never prompts. */
void         _errata_llm_keys_store_in_async (const char         *collection,
                                              const char         *provider,
                                              const char         *base_url,
                                              const char         *api_key,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);

G_END_DECLS
