/* errata-chart-style.h: the colours and font a chart is drawn with.
 *
 * The charts of src/core/charts draw on any cairo surface (a widget's
 * snapshot, an SVG or PDF file of the report) with no GTK: the widget
 * fills a style from its CSS, the report from the defaults below.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Components in 0..1, not premultiplied (as GdkRGBA, which has the same
 * layout, so a widget may copy one into the other field by field). */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} ErrataChartRgba;

#define ERRATA_CHART_FONT_MAX 128

/* foreground: values and legend text; dim: axis labels; grid: grid and
 * axis lines; first / second: the two series (first is the accent: TPR,
 * the corrected rate); error: what went wrong; success: what went well
 * (the saturation chart's quiet tail). A chart uses what it needs.
 * font: a Pango font description string ("Cantarell 11"); a missing
 * size means 10 pt. text_scale: the charts' text is this times the font
 * (0.83 is GTK's "caption" size). */
typedef struct
{
  ErrataChartRgba foreground;
  ErrataChartRgba dim;
  ErrataChartRgba grid;
  ErrataChartRgba first;
  ErrataChartRgba second;
  ErrataChartRgba error;
  ErrataChartRgba success;
  char            font[ERRATA_CHART_FONT_MAX];
  double          text_scale;
} ErrataChartStyle;

/* Adwaita's light and dark styles (libadwaita 1.2), for drawing without
 * a display. */
void errata_chart_style_init_light (ErrataChartStyle *style);
void errata_chart_style_init_dark  (ErrataChartStyle *style);
/* Sets dim and grid from foreground, as Adwaita derives them. */
void errata_chart_style_derive     (ErrataChartStyle *style);
/* Copies `font` (NULL: the default) into the style, truncated to fit. */
void errata_chart_style_set_font   (ErrataChartStyle *style,
                                    const char       *font);

G_END_DECLS
