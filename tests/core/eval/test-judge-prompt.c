/* test-judge-prompt.c: a judge's prompt template: every placeholder, the
 * conversation with tool calls and their results, nested metadata,
 * few-shot examples with label and critique, refused placeholders.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-eval-types.h"
#include "errata-judge-prompt.h"
#include "errata-trace.h"

static ErrataTrace *
agent_trace (void)
{
  static const char messages[] =
    "[{\"role\": \"system\", \"content\": \"You are Casa, a rental assistant.\"},"
    " {\"role\": \"user\", \"content\": \"Find a flat under 1200 EUR\"},"
    " {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": ["
    "   {\"id\": \"call_7\", \"name\": \"search_listings\", \"arguments\": \"{\\\"max\\\": 1200}\"}]},"
    " {\"role\": \"tool\", \"tool_call_id\": \"call_7\", \"content\": \"[{\\\"id\\\": \\\"RP-1\\\", \\\"price\\\": 1350}]\"},"
    " {\"role\": \"assistant\", \"content\": \"RP-1 costs 1350 EUR.\"}]";
  static const char metadata[] =
    "{\"team\": \"leasing\", \"gen_ai.system\": \"openai\", \"customer\": {\"plan\": \"gold\","
    " \"seats\": 3, \"tags\": [\"a\", \"b\"]}, \"nothing\": null}";
  g_autoptr(JsonNode) node = json_from_string (messages, NULL);
  g_autoptr(JsonNode) meta = json_from_string (metadata, NULL);
  ErrataTrace *trace = errata_trace_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_assert_nonnull (node);
  g_assert_nonnull (meta);
  errata_trace_set_messages (trace, json_node_get_array (node));
  json_object_iter_init (&iter, json_node_get_object (meta));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (errata_trace_get_metadata (trace), name, json_node_copy (value));
  return trace;
}

static char *
render (const char  *template_text,
        ErrataTrace *trace,
        const char  *definition,
        GPtrArray   *examples)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataJudgePrompt) prompt = errata_judge_prompt_new (template_text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (prompt);
  return errata_judge_prompt_render (prompt, trace, definition, examples);
}

static void
test_input_output_definition (void)
{
  g_autoptr(ErrataTrace) trace = agent_trace ();
  g_autofree char *text = render ("Q: {{input}}\nA: {{ output }}\nMode: {{definition}}.", trace,
                                  "Over budget", NULL);

  g_assert_cmpstr (text, ==, "Q: Find a flat under 1200 EUR\nA: RP-1 costs 1350 EUR.\n"
                             "Mode: Over budget.");
}

static void
test_conversation (void)
{
  g_autoptr(ErrataTrace) trace = agent_trace ();
  g_autofree char *text = render ("{{conversation}}", trace, NULL, NULL);

  g_assert_cmpstr (text, ==,
                   "[1] system:\nYou are Casa, a rental assistant.\n\n"
                   "[2] user:\nFind a flat under 1200 EUR\n\n"
                   "[3] assistant:\n→ Tool call search_listings({\"max\": 1200}) [call id call_7]\n\n"
                   "[4] tool (result of search_listings, call id call_7):\n"
                   "[{\"id\": \"RP-1\", \"price\": 1350}]\n\n"
                   "[5] assistant:\nRP-1 costs 1350 EUR.");
}

/* Text and calls in one message; a result whose call is not in the trace
 * still says which call it answers. */
static void
test_conversation_text_and_orphan_result (void)
{
  static const char messages[] =
    "[{\"role\": \"assistant\", \"content\": \"Let me look.\", \"tool_calls\": ["
    "   {\"id\": \"a\", \"name\": \"one\", \"arguments\": \"{}\"},"
    "   {\"id\": \"b\", \"name\": \"two\", \"arguments\": \"{\\\"x\\\": 1}\"}]},"
    " {\"role\": \"tool\", \"tool_call_id\": \"b\", \"content\": \"ok\"},"
    " {\"role\": \"tool\", \"tool_call_id\": \"zz\", \"content\": \"lost\"},"
    " {\"role\": \"tool\", \"name\": \"weather\", \"content\": \"sunny\"}]";
  g_autoptr(JsonNode) node = json_from_string (messages, NULL);
  g_autoptr(ErrataTrace) trace = errata_trace_new ();
  g_autofree char *text = NULL;

  errata_trace_set_messages (trace, json_node_get_array (node));
  text = errata_judge_prompt_render_conversation (trace);
  g_assert_cmpstr (text, ==,
                   "[1] assistant:\nLet me look.\n→ Tool call one({}) [call id a]\n"
                   "→ Tool call two({\"x\": 1}) [call id b]\n\n"
                   "[2] tool (result of two, call id b):\nok\n\n"
                   "[3] tool (result of call id zz):\nlost\n\n"
                   "[4] tool (result of weather):\nsunny");
}

