/* errata-project.c: opening, creating and migrating a project file, and the
 * trace and annotation store. Queries live in errata-project-query.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "errata-project-open-private.h"
#include "errata-upgrade-progress.h"
#include "errata-project-schema.h"
#include "errata-stored-text.h"
#include "errata-trace-private.h"

G_DEFINE_FINAL_TYPE (ErrataProject, errata_project, G_TYPE_OBJECT)
G_DEFINE_QUARK (errata-project-error-quark, errata_project_error)

static const char sqlite_magic[16] = "SQLite format 3";

static void
errata_project_finalize (GObject *object)
{
  ErrataProject *self = (ErrataProject *)object;

  errata_project_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->upgrade_backup);
  g_clear_pointer (&self->reviewer, g_free);

  G_OBJECT_CLASS (errata_project_parent_class)->finalize (object);
}

static void
errata_project_class_init (ErrataProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_project_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
errata_project_init (ErrataProject *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

sqlite3 *
_errata_project_get_db (ErrataProject *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  return self->db;
}

static ErrataProjectError
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      return ERRATA_PROJECT_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return ERRATA_PROJECT_ERROR_NOT_SQLITE;
    case SQLITE_READONLY:
      return ERRATA_PROJECT_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
      return ERRATA_PROJECT_ERROR_NOT_FOUND;
    default:
      return ERRATA_PROJECT_ERROR_FAILED;
    }
}

gboolean
_errata_project_set_error (ErrataProject  *self,
                           GError        **error,
                           const char     *what)
{
  int rc = self->db ? sqlite3_extended_errcode (self->db) : SQLITE_MISUSE;
  const char *detail = self->db ? sqlite3_errmsg (self->db) : "no connection";

  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, ERRATA_PROJECT_ERROR, error_code_for_sqlite (rc),
                 _("The project file is damaged (%s). Restore it from a backup."), detail);
  else if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                 _("The disk is full: %s failed. Nothing of this change was saved."), what);
  else
    g_set_error (error, ERRATA_PROJECT_ERROR, error_code_for_sqlite (rc),
                 _("Could not %s: %s"), what, detail);
  return FALSE;
}

gboolean
_errata_project_exec_sql (ErrataProject  *self,
                          const char     *sql,
                          const char     *what,
                          GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _errata_project_set_error (self, error, what);
  return TRUE;
}

sqlite3_stmt *
_errata_project_prepare (ErrataProject  *self,
                         const char     *sql,
                         GError        **error)
{
  sqlite3_stmt *stmt = NULL;

  if (self->db == NULL)
    {
      g_set_error_literal (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CLOSED,
                           _("The project is closed."));
      return NULL;
    }
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _errata_project_set_error (self, error, _("read the project"));
      return NULL;
    }
  return stmt;
}

gboolean
_errata_project_query_int (ErrataProject  *self,
           const char     *sql,
           gint64         *value,
           GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("read the project"));
  return TRUE;
}

/* Asked before anything opens the file: opening a FIFO blocks until a
 * writer comes, and a device (a link to /dev/zero) is no project. */
static gboolean
check_regular_file (GFile   *file,
                    GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                     _("“%s” does not exist."), path);
      else
        g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                     _("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_SQLITE,
                   _("“%s” is not an Errata project: it is not a regular file (it is a "
                     "folder, a device, a pipe or a socket)."), path);
      return FALSE;
    }
  return TRUE;
}

/* Reads the first bytes ourselves: SQLite would happily treat any small
 * text file as an empty database, and the user deserves to hear that the
 * file is not a project at all.
 *
 * Read through the connection's own file handle, never by opening the
 * file again: on POSIX, closing any descriptor of a file drops every lock
 * this process holds on it, SQLite's included ("How To Corrupt An SQLite
 * Database File", 2.2). The app opens its project more than once (the
 * reader, the importer, the live writer); a second descriptor closed here
 * let another process think nobody had the project open and delete its
 * write-ahead log under the app. */
static gboolean
check_header (ErrataProject  *self,
              const char     *path,
              GError        **error)
{
  sqlite3_file *handle = NULL;
  char header[16] = { 0 };
  int rc;

  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &handle) != SQLITE_OK ||
      handle == NULL || handle->pMethods == NULL)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                   _("Could not read “%s”."), path);
      return FALSE;
    }
  rc = handle->pMethods->xRead (handle, header, sizeof header, 0);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                   _("Could not read “%s”: %s"), path, sqlite3_errstr (rc));
      return FALSE;
    }
  if (rc == SQLITE_IOERR_SHORT_READ || memcmp (header, sqlite_magic, sizeof header) != 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_SQLITE,
                   _("“%s” is not an Errata project: it is not an SQLite database."), path);
      return FALSE;
    }
  return TRUE;
}

