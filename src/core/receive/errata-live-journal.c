/* errata-live-journal.c: received spans in the project, and the traces
 * built from them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal (table live_spans, schema version 6) holds each span exactly
 * as the file import stages it. A trace is built from all the rows of its
 * trace id, ordered as the import orders its stage (start time, then
 * arrival), by the import's own _errata_import_otel_build(): the receiver
 * and a file import of the same spans give the same conversation. Once a
 * trace is stored, its rows are pruned in the same transaction (the trace
 * holds every span in its metadata); a late span rebuilds the trace from
 * the stored trace's spans and the journal's, so a message is never
 * appended twice, and the stored trace is updated in place (same id, so
 * its reviews stay with it).
 */

#include "config.h"

#include "errata-live-journal.h"

#include "errata-import-private.h"
#include "errata-json-fast.h"
#include "errata-json-guard.h"
#include "errata-project-imports.h"
#include "errata-project-private.h"
#include "errata-trace-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char insert_sql[] =
  "INSERT INTO live_spans (trace_id, start, root, received_at, digest, body)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (trace_id, digest) DO NOTHING";

static const char pending_sql[] =
  "INSERT INTO live_pending (trace_id) VALUES (?1) ON CONFLICT DO NOTHING";

gboolean
errata_live_journal_append (ErrataProject  *project,
                            GPtrArray      *spans,
                            GError        **error)
{
  sqlite3_stmt *insert;
  sqlite3_stmt *pending;
  gint64 now = g_get_real_time ();

  if (!errata_project_begin (project, error))
    return FALSE;
  insert = _errata_project_cached (project, insert_sql, error);
  pending = insert ? _errata_project_cached (project, pending_sql, error) : NULL;
  if (pending == NULL)
    {
      errata_project_rollback (project);
      return FALSE;
    }
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];
      int rc;

      errata_live_span_prepare_body (span);
      sqlite3_bind_text (insert, 1, span->trace_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 2, span->start);
      sqlite3_bind_int (insert, 3, span->root);
      sqlite3_bind_int64 (insert, 4, now);
      sqlite3_bind_blob (insert, 5, span->digest, sizeof span->digest, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, span->body, -1, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
      span->journaled = rc == SQLITE_DONE && sqlite3_changes (_errata_project_get_db (project)) > 0;
      if (rc == SQLITE_DONE && span->journaled)
        {
          sqlite3_bind_text (pending, 1, span->trace_id, -1, SQLITE_STATIC);
          rc = sqlite3_step (pending);
          sqlite3_reset (pending);
          sqlite3_clear_bindings (pending);
        }
      if (rc != SQLITE_DONE)
        {
          /* Translators: completes “Could not %s: %s” and “The disk is full:
           * %s failed.”; received spans wait in a journal until their trace
           * is stored. */
          _errata_project_set_error (project, error, _("journal the received spans"));
          errata_project_rollback (project);
          return FALSE;
        }
    }
  return errata_project_commit (project, error);
}

gboolean
errata_live_journal_lookup (ErrataProject  *project,
                            const char     *trace_id,
                            gboolean       *has_spans,
                            gboolean       *has_root,
                            gboolean       *is_stored,
                            GError        **error)
{
  /* A stored trace counts as having its root: its rows are pruned, and a
   * late span updates it at once, as when the root's row was there. */
  sqlite3_stmt *stmt = _errata_project_cached (project, "SELECT count(*), ifnull (max (root), 0),"
                                               " EXISTS (SELECT 1 FROM traces WHERE source = ?2"
                                               " AND external_id = ?1)"
                                               " FROM live_spans WHERE trace_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, trace_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ERRATA_LIVE_SOURCE, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *has_spans = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0;
  *is_stored = rc == SQLITE_ROW && sqlite3_column_int (stmt, 2) != 0;
  *has_root = (rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0) || *is_stored;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW)
    /* Translators: completes “Could not %s: %s”. */
    return _errata_project_set_error (project, error, _("read the received spans"));
  return TRUE;
}

GPtrArray *
errata_live_journal_pending (ErrataProject  *project,
                             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_prepare (project, "SELECT trace_id FROM live_pending"
                                                " ORDER BY trace_id", error);
  GPtrArray *ids;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (ids);
      _errata_project_set_error (project, error, _("read the received spans"));
      return NULL;
    }
  return ids;
}

