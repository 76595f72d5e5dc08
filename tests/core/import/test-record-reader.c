/* test-record-reader.c: streaming JSONL, JSON and CSV records.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-record-reader.h"

typedef struct
{
  guint  number;
  guint  line;
  char  *json;    /* compact JSON of the node, or NULL */
  char  *error;
} Seen;

static void
seen_free (gpointer data)
{
  Seen *seen = data;

  g_free (seen->json);
  g_free (seen->error);
  g_free (seen);
}

/* Reads all records of `data`, fed in small chunks so that records cross
 * buffer refills. */
static GPtrArray *
read_all (const char         *data,
          gssize              len,
          ErrataRecordSyntax  syntax,
          ErrataRecordSyntax *used)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(ErrataRecordReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *all = g_ptr_array_new_with_free_func (seen_free);
  ErrataRecord record = { 0, };

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  reader = errata_record_reader_new (stream, syntax);
  while (errata_record_reader_next (reader, &record, NULL, &error))
    {
      Seen *seen = g_new0 (Seen, 1);

      seen->number = record.number;
      seen->line = record.line;
      seen->json = record.node ? json_to_string (record.node, FALSE) : NULL;
      seen->error = g_strdup (record.error);
      g_assert_true ((record.node == NULL) != (record.error == NULL));
      g_ptr_array_add (all, seen);
    }
  g_assert_no_error (error);
  errata_record_clear (&record);
  if (used)
    *used = errata_record_reader_get_syntax (reader);
  return all;
}

static Seen *
at (GPtrArray *all,
    guint      index)
{
  g_assert_cmpuint (index, <, all->len);
  return g_ptr_array_index (all, index);
}

static void
test_jsonl (void)
{
  g_autoptr(GPtrArray) all = NULL;
  ErrataRecordSyntax used;

  /* BOM, CRLF, a blank line, a bad line, and a last line without newline. */
  all = read_all ("\xef\xbb\xbf{\"a\":1}\r\n\r\n{\"a\":2}\r\n{\"a\":\r\n{\"a\":\"\xc3\xa9\"}",
                  -1, ERRATA_RECORD_SYNTAX_AUTO, &used);
  g_assert_cmpint (used, ==, ERRATA_RECORD_SYNTAX_JSONL);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (at (all, 0)->json, ==, "{\"a\":1}");
  g_assert_cmpuint (at (all, 0)->line, ==, 1);
  g_assert_cmpuint (at (all, 1)->number, ==, 2);
  g_assert_cmpuint (at (all, 1)->line, ==, 3);
  g_assert_null (at (all, 2)->json);
  g_assert_cmpuint (at (all, 2)->line, ==, 4);
  g_assert_true (g_str_has_prefix (at (all, 2)->error, "not valid JSON: "));
  g_assert_cmpstr (at (all, 3)->json, ==, "{\"a\":\"\xc3\xa9\"}");
  g_assert_cmpuint (at (all, 3)->number, ==, 4);
}

/* A .json file that is not JSON is reported as broken JSON, not read as a
 * one-column CSV with no records; .json may still hold JSONL. */
static void
test_json_name_never_csv (void)
{
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  ErrataRecordSyntax used;

  g_assert_cmpint (errata_record_syntax_from_name ("x.JSON"), ==, ERRATA_RECORD_SYNTAX_ANY_JSON);
  broken = read_all ("not json at all\n", -1, ERRATA_RECORD_SYNTAX_ANY_JSON, &used);
  g_assert_cmpint (used, ==, ERRATA_RECORD_SYNTAX_JSON);
  g_assert_cmpuint (broken->len, ==, 1);
  g_assert_null (at (broken, 0)->json);
  g_assert_true (g_str_has_prefix (at (broken, 0)->error, "not valid JSON"));

  lines = read_all ("{\"a\":1}\n{\"a\":2}\n", -1, ERRATA_RECORD_SYNTAX_ANY_JSON, &used);
  g_assert_cmpint (used, ==, ERRATA_RECORD_SYNTAX_JSONL);
  g_assert_cmpuint (lines->len, ==, 2);
}