/* errata_reviewer(): the reviewer set on the project, or NULL. */
static void
sql_reviewer (sqlite3_context  *context,
              int               n_args,
              sqlite3_value   **args)
{
  ErrataProject *self = sqlite3_user_data (context);

  if (self->reviewer == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, self->reviewer, -1, SQLITE_TRANSIENT);
}

static gboolean
configure_connection (ErrataProject  *self,
                      GError        **error)
{
  /* Defensive mode and untrusted schema: a project file comes by mail from
   * anyone, and must not be able to run code or corrupt itself through
   * crafted schema objects. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_busy_timeout (self->db, _errata_project_busy_timeout_ms ());
  sqlite3_extended_result_codes (self->db, 1);
  /* Direct only: a crafted view or trigger in a received file cannot call
   * it. Not deterministic: the reviewer changes with the preference. */
  sqlite3_create_function (self->db, "errata_reviewer", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                           self, sql_reviewer, NULL, NULL);
  errata_stored_text_register (self->db);

  /* A bigger page cache lets a whole import batch (trace rows, seven
   * indexes, FTS postings) stay in memory until COMMIT instead of spilling
   * to the WAL page by page; it only grows as far as it is used. A
   * read-only project needs it too: with SQLite's 2 MB a page of a common
   * metadata value sorted by another key read its side-table pages from
   * the file again on every query (17.7 ms of CPU instead of 3.8 at 10k). */
  if (!_errata_project_exec_sql (self, "PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON;"
                                 " PRAGMA cache_size = -16384;",
                                 _("configure the project"), error))
    return FALSE;
  if (self->read_only)
    return TRUE;
  /* WAL: readers (the window) never wait for a writer (an import), and a
   * crash leaves the last committed transaction. NORMAL is durable across
   * application crashes, which is what WAL needs it for. */
  return _errata_project_exec_sql (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                                   _("configure the project"), error);
}

/* Once, before SQLite starts: no bulk allocation of page cache for each
 * pager. Every temporary b-tree (a correlated "ORDER BY … LIMIT 1" of the
 * trace summary opens one each time it runs) is a pager of its own, and
 * the default ~80 KB it allocated and freed each time went back and forth
 * to the kernel (brk, page faults, TLB shootdowns): two thirds of the CPU
 * of reading one trace, found in a judge run. Pages are still allocated as
 * they are used. SQLITE_MISUSE when SQLite already started: harmless. */
static void
configure_sqlite_once (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      sqlite3_config (SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
      g_once_init_leave (&done, 1);
    }
}

/* A new project's pages are 8 kB; an existing file keeps its own (the
 * size is fixed when the first page is written, here by WAL mode's
 * header, so this comes before configure_connection). A packed trace row
 * is ~2.6 kB: 4 kB pages left ~1.5 kB of most of them unused. The same
 * 10k import makes a file 5% smaller, 1.30x its JSONL instead of 1.37x;
 * 16 kB pages (1.25x) made reading one trace ~60% slower and the exact
 * count of a common value up to 10x (bench/README.md, "File size"). */
static gboolean
set_new_page_size (ErrataProject  *self,
                   GError        **error)
{
  return _errata_project_exec_sql (self,
                                   "PRAGMA page_size = " G_STRINGIFY (ERRATA_PROJECT_PAGE_SIZE),
                                   _("configure the project"), error);
}

/* `existing`: the file must already be a database (checked before SQLite
 * reads or writes a byte of it); a new project's empty file is not. */
