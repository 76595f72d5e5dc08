/* errata-experiments-page.c
 *
 * The page reads everything through the experiments core
 * (src/core/experiment) each time it is shown; a run goes through
 * errata_experiment_run_async(), so the page and `errata-cli experiment
 * run` send the same queries and store the same traces. Running a
 * variant again sends only the (query, repeat) pairs still missing.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-experiments-page.h"
#include "errata-experiments-page-private.h"

#include <glib/gi18n.h>

#include "errata-experiment-run.h"

G_DEFINE_FINAL_TYPE (ErrataExperimentsPage, errata_experiments_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ErrataProject *
_errata_experiments_page_get_project (ErrataExperimentsPage *self)
{
  return errata_workspace_get_project (self->workspace);
}

void
_errata_experiments_page_say (ErrataExperimentsPage *self,
                              const char            *text)
{
  errata_run_progress_say (self->run_progress, text);
}

GtkWidget *
_errata_experiments_cell (const char *text,
                          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

void
_errata_experiments_clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The experiment ----------------------------------------------------------- */

static char *
describe_source (const char *source)
{
  if (g_strcmp0 (source, "synthetic") == 0)
    return g_strdup (_("accepted synthetic queries"));
  if (g_str_has_prefix (source, "mode:"))
    /* Translators: the query set of an experiment: "traces in “Wrong tone”". */
    return g_strdup_printf (_("traces in “%s”"), source + 5);
  if (g_str_has_prefix (source, "file:"))
    /* Translators: the query set of an experiment read from a file. */
    return g_strdup_printf (_("the file “%s”"), source + 5);
  return g_strdup (source);
}

static void
show_experiment_header (ErrataExperimentsPage *self,
                        ErrataExperiment      *experiment)
{
  g_autofree char *source = describe_source (experiment->query_source);
  g_autofree char *summary = NULL;
  g_autofree char *queries = NULL;
  g_autofree char *repeats = NULL;

  gtk_label_set_text (self->experiment_title, experiment->name);
  /* Translators: "12 queries from accepted synthetic queries". */
  queries = g_strdup_printf (ngettext ("%u query from %s", "%u queries from %s",
                                       experiment->n_queries),
                             experiment->n_queries, source);
  /* Translators: how many times each variant answers each query. */
  repeats = g_strdup_printf (ngettext ("%u reply per query and variant",
                                       "%u replies per query and variant", experiment->repeats),
                             experiment->repeats);
  summary = g_strdup_printf ("%s · %s", queries, repeats);
  gtk_label_set_text (self->experiment_summary, summary);
}

/* What a variant tries, against its parent: "from baseline: changes system, model". */
static char *
describe_variant (const ErrataExperimentVariant *variant)
{
  g_autofree char *changes = NULL;

  if (variant->parent_name == NULL)
    return g_strdup (_("its own target"));
  if (variant->changes == NULL || variant->changes[0] == NULL)
    /* Translators: a variant copied from another without a change. */
    return g_strdup_printf (_("a copy of %s, nothing changed"), variant->parent_name);
  changes = g_strjoinv (", ", variant->changes);
  /* Translators: "from baseline, changes: system, temperature". */
  return g_strdup_printf (_("from %s, changes: %s"), variant->parent_name, changes);
}

static char *
describe_replies (const ErrataExperimentVariant *variant)
{
  guint missing = variant->n_expected > variant->n_replies
                  ? variant->n_expected - variant->n_replies : 0;

  if (variant->n_replies == 0)
    /* Translators: a variant never run: "not run (24 replies to get)". */
    return g_strdup_printf (_("not run (%u replies to get)"), variant->n_expected);
  if (missing == 0)
    /* Translators: "24 of 24 replies". */
    return g_strdup_printf (_("%u of %u replies"), variant->n_replies, variant->n_expected);
  /* Translators: "20 of 24 replies · 4 replies missing: Run again to resume". */
  return g_strdup_printf (ngettext ("%u of %u replies · %u reply missing: Run again to resume",
                                    "%u of %u replies · %u replies missing: Run again to resume",
                                    missing),
                          variant->n_replies, variant->n_expected, missing);
}

