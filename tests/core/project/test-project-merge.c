/* test-project-merge.c: merging a colleague's reviews (issue 19, part 1).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "errata-project-merge.h"
#include "errata-project-private.h"
#include "errata-project-schema.h"
#include "errata-test-utils.h"

/* Two copies of one project: "here" reviewed by alice, "theirs" by bob.
 * Both hold t1..t5; theirs holds t6's conversation under another id
 * ("other-6", found by its messages) and a trace only it has ("only-b").
 * carol reviewed t5 in both files, differently (a conflict); theirs also
 * holds an imported label, which is not a review. */
typedef struct
{
  char          *dir;
  GFile         *here_file;
  GFile         *their_file;
  ErrataProject *here;
  ErrataProject *theirs;
} Fixture;

static void
add_trace (ErrataProject *project,
           const char    *external_id,
           int            n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *question = g_strdup_printf ("question %d", n);
  g_autofree char *answer = g_strdup_printf ("answer %d", n);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace (external_id, question, answer);

  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  g_assert_no_error (error);
}

static void
review (ErrataProject          *project,
        const char             *external_id,
        const char             *annotator,
        ErrataVerdict           verdict,
        const char             *note,
        ErrataAnnotationOrigin  origin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) trace = errata_project_find_trace (project, "test", external_id, &error);
  g_autoptr(ErrataAnnotation) annotation = NULL;

  g_assert_no_error (error);
  annotation = errata_annotation_new (errata_trace_get_id (trace), annotator);
  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  annotation->origin = origin;
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

static void
exec (ErrataProject *project,
      const char    *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Puts annotator's note on external_id in the mode `name`, made if needed. */
static void
assign (ErrataProject *project,
        const char    *external_id,
        const char    *annotator,
        const char    *name)
{
  char *sql = sqlite3_mprintf (
    "INSERT INTO failure_modes (name, created_at) SELECT %Q, 0"
    "  WHERE NOT EXISTS (SELECT 1 FROM failure_modes WHERE name = %Q);"
    "INSERT INTO assignments (annotation_id, failure_mode_id, created_at)"
    "  SELECT a.id, f.id, 0 FROM annotations a, traces t, failure_modes f"
    "  WHERE t.id = a.trace_id AND t.external_id = %Q AND a.annotator = %Q AND f.name = %Q;",
    name, name, external_id, annotator, name);

  exec (project, sql);
  sqlite3_free (sql);
}

static ErrataProject *
create_in (const char *dir,
           const char *name,
           GFile     **out_file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ErrataProject *project;

  *out_file = g_file_new_for_path (path);
  project = errata_project_create (*out_file, &error);
  g_assert_no_error (error);
  return project;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean with_conflict = GPOINTER_TO_INT (data);

  fixture->dir = errata_test_make_tmpdir ();
  fixture->here = create_in (fixture->dir, "here.errata", &fixture->here_file);
  fixture->theirs = create_in (fixture->dir, "theirs.errata", &fixture->their_file);
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);

      add_trace (fixture->here, id, i);
      add_trace (fixture->theirs, id, i);
    }
  add_trace (fixture->here, "t6", 6);
  add_trace (fixture->theirs, "other-6", 6);
  add_trace (fixture->theirs, "only-b", 7);

  review (fixture->here, "t1", "alice", ERRATA_VERDICT_FAIL, "wrong date", ERRATA_ORIGIN_HERE);
  assign (fixture->here, "t1", "alice", "Dates");
  review (fixture->here, "t2", "alice", ERRATA_VERDICT_PASS, "", ERRATA_ORIGIN_HERE);

  review (fixture->theirs, "t2", "bob", ERRATA_VERDICT_FAIL, "rude tone", ERRATA_ORIGIN_HERE);
  assign (fixture->theirs, "t2", "bob", "Tone");
  assign (fixture->theirs, "t2", "bob", "Dates");
  review (fixture->theirs, "t3", "bob", ERRATA_VERDICT_PASS, "", ERRATA_ORIGIN_HERE);
  review (fixture->theirs, "other-6", "bob", ERRATA_VERDICT_FAIL, "looped", ERRATA_ORIGIN_HERE);
  review (fixture->theirs, "only-b", "bob", ERRATA_VERDICT_FAIL, "lost", ERRATA_ORIGIN_HERE);
  review (fixture->theirs, "t4", "import", ERRATA_VERDICT_FAIL, "from a file",
          ERRATA_ORIGIN_IMPORTED);
  if (with_conflict)
    {
      review (fixture->here, "t5", "carol", ERRATA_VERDICT_PASS, "fine", ERRATA_ORIGIN_HERE);
      review (fixture->theirs, "t5", "carol", ERRATA_VERDICT_FAIL, "bad", ERRATA_ORIGIN_HERE);
    }
  /* Closed, as a mailed file would be: everything is in the main file. */
  errata_project_close (fixture->theirs);
  g_clear_object (&fixture->theirs);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->here)
    errata_project_close (fixture->here);
  g_clear_object (&fixture->here);
  if (fixture->theirs)
    errata_project_close (fixture->theirs);
  g_clear_object (&fixture->theirs);
  g_clear_object (&fixture->here_file);
  g_clear_object (&fixture->their_file);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Every review, note and placement of a project, one line each, sorted:
 * what a merge may change. Keyed by the trace's input, which the copies
 * of one conversation share whatever their ids. */
