/* errata-project-query-meta.c: the metadata filter `field = value` and the
 * sort by a metadata key, over the side table trace_meta (schema version
 * 7), and the one function that fills it for a new trace.
 *
 * What the filter means has not changed since it read the metadata JSON:
 * "customer" matches that top-level key; "a.b" matches a top-level key
 * holding the dot and also key "b" of object "a"; the value matches when
 * CAST (value AS TEXT) equals what was typed (42 and "42" both match "42",
 * true matches "1", an object matches its JSON text). trace_meta holds one
 * row for every node such a field can name (ERRATA_SQL_META_FILL), so the
 * filter is an index lookup. The JSON expression it replaced stays, as the
 * check of a value longer than what trace_meta keeps.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "errata-project-private.h"
#include "errata-project-schema.h"

/* SQLite joins at most 64 tables; a deeper field is only matched whole. */
#define MAX_META_PARTS 32

/* At least this many matches make a value common (see choose_meta_plan). */
#define COMMON_META_MATCHES 5000

static const char meta_rows_sql[] = ERRATA_SQL_META_ROWS ("", "?1", "?2");
static const char meta_insert_sql[] =
  "INSERT OR IGNORE INTO trace_meta (key, value, trace_id) VALUES (?1, ?2, ?3)";

/* ---- What the fill reads: the metadata with its top-level arrays cut ---- */

/* The end of the JSON string at `p` (its opening quote), or NULL. A run of
 * plain characters is crossed by strcspn(), many bytes a step: a trace's
 * metadata is mostly long strings (every span's attributes). */
static const char *
skip_string (const char *p)
{
  for (p++;; p += 2)
    {
      p += strcspn (p, "\"\\");
      if (*p == '"')
        return p + 1;
      if (*p == '\0' || p[1] == '\0')
        return NULL;
    }
}

/* The end of the value at `p`, or NULL when it is not compact JSON (white
 * space outside a string: SQLite would not give the text back as it is). */
static const char *
skip_value (const char *p)
{
  const char *start = p;
  int depth = 0;

  while (depth > 0 || (*p != ',' && *p != '}'))
    {
      if (*p == '"')
        {
          if ((p = skip_string (p)) == NULL)
            return NULL;
          continue;
        }
      if (*p == '\0' || g_ascii_isspace (*p))
        return NULL;
      if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth < 0)
        return NULL;
      p++;
    }
  return p > start ? p : NULL;
}

/* The first ERRATA_META_VALUE_CHARS characters of [start, end) as a JSON
 * string: what the fill keeps of an array (its text, cut). */
