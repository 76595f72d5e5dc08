/* errata-trace-deletion-rows.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of deleted traces move to an attached database named `undo`
 * (a private file, or a temporary one without undo) and back. Both
 * full-text indexes need the old text to forget a row: traces_fts is
 * contentless (the body is worked out again from the stored messages, as
 * it was when indexed) and notes_fts has external content (the note).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "errata-trace-deletion-private.h"
#include "errata-project-private.h"

gboolean
_errata_deletion_sql_error (sqlite3     *db,
                            GError     **error,
                            const char  *what)
{
  g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
               _("Could not %s: %s"), what, sqlite3_errmsg (db));
  return FALSE;
}

gboolean
_errata_deletion_exec (sqlite3     *db,
                       GError     **error,
                       const char  *format,
                       ...)
{
  va_list args;
  char *sql;
  int rc;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    return _errata_deletion_sql_error (db, error, _("delete the traces"));
  return TRUE;
}

gboolean
_errata_deletion_query_int (sqlite3     *db,
                            gint64      *value,
                            GError     **error,
                            const char  *format,
                            ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  char *sql;
  int rc;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    return _errata_deletion_sql_error (db, error, _("read the project"));
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_deletion_sql_error (db, error, _("read the project"));
  return TRUE;
}

static void
link_free (gpointer data)
{
  ErrataDeletionLink *link = data;

  g_free (link->table);
  g_free (link->column);
  g_free (link->parent);
  g_free (link->parent_column);
  g_free (link->pk);
  g_free (link);
}

/* The table's INTEGER PRIMARY KEY (its rowid), which a later row may
 * take once the row is deleted; NULL for other keys. */
static char *
integer_key (sqlite3    *db,
             const char *table)
{
  sqlite3_stmt *stmt = NULL;
  char *pk = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?1, 'main')"
                          " WHERE pk = 1 AND lower (type) = 'integer'"
                          " AND (SELECT count (*) FROM pragma_table_info (?1, 'main')"
                          "      WHERE pk > 0) = 1"
                          " AND (SELECT sql NOT LIKE '%WITHOUT ROWID%' FROM main.sqlite_schema"
                          "      WHERE type = 'table' AND name = ?1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pk = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return pk;
}

