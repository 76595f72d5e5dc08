/* errata-project-private.h: what the project's own files and the core's
 * subsystems (import staging, the LLM reply cache) share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "errata-project.h"
#include "errata-project-schema.h"

G_BEGIN_DECLS

/* The connection belongs to the thread that opened the project; callers
 * must stay on that thread and use errata_project_begin/commit for writes. */
sqlite3      *_errata_project_get_db          (ErrataProject  *self);

/* Sets error from the connection's last failure, with `what` as context. */
gboolean      _errata_project_set_error       (ErrataProject  *self,
                                               GError        **error,
                                               const char     *what);
gboolean      _errata_project_check_writable  (ErrataProject  *self,
                                               GError        **error);

gboolean      _errata_project_query_int       (ErrataProject  *self,
                                               const char     *sql,
                                               gint64         *value,
                                               GError        **error);
/* Steps a write statement inside its own (possibly nested) transaction. */
gboolean      _errata_project_step_write      (ErrataProject  *self,
                                               sqlite3_stmt   *stmt,
                                               const char     *what,
                                               GError        **error);
/* errata_project_add_trace() without a savepoint of its own: call it in
 * a transaction, and roll back when it fails. */
gboolean      _errata_project_add_trace_in_transaction (ErrataProject  *self,
                                                        ErrataTrace    *trace,
                                                        gboolean       *added,
                                                        GError        **error);
/* A trace's row text (messages, tools and metadata as JSON, the search
 * body), made from the trace alone: on any thread, before the write. The
 * packed_ forms are what is stored when packing pays
 * (errata-stored-text.h); NULL: the text is stored. */
typedef struct
{
  char   *messages;
  char   *tools;     /* NULL: none */
  char   *metadata;
  char   *body;
  GBytes *packed_messages;
  GBytes *packed_tools;
  GBytes *packed_metadata;
} ErrataTraceRow;

void          _errata_trace_row_prepare       (ErrataTraceRow *row,
                                               ErrataTrace    *trace);
void          _errata_trace_row_clear         (ErrataTraceRow *row);
int           _errata_project_bind_stored     (sqlite3_stmt   *stmt,
                                               int             column,
                                               const char     *text,
                                               GBytes         *packed);
/* _errata_project_add_trace_in_transaction() with the row made already. */
gboolean      _errata_project_add_trace_row   (ErrataProject         *self,
                                               ErrataTrace           *trace,
                                               const ErrataTraceRow  *row,
                                               gboolean              *added,
                                               GError               **error);
sqlite3_stmt *_errata_project_cached          (ErrataProject  *self,
                                               const char     *sql,
                                               GError        **error);
sqlite3_stmt *_errata_project_prepare         (ErrataProject  *self,
                                               const char     *sql,
                                               GError        **error);
ErrataTrace  *_errata_project_trace_from_row  (sqlite3_stmt   *stmt);
GPtrArray    *_errata_project_collect_rows    (ErrataProject  *self,
                                               sqlite3_stmt   *stmt,
                                               gpointer      (*from_row) (sqlite3_stmt *),
                                               GDestroyNotify  free_row,
                                               const char     *what,
                                               GError        **error);
/* errata_project_set_annotation(), optionally keeping the annotation's own
 * created/updated times (merging); out_id receives the row's id. */
gboolean      _errata_project_put_annotation  (ErrataProject          *self,
                                               const ErrataAnnotation *annotation,
                                               gboolean                keep_times,
                                               gint64                 *out_id,
                                               GError                **error);
/* The same without a savepoint: in the caller's transaction, which rolls
 * back when it fails. */
gboolean      _errata_project_put_annotation_in_transaction (ErrataProject          *self,
                                                             const ErrataAnnotation *annotation,
                                                             gboolean                keep_times,
                                                             gint64                 *out_id,
                                                             GError                **error);
/* Copies the last committed state of `source` to a new file at `path`,
 * whole without a -wal (errata-project-copy.c). */
gboolean      _errata_project_backup_to       (sqlite3        *source,
                                               const char     *path,
                                               GError        **error);
/* Refuses a file whose schema is not exactly what the migrations up to
 * `version` create (an added trigger or view, an altered index, …). */
gboolean      _errata_project_check_schema    (ErrataProject  *self,
                                               gint64          version,
                                               GError        **error);

