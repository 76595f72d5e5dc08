/* test-code-check.c: every kind of code check on traces built here, bad
 * definitions, and a few checks over the demo project and the shared data.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-code-check.h"
#include "errata-eval-types.h"
#include "errata-importer.h"
#include "errata-test-utils.h"

/* A booking: a search, then book_table, a tool result and a reply. */
static const char booking_json[] =
  "[{\"role\": \"system\", \"content\": \"You book tables.\"},"
  " {\"role\": \"user\", \"content\": \"A table for 4 at Café Rouge tonight, please\"},"
  " {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": ["
  "   {\"id\": \"c1\", \"name\": \"search\", \"arguments\": \"{\\\"q\\\": \\\"Café Rouge\\\"}\"},"
  "   {\"id\": \"c2\", \"name\": \"book_table\","
  "    \"arguments\": \"{\\\"party_size\\\": 4, \\\"time\\\": \\\"19:00\\\"}\"}]},"
  " {\"role\": \"tool\", \"tool_call_id\": \"c2\", \"content\": \"{\\\"ok\\\": true}\"},"
  " {\"role\": \"assistant\", \"content\": \"Booked a table for 4 at 19:00. No refund if you "
  "cancel late.\"}]";

static ErrataTrace *
trace_from_json (const char *messages_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (messages_json, &error);
  ErrataTrace *trace = errata_trace_new ();

  g_assert_no_error (error);
  errata_trace_set_messages (trace, json_node_get_array (node));
  return trace;
}

static ErrataTrace *
booking_trace (void)
{
  return trace_from_json (booking_json);
}

/* A check from its definition, as a user writes it. */
static ErrataCodeCheck *
check_new (const char *definition)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (definition, &error);
  JsonObject *params;
  ErrataCodeCheck *check;

  g_assert_no_error (error);
  params = json_node_get_object (node);
  check = errata_code_check_new (json_object_get_string_member (params, "kind"), params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);
  return check;
}

/* Asserts the verdict and that the reasoning holds `reasoning`. */
static void
assert_outcome (const char         *definition,
                ErrataTrace        *trace,
                ErrataJudgeVerdict  verdict,
                const char         *reasoning)
{
  g_autoptr(ErrataCodeCheck) check = check_new (definition);
  g_autoptr(ErrataEvalOutcome) outcome = errata_code_check_evaluate (check, trace);

  if (outcome->verdict != verdict || (reasoning != NULL && outcome->reasoning != NULL
                                      && strstr (outcome->reasoning, reasoning) == NULL))
    g_error ("%s: got %s (%s%s), expected %s with “%s”", definition,
             errata_judge_verdict_to_string (outcome->verdict),
             outcome->reasoning ? outcome->reasoning : "",
             outcome->error ? outcome->error : "",
             errata_judge_verdict_to_string (verdict), reasoning ? reasoning : "");
  if (verdict != ERRATA_JUDGE_ERROR)
    g_assert_nonnull (outcome->reasoning);
  g_assert_cmpfloat (outcome->latency_ms, >=, 0);
  g_assert_cmpint (outcome->tokens_in, ==, 0);
}

#define PASS ERRATA_JUDGE_PASS
#define FAIL ERRATA_JUDGE_FAIL

static void
test_kinds (void)
{
  const char * const *kinds = errata_code_check_list_kinds ();

  g_assert_cmpuint (g_strv_length ((char **)kinds), ==, 6);
  for (guint i = 0; kinds[i] != NULL; i++)
    g_assert_true (errata_code_check_is_kind (kinds[i]));
  g_assert_true (g_strv_contains (kinds, "tool_call"));
  g_assert_false (errata_code_check_is_kind ("command"));
  g_assert_false (errata_code_check_is_kind ("Regex"));
  g_assert_false (errata_code_check_is_kind (NULL));
}

