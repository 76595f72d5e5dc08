/* test-demo.c: the built demo project and the user's copy of it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "errata-demo.h"
#include "errata-synth-dimensions.h"
#include "errata-synth-queries.h"
#include "errata-synth-tuples.h"
#include "errata-test-utils.h"

static char *data_home;

static ErrataProject *
open_project (GFile                  *file,
              ErrataProjectOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  ErrataProject *project = errata_project_open (file, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static GFile *
shipped_demo (void)
{
  g_autoptr(GError) error = NULL;
  GFile *shipped = errata_demo_get_shipped (&error);

  g_assert_no_error (error);
  g_assert_nonnull (shipped);
  return shipped;
}

/* Each test starts without a copy. */
static void
remove_copy (void)
{
  g_autoptr(GFile) copy = errata_demo_get_copy_location ();
  const char *path = g_file_peek_path (copy);
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static guint
count_in_messages (JsonArray  *messages,
                   const char *role,
                   const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      const char *content = json_object_get_string_member_with_default (message, "content", NULL);

      if (g_strcmp0 (json_object_get_string_member (message, "role"), role) == 0 &&
          (needle == NULL || (content && strstr (content, needle))))
        n++;
    }
  return n;
}

/* Every tool call's arguments are a JSON object, and every call has a
 * tool message answering it. */
static guint
check_tool_calls (JsonArray *messages)
{
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      JsonArray *calls = json_object_has_member (message, "tool_calls")
                         ? json_object_get_array_member (message, "tool_calls") : NULL;
      const char *answered = json_object_get_string_member_with_default (message, "tool_call_id", NULL);

      for (guint c = 0; calls && c < json_array_get_length (calls); c++)
        {
          JsonObject *call = json_array_get_object_element (calls, c);
          g_autoptr(JsonNode) arguments = NULL;
          g_autoptr(GError) error = NULL;

          arguments = json_from_string (json_object_get_string_member (call, "arguments"), &error);
          g_assert_no_error (error);
          g_assert_true (JSON_NODE_HOLDS_OBJECT (arguments));
          g_assert_nonnull (json_object_get_string_member (call, "name"));
          g_hash_table_add (pending, g_strdup (json_object_get_string_member (call, "id")));
          n++;
        }
      if (answered != NULL)
        g_assert_true (g_hash_table_remove (pending, answered));
    }
  g_assert_cmpuint (g_hash_table_size (pending), ==, 0);
  return n;
}

static void
check_annotations (ErrataProject *project,
                   ErrataTrace   *trace,
                   guint         *n_pass,
                   guint         *n_fail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = errata_project_list_annotations (project, errata_trace_get_id (trace), &error);
  JsonArray *messages = errata_trace_get_messages (trace);

  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      ErrataAnnotation *annotation = annotations->pdata[i];

      g_assert_cmpstr (annotation->annotator, ==, "Demo reviewer");
      g_assert_cmpuint (strlen (annotation->note), >, 40);
      if (annotation->verdict == ERRATA_VERDICT_PASS)
        {
          g_assert_cmpint (annotation->first_failure, ==, -1);
          (*n_pass)++;
          continue;
        }
      g_assert_cmpint (annotation->verdict, ==, ERRATA_VERDICT_FAIL);
      /* The first failure is an assistant message of this trace. */
      g_assert_cmpint (annotation->first_failure, >, 0);
      g_assert_cmpint (annotation->first_failure, <, (int)json_array_get_length (messages));
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, annotation->first_failure),
                                                      "role"), ==, "assistant");
      (*n_fail)++;
    }
}

static void
check_metadata (ErrataTrace *trace)
{
  JsonObject *metadata = errata_trace_get_metadata (trace);
  const char *channel = json_object_get_string_member_with_default (metadata, "channel", "");

  g_assert_true (g_str_equal (channel, "web") || g_str_equal (channel, "sms") || g_str_equal (channel, "email"));
  g_assert_nonnull (json_object_get_string_member_with_default (metadata, "session_id", NULL));
  g_assert_nonnull (json_object_get_string_member_with_default (metadata, "customer_tier", NULL));
  g_assert_nonnull (json_object_get_string_member_with_default (metadata, "model", NULL));
  g_assert_cmpint (errata_trace_get_latency_ms (trace), >, 0);
  g_assert_cmpint (errata_trace_get_tokens_in (trace), >, 0);
  g_assert_cmpint (errata_trace_get_tokens_out (trace), >, 0);
  g_assert_cmpuint (json_array_get_length (errata_trace_get_tools (trace)), ==, 7);
}

/* What the demo promises: about 60 traces of a tool-using assistant, with
 * Markdown in replies, and a dozen already reviewed with sound marks. */