/* Whose an annotation `a` is, in SQL (DESIGN.md, "Labels"): a review is
 * made here or merged, never imported; "mine" is under the project's
 * reviewer (errata_reviewer(), every review when none is set); "others'"
 * is under any other name (none when no reviewer is set). */
#define ERRATA_SQL_REVIEW "a.origin <> 'imported'"
#define ERRATA_SQL_MINE \
  "(a.origin <> 'imported' AND (errata_reviewer () IS NULL OR a.annotator = errata_reviewer ()))"
#define ERRATA_SQL_OTHERS "(a.origin <> 'imported' AND a.annotator <> errata_reviewer ())"
#define ERRATA_SQL_IMPORTED "a.origin = 'imported'"

/* One annotation's vote on target T (an SQL expression: "?1", say), the
 * rule of ground truth (errata-ground-truth.c): for overall (T = 0) the
 * verdict; for a failure mode "fail" when the note sits in it, "pass" when
 * the trace was reviewed (a verdict or a note) and it does not; NULL for no
 * vote. An imported verdict whose note sits in no mode says nothing about
 * any mode: a file's "fail" must not pass every mode. */
#define ERRATA_SQL_VOTE(T) \
  "CASE WHEN " T " = 0 THEN a.verdict" \
  "     WHEN EXISTS (SELECT 1 FROM assignments s" \
  "                  WHERE s.annotation_id = a.id AND s.failure_mode_id = " T ") THEN 'fail'" \
  "     WHEN a.origin = 'imported' AND NOT EXISTS (SELECT 1 FROM assignments s" \
  "                  WHERE s.annotation_id = a.id) THEN NULL" \
  "     WHEN a.verdict IS NOT NULL OR a.note <> '' THEN 'pass'" \
  "END"
/* Annotators whose votes count (not an excluded source). */
#define ERRATA_SQL_VOTER "a.annotator NOT IN (SELECT annotator FROM excluded_sources)"

/* The ids of the traces whose label for target T is disputed, the set
 * errata_ground_truth_list() marks disputed: no explicit label, and the
 * reviews made here (here or merged) vote both ways, or, with no review
 * voting, imported verdicts do. FILTER narrows the annotations read
 * (" AND a.trace_id = ?2", or ""). This is the adjudication queue. */
#define ERRATA_SQL_DISPUTED_IDS(T, FILTER) \
  "SELECT v.trace_id FROM (SELECT a.trace_id AS trace_id, a.origin = 'imported' AS imported, " \
  ERRATA_SQL_VOTE (T) " AS vote FROM annotations a WHERE " ERRATA_SQL_VOTER FILTER ") v" \
  " WHERE v.vote IS NOT NULL AND NOT EXISTS (SELECT 1 FROM explicit_labels l" \
  "   WHERE l.target = " T " AND l.trace_id = v.trace_id)" \
  " GROUP BY v.trace_id" \
  " HAVING (sum (NOT v.imported AND v.vote = 'pass') > 0 AND sum (NOT v.imported AND v.vote = 'fail') > 0)" \
  "  OR (sum (NOT v.imported) = 0 AND sum (v.imported AND v.vote = 'pass') > 0" \
  "      AND sum (v.imported AND v.vote = 'fail') > 0)"

/* Parameters of a trace query (errata-project-query.c) that the metadata
 * filter and sort (errata-project-query-meta.c) bind: macros, so that SQL
 * text can spell them with G_STRINGIFY. */
#define ERRATA_PARAM_META_KEY 2     /* the JSON path, for a long value's check */
#define ERRATA_PARAM_META_VALUE 3
#define ERRATA_PARAM_META_FIELD 10  /* trace_meta.key */
#define ERRATA_PARAM_META_LOW 11
#define ERRATA_PARAM_META_HIGH 12
#define ERRATA_PARAM_SORT_KEY 13
#define ERRATA_PARAM_META_PARTS 20  /* one per part of a dotted field */

/* How a metadata filter reaches the rows it matches. */
typedef enum
{
  ERRATA_META_PLAN_ALL_MATCHES,  /* collect every match from the index first */
  ERRATA_META_PLAN_PROBE_ROWS,   /* a common value: ask the index about each row */
  ERRATA_META_PLAN_DRIVE,        /* the matches lead the join (FROM ... CROSS JOIN) */
  ERRATA_META_PLAN_NEXT_IDS,     /* a page in import order: the next ids from the index */
} ErrataMetaPlan;

char          *_errata_project_meta_fill_text (const char        *metadata);

