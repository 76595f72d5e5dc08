/* test-trace-meta.c: the metadata side table (schema version 7): the
 * migration keeps every filter's answer, every way a trace comes and goes
 * keeps the table right, and the sort by a metadata key.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "errata-project-copy.h"
#include "errata-project-private.h"
#include "errata-project-schema.h"
#include "errata-test-utils.h"
#include "errata-trace-deletion.h"

#define LONG_X 200

/* Metadata as a project of the version before stores it: the text as it
 * is, some of it not even an object. Trace ids are 1, 2, ... in order. */
static const char *old_metadata[] = {
  /* 1 */ "{\"customer\":\"acme\",\"n\":42,\"s\":\"42\",\"f\":1.5,\"b\":true,"
          "\"città\":\"Zürich\",\"客户\":\"東京\",\"usage\":{\"total_tokens\":1500,\"model\":\"é\"},"
          "\"a.b\":\"top\",\"a\":{\"b\":\"nested\"},\"tags\":[\"x\",\"y\"],\"nul\":null,"
          "\"r\":0.30000000000000004,\"long\":\"@LONG@\"}",
  /* 2 */ "{\"customer\":\"globex\",\"n\":\"42.0\",\"f\":\"1.50\","
          "\"usage\":{\"total_tokens\":\"1500\"},\"a\":{\"b\":{\"c\":\"deep\"}},\"b\":false}",
  /* 3 */ "{\"customer\":\"ACME\",\"n\":42.0,\"città\":\"zürich\"}",
  /* 4 */ "not json",
  /* 5 */ "[1,2]",
  /* 6 */ "{}",
  /* 7 */ "{\"x.y\":{\"z\":\"dotted-parent\"},\"x\":{\"y\":{\"z\":\"real-nested\"}}}",
  /* 8 */ "{\"o\\\"k\":{\"id\":\"7\"},\"big\":12345678901234567890,\"neg\":-0.5}",
};

typedef struct
{
  const char *field;
  const char *value;
  const char *expected;  /* trace ids, by hand */
  gboolean    text_only; /* only as the old file's text has it */
} Filter;

/* What each filter has always meant, written out by hand: numbers against
 * strings, case, non-ASCII keys and values, dots at the top level and
 * inside objects, a value longer than trace_meta keeps. */
static const Filter filters[] = {
  { "customer", "acme", "1" },
  { "customer", "ACME", "3" },
  { "customer", "nobody", "" },
  { "n", "42", "1" },
  { "n", "42.0", "2,3" },
  { "s", "42", "1" },
  { "f", "1.5", "1" },
  { "f", "1.50", "2" },
  { "b", "1", "1" },
  { "b", "0", "2" },
  { "b", "true", "" },
  { "città", "Zürich", "1" },
  { "città", "zürich", "3" },
  { "客户", "東京", "1" },
  { "usage.total_tokens", "1500", "1,2" },
  { "usage.model", "é", "1" },
  { "usage", "{\"total_tokens\":1500,\"model\":\"é\"}", "1" },
  { "a.b", "top", "1" },
  { "a.b", "nested", "1" },
  { "a.b.c", "deep", "2" },
  { "tags", "[\"x\",\"y\"]", "1" },
  { "nul", "null", "" },
  { "r", "0.3", "1" },
  { "x.y.z", "real-nested", "7" },
  { "x.y.z", "dotted-parent", "" },
  { "o\"k.id", "7", "8" },
  /* Wider than 64 bits: SQLite reads a real, json-glib (an importer) not. */
  { "big", "1.23456789012346e+19", "8", TRUE },
  { "neg", "-0.5", "8" },
  { "long", "@LONG@", "1" },
  { "long", "@SHORT@", "" },
  { "missing", "1", "" },
};

