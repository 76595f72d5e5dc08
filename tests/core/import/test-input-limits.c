/* test-input-limits.c: what an import does with input built to hurt it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case here crashed, aborted under G_DEBUG=fatal-criticals, hung or
 * grew without bound before the limits existed; each now ends in a clear
 * per-record problem while the rest of the file still comes in.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "errata-import-sample.h"
#include "errata-importer.h"
#include "errata-json-guard.h"
#include "errata-record-reader.h"
#include "errata-test-utils.h"

/* Far past any stack: json-glib 1.6 recursed once per level. */
#define HOSTILE_DEPTH 100000

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
brackets (guint depth)
{
  GString *text = g_string_sized_new (depth * 2);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static char *
chat_line (const char *id)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"messages\": [{\"role\": \"user\", \"content\": "
                          "\"question %s\"}, {\"role\": \"assistant\", \"content\": \"answer\"}]}",
                          id, id);
}

static ErrataImportReport *
import_one (ErrataProject   *project,
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
  g_autoptr(GError) error = NULL;
  gint64 n = errata_project_count_traces (project, NULL, &error);

  g_assert_no_error (error);
  return n;
}

static void
assert_one_problem (ErrataImportReport *report,
                    guint               record,
                    guint               line,
                    const char         *reason_part)
{
  GPtrArray *problems = errata_import_report_get_problems (report);
  ErrataImportProblem *problem;

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->record, ==, record);
  g_assert_cmpuint (problem->line, ==, line);
  if (strstr (problem->reason, reason_part) == NULL)
    g_error ("expected “%s” in “%s”", reason_part, problem->reason);
}

/* ---- nesting depth ------------------------------------------------------ */

static void
test_depth_check (void)
{
  g_autofree char *at_limit = brackets (ERRATA_JSON_MAX_DEPTH);
  g_autofree char *over = brackets (ERRATA_JSON_MAX_DEPTH + 1);
  g_autofree char *in_string = g_strdup_printf ("[\"\\\"%s\"]", over);
  g_autofree char *after_backslash = g_strdup_printf ("[\"\\\\\", %s]", over);
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_json_check_shape (at_limit, -1, ERRATA_JSON_MAX_DEPTH, &error));
  g_assert_no_error (error);
  /* Brackets inside a string (after an escaped quote) are text. */
  g_assert_true (errata_json_check_shape (in_string, -1, ERRATA_JSON_MAX_DEPTH, &error));
  g_assert_no_error (error);

  g_assert_false (errata_json_check_shape (over, -1, ERRATA_JSON_MAX_DEPTH, &error));
  g_assert_error (error, ERRATA_JSON_GUARD_ERROR, ERRATA_JSON_GUARD_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "nested deeper than 256 levels"));
  g_clear_error (&error);
  /* "\\" ends its string: what follows counts. */
  g_assert_false (errata_json_check_shape (after_backslash, -1, ERRATA_JSON_MAX_DEPTH, &error));
  g_assert_error (error, ERRATA_JSON_GUARD_ERROR, ERRATA_JSON_GUARD_ERROR_TOO_DEEP);
  g_clear_error (&error);
  /* Only len bytes are looked at. */
  g_assert_true (errata_json_check_shape (over, ERRATA_JSON_MAX_DEPTH, ERRATA_JSON_MAX_DEPTH,
                                          &error));
  g_assert_no_error (error);
}

/* json-glib 1.6 parses a value after the first one, keeps the first and
 * leaks the second (LeakSanitizer on the fuzz corpus): the guard refuses
 * anything but spaces after the first value. */
