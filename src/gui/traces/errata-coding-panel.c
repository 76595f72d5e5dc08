/* errata-coding-panel.c: the open-coding form beside a trace.
 *
 * Pass / Fail, a free-text note and the first upstream failure, for the
 * current annotator. Everything is stored through
 * errata_project_set_annotation(), one committed transaction per write, so
 * what the panel reports as saved survives a crash. The verdict and the
 * first failure are written at once; the note waits until typing pauses.
 * A failed write leaves every field as the user left it and says why; the
 * next change or errata_coding_panel_flush() tries again.
 *
 * Below the note, the failure modes the trace shows (its derived labels:
 * a reviewed trace whose note sits in a mode fails that mode), read from
 * the taxonomy shared with the Failure Modes page and kept up to date.
 * Below the form, closed until asked for, the trace's label for each
 * failure mode and a way to set an explicit one (errata-mode-labels.c).
 *
 * Below the form, read only, what other annotators wrote about the trace:
 * a project made by someone else (the demo's "Demo reviewer") otherwise
 * shows an empty form beside a trace whose note the list displays.
 *
 * What the panel shows of its state (the save state, the verdict buttons,
 * the failure modes) is in errata-coding-panel-state.c, the other
 * annotators' reviews in errata-coding-panel-others.c, over
 * errata-coding-panel-private.h.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-coding-panel-private.h"
#include "errata-workspace.h"

G_DEFINE_FINAL_TYPE (ErrataCodingPanel, errata_coding_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_TRACE,
  PROP_VERDICT,
  PROP_FIRST_FAILURE,
  PROP_ANNOTATOR,
  PROP_EDITABLE,
  PROP_UNSAVED,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkTextBuffer *
_errata_coding_panel_get_note_buffer (ErrataCodingPanel *self)
{
  return gtk_text_view_get_buffer (self->note_view);
}

gboolean
_errata_coding_panel_can_edit (ErrataCodingPanel *self)
{
  return self->project != NULL && self->trace != NULL &&
         !errata_project_is_read_only (self->project);
}

/* The labels per failure mode follow the trace, the modes and the name. */
static void
update_mode_labels (ErrataCodingPanel *self)
{
  errata_mode_labels_set_trace (self->mode_labels, self->project, self->taxonomy,
                                self->trace ? errata_trace_get_id (self->trace) : 0,
                                self->annotator);
}

static void
on_annotator_changed (ErrataCodingPanel *self)
{
  g_autofree char *annotator = errata_annotator_name_from_settings (self->settings);
  GError *error;

  if (g_strcmp0 (annotator, self->annotator) == 0)
    return;

  error = _errata_coding_panel_flush_before_leaving (self);
  g_free (self->annotator);
  self->annotator = g_steal_pointer (&annotator);
  _errata_coding_panel_update_annotator_label (self);
  _errata_coding_panel_load_annotation (self);
  _errata_coding_panel_show_leaving_error (self, g_steal_pointer (&error));
  /* Whose review is "other" changed with the name. */
  _errata_coding_panel_update_other_reviews (self);
  update_mode_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR]);
}

/* Verdict buttons and actions ----------------------------------------- */

static void
toggle_verdict (ErrataCodingPanel *self,
                GtkToggleButton   *button,
                ErrataVerdict      verdict)
{
  if (self->syncing)
    return;
  if (gtk_toggle_button_get_active (button))
    errata_coding_panel_set_verdict (self, verdict);
  else if (self->verdict == verdict)
    errata_coding_panel_set_verdict (self, ERRATA_VERDICT_UNSET);
  _errata_coding_panel_update_verdict_buttons (self);
}

static void
on_pass_toggled (ErrataCodingPanel *self,
                 GtkToggleButton   *button)
{
  toggle_verdict (self, button, ERRATA_VERDICT_PASS);
}

static void
on_fail_toggled (ErrataCodingPanel *self,
                 GtkToggleButton   *button)
{
  toggle_verdict (self, button, ERRATA_VERDICT_FAIL);
}

static void
verdict_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ErrataCodingPanel *self = ERRATA_CODING_PANEL (widget);

  if (g_str_equal (action_name, "coding.pass"))
    errata_coding_panel_set_verdict (self, ERRATA_VERDICT_PASS);
  else if (g_str_equal (action_name, "coding.fail"))
    errata_coding_panel_set_verdict (self, ERRATA_VERDICT_FAIL);
  else
    errata_coding_panel_set_verdict (self, ERRATA_VERDICT_UNSET);
}

