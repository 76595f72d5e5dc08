/* test-ground-truth.c: DESIGN.md's rule for what is true for a (trace,
 * target): explicit label, else reviews here, else imported verdicts;
 * disputes, excluded sources, reviews that differ from imports; targets.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-ground-truth.h"
#include "errata-labels.h"

#include <string.h>

#include "eval-test-helpers.h"

#define HERE ERRATA_ORIGIN_HERE
#define IMPORTED ERRATA_ORIGIN_IMPORTED
#define MERGED ERRATA_ORIGIN_MERGED
#define PASS ERRATA_VERDICT_PASS
#define FAIL ERRATA_VERDICT_FAIL
#define UNSET ERRATA_VERDICT_UNSET

typedef struct
{
  char          *dir;
  ErrataProject *project;
  gint64         t[9];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  for (guint i = 1; i < G_N_ELEMENTS (fixture->t); i++)
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

static ErrataTruth
truth_of (Fixture *fixture,
          gint64   target,
          gint64   trace_id)
{
  g_autoptr(GError) error = NULL;
  ErrataTruth truth;

  g_assert_true (errata_ground_truth_get (fixture->project, target, trace_id, &truth, &error));
  g_assert_no_error (error);
  g_assert_cmpint (truth.trace_id, ==, trace_id);
  return truth;
}

static void
assert_truth (Fixture           *fixture,
              gint64             target,
              gint64             trace_id,
              ErrataVerdict      value,
              ErrataLabelSource  source,
              gboolean           disputed,
              gboolean           differs)
{
  ErrataTruth truth = truth_of (fixture, target, trace_id);

  g_assert_cmpint (truth.value, ==, value);
  g_assert_cmpint (truth.source, ==, source);
  g_assert_cmpint (truth.disputed, ==, disputed);
  g_assert_cmpint (truth.review_differs_from_import, ==, differs);
}

/* The list holds the same as get() for every trace, by id. */
static GArray *
list_checked (Fixture *fixture,
              gint64   target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = errata_ground_truth_list (fixture->project, target, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      ErrataTruth *listed = &g_array_index (list, ErrataTruth, i);
      ErrataTruth got = truth_of (fixture, target, listed->trace_id);

      g_assert_cmpmem (&got, sizeof got, listed, sizeof *listed);
      g_assert_cmpint (listed->source, !=, ERRATA_LABEL_SOURCE_NONE);
      if (i > 0)
        g_assert_cmpint (listed->trace_id, >, g_array_index (list, ErrataTruth, i - 1).trace_id);
    }
  return g_steal_pointer (&list);
}

static gboolean
listed (GArray *list,
        gint64  trace_id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, ErrataTruth, i).trace_id == trace_id)
      return TRUE;
  return FALSE;
}

