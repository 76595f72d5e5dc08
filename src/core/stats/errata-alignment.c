/* errata-alignment.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-alignment.h"

#include <math.h>

/**
 * errata_confusion_add:
 * @confusion: the matrix to add to
 * @human: the human label of the trace
 * @judge: the judge's verdict on it
 *
 * Counts one trace, for callers that stream rows instead of building an
 * array of ErrataLabelPair.
 */
void
errata_confusion_add (ErrataConfusion    *confusion,
                      ErrataVerdict       human,
                      ErrataJudgeVerdict  judge)
{
  g_return_if_fail (confusion != NULL);
  g_return_if_fail (judge <= ERRATA_JUDGE_ERROR);

  if (human == ERRATA_VERDICT_PASS)
    {
      if (judge == ERRATA_JUDGE_PASS)
        confusion->tp++;
      else if (judge == ERRATA_JUDGE_FAIL)
        confusion->fn++;
      else
        confusion->errors_human_pass++;
    }
  else if (human == ERRATA_VERDICT_FAIL)
    {
      if (judge == ERRATA_JUDGE_PASS)
        confusion->fp++;
      else if (judge == ERRATA_JUDGE_FAIL)
        confusion->tn++;
      else
        confusion->errors_human_fail++;
    }
  else
    {
      confusion->unlabelled++;
    }
}

/**
 * errata_confusion_from_pairs:
 * @pairs: (array length=n_pairs) (nullable): the labelled traces
 * @n_pairs: how many
 *
 * Returns: the confusion matrix of @pairs, pass as the positive class.
 */
ErrataConfusion
errata_confusion_from_pairs (const ErrataLabelPair *pairs,
                             gsize                  n_pairs)
{
  ErrataConfusion confusion = { 0 };

  g_return_val_if_fail (n_pairs == 0 || pairs != NULL, confusion);

  for (gsize i = 0; i < n_pairs; i++)
    errata_confusion_add (&confusion, pairs[i].human, pairs[i].judge);
  return confusion;
}

/**
 * errata_confusion_n_scored:
 * @confusion: a matrix
 *
 * Returns: the traces in the matrix, tp + fn + fp + tn: those with a human
 *   label and a judge verdict that is pass or fail.
 */
guint
errata_confusion_n_scored (const ErrataConfusion *confusion)
{
  g_return_val_if_fail (confusion != NULL, 0);

  return confusion->tp + confusion->fn + confusion->fp + confusion->tn;
}

/**
 * errata_wilson_interval:
 * @successes: k
 * @trials: n, with k ≤ n
 * @z: the normal quantile of the interval, e.g. %ERRATA_STATS_Z95
 *
 * The Wilson score interval for a proportion k / n (Wilson, 1927):
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Unlike the Wald
 * interval it stays inside [0, 1] and does not collapse to a point when
 * k is 0 or n, which small alignment sets make common.
 *
 * Returns: the interval; both ends NAN when @trials is 0.
 */
ErrataInterval
errata_wilson_interval (guint  successes,
                        guint  trials,
                        double z)
{
  ErrataInterval interval = { NAN, NAN };
  double n, p, z2, denominator, centre, half;

  g_return_val_if_fail (successes <= trials, interval);
  g_return_val_if_fail (z > 0.0, interval);

  if (trials == 0)
    return interval;

  n = trials;
  p = successes / n;
  z2 = z * z;
  denominator = 1.0 + z2 / n;
  centre = (p + z2 / (2.0 * n)) / denominator;
  half = z * sqrt (p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator;

  /* Rounding may push an end a hair outside [0, 1] when k is 0 or n. */
  interval.lower = CLAMP (centre - half, 0.0, 1.0);
  interval.upper = CLAMP (centre + half, 0.0, 1.0);
  return interval;
}

static double
rate (guint part,
      guint whole)
{
  return whole > 0 ? (double) part / whole : NAN;
}

/* Cohen's κ for a 2×2 table in closed form, 2(tp·tn − fn·fp) divided by
 * n²(1 − expected agreement), which avoids subtracting two nearly equal
 * proportions. */
static void
compute_kappa (ErrataAlignment *self)
{
  const ErrataConfusion *c = &self->confusion;
  double n = self->n;
  double human_pass = (double) c->tp + c->fn, human_fail = (double) c->fp + c->tn;
  double judge_pass = (double) c->tp + c->fp, judge_fail = (double) c->fn + c->tn;
  double chance_disagreement = human_pass * judge_fail + human_fail * judge_pass;

  self->expected_agreement = (human_pass * judge_pass + human_fail * judge_fail) / (n * n);
  if (chance_disagreement == 0.0)
    {
      self->undefined |= ERRATA_ALIGNMENT_CHANCE_AGREEMENT_ONE;
      self->kappa = NAN;
      return;
    }
  self->kappa = 2.0 * ((double) c->tp * c->tn - (double) c->fn * c->fp) / chance_disagreement;
}

/**
 * errata_alignment_from_confusion:
 * @confusion: a matrix
 * @level: the confidence level of the Wilson intervals, in (0, 1);
 *   %ERRATA_STATS_DEFAULT_LEVEL is 0.95
 *
 * Computes the rates of @confusion (see #ErrataAlignment for what each
 * counts). Nothing is refused: what cannot be computed is NAN, with the
 * reason in the `undefined` flags.
 *
 * Returns: the rates.
 */
ErrataAlignment
errata_alignment_from_confusion (const ErrataConfusion *confusion,
                                 double                 level)
{
  ErrataAlignment self = { 0 };
  double z;

  g_return_val_if_fail (confusion != NULL, self);
  g_return_val_if_fail (level > 0.0 && level < 1.0, self);

  self.confusion = *confusion;
  self.n = errata_confusion_n_scored (confusion);
  self.level = level;
  z = errata_normal_two_sided_z (level);

  self.tpr = rate (confusion->tp, confusion->tp + confusion->fn);
  self.tpr_interval = errata_wilson_interval (confusion->tp, confusion->tp + confusion->fn, z);
  self.tnr = rate (confusion->tn, confusion->fp + confusion->tn);
  self.tnr_interval = errata_wilson_interval (confusion->tn, confusion->fp + confusion->tn, z);
  self.accuracy = rate (confusion->tp + confusion->tn, self.n);
  self.balanced_accuracy = (self.tpr + self.tnr) / 2.0;

  if (confusion->tp + confusion->fn == 0)
    self.undefined |= ERRATA_ALIGNMENT_NO_HUMAN_PASS;
  if (confusion->fp + confusion->tn == 0)
    self.undefined |= ERRATA_ALIGNMENT_NO_HUMAN_FAIL;

  if (self.n == 0)
    {
      self.undefined |= ERRATA_ALIGNMENT_NO_PAIRS;
      self.expected_agreement = NAN;
      self.kappa = NAN;
    }
  else
    {
      compute_kappa (&self);
    }

  return self;
}
