/* test-json-fast.c: the receiver's JSON parser and writer give json-glib's
 * tree and text.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fuzz's json-parse target compares the two node by node on many
 * inputs; these are the cases a reader of errata-json-fast.c would ask
 * about first.
 */

#include "config.h"

#include "errata-json-fast.h"
#include "errata-json-guard.h"

static JsonNode *
parse_with_json_glib (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  errata_json_parser_load (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/* Same tree, judged by json-glib's own text of both (which keeps ints
 * and doubles apart: 1 and 1.0), and the fast writer's text of it. */
static void
assert_parses_as_json_glib (const char *text)
{
  g_autoptr(JsonNode) fast = errata_json_parse_fast (text, strlen (text));
  g_autoptr(JsonNode) glib = parse_with_json_glib (text);
  g_autofree char *fast_text = NULL;
  g_autofree char *glib_text = NULL;
  g_autofree char *written = NULL;

  g_assert_nonnull (fast);
  fast_text = json_to_string (fast, FALSE);
  glib_text = json_to_string (glib, FALSE);
  g_assert_cmpstr (fast_text, ==, glib_text);
  written = errata_json_to_string_fast (glib);
  g_assert_cmpstr (written, ==, glib_text);
}

static void
test_same_tree (void)
{
  assert_parses_as_json_glib ("{\"a\": [1, -2, 1.5, -0.0, 1e20, 2E-3, true, false, null], \"b\": {}}");
  assert_parses_as_json_glib ("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e9\\u4e2d\", \"\\ud83d\\ude00\", \"caf\xc3\xa9\"]");
  /* A repeated key: the later value, in the first one's place. */
  assert_parses_as_json_glib ("{\"k\": 1, \"other\": 2, \"k\": \"again\"}");
  assert_parses_as_json_glib ("  \"a bare string\"\n");
  assert_parses_as_json_glib ("-123456789012345678");
}

/* What json-glib reads otherwise than strict JSON, or refuses: the fast
 * parser leaves it to json-glib. */
static void
test_leaves_the_rest_to_json_glib (void)
{
  const char *texts[] = {
    "012", "0x1f", "[1,]", "{\"a\":1,}", "\"\\q\"", "\"\\u0000\"", "\"\\udc00\"",
    "\"\\ud800x\"", "12345678901234567890", "[1] [2]", "\"raw\x01control\"",
    "\"bad \xff utf-8\"", "{\"a\" 1}", "truex", "", "  ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = errata_json_parse_fast (texts[i], strlen (texts[i]));
      g_autofree char *shown = g_strescape (texts[i], NULL);

      g_test_message ("%s", shown);
      g_assert_null (node);
    }
}

static void
test_too_deep (void)
{
  g_autoptr(GString) at_limit = g_string_new (NULL);
  g_autoptr(GString) over = g_string_new (NULL);
  g_autoptr(JsonNode) ok = NULL;
  g_autoptr(JsonNode) refused = NULL;

  for (guint i = 0; i < ERRATA_JSON_MAX_DEPTH; i++)
    g_string_append_c (at_limit, '[');
  for (guint i = 0; i < ERRATA_JSON_MAX_DEPTH; i++)
    g_string_append_c (at_limit, ']');
  g_string_append_printf (over, "[%s]", at_limit->str);
  ok = errata_json_parse_fast (at_limit->str, at_limit->len);
  refused = errata_json_parse_fast (over->str, over->len);
  g_assert_nonnull (ok);
  g_assert_null (refused);
}

/* A string past the scratch buffer's keep limit, twice: the buffer is
 * replaced after the first and the second still reads whole. */
static void
test_long_strings (void)
{
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *long_value = g_strnfill (300 * 1024, 'x');
      g_autofree char *text = g_strdup_printf ("{\"long\": \"%s\", \"after\": \"short\"}", long_value);
      g_autoptr(JsonNode) node = errata_json_parse_fast (text, strlen (text));
      JsonObject *object;

      g_assert_nonnull (node);
      object = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (object, "long"), ==, long_value);
      g_assert_cmpstr (json_object_get_string_member (object, "after"), ==, "short");
    }
}

/* The parser and the writer look at eight bytes at a time: whatever
 * stops a run (a quote, an escape, a control character, DEL, a byte of a
 * multi-byte character) is found at every offset in the word, and what is
 * not valid is refused at every offset. */
static void
test_every_offset (void)
{
  const char *kept[] = {
    "\\\"", "\\\\", "\\n", "\\u001f", "\\u0001", "\x7f", "\xc3\xa9", "\xe4\xb8\xad",
    "\xf0\x9f\x98\x80", "\\u00e9",
  };
  const char *refused[] = {
    "\x01", "\x1f", "\xc3x", "\xe4\xb8x", "\xc0\xaf", "\xed\xa0\x80", "\xf5\x80\x80\x80", "\x80",
    "\xff",
  };

  for (guint offset = 0; offset < 18; offset++)
    {
      g_autofree char *before = g_strnfill (offset, 'a');

      for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
        {
          g_autofree char *text = g_strdup_printf ("[\"%s%sbbbbbbbbb\", \"%s%s\"]", before, kept[i],
                                                   before, kept[i]);

          assert_parses_as_json_glib (text);
        }
      for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
        {
          g_autofree char *text = g_strdup_printf ("[\"%s%sbbbbbbbbb\"]", before, refused[i]);
          g_autoptr(JsonNode) node = errata_json_parse_fast (text, strlen (text));

          g_assert_null (node);
        }
      {
        /* A NUL inside the text given. */
        g_autofree char *text = g_strdup_printf ("[\"%s\"]", before);
        g_autoptr(JsonNode) node = NULL;

        text[2 + offset / 2] = '\0';
        node = errata_json_parse_fast (text, offset + 4);
        g_assert_null (node);
      }
    }
}

/* The writer passes eight bytes at a time while none may need an escape:
 * every byte that does, at every offset in the word and at the end of
 * the string, is written as json-glib writes it. */
static void
test_writer_every_offset (void)
{
  const char *special[] = {
    "\x01", "\x08", "\n", "\x1e", "\x1f", " ", "\x7f", "\"", "\\", "/", "\xc3\xa9", "\xf0\x9f\x98\x80", "!", "~",
  };

  for (guint offset = 0; offset < 18; offset++)
    for (guint tail = 0; tail < 10; tail += 9)
      for (guint i = 0; i < G_N_ELEMENTS (special); i++)
        {
          g_autofree char *before = g_strnfill (offset, 'a');
          g_autofree char *after = g_strnfill (tail, 'b');
          g_autofree char *value = g_strconcat (before, special[i], after, special[i], NULL);
          g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);
          g_autofree char *expected = json_to_string (node, FALSE);
          g_autofree char *written = errata_json_to_string_fast (node);

          g_assert_cmpstr (written, ==, expected);
        }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-fast/same-tree", test_same_tree);
  g_test_add_func ("/json-fast/leaves-the-rest-to-json-glib", test_leaves_the_rest_to_json_glib);
  g_test_add_func ("/json-fast/too-deep", test_too_deep);
  g_test_add_func ("/json-fast/long-strings", test_long_strings);
  g_test_add_func ("/json-fast/every-offset", test_every_offset);
  g_test_add_func ("/json-fast/writer-every-offset", test_writer_every_offset);
  return g_test_run ();
}
