/* errata-fuzz-json.c: the receiver's own JSON parser and writer against json-glib.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * errata_json_parse_fast() promises json-glib's tree for what it accepts,
 * errata_json_to_string_fast() json_to_string()'s text (errata-json-fast.h):
 * a difference anywhere would store a trace otherwise than before, so any
 * difference aborts.
 */

#include "config.h"

#include "errata-fuzz.h"
#include "errata-json-fast.h"
#include "errata-json-guard.h"

#include <string.h>

static void
differs (const char *what)
{
  g_error ("errata_json_parse_fast and json-glib differ: %s", what);
}

static void assert_same_node (JsonNode *fast,
                              JsonNode *glib);

static void
assert_same_object (JsonObject *fast,
                    JsonObject *glib)
{
  g_autoptr(GList) fast_names = json_object_get_members (fast);
  g_autoptr(GList) glib_names = json_object_get_members (glib);
  GList *f = fast_names;
  GList *g = glib_names;

  for (; f != NULL && g != NULL; f = f->next, g = g->next)
    {
      if (strcmp (f->data, g->data) != 0)
        differs ("member names or their order");
      assert_same_node (json_object_get_member (fast, f->data), json_object_get_member (glib, g->data));
    }
  if (f != NULL || g != NULL)
    differs ("number of members");
}

static void
assert_same_value (JsonNode *fast,
                   JsonNode *glib)
{
  double a;
  double b;

  if (json_node_get_value_type (fast) != json_node_get_value_type (glib))
    differs ("value type");
  switch (json_node_get_value_type (fast))
    {
    case G_TYPE_INT64:
      if (json_node_get_int (fast) != json_node_get_int (glib))
        differs ("integer");
      break;
    case G_TYPE_DOUBLE:
      /* Bit for bit: -0.0 is not 0.0, and a NaN never comes from JSON. */
      a = json_node_get_double (fast);
      b = json_node_get_double (glib);
      if (memcmp (&a, &b, sizeof a) != 0)
        differs ("number");
      break;
    case G_TYPE_BOOLEAN:
      if (json_node_get_boolean (fast) != json_node_get_boolean (glib))
        differs ("boolean");
      break;
    case G_TYPE_STRING:
      if (g_strcmp0 (json_node_get_string (fast), json_node_get_string (glib)) != 0)
        differs ("string");
      break;
    default:
      differs ("unexpected value type");
    }
}

static void
assert_same_node (JsonNode *fast,
                  JsonNode *glib)
{
  if (fast == NULL || glib == NULL || JSON_NODE_TYPE (fast) != JSON_NODE_TYPE (glib))
    differs ("node type");
  switch (JSON_NODE_TYPE (fast))
    {
    case JSON_NODE_OBJECT:
      assert_same_object (json_node_get_object (fast), json_node_get_object (glib));
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (fast);
        JsonArray *b = json_node_get_array (glib);

        if (json_array_get_length (a) != json_array_get_length (b))
          differs ("array length");
        for (guint i = 0; i < json_array_get_length (a); i++)
          assert_same_node (json_array_get_element (a, i), json_array_get_element (b, i));
      }
      break;
    case JSON_NODE_VALUE:
      assert_same_value (fast, glib);
      break;
    case JSON_NODE_NULL:
      break;
    default:
      differs ("unexpected node type");
    }
}

/* json-glib's text of `node` against the fast writer's. */
static void
assert_same_text (JsonNode *node)
{
  g_autofree char *glib_text = json_to_string (node, FALSE);
  g_autofree char *fast_text = errata_json_to_string_fast (node);

  if (strcmp (fast_text, glib_text) != 0)
    differs ("the written text");
}

/* The whole input is the text. Whatever json-glib parses is written by
 * both writers; whatever the fast parser accepts must parse the same. */
int
errata_fuzz_json_parse (const guint8 *data,
                        gsize         size)
{
  g_autoptr(JsonNode) fast = errata_json_parse_fast ((const char *)data, size);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) glib = NULL;

  if (errata_json_parser_load (parser, (const char *)data, size, NULL))
    glib = json_parser_steal_root (parser);
  if (glib != NULL)
    assert_same_text (glib);
  /* What it leaves to json-glib is json-glib's to judge. */
  if (fast == NULL)
    return 0;
  if (glib == NULL)
    differs ("json-glib refuses what the fast parser accepts");
  assert_same_node (fast, glib);
  return 0;
}
