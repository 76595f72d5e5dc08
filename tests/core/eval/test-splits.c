/* test-splits.c: stratified, seeded train/dev/test per target; stable once
 * assigned (reopening, relabelling), new labels joining near the
 * proportions, determinism for a seed, disputed traces left out, and the
 * split frozen once the test split has been run on.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-ground-truth.h"
#include "errata-labels.h"
#include "errata-splits.h"

#include <math.h>

#include "eval-test-helpers.h"

typedef struct
{
  char          *dir;
  ErrataProject *project;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
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

/* n traces named prefix0.., prefix1.., each labelled `value` for the
 * target. Returns their ids. */
static GArray *
add_labelled (ErrataProject *project,
              const char    *prefix,
              guint          n,
              ErrataVerdict  value,
              gint64         target)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (errata_project_begin (project, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u", prefix, i);
      gint64 id = eval_test_add_trace (project, "test", name);

      g_assert_true (errata_labels_set (project, target, id, value, "Ada", NULL, &error));
      g_array_append_val (ids, id);
    }
  g_assert_true (errata_project_commit (project, &error));
  g_assert_no_error (error);
  return ids;
}

static void
update (ErrataProject *project,
        gint64         target)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_splits_update (project, target, &error));
  g_assert_no_error (error);
}

static ErrataSplitCounts
counts_of (ErrataProject *project,
           gint64         target)
{
  g_autoptr(GError) error = NULL;
  ErrataSplitCounts counts;

  g_assert_true (errata_splits_get_counts (project, target, &counts, &error));
  g_assert_no_error (error);
  return counts;
}

/* Every split of each class within one of its share of the class. */
static void
assert_near_proportions (const ErrataSplitCounts *counts)
{
  double p[] = { 0, counts->train, counts->dev, counts->test };

  for (int class = 0; class < 2; class++)
    {
      guint n = 0;

      for (int s = ERRATA_SPLIT_TRAIN; s <= ERRATA_SPLIT_TEST; s++)
        n += counts->counts[s][class];
      g_assert_cmpuint (counts->counts[ERRATA_SPLIT_NONE][class], ==, 0);
      for (int s = ERRATA_SPLIT_TRAIN; s <= ERRATA_SPLIT_TEST; s++)
        if (fabs (counts->counts[s][class] - p[s] * n) > 1.0)
          g_error ("class %d: split %d has %u of %u (share %.2f)", class, s,
                   counts->counts[s][class], n, p[s]);
    }
}

/* trace id -> split of every given trace. */
static GArray *
splits_of (ErrataProject *project,
           gint64         target,
           GArray        *ids)
{
  g_autoptr(GError) error = NULL;
  GArray *splits = g_array_new (FALSE, FALSE, sizeof (ErrataSplit));

  for (guint i = 0; i < ids->len; i++)
    {
      ErrataSplit split = errata_splits_get (project, target, g_array_index (ids, gint64, i),
                                             &error);

      g_assert_no_error (error);
      g_array_append_val (splits, split);
    }
  return splits;
}

static void
assert_same_splits (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (ErrataSplit), b->data, b->len * sizeof (ErrataSplit));
}

static void
test_proportions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) pass = add_labelled (fixture->project, "p", 100, ERRATA_VERDICT_PASS, 0);
  g_autoptr(GArray) fail = add_labelled (fixture->project, "f", 100, ERRATA_VERDICT_FAIL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) test = NULL;
  g_autofree char *seed_text = NULL;
  ErrataSplitCounts counts = counts_of (fixture->project, 0);

  /* Nothing is assigned before the first update. */
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_NONE][0], ==, 100);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_NONE][1], ==, 100);

  update (fixture->project, 0);
  counts = counts_of (fixture->project, 0);
  g_assert_cmpfloat_with_epsilon (counts.train, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (counts.dev, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (counts.test, 0.4, 1e-9);
  assert_near_proportions (&counts);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_TRAIN][0], ==, 20);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_DEV][1], ==, 40);

  /* The seed came from the project's, made on first use. */
  seed_text = errata_project_get_meta (fixture->project, "split_seed");
  g_assert_nonnull (seed_text);
  g_assert_cmpuint (g_ascii_strtoull (seed_text, NULL, 10), ==, counts.seed);

  test = errata_splits_list (fixture->project, 0, ERRATA_SPLIT_TEST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test->len, ==, 80);
  for (guint i = 1; i < test->len; i++)
    g_assert_cmpint (g_array_index (test, gint64, i - 1), <, g_array_index (test, gint64, i));
  for (guint i = 0; i < test->len; i++)
    g_assert_cmpint (errata_splits_get (fixture->project, 0, g_array_index (test, gint64, i),
                                        &error), ==, ERRATA_SPLIT_TEST);
}