static void
test_regex (void)
{
  g_autoptr(ErrataTrace) plain = errata_test_new_trace ("t1", "Can I get my money back?",
                                                        "Sorry, no refund is possible.");
  g_autoptr(ErrataTrace) booking = booking_trace ();

  /* Output; both meanings of a match; the position is counted in chars. */
  assert_outcome ("{\"kind\": \"regex\", \"pattern\": \"refund\"}", plain, PASS,
                  "output matched /refund/ at char 11: “refund”");
  assert_outcome ("{\"kind\": \"regex\", \"pattern\": \"refund\", \"match\": \"fail\"}", plain,
                  FAIL, "at char 11");
  assert_outcome ("{\"kind\": \"regex\", \"pattern\": \"discount\", \"match\": \"fail\"}", plain,
                  PASS, "output did not match /discount/");
  assert_outcome ("{\"kind\": \"regex\", \"pattern\": \"discount\"}", plain, FAIL,
                  "did not match");
  /* Chars, not bytes: “é” before “Rouge” counts once. */
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"input\", \"pattern\": \"Rouge\"}", booking,
                  PASS, "input matched /Rouge/ at char 23");
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"input\", \"pattern\": \"money\"}", booking,
                  FAIL, "input did not match");
  /* Case. */
  assert_outcome ("{\"kind\": \"regex\", \"pattern\": \"SORRY\"}", plain, FAIL, NULL);
  assert_outcome ("{\"kind\": \"regex\", \"pattern\": \"SORRY\", \"ignore_case\": true}", plain, PASS,
                  "“Sorry”");
  /* The conversation: the system prompt and tool calls are in it. */
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"conversation\", \"pattern\": \"book tables\"}",
                  booking, PASS, "message 1 (system) matched");
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"conversation\", \"pattern\": \"^book_table \","
                  " \"match\": \"fail\"}", booking, PASS, NULL);
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"conversation\", \"pattern\": \"(?m)^book_table \","
                  " \"match\": \"fail\"}", booking, FAIL, "message 3 (assistant) matched");
  /* Tool arguments: any call's, or one tool's. */
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"tool_arguments\", \"pattern\": \"Café\"}",
                  booking, PASS, "arguments of ‘search’ (call 1)");
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"tool_arguments\", \"tool\": \"book_table\","
                  " \"pattern\": \"Café\"}", booking, FAIL, "tool arguments did not match /Café/");
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"tool_arguments\", \"tool\": \"book_table\","
                  " \"pattern\": \"\\\"party_size\\\": *([9]|\\\\d{2,})\", \"match\": \"fail\"}",
                  booking, PASS, NULL);
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"tool_arguments\", \"tool\": \"book_table\","
                  " \"pattern\": \"\\\"party_size\\\": *[1-8]\\\\b\"}", booking, PASS,
                  "arguments of ‘book_table’ (call 1) matched");
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"tool_arguments\", \"tool\": \"cancel\","
                  " \"pattern\": \".\"}", booking, FAIL, "no call to ‘cancel’");
  assert_outcome ("{\"kind\": \"regex\", \"field\": \"tool_arguments\", \"pattern\": \".\"}", plain,
                  FAIL, "no tool call");
}

/* A pattern that backtracks without end stops at PCRE2's limit: an error
 * verdict, not a hang and not a pass or fail. */
static void
test_regex_backtracking (void)
{
  g_autofree char *as = g_strnfill (40, 'a');
  g_autofree char *text = g_strconcat (as, "b", NULL);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t", "q", text);
  g_autoptr(ErrataCodeCheck) check = check_new ("{\"kind\": \"regex\", \"pattern\": \"^(a+)+$\"}");
  g_autoptr(ErrataEvalOutcome) outcome = errata_code_check_evaluate (check, trace);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_ERROR);
  g_assert_nonnull (outcome->error);
  g_assert_nonnull (strstr (outcome->error, "limit"));
}

