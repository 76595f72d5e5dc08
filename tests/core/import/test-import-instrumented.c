/* test-import-instrumented.c: exports written by real instrumentation libraries.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/import/generate.mjs ran OpenInference, Traceloop (0.12 and 0.27),
 * OpenTelemetry's OpenAI instrumentation (spans and log events, Chat
 * Completions and Responses) and Langfuse's OTel tracing over the real
 * `openai` client against a fake server, and wrote each export in three
 * layouts (one request; one request per trace per line; one per span per
 * line), with what the server really received and replied
 * (data/instrumented/expected.json). Each import must give exactly those
 * conversations, message by message, and nothing else.
 */

#include "config.h"

#include "errata-importer.h"
#include "errata-test-utils.h"

static const char * const layouts[] = { ".json", "-per-trace.jsonl", "-per-span.jsonl" };

static JsonObject *expected_root;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "import", "data", "instrumented", name, NULL);
}

static JsonObject *
library_expected (const char *library)
{
  JsonObject *libraries = json_object_get_object_member (expected_root, "libraries");

  return json_object_get_object_member (libraries, library);
}

static ErrataImportReport *
import_files (ErrataProject      *project,
              const char * const *names)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GError) error = NULL;
  ErrataImportReport *report;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = data_path (names[i]);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  report = errata_importer_import (importer, project, (GFile **)files->pdata, files->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static const char *
str_or_empty (JsonObject *object,
              const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

/* Only keys of the message shape, or the source's own keys kept whole:
 * nothing made up from a flattened attribute name. */
static gboolean
no_invented_keys (const char *what,
                  JsonObject *message)
{
  g_autoptr(GList) members = json_object_get_members (message);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (strchr (key, '.') != NULL)
        {
          g_test_message ("%s: invented message key “%s”", what, key);
          return FALSE;
        }
    }
  return TRUE;
}

/* What the server saw, or what the library could record of it. */
static const char *
expected_content (JsonObject *message)
{
  if (json_object_has_member (message, "recorded_content"))
    return str_or_empty (message, "recorded_content");
  return str_or_empty (message, "content");
}

static gboolean
arguments_equal (const char *a,
                 const char *b)
{
  g_autoptr(JsonNode) na = json_from_string (a, NULL);
  g_autoptr(JsonNode) nb = json_from_string (b, NULL);

  if (na == NULL || nb == NULL)
    return g_strcmp0 (a, b) == 0;
  return json_node_equal (na, nb);
}

/* Compares message by message. Libraries that record no call ids (keep_ids
 * FALSE) must still name each call and give its result the same id. */
static gboolean
same_conversation (const char *what,
                     JsonArray  *expected,
                     JsonArray  *actual,
                     gboolean    keep_ids)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (json_array_get_length (expected) != json_array_get_length (actual))
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), actual);
      g_autofree char *text = json_to_string (node, TRUE);

      g_test_message ("%s: %u messages expected, %u imported: %s", what,
                          json_array_get_length (expected), json_array_get_length (actual), text);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonObject *e = json_array_get_object_element (expected, i);
      JsonObject *a = json_array_get_object_element (actual, i);
      JsonArray *e_calls = json_object_has_member (e, "tool_calls")
                           ? json_object_get_array_member (e, "tool_calls") : NULL;
      JsonArray *a_calls = json_object_has_member (a, "tool_calls")
                           ? json_object_get_array_member (a, "tool_calls") : NULL;
      guint n_a_calls = a_calls ? json_array_get_length (a_calls) : 0;

      if (!no_invented_keys (what, a))
        return FALSE;
      if (g_strcmp0 (str_or_empty (e, "role"), str_or_empty (a, "role")) != 0
          || g_strcmp0 (expected_content (e), str_or_empty (a, "content")) != 0)
        {
          g_test_message ("%s: message %u: expected %s “%s”, imported %s “%s”", what, i,
                              str_or_empty (e, "role"), expected_content (e),
                              str_or_empty (a, "role"), str_or_empty (a, "content"));
          return FALSE;
        }
      if ((e_calls ? json_array_get_length (e_calls) : 0) != n_a_calls)
        {
          g_test_message ("%s: message %u: %u tool calls expected, %u imported", what, i,
                              e_calls ? json_array_get_length (e_calls) : 0, n_a_calls);
          return FALSE;
        }
      for (guint j = 0; j < n_a_calls; j++)
        {
          JsonObject *ec = json_array_get_object_element (e_calls, j);
          JsonObject *ac = json_array_get_object_element (a_calls, j);

          if (g_strcmp0 (str_or_empty (ec, "name"), str_or_empty (ac, "name")) != 0
              || !arguments_equal (str_or_empty (ec, "arguments"), str_or_empty (ac, "arguments"))
              || (keep_ids && g_strcmp0 (str_or_empty (ec, "id"), str_or_empty (ac, "id")) != 0)
              || *str_or_empty (ac, "id") == '\0')
            {
              g_test_message ("%s: message %u: call %u: expected %s %s (%s), imported %s %s (%s)",
                                  what, i, j, str_or_empty (ec, "name"), str_or_empty (ec, "arguments"),
                                  str_or_empty (ec, "id"), str_or_empty (ac, "name"),
                                  str_or_empty (ac, "arguments"), str_or_empty (ac, "id"));
              return FALSE;
            }
          g_hash_table_insert (ids, (gpointer)str_or_empty (ec, "id"), (gpointer)str_or_empty (ac, "id"));
        }
      if (json_object_has_member (e, "tool_call_id"))
        {
          const char *mapped = g_hash_table_lookup (ids, str_or_empty (e, "tool_call_id"));

          if (g_strcmp0 (mapped, str_or_empty (a, "tool_call_id")) != 0)
            {
              g_test_message ("%s: message %u: result of call “%s” expected, imported for “%s”",
                                  what, i, mapped, str_or_empty (a, "tool_call_id"));
              return FALSE;
            }
        }
    }
  return TRUE;
}

