/* errata-project-compact.c: compacting a project file, with progress and
 * Cancel.
 *
 * How, and why this way. A plain VACUUM gives no progress and, once it is
 * interrupted in its last part, has already written the WAL; it also runs
 * on the connection it is given, which in the app belongs to the window.
 * Renaming a compact copy over the project (VACUUM INTO, then rename) is
 * not safe either: every other connection to the file (the window's, an
 * import's, another errata-cli) keeps writing to the old inode and its
 * -wal, and a -wal left beside the new file would be replayed into it.
 *
 * So the work is split in two steps, each of which can stop cleanly:
 *
 *  1. VACUUM INTO a new file beside the project (same file system, so its
 *     free space is what counts). It only reads the project; Cancel stops
 *     it through a progress handler and the copy is deleted. Progress:
 *     pages read against the project's used pages (the copy's size lags
 *     16 MB behind, the connection's page cache, which a small project
 *     never fills).
 *  2. The backup API copies the compact pages into the project through its
 *     own pager, in one write transaction that stays open across steps:
 *     Cancel before the last step rolls it back (sqlite3_backup_finish), and
 *     in WAL mode nothing reached the file itself. Every other connection
 *     sees an ordinary commit (the schema cookie changes, their statements
 *     are prepared again). Progress: pages copied of the copy's pages.
 *
 * Then a TRUNCATE checkpoint folds the WAL back and shrinks the file; the
 * compaction is saved by then, so that last part cannot be cancelled.
 *
 * A write by another connection between the start of step 1 and the lock
 * step 2 takes would be lost by copying the older pages back: a second
 * connection watches PRAGMA data_version over that span, and the
 * compaction gives up (changing nothing) if anything was committed.
 *
 * Disk: the copy and, during step 2, the WAL each grow to the compact
 * size, as SQLite's own VACUUM needs (its temporary database, then the
 * WAL); checked before starting.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-project-compact.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <unistd.h>

#include "errata-progress-relay.h"
#include "errata-project-open-private.h"

/* SQLite instructions between two checks for Cancel while copying. */
#define COPY_CHECK_OPS 100000
/* Pages put in place between two checks for Cancel: 4-8 MB (1M traces:
 * ~700 steps, a fraction of a second each). */
#define REPLACE_STEP_PAGES 1024
/* Enough reports for a bar to move smoothly, few enough for a main loop. */
#define MIN_STEP 0.002

/* Where each phase starts in the fraction of the whole, by its share of
 * compacting an upgraded 100k project (976 to 635 MB; bench/README.md,
 * "Compacting as a step of its own"): the copy 36%, putting it in place
 * 40%, the checkpoint that shrinks the file 24%. */
static const double phase_start[] = {
  [ERRATA_COMPACT_PHASE_COPY] = 0.0,
  [ERRATA_COMPACT_PHASE_REPLACE] = 0.36,
  [ERRATA_COMPACT_PHASE_FINISH] = 0.76,
  [ERRATA_COMPACT_PHASE_DONE] = 1.0,
};

typedef struct
{
  ErrataCompactProgressFunc  func;
  gpointer                   data;
  GCancellable              *cancellable;
  const char                *path;
  char                      *copy_path;
  gint64                     copy_bytes;   /* the used pages' size: the copy's final size */
  gint64                     used_pages;
  sqlite3                   *db;           /* the project's, while copying */
  int                        misses_before;
  ErrataCompactProgress      last;
  gboolean                   reported;
} Compaction;

gboolean
errata_project_get_reclaimable_bytes (ErrataProject  *self,
                                      gint64         *bytes,
                                      GError        **error)
{
  gint64 free_pages = 0;
  gint64 page_size = 0;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (!_errata_project_query_int (self, "PRAGMA freelist_count", &free_pages, error) ||
      !_errata_project_query_int (self, "PRAGMA page_size", &page_size, error))
    return FALSE;
  *bytes = free_pages * page_size;
  return TRUE;
}

