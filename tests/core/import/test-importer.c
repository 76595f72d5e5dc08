/* test-importer.c: importing OpenAI chat, request/response and mapped files.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-import-private.h"
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
  g_assert_nonnull (fixture->project);
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

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "import", "data", name, NULL);
}

static ErrataImportReport *
import_paths (ErrataProject   *project,
              ErrataImporter  *importer,
              const char      *path,
              GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return errata_importer_import (importer, project, &file, 1, NULL, error);
}

static gint64
count_traces (ErrataProject *project)
{
  ErrataProjectInfo info;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_project_get_info (project, &info, &error));
  g_assert_no_error (error);
  return info.traces;
}

static ErrataTrace *
find (ErrataProject *project,
      const char    *source,
      const char    *external_id)
{
  g_autoptr(GError) error = NULL;
  ErrataTrace *trace = errata_project_find_trace (project, source, external_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

static JsonObject *
message_at (ErrataTrace *trace,
            guint        index)
{
  JsonArray *messages = errata_trace_get_messages (trace);

  g_assert_nonnull (messages);
  g_assert_cmpuint (index, <, json_array_get_length (messages));
  return json_array_get_object_element (messages, index);
}

static const char *
problem_reason (ErrataImportReport *report,
                guint               index)
{
  GPtrArray *problems = errata_import_report_get_problems (report);

  g_assert_cmpuint (index, <, problems->len);
  return ((ErrataImportProblem *)g_ptr_array_index (problems, index))->reason;
}

static void
test_openai (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataFieldMap) map = errata_field_map_parse ("note=Notes", NULL);
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataImportReport) again = NULL;
  g_autoptr(ErrataTrace) first = NULL;
  g_autoptr(ErrataTrace) second = NULL;
  g_autoptr(ErrataAnnotation) note = NULL;
  g_autoptr(ErrataAnnotation) maria = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("openai-chat.jsonl");
  JsonObject *metadata;
  JsonObject *call;

  errata_importer_set_field_map (importer, map);
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_records (report), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 0);
  /* One mapped note ("Good booking."; the empty one is skipped) and Maria's. */
  g_assert_cmpuint (errata_import_report_get_n_notes (report), ==, 2);
  g_assert_cmpstr (errata_import_report_get_format_name (report, 0), ==, "OpenAI chat (JSONL)");
  g_assert_cmpint (count_traces (fixture->project), ==, 3);

  first = find (fixture->project, "openai-chat.jsonl", "chat-1");
  g_assert_cmpuint (errata_trace_get_n_messages (first), ==, 5);
  g_assert_cmpuint (errata_trace_get_n_tool_calls (first), ==, 1);
  call = json_array_get_object_element (json_object_get_array_member (message_at (first, 2), "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (call, "name"), ==, "book_table");
  g_assert_cmpstr (json_object_get_string_member (call, "arguments"), ==, "{\"people\": 2, \"time\": \"20:00\"}");
  g_assert_cmpstr (json_object_get_string_member (message_at (first, 3), "tool_call_id"), ==, "call_a");
  g_assert_nonnull (errata_trace_get_tools (first));
  g_assert_cmpuint (json_array_get_length (errata_trace_get_tools (first)), ==, 1);
  g_assert_cmpint (errata_trace_get_latency_ms (first), ==, 1834);
  g_assert_cmpint (errata_trace_get_tokens_in (first), ==, 120);
  g_assert_cmpint (errata_trace_get_tokens_out (first), ==, 31);
  g_assert_cmpfloat_with_epsilon (errata_trace_get_cost (first), 0.0021, 1e-9);
  metadata = errata_trace_get_metadata (first);
  g_assert_cmpstr (json_object_get_string_member (metadata, "customer"), ==, "acme");
  g_assert_cmpstr (json_object_get_string_member (metadata, "lsmith_url"), ==, "https://example.invalid/r/1");
  g_assert_true (json_object_has_member (metadata, "z_note"));
  g_assert_false (json_object_has_member (metadata, "Notes"));
  note = errata_project_get_annotation (fixture->project, errata_trace_get_id (first), "openai-chat.jsonl", &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_cmpstr (note->note, ==, "Good booking.");

  second = find (fixture->project, "openai-chat.jsonl", "chat-2");
  g_assert_cmpstr (json_object_get_string_member (message_at (second, 0), "content"), ==, "Any vegan dishes?");
  maria = errata_project_get_annotation (fixture->project, errata_trace_get_id (second), "maria", &error);
  g_assert_no_error (error);
  g_assert_nonnull (maria);
  g_assert_cmpint (maria->verdict, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (maria->first_failure, ==, 1);

  /* Importing the same file again adds nothing, the hashed id included. */
  again = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (again), ==, 0);
  g_assert_cmpuint (errata_import_report_get_n_duplicates (again), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_notes (again), ==, 0);
  g_assert_cmpint (count_traces (fixture->project), ==, 3);
}

static void
test_repeated_ids (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* Exports that put one id on every record must still keep every record,
   * and an exact repeat of a record is still a duplicate. */
  path = errata_test_write_file (fixture->dir, "root.json",
                                 "[{\"id\":\"root\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]},"
                                 " {\"id\":\"root\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]},"
                                 " {\"id\":\"root\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}]", -1);
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 2);
  g_assert_cmpuint (errata_import_report_get_n_duplicates (report), ==, 1);
  again = import_paths (fixture->project, importer, path, &error);
  g_assert_cmpuint (errata_import_report_get_n_added (again), ==, 0);
  g_assert_cmpint (count_traces (fixture->project), ==, 2);
}

static void
test_bad_records (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GPtrArray *problems;
  ErrataImportProblem *problem;

  path = errata_test_write_file (fixture->dir, "bad.jsonl",
                                 "{\"messages\":[{\"role\":\"user\",\"content\":\"ok 1\"}]}\n"
                                 "{\"messages\":\"hello\"}\n"
                                 "{\"messages\":[{\"role\":\"user\",\"content\":\"ok 3\"}]}\n"
                                 "{\"text\":\"no messages\",\"messages_x\":1}\n"
                                 "[1,2]\n"
                                 "{\"messages\":[{\"role\":\"user\",\"content\":\"\xc0\xaf\"}]}\n"
                                 "{\"messages\":[{\"role\":\"user\",\"content\":\"ok 7\"}]}\n"
                                 "{\"messages\":[{\"role\":\"user\",\"content\":\"cut", -1);
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 5);
  g_assert_cmpuint (errata_import_report_get_n_records (report), ==, 8);

  problems = errata_import_report_get_problems (report);
  g_assert_cmpuint (problems->len, ==, 5);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->file, ==, "bad.jsonl");
  g_assert_cmpuint (problem->record, ==, 2);
  g_assert_cmpuint (problem->line, ==, 2);
  text = errata_import_problem_to_string (problem);
  g_assert_cmpstr (text, ==, "bad.jsonl: record 2 (line 2): `messages` must be an array, found a string");
  g_assert_cmpstr (problem_reason (report, 1),
                   ==, "the record has no `messages`; its fields are: text, messages_x");
  g_assert_cmpstr (problem_reason (report, 2), ==, "a record must be a JSON object, found an array");
  g_assert_nonnull (strstr (problem_reason (report, 3), "not valid UTF-8"));
  g_assert_true (g_str_has_prefix (problem_reason (report, 4), "not valid JSON: "));
  g_assert_nonnull (strstr (problem_reason (report, 4), "truncated"));
  g_assert_cmpint (count_traces (fixture->project), ==, 3);
}