static const char *
scenario_of (ErrataTrace *trace,
             JsonObject  *scenarios)
{
  JsonObject *metadata = errata_trace_get_metadata (trace);
  const char *root = metadata ? str_or_empty (metadata, "root_span") : "";
  JsonArray *messages = errata_trace_get_messages (trace);
  g_autoptr(GList) names = json_object_get_members (scenarios);

  if (json_object_has_member (scenarios, root))
    return root;
  /* Logs alone have no root span: the scenario whose conversation begins
   * the same way. */
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *conversation = json_object_get_array_member (json_object_get_object_member (scenarios, l->data),
                                                              "conversation");
      guint n = MIN (json_array_get_length (conversation), json_array_get_length (messages));
      gboolean same = n >= 2;

      for (guint i = 0; same && i < n; i++)
        same = g_strcmp0 (expected_content (json_array_get_object_element (conversation, i)),
                          str_or_empty (json_array_get_object_element (messages, i), "content")) == 0;
      if (same)
        return l->data;
    }
  return NULL;
}

typedef struct
{
  const char *library;
  const char *layout;
  gboolean    with_logs;    /* import the log records with the spans */
  gboolean    logs_only;
} Case;

static void
check_case (const Case *c)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataImportReport) report = NULL;
  g_autofree char *spans = g_strconcat (c->library, c->layout, NULL);
  g_autofree char *logs = g_strconcat (c->library, "-logs", c->layout, NULL);
  const char *names[3] = { NULL, NULL, NULL };
  JsonObject *scenarios = library_expected (c->library);
  guint n_scenarios = json_object_get_size (scenarios);
  gboolean keep_ids = !g_str_equal (c->library, "traceloop-0.12");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (c->logs_only)
    names[0] = logs;
  else
    {
      names[0] = spans;
      names[1] = c->with_logs ? logs : NULL;
    }
  guint n_added;
  guint n_matched = 0;

  report = import_files (project, names);
  n_added = errata_import_report_get_n_added (report);

  for (gint64 id = 1; id <= n_added; id++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, id, &error);
      const char *scenario;
      JsonObject *expected;
      JsonArray *secondary;
      JsonArray *imported_secondary;
      g_autofree char *what = NULL;

      g_assert_no_error (error);
      scenario = scenario_of (trace, scenarios);
      if (scenario == NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), errata_trace_get_messages (trace));
          g_autofree char *text = json_to_string (node, TRUE);

          g_test_message ("%s%s: trace %" G_GINT64_FORMAT " is no scenario: %s", c->library, c->layout, id, text);
          continue;
        }
      if (g_hash_table_contains (seen, scenario))
        {
          g_test_message ("%s%s: scenario %s imported twice", c->library, c->layout, scenario);
          continue;
        }
      g_hash_table_add (seen, (gpointer)scenario);
      what = g_strdup_printf ("%s%s: %s", c->library, c->layout, scenario);
      expected = json_object_get_object_member (scenarios, scenario);
      if (!same_conversation (what, json_object_get_array_member (expected, "conversation"),
                              errata_trace_get_messages (trace), keep_ids))
        continue;

      /* The title call is kept beside the conversation, not instead of it. */
      secondary = json_object_get_array_member (expected, "secondary");
      imported_secondary = json_object_has_member (errata_trace_get_metadata (trace), "secondary_calls")
                           ? json_object_get_array_member (errata_trace_get_metadata (trace), "secondary_calls")
                           : NULL;
      if (json_array_get_length (secondary) != (imported_secondary ? json_array_get_length (imported_secondary) : 0))
        {
          g_test_message ("%s: %u secondary calls expected", what, json_array_get_length (secondary));
          continue;
        }
      for (guint i = 0; i < json_array_get_length (secondary); i++)
        {
          JsonObject *call = json_array_get_object_element (imported_secondary, i);

          if (!same_conversation (what, json_array_get_array_element (secondary, i),
                                  json_object_get_array_member (call, "messages"), keep_ids))
            goto next;
        }
      n_matched++;
    next:
      ;
    }
  /* The figures of the library × layout table. */
  g_test_message ("RESULT %s%s%s: %u traces expected, %u added, %u skipped, %u conversations exact",
                  c->logs_only ? "" : c->library, c->logs_only ? logs : c->layout,
                  c->with_logs ? " + logs" : "", n_scenarios, n_added,
                  errata_import_report_get_n_skipped (report), n_matched);
  if (n_added != n_scenarios || n_matched != n_scenarios
      || errata_import_report_get_n_skipped (report) != 0
      || errata_import_report_get_n_records (report) != n_scenarios)
    g_test_fail_printf ("%s%s: %u of %u traces added, %u skipped, %u exact", c->library, c->layout,
                        n_added, n_scenarios, errata_import_report_get_n_skipped (report), n_matched);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_case (gconstpointer data)
{
  check_case (data);
}

