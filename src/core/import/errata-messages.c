/* errata-messages.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-messages.h"
#include "errata-importer.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define STR_OR(s, d) ((s) != NULL ? (s) : (d))

/* Keys that normalisation consumes; every other key is carried over. */
static const char * const consumed_keys[] = {
  "role", "content", "name", "tool_calls", "tool_call_id", "function_call", NULL
};

/* Words for a value's type, to end messages such as “`messages` must be
 * an array, found a string”. */
const char *
errata_json_node_describe (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    /* Translators: JSON's null, or a missing field. */
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: a JSON object, i.e. {…}. */
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    /* Translators: a JSON array, i.e. […]. */
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      /* Translators: a JSON string, i.e. "…". */
      return _("a string");
    case G_TYPE_BOOLEAN:
      /* Translators: a JSON boolean, true or false. */
      return _("a boolean");
    default:
      /* Translators: a JSON number. */
      return _("a number");
    }
}

const char *
errata_json_get_string (JsonObject *object,
                        const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
errata_json_get_object (JsonObject *object,
                        const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
errata_json_get_array (JsonObject *object,
                       const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

char *
errata_json_node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

/* Roles seen in the wild: LangChain's human/ai, Gemini's model, the legacy
 * OpenAI function role, multi-agent logs with "agent" or "bot", and typos
 * such as "asssistant". */
const char *
errata_messages_normalise_role (const char *role)
{
  g_autofree char *lower = NULL;

  if (role == NULL || *role == '\0')
    return "user";

  lower = g_ascii_strdown (role, -1);
  if (g_str_equal (lower, "system") || g_str_equal (lower, "developer"))
    return "system";
  if (g_str_equal (lower, "tool") || g_str_equal (lower, "function")
      || g_str_equal (lower, "ipython") || g_str_equal (lower, "tool_result")
      || g_str_equal (lower, "observation"))
    return "tool";
  if (g_str_equal (lower, "user") || g_str_equal (lower, "human")
      || g_str_equal (lower, "customer") || g_str_equal (lower, "client"))
    return "user";
  if (strstr (lower, "sist") != NULL || g_str_equal (lower, "ai")
      || g_str_equal (lower, "bot") || g_str_equal (lower, "model")
      || g_str_equal (lower, "agent") || strstr (lower, "agent") != NULL)
    return "assistant";
  if (strstr (lower, "system") != NULL)
    return "system";
  if (strstr (lower, "tool") != NULL)
    return "tool";
  /* Anything else is most likely a person talking to the application. */
  return "user";
}

static const char *
block_type (JsonObject *block)
{
  return STR_OR (errata_json_get_string (block, "type"), "");
}

static gboolean
block_is_tool (JsonObject *block)
{
  const char *type = block_type (block);

  return g_str_equal (type, "tool_use") || g_str_equal (type, "tool_result")
         || g_str_equal (type, "tool_call") || g_str_equal (type, "function_call");
}

/* Returns TRUE when the block carried text, which it appends. */
static gboolean
append_block_text (GString  *text,
                   JsonNode *block)
{
  JsonObject *object;
  JsonNode *member;

  if (JSON_NODE_HOLDS_VALUE (block) && json_node_get_value_type (block) == G_TYPE_STRING)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, json_node_get_string (block));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (block))
    return FALSE;

  object = json_node_get_object (block);
  member = json_object_get_member (object, "text");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    return FALSE;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, json_node_get_string (member));
  return TRUE;
}

static const char *
string_member (JsonObject *object,
               const char *key)
{
  return object ? errata_json_get_string (object, key) : NULL;
}

char *
errata_messages_part_placeholder (JsonObject *part)
{
  const char *type = string_member (part, "type");
  const char *url = NULL;

  if (type == NULL)
    return NULL;
  /* OpenAI chat {image_url: {url}}, Responses {image_url: "…"}, GenAI
   * {type: uri, modality: image, uri}, OpenInference {image: {url}}. */
  if (g_str_equal (type, "image_url") || g_str_equal (type, "input_image") || g_str_equal (type, "image"))
    {
      url = string_member (part, "image_url");
      if (url == NULL)
        url = string_member (errata_json_get_object (part, "image_url"), "url");
      if (url == NULL)
        url = string_member (errata_json_get_object (part, "image"), "url");
      if (url == NULL)
        url = string_member (part, "url");
    }
  else if ((g_str_equal (type, "uri") || g_str_equal (type, "file"))
           && g_strcmp0 (string_member (part, "modality"), "image") == 0)
    url = string_member (part, "uri");
  else if (g_str_equal (type, "blob") && g_strcmp0 (string_member (part, "modality"), "image") == 0)
    return g_strdup ("[image]");
  if (url == NULL)
    return g_str_equal (type, "image") || g_str_equal (type, "image_url") ? g_strdup ("[image]") : NULL;
  /* A data: URL would put megabytes of base64 in the text. */
  if (g_str_has_prefix (url, "data:"))
    return g_strdup ("[image: inline data]");
  return g_strdup_printf ("[image: %s]", url);
}

