/* test-cli-label.c: `errata-cli label` and `errata-cli split` as a user
 * runs them: exit codes, messages, labels files, the split's counts.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-ground-truth.h"
#include "errata-labels.h"
#include "errata-test-utils.h"
#include "cli-test-utils.h"

/* A project with traces r0..r{n-1}; Ada reviewed r0 as a fail. */
static char *
make_project (const char *dir,
              guint       n)
{
  char *path = g_build_filename (dir, "p.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "question", "answer");

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
    }
  {
    g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (1, "Ada");

    annotation->verdict = ERRATA_VERDICT_FAIL;
    g_assert_true (errata_project_set_annotation (project, annotation, &error));
  }
  g_assert_no_error (error);
  errata_project_close (project);
  return path;
}

static void
test_usage (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = make_project (dir, 3);
  CliResult r;

  r = cli_run ("label", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "--target");
  cli_assert_contains (r.out, "--file");
  cli_result_clear (&r);

  r = cli_run ("split", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "--target");
  cli_result_clear (&r);

  r = cli_run ("label", project, "r1", "pass", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "--target is missing");
  cli_result_clear (&r);

  r = cli_run ("label", project, "--target", "overall", "r1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "--file");
  cli_result_clear (&r);

  r = cli_run ("label", project, "--target", "Under budget", "r1", "pass", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "No failure mode is called “Under budget”");
  cli_result_clear (&r);

  r = cli_run ("label", project, "--target", "overall", "ghost", "pass", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "No trace has the id “ghost”");
  cli_result_clear (&r);

  r = cli_run ("label", project, "--target", "overall", "r1", "maybe", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "“maybe” is not a label");
  cli_result_clear (&r);

  r = cli_run ("label", project, "--target", "overall", "--file", "/nonexistent/l.csv", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "l.csv");
  cli_result_clear (&r);

  r = cli_run ("split", "/nonexistent/p.errata", "--target", "overall", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "does not exist");
  cli_result_clear (&r);

  errata_test_remove_tree (dir);
}

static void
test_label_one (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = make_project (dir, 3);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  ErrataLabelChange *change;
  CliResult r;

  r = cli_run ("label", path, "--target", "overall", "r1", "pass", "--who", "Dana",
               "--reason", "checked the listing", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "r1: the label for “overall” is now pass (it was unset).");
  cli_result_clear (&r);

  r = cli_run ("label", path, "--target", "OVERALL", "r1", "PASS", "--who", "Dana", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "is already pass; nothing changed");
  cli_result_clear (&r);

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  history = errata_labels_history (project, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  change = history->pdata[0];
  g_assert_cmpstr (change->who, ==, "Dana");
  g_assert_cmpstr (change->reason, ==, "checked the listing");
  g_assert_cmpint (change->new_value, ==, ERRATA_VERDICT_PASS);
  errata_project_close (project);

  /* Without --who, the name is someone's, never empty. */
  r = cli_run ("label", path, "--target", "overall", "r2", "fail", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) node = json_from_string (r.out, &error);

    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "set"), ==, 1);
  }
  cli_result_clear (&r);
  g_clear_object (&project);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = errata_labels_history (project, 0, 0, &error);
  g_assert_cmpuint (history->len, ==, 2);
  change = history->pdata[1];
  g_assert_cmpstr (change->who, !=, "");
  errata_project_close (project);

  errata_test_remove_tree (dir);
}

static void
test_label_file_and_split (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = make_project (dir, 40);
  g_autoptr(GString) csv = g_string_new ("id,label\n");
  g_autofree char *labels = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object, *splits, *sources;
  guint total = 0;
  CliResult r;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "r%u,%s\n", i, i % 4 == 0 ? "fail" : "pass");
  g_string_append (csv, "r99,pass\nr3,sometimes\n");
  labels = errata_test_write_file (dir, "labels.csv", csv->str, -1);

  /* Two bad rows: reported with their lines, status 1, the rest set. */
  r = cli_run ("label", path, "--target", "overall", "--file", labels, "--who", "Dana", NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_assert_contains (r.err, "labels.csv: line 42:");
  cli_assert_contains (r.err, "no trace has the id “r99”");
  cli_assert_contains (r.err, "labels.csv: line 43:");
  cli_assert_contains (r.out, "Read 42 rows");
  cli_assert_contains (r.out, "40 set, 0 unchanged, 2 skipped");
  cli_result_clear (&r);

  r = cli_run ("split", path, "--target", "overall", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = json_from_string (r.out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "target"), ==, "overall");
  g_assert_cmpint (json_object_get_int_member (object, "disputed"), ==, 0);
  splits = json_object_get_object_member (object, "splits");
  for (guint s = 0; s < 4; s++)
    {
      const char *name[] = { "train", "dev", "test", "unassigned" };
      JsonObject *split = json_object_get_object_member (splits, name[s]);

      total += json_object_get_int_member (split, "pass") + json_object_get_int_member (split, "fail");
    }
  g_assert_cmpuint (total, ==, 40);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (splits, "train"),
                                               "fail"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (splits, "test"),
                                               "pass"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (splits, "unassigned"),
                                               "pass"), ==, 0);
  sources = json_object_get_object_member (object, "labels");
  g_assert_cmpint (json_object_get_int_member (sources, "explicit"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (sources, "reviews"), ==, 0);
  cli_result_clear (&r);

  r = cli_run ("split", path, "--target", "overall", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "40 explicit");
  cli_assert_contains (r.out, "Disputed: 0");
  cli_assert_contains (r.out, "train");
  cli_result_clear (&r);

  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-label/usage", test_usage);
  g_test_add_func ("/cli-label/label-one", test_label_one);
  g_test_add_func ("/cli-label/label-file-and-split", test_label_file_and_split);

  return g_test_run ();
}
