/* errata-quantile.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-quantile.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

/**
 * errata_percentile_sorted:
 * @sorted: (array length=n): values in ascending order, no NaN
 * @n: how many, at least 1
 * @percent: which percentile, in [0, 100]
 *
 * The percentile by linear interpolation between order statistics: the
 * value at the virtual index h = (n − 1) · percent / 100. This is numpy's
 * default (`method="linear"`, Hyndman and Fan's type 7), computed the way
 * numpy 1.22+ computes it (the interpolation is taken from the upper
 * neighbour when the fraction is ≥ 0.5), so that results agree with
 * `numpy.percentile` to the last bit, which the reference scripts rely on.
 *
 * Returns: the percentile, or NAN when @n is 0.
 */
double
errata_percentile_sorted (const double *sorted,
                          gsize         n,
                          double        percent)
{
  double h, t, a, b, diff;
  gsize below;

  g_return_val_if_fail (n == 0 || sorted != NULL, NAN);
  g_return_val_if_fail (percent >= 0.0 && percent <= 100.0, NAN);

  if (n == 0)
    return NAN;

  h = (double) (n - 1) * (percent / 100.0);
  below = (gsize) floor (h);
  if (below >= n - 1)
    return sorted[n - 1];

  t = h - (double) below;
  a = sorted[below];
  b = sorted[below + 1];
  diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * errata_percentile:
 * @values: (array length=n): values, no NaN; sorted in place
 * @n: how many
 * @percent: which percentile, in [0, 100]
 *
 * Sorts @values and returns errata_percentile_sorted().
 *
 * Returns: the percentile, or NAN when @n is 0.
 */
double
errata_percentile (double *values,
                   gsize   n,
                   double  percent)
{
  g_return_val_if_fail (n == 0 || values != NULL, NAN);

  if (n > 1)
    qsort (values, n, sizeof (double), compare_doubles);
  return errata_percentile_sorted (values, n, percent);
}

/**
 * errata_normal_cdf:
 * @x: a value
 *
 * Returns: P(Z ≤ @x) for a standard normal Z, from erfc() so that the far
 *   tails keep their relative precision.
 */
double
errata_normal_cdf (double x)
{
  return 0.5 * erfc (-x / G_SQRT2);
}

/**
 * errata_normal_quantile:
 * @p: a probability in (0, 1)
 *
 * The inverse of errata_normal_cdf(). Bisection brackets the root to a
 * few ulps (the cdf is monotone, so this cannot fail to converge), then
 * one Newton step polishes it: simpler to check than a rational
 * approximation, and as precise as the libm's erfc().
 *
 * Returns: z with Φ(z) = @p; −INFINITY at 0, INFINITY at 1.
 */
double
errata_normal_quantile (double p)
{
  double lo = -40.0, hi = 40.0, z, density;

  g_return_val_if_fail (p >= 0.0 && p <= 1.0, NAN);

  if (p == 0.0)
    return -INFINITY;
  if (p == 1.0)
    return INFINITY;
  /* 1 − p is exact here (Sterbenz), and the lower tail is where erfc()
   * keeps its relative precision. */
  if (p > 0.5)
    return -errata_normal_quantile (1.0 - p);

  for (guint i = 0; i < 200 && hi - lo > 4 * DBL_EPSILON * MAX (1.0, fabs (lo)); i++)
    {
      double mid = 0.5 * (lo + hi);

      if (errata_normal_cdf (mid) < p)
        lo = mid;
      else
        hi = mid;
    }

  z = 0.5 * (lo + hi);
  density = exp (-0.5 * z * z) / sqrt (2.0 * G_PI);
  if (density > 0.0)
    z -= (errata_normal_cdf (z) - p) / density;
  return z;
}

/**
 * errata_normal_two_sided_z:
 * @level: a confidence level in (0, 1), e.g. 0.95
 *
 * Returns: the z of a two-sided normal interval at @level, the quantile
 *   at 1 − (1 − @level) / 2 (1.959963984540054 at 0.95).
 */
double
errata_normal_two_sided_z (double level)
{
  g_return_val_if_fail (level > 0.0 && level < 1.0, NAN);

  return errata_normal_quantile (1.0 - (1.0 - level) / 2.0);
}
