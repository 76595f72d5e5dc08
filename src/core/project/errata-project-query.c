/* errata-project-query.c: filtered, sorted, keyset-paged trace lists.
 *
 * Pages continue from the last row's (sort key, id) instead of an OFFSET,
 * so the millionth row costs what the first does: every sort order has an
 * index on its key (see errata-project-schema.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-project-private.h"

/* Parameters by number, so that a clause can use one without counting. */
enum {
  PARAM_FTS = 1,
  /* 2 and 3: the metadata filter's (errata-project-private.h) */
  PARAM_KEY = 4,
  PARAM_ID,
  PARAM_LIMIT,
  PARAM_SHUFFLE_START,
  PARAM_FAILURE_MODE,
  PARAM_DISPUTED_TARGET,
};

G_STATIC_ASSERT (PARAM_DISPUTED_TARGET < ERRATA_PARAM_META_FIELD);

/* Each expression is written exactly as its index is, so SQLite uses it. */
static const char *
sort_key_expression (ErrataTraceSort sort)
{
  switch (sort)
    {
    case ERRATA_TRACE_SORT_MESSAGES:
      return "t.n_messages";
    case ERRATA_TRACE_SORT_TOOL_CALLS:
      return "t.n_tool_calls";
    case ERRATA_TRACE_SORT_OUTPUT_LENGTH:
      return "t.output_chars";
    case ERRATA_TRACE_SORT_LATENCY:
      return "ifnull (t.latency_ms, -1)";
    case ERRATA_TRACE_SORT_TOKENS:
      return "ifnull (t.tokens_in, 0) + ifnull (t.tokens_out, 0)";
    case ERRATA_TRACE_SORT_COST:
      return "ifnull (t.cost, -1.0)";
    case ERRATA_TRACE_SORT_SHUFFLE:
      return "t.sample_key";
    case ERRATA_TRACE_SORT_METADATA:
      return "ms.value";
    case ERRATA_TRACE_SORT_IMPORT_ORDER:
    default:
      return "t.id";
    }
}

static gboolean
only_text_filter (ErrataTraceQuery *query)
{
  return errata_trace_query_get_review_filter (query) == ERRATA_REVIEW_FILTER_ANY &&
         !errata_trace_query_get_has_note (query) &&
         errata_trace_query_get_metadata_field (query) == NULL &&
         errata_trace_query_get_failure_mode (query) == 0 &&
         errata_trace_query_get_disputed_target (query) < 0;
}

/* A page in import order filtered by text alone needs only the next `limit`
 * ids from each index, not every match: a common word matches most of a
 * million traces, and collecting them all took 180 ms for 100 rows. */
static void
append_paged_text_filter (GString          *sql,
                          ErrataTraceQuery *query)
{
  gboolean descending = errata_trace_query_get_descending (query);
  const char *after = descending ? "< ifnull (?5, 9223372036854775807)" : "> ifnull (?5, -1)";
  const char *dir = descending ? "DESC" : "ASC";

  g_string_append_printf (sql,
                          " AND t.id IN (SELECT id FROM (SELECT rowid AS id FROM traces_fts"
                          "   WHERE traces_fts MATCH ?1 AND rowid %s ORDER BY rowid %s LIMIT ?6)"
                          " UNION SELECT id FROM (SELECT DISTINCT a.trace_id AS id FROM notes_fts"
                          "   JOIN annotations a ON a.id = notes_fts.rowid"
                          "   WHERE notes_fts MATCH ?1 AND a.trace_id %s ORDER BY a.trace_id %s"
                          "   LIMIT ?6))",
                          after, dir, after, dir);
}

/* How a text filter reaches the rows it matches. */
typedef enum
{
  TEXT_ALL_MATCHES,  /* collect every match first: right for rare words and whole lists */
  TEXT_NEXT_IDS,     /* a page in import order: the next ids straight from the indexes */
  TEXT_PROBE_ROWS,   /* a page of a common word in another order: walk the sort index
                      * and ask the indexes about each row */
} TextPlan;

/* A word in at least this many traces counts as common. */
#define COMMON_TEXT_MATCHES 10000

static const char capped_text_count_sql[] =
  "SELECT count(*) FROM (SELECT rowid FROM traces_fts WHERE traces_fts MATCH ?1 LIMIT 10000)";

