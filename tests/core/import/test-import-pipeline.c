/* test-import-pipeline.c: the importer reads and converts on a thread of
 * its own and writes batches without a savepoint per trace; what that must
 * keep: the file's order, duplicates handled as before, bad records named
 * by their line with the good ones stored, a trace the database refuses
 * dropped from its batch alone, and a cancelled import leaving whole
 * batches only. (A killed import: tests/cli/test-cli.c, sigkill-mid-import.)
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-import-private.h"
#include "errata-importer.h"
#include "errata-project-private.h"
#include "errata-test-utils.h"

typedef struct
{
  char          *dir;
  ErrataProject *project;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  g_assert_nonnull (fixture->project);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Record i: id "t<i>"; every `bad_every`-th line (1-based, 0: none) is not
 * JSON; the record at line `big_line` (0: none) carries `big_size` bytes
 * of text. */
typedef struct
{
  guint n;
  guint bad_every;
  guint big_line;
  gsize big_size;
  guint repeat_every;  /* also repeat the record just written (0: none) */
} Shape;

static char *
write_records (const char  *dir,
               const char  *name,
               const Shape *shape)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint line = 0;

  for (guint i = 0; i < shape->n; i++)
    {
      g_autofree char *big = NULL;
      gsize start = text->len;

      line++;
      if (shape->bad_every > 0 && line % shape->bad_every == 0)
        {
          g_string_append_printf (text, "{\"id\":\"bad%u\",\"messages\":[\n", line);
          continue;
        }
      if (line == shape->big_line)
        {
          big = g_malloc (shape->big_size + 1);
          memset (big, 'x', shape->big_size);
          big[shape->big_size] = '\0';
        }
      g_string_append_printf (text, "{\"id\":\"t%u\",\"messages\":[{\"role\":\"user\",\"content\":"
                              "\"question %u%s\"},{\"role\":\"assistant\",\"content\":\"answer %u"
                              " pipelined\"}],\"metadata\":{\"line\":%u}}\n",
                              i, i, big ? big : "", i, line);
      if (shape->repeat_every > 0 && i % shape->repeat_every == 0)
        {
          g_autofree char *same = g_strndup (text->str + start, text->len - start);

          g_string_append (text, same);
          line++;
        }
    }
  return errata_test_write_file (dir, name, text->str, text->len);
}

static ErrataImportReport *
import_file (ErrataProject   *project,
             ErrataImporter  *importer,
             const char      *path,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return errata_importer_import (importer, project, &file, 1, cancellable, error);
}

static gint64
count_traces (ErrataProject *project)
{
  ErrataProjectInfo info;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_project_get_info (project, &info, &error));
  g_assert_no_error (error);
  return info.traces;
}

/* The trace's row id, 0 when it is not in the project. */
static gint64
id_of (ErrataProject *project,
       const char    *source,
       guint          i)
{
  g_autofree char *external_id = g_strdup_printf ("t%u", i);
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  trace = errata_project_find_trace (project, source, external_id, &error);
  if (trace == NULL)
    {
      g_clear_error (&error);
      return 0;
    }
  return errata_trace_get_id (trace);
}

/* How many traces the search index finds for `word`: each stored trace
 * has its index row, no more, no fewer. */