/* Sets *has_other when some part is neither text nor a tool block (an
 * image, audio): the caller then keeps the original parts. An image
 * leaves a placeholder with its URL in the text, where it was. */
static char *
parts_to_text (JsonArray *parts,
               gboolean  *has_other)
{
  GString *text = g_string_new (NULL);
  guint n = json_array_get_length (parts);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *part = json_array_get_element (parts, i);

      g_autofree char *placeholder = NULL;

      if (JSON_NODE_HOLDS_OBJECT (part) && block_is_tool (json_node_get_object (part)))
        continue;
      if (append_block_text (text, part))
        continue;
      if (has_other != NULL)
        *has_other = TRUE;
      if (JSON_NODE_HOLDS_OBJECT (part)
          && (placeholder = errata_messages_part_placeholder (json_node_get_object (part))) != NULL)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, placeholder);
        }
    }

  return g_string_free (text, FALSE);
}

char *
errata_messages_content_to_text (JsonNode *content)
{
  if (content == NULL || JSON_NODE_HOLDS_NULL (content))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (content))
    return parts_to_text (json_node_get_array (content), NULL);
  if (JSON_NODE_HOLDS_OBJECT (content))
    {
      JsonObject *object = json_node_get_object (content);

      if (json_object_has_member (object, "text"))
        return errata_json_node_to_text (json_object_get_member (object, "text"));
    }
  return errata_json_node_to_text (content);
}

static char *
arguments_to_text (JsonNode *arguments)
{
  if (arguments == NULL || JSON_NODE_HOLDS_NULL (arguments))
    return g_strdup ("{}");
  return errata_json_node_to_text (arguments);
}

static JsonObject *
new_tool_call (const char *id,
               const char *name,
               JsonNode   *arguments)
{
  JsonObject *call = json_object_new ();
  char *text = arguments_to_text (arguments);

  json_object_set_string_member (call, "id", id ? id : "");
  json_object_set_string_member (call, "name", name ? name : "");
  json_object_set_member (call, "arguments", json_node_init_string (json_node_alloc (), text));
  g_free (text);
  return call;
}

static void
copy_other_members (JsonObject         *to,
                    JsonObject         *from,
                    const char * const *skip)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, from);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (!g_strv_contains (skip, key) && !json_object_has_member (to, key))
        json_object_set_member (to, key, json_node_copy (value));
    }
}

static JsonObject *
normalise_tool_call (JsonNode *node)
{
  static const char * const skip[] = {
    "id", "type", "function", "name", "arguments", "input", "args", NULL
  };
  JsonObject *call;
  JsonObject *result;
  JsonObject *function;
  JsonNode *arguments;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return new_tool_call ("", "", node);

  call = json_node_get_object (node);
  function = errata_json_get_object (call, "function");
  if (json_object_has_member (call, "function") && function != NULL)
    {
      result = new_tool_call (STR_OR (errata_json_get_string (call, "id"), ""),
                              STR_OR (errata_json_get_string (function, "name"), ""),
                              json_object_get_member (function, "arguments"));
    }
  else
    {
      arguments = json_object_get_member (call, "arguments");
      if (arguments == NULL)
        arguments = json_object_get_member (call, "input");
      if (arguments == NULL)
        arguments = json_object_get_member (call, "args");
      result = new_tool_call (STR_OR (errata_json_get_string (call, "id"), ""),
                              STR_OR (errata_json_get_string (call, "name"), ""),
                              arguments);
    }

  copy_other_members (result, call, skip);
  return result;
}

JsonArray *
errata_messages_normalise_tool_calls (JsonArray *calls)
{
  JsonArray *result = json_array_sized_new (json_array_get_length (calls));

  for (guint i = 0; i < json_array_get_length (calls); i++)
    json_array_add_object_element (result, normalise_tool_call (json_array_get_element (calls, i)));
  return result;
}

