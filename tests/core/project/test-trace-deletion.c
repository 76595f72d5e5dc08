/* test-trace-deletion.c: recording imports, deleting traces (a whole
 * import or a selection) and undoing it (issue 21, part 2).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "errata-eval-metrics.h"
#include "errata-importer.h"
#include "errata-project-imports.h"
#include "errata-project-private.h"
#include "errata-project-schema.h"
#include "errata-splits.h"
#include "errata-taxonomy.h"
#include "errata-test-utils.h"
#include "errata-trace-deletion.h"

/* Two imports: alpha.jsonl (6 traces, a1..a6, words "alphaword N") and
 * bravo.jsonl (4 traces, b1..b4, "bravoword N"). Alice reviewed a1..a3 and
 * b1..b2 (b1's note "bravonote" sits in the mode "Tone"); bravo.jsonl
 * brought an imported label on b3; b4 has an explicit label, a judge's
 * verdict and a split place for the overall target, as do a1..a6. */
typedef struct
{
  char           *dir;
  GFile          *file;
  ErrataProject  *project;
  gint64          alpha;
  gint64          bravo;
} Fixture;

static void
exec (ErrataProject *project,
      const char    *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (ErrataProject *project,
           const char    *sql)
{
  gint64 value = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (_errata_project_query_int (project, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

static gint64
import_file (Fixture    *fixture,
             const char *name,
             const char *prefix,
             const char *word,
             guint       n,
             gboolean    with_label)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "{\"id\": \"%s%u\", \"messages\": [{\"role\": \"user\","
                            " \"content\": \"%s %u question\"}, {\"role\": \"assistant\","
                            " \"content\": \"answer %u\"}]%s}\n", prefix, i, word, i, i,
                            with_label && i == 3 ? ", \"annotations\": [{\"verdict\": \"fail\"}]" : "");
  path = errata_test_write_file (fixture->dir, name, text->str, -1);
  file = g_file_new_for_path (path);
  report = errata_importer_import (importer, fixture->project, &file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, n);
  return query_int (fixture->project, "SELECT max (id) FROM imports");
}

static gint64
trace_id (ErrataProject *project,
          const char    *external_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (errata_project_resolve_trace_id (project, external_id, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
review (ErrataProject *project,
        const char    *external_id,
        ErrataVerdict  verdict,
        const char    *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataAnnotation) annotation =
    errata_annotation_new (trace_id (project, external_id), "alice");

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTaxonomy) taxonomy = NULL;
  gint64 card;

  fixture->dir = errata_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "p.errata", NULL);
  fixture->file = g_file_new_for_path (path);
  fixture->project = errata_project_create (fixture->file, &error);
  g_assert_no_error (error);
  errata_project_set_reviewer (fixture->project, "alice");

  fixture->alpha = import_file (fixture, "alpha.jsonl", "a", "alphaword", 6, FALSE);
  fixture->bravo = import_file (fixture, "bravo.jsonl", "b", "bravoword", 4, TRUE);

  review (fixture->project, "a1", ERRATA_VERDICT_PASS, "");
  review (fixture->project, "a2", ERRATA_VERDICT_FAIL, "alphanote rude");
  review (fixture->project, "a3", ERRATA_VERDICT_PASS, "");
  review (fixture->project, "b1", ERRATA_VERDICT_FAIL, "bravonote rude");
  review (fixture->project, "b2", ERRATA_VERDICT_PASS, "");

  taxonomy = errata_taxonomy_new (fixture->project);
  card = query_int (fixture->project, "SELECT a.id FROM annotations a JOIN traces t"
                    " ON t.id = a.trace_id WHERE t.external_id = 'b1'");
  g_assert_cmpint (errata_taxonomy_create_mode (taxonomy, "Tone", "", &card, 1, -1, &error),
                   >, 0);
  g_assert_no_error (error);
  card = query_int (fixture->project, "SELECT a.id FROM annotations a JOIN traces t"
                    " ON t.id = a.trace_id WHERE t.external_id = 'a2'");
  g_assert_cmpint (errata_taxonomy_create_mode (taxonomy, "Rude", "", &card, 1, -1, &error),
                   >, 0);
  g_assert_no_error (error);

  sql = g_strdup_printf ("INSERT INTO explicit_labels (target, trace_id, value, annotator,"
                         " updated_at) VALUES (0, %" G_GINT64_FORMAT ", 'fail', 'alice', 1);"
                         "INSERT INTO label_history (target, trace_id, new_value, who,"
                         " changed_at) VALUES (0, %" G_GINT64_FORMAT ", 'fail', 'alice', 1);"
                         "INSERT INTO evaluators (name, target, kind, created_at)"
                         " VALUES ('judge', 0, 'llm', 1);"
                         "INSERT INTO evaluator_versions (evaluator_id, number, created_at)"
                         " VALUES (1, 1, 1);"
                         "INSERT INTO runs (version_id, scope, status, started_at)"
                         " VALUES (1, 'all', 'done', 1);"
                         "INSERT INTO verdicts (run_id, trace_id, verdict, created_at)"
                         " SELECT 1, id, 'pass', 1 FROM traces;",
                         trace_id (fixture->project, "b4"), trace_id (fixture->project, "b4"));
  exec (fixture->project, sql);
  g_assert_true (errata_splits_update (fixture->project, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->file);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Every row of every table, in order, as text: two dumps are equal when
 * the project holds exactly the same rows with the same ids. */
static char *
dump (ErrataProject *project)
{
  sqlite3 *db = _errata_project_get_db (project);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite%'"
                                       " ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (tables, 0);
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\"", name);
      g_autoptr(GString) ordered = g_string_new (sql);
      sqlite3_stmt *rows = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      for (int i = 0; i < sqlite3_column_count (rows); i++)
        g_string_append_printf (ordered, "%s %d", i == 0 ? " ORDER BY" : ",", i + 1);
      sqlite3_finalize (rows);
      g_assert_cmpint (sqlite3_prepare_v2 (db, ordered->str, -1, &rows, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", name);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (rows, i) == SQLITE_NULL
                                    ? "NULL" : (const char *)sqlite3_column_text (rows, i));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return g_string_free (out, FALSE);
}

static gint64
fts_hits (ErrataProject *project,
          const char    *word)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM traces_fts WHERE traces_fts"
                                          " MATCH '%s'", word);

  return query_int (project, sql);
}

/* The search the Traces page and errata-cli search use (traces and notes). */
static gint64
search_count (ErrataProject *project,
              const char    *text)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  gint64 n;

  errata_trace_query_set_text (query, text);
  n = errata_project_count_traces (project, query, &error);
  g_assert_no_error (error);
  return n;
}

static char *
splits_of (ErrataProject *project)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_errata_project_get_db (project),
                                       "SELECT t.external_id, s.split FROM splits s JOIN traces t"
                                       " ON t.id = s.trace_id ORDER BY t.external_id", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s=%s ", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return g_strdup (out->str);
}