char *
errata_compact_progress_describe (const ErrataCompactProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);

  switch (progress->phase)
    {
    case ERRATA_COMPACT_PHASE_COPY:
      return g_strdup (_("Writing a compact copy"));
    case ERRATA_COMPACT_PHASE_REPLACE:
      return g_strdup (_("Putting the compact copy in place"));
    case ERRATA_COMPACT_PHASE_FINISH:
      return g_strdup (_("Shrinking the file (compacted; this cannot be cancelled)"));
    case ERRATA_COMPACT_PHASE_DONE:
    default:
      return g_strdup (_("Compacted"));
    }
}

static void
report (Compaction         *self,
        ErrataCompactPhase  phase,
        double              of_phase)
{
  ErrataCompactProgress progress;
  double start = phase_start[phase];
  double share = phase == ERRATA_COMPACT_PHASE_DONE ? 0 : phase_start[phase + 1] - start;

  if (self->func == NULL)
    return;
  progress.phase = phase;
  progress.fraction = MAX (start + share * CLAMP (of_phase, 0.0, 1.0), self->last.fraction);
  progress.can_cancel = phase < ERRATA_COMPACT_PHASE_FINISH;
  if (self->reported && phase == self->last.phase &&
      progress.fraction - self->last.fraction < MIN_STEP)
    return;
  self->last = progress;
  self->reported = TRUE;
  self->func (&progress, self->data);
}

static gboolean
is_cancelled (Compaction *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

static gboolean
set_cancelled (Compaction  *self,
               GError     **error)
{
  g_clear_error (error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               _("Compacting “%s” was cancelled; the project was not changed."), self->path);
  return FALSE;
}

static gboolean
set_sqlite_error (Compaction  *self,
                  sqlite3     *db,
                  GError     **error)
{
  g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
               _("Could not compact “%s”: %s. The project was not changed."), self->path,
               db != NULL ? sqlite3_errmsg (db) : _("out of memory"));
  return FALSE;
}

/* The copy and the WAL each grow to the compact size (see the top). */
static gboolean
check_free_space (Compaction  *self,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GFileInfo) info = NULL;
  guint64 free_bytes;

  info = g_file_query_filesystem_info (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  /* Not knowing is no reason to refuse: SQLite says so if it runs out. */
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return TRUE;
  free_bytes = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  if (free_bytes >= 2 * (guint64)self->copy_bytes)
    return TRUE;
  {
    g_autofree char *needed = g_format_size (2 * (guint64)self->copy_bytes);
    g_autofree char *have = g_format_size (free_bytes);

    g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                 _("Compacting “%s” needs %s of free space beside it, and there is %s. "
                   "Free some space and try again; the project was not changed."),
                 self->path, needed, have);
  }
  return FALSE;
}

static gboolean
measure (Compaction     *self,
         ErrataProject  *project,
         gint64         *page_size,
         gint64         *pages,
         GError        **error)
{
  gint64 free_pages = 0;

  if (!_errata_project_query_int (project, "PRAGMA page_size", page_size, error) ||
      !_errata_project_query_int (project, "PRAGMA page_count", pages, error) ||
      !_errata_project_query_int (project, "PRAGMA freelist_count", &free_pages, error))
    return FALSE;
  self->used_pages = *pages - free_pages;
  self->copy_bytes = self->used_pages * *page_size;
  return TRUE;
}

/* An empty file beside the project, which VACUUM INTO accepts. */
static gboolean
make_copy_file (Compaction  *self,
                GError     **error)
{
  int fd;

  self->copy_path = g_strdup_printf ("%s.compact-XXXXXX", self->path);
  fd = g_mkstemp (self->copy_path);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not compact “%s”: a file could not be written beside it (%s). "
                     "The project was not changed."), self->path, g_strerror (saved_errno));
      g_clear_pointer (&self->copy_path, g_free);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
remove_copy (Compaction *self)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (self->copy_path == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->copy_path, suffixes[i], NULL);

      g_unlink (path);
    }
  g_clear_pointer (&self->copy_path, g_free);
}

static int
cache_misses (sqlite3 *db)
{
  int current = 0;
  int highest = 0;

  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_MISS, &current, &highest, 0);
  return current;
}

