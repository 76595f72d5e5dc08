/* test-import-formats.c: OpenTelemetry (GenAI, OpenInference) and Langfuse.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-importer.h"
#include "errata-test-utils.h"

typedef struct
{
  char          *dir;
  ErrataProject *project;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static ErrataImportReport *
import_data (Fixture    *fixture,
             const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "import", "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GError) error = NULL;
  ErrataImportReport *report;

  report = errata_importer_import (importer, fixture->project, &file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static ErrataTrace *
find (Fixture    *fixture,
      const char *source,
      const char *external_id)
{
  g_autoptr(GError) error = NULL;
  ErrataTrace *trace = errata_project_find_trace (fixture->project, source, external_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

static JsonObject *
message_at (ErrataTrace *trace,
            guint        index)
{
  JsonArray *messages = errata_trace_get_messages (trace);

  g_assert_cmpuint (index, <, json_array_get_length (messages));
  return json_array_get_object_element (messages, index);
}

static const char *
role_at (ErrataTrace *trace,
         guint        index)
{
  return json_object_get_string_member (message_at (trace, index), "role");
}

static JsonObject *
first_call (ErrataTrace *trace,
            guint        index)
{
  JsonArray *calls = json_object_get_array_member (message_at (trace, index), "tool_calls");

  g_assert_nonnull (calls);
  return json_array_get_object_element (calls, 0);
}

static void
test_detect (void)
{
  static const struct { const char *name; ErrataImportFormat format; } cases[] = {
    { "otel-genai.json", ERRATA_IMPORT_FORMAT_OTEL },
    { "otel-openinference.jsonl", ERRATA_IMPORT_FORMAT_OTEL },
    { "langfuse-traces.json", ERRATA_IMPORT_FORMAT_LANGFUSE },
    { "langfuse-observations.jsonl", ERRATA_IMPORT_FORMAT_LANGFUSE },
    { "openai-chat.jsonl", ERRATA_IMPORT_FORMAT_OPENAI },
    { "mapped.csv", ERRATA_IMPORT_FORMAT_MAPPED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "import", "data", cases[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      ErrataImportFormat format = errata_importer_detect_format (file, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (format, ==, cases[i].format);
    }
}

static void
test_otel_genai (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataImportReport) report = import_data (fixture, "otel-genai.json");
  g_autoptr(ErrataImportReport) again = NULL;
  g_autoptr(ErrataTrace) weather = NULL;
  g_autoptr(ErrataTrace) order = NULL;
  JsonObject *metadata;

  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 2);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpstr (errata_import_report_get_format_name (report, 0), ==, "OpenTelemetry spans (JSON)");

  /* Spans of one trace came in two resourceSpans, out of order. The last
   * chat span's input already has the tool result: nothing is added. */
  weather = find (fixture, "otel-genai.json", "0af7651916cd43dd8448eb211c80319c");
  g_assert_cmpuint (errata_trace_get_n_messages (weather), ==, 4);
  g_assert_cmpstr (role_at (weather, 0), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (first_call (weather, 1), "name"), ==, "get_weather");
  g_assert_cmpstr (json_object_get_string_member (first_call (weather, 1), "arguments"), ==, "{\"city\":\"Paris\"}");
  g_assert_cmpstr (role_at (weather, 2), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (message_at (weather, 2), "tool_call_id"), ==, "call_1");
  g_assert_cmpstr (errata_trace_get_output (weather), ==, "It is sunny in Paris.");
  g_assert_cmpint (errata_trace_get_latency_ms (weather), ==, 1500);
  g_assert_cmpint (errata_trace_get_tokens_in (weather), ==, 30);
  g_assert_cmpint (errata_trace_get_tokens_out (weather), ==, 12);
  g_assert_nonnull (errata_trace_get_tools (weather));
  metadata = errata_trace_get_metadata (weather);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (metadata, "spans")), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (metadata, "resource"),
                                                  "service.name"), ==, "weather-agent");

  /* Older indexed attributes; the tool span supplies the missing result. */
  order = find (fixture, "otel-genai.json", "4bf92f3577b34da6a3ce929d0e0e4736");
  g_assert_cmpuint (errata_trace_get_n_messages (order), ==, 4);
  g_assert_cmpstr (role_at (order, 0), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (first_call (order, 2), "id"), ==, "call_9");
  g_assert_cmpstr (role_at (order, 3), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (message_at (order, 3), "content"), ==, "{\"status\": \"shipped\"}");
  g_assert_cmpint (errata_trace_get_tokens_in (order), ==, 33);

  again = import_data (fixture, "otel-genai.json");
  g_assert_cmpuint (errata_import_report_get_n_added (again), ==, 0);
  g_assert_cmpuint (errata_import_report_get_n_duplicates (again), ==, 2);
}