static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = errata_test_write_file (fixture->dir, "empty.jsonl", "", 0);

  report = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_records (report), ==, 0);
  g_assert_cmpuint (errata_import_report_get_problems (report)->len, ==, 1);
  g_assert_cmpstr (problem_reason (report, 0), ==, "the file is empty: nothing to import");
}

static void
test_request_response_folder (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) repeated = NULL;
  g_autoptr(ErrataTrace) choices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("request-response");
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  JsonObject *metadata;

  g_assert_cmpint (errata_importer_detect_format (folder, NULL, &error), ==,
                   ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE);
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_files (report), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 0);

  /* The response repeated the request: no message twice, system prompt kept. */
  repeated = find (fixture->project, "request-response", "rr-1");
  g_assert_cmpuint (errata_trace_get_n_messages (repeated), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (message_at (repeated, 0), "role"), ==, "system");
  g_assert_cmpstr (errata_trace_get_output (repeated), ==, "Aglio e olio: garlic, oil, chili.");
  metadata = errata_trace_get_metadata (repeated);
  g_assert_true (json_object_has_member (metadata, "open_coding"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (metadata, "request"), "model"),
                   ==, "gpt-4o-mini");

  /* An OpenAI completion as the response, with the request's tools. */
  choices = find (fixture->project, "request-response", "rr-2");
  g_assert_cmpuint (errata_trace_get_n_messages (choices), ==, 3);
  g_assert_cmpuint (errata_trace_get_n_tool_calls (choices), ==, 1);
  g_assert_nonnull (errata_trace_get_tools (choices));
  g_assert_cmpint (errata_trace_get_tokens_in (choices), ==, 40);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (errata_trace_get_metadata (choices), "response"), "id"),
                   ==, "chatcmpl-9");
}

