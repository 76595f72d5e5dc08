/* test-cli-merge.c: `errata-cli merge` as a user runs it: the preview and
 * the merge in words and JSON, conflicts listed, exit statuses.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "errata-test-utils.h"
#include "cli-test-utils.h"

/* A project with traces r0..r2; `who` reviewed r0 with `verdict`, and,
 * when `colleague` is set, r1 too under that name. */
static char *
make_project (const char    *dir,
              const char    *name,
              const char    *who,
              ErrataVerdict  verdict,
              const char    *colleague)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);
  g_autoptr(ErrataAnnotation) mine = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      g_autofree char *question = g_strdup_printf ("question %u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, question, "answer");

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
    }
  mine = errata_annotation_new (1, who);
  mine->verdict = verdict;
  g_assert_true (errata_project_set_annotation (project, mine, &error));
  if (colleague != NULL)
    {
      g_autoptr(ErrataAnnotation) theirs = errata_annotation_new (2, colleague);

      theirs->verdict = ERRATA_VERDICT_FAIL;
      g_free (theirs->note);
      theirs->note = g_strdup ("made up a price");
      g_assert_true (errata_project_set_annotation (project, theirs, &error));
    }
  g_assert_no_error (error);
  errata_project_close (project);
  return path;
}

static void
test_preview_merge_and_again (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *here = make_project (dir, "here.errata", "Ada", ERRATA_VERDICT_PASS, NULL);
  g_autofree char *theirs = make_project (dir, "theirs.errata", "Ada", ERRATA_VERDICT_FAIL,
                                          "Grace");
  g_auto(CliResult) preview = cli_run ("merge", here, theirs, "--dry-run", NULL);
  g_auto(CliResult) merged = { 0 };
  g_auto(CliResult) again = { 0 };

  /* Ada reviewed r0 in both files, differently: a conflict, exit 1. */
  g_assert_cmpint (preview.status, ==, 1);
  cli_assert_contains (preview.out, "nothing was written");
  cli_assert_contains (preview.out, "Traces: 3 matched by id, 0 matched by their messages, "
                                "0 not in this project");
  cli_assert_contains (preview.out, "Reviews: 1 new, 0 updated, 0 unchanged");
  cli_assert_contains (preview.out, "1 conflicting");
  cli_assert_contains (preview.out, "r0 (test), Ada: here pass");
  cli_assert_contains (preview.out, "theirs fail");

  merged = cli_run ("merge", here, theirs, NULL);
  g_assert_cmpint (merged.status, ==, 1);
  cli_assert_contains (merged.out, "Merged the reviews of");
  cli_assert_contains (merged.out, "Reviews: 1 new,");

  again = cli_run ("merge", here, theirs, NULL);
  cli_assert_contains (again.out, "Reviews: 0 new, 0 updated, 1 unchanged");
  errata_test_remove_tree (dir);
}

static void
test_json_without_conflicts (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *here = make_project (dir, "here.errata", "Ada", ERRATA_VERDICT_PASS, NULL);
  g_autofree char *theirs = make_project (dir, "theirs.errata", "Grace", ERRATA_VERDICT_FAIL,
                                          NULL);
  g_auto(CliResult) result = cli_run ("merge", here, theirs, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, result.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "written"));
  g_assert_cmpint (json_object_get_int_member (root, "reviews_new"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "traces_by_id"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "conflicts")),
                    ==, 0);
  errata_test_remove_tree (dir);
}

static void
test_refusals (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *here = make_project (dir, "here.errata", "Ada", ERRATA_VERDICT_PASS, NULL);
  g_autofree char *theirs = make_project (dir, "theirs.errata", "Grace", ERRATA_VERDICT_FAIL,
                                          NULL);
  g_autofree char *newer = g_strdup_printf ("format %d", ERRATA_PROJECT_SCHEMA_VERSION + 1);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                             ERRATA_PROJECT_SCHEMA_VERSION + 1);
  g_auto(CliResult) usage = cli_run ("merge", here, NULL);
  g_auto(CliResult) too_new = { 0 };
  sqlite3 *db = NULL;

  g_assert_cmpint (usage.status, ==, 2);
  g_assert_cmpint (sqlite3_open (theirs, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  too_new = cli_run ("merge", here, theirs, NULL);
  g_assert_cmpint (too_new.status, ==, 2);
  cli_assert_contains (too_new.err, "Cannot merge reviews from");
  cli_assert_contains (too_new.err, newer);
  cli_assert_contains (too_new.err, "newer version of Errata");
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/merge/preview-merge-and-again", test_preview_merge_and_again);
  g_test_add_func ("/cli/merge/json-without-conflicts", test_json_without_conflicts);
  g_test_add_func ("/cli/merge/refusals", test_refusals);
  return g_test_run ();
}
