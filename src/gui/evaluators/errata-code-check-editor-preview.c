/* errata-code-check-editor-preview.c: the verdict of the form as it is
 * now, unsaved, on one trace of the target's train or dev split.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chooser lists train and dev traces only: the test split is looked at
 * once, by a finalized evaluator, so a preview must not show a verdict on
 * it (a typed id of a test trace is refused too). Each change of the form
 * restarts a short timer; when it fires, the evaluation in flight is
 * cancelled and the form's method judges the trace.
 */

#include "config.h"

#include "errata-code-check-editor-private.h"

#include <glib/gi18n.h>

#include "errata-ground-truth.h"
#include "errata-splits.h"

/* Long enough that typing a pattern does not evaluate every keystroke. */
#define PREVIEW_DELAY_MS 250

static ErrataProject *
get_project (ErrataCodeCheckEditor *self)
{
  return errata_workspace_get_project (self->workspace);
}

static void
show_status (ErrataCodeCheckEditor *self,
             const char            *status)
{
  gtk_label_set_text (self->preview_status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_status_label), status != NULL);
}

static void
clear_verdict (ErrataCodeCheckEditor *self)
{
  gtk_label_set_text (self->verdict_label, "");
  gtk_label_set_text (self->reasoning_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reasoning_label), FALSE);
}

static void
show_outcome (ErrataCodeCheckEditor   *self,
              const ErrataEvalOutcome *outcome)
{
  static const char * const classes[] = { "success", "error", "warning" };
  const char *text[] = { _("Pass"), _("Fail"), _("Error") };
  const char *why = outcome->verdict == ERRATA_JUDGE_ERROR ? outcome->error : outcome->reasoning;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), classes[outcome->verdict]);
  gtk_label_set_text (self->verdict_label, text[outcome->verdict]);
  gtk_label_set_text (self->reasoning_label, why != NULL ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->reasoning_label), why != NULL);
  show_status (self, NULL);
}

static void
on_evaluated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ErrataCodeCheckEditor) self = user_data;
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = errata_eval_method_evaluate_finish (ERRATA_EVAL_METHOD (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer form, another trace, or the editor is gone */
  g_clear_object (&self->preview_cancellable);
  if (outcome == NULL)
    {
      clear_verdict (self);
      show_status (self, error->message);
      return;
    }
  show_outcome (self, outcome);
}

static void
evaluate (ErrataCodeCheckEditor *self)
{
  g_autoptr(JsonObject) definition = NULL;
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(GError) error = NULL;
  const char *field;

  if (self->evaluator == NULL)
    return;
  if (self->preview_trace == NULL)
    {
      clear_verdict (self);
      show_status (self, _("No trace to preview on: label traces for this target, or type a "
                           "trace id"));
      return;
    }
  definition = _errata_code_check_editor_read_form (self, &field, NULL);
  if (definition != NULL)
    method = _errata_code_check_editor_new_method (self, definition, &error);
  if (method == NULL)
    {
      clear_verdict (self);
      show_status (self, _("The preview waits for a definition without errors"));
      return;
    }
  if (!_errata_code_check_editor_may_run (self, method))
    {
      clear_verdict (self);
      show_status (self, _("The command does not run on this machine until you trust this "
                           "project here: no preview"));
      return;
    }
  self->preview_cancellable = g_cancellable_new ();
  show_status (self, _("Checking…"));
  errata_eval_method_evaluate_async (method, self->preview_trace, ERRATA_EVAL_FLAGS_NONE,
                                     self->preview_cancellable, on_evaluated,
                                     g_object_ref (self));
}

static gboolean
on_preview_timeout (gpointer user_data)
{
  ErrataCodeCheckEditor *self = user_data;

  self->preview_source = 0;
  evaluate (self);
  return G_SOURCE_REMOVE;
}

void
_errata_code_check_editor_preview_stop (ErrataCodeCheckEditor *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
}

void
_errata_code_check_editor_preview_schedule (ErrataCodeCheckEditor *self)
{
  _errata_code_check_editor_preview_stop (self);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, on_preview_timeout, self);
}

/* The chooser ----------------------------------------------------------- */

static char *
describe_trace (ErrataCodeCheckEditor *self,
                gint64                 trace_id,
                ErrataSplit            split)
{
  ErrataTruth truth = { 0, };
  const char *label;

  errata_ground_truth_get (get_project (self), self->evaluator->target, trace_id, &truth, NULL);
  label = truth.value == ERRATA_VERDICT_PASS ? _("labelled pass")
          : truth.value == ERRATA_VERDICT_FAIL ? _("labelled fail") : _("not labelled");
  /* Translators: a trace in the preview's chooser: #12 · dev · labelled fail */
  return g_strdup_printf (_("#%lld · %s · %s"), (long long)trace_id,
                          split == ERRATA_SPLIT_TRAIN ? _("train")
                          : split == ERRATA_SPLIT_DEV ? _("dev") : _("no split"),
                          label);
}