static char *
dump (ErrataProject *project)
{
  g_autoptr(GString) out = g_string_new ("");
  sqlite3_stmt *stmt;

  stmt = _errata_project_prepare (project,
    "SELECT t.input || '|' || a.annotator || '|' || ifnull (a.verdict, '-') || '|' || a.note"
    "  || '|' || a.origin || '|' || a.updated_at || '|' || ifnull ((SELECT group_concat (name)"
    "  FROM (SELECT f.name FROM assignments s JOIN failure_modes f ON f.id = s.failure_mode_id"
    "  WHERE s.annotation_id = a.id ORDER BY f.name)), '')"
    " FROM annotations a JOIN traces t ON t.id = a.trace_id ORDER BY 1", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  stmt = _errata_project_prepare (project, "SELECT name FROM failure_modes ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "mode %s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
count (ErrataProject *project,
       const char    *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (_errata_project_query_int (project, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

static char *
file_checksum (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static ErrataMergeResult *
merge (Fixture  *fixture,
       gboolean  dry_run)
{
  g_autoptr(GError) error = NULL;
  ErrataMergeResult *result = errata_project_merge (fixture->here, fixture->their_file,
                                                    dry_run, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->written, ==, !dry_run);
  return result;
}

static void
assert_first_counts (ErrataMergeResult *result)
{
  g_assert_cmpuint (result->traces_by_id, ==, 5);
  g_assert_cmpuint (result->traces_by_hash, ==, 1);
  g_assert_cmpuint (result->traces_unmatched, ==, 1);
  g_assert_cmpuint (result->reviews_new, ==, 3);
  g_assert_cmpuint (result->reviews_updated, ==, 0);
  g_assert_cmpuint (result->reviews_unchanged, ==, 0);
  g_assert_cmpuint (result->reviews_unmatched, ==, 1);
  g_assert_cmpuint (result->imported_left_out, ==, 1);
  g_assert_cmpuint (result->modes_new, ==, 1);
  g_assert_cmpuint (result->conflicts->len, ==, 1);
}

/* The preview counts what the merge then does, and writes nothing. */
static void
test_preview_then_merge (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *before = dump (fixture->here);
  g_autofree char *after_preview = NULL;
  g_autoptr(ErrataMergeResult) preview = merge (fixture, TRUE);
  g_autoptr(ErrataMergeResult) result = NULL;

  assert_first_counts (preview);
  after_preview = dump (fixture->here);
  g_assert_cmpstr (before, ==, after_preview);

  result = merge (fixture, FALSE);
  assert_first_counts (result);
  /* bob's review came in under his name, marked merged, in both modes. */
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM annotations a"
                          " JOIN traces t ON t.id = a.trace_id WHERE t.external_id = 't2'"
                          " AND a.annotator = 'bob' AND a.verdict = 'fail'"
                          " AND a.note = 'rude tone' AND a.origin = 'merged'"), ==, 1);
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM assignments s"
                          " JOIN annotations a ON a.id = s.annotation_id"
                          " JOIN failure_modes f ON f.id = s.failure_mode_id"
                          " WHERE a.annotator = 'bob' AND f.name IN ('Tone', 'Dates')"), ==, 2);
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM failure_modes"), ==, 2);
  /* The conversation found by its messages carries bob's note. */
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM annotations a"
                          " JOIN traces t ON t.id = a.trace_id WHERE t.external_id = 't6'"
                          " AND a.annotator = 'bob' AND a.note = 'looped'"), ==, 1);
}

/* An imported label of the other file is a label, not a review. */
static void
test_imported_labels_stay_behind (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(ErrataMergeResult) result = merge (fixture, FALSE);

  g_assert_cmpuint (result->imported_left_out, ==, 1);
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM annotations"
                          " WHERE annotator = 'import' OR origin = 'imported'"), ==, 0);
}

static void
test_merge_twice_changes_nothing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(ErrataMergeResult) first = merge (fixture, FALSE);
  g_autofree char *after_first = dump (fixture->here);
  g_autoptr(ErrataMergeResult) second = merge (fixture, FALSE);
  g_autofree char *after_second = dump (fixture->here);

  g_assert_cmpstr (after_first, ==, after_second);
  g_assert_cmpuint (second->reviews_new, ==, 0);
  g_assert_cmpuint (second->reviews_updated, ==, 0);
  g_assert_cmpuint (second->reviews_unchanged, ==, 3);
  g_assert_cmpuint (second->modes_new, ==, 0);
  /* Still a conflict: it was reported, not resolved. */
  g_assert_cmpuint (second->conflicts->len, ==, 1);
}

