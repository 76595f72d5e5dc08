/* test-project-upgrade.c: the upgrade of an older project reports its
 * progress and can be cancelled, leaving the file exactly as it was
 * (issue 17, "scale").
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-test-utils.h"
#include "errata-upgrade-progress.h"

/* More than two batches of the packing (1,000 traces each), so that a
 * Cancel can land between two of them. */
#define N_TRACES 2500

typedef struct
{
  GArray       *reports;      /* of ErrataUpgradeProgress */
  GCancellable *cancellable;
  /* Cancel at the first report for which this says TRUE. */
  gboolean    (*cancel_when) (const ErrataUpgradeProgress *progress);
  GThread      *thread;       /* where every report must arrive */
} Watch;

static void
watch_init (Watch *watch)
{
  watch->reports = g_array_new (FALSE, TRUE, sizeof (ErrataUpgradeProgress));
  watch->cancellable = g_cancellable_new ();
  watch->thread = g_thread_self ();
}

static void
watch_clear (Watch *watch)
{
  g_array_unref (watch->reports);
  g_object_unref (watch->cancellable);
}

static void
on_progress (const ErrataUpgradeProgress *progress,
             gpointer                     data)
{
  Watch *watch = data;

  g_assert_true (g_thread_self () == watch->thread);
  g_array_append_val (watch->reports, *progress);
  if (watch->cancel_when != NULL && watch->cancel_when (progress))
    g_cancellable_cancel (watch->cancellable);
}

static const ErrataUpgradeProgress *
report (Watch *watch,
        guint  i)
{
  return &g_array_index (watch->reports, ErrataUpgradeProgress, i);
}

/* Only the phases a version 9 file needs, in order, with a fraction that
 * never goes back and ends at 1; Cancel offered until the commit. */
static void
assert_reports_whole (Watch *watch)
{
  ErrataUpgradePhase expected[] = {
    ERRATA_UPGRADE_PHASE_BACKUP, ERRATA_UPGRADE_PHASE_PACK, ERRATA_UPGRADE_PHASE_DONE,
  };
  guint next = 0;
  gint64 packed = -1;

  g_assert_cmpuint (watch->reports->len, >=, G_N_ELEMENTS (expected));
  for (guint i = 0; i < watch->reports->len; i++)
    {
      const ErrataUpgradeProgress *p = report (watch, i);

      if (i > 0)
        g_assert_cmpfloat (p->fraction, >=, report (watch, i - 1)->fraction);
      g_assert_cmpfloat (p->fraction, >=, 0.0);
      g_assert_cmpfloat (p->fraction, <=, 1.0);
      /* A new phase is the next one expected. */
      if (next == 0 || p->phase != expected[next - 1])
        {
          g_assert_cmpuint (next, <, G_N_ELEMENTS (expected));
          g_assert_cmpint (p->phase, ==, expected[next]);
          next++;
        }
      g_assert_cmpint (p->can_cancel, ==, p->phase < ERRATA_UPGRADE_PHASE_DONE);
      if (p->phase == ERRATA_UPGRADE_PHASE_PACK)
        {
          g_assert_cmpint (p->total, ==, N_TRACES);
          g_assert_cmpint (p->done, >, packed);
          packed = p->done;
        }
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (packed, ==, N_TRACES);
  g_assert_cmpfloat (report (watch, watch->reports->len - 1)->fraction, ==, 1.0);
}

static void
test_progress (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (N_TRACES, &dir);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *backup = g_strconcat (path, ".v9.bak", NULL);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Watch watch = { 0 };

  watch_init (&watch);
  project = errata_project_open_full (file, ERRATA_PROJECT_OPEN_NONE, on_progress, &watch,
                                      watch.cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_get_schema_version (project), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  assert_reports_whole (&watch);

  /* What a window or errata-cli prints for the packing. */
  for (guint i = 0; i < watch.reports->len; i++)
    if (report (&watch, i)->phase == ERRATA_UPGRADE_PHASE_PACK && report (&watch, i)->done == 0)
      text = errata_upgrade_progress_describe (report (&watch, i));
  g_assert_nonnull (text);
  /* Digits grouped as the locale groups them (none in C.UTF-8). */
  g_assert_true (g_str_has_suffix (text, " 0 of 2500") || g_str_has_suffix (text, " 0 of 2,500"));

  errata_project_close (project);
  watch_clear (&watch);
  errata_test_remove_tree (dir);
}

/* Opens with Cancel at the first report `cancel_when` picks, then checks
 * that the file is byte for byte what it was, alone, and still opens. */
static void
assert_cancel_leaves_file (gboolean (*cancel_when) (const ErrataUpgradeProgress *))
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (N_TRACES, &dir);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { 0 };

  watch_init (&watch);
  watch.cancel_when = cancel_when;
  project = errata_project_open_full (file, ERRATA_PROJECT_OPEN_NONE, on_progress, &watch,
                                      watch.cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "not changed"));
  g_assert_null (project);
  g_assert_true (g_cancellable_is_cancelled (watch.cancellable));
  /* Nothing after the Cancel but the end. */
  for (guint i = 0; i < watch.reports->len; i++)
    g_assert_true (report (&watch, i)->can_cancel);

  after = errata_test_file_checksum (file);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));

  /* Still a whole version 9 project: the next open upgrades it. */
  g_clear_error (&error);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_get_schema_version (project), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  errata_project_close (project);
  watch_clear (&watch);
  errata_test_remove_tree (dir);
}

