/* errata-evaluators-page.c: the evaluators by target on the left, the
 * selected one on the right.
 *
 * The page reads everything through the core (errata-evaluators.h,
 * errata-eval-runs.h, errata-eval-metrics.h); its parts (editors, the
 * labels panel, the alignment view) talk back through the page's
 * evaluators.* actions, never by calling the page:
 *
 *   evaluators.new             asks for a kind and a target, then creates
 *   evaluators.show-cell (s)   the traces of a confusion-matrix cell, in the
 *                              disagreement browser
 *   evaluators.changed (x)     an evaluator was created, saved or run:
 *                              reload the list and show that one
 *   evaluators.labels-changed  a label was set here: recount everything
 *   evaluators.show-message (s)  a toast
 *   evaluators.open-trace (x)  a trace, on the Traces page (win.show-trace)
 *   evaluators.run-dev, run-unlabeled, run-test, repeat-dev (i),
 *   cancel-run, resume-run     runs (errata-evaluators-page-run.c)
 *   cancel-batch               a batch run (errata-evaluators-page-batch.c)
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "errata-evaluators-page-private.h"
#include "errata-code-check-editor.h"
#include "errata-evaluator-method.h"
#include "errata-ground-truth.h"
#include "errata-judge-editor.h"
#include "errata-new-evaluator-dialog.h"
#include "errata-toast-helper.h"

G_DEFINE_FINAL_TYPE (ErrataEvaluatorsPage, errata_evaluators_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ErrataProject *
_errata_evaluators_page_get_project (ErrataEvaluatorsPage *self)
{
  return self->workspace != NULL ? errata_workspace_get_project (self->workspace) : NULL;
}

void
_errata_evaluators_page_show_error (ErrataEvaluatorsPage *self,
                                    const GError         *error)
{
  errata_toast_helper_show (self->toast_overlay, error->message);
}

/* The list ------------------------------------------------------------- */

static gint64
row_target (GtkListBoxRow *row)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "errata-target"));
}

static gint64
row_evaluator (GtkListBoxRow *row)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "errata-evaluator"));
}

/* A heading over the first evaluator of each target. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  ErrataEvaluatorsPage *self = user_data;
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autofree char *name = NULL;
  GtkWidget *label;

  if (project == NULL || (before != NULL && row_target (before) == row_target (row)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (row_target (row) == ERRATA_TARGET_OVERALL)
    name = g_strdup (_("Overall"));
  else
    name = errata_target_describe (project, row_target (row));
  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_box_row_set_header (row, label);
}

/* Overall first, then the failure modes by id (the order they were made
 * in), each target's evaluators by name. */
static int
compare_evaluators (gconstpointer a,
                    gconstpointer b)
{
  const ErrataEvaluator *x = *(ErrataEvaluator **)a;
  const ErrataEvaluator *y = *(ErrataEvaluator **)b;

  if (x->target != y->target)
    return x->target < y->target ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

static void
select_row_of (ErrataEvaluatorsPage *self,
               gint64                evaluator_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->evaluator_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_evaluator (GTK_LIST_BOX_ROW (child)) == evaluator_id)
      {
        gtk_list_box_select_row (self->evaluator_list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
clear_list (ErrataEvaluatorsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->evaluator_list))) != NULL)
    gtk_list_box_remove (self->evaluator_list, child);
}

static void
show_detail (ErrataEvaluatorsPage *self);

