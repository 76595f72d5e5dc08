/* errata-bench-labels.c: ground truth and splits at 100k traces.
 *
 * A project of N traces (default 100,000) where two reviewers reviewed
 * every trace, an imported file gave a verdict for half of them, one note
 * in five sits in a failure mode and one trace in twenty has an explicit
 * label. Prints the time of errata_ground_truth_list (overall and the
 * mode), errata_ground_truth_count, the first errata_splits_update (which
 * assigns every trace) and a second one (which assigns nothing), the
 * median of 5 runs each, wall and CPU time. Figures in bench/README.md, "Labels and splits".
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "errata-ground-truth.h"
#include "errata-project-private.h"
#include "errata-splits.h"

/* The rows straight in with SQL: the importer's cost is not measured here. */
static const char fill_sql[] =
  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
  " INSERT INTO traces (id, external_id, source, imported_at, sample_key)"
  "  SELECT i, 'trace-' || i, 'bench', 0, random () FROM n;"
  "INSERT INTO failure_modes (id, name, created_at) VALUES (1, 'Over budget', 0);"
  "INSERT INTO annotations (trace_id, annotator, verdict, note, created_at, updated_at, origin)"
  "  SELECT id, 'Ada', CASE WHEN id %% 3 = 0 THEN 'fail' ELSE 'pass' END,"
  "         CASE WHEN id %% 3 = 0 THEN 'too expensive' ELSE '' END, id, id, 'here' FROM traces;"
  "INSERT INTO annotations (trace_id, annotator, verdict, note, created_at, updated_at, origin)"
  "  SELECT id, 'Bob', CASE WHEN id %% 3 = 0 OR id %% 17 = 0 THEN 'fail' ELSE 'pass' END,"
  "         '', id, id, 'merged' FROM traces;"
  "INSERT INTO annotations (trace_id, annotator, verdict, note, created_at, updated_at, origin)"
  "  SELECT id, 'import', CASE WHEN id %% 5 = 0 THEN 'fail' ELSE 'pass' END, '', id, id,"
  "         'imported' FROM traces WHERE id %% 2 = 0;"
  "INSERT INTO assignments (annotation_id, failure_mode_id, created_at)"
  "  SELECT id, 1, 0 FROM annotations WHERE note <> '' AND trace_id %% 5 = 0;"
  "INSERT INTO explicit_labels (target, trace_id, value, annotator, updated_at)"
  "  SELECT 0, id, 'fail', 'Dana', 0 FROM traces WHERE id %% 20 = 0;";

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The process's CPU time: on a shared machine the wall time says more
 * about the neighbours than about the code. */
static double
cpu_ms (void)
{
  return clock () * 1000.0 / CLOCKS_PER_SEC;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static ErrataProject *
make_project (const char *path,
              guint       n)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (fill_sql, n);
  ErrataProject *project;
  char *message = NULL;

  g_unlink (path);
  project = errata_project_create (file, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  if (!errata_project_begin (project, &error) ||
      sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message) != SQLITE_OK ||
      !errata_project_commit (project, &error))
    g_error ("filling the project: %s", message ? message : error->message);
  return project;
}

typedef gboolean (*Step) (ErrataProject *project, gint64 target, GError **error);

static gboolean
step_list (ErrataProject  *project,
           gint64          target,
           GError        **error)
{
  g_autoptr(GArray) truths = errata_ground_truth_list (project, target, error);

  return truths != NULL;
}

static gboolean
step_count (ErrataProject  *project,
            gint64          target,
            GError        **error)
{
  ErrataTruthCounts counts;

  return errata_ground_truth_count (project, target, &counts, error);
}

static gboolean
step_unassign (ErrataProject  *project,
               gint64          target,
               GError        **error)
{
  if (sqlite3_exec (_errata_project_get_db (project), "DELETE FROM splits", NULL, NULL, NULL)
      != SQLITE_OK)
    return _errata_project_set_error (project, error, "unassign");
  return TRUE;
}

static void
measure (const char    *what,
         ErrataProject *project,
         gint64         target,
         Step           step,
         Step           before)
{
  double times[5], cpu[5];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      double start, start_cpu;

      if (before != NULL && !before (project, target, &error))
        g_error ("%s", error->message);
      start = now_ms ();
      start_cpu = cpu_ms ();
      if (!step (project, target, &error))
        g_error ("%s: %s", what, error->message);
      times[i] = now_ms () - start;
      cpu[i] = cpu_ms () - start_cpu;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  qsort (cpu, G_N_ELEMENTS (cpu), sizeof (double), compare_doubles);
  g_print ("%-40s wall %7.1f ms (max %7.1f)  cpu %7.1f ms\n", what, times[2], times[4], cpu[2]);
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("errata-bench-labels-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "labels.errata", NULL);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GArray) truths = NULL;
  g_autoptr(GError) error = NULL;
  double start = now_ms ();

  project = make_project (path, n);
  g_print ("%u traces, %u annotations made in %.0f ms\n", n, n * 5 / 2, now_ms () - start);
  truths = errata_ground_truth_list (project, 0, &error);
  g_print ("%u traces with a label for overall\n", truths->len);

  measure ("ground_truth_list (overall)", project, 0, step_list, NULL);
  measure ("ground_truth_list (a failure mode)", project, 1, step_list, NULL);
  measure ("ground_truth_count (overall)", project, 0, step_count, NULL);
  measure ("splits_update, everything new (overall)", project, 0, errata_splits_update,
           step_unassign);
  measure ("splits_update, nothing new (overall)", project, 0, errata_splits_update, NULL);

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
