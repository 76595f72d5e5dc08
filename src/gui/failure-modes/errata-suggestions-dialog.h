/* errata-suggestions-dialog.h: failure modes a language model suggests,
 * accepted or rejected one by one.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-llm-client.h"
#include "errata-taxonomy.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_SUGGESTIONS_DIALOG (errata_suggestions_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ErrataSuggestionsDialog, errata_suggestions_dialog,
                      ERRATA, SUGGESTIONS_DIALOG, AdwWindow)

void                     errata_suggestions_dialog_present      (GtkWindow               *parent,
                                                                 ErrataTaxonomy          *taxonomy);
ErrataSuggestionsDialog *errata_suggestions_dialog_new          (GtkWindow               *parent,
                                                                 ErrataTaxonomy          *taxonomy,
                                                                 ErrataLlmClient         *client);
gboolean                 errata_suggestions_dialog_is_running   (ErrataSuggestionsDialog *self);
const char              *errata_suggestions_dialog_get_summary  (ErrataSuggestionsDialog *self);

G_END_DECLS