static void
test_built_demo (void)
{
  g_autoptr(GFile) shipped = shipped_demo ();
  g_autoptr(ErrataProject) project = open_project (shipped, ERRATA_PROJECT_OPEN_READ_ONLY);
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  ErrataProjectInfo info;
  guint n_calls = 0, n_pass = 0, n_fail = 0, n_tables = 0, n_bold = 0, n_headings = 0;
  guint shortest = G_MAXUINT, longest = 0;

  g_assert_true (errata_project_get_info (project, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.traces, >=, 55);
  g_assert_cmpint (info.traces, <=, 70);
  /* The demo's reviews came in with its file: imported labels, in no
   * one's count of reviews and no one's queue. */
  g_assert_cmpint (info.annotated, ==, 0);
  g_assert_cmpint (info.imported, ==, 12);
  g_assert_cmpint (info.notes, ==, 12);

  ids = errata_project_query_trace_ids (project, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, info.traces);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, g_array_index (ids, gint64, i), &error);
      JsonArray *messages;

      g_assert_no_error (error);
      messages = errata_trace_get_messages (trace);
      check_metadata (trace);
      check_annotations (project, trace, &n_pass, &n_fail);
      n_calls += check_tool_calls (messages);
      n_tables += count_in_messages (messages, "assistant", "|---|");
      n_bold += count_in_messages (messages, "assistant", "**");
      n_headings += count_in_messages (messages, "assistant", "## ");
      shortest = MIN (shortest, json_array_get_length (messages));
      longest = MAX (longest, json_array_get_length (messages));
    }

  g_assert_cmpuint (n_pass + n_fail, ==, 12);
  g_assert_cmpuint (n_fail, >=, 6);
  g_assert_cmpuint (n_pass, >=, 3);
  g_assert_cmpuint (n_calls, >=, 100);
  g_assert_cmpuint (n_tables, >=, 2);
  g_assert_cmpuint (n_bold, >=, 20);
  g_assert_cmpuint (n_headings, >=, 2);
  g_assert_cmpuint (shortest, ==, 2);
  g_assert_cmpuint (longest, >=, 15);
}

static gint64
first_trace_id (ErrataProject *project)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = errata_project_query_trace_ids (project, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  return g_array_index (ids, gint64, 0);
}

static void
write_note (GFile *file)
{
  g_autoptr(ErrataProject) project = open_project (file, ERRATA_PROJECT_OPEN_NONE);
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (first_trace_id (project), "Test reviewer");
  g_autoptr(GError) error = NULL;

  annotation->verdict = ERRATA_VERDICT_FAIL;
  g_free (annotation->note);
  annotation->note = g_strdup ("kept across calls");
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
  errata_project_close (project);
}

static gboolean
has_note (GFile *file)
{
  g_autoptr(ErrataProject) project = open_project (file, ERRATA_PROJECT_OPEN_READ_ONLY);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataAnnotation) annotation = errata_project_get_annotation (project, first_trace_id (project),
                                                                         "Test reviewer", &error);

  if (g_error_matches (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND))
    return FALSE;
  g_assert_no_error (error);
  return g_str_equal (annotation->note, "kept across calls");
}

static GFile *
ensure_copy (void)
{
  g_autoptr(GError) error = NULL;
  GFile *copy = errata_demo_ensure_copy (&error);

  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static goffset
file_size (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  g_assert_nonnull (info);
  return g_file_info_get_size (info);
}

/* The first call copies into the user's data folder; later calls keep the
 * copy and whatever the user wrote in it. */
static void
test_copy_made_once (void)
{
  g_autoptr(GFile) shipped = shipped_demo ();
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GFile) again = NULL;
  g_autofree char *expected = g_build_filename (data_home, "errata", "Demo.errata", NULL);

  remove_copy ();
  copy = ensure_copy ();
  g_assert_cmpstr (g_file_peek_path (copy), ==, expected);
  g_assert_cmpint (file_size (copy), ==, file_size (shipped));
  g_assert_false (g_file_equal (copy, shipped));

  write_note (copy);
  again = ensure_copy ();
  g_assert_true (g_file_equal (again, copy));
  g_assert_true (has_note (again));
}

static void
set_modified (GFile  *file,
              guint64 seconds)
{
  g_autoptr(GError) error = NULL;

  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, seconds,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
}

static guint64
get_modified (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  g_assert_nonnull (info);
  return g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
}

/* A newer shipped demo (a new release) replaces an older copy, and the old
 * copy's write-ahead log goes with it: SQLite would replay it otherwise. */
static void
test_copy_replaced_when_shipped_is_newer (void)
{
  g_autoptr(GFile) shipped = shipped_demo ();
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GFile) replaced = NULL;
  g_autofree char *wal = NULL;

  remove_copy ();
  copy = ensure_copy ();
  write_note (copy);
  set_modified (copy, get_modified (shipped) - 24 * 3600);
  wal = g_strconcat (g_file_peek_path (copy), "-wal", NULL);
  g_assert_true (g_file_set_contents (wal, "a stale log from an older demo", -1, NULL));

  replaced = ensure_copy ();
  g_assert_true (g_file_equal (replaced, copy));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (has_note (replaced));
}