void
errata_evaluators_page_reload (ErrataEvaluatorsPage *self)
{
  ErrataProject *project;
  g_autoptr(GPtrArray) evaluators = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  gint64 keep;

  g_return_if_fail (ERRATA_IS_EVALUATORS_PAGE (self));

  keep = self->evaluator_id;
  project = _errata_evaluators_page_get_project (self);
  /* Selecting rows while the list is rebuilt would show each in turn. */
  self->evaluator_id = -1;
  clear_list (self);
  if (project != NULL)
    evaluators = errata_evaluators_list (project, &error);
  if (error != NULL)
    _errata_evaluators_page_show_error (self, error);
  if (evaluators == NULL || evaluators->len == 0)
    {
      self->evaluator_id = 0;
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }
  g_ptr_array_sort (evaluators, compare_evaluators);
  for (guint i = 0; i < evaluators->len; i++)
    {
      ErrataEvaluator *evaluator = g_ptr_array_index (evaluators, i);

      gtk_list_box_append (self->evaluator_list,
                           _errata_evaluators_page_new_row (project, evaluator));
      if (keep <= 0)
        keep = evaluator->id;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "evaluators");
  /* Still -1 here: a row the list selected by itself when the rows came
   * (it does when mapped) must not hide the one to show, and the detail
   * is shown once, below, whether or not the selection changed. */
  select_row_of (self, keep);
  row = gtk_list_box_get_selected_row (self->evaluator_list);
  if (row == NULL || row_evaluator (row) != keep)
    {
      select_row_of (self, ((ErrataEvaluator *)g_ptr_array_index (evaluators, 0))->id);
      row = gtk_list_box_get_selected_row (self->evaluator_list);
    }
  self->evaluator_id = row != NULL ? row_evaluator (row) : 0;
  show_detail (self);
  /* A batch run left waiting when the project was last closed goes on. */
  _errata_evaluators_page_pick_up_batches (self);
}

static void
on_row_selected (ErrataEvaluatorsPage *self,
                 GtkListBoxRow        *row)
{
  /* -1: the list is being rebuilt. */
  if (self->evaluator_id < 0 || row == NULL)
    return;
  self->evaluator_id = row_evaluator (row);
  show_detail (self);
}

/* The detail ----------------------------------------------------------- */

/* Each evaluator opened keeps its editor, so unsaved edits survive a look
 * at another evaluator; an editor without edits is reloaded, since a run
 * may have locked its version. */
static void
show_editor (ErrataEvaluatorsPage  *self,
             const ErrataEvaluator *evaluator)
{
  g_autofree char *name = g_strdup_printf ("evaluator-%" PRId64, evaluator->id);
  GtkWidget *editor = gtk_stack_get_child_by_name (self->definition_stack, name);
  gboolean judge = errata_evaluator_method_needs_llm (evaluator->kind);

  if (editor == NULL)
    {
      editor = judge ? errata_judge_editor_new (self->workspace)
                     : errata_code_check_editor_new (self->workspace);
      gtk_stack_add_named (self->definition_stack, editor, name);
    }
  if (judge && !errata_judge_editor_get_modified (ERRATA_JUDGE_EDITOR (editor)))
    errata_judge_editor_load (ERRATA_JUDGE_EDITOR (editor), evaluator->id);
  else if (!judge && !errata_code_check_editor_get_modified (ERRATA_CODE_CHECK_EDITOR (editor)))
    errata_code_check_editor_load (ERRATA_CODE_CHECK_EDITOR (editor), evaluator->id);
  gtk_stack_set_visible_child (self->definition_stack, editor);
}

static void
show_detail (ErrataEvaluatorsPage *self)
{
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;

  if (project == NULL || self->evaluator_id <= 0)
    return;
  evaluator = errata_evaluators_get (project, self->evaluator_id, &error);
  if (evaluator == NULL)
    {
      _errata_evaluators_page_show_error (self, error);
      return;
    }
  gtk_label_set_text (self->title_label, evaluator->name);
  state = _errata_evaluators_page_describe_state (project, evaluator);
  gtk_label_set_text (self->state_label, state);
  errata_labels_panel_set_target (self->labels_panel, self->workspace, evaluator->target);
  errata_alignment_view_set_evaluator (self->alignment_view, self->workspace, evaluator->id);
  errata_test_panel_set_evaluator (self->test_panel, self->workspace, evaluator->id);
  errata_disagreement_browser_set_run (self->disagreement_browser, evaluator->target,
                                       errata_alignment_view_get_run (self->alignment_view));
  show_editor (self, evaluator);
  _errata_evaluators_page_update_batch_option (self, evaluator);
  _errata_evaluators_page_update_resume (self);
}