static void
test_request_response_note (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataFieldMap) map = errata_field_map_parse ("note=open_coding", NULL);
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(ErrataAnnotation) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("request-response");

  errata_importer_set_field_map (importer, map);
  errata_importer_set_annotator (importer, "expert");
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_notes (report), ==, 1);
  trace = find (fixture->project, "request-response", "rr-2");
  note = errata_project_get_annotation (fixture->project, errata_trace_get_id (trace), "expert", &error);
  g_assert_nonnull (note);
  g_assert_cmpstr (note->note, ==, "asked the tool, good");
}

static void
test_mapped_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataFieldMap) map = NULL;
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) first = NULL;
  g_autoptr(ErrataTrace) second = NULL;
  g_autoptr(ErrataTrace) third = NULL;
  g_autoptr(ErrataAnnotation) note = NULL;
  g_autoptr(ErrataAnnotation) pass = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("mapped.csv");

  map = errata_field_map_parse ("id=uid, input=question, output=answer, messages=conversation,"
                                " note=Notes, verdict=verdict", &error);
  g_assert_no_error (error);
  errata_importer_set_field_map (importer, map);
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpuint (errata_import_report_get_n_notes (report), ==, 1);
  /* Row 2's pass has no note: still a label the summary counts. */
  g_assert_cmpuint (errata_import_report_get_n_labels (report), ==, 2);
  g_assert_cmpstr (errata_import_report_get_format_name (report, 0), ==, "Mapped fields (CSV)");

  first = find (fixture->project, "mapped.csv", "1");
  g_assert_cmpstr (errata_trace_get_input (first), ==, "Hello, who are you?");
  g_assert_cmpstr (errata_trace_get_output (first), ==, "I am a bot.\r\nI help with \"recipes\".");
  note = errata_project_get_annotation (fixture->project, errata_trace_get_id (first), "mapped.csv", &error);
  g_assert_nonnull (note);
  g_assert_cmpstr (note->note, ==, "Too terse");
  g_assert_cmpint (note->verdict, ==, ERRATA_VERDICT_FAIL);
  /* Attributed to the file it came in, and marked imported: a label,
   * not anyone's review (DESIGN.md, "Labels"). */
  g_assert_cmpint (note->origin, ==, ERRATA_ORIGIN_IMPORTED);

  second = find (fixture->project, "mapped.csv", "2");
  pass = errata_project_get_annotation (fixture->project, errata_trace_get_id (second), "mapped.csv", &error);
  g_assert_nonnull (pass);
  g_assert_cmpint (pass->verdict, ==, ERRATA_VERDICT_PASS);
  g_assert_cmpstr (pass->note, ==, "");

  /* The conversation came from JSON text inside a cell. */
  third = find (fixture->project, "mapped.csv", "3");
  g_assert_cmpuint (errata_trace_get_n_messages (third), ==, 2);
  g_assert_cmpstr (errata_trace_get_input (third), ==, "from the cell");
}