static void
clear_first_failure_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  errata_coding_panel_set_first_failure (ERRATA_CODING_PANEL (widget), -1);
}

static void
focus_note_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataCodingPanel *self = ERRATA_CODING_PANEL (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

/* GObject ------------------------------------------------------------- */

static void
errata_coding_panel_dispose (GObject *object)
{
  ErrataCodingPanel *self = ERRATA_CODING_PANEL (object);

  /* Closing the window with a note in flight still stores it; if that
   * fails there is no form left to say so. */
  if (self->note_timeout_id != 0)
    {
      g_autoptr(GError) error = _errata_coding_panel_flush_before_leaving (self);

      if (error != NULL)
        g_debug ("%s", error->message);
    }
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);

  if (self->taxonomy != NULL)
    g_signal_handlers_disconnect_by_data (self->taxonomy, self);
  g_clear_object (&self->taxonomy);
  g_clear_object (&self->undo_stack);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_CODING_PANEL);
  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (errata_coding_panel_parent_class)->dispose (object);
}

static void
errata_coding_panel_finalize (GObject *object)
{
  ErrataCodingPanel *self = ERRATA_CODING_PANEL (object);

  g_free (self->annotator);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (errata_coding_panel_parent_class)->finalize (object);
}

static void
errata_coding_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ErrataCodingPanel *self = ERRATA_CODING_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_VERDICT:
      g_value_set_int (value, self->verdict);
      break;
    case PROP_FIRST_FAILURE:
      g_value_set_int (value, self->first_failure);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, _errata_coding_panel_can_edit (self));
      break;
    case PROP_UNSAVED:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_coding_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ErrataCodingPanel *self = ERRATA_CODING_PANEL (object);

  switch (prop_id)
    {
    case PROP_VERDICT:
      errata_coding_panel_set_verdict (self, g_value_get_int (value));
      break;
    case PROP_FIRST_FAILURE:
      errata_coding_panel_set_first_failure (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, ERRATA_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, ERRATA_TYPE_TRACE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An ErrataVerdict; the core has no enum GType for it yet. */
  properties[PROP_VERDICT] =
    g_param_spec_int ("verdict", NULL, NULL,
                      ERRATA_VERDICT_UNSET, ERRATA_VERDICT_FAIL, ERRATA_VERDICT_UNSET,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_FAILURE] =
    g_param_spec_int ("first-failure", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNSAVED] =
    g_param_spec_boolean ("unsaved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "coding.pass", NULL, verdict_action);
  gtk_widget_class_install_action (widget_class, "coding.fail", NULL, verdict_action);
  gtk_widget_class_install_action (widget_class, "coding.clear-verdict", NULL, verdict_action);
  gtk_widget_class_install_action (widget_class, "coding.clear-first-failure", NULL,
                                   clear_first_failure_action);
  gtk_widget_class_install_action (widget_class, "coding.focus-note", NULL, focus_note_action);

  /* Class shortcuts run in the bubble phase, after the focused widget: a
   * letter typed into the note is consumed by the text view and never
   * reaches these. The window binds its own shortcuts for the rest. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "coding.pass", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "coding.fail", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "coding.focus-note", NULL);
}

static void
errata_coding_panel_class_init (ErrataCodingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_coding_panel_dispose;
  object_class->finalize = errata_coding_panel_finalize;
  object_class->get_property = errata_coding_panel_get_property;
  object_class->set_property = errata_coding_panel_set_property;
  install_properties (object_class);

  /**
   * ErrataCodingPanel::saved:
   * @trace_id: the trace whose annotation was written
   *
   * Emitted after each successful write, so lists can refresh the row.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  install_actions (widget_class);

  g_type_ensure (ERRATA_TYPE_MODE_LABELS);
  g_type_ensure (ERRATA_TYPE_ADJUDICATION_PANEL);
  g_type_ensure (ERRATA_TYPE_LABEL_HISTORY);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codingpanel");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-coding-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, state_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, state_icon);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, annotator_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, reason_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, form);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, pass_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, fail_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, note_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, note_placeholder);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, modes_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, first_failure_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, mode_labels);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, mode_labels_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, adjudication);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, label_history);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, others_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodingPanel, others_list);
  gtk_widget_class_bind_template_callback (widget_class, on_pass_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_fail_toggled);
}

static void
errata_coding_panel_init (ErrataCodingPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->first_failure = -1;
  self->settings = g_settings_new (APP_ID);
  self->annotator = errata_annotator_name_from_settings (self->settings);
  g_signal_connect_object (self->settings, "changed::annotator-name",
                           G_CALLBACK (on_annotator_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::blind-review",
                           G_CALLBACK (_errata_coding_panel_update_other_reviews), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (_errata_coding_panel_get_note_buffer (self), "changed",
                           G_CALLBACK (_errata_coding_panel_on_note_changed), self, G_CONNECT_SWAPPED);

  _errata_coding_panel_connect_adjudication (self);

  _errata_coding_panel_update_annotator_label (self);
  _errata_coding_panel_update_sensitivity (self);
  _errata_coding_panel_update_first_failure_row (self);
  _errata_coding_panel_update_save_state (self);
}

/* Public API ---------------------------------------------------------- */

GtkWidget *
errata_coding_panel_new (void)
{
  return g_object_new (ERRATA_TYPE_CODING_PANEL, NULL);
}

/**
 * errata_coding_panel_set_trace:
 * @project: (nullable): the project the trace belongs to
 * @trace: (nullable): a trace summary or a full trace; a full one also
 *   lets the panel name the role of the first failure
 *
 * Shows the current annotator's review of @trace. A note still waiting
 * to be saved for the previous trace is written first; to stop on a
 * failure, call errata_coding_panel_flush() before this.
 */
void
errata_coding_panel_set_trace (ErrataCodingPanel *self,
                               ErrataProject     *project,
                               ErrataTrace       *trace)
{
  GError *error;

  g_return_if_fail (ERRATA_IS_CODING_PANEL (self));
  g_return_if_fail (project == NULL || ERRATA_IS_PROJECT (project));
  g_return_if_fail (trace == NULL || ERRATA_IS_TRACE (trace));
  g_return_if_fail (trace == NULL || project != NULL);

  error = _errata_coding_panel_flush_before_leaving (self);
  g_set_object (&self->project, project);
  g_set_object (&self->trace, trace);
  _errata_coding_panel_load_annotation (self);
  _errata_coding_panel_show_leaving_error (self, g_steal_pointer (&error));
  _errata_coding_panel_update_sensitivity (self);
  _errata_coding_panel_update_modes_label (self);
  _errata_coding_panel_update_other_reviews (self);
  update_mode_labels (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

/**
 * errata_coding_panel_update_trace:
 * @trace: the trace on show, read again (late spans of a live trace
 *   added messages)
 *
 * Takes the new version of the same trace without reading the review
 * again: what the reviewer typed stays, saved or not, and so does its
 * autosave.
 */
void
errata_coding_panel_update_trace (ErrataCodingPanel *self,
                                  ErrataTrace       *trace)
{
  g_return_if_fail (ERRATA_IS_CODING_PANEL (self));
  g_return_if_fail (ERRATA_IS_TRACE (trace));
  g_return_if_fail (self->trace != NULL && errata_trace_get_id (self->trace) == errata_trace_get_id (trace));

  g_set_object (&self->trace, trace);
  /* The message the first failure names may have a role now. */
  _errata_coding_panel_update_first_failure_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

ErrataProject *
errata_coding_panel_get_project (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), NULL);
  return self->project;
}

ErrataTrace *
errata_coding_panel_get_trace (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), NULL);
  return self->trace;
}

ErrataVerdict
errata_coding_panel_get_verdict (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), ERRATA_VERDICT_UNSET);
  return self->verdict;
}

