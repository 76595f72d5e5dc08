/* errata-test-utils.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-test-utils.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "errata-project-private.h"
#include "errata-stored-text.h"

char *
errata_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("errata-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
errata_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        errata_test_remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

ErrataProject *
errata_test_new_project (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "test.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ErrataProject *project;

  project = errata_project_create (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  if (out_dir)
    *out_dir = g_steal_pointer (&dir);
  return project;
}

/* Version 9 stored messages, tools and metadata as text; version 10 only
 * packed them (no table changed), so unpacking them is the old file. */
GFile *
errata_test_new_version_9_project (guint   n_traces,
                                   char  **out_dir)
{
  return errata_test_new_version_9_project_full (n_traces, 0, out_dir);
}

GFile *
errata_test_new_version_9_project_full (guint   n_traces,
                                        guint   n_big,
                                        char  **out_dir)
{
  g_autoptr(ErrataProject) project = errata_test_new_project (out_dir);
  GFile *file = g_object_ref (errata_project_get_file (project));
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_project_begin (project, &error));
  for (guint i = 0; i < n_traces; i++)
    {
      g_autoptr(ErrataTrace) trace = errata_test_new_typical_trace (i);

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n_big; i++)
    {
      g_autoptr(ErrataTrace) trace = errata_test_new_big_trace (NULL);
      g_autofree char *id = g_strdup_printf ("big-%u", i);

      errata_trace_set_external_id (trace, id);
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (errata_project_commit (project, &error));
  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (project),
                                 "UPDATE traces SET messages = errata_text (messages),"
                                 " tools = errata_text (tools), metadata = errata_text (metadata);"
                                 " PRAGMA user_version = 9;", NULL, NULL, NULL), ==, SQLITE_OK);
  errata_project_close (project);
  return file;
}

static void
add_reviews_and_verdicts (ErrataProject *project)
{
  g_autoptr(GError) error = NULL;
  gint64 n = errata_project_count_traces (project, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (errata_project_begin (project, &error));
  for (gint64 id = 1; id <= n; id++)
    {
      g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (id, "ana");

      annotation->verdict = id % 3 == 0 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS;
      g_free (annotation->note);
      annotation->note = g_strdup_printf ("Reviewed %" G_GINT64_FORMAT, id);
      g_assert_true (errata_project_set_annotation (project, annotation, &error));
      g_assert_no_error (error);
    }
  g_assert_true (errata_project_commit (project, &error));
  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (project),
    "INSERT INTO evaluators (name, target, kind, created_at) VALUES ('judge', 0, 'judge', 0);"
    "INSERT INTO evaluator_versions (evaluator_id, number, created_at, locked_at)"
    " VALUES (1, 1, 0, 1);"
    "INSERT INTO runs (id, version_id, scope, status, total, started_at)"
    " VALUES (1, 1, 'all', 'done', 0, 1);"
    "INSERT INTO verdicts (run_id, trace_id, verdict, reasoning, created_at)"
    " SELECT 1, id, CASE WHEN id % 4 = 0 THEN 'fail' ELSE 'pass' END, 'Judged ' || id, 2"
    " FROM traces;", NULL, NULL, NULL), ==, SQLITE_OK);
}

GFile *
errata_test_new_upgraded_project (guint   n_traces,
                                  char  **out_dir)
{
  GFile *file = errata_test_new_version_9_project_full (n_traces, 3, out_dir);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (errata_project_get_upgrade_backup (project));
  g_file_delete (errata_project_get_upgrade_backup (project), NULL, &error);
  g_assert_no_error (error);
  add_reviews_and_verdicts (project);
  errata_project_close (project);
  return file;
}

static char *
row_checksum (sqlite3_stmt *stmt)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      guchar type = sqlite3_column_type (stmt, i);
      const void *bytes = sqlite3_column_blob (stmt, i);
      int len = sqlite3_column_bytes (stmt, i);

      g_checksum_update (checksum, &type, 1);
      g_checksum_update (checksum, (const guchar *)&len, sizeof len);
      if (bytes != NULL)
        g_checksum_update (checksum, bytes, len);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
add_table_checksum (sqlite3    *db,
                    const char *table,
                    GChecksum  *whole)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, row_checksum (stmt));
  sqlite3_finalize (stmt);
  g_ptr_array_sort (rows, compare_strings);
  g_checksum_update (whole, (const guchar *)table, -1);
  for (guint i = 0; i < rows->len; i++)
    g_checksum_update (whole, g_ptr_array_index (rows, i), -1);
}

char *
errata_test_content_checksum (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GChecksum) whole = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  guint n_tables = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* Virtual tables keep their rows in shadow tables, which are here. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      add_table_checksum (db, (const char *)sqlite3_column_text (tables, 0), whole);
      n_tables++;
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  g_assert_cmpuint (n_tables, >, 10);
  return g_strdup (g_checksum_get_string (whole));
}

