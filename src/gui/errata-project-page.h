/* errata-project-page.h: what a window shows once a project is open.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-trace-list-model.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_PROJECT_PAGE (errata_project_page_get_type ())

G_DECLARE_FINAL_TYPE (ErrataProjectPage, errata_project_page, ERRATA, PROJECT_PAGE, GtkWidget)

GtkWidget            *errata_project_page_new          (ErrataTraceListModel *model);
ErrataProject        *errata_project_page_get_project  (ErrataProjectPage    *self);
ErrataTraceListModel *errata_project_page_get_model    (ErrataProjectPage    *self);
const char           *errata_project_page_get_title    (ErrataProjectPage    *self);
const char           *errata_project_page_get_subtitle (ErrataProjectPage    *self);

G_END_DECLS