static void
append_cut_as_string (GString    *out,
                      const char *start,
                      const char *end)
{
  const char *cut = start;

  for (guint n = 0; n < ERRATA_META_VALUE_CHARS && cut < end; n++)
    cut = g_utf8_next_char (cut);
  cut = MIN (cut, end);
  g_string_append_c (out, '"');
  for (const char *p = start; p < cut; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The fill keeps of a top-level array only its text's first
 * ERRATA_META_VALUE_CHARS characters, but SQLite's json_each parses and
 * writes out the whole of it: a received trace's `spans` (every span
 * again, 2.4 KB each) made the fill a fifth of the live writer's time.
 * The same text with each top-level array replaced by that cut, as a
 * string, gives the same rows (test-trace-meta checks it against the
 * fill over the whole text). NULL, and the whole text is filled, for
 * anything but a compact object. */
char *
_errata_project_meta_fill_text (const char *metadata)
{
  g_autoptr(GString) out = NULL;
  const char *p = metadata;
  gboolean cut = FALSE;

  if (p == NULL || *p != '{')
    return NULL;
  out = g_string_sized_new (256);
  g_string_append_c (out, *p++);
  while (*p == '"')
    {
      const char *key_end = skip_string (p);
      const char *value_end;

      if (key_end == NULL || *key_end != ':')
        return NULL;
      if ((value_end = skip_value (key_end + 1)) == NULL)
        return NULL;
      g_string_append_len (out, p, key_end + 1 - p);
      if (key_end[1] == '[')
        {
          append_cut_as_string (out, key_end + 1, value_end);
          cut = TRUE;
        }
      else
        g_string_append_len (out, key_end + 1, value_end - (key_end + 1));
      p = value_end;
      if (*p != ',')
        break;
      g_string_append_c (out, *p++);
    }
  if (*p != '}' || p[1] != '\0' || !cut)
    return NULL;
  g_string_append_c (out, '}');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
insert_meta_row (sqlite3_stmt *insert,
                 sqlite3_stmt *rows)
{
  int rc;

  sqlite3_bind_value (insert, 1, sqlite3_column_value (rows, 0));
  sqlite3_bind_value (insert, 2, sqlite3_column_value (rows, 1));
  sqlite3_bind_value (insert, 3, sqlite3_column_value (rows, 2));
  rc = sqlite3_step (insert);
  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);
  return rc == SQLITE_DONE;
}

static gboolean
insert_read_row (sqlite3_stmt        *insert,
                 const ErrataMetaRow *row,
                 gint64               trace_id)
{
  int rc;

  sqlite3_bind_text (insert, 1, row->key, -1, SQLITE_STATIC);
  if (row->text != NULL)
    sqlite3_bind_text (insert, 2, row->text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (insert, 2, row->integer);
  sqlite3_bind_int64 (insert, 3, trace_id);
  rc = sqlite3_step (insert);
  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);
  return rc == SQLITE_DONE;
}

/* Called by every insert of a trace (file import, live receiver, synthetic
 * runs), in the caller's transaction. The rows are read in C
 * (errata-project-meta-rows.c) when it vouches for the text, else by the
 * SQL. The rows ERRATA_SQL_META_ROWS gives
 * are inserted one at a time, not by ERRATA_SQL_META_FILL's INSERT …
 * SELECT: a statement that may insert several rows into trace_meta (it has
 * a foreign key) needs a statement journal, and opening one asks every
 * virtual table of the transaction for a savepoint, which makes FTS5
 * write out its pending search index. Every trace added thus wrote a
 * search index segment of its own, and merging them cost more than the
 * rest of adding the trace (bench/README.md, "Live traces"). */
gboolean
_errata_project_meta_add (ErrataProject  *self,
                          gint64          trace_id,
                          const char     *metadata,
                          GError        **error)
{
  sqlite3_stmt *rows = _errata_project_cached (self, meta_rows_sql, error);
  sqlite3_stmt *insert = rows ? _errata_project_cached (self, meta_insert_sql, error) : NULL;
  g_autofree char *fill = _errata_project_meta_fill_text (metadata);
  g_autoptr(GPtrArray) read = NULL;
  gboolean ok = TRUE;
  int rc;

  if (insert == NULL)
    return FALSE;
  /* The rows read in C when it vouches for them, else by the SQL. */
  read = _errata_project_meta_rows (fill ? fill : metadata);
  if (read != NULL)
    {
      for (guint i = 0; ok && i < read->len; i++)
        ok = insert_read_row (insert, read->pdata[i], trace_id);
      if (!ok)
        return _errata_project_set_error (self, error, _("index the trace's metadata"));
      return TRUE;
    }
  sqlite3_bind_int64 (rows, 1, trace_id);
  sqlite3_bind_text (rows, 2, fill ? fill : metadata, -1, SQLITE_STATIC);
  while (ok && (rc = sqlite3_step (rows)) == SQLITE_ROW)
    ok = insert_meta_row (insert, rows);
  sqlite3_reset (rows);
  sqlite3_clear_bindings (rows);
  if (!ok || rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("index the trace's metadata"));
  return TRUE;
}

static const char meta_forget_sql[] = "DELETE FROM trace_meta WHERE trace_id = ?1";

/* For a trace whose metadata changed in place (late spans of a trace
 * received live): its rows go and the new metadata's come. */
gboolean
_errata_project_meta_replace (ErrataProject  *self,
                              gint64          trace_id,
                              const char     *metadata,
                              GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (self, meta_forget_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trace_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("index the trace's metadata"));
  return _errata_project_meta_add (self, trace_id, metadata, error);
}

/* ---- The JSON expression (the check of long values) ---- */

/* The metadata column as the JSON functions can read it (unpacked, when
 * it was stored packed): a project file from elsewhere may hold text that
 * is not JSON, which must not fail the query. */
#define META_JSON \
  "CASE WHEN json_valid (errata_text (t.metadata)) THEN errata_text (t.metadata) END"

static guint
count_meta_parts (const char *field)
{
  guint n = 1;

  for (const char *p = field; *p; p++)
    n += *p == '.';
  return n;
}

/* SQLite 3.40 reads a quoted path key up to the next '"', with no escapes,
 * and compares it with the key's raw JSON text. A key without '"', '\'
 * or control characters is written the same in both (é and 中 included),
 * so json_extract finds it. Any other key is compared with json_each's
 * decoded key instead. */
static gboolean
is_path_safe (const char *field)
{
  for (const guchar *p = (const guchar *)field; *p; p++)
    if (*p == '"' || *p == '\\' || *p < 0x20)
      return FALSE;
  return TRUE;
}

static char *
quoted_path (char  **parts,
             guint   n_parts)
{
  GString *path = g_string_new ("$");

  for (guint i = 0; i < n_parts; i++)
    g_string_append_printf (path, ".\"%s\"", parts[i]);
  return g_string_free (path, FALSE);
}

static void
append_json_each (GString *sql,
                  guint    n_parts)
{
  g_string_append (sql, " AND (EXISTS (SELECT 1 FROM json_each (" META_JSON ") m"
                        " WHERE m.key = ?2 AND CAST (m.value AS TEXT) = ?3)");
  if (n_parts > 1 && n_parts <= MAX_META_PARTS)
    {
      g_string_append (sql, " OR EXISTS (SELECT 1 FROM json_each (" META_JSON ") m0");
      for (guint i = 1; i < n_parts; i++)
        g_string_append_printf (sql, ", json_each (CASE WHEN m%u.type = 'object'"
                                     " THEN m%u.value END) m%u", i - 1, i - 1, i);
      g_string_append (sql, " WHERE 1");
      for (guint i = 0; i < n_parts; i++)
        g_string_append_printf (sql, " AND m%u.key = ?%u", i, ERRATA_PARAM_META_PARTS + i);
      g_string_append_printf (sql, " AND CAST (m%u.value AS TEXT) = ?3)", n_parts - 1);
    }
  g_string_append (sql, ")");
}

static void
append_json_filter (GString    *sql,
                    const char *field)
{
  guint n_parts = count_meta_parts (field);

  if (!is_path_safe (field))
    {
      append_json_each (sql, n_parts);
      return;
    }
  g_string_append (sql, " AND (CAST (json_extract (" META_JSON ", ?2) AS TEXT) = ?3");
  if (n_parts > 1)
    g_string_append_printf (sql, " OR CAST (json_extract (" META_JSON ", ?%u) AS TEXT) = ?3",
                            ERRATA_PARAM_META_PARTS);
  g_string_append (sql, ")");
}

static void
bind_json_filter (sqlite3_stmt *stmt,
                  const char   *field)
{
  g_auto (GStrv) parts = g_strsplit (field, ".", -1);
  guint n_parts = g_strv_length (parts);

  if (is_path_safe (field))
    {
      char *whole[] = { (char *)field, NULL };

      sqlite3_bind_text (stmt, ERRATA_PARAM_META_KEY, quoted_path (whole, 1), -1, g_free);
      if (n_parts > 1)
        sqlite3_bind_text (stmt, ERRATA_PARAM_META_PARTS, quoted_path (parts, n_parts), -1,
                           g_free);
      return;
    }
  sqlite3_bind_text (stmt, ERRATA_PARAM_META_KEY, field, -1, SQLITE_TRANSIENT);
  for (guint i = 0; n_parts > 1 && i < n_parts && i < MAX_META_PARTS; i++)
    sqlite3_bind_text (stmt, ERRATA_PARAM_META_PARTS + i, parts[i], -1, SQLITE_TRANSIENT);
}

/* ---- The index ---- */

/* trace_meta keeps a value's first ERRATA_META_VALUE_CHARS characters: a
 * value typed this long may match a longer one, which only the JSON can
 * say. Text that is not UTF-8 is checked the same way, to be safe. */
static gboolean
is_long_value (const char *value)
{
  return !g_utf8_validate (value, -1, NULL) ||
         g_utf8_strlen (value, -1) >= ERRATA_META_VALUE_CHARS;
}

/* A number whose text is `value` lies within this range of what `value`
 * reads as: SQLite writes a real with 15 significant digits, so 0.1 + 0.2
 * reads back as 0.3, and "0.3" must still find it. */
static gboolean
number_range (const char *value,
              double     *low,
              double     *high)
{
  char *end = NULL;
  double d;
  double slack;

  if (*value == '\0')
    return FALSE;
  d = g_ascii_strtod (value, &end);
  if (end == NULL || *end != '\0' || isnan (d))
    return FALSE;
  slack = fabs (d) * 1e-14 + 1e-300;
  *low = isinf (d) ? d : d - slack;
  *high = isinf (d) ? d : d + slack;
  return TRUE;
}

#define META_PREFIX "substr (?3, 1, " G_STRINGIFY (ERRATA_META_VALUE_CHARS) ")"
#define META_FIELD "?" G_STRINGIFY (ERRATA_PARAM_META_FIELD)

/* The ids of the traces whose value matches, through the primary key: by
 * the value's text, and (a second range, as SQLite 3.40 reads one range
 * per OR) by its number, where CAST decides as the JSON filter did. A
 * trace may come twice (its "42" and its 42). */
static void
append_match_ids (GString    *sql,
                  const char *value)
{
  double low, high;

  g_string_append (sql, "SELECT m.trace_id FROM trace_meta m WHERE m.key = " META_FIELD
                        " AND m.value = " META_PREFIX);
  if (number_range (value, &low, &high))
    g_string_append (sql, " UNION ALL SELECT m.trace_id FROM trace_meta m WHERE m.key = "
                          META_FIELD " AND m.value BETWEEN ?" G_STRINGIFY (ERRATA_PARAM_META_LOW)
                          " AND ?" G_STRINGIFY (ERRATA_PARAM_META_HIGH)
                          " AND CAST (m.value AS TEXT) = " META_PREFIX);
}


/* Whether the metadata filter is the only filter of an import-order list:
 * then a page is the next ids of the value straight from the index. */
static gboolean
only_meta_in_import_order (ErrataTraceQuery *query)
{
  g_autofree char *fts = errata_trace_query_dup_fts_expression (query);

  return fts == NULL &&
         errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_IMPORT_ORDER &&
         errata_trace_query_get_review_filter (query) == ERRATA_REVIEW_FILTER_ANY &&
         !errata_trace_query_get_has_note (query) &&
         errata_trace_query_get_failure_mode (query) == 0 &&
         errata_trace_query_get_disputed_target (query) < 0;
}

/* Collecting every match first wins for a rare value (no match costs one
 * index lookup); walking the traces in the list's order and asking the
 * index about each wins for a common one (the first page of a value that
 * a third of the traces have needs 300 lookups, not a sort of 300,000).
 * A capped count decides (_errata_project_choose_meta_plan).
 *
 * Where collecting stops paying. In import order the matches come out of
 * their list already sorted, so collecting costs an index entry a match
 * against a probe per trace walked: COMMON_META_MATCHES. Sorted by a
 * metric, each collected match also reads its trace's row (the metrics sit
 * behind the messages, in overflow pages: ~50 us a row) while a probe
 * walks only the metric's index, ~100 N / m probes of ~1 us for a page:
 * they cost the same at m = sqrt (2 N). */
static gint64
collect_limit (ErrataProject    *self,
               ErrataTraceQuery *query)
{
  gint64 n_traces = 0;

  if (errata_trace_query_get_sort (query) == ERRATA_TRACE_SORT_IMPORT_ORDER ||
      !_errata_project_query_int (self, "SELECT ifnull (max (id), 0) FROM traces", &n_traces,
                                  NULL))
    return COMMON_META_MATCHES;
  return CLAMP ((gint64)sqrt (2.0 * n_traces), 200, COMMON_META_MATCHES);
}

/* How a metadata filter reaches its rows, for one page of `query`. */
ErrataMetaPlan
_errata_project_choose_meta_plan (ErrataProject    *self,
                                  ErrataTraceQuery *query)
{
  const char *field = errata_trace_query_get_metadata_field (query);
  const char *value = errata_trace_query_get_metadata_value (query);
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  gint64 limit;
  gint64 n = 0;

  if (field == NULL)
    return ERRATA_META_PLAN_ALL_MATCHES;
  limit = collect_limit (self, query);
  sql = g_string_new ("SELECT count(*) FROM (");
  append_match_ids (sql, value);
  g_string_append_printf (sql, " LIMIT %" PRId64 ")", limit);
  stmt = _errata_project_prepare (self, sql->str, NULL);
  if (stmt == NULL)
    return ERRATA_META_PLAN_ALL_MATCHES;
  _errata_project_bind_meta_filter (stmt, query);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (n < limit)
    return ERRATA_META_PLAN_ALL_MATCHES;
  return only_meta_in_import_order (query) ? ERRATA_META_PLAN_NEXT_IDS
                                           : ERRATA_META_PLAN_PROBE_ROWS;
}

/* The index holds one value's traces in id order: a page in import order
 * takes the next `limit` (?6) ids after the cursor's (?5) from it, and
 * from the number's range beside it, instead of probing every trace. */
static void
append_next_ids (GString          *sql,
                 ErrataTraceQuery *query)
{
  gboolean descending = errata_trace_query_get_descending (query);
  const char *after = descending ? "< ifnull (?5, 9223372036854775807)" : "> ifnull (?5, -1)";
  const char *dir = descending ? "DESC" : "ASC";
  double low, high;

  g_string_append_printf (sql, " AND t.id IN (SELECT id FROM (SELECT m.trace_id AS id"
                               " FROM trace_meta m WHERE m.key = " META_FIELD
                               " AND m.value = " META_PREFIX " AND m.trace_id %s"
                               " ORDER BY m.trace_id %s LIMIT ?6)", after, dir);
  if (number_range (errata_trace_query_get_metadata_value (query), &low, &high))
    g_string_append_printf (sql, " UNION SELECT id FROM (SELECT m.trace_id AS id"
                                 " FROM trace_meta m WHERE m.key = " META_FIELD
                                 " AND m.value BETWEEN ?" G_STRINGIFY (ERRATA_PARAM_META_LOW)
                                 " AND ?" G_STRINGIFY (ERRATA_PARAM_META_HIGH)
                                 " AND CAST (m.value AS TEXT) = " META_PREFIX
                                 " AND m.trace_id %s ORDER BY m.trace_id %s LIMIT ?6)",
                            after, dir);
  g_string_append (sql, ")");
}

/* ERRATA_META_PLAN_PROBE_ROWS: one seek per row the sort's index walks.
 * A value that is not a number matches text rows only (as in
 * append_match_ids), so the seek is into the primary key at (key, value,
 * trace id): a common value's entries there are a few hundred pages, which
 * the page's ~100 N / m seeks keep in the page cache. The index by trace
 * spreads the same seeks over the whole side table, a page read from the
 * file for most of them once the table outgrows the cache (customer = acme
 * sorted by latency at 1M: 48 ms). A number may match a number, which only
 * CAST tells: its seek stays by trace. */
static void
append_probe (GString    *sql,
              const char *value,
              const char *row_id)
{
  double low, high;

  if (number_range (value, &low, &high))
    g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM trace_meta m INDEXED BY"
                                 " trace_meta_by_trace WHERE m.trace_id = %s AND m.key = "
                                 META_FIELD " AND CAST (m.value AS TEXT) = " META_PREFIX ")",
                            row_id);
  else
    g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM trace_meta m WHERE m.key = "
                                 META_FIELD " AND m.value = " META_PREFIX
                                 " AND m.trace_id = %s)", row_id);
}

