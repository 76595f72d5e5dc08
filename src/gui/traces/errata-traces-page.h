/* errata-project-page.h: the Traces page, what a window shows once a
 * project is open.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-taxonomy.h"
#include "errata-trace-list-model.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_PROJECT_PAGE (errata_project_page_get_type ())

/* How far Ctrl+Enter looks ahead for an unreviewed trace before it gives
 * up: reading summaries costs about 20 µs a trace. */
#define ERRATA_PROJECT_PAGE_UNREVIEWED_SCAN 20000

G_DECLARE_FINAL_TYPE (ErrataProjectPage, errata_project_page, ERRATA, PROJECT_PAGE, GtkWidget)

GtkWidget            *errata_project_page_new               (ErrataProject     *project);
ErrataProject        *errata_project_page_get_project       (ErrataProjectPage *self);
ErrataTraceListModel *errata_project_page_get_model         (ErrataProjectPage *self);
const char           *errata_project_page_get_title         (ErrataProjectPage *self);
const char           *errata_project_page_get_subtitle      (ErrataProjectPage *self);
ErrataTrace          *errata_project_page_get_current_trace (ErrataProjectPage *self);
guint                 errata_project_page_get_selected      (ErrataProjectPage *self);
void                  errata_project_page_select            (ErrataProjectPage *self,
                                                             guint              position);
void                  errata_project_page_reload            (ErrataProjectPage *self);
gboolean              errata_project_page_flush             (ErrataProjectPage *self,
                                                             GError           **error);
void                  errata_project_page_show_toast        (ErrataProjectPage *self,
                                                             const char        *message);
void                  errata_project_page_set_taxonomy      (ErrataProjectPage *self,
                                                             ErrataTaxonomy    *taxonomy);
void                  errata_project_page_show_trace        (ErrataProjectPage *self,
                                                             gint64             trace_id);
void                  errata_project_page_set_failure_mode  (ErrataProjectPage *self,
                                                             gint64             mode_id);
gint64                errata_project_page_get_failure_mode  (ErrataProjectPage *self);

G_END_DECLS
