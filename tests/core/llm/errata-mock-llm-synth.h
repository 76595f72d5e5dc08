/* errata-mock-llm-synth.h: the mock LLM's answers to synthetic data prompts.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The JSON answer to an OpenAI-style request whose schema is
 * "synth_tuples" or "synth_queries", or NULL for any other request. */
JsonNode *errata_mock_llm_synth_answer (JsonObject *request,
                                        const char *user);

G_END_DECLS
