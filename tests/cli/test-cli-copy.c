/* test-cli-copy.c: `errata-cli copy` as a user runs it, and what every
 * command says when opening a project upgraded it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "errata-project-schema.h"
#include "errata-test-utils.h"
#include "cli-test-utils.h"

/* One trace with an address and a user id, left open in "Errata" (this
 * process) while the command copies it. */
static ErrataProject *
new_project (char **out_dir)
{
  ErrataProject *project = errata_test_new_project (out_dir);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t1", "write to ann@example.com",
                                                        "done");
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (errata_trace_get_metadata (trace), "user_id", "u-77");
  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  g_assert_no_error (error);
  return project;
}

static void
test_copy_dry_run_then_copy (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = new_project (&dir);
  g_autofree char *path = g_file_get_path (errata_project_get_file (project));
  g_autofree char *out = g_build_filename (dir, "shared.errata", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  CliResult result;

  result = cli_run ("copy", path, out, "--default-redactions", "--dry-run", NULL);
  g_assert_cmpint (result.status, ==, 0);
  cli_assert_contains (result.out, "Would replace:");
  cli_assert_contains (result.out, "       1  E-mail addresses");
  cli_assert_contains (result.out, "       1  Metadata key user_id");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  cli_result_clear (&result);

  result = cli_run ("copy", path, out, "--default-redactions", "--redact", "done", NULL);
  g_assert_cmpint (result.status, ==, 0);
  cli_assert_contains (result.out, "Replaced:");
  cli_assert_contains (result.out, "       1  done");
  cli_assert_contains (result.out, "Wrote ");
  cli_result_clear (&result);
  g_assert_true (g_file_get_contents (out, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, "ann@example.com"));
  g_assert_null (g_strstr_len (contents, len, "u-77"));

  result = cli_run ("search", out, "example", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_null (strstr (result.out, "t1"));
  cli_result_clear (&result);

  /* Never over an existing file; a bad pattern is a usage error. */
  result = cli_run ("copy", path, out, NULL);
  g_assert_cmpint (result.status, ==, 2);
  cli_assert_contains (result.err, "already exists");
  cli_result_clear (&result);
  result = cli_run ("copy", path, out, "--redact", "(", "--dry-run", NULL);
  g_assert_cmpint (result.status, ==, 2);
  cli_assert_contains (result.err, "not a valid regular expression");
  cli_result_clear (&result);

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A command that upgrades a project says where the old file is. */
static void
test_upgrade_is_reported (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.errata", NULL);
  g_autofree char *backup = g_strconcat (path, ".v2.bak", NULL);
  g_autofree char *sql = g_strdup_printf ("%s %s PRAGMA application_id = %d;"
                                          " PRAGMA user_version = 2;"
                                          "INSERT INTO traces (external_id, imported_at, sample_key)"
                                          " VALUES ('old', 0, 1);",
                                          errata_project_migrations[1],
                                          errata_project_migrations[2],
                                          ERRATA_PROJECT_APPLICATION_ID);
  sqlite3 *db = NULL;
  CliResult result;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  result = cli_run ("label", path, "--target", "overall", "old", "fail", NULL);
  g_assert_cmpint (result.status, ==, 0);
  cli_assert_contains (result.err, "the old file is kept as");
  cli_assert_contains (result.err, backup);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  cli_result_clear (&result);
  errata_test_remove_tree (dir);
}

/* A synthetic query with an address, typed as the LLM would have written
 * it: `copy --default-redactions` leaves it nowhere in the copy. */
static void
test_copy_redacts_synthetic_queries (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = new_project (&dir);
  g_autofree char *path = g_file_get_path (errata_project_get_file (project));
  g_autofree char *out = g_build_filename (dir, "shared.errata", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  CliResult result;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO synth_tuples (id, key, dimensions, origin, created_at)"
    " VALUES (1, 'renter', '{\"persona\":\"renter\"}', 'typed', 0);"
    "INSERT INTO synth_queries (tuple_id, text, origin, created_at)"
    " VALUES (1, 'Please reply to zoe@example.org about the flat', 'llm', 0);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  result = cli_run ("copy", path, out, "--default-redactions", NULL);
  g_assert_cmpint (result.status, ==, 0);
  /* The trace's address and the query's. */
  cli_assert_contains (result.out, "       2  E-mail addresses");
  cli_result_clear (&result);
  g_assert_true (g_file_get_contents (out, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, "zoe@example.org"));

  g_assert_cmpint (sqlite3_open (out, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT text FROM synth_queries", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==,
                   "Please reply to [email] about the flat");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/copy/dry-run-then-copy", test_copy_dry_run_then_copy);
  g_test_add_func ("/cli/copy/upgrade-is-reported", test_upgrade_is_reported);
  g_test_add_func ("/cli/copy/redacts-synthetic-queries", test_copy_redacts_synthetic_queries);

  return g_test_run ();
}