static gboolean
add_children (sqlite3     *db,
              GPtrArray   *links,
              GHashTable  *seen,
              const char  *parent,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT m.name, f.\"from\", ifnull (f.\"to\", 'id'),"
                          " upper (f.on_delete) = 'SET NULL'"
                          " FROM main.sqlite_schema m, pragma_foreign_key_list (m.name, 'main') f"
                          " WHERE m.type = 'table' AND f.\"table\" = ?1 ORDER BY m.name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _errata_deletion_sql_error (db, error, _("read the project"));
  sqlite3_bind_text (stmt, 1, parent, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table = (const char *)sqlite3_column_text (stmt, 0);
      ErrataDeletionLink *link;

      if (g_hash_table_contains (seen, table))
        continue;
      link = g_new0 (ErrataDeletionLink, 1);
      link->table = g_strdup (table);
      link->column = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      link->parent = g_strdup (parent);
      link->parent_column = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      link->pk = integer_key (db, table);
      /* Without a key of its own the row could not be found again. */
      link->set_null = sqlite3_column_int (stmt, 3) != 0 && link->pk != NULL;
      g_hash_table_add (seen, g_strdup (table));
      g_ptr_array_add (links, link);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _errata_deletion_sql_error (db, error, _("read the project"));
  return TRUE;
}

GPtrArray *
_errata_deletion_find_links (sqlite3  *db,
                             GError  **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (link_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_add (seen, g_strdup ("traces"));
  if (!add_children (db, links, seen, "traces", error))
    return NULL;
  /* Breadth first: each table's children come after it. */
  for (guint i = 0; i < links->len; i++)
    {
      ErrataDeletionLink *link = g_ptr_array_index (links, i);

      /* A row that stays keeps what hangs on it. */
      if (!link->set_null && !add_children (db, links, seen, link->table, error))
        return NULL;
    }
  return g_steal_pointer (&links);
}

static gboolean
has_table (sqlite3    *db,
           const char *link_table)
{
  gint64 n = 0;

  return _errata_deletion_query_int (db, &n, NULL, "SELECT count (*) FROM undo.sqlite_schema"
                                     " WHERE type = 'table' AND name = %Q", link_table) && n > 0;
}

/* ---- Out ---- */

static gboolean
copy_out (sqlite3     *db,
          GPtrArray   *links,
          const char  *ids_json,
          gint64       import_id,
          GError     **error)
{
  if (!_errata_deletion_exec (db, error, "CREATE TABLE undo.traces AS SELECT * FROM main.traces"
                              " WHERE id IN (SELECT value FROM json_each (%Q))", ids_json))
    return FALSE;
  if (import_id > 0 &&
      !_errata_deletion_exec (db, error, "CREATE TABLE undo.imports AS SELECT * FROM main.imports"
                              " WHERE id = %lld", (long long)import_id))
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      ErrataDeletionLink *link = g_ptr_array_index (links, i);

      if (!_errata_deletion_exec (db, error, "CREATE TABLE undo.\"%w\" AS SELECT * FROM main.\"%w\""
                                  " WHERE \"%w\" IN (SELECT \"%w\" FROM undo.\"%w\")",
                                  link->table, link->table, link->column,
                                  link->parent_column, link->parent))
        return FALSE;
    }
  return TRUE;
}

/* The text traces_fts holds for a trace: its search body, worked out from
 * the stored messages exactly as errata-project-traces.c did when it
 * indexed them. */
static char *
search_body (const char *messages)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(ErrataTrace) trace = errata_trace_new ();
  JsonNode *root;

  if (messages != NULL && json_parser_load_from_data (parser, messages, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    errata_trace_set_messages (trace, json_node_get_array (root));
  return errata_trace_dup_search_body (trace);
}

/* `command` is 'delete' to forget the traces of undo.traces, NULL to index
 * them again. */
static gboolean
index_traces (sqlite3       *db,
              const char    *command,
              GCancellable  *cancellable,
              GError       **error)
{
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *write = NULL;
  gboolean ok = TRUE;
  guint n = 0;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (db, "SELECT id, errata_text (messages) FROM undo.traces", -1, &select,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, command != NULL
                          ? "INSERT INTO main.traces_fts (traces_fts, rowid, input, output, body)"
                            " VALUES ('delete', ?1, '', '', ?2)"
                          : "INSERT INTO main.traces_fts (rowid, input, output, body)"
                            " VALUES (?1, '', '', ?2)", -1, &write, NULL) != SQLITE_OK)
    ok = _errata_deletion_sql_error (db, error, _("update the search index"));
  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autofree char *body = search_body ((const char *)sqlite3_column_text (select, 1));

      if ((++n % 256) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      sqlite3_bind_int64 (write, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_text (write, 2, body, -1, SQLITE_STATIC);
      if (ok && sqlite3_step (write) != SQLITE_DONE)
        ok = _errata_deletion_sql_error (db, error, _("update the search index"));
      sqlite3_reset (write);
    }
  /* A damaged stored value stops the read: say so rather than leave the
   * index half told. */
  if (ok && rc != SQLITE_DONE)
    ok = _errata_deletion_sql_error (db, error, _("update the search index"));
  sqlite3_finalize (select);
  sqlite3_finalize (write);
  return ok;
}

static gboolean
unindex_notes (sqlite3  *db,
               GError  **error)
{
  if (!has_table (db, "annotations"))
    return TRUE;
  return _errata_deletion_exec (db, error, "INSERT INTO main.notes_fts (notes_fts, rowid, note)"
                                " SELECT 'delete', id, note FROM undo.annotations");
}

/* Children first. Each table is matched by its column, never by a
 * cascade: with foreign keys on, every deleted trace would look through
 * the splits and the label history, which have no index by trace. */
static gboolean
delete_rows (sqlite3     *db,
             GPtrArray   *links,
             gint64       import_id,
             GError     **error)
{
  for (guint i = links->len; i > 0; i--)
    {
      ErrataDeletionLink *link = g_ptr_array_index (links, i - 1);

      if (link->set_null)
        {
          if (!_errata_deletion_exec (db, error, "UPDATE main.\"%w\" SET \"%w\" = NULL"
                                      " WHERE \"%w\" IN (SELECT \"%w\" FROM undo.\"%w\")",
                                      link->table, link->column, link->column,
                                      link->parent_column, link->parent))
            return FALSE;
          continue;
        }
      if (!_errata_deletion_exec (db, error, "DELETE FROM main.\"%w\" WHERE \"%w\" IN"
                                  " (SELECT \"%w\" FROM undo.\"%w\")", link->table,
                                  link->column, link->parent_column, link->parent))
        return FALSE;
    }
  if (!_errata_deletion_exec (db, error, "DELETE FROM main.traces WHERE id IN"
                              " (SELECT id FROM undo.traces)"))
    return FALSE;
  return import_id <= 0 ||
         _errata_deletion_exec (db, error, "DELETE FROM main.imports WHERE id = %lld",
                                (long long)import_id);
}

/* No row may still name a deleted one: a table that hangs on traces
 * without a foreign key this code could follow would show here. */
static gboolean
check_nothing_dangles (sqlite3    *db,
                       GPtrArray  *links,
                       GError    **error)
{
  for (guint i = 0; i < links->len; i++)
    {
      ErrataDeletionLink *link = g_ptr_array_index (links, i);
      gint64 n = 0;

      if (!_errata_deletion_query_int (db, &n, error, "SELECT count (*) FROM"
                                       " pragma_foreign_key_check (%Q, 'main')", link->table))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                       _("Could not delete the traces: %lld rows of “%s” would be left "
                         "naming them. Nothing was deleted."), (long long)n, link->table);
          return FALSE;
        }
    }
  return TRUE;
}

