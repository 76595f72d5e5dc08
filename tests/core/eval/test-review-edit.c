/* test-review-edit.c: a reviewer's edits, undone and redone on an
 * ErrataUndoStack: what is stored before and after, the label history,
 * and a failed undo that loses nothing.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-labels.h"
#include "errata-review-edit.h"
#include "errata-undo-stack.h"

#include "eval-test-helpers.h"

typedef struct
{
  char            *dir;
  ErrataProject   *project;
  ErrataUndoStack *stack;
  gint64           trace_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->trace_id = eval_test_add_trace (fixture->project, "test", "r1");
  fixture->stack = errata_undo_stack_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->stack);
  if (fixture->project != NULL)
    errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Saves a review with `verdict` and `note`, pushing the edit made. */
static void
save (Fixture       *fixture,
      ErrataVerdict  verdict,
      const char    *note)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (fixture->trace_id, "Ada");
  g_autoptr(GError) error = NULL;
  ErrataReviewEdit *edit = NULL;

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  g_assert_true (errata_review_edit_save_annotation (fixture->project, annotation, &edit, &error));
  g_assert_no_error (error);
  g_assert_nonnull (edit);
  g_assert_cmpint (errata_review_edit_get_kind (edit), ==, ERRATA_REVIEW_EDIT_ANNOTATION);
  g_assert_cmpint (errata_review_edit_get_trace_id (edit), ==, fixture->trace_id);
  errata_undo_stack_push (fixture->stack, &errata_review_edit_funcs, edit);
}

static ErrataAnnotation *
stored (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ErrataAnnotation *annotation = errata_project_get_annotation (fixture->project,
                                                                fixture->trace_id, "Ada", &error);

  g_assert_no_error (error);
  return annotation;
}

static void
test_annotation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autoptr(ErrataAnnotation) same = errata_annotation_new (fixture->trace_id, "Ada");
  g_autoptr(GError) error = NULL;
  ErrataReviewEdit *edit = NULL;

  save (fixture, ERRATA_VERDICT_FAIL, "");
  save (fixture, ERRATA_VERDICT_FAIL, "wrong city");
  g_assert_true (errata_undo_stack_peek_undo (fixture->stack) != NULL);

  /* Writing what is stored already is no step. */
  same->verdict = ERRATA_VERDICT_FAIL;
  g_free (same->note);
  same->note = g_strdup ("wrong city");
  g_assert_true (errata_review_edit_save_annotation (fixture->project, same, &edit, &error));
  g_assert_null (edit);

  g_assert_true (errata_undo_stack_undo (fixture->stack, &error));
  annotation = stored (fixture);
  g_assert_cmpint (annotation->verdict, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpstr (annotation->note, ==, "");
  g_clear_pointer (&annotation, errata_annotation_free);

  /* Before the first save there was no review: the empty review. */
  g_assert_true (errata_undo_stack_undo (fixture->stack, &error));
  annotation = stored (fixture);
  g_assert_cmpint (annotation->verdict, ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpstr (annotation->note, ==, "");
  g_assert_cmpint (annotation->first_failure, ==, -1);
  g_clear_pointer (&annotation, errata_annotation_free);
  g_assert_false (errata_undo_stack_can_undo (fixture->stack));

  g_assert_true (errata_undo_stack_redo (fixture->stack, &error));
  g_assert_true (errata_undo_stack_redo (fixture->stack, &error));
  annotation = stored (fixture);
  g_assert_cmpstr (annotation->note, ==, "wrong city");
  g_assert_no_error (error);
}

static void
test_label (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  ErrataReviewEdit *edit = NULL;
  ErrataVerdict value;
  const ErrataLabelChange *change;

  g_assert_true (errata_review_edit_set_label (fixture->project, 0, fixture->trace_id,
                                               ERRATA_VERDICT_PASS, "Ada", "set", &edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_review_edit_get_kind (edit), ==, ERRATA_REVIEW_EDIT_LABEL);
  errata_undo_stack_push (fixture->stack, &errata_review_edit_funcs, edit);

  g_assert_true (errata_undo_stack_undo (fixture->stack, &error));
  g_assert_true (errata_labels_get (fixture->project, 0, fixture->trace_id, &value, &error));
  g_assert_cmpint (value, ==, ERRATA_VERDICT_UNSET);
  history = errata_labels_history (fixture->project, 0, fixture->trace_id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  change = history->pdata[1];
  g_assert_cmpint (change->old_value, ==, ERRATA_VERDICT_PASS);
  g_assert_cmpint (change->new_value, ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpstr (change->who, ==, "Ada");
  g_assert_cmpstr (change->reason, ==, "undo");
}

/* A project that can no longer be written (closed here) cannot take the
 * undo: the error says why, and the edit stays where it was. */
static void
test_failed_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  save (fixture, ERRATA_VERDICT_PASS, "");
  errata_project_close (fixture->project);

  g_assert_false (errata_undo_stack_undo (fixture->stack, &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CLOSED);
  g_assert_true (errata_undo_stack_can_undo (fixture->stack));
  g_assert_false (errata_undo_stack_can_redo (fixture->stack));
  g_clear_object (&fixture->project);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/review-edit/annotation", Fixture, NULL, fixture_set_up, test_annotation,
              fixture_tear_down);
  g_test_add ("/review-edit/label", Fixture, NULL, fixture_set_up, test_label,
              fixture_tear_down);
  g_test_add ("/review-edit/failed-undo", Fixture, NULL, fixture_set_up, test_failed_undo,
              fixture_tear_down);
  return g_test_run ();
}
