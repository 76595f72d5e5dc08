/* errata-llm-settings.c
 *
 * The GUI's one way from the llm-* settings and the keyring to a client,
 * so the preferences' Test connection and every feature that calls a
 * model use the very same provider.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-settings.h"
#include "errata-llm-keys.h"

static const struct
{
  const char *name;
  const char *base_url;
  const char *model;
} providers[ERRATA_LLM_N_PROVIDERS] = {
  { "ollama", ERRATA_LLM_OLLAMA_BASE_URL, ERRATA_LLM_DEFAULT_MODEL },
  { "openai", ERRATA_LLM_OPENAI_BASE_URL, "gpt-4o-mini" },
  { "anthropic", ERRATA_LLM_ANTHROPIC_BASE_URL, "claude-3-5-haiku-latest" },
  /* An OpenAI-compatible server of the user's: vLLM's usual address. */
  { "custom", "http://localhost:8000/v1", "" },
};

const char *
errata_llm_settings_provider_at (guint index)
{
  g_return_val_if_fail (index < ERRATA_LLM_N_PROVIDERS, "ollama");

  return providers[index].name;
}

/* Unknown names count as the default, Ollama. */
guint
errata_llm_settings_provider_index (const char *provider)
{
  for (guint i = 0; i < ERRATA_LLM_N_PROVIDERS; i++)
    if (g_strcmp0 (provider, providers[i].name) == 0)
      return i;
  return 0;
}

const char *
errata_llm_settings_default_base_url (const char *provider)
{
  return providers[errata_llm_settings_provider_index (provider)].base_url;
}

const char *
errata_llm_settings_default_model (const char *provider)
{
  return providers[errata_llm_settings_provider_index (provider)].model;
}

/**
 * errata_llm_settings_build_provider:
 * @api_key: (nullable): the key to send
 *
 * Returns: (transfer full): the configured provider, or NULL when the
 *   settings do not name a usable one (a custom provider without a URL)
 */
ErrataLlmProvider *
errata_llm_settings_build_provider (GSettings   *settings,
                                    const char  *api_key,
                                    GError     **error)
{
  g_autofree char *name = g_settings_get_string (settings, "llm-provider");
  g_autofree char *base_url = g_settings_get_string (settings, "llm-base-url");
  g_autofree char *model = g_settings_get_string (settings, "llm-model");
  ErrataLlmProvider *provider;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  provider = errata_llm_provider_new_for_name (name, g_strstrip (base_url), g_strstrip (model), error);
  if (provider == NULL)
    return NULL;
  errata_llm_provider_set_api_key (provider, api_key);
  provider->concurrency = MAX (g_settings_get_uint (settings, "llm-concurrency"), 1);
  provider->requests_per_minute = g_settings_get_uint (settings, "llm-requests-per-minute");
  provider->timeout_seconds = g_settings_get_uint (settings, "llm-timeout-seconds");
  return provider;
}

/* The built-in prices, with the user's llm-prices on top. A broken
 * setting is reported in the log and otherwise ignored: costs are
 * estimates, not a reason to refuse work. */
ErrataLlmPrices *
errata_llm_settings_load_prices (GSettings *settings)
{
  g_autofree char *json = g_settings_get_string (settings, "llm-prices");
  g_autoptr(GError) error = NULL;
  ErrataLlmPrices *prices = errata_llm_prices_new_builtin ();

  if (!errata_llm_prices_load_json (prices, json, &error))
    g_warning ("Ignoring the llm-prices setting: %s", error->message);
  return prices;
}

static void
on_key_found (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  GSettings *settings = g_task_get_task_data (task);
  g_autofree char *key = errata_llm_keys_lookup_finish (result, NULL, NULL);
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmPrices) prices = NULL;
  ErrataLlmClient *client;
  GError *error = NULL;

  provider = errata_llm_settings_build_provider (settings, key, &error);
  if (provider == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  prices = errata_llm_settings_load_prices (settings);
  client = errata_llm_client_new (provider);
  errata_llm_client_set_prices (client, prices);
  g_task_return_pointer (task, client, g_object_unref);
}

/* A client for the configured provider, with the key from the keyring
 * (or OPENAI_API_KEY / ANTHROPIC_API_KEY) and the configured prices. */
void
errata_llm_settings_new_client_async (GSettings           *settings,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *name = NULL;
  g_autofree char *base_url = NULL;
  GTask *task;

  g_return_if_fail (G_IS_SETTINGS (settings));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_llm_settings_new_client_async);
  g_task_set_task_data (task, g_object_ref (settings), g_object_unref);

  name = g_settings_get_string (settings, "llm-provider");
  base_url = g_settings_get_string (settings, "llm-base-url");
  errata_llm_keys_lookup_async (name, g_strstrip (base_url), cancellable, on_key_found, task);
}

ErrataLlmClient *
errata_llm_settings_new_client_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
