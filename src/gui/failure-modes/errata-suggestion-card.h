/* errata-suggestion-card.h: one failure mode an LLM suggested, in the
 * suggestions dialog: its name and definition to edit, its notes, and
 * Accept / Reject.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-grouping-suggester.h"
#include "errata-taxonomy.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_SUGGESTION_CARD (errata_suggestion_card_get_type ())

G_DECLARE_FINAL_TYPE (ErrataSuggestionCard, errata_suggestion_card, ERRATA, SUGGESTION_CARD,
                      GtkWidget)

/* `proposal` must outlive the card (the dialog's result owns it);
 * `note_texts` maps annotation ids (gint64 *) to note text. */
GtkWidget *errata_suggestion_card_new (ErrataGroupingProposal *proposal,
                                       guint                   index,
                                       GHashTable             *note_texts,
                                       ErrataTaxonomy         *taxonomy);

G_END_DECLS