sqlite3 *
errata_test_hold_write_lock (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

void
errata_test_release_write_lock (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

gboolean
errata_test_dir_holds_only (const char *dir,
                            const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (g_str_equal (entry, name))
      n++;
    else
      {
        g_test_message ("%s holds %s too", dir, entry);
        return FALSE;
      }
  return n == 1;
}

char *
errata_test_file_checksum (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

char *
errata_test_write_file (const char *dir,
                        const char *name,
                        const char *contents,
                        gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static JsonObject *
message_new (const char *role,
             const char *content)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, "role", role);
  json_object_set_string_member (message, "content", content);
  return message;
}

ErrataTrace *
errata_test_new_trace (const char *external_id,
                       const char *user_text,
                       const char *assistant_text)
{
  ErrataTrace *trace = errata_trace_new ();
  g_autoptr(JsonArray) messages = json_array_new ();

  json_array_add_object_element (messages, message_new ("user", user_text));
  json_array_add_object_element (messages, message_new ("assistant", assistant_text));
  errata_trace_set_external_id (trace, external_id);
  errata_trace_set_source (trace, "test");
  errata_trace_set_messages (trace, messages);
  return trace;
}

/* A typical trace ------------------------------------------------------ */

/* A fictional real-estate assistant, written for these tests. */
ErrataTrace *
errata_test_new_typical_trace (guint variant)
{
  g_autoptr(GString) json = g_string_new ("[{\"role\": \"system\", \"content\": \"You are **Casa**, "
                                          "the assistant of Northgate Realty. Check availability "
                                          "before proposing a viewing.\"}");
  g_autofree char *id = g_strdup_printf ("typical-%u", variant);
  g_autoptr(JsonNode) node = NULL;
  ErrataTrace *trace;

  for (guint round = 0; round < 4; round++)
    {
      guint n = variant * 10 + round;

      g_string_append_printf (json,
        ",{\"role\": \"user\", \"content\": \"Round %u: could you find me a 2-bedroom flat near "
        "Riverside Park under **$%u k**? I would like to see it on Saturday morning if possible.\"}"
        ",{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"id\": \"call_%u\", "
        "\"name\": \"search_listings\", \"arguments\": \"{\\\"area\\\": \\\"Riverside Park\\\", "
        "\\\"bedrooms\\\": 2, \\\"max_price\\\": %u}\"}]}"
        ",{\"role\": \"tool\", \"tool_call_id\": \"call_%u\", \"content\": \"{\\\"results\\\": "
        "[{\\\"id\\\": \\\"RP-%u\\\", \\\"price\\\": %u, \\\"address\\\": \\\"%u Willow Lane\\\"}, "
        "{\\\"id\\\": \\\"RP-%u\\\", \\\"price\\\": %u, \\\"address\\\": \\\"%u Quay Street\\\"}]}\"}"
        ",{\"role\": \"assistant\", \"content\": \"## Two flats match (round %u)\\n\\n"
        "Both are within your budget:\\n\\n"
        "| Listing | Address | Price |\\n|---|---|--:|\\n"
        "| RP-%u | %u Willow Lane | $%u |\\n| RP-%u | %u Quay Street | $%u |\\n\\n"
        "1. **Willow Lane**: south-facing, *recently renovated*, five minutes from the park, "
        "with a balcony over the gardens and a bright open kitchen\\n"
        "2. **Quay Street**: river view, `parking included`, close to the tram line\\n\\n"
        "Shall I check whether the agent is free on **Saturday at 11:00**? "
        "Details are on [our site](https://northgate.example/rp-%u).\"}",
        n, 400 + n, n, 400000 + n, n, n, 390000 + n, n, n + 1, 395000 + n, n,
        n, n, n, 390000 + n, n + 1, n, 395000 + n, n);
    }
  g_string_append (json, ",{\"role\": \"user\", \"content\": \"Great, thanks!\"}]");
  node = json_from_string (json->str, NULL);
  g_assert_nonnull (node);
  trace = errata_trace_new ();
  errata_trace_set_external_id (trace, id);
  errata_trace_set_source (trace, "test");
  errata_trace_set_messages (trace, json_node_get_array (node));
  return trace;
}

/* A big trace ---------------------------------------------------------- */

static char *
long_markdown (guint index,
               gsize size)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "## Step %u\n\nHere is what I found, with **emphasis** and `code`:\n\n", index);
  while (text->len < size)
    g_string_append (text, "- A listing near the park, *recently renovated*, with a south-facing "
                           "balcony and a [floor plan](https://example.org/plan).\n");
  return g_string_free (text, FALSE);
}

static char *
long_json (gsize size)
{
  GString *text = g_string_new ("{\"results\": [");

  for (guint i = 0; text->len < size; i++)
    g_string_append_printf (text, "%s{\"id\": \"L-%u\", \"price\": %u, \"address\": "
                            "\"%u Willow Lane\", \"tags\": [\"garden\", \"parking\"]}",
                            i ? "," : "", i, 300000 + i * 17, i);
  g_string_append (text, "]}");
  return g_string_free (text, FALSE);
}

