/* errata-mock-llm-synth.c: the mock LLM's answers to the synthetic data
 * prompts (src/core/synth/errata-synth-generate.c): tuples drawn from the
 * schema's enums, and queries written from the tuple's values. Both are
 * deterministic (the same request gets the same answer) and varied (the
 * values and the phrasing change from tuple to tuple). The tuples' answer
 * repeats its first tuple at the end, so that the caller's dropping of
 * duplicates has something to drop.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-mock-llm-synth.h"

#include <stdlib.h>
#include <string.h>

static guint
read_number (const char *text,
             const char *label)
{
  const char *at = text != NULL ? strstr (text, label) : NULL;

  return at != NULL ? (guint)strtoul (at + strlen (label), NULL, 10) : 0;
}

static JsonObject *
tuple_properties (JsonObject *request)
{
  JsonNode *format = json_object_get_member (request, "response_format");
  JsonNode *props;
  const char *path[] = { "json_schema", "schema", "properties", "tuples", "items", "properties" };

  props = format;
  for (guint i = 0; props != NULL && i < G_N_ELEMENTS (path); i++)
    props = JSON_NODE_HOLDS_OBJECT (props)
            ? json_object_get_member (json_node_get_object (props), path[i]) : NULL;
  return props != NULL && JSON_NODE_HOLDS_OBJECT (props) ? json_node_get_object (props) : NULL;
}

/* A small deterministic mix, so that neighbouring tuples differ. */
static guint
mix (guint a,
     guint b)
{
  guint h = a * 2654435761u ^ (b + 0x9e3779b9u + (a << 6) + (a >> 2));

  h ^= h >> 15;
  h *= 2246822519u;
  h ^= h >> 13;
  return h;
}

static guint
gcd (guint a,
     guint b)
{
  while (b != 0)
    {
      guint t = a % b;

      a = b;
      b = t;
    }
  return a;
}

static JsonNode *
answer_tuples (JsonObject *request,
               const char *user)
{
  JsonObject *props = tuple_properties (request);
  guint n = read_number (user, "Number of tuples: ");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GList) names = props != NULL ? json_object_get_members (props) : NULL;
  g_autofree guint *lengths = NULL;
  guint n_props, d = 0, total = 1, step = 5;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tuples");
  json_builder_begin_array (b);
  n_props = g_list_length (names);
  lengths = g_new0 (guint, MAX (n_props, 1));
  for (GList *l = names; l != NULL; l = l->next, d++)
    {
      lengths[d] = json_array_get_length (json_object_get_array_member (
                     json_object_get_object_member (props, l->data), "enum"));
      total *= MAX (lengths[d], 1);
    }
  /* Distinct combinations in a scrambled order: r × step mod total, with
   * the step prime to the total, read as a mixed-radix number. */
  while (gcd (step, total) != 1)
    step++;
  for (guint i = 0; i < n + (n >= 2); i++)
    {
      guint code = ((i < n ? i : 0) * step) % total;   /* the extra one repeats the first */

      json_builder_begin_object (b);
      d = n_props;
      for (GList *l = g_list_last (names); l != NULL; l = l->prev)
        {
          JsonArray *values = json_object_get_array_member (
                                json_object_get_object_member (props, l->data), "enum");

          d--;
          json_builder_set_member_name (b, l->data);
          json_builder_add_string_value (b, json_array_get_string_element (values,
                                                                           code % lengths[d]));
          code /= lengths[d];
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char * const openings[] = {
  "hi, quick one:",
  "Hello! I was wondering",
  "ok so",
  "Could you help me —",
  "urgent:",
  "Good morning. As a",
  "hey there, first time here,",
  "I've been trying for a while and",
};

static const char * const asks[] = {
  "what are my options for %s when it comes to %s?",
  "can you explain %s, I'm looking at %s",
  "how do I handle %s given %s",
  "is %s a good idea with %s??",
  "please compare %s against %s for me",
  "what would you do about %s if %s",
  "need the steps for %s, context: %s",
};

static JsonNode *
answer_queries (const char *user)
{
  const char *line = user != NULL ? strstr (user, "Tuple: ") : NULL;
  g_autofree char *tuple_text = NULL;
  g_autoptr(JsonNode) tuple = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint k = read_number (user, "Number of queries: ");
  guint seed;

  if (line != NULL)
    tuple_text = g_strndup (line + strlen ("Tuple: "), strcspn (line + strlen ("Tuple: "), "\n"));
  tuple = tuple_text != NULL ? json_from_string (tuple_text, NULL) : NULL;
  if (tuple != NULL && JSON_NODE_HOLDS_OBJECT (tuple))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (tuple));

      for (GList *l = members; l != NULL; l = l->next)
        if (json_node_get_value_type (l->data) == G_TYPE_STRING)
          g_ptr_array_add (values, (gpointer)json_node_get_string (l->data));
    }
  while (values->len < 3)
    g_ptr_array_add (values, (gpointer)"this");
  seed = g_str_hash (tuple_text != NULL ? tuple_text : "");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "queries");
  json_builder_begin_array (b);
  for (guint i = 0; i < k; i++)
    {
      guint h = mix (seed, i);
      g_autofree char *ask = g_strdup_printf (asks[(h + i) % G_N_ELEMENTS (asks)],
                                              (char *)g_ptr_array_index (values, 1 + i % 2),
                                              (char *)g_ptr_array_index (values, 2 - i % 2));
      g_autofree char *text = g_strdup_printf ("%s %s (%s) %s #%u",
                                               openings[(h >> 8) % G_N_ELEMENTS (openings)],
                                               (char *)g_ptr_array_index (values, 0),
                                               i % 2 ? "again" : "new", ask, i + 1);

      json_builder_add_string_value (b, text);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
schema_name (JsonObject *request)
{
  JsonNode *format = json_object_get_member (request, "response_format");
  JsonNode *schema = format != NULL && JSON_NODE_HOLDS_OBJECT (format)
                     ? json_object_get_member (json_node_get_object (format), "json_schema") : NULL;

  if (schema == NULL || !JSON_NODE_HOLDS_OBJECT (schema))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (schema), "name", NULL);
}

JsonNode *
errata_mock_llm_synth_answer (JsonObject *request,
                              const char *user)
{
  const char *name = schema_name (request);

  if (g_strcmp0 (name, "synth_tuples") == 0)
    return answer_tuples (request, user);
  if (g_strcmp0 (name, "synth_queries") == 0)
    return answer_queries (user);
  return NULL;
}