static void
test_needs_mapping (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = errata_test_write_file (fixture->dir, "qr.jsonl",
                                 "{\"id\":\"q1\",\"query\":\"hi\",\"response\":\"hello\"}\n", -1);
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_null (report);
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING);
  g_assert_nonnull (strstr (error->message, "id, query, response"));
  /* The example is the import dialog's guess, the id included. */
  g_assert_nonnull (strstr (error->message, "--map id=id,input=query,output=response"));
  g_assert_cmpint (count_traces (fixture->project), ==, 0);

  /* A conversation written as text: the example maps it as a transcript. */
  g_clear_object (&report);
  g_clear_error (&error);
  g_free (path);
  path = errata_test_write_file (fixture->dir, "chats.csv",
                                 "trace_id,conversation,label\n"
                                 "c1,USER: hi | AGENT: hello,PASS\n", -1);
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING);
  g_assert_nonnull (strstr (error->message,
                            "--map id=trace_id,transcript=conversation,verdict=label"));
}

static void
test_field_map (void)
{
  g_autoptr(ErrataFieldMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  map = errata_field_map_parse ("input = request.text ,output=response.text,,note=Notes", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_INPUT), ==, "request.text");
  g_assert_null (errata_field_map_get (map, ERRATA_FIELD_ID));
  text = errata_field_map_to_string (map);
  g_assert_cmpstr (text, ==, "input=request.text,output=response.text,note=Notes");

  g_assert_null (errata_field_map_parse ("colour=red", &error));
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);
  g_assert_null (errata_field_map_parse ("input", &error));
  g_assert_nonnull (error);
}

static void
test_formats (void)
{
  ErrataImportFormat format;

  g_assert_true (errata_import_format_from_string ("request-response", &format));
  g_assert_cmpint (format, ==, ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE);
  g_assert_cmpstr (errata_import_format_to_string (ERRATA_IMPORT_FORMAT_OTEL), ==, "otel");
  g_assert_false (errata_import_format_from_string ("xml", &format));
}

static char *
write_many (const char *dir,
            guint       n)
{
  GString *text = g_string_new (NULL);
  g_autofree char *contents = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "{\"id\":\"t%u\",\"messages\":[{\"role\":\"user\",\"content\":\"question %u\"},"
                            "{\"role\":\"assistant\",\"content\":\"answer %u\"}]}\n", i, i, i);
  contents = g_string_free (text, FALSE);
  return errata_test_write_file (dir, "many.jsonl", contents, -1);
}