static void
test_metadata (void)
{
  g_autoptr(ErrataTrace) trace = agent_trace ();
  g_autofree char *text = render ("{{metadata.team}}|{{metadata.customer.plan}}|"
                                  "{{metadata.customer.seats}}|{{metadata.customer.tags}}|"
                                  "{{metadata.gen_ai.system}}|{{metadata.missing}}|"
                                  "{{metadata.customer.plan.deeper}}|{{metadata.nothing}}|"
                                  "{{metadata.customer}}",
                                  trace, NULL, NULL);

  g_assert_cmpstr (text, ==, "leasing|gold|3|[\"a\",\"b\"]|openai||||"
                             "{\"plan\":\"gold\",\"seats\":3,\"tags\":[\"a\",\"b\"]}");
}

static void
test_examples (void)
{
  g_autoptr(ErrataTrace) trace = agent_trace ();
  g_autoptr(GPtrArray) examples = g_ptr_array_new_with_free_func ((GDestroyNotify) errata_judge_example_free);
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;

  g_ptr_array_add (examples, errata_judge_example_new (4, "Cheap flat?", "Here is one at 900.",
                                                       ERRATA_VERDICT_PASS, "Within budget."));
  g_ptr_array_add (examples, errata_judge_example_new (9, "Under 1000?", "This one is 1500.",
                                                       ERRATA_VERDICT_FAIL, NULL));
  text = render ("<{{examples}}>", trace, NULL, examples);
  g_assert_cmpstr (text, ==,
                   "<Example 1\nInput: Cheap flat?\nOutput: Here is one at 900.\n"
                   "Human label: PASS\nCritique: Within budget.\n\n"
                   "Example 2\nInput: Under 1000?\nOutput: This one is 1500.\n"
                   "Human label: FAIL\nCritique: (none)>");

  none = render ("{{examples}}", trace, NULL, NULL);
  g_assert_cmpstr (none, ==, "(no examples)");
}

static void
assert_refused (const char *template_text,
                const char *expected_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataJudgePrompt) prompt = errata_judge_prompt_new (template_text, &error);

  g_assert_null (prompt);
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  if (strstr (error->message, expected_part) == NULL)
    g_error ("“%s” not in “%s”", expected_part, error->message);
}

static void
test_unknown_placeholder (void)
{
  assert_refused ("Judge this:\n  {{ouput}}", "“{{ouput}}”");
  assert_refused ("Judge this:\n  {{ouput}}", "line 2, column 3");
  assert_refused ("é {{trace}}", "line 1, column 3");
  assert_refused ("{{metadata.}}", "{{metadata.}}");
  assert_refused ("{{metadata.a..b}}", "{{metadata.a..b}}");
  assert_refused ("{{metadata}}", "{{metadata}}");
  assert_refused ("{{INPUT}}", "{{INPUT}}");
  assert_refused ("ok {{input}} then {{input", "never closed at line 1, column 19");
}

static void
test_default_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataJudgePrompt) prompt = errata_judge_prompt_new (errata_judge_prompt_default_template (),
                                                                 &error);
  g_autoptr(ErrataTrace) trace = agent_trace ();
  g_autofree char *text = NULL;
  const char *definition, *examples, *trace_at, *verdict;

  g_assert_no_error (error);
  g_assert_true (errata_judge_prompt_uses_examples (prompt));
  text = errata_judge_prompt_render (prompt, trace, "Proposes a flat above the budget", NULL);

  /* Definition, then the examples, then the trace, then the answer asked. */
  definition = strstr (text, "Proposes a flat above the budget");
  examples = strstr (text, "(no examples)");
  trace_at = strstr (text, "→ Tool call search_listings");
  verdict = strstr (text, "\"verdict\"");
  g_assert_nonnull (definition);
  g_assert_nonnull (examples);
  g_assert_nonnull (trace_at);
  g_assert_nonnull (verdict);
  g_assert_true (definition < examples && examples < trace_at && trace_at < verdict);
  g_assert_nonnull (strstr (text, "reasoning"));
  g_assert_null (strstr (text, "{{"));
}

static void
test_literal_text_kept (void)
{
  g_autoptr(ErrataTrace) trace = agent_trace ();
  g_autofree char *text = render ("{\"a\": {\"b\": 1}} } { no placeholder", trace, NULL, NULL);
  g_autoptr(ErrataJudgePrompt) plain = errata_judge_prompt_new ("no examples here", NULL);

  g_assert_cmpstr (text, ==, "{\"a\": {\"b\": 1}} } { no placeholder");
  g_assert_false (errata_judge_prompt_uses_examples (plain));
  g_assert_cmpstr (errata_judge_prompt_get_template (plain), ==, "no examples here");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval/judge-prompt/input-output-definition", test_input_output_definition);
  g_test_add_func ("/eval/judge-prompt/conversation", test_conversation);
  g_test_add_func ("/eval/judge-prompt/conversation-text-and-orphan-result",
                   test_conversation_text_and_orphan_result);
  g_test_add_func ("/eval/judge-prompt/metadata", test_metadata);
  g_test_add_func ("/eval/judge-prompt/examples", test_examples);
  g_test_add_func ("/eval/judge-prompt/unknown-placeholder", test_unknown_placeholder);
  g_test_add_func ("/eval/judge-prompt/default-template", test_default_template);
  g_test_add_func ("/eval/judge-prompt/literal-text-kept", test_literal_text_kept);

  return g_test_run ();
}
