/* test-import-sample.c: the first records of a file, converted for a preview.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-sample.h"
#include "errata-importer.h"
#include "errata-test-utils.h"

static const char mapped_jsonl[] =
  "{\"uuid\": \"a1\", \"query\": \"Is the flat on Elm St. still free?\", "
  "\"response\": {\"text\": \"Yes, viewings on Friday.\", \"model\": \"m\"}, \"Notes\": \"ok\"}\n"
  "{\"uuid\": \"a2\", \"query\": \"\", \"response\": {\"text\": \"\"}}\n"
  "not json at all\n"
  "{\"uuid\": \"a4\", \"response\": {\"text\": \"Only an answer\"}}\n"
  "{\"uuid\": \"a5\", \"query\": \"q5\", \"response\": {\"text\": \"a5\"}}\n"
  "{\"uuid\": \"a6\", \"query\": \"q6\", \"response\": {\"text\": \"a6\"}}\n";

static ErrataImportSample *
load (const char *dir,
      const char *name,
      const char *contents,
      guint       max_records)
{
  g_autofree char *path = errata_test_write_file (dir, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ErrataImportSample *sample = errata_import_sample_load (file, max_records, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sample);
  return sample;
}

static void
test_sample_fields_and_guess (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(ErrataImportSample) sample = load (dir, "mapped.jsonl", mapped_jsonl, 5);
  g_autoptr(ErrataFieldMap) map = NULL;
  const char * const *fields;

  /* Stops after five records; the bad line counts as a record. */
  g_assert_cmpuint (errata_import_sample_get_n_records (sample), ==, 5);
  g_assert_cmpuint (errata_import_sample_get_line (sample, 2), ==, 3);

  fields = errata_import_sample_get_fields (sample);
  g_assert_true (g_strv_contains (fields, "uuid"));
  g_assert_true (g_strv_contains (fields, "query"));
  g_assert_true (g_strv_contains (fields, "response"));
  g_assert_true (g_strv_contains (fields, "response.text"));
  g_assert_true (g_strv_contains (fields, "response.model"));
  g_assert_true (g_strv_contains (fields, "Notes"));
  g_assert_cmpuint (g_strv_length ((char **)fields), ==, 6);

  map = errata_import_sample_guess_map (sample);
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_ID), ==, "uuid");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_INPUT), ==, "query");
  /* "response" holds an object: its text is inside. */
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_OUTPUT), ==, "response.text");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_NOTE), ==, "Notes");
  g_assert_null (errata_field_map_get (map, ERRATA_FIELD_MESSAGES));
  g_assert_null (errata_field_map_get (map, ERRATA_FIELD_VERDICT));

  errata_test_remove_tree (dir);
}

static void
test_sample_convert_mapped (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(ErrataImportSample) sample = load (dir, "mapped.jsonl", mapped_jsonl, 10);
  g_autoptr(ErrataFieldMap) map = NULL;
  g_autoptr(ErrataTrace) first = NULL;
  g_autoptr(ErrataTrace) fourth = NULL;
  g_autoptr(GError) error = NULL;

  map = errata_field_map_parse ("id=uuid,input=query,output=response.text,note=Notes", &error);
  g_assert_no_error (error);

  first = errata_import_sample_convert (sample, 0, ERRATA_IMPORT_FORMAT_MAPPED, map, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_input (first), ==, "Is the flat on Elm St. still free?");
  g_assert_cmpstr (errata_trace_get_output (first), ==, "Yes, viewings on Friday.");
  g_assert_cmpstr (errata_trace_get_external_id (first), ==, "a1");

  /* Both mapped fields empty: skipped, with the importer's reason. */
  g_assert_null (errata_import_sample_convert (sample, 1, ERRATA_IMPORT_FORMAT_MAPPED, map, &error));
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  /* Not JSON: the reader's reason. */
  g_assert_null (errata_import_sample_convert (sample, 2, ERRATA_IMPORT_FORMAT_MAPPED, map, &error));
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_clear_error (&error);

  /* A missing mapped field names the field. */
  g_assert_null (errata_import_sample_convert (sample, 3, ERRATA_IMPORT_FORMAT_MAPPED, map, &error));
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_assert_nonnull (strstr (error->message, "query"));
  g_clear_error (&error);

  /* With only the output mapped the same record converts. */
  errata_field_map_set (map, ERRATA_FIELD_INPUT, NULL);
  fourth = errata_import_sample_convert (sample, 3, ERRATA_IMPORT_FORMAT_MAPPED, map, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_output (fourth), ==, "Only an answer");

  errata_test_remove_tree (dir);
}