/* All rows of the trace, in the order the import's stage reads them. */
static GPtrArray *
load_spans (ErrataProject  *project,
            JsonParser     *parser,
            const char     *trace_id,
            GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, "SELECT body FROM live_spans"
                                               " WHERE trace_id = ?1 ORDER BY start, id", error);
  GPtrArray *items;
  int rc;

  if (stmt == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  sqlite3_bind_text (stmt, 1, trace_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = NULL;

      if (!errata_json_parser_load (parser, (const char *)sqlite3_column_text (stmt, 0), -1, NULL))
        continue;
      node = json_parser_steal_root (parser);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (items, json_object_ref (json_node_get_object (node)));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (items);
      _errata_project_set_error (project, error, _("read the received spans"));
      return NULL;
    }
  return items;
}

static char *
node_text (JsonNode *node)
{
  return node ? errata_json_to_string_fast (node) : NULL;
}

static char *
array_text (JsonArray *array)
{
  g_autoptr(JsonNode) node = NULL;

  if (array == NULL)
    return NULL;
  node = json_node_init_array (json_node_alloc (), array);
  return node_text (node);
}

static char *
object_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return node_text (node);
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           column,
               gint64        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, value);
}

static gboolean
step_once (ErrataProject  *project,
           sqlite3_stmt   *stmt,
           const char     *what,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, what);
  return TRUE;
}

/* The search index is contentless: an entry is removed with the text it
 * was indexed with, so the old trace's body goes first. */
static gboolean
reindex (ErrataProject  *project,
         ErrataTrace    *old,
         ErrataTrace    *trace,
         GError        **error)
{
  g_autofree char *old_body = errata_trace_dup_search_body (old);
  g_autofree char *body = errata_trace_dup_search_body (trace);
  sqlite3_stmt *remove = _errata_project_cached (project, "INSERT INTO traces_fts (traces_fts, rowid,"
                                                 " input, output, body) VALUES ('delete', ?1, '', '', ?2)",
                                                 error);
  sqlite3_stmt *insert = remove ? _errata_project_cached (project, "INSERT INTO traces_fts (rowid, input,"
                                                          " output, body) VALUES (?1, '', '', ?2)", error)
                                : NULL;

  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (remove, 1, errata_trace_get_id (old));
  sqlite3_bind_text (remove, 2, old_body, -1, SQLITE_STATIC);
  if (!step_once (project, remove, _("index the trace for search"), error))
    return FALSE;
  sqlite3_bind_int64 (insert, 1, errata_trace_get_id (old));
  sqlite3_bind_text (insert, 2, body, -1, SQLITE_STATIC);
  return step_once (project, insert, _("index the trace for search"), error);
}

/* Stored as an import stores them (errata-project-traces.c): input and
 * output cut to what a list row shows, large JSON packed. */
static const char update_sql[] =
  "UPDATE traces SET input = " ERRATA_SQL_SUMMARY_TEXT ("?2") ","
  "  output = " ERRATA_SQL_SUMMARY_TEXT ("?3") ", messages = errata_pack (?4),"
  "  tools = errata_pack (?5), metadata = errata_pack (?6),"
  "  n_messages = ?7, n_tool_calls = ?8, output_chars = ?9, latency_ms = ?10,"
  "  tokens_in = ?11, tokens_out = ?12 WHERE id = ?1";

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* The rebuilt trace replaces the stored one's content; its id, import
 * time, sample key and reviews stay. */
