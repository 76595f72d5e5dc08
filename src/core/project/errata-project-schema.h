/* errata-project-schema.h: the project file's schema, version by version.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* migrations[v] turns a version v-1 file into version v. Migrations only
 * ever go forward, and each runs inside the opening transaction. Never edit
 * a released step: add a new one. */
extern const char * const errata_project_migrations[];
extern const guint errata_project_n_migrations;

G_END_DECLS