static GtkWidget *
row_button (const char *label,
            const char *action,
            gint64      variant_id,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", variant_id);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static GtkWidget *
variant_row (const ErrataExperimentVariant *variant)
{
  g_autofree char *what = describe_variant (variant);
  g_autofree char *replies = describe_replies (variant);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", what, replies);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), variant->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("_Run"), "experiments.run", variant->id,
                                         _("Send the queries still without a reply, then score them")));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("Open in _Traces"), "experiments.open-traces",
                                         variant->id, _("The variant's replies on the Traces page")));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("_Delete"), "experiments.delete-variant", variant->id,
                                         _("Delete the variant (its replies stay as traces)")));
  gtk_widget_add_css_class (row, "experiment-variant");
  return row;
}

static void
show_variants (ErrataExperimentsPage *self)
{
  g_autoptr(GError) error = NULL;

  clear_list (self->variants_list);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  self->variants = errata_experiment_list_variants (_errata_experiments_page_get_project (self),
                                                    self->experiment_id, &error);
  if (self->variants == NULL)
    {
      _errata_experiments_page_say (self, error->message);
      return;
    }
  for (guint i = 0; i < self->variants->len; i++)
    gtk_list_box_append (self->variants_list, variant_row (g_ptr_array_index (self->variants, i)));
  if (self->variants->len == 0)
    {
      GtkWidget *hint = _errata_experiments_cell (_("No variant yet: New Variant describes your "
                                                    "system (a target JSON file); a second "
                                                    "variant clones it with a change to try."),
                                                  "dim-label");

      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_widget_set_margin_top (hint, 12);
      gtk_widget_set_margin_bottom (hint, 12);
      gtk_widget_set_margin_start (hint, 12);
      gtk_list_box_append (self->variants_list, hint);
    }
}

static void
show_selected (ErrataExperimentsPage *self)
{
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.delete", self->experiment_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.new-variant",
                                 self->experiment_id > 0);
  /* Coming back to the page keeps the comparison of the same experiment
   * on screen (as it was when made); another experiment clears it. */
  if (self->comparison == NULL || self->comparison->experiment_id != self->experiment_id)
    _errata_experiments_page_clear_comparison (self);
  if (self->experiment_id <= 0)
    return;
  experiment = errata_experiment_get (_errata_experiments_page_get_project (self),
                                      self->experiment_id, &error);
  if (experiment == NULL)
    {
      _errata_experiments_page_say (self, error->message);
      return;
    }
  show_experiment_header (self, experiment);
  show_variants (self);
  _errata_experiments_page_fill_dropdowns (self);
}

static void
on_experiment_selected (ErrataExperimentsPage *self,
                        GtkListBoxRow         *row)
{
  if (self->filling)
    return;
  self->experiment_id = row != NULL
                        ? *(gint64 *)g_object_get_data (G_OBJECT (row), "experiment-id") : 0;
  show_selected (self);
}

static GtkWidget *
experiment_row (ErrataExperiment *experiment)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  /* Translators: under an experiment's name: "12 queries · 2 variants". */
  g_autofree char *counts = g_strdup_printf (_("%u queries · %u variants"), experiment->n_queries,
                                             experiment->n_variants);
  gint64 *id = g_new (gint64, 1);

  *id = experiment->id;
  gtk_box_append (GTK_BOX (box), _errata_experiments_cell (experiment->name, NULL));
  gtk_box_append (GTK_BOX (box), _errata_experiments_cell (counts, "caption"));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "experiment-id", id, g_free);
  return row;
}

void
_errata_experiments_page_select (ErrataExperimentsPage *self,
                                 gint64                 experiment_id)
{
  self->experiment_id = experiment_id;
  errata_experiments_page_reload (self);
}

void
errata_experiments_page_reload (ErrataExperimentsPage *self)
{
  g_autoptr(GPtrArray) experiments = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *selected = NULL;

  g_return_if_fail (ERRATA_IS_EXPERIMENTS_PAGE (self));

  experiments = errata_experiment_list (_errata_experiments_page_get_project (self), &error);
  if (experiments == NULL)
    {
      _errata_experiments_page_say (self, error->message);
      return;
    }
  self->filling = TRUE;
  clear_list (self->experiments_list);
  for (guint i = 0; i < experiments->len; i++)
    {
      ErrataExperiment *experiment = g_ptr_array_index (experiments, i);
      GtkWidget *row = experiment_row (experiment);

      gtk_list_box_append (self->experiments_list, row);
      if (experiment->id == self->experiment_id || (selected == NULL && self->experiment_id <= 0))
        selected = GTK_LIST_BOX_ROW (row);
    }
  gtk_list_box_select_row (self->experiments_list, selected);
  self->filling = FALSE;
  gtk_stack_set_visible_child_name (self->stack, experiments->len > 0 ? "main" : "empty");
  on_experiment_selected (self, selected);
}