static GArray *
saturation (ErrataProject *project)
{
  g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (project);
  g_autoptr(GError) error = NULL;
  GArray *curve = errata_taxonomy_saturation (taxonomy, &error);

  g_assert_no_error (error);
  return curve;
}

/* Each import is recorded with its file, format and counts, and names the
 * traces it added. */
static void
test_imports_recorded (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;
  ErrataImportInfo *bravo;

  imports = errata_project_list_imports (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 2);
  bravo = imports->pdata[1];
  g_assert_cmpint (bravo->id, ==, fixture->bravo);
  g_assert_cmpstr (bravo->name, ==, "bravo.jsonl");
  g_assert_nonnull (strstr (bravo->paths, "bravo.jsonl"));
  g_assert_cmpstr (bravo->format, !=, "");
  g_assert_cmpint (bravo->n_added, ==, 4);
  g_assert_cmpint (bravo->n_traces, ==, 4);
  g_assert_cmpint (bravo->finished_at, >=, bravo->started_at);
  g_assert_true (bravo->recorded);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM traces"
                              " WHERE import_id IS NULL"), ==, 0);
}

/* What the confirmation says goes with the bravo import. */
static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_import (fixture->bravo);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->project);
  g_autofree char *after = NULL;
  ErrataDeletionCounts counts;

  g_assert_true (errata_trace_deletion_count (deletion, fixture->project, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.traces, ==, 4);
  g_assert_cmpint (counts.reviews, ==, 2);          /* b1, b2 by alice */
  g_assert_cmpint (counts.imported_labels, ==, 1);  /* b3's label from the file */
  g_assert_cmpint (counts.explicit_labels, ==, 1);  /* b4 */
  g_assert_cmpint (counts.label_changes, ==, 1);
  g_assert_cmpint (counts.verdicts, ==, 4);
  g_assert_cmpint (counts.assignments, ==, 1);      /* b1's note in Tone */
  g_assert_cmpint (counts.splits, ==, query_int (fixture->project, "SELECT count (*) FROM splits"
                                                 " s JOIN traces t ON t.id = s.trace_id"
                                                 " WHERE t.external_id LIKE 'b%'"));
  /* Counting writes nothing. */
  after = dump (fixture->project);
  g_assert_cmpstr (before, ==, after);
}