static void
test_contains (void)
{
  g_autoptr(ErrataTrace) plain = errata_test_new_trace ("t1", "Where can I eat?",
                                                        "Try the Café Rouge: Sorry, it is busy.");
  g_autoptr(ErrataTrace) booking = booking_trace ();

  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"sorry\", \"apologise\"]}", plain, PASS,
                  "output contains “sorry”");
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"sorry\"], \"ignore_case\": false}", plain,
                  FAIL, "output contains none of “sorry”");
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"regret\", \"apologise\"]}", plain, FAIL,
                  "none of “regret”, “apologise”");
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"sorry\", \"busy\"], \"mode\": \"all\"}",
                  plain, PASS, "contains all of “sorry”, “busy”");
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"sorry\", \"closed\", \"full\"],"
                  " \"mode\": \"all\"}", plain, FAIL, "output lacks “closed”, “full”");
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"sorry\"], \"mode\": \"none\"}", plain,
                  FAIL, "output contains “sorry”");
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"refund\"], \"mode\": \"none\"}", plain,
                  PASS, "output contains none of “refund”");
  /* Other fields. */
  assert_outcome ("{\"kind\": \"contains\", \"field\": \"input\", \"words\": [\"eat\"]}", plain,
                  PASS, "input contains “eat”");
  assert_outcome ("{\"kind\": \"contains\", \"field\": \"conversation\", \"words\": [\"19:00\"]}",
                  booking, PASS, "message 3 (assistant) contains “19:00”");
  assert_outcome ("{\"kind\": \"contains\", \"field\": \"tool_arguments\", \"tool\": \"search\","
                  " \"words\": [\"party_size\"]}", booking, FAIL, NULL);
  /* Whole words. */
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"rou\"]}", plain, PASS, NULL);
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"rou\"], \"whole_words\": true}", plain,
                  FAIL, NULL);
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"café rouge\"], \"whole_words\": true}",
                  plain, PASS, NULL);
}

/* “café” spelt precomposed (U+00E9) and decomposed (e + U+0301) is the same
 * word; “cafe” is another word unless accents are folded. */
static void
test_contains_diacritics (void)
{
  g_autoptr(ErrataTrace) composed = errata_test_new_trace ("t1", "q", "Meet me at the CAF\xc3\x89.");
  g_autoptr(ErrataTrace) decomposed = errata_test_new_trace ("t2", "q", "Meet me at the cafe\xcc\x81.");
  g_autoptr(ErrataTrace) bare = errata_test_new_trace ("t3", "q", "Meet me at the cafe.");
  const char *strict = "{\"kind\": \"contains\", \"words\": [\"café\"]}";
  const char *bare_word = "{\"kind\": \"contains\", \"words\": [\"cafe\"]}";
  const char *folded = "{\"kind\": \"contains\", \"words\": [\"cafe\"], \"ignore_accents\": true}";
  const char *folded_accented = "{\"kind\": \"contains\", \"words\": [\"Café\"],"
                                " \"ignore_accents\": true}";

  assert_outcome (strict, composed, PASS, NULL);
  assert_outcome (strict, decomposed, PASS, NULL);
  assert_outcome (strict, bare, FAIL, NULL);
  assert_outcome (bare_word, composed, FAIL, NULL);
  assert_outcome (bare_word, decomposed, FAIL, NULL);
  assert_outcome (bare_word, bare, PASS, NULL);
  assert_outcome (folded, composed, PASS, NULL);
  assert_outcome (folded, decomposed, PASS, NULL);
  assert_outcome (folded_accented, bare, PASS, NULL);
  /* Case folding off: “CAFÉ” is not “café”, accents folded or not. */
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"cafe\"], \"ignore_accents\": true,"
                  " \"ignore_case\": false}", composed, FAIL, NULL);
  assert_outcome ("{\"kind\": \"contains\", \"words\": [\"CAFE\"], \"ignore_accents\": true,"
                  " \"ignore_case\": false}", composed, PASS, NULL);
}

