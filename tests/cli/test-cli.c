/* test-cli.c: errata-cli's exit codes and messages, export round trips,
 * and crash safety of an import killed with SIGKILL.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "errata-test-utils.h"
#include "cli-test-utils.h"

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli", NULL);
}

static char *
write_openai_jsonl (const char *dir,
                    const char *name,
                    guint       n,
                    gboolean    with_bad_line)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (text,
                              "{\"id\": \"r%u\", \"messages\": ["
                              "{\"role\": \"user\", \"content\": \"find a flat number %u\"},"
                              "{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": ["
                              "{\"id\": \"c%u\", \"type\": \"function\", \"function\": "
                              "{\"name\": \"search_listings\", \"arguments\": \"{\\\"max\\\": %u}\"}}]},"
                              "{\"role\": \"tool\", \"tool_call_id\": \"c%u\", \"content\": \"[]\"},"
                              "{\"role\": \"assistant\", \"content\": \"Nothing matches under %u.\"}],"
                              " \"team\": \"leasing\"}\n", i, i, i, 1000 + i, i, 1000 + i);
      if (with_bad_line && i == 2)
        g_string_append (text, "{\"id\": \"broken\", \"messages\": [\n");
    }
  return errata_test_write_file (dir, name, text->str, text->len);
}

static void
test_usage_errors (void)
{
  CliResult r;

  r = cli_run (NULL, NULL);   /* no argument at all */
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Usage"));
  cli_result_clear (&r);

  r = cli_run ("frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "unknown command"));
  cli_result_clear (&r);

  r = cli_run ("import", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--map"));
  /* Every key --map takes is listed, verdict= and the transcript's too. */
  for (const char * const *key = (const char * const []) { "id=", "input=", "output=",
                                                          "messages=", "transcript=", "note=",
                                                          "verdict=", "user-marker=",
                                                          "assistant-marker=", "tool-marker=",
                                                          "system-marker=", "separator=", NULL };
       *key != NULL; key++)
    g_assert_nonnull (strstr (r.out, *key));
  cli_result_clear (&r);

  r = cli_run ("export", "nowhere.errata", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--format must be jsonl or csv"));
  cli_result_clear (&r);
}

static void
test_new_import_info_search (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.errata", NULL);
  g_autofree char *traces = write_openai_jsonl (dir, "traces.jsonl", 5, TRUE);
  g_autoptr(JsonNode) info = NULL;
  JsonObject *object;
  CliResult r;

  r = cli_run ("new", project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  r = cli_run ("new", project, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "already exists"));
  cli_result_clear (&r);

  /* One bad record: the good ones go in, the bad one is named, status 1. */
  r = cli_run ("import", project, traces, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "traces.jsonl"));
  g_assert_nonnull (strstr (r.err, "line 4"));
  g_assert_nonnull (strstr (r.out, "5 added"));
  cli_result_clear (&r);

  r = cli_run ("info", project, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  info = json_from_string (r.out, NULL);
  g_assert_nonnull (info);
  object = json_node_get_object (info);
  g_assert_cmpint (json_object_get_int_member (object, "traces"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (object, "annotated"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "notes"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "schema_version"), ==,
                   ERRATA_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (json_object_get_int_member (object, "file_size"), >, 0);
  cli_result_clear (&r);

  r = cli_run ("search", project, "1003", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"external_id\" : \"r3\""));
  g_assert_null (strstr (r.out, "\"r4\""));
  cli_result_clear (&r);

  r = cli_run ("info", traces, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "not an Errata project"));
  cli_result_clear (&r);

  r = cli_run ("import", project, "/nonexistent/file.jsonl", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);

  errata_test_remove_tree (dir);
}

static char *
instrumented_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "import", "data", "instrumented", name, NULL);
}

/* Spans whose messages went to log events: every trace is skipped with the
 * fix named, the summary counts traces, and the status says not all went
 * in; with the logs beside them, all go in. */
static void
test_import_otel_summary (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.errata", NULL);
  g_autofree char *spans = instrumented_path ("opentelemetry.json");
  g_autofree char *logs = instrumented_path ("opentelemetry-logs.json");
  CliResult r;

  r = cli_run ("new", project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  r = cli_run ("import", project, spans, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "Found 8 traces in 1 file: 0 added, 0 already in the project, 8 skipped"));
  g_assert_nonnull (strstr (r.out, "OpenTelemetry spans (JSON)"));
  g_assert_nonnull (strstr (r.err, "ExportLogsServiceRequest"));
  cli_result_clear (&r);

  r = cli_run ("import", project, spans, logs, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Found 8 traces in 2 files: 8 added, 0 already in the project, 0 skipped"));
  cli_result_clear (&r);

  errata_test_remove_tree (dir);
}

/* --max-record-size and files that are not files, as a script meets them. */
static void
test_import_limits (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.errata", NULL);
  g_autofree char *traces = write_openai_jsonl (dir, "traces.jsonl", 3, FALSE);
  g_autofree char *pad = g_strnfill (4000, 'x');
  g_autofree char *big_line = g_strdup_printf ("{\"id\": \"big\", \"messages\": [{\"role\": "
                                               "\"user\", \"content\": \"%s\"}]}\n", pad);
  g_autofree char *big = errata_test_write_file (dir, "big.jsonl", big_line, -1);
  CliResult r;

  r = cli_run ("new", project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  r = cli_run ("import", project, "--max-record-size", "lots", traces, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“lots” is not a size"));
  cli_result_clear (&r);

  r = cli_run ("import", project, "--max-record-size", "1K", traces, big, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "3 added"));
  g_assert_nonnull (strstr (r.err, "big.jsonl: record 1 (line 1)"));
  g_assert_nonnull (strstr (r.err, "maximum record size of 1.0"));
  cli_result_clear (&r);

  r = cli_run ("import", project, "--max-record-size", "64M", big, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "1 added"));
  cli_result_clear (&r);

  r = cli_run ("import", project, "/dev/zero", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "/dev/zero: not a regular file"));
  cli_result_clear (&r);

  errata_test_remove_tree (dir);
}

