/* errata-synth-breakdown.h: where the user's system breaks, by dimension
 * value (and, on request, by pair of values): the failure rate of the
 * synthetic traces, overall and per failure mode, with its count and 95%
 * Wilson interval.
 *
 * It counts only what people decided here (DESIGN.md, "Labels"): a trace's
 * ground truth when it comes from the reviews made here or an explicit
 * label; imported labels are never counted, and disputed traces are left
 * out and counted apart.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-quantile.h"
#include "errata-synth-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64          target;      /* 0: overall, else a failure mode's id */
  char           *dimension;
  char           *value;
  char           *dimension2;  /* NULL unless a pair */
  char           *value2;
  guint           n;           /* traces with a decided label here */
  guint           n_fail;
  double          rate;        /* NAN when n is 0 */
  ErrataInterval  interval;    /* Wilson, 95% */
} ErrataSynthCell;

typedef struct
{
  gint64  target;
  char   *name;                /* "overall" or the mode's name */
  guint   n_traces;            /* synthetic traces */
  guint   n_labelled;          /* of them, with an undisputed label here */
  guint   n_fail;
  guint   n_disputed;
} ErrataSynthTargetCount;

typedef struct
{
  GPtrArray *targets;          /* of ErrataSynthTargetCount, overall first */
  GPtrArray *cells;            /* of ErrataSynthCell, by target, dimension, value */
} ErrataSynthBreakdown;

ErrataSynthBreakdown *errata_synth_breakdown_compute (ErrataProject  *project,
                                                      gboolean        pairs,
                                                      GError        **error);
void                  errata_synth_breakdown_free    (ErrataSynthBreakdown *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataSynthBreakdown, errata_synth_breakdown_free)

G_END_DECLS
