/* errata-llm-reply.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-llm-reply.h"
#include "errata-llm-error.h"
#include "errata-json-guard.h"
#include "errata-json-fast.h"

G_DEFINE_BOXED_TYPE (ErrataLlmReply, errata_llm_reply,
                     errata_llm_reply_copy, errata_llm_reply_free)

ErrataLlmReply *
errata_llm_reply_new (void)
{
  ErrataLlmReply *self = g_new0 (ErrataLlmReply, 1);

  self->tokens_in = -1;
  self->tokens_out = -1;
  self->attempts = 1;

  return self;
}

ErrataLlmReply *
errata_llm_reply_copy (const ErrataLlmReply *self)
{
  ErrataLlmReply *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  copy->model = g_strdup (self->model);
  copy->finish_reason = g_strdup (self->finish_reason);
  copy->json = self->json != NULL ? json_node_copy (self->json) : NULL;
  copy->tool_calls = self->tool_calls != NULL ? json_node_copy (self->tool_calls) : NULL;

  return copy;
}

void
errata_llm_reply_free (ErrataLlmReply *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->model);
  g_free (self->finish_reason);
  g_clear_pointer (&self->json, json_node_unref);
  g_clear_pointer (&self->tool_calls, json_node_unref);
  g_free (self);
}

/* The form stored in the reply cache. Latency and attempts describe one
 * network call, so they are not kept. */
char *
errata_llm_reply_to_json (const ErrataLlmReply *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text != NULL ? self->text : "");
  if (self->json != NULL)
    {
      json_builder_set_member_name (builder, "json");
      json_builder_add_value (builder, json_node_copy (self->json));
    }
  if (self->tool_calls != NULL)
    {
      json_builder_set_member_name (builder, "tool_calls");
      json_builder_add_value (builder, json_node_copy (self->tool_calls));
    }
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model != NULL ? self->model : "");
  if (self->finish_reason != NULL)
    {
      json_builder_set_member_name (builder, "finish_reason");
      json_builder_add_string_value (builder, self->finish_reason);
    }
  json_builder_set_member_name (builder, "tokens_in");
  json_builder_add_int_value (builder, self->tokens_in);
  json_builder_set_member_name (builder, "tokens_out");
  json_builder_add_int_value (builder, self->tokens_out);
  json_builder_set_member_name (builder, "cost");
  json_builder_add_double_value (builder, self->cost);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return errata_json_to_string_fast (root);
}

ErrataLlmReply *
errata_llm_reply_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ErrataLlmReply) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (json != NULL, NULL);

  root = errata_json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                           _("A cached reply is damaged"));
      return NULL;
    }

  object = json_node_get_object (root);
  self = errata_llm_reply_new ();
  self->text = g_strdup (errata_json_member_string (object, "text", ""));
  self->model = g_strdup (errata_json_member_string (object, "model", ""));
  self->finish_reason = g_strdup (errata_json_member_string (object, "finish_reason", NULL));
  self->tokens_in = errata_json_member_int (object, "tokens_in", -1);
  self->tokens_out = errata_json_member_int (object, "tokens_out", -1);
  self->cost = json_object_get_double_member_with_default (object, "cost", 0);
  if (json_object_has_member (object, "json"))
    self->json = json_node_copy (json_object_get_member (object, "json"));
  if (json_object_has_member (object, "tool_calls")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tool_calls")))
    self->tool_calls = json_node_copy (json_object_get_member (object, "tool_calls"));

  return g_steal_pointer (&self);
}
