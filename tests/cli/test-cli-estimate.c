/* test-cli-estimate.c: `errata-cli estimate` on verdict files, run as a
 * program: the figures are the core's on the same data (and judgy's with
 * --fixed-unlabeled, for the dataset the stats tests pin), bad lines are reported with file and
 * line, test files must pair up, a judge no better than chance is refused,
 * and the JSON has the shape scripts rely on. With --method ppi|both and
 * --target-half-width: PPI++ as the core computes it, the two estimates side
 * by side with a line when their intervals do not overlap, and the label
 * budget of the hand computation in test-label-budget.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-corrected-rate.h"
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

static void
assert_interval (JsonObject           *object,
                 const char           *name,
                 const ErrataInterval *expected)
{
  JsonArray *array = json_object_get_array_member (object, name);

  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpfloat (json_array_get_double_element (array, 0), ==, expected->lower);
  g_assert_cmpfloat (json_array_get_double_element (array, 1), ==, expected->upper);
}

/* Dataset A of test-corrected-rate.c: θ = 0.5 / 0.7, the very double that
 * judgy's method gives in numpy; the same seed gives the core's interval,
 * the unlabeled verdicts resampled. */
static void
test_same_as_core (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonObject) json = NULL;
  ErrataConfusion test = { .tp = 40, .fn = 10, .fp = 5, .tn = 45 };
  ErrataBootstrapOptions options = { .seed = 7, .n_draws = 3000, .level = 0.9 };
  ErrataCorrectedRate rate;
  g_autoptr(GError) error = NULL;

  files_write (&files, 40, 10, 5, 45, 600, 400);
  g_assert_true (errata_estimate_corrected_rate (&test, 600, 400, &options, &rate, &error));
  g_assert_no_error (error);

  result = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", files.preds,
                                       "--unlabeled-preds", files.unlabeled, "--seed", "7",
                                       "--iterations", "3000", "--confidence", "0.9", "--json",
                                       NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  json = parse_json (result.out);

  g_assert_cmpfloat (json_object_get_double_member (json, "pass_rate"), ==, 0.71428571428571408);
  g_assert_cmpfloat (json_object_get_double_member (json, "pass_rate"), ==, rate.pass_rate);
  g_assert_cmpfloat (json_object_get_double_member (json, "failure_rate"), ==, rate.failure_rate);
  assert_interval (json, "pass_interval", &rate.pass_interval);
  assert_interval (json, "failure_interval", &rate.failure_interval);
  g_assert_cmpfloat (json_object_get_double_member (json, "observed_pass_rate"), ==, 0.6);
  g_assert_cmpfloat (json_object_get_double_member (json, "tpr"), ==, 0.8);
  g_assert_cmpfloat (json_object_get_double_member (json, "tnr"), ==, 0.9);
  g_assert_cmpfloat (json_object_get_double_member (json, "confidence"), ==, 0.9);
  g_assert_false (json_object_get_boolean_member (json, "clipped"));
  g_assert_cmpint (json_object_get_int_member (json, "n_test"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (json, "n_test_pass"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (json, "n_test_fail"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (json, "n_unlabeled"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (json, "n_unlabeled_pass"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (json, "iterations"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (json, "draws_used"), ==, rate.n_draws_used);
  g_assert_cmpint (json_object_get_int_member (json, "draws_skipped"), ==, rate.n_draws_skipped);
  g_assert_cmpint (json_object_get_int_member (json, "seed"), ==, 7);
  g_assert_true (json_object_get_boolean_member (json, "unlabeled_resampled"));
  g_assert_cmpuint (json_object_get_size (json), ==, 19);
}

/* Defaults: seed 0, 20,000 draws, 95 %, the unlabeled verdicts resampled:
 * the interval test-corrected-rate.c pins for seed 0, [0.60230, 0.86388]. */
static void
test_text_defaults (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) result = { 0 };

  files_write (&files, 40, 10, 5, 45, 600, 400);
  result = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", files.preds,
                                       "--unlabelled-preds", files.unlabeled, NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Corrected pass rate θ: 0.7143  (95% interval 0.6023 – 0.8639)"));
  g_assert_nonnull (strstr (result.out, "Failure rate 1 − θ:    0.2857  (95% interval 0.1361 – 0.3977)"));
  g_assert_nonnull (strstr (result.out, "0.6000  (600 of 1000 unlabeled verdicts pass)"));
  g_assert_nonnull (strstr (result.out, "TPR 0.8000, TNR 0.9000  (100 pairs: 50 human pass, 50 human fail)"));
  g_assert_nonnull (strstr (result.out, "20000 draws, 20000 used, 0 skipped, seed 0"));
  g_assert_nonnull (strstr (result.out, "cover the judge’s errors on the test set and the sampling "
                                        "of the unlabeled traces"));
}

/* --fixed-unlabeled is judgy's method: the interval test-corrected-rate.c
 * pins for seed 0 and compares with numpy, [0.61130, 0.85669]. */
static void
test_fixed_unlabeled (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) text = { 0 };
  g_auto(CliResult) json_result = { 0 };
  g_autoptr(JsonObject) json = NULL;

  files_write (&files, 40, 10, 5, 45, 600, 400);
  text = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", files.preds,
                                     "--unlabeled-preds", files.unlabeled, "--fixed-unlabeled",
                                     NULL });
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Corrected pass rate θ: 0.7143  (95% interval 0.6113 – 0.8567)"));
  g_assert_nonnull (strstr (text.out, "Failure rate 1 − θ:    0.2857  (95% interval 0.1433 – 0.3887)"));
  g_assert_nonnull (strstr (text.out, "the unlabeled pass rate was held fixed"));

  json_result = run_cli ((const char *[]) { "--test-labels", files.labels,
                                            "--test-preds", files.preds,
                                            "--unlabelled-preds", files.unlabeled,
                                            "--fixed-unlabelled", "--json", NULL });
  g_assert_cmpint (json_result.status, ==, 0);
  json = parse_json (json_result.out);
  g_assert_false (json_object_get_boolean_member (json, "unlabeled_resampled"));
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (
                                    json_object_get_array_member (json, "pass_interval"), 0),
                                  0.61130395578824903, 1e-12);
}

