/* test-stored-text.c: large JSON stored packed (issue 17, part 3): the
 * codec, its damaged forms, and the upgrade of a version 9 project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "errata-project-copy.h"
#include "errata-project-private.h"
#include "errata-stored-text.h"
#include "errata-test-utils.h"

#define N_TRACES 40

static char *
long_text (const char *start,
           guint       n_words,
           guint       seed)
{
  static const char * const words[] = {
    "parcel", "refund", "invoice", "courier", "Łódź", "Montréal", "order", "label",
    "address", "tracking", "depot", "weekend",
  };
  GString *text = g_string_new (start);

  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (text, " %s", words[(i * 7 + seed) % G_N_ELEMENTS (words)]);
  return g_string_free (text, FALSE);
}

static void
test_round_trip (void)
{
  g_autofree char *text = long_text ("[{\"role\":\"user\",\"content\":\"", 2000, 3);
  g_autoptr(GBytes) packed = errata_stored_text_pack (text, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;
  gsize length = 0;

  g_assert_nonnull (packed);
  g_assert_cmpuint (g_bytes_get_size (packed), <, strlen (text) / 2);
  g_assert_cmpint (((const guint8 *)g_bytes_get_data (packed, NULL))[0], ==,
                   ERRATA_STORED_TEXT_ZSTD);
  back = errata_stored_text_unpack (g_bytes_get_data (packed, NULL), g_bytes_get_size (packed),
                                    &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, text);
  g_assert_cmpuint (length, ==, strlen (text));

  /* Short text stays text. */
  g_assert_null (errata_stored_text_pack ("{\"a\":1}", -1));
}

static void
assert_damaged (const guint8 *blob,
                gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = errata_stored_text_unpack (blob, size, NULL, &error);

  g_assert_null (text);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT);
}

static void
test_damaged (void)
{
  g_autofree char *text = long_text ("", 500, 1);
  g_autoptr(GBytes) packed = errata_stored_text_pack (text, -1);
  gsize size = g_bytes_get_size (packed);
  g_autofree guint8 *blob = g_memdup2 (g_bytes_get_data (packed, NULL), size);
  /* A frame header that claims 2 GB of content, and nothing after it. */
  static const guint8 huge[] = { 1, 0x28, 0xb5, 0x2f, 0xfd, 0xe0,
                                 0x00, 0x94, 0x35, 0x77, 0x00, 0x00, 0x00, 0x00 };
  static const guint8 unknown_codec[] = { 7, 0x28, 0xb5, 0x2f, 0xfd };

  assert_damaged (blob, 0);
  assert_damaged (unknown_codec, sizeof unknown_codec);
  assert_damaged (huge, sizeof huge);
  assert_damaged (blob, size / 2);
  blob[size / 2] ^= 0xff;
  blob[size / 2 + 1] ^= 0x55;
  assert_damaged (blob, size);
}

/* A trace whose messages, tools and metadata are long enough to be packed,
 * whose input (the user's text) is longer than a list row shows. */
static ErrataTrace *
new_long_trace (guint i)
{
  g_autofree char *id = g_strdup_printf ("long-%u", i);
  g_autofree char *question = long_text (i % 2 ? "Where is my parcel" : "Can I get a refund",
                                         120 + i, i);
  g_autofree char *answer = long_text ("It left the depot", 90 + i, i + 5);
  g_autofree char *note = long_text ("", 60, i);
  ErrataTrace *trace = errata_test_new_trace (id, question, answer);
  JsonObject *metadata = errata_trace_get_metadata (trace);
  g_autoptr(JsonArray) tools = json_array_new ();
  g_autoptr(JsonObject) tool = json_object_new ();

  json_object_set_string_member (metadata, "user_id", i % 3 ? "user_1" : "user_2");
  json_object_set_string_member (metadata, "context", note);
  json_object_set_string_member (tool, "description", note);
  json_array_add_object_element (tools, g_steal_pointer (&tool));
  errata_trace_set_tools (trace, tools);
  return trace;
}

