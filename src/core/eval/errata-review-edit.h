/* errata-review-edit.h: a reviewer's change to a review or an explicit
 * label, kept so that it can be undone and redone (ErrataUndoStack).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"
#include "errata-undo-stack.h"

G_BEGIN_DECLS

typedef struct _ErrataReviewEdit ErrataReviewEdit;

typedef enum
{
  ERRATA_REVIEW_EDIT_ANNOTATION,   /* verdict, note or first failure */
  ERRATA_REVIEW_EDIT_LABEL,        /* an explicit label for a target */
} ErrataReviewEditKind;

/* Plays an ErrataReviewEdit on an ErrataUndoStack. */
extern const ErrataUndoEditFuncs errata_review_edit_funcs;

/* Stores `annotation` like errata_project_set_annotation() and, in the
 * same transaction, reads what was stored before. On success `edit` (when
 * not NULL) is the change made, or NULL when the stored review did not
 * change (a flush of an unchanged form). */
gboolean              errata_review_edit_save_annotation (ErrataProject           *project,
                                                          const ErrataAnnotation  *annotation,
                                                          ErrataReviewEdit       **edit,
                                                          GError                 **error);
/* errata_labels_set() by `who`, with `reason`, reading the old value in
 * the same transaction; `edit` as above. */
gboolean              errata_review_edit_set_label       (ErrataProject           *project,
                                                          gint64                   target,
                                                          gint64                   trace_id,
                                                          ErrataVerdict            value,
                                                          const char              *who,
                                                          const char              *reason,
                                                          ErrataReviewEdit       **edit,
                                                          GError                 **error);

ErrataReviewEditKind  errata_review_edit_get_kind        (const ErrataReviewEdit  *edit);
gint64                errata_review_edit_get_trace_id    (const ErrataReviewEdit  *edit);
/* The label's target (ERRATA_REVIEW_EDIT_LABEL only). */
gint64                errata_review_edit_get_target      (const ErrataReviewEdit  *edit);
/* The review stored before/after the edit, for an annotation edit (NULL:
 * there was no review). */
const ErrataAnnotation *errata_review_edit_get_before    (const ErrataReviewEdit  *edit);
const ErrataAnnotation *errata_review_edit_get_after     (const ErrataReviewEdit  *edit);
void                  errata_review_edit_free            (ErrataReviewEdit        *edit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataReviewEdit, errata_review_edit_free)

G_END_DECLS