static void
test_json (void)
{
  g_autoptr(ErrataTrace) object = errata_test_new_trace ("t1", "q",
                                                         " {\"answer\": 42, \"sources\": []}\n");
  g_autoptr(ErrataTrace) array = errata_test_new_trace ("t2", "q", "[1, 2]");
  g_autoptr(ErrataTrace) prose = errata_test_new_trace ("t3", "q", "The answer is 42.");
  g_autoptr(ErrataTrace) fenced = errata_test_new_trace ("t4", "q",
                                                         "```json\n{\"answer\": 42}\n```");
  g_autoptr(ErrataTrace) python = errata_test_new_trace ("t5", "q", "```python\n{\"a\": 1}\n```");
  g_autoptr(ErrataTrace) two = errata_test_new_trace ("t6", "q", "{\"a\": 1} {\"b\": 2}");
  g_autoptr(ErrataTrace) empty = errata_test_new_trace ("t7", "q", "");
  g_autoptr(ErrataTrace) booking = booking_trace ();
  g_autoptr(ErrataTrace) bad_args = trace_from_json (
    "[{\"role\": \"user\", \"content\": \"hi\"},"
    " {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": ["
    "   {\"id\": \"c1\", \"name\": \"book_table\", \"arguments\": \"{party_size: 4}\"}]}]");

  assert_outcome ("{\"kind\": \"json\"}", object, PASS, "output is valid JSON");
  assert_outcome ("{\"kind\": \"json\"}", array, PASS, NULL);
  assert_outcome ("{\"kind\": \"json\"}", prose, FAIL, "output is not valid JSON");
  assert_outcome ("{\"kind\": \"json\"}", two, FAIL, "not valid JSON");
  assert_outcome ("{\"kind\": \"json\"}", empty, FAIL, "output is empty");
  assert_outcome ("{\"kind\": \"json\", \"keys\": [\"answer\", \"sources\"]}", object, PASS,
                  "with the keys");
  assert_outcome ("{\"kind\": \"json\", \"keys\": [\"answer\", \"date\"]}", object, FAIL,
                  "output lacks the key “date”");
  assert_outcome ("{\"kind\": \"json\", \"keys\": [\"answer\"]}", array, FAIL,
                  "output is an array, not an object");
  /* Fences: refused unless asked for, and only a JSON (or bare) fence. */
  assert_outcome ("{\"kind\": \"json\"}", fenced, FAIL, NULL);
  assert_outcome ("{\"kind\": \"json\", \"fenced\": true, \"keys\": [\"answer\"]}", fenced, PASS,
                  NULL);
  assert_outcome ("{\"kind\": \"json\", \"fenced\": true}", python, FAIL, NULL);
  assert_outcome ("{\"kind\": \"json\", \"fenced\": true}", object, PASS, NULL);
  /* Tool arguments: every call's. */
  assert_outcome ("{\"kind\": \"json\", \"field\": \"tool_arguments\"}", booking, PASS, NULL);
  assert_outcome ("{\"kind\": \"json\", \"field\": \"tool_arguments\", \"tool\": \"book_table\","
                  " \"keys\": [\"party_size\", \"time\"]}", booking, PASS, NULL);
  assert_outcome ("{\"kind\": \"json\", \"field\": \"tool_arguments\", \"keys\": [\"time\"]}",
                  booking, FAIL, "arguments of ‘search’ (call 1) lacks the key “time”");
  assert_outcome ("{\"kind\": \"json\", \"field\": \"tool_arguments\"}", bad_args, FAIL,
                  "arguments of ‘book_table’ (call 1) is not valid JSON");
  assert_outcome ("{\"kind\": \"json\", \"field\": \"tool_arguments\"}", object, PASS,
                  "nothing to check");
}

static void
test_length (void)
{
  /* 11 characters, 13 bytes, 2 words. */
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t1", "one two three", "héllo wörld");
  g_autoptr(ErrataTrace) spaced = errata_test_new_trace ("t2", "q", "  a\tb\n\nc  ");

  assert_outcome ("{\"kind\": \"length\", \"max\": 11}", trace, PASS,
                  "output has 11 characters, at most 11");
  assert_outcome ("{\"kind\": \"length\", \"max\": 10}", trace, FAIL,
                  "output has 11 characters, more than 10");
  assert_outcome ("{\"kind\": \"length\", \"min\": 12}", trace, FAIL, "fewer than 12");
  assert_outcome ("{\"kind\": \"length\", \"min\": 1, \"max\": 20}", trace, PASS, "within 1–20");
  assert_outcome ("{\"kind\": \"length\", \"unit\": \"words\", \"max\": 2}", trace, PASS,
                  "output has 2 words");
  assert_outcome ("{\"kind\": \"length\", \"unit\": \"words\", \"min\": 3}", trace, FAIL, NULL);
  assert_outcome ("{\"kind\": \"length\", \"unit\": \"words\", \"min\": 3, \"max\": 3}", spaced,
                  PASS, "3 words");
  assert_outcome ("{\"kind\": \"length\", \"field\": \"input\", \"unit\": \"words\", \"min\": 3}",
                  trace, PASS, "input has 3 words");
  assert_outcome ("{\"kind\": \"length\", \"field\": \"conversation\", \"unit\": \"words\","
                  " \"max\": 5}", trace, PASS, "conversation has 5 words");
  assert_outcome ("{\"kind\": \"length\", \"max\": 0}", spaced, FAIL, NULL);
}

static void
test_tool_call (void)
{
  g_autoptr(ErrataTrace) booking = booking_trace ();
  g_autoptr(ErrataTrace) plain = errata_test_new_trace ("t1", "q", "a");

  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"book_table\"}", booking, PASS,
                  "tool ‘book_table’ called 1 time");
  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"book_table\"}", plain, FAIL,
                  "tool ‘book_table’ not called");
  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"book_table\", \"called\": false}",
                  booking, FAIL, "called");
  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"handoff\", \"called\": false}", booking,
                  PASS, "tool ‘handoff’ not called");
  /* With arguments. */
  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"book_table\","
                  " \"arguments\": \"\\\"time\\\": \\\"19:\"}", booking, PASS,
                  "called with arguments matching");
  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"book_table\","
                  " \"arguments\": \"\\\"time\\\": \\\"20:\"}", booking, FAIL,
                  "called 1 time, never with arguments matching");
  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"book_table\", \"called\": false,"
                  " \"arguments\": \"\\\"party_size\\\": *(9|\\\\d\\\\d)\"}", booking, PASS, NULL);
  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"search\", \"arguments\": \"café\"}",
                  booking, FAIL, NULL);
  assert_outcome ("{\"kind\": \"tool_call\", \"tool\": \"search\", \"arguments\": \"café\","
                  " \"ignore_case\": true}", booking, PASS, NULL);
}

