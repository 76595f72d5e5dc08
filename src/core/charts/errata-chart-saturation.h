/* errata-chart-saturation.h: distinct failure modes against traces
 * reviewed, in review order; flat at the end means stop reviewing.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "errata-chart-style.h"

G_BEGIN_DECLS

/* Where things are for a chart of a given size, style and curve; pixels
 * from the chart's top left corner. The y axis runs from 0 to y_max (one
 * above the curve's top), the x axis from 0 to n reviews. */
typedef struct
{
  double plot_x;
  double plot_y;
  double plot_width;
  double plot_height;
  guint  y_max;
  guint  n;
  /* The legend of the shaded band, above the plot, when there is one. */
  gboolean has_legend;
  double   legend_y;
} ErrataChartSaturationLayout;

/* The plot leaves room for the y labels (measured in `style`'s font) on
 * the left, the x labels below and, when the last `window` reviews are
 * shaded, the legend of the shade above. */
void     errata_chart_saturation_layout   (double                             width,
                                           double                             height,
                                           const ErrataChartStyle            *style,
                                           const guint                       *curve,
                                           guint                              n,
                                           guint                              window,
                                           ErrataChartSaturationLayout       *layout);
/* Where `reviews` (0..n) and `modes` (0..y_max) fall. */
double   errata_chart_saturation_x        (const ErrataChartSaturationLayout *layout,
                                           double                             reviews);
double   errata_chart_saturation_y        (const ErrataChartSaturationLayout *layout,
                                           double                             modes);
/* TRUE when the last `window` reviews found no new mode (and there were
 * more than `window`, and some mode at all): the chart shades them. */
gboolean errata_chart_saturation_tail_is_flat (const guint                   *curve,
                                               guint                          n,
                                               guint                          window);

/* What the curve says, in a sentence true for its numbers: no reviews,
 * reviews without sorted notes, saturated (*saturated TRUE), or how long
 * ago the last new mode came. */
char    *errata_chart_saturation_hint     (const guint                       *curve,
                                           guint                              n,
                                           guint                              window,
                                           gboolean                          *saturated);

/* `curve[i]`: distinct modes after review i + 1 (as from
 * errata_taxonomy_saturation()). */
void     errata_chart_saturation_draw     (cairo_t                           *cr,
                                           double                             width,
                                           double                             height,
                                           const ErrataChartStyle            *style,
                                           const guint                       *curve,
                                           guint                              n,
                                           guint                              window);

G_END_DECLS
