/* test-alignment-gate.c: the gate's states on reviews built by hand, the
 * project's threshold, and the alternative annotator test of a run read
 * from the verdicts table.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-alignment-gate.h"
#include "errata-ground-truth.h"

#include <math.h>
#include <string.h>

#include "eval-test-helpers.h"

#define HERE ERRATA_ORIGIN_HERE
#define PASS ERRATA_VERDICT_PASS
#define FAIL ERRATA_VERDICT_FAIL
#define N_TRACES 30

typedef struct
{
  char          *dir;
  ErrataProject *project;
  gint64         t[N_TRACES + 1];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  for (guint i = 1; i <= N_TRACES; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);

      fixture->t[i] = eval_test_add_trace (fixture->project, "test", id);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ana passes traces 1..n; ben too, but fails the first n_differ. */
static void
review_overall (Fixture *fixture,
                guint    n,
                guint    n_differ)
{
  for (guint i = 1; i <= n; i++)
    {
      eval_test_annotate (fixture->project, fixture->t[i], "ana", PASS, NULL, HERE);
      eval_test_annotate (fixture->project, fixture->t[i], "ben", i <= n_differ ? FAIL : PASS,
                          NULL, HERE);
    }
}

static void
compute (Fixture             *fixture,
         gint64               run_id,
         ErrataGateOptions   *options,
         ErrataAlignmentGate *out)
{
  g_autoptr(GError) error = NULL;

  options->bootstrap.n_draws = 500;
  g_assert_true (errata_alignment_gate_compute (fixture->project, ERRATA_TARGET_OVERALL, run_id,
                                                options, out, &error));
  g_assert_no_error (error);
}

/* A done dev run of a new evaluator of @target with the given verdicts
 * (one of "pass", "fail", "error" per trace, NULL to skip). */
static void
add_run (Fixture            *fixture,
         gint64              target,
         const char * const *verdicts,
         guint               n)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  static guint counter;

  g_string_append_printf (sql,
    "INSERT INTO evaluators (name, target, kind, created_at) VALUES ('judge %u', %" G_GINT64_FORMAT
    ", 'judge', 0);"
    "INSERT INTO evaluator_versions (evaluator_id, number, created_at)"
    " VALUES (last_insert_rowid (), 1, 0);"
    "INSERT INTO runs (version_id, scope, status, total, started_at)"
    " VALUES (last_insert_rowid (), 'dev', 'done', %u, 0);", ++counter, target, n);
  for (guint i = 0; i < n; i++)
    if (verdicts[i] != NULL)
      g_string_append_printf (sql, "INSERT INTO verdicts (run_id, trace_id, verdict, created_at)"
                              " VALUES ((SELECT max (id) FROM runs), %" G_GINT64_FORMAT ", '%s', 0);",
                              fixture->t[i + 1], verdicts[i]);
  eval_test_exec (fixture->project, sql->str);
}

static gint64
latest_run (Fixture *fixture)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_prepare_v2 (_errata_project_get_db (fixture->project),
                                       "SELECT max (id) FROM runs", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* 20 shared traces, ben fails 8 that ana passes:
 *   p_a = 12/20 = 0.6; π_fail = 8·½ / 20 = 0.2; p_e(AC1) = 2·0.8·0.2 = 0.32;
 *   AC1 = (0.6 − 0.32) / 0.68 = 0.411765 < 0.6: blocked. */
static void
test_blocked (Fixture       *fixture,
              gconstpointer  data)
{
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) gate = { 0, };
  g_autofree char *text = NULL;

  review_overall (fixture, 20, 8);
  compute (fixture, 0, &options, &gate);
  g_assert_cmpint (gate.state, ==, ERRATA_GATE_BLOCKED);
  g_assert_cmpfloat (gate.threshold, ==, ERRATA_GATE_DEFAULT_THRESHOLD);
  g_assert_cmpuint (gate.agreement.n_items, ==, 20);
  g_assert_cmpfloat_with_epsilon (gate.agreement.agreement.gwet_ac1.value, 0.28 / 0.68, 1e-9);
  g_assert_true (errata_alignment_gate_failed (&gate));
  g_assert_false (gate.has_alt_test);
  text = errata_alignment_gate_describe (&gate);
  g_assert_nonnull (strstr (text, "AC1 0.41 < 0.60"));
  g_assert_nonnull (strstr (text, "no judge can be validated"));
  g_assert_null (errata_alignment_gate_describe_alt_test (&gate));
}

/* ben fails 1 of 20: p_a = 0.95, π_fail = 0.025, p_e = 2·0.975·0.025 =
 * 0.04875, AC1 = 0.90125 / 0.95125 = 0.947438: OK at 0.6, blocked at the
 * project's 0.95, OK again when the call gives 0.9. */
