/* errata-llm-provider.h: where and how to reach one LLM service.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_LLM_PROVIDER (errata_llm_provider_get_type ())

/* The wire protocol. Ollama, vLLM, llama.cpp, OpenRouter, ... all speak
 * the OpenAI one. */
typedef enum
{
  ERRATA_LLM_KIND_OPENAI,
  ERRATA_LLM_KIND_ANTHROPIC,
} ErrataLlmKind;

#define ERRATA_LLM_OLLAMA_BASE_URL    "http://localhost:11434/v1"
#define ERRATA_LLM_OPENAI_BASE_URL    "https://api.openai.com/v1"
#define ERRATA_LLM_ANTHROPIC_BASE_URL "https://api.anthropic.com"
#define ERRATA_LLM_DEFAULT_MODEL      "llama3.2"

/* Base URLs are written the way each vendor's own SDK writes them:
 * OpenAI-compatible ones include the version ("…/v1") and the client
 * appends "/chat/completions"; Anthropic ones do not ("https://api.anthropic.com")
 * and the client appends "/v1/messages" (a trailing "/v1" is accepted too).
 *
 * A plain config struct: fill the fields, hand it to a client, which
 * keeps its own copy. */
typedef struct
{
  ErrataLlmKind  kind;
  char          *base_url;
  char          *model;
  char          *api_key;              /* NULL or "" for servers without keys */
  guint          concurrency;          /* requests in flight at once, >= 1 */
  guint          requests_per_minute;  /* 0: unlimited */
  guint          timeout_seconds;      /* per attempt; 0: none */
  guint          max_attempts;         /* including the first, >= 1 */
} ErrataLlmProvider;

GType              errata_llm_provider_get_type         (void) G_GNUC_CONST;

ErrataLlmProvider *errata_llm_provider_new              (ErrataLlmKind            kind,
                                                         const char              *base_url,
                                                         const char              *model);
ErrataLlmProvider *errata_llm_provider_new_for_name     (const char              *name,
                                                         const char              *base_url,
                                                         const char              *model,
                                                         GError                 **error);
ErrataLlmProvider *errata_llm_provider_copy             (const ErrataLlmProvider *self);
void               errata_llm_provider_free             (ErrataLlmProvider       *self);

void               errata_llm_provider_set_api_key      (ErrataLlmProvider       *self,
                                                         const char              *api_key);
char              *errata_llm_provider_dup_endpoint     (const ErrataLlmProvider *self,
                                                         const char              *what);

const char        *errata_llm_kind_to_string            (ErrataLlmKind            kind);
const char        *errata_llm_kind_default_base_url     (ErrataLlmKind            kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataLlmProvider, errata_llm_provider_free)

G_END_DECLS
