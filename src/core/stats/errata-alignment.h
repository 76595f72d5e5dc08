/* errata-alignment.h: how well a judge agrees with the human labels.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-types.h"
#include "errata-quantile.h"

G_BEGIN_DECLS

/* What an evaluator (an LLM judge or a code check) said about a trace.
 * ERROR means it gave no verdict (the call failed, the reply could not be
 * read): such a trace is counted beside the matrix, never as pass or fail. */
typedef enum
{
  ERRATA_JUDGE_PASS,
  ERRATA_JUDGE_FAIL,
  ERRATA_JUDGE_ERROR,
} ErrataJudgeVerdict;

/* One labelled trace: the human's ground truth beside the judge's verdict.
 * @human is ERRATA_VERDICT_PASS or _FAIL; a pair whose human label is
 * ERRATA_VERDICT_UNSET carries no ground truth and is only counted. */
typedef struct
{
  ErrataVerdict      human;
  ErrataJudgeVerdict judge;
} ErrataLabelPair;

/* The confusion matrix with PASS as the positive class. Each count is a
 * number of traces:
 *   tp: human pass, judge pass      fn: human pass, judge fail
 *   fp: human fail, judge pass      tn: human fail, judge fail
 *   errors_human_pass / errors_human_fail: the judge errored on a trace
 *     the human passed / failed (in no cell of the matrix)
 *   unlabelled: the human label was unset (in no cell, whatever the judge said) */
typedef struct
{
  guint tp;
  guint fn;
  guint fp;
  guint tn;
  guint errors_human_pass;
  guint errors_human_fail;
  guint unlabelled;
} ErrataConfusion;

/* Why a figure of ErrataAlignment is NAN; 0 when all are defined. */
typedef enum
{
  ERRATA_ALIGNMENT_NO_PAIRS              = 1 << 0, /* no trace in the matrix: nothing is defined */
  ERRATA_ALIGNMENT_NO_HUMAN_PASS         = 1 << 1, /* tp + fn = 0: TPR undefined */
  ERRATA_ALIGNMENT_NO_HUMAN_FAIL         = 1 << 2, /* fp + tn = 0: TNR undefined */
  ERRATA_ALIGNMENT_CHANCE_AGREEMENT_ONE  = 1 << 3, /* human and judge both used one and the
                                                    * same verdict for every trace: κ = 0/0 */
} ErrataAlignmentFlags;

/* The rates of a confusion matrix. Every rate counts only the traces in
 * the matrix (n = tp + fn + fp + tn): judge errors and unlabelled traces
 * are left out, and reported in @confusion. An undefined figure is NAN and
 * @undefined says why.
 *
 *   tpr = tp / (tp + fn): P(judge pass | human pass), the share of the
 *         traces the human passed that the judge passed too
 *   tnr = tn / (fp + tn): P(judge fail | human fail)
 *   *_interval: Wilson score interval at @level
 *   accuracy = (tp + tn) / n
 *   balanced_accuracy = (tpr + tnr) / 2: accuracy that a lopsided split of
 *         pass and fail cannot inflate
 *   expected_agreement: the agreement two raters with these margins would
 *         reach by chance, Σ over verdicts of P(human v) · P(judge v)
 *   kappa: Cohen's κ = (accuracy − expected) / (1 − expected) */
typedef struct
{
  ErrataConfusion      confusion;
  guint                n;
  double               level;
  double               tpr;
  ErrataInterval       tpr_interval;
  double               tnr;
  ErrataInterval       tnr_interval;
  double               accuracy;
  double               balanced_accuracy;
  double               expected_agreement;
  double               kappa;
  ErrataAlignmentFlags undefined;
} ErrataAlignment;

void            errata_confusion_add            (ErrataConfusion       *confusion,
                                                 ErrataVerdict          human,
                                                 ErrataJudgeVerdict     judge);
ErrataConfusion errata_confusion_from_pairs     (const ErrataLabelPair *pairs,
                                                 gsize                  n_pairs);
guint           errata_confusion_n_scored       (const ErrataConfusion *confusion);
ErrataAlignment errata_alignment_from_confusion (const ErrataConfusion *confusion,
                                                 double                 level);
ErrataInterval  errata_wilson_interval          (guint                  successes,
                                                 guint                  trials,
                                                 double                 z);

G_END_DECLS
