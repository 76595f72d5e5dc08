/* errata-disagreement-browser.h: the traces where a run's verdicts and
 * the human labels differ (or any other cell of the confusion matrix),
 * each with the trace, the human's label and notes beside the judge's
 * reasoning, and a way to correct the human label.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

/* Which traces of a run the browser lists, by the cell of the confusion
 * matrix they fall in (positive class = pass, as in errata-eval-metrics.h).
 * Only traces whose label is undisputed today are in any cell. */
typedef enum
{
  ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS,          /* both off-diagonal cells (the default) */
  ERRATA_DISAGREEMENT_CELL_HUMAN_PASS_JUDGE_FAIL,  /* false negatives */
  ERRATA_DISAGREEMENT_CELL_HUMAN_FAIL_JUDGE_PASS,  /* false positives */
  ERRATA_DISAGREEMENT_CELL_BOTH_PASS,              /* true positives */
  ERRATA_DISAGREEMENT_CELL_BOTH_FAIL,              /* true negatives */
  ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR,            /* the judge gave no verdict */
} ErrataDisagreementCell;

#define ERRATA_TYPE_DISAGREEMENT_CELL (errata_disagreement_cell_get_type ())
GType    errata_disagreement_cell_get_type  (void) G_GNUC_CONST;
/* "disagreements", or a cell as the alignment view names it for
 * evaluators.show-cell: "pass-pass", "pass-fail", "fail-pass",
 * "fail-fail", "error". FALSE for any other name. */
gboolean errata_disagreement_cell_from_nick (const char             *nick,
                                             ErrataDisagreementCell *cell);

#define ERRATA_TYPE_DISAGREEMENT_BROWSER (errata_disagreement_browser_get_type ())

G_DECLARE_FINAL_TYPE (ErrataDisagreementBrowser, errata_disagreement_browser, ERRATA,
                      DISAGREEMENT_BROWSER, GtkWidget)

GtkWidget              *errata_disagreement_browser_new        (ErrataWorkspace           *workspace);
/* Shows the verdicts of `run_id` against today's labels for `target`.
 * Calling it again (same run or not) re-reads both, keeping the selected
 * trace when it is still listed; run_id 0 shows the "no run" state. */
void                    errata_disagreement_browser_set_run    (ErrataDisagreementBrowser *self,
                                                                gint64                     target,
                                                                gint64                     run_id);
gint64                  errata_disagreement_browser_get_run    (ErrataDisagreementBrowser *self);
void                    errata_disagreement_browser_set_cell   (ErrataDisagreementBrowser *self,
                                                                ErrataDisagreementCell     cell);
ErrataDisagreementCell  errata_disagreement_browser_get_cell   (ErrataDisagreementBrowser *self);
/* The traces listed now (those of the cell). */
guint                   errata_disagreement_browser_get_n_items (ErrataDisagreementBrowser *self);
/* The trace shown on the right, or 0 when none is. */
gint64                  errata_disagreement_browser_get_selected_trace (ErrataDisagreementBrowser *self);

G_END_DECLS
