/* errata-experiments-page-compare.c: the comparison on the Experiments
 * page: the baseline and candidate chosen, the table per failure mode and
 * overall, the chart, cost beside quality, and the flips.
 *
 * The comparison runs in a worker thread on its own connection
 * (errata_experiment_compare_async); the page remembers which one it made
 * last in the project (ERRATA_REPORT_LAST_COMPARISON_KEY) so that
 * the Report shows it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-experiments-page-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-eval-types.h"
#include "errata-report.h"

/* The dropdowns --------------------------------------------------------------- */

static GListModel *
variant_names (ErrataExperimentsPage *self,
               gboolean               with_every_other)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; self->variants != NULL && i < self->variants->len; i++)
    gtk_string_list_append (names,
                            ((ErrataExperimentVariant *)g_ptr_array_index (self->variants, i))->name);
  if (with_every_other)
    gtk_string_list_append (names, _("Every other variant"));
  return G_LIST_MODEL (names);
}

/* The dropdowns say what the comparison on screen compares. */
static void
select_shown (ErrataExperimentsPage *self)
{
  ErrataExperimentComparison *comparison = self->comparison;

  for (guint i = 0; i < self->variants->len; i++)
    {
      gint64 id = ((ErrataExperimentVariant *)g_ptr_array_index (self->variants, i))->id;

      if (id == comparison->baseline_id)
        gtk_drop_down_set_selected (self->baseline_dropdown, i);
      if (comparison->candidates->len > 1 && self->variants->len > 2)
        gtk_drop_down_set_selected (self->candidate_dropdown, self->variants->len);
      else if (id == ((ErrataExperimentCandidate *)g_ptr_array_index (comparison->candidates, 0))->variant_id)
        gtk_drop_down_set_selected (self->candidate_dropdown, i);
    }
}

/* The first variant is the usual baseline, the newest the usual candidate. */
void
_errata_experiments_page_fill_dropdowns (ErrataExperimentsPage *self)
{
  guint n = self->variants != NULL ? self->variants->len : 0;
  g_autoptr(GListModel) baselines = variant_names (self, FALSE);
  g_autoptr(GListModel) candidates = variant_names (self, n > 2);

  gtk_drop_down_set_model (self->baseline_dropdown, baselines);
  gtk_drop_down_set_model (self->candidate_dropdown, candidates);
  gtk_drop_down_set_selected (self->baseline_dropdown, 0);
  gtk_drop_down_set_selected (self->candidate_dropdown, n > 0 ? n - 1 : 0);
  if (self->comparison != NULL)
    select_shown (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.compare", n >= 2);
  if (n < 2)
    gtk_label_set_text (self->compare_summary,
                        _("Compare needs two variants, each run: a baseline and a candidate."));
}

/* The table ------------------------------------------------------------------- */

void
_errata_experiments_page_clear_comparison (ErrataExperimentsPage *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->comparison, errata_experiment_comparison_free);
  _errata_experiments_clear_grid (self->table_grid);
  _errata_experiments_clear_grid (self->costs_grid);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flips_list))) != NULL)
    gtk_list_box_remove (self->flips_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->flips_list), FALSE);
  gtk_label_set_text (self->flips_title, "");
  gtk_label_set_text (self->compare_summary, "");
}

/* Table cells wrap rather than cut: at 1024 px every word still shows. */
static GtkWidget *
table_cell (const char *text,
            const char *css_class)
{
  GtkWidget *label = _errata_experiments_cell (text, css_class);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  return label;
}

static GtkWidget *
two_lines (const char *first,
           const char *second,
           const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = table_cell (first, css_class);

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), table_cell (second, "caption"));
  return box;
}

