/* errata-interval-chart.h: an estimated failure rate: the raw rate, and
 * the corrected rate with its 95% interval (src/core/charts draws it).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-chart-interval.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_INTERVAL_CHART (errata_interval_chart_get_type ())

G_DECLARE_FINAL_TYPE (ErrataIntervalChart, errata_interval_chart, ERRATA, INTERVAL_CHART, GtkWidget)

GtkWidget *errata_interval_chart_new             (void);
/* Rates are fractions in 0..1; `raw` may be NAN (not shown). */
void       errata_interval_chart_set_estimate    (ErrataIntervalChart *self,
                                                  double               raw,
                                                  double               corrected,
                                                  double               lo,
                                                  double               hi);
/* Back to "No estimate yet". */
void       errata_interval_chart_clear           (ErrataIntervalChart *self);
gboolean   errata_interval_chart_has_estimate    (ErrataIntervalChart *self);
/* What the tooltip says with the pointer at x, y (widget coordinates, at
 * the current size); NULL away from the markers and the bar. */
char      *errata_interval_chart_dup_tooltip     (ErrataIntervalChart *self,
                                                  double               x,
                                                  double               y);
/* The accessible description: the values in plain words. */
char      *errata_interval_chart_dup_description (ErrataIntervalChart *self);

G_END_DECLS
