/* test-exporter.c: traces out as JSONL (which re-imports to the same
 * traces and notes) and as CSV (RFC 4180 quoting).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <string.h>

#include "errata-exporter.h"
#include "errata-importer.h"
#include "errata-test-utils.h"

typedef struct
{
  char          *dir;
  ErrataProject *project;
} Fixture;

/* Two traces; the second has a note with a comma, quotes and a newline. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) first = errata_test_new_trace ("a1", "What is 2+2?", "4");
  g_autoptr(ErrataTrace) second = errata_test_new_trace ("a2", "Capital of France?", "Lyon");
  g_autoptr(ErrataAnnotation) annotation = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  errata_trace_set_cost (first, 0.0123);
  g_assert_true (errata_project_add_trace (fixture->project, first, NULL, &error));
  g_assert_true (errata_project_add_trace (fixture->project, second, NULL, &error));
  g_assert_no_error (error);
  annotation = errata_annotation_new (errata_trace_get_id (second), "Ada");
  annotation->verdict = ERRATA_VERDICT_FAIL;
  g_free (annotation->note);
  annotation->note = g_strdup ("wrong city, \"Lyon\"\nshould be Paris");
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
export_to_string (ErrataProject      *project,
                  ErrataExportFormat  format,
                  gint64             *written)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  *written = errata_export_traces (project, format, stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  /* NUL-terminate the stolen data. */
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

static void
test_jsonl_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataProject) copy = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *copy_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gint64 written = 0;
  gint64 id = 0;

  text = export_to_string (fixture->project, ERRATA_EXPORT_FORMAT_JSONL, &written);
  g_assert_cmpint (written, ==, 2);
  path = errata_test_write_file (fixture->dir, "export.jsonl", text, -1);
  file = g_file_new_for_path (path);

  copy = errata_test_new_project (&copy_dir);
  report = errata_importer_import (importer, copy, &file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 2);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 0);

  trace = errata_project_find_trace (copy, "export.jsonl", "a2", &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  id = errata_trace_get_id (trace);
  g_assert_cmpstr (errata_trace_get_input (trace), ==, "Capital of France?");
  g_assert_cmpstr (errata_trace_get_output (trace), ==, "Lyon");
  annotations = errata_project_list_annotations (copy, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 1);
  g_assert_cmpstr (((ErrataAnnotation *)annotations->pdata[0])->annotator, ==, "Ada");
  g_assert_cmpstr (((ErrataAnnotation *)annotations->pdata[0])->note, ==,
                   "wrong city, \"Lyon\"\nshould be Paris");
  g_assert_cmpint (((ErrataAnnotation *)annotations->pdata[0])->verdict, ==, ERRATA_VERDICT_FAIL);

  errata_project_close (copy);
  errata_test_remove_tree (copy_dir);
}

static void
test_csv_quoting (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  gint64 written = 0;

  text = export_to_string (fixture->project, ERRATA_EXPORT_FORMAT_CSV, &written);
  g_assert_cmpint (written, ==, 2);
  g_assert_true (g_str_has_prefix (text, "id,source,input,output,messages,metadata,"));
  lines = g_strsplit (text, "\r\n", -1);
  /* Header, two records (the note's newline stays inside its quotes), "". */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[1], "a1,"));
  g_assert_true (g_str_has_prefix (lines[2], "a2,"));
  g_assert_nonnull (strstr (lines[2], ",Ada,fail,\"wrong city, \"\"Lyon\"\"\nshould be Paris\","));
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_nonnull (strstr (lines[1], ",0.0123,"));
}

/* A CSV file is for programs: a German user's export writes 0.0123, not
 * 0,0123 (where the machine has a German locale to try it with). */
static void
test_csv_locale (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *text = NULL;
  gint64 written = 0;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale on this machine");
      return;
    }
  text = export_to_string (fixture->project, ERRATA_EXPORT_FORMAT_CSV, &written);
  setlocale (LC_NUMERIC, before);
  g_assert_nonnull (strstr (text, ",0.0123,"));
  g_assert_null (strstr (text, "0,0123"));
}

static void
test_format_names (void)
{
  ErrataExportFormat format = ERRATA_EXPORT_FORMAT_CSV;

  g_assert_true (errata_export_format_from_string ("jsonl", &format));
  g_assert_cmpint (format, ==, ERRATA_EXPORT_FORMAT_JSONL);
  g_assert_true (errata_export_format_from_string ("csv", &format));
  g_assert_cmpint (format, ==, ERRATA_EXPORT_FORMAT_CSV);
  g_assert_false (errata_export_format_from_string ("xlsx", &format));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exporter/jsonl-round-trip", Fixture, NULL, fixture_set_up,
              test_jsonl_round_trip, fixture_tear_down);
  g_test_add ("/exporter/csv-locale", Fixture, NULL, fixture_set_up, test_csv_locale,
              fixture_tear_down);
  g_test_add ("/exporter/csv-quoting", Fixture, NULL, fixture_set_up, test_csv_quoting,
              fixture_tear_down);
  g_test_add_func ("/exporter/format-names", test_format_names);
  return g_test_run ();
}