/* Called by SQLite during the copy: reports the pages read so far (the
 * copy's own re-reads count too, so it may reach the end early: the
 * report clamps it), and stops it on Cancel. */
static int
on_copy_progress (void *data)
{
  Compaction *self = data;

  if (is_cancelled (self))
    return 1;
  if (self->used_pages > 0)
    report (self, ERRATA_COMPACT_PHASE_COPY,
            (double)(cache_misses (self->db) - self->misses_before) / self->used_pages);
  return 0;
}

static gboolean
write_copy (Compaction     *self,
            ErrataProject  *project,
            GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  report (self, ERRATA_COMPACT_PHASE_COPY, 0);
  if (sqlite3_prepare_v2 (project->db, "VACUUM INTO ?1", -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (self, project->db, error);
  sqlite3_bind_text (stmt, 1, self->copy_path, -1, SQLITE_STATIC);
  self->db = project->db;
  self->misses_before = cache_misses (project->db);
  sqlite3_progress_handler (project->db, COPY_CHECK_OPS, on_copy_progress, self);
  rc = sqlite3_step (stmt);
  sqlite3_progress_handler (project->db, 0, NULL, NULL);
  if (rc != SQLITE_DONE && !is_cancelled (self))
    set_sqlite_error (self, project->db, error);
  sqlite3_finalize (stmt);
  if (is_cancelled (self))
    return set_cancelled (self, error);
  return rc == SQLITE_DONE;
}

static gint64
data_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
set_changed_meanwhile (Compaction  *self,
                       GError     **error)
{
  g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
               _("“%s” was changed by another window or program while it was being "
                 "compacted, so it was left as it was. Try again when nothing else writes "
                 "to it."), self->path);
  return FALSE;
}

/* Copies the compact pages in, one step at a time; the transaction stays
 * open until the last step, and finishing before it rolls back. */
static gboolean
copy_pages_in (Compaction      *self,
               sqlite3_backup  *backup,
               sqlite3         *watch,
               gint64           version,
               GError         **error)
{
  int rc;

  /* Before waiting for another writer's lock (up to the busy timeout). */
  report (self, ERRATA_COMPACT_PHASE_REPLACE, 0);
  rc = sqlite3_backup_step (backup, 0);   /* takes the write lock, copies nothing */
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    return FALSE;
  if (data_version (watch) != version)
    return set_changed_meanwhile (self, error);
  while (rc == SQLITE_OK)
    {
      int total;

      if (is_cancelled (self))
        return set_cancelled (self, error);
      rc = sqlite3_backup_step (backup, REPLACE_STEP_PAGES);
      total = sqlite3_backup_pagecount (backup);
      if (total > 0)
        report (self, ERRATA_COMPACT_PHASE_REPLACE,
                (double)(total - sqlite3_backup_remaining (backup)) / total);
    }
  return rc == SQLITE_DONE;
}

static gboolean
replace_pages (Compaction     *self,
               ErrataProject  *project,
               sqlite3        *watch,
               gint64          version,
               GError        **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (self->copy_path, &copy, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, copy, error);
      sqlite3_close (copy);
      return FALSE;
    }
  backup = sqlite3_backup_init (project->db, "main", copy, "main");
  if (backup == NULL)
    set_sqlite_error (self, project->db, error);
  else
    {
      ok = copy_pages_in (self, backup, watch, version, error);
      /* Before its last step: rolls the transaction back. */
      if (sqlite3_backup_finish (backup) != SQLITE_OK && ok)
        ok = FALSE;
      if (!ok && error != NULL && *error == NULL)
        set_sqlite_error (self, project->db, error);
    }
  sqlite3_close (copy);
  return ok;
}

/* Saved: fold the WAL into the file, which shrinks it. Best effort: a
 * reader (the window) may hold part of the WAL back until it closes. */
static void
shrink_file (Compaction    *self,
             ErrataProject *project)
{
  report (self, ERRATA_COMPACT_PHASE_FINISH, 0);
  if (sqlite3_exec (project->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) !=
      SQLITE_OK)
    g_debug ("The compacted file of “%s” shrinks later: %s", self->path,
             sqlite3_errmsg (project->db));
}