void
errata_evaluators_page_show_evaluator (ErrataEvaluatorsPage *self,
                                       gint64                evaluator_id)
{
  g_return_if_fail (ERRATA_IS_EVALUATORS_PAGE (self));

  if (evaluator_id != self->evaluator_id)
    select_row_of (self, evaluator_id);
}

static gboolean
editor_is_modified (GtkWidget *editor)
{
  if (ERRATA_IS_JUDGE_EDITOR (editor))
    return errata_judge_editor_get_modified (ERRATA_JUDGE_EDITOR (editor));
  return errata_code_check_editor_get_modified (ERRATA_CODE_CHECK_EDITOR (editor));
}

char *
errata_evaluators_page_dup_unsaved (ErrataEvaluatorsPage *self)
{
  ErrataProject *project;

  g_return_val_if_fail (ERRATA_IS_EVALUATORS_PAGE (self), NULL);

  project = _errata_evaluators_page_get_project (self);
  for (GtkWidget *editor = gtk_widget_get_first_child (GTK_WIDGET (self->definition_stack));
       editor != NULL && project != NULL;
       editor = gtk_widget_get_next_sibling (editor))
    {
      const char *name = gtk_stack_page_get_name (gtk_stack_get_page (self->definition_stack,
                                                                      editor));
      g_autoptr(ErrataEvaluator) evaluator = NULL;

      if (!editor_is_modified (editor) || !g_str_has_prefix (name, "evaluator-"))
        continue;
      evaluator = errata_evaluators_get (project, g_ascii_strtoll (name + strlen ("evaluator-"),
                                                                   NULL, 10), NULL);
      return g_strdup (evaluator != NULL ? evaluator->name : _("an evaluator"));
    }
  return NULL;
}

gint64
errata_evaluators_page_get_evaluator (ErrataEvaluatorsPage *self)
{
  g_return_val_if_fail (ERRATA_IS_EVALUATORS_PAGE (self), 0);

  return MAX (self->evaluator_id, 0);
}

/* Actions -------------------------------------------------------------- */

static void
changed_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (widget);

  self->evaluator_id = g_variant_get_int64 (parameter);
  errata_evaluators_page_reload (self);
}

static void
labels_changed_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (widget);

  errata_evaluators_page_reload (self);
}

static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (widget);

  errata_toast_helper_show (self->toast_overlay, g_variant_get_string (parameter, NULL));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (widget);

  if (g_str_equal (action_name, "evaluators.run-dev"))
    _errata_evaluators_page_start_run (self, ERRATA_SCOPE_DEV, 1, NULL);
  else if (g_str_equal (action_name, "evaluators.run-unlabeled"))
    _errata_evaluators_page_start_run (self, ERRATA_SCOPE_UNLABELED, 1, NULL);
  else if (g_str_equal (action_name, "evaluators.repeat-dev"))
    _errata_evaluators_page_start_run (self, ERRATA_SCOPE_DEV,
                                       CLAMP (g_variant_get_int32 (parameter), 2, 10), NULL);
  else if (g_str_equal (action_name, "evaluators.run-test"))
    _errata_evaluators_page_ask_test (self);
  else if (g_str_equal (action_name, "evaluators.cancel-run"))
    _errata_evaluators_page_cancel_run (self);
  else if (g_str_equal (action_name, "evaluators.cancel-batch"))
    _errata_evaluators_page_ask_cancel_batch (self);
  else if (g_str_equal (action_name, "evaluators.resume-run"))
    _errata_evaluators_page_resume_run (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (widget);
  ErrataProject *project = _errata_evaluators_page_get_project (self);
  g_autoptr(ErrataEvaluator) shown = NULL;

  if (project == NULL)
    return;
  /* A new evaluator starts on the target of the one shown. */
  if (errata_evaluators_page_get_evaluator (self) > 0)
    shown = errata_evaluators_get (project, errata_evaluators_page_get_evaluator (self), NULL);
  errata_new_evaluator_dialog_present (widget, self->workspace,
                                       shown != NULL ? shown->target : ERRATA_TARGET_OVERALL);
}

