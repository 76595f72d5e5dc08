/* errata-disagreement-item.h: one trace of a run in the disagreement
 * browser: its verdict and today's human label, as a list item.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "errata-ground-truth.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_DISAGREEMENT_ITEM (errata_disagreement_item_get_type ())

G_DECLARE_FINAL_TYPE (ErrataDisagreementItem, errata_disagreement_item, ERRATA,
                      DISAGREEMENT_ITEM, GObject)

ErrataDisagreementItem *errata_disagreement_item_new             (gint64              trace_id,
                                                                  const char         *external_id,
                                                                  ErrataJudgeVerdict  judge,
                                                                  const ErrataTruth  *truth);
gint64                  errata_disagreement_item_get_trace_id    (ErrataDisagreementItem *self);
const char             *errata_disagreement_item_get_external_id (ErrataDisagreementItem *self);
ErrataJudgeVerdict      errata_disagreement_item_get_judge       (ErrataDisagreementItem *self);
ErrataVerdict           errata_disagreement_item_get_human       (ErrataDisagreementItem *self);
ErrataLabelSource       errata_disagreement_item_get_source      (ErrataDisagreementItem *self);
/* After a correction: the label as it is now (notifies "summary"). */
void                    errata_disagreement_item_set_truth       (ErrataDisagreementItem *self,
                                                                  const ErrataTruth      *truth);
/* "You: pass · Judge: fail", the row's second line. */
const char             *errata_disagreement_item_get_summary     (ErrataDisagreementItem *self);

G_END_DECLS
