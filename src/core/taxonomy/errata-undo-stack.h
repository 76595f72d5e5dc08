/* errata-undo-stack.h: a stack of edits that can be undone and redone.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_UNDO_STACK (errata_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (ErrataUndoStack, errata_undo_stack, ERRATA, UNDO_STACK, GObject)

/* How one kind of edit is played. An edit is the caller's data: `apply`
 * does it (first time and redo), `revert` undoes it; each either changes
 * everything or nothing and says why in `error`. `free` drops the edit
 * when it leaves the stack. */
typedef struct
{
  gboolean (*apply)  (gpointer   edit,
                      GError   **error);
  gboolean (*revert) (gpointer   edit,
                      GError   **error);
  void     (*free)   (gpointer   edit);
} ErrataUndoEditFuncs;

ErrataUndoStack *errata_undo_stack_new        (void);

/* Applies `edit` and puts it on top of the stack, dropping what Redo had
 * and, past the limit, the oldest edit. The stack owns `edit` from here on,
 * also when applying fails (then it is freed and the stack is unchanged). */
gboolean         errata_undo_stack_do         (ErrataUndoStack            *self,
                                               const ErrataUndoEditFuncs  *funcs,
                                               gpointer                    edit,
                                               GError                    **error);
/* Puts an edit that the caller has already made on top of the stack, as
 * errata_undo_stack_do() does after applying it. */
void             errata_undo_stack_push       (ErrataUndoStack            *self,
                                               const ErrataUndoEditFuncs  *funcs,
                                               gpointer                    edit);
/* The edit Undo (or Redo) would play next, or NULL; the stack keeps it. */
gpointer         errata_undo_stack_peek_undo  (ErrataUndoStack            *self);
gpointer         errata_undo_stack_peek_redo  (ErrataUndoStack            *self);
/* Both do nothing and return TRUE when there is nothing to undo/redo; on
 * failure the edit stays where it was. */
gboolean         errata_undo_stack_undo       (ErrataUndoStack            *self,
                                               GError                    **error);
gboolean         errata_undo_stack_redo       (ErrataUndoStack            *self,
                                               GError                    **error);
gboolean         errata_undo_stack_can_undo   (ErrataUndoStack            *self);
gboolean         errata_undo_stack_can_redo   (ErrataUndoStack            *self);
/* Forgets every edit (say, when the data changed under the stack). */
void             errata_undo_stack_clear      (ErrataUndoStack            *self);

/* How many edits Undo can go back; 0 (the default) is no limit. */
guint            errata_undo_stack_get_limit  (ErrataUndoStack            *self);
void             errata_undo_stack_set_limit  (ErrataUndoStack            *self,
                                               guint                       limit);

G_END_DECLS
