/* test-adjudication.c: the queue of disputed labels per target (two
 * reviewers, one of them merged; imported labels; excluded sources; a
 * failure mode), settling with a reason, the history, undo, and the
 * Traces page's filter over the same rule.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-adjudication.h"
#include "errata-ground-truth.h"
#include "errata-labels.h"
#include "errata-trace-query.h"
#include "errata-undo-stack.h"

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
  gint64         t[8];
} Fixture;

/* t1: Ana passes, Ben (merged) fails: reviewers disagree.
 * t2: both pass. t3: Ana passes, an imported label fails: the review wins.
 * t4: no review, two imported files differ. t5: Ana passes, an excluded
 * source fails. t6: Ana alone fails. t7: nothing. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ErrataProject *project;

  project = fixture->project = errata_test_new_project (&fixture->dir);
  for (guint i = 1; i < G_N_ELEMENTS (fixture->t); i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);

      fixture->t[i] = eval_test_add_trace (project, "test", id);
    }
  eval_test_annotate (project, fixture->t[1], "Ana", PASS, "fine", HERE);
  eval_test_annotate (project, fixture->t[1], "Ben", FAIL, "wrong refund amount", MERGED);
  eval_test_annotate (project, fixture->t[2], "Ana", PASS, NULL, HERE);
  eval_test_annotate (project, fixture->t[2], "Ben", PASS, NULL, MERGED);
  eval_test_annotate (project, fixture->t[3], "Ana", PASS, NULL, HERE);
  eval_test_annotate (project, fixture->t[3], "labels.csv", FAIL, NULL, IMPORTED);
  eval_test_annotate (project, fixture->t[4], "a.csv", PASS, NULL, IMPORTED);
  eval_test_annotate (project, fixture->t[4], "b.csv", FAIL, NULL, IMPORTED);
  eval_test_annotate (project, fixture->t[5], "Ana", PASS, NULL, HERE);
  eval_test_annotate (project, fixture->t[5], "gpt", FAIL, NULL, HERE);
  eval_test_annotate (project, fixture->t[6], "Ana", FAIL, NULL, HERE);
  g_assert_true (errata_source_set_excluded (project, "gpt", TRUE, &error));
  g_assert_no_error (error);
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

static GPtrArray *
queue_of (Fixture *fixture,
          gint64   target)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = errata_adjudication_list (fixture->project, target, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static guint
count_of (Fixture *fixture,
          gint64   target)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (errata_adjudication_count (fixture->project, target, &n, &error));
  g_assert_no_error (error);
  return n;
}

static const ErrataAdjudicationVote *
vote_at (const ErrataAdjudicationItem *item,
         guint                         i)
{
  g_assert_cmpuint (i, <, item->votes->len);
  return item->votes->pdata[i];
}

static void
test_queue (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) items = queue_of (fixture, ERRATA_TARGET_OVERALL);
  const ErrataAdjudicationItem *item;

  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (count_of (fixture, ERRATA_TARGET_OVERALL), ==, 2);

  item = items->pdata[0];
  g_assert_cmpint (item->trace_id, ==, fixture->t[1]);
  g_assert_cmpstr (item->external_id, ==, "t1");
  g_assert_cmpint (item->kind, ==, ERRATA_DISPUTE_REVIEWERS);
  g_assert_cmpuint (item->votes->len, ==, 2);
  g_assert_cmpstr (vote_at (item, 0)->annotator, ==, "Ana");
  g_assert_cmpint (vote_at (item, 0)->vote, ==, PASS);
  g_assert_cmpint (vote_at (item, 0)->origin, ==, HERE);
  g_assert_cmpstr (vote_at (item, 0)->note, ==, "fine");
  g_assert_cmpstr (vote_at (item, 1)->annotator, ==, "Ben");
  g_assert_cmpint (vote_at (item, 1)->vote, ==, FAIL);
  g_assert_cmpint (vote_at (item, 1)->origin, ==, MERGED);
  g_assert_cmpstr (vote_at (item, 1)->note, ==, "wrong refund amount");
  g_assert_cmpint (vote_at (item, 1)->first_failure, ==, -1);
  g_assert_cmpint (vote_at (item, 1)->updated_at, >, 0);

  /* Two imported files differing, with no review: disputed too, and only
   * their labels show. t3 (review against import) and t5 (an excluded
   * source) are not in the queue. */
  item = items->pdata[1];
  g_assert_cmpint (item->trace_id, ==, fixture->t[4]);
  g_assert_cmpint (item->kind, ==, ERRATA_DISPUTE_IMPORTED);
  g_assert_cmpuint (item->votes->len, ==, 2);
  g_assert_cmpint (vote_at (item, 0)->origin, ==, IMPORTED);
}