static gboolean
compact_open_project (Compaction     *self,
                      ErrataProject  *project,
                      gint64         *saved_bytes,
                      GError        **error)
{
  sqlite3 *watch = NULL;
  gint64 page_size = 0;
  gint64 pages_before = 0;
  gint64 pages_after = 0;
  gint64 version;
  gboolean ok;

  if (project->read_only)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY,
                   _("“%s” cannot be compacted: it is read-only."), self->path);
      return FALSE;
    }
  if (!measure (self, project, &page_size, &pages_before, error) ||
      !check_free_space (self, error) || !make_copy_file (self, error))
    return FALSE;
  if (sqlite3_open_v2 (self->path, &watch, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (watch);
      remove_copy (self);
      return set_sqlite_error (self, NULL, error);
    }
  sqlite3_busy_timeout (watch, _errata_project_busy_timeout_ms ());
  version = data_version (watch);
  ok = write_copy (self, project, error) && replace_pages (self, project, watch, version, error);
  sqlite3_close (watch);
  remove_copy (self);
  if (!ok)
    return FALSE;
  shrink_file (self, project);
  if (_errata_project_query_int (project, "PRAGMA page_count", &pages_after, NULL) &&
      saved_bytes != NULL)
    *saved_bytes = MAX (pages_before - pages_after, 0) * page_size;
  report (self, ERRATA_COMPACT_PHASE_DONE, 1);
  return TRUE;
}

gboolean
errata_project_compact (GFile                      *file,
                        ErrataCompactProgressFunc   progress,
                        gpointer                    progress_data,
                        GCancellable               *cancellable,
                        gint64                     *saved_bytes,
                        GError                    **error)
{
  g_autoptr(ErrataProject) project = NULL;
  g_autofree char *path = NULL;
  Compaction self = { .func = progress, .data = progress_data, .cancellable = cancellable };
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (saved_bytes != NULL)
    *saved_bytes = 0;
  path = g_file_get_path (file);
  self.path = path;
  if (is_cancelled (&self))
    return set_cancelled (&self, error);
  project = errata_project_open_full (file, ERRATA_PROJECT_OPEN_NONE, NULL, NULL, cancellable,
                                      error);
  if (project == NULL)
    return FALSE;
  ok = compact_open_project (&self, project, saved_bytes, error);
  errata_project_close (project);
  return ok;
}

/* On a thread, with reports on the caller's main context */

typedef struct
{
  GFile               *file;
  ErrataProgressRelay *relay;   /* NULL: no progress wanted */
  gint64               saved_bytes;
} CompactData;

/* An ErrataCompactProgressFunc for the worker thread. */
static void
relay_report (const ErrataCompactProgress *progress,
              gpointer                     relay)
{
  errata_progress_relay_post (relay, progress, sizeof *progress);
}

static void
compact_data_free (CompactData *data)
{
  g_object_unref (data->file);
  g_clear_pointer (&data->relay, errata_progress_relay_unref);
  g_free (data);
}

static void
compact_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CompactData *data = task_data;
  GError *error = NULL;

  if (errata_project_compact (data->file, data->relay ? relay_report : NULL, data->relay,
                              cancellable, &data->saved_bytes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
errata_project_compact_async (GFile                      *file,
                              ErrataCompactProgressFunc   progress,
                              gpointer                    progress_data,
                              GDestroyNotify              progress_notify,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  CompactData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (CompactData, 1);
  data->file = g_object_ref (file);
  if (progress != NULL)
    data->relay = errata_progress_relay_new ((ErrataProgressRelayFunc)progress, progress_data,
                                             progress_notify, "[errata] compact progress");
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_project_compact_async);
  g_task_set_task_data (task, data, (GDestroyNotify)compact_data_free);
  /* Cancel is checked by the compaction, which ends with its own message
   * (the project was not changed), or not at all once it is saved. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, compact_in_thread);
}

gboolean
errata_project_compact_finish (GAsyncResult  *result,
                               gint64        *saved_bytes,
                               GError       **error)
{
  CompactData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (saved_bytes != NULL)
    *saved_bytes = data->saved_bytes;
  return TRUE;
}
