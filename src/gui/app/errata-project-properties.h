/* errata-project-properties.h: what a project is and what it allows.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_PROJECT_PROPERTIES (errata_project_properties_get_type ())

G_DECLARE_FINAL_TYPE (ErrataProjectProperties, errata_project_properties,
                      ERRATA, PROJECT_PROPERTIES, AdwWindow)

/* A modal window over `parent`: the file, its traces, and the remote
 * providers the project allowed, each with Revoke. */
ErrataProjectProperties *errata_project_properties_new (GtkWindow     *parent,
                                                        ErrataProject *project);

G_END_DECLS