static char *
export_to_string (const char *project,
                  const char *format)
{
  CliResult r = cli_run ("export", project, "--format", format, NULL);
  char *out;

  g_assert_cmpint (r.status, ==, 0);
  out = g_steal_pointer (&r.out);
  cli_result_clear (&r);
  return out;
}

static void
test_export_round_trip (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *first = g_build_filename (dir, "first.errata", NULL);
  g_autofree char *second = g_build_filename (dir, "second.errata", NULL);
  g_autofree char *traces = write_openai_jsonl (dir, "traces.jsonl", 4, FALSE);
  g_autofree char *exported_path = g_build_filename (dir, "export.jsonl", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *again = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) csv_lines = NULL;
  CliResult r;

  r = cli_run ("new", first, NULL);
  cli_result_clear (&r);
  r = cli_run ("new", second, NULL);
  cli_result_clear (&r);
  r = cli_run ("import", first, traces, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  r = cli_run ("export", first, "--format", "jsonl", "-o", exported_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  g_assert_true (g_file_get_contents (exported_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "search_listings"));
  g_assert_nonnull (strstr (exported, "\"team\":\"leasing\""));

  /* JSONL re-imports to identical traces: exporting again gives the same text. */
  r = cli_run ("import", second, exported_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  again = export_to_string (second, "jsonl");
  g_assert_cmpstr (again, ==, exported);

  csv = export_to_string (first, "csv");
  g_assert_true (g_str_has_prefix (csv, "id,source,input,output,messages,"));
  csv_lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (csv_lines), ==, 6);
  errata_test_remove_tree (dir);
}

static guint
read_saved_count (GDataInputStream *err)
{
  g_autofree char *line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, NULL);

  if (line == NULL)
    return 0;
  return (guint)g_ascii_strtoull (line, NULL, 10);
}

/* A child killed with SIGKILL in the middle of an import leaves a file that
 * opens, passes integrity_check and holds exactly the committed batches. */
static void
test_sigkill_mid_import (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "crash.errata", NULL);
  g_autofree char *traces = write_openai_jsonl (dir, "many.jsonl", 40000, FALSE);
  g_autofree char *cli = cli_path ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(ErrataProject) reopened = NULL;
  const guint batch = 250;
  guint last_saved = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;
  CliResult r;

  r = cli_run ("new", project, NULL);
  cli_result_clear (&r);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "ERRATA_IMPORT_BATCH_SIZE", "250", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, cli, "import", "--progress",
                                       project, traces, NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (child));

  /* Let a few batches land, then kill without warning. */
  while (last_saved < 5 * batch)
    {
      guint saved = read_saved_count (err);

      g_assert_cmpuint (saved, >, last_saved);
      last_saved = saved;
    }
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  g_assert_cmpint (sqlite3_open (project, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  reopened = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  count = errata_project_count_traces (reopened, NULL, &error);
  /* The batch being written when the signal came may have committed after
   * its line was printed; nothing in between can exist. */
  g_assert_cmpint (count % batch, ==, 0);
  g_assert_cmpint (count, >=, last_saved);
  g_assert_cmpint (count, <, 40000);
  /* What is there is the start of the file, in its order, and searchable. */
  for (gint64 i = 0; i <= count; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%" G_GINT64_FORMAT, i);
      g_autoptr(ErrataTrace) trace = errata_project_find_trace (reopened, "many.jsonl", id, NULL);

      g_assert_true ((trace != NULL) == (i < count));
      if (trace != NULL)
        g_assert_cmpint (errata_trace_get_id (trace), ==, i + 1);
    }
  {
    g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();

    errata_trace_query_set_text (query, "flat");
    g_assert_cmpint (errata_project_count_traces (reopened, query, &error), ==, count);
    g_assert_no_error (error);
  }
  g_test_message ("killed after %u saved; file holds %" G_GINT64_FORMAT, last_saved, count);
  errata_project_close (reopened);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/new-import-info-search", test_new_import_info_search);
  g_test_add_func ("/cli/export-round-trip", test_export_round_trip);
  g_test_add_func ("/cli/import-limits", test_import_limits);
  g_test_add_func ("/cli/import-otel-summary", test_import_otel_summary);
  g_test_add_func ("/cli/sigkill-mid-import", test_sigkill_mid_import);

  return g_test_run ();
}