/* "72% (58–83%)" over "18 of 25 pass · raw, Wilson". */
static GtkWidget *
rate_cell (const ErrataExperimentRate *rate)
{
  g_autofree char *value = NULL;
  g_autofree char *counts = NULL;

  if (rate->n == 0)
    return two_lines ("—", _("nothing scored"), "dim-label");
  /* Translators: a pass rate and its 95% interval: "72% (58–83%)". */
  value = g_strdup_printf (_("%.0f%% (%.0f–%.0f%%)"), 100 * rate->rate,
                           100 * rate->interval.lower, 100 * rate->interval.upper);
  /* Translators: what a pass rate counts, and how its interval was made:
   * "18 of 25 pass · corrected" or "… · raw, Wilson". */
  counts = g_strdup_printf (_("%u of %u pass · %s"), rate->n_pass, rate->n,
                            rate->corrected ? _("corrected") : _("raw, Wilson"));
  return two_lines (value, counts, NULL);
}

static const char *
direction_class (ErrataExperimentDirection direction)
{
  switch (direction)
    {
    case ERRATA_EXPERIMENT_BETTER:
      return "success";
    case ERRATA_EXPERIMENT_WORSE:
      return "error";
    case ERRATA_EXPERIMENT_SAME:
    default:
      return NULL;
    }
}

static const char *
direction_words (const ErrataExperimentRow *row)
{
  switch (row->direction)
    {
    case ERRATA_EXPERIMENT_BETTER:
      return _("▲ significantly better");
    case ERRATA_EXPERIMENT_WORSE:
      return _("▼ significantly worse");
    case ERRATA_EXPERIMENT_SAME:
    default:
      return _("no significant difference");
    }
}

static GtkWidget *
difference_cell (const ErrataExperimentRow *row)
{
  g_autofree char *value = NULL;
  g_autofree char *table = NULL;

  if (row->paired.n == 0)
    return two_lines ("—", _("no pair both scored"), "dim-label");
  /* Translators: a difference in percentage points and its bootstrap 95%
   * interval: "−24 pts (−40 to −8)". */
  value = g_strdup_printf (_("%+.0f pts (%+.0f to %+.0f)"), 100 * row->paired.difference,
                           100 * row->paired.interval.lower, 100 * row->paired.interval.upper);
  /* Translators: the paired table behind a difference: "on 25 pairs · 6 pass→fail · 0 fail→pass". */
  table = g_strdup_printf (_("on %u pairs · %u pass→fail · %u fail→pass"), row->paired.n,
                           row->table.pass_to_fail, row->table.fail_to_pass);
  return two_lines (value, table, direction_class (row->direction));
}

static GtkWidget *
p_cell (const ErrataExperimentRow *row,
        gboolean                   adjusted)
{
  g_autofree char *value = NULL;

  if (row->paired.n == 0)
    return table_cell ("—", "dim-label");
  value = adjusted
          /* Translators: McNemar's p-value and, after Holm's correction, the adjusted one. */
          ? g_strdup_printf (_("%.3g (Holm %.3g)"), row->paired.p_value, row->p_adjusted)
          : g_strdup_printf ("%.3g", row->paired.p_value);
  return table_cell (value, NULL);
}