static char *
expand (const char *text)
{
  g_autofree char *long_value = g_strnfill (LONG_X, 'x');
  g_autofree char *short_value = g_strnfill (ERRATA_META_VALUE_CHARS, 'x');
  g_auto (GStrv) parts = NULL;

  if (g_str_equal (text, "@SHORT@"))
    return g_steal_pointer (&short_value);
  parts = g_strsplit (text, "@LONG@", -1);
  return g_strjoinv (long_value, parts);
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The last version without the side table (version 9 adds it). */
#define VERSION_BEFORE_META 8

/* A file of the version before the side table, as that Errata left it. */
static void
write_old_project (const char *path)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint v = 1; v <= VERSION_BEFORE_META; v++)
    g_string_append (sql, errata_project_migrations[v]);
  g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                          ERRATA_PROJECT_APPLICATION_ID, VERSION_BEFORE_META);
  for (guint i = 0; i < G_N_ELEMENTS (old_metadata); i++)
    {
      g_autofree char *metadata = expand (old_metadata[i]);
      char *row = sqlite3_mprintf ("INSERT INTO traces (external_id, imported_at, sample_key,"
                                   " metadata) VALUES ('t%u', 0, %u, %Q);",
                                   i + 1, i, metadata);

      g_string_append (sql, row);
      sqlite3_free (row);
    }
  exec_raw (path, sql->str);
}

static char *
ids_to_text (GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

static char *
answer (ErrataProject *project,
        const Filter  *filter)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autofree char *value = expand (filter->value);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 count;

  errata_trace_query_set_metadata_filter (query, filter->field, value);
  ids = errata_project_query_trace_ids (project, query, NULL, &error);
  g_assert_no_error (error);
  count = errata_project_count_traces (project, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, ids->len);
  return ids_to_text (ids);
}

/* The answer the file gave before the migration: the JSON filter, as the
 * version before compiled it for a field without quotes. */
static char *
old_answer (const char   *path,
            const Filter *filter)
{
  g_auto (GStrv) parts = g_strsplit (filter->field, ".", -1);
  g_autofree char *value = expand (filter->value);
  g_autoptr(GString) nested = g_string_new ("$");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *whole = g_strdup_printf ("$.\"%s\"", filter->field);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  for (guint i = 0; parts[i]; i++)
    g_string_append_printf (nested, ".\"%s\"", parts[i]);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM traces WHERE"
                   " CAST (json_extract (CASE WHEN json_valid (metadata) THEN metadata END, ?1)"
                   "   AS TEXT) = ?3"
                   " OR (?4 AND CAST (json_extract (CASE WHEN json_valid (metadata)"
                   "   THEN metadata END, ?2) AS TEXT) = ?3) ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, whole, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, nested->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, g_strv_length (parts) > 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids_to_text (ids);
}

static void
test_migration_keeps_answers (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);

  write_old_project (path);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      /* SQLite 3.40's quoted paths have no escapes: the old filter read a
       * key with a quote through json_each, which this reference skips. */
      char *old = strchr (filters[i].field, '"') ? g_strdup (filters[i].expected)
                                                 : old_answer (path, &filters[i]);

      g_test_message ("before: %s = %s: %s", filters[i].field, filters[i].value, old);
      g_assert_cmpstr (old, ==, filters[i].expected);
      g_ptr_array_add (before, old);
    }

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_get_schema_version (project), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autofree char *after = answer (project, &filters[i]);

      g_test_message ("after: %s = %s: %s", filters[i].field, filters[i].value, after);
      g_assert_cmpstr (after, ==, before->pdata[i]);
    }
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* The same metadata through the insert path every importer, the live
 * receiver and synthetic runs share: the same answers. */
static void
test_insert_path_gives_same_answers (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (old_metadata); i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      g_autofree char *text = expand (old_metadata[i]);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "q", "a");
      g_autoptr(JsonNode) node = json_from_string (text, NULL);

      /* A trace's metadata is always an object: the rest stay empty. */
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);
          g_autoptr(GList) members = json_object_get_members (object);

          for (GList *m = members; m; m = m->next)
            json_object_set_member (errata_trace_get_metadata (trace), m->data,
                                    json_object_dup_member (object, m->data));
        }
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autofree char *got = NULL;

      if (filters[i].text_only)
        continue;
      got = answer (project, &filters[i]);

      g_test_message ("%s = %s: %s", filters[i].field, filters[i].value, got);
      g_assert_cmpstr (got, ==, filters[i].expected);
    }
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static gint64
add_with (ErrataProject *project,
          const char    *id,
          const char    *key,
          JsonNode      *value)
{
  g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "q", "a");
  g_autoptr(GError) error = NULL;

  if (value)
    json_object_set_member (errata_trace_get_metadata (trace), key, value);
  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  g_assert_no_error (error);
  return errata_trace_get_id (trace);
}