/* The queue is the set ground truth calls disputed, trace for trace. */
static void
test_queue_is_ground_truth_disputes (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) items = queue_of (fixture, ERRATA_TARGET_OVERALL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) truths = errata_ground_truth_list (fixture->project, 0, &error);
  guint n_disputed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < truths->len; i++)
    {
      const ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);
      gboolean queued = FALSE;

      for (guint j = 0; j < items->len; j++)
        queued |= ((ErrataAdjudicationItem *)items->pdata[j])->trace_id == truth->trace_id;
      g_assert_cmpint (queued, ==, truth->disputed);
      n_disputed += truth->disputed;
    }
  g_assert_cmpuint (n_disputed, ==, items->len);
}

/* A review here against an imported label is no disagreement, even when
 * the imported label comes in under a reviewer's own name. */
static void
test_imported_never_disagrees (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;

  eval_test_annotate (fixture->project, fixture->t[6], "Ana import", PASS, NULL, IMPORTED);
  eval_test_annotate (fixture->project, fixture->t[7], "x.csv", FAIL, NULL, IMPORTED);
  items = queue_of (fixture, ERRATA_TARGET_OVERALL);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = ((ErrataAdjudicationItem *)items->pdata[i])->trace_id;

      g_assert_cmpint (id, !=, fixture->t[3]);
      g_assert_cmpint (id, !=, fixture->t[6]);
      g_assert_cmpint (id, !=, fixture->t[7]);
    }
  /* Including the excluded source would make t5 disputed. */
  g_assert_true (errata_source_set_excluded (fixture->project, "gpt", FALSE, NULL));
  g_assert_cmpuint (count_of (fixture, ERRATA_TARGET_OVERALL), ==, 3);
}

