/* errata-report-chart.h: the failure modes as bars, most frequent first:
 * each mode's share of the reviewed traces with its 95% interval as a
 * whisker. Drawn with cairo and Pango only: the Report page wraps it in a
 * widget, the exports draw it on SVG and PDF surfaces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "errata-chart-style.h"
#include "errata-report.h"

G_BEGIN_DECLS

#define ERRATA_REPORT_CHART_ROW_HEIGHT 28.0

/* The height the chart needs for the report's modes. */
double   errata_report_chart_modes_height  (const ErrataReport     *report);
void     errata_report_chart_modes_draw    (cairo_t                *cr,
                                            double                  width,
                                            double                  height,
                                            const ErrataChartStyle *style,
                                            const ErrataReport     *report);
/* The mode whose row holds y, or -1. */
int      errata_report_chart_modes_hit     (const ErrataReport     *report,
                                            double                  y);
/* For a screen reader or an alt text: each mode's name, share and interval. */
char    *errata_report_chart_modes_dup_description (const ErrataReport *report);

G_END_DECLS

G_BEGIN_DECLS

/* The report's charts as ErrataReportDrawFunc-shaped calls in Adwaita's
 * light style, for the exports: `data` is the ErrataReport (modes,
 * saturation) or the ErrataReportMode (its corrected rate). */
void     errata_report_chart_draw_modes      (cairo_t  *cr,
                                              double    width,
                                              double    height,
                                              gpointer  report);
void     errata_report_chart_draw_saturation (cairo_t  *cr,
                                              double    width,
                                              double    height,
                                              gpointer  report);
void     errata_report_chart_draw_corrected  (cairo_t  *cr,
                                              double    width,
                                              double    height,
                                              gpointer  mode);
/* `judge`'s TPR and TNR on test with their intervals (the Evaluators
 * page's alignment chart, its test point alone); drawn in `style`. */
void     errata_report_chart_judge_draw      (cairo_t                 *cr,
                                              double                   width,
                                              double                   height,
                                              const ErrataChartStyle  *style,
                                              const ErrataReportJudge *judge);
char    *errata_report_chart_judge_dup_description (const ErrataReportJudge *judge);
void     errata_report_chart_draw_judge      (cairo_t  *cr,
                                              double    width,
                                              double    height,
                                              gpointer  judge);
void     errata_report_chart_export_style    (ErrataChartStyle *style);

G_END_DECLS
