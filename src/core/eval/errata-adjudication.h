/* errata-adjudication.h: the traces whose label is disputed, per target,
 * what each reviewer said of them, and settling one with a reason.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-eval-types.h"
#include "errata-project.h"
#include "errata-review-edit.h"

G_BEGIN_DECLS

/* Who differs about a disputed label (errata-ground-truth.c's rule). */
typedef enum
{
  ERRATA_DISPUTE_REVIEWERS,  /* reviews made here (or merged) vote both ways */
  ERRATA_DISPUTE_IMPORTED,   /* no review votes; imported files differ */
} ErrataDisputeKind;

/* One annotator's say on the disputed label. */
typedef struct
{
  char                   *annotator;
  ErrataAnnotationOrigin  origin;
  ErrataVerdict           vote;          /* for the target: pass or fail */
  ErrataVerdict           verdict;       /* the review's overall verdict */
  char                   *note;
  int                     first_failure; /* message index, or -1 */
  gint64                  updated_at;    /* microseconds since the epoch */
} ErrataAdjudicationVote;

/* One trace of the queue for one target. */
typedef struct
{
  gint64             target;
  gint64             trace_id;
  char              *external_id;
  ErrataDisputeKind  kind;
  GPtrArray         *votes;  /* of ErrataAdjudicationVote: the side that
                              * disagrees (reviews, or imported labels),
                              * by annotator */
} ErrataAdjudicationItem;

/* The queue for a target (ERRATA_TARGET_OVERALL or a failure mode): every
 * trace whose label is disputed and not settled by an explicit label, by
 * trace id. Element type: ErrataAdjudicationItem. */
GPtrArray              *errata_adjudication_list           (ErrataProject  *project,
                                                            gint64          target,
                                                            GError        **error);
/* How long the queue is, without reading the votes. */
gboolean                errata_adjudication_count          (ErrataProject  *project,
                                                            gint64          target,
                                                            guint          *n_items,
                                                            GError        **error);
/* The trace's disputes, overall first and then each failure mode in
 * canvas order; empty when nothing about it is disputed. */
GPtrArray              *errata_adjudication_list_for_trace (ErrataProject  *project,
                                                            gint64          trace_id,
                                                            GError        **error);

/* Settles a disputed label: sets the explicit label (pass or fail) of the
 * trace for the target by `who`, with `reason` (required, not blank), in
 * one transaction, recorded in the label history. Refused with
 * ERRATA_EVAL_ERROR_INVALID when the label is not disputed (already
 * settled, or nobody differs). `edit` (when not NULL) receives the change
 * for an ErrataUndoStack (errata_review_edit_funcs). */
gboolean                errata_adjudication_settle         (ErrataProject     *project,
                                                            gint64             target,
                                                            gint64             trace_id,
                                                            ErrataVerdict      value,
                                                            const char        *who,
                                                            const char        *reason,
                                                            ErrataReviewEdit **edit,
                                                            GError           **error);

void                    errata_adjudication_item_free      (ErrataAdjudicationItem *item);
void                    errata_adjudication_vote_free      (ErrataAdjudicationVote *vote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataAdjudicationItem, errata_adjudication_item_free)

G_END_DECLS