JsonObject *
errata_messages_new_message (const char *role,
                             const char *content)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, "role", role);
  json_object_set_string_member (message, "content", content ? content : "");
  return message;
}

static const char *
source_role (JsonObject *message)
{
  const char *role = errata_json_get_string (message, "role");

  /* LangChain serialises messages with `type` instead of `role`. */
  if (role == NULL)
    role = errata_json_get_string (message, "type");
  return role;
}

static JsonNode *
source_content (JsonObject *message)
{
  if (json_object_has_member (message, "content"))
    return json_object_get_member (message, "content");
  /* Gemini keeps its text in `parts`. */
  if (json_object_has_member (message, "parts"))
    return json_object_get_member (message, "parts");
  return NULL;
}

static JsonArray *
ensure_tool_calls (JsonObject *message)
{
  if (!json_object_has_member (message, "tool_calls"))
    json_object_set_array_member (message, "tool_calls", json_array_new ());
  return errata_json_get_array (message, "tool_calls");
}

static void
append_tool_result (JsonArray  *out,
                    JsonObject *block)
{
  static const char * const skip[] = { "type", "tool_use_id", "content", NULL };
  JsonObject *message = json_object_new ();
  g_autofree char *text = errata_messages_content_to_text (json_object_get_member (block, "content"));

  json_object_set_string_member (message, "role", "tool");
  json_object_set_string_member (message, "content", text);
  json_object_set_string_member (message, "tool_call_id",
                                 STR_OR (errata_json_get_string (block, "tool_use_id"), ""));
  copy_other_members (message, block, skip);
  json_array_add_object_element (out, message);
}

/* Anthropic blocks: tool_use becomes a tool call of this message,
 * tool_result a tool message of its own. Returns how many results. */
static guint
split_tool_blocks (JsonArray  *out,
                   JsonObject *message,
                   JsonArray  *blocks)
{
  guint n_results = 0;

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonNode *node = json_array_get_element (blocks, i);
      JsonObject *block;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      block = json_node_get_object (node);
      type = block_type (block);
      if (g_str_equal (type, "tool_result"))
        {
          append_tool_result (out, block);
          n_results++;
        }
      else if (block_is_tool (block))
        json_array_add_object_element (ensure_tool_calls (message), normalise_tool_call (node));
    }

  return n_results;
}

static void
set_content (JsonArray  *out,
             JsonObject *message,
             JsonNode   *content,
             guint      *n_results)
{
  g_autofree char *text = NULL;
  gboolean has_other = FALSE;

  if (content != NULL && JSON_NODE_HOLDS_ARRAY (content))
    {
      JsonArray *parts = json_node_get_array (content);

      *n_results = split_tool_blocks (out, message, parts);
      text = parts_to_text (parts, &has_other);
      /* An image or audio part has no text form: keep the parts as they were. */
      if (has_other)
        json_object_set_member (message, "content_parts", json_node_copy (content));
    }
  else
    text = errata_messages_content_to_text (content);

  json_object_set_string_member (message, "content", text);
}

static void
set_tool_calls (JsonObject *message,
                JsonObject *source)
{
  JsonNode *calls = json_object_get_member (source, "tool_calls");
  JsonObject *function_call = errata_json_get_object (source, "function_call");

  if (calls != NULL && JSON_NODE_HOLDS_ARRAY (calls))
    {
      JsonArray *normalised = errata_messages_normalise_tool_calls (json_node_get_array (calls));
      JsonArray *existing = ensure_tool_calls (message);

      for (guint i = 0; i < json_array_get_length (normalised); i++)
        json_array_add_element (existing, json_node_copy (json_array_get_element (normalised, i)));
      json_array_unref (normalised);
    }
  else if (calls != NULL && !JSON_NODE_HOLDS_NULL (calls))
    json_object_set_member (message, "tool_calls_original", json_node_copy (calls));

  /* The legacy single function_call of older OpenAI models. */
  if (json_object_has_member (source, "function_call") && function_call != NULL)
    json_array_add_object_element (ensure_tool_calls (message),
                                   new_tool_call ("",
                                                  STR_OR (errata_json_get_string (function_call, "name"), ""),
                                                  json_object_get_member (function_call, "arguments")));
}