static gboolean
text_is_common (ErrataProject *self,
                const char    *fts)
{
  sqlite3_stmt *stmt = _errata_project_cached (self, capped_text_count_sql, NULL);
  gboolean common = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    common = sqlite3_column_int (stmt, 0) >= COMMON_TEXT_MATCHES;
  sqlite3_reset (stmt);
  return common;
}

/* Probing per row wins by far for a common word (6 ms instead of 2 s for
 * the first page of 965k matches sorted by latency) and loses by far for a
 * rare one (24 s instead of 12 ms), so a capped count decides. */
static TextPlan
choose_text_plan (ErrataProject    *self,
                  ErrataTraceQuery *query)
{
  g_autofree char *fts = errata_trace_query_dup_fts_expression (query);

  if (fts == NULL)
    return TEXT_ALL_MATCHES;
  if (errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_IMPORT_ORDER)
    return only_text_filter (query) ? TEXT_NEXT_IDS : TEXT_ALL_MATCHES;
  return text_is_common (self, fts) ? TEXT_PROBE_ROWS : TEXT_ALL_MATCHES;
}

static void
append_text_filter (GString          *sql,
                    ErrataTraceQuery *query,
                    TextPlan          plan)
{
  switch (plan)
    {
    case TEXT_NEXT_IDS:
      append_paged_text_filter (sql, query);
      break;
    case TEXT_PROBE_ROWS:
      g_string_append (sql, " AND (EXISTS (SELECT 1 FROM traces_fts WHERE traces_fts MATCH ?1"
                            "   AND rowid = t.id)"
                            " OR EXISTS (SELECT 1 FROM annotations a JOIN notes_fts"
                            "   ON notes_fts.rowid = a.id WHERE a.trace_id = t.id"
                            "   AND notes_fts MATCH ?1))");
      break;
    case TEXT_ALL_MATCHES:
    default:
      g_string_append (sql, " AND t.id IN (SELECT rowid FROM traces_fts WHERE traces_fts MATCH ?1"
                            " UNION SELECT a.trace_id FROM notes_fts"
                            " JOIN annotations a ON a.id = notes_fts.rowid"
                            " WHERE notes_fts MATCH ?1)");
      break;
    }
}

/* `row_id`: the walked row's trace id, for the metadata filter's probe
 * (_errata_project_append_meta_filter). */
static void
append_filters (GString          *sql,
                ErrataTraceQuery *query,
                TextPlan          plan,
                ErrataMetaPlan    meta_plan,
                const char       *row_id)
{
  g_autofree char *fts = errata_trace_query_dup_fts_expression (query);

  g_string_append (sql, " WHERE 1");
  switch (errata_trace_query_get_review_filter (query))
    {
    case ERRATA_REVIEW_FILTER_UNREVIEWED:
      g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM annotations a"
                            " WHERE a.trace_id = t.id AND a.verdict IS NOT NULL AND "
                            ERRATA_SQL_MINE ")");
      break;
    case ERRATA_REVIEW_FILTER_PASS:
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotations a"
                            " WHERE a.trace_id = t.id AND a.verdict = 'pass' AND "
                            ERRATA_SQL_MINE ")");
      break;
    case ERRATA_REVIEW_FILTER_FAIL:
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotations a"
                            " WHERE a.trace_id = t.id AND a.verdict = 'fail' AND "
                            ERRATA_SQL_MINE ")");
      break;
    case ERRATA_REVIEW_FILTER_BY_ME:
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotations a"
                            " WHERE a.trace_id = t.id AND a.verdict IS NOT NULL AND "
                            ERRATA_SQL_MINE ")");
      break;
    case ERRATA_REVIEW_FILTER_BY_OTHERS:
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotations a"
                            " WHERE a.trace_id = t.id AND a.verdict IS NOT NULL AND "
                            ERRATA_SQL_OTHERS ")");
      break;
    case ERRATA_REVIEW_FILTER_BY_NOBODY:
      g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM annotations a"
                            " WHERE a.trace_id = t.id AND a.verdict IS NOT NULL AND "
                            ERRATA_SQL_REVIEW ")");
      break;
    case ERRATA_REVIEW_FILTER_ANY:
    default:
      break;
    }
  if (errata_trace_query_get_has_note (query))
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotations a"
                          " WHERE a.trace_id = t.id AND a.note <> '')");
  if (errata_trace_query_get_failure_mode (query) > 0)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotations a"
                          " JOIN assignments s ON s.annotation_id = a.id"
                          " WHERE a.trace_id = t.id AND s.failure_mode_id = ?8)");
  if (errata_trace_query_get_disputed_target (query) >= 0)
    g_string_append (sql, " AND t.id IN (" ERRATA_SQL_DISPUTED_IDS ("?9", "") ")");
  _errata_project_append_meta_filter (sql, query, meta_plan, row_id);
  /* Text matches the trace's own words or any note written about it. */
  if (fts)
    append_text_filter (sql, query, plan);
}