static void
test_second_value (void)
{
  const char *refused[] = { "0{\"a\": {\"b\": 1}}", "{\"a\": 1} {\"b\": 2}", "\"x\"\"y\"",
                            "[1] 2", "true [1]", "12 34" };
  const char *accepted[] = { " {\"a\": \"} {\"} \n", "[1, {\"b\": [2]}]\r\n", "42", " \"x\" ",
                             "-1.5e3" };
  g_autoptr(JsonParser) parser = json_parser_new ();

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (errata_json_check_shape (refused[i], -1, ERRATA_JSON_MAX_DEPTH, &error));
      g_assert_error (error, ERRATA_JSON_GUARD_ERROR, ERRATA_JSON_GUARD_ERROR_SECOND_VALUE);
      g_assert_nonnull (strstr (error->message, "a second JSON value starts at byte"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (errata_json_check_shape (accepted[i], -1, ERRATA_JSON_MAX_DEPTH, &error));
      g_assert_no_error (error);
      g_assert_true (errata_json_parser_load (parser, accepted[i], -1, &error));
      g_assert_no_error (error);
    }
}

static void
test_deep_jsonl (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = brackets (HOSTILE_DEPTH);
  g_autofree char *one = chat_line ("one");
  g_autofree char *two = chat_line ("two");
  g_autofree char *four = chat_line ("four");
  g_autofree char *text = g_strdup_printf ("%s\n%s\n{\"id\": \"three\", \"messages\": [{\"role\": "
                                           "\"user\", \"content\": \"x\"}], \"metadata\": %s}\n"
                                           "%s\n", one, two, deep, four);
  g_autofree char *path = errata_test_write_file (fixture->dir, "deep.jsonl", text, -1);

  report = import_one (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 3);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 1);
  assert_one_problem (report, 3, 3, "JSON nested deeper than 256 levels");
  g_assert_cmpint (count_traces (fixture->project), ==, 3);
}

static void
test_deep_json_array (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = brackets (HOSTILE_DEPTH);
  g_autofree char *one = chat_line ("one");
  g_autofree char *three = chat_line ("three");
  g_autofree char *text = g_strdup_printf ("[\n%s,\n%s,\n%s\n]\n", one, deep, three);
  g_autofree char *path = errata_test_write_file (fixture->dir, "deep.json", text, -1);

  report = import_one (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 2);
  assert_one_problem (report, 2, 3, "JSON nested deeper than 256 levels");
}

/* A CSV cell holding JSON is parsed by the mapped importer itself. */
static void
test_deep_csv_cell (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataFieldMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = brackets (HOSTILE_DEPTH);
  g_autofree char *text = g_strdup_printf ("id,conversation\n"
                                           "1,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"hi\"\"}]\"\n"
                                           "2,\"%s\"\n"
                                           "3,\"[{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"yo\"\"}]\"\n",
                                           deep);
  g_autofree char *path = errata_test_write_file (fixture->dir, "deep.csv", text, -1);

  map = errata_field_map_parse ("id=id,messages=conversation", &error);
  g_assert_no_error (error);
  errata_importer_set_field_map (importer, map);
  report = import_one (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 2);
  assert_one_problem (report, 2, 3, "JSON nested deeper than 256 levels");
}

/* ---- record size -------------------------------------------------------- */

typedef struct
{
  guint  number;
  guint  line;
  char  *error;
  char  *json;
} Seen;

static void
seen_free (gpointer data)
{
  Seen *seen = data;

  g_free (seen->error);
  g_free (seen->json);
  g_free (seen);
}

/* All records of `data`; max_size 0 keeps the reader's default. */
static GPtrArray *
read_all (GBytes             *data,
          ErrataRecordSyntax  syntax,
          gsize               max_size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(ErrataRecordReader) reader = errata_record_reader_new (stream, syntax);
  g_autoptr(GError) error = NULL;
  GPtrArray *all = g_ptr_array_new_with_free_func (seen_free);
  ErrataRecord record = { 0, };

  if (max_size > 0)
    errata_record_reader_set_max_record_size (reader, max_size);
  while (errata_record_reader_next (reader, &record, NULL, &error))
    {
      Seen *seen = g_new0 (Seen, 1);

      seen->number = record.number;
      seen->line = record.line;
      seen->error = g_strdup (record.error);
      seen->json = record.node ? json_to_string (record.node, FALSE) : NULL;
      g_ptr_array_add (all, seen);
    }
  g_assert_no_error (error);
  errata_record_clear (&record);
  return all;
}

