/* errata-welcome-page.h: what a window shows before a project is open.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_WELCOME_PAGE (errata_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (ErrataWelcomePage, errata_welcome_page, ERRATA, WELCOME_PAGE, GtkWidget)

GtkWidget *errata_welcome_page_new (void);

G_END_DECLS