static void
test_settle (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const ErrataLabelChange *change;
  ErrataVerdict value;

  g_assert_true (errata_adjudication_settle (fixture->project, ERRATA_TARGET_OVERALL,
                                             fixture->t[1], FAIL, "Carla",
                                             "  The refund amount is wrong in step 3.  ",
                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_true (errata_labels_get (fixture->project, 0, fixture->t[1], &value, &error));
  g_assert_cmpint (value, ==, FAIL);

  history = errata_labels_trace_history (fixture->project, fixture->t[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  change = history->pdata[0];
  g_assert_cmpint (change->target, ==, ERRATA_TARGET_OVERALL);
  g_assert_cmpint (change->old_value, ==, UNSET);
  g_assert_cmpint (change->new_value, ==, FAIL);
  g_assert_cmpstr (change->who, ==, "Carla");
  g_assert_cmpstr (change->reason, ==, "The refund amount is wrong in step 3.");
  g_assert_cmpint (change->changed_at, >, 0);

  /* Settled: out of the queue, and not disputed for ground truth. */
  g_assert_cmpuint (count_of (fixture, ERRATA_TARGET_OVERALL), ==, 1);
  /* Settling it again is refused: nothing is disputed any more. */
  g_assert_false (errata_adjudication_settle (fixture->project, 0, fixture->t[1], PASS,
                                              "Carla", "again", NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (errata_labels_get (fixture->project, 0, fixture->t[1], &value, NULL));
  g_assert_cmpint (value, ==, FAIL);
  /* A trace nobody differs about cannot be "settled" either. */
  g_assert_false (errata_adjudication_settle (fixture->project, 0, fixture->t[2], FAIL,
                                              "Carla", "why not", NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
}

static void
assert_settle_refused (Fixture       *fixture,
                       ErrataVerdict  value,
                       const char    *who,
                       const char    *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (errata_adjudication_settle (fixture->project, 0, fixture->t[1], value, who,
                                              reason, NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
}

static void
test_settle_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  assert_settle_refused (fixture, FAIL, "Carla", "");
  assert_settle_refused (fixture, FAIL, "Carla", " \t\n ");
  assert_settle_refused (fixture, FAIL, "Carla", NULL);
  assert_settle_refused (fixture, FAIL, "", "a reason");
  assert_settle_refused (fixture, UNSET, "Carla", "a reason");
  history = errata_labels_trace_history (fixture->project, fixture->t[1], &error);
  g_assert_cmpuint (history->len, ==, 0);
  g_assert_cmpuint (count_of (fixture, ERRATA_TARGET_OVERALL), ==, 2);
  /* A failure mode that does not exist. */
  g_assert_false (errata_adjudication_settle (fixture->project, 999, fixture->t[1], FAIL,
                                              "Carla", "reason", NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
}

/* For a mode, a reviewer fails it when their note sits in it and passes
 * it when they reviewed the trace otherwise: both failing overall can
 * still disagree about why. */
static void
test_per_mode (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 mode = eval_test_add_mode (fixture->project, "Wrong amount");
  gint64 t = fixture->t[7];
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) for_trace = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  const ErrataAdjudicationItem *item;

  eval_test_annotate (fixture->project, t, "Ana", FAIL, "refund of 30 instead of 300", HERE);
  eval_test_annotate (fixture->project, t, "Ben", FAIL, "rude tone", MERGED);
  eval_test_assign (fixture->project, t, "Ana", mode);

  items = queue_of (fixture, mode);
  g_assert_cmpuint (items->len, ==, 1);
  item = items->pdata[0];
  g_assert_cmpint (item->target, ==, mode);
  g_assert_cmpint (item->trace_id, ==, t);
  g_assert_cmpstr (vote_at (item, 0)->annotator, ==, "Ana");
  g_assert_cmpint (vote_at (item, 0)->vote, ==, FAIL);
  g_assert_cmpint (vote_at (item, 1)->vote, ==, PASS);
  g_assert_cmpint (vote_at (item, 1)->verdict, ==, FAIL);

  /* Overall they agree; the trace's disputes are the mode's alone. */
  for_trace = errata_adjudication_list_for_trace (fixture->project, t, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_trace->len, ==, 1);
  g_assert_cmpint (((ErrataAdjudicationItem *)for_trace->pdata[0])->target, ==, mode);
  g_clear_pointer (&for_trace, g_ptr_array_unref);
  for_trace = errata_adjudication_list_for_trace (fixture->project, fixture->t[1], &error);
  g_assert_cmpuint (for_trace->len, ==, 1);
  g_assert_cmpint (((ErrataAdjudicationItem *)for_trace->pdata[0])->target, ==, 0);

  g_assert_true (errata_adjudication_settle (fixture->project, mode, t, FAIL, "Ben",
                                             "The amount is the failure; tone is fine.",
                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_of (fixture, mode), ==, 0);
  g_assert_cmpuint (count_of (fixture, ERRATA_TARGET_OVERALL), ==, 2);
  history = errata_labels_trace_history (fixture->project, t, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (((ErrataLabelChange *)history->pdata[0])->target, ==, mode);
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ErrataUndoStack) stack = errata_undo_stack_new ();
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  ErrataReviewEdit *edit = NULL;

  g_assert_true (errata_adjudication_settle (fixture->project, 0, fixture->t[4], PASS, "Carla",
                                             "b.csv mislabelled it", &edit, &error));
  g_assert_no_error (error);
  g_assert_nonnull (edit);
  errata_undo_stack_push (stack, &errata_review_edit_funcs, edit);
  g_assert_cmpuint (count_of (fixture, 0), ==, 1);

  g_assert_true (errata_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_of (fixture, 0), ==, 2);
  g_assert_true (errata_undo_stack_redo (stack, &error));
  g_assert_cmpuint (count_of (fixture, 0), ==, 1);

  history = errata_labels_trace_history (fixture->project, fixture->t[4], &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((ErrataLabelChange *)history->pdata[0])->reason, ==, "b.csv mislabelled it");
  g_assert_cmpint (((ErrataLabelChange *)history->pdata[1])->new_value, ==, UNSET);
  g_assert_cmpint (((ErrataLabelChange *)history->pdata[2])->new_value, ==, PASS);
}

/* The Traces page's "Disputed" filter lists the same traces. */
static void
test_trace_query_filter (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (errata_trace_query_get_disputed_target (query), ==, -1);
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 7);
  errata_trace_query_set_disputed_target (query, ERRATA_TARGET_OVERALL);
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 2);
  g_assert_true (errata_adjudication_settle (fixture->project, 0, fixture->t[1], PASS, "Carla",
                                             "Ana read the policy right", NULL, &error));
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 1);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/adjudication/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("queue", test_queue);
  ADD ("queue-is-ground-truth-disputes", test_queue_is_ground_truth_disputes);
  ADD ("imported-never-disagrees", test_imported_never_disagrees);
  ADD ("settle", test_settle);
  ADD ("settle-refused", test_settle_refused);
  ADD ("per-mode", test_per_mode);
  ADD ("undo", test_undo);
  ADD ("trace-query-filter", test_trace_query_filter);

  return g_test_run ();
}
