/* errata-saturation-chart.h: distinct failure modes against traces
 * reviewed, in review order; flat at the end means stop reviewing.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_SATURATION_CHART (errata_saturation_chart_get_type ())

G_DECLARE_FINAL_TYPE (ErrataSaturationChart, errata_saturation_chart, ERRATA, SATURATION_CHART,
                      GtkWidget)

GtkWidget *errata_saturation_chart_new       (void);
/* `curve` as from errata_taxonomy_saturation() (element type guint); the
 * last `window` reviews are shaded when they brought no new mode. */
void       errata_saturation_chart_set_curve (ErrataSaturationChart *self,
                                              GArray                *curve,
                                              guint                  window);
guint      errata_saturation_chart_get_n_points (ErrataSaturationChart *self);
guint      errata_saturation_chart_get_value (ErrataSaturationChart *self,
                                              guint                  index);
/* Where point `index` (after index + 1 reviews) is drawn, in widget
 * coordinates, at the current size. */
gboolean   errata_saturation_chart_get_point (ErrataSaturationChart *self,
                                              guint                  index,
                                              graphene_point_t      *point);

G_END_DECLS