static gboolean
open_connection (ErrataProject  *self,
                 int             flags,
                 gboolean        existing,
                 GError        **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  int rc;

  configure_sqlite_once ();
  rc = sqlite3_open_v2 (path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, error_code_for_sqlite (rc),
                   _("Could not open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  if (existing && !check_header (self, path, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  /* SQLite quietly opens a write-protected file read-only even when asked
   * for read-write; say so, or every save would fail after the user typed. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    self->read_only = TRUE;
  if (!existing && !set_new_page_size (self, error))
    return FALSE;
  return configure_connection (self, error);
}

static ErrataProject *
project_new (GFile *file)
{
  ErrataProject *self = g_object_new (ERRATA_TYPE_PROJECT, NULL);

  self->file = g_object_ref (file);
  return self;
}

ErrataProject *
errata_project_open (GFile                   *file,
                     ErrataProjectOpenFlags   flags,
                     GError                 **error)
{
  return errata_project_open_full (file, flags, NULL, NULL, NULL, error);
}

ErrataProject *
errata_project_open_full (GFile                      *file,
                          ErrataProjectOpenFlags      flags,
                          ErrataUpgradeProgressFunc   progress,
                          gpointer                    progress_data,
                          GCancellable               *cancellable,
                          GError                    **error)
{
  g_autoptr(ErrataProject) self = NULL;
  ErrataUpgradeMonitor monitor = { progress, progress_data, cancellable, { 0 }, FALSE };
  int sqlite_flags;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_regular_file (file, error))
    return NULL;

  self = project_new (file);
  self->read_only = (flags & ERRATA_PROJECT_OPEN_READ_ONLY) != 0;
  sqlite_flags = self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;

  if (!open_connection (self, sqlite_flags, TRUE, error) ||
      !_errata_project_check_identity (self, error) ||
      !_errata_project_bring_schema_up_to_date (self, &monitor, error))
    return NULL;

  return g_steal_pointer (&self);
}

ErrataProject *
errata_project_create (GFile   *file,
                       GError **error)
{
  g_autoptr(ErrataProject) self = NULL;
  g_autofree char *path = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("Projects can only be created on a local file system."));
      return NULL;
    }
  if (g_file_query_exists (file, NULL))
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_EXISTS,
                   _("“%s” already exists."), path);
      return NULL;
    }

  self = project_new (file);
  if (!open_connection (self, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, FALSE, error) ||
      !_errata_project_run_migrations (self, 0, NULL, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      g_unlink (path);
      return NULL;
    }

  now = g_date_time_new_now_utc ();
  created = g_date_time_format_iso8601 (now);
  if (!errata_project_set_meta (self, "created_by", "Errata " PACKAGE_VERSION, error) ||
      !errata_project_set_meta (self, "created_at", created, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  GFile                  *file;
  ErrataProjectOpenFlags  flags;
  ErrataUpgradeRelay     *relay;   /* NULL: no progress wanted */
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->file);
  g_clear_pointer (&data->relay, _errata_upgrade_relay_unref);
  g_free (data);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  ErrataProject *project;

  project = errata_project_open_full (data->file, data->flags,
                                      data->relay ? _errata_upgrade_relay_report : NULL,
                                      data->relay, cancellable, &error);
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The connection moves to the caller's thread with the object: nothing
   * else touched it, and SQLite allows that with NOMUTEX. */
  g_task_return_pointer (task, project, g_object_unref);
}

void
errata_project_open_async (GFile                  *file,
                           ErrataProjectOpenFlags  flags,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  errata_project_open_with_progress_async (file, flags, NULL, NULL, NULL, cancellable, callback,
                                           user_data);
}

void
errata_project_open_with_progress_async (GFile                      *file,
                                         ErrataProjectOpenFlags      flags,
                                         ErrataUpgradeProgressFunc   progress,
                                         gpointer                    progress_data,
                                         GDestroyNotify              progress_notify,
                                         GCancellable               *cancellable,
                                         GAsyncReadyCallback         callback,
                                         gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (OpenData, 1);
  data->file = g_object_ref (file);
  data->flags = flags;
  if (progress != NULL)
    data->relay = _errata_upgrade_relay_new (progress, progress_data, progress_notify);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_project_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify)open_data_free);
  /* The upgrade checks Cancel itself and ends with its own message (the
   * file was not changed), which a GTask's own check would replace. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, open_in_thread);
}

ErrataProject *
errata_project_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
errata_project_close (ErrataProject *self)
{
  g_return_if_fail (ERRATA_IS_PROJECT (self));

  g_hash_table_remove_all (self->statements);
  if (self->db && self->transaction_depth > 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->transaction_depth = 0;
  /* Fold the WAL into the file, so that the file alone is whole even when
   * another connection (an import, a copy) keeps the WAL from being
   * removed at close. Best effort: a reader may hold part of it back. */
  if (self->db && !self->read_only)
    {
      /* A writer elsewhere may hold the lock for long: wait no more than
       * SQLite's usual 5 s, even when the busy timeout was raised. */
      sqlite3_busy_timeout (self->db, MIN (_errata_project_busy_timeout_ms (), 5000));
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }
  /* sqlite3_close_v2 defers the close until statements owned by others
   * (an import cursor, the LLM cache) are finalized. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

GFile *
errata_project_get_file (ErrataProject *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  return self->file;
}

/* The copy of the file kept before this open upgraded its format
 * (NAME.errata.vN.bak beside it), or NULL when nothing was upgraded. */
