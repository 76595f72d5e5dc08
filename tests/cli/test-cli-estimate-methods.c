/* test-cli-estimate-methods.c: `errata-cli estimate --method` and
 * `--target-half-width`: PPI++ as the core computes it, the two estimates
 * side by side with a line when their intervals do not overlap, and the
 * label budget of the hand computation in test-label-budget.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "errata-ppi.h"
#include "errata-test-utils.h"
#include "cli-test-utils.h"

static CliResult
run_cli (const char * const *args)
{
  return cli_run_args ("estimate", args);
}

typedef struct
{
  char *dir;
  char *labels;
  char *preds;
  char *unlabeled;
} Files;

static void
files_clear (Files *files)
{
  if (files->dir != NULL)
    errata_test_remove_tree (files->dir);
  g_free (files->dir);
  g_free (files->labels);
  g_free (files->preds);
  g_free (files->unlabeled);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Files, files_clear)

static char *
repeat_lines (const char *first,
              guint       n_first,
              const char *second,
              guint       n_second)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_first; i++)
    g_string_append_printf (text, "%s\n", first);
  for (guint i = 0; i < n_second; i++)
    g_string_append_printf (text, "%s\n", second);
  return g_string_free (text, FALSE);
}

/* Test pairs in cell order (tp, fn, fp, tn), each file in its own spelling,
 * with blank lines and spaces that must be skipped. */
static void
files_write (Files *files,
             guint  tp,
             guint  fn,
             guint  fp,
             guint  tn,
             guint  unlabeled_pass,
             guint  unlabeled_fail)
{
  g_autofree char *human_pass = repeat_lines ("1", tp + fn, "", 0);
  g_autofree char *human_fail = repeat_lines ("0", fp + tn, "", 0);
  g_autofree char *labels = g_strconcat (human_pass, "\n\n", human_fail, NULL);
  g_autofree char *preds_pass = repeat_lines ("pass", tp, "FAIL", fn);
  g_autofree char *preds_fail = repeat_lines (" Pass ", fp, "fail\r", tn);
  g_autofree char *preds = g_strconcat (preds_pass, preds_fail, NULL);
  g_autofree char *unlabeled = repeat_lines ("true", unlabeled_pass, "False", unlabeled_fail);

  files->dir = errata_test_make_tmpdir ();
  files->labels = errata_test_write_file (files->dir, "labels.txt", labels, -1);
  files->preds = errata_test_write_file (files->dir, "preds.txt", preds, -1);
  files->unlabeled = errata_test_write_file (files->dir, "unlabeled.txt", unlabeled, -1);
}

static JsonObject *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* 100 test pairs (40, 10, 5, 45) and 1000 unlabeled verdicts, 600 pass:
 * the example of test-label-budget.c. */
static void
test_both_json (void)
{
  g_auto(Files) files = { 0 };
  ErrataConfusion test = { .tp = 40, .fn = 10, .fp = 5, .tn = 45 };
  ErrataPpiMean ppi;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *object, *budget;
  g_auto(CliResult) result = { 0 };

  files_write (&files, 40, 10, 5, 45, 600, 400);
  {
    const char *args[] = { "--test-labels", files.labels, "--test-preds", files.preds,
                           "--unlabeled-preds", files.unlabeled, "--iterations", "500",
                           "--method", "both", "--target-half-width", "0.03", "--json", NULL };
    result = run_cli (args);
  }
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (errata_estimate_ppi_mean (&test, 600, 400, 0.95, &ppi, NULL));
  root = parse_json (result.out);
  g_assert_true (json_object_has_member (root, "pass_rate"));
  object = json_object_get_object_member (root, "ppi");
  g_assert_cmpfloat (json_object_get_double_member (object, "pass_rate"), ==, ppi.pass_rate);
  g_assert_cmpfloat (json_object_get_double_member (object, "lambda"), ==, ppi.lambda);
  g_assert_cmpint (json_object_get_int_member (object, "n_labeled"), ==, 100);
  g_assert_false (json_object_get_boolean_member (root, "estimates_disagree"));
  budget = json_object_get_object_member (root, "budget");
  g_assert_false (json_object_get_boolean_member (
                    json_object_get_object_member (budget, "rogan_gladen"), "reachable"));
  object = json_object_get_object_member (budget, "ppi");
  g_assert_cmpint (json_object_get_int_member (object, "n_needed"), ==, 968);
  g_assert_cmpint (json_object_get_int_member (object, "n_more"), ==, 868);
}

/* The labeled traces pass far more often than the unlabeled ones say
 * (45 of 50 human pass) while the judge is good on them: PPI++ leans on
 * the labels' rate, Rogan–Gladen on the judge's; the intervals part. */
static void
test_disagreement_text (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) result = { 0 };

  files_write (&files, 44, 1, 1, 4, 100, 900);
  {
    const char *args[] = { "--test-labels", files.labels, "--test-preds", files.preds,
                           "--unlabeled-preds", files.unlabeled, "--iterations", "500",
                           "--method", "both", NULL };
    result = run_cli (args);
  }
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Corrected pass rate"));
  g_assert_nonnull (strstr (result.out, "PPI++ pass rate"));
  g_assert_nonnull (strstr (result.out, "differ by more than their intervals allow"));
  g_assert_nonnull (strstr (result.out, "random sample"));
}

static void
test_ppi_only_and_usage (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) ppi = { 0 };
  g_auto(CliResult) bad = { 0 };
  g_auto(CliResult) budget = { 0 };

  files_write (&files, 40, 10, 5, 45, 600, 400);
  {
    const char *args[] = { "--test-labels", files.labels, "--test-preds", files.preds,
                           "--unlabeled-preds", files.unlabeled, "--method", "ppi",
                           "--target-half-width", "0.03", NULL };
    const char *bad_args[] = { "--test-labels", files.labels, "--test-preds", files.preds,
                               "--unlabeled-preds", files.unlabeled, "--method", "magic", NULL };
    const char *budget_args[] = { "--test-labels", files.labels, "--test-preds", files.preds,
                                  "--unlabeled-preds", files.unlabeled,
                                  "--target-half-width", "2", NULL };
    ppi = run_cli (args);
    bad = run_cli (bad_args);
    budget = run_cli (budget_args);
  }
  g_assert_cmpint (ppi.status, ==, 0);
  g_assert_null (strstr (ppi.out, "Corrected pass rate"));
  g_assert_nonnull (strstr (ppi.out, "PPI++ pass rate"));
  g_assert_nonnull (strstr (ppi.out, "about 868 more labeled traces (968 in all)"));
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--method"));
  g_assert_cmpint (budget.status, ==, 2);
  g_assert_nonnull (strstr (budget.err, "--target-half-width"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/estimate-methods/both-json", test_both_json);
  g_test_add_func ("/cli/estimate-methods/disagreement-text", test_disagreement_text);
  g_test_add_func ("/cli/estimate-methods/ppi-only-and-usage", test_ppi_only_and_usage);
  return g_test_run ();
}
