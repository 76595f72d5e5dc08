/* errata-chart-private.h: what the charts of this folder draw with.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "errata-chart-style.h"

G_BEGIN_DECLS

/* Radius of a marker, and how far from its centre the pointer still
 * finds it. */
#define ERRATA_CHART_MARKER_RADIUS 4.5
#define ERRATA_CHART_HIT_RADIUS    9.0

typedef enum
{
  ERRATA_CHART_MARKER_CIRCLE,
  ERRATA_CHART_MARKER_DIAMOND,
} ErrataChartMarker;

/* One drawing: the cairo context, the style and a Pango context made for
 * that cairo context once (a layout per label would make one each). */
typedef struct
{
  cairo_t                *cr;
  const ErrataChartStyle *style;
  PangoContext           *pango;
  PangoFontDescription   *font;
} ErrataChartPen;

void         _errata_chart_pen_init     (ErrataChartPen        *pen,
                                         cairo_t               *cr,
                                         const ErrataChartStyle *style);
/* A pen that only measures text (cr is NULL): for layouts computed
 * without drawing, which the drawing then uses too. */
void         _errata_chart_pen_init_measure (ErrataChartPen    *pen,
                                             const ErrataChartStyle *style);
void         _errata_chart_pen_clear    (ErrataChartPen        *pen);

/* The middle of the pixel at or left of `v`: a 1 px line there is crisp. */
double       _errata_chart_crisp        (double                 v);
void         _errata_chart_set_source   (cairo_t               *cr,
                                         const ErrataChartRgba *rgba);

PangoLayout *_errata_chart_text_layout  (ErrataChartPen        *pen,
                                         const char            *text);
/* Width and height of `text` in the chart's font, in pixels. */
void         _errata_chart_text_size    (ErrataChartPen        *pen,
                                         const char            *text,
                                         double                *width,
                                         double                *height);
/* Draws `text` with its box at x - width · x_align, y - height · y_align. */
void         _errata_chart_draw_text    (ErrataChartPen        *pen,
                                         const char            *text,
                                         double                 x,
                                         double                 y,
                                         double                 x_align,
                                         double                 y_align,
                                         const ErrataChartRgba *colour);

void         _errata_chart_hline        (cairo_t               *cr,
                                         double                 x0,
                                         double                 x1,
                                         double                 y,
                                         const ErrataChartRgba *colour);
void         _errata_chart_vline        (cairo_t               *cr,
                                         double                 x,
                                         double                 y0,
                                         double                 y1,
                                         const ErrataChartRgba *colour);
/* A filled marker, or a hollow ring for `filled` FALSE. */
void         _errata_chart_marker       (cairo_t               *cr,
                                         ErrataChartMarker      shape,
                                         double                 x,
                                         double                 y,
                                         gboolean               filled,
                                         const ErrataChartRgba *colour);

/* "82%" for 0.82 with 0 decimals. */
char        *_errata_chart_percent      (double                 fraction,
                                         int                    decimals);
/* "70–90%" for 0.7, 0.9: the sign once, at the end. */
char        *_errata_chart_percent_range (double                lo,
                                          double                hi,
                                          int                   decimals);

G_END_DECLS
