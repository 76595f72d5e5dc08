/* errata-report-chart.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* The charts folder's pen, text and line helpers: the same type and
 * lines as the other charts of the report. */
#include "errata-chart-private.h"
#include "errata-chart-alignment.h"
#include "errata-chart-interval.h"
#include "errata-chart-saturation.h"
#include "errata-report-text.h"

#define AXIS_HEIGHT 22.0
#define GAP         8.0
#define BAR_HEIGHT  12.0

double
errata_report_chart_modes_height (const ErrataReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->modes->len * ERRATA_REPORT_CHART_ROW_HEIGHT + AXIS_HEIGHT;
}

int
errata_report_chart_modes_hit (const ErrataReport *report,
                               double              y)
{
  int row;

  g_return_val_if_fail (report != NULL, -1);

  if (y < 0)
    return -1;
  row = (int)(y / ERRATA_REPORT_CHART_ROW_HEIGHT);
  return row < (int)report->modes->len ? row : -1;
}

/* The names take what they need, up to 40% of the width. */
static double
label_width (ErrataChartPen     *pen,
             const ErrataReport *report,
             double              width)
{
  double widest = 0;

  for (guint i = 0; i < report->modes->len; i++)
    {
      const ErrataReportMode *mode = report->modes->pdata[i];
      double w;

      _errata_chart_text_size (pen, mode->name, &w, NULL);
      widest = MAX (widest, w);
    }
  return MIN (widest, width * 0.4);
}

static void
draw_name (ErrataChartPen *pen,
           const char     *name,
           double          max_width,
           double          y)
{
  g_autoptr(PangoLayout) layout = _errata_chart_text_layout (pen, name);
  int h;

  pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, NULL, &h);
  _errata_chart_set_source (pen->cr, &pen->style->foreground);
  cairo_move_to (pen->cr, 0, round (y - h / 2.0));
  pango_cairo_show_layout (pen->cr, layout);
}

static void
draw_axis (ErrataChartPen *pen,
           double          x0,
           double          plot_width,
           double          top,
           double          bottom)
{
  /* Quarters where they fit, halves where they would touch. */
  int step = plot_width < 220 ? 2 : 1;

  for (int tick = 0; tick <= 4; tick += step)
    {
      double x = _errata_chart_crisp (x0 + plot_width * tick / 4.0);
      g_autofree char *text = _errata_chart_percent (tick / 4.0, 0);

      _errata_chart_vline (pen->cr, x, top, bottom, &pen->style->grid);
      _errata_chart_draw_text (pen, text, x, bottom + 3, tick == 0 ? 0.0 : tick == 4 ? 1.0 : 0.5,
                               0.0, &pen->style->dim);
    }
}

static void
draw_row (ErrataChartPen         *pen,
          const ErrataReportMode *mode,
          double                  x0,
          double                  plot_width,
          double                  y)
{
  cairo_t *cr = pen->cr;
  double lo = x0 + plot_width * CLAMP (mode->interval.lower, 0, 1);
  double hi = x0 + plot_width * CLAMP (mode->interval.upper, 0, 1);
  g_autofree char *value = errata_report_format_percent (mode->share);
  ErrataChartRgba bar = pen->style->first;

  bar.alpha *= 0.75;
  _errata_chart_set_source (cr, &bar);
  cairo_rectangle (cr, x0, y - BAR_HEIGHT / 2, plot_width * CLAMP (mode->share, 0, 1), BAR_HEIGHT);
  cairo_fill (cr);
  if (isfinite (mode->interval.lower) && isfinite (mode->interval.upper))
    {
      _errata_chart_hline (cr, lo, hi, _errata_chart_crisp (y), &pen->style->foreground);
      _errata_chart_vline (cr, _errata_chart_crisp (lo), y - 5, y + 5, &pen->style->foreground);
      _errata_chart_vline (cr, _errata_chart_crisp (hi), y - 5, y + 5, &pen->style->foreground);
    }
  _errata_chart_draw_text (pen, value, x0 + plot_width + GAP, y, 0.0, 0.5,
                           &pen->style->foreground);
}

/* The widest share as the rows write it, in the locale's format: German
 * writes "100 %", wider than the "100%" this room was once measured for. */
