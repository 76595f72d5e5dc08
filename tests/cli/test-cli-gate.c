/* test-cli-gate.c: `errata-cli gate` run as a program, and `estimate
 * PROJECT NAME --method`, on projects built through the core: two
 * reviewers who disagree on 8 of 20 traces (AC1 0.41, blocked), a judge's
 * dev run, a test run and an unlabeled run stored as the runner stores
 * them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "errata-ppi.h"
#include "eval-test-helpers.h"
#include "cli-test-utils.h"

#define N_TRACES 30

/* ana passes traces 1..20, ben fails the first @n_differ of them (0: ben
 * reviews nothing); traces 21..30 are unlabelled. The evaluator "judge"
 * has a dev run that passes every shared trace, a test run over 1..20
 * (judge: fail on 1..8 and on 9; pass on the rest) and an unlabeled run
 * of 6 passes and 4 fails. Returns the project's path. */
static char *
make_project (char **dir,
              guint  n_differ,
              gboolean ben)
{
  ErrataProject *project = errata_test_new_project (dir);
  g_autofree char *path = g_file_get_path (errata_project_get_file (project));
  g_autoptr(GString) sql = g_string_new (
    "INSERT INTO evaluators (name, target, kind, created_at) VALUES ('judge', 0, 'judge', 0);"
    "INSERT INTO evaluator_versions (evaluator_id, number, created_at, locked_at)"
    " VALUES (1, 1, 0, 1);"
    "INSERT INTO runs (id, version_id, scope, status, total, n_pass, n_fail, started_at)"
    " VALUES (1, 1, 'dev', 'done', 20, 20, 0, 1), (2, 1, 'test', 'done', 20, 11, 9, 2),"
    "        (3, 1, 'unlabeled', 'done', 10, 6, 4, 3);");
  gint64 t[N_TRACES + 1];

  for (guint i = 1; i <= N_TRACES; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);

      t[i] = eval_test_add_trace (project, "test", id);
    }
  for (guint i = 1; i <= 20; i++)
    {
      eval_test_annotate (project, t[i], "ana", ERRATA_VERDICT_PASS, NULL, ERRATA_ORIGIN_HERE);
      if (ben)
        eval_test_annotate (project, t[i], "ben", i <= n_differ ? ERRATA_VERDICT_FAIL
                                                                : ERRATA_VERDICT_PASS,
                            NULL, ERRATA_ORIGIN_MERGED);
      g_string_append_printf (sql, "INSERT INTO verdicts (run_id, trace_id, verdict, created_at)"
                              " VALUES (1, %" G_GINT64_FORMAT ", 'pass', 0),"
                              " (2, %" G_GINT64_FORMAT ", '%s', 0);",
                              t[i], t[i], i <= 9 ? "fail" : "pass");
    }
  eval_test_exec (project, sql->str);
  errata_project_close (project);
  g_object_unref (project);
  return g_steal_pointer (&path);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* 20 shared traces, ben fails 8: AC1 = 0.28 / 0.68 = 0.41 < 0.6. */
static void
test_blocked (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, 8, TRUE);
  const char *target_args[] = { path, "--target", "overall", "--iterations", "200", NULL };
  const char *lower_args[] = { path, "--target", "overall", "--threshold", "0.3",
                               "--iterations", "200", NULL };
  g_auto(CliResult) blocked = cli_run_args ("gate", target_args);
  g_auto(CliResult) lower = cli_run_args ("gate", lower_args);

  g_assert_cmpint (blocked.status, ==, 1);
  cli_assert_contains (blocked.out, "Reviewers’ agreement: AC1 0.41");
  cli_assert_contains (blocked.out, "on 20 shared traces, 2 reviewers (ana, ben)");
  cli_assert_contains (blocked.out, "Threshold: 0.60 (the project’s)");
  cli_assert_contains (blocked.out, "Gate: blocked.");
  cli_assert_contains (blocked.out, "(AC1 0.41 < 0.60); no judge can be validated");
  g_assert_cmpint (lower.status, ==, 0);
  cli_assert_contains (lower.out, "Gate: ok.");
  cli_assert_contains (lower.out, "Threshold: 0.30 (given)");
}

/* The dev run passes every shared trace. Leaving ana out (the other: ben),
 * on 1..8 ben fails and neither ana nor the judge matches him, a tie; on
 * 9..20 all pass: every d is 0 < ε, p = 0, a win. Leaving ben out, the
 * judge matches ana everywhere and ben does not on 1..8: d = −1 there, 0
 * elsewhere, a win; ben matches ana on 12 of 20. Winning rate 1, the
 * judge passes; but the gate blocks, so the command exits 1 all the same. */
