/* errata-alignment-chart.h: a judge's TPR and TNR on dev, version by
 * version, with the test result apart (src/core/charts draws it).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-chart-alignment.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_ALIGNMENT_CHART (errata_alignment_chart_get_type ())

G_DECLARE_FINAL_TYPE (ErrataAlignmentChart, errata_alignment_chart, ERRATA, ALIGNMENT_CHART, GtkWidget)

GtkWidget *errata_alignment_chart_new              (void);
/* Copies `n` dev points (oldest version first) and `test` (nullable:
 * the judge has not been looked at on test). */
void       errata_alignment_chart_set_points       (ErrataAlignmentChart       *self,
                                                    const ErrataAlignmentPoint *points,
                                                    guint                       n,
                                                    const ErrataAlignmentPoint *test);
guint      errata_alignment_chart_get_n_points     (ErrataAlignmentChart       *self);
gboolean   errata_alignment_chart_has_test         (ErrataAlignmentChart       *self);
/* What the tooltip says with the pointer at x, y (widget coordinates, at
 * the current size); NULL away from the markers. */
char      *errata_alignment_chart_dup_tooltip      (ErrataAlignmentChart       *self,
                                                    double                      x,
                                                    double                      y);
/* The accessible description: every point's values in plain words. */
char      *errata_alignment_chart_dup_description  (ErrataAlignmentChart       *self);

G_END_DECLS
