/* test-trace.c: fields derived from a trace's messages.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-trace.h"

static JsonArray *
parse_messages (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (node));
}

static void
test_derived_fields (void)
{
  g_autoptr(ErrataTrace) trace = errata_trace_new ();
  g_autoptr(JsonArray) messages = parse_messages (
    "[{\"role\": \"system\", \"content\": \"You are a leasing assistant.\"},"
    " {\"role\": \"user\", \"content\": \"Any 2-bed under $2000?\"},"
    " {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": ["
    "   {\"id\": \"a\", \"name\": \"search\", \"arguments\": \"{\\\"beds\\\": 2}\"},"
    "   {\"id\": \"b\", \"name\": \"budget\", \"arguments\": \"{}\"}]},"
    " {\"role\": \"tool\", \"tool_call_id\": \"a\", \"content\": \"[]\"},"
    " {\"role\": \"user\", \"content\": \"Thanks\"},"
    " {\"role\": \"assistant\", \"content\": \"Nothing under $2000, sorry — naïve search.\"},"
    " {\"role\": \"assistant\", \"content\": \"\"}]");
  g_autofree char *body = NULL;

  errata_trace_set_messages (trace, messages);
  g_assert_cmpstr (errata_trace_get_input (trace), ==, "Any 2-bed under $2000?");
  /* The last assistant text, not an empty trailing message. */
  g_assert_cmpstr (errata_trace_get_output (trace), ==, "Nothing under $2000, sorry — naïve search.");
  g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 7);
  g_assert_cmpuint (errata_trace_get_n_tool_calls (trace), ==, 2);
  /* Characters, not bytes: the dash and the ï are one character each. */
  g_assert_cmpuint (errata_trace_get_output_chars (trace), ==, 42);

  body = errata_trace_dup_search_body (trace);
  g_assert_null (strstr (body, "leasing assistant"));
  g_assert_nonnull (strstr (body, "search {\"beds\": 2}"));
  g_assert_nonnull (strstr (body, "Thanks"));
}

static void
test_unknown_metrics (void)
{
  g_autoptr(ErrataTrace) trace = errata_trace_new ();

  g_assert_cmpint (errata_trace_get_latency_ms (trace), ==, -1);
  g_assert_cmpint (errata_trace_get_tokens_in (trace), ==, -1);
  g_assert_cmpfloat (errata_trace_get_cost (trace), <, 0);
  g_assert_cmpstr (errata_trace_get_input (trace), ==, "");
  g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 0);
  g_assert_cmpint (errata_trace_get_verdict (trace), ==, ERRATA_VERDICT_UNSET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace/derived-fields", test_derived_fields);
  g_test_add_func ("/trace/unknown-metrics", test_unknown_metrics);

  return g_test_run ();
}
