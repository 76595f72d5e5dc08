/* errata-experiments-page-chart.c: the comparison as a chart: per failure
 * mode and overall, the baseline's and the candidate's pass rate with
 * their 95% intervals on a 0–100% axis. A significant difference colours
 * the candidate (success when better, error when worse) and is marked
 * with ▲ or ▼, so the direction does not rest on colour alone.
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

#define LABEL_WIDTH 240.0
#define ROW_HEIGHT  44.0
#define TOP         24.0
#define RIGHT       48.0

static void
set_rgba (cairo_t               *cr,
          const ErrataChartRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

static void
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

static void
draw_legend (cairo_t                    *cr,
             const ErrataChartStyle     *style,
             ErrataExperimentComparison *comparison,
             ErrataExperimentCandidate  *candidate,
             double                      bottom)
{
  /* Translators: the chart's legend: "● baseline (upper)  ● candidate (lower) · pass rate, 95% interval". */
  g_autofree char *legend = g_strdup_printf (_("Upper: %s · lower: %s · pass rate with its 95%% "
                                               "interval · ▲▼ significant"),
                                             comparison->baseline, candidate->name);

  set_rgba (cr, &style->dim);
  draw_text (cr, style, legend, 0, bottom + 14, 2000, FALSE);
}

void
_errata_experiments_chart_draw (GtkDrawingArea *area,
                                cairo_t        *cr,
                                int             width,
                                int             height,
                                gpointer        user_data)
{
  ErrataExperimentsPage *self = user_data;
  ErrataExperimentCandidate *candidate;
  ErrataChartStyle style;
  double label_width = MIN (LABEL_WIDTH, width * 0.3);
  double x0 = label_width + 12, plot_width = width - x0 - RIGHT;
  double bottom;

  if (self->comparison == NULL || self->comparison->candidates->len == 0 || plot_width < 40)
    return;
  candidate = g_ptr_array_index (self->comparison->candidates, 0);
  errata_chart_style_init_from_widget (&style, GTK_WIDGET (area));
  bottom = TOP + ROW_HEIGHT * candidate->rows->len;
  draw_axis (cr, &style, x0, plot_width, bottom);
  for (guint r = 0; r < candidate->rows->len; r++)
    {
      ErrataExperimentRow *row = g_ptr_array_index (candidate->rows, r);
      double y = TOP + ROW_HEIGHT * r + ROW_HEIGHT / 2;
      const char *mark = row->direction == ERRATA_EXPERIMENT_BETTER ? "▲"
                         : row->direction == ERRATA_EXPERIMENT_WORSE ? "▼" : NULL;

      set_rgba (cr, &style.foreground);
      draw_text (cr, &style, row->evaluator_id == 0 ? _("Overall") : row->target_name, 0, y,
                 label_width, FALSE);
      set_rgba (cr, &style.second);
      draw_rate (cr, &row->baseline, x0, plot_width, y - 7);
      set_rgba (cr, row->direction == ERRATA_EXPERIMENT_BETTER ? &style.success
                    : row->direction == ERRATA_EXPERIMENT_WORSE ? &style.error : &style.first);
      draw_rate (cr, &row->candidate, x0, plot_width, y + 7);
      if (mark != NULL)
        draw_text (cr, &style, mark, width - RIGHT + 8, y + 7, RIGHT, FALSE);
    }
  draw_legend (cr, &style, self->comparison, candidate, bottom);
}
