/* test-project.c: creating, opening, refusing and writing project files.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "errata-project-private.h"
#include "errata-project-schema.h"
#include "errata-test-utils.h"

static GFile *
project_file_in (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "test.errata", NULL);

  return g_file_new_for_path (path);
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
page_size_of (ErrataProject *project)
{
  g_autoptr(GError) error = NULL;
  gint64 page_size = 0;

  g_assert_true (_errata_project_query_int (project, "PRAGMA page_size", &page_size, &error));
  g_assert_no_error (error);
  return page_size;
}

static gint64
raw_page_size (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page_size;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page_size;
}

/* A new project gets ERRATA_PROJECT_PAGE_SIZE and keeps it. */
static void
test_create_and_reopen (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GFile) file = project_file_in (dir);
  g_autoptr(ErrataProject) reopened = NULL;
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t1", "hello", "hi there");
  g_autoptr(GError) error = NULL;
  g_autofree char *created_by = NULL;
  ErrataProjectInfo info;
  gboolean added = FALSE;

  g_assert_cmpint (errata_project_get_schema_version (project), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  g_assert_true (errata_project_add_trace (project, trace, &added, &error));
  g_assert_no_error (error);
  g_assert_true (added);
  g_assert_cmpint (errata_trace_get_id (trace), >, 0);
  g_assert_cmpint (page_size_of (project), ==, ERRATA_PROJECT_PAGE_SIZE);
  errata_project_close (project);

  reopened = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (page_size_of (reopened), ==, ERRATA_PROJECT_PAGE_SIZE);
  g_assert_true (errata_project_get_info (reopened, &info, &error));
  g_assert_cmpint (info.traces, ==, 1);
  g_assert_cmpint (info.schema_version, ==, ERRATA_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (info.file_size, >, 0);
  created_by = errata_project_get_meta (reopened, "created_by");
  g_assert_true (g_str_has_prefix (created_by, "Errata "));

  errata_project_close (reopened);
  errata_test_remove_tree (dir);
}

static void
test_create_refuses_existing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GFile) file = project_file_in (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) second = errata_project_create (file, &error);

  g_assert_null (second);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_EXISTS);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
assert_open_fails (const char         *path,
                   ErrataProjectError  code,
                   const char         *message_part)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);

  g_assert_null (project);
  g_assert_error (error, ERRATA_PROJECT_ERROR, (int)code);
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_refuses_non_sqlite (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *text = errata_test_write_file (dir, "notes.errata", "just some text\n", -1);
  g_autofree char *empty = errata_test_write_file (dir, "empty.errata", "", 0);
  g_autofree char *missing = g_build_filename (dir, "missing.errata", NULL);

  assert_open_fails (text, ERRATA_PROJECT_ERROR_NOT_SQLITE, "not an SQLite database");
  assert_open_fails (empty, ERRATA_PROJECT_ERROR_NOT_SQLITE, "not an SQLite database");
  assert_open_fails (missing, ERRATA_PROJECT_ERROR_NOT_FOUND, "does not exist");
  errata_test_remove_tree (dir);
}

static void
test_refuses_other_sqlite (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);

  exec_raw (path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_open_fails (path, ERRATA_PROJECT_ERROR_NOT_ERRATA, "not an Errata project");
  errata_test_remove_tree (dir);
}

static void
test_refuses_newer_schema (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *path = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          ERRATA_PROJECT_SCHEMA_VERSION + 1);

  errata_project_close (project);
  exec_raw (path, sql);
  assert_open_fails (path, ERRATA_PROJECT_ERROR_TOO_NEW, "newer version of Errata");
  errata_test_remove_tree (dir);
}