static JsonObject *
big_trace_message (guint index)
{
  static const char * const roles[] = { "user", "assistant", "assistant", "tool" };
  JsonObject *message = json_object_new ();
  g_autofree char *content = NULL;

  json_object_set_string_member (message, "role", index == 0 ? "system" : roles[index % 4]);
  if (index % 4 == 2)
    {
      g_autoptr(JsonNode) calls = json_from_string ("[{\"id\": \"c\", \"name\": \"search_listings\", "
                                                    "\"arguments\": \"{\\\"area\\\": \\\"north\\\"}\"}]",
                                                    NULL);

      json_object_set_array_member (message, "tool_calls", json_array_ref (json_node_get_array (calls)));
      json_object_set_string_member (message, "content", "");
    }
  else if (index % 4 == 3)
    {
      json_object_set_string_member (message, "tool_call_id", "c");
      content = long_json (11000);
    }
  else
    content = long_markdown (index, index == 0 ? 20000 : 8000);
  if (content != NULL)
    json_object_set_string_member (message, "content", content);
  return message;
}

ErrataTrace *
errata_test_new_big_trace (gsize *out_bytes)
{
  g_autoptr(JsonArray) messages = json_array_new ();
  ErrataTrace *trace = errata_trace_new ();
  gsize bytes = 0;

  for (guint i = 0; i < 300; i++)
    {
      JsonObject *message = big_trace_message (i);

      bytes += strlen (json_object_get_string_member (message, "content"));
      json_array_add_object_element (messages, message);
    }
  errata_trace_set_external_id (trace, "big");
  errata_trace_set_source (trace, "test");
  errata_trace_set_messages (trace, messages);
  if (out_bytes != NULL)
    *out_bytes = bytes;
  return trace;
}

/* Waiting ---------------------------------------------------------------- */

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
errata_test_wait_until (ErrataTestCondition condition,
                        gpointer            data,
                        guint               seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, wake_up, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The condition the test waits for did not hold within %u s", seconds);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

/* Memory ----------------------------------------------------------------- */

gsize
errata_test_read_rss_kb (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", -1);
  if (g_strv_length (fields) < 2)
    return 0;
  return g_ascii_strtoull (fields[1], NULL, 10) * (sysconf (_SC_PAGESIZE) / 1024);
}

void
errata_test_on_result (GObject      *source,
                       GAsyncResult *result,
                       gpointer      slot)
{
  *(GAsyncResult **)slot = g_object_ref (result);
}

static gboolean
result_arrived (gpointer slot)
{
  return *(GAsyncResult **)slot != NULL;
}

void
errata_test_wait_for_result (GAsyncResult **slot)
{
  errata_test_wait_until (result_arrived, slot, 60);
}

char *
errata_test_traces_text (const char *project_path,
                         const char *source)
{
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  errata_stored_text_register (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT external_id, errata_text (messages),"
                                       " ifnull (errata_text (tools), ''),"
                                       " ifnull (tokens_in, -1), ifnull (tokens_out, -1)"
                                       " FROM traces WHERE ?1 IS NULL OR source = ?1"
                                       " ORDER BY external_id", -1, &stmt, NULL), ==, SQLITE_OK);
  if (source != NULL)
    sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s\t%s\t%s\t%lld\t%lld\n",
                            (const char *)sqlite3_column_text (stmt, 0),
                            (const char *)sqlite3_column_text (stmt, 1),
                            (const char *)sqlite3_column_text (stmt, 2),
                            (long long)sqlite3_column_int64 (stmt, 3),
                            (long long)sqlite3_column_int64 (stmt, 4));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

/* `name` as the proto spells it: `startTimeUnixNano` → `start_time_unix_nano`. */
static char *
snake_case (const char *name)
{
  GString *snake = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p))
        g_string_append_c (snake, '_');
      g_string_append_c (snake, g_ascii_tolower (*p));
    }
  return g_string_free (snake, FALSE);
}

JsonNode *
errata_test_json_rewrite (JsonNode             *node,
                          ErrataTestMemberFunc  rewrite_member)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          g_autofree char *new_name = NULL;
          JsonNode *replaced = rewrite_member (name, value, &new_name);

          json_object_set_member (copy, new_name ? new_name : name,
                                  replaced ? replaced : errata_test_json_rewrite (value, rewrite_member));
        }
      return json_node_init_object (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) copy = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, errata_test_json_rewrite (json_array_get_element (array, i), rewrite_member));
      return json_node_init_array (json_node_alloc (), copy);
    }
  return json_node_copy (node);
}

static JsonNode *
proto_name (const char  *name,
            JsonNode    *value,
            char       **new_name)
{
  *new_name = snake_case (name);
  return NULL;
}

JsonNode *
errata_test_json_proto_names (JsonNode *node)
{
  return errata_test_json_rewrite (node, proto_name);
}
