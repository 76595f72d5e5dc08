/* errata-chart-interval.c
 *
 * Two rows over one axis: the raw rate (hollow, in the text colour) and
 * the corrected rate (filled, in the accent) on its 95% interval bar.
 * The axis always starts at 0, so a reader sees how large the rate is,
 * and ends at the next tenth above the largest value, so a rate of a few
 * percent is not a dot at the left edge.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-chart-interval.h"
#include "errata-chart-private.h"

#include <math.h>

#define PAD_LEFT     14.0   /* half of "0%" */
#define PAD_RIGHT    18.0   /* half of "100%" */
#define NATURAL_H    80.0
#define RAW_ROW      16.0
#define CORRECTED_ROW 40.0
#define AXIS_ROW     58.0
#define CAP_HALF     5.0
#define LABEL_GAP    8.0
#define TICK         4.0

static double
largest (double raw,
         double corrected,
         double lo,
         double hi)
{
  double m = 0;

  if (isfinite (raw))
    m = MAX (m, raw);
  if (isfinite (corrected))
    m = MAX (m, corrected);
  if (isfinite (lo))
    m = MAX (m, lo);
  if (isfinite (hi))
    m = MAX (m, hi);
  return m;
}

void
errata_chart_interval_layout (double                     width,
                              double                     height,
                              double                     raw,
                              double                     corrected,
                              double                     lo,
                              double                     hi,
                              ErrataChartIntervalLayout *layout)
{
  double top = MAX (0.0, (height - NATURAL_H) / 2);
  double m = largest (raw, corrected, lo, hi);

  g_return_if_fail (layout != NULL);

  layout->plot_x = PAD_LEFT;
  layout->plot_width = MAX (width - PAD_LEFT - PAD_RIGHT, 1.0);
  /* The next tenth strictly above: 12% gives 20%, 20% gives 30%, so the
   * largest value never sits on the end of the axis. */
  layout->upper = MIN (1.0, (floor (m * 10 + 1e-9) + 1) / 10);
  layout->raw_y = _errata_chart_crisp (top + RAW_ROW);
  layout->corrected_y = _errata_chart_crisp (top + CORRECTED_ROW);
  layout->axis_y = _errata_chart_crisp (top + AXIS_ROW);
}

double
errata_chart_interval_x (const ErrataChartIntervalLayout *layout,
                         double                           rate)
{
  g_return_val_if_fail (layout != NULL, 0);

  return _errata_chart_crisp (layout->plot_x +
                              layout->plot_width * CLAMP (rate, 0.0, layout->upper) / layout->upper);
}

/* ---- drawing ------------------------------------------------------------ */

/* The smallest round step whose labels do not touch, with at most six
 * of them: more are noise on a chart of two values. */
static double
tick_step (ErrataChartPen                  *pen,
           const ErrataChartIntervalLayout *layout)
{
  static const double steps[] = { 0.02, 0.05, 0.1, 0.2, 0.5, 1.0 };
  g_autofree char *widest = _errata_chart_percent (layout->upper, 0);
  double w;

  _errata_chart_text_size (pen, widest, &w, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double spacing = layout->plot_width * steps[i] / layout->upper;

      if (layout->upper / steps[i] <= 6.0 + 1e-9 && spacing >= w + LABEL_GAP)
        return steps[i];
    }
  return 1.0;
}

static void
draw_axis (ErrataChartPen                  *pen,
           const ErrataChartIntervalLayout *layout)
{
  double step = tick_step (pen, layout);
  double grid_top = layout->raw_y - RAW_ROW / 2 - 2;

  _errata_chart_hline (pen->cr, layout->plot_x, layout->plot_x + layout->plot_width + 1,
                       layout->axis_y, &pen->style->dim);
  for (guint k = 0; k * step <= layout->upper + 1e-9; k++)
    {
      g_autofree char *text = _errata_chart_percent (k * step, 0);
      double x = errata_chart_interval_x (layout, k * step);

      if (k > 0)
        _errata_chart_vline (pen->cr, x, grid_top, layout->axis_y, &pen->style->grid);
      _errata_chart_vline (pen->cr, x, layout->axis_y, layout->axis_y + TICK, &pen->style->dim);
      _errata_chart_draw_text (pen, text, x, layout->axis_y + TICK + 1, 0.5, 0.0,
                               &pen->style->dim);
    }
}

