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

G_END_DECLS
