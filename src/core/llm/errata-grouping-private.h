/* errata-grouping-private.h: what the grouping suggester, its batches
 * (errata-grouping-batch.c) and its proposals share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-grouping-proposal.h"
#include "errata-llm-client.h"
#include "errata-taxonomy.h"

G_BEGIN_DECLS

/* Names match whatever the case and the surrounding blanks. */
char     *_errata_grouping_name_key    (const char *name);
gboolean  _errata_grouping_ids_contain (GArray     *ids,
                                        gint64      id);

ErrataGroupingResult *_errata_grouping_result_new (void);

/* One request's worth of notes. */
typedef struct
{
  guint       index;
  guint       first;      /* index of its first note in the run's cards */
  guint       count;
  GHashTable *ids;        /* "n12" → gint64 * annotation id */
  GPtrArray  *proposals;  /* parsed reply, of ErrataGroupingProposal */
  GError     *error;
} Batch;

/* A batch of `count` of `cards` (ErrataNoteCard) from `first`
 * (errata-grouping-batch.c). */
Batch            *_errata_grouping_batch_new        (guint            index,
                                                     GPtrArray       *cards,
                                                     guint            first,
                                                     guint            count);
void              _errata_grouping_batch_free       (gpointer         data);
/* The request for the batch's notes, `modes` (ErrataFailureMode) named
 * so that the model reuses their names. */
ErrataLlmRequest *_errata_grouping_batch_request    (Batch           *batch,
                                                     GPtrArray       *cards,
                                                     GPtrArray       *modes);
/* Fills batch->proposals from the reply; `n_unknown` counts the note ids
 * the batch does not have. */
gboolean          _errata_grouping_batch_read_reply (Batch           *batch,
                                                     ErrataLlmReply  *reply,
                                                     guint           *n_unknown,
                                                     GError         **error);

G_END_DECLS
