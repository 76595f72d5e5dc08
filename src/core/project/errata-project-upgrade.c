/* errata-project-upgrade.c: recognising an opened file as an Errata
 * project of a format this version reads, and bringing an older one up to
 * date (with a copy of the old file kept beside it first).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "errata-project-open-private.h"
#include "errata-project-schema.h"
#include "errata-upgrade-progress.h"

/* The version that stores large JSON packed and input/output cut. */
#define FIRST_PACKED_VERSION 10

/* Traces packed between two checks for Cancel and two reports: ~4 MB of
 * JSON, a few tens of milliseconds. */
#define PACK_BATCH 1000
#define PACK_BATCH_LAST 999

/* SQLite instructions between two checks for Cancel inside one statement
 * (a format step that rewrites a table, a batch). */
#define CANCEL_CHECK_OPS 100000

/* The one error every cancelled upgrade ends with, whatever it was doing. */
static gboolean
set_cancelled (ErrataProject  *self,
               GError        **error)
{
  g_autofree char *path = g_file_get_path (self->file);

  g_clear_error (error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               _("The upgrade of “%s” was cancelled; the project was not changed."), path);
  return FALSE;
}

static int
interrupt_when_cancelled (void *monitor)
{
  return _errata_upgrade_monitor_is_cancelled (monitor);
}

/* The id of the last trace of the batch that starts at `from`, or
 * G_MAXINT64 when fewer than PACK_BATCH are left. */
static gboolean
batch_last (ErrataProject  *self,
            sqlite3_stmt   *bound,
            gint64          from,
            gint64         *last,
            GError        **error)
{
  int rc;

  sqlite3_bind_int64 (bound, 1, from);
  rc = sqlite3_step (bound);
  *last = rc == SQLITE_ROW ? sqlite3_column_int64 (bound, 0) : G_MAXINT64;
  sqlite3_reset (bound);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("upgrade the project"));
  return TRUE;
}

static gboolean
pack_batch (ErrataProject  *self,
            sqlite3_stmt   *pack,
            gint64          from,
            gint64          last,
            gint64         *done,
            GError        **error)
{
  int rc;

  sqlite3_bind_int64 (pack, 1, from);
  sqlite3_bind_int64 (pack, 2, last);
  rc = sqlite3_step (pack);
  sqlite3_reset (pack);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("upgrade the project"));
  *done += sqlite3_changes (self->db);
  return TRUE;
}

static gboolean
pack_batches (ErrataProject         *self,
              sqlite3_stmt          *bound,
              sqlite3_stmt          *pack,
              gint64                 total,
              ErrataUpgradeMonitor  *monitor,
              GError               **error)
{
  gint64 from = G_MININT64;
  gint64 last = G_MININT64;
  gint64 done = 0;

  _errata_upgrade_monitor_report (monitor, ERRATA_UPGRADE_PHASE_PACK, 0, total);
  for (;;)
    {
      if (_errata_upgrade_monitor_is_cancelled (monitor))
        return set_cancelled (self, error);
      if (!batch_last (self, bound, from, &last, error) ||
          !pack_batch (self, pack, from, last, &done, error))
        return FALSE;
      _errata_upgrade_monitor_report (monitor, ERRATA_UPGRADE_PHASE_PACK, MIN (done, total),
                                      total);
      /* The last batch ends at G_MAXINT64: past it there is nothing (and
       * last + 1 would overflow). */
      if (last == G_MAXINT64)
        return TRUE;
      from = last + 1;
    }
}

/* Version 10's step, PACK_BATCH traces at a time in id order: the same
 * rewrite as one UPDATE, with a report and a check for Cancel between. */