static void
test_refuses_corrupt (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *path = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  errata_project_close (project);
  /* Fold the WAL into the main file so the damage below hits real pages. */
  exec_raw (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  /* Keep the 100-byte header (so it still looks like ours), trash the
   * rest of the first page, which holds the schema. */
  memset (contents + 100, 0xA5, 4096 - 100);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  assert_open_fails (path, ERRATA_PROJECT_ERROR_CORRUPT, "damaged");
  errata_test_remove_tree (dir);
}

static void
test_migrates_old_file (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 0;",
                                          ERRATA_PROJECT_APPLICATION_ID);

  gint64 old_page_size;

  /* A version 0 file: ours, but with no tables yet, and SQLite's default
   * page size, which it keeps. */
  exec_raw (path, sql);
  old_page_size = raw_page_size (path);
  g_assert_cmpint (old_page_size, !=, ERRATA_PROJECT_PAGE_SIZE);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY);
  g_assert_null (project);
  g_clear_error (&error);

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_get_schema_version (project), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (errata_project_count_traces (project, NULL, &error), ==, 0);
  g_assert_cmpint (page_size_of (project), ==, old_page_size);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A version 1 file with a trace and a note gains the axial-coding tables
 * and keeps its data. */
static void
test_migrates_v1_keeping_data (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v1.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autofree char *sql = g_strdup_printf ("%s PRAGMA application_id = %d; PRAGMA user_version = 1;"
                                          "INSERT INTO traces (external_id, imported_at, sample_key)"
                                          " VALUES ('old', 0, 1);"
                                          "INSERT INTO annotations (trace_id, annotator, verdict,"
                                          " note, created_at, updated_at)"
                                          " VALUES (1, 'Ada', 'fail', 'kept', 0, 0);",
                                          errata_project_migrations[1],
                                          ERRATA_PROJECT_APPLICATION_ID);

  exec_raw (path, sql);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_get_schema_version (project), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (errata_project_count_traces (project, NULL, &error), ==, 1);
  annotation = errata_project_get_annotation (project, 1, "Ada", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (annotation->note, ==, "kept");
  g_assert_true (errata_project_set_meta (project, "probe", "x", &error));
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* Version 3 keeps a version 2 file's explicit labels (now per target),
 * marks the annotations of the default import annotator as imported and
 * gives the project an identity. */
static void
test_migrates_v2_to_v3 (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v2.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataAnnotation) imported = NULL;
  g_autoptr(ErrataAnnotation) review = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *sql = g_strdup_printf ("%s %s PRAGMA application_id = %d; PRAGMA user_version = 2;"
                                          "INSERT INTO traces (external_id, imported_at, sample_key)"
                                          " VALUES ('old', 0, 1);"
                                          "INSERT INTO annotations (trace_id, annotator, verdict,"
                                          " note, created_at, updated_at)"
                                          " VALUES (1, 'import', 'pass', '', 0, 0),"
                                          " (1, 'Ada', 'fail', 'late', 0, 0);"
                                          "INSERT INTO failure_modes (id, name, created_at)"
                                          " VALUES (4, 'Late', 0);"
                                          "INSERT INTO labels VALUES (1, 4, 'fail', 'Ada', 0);",
                                          errata_project_migrations[1],
                                          errata_project_migrations[2],
                                          ERRATA_PROJECT_APPLICATION_ID);
  gint64 n = 0;

  exec_raw (path, sql);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  imported = errata_project_get_annotation (project, 1, "import", &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported->origin, ==, ERRATA_ORIGIN_IMPORTED);
  review = errata_project_get_annotation (project, 1, "Ada", &error);
  g_assert_no_error (error);
  g_assert_cmpint (review->origin, ==, ERRATA_ORIGIN_HERE);
  g_assert_true (_errata_project_query_int (project, "SELECT count (*) FROM explicit_labels"
                                            " WHERE target = 4 AND trace_id = 1 AND value = 'fail'",
                                            &n, &error));
  g_assert_cmpint (n, ==, 1);
  project_id = errata_project_get_meta (project, "project_id");
  g_assert_nonnull (project_id);
  g_assert_cmpuint (strlen (project_id), ==, 32);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A trace as a user names it: a unique external id, or #ID. */
static void
test_lookup_trace (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTrace) first = errata_test_new_trace ("same", "q", "a");
  g_autoptr(ErrataTrace) other = errata_test_new_trace ("same", "q", "a");
  g_autoptr(ErrataTrace) unique = errata_test_new_trace ("only", "q", "a");
  g_autoptr(ErrataTrace) found = NULL;
  g_autofree char *by_id = NULL;
  g_autoptr(GError) error = NULL;

  errata_trace_set_source (other, "another file");
  g_assert_true (errata_project_add_trace (project, first, NULL, &error));
  g_assert_true (errata_project_add_trace (project, other, NULL, &error));
  g_assert_true (errata_project_add_trace (project, unique, NULL, &error));

  found = errata_project_lookup_trace (project, "only", &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_trace_get_id (found), ==, errata_trace_get_id (unique));
  g_clear_object (&found);
  g_assert_null (errata_project_lookup_trace (project, "same", &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "#12"));
  g_clear_error (&error);
  by_id = g_strdup_printf ("#%" G_GINT64_FORMAT, errata_trace_get_id (other));
  found = errata_project_lookup_trace (project, by_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_source (found), ==, "another file");
  g_assert_null (errata_project_lookup_trace (project, "nobody", &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_read_only_refuses_writes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GFile) file = project_file_in (dir);
  g_autoptr(ErrataProject) ro = NULL;
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t1", "a", "b");
  g_autoptr(GError) error = NULL;

  errata_project_close (project);
  ro = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (errata_project_is_read_only (ro));
  g_assert_false (errata_project_add_trace (ro, trace, NULL, &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY);
  errata_project_close (ro);
  errata_test_remove_tree (dir);
}

static void
test_duplicates_are_ignored (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTrace) first = errata_test_new_trace ("same", "q", "a");
  g_autoptr(ErrataTrace) again = errata_test_new_trace ("same", "q2", "a2");
  g_autoptr(ErrataTrace) other_source = errata_test_new_trace ("same", "q", "a");
  g_autoptr(GError) error = NULL;
  gboolean added = TRUE;

  g_assert_true (errata_project_add_trace (project, first, &added, &error));
  g_assert_true (added);
  g_assert_true (errata_project_add_trace (project, again, &added, &error));
  g_assert_no_error (error);
  g_assert_false (added);
  g_assert_cmpint (errata_trace_get_id (again), ==, errata_trace_get_id (first));
  errata_trace_set_source (other_source, "another file");
  g_assert_true (errata_project_add_trace (project, other_source, &added, &error));
  g_assert_true (added);
  g_assert_cmpint (errata_project_count_traces (project, NULL, &error), ==, 2);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_rollback_keeps_committed (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_project_begin (project, &error));
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("kept-%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "q", "a");

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
    }
  g_assert_true (errata_project_commit (project, &error));

  g_assert_true (errata_project_begin (project, &error));
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("lost-%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "q", "a");

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
    }
  errata_project_rollback (project);

  g_assert_cmpint (errata_project_count_traces (project, NULL, &error), ==, 10);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_get_trace_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("rt", "Where is **it**?", "Here.");
  g_autoptr(ErrataTrace) loaded = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (errata_trace_get_metadata (trace), "customer", "acme");
  errata_trace_set_latency_ms (trace, 1234);
  errata_trace_set_tokens_in (trace, 10);
  errata_trace_set_cost (trace, 0.5);
  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));

  loaded = errata_project_get_trace (project, errata_trace_get_id (trace), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_external_id (loaded), ==, "rt");
  g_assert_cmpstr (errata_trace_get_input (loaded), ==, "Where is **it**?");
  g_assert_cmpstr (errata_trace_get_output (loaded), ==, "Here.");
  g_assert_cmpuint (errata_trace_get_n_messages (loaded), ==, 2);
  g_assert_cmpint (errata_trace_get_latency_ms (loaded), ==, 1234);
  g_assert_cmpint (errata_trace_get_tokens_in (loaded), ==, 10);
  g_assert_cmpint (errata_trace_get_tokens_out (loaded), ==, -1);
  g_assert_cmpfloat (errata_trace_get_cost (loaded), ==, 0.5);
  g_assert_cmpstr (json_object_get_string_member (errata_trace_get_metadata (loaded), "customer"),
                   ==, "acme");

  g_assert_null (errata_project_get_trace (project, 999, &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_annotations (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("a1", "q", "a");
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autoptr(ErrataAnnotation) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  ErrataProjectInfo info;

  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  annotation = errata_annotation_new (errata_trace_get_id (trace), "Ada");
  annotation->verdict = ERRATA_VERDICT_FAIL;
  g_free (annotation->note);
  annotation->note = g_strdup ("proposed a viewing when the agent was away");
  annotation->first_failure = 1;
  errata_project_set_annotation (project, annotation, &error);
  g_assert_no_error (error);

  /* Updating keeps one row per (trace, annotator). */
  annotation->first_failure = 0;
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  loaded = errata_project_get_annotation (project, errata_trace_get_id (trace), "Ada", &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->verdict, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (loaded->first_failure, ==, 0);
  g_assert_cmpstr (loaded->note, ==, "proposed a viewing when the agent was away");
  all = errata_project_list_annotations (project, errata_trace_get_id (trace), &error);
  g_assert_cmpuint (all->len, ==, 1);

  g_assert_true (errata_project_get_info (project, &info, &error));
  g_assert_cmpint (info.annotated, ==, 1);
  g_assert_cmpint (info.notes, ==, 1);
  g_assert_cmpint (info.failed, ==, 1);

  /* An annotation of a trace that does not exist violates the foreign key. */
  annotation->trace_id = 4242;
  g_assert_false (errata_project_set_annotation (project, annotation, &error));
  g_assert_nonnull (error);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ErrataProject **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = errata_project_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GFile) file = project_file_in (dir);
  g_autoptr(ErrataProject) opened = NULL;

  errata_project_close (project);
  errata_project_open_async (file, ERRATA_PROJECT_OPEN_NONE, NULL, opened_cb, &opened);
  while (opened == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (errata_project_count_traces (opened, NULL, NULL), ==, 0);
  errata_project_close (opened);
  errata_test_remove_tree (dir);
}

/* Opening the project a second time in this process (the app does: its
 * reader, the importer, the live writer) must not drop this process's
 * locks on it. When it did (a second descriptor, closed), another
 * process opening the project thought nobody had it open and deleted the
 * write-ahead log from under the app (found by a walk with errata-cli
 * beside the open app). The other process here is Python's sqlite3, as
 * errata-cli would be. */
static void
test_second_open_keeps_locks (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *path = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *script = g_strdup_printf ("import sqlite3\n"
                                             "c = sqlite3.connect(%s)\n"
                                             "print(c.execute(\"SELECT value FROM meta WHERE key = 'probe'\").fetchone()[0])\n"
                                             "c.close()\n", "__import__('sys').argv[1]");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *argv[] = { "python3", "-c", script, path, NULL };
  int status = 0;

  g_assert_true (errata_project_set_meta (project, "probe", "written", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  {
    g_autoptr(ErrataProject) again = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);

    g_assert_no_error (error);
    errata_project_close (again);
  }

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_test_skip ("python3 is not available to play the other process");
      errata_test_remove_tree (dir);
      return;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (g_strstrip (out), ==, "written");
  /* The other process closed; this process still has the project open,
   * so the log must still be there, and still be this connection's. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (errata_project_set_meta (project, "probe", "again", &error));
  g_assert_no_error (error);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/project/create-refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/project/refuses-non-sqlite", test_refuses_non_sqlite);
  g_test_add_func ("/project/refuses-other-sqlite", test_refuses_other_sqlite);
  g_test_add_func ("/project/second-open-keeps-locks", test_second_open_keeps_locks);
  g_test_add_func ("/project/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/project/refuses-corrupt", test_refuses_corrupt);
  g_test_add_func ("/project/migrates-old-file", test_migrates_old_file);
  g_test_add_func ("/project/migrates-v1-keeping-data", test_migrates_v1_keeping_data);
  g_test_add_func ("/project/migrates-v2-to-v3", test_migrates_v2_to_v3);
  g_test_add_func ("/project/lookup-trace", test_lookup_trace);
  g_test_add_func ("/project/read-only-refuses-writes", test_read_only_refuses_writes);
  g_test_add_func ("/project/duplicates-are-ignored", test_duplicates_are_ignored);
  g_test_add_func ("/project/rollback-keeps-committed", test_rollback_keeps_committed);
  g_test_add_func ("/project/get-trace-round-trip", test_get_trace_round_trip);
  g_test_add_func ("/project/annotations", test_annotations);
  g_test_add_func ("/project/open-async", test_open_async);

  return g_test_run ();
}