/* Tables a later version (or another subsystem) makes name an import: a
 * whole import's record may only go when none of their rows still does. */
static gboolean
check_import_free (sqlite3  *db,
                   gint64    import_id,
                   GError  **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (link_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (import_id <= 0)
    return TRUE;
  g_hash_table_add (seen, g_strdup ("traces"));
  return add_children (db, links, seen, "imports", error) &&
         check_nothing_dangles (db, links, error);
}

gboolean
_errata_deletion_move_out (sqlite3       *db,
                           GPtrArray     *links,
                           const char    *ids_json,
                           gint64         import_id,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return copy_out (db, links, ids_json, import_id, error) &&
         index_traces (db, "delete", cancellable, error) &&
         unindex_notes (db, error) &&
         delete_rows (db, links, import_id, error) &&
         check_nothing_dangles (db, links, error) &&
         check_import_free (db, import_id, error);
}

/* ---- Back ---- */

/* A trace imported since may have taken a deleted trace's id, or be the
 * same trace again (same source and id): bringing it back would make two
 * of one, or tie reviews to the wrong trace. */
static gboolean
check_traces_free (sqlite3  *db,
                   GError  **error)
{
  gint64 taken = 0;

  if (!_errata_deletion_query_int (db, &taken, error, "SELECT count (*) FROM undo.traces u"
                                   " WHERE EXISTS (SELECT 1 FROM main.traces t WHERE t.id = u.id)"
                                   " OR EXISTS (SELECT 1 FROM main.traces t"
                                   "   WHERE t.source = u.source AND t.external_id = u.external_id)"))
    return FALSE;
  if (taken > 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_EXISTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The deletion cannot be undone: %lld trace imported since "
                                "has the id or the place of a deleted one. Nothing was "
                                "changed.",
                                "The deletion cannot be undone: %lld traces imported since "
                                "have the ids or the places of deleted ones. Nothing was "
                                "changed.", (gulong)taken),
                   (long long)taken);
      return FALSE;
    }
  return TRUE;
}

/* Rows of `table` whose key another row took since get new keys past every
 * key in use, and the rows that name them (in `links`) follow. */
static gboolean
renumber (sqlite3     *db,
          GPtrArray   *links,
          const char  *table,
          const char  *pk,
          GError     **error)
{
  gint64 offset = 0;

  if (!_errata_deletion_query_int (db, &offset, error, "SELECT max (ifnull ((SELECT max (\"%w\")"
                                   " FROM main.\"%w\"), 0), ifnull ((SELECT max (\"%w\") FROM"
                                   " undo.\"%w\"), 0))", pk, table, pk, table))
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      ErrataDeletionLink *link = g_ptr_array_index (links, i);

      if (g_str_equal (link->parent, table) && g_str_equal (link->parent_column, pk) &&
          has_table (db, link->table) &&
          !_errata_deletion_exec (db, error, "UPDATE undo.\"%w\" SET \"%w\" = \"%w\" + %lld"
                                  " WHERE \"%w\" IN (SELECT \"%w\" FROM main.\"%w\")",
                                  link->table, link->column, link->column, (long long)offset,
                                  link->column, pk, table))
        return FALSE;
    }
  return _errata_deletion_exec (db, error, "UPDATE undo.\"%w\" SET \"%w\" = \"%w\" + %lld"
                                " WHERE \"%w\" IN (SELECT \"%w\" FROM main.\"%w\")",
                                table, pk, pk, (long long)offset, pk, pk, table);
}

