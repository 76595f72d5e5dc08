/* errata-project-traces.c: storing traces in a project (their annotations:
 * errata-project-annotations.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "errata-project-traces-private.h"
#include "errata-stored-text.h"
#include "errata-trace-private.h"
#include "errata-json-fast.h"
#include "errata-json-guard.h"

/* input and output repeat the first user and the last assistant text of
 * the messages, which a full trace derives them from again: only what a
 * list row shows is kept (ERRATA_TRACE_SUMMARY_COLUMNS), so that the
 * list reads no messages. */
static const char insert_trace_sql[] =
  "INSERT INTO traces (external_id, source, imported_at, input, output, messages, tools,"
  "  metadata, n_messages, n_tool_calls, output_chars, latency_ms, tokens_in, tokens_out,"
  "  cost, sample_key, import_id)"
  " VALUES (?1, ?2, ?3, " ERRATA_SQL_SUMMARY_TEXT ("?4") ", " ERRATA_SQL_SUMMARY_TEXT ("?5") ","
  "  ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
  " ON CONFLICT (source, external_id) DO NOTHING";

static const char insert_fts_sql[] =
  "INSERT INTO traces_fts (rowid, input, output, body) VALUES (?1, ?2, ?3, ?4)";

static char *
json_array_to_text (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  return errata_json_to_string_fast (node);
}

static char *
json_object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return errata_json_to_string_fast (node);
}

void
_errata_project_bind_optional_int (sqlite3_stmt *stmt,
                                   int           column,
                                   gint64        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, value);
}

