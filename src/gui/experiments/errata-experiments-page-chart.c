/* errata-experiments-page-chart.c: the comparison as a chart: per failure
 * mode and overall, the baseline's pass rate (the top line of a row) and
 * each candidate's below it, with their 95% intervals on a 0–100% axis.
 * With one candidate a significant difference colours it (success when
 * better, error when worse); with several, each candidate keeps a colour
 * of its own and the legend names them. Either way ▲ or ▼ marks the
 * difference, so the direction does not rest on colour alone.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-experiments-page-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "errata-chart-widget-style.h"
#include "errata-eval-types.h"

#define LABEL_WIDTH 240.0
#define LINE_GAP    14.0   /* between a row's series */
#define ROW_PAD     16.0
#define TOP         24.0
#define RIGHT       48.0
#define LEGEND      48.0   /* below the rows: the series, then what is drawn */

static void
set_rgba (cairo_t               *cr,
          const ErrataChartRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

/* Returns the text's width in pixels. */
static int
draw_text (cairo_t                *cr,
           const ErrataChartStyle *style,
           const char             *text,
           double                  x,
           double                  y,
           double                  max_width,
           gboolean                right)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font);
  int width, height;

  pango_font_description_set_size (font, pango_font_description_get_size (font) * style->text_scale);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, right ? x - width : x, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  return width;
}