static gboolean
update_trace (ErrataProject      *project,
              ErrataTrace        *old,
              ErrataTrace        *trace,
              ErrataLiveOutcome  *outcome,
              GError            **error)
{
  g_autofree char *messages = array_text (errata_trace_get_messages (trace));
  g_autofree char *tools = array_text (errata_trace_get_tools (trace));
  g_autofree char *metadata = object_text (errata_trace_get_metadata (trace));
  g_autofree char *old_messages = array_text (errata_trace_get_messages (old));
  g_autofree char *old_tools = array_text (errata_trace_get_tools (old));
  g_autofree char *old_metadata = object_text (errata_trace_get_metadata (old));
  sqlite3_stmt *stmt;

  *outcome = ERRATA_LIVE_UNCHANGED;
  /* Metadata equal but for its members' order (spans an earlier build
   * journaled, sent again) is no change: the row stays as it is. */
  if (same_text (messages, old_messages) && same_text (tools, old_tools)
      && (same_text (metadata, old_metadata)
          || json_object_equal (errata_trace_get_metadata (trace), errata_trace_get_metadata (old))))
    return TRUE;
  stmt = _errata_project_cached (project, update_sql, error);
  if (stmt == NULL)
    return FALSE;
  _errata_trace_set_id (trace, errata_trace_get_id (old));
  sqlite3_bind_int64 (stmt, 1, errata_trace_get_id (old));
  sqlite3_bind_text (stmt, 2, errata_trace_get_input (trace), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, errata_trace_get_output (trace), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, messages ? messages : "[]", -1, SQLITE_STATIC);
  if (tools != NULL)
    sqlite3_bind_text (stmt, 5, tools, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, metadata, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, errata_trace_get_n_messages (trace));
  sqlite3_bind_int64 (stmt, 8, errata_trace_get_n_tool_calls (trace));
  sqlite3_bind_int64 (stmt, 9, errata_trace_get_output_chars (trace));
  bind_optional (stmt, 10, errata_trace_get_latency_ms (trace));
  bind_optional (stmt, 11, errata_trace_get_tokens_in (trace));
  bind_optional (stmt, 12, errata_trace_get_tokens_out (trace));
  /* Translators: completes “Could not %s: %s”; late spans of a trace
   * received live change the stored trace. */
  if (!step_once (project, stmt, _("update the trace with its late spans"), error))
    return FALSE;
  if (!reindex (project, old, trace, error) ||
      (!same_text (metadata, old_metadata) &&
       !_errata_project_meta_replace (project, errata_trace_get_id (old), metadata, error)))
    return FALSE;
  *outcome = ERRATA_LIVE_UPDATED;
  return TRUE;
}

static gboolean
mark_stored (ErrataProject  *project,
             const char     *trace_id,
             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, "DELETE FROM live_pending"
                                               " WHERE trace_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, trace_id, -1, SQLITE_STATIC);
  return step_once (project, stmt, _("journal the received spans"), error);
}

/* The stored live trace with that trace id, or NULL (not an error). */
static gboolean
find_stored (ErrataProject  *project,
             const char     *trace_id,
             ErrataTrace   **stored,
             GError        **error)
{
  sqlite3_stmt *find = _errata_project_cached (project, "SELECT id FROM traces"
                                               " WHERE source = ?1 AND external_id = ?2", error);
  gint64 id = 0;
  int rc;

  *stored = NULL;
  if (find == NULL)
    return FALSE;
  /* Most traces are new: a cheap look first, the whole trace only for an
   * update. */
  sqlite3_bind_text (find, 1, ERRATA_LIVE_SOURCE, -1, SQLITE_STATIC);
  sqlite3_bind_text (find, 2, trace_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (find, 0);
  sqlite3_reset (find);
  sqlite3_clear_bindings (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read a trace"));
  if (id > 0)
    *stored = errata_project_get_trace (project, id, error);
  return id == 0 || *stored != NULL;
}

/* A new trace: with `row`, its text made already (off the writer). */
static gboolean
add_new_trace (ErrataProject         *project,
               ErrataTrace           *trace,
               const ErrataTraceRow  *row,
               ErrataLiveImport      *import,
               ErrataLiveOutcome     *outcome,
               GError               **error)
{
  gboolean added = FALSE;

  /* The receiving session's import: "Delete an Import…" takes it back. */
  if (import != NULL && import->id == 0)
    import->id = errata_project_start_import (project, import->name, NULL, ERRATA_LIVE_FORMAT, NULL, error);
  if (import != NULL && import->id == 0)
    return FALSE;
  if (import != NULL)
    errata_trace_set_import_id (trace, import->id);
  if (row != NULL ? !_errata_project_add_trace_row (project, trace, row, &added, error)
                  : !_errata_project_add_trace_in_transaction (project, trace, &added, error))
    return FALSE;
  *outcome = added ? ERRATA_LIVE_ADDED : ERRATA_LIVE_UNCHANGED;
  return TRUE;
}

static gboolean
store_trace (ErrataProject      *project,
             ErrataTrace        *old,
             ErrataTrace        *trace,
             ErrataLiveImport   *import,
             ErrataLiveOutcome  *outcome,
             GError            **error)
{
  if (old != NULL)
    return update_trace (project, old, trace, outcome, error);
  return add_new_trace (project, trace, NULL, import, outcome, error);
}

/* Set by the import's staging of a log record (errata-import-otel-logs.c). */
#define LOG_RECORD_MARK "errata.log_record"

static gboolean
has_log_records (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    if (json_object_has_member (items->pdata[i], LOG_RECORD_MARK))
      return TRUE;
  return FALSE;
}

/* FALSE for a trace stored before 2026-12-06, whose spans were kept
 * without their resource. A span sent with an empty resource has none
 * either way; when all were, so was the root, and the trace has no
 * `resource` to give them. */
static gboolean
spans_have_resources (JsonArray *spans)
{
  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonNode *node = json_array_get_element (spans, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "resource"))
        return TRUE;
    }
  return FALSE;
}

