/* errata-alignment-view.c
 *
 * The view shows the latest finished run on dev (of any version: after a
 * prompt change the new version's run is the interesting one), and a
 * chart point for the latest dev run of every version. The matrix's cells
 * are buttons: each activates evaluators.show-cell with the cell's name,
 * and the page opens the disagreement browser on those traces.
 *
 * Above the run, the gate (errata-gate-panel.c): the reviewers' own
 * agreement on the target; when it is below the project's threshold the
 * metrics are marked as not trustworthy.
 *
 * Positive class = pass, as in errata-eval-metrics.h: TPR is the share of
 * the human's passes the judge passes, TNR the share of the human's fails
 * it fails.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-alignment-view.h"
#include "errata-alignment-chart.h"
#include "errata-gate-panel.h"
#include "errata-eval-runs.h"
#include "errata-evaluators.h"

struct _ErrataAlignmentView
{
  GtkWidget          parent_instance;

  ErrataWorkspace   *workspace;
  gint64             evaluator_id;
  gint64             run_id;
  ErrataEvalMetrics  metrics;
  GArray            *points;     /* ErrataAlignmentPoint, one per version with a dev run */

  GtkLabel          *run_label;
  GtkStack          *result_stack;
  GtkGrid           *matrix_grid;
  GtkGrid           *metrics_grid;
  GtkLabel          *left_out_label;
  GtkLabel          *trust_label;
  AdwBin            *chart_bin;
  ErrataAlignmentChart *chart;
  AdwBin            *gate_bin;
  ErrataGatePanel   *gate_panel;
};

G_DEFINE_FINAL_TYPE (ErrataAlignmentView, errata_alignment_view, GTK_TYPE_WIDGET)

char *
errata_format_rate (double         rate,
                    ErrataInterval interval,
                    gboolean       defined)
{
  if (!defined || isnan (rate))
    return g_strdup ("–");
  if (isnan (interval.lower) || isnan (interval.upper))
    /* Translators: a percentage, "82%"; the first argument is the number
     * of decimals. Write "%.*f %%" where a space comes before the percent
     * sign. */
    return g_strdup_printf (_("%.*f%%"), 0, 100 * rate);
  /* Translators: a rate and its 95% interval, e.g. "82% (70–90%)". */
  return g_strdup_printf (_("%.0f%% (%.0f–%.0f%%)"), 100 * rate, 100 * interval.lower,
                          100 * interval.upper);
}

/* The matrix --------------------------------------------------------------- */

static GtkWidget *
header_label (const char *text,
              gboolean    row_header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), row_header ? 0.0 : 0.5);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* A cell: its count, a button that opens its traces. Agreement cells are
 * plain, disagreements stand out. */
static GtkWidget *
cell_button (guint       count,
             const char *cell,
             const char *description,
             gboolean    disagreement)
{
  g_autofree char *text = g_strdup_printf ("%u", count);
  g_autofree char *tooltip = g_strdup_printf (ngettext ("%u trace: %s", "%u traces: %s", count),
                                              count, description);
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_widget_set_size_request (button, 72, 48);
  gtk_widget_add_css_class (button, "numeric");
  gtk_widget_add_css_class (button, "title-3");
  if (disagreement && count > 0)
    gtk_widget_add_css_class (button, "error");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, count > 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "evaluators.show-cell");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", cell);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