static void
bind_filters (sqlite3_stmt     *stmt,
              ErrataTraceQuery *query)
{
  char *fts = errata_trace_query_dup_fts_expression (query);

  if (fts)
    sqlite3_bind_text (stmt, PARAM_FTS, fts, -1, g_free);
  if (errata_trace_query_get_failure_mode (query) > 0)
    sqlite3_bind_int64 (stmt, PARAM_FAILURE_MODE, errata_trace_query_get_failure_mode (query));
  if (errata_trace_query_get_disputed_target (query) >= 0)
    sqlite3_bind_int64 (stmt, PARAM_DISPUTED_TARGET,
                        errata_trace_query_get_disputed_target (query));
  _errata_project_bind_meta_filter (stmt, query);
  if (errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_METADATA)
    sqlite3_bind_text (stmt, ERRATA_PARAM_SORT_KEY, errata_trace_query_get_sort_key (query), -1,
                       SQLITE_TRANSIENT);
}

gint64
errata_project_count_traces (ErrataProject     *self,
                             ErrataTraceQuery  *query,
                             GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM traces t");
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), -1);
  g_return_val_if_fail (query == NULL || ERRATA_IS_TRACE_QUERY (query), -1);

  if (query)
    append_filters (sql, query, TEXT_ALL_MATCHES, ERRATA_META_PLAN_ALL_MATCHES, "t.id");
  stmt = _errata_project_prepare (self, sql->str, error);
  if (stmt == NULL)
    return -1;
  if (query)
    bind_filters (stmt, query);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _errata_project_set_error (self, error, _("count traces"));
  sqlite3_finalize (stmt);
  return count;
}

static gboolean
is_shuffle (ErrataTraceQuery *query)
{
  return errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_SHUFFLE;
}

static void
append_keyset (GString           *sql,
               ErrataTraceQuery  *query,
               ErrataTraceCursor *cursor)
{
  gboolean import_order = errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_IMPORT_ORDER;
  gboolean descending = errata_trace_query_get_descending (query) && !is_shuffle (query);
  const char *key = sort_key_expression (errata_trace_query_get_sort (query));
  const char *op = descending ? "<" : ">";

  /* A shuffle walks sample_key from a seeded start to the end, then wraps
   * around to the keys below the start. */
  if (is_shuffle (query))
    g_string_append (sql, cursor->wrapped ? " AND t.sample_key < ?7" : " AND t.sample_key >= ?7");
  if (!cursor->started)
    return;
  /* Spelled out rather than as a row value: SQLite 3.40 cannot start an
   * index scan at (key, id) > (?, ?) and would walk the index from its
   * first entry (8 s instead of 1 ms half-way through a million rows). */
  if (import_order)
    g_string_append_printf (sql, " AND t.id %s ?5", op);
  else
    g_string_append_printf (sql, " AND %s %s= ?4 AND (%s %s ?4 OR t.id %s ?5)",
                            key, op, key, op, op);
}

static gboolean
is_meta_sort (ErrataTraceQuery *query)
{
  return errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_METADATA;
}

/* A shuffle wraps around to the start; a sort by a metadata key lists
 * the traces without the key after the others. */
static gboolean
has_second_pass (ErrataTraceQuery *query)
{
  return is_shuffle (query) || is_meta_sort (query);
}

static const char *
direction (ErrataTraceQuery *query)
{
  return (errata_trace_query_get_descending (query) && !is_shuffle (query)) ? "DESC" : "ASC";
}

static void
append_from_traces (GString          *sql,
                    ErrataTraceQuery *query,
                    ErrataMetaPlan    meta_plan)
{
  if (meta_plan == ERRATA_META_PLAN_DRIVE)
    {
      _errata_project_append_meta_driver (sql, query);
      g_string_append (sql, "traces t ON t.id = mm.id");
    }
  else
    g_string_append (sql, "traces t");
}

