/* errata-llm-wire.c: request bodies, reply parsing and error shapes of
 * the OpenAI chat completions and Anthropic messages APIs.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-llm-wire.h"
#include "errata-json-extract.h"
#include "errata-llm-error.h"
#include "errata-json-guard.h"
#include "errata-json-fast.h"
#include "errata-remote-consent.h"

#include <string.h>

/* Anthropic requires max_tokens; this is enough for a judge's verdict. */
#define ANTHROPIC_DEFAULT_MAX_TOKENS 1024

static JsonNode *
builder_steal_root (JsonBuilder *builder)
{
  return json_builder_get_root (builder);
}

static void
add_message (JsonBuilder *builder,
             const char  *role,
             const char  *content)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_end_object (builder);
}

static gboolean
is_openai_proper (const ErrataLlmProvider *provider)
{
  g_autoptr(GUri) uri = g_uri_parse (provider->base_url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_strcmp0 (g_uri_get_host (uri), "api.openai.com") == 0;
}

static void
build_openai (JsonBuilder             *builder,
              const ErrataLlmProvider *provider,
              const ErrataLlmRequest  *request)
{
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  if (request->system != NULL)
    add_message (builder, "system", request->system);
  for (guint i = 0; i < request->messages->len; i++)
    {
      const ErrataLlmMessage *message = g_ptr_array_index (request->messages, i);

      add_message (builder, message->role, message->content);
    }
  json_builder_end_array (builder);

  if (request->tools != NULL)
    {
      json_builder_set_member_name (builder, "tools");
      json_builder_add_value (builder, json_node_copy (request->tools));
    }

  if (request->max_tokens > 0)
    {
      /* OpenAI itself deprecated max_tokens (its reasoning models refuse
       * it); the compatible servers mostly know only max_tokens. */
      json_builder_set_member_name (builder, is_openai_proper (provider)
                                             ? "max_completion_tokens" : "max_tokens");
      json_builder_add_int_value (builder, request->max_tokens);
    }

  if (request->schema != NULL)
    {
      json_builder_set_member_name (builder, "response_format");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "json_schema");
      json_builder_set_member_name (builder, "json_schema");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, request->schema_name);
      json_builder_set_member_name (builder, "schema");
      json_builder_add_value (builder, json_node_copy (request->schema));
      json_builder_set_member_name (builder, "strict");
      json_builder_add_boolean_value (builder, request->schema_strict);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
}

/* Anthropic takes the system prompt apart from the turns. */
static char *
anthropic_system (const ErrataLlmRequest *request)
{
  g_autoptr(GString) system = g_string_new (request->system);

  for (guint i = 0; i < request->messages->len; i++)
    {
      const ErrataLlmMessage *message = g_ptr_array_index (request->messages, i);

      if (!g_str_equal (message->role, "system"))
        continue;
      if (system->len > 0)
        g_string_append (system, "\n\n");
      g_string_append (system, message->content);
    }

  return system->len > 0 ? g_string_free (g_steal_pointer (&system), FALSE) : NULL;
}

static void
build_anthropic_tool (JsonBuilder            *builder,
                      const ErrataLlmRequest *request)
{
  json_builder_set_member_name (builder, "tools");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, request->schema_name);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, "Give the reply in this structure.");
  json_builder_set_member_name (builder, "input_schema");
  json_builder_add_value (builder, json_node_copy (request->schema));
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tool_choice");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "tool");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, request->schema_name);
  json_builder_end_object (builder);
}

static void
build_anthropic (JsonBuilder            *builder,
                 const ErrataLlmRequest *request)
{
  g_autofree char *system = anthropic_system (request);

  if (system != NULL)
    {
      json_builder_set_member_name (builder, "system");
      json_builder_add_string_value (builder, system);
    }

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < request->messages->len; i++)
    {
      const ErrataLlmMessage *message = g_ptr_array_index (request->messages, i);

      if (!g_str_equal (message->role, "system"))
        add_message (builder, message->role, message->content);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "max_tokens");
  json_builder_add_int_value (builder, request->max_tokens > 0 ? request->max_tokens
                                                               : ANTHROPIC_DEFAULT_MAX_TOKENS);
  /* request->tools are OpenAI's shape, for the synthetic data chat target
   * (an OpenAI-compatible endpoint): not sent to Anthropic, whose "tools"
   * here carry the schema. */
  if (request->schema != NULL)
    build_anthropic_tool (builder, request);
}

