/* errata-traces-page.h: the Traces page, what a window shows once a
 * project is open.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-trace-list-model.h"
#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TRACES_PAGE (errata_traces_page_get_type ())

/* How far Ctrl+Enter looks ahead for an unreviewed trace before it gives
 * up: reading summaries costs about 20 µs a trace. */
#define ERRATA_TRACES_PAGE_UNREVIEWED_SCAN 20000

G_DECLARE_FINAL_TYPE (ErrataTracesPage, errata_traces_page, ERRATA, TRACES_PAGE, GtkWidget)

GtkWidget            *errata_traces_page_new               (ErrataWorkspace   *workspace);
ErrataWorkspace      *errata_traces_page_get_workspace     (ErrataTracesPage *self);
ErrataProject        *errata_traces_page_get_project       (ErrataTracesPage *self);
ErrataTraceListModel *errata_traces_page_get_model         (ErrataTracesPage *self);
const char           *errata_traces_page_get_title         (ErrataTracesPage *self);
const char           *errata_traces_page_get_subtitle      (ErrataTracesPage *self);
ErrataTrace          *errata_traces_page_get_current_trace (ErrataTracesPage *self);
guint                 errata_traces_page_get_selected      (ErrataTracesPage *self);
void                  errata_traces_page_select            (ErrataTracesPage *self,
                                                             guint              position);
void                  errata_traces_page_reload            (ErrataTracesPage *self);
gboolean              errata_traces_page_flush             (ErrataTracesPage *self,
                                                             GError           **error);
void                  errata_traces_page_show_toast        (ErrataTracesPage *self,
                                                             const char        *message);
void                  errata_traces_page_show_trace        (ErrataTracesPage *self,
                                                             gint64             trace_id);
void                  errata_traces_page_set_failure_mode  (ErrataTracesPage *self,
                                                             gint64             mode_id);
gint64                errata_traces_page_get_failure_mode  (ErrataTracesPage *self);
/* The adjudication queue of a target (0 overall, or a failure mode). */
void                  errata_traces_page_show_disputes     (ErrataTracesPage *self,
                                                             gint64             target);
/* Shows only the traces whose metadata `field` (dotted path) is `value`. */
void                  errata_traces_page_set_metadata_filter (ErrataTracesPage *self,
                                                              const char       *field,
                                                              const char       *value);

G_END_DECLS
