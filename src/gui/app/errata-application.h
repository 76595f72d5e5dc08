/* errata-application.h: the Errata application.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_APPLICATION (errata_application_get_type ())

G_DECLARE_FINAL_TYPE (ErrataApplication, errata_application, ERRATA, APPLICATION, AdwApplication)

ErrataApplication *errata_application_new            (void);
void               errata_application_open_file      (ErrataApplication *self,
                                                      GFile             *file);
void               errata_application_create_project (ErrataApplication *self,
                                                      GFile             *chosen);

G_END_DECLS
