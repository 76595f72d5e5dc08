/* errata-trace-deletion.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undo keeps the deleted rows in a private SQLite file of this object
 * (mode 0600 in the temporary folder), attached to the connection that
 * deletes or undoes; the file goes when the object does, and the window
 * drops its deletions when it closes the project: a deletion is undoable
 * until then, and the deleted text never stays in the project file, which
 * may be mailed to someone. TEMP tables would vanish with the worker
 * thread's connection, which is why the rows live in a file of their own.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "errata-trace-deletion-private.h"
#include "errata-project-private.h"

struct _ErrataTraceDeletion
{
  GObject               parent_instance;

  GArray               *ids;          /* gint64; NULL for a whole import until resolved */
  gint64                import_id;    /* 0: a selection of traces */
  ErrataDeletionCounts  counts;
  char                 *undo_path;    /* the deleted rows, while they can come back */
  gboolean              done;
};

G_DEFINE_FINAL_TYPE (ErrataTraceDeletion, errata_trace_deletion, G_TYPE_OBJECT)

static void
errata_trace_deletion_finalize (GObject *object)
{
  ErrataTraceDeletion *self = (ErrataTraceDeletion *)object;

  if (self->undo_path != NULL)
    g_unlink (self->undo_path);
  g_clear_pointer (&self->undo_path, g_free);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (errata_trace_deletion_parent_class)->finalize (object);
}

static void
errata_trace_deletion_class_init (ErrataTraceDeletionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_trace_deletion_finalize;
}

static void
errata_trace_deletion_init (ErrataTraceDeletion *self)
{
}

ErrataTraceDeletion *
errata_trace_deletion_new_for_ids (const gint64 *ids,
                                   guint         n_ids)
{
  ErrataTraceDeletion *self;

  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  self = g_object_new (ERRATA_TYPE_TRACE_DELETION, NULL);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (self->ids, ids, n_ids);
  return self;
}

ErrataTraceDeletion *
errata_trace_deletion_new_for_import (gint64 import_id)
{
  ErrataTraceDeletion *self;

  g_return_val_if_fail (import_id > 0, NULL);

  self = g_object_new (ERRATA_TYPE_TRACE_DELETION, NULL);
  self->import_id = import_id;
  return self;
}

gint64
errata_trace_deletion_get_import_id (ErrataTraceDeletion *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_DELETION (self), 0);
  return self->import_id;
}

const ErrataDeletionCounts *
errata_trace_deletion_get_counts (ErrataTraceDeletion *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_DELETION (self), NULL);
  return &self->counts;
}

gboolean
errata_trace_deletion_can_undo (ErrataTraceDeletion *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_DELETION (self), FALSE);
  return self->done && self->undo_path != NULL;
}

/* The ids as a JSON array, which json_each() reads in SQL: it works on a
 * read-only connection (a dry run), where no table can be written. */
static char *
ids_json (ErrataTraceDeletion *self,
          sqlite3             *db,
          GError             **error)
{
  GString *json = g_string_new ("[");
  sqlite3_stmt *stmt = NULL;

  if (self->ids != NULL)
    {
      for (guint i = 0; i < self->ids->len; i++)
        g_string_append_printf (json, "%s%" PRId64, i > 0 ? "," : "",
                                g_array_index (self->ids, gint64, i));
      g_string_append_c (json, ']');
      return g_string_free (json, FALSE);
    }
  g_string_free (json, TRUE);
  if (sqlite3_prepare_v2 (db, "SELECT json_group_array (id) FROM traces WHERE import_id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _errata_deletion_sql_error (db, error, _("read the project"));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, self->import_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _errata_deletion_sql_error (db, error, _("read the project"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  json = g_string_new ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (json, FALSE);
}

#define IN_IDS "IN (SELECT value FROM json_each (?1))"

static const char count_sql[] =
  "SELECT (SELECT count (*) FROM traces WHERE id " IN_IDS "),"
  " (SELECT count (*) FROM annotations a WHERE a.trace_id " IN_IDS " AND " ERRATA_SQL_REVIEW
  "   AND (a.verdict IS NOT NULL OR a.note <> '')),"
  " (SELECT count (*) FROM annotations a WHERE a.trace_id " IN_IDS " AND " ERRATA_SQL_IMPORTED
  "   AND (a.verdict IS NOT NULL OR a.note <> '')),"
  " (SELECT count (*) FROM explicit_labels WHERE trace_id " IN_IDS "),"
  " (SELECT count (*) FROM label_history WHERE trace_id " IN_IDS "),"
  " (SELECT count (*) FROM verdicts WHERE trace_id " IN_IDS "),"
  " (SELECT count (*) FROM assignments s JOIN annotations a ON a.id = s.annotation_id"
  "   WHERE a.trace_id " IN_IDS "),"
  " (SELECT count (*) FROM splits WHERE trace_id " IN_IDS ")";

static gboolean
count_with (sqlite3               *db,
            const char            *json,
            ErrataDeletionCounts  *counts,
            GError               **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, count_sql, -1, &stmt, NULL) != SQLITE_OK)
    return _errata_deletion_sql_error (db, error, _("read the project"));
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      counts->traces = sqlite3_column_int64 (stmt, 0);
      counts->reviews = sqlite3_column_int64 (stmt, 1);
      counts->imported_labels = sqlite3_column_int64 (stmt, 2);
      counts->explicit_labels = sqlite3_column_int64 (stmt, 3);
      counts->label_changes = sqlite3_column_int64 (stmt, 4);
      counts->verdicts = sqlite3_column_int64 (stmt, 5);
      counts->assignments = sqlite3_column_int64 (stmt, 6);
      counts->splits = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return _errata_deletion_sql_error (db, error, _("read the project"));
  return TRUE;
}