static gint64
count_indexed (ErrataProject *project,
               const char    *word)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (_errata_project_get_db (project),
                                       "SELECT count(*) FROM traces_fts WHERE traces_fts MATCH ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, word, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* Many more records than the reading thread may hold ahead of the writer,
 * and many batches: stored in the file's order, each whole. */
static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  const Shape shape = { .n = 2500 };
  g_autofree char *path = write_records (fixture->dir, "order.jsonl", &shape);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  gint64 previous = 0;

  errata_importer_set_batch_size (importer, 97);
  report = import_file (fixture->project, importer, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, shape.n);
  g_assert_cmpuint (errata_import_report_get_n_records (report), ==, shape.n);
  for (guint i = 0; i < shape.n; i++)
    {
      gint64 id = id_of (fixture->project, "order.jsonl", i);

      g_assert_cmpint (id, >, previous);
      previous = id;
    }
  g_assert_cmpint (count_indexed (fixture->project, "pipelined"), ==, shape.n);

  /* A trace made on the reading thread is whole: messages, summary, metadata. */
  trace = errata_project_get_trace (fixture->project, id_of (fixture->project, "order.jsonl", 1234),
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_trace_get_input (trace), ==, "question 1234");
  g_assert_cmpstr (errata_trace_get_output (trace), ==, "answer 1234 pipelined");
  g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 2);
  g_assert_cmpuint (json_array_get_length (errata_trace_get_messages (trace)), ==, 2);
  g_assert_cmpint (json_object_get_int_member (errata_trace_get_metadata (trace), "line"), ==, 1235);
}

/* A record repeated in the file is stored once; the file again adds nothing. */
static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  const Shape shape = { .n = 400, .repeat_every = 7 };
  g_autofree char *path = write_records (fixture->dir, "dups.jsonl", &shape);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) first = NULL;
  g_autoptr(ErrataImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  guint repeats = (shape.n + 6) / 7;

  errata_importer_set_batch_size (importer, 50);
  first = import_file (fixture->project, importer, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_records (first), ==, shape.n + repeats);
  g_assert_cmpuint (errata_import_report_get_n_added (first), ==, shape.n);
  g_assert_cmpuint (errata_import_report_get_n_duplicates (first), ==, repeats);
  g_assert_cmpint (count_traces (fixture->project), ==, shape.n);

  again = import_file (fixture->project, importer, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (again), ==, 0);
  g_assert_cmpuint (errata_import_report_get_n_duplicates (again), ==, shape.n + repeats);
  g_assert_cmpint (count_traces (fixture->project), ==, shape.n);
  g_assert_cmpint (count_indexed (fixture->project, "pipelined"), ==, shape.n);
}

/* Bad lines all through the file, across the hand-over chunks and the
 * batches: each named by its line, every good record stored. */
static void
test_bad_records (Fixture       *fixture,
                  gconstpointer  data)
{
  const Shape shape = { .n = 1000, .bad_every = 37 };
  g_autofree char *path = write_records (fixture->dir, "bad.jsonl", &shape);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  guint n_bad = shape.n / shape.bad_every;

  errata_importer_set_batch_size (importer, 64);
  report = import_file (fixture->project, importer, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, shape.n - n_bad);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, n_bad);
  problems = errata_import_report_get_problems (report);
  g_assert_cmpuint (problems->len, ==, n_bad);
  for (guint k = 0; k < n_bad; k++)
    {
      ErrataImportProblem *problem = g_ptr_array_index (problems, k);

      g_assert_cmpstr (problem->file, ==, "bad.jsonl");
      g_assert_cmpuint (problem->line, ==, (k + 1) * shape.bad_every);
      g_assert_cmpuint (problem->record, ==, (k + 1) * shape.bad_every);
    }
  for (guint i = 0; i < shape.n; i++)
    g_assert_cmpint (id_of (fixture->project, "bad.jsonl", i) > 0, ==, (i + 1) % shape.bad_every != 0);
  g_assert_cmpint (count_indexed (fixture->project, "pipelined"), ==, shape.n - n_bad);
}

/* A trace the database refuses (here: longer than the connection allows)
 * in the middle of a batch: named by its line; the batch is written again
 * without it, and nothing else is lost. */