GBytes *
_errata_llm_wire_build_body (const ErrataLlmProvider *provider,
                             const ErrataLlmRequest  *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, errata_llm_request_get_model (request,
                                                                       provider->model));
  if (request->temperature >= 0)
    {
      json_builder_set_member_name (builder, "temperature");
      json_builder_add_double_value (builder, request->temperature);
    }
  if (provider->kind == ERRATA_LLM_KIND_ANTHROPIC)
    build_anthropic (builder, request);
  else
    build_openai (builder, provider, request);
  json_builder_end_object (builder);

  root = builder_steal_root (builder);
  text = errata_json_to_string_fast (root);
  return g_bytes_new_take (text, strlen (text));
}

/* Only this machine may hear a key in clear text: a local server
 * (Ollama, llama.cpp, the tests' mock) often speaks plain http. "This
 * machine" is the one rule of errata-remote-consent.h. */
static gboolean
check_key_transport (const ErrataLlmProvider  *provider,
                     GUri                     *uri,
                     GError                  **error)
{
  if (provider->api_key == NULL || *provider->api_key == '\0' ||
      g_str_equal (g_uri_get_scheme (uri), "https") || errata_remote_consent_is_loopback (g_uri_get_host (uri)))
    return TRUE;
  g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED,
               /* Translators: %s is a host name such as “example.com”. */
               _("Errata will not send the API key to %s over plain http, where anyone on "
                 "the way can read it. Use an https:// base URL (or remove the key if this "
                 "server needs none)."),
               g_uri_get_host (uri));
  return FALSE;
}

SoupMessage *
_errata_llm_wire_new_message (const ErrataLlmProvider  *provider,
                              const char               *method,
                              const char               *what,
                              GBytes                   *body,
                              GError                  **error)
{
  g_autofree char *url = errata_llm_provider_dup_endpoint (provider, what);

  return _errata_llm_wire_new_message_for_url (provider, method, url, body, error);
}

/* @url: a whole URL (a batch's results_url); the key goes with it only
 * under the same rules as to the provider's own endpoints. */
SoupMessage *
_errata_llm_wire_new_message_for_url (const ErrataLlmProvider  *provider,
                                      const char               *method,
                                      const char               *url,
                                      GBytes                   *body,
                                      GError                  **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  SoupMessageHeaders *headers;
  SoupMessage *message;
  gboolean has_key = provider->api_key != NULL && *provider->api_key != '\0';

  if (uri == NULL || !(g_str_equal (g_uri_get_scheme (uri), "http") ||
                       g_str_equal (g_uri_get_scheme (uri), "https")))
    {
      g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED,
                   _("The LLM base URL “%s” is not an http or https URL"),
                   provider->base_url);
      return NULL;
    }
  if (!check_key_transport (provider, uri, error))
    return NULL;

  message = soup_message_new_from_uri (method, uri);
  /* libsoup opens a fresh connection for every non-idempotent request.
   * A completion may safely be sent twice (the client retries anyway),
   * and reusing connections matters at hundreds of requests a second. */
  soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  /* libsoup drops Authorization on a redirect to another host but keeps
   * x-api-key: a redirect must never carry a key anywhere else. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (provider->kind == ERRATA_LLM_KIND_ANTHROPIC)
    {
      soup_message_headers_replace (headers, "anthropic-version", "2023-06-01");
      if (has_key)
        soup_message_headers_replace (headers, "x-api-key", provider->api_key);
    }
  else if (has_key)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", provider->api_key, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }

  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);

  return message;
}

/* ---- replies ------------------------------------------------------------ */

static JsonObject *
parse_object (GBytes  *body,
              GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  g_autoptr(JsonNode) fast = NULL;
  JsonNode *root;

  if (len == 0)
    {
      g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                           _("The server sent an empty reply"));
      return NULL;
    }

  /* Strict JSON, the common case, without json-glib's scanner; the tree
   * is the one json-glib would build. */
  if ((fast = errata_json_parse_fast (data, len)) != NULL && JSON_NODE_HOLDS_OBJECT (fast))
    return json_object_ref (json_node_get_object (fast));

  /* Whitespace alone parses, to no root at all (found by fuzzing). */
  if (!errata_json_parser_load (parser, data, len, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                   _("The server’s reply is not valid JSON (%zu bytes, cut off or not an "
                   "LLM API?): %s"),
                   len, local_error != NULL ? local_error->message : "not an object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
get_int_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) == G_TYPE_STRING)
    return -1;
  return json_node_get_int (node);
}