static void
test_otel_openinference (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataImportReport) report = import_data (fixture, "otel-openinference.jsonl");
  g_autoptr(ErrataTrace) trace = NULL;
  ErrataImportProblem *problem;

  /* The spans of one trace came in two documents; a broken line between. */
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 1);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 1);
  problem = g_ptr_array_index (errata_import_report_get_problems (report), 0);
  g_assert_cmpuint (problem->line, ==, 2);

  trace = find (fixture, "otel-openinference.jsonl", "c0ffee00c0ffee00c0ffee00c0ffee00");
  g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 4);
  g_assert_cmpstr (role_at (trace, 0), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (first_call (trace, 2), "name"), ==, "search_recipes");
  g_assert_cmpstr (json_object_get_string_member (first_call (trace, 2), "arguments"), ==, "{\"q\": \"soup\"}");
  g_assert_cmpstr (role_at (trace, 3), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (message_at (trace, 3), "content"), ==, "minestrone, pho");
  g_assert_cmpint (errata_trace_get_tokens_in (trace), ==, 50);
  g_assert_cmpint (errata_trace_get_tokens_out (trace), ==, 9);
  g_assert_cmpint (errata_trace_get_latency_ms (trace), ==, 2000);
  g_assert_cmpuint (json_array_get_length (errata_trace_get_tools (trace)), ==, 1);
}

static void
test_langfuse_traces (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ErrataImportReport) report = import_data (fixture, "langfuse-traces.json");
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(ErrataTrace) plain = NULL;
  JsonObject *metadata;

  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 2);
  g_assert_cmpstr (errata_import_report_get_format_name (report, 0), ==, "Langfuse export (JSON)");

  /* The last generation by start time, not by position in the list. */
  trace = find (fixture, "langfuse-traces.json", "lf-trace-1");
  g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 3);
  g_assert_cmpstr (errata_trace_get_input (trace), ==, "Can I get a refund?");
  g_assert_cmpstr (errata_trace_get_output (trace), ==, "Refund issued.");
  g_assert_cmpint (errata_trace_get_latency_ms (trace), ==, 2500);
  g_assert_cmpint (errata_trace_get_tokens_in (trace), ==, 80);
  g_assert_cmpint (errata_trace_get_tokens_out (trace), ==, 6);
  g_assert_cmpfloat_with_epsilon (errata_trace_get_cost (trace), 0.0042, 1e-9);
  metadata = errata_trace_get_metadata (trace);
  g_assert_cmpstr (json_object_get_string_member (metadata, "user_tier"), ==, "gold");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (metadata, "observations")), ==, 3);
  g_assert_true (json_object_has_member (metadata, "scores"));

  plain = find (fixture, "langfuse-traces.json", "lf-trace-2");
  g_assert_cmpstr (errata_trace_get_input (plain), ==, "ping");
  g_assert_cmpstr (errata_trace_get_output (plain), ==, "pong");
}

static void
test_langfuse_observations (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ErrataImportReport) report = import_data (fixture, "langfuse-observations.jsonl");
  g_autoptr(ErrataTrace) first = NULL;
  g_autoptr(ErrataTrace) second = NULL;

  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 2);
  first = find (fixture, "langfuse-observations.jsonl", "lf-flat-1");
  g_assert_cmpstr (errata_trace_get_input (first), ==, "first trace");
  g_assert_cmpstr (errata_trace_get_output (first), ==, "ok one");
  g_assert_cmpint (errata_trace_get_tokens_in (first), ==, 3);
  second = find (fixture, "langfuse-observations.jsonl", "lf-flat-2");
  g_assert_cmpstr (errata_trace_get_output (second), ==, "ok two");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/import-formats/detect", test_detect);
  ADD ("/import-formats/otel/genai", test_otel_genai);
  ADD ("/import-formats/otel/openinference", test_otel_openinference);
  ADD ("/import-formats/langfuse/traces", test_langfuse_traces);
  ADD ("/import-formats/langfuse/observations", test_langfuse_observations);

  return g_test_run ();
}
