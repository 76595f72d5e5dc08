/* test-project-copy.c: sharing a copy of a project, and the copy of the
 * old file kept before a migration.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "errata-project-copy.h"
#include "errata-project-private.h"
#include "errata-project-schema.h"
#include "errata-test-utils.h"

static gint64
count (ErrataProject *project,
       const char    *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (_errata_project_query_int (project, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
review (ErrataProject          *project,
        gint64                  trace_id,
        const char             *annotator,
        ErrataAnnotationOrigin  origin,
        const char             *note)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, annotator);
  g_autoptr(GError) error = NULL;

  annotation->verdict = ERRATA_VERDICT_FAIL;
  annotation->origin = origin;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

/* Three traces with personal data; Ada reviewed all three, Bob one, and one
 * verdict came in with the file. */
static ErrataProject *
new_shared_project (char **out_dir)
{
  ErrataProject *project = errata_test_new_project (out_dir);
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *question = g_strdup_printf ("I am ada%u@example.com, call +44 20 7946 0%u58 "
                                                   "about the flat on 2024-05-0%u", i, i, i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, question, "Booked for you.");

      json_object_set_string_member (errata_trace_get_metadata (trace), "user_id", "u-981");
      json_object_set_string_member (errata_trace_get_metadata (trace), "plan", "pro");
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
      review (project, errata_trace_get_id (trace), "Ada", ERRATA_ORIGIN_HERE,
              "wrote back to ada1@example.com without asking");
    }
  review (project, 1, "Bob", ERRATA_ORIGIN_HERE, "bob's private hunch");
  review (project, 2, "import", ERRATA_ORIGIN_IMPORTED, "");
  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (project),
                                 "INSERT INTO llm_cache VALUES ('h', 'cached reply', 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return project;
}

static ErrataProject *
open_copy (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ErrataProject *copy = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);

  g_assert_no_error (error);
  return copy;
}

/* A plain copy, taken while a second connection holds a write in flight:
 * every committed review is in it, the uncommitted one is not, the file is
 * whole on its own (rollback journal, no -wal), and the original has not
 * changed. */
static void
test_copy_while_writing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = new_shared_project (&dir);
  g_autofree char *source = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *dest = g_build_filename (dir, "copy.errata", NULL);
  g_autofree char *dest_wal = g_strconcat (dest, "-wal", NULL);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(ErrataCopyOptions) options = errata_copy_options_new ();
  g_autoptr(ErrataProject) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *header = NULL;
  gsize len = 0;
  sqlite3 *writer = NULL;

  g_assert_cmpint (sqlite3_open (source, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE;"
                                 "INSERT INTO annotations (trace_id, annotator, verdict, note,"
                                 " created_at, updated_at) VALUES (3, 'Eve', 'pass', 'late', 0, 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (errata_project_copy (source_file, dest_file, options, NULL, &error));
  g_assert_no_error (error);
  sqlite3_exec (writer, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (writer);

  g_assert_false (g_file_test (dest_wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (dest, &header, &len, NULL));
  g_assert_cmpint (header[18], ==, 1);   /* rollback journal, not WAL */
  g_assert_cmpint (header[19], ==, 1);

  copy = open_copy (dest);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM traces"), ==, 3);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM annotations WHERE origin = 'here'"), ==, 4);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM annotations WHERE annotator = 'Eve'"), ==, 0);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM llm_cache"), ==, 1);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM traces_fts WHERE traces_fts MATCH 'flat'"),
                   ==, 3);
  /* The original went on: Eve's review is there, and only there. */
  g_assert_cmpint (count (project, "SELECT count(*) FROM annotations WHERE annotator = 'Eve'"),
                   ==, 1);
  errata_project_close (copy);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static guint64
rule_count (ErrataCopyOptions *options,
            const char        *label)
{
  for (guint i = 0; i < errata_copy_options_get_n_rules (options); i++)
    if (g_str_equal (errata_copy_options_get_rule_label (options, i), label))
      return errata_copy_options_get_rule_count (options, i);
  g_assert_not_reached ();
}

