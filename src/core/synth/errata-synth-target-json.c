/* errata-synth-target-json.c: the JSON an ErrataSynthTarget writes and
 * reads: the HTTP body template ({{query}}, {{dimension.NAME}}), RFC 6901
 * pointers into a reply, and a reply that may be an OpenAI chat completion
 * or {"messages": [...]}.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-target-private.h"

#include "errata-json-guard.h"
#include "errata-messages.h"

#include <string.h>

/* The last assistant message's text. */
static char *
last_assistant_text (JsonArray *messages)
{
  for (guint i = json_array_get_length (messages); i > 0; i--)
    {
      JsonObject *message = errata_json_array_get_object (messages, i - 1);

      if (g_strcmp0 (errata_json_member_string (message, "role", NULL), "assistant") == 0)
        return g_strdup (errata_json_member_string (message, "content", ""));
    }
  return g_strdup ("");
}

static gboolean
read_chat_completion (ErrataSynthReply *reply,
                      JsonObject       *object)
{
  JsonArray *choices = errata_json_member_array (object, "choices");
  JsonObject *choice = choices != NULL ? errata_json_array_get_object (choices, 0) : NULL;
  JsonNode *message = choice != NULL ? json_object_get_member (choice, "message") : NULL;
  JsonNode *usage = json_object_get_member (object, "usage");

  if (message == NULL || !JSON_NODE_HOLDS_OBJECT (message))
    return FALSE;
  reply->text = errata_messages_content_to_text (json_object_get_member (json_node_get_object (message),
                                                                         "content"));
  if (usage != NULL && JSON_NODE_HOLDS_OBJECT (usage))
    {
      reply->tokens_in = errata_json_member_int (json_node_get_object (usage), "prompt_tokens", -1);
      reply->tokens_out = errata_json_member_int (json_node_get_object (usage),
                                                  "completion_tokens", -1);
    }
  return TRUE;
}

static gboolean
read_messages_object (ErrataSynthReply *reply,
                      JsonObject       *object)
{
  JsonNode *messages = json_object_get_member (object, "messages");

  if (messages == NULL || !JSON_NODE_HOLDS_ARRAY (messages))
    return FALSE;
  reply->messages = errata_messages_normalise (messages, "`messages`", NULL);
  if (reply->messages == NULL)
    return FALSE;
  reply->text = last_assistant_text (reply->messages);
  return TRUE;
}

ErrataSynthReply *
_errata_synth_reply_from_output (const char *output,
                                 gsize       len)
{
  g_autoptr(ErrataSynthReply) reply = _errata_synth_reply_new ();
  g_autofree char *text = g_strndup (output, len);
  g_autoptr(JsonNode) node = NULL;

  g_strstrip (text);
  reply->raw = g_strndup (text, RAW_CAP);
  if (*text == '{')
    node = errata_json_from_string (text, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
      && (read_chat_completion (reply, json_node_get_object (node))
          || read_messages_object (reply, json_node_get_object (node))))
    return g_steal_pointer (&reply);
  g_clear_pointer (&reply->messages, json_array_unref);
  g_free (reply->text);
  reply->text = g_steal_pointer (&text);
  return g_steal_pointer (&reply);
}

/* Templates and pointers --------------------------------------------------- */

static char *
fill_string (const char *text,
             const char *query,
             JsonObject *dimensions)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close = open != NULL ? strstr (open + 2, "}}") : NULL;
      g_autofree char *name = NULL;

      if (close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      name = g_strstrip (g_strndup (open + 2, close - open - 2));
      if (g_str_equal (name, "query"))
        g_string_append (out, query);
      else if (g_str_has_prefix (name, "dimension."))
        g_string_append (out, json_object_get_string_member_with_default (
                                dimensions, name + strlen ("dimension."), ""));
      else
        g_string_append_len (out, open, close + 2 - open);
      p = close + 2;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

JsonNode *
errata_synth_target_fill_template (JsonNode   *template_,
                                   const char *query,
                                   JsonObject *dimensions)
{
  g_return_val_if_fail (template_ != NULL && query != NULL && dimensions != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (template_))
    {
      JsonObject *out = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (template_));

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (out, l->data,
                                errata_synth_target_fill_template (
                                  json_object_get_member (json_node_get_object (template_),
                                                          l->data), query, dimensions));
      json_node_take_object (node, out);
      return node;
    }
  if (JSON_NODE_HOLDS_ARRAY (template_))
    {
      JsonArray *in = json_node_get_array (template_);
      JsonArray *out = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (in); i++)
        json_array_add_element (out, errata_synth_target_fill_template (
                                       json_array_get_element (in, i), query, dimensions));
      json_node_take_array (node, out);
      return node;
    }
  if (json_node_get_value_type (template_) == G_TYPE_STRING)
    {
      g_autofree char *filled = fill_string (json_node_get_string (template_), query, dimensions);

      /* A new node: json_node_copy() shares the value, and setting the
       * copy's string would change the template's. */
      return json_node_init_string (json_node_alloc (), filled);
    }
  return json_node_copy (template_);
}

/* "~1" is "/" and "~0" is "~", in that order (RFC 6901, section 4). */
static char *
unescape_token (const char *token)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = token; *p != '\0'; p++)
    {
      if (p[0] == '~' && p[1] == '1')
        g_string_append_c (out, '/'), p++;
      else if (p[0] == '~' && p[1] == '0')
        g_string_append_c (out, '~'), p++;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

JsonNode *
errata_synth_json_pointer (JsonNode   *root,
                           const char *pointer)
{
  g_auto(GStrv) tokens = NULL;
  JsonNode *node = root;

  g_return_val_if_fail (pointer != NULL, NULL);

  if (*pointer == '\0')
    return root;
  if (*pointer != '/')
    return NULL;
  tokens = g_strsplit (pointer + 1, "/", -1);
  for (guint i = 0; node != NULL && tokens[i] != NULL; i++)
    {
      g_autofree char *token = unescape_token (tokens[i]);

      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), token);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (token, &end, 10);
          JsonArray *array = json_node_get_array (node);

          node = *token != '\0' && *end == '\0' && index < json_array_get_length (array)
                 ? json_array_get_element (array, index) : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

