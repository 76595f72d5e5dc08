/* errata-report-page.h: the Report page, what a product manager reads:
 * what breaks, how often, how sure we are, what it looks like; exported
 * as HTML or PDF, or printed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-report.h"
#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_REPORT_PAGE (errata_report_page_get_type ())

G_DECLARE_FINAL_TYPE (ErrataReportPage, errata_report_page, ERRATA, REPORT_PAGE, GtkWidget)

GtkWidget          *errata_report_page_new         (ErrataWorkspace  *workspace);
ErrataWorkspace    *errata_report_page_get_workspace (ErrataReportPage *self);
/* Gathers the report again from the project as it stands, in a thread;
 * the page shows the new report when it is there. The window calls it
 * each time the page is shown; until then the page is empty. */
void                errata_report_page_reload      (ErrataReportPage *self);
/* Whether a gathering is under way. */
gboolean            errata_report_page_is_loading  (ErrataReportPage *self);
/* The report on screen (NULL when it could not be gathered). */
const ErrataReport *errata_report_page_get_report  (ErrataReportPage *self);
/* Write what the page shows, as Export HTML…/PDF… do once a file is
 * chosen; a toast says where, or what went wrong. */
gboolean            errata_report_page_export      (ErrataReportPage *self,
                                                    GFile            *file,
                                                    gboolean          pdf,
                                                    GError          **error);

/* Print: the dialog (PRINT_DIALOG, what the print button does), or the
 * print path's own PDF (EXPORT, to `export_filename`). */
gboolean            errata_report_page_print       (ErrataReportPage        *self,
                                                    GtkPrintOperationAction  action,
                                                    const char              *export_filename,
                                                    GError                 **error);

G_END_DECLS
