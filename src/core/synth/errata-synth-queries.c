/* errata-synth-queries.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-queries.h"

#include "errata-project-private.h"

#include <glib/gi18n-lib.h>

gboolean
errata_synth_queries_add (ErrataProject       *project,
                          gint64               tuple_id,
                          const char * const  *texts,
                          gboolean             typed,
                          guint               *out_added,
                          GError             **error)
{
  guint added = 0;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (texts != NULL, FALSE);

  if (!errata_project_begin (project, error))
    return FALSE;
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (texts[i]));
      sqlite3_stmt *stmt;

      if (*text == '\0')
        continue;
      stmt = _errata_project_cached (project, "INSERT INTO synth_queries"
                                              " (tuple_id, text, origin, created_at)"
                                              " VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, tuple_id);
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, typed ? "typed" : "llm", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      if (!_errata_project_step_write (project, stmt, _("save the queries"), error))
        goto fail;
      added++;
    }
  if (!errata_project_commit (project, error))
    return FALSE;
  if (out_added != NULL)
    *out_added = added;
  return TRUE;

fail:
  errata_project_rollback (project);
  return FALSE;
}

static gpointer
query_from_row (sqlite3_stmt *stmt)
{
  ErrataSynthQuery *query = g_new0 (ErrataSynthQuery, 1);
  g_autoptr(JsonNode) node = json_from_string ((const char *)sqlite3_column_text (stmt, 8), NULL);

  query->id = sqlite3_column_int64 (stmt, 0);
  query->tuple_id = sqlite3_column_int64 (stmt, 1);
  query->text = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  query->typed = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 3), "typed") == 0;
  if (!errata_synth_state_from_string ((const char *)sqlite3_column_text (stmt, 4), &query->state))
    query->state = ERRATA_SYNTH_QUERY_DRAFT;
  query->error = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  query->trace_id = sqlite3_column_int64 (stmt, 6);
  query->batch_id = sqlite3_column_int64 (stmt, 7);
  query->dimensions = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                      ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  return query;
}

GPtrArray *
errata_synth_queries_list (ErrataProject         *project,
                           ErrataSynthListWhich   which,
                           GError               **error)
{
#define QUERIES_SELECT "SELECT q.id, q.tuple_id, q.text, q.origin, q.state, q.error," \
                       " q.trace_id, q.batch_id, t.dimensions" \
                       " FROM synth_queries q JOIN synth_tuples t ON t.id = q.tuple_id"
  /* Whole literals: the project caches statements by their text's address. */
  static const char * const sql[] = {
    QUERIES_SELECT " ORDER BY q.id",
    QUERIES_SELECT " WHERE q.state = 'accepted' ORDER BY q.id",
    QUERIES_SELECT " WHERE q.state = 'accepted' AND q.trace_id IS NULL ORDER BY q.id",
  };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (which < G_N_ELEMENTS (sql), NULL);

  stmt = _errata_project_cached (project, sql[which], error);
  if (stmt == NULL)
    return NULL;
  return _errata_project_collect_rows (project, stmt, query_from_row,
                                       (GDestroyNotify)errata_synth_query_free,
                                       _("read the queries"), error);
}

static gboolean
not_found (GError **error,
           gint64   id)
{
  g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_FOUND,
               _("There is no query %" PRId64), id);
  return FALSE;
}

gboolean
errata_synth_queries_set_state (ErrataProject          *project,
                                const gint64           *ids,
                                guint                   n_ids,
                                ErrataSynthQueryState   state,
                                GError                **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!errata_project_begin (project, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_stmt *stmt = _errata_project_cached (project, "UPDATE synth_queries SET state = ?2"
                                                            " WHERE id = ?1", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      sqlite3_bind_text (stmt, 2, errata_synth_state_to_string (state), -1, SQLITE_STATIC);
      if (!_errata_project_step_write (project, stmt, _("change the queries"), error))
        goto fail;
      if (sqlite3_changes (_errata_project_get_db (project)) == 0)
        {
          not_found (error, ids[i]);
          goto fail;
        }
    }
  return errata_project_commit (project, error);

fail:
  errata_project_rollback (project);
  return FALSE;
}

/* Why a write that changed nothing did not: no such query, or one whose
 * reply is a trace (changing it would leave the trace answering a query
 * that is no longer there). */
static gboolean
unchanged (ErrataProject  *project,
           gint64          id,
           GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT trace_id FROM synth_queries"
                                          " WHERE id = %" PRId64 "), 0)", id);
  gint64 trace_id = 0;

  if (!_errata_project_query_int (project, sql, &trace_id, error))
    return FALSE;
  if (trace_id == 0)
    return not_found (error, id);
  g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
               _("Query %" PRId64 " was run: its reply is trace %" PRId64
                 ". Delete that trace first to change or delete the query."), id, trace_id);
  return FALSE;
}

gboolean
errata_synth_queries_set_text (ErrataProject  *project,
                               gint64          id,
                               const char     *text,
                               GError        **error)
{
  g_autofree char *stripped = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                   _("A query needs some text: delete it instead"));
      return FALSE;
    }
  stmt = _errata_project_cached (project, "UPDATE synth_queries SET text = ?2"
                                          " WHERE id = ?1 AND trace_id IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
  if (!_errata_project_step_write (project, stmt, _("change the query"), error))
    return FALSE;
  return sqlite3_changes (_errata_project_get_db (project)) > 0 || unchanged (project, id, error);
}

gboolean
errata_synth_queries_delete (ErrataProject  *project,
                             gint64          id,
                             GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  stmt = _errata_project_cached (project, "DELETE FROM synth_queries"
                                          " WHERE id = ?1 AND trace_id IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_errata_project_step_write (project, stmt, _("delete the query"), error))
    return FALSE;
  return sqlite3_changes (_errata_project_get_db (project)) > 0 || unchanged (project, id, error);
}

static gboolean
set_outcome (ErrataProject  *project,
             gint64          query_id,
             gint64          batch_id,
             gint64          trace_id,
             const char     *message,
             GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (project, "UPDATE synth_queries"
                                          " SET batch_id = ?2, trace_id = ?3, error = ?4"
                                          " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, query_id);
  sqlite3_bind_int64 (stmt, 2, batch_id);
  if (trace_id > 0)
    sqlite3_bind_int64 (stmt, 3, trace_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, message, -1, SQLITE_TRANSIENT);
  return _errata_project_step_write (project, stmt, _("save the run"), error);
}

gboolean
errata_synth_queries_set_trace (ErrataProject  *project,
                                gint64          query_id,
                                gint64          batch_id,
                                gint64          trace_id,
                                GError        **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (trace_id > 0, FALSE);

  return set_outcome (project, query_id, batch_id, trace_id, NULL, error);
}

gboolean
errata_synth_queries_set_error (ErrataProject  *project,
                                gint64          query_id,
                                gint64          batch_id,
                                const char     *message,
                                GError        **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  return set_outcome (project, query_id, batch_id, 0, message, error);
}
