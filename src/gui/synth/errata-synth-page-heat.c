/* errata-synth-page-heat.c: the Synthetic Data page's heat map: the failure
 * rate of the synthetic traces by dimension value, or by pair of values of
 * two dimensions chosen in a dropdown, overall or for one failure mode
 * chosen in another; each cell says its rate and count, its tooltip the
 * 95% Wilson interval.
 *
 * Column headers wrap within a fixed width (never ellipsized into their
 * neighbours, as long values did at 1024 px).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-page-private.h"

#include <glib/gi18n.h>

#include "errata-synth-breakdown.h"
#include "errata-synth-dimensions.h"

/* The heat map's shades: failure rates up to 10%, 25%, 50%, 75%, above. */
#define N_HEAT 5
/* A column's width in characters: "100% · 40/40" fits, and a long value
 * wraps onto a second line within it. */
#define COLUMN_CHARS 12

static GtkWidget *
heading (const char *text,
         const char *css_class,
         gboolean    column)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), COLUMN_CHARS);
  gtk_label_set_width_chars (GTK_LABEL (label), column ? COLUMN_CHARS : -1);
  gtk_label_set_justify (GTK_LABEL (label), column ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  gtk_label_set_xalign (GTK_LABEL (label), column ? 0.5 : 0);
  gtk_widget_set_valign (label, column ? GTK_ALIGN_END : GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_add_css_class (label, "synth-heat-heading");
  return label;
}

static int
heat_level (double rate)
{
  static const double upper[N_HEAT - 1] = { 0.10, 0.25, 0.50, 0.75 };

  for (int i = 0; i < N_HEAT - 1; i++)
    if (rate <= upper[i])
      return i;
  return N_HEAT - 1;
}

static GtkWidget *
heat_cell (const ErrataSynthCell *cell)
{
  g_autofree char *text = NULL;
  g_autofree char *css = NULL;
  g_autofree char *tip = NULL;
  GtkWidget *label;

  if (cell == NULL || cell->n == 0)
    {
      label = gtk_label_new ("—");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_tooltip_text (label, _("No trace with this value is reviewed yet"));
      gtk_label_set_width_chars (GTK_LABEL (label), COLUMN_CHARS);
      return label;
    }
  /* Translators: a failure rate and what it counts: "50% · 2/4". */
  text = g_strdup_printf (_("%.0f%% · %u/%u"), 100 * cell->rate, cell->n_fail, cell->n);
  /* Translators: a 95% interval of a failure rate. */
  tip = g_strdup_printf (_("95%% interval %.0f%%–%.0f%%"), 100 * cell->interval.lower,
                         100 * cell->interval.upper);
  css = g_strdup_printf ("synth-heat-%d", heat_level (cell->rate));
  label = gtk_label_new (text);
  gtk_label_set_width_chars (GTK_LABEL (label), COLUMN_CHARS);
  gtk_widget_add_css_class (label, "synth-heat");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, css);
  gtk_widget_set_tooltip_text (label, tip);
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

/* Each dimension: its values as column headings, their rates below. */
static void
show_by_value (ErrataSynthPage      *self,
               ErrataSynthBreakdown *breakdown,
               gint64                target)
{
  const char *dimension = NULL;
  int row = 0, column = 0;

  for (guint i = 0; i < breakdown->cells->len; i++)
    {
      ErrataSynthCell *cell = g_ptr_array_index (breakdown->cells, i);

      if (cell->target != target || cell->dimension2 != NULL)
        continue;
      if (g_strcmp0 (dimension, cell->dimension) != 0)
        {
          row += dimension != NULL ? 2 : 0;
          column = 1;
          gtk_grid_attach (self->heatmap_grid, heading (cell->dimension, "heading", FALSE), 0,
                           row + 1, 1, 1);
          dimension = cell->dimension;
        }
      gtk_grid_attach (self->heatmap_grid, heading (cell->value, "caption", TRUE), column, row, 1,
                       1);
      gtk_grid_attach (self->heatmap_grid, heat_cell (cell), column, row + 1, 1, 1);
      column++;
    }
}

static guint
value_index (ErrataSynthDimension *dimension,
             const char           *value)
{
  for (guint v = 0; v < dimension->values->len; v++)
    if (g_strcmp0 (((ErrataSynthValue *)g_ptr_array_index (dimension->values, v))->value,
                   value) == 0)
      return v;
  return G_MAXUINT;
}

/* One dimension's values down, the other's across. */
static void
show_by_pair (ErrataSynthPage      *self,
              ErrataSynthBreakdown *breakdown,
              GPtrArray            *dimensions,
              gint64                target,
              guint                 first,
              guint                 second)
{
  ErrataSynthDimension *rows = g_ptr_array_index (dimensions, first);
  ErrataSynthDimension *columns = g_ptr_array_index (dimensions, second);
  g_autofree char *corner = g_strdup_printf ("%s ↓ · %s →", rows->name, columns->name);

  gtk_grid_attach (self->heatmap_grid, heading (corner, "heading", FALSE), 0, 0, 1, 1);
  for (guint v = 0; v < columns->values->len; v++)
    gtk_grid_attach (self->heatmap_grid,
                     heading (((ErrataSynthValue *)g_ptr_array_index (columns->values, v))->value,
                              "caption", TRUE), v + 1, 0, 1, 1);
  for (guint v = 0; v < rows->values->len; v++)
    {
      gtk_grid_attach (self->heatmap_grid,
                       heading (((ErrataSynthValue *)g_ptr_array_index (rows->values, v))->value,
                                "caption", FALSE), 0, v + 1, 1, 1);
      for (guint w = 0; w < columns->values->len; w++)
        gtk_grid_attach (self->heatmap_grid, heat_cell (NULL), w + 1, v + 1, 1, 1);
    }
  for (guint i = 0; i < breakdown->cells->len; i++)
    {
      ErrataSynthCell *cell = g_ptr_array_index (breakdown->cells, i);
      guint row, column;

      if (cell->target != target || g_strcmp0 (cell->dimension, rows->name) != 0
          || g_strcmp0 (cell->dimension2, columns->name) != 0)
        continue;
      row = value_index (rows, cell->value);
      column = value_index (columns, cell->value2);
      if (row == G_MAXUINT || column == G_MAXUINT)
        continue;
      gtk_grid_remove (self->heatmap_grid,
                       gtk_grid_get_child_at (self->heatmap_grid, column + 1, row + 1));
      gtk_grid_attach (self->heatmap_grid, heat_cell (cell), column + 1, row + 1, 1, 1);
    }
}

/* The dropdowns -------------------------------------------------------- */

/* The pairs of dimensions, in the breakdown's order (the earlier first). */
static void
pair_at (GPtrArray *dimensions,
         guint      index,
         guint     *first,
         guint     *second)
{
  guint n = 0;

  for (guint d = 0; d < dimensions->len; d++)
    for (guint d2 = d + 1; d2 < dimensions->len; d2++)
      if (n++ == index)
        {
          *first = d;
          *second = d2;
          return;
        }
  *first = *second = G_MAXUINT;
}

static gboolean
same_strings (GListModel    *model,
              GtkStringList *strings)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  if (model == NULL || !GTK_IS_STRING_LIST (model)
      || n != g_list_model_get_n_items (G_LIST_MODEL (strings)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                   gtk_string_list_get_string (strings, i)) != 0)
      return FALSE;
  return TRUE;
}

