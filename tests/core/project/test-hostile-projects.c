/* test-hostile-projects.c: project files made by someone else to hurt us.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project is one file that people mail to each other. Each case builds
 * a hostile file with the SQLite API or by patching bytes, then checks
 * that Errata refuses it with a clear message or opens it safely: never a
 * hang, a crash or a critical (the tests run with fatal-criticals).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "errata-project-private.h"
#include "errata-test-utils.h"
#include "errata-trace-query.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* A real project with two traces, closed, its WAL folded into the file. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ErrataProject) project = errata_test_new_project (&fixture->dir);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("trace-%u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "question", "answer");

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
    }
  errata_project_close (project);
  fixture->path = g_build_filename (fixture->dir, "test.errata", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* What an attacker does: plain SQLite, no defensive mode. */
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

static ErrataProject *
open_path (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, error);
}

/* `words` must be in the message, and so must the path, except where the
 * message is SQLite's own “damaged” (it comes mid-read, not from the open). */
static void
assert_refused (const char *path,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = open_path (path, &error);

  g_assert_null (project);
  g_assert_error (error, ERRATA_PROJECT_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("expected “%s” in “%s”", words, error->message);
  if (!g_str_equal (words, "damaged"))
    g_assert_nonnull (strstr (error->message, path));
}

static void
assert_opens_with_traces (const char *path,
                          gint64      n_traces)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = open_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpint (errata_project_count_traces (project, NULL, &error), ==, n_traces);
  g_assert_no_error (error);
  errata_project_close (project);
}

/* Bytes of the database header, with the WAL folded in first so that the
 * main file is the whole truth. */
static void
patch_header (const char   *path,
              gsize         offset,
              const guint8 *bytes,
              gsize         n)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  exec_raw (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 100);
  memcpy (contents + offset, bytes, n);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

/* ---- schema objects that are not ours ----------------------------------- */

static guint spy_calls;

static void
spy (sqlite3_context *context,
     int              argc,
     sqlite3_value  **argv)
{
  spy_calls++;
  sqlite3_result_int (context, 1);
}

/* A trigger that would run on our own writes. */
static void
test_trigger (Fixture       *fixture,
              gconstpointer  data)
{
  exec_raw (fixture->path,
            "CREATE TRIGGER steal AFTER INSERT ON annotations"
            " BEGIN DELETE FROM traces; END;");
  assert_refused (fixture->path, ERRATA_PROJECT_ERROR_CORRUPT, "a trigger “steal”");
}

static void
test_view (Fixture       *fixture,
           gconstpointer  data)
{
  exec_raw (fixture->path, "CREATE VIEW peek AS SELECT load_extension ('/tmp/x.so')");
  assert_refused (fixture->path, ERRATA_PROJECT_ERROR_CORRUPT, "a view “peek”");
}

/* A CHECK constraint calling a function, slipped into one of our tables:
 * the same name, other SQL. */
static void
test_altered_table (Fixture       *fixture,
                    gconstpointer  data)
{
  exec_raw (fixture->path,
            "PRAGMA writable_schema = ON;"
            "UPDATE sqlite_schema SET sql = replace (sql, 'value TEXT NOT NULL',"
            " 'value TEXT NOT NULL CHECK (spy (value))') WHERE name = 'meta';");
  assert_refused (fixture->path, ERRATA_PROJECT_ERROR_CORRUPT, "a table “meta”");
}

/* Even where a foreign trigger gets past the open (here: added to the live
 * connection), trusted_schema = OFF keeps it from calling any function
 * that is not marked innocuous, so no application function ever runs
 * from the file's schema. */