/* The traces with the sort's metadata key, walked in trace_meta's order,
 * or (cursor->wrapped) those without it, in import order. */
static void
append_meta_sorted (GString           *sql,
                    const char        *head,
                    ErrataTraceQuery  *query,
                    ErrataTraceCursor *cursor,
                    TextPlan           plan,
                    ErrataMetaPlan     meta_plan)
{
  const char *dir = direction (query);

  if (cursor->wrapped)
    {
      g_string_append_printf (sql, "%s, NULL AS sort_value FROM ", head);
      append_from_traces (sql, query, meta_plan);
      append_filters (sql, query, plan, meta_plan, "t.id");
      _errata_project_append_meta_missing (sql);
      if (cursor->started)
        g_string_append (sql, " AND t.id > ?5");
      g_string_append (sql, " ORDER BY t.id ASC");
      return;
    }
  g_string_append_printf (sql, "%s, ms.value AS sort_value FROM ", head);
  if (meta_plan == ERRATA_META_PLAN_DRIVE)
    {
      append_from_traces (sql, query, meta_plan);
      g_string_append (sql, " JOIN trace_meta ms ON ms.trace_id = t.id");
    }
  else
    g_string_append (sql, "trace_meta ms JOIN traces t ON t.id = ms.trace_id");
  append_filters (sql, query, plan, meta_plan, "ms.trace_id");
  _errata_project_append_meta_sort (sql, errata_trace_query_get_descending (query),
                                    cursor->started);
  g_string_append_printf (sql, " ORDER BY ms.value %s, ms.trace_id %s", dir, dir);
}

/* Rare matches in import order come out of their list in id order
 * already; in any other order they lead the join. */
static ErrataMetaPlan
effective_meta_plan (ErrataTraceQuery *query,
                     ErrataMetaPlan    meta_plan)
{
  if (meta_plan == ERRATA_META_PLAN_ALL_MATCHES &&
      errata_trace_query_get_metadata_field (query) != NULL &&
      errata_trace_query_get_sort (query) != ERRATA_TRACE_SORT_IMPORT_ORDER)
    return ERRATA_META_PLAN_DRIVE;
  return meta_plan;
}

/* `head` is the SELECT list; the sort key is selected after it, as
 * sort_value. */
static char *
build_sql (const char        *head,
           ErrataTraceQuery  *query,
           ErrataTraceCursor *cursor,
           TextPlan           plan,
           ErrataMetaPlan     meta_plan,
           gboolean           limited)
{
  GString *sql = g_string_new (NULL);
  const char *key = sort_key_expression (errata_trace_query_get_sort (query));
  const char *dir = direction (query);

  meta_plan = effective_meta_plan (query, meta_plan);
  if (is_meta_sort (query))
    append_meta_sorted (sql, head, query, cursor, plan, meta_plan);
  else
    {
      g_string_append_printf (sql, "%s, %s AS sort_value FROM ", head, key);
      append_from_traces (sql, query, meta_plan);
      append_filters (sql, query, plan, meta_plan, "t.id");
      append_keyset (sql, query, cursor);
      if (errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_IMPORT_ORDER)
        g_string_append_printf (sql, " ORDER BY t.id %s", dir);
      else
        g_string_append_printf (sql, " ORDER BY %s %s, t.id %s", key, dir, dir);
    }
  if (limited)
    g_string_append (sql, " LIMIT ?6");
  return g_string_free (sql, FALSE);
}

/* When the matches are sorted rather than walked in an index's order, the
 * page's ids are chosen first and only those 100 rows get their summary:
 * the sorter would work it out for every match (6 subqueries a row; 32 ms
 * for 622 matches of 10k sorted by latency). */
static char *
build_page_sql (ErrataTraceQuery  *query,
                ErrataTraceCursor *cursor,
                TextPlan           plan,
                ErrataMetaPlan     meta_plan)
{
  g_autofree char *ids = NULL;
  const char *dir = direction (query);

  if (effective_meta_plan (query, meta_plan) != ERRATA_META_PLAN_DRIVE)
    return build_sql ("SELECT " ERRATA_TRACE_SUMMARY_COLUMNS, query, cursor, plan, meta_plan,
                      TRUE);
  ids = build_sql ("SELECT t.id AS pid", query, cursor, plan, meta_plan, TRUE);
  /* The order the ids were chosen in (the rows without the sort's key:
   * import order, going up). */
  if (is_meta_sort (query) && cursor->wrapped)
    return g_strdup_printf ("SELECT " ERRATA_TRACE_SUMMARY_COLUMNS ", p.sort_value FROM (%s) p"
                            " CROSS JOIN traces t ON t.id = p.pid ORDER BY p.pid ASC", ids);
  return g_strdup_printf ("SELECT " ERRATA_TRACE_SUMMARY_COLUMNS ", p.sort_value FROM (%s) p"
                          " CROSS JOIN traces t ON t.id = p.pid"
                          " ORDER BY p.sort_value %s, p.pid %s", ids, dir, dir);
}

