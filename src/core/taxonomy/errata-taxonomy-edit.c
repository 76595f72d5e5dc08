/* errata-taxonomy-edit.c
 *
 * Every change to the failure modes is an ErrataTaxonomyEdit. Applying or
 * reverting one writes its rows inside one transaction: that is the single
 * path through which the canvas, its keyboard path, undo, redo and the
 * tests all change the taxonomy.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-taxonomy-edit.h"

#include <glib/gi18n-lib.h>

#include "errata-taxonomy-private.h"

ErrataTaxonomyEdit *
errata_taxonomy_edit_new (ErrataProject *project)
{
  ErrataTaxonomyEdit *edit = g_new0 (ErrataTaxonomyEdit, 1);
  GDestroyNotify free_mode = (GDestroyNotify)errata_failure_mode_free;

  edit->project = g_object_ref (project);
  edit->modes_added = g_ptr_array_new_with_free_func (free_mode);
  edit->modes_removed = g_ptr_array_new_with_free_func (free_mode);
  edit->modes_before = g_ptr_array_new_with_free_func (free_mode);
  edit->modes_after = g_ptr_array_new_with_free_func (free_mode);
  edit->links_added = g_array_new (FALSE, FALSE, sizeof (ErrataAssignment));
  edit->links_removed = g_array_new (FALSE, FALSE, sizeof (ErrataAssignment));
  return edit;
}

void
errata_taxonomy_edit_free (ErrataTaxonomyEdit *edit)
{
  if (edit == NULL)
    return;
  g_object_unref (edit->project);
  g_ptr_array_unref (edit->modes_added);
  g_ptr_array_unref (edit->modes_removed);
  g_ptr_array_unref (edit->modes_before);
  g_ptr_array_unref (edit->modes_after);
  g_array_unref (edit->links_added);
  g_array_unref (edit->links_removed);
  g_free (edit);
}

void
errata_taxonomy_edit_add_link (GArray *links,
                               gint64  annotation_id,
                               gint64  mode_id)
{
  ErrataAssignment link = { annotation_id, mode_id };

  g_array_append_val (links, link);
}

static gboolean
run_write (ErrataProject  *project,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("change the failure modes"));
  return TRUE;
}

static const char insert_mode_sql[] =
  "INSERT INTO failure_modes (" ERRATA_MODE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char delete_mode_sql[] = "DELETE FROM failure_modes WHERE id = ?1";
static const char update_mode_sql[] =
  "UPDATE failure_modes SET name = ?2, definition = ?3, colour = ?4, position = ?5"
  " WHERE id = ?1";
static const char insert_link_sql[] =
  "INSERT OR IGNORE INTO assignments (annotation_id, failure_mode_id, created_at)"
  " VALUES (?1, ?2, ?3)";
static const char delete_link_sql[] =
  "DELETE FROM assignments WHERE annotation_id = ?1 AND failure_mode_id = ?2";

static gboolean
write_modes (ErrataProject  *project,
             const char     *sql,
             GPtrArray      *modes,
             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < modes->len; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];

      sqlite3_bind_int64 (stmt, 1, mode->id);
      if (sql != delete_mode_sql)
        {
          sqlite3_bind_text (stmt, 2, mode->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, mode->definition, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, mode->colour, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 5, mode->position);
          sqlite3_bind_int64 (stmt, 6, mode->created_at);
        }
      if (!run_write (project, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_links (ErrataProject  *project,
             const char     *sql,
             GArray         *links,
             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, sql, error);
  gint64 now = g_get_real_time ();

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      ErrataAssignment *link = &g_array_index (links, ErrataAssignment, i);

      sqlite3_bind_int64 (stmt, 1, link->annotation_id);
      sqlite3_bind_int64 (stmt, 2, link->mode_id);
      if (sql == insert_link_sql)
        sqlite3_bind_int64 (stmt, 3, now);
      if (!run_write (project, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Forward: new modes first (links may point at them), removed modes last
 * (after their links are gone). Backward is the mirror image. */
static gboolean
write_edit (ErrataProject       *project,
            ErrataTaxonomyEdit  *edit,
            gboolean             forward,
            GError             **error)
{
  if (forward)
    return write_modes (project, insert_mode_sql, edit->modes_added, error) &&
           write_modes (project, update_mode_sql, edit->modes_after, error) &&
           write_links (project, delete_link_sql, edit->links_removed, error) &&
           write_links (project, insert_link_sql, edit->links_added, error) &&
           write_modes (project, delete_mode_sql, edit->modes_removed, error);
  return write_modes (project, insert_mode_sql, edit->modes_removed, error) &&
         write_modes (project, update_mode_sql, edit->modes_before, error) &&
         write_links (project, delete_link_sql, edit->links_added, error) &&
         write_links (project, insert_link_sql, edit->links_removed, error) &&
         write_modes (project, delete_mode_sql, edit->modes_added, error);
}

static gboolean
play_edit (ErrataTaxonomyEdit  *edit,
           gboolean             forward,
           GError             **error)
{
  if (!errata_project_begin (edit->project, error))
    return FALSE;
  if (!write_edit (edit->project, edit, forward, error))
    {
      errata_project_rollback (edit->project);
      return FALSE;
    }
  return errata_project_commit (edit->project, error);
}

static gboolean
apply_edit (gpointer   edit,
            GError   **error)
{
  return play_edit (edit, TRUE, error);
}

static gboolean
revert_edit (gpointer   edit,
             GError   **error)
{
  return play_edit (edit, FALSE, error);
}

const ErrataUndoEditFuncs errata_taxonomy_edit_funcs = {
  apply_edit,
  revert_edit,
  (void (*) (gpointer))errata_taxonomy_edit_free,
};
