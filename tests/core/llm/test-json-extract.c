/* test-json-extract.c: finding the JSON in a model's prose.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-json-extract.h"
#include "errata-llm-error.h"

/* Extracts from @text and compares the compact form with @expected
 * (NULL: must fail with BAD_REPLY). */
static void
check (const char *text,
       const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = errata_json_extract (text, &error);
  g_autofree char *compact = NULL;

  if (expected == NULL)
    {
      g_assert_null (node);
      g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (node);
  compact = json_to_string (node, FALSE);
  g_assert_cmpstr (compact, ==, expected);
}

static void
test_whole (void)
{
  check ("{\"verdict\": \"pass\"}", "{\"verdict\":\"pass\"}");
  check ("  [1, 2, 3]\n", "[1,2,3]");
}

static void
test_prose (void)
{
  check ("Here is my judgement: {\"verdict\": \"fail\", \"reason\": \"wrong city\"} Hope that helps!",
         "{\"verdict\":\"fail\",\"reason\":\"wrong city\"}");
  /* A stray brace in the prose does not hide the real object. */
  check ("Use { to open. Answer: {\"ok\": true}", "{\"ok\":true}");
  check ("The set {a, b} is not JSON, but {\"a\": 1} is.", "{\"a\":1}");
}

/* Unclosed brackets each cost a pass to the end of the text: a long run of
 * them took quadratic time (1 MB: hours). The scan now gives up instead. */
static void
test_unclosed_brackets (void)
{
  g_autofree char *brackets = g_strnfill (1024 * 1024, '[');
  g_autofree char *fenced = g_strconcat ("```json\n", brackets, "\n```", NULL);
  g_autoptr(GString) stray = g_string_new (NULL);

  check (brackets, NULL);
  check (fenced, NULL);
  /* A few dozen stray brackets in the prose do not hide the JSON. */
  for (guint i = 0; i < 32; i++)
    g_string_append (stray, "[ { ");
  g_string_append (stray, "Answer: {\"ok\": true}");
  check (stray->str, "{\"ok\":true}");
}

static void
test_fenced (void)
{
  check ("Sure.\n```json\n{\"verdict\": \"pass\"}\n```\nAnything else?", "{\"verdict\":\"pass\"}");
  check ("```\n[{\"a\": 1}]\n```", "[{\"a\":1}]");
  /* The json-tagged fence wins over an earlier untagged one. */
  check ("```\nprint({'x': 1})\n```\nand\n```JSON\n{\"x\": 2}\n```", "{\"x\":2}");
}

static void
test_nested (void)
{
  check ("Result: {\"outer\": {\"inner\": [1, {\"deep\": \"}\"}]}, \"s\": \"a \\\" {brace\"} done",
         "{\"outer\":{\"inner\":[1,{\"deep\":\"}\"}]},\"s\":\"a \\\" {brace\"}");
}

static void
test_invalid (void)
{
  check ("", NULL);
  check ("No JSON here at all.", NULL);
  check ("true", NULL);
  check ("{\"verdict\": \"pass\",}", NULL);            /* trailing comma: not repaired */
  check ("{'verdict': 'pass'}", NULL);                 /* single quotes: not repaired */
  check ("{\"verdict\": \"pass\"", NULL);              /* cut off */
  check ("```json\n{\"a\": }\n```", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/llm/json-extract/whole", test_whole);
  g_test_add_func ("/llm/json-extract/prose", test_prose);
  g_test_add_func ("/llm/json-extract/fenced", test_fenced);
  g_test_add_func ("/llm/json-extract/unclosed-brackets", test_unclosed_brackets);
  g_test_add_func ("/llm/json-extract/nested", test_nested);
  g_test_add_func ("/llm/json-extract/invalid", test_invalid);

  return g_test_run ();
}