/* The stored form: the packed BLOB when there is one, else the text. */
int
_errata_project_bind_stored (sqlite3_stmt *stmt,
                             int           column,
                             const char   *text,
                             GBytes       *packed)
{
  if (packed != NULL)
    return sqlite3_bind_blob64 (stmt, column, g_bytes_get_data (packed, NULL),
                                g_bytes_get_size (packed), SQLITE_STATIC);
  if (text == NULL)
    return sqlite3_bind_null (stmt, column);
  return sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

/* SQLITE_OK, or the first binding's failure (a text over the
 * connection's length limit: SQLITE_TOOBIG). */
static int
bind_trace (sqlite3_stmt         *stmt,
            ErrataTrace          *trace,
            gint64                imported_at,
            const ErrataTraceRow *row)
{
  int rc[7];

  rc[0] = sqlite3_bind_text (stmt, 1, errata_trace_get_external_id (trace), -1, SQLITE_STATIC);
  rc[1] = sqlite3_bind_text (stmt, 2, errata_trace_get_source (trace), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, imported_at);
  rc[2] = sqlite3_bind_text (stmt, 4, errata_trace_get_input (trace), -1, SQLITE_STATIC);
  rc[3] = sqlite3_bind_text (stmt, 5, errata_trace_get_output (trace), -1, SQLITE_STATIC);
  rc[4] = _errata_project_bind_stored (stmt, 6, row->messages, row->packed_messages);
  rc[5] = _errata_project_bind_stored (stmt, 7, row->tools, row->packed_tools);
  rc[6] = _errata_project_bind_stored (stmt, 8, row->metadata, row->packed_metadata);
  sqlite3_bind_int64 (stmt, 9, errata_trace_get_n_messages (trace));
  sqlite3_bind_int64 (stmt, 10, errata_trace_get_n_tool_calls (trace));
  sqlite3_bind_int64 (stmt, 11, errata_trace_get_output_chars (trace));
  _errata_project_bind_optional_int (stmt, 12, errata_trace_get_latency_ms (trace));
  _errata_project_bind_optional_int (stmt, 13, errata_trace_get_tokens_in (trace));
  _errata_project_bind_optional_int (stmt, 14, errata_trace_get_tokens_out (trace));
  if (errata_trace_get_cost (trace) < 0)
    sqlite3_bind_null (stmt, 15);
  else
    sqlite3_bind_double (stmt, 15, errata_trace_get_cost (trace));
  sqlite3_bind_int64 (stmt, 16, g_random_int_range (0, G_MAXINT32));
  if (errata_trace_get_import_id (trace) > 0)
    sqlite3_bind_int64 (stmt, 17, errata_trace_get_import_id (trace));
  else
    sqlite3_bind_null (stmt, 17);
  for (guint i = 0; i < G_N_ELEMENTS (rc); i++)
    if (rc[i] != SQLITE_OK)
      return rc[i];
  return SQLITE_OK;
}

static const char find_trace_id_sql[] =
  "SELECT id FROM traces WHERE source = ?1 AND external_id = ?2";

static gint64
find_trace_id (ErrataProject *self,
               ErrataTrace   *trace)
{
  sqlite3_stmt *stmt = _errata_project_cached (self, find_trace_id_sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, errata_trace_get_source (trace), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, errata_trace_get_external_id (trace), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
index_trace_text (ErrataProject  *self,
                  sqlite3_stmt   *stmt,
                  gint64          id,
                  const char     *body,
                  GError        **error)
{
  int rc;

  /* The body already holds the input (first user text) and the output
   * (last assistant text); indexing them again in their own columns cost
   * 46% more index text for searches that never ask for one column. */
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("index the trace for search"));
  return TRUE;
}

/* Only reads the trace, so an importer can do it on another thread while
 * the connection's thread writes earlier traces. */
void
_errata_trace_row_prepare (ErrataTraceRow *row,
                           ErrataTrace    *trace)
{
  row->messages = errata_trace_get_messages (trace)
                  ? json_array_to_text (errata_trace_get_messages (trace)) : g_strdup ("[]");
  row->tools = errata_trace_get_tools (trace)
               ? json_array_to_text (errata_trace_get_tools (trace)) : NULL;
  row->metadata = json_object_to_text (errata_trace_get_metadata (trace));
  row->body = errata_trace_dup_search_body (trace);
  row->packed_messages = errata_stored_text_pack (row->messages, -1);
  row->packed_tools = row->tools ? errata_stored_text_pack (row->tools, -1) : NULL;
  row->packed_metadata = errata_stored_text_pack (row->metadata, -1);
}

void
_errata_trace_row_clear (ErrataTraceRow *row)
{
  g_clear_pointer (&row->messages, g_free);
  g_clear_pointer (&row->tools, g_free);
  g_clear_pointer (&row->metadata, g_free);
  g_clear_pointer (&row->body, g_free);
  g_clear_pointer (&row->packed_messages, g_bytes_unref);
  g_clear_pointer (&row->packed_tools, g_bytes_unref);
  g_clear_pointer (&row->packed_metadata, g_bytes_unref);
}

/* add_trace's work, in the caller's transaction (no savepoint of its own:
 * an FTS5 table writes its pending index to disk at every savepoint, so a
 * savepoint per trace made a search index segment per trace), with the
 * row's text made beforehand. On failure the caller rolls back. */
gboolean
_errata_project_add_trace_row (ErrataProject         *self,
                               ErrataTrace           *trace,
                               const ErrataTraceRow  *row,
                               gboolean              *added,
                               GError               **error)
{
  sqlite3_stmt *insert_trace;
  sqlite3_stmt *insert_fts;
  gint64 now = g_get_real_time ();
  int rc;

  if (added)
    *added = FALSE;
  if (!_errata_project_check_writable (self, error))
    return FALSE;
  insert_trace = _errata_project_cached (self, insert_trace_sql, error);
  insert_fts = insert_trace ? _errata_project_cached (self, insert_fts_sql, error) : NULL;
  if (insert_fts == NULL)
    return FALSE;

  rc = bind_trace (insert_trace, trace, now, row);
  if (rc != SQLITE_OK)
    {
      /* The failed binding's error (it is not the connection's), not the
       * NOT NULL it would lead to. */
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   /* Translators: %s is SQLite's reason, "string or blob too big". */
                   _("Could not save the trace: %s"), sqlite3_errstr (rc));
      sqlite3_clear_bindings (insert_trace);
      return FALSE;
    }
  rc = sqlite3_step (insert_trace);
  sqlite3_reset (insert_trace);
  sqlite3_clear_bindings (insert_trace);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("save the trace"));

  if (sqlite3_changes (_errata_project_get_db (self)) == 0)
    {
      _errata_trace_set_id (trace, find_trace_id (self, trace));
      return TRUE;
    }

  _errata_trace_set_id (trace, sqlite3_last_insert_rowid (_errata_project_get_db (self)));
  _errata_trace_set_imported_at (trace, now);
  if (!index_trace_text (self, insert_fts, errata_trace_get_id (trace), row->body, error) ||
      !_errata_project_meta_add (self, errata_trace_get_id (trace), row->metadata, error))
    return FALSE;
  if (added)
    *added = TRUE;
  return TRUE;
}

