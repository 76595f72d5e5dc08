/* test-import-acceptance.c: the real recipe-chatbot traces, when present.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data lives outside the repository ($ERRATA_SHARED_DATA); a fresh
 * clone does not have it, so every test skips cleanly without it.
 */

#include "config.h"

#include "errata-importer.h"
#include "errata-test-utils.h"

static char *
shared_path (const char *name)
{
  const char *root = g_getenv ("ERRATA_SHARED_DATA");
  g_autofree char *path = NULL;

  if (root == NULL)
    return NULL;
  path = g_build_filename (root, "recipe-chatbot", name, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

static ErrataImportReport *
import_one (ErrataProject *project,
            const char    *name,
            const char    *map_spec)
{
  g_autofree char *path = shared_path (name);
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GError) error = NULL;
  ErrataImportReport *report;

  g_assert_nonnull (path);
  file = g_file_new_for_path (path);
  if (map_spec != NULL)
    {
      g_autoptr(ErrataFieldMap) map = errata_field_map_parse (map_spec, &error);

      g_assert_no_error (error);
      errata_importer_set_field_map (importer, map);
    }
  report = errata_importer_import (importer, project, &file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 0);
  return report;
}

static gboolean
skip_without_data (void)
{
  g_autofree char *path = shared_path ("");

  if (path != NULL)
    return FALSE;
  g_test_skip ("ERRATA_SHARED_DATA/recipe-chatbot is not here");
  return TRUE;
}

static void
test_nurtureboss (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataImportReport) again = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;
  ErrataProjectInfo info;
  guint with_tools = 0;
  guint with_url = 0;

  if (skip_without_data ())
    return;

  project = errata_test_new_project (&dir);
  report = import_one (project, "nurtureboss_traces.json", "note=Notes");
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 100);
  g_assert_cmpuint (errata_import_report_get_n_notes (report), ==, 5);
  g_assert_true (errata_project_get_info (project, &info, &error));
  g_assert_cmpint (info.traces, ==, 100);
  g_assert_cmpint (info.notes, ==, 5);

  /* Tool definitions are kept; nothing of the record is lost. */
  for (gint64 id = 1; id <= 100; id++)
    {
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, id, &error);

      g_assert_no_error (error);
      if (errata_trace_get_tools (trace) && json_array_get_length (errata_trace_get_tools (trace)) > 0)
        with_tools++;
      if (json_object_has_member (errata_trace_get_metadata (trace), "lsmith_url")
          && json_object_has_member (errata_trace_get_metadata (trace), "lsmith_id")
          && json_object_has_member (errata_trace_get_metadata (trace), "z_note"))
        with_url++;
    }
  g_assert_cmpuint (with_tools, ==, 100);
  g_assert_cmpuint (with_url, ==, 100);

  again = import_one (project, "nurtureboss_traces.json", "note=Notes");
  g_assert_cmpuint (errata_import_report_get_n_added (again), ==, 0);
  g_assert_cmpuint (errata_import_report_get_n_duplicates (again), ==, 100);

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_query_response (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  if (skip_without_data ())
    return;

  project = errata_test_new_project (&dir);
  report = import_one (project, "query_response.jsonl", "input=query,output=response");
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 250);
  trace = errata_project_find_trace (project, "query_response.jsonl", "SYN025", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 2);
  g_assert_cmpuint (errata_trace_get_output_chars (trace), >, 100);

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_agent_traces (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataImportReport) report = NULL;

  if (skip_without_data ())
    return;

  project = errata_test_new_project (&dir);
  report = import_one (project, "agent_traces.jsonl", NULL);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 96);
  g_assert_cmpstr (errata_import_report_get_format_name (report, 0), ==, "OpenAI chat (JSONL)");

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_request_response (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  if (skip_without_data ())
    return;

  project = errata_test_new_project (&dir);
  report = import_one (project, "request-response", NULL);
  g_assert_cmpuint (errata_import_report_get_n_files (report), ==, 60);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 60);
  /* The response repeats the request: system, user, assistant, once each. */
  trace = errata_project_find_trace (project, "request-response", "SYN025", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 3);
  g_assert_true (json_object_has_member (errata_trace_get_metadata (trace), "open_coding"));

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-acceptance/nurtureboss", test_nurtureboss);
  g_test_add_func ("/import-acceptance/query-response", test_query_response);
  g_test_add_func ("/import-acceptance/agent-traces", test_agent_traces);
  g_test_add_func ("/import-acceptance/request-response", test_request_response);

  return g_test_run ();
}
