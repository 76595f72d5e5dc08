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

gboolean
_errata_project_run_migrations (ErrataProject  *self,
                                int             from_version,
                                GError        **error)
{
  g_autofree char *set_version = NULL;

  if (!errata_project_begin (self, error))
    return FALSE;
  for (guint v = from_version + 1; v < errata_project_n_migrations; v++)
    {
      if (!_errata_project_exec_sql (self, errata_project_migrations[v], _("upgrade the project"), error))
        {
          errata_project_rollback (self);
          return FALSE;
        }
    }
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                 ERRATA_PROJECT_APPLICATION_ID, ERRATA_PROJECT_SCHEMA_VERSION);
  if (!_errata_project_exec_sql (self, set_version, _("upgrade the project"), error))
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

/* Before an upgrade, the file as it is: after it, an older Errata (a
 * colleague's) can no longer open the project. */
static gboolean
keep_old_file (ErrataProject  *self,
               GError        **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *backup = backup_path (path, self->schema_version);

  if (!_errata_project_backup_to (self->db, backup, error))
    {
      g_unlink (backup);
      g_prefix_error (error, _("“%s” was saved by an older version of Errata. Before upgrading "
                               "it, a copy of the old file could not be written beside it, so "
                               "nothing was changed: "), path);
      return FALSE;
    }
  self->upgrade_backup = g_file_new_for_path (backup);
  return TRUE;
}

/* The version that stores large JSON packed and input/output cut. */
#define FIRST_PACKED_VERSION 10

/* Upgrading to version 10 packs what was text: the pages it frees stay in
 * the file until a VACUUM gives them back (a 100k project: 976 MB before
 * and after the upgrade alone, 633 MB after the VACUUM; bench/README.md,
 * "File size"). Best effort: the project is whole and upgraded either
 * way, only bigger than it needs to be. */
static void
give_back_space (ErrataProject *self)
{
  if (sqlite3_exec (self->db, "VACUUM", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not give back the space the upgrade freed: %s", sqlite3_errmsg (self->db));
}

gboolean
_errata_project_bring_schema_up_to_date (ErrataProject  *self,
                                         GError        **error)
{
  g_autofree char *path = NULL;
  int from_version;

  if (self->schema_version == ERRATA_PROJECT_SCHEMA_VERSION)
    return TRUE;
  if (self->read_only)
    {
      path = g_file_get_path (self->file);
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY,
                   _("“%s” was saved by an older version of Errata and must be upgraded, "
                     "which cannot be done read-only."), path);
      return FALSE;
    }
  if (self->schema_version > 0 && !keep_old_file (self, error))
    return FALSE;
  from_version = self->schema_version;
  if (!_errata_project_run_migrations (self, self->schema_version, error) ||
      !errata_project_set_meta (self, "upgraded_by", "Errata " PACKAGE_VERSION, error))
    return FALSE;
  if (from_version > 0 && from_version < FIRST_PACKED_VERSION)
    give_back_space (self);
  return TRUE;
}