/* Saved at once, with the note as it stands. Ignored when there is
 * nothing to edit (no trace, read-only project). */
void
errata_coding_panel_set_verdict (ErrataCodingPanel *self,
                                 ErrataVerdict      verdict)
{
  g_return_if_fail (ERRATA_IS_CODING_PANEL (self));
  g_return_if_fail (verdict >= ERRATA_VERDICT_UNSET && verdict <= ERRATA_VERDICT_FAIL);

  if (!_errata_coding_panel_can_edit (self) || self->verdict == verdict)
    return;
  self->verdict = verdict;
  _errata_coding_panel_update_verdict_buttons (self);
  _errata_coding_panel_save_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
}

int
errata_coding_panel_get_first_failure (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), -1);
  return self->first_failure;
}

/**
 * errata_coding_panel_set_first_failure:
 * @index: the index (from 0) of the message where things first went
 *   wrong, or -1 to clear the mark
 *
 * Saved at once. Ignored when there is nothing to edit.
 */
void
errata_coding_panel_set_first_failure (ErrataCodingPanel *self,
                                       int                index)
{
  g_return_if_fail (ERRATA_IS_CODING_PANEL (self));
  g_return_if_fail (index >= -1);

  if (!_errata_coding_panel_can_edit (self) || self->first_failure == index)
    return;
  self->first_failure = index;
  _errata_coding_panel_update_first_failure_row (self);
  _errata_coding_panel_save_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FAILURE]);
}