static double
widest_value (ErrataChartPen     *pen,
              const ErrataReport *report)
{
  g_autofree char *full = errata_report_format_percent (1.0);
  double widest = 0;

  _errata_chart_text_size (pen, full, &widest, NULL);
  for (guint i = 0; i < report->modes->len; i++)
    {
      const ErrataReportMode *mode = report->modes->pdata[i];
      g_autofree char *value = errata_report_format_percent (mode->share);
      double w;

      _errata_chart_text_size (pen, value, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

void
errata_report_chart_modes_draw (cairo_t                *cr,
                                double                  width,
                                double                  height,
                                const ErrataChartStyle *style,
                                const ErrataReport     *report)
{
  ErrataChartPen pen;
  double names, value_width, x0, plot_width, bottom;

  g_return_if_fail (cr != NULL && style != NULL && report != NULL);

  _errata_chart_pen_init (&pen, cr, style);
  names = label_width (&pen, report, width);
  value_width = widest_value (&pen, report);
  x0 = names + GAP * 1.5;
  plot_width = MAX (20.0, width - x0 - value_width - GAP * 2);
  bottom = MIN (height - AXIS_HEIGHT, report->modes->len * ERRATA_REPORT_CHART_ROW_HEIGHT);
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  draw_axis (&pen, x0, plot_width, 0, bottom);
  for (guint i = 0; i < report->modes->len; i++)
    {
      double y = (i + 0.5) * ERRATA_REPORT_CHART_ROW_HEIGHT;

      draw_name (&pen, ((ErrataReportMode *)report->modes->pdata[i])->name, names, y);
      draw_row (&pen, report->modes->pdata[i], x0, plot_width, y);
    }
  cairo_restore (cr);
  _errata_chart_pen_clear (&pen);
}

char *
errata_report_chart_modes_dup_description (const ErrataReport *report)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->modes->len; i++)
    {
      const ErrataReportMode *mode = report->modes->pdata[i];
      g_autofree char *share = errata_report_dup_mode_share (mode);

      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: a failure mode and its share, "Wrong date: 58% (95% interval 32–81%)". */
      g_string_append_printf (text, _("%s: %s"), mode->name, share);
    }
  return g_string_free (text, FALSE);
}

void
errata_report_chart_export_style (ErrataChartStyle *style)
{
  errata_chart_style_init_light (style);
  errata_chart_style_set_font (style, "Cantarell 10");
  style->text_scale = 1.0;
}

void
errata_report_chart_draw_modes (cairo_t  *cr,
                                double    width,
                                double    height,
                                gpointer  report)
{
  ErrataChartStyle style;

  errata_report_chart_export_style (&style);
  errata_report_chart_modes_draw (cr, width, height, &style, report);
}

void
errata_report_chart_draw_saturation (cairo_t  *cr,
                                     double    width,
                                     double    height,
                                     gpointer  data)
{
  const ErrataReport *report = data;
  ErrataChartStyle style;

  errata_report_chart_export_style (&style);
  errata_chart_saturation_draw (cr, width, height, &style,
                                (const guint *)report->saturation->data, report->saturation->len,
                                ERRATA_REPORT_SATURATION_WINDOW);
}

void
errata_report_chart_draw_corrected (cairo_t  *cr,
                                    double    width,
                                    double    height,
                                    gpointer  data)
{
  const ErrataReportMode *mode = data;
  ErrataChartStyle style;

  errata_report_chart_export_style (&style);
  errata_chart_interval_draw (cr, width, height, &style, mode->observed, mode->corrected,
                              mode->corrected_interval.lower, mode->corrected_interval.upper);
}

static void
judge_point (const ErrataReportJudge *judge,
             ErrataAlignmentPoint    *point)
{
  *point = (ErrataAlignmentPoint) {
    .version = judge->version,
    .tpr = judge->tpr, .tpr_lo = judge->tpr_interval.lower, .tpr_hi = judge->tpr_interval.upper,
    .tnr = judge->tnr, .tnr_lo = judge->tnr_interval.lower, .tnr_hi = judge->tnr_interval.upper,
    .tpr_defined = judge->tpr_defined, .tnr_defined = judge->tnr_defined,
    .n = judge->n_test,
  };
}

void
errata_report_chart_judge_draw (cairo_t                 *cr,
                                double                   width,
                                double                   height,
                                const ErrataChartStyle  *style,
                                const ErrataReportJudge *judge)
{
  ErrataAlignmentPoint point;

  g_return_if_fail (cr != NULL && style != NULL && judge != NULL);

  judge_point (judge, &point);
  errata_chart_alignment_draw (cr, width, height, style, NULL, 0, &point);
}

char *
errata_report_chart_judge_dup_description (const ErrataReportJudge *judge)
{
  ErrataAlignmentPoint point;

  g_return_val_if_fail (judge != NULL, NULL);

  judge_point (judge, &point);
  return errata_chart_alignment_dup_description (NULL, 0, &point);
}

void
errata_report_chart_draw_judge (cairo_t  *cr,
                                double    width,
                                double    height,
                                gpointer  judge)
{
  ErrataChartStyle style;

  errata_report_chart_export_style (&style);
  errata_report_chart_judge_draw (cr, width, height, &style, judge);
}