GFile *
errata_project_get_upgrade_backup (ErrataProject *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  return self->upgrade_backup;
}

gboolean
errata_project_is_read_only (ErrataProject *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), TRUE);
  return self->read_only;
}

int
errata_project_get_schema_version (ErrataProject *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), 0);
  return self->schema_version;
}

/* Returns a prepared statement for `sql`, which must be a string with
 * static storage (it is cached by address), reset and ready to bind. The
 * statement stays owned by the project. */
sqlite3_stmt *
_errata_project_cached (ErrataProject  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = _errata_project_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

gboolean
_errata_project_check_writable (ErrataProject  *self,
                                GError        **error)
{
  if (self->db == NULL)
    {
      g_set_error_literal (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CLOSED,
                           _("The project is closed."));
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error_literal (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY,
                           _("The project is open read-only."));
      return FALSE;
    }
  return TRUE;
}

/* Nested begin/commit pairs use savepoints, so a function that writes can
 * wrap itself in a transaction whether or not its caller already has one. */
static gboolean
step_cached (ErrataProject  *self,
             const char     *sql,
             const char     *what,
             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, what);
  return TRUE;
}

static const char begin_sql[] = "BEGIN IMMEDIATE";
static const char savepoint_sql[] = "SAVEPOINT nested";
static const char commit_sql[] = "COMMIT";
static const char release_sql[] = "RELEASE nested";

gboolean
errata_project_begin (ErrataProject  *self,
                      GError        **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);

  if (!_errata_project_check_writable (self, error))
    return FALSE;
  if (!step_cached (self, self->transaction_depth == 0 ? begin_sql : savepoint_sql,
                    _("start a change"), error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

gboolean
errata_project_commit (ErrataProject  *self,
                       GError        **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (!step_cached (self, self->transaction_depth == 1 ? commit_sql : release_sql,
                    _("save the change"), error))
    {
      errata_project_rollback (self);
      return FALSE;
    }
  self->transaction_depth--;
  return TRUE;
}

void
errata_project_rollback (ErrataProject *self)
{
  g_return_if_fail (ERRATA_IS_PROJECT (self));

  if (self->transaction_depth == 0 || self->db == NULL)
    return;
  if (self->transaction_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
  self->transaction_depth--;
}

/* Every row of a statement, each made by from_row; the statement is reset.
 * `what` names the failing read in the error ("read the runs"). */
GPtrArray *
_errata_project_collect_rows (ErrataProject   *self,
                              sqlite3_stmt    *stmt,
                              gpointer       (*from_row) (sqlite3_stmt *),
                              GDestroyNotify   free_row,
                              const char      *what,
                              GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (self, error, what);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Runs one write statement inside its own (possibly nested) transaction. */
gboolean
_errata_project_step_write (ErrataProject  *self,
                            sqlite3_stmt   *stmt,
                            const char     *what,
                            GError        **error)
{
  if (!errata_project_begin (self, error))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _errata_project_set_error (self, error, what);
      errata_project_rollback (self);
      return FALSE;
    }
  return errata_project_commit (self, error);
}

char *
errata_project_get_meta (ErrataProject *self,
                         const char    *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);

  stmt = _errata_project_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gboolean
errata_project_set_meta (ErrataProject  *self,
                         const char     *key,
                         const char     *value,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!_errata_project_check_writable (self, error))
    return FALSE;
  stmt = _errata_project_prepare (self,
                                  "INSERT INTO meta (key, value) VALUES (?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  ok = _errata_project_step_write (self, stmt, _("save project settings"), error);
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * errata_project_set_reviewer:
 * @reviewer: (nullable): the name reviews are made under, or %NULL
 *
 * Whose reviews count as "mine" in trace summaries, review filters and
 * counts: a review made here (or merged) under this name. With %NULL,
 * every review made here counts, which is how the command line reads a
 * project for the whole team. Imported labels never count as reviews.
 */
void
errata_project_set_reviewer (ErrataProject *self,
                             const char    *reviewer)
{
  g_return_if_fail (ERRATA_IS_PROJECT (self));

  g_free (self->reviewer);
  self->reviewer = reviewer != NULL && *reviewer != '\0' ? g_strdup (reviewer) : NULL;
}

const char *
errata_project_get_reviewer (ErrataProject *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  return self->reviewer;
}