static void
test_overall (Fixture       *fixture,
              gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  gint64 *t = fixture->t;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = NULL;
  ErrataTruthCounts counts;

  eval_test_annotate (p, t[1], "Ada", PASS, NULL, HERE);
  eval_test_annotate (p, t[2], "Ada", PASS, NULL, HERE);
  eval_test_annotate (p, t[2], "Bob", FAIL, "wrong flat", HERE);
  eval_test_annotate (p, t[3], "import", FAIL, NULL, IMPORTED);
  eval_test_annotate (p, t[4], "Ada", PASS, NULL, HERE);
  eval_test_annotate (p, t[4], "import", FAIL, NULL, IMPORTED);
  eval_test_annotate (p, t[5], "judge-a", PASS, NULL, IMPORTED);
  eval_test_annotate (p, t[5], "judge-b", FAIL, NULL, IMPORTED);
  eval_test_annotate (p, t[7], "Ada", UNSET, "a note, no verdict", HERE);
  eval_test_annotate (p, t[8], "Cleo", FAIL, NULL, MERGED);

  assert_truth (fixture, 0, t[1], PASS, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, FALSE);
  assert_truth (fixture, 0, t[2], UNSET, ERRATA_LABEL_SOURCE_REVIEWS, TRUE, FALSE);
  assert_truth (fixture, 0, t[3], FAIL, ERRATA_LABEL_SOURCE_IMPORTED, FALSE, FALSE);
  /* The review wins over the imported verdict, and says it differs. */
  assert_truth (fixture, 0, t[4], PASS, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, TRUE);
  assert_truth (fixture, 0, t[5], UNSET, ERRATA_LABEL_SOURCE_IMPORTED, TRUE, FALSE);
  assert_truth (fixture, 0, t[6], UNSET, ERRATA_LABEL_SOURCE_NONE, FALSE, FALSE);
  /* A note without a verdict says nothing about the overall verdict. */
  assert_truth (fixture, 0, t[7], UNSET, ERRATA_LABEL_SOURCE_NONE, FALSE, FALSE);
  /* A colleague's merged review counts as a review here. */
  assert_truth (fixture, 0, t[8], FAIL, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, FALSE);

  list = list_checked (fixture, 0);
  g_assert_cmpuint (list->len, ==, 6);
  g_assert_true (listed (list, t[2]));
  g_assert_false (listed (list, t[6]));
  g_assert_false (listed (list, t[7]));

  g_assert_true (errata_ground_truth_count (p, 0, &counts, &error));
  g_assert_cmpuint (counts.n_pass, ==, 2);
  g_assert_cmpuint (counts.n_fail, ==, 2);
  g_assert_cmpuint (counts.n_disputed, ==, 2);
  g_assert_cmpuint (counts.n_explicit, ==, 0);
  g_assert_cmpuint (counts.n_reviews, ==, 3);
  g_assert_cmpuint (counts.n_imported, ==, 1);
  g_assert_cmpuint (counts.n_review_import_differ, ==, 1);

  /* An explicit label settles the dispute and wins over everything. */
  g_assert_true (errata_labels_set (p, 0, t[2], FAIL, "Dana", "adjudicated", &error));
  g_assert_true (errata_labels_set (p, 0, t[1], FAIL, "Dana", "second look", &error));
  g_assert_no_error (error);
  assert_truth (fixture, 0, t[2], FAIL, ERRATA_LABEL_SOURCE_EXPLICIT, FALSE, FALSE);
  assert_truth (fixture, 0, t[1], FAIL, ERRATA_LABEL_SOURCE_EXPLICIT, FALSE, FALSE);
  g_assert_true (errata_ground_truth_count (p, 0, &counts, &error));
  g_assert_cmpuint (counts.n_disputed, ==, 1);
  g_assert_cmpuint (counts.n_explicit, ==, 2);
  g_assert_cmpuint (counts.n_fail, ==, 4);
  g_clear_pointer (&list, g_array_unref);
  list = list_checked (fixture, 0);
  g_assert_cmpuint (list->len, ==, 6);
}

static void
test_excluded_sources (Fixture       *fixture,
                       gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  gint64 *t = fixture->t;
  g_autoptr(GError) error = NULL;
  gboolean excluded;

  eval_test_annotate (p, t[1], "Ada", PASS, NULL, HERE);
  eval_test_annotate (p, t[1], "Bob", FAIL, NULL, HERE);
  eval_test_annotate (p, t[2], "judge-a", PASS, NULL, IMPORTED);
  eval_test_annotate (p, t[2], "gpt-judge", FAIL, NULL, IMPORTED);
  eval_test_annotate (p, t[3], "gpt-judge", FAIL, NULL, IMPORTED);

  g_assert_true (errata_source_set_excluded (p, "gpt-judge", TRUE, &error));
  g_assert_true (errata_source_set_excluded (p, "gpt-judge", TRUE, &error));
  g_assert_true (errata_source_set_excluded (p, "Bob", TRUE, &error));
  g_assert_true (errata_source_is_excluded (p, "gpt-judge", &excluded, &error));
  g_assert_true (excluded);
  g_assert_no_error (error);

  assert_truth (fixture, 0, t[1], PASS, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, FALSE);
  assert_truth (fixture, 0, t[2], PASS, ERRATA_LABEL_SOURCE_IMPORTED, FALSE, FALSE);
  assert_truth (fixture, 0, t[3], UNSET, ERRATA_LABEL_SOURCE_NONE, FALSE, FALSE);

  g_assert_true (errata_source_set_excluded (p, "gpt-judge", FALSE, &error));
  g_assert_true (errata_source_is_excluded (p, "gpt-judge", &excluded, &error));
  g_assert_false (excluded);
  assert_truth (fixture, 0, t[2], UNSET, ERRATA_LABEL_SOURCE_IMPORTED, TRUE, FALSE);
  assert_truth (fixture, 0, t[3], FAIL, ERRATA_LABEL_SOURCE_IMPORTED, FALSE, FALSE);
}