static char *
json_array_text (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  if (array == NULL)
    return g_strdup ("");
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

/* What the API gives of every trace, as one text to compare. */
static char *
describe_traces (ErrataProject *project)
{
  GString *all = g_string_new (NULL);

  for (gint64 id = 1; id <= N_TRACES; id++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, id, &error);
      g_autoptr(JsonNode) metadata = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *messages = NULL;
      g_autofree char *tools = NULL;
      g_autofree char *metadata_text = NULL;

      g_assert_no_error (error);
      messages = json_array_text (errata_trace_get_messages (trace));
      tools = json_array_text (errata_trace_get_tools (trace));
      json_node_set_object (metadata, errata_trace_get_metadata (trace));
      metadata_text = json_to_string (metadata, FALSE);
      g_string_append_printf (all, "%" G_GINT64_FORMAT "\n%s\n%s\n%s\n%s\n%s\n%s\n", id,
                              errata_trace_get_external_id (trace), messages, tools,
                              metadata_text, errata_trace_get_input (trace),
                              errata_trace_get_output (trace));
    }
  return g_string_free (all, FALSE);
}

/* The ids a query answers, and the list rows' input and output. */
static char *
describe_query (ErrataProject *project,
                const char    *text,
                const char    *field,
                const char    *value)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GString *answer = g_string_new (NULL);

  errata_trace_query_set_text (query, text);
  errata_trace_query_set_metadata_filter (query, field, value);
  ids = errata_project_query_trace_ids (project, query, NULL, &error);
  g_assert_no_error (error);
  rows = errata_project_get_trace_summaries (project, (gint64 *)(gpointer)ids->data, ids->len,
                                             &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (answer, "%" G_GINT64_FORMAT " %s | %s\n",
                            errata_trace_get_id (rows->pdata[i]),
                            errata_trace_get_input (rows->pdata[i]),
                            errata_trace_get_output (rows->pdata[i]));
  return g_string_free (answer, FALSE);
}

static char *
describe_queries (ErrataProject *project)
{
  g_autofree char *all = describe_query (project, NULL, NULL, NULL);
  g_autofree char *search = describe_query (project, "refund", NULL, NULL);
  g_autofree char *filter = describe_query (project, NULL, "user_id", "user_2");
  g_autofree char *both = describe_query (project, "parcel", "user_id", "user_1");

  g_assert_cmpstr (search, !=, "");
  g_assert_cmpstr (filter, !=, "");
  return g_strdup_printf ("%s--\n%s--\n%s--\n%s", all, search, filter, both);
}