static void
assert_oversize (GPtrArray  *all,
                 guint       index,
                 guint       line)
{
  Seen *seen = g_ptr_array_index (all, index);

  g_assert_cmpuint (seen->number, ==, index + 1);
  g_assert_cmpuint (seen->line, ==, line);
  g_assert_null (seen->json);
  g_assert_nonnull (seen->error);
  if (strstr (seen->error, "maximum record size") == NULL)
    g_error ("not an oversize record: %s", seen->error);
}

static void
assert_good (GPtrArray  *all,
             guint       index,
             guint       line,
             const char *json)
{
  Seen *seen = g_ptr_array_index (all, index);

  g_assert_cmpuint (seen->number, ==, index + 1);
  g_assert_cmpuint (seen->line, ==, line);
  g_assert_null (seen->error);
  g_assert_cmpstr (seen->json, ==, json);
}

/* One line past the default 64 MiB is refused without any setting. */
static void
test_default_record_size (void)
{
  gsize filler = ERRATA_RECORD_DEFAULT_MAX_SIZE + 16;
  GString *text = g_string_sized_new (filler + 64);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_string_append (text, "{\"a\":1}\n{\"big\":\"");
  g_string_set_size (text, text->len + filler);
  memset (text->str + text->len - filler, 'x', filler);
  g_string_append (text, "\"}\n{\"b\":2}\n");
  bytes = g_string_free_to_bytes (text);

  all = read_all (bytes, ERRATA_RECORD_SYNTAX_JSONL, 0);
  g_assert_cmpuint (all->len, ==, 3);
  assert_good (all, 0, 1, "{\"a\":1}");
  assert_oversize (all, 1, 2);
  assert_good (all, 2, 3, "{\"b\":2}");
}

/* Each syntax, with a record several buffer refills long (the reader's
 * first buffer is 64 KiB) so that its bytes are dropped as they come. */
static GBytes *
long_json_value (void)
{
  GString *text = g_string_new ("{\"s\": \"] } , \\\" [\", \"deep\": [[[1]]], \"pad\": \"");

  for (guint i = 0; i < 300 * 1024 / 8; i++)
    g_string_append (text, "]]}},,\\\\");
  g_string_append (text, "\"}");
  return g_string_free_to_bytes (text);
}

static GBytes *
concat (const char *before,
        GBytes     *middle,
        const char *after)
{
  GString *text = g_string_new (before);

  g_string_append_len (text, g_bytes_get_data (middle, NULL), g_bytes_get_size (middle));
  g_string_append (text, after);
  return g_string_free_to_bytes (text);
}

static void
test_record_size_jsonl (void)
{
  g_autoptr(GBytes) value = long_json_value ();
  g_autoptr(GBytes) bytes = concat ("{\"a\":1}\n", value, "\n\n{\"b\":2}\n");
  g_autoptr(GPtrArray) all = read_all (bytes, ERRATA_RECORD_SYNTAX_JSONL, 4096);

  g_assert_cmpuint (all->len, ==, 3);
  assert_good (all, 0, 1, "{\"a\":1}");
  assert_oversize (all, 1, 2);
  assert_good (all, 2, 4, "{\"b\":2}");
}