static void
test_failure_mode (Fixture       *fixture,
                   gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  gint64 *t = fixture->t;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = NULL;
  gint64 m = eval_test_add_mode (p, "Over budget");
  gint64 other = eval_test_add_mode (p, "Missed tool call");
  ErrataTruthCounts counts;

  eval_test_annotate (p, t[1], "Ada", FAIL, "too expensive", HERE);
  eval_test_assign (p, t[1], "Ada", m);
  eval_test_annotate (p, t[2], "Ada", FAIL, "no search", HERE);
  eval_test_assign (p, t[2], "Ada", other);
  eval_test_annotate (p, t[3], "Ada", FAIL, "too expensive", HERE);
  eval_test_assign (p, t[3], "Ada", m);
  eval_test_annotate (p, t[3], "Bob", PASS, NULL, HERE);
  eval_test_annotate (p, t[4], "Ada", UNSET, "odd tone", HERE);
  eval_test_annotate (p, t[5], "import", FAIL, "over budget", IMPORTED);
  eval_test_assign (p, t[5], "import", m);
  eval_test_annotate (p, t[6], "Ada", PASS, NULL, HERE);
  eval_test_annotate (p, t[6], "import", FAIL, "over budget", IMPORTED);
  eval_test_assign (p, t[6], "import", m);

  assert_truth (fixture, m, t[1], FAIL, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, FALSE);
  /* Reviewed, note in another mode: passes this one. */
  assert_truth (fixture, m, t[2], PASS, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, FALSE);
  assert_truth (fixture, other, t[2], FAIL, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, FALSE);
  /* Ada put it in M, Bob reviewed it and did not. */
  assert_truth (fixture, m, t[3], UNSET, ERRATA_LABEL_SOURCE_REVIEWS, TRUE, FALSE);
  /* A note alone is a review: it passes every mode it is not in. */
  assert_truth (fixture, m, t[4], PASS, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, FALSE);
  assert_truth (fixture, m, t[5], FAIL, ERRATA_LABEL_SOURCE_IMPORTED, FALSE, FALSE);
  assert_truth (fixture, m, t[6], PASS, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, TRUE);
  assert_truth (fixture, m, t[7], UNSET, ERRATA_LABEL_SOURCE_NONE, FALSE, FALSE);

  list = list_checked (fixture, m);
  g_assert_cmpuint (list->len, ==, 6);
  g_assert_true (errata_ground_truth_count (p, m, &counts, &error));
  g_assert_cmpuint (counts.n_fail, ==, 2);
  g_assert_cmpuint (counts.n_pass, ==, 3);
  g_assert_cmpuint (counts.n_disputed, ==, 1);
  g_assert_cmpuint (counts.n_review_import_differ, ==, 1);

  /* The taxonomy's labels are this ground truth. */
  {
    g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (p);

    g_assert_cmpint (errata_taxonomy_get_label (taxonomy, t[1], m, &error), ==, FAIL);
    g_assert_cmpint (errata_taxonomy_get_label (taxonomy, t[3], m, &error), ==, UNSET);
    g_assert_cmpint (errata_taxonomy_get_label (taxonomy, t[5], m, &error), ==, FAIL);
    g_assert_cmpint (errata_taxonomy_get_label (taxonomy, t[6], m, &error), ==, PASS);
    g_assert_true (errata_labels_set (p, m, t[1], PASS, "Dana", NULL, &error));
    g_assert_cmpint (errata_taxonomy_get_label (taxonomy, t[1], m, &error), ==, PASS);
    g_assert_true (errata_labels_set (p, m, t[1], UNSET, "Dana", NULL, &error));
    g_assert_no_error (error);
  }

  /* Labels are per target: settling M leaves the overall verdicts alone. */
  g_assert_true (errata_labels_set (p, m, t[3], PASS, "Dana", NULL, &error));
  g_assert_no_error (error);
  assert_truth (fixture, m, t[3], PASS, ERRATA_LABEL_SOURCE_EXPLICIT, FALSE, FALSE);
  assert_truth (fixture, 0, t[3], UNSET, ERRATA_LABEL_SOURCE_REVIEWS, TRUE, FALSE);
  assert_truth (fixture, other, t[3], PASS, ERRATA_LABEL_SOURCE_REVIEWS, FALSE, FALSE);
}

