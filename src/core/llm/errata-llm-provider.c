/* errata-llm-provider.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-llm-provider.h"
#include "errata-llm-error.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (ErrataLlmProvider, errata_llm_provider,
                     errata_llm_provider_copy, errata_llm_provider_free)

static char *
normalise_base_url (const char *base_url)
{
  char *copy = g_strdup (base_url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

/**
 * errata_llm_provider_new:
 * @base_url: (nullable): NULL for the vendor's public endpoint
 * @model: (nullable): NULL for ERRATA_LLM_DEFAULT_MODEL
 */
ErrataLlmProvider *
errata_llm_provider_new (ErrataLlmKind  kind,
                         const char    *base_url,
                         const char    *model)
{
  ErrataLlmProvider *self = g_new0 (ErrataLlmProvider, 1);

  if (base_url == NULL || *base_url == '\0')
    base_url = errata_llm_kind_default_base_url (kind);

  self->kind = kind;
  self->base_url = normalise_base_url (base_url);
  self->model = g_strdup (model != NULL && *model != '\0' ? model : ERRATA_LLM_DEFAULT_MODEL);
  self->concurrency = 4;
  self->requests_per_minute = 0;
  self->timeout_seconds = 120;
  self->max_attempts = 5;

  return self;
}

/**
 * errata_llm_provider_new_for_name:
 * @name: a value of the llm-provider setting: "ollama", "openai",
 *   "anthropic" or "custom"
 *
 * "custom" has no public endpoint, so it needs @base_url.
 */
ErrataLlmProvider *
errata_llm_provider_new_for_name (const char  *name,
                                  const char  *base_url,
                                  const char  *model,
                                  GError     **error)
{
  gboolean has_url = base_url != NULL && *base_url != '\0';

  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "ollama"))
    return errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                    has_url ? base_url : ERRATA_LLM_OLLAMA_BASE_URL,
                                    model);
  if (g_str_equal (name, "openai"))
    return errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, base_url, model);
  if (g_str_equal (name, "anthropic"))
    return errata_llm_provider_new (ERRATA_LLM_KIND_ANTHROPIC, base_url, model);
  if (g_str_equal (name, "custom") && has_url)
    return errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, base_url, model);

  if (g_str_equal (name, "custom"))
    g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED,
                 _("A custom provider needs a base URL, such as http://localhost:8000/v1"));
  else
    g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED,
                 _("Unknown LLM provider “%s”: use ollama, openai, anthropic or custom"),
                 name);
  return NULL;
}

ErrataLlmProvider *
errata_llm_provider_copy (const ErrataLlmProvider *self)
{
  ErrataLlmProvider *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->base_url = g_strdup (self->base_url);
  copy->model = g_strdup (self->model);
  copy->api_key = g_strdup (self->api_key);

  return copy;
}

void
errata_llm_provider_free (ErrataLlmProvider *self)
{
  if (self == NULL)
    return;

  g_free (self->base_url);
  g_free (self->model);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);
  g_free (self);
}

void
errata_llm_provider_set_api_key (ErrataLlmProvider *self,
                                 const char        *api_key)
{
  g_return_if_fail (self != NULL);

  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
}

/**
 * errata_llm_provider_dup_endpoint:
 * @what: "chat" for completions/messages, "models" for the model list
 *
 * Returns: (transfer full): the full URL of that endpoint
 */
char *
errata_llm_provider_dup_endpoint (const ErrataLlmProvider *self,
                                  const char              *what)
{
  g_autofree char *base = NULL;
  gboolean is_chat;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  base = normalise_base_url (self->base_url);
  is_chat = g_str_equal (what, "chat");

  /* Anything else is a path under the API: "models", "files",
   * "batches/ID", "messages/batches" (the Batch APIs). */
  if (self->kind == ERRATA_LLM_KIND_OPENAI)
    return g_strconcat (base, "/", is_chat ? "chat/completions" : what, NULL);

  /* Anthropic's SDK base URL has no version; accept one that does. */
  return g_strconcat (base,
                      g_str_has_suffix (base, "/v1") ? "" : "/v1",
                      "/", is_chat ? "messages" : what,
                      NULL);
}

const char *
errata_llm_kind_to_string (ErrataLlmKind kind)
{
  return kind == ERRATA_LLM_KIND_ANTHROPIC ? "anthropic" : "openai";
}

const char *
errata_llm_kind_default_base_url (ErrataLlmKind kind)
{
  return kind == ERRATA_LLM_KIND_ANTHROPIC ? ERRATA_LLM_ANTHROPIC_BASE_URL
                                           : ERRATA_LLM_OPENAI_BASE_URL;
}