static void
test_tool_count (void)
{
  g_autoptr(ErrataTrace) booking = booking_trace ();
  g_autoptr(ErrataTrace) plain = errata_test_new_trace ("t1", "q", "a");

  assert_outcome ("{\"kind\": \"tool_count\", \"max\": 2}", booking, PASS, "2 tool calls");
  assert_outcome ("{\"kind\": \"tool_count\", \"max\": 1}", booking, FAIL,
                  "2 tool calls, more than 1");
  assert_outcome ("{\"kind\": \"tool_count\", \"max\": 0}", plain, PASS, "0 tool calls");
  assert_outcome ("{\"kind\": \"tool_count\", \"min\": 1}", plain, FAIL, "fewer than 1");
  assert_outcome ("{\"kind\": \"tool_count\", \"tool\": \"search\", \"max\": 1}", booking, PASS,
                  "1 call to ‘search’");
  assert_outcome ("{\"kind\": \"tool_count\", \"tool\": \"search\", \"max\": 0}", booking, FAIL,
                  NULL);
}

typedef struct
{
  const char *kind;
  const char *params;
  const char *names;   /* what the message must quote */
} BadCase;

static void
test_bad_parameters (void)
{
  static const BadCase cases[] = {
    { "regex", "{}", "“pattern”" },
    { "regex", "{\"pattern\": \"\"}", "“pattern”" },
    { "regex", "{\"pattern\": 3}", "“pattern”" },
    { "regex", "{\"pattern\": \"ab(c\"}", "at char 4" },
    { "regex", "{\"pattern\": \"a\", \"patern\": \"b\"}", "“patern”" },
    { "regex", "{\"pattern\": \"a\", \"match\": \"yes\"}", "“match”" },
    { "regex", "{\"pattern\": \"a\", \"field\": \"outptu\"}", "“field”" },
    { "regex", "{\"pattern\": \"a\", \"tool\": \"x\"}", "“tool”" },
    { "regex", "{\"pattern\": \"a\", \"ignore_case\": \"yes\"}", "“ignore_case”" },
    { "regex", "{\"kind\": \"contains\", \"pattern\": \"a\"}", "“kind”" },
    { "contains", "{}", "“words”" },
    { "contains", "{\"words\": []}", "“words”" },
    { "contains", "{\"words\": \"sorry\"}", "“words”" },
    { "contains", "{\"words\": [\"a\", 2]}", "“words”" },
    { "contains", "{\"words\": [\"a\"], \"mode\": \"some\"}", "“mode”" },
    { "contains", "{\"words\": [\"a\", \"\xcc\x81\"], \"ignore_accents\": true}", "“words”" },
    { "json", "{\"field\": \"conversation\"}", "“field”" },
    { "json", "{\"keys\": [\"\"]}", "“keys”" },
    { "length", "{}", "“max”" },
    { "length", "{\"max\": -1}", "“max”" },
    { "length", "{\"max\": 2.5}", "“max”" },
    { "length", "{\"min\": 5, \"max\": 2}", "“max”" },
    { "length", "{\"max\": 5, \"unit\": \"bytes\"}", "“unit”" },
    { "length", "{\"max\": 5, \"field\": \"tool_arguments\"}", "“field”" },
    { "tool_call", "{}", "“tool”" },
    { "tool_call", "{\"tool\": \"x\", \"arguments\": \"[\"}", "“arguments”" },
    { "tool_call", "{\"tool\": \"x\", \"called\": 1}", "“called”" },
    { "tool_count", "{\"tool\": \"x\"}", "“max”" },
    { "tool_count", "{\"max\": \"3\"}", "“max”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (cases[i].params, &error);
      g_autoptr(ErrataCodeCheck) check = NULL;

      g_assert_no_error (error);
      check = errata_code_check_new (cases[i].kind, json_node_get_object (node), &error);
      g_assert_null (check);
      g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
      if (strstr (error->message, cases[i].names) == NULL)
        g_error ("%s %s: “%s” does not quote %s", cases[i].kind, cases[i].params, error->message,
                 cases[i].names);
    }
}

static void
test_unknown_kind (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataCodeCheck) check = errata_code_check_new ("tool_call", NULL, &error);

  /* No parameters at all is fine to pass, and names what is missing. */
  g_assert_null (check);
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“tool”"));
  g_clear_error (&error);

  check = errata_code_check_new ("regexp", NULL, &error);

  g_assert_null (check);
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“regexp”"));
  g_assert_nonnull (strstr (error->message, "tool_count"));
}

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray *results = user_data;
  GError *error = NULL;
  ErrataEvalOutcome *outcome = errata_eval_method_evaluate_finish (ERRATA_EVAL_METHOD (source),
                                                                   result, &error);

  g_ptr_array_add (results, outcome != NULL ? (gpointer)outcome : (gpointer)error);
}