static void
attach_header (ErrataExperimentsPage     *self,
               int                        top,
               ErrataExperimentCandidate *candidate)
{
  const char *titles[] = {
    _("Failure mode"), self->comparison->baseline, candidate->name,
    /* xgettext:no-c-format */
    _("Difference (95% interval)"), _("McNemar p"), _("Verdict"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    gtk_grid_attach (self->table_grid, table_cell (titles[i], "heading"), i, top, 1, 1);
}

/* An evaluator that judges whole replies is "Overall" too, beside the
 * combined row or instead of it (the only evaluator): never the
 * untranslated word "overall" the CLI understands. */
static const char *
row_target (ErrataExperimentRow *row)
{
  return row->target == ERRATA_TARGET_OVERALL ? _("Overall") : row->target_name;
}

static char *
row_title (ErrataExperimentRow *row)
{
  const char *target = row_target (row);

  if (row->evaluator_id == 0)
    return g_strdup (target);
  /* Translators: a row of the comparison: a failure mode and the judge
   * that scored it: "Missing order number (judge “Order cited” v2)". */
  return g_strdup_printf (_("%s (judge “%s” v%u)"), target, row->name, row->version);
}

static int
attach_candidate (ErrataExperimentsPage     *self,
                  int                        top,
                  ErrataExperimentCandidate *candidate,
                  gboolean                   adjusted)
{
  attach_header (self, top++, candidate);
  for (guint r = 0; r < candidate->rows->len; r++, top++)
    {
      ErrataExperimentRow *row = g_ptr_array_index (candidate->rows, r);
      g_autofree char *mode = row_title (row);
      GtkWidget *verdict = table_cell (direction_words (row), direction_class (row->direction));
      gboolean overall = row->target == ERRATA_TARGET_OVERALL;

      gtk_grid_attach (self->table_grid, table_cell (mode, overall ? "heading" : NULL), 0, top, 1, 1);
      gtk_grid_attach (self->table_grid, rate_cell (&row->baseline), 1, top, 1, 1);
      gtk_grid_attach (self->table_grid, rate_cell (&row->candidate), 2, top, 1, 1);
      gtk_grid_attach (self->table_grid, difference_cell (row), 3, top, 1, 1);
      gtk_grid_attach (self->table_grid, p_cell (row, adjusted), 4, top, 1, 1);
      gtk_widget_add_css_class (verdict, "experiment-verdict");
      gtk_grid_attach (self->table_grid, verdict, 5, top, 1, 1);
    }
  return top + 1;
}

static char *
format_cost (const ErrataExperimentCost *cost)
{
  GString *text = g_string_new (NULL);

  if (isnan (cost->cost))
    g_string_append (text, _("cost not recorded"));
  else
    /* Translators: what a variant's replies cost, in US dollars. */
    g_string_append_printf (text, _("$%.4f for its replies"), cost->cost);
  /* Translators: what the judges cost on a variant's replies. */
  g_string_append_printf (text, _(" · $%.4f for judging"), cost->eval_cost);
  return g_string_free (text, FALSE);
}

static void
show_costs (ErrataExperimentsPage *self)
{
  const char *titles[] = { _("Variant"), _("Replies"), _("Latency (mean · median)"),
                           _("Tokens (in · out)"), _("Cost (US dollars)") };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    gtk_grid_attach (self->costs_grid, table_cell (titles[i], "heading"), i, 0, 1, 1);
  for (guint i = 0; i < self->comparison->costs->len; i++)
    {
      ErrataExperimentCost *cost = g_ptr_array_index (self->comparison->costs, i);
      g_autofree char *replies = g_strdup_printf ("%u", cost->n_traces);
      g_autofree char *latency = NULL;
      g_autofree char *tokens = NULL;
      g_autofree char *money = format_cost (cost);

      latency = cost->n_latency > 0
                /* Translators: mean and median latency in milliseconds, and of how many replies. */
                ? g_strdup_printf (_("%.0f · %.0f ms (of %u)"), cost->latency_mean_ms,
                                   cost->latency_median_ms, cost->n_latency)
                : g_strdup (_("not recorded"));
      tokens = cost->tokens_in >= 0
               ? g_strdup_printf ("%" PRId64 " · %" PRId64, cost->tokens_in,
                                  cost->tokens_out)
               : g_strdup (_("not recorded"));
      gtk_grid_attach (self->costs_grid, table_cell (cost->name, NULL), 0, i + 1, 1, 1);
      gtk_grid_attach (self->costs_grid, table_cell (replies, NULL), 1, i + 1, 1, 1);
      gtk_grid_attach (self->costs_grid, table_cell (latency, NULL), 2, i + 1, 1, 1);
      gtk_grid_attach (self->costs_grid, table_cell (tokens, NULL), 3, i + 1, 1, 1);
      gtk_grid_attach (self->costs_grid, table_cell (money, NULL), 4, i + 1, 1, 1);
    }
}

/* The flips ------------------------------------------------------------------- */

typedef struct
{
  gint64  baseline_trace_id;
  gint64  candidate_trace_id;
  char   *query;
  char   *candidate;
} FlipData;

static void
flip_data_free (FlipData *data)
{
  g_free (data->query);
  g_free (data->candidate);
  g_free (data);
}

static GtkWidget *
flip_row (ErrataExperimentCandidate *candidate,
          ErrataExperimentRow       *row,
          ErrataExperimentFlip      *flip,
          gboolean                   worse)
{
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *mark = _errata_experiments_cell (worse ? _("pass → fail") : _("fail → pass"),
                                              worse ? "error" : "success");
  GtkWidget *text = _errata_experiments_cell (flip->query, NULL);
  g_autofree char *where = g_strdup_printf ("%s · %s", candidate->name, row_target (row));
  FlipData *data = g_new0 (FlipData, 1);

  data->baseline_trace_id = flip->baseline_trace_id;
  data->candidate_trace_id = flip->candidate_trace_id;
  data->query = g_strdup (flip->query);
  data->candidate = g_strdup (candidate->name);
  gtk_label_set_width_chars (GTK_LABEL (mark), 11);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), mark);
  gtk_box_append (GTK_BOX (box), _errata_experiments_cell (where, "caption"));
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_widget_set_tooltip_text (list_row, _("Enter or double-click: the two replies side by side"));
  g_object_set_data_full (G_OBJECT (list_row), "flip", data, (GDestroyNotify)flip_data_free);
  return list_row;
}