/* A dropdown's model is replaced only when its choices changed: this runs
 * while the dropdown itself notifies a new choice, and replacing the model
 * under it then makes it notify again, over and over. */
static void
set_choices (GtkDropDown   *dropdown,
             GtkStringList *strings,
             guint          selected)
{
  if (!same_strings (gtk_drop_down_get_model (dropdown), strings))
    gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  if (gtk_drop_down_get_selected (dropdown) != selected)
    gtk_drop_down_set_selected (dropdown, selected);
}

static void
fill_dropdowns (ErrataSynthPage      *self,
                ErrataSynthBreakdown *breakdown,
                GPtrArray            *dimensions)
{
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) views = gtk_string_list_new (NULL);
  guint selected_target = 0, selected_view = 0, n = 0;

  g_array_set_size (self->heat_targets, 0);
  for (guint t = 0; t < breakdown->targets->len; t++)
    {
      ErrataSynthTargetCount *count = g_ptr_array_index (breakdown->targets, t);

      g_array_append_val (self->heat_targets, count->target);
      gtk_string_list_append (targets, count->target == 0 ? _("Overall") : count->name);
      if (count->target == self->heat_target)
        selected_target = t;
    }
  gtk_string_list_append (views, _("Each dimension’s values"));
  for (guint d = 0; d < dimensions->len; d++)
    for (guint d2 = d + 1; d2 < dimensions->len; d2++)
      {
        ErrataSynthDimension *a = g_ptr_array_index (dimensions, d);
        ErrataSynthDimension *b = g_ptr_array_index (dimensions, d2);
        /* Translators: a pair of dimensions in the heat map's dropdown. */
        g_autofree char *name = g_strdup_printf (_("%s × %s"), a->name, b->name);

        n++;
        gtk_string_list_append (views, name);
        if (g_strcmp0 (self->heat_pair, name) == 0)
          selected_view = n;
      }
  self->heat_updating = TRUE;
  set_choices (self->heat_target_dropdown, targets, selected_target);
  set_choices (self->heat_view_dropdown, views, selected_view);
  self->heat_updating = FALSE;
  if (selected_view == 0)
    g_clear_pointer (&self->heat_pair, g_free);
  if (selected_target == 0)
    self->heat_target = 0;
}