static void
test_sample_convert_needs_mapping (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(ErrataImportSample) sample = load (dir, "mapped.jsonl", mapped_jsonl, 1);
  g_autoptr(ErrataFieldMap) empty = errata_field_map_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (errata_import_sample_convert (sample, 0, ERRATA_IMPORT_FORMAT_MAPPED, NULL, &error));
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING);
  g_clear_error (&error);
  g_assert_null (errata_import_sample_convert (sample, 0, ERRATA_IMPORT_FORMAT_MAPPED, empty, &error));
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING);

  errata_test_remove_tree (dir);
}

static void
test_sample_convert_openai (void)
{
  static const char openai[] =
    "{\"id\": \"c1\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
    "{\"role\": \"assistant\", \"content\": \"Hello!\"}]}\n"
    "{\"id\": \"c2\", \"messages\": \"oops\"}\n"
    "{\"resourceSpans\": []}\n";
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(ErrataImportSample) sample = load (dir, "chat.jsonl", openai, 5);
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (errata_import_sample_get_n_records (sample), ==, 3);
  trace = errata_import_sample_convert (sample, 0, ERRATA_IMPORT_FORMAT_OPENAI, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_input (trace), ==, "Hi");
  g_assert_cmpstr (errata_trace_get_output (trace), ==, "Hello!");
  g_assert_cmpstr (errata_trace_get_source (trace), ==, "chat.jsonl");

  g_assert_null (errata_import_sample_convert (sample, 1, ERRATA_IMPORT_FORMAT_OPENAI, NULL, &error));
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_clear_error (&error);

  /* Spans only become traces when grouped: no single-record preview. */
  g_assert_null (errata_import_sample_convert (sample, 2, ERRATA_IMPORT_FORMAT_OTEL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);

  errata_test_remove_tree (dir);
}

static void
test_sample_csv_header (void)
{
  static const char csv[] =
    "Question,Answer,Comments\n"
    "\"What is the rent?\",\"1,200 a month\",fine\n";
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(ErrataImportSample) sample = load (dir, "table.csv", csv, 5);
  g_autoptr(ErrataFieldMap) map = errata_import_sample_guess_map (sample);
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_strv_length ((char **)errata_import_sample_get_fields (sample)), ==, 3);
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_INPUT), ==, "Question");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_OUTPUT), ==, "Answer");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_NOTE), ==, "Comments");

  trace = errata_import_sample_convert (sample, 0, ERRATA_IMPORT_FORMAT_MAPPED, map, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_output (trace), ==, "1,200 a month");

  errata_test_remove_tree (dir);
}

static void
test_sample_unreadable (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_null (errata_import_sample_load (file, 5, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/sample/fields-and-guess", test_sample_fields_and_guess);
  g_test_add_func ("/import/sample/convert-mapped", test_sample_convert_mapped);
  g_test_add_func ("/import/sample/needs-mapping", test_sample_convert_needs_mapping);
  g_test_add_func ("/import/sample/convert-openai", test_sample_convert_openai);
  g_test_add_func ("/import/sample/csv-header", test_sample_csv_header);
  g_test_add_func ("/import/sample/unreadable", test_sample_unreadable);

  return g_test_run ();
}