/* `row_id` is the walked row's trace id: "t.id", or "ms.trace_id" when
 * the walk is a sort key's rows in trace_meta (ms), so that SQLite asks
 * before it looks the trace up, not after (4.2 ms of CPU instead of 1.4
 * for customer = acme sorted by città at 100k). */

void
_errata_project_append_meta_filter (GString          *sql,
                                    ErrataTraceQuery *query,
                                    ErrataMetaPlan    plan,
                                    const char       *row_id)
{
  const char *field = errata_trace_query_get_metadata_field (query);
  const char *value = errata_trace_query_get_metadata_value (query);

  if (field == NULL)
    return;
  if (plan == ERRATA_META_PLAN_NEXT_IDS)
    append_next_ids (sql, query);
  else if (plan == ERRATA_META_PLAN_PROBE_ROWS)
    append_probe (sql, value, row_id);
  else if (plan == ERRATA_META_PLAN_ALL_MATCHES)
    {
      g_string_append (sql, " AND t.id IN (");
      append_match_ids (sql, value);
      g_string_append (sql, ")");
    }
  if (is_long_value (value))
    append_json_filter (sql, field);
}

/* With ERRATA_META_PLAN_DRIVE, the matches are the outer loop of the join
 * ("FROM" this, then "traces t ON t.id = mm.id"): SQLite would otherwise
 * walk a sort order's index and look each row up in the matches, all of
 * the traces for a value that has none (101 ms for 622 matches of 10k
 * sorted by latency; a CROSS JOIN is never reordered). */
