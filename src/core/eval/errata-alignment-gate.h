/* errata-alignment-gate.h: may a judge be validated against these labels?
 * The reviewers' own agreement on a target, held against a threshold, and
 * the alternative annotator test of a judge's run against the reviewers.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-alt-test.h"
#include "errata-reviewer-agreement.h"

G_BEGIN_DECLS

/* Below this AC1 the reviewers do not share one reading of the target:
 * a judge's TPR and TNR against their labels measure agreement with
 * whichever reviewer labelled a trace. 0.6 is the usual floor of
 * "substantial" agreement (Landis and Koch's scale, which AC1 follows). */
#define ERRATA_GATE_DEFAULT_THRESHOLD 0.6
/* The project's threshold lives in its meta table: it is part of the
 * project's labelling standard, travels with the file to a colleague and
 * to CI, and errata-cli reads the same number the Evaluators page shows. */
#define ERRATA_GATE_THRESHOLD_META_KEY "agreement_threshold"
/* Fewer shared traces than this and the agreement is not measured well
 * enough to block anything (the agreement warnings use the same count). */
#define ERRATA_GATE_MIN_SHARED ERRATA_AGREEMENT_FEW_ITEMS

typedef enum
{
  ERRATA_GATE_OK,               /* the reviewers agree at least as much as the threshold */
  ERRATA_GATE_BLOCKED,          /* they agree less: no judge can be validated */
  ERRATA_GATE_NOT_ENOUGH_DATA,  /* one reviewer, or too few shared traces to say */
} ErrataGateState;

typedef struct
{
  double                 threshold;   /* NAN: the project's */
  ErrataAltTestOptions   alt_test;
  ErrataBootstrapOptions bootstrap;
} ErrataGateOptions;

/* The gate statistic is Gwet's AC1, not κ or α: failures are rare, so
 * nearly every rating is "pass" and chance agreement is high, where κ and α
 * collapse with one changed rating (the "kappa paradox") while AC1 stays
 * near the raw agreement. Its interval is the agreement's bootstrap.
 *
 * The agreement counts every trace two or more reviewers voted on, not
 * only the run's: the traces they disagree on are disputed and kept out of
 * the splits, so the dev and test traces alone would hide exactly the
 * disagreement the gate is about.
 *
 * The alternative annotator test compares the run's verdicts with the
 * reviewers on the shared traces the run judged (a disputed trace is in a
 * run only when it was assigned before the second review came in). */
typedef struct
{
  gint64                  target;
  gint64                  run_id;           /* 0: the gate alone, no judge */
  double                  threshold;
  ErrataGateState         state;
  ErrataReviewerAgreement agreement;        /* AC1: agreement.agreement.gwet_ac1 */
  gboolean                has_alt_test;     /* a run and two or more raters */
  ErrataAltTest           alt_test;         /* reviewers in the order of agreement.raters */
  guint                   n_shared_judged;  /* shared traces with a pass/fail verdict of the run */
  guint                   n_shared_unjudged;/* shared traces the run has no pass/fail verdict on */
} ErrataAlignmentGate;

ErrataGateOptions errata_gate_options_default          (void);

double   errata_alignment_gate_get_threshold (ErrataProject             *project);
gboolean errata_alignment_gate_set_threshold (ErrataProject             *project,
                                              double                     threshold,
                                              GError                   **error);

gboolean errata_alignment_gate_compute       (ErrataProject             *project,
                                              gint64                     target,
                                              gint64                     run_id,
                                              const ErrataGateOptions   *options,
                                              ErrataAlignmentGate       *out,
                                              GError                   **error);
void     errata_alignment_gate_clear         (ErrataAlignmentGate       *gate);

/* One sentence on the gate's state, with its numbers, translated. */
char    *errata_alignment_gate_describe      (const ErrataAlignmentGate *gate);
/* One sentence on the alternative annotator test's verdict, with its
 * numbers, translated; NULL without a test. */
char    *errata_alignment_gate_describe_alt_test (const ErrataAlignmentGate *gate);
/* The judge fails the gate: BLOCKED, or tested and not passed. */
gboolean errata_alignment_gate_failed        (const ErrataAlignmentGate *gate);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErrataAlignmentGate, errata_alignment_gate_clear)

G_END_DECLS
