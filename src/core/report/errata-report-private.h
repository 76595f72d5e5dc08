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

/* Reviews made here, by any reviewer: what "reviewed" means in the
 * report. Imported (and merged) verdicts are counted apart. */
#define ERRATA_REPORT_HERE "a.origin = 'here' AND (a.verdict IS NOT NULL OR a.note <> '')"

const char *_errata_report_column_text  (sqlite3_stmt   *stmt,
                                         int             column);
gboolean    _errata_report_gather_modes (ErrataProject  *project,
                                         ErrataReport   *report,
                                         GError        **error);
gboolean    _errata_report_gather_judges (ErrataProject *project,
                                          ErrataReport  *report,
                                          GError       **error);

void        _errata_report_mode_free    (ErrataReportMode    *mode);
void        _errata_report_judge_free   (ErrataReportJudge   *judge);

G_END_DECLS