static void
cancel_after_two_batches (guint    committed,
                          gpointer user_data)
{
  if (committed >= 20)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_keeps_batches (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_many (fixture->dir, 100);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  errata_importer_set_batch_size (importer, 10);
  errata_importer_set_batch_callback (importer, cancel_after_two_batches, cancellable);
  report = errata_importer_import (importer, fixture->project, &file, 1, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Two whole batches, nothing of the third. */
  g_assert_cmpint (count_traces (fixture->project), ==, 20);
}

typedef struct
{
  GMainLoop          *loop;
  ErrataImportReport *report;
  GError             *error;
  guint               n_progress;
  double              last_fraction;
  guint               last_records;
  gboolean            decreased;
  GThread            *main_thread;
} AsyncState;

static void
on_progress (ErrataImporter *importer,
             double          fraction,
             guint           records,
             AsyncState     *state)
{
  g_assert_true (g_thread_self () == state->main_thread);
  if (fraction < state->last_fraction || records < state->last_records)
    state->decreased = TRUE;
  state->n_progress++;
  state->last_fraction = fraction;
  state->last_records = records;
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->report = errata_importer_import_finish (ERRATA_IMPORTER (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autofree char *path = write_many (fixture->dir, 3000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AsyncState state = { 0, };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  errata_importer_set_batch_size (importer, 500);
  g_signal_connect (importer, "progress", G_CALLBACK (on_progress), &state);
  errata_importer_import_async (importer, fixture->project, &file, 1, NULL, on_imported, &state);
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (errata_import_report_get_n_added (state.report), ==, 3000);
  g_assert_cmpuint (state.n_progress, >=, 1);
  g_assert_false (state.decreased);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_assert_cmpuint (state.last_records, ==, 3000);
  /* The worker wrote through its own connection; this one sees it. */
  g_assert_cmpint (count_traces (fixture->project), ==, 3000);

  g_clear_object (&state.report);
  g_main_loop_unref (state.loop);
}

static void
test_big_record (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  const gsize size = 10 * 1024 * 1024;
  g_autofree char *big = g_malloc (size + 1);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;

  memset (big, 'x', size);
  big[size] = '\0';
  contents = g_strdup_printf ("[{\"id\":\"big\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                              "{\"role\":\"assistant\",\"content\":\"%s\"}]}]", big);
  path = errata_test_write_file (fixture->dir, "big.json", contents, -1);
  report = import_paths (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 1);
  trace = find (fixture->project, "big.json", "big");
  g_assert_cmpuint (errata_trace_get_output_chars (trace), ==, size);
}

/* Staging spans writes only a TEMP table: another connection can still
 * write to the project meanwhile (it used to wait for the whole read). */
static void
test_staging_keeps_project_writable (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataProject) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"name\": \"span\"}", NULL);
  ErrataImportStage *stage;

  stage = _errata_import_stage_new (project, &error);
  g_assert_no_error (error);
  g_assert_true (_errata_import_stage_add (stage, "span", "trace-1", "test", 1, body, &error));
  g_assert_no_error (error);

  other = errata_project_open (errata_project_get_file (project), ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  /* A write lock held by the stage would make this fail with "database
   * is locked" once the busy timeout ran out. */
  g_assert_true (errata_project_set_meta (other, "written", "while staging", &error));
  g_assert_no_error (error);

  _errata_import_stage_free (stage);
  errata_project_close (other);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* The import dialog runs mapped files as an import of their own and shows
 * one report for both. */
static void
test_report_merge (void)
{
  g_autoptr(ErrataImportReport) first = errata_import_report_new ();
  g_autoptr(ErrataImportReport) second = errata_import_report_new ();
  GPtrArray *problems;

  errata_import_report_add_file (first, "OpenAI chat (JSONL)");
  errata_import_report_count_record (first, TRUE);
  errata_import_report_count_record (first, FALSE);
  errata_import_report_add_file (second, "Mapped fields (CSV)");
  errata_import_report_count_record (second, TRUE);
  errata_import_report_count_record (second, TRUE);
  errata_import_report_count_note (second);
  errata_import_report_add_problem (second, "table.csv", 3, 4, "no input");

  errata_import_report_merge (first, second);
  g_assert_cmpuint (errata_import_report_get_n_files (first), ==, 2);
  g_assert_cmpstr (errata_import_report_get_format_name (first, 1), ==, "Mapped fields (CSV)");
  g_assert_cmpuint (errata_import_report_get_n_added (first), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_duplicates (first), ==, 1);
  g_assert_cmpuint (errata_import_report_get_n_notes (first), ==, 1);
  problems = errata_import_report_get_problems (first);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((ErrataImportProblem *)problems->pdata[0])->file, ==, "table.csv");
  g_assert_cmpuint (((ErrataImportProblem *)problems->pdata[0])->line, ==, 4);
  g_assert_cmpuint (errata_import_report_get_n_skipped (first), ==, 1);
}

/* The two files of tests/core/import/data a new user would bring: a CSV
 * whose conversation column holds "USER: … | AGENT: … | TOOL (name): …"
 * text with verdict and note columns, and a JSONL of an LLM judge's
 * PASS/FAIL labels with its reasoning. */
static void
test_transcript_and_labels_files (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImporter) judged = errata_importer_new ();
  g_autoptr(ErrataFieldMap) map = NULL;
  g_autoptr(ErrataFieldMap) judge_map = NULL;
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataImportReport) judge_report = NULL;
  g_autoptr(ErrataTrace) searched = NULL;
  g_autoptr(ErrataTrace) piped = NULL;
  g_autoptr(ErrataTrace) pesto = NULL;
  g_autoptr(ErrataTrace) eggs = NULL;
  g_autoptr(ErrataAnnotation) butter = NULL;
  g_autoptr(ErrataAnnotation) nuts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = data_path ("transcripts.csv");
  g_autofree char *jsonl = data_path ("labelled.jsonl");
  JsonObject *tool;

  map = errata_field_map_parse ("id=trace_id,transcript=conversation_messages,verdict=verdict,"
                                "note=note", &error);
  g_assert_no_error (error);
  errata_importer_set_field_map (importer, map);
  report = import_paths (fixture->project, importer, csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 5);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 0);

  searched = find (fixture->project, "transcripts.csv", "rb-001");
  g_assert_cmpuint (errata_trace_get_n_messages (searched), ==, 4);
  tool = json_array_get_object_element (errata_trace_get_messages (searched), 2);
  g_assert_cmpstr (json_object_get_string_member (tool, "role"), ==, "tool");
  g_assert_cmpstr (json_object_get_string_member (tool, "name"), ==, "search_recipes");
  /* A pipe inside the last answer stays in it. */
  piped = find (fixture->project, "transcripts.csv", "rb-003");
  g_assert_cmpstr (errata_trace_get_output (piped), ==,
                   "I found nothing | try oat flour | or rice flour.");
  eggs = find (fixture->project, "transcripts.csv", "rb-002");
  butter = errata_project_get_annotation (fixture->project, errata_trace_get_id (eggs), "transcripts.csv",
                                          &error);
  g_assert_nonnull (butter);
  g_assert_cmpint (butter->verdict, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpstr (butter->note, ==, "Ignored the butter allergy in the last turn");

  judge_map = errata_field_map_parse ("id=id,input=user_query,output=bot_reply,verdict=label,"
                                      "note=reasoning", &error);
  errata_importer_set_field_map (judged, judge_map);
  errata_importer_set_annotator (judged, "judge");
  judge_report = import_paths (fixture->project, judged, jsonl, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (judge_report), ==, 4);
  pesto = find (fixture->project, "labelled.jsonl", "q-02");
  nuts = errata_project_get_annotation (fixture->project, errata_trace_get_id (pesto), "judge",
                                        &error);
  g_assert_nonnull (nuts);
  g_assert_cmpint (nuts->verdict, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpstr (nuts->note, ==, "Pine nuts are nuts: the reply ignores the constraint.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/importer/openai", test_openai);
  ADD ("/importer/repeated-ids", test_repeated_ids);
  ADD ("/importer/bad-records", test_bad_records);
  ADD ("/importer/empty-file", test_empty_file);
  ADD ("/importer/request-response/folder", test_request_response_folder);
  ADD ("/importer/request-response/note", test_request_response_note);
  ADD ("/importer/mapped/csv", test_mapped_csv);
  ADD ("/importer/mapped/needs-mapping", test_needs_mapping);
  ADD ("/importer/mapped/transcript-and-labels-files", test_transcript_and_labels_files);
  ADD ("/importer/cancel", test_cancel_keeps_batches);
  ADD ("/importer/async", test_async);
  ADD ("/importer/big-record", test_big_record);
  g_test_add_func ("/importer/field-map", test_field_map);
  g_test_add_func ("/importer/format-names", test_formats);
  g_test_add_func ("/importer/report-merge", test_report_merge);
  g_test_add_func ("/importer/staging-keeps-project-writable", test_staging_keeps_project_writable);

  return g_test_run ();
}