static void
append_trace (ErrataCodeCheckEditor *self,
              gint64                 trace_id,
              ErrataSplit            split)
{
  g_autofree char *name = describe_trace (self, trace_id, split);

  g_array_append_val (self->trace_ids, trace_id);
  gtk_string_list_append (self->trace_names, name);
}

static void
select_trace (ErrataCodeCheckEditor *self,
              gint64                 trace_id)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->preview_trace);
  if (trace_id > 0)
    self->preview_trace = errata_project_get_trace (get_project (self), trace_id, &error);
  if (error != NULL)
    {
      clear_verdict (self);
      show_status (self, error->message);
      return;
    }
  _errata_code_check_editor_preview_stop (self);
  evaluate (self);
}

static void
on_trace_selected (ErrataCodeCheckEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->trace_dropdown);

  if (self->evaluator == NULL)
    return;
  select_trace (self, position < self->trace_ids->len
                      ? g_array_index (self->trace_ids, gint64, position) : 0);
}

/* Train, then dev: the splits a check may be tuned on. */
void
_errata_code_check_editor_preview_reload (ErrataCodeCheckEditor *self)
{
  static const ErrataSplit splits[] = { ERRATA_SPLIT_TRAIN, ERRATA_SPLIT_DEV };
  g_autoptr(GError) error = NULL;

  g_array_set_size (self->trace_ids, 0);
  g_signal_handlers_block_by_func (self->trace_dropdown, on_trace_selected, self);
  gtk_string_list_splice (self->trace_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->trace_names)), NULL);
  if (self->evaluator != NULL
      && errata_splits_update (get_project (self), self->evaluator->target, &error))
    for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
      {
        g_autoptr(GArray) ids = errata_splits_list (get_project (self), self->evaluator->target,
                                                    splits[s], &error);

        for (guint i = 0; ids != NULL && i < ids->len; i++)
          append_trace (self, g_array_index (ids, gint64, i), splits[s]);
      }
  g_signal_handlers_unblock_by_func (self->trace_dropdown, on_trace_selected, self);
  gtk_editable_set_text (GTK_EDITABLE (self->trace_entry), "");
  if (error != NULL)
    {
      g_clear_object (&self->preview_trace);
      clear_verdict (self);
      show_status (self, error->message);
      return;
    }
  gtk_drop_down_set_selected (self->trace_dropdown, 0);
  on_trace_selected (self);
}

/* A trace typed by id ("#12") or external id; never one of the test split. */
static void
on_trace_entry_activate (ErrataCodeCheckEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->trace_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  ErrataSplit split;
  gint64 trace_id;
  guint position;

  if (self->evaluator == NULL || *text == '\0')
    return;
  if (!errata_project_resolve_trace_id (get_project (self), text, &trace_id, &error))
    {
      show_status (self, error->message);
      return;
    }
  split = errata_splits_get (get_project (self), self->evaluator->target, trace_id, NULL);
  if (split == ERRATA_SPLIT_TEST)
    {
      status = g_strdup_printf (_("Trace #%lld is in the test split, which is looked at "
                                  "once, by a finalized evaluator: it has no preview"),
                                (long long)trace_id);
      show_status (self, status);
      return;
    }
  for (position = 0; position < self->trace_ids->len; position++)
    if (g_array_index (self->trace_ids, gint64, position) == trace_id)
      break;
  if (position == self->trace_ids->len)
    append_trace (self, trace_id, split);
  gtk_editable_set_text (GTK_EDITABLE (self->trace_entry), "");
  if (gtk_drop_down_get_selected (self->trace_dropdown) == position)
    on_trace_selected (self);
  else
    gtk_drop_down_set_selected (self->trace_dropdown, position);
}

void
_errata_code_check_editor_preview_init (ErrataCodeCheckEditor *self)
{
  g_autoptr(GtkExpression) expression =
    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  self->trace_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_drop_down_set_expression (self->trace_dropdown, expression);
  g_signal_connect_swapped (self->trace_dropdown, "notify::selected",
                            G_CALLBACK (on_trace_selected), self);
  g_signal_connect_swapped (self->trace_entry, "activate",
                            G_CALLBACK (on_trace_entry_activate), self);
}
