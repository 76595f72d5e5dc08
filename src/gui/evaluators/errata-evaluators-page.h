/* errata-evaluators-page.h: the Evaluators page, where a failure mode
 * becomes a number: build a judge, align it with the expert on dev, test
 * it once, estimate the true failure rate.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_EVALUATORS_PAGE (errata_evaluators_page_get_type ())

G_DECLARE_FINAL_TYPE (ErrataEvaluatorsPage, errata_evaluators_page, ERRATA, EVALUATORS_PAGE,
                      GtkWidget)

GtkWidget       *errata_evaluators_page_new                (ErrataWorkspace      *workspace);
ErrataWorkspace *errata_evaluators_page_get_workspace      (ErrataEvaluatorsPage *self);
/* Re-reads evaluators, labels and runs (labels set on the Traces page). */
void             errata_evaluators_page_reload             (ErrataEvaluatorsPage *self);
void             errata_evaluators_page_show_evaluator     (ErrataEvaluatorsPage *self,
                                                            gint64                evaluator_id);
gint64           errata_evaluators_page_get_evaluator      (ErrataEvaluatorsPage *self);
/* The name of an evaluator whose definition has unsaved edits, or NULL. */
char            *errata_evaluators_page_dup_unsaved        (ErrataEvaluatorsPage *self);
/* Whether a run (or the LLM client it waits for) is in progress. */
gboolean         errata_evaluators_page_is_running         (ErrataEvaluatorsPage *self);

G_END_DECLS