/* The judge (run 1) passed every trace; ground truth overall: a1, a3, b2
 * pass (reviews), a2, b1 fail (reviews), b3 fail (imported), b4 fail
 * (explicit); a4..a6 have none. */
static void
assert_metrics (ErrataProject *project,
                guint          n_verdicts,
                guint          tp,
                guint          fp,
                guint          unlabelled)
{
  ErrataEvalMetrics metrics;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_eval_metrics_compute (project, 1, &metrics, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (metrics.n_verdicts, ==, n_verdicts);
  g_assert_cmpuint (metrics.alignment.confusion.tp, ==, tp);
  g_assert_cmpuint (metrics.alignment.confusion.fp, ==, fp);
  g_assert_cmpuint (metrics.n_unlabelled, ==, unlabelled);
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_import (fixture->bravo);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->project);
  g_autofree char *splits_before = splits_of (fixture->project);
  g_autofree char *splits_after = NULL;
  g_autofree char *undone = NULL;
  g_autoptr(GArray) curve_before = saturation (fixture->project);
  g_autoptr(GArray) curve_after = NULL;
  g_autoptr(GArray) curve_undone = NULL;
  g_autoptr(GString) kept_splits = g_string_new (NULL);
  g_auto(GStrv) entries = g_strsplit (splits_before, " ", -1);

  g_assert_cmpint (fts_hits (fixture->project, "bravoword"), ==, 4);
  g_assert_cmpint (search_count (fixture->project, "bravonote"), ==, 1);
  assert_metrics (fixture->project, 10, 3, 4, 3);
  g_assert_true (errata_trace_deletion_run (deletion, fixture->project, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_trace_deletion_get_counts (deletion)->traces, ==, 4);

  /* Gone, and gone from both search indexes. */
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM traces"), ==, 6);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM imports"), ==, 1);
  g_assert_cmpint (fts_hits (fixture->project, "bravoword"), ==, 0);
  g_assert_cmpint (fts_hits (fixture->project, "alphaword"), ==, 6);
  g_assert_cmpint (search_count (fixture->project, "bravonote"), ==, 0);
  g_assert_cmpint (search_count (fixture->project, "rude"), ==, 1);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM notes_fts"
                              " WHERE notes_fts MATCH 'bravonote'"), ==, 0);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM verdicts"), ==, 6);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM assignments"), ==, 1);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM explicit_labels"), ==, 0);

  /* The others keep their split places. */
  for (guint i = 0; entries[i] != NULL; i++)
    if (entries[i][0] == 'a')
      g_string_append_printf (kept_splits, "%s ", entries[i]);
  splits_after = splits_of (fixture->project);
  g_assert_cmpstr (splits_after, ==, kept_splits->str);

  /* Saturation: b1's review and its mode are gone; a1..a3 remain. */
  curve_after = saturation (fixture->project);
  g_assert_cmpuint (curve_before->len, ==, 5);
  g_assert_cmpuint (curve_after->len, ==, 3);
  g_assert_cmpuint (g_array_index (curve_after, guint, 2), ==, 1);
  assert_metrics (fixture->project, 6, 2, 1, 3);

  /* Undo brings back exactly what was there, ids included. */
  g_assert_true (errata_trace_deletion_can_undo (deletion));
  g_assert_true (errata_trace_deletion_undo (deletion, fixture->project, &error));
  g_assert_no_error (error);
  g_assert_false (errata_trace_deletion_can_undo (deletion));
  undone = dump (fixture->project);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (fts_hits (fixture->project, "bravoword"), ==, 4);
  g_assert_cmpint (search_count (fixture->project, "bravonote"), ==, 1);
  assert_metrics (fixture->project, 10, 3, 4, 3);
  curve_undone = saturation (fixture->project);
  g_assert_cmpmem (curve_undone->data, curve_undone->len * sizeof (guint),
                   curve_before->data, curve_before->len * sizeof (guint));
}

/* A synthetic query whose reply became a deleted trace stays, unlinked (its
 * foreign key says ON DELETE SET NULL: the query can be run again), and
 * undo links it again. */
