/* errata-project-trace-pages.c: full traces and their sizes, a page of
 * ids at a time, for the work that goes through many traces one after
 * the other (a judge run, its estimate): one statement a page instead of
 * one a trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-project-traces-private.h"
#include "errata-trace-private.h"

/* "t.id IN (?1, …, ?N)": unused places are bound to NULL, which matches
 * nothing. Built once, kept for the life of the process (the project's
 * statement cache holds statements by the SQL's address). */
static const char *
in_page_sql (const char *select_where)
{
  GString *sql = g_string_new (select_where);

  g_string_append (sql, "t.id IN (");
  for (guint i = 1; i <= ERRATA_PROJECT_TRACE_PAGE; i++)
    g_string_append_printf (sql, "%s?%u", i > 1 ? ", " : "", i);
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

static sqlite3_stmt *
bind_page (ErrataProject  *self,
           const char     *sql,
           const gint64   *ids,
           guint           n_ids,
           GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (self, sql, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    sqlite3_bind_int64 (stmt, (int) i + 1, ids[i]);
  return stmt;   /* the others stay NULL: _errata_project_cached cleared them */
}

/* Steps @stmt to its end, handing each row to @read_row; reset after. */
static gboolean
read_page (ErrataProject  *self,
           sqlite3_stmt   *stmt,
           void          (*read_row) (sqlite3_stmt *, gpointer),
           gpointer        data,
           GError        **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read_row (stmt, data);
  /* Not left open: a statement that is not reset keeps its read
   * transaction, which holds the WAL back from a checkpoint. */
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("read traces"));
  return TRUE;
}

static void
add_trace (sqlite3_stmt *stmt,
           gpointer      traces)
{
  ErrataTrace *trace = _errata_project_trace_from_row (stmt);

  _errata_project_load_trace_details (trace, stmt);
  g_ptr_array_add (traces, trace);
}

static void
unref_unless_taken (gpointer trace)
{
  g_clear_object (&trace);
}

/* The rows come in the table's order; the caller's is kept (a page is
 * small: looking each id up in it costs nothing next to reading it). */
static void
in_order_of (GPtrArray    *traces,
             const gint64 *ids,
             guint         n_ids,
             GPtrArray    *ordered)
{
  for (guint i = 0; i < n_ids; i++)
    for (guint j = 0; j < traces->len; j++)
      if (g_ptr_array_index (traces, j) != NULL
          && errata_trace_get_id (g_ptr_array_index (traces, j)) == ids[i])
        {
          g_ptr_array_add (ordered, g_steal_pointer (&g_ptr_array_index (traces, j)));
          break;
        }
}

/**
 * errata_project_get_traces:
 * @ids: (array length=n_ids): at most ERRATA_PROJECT_TRACE_PAGE ids
 *
 * The full traces (as errata_project_get_trace() reads them) of @ids, in
 * their order; an id that is not in the project (deleted) is left out.
 *
 * Returns: (transfer container) (element-type ErrataTrace): the traces,
 *   or NULL with an error when the project could not be read
 */
GPtrArray *
errata_project_get_traces (ErrataProject  *self,
                           const gint64   *ids,
                           guint           n_ids,
                           GError        **error)
{
  static gsize sql = 0;
  g_autoptr(GPtrArray) traces = g_ptr_array_new_with_free_func (unref_unless_taken);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (n_ids <= ERRATA_PROJECT_TRACE_PAGE, NULL);

  if (g_once_init_enter (&sql))
    g_once_init_leave (&sql, (gsize) in_page_sql (ERRATA_GET_TRACES_SQL ("")));
  stmt = bind_page (self, (const char *) sql, ids, n_ids, error);
  if (stmt == NULL || !read_page (self, stmt, add_trace, traces, error))
    return NULL;
  in_order_of (traces, ids, n_ids, ordered);
  return g_steal_pointer (&ordered);
}

static void
add_sizes (sqlite3_stmt *stmt,
           gpointer      sizes)
{
  ErrataTraceSizes one = {
    .id = sqlite3_column_int64 (stmt, 0),
    .input_chars = sqlite3_column_int64 (stmt, 1),
    .output_chars = sqlite3_column_int64 (stmt, 2),
    .messages_bytes = sqlite3_column_int64 (stmt, 3),
    .metadata_bytes = sqlite3_column_int64 (stmt, 4),
  };

  g_array_append_val (sizes, one);
}

/**
 * errata_project_get_trace_sizes:
 * @ids: (array length=n_ids): at most ERRATA_PROJECT_TRACE_PAGE ids
 *
 * The sizes of the traces of @ids, read from the lengths SQLite keeps
 * and the compressed values' headers: no message is unpacked or parsed.
 * In the table's order; an id not in the project is left out.
 *
 * Returns: (transfer full) (element-type ErrataTraceSizes): the sizes,
 *   or NULL with an error
 */
GArray *
errata_project_get_trace_sizes (ErrataProject  *self,
                                const gint64   *ids,
                                guint           n_ids,
                                GError        **error)
{
  static gsize sql = 0;
  g_autoptr(GArray) sizes = g_array_sized_new (FALSE, FALSE, sizeof (ErrataTraceSizes), n_ids);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (n_ids <= ERRATA_PROJECT_TRACE_PAGE, NULL);

  /* A full trace derives its input and output from the messages again;
   * the output's length is kept (output_chars), the input's is not: the
   * stored input, a summary of at most 300 characters, stands for it. */
  if (g_once_init_enter (&sql))
    g_once_init_leave (&sql, (gsize) in_page_sql (
      "SELECT t.id, length (" ERRATA_SQL_SUMMARY_TEXT ("t.input") "), t.output_chars,"
      " errata_text_size (t.messages), errata_text_size (t.metadata) FROM traces t WHERE "));
  stmt = bind_page (self, (const char *) sql, ids, n_ids, error);
  if (stmt == NULL || !read_page (self, stmt, add_sizes, sizes, error))
    return NULL;
  return g_steal_pointer (&sizes);
}
