/* errata-mock-llm-private.h: what the files of the mock LLM server share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "errata-mock-llm-server.h"

G_BEGIN_DECLS

typedef struct _ErrataMockBatches ErrataMockBatches;

/* What to say: the script's text/json, or a default that names the
 * request it answers. */
typedef struct
{
  char     *text;
  JsonNode *json;
  char     *model;
  char     *finish_reason;  /* NULL: the usual one */
  gint64    tokens_in;
  gint64    tokens_out;
  JsonNode *tool_calls;     /* nullable: OpenAI tool calls to answer with */
} Answer;

char              *_errata_mock_llm_server_answer     (ErrataMockLlmServer *self,
                                                       JsonObject          *request,
                                                       gboolean             anthropic);
void               _errata_mock_llm_server_respond    (ErrataMockLlmServer *self,
                                                       SoupServerMessage   *msg,
                                                       guint                status,
                                                       char                *body);
char              *_errata_mock_llm_server_error_body (gboolean             anthropic,
                                                       const char          *type,
                                                       const char          *message);

/* errata-mock-llm-server.c: reading a request */
const char        *_errata_mock_get_string            (JsonObject          *object,
                                                       const char          *name);
gboolean           _errata_mock_wants_json            (JsonObject          *request,
                                                       gboolean             anthropic);

/* errata-mock-llm-bodies.c */
char              *_errata_mock_openai_body           (guint                n,
                                                       const Answer        *answer);
char              *_errata_mock_anthropic_body        (JsonObject          *request,
                                                       guint                n,
                                                       const Answer        *answer);
char              *_errata_mock_error_body            (gboolean             anthropic,
                                                       const char          *type,
                                                       const char          *code,
                                                       const char          *message);
char              *_errata_mock_models_body           (void);

/* errata-mock-llm-batch.c */
ErrataMockBatches *_errata_mock_batches_new           (ErrataMockLlmServer *server);
void               _errata_mock_batches_free          (ErrataMockBatches   *self);
void               _errata_mock_batches_configure     (ErrataMockBatches   *self,
                                                       guint                delay_ms,
                                                       guint                n_errors,
                                                       guint                n_expired,
                                                       guint                n_failed);
void               _errata_mock_batches_set_held      (ErrataMockBatches   *self,
                                                       gboolean             held);
guint              _errata_mock_batches_get_count     (ErrataMockBatches   *self);
gboolean           _errata_mock_batches_handle        (ErrataMockBatches   *self,
                                                       SoupServerMessage   *msg,
                                                       const char          *method,
                                                       const char          *path);

G_END_DECLS