/* Spans whose content went to log events: every trace skipped, each with a
 * reason that names the fix, and counted as skipped. */
static void
test_spans_without_logs (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  const char *names[] = { "opentelemetry.json", NULL };
  g_autoptr(ErrataImportReport) report = import_files (project, names);
  GPtrArray *problems = errata_import_report_get_problems (report);

  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 0);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 8);
  g_assert_cmpuint (errata_import_report_get_n_records (report), ==, 8);
  g_assert_cmpuint (problems->len, ==, 8);
  for (guint i = 0; i < problems->len; i++)
    {
      ErrataImportProblem *problem = problems->pdata[i];

      g_assert_nonnull (strstr (problem->reason, "log events"));
      g_assert_nonnull (strstr (problem->reason, "ExportLogsServiceRequest"));
    }
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A collector's file that holds every span twice (an exporter's retry of
 * sends the collector had taken): the same traces as the file without the
 * copies, messages, tools and token counts not doubled. */
static void
test_spans_written_twice (void)
{
  g_autofree char *dir_once = NULL;
  g_autofree char *dir_twice = NULL;
  g_autoptr(ErrataProject) once = errata_test_new_project (&dir_once);
  g_autoptr(ErrataProject) twice = errata_test_new_project (&dir_twice);
  g_autofree char *source = data_path ("openinference-per-span.jsonl");
  g_autofree char *contents = NULL;
  g_autofree char *doubled = NULL;
  g_autofree char *doubled_path = NULL;
  g_autofree char *once_text = NULL;
  g_autofree char *twice_text = NULL;
  const char *names[] = { "openinference-per-span.jsonl", NULL };
  g_autoptr(ErrataImportReport) once_report = import_files (once, names);
  g_autoptr(ErrataImportReport) twice_report = NULL;
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GFile) doubled_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path_once = g_file_get_path (errata_project_get_file (once));
  g_autofree char *path_twice = g_file_get_path (errata_project_get_file (twice));

  g_assert_true (g_file_get_contents (source, &contents, NULL, &error));
  doubled = g_strconcat (contents, contents, NULL);
  doubled_path = errata_test_write_file (dir_twice, "doubled-per-span.jsonl", doubled, -1);
  doubled_file = g_file_new_for_path (doubled_path);
  twice_report = errata_importer_import (importer, twice, &doubled_file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (twice_report), ==,
                    errata_import_report_get_n_added (once_report));
  once_text = errata_test_traces_text (path_once, NULL);
  twice_text = errata_test_traces_text (path_twice, NULL);
  g_assert_cmpuint (strlen (once_text), >, 0);
  g_assert_cmpstr (twice_text, ==, once_text);
  errata_project_close (once);
  errata_project_close (twice);
  errata_test_remove_tree (dir_once);
  errata_test_remove_tree (dir_twice);
}

