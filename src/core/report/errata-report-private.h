/* errata-report-private.h: what the files that gather a report share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "errata-report.h"

G_BEGIN_DECLS

/* z for a two-sided 95% interval. */
#define ERRATA_REPORT_Z95 1.959963984540054

/* What "reviewed" means in the report: a review by any reviewer (made
 * here, or merged from a colleague's project; never an
 * imported label, DESIGN.md "Labels") that says something. */
#define ERRATA_REPORT_REVIEW \
  "a.origin <> 'imported' AND (a.verdict IS NOT NULL OR a.note <> '')"

const char *_errata_report_column_text  (sqlite3_stmt   *stmt,
                                         int             column);
gboolean    _errata_report_gather_modes (ErrataProject  *project,
                                         ErrataReport   *report,
                                         GError        **error);
gboolean    _errata_report_gather_judges (ErrataProject *project,
                                          ErrataReport  *report,
                                          GError       **error);

/* Never fails the report: a comparison that cannot be made leaves
 * report->experiment NULL. */
void        _errata_report_gather_experiment (ErrataProject *project,
                                              ErrataReport  *report);

void        _errata_report_mode_free    (ErrataReportMode    *mode);
void        _errata_report_judge_free   (ErrataReportJudge   *judge);

G_END_DECLS
