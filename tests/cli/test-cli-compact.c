/* test-cli-compact.c: `errata-cli compact PROJECT`: the progress on
 * stderr, what it gave back on stdout, and SIGTERM cancelling with the
 * file left as it was (issue 17, part 3).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "cli-test-utils.h"
#include "errata-test-utils.h"

/* Enough for several steps of putting the compact pages in place. */
#define N_TRACES 1500

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli", NULL);
}

static gint64
file_size (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* stderr is a pipe here: one line per phase. */
static void
test_compacts (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *content_before = errata_test_content_checksum (file);
  g_autofree char *content_after = NULL;
  gint64 size_before = file_size (file);
  g_auto(CliResult) r = cli_run ("compact", path, NULL);

  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.err, "errata-cli: compacting “");
  cli_assert_contains (r.err, "”: Writing a compact copy\n");
  cli_assert_contains (r.err, "”: Putting the compact copy in place\n");
  cli_assert_contains (r.err, "”: Shrinking the file");
  cli_assert_contains (r.out, "Compacted “");
  cli_assert_contains (r.out, " smaller\n");
  g_assert_cmpint (file_size (file), <, size_before);
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));
  content_after = errata_test_content_checksum (file);
  g_assert_cmpstr (content_after, ==, content_before);
  errata_test_remove_tree (dir);
}

static void
test_usage (void)
{
  g_auto(CliResult) r = cli_run ("compact", NULL);

  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "“compact” takes a project file");
}

/* SIGTERM while compacting. A second connection holding the write lock
 * keeps the compaction waiting before it puts the pages in place (the
 * project's busy timeout is 5 s), so the signal lands during it at any
 * speed; the copy it wrote is deleted. */
static void
test_sigterm_cancels (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  g_autofree char *cli = cli_path ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  sqlite3 *lock = errata_test_hold_write_lock (file);
  char *line;

  launcher = cli_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  /* It waits for the lock held here until the test lets go, however slow
   * the machine, not for SQLite's 5 s. */
  g_subprocess_launcher_setenv (launcher, "ERRATA_BUSY_TIMEOUT_MS", "600000", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, cli, "compact", path, NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (child));
  while ((line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error)) != NULL)
    {
      gboolean waiting = strstr (line, "Putting the compact copy in place") != NULL;

      g_free (line);
      if (waiting)
        break;
    }
  g_assert_no_error (error);

  /* Released once the signal was taken: the compaction must not finish
   * before it sees the Cancel. */
  g_subprocess_send_signal (child, SIGTERM);
  line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "errata-cli: cancelling the compaction…");
  g_free (line);
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
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-compact/compacts", test_compacts);
  g_test_add_func ("/cli-compact/usage", test_usage);
  g_test_add_func ("/cli-compact/sigterm-cancels", test_sigterm_cancels);
  return g_test_run ();
}