static gint64
count_with (ErrataProject *project,
            const char    *field,
            const char    *value)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  gint64 n;

  errata_trace_query_set_metadata_filter (query, field, value);
  n = errata_project_count_traces (project, query, &error);
  g_assert_no_error (error);
  return n;
}

static gint64
meta_rows (ErrataProject *project,
           gint64         trace_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM trace_meta WHERE trace_id = %"
                                          G_GINT64_FORMAT, trace_id);
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (_errata_project_query_int (project, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

/* Deleting traces takes their rows (found through the foreign key), and
 * undoing brings them back. */
static void
test_delete_and_undo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_with (project, "a", "user", string_node ("ann"));
  id = add_with (project, "b", "user", string_node ("bob"));
  g_assert_cmpint (meta_rows (project, id), ==, 1);
  g_assert_cmpint (count_with (project, "user", "bob"), ==, 1);

  deletion = errata_trace_deletion_new_for_ids (&id, 1);
  g_assert_true (errata_trace_deletion_run (deletion, project, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_with (project, "user", "bob"), ==, 0);
  g_assert_cmpint (meta_rows (project, id), ==, 0);
  g_assert_cmpint (count_with (project, "user", "ann"), ==, 1);

  g_assert_true (errata_trace_deletion_undo (deletion, project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_with (project, "user", "bob"), ==, 1);
  g_assert_cmpint (meta_rows (project, id), ==, 1);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* Metadata changed in place (the live receiver's late spans): the rows
 * follow it. */
static void
test_replace (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GError) error = NULL;
  gint64 id = add_with (project, "a", "user", string_node ("ann"));

  g_assert_true (errata_project_begin (project, &error));
  g_assert_true (_errata_project_meta_replace (project, id, "{\"user\":\"bob\",\"n\":1}",
                                               &error));
  g_assert_true (errata_project_commit (project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_with (project, "user", "ann"), ==, 0);
  g_assert_cmpint (count_with (project, "user", "bob"), ==, 1);
  g_assert_cmpint (meta_rows (project, id), ==, 2);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A redacted copy keeps no redacted value in its metadata index. */
static void
test_redacted_copy (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *dest_path = g_build_filename (dir, "copy.errata", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autoptr(ErrataCopyOptions) options = errata_copy_options_new ();
  g_autoptr(ErrataProject) copy = NULL;
  g_autoptr(GError) error = NULL;

  add_with (project, "a", "user_id", string_node ("secret-42"));
  errata_copy_options_add_key (options, "user_id");
  g_assert_true (errata_project_copy (errata_project_get_file (project), dest, options, NULL,
                                      &error));
  g_assert_no_error (error);
  copy = errata_project_open (dest, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_with (copy, "user_id", "secret-42"), ==, 0);
  g_assert_cmpint (count_with (copy, "user_id", "[redacted]"), ==, 1);
  g_assert_cmpint (count_with (project, "user_id", "secret-42"), ==, 1);
  errata_project_close (copy);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static GArray *
sorted_ids (ErrataProject *project,
            const char    *key,
            gboolean       descending,
            guint          page_size)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ErrataTraceCursor cursor = { 0 };

  errata_trace_query_set_sort_key (query, key, descending);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = errata_project_query_traces (project, query, &cursor,
                                                               page_size, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        {
          gint64 id = errata_trace_get_id (page->pdata[i]);

          g_array_append_val (ids, id);
        }
      if (page->len < page_size)
        break;
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) all = errata_project_query_trace_ids (project, query, NULL, &error);
    g_autofree char *paged = ids_to_text (ids);
    g_autofree char *whole = ids_to_text (all);

    /* The list model reads the ids in one go: the same order. */
    g_assert_no_error (error);
    g_assert_cmpstr (paged, ==, whole);
  }
  return ids;
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static JsonNode *
double_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return node;
}

/* Numbers by number (not "10" before "9"), then text; without the key
 * last; ties and page ends by id; the same in pages of 2 and in one go. */
static void
test_sort_by_key (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  gint64 nine, ten, half, none1, text, nine2, none2;
  g_autoptr(GArray) up = NULL;
  g_autoptr(GArray) down = NULL;
  g_autofree char *up_text = NULL;
  g_autofree char *down_text = NULL;
  g_autofree char *expected_up = NULL;
  g_autofree char *expected_down = NULL;

  ten = add_with (project, "ten", "score", int_node (10));
  none1 = add_with (project, "none1", "other", int_node (1));
  nine = add_with (project, "nine", "score", int_node (9));
  text = add_with (project, "text", "score", string_node ("éleven"));
  half = add_with (project, "half", "score", double_node (9.5));
  nine2 = add_with (project, "nine2", "score", int_node (9));
  none2 = add_with (project, "none2", NULL, NULL);

  up = sorted_ids (project, "score", FALSE, 2);
  down = sorted_ids (project, "score", TRUE, 2);
  up_text = ids_to_text (up);
  down_text = ids_to_text (down);
  expected_up = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                                 ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                                 ",%" G_GINT64_FORMAT,
                                 nine, nine2, half, ten, text, none1, none2);
  expected_down = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                                   ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                                   ",%" G_GINT64_FORMAT,
                                   text, ten, half, nine2, nine, none1, none2);
  g_assert_cmpstr (up_text, ==, expected_up);
  g_assert_cmpstr (down_text, ==, expected_down);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A filter and a sort by a key together: only the matches, in key order. */
static void
test_filter_sorted_by_key (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 first = 0, second = 0;

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "q", "a");
      JsonObject *metadata = errata_trace_get_metadata (trace);

      json_object_set_string_member (metadata, "customer", i % 5 == 0 ? "acme" : "globex");
      json_object_set_int_member (metadata, "rank", 100 - i);
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      if (i == 15)
        first = errata_trace_get_id (trace);
      if (i == 10)
        second = errata_trace_get_id (trace);
    }
  errata_trace_query_set_metadata_filter (query, "customer", "acme");
  errata_trace_query_set_sort_key (query, "rank", FALSE);
  ids = errata_project_query_trace_ids (project, query, NULL, &error);
  g_assert_no_error (error);
  text = ids_to_text (ids);
  g_assert_cmpuint (ids->len, ==, 4);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, first, second);
  g_assert_true (g_str_has_prefix (text, expected));

  /* Page by page, sorted by the key and by latency, as the list's ids. */
  for (int sort = 0; sort < 2; sort++)
    {
      g_autoptr(GArray) paged = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) all = NULL;
      g_autofree char *paged_text = NULL;
      g_autofree char *all_text = NULL;
      ErrataTraceCursor cursor = { 0 };

      if (sort == 1)
        errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
      for (;;)
        {
          g_autoptr(GPtrArray) page = errata_project_query_traces (project, query, &cursor, 1,
                                                                   &error);

          g_assert_no_error (error);
          for (guint i = 0; i < page->len; i++)
            {
              gint64 id = errata_trace_get_id (page->pdata[i]);

              g_array_append_val (paged, id);
            }
          if (page->len < 1)
            break;
        }
      all = errata_project_query_trace_ids (project, query, NULL, &error);
      g_assert_no_error (error);
      paged_text = ids_to_text (paged);
      all_text = ids_to_text (all);
      g_assert_cmpstr (paged_text, ==, all_text);
      g_assert_cmpuint (paged->len, ==, 4);
    }
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static char *
paged_text (ErrataProject    *project,
            ErrataTraceQuery *query,
            guint             page_size)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ErrataTraceCursor cursor = { 0 };

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = errata_project_query_traces (project, query, &cursor,
                                                               page_size, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        {
          gint64 id = errata_trace_get_id (page->pdata[i]);

          g_array_append_val (ids, id);
        }
      if (page->len < page_size)
        break;
    }
  return ids_to_text (ids);
}

/* A value common enough (thousands of traces) takes the other plans: the
 * next ids from the index in import order, a probe per row in another
 * order (a text value's into the primary key, a number's by trace). Their
 * pages agree with the list's ids, a number's and an array's matches too,
 * in every order (by a metadata key too), ties included. */
static void
test_common_value_pages (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "città", "n", "tags" };
  const char *values[] = { "Zürich", "42", "[\"x\",1]" };
  const guint expected[] = { 6000 - 858, 6000 - 750, 4000 };

  g_assert_true (errata_project_begin (project, &error));
  for (int i = 0; i < 6000; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "q", "a");
      JsonObject *metadata = errata_trace_get_metadata (trace);

      json_object_set_string_member (metadata, "città", i % 7 == 0 ? "東京" : "Zürich");
      if (i % 2 == 0)
        json_object_set_int_member (metadata, "n", i % 8 == 0 ? 7 : 42);
      else
        json_object_set_string_member (metadata, "n", "42");
      if (i % 3 != 0)
        {
          JsonArray *tags = json_array_new ();

          json_array_add_string_element (tags, "x");
          json_array_add_int_element (tags, 1);
          json_object_set_array_member (metadata, "tags", tags);
        }
      errata_trace_set_latency_ms (trace, (i * 7919) % 1000);
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
    }
  g_assert_true (errata_project_commit (project, &error));

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    for (int order = 0; order < 5; order++)
      {
        g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
        g_autoptr(GArray) all = NULL;
        g_autofree char *all_text = NULL;
        g_autofree char *pages = NULL;

        errata_trace_query_set_metadata_filter (query, fields[v], values[v]);
        if (order == 1)
          errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_IMPORT_ORDER, TRUE);
        else if (order == 2)
          errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
        else if (order == 3)
          errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_TOKENS, FALSE);
        else if (order == 4)
          errata_trace_query_set_sort_key (query, "n", TRUE);
        all = errata_project_query_trace_ids (project, query, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (all->len, ==, expected[v]);
        all_text = ids_to_text (all);
        pages = paged_text (project, query, 100);
        g_assert_cmpstr (pages, ==, all_text);
      }
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static gint64
count_async (ErrataProject    *project,
             ErrataTraceQuery *query,
             guint             cap,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  errata_project_count_traces_async (project, query, cap, cancellable, errata_test_on_result,
                                     &result);
  errata_test_wait_for_result (&result);
  return errata_project_count_traces_finish (project, result, error);
}