static void
test_jsonl_truncated (void)
{
  g_autoptr(GPtrArray) all = read_all ("{\"a\":1}\n{\"a\":[1,2", -1, ERRATA_RECORD_SYNTAX_JSONL, NULL);

  g_assert_cmpuint (all->len, ==, 2);
  g_assert_nonnull (at (all, 0)->json);
  g_assert_null (at (all, 1)->json);
  g_assert_cmpuint (at (all, 1)->line, ==, 2);
  g_assert_nonnull (strstr (at (all, 1)->error, "truncated"));
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) all = read_all ("{\"a\":\"ok\"}\n{\"a\":\"\xff\xfe\"}\n{\"a\":\"ok\"}\n",
                                       -1, ERRATA_RECORD_SYNTAX_JSONL, NULL);

  g_assert_cmpuint (all->len, ==, 3);
  g_assert_nonnull (at (all, 0)->json);
  g_assert_null (at (all, 1)->json);
  g_assert_nonnull (strstr (at (all, 1)->error, "not valid UTF-8 (at byte 7"));
  g_assert_nonnull (at (all, 2)->json);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) none = read_all ("", 0, ERRATA_RECORD_SYNTAX_AUTO, NULL);
  g_autoptr(GPtrArray) blank = read_all ("\xef\xbb\xbf\n  \r\n\n", -1, ERRATA_RECORD_SYNTAX_JSONL, NULL);
  g_autoptr(GPtrArray) csv = read_all ("", 0, ERRATA_RECORD_SYNTAX_CSV, NULL);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (csv->len, ==, 0);
}

static void
test_json_array (void)
{
  g_autoptr(GPtrArray) all = NULL;
  ErrataRecordSyntax used;

  all = read_all ("[\n  {\"s\": \"a ] } , \\\" [\",\n   \"n\": [1, {\"x\": 2}]},\n"
                  "  {\"bad\": nope},\n  7,\n  \"text\",\n  {\"last\": true}\n]\n",
                  -1, ERRATA_RECORD_SYNTAX_AUTO, &used);
  g_assert_cmpint (used, ==, ERRATA_RECORD_SYNTAX_JSON);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpstr (at (all, 0)->json, ==, "{\"s\":\"a ] } , \\\" [\",\"n\":[1,{\"x\":2}]}");
  g_assert_cmpuint (at (all, 0)->line, ==, 2);
  g_assert_null (at (all, 1)->json);
  g_assert_cmpuint (at (all, 1)->line, ==, 4);
  g_assert_cmpuint (at (all, 1)->number, ==, 2);
  g_assert_cmpstr (at (all, 2)->json, ==, "7");
  g_assert_cmpstr (at (all, 3)->json, ==, "\"text\"");
  g_assert_cmpstr (at (all, 4)->json, ==, "{\"last\":true}");
  g_assert_cmpuint (at (all, 4)->line, ==, 7);
}

static void
test_json_array_truncated (void)
{
  g_autoptr(GPtrArray) all = read_all ("[{\"a\":1},{\"a\":\"unfinished", -1, ERRATA_RECORD_SYNTAX_JSON, NULL);

  g_assert_cmpuint (all->len, ==, 2);
  g_assert_nonnull (at (all, 0)->json);
  g_assert_null (at (all, 1)->json);
  g_assert_nonnull (strstr (at (all, 1)->error, "truncated"));
}