fill_matrix (ErrataAlignmentView *self)
{
  const ErrataConfusion *c = &self->metrics.alignment.confusion;

  clear_grid (self->matrix_grid);
  gtk_grid_attach (self->matrix_grid, header_label (_("Judge pass"), FALSE), 1, 0, 1, 1);
  gtk_grid_attach (self->matrix_grid, header_label (_("Judge fail"), FALSE), 2, 0, 1, 1);
  gtk_grid_attach (self->matrix_grid, header_label (_("Judge error"), FALSE), 3, 0, 1, 1);
  gtk_grid_attach (self->matrix_grid, header_label (_("You: pass"), TRUE), 0, 1, 1, 1);
  gtk_grid_attach (self->matrix_grid, header_label (_("You: fail"), TRUE), 0, 2, 1, 1);
  gtk_grid_attach (self->matrix_grid,
                   cell_button (c->tp, "pass-pass", _("you and the judge say pass"), FALSE),
                   1, 1, 1, 1);
  gtk_grid_attach (self->matrix_grid,
                   cell_button (c->fn, "pass-fail", _("you say pass, the judge says fail"), TRUE),
                   2, 1, 1, 1);
  gtk_grid_attach (self->matrix_grid,
                   cell_button (c->errors_human_pass, "error", _("the judge gave no verdict"), FALSE),
                   3, 1, 1, 1);
  gtk_grid_attach (self->matrix_grid,
                   cell_button (c->fp, "fail-pass", _("you say fail, the judge says pass"), TRUE),
                   1, 2, 1, 1);
  gtk_grid_attach (self->matrix_grid,
                   cell_button (c->tn, "fail-fail", _("you and the judge say fail"), FALSE),
                   2, 2, 1, 1);
  gtk_grid_attach (self->matrix_grid,
                   cell_button (c->errors_human_fail, "error", _("the judge gave no verdict"), FALSE),
                   3, 2, 1, 1);
}

/* The metrics -------------------------------------------------------------- */

static void
add_metric (ErrataAlignmentView *self,
            guint                row,
            const char          *name,
            const char          *value,
            const char          *explanation)
{
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_tooltip_text (name_label, explanation);
  gtk_grid_attach (self->metrics_grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (self->metrics_grid, value_label, 1, row, 1, 1);
}

static void
fill_metrics (ErrataAlignmentView *self)
{
  const ErrataAlignment *a = &self->metrics.alignment;
  g_autofree char *tpr = errata_format_rate (a->tpr, a->tpr_interval,
                                             !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_PASS));
  g_autofree char *tnr = errata_format_rate (a->tnr, a->tnr_interval,
                                             !(a->undefined & ERRATA_ALIGNMENT_NO_HUMAN_FAIL));
  g_autofree char *kappa = isnan (a->kappa) ? g_strdup ("–") : g_strdup_printf ("%.2f", a->kappa);
  g_autofree char *accuracy = isnan (a->accuracy) ? g_strdup ("–")
                                                  : g_strdup_printf (_("%.*f%%"), 0, 100 * a->accuracy);
  g_autofree char *errors = g_strdup_printf ("%u", self->metrics.n_errors);

  clear_grid (self->metrics_grid);
  add_metric (self, 0, _("TPR"), tpr,
              _("True positive rate: of the traces you passed, the share the judge passed"));
  add_metric (self, 1, _("TNR"), tnr,
              _("True negative rate: of the traces you failed, the share the judge failed"));
  add_metric (self, 2, _("Cohen's κ"), kappa,
              _("Agreement beyond chance: 1 is perfect, 0 is what guessing gives"));
  add_metric (self, 3, _("Accuracy"), accuracy,
              _("The share of labelled traces where the judge agrees with you"));
  add_metric (self, 4, _("Errors"), errors,
              _("Traces the judge gave no verdict on (a failed request, an unreadable reply)"));
}

static void
fill_left_out (ErrataAlignmentView *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("%u traces scored. Left out: %u errors, %u disputed, %u without a "
                            "label now, %u not judged yet."),
                          self->metrics.alignment.n, self->metrics.n_errors,
                          self->metrics.n_disputed, self->metrics.n_unlabelled,
                          self->metrics.n_missing);
  gtk_label_set_text (self->left_out_label, text);
}

/* Runs --------------------------------------------------------------------- */

/* The newest dev run that is not running: the one the matrix shows. */
static ErrataRunInfo *
find_shown_run (ErrataProject *project,
                gint64         evaluator_id)
{
  g_autoptr(GPtrArray) runs = errata_eval_runs_list (project, evaluator_id, NULL);

  /* Newest first. */
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      ErrataRunInfo *run = g_ptr_array_index (runs, i);

      if (run->scope == ERRATA_SCOPE_DEV && run->status != ERRATA_RUN_RUNNING)
        return g_ptr_array_steal_index (runs, i);
    }
  return NULL;
}