static void
test_threshold (Fixture       *fixture,
                gconstpointer  data)
{
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) ok = { 0, };
  g_auto(ErrataAlignmentGate) strict = { 0, };
  g_auto(ErrataAlignmentGate) given = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  review_overall (fixture, 20, 1);
  compute (fixture, 0, &options, &ok);
  g_assert_cmpint (ok.state, ==, ERRATA_GATE_OK);
  g_assert_cmpfloat_with_epsilon (ok.agreement.agreement.gwet_ac1.value, 0.90125 / 0.95125, 1e-9);
  g_assert_false (errata_alignment_gate_failed (&ok));
  text = errata_alignment_gate_describe (&ok);
  g_assert_nonnull (strstr (text, "AC1 0.95 ≥ 0.60"));

  g_assert_true (errata_alignment_gate_set_threshold (fixture->project, 0.95, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (errata_alignment_gate_get_threshold (fixture->project), ==, 0.95);
  compute (fixture, 0, &options, &strict);
  g_assert_cmpint (strict.state, ==, ERRATA_GATE_BLOCKED);

  options.threshold = 0.9;
  compute (fixture, 0, &options, &given);
  g_assert_cmpint (given.state, ==, ERRATA_GATE_OK);

  g_assert_false (errata_alignment_gate_set_threshold (fixture->project, 1.5, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_assert_cmpfloat (errata_alignment_gate_get_threshold (fixture->project), ==, 0.95);

  /* It is the project's: it survives reopening. */
  fixture->project = eval_test_reopen (fixture->project);
  g_assert_cmpfloat (errata_alignment_gate_get_threshold (fixture->project), ==, 0.95);
}

/* One reviewer: nothing to measure, not blocked; so with too few shared
 * traces, however much they disagree. */
static void
test_not_enough_data (Fixture       *fixture,
                      gconstpointer  data)
{
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) alone = { 0, };
  g_auto(ErrataAlignmentGate) apart = { 0, };
  g_auto(ErrataAlignmentGate) few = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *apart_text = NULL;
  g_autofree char *few_text = NULL;

  for (guint i = 1; i <= 25; i++)
    eval_test_annotate (fixture->project, fixture->t[i], "ana", PASS, NULL, HERE);
  compute (fixture, 0, &options, &alone);
  g_assert_cmpint (alone.state, ==, ERRATA_GATE_NOT_ENOUGH_DATA);
  g_assert_false (errata_alignment_gate_failed (&alone));
  text = errata_alignment_gate_describe (&alone);
  g_assert_true (g_str_has_prefix (text, "One reviewer: agreement cannot be measured"));

  /* Two reviewers, no trace in common. */
  for (guint i = 26; i <= 30; i++)
    eval_test_annotate (fixture->project, fixture->t[i], "ben", FAIL, NULL, HERE);
  compute (fixture, 0, &options, &apart);
  g_assert_cmpint (apart.state, ==, ERRATA_GATE_NOT_ENOUGH_DATA);
  g_assert_false (apart.agreement.computed);
  apart_text = errata_alignment_gate_describe (&apart);
  g_assert_nonnull (strstr (apart_text, "2 reviewers, but no trace reviewed by two of them"));

  for (guint i = 1; i <= 5; i++)
    eval_test_annotate (fixture->project, fixture->t[i], "ben", FAIL, NULL, HERE);
  compute (fixture, 0, &options, &few);
  g_assert_cmpint (few.state, ==, ERRATA_GATE_NOT_ENOUGH_DATA);
  g_assert_cmpuint (few.agreement.n_items, ==, 5);
  few_text = errata_alignment_gate_describe (&few);
  g_assert_nonnull (strstr (few_text, "Only 5 traces"));
}

/* Perfect agreement on 20 traces, all passes: p_a = 1, π_pass = 1,
 * p_e(AC1) = 0, AC1 = 1 (κ is undefined there, AC1 is not): OK; and no
 * reviews at all is said as such. */
static void
test_perfect_and_none (Fixture       *fixture,
                       gconstpointer  data)
{
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) none = { 0, };
  g_auto(ErrataAlignmentGate) perfect = { 0, };
  g_autofree char *none_text = NULL;

  compute (fixture, 0, &options, &none);
  g_assert_cmpint (none.state, ==, ERRATA_GATE_NOT_ENOUGH_DATA);
  none_text = errata_alignment_gate_describe (&none);
  g_assert_true (g_str_has_prefix (none_text, "No reviews of this target"));

  review_overall (fixture, 20, 0);
  compute (fixture, 0, &options, &perfect);
  g_assert_cmpint (perfect.state, ==, ERRATA_GATE_OK);
  g_assert_cmpfloat (perfect.agreement.agreement.gwet_ac1.value, ==, 1.0);
  g_assert_false (perfect.agreement.agreement.cohen_kappa.defined);
}

/* The run's verdicts against the six-trace table of test-alt-test.c
 * (two reviewers; p = 0.357 for both, the judge wins against no one), on
 * traces 1..6; trace 7 is shared but the judge erred on it, trace 8 shared
 * and not in the run. */
static void
test_alt_test_from_run (Fixture       *fixture,
                        gconstpointer  data)
{
  static const ErrataVerdict ana[] = { PASS, PASS, PASS, FAIL, PASS, PASS, PASS, PASS };
  static const ErrataVerdict ben[] = { PASS, PASS, PASS, FAIL, FAIL, FAIL, PASS, PASS };
  static const char * const judge[] = { "pass", "pass", "fail", "fail", "pass", "fail", "error" };
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) gate = { 0, };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ana); i++)
    {
      eval_test_annotate (fixture->project, fixture->t[i + 1], "ana", ana[i], NULL, HERE);
      eval_test_annotate (fixture->project, fixture->t[i + 1], "ben", ben[i], NULL, HERE);
    }
  add_run (fixture, ERRATA_TARGET_OVERALL, judge, G_N_ELEMENTS (judge));
  options.alt_test.min_items = 4;
  compute (fixture, latest_run (fixture), &options, &gate);
  g_assert_cmpint (gate.state, ==, ERRATA_GATE_NOT_ENOUGH_DATA);   /* 8 shared traces */
  g_assert_true (gate.has_alt_test);
  g_assert_cmpuint (gate.n_shared_judged, ==, 6);
  g_assert_cmpuint (gate.n_shared_unjudged, ==, 2);
  g_assert_cmpuint (gate.alt_test.n_items, ==, 6);
  g_assert_cmpuint (gate.alt_test.n_tested, ==, 2);
  g_assert_cmpfloat_with_epsilon (gate.alt_test.reviewers[0].p_value, 0.357236288592505, 1e-12);
  g_assert_cmpfloat_with_epsilon (gate.alt_test.reviewers[1].p_value, 0.357236288592505, 1e-12);
  g_assert_false (gate.alt_test.passed);
  g_assert_true (errata_alignment_gate_failed (&gate));
  text = errata_alignment_gate_describe_alt_test (&gate);
  g_assert_nonnull (strstr (text, "cannot stand in for a reviewer"));
  g_assert_nonnull (strstr (text, "0 of 2 reviewers"));
}