typedef JsonNode *(*RewriteFunc) (JsonNode *node);

/* `name` (JSON or JSONL) written to `dir`, each request rewritten by
 * `rewrite`; the result must hold `marker`. */
static void
write_rewritten (const char  *dir,
                 const char  *name,
                 RewriteFunc  rewrite,
                 const char  *marker)
{
  g_autofree char *path = data_path (name);
  g_autofree char *contents = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) rewritten = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  if (g_str_has_suffix (name, ".jsonl"))
    lines = g_strsplit (contents, "\n", -1);
  else
    lines = g_strdupv ((char *[]) { contents, NULL });
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) tree = NULL;
      g_autoptr(JsonNode) changed = NULL;
      g_autofree char *text = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      tree = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      changed = rewrite (tree);
      text = json_to_string (changed, FALSE);
      g_string_append_printf (rewritten, "%s\n", text);
    }
  g_assert_nonnull (strstr (rewritten->str, marker));
  written = errata_test_write_file (dir, name, rewritten->str, -1);
}

/* Each trace's metadata as text, by external id. */
static char *
metadata_text (ErrataProject *project)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 n = errata_project_count_traces (project, NULL, NULL);

  for (gint64 id = 1; id <= n; id++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, id, &error);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;

      g_assert_no_error (error);
      node = json_node_init_object (json_node_alloc (), errata_trace_get_metadata (trace));
      json = json_to_string (node, FALSE);
      g_string_append_printf (text, "%s\t%s\n", errata_trace_get_external_id (trace), json);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Spans alone, spans with their log events, and one request a line, each
 * rewritten by `rewrite`, import the same traces, metadata and all, as the
 * files as they are. */