/* The import's record comes back under a new id when a later import took
 * its own; a trace whose import is gone comes back without one. */
static gboolean
restore_import (sqlite3     *db,
                gboolean     has_import,
                GError     **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  ErrataDeletionLink traces_link = {
    (char *)"traces", (char *)"import_id", (char *)"imports", (char *)"id", (char *)"id"
  };

  g_ptr_array_add (links, &traces_link);
  if (has_import &&
      (!renumber (db, links, "imports", "id", error) ||
       !_errata_deletion_exec (db, error, "INSERT INTO main.imports SELECT * FROM undo.imports")))
    return FALSE;
  return _errata_deletion_exec (db, error, "UPDATE undo.traces SET import_id = NULL"
                                " WHERE import_id NOT IN (SELECT id FROM main.imports)");
}

/* The row's other references (a verdict's run, a note's failure mode)
 * must still be there: what was deleted since stays deleted. */
static char *
other_parents_filter (sqlite3            *db,
                      ErrataDeletionLink *link)
{
  GString *filter = g_string_new ("1");
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT \"from\", \"table\", ifnull (\"to\", 'id')"
                          " FROM pragma_foreign_key_list (?1, 'main')", -1, &stmt, NULL) != SQLITE_OK)
    return g_string_free (filter, FALSE);
  sqlite3_bind_text (stmt, 1, link->table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *from = (const char *)sqlite3_column_text (stmt, 0);
      const char *parent = (const char *)sqlite3_column_text (stmt, 1);
      const char *to = (const char *)sqlite3_column_text (stmt, 2);
      char *clause;

      if (g_str_equal (from, link->column) && g_str_equal (parent, link->parent))
        continue;
      clause = sqlite3_mprintf (" AND (\"%w\" IS NULL OR \"%w\" IN (SELECT \"%w\" FROM main.\"%w\"))",
                                from, from, to, parent);
      g_string_append (filter, clause);
      sqlite3_free (clause);
    }
  sqlite3_finalize (stmt);
  return g_string_free (filter, FALSE);
}

static gboolean
restore_links (sqlite3    *db,
               GPtrArray  *links,
               GError    **error)
{
  for (guint i = 0; i < links->len; i++)
    {
      ErrataDeletionLink *link = g_ptr_array_index (links, i);

      /* A row that stayed keeps its key. */
      if (link->pk != NULL && !link->set_null && has_table (db, link->table) &&
          !renumber (db, links, link->table, link->pk, error))
        return FALSE;
    }
  for (guint i = 0; i < links->len; i++)
    {
      ErrataDeletionLink *link = g_ptr_array_index (links, i);
      g_autofree char *filter = NULL;

      if (!has_table (db, link->table))
        continue;
      if (link->set_null)
        {
          /* The link comes back where nothing has been linked since. */
          if (!_errata_deletion_exec (db, error, "UPDATE main.\"%w\" SET \"%w\" ="
                                      " (SELECT u.\"%w\" FROM undo.\"%w\" u WHERE u.\"%w\" = main.\"%w\".\"%w\")"
                                      " WHERE \"%w\" IS NULL AND \"%w\" IN (SELECT \"%w\" FROM undo.\"%w\")",
                                      link->table, link->column, link->column, link->table,
                                      link->pk, link->table, link->pk, link->column,
                                      link->pk, link->pk, link->table))
            return FALSE;
          continue;
        }
      filter = other_parents_filter (db, link);
      if (!_errata_deletion_exec (db, error, "INSERT INTO main.\"%w\" SELECT * FROM undo.\"%w\""
                                  " WHERE %s", link->table, link->table, filter))
        return FALSE;
    }
  return !has_table (db, "annotations") ||
         _errata_deletion_exec (db, error, "INSERT INTO main.notes_fts (rowid, note)"
                                " SELECT u.id, u.note FROM undo.annotations u"
                                " JOIN main.annotations a ON a.id = u.id");
}

gboolean
_errata_deletion_move_back (sqlite3    *db,
                            GPtrArray  *links,
                            gboolean    has_import,
                            GError    **error)
{
  return check_traces_free (db, error) &&
         restore_import (db, has_import, error) &&
         _errata_deletion_exec (db, error, "INSERT INTO main.traces SELECT * FROM undo.traces") &&
         index_traces (db, NULL, NULL, error) &&
         restore_links (db, links, error);
}