static gboolean
pack_traces (ErrataProject         *self,
             ErrataUpgradeMonitor  *monitor,
             GError               **error)
{
  sqlite3_stmt *bound = NULL;
  sqlite3_stmt *pack = NULL;
  gint64 total = 0;
  gboolean ok;

  if (!_errata_project_query_int (self, "SELECT count (*) FROM traces", &total, error))
    return FALSE;
  ok = sqlite3_prepare_v2 (self->db, "SELECT id FROM traces WHERE id >= ?1 ORDER BY id"
                           " LIMIT 1 OFFSET " G_STRINGIFY (PACK_BATCH_LAST), -1, &bound,
                           NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (self->db, ERRATA_SQL_PACK_TRACES " WHERE id BETWEEN ?1 AND ?2",
                           -1, &pack, NULL) == SQLITE_OK;
  if (!ok)
    _errata_project_set_error (self, error, _("upgrade the project"));
  else
    ok = pack_batches (self, bound, pack, total, monitor, error);
  sqlite3_finalize (bound);
  sqlite3_finalize (pack);
  return ok;
}

static gboolean
run_steps (ErrataProject         *self,
           int                    from_version,
           ErrataUpgradeMonitor  *monitor,
           GError               **error)
{
  g_autofree char *set_version = NULL;
  int n_steps = (int)errata_project_n_migrations - 1 - from_version;

  for (int v = from_version + 1; v < (int)errata_project_n_migrations; v++)
    {
      gboolean ok;

      if (_errata_upgrade_monitor_is_cancelled (monitor))
        return set_cancelled (self, error);
      if (v == FIRST_PACKED_VERSION)
        ok = pack_traces (self, monitor, error);
      else
        {
          _errata_upgrade_monitor_report (monitor, ERRATA_UPGRADE_PHASE_MIGRATE,
                                          v - from_version - 1, n_steps);
          ok = _errata_project_exec_sql (self, errata_project_migrations[v],
                                         _("upgrade the project"), error);
        }
      if (!ok)
        return FALSE;
    }
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                 ERRATA_PROJECT_APPLICATION_ID, ERRATA_PROJECT_SCHEMA_VERSION);
  return _errata_project_exec_sql (self, set_version, _("upgrade the project"), error);
}

/* Every step in one transaction: a failure or Cancel anywhere leaves the
 * file as it was. Cancel is honoured up to the COMMIT, not during it. */
gboolean
_errata_project_run_migrations (ErrataProject         *self,
                                int                    from_version,
                                ErrataUpgradeMonitor  *monitor,
                                GError               **error)
{
  gboolean ok;

  /* Cancelled while waiting for another writer's lock: still cancelled. */
  if (!errata_project_begin (self, error))
    return _errata_upgrade_monitor_is_cancelled (monitor) ? set_cancelled (self, error) : FALSE;
  if (monitor != NULL && monitor->cancellable != NULL)
    sqlite3_progress_handler (self->db, CANCEL_CHECK_OPS, interrupt_when_cancelled, monitor);
  ok = run_steps (self, from_version, monitor, error);
  if (!ok && _errata_upgrade_monitor_is_cancelled (monitor))
    set_cancelled (self, error);
  else if (ok && _errata_upgrade_monitor_is_cancelled (monitor))
    ok = set_cancelled (self, error);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (!ok)
    {
      errata_project_rollback (self);
      return FALSE;
    }
  if (!errata_project_commit (self, error))
    return FALSE;
  self->schema_version = ERRATA_PROJECT_SCHEMA_VERSION;
  return TRUE;
}

/* Which Errata last migrated or created the file ("Errata 1.4"): the
 * version a newer file needs. Best effort: NULL when unknown. */
static char *
read_writer (ErrataProject *self)
{
  sqlite3_stmt *stmt = NULL;
  char *writer = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key IN ('upgraded_by',"
                          " 'created_by') ORDER BY key = 'upgraded_by' DESC LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    writer = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return writer;
}

gboolean
_errata_project_check_identity (ErrataProject  *self,
                                GError        **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  gint64 app_id = 0;
  gint64 version = 0;

  if (!_errata_project_query_int (self, "PRAGMA application_id", &app_id, error) ||
      !_errata_project_query_int (self, "PRAGMA user_version", &version, error))
    return FALSE;

  if (app_id != ERRATA_PROJECT_APPLICATION_ID)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_ERRATA,
                   _("“%s” is an SQLite database, but not an Errata project."), path);
      return FALSE;
    }
  /* The header holds a signed 32-bit number: 2^31 reads back negative,
   * and no migration path starts below 0. */
  if (version < 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT,
                   _("“%s” is damaged: its format number (%lld) is not one Errata ever "
                     "wrote. Restore it from a backup."), path, (long long)version);
      return FALSE;
    }
  if (version > ERRATA_PROJECT_SCHEMA_VERSION)
    {
      g_autofree char *writer = read_writer (self);

      if (writer != NULL)
        g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_TOO_NEW,
                     _("“%s” was saved by a newer version of Errata: it needs %s or later "
                       "(file format %d; this is Errata %s, which reads up to format %d). "
                       "Update Errata to open it."),
                     path, writer, (int)version, PACKAGE_VERSION, ERRATA_PROJECT_SCHEMA_VERSION);
      else
        g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_TOO_NEW,
                     _("“%s” was saved by a newer version of Errata (file format %d; this is "
                       "Errata %s, which reads up to format %d). Update Errata to open it."),
                     path, (int)version, PACKAGE_VERSION, ERRATA_PROJECT_SCHEMA_VERSION);
      return FALSE;
    }
  self->schema_version = version;
  /* Reading the schema is what notices a damaged first page; better now,
   * with a clear message, than at the first query. */
  return _errata_project_query_int (self, "SELECT count(*) FROM sqlite_schema", &version, error)
         && _errata_project_check_schema (self, self->schema_version, error);
}

