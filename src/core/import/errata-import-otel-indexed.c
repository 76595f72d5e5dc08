/* errata-import-otel-indexed.c: attributes flattened with an index in their
 * names (gen_ai.prompt.N.*, llm.input_messages.N.message.*, llm.tools.N.*,
 * llm.request.functions.N.*) gathered back into messages and tool lists.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

#include <stdlib.h>
#include <string.h>

/* Indexed attributes, e.g. "llm.input_messages.3.message.tool_calls.0.tool_call.id",
 * gathered back into {role, content, tool_calls: [...]} objects. */
static JsonObject *
ensure_index (GHashTable **by_index,
              guint        index)
{
  JsonObject *object;

  /* Made when first needed: most messages have no parts and no calls. */
  if (*by_index == NULL)
    *by_index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)json_object_unref);
  object = g_hash_table_lookup (*by_index, GUINT_TO_POINTER (index));

  if (object == NULL)
    {
      object = json_object_new ();
      g_hash_table_insert (*by_index, GUINT_TO_POINTER (index), object);
    }
  return object;
}

static const char *
strip (const char *text,
       const char *prefix)
{
  return g_str_has_prefix (text, prefix) ? text + strlen (prefix) : text;
}

/* OpenInference's "contents.M.message_content.{type,text,image.image.url}":
 * part M of the message's content list. */
static void
set_content_part (GHashTable **parts,
                  const char  *rest,
                  JsonNode    *value)
{
  char *end;
  guint index = (guint)strtoul (rest, &end, 10);
  JsonObject *part;

  if (*end != '.')
    return;
  part = ensure_index (parts, index);
  rest = strip (end + 1, "message_content.");
  if (g_str_has_prefix (rest, "image.") && g_str_has_suffix (rest, "url"))
    json_object_set_member (part, "url", json_node_copy (value));
  else
    json_object_set_member (part, rest, json_node_copy (value));
}

static void
set_indexed_field (GHashTable **calls,
                   JsonObject  *message,
                   GHashTable **parts,
                   const char  *rest,
                   JsonNode    *value)
{
  char *end;
  guint index;

  rest = strip (rest, "message.");
  if (g_str_has_prefix (rest, "tool_calls."))
    {
      JsonObject *call;

      index = (guint)strtoul (rest + strlen ("tool_calls."), &end, 10);
      if (*end != '.')
        return;
      call = ensure_index (calls, index);
      rest = strip (strip (end + 1, "tool_call."), "function.");
      json_object_set_member (call, rest, json_node_copy (value));
      return;
    }
  if (g_str_has_prefix (rest, "contents."))
    {
      set_content_part (parts, rest + strlen ("contents."), value);
      return;
    }
  json_object_set_member (message, rest, json_node_copy (value));
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = GPOINTER_TO_UINT (*(gpointer const *)a);
  guint ub = GPOINTER_TO_UINT (*(gpointer const *)b);

  return ua < ub ? -1 : ua > ub;
}

/* g_hash_table_get_keys_as_ptr_array() needs GLib 2.76. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_uint);
  return keys;
}

static JsonArray *
sorted_objects (GHashTable *by_index)
{
  g_autoptr(GPtrArray) keys = sorted_keys (by_index);
  JsonArray *result = json_array_new ();

  for (guint i = 0; i < keys->len; i++)
    json_array_add_object_element (result, json_object_ref (g_hash_table_lookup (by_index, keys->pdata[i])));
  return result;
}

typedef struct
{
  JsonObject *message;
  GHashTable *calls;
  GHashTable *parts;
} Indexed;

static void
indexed_free (gpointer data)
{
  Indexed *indexed = data;

  json_object_unref (indexed->message);
  g_clear_pointer (&indexed->calls, g_hash_table_unref);
  g_clear_pointer (&indexed->parts, g_hash_table_unref);
  g_free (indexed);
}

static Indexed *
ensure_indexed (GHashTable *by_index,
                guint       index)
{
  Indexed *indexed = g_hash_table_lookup (by_index, GUINT_TO_POINTER (index));

  if (indexed == NULL)
    {
      indexed = g_new0 (Indexed, 1);
      indexed->message = json_object_new ();
      g_hash_table_insert (by_index, GUINT_TO_POINTER (index), indexed);
    }
  return indexed;
}

static GHashTable *
collect_indexed (JsonObject *attributes,
                 const char *prefix)
{
  GHashTable *by_index = g_hash_table_new_full (NULL, NULL, NULL, indexed_free);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, attributes);
  while (json_object_iter_next (&iter, &key, &value))
    {
      char *end;
      guint index;
      Indexed *indexed;

      if (!g_str_has_prefix (key, prefix) || !g_ascii_isdigit (key[strlen (prefix)]))
        continue;
      index = (guint)strtoul (key + strlen (prefix), &end, 10);
      if (*end != '.')
        continue;
      indexed = ensure_indexed (by_index, index);
      set_indexed_field (&indexed->calls, indexed->message, &indexed->parts, end + 1, value);
    }
  return by_index;
}

/* Traceloop writes an absent content as the string "null", and a list of
 * parts as its JSON text: neither is what was said. */
