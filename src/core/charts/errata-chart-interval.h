/* errata-chart-interval.h: an estimated failure rate on a 0–100% axis:
 * the raw (observed) rate, and the corrected rate with its 95% interval.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "errata-chart-style.h"

G_BEGIN_DECLS

typedef enum
{
  ERRATA_CHART_INTERVAL_NONE,
  ERRATA_CHART_INTERVAL_RAW,
  ERRATA_CHART_INTERVAL_CORRECTED,
} ErrataChartIntervalPart;

/* Where things are for a chart of a given size and values; pixels from
 * the chart's top left corner. The axis runs from 0 at plot_x to `upper`
 * (a fraction: the next tenth above the largest value, at most 1) at
 * plot_x + plot_width. */
typedef struct
{
  double plot_x;
  double plot_width;
  double upper;
  double raw_y;         /* the raw rate's row */
  double corrected_y;   /* the corrected rate's row */
  double axis_y;
} ErrataChartIntervalLayout;

/* All rates are fractions in 0..1; a raw rate that is NAN is not drawn. */
void     errata_chart_interval_layout (double                           width,
                                       double                           height,
                                       double                           raw,
                                       double                           corrected,
                                       double                           lo,
                                       double                           hi,
                                       ErrataChartIntervalLayout       *layout);
/* The x of a rate (clamped to the axis), in the middle of a pixel. */
double   errata_chart_interval_x      (const ErrataChartIntervalLayout *layout,
                                       double                           rate);

void     errata_chart_interval_draw   (cairo_t                         *cr,
                                       double                           width,
                                       double                           height,
                                       const ErrataChartStyle          *style,
                                       double                           raw,
                                       double                           corrected,
                                       double                           lo,
                                       double                           hi);
/* What is at x, y: the raw marker, the corrected marker or its interval
 * bar, or nothing (FALSE, `part` set to NONE). `part` may be NULL. */
gboolean errata_chart_interval_hit    (double                           width,
                                       double                           height,
                                       double                           raw,
                                       double                           corrected,
                                       double                           lo,
                                       double                           hi,
                                       double                           x,
                                       double                           y,
                                       ErrataChartIntervalPart         *part);

/* Plain text for a tooltip or a screen reader:
 * "Corrected failure rate 7.4% (95% interval 3.1–12.0%); raw (observed) 9.0%". */
char    *errata_chart_interval_dup_description (double                  raw,
                                                double                  corrected,
                                                double                  lo,
                                                double                  hi);
/* One part, with what it means; NULL for NONE. */
char    *errata_chart_interval_dup_part_text   (ErrataChartIntervalPart part,
                                                double                  raw,
                                                double                  corrected,
                                                double                  lo,
                                                double                  hi);

G_END_DECLS
