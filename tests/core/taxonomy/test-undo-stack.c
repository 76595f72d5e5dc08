/* test-undo-stack.c: the generic stack of undoable edits.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "errata-undo-stack.h"

/* The edits add `amount` to a counter; one with `fail` set refuses. */
typedef struct
{
  int      *counter;
  int       amount;
  gboolean  fail;
  guint    *n_freed;
} AddEdit;

static gboolean
add_apply (gpointer   data,
           GError   **error)
{
  AddEdit *edit = data;

  if (edit->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
      return FALSE;
    }
  *edit->counter += edit->amount;
  return TRUE;
}

static gboolean
add_revert (gpointer   data,
            GError   **error)
{
  AddEdit *edit = data;

  if (edit->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
      return FALSE;
    }
  *edit->counter -= edit->amount;
  return TRUE;
}

static void
add_free (gpointer data)
{
  AddEdit *edit = data;

  (*edit->n_freed)++;
  g_free (edit);
}

static const ErrataUndoEditFuncs add_funcs = { add_apply, add_revert, add_free };

static AddEdit *
add_edit_new (int   *counter,
              int    amount,
              guint *n_freed)
{
  AddEdit *edit = g_new0 (AddEdit, 1);

  edit->counter = counter;
  edit->amount = amount;
  edit->n_freed = n_freed;
  return edit;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_do_undo_redo (void)
{
  g_autoptr(ErrataUndoStack) stack = errata_undo_stack_new ();
  g_autoptr(GError) error = NULL;
  guint n_freed = 0;
  guint undo_notes = 0;
  guint redo_notes = 0;
  int counter = 0;

  g_signal_connect (stack, "notify::can-undo", G_CALLBACK (count_notify), &undo_notes);
  g_signal_connect (stack, "notify::can-redo", G_CALLBACK (count_notify), &redo_notes);
  g_assert_false (errata_undo_stack_can_undo (stack));
  g_assert_true (errata_undo_stack_undo (stack, &error));   /* nothing: no-op */

  g_assert_true (errata_undo_stack_do (stack, &add_funcs, add_edit_new (&counter, 1, &n_freed), &error));
  g_assert_true (errata_undo_stack_do (stack, &add_funcs, add_edit_new (&counter, 10, &n_freed), &error));
  g_assert_no_error (error);
  g_assert_cmpint (counter, ==, 11);
  g_assert_cmpuint (undo_notes, ==, 1);    /* only the change from FALSE to TRUE */

  g_assert_true (errata_undo_stack_undo (stack, &error));
  g_assert_cmpint (counter, ==, 1);
  g_assert_true (errata_undo_stack_can_redo (stack));
  g_assert_cmpuint (redo_notes, ==, 1);
  g_assert_true (errata_undo_stack_undo (stack, &error));
  g_assert_cmpint (counter, ==, 0);
  g_assert_false (errata_undo_stack_can_undo (stack));
  g_assert_cmpuint (undo_notes, ==, 2);

  g_assert_true (errata_undo_stack_redo (stack, &error));
  g_assert_cmpint (counter, ==, 1);
  g_assert_cmpuint (n_freed, ==, 0);

  /* A new edit drops what Redo had (the +10). */
  g_assert_true (errata_undo_stack_do (stack, &add_funcs, add_edit_new (&counter, 100, &n_freed), &error));
  g_assert_cmpint (counter, ==, 101);
  g_assert_false (errata_undo_stack_can_redo (stack));
  g_assert_cmpuint (n_freed, ==, 1);
  g_assert_true (errata_undo_stack_redo (stack, &error));   /* nothing: no-op */
  g_assert_cmpint (counter, ==, 101);

  g_assert_finalize_object (g_steal_pointer (&stack));
  g_assert_cmpuint (n_freed, ==, 3);
}

static void
test_failures_leave_stack (void)
{
  g_autoptr(ErrataUndoStack) stack = errata_undo_stack_new ();
  g_autoptr(GError) error = NULL;
  guint n_freed = 0;
  int counter = 0;
  AddEdit *failing = add_edit_new (&counter, 5, &n_freed);

  failing->fail = TRUE;
  g_assert_false (errata_undo_stack_do (stack, &add_funcs, failing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  /* The stack owned the failed edit and freed it; nothing to undo. */
  g_assert_cmpuint (n_freed, ==, 1);
  g_assert_false (errata_undo_stack_can_undo (stack));

  failing = add_edit_new (&counter, 5, &n_freed);
  g_assert_true (errata_undo_stack_do (stack, &add_funcs, failing, &error));
  failing->fail = TRUE;     /* the data changed under the stack */
  g_assert_false (errata_undo_stack_undo (stack, &error));
  g_clear_error (&error);
  g_assert_cmpint (counter, ==, 5);
  g_assert_true (errata_undo_stack_can_undo (stack));
  g_assert_false (errata_undo_stack_can_redo (stack));

  errata_undo_stack_clear (stack);
  g_assert_false (errata_undo_stack_can_undo (stack));
  g_assert_cmpuint (n_freed, ==, 2);
}

static void
test_limit (void)
{
  g_autoptr(ErrataUndoStack) stack = errata_undo_stack_new ();
  g_autoptr(GError) error = NULL;
  guint n_freed = 0;
  guint limit = 0;
  int counter = 0;

  g_assert_cmpuint (errata_undo_stack_get_limit (stack), ==, 0);
  for (int i = 1; i <= 5; i++)
    g_assert_true (errata_undo_stack_do (stack, &add_funcs, add_edit_new (&counter, i, &n_freed), &error));
  g_assert_cmpint (counter, ==, 15);

  /* Lowering the limit drops the oldest edits (+1, +2). */
  g_object_set (stack, "limit", 3, NULL);
  g_object_get (stack, "limit", &limit, NULL);
  g_assert_cmpuint (limit, ==, 3);
  g_assert_cmpuint (n_freed, ==, 2);

  /* One more: +3 goes too. */
  g_assert_true (errata_undo_stack_do (stack, &add_funcs, add_edit_new (&counter, 6, &n_freed), &error));
  g_assert_cmpuint (n_freed, ==, 3);
  for (int i = 0; i < 5; i++)
    g_assert_true (errata_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  /* 21 - 6 - 5 - 4: the three edits the limit kept. */
  g_assert_cmpint (counter, ==, 6);
  g_assert_false (errata_undo_stack_can_undo (stack));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/undo-stack/do-undo-redo", test_do_undo_redo);
  g_test_add_func ("/undo-stack/failures-leave-stack", test_failures_leave_stack);
  g_test_add_func ("/undo-stack/limit", test_limit);
  return g_test_run ();
}
