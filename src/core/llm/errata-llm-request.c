/* errata-llm-request.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-llm-request.h"
#include "errata-llm-error.h"
#include "errata-json-guard.h"

G_DEFINE_BOXED_TYPE (ErrataLlmRequest, errata_llm_request,
                     errata_llm_request_ref, errata_llm_request_unref)

static void
message_free (gpointer data)
{
  ErrataLlmMessage *message = data;

  g_free (message->role);
  g_free (message->content);
  g_free (message);
}

ErrataLlmRequest *
errata_llm_request_new (void)
{
  ErrataLlmRequest *self = g_atomic_rc_box_new0 (ErrataLlmRequest);

  self->messages = g_ptr_array_new_with_free_func (message_free);
  self->temperature = -1;
  self->schema_strict = TRUE;

  return self;
}

ErrataLlmRequest *
errata_llm_request_ref (ErrataLlmRequest *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
request_clear (gpointer data)
{
  ErrataLlmRequest *self = data;

  g_ptr_array_unref (self->messages);
  g_free (self->system);
  g_free (self->schema_name);
  g_free (self->model);
  g_clear_pointer (&self->schema, json_node_unref);
  g_clear_pointer (&self->tools, json_node_unref);
  g_clear_object (&self->cache);
}

void
errata_llm_request_unref (ErrataLlmRequest *self)
{
  g_atomic_rc_box_release_full (self, request_clear);
}

void
errata_llm_request_add_message (ErrataLlmRequest *self,
                                const char       *role,
                                const char       *content)
{
  ErrataLlmMessage *message;

  g_return_if_fail (self != NULL);
  g_return_if_fail (role != NULL);

  message = g_new0 (ErrataLlmMessage, 1);
  message->role = g_strdup (role);
  message->content = g_strdup (content != NULL ? content : "");
  g_ptr_array_add (self->messages, message);
}

void
errata_llm_request_set_system (ErrataLlmRequest *self,
                               const char       *system)
{
  g_return_if_fail (self != NULL);

  g_free (self->system);
  self->system = g_strdup (system);
}

void
errata_llm_request_set_temperature (ErrataLlmRequest *self,
                                    double            temperature)
{
  g_return_if_fail (self != NULL);

  self->temperature = temperature;
}

void
errata_llm_request_set_max_tokens (ErrataLlmRequest *self,
                                   guint             max_tokens)
{
  g_return_if_fail (self != NULL);

  self->max_tokens = max_tokens;
}

/* A judge names its own model (evaluator versions keep it), while the
 * queue, pacing and key stay the client's: one client serves every model
 * of a provider. NULL or "" goes back to the provider's model. */
void
errata_llm_request_set_model (ErrataLlmRequest *self,
                              const char       *model)
{
  g_return_if_fail (self != NULL);

  g_free (self->model);
  self->model = model != NULL && *model != '\0' ? g_strdup (model) : NULL;
}

/* The model this request goes to: its own, else @fallback (the provider's). */
const char *
errata_llm_request_get_model (const ErrataLlmRequest *self,
                              const char             *fallback)
{
  g_return_val_if_fail (self != NULL, fallback);

  return self->model != NULL ? self->model : fallback;
}

/* For repeats (flakiness): the request goes to the provider even when the
 * cache knows it, and its reply does not replace the cached one, which
 * keeps reproducing the first run. */
void
errata_llm_request_set_bypass_cache (ErrataLlmRequest *self,
                                     gboolean          bypass_cache)
{
  g_return_if_fail (self != NULL);

  self->bypass_cache = bypass_cache;
}

void
errata_llm_request_set_cache (ErrataLlmRequest *self,
                              gpointer          cache)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cache == NULL || G_IS_OBJECT (cache));

  g_set_object (&self->cache, cache);
}

/* The tools a system under test offers its model (the synthetic data chat
 * target's tools file): the model may answer with tool calls, which the
 * reply keeps. Nothing runs them: a call is a step of the trace to review. */
void
errata_llm_request_set_tools (ErrataLlmRequest *self,
                              JsonNode         *tools)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tools == NULL || JSON_NODE_HOLDS_ARRAY (tools));

  g_clear_pointer (&self->tools, json_node_unref);
  if (tools != NULL && json_array_get_length (json_node_get_array (tools)) > 0)
    self->tools = json_node_copy (tools);
}

/* A judge keeps a reply it cannot read as its raw text beside the error
 * it reports, instead of losing it in the client. */
void
errata_llm_request_set_json_optional (ErrataLlmRequest *self,
                                      gboolean          json_optional)
{
  g_return_if_fail (self != NULL);

  self->json_optional = json_optional;
}

/**
 * errata_llm_request_set_schema:
 * @name: (nullable): a short identifier ([a-zA-Z0-9_-]); "reply" if NULL
 * @schema: (nullable) (transfer none): a JSON Schema; an object schema for
 *   Anthropic, which receives it as a tool's input schema
 */
void
errata_llm_request_set_schema (ErrataLlmRequest *self,
                               const char       *name,
                               JsonNode         *schema,
                               gboolean          strict)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->schema, json_node_unref);
  g_clear_pointer (&self->schema_name, g_free);

  if (schema == NULL)
    return;

  self->schema = json_node_copy (schema);
  self->schema_name = g_strdup (name != NULL ? name : "reply");
  self->schema_strict = strict;
}

gboolean
errata_llm_request_set_schema_json (ErrataLlmRequest  *self,
                                    const char        *name,
                                    const char        *schema_json,
                                    gboolean           strict,
                                    GError           **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (schema_json != NULL, FALSE);

  node = errata_json_from_string (schema_json, &local_error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED,
                   _("The JSON schema is not a JSON object%s%s"),
                   local_error != NULL ? ": " : "",
                   local_error != NULL ? local_error->message : "");
      return FALSE;
    }

  errata_llm_request_set_schema (self, name, node, strict);
  return TRUE;
}
