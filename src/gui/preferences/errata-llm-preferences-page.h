/* errata-llm-preferences-page.h: the language-model provider, key and limits.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_LLM_PREFERENCES_PAGE (errata_llm_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (ErrataLlmPreferencesPage, errata_llm_preferences_page,
                      ERRATA, LLM_PREFERENCES_PAGE, AdwPreferencesPage)

AdwPreferencesPage *errata_llm_preferences_page_new           (void);
gboolean            errata_llm_preferences_page_is_testing    (ErrataLlmPreferencesPage *self);

G_END_DECLS