/* One rate: its interval as a bar with end ticks, the rate as a dot. */
static void
draw_rate (cairo_t                    *cr,
           const ErrataExperimentRate *rate,
           double                      x0,
           double                      plot_width,
           double                      y)
{
  double lo = x0 + plot_width * CLAMP (rate->interval.lower, 0, 1);
  double hi = x0 + plot_width * CLAMP (rate->interval.upper, 0, 1);

  if (rate->n == 0)
    return;
  cairo_set_line_width (cr, 2);
  if (!isnan (rate->interval.lower) && !isnan (rate->interval.upper))
    {
      cairo_move_to (cr, lo, y);
      cairo_line_to (cr, hi, y);
      cairo_move_to (cr, lo, y - 4);
      cairo_line_to (cr, lo, y + 4);
      cairo_move_to (cr, hi, y - 4);
      cairo_line_to (cr, hi, y + 4);
      cairo_stroke (cr);
    }
  cairo_arc (cr, x0 + plot_width * CLAMP (rate->rate, 0, 1), y, 4.5, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw_axis (cairo_t                *cr,
           const ErrataChartStyle *style,
           double                  x0,
           double                  plot_width,
           double                  bottom)
{
  cairo_set_line_width (cr, 1);
  for (int tick = 0; tick <= 4; tick++)
    {
      double x = round (x0 + plot_width * tick / 4.0) + 0.5;
      /* Translators: a percentage on the chart's axis, "25%"; the first
       * argument is the number of decimals. Write "%.*f %%" where a space
       * comes before the percent sign. */
      g_autofree char *text = g_strdup_printf (_("%.*f%%"), 0, tick * 25.0);

      set_rgba (cr, &style->grid);
      cairo_move_to (cr, x, TOP - 8);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
      set_rgba (cr, &style->dim);
      draw_text (cr, style, text, x - 12, TOP - 14, 80, FALSE);
    }
}

static guint
n_series (ErrataExperimentComparison *comparison)
{
  return 1 + comparison->candidates->len;
}

static double
row_height (ErrataExperimentComparison *comparison)
{
  return MAX (44.0, LINE_GAP * (n_series (comparison) - 1) + 2 * ROW_PAD);
}

static ErrataExperimentCandidate *
candidate_at (ErrataExperimentComparison *comparison,
              guint                       index)
{
  return g_ptr_array_index (comparison->candidates, index);
}

int
_errata_experiments_chart_height (ErrataExperimentComparison *comparison)
{
  g_assert (comparison->candidates->len > 0);

  return (int) ceil (TOP + row_height (comparison) * candidate_at (comparison, 0)->rows->len
                     + LEGEND);
}

/* Series 0 is the baseline; 1… the candidates, in the comparison's order. */
static const char *
series_name (ErrataExperimentComparison *comparison,
             guint                       series)
{
  return series == 0 ? comparison->baseline : candidate_at (comparison, series - 1)->name;
}

static void
series_colour (ErrataExperimentComparison *comparison,
               const ErrataChartStyle     *style,
               GtkWidget                  *widget,
               guint                       series,
               ErrataChartRgba            *colour)
{
  if (series == 0)
    *colour = style->second;
  else
    errata_chart_style_series_colour (style, widget, series - 1, colour);
}

/* A candidate's row for the same evaluator as the first candidate's. */
static ErrataExperimentRow *
matching_row (ErrataExperimentCandidate *candidate,
              ErrataExperimentRow       *like)
{
  for (guint r = 0; r < candidate->rows->len; r++)
    {
      ErrataExperimentRow *row = g_ptr_array_index (candidate->rows, r);

      if (row->evaluator_id == like->evaluator_id)
        return row;
    }
  return NULL;
}

/* The candidate's line: alone, it says better or worse in colour too; one
 * of several keeps its own colour, as the legend shows it. */
static void
draw_candidate (cairo_t                    *cr,
                const ErrataChartStyle     *style,
                ErrataExperimentComparison *comparison,
                GtkWidget                  *widget,
                guint                       series,
                ErrataExperimentRow        *row,
                double                      x0,
                double                      plot_width,
                double                      y,
                int                         width)
{
  const char *mark = row->direction == ERRATA_EXPERIMENT_BETTER ? "▲"
                     : row->direction == ERRATA_EXPERIMENT_WORSE ? "▼" : NULL;
  ErrataChartRgba colour;

  series_colour (comparison, style, widget, series, &colour);
  if (comparison->candidates->len == 1 && row->direction == ERRATA_EXPERIMENT_BETTER)
    colour = style->success;
  else if (comparison->candidates->len == 1 && row->direction == ERRATA_EXPERIMENT_WORSE)
    colour = style->error;
  set_rgba (cr, &colour);
  draw_rate (cr, &row->candidate, x0, plot_width, y);
  if (mark != NULL)
    draw_text (cr, style, mark, width - RIGHT + 8, y, RIGHT, FALSE);
}

/* One swatch and name per series, then what the marks mean. */
static void
draw_legend (cairo_t                    *cr,
             const ErrataChartStyle     *style,
             ErrataExperimentComparison *comparison,
             GtkWidget                  *widget,
             double                      bottom)
{
  double x = 0, y = bottom + 14;

  for (guint series = 0; series < n_series (comparison); series++)
    {
      ErrataChartRgba colour;
      g_autofree char *name = series == 0
                              /* Translators: the chart's legend: "v1 (baseline)". */
                              ? g_strdup_printf (_("%s (baseline)"), series_name (comparison, 0))
                              : g_strdup (series_name (comparison, series));

      series_colour (comparison, style, widget, series, &colour);
      set_rgba (cr, &colour);
      cairo_arc (cr, x + 5, y, 4.5, 0, 2 * G_PI);
      cairo_fill (cr);
      set_rgba (cr, &style->foreground);
      x += 14 + draw_text (cr, style, name, x + 14, y, 400, FALSE) + 18;
    }
  set_rgba (cr, &style->dim);
  /* xgettext:no-c-format */
  draw_text (cr, style, _("Pass rate with its 95% interval, one line per variant, the baseline on "
                          "top · ▲▼ significant"), 0, y + 20, 2000, FALSE);
}

char *
_errata_experiments_chart_describe (ErrataExperimentComparison *comparison)
{
  GString *text = g_string_new (NULL);

  for (guint series = 0; series < n_series (comparison); series++)
    {
      if (series > 0)
        g_string_append_c (text, '\n');
      if (series == 0)
        /* Translators: the chart's description, one line per series. */
        g_string_append_printf (text, _("%s (baseline): top line of each row"),
                                series_name (comparison, 0));
      else
        /* Translators: the chart's description: "v2: line 2 of each row". */
        g_string_append_printf (text, _("%s: line %u of each row"),
                                series_name (comparison, series), series + 1);
    }
  return g_string_free (text, FALSE);
}

void
_errata_experiments_chart_draw (GtkDrawingArea *area,
                                cairo_t        *cr,
                                int             width,
                                int             height,
                                gpointer        user_data)
{
  ErrataExperimentsPage *self = user_data;
  ErrataExperimentComparison *comparison = self->comparison;
  ErrataExperimentCandidate *first;
  ErrataChartStyle style;
  double label_width = MIN (LABEL_WIDTH, width * 0.3);
  double x0 = label_width + 12, plot_width = width - x0 - RIGHT;
  double bottom, step;

  if (comparison == NULL || comparison->candidates->len == 0 || plot_width < 40)
    return;
  first = candidate_at (comparison, 0);
  errata_chart_style_init_from_widget (&style, GTK_WIDGET (area));
  step = row_height (comparison);
  bottom = TOP + step * first->rows->len;
  draw_axis (cr, &style, x0, plot_width, bottom);
  for (guint r = 0; r < first->rows->len; r++)
    {
      ErrataExperimentRow *row = g_ptr_array_index (first->rows, r);
      double y = TOP + step * r + (step - LINE_GAP * (n_series (comparison) - 1)) / 2;

      set_rgba (cr, &style.foreground);
      draw_text (cr, &style, row->target == ERRATA_TARGET_OVERALL ? _("Overall") : row->target_name, 0,
                 TOP + step * r + step / 2, label_width, FALSE);
      set_rgba (cr, &style.second);
      draw_rate (cr, &row->baseline, x0, plot_width, y);
      for (guint c = 0; c < comparison->candidates->len; c++)
        {
          ErrataExperimentRow *own = matching_row (candidate_at (comparison, c), row);

          if (own != NULL)
            draw_candidate (cr, &style, comparison, GTK_WIDGET (area), c + 1, own, x0,
                            plot_width, y + LINE_GAP * (c + 1), width);
        }
    }
  draw_legend (cr, &style, comparison, GTK_WIDGET (area), bottom);
}
