/* errata-import-summary.h: what an import did: counts, each file's format,
 * and the records it skipped with the reason.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-import-report.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_IMPORT_SUMMARY (errata_import_summary_get_type ())

G_DECLARE_FINAL_TYPE (ErrataImportSummary, errata_import_summary, ERRATA, IMPORT_SUMMARY, GtkBox)

/* `rows`: the ErrataImportFileRow of each file the user chose, in import
 * order, to name the files of the report. */
void errata_import_summary_show_report  (ErrataImportSummary *self,
                                         ErrataImportReport  *report,
                                         GPtrArray           *rows);
/* Cancelled, or the project failed halfway (a full disk): `kept` traces
 * were saved before. */
void errata_import_summary_show_stopped (ErrataImportSummary *self,
                                         const GError        *error,
                                         guint                kept);

G_END_DECLS