static void
set_name_and_role (JsonObject *message,
                   JsonObject *source,
                   const char *role,
                   const char *normalised)
{
  const char *name = errata_json_get_string (source, "name");

  json_object_set_string_member (message, "role", normalised);
  if (name != NULL)
    json_object_set_string_member (message, "name", name);
  else if (json_object_has_member (source, "name"))
    json_object_set_member (message, "name", json_node_copy (json_object_get_member (source, "name")));

  if (g_ascii_strcasecmp (role, normalised) == 0)
    return;
  /* The original role says something (a second agent, a human operator):
   * keep it as the speaker's name, or beside it when a name is set. */
  if (!json_object_has_member (message, "name"))
    json_object_set_string_member (message, "name", role);
  else
    json_object_set_string_member (message, "original_role", role);
}

gboolean
errata_messages_append (JsonArray  *out,
                        JsonNode   *node,
                        guint       index,
                        GError    **error)
{
  JsonObject *source;
  JsonObject *message;
  const char *role;
  const char *tool_call_id;
  guint n_results = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: %u is the message's position in the conversation
                    * (1, 2, …); %s is a JSON type, e.g. “a string”. */
                   _("message %u must be an object, found %s"),
                   index + 1, errata_json_node_describe (node));
      return FALSE;
    }

  source = json_node_get_object (node);
  role = source_role (source);
  if (role == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: %u is the message's position in the conversation
                    * (1, 2, …); `role` is a field name: keep it as it is. */
                   _("message %u has no `role`"), index + 1);
      return FALSE;
    }

  message = json_object_new ();
  set_name_and_role (message, source, role, errata_messages_normalise_role (role));
  set_content (out, message, source_content (source), &n_results);
  set_tool_calls (message, source);
  tool_call_id = errata_json_get_string (source, "tool_call_id");
  if (tool_call_id != NULL)
    json_object_set_string_member (message, "tool_call_id", tool_call_id);
  else if (json_object_has_member (source, "tool_call_id"))
    {
      /* A numeric id is still the id: keep it as text. */
      g_autofree char *text = errata_json_node_to_text (json_object_get_member (source, "tool_call_id"));

      json_object_set_string_member (message, "tool_call_id", text);
    }
  copy_other_members (message, source, consumed_keys);
  if (!json_object_has_member (source, "role"))
    json_object_remove_member (message, "type");
  else if (!json_object_has_member (source, "content"))
    json_object_remove_member (message, "parts");

  /* A user turn that only carried tool results has said all it had to. */
  if (n_results > 0 && *errata_json_get_string (message, "content") == '\0'
      && !json_object_has_member (message, "tool_calls"))
    json_object_unref (message);
  else
    json_array_add_object_element (out, message);
  return TRUE;
}

JsonArray *
errata_messages_normalise (JsonNode    *messages,
                           const char  *what,
                           GError     **error)
{
  g_autoptr(JsonArray) out = NULL;
  JsonArray *array;
  guint n;

  if (messages == NULL || !JSON_NODE_HOLDS_ARRAY (messages))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: the first %s is a field name in backticks, e.g.
                    * “`messages`”; the second a JSON type, e.g. “a string”. */
                   _("%s must be an array, found %s"), what, errata_json_node_describe (messages));
      return NULL;
    }

  array = json_node_get_array (messages);
  n = json_array_get_length (array);
  out = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      if (!errata_messages_append (out, json_array_get_element (array, i), i, error))
        {
          /* Translators: put before an error found inside a part of a
           * record; %s is a field name in backticks, e.g. “`messages`”. */
          g_prefix_error (error, _("in %s: "), what);
          return NULL;
        }
    }

  return g_steal_pointer (&out);
}

gboolean
errata_messages_equal (JsonObject *a,
                       JsonObject *b)
{
  JsonNode *calls_a;
  JsonNode *calls_b;

  if (g_strcmp0 (STR_OR (errata_json_get_string (a, "role"), ""),
                 STR_OR (errata_json_get_string (b, "role"), "")) != 0)
    return FALSE;
  if (g_strcmp0 (STR_OR (errata_json_get_string (a, "content"), ""),
                 STR_OR (errata_json_get_string (b, "content"), "")) != 0)
    return FALSE;

  calls_a = json_object_get_member (a, "tool_calls");
  calls_b = json_object_get_member (b, "tool_calls");
  if (calls_a == NULL || calls_b == NULL)
    return calls_a == calls_b;
  return json_node_equal (calls_a, calls_b);
}