/* The flips of the failure modes (the overall row repeats them). */
static void
show_flips (ErrataExperimentsPage *self)
{
  guint worse = 0, better = 0;
  g_autofree char *title = NULL;

  for (guint c = 0; c < self->comparison->candidates->len; c++)
    {
      ErrataExperimentCandidate *candidate = g_ptr_array_index (self->comparison->candidates, c);

      for (guint r = 0; r < candidate->rows->len; r++)
        {
          ErrataExperimentRow *row = g_ptr_array_index (candidate->rows, r);

          if (row->evaluator_id == 0)
            continue;
          for (guint i = 0; i < row->pass_to_fail->len; i++, worse++)
            gtk_list_box_append (self->flips_list,
                                 flip_row (candidate, row, g_ptr_array_index (row->pass_to_fail, i), TRUE));
          for (guint i = 0; i < row->fail_to_pass->len; i++, better++)
            gtk_list_box_append (self->flips_list,
                                 flip_row (candidate, row, g_ptr_array_index (row->fail_to_pass, i), FALSE));
        }
    }
  /* Translators: "Flips: 6 pass → fail, 4 fail → pass (per failure mode; a reply may flip in several)". */
  title = g_strdup_printf (_("Flips: %u pass → fail, %u fail → pass (per failure mode; one reply "
                             "may flip in several)"), worse, better);
  gtk_label_set_text (self->flips_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->flips_list), worse + better > 0);
}

void
_errata_experiments_page_flip_activated (ErrataExperimentsPage *self,
                                         GtkListBoxRow         *row)
{
  FlipData *data = g_object_get_data (G_OBJECT (row), "flip");
  ErrataProject *project = _errata_experiments_page_get_project (self);
  g_autoptr(ErrataTrace) baseline = NULL;
  g_autoptr(ErrataTrace) candidate = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  if (data == NULL || self->comparison == NULL)
    return;
  if ((baseline = errata_project_get_trace (project, data->baseline_trace_id, &error)) == NULL
      || (candidate = errata_project_get_trace (project, data->candidate_trace_id, &error)) == NULL)
    {
      _errata_experiments_page_say (self, error != NULL ? error->message
                                                        : _("The replies’ traces were deleted."));
      return;
    }
  window = _errata_experiments_flip_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                data->query, self->comparison->baseline,
                                                errata_trace_get_output (baseline), data->candidate,
                                                errata_trace_get_output (candidate));
  gtk_window_present (GTK_WINDOW (window));
}

/* Comparing ------------------------------------------------------------------- */

static void
show_chart (ErrataExperimentsPage *self)
{
  g_autofree char *series = _errata_experiments_chart_describe (self->comparison);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chart), series);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, series, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1,
                               _errata_experiments_chart_height (self->comparison));
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