static void
test_alt_test_json (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, 8, TRUE);
  const char *args[] = { path, "judge", "--json", "--min-traces", "10", "--iterations", "200",
                         NULL };
  g_auto(CliResult) result = cli_run_args ("gate", args);
  g_autoptr(JsonObject) root = NULL;
  JsonObject *alt;
  JsonArray *reviewers;

  g_assert_cmpint (result.status, ==, 1);
  root = parse_object (result.out);
  g_assert_cmpstr (json_object_get_string_member (root, "state"), ==, "blocked");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "ac1"), 0.28 / 0.68, 1e-9);
  g_assert_cmpint (json_object_get_int_member (root, "n_shared"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (root, "run"), ==, 1);
  g_assert_true (json_object_get_boolean_member (root, "failed"));
  alt = json_object_get_object_member (root, "alt_test");
  g_assert_cmpint (json_object_get_int_member (alt, "n_shared_judged"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (alt, "n_tested"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (alt, "n_won"), ==, 2);
  g_assert_true (json_object_get_boolean_member (alt, "passed"));
  g_assert_cmpfloat (json_object_get_double_member (alt, "epsilon"), ==, 0.1);
  reviewers = json_object_get_array_member (alt, "reviewers");
  g_assert_cmpuint (json_array_get_length (reviewers), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reviewers, 1),
                                                  "reviewer"), ==, "ben");
  g_assert_cmpfloat_with_epsilon (
    json_object_get_double_member (json_array_get_object_element (reviewers, 1),
                                   "reviewer_agreement"), 12.0 / 20, 1e-12);
}

/* The test run as the judge (fail on 1..9), ben failing trace 1 only
 * (AC1 0.95: the gate is OK). Leaving ana out: trace 1 d = −1, 2..9 d = 1
 * (ana matches ben, the judge does not), mean 0.35 > ε; leaving ben out:
 * trace 1 a tie, 2..9 d = 1, mean 0.4. No win: the judge fails the test
 * and the command exits 1 though the gate is OK. */
static void
test_alt_test_text (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, 1, TRUE);
  const char *args[] = { path, "judge", "--on", "test", "--min-traces", "10",
                         "--iterations", "200", NULL };
  g_auto(CliResult) result = cli_run_args ("gate", args);

  cli_assert_contains (result.out, "Gate: ok.");
  cli_assert_contains (result.out, "Alternative annotator test on run 2 (version 1, test)");
  cli_assert_contains (result.out, "ε = 0.10, q = 0.05 (Benjamini–Yekutieli)");
  cli_assert_contains (result.out, "  ana: 20 traces;");
  cli_assert_contains (result.out, "cannot stand in for a reviewer");
  g_assert_cmpint (result.status, ==, 1);
}

/* One reviewer: not enough data, not blocked: exit 0. Usage errors: 2. */
static void
test_one_reviewer_and_usage (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, 0, FALSE);
  const char *alone_args[] = { path, "judge", "--iterations", "200", NULL };
  const char *both_args[] = { path, "judge", "--target", "overall", NULL };
  const char *bad_args[] = { path, "--target", "overall", "--threshold", "2", NULL };
  const char *no_mode_args[] = { path, "--target", "nonesuch", NULL };
  g_auto(CliResult) alone = cli_run_args ("gate", alone_args);
  g_auto(CliResult) both = cli_run_args ("gate", both_args);
  g_auto(CliResult) bad = cli_run_args ("gate", bad_args);
  g_auto(CliResult) no_mode = cli_run_args ("gate", no_mode_args);

  g_assert_cmpint (alone.status, ==, 0);
  cli_assert_contains (alone.out, "Gate: not-enough-data. One reviewer: agreement cannot be measured");
  cli_assert_contains (alone.out, "needs two or more reviewers");
  g_assert_cmpint (both.status, ==, 2);
  g_assert_cmpint (bad.status, ==, 2);
  cli_assert_contains (bad.err, "--threshold");
  g_assert_cmpint (no_mode.status, ==, 2);
}

/* `estimate PROJECT NAME --method ppi`: ana passes all the test traces
 * and the judge fails 1..9 (tp 11, fn 9, no human fail), so the corrected
 * rate is refused (no TNR) while PPI++ is not; it prints where its numbers
 * come from, and its JSON has no corrected rate. */