/* The spans of a stored trace whose journal rows were pruned: the trace's
 * metadata keeps every span as it was staged, with its resource (a trace
 * stored before 2026-12-06 kept only the root's, as the trace's
 * `resource`: its spans get that one, the only one the build reads). A span the
 * journal holds again (a late copy, a resend) is taken from the journal;
 * a log record names its span too, but is not that span: the stored one
 * stays, and the record's events go into it. */
static void
add_stored_spans (GPtrArray   *items,
                  ErrataTrace *stored)
{
  JsonObject *metadata = errata_trace_get_metadata (stored);
  JsonArray *spans = metadata ? errata_json_get_array (metadata, "spans") : NULL;
  JsonObject *resource = metadata ? errata_json_get_object (metadata, "resource") : NULL;
  g_autoptr(GHashTable) journaled = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_items = items->len;
  gboolean own_resources = spans != NULL && spans_have_resources (spans);

  for (guint i = 0; i < n_items; i++)
    {
      const char *span_id = errata_json_get_string (items->pdata[i], "spanId");

      if (span_id != NULL && !json_object_has_member (items->pdata[i], LOG_RECORD_MARK))
        g_hash_table_add (journaled, (gpointer)span_id);
    }
  for (guint i = 0; spans != NULL && i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      const char *span_id = span ? errata_json_get_string (span, "spanId") : NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *copy;

      if (span_id == NULL || g_hash_table_contains (journaled, span_id))
        continue;
      /* A copy of its own: building may change a span (a log record's
       * events go into its attributes), and the stored trace's metadata is
       * compared with the new one's afterwards. */
      text = node_text (json_array_get_element (spans, i));
      node = json_from_string (text, NULL);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      copy = json_object_ref (json_node_get_object (node));
      if (resource != NULL && !own_resources)
        json_object_set_object_member (copy, "resource", json_object_ref (resource));
      /* Before the journal's: they arrived first. */
      g_ptr_array_insert (items, (gint)(items->len - n_items), copy);
    }
}

/* Once the trace holds them, its spans leave the journal, so that it does
 * not grow with every trace ever received; a late span is built with the
 * stored trace's spans (add_stored_spans). Log records stay: the import
 * joins them into their spans, and what it joined cannot be taken apart
 * again. */