static gboolean
has_two (gpointer data)
{
  return ((GPtrArray *)data)->len == 2;
}

/* Through the interface, as a run drives it: the callback comes from the
 * main loop, never from inside evaluate_async. */
static void
test_method (void)
{
  g_autoptr(ErrataCodeCheck) check = check_new ("{\"kind\": \"tool_count\", \"max\": 1}");
  ErrataEvalMethod *method = ERRATA_EVAL_METHOD (check);
  g_autoptr(ErrataTrace) booking = booking_trace ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  ErrataEvalOutcome *outcome;
  ErrataEvalEstimate estimate = { 1, 1, 1.0 };

  g_assert_cmpuint (errata_eval_method_get_concurrency (method), ==, ERRATA_CODE_CHECK_CONCURRENCY);
  errata_eval_method_estimate (method, booking, &estimate);
  g_assert_cmpint (estimate.tokens_in, ==, 0);
  g_assert_cmpfloat (estimate.cost, ==, 0);

  g_cancellable_cancel (cancelled);
  errata_eval_method_evaluate_async (method, booking, ERRATA_EVAL_FLAGS_NONE, NULL, on_evaluated,
                                     results);
  errata_eval_method_evaluate_async (method, booking, ERRATA_EVAL_FLAGS_NONE, cancelled,
                                     on_evaluated, results);
  g_assert_cmpuint (results->len, ==, 0);
  errata_test_wait_until (has_two, results, 10);

  outcome = g_ptr_array_index (results, 0);
  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_FAIL);
  g_assert_cmpstr (outcome->reasoning, ==, "2 tool calls, more than 1");
  errata_eval_outcome_free (outcome);
  g_assert_error ((GError *)g_ptr_array_index (results, 1), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (g_ptr_array_index (results, 1));
}

