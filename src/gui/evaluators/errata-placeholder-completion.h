/* errata-placeholder-completion.h: completion of a judge prompt's
 * placeholders ({{input}}, {{output}}, …, {{metadata.KEY}}) after "{{".
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_PLACEHOLDER_COMPLETION (errata_placeholder_completion_get_type ())

G_DECLARE_FINAL_TYPE (ErrataPlaceholderCompletion, errata_placeholder_completion,
                      ERRATA, PLACEHOLDER_COMPLETION, GObject)

ErrataPlaceholderCompletion *errata_placeholder_completion_new      (void);
/* Metadata keys seen in the project's traces, offered as {{metadata.KEY}}. */
void        errata_placeholder_completion_set_metadata_keys (ErrataPlaceholderCompletion *self,
                                                             const char * const          *keys);
/* The placeholders ("{{output}}", …) that fit what is typed between the
 * last open "{{" and @iter; NULL when @iter is not inside an open "{{".
 * Element type: GtkSourceCompletionProposal, with a "text" property. */
GListModel *errata_placeholder_completion_propose           (ErrataPlaceholderCompletion *self,
                                                             const GtkTextIter           *iter);
/* Replaces the open "{{…" before the cursor with the whole placeholder
 * (what activating a proposal does). */
void        errata_placeholder_completion_apply             (ErrataPlaceholderCompletion *self,
                                                             GtkTextBuffer               *buffer,
                                                             GtkSourceCompletionProposal *proposal);

G_END_DECLS