static guint32
shuffle_start (guint32 seed)
{
  /* Spread nearby seeds over the whole key range (sample_key < 2^31). */
  return (g_int_hash (&seed) * 2654435761u) & 0x7fffffff;
}

static void
advance_cursor (ErrataTraceCursor *cursor,
                sqlite3_stmt      *stmt,
                ErrataTraceSort    sort)
{
  const int key_column = ERRATA_TRACE_SUMMARY_N_COLUMNS;

  cursor->started = TRUE;
  cursor->id = sqlite3_column_int64 (stmt, 0);
  if (sort == ERRATA_TRACE_SORT_COST)
    cursor->key_real = sqlite3_column_double (stmt, key_column);
  else
    cursor->key_int = sqlite3_column_int64 (stmt, key_column);
}

static void
bind_cursor (sqlite3_stmt      *stmt,
             ErrataTraceQuery  *query,
             ErrataTraceCursor *cursor,
             guint              limit)
{
  if (cursor->started)
    {
      if (errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_COST)
        sqlite3_bind_double (stmt, PARAM_KEY, cursor->key_real);
      else
        sqlite3_bind_int64 (stmt, PARAM_KEY, cursor->key_int);
      sqlite3_bind_int64 (stmt, PARAM_ID, cursor->id);
    }
  sqlite3_bind_int64 (stmt, PARAM_LIMIT, limit);
  if (is_shuffle (query))
    sqlite3_bind_int64 (stmt, PARAM_SHUFFLE_START,
                        shuffle_start (errata_trace_query_get_seed (query)));
}

static gboolean
fetch_rows (ErrataProject      *self,
            ErrataTraceQuery   *query,
            ErrataTraceCursor  *cursor,
            guint               limit,
            GPtrArray          *rows,
            GError            **error)
{
  g_autofree char *sql = build_page_sql (query, cursor, choose_text_plan (self, query),
                                         _errata_project_choose_meta_plan (self, query));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_filters (stmt, query);
  bind_cursor (stmt, query, cursor, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (rows, _errata_project_trace_from_row (stmt));
      advance_cursor (cursor, stmt, errata_trace_query_get_sort (query));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("list traces"));
  return TRUE;
}

/* Returns up to `limit` traces (summaries: input, output and note cut to
 * 300 characters, no messages) after `cursor`, and moves the cursor past
 * them. A zeroed cursor starts at the beginning; fewer rows than `limit`
 * means the end. Element type: ErrataTrace. */