void
_errata_project_append_meta_driver (GString          *sql,
                                    ErrataTraceQuery *query)
{
  g_string_append (sql, "(SELECT DISTINCT trace_id AS id FROM (");
  append_match_ids (sql, errata_trace_query_get_metadata_value (query));
  g_string_append (sql, ")) mm CROSS JOIN ");
}

void
_errata_project_bind_meta_filter (sqlite3_stmt     *stmt,
                                  ErrataTraceQuery *query)
{
  const char *field = errata_trace_query_get_metadata_field (query);
  const char *value = errata_trace_query_get_metadata_value (query);
  double low, high;

  if (field == NULL)
    return;
  sqlite3_bind_text (stmt, ERRATA_PARAM_META_FIELD, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, ERRATA_PARAM_META_VALUE, value, -1, SQLITE_TRANSIENT);
  if (number_range (value, &low, &high))
    {
      sqlite3_bind_double (stmt, ERRATA_PARAM_META_LOW, low);
      sqlite3_bind_double (stmt, ERRATA_PARAM_META_HIGH, high);
    }
  if (is_long_value (value))
    bind_json_filter (stmt, field);
}

/* ---- Sorting by a key ---- */

/* A sort by a metadata key reads trace_meta's rows of that key (alias ms)
 * in value order: numbers by number, then text. A trace with two rows for
 * the key (a top-level "a.b" beside a.b) sorts by its least value going up
 * and by its greatest going down (the row no other of its rows comes
 * before), so it shows once, where its first value in the walk puts it.
 * The cursor reads that same value back (min / max, which order values as
 * the comparisons do): keeping one value and restarting from the other
 * listed such a trace twice or skipped traces across pages. The traces
 * without the key come after, in import order (the cursor's `wrapped`). */