static void
test_refused_trace (Fixture       *fixture,
                    gconstpointer  data)
{
  const Shape shape = { .n = 300, .big_line = 123, .big_size = 40000 };
  g_autofree char *path = write_records (fixture->dir, "refused.jsonl", &shape);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ErrataImportProblem *problem;

  sqlite3_limit (_errata_project_get_db (fixture->project), SQLITE_LIMIT_LENGTH, 20000);
  errata_importer_set_batch_size (importer, 50);
  report = import_file (fixture->project, importer, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, shape.n - 1);
  g_assert_cmpuint (errata_import_report_get_n_skipped (report), ==, 1);
  g_assert_cmpuint (errata_import_report_get_problems (report)->len, ==, 1);
  problem = g_ptr_array_index (errata_import_report_get_problems (report), 0);
  g_assert_cmpuint (problem->line, ==, shape.big_line);
  g_assert_cmpuint (problem->record, ==, shape.big_line);
  g_assert_cmpstr (problem->file, ==, "refused.jsonl");
  g_test_message ("refused: %s", problem->reason);

  for (guint i = 0; i < shape.n; i++)
    g_assert_cmpint (id_of (fixture->project, "refused.jsonl", i) > 0, ==, i + 1 != shape.big_line);
  g_assert_cmpint (count_traces (fixture->project), ==, shape.n - 1);
  g_assert_cmpint (count_indexed (fixture->project, "pipelined"), ==, shape.n - 1);
}

typedef struct
{
  GCancellable *cancellable;
  guint         at;
  guint         committed;
} CancelAt;

static void
cancel_at (guint    committed,
           gpointer user_data)
{
  CancelAt *cancel = user_data;

  cancel->committed = committed;
  if (committed >= cancel->at)
    g_cancellable_cancel (cancel->cancellable);
}

/* Cancelled in the middle of a file, with the reading thread well ahead:
 * every batch committed before is there, whole and in order, the batch in
 * flight is not, and the project takes the next import. */
static void
test_cancel_mid_file (Fixture       *fixture,
                      gconstpointer  data)
{
  const Shape shape = { .n = 3000 };
  g_autofree char *path = write_records (fixture->dir, "cancel.jsonl", &shape);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataImportReport) rest = NULL;
  g_autoptr(GError) error = NULL;
  CancelAt cancel = { cancellable, 1000, 0 };
  gint64 count;

  errata_importer_set_batch_size (importer, 100);
  errata_importer_set_batch_callback (importer, cancel_at, &cancel);
  report = import_file (fixture->project, importer, path, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  count = count_traces (fixture->project);
  g_assert_cmpint (count, ==, cancel.committed);
  g_assert_cmpint (count % 100, ==, 0);
  g_assert_cmpint (count, >=, 1000);
  g_assert_cmpint (count, <, shape.n);
  for (guint i = 0; i < shape.n; i++)
    g_assert_cmpint (id_of (fixture->project, "cancel.jsonl", i) > 0, ==, i < count);
  g_assert_cmpint (count_indexed (fixture->project, "pipelined"), ==, count);

  /* The rest comes with the next import; what is there is not added twice. */
  errata_importer_set_batch_callback (importer, NULL, NULL);
  rest = import_file (fixture->project, importer, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (rest), ==, shape.n - count);
  g_assert_cmpuint (errata_import_report_get_n_duplicates (rest), ==, count);
  g_assert_cmpint (count_traces (fixture->project), ==, shape.n);
}

/* Cancelled before it starts: nothing is stored. */
static void
test_cancel_at_once (Fixture       *fixture,
                     gconstpointer  data)
{
  const Shape shape = { .n = 2000 };
  g_autofree char *path = write_records (fixture->dir, "early.jsonl", &shape);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  report = import_file (fixture->project, importer, path, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_traces (fixture->project), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/import-pipeline/order", test_order);
  ADD ("/import-pipeline/duplicates", test_duplicates);
  ADD ("/import-pipeline/bad-records", test_bad_records);
  ADD ("/import-pipeline/refused-trace", test_refused_trace);
  ADD ("/import-pipeline/cancel-mid-file", test_cancel_mid_file);
  ADD ("/import-pipeline/cancel-at-once", test_cancel_at_once);

  return g_test_run ();
}