static void
fix_flattened_content (ErrataImportContext *ctx,
                       JsonObject          *message)
{
  const char *content = errata_json_get_string (message, "content");
  g_autoptr(JsonNode) parsed = NULL;

  if (content == NULL)
    return;
  if (g_str_equal (content, "null"))
    {
      json_object_set_string_member (message, "content", "");
      return;
    }
  if (content[0] != '[')
    return;
  parsed = _errata_import_parse_text (ctx, content);
  if (parsed == NULL || !JSON_NODE_HOLDS_ARRAY (parsed) || json_array_get_length (json_node_get_array (parsed)) == 0)
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (parsed)); i++)
    {
      JsonObject *part = errata_json_array_get_object (json_node_get_array (parsed), i);

      if (part == NULL || errata_json_get_string (part, "type") == NULL)
        return;
    }
  json_object_set_member (message, "content", g_steal_pointer (&parsed));
}

gboolean
_errata_import_otel_append_indexed_messages (ErrataImportContext  *ctx,
                                             JsonArray            *out,
                                             JsonObject           *attributes,
                                             const char           *prefix,
                                             GError              **error)
{
  g_autoptr(GHashTable) by_index = collect_indexed (attributes, prefix);
  g_autoptr(GPtrArray) keys = sorted_keys (by_index);

  for (guint i = 0; i < keys->len; i++)
    {
      Indexed *indexed = g_hash_table_lookup (by_index, keys->pdata[i]);
      g_autoptr(JsonNode) node = NULL;

      if (!json_object_has_member (indexed->message, "role"))
        json_object_set_string_member (indexed->message, "role", "user");
      if (!json_object_has_member (indexed->message, "content") && indexed->parts != NULL)
        json_object_set_array_member (indexed->message, "content", sorted_objects (indexed->parts));
      fix_flattened_content (ctx, indexed->message);
      if (indexed->calls != NULL)
        json_object_set_array_member (indexed->message, "tool_calls", sorted_objects (indexed->calls));
      node = json_node_init_object (json_node_alloc (), indexed->message);
      if (!errata_messages_append (out, node, i, error))
        return FALSE;
    }
  return TRUE;
}

JsonArray *
_errata_import_otel_span_tools (ErrataImportContext *ctx,
                                JsonObject          *attributes)
{
  g_autoptr(GHashTable) by_index = collect_indexed (attributes, "llm.tools.");
  g_autoptr(GPtrArray) keys = sorted_keys (by_index);
  g_autoptr(JsonNode) definitions = _errata_import_otel_json_attribute (ctx, attributes, "gen_ai.tool.definitions");
  JsonArray *tools;

  g_autoptr(JsonNode) langfuse = _errata_import_otel_json_attribute (ctx, attributes, "langfuse.observation.input");

  if (definitions != NULL && JSON_NODE_HOLDS_ARRAY (definitions))
    return json_array_ref (json_node_get_array (definitions));
  if (langfuse != NULL && JSON_NODE_HOLDS_OBJECT (langfuse)
      && errata_json_get_array (json_node_get_object (langfuse), "tools") != NULL)
    return json_array_ref (errata_json_get_array (json_node_get_object (langfuse), "tools"));
  if (keys->len == 0)
    {
      /* Traceloop 0.12: llm.request.functions.N.{name,description,arguments}. */
      g_autoptr(GHashTable) functions = collect_indexed (attributes, "llm.request.functions.");
      g_autoptr(GPtrArray) indices = sorted_keys (functions);

      if (indices->len == 0)
        return NULL;
      tools = json_array_new ();
      for (guint i = 0; i < indices->len; i++)
        json_array_add_object_element (tools, json_object_ref (((Indexed *)g_hash_table_lookup (functions, indices->pdata[i]))->message));
      return tools;
    }

  tools = json_array_new ();
  for (guint i = 0; i < keys->len; i++)
    {
      Indexed *indexed = g_hash_table_lookup (by_index, keys->pdata[i]);
      const char *schema = errata_json_get_string (indexed->message, "tool.json_schema");
      JsonNode *parsed = schema != NULL ? _errata_import_parse_text (ctx, schema) : NULL;

      if (parsed != NULL)
        json_array_add_element (tools, parsed);
      else
        json_array_add_object_element (tools, json_object_ref (indexed->message));
    }
  return tools;
}