static void
assert_rewritten_imports_the_same (RewriteFunc  rewrite,
                                   const char  *marker)
{
  const char *const sets[][3] = {
    { "openinference.json", NULL, NULL },
    { "opentelemetry.json", "opentelemetry-logs.json", NULL },
    { "traceloop-0.27-per-span.jsonl", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *dir_as_is = NULL;
      g_autofree char *dir_rewritten = NULL;
      g_autoptr(ErrataProject) as_is = errata_test_new_project (&dir_as_is);
      g_autoptr(ErrataProject) rewritten = errata_test_new_project (&dir_rewritten);
      g_autoptr(ErrataImportReport) as_is_report = import_files (as_is, sets[i]);
      g_autoptr(ErrataImportReport) rewritten_report = NULL;
      g_autoptr(ErrataImporter) importer = errata_importer_new ();
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *path_as_is = g_file_get_path (errata_project_get_file (as_is));
      g_autofree char *path_rewritten = g_file_get_path (errata_project_get_file (rewritten));
      g_autofree char *traces_as_is = NULL;
      g_autofree char *traces_rewritten = NULL;
      g_autofree char *metadata_as_is = NULL;
      g_autofree char *metadata_rewritten = NULL;

      for (guint j = 0; sets[i][j] != NULL; j++)
        {
          g_autofree char *path = g_build_filename (dir_rewritten, sets[i][j], NULL);

          write_rewritten (dir_rewritten, sets[i][j], rewrite, marker);
          g_ptr_array_add (files, g_file_new_for_path (path));
        }
      rewritten_report = errata_importer_import (importer, rewritten, (GFile **)files->pdata, files->len, NULL,
                                                 &error);
      g_assert_no_error (error);
      g_assert_cmpuint (errata_import_report_get_n_added (as_is_report), ==, 8);
      g_assert_cmpuint (errata_import_report_get_n_added (rewritten_report), ==, 8);
      g_assert_cmpuint (errata_import_report_get_n_skipped (rewritten_report), ==, 0);
      traces_as_is = errata_test_traces_text (path_as_is, NULL);
      traces_rewritten = errata_test_traces_text (path_rewritten, NULL);
      g_assert_cmpstr (traces_rewritten, ==, traces_as_is);
      metadata_as_is = metadata_text (as_is);
      metadata_rewritten = metadata_text (rewritten);
      g_assert_nonnull (strstr (metadata_as_is, "\"scope\""));
      g_assert_cmpstr (metadata_rewritten, ==, metadata_as_is);
      errata_project_close (as_is);
      errata_project_close (rewritten);
      errata_test_remove_tree (dir_as_is);
      errata_test_remove_tree (dir_rewritten);
    }
}

/* OTLP/JSON with the proto's field names (`resource_spans`,
 * `start_time_unix_nano`), as Python's json_format writes it when told to
 * keep them. It was not recognised as OpenTelemetry. */
static void
test_proto_field_names (void)
{
  assert_rewritten_imports_the_same (errata_test_json_proto_names, "_unix_nano\"");
}

static gboolean
is_id_member (const char *name)
{
  return g_str_equal (name, "traceId") || g_str_equal (name, "spanId") || g_str_equal (name, "parentSpanId");
}

/* A hex trace or span id in base64. */
static JsonNode *
base64_id (const char  *name,
           JsonNode    *value,
           char       **new_name)
{
  const char *hex = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
  gsize n = hex ? strlen (hex) / 2 : 0;
  guchar bytes[16];
  g_autofree char *base64 = NULL;

  if (!is_id_member (name) || hex == NULL || (n != 16 && n != 8))
    return NULL;
  for (gsize i = 0; i < n; i++)
    bytes[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
  base64 = g_base64_encode (bytes, n);
  return json_node_init_string (json_node_alloc (), base64);
}

static JsonNode *
with_base64_ids (JsonNode *node)
{
  return errata_test_json_rewrite (node, base64_id);
}

/* Trace and span ids in base64, as exporters older than OTLP/JSON's hex
 * rule (Go, Swift, Dart) wrote them: the same traces under the same hex
 * ids, log events joined to their spans. They were lowercased as hex ids
 * are, so a trace's spans sent as protobuf and as such JSON did not meet
 * (and two ids could become one). */
static void
test_base64_ids (void)
{
  assert_rewritten_imports_the_same (with_base64_ids, "==\"");
}

/* A distributed trace: the root span from one service, a child from
 * another. Each stored span keeps the resource it came with (the
 * trace's `resource` is the root's, for the metadata filter). */
static void
test_span_resources (void)
{
  static const char request_json[] =
    "{\"resourceSpans\":["
    "{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"frontend\"}}]},"
    " \"scopeSpans\":[{\"scope\":{\"name\":\"oi\"},\"spans\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
    "  \"spanId\":\"b7ad6b7169203331\",\"name\":\"chat\",\"kind\":1,"
    "  \"startTimeUnixNano\":\"1700000000000000000\",\"endTimeUnixNano\":\"1700000001000000000\",\"attributes\":["
    "  {\"key\":\"openinference.span.kind\",\"value\":{\"stringValue\":\"LLM\"}},"
    "  {\"key\":\"llm.input_messages.0.message.role\",\"value\":{\"stringValue\":\"user\"}},"
    "  {\"key\":\"llm.input_messages.0.message.content\",\"value\":{\"stringValue\":\"Hi\"}},"
    "  {\"key\":\"llm.output_messages.0.message.role\",\"value\":{\"stringValue\":\"assistant\"}},"
    "  {\"key\":\"llm.output_messages.0.message.content\",\"value\":{\"stringValue\":\"Hello!\"}}]}]}]},"
    "{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"retriever\"}}]},"
    " \"scopeSpans\":[{\"scope\":{\"name\":\"oi\"},\"spans\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
    "  \"spanId\":\"00f067aa0ba902b7\",\"parentSpanId\":\"b7ad6b7169203331\",\"name\":\"search\",\"kind\":1,"
    "  \"startTimeUnixNano\":\"1700000000100000000\",\"endTimeUnixNano\":\"1700000000200000000\","
    "  \"attributes\":[{\"key\":\"openinference.span.kind\",\"value\":{\"stringValue\":\"RETRIEVER\"}}]}]}]}]}\n";
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *path = errata_test_write_file (dir, "distributed.json", request_json, strlen (request_json));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *metadata;
  JsonArray *spans;

  report = errata_importer_import (importer, project, &file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 1);
  trace = errata_project_get_trace (project, 1, &error);
  g_assert_no_error (error);
  metadata = errata_trace_get_metadata (trace);
  g_assert_cmpstr (str_or_empty (json_object_get_object_member (metadata, "resource"), "service.name"), ==, "frontend");
  spans = json_object_get_array_member (metadata, "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      JsonObject *resource = json_object_get_object_member (span, "resource");

      g_assert_nonnull (resource);
      g_assert_cmpstr (str_or_empty (resource, "service.name"), ==,
                       g_str_equal (str_or_empty (span, "name"), "chat") ? "frontend" : "retriever");
    }
  errata_project_close (project);
}

/* Langfuse's API export: a chat's generations and a title call made after
 * it. The chat is the conversation, the title call a secondary call. */
static void
test_langfuse_api_title_call (void)
{
  static const char trace_json[] =
    "{\"id\":\"t1\",\"name\":\"chat\",\"observations\":["
    "{\"id\":\"g3\",\"type\":\"GENERATION\",\"startTime\":\"2026-01-01T10:00:03Z\","
    " \"input\":[{\"role\":\"system\",\"content\":\"Write a title.\"},{\"role\":\"user\",\"content\":\"user: Hi\"}],"
    " \"output\":{\"role\":\"assistant\",\"content\":\"Greetings\"}},"
    "{\"id\":\"g1\",\"type\":\"GENERATION\",\"startTime\":\"2026-01-01T10:00:01Z\","
    " \"input\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
    " \"output\":{\"role\":\"assistant\",\"content\":\"Hello!\"}},"
    "{\"id\":\"g2\",\"type\":\"GENERATION\",\"startTime\":\"2026-01-01T10:00:02Z\","
    " \"input\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"},"
    "  {\"role\":\"user\",\"content\":\"Bye\"}],"
    " \"output\":{\"role\":\"assistant\",\"content\":\"Goodbye!\"}}]}\n";
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *path = errata_test_write_file (dir, "langfuse.json", trace_json, strlen (trace_json));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *messages;
  JsonArray *secondary;

  report = errata_importer_import (importer, project, &file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 1);
  trace = errata_project_get_trace (project, 1, &error);
  g_assert_no_error (error);
  messages = errata_trace_get_messages (trace);
  g_assert_cmpuint (json_array_get_length (messages), ==, 4);
  g_assert_cmpstr (str_or_empty (json_array_get_object_element (messages, 3), "content"), ==, "Goodbye!");
  secondary = json_object_get_array_member (errata_trace_get_metadata (trace), "secondary_calls");
  g_assert_cmpuint (json_array_get_length (secondary), ==, 1);
  messages = json_object_get_array_member (json_array_get_object_element (secondary, 0), "messages");
  g_assert_cmpstr (str_or_empty (json_array_get_object_element (messages, 2), "content"), ==, "Greetings");
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A one-object .json file is JSON, a file of one request per line JSONL. */
static void
test_format_names (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  const char *names[] = { "openinference.json", "traceloop-0.27-per-trace.jsonl", NULL };
  g_autoptr(ErrataImportReport) report = import_files (project, names);

  g_assert_cmpuint (errata_import_report_get_n_files (report), ==, 2);
  g_assert_cmpstr (errata_import_report_get_format_name (report, 0), ==, "OpenTelemetry spans (JSON)");
  g_assert_cmpstr (errata_import_report_get_format_name (report, 1), ==, "OpenTelemetry spans (JSONL)");
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const libraries[] = {
    "openinference", "traceloop-0.27", "traceloop-0.12", "langfuse", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  expected = data_path ("expected.json");
  g_assert_true (json_parser_load_from_file (parser, expected, &error));
  g_assert_no_error (error);
  expected_root = json_node_get_object (json_parser_get_root (parser));

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      for (guint i = 0; libraries[i] != NULL; i++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *path = NULL;

          c->library = libraries[i];
          c->layout = layouts[l];
          g_ptr_array_add (cases, c);
          path = g_strdup_printf ("/import/instrumented/%s%s", c->library, c->layout);
          g_test_add_data_func (path, c, test_case);
        }
      for (guint i = 0; i < 2; i++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *path = NULL;

          c->library = i == 0 ? "opentelemetry" : "opentelemetry-responses";
          c->layout = layouts[l];
          c->with_logs = TRUE;
          g_ptr_array_add (cases, c);
          path = g_strdup_printf ("/import/instrumented/%s%s+logs", c->library, c->layout);
          g_test_add_data_func (path, c, test_case);

          c = g_memdup2 (c, sizeof (Case));
          c->with_logs = FALSE;
          c->logs_only = TRUE;
          g_ptr_array_add (cases, c);
          g_free (path);
          path = g_strdup_printf ("/import/instrumented/%s-logs%s", i == 0 ? "opentelemetry" : "opentelemetry-responses",
                                  layouts[l]);
          g_test_add_data_func (path, c, test_case);
        }
    }
  g_test_add_func ("/import/instrumented/spans-without-logs", test_spans_without_logs);
  g_test_add_func ("/import/instrumented/spans-written-twice", test_spans_written_twice);
  g_test_add_func ("/import/instrumented/format-names", test_format_names);
  g_test_add_func ("/import/instrumented/proto-field-names", test_proto_field_names);
  g_test_add_func ("/import/instrumented/base64-ids", test_base64_ids);
  g_test_add_func ("/import/instrumented/span-resources", test_span_resources);
  g_test_add_func ("/import/langfuse-api/title-call", test_langfuse_api_title_call);
  status = g_test_run ();
  g_ptr_array_unref (cases);
  return status;
}