static void
show_cell_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (widget);
  ErrataDisagreementCell cell;

  if (!errata_disagreement_cell_from_nick (g_variant_get_string (parameter, NULL), &cell))
    return;
  errata_disagreement_browser_set_cell (self->disagreement_browser, cell);
  gtk_stack_set_visible_child_name (self->detail_stack, "disagreements");
}

static void
open_trace_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_widget_activate_action_variant (widget, "win.show-trace", parameter);
}

/* GObject -------------------------------------------------------------- */

ErrataWorkspace *
errata_evaluators_page_get_workspace (ErrataEvaluatorsPage *self)
{
  g_return_val_if_fail (ERRATA_IS_EVALUATORS_PAGE (self), NULL);

  return self->workspace;
}

static void
errata_evaluators_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_evaluators_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_evaluators_page_constructed (GObject *object)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (object);

  G_OBJECT_CLASS (errata_evaluators_page_parent_class)->constructed (object);

  self->disagreement_browser =
    ERRATA_DISAGREEMENT_BROWSER (errata_disagreement_browser_new (self->workspace));
  adw_bin_set_child (self->disagreements_bin, GTK_WIDGET (self->disagreement_browser));
  errata_evaluators_page_reload (self);
}

static void
errata_evaluators_page_dispose (GObject *object)
{
  ErrataEvaluatorsPage *self = ERRATA_EVALUATORS_PAGE (object);

  _errata_evaluators_page_dispose_run (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_EVALUATORS_PAGE);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (errata_evaluators_page_parent_class)->dispose (object);
}

static void
errata_evaluators_page_class_init (ErrataEvaluatorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = errata_evaluators_page_get_property;
  object_class->set_property = errata_evaluators_page_set_property;
  object_class->constructed = errata_evaluators_page_constructed;
  object_class->dispose = errata_evaluators_page_dispose;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ERRATA_TYPE_LABELS_PANEL);
  g_type_ensure (ERRATA_TYPE_ALIGNMENT_VIEW);
  g_type_ensure (ERRATA_TYPE_TEST_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-evaluators-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, evaluator_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, run_revealer);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, run_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, run_progress);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, cancel_batch_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, batch_check);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, batch_hint);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, resume_revealer);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, resume_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, labels_panel);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, alignment_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, test_panel);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, definition_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataEvaluatorsPage, disagreements_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_install_action (widget_class, "evaluators.changed", "x", changed_action);
  gtk_widget_class_install_action (widget_class, "evaluators.open-trace", "x",
                                   open_trace_action);
  gtk_widget_class_install_action (widget_class, "evaluators.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "evaluators.show-cell", "s", show_cell_action);
  gtk_widget_class_install_action (widget_class, "evaluators.labels-changed", NULL,
                                   labels_changed_action);
  gtk_widget_class_install_action (widget_class, "evaluators.show-message", "s",
                                   show_message_action);
  gtk_widget_class_install_action (widget_class, "evaluators.run-dev", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "evaluators.run-unlabeled", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "evaluators.run-test", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "evaluators.repeat-dev", "i", run_action);
  gtk_widget_class_install_action (widget_class, "evaluators.cancel-run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "evaluators.cancel-batch", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "evaluators.resume-run", NULL, run_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "evaluators.run-dev", NULL);
}

static void
errata_evaluators_page_init (ErrataEvaluatorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->batch_poll_first_ms = ERRATA_EVAL_BATCH_DEFAULT_POLL_MS;
  self->batch_poll_max_ms = ERRATA_EVAL_BATCH_MAX_POLL_MS;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.cancel-run", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluators.cancel-batch", FALSE);
  gtk_list_box_set_header_func (self->evaluator_list, update_header, self, NULL);
}

GtkWidget *
errata_evaluators_page_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (workspace == NULL || ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_EVALUATORS_PAGE, "workspace", workspace, NULL);
}