/* A judge perfect on 100 test pairs and 20 unlabeled verdicts, 13 passing:
 * the interval is that of the 20 traces' binomial, [0.45, 0.85]
 * (test-corrected-rate.c, perfect-judge-resampled); with
 * --fixed-unlabeled it is the point 0.65. */
static void
test_perfect_judge_few_traces (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) fixed = { 0 };

  files_write (&files, 50, 0, 0, 50, 13, 7);
  result = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", files.preds,
                                       "--unlabeled-preds", files.unlabeled, NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Corrected pass rate θ: 0.6500  (95% interval 0.4500 – 0.8500)"));
  fixed = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", files.preds,
                                      "--unlabeled-preds", files.unlabeled, "--fixed-unlabeled",
                                      NULL });
  g_assert_nonnull (strstr (fixed.out, "Corrected pass rate θ: 0.6500  (95% interval 0.6500 – 0.6500)"));
}

static void
assert_usage_error (CliResult  *result,
                    const char *part)
{
  g_assert_cmpint (result->status, ==, 2);
  if (strstr (result->err, part) == NULL)
    g_error ("“%s” not in “%s”", part, result->err);
}

static void
test_bad_line (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) result = { 0 };
  g_autofree char *bad = NULL;
  g_autofree char *where = NULL;

  files_write (&files, 4, 1, 1, 4, 6, 4);
  bad = errata_test_write_file (files.dir, "bad.txt", "pass\n\nfail\nmaybe\n1\n", -1);
  result = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", bad,
                                       "--unlabeled-preds", files.unlabeled, NULL });
  where = g_strdup_printf ("%s:4: “maybe” is not a verdict", bad);
  assert_usage_error (&result, where);
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_lengths_differ (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) result = { 0 };
  g_autofree char *short_preds = NULL;

  files_write (&files, 4, 1, 1, 4, 6, 4);
  short_preds = errata_test_write_file (files.dir, "short.txt", "1\n0\n1\n", -1);
  result = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", short_preds,
                                       "--unlabeled-preds", files.unlabeled, NULL });
  assert_usage_error (&result, "has 10 verdicts but");
  assert_usage_error (&result, "has 3");
}

