/* errata-binomial.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-binomial.h"

#include <float.h>
#include <math.h>

/* log C(n, m), summed over the shorter side: O(min (m, n − m)) once per
 * law. AUTO only takes EXACT when σ² < 1000, where min (k, n − k) < 2000
 * (σ² ≥ min (k, n − k) / 2), and the mode is within one of k. (lgamma()
 * would be O(1), but it writes the global signgam, and estimates run in
 * worker threads.) */
static double
log_choose (guint n,
            guint m)
{
  guint j = MIN (m, n - m);
  double sum = 0.0;

  for (guint i = 1; i <= j; i++)
    sum += log ((double) (n - j + i) / i);
  return sum;
}

static void
init_exact (ErrataBinomial *binomial)
{
  guint n = binomial->n, k = binomial->k;
  double q = (double) k / n;

  binomial->method = ERRATA_BINOMIAL_EXACT;
  binomial->mode = (guint) (((guint64) n + 1) * k / n);
  binomial->odds = (double) k / (n - k);
  binomial->p_mode = exp (log_choose (n, binomial->mode)
                          + binomial->mode * log (q)
                          + (n - binomial->mode) * log ((double) (n - k) / n));
}

/**
 * errata_binomial_init:
 * @binomial: (out caller-allocates): the law to set up
 * @n: items in a resample, at least 1
 * @k: of the @n items resampled from, how many pass (at most @n)
 * @method: how to draw; %ERRATA_BINOMIAL_AUTO unless testing a method
 *
 * Sets up draws from Binomial(@n, @k / @n): the passes among @n items
 * drawn with replacement from @n items of which @k pass. See
 * #ErrataBinomialMethod for the methods and when AUTO takes which.
 */
void
errata_binomial_init (ErrataBinomial       *binomial,
                      guint                 n,
                      guint                 k,
                      ErrataBinomialMethod  method)
{
  g_return_if_fail (binomial != NULL);
  g_return_if_fail (n > 0 && k <= n);

  *binomial = (ErrataBinomial) { .n = n, .k = k, .mode = k };
  binomial->sd = sqrt ((double) k * (n - k) / n);

  /* Every item passes, or none does: every resample is the same. */
  if (k == 0 || k == n)
    {
      binomial->method = ERRATA_BINOMIAL_EXACT;
      binomial->p_mode = 1.0;
      return;
    }

  if (method == ERRATA_BINOMIAL_AUTO)
    method = binomial->sd * binomial->sd >= ERRATA_BINOMIAL_NORMAL_MIN_VARIANCE
             ? ERRATA_BINOMIAL_NORMAL : ERRATA_BINOMIAL_EXACT;
  if (method == ERRATA_BINOMIAL_EXACT)
    init_exact (binomial);
  else
    binomial->method = ERRATA_BINOMIAL_NORMAL;
}

/* Inversion: walk outwards from the mode, one step down then one step up,
 * taking each value's probability off the uniform draw until it runs out.
 * Any order of the values is a valid inversion; this one visits the
 * likely values first, so a draw visits about 1.6 σ values, and each one's
 * probability comes from its neighbour's by the ratio of the law:
 *   P(x + 1) / P(x) = (n − x) / (x + 1) · k / (n − k). */
static guint
draw_exact (const ErrataBinomial *b,
            ErrataRandom         *rng)
{
  double u = errata_random_double (rng) - b->p_mode;
  double p_lo = b->p_mode, p_hi = b->p_mode;
  guint lo = b->mode, hi = b->mode;

  while (u >= 0.0)
    {
      if (lo > 0)
        {
          p_lo *= lo / ((b->n - lo + 1) * b->odds);
          lo--;
          u -= p_lo;
          if (u < 0.0)
            return lo;
        }
      else
        p_lo = 0.0;
      if (hi < b->n)
        {
          p_hi *= (double) (b->n - hi) / (hi + 1) * b->odds;
          hi++;
          u -= p_hi;
          if (u < 0.0)
            return hi;
        }
      else
        p_hi = 0.0;
      /* The probabilities, summed in doubles, may fall short of 1 by a
       * few ulps: a u in that gap would walk to 0 and n (billions of
       * steps for a large n). Past where both tails add less than any
       * double can tell from 1, what is left of u is rounding: take the
       * mode (a chance of about 1e-16 per draw). */
      if (p_lo < DBL_EPSILON * 1e-3 && p_hi < DBL_EPSILON * 1e-3)
        break;
    }
  return b->mode;
}

/* A standard normal Z by Box–Muller from two uniforms; 1 − u keeps the
 * logarithm's argument in (0, 1]. */
static double
draw_z (ErrataRandom *rng)
{
  double u1 = errata_random_double (rng);
  double u2 = errata_random_double (rng);

  return sqrt (-2.0 * log (1.0 - u1)) * cos (2.0 * G_PI * u2);
}

/* Why the normal law is good enough from σ² ≥ 1000: the binomial's
 * skewness is (1 − 2k/n) / σ ≤ 0.032 there, and by the Cornish–Fisher
 * expansion that moves its 2.5% and 97.5% quantiles by at most
 * γ (z² − 1) / 6 ≈ 0.015 σ from the normal's (the excess kurtosis term is
 * a hundred times smaller). A percentile bootstrap of 20,000 draws cannot see
 * that: its own 2.5% percentile wanders by about 0.019 σ from one seed to
 * the next (√(0.025 · 0.975 / 20,000) / φ(1.96)). Rounding to the nearest
 * integer is the continuity correction, so the draw falls on the lattice
 * with the right probabilities; the clamp only matters past 31 σ. */
static guint
draw_normal (const ErrataBinomial *b,
             ErrataRandom         *rng)
{
  double x = floor (b->k + b->sd * draw_z (rng) + 0.5);

  return (guint) CLAMP (x, 0.0, (double) b->n);
}

/**
 * errata_binomial_draw:
 * @binomial: a law set up by errata_binomial_init()
 * @rng: a seeded generator
 *
 * Returns: a draw from the law, in [0, n]: the passes in one resample.
 */
guint
errata_binomial_draw (const ErrataBinomial *binomial,
                      ErrataRandom         *rng)
{
  g_return_val_if_fail (binomial != NULL, 0);
  g_return_val_if_fail (rng != NULL, 0);

  if (binomial->k == 0 || binomial->k == binomial->n)
    return binomial->k;
  if (binomial->method == ERRATA_BINOMIAL_NORMAL)
    return draw_normal (binomial, rng);
  return draw_exact (binomial, rng);
}