gboolean
_errata_project_add_trace_in_transaction (ErrataProject  *self,
                                          ErrataTrace    *trace,
                                          gboolean       *added,
                                          GError        **error)
{
  ErrataTraceRow row = { 0, };
  gboolean ok;

  if (added)
    *added = FALSE;
  if (!_errata_project_check_writable (self, error))
    return FALSE;
  _errata_trace_row_prepare (&row, trace);
  ok = _errata_project_add_trace_row (self, trace, &row, added, error);
  _errata_trace_row_clear (&row);
  return ok;
}

/* Inserts `trace` unless a trace with the same source and external id is
 * already there (re-importing a file adds nothing twice). On success the
 * trace's id is set, to the existing row's id for a duplicate. */
gboolean
errata_project_add_trace (ErrataProject  *self,
                          ErrataTrace    *trace,
                          gboolean       *added,
                          GError        **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (ERRATA_IS_TRACE (trace), FALSE);

  if (added)
    *added = FALSE;
  if (!_errata_project_check_writable (self, error))
    return FALSE;
  if (!errata_project_begin (self, error))
    return FALSE;
  if (!_errata_project_add_trace_in_transaction (self, trace, added, error))
    {
      errata_project_rollback (self);
      if (added)
        *added = FALSE;
      return FALSE;
    }
  return errata_project_commit (self, error);
}

gint64
_errata_project_column_optional_int (sqlite3_stmt *stmt,
                                     int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int64 (stmt, column);
}

const char *
_errata_project_column_text (sqlite3_stmt *stmt,
                             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

ErrataTrace *
_errata_project_trace_from_row (sqlite3_stmt *stmt)
{
  ErrataTrace *trace = errata_trace_new ();

  _errata_trace_set_id (trace, sqlite3_column_int64 (stmt, 0));
  errata_trace_set_external_id (trace, _errata_project_column_text (stmt, 1));
  errata_trace_set_source (trace, _errata_project_column_text (stmt, 2));
  _errata_trace_set_imported_at (trace, sqlite3_column_int64 (stmt, 3));
  _errata_trace_set_summary (trace, _errata_project_column_text (stmt, 4), _errata_project_column_text (stmt, 5),
                             sqlite3_column_int (stmt, 6), sqlite3_column_int (stmt, 7),
                             sqlite3_column_int (stmt, 8));
  errata_trace_set_latency_ms (trace, _errata_project_column_optional_int (stmt, 9));
  errata_trace_set_tokens_in (trace, _errata_project_column_optional_int (stmt, 10));
  errata_trace_set_tokens_out (trace, _errata_project_column_optional_int (stmt, 11));
  errata_trace_set_cost (trace, sqlite3_column_type (stmt, 12) == SQLITE_NULL
                                  ? -1.0 : sqlite3_column_double (stmt, 12));
  _errata_trace_set_review (trace,
                            errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 13)),
                            _errata_project_column_text (stmt, 14));
  _errata_trace_set_others (trace, sqlite3_column_int (stmt, 15), sqlite3_column_int (stmt, 16),
                            errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 17)),
                            _errata_project_column_text (stmt, 18));
  return trace;
}