static void
test_synthetic_query_stays (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_import (fixture->bravo);
  g_autoptr(GError) error = NULL;
  g_autofree char *link = g_strdup_printf ("INSERT INTO synth_queries (id, tuple_id, text, origin,"
                                           " state, trace_id, created_at) VALUES (7, 1,"
                                           " 'a question', 'typed', 'accepted', %lld, 0)",
                                           (long long)trace_id (fixture->project, "b2"));

  exec (fixture->project, "INSERT INTO synth_tuples (id, key, origin, created_at)"
                          " VALUES (1, 'k', 'typed', 0)");
  exec (fixture->project, link);
  g_assert_true (errata_trace_deletion_run (deletion, fixture->project, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM synth_queries"
                              " WHERE id = 7 AND trace_id IS NULL"), ==, 1);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM synth_tuples"), ==, 1);

  g_assert_true (errata_trace_deletion_undo (deletion, fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->project, "SELECT trace_id FROM synth_queries WHERE id = 7"),
                   ==, trace_id (fixture->project, "b2"));
}

/* A selection by id: the import's record stays, with fewer traces. */
static void
test_delete_selection (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 ids[] = { trace_id (fixture->project, "a2"), trace_id (fixture->project, "b1"), 999999 };
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_ids (ids, 3);
  g_autoptr(ErrataImportInfo) alpha = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->project);
  g_autofree char *undone = NULL;

  g_assert_true (errata_trace_deletion_run (deletion, fixture->project, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_trace_deletion_get_counts (deletion)->traces, ==, 2);
  g_assert_cmpint (errata_trace_deletion_get_counts (deletion)->assignments, ==, 2);
  alpha = errata_project_get_import (fixture->project, fixture->alpha, &error);
  g_assert_no_error (error);
  g_assert_cmpint (alpha->n_traces, ==, 5);
  g_assert_cmpint (alpha->n_added, ==, 6);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM assignments"), ==, 0);
  g_assert_cmpint (search_count (fixture->project, "rude"), ==, 0);

  g_assert_true (errata_trace_deletion_undo (deletion, fixture->project, &error));
  g_assert_no_error (error);
  undone = dump (fixture->project);
  g_assert_cmpstr (undone, ==, before);
}

/* One transaction: a failure at the last step (the import's record)
 * leaves every row and both indexes as they were. */
static void
test_failure_changes_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_import (fixture->bravo);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->project);
  g_autofree char *after = NULL;

  exec (fixture->project, "CREATE TEMP TRIGGER fail BEFORE DELETE ON main.imports"
                          " BEGIN SELECT RAISE (ABORT, 'injected failure'); END");
  g_assert_false (errata_trace_deletion_run (deletion, fixture->project, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "injected failure"));
  g_assert_false (errata_trace_deletion_can_undo (deletion));
  after = dump (fixture->project);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (fts_hits (fixture->project, "bravoword"), ==, 4);
  g_assert_cmpint (search_count (fixture->project, "bravonote"), ==, 1);
  g_assert_cmpint (query_int (fixture->project, "PRAGMA foreign_keys"), ==, 1);
}

/* A review made after the deletion may take a deleted review's id: undo
 * gives the deleted one a new id (its note's place in Tone follows). A
 * trace imported again takes a deleted trace's place: undo is refused and
 * changes nothing. */
static void
test_undo_after_changes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_import (fixture->bravo);
  g_autoptr(ErrataTraceDeletion) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 deleted_max;

  deleted_max = query_int (fixture->project, "SELECT max (id) FROM annotations");
  g_assert_true (errata_trace_deletion_run (deletion, fixture->project, TRUE, &error));
  g_assert_no_error (error);
  review (fixture->project, "a4", ERRATA_VERDICT_FAIL, "later");
  review (fixture->project, "a5", ERRATA_VERDICT_FAIL, "later too");
  g_assert_cmpint (query_int (fixture->project, "SELECT max (id) FROM annotations"), <=,
                   deleted_max);
  g_assert_true (errata_trace_deletion_undo (deletion, fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM annotations"), ==, 8);
  g_assert_cmpint (search_count (fixture->project, "bravonote"), ==, 1);
  g_assert_cmpint (search_count (fixture->project, "later"), ==, 2);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM assignments s JOIN"
                              " annotations a ON a.id = s.annotation_id WHERE a.note ="
                              " 'bravonote rude'"), ==, 1);

  /* Deleted again, then bravo.jsonl imported again: no undo. */
  again = errata_trace_deletion_new_for_import (query_int (fixture->project,
                                                           "SELECT max (id) FROM imports"));
  g_assert_true (errata_trace_deletion_run (again, fixture->project, TRUE, &error));
  g_assert_no_error (error);
  import_file (fixture, "bravo.jsonl", "b", "bravoword", 4, TRUE);
  before = dump (fixture->project);
  g_assert_false (errata_trace_deletion_undo (again, fixture->project, &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_EXISTS);
  after = dump (fixture->project);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (errata_trace_deletion_can_undo (again));
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The window's way: in a thread, on a connection of its own. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_import (fixture->bravo);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) undo_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->project);
  g_autofree char *undone = NULL;

  errata_trace_deletion_run_async (deletion, fixture->file, NULL, on_done, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_trace_deletion_run_finish (deletion, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->project, "SELECT count (*) FROM traces"), ==, 6);
  g_assert_cmpint (fts_hits (fixture->project, "bravoword"), ==, 0);

  errata_trace_deletion_undo_async (deletion, fixture->file, NULL, on_done, &undo_result);
  errata_test_wait_for_result (&undo_result);
  g_assert_true (errata_trace_deletion_undo_finish (deletion, undo_result, &error));
  g_assert_no_error (error);
  undone = dump (fixture->project);
  g_assert_cmpstr (undone, ==, before);
}