/* The structured part of a reply when the provider gave text. */
static gboolean
reply_take_json (ErrataLlmReply  *reply,
                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  reply->json = errata_json_extract (reply->text, &local_error);
  if (reply->json != NULL)
    return TRUE;

  if (g_strcmp0 (reply->finish_reason, "length") == 0 ||
      g_strcmp0 (reply->finish_reason, "max_tokens") == 0)
    g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                         _("The model stopped at the token limit before its JSON "
                         "was complete; raise max_tokens"));
  else
    g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                         _("The model was asked for JSON but its reply contains none"));
  return FALSE;
}

static ErrataLlmReply *
parse_openai (JsonObject              *root,
              const ErrataLlmRequest  *request,
              GError                 **error)
{
  g_autoptr(ErrataLlmReply) reply = errata_llm_reply_new ();
  JsonNode *choices = json_object_get_member (root, "choices");
  JsonObject *choice, *message, *usage;
  const char *content, *refusal;

  if (choices == NULL || !JSON_NODE_HOLDS_ARRAY (choices) ||
      json_array_get_length (json_node_get_array (choices)) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (choices), 0)))
    {
      g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                           _("The reply has no “choices”: is the base URL an "
                           "OpenAI-compatible API?"));
      return NULL;
    }

  choice = json_array_get_object_element (json_node_get_array (choices), 0);
  message = get_object_member (choice, "message");
  content = get_string_member (message, "content");
  refusal = get_string_member (message, "refusal");
  if (content == NULL && refusal != NULL)
    {
      g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                   _("The model refused: %s"), refusal);
      return NULL;
    }

  usage = get_object_member (root, "usage");
  reply->text = g_strdup (content != NULL ? content : "");
  reply->model = g_strdup (get_string_member (root, "model"));
  reply->finish_reason = g_strdup (get_string_member (choice, "finish_reason"));
  reply->tokens_in = get_int_member (usage, "prompt_tokens");
  reply->tokens_out = get_int_member (usage, "completion_tokens");
  if (message != NULL && json_object_has_member (message, "tool_calls")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (message, "tool_calls")))
    reply->tool_calls = json_node_copy (json_object_get_member (message, "tool_calls"));

  if (request->schema != NULL &&
      !reply_take_json (reply, request->json_optional ? NULL : error) && !request->json_optional)
    return NULL;

  return g_steal_pointer (&reply);
}

static ErrataLlmReply *
parse_anthropic (JsonObject              *root,
                 const ErrataLlmRequest  *request,
                 GError                 **error)
{
  g_autoptr(ErrataLlmReply) reply = errata_llm_reply_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *content = json_object_get_member (root, "content");
  JsonObject *usage = get_object_member (root, "usage");
  JsonArray *blocks;

  if (content == NULL || !JSON_NODE_HOLDS_ARRAY (content))
    {
      g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                           _("The reply has no “content”: is the base URL the "
                           "Anthropic messages API?"));
      return NULL;
    }

  blocks = json_node_get_array (content);
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonNode *node = json_array_get_element (blocks, i);
      JsonObject *block = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *type = get_string_member (block, "type");

      if (g_strcmp0 (type, "text") == 0 && get_string_member (block, "text") != NULL)
        g_string_append (text, get_string_member (block, "text"));
      else if (g_strcmp0 (type, "tool_use") == 0 && request->schema != NULL &&
               reply->json == NULL && json_object_has_member (block, "input"))
        reply->json = json_node_copy (json_object_get_member (block, "input"));
    }

  reply->model = g_strdup (get_string_member (root, "model"));
  reply->finish_reason = g_strdup (get_string_member (root, "stop_reason"));
  reply->tokens_in = get_int_member (usage, "input_tokens");
  reply->tokens_out = get_int_member (usage, "output_tokens");

  if (reply->json != NULL)
    reply->text = errata_json_to_string_fast (reply->json);
  else
    reply->text = g_strdup (text->str);

  if (request->schema != NULL && reply->json == NULL &&
      !reply_take_json (reply, request->json_optional ? NULL : error) && !request->json_optional)
    return NULL;

  return g_steal_pointer (&reply);
}