static void
test_conflict_listed_and_kept (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(ErrataMergeResult) result = merge (fixture, FALSE);
  ErrataMergeConflict *conflict;

  g_assert_cmpuint (result->conflicts->len, ==, 1);
  conflict = result->conflicts->pdata[0];
  g_assert_cmpstr (conflict->external_id, ==, "t5");
  g_assert_cmpstr (conflict->annotator, ==, "carol");
  g_assert_cmpint (conflict->here_verdict, ==, ERRATA_VERDICT_PASS);
  g_assert_cmpstr (conflict->here_note, ==, "fine");
  g_assert_cmpint (conflict->other_verdict, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpstr (conflict->other_note, ==, "bad");
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM annotations WHERE"
                          " annotator = 'carol' AND verdict = 'pass' AND note = 'fine'"
                          " AND origin = 'here'"), ==, 1);
}

static ErrataProject *
reopen (GFile *file)
{
  g_autoptr(GError) error = NULL;
  ErrataProject *project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);

  g_assert_no_error (error);
  return project;
}

/* bob changes his review in his file after a first merge: the later
 * version replaces the merged copy; an older copy never replaces a later. */
static void
test_later_review_wins (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ErrataMergeResult) first = merge (fixture, FALSE);
  g_autoptr(ErrataMergeResult) second = NULL;

  /* The clock must move on for "later" to mean something; this orders
   * the two writes, it does not measure anything. */
  g_usleep (2000);
  fixture->theirs = reopen (fixture->their_file);
  review (fixture->theirs, "t3", "bob", ERRATA_VERDICT_FAIL, "missed the date",
          ERRATA_ORIGIN_HERE);
  errata_project_close (fixture->theirs);
  g_clear_object (&fixture->theirs);

  second = merge (fixture, FALSE);
  g_assert_cmpuint (second->reviews_updated, ==, 1);
  g_assert_cmpuint (second->reviews_unchanged, ==, 2);
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM annotations a"
                          " JOIN traces t ON t.id = a.trace_id WHERE t.external_id = 't3'"
                          " AND a.annotator = 'bob' AND a.verdict = 'fail'"
                          " AND a.origin = 'merged'"), ==, 1);
}

/* The colleague's file is read, never written, preview or merge. */
static void
test_other_file_untouched (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *before = file_checksum (fixture->their_file);
  g_autofree char *after = NULL;
  g_autoptr(ErrataMergeResult) preview = merge (fixture, TRUE);
  g_autoptr(ErrataMergeResult) result = merge (fixture, FALSE);

  after = file_checksum (fixture->their_file);
  g_assert_cmpstr (before, ==, after);
}

static void
test_newer_schema_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (fixture->their_file);
  g_autofree char *before = dump (fixture->here);
  g_autofree char *after = NULL;
  g_autofree char *newer = g_strdup_printf ("format %d", ERRATA_PROJECT_SCHEMA_VERSION + 1);
  g_autofree char *ours = g_strdup_printf ("up to format %d", ERRATA_PROJECT_SCHEMA_VERSION);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                             ERRATA_PROJECT_SCHEMA_VERSION + 1);
  g_autoptr(ErrataMergeResult) result = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  result = errata_project_merge (fixture->here, fixture->their_file, TRUE, &error);
  g_assert_null (result);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, newer));
  g_assert_nonnull (strstr (error->message, ours));
  g_assert_nonnull (strstr (error->message, "theirs.errata"));
  after = dump (fixture->here);
  g_assert_cmpstr (before, ==, after);
}

static void
test_self_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMergeResult) result = errata_project_merge (fixture->here, fixture->here_file,
                                                              FALSE, &error);

  g_assert_null (result);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID);
}

/* The reviews (trace, annotator, verdict, note) of one project, leaving out
 * imported labels and the trace only one side has. */
