/* errata-preferences-window.h: the application's preferences.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_PREFERENCES_WINDOW (errata_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ErrataPreferencesWindow, errata_preferences_window,
                      ERRATA, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget          *errata_preferences_window_new              (GtkWindow               *parent);
AdwPreferencesPage *errata_preferences_window_get_general_page (ErrataPreferencesWindow *self);
void                errata_preferences_window_add_page         (ErrataPreferencesWindow *self,
                                                                AdwPreferencesPage      *page);

G_END_DECLS