ErrataLlmReply *
_errata_llm_wire_parse_reply (const ErrataLlmProvider  *provider,
                              const ErrataLlmRequest   *request,
                              GBytes                   *body,
                              GError                  **error)
{
  g_autoptr(JsonObject) root = parse_object (body, error);

  if (root == NULL)
    return NULL;
  return _errata_llm_wire_parse_reply_object (provider, request, root, error);
}

/* A reply that came inside another document (a batch's result line). */
ErrataLlmReply *
_errata_llm_wire_parse_reply_object (const ErrataLlmProvider  *provider,
                                     const ErrataLlmRequest   *request,
                                     JsonObject               *root,
                                     GError                  **error)
{
  if (provider->kind == ERRATA_LLM_KIND_ANTHROPIC)
    return parse_anthropic (root, request, error);
  return parse_openai (root, request, error);
}

GStrv
_errata_llm_wire_parse_models (GBytes  *body,
                               GError **error)
{
  g_autoptr(JsonObject) root = parse_object (body, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *data;

  if (root == NULL)
    return NULL;

  data = json_object_get_member (root, "data");
  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    {
      g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                           _("The model list has no “data” array"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (data)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (data), i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node)
                       ? get_string_member (json_node_get_object (node), "id") : NULL;

      if (id != NULL)
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

/* ---- errors ------------------------------------------------------------- */

typedef struct
{
  const char *message;
  const char *type;
  const char *code;
} ErrorBody;

/* OpenAI: {"error": {"message", "type", "code"}}; Anthropic:
 * {"type": "error", "error": {"type", "message"}}; Ollama and others:
 * {"error": "text"}. */
static void
read_error_body (JsonObject *root,
                 ErrorBody  *out)
{
  JsonObject *error = get_object_member (root, "error");

  memset (out, 0, sizeof *out);
  if (error != NULL)
    {
      out->message = get_string_member (error, "message");
      out->type = get_string_member (error, "type");
      out->code = get_string_member (error, "code");
    }
  else
    out->message = get_string_member (root, "error");
}

static gboolean
is_quota_error (guint            status,
                const ErrorBody *body)
{
  if (status == 402 || g_strcmp0 (body->type, "billing_error") == 0)
    return TRUE;
  if (g_strcmp0 (body->code, "insufficient_quota") == 0 ||
      g_strcmp0 (body->type, "insufficient_quota") == 0)
    return TRUE;
  /* Anthropic reports an empty balance as a 400 invalid_request_error. */
  return status == 400 && body->message != NULL &&
         strstr (body->message, "credit balance") != NULL;
}

static gboolean
is_auth_error (guint            status,
               const ErrorBody *body)
{
  return status == 401 || status == 403 ||
         g_strcmp0 (body->type, "authentication_error") == 0 ||
         g_strcmp0 (body->type, "permission_error") == 0 ||
         g_strcmp0 (body->code, "invalid_api_key") == 0;
}

static char *
describe_status (guint            status,
                 const ErrorBody *body)
{
  if (body->message != NULL && *body->message != '\0')
    return g_strdup_printf ("HTTP %u: %s", status, body->message);
  return g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));
}

GError *
_errata_llm_wire_http_error (const ErrataLlmProvider *provider,
                             guint                    status,
                             GBytes                  *body,
                             gboolean                *retryable)
{
  g_autoptr(JsonObject) root = parse_object (body, NULL);
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  ErrataLlmError code;
  ErrorBody error_body;

  read_error_body (root, &error_body);
  detail = describe_status (status, &error_body);
  *retryable = FALSE;

  if (is_quota_error (status, &error_body))
    {
      code = ERRATA_LLM_ERROR_QUOTA;
      message = g_strdup_printf (_("The account at %s has no quota or credit left (%s). "
                                 "Add credit or raise the limit with the provider, then "
                                 "run again."), provider->base_url, detail);
    }
  else if (is_auth_error (status, &error_body))
    {
      code = ERRATA_LLM_ERROR_AUTH;
      message = g_strdup_printf (_("%s refused the API key (%s). Check the key in "
                                 "Preferences, or the %s environment variable."),
                                 provider->base_url, detail,
                                 provider->kind == ERRATA_LLM_KIND_ANTHROPIC
                                 ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
    }
  else if (status >= 300 && status < 400)
    {
      code = ERRATA_LLM_ERROR_FAILED;
      message = g_strdup_printf (_("%s answered with a redirect (%s). Errata does not follow "
                                 "redirects, so that an API key is never sent elsewhere: use "
                                 "the final address as the base URL in Preferences."),
                                 provider->base_url, detail);
    }
  else if (status == 429)
    {
      code = ERRATA_LLM_ERROR_RATE_LIMITED;
      *retryable = TRUE;
      message = g_strdup_printf (_("%s is rate limiting requests (%s). Lower the requests "
                                 "per minute or the concurrency."), provider->base_url, detail);
    }
  else if (status >= 500 || status == 408 || status == 409)
    {
      code = status == 408 ? ERRATA_LLM_ERROR_TIMEOUT : ERRATA_LLM_ERROR_SERVER;
      *retryable = TRUE;
      message = g_strdup_printf (_("%s failed (%s). Try again later."), provider->base_url, detail);
    }
  else
    {
      code = ERRATA_LLM_ERROR_FAILED;
      message = g_strdup_printf (_("%s rejected the request (%s)."), provider->base_url, detail);
    }

  return g_error_new_literal (ERRATA_LLM_ERROR, code, message);
}

/**
 * _errata_llm_wire_retry_after_ms:
 *
 * Returns: how long the server asked us to wait, in milliseconds, or -1
 */
gint64
_errata_llm_wire_retry_after_ms (SoupMessageHeaders *headers)
{
  const char *value;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  double number;

  value = soup_message_headers_get_one (headers, "retry-after-ms");
  if (value != NULL)
    {
      number = g_ascii_strtod (value, &end);
      if (end != value && number >= 0)
        return (gint64) number;
    }

  value = soup_message_headers_get_one (headers, "retry-after");
  if (value == NULL)
    return -1;

  number = g_ascii_strtod (value, &end);
  if (end != value && *end == '\0' && number >= 0)
    return (gint64) (number * 1000);

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (date, now) / 1000);
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Everything that shapes the reply, and nothing secret. */
char *
_errata_llm_wire_hash_request (const ErrataLlmProvider *provider,
                               const ErrataLlmRequest  *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "errata-llm-cache-v1");
  json_builder_add_string_value (builder, errata_llm_kind_to_string (provider->kind));
  json_builder_add_string_value (builder, provider->base_url);
  /* The model the request goes to: a request naming the provider's own
   * model shares its cache entries with one that names none. */
  json_builder_add_string_value (builder, errata_llm_request_get_model (request,
                                                                       provider->model));
  add_nullable_string (builder, request->system);
  json_builder_begin_array (builder);
  for (guint i = 0; i < request->messages->len; i++)
    {
      const ErrataLlmMessage *message = g_ptr_array_index (request->messages, i);

      json_builder_add_string_value (builder, message->role);
      json_builder_add_string_value (builder, message->content);
    }
  json_builder_end_array (builder);
  json_builder_add_double_value (builder, request->temperature);
  json_builder_add_int_value (builder, request->max_tokens);
  add_nullable_string (builder, request->schema_name);
  if (request->schema != NULL)
    json_builder_add_value (builder, json_node_copy (request->schema));
  else
    json_builder_add_null_value (builder);
  json_builder_add_boolean_value (builder, request->schema_strict);
  /* Only when set, as below: the keys of requests without tools stay. */
  if (request->tools != NULL)
    json_builder_add_value (builder, json_node_copy (request->tools));
  /* Only when set, so that the keys of every other request stay as they
   * were; a reply without JSON must never answer a request that needs it. */
  if (request->json_optional)
    json_builder_add_string_value (builder, "json-optional");
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  text = errata_json_to_string_fast (root);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Servers sometimes echo what they were sent; a key must never reach a
 * message, a log or a dialog. */
char *
_errata_llm_redact (const char *text,
                    const char *secret)
{
  g_autoptr(GString) result = NULL;

  if (text == NULL)
    return NULL;
  result = g_string_new (text);
  if (secret != NULL && strlen (secret) >= 4)
    g_string_replace (result, secret, "[redacted]", 0);

  return g_string_free (g_steal_pointer (&result), FALSE);
}