static gboolean
prune_spans (ErrataProject  *project,
             const char     *trace_id,
             GPtrArray      *items,
             GError        **error)
{
  sqlite3_stmt *stmt;

  if (has_log_records (items))
    return TRUE;
  stmt = _errata_project_cached (project, "DELETE FROM live_spans WHERE trace_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, trace_id, -1, SQLITE_STATIC);
  return step_once (project, stmt, _("journal the received spans"), error);
}

static gint64
start_of (JsonObject *item)
{
  /* Spans by their start, log records by their time, as staged. */
  if (json_object_has_member (item, "startTimeUnixNano"))
    return json_object_get_int_member_with_default (item, "startTimeUnixNano", 0);
  return json_object_get_int_member_with_default (item, "timeUnixNano", 0);
}

static int
by_start_then_arrival (gconstpointer a,
                       gconstpointer b)
{
  gint64 sa = start_of (*(JsonObject * const *)a);
  gint64 sb = start_of (*(JsonObject * const *)b);

  return sa < sb ? -1 : sa > sb;
}

static gboolean
convert (ErrataProject      *project,
         JsonParser         *parser,
         const char         *trace_id,
         GPtrArray          *items,
         ErrataLiveImport   *import,
         ErrataLiveOutcome  *outcome,
         char              **problem,
         GError            **error)
{
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(ErrataTrace) old = NULL;
  g_autoptr(GError) build_error = NULL;
  ErrataImportContext ctx = { 0 };

  if (!find_stored (project, trace_id, &old, error))
    return FALSE;
  if (old != NULL)
    {
      add_stored_spans (items, old);
      /* The journal's order: start time, then arrival (a stable sort). */
      g_ptr_array_sort (items, by_start_then_arrival);
    }
  ctx.source = ERRATA_LIVE_SOURCE;
  ctx.parser = parser;
  trace = _errata_import_otel_build (&ctx, trace_id, items, &build_error);
  /* A trace with no conversation yet (only a tool span so far, say)
   * stays journaled: its later spans may complete it. */
  if (trace == NULL && problem != NULL)
    *problem = g_strdup (build_error->message);
  if (trace != NULL
      && (!store_trace (project, old, trace, import, outcome, error)
          || !prune_spans (project, trace_id, items, error)))
    return FALSE;
  return mark_stored (project, trace_id, error);
}

gboolean
errata_live_journal_convert (ErrataProject      *project,
                             const char         *trace_id,
                             ErrataLiveImport   *import,
                             ErrataLiveOutcome  *outcome,
                             char              **problem,
                             GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) items = NULL;

  *outcome = ERRATA_LIVE_NO_CONVERSATION;
  if (problem != NULL)
    *problem = NULL;
  if (!errata_project_begin (project, error))
    return FALSE;
  items = load_spans (project, parser, trace_id, error);
  if (items == NULL || !convert (project, parser, trace_id, items, import, outcome, problem, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  return errata_project_commit (project, error);
}

gboolean
errata_live_journal_convert_items (ErrataProject      *project,
                                   const char         *trace_id,
                                   GPtrArray          *items,
                                   ErrataLiveImport   *import,
                                   ErrataLiveOutcome  *outcome,
                                   GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  *outcome = ERRATA_LIVE_NO_CONVERSATION;
  /* The journal's order: start time, then arrival (a stable sort). */
  g_ptr_array_sort (items, by_start_then_arrival);
  /* No savepoint here: the caller's transaction holds many traces, and a
   * savepoint per trace made the search index write a segment per trace. */
  return convert (project, parser, trace_id, items, import, outcome, NULL, error);
}

struct _ErrataLiveBuilt
{
  ErrataTrace    *trace;   /* NULL: no conversation (yet) */
  ErrataTraceRow  row;
};

void
errata_live_built_free (ErrataLiveBuilt *built)
{
  if (built == NULL)
    return;
  _errata_trace_row_clear (&built->row);
  g_clear_object (&built->trace);
  g_free (built);
}

gboolean
errata_live_built_has_trace (ErrataLiveBuilt *built)
{
  return built->trace != NULL;
}

/* Touches neither the project nor anything but `items` (which must share
 * no json-glib object with another thread's: their references are not
 * atomic), so the writer's thread only inserts. */
ErrataLiveBuilt *
errata_live_journal_build (const char *trace_id,
                           GPtrArray  *items)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  ErrataLiveBuilt *built = g_new0 (ErrataLiveBuilt, 1);
  ErrataImportContext ctx = { 0 };

  /* The journal's order: start time, then arrival (a stable sort). */
  g_ptr_array_sort (items, by_start_then_arrival);
  ctx.source = ERRATA_LIVE_SOURCE;
  ctx.parser = parser;
  built->trace = _errata_import_otel_build (&ctx, trace_id, items, NULL);
  if (built->trace != NULL)
    {
      _errata_trace_row_prepare (&built->row, built->trace);
      /* Only the row is written. Freed here, the trees' memory goes back
       * to this thread's own caches; freed on the sweeper, every block
       * went back to the arena of the thread that allocated it, under
       * its lock. */
      _errata_trace_drop_trees (built->trace);
    }
  return built;
}

/* What convert() does with a trace built by errata_live_journal_build():
 * in the caller's transaction, no savepoint. */
gboolean
errata_live_journal_store_built (ErrataProject      *project,
                                 const char         *trace_id,
                                 GPtrArray          *items,
                                 ErrataLiveBuilt    *built,
                                 ErrataLiveImport   *import,
                                 ErrataLiveOutcome  *outcome,
                                 GError            **error)
{
  g_autoptr(ErrataTrace) old = NULL;

  *outcome = ERRATA_LIVE_NO_CONVERSATION;
  if (!find_stored (project, trace_id, &old, error))
    return FALSE;
  /* Built as new, but stored meanwhile: rebuilt with the stored spans. */
  if (old != NULL)
    return errata_live_journal_convert_items (project, trace_id, items, import, outcome, error);
  if (built->trace != NULL
      && (!add_new_trace (project, built->trace, &built->row, import, outcome, error)
          || !prune_spans (project, trace_id, items, error)))
    return FALSE;
  return mark_stored (project, trace_id, error);
}
