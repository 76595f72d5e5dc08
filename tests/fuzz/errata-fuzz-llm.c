/* errata-fuzz-llm.c: what comes back from an LLM server: the reply text the
 * JSON extractor searches, and the HTTP bodies the wire parsers read.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-fuzz.h"
#include "errata-json-extract.h"
#include "errata-llm-wire.h"

int
errata_fuzz_json_extract (const guint8 *data,
                          gsize         size)
{
  /* The extractor takes a NUL-terminated reply text, as the wire parsers
   * hand it over; a NUL inside the input just ends it early. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = errata_json_extract (text, &error);
  g_assert ((node == NULL) != (error == NULL));
  return 0;
}

static void
parse_reply (ErrataLlmKind  kind,
             gboolean       with_schema,
             GBytes        *body)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (kind, NULL, "model");
  g_autoptr(ErrataLlmRequest) request = errata_llm_request_new ();
  g_autoptr(ErrataLlmReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  errata_llm_request_add_message (request, "user", "hello");
  if (with_schema &&
      !errata_llm_request_set_schema_json (request, "reply", "{\"type\": \"object\"}",
                                           TRUE, &error))
    g_error ("%s", error->message);
  reply = _errata_llm_wire_parse_reply (provider, request, body, &error);
  g_assert ((reply == NULL) != (error == NULL));
}

static void
http_error (ErrataLlmKind  kind,
            guint          status,
            GBytes        *body)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (kind, NULL, "model");
  gboolean retryable = FALSE;
  g_autoptr(GError) error = NULL;

  error = _errata_llm_wire_http_error (provider, status, body, &retryable);
  g_assert (error != NULL);
}

/* Byte 0 picks the parser: 0-3 a completion reply (OpenAI, Anthropic, each
 * without and with a JSON schema in the request), 4 the model list, 5-7 an
 * HTTP error body (400, 429, 500) from either provider kind. */
int
errata_fuzz_llm_wire (const guint8 *data,
                      gsize         size)
{
  static const guint statuses[] = { 400, 429, 500 };
  g_autoptr(GBytes) body = NULL;
  guint8 pick;

  if (size == 0)
    return 0;
  pick = data[0] % 8;
  body = g_bytes_new (data + 1, size - 1);
  if (pick < 4)
    parse_reply (pick % 2 ? ERRATA_LLM_KIND_ANTHROPIC : ERRATA_LLM_KIND_OPENAI, pick >= 2, body);
  else if (pick == 4)
    g_strfreev (_errata_llm_wire_parse_models (body, NULL));
  else
    http_error (data[0] & 0x80 ? ERRATA_LLM_KIND_ANTHROPIC : ERRATA_LLM_KIND_OPENAI,
                statuses[pick - 5], body);
  return 0;
}