static void
test_record_size_json_array (void)
{
  g_autoptr(GBytes) value = long_json_value ();
  g_autoptr(GBytes) bytes = concat ("[\n{\"a\":1},\n", value, ",\n{\"b\":\"]\\n\"},\n{\"c\":3}\n]");
  g_autoptr(GPtrArray) all = read_all (bytes, ERRATA_RECORD_SYNTAX_JSON, 4096);

  /* The long value is skipped whole: what follows is cut as before. */
  g_assert_cmpuint (all->len, ==, 4);
  assert_good (all, 0, 2, "{\"a\":1}");
  assert_oversize (all, 1, 3);
  assert_good (all, 2, 4, "{\"b\":\"]\\n\"}");
  assert_good (all, 3, 5, "{\"c\":3}");
}

/* Top-level values one after another, without an array around them. */
static void
test_record_size_json_values (void)
{
  g_autoptr(GBytes) value = long_json_value ();
  g_autoptr(GBytes) bytes = concat ("{\"a\":1}\n", value, "\n{\"c\":3}\n");
  g_autoptr(GPtrArray) all = read_all (bytes, ERRATA_RECORD_SYNTAX_JSON, 4096);

  g_assert_cmpuint (all->len, ==, 3);
  assert_good (all, 0, 1, "{\"a\":1}");
  assert_oversize (all, 1, 2);
  assert_good (all, 2, 3, "{\"c\":3}");
}

static void
test_record_size_csv (void)
{
  GString *text = g_string_new ("id,text\n1,short\n2,\"");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) all = NULL;

  /* A quoted cell with commas, doubled quotes and newlines: the state
   * machine must keep its place while the bytes are dropped. */
  for (guint i = 0; i < 30000; i++)
    g_string_append (text, "a,\"\"b\n");
  g_string_append (text, "\"\n3,last\n");
  bytes = g_string_free_to_bytes (text);

  all = read_all (bytes, ERRATA_RECORD_SYNTAX_CSV, 4096);
  g_assert_cmpuint (all->len, ==, 3);
  assert_good (all, 0, 2, "{\"id\":\"1\",\"text\":\"short\"}");
  assert_oversize (all, 1, 3);
  assert_good (all, 2, 30004, "{\"id\":\"3\",\"text\":\"last\"}");
}

/* Through the importer: the setting reaches the reader, the file goes on. */
static void
test_importer_max_record_size (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *one = chat_line ("one");
  g_autofree char *pad = g_strnfill (100 * 1024, 'p');
  g_autofree char *two = chat_line (pad);
  g_autofree char *three = chat_line ("three");
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s\n", one, two, three);
  g_autofree char *path = errata_test_write_file (fixture->dir, "big.jsonl", text, -1);

  g_assert_cmpuint (errata_importer_get_max_record_size (importer), ==,
                    ERRATA_RECORD_DEFAULT_MAX_SIZE);
  errata_importer_set_max_record_size (importer, 8192);
  report = import_one (fixture->project, importer, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 2);
  assert_one_problem (report, 2, 2, "maximum record size of 8.0");
}

/* ---- files that are not files ------------------------------------------- */

static void
assert_not_regular (ErrataProject *project,
                    const char    *path)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataImportSample) sample = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  report = import_one (project, importer, path, &error);
  g_assert_null (report);
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  errata_importer_detect_format (file, NULL, &error);
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNREADABLE);
  g_clear_error (&error);

  sample = errata_import_sample_load (file, 10, NULL, &error);
  g_assert_null (sample);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpint (count_traces (project), ==, 0);
}

/* /dev/zero, directly and through a link: it never ends. */
static void
test_device (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "traces.jsonl", NULL);

  assert_not_regular (fixture->project, "/dev/zero");
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  assert_not_regular (fixture->project, link);
}

/* Opening a FIFO for reading blocks until a writer comes: never opened. */
static void
test_fifo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "traces.jsonl", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_not_regular (fixture->project, fifo);
}

