/* errata-report-page-private.h: what the Report page's files share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-report-page.h"

G_BEGIN_DECLS

struct _ErrataReportPage
{
  GtkWidget        parent_instance;

  ErrataWorkspace *workspace;
  ErrataReport    *report;
  GCancellable    *cancellable;   /* of the gathering under way, or NULL */

  AdwToastOverlay *toast_overlay;
  GtkBox          *content;
};

/* errata-report-page-build.c: the widgets of a report. */
void _errata_report_page_build             (ErrataReportPage *self);
/* errata-report-page-export.c: Export HTML…, Export PDF…, Print. */
void _errata_report_page_class_add_exports (GtkWidgetClass   *widget_class);
void _errata_report_page_show_toast        (ErrataReportPage *self,
                                            const char       *text);

G_END_DECLS
