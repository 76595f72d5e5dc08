/* errata-project-merge.c: bring a colleague's reviews into this project.
 *
 * A merge first plans (reads both files, decides what each of the other
 * file's reviews becomes here) and then, unless it is a preview, writes the
 * plan in one transaction, planned inside that same transaction so that
 * nothing can change between the two.
 *
 * Without a common ancestor the rule for one person's review found in both
 * files is: a copy that came in by a merge and was never edited here gives
 * way to a later version; a review edited here (origin 'here') is never
 * overwritten: when the other file holds a different version made there,
 * or a later copy, both sides changed it and it is listed as a conflict.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "errata-project-merge.h"
#include "errata-project-private.h"
#include "errata-project-merge-private.h"

const char *
_errata_merge_text_at (sqlite3_stmt *stmt,
                       int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

gint64 *
_errata_merge_int64_new (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

/* Steps a prepared read to its end; a failure names `what` and the file. */
gboolean
_errata_merge_finish_read (ErrataProject  *project,
                           sqlite3_stmt   *stmt,
                           int             rc,
                           const char     *what,
                           GError        **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, what);
  return TRUE;
}

static void
review_free (Review *review)
{
  g_free (review->source);
  g_free (review->external_id);
  g_clear_pointer (&review->annotation, errata_annotation_free);
  g_clear_pointer (&review->modes, g_ptr_array_unref);
  g_free (review);
}

static void
conflict_free (ErrataMergeConflict *conflict)
{
  g_free (conflict->source);
  g_free (conflict->external_id);
  g_free (conflict->annotator);
  g_free (conflict->here_note);
  g_free (conflict->other_note);
  g_free (conflict);
}

void
errata_merge_result_free (ErrataMergeResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->conflicts, g_ptr_array_unref);
  g_free (result);
}

/* Removes the folder of an upgraded copy: the copy, its backup, its WAL. */
static void
remove_copy_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
merge_clear (Merge *merge)
{
  if (merge->other != NULL)
    errata_project_close (merge->other);
  g_clear_object (&merge->other);
  if (merge->copy_dir != NULL)
    remove_copy_dir (merge->copy_dir);
  g_clear_pointer (&merge->copy_dir, g_free);
  g_clear_pointer (&merge->trace_map, g_hash_table_unref);
  g_clear_pointer (&merge->other_modes, g_hash_table_unref);
  g_clear_pointer (&merge->mode_rows, g_ptr_array_unref);
  g_clear_pointer (&merge->to_write, g_ptr_array_unref);
  g_clear_pointer (&merge->result, errata_merge_result_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Merge, merge_clear)

/* ---- opening the other file ------------------------------------------ */

static gboolean
copy_beside (GFile       *from,
             const char  *dir,
             const char  *suffix,
             GError     **error)
{
  g_autofree char *from_path = g_file_get_path (from);
  g_autofree char *name = g_path_get_basename (from_path);
  g_autofree char *source_path = g_strconcat (from_path, suffix, NULL);
  g_autofree char *target_path = g_strconcat (dir, G_DIR_SEPARATOR_S, name, suffix, NULL);
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);

  return g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error);
}

/* A file saved by an older Errata must be upgraded before it can be read,
 * and the colleague's file must not be: upgrade a private copy instead
 * (with its WAL, which may hold their last reviews). */
static ErrataProject *
open_upgraded_copy (Merge   *merge,
                    GFile   *other,
                    GError **error)
{
  g_autofree char *path = g_file_get_path (other);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *copy_path = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) wal_error = NULL;

  merge->copy_dir = g_dir_make_tmp ("errata-merge-XXXXXX", error);
  if (merge->copy_dir == NULL || !copy_beside (other, merge->copy_dir, "", error))
    return NULL;
  if (!copy_beside (other, merge->copy_dir, "-wal", &wal_error) &&
      !g_error_matches (wal_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&wal_error));
      return NULL;
    }
  copy_path = g_build_filename (merge->copy_dir, name, NULL);
  copy = g_file_new_for_path (copy_path);
  return errata_project_open (copy, ERRATA_PROJECT_OPEN_NONE, error);
}