static JsonNode *
parse_json_column (sqlite3_stmt *stmt,
                   int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;
  /* A project file may come from anyone: its JSON is outside text. */
  return errata_json_from_string (text, NULL);
}

/* The full trace: its messages, tools and metadata besides the summary. */
void
_errata_project_load_trace_details (ErrataTrace  *trace,
                                    sqlite3_stmt *stmt)
{
  g_autoptr(JsonNode) messages = parse_json_column (stmt, ERRATA_TRACE_SUMMARY_N_COLUMNS);

  if (messages && JSON_NODE_HOLDS_ARRAY (messages))
    errata_trace_set_messages (trace, json_node_get_array (messages));
  /* Parsed when asked for: a judge never looks at the tools. */
  _errata_trace_set_stored_json (trace,
                                 (const char *)sqlite3_column_text (stmt, ERRATA_TRACE_SUMMARY_N_COLUMNS + 1),
                                 (const char *)sqlite3_column_text (stmt, ERRATA_TRACE_SUMMARY_N_COLUMNS + 2));
}

#define GET_ONE_TRACE_SQL(where) ERRATA_GET_TRACES_SQL (where)

/* @sql is one of the GET_ONE_TRACE_SQL strings: a statement kept prepared,
 * since a judge run or paging through traces asks for one trace after
 * another (parsing this SQL cost more than running it). */