GPtrArray *
errata_project_query_traces (ErrataProject      *self,
                             ErrataTraceQuery   *query,
                             ErrataTraceCursor  *cursor,
                             guint               limit,
                             GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (query), NULL);
  g_return_val_if_fail (cursor != NULL, NULL);

  if (!fetch_rows (self, query, cursor, limit, rows, error))
    return NULL;
  if (has_second_pass (query) && !cursor->wrapped && rows->len < limit)
    {
      cursor->wrapped = TRUE;
      cursor->started = FALSE;
      if (!fetch_rows (self, query, cursor, limit - rows->len, rows, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
append_ids (ErrataProject     *self,
            ErrataTraceQuery  *query,
            ErrataTraceCursor *cursor,
            GArray            *ids,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autofree char *sql = build_sql ("SELECT t.id", query, cursor, TEXT_ALL_MATCHES,
                                    ERRATA_META_PLAN_ALL_MATCHES, FALSE);
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = _errata_project_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_filters (stmt, query);
  bind_cursor (stmt, query, cursor, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      /* Checking every row would cost more than the row itself. */
      if (++n % 4096 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("list traces"));
  return TRUE;
}

/* Every trace id the query matches, in its order: 8 bytes a trace, so a
 * list view can jump to any position of a million-row list without
 * walking the pages before it. */
GArray *
errata_project_query_trace_ids (ErrataProject     *self,
                                ErrataTraceQuery  *query,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ErrataTraceCursor cursor = { 0 };

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (query), NULL);

  if (!append_ids (self, query, &cursor, ids, cancellable, error))
    return NULL;
  if (has_second_pass (query))
    {
      cursor.wrapped = TRUE;
      if (!append_ids (self, query, &cursor, ids, cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&ids);
}

typedef struct
{
  GFile            *file;
  ErrataTraceQuery *query;
  char             *reviewer;
  guint             cap;   /* count_traces_async: at most this many; 0: all */
} IdsTaskData;

static void
ids_task_data_free (IdsTaskData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->query);
  g_free (data->reviewer);
  g_free (data);
}

/* A connection of its own: the caller's belongs to the caller's thread. */
static ErrataProject *
open_reader (IdsTaskData  *data,
             GError      **error)
{
  ErrataProject *reader = errata_project_open (data->file, ERRATA_PROJECT_OPEN_READ_ONLY, error);

  /* "Unreviewed" is unreviewed by the caller's reviewer. */
  if (reader != NULL)
    errata_project_set_reviewer (reader, data->reviewer);
  return reader;
}

static IdsTaskData *
ids_task_data_new (ErrataProject    *self,
                   ErrataTraceQuery *query,
                   guint             cap)
{
  IdsTaskData *data = g_new0 (IdsTaskData, 1);

  data->file = g_object_ref (errata_project_get_file (self));
  data->query = errata_trace_query_copy (query);
  data->reviewer = g_strdup (errata_project_get_reviewer (self));
  data->cap = cap;
  return data;
}

static void
query_ids_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  IdsTaskData *data = task_data;
  g_autoptr(ErrataProject) reader = NULL;
  GError *error = NULL;
  GArray *ids;

  reader = open_reader (data, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ids = errata_project_query_trace_ids (reader, data->query, cancellable, &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify)g_array_unref);
}

/* The query is copied at the call: changing it afterwards does not change
 * this run. Traces committed by now are seen (WAL readers see the last
 * commit). */
void
errata_project_query_trace_ids_async (ErrataProject       *self,
                                      ErrataTraceQuery    *query,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  IdsTaskData *data;

  g_return_if_fail (ERRATA_IS_PROJECT (self));
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (query));

  data = ids_task_data_new (self, query, 0);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_project_query_trace_ids_async);
  g_task_set_task_data (task, data, (GDestroyNotify)ids_task_data_free);
  g_task_run_in_thread (task, query_ids_in_thread);
}

GArray *
errata_project_query_trace_ids_finish (ErrataProject  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The first `cap` matches are read as the first page is (the paged
 * plans stop early), so a capped count costs what showing the list does. */
static gint64
count_capped (ErrataProject     *self,
              ErrataTraceQuery  *query,
              guint              cap,
              GError           **error)
{
  ErrataTraceCursor cursor = { 0 };
  g_autoptr(GPtrArray) rows = errata_project_query_traces (self, query, &cursor, cap, error);

  return rows ? (gint64)rows->len : -1;
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  IdsTaskData *data = task_data;
  g_autoptr(ErrataProject) reader = NULL;
  GError *error = NULL;
  gint64 count;

  reader = open_reader (data, &error);
  if (reader != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      count = data->cap > 0 ? count_capped (reader, data->query, data->cap, &error)
                            : errata_project_count_traces (reader, data->query, &error);
      if (count >= 0)
        {
          g_task_return_int (task, count);
          return;
        }
    }
  g_task_return_error (task, error);
}

/**
 * errata_project_count_traces_async:
 * @cap: count at most this many matches (0: all of them)
 *
 * Counts in a thread, on a connection of its own: what the Traces page's
 * footer shows. A capped count answers as fast as the first page ("≥ 100"
 * while the exact count runs). The query is copied at the call.
 */
void
errata_project_count_traces_async (ErrataProject       *self,
                                   ErrataTraceQuery    *query,
                                   guint                cap,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ERRATA_IS_PROJECT (self));
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (query));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_project_count_traces_async);
  g_task_set_task_data (task, ids_task_data_new (self, query, cap),
                        (GDestroyNotify)ids_task_data_free);
  g_task_run_in_thread (task, count_in_thread);
}

/* Returns the count, or -1 with `error` set. */
gint64
errata_project_count_traces_finish (ErrataProject  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