/* Right of the row's marks when it fits, else left of them, else the
 * short form, else the bare value wherever it fits (German's "korrigiert
 * 5,7 %" does not fit beside an interval from 0 to 80 % in the report's
 * card), else against the right edge. */
static void
draw_row_label (ErrataChartPen        *pen,
                double                 width,
                double                 left,
                double                 right,
                double                 y,
                const char            *text,
                const char            *short_text,
                const char            *value,
                const ErrataChartRgba *colour)
{
  const char *texts[] = { text, short_text, value };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      double w;

      _errata_chart_text_size (pen, texts[i], &w, NULL);
      if (right + LABEL_GAP + w <= width)
        {
          _errata_chart_draw_text (pen, texts[i], right + LABEL_GAP, y, 0.0, 0.5, colour);
          return;
        }
      if (left - LABEL_GAP - w >= 0)
        {
          _errata_chart_draw_text (pen, texts[i], left - LABEL_GAP, y, 1.0, 0.5, colour);
          return;
        }
    }
  _errata_chart_draw_text (pen, value, width, y, 1.0, 0.5, colour);
}

static void
draw_raw (ErrataChartPen                  *pen,
          const ErrataChartIntervalLayout *layout,
          double                           width,
          double                           raw)
{
  double x = errata_chart_interval_x (layout, raw);
  double r = ERRATA_CHART_MARKER_RADIUS;
  g_autofree char *value = _errata_chart_percent (raw, 1);
  /* Translators: the raw (observed) failure rate on the estimate chart. */
  g_autofree char *text = g_strdup_printf (_("raw %s"), value);

  _errata_chart_marker (pen->cr, ERRATA_CHART_MARKER_CIRCLE, x, layout->raw_y, FALSE,
                        &pen->style->foreground);
  draw_row_label (pen, width, x - r, x + r, layout->raw_y, text, text, value,
                  &pen->style->foreground);
}

static void
draw_corrected (ErrataChartPen                  *pen,
                const ErrataChartIntervalLayout *layout,
                double                           width,
                double                           corrected,
                double                           lo,
                double                           hi)
{
  const ErrataChartRgba *colour = &pen->style->first;
  double y = layout->corrected_y;
  double x_lo = errata_chart_interval_x (layout, isfinite (lo) ? MIN (lo, corrected) : corrected);
  double x_hi = errata_chart_interval_x (layout, isfinite (hi) ? MAX (hi, corrected) : corrected);
  g_autofree char *value = _errata_chart_percent (corrected, 1);
  g_autofree char *range = _errata_chart_percent_range (lo, hi, 1);
  /* Translators: the corrected failure rate and its 95% interval, on the
   * estimate chart: "corrected 7.4% (3.1–12.0%)". */
  g_autofree char *text = g_strdup_printf (_("corrected %s (%s)"), value, range);
  /* Translators: the same without the interval, where it has no room. */
  g_autofree char *short_text = g_strdup_printf (_("corrected %s"), value);

  cairo_save (pen->cr);
  cairo_set_line_width (pen->cr, 2.0);
  /* A 2 px bar is crisp on whole pixels. */
  cairo_move_to (pen->cr, x_lo, y - 0.5);
  cairo_line_to (pen->cr, x_hi, y - 0.5);
  _errata_chart_set_source (pen->cr, colour);
  cairo_stroke (pen->cr);
  cairo_restore (pen->cr);
  _errata_chart_vline (pen->cr, x_lo, y - CAP_HALF, y + CAP_HALF, colour);
  _errata_chart_vline (pen->cr, x_hi, y - CAP_HALF, y + CAP_HALF, colour);
  _errata_chart_marker (pen->cr, ERRATA_CHART_MARKER_CIRCLE, errata_chart_interval_x (layout, corrected),
                        y, TRUE, colour);
  draw_row_label (pen, width, x_lo - 1, x_hi + 1, y, isfinite (lo) && isfinite (hi) ? text : short_text,
                  short_text, value, colour);
}