/* The default rules: the dry run counts what the copy then replaces, in
 * messages, notes and metadata; the search index no longer finds it; the
 * cache goes; the original keeps everything. */
static void
test_copy_redacted (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = new_shared_project (&dir);
  g_autofree char *source = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *dest = g_build_filename (dir, "shared.errata", NULL);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(ErrataCopyOptions) options = errata_copy_options_new ();
  g_autoptr(ErrataProject) copy = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  gsize len = 0;

  errata_copy_options_add_default_redactions (options);
  g_assert_true (errata_copy_options_add_pattern (options, "flat", &error));
  g_assert_false (errata_copy_options_add_pattern (options, "(unclosed", &error));
  g_assert_error (error, G_REGEX_ERROR, G_REGEX_ERROR_UNMATCHED_PARENTHESIS);
  g_clear_error (&error);

  g_assert_true (errata_project_copy_dry_run (source_file, options, NULL, &error));
  g_assert_no_error (error);
  /* Three in messages, four in notes (Ada's three, none in Bob's). */
  g_assert_cmpuint (rule_count (options, "E-mail addresses"), ==, 6);
  g_assert_cmpuint (rule_count (options, "Phone numbers"), ==, 3);
  g_assert_cmpuint (rule_count (options, "Metadata key user_id"), ==, 3);
  g_assert_cmpuint (rule_count (options, "flat"), ==, 3);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

  g_assert_true (errata_project_copy (source_file, dest_file, options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rule_count (options, "E-mail addresses"), ==, 6);
  g_assert_cmpuint (rule_count (options, "Phone numbers"), ==, 3);

  /* Nowhere in the file, not even in freed pages or the index. */
  g_assert_true (g_file_get_contents (dest, &raw, &len, NULL));
  g_assert_null (g_strstr_len (raw, len, "example.com"));
  g_assert_null (g_strstr_len (raw, len, "7946"));
  g_assert_null (g_strstr_len (raw, len, "u-981"));
  g_assert_null (g_strstr_len (raw, len, "cached reply"));

  copy = open_copy (dest);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM annotations"), ==, 5);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM llm_cache"), ==, 0);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM traces_fts WHERE traces_fts MATCH 'flat'"),
                   ==, 0);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM traces_fts WHERE traces_fts MATCH 'booked'"),
                   ==, 3);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'example'"),
                   ==, 0);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'asking'"),
                   ==, 3);
  trace = errata_project_get_trace (copy, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_input (trace), ==,
                   "I am [email], call [phone] about the [redacted] on 2024-05-01");
  g_assert_cmpstr (json_object_get_string_member (errata_trace_get_metadata (trace), "user_id"),
                   ==, "[redacted]");
  g_assert_cmpstr (json_object_get_string_member (errata_trace_get_metadata (trace), "plan"),
                   ==, "pro");

  g_assert_cmpint (count (project, "SELECT count(*) FROM traces WHERE input LIKE '%example.com%'"),
                   ==, 3);
  g_assert_cmpint (count (project, "SELECT count(*) FROM llm_cache"), ==, 1);
  errata_project_close (copy);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* Synthetic data holds typed and generated text: the queries, the errors a
 * system answered with, the dimensions' descriptions and the target (its
 * system prompt) are redacted like the traces; the dimension values, which
 * are the tuples' keys, are not. */