void
_errata_project_append_meta_sort (GString           *sql,
                                  gboolean           descending,
                                  gboolean           started)
{
  const char *op = descending ? "<" : ">";
  const char *before = descending ? ">" : "<";
  const char *pick = descending ? "max" : "min";

  g_string_append_printf (sql, " AND ms.key = ?%d AND NOT EXISTS (SELECT 1 FROM trace_meta m2"
                               " WHERE m2.trace_id = ms.trace_id AND m2.key = ms.key"
                               " AND m2.value %s ms.value)",
                          ERRATA_PARAM_SORT_KEY, before);
  if (!started)
    return;
  /* The value the last row sorted by is read again from its trace, so the
   * cursor needs no copy of it. */
  g_string_append_printf (sql, " AND ms.value %s= (SELECT %s (value) FROM trace_meta"
                               " WHERE trace_id = ?5 AND key = ?%d)"
                               " AND (ms.value %s (SELECT %s (value) FROM trace_meta"
                               " WHERE trace_id = ?5 AND key = ?%d) OR ms.trace_id %s ?5)",
                          op, pick, ERRATA_PARAM_SORT_KEY, op, pick, ERRATA_PARAM_SORT_KEY, op);
}

void
_errata_project_append_meta_missing (GString *sql)
{
  g_string_append_printf (sql, " AND NOT EXISTS (SELECT 1 FROM trace_meta mk"
                               " WHERE mk.trace_id = t.id AND mk.key = ?%d)",
                          ERRATA_PARAM_SORT_KEY);
}
