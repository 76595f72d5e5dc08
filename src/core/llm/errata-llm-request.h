/* errata-llm-request.h: one chat request, independent of the wire protocol.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_LLM_REQUEST (errata_llm_request_get_type ())

typedef struct
{
  char *role;      /* "user", "assistant" or "system" */
  char *content;
} ErrataLlmMessage;

/* Fields are read-only outside the setters below; a request is
 * reference counted so that a queue can hold it cheaply. */
typedef struct
{
  GPtrArray *messages;     /* of ErrataLlmMessage */
  char      *system;       /* nullable */
  double     temperature;  /* < 0: the provider's default */
  guint      max_tokens;   /* 0: the provider's default (1024 for Anthropic, which needs one) */
  char      *schema_name;  /* nullable: set with a schema */
  JsonNode  *schema;       /* nullable: a JSON Schema the reply must follow */
  gboolean   schema_strict;
  char      *model;        /* nullable: overrides the provider's model for this request */
  gboolean   bypass_cache; /* neither answered from nor stored in the reply cache */
  gboolean   json_optional; /* with a schema: a reply without JSON is returned (json NULL),
                             * not failed, so that the caller can keep its text */
  JsonNode  *tools;        /* nullable: an array of OpenAI tool definitions
                            * ({"type": "function", "function": {…}}), sent as they are
                            * to OpenAI-compatible endpoints */
  GObject   *cache;        /* nullable: an ErrataLlmCache used instead of the client's */
} ErrataLlmRequest;

GType             errata_llm_request_get_type        (void) G_GNUC_CONST;

ErrataLlmRequest *errata_llm_request_new             (void);
ErrataLlmRequest *errata_llm_request_ref             (ErrataLlmRequest *self);
void              errata_llm_request_unref           (ErrataLlmRequest *self);

void              errata_llm_request_add_message     (ErrataLlmRequest *self,
                                                      const char       *role,
                                                      const char       *content);
void              errata_llm_request_set_system      (ErrataLlmRequest *self,
                                                      const char       *system);
void              errata_llm_request_set_temperature (ErrataLlmRequest *self,
                                                      double            temperature);
void              errata_llm_request_set_max_tokens  (ErrataLlmRequest *self,
                                                      guint             max_tokens);
void              errata_llm_request_set_schema      (ErrataLlmRequest *self,
                                                      const char       *name,
                                                      JsonNode         *schema,
                                                      gboolean          strict);
void              errata_llm_request_set_model       (ErrataLlmRequest *self,
                                                      const char       *model);
void              errata_llm_request_set_bypass_cache (ErrataLlmRequest *self,
                                                      gboolean          bypass_cache);
/* `cache` (an ErrataLlmCache, nullable): the reply cache this request is
 * answered from and stored in, instead of the client's (a client shared by
 * a window's pages, a cache for one kind of request). */
void              errata_llm_request_set_cache       (ErrataLlmRequest *self,
                                                      gpointer          cache);
/* `tools` (transfer none, nullable) must be an array of objects. */
void              errata_llm_request_set_tools       (ErrataLlmRequest *self,
                                                      JsonNode         *tools);
void              errata_llm_request_set_json_optional (ErrataLlmRequest *self,
                                                      gboolean          json_optional);
const char       *errata_llm_request_get_model       (const ErrataLlmRequest *self,
                                                      const char             *fallback);
gboolean          errata_llm_request_set_schema_json (ErrataLlmRequest *self,
                                                      const char       *name,
                                                      const char       *schema_json,
                                                      gboolean          strict,
                                                      GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataLlmRequest, errata_llm_request_unref)

G_END_DECLS