static void
test_trusted_schema_off (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = open_path (fixture->path, &error);
  g_autoptr(ErrataAnnotation) annotation = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  db = _errata_project_get_db (project);
  g_assert_cmpint (sqlite3_create_function (db, "spy", 0, SQLITE_UTF8, NULL, spy, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TRIGGER t1 AFTER INSERT ON main.annotations"
                                     " BEGIN SELECT spy (); END;"
                                     "CREATE TRIGGER main.t2 AFTER INSERT ON annotations"
                                     " BEGIN SELECT spy (); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  spy_calls = 0;

  annotation = errata_annotation_new (1, "Ada");
  annotation->verdict = ERRATA_VERDICT_FAIL;
  g_assert_false (errata_project_set_annotation (project, annotation, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "unsafe use of spy()"));
  g_assert_cmpuint (spy_calls, ==, 0);
  errata_project_close (project);
}

/* ---- indexes that lie --------------------------------------------------- */

/* An index whose SQL names another column than its b-tree holds: SQLite
 * would answer sorted queries from the wrong entries. */
static void
test_index_other_column (Fixture       *fixture,
                         gconstpointer  data)
{
  exec_raw (fixture->path,
            "PRAGMA writable_schema = ON;"
            "UPDATE sqlite_schema SET sql = 'CREATE INDEX traces_by_messages ON traces (cost)'"
            " WHERE name = 'traces_by_messages';");
  assert_refused (fixture->path, ERRATA_PROJECT_ERROR_CORRUPT, "an index “traces_by_messages”");
}

static void
test_index_missing (Fixture       *fixture,
                    gconstpointer  data)
{
  exec_raw (fixture->path, "DROP INDEX traces_by_cost;");
  assert_refused (fixture->path, ERRATA_PROJECT_ERROR_CORRUPT, "“traces_by_cost” is missing");
}

/* Two indexes on one b-tree: the SQL is ours, the pages are not. SQLite
 * itself notices when it reads the schema. */
static void
test_index_shared_root (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;

  exec_raw (fixture->path,
            "PRAGMA writable_schema = ON;"
            "UPDATE sqlite_schema SET rootpage = (SELECT rootpage FROM sqlite_schema"
            " WHERE name = 'traces_by_tool_calls') WHERE name = 'traces_by_messages';");
  project = open_path (fixture->path, &error);
  g_assert_null (project);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

/* Two indexes swapped: each b-tree is someone's, so only a full integrity
 * check could tell on open. SQLite reports the damage when a write meets
 * it; Errata must pass that on in words, never crash. */
static void
test_index_swapped_roots (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("extra", "q", "a");
  sqlite3_stmt *stmt;
  gboolean written;

  /* Both roots are read before either is written. */
  exec_raw (fixture->path,
            "PRAGMA writable_schema = ON;"
            "CREATE TEMP TABLE roots AS SELECT name, rootpage FROM sqlite_schema"
            " WHERE name IN ('traces_by_messages', 'traces_by_sample_key');"
            "UPDATE sqlite_master SET rootpage = (SELECT r.rootpage FROM roots r"
            " WHERE r.name <> sqlite_master.name)"
            " WHERE name IN ('traces_by_messages', 'traces_by_sample_key');");

  project = open_path (fixture->path, &error);
  if (project == NULL)
    {
      g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT);
      g_test_message ("refused on open: %s", error->message);
      return;
    }
  g_assert_no_error (error);
  written = errata_project_add_trace (project, trace, NULL, &error);
  if (written)
    {
      /* Deleting what the lying index holds is what SQLite notices. */
      stmt = _errata_project_prepare (project, "DELETE FROM traces", &error);
      g_assert_nonnull (stmt);
      written = _errata_project_step_write (project, stmt, "delete traces", &error);
      sqlite3_finalize (stmt);
    }
  g_assert_false (written);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_test_message ("a write failed: %s", error->message);
  errata_project_close (project);
}

/* ---- a header that lies ------------------------------------------------- */

/* The in-header page count is trusted when bytes 92..95 match the change
 * counter: claim two billion pages. */
static void
test_huge_page_count (Fixture       *fixture,
                      gconstpointer  data)
{
  static const guint8 huge[4] = { 0x7f, 0xff, 0xff, 0xff };
  g_autofree char *contents = NULL;
  gsize len = 0;

  patch_header (fixture->path, 28, huge, sizeof huge);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  memcpy (contents + 92, contents + 24, 4);
  g_assert_true (g_file_set_contents (fixture->path, contents, len, NULL));

  assert_refused (fixture->path, ERRATA_PROJECT_ERROR_CORRUPT, "damaged");
}

/* user_version is a signed 32-bit number: 2^31 reads back as -2^31. The
 * old code took that for “older than any version”, ran no migration and
 * stamped the file with the current version. */
static void
test_user_version_2_31 (Fixture       *fixture,
                        gconstpointer  data)
{
  static const guint8 version[4] = { 0x80, 0x00, 0x00, 0x00 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;

  patch_header (fixture->path, 60, version, sizeof version);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  assert_refused (fixture->path, ERRATA_PROJECT_ERROR_CORRUPT, "format number (-2147483648)");
  /* Refused without writing a byte of it. */
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before + 60, 4, after + 60, 4);
}

/* ---- files around the file ---------------------------------------------- */

/* A zero-length WAL beside a good file (a copy made while the app ran, or
 * a crash at the wrong moment) is an empty log, not damage. */
static void
test_empty_wal (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(ErrataProject) read_only = NULL;
  g_autoptr(GError) error = NULL;

  exec_raw (fixture->path, "PRAGMA wal_checkpoint(TRUNCATE);");
  g_assert_true (g_file_set_contents (wal, "", 0, NULL));
  assert_opens_with_traces (fixture->path, 2);

  g_assert_true (g_file_set_contents (wal, "", 0, NULL));
  read_only = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_count_traces (read_only, NULL, &error), ==, 2);
  g_assert_no_error (error);
  errata_project_close (read_only);
}

/* “project.errata” mailed as a link to /dev/zero. */
static void
test_link_to_device (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "zero.errata", NULL);

  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  assert_refused (link, ERRATA_PROJECT_ERROR_NOT_SQLITE, "not a regular file");
}