static ErrataProject *
open_other (Merge   *merge,
            GFile   *other,
            GError **error)
{
  g_autofree char *path = g_file_get_path (other);
  g_autoptr(GError) local_error = NULL;
  ErrataProject *project;

  if (g_file_equal (other, errata_project_get_file (merge->here)))
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("“%s” is this project itself: choose a colleague’s copy to merge from."),
                   path);
      return NULL;
    }
  /* Read-only: the colleague's file is theirs, and merging must not even
   * upgrade it. The open refuses a newer format with both version numbers. */
  project = errata_project_open (other, ERRATA_PROJECT_OPEN_READ_ONLY, &local_error);
  if (project == NULL && g_error_matches (local_error, ERRATA_PROJECT_ERROR,
                                          ERRATA_PROJECT_ERROR_READ_ONLY))
    {
      g_clear_error (&local_error);
      project = open_upgraded_copy (merge, other, &local_error);
    }
  if (project == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _("Cannot merge reviews from “%s”: "), path);
  return project;
}

/* ---- failure modes ---------------------------------------------------- */

static gboolean
local_mode_exists (ErrataProject  *self,
                   const char     *name,
                   gboolean       *found,
                   GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (self, "SELECT 1 FROM failure_modes"
                                               " WHERE name = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  *found = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("read the failure modes"));
  return TRUE;
}

/* The other file's modes that have no namesake here. Modes are matched by
 * name: ids are per file and mean nothing across files. */
static gboolean
plan_modes (Merge   *merge,
            GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_prepare (merge->other, "SELECT name, definition, colour"
                                  " FROM failure_modes ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = _errata_merge_text_at (stmt, 0);
      gboolean here = FALSE;
      char **row;

      if (!local_mode_exists (merge->here, name, &here, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (here || g_hash_table_contains (seen, name))
        continue;
      g_hash_table_add (seen, g_strdup (name));
      row = g_new0 (char *, 4);
      row[0] = g_strdup (name);
      row[1] = g_strdup (_errata_merge_text_at (stmt, 1));
      row[2] = g_strdup (_errata_merge_text_at (stmt, 2));
      g_ptr_array_add (merge->mode_rows, row);
    }
  merge->result->modes_new = merge->mode_rows->len;
  return _errata_merge_finish_read (merge->other, stmt, rc, _("read the other file’s failure modes"), error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The names of the modes each of the other file's notes sits in. */
static gboolean
read_other_assignments (Merge   *merge,
                        GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_prepare (merge->other, "SELECT s.annotation_id, f.name"
                                  " FROM assignments s JOIN failure_modes f"
                                  " ON f.id = s.failure_mode_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *names = g_hash_table_lookup (merge->other_modes, &id);

      if (names == NULL)
        {
          names = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (merge->other_modes, _errata_merge_int64_new (id), names);
        }
      g_ptr_array_add (names, g_strdup (_errata_merge_text_at (stmt, 1)));
    }
  return _errata_merge_finish_read (merge->other, stmt, rc, _("read the other file’s failure modes"), error);
}

static GPtrArray *
modes_of_other_note (Merge  *merge,
                     gint64  annotation_id)
{
  GPtrArray *names = g_hash_table_lookup (merge->other_modes, &annotation_id);
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && i < names->len; i++)
    g_ptr_array_add (copy, g_strdup (names->pdata[i]));
  g_ptr_array_sort (copy, compare_names);
  return copy;
}

/* ---- planning the reviews ---------------------------------------------- */

static GPtrArray *
modes_of_local_note (ErrataProject *self,
                     gint64         annotation_id)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _errata_project_cached (self, "SELECT f.name FROM assignments s"
                                               " JOIN failure_modes f ON f.id = s.failure_mode_id"
                                               " WHERE s.annotation_id = ?", NULL);

  if (stmt == NULL)
    return names;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (_errata_merge_text_at (stmt, 0)));
  sqlite3_reset (stmt);
  g_ptr_array_sort (names, compare_names);
  return names;
}

static gboolean
read_local (ErrataProject  *self,
            const Review   *review,
            Local          *local,
            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_cached (self, "SELECT id, verdict, note, first_failure, origin,"
                                 " updated_at FROM annotations"
                                 " WHERE trace_id = ?1 AND annotator = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, review->annotation->trace_id);
  sqlite3_bind_text (stmt, 2, review->annotation->annotator, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  local->found = rc == SQLITE_ROW;
  if (local->found)
    {
      local->verdict = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 1));
      local->note = g_strdup (_errata_merge_text_at (stmt, 2));
      local->first_failure = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                               ? -1 : sqlite3_column_int (stmt, 3);
      local->origin = errata_annotation_origin_from_string (_errata_merge_text_at (stmt, 4));
      local->updated_at = sqlite3_column_int64 (stmt, 5);
      local->modes = modes_of_local_note (self, sqlite3_column_int64 (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("read the reviews"));
  return TRUE;
}

static void
local_clear (Local *local)
{
  g_clear_pointer (&local->note, g_free);
  g_clear_pointer (&local->modes, g_ptr_array_unref);
}

static gboolean
same_names (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
same_content (const Local  *local,
              const Review *review)
{
  const ErrataAnnotation *a = review->annotation;

  return local->verdict == a->verdict && g_strcmp0 (local->note, a->note) == 0 &&
         local->first_failure == a->first_failure && same_names (local->modes, review->modes);
}

/* See the comment at the top of the file for why these rules. */
static Action
decide (const Local  *local,
        const Review *review)
{
  gboolean theirs_later = review->annotation->updated_at > local->updated_at;

  if (!local->found)
    return ACTION_NEW;
  if (same_content (local, review))
    return ACTION_SAME;
  /* An imported label under the same name is not this person's review;
   * the table holds one row per (trace, name), so neither may replace it. */
  if (local->origin == ERRATA_ORIGIN_IMPORTED)
    return ACTION_CONFLICT;
  if (local->origin == ERRATA_ORIGIN_HERE)
    {
      if (review->other_origin == ERRATA_ORIGIN_HERE || theirs_later)
        return ACTION_CONFLICT;
      return ACTION_OLDER;
    }
  return theirs_later ? ACTION_UPDATE : ACTION_OLDER;
}

static void
add_conflict (Merge        *merge,
              const Local  *local,
              const Review *review)
{
  ErrataMergeConflict *conflict = g_new0 (ErrataMergeConflict, 1);

  conflict->source = g_strdup (review->source);
  conflict->external_id = g_strdup (review->external_id);
  conflict->annotator = g_strdup (review->annotation->annotator);
  conflict->here_verdict = local->verdict;
  conflict->here_note = g_strdup (local->note);
  conflict->here_origin = local->origin;
  conflict->here_updated_at = local->updated_at;
  conflict->other_verdict = review->annotation->verdict;
  conflict->other_note = g_strdup (review->annotation->note);
  conflict->other_updated_at = review->annotation->updated_at;
  g_ptr_array_add (merge->result->conflicts, conflict);
}

/* Counts the review under what it becomes; takes it into the plan when
 * it is to be written. */
static void
classify (Merge  *merge,
          Review *review,
          Local  *local)
{
  ErrataMergeResult *result = merge->result;

  switch (decide (local, review))
    {
    case ACTION_NEW:
      result->reviews_new++;
      g_ptr_array_add (merge->to_write, review);
      return;
    case ACTION_UPDATE:
      result->reviews_updated++;
      g_ptr_array_add (merge->to_write, review);
      return;
    case ACTION_SAME:
      result->reviews_unchanged++;
      break;
    case ACTION_OLDER:
      result->reviews_older++;
      break;
    case ACTION_CONFLICT:
      add_conflict (merge, local, review);
      break;
    default:
      g_assert_not_reached ();
    }
  review_free (review);
}

static Review *
review_from_row (Merge        *merge,
                 sqlite3_stmt *stmt,
                 gint64        local_trace_id)
{
  Review *review = g_new0 (Review, 1);
  ErrataAnnotation *a = errata_annotation_new (local_trace_id, _errata_merge_text_at (stmt, 4));

  review->source = g_strdup (_errata_merge_text_at (stmt, 2));
  review->external_id = g_strdup (_errata_merge_text_at (stmt, 3));
  a->verdict = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 5));
  g_free (a->note);
  a->note = g_strdup (_errata_merge_text_at (stmt, 6));
  a->first_failure = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                       ? -1 : sqlite3_column_int (stmt, 7);
  a->created_at = sqlite3_column_int64 (stmt, 8);
  a->updated_at = sqlite3_column_int64 (stmt, 9);
  a->origin = ERRATA_ORIGIN_MERGED;
  review->other_origin = errata_annotation_origin_from_string (_errata_merge_text_at (stmt, 10));
  review->annotation = a;
  review->modes = modes_of_other_note (merge, sqlite3_column_int64 (stmt, 0));
  return review;
}

static gboolean
plan_one_review (Merge         *merge,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  gint64 other_trace = sqlite3_column_int64 (stmt, 1);
  gint64 *trace_id = g_hash_table_lookup (merge->trace_map, &other_trace);
  Local local = { 0 };
  Review *review;

  if (trace_id == NULL)
    {
      merge->result->reviews_unmatched++;
      return TRUE;
    }
  review = review_from_row (merge, stmt, *trace_id);
  if (!read_local (merge->here, review, &local, error))
    {
      review_free (review);
      return FALSE;
    }
  classify (merge, review, &local);
  local_clear (&local);
  return TRUE;
}

static gboolean
plan_reviews (Merge   *merge,
              GError **error)
{
  gint64 imported = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* Imported labels are labels, not anyone's review: they stay behind. */
  if (!_errata_project_query_int (merge->other, "SELECT count(*) FROM annotations"
                                  " WHERE origin = 'imported'", &imported, error))
    return FALSE;
  merge->result->imported_left_out = imported;
  stmt = _errata_project_prepare (merge->other,
                                  "SELECT a.id, a.trace_id, t.source, t.external_id, a.annotator,"
                                  " a.verdict, a.note, a.first_failure, a.created_at,"
                                  " a.updated_at, a.origin"
                                  " FROM annotations a JOIN traces t ON t.id = a.trace_id"
                                  " WHERE a.origin <> 'imported' ORDER BY a.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!plan_one_review (merge, stmt, error))
      {
        sqlite3_finalize (stmt);
        return FALSE;
      }
  return _errata_merge_finish_read (merge->other, stmt, rc, _("read the other file’s reviews"), error);
}

static gboolean
plan (Merge   *merge,
      GError **error)
{
  g_autoptr(GArray) unmatched = _errata_merge_match_by_id (merge, error);

  return unmatched != NULL &&
         _errata_merge_match_by_hash (merge, unmatched, error) &&
         plan_modes (merge, error) &&
         read_other_assignments (merge, error) &&
         plan_reviews (merge, error);
}

/* ---- entry point -------------------------------------------------------- */

static gboolean
merge_start (Merge          *merge,
             ErrataProject  *self,
             GFile          *other,
             GError        **error)
{
  merge->here = self;
  merge->trace_map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  merge->other_modes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);
  merge->mode_rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  merge->to_write = g_ptr_array_new_with_free_func ((GDestroyNotify)review_free);
  merge->result = g_new0 (ErrataMergeResult, 1);
  merge->result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify)conflict_free);
  merge->other = open_other (merge, other, error);
  return merge->other != NULL;
}

/* Merges the reviews of `other` (a colleague's copy of this project) into
 * this project, or with dry_run only says what it would do. The other file
 * is opened read-only; the write is one transaction, all or nothing. */
ErrataMergeResult *
errata_project_merge (ErrataProject  *self,
                      GFile          *other,
                      gboolean        dry_run,
                      GError        **error)
{
  g_auto(Merge) merge = { 0 };

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (other), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!merge_start (&merge, self, other, error))
    return NULL;
  if (dry_run)
    return plan (&merge, error) ? g_steal_pointer (&merge.result) : NULL;
  if (!errata_project_begin (self, error))
    return NULL;
  if (!plan (&merge, error) || !_errata_merge_write_plan (&merge, error))
    {
      errata_project_rollback (self);
      g_prefix_error (error, _("Nothing was merged: "));
      return NULL;
    }
  if (!errata_project_commit (self, error))
    return NULL;
  merge.result->written = TRUE;
  return g_steal_pointer (&merge.result);
}