void
errata_chart_interval_draw (cairo_t                *cr,
                            double                  width,
                            double                  height,
                            const ErrataChartStyle *style,
                            double                  raw,
                            double                  corrected,
                            double                  lo,
                            double                  hi)
{
  ErrataChartIntervalLayout layout;
  ErrataChartPen pen;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  errata_chart_interval_layout (width, height, raw, corrected, lo, hi, &layout);
  cairo_save (cr);
  _errata_chart_pen_init (&pen, cr, style);
  draw_axis (&pen, &layout);
  if (isfinite (corrected))
    draw_corrected (&pen, &layout, width, corrected, lo, hi);
  else
    _errata_chart_draw_text (&pen, _("No estimate yet"), layout.plot_x + layout.plot_width / 2,
                             (layout.raw_y + layout.corrected_y) / 2, 0.5, 0.5, &style->dim);
  if (isfinite (raw))
    draw_raw (&pen, &layout, width, raw);
  _errata_chart_pen_clear (&pen);
  cairo_restore (cr);
}

/* ---- hit test ----------------------------------------------------------- */

gboolean
errata_chart_interval_hit (double                   width,
                           double                   height,
                           double                   raw,
                           double                   corrected,
                           double                   lo,
                           double                   hi,
                           double                   x,
                           double                   y,
                           ErrataChartIntervalPart *part)
{
  ErrataChartIntervalLayout layout;
  ErrataChartIntervalPart found = ERRATA_CHART_INTERVAL_NONE;
  const double r = ERRATA_CHART_HIT_RADIUS;

  errata_chart_interval_layout (width, height, raw, corrected, lo, hi, &layout);
  if (isfinite (raw) && fabs (y - layout.raw_y) <= r &&
      fabs (x - errata_chart_interval_x (&layout, raw)) <= r)
    found = ERRATA_CHART_INTERVAL_RAW;
  else if (isfinite (corrected) && fabs (y - layout.corrected_y) <= r)
    {
      double x_lo = errata_chart_interval_x (&layout, isfinite (lo) ? MIN (lo, corrected) : corrected);
      double x_hi = errata_chart_interval_x (&layout, isfinite (hi) ? MAX (hi, corrected) : corrected);

      if (x >= x_lo - r && x <= x_hi + r)
        found = ERRATA_CHART_INTERVAL_CORRECTED;
    }
  if (part)
    *part = found;
  return found != ERRATA_CHART_INTERVAL_NONE;
}

/* ---- text --------------------------------------------------------------- */

static char *
corrected_text (double corrected,
                double lo,
                double hi)
{
  g_autofree char *value = _errata_chart_percent (corrected, 1);
  g_autofree char *range = NULL;

  if (!isfinite (lo) || !isfinite (hi))
    /* Translators: a failure rate corrected for the judge's errors. */
    return g_strdup_printf (_("Corrected failure rate %s"), value);
  range = _errata_chart_percent_range (lo, hi, 1);
  /* Translators: "Corrected failure rate 7.4% (95% interval 3.1–12.0%)". */
  return g_strdup_printf (_("Corrected failure rate %s (95%% interval %s)"), value, range);
}

char *
errata_chart_interval_dup_description (double raw,
                                       double corrected,
                                       double lo,
                                       double hi)
{
  g_autofree char *first = NULL, *raw_text = NULL;

  if (!isfinite (corrected))
    return g_strdup (_("No estimate yet"));
  first = corrected_text (corrected, lo, hi);
  if (!isfinite (raw))
    return g_steal_pointer (&first);
  raw_text = _errata_chart_percent (raw, 1);
  /* Translators: the corrected rate, then the rate the judge observed:
   * "Corrected failure rate 7.4% (95% interval 3.1–12.0%); raw (observed) 9.0%". */
  return g_strdup_printf (_("%s; raw (observed) %s"), first, raw_text);
}

char *
errata_chart_interval_dup_part_text (ErrataChartIntervalPart part,
                                     double                  raw,
                                     double                  corrected,
                                     double                  lo,
                                     double                  hi)
{
  g_autofree char *first = NULL;

  switch (part)
    {
    case ERRATA_CHART_INTERVAL_RAW:
      first = _errata_chart_percent (raw, 1);
      /* Translators: the raw rate's tooltip on the estimate chart. */
      return g_strdup_printf (_("Raw failure rate %s\nThe share of traces the judge failed, as it said"),
                              first);
    case ERRATA_CHART_INTERVAL_CORRECTED:
      first = corrected_text (corrected, lo, hi);
      /* Translators: the corrected rate's tooltip on the estimate chart. */
      return g_strdup_printf (_("%s\nThe judge's rate, corrected for the errors it makes on labelled traces"),
                              first);
    case ERRATA_CHART_INTERVAL_NONE:
    default:
      return NULL;
    }
}