static void
describe_run (ErrataAlignmentView *self,
              ErrataRunInfo       *run)
{
  g_autofree char *text = NULL;

  if (run == NULL)
    {
      gtk_label_set_text (self->run_label, _("No run on dev yet."));
      return;
    }
  /* Translators: %u is a version number, then counts of a run's verdicts. */
  text = g_strdup_printf (_("Version %u on dev: %u traces judged, %u pass, %u fail, %u errors "
                            "(%s)"),
                          run->version, run->n_pass + run->n_fail + run->n_error, run->n_pass,
                          run->n_fail, run->n_error, errata_run_status_to_string (run->status));
  gtk_label_set_text (self->run_label, text);
}

/* One point per version with a finished dev run, for the chart. */
static void
collect_points (ErrataAlignmentView *self,
                ErrataProject       *project)
{
  g_autoptr(GPtrArray) versions = errata_evaluators_list_versions (project, self->evaluator_id,
                                                                   NULL);

  g_array_set_size (self->points, 0);
  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      ErrataEvaluatorVersion *version = g_ptr_array_index (versions, i);
      g_autoptr(ErrataRunInfo) run = NULL;
      ErrataEvalMetrics metrics;

      run = errata_eval_runs_find_latest (project, self->evaluator_id, version->number,
                                          ERRATA_SCOPE_DEV, NULL);
      if (run == NULL || run->status == ERRATA_RUN_RUNNING ||
          !errata_eval_metrics_compute (project, run->id, &metrics, NULL) ||
          (metrics.alignment.undefined & ERRATA_ALIGNMENT_NO_PAIRS))
        continue;
      g_array_set_size (self->points, self->points->len + 1);
      errata_alignment_point_init (&g_array_index (self->points, ErrataAlignmentPoint,
                                                   self->points->len - 1),
                                   version->number, &metrics.alignment);
    }
}

/* The versions' rates on dev, with the test result apart once it exists. */
static void
update_chart (ErrataAlignmentView *self,
              ErrataProject       *project)
{
  g_autoptr(GPtrArray) looks = errata_evaluators_list_test_looks (project, self->evaluator_id, NULL);
  ErrataAlignmentPoint test;
  gboolean has_test = FALSE;

  if (looks != NULL && looks->len > 0)
    {
      ErrataTestLook *last = g_ptr_array_index (looks, looks->len - 1);
      ErrataEvalMetrics metrics;

      has_test = errata_eval_metrics_compute (project, last->run_id, &metrics, NULL) &&
                 !(metrics.alignment.undefined & ERRATA_ALIGNMENT_NO_PAIRS);
      if (has_test)
        errata_alignment_point_init (&test, last->version, &metrics.alignment);
    }
  errata_alignment_chart_set_points (self->chart, (ErrataAlignmentPoint *)self->points->data,
                                     self->points->len, has_test ? &test : NULL);
}

/* A blocked gate: the judge's numbers compare it with labels the
 * reviewers do not agree on. */
static void
on_gate_blocked (ErrataAlignmentView *self)
{
  gboolean blocked = errata_gate_panel_get_blocked (self->gate_panel);

  gtk_widget_set_visible (GTK_WIDGET (self->trust_label), blocked);
  if (blocked)
    gtk_widget_add_css_class (GTK_WIDGET (self->metrics_grid), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->metrics_grid), "dim-label");
}

static void
update_gate (ErrataAlignmentView *self,
             ErrataProject       *project,
             gint64               run_id)
{
  g_autoptr(ErrataEvaluator) evaluator = errata_evaluators_get (project, self->evaluator_id, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->gate_bin), evaluator != NULL);
  if (evaluator != NULL)
    errata_gate_panel_set_target (self->gate_panel, self->workspace, evaluator->target, run_id);
}

