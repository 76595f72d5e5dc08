/* errata-alignment-view.h: how well one evaluator agrees with the human
 * labels on dev: the confusion matrix of a run (its cells open the traces
 * in them), TPR and TNR with their 95% intervals, kappa, accuracy, and
 * the chart of every version on dev.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-eval-metrics.h"
#include "errata-gate-panel.h"
#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_ALIGNMENT_VIEW (errata_alignment_view_get_type ())

G_DECLARE_FINAL_TYPE (ErrataAlignmentView, errata_alignment_view, ERRATA, ALIGNMENT_VIEW, GtkWidget)

GtkWidget *errata_alignment_view_new           (void);
void       errata_alignment_view_set_evaluator (ErrataAlignmentView *self,
                                                ErrataWorkspace     *workspace,
                                                gint64               evaluator_id);
/* The dev run shown (0: none), and its metrics; for the page and tests. */
gint64     errata_alignment_view_get_run       (ErrataAlignmentView *self);
gboolean   errata_alignment_view_get_metrics   (ErrataAlignmentView *self,
                                                ErrataEvalMetrics   *metrics);
guint      errata_alignment_view_get_n_versions_charted (ErrataAlignmentView *self);
/* The reviewers' agreement and the gate above the run, for tests. */
ErrataGatePanel *errata_alignment_view_get_gate_panel (ErrataAlignmentView *self);
/* "82% (70–90%)", "–" when undefined; shared with the test panel. */
char      *errata_format_rate                  (double               rate,
                                                ErrataInterval       interval,
                                                gboolean             defined);

G_END_DECLS
