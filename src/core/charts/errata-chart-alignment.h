/* errata-chart-alignment.h: a judge's TPR and TNR on dev, version by
 * version, with their 95% intervals, and its one look at test apart.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "errata-alignment.h"
#include "errata-chart-style.h"

G_BEGIN_DECLS

/* One run of one version of a judge. Rates and bounds are fractions in
 * 0..1. A rate that is not defined (no trace a person passed: no TPR;
 * none a person failed: no TNR) has its _defined FALSE and is left out
 * of the chart, never drawn as 0. n: the labelled traces of the run. */
typedef struct
{
  guint    version;
  double   tpr, tpr_lo, tpr_hi;
  double   tnr, tnr_lo, tnr_hi;
  gboolean tpr_defined, tnr_defined;
  guint    n;
} ErrataAlignmentPoint;

/* The point of `version` from its alignment (errata_alignment_from_confusion()
 * or errata_eval_metrics_compute()): a rate is defined when the
 * alignment says so; n is the traces in its confusion matrix. */
void     errata_alignment_point_init     (ErrataAlignmentPoint             *point,
                                          guint                             version,
                                          const ErrataAlignment            *alignment);

/* Where things are for a chart of a given size; the drawing and the hit
 * test both place every marker from it. Coordinates in pixels from the
 * top left corner of the chart. */
typedef struct
{
  double   plot_x;
  double   plot_y;
  double   plot_width;
  double   plot_height;
  double   slot_width;      /* room of one version along x */
  double   slots_x;         /* left edge of the first version's slot */
  double   series_offset;   /* TPR sits this far left of its slot's middle, TNR right */
  double   separator_x;     /* between the dev runs and the test point (when there is one) */
  guint    n_points;
  gboolean has_test;
} ErrataChartAlignmentLayout;

void     errata_chart_alignment_layout   (double                            width,
                                          double                            height,
                                          guint                             n_points,
                                          gboolean                          has_test,
                                          ErrataChartAlignmentLayout       *layout);
/* The x of a marker's centre (in the middle of a pixel, so its whisker
 * is crisp): dev point `index`, or the test point when `is_test`. */
double   errata_chart_alignment_marker_x (const ErrataChartAlignmentLayout *layout,
                                          guint                             index,
                                          gboolean                          is_test,
                                          gboolean                          is_tnr);
/* The y of a rate (0..1; clamped) on the plot. */
double   errata_chart_alignment_rate_y   (const ErrataChartAlignmentLayout *layout,
                                          double                            rate);

/* Draws the chart in the rectangle 0, 0, width, height of `cr`.
 * `test` (nullable) is drawn apart, right of the dev runs. */
void     errata_chart_alignment_draw     (cairo_t                          *cr,
                                          double                            width,
                                          double                            height,
                                          const ErrataChartStyle           *style,
                                          const ErrataAlignmentPoint       *points,
                                          guint                             n_points,
                                          const ErrataAlignmentPoint       *test);
/* The marker (with its whisker) at x, y, if any: dev point `index`, or
 * the test point (`is_test`; `index` 0), TNR or TPR. Out arguments may
 * be NULL. */
gboolean errata_chart_alignment_hit      (double                            width,
                                          double                            height,
                                          const ErrataAlignmentPoint       *points,
                                          guint                             n_points,
                                          const ErrataAlignmentPoint       *test,
                                          double                            x,
                                          double                            y,
                                          guint                            *index,
                                          gboolean                         *is_test,
                                          gboolean                         *is_tnr);

/* Plain text for a tooltip or a screen reader.
 * "v3: TPR 82% (95% interval 70–90%), TNR 91% (84–95%)", or with
 * "test, " in front for the test point. */
char    *errata_chart_alignment_dup_point_text  (const ErrataAlignmentPoint *point,
                                                 gboolean                    is_test);
/* One marker: its rate, interval and traces, and what the rate means. */
char    *errata_chart_alignment_dup_marker_text (const ErrataAlignmentPoint *point,
                                                 gboolean                    is_test,
                                                 gboolean                    is_tnr);
/* The whole chart: every point's text, in order, the test point last. */
char    *errata_chart_alignment_dup_description (const ErrataAlignmentPoint *points,
                                                 guint                       n_points,
                                                 const ErrataAlignmentPoint *test);

G_END_DECLS
