/* errata-window.h: a main window, showing one project or the welcome page.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-evaluators-page.h"
#include "errata-failure-modes-page.h"
#include "errata-project.h"
#include "errata-report-page.h"
#include "errata-traces-page.h"
#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_WINDOW (errata_window_get_type ())

G_DECLARE_FINAL_TYPE (ErrataWindow, errata_window, ERRATA, WINDOW, AdwApplicationWindow)

ErrataWindow  *errata_window_new          (GtkApplication *application);
void           errata_window_open         (ErrataWindow   *self,
                                           GFile          *file);
void           errata_window_show_project (ErrataWindow   *self,
                                           ErrataProject  *project);
GFile         *errata_window_get_file     (ErrataWindow   *self);
ErrataProject *errata_window_get_project  (ErrataWindow   *self);
gboolean       errata_window_is_loading   (ErrataWindow   *self);
void           errata_window_show_error   (ErrataWindow   *self,
                                           const char     *heading,
                                           const char     *body);
void           errata_window_import_files (ErrataWindow   *self,
                                           GFile         **files,
                                           guint           n_files);
/* Previews merging a colleague's copy, then merges on the user's word. */
void           errata_window_merge_from   (ErrataWindow   *self,
                                           GFile          *other);
gboolean       errata_window_drop_files   (ErrataWindow   *self,
                                           GSList         *files);

ErrataWorkspace        *errata_window_get_workspace          (ErrataWindow *self);
const char             *errata_window_get_visible_page       (ErrataWindow *self);
const char             *errata_window_get_help_topic         (ErrataWindow *self);
ErrataTracesPage       *errata_window_get_traces_page        (ErrataWindow *self);
ErrataFailureModesPage *errata_window_get_failure_modes_page (ErrataWindow *self);
ErrataEvaluatorsPage   *errata_window_get_evaluators_page    (ErrataWindow *self);
ErrataReportPage       *errata_window_get_report_page        (ErrataWindow *self);

G_END_DECLS