static char *
summary_text (ErrataSynthTargetCount *count,
              gboolean                pairs)
{
  g_autofree char *what = count->target == 0 ? g_strdup (_("Overall failure rate"))
                          /* Translators: the failure rate of one failure mode. */
                          : g_strdup_printf (_("Rate of “%s”"), count->name);

  /* Translators: what the heat map counts: "Overall failure rate by value,
   * from 4 of 11 synthetic traces reviewed here (…)". */
  return g_strdup_printf (pairs ? _("%s by pair of values, from %u of %u synthetic traces reviewed "
                                    "here (imported labels are not counted; %u disputed left "
                                    "out). Hover a cell for its 95%% interval.")
                                : _("%s by value, from %u of %u synthetic traces reviewed here "
                                    "(imported labels are not counted; %u disputed left out). "
                                    "Hover a cell for its 95%% interval."),
                          what, count->n_labelled, count->n_traces, count->n_disputed);
}

void
_errata_synth_page_show_heat_map (ErrataSynthPage *self)
{
  ErrataProject *project = _errata_synth_page_get_project (self);
  g_autoptr(ErrataSynthBreakdown) breakdown = NULL;
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  ErrataSynthTargetCount *count;
  guint view, first = G_MAXUINT, second = G_MAXUINT;

  if ((dimensions = errata_synth_dimensions_load (project, &error)) == NULL
      || (breakdown = errata_synth_breakdown_compute (project, self->heat_pair != NULL,
                                                      &error)) == NULL)
    {
      gtk_label_set_text (self->breakdown_label, error->message);
      return;
    }
  fill_dropdowns (self, breakdown, dimensions);
  count = g_ptr_array_index (breakdown->targets,
                             gtk_drop_down_get_selected (self->heat_target_dropdown));
  view = gtk_drop_down_get_selected (self->heat_view_dropdown);
  if (view > 0)
    pair_at (dimensions, view - 1, &first, &second);
  clear_grid (self->heatmap_grid);
  summary = summary_text (count, first != G_MAXUINT);
  gtk_label_set_text (self->breakdown_label, summary);
  if (first != G_MAXUINT)
    show_by_pair (self, breakdown, dimensions, count->target, first, second);
  else
    show_by_value (self, breakdown, count->target);
}

/* A choice remembers what was chosen (by mode id and pair name, which
 * survive a reload that rebuilds the dropdowns), then draws again. */
static void
on_heat_choice (GtkDropDown *dropdown,
                GParamSpec  *pspec,
                gpointer     user_data)
{
  ErrataSynthPage *self = user_data;
  GtkStringObject *view;
  guint target;

  if (self->heat_updating)
    return;
  view = gtk_drop_down_get_selected_item (self->heat_view_dropdown);
  g_clear_pointer (&self->heat_pair, g_free);
  if (view != NULL && gtk_drop_down_get_selected (self->heat_view_dropdown) > 0)
    self->heat_pair = g_strdup (gtk_string_object_get_string (view));
  target = gtk_drop_down_get_selected (self->heat_target_dropdown);
  self->heat_target = target < self->heat_targets->len
                      ? g_array_index (self->heat_targets, gint64, target) : 0;
  _errata_synth_page_show_heat_map (self);
}

void
_errata_synth_page_init_heat_map (ErrataSynthPage *self)
{
  self->heat_targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (self->heat_target_dropdown, "notify::selected", G_CALLBACK (on_heat_choice),
                    self);
  g_signal_connect (self->heat_view_dropdown, "notify::selected", G_CALLBACK (on_heat_choice),
                    self);
}

void
_errata_synth_page_finalize_heat_map (ErrataSynthPage *self)
{
  g_clear_pointer (&self->heat_pair, g_free);
  g_clear_pointer (&self->heat_targets, g_array_unref);
}