/* TPR 0.4 + TNR 0.5 ≤ 1: no correction can be made; exit 1, not a usage error. */
static void
test_chance_refused (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) one_class = { 0 };
  g_autofree char *all_pass = NULL;

  files_write (&files, 4, 6, 5, 5, 6, 4);
  result = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", files.preds,
                                       "--unlabeled-preds", files.unlabeled, "--json", NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "no better than chance"));
  g_assert_cmpstr (result.out, ==, "");

  all_pass = errata_test_write_file (files.dir, "all-pass.txt", "1\n1\n1\n", -1);
  one_class = run_cli ((const char *[]) { "--test-labels", all_pass, "--test-preds", all_pass,
                                          "--unlabeled-preds", files.unlabeled, NULL });
  g_assert_cmpint (one_class.status, ==, 1);
  g_assert_nonnull (strstr (one_class.err, "human failed"));
}

static void
test_usage (void)
{
  g_auto(Files) files = { 0 };
  g_auto(CliResult) missing = { 0 };
  g_auto(CliResult) draws = { 0 };
  g_auto(CliResult) level = { 0 };
  g_auto(CliResult) unreadable = { 0 };
  g_auto(CliResult) project = { 0 };

  files_write (&files, 4, 1, 1, 4, 6, 4);
  missing = run_cli ((const char *[]) { "--test-labels", files.labels, NULL });
  assert_usage_error (&missing, "--unlabeled-preds");
  draws = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", files.preds,
                                      "--unlabeled-preds", files.unlabeled, "--iterations", "0",
                                      NULL });
  assert_usage_error (&draws, "--iterations");
  level = run_cli ((const char *[]) { "--test-labels", files.labels, "--test-preds", files.preds,
                                      "--unlabeled-preds", files.unlabeled, "--confidence", "95",
                                      NULL });
  assert_usage_error (&level, "--confidence");
  unreadable = run_cli ((const char *[]) { "--test-labels", "/nonexistent/labels.txt",
                                           "--test-preds", files.preds,
                                           "--unlabeled-preds", files.unlabeled, NULL });
  assert_usage_error (&unreadable, "/nonexistent/labels.txt");

  /* A positional PROJECT goes to the project form (a usage error until the
   * evaluators bring it; then a project that does not exist), never to the
   * file form's parser. */
  project = run_cli ((const char *[]) { "--json", "no-such-project.errata", "judge", NULL });
  g_assert_cmpint (project.status, ==, 2);
  g_assert_null (strstr (project.err, "unexpected arguments"));
  g_assert_cmpstr (project.err, !=, "");
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

  g_test_add_func ("/cli/estimate/same-as-core", test_same_as_core);
  g_test_add_func ("/cli/estimate/text-defaults", test_text_defaults);
  g_test_add_func ("/cli/estimate/fixed-unlabeled", test_fixed_unlabeled);
  g_test_add_func ("/cli/estimate/perfect-judge-few-traces", test_perfect_judge_few_traces);
  g_test_add_func ("/cli/estimate/bad-line", test_bad_line);
  g_test_add_func ("/cli/estimate/lengths-differ", test_lengths_differ);
  g_test_add_func ("/cli/estimate/chance-refused", test_chance_refused);
  g_test_add_func ("/cli/estimate/usage", test_usage);

  g_test_add_func ("/cli/estimate/method-both-json", test_both_json);
  g_test_add_func ("/cli/estimate/method-disagreement-text", test_disagreement_text);
  g_test_add_func ("/cli/estimate/method-ppi-only-and-usage", test_ppi_only_and_usage);
  return g_test_run ();
}