static gboolean
first_report (const ErrataUpgradeProgress *progress)
{
  return TRUE;
}

static gboolean
backup_copied (const ErrataUpgradeProgress *progress)
{
  return progress->phase == ERRATA_UPGRADE_PHASE_BACKUP && progress->total > 0 &&
         progress->done == progress->total;
}

static gboolean
halfway_packed (const ErrataUpgradeProgress *progress)
{
  return progress->phase == ERRATA_UPGRADE_PHASE_PACK && progress->done > 0 &&
         progress->done < progress->total;
}

static void
test_cancel_at_first_report (void)
{
  assert_cancel_leaves_file (first_report);
}

static void
test_cancel_after_backup (void)
{
  assert_cancel_leaves_file (backup_copied);
}

static void
test_cancel_while_packing (void)
{
  assert_cancel_leaves_file (halfway_packed);
}

/* Already cancelled: nothing is even copied. */
static void
test_cancelled_before (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (10, &dir);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;

  g_cancellable_cancel (cancellable);
  project = errata_project_open_full (file, ERRATA_PROJECT_OPEN_NONE, NULL, NULL, cancellable,
                                      &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (project);
  after = errata_test_file_checksum (file);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));
  errata_test_remove_tree (dir);
}

/* The async open hands every report to the caller's main context, in
 * order, before the result: on_progress() asserts the thread, which
 * g_main_context_invoke() would break while the context is idle. */
static void
test_async_reports (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (N_TRACES, &dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { 0 };

  watch_init (&watch);
  errata_project_open_with_progress_async (file, ERRATA_PROJECT_OPEN_NONE, on_progress, &watch,
                                           NULL, watch.cancellable, errata_test_on_result,
                                           &result);
  errata_test_wait_for_result (&result);
  project = errata_project_open_finish (result, &error);
  g_assert_no_error (error);
  assert_reports_whole (&watch);
  errata_project_close (project);
  watch_clear (&watch);
  errata_test_remove_tree (dir);
}

/* Cancel from the main context while the thread packs. */
static void
test_async_cancel (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (N_TRACES, &dir);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { 0 };

  watch_init (&watch);
  watch.cancel_when = first_report;
  errata_project_open_with_progress_async (file, ERRATA_PROJECT_OPEN_NONE, on_progress, &watch,
                                           NULL, watch.cancellable, errata_test_on_result,
                                           &result);
  errata_test_wait_for_result (&result);
  project = errata_project_open_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (project);
  after = errata_test_file_checksum (file);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));
  watch_clear (&watch);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/project-upgrade/progress", test_progress);
  g_test_add_func ("/project-upgrade/cancel-at-first-report", test_cancel_at_first_report);
  g_test_add_func ("/project-upgrade/cancel-after-backup", test_cancel_after_backup);
  g_test_add_func ("/project-upgrade/cancel-while-packing", test_cancel_while_packing);
  g_test_add_func ("/project-upgrade/cancelled-before", test_cancelled_before);
  g_test_add_func ("/project-upgrade/async-reports", test_async_reports);
  g_test_add_func ("/project-upgrade/async-cancel", test_async_cancel);
  return g_test_run ();
}