/* In a folder, such entries are passed over and the real files come in. */
static void
test_folder_skips_devices (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "pairs", NULL);
  g_autofree char *link = g_build_filename (folder, "b.json", NULL);
  g_autofree char *fifo = g_build_filename (folder, "c.json", NULL);
  g_autofree char *good = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  good = errata_test_write_file (folder, "a.json",
                                 "{\"id\": \"a\", \"request\": {\"messages\": [{\"role\": \"user\", "
                                 "\"content\": \"q\"}]}, \"response\": {\"messages\": [{\"role\": "
                                 "\"assistant\", \"content\": \"r\"}]}}", -1);
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  report = import_one (fixture->project, importer, folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 1);
  g_assert_cmpint (count_traces (fixture->project), ==, 1);
}

/* ---- odd but valid JSON (each aborted under G_DEBUG=fatal-criticals) ------ */

static ErrataImportReport *
import_text (Fixture    *fixture,
             const char *name,
             const char *text)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = errata_test_write_file (fixture->dir, name, text, -1);
  ErrataImportReport *report = import_one (fixture->project, importer, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_langfuse_empty_choices (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ErrataImportReport) report =
    import_text (fixture, "langfuse.jsonl",
                 "{\"traceId\": \"t1\", \"observations\": [{\"type\": \"GENERATION\", "
                 "\"input\": {\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}, "
                 "\"output\": {\"choices\": []}}]}\n");

  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 1);
}

/* Non-objects where objects belong: in a response's choices, among
 * Langfuse observations and at every level of an OTel export. */
static void
test_non_object_elements (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataImportReport) openai =
    import_text (fixture, "pairs.jsonl",
                 "{\"id\": \"b\", \"request\": {\"messages\": [{\"role\": \"user\", "
                 "\"content\": \"q\"}]}, \"response\": {\"choices\": [5]}}\n");
  g_autoptr(ErrataImportReport) langfuse =
    import_text (fixture, "observations.jsonl",
                 "{\"id\": \"t2\", \"observations\": [7, {\"type\": \"GENERATION\", "
                 "\"input\": \"hi\", \"output\": {\"choices\": [null]}}]}\n");
  g_autoptr(ErrataImportReport) otel =
    import_text (fixture, "spans.jsonl",
                 "{\"resourceSpans\": [5, {\"scopeSpans\": [6, {\"spans\": [7, "
                 "{\"traceId\": \"abc\", \"spanId\": \"s1\", \"name\": \"chat\", "
                 "\"startTimeUnixNano\": {}, \"attributes\": [8, {\"key\": "
                 "\"input.value\", \"value\": {\"stringValue\": \"hello\"}}]}]}]}]}\n");

  /* Each is read to its end: a problem in words or a trace, no abort. */
  g_assert_cmpuint (errata_import_report_get_n_records (openai), ==, 1);
  g_assert_cmpuint (errata_import_report_get_n_records (langfuse), ==, 1);
  g_assert_cmpuint (errata_import_report_get_n_added (otel), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/input-limits" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/input-limits/depth/check", test_depth_check);
  g_test_add_func ("/input-limits/second-value", test_second_value);
  ADD ("/depth/jsonl", test_deep_jsonl);
  ADD ("/depth/json-array", test_deep_json_array);
  ADD ("/depth/csv-cell", test_deep_csv_cell);
  g_test_add_func ("/input-limits/record-size/default", test_default_record_size);
  g_test_add_func ("/input-limits/record-size/jsonl", test_record_size_jsonl);
  g_test_add_func ("/input-limits/record-size/json-array", test_record_size_json_array);
  g_test_add_func ("/input-limits/record-size/json-values", test_record_size_json_values);
  g_test_add_func ("/input-limits/record-size/csv", test_record_size_csv);
  ADD ("/record-size/importer", test_importer_max_record_size);
  ADD ("/not-regular/device", test_device);
  ADD ("/not-regular/fifo", test_fifo);
  ADD ("/not-regular/folder", test_folder_skips_devices);
  ADD ("/criticals/langfuse-empty-choices", test_langfuse_empty_choices);
  ADD ("/criticals/non-object-elements", test_non_object_elements);

  return g_test_run ();
}