static void
test_stable (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) pass = add_labelled (fixture->project, "p", 60, ERRATA_VERDICT_PASS, 0);
  g_autoptr(GArray) fail = add_labelled (fixture->project, "f", 40, ERRATA_VERDICT_FAIL, 0);
  g_autoptr(GArray) before = NULL, again = NULL, reopened = NULL, relabelled = NULL;
  g_autoptr(GArray) later = NULL, all = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSplitCounts counts;

  update (fixture->project, 0);
  before = splits_of (fixture->project, 0, pass);

  /* Idempotent. */
  update (fixture->project, 0);
  again = splits_of (fixture->project, 0, pass);
  assert_same_splits (before, again);

  fixture->project = eval_test_reopen (fixture->project);
  update (fixture->project, 0);
  reopened = splits_of (fixture->project, 0, pass);
  assert_same_splits (before, reopened);

  /* Half the passes become fails: each keeps its split. */
  g_assert_true (errata_project_begin (fixture->project, &error));
  for (guint i = 0; i < pass->len; i += 2)
    g_assert_true (errata_labels_set (fixture->project, 0, g_array_index (pass, gint64, i),
                                      ERRATA_VERDICT_FAIL, "Bob", "second look", &error));
  g_assert_true (errata_project_commit (fixture->project, &error));
  update (fixture->project, 0);
  relabelled = splits_of (fixture->project, 0, pass);
  assert_same_splits (before, relabelled);

  /* Labels added later join near the proportions; the old stay put. */
  later = add_labelled (fixture->project, "late", 50, ERRATA_VERDICT_PASS, 0);
  update (fixture->project, 0);
  g_clear_pointer (&relabelled, g_array_unref);
  relabelled = splits_of (fixture->project, 0, pass);
  assert_same_splits (before, relabelled);
  all = splits_of (fixture->project, 0, later);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (g_array_index (all, ErrataSplit, i), !=, ERRATA_SPLIT_NONE);
  counts = counts_of (fixture->project, 0);
  /* 30 + 50 passes now; the relabelled 30 make the fails 70. The passes
   * that came late filled what the relabelling took out. */
  {
    guint n_pass = 0;

    for (int s = ERRATA_SPLIT_TRAIN; s <= ERRATA_SPLIT_TEST; s++)
      n_pass += counts.counts[s][0];
    g_assert_cmpuint (n_pass, ==, 80);
    for (int s = ERRATA_SPLIT_TRAIN; s <= ERRATA_SPLIT_TEST; s++)
      {
        double share = s == ERRATA_SPLIT_TRAIN ? 0.2 : 0.4;

        g_assert_cmpfloat (fabs (counts.counts[s][0] - share * n_pass), <=, 4.0);
      }
  }
}

/* Labelled one at a time, with an update after each: still 20/40/40. */
static void
test_incremental (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) first_splits = NULL, now = NULL;
  ErrataSplitCounts counts;

  first = add_labelled (fixture->project, "first", 1, ERRATA_VERDICT_PASS, 0);
  update (fixture->project, 0);
  first_splits = splits_of (fixture->project, 0, first);
  for (guint i = 0; i < 99; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("one%u-", i);
      g_autoptr(GArray) ids = add_labelled (fixture->project, prefix, 1,
                                            i % 2 ? ERRATA_VERDICT_PASS : ERRATA_VERDICT_FAIL, 0);

      update (fixture->project, 0);
      counts = counts_of (fixture->project, 0);
      assert_near_proportions (&counts);
    }
  now = splits_of (fixture->project, 0, first);
  assert_same_splits (first_splits, now);
  counts = counts_of (fixture->project, 0);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_TRAIN][0] + counts.counts[ERRATA_SPLIT_DEV][0] +
                    counts.counts[ERRATA_SPLIT_TEST][0], ==, 50);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_TRAIN][0], ==, 10);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_TRAIN][1], ==, 10);
}

