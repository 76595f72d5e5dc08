/* errata-chart-saturation.c
 *
 * A step line (the count of modes only changes at a review) over a faint
 * fill, grid lines at whole counts, and the quiet tail shaded in the
 * success colour when the last reviews found nothing new.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-chart-saturation.h"
#include "errata-chart-private.h"

#include <math.h>

#define PAD_TOP    8.0
#define PAD_RIGHT  10.0
#define TICK_GAP   6.0
#define SWATCH     10.0

static guint
curve_max (const guint *curve,
           guint        n)
{
  guint max = 0;

  for (guint i = 0; i < n; i++)
    max = MAX (max, curve[i]);
  return max;
}

/* The legend of the shaded band: only drawn with the band. */
static char *
legend_text (guint window)
{
  /* Translators: the legend of the saturation chart's shaded band. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "No new failure mode in the last %u review",
                                       "No new failure mode in the last %u reviews",
                                       window), window);
}

void
errata_chart_saturation_layout (double                       width,
                                double                       height,
                                const ErrataChartStyle      *style,
                                const guint                 *curve,
                                guint                        n,
                                guint                        window,
                                ErrataChartSaturationLayout *layout)
{
  g_autofree char *top = NULL;
  ErrataChartPen pen;
  double label_w, label_h;

  g_return_if_fail (style != NULL);
  g_return_if_fail (curve != NULL || n == 0);
  g_return_if_fail (layout != NULL);

  layout->n = n;
  /* Headroom above the curve, so that a flat top is not lost in the frame. */
  layout->y_max = curve_max (curve, n) + 1;
  top = g_strdup_printf ("%u", layout->y_max);
  _errata_chart_pen_init_measure (&pen, style);
  _errata_chart_text_size (&pen, top, &label_w, &label_h);
  _errata_chart_pen_clear (&pen);
  layout->plot_x = label_w + TICK_GAP;
  layout->legend_y = PAD_TOP / 2;
  layout->plot_y = PAD_TOP;
  /* The legend takes a line above the plot when the band is drawn. */
  layout->has_legend = errata_chart_saturation_tail_is_flat (curve, n, window);
  if (layout->has_legend)
    layout->plot_y += MAX (label_h, SWATCH) + TICK_GAP;
  layout->plot_width = MAX (width - layout->plot_x - PAD_RIGHT, 1);
  layout->plot_height = MAX (height - layout->plot_y - label_h - TICK_GAP, 1);
}

double
errata_chart_saturation_x (const ErrataChartSaturationLayout *layout,
                           double                             reviews)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->plot_x + layout->plot_width * reviews / MAX (layout->n, 1);
}

double
errata_chart_saturation_y (const ErrataChartSaturationLayout *layout,
                           double                             modes)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->plot_y + layout->plot_height * (1.0 - modes / layout->y_max);
}

gboolean
errata_chart_saturation_tail_is_flat (const guint *curve,
                                      guint        n,
                                      guint        window)
{
  g_return_val_if_fail (curve != NULL || n == 0, FALSE);

  /* A curve flat at zero has found nothing to saturate. */
  return window > 0 && n > window && curve[n - 1] > 0 && curve[n - 1] == curve[n - 1 - window];
}

/* ---- drawing ------------------------------------------------------------ */

static void
draw_grid (ErrataChartPen                    *pen,
           const ErrataChartSaturationLayout *layout)
{
  guint step = layout->y_max <= 6 ? 1 : (layout->y_max + 3) / 4;
  g_autofree char *n_text = g_strdup_printf ("%u", layout->n);
  double bottom = layout->plot_y + layout->plot_height;
  double right = layout->plot_x + layout->plot_width;

  for (guint v = 0; v <= layout->y_max; v += step)
    {
      g_autofree char *text = g_strdup_printf ("%u", v);
      double y = round (errata_chart_saturation_y (layout, v));

      _errata_chart_hline (pen->cr, layout->plot_x, right, y + 0.5, &pen->style->grid);
      _errata_chart_draw_text (pen, text, layout->plot_x - TICK_GAP, y + 0.5, 1.0, 0.5,
                               &pen->style->dim);
    }
  _errata_chart_draw_text (pen, "0", layout->plot_x, bottom + TICK_GAP / 2, 0.0, 0.0, &pen->style->dim);
  _errata_chart_draw_text (pen, n_text, right, bottom + TICK_GAP / 2, 1.0, 0.0, &pen->style->dim);
  /* Translators: the x axis of the saturation chart. */
  _errata_chart_draw_text (pen, _("traces reviewed"), layout->plot_x + layout->plot_width / 2,
                           bottom + TICK_GAP / 2, 0.5, 0.0, &pen->style->dim);
}

static void
trace_curve (cairo_t                           *cr,
             const ErrataChartSaturationLayout *layout,
             const guint                       *curve)
{
  guint previous = 0;

  cairo_move_to (cr, errata_chart_saturation_x (layout, 0), errata_chart_saturation_y (layout, 0));
  for (guint i = 0; i < layout->n; i++)
    {
      if (curve[i] != previous)
        cairo_line_to (cr, errata_chart_saturation_x (layout, i), errata_chart_saturation_y (layout, curve[i]));
      cairo_line_to (cr, errata_chart_saturation_x (layout, i + 1), errata_chart_saturation_y (layout, curve[i]));
      previous = curve[i];
    }
}

