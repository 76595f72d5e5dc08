/* errata-flakiness.h: how much a judge's verdicts change when it is run again.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-agreement.h"
#include "errata-alignment.h"

G_BEGIN_DECLS

/* K runs of the same judge over the same traces, each run a vector of
 * verdicts in the same trace order. Errors are left out: a trace is
 * compared when at least two runs gave it a pass or fail verdict.
 *
 *   n_changed / n_compared = changed_share: the share of compared traces
 *     that did not get the same verdict in every run
 *   fleiss_kappa: Fleiss' κ with the runs as raters (pass and fail as the
 *     categories, errors as missing ratings; see errata-agreement.h), with
 *     its bootstrap interval over traces: 1 is a perfectly stable judge,
 *     0 one whose repeats agree no more than chance would make them */
typedef struct
{
  gsize                      n_traces;      /* traces in each run */
  guint                      n_runs;        /* K */
  guint                      n_compared;    /* traces with pass/fail verdicts in 2+ runs */
  guint                      n_changed;     /* of those, traces whose verdict changed */
  double                     changed_share; /* n_changed / n_compared */
  guint                      n_errors;      /* error verdicts over all runs */
  ErrataAgreementCoefficient fleiss_kappa;
} ErrataFlakiness;

gboolean errata_estimate_flakiness (const ErrataJudgeVerdict * const *runs,
                                    guint                             n_runs,
                                    gsize                             n_traces,
                                    const ErrataBootstrapOptions     *options,
                                    ErrataFlakiness                  *out,
                                    GError                          **error);

G_END_DECLS