static GArray *
split_project (guint64 seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GArray) pass = add_labelled (project, "p", 50, ERRATA_VERDICT_PASS, 0);
  g_autoptr(GArray) fail = add_labelled (project, "f", 50, ERRATA_VERDICT_FAIL, 0);
  GArray *splits;

  g_assert_true (errata_splits_configure (project, 0, seed, 0.2, 0.4, 0.4, &error));
  g_assert_no_error (error);
  g_array_append_vals (pass, fail->data, fail->len);
  splits = splits_of (project, 0, pass);
  errata_project_close (project);
  errata_test_remove_tree (dir);
  return splits;
}

static void
test_seeded (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) a = split_project (42);
  g_autoptr(GArray) b = split_project (42);
  g_autoptr(GArray) c = split_project (43);
  guint differ = 0;

  gboolean seen[4] = { FALSE };

  assert_same_splits (a, b);
  /* The first trace of a class ties dev and test (40% each): the seed
   * breaks the tie, one way or the other. */
  for (guint64 seed = 1; seed <= 32; seed++)
    {
      g_autofree char *dir = NULL;
      g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
      g_autoptr(GArray) one = add_labelled (project, "one", 1, ERRATA_VERDICT_PASS, 0);
      g_autoptr(GError) error = NULL;

      g_assert_true (errata_splits_configure (project, 0, seed, 0.2, 0.4, 0.4, &error));
      seen[errata_splits_get (project, 0, g_array_index (one, gint64, 0), &error)] = TRUE;
      errata_project_close (project);
      errata_test_remove_tree (dir);
    }
  g_assert_false (seen[ERRATA_SPLIT_TRAIN]);
  g_assert_true (seen[ERRATA_SPLIT_DEV]);
  g_assert_true (seen[ERRATA_SPLIT_TEST]);

  for (guint i = 0; i < a->len; i++)
    differ += g_array_index (a, ErrataSplit, i) != g_array_index (c, ErrataSplit, i);
  /* Two random 20/40/40 splits of 100 agree on about 36 traces. */
  g_assert_cmpuint (differ, >, 20);
}

static void
test_disputed (Fixture       *fixture,
               gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  g_autoptr(GArray) labelled = add_labelled (p, "p", 10, ERRATA_VERDICT_PASS, 0);
  g_autoptr(GError) error = NULL;
  gint64 disputed = eval_test_add_trace (p, "test", "argued");
  gint64 reviewed = eval_test_add_trace (p, "test", "reviewed");
  g_autoptr(GArray) none = NULL;
  ErrataSplitCounts counts;

  eval_test_annotate (p, disputed, "Ada", ERRATA_VERDICT_PASS, NULL, ERRATA_ORIGIN_HERE);
  eval_test_annotate (p, disputed, "Bob", ERRATA_VERDICT_FAIL, NULL, ERRATA_ORIGIN_HERE);
  eval_test_annotate (p, reviewed, "Ada", ERRATA_VERDICT_FAIL, NULL, ERRATA_ORIGIN_HERE);
  update (p, 0);

  counts = counts_of (p, 0);
  g_assert_cmpuint (counts.n_disputed, ==, 1);
  g_assert_cmpint (errata_splits_get (p, 0, disputed, &error), ==, ERRATA_SPLIT_NONE);
  g_assert_cmpint (errata_splits_get (p, 0, reviewed, &error), !=, ERRATA_SPLIT_NONE);
  for (int s = ERRATA_SPLIT_TRAIN; s <= ERRATA_SPLIT_TEST; s++)
    {
      g_autoptr(GArray) ids = errata_splits_list (p, 0, s, &error);

      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpint (g_array_index (ids, gint64, i), !=, disputed);
    }

  /* An explicit label settles it; it joins on the next update. */
  g_assert_true (errata_labels_set (p, 0, disputed, ERRATA_VERDICT_FAIL, "Dana", "adjudicated",
                                    &error));
  none = errata_splits_list (p, 0, ERRATA_SPLIT_NONE, &error);
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_cmpint (g_array_index (none, gint64, 0), ==, disputed);
  update (p, 0);
  g_assert_cmpint (errata_splits_get (p, 0, disputed, &error), !=, ERRATA_SPLIT_NONE);
  counts = counts_of (p, 0);
  g_assert_cmpuint (counts.n_disputed, ==, 0);
  g_assert_no_error (error);

  /* Disputed again after assignment: out of the lists, split kept. */
  g_assert_true (errata_labels_set (p, 0, disputed, ERRATA_VERDICT_UNSET, "Dana", NULL, &error));
  g_assert_cmpint (errata_splits_get (p, 0, disputed, &error), ==, ERRATA_SPLIT_NONE);
  g_assert_true (errata_labels_set (p, 0, disputed, ERRATA_VERDICT_FAIL, "Dana", NULL, &error));
  g_assert_cmpint (errata_splits_get (p, 0, disputed, &error), !=, ERRATA_SPLIT_NONE);
}

