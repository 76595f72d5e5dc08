/* errata-llm-keys.c
 *
 * Keys live in the Secret Service (the secret portal under Flatpak),
 * keyed by provider and base URL, so a local proxy and the vendor's API
 * can hold different keys. The OPENAI_API_KEY / ANTHROPIC_API_KEY
 * environment variables serve when the keyring has none or there is no
 * keyring at all (CI, ssh sessions). They are only offered to their own
 * vendor's protocol: an OpenAI key is not sent to a "custom" server.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Errata-Llm"

#include "errata-llm-keys.h"

#include <string.h>

#include "errata-keyring.h"

static const SecretSchema *
api_key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.errata.Errata.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static char *
normalise_url (const char *base_url)
{
  char *copy = g_strdup (base_url != NULL ? base_url : "");
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  return copy;
}

static GHashTable *
key_attributes (const char *provider,
                const char *base_url)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "provider", g_strdup (provider));
  g_hash_table_insert (attributes, "base-url", normalise_url (base_url));
  return attributes;
}

const char *
errata_llm_keys_env_var (const char *provider)
{
  g_return_val_if_fail (provider != NULL, NULL);

  if (g_str_equal (provider, "openai"))
    return "OPENAI_API_KEY";
  if (g_str_equal (provider, "anthropic"))
    return "ANTHROPIC_API_KEY";
  return NULL;
}

void
_errata_llm_keys_store_in_async (const char          *collection,
                                 const char          *provider,
                                 const char          *base_url,
                                 const char          *api_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (provider != NULL);
  g_return_if_fail (api_key != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_llm_keys_store_async);

  attributes = key_attributes (provider, base_url);
  label = g_strdup_printf ("Errata API key for %s", (const char *) g_hash_table_lookup (
                             attributes, *(char *) g_hash_table_lookup (attributes, "base-url") != '\0'
                                         ? "base-url" : "provider"));
  errata_keyring_store (task, api_key_schema (), attributes, collection, label, api_key);
}

void
errata_llm_keys_store_async (const char          *provider,
                             const char          *base_url,
                             const char          *api_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  _errata_llm_keys_store_in_async (SECRET_COLLECTION_DEFAULT, provider, base_url, api_key,
                                   cancellable, callback, user_data);
}

gboolean
errata_llm_keys_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char               *key;
  ErrataLlmKeySource  source;
} LookupResult;

static void
lookup_result_free (gpointer data)
{
  LookupResult *found = data;

  errata_keyring_secret_free (found->key);
  g_free (found);
}

/* The lookup's task data: the keyring's error stays with the task, for
 * errata_llm_keys_lookup_get_keyring_error(). */
typedef struct
{
  char   *provider;
  GError *keyring_error;
} Lookup;

static void
lookup_free (gpointer data)
{
  Lookup *lookup = data;

  g_free (lookup->provider);
  g_clear_error (&lookup->keyring_error);
  g_free (lookup);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  Lookup *lookup = g_task_get_task_data (task);
  const char *provider = lookup->provider;
  LookupResult *found = g_new0 (LookupResult, 1);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_debug ("No keyring for the API key, trying the environment: %s", error->message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lookup->keyring_error = g_error_copy (error);
    }

  if (secret != NULL && *secret != '\0')
    {
      found->key = g_strdup (secret);
      found->source = ERRATA_LLM_KEY_SOURCE_KEYRING;
    }
  else if (errata_llm_keys_env_var (provider) != NULL &&
           g_getenv (errata_llm_keys_env_var (provider)) != NULL &&
           *g_getenv (errata_llm_keys_env_var (provider)) != '\0')
    {
      found->key = g_strdup (g_getenv (errata_llm_keys_env_var (provider)));
      found->source = ERRATA_LLM_KEY_SOURCE_ENVIRONMENT;
    }
  secret_password_free (secret);

  g_task_return_pointer (task, found, lookup_result_free);
}

/* Never fails for want of a keyring: that is the same as no key. */
void
errata_llm_keys_lookup_async (const char          *provider,
                              const char          *base_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  Lookup *lookup;
  GTask *task;

  g_return_if_fail (provider != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_llm_keys_lookup_async);
  lookup = g_new0 (Lookup, 1);
  lookup->provider = g_strdup (provider);
  g_task_set_task_data (task, lookup, lookup_free);

  attributes = key_attributes (provider, base_url);
  secret_password_lookupv (api_key_schema (), attributes, cancellable, on_looked_up, task);
}

/**
 * errata_llm_keys_lookup_finish:
 * @source: (out) (optional): where the key came from
 *
 * Returns: (transfer full) (nullable): the key, or NULL (without an
 *   error) when neither the keyring nor the environment has one
 */
char *
errata_llm_keys_lookup_finish (GAsyncResult        *result,
                               ErrataLlmKeySource  *source,
                               GError             **error)
{
  LookupResult *found;
  char *key;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (source != NULL)
    *source = found != NULL ? found->source : ERRATA_LLM_KEY_SOURCE_NONE;
  if (found == NULL)
    return NULL;

  key = g_steal_pointer (&found->key);
  lookup_result_free (found);
  return key;
}

const GError *
errata_llm_keys_lookup_get_keyring_error (GAsyncResult *result)
{
  Lookup *lookup;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == errata_llm_keys_lookup_async, NULL);

  lookup = g_task_get_task_data (G_TASK (result));
  return lookup->keyring_error;
}

void
errata_llm_keys_clear_async (const char          *provider,
                             const char          *base_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (provider != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_llm_keys_clear_async);

  attributes = key_attributes (provider, base_url);
  errata_keyring_clear (task, api_key_schema (), attributes);
}

/* Clearing a key that was not there is not an error. */
gboolean
errata_llm_keys_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