static void
test_single_object (void)
{
  g_autoptr(GPtrArray) all = NULL;
  ErrataRecordSyntax used;

  all = read_all ("{\n  \"request\": {\"messages\": []},\n  \"id\": \"x\"\n}\n", -1,
                  ERRATA_RECORD_SYNTAX_AUTO, &used);
  g_assert_cmpint (used, ==, ERRATA_RECORD_SYNTAX_JSON);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (at (all, 0)->json, ==, "{\"request\":{\"messages\":[]},\"id\":\"x\"}");
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) all = NULL;

  all = read_all ("\xef\xbb\xbfid,query,response\r\n"
                  "1,\"Hello, world\",\"He said \"\"hi\"\"\"\r\n"
                  "2,\"two\r\nlines\",plain\r\n"
                  "\r\n"
                  "3,only two\r\n"
                  "4,\"\",\"last\"",
                  -1, ERRATA_RECORD_SYNTAX_CSV, NULL);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (at (all, 0)->json, ==, "{\"id\":\"1\",\"query\":\"Hello, world\",\"response\":\"He said \\\"hi\\\"\"}");
  g_assert_cmpuint (at (all, 0)->line, ==, 2);
  g_assert_cmpstr (at (all, 1)->json, ==, "{\"id\":\"2\",\"query\":\"two\\r\\nlines\",\"response\":\"plain\"}");
  g_assert_cmpuint (at (all, 1)->line, ==, 3);
  g_assert_null (at (all, 2)->json);
  g_assert_cmpuint (at (all, 2)->line, ==, 6);
  g_assert_cmpstr (at (all, 2)->error, ==, "has 2 fields, but the header row has 3");
  g_assert_cmpstr (at (all, 3)->json, ==, "{\"id\":\"4\",\"query\":\"\",\"response\":\"last\"}");
}

static void
test_csv_unterminated (void)
{
  g_autoptr(GPtrArray) all = read_all ("a,b\n1,\"never closed\n", -1, ERRATA_RECORD_SYNTAX_CSV, NULL);

  g_assert_cmpuint (all->len, ==, 1);
  g_assert_nonnull (strstr (at (all, 0)->error, "not closed"));
}

static char *
big_text (gsize size)
{
  char *text = g_malloc (size + 1);

  for (gsize i = 0; i < size; i++)
    text[i] = 'a' + (i % 26);
  text[size] = '\0';
  return text;
}

static void
test_big_field (void)
{
  const gsize size = 10 * 1024 * 1024;
  g_autofree char *text = big_text (size);
  g_autofree char *jsonl = g_strdup_printf ("{\"a\":1}\n{\"big\":\"%s\"}\n{\"a\":3}\n", text);
  g_autofree char *csv = g_strdup_printf ("id,big\n1,\"%s\"\n2,x\n", text);
  g_autoptr(GPtrArray) from_jsonl = read_all (jsonl, -1, ERRATA_RECORD_SYNTAX_JSONL, NULL);
  g_autoptr(GPtrArray) from_csv = read_all (csv, -1, ERRATA_RECORD_SYNTAX_CSV, NULL);

  g_assert_cmpuint (from_jsonl->len, ==, 3);
  g_assert_cmpuint (strlen (at (from_jsonl, 1)->json), ==, size + strlen ("{\"big\":\"\"}"));
  g_assert_cmpuint (at (from_jsonl, 2)->line, ==, 3);
  g_assert_cmpuint (from_csv->len, ==, 2);
  g_assert_cmpuint (strlen (at (from_csv, 0)->json), ==, size + strlen ("{\"id\":\"1\",\"big\":\"\"}"));
  g_assert_cmpstr (at (from_csv, 1)->json, ==, "{\"id\":\"2\",\"big\":\"x\"}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-reader/jsonl", test_jsonl);
  g_test_add_func ("/record-reader/jsonl/truncated", test_jsonl_truncated);
  g_test_add_func ("/record-reader/json-name-never-csv", test_json_name_never_csv);
  g_test_add_func ("/record-reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/record-reader/empty", test_empty);
  g_test_add_func ("/record-reader/json-array", test_json_array);
  g_test_add_func ("/record-reader/json-array/truncated", test_json_array_truncated);
  g_test_add_func ("/record-reader/single-object", test_single_object);
  g_test_add_func ("/record-reader/csv", test_csv);
  g_test_add_func ("/record-reader/csv/unterminated", test_csv_unterminated);
  g_test_add_func ("/record-reader/big-field", test_big_field);

  return g_test_run ();
}