char *
errata_coding_panel_dup_note (ErrataCodingPanel *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), NULL);

  buffer = _errata_coding_panel_get_note_buffer (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
errata_coding_panel_get_annotator (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), NULL);
  return self->annotator;
}

gboolean
errata_coding_panel_get_editable (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), FALSE);
  return _errata_coding_panel_can_edit (self);
}

/**
 * errata_coding_panel_set_taxonomy:
 * @taxonomy: (nullable): the failure modes of the trace's project
 *
 * Lets the panel say which failure modes the trace on show falls in;
 * the line follows the taxonomy's changes.
 */
void
errata_coding_panel_set_taxonomy (ErrataCodingPanel *self,
                                  ErrataTaxonomy    *taxonomy)
{
  g_return_if_fail (ERRATA_IS_CODING_PANEL (self));
  g_return_if_fail (taxonomy == NULL || ERRATA_IS_TAXONOMY (taxonomy));

  if (self->taxonomy == taxonomy)
    return;
  if (self->taxonomy != NULL)
    g_signal_handlers_disconnect_by_data (self->taxonomy, self);
  g_set_object (&self->taxonomy, taxonomy);
  if (taxonomy != NULL)
    g_signal_connect_object (taxonomy, "changed", G_CALLBACK (_errata_coding_panel_update_modes_label), self,
                             G_CONNECT_SWAPPED);
  _errata_coding_panel_update_modes_label (self);
  update_mode_labels (self);
}

/* What the failure-modes line says, or NULL when it is hidden. */
const char *
errata_coding_panel_get_modes_text (ErrataCodingPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_CODING_PANEL (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->modes_label)))
    return NULL;
  return gtk_label_get_text (self->modes_label);
}

/**
 * errata_coding_panel_set_undo_stack:
 * @undo_stack: (nullable): where each successful write is recorded
 *
 * The page's undo stack: each write of the review (and each explicit
 * label set below it) goes on it as one step.
 */
void
errata_coding_panel_set_undo_stack (ErrataCodingPanel *self,
                                    ErrataUndoStack   *undo_stack)
{
  g_return_if_fail (ERRATA_IS_CODING_PANEL (self));
  g_return_if_fail (undo_stack == NULL || ERRATA_IS_UNDO_STACK (undo_stack));

  g_set_object (&self->undo_stack, undo_stack);
  errata_mode_labels_set_undo_stack (self->mode_labels, undo_stack);
  errata_adjudication_panel_set_undo_stack (self->adjudication, undo_stack);
}

/**
 * errata_coding_panel_reload:
 *
 * Reads the review on show again, after it was changed from outside the
 * form (an undo): the fields, the blind review of others' reviews, the
 * failure modes and the labels follow. Call errata_coding_panel_flush()
 * first; an unsaved note would be replaced.
 */
void
errata_coding_panel_reload (ErrataCodingPanel *self)
{
  g_return_if_fail (ERRATA_IS_CODING_PANEL (self));

  _errata_coding_panel_load_annotation (self);
  _errata_coding_panel_update_modes_label (self);
  _errata_coding_panel_update_other_reviews (self);
  errata_mode_labels_refresh (self->mode_labels);
  /* An undone label is a change of the history too. */
  _errata_coding_panel_update_adjudication (self);
}
