/* test-project-size.c: a project file's bytes per part (issue 17, part 3).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "errata-project-private.h"
#include "errata-project-size.h"
#include "errata-test-utils.h"

static void
exec_sql (ErrataProject *project,
          const char    *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
add_traces (ErrataProject *project,
            guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *question = g_strdup_printf ("Question %u: %s", i,
                                                   "where is my parcel, it was due last week?");
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, question,
                                                            "It left the depot this morning.");
      g_autoptr(GError) error = NULL;

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
    }
}

/* `n` verdicts with a reasoning of `reasoning_chars` each, on traces 1..n. */
static void
add_verdicts (ErrataProject *project,
              guint          n,
              guint          reasoning_chars)
{
  g_autoptr(GString) sql = g_string_new (
    "BEGIN;"
    "INSERT INTO evaluators (name, target, kind, created_at) VALUES ('judge', 0, 'judge', 0);"
    "INSERT INTO evaluator_versions (evaluator_id, number, created_at) VALUES (1, 1, 0);"
    "INSERT INTO runs (id, version_id, scope, status, started_at)"
    " VALUES (1, 1, 'all', 'done', 0);");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (sql, "INSERT INTO verdicts (run_id, trace_id, verdict, reasoning,"
                            " created_at) VALUES (1, %u, 'fail', printf ('%%.*c', %u, 'x'), 0);",
                            i, reasoning_chars);
  g_string_append (sql, "COMMIT;");
  exec_sql (project, sql->str);
}

static gint64
sum_of_parts (const ErrataProjectSizes *sizes)
{
  gint64 sum = 0;

  for (int part = 0; part < ERRATA_PROJECT_N_PARTS; part++)
    {
      g_assert_cmpint (sizes->bytes[part], >=, 0);
      sum += sizes->bytes[part];
    }
  return sum;
}

static void
get_sizes (ErrataProject      *project,
           ErrataProjectSizes *sizes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_project_get_sizes (project, sizes, &error));
  g_assert_no_error (error);
}

/* The parts add up to the file (free pages included: "other"), and each
 * kind of row lands in its own part. */
static void
test_parts_add_up (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GFile) file = g_object_ref (errata_project_get_file (project));
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(ErrataProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  ErrataProjectSizes before;
  ErrataProjectSizes after;
  GStatBuf st;

  add_traces (project, 300);
  get_sizes (project, &before);
  if (!before.per_part)
    {
      g_test_skip ("this SQLite has no dbstat table");
      errata_project_close (project);
      errata_test_remove_tree (dir);
      return;
    }
  g_assert_cmpint (sum_of_parts (&before), ==, before.total);
  /* 300 traces of ~70 characters of text, stored as messages and more. */
  g_assert_cmpint (before.bytes[ERRATA_PROJECT_PART_TRACES], >, 300 * 70);
  g_assert_cmpint (before.bytes[ERRATA_PROJECT_PART_SEARCH], >, 0);

  add_verdicts (project, 300, 400);
  get_sizes (project, &after);
  g_assert_cmpint (sum_of_parts (&after), ==, after.total);
  g_assert_cmpint (after.bytes[ERRATA_PROJECT_PART_VERDICTS]
                   - before.bytes[ERRATA_PROJECT_PART_VERDICTS], >=, 300 * 400);
  g_assert_cmpint (after.bytes[ERRATA_PROJECT_PART_TRACES], ==,
                   before.bytes[ERRATA_PROJECT_PART_TRACES]);
  errata_project_close (project);

  /* Closed, the WAL is folded in: the total is the file's size. */
  reopened = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  get_sizes (reopened, &after);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (after.total, ==, st.st_size);
  g_assert_cmpint (sum_of_parts (&after), ==, after.total);
  errata_project_close (reopened);
  errata_test_remove_tree (dir);
}

static void
test_part_names (void)
{
  for (int part = 0; part < ERRATA_PROJECT_N_PARTS; part++)
    {
      g_assert_nonnull (errata_project_part_key (part));
      g_assert_cmpstr (errata_project_part_label (part), !=, "");
    }
  g_assert_cmpstr (errata_project_part_key (ERRATA_PROJECT_PART_VERDICTS), ==, "verdicts");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/project-size/parts-add-up", test_parts_add_up);
  g_test_add_func ("/project-size/part-names", test_part_names);
  return g_test_run ();
}
