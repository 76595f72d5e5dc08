/* errata-llm-error-words.h: what a user reads when a model could not be
 * asked, the same words wherever it happens (Test Connection, Suggest
 * Groupings, a judge run).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-llm-provider.h"

G_BEGIN_DECLS

/* What went wrong and what to do about it, in a sentence or two, then
 * the server's own reason where it adds something; never the key.
 * `provider` (nullable) is the one that was asked: its base URL tells an
 * Ollama server from a vendor's API. */
char     *errata_llm_error_to_words          (const GError            *error,
                                              const ErrataLlmProvider *provider);
/* For an error of the keyring (Secret Service): it says that the
 * OPENAI_API_KEY / ANTHROPIC_API_KEY environment variables work instead. */
char     *errata_llm_keyring_error_to_words  (const GError            *error);
/* TRUE unless the user cancelled: every other failure is worth a Retry
 * once the server runs, the key is fixed or the network is back. */
gboolean  errata_llm_error_can_retry         (const GError            *error);
/* The vendor's API (api.openai.com, api.anthropic.com) wants a key: NULL
 * when `provider` has one or needs none, else an ERRATA_LLM_ERROR_AUTH
 * error that says so, found without asking the network. */
GError   *errata_llm_error_check_key         (const ErrataLlmProvider *provider);
/* The one error for "nothing listens at `base_url`", whichever request
 * found it. */
GError   *errata_llm_error_new_unreachable   (const char              *base_url);

G_END_DECLS
