/* errata-llm-wire.h: the two wire protocols (internal to the LLM client).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "errata-llm-provider.h"
#include "errata-llm-reply.h"
#include "errata-llm-request.h"

G_BEGIN_DECLS

GBytes         *_errata_llm_wire_build_body      (const ErrataLlmProvider  *provider,
                                                  const ErrataLlmRequest   *request);
SoupMessage    *_errata_llm_wire_new_message     (const ErrataLlmProvider  *provider,
                                                  const char               *method,
                                                  const char               *what,
                                                  GBytes                   *body,
                                                  GError                  **error);
SoupMessage    *_errata_llm_wire_new_message_for_url (const ErrataLlmProvider *provider,
                                                      const char              *method,
                                                      const char              *url,
                                                      GBytes                  *body,
                                                      GError                 **error);
ErrataLlmReply *_errata_llm_wire_parse_reply_object (const ErrataLlmProvider *provider,
                                                      const ErrataLlmRequest  *request,
                                                      JsonObject              *root,
                                                      GError                 **error);
ErrataLlmReply *_errata_llm_wire_parse_reply     (const ErrataLlmProvider  *provider,
                                                  const ErrataLlmRequest   *request,
                                                  GBytes                   *body,
                                                  GError                  **error);
GStrv           _errata_llm_wire_parse_models    (GBytes                   *body,
                                                  GError                  **error);
GError         *_errata_llm_wire_http_error      (const ErrataLlmProvider  *provider,
                                                  guint                     status,
                                                  GBytes                   *body,
                                                  gboolean                 *retryable);
gint64          _errata_llm_wire_retry_after_ms  (SoupMessageHeaders       *headers);
char           *_errata_llm_wire_hash_request    (const ErrataLlmProvider  *provider,
                                                  const ErrataLlmRequest   *request);
char           *_errata_llm_redact               (const char               *text,
                                                  const char               *secret);

G_END_DECLS