/* NAME.errata.vN.bak, or NAME.errata.vN.2.bak and on when that exists
 * (a backup is never overwritten: it may be the only old copy left). */
static char *
backup_path (const char *path,
             int         version)
{
  char *candidate = g_strdup_printf ("%s.v%d.bak", path, version);

  for (guint i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.v%d.%u.bak", path, version, i);
    }
  return candidate;
}

/* 16 MB of 4 kB pages between two reports and two checks for Cancel. */
#define BACKUP_STEP_PAGES 4096

static gboolean
on_backup_step (int      copied,
                int      total,
                gpointer monitor)
{
  _errata_upgrade_monitor_report (monitor, ERRATA_UPGRADE_PHASE_BACKUP, copied, total);
  return !_errata_upgrade_monitor_is_cancelled (monitor);
}

/* Before an upgrade, the file as it is: after it, an older Errata (a
 * colleague's) can no longer open the project. */
static gboolean
keep_old_file (ErrataProject         *self,
               ErrataUpgradeMonitor  *monitor,
               GError               **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *backup = backup_path (path, self->schema_version);

  _errata_upgrade_monitor_report (monitor, ERRATA_UPGRADE_PHASE_BACKUP, 0, 0);
  if (!_errata_project_backup_in_steps (self->db, backup, monitor ? BACKUP_STEP_PAGES : -1,
                                        monitor ? on_backup_step : NULL, monitor, error))
    {
      g_unlink (backup);
      if (_errata_upgrade_monitor_is_cancelled (monitor))
        return set_cancelled (self, error);
      g_prefix_error (error, _("“%s” was saved by an older version of Errata. Before upgrading "
                               "it, a copy of the old file could not be written beside it, so "
                               "nothing was changed: "), path);
      return FALSE;
    }
  self->upgrade_backup = g_file_new_for_path (backup);
  return TRUE;
}

/* A cancelled upgrade leaves nothing behind: the backup this attempt made
 * is the file as it still is. */
static void
forget_backup (ErrataProject *self)
{
  if (self->upgrade_backup == NULL)
    return;
  g_file_delete (self->upgrade_backup, NULL, NULL);
  g_clear_object (&self->upgrade_backup);
}

static gboolean
refuse_read_only (ErrataProject  *self,
                  GError        **error)
{
  g_autofree char *path = g_file_get_path (self->file);

  g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY,
               _("“%s” was saved by an older version of Errata and must be upgraded, "
                 "which cannot be done read-only."), path);
  return FALSE;
}

gboolean
_errata_project_bring_schema_up_to_date (ErrataProject         *self,
                                         ErrataUpgradeMonitor  *monitor,
                                         GError               **error)
{
  int from_version = self->schema_version;

  if (from_version == ERRATA_PROJECT_SCHEMA_VERSION)
    return TRUE;
  if (self->read_only)
    return refuse_read_only (self, error);
  if (_errata_upgrade_monitor_is_cancelled (monitor))
    return set_cancelled (self, error);
  if (from_version > 0 && !keep_old_file (self, monitor, error))
    return FALSE;
  if (!_errata_project_run_migrations (self, from_version, monitor, error))
    {
      /* Any failure once cancelled is reported as the Cancel. */
      if (_errata_upgrade_monitor_is_cancelled (monitor))
        forget_backup (self);
      return FALSE;
    }
  /* Committed: from here on the upgrade is done, and Cancel too late.
   * Upgrading to version 10 packs what was text, and the pages it frees
   * stay in the file (a 100k project: 976 MB after the upgrade, 633 MB
   * after a VACUUM; bench/README.md, "File size"). Giving them back is a
   * step of its own that can be cancelled (errata-project-compact.c),
   * which the window and errata-cli offer afterwards: as the upgrade's
   * last phase it took a quarter to a third of it, without Cancel. */
  if (!errata_project_set_meta (self, "upgraded_by", "Errata " PACKAGE_VERSION, error))
    return FALSE;
  _errata_upgrade_monitor_report (monitor, ERRATA_UPGRADE_PHASE_DONE, 1, 1);
  return TRUE;
}