static gint64
count_where (ErrataProject *project,
             const char    *sql)
{
  gint64 n = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (_errata_project_query_int (project, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* Stores the traces as version 9 did: text, input and output whole. */
static void
write_as_version_9 (ErrataProject *project,
                    GPtrArray     *traces)
{
  sqlite3 *db = _errata_project_get_db (project);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_exec (db, "UPDATE traces SET messages = errata_text (messages),"
                                 " tools = errata_text (tools), metadata = errata_text (metadata)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE traces SET input = ?1, output = ?2 WHERE id = ?3",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < traces->len; i++)
    {
      ErrataTrace *trace = traces->pdata[i];

      sqlite3_bind_text (stmt, 1, errata_trace_get_input (trace), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, errata_trace_get_output (trace), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, errata_trace_get_id (trace));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_upgrade_from_version_9 (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GFile) file = g_object_ref (errata_project_get_file (project));
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *backup = g_strconcat (path, ".v9.bak", NULL);
  g_autoptr(GPtrArray) traces = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ErrataProject) upgraded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *traces_before = NULL;
  g_autofree char *queries_before = NULL;
  g_autofree char *traces_after = NULL;
  g_autofree char *queries_after = NULL;

  for (guint i = 0; i < N_TRACES; i++)
    {
      ErrataTrace *trace = new_long_trace (i);

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (traces, trace);
    }
  /* Stored now: packed, input and output cut. */
  g_assert_cmpint (count_where (project, "SELECT count (*) FROM traces WHERE typeof (messages)"
                                " = 'blob' AND typeof (metadata) = 'blob' AND typeof (tools) = 'blob'"),
                   ==, N_TRACES);
  write_as_version_9 (project, traces);
  g_assert_cmpint (count_where (project, "SELECT count (*) FROM traces WHERE length (input) > 300"),
                   ==, N_TRACES);
  traces_before = describe_traces (project);
  queries_before = describe_queries (project);
  errata_project_close (project);

  upgraded = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_get_schema_version (upgraded), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_where (upgraded, "SELECT count (*) FROM traces WHERE typeof (messages)"
                                " = 'blob' AND typeof (metadata) = 'blob' AND length (input) <= 300"
                                " AND length (output) <= 300"), ==, N_TRACES);
  traces_after = describe_traces (upgraded);
  queries_after = describe_queries (upgraded);
  g_assert_cmpstr (traces_after, ==, traces_before);
  g_assert_cmpstr (queries_after, ==, queries_before);
  errata_project_close (upgraded);
  errata_test_remove_tree (dir);
}

/* Flips bytes in the middle of a trace's packed messages. */
static void
damage_messages (ErrataProject *project,
                 gint64         id)
{
  sqlite3 *db = _errata_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  g_autofree guint8 *blob = NULL;
  int size;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT messages FROM traces WHERE id = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 0), ==, SQLITE_BLOB);
  size = sqlite3_column_bytes (stmt, 0);
  blob = g_memdup2 (sqlite3_column_blob (stmt, 0), size);
  sqlite3_finalize (stmt);
  for (int i = size / 3; i < size / 3 + 8; i++)
    blob[i] ^= 0xa5;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE traces SET messages = ?2 WHERE id = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_blob (stmt, 2, blob, size, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* A damaged packed value fails the read of that trace with a message that
 * says so, and the other traces read on. */
static void
test_damaged_row (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTrace) first = new_long_trace (1);
  g_autoptr(ErrataTrace) second = new_long_trace (2);
  g_autoptr(ErrataTrace) read = NULL;
  g_autoptr(ErrataTrace) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_project_add_trace (project, first, NULL, &error));
  g_assert_true (errata_project_add_trace (project, second, NULL, &error));
  g_assert_no_error (error);
  damage_messages (project, errata_trace_get_id (first));
  read = errata_project_get_trace (project, errata_trace_get_id (first), &error);
  g_assert_null (read);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  other = errata_project_get_trace (project, errata_trace_get_id (second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_input (other), ==, errata_trace_get_input (second));
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A redacted copy reads packed values, redacts them and packs them again:
 * the copy's messages and metadata, read back, hold the placeholder; the
 * search index no longer finds the address. */
static void
test_redacted_copy (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GFile) source = g_object_ref (errata_project_get_file (project));
  g_autofree char *dest_path = g_build_filename (dir, "shared.errata", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autofree char *question = long_text ("Write to ada.lovelace@example.com about", 200, 4);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("mail", question, "Done.");
  g_autoptr(ErrataCopyOptions) options = errata_copy_options_new ();
  g_autoptr(ErrataProject) copy = NULL;
  g_autoptr(ErrataTrace) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) metadata = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *messages_text = NULL;
  g_autofree char *metadata_text = NULL;

  json_object_set_string_member (errata_trace_get_metadata (trace), "contact",
                                 question);
  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_where (project, "SELECT count (*) FROM traces WHERE typeof (messages)"
                                " = 'blob' AND typeof (metadata) = 'blob'"), ==, 1);
  errata_project_close (project);

  errata_copy_options_add_default_redactions (options);
  g_assert_true (errata_project_copy (source, dest, options, NULL, &error));
  g_assert_no_error (error);
  copy = errata_project_open (dest, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  read = errata_project_get_trace (copy, 1, &error);
  g_assert_no_error (error);
  messages_text = json_array_text (errata_trace_get_messages (read));
  json_node_set_object (metadata, errata_trace_get_metadata (read));
  metadata_text = json_to_string (metadata, FALSE);
  g_assert_null (strstr (messages_text, "example.com"));
  g_assert_nonnull (strstr (messages_text, "Write to [email] about "));
  g_assert_null (strstr (metadata_text, "example.com"));
  g_assert_null (strstr (errata_trace_get_input (read), "example.com"));
  g_assert_cmpint (count_where (copy, "SELECT count (*) FROM traces WHERE typeof (messages)"
                                " = 'blob' AND typeof (metadata) = 'blob'"), ==, 1);
  g_assert_cmpint (count_where (copy, "SELECT count (*) FROM traces_fts"
                                " WHERE traces_fts MATCH 'lovelace'"), ==, 0);
  g_assert_cmpint (count_where (copy, "SELECT count (*) FROM traces_fts"
                                " WHERE traces_fts MATCH 'parcel'"), ==, 1);
  errata_project_close (copy);
  errata_test_remove_tree (dir);
}

static gpointer
read_metadata_and_tools (gpointer data)
{
  ErrataTrace *trace = data;
  JsonObject *metadata = errata_trace_get_metadata (trace);
  JsonArray *tools = errata_trace_get_tools (trace);

  g_assert_nonnull (tools);
  return GUINT_TO_POINTER (json_object_get_size (metadata) * 100 + json_array_get_length (tools));
}

/* A trace read from the project parses its tools and metadata when first
 * asked for them: what it gives is what it was stored with; a change made
 * before the first look is not undone by the stored text; two threads
 * looking first at the same time see the whole of both. */
static void
test_tools_and_metadata_on_demand (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTrace) trace = new_long_trace (7);
  g_autoptr(ErrataTrace) replaced = NULL;
  g_autoptr(ErrataTrace) shared = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) no_tools = json_array_new ();
  g_autofree char *stored = NULL;
  g_autofree char *read_back = NULL;
  GThread *threads[4];

  json_object_set_int_member (errata_trace_get_metadata (trace), "attempt", 3);
  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&trace);
  trace = errata_project_get_trace (project, 1, &error);
  g_assert_no_error (error);
  stored = json_array_text (errata_trace_get_tools (trace));
  g_assert_nonnull (strstr (stored, "\"description\""));
  g_assert_cmpstr (json_object_get_string_member (errata_trace_get_metadata (trace), "user_id"),
                   ==, "user_1");
  g_assert_cmpint (json_object_get_int_member (errata_trace_get_metadata (trace), "attempt"),
                   ==, 3);

  replaced = errata_project_get_trace (project, 1, &error);
  g_assert_no_error (error);
  errata_trace_set_tools (replaced, no_tools);
  read_back = json_array_text (errata_trace_get_tools (replaced));
  g_assert_cmpstr (read_back, ==, "[]");
  g_assert_cmpuint (json_object_get_size (errata_trace_get_metadata (replaced)), ==, 3);

  shared = errata_project_get_trace (project, 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", read_metadata_and_tools, shared);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, 3 * 100 + 1);

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stored-text/round-trip", test_round_trip);
  g_test_add_func ("/stored-text/damaged", test_damaged);
  g_test_add_func ("/stored-text/damaged-row", test_damaged_row);
  g_test_add_func ("/stored-text/upgrade-from-version-9", test_upgrade_from_version_9);
  g_test_add_func ("/stored-text/redacted-copy", test_redacted_copy);
  g_test_add_func ("/stored-text/tools-and-metadata-on-demand",
                   test_tools_and_metadata_on_demand);
  return g_test_run ();
}