static gboolean
check_import_exists (ErrataTraceDeletion  *self,
                     sqlite3              *db,
                     GError              **error)
{
  gint64 n = 0;

  if (self->import_id <= 0)
    return TRUE;
  if (!_errata_deletion_query_int (db, &n, error, "SELECT count (*) FROM imports WHERE id = %lld",
                                   (long long)self->import_id))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                   _("There is no import %" PRId64 " in this project "
                     "(“errata-cli imports” lists them)."), self->import_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
errata_trace_deletion_count (ErrataTraceDeletion   *self,
                             ErrataProject         *project,
                             ErrataDeletionCounts  *counts,
                             GError               **error)
{
  sqlite3 *db;
  g_autofree char *json = NULL;

  g_return_val_if_fail (ERRATA_IS_TRACE_DELETION (self), FALSE);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  *counts = (ErrataDeletionCounts) { 0, };
  db = _errata_project_get_db (project);
  if (db == NULL)
    {
      g_set_error_literal (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CLOSED,
                           _("The project is closed."));
      return FALSE;
    }
  if (!check_import_exists (self, db, error) || (json = ids_json (self, db, error)) == NULL)
    return FALSE;
  return count_with (db, json, counts, error);
}

/* A file only we can read, for the rows that may come back. */
static char *
new_undo_file (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("errata-undo-XXXXXX.db", &path, &local_error);

  if (fd < 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                   _("Could not keep the deleted traces for undo: %s. Nothing was deleted."),
                   local_error->message);
      return NULL;
    }
  close (fd);
  return path;
}

static gboolean
attach_undo (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  return _errata_deletion_exec (db, error, "ATTACH %Q AS undo", path);
}

static void
detach_undo (sqlite3 *db)
{
  sqlite3_exec (db, "DETACH undo", NULL, NULL, NULL);
}

/* Cascades would look through tables without an index by trace for every
 * deleted trace; every child row is deleted by name instead, and checked
 * (errata-trace-deletion-rows.c). A no-op inside a caller's transaction,
 * where the cascades then do the same work, slower. */
static void
set_foreign_keys (sqlite3  *db,
                  gboolean  on)
{
  sqlite3_exec (db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF",
                NULL, NULL, NULL);
}