/* Cancelled before it starts: nothing goes, and it says so. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_import (fixture->bravo);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fixture->project);
  g_autofree char *after = NULL;

  g_cancellable_cancel (cancellable);
  errata_trace_deletion_run_async (deletion, fixture->file, cancellable, on_done, &result);
  errata_test_wait_for_result (&result);
  g_assert_false (errata_trace_deletion_run_finish (deletion, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (errata_trace_deletion_can_undo (deletion));
  after = dump (fixture->project);
  g_assert_cmpstr (after, ==, before);
}

/* A version 3 file (before imports were recorded) gets one import per
 * source of its traces, which can then be deleted like any other. */
static void
test_migration_backfills_imports (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(ErrataTraceDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("%s %s %s PRAGMA application_id = %d;"
                                          " PRAGMA user_version = 3;"
                                          "INSERT INTO traces (external_id, source, imported_at,"
                                          " sample_key, messages) VALUES"
                                          " ('x1', 'one.jsonl', 100, 1, '%s'),"
                                          " ('x2', 'one.jsonl', 200, 2, '%s'),"
                                          " ('y1', 'two.csv', 300, 3, '%s');"
                                          /* As Errata indexed them: the body. */
                                          "INSERT INTO traces_fts (rowid, input, output, body)"
                                          " VALUES (1, '', '', 'xone' || char (10)),"
                                          " (2, '', '', 'xtwo' || char (10)),"
                                          " (3, '', '', 'yone' || char (10));",
                                          errata_project_migrations[1],
                                          errata_project_migrations[2],
                                          errata_project_migrations[3],
                                          ERRATA_PROJECT_APPLICATION_ID,
                                          "[{\"role\": \"user\", \"content\": \"xone\"}]",
                                          "[{\"role\": \"user\", \"content\": \"xtwo\"}]",
                                          "[{\"role\": \"user\", \"content\": \"yone\"}]");
  sqlite3 *db = NULL;
  ErrataImportInfo *one;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_get_schema_version (project), ==, ERRATA_PROJECT_SCHEMA_VERSION);
  imports = errata_project_list_imports (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 2);
  one = imports->pdata[0];
  g_assert_cmpstr (one->name, ==, "one.jsonl");
  g_assert_false (one->recorded);
  g_assert_cmpint (one->n_traces, ==, 2);
  g_assert_cmpint (one->started_at, ==, 100);
  g_assert_cmpint (one->finished_at, ==, 200);

  deletion = errata_trace_deletion_new_for_import (one->id);
  g_assert_true (errata_trace_deletion_run (deletion, project, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (errata_trace_deletion_can_undo (deletion));
  g_assert_cmpint (query_int (project, "SELECT count (*) FROM traces"), ==, 1);
  g_assert_cmpint (fts_hits (project, "xone"), ==, 0);
  g_assert_cmpint (fts_hits (project, "yone"), ==, 1);
  g_assert_cmpint (query_int (project, "SELECT count (*) FROM imports"), ==, 1);
  g_clear_object (&project);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/trace-deletion" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/imports-recorded", test_imports_recorded);
  ADD ("/counts", test_counts);
  ADD ("/delete-and-undo", test_delete_and_undo);
  ADD ("/delete-selection", test_delete_selection);
  ADD ("/synthetic-query-stays", test_synthetic_query_stays);
  ADD ("/failure-changes-nothing", test_failure_changes_nothing);
  ADD ("/undo-after-changes", test_undo_after_changes);
  ADD ("/async", test_async);
  ADD ("/cancelled", test_cancelled);
#undef ADD
  g_test_add_func ("/trace-deletion/migration-backfills-imports", test_migration_backfills_imports);

  return g_test_run ();
}
