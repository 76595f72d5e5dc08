/* errata-coding-panel-save.c: the coding panel's review of the trace on
 * show: loading what this annotator stored, saving each change (a note
 * once typing pauses), and never dropping a change in flight when the
 * trace or the annotator changes.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-coding-panel-private.h"
#include "errata-review-edit.h"

/* Saving -------------------------------------------------------------- */

/* Whether the fields differ from what is stored; the page's Undo follows
 * it (a note in flight is saved, then undone). */
void
_errata_coding_panel_set_dirty (ErrataCodingPanel *self,
                                gboolean           dirty)
{
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify (G_OBJECT (self), "unsaved");
}

static ErrataAnnotation *
build_annotation (ErrataCodingPanel *self)
{
  ErrataAnnotation *annotation;

  annotation = errata_annotation_new (errata_trace_get_id (self->trace), self->annotator);
  annotation->verdict = self->verdict;
  annotation->first_failure = self->first_failure;
  g_free (annotation->note);
  annotation->note = errata_coding_panel_dup_note (self);
  return annotation;
}

gboolean
_errata_coding_panel_save (ErrataCodingPanel  *self,
                           GError            **error)
{
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autoptr(ErrataReviewEdit) edit = NULL;
  g_autoptr(GError) local_error = NULL;

  g_assert (_errata_coding_panel_can_edit (self));

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  annotation = build_annotation (self);
  g_clear_error (&self->error);
  if (!errata_review_edit_save_annotation (self->project, annotation,
                                           self->undo_stack ? &edit : NULL, &local_error))
    {
      _errata_coding_panel_set_dirty (self, TRUE);
      self->error = g_error_copy (local_error);
      self->error_kind = ERROR_KIND_SAVE;
      _errata_coding_panel_set_save_state (self, SAVE_STATE_FAILED);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _errata_coding_panel_set_dirty (self, FALSE);
  /* One undo step per write: a verdict, a mark, a note once typing paused. */
  if (edit != NULL)
    errata_undo_stack_push (self->undo_stack, &errata_review_edit_funcs, g_steal_pointer (&edit));
  _errata_coding_panel_set_save_state (self, SAVE_STATE_SAVED);
  /* A verdict or a note decides whether the trace counts as reviewed. */
  _errata_coding_panel_update_modes_label (self);
  _errata_coding_panel_update_other_reviews (self);
  errata_mode_labels_refresh (self->mode_labels);
  g_signal_emit_by_name (self, "saved", annotation->trace_id);
  return TRUE;
}

/* For changes the user made in the panel: the panel shows the error. */
void
_errata_coding_panel_save_now (ErrataCodingPanel *self)
{
  _errata_coding_panel_set_dirty (self, TRUE);
  _errata_coding_panel_save (self, NULL);
}

static gboolean
note_timeout_cb (gpointer data)
{
  ErrataCodingPanel *self = data;

  self->note_timeout_id = 0;
  _errata_coding_panel_save (self, NULL);
  return G_SOURCE_REMOVE;
}

void
_errata_coding_panel_on_note_changed (ErrataCodingPanel *self)
{
  _errata_coding_panel_update_placeholder (self);
  if (self->syncing || !_errata_coding_panel_can_edit (self))
    return;

  _errata_coding_panel_set_dirty (self, TRUE);
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  self->note_timeout_id = g_timeout_add (ERRATA_CODING_PANEL_NOTE_DELAY_MS, note_timeout_cb, self);
  /* A failed save stays on screen until a write succeeds. */
  if (self->save_state != SAVE_STATE_FAILED)
    _errata_coding_panel_set_save_state (self, SAVE_STATE_PENDING);
}

/* Loading ------------------------------------------------------------- */

static void
show_annotation (ErrataCodingPanel      *self,
                 const ErrataAnnotation *annotation)
{
  self->verdict = annotation ? annotation->verdict : ERRATA_VERDICT_UNSET;
  self->first_failure = annotation ? annotation->first_failure : -1;

  self->syncing = TRUE;
  /* Loading is not typing: Ctrl+Z in the note must not bring back the
   * text of the trace (or the review) shown before. */
  gtk_text_buffer_begin_irreversible_action (_errata_coding_panel_get_note_buffer (self));
  gtk_text_buffer_set_text (_errata_coding_panel_get_note_buffer (self),
                            annotation && annotation->note ? annotation->note : "", -1);
  gtk_text_buffer_end_irreversible_action (_errata_coding_panel_get_note_buffer (self));
  self->syncing = FALSE;

  _errata_coding_panel_update_verdict_buttons (self);
  _errata_coding_panel_update_first_failure_row (self);
  _errata_coding_panel_update_placeholder (self);
  g_object_notify (G_OBJECT (self), "verdict");
  g_object_notify (G_OBJECT (self), "first-failure");
}

/* Shows what this annotator stored for the trace (or a blank form). */
void
_errata_coding_panel_load_annotation (ErrataCodingPanel *self)
{
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  g_clear_error (&self->error);
  _errata_coding_panel_set_dirty (self, FALSE);

  if (self->project != NULL && self->trace != NULL)
    annotation = errata_project_get_annotation (self->project, errata_trace_get_id (self->trace),
                                                self->annotator, &error);
  if (error != NULL && !g_error_matches (error, ERRATA_PROJECT_ERROR,
                                         ERRATA_PROJECT_ERROR_NOT_FOUND))
    {
      self->error = g_steal_pointer (&error);
      self->error_kind = ERROR_KIND_READ;
    }

  show_annotation (self, annotation);
  _errata_coding_panel_set_save_state (self, annotation ? SAVE_STATE_SAVED : SAVE_STATE_NONE);
  if (self->error != NULL)
    _errata_coding_panel_set_save_state (self, SAVE_STATE_FAILED);
}

/* Leaving a trace (or an annotator) must not drop a note in flight. The
 * caller that wants to stop on failure calls flush itself first; here the
 * error is returned so that the next form can say what was lost. */
GError *
_errata_coding_panel_flush_before_leaving (ErrataCodingPanel *self)
{
  GError *error = NULL;

  if (!errata_coding_panel_flush (self, &error))
    g_prefix_error (&error, _("The previous review could not be saved. "));
  return error;
}

/* After _errata_coding_panel_load_annotation(): shows why the previous form was not saved. */
void
_errata_coding_panel_show_leaving_error (ErrataCodingPanel *self,
                                         GError            *error)
{
  if (error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error;
  self->error_kind = ERROR_KIND_PREVIOUS;
  _errata_coding_panel_set_save_state (self, SAVE_STATE_FAILED);
}

/* TRUE while an edit waits for its save, or after a save failed. */
gboolean
errata_coding_panel_has_unsaved (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), FALSE);
  return self->dirty;
}

/* Why the last write failed, or NULL once a write succeeds. */
const GError *
errata_coding_panel_get_error (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), NULL);
  return self->error;
}

/**
 * errata_coding_panel_flush:
 *
 * Writes unsaved changes now (a note waiting for typing to pause, or
 * a write that failed before). Call it before moving to another trace
 * and before closing the project.
 *
 * Returns: TRUE when nothing is left unsaved
 */
gboolean
errata_coding_panel_flush (ErrataCodingPanel  *self,
                           GError            **error)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  if (!self->dirty || !_errata_coding_panel_can_edit (self))
    return TRUE;
  return _errata_coding_panel_save (self, error);
}

