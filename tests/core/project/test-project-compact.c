/* test-project-compact.c: compacting a project as a step of its own
 * (issue 17, part 3): it gives back the pages an upgrade freed, keeps
 * every row, reports its progress, and Cancel at any point before it is
 * saved leaves the file as it was, to the byte.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "errata-project-compact.h"
#include "errata-test-utils.h"

/* Enough for several steps of putting the compact pages in place. */
#define N_TRACES 2500

typedef struct
{
  GArray       *reports;      /* of ErrataCompactProgress */
  GCancellable *cancellable;
  /* Cancel at the first report for which this says TRUE. */
  gboolean    (*cancel_when) (const ErrataCompactProgress *progress);
  /* Called once, at the first report: a write by someone else. */
  GFile        *write_to;
} Watch;

static void
watch_init (Watch *watch)
{
  watch->reports = g_array_new (FALSE, TRUE, sizeof (ErrataCompactProgress));
  watch->cancellable = g_cancellable_new ();
}

static void
watch_clear (Watch *watch)
{
  g_array_unref (watch->reports);
  g_object_unref (watch->cancellable);
}

static const ErrataCompactProgress *
report (Watch *watch,
        guint  i)
{
  return &g_array_index (watch->reports, ErrataCompactProgress, i);
}

/* Another connection (another window, errata-cli) commits a change. */
static void
write_elsewhere (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO meta (key, value) VALUES ('elsewhere', 'yes')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
on_progress (const ErrataCompactProgress *progress,
             gpointer                     data)
{
  Watch *watch = data;

  g_array_append_val (watch->reports, *progress);
  if (watch->cancel_when != NULL && watch->cancel_when (progress))
    g_cancellable_cancel (watch->cancellable);
  if (watch->write_to != NULL)
    {
      write_elsewhere (watch->write_to);
      watch->write_to = NULL;
    }
}

static gint64
file_size (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static gint64
reclaimable (GFile *file)
{
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bytes = -1;

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (errata_project_get_reclaimable_bytes (project, &bytes, &error));
  g_assert_no_error (error);
  errata_project_close (project);
  return bytes;
}

/* The phases in order, a fraction that never goes back and ends at 1,
 * Cancel offered until the compact pages are saved. */
static void
assert_reports_whole (Watch *watch)
{
  ErrataCompactPhase expected[] = {
    ERRATA_COMPACT_PHASE_COPY, ERRATA_COMPACT_PHASE_REPLACE, ERRATA_COMPACT_PHASE_FINISH,
    ERRATA_COMPACT_PHASE_DONE,
  };
  guint next = 0;
  guint n_replace = 0;

  for (guint i = 0; i < watch->reports->len; i++)
    {
      const ErrataCompactProgress *p = report (watch, i);

      if (i > 0)
        g_assert_cmpfloat (p->fraction, >=, report (watch, i - 1)->fraction);
      g_assert_cmpfloat (p->fraction, >=, 0.0);
      g_assert_cmpfloat (p->fraction, <=, 1.0);
      if (next == 0 || p->phase != expected[next - 1])
        {
          g_assert_cmpuint (next, <, G_N_ELEMENTS (expected));
          g_assert_cmpint (p->phase, ==, expected[next]);
          next++;
        }
      g_assert_cmpint (p->can_cancel, ==, p->phase < ERRATA_COMPACT_PHASE_FINISH);
      n_replace += p->phase == ERRATA_COMPACT_PHASE_REPLACE;
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (expected));
  /* The pages go in in several steps, each reported. */
  g_assert_cmpuint (n_replace, >, 2);
  g_assert_cmpfloat (report (watch, watch->reports->len - 1)->fraction, ==, 1.0);
}

static void
assert_whole_project (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* It gives back every free page and keeps every row: traces, reviews,
 * verdicts, the search index and the rest. */
static void
test_shrinks_and_keeps (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  g_autofree char *content_before = errata_test_content_checksum (file);
  g_autofree char *content_after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size_before = file_size (file);
  gint64 free_before = reclaimable (file);
  gint64 saved = 0;
  Watch watch = { 0 };

  g_assert_cmpint (free_before, >, 0);
  watch_init (&watch);
  g_assert_true (errata_project_compact (file, on_progress, &watch, watch.cancellable, &saved,
                                         &error));
  g_assert_no_error (error);
  /* No copy left beside it, and the WAL folded back. */
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));
  assert_reports_whole (&watch);

  /* At least the free pages: the copy also packs pages left part empty. */
  g_assert_cmpint (saved, >=, free_before);
  g_assert_cmpint (file_size (file), ==, size_before - saved);
  g_assert_cmpint (reclaimable (file), ==, 0);
  content_after = errata_test_content_checksum (file);
  g_assert_cmpstr (content_after, ==, content_before);
  assert_whole_project (file);

  watch_clear (&watch);
  errata_test_remove_tree (dir);
}

/* Compacts with Cancel at the first report `cancel_when` picks; the file
 * is byte for byte what it was, alone, and compacts later. */
static void
assert_cancel_leaves_file (gboolean (*cancel_when) (const ErrataCompactProgress *))
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 saved = -1;
  Watch watch = { 0 };

  watch_init (&watch);
  watch.cancel_when = cancel_when;
  g_assert_false (errata_project_compact (file, on_progress, &watch, watch.cancellable, &saved,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "not changed"));
  g_assert_cmpint (saved, ==, 0);
  g_assert_true (g_cancellable_is_cancelled (watch.cancellable));
  for (guint i = 0; i < watch.reports->len; i++)
    g_assert_true (report (&watch, i)->can_cancel);

  after = errata_test_file_checksum (file);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));

  g_clear_error (&error);
  g_assert_true (errata_project_compact (file, NULL, NULL, NULL, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved, >, 0);
  watch_clear (&watch);
  errata_test_remove_tree (dir);
}