static char *
review_set (ErrataProject *project)
{
  g_autoptr(GString) out = g_string_new ("");
  sqlite3_stmt *stmt;

  stmt = _errata_project_prepare (project,
    "SELECT t.input, a.annotator, ifnull (a.verdict, '-'), a.note"
    " FROM annotations a JOIN traces t ON t.id = a.trace_id"
    " WHERE a.origin <> 'imported' AND t.external_id <> 'only-b' ORDER BY 1, 2", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s|%s|%s|%s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* here ← theirs and theirs ← here end with the same reviews. */
static void
test_both_directions_agree (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "here-copy.errata", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(ErrataMergeResult) forward = NULL;
  g_autoptr(ErrataMergeResult) backward = NULL;
  g_autofree char *here_set = NULL;
  g_autofree char *their_set = NULL;

  /* theirs ← here reads a closed copy of here as it was before here ← theirs. */
  errata_project_close (fixture->here);
  g_assert_true (g_file_copy (fixture->here_file, copy, G_FILE_COPY_NONE, NULL, NULL, NULL,
                              &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->here);
  fixture->here = reopen (fixture->here_file);
  fixture->theirs = reopen (fixture->their_file);

  forward = merge (fixture, FALSE);
  backward = errata_project_merge (fixture->theirs, copy, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backward->reviews_new, ==, 2);
  g_assert_cmpuint (backward->conflicts->len, ==, 0);

  here_set = review_set (fixture->here);
  their_set = review_set (fixture->theirs);
  g_assert_cmpstr (here_set, ==, their_set);
  g_assert_nonnull (strstr (here_set, "question 2|bob|fail|rude tone"));
  g_assert_nonnull (strstr (here_set, "question 1|alice|fail|wrong date"));
}

/* The window's path: another thread, its own connection; the window's
 * connection sees the reviews once the merge completes. */
static void
test_async_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) preview_result = NULL;
  g_autoptr(GAsyncResult) merge_result = NULL;
  g_autoptr(ErrataMergeResult) preview = NULL;
  g_autoptr(ErrataMergeResult) result = NULL;

  errata_project_merge_file_async (fixture->here_file, fixture->their_file, TRUE, NULL,
                                   errata_test_on_result, &preview_result);
  errata_test_wait_for_result (&preview_result);
  preview = errata_project_merge_file_finish (preview_result, &error);
  g_assert_no_error (error);
  assert_first_counts (preview);
  g_assert_false (preview->written);
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM annotations"
                          " WHERE annotator = 'bob'"), ==, 0);

  errata_project_merge_file_async (fixture->here_file, fixture->their_file, FALSE, NULL,
                                   errata_test_on_result, &merge_result);
  errata_test_wait_for_result (&merge_result);
  result = errata_project_merge_file_finish (merge_result, &error);
  g_assert_no_error (error);
  g_assert_true (result->written);
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM annotations"
                          " WHERE annotator = 'bob'"), ==, 3);
}

/* A colleague on an older Errata: their file is upgraded in a private
 * copy and merged from; the file itself stays as it was, format and all. */
static void
test_older_file_merged_from_a_copy (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v2.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMergeResult) result = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = g_strdup_printf ("%s %s PRAGMA application_id = %d;"
                                          " PRAGMA user_version = 2;"
                                          "INSERT INTO traces (external_id, source, imported_at,"
                                          " sample_key) VALUES ('t1', 'test', 0, 1);"
                                          "INSERT INTO annotations (trace_id, annotator, verdict,"
                                          " note, created_at, updated_at)"
                                          " VALUES (1, 'import', 'pass', '', 0, 0),"
                                          " (1, 'Ada', 'fail', 'late', 0, 0);",
                                          errata_project_migrations[1],
                                          errata_project_migrations[2],
                                          ERRATA_PROJECT_APPLICATION_ID);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (file);

  result = errata_project_merge (fixture->here, file, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->traces_by_id, ==, 1);
  g_assert_cmpuint (result->reviews_new, ==, 1);
  /* Version 3 tells imported labels by the old default name. */
  g_assert_cmpuint (result->imported_left_out, ==, 1);
  g_assert_cmpint (count (fixture->here, "SELECT count(*) FROM annotations WHERE"
                          " annotator = 'Ada' AND note = 'late' AND origin = 'merged'"), ==, 1);
  after = file_checksum (file);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, conflict) \
  g_test_add ("/merge/" path, Fixture, GINT_TO_POINTER (conflict), fixture_set_up, func, \
              fixture_tear_down)

  ADD ("preview-then-merge", test_preview_then_merge, TRUE);
  ADD ("imported-labels-stay-behind", test_imported_labels_stay_behind, TRUE);
  ADD ("twice-changes-nothing", test_merge_twice_changes_nothing, TRUE);
  ADD ("conflict-listed-and-kept", test_conflict_listed_and_kept, TRUE);
  ADD ("later-review-wins", test_later_review_wins, TRUE);
  ADD ("other-file-untouched", test_other_file_untouched, TRUE);
  ADD ("newer-schema-refused", test_newer_schema_refused, TRUE);
  ADD ("self-refused", test_self_refused, TRUE);
  ADD ("both-directions-agree", test_both_directions_agree, FALSE);
  ADD ("async", test_async_merge, TRUE);
  ADD ("older-file-merged-from-a-copy", test_older_file_merged_from_a_copy, TRUE);

#undef ADD
  return g_test_run ();
}