/* Real data ---------------------------------------------------------------- */

typedef struct
{
  guint pass;
  guint fail;
  guint error;
} Counts;

/* Runs `definition` over every trace of `project`; `expect_pass` (nullable)
 * says for each trace whether it should pass. */
static Counts
run_over (ErrataProject *project,
          const char    *definition,
          gboolean     (*expect_pass) (ErrataTrace *trace))
{
  g_autoptr(ErrataCodeCheck) check = check_new (definition);
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = errata_project_query_trace_ids (project, query, NULL, &error);
  Counts counts = { 0, };

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project,
                                                               g_array_index (ids, gint64, i),
                                                               &error);
      g_autoptr(ErrataEvalOutcome) outcome = NULL;

      g_assert_no_error (error);
      outcome = errata_code_check_evaluate (check, trace);
      counts.pass += outcome->verdict == ERRATA_JUDGE_PASS;
      counts.fail += outcome->verdict == ERRATA_JUDGE_FAIL;
      counts.error += outcome->verdict == ERRATA_JUDGE_ERROR;
      if (expect_pass != NULL)
        g_assert_cmpint (outcome->verdict, ==, expect_pass (trace) ? PASS : FAIL);
    }
  g_assert_cmpuint (counts.pass + counts.fail + counts.error, ==, ids->len);
  return counts;
}

static gboolean
has_no_tool_call (ErrataTrace *trace)
{
  return errata_trace_get_n_tool_calls (trace) == 0;
}

static gboolean
output_at_most_500 (ErrataTrace *trace)
{
  return errata_trace_get_output_chars (trace) <= 500;
}

/* Checks any real project must survive, with counts that must add up. */
static void
run_common_checks (ErrataProject *project,
                   gint64         n_traces)
{
  Counts counts;

  counts = run_over (project, "{\"kind\": \"tool_count\", \"max\": 0}", has_no_tool_call);
  g_assert_cmpuint (counts.pass + counts.fail, ==, n_traces);
  counts = run_over (project, "{\"kind\": \"length\", \"max\": 500}", output_at_most_500);
  g_assert_cmpuint (counts.error, ==, 0);
  counts = run_over (project, "{\"kind\": \"regex\", \"field\": \"conversation\", \"pattern\": "
                              "\"(?i)\\\\b(sorry|apolog)\"}", NULL);
  g_assert_cmpuint (counts.error, ==, 0);
  counts = run_over (project, "{\"kind\": \"contains\", \"field\": \"conversation\", \"words\": "
                              "[\"cafe\", \"creme\"], \"ignore_accents\": true, \"whole_words\": "
                              "true}", NULL);
  g_assert_cmpuint (counts.error, ==, 0);
  counts = run_over (project, "{\"kind\": \"json\", \"field\": \"tool_arguments\"}", NULL);
  g_assert_cmpuint (counts.error, ==, 0);
  /* Every trace has a user text (an empty one would be a failed import). */
  counts = run_over (project, "{\"kind\": \"length\", \"field\": \"input\", \"min\": 1}", NULL);
  g_assert_cmpuint (counts.pass, ==, n_traces);
}

