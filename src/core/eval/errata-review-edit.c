/* errata-review-edit.c
 *
 * An edit holds the stored state before and after one write, and the
 * undo stack plays it back through the same functions the write used:
 * errata_project_set_annotation() for a review, errata_labels_set() for
 * an explicit label (so the label history records an undo as a change,
 * with "undo" or "redo" as its reason).
 *
 * "No review at all" is restored as the empty review (no verdict, no
 * note, no first failure) rather than by deleting the row: every count
 * and filter reads an empty review as no review (they test the verdict),
 * and deleting the row would also delete the failure-mode assignments of
 * its note (ON DELETE CASCADE) made on the canvas in the meantime.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-review-edit.h"
#include "errata-labels.h"

struct _ErrataReviewEdit
{
  ErrataReviewEditKind  kind;
  ErrataProject        *project;
  gint64                trace_id;
  /* ERRATA_REVIEW_EDIT_ANNOTATION */
  char                 *annotator;
  ErrataAnnotation     *before;   /* NULL: no review */
  ErrataAnnotation     *after;
  /* ERRATA_REVIEW_EDIT_LABEL */
  gint64                target;
  char                 *who;
  ErrataVerdict         old_value;
  ErrataVerdict         new_value;
};

static ErrataAnnotation *
annotation_copy (const ErrataAnnotation *annotation)
{
  ErrataAnnotation *copy;

  if (annotation == NULL)
    return NULL;
  copy = errata_annotation_new (annotation->trace_id, annotation->annotator);
  copy->verdict = annotation->verdict;
  g_free (copy->note);
  copy->note = g_strdup (annotation->note ? annotation->note : "");
  copy->first_failure = annotation->first_failure;
  copy->created_at = annotation->created_at;
  copy->updated_at = annotation->updated_at;
  copy->origin = annotation->origin;
  return copy;
}

static gboolean
same_review (const ErrataAnnotation *a,
             const ErrataAnnotation *b)
{
  ErrataVerdict verdict_a = a ? a->verdict : ERRATA_VERDICT_UNSET;
  ErrataVerdict verdict_b = b ? b->verdict : ERRATA_VERDICT_UNSET;
  const char *note_a = a && a->note ? a->note : "";
  const char *note_b = b && b->note ? b->note : "";
  int first_a = a ? a->first_failure : -1;
  int first_b = b ? b->first_failure : -1;

  return verdict_a == verdict_b && first_a == first_b && g_str_equal (note_a, note_b);
}

void
errata_review_edit_free (ErrataReviewEdit *edit)
{
  if (edit == NULL)
    return;
  g_clear_object (&edit->project);
  g_free (edit->annotator);
  g_clear_pointer (&edit->before, errata_annotation_free);
  g_clear_pointer (&edit->after, errata_annotation_free);
  g_free (edit->who);
  g_free (edit);
}

/* Writes `annotation`, or the empty review when it is NULL. */
static gboolean
store_annotation (ErrataReviewEdit        *edit,
                  const ErrataAnnotation  *annotation,
                  GError                 **error)
{
  g_autoptr(ErrataAnnotation) empty = NULL;

  if (annotation == NULL)
    annotation = empty = errata_annotation_new (edit->trace_id, edit->annotator);
  return errata_project_set_annotation (edit->project, annotation, error);
}

static gboolean
play (ErrataReviewEdit  *edit,
      gboolean           forward,
      GError           **error)
{
  const char *reason;

  if (edit->kind == ERRATA_REVIEW_EDIT_ANNOTATION)
    return store_annotation (edit, forward ? edit->after : edit->before, error);
  /* Translators: why a label changed, as its history shows it: a change
   * undone (or redone) with Ctrl+Z on the Traces page. */
  reason = forward ? _("redo") : _("undo");
  return errata_labels_set (edit->project, edit->target, edit->trace_id,
                            forward ? edit->new_value : edit->old_value, edit->who, reason,
                            error);
}

static gboolean
edit_apply (gpointer   data,
            GError   **error)
{
  return play (data, TRUE, error);
}