void
_errata_experiments_page_show_comparison (ErrataExperimentsPage *self)
{
  ErrataExperimentComparison *comparison = self->comparison;
  gboolean several = comparison->candidates->len > 1;
  g_autofree char *summary = NULL;
  int top = 0;

  /* Translators: what the table counts: "Each (query, repeat) pair judged by
   * the finalized evaluators (a person's label wins over the judge's
   * verdict; imported labels are not used). Significance at α = 0.05." */
  summary = g_strdup_printf (_("Pass rates of %s against the baseline %s, on the same (query, "
                               "repeat) pairs, judged by the newest finalized version of each "
                               "evaluator (a label a person gave here wins over the judge; "
                               "imported labels are not used). Intervals are 95%%; the difference's by a "
                               "paired bootstrap. Significant: "
                               "McNemar p < %.2g.%s%s"),
                             several ? _("each candidate") : _("the candidate"),
                             comparison->baseline, comparison->alpha,
                             several ? " " : "", several ? comparison->correction : "");
  gtk_label_set_text (self->compare_summary, summary);
  for (guint c = 0; c < comparison->candidates->len; c++)
    top = attach_candidate (self, top, g_ptr_array_index (comparison->candidates, c), several);
  show_costs (self);
  show_flips (self);
  show_chart (self);
}

/* The Report shows the comparison made last: remembered in the project. */
static void
remember_comparison (ErrataExperimentsPage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "experiment_id");
  json_builder_add_int_value (builder, self->comparison->experiment_id);
  json_builder_set_member_name (builder, "baseline_id");
  json_builder_add_int_value (builder, self->comparison->baseline_id);
  json_builder_set_member_name (builder, "candidate_ids");
  json_builder_begin_array (builder);
  for (guint c = 0; c < self->comparison->candidates->len; c++)
    json_builder_add_int_value (builder, ((ErrataExperimentCandidate *)
                                          g_ptr_array_index (self->comparison->candidates, c))->variant_id);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  if (!errata_project_set_meta (_errata_experiments_page_get_project (self),
                                ERRATA_REPORT_LAST_COMPARISON_KEY, text, &error))
    _errata_experiments_page_say (self, error->message);
}

static void
on_compared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ErrataExperimentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ErrataExperimentComparison *comparison = errata_experiment_compare_finish (result, &error);

  g_clear_object (&self->compare_cancellable);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    {
      g_clear_pointer (&comparison, errata_experiment_comparison_free);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.compare", TRUE);
  if (comparison == NULL)
    {
      _errata_experiments_page_say (self, error->message);
      return;
    }
  _errata_experiments_page_clear_comparison (self);
  self->comparison = comparison;
  remember_comparison (self);
  _errata_experiments_page_show_comparison (self);
}

static GArray *
chosen_candidates (ErrataExperimentsPage *self,
                   guint                  baseline)
{
  guint chosen = gtk_drop_down_get_selected (self->candidate_dropdown);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->variants->len; i++)
    if (i != baseline && (i == chosen || chosen >= self->variants->len))
      g_array_append_val (ids, ((ErrataExperimentVariant *)g_ptr_array_index (self->variants, i))->id);
  return ids;
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ErrataExperimentsPage *self = ERRATA_EXPERIMENTS_PAGE (widget);
  guint baseline = gtk_drop_down_get_selected (self->baseline_dropdown);
  g_autoptr(GArray) candidates = NULL;
  ErrataExperimentCompareOptions options = { 0 };

  if (self->compare_cancellable != NULL || self->variants == NULL || baseline >= self->variants->len)
    return;
  candidates = chosen_candidates (self, baseline);
  if (candidates->len == 0)
    {
      _errata_experiments_page_say (self, _("Choose a candidate other than the baseline."));
      return;
    }
  self->compare_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "experiments.compare", FALSE);
  gtk_label_set_text (self->compare_summary, _("Comparing…"));
  /* The slices per dimension value are for the CLI's JSON; the page shows modes. */
  options.no_slices = TRUE;
  errata_experiment_compare_async (errata_project_get_file (_errata_experiments_page_get_project (self)),
                                   self->experiment_id,
                                   ((ErrataExperimentVariant *)g_ptr_array_index (self->variants,
                                                                                  baseline))->id,
                                   candidates, &options, self->compare_cancellable, on_compared,
                                   g_object_ref (self));
}

void
_errata_experiments_page_class_add_compare (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "experiments.compare", NULL, compare_action);
}