static void
test_demo_project (void)
{
  const char *path = g_getenv ("ERRATA_DEMO_PROJECT");
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  ErrataProjectInfo info;
  Counts counts;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("ERRATA_DEMO_PROJECT is not built");
      return;
    }
  file = g_file_new_for_path (path);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (errata_project_get_info (project, &info, &error));
  g_assert_cmpint (info.traces, >=, 50);

  run_common_checks (project, info.traces);
  /* The leasing assistant answers in prose, never in JSON. */
  counts = run_over (project, "{\"kind\": \"json\"}", NULL);
  g_assert_cmpuint (counts.fail, ==, info.traces);
  /* It books viewings in some conversations, not in all. */
  counts = run_over (project, "{\"kind\": \"tool_call\", \"tool\": \"schedule_viewing\"}", NULL);
  g_assert_cmpuint (counts.pass, >, 0);
  g_assert_cmpuint (counts.fail, >, 0);
  counts = run_over (project, "{\"kind\": \"tool_count\", \"tool\": \"schedule_viewing\","
                              " \"max\": 0}", NULL);
  g_assert_cmpuint (counts.fail, >, 0);
  errata_project_close (project);
}

/* Every file of the shared recipe-chatbot data, imported as
 * test-import-acceptance does. */
static void
test_shared_data (void)
{
  static const struct { const char *name; const char *map; gboolean prose; } files[] = {
    { "nurtureboss_traces.json", NULL, FALSE },
    { "query_response.jsonl", "input=query,output=response", TRUE },
    { "agent_traces.jsonl", NULL, TRUE },
    { "request-response", NULL, TRUE },
  };
  const char *root = g_getenv ("ERRATA_SHARED_DATA");
  g_autofree char *folder = root ? g_build_filename (root, "recipe-chatbot", NULL) : NULL;

  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("ERRATA_SHARED_DATA/recipe-chatbot is not here");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = g_build_filename (folder, files[i].name, NULL);
      g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
      g_autoptr(ErrataImporter) importer = errata_importer_new ();
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(ErrataImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      ErrataProjectInfo info;
      Counts counts;

      if (files[i].map != NULL)
        {
          g_autoptr(ErrataFieldMap) map = errata_field_map_parse (files[i].map, &error);

          g_assert_no_error (error);
          errata_importer_set_field_map (importer, map);
        }
      report = errata_importer_import (importer, project, &file, 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (errata_project_get_info (project, &info, &error));
      g_assert_cmpint (info.traces, >, 50);

      run_common_checks (project, info.traces);
      counts = run_over (project, "{\"kind\": \"json\", \"fenced\": true}", NULL);
      if (files[i].prose)
        g_assert_cmpuint (counts.fail, ==, info.traces);
      errata_project_close (project);
      errata_test_remove_tree (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/code-check/kinds", test_kinds);
  g_test_add_func ("/code-check/regex", test_regex);
  g_test_add_func ("/code-check/regex-backtracking", test_regex_backtracking);
  g_test_add_func ("/code-check/contains", test_contains);
  g_test_add_func ("/code-check/contains-diacritics", test_contains_diacritics);
  g_test_add_func ("/code-check/json", test_json);
  g_test_add_func ("/code-check/length", test_length);
  g_test_add_func ("/code-check/tool-call", test_tool_call);
  g_test_add_func ("/code-check/tool-count", test_tool_count);
  g_test_add_func ("/code-check/bad-parameters", test_bad_parameters);
  g_test_add_func ("/code-check/unknown-kind", test_unknown_kind);
  g_test_add_func ("/code-check/method", test_method);
  g_test_add_func ("/code-check/demo-project", test_demo_project);
  g_test_add_func ("/code-check/shared-data", test_shared_data);

  return g_test_run ();
}