static void
add_test_run (ErrataProject *project,
              gint64         target,
              const char    *scope)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO evaluators (name, target, kind, created_at) VALUES ('judge-%s', %" G_GINT64_FORMAT ", 'code', 0);"
    "INSERT INTO evaluator_versions (evaluator_id, number, created_at) VALUES (last_insert_rowid (), 1, 0);"
    "INSERT INTO runs (version_id, scope, status, started_at) VALUES (last_insert_rowid (), '%s', 'done', 0);",
    scope, target, scope);

  eval_test_exec (project, sql);
}

static void
test_configure (Fixture       *fixture,
                gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  g_autoptr(GArray) ids = add_labelled (p, "p", 100, ERRATA_VERDICT_PASS, 0);
  g_autoptr(GArray) before = NULL, after = NULL, frozen = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mode = eval_test_add_mode (p, "Over budget");
  ErrataSplitCounts counts;
  gboolean seen = TRUE;
  guint differ = 0;

  update (p, 0);
  before = splits_of (p, 0, ids);
  g_assert_true (errata_splits_test_seen (p, 0, &seen, &error));
  g_assert_false (seen);

  /* A new seed and proportions reshuffle, before any test run. */
  g_assert_true (errata_splits_configure (p, 0, 7, 1, 1, 2, &error));
  g_assert_no_error (error);
  after = splits_of (p, 0, ids);
  for (guint i = 0; i < ids->len; i++)
    differ += g_array_index (before, ErrataSplit, i) != g_array_index (after, ErrataSplit, i);
  g_assert_cmpuint (differ, >, 0);
  counts = counts_of (p, 0);
  g_assert_cmpuint (counts.seed, ==, 7);
  g_assert_cmpfloat_with_epsilon (counts.test, 0.5, 1e-9);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_TEST][0], ==, 50);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_TRAIN][0], ==, 25);

  g_assert_false (errata_splits_configure (p, 0, 7, -1, 1, 1, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (errata_splits_configure (p, 0, 7, 0, 0, 0, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);

  /* A dev run does not freeze the split; a test run does. */
  add_test_run (p, 0, "dev");
  g_assert_true (errata_splits_test_seen (p, 0, &seen, &error));
  g_assert_false (seen);
  add_test_run (p, 0, "test");
  g_assert_true (errata_splits_test_seen (p, 0, &seen, &error));
  g_assert_true (seen);
  g_assert_false (errata_splits_configure (p, 0, 8, 0.2, 0.4, 0.4, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_SPLIT_FROZEN);
  g_clear_error (&error);
  g_assert_false (errata_splits_configure (p, 0, 7, 0.2, 0.4, 0.4, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_SPLIT_FROZEN);
  g_clear_error (&error);
  frozen = splits_of (p, 0, ids);
  assert_same_splits (after, frozen);
  counts = counts_of (p, 0);
  g_assert_cmpuint (counts.seed, ==, 7);
  /* The same settings again are no change, so not refused. */
  g_assert_true (errata_splits_configure (p, 0, 7, 1, 1, 2, &error));
  g_assert_no_error (error);

  /* Another target's split is not frozen by this one's test run. */
  g_assert_true (errata_splits_test_seen (p, mode, &seen, &error));
  g_assert_false (seen);
  g_assert_true (errata_splits_configure (p, mode, 9, 0.2, 0.4, 0.4, &error));
  g_assert_no_error (error);
  /* Nor does a split exist for a mode that does not. */
  g_assert_false (errata_splits_update (p, 4711, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/splits/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("proportions", test_proportions);
  ADD ("stable", test_stable);
  ADD ("incremental", test_incremental);
  ADD ("seeded", test_seeded);
  ADD ("disputed", test_disputed);
  ADD ("configure", test_configure);

  return g_test_run ();
}
