/* test-cli-upgrade.c: errata-cli upgrading an older project as it opens
 * it: the progress on stderr, and SIGTERM cancelling with the file left
 * as it was (issue 17, "scale").
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>

#include "cli-test-utils.h"
#include "errata-test-utils.h"

/* More than one packing batch (1,000 traces). */
#define N_TRACES 1200

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli", NULL);
}

static int
schema_version (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* stderr is a pipe here: one line per phase, then where the old file is
 * and how much compacting would give back. */
static void
test_progress_lines (void)
{
  g_autofree char *dir = NULL;
  /* Three big traces: packing them frees enough to offer compacting. */
  g_autoptr(GFile) file = errata_test_new_version_9_project_full (N_TRACES, 3, &dir);
  g_autofree char *path = g_file_get_path (file);
  g_auto(CliResult) r = cli_run ("eval", "finalize", path, "no-such-evaluator", NULL);

  /* The command itself fails: there is no such evaluator. */
  g_assert_cmpint (r.status, !=, 0);
  cli_assert_contains (r.err, "errata-cli: upgrading “");
  cli_assert_contains (r.err, "”: Keeping a copy of the old file\n");
  cli_assert_contains (r.err, "”: Compressing traces: 0 of 1203\n");
  cli_assert_contains (r.err, "the old file is kept as");
  /* Compacting is no longer part of the upgrade: it is offered. */
  g_assert_null (strstr (r.err, "Compacting"));
  cli_assert_contains (r.err, "smaller: run “errata-cli compact ");
  cli_assert_contains (r.err, "no evaluator named");
  /* A log gets one line per phase, not one per batch. */
  g_assert_null (strstr (r.err, "Compressing traces: 1000 of 1203"));
  g_assert_cmpint (schema_version (file), ==, 10);
}

/* SIGTERM while upgrading. A second connection holding the write lock
 * keeps the upgrade waiting before its transaction, so the signal lands
 * during the upgrade at any speed: the wait, the project's busy timeout
 * (5 s), is stretched to 10 min (ERRATA_BUSY_TIMEOUT_MS) for the child. */
static void
test_sigterm_cancels (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (N_TRACES, &dir);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  g_autofree char *cli = cli_path ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  GString *said = g_string_new (NULL);
  char *line;
  sqlite3 *lock = NULL;

  lock = errata_test_hold_write_lock (file);

  launcher = cli_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "ERRATA_BUSY_TIMEOUT_MS", "600000", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, cli, "eval", "finalize", path,
                                       "no-such-evaluator", NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (child));
  line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (line, "Keeping a copy of the old file"));
  g_free (line);

  g_subprocess_send_signal (child, SIGTERM);
  errata_test_release_write_lock (lock);
  while ((line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (said, "%s\n", line);
      g_free (line);
    }
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);

  /* Exited by itself (the signal was handled), as an input error. */
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 2);
  cli_assert_contains (said->str, "was cancelled; the project was not changed.");
  after = errata_test_file_checksum (file);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));
  g_assert_cmpint (schema_version (file), ==, 9);
  g_string_free (said, TRUE);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-upgrade/progress-lines", test_progress_lines);
  g_test_add_func ("/cli-upgrade/sigterm-cancels", test_sigterm_cancels);
  return g_test_run ();
}