/* Running ------------------------------------------------------------------ */

static void
set_running (ErrataExperimentsPage *self,
             gboolean               running)
{
  static const char * const busy[] = {
    "experiments.run", "experiments.delete-variant", "experiments.delete", "experiments.new",
    "experiments.new-variant",
  };

  for (guint i = 0; i < G_N_ELEMENTS (busy); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), busy[i], !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.cancel", running);
}

static void
on_run_progress (const ErrataExperimentRunProgress *progress,
                 gpointer                           user_data)
{
  ErrataExperimentsPage *self = user_data;
  g_autofree char *text = NULL;
  double fraction;

  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  if (progress->phase == ERRATA_EXPERIMENT_PHASE_SENDING)
    {
      /* Translators: "Sending 12 of 24 · 1 failed". */
      text = g_strdup_printf (_("Sending %u of %u · %u failed"), progress->done, progress->total,
                              progress->n_failed);
      fraction = progress->total > 0 ? (double)progress->done / progress->total : 1;
    }
  else
    {
      /* Translators: "Scoring: evaluator 2 of 3 · 10 of 24 replies judged". */
      text = g_strdup_printf (_("Scoring: evaluator %u of %u · %u of %u replies judged"),
                              MIN (progress->evaluators_done + 1, progress->n_evaluators),
                              progress->n_evaluators, progress->judged, progress->to_judge);
      fraction = progress->to_judge > 0 ? (double)progress->judged / progress->to_judge : 1;
    }
  errata_run_progress_update (self->run_progress, fraction, text);
}

static char *
describe_run (const ErrataExperimentRunResult *result)
{
  GString *text = g_string_new (NULL);

  if (result->progress.cancelled)
    g_string_append (text, _("Cancelled. "));
  /* Translators: "18 replies stored, 6 still missing (Run again to resume). 2 evaluators run." */
  g_string_append_printf (text, _("%u replies stored, %u still missing%s. %u evaluator runs."),
                          result->progress.n_traces, result->n_missing,
                          result->n_missing > 0 ? _(" (Run again to resume)") : "",
                          result->eval_run_ids != NULL ? result->eval_run_ids->len : 0);
  for (guint i = 0; result->skipped != NULL && result->skipped[i] != NULL; i++)
    /* Translators: an evaluator the run did not use, and why. */
    g_string_append_printf (text, _(" Not run: %s."), result->skipped[i]);
  return g_string_free (text, FALSE);
}

/* The run's row was rebuilt (and its buttons insensitive while it ran), so
 * the keyboard focus went with it: give it back to that row, or Tab and
 * the window's shortcuts (Alt+1…) start from nowhere. */
static void
focus_variant_row (ErrataExperimentsPage *self,
                   gint64                 variant_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkListBoxRow *row;

  if (root == NULL || gtk_root_get_focus (root) != NULL || self->variants == NULL)
    return;
  for (guint i = 0; i < self->variants->len; i++)
    {
      ErrataExperimentVariant *variant = g_ptr_array_index (self->variants, i);

      if (variant->id != variant_id)
        continue;
      row = gtk_list_box_get_row_at_index (self->variants_list, i);
      if (row != NULL)
        gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
      return;
    }
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ErrataExperimentsPage) self = user_data;
  g_autoptr(ErrataExperimentRunResult) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 variant_id = self->running_variant;

  self->running_variant = 0;
  outcome = errata_experiment_run_finish (result, &error);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  text = outcome != NULL ? describe_run (outcome) : g_strdup (error->message);
  errata_run_progress_stop (self->run_progress);
  set_running (self, FALSE);
  show_variants (self);
  focus_variant_row (self, variant_id);
  errata_run_progress_finish (self->run_progress, text,
                              outcome != NULL && outcome->progress.n_traces > 0);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (widget);
  g_autoptr(GCancellable) cancellable = NULL;

  if (errata_run_progress_is_running (self->run_progress))
    return;
  self->running_variant = g_variant_get_int64 (parameter);
  cancellable = g_cancellable_new ();
  errata_run_progress_start (self->run_progress, cancellable, _("Starting…"));
  set_running (self, TRUE);
  /* No consent asked (as on the Synthetic Data page): what goes out is the
   * experiment's queries, to the user's own system. */
  errata_experiment_run_async (_errata_experiments_page_get_project (self), self->running_variant,
                               NULL, errata_workspace_get_llm_client (self->workspace),
                               ERRATA_EXPERIMENT_RUN_DEFAULT, on_run_progress, self,
                               cancellable, on_run_done, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  errata_run_progress_cancel (ERRATA_EXPERIMENTS_PAGE (widget)->run_progress);
}

