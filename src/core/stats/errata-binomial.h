/* errata-binomial.h: how many of k passing items land in a resample of n,
 * drawn in constant time, for bootstraps that resample counts.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-random.h"

G_BEGIN_DECLS

/* Drawing n items with replacement from n items of which k pass, and
 * counting the passes, is a draw from Binomial(n, k/n). Doing it item by
 * item costs n random numbers; a bootstrap over a million unlabelled
 * verdicts cannot afford that 20,000 times, so a draw here costs a few
 * operations whatever n is:
 *
 * EXACT: inversion, searching outwards from the mode with the
 *   probabilities of the law itself (a few times its standard deviation
 *   in steps); the law is the exact one, up to the rounding of doubles.
 * NORMAL: round (k + σ·Z) to the nearest integer (the continuity
 *   correction), clamped to [0, n], σ² = k (n − k) / n; one normal Z.
 *
 * AUTO picks NORMAL when σ² ≥ ERRATA_BINOMIAL_NORMAL_MIN_VARIANCE and
 * EXACT below, so the choice rests on the variance, not on n: a million
 * verdicts with 10 passes is a skewed, Poisson-like law that a normal
 * would get wrong, and it is drawn exactly. */
#define ERRATA_BINOMIAL_NORMAL_MIN_VARIANCE 1000.0

typedef enum
{
  ERRATA_BINOMIAL_AUTO,
  ERRATA_BINOMIAL_EXACT,
  ERRATA_BINOMIAL_NORMAL,
} ErrataBinomialMethod;

/* Plain data, filled by errata_binomial_init(): declare it on the stack. */
typedef struct
{
  guint                n;       /* items drawn (and items to draw from) */
  guint                k;       /* of them, passing: the mean of a draw */
  ErrataBinomialMethod method;  /* EXACT or NORMAL, never AUTO once set up */
  double               sd;      /* σ = √(k (n − k) / n) */
  guint                mode;    /* EXACT: ⌊(n + 1) k / n⌋ */
  double               p_mode;  /* EXACT: the probability of the mode */
  double               odds;    /* EXACT: k / (n − k) */
} ErrataBinomial;

void  errata_binomial_init (ErrataBinomial       *binomial,
                            guint                 n,
                            guint                 k,
                            ErrataBinomialMethod  method);
guint errata_binomial_draw (const ErrataBinomial *binomial,
                            ErrataRandom         *rng);

G_END_DECLS