static ErrataTrace *
get_one_trace (ErrataProject  *self,
               const char     *sql,
               GError        **error,
               ...)
{
  ErrataTrace *trace = NULL;
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  stmt = _errata_project_cached (self, sql, error);
  if (stmt == NULL)
    return NULL;

  va_start (args, error);
  for (int i = 1; i <= sqlite3_bind_parameter_count (stmt); i++)
    sqlite3_bind_text (stmt, i, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
  va_end (args);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      trace = _errata_project_trace_from_row (stmt);
      _errata_project_load_trace_details (trace, stmt);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                 _("There is no such trace in the project."));
  else
    _errata_project_set_error (self, error, _("read a trace"));
  /* Not left on its row: a statement that is not reset keeps its read
   * transaction, which holds the WAL back from a checkpoint. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return trace;
}

ErrataTrace *
errata_project_get_trace (ErrataProject  *self,
                          gint64          id,
                          GError        **error)
{
  static const char sql[] = GET_ONE_TRACE_SQL ("t.id = CAST (?1 AS INTEGER)");
  g_autofree char *id_text = g_strdup_printf ("%" PRId64, id);

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  return get_one_trace (self, sql, error, id_text);
}

ErrataTrace *
errata_project_find_trace (ErrataProject  *self,
                           const char     *source,
                           const char     *external_id,
                           GError        **error)
{
  static const char find_sql[] = GET_ONE_TRACE_SQL ("t.source = ?1 AND t.external_id = ?2");

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (source != NULL && external_id != NULL, NULL);
  return get_one_trace (self, find_sql, error, source, external_id);
}

/* A trace as a user names it: its external id when that is unique across
 * sources, or "#ID", its project id, when it is not. Errors say which.
 * Only the id is looked up: nothing of the trace is loaded. */
gboolean
errata_project_resolve_trace_id (ErrataProject  *self,
                                 const char     *reference,
                                 gint64         *trace_id,
                                 GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean by_id = FALSE;
  gint64 id = 0;
  guint n = 0;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (reference != NULL && trace_id != NULL, FALSE);

  if (reference[0] == '#' && g_ascii_isdigit (reference[1]))
    {
      char *end = NULL;

      id = g_ascii_strtoll (reference + 1, &end, 10);
      by_id = *end == '\0';
    }
  stmt = _errata_project_cached (self, by_id ? "SELECT id FROM traces WHERE id = ?2"
                                             : "SELECT id FROM traces WHERE external_id = ?1 LIMIT 2",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *trace_id = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("read the traces"));
  if (n == 1)
    return TRUE;
  g_set_error (error, ERRATA_PROJECT_ERROR, n == 0 ? ERRATA_PROJECT_ERROR_NOT_FOUND
                                                   : ERRATA_PROJECT_ERROR_INVALID,
               n == 0
               /* Translators: %s is a trace id as the user typed it. */
               ? _("The project has no trace “%s”.")
               /* Translators: %s is a trace id as the user typed it. */
               : _("Several traces have the id “%s” (from different files); name the one you "
                   "mean by its project id, such as #12."), reference);
  return FALSE;
}

ErrataTrace *
errata_project_lookup_trace (ErrataProject  *self,
                             const char     *reference,
                             GError        **error)
{
  gint64 id;

  if (!errata_project_resolve_trace_id (self, reference, &id, error))
    return NULL;
  return errata_project_get_trace (self, id, error);
}

gboolean
errata_project_get_info (ErrataProject      *self,
                         ErrataProjectInfo  *info,
                         GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (!_errata_project_query_int (self, "SELECT count(*) FROM traces", &info->traces, error) ||
      !_errata_project_query_int (self,
                                  "SELECT count(DISTINCT trace_id) FROM annotations a"
                                  " WHERE verdict IS NOT NULL AND " ERRATA_SQL_REVIEW,
                                  &info->annotated, error) ||
      !_errata_project_query_int (self,
                                  "SELECT count(DISTINCT trace_id) FROM annotations a"
                                  " WHERE verdict IS NOT NULL AND " ERRATA_SQL_MINE,
                                  &info->reviewed_by_you, error) ||
      !_errata_project_query_int (self,
                                  "SELECT count(DISTINCT trace_id) FROM annotations a"
                                  " WHERE verdict IS NOT NULL AND " ERRATA_SQL_IMPORTED,
                                  &info->imported, error) ||
      !_errata_project_query_int (self, "SELECT count(*) FROM annotations WHERE note <> ''",
                                  &info->notes, error) ||
      !_errata_project_query_int (self, "SELECT count(*) FROM annotations a"
                                  " WHERE verdict = 'pass' AND " ERRATA_SQL_REVIEW,
                                  &info->passed, error) ||
      !_errata_project_query_int (self, "SELECT count(*) FROM annotations a"
                                  " WHERE verdict = 'fail' AND " ERRATA_SQL_REVIEW,
                                  &info->failed, error))
    return FALSE;

  info->schema_version = errata_project_get_schema_version (self);
  path = g_file_get_path (errata_project_get_file (self));
  wal = g_strconcat (path, "-wal", NULL);
  if (g_stat (path, &st) == 0)
    info->file_size += st.st_size;
  if (g_stat (wal, &st) == 0)
    info->file_size += st.st_size;
  return TRUE;
}

static const char summary_by_id_sql[] =
  "SELECT " ERRATA_TRACE_SUMMARY_COLUMNS " FROM traces t WHERE t.id = ?1";

/* Summaries (as errata_project_query_traces() returns them) of the given
 * ids, in the same order; an id that no longer exists is left out. */
GPtrArray *
errata_project_get_trace_summaries (ErrataProject  *self,
                                    const gint64   *ids,
                                    guint           n_ids,
                                    GError        **error)
{
  g_autoptr(GPtrArray) traces = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  stmt = _errata_project_cached (self, summary_by_id_sql, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (traces, _errata_project_trace_from_row (stmt));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _errata_project_set_error (self, error, _("read traces"));
          return NULL;
        }
    }
  return g_steal_pointer (&traces);
}
