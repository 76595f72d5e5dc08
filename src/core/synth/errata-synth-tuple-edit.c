/* errata-synth-tuple-edit.c
 *
 * Undo keeps the deleted rows in memory, column by column, as SQLite gave
 * them (sqlite3_value_dup), so that what goes back is exactly what left:
 * ids, states, errors, batch links and times.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-tuple-edit.h"

#include "errata-project-private.h"
#include "errata-synth-tuples.h"

#include <glib/gi18n-lib.h>

#define N_TUPLE_COLUMNS 5
#define N_QUERY_COLUMNS 9

struct _ErrataSynthDeletedTuple
{
  gint64      id;
  GPtrArray  *tuple;     /* of sqlite3_value, the synth_tuples row */
  GPtrArray  *queries;   /* of GPtrArray of sqlite3_value, synth_queries rows */
};

static gboolean
count_where (ErrataProject  *project,
             const char     *sql_format,
             gint64          id,
             gint64         *out_count,
             GError        **error)
{
  g_autofree char *sql = g_strdup_printf (sql_format, id);

  return _errata_project_query_int (project, sql, out_count, error);
}

/* Why tuple `id` cannot change: it is not there, or a query of it was run. */
static gboolean
check_changeable (ErrataProject  *project,
                  gint64          id,
                  GError        **error)
{
  gint64 exists = 0, run = 0;

  if (!count_where (project, "SELECT count(*) FROM synth_tuples WHERE id = %" PRId64,
                    id, &exists, error)
      || !count_where (project, "SELECT count(*) FROM synth_queries WHERE tuple_id = %"
                       PRId64 " AND trace_id IS NOT NULL", id, &run, error))
    return FALSE;
  if (exists == 0)
    {
      g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_FOUND,
                   _("There is no tuple %" PRId64), id);
      return FALSE;
    }
  if (run > 0)
    {
      g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                   _("Tuple %" PRId64 " has queries that were run: their traces keep "
                     "its values. Delete those traces first to change the tuple."), id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_key_free (ErrataProject  *project,
                gint64          id,
                const char     *key,
                GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, "SELECT id FROM synth_tuples"
                                                        " WHERE key = ?1 AND id != ?2", error);
  gint64 other = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    other = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (other == 0)
    return TRUE;
  g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
               _("Tuple %" PRId64 " has these values already"), other);
  return FALSE;
}

gboolean
errata_synth_tuples_set_values (ErrataProject  *project,
                                GPtrArray      *dimensions,
                                gint64          id,
                                JsonObject     *tuple,
                                GError        **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (dimensions != NULL && tuple != NULL, FALSE);

  if (!errata_synth_tuple_check (dimensions, tuple, error))
    return FALSE;
  node = json_node_init_object (json_node_alloc (), tuple);
  text = json_to_string (node, FALSE);
  key = errata_synth_tuple_key (tuple);
  if (!errata_project_begin (project, error))
    return FALSE;
  if (!check_changeable (project, id, error) || !check_key_free (project, id, key, error))
    goto fail;
  stmt = _errata_project_cached (project, "UPDATE synth_tuples SET key = ?2, dimensions = ?3"
                                          " WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  if (!_errata_project_step_write (project, stmt, _("change the tuple"), error))
    goto fail;
  return errata_project_commit (project, error);

fail:
  errata_project_rollback (project);
  return FALSE;
}

/* Undoable deletion ---------------------------------------------------- */

static GPtrArray *
row_values (sqlite3_stmt *stmt,
            int           n_columns)
{
  GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify)sqlite3_value_free);

  for (int c = 0; c < n_columns; c++)
    g_ptr_array_add (row, sqlite3_value_dup (sqlite3_column_value (stmt, c)));
  return row;
}

static gpointer
query_row (sqlite3_stmt *stmt)
{
  return row_values (stmt, N_QUERY_COLUMNS);
}

static gboolean
remember (ErrataProject            *project,
          ErrataSynthDeletedTuple  *deleted,
          GError                  **error)
{
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (project, "SELECT id, key, dimensions, origin, created_at"
                                          " FROM synth_tuples WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deleted->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    deleted->tuple = row_values (stmt, N_TUPLE_COLUMNS);
  sqlite3_reset (stmt);
  stmt = _errata_project_cached (project, "SELECT id, tuple_id, text, origin, state, error,"
                                          " trace_id, batch_id, created_at"
                                          " FROM synth_queries WHERE tuple_id = ?1 ORDER BY id",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deleted->id);
  deleted->queries = _errata_project_collect_rows (project, stmt, query_row,
                                                   (GDestroyNotify)g_ptr_array_unref,
                                                   _("read the tuple’s queries"), error);
  return deleted->queries != NULL;
}

ErrataSynthDeletedTuple *
errata_synth_tuples_delete_undoable (ErrataProject  *project,
                                     gint64          id,
                                     GError        **error)
{
  g_autoptr(ErrataSynthDeletedTuple) deleted = g_new0 (ErrataSynthDeletedTuple, 1);

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  deleted->id = id;
  if (!errata_project_begin (project, error))
    return NULL;
  if (!remember (project, deleted, error)
      || !errata_synth_tuples_delete (project, id, error)
      || !errata_project_commit (project, error))
    {
      errata_project_rollback (project);
      return NULL;
    }
  return g_steal_pointer (&deleted);
}

static gboolean
insert_row (ErrataProject  *project,
            const char     *sql,
            GPtrArray      *row,
            GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint c = 0; c < row->len; c++)
    sqlite3_bind_value (stmt, c + 1, g_ptr_array_index (row, c));
  return _errata_project_step_write (project, stmt, _("put the tuple back"), error);
}

gboolean
errata_synth_tuples_undelete (ErrataProject            *project,
                              ErrataSynthDeletedTuple  *deleted,
                              GError                  **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (deleted != NULL && deleted->tuple != NULL, FALSE);

  if (!errata_project_begin (project, error))
    return FALSE;
  if (!insert_row (project, "INSERT INTO synth_tuples (id, key, dimensions, origin, created_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)", deleted->tuple, error))
    goto refused;
  for (guint i = 0; i < deleted->queries->len; i++)
    if (!insert_row (project, "INSERT INTO synth_queries (id, tuple_id, text, origin, state,"
                              " error, trace_id, batch_id, created_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                     g_ptr_array_index (deleted->queries, i), error))
      goto refused;
  return errata_project_commit (project, error);

refused:
  errata_project_rollback (project);
  g_prefix_error (error, _("Tuple %" PRId64 " could not be put back (a tuple with its "
                           "values or one of its ids was added since): "), deleted->id);
  return FALSE;
}

gint64
errata_synth_deleted_tuple_get_id (ErrataSynthDeletedTuple *deleted)
{
  g_return_val_if_fail (deleted != NULL, 0);

  return deleted->id;
}

guint
errata_synth_deleted_tuple_get_n_queries (ErrataSynthDeletedTuple *deleted)
{
  g_return_val_if_fail (deleted != NULL, 0);

  return deleted->queries != NULL ? deleted->queries->len : 0;
}

void
errata_synth_deleted_tuple_free (ErrataSynthDeletedTuple *deleted)
{
  if (deleted == NULL)
    return;
  g_clear_pointer (&deleted->tuple, g_ptr_array_unref);
  g_clear_pointer (&deleted->queries, g_ptr_array_unref);
  g_free (deleted);
}