/* A judge that agrees with both reviewers wherever they agree, on 20
 * shared traces: every d ≤ 0, the judge wins, the gate is OK. */
static void
test_alt_test_passes (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *judge[20];
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) gate = { 0, };
  g_autofree char *text = NULL;

  review_overall (fixture, 20, 1);
  for (guint i = 0; i < 20; i++)
    judge[i] = "pass";
  add_run (fixture, ERRATA_TARGET_OVERALL, judge, 20);
  options.alt_test.min_items = 10;
  compute (fixture, latest_run (fixture), &options, &gate);
  g_assert_cmpint (gate.state, ==, ERRATA_GATE_OK);
  g_assert_true (gate.alt_test.passed);
  g_assert_cmpuint (gate.alt_test.n_won, ==, 2);
  g_assert_false (errata_alignment_gate_failed (&gate));
  text = errata_alignment_gate_describe_alt_test (&gate);
  g_assert_nonnull (strstr (text, "can stand in for a reviewer"));
}

/* A run of another target's evaluator is refused; one reviewer gives a
 * run but no test. */
static void
test_run_checks (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const judge[] = { "pass", "pass" };
  ErrataGateOptions options = errata_gate_options_default ();
  g_auto(ErrataAlignmentGate) gate = { 0, };
  g_auto(ErrataAlignmentGate) alone = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 mode = eval_test_add_mode (fixture->project, "Rude");

  eval_test_annotate (fixture->project, fixture->t[1], "ana", PASS, NULL, HERE);
  add_run (fixture, mode, judge, 2);
  g_assert_false (errata_alignment_gate_compute (fixture->project, ERRATA_TARGET_OVERALL,
                                                 latest_run (fixture), &options, &gate, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);

  add_run (fixture, ERRATA_TARGET_OVERALL, judge, 2);
  compute (fixture, latest_run (fixture), &options, &alone);
  g_assert_false (alone.has_alt_test);
  text = errata_alignment_gate_describe_alt_test (&alone);
  g_assert_nonnull (strstr (text, "needs two or more reviewers"));
  g_assert_false (errata_alignment_gate_failed (&alone));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/eval/alignment-gate/blocked", test_blocked);
  ADD ("/eval/alignment-gate/threshold", test_threshold);
  ADD ("/eval/alignment-gate/not-enough-data", test_not_enough_data);
  ADD ("/eval/alignment-gate/perfect-and-none", test_perfect_and_none);
  ADD ("/eval/alignment-gate/alt-test-from-run", test_alt_test_from_run);
  ADD ("/eval/alignment-gate/alt-test-passes", test_alt_test_passes);
  ADD ("/eval/alignment-gate/run-checks", test_run_checks);
#undef ADD

  return g_test_run ();
}
