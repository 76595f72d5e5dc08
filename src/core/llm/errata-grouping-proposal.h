/* errata-grouping-proposal.h: a failure mode an LLM proposed for some
 * notes, and the result of a grouping run.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-taxonomy.h"

G_BEGIN_DECLS

#define ERRATA_GROUPING_ERROR (errata_grouping_error_quark ())

typedef enum
{
  ERRATA_GROUPING_ERROR_NO_NOTES,     /* nothing to group */
  ERRATA_GROUPING_ERROR_NOTES_GONE,   /* accepting: none of its notes exist any more */
} ErrataGroupingError;

#define ERRATA_TYPE_GROUPING_PROPOSAL (errata_grouping_proposal_get_type ())

/* One proposed failure mode. Every annotation id is one the suggester
 * sent; ids the model made up never get here. The GUI may edit name and
 * definition before accepting. */
typedef struct
{
  char   *name;
  char   *definition;
  GArray *annotation_ids;     /* of gint64, in note order */
  gint64  existing_mode_id;   /* > 0: the name is that of an existing mode */
} ErrataGroupingProposal;

#define ERRATA_TYPE_GROUPING_RESULT (errata_grouping_result_get_type ())

typedef struct
{
  GPtrArray *proposals;         /* of ErrataGroupingProposal, most notes first */
  guint      n_notes;           /* notes sent */
  guint      n_batches;
  guint      n_batches_failed;
  guint      n_unknown_ids;     /* note references the model made up, ignored */
  guint      n_empty_dropped;   /* proposals left without a valid note */
  GPtrArray *batch_errors;      /* of GError: one per failed batch, message says which */
  gint64     tokens_in;
  gint64     tokens_out;
  double     cost;              /* US dollars */
} ErrataGroupingResult;

GQuark                   errata_grouping_error_quark               (void);

GType                    errata_grouping_proposal_get_type         (void) G_GNUC_CONST;
ErrataGroupingProposal  *errata_grouping_proposal_new              (const char               *name,
                                                                    const char               *definition);
ErrataGroupingProposal  *errata_grouping_proposal_copy             (const ErrataGroupingProposal *self);
void                     errata_grouping_proposal_free             (ErrataGroupingProposal   *self);
void                     errata_grouping_proposal_set_name         (ErrataGroupingProposal   *self,
                                                                    const char               *name);
void                     errata_grouping_proposal_set_definition   (ErrataGroupingProposal   *self,
                                                                    const char               *definition);
gint64                   errata_grouping_proposal_accept           (ErrataGroupingProposal   *self,
                                                                    ErrataTaxonomy           *taxonomy,
                                                                    GError                  **error);

GType                    errata_grouping_result_get_type           (void) G_GNUC_CONST;
ErrataGroupingResult    *errata_grouping_result_copy               (const ErrataGroupingResult *self);
void                     errata_grouping_result_free               (ErrataGroupingResult     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataGroupingProposal, errata_grouping_proposal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataGroupingResult, errata_grouping_result_free)

G_END_DECLS