/* The footer's counts: capped ("≥ 100" when the cap is reached) and
 * exact, on a connection of their own; cancelled, they say so. */
static void
test_count_async (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_project_begin (project, &error));
  for (int i = 0; i < 150; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "q", "a");

      json_object_set_string_member (errata_trace_get_metadata (trace), "città",
                                     i % 5 == 0 ? "東京" : "Zürich");
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
    }
  g_assert_true (errata_project_commit (project, &error));

  errata_trace_query_set_metadata_filter (query, "città", "Zürich");
  g_assert_cmpint (count_async (project, query, 101, NULL, &error), ==, 101);
  g_assert_no_error (error);
  g_assert_cmpint (count_async (project, query, 0, NULL, &error), ==, 120);
  g_assert_no_error (error);
  errata_trace_query_set_metadata_filter (query, "città", "東京");
  g_assert_cmpint (count_async (project, query, 101, NULL, &error), ==, 30);
  g_assert_no_error (error);
  errata_trace_query_set_metadata_filter (query, "città", "Genève");
  g_assert_cmpint (count_async (project, query, 101, NULL, &error), ==, 0);
  g_assert_no_error (error);

  g_cancellable_cancel (cancelled);
  g_assert_cmpint (count_async (project, query, 0, cancelled, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* The rows the fill gives for `text`, in one line, as SQLite's json_each
 * reads it. */
static char *
fill_rows (sqlite3    *db,
           const char *text)
{
  sqlite3_stmt *stmt = NULL;
  char *rows;

  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TABLE IF NOT EXISTS m (key, value, trace_id);"
                                 " DELETE FROM m", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO m (key, value, trace_id) "
                                       ERRATA_SQL_META_ROWS ("", "1", "?1"), -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT ifnull (group_concat (row, '|'), '') FROM (SELECT"
                                       " key || '=' || quote (value) || ':' || typeof (value) AS row"
                                       " FROM m ORDER BY row)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rows = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return rows;
}

/* The fill reads the metadata with its top-level arrays cut to what it
 * keeps of them: the same rows as from the whole text, for arrays long and
 * short, with quotes, backslashes, escapes and characters beyond ASCII
 * across the cut; and the whole text for anything it does not vouch for. */
static void
test_fill_text_gives_same_rows (void)
{
  g_autofree char *not_cut = NULL;
  g_autoptr(GString) spans = g_string_new ("[");
  g_autofree char *backslashes = g_strnfill (300, '\\');
  sqlite3 *db = NULL;
  const char *cut[] = {
    "{\"tags\":[\"x\",\"y\"]}",
    "{\"root_span\":\"agent\",\"resource\":{\"service.name\":\"a\",\"k\":[1,2]},\"spans\":@SPANS@,"
    "\"secondary_calls\":[{\"a\":\"\\\"q\\\\\"}],\"n\":1}",
    "{\"a\":[],\"b\":{\"c\":{\"d\":[true,null,-1.5e3]}},\"e\":null,\"f\":\"[not an array]\"}",
    "{\"é\":[\"" "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"
    "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\\u00e9\\n\"]}",
    "{\"x\":[\"a@BACKSLASHES@\"],\"y\":[[[\"]\"]]]}",
  };
  const char *whole[] = {
    "{\"tags\": [\"x\",\"y\"]}",
    "{\"tags\":[\"x\", \"y\"]}",
    "{\"n\":1,\"s\":\"no array\"}",
    "{\"tags\":[\"x\",\"y\"]",
    "[1,2]",
    "not json",
    /* Cut short inside a string, after an escape's backslash and not. */
    "{\"tags\":[\"x\\",
    "{\"tags\":[\"x",
    "{\"ta",
  };

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (spans, "%s{\"spanId\":\"%04u\",\"attributes\":{\"input.value\":\"{\\\"q\\\":\\\"ü%u\\\"}\"}}",
                            i > 0 ? "," : "", i, i);
  g_string_append_c (spans, ']');
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (cut); i++)
    {
      g_auto (GStrv) parts = g_strsplit (cut[i], "@SPANS@", -1);
      g_autofree char *with_spans = g_strjoinv (spans->str, parts);
      g_auto (GStrv) halves = g_strsplit (with_spans, "@BACKSLASHES@", -1);
      /* 150 escaped backslashes: the cut falls inside an escape. */
      g_autofree char *text = g_strjoinv (backslashes, halves);
      g_autofree char *fill = _errata_project_meta_fill_text (text);
      g_autofree char *expected = fill_rows (db, text);
      g_autofree char *rows = NULL;

      g_assert_nonnull (fill);
      /* The point of it: a long array is not read whole. */
      if (strstr (cut[i], "@SPANS@") != NULL)
        g_assert_cmpuint (strlen (fill), <, strlen (text) / 4);
      rows = fill_rows (db, fill);
      g_test_message ("%s\n -> %s", text, rows);
      g_assert_cmpstr (expected, !=, "");
      g_assert_cmpstr (rows, ==, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    {
      not_cut = _errata_project_meta_fill_text (whole[i]);
      g_assert_null (not_cut);
    }
  sqlite3_close (db);
}

/* _errata_project_meta_rows()'s rows, in fill_rows()'s line. */
static char *
read_rows (sqlite3   *db,
           GPtrArray *rows)
{
  sqlite3_stmt *stmt = NULL;
  char *line;

  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TABLE IF NOT EXISTS m (key, value, trace_id);"
                                 " DELETE FROM m", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO m (key, value, trace_id) VALUES (?1, ?2, 1)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < rows->len; i++)
    {
      ErrataMetaRow *row = rows->pdata[i];

      sqlite3_bind_text (stmt, 1, row->key, -1, SQLITE_STATIC);
      if (row->text != NULL)
        sqlite3_bind_text (stmt, 2, row->text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, 2, row->integer);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT ifnull (group_concat (row, '|'), '') FROM (SELECT"
                                       " key || '=' || quote (value) || ':' || typeof (value) AS row"
                                       " FROM m ORDER BY row)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  line = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return line;
}

/* Objects `levels` deep, each member named `name`, the last holding a
 * string: for the unsafe names deeper than 32 levels. */
static char *
nested (guint       levels,
        const char *name)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < levels; i++)
    g_string_append_printf (text, "{\"%s\":", i == 3 ? name : "k");
  g_string_append (text, "\"leaf\"");
  for (guint i = 0; i < levels; i++)
    g_string_append_c (text, '}');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The rows read in C are the SQL's, for every text it vouches for; it
 * vouches for what Errata writes (strings, integers, objects, arrays,
 * true, false, null, compact) and leaves the rest to the SQL. */
static void
test_rows_read_in_c (void)
{
  g_autofree char *long_x = g_strnfill (LONG_X, 'x');
  g_autofree char *long_e = NULL;
  g_autofree char *deep_safe = nested (40, "k");
  g_autofree char *deep_quote = nested (40, "q\\\"");
  g_autofree char *deep_control = nested (40, "c\\u0001");
  g_autofree char *shallow_quote = nested (20, "q\\\"");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *vouched[] = {
    "{}",
    "{\"root_span\":\"chat\",\"resource\":{\"service.name\":\"a\",\"k\":[1,2],\"n\":{\"m\":true}},"
    "\"spans\":\"[{\\\"traceId\\\":\\\"x\\\"\",\"secondary_calls\":\"[{}]\"}",
    "{\"x.y\":{\"z\":\"dotted-parent\"},\"x\":{\"y\":{\"z\":\"real-nested\",\"w.v\":1}}}",
    "{\"a\":{\"b\":[1,{\"c\":2}],\"e\":{},\"f\":null,\"g\":false,\"h\":-0,\"i\":0}}",
    "{\"n\":123456789012345678,\"m\":-123456789012345678,\"t\":true,\"z\":null}",
    "{\"a\":1,\"a\":\"again\"}",
    "{\"esc\":\"\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\\u4e2d\",\"k\\\\ey\":\"v\",\"k\\u0001\":{\"x\":1}}",
    "{\"emoji\":\"😀 ü 東京\",\"客户\":{\"名\":\"é\"}}",
    "{\"tags\":[\"x\",\"y\"],\"o\":{\"arr\":[[[]]],\"s\":\"[not an array]\"}}",
  };
  const char *declined[] = {
    "{\"f\":1.5}",
    "{\"e\":1e3}",
    "{\"big\":1234567890123456789}",
    "{\"lead\":01}",
    "{\"sp\": 1}",
    "{\"a\":\"\\ud83d\\ude00\"}",
    "{\"a\":\"\\u0000\"}",
    "{\"a\":\"bad \\x escape\"}",
    "{\"a\":1",
    "{\"a\":1}x",
    "[1,2]",
    "not json",
    "{\"a\":tru}",
  };
  sqlite3 *db = NULL;

  long_e = g_strjoin (NULL, "{\"e\":\"", long_x, "é", long_x, "\",\"o\":{\"p\":\"", long_x, "\"}}", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (vouched); i++)
    g_ptr_array_add (texts, g_strdup (vouched[i]));
  g_ptr_array_add (texts, g_strdup (long_e));
  g_ptr_array_add (texts, g_strdup (deep_safe));
  g_ptr_array_add (texts, g_strdup (deep_quote));
  g_ptr_array_add (texts, g_strdup (deep_control));
  g_ptr_array_add (texts, g_strdup (shallow_quote));
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(GPtrArray) rows = _errata_project_meta_rows (texts->pdata[i]);
      g_autofree char *expected = fill_rows (db, texts->pdata[i]);
      g_autofree char *got = NULL;

      g_assert_nonnull (rows);
      got = read_rows (db, rows);
      g_test_message ("%s\n -> %s", (char *)texts->pdata[i], got);
      g_assert_cmpstr (got, ==, expected);
    }
  /* The old files' texts: the same rows whenever C reads them. */
  for (guint i = 0; i < G_N_ELEMENTS (old_metadata); i++)
    {
      g_autofree char *text = expand (old_metadata[i]);
      g_autoptr(GPtrArray) rows = _errata_project_meta_rows (text);
      g_autofree char *expected = fill_rows (db, text);
      g_autofree char *got = rows ? read_rows (db, rows) : NULL;

      if (rows != NULL)
        g_assert_cmpstr (got, ==, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (declined); i++)
    {
      g_autoptr(GPtrArray) rows = _errata_project_meta_rows (declined[i]);

      g_test_message ("declined: %s", declined[i]);
      g_assert_null (rows);
    }
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace-meta/migration-keeps-answers", test_migration_keeps_answers);
  g_test_add_func ("/trace-meta/insert-path-gives-same-answers",
                   test_insert_path_gives_same_answers);
  g_test_add_func ("/trace-meta/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/trace-meta/replace", test_replace);
  g_test_add_func ("/trace-meta/redacted-copy", test_redacted_copy);
  g_test_add_func ("/trace-meta/sort-by-key", test_sort_by_key);
  g_test_add_func ("/trace-meta/filter-sorted-by-key", test_filter_sorted_by_key);
  g_test_add_func ("/trace-meta/count-async", test_count_async);
  g_test_add_func ("/trace-meta/common-value-pages", test_common_value_pages);
  g_test_add_func ("/trace-meta/fill-text-gives-same-rows", test_fill_text_gives_same_rows);
  g_test_add_func ("/trace-meta/rows-read-in-c", test_rows_read_in_c);

  return g_test_run ();
}