/* Opening a FIFO blocks until someone writes to it: it is never opened. */
static void
test_fifo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.errata", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused (fifo, ERRATA_PROJECT_ERROR_NOT_SQLITE, "not a regular file");
}

/* A link to a real project is still that project. */
static void
test_link_to_project (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "link.errata", NULL);

  g_assert_cmpint (symlink (fixture->path, link), ==, 0);
  assert_opens_with_traces (link, 2);
}

/* ---- stored JSON nobody promised ---------------------------------------- */

static char *
brackets (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* Messages of every wrong shape, metadata that is not an object or is
 * nested past any stack: the trace opens, with what can be read. */
static void
test_stored_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *deep = brackets (100000);
  g_autofree char *sql = g_strdup_printf ("UPDATE traces SET messages ="
                                          " '[1, null, {\"role\": 5}, {\"role\": \"user\","
                                          " \"content\": {}}, {\"role\": \"assistant\","
                                          " \"tool_calls\": 7}, {\"role\": \"assistant\","
                                          " \"tool_calls\": [3, {\"name\": []}]}]',"
                                          " metadata = '\"nope\"' WHERE external_id = 'trace-0';"
                                          "UPDATE traces SET messages = '%s', metadata = '{\"a\": %s}'"
                                          " WHERE external_id = 'trace-1';", deep, deep);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();

  exec_raw (fixture->path, sql);
  project = open_path (fixture->path, &error);
  g_assert_no_error (error);

  for (gint64 id = 1; id <= 2; id++)
    {
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, id, &error);
      g_autofree char *body = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (trace);
      body = errata_trace_dup_search_body (trace);
      g_assert_nonnull (body);
    }
  /* Metadata that is not JSON (or too deep for SQLite) matches nothing
   * and fails nothing. */
  errata_trace_query_set_metadata_filter (query, "a", "1");
  g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 0);
  g_assert_no_error (error);
  errata_project_close (project);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/hostile-projects" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/trigger", test_trigger);
  ADD ("/view", test_view);
  ADD ("/altered-table", test_altered_table);
  ADD ("/trusted-schema-off", test_trusted_schema_off);
  ADD ("/index-other-column", test_index_other_column);
  ADD ("/index-missing", test_index_missing);
  ADD ("/index-shared-root", test_index_shared_root);
  ADD ("/index-swapped-roots", test_index_swapped_roots);
  ADD ("/huge-page-count", test_huge_page_count);
  ADD ("/user-version-2-31", test_user_version_2_31);
  ADD ("/empty-wal", test_empty_wal);
  ADD ("/link-to-device", test_link_to_device);
  ADD ("/fifo", test_fifo);
  ADD ("/link-to-project", test_link_to_project);
  ADD ("/stored-json", test_stored_json);

  return g_test_run ();
}