static gboolean
edit_revert (gpointer   data,
             GError   **error)
{
  return play (data, FALSE, error);
}

const ErrataUndoEditFuncs errata_review_edit_funcs = {
  edit_apply,
  edit_revert,
  (void (*) (gpointer))errata_review_edit_free,
};

/* What is stored for (trace, annotator), NULL for none; FALSE on a read
 * error. */
static gboolean
read_stored (ErrataProject            *project,
             const ErrataAnnotation   *annotation,
             ErrataAnnotation        **stored,
             GError                  **error)
{
  g_autoptr(GError) local_error = NULL;

  *stored = errata_project_get_annotation (project, annotation->trace_id, annotation->annotator,
                                           &local_error);
  if (*stored == NULL &&
      !g_error_matches (local_error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
errata_review_edit_save_annotation (ErrataProject           *project,
                                    const ErrataAnnotation  *annotation,
                                    ErrataReviewEdit       **edit,
                                    GError                 **error)
{
  g_autoptr(ErrataAnnotation) before = NULL;
  ErrataReviewEdit *result;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (annotation != NULL && annotation->annotator != NULL, FALSE);
  g_return_val_if_fail (edit == NULL || *edit == NULL, FALSE);

  if (!errata_project_begin (project, error))
    return FALSE;
  if (!read_stored (project, annotation, &before, error) ||
      !errata_project_set_annotation (project, annotation, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  if (!errata_project_commit (project, error))
    return FALSE;
  if (edit == NULL || same_review (before, annotation))
    return TRUE;

  result = g_new0 (ErrataReviewEdit, 1);
  result->kind = ERRATA_REVIEW_EDIT_ANNOTATION;
  result->project = g_object_ref (project);
  result->trace_id = annotation->trace_id;
  result->annotator = g_strdup (annotation->annotator);
  result->before = g_steal_pointer (&before);
  result->after = annotation_copy (annotation);
  *edit = result;
  return TRUE;
}

gboolean
errata_review_edit_set_label (ErrataProject     *project,
                              gint64             target,
                              gint64             trace_id,
                              ErrataVerdict      value,
                              const char        *who,
                              const char        *reason,
                              ErrataReviewEdit **edit,
                              GError           **error)
{
  ErrataVerdict old_value = ERRATA_VERDICT_UNSET;
  ErrataReviewEdit *result;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (who != NULL && *who != '\0', FALSE);
  g_return_val_if_fail (edit == NULL || *edit == NULL, FALSE);

  if (!errata_project_begin (project, error))
    return FALSE;
  if (!errata_labels_get (project, target, trace_id, &old_value, error) ||
      !errata_labels_set (project, target, trace_id, value, who, reason, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  if (!errata_project_commit (project, error))
    return FALSE;
  if (edit == NULL || old_value == value)
    return TRUE;

  result = g_new0 (ErrataReviewEdit, 1);
  result->kind = ERRATA_REVIEW_EDIT_LABEL;
  result->project = g_object_ref (project);
  result->trace_id = trace_id;
  result->target = target;
  result->who = g_strdup (who);
  result->old_value = old_value;
  result->new_value = value;
  *edit = result;
  return TRUE;
}

ErrataReviewEditKind
errata_review_edit_get_kind (const ErrataReviewEdit *edit)
{
  g_return_val_if_fail (edit != NULL, ERRATA_REVIEW_EDIT_ANNOTATION);
  return edit->kind;
}

gint64
errata_review_edit_get_trace_id (const ErrataReviewEdit *edit)
{
  g_return_val_if_fail (edit != NULL, 0);
  return edit->trace_id;
}

gint64
errata_review_edit_get_target (const ErrataReviewEdit *edit)
{
  g_return_val_if_fail (edit != NULL, 0);
  return edit->target;
}

const ErrataAnnotation *
errata_review_edit_get_before (const ErrataReviewEdit *edit)
{
  g_return_val_if_fail (edit != NULL, NULL);
  return edit->before;
}

const ErrataAnnotation *
errata_review_edit_get_after (const ErrataReviewEdit *edit)
{
  g_return_val_if_fail (edit != NULL, NULL);
  return edit->after;
}