static gboolean
delete_in_transaction (ErrataTraceDeletion  *self,
                       ErrataProject        *project,
                       const char           *json,
                       GCancellable         *cancellable,
                       GError              **error)
{
  sqlite3 *db = _errata_project_get_db (project);
  g_autoptr(GPtrArray) links = _errata_deletion_find_links (db, error);

  if (links == NULL || !errata_project_begin (project, error))
    return FALSE;
  if (!count_with (db, json, &self->counts, error) ||
      !_errata_deletion_move_out (db, links, json, self->import_id, cancellable, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  return errata_project_commit (project, error);
}

static gboolean
run_with_cancellable (ErrataTraceDeletion  *self,
                      ErrataProject        *project,
                      gboolean              keep_undo,
                      GCancellable         *cancellable,
                      GError              **error)
{
  sqlite3 *db;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  if (self->done)
    {
      g_set_error_literal (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                           _("These traces were deleted already."));
      return FALSE;
    }
  if (!_errata_project_check_writable (project, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  db = _errata_project_get_db (project);
  if (!check_import_exists (self, db, error) || (json = ids_json (self, db, error)) == NULL)
    return FALSE;
  /* Without undo, a temporary database of SQLite's own, gone at DETACH. */
  if (keep_undo && (path = new_undo_file (error)) == NULL)
    return FALSE;
  if (!attach_undo (db, path != NULL ? path : "", error))
    {
      if (path != NULL)
        g_unlink (path);
      return FALSE;
    }
  set_foreign_keys (db, FALSE);
  ok = delete_in_transaction (self, project, json, cancellable, error);
  set_foreign_keys (db, TRUE);
  detach_undo (db);
  if (!ok)
    {
      if (path != NULL)
        g_unlink (path);
      return FALSE;
    }
  self->undo_path = g_steal_pointer (&path);
  self->done = TRUE;
  return TRUE;
}

gboolean
errata_trace_deletion_run (ErrataTraceDeletion  *self,
                           ErrataProject        *project,
                           gboolean              keep_undo,
                           GError              **error)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_DELETION (self), FALSE);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  return run_with_cancellable (self, project, keep_undo, NULL, error);
}

gboolean
errata_trace_deletion_undo (ErrataTraceDeletion  *self,
                            ErrataProject        *project,
                            GError              **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) links = NULL;
  gboolean ok;

  g_return_val_if_fail (ERRATA_IS_TRACE_DELETION (self), FALSE);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (!errata_trace_deletion_can_undo (self))
    {
      g_set_error_literal (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                           _("There is nothing to undo: the traces were not deleted with "
                             "undo, or are back already."));
      return FALSE;
    }
  if (!_errata_project_check_writable (project, error))
    return FALSE;
  db = _errata_project_get_db (project);
  if ((links = _errata_deletion_find_links (db, error)) == NULL ||
      !attach_undo (db, self->undo_path, error))
    return FALSE;
  ok = errata_project_begin (project, error);
  if (ok && !_errata_deletion_move_back (db, links, self->import_id > 0, error))
    {
      errata_project_rollback (project);
      ok = FALSE;
    }
  ok = ok && errata_project_commit (project, error);
  detach_undo (db);
  if (!ok)
    return FALSE;
  g_unlink (self->undo_path);
  g_clear_pointer (&self->undo_path, g_free);
  self->done = FALSE;
  return TRUE;
}

/* ---- In a thread ---- */

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ErrataTraceDeletion *self = source_object;
  GFile *file = task_data;
  g_autoptr(ErrataProject) project = NULL;
  GError *error = NULL;
  gboolean undo = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "undo"));
  gboolean ok;

  /* A SQLite connection belongs to one thread: the worker has its own. */
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ok = undo ? errata_trace_deletion_undo (self, project, &error)
            : run_with_cancellable (self, project, TRUE, cancellable, &error);
  errata_project_close (project);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_thread (ErrataTraceDeletion  *self,
              GFile                *project_file,
              gboolean              undo,
              gpointer              source_tag,
              GCancellable         *cancellable,
              GAsyncReadyCallback   callback,
              gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_object_ref (project_file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "undo", GINT_TO_POINTER (undo));
  /* The transaction is rolled back on cancel; the task must see it end,
   * and a deletion that finished before the cancel is reported as done
   * (it is on the undo list), not as cancelled. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

void
errata_trace_deletion_run_async (ErrataTraceDeletion  *self,
                                 GFile                *project_file,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_return_if_fail (ERRATA_IS_TRACE_DELETION (self));
  g_return_if_fail (G_IS_FILE (project_file));

  start_thread (self, project_file, FALSE, errata_trace_deletion_run_async, cancellable,
                callback, user_data);
}

gboolean
errata_trace_deletion_run_finish (ErrataTraceDeletion  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
errata_trace_deletion_undo_async (ErrataTraceDeletion  *self,
                                  GFile                *project_file,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_return_if_fail (ERRATA_IS_TRACE_DELETION (self));
  g_return_if_fail (G_IS_FILE (project_file));

  start_thread (self, project_file, TRUE, errata_trace_deletion_undo_async, cancellable,
                callback, user_data);
}

gboolean
errata_trace_deletion_undo_finish (ErrataTraceDeletion  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
