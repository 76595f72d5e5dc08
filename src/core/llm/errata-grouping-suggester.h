/* errata-grouping-suggester.h: an LLM proposes failure modes for the
 * notes (axial coding); the user accepts or rejects each proposal.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-grouping-proposal.h"
#include "errata-llm-client.h"
#include "errata-taxonomy.h"

G_BEGIN_DECLS

/* Which notes go to the model. */
typedef enum
{
  ERRATA_GROUPING_SCOPE_UNSORTED,  /* only notes in no failure mode yet */
  ERRATA_GROUPING_SCOPE_ALL,
} ErrataGroupingScope;

#define ERRATA_TYPE_GROUPING_SUGGESTER (errata_grouping_suggester_get_type ())

G_DECLARE_FINAL_TYPE (ErrataGroupingSuggester, errata_grouping_suggester,
                      ERRATA, GROUPING_SUGGESTER, GObject)

ErrataGroupingSuggester *errata_grouping_suggester_new             (ErrataTaxonomy           *taxonomy,
                                                                    ErrataLlmClient          *client);
void                     errata_grouping_suggester_set_scope       (ErrataGroupingSuggester  *self,
                                                                    ErrataGroupingScope       scope);
void                     errata_grouping_suggester_set_include_passing (ErrataGroupingSuggester *self,
                                                                        gboolean                 include_passing);
void                     errata_grouping_suggester_set_batch_size  (ErrataGroupingSuggester  *self,
                                                                    guint                     batch_size);
guint                    errata_grouping_suggester_count_traces    (ErrataGroupingSuggester  *self,
                                                                    GError                  **error);
void                     errata_grouping_suggester_run_async       (ErrataGroupingSuggester  *self,
                                                                    GCancellable             *cancellable,
                                                                    GAsyncReadyCallback       callback,
                                                                    gpointer                  user_data);
ErrataGroupingResult    *errata_grouping_suggester_run_finish      (ErrataGroupingSuggester  *self,
                                                                    GAsyncResult             *result,
                                                                    GError                  **error);

G_END_DECLS
