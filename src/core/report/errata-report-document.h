/* errata-report-document.h: the report laid out in pages with Pango, for
 * a PDF file (cairo's PDF surface) or a printer (GtkPrintOperation hands
 * the same calls its cairo context, page by page).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "errata-report.h"

G_BEGIN_DECLS

typedef struct _ErrataReportDocument ErrataReportDocument;

/* A4, in points. */
#define ERRATA_REPORT_PAGE_WIDTH  595.0
#define ERRATA_REPORT_PAGE_HEIGHT 842.0

/* The document keeps a pointer to `report`, which must outlive it. */
ErrataReportDocument *errata_report_document_new       (const ErrataReport   *report);
void                  errata_report_document_free      (ErrataReportDocument *document);

/* Lays the blocks out on pages of `width` × `height` (in the units of
 * `cr`, which Pango measures with) and returns the number of pages. */
guint                 errata_report_document_paginate  (ErrataReportDocument *document,
                                                        cairo_t              *cr,
                                                        double                width,
                                                        double                height);
/* Draws page `page` (from 0) of the last pagination onto `cr`. */
void                  errata_report_document_draw_page (ErrataReportDocument *document,
                                                        cairo_t              *cr,
                                                        guint                 page);

/* The whole report as a PDF file, replaced in one step. */
gboolean              errata_report_write_pdf          (const ErrataReport   *report,
                                                        GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataReportDocument, errata_report_document_free)

G_END_DECLS