static void
test_estimate_method (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, 0, FALSE);
  const char *plain_args[] = { path, "judge", "--iterations", "300", NULL };
  const char *ppi_args[] = { path, "judge", "--method", "ppi", NULL };
  const char *ppi_json_args[] = { path, "judge", "--method", "ppi", "--json", NULL };
  const char *bad_args[] = { path, "judge", "--method", "median", NULL };
  g_auto(CliResult) plain = cli_run_args ("estimate", plain_args);
  g_auto(CliResult) ppi = cli_run_args ("estimate", ppi_args);
  g_auto(CliResult) ppi_json = cli_run_args ("estimate", ppi_json_args);
  g_auto(CliResult) bad = cli_run_args ("estimate", bad_args);
  g_autoptr(JsonObject) root = NULL;
  ErrataConfusion test = { .tp = 11, .fn = 9 };
  ErrataPpiMean expected;

  g_assert_cmpint (plain.status, !=, 0);

  g_assert_true (errata_estimate_ppi_mean (&test, 6, 4, 0.95, &expected, NULL));
  g_assert_cmpint (ppi.status, ==, 0);
  cli_assert_contains (ppi.out, "Judge version 1: test run 2 (20 labelled traces: 20 human pass, "
                                "0 human fail), unlabeled run 3 (6 pass, 4 fail, 0 errors left out)");
  cli_assert_contains (ppi.out, "PPI++ pass rate:");
  g_assert_cmpint (ppi_json.status, ==, 0);
  root = parse_object (ppi_json.out);
  g_assert_false (json_object_has_member (root, "pass_rate"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_object_get_object_member (root, "ppi"), "pass_rate"),
                                  expected.pass_rate, 1e-9);
  g_assert_cmpint (json_object_get_int_member (root, "test_run"), ==, 2);
  g_assert_cmpint (bad.status, ==, 2);
}

/* Both estimators where both can be computed: ana's reviews changed to
 * fail on traces 1..8 give the test run tp 11, fn 1 (trace 9), tn 8, fp 0.
 * Without --method the output is what it always was (--method
 * rogan-gladen prints exactly the same bytes; the JSON keeps its members
 * in order); --method both adds PPI++, the comparison and the budget;
 * --min-pass-rate gates the corrected rate, so not with ppi alone. */
static void
test_estimate_both (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, 0, FALSE);
  ErrataProject *project;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *both_args[] = { path, "judge", "--iterations", "300", "--method", "both",
                              "--target-half-width", "0.05", NULL };
  const char *plain_json_args[] = { path, "judge", "--iterations", "300", "--json", NULL };
  const char *plain_args[] = { path, "judge", "--iterations", "300", NULL };
  const char *rg_args[] = { path, "judge", "--iterations", "300", "--method", "rogan-gladen", NULL };
  const char *gate_ppi_args[] = { path, "judge", "--method", "ppi", "--min-pass-rate", "0.5",
                                  NULL };
  g_autoptr(JsonObject) plain = NULL;

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 8; i++)
    eval_test_annotate (project, i, "ana", ERRATA_VERDICT_FAIL, NULL, ERRATA_ORIGIN_HERE);
  errata_project_close (project);
  g_object_unref (project);

  {
    g_auto(CliResult) both = cli_run_args ("estimate", both_args);
    g_auto(CliResult) plain_json = cli_run_args ("estimate", plain_json_args);
    g_auto(CliResult) gate_ppi = cli_run_args ("estimate", gate_ppi_args);
    g_auto(CliResult) text = cli_run_args ("estimate", plain_args);
    g_auto(CliResult) rg = cli_run_args ("estimate", rg_args);
    GList *members;
    static const char * const expected_members[] = {
      "version", "test_run", "unlabeled_run", "test_looks", "pass_rate", "failure_rate",
      "observed_pass_rate", "tpr", "tnr", "n_test", "n_unlabeled", "unlabeled_errors", "draws",
      "draws_used", "seed", "clipped", NULL,
    };
    guint i = 0;

    g_assert_cmpint (text.status, ==, 0);
    cli_assert_contains (text.out, "Corrected failure rate");
    g_assert_null (strstr (text.out, "PPI"));
    g_assert_cmpint (rg.status, ==, 0);
    g_assert_cmpstr (text.out, ==, rg.out);
    g_assert_cmpint (both.status, ==, 0);
    cli_assert_contains (both.out, "Corrected failure rate");
    cli_assert_contains (both.out, "PPI++ pass rate:");
    cli_assert_contains (both.out, "The two estimates");
    cli_assert_contains (both.out, "Label budget");
    /* The JSON without --method keeps its members, in order. */
    plain = parse_object (plain_json.out);
    members = json_object_get_members (plain);
    for (GList *l = members; l != NULL; l = l->next, i++)
      g_assert_cmpstr (l->data, ==, expected_members[i]);
    g_assert_null (expected_members[i]);
    g_list_free (members);
    g_assert_cmpint (gate_ppi.status, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/gate/blocked", test_blocked);
  g_test_add_func ("/cli/gate/alt-test-json", test_alt_test_json);
  g_test_add_func ("/cli/gate/alt-test-text", test_alt_test_text);
  g_test_add_func ("/cli/gate/one-reviewer-and-usage", test_one_reviewer_and_usage);
  g_test_add_func ("/cli/estimate-project/method", test_estimate_method);
  g_test_add_func ("/cli/estimate-project/both", test_estimate_both);

  return g_test_run ();
}