static gboolean
first_report (const ErrataCompactProgress *progress)
{
  return TRUE;
}

static gboolean
copy_under_way (const ErrataCompactProgress *progress)
{
  return progress->phase == ERRATA_COMPACT_PHASE_COPY && progress->fraction > 0;
}

static gboolean
replace_starts (const ErrataCompactProgress *progress)
{
  return progress->phase == ERRATA_COMPACT_PHASE_REPLACE;
}

/* After a step of pages went in, inside the open transaction: a report
 * of the phase past its first. */
static gboolean
replace_under_way (const ErrataCompactProgress *progress)
{
  static double started = -1;

  if (progress->phase != ERRATA_COMPACT_PHASE_REPLACE)
    return FALSE;
  if (started < 0)
    started = progress->fraction;
  return progress->fraction > started;
}

static void
test_cancel_at_first_report (void)
{
  assert_cancel_leaves_file (first_report);
}

static void
test_cancel_while_copying (void)
{
  assert_cancel_leaves_file (copy_under_way);
}

static void
test_cancel_as_replacing_starts (void)
{
  assert_cancel_leaves_file (replace_starts);
}

static void
test_cancel_while_replacing (void)
{
  assert_cancel_leaves_file (replace_under_way);
}

static void
test_cancelled_before (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (10, &dir);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (errata_project_compact (file, NULL, NULL, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = errata_test_file_checksum (file);
  g_assert_cmpstr (after, ==, before);
  errata_test_remove_tree (dir);
}

static gboolean
finishing (const ErrataCompactProgress *progress)
{
  return progress->phase == ERRATA_COMPACT_PHASE_FINISH;
}

/* Once the compact pages are saved, Cancel is too late: it finishes. */
static void
test_cancel_when_saved (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  g_autoptr(GError) error = NULL;
  gint64 saved = 0;
  Watch watch = { 0 };

  watch_init (&watch);
  watch.cancel_when = finishing;
  g_assert_true (errata_project_compact (file, on_progress, &watch, watch.cancellable, &saved,
                                         &error));
  g_assert_no_error (error);
  g_assert_true (g_cancellable_is_cancelled (watch.cancellable));
  g_assert_cmpint (saved, >, 0);
  g_assert_cmpint (reclaimable (file), ==, 0);
  watch_clear (&watch);
  errata_test_remove_tree (dir);
}

/* Another connection commits while the copy is written: putting the older
 * pages back would lose that, so the compaction gives up. */
static void
test_changed_meanwhile (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 free_before = reclaimable (file);
  Watch watch = { 0 };

  watch_init (&watch);
  watch.write_to = file;
  g_assert_false (errata_project_compact (file, on_progress, &watch, watch.cancellable, NULL,
                                          &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "was changed by another window or program"));
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));

  g_clear_error (&error);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  value = errata_project_get_meta (project, "elsewhere");
  g_assert_cmpstr (value, ==, "yes");
  errata_project_close (project);
  g_assert_cmpint (reclaimable (file), ==, free_before);
  watch_clear (&watch);
  errata_test_remove_tree (dir);
}

typedef struct
{
  GArray  *reports;
  GThread *thread;
} AsyncWatch;

static void
on_async_progress (const ErrataCompactProgress *progress,
                   gpointer                     data)
{
  AsyncWatch *watch = data;

  g_assert_true (g_thread_self () == watch->thread);
  g_array_append_val (watch->reports, *progress);
}

/* On a thread, with the reports on this one, while a project connection
 * stays open here (as the window's does): it reads the compacted file. */
static void
test_async_with_project_open (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  g_autoptr(ErrataProject) open = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  AsyncWatch watch = { g_array_new (FALSE, TRUE, sizeof (ErrataCompactProgress)),
                       g_thread_self () };
  gint64 saved = 0;
  gint64 bytes = -1;

  open = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  errata_project_compact_async (file, on_async_progress, &watch, NULL, NULL,
                                errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_project_compact_finish (result, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved, >, 0);
  g_assert_cmpuint (watch.reports->len, >, 3);
  g_assert_cmpint (g_array_index (watch.reports, ErrataCompactProgress,
                                  watch.reports->len - 1).phase, ==, ERRATA_COMPACT_PHASE_DONE);

  g_assert_cmpint (errata_project_count_traces (open, NULL, &error), ==, N_TRACES + 3);
  g_assert_no_error (error);
  trace = errata_project_get_trace (open, N_TRACES, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_true (errata_project_get_reclaimable_bytes (open, &bytes, &error));
  g_assert_cmpint (bytes, ==, 0);
  errata_project_close (open);
  g_array_unref (watch.reports);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/project-compact/shrinks-and-keeps", test_shrinks_and_keeps);
  g_test_add_func ("/project-compact/cancel-at-first-report", test_cancel_at_first_report);
  g_test_add_func ("/project-compact/cancel-while-copying", test_cancel_while_copying);
  g_test_add_func ("/project-compact/cancel-as-replacing-starts", test_cancel_as_replacing_starts);
  g_test_add_func ("/project-compact/cancel-while-replacing", test_cancel_while_replacing);
  g_test_add_func ("/project-compact/cancelled-before", test_cancelled_before);
  g_test_add_func ("/project-compact/cancel-when-saved", test_cancel_when_saved);
  g_test_add_func ("/project-compact/changed-meanwhile", test_changed_meanwhile);
  g_test_add_func ("/project-compact/async-with-project-open", test_async_with_project_open);
  return g_test_run ();
}