static void
test_copy_redacts_synthetic (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *source = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *dest = g_build_filename (dir, "shared.errata", NULL);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(ErrataCopyOptions) options = errata_copy_options_new ();
  g_autoptr(ErrataProject) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  gsize len = 0;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (project),
    "INSERT INTO synth_dimensions (id, name, description) VALUES"
    " (1, 'persona', 'who writes, e.g. mia@example.com');"
    "INSERT INTO synth_values (dimension_id, value, description) VALUES"
    " (1, 'renter', 'rents; call +44 20 7946 0958');"
    "INSERT INTO synth_tuples (id, key, dimensions, origin, created_at) VALUES"
    " (1, 'renter', '{\"persona\":\"renter\"}', 'typed', 0);"
    "INSERT INTO synth_batches (id, target, status, message, started_at) VALUES"
    " (1, '{\"kind\":\"chat\",\"system\":\"Escalate to ops@example.com\"}', 'done',"
    "  'stopped: ops@example.com said no', 0);"
    "INSERT INTO synth_queries (id, tuple_id, text, origin, state, error, created_at) VALUES"
    " (1, 1, 'I am ben@example.com, is the flat free?', 'llm', 'accepted',"
    "  'HTTP 500: no user +44 20 7946 0123', 0);"
    "INSERT INTO meta (key, value) VALUES ('synth_target',"
    " '{\"kind\":\"chat\",\"system\":\"Escalate to ops@example.com\"}');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  errata_copy_options_add_default_redactions (options);

  g_assert_true (errata_project_copy_dry_run (source_file, options, NULL, &error));
  g_assert_no_error (error);
  /* The query, the dimension's description, the batch's target and
   * message, the project's target; a phone in the value's description and
   * in the query's error. */
  g_assert_cmpuint (rule_count (options, "E-mail addresses"), ==, 5);
  g_assert_cmpuint (rule_count (options, "Phone numbers"), ==, 2);

  g_assert_true (errata_project_copy (source_file, dest_file, options, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (dest, &raw, &len, NULL));
  g_assert_null (g_strstr_len (raw, len, "example.com"));
  g_assert_null (g_strstr_len (raw, len, "7946"));

  copy = open_copy (dest);
  stmt = _errata_project_prepare (copy, "SELECT text, error FROM synth_queries", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==,
                   "I am [email], is the flat free?");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, "HTTP 500: no user [phone]");
  sqlite3_finalize (stmt);
  /* The tuples still name their values. */
  g_assert_cmpint (count (copy, "SELECT count(*) FROM synth_tuples WHERE key = 'renter'"), ==, 1);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM synth_values WHERE value = 'renter'"), ==, 1);
  g_assert_cmpint (count (project, "SELECT count(*) FROM synth_queries"
                                   " WHERE text LIKE '%example.com%'"), ==, 1);
  errata_project_close (copy);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* Only Ada's reviews: Bob's note goes (and its words from the index);
 * imported labels stay unless asked. */
static void
test_copy_only_reviewer (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = new_shared_project (&dir);
  g_autofree char *source = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *dest = g_build_filename (dir, "ada.errata", NULL);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(ErrataCopyOptions) options = errata_copy_options_new ();
  g_autoptr(ErrataProject) copy = NULL;
  g_autoptr(GError) error = NULL;

  errata_copy_options_set_only_reviewer (options, "Ada");
  errata_copy_options_set_leave_out_cache (options, TRUE);
  g_assert_true (errata_project_copy (source_file, dest_file, options, NULL, &error));
  g_assert_no_error (error);
  copy = open_copy (dest);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM annotations WHERE annotator = 'Ada'"), ==, 3);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM annotations WHERE annotator = 'Bob'"), ==, 0);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM annotations WHERE origin = 'imported'"), ==, 1);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'hunch'"), ==, 0);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM llm_cache"), ==, 0);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM traces_fts WHERE traces_fts MATCH 'flat'"), ==, 3);
  errata_project_close (copy);
  g_clear_object (&copy);

  errata_copy_options_set_keep_imported (options, FALSE);
  g_assert_true (errata_project_copy (source_file, dest_file, options, NULL, &error));
  g_assert_no_error (error);
  copy = open_copy (dest);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM annotations"), ==, 3);
  errata_project_close (copy);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_copy_refuses_itself (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = new_shared_project (&dir);
  g_autofree char *source = g_build_filename (dir, "test.errata", NULL);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(ErrataCopyOptions) options = errata_copy_options_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (errata_project_copy (source_file, source_file, options, NULL, &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_EXISTS);
  g_assert_cmpint (count (project, "SELECT count(*) FROM traces"), ==, 3);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
make_v2_file (const char *path)
{
  g_autofree char *sql = g_strdup_printf ("%s %s PRAGMA application_id = %d;"
                                          " PRAGMA user_version = 2;"
                                          "INSERT INTO traces (external_id, imported_at, sample_key)"
                                          " VALUES ('old', 0, 1);",
                                          errata_project_migrations[1],
                                          errata_project_migrations[2],
                                          ERRATA_PROJECT_APPLICATION_ID);

  exec_raw (path, sql);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Opening a version 2 file upgrades it and first keeps NAME.errata.v2.bak
 * beside it, whole and at version 2; a second open upgrades nothing; an
 * existing backup is never overwritten. */
static void
test_upgrade_keeps_old_file (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.errata", NULL);
  g_autofree char *backup = g_strconcat (path, ".v2.bak", NULL);
  g_autofree char *second = g_strconcat (path, ".v2.2.bak", NULL);
  g_autofree char *backup_wal = g_strconcat (backup, "-wal", NULL);
  g_autofree char *reported = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;

  make_v2_file (path);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_get_schema_version (project), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  g_assert_nonnull (errata_project_get_upgrade_backup (project));
  reported = g_file_get_path (errata_project_get_upgrade_backup (project));
  g_assert_cmpstr (reported, ==, backup);
  g_assert_false (g_file_test (backup_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (raw_int (backup, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM traces WHERE external_id = 'old'"), ==, 1);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM sqlite_schema"
                                    " WHERE name = 'explicit_labels'"), ==, 0);
  errata_project_close (project);
  g_clear_object (&project);

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_null (errata_project_get_upgrade_backup (project));
  errata_project_close (project);
  g_clear_object (&project);

  /* Another old file under the same name: the first backup stays. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  make_v2_file (path);
  exec_raw (path, "INSERT INTO traces (external_id, imported_at, sample_key) VALUES ('new', 0, 2)");
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM traces"), ==, 1);
  g_assert_cmpint (raw_int (second, "SELECT count(*) FROM traces"), ==, 2);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* A file from a newer Errata is refused, naming the Errata that wrote it,
 * and left as it was (no backup, no upgrade). */
static void
test_newer_refused_with_version (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *path = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO meta VALUES ('upgraded_by',"
                                          " 'Errata 9.1'); PRAGMA user_version = %d",
                                          ERRATA_PROJECT_SCHEMA_VERSION + 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) newer = NULL;
  g_autofree char *newer_backup = g_strdup_printf ("%s.v%d.bak", path,
                                                   ERRATA_PROJECT_SCHEMA_VERSION + 1);

  errata_project_close (project);
  exec_raw (path, sql);
  newer = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_null (newer);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "needs Errata 9.1 or later"));
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, ERRATA_PROJECT_SCHEMA_VERSION + 1);
  g_assert_false (g_file_test (newer_backup, G_FILE_TEST_EXISTS));
  errata_test_remove_tree (dir);
}

/* Closing folds the WAL into the file even while another connection keeps
 * the WAL from being removed: the .errata alone holds the last write. */
static void
test_close_checkpoints (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *path = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *alone = g_build_filename (dir, "alone.errata", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("last", "q", "a");
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  sqlite3 *other = NULL;
  GStatBuf st;

  /* A connection that has read the project holds the WAL open. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "SELECT count(*) FROM traces", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  g_assert_no_error (error);
  errata_project_close (project);
  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (alone, contents, len, NULL));
  g_assert_cmpint (raw_int (alone, "SELECT count(*) FROM traces WHERE external_id = 'last'"), ==, 1);
  sqlite3_close (other);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project-copy/while-writing", test_copy_while_writing);
  g_test_add_func ("/project-copy/redacted", test_copy_redacted);
  g_test_add_func ("/project-copy/redacts-synthetic", test_copy_redacts_synthetic);
  g_test_add_func ("/project-copy/only-reviewer", test_copy_only_reviewer);
  g_test_add_func ("/project-copy/refuses-itself", test_copy_refuses_itself);
  g_test_add_func ("/project-copy/upgrade-keeps-old-file", test_upgrade_keeps_old_file);
  g_test_add_func ("/project-copy/newer-refused", test_newer_refused_with_version);
  g_test_add_func ("/project-copy/close-checkpoints", test_close_checkpoints);

  return g_test_run ();
}