gboolean
errata_experiments_page_is_running (ErrataExperimentsPage *self)
{
  g_return_val_if_fail (ERRATA_IS_EXPERIMENTS_PAGE (self), FALSE);

  return errata_run_progress_is_running (self->run_progress);
}

/* Other actions ------------------------------------------------------------ */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _errata_experiments_page_new_experiment (ERRATA_EXPERIMENTS_PAGE (widget));
}

static void
new_variant_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _errata_experiments_page_new_variant (ERRATA_EXPERIMENTS_PAGE (widget));
}

/* Deleting keeps the traces (they are replies people may have reviewed);
 * the Traces page deletes them, filtered by experiment. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->experiment_id <= 0)
    return;
  if (!errata_experiment_delete (_errata_experiments_page_get_project (self), self->experiment_id,
                                 &error))
    {
      _errata_experiments_page_say (self, error->message);
      return;
    }
  _errata_experiments_page_select (self, 0);
  _errata_experiments_page_say (self, _("Experiment deleted; its replies stay as traces."));
}

static void
delete_variant_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!errata_experiment_delete_variant (_errata_experiments_page_get_project (self),
                                         g_variant_get_int64 (parameter), &error))
    {
      _errata_experiments_page_say (self, error->message);
      return;
    }
  errata_experiments_page_reload (self);
  _errata_experiments_page_say (self, _("Variant deleted; its replies stay as traces."));
}

/* Through the window: a page never shows another page's objects itself. */
static void
open_traces_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autofree char *id = g_strdup_printf ("%" PRId64, g_variant_get_int64 (parameter));

  gtk_widget_activate_action (widget, "win.show-metadata-traces", "(ss)",
                              "experiment.variant_id", id);
}

static void
on_flip_activated (ErrataExperimentsPage *self,
                   GtkListBoxRow         *row)
{
  _errata_experiments_page_flip_activated (self, row);
}

/* GObject ------------------------------------------------------------------ */

static void
errata_experiments_page_constructed (GObject *object)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (object);

  G_OBJECT_CLASS (errata_experiments_page_parent_class)->constructed (object);
  set_running (self, FALSE);
  errata_experiments_page_reload (self);
}

static void
errata_experiments_page_dispose (GObject *object)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (object);

  if (self->compare_cancellable != NULL)
    g_cancellable_cancel (self->compare_cancellable);
  /* The lists empty as they go: their selection changes are not the user's. */
  self->filling = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_EXPERIMENTS_PAGE);
  G_OBJECT_CLASS (errata_experiments_page_parent_class)->dispose (object);
}

static void
errata_experiments_page_finalize (GObject *object)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (object);

  g_clear_object (&self->compare_cancellable);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->comparison, errata_experiment_comparison_free);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (errata_experiments_page_parent_class)->finalize (object);
}

static void
errata_experiments_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (object);

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
errata_experiments_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (object);

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
errata_experiments_page_class_init (ErrataExperimentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = errata_experiments_page_constructed;
  object_class->dispose = errata_experiments_page_dispose;
  object_class->finalize = errata_experiments_page_finalize;
  object_class->get_property = errata_experiments_page_get_property;
  object_class->set_property = errata_experiments_page_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ERRATA_TYPE_RUN_PROGRESS);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-experiments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, experiments_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, experiment_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, experiment_summary);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, variants_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, run_progress);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, baseline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, candidate_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, compare_summary);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, table_grid);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, costs_grid);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, flips_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataExperimentsPage, flips_list);
  gtk_widget_class_bind_template_callback (widget_class, on_experiment_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_flip_activated);

  gtk_widget_class_install_action (widget_class, "experiments.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "experiments.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "experiments.new-variant", NULL,
                                   new_variant_action);
  gtk_widget_class_install_action (widget_class, "experiments.delete-variant", "x",
                                   delete_variant_action);
  gtk_widget_class_install_action (widget_class, "experiments.run", "x", run_action);
  gtk_widget_class_install_action (widget_class, "experiments.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "experiments.open-traces", "x",
                                   open_traces_action);
  _errata_experiments_page_class_add_compare (widget_class);
}

static void
errata_experiments_page_init (ErrataExperimentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->chart, _errata_experiments_chart_draw, self, NULL);
}

GtkWidget *
errata_experiments_page_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_EXPERIMENTS_PAGE, "workspace", workspace, NULL);
}
