/* errata-chart-widget-style.h: an ErrataChartStyle from a widget's CSS,
 * for the widgets that wrap the charts of src/core/charts.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-chart-style.h"

G_BEGIN_DECLS

/* The widget's text colour, Adwaita's accent, error and success colours
 * and its palette's orange (light or dark as the style manager says), and the
 * widget's font at its size on screen. */
void errata_chart_style_init_from_widget (ErrataChartStyle *style,
                                          GtkWidget        *widget);

/* The colour of series @index of a chart with many (one per variant):
 * 0 is the style's first (the accent); then Adwaita's purple, green,
 * brown, yellow and blue, darker shades on a light background, lighter on
 * a dark one; they repeat after that. */
void errata_chart_style_series_colour    (const ErrataChartStyle *style,
                                          GtkWidget              *widget,
                                          guint                   index,
                                          ErrataChartRgba        *colour);

G_END_DECLS