/* A row of trace_meta (errata-project-meta-rows.c): its value is `text`,
 * or `integer` when `text` is NULL. */
typedef struct
{
  char   *key;
  char   *text;
  gint64  integer;
} ErrataMetaRow;

void           _errata_meta_row_free          (ErrataMetaRow     *row);
/* ERRATA_SQL_META_ROWS's rows for `metadata` (ErrataMetaRow), or NULL
 * when the text holds what only the SQL reads exactly. */
GPtrArray     *_errata_project_meta_rows      (const char        *metadata);
gboolean       _errata_project_meta_add          (ErrataProject     *self,
                                                  gint64             trace_id,
                                                  const char        *metadata,
                                                  GError           **error);
gboolean       _errata_project_meta_replace      (ErrataProject     *self,
                                                  gint64             trace_id,
                                                  const char        *metadata,
                                                  GError           **error);
ErrataMetaPlan _errata_project_choose_meta_plan  (ErrataProject     *self,
                                                  ErrataTraceQuery  *query);
void           _errata_project_append_meta_filter (GString          *sql,
                                                   ErrataTraceQuery *query,
                                                   ErrataMetaPlan    plan,
                                                   const char       *row_id);
void           _errata_project_append_meta_driver (GString          *sql,
                                                   ErrataTraceQuery *query);
void           _errata_project_bind_meta_filter  (sqlite3_stmt      *stmt,
                                                  ErrataTraceQuery  *query);
void           _errata_project_append_meta_sort  (GString           *sql,
                                                  gboolean           descending,
                                                  gboolean           started);
void           _errata_project_append_meta_missing (GString         *sql);

/* The SELECT list that _errata_project_trace_from_row() reads: the
 * trace's numbers, my verdict and note, how many others gave a verdict
 * and how many of them failed it, the latest imported verdict, and the
 * latest note by anyone else. */
#define ERRATA_TRACE_SUMMARY_COLUMNS \
  "t.id, t.external_id, t.source, t.imported_at, " \
  ERRATA_SQL_SUMMARY_TEXT ("t.input") ", " ERRATA_SQL_SUMMARY_TEXT ("t.output") ", " \
  "t.n_messages, t.n_tool_calls, t.output_chars, " \
  "t.latency_ms, t.tokens_in, t.tokens_out, t.cost, " \
  "(SELECT a.verdict FROM annotations a WHERE a.trace_id = t.id AND " ERRATA_SQL_MINE \
  "  ORDER BY a.updated_at DESC LIMIT 1), " \
  "(SELECT substr(a.note, 1, 300) FROM annotations a WHERE a.trace_id = t.id AND " \
  ERRATA_SQL_MINE "  ORDER BY a.updated_at DESC LIMIT 1), " \
  "(SELECT count(*) FROM annotations a WHERE a.trace_id = t.id AND " ERRATA_SQL_OTHERS \
  "  AND a.verdict IS NOT NULL), " \
  "(SELECT count(*) FROM annotations a WHERE a.trace_id = t.id AND " ERRATA_SQL_OTHERS \
  "  AND a.verdict = 'fail'), " \
  "(SELECT a.verdict FROM annotations a WHERE a.trace_id = t.id AND " ERRATA_SQL_IMPORTED \
  "  AND a.verdict IS NOT NULL ORDER BY a.updated_at DESC LIMIT 1), " \
  "(SELECT substr(a.note, 1, 300) FROM annotations a WHERE a.trace_id = t.id AND a.note <> ''" \
  "  AND NOT " ERRATA_SQL_MINE " ORDER BY a.updated_at DESC LIMIT 1)"
/* How long a project's connection waits for another connection's write
 * lock before it gives up: 5 s. ERRATA_BUSY_TIMEOUT_MS overrides it for
 * the tests that hold the lock to catch an upgrade while it waits, so
 * that a slow machine does not see the wait run out first. */
static inline int
_errata_project_busy_timeout_ms (void)
{
  const char *env = g_getenv ("ERRATA_BUSY_TIMEOUT_MS");
  guint64 ms = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 0;

  return ms > 0 && ms <= G_MAXINT ? (int) ms : 5000;
}

/* How many columns ERRATA_TRACE_SUMMARY_COLUMNS has: what a query selects
 * after them starts at this index. */
#define ERRATA_TRACE_SUMMARY_N_COLUMNS 19

G_END_DECLS