void
errata_alignment_view_set_evaluator (ErrataAlignmentView *self,
                                     ErrataWorkspace     *workspace,
                                     gint64               evaluator_id)
{
  ErrataProject *project;
  g_autoptr(ErrataRunInfo) run = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ERRATA_IS_ALIGNMENT_VIEW (self));

  g_set_object (&self->workspace, workspace);
  self->evaluator_id = evaluator_id;
  self->run_id = 0;
  memset (&self->metrics, 0, sizeof self->metrics);
  if (workspace == NULL || evaluator_id <= 0)
    return;
  project = errata_workspace_get_project (workspace);
  run = find_shown_run (project, evaluator_id);
  describe_run (self, run);
  update_gate (self, project, run != NULL ? run->id : 0);
  if (run == NULL || !errata_eval_metrics_compute (project, run->id, &self->metrics, &error))
    {
      if (error != NULL)
        gtk_label_set_text (self->run_label, error->message);
      gtk_stack_set_visible_child_name (self->result_stack, "none");
      return;
    }
  self->run_id = run->id;
  fill_matrix (self);
  fill_metrics (self);
  fill_left_out (self);
  collect_points (self, project);
  update_chart (self, project);
  gtk_stack_set_visible_child_name (self->result_stack, "result");
}

gint64
errata_alignment_view_get_run (ErrataAlignmentView *self)
{
  g_return_val_if_fail (ERRATA_IS_ALIGNMENT_VIEW (self), 0);

  return self->run_id;
}

gboolean
errata_alignment_view_get_metrics (ErrataAlignmentView *self,
                                   ErrataEvalMetrics   *metrics)
{
  g_return_val_if_fail (ERRATA_IS_ALIGNMENT_VIEW (self), FALSE);

  *metrics = self->metrics;
  return self->run_id != 0;
}

ErrataGatePanel *
errata_alignment_view_get_gate_panel (ErrataAlignmentView *self)
{
  g_return_val_if_fail (ERRATA_IS_ALIGNMENT_VIEW (self), NULL);

  return self->gate_panel;
}

guint
errata_alignment_view_get_n_versions_charted (ErrataAlignmentView *self)
{
  g_return_val_if_fail (ERRATA_IS_ALIGNMENT_VIEW (self), 0);

  return self->points->len;
}

/* GObject ------------------------------------------------------------------ */

static void
errata_alignment_view_dispose (GObject *object)
{
  ErrataAlignmentView *self = ERRATA_ALIGNMENT_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_ALIGNMENT_VIEW);
  /* The scroller at the top has no id: dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (errata_alignment_view_parent_class)->dispose (object);
}

static void
errata_alignment_view_class_init (ErrataAlignmentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_alignment_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-alignment-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataAlignmentView, run_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataAlignmentView, result_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataAlignmentView, matrix_grid);
  gtk_widget_class_bind_template_child (widget_class, ErrataAlignmentView, metrics_grid);
  gtk_widget_class_bind_template_child (widget_class, ErrataAlignmentView, left_out_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataAlignmentView, chart_bin);
  gtk_widget_class_bind_template_child (widget_class, ErrataAlignmentView, trust_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataAlignmentView, gate_bin);
}

static void
errata_alignment_view_init (ErrataAlignmentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->points = g_array_new (FALSE, TRUE, sizeof (ErrataAlignmentPoint));
  self->chart = ERRATA_ALIGNMENT_CHART (errata_alignment_chart_new ());
  adw_bin_set_child (self->chart_bin, GTK_WIDGET (self->chart));
  self->gate_panel = ERRATA_GATE_PANEL (errata_gate_panel_new ());
  adw_bin_set_child (self->gate_bin, GTK_WIDGET (self->gate_panel));
  g_signal_connect_object (self->gate_panel, "notify::blocked", G_CALLBACK (on_gate_blocked),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
errata_alignment_view_new (void)
{
  return g_object_new (ERRATA_TYPE_ALIGNMENT_VIEW, NULL);
}