static guint32
file_mode (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_UNIX_MODE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  g_assert_nonnull (info);
  return g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE);
}

/* The installed demo is read-only; the user's copy must not be. */
static void
test_copy_is_writable (void)
{
  g_autoptr(GFile) shipped = shipped_demo ();
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *readonly = g_build_filename (dir, "demo.errata", NULL);
  g_autoptr(GFile) readonly_file = g_file_new_for_path (readonly);
  g_autoptr(GFile) copy = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("ERRATA_DEMO_PROJECT"));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (shipped, readonly_file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (readonly, 0444), ==, 0);
  g_setenv ("ERRATA_DEMO_PROJECT", readonly, TRUE);

  remove_copy ();
  copy = ensure_copy ();
  /* The mode, not access(): root may write to anything. */
  g_assert_cmpuint (file_mode (copy) & 0200, ==, 0200);
  write_note (copy);
  g_assert_true (has_note (copy));

  g_setenv ("ERRATA_DEMO_PROJECT", saved, TRUE);
  g_chmod (readonly, 0644);
  errata_test_remove_tree (dir);
}

static void
test_missing_shipped_demo (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("ERRATA_DEMO_PROJECT"));
  g_autoptr(GFile) copy_location = errata_demo_get_copy_location ();
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;

  remove_copy ();
  g_setenv ("ERRATA_DEMO_PROJECT", "/nonexistent/errata/demo.errata", TRUE);
  copy = errata_demo_ensure_copy (&error);
  g_setenv ("ERRATA_DEMO_PROJECT", saved, TRUE);

  g_assert_null (copy);
  g_assert_error (error, ERRATA_DEMO_ERROR, ERRATA_DEMO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/errata/demo.errata"));
  g_assert_false (g_file_query_exists (copy_location, NULL));
}

static void
on_copied (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GFile **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = errata_demo_ensure_copy_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_copy_async (void)
{
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GFile) expected = errata_demo_get_copy_location ();

  remove_copy ();
  errata_demo_ensure_copy_async (NULL, on_copied, &copy);
  errata_test_wait_until (pointer_is_set, &copy, 60);
  g_assert_true (g_file_equal (copy, expected));
  g_assert_true (g_file_query_exists (copy, NULL));
}

/* The Synthetic Data page is filled: three dimensions of the lettings
 * assistant's users, nine typed tuples, thirteen queries (the one
 * near-duplicate rejected), and no run: no query claims a demo trace. */
static void
test_synthetic_batch (void)
{
  g_autoptr(GFile) shipped = shipped_demo ();
  g_autoptr(ErrataProject) project = open_project (shipped, ERRATA_PROJECT_OPEN_READ_ONLY);
  g_autoptr(GPtrArray) dimensions = errata_synth_dimensions_load (project, NULL);
  g_autoptr(GPtrArray) tuples = errata_synth_tuples_list (project, NULL);
  g_autoptr(GPtrArray) queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  guint accepted = 0, rejected = 0;

  g_assert_cmpuint (dimensions->len, ==, 3);
  g_assert_cmpstr (((ErrataSynthDimension *)g_ptr_array_index (dimensions, 0))->name, ==,
                   "persona");
  g_assert_cmpuint (tuples->len, ==, 9);
  g_assert_cmpuint (queries->len, ==, 13);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);

      g_assert_cmpint (query->trace_id, ==, 0);
      accepted += query->state == ERRATA_SYNTH_QUERY_ACCEPTED;
      rejected += query->state == ERRATA_SYNTH_QUERY_REJECTED;
    }
  g_assert_cmpuint (accepted, ==, 12);
  g_assert_cmpuint (rejected, ==, 1);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 6))->state, ==,
                   ERRATA_SYNTH_QUERY_REJECTED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything asks GLib for the user's data folder: it is read once. */
  data_home = errata_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("ERRATA_DEMO_PROJECT", ERRATA_TEST_DEMO_PROJECT, FALSE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/built", test_built_demo);
  g_test_add_func ("/demo/synthetic-batch", test_synthetic_batch);
  g_test_add_func ("/demo/copy/made-once", test_copy_made_once);
  g_test_add_func ("/demo/copy/replaced-when-shipped-is-newer", test_copy_replaced_when_shipped_is_newer);
  g_test_add_func ("/demo/copy/writable", test_copy_is_writable);
  g_test_add_func ("/demo/copy/missing-shipped", test_missing_shipped_demo);
  g_test_add_func ("/demo/copy/async", test_copy_async);
  status = g_test_run ();

  errata_test_remove_tree (data_home);
  g_free (data_home);
  return status;
}