/* Many traces: the set-based list agrees with the one-trace query. */
static void
test_list_matches_get (Fixture       *fixture,
                       gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = NULL;
  gint64 m = eval_test_add_mode (p, "M");
  const char *names[] = { "Ada", "Bob", "import" };

  g_assert_true (errata_project_begin (p, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("many-%u", i);
      gint64 trace = eval_test_add_trace (p, "many", id);

      for (guint a = 0; a < 3; a++)
        {
          guint pick = (i * 7 + a * 13) % 5;

          if (pick == 0)
            continue;
          eval_test_annotate (p, trace, names[a], pick % 2 ? PASS : FAIL,
                              pick > 2 ? "a note" : NULL, a == 2 ? IMPORTED : HERE);
          if (pick == 4)
            eval_test_assign (p, trace, names[a], m);
        }
      if (i % 11 == 0)
        g_assert_true (errata_labels_set (p, i % 2 ? m : 0, trace, FAIL, "Dana", NULL, &error));
    }
  g_assert_true (errata_project_commit (p, &error));
  g_assert_no_error (error);

  g_clear_pointer (&list, g_array_unref);
  list = list_checked (fixture, 0);
  g_assert_cmpuint (list->len, >, 200);
  g_clear_pointer (&list, g_array_unref);
  list = list_checked (fixture, m);
  g_assert_cmpuint (list->len, >, 200);
}

static void
test_targets (Fixture       *fixture,
              gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *gone = NULL;
  gint64 m = eval_test_add_mode (p, "Over budget");
  gint64 year = eval_test_add_mode (p, "2024");
  gint64 target = -1;

  g_assert_true (errata_target_check (p, ERRATA_TARGET_OVERALL, &error));
  g_assert_true (errata_target_check (p, m, &error));
  g_assert_no_error (error);
  g_assert_false (errata_target_check (p, 999, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  g_assert_false (errata_target_check (p, -3, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (errata_target_parse (p, "Overall", &target, &error));
  g_assert_cmpint (target, ==, ERRATA_TARGET_OVERALL);
  g_assert_true (errata_target_parse (p, "over BUDGET", &target, &error));
  g_assert_cmpint (target, ==, m);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, m);

    g_assert_true (errata_target_parse (p, id, &target, &error));
    g_assert_cmpint (target, ==, m);
  }
  /* A name that looks like a number is the name. */
  g_assert_true (errata_target_parse (p, "2024", &target, &error));
  g_assert_cmpint (target, ==, year);
  g_assert_no_error (error);
  g_assert_false (errata_target_parse (p, "Under budget", &target, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Under budget"));
  g_clear_error (&error);
  g_assert_false (errata_target_parse (p, "4711", &target, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  name = errata_target_describe (p, m);
  g_assert_cmpstr (name, ==, "Over budget");
  g_free (name);
  name = errata_target_describe (p, 0);
  g_assert_cmpstr (name, ==, "overall");
  gone = errata_target_describe (p, 4711);
  g_assert_nonnull (strstr (gone, "4711"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ground-truth/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("overall", test_overall);
  ADD ("excluded-sources", test_excluded_sources);
  ADD ("failure-mode", test_failure_mode);
  ADD ("list-matches-get", test_list_matches_get);
  ADD ("targets", test_targets);

  return g_test_run ();
}
