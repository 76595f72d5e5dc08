/* errata-llm-reply.h: what came back for one request.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_LLM_REPLY (errata_llm_reply_get_type ())

typedef struct
{
  char     *text;           /* the reply text; for schema requests, the JSON as text */
  JsonNode *json;           /* nullable: the parsed JSON when a schema was requested */
  char     *model;          /* the model that answered, as the provider reports it */
  char     *finish_reason;  /* nullable: "stop", "length", "end_turn", "tool_use", ... */
  gint64    tokens_in;      /* -1 when the provider did not say */
  gint64    tokens_out;
  double    cost;           /* US dollars; 0 when the model has no known price */
  double    latency_ms;     /* of the successful attempt */
  guint     attempts;       /* 1 unless it was retried */
  gboolean  cached;         /* from the reply cache: no call was made */
  JsonNode *tool_calls;     /* nullable: the tool calls the model asked for, an array in
                             * OpenAI's shape ({id, type, function: {name, arguments}}) */
} ErrataLlmReply;

GType           errata_llm_reply_get_type  (void) G_GNUC_CONST;

ErrataLlmReply *errata_llm_reply_new       (void);
ErrataLlmReply *errata_llm_reply_copy      (const ErrataLlmReply *self);
void            errata_llm_reply_free      (ErrataLlmReply       *self);

char           *errata_llm_reply_to_json   (const ErrataLlmReply *self);
ErrataLlmReply *errata_llm_reply_from_json (const char           *json,
                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataLlmReply, errata_llm_reply_free)

G_END_DECLS
