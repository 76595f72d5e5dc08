/* errata-bench-delete.c: how long deleting an import takes, and undoing
 * it (issue 21). Figures in bench/README.md, "Deleting traces".
 *
 *   errata-bench-delete KEEP.jsonl GO.jsonl
 *
 * Both files are imported into a new project in a temporary folder
 * (bench/generate-traces.py makes them); one GO trace in ten is reviewed,
 * the overall target split, every trace given a judge verdict; then the
 * GO import is counted, deleted with undo, undone, and deleted without.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "errata-importer.h"
#include "errata-project-imports.h"
#include "errata-project-private.h"
#include "errata-splits.h"
#include "errata-trace-deletion.h"

static gint64
import (ErrataProject *project,
        const char    *path)
{
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  report = errata_importer_import (importer, project, &file, 1, NULL, &error);
  if (report == NULL)
    g_error ("%s", error->message);
  g_assert_true (_errata_project_query_int (project, "SELECT max (id) FROM imports", &id, NULL));
  return id;
}

static void
exec (ErrataProject *project,
      const char    *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTraceDeletion) deletion = NULL;
  g_autoptr(ErrataTraceDeletion) again = NULL;
  g_autoptr(GError) error = NULL;
  ErrataDeletionCounts counts;
  gint64 go, start, n = 0;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s KEEP.jsonl GO.jsonl\n", argv[0]);
      return 2;
    }
  dir = g_dir_make_tmp ("errata-bench-delete-XXXXXX", NULL);
  path = g_build_filename (dir, "bench.errata", NULL);
  file = g_file_new_for_path (path);
  project = errata_project_create (file, &error);
  g_assert_no_error (error);
  import (project, argv[1]);
  go = import (project, argv[2]);
  sql = g_strdup_printf ("INSERT INTO annotations (trace_id, annotator, verdict, note, created_at,"
                         " updated_at) SELECT id, 'bench', CASE WHEN id %% 3 = 0 THEN 'fail'"
                         " ELSE 'pass' END, 'note ' || id, 1, 1 FROM traces WHERE import_id ="
                         " %" G_GINT64_FORMAT " AND id %% 10 = 0;"
                         "INSERT INTO notes_fts (rowid, note) SELECT id, note FROM annotations;"
                         "INSERT INTO evaluators (name, target, kind, created_at)"
                         " VALUES ('judge', 0, 'llm', 1);"
                         "INSERT INTO evaluator_versions (evaluator_id, number, created_at)"
                         " VALUES (1, 1, 1);"
                         "INSERT INTO runs (version_id, scope, status, started_at)"
                         " VALUES (1, 'all', 'done', 1);"
                         "INSERT INTO verdicts (run_id, trace_id, verdict, created_at)"
                         " SELECT 1, id, 'pass', 1 FROM traces;", go);
  exec (project, sql);
  g_assert_true (errata_splits_update (project, 0, &error));
  g_assert_no_error (error);
  g_assert_true (_errata_project_query_int (project, "SELECT count (*) FROM traces", &n, NULL));
  printf ("project: %" G_GINT64_FORMAT " traces\n", n);

  deletion = errata_trace_deletion_new_for_import (go);
  start = g_get_monotonic_time ();
  g_assert_true (errata_trace_deletion_count (deletion, project, &counts, &error));
  printf ("count (the confirmation, --dry-run): %.3f s for %" G_GINT64_FORMAT " traces, %"
          G_GINT64_FORMAT " reviews, %" G_GINT64_FORMAT " verdicts, %" G_GINT64_FORMAT
          " splits\n", seconds_since (start), counts.traces, counts.reviews, counts.verdicts,
          counts.splits);

  start = g_get_monotonic_time ();
  g_assert_true (errata_trace_deletion_run (deletion, project, TRUE, &error));
  g_assert_no_error (error);
  printf ("delete with undo: %.3f s\n", seconds_since (start));

  start = g_get_monotonic_time ();
  g_assert_true (errata_trace_deletion_undo (deletion, project, &error));
  g_assert_no_error (error);
  printf ("undo: %.3f s\n", seconds_since (start));

  again = errata_trace_deletion_new_for_import (go);
  start = g_get_monotonic_time ();
  g_assert_true (errata_trace_deletion_run (again, project, FALSE, &error));
  g_assert_no_error (error);
  printf ("delete without undo (errata-cli delete): %.3f s\n", seconds_since (start));

  errata_project_close (project);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