static void
draw_curve (ErrataChartPen                    *pen,
            const ErrataChartSaturationLayout *layout,
            const guint                       *curve)
{
  cairo_t *cr = pen->cr;
  ErrataChartRgba fill = pen->style->first;
  double bottom = layout->plot_y + layout->plot_height;

  cairo_save (cr);
  trace_curve (cr, layout, curve);
  cairo_line_to (cr, errata_chart_saturation_x (layout, layout->n), bottom);
  cairo_line_to (cr, errata_chart_saturation_x (layout, 0), bottom);
  cairo_close_path (cr);
  fill.alpha *= 0.10;
  _errata_chart_set_source (cr, &fill);
  cairo_fill (cr);

  trace_curve (cr, layout, curve);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  _errata_chart_set_source (cr, &pen->style->first);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The quiet tail: the reviews that found nothing new. */
static void
draw_tail (ErrataChartPen                    *pen,
           const ErrataChartSaturationLayout *layout,
           guint                              window)
{
  ErrataChartRgba success = pen->style->success;
  double x0 = errata_chart_saturation_x (layout, layout->n - window);

  cairo_save (pen->cr);
  success.alpha *= 0.10;
  _errata_chart_set_source (pen->cr, &success);
  cairo_rectangle (pen->cr, x0, layout->plot_y, layout->plot_x + layout->plot_width - x0,
                   layout->plot_height);
  cairo_fill (pen->cr);
  cairo_restore (pen->cr);
  success.alpha *= 6;
  _errata_chart_vline (pen->cr, round (x0) + 0.5, layout->plot_y, layout->plot_y + layout->plot_height,
                       &success);
}

/* A swatch of the band's colours and what the band means. */
static void
draw_legend (ErrataChartPen                    *pen,
             const ErrataChartSaturationLayout *layout,
             guint                              window)
{
  g_autofree char *text = legend_text (window);
  ErrataChartRgba fill = pen->style->success;
  ErrataChartRgba edge = pen->style->success;
  double x = layout->plot_x;
  double y = layout->legend_y;
  double text_w, text_h;

  _errata_chart_text_size (pen, text, &text_w, &text_h);
  y += (MAX (text_h, SWATCH) - SWATCH) / 2;
  cairo_save (pen->cr);
  fill.alpha *= 0.25;
  _errata_chart_set_source (pen->cr, &fill);
  cairo_rectangle (pen->cr, x, y, SWATCH, SWATCH);
  cairo_fill_preserve (pen->cr);
  edge.alpha *= 0.6;
  _errata_chart_set_source (pen->cr, &edge);
  cairo_set_line_width (pen->cr, 1.0);
  cairo_stroke (pen->cr);
  cairo_restore (pen->cr);
  _errata_chart_draw_text (pen, text, x + SWATCH + TICK_GAP, y + SWATCH / 2, 0.0, 0.5,
                           &pen->style->dim);
}

char *
errata_chart_saturation_hint (const guint *curve,
                              guint        n,
                              guint        window,
                              gboolean    *saturated)
{
  guint since = 0;

  g_return_val_if_fail (curve != NULL || n == 0, NULL);

  if (saturated != NULL)
    *saturated = FALSE;
  if (n == 0)
    return g_strdup (_("No reviews yet: review traces and sort their notes into failure modes "
                       "to see the curve rise."));
  if (curve[n - 1] == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u trace reviewed, but none of its notes is in a "
                                         "failure mode yet: sort notes from Unsorted into "
                                         "failure modes and the curve rises.",
                                         "%u traces reviewed, but none of their notes is in a "
                                         "failure mode yet: sort notes from Unsorted into "
                                         "failure modes and the curve rises.", n), n);
  if (errata_chart_saturation_tail_is_flat (curve, n, window))
    {
      if (saturated != NULL)
        *saturated = TRUE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The last %u review brought no new failure mode — "
                                           "you can stop reviewing.",
                                           "The last %u reviews brought no new failure mode — "
                                           "you can stop reviewing.", window), window);
    }
  while (since + 1 < n && curve[n - 1 - since] == curve[n - 2 - since])
    since++;
  if (since == 0)
    return g_strdup (_("Keep reviewing: the last review brought a new failure mode."));
  if (n <= window)
    /* Translators: reviews since the last new mode, then the window (20),
     * then how many traces are reviewed so far. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Keep reviewing: the last new failure mode came %u "
                                         "review ago; saturation shows after %u reviews without "
                                         "one (%u reviewed so far).",
                                         "Keep reviewing: the last new failure mode came %u "
                                         "reviews ago; saturation shows after %u reviews "
                                         "without one (%u reviewed so far).", since),
                            since, window, n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Keep reviewing: the last new failure mode came %u "
                                       "review ago.",
                                       "Keep reviewing: the last new failure mode came %u "
                                       "reviews ago.", since), since);
}

void
errata_chart_saturation_draw (cairo_t                *cr,
                              double                  width,
                              double                  height,
                              const ErrataChartStyle *style,
                              const guint            *curve,
                              guint                   n,
                              guint                   window)
{
  ErrataChartSaturationLayout layout;
  ErrataChartPen pen;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (curve != NULL || n == 0);

  cairo_save (cr);
  _errata_chart_pen_init (&pen, cr, style);
  if (n == 0)
    _errata_chart_draw_text (&pen, _("No reviews yet"), width / 2.0, height / 2.0, 0.5, 0.5,
                             &style->dim);
  else
    {
      errata_chart_saturation_layout (width, height, style, curve, n, window, &layout);
      if (layout.has_legend)
        {
          draw_tail (&pen, &layout, window);
          draw_legend (&pen, &layout, window);
        }
      draw_grid (&pen, &layout);
      draw_curve (&pen, &layout, curve);
    }
  _errata_chart_pen_clear (&pen);
  cairo_restore (cr);
}