/* ---- off the main thread -------------------------------------------------- */

typedef struct
{
  GFile    *project_file;
  GFile    *other;
  gboolean  dry_run;
} MergeTaskData;

static void
merge_task_data_free (MergeTaskData *data)
{
  g_clear_object (&data->project_file);
  g_clear_object (&data->other);
  g_free (data);
}

static void
merge_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  MergeTaskData *data = task_data;
  g_autoptr(ErrataProject) project = NULL;
  ErrataMergeResult *result;
  GError *error = NULL;

  project = errata_project_open (data->project_file,
                                 data->dry_run ? ERRATA_PROJECT_OPEN_READ_ONLY
                                               : ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = errata_project_merge (project, data->other, data->dry_run, &error);
  errata_project_close (project);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)errata_merge_result_free);
}

void
errata_project_merge_file_async (GFile               *project_file,
                                 GFile               *other,
                                 gboolean             dry_run,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MergeTaskData *data;

  g_return_if_fail (G_IS_FILE (project_file));
  g_return_if_fail (G_IS_FILE (other));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_project_merge_file_async);
  data = g_new0 (MergeTaskData, 1);
  data->project_file = g_object_ref (project_file);
  data->other = g_object_ref (other);
  data->dry_run = dry_run;
  g_task_set_task_data (task, data, (GDestroyNotify)merge_task_data_free);
  g_task_run_in_thread (task, merge_in_thread);
}

ErrataMergeResult *
errata_project_merge_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
